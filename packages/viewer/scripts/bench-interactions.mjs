// Benchmark: the working view's interactions on a network of 20,000 entities and about 100,000 ties.
// Not a test: run `pnpm bench:viewer` (after `pnpm build`). Writes its tables into docs/performance.md.
//
// Two measures of each interaction:
// - the state change alone: the viewer's pure core (src/web/core, and @chokepoint/report/paths), bundled with
//   esbuild and run in Node, as the app runs it on every change (what is drawn, what is brought forward, the URL);
// - in the browser: the same interaction through the running viewer in headless Chromium, twice: the page's own work
//   (state, panel, bar and tables redrawn, Sigma's reducers over what changed and its buffers refilled, the WebGL
//   calls issued), and from the call to the next frame (with the drawing itself: in headless Chromium without a GPU,
//   SwiftShader's software WebGL, whose cost follows the number of nodes and edges drawn).
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { makeReport } from './bench-report.mjs';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..', '..');
const { exportHtml } = require(join(here, '..', 'dist', 'node', 'index.js'));
const { chromium } = require(require.resolve('playwright-core', { paths: [repo] }));

const N = Number(process.env.BENCH_INTERACTION_ENTITIES ?? 20000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
// BENCH_PART=browser: the browser part alone (the state changes run once, untimed, for the ids it needs), its table
// printed, docs/performance.md left as it is; BENCH_PART=state: the state changes alone, printed too.
const PART = process.env.BENCH_PART ?? 'all';
if (!['all', 'browser', 'state'].includes(PART)) throw new Error(`BENCH_PART is all, browser or state, not ${PART}`);
const TARGET_MS = 100;
// BENCH_DRAWING=instanced or vertices: how the viewer gives the network to WebGL (core/settings.ts DrawingMode; the
// page's ?drawing=), to compare the two in one session; auto (the default) is what a user's browser gets.
const DRAWING = process.env.BENCH_DRAWING ?? 'auto';
if (!['auto', 'instanced', 'vertices'].includes(DRAWING)) throw new Error(`BENCH_DRAWING is auto, instanced or vertices, not ${DRAWING}`);
// BENCH_CPULINES=0: the dimmed ties drawn with WebGL even in software (the page's ?cpulines=0), to compare.
const CPULINES = process.env.BENCH_CPULINES !== '0';
const CHROMIUM = process.env.CHOKEPOINT_CHROMIUM ?? '/usr/bin/chromium';
// BENCH_PROFILE=<interaction> (as the table names it, e.g. "shortest paths"): the page's CPU profile of that interaction
// in the second run, written to BENCH_PROFILE_OUT (default: <interaction>.cpuprofile here), for DevTools or a summary.
const PROFILE = process.env.BENCH_PROFILE ?? null;
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const loadAtStart = loadavg()[0];
const dir = mkdtempSync(join(tmpdir(), 'chokepoint-bench-interactions-'));
const report = makeReport(N);
const ties = report.relations.length + report.shipments.length;

// ---------------------------------------------------------------------------------------------------------------
// The state changes, in Node.

const core = join(dir, 'core.cjs');
await build({
  stdin: {
    contents: [
      "export * from './filters';",
      "export * from './model';",
      "export * from './state';",
      "export * from './url';",
      "export * from './workspace';",
      "export * from './history';",
      "export * from './tables';",
      "export { pathNetwork, shortestPaths } from '../../../../report/src/paths';",
    ].join('\n'),
    resolveDir: join(here, '..', 'src', 'web', 'core'),
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  outfile: core,
  logLevel: 'warning',
});
const c = require(core);

function time(fn) {
  const xs = [];
  let out;
  for (let i = 0; i < (PART === 'browser' ? 1 : RUNS); i++) {
    const t = performance.now();
    out = fn(i);
    xs.push(performance.now() - t);
  }
  return { ms: median(xs), out };
}

const stateRows = [];
const record = (what, ms, note = '') => {
  stateRows.push({ what, ms, note });
  console.log(`state  ${what}: ${ms.toFixed(1)} ms ${note}`);
};

const t0 = performance.now();
const model = c.buildModel(report);
const adj = c.buildAdjacency(model);
record('opening: the model and the adjacency (once)', performance.now() - t0);
const base = c.visibility(model, c.DEFAULT_FILTERS);
const hub = model.nodes.reduce((a, b) => (adj.offsets[b.index + 1] - adj.offsets[b.index] > adj.offsets[a.index + 1] - adj.offsets[a.index] ? b : a));
const hubDegree = adj.offsets[hub.index + 1] - adj.offsets[hub.index];
const derive = (state, marked = [], path = null) => {
  const scope = c.scopeOf(model, adj, state.work, path === null ? [] : path.paths.flatMap((p) => p.entities));
  const working = c.workingVisibility(model, base, scope, state.work.hidden);
  const onPath = path === null ? null : c.pathEmphasis(model, path.paths, adj);
  const em = c.withPath(c.emphasis(model, state) ?? c.markedEmphasis(model, marked), onPath);
  const visible = state.work.focus === 'hide' ? c.focusVisibility(model, working, em) : working;
  return { visible, em, url: c.stateToHash(state) };
};
const S0 = c.DEFAULT_STATE;
record('filter: only flagged entities', time(() => c.visibility(model, { ...c.DEFAULT_FILTERS, onlyFlagged: true })).ms);
record('select an entity (brought forward, neighbours counted by tie kind)', time(() => {
  const s = c.selectEntity(S0, hub.id);
  return [derive(s), c.neighbourCounts(model, adj, hub.id, base.nodes)];
}).ms, `(the best-connected entity: ${hubDegree} ties)`);
const started = c.startFrom(c.EMPTY_WORKSPACE, [hub.id]);
record('expand one tie away, all kinds', time(() => derive({ ...S0, work: c.expand(started, [hub.id], null, 1) })).ms);
const two = time(() => derive({ ...S0, work: c.expand(started, [hub.id], null, 2) }));
record('expand two ties away', two.ms, `(${two.out.visible.counts.entities.toLocaleString('en-US')} entities drawn)`);
const three = time(() => derive({ ...S0, work: c.expand(started, [hub.id], null, 3) }));
record('expand three ties away', three.ms, `(${three.out.visible.counts.entities.toLocaleString('en-US')} entities drawn)`);
record('collapse', time(() => derive({ ...S0, work: c.collapse(c.expand(started, [hub.id], null, 2), [hub.id]) })).ms);
const positions = model.nodes.map((n) => ({ x: (n.index * 7919) % 1600, y: (n.index * 104729) % 1000 }));
const box = time(() => c.inBox(model, positions, base.nodes, { x0: 400, y0: 250, x1: 1200, y1: 750 }));
const boxed = box.out;
record('box selection', box.ms, `(${boxed.length.toLocaleString('en-US')} entities in the box)`);
const lassoOutline = [{ x: 400, y: 250 }, { x: 1200, y: 500 }, { x: 400, y: 750 }, { x: 700, y: 500 }];
const lasso = time(() => c.inLasso(model, positions, base.nodes, lassoOutline));
record('lasso selection (a concave outline of 4 points)', lasso.ms, `(${lasso.out.length.toLocaleString('en-US')} entities inside)`);
const freehand = Array.from({ length: 400 }, (_, k) => ({ x: 800 + 450 * Math.cos((k / 400) * 2 * Math.PI) * (1 + 0.2 * Math.sin(k / 7)), y: 500 + 300 * Math.sin((k / 400) * 2 * Math.PI) }));
const lasso2 = time(() => c.inLasso(model, positions, base.nodes, freehand));
record('lasso selection (a freehand outline of 400 points)', lasso2.ms, `(${lasso2.out.length.toLocaleString('en-US')} entities inside)`);
record('selection brought forward', time(() => derive(S0, boxed)).ms);
record('hide the selection', time(() => derive({ ...S0, work: c.hide(c.EMPTY_WORKSPACE, boxed) })).ms);
record('keep only the selection', time(() => derive({ ...S0, work: c.keepOnly(c.EMPTY_WORKSPACE, boxed) })).ms);
record('expand all of the selection', time(() => derive({ ...S0, work: c.expand(c.keepOnly(c.EMPTY_WORKSPACE, boxed), boxed, null, 1) })).ms);
record('pin a dragged entity (with the URL)', time((i) => c.stateToHash({ ...S0, work: c.pin(c.EMPTY_WORKSPACE, hub.id, i, i, 'force') })).ms);
let hist = c.startHistory(S0);
for (let i = 0; i < 150; i++) hist = c.record(hist, { ...S0, work: c.pin(c.EMPTY_WORKSPACE, `e${i}`, i, i, 'force') });
record('undo (150 steps kept), the state read back from the URL', time(() => {
  const back = c.undo(hist);
  return derive(c.validState(model, c.hashToState(c.stateToHash(c.present(back)))));
}).ms);
record('focus mode "hide the rest"', time(() => derive({ ...c.selectEntity(S0, hub.id), work: c.setFocusMode(c.EMPTY_WORKSPACE, 'hide') })).ms);
const far = model.nodes[model.nodes.length - 1].id;
const netTime = time(() => c.pathNetwork(report));
const firstPath = { ms: netTime.ms, out: c.shortestPaths(netTime.out, hub.id, far, { max: 10 }) };
record('the path search network (once per report; the viewer makes it while idle)', firstPath.ms);
const net = c.pathNetwork(report);
c.shortestPaths(net, hub.id, far);
const pathAgain = time((i) => c.shortestPaths(net, model.nodes[i * 997].id, far, { max: 10 }));
record('shortest paths between two entities', pathAgain.ms, `(${firstPath.out.total.toLocaleString('en-US')} paths of ${firstPath.out.length} ties from the best-connected entity; 5 questions)`);
record('shortest paths highlighted and added to the view', time(() => derive({ ...S0, work: c.setPathEnd(c.setPathEnd(c.EMPTY_WORKSPACE, 'from', hub.id), 'to', far) }, [], firstPath.out)).ms);
const entityRows = c.tableRows(model, 'entities', base);
record('entity table: rows, sorted by flags', time(() => c.applyTable(entityRows, { ...c.DEFAULT_TABLE, sort: { key: 'flags', desc: true } }, new Set())).ms, `(${entityRows.length.toLocaleString('en-US')} rows)`);
const shipmentRows = c.tableRows(model, 'shipments', base);
record('shipment table: filtered by text', time(() => c.applyTable(shipmentRows, { ...c.DEFAULT_TABLE, kind: 'shipments', text: 'goods 1' }, new Set())).ms, `(${shipmentRows.length.toLocaleString('en-US')} rows)`);
record('CSV of the shipment table', time(() => c.tableCsv(c.SHIPMENT_COLUMNS, shipmentRows)).ms);

// ---------------------------------------------------------------------------------------------------------------
// The same in the browser.

const browserRows = [];
/** Whether the viewer gave the network to WebGL vertex by vertex (views/per-vertex.ts) or as Sigma's instances. */
let vertexDrawing = null;
if (PART !== 'state') {
const file = join(dir, 'report.html');
writeFileSync(file, exportHtml(JSON.stringify(report)));
const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  const query = [...(DRAWING === 'auto' ? [] : [`drawing=${DRAWING}`]), ...(CPULINES ? [] : ['cpulines=0'])];
  await page.goto(`file://${file}${query.length === 0 ? '' : `?${query.join('&')}`}`, { timeout: 300000 });
  await page.waitForFunction(() => window.__chokepoint?.firstFrameMs() != null, null, { timeout: 300000, polling: 100 });
  await page.evaluate(() => window.__chokepoint.view.stopLayout());
  vertexDrawing = await page.evaluate(() => window.__chokepoint.view.vertexDrawing);
  // Let the page finish what it does when idle (the path search's network) before timing.
  await page.waitForTimeout(5000);
  const steps = [
    ['select an entity', (a, ids) => a.select(ids.hub)],
    ['expand one tie away', (a, ids) => a.changeWork((w) => ({ ...w, seeds: [ids.hub], expansions: [{ id: ids.hub, kinds: null, hops: 1 }] }))],
    ['expand two ties away', (a, ids) => a.changeWork((w) => ({ ...w, expansions: [{ id: ids.hub, kinds: null, hops: 2 }] }))],
    ['collapse', (a) => a.changeWork((w) => ({ ...w, expansions: [] }))],
    ['back to the whole network', (a) => a.changeWork((w) => ({ ...w, seeds: null, expansions: [] }))],
    ['hide an entity', (a, ids) => a.changeWork((w) => ({ ...w, hidden: [ids.hub] }))],
    ['pin an entity', (a, ids) => a.changeWork((w) => ({ ...w, pinned: [{ id: ids.far, x: 0, y: 0, layout: 'force' }] }))],
    ['select 1,000 entities (box or lasso)', (a, ids) => a.mark(ids.box, 'replace')],
    ['keep only the selection', (a, ids) => a.changeWork((w) => ({ ...w, seeds: ids.box, expansions: [], hidden: [] }))],
    ['shortest paths', (a, ids) => a.changeWork((w) => ({ ...w, seeds: null, path: { from: ids.hub, to: ids.far } }))],
    ['filter: only flagged entities (and zoom to fit)', (a) => a.setFilters({ onlyFlagged: true })],
    ['focus mode "hide the rest"', (a) => a.changeWork((w) => ({ ...w, focus: 'hide' }))],
  ];
  const ids = { hub: hub.id, far, box: boxed.slice(0, 1000) };
  // CPU time of the page's renderer process and of the GPU process (SwiftShader draws there): less sensitive to the
  // machine's load than wall time, though a loaded machine slows these too.
  const systemInfo = await browser.newBrowserCDPSession();
  const cpuTimes = async () => {
    const { processInfo } = await systemInfo.send('SystemInfo.getProcessInfo');
    const sum = (type) => processInfo.filter((p) => p.type === type).reduce((a, p) => a + p.cpuTime, 0) * 1000;
    return { renderer: sum('renderer'), gpu: sum('GPU') };
  };
  for (const [what] of steps) browserRows.push({ what, runs: [], page: [], renderer: [], gpu: [] });
  if (PROFILE !== null && !steps.some(([what]) => what === PROFILE)) throw new Error(`BENCH_PROFILE names no interaction: ${PROFILE}`);
  const profiler = PROFILE === null ? null : await page.context().newCDPSession(page);
  if (profiler !== null) {
    await profiler.send('Profiler.enable');
    await profiler.send('Profiler.setSamplingInterval', { interval: 100 });
  }
  for (let run = 0; run < Math.min(RUNS, 3); run++) {
    for (let i = 0; i < steps.length; i++) {
      const profiled = profiler !== null && run === 1 && steps[i][0] === PROFILE;
      if (profiled) await profiler.send('Profiler.start');
      const before = await cpuTimes();
      const [own, ms] = await page.evaluate(
        async ({ body, ids }) => {
          // eslint-disable-next-line no-new-func
          const step = new Function('a', 'ids', `return (${body})(a, ids)`);
          const t = performance.now();
          step(window.__chokepoint, ids);
          const own = performance.now() - t;
          await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
          return [own, performance.now() - t];
        },
        { body: steps[i][1].toString(), ids },
      );
      const after = await cpuTimes();
      if (profiled) {
        const { profile } = await profiler.send('Profiler.stop');
        const out = process.env.BENCH_PROFILE_OUT ?? `${PROFILE.replace(/[^\w-]+/g, '-')}.cpuprofile`;
        writeFileSync(out, JSON.stringify(profile));
        console.log(`the page's CPU profile of "${PROFILE}" (run 2) written to ${out}`);
      }
      browserRows[i].runs.push(ms);
      browserRows[i].page.push(own);
      browserRows[i].renderer.push(after.renderer - before.renderer);
      browserRows[i].gpu.push(after.gpu - before.gpu);
    }
    // Undo everything, step by step, through the browser history (as Ctrl+Z does), timing each.
    const undos = [];
    const undoOwn = [];
    const undoCpu = [];
    for (let k = 0; k < 9; k++) {
      const before = await cpuTimes();
      const [own, ms] = await page.evaluate(async () => {
        const t = performance.now();
        const moved = new Promise((r) => window.addEventListener('popstate', () => r(), { once: true }));
        window.__chokepoint.undo();
        await moved;
        // The page's own work is that of the change the popstate brought (lastUpdateMs), not the wait for the event.
        const own = window.__chokepoint.lastUpdateMs();
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        return [own, performance.now() - t];
      });
      const after = await cpuTimes();
      undos.push(ms);
      undoOwn.push(own);
      undoCpu.push({ renderer: after.renderer - before.renderer, gpu: after.gpu - before.gpu });
    }
    const undoRow = browserRows.find((r) => r.what === 'undo (Ctrl+Z, through the browser history)') ?? browserRows[browserRows.push({ what: 'undo (Ctrl+Z, through the browser history)', runs: [], page: [], renderer: [], gpu: [] }) - 1];
    undoRow.runs.push(median(undos));
    undoRow.page.push(median(undoOwn));
    undoRow.renderer.push(median(undoCpu.map((x) => x.renderer)));
    undoRow.gpu.push(median(undoCpu.map((x) => x.gpu)));
    await page.evaluate(() => {
      window.__chokepoint.setFilters({ onlyFlagged: false });
      window.__chokepoint.changeWork(() => ({ seeds: null, expansions: [], hidden: [], pinned: [], path: { from: null, to: null }, focus: 'dim' }));
      window.__chokepoint.mark([], 'replace');
      window.__chokepoint.select(null);
    });
  }
  const beforeRedraw = await cpuTimes();
  const [redrawOwn, redraw] = await page.evaluate(async () => {
    const t = performance.now();
    window.__chokepoint.view.refresh(true);
    const own = performance.now() - t;
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    return [own, performance.now() - t];
  });
  const afterRedraw = await cpuTimes();
  browserRows.push({ what: 'for comparison: one full redraw of the whole network, nothing changed', runs: [redraw], page: [redrawOwn], renderer: [afterRedraw.renderer - beforeRedraw.renderer], gpu: [afterRedraw.gpu - beforeRedraw.gpu] });
  for (const r of browserRows) console.log(`browser ${r.what}: page ${median(r.page).toFixed(0)} ms, to the next frame ${median(r.runs).toFixed(0)} ms (runs ${r.runs.map((x) => x.toFixed(0)).join(', ')}); CPU renderer ${median(r.renderer).toFixed(0)} ms, GPU process ${median(r.gpu).toFixed(0)} ms`);
} finally {
  await browser.close();
}
}
rmSync(dir, { recursive: true, force: true });

// ---------------------------------------------------------------------------------------------------------------

const chromiumVersion = execFileSync(CHROMIUM, ['--version']).toString().trim();
const machine = `${cpus().length} × ${cpus()[0].model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version} (load average ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end: the machine was shared)`;
const mark = (ms) => (ms <= TARGET_MS ? '' : ' ✗');
const table = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${machine}; ${N.toLocaleString('en-US')} entities, ${ties.toLocaleString('en-US')} ties; median of ${RUNS} runs (browser: of 3). ✗: over the ${TARGET_MS} ms target.`,
  '',
  ...(PART === 'browser' ? [] : ['| the state change (pure core, Node) | time |', '|---|---:|', ...stateRows.map((r) => `| ${r.what}${r.note ? ` ${r.note}` : ''} | ${r.ms.toFixed(1)} ms${mark(r.ms)} |`), '']),
  `In the browser (${chromiumVersion}, headless, SwiftShader software WebGL, no GPU; the network given to WebGL ${vertexDrawing ? `vertex by vertex, as the viewer does where WebGL is drawn in software${CPULINES ? ', the dimmed ties drawn on the CPU' : ''}` : 'as instances'}${DRAWING === 'auto' ? '' : `, BENCH_DRAWING=${DRAWING}`}${CPULINES ? '' : ', BENCH_CPULINES=0'}): the page's own work (state, panel, bar, tables, Sigma's reducers and buffers, the WebGL calls issued), from the call to the next frame (with SwiftShader drawing it), and the CPU time the page's renderer process and the GPU process (where SwiftShader draws) spent from the call to the next frame:`,
  '',
  '| interaction | the page (median) | to the next frame (median) | runs to the next frame (ms) | CPU: renderer, GPU process (median) |',
  '|---|---:|---:|---|---:|',
  ...browserRows.map((r) => `| ${r.what} | ${median(r.page).toFixed(0)} ms${mark(median(r.page))} | ${median(r.runs).toFixed(0)} ms${mark(median(r.runs))} | ${r.runs.map((x) => x.toFixed(0)).join(', ')} | ${median(r.renderer).toFixed(0)} ms, ${median(r.gpu).toFixed(0)} ms |`),
].join('\n');

if (PART !== 'all') {
  console.log(`\n${table}`);
  process.exit(0);
}
const perf = join(repo, 'docs', 'performance.md');
const start = '<!-- viewer-interactions:start (generated by packages/viewer/scripts/bench-interactions.mjs) -->';
const end = '<!-- viewer-interactions:end -->';
const doc = readFileSync(perf, 'utf8');
const a = doc.indexOf(start);
const b = doc.indexOf(end);
if (a < 0 || b < 0) throw new Error(`docs/performance.md lacks the ${start} markers`);
writeFileSync(perf, `${doc.slice(0, a + start.length)}\n${table}\n${doc.slice(b)}`);
console.log(`updated ${perf}`);
