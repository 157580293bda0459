#!/usr/bin/env node
// Our engine's side of the engine benchmark (bench/run.mjs runs this in its own process).
//
//   node bench/ours.mjs <algorithm> <edgelist.bin> [--impl ours|graphology] [--out file]
//                       [--threads 2] [--seed 1] [--epsilon 0.01] [--delta 0.1]
//   node bench/ours.mjs --exports
//
// algorithm: louvain | betweenness | betweenness-sampled | articulation
// Prints one JSON line like bench/peers.py: {"load_s", "prep_s", "run_s", "result", "api"} or
// {"skipped": reason}. load_s reads the file into typed arrays. prep_s builds what the algorithm
// needs (the CSR, or a graphology graph); for articulation it is also counted in run_s, because the
// target is "articulation points including the conversion to typed arrays". The out file has the
// same layout as in peers.py (betweenness float64 normalized, louvain int32, articulation int32 lists).
//
// Uses packages/engine/dist (build it with `pnpm build`). Functions that are not exported yet
// (csrFromEdgeList, betweennessParallel, louvainCSR) are detected at run time; the fallback used
// is named in "api".
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readEdgeList } from './generate.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const engineDir = join(here, '..', 'packages', 'engine');
const require = createRequire(join(engineDir, 'package.json'));
// bench/run.mjs copies packages/engine/dist once per run (BENCH_ENGINE_DIST, with NODE_PATH pointing at
// packages/engine/node_modules), so that a rebuild by someone else mid-run cannot mix two builds in one table.
const engine = require(join(process.env.BENCH_ENGINE_DIST ?? join(engineDir, 'dist'), 'index.js'));

export const OPTIONAL_EXPORTS = ['csrFromEdgeList', 'betweennessRunCSR', 'louvainCSR'];

function parseArgs(argv) {
  const opts = { impl: 'ours', threads: 2, seed: 1, epsilon: 0.01, delta: 0.1, out: undefined };
  const pos = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const key = a.slice(2);
      const value = argv[++i];
      opts[key] = ['threads', 'seed', 'epsilon', 'delta'].includes(key) ? Number(value) : value;
    } else pos.push(a);
  }
  return { algorithm: pos[0], path: pos[1], opts };
}

const now = () => performance.now() / 1000;

function setHash(ints) {
  const a = Int32Array.from(ints);
  return createHash('sha1').update(Buffer.from(a.buffer, a.byteOffset, a.byteLength)).digest('hex').slice(0, 12);
}

/** A graphology UndirectedGraph whose node i is the key String(i), every edge with weight 1. */
function graphologyGraph(n, src, dst) {
  const { UndirectedGraph } = require('graphology');
  const graph = new UndirectedGraph();
  for (let i = 0; i < n; i++) graph.addNode(String(i));
  for (let e = 0; e < src.length; e++) graph.addEdge(String(src[e]), String(dst[e]), { weight: 1 });
  return graph;
}

/** The CSR: directly from the edge arrays when csrFromEdgeList exists, else through graphology. */
function buildCSR(n, src, dst) {
  if (typeof engine.csrFromEdgeList === 'function') return { csr: engine.csrFromEdgeList(n, src, dst), api: 'csrFromEdgeList' };
  const graph = graphologyGraph(n, src, dst);
  return { csr: engine.toUndirectedCSR(graph), api: 'graphology UndirectedGraph + toUndirectedCSR (csrFromEdgeList not exported yet)' };
}

function writeOut(out, typed) {
  if (out) writeFileSync(out, Buffer.from(typed.buffer, typed.byteOffset, typed.byteLength));
}

function betweennessSummary(values, extra = {}) {
  let max = 0, sum = 0, argmax = -1;
  for (let i = 0; i < values.length; i++) {
    sum += values[i];
    if (values[i] > max || argmax < 0) { max = values[i]; argmax = i; }
  }
  return { max, sum, argmax, ...extra };
}

async function main() {
  const argv = process.argv.slice(2);
  if (argv[0] === '--exports') {
    console.log(JSON.stringify(Object.fromEntries(OPTIONAL_EXPORTS.map((k) => [k, typeof engine[k] === 'function']))));
    return;
  }
  const { algorithm, path, opts } = parseArgs(argv);
  if (!algorithm || !path) {
    console.error('usage: node bench/ours.mjs <louvain|betweenness|betweenness-sampled|articulation> <edgelist.bin> [--impl ours|graphology] [--out file]');
    process.exit(2);
  }
  const skip = (reason) => { console.log(JSON.stringify({ skipped: reason })); process.exit(0); };

  const t0 = now();
  const { n, src, dst } = readEdgeList(path);
  const load = now() - t0;
  let prep = 0, run = 0, result, api, threads = 1;

  if (algorithm === 'louvain' && opts.impl === 'graphology') {
    // The engine's current Louvain: detectClusters on a graphology graph (graphology-communities-louvain).
    const t1 = now();
    const graph = graphologyGraph(n, src, dst);
    prep = now() - t1;
    const t2 = now();
    // graphology's own Louvain (the engine now uses louvainCSR), from the engine's dev dependencies.
    const louvain = require('graphology-communities-louvain');
    const detailed = louvain.detailed(graph, { getEdgeWeight: 'weight', rng: engine.seededRandom(opts.seed) });
    const membership = new Int32Array(n);
    for (let i = 0; i < n; i++) membership[i] = detailed.communities[String(i)];
    run = now() - t2;
    writeOut(opts.out, membership);
    result = { modularity: detailed.modularity, communities: detailed.count };
    api = 'graphology-communities-louvain';
  } else if (algorithm === 'louvain') {
    if (typeof engine.louvainCSR !== 'function') skip('louvainCSR not exported by packages/engine/dist yet');
    const t1 = now();
    const built = buildCSR(n, src, dst);
    prep = now() - t1;
    const t2 = now();
    const r = await engine.louvainCSR(built.csr, { seed: opts.seed });
    run = now() - t2;
    writeOut(opts.out, Int32Array.from(r.community));
    result = { modularity: r.modularity, communities: r.count };
    api = `louvainCSR; CSR via ${built.api}`;
  } else if (algorithm === 'betweenness' || algorithm === 'betweenness-sampled') {
    const sampled = algorithm === 'betweenness-sampled';
    const parallel = typeof engine.betweennessRunCSR === 'function';
    if (sampled && !parallel) skip('betweennessRunCSR (sampling) not exported by packages/engine/dist yet');
    const t1 = now();
    const built = buildCSR(n, src, dst);
    prep = now() - t1;
    const t2 = now();
    let values, extra = {};
    if (parallel) {
      const options = { threads: opts.threads, seed: opts.seed };
      // Sampled rows measure the sampler: 'always' keeps the engine from computing exactly instead, which it
      // does when that would read at most twice as much of the graph (`method` says what ran).
      if (sampled) Object.assign(options, { epsilon: opts.epsilon, delta: opts.delta, sampling: 'always' });
      const r = await engine.betweennessRunCSR(built.csr, options);
      values = r.values;
      extra = { sampled: !r.exact, sources: r.sources, epsilon: r.epsilon, method: r.method, samples: r.samples, vertexDiameter: r.vertexDiameter, requestedEpsilon: sampled ? opts.epsilon : null };
      api = `betweennessRunCSR (threads=${opts.threads}${sampled ? ", sampling 'always'" : ''}); CSR via ${built.api}`;
      threads = r.threads ?? opts.threads;
    } else {
      const raw = engine.betweennessCSR(built.csr, false);
      const scale = n > 2 ? 2 / ((n - 1) * (n - 2)) : 1;
      values = new Float64Array(n);
      for (let i = 0; i < n; i++) values[i] = raw[i] * scale;
      api = `betweennessCSR (single thread; betweennessParallel not exported yet); CSR via ${built.api}`;
    }
    run = now() - t2;
    writeOut(opts.out, Float64Array.from(values));
    result = betweennessSummary(values, extra);
  } else if (algorithm === 'articulation') {
    const t1 = now();
    const built = buildCSR(n, src, dst);
    prep = now() - t1;
    const t2 = now();
    const cp = engine.cutPointsCSR(built.csr);
    const alg = now() - t2;
    const aps = [];
    for (let i = 0; i < n; i++) if (cp.articulation[i]) aps.push(i);
    const pairs = cp.bridges.map(({ u, v }) => (u < v ? [u, v] : [v, u])).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const flat = pairs.flat();
    run = prep + (now() - t2); // conversion to typed arrays included (see header)
    if (opts.out) {
      const buf = new Int32Array(2 + aps.length + flat.length);
      buf[0] = aps.length;
      buf.set(aps, 1);
      buf[1 + aps.length] = pairs.length;
      buf.set(flat, 2 + aps.length);
      writeOut(opts.out, buf);
    }
    result = {
      articulation: aps.length, bridges: pairs.length, articulation_hash: setHash(aps), bridges_hash: setHash(flat),
      csr_s: prep, cut_points_s: alg,
    };
    api = `cutPointsCSR; CSR via ${built.api}`;
  } else {
    skip(`unknown algorithm ${algorithm}`);
  }
  console.log(JSON.stringify({ load_s: load, prep_s: prep, run_s: run, result, api, threads }));
}

main().catch((err) => {
  console.error(err?.stack ?? String(err));
  process.exit(1);
});
