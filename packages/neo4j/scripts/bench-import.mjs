#!/usr/bin/env node
// Neo4j import and read-back benchmark (not a test): how fast a bundle goes into Neo4j, and how long reading it back
// and analyzing it takes compared with reading the same bundle from its CSV files.
//
//   pnpm build && node packages/neo4j/scripts/bench-import.mjs [--sizes demo,10k,100k] [--batch-size 2000] [--runs 3] [--keep]
//   (or: pnpm bench:neo4j)
//
// Sizes: `demo` (data/scenarios/border-procurement), and generated bundles written as CSV to
// $TMPDIR/chokepoint-bench-neo4j/<size>/: `10k` = 10,000 entities and 100,000 ties, `100k` = 100,000 entities and
// 1,000,000 ties (ties: 70 % relations, 30 % shipments; entities in clusters of about 50, most ties inside a
// cluster; one shipment in ten is of watch-listed goods). The server is NEO4J_URI (with NEO4J_USER /
// NEO4J_PASSWORD) when set, and its database is wiped; otherwise a fresh tools/neo4j-test-server instance is
// started on a free port (--heap 2g, --pagecache 1g) and stopped at the end.
//
// After an untimed warm-up import, for each bundle and each of --runs runs: read the CSV files (ingest), import into
// an empty database (rows/s; the constraints stay), import again (the idempotent re-run), read back from Neo4j
// (checked to equal the bundle from the files, record by record and key by key); then `chokepoint analyze <files>`
// and `chokepoint analyze --neo4j <uri>`, each in its own process with default options, their reports compared
// byte for byte. Medians of the runs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
// The engine's seeded generator (mulberry32), so that a size always gives the same bundle.
const { seededRandom } = load('engine');

const GENERATED = {
  '10k': { entities: 10_000, ties: 100_000 },
  '100k': { entities: 100_000, ties: 1_000_000 },
};


/** Writes a generated bundle as CSV (once; reused when the files are there). */
function generate(name, { entities: n, ties }) {
  const dir = join(tmpdir(), 'chokepoint-bench-neo4j', name);
  if (existsSync(join(dir, 'places.csv'))) return dir;
  mkdirSync(dir, { recursive: true });
  const rnd = seededRandom(n);
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

const tmp = join(tmpdir(), 'chokepoint-bench-neo4j', 'reports');
mkdirSync(tmp, { recursive: true });
const bin = join(repo, 'packages', 'cli', 'dist', 'bin.js');
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
/** Runs the chokepoint command in its own process: wall time, and peak RSS when GNU time is there. */
function cli(argv, connection) {
  const env = { ...process.env };
  if (connection?.user) (env.NEO4J_USER = connection.user), (env.NEO4J_PASSWORD = connection.password ?? '');
  const rssFile = join(tmp, 'rss.txt');
  const command = gnuTime ? [gnuTime, ['-f', '%M', '-o', rssFile, process.execPath, bin, ...argv]] : [process.execPath, [bin, ...argv]];
  const t = performance.now();
  const r = spawnSync(command[0], command[1], { encoding: 'utf8', env, maxBuffer: 1 << 26 });
  const ms = performance.now() - t;
  if (r.status !== 0) {
    console.error(`bench-import: chokepoint ${argv.join(' ')} failed (exit ${r.status}):\n${r.stderr}`);
    process.exit(1);
  }
  const rssMiB = gnuTime ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) / 1024 : undefined;
  return { ms, rssMiB };
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
    // `chokepoint analyze` end to end, as a user runs it: from the files, and from Neo4j (--neo4j), each in its own
    // process; the two reports must be byte-identical.
    const cliRuns = { files: [], neo4j: [], filesRss: [], neo4jRss: [] };
    let sameReport = true;
    for (let run = 1; run <= runs; run++) {
      console.error(`bench-import: ${size}: run ${run} of ${runs}: chokepoint analyze from the files, then --neo4j`);
      const a = cli(['analyze', dir, '--out', join(tmp, 'files.json'), '--quiet']);
      const b = cli(['analyze', '--neo4j', connection.uri, '--out', join(tmp, 'neo4j.json'), '--quiet'], connection);
      cliRuns.files.push(a.ms);
      cliRuns.neo4j.push(b.ms);
      if (a.rssMiB !== undefined) cliRuns.filesRss.push(a.rssMiB);
      if (b.rssMiB !== undefined) cliRuns.neo4jRss.push(b.rssMiB);
      sameReport &&= readFileSync(join(tmp, 'files.json')).equals(readFileSync(join(tmp, 'neo4j.json')));
      console.error(`bench-import: ${size}: analyze from files ${seconds(a.ms)} s, from Neo4j ${seconds(b.ms)} s, same report: ${sameReport}`);
    }
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
      analyzeFilesS: median(cliRuns.files) / 1000,
      analyzeNeo4jS: median(cliRuns.neo4j) / 1000,
      analyzeFilesRssMiB: cliRuns.filesRss.length ? Math.max(...cliRuns.filesRss) : null,
      analyzeNeo4jRssMiB: cliRuns.neo4jRss.length ? Math.max(...cliRuns.neo4jRss) : null,
      sameReport,
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
console.log(`\nNeo4j import benchmark, ${new Date().toISOString().slice(0, 10)}: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, Neo4j 5.26 community (tools/neo4j-test-server${started ? ', heap 2g, page cache 1g' : ''}), neo4j-driver 5.28.3, batch size ${batchSize}; median of ${runs} runs; chokepoint analyze runs as a user runs it, each time in its own process with default options, and its two reports are compared byte for byte; peak RSS of the importing Node process ${fmt(Math.max(...rows.map((r) => r.peakRssMiB)))} MiB.\n`);
console.log('| bundle | entities | relations | shipments | rows | import | import rows/s | import again | read CSV files | read back from Neo4j | read-back rows/s | `analyze <files>` | `analyze --neo4j` | peak RSS (files / Neo4j) | same report |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
for (const r of rows) {
  const rss = r.analyzeFilesRssMiB === null ? 'n/a' : `${fmt(r.analyzeFilesRssMiB)} / ${fmt(r.analyzeNeo4jRssMiB)} MiB`;
  console.log(
    `| ${r.size} | ${fmt(r.entities)} | ${fmt(r.relations)} | ${fmt(r.shipments)} | ${fmt(r.rows)} | ${seconds(r.importS * 1000)} s | ${fmt(r.importRowsPerS)} | ${seconds(r.reimportS * 1000)} s | ${seconds(r.readFilesS * 1000)} s | ${seconds(r.readBackS * 1000)} s | ${fmt(r.readBackRowsPerS)} | ${seconds(r.analyzeFilesS * 1000)} s | ${seconds(r.analyzeNeo4jS * 1000)} s | ${rss} | ${r.sameReport && r.identical ? 'yes' : 'NO'} |`,
  );
}
