#!/usr/bin/env node
// Engine benchmark graphs: seeded synthetic supply networks and the real networks in ../shared.
//
//   node bench/generate.mjs [synth-10k synth-100k synth-1m power ca-grqc email-enron ...] [--tsv]
//
// Every graph is written once to bench/.cache/<name>.bin (git-ignored) as a canonical simple
// undirected edge list: nodes 0..n-1, each edge once with u < v, no self-loops, no duplicates.
// Binary layout (little-endian int32): n, m, source[m], target[m]. `--tsv` also writes <name>.tsv
// ("u<TAB>v" per line, a "# n m" header). A <name>.json sidecar keeps the parameters and the
// planted structure; a changed generator version or parameter regenerates the file.
//
// Synthetic graphs ("planted clusters plus planted chokepoints"):
//  - clusters of 20-80 nodes, each a ring (so no bridge inside a cluster) plus dense random edges;
//  - clusters are put into groups of ~20; inside a group, clusters are joined by a ring of
//    cluster-to-cluster edges plus sparse random edges;
//  - groups are joined only through hub nodes: each group has one hub tied to several of its
//    members and to the hub of a parent group (a random recursive tree over groups), so each hub
//    is an articulation point and every hub-hub edge is a bridge;
//  - long chains (10-200 nodes): most hang from one node (every chain node a cut point, every
//    chain edge a bridge), some close back into the same cluster (long cycles: no bridges).
// Node labels are shuffled with the same seeded generator so that no implementation gets
// artificially good memory locality. Same name, same seed => byte-identical file.
import { existsSync, mkdirSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const CACHE = process.env.BENCH_CACHE ?? join(here, '.cache');
export const SHARED_NETWORKS = process.env.BENCH_NETWORKS ?? join(here, '..', '..', 'shared', 'data', 'networks');
const GENERATOR_VERSION = 1;

export const SYNTHETIC = {
  'synth-10k': { nodes: 10_000, edges: 50_000, seed: 10 },
  'synth-100k': { nodes: 100_000, edges: 1_000_000, seed: 100 },
  'synth-1m': { nodes: 1_000_000, edges: 5_000_000, seed: 1000 },
};
export const REAL = {
  power: { file: 'power.gml', format: 'gml', about: 'US western power grid (Watts & Strogatz 1998)' },
  'ca-grqc': { file: 'ca-GrQc.txt', format: 'tsv', about: 'arXiv GR-QC co-authorship (SNAP)' },
  'email-enron': { file: 'email-enron.txt', format: 'tsv', about: 'Enron e-mail network (SNAP)' },
};
export const ALL_GRAPHS = [...Object.keys(SYNTHETIC), ...Object.keys(REAL)];

/**
 * The cluster layout both bundle generators share (bench/bundle.mjs, bench/pipeline-bundle.mjs): clusters of 20-80
 * consecutive entities, drawn with `int` (the caller's seeded integer draw), and regions of 20 clusters.
 */
export function clusterLayout(n, int) {
  const start = [];
  for (let i = 0; i < n; ) { start.push(i); i += int(20, 80); }
  start.push(n);
  const clusters = start.length - 1;
  const clusterOf = new Int32Array(n);
  for (let c = 0; c < clusters; c++) for (let i = start[c]; i < Math.min(n, start[c + 1]); i++) clusterOf[i] = c;
  const regionOf = (c) => Math.floor(c / 20);
  return { start, clusters, clusterOf, regionOf, regions: regionOf(clusters - 1) + 1 };
}

export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Collects unique undirected edges (u < v) in insertion order. */
class EdgeSet {
  constructor(n, capacity) {
    this.n = n;
    this.seen = new Set();
    this.src = new Int32Array(capacity);
    this.dst = new Int32Array(capacity);
    this.m = 0;
  }
  add(u, v) {
    if (u === v) return false;
    if (u > v) [u, v] = [v, u];
    const key = u * this.n + v;
    if (this.seen.has(key)) return false;
    if (this.m === this.src.length) {
      const grow = (a) => { const b = new Int32Array(a.length * 2); b.set(a); return b; };
      this.src = grow(this.src);
      this.dst = grow(this.dst);
    }
    this.seen.add(key);
    this.src[this.m] = u;
    this.dst[this.m] = v;
    this.m++;
    return true;
  }
}

/** Planted clusters + planted chokepoints, `nodes` nodes and exactly `edges` edges. */
export function synthesize({ nodes: n, edges: targetEdges, seed }) {
  const rand = mulberry32(seed);
  const int = (a, b) => a + Math.floor(rand() * (b - a + 1));
  const es = new EdgeSet(n, targetEdges + 16);

  // Reserve nodes: hubs and chains first, the rest go to clusters.
  const chainCount = Math.max(4, Math.round(n / 2000));
  const chainLengths = Array.from({ length: chainCount }, () => int(10, 200));
  const chainNodes = chainLengths.reduce((a, b) => a + b, 0);
  const approxGroups = Math.max(2, Math.round((n - chainNodes) / 1000));
  const hubCount = approxGroups;
  let next = 0;
  const hubs = Array.from({ length: hubCount }, () => next++);
  const chains = chainLengths.map((len) => Array.from({ length: len }, () => next++));
  const clusterStart = [];
  while (next < n) {
    const size = Math.min(int(20, 80), n - next);
    clusterStart.push(next);
    next += size;
  }
  clusterStart.push(n);
  const clusters = clusterStart.length - 1;
  const clusterOf = (c) => [clusterStart[c], clusterStart[c + 1]];
  const groupSize = Math.ceil(clusters / hubCount);
  const groups = [];
  for (let c = 0; c < clusters; c += groupSize) groups.push([c, Math.min(clusters, c + groupSize)]);
  const randomMember = (c) => { const [a, b] = clusterOf(c); return a + Math.floor(rand() * (b - a)); };

  // Structure: rings in clusters, rings of clusters in groups, hub tree, chains.
  for (let c = 0; c < clusters; c++) {
    const [a, b] = clusterOf(c);
    for (let u = a; u < b; u++) es.add(u, u + 1 < b ? u + 1 : a);
  }
  for (const [c0, c1] of groups) {
    if (c1 - c0 < 2) continue;
    for (let c = c0; c < c1; c++) {
      const d = c + 1 < c1 ? c + 1 : c0;
      es.add(randomMember(c), randomMember(d));
      es.add(randomMember(c), randomMember(d));
    }
  }
  const usedGroups = Math.min(hubCount, groups.length);
  for (let g = 0; g < usedGroups; g++) {
    const [c0, c1] = groups[g];
    const ties = int(3, 8);
    for (let k = 0; k < ties; k++) es.add(hubs[g], randomMember(c0 + Math.floor(rand() * (c1 - c0))));
    if (g > 0) es.add(hubs[g], hubs[Math.floor(rand() * g)]);
  }
  for (let g = usedGroups; g < hubCount; g++) es.add(hubs[g], hubs[Math.floor(rand() * usedGroups)]); // spare hubs: leaves
  let closedChains = 0;
  for (const chain of chains) {
    const c = Math.floor(rand() * clusters);
    es.add(randomMember(c), chain[0]);
    for (let k = 1; k < chain.length; k++) es.add(chain[k - 1], chain[k]);
    if (rand() < 0.25) { es.add(chain[chain.length - 1], randomMember(c)); closedChains++; }
  }

  // Fill: 90 % inside clusters, 10 % between clusters of the same group.
  const clusterOfGroupMember = (g) => groups[g][0] + Math.floor(rand() * (groups[g][1] - groups[g][0]));
  while (es.m < targetEdges) {
    if (rand() < 0.9) {
      const c = Math.floor(rand() * clusters);
      es.add(randomMember(c), randomMember(c));
    } else {
      const g = Math.floor(rand() * groups.length);
      es.add(randomMember(clusterOfGroupMember(g)), randomMember(clusterOfGroupMember(g)));
    }
  }

  // Shuffle labels (Fisher-Yates with the same generator).
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  for (let i = n - 1; i > 0; i--) { const j = Math.floor(rand() * (i + 1)); const t = perm[i]; perm[i] = perm[j]; perm[j] = t; }
  const src = new Int32Array(es.m);
  const dst = new Int32Array(es.m);
  for (let e = 0; e < es.m; e++) {
    const u = perm[es.src[e]];
    const v = perm[es.dst[e]];
    src[e] = u < v ? u : v;
    dst[e] = u < v ? v : u;
  }
  return {
    n, m: es.m, src, dst,
    planted: { clusters, groups: groups.length, hubs: hubCount, chains: chainCount, closedChains, chainNodes, hubNodes: hubs.map((h) => perm[h]) .slice(0, 20) },
  };
}

/** Reads a SNAP-style tab/space separated edge list (`#` comments) or a GML file into a canonical edge list. */
export function readRealNetwork(path, format) {
  const text = readFileSync(path, 'utf8');
  const index = new Map();
  const id = (raw) => { let i = index.get(raw); if (i === undefined) { i = index.size; index.set(raw, i); } return i; };
  const pairs = [];
  if (format === 'gml') {
    // Minimal GML: node [ id X ... ] and edge [ source A target B ... ] blocks.
    const tokens = text.match(/"[^"]*"|\[|\]|[^\s\[\]]+/g) ?? [];
    let depth = 0;
    let block = null;
    let cur = {};
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (t === '[') { depth++; continue; }
      if (t === ']') {
        if (depth === 2 && block === 'node' && cur.id !== undefined) id(cur.id);
        if (depth === 2 && block === 'edge') pairs.push([cur.source, cur.target]);
        depth--; if (depth === 1) { block = null; cur = {}; }
        continue;
      }
      if (depth === 1 && (t === 'node' || t === 'edge')) { block = t; cur = {}; continue; }
      if (depth === 2 && (t === 'id' || t === 'source' || t === 'target')) { cur[t] = tokens[++i]; continue; }
    }
  } else {
    for (const line of text.split('\n')) {
      if (line === '' || line.startsWith('#')) continue;
      const [a, b] = line.trim().split(/\s+/);
      if (b !== undefined) pairs.push([a, b]);
    }
  }
  for (const [a, b] of pairs) { id(a); id(b); }
  const n = index.size;
  const es = new EdgeSet(n, pairs.length + 1);
  for (const [a, b] of pairs) es.add(index.get(a), index.get(b));
  return { n, m: es.m, src: es.src.slice(0, es.m), dst: es.dst.slice(0, es.m), planted: null };
}

export function writeEdgeList(base, g, { tsv = false } = {}) {
  const buf = Buffer.alloc(8 + 8 * g.m);
  buf.writeInt32LE(g.n, 0);
  buf.writeInt32LE(g.m, 4);
  Buffer.from(g.src.buffer, g.src.byteOffset, 4 * g.m).copy(buf, 8);
  Buffer.from(g.dst.buffer, g.dst.byteOffset, 4 * g.m).copy(buf, 8 + 4 * g.m);
  writeFileSync(`${base}.bin.tmp`, buf);
  renameSync(`${base}.bin.tmp`, `${base}.bin`);
  if (tsv) {
    const lines = [`# ${g.n} ${g.m}`];
    for (let e = 0; e < g.m; e++) lines.push(`${g.src[e]}\t${g.dst[e]}`);
    writeFileSync(`${base}.tsv`, lines.join('\n') + '\n');
  }
}

/** Reads a .bin edge list written by writeEdgeList. */
export function readEdgeList(path) {
  const buf = readFileSync(path);
  const n = buf.readInt32LE(0);
  const m = buf.readInt32LE(4);
  const ints = new Int32Array(buf.buffer, buf.byteOffset, 2 + 2 * m);
  return { n, m, src: ints.subarray(2, 2 + m), dst: ints.subarray(2 + m, 2 + 2 * m) };
}

/**
 * Makes sure bench/.cache/<name>.bin exists and is current; returns its description, or
 * { name, missing: reason } when a real network is not available.
 */
export function ensureGraph(name, { tsv = false, log = () => {} } = {}) {
  mkdirSync(CACHE, { recursive: true });
  const base = join(CACHE, name);
  let params;
  let source;
  if (SYNTHETIC[name]) {
    params = { generator: GENERATOR_VERSION, ...SYNTHETIC[name] };
    source = 'synthetic';
  } else if (REAL[name]) {
    const path = join(SHARED_NETWORKS, REAL[name].file);
    if (!existsSync(path)) return { name, missing: `${REAL[name].file} not found in ${SHARED_NETWORKS}` };
    params = { generator: GENERATOR_VERSION, file: REAL[name].file, format: REAL[name].format };
    source = REAL[name].about;
  } else {
    throw new Error(`unknown graph ${name} (known: ${ALL_GRAPHS.join(', ')})`);
  }
  const metaPath = `${base}.json`;
  if (existsSync(metaPath) && existsSync(`${base}.bin`) && (!tsv || existsSync(`${base}.tsv`))) {
    const meta = JSON.parse(readFileSync(metaPath, 'utf8'));
    if (JSON.stringify(meta.params) === JSON.stringify(params)) return { ...meta, path: `${base}.bin` };
  }
  const t0 = performance.now();
  const g = SYNTHETIC[name] ? synthesize(SYNTHETIC[name]) : readRealNetwork(join(SHARED_NETWORKS, REAL[name].file), REAL[name].format);
  writeEdgeList(base, g, { tsv });
  const meta = { name, params, source, n: g.n, m: g.m, planted: g.planted };
  writeFileSync(metaPath, JSON.stringify(meta, null, 2) + '\n');
  log(`generated ${name}: ${g.n.toLocaleString('en')} nodes, ${g.m.toLocaleString('en')} edges in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return { ...meta, path: `${base}.bin` };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const tsv = args.includes('--tsv');
  const names = args.filter((a) => !a.startsWith('--'));
  for (const name of names.length ? names : ALL_GRAPHS) {
    const g = ensureGraph(name, { tsv, log: (s) => console.error(s) });
    console.log(g.missing ? `${name}: skipped (${g.missing})` : `${name}: n=${g.n} m=${g.m} -> ${g.path}`);
  }
}
