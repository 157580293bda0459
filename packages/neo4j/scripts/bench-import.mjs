#!/usr/bin/env node
// Neo4j benchmark (not a test): a first load with the MERGE path against the bulk path (neo4j-admin), the idempotent
// re-run, reading back, and `analyze --neo4j` with and without --gds.
//
//   pnpm build && node packages/neo4j/scripts/bench-import.mjs [--sizes demo,10k,100k] [--runs 3] [--gds 100k]
//                 [--batch-size 2000] [--paths merge,bulk] [--again-runs N] [--no-analyze] [--keep]
//   (or: pnpm bench:neo4j)
//
// Sizes: `demo` (data/scenarios/border-procurement) and the generated bundles of bench-bundles.mjs (`10k`, `100k`,
// `1m`), written once as CSV to $TMPDIR/chokepoint-bench-neo4j/<size>/. The benchmark creates its own Neo4j 5.26 test
// server (tools/neo4j-test-server: heap 2g, page cache 1g, with Graph Data Science when its jars can be fetched), since
// the bulk path needs a server it can stop; it is removed at the end unless --keep.
//
// For each size and each of --runs runs, every command runs as a user runs it, in its own process, timed from outside,
// its peak RSS from GNU time (the largest process of its tree: node, or neo4j-admin's JVM for the bulk path):
//   1. MERGE: everything deleted (data and constraints), then `chokepoint neo4j import <bundle> --json`;
//   2. the same command again (the idempotent re-run);
//   3. reading the bundle back in this process (checked to equal the bundle from the files, record by record);
//   4. bulk: the server stopped, then `chokepoint neo4j import <bundle> --bulk --replace --start --json` (CSV files,
//      neo4j-admin database import full, the server started, the constraints created);
//   5. both databases compared: the same counts of nodes, relationships, properties, labels and types, and the same
//      constraints; the bundle read back equal to the files.
// The idempotent re-run (2.) runs in the first --again-runs runs (default: all); on a loaded machine, where a MERGE
// import of 100k entities takes many minutes, `--again-runs 1` keeps the import runs to what the medians need.
// Then once per size, in its last run (unless --no-analyze): `chokepoint analyze <files>`, `chokepoint analyze --neo4j` after each path
// (the three reports compared byte for byte), and for the sizes of --gds `chokepoint analyze --neo4j --gds`, with the
// time of each GDS step measured in this process. Medians of the runs.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, release, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { generate } from './bench-bundles.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..', '..');
const require = createRequire(import.meta.url);

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
if (args.includes('--help')) {
  console.log('node packages/neo4j/scripts/bench-import.mjs [--sizes demo,10k,100k] [--runs 3] [--gds 100k] [--batch-size 2000] [--paths merge,bulk] [--again-runs N] [--no-analyze] [--keep]');
  process.exit(0);
}
const sizes = option('--sizes', 'demo,10k,100k').split(',');
const gdsSizes = option('--gds', '100k').split(',').filter((s) => s !== '');
const batchSize = Number(option('--batch-size', '2000'));
const runs = Number(option('--runs', '3'));
const againRuns = Number(option('--again-runs', String(runs)));
const analyzeToo = !args.includes('--no-analyze');
// `--paths bulk` measures the bulk path alone (ten million rows take a quarter of an hour and more with MERGE).
const paths = option('--paths', 'merge,bulk').split(',');
const doMerge = paths.includes('merge');
const doBulk = paths.includes('bulk');
const median = (xs) => {
  const v = [...xs].sort((a, b) => a - b);
  return v.length === 0 ? NaN : v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
};

function load(pkg) {
  const dist = join(repo, 'packages', pkg, 'dist', 'index.js');
  if (!existsSync(dist)) {
    console.error(`bench-import: ${dist} is missing; run pnpm build first`);
    process.exit(2);
  }
  return require(dist);
}
const neo = load('neo4j');
const ingest = load('ingest');
const testing = require(join(repo, 'packages', 'neo4j', 'dist', 'testing', 'index.js'));
const { seededRandom } = load('engine');
const DEMO = join(repo, 'data', 'scenarios', 'border-procurement');
const NEO4J_SH = join(repo, 'tools', 'neo4j-test-server', 'neo4j.sh');
const log = (message) => console.error(`bench-import: ${message}`);

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function sh(...argv) {
  const r = spawnSync(NEO4J_SH, argv, { encoding: 'utf8' });
  if (r.status !== 0) {
    console.error(r.stderr);
    throw new Error(`neo4j.sh ${argv.join(' ')} failed`);
  }
  return r.stdout;
}

const tmp = join(tmpdir(), 'chokepoint-bench-neo4j', 'reports');
mkdirSync(tmp, { recursive: true });
const bin = join(repo, 'packages', 'cli', 'dist', 'bin.js');
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
/** Runs the chokepoint command in its own process: wall time, stdout, and peak RSS when GNU time is there. */
function cli(argv) {
  const rssFile = join(tmp, 'rss.txt');
  const command = gnuTime ? [gnuTime, ['-f', '%M', '-o', rssFile, process.execPath, bin, ...argv]] : [process.execPath, [bin, ...argv]];
  const t = performance.now();
  const r = spawnSync(command[0], command[1], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const s = (performance.now() - t) / 1000;
  if (r.status !== 0) throw new Error(`chokepoint ${argv.join(' ')} failed (exit ${r.status}):\n${r.stderr}`);
  const rssMiB = gnuTime ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) / 1024 : undefined;
  return { s, rssMiB, stdout: r.stdout };
}

/**
 * `chokepoint analyze … --out <file>` (a report of 100k entities is hundreds of megabytes: not through a pipe): time,
 * peak RSS, the report's SHA-256 and its `network` section (read from the start of the file, where it is).
 */
function analyze(argv, name) {
  // Each report under the same name, in a folder of its own: a report names its companion file (`report.records.jsonl`),
  // so reports written under different names differ by that name alone.
  mkdirSync(join(tmp, name), { recursive: true });
  const out = join(tmp, name, 'report.json');
  const r = cli([...argv, '--out', out, '--quiet']);
  const bytes = readFileSync(out);
  const digest = createHash('sha256').update(bytes).digest('hex');
  const head = bytes.subarray(0, 1 << 20).toString('utf8');
  const pick = (key) => new RegExp(`"${key}": ?("(?:[^"\\\\]|\\\\.)*"|[-0-9.e+]+|true|false|null)`).exec(head)?.[1];
  const info = /"betweenness": ?(\{[^{}]*\})/.exec(head)?.[1];
  const network = {
    computedBy: pick('computedBy') === undefined ? undefined : JSON.parse(pick('computedBy')),
    modularity: Number(pick('modularity')),
    betweenness: info === undefined ? undefined : JSON.parse(info),
  };
  return { s: r.s, rssMiB: r.rssMiB, digest, network };
}

const cpuModel = cpus()[0]?.model ?? 'CPU';
const loadStart = loadavg();
const started = new Date();
const gds = spawnSync(NEO4J_SH, ['fetch-gds'], { encoding: 'utf8' }).status === 0;
const port = await freePort();
log(`creating a Neo4j test server on port ${port}${gds ? ' with Graph Data Science' : ''}`);
const home = sh('create', '--port', String(port), '--no-auth', '--heap', '2g', '--pagecache', '1g', ...(gds ? ['--gds'] : []))
  .match(/^NEO4J_HOME=(.*)$/m)[1]
  .trim();
const uri = `bolt://127.0.0.1:${port}`;
sh('start', '--port', String(port), '--existing', '--timeout', '600');
let driver = neo.openDriver({ uri });
const same = (a, b) => a.length === b.length && a.every((x, i) => JSON.stringify(x) === JSON.stringify(b[i]));
const sameBundle = (a, b) => a.name === b.name && same(a.entities, b.entities) && same(a.relations, b.relations) && same(a.shipments, b.shipments) && same(a.places, b.places) && same(a.rejected, b.rejected);
const state = async () => JSON.stringify({ counts: await testing.counts(driver), constraints: await testing.constraints(driver) });

const rows = [];
const gdsRows = [];
try {
  // Warm-up (not timed): the first statements on a fresh server pay for JVM warm-up and query planning.
  log('warm-up import of the demo scenario');
  await neo.importBundle(driver, await ingest.readBundle(DEMO), { batchSize });
  for (const size of sizes) {
    const dir = size === 'demo' ? DEMO : await generate(size, seededRandom);
    const t = { readFiles: [], merge: [], mergeWall: [], mergeRss: [], again: [], back: [], bulk: [], bulkWall: [], bulkRss: [], files: [], admin: [], start: [], finish: [] };
    let bundle;
    let identical = true;
    let sameDatabase = true;
    let n = 0;
    for (let run = 1; run <= runs; run++) {
      log(`${size}: run ${run} of ${runs}: reading ${dir}`);
      const r0 = performance.now();
      bundle = await ingest.readBundle(dir);
      t.readFiles.push((performance.now() - r0) / 1000);
      n = bundle.entities.length + bundle.relations.length + bundle.shipments.length + bundle.places.length;

      // 1–3. MERGE into an empty database, again, read back.
      let merged;
      let mergeReport;
      if (doMerge) {
        await testing.wipe(driver);
        await testing.dropConstraints(driver);
        log(`${size}: MERGE import of ${n.toLocaleString('en-US')} rows`);
        const merge = cli(['neo4j', 'import', dir, '--uri', uri, '--batch-size', String(batchSize), '--json', '--quiet']);
        t.merge.push(JSON.parse(merge.stdout).seconds);
        t.mergeWall.push(merge.s);
        t.mergeRss.push(merge.rssMiB);
        if (run <= againRuns) {
          log(`${size}: MERGE import again`);
          t.again.push(JSON.parse(cli(['neo4j', 'import', dir, '--uri', uri, '--batch-size', String(batchSize), '--json', '--quiet']).stdout).seconds);
        }
        const b0 = performance.now();
        const back = await neo.readBundle(driver);
        t.back.push((performance.now() - b0) / 1000);
        identical &&= sameBundle(back, bundle);
        merged = await state();
        mergeReport = analyzeToo && run === runs ? analyze(['analyze', '--neo4j', uri], 'merge') : undefined;
      }
      if (!doBulk) continue;

      // 4–5. Bulk into the stopped server, started again; compared with the MERGE database.
      await driver.close();
      sh('stop', '--port', String(port), '--keep');
      log(`${size}: bulk import (neo4j-admin)`);
      const bulk = cli(['neo4j', 'import', dir, '--bulk', '--neo4j-home', home, '--uri', uri, '--replace', '--start', '--json', '--quiet']);
      const summary = JSON.parse(bulk.stdout);
      t.bulk.push(summary.seconds);
      t.bulkWall.push(bulk.s);
      t.bulkRss.push(bulk.rssMiB);
      t.files.push(summary.filesSeconds);
      t.admin.push(summary.adminSeconds);
      t.start.push(summary.startSeconds);
      t.finish.push(summary.finishSeconds);
      driver = neo.openDriver({ uri });
      if (merged !== undefined) sameDatabase &&= (await state()) === merged;
      const b1 = performance.now();
      identical &&= sameBundle(await neo.readBundle(driver), bundle);
      if (!doMerge) t.back.push((performance.now() - b1) / 1000);
      log(`${size}: MERGE ${t.merge.at(-1)} s, bulk ${summary.seconds} s (files ${summary.filesSeconds} s, neo4j-admin ${summary.adminSeconds} s, server start ${summary.startSeconds} s, constraints ${summary.finishSeconds} s); same database: ${sameDatabase}, read back identical: ${identical}`);

      if (analyzeToo && run === runs) {
        log(`${size}: chokepoint analyze <files>, and analyze --neo4j after each path`);
        const files = analyze(['analyze', dir], 'files');
        const bulkReport = analyze(['analyze', '--neo4j', uri], 'bulk');
        mergeReport ??= bulkReport;
        const sameReport = files.digest === mergeReport.digest && files.digest === bulkReport.digest;
        let gdsRun;
        if (gds && gdsSizes.includes(size)) {
          log(`${size}: chokepoint analyze --neo4j --gds`);
          const withGds = analyze(['analyze', '--neo4j', uri, '--gds'], 'gds');
          log(`${size}: the GDS steps in this process`);
          const steps = await neo.runGds(driver, { betweenness: false });
          gdsRun = { s: withGds.s, rssMiB: withGds.rssMiB, network: withGds.network, steps: steps.seconds, engineNetwork: files.network };
        }
        gdsRows.push({ size, filesS: files.s, filesRss: files.rssMiB, neo4jS: mergeReport.s, neo4jRss: mergeReport.rssMiB, sameReport, gds: gdsRun });
      }
    }
    const row = {
      size,
      entities: bundle.entities.length,
      relations: bundle.relations.length,
      shipments: bundle.shipments.length,
      places: bundle.places.length,
      rows: n,
      readFilesS: median(t.readFiles),
      mergeS: median(t.merge),
      mergeWallS: median(t.mergeWall),
      mergeRssMiB: t.mergeRss.length ? Math.max(...t.mergeRss) : NaN,
      againS: median(t.again),
      readBackS: median(t.back),
      bulkS: median(t.bulk),
      bulkWallS: median(t.bulkWall),
      bulkRssMiB: t.bulkRss.length ? Math.max(...t.bulkRss) : NaN,
      filesS: median(t.files),
      adminS: median(t.admin),
      startS: median(t.start),
      finishS: median(t.finish),
      runs: { merge: t.merge, bulk: t.bulk },
      sameDatabase: doMerge && doBulk ? sameDatabase : undefined,
      identical,
    };
    rows.push(row);
    console.error(JSON.stringify(row));
  }
} finally {
  await driver.close();
  sh('stop', '--port', String(port), ...(args.includes('--keep') ? ['--keep'] : []));
}

const fmt = (x) => (Number.isNaN(x) ? '—' : Math.round(x).toLocaleString('en-US'));
const sec = (s) => (Number.isNaN(s) ? '—' : `${s.toFixed(s < 10 ? 2 : 1)} s`);
const loadEnd = loadavg();
console.log(
  `\nNeo4j benchmark, ${started.toISOString().slice(0, 10)}: ${cpus().length} × ${cpuModel}, ${Math.round(totalmem() / 2 ** 30)} GiB, Linux ${release()}, Node ${process.version}, ` +
    `Neo4j 5.26 community (tools/neo4j-test-server, heap 2g, page cache 1g${gds ? ', Graph Data Science 2.13' : ''}), neo4j-driver 5.28.3, MERGE batches of ${batchSize} rows; ` +
    `median of ${runs} run${runs === 1 ? '' : 's'}${againRuns < runs ? ` (the idempotent re-run in ${againRuns} of them)` : ''}; every command in its own process as a user runs it. Load average ${loadStart.map((x) => x.toFixed(1)).join(' / ')} at the start, ` +
    `${loadEnd.map((x) => x.toFixed(1)).join(' / ')} at the end (1/5/15 min).\n`,
);
console.log('| bundle | entities | relations | shipments | rows | MERGE import | rows/s | again (idempotent) | bulk import | rows/s | bulk: CSV files / neo4j-admin / server start / constraints | `neo4j import` wall, MERGE / bulk (with reading the CSV) | peak RSS, MERGE / bulk | read back | same database |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---|');
for (const r of rows) {
  console.log(
    `| ${r.size} | ${fmt(r.entities)} | ${fmt(r.relations)} | ${fmt(r.shipments)} | ${fmt(r.rows)} | ${sec(r.mergeS)} | ${fmt(r.rows / r.mergeS)} | ${sec(r.againS)} | ${sec(r.bulkS)} | ${fmt(r.rows / r.bulkS)} | ${sec(r.filesS)} / ${sec(r.adminS)} / ${sec(r.startS)} / ${sec(r.finishS)} | ${sec(r.mergeWallS)} / ${sec(r.bulkWallS)} | ${fmt(r.mergeRssMiB)} / ${fmt(r.bulkRssMiB)} MiB | ${sec(r.readBackS)} | ${r.sameDatabase === undefined ? (r.identical ? 'read back identical; MERGE not run' : 'NO') : r.sameDatabase && r.identical ? 'yes' : 'NO'} |`,
  );
}
if (gdsRows.length > 0) {
  console.log('\n| bundle | `analyze <files>` | `analyze --neo4j` | peak RSS (files / Neo4j) | the same report from the files and after MERGE and bulk | `analyze --neo4j --gds` (peak RSS) | GDS steps: projection / Louvain | modularity, GDS / engine | betweenness with --gds | `network.computedBy` |');
  console.log('|---|---:|---:|---:|---|---:|---|---|---|---|');
  for (const r of gdsRows) {
    const g = r.gds;
    const bound = (b) => (b === undefined ? '—' : b.exact ? `exact (${fmt(b.sources)} sources)` : `±${b.epsilon.toFixed(3)} with ${Math.round((1 - b.delta) * 100)} % probability, ${fmt(b.sources)} sources`);
    console.log(
      `| ${r.size} | ${sec(r.filesS)} | ${sec(r.neo4jS)} | ${fmt(r.filesRss)} / ${fmt(r.neo4jRss)} MiB | ${r.sameReport ? 'yes' : 'NO'} | ${g ? `${sec(g.s)} (${fmt(g.rssMiB)} MiB)` : '—'} | ${g ? `${sec(g.steps.project)} / ${sec(g.steps.louvain)}` : '—'} | ${g ? `${g.network.modularity.toFixed(4)} / ${g.engineNetwork.modularity.toFixed(4)}` : '—'} | ${g ? bound(g.network.betweenness) : '—'} | ${g ? g.network.computedBy : '—'} |`,
    );
  }
}
