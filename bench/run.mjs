#!/usr/bin/env node
// Engine benchmark: our graph algorithms against the libraries a researcher would use instead
// (python-igraph, NetworKit, networkx, and graphology's Louvain), on the same graphs in the same
// run, plus the whole `chokepoint analyze` pipeline on a large generated bundle.
//
//   pnpm build && node bench/run.mjs            # default plan, ~20 min on 2 cores; writes docs/performance.md
//   node bench/run.mjs --quick                  # small graphs, 1 run, small bundle; prints only (add --docs to write)
//
// Options (each also as an environment variable BENCH_<NAME>, e.g. BENCH_RUNS=5):
//   --graphs a,b          synth-10k,synth-100k,synth-1m,power,ca-grqc,email-enron (default: all of them)
//   --algorithms a,b      louvain,betweenness,betweenness-sampled,articulation (default: the plan below)
//   --impls a,b           ours,graphology,igraph,networkit,kadabra,networkx (default: all; kadabra is NetworKit's
//                         KadabraBetweenness, for sampled betweenness only)
//   --section betweenness only exact and sampled betweenness, on synth-10k, power, ca-grqc, email-enron and
//                         synth-100k at ε = 0.05 and 0.01, no pipeline; writes its own block in docs/performance.md
//   --all                 every chosen algorithm on every chosen graph (ignores the plan and the size limits)
//   --runs N              runs per measurement (default 3; --quick: 1); the median is reported
//   --repeat-budget S     stop repeating a measurement once its runs took S seconds in total (default 60)
//   --timeout S           per run (default 600; --quick: 120): the run is killed and reported as timed out
//                         (NetworKit's sampled betweenness on synth-100k takes 130-290 s here)
//   --threads N           threads for NetworKit and our parallel betweenness (default 2)
//   --epsilon E[,E…] --delta D  sampled betweenness accuracy: one row per epsilon (default 0.05; δ 0.1). The same
//                         bound for every implementation: ±E on networkx's normalization with probability 1 − D
//   --nx-max-edges M      networkx only on graphs with at most M edges (default 200000)
//   --nx-bc-max-edges M   networkx exact betweenness only up to M edges (default 10000: the power grid)
//   --pipeline / --no-pipeline, --pipeline-entities N (100000), --pipeline-ties N (1000000),
//                         --pipeline-timeout S (300)
//   --docs / --no-docs    write the table into docs/performance.md (default: yes, except with --quick)
//
// Every run is its own child process, wrapped in /usr/bin/time (peak RSS of that process); the
// results (all runs, raw JSON) go to bench/.cache/results/. Default plan, chosen to finish in about
// 20 minutes: exact betweenness only on synth-10k and the small real networks (networkx's only on the
// power grid), sampled betweenness
// on synth-10k and synth-100k, Louvain up to 1M edges, articulation points and bridges everywhere.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync, rmSync } from 'node:fs';
import { cpus, totalmem, loadavg, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureGraph, readEdgeList, ALL_GRAPHS, CACHE } from './generate.mjs';
import { ensureBundle, bundleParams } from './bundle.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..');
const VENV_PY = join(here, '.venv', 'bin', 'python');
const ALGORITHMS = ['louvain', 'betweenness', 'betweenness-sampled', 'articulation'];
// Sampled betweenness: python-igraph has none, and networkx's k-pivot sampling has no (ε, δ) guarantee.
const IMPLS = { louvain: ['ours', 'graphology', 'igraph', 'networkit', 'networkx'], 'betweenness-sampled': ['ours', 'networkit', 'kadabra'], default: ['ours', 'igraph', 'networkit', 'networkx'] };
const PLAN = {
  'synth-10k': ['louvain', 'betweenness', 'betweenness-sampled', 'articulation'],
  'synth-100k': ['louvain', 'betweenness-sampled', 'articulation'],
  'synth-1m': ['articulation'],
  power: ['louvain', 'betweenness', 'betweenness-sampled', 'articulation'],
  'ca-grqc': ['louvain', 'betweenness', 'betweenness-sampled', 'articulation'],
  'email-enron': ['louvain', 'betweenness-sampled', 'articulation'],
};
const SECTIONS = {
  betweenness: { graphs: ['synth-10k', 'power', 'ca-grqc', 'email-enron', 'synth-100k'], algorithms: ['betweenness', 'betweenness-sampled'], epsilons: [0.05, 0.01] },
};
const QUICK_GRAPHS = ['synth-10k', 'power'];

// ------------------------------------------------------------------ options --
function parseOptions(argv) {
  const flags = new Map();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}`);
    const [k, inline] = a.slice(2).split('=');
    const boolean = ['quick', 'all', 'docs', 'no-docs', 'pipeline', 'no-pipeline', 'help'].includes(k);
    if (k === 'section' && !SECTIONS[inline ?? argv[i + 1]]) throw new Error(`--section: one of ${Object.keys(SECTIONS).join(', ')}`);
    flags.set(k, boolean ? 'true' : inline ?? argv[++i]);
  }
  const get = (k, dflt) => flags.get(k) ?? process.env[`BENCH_${k.toUpperCase().replace(/-/g, '_')}`] ?? dflt;
  const quick = get('quick', 'false') === 'true';
  const list = (k, dflt) => { const v = get(k, undefined); return v ? v.split(',').map((s) => s.trim()).filter(Boolean) : dflt; };
  const bool = (k, dflt) => (flags.has(`no-${k}`) ? false : flags.has(k) ? true : (process.env[`BENCH_${k.toUpperCase()}`] ?? String(dflt)) !== 'false');
  const section = get('section', undefined);
  const sec = section ? SECTIONS[section] : undefined;
  const epsilons = list('epsilon', sec ? sec.epsilons.map(String) : ['0.05']).map(Number);
  if (epsilons.some((e) => !(e > 0 && e < 1))) throw new Error('--epsilon: numbers between 0 and 1');
  return {
    help: flags.has('help'),
    quick,
    section,
    all: get('all', 'false') === 'true',
    graphs: list('graphs', sec ? sec.graphs : quick ? QUICK_GRAPHS : ALL_GRAPHS),
    algorithms: list('algorithms', sec ? sec.algorithms : ALGORITHMS),
    impls: list('impls', ['ours', 'graphology', 'igraph', 'networkit', 'kadabra', 'networkx']),
    runs: Number(get('runs', quick ? 1 : 3)),
    repeatBudget: Number(get('repeat-budget', 60)),
    timeout: Number(get('timeout', quick ? 120 : 600)),
    threads: Number(get('threads', 2)),
    epsilons,
    delta: Number(get('delta', 0.1)),
    nxMaxEdges: Number(get('nx-max-edges', 200_000)),
    nxBcMaxEdges: Number(get('nx-bc-max-edges', 10_000)),
    pipeline: bool('pipeline', !sec),
    pipelineEntities: Number(get('pipeline-entities', quick ? 10_000 : 100_000)),
    pipelineTies: Number(get('pipeline-ties', quick ? 100_000 : 1_000_000)),
    pipelineTimeout: Number(get('pipeline-timeout', quick ? 120 : 300)),
    docs: bool('docs', !quick),
  };
}

const log = (s) => process.stderr.write(`${s}\n`);
const fmtS = (s) => (s === undefined || s === null ? '—' : s >= 100 ? `${s.toFixed(0)} s` : s >= 10 ? `${s.toFixed(1)} s` : s >= 1 ? `${s.toFixed(2)} s` : s >= 0.01 ? `${(s * 1000).toFixed(0)} ms` : `${(s * 1000).toFixed(1)} ms`);
const fmtMB = (kb) => (kb ? (kb >= 1024 * 1024 ? `${(kb / 1024 / 1024).toFixed(2)} GB` : `${Math.round(kb / 1024)} MB`) : '—');
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const k = s.length >> 1; return s.length % 2 ? s[k] : (s[k - 1] + s[k]) / 2; };
const int = (x) => x.toLocaleString('en');

// ------------------------------------------------------- measuring a process --
let rssMode;
function ensureRssTool() {
  if (existsSync('/usr/bin/time')) return (rssMode = 'gnu-time');
  if (process.getuid?.() === 0) {
    log('/usr/bin/time is missing: apt-get install -y time');
    spawnSync('sh', ['-c', 'apt-get install -y -qq time >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq time >/dev/null 2>&1)'], { stdio: 'inherit' });
    if (existsSync('/usr/bin/time')) return (rssMode = 'gnu-time');
  }
  log('/usr/bin/time unavailable: peak RSS comes from Python resource.getrusage(RUSAGE_CHILDREN)');
  return (rssMode = 'rusage');
}
const RUSAGE_WRAPPER = 'import resource,subprocess,sys\nr=subprocess.run(sys.argv[2:])\nopen(sys.argv[1],"w").write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))\nsys.exit(r.returncode)';

/** Runs cmd in its own process group under a peak-RSS wrapper; resolves {code, stdout, stderr, wall, rssKB, timedOut}. */
function measure(cmd, args, { timeout, cwd = repo, env = {}, onStderrLine } = {}) {
  const rssFile = join(tmpdir(), `bench-rss-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const [exe, argv] = rssMode === 'gnu-time' ? ['/usr/bin/time', ['-f', '%M', '-o', rssFile, cmd, ...args]] : ['python3', ['-c', RUSAGE_WRAPPER, rssFile, cmd, ...args]];
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(exe, argv, { cwd, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '', stderr = '', pending = '', timedOut = false;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => {
      stderr += d;
      if (onStderrLine) {
        pending += d;
        const lines = pending.split('\n');
        pending = lines.pop();
        for (const l of lines) onStderrLine(l, (performance.now() - t0) / 1000);
      }
      if (stderr.length > 200_000) stderr = stderr.slice(-100_000);
    });
    // On timeout, kill the measured process first so the wrapper still records its peak RSS, then the group.
    let grace;
    const timer = setTimeout(() => {
      timedOut = true;
      const kids = spawnSync('pgrep', ['-P', String(child.pid)], { encoding: 'utf8' }).stdout?.trim().split('\n').filter(Boolean) ?? [];
      for (const pid of kids) { try { process.kill(Number(pid), 'SIGKILL'); } catch {} }
      grace = setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch {} }, kids.length ? 5000 : 0);
    }, timeout * 1000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      clearTimeout(grace);
      const wall = (performance.now() - t0) / 1000;
      let rssKB = null;
      try { rssKB = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) || null; rmSync(rssFile); } catch {}
      resolve({ code, signal, stdout, stderr, wall, rssKB, timedOut });
    });
  });
}

function lastJson(text) {
  const lines = text.trim().split('\n').reverse();
  for (const l of lines) { try { return JSON.parse(l); } catch {} }
  return null;
}

// -------------------------------------------------------------- environment --
/** Copies packages/engine/dist so the whole run measures one build, even if someone rebuilds meanwhile. */
let engineEnv = {};
function snapshotEngine() {
  const dist = join(repo, 'packages', 'engine', 'dist');
  const copy = join(CACHE, 'engine-dist');
  rmSync(copy, { recursive: true, force: true });
  cpSync(dist, copy, { recursive: true });
  engineEnv = { BENCH_ENGINE_DIST: copy, NODE_PATH: join(repo, 'packages', 'engine', 'node_modules') };
  const git = (args) => spawnSync('git', args, { cwd: repo, encoding: 'utf8' }).stdout?.trim() ?? '';
  return {
    built: statSync(join(dist, 'index.js')).mtime.toISOString().slice(0, 16).replace('T', ' '),
    commit: git(['rev-parse', '--short', 'HEAD']),
    dirty: git(['status', '--porcelain', '--', 'packages']).split('\n').filter(Boolean).length,
  };
}

function ensurePeers() {
  if (existsSync(VENV_PY)) {
    const r = spawnSync(VENV_PY, ['-c', 'import igraph, networkit, networkx'], { encoding: 'utf8' });
    if (r.status === 0) return;
  }
  log('bench/.venv missing or incomplete: running bench/setup-peers.sh');
  const r = spawnSync('bash', [join(here, 'setup-peers.sh')], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('bench/setup-peers.sh failed');
}

function machine(versions, exports) {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown CPU';
  const os = existsSync('/etc/os-release') ? /PRETTY_NAME="?([^"\n]+)/.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] : process.platform;
  return {
    cpu: model, cores: cpus().length, ramGiB: Math.round(totalmem() / 2 ** 30), os, node: process.version,
    python: versions.python, numpy: versions.numpy, igraph: versions.igraph, networkit: versions.networkit, networkx: versions.networkx,
    graphology: readPkgVersion('graphology'), louvain: readPkgVersion('graphology-communities-louvain'),
    engineExports: exports, rss: rssMode,
  };
}
function readPkgVersion(name) {
  try { return JSON.parse(readFileSync(join(repo, 'packages', 'engine', 'node_modules', name, 'package.json'), 'utf8')).version; } catch { return '?'; }
}

// -------------------------------------------------------------------- plan --
function planFor(opts, graph) {
  const algs = opts.all ? opts.algorithms : (PLAN[graph.name] ?? []).filter((a) => opts.algorithms.includes(a));
  const rows = [];
  for (const alg of algs) {
    for (const impl of IMPLS[alg] ?? IMPLS.default) {
      if (!opts.impls.includes(impl)) continue;
      let skip;
      if (!opts.all && impl === 'networkx' && graph.m > opts.nxMaxEdges) skip = `not run: networkx only up to ${int(opts.nxMaxEdges)} edges by default (--nx-max-edges)`;
      if (!opts.all && impl === 'networkx' && alg === 'betweenness' && graph.m > opts.nxBcMaxEdges) skip = `not run: networkx exact betweenness only up to ${int(opts.nxBcMaxEdges)} edges by default (--nx-bc-max-edges); pure Python, minutes per 10k nodes`;
      if (impl === 'igraph' && alg === 'betweenness-sampled') skip = 'python-igraph has no sampled betweenness';
      if (impl === 'networkx' && alg === 'betweenness-sampled') skip = 'networkx k-pivot sampling has no (ε, δ) guarantee; not comparable';
      if (alg === 'betweenness-sampled') for (const epsilon of opts.epsilons) rows.push({ graph: graph.name, alg, impl, skip, epsilon });
      else rows.push({ graph: graph.name, alg, impl, skip });
    }
  }
  return rows;
}

function commandFor(row, graph, outFile, opts) {
  const epsilon = row.epsilon ?? opts.epsilons[0];
  if (row.impl === 'ours' || row.impl === 'graphology') {
    const args = ['--max-old-space-size=16384', join(here, 'ours.mjs'), row.alg, graph.path, '--out', outFile, '--threads', String(opts.threads), '--epsilon', String(epsilon), '--delta', String(opts.delta)];
    if (row.impl === 'graphology') args.push('--impl', 'graphology');
    return [process.execPath, args, engineEnv];
  }
  return [VENV_PY, [join(here, 'peers.py'), row.alg, row.impl, graph.path, outFile],
    { BENCH_THREADS: String(opts.threads), BENCH_EPSILON: String(epsilon), BENCH_DELTA: String(opts.delta), OMP_NUM_THREADS: String(opts.threads), OMP_WAIT_POLICY: process.env.OMP_WAIT_POLICY ?? 'PASSIVE' }];
}

async function runRow(row, graph, opts, outDir) {
  if (row.skip) return { ...row, status: 'skipped', note: row.skip };
  const outFile = join(outDir, `${row.graph}.${row.alg}${row.epsilon ? `-${row.epsilon}` : ''}.${row.impl}.bin`);
  rmSync(outFile, { force: true });
  const [cmd, args, env] = commandFor(row, graph, outFile, opts);
  const runs = [];
  let spent = 0;
  for (let r = 0; r < opts.runs; r++) {
    const m = await measure(cmd, args, { timeout: opts.timeout, env });
    const label = `${row.graph} ${row.alg}${row.epsilon ? ` ±${row.epsilon}` : ''} ${row.impl} run ${r + 1}/${opts.runs}`;
    if (m.timedOut) { log(`  ${label}: timed out after ${opts.timeout} s`); return { ...row, status: 'timeout', note: `timed out (> ${opts.timeout} s)`, runs, rssKB: m.rssKB }; }
    const json = lastJson(m.stdout);
    if (m.code !== 0 || !json) {
      const why = /heap out of memory/i.test(m.stderr) ? 'out of memory (JS heap)' : m.signal ? `killed by ${m.signal}` : (m.stderr.trim().split('\n').pop() ?? `exit ${m.code}`).slice(0, 160);
      log(`  ${label}: failed: ${why}`);
      return { ...row, status: 'failed', note: `failed: ${why}`, runs };
    }
    if (json.skipped) { log(`  ${label}: skipped: ${json.skipped}`); return { ...row, status: 'skipped', note: json.skipped }; }
    runs.push({ ...json, wall: m.wall, rssKB: m.rssKB });
    spent += m.wall;
    log(`  ${label}: load ${fmtS(json.load_s)}, run ${fmtS(json.run_s)}, peak RSS ${fmtMB(m.rssKB)}`);
    if (spent > opts.repeatBudget && r + 1 < opts.runs) { log(`  (repeat budget of ${opts.repeatBudget} s used: ${r + 1} run(s))`); break; }
  }
  const last = runs[runs.length - 1];
  return {
    ...row, status: 'ok', outFile, runs,
    load: median(runs.map((x) => x.load_s + (row.alg === 'articulation' ? 0 : x.prep_s ?? 0))), run: median(runs.map((x) => x.run_s)), prep: median(runs.map((x) => x.prep_s ?? 0)),
    rssKB: Math.max(...runs.map((x) => x.rssKB ?? 0)) || null, result: last.result, api: last.api, threads: last.threads,
  };
}

// --------------------------------------------------------------- agreement --
function recomputedModularity(edges, membership) {
  const { m, src, dst } = edges;
  const internal = new Map();
  const degree = new Map();
  for (let e = 0; e < m; e++) {
    const a = membership[src[e]], b = membership[dst[e]];
    degree.set(a, (degree.get(a) ?? 0) + 1);
    degree.set(b, (degree.get(b) ?? 0) + 1);
    if (a === b) internal.set(a, (internal.get(a) ?? 0) + 1);
  }
  let q = 0;
  for (const [c, d] of degree) q += (internal.get(c) ?? 0) / m - (d / (2 * m)) ** 2;
  return q;
}
const readF64 = (p) => { const b = readFileSync(p); return new Float64Array(b.buffer, b.byteOffset, b.byteLength / 8); };
const readI32 = (p) => { const b = readFileSync(p); return new Int32Array(b.buffer, b.byteOffset, b.byteLength / 4); };
const LABEL = { ours: 'engine', graphology: 'engine detectClusters (graphology)', igraph: 'igraph', networkit: 'NetworKit', kadabra: 'NetworKit KADABRA', networkx: 'networkx' };

function agreement(results, graph) {
  const byAlg = (alg) => results.filter((r) => r.graph === graph.name && r.alg === alg && r.status === 'ok');
  // Louvain: the same modularity formula over every partition, from the membership files.
  const louvain = byAlg('louvain');
  if (louvain.length) {
    const edges = readEdgeList(graph.path);
    for (const r of louvain) {
      const q = recomputedModularity(edges, readI32(r.outFile));
      r.agreement = `Q = ${q.toFixed(4)}, ${int(r.result.communities)} communities`;
      if (Math.abs(q - r.result.modularity) > 1e-6) r.agreement += ` (library says ${r.result.modularity.toFixed(4)})`;
    }
  }
  // Exact betweenness: max |difference| against the first exact vector available.
  const exact = byAlg('betweenness');
  const ref = ['igraph', 'networkit', 'ours', 'networkx'].map((i) => exact.find((r) => r.impl === i)).find(Boolean);
  if (ref) {
    const rv = readF64(ref.outFile);
    for (const r of exact) {
      if (r === ref) { r.agreement = 'reference'; continue; }
      r.agreement = `max \\|Δ\\| vs ${LABEL[ref.impl]} ${maxAbsDiff(rv, readF64(r.outFile)).toExponential(1)}`;
    }
  }
  // Sampled betweenness: against the exact vector of the same graph when there is one (is every value within ±ε?),
  // else against the engine's estimate at the same ε (two estimates within ±ε of the truth are within 2ε).
  const sampled = byAlg('betweenness-sampled');
  for (const r of sampled) {
    const eps = r.epsilon;
    const base = ref ?? (r.impl !== 'ours' ? sampled.find((s) => s.impl === 'ours' && s.epsilon === eps) : undefined);
    const what = [`${int(r.result.samples)} samples`];
    if (r.result.vertexDiameter) what.push(`vertex diameter ≤ ${r.result.vertexDiameter}`);
    if (r.result.method && r.result.method !== 'rk') what.push(`ran ${r.result.method}`);
    if (!base) { r.agreement = `${what.join(', ')}; no exact reference on this graph`; continue; }
    const d = maxAbsDiff(readF64(base.outFile), readF64(r.outFile));
    if (base.alg === 'betweenness') r.agreement = `max \\|Δ\\| vs ${LABEL[base.impl]} exact ${d.toExponential(1)}: ${d <= eps ? `within ±${eps}` : `**outside ±${eps}**`}; ${what.join(', ')}`;
    else r.agreement = `max \\|Δ\\| vs the engine's estimate ${d.toExponential(1)} (≤ 2ε = ${2 * eps} expected); ${what.join(', ')}`;
  }
  // Articulation points and bridges: the same sets?
  const art = byAlg('articulation');
  const aref = ['igraph', 'networkit', 'ours', 'networkx'].map((i) => art.find((r) => r.impl === i)).find(Boolean);
  for (const r of art) {
    const counts = `${int(r.result.articulation)} points, ${int(r.result.bridges)} bridges`;
    if (r === aref) { r.agreement = `reference: ${counts}`; continue; }
    const sameA = r.result.articulation_hash === aref.result.articulation_hash;
    const sameB = r.result.bridges_hash === aref.result.bridges_hash;
    if (sameA && sameB) r.agreement = `same sets as ${LABEL[aref.impl]} (${counts})`;
    else {
      const [a1, b1] = splitArticulation(readI32(aref.outFile)), [a2, b2] = splitArticulation(readI32(r.outFile));
      r.agreement = `DIFFERS from ${LABEL[aref.impl]}: points ${symDiff(a1, a2)} apart, bridges ${symDiff(b1, b2)} apart (${counts})`;
    }
  }
}
function maxAbsDiff(a, b) { let d = 0; for (let i = 0; i < Math.min(a.length, b.length); i++) d = Math.max(d, Math.abs(a[i] - b[i])); return a.length === b.length ? d : Infinity; }
function splitArticulation(ints) {
  const na = ints[0];
  const aps = new Set(ints.subarray(1, 1 + na));
  const nb = ints[1 + na];
  const br = new Set();
  for (let k = 0; k < nb; k++) br.add(`${ints[2 + na + 2 * k]}-${ints[3 + na + 2 * k]}`);
  return [aps, br];
}
function symDiff(a, b) { let d = 0; for (const x of a) if (!b.has(x)) d++; for (const x of b) if (!a.has(x)) d++; return d; }

// ------------------------------------------------------------------ tables --
function renderTables({ opts, info, graphs, results, pipeline, started, finished }) {
  const lines = [];
  const date = started.toISOString().slice(0, 10);
  lines.push(`Measured ${date} (${started.toISOString().slice(11, 16)}–${finished.toISOString().slice(11, 16)} UTC) on ${info.cores} × ${info.cpu}, ${info.ramGiB} GiB RAM, ${info.os}; ` +
    `Node ${info.node}; Python ${info.python} with python-igraph ${info.igraph}, NetworKit ${info.networkit}, networkx ${info.networkx} (numpy ${info.numpy}); graphology ${info.graphology} with graphology-communities-louvain ${info.louvain}. ` +
    `Median of up to ${opts.runs} run(s) per row (fewer once a row's runs exceed ${opts.repeatBudget} s), each run in its own process; timeout ${opts.timeout} s per run; ` +
    `NetworKit and our parallel code with ${opts.threads} threads, everything else single-threaded. Load average ${info.loadStart.map((x) => x.toFixed(1)).join(' / ')} at the start, ${info.loadEnd.map((x) => x.toFixed(1)).join(' / ')} at the end (1/5/15 min): other work shared the 2 cores, so timings are noisy.`);
  lines.push('');
  lines.push(`Engine: \`packages/engine/dist\` built ${info.build.built} UTC on commit ${info.build.commit}${info.build.dirty ? ` with uncommitted changes in ${info.build.dirty} file(s) under packages/ (work in progress)` : ''}, copied once at the start so every row measures the same build (the pipeline row runs the live \`packages/cli/dist\`).`);
  lines.push('');
  const missing = Object.entries(info.engineExports).filter(([, v]) => !v).map(([k]) => `\`${k}\``);
  lines.push(missing.length ? `Engine functions not in \`packages/engine/dist\` at the time of this run, so not measured or replaced by the fallback named below: ${missing.join(', ')}.` : 'All expected engine functions were present.');
  lines.push('');
  lines.push('| graph | nodes | edges | what it is |');
  lines.push('|---|---:|---:|---|');
  for (const g of graphs) {
    if (g.missing) { lines.push(`| ${g.name} | — | — | skipped: ${g.missing} |`); continue; }
    const what = g.planted ? `synthetic, seed ${g.params.seed}: ${int(g.planted.clusters)} planted clusters in ${int(g.planted.groups)} groups joined only through ${int(g.planted.hubs)} hubs, ${g.planted.chains} chains (${g.planted.closedChains} closed into cycles)` : g.source;
    lines.push(`| ${g.name} | ${int(g.n)} | ${int(g.m)} | ${what} |`);
  }
  lines.push('');
  lines.push('| graph | algorithm | implementation | load | run (median) | runs | peak RSS | ours vs this (run) | agreement |');
  lines.push('|---|---|---|---:|---:|---|---:|---|---|');
  const apiNotes = new Map();
  let daggers = false;
  for (const g of graphs) {
    for (const alg of ALGORITHMS) {
      const all = results.filter((r) => r.graph === g.name && r.alg === alg);
      for (const eps of [...new Set(all.map((r) => r.epsilon))]) {
      const rows = all.filter((r) => r.epsilon === eps);
      const ours = rows.find((r) => r.impl === 'ours' && r.status === 'ok') ?? (alg === 'louvain' ? rows.find((r) => r.impl === 'graphology' && r.status === 'ok') : undefined);
      const algName = eps === undefined ? alg : `betweenness ±${eps}`;
      for (const r of rows) {
        const name = implName(r, info);
        if (r.api) apiNotes.set(`${alg}|${r.impl}`, `${alg}, ${LABEL[r.impl]}: ${r.api}`);
        if (r.status !== 'ok') {
          lines.push(`| ${g.name} | ${algName} | ${name} | — | ${r.status === 'timeout' ? '**timed out**' : '—'} | | ${r.status === 'timeout' ? fmtMB(r.rssKB) : '—'} | | ${r.note} |`);
          continue;
        }
        let ratio = '';
        if (ours && r !== ours) {
          const x = ours.run / r.run;
          ratio = x > 0.9 && x < 1.1 ? 'about the same' : x >= 1 ? `${x.toFixed(x >= 10 ? 0 : 1)}× slower` : `${(1 / x).toFixed(1 / x >= 10 ? 0 : 1)}× faster`;
          if (ours.impl === 'graphology') { ratio += ' †'; daggers = true; }
        } else if (r === ours) ratio = 'baseline';
        const runsList = r.runs.map((x) => fmtS(x.run_s)).join(', ');
        const runCell = alg === 'articulation' && r.impl === 'ours' ? `${fmtS(r.run)} (CSR ${fmtS(r.result.csr_s)} + search ${fmtS(r.result.cut_points_s)})` : fmtS(r.run);
        lines.push(`| ${g.name} | ${algName} | ${name} | ${fmtS(r.load)} | ${runCell} | ${runsList} | ${fmtMB(r.rssKB)} | ${ratio} | ${r.agreement ?? ''} |`);
      }
      }
    }
  }
  lines.push('');
  lines.push('"load" reads the edge list and builds the library\'s graph; "run" is the algorithm alone, except for our articulation points, where it includes the conversion of the edges to the CSR typed arrays. ' +
    '"ours vs this" divides our run time by the row\'s: "3× slower" means ours took three times as long. Peak RSS is the whole process (interpreter, libraries, graph, result). ' +
    'Betweenness is normalized like networkx (pair counts × 2 / ((n−1)(n−2))). ' +
    '"betweenness ±ε" is sampled betweenness with the same guarantee everywhere: every value within ±ε of the exact one with probability 1 − δ (δ = ' + opts.delta + '), on that normalization. ' +
    'The engine samples shortest paths as Riondato & Kornaropoulos (2016), c = 0.5, each found by a balanced bidirectional search, here with `sampling: \'always\'` (by default it computes exactly instead when that reads at most twice as much of the graph); ' +
    'NetworKit\'s `ApproxBetweenness` is the same method (asked for ε(n−2)/n on its scale, pairs over n(n−1), with `universalConstant` 0.5 instead of its default 1, scores × n/(n−2)), each path found by a search from s alone; ' +
    'NetworKit\'s `KadabraBetweenness` (Borassi & Natale 2019, k = 0: every node within ±ε) stops adaptively, at most at the same bound (scores ÷ 2 × n/(n−2): it doubles them on undirected graphs). ' +
    'python-igraph has no sampled betweenness, and networkx\'s k-pivot sampling has no (ε, δ) guarantee. Louvain modularity Q is recomputed here from each partition with one formula. ' +
    'NetworKit has no articulation-point or bridge class: both come from `BiconnectedComponents` (a node in two or more components; a two-node component). ' +
    'NetworKit runs with `OMP_WAIT_POLICY=PASSIVE`: with spinning OpenMP threads its times blew up tenfold whenever another process used a core.' +
    (daggers ? ' † Louvain: `louvainCSR` was not available, so the ratio compares against the engine\'s current `detectClusters` (graphology).' : ''));
  if (apiNotes.size) {
    lines.push('');
    lines.push('What ran, as reported by the runners:');
    lines.push('');
    for (const v of apiNotes.values()) lines.push(`- ${v}`);
  }
  if (pipeline) {
    lines.push('');
    lines.push('Whole pipeline, `node packages/cli/dist/bin.js analyze <bundle> --out <file>` (the progress lines on stderr are read to time each stage; otherwise the same as `--quiet`):');
    lines.push('');
    lines.push('| bundle | entities | relations | shipments | outcome | wall time | peak RSS | time per stage |');
    lines.push('|---|---:|---:|---:|---|---:|---:|---|');
    const p = pipeline;
    const spans = p.stages.map((s, i) => `${shortStage(s.stage)} ${fmtS((p.stages[i + 1]?.at ?? p.wall) - s.at)}${i === p.stages.length - 1 && p.outcome !== 'completed' ? ' (cut off)' : ''}`);
    lines.push(`| generated, seed ${p.params.seed} | ${int(p.counts.entities)} | ${int(p.counts.relations)} | ${int(p.counts.shipments)} | ${p.outcome} | ${fmtS(p.wall)} | ${fmtMB(p.rssKB)} | ${spans.join('; ')} |`);
  }
  return lines.join('\n');
}
const STAGES = [[/^start-up$/, 'start-up'], [/^reading /, 'reading + checking CSV'], [/^building the graph/, 'graph'], [/Louvain/, 'Louvain'],
  [/articulation/, 'cut points'], [/betweenness/, 'betweenness'], [/border crossings/, 'border distances'], [/key nodes/, 'key nodes'],
  [/red-flag/, 'red flags'], [/supply chokepoints/, 'supply chokepoints'], [/^skipped/, 'skipped rows']];
function shortStage(s) { return STAGES.find(([re]) => re.test(s))?.[1] ?? (s.length > 40 ? `${s.slice(0, 37)}…` : s); }
function implName(r, info) {
  if (r.impl === 'ours') return `**engine**${r.threads > 1 ? ` (${r.threads} threads)` : ''}`;
  if (r.impl === 'graphology') return `engine \`detectClusters\` (graphology ${info.graphology})`;
  if (r.impl === 'kadabra') return `NetworKit ${info.networkit} KadabraBetweenness${r.threads > 1 ? ` (${r.threads} threads)` : ''}`;
  if (r.impl === 'networkit' && r.alg === 'betweenness-sampled') return `NetworKit ${info.networkit} ApproxBetweenness${r.threads > 1 ? ` (${r.threads} threads)` : ''}`;
  if (r.impl === 'networkit') return `NetworKit ${info.networkit}${r.threads > 1 ? ` (${r.threads} threads)` : ''}`;
  return `${r.impl === 'igraph' ? 'igraph' : 'networkx'} ${info[r.impl]}`;
}

// ---------------------------------------------------------------- pipeline --
async function runPipeline(opts) {
  const params = bundleParams(opts.pipelineEntities, opts.pipelineTies);
  const dir = ensureBundle(join(CACHE, `bundle-${params.entities}-${params.ties}`), params, log);
  const counts = { entities: params.entities, relations: countLines(join(dir, 'relations.csv')), shipments: countLines(join(dir, 'shipments.csv')) };
  const bin = join(repo, 'packages', 'cli', 'dist', 'bin.js');
  const out = join(CACHE, 'pipeline-report.json');
  rmSync(out, { force: true });
  const stages = [{ stage: 'start-up', at: 0 }];
  log(`pipeline: analyze ${relative(repo, dir)} (${int(counts.entities)} entities, ${int(counts.relations + counts.shipments)} ties), timeout ${opts.pipelineTimeout} s`);
  const m = await measure(process.execPath, [bin, 'analyze', dir, '--out', out], {
    timeout: opts.pipelineTimeout,
    onStderrLine: (line, at) => { const s = /^chokepoint: (.*)$/.exec(line)?.[1]; if (s && !s.startsWith('wrote') && !/^read \d/.test(s)) { stages.push({ stage: s, at }); log(`  ${at.toFixed(1)} s: ${s}`); } },
  });
  let outcome;
  if (m.timedOut) outcome = `**timed out** after ${opts.pipelineTimeout} s, during "${stages.at(-1)?.stage ?? 'start-up'}"`;
  else if (m.code !== 0) outcome = /heap out of memory/i.test(m.stderr) ? `**out of memory** (JS heap) during "${stages.at(-1)?.stage}"` : `**failed** (exit ${m.code ?? m.signal}): ${m.stderr.trim().split('\n').pop()?.slice(0, 120)}`;
  else outcome = 'completed';
  log(`pipeline: ${outcome}, ${fmtS(m.wall)}, peak RSS ${fmtMB(m.rssKB)}`);
  return { params, counts, outcome, wall: m.wall, rssKB: m.rssKB, stages, code: m.code };
}
function countLines(p) { const t = readFileSync(p, 'utf8'); let n = 0; for (let i = 0; i < t.length; i++) if (t.charCodeAt(i) === 10) n++; return n - 1; }

// --------------------------------------------------------------------- docs --
const START = '<!-- engine-bench:start (generated by bench/run.mjs; do not edit by hand) -->';
const END = '<!-- engine-bench:end -->';
const SECTION_INTRO = `## Engine: algorithms against igraph, NetworKit and networkx

\`pnpm bench:engine\` (\`bench/run.mjs\`, after \`pnpm build\`) runs the engine's graph algorithms and the
libraries a researcher would reach for instead — python-igraph (C core), NetworKit (C++, OpenMP) and
networkx (pure Python), plus graphology's Louvain, which the engine uses today — on the same graphs
in the same run. Every measurement is its own process (peak RSS from \`/usr/bin/time\`), repeated, and
the median is reported; the answers are compared (Louvain modularity, betweenness max difference,
articulation-point and bridge sets). Graphs: seeded synthetic supply networks (\`bench/generate.mjs\`:
dense planted clusters, groups of clusters joined only through hub nodes, long chains) of 10k, 100k
and 1M nodes, and the real networks in \`shared/data/networks\` when present. The peers are installed
into \`bench/.venv\` by \`bench/setup-peers.sh\` (pinned versions). \`node bench/run.mjs --quick\` is a
two-minute smoke run; \`--help\` lists the options. The machine has 2 cores shared with other work,
so treat differences under ~20 % as noise.
`;

const BETWEENNESS_INTRO = `## Engine: sampled betweenness against NetworKit

\`node bench/run.mjs --section betweenness\` (after \`pnpm build\`) runs only exact and sampled betweenness, at two
bounds, on the graphs below: the engine's Riondato–Kornaropoulos sampler, NetworKit's \`ApproxBetweenness\` (the
same method) and NetworKit's \`KadabraBetweenness\` (adaptive sampling), each asked for the same guarantee, and the
estimates compared with exact betweenness where that is affordable. Everything else as in the table above.
`;

function writeDocs(text, section) {
  const perf = join(repo, 'docs', 'performance.md');
  let doc = readFileSync(perf, 'utf8');
  const start = section ? `<!-- engine-bench-${section}:start (generated by bench/run.mjs --section ${section}; do not edit by hand) -->` : START;
  const end = section ? `<!-- engine-bench-${section}:end -->` : END;
  const block = `${start}\n${text}\n${end}`;
  const a = doc.indexOf(start.slice(0, start.indexOf(':start') + 6));
  const b = doc.indexOf(end);
  if (a >= 0 && b > a) doc = doc.slice(0, a) + block + doc.slice(b + end.length);
  else doc = `${doc.trimEnd()}\n\n${section ? BETWEENNESS_INTRO : SECTION_INTRO}\n${block}\n`;
  writeFileSync(perf, doc);
  log(`wrote the table into ${relative(process.cwd(), perf)}`);
}

// --------------------------------------------------------------------- main --
async function main() {
  const opts = parseOptions(process.argv.slice(2));
  if (opts.help) { process.stdout.write(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\nimport ')[0].replace(/^#!.*\n/, '').replace(/^\/\/ ?/gm, '') + '\n'); return; }
  const started = new Date();
  const loadStart = loadavg();
  if (!existsSync(join(repo, 'packages', 'engine', 'dist', 'index.js'))) throw new Error('packages/engine/dist is missing: run `pnpm build` first');
  ensureRssTool();
  ensurePeers();
  const versions = JSON.parse(spawnSync(VENV_PY, [join(here, 'peers.py'), '--versions'], { encoding: 'utf8' }).stdout);
  const build = snapshotEngine();
  const exports = JSON.parse(spawnSync(process.execPath, [join(here, 'ours.mjs'), '--exports'], { encoding: 'utf8', env: { ...process.env, ...engineEnv } }).stdout);
  log(`engine exports: ${JSON.stringify(exports)}`);

  const graphs = opts.graphs.map((name) => ensureGraph(name, { log }));
  const outDir = join(CACHE, 'out');
  mkdirSync(outDir, { recursive: true });
  const results = [];
  for (const g of graphs) {
    if (g.missing) { log(`${g.name}: skipped (${g.missing})`); continue; }
    const rows = planFor(opts, g);
    if (!rows.length) continue;
    log(`${g.name}: ${int(g.n)} nodes, ${int(g.m)} edges`);
    for (const row of rows) results.push(await runRow(row, g, opts, outDir));
    agreement(results, g);
  }
  const pipeline = opts.pipeline ? await runPipeline(opts) : null;
  const finished = new Date();
  const info = { ...machine(versions, exports), build, loadStart, loadEnd: loadavg() };
  const text = renderTables({ opts, info, graphs, results, pipeline, started, finished });

  const resultsDir = join(CACHE, 'results');
  mkdirSync(resultsDir, { recursive: true });
  const stamp = started.toISOString().replace(/[:.]/g, '-');
  writeFileSync(join(resultsDir, `${stamp}${opts.quick ? '-quick' : ''}.json`), JSON.stringify({ opts, info, graphs, results, pipeline, started, finished }, null, 1));
  writeFileSync(join(resultsDir, `${stamp}${opts.quick ? '-quick' : ''}.md`), text + '\n');
  if (opts.docs) writeDocs(text, opts.section);
  process.stdout.write(`\n${text}\n\nTook ${((finished - started) / 60000).toFixed(1)} min. Raw results: ${relative(process.cwd(), join(resultsDir, stamp))}*.json\n`);
}

main().catch((err) => {
  log(err?.stack ?? String(err));
  process.exit(1);
});
