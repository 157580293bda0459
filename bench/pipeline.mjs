#!/usr/bin/env node
// The whole pipeline, as a user runs it: `chokepoint analyze <bundle> --out <file>` on generated bundles of the
// issue's sizes, each run in its own process, against the pipeline a researcher would write instead (pandas,
// igraph, NetworKit: bench/peer_pipeline.py) on the same files.
//
//   pnpm build && pnpm bench:pipeline                 # 100k entities / 1M ties, 3 runs of each side
//   pnpm bench:pipeline --large                        # and 1M entities / 10M ties (long: an hour or more)
//   node bench/pipeline.mjs --sizes 10k --runs 1       # a smoke run (a few minutes)
//
// Options:
//   --sizes LIST      comma-separated: 10k, 100k, 1m, or ENTITIESxTIES (250000x2500000); default 100k
//   --large           add 1m (1M entities / 10M ties) to the sizes
//   --runs N          runs of each side per size (default 3); the median is reported
//   --long S          after a run longer than S seconds, or one that failed, that size is not run again (default 600)
//   --timeout S       a run still going after S seconds is stopped and reported as timed out (default 1800)
//   --seed N          seed of the generated bundles (default 7)
//   --no-peer         do not run the peer pipeline
//   --json FILE       also write the raw results (JSON) to FILE
//   --docs / --no-docs  write the results into docs/performance.md ("The whole pipeline"); by default only when
//                     the run includes the 100k size with at least 3 runs
//   --keep-reports    keep the reports written (bench/.cache/pipeline-out/); by default each is deleted once read
//   --dry-run         measure nothing: print the plan (sizes, bundle directories, runs, options) as JSON
//   --render FILE...  measure nothing: print (and with --docs write) the tables of earlier raw results, several
//                     files merged size by size (a later file's size replaces an earlier one's)
//
// What is measured, for each run of `analyze`: the wall time from spawning the process to its exit; user and
// system CPU time and peak RSS from `/usr/bin/time -v`; the exit code; and the time of each stage, from the
// progress lines `analyze` writes on stderr ("chokepoint: building the graph"), each timestamped as it arrives: a
// stage lasts from its line to the next one. A run that fails (out of memory, an exit code other than 0, a
// timeout) is reported as such, with its exit code or signal and the last lines it wrote on stderr. The report's
// size, its flags per rule and its betweenness bound (network.betweenness: epsilon, delta, sources) are read back
// from the file; the peer pipeline's betweenness uses the same epsilon and delta.
// Results: a table on stdout, raw JSON and the table in bench/.cache/results/pipeline-<time>.{json,md}. The
// ratio ours ÷ peer is our whole run (start-up, flags, report and all) over the peer's graph-only work.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CACHE } from './generate.mjs';
import { ensurePipelineBundle, pipelineBundleDir, pipelineBundleParams, PIPELINE_BUNDLE_VERSION, PIPELINE_SIZES } from './pipeline-bundle.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..');
const CLI = join(repo, 'packages', 'cli', 'dist', 'bin.js');
const VENV_PY = join(here, '.venv', 'bin', 'python');
const DOC = join(repo, 'docs', 'performance.md');
const OUT = join(CACHE, 'pipeline-out');

/** The issue's targets (issue 14): wall time and peak RSS of `analyze`, by size. */
const TARGETS = {
  '100000x1000000': { seconds: 30, rssGB: 2, words: 'under 30 s and under 2 GB' },
  '1000000x10000000': { seconds: 300, rssGB: 8, words: 'under 5 minutes and under 8 GB' },
};
/** What `analyze` uses when the report cannot tell (the run failed): the CLI's default above its exact limit. */
const DEFAULT_BOUND = { epsilon: 0.1, delta: 0.1 };

// ------------------------------------------------------------------------------------------------ options --
export function options(argv) {
  const known = new Set(['sizes', 'large', 'runs', 'long', 'timeout', 'seed', 'no-peer', 'json', 'docs', 'no-docs', 'keep-reports', 'render', 'dry-run', 'help']);
  const valued = new Set(['sizes', 'runs', 'long', 'timeout', 'seed', 'json']);
  const render = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--') || !known.has(a.slice(2))) throw new Error(`unknown argument "${a}" (see --help)`);
    if (valued.has(a.slice(2))) {
      if (argv[i + 1] === undefined || argv[i + 1].startsWith('--')) throw new Error(`${a} needs a value`);
      i++;
    }
    if (a === '--render') while (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--')) render.push(argv[++i]);
  }
  if (argv.includes('--render') && render.length === 0) throw new Error('--render needs one or more result files');
  const get = (name, dflt) => { const i = argv.indexOf(`--${name}`); return i >= 0 ? argv[i + 1] : dflt; };
  const number = (name, dflt, min) => {
    const raw = get(name, String(dflt));
    const x = Number(raw);
    if (!/^\d+(\.\d+)?$/.test(raw) || x < min) throw new Error(`--${name} must be a number of at least ${min}, not "${raw}"`);
    return x;
  };
  const names = get('sizes', '100k').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  if (argv.includes('--large') && !names.includes('1m')) names.push('1m');
  if (names.length === 0) throw new Error('--sizes is empty');
  const sizes = names.map((s) => {
    const named = PIPELINE_SIZES[s];
    if (named) return { name: s, ...named };
    const m = /^(\d+)x(\d+)$/.exec(s);
    if (!m) throw new Error(`unknown size "${s}": use ${Object.keys(PIPELINE_SIZES).join(', ')} or ENTITIESxTIES`);
    const entities = Number(m[1]), ties = Number(m[2]);
    if (entities < 100 || ties < entities) throw new Error(`size "${s}": at least 100 entities and as many ties as entities`);
    return { name: s, entities, ties };
  });
  const runs = number('runs', 3, 1);
  if (!Number.isInteger(runs)) throw new Error(`--runs must be a whole number, not "${runs}"`);
  const docsFlag = argv.includes('--docs') ? true : argv.includes('--no-docs') ? false : undefined;
  return {
    help: argv.includes('--help'),
    dryRun: argv.includes('--dry-run'),
    sizes,
    runs,
    long: number('long', 600, 0),
    timeout: number('timeout', 1800, 1),
    seed: number('seed', 7, 0),
    peer: !argv.includes('--no-peer'),
    json: get('json', null),
    docs: docsFlag ?? (render.length === 0 && runs >= 3 && sizes.some((s) => s.entities === 100_000 && s.ties === 1_000_000)),
    keepReports: argv.includes('--keep-reports'),
    render,
  };
}

// ---------------------------------------------------------------------------------------------- helpers --
const log = (s) => process.stderr.write(`${s}\n`);
const int = (x) => Math.round(x).toLocaleString('en-US');
const fmtS = (s) => (s === undefined || s === null || Number.isNaN(s) ? '—' : s >= 100 ? `${s.toFixed(0)} s` : s >= 10 ? `${s.toFixed(1)} s` : s >= 1 ? `${s.toFixed(2)} s` : `${(s * 1000).toFixed(0)} ms`);
const fmtGB = (kb) => (kb ? (kb >= 1024 * 1024 ? `${(kb / 1024 / 1024).toFixed(2)} GB` : `${Math.round(kb / 1024)} MB`) : '—');
const fmtBytes = (b) => (b >= 1e9 ? `${(b / 1e9).toFixed(2)} GB` : b >= 1e6 ? `${(b / 1e6).toFixed(0)} MB` : `${(b / 1e3).toFixed(0)} kB`);
const median = (xs) => { const s = xs.filter((x) => x !== undefined && x !== null).sort((a, b) => a - b); if (!s.length) return undefined; const k = s.length >> 1; return s.length % 2 ? s[k] : (s[k - 1] + s[k]) / 2; };
const sizeKey = (size) => `${size.entities}x${size.ties}`;
const sizeLabel = (size) => `${int(size.entities)} entities / ${int(size.ties)} ties`;

/**
 * What a failed run died of, in words: a timeout, V8 out of memory (the heap limit: SIGABRT, exit 134), the
 * kernel's out-of-memory killer (SIGKILL), another signal, or an exit code with the error it printed.
 */
export function failureOf({ timedOut, timeout, signal, code, stderr, during, duringStage }) {
  const oom = /(?:Reached heap limit|Ineffective mark-compacts near heap limit|Allocation failed)[^\n]*|JavaScript heap out of memory|Array buffer allocation failed|invalid array length|Invalid string length/i.exec(stderr)?.[0];
  const error = /^(?:error|chokepoint: error|[A-Za-z]*Error):[^\n]*/m.exec(stderr)?.[0];
  const signalWords = { 6: 'SIGABRT', 9: 'SIGKILL: the kernel out-of-memory killer, or another process', 15: 'SIGTERM' };
  // Only V8's native stack left (the fatal line scrolled out of what was kept): it aborted in a garbage collection.
  const v8abort = signal === 6 && /v8::internal::Heap::/.test(stderr);
  const kind = timedOut
    ? `timed out after ${timeout} s`
    : oom
      ? `out of memory ("${oom.trim()}")`
      : v8abort
        ? 'out of memory (V8 aborted, signal 6, in a garbage collection at its heap limit)'
      : signal !== null && signal !== undefined
        ? `killed by signal ${signal}${signalWords[signal] ? ` (${signalWords[signal]})` : ''}`
        : `exit code ${code}${error ? `: "${error.length > 160 ? `${error.slice(0, 160)} …` : error}"` : ''}`;
  return { during, duringStage, kind };
}

/** Stage of a progress line (the text after "chokepoint: "), for the table; null for lines that only report. */
export function stageOf(text) {
  const rules = [
    // A large input runs again in a new process (larger young generation or heap): its start-up is the start-up.
    [/running the command again/i, 'start-up'],
    // How far along a stage is ("reading shipments.csv: 45% of 712 MB", "… 7 of 18 rules done"): part of that stage.
    [/: (?:\d+% of |[\d,]+ of [\d,]+ )/, null],
    // … and the engine's steps: "building the graph: the ends of 14,000,000 ties checked (step 1 of 2)", "finding
    // clusters (Louvain): pass 1, level 2: 2,113 communities of 1,000,000 entities".
    [/\(step [\d,]+ of [\d,]+\)$|^finding clusters \(Louvain\): pass \d/, null],
    [/^reading\b/i, 'read'],
    [/^read \d/i, 'order'], // the input sorted into canonical order, before the first step of the analysis
    [/canonical order/i, 'order'],
    [/warnings? about the input|skipped bad rows/i, null],
    [/name variants/i, 'resolve'],
    [/geocod/i, 'geocode'],
    [/ties shipments imply|weighing volumes/i, 'shipment ties'],
    [/building the graph|projection/i, 'build'],
    [/louvain|finding clusters/i, 'Louvain'],
    [/articulation|cut points|bridges/i, 'cut points'],
    [/betweenness/i, 'betweenness'],
    [/border crossings|distances/i, 'border distances'],
    [/company groups/i, 'company groups'],
    [/red-flag|red flag|flags/i, 'flags'],
    [/chains of control/i, 'ranking'], // control and brokerage, for the key nodes, before the chokepoints
    [/chokepoint|disruption/i, 'chokepoints'],
    [/ranking|key individuals|key nodes/i, 'ranking'],
    [/building the report|checking the report|report's schema/i, 'report'],
    [/^writing\b/i, 'write'],
    [/^wrote\b/i, 'summary'], // after the report is on disk: the summary on stdout, then exit
  ];
  for (const [re, stage] of rules) if (re.test(text)) return stage;
  return text; // a line this table does not know: shown under its own words
}
/**
 * A progress line's words, as the tables show them: without the clock `analyze` appends ("(1 min 26 s)": the
 * benchmark times each line as it arrives, to the millisecond), and with the bundle and report paths shortened.
 */
export function progressText(text, bundle, report) {
  let t = text.replace(/ \((?:\d+ min )?[\d.]+ s\)$/, '');
  if (report) t = t.split(report).join('<report>').split(report.replace(/\.json$/, '.records.jsonl')).join('<records>');
  if (bundle) t = t.split(bundle).join('<bundle>');
  // A command run again: the reason and the settings, not the sizes of this input and machine.
  t = t.replace(/^the input needs .*: running the command again with up to .*$/, 'running the command again with a larger heap').replace(/^a large input .*: running the command again .*(--max-semi-space-size=\d+).*$/, 'running the command again with $1');
  return t.replace(/\b\d{4,}\b/g, (d) => Number(d).toLocaleString('en-US'));
}

/** How a process ended: its signal (GNU time then reports exit status 0), or its exit code. */
const ended = (x) => (x.signal !== null && x.signal !== undefined ? `signal ${x.signal}${{ 6: ' (SIGABRT)', 9: ' (SIGKILL)', 15: ' (SIGTERM)' }[x.signal] ?? ''}` : `exit code ${x.code ?? '—'}`);
/** The peer pipeline's steps, in order. */
const PEER_STEPS = ['read', 'build', 'louvain', 'cut points', 'betweenness'];

/** The stages in pipeline order, as the tables show them. */
const STAGE_ORDER = ['start-up', 'read', 'order', 'resolve', 'geocode', 'shipment ties', 'build', 'Louvain', 'cut points', 'betweenness', 'border distances', 'company groups', 'flags', 'chokepoints', 'ranking', 'report', 'write', 'summary'];

// ------------------------------------------------------------------------------------- running a process --
const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100;
/** CPU time (user + system, all threads) a running process has used so far, from /proc; null when unknown. */
function cpuSeconds(pid) {
  if (!pid) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / CLK_TCK;
  } catch {
    return null;
  }
}

/**
 * Runs `cmd args` under /usr/bin/time -v in its own process group: stdout to `stdoutFile`, stderr read line by
 * line and timestamped as it arrives. Resolves { code, signal, wall, userS, sysS, rssKB, lines, timedOut }.
 */
function measure(cmd, args, { timeout, stdoutFile, env = {} }) {
  const timeFile = join(OUT, `time-${process.pid}-${Math.random().toString(36).slice(2)}.txt`);
  return new Promise((resolve) => {
    const out = openSync(stdoutFile, 'w');
    const t0 = performance.now();
    const child = spawn('/usr/bin/time', ['-v', '-o', timeFile, cmd, ...args], { cwd: repo, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', out, 'pipe'] });
    const lines = [];
    let pending = '';
    let measured = null; // the pid of the measured process (the child of /usr/bin/time), once known
    child.stderr.on('data', (d) => {
      const at = (performance.now() - t0) / 1000;
      measured ??= spawnSync('pgrep', ['-P', String(child.pid)], { encoding: 'utf8' }).stdout?.trim().split('\n')[0] || null;
      // A command run again with a larger heap (an input too large for Node.js's default heap): its CPU is the child's.
      const again = measured === null ? null : spawnSync('pgrep', ['-P', measured], { encoding: 'utf8' }).stdout?.trim().split('\n')[0] || null;
      if (again !== null) measured = again;
      const cpu = cpuSeconds(measured);
      pending += d;
      const parts = pending.split('\n');
      pending = parts.pop();
      for (const text of parts) lines.push({ at, cpu, text });
    });
    let timedOut = false, grace;
    const timer = setTimeout(() => {
      timedOut = true;
      // Kill the measured process first, so that /usr/bin/time still writes its figures; then the group.
      const kids = spawnSync('pgrep', ['-P', String(child.pid)], { encoding: 'utf8' }).stdout?.trim().split('\n').filter(Boolean) ?? [];
      for (const pid of kids) { try { process.kill(Number(pid), 'SIGKILL'); } catch {} }
      grace = setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch {} }, 5000);
    }, timeout * 1000);
    child.on('close', () => {
      clearTimeout(timer);
      clearTimeout(grace);
      closeSync(out);
      const wall = (performance.now() - t0) / 1000;
      if (pending) lines.push({ at: wall, text: pending });
      const t = existsSync(timeFile) ? readFileSync(timeFile, 'utf8') : '';
      rmSync(timeFile, { force: true });
      const num = (re) => { const m = re.exec(t); return m ? Number(m[1]) : null; };
      const signal = num(/Command terminated by signal (\d+)/);
      resolve({
        code: num(/Exit status: (\d+)/), signal, wall,
        userS: num(/User time \(seconds\): ([\d.]+)/), sysS: num(/System time \(seconds\): ([\d.]+)/), rssKB: num(/Maximum resident set size \(kbytes\): (\d+)/),
        lines, timedOut,
      });
    });
  });
}

// -------------------------------------------------------------------------------------------- our side --
async function runOurs(bundle, size, run, opts) {
  const report = join(OUT, `report-${sizeKey(size)}-${run}.json`);
  const summary = join(OUT, `summary-${sizeKey(size)}-${run}.txt`);
  const records = report.replace(/\.json$/, '.records.jsonl');
  rmSync(report, { force: true });
  rmSync(records, { force: true });
  const m = await measure('node', [CLI, 'analyze', bundle, '--out', report], { timeout: opts.timeout, stdoutFile: summary });
  // Stages: from each progress line to the next; the first starts at 0 (start-up: Node and the modules loading).
  const progress = [{ at: 0, cpu: 0, text: '(start-up)', stage: 'start-up' }];
  const other = [];
  // The lines that say how far along a stage is, kept as they came (they show what a person running it sees).
  const steps = [];
  for (const l of m.lines) {
    const p = /^chokepoint: (.*)$/.exec(l.text);
    if (p) {
      const text = progressText(p[1], bundle, report);
      const stage = stageOf(text);
      if (stage !== null) progress.push({ at: l.at, cpu: l.cpu, text, stage });
      else steps.push({ at: l.at, text });
    }
    else if (l.text.trim() !== '') other.push(l.text);
  }
  // CPU time of a stage: the process's CPU time (read from /proc as each line arrives) at the next line, less
  // at its own; the last stage ends with the process's total from /usr/bin/time.
  const cpuEnd = m.userS === null ? null : m.userS + (m.sysS ?? 0);
  const cpuAt = (i) => (i < progress.length ? progress[i].cpu : cpuEnd);
  const stages = progress.map((p, i) => {
    const a = cpuAt(i), b = cpuAt(i + 1);
    return { stage: p.stage, text: p.text, at: p.at, seconds: (progress[i + 1]?.at ?? m.wall) - p.at, cpu: a === null || a === undefined || b === null || b === undefined ? null : Math.max(0, b - a) };
  });
  const ok = m.code === 0 && !m.timedOut && m.signal === null;
  const result = { run, ok, wall: m.wall, cpu: (m.userS ?? 0) + (m.sysS ?? 0), rssKB: m.rssKB, code: m.code, signal: m.signal, timedOut: m.timedOut, stages, steps };
  if (!ok) {
    const last = stages[stages.length - 1];
    const said = m.lines.map((l) => l.text).filter((t) => t.trim() !== '');
    // V8 prints its native stack after "FATAL ERROR: … JavaScript heap out of memory": search all of stderr, and
    // keep the lines from the fatal one (the GC trace before it and the stack after it, in part).
    const fatal = said.findIndex((t) => /FATAL ERROR|heap out of memory|Allocation failed|invalid array length|Invalid string length|Array buffer allocation failed|RangeError/i.test(t));
    const stderrTail = fatal >= 0 ? said.slice(Math.max(0, fatal - 4), fatal + 8) : said.slice(-12);
    result.failure = failureOf({ timedOut: m.timedOut, timeout: opts.timeout, signal: m.signal, code: m.code, stderr: said.join('\n'), during: last.text === '(start-up)' ? 'start-up' : last.text, duringStage: last.stage });
    result.failure.stderrTail = stderrTail;
  } else {
    Object.assign(result, readReport(report));
    result.recordsBytes = existsSync(records) ? statSync(records).size : 0;
    result.summaryBytes = statSync(summary).size;
  }
  if (!opts.keepReports) { rmSync(report, { force: true }); rmSync(records, { force: true }); }
  return result;
}

/**
 * What the benchmark reads back from a report, without parsing a file that may be larger than a JavaScript
 * string can hold: its size, network.betweenness (the first object-valued "betweenness"), network.modularity,
 * and the flags per rule (the "rule" key belongs to flags only).
 */
function readReport(path) {
  const bytes = statSync(path).size;
  const fd = openSync(path, 'r');
  const chunk = Buffer.alloc(8 << 20);
  let carry = '';
  let betweenness = null, modularity = null;
  const flags = {};
  try {
    for (;;) {
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      const text = carry + chunk.toString('utf8', 0, n);
      if (betweenness === null) { const b = /"betweenness":\s*(\{[^{}]*"(?:exact|epsilon)"[^{}]*\})/.exec(text); if (b) betweenness = JSON.parse(b[1]); }
      if (modularity === null) { const q = /"modularity":\s*(-?[\d.eE+-]+)/.exec(text); if (q) modularity = Number(q[1]); }
      // Count rules in the text before the last 200 characters (those come again with the next chunk).
      const safe = text.length - 200;
      for (const r of text.matchAll(/"rule":\s*"([a-z0-9-]+)"/g)) if (r.index < safe) flags[r[1]] = (flags[r[1]] ?? 0) + 1;
      carry = text.slice(Math.max(0, safe));
    }
    for (const r of carry.matchAll(/"rule":\s*"([a-z0-9-]+)"/g)) flags[r[1]] = (flags[r[1]] ?? 0) + 1;
  } finally {
    closeSync(fd);
  }
  return { reportBytes: bytes, betweenness, modularity, flags };
}

// ------------------------------------------------------------------------------------------- peer side --
async function runPeer(bundle, size, run, bound, opts) {
  const stdout = join(OUT, `peer-${sizeKey(size)}-${run}.jsonl`);
  const how = bound.exact ? ['--exact'] : ['--epsilon', String(bound.epsilon), '--delta', String(bound.delta)];
  const m = await measure(VENV_PY, [join(here, 'peer_pipeline.py'), bundle, ...how, '--threads', String(Math.min(2, cpus().length)), '--seed', '1'], {
    timeout: opts.timeout, stdoutFile: stdout, env: { OMP_WAIT_POLICY: 'PASSIVE' },
  });
  const steps = {};
  const facts = {};
  let total = null, cpuTotal = null;
  for (const line of readFileSync(stdout, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      const j = JSON.parse(line);
      if (j.step) { steps[j.step] = j.seconds; facts[j.step] = j; }
      if (j.done) { total = j.total_s; cpuTotal = j.cpu_s ?? null; }
    } catch {}
  }
  rmSync(stdout, { force: true });
  const ok = m.code === 0 && !m.timedOut && total !== null;
  return {
    run, ok, wall: m.wall, total, cpuTotal, cpu: (m.userS ?? 0) + (m.sysS ?? 0), rssKB: m.rssKB, steps, facts, code: m.code, signal: m.signal, timedOut: m.timedOut,
    stderrTail: ok ? undefined : m.lines.map((l) => l.text).filter((t) => t.trim()).slice(-12),
  };
}

function ensurePeers() {
  if (existsSync(VENV_PY) && spawnSync(VENV_PY, ['-c', 'import pandas, pyarrow, igraph, networkit'], { encoding: 'utf8' }).status === 0) return true;
  log('bench/.venv missing or incomplete: running bench/setup-peers.sh');
  const r = spawnSync('bash', [join(here, 'setup-peers.sh')], { stdio: 'inherit' });
  return r.status === 0;
}

// ------------------------------------------------------------------------------------------------ machine --
function machine() {
  const lscpu = spawnSync('lscpu', [], { encoding: 'utf8' }).stdout ?? '';
  const field = (name) => new RegExp(`^${name}:\\s*(.+)$`, 'm').exec(lscpu)?.[1]?.trim();
  const os = existsSync('/etc/os-release') ? /PRETTY_NAME="?([^"\n]+)/.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] : process.platform;
  const py = existsSync(VENV_PY) ? spawnSync(VENV_PY, [join(here, 'peer_pipeline.py'), '--versions'], { encoding: 'utf8' }).stdout.trim() : '';
  const git = (args) => spawnSync('git', args, { cwd: repo, encoding: 'utf8' }).stdout?.trim() ?? '';
  let built = null;
  try { built = statSync(CLI).mtime.toISOString().slice(0, 16).replace('T', ' '); } catch {}
  return {
    cpu: field('Model name') ?? cpus()[0]?.model ?? 'unknown CPU',
    cpus: field('CPU\\(s\\)') ?? String(cpus().length),
    threadsPerCore: field('Thread\\(s\\) per core'),
    ramGiB: Math.round(totalmem() / 2 ** 30),
    os,
    node: process.version,
    peer: py ? JSON.parse(py) : null,
    commit: git(['rev-parse', '--short', 'HEAD']),
    dirty: git(['status', '--porcelain', '--', 'packages']).split('\n').filter(Boolean).length,
    built,
  };
}

// ------------------------------------------------------------------------------------------------ tables --
/** The words on one measuring session: when, on what, with what, and how loaded the machine was. */
function sessionWords({ opts, info, started, finished, loadStart, loadEnd }, sizes) {
  const p = info.peer ?? {};
  const t = (d) => new Date(d).toISOString();
  const load = (l) => l.map((x) => x.toFixed(1)).join(' / ');
  return `${sizes.join(', ')}: measured ${t(started).slice(0, 10)} ${t(started).slice(11, 16)}–${t(finished).slice(11, 16)} UTC on ${info.cpu} (\`lscpu\`: ${info.cpus} CPUs${info.threadsPerCore ? `, ${info.threadsPerCore} thread(s) per core` : ''}), ${info.ramGiB} GiB RAM, ${info.os}; Node ${info.node}; peer: Python ${p.python ?? '?'} with pandas ${p.pandas ?? '?'}, pyarrow ${p.pyarrow ?? '?'}, python-igraph ${p.igraph ?? '?'}, NetworKit ${p.networkit ?? '?'} (2 threads), numpy ${p.numpy ?? '?'}. \`packages/cli/dist\` built ${info.built ?? '?'} UTC on commit ${info.commit}${info.dirty ? ` with uncommitted changes in ${info.dirty} file(s) under packages/` : ''}. Bundles from \`bench/pipeline-bundle.mjs\` (version ${PIPELINE_BUNDLE_VERSION}, seed ${opts.seed}). Up to ${opts.runs} run(s) of each side per size, each in its own process, alternating ours and the peer's, median reported (a size is not run again after a run over ${opts.long} s or a failure); timeout ${opts.timeout} s. Load average ${load(loadStart)} at the start, ${load(loadEnd)} at the end (1/5/15 min).`;
}

function render({ sessions, results }) {
  const L = [];
  for (const s of sessions) L.push(`- ${sessionWords(s, results.filter((r) => (r.sessions ?? [r.session]).includes(s)).map((r) => sizeLabel(r.size)))}`);
  L.push('');
  L.push("The machine's 2 cores are shared with other work (a load average above 2 means processes waited for a core), so wall times are noisy; CPU time (user + system) is the steadier figure.");
  L.push('');
  L.push('| bundle | relations | shipments | `analyze` outcome | wall time (median) | runs | CPU time (median) | peak RSS (max) | issue target | met? | report written | flags (share of shipments) |');
  L.push('|---|---:|---:|---|---:|---|---:|---:|---|---|---:|---|');
  const rows = [];
  for (const r of results) {
    const ok = r.ours.filter((x) => x.ok);
    const wall = median(ok.map((x) => x.wall));
    const cpu = median(ok.map((x) => x.cpu));
    const rss = Math.max(...r.ours.map((x) => x.rssKB ?? 0)) || null;
    const failed = r.ours.filter((x) => !x.ok);
    const outcome = ok.length === r.ours.length ? `completed ${ok.length} of ${r.ours.length}` : `**${failed.length} of ${r.ours.length} failed**: ${failed[0].failure.kind} after ${fmtS(failed[0].wall)}, during "${failed[0].failure.during}" (${ended(failed[0])})`;
    const target = TARGETS[sizeKey(r.size)];
    const met = target === undefined ? '—' : ok.length === 0 ? 'no (failed)' : `${wall <= target.seconds ? 'time yes' : `time no (${(wall / target.seconds).toFixed(1)}×)`}, ${rss / 1024 / 1024 <= target.rssGB ? 'memory yes' : `memory no (${(rss / 1024 / 1024 / target.rssGB).toFixed(1)}×)`}`;
    const first = ok[0];
    const flagsTotal = first ? Object.values(first.flags).reduce((a, b) => a + b, 0) : null;
    const written = first ? `${fmtBytes(first.reportBytes)}${first.recordsBytes ? ` + ${fmtBytes(first.recordsBytes)} of records` : ''}` : '—';
    L.push(`| ${sizeLabel(r.size)} | ${int(r.counts.relations)} | ${int(r.counts.shipments)} | ${outcome} | ${fmtS(wall)} | ${r.ours.map((x) => (x.ok ? fmtS(x.wall) : `failed at ${fmtS(x.wall)}`)).join(', ')} | ${fmtS(cpu)} | ${fmtGB(rss)} | ${target?.words ?? '—'} | ${met} | ${written} | ${flagsTotal === null ? '—' : `${int(flagsTotal)} (${((100 * flagsTotal) / r.counts.shipments).toFixed(2)} %)`} |`);
    const peerOk = r.peer.filter((x) => x.ok);
    rows.push({ r, wall, cpu, rss, peerOk, peerTotal: median(peerOk.map((x) => x.total)), peerCpu: median(peerOk.map((x) => x.cpu)), peerRss: Math.max(0, ...r.peer.map((x) => x.rssKB ?? 0)) || null });
  }
  L.push('');
  if (results.some((r) => r.peer.length)) {
    L.push('Against the peer pipeline (its graph work only: read, build, Louvain, cut points, betweenness; ours is the whole run, flags and report included). The issue asks for ours ÷ peer ≤ 1. Wall time is what a user waits; CPU time (user + system of the process, all its threads) is steadier on a shared machine.');
    L.push('');
    L.push('| bundle | ours, wall | peer, wall (runs) | **ours ÷ peer, wall** | ours, CPU | peer, CPU | ours ÷ peer, CPU | ours, peak RSS | peer, peak RSS |');
    L.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const { r, wall, cpu, rss, peerOk, peerTotal, peerCpu, peerRss } of rows) {
      const peerCell = r.peer.length === 0 ? 'not run' : peerOk.length ? `${fmtS(peerTotal)} (${r.peer.map((x) => (x.ok ? fmtS(x.total) : 'failed')).join(', ')})` : `did not complete: ${r.peer[0].timedOut ? 'timed out' : ended(r.peer[0])}, during ${PEER_STEPS.find((k) => r.peer[0].steps?.[k] === undefined) ?? 'the end'}`;
      const ratio = (a, b) => (a !== undefined && b ? `${(a / b).toFixed(2)}×` : '—');
      L.push(`| ${sizeLabel(r.size)} | ${fmtS(wall)} | ${peerCell} | **${ratio(wall, peerTotal)}** | ${fmtS(cpu)} | ${fmtS(peerCpu)} | ${ratio(cpu, peerCpu)} | ${fmtGB(rss)} | ${fmtGB(peerRss)} |`);
    }
    L.push('');
  }
  // Stage by stage.
  const stageNames = STAGE_ORDER.filter((s) => results.some((r) => r.ours.some((x) => x.stages.some((y) => y.stage === s))));
  for (const r of results) for (const x of r.ours) for (const y of x.stages) if (!stageNames.includes(y.stage)) stageNames.push(y.stage);
  L.push(`Stage by stage, \`analyze\` (median of the completed runs; a failed run's stages up to its failure when none completed). A stage lasts from its progress line on stderr to the next line; its words are the line's text. Wall time is timed as each line arrives; CPU time (user + system, all threads) is read from \`/proc/<pid>/stat\` at the same moments, and its share is of the run's whole CPU time: where the work goes, whatever else the machine was doing.`);
  L.push('');
  L.push(`| stage | progress line | ${results.map((r) => `${sizeLabel(r.size)}: wall | CPU | share`).join(' | ')} |`);
  L.push(`|---|---|${results.map(() => '---:|---:|---:').join('|')}|`);
  for (const s of stageNames) {
    const texts = new Set();
    const cells = results.map((r) => {
      const ok = r.ours.filter((x) => x.ok);
      const runs = (ok.length ? ok : r.ours).filter((x) => x.stages.some((y) => y.stage === s));
      if (!runs.length) return '— | — | —';
      const of = (x, key) => x.stages.filter((y) => y.stage === s).reduce((a, y) => (texts.add(progressText(y.text)), y[key] === null || y[key] === undefined || a === null ? null : a + y[key]), 0);
      const wall = median(runs.map((x) => of(x, 'seconds')));
      const cpu = median(runs.map((x) => of(x, 'cpu')));
      const total = median(runs.map((x) => x.cpu));
      const failedHere = !ok.length && runs.some((x) => x.failure?.duringStage === s);
      return `${fmtS(wall)}${failedHere ? ' (failed here)' : ''} | ${fmtS(cpu)} | ${cpu !== undefined && total ? `${((100 * cpu) / total).toFixed(0)} %` : '—'}`;
    });
    L.push(`| ${s} | ${[...texts].slice(0, 3).map((t) => `"${t.replace(/\|/g, '\\|')}"`).join(', ')} | ${cells.join(' | ')} |`);
  }
  L.push('');
  // The peer pipeline step by step, with our matching stage.
  if (results.some((r) => r.peer.length)) {
    L.push('The peer pipeline step by step (median wall time, and CPU time in brackets), beside the same work in ours (our "read" includes checking every row and putting them in canonical order; our "build" the weighted projection and its CSR; the peer\'s "read" includes importing pandas, its "build" importing igraph and NetworKit):');
    L.push('');
    L.push(`| step | ${results.map((r) => `peer, ${sizeLabel(r.size)} | ours`).join(' | ')} |`);
    L.push(`|---|${results.map(() => '---:|---:').join('|')}|`);
    const ourStage = { read: ['read', 'order'], build: ['build'], louvain: ['Louvain'], 'cut points': ['cut points'], betweenness: ['betweenness'] };
    const both = (wall, cpu) => `${fmtS(wall)}${cpu === undefined ? '' : ` (${fmtS(cpu)})`}`;
    const ourSum = (x, names, key) => x.stages.filter((y) => names.includes(y.stage)).reduce((a, y) => (a === null || y[key] === null || y[key] === undefined ? null : a + y[key]), 0);
    for (const step of PEER_STEPS) {
      const cells = results.map((r) => {
        const pk = r.peer.filter((x) => x.ok);
        const ok = r.ours.filter((x) => x.ok);
        return `${both(median(pk.map((x) => x.steps[step])), median(pk.map((x) => x.facts[step]?.cpu_seconds)))} | ${both(median(ok.map((x) => ourSum(x, ourStage[step], 'seconds'))), median(ok.map((x) => ourSum(x, ourStage[step], 'cpu'))))}`;
      });
      L.push(`| ${step} | ${cells.join(' | ')} |`);
    }
    L.push(`| **total** | ${results.map((r) => { const pk = r.peer.filter((x) => x.ok); const ok = r.ours.filter((x) => x.ok); return `**${both(median(pk.map((x) => x.total)), median(pk.map((x) => x.cpuTotal)))}** | **${both(median(ok.map((x) => x.wall)), median(ok.map((x) => x.cpu)))}** (whole run)`; }).join(' | ')} |`);
    L.push('');
    for (const r of results) {
      const pk = r.peer.find((x) => x.ok);
      const ok = r.ours.find((x) => x.ok);
      if (!pk && !ok) continue;
      const bits = [];
      if (ok?.betweenness) bits.push(`ours: betweenness ${ok.betweenness.exact ? `exact (${int(ok.betweenness.sources)} sources)` : `±${Number(ok.betweenness.epsilon.toPrecision(3))} with probability ${1 - (ok.betweenness.delta ?? 0)} from ${int(ok.betweenness.sources)} sampled sources`}, ${ok.betweenness.threads} thread(s); modularity ${ok.modularity?.toFixed(4) ?? '?'}`);
      if (pk) bits.push(`peer: ${int(pk.facts.build.nodes)} nodes, ${int(pk.facts.build.edges)} edges; igraph multilevel ${int(pk.facts.louvain.communities)} communities, modularity ${pk.facts.louvain.modularity.toFixed(4)}; ${int(pk.facts['cut points'].articulation_points)} articulation points, ${int(pk.facts['cut points'].bridges)} bridges; ${pk.facts.betweenness.exact ? 'NetworKit exact Betweenness (ours was exact too)' : `NetworKit ApproxBetweenness ε = ${Number(pk.facts.betweenness.epsilon.toPrecision(3))}, δ = ${pk.facts.betweenness.delta}${r.boundFrom === 'default' ? ' (the CLI default: our run gave no report to read it from)' : ' (read from our report)'}: ${int(pk.facts.betweenness.samples)} samples`}`);
      if (ok?.flags) bits.push(`our flags: ${Object.entries(ok.flags).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${int(v)}`).join(', ') || 'none'}`);
      L.push(`- ${sizeLabel(r.size)}: ${bits.join('. ')}.`);
    }
    L.push('');
  }
  // Failures, with their last words.
  for (const r of results) {
    for (const x of r.ours.filter((y) => !y.ok)) {
      L.push(`Run ${x.run} at ${sizeLabel(r.size)} failed: ${x.failure.kind} after ${fmtS(x.wall)}, during "${x.failure.during}"; ${ended(x)}; CPU time ${fmtS(x.cpu)}; peak RSS ${fmtGB(x.rssKB)}. Last lines on stderr:`);
      L.push('');
      L.push('```');
      for (const t of x.failure.stderrTail) L.push(t.length > 200 ? `${t.slice(0, 200)} …` : t);
      L.push('```');
      L.push('');
    }
    for (const x of r.peer.filter((y) => !y.ok)) {
      const done = Object.entries(x.steps ?? {}).map(([k, v]) => `${k} ${fmtS(v)}${x.facts?.[k]?.cpu_seconds === undefined ? '' : ` (CPU ${fmtS(x.facts[k].cpu_seconds)})`}`).join(', ');
      L.push(`Peer run ${x.run} at ${sizeLabel(r.size)} did not complete (${x.timedOut ? 'timed out' : ended(x)} after ${fmtS(x.wall)}; peak RSS ${fmtGB(x.rssKB)})${done ? `; steps completed: ${done}` : ''}${x.stderrTail?.length ? `. Last lines on stderr: ${x.stderrTail.slice(-3).join(' / ')}` : ''}`);
      L.push('');
    }
  }
  return L.join('\n').trimEnd();
}

const DOC_START = '<!-- pipeline-bench:start (generated by bench/pipeline.mjs; do not edit by hand) -->';
const DOC_END = '<!-- pipeline-bench:end -->';
function writeDocs(text) {
  let doc = readFileSync(DOC, 'utf8');
  const block = `${DOC_START}\n${text}\n${DOC_END}`;
  const a = doc.indexOf('<!-- pipeline-bench:start');
  const b = doc.indexOf(DOC_END);
  if (a >= 0 && b > a) doc = doc.slice(0, a) + block + doc.slice(b + DOC_END.length);
  else doc = `${doc.trimEnd()}\n\n## The whole pipeline\n\n${block}\n`;
  writeFileSync(DOC, doc);
  log(`wrote the table into ${relative(process.cwd(), DOC)}`);
}

// --------------------------------------------------------------------------------------------------- main --
async function main() {
  const opts = options(process.argv.slice(2));
  if (opts.help) {
    process.stdout.write(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').filter((l) => l.startsWith('//')).map((l) => l.slice(3)).join('\n') + '\n');
    return;
  }
  if (opts.render.length) return renderFiles(opts.render, opts);
  if (opts.dryRun) {
    const sizes = opts.sizes.map((size) => ({ ...size, bundle: relative(repo, pipelineBundleDir(pipelineBundleParams(size.entities, size.ties, opts.seed))), target: TARGETS[sizeKey(size)]?.words ?? null }));
    process.stdout.write(`${JSON.stringify({ ...opts, sizes }, null, 1)}\n`);
    return;
  }
  if (!existsSync(CLI)) throw new Error(`${relative(process.cwd(), CLI)} is missing: run pnpm build first`);
  if (!existsSync('/usr/bin/time')) throw new Error('/usr/bin/time (GNU time) is missing: apt-get install time');
  mkdirSync(OUT, { recursive: true });
  const peer = opts.peer && ensurePeers();
  if (opts.peer && !peer) log('the peer pipeline cannot run (bench/setup-peers.sh failed): measuring ours only');
  const info = machine();
  const started = new Date();
  const loadStart = loadavg();
  const results = [];
  const resultsDir = join(CACHE, 'results');
  mkdirSync(resultsDir, { recursive: true });
  const stamp = started.toISOString().replace(/[:.]/g, '-');
  const rawFile = join(resultsDir, `pipeline-${stamp}.json`);
  // The raw results so far, written after every run: a session stopped half-way still leaves what it measured
  // (`--render` reads it).
  const save = (finished) => {
    const raw = JSON.stringify({ opts, info, started, finished, loadStart, loadEnd: loadavg(), complete: finished !== null, results }, null, 1);
    writeFileSync(rawFile, raw);
    if (opts.json) writeFileSync(opts.json, raw);
  };
  for (const size of opts.sizes) {
    const params = pipelineBundleParams(size.entities, size.ties, opts.seed);
    const dir = pipelineBundleDir(params);
    log(`${size.name}: bundle ${relative(process.cwd(), dir)}`);
    const counts = ensurePipelineBundle(dir, params, log);
    const entry = { size, counts, ours: [], peer: [], boundFrom: null };
    results.push(entry);
    let bound = null;
    for (let run = 1; run <= opts.runs; run++) {
      log(`${size.name}: analyze, run ${run} of ${opts.runs}`);
      const o = await runOurs(dir, size, run, opts);
      entry.ours.push(o);
      log(`  ${o.ok ? 'completed' : `FAILED (${o.failure.kind}, during "${o.failure.during}")`} in ${fmtS(o.wall)}, CPU ${fmtS(o.cpu)}, peak RSS ${fmtGB(o.rssKB)}; ${o.stages.map((s) => `${s.stage} ${fmtS(s.seconds)}`).join(', ')}`);
      if (bound === null) {
        // The peer's betweenness is held to the bound our report states (exact when ours was exact).
        const b = o.ok ? o.betweenness : null;
        bound = b?.exact ? { exact: true } : b?.epsilon ? { epsilon: b.epsilon, delta: b.delta ?? DEFAULT_BOUND.delta } : { ...DEFAULT_BOUND };
        entry.boundFrom = b ? 'report' : 'default';
      }
      if (peer) {
        log(`${size.name}: peer pipeline, run ${run} of ${opts.runs}`);
        const pr = await runPeer(dir, size, run, bound, opts);
        entry.peer.push(pr);
        log(`  ${pr.ok ? 'completed' : 'FAILED'} in ${fmtS(pr.total ?? pr.wall)}, peak RSS ${fmtGB(pr.rssKB)}; ${Object.entries(pr.steps).map(([k, v]) => `${k} ${fmtS(v)}`).join(', ')}`);
      }
      save(null);
      if (!o.ok || o.wall > opts.long) { if (run < opts.runs) log(`  ${size.name}: not run again (${o.ok ? `over ${opts.long} s` : 'failed'})`); break; }
    }
  }
  const finished = new Date();
  const session = { opts, info, started, finished, loadStart, loadEnd: loadavg() };
  save(finished);
  const text = render({ sessions: [session], results: results.map((r) => ({ ...r, session })) });
  writeFileSync(join(resultsDir, `pipeline-${stamp}.md`), text + '\n');
  if (opts.docs) writeDocs(text);
  process.stdout.write(`\n${text}\n\nTook ${((finished - started) / 60000).toFixed(1)} min. Raw results: ${relative(process.cwd(), rawFile)}${opts.json ? ` and ${opts.json}` : ''}\n`);
}

/** The tables of earlier raw results (--render), several files merged size by size. */
function renderFiles(files, opts) {
  const sessions = [];
  const bySize = new Map();
  for (const f of files) {
    const raw = JSON.parse(readFileSync(f, 'utf8'));
    if (!Array.isArray(raw.results) || !raw.info || !raw.opts) throw new Error(`${f}: not a result file of bench/pipeline.mjs`);
    const session = { opts: raw.opts, info: raw.info, started: raw.started, finished: raw.finished ?? new Date(statSync(f).mtimeMs).toISOString(), loadStart: raw.loadStart ?? [NaN, NaN, NaN], loadEnd: raw.loadEnd ?? [NaN, NaN, NaN] };
    sessions.push(session);
    for (const r of raw.results) {
      // Stages named again with today's words (a line an older version did not know was its own stage).
      for (const x of r.ours) for (const y of x.stages ?? []) if (y.text !== '(start-up)') y.stage = stageOf(y.text) ?? y.stage;
      // Failures named again with today's words (older files may have named a V8 abort by its signal only).
      for (const x of r.ours) if (!x.ok && x.failure) Object.assign(x.failure, { kind: failureOf({ ...x, timeout: raw.opts.timeout, stderr: (x.failure.stderrTail ?? []).join('\n'), during: x.failure.during, duringStage: x.failure.duringStage }).kind });
      // Runs of one bundle (size and seed) from several sessions are pooled; their sessions are all named.
      const key = `${sizeKey(r.size)}-s${raw.opts.seed}`;
      const prev = bySize.get(key);
      if (prev === undefined) { bySize.set(key, { ...r, session, sessions: [session] }); continue; }
      const renumber = (xs, from) => xs.map((x, i) => ({ ...x, run: from + i + 1 }));
      prev.ours = [...prev.ours, ...renumber(r.ours, prev.ours.length)];
      prev.peer = [...prev.peer, ...renumber(r.peer, prev.peer.length)];
      prev.sessions.push(session);
    }
  }
  const results = [...bySize.values()].sort((a, b) => a.size.entities - b.size.entities || a.size.ties - b.size.ties);
  const text = render({ sessions: sessions.filter((s) => results.some((r) => r.sessions.includes(s))), results });
  if (opts.docs) writeDocs(text);
  process.stdout.write(`${text}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err) => {
    log(`bench/pipeline.mjs: ${err.message}`);
    process.exit(1);
  });
}
