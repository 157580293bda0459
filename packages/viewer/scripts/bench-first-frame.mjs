// Benchmark: time to first frame of the viewer in headless Chromium for generated networks.
// Not a test: run `pnpm bench:viewer` (after `pnpm build`). Writes the table into docs/performance.md.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { makeReport as generate } from './bench-report.mjs';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..', '..');
const { exportHtml, buildScaleIndex, startViewerServer } = require(join(here, '..', 'dist', 'node', 'index.js'));
const { chromium } = require(require.resolve('playwright-core', { paths: [repo] }));

const SIZES = (process.env.BENCH_SIZES ?? '1000,20000,50000').split(',').filter((x) => x !== '').map(Number);
// Large reports as `chokepoint view` serves them (above 20,000 entities): the overview first, a cluster on demand.
const SCALED_SIZES = (process.env.BENCH_SCALED_SIZES ?? '100000').split(',').filter((x) => x !== '').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const EDGES_PER_NODE = Number(process.env.BENCH_EDGES_PER_NODE ?? 5);
const CHROMIUM = process.env.CHOKEPOINT_CHROMIUM ?? '/usr/bin/chromium';
const makeReport = (n) => generate(n, EDGES_PER_NODE);
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const dir = mkdtempSync(join(tmpdir(), 'chokepoint-bench-'));
const rows = [];
const scaledRows = [];
const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
try {
  for (const n of SIZES) {
    const report = makeReport(n);
    const file = join(dir, `report-${n}.html`);
    writeFileSync(file, exportHtml(JSON.stringify(report)));
    if (process.env.BENCH_KEEP) console.log(`kept ${file}`);
    const firsts = [];
    const memories = [];
    const drawn = [];
    for (let run = 0; run < RUNS; run++) {
      const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
      await page.goto(`file://${file}`);
      await page.waitForFunction(() => window.__chokepoint?.firstFrameMs() != null, null, { timeout: Number(process.env.BENCH_TIMEOUT ?? 120000), polling: 50 });
      firsts.push(await page.evaluate(() => window.__chokepoint.firstFrameMs()));
      // Stays usable: time one full redraw after the camera moves.
      drawn.push(
        await page.evaluate(async () => {
          const r = window.__chokepoint.view.renderer;
          window.__chokepoint.view.stopLayout();
          const t = performance.now();
          r.getCamera().setState({ x: 0.4, y: 0.4, ratio: 0.5, angle: 0 });
          r.refresh();
          await new Promise((res) => requestAnimationFrame(() => res()));
          return performance.now() - t;
        }),
      );
      const cdp = await page.context().newCDPSession(page);
      const { usedSize } = await cdp.send('Runtime.getHeapUsage');
      memories.push(usedSize / 1048576);
      await page.close();
    }
    const edges = report.relations.length + report.shipments.length;
    rows.push({ n, edges, first: median(firsts), redraw: median(drawn), heap: Math.max(...memories), runs: firsts });
    console.log(`${n} nodes, ${edges} edges: first frame ${median(firsts).toFixed(0)} ms (runs ${firsts.map((x) => x.toFixed(0)).join(', ')}), redraw ${median(drawn).toFixed(0)} ms, JS heap ${Math.max(...memories).toFixed(0)} MB`);
  }
  for (const n of SCALED_SIZES) {
    const report = makeReport(n);
    const t0 = performance.now();
    const index = buildScaleIndex(report);
    const server = await startViewerServer({ reportJson: '', scale: { index }, port: 0 });
    const indexMs = performance.now() - t0; // the index and the overview, made before the server answers
    try {
      const firsts = [];
      const bytes = [];
      const opened = [];
      const memories = [];
      for (let run = 0; run < RUNS; run++) {
        const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
        let received = 0;
        page.on('response', (r) => void r.body().then((b) => (received += b.length), () => undefined));
        await page.goto(server.url);
        await page.waitForFunction(() => window.__chokepointScaled?.scope().kind === 'overview' && window.__chokepoint?.firstFrameMs() != null, null, { timeout: Number(process.env.BENCH_TIMEOUT ?? 120000), polling: 50 });
        firsts.push(await page.evaluate(() => window.__chokepoint.firstFrameMs()));
        bytes.push(received);
        // Open the largest cluster: from the request to its first frame.
        opened.push(
          await page.evaluate(async () => {
            const scaled = window.__chokepointScaled;
            const [, node] = [...scaled.scope().clusterNodes].sort((a, b) => b[1].members - a[1].members)[0];
            const t = performance.now();
            await scaled.open({ cluster: node.cluster });
            await new Promise((res) => {
              const wait = () => (window.__chokepoint.firstFrameMs() != null ? res() : requestAnimationFrame(wait));
              wait();
            });
            return performance.now() - t;
          }),
        );
        const cdp = await page.context().newCDPSession(page);
        const { usedSize } = await cdp.send('Runtime.getHeapUsage');
        memories.push(usedSize / 1048576);
        await page.close();
      }
      const edges = report.relations.length + report.shipments.length;
      const full = Buffer.byteLength(JSON.stringify(report));
      scaledRows.push({ n, edges, clusters: report.clusters.length, full, bytes: Math.max(...bytes), first: median(firsts), runs: firsts, opened: median(opened), heap: Math.max(...memories), indexMs });
      console.log(`${n} nodes, ${edges} edges, served as an overview of ${report.clusters.length} clusters: first frame ${median(firsts).toFixed(0)} ms (runs ${firsts.map((x) => x.toFixed(0)).join(', ')}), ${(Math.max(...bytes) / 1048576).toFixed(2)} MB received of a ${(full / 1048576).toFixed(0)} MB report, a cluster opens in ${median(opened).toFixed(0)} ms, JS heap ${Math.max(...memories).toFixed(0)} MB, server ready in ${indexMs.toFixed(0)} ms`);
    } finally {
      await server.close();
    }
  }
} finally {
  await browser.close();
  if (!process.env.BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
}

const chromiumVersion = execFileSync(CHROMIUM, ['--version']).toString().trim();
const machine = `${cpus().length} × ${cpus()[0].model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${chromiumVersion} headless with SwiftShader (software WebGL, no GPU)`;
const table = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${machine}; median of ${RUNS} runs, each in a fresh tab.`,
  '',
  '| entities | edges | time to first frame (median) | runs (ms) | redraw after a camera move | peak JS heap |',
  '|---:|---:|---:|---|---:|---:|',
  ...rows.map((r) => `| ${r.n.toLocaleString('en-US')} | ${r.edges.toLocaleString('en-US')} | ${(r.first / 1000).toFixed(2)} s | ${r.runs.map((x) => x.toFixed(0)).join(', ')} | ${r.redraw.toFixed(0)} ms | ${r.heap.toFixed(0)} MB |`),
].join('\n');

const perf = join(repo, 'docs', 'performance.md');
let doc = readFileSync(perf, 'utf8');
const put = (name, text) => {
  const start = `<!-- ${name}:start (generated by packages/viewer/scripts/bench-first-frame.mjs) -->`;
  const end = `<!-- ${name}:end -->`;
  const a = doc.indexOf(start);
  const b = doc.indexOf(end);
  if (a < 0 || b < 0) throw new Error(`docs/performance.md lacks the ${start} markers`);
  doc = `${doc.slice(0, a + start.length)}\n${text}\n${doc.slice(b)}`;
};
if (rows.length > 0) put('viewer-bench', table);
if (scaledRows.length > 0) {
  put(
    'viewer-scale-bench',
    [
      `Measured ${new Date().toISOString().slice(0, 10)} on ${machine}, Node ${process.versions.node}; median of ${RUNS} runs, each in a fresh tab.`,
      '',
      '| entities | edges | clusters | report as JSON | received before the first frame | time to first frame (median) | runs (ms) | largest cluster opened | peak JS heap | server ready (index and overview) |',
      '|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|',
      ...scaledRows.map((r) => `| ${r.n.toLocaleString('en-US')} | ${r.edges.toLocaleString('en-US')} | ${r.clusters.toLocaleString('en-US')} | ${(r.full / 1048576).toFixed(0)} MB | ${(r.bytes / 1048576).toFixed(2)} MB | ${(r.first / 1000).toFixed(2)} s | ${r.runs.map((x) => x.toFixed(0)).join(', ')} | ${(r.opened / 1000).toFixed(2)} s | ${r.heap.toFixed(0)} MB | ${(r.indexMs / 1000).toFixed(2)} s |`),
    ].join('\n'),
  );
}
writeFileSync(perf, doc);
console.log(`updated ${perf}`);
