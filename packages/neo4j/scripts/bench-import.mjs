#!/usr/bin/env node
// Neo4j import and read-back benchmark (not a test): how fast a bundle goes into Neo4j, and how long reading it back
// and analyzing it takes compared with reading the same bundle from its CSV files.
//
//   pnpm build && node packages/neo4j/scripts/bench-import.mjs [--sizes demo,10k,100k] [--batch-size 2000] [--keep]
//
// Sizes: `demo` (data/scenarios/border-procurement), and generated bundles written as CSV to
// $TMPDIR/chokepoint-bench-neo4j/<size>/: `10k` = 10,000 entities and 100,000 ties, `100k` = 100,000 entities and
// 1,000,000 ties (ties: 70 % relations, 30 % shipments; entities in clusters of about 50, most ties inside a
// cluster; one shipment in ten is of watch-listed goods). The server is NEO4J_URI (with NEO4J_USER /
// NEO4J_PASSWORD) when set, and its database is wiped; otherwise a fresh tools/neo4j-test-server instance is
// started on a free port (--heap 2g, --pagecache 1g) and stopped at the end.
//
// After an untimed warm-up import, for each bundle: read the CSV files (ingest), import into an empty database
// (rows/s; the constraints stay), import again (the idempotent re-run), read back from Neo4j, and analyze
// (engine + red flags + supply chokepoints + report, as `chokepoint analyze`, once: the work is the same whichever
// way the bundle came). The bundle read back is checked to equal the one from the files, record by record and key by
// key, so the report is the same (the tests check the report itself on the demo scenario).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..', '..');
const require = createRequire(import.meta.url);

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
if (args.includes('--help')) {
  console.log('node packages/neo4j/scripts/bench-import.mjs [--sizes demo,10k,100k] [--batch-size 2000] [--runs 3] [--keep]');
  process.exit(0);
}
const sizes = option('--sizes', 'demo,10k,100k').split(',');
const batchSize = Number(option('--batch-size', '2000'));
const runs = Number(option('--runs', '3'));
const median = (xs) => {
  const v = [...xs].sort((a, b) => a - b);
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
};

function load(pkg) {
  const dist = join(repo, 'packages', pkg, 'dist', 'index.js');
  if (!existsSync(dist)) {
    console.error(`bench-import: ${dist} is missing; run pnpm build (or: pnpm exec tsc -b packages/${pkg}) first`);
    process.exit(2);
  }
  return require(dist);
}
const neo = load('neo4j');
const ingest = load('ingest');
const engine = load('engine');
const flags = load('flags');
const report = load('report');
// The CLI's choice of supply-chokepoint sources and targets, so that the analysis is the one `chokepoint analyze` runs.
const cliChokepoints = join(repo, 'packages', 'cli', 'dist', 'chokepoints.js');
const { chokepointsFor } = existsSync(cliChokepoints) ? require(cliChokepoints) : {};

const GENERATED = {
  '10k': { entities: 10_000, ties: 100_000 },
  '100k': { entities: 100_000, ties: 1_000_000 },
};

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Writes a generated bundle as CSV (once; reused when the files are there). */
function generate(name, { entities: n, ties }) {
  const dir = join(tmpdir(), 'chokepoint-bench-neo4j', name);
  if (existsSync(join(dir, 'places.csv'))) return dir;
  mkdirSync(dir, { recursive: true });
  const rnd = mulberry32(n);
  const cluster = 50;
  const kinds = ['owner', 'director', 'family', 'employee', 'shared_address', 'associate', 'agent'];
  // Mostly everyday goods that fit any business (packaging, fuel); one shipment in ten is watch-listed.
  const goods = [
    ...Array.from({ length: 9 }, (_, i) => (i % 2 === 0 ? ['plastic packaging', '392330'] : ['diesel fuel', '271019'])),
    ['aluminium paste', '321290'],
  ];
  const countries = ['TR', 'SY', 'GB', 'DK', 'DE'];
  const lines = ['id,kind,name,country,city,lat,lon,sector,isic,employees,founded'];
  for (let i = 0; i < n; i++) {
    const kind = i % 10 === 0 ? 'person' : i % 37 === 0 ? 'organization' : 'company';
    const c = Math.floor(i / cluster);
    const lat = (36 + (c % 40) / 20 + rnd() / 50).toFixed(4);
    const lon = (36 + Math.floor(c / 40) % 40 / 20 + rnd() / 50).toFixed(4);
    const located = i % 5 !== 0;
    const company = kind === 'company';
    lines.push(
      [
        `e${i}`,
        kind,
        `Entity ${i}`,
        countries[c % countries.length],
        `City ${c % 300}`,
        located ? lat : '',
        located ? lon : '',
        company ? 'wholesale of chemical products' : '',
        company ? '4669' : '',
        company ? String(Math.floor(rnd() * 500)) : '',
        company ? `20${String(10 + (i % 10))}-0${1 + (i % 9)}-1${i % 10}` : '',
      ].join(','),
    );
  }
  writeFileSync(join(dir, 'entities.csv'), `${lines.join('\n')}\n`);
  const pick = () => {
    const a = Math.floor(rnd() * n);
    let b;
    if (rnd() < 0.85) {
      const base = a - (a % cluster);
      b = base + Math.floor(rnd() * Math.min(cluster, n - base));
    } else {
      b = Math.floor(rnd() * n);
    }
    if (b === a) b = (a + 1) % n;
    return [a, b];
  };
  const relations = Math.round(ties * 0.7);
  const rel = ['source,target,kind,share,start,end'];
  for (let i = 0; i < relations; i++) {
    const [a, b] = pick();
    const kind = kinds[i % kinds.length];
    rel.push(`e${a},e${b},${kind},${kind === 'owner' ? (1 + Math.floor(rnd() * 100)).toString() : ''},${i % 4 === 0 ? '2015-03-01' : ''},`);
  }
  writeFileSync(join(dir, 'relations.csv'), `${rel.join('\n')}\n`);
  const ship = ['id,supplier,buyer,commodity,hs_code,quantity,unit,value,currency,shipped,received,origin_country,destination_country,consignee,payer'];
  for (let i = 0; i < ties - relations; i++) {
    const [a, b] = pick();
    const [commodity, hs] = goods[i % goods.length];
    const unit = ['kg', 't', 'l', 'pcs'][i % 4];
    ship.push(
      [
        `s${i}`,
        `e${a}`,
        `e${b}`,
        commodity,
        hs,
        (1 + Math.floor(rnd() * 1000)).toString(),
        unit,
        String(Math.floor(rnd() * 100000)),
        'EUR',
        '2016-03-02',
        '2016-03-05',
        'TR',
        'TR',
        i % 29 === 0 ? `e${(b + 1) % n}` : '',
        i % 31 === 0 ? `e${(b + 2) % n}` : '',
      ].join(','),
    );
  }
  writeFileSync(join(dir, 'shipments.csv'), `${ship.join('\n')}\n`);
  const places = ['id,name,kind,lat,lon,countries'];
  for (let i = 0; i < 12; i++) places.push(`p${i},Crossing ${i},border_crossing,${(36 + i / 6).toFixed(4)},${(36 + i / 5).toFixed(4)},TR|SY`);
  writeFileSync(join(dir, 'places.csv'), `${places.join('\n')}\n`);
  return dir;
}

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

const NEO4J_SH = join(repo, 'tools', 'neo4j-test-server', 'neo4j.sh');
let started;
async function server() {
  if (process.env.NEO4J_URI) return { uri: process.env.NEO4J_URI, user: process.env.NEO4J_USER, password: process.env.NEO4J_PASSWORD };
  const port = await freePort();
  console.error(`bench-import: starting a Neo4j test server on port ${port}`);
  const r = spawnSync(NEO4J_SH, ['start', '--port', String(port), '--no-auth', '--heap', '2g', '--pagecache', '1g'], { encoding: 'utf8' });
  if (r.status !== 0) {
    console.error(r.stderr);
    process.exit(1);
  }
  started = port;
  return { uri: `bolt://127.0.0.1:${port}` };
}

async function wipe(driver) {
  const session = driver.session();
  try {
    await session.run('MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
  } finally {
    await session.close();
  }
}

const seconds = (ms) => (ms / 1000).toFixed(ms < 10_000 ? 2 : 1);
const time = async (f) => {
  const t = performance.now();
  const value = await f();
  return { value, ms: performance.now() - t };
};

async function analyzeToReport(bundle) {
  const reference = flags.loadReference();
  const analysis = await engine.analyzeAsync(bundle, {});
  const flagged = flags.evaluateFlags(bundle, analysis, reference, flags.EMPTY_CONFIG);
  const chokepoints = chokepointsFor?.(bundle, analysis, flags.extendReference(reference, flags.EMPTY_CONFIG), { goods: 'watchlist', disruptSteps: 10 }) ?? null;
  return report.serializeReport(report.buildReport(bundle, analysis, flagged, { toolVersion: 'bench', lenient: false }, { chokepoints }));
}

const connection = await server();
const driver = neo.openDriver(connection);
const rows = [];
try {
  // Warm-up (not timed): the first statements on a fresh server pay for JVM warm-up, query planning and the
  // creation of the constraints.
  console.error('bench-import: warm-up import of the demo scenario');
  await wipe(driver);
  await neo.importBundle(driver, await ingest.readBundle(join(repo, 'data', 'scenarios', 'border-procurement')), { batchSize });
  await neo.readBundle(driver);
  for (const size of sizes) {
    const dir = size === 'demo' ? join(repo, 'data', 'scenarios', 'border-procurement') : generate(size, GENERATED[size]);
    if (!dir) throw new Error(`unknown size ${size}`);
    const timings = { files: [], imported: [], again: [], back: [] };
    let bundle;
    let back;
    let identical = true;
    let n = 0;
    for (let run = 1; run <= runs; run++) {
      console.error(`bench-import: ${size}: run ${run} of ${runs}: reading ${dir}`);
      const files = await time(() => ingest.readBundle(dir));
      bundle = files.value;
      n = bundle.entities.length + bundle.relations.length + bundle.shipments.length + bundle.places.length;
      await wipe(driver);
      console.error(`bench-import: ${size}: importing ${n.toLocaleString('en-US')} rows`);
      const imported = await time(() => neo.importBundle(driver, bundle, { batchSize }));
      console.error(`bench-import: ${size}: importing again`);
      const again = await time(() => neo.importBundle(driver, bundle, { batchSize }));
      console.error(`bench-import: ${size}: reading back`);
      back = await time(() => neo.readBundle(driver));
      // The bundle read back must be the bundle from the files, record by record (then so is the report).
      const same = (a, b) => a.length === b.length && a.every((x, i) => JSON.stringify(x) === JSON.stringify(b[i]));
      identical &&=
        back.value.name === bundle.name &&
        same(back.value.entities, bundle.entities) &&
        same(back.value.relations, bundle.relations) &&
        same(back.value.shipments, bundle.shipments) &&
        same(back.value.places, bundle.places) &&
        same(back.value.rejected, bundle.rejected);
      timings.files.push(files.ms);
      timings.imported.push(imported.ms);
      timings.again.push(again.ms);
      timings.back.push(back.ms);
      console.error(
        `bench-import: ${size}: import ${seconds(imported.ms)} s (${Math.round(n / (imported.ms / 1000))} rows/s), again ${seconds(again.ms)} s, read back ${seconds(back.ms)} s, identical: ${identical}`,
      );
    }
    const files = { ms: median(timings.files) };
    const imported = { ms: median(timings.imported) };
    const again = { ms: median(timings.again) };
    back = { value: back.value, ms: median(timings.back) };
    // Analysis is the same work whichever way the bundle came: measured once, on the bundle read back.
    console.error(`bench-import: ${size}: analyzing`);
    const analyzed = await time(() => analyzeToReport(back.value));
    const row = {
      size,
      entities: bundle.entities.length,
      relations: bundle.relations.length,
      shipments: bundle.shipments.length,
      places: bundle.places.length,
      rows: n,
      readFilesS: files.ms / 1000,
      importS: imported.ms / 1000,
      importRowsPerS: n / (imported.ms / 1000),
      reimportS: again.ms / 1000,
      readBackS: back.ms / 1000,
      readBackRowsPerS: n / (back.ms / 1000),
      analyzeS: analyzed.ms / 1000,
      identical,
      peakRssMiB: process.resourceUsage().maxRSS / 1024,
    };
    rows.push(row);
    console.error(JSON.stringify(row));
  }
} finally {
  await driver.close();
  if (started !== undefined && !args.includes('--keep')) spawnSync(NEO4J_SH, ['stop', '--port', String(started)], { stdio: 'inherit' });
}

const fmt = (x) => Math.round(x).toLocaleString('en-US');
console.log(`\nNeo4j import benchmark, ${new Date().toISOString().slice(0, 10)}: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, Neo4j 5.26 community (tools/neo4j-test-server${started ? ', heap 2g, page cache 1g' : ''}), neo4j-driver 5.28.3, batch size ${batchSize}; median of ${runs} runs (analysis once: it is the same work either way); peak RSS of the Node process ${fmt(Math.max(...rows.map((r) => r.peakRssMiB)))} MiB.\n`);
console.log('| bundle | entities | relations | shipments | rows | read CSV files | import | import rows/s | import again | read back from Neo4j | read-back rows/s | analyze | files → report | Neo4j → report | bundle read back identical |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
for (const r of rows) {
  console.log(
    `| ${r.size} | ${fmt(r.entities)} | ${fmt(r.relations)} | ${fmt(r.shipments)} | ${fmt(r.rows)} | ${seconds(r.readFilesS * 1000)} s | ${seconds(r.importS * 1000)} s | ${fmt(r.importRowsPerS)} | ${seconds(r.reimportS * 1000)} s | ${seconds(r.readBackS * 1000)} s | ${fmt(r.readBackRowsPerS)} | ${seconds(r.analyzeS * 1000)} s | ${seconds((r.readFilesS + r.analyzeS) * 1000)} s | ${seconds((r.readBackS + r.analyzeS) * 1000)} s | ${r.identical ? 'yes' : 'NO'} |`,
  );
}
