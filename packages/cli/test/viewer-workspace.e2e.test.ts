import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Report } from '@chokepoint/report';
import type { PathResult } from '@chokepoint/report/paths';
import { browserAvailable, containsText, hasText, text, until, launchBrowser, screenshotPath, serve, type Served } from './browser';
import { DEMO, removeTempDirs, run, tempDir, TINY } from './run';

const available = browserAvailable();
const suite = available ? describe : describe.skip;

interface Work {
  seeds: string[] | null;
  expansions: { id: string; kinds: string[] | null; hops: number }[];
  hidden: string[];
  pinned: { id: string; x: number; y: number; layout: string }[];
  path: { from: string | null; to: string | null };
  focus: string;
}

/** What the viewer exposes to tests as window.__chokepoint (packages/viewer/src/web/views/app.ts). */
interface ViewerHook {
  firstFrameMs(): number | null;
  state(): { selected: string | null; work: Work; filters: { onlyFlagged: boolean } };
  visible(): { counts: { entities: number; ties: number }; nodes: Uint8Array };
  model: { nodes: { id: string; index: number }[] };
  marked(): string[];
  select(id: string | null): void;
  path(): PathResult | null;
  tables: { rows(): { key: string }[] };
  view: {
    stopLayout(): void;
    viewportPosition(id: string): { x: number; y: number } | null;
    camera(): { x: number; y: number; ratio: number };
    renderer: {
      getCamera(): { isAnimated(): boolean; setState(s: object): void; getState(): { x: number; y: number; ratio: number; angle: number } };
      getSetting(name: string): unknown;
      viewportToFramedGraph(p: { x: number; y: number }): { x: number; y: number };
      graphToViewport(p: { x: number; y: number }): { x: number; y: number };
      viewportToGraph(p: { x: number; y: number }): { x: number; y: number };
    };
    graph: { getNodeAttributes(key: string): { x: number; y: number }; mergeNodeAttributes(key: string, attributes: { x: number; y: number }): void };
    visibleArea(): { left: number; top: number; right: number; bottom: number };
    drawnLabels(): { label: string; box: readonly [number, number, number, number] }[];
    boxedLabels(): { id: string; box: readonly [number, number, number, number] }[];
    nodeDisplay(key: string): { label?: string | null; highlighted?: boolean } | undefined;
  };
}
/** The browser's own, inside page.evaluate (the tests compile without the DOM library). */
declare const requestAnimationFrame: (callback: (time: number) => void) => number;
declare const window: { __chokepoint?: ViewerHook };


const work = (page: Page) => page.evaluate(() => window.__chokepoint!.state().work);
const drawn = (page: Page) => page.evaluate(() => window.__chokepoint!.visible().counts.entities);
/**
 * Waits until the camera stands still and two frames have been drawn since: sigma finds the node under the mouse in
 * the last frame it drew, so a frame still pending on a loaded machine would let a press miss a node that moved.
 */
const settle = async (page: Page) => {
  await page.waitForFunction(() => !window.__chokepoint!.view.renderer.getCamera().isAnimated());
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
};

async function open(page: Page, url: string): Promise<string[]> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page.waitForFunction(() => window.__chokepoint !== undefined && window.__chokepoint.firstFrameMs() !== null, null, { timeout: 30000 });
  // Let the layout spread the network a little (for legible screenshots), then stop it so nodes stay put.
  await page.waitForTimeout(2500);
  await page.evaluate(() => window.__chokepoint!.view.stopLayout());
  return errors;
}

async function pick(page: Page, query: string): Promise<void> {
  await page.fill('#search', query);
  await page.locator('#search-results button').first().click();
  await settle(page);
}

/** Where an entity is drawn on the page. */
async function onPage(page: Page, id: string): Promise<{ x: number; y: number }> {
  const pos = await page.evaluate((node) => window.__chokepoint!.view.viewportPosition(node), id);
  const box = (await page.locator('#graph').boundingBox())!;
  return { x: box.x + pos!.x, y: box.y + pos!.y };
}

let dir: string;
let demoReport: string;
let report: Report;
let browser: Browser;
let served: Served;

suite('the investigation workspace in a real browser: following a lead', () => {
  beforeAll(async () => {
    dir = tempDir();
    demoReport = join(dir, 'demo.json');
    expect((await run('analyze', DEMO, '--out', demoReport, '--quiet')).code).toBe(0);
    report = JSON.parse(readFileSync(demoReport, 'utf8')) as Report;
    browser = await launchBrowser();
    served = await serve(demoReport);
  });
  afterAll(async () => {
    await browser?.close();
    served?.process.kill('SIGINT');
    removeTempDirs();
  });

  it('expands step by step: neighbours by tie kind with counts, then N hops, then collapses', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const errors = await open(page, served.url);
    await pick(page, 'harbeli gsm');
    await page.click('#start-here');
    await hasText(page.locator('#work-status'), 'Working view: 1 entity from 1 start');
    await hasText(page.locator('#count-entities'), `1 of ${report.entities.length} entities`);
    // Counts before expanding: each kind with how many are not drawn.
    const shipment = page.locator('#expand-kinds button[data-kind="shipment"]');
    await containsText(shipment, /^shipment: 4 \(4 not drawn\)$/);
    await containsText(page.locator('#neighbour-total'), '6 neighbours, 6 not drawn');
    // The panel's facts are the selected entity's: a change of the working view redraws only the lead's sections,
    // and where the user scrolled the panel to stays.
    const panelNow = () =>
      page.evaluate(() => {
        const doc = (globalThis as unknown as { document: { getElementById(id: string): { scrollTop: number; dataset: Record<string, string> } | null } }).document;
        const panel = doc.getElementById('panel')!;
        return { scrollTop: panel.scrollTop, marked: doc.getElementById('panel-title')?.dataset.testMark ?? null };
      });
    await page.evaluate(() => {
      const doc = (globalThis as unknown as { document: { getElementById(id: string): { scrollTop: number; scrollHeight: number; clientHeight: number; dataset: Record<string, string> } | null } }).document;
      const panel = doc.getElementById('panel')!;
      panel.scrollTop = Math.min(40, panel.scrollHeight - panel.clientHeight);
      doc.getElementById('panel-title')!.dataset.testMark = 'kept';
    });
    const scrolled = await panelNow();
    expect(scrolled.marked).toBe('kept');
    await shipment.click();
    await hasText(page.locator('#count-entities'), `5 of ${report.entities.length} entities`);
    await containsText(page.locator('#expand-kinds button[data-kind="shipment"]'), /^shipment: 4$/);
    expect(await panelNow()).toEqual(scrolled);
    await page.selectOption('#expand-hops', '2');
    await page.click('#expand-all');
    const twoHops = await drawn(page);
    expect(twoHops).toBeGreaterThan(7);
    expect((await work(page)).expansions).toEqual([
      { id: 'tr-akc-01', kinds: ['shipment'], hops: 1 },
      { id: 'tr-akc-01', kinds: null, hops: 2 },
    ]);
    await settle(page);
    await page.waitForTimeout(300);
    await page.screenshot({ path: screenshotPath('guide-lead-expand.png') });
    await page.click('#collapse');
    await hasText(page.locator('#count-entities'), `1 of ${report.entities.length} entities`);
    await page.click('#whole-network');
    await hasText(page.locator('#count-entities'), `${report.entities.length} of ${report.entities.length} entities`);
    expect((await panelNow()).marked).toBe('kept');
    // Another entity selected: the panel made anew, from its top.
    await pick(page, 'tr-dst-01');
    expect(await panelNow()).toEqual({ scrollTop: 0, marked: null });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('names every entity of a path shown, a step lying just above its end as well', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const errors = await open(page, served.url);
    // The path's step (Harbelioğlu Dış Ticaret, tr-akc-02) 16 pixels above its end (Halil Harbelioğlu, p-001), as the
    // layout once put it in the fresh-clone CI: the step went unnamed (its label beside it runs under the end's boxed
    // label, and sigma did not draw it elsewhere); a path's entities now have labels sigma must draw.
    await page.evaluate(() => {
      const app = window.__chokepoint!;
      const key = (id: string) => `n${app.model.nodes.find((n) => n.id === id)!.index}`;
      const end = app.view.renderer.graphToViewport(app.view.graph.getNodeAttributes(key('p-001')));
      const at = app.view.renderer.viewportToGraph({ x: end.x + 5, y: end.y - 16 });
      app.view.graph.mergeNodeAttributes(key('tr-akc-02'), { x: at.x, y: at.y });
    });
    await pick(page, 'Halil Harbelioğlu');
    await page.click('#path-from');
    await pick(page, 'tr-dst-01');
    await page.click('#path-to');
    await containsText(page.locator('#path-summary'), 'One shortest path of 2 ties, along any tie.');
    // (as the test below goes: shipments hidden and shown again, the selection let go; the whole network in view)
    await page.uncheck('#edge-shipment');
    await containsText(page.locator('#path-summary'), 'along ties of the kinds shown');
    await page.check('#edge-shipment');
    await containsText(page.locator('#path-summary'), 'One shortest path of 2 ties, along any tie.');
    await page.keyboard.press('Escape');
    await settle(page);
    await page.waitForTimeout(300);
    const unnamed = await page.evaluate(() => {
      const app = window.__chokepoint!;
      const boxed = new Set(app.view.boxedLabels().map((b) => b.id));
      const drawnNames = new Set(app.view.drawnLabels().map((l) => l.label));
      return ['p-001', 'tr-akc-02', 'tr-dst-01'].filter((id) => !boxed.has(id) && !drawnNames.has(app.view.nodeDisplay(`n${app.model.nodes.find((n) => n.id === id)!.index}`)?.label as string));
    });
    expect(unnamed).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('finds every shortest path between two entities, highlights and lists them as `chokepoint path` does', async () => {
    const cli = JSON.parse((await run('path', demoReport, 'p-001', 'tr-dst-01', '--json')).stdout) as PathResult;
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const errors = await open(page, served.url);
    await pick(page, 'Halil Harbelioğlu');
    await page.click('#path-from');
    await pick(page, 'tr-dst-01');
    await page.click('#path-to');
    await containsText(page.locator('#path-summary'), `${cli.total === 1 ? 'One shortest path' : `${cli.total} shortest paths`} of ${cli.length} ties, along any tie.`);
    const listed = await page.locator('#path-list > li').evaluateAll((items) => items.map((li) => [...li.querySelectorAll('p.chain button')].map((b) => b.getAttribute('data-id'))));
    expect(listed).toEqual(cli.paths.map((p) => p.entities));
    await containsText(page.locator('#path-list'), 'Passes through:');
    await containsText(page.locator('#path-list'), 'key node #');
    expect(page.url()).toMatch(/pfrom=p-001/);
    expect(page.url()).toMatch(/pto=tr-dst-01/);
    // Shown beside the selected end (tr-dst-01, picked last): every entity of the paths is brought forward and named,
    // not only the selection's neighbours (the others were faded and unnamed, their ties in the path colour).
    expect(await page.evaluate(() => window.__chokepoint!.state().selected)).toBe('tr-dst-01');
    await settle(page);
    const onPaths = [...new Set(cli.paths.flatMap((p) => p.entities))];
    expect(onPaths.length).toBeGreaterThan(2);
    // 198 entities: sigma's own label grid (small cells drew twice the labels, over each other's nodes).
    expect(await page.evaluate(() => window.__chokepoint!.view.renderer.getSetting('labelGridCellSize'))).toBe(100);
    const named = await page.evaluate((ids) => {
      const app = window.__chokepoint!;
      return ids.map((id) => [id, Boolean(app.view.nodeDisplay(`n${app.model.nodes.find((n) => n.id === id)!.index}`)?.label)]);
    }, onPaths);
    expect(named).toEqual(onPaths.map((id) => [id, true]));
    // Only the tie kinds the filters show are followed.
    await page.uncheck('#edge-shipment');
    await containsText(page.locator('#path-summary'), 'along ties of the kinds shown');
    await page.check('#edge-shipment');
    await page.keyboard.press('Escape');
    await settle(page);
    await page.waitForTimeout(300);
    await page.screenshot({ path: screenshotPath('guide-lead-paths.png') });
    // Every entity of the paths is named on the screen: the ends in their boxes, the steps between by their labels (a
    // step beside a larger boxed end shared its cell of sigma's label grid with it, and went unnamed).
    const unnamed = await page.evaluate((ids) => {
      const app = window.__chokepoint!;
      const boxed = new Set(app.view.boxedLabels().map((b) => b.id));
      const drawnNames = new Set(app.view.drawnLabels().map((l) => l.label));
      return ids.filter((id) => !boxed.has(id) && !drawnNames.has(app.view.nodeDisplay(`n${app.model.nodes.find((n) => n.id === id)!.index}`)?.label as string));
    }, onPaths);
    expect(unnamed).toEqual([]);
    // Each entity is named once: the boxed label of a highlighted entity is not repeated by a plain one moved aside.
    const { plain, boxed } = await page.evaluate(() => {
      const app = window.__chokepoint!;
      const boxedNames = app.model.nodes.map((n) => app.view.nodeDisplay(`n${n.index}`)).filter((d) => d?.highlighted === true && d.label).map((d) => d!.label as string);
      return { plain: app.view.drawnLabels().map((l) => l.label), boxed: boxedNames };
    });
    expect(boxed.length).toBeGreaterThan(0);
    expect(plain.filter((name, i) => plain.indexOf(name) !== i)).toEqual([]);
    expect(plain.filter((name) => boxed.includes(name))).toEqual([]);
    // ... and no plain label runs under a boxed one (every entity of the path is boxed, not only a selected one).
    const under = await page.evaluate(() => {
      const view = window.__chokepoint!.view;
      const boxes = view.boxedLabels();
      return { boxed: boxes.length, under: view.drawnLabels().filter(({ box }) => boxes.some(({ box: b }) => box[0] < b[2] && box[2] > b[0] && box[1] < b[3] && box[3] > b[1])).map((l) => l.label) };
    });
    expect(under.boxed).toBe(boxed.length);
    expect(under.under).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("turns a selected entity's boxed label to its left near the right edge of what is visible, not under the panel", async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const errors = await open(page, served.url);
    await page.evaluate(() => window.__chokepoint!.select('tr-dst-01'));
    await settle(page);
    // The entity moved 30 px inside the right edge of the visible area (the side panel lies over the canvas beyond it):
    // its name, about 180 px wide, cannot run to the right.
    const r = await page.evaluate(async () => {
      const view = window.__chokepoint!.view;
      const area = view.visibleArea();
      const renderer = view.renderer;
      const camera = renderer.getCamera();
      const pos = view.viewportPosition('tr-dst-01')!;
      const from = renderer.viewportToFramedGraph(pos);
      const to = renderer.viewportToFramedGraph({ x: area.right - 30, y: pos.y });
      const state = camera.getState();
      camera.setState({ ...state, x: state.x + from.x - to.x, y: state.y + from.y - to.y });
      await new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
      return { area, at: view.viewportPosition('tr-dst-01')!, boxes: view.boxedLabels() };
    });
    expect(Math.abs(r.at.x - (r.area.right - 30))).toBeLessThan(1);
    const box = r.boxes.find((b) => b.id === 'tr-dst-01')!.box;
    expect(box[2] - box[0]).toBeGreaterThan(150);
    expect(box[0]).toBeGreaterThanOrEqual(r.area.left);
    expect(box[2]).toBeLessThanOrEqual(r.area.right);
    expect(box[2]).toBeLessThan(r.at.x + 20);
    await page.screenshot({ path: screenshotPath('workspace-boxed-label-edge.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('pins a dragged entity without moving the camera; undo puts it back, redo pins it again, release lets it go', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const errors = await open(page, served.url);
    await settle(page);
    const camera = await page.evaluate(() => window.__chokepoint!.view.camera());
    const from = await onPage(page, 'tr-dst-01');
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(from.x + 60, from.y + 40, { steps: 8 });
    await page.mouse.move(from.x + 120, from.y + 80, { steps: 8 });
    await page.mouse.up();
    expect(await page.evaluate(() => window.__chokepoint!.view.camera())).toEqual(camera);
    const to = await onPage(page, 'tr-dst-01');
    expect(Math.abs(to.x - (from.x + 120))).toBeLessThan(3);
    expect(Math.abs(to.y - (from.y + 80))).toBeLessThan(3);
    expect((await work(page)).pinned.map((p) => [p.id, p.layout])).toEqual([['tr-dst-01', 'force']]);
    // A drag is not a click: nothing was selected.
    expect(await page.evaluate(() => window.__chokepoint!.state().selected)).toBeNull();
    expect(decodeURIComponent(page.url())).toMatch(/pin=\[\["tr-dst-01",/);
    await page.keyboard.press('Control+z');
    await until(async () => (await work(page)).pinned.length === 0, async () => 'the pin undone');
    const back = await onPage(page, 'tr-dst-01');
    expect(Math.abs(back.x - from.x)).toBeLessThan(3);
    await page.keyboard.press('Control+Shift+z');
    await until(async () => (await work(page)).pinned.length === 1, async () => 'the pin redone');
    expect(Math.abs((await onPage(page, 'tr-dst-01')).x - to.x)).toBeLessThan(3);
    await page.screenshot({ path: screenshotPath('workspace-pinned.png') });
    await hasText(page.locator('#release-all'), 'Release pins (1)');
    await page.click('#release-all');
    await until(async () => (await work(page)).pinned.length === 0, async () => 'released');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('selects with a box and acts on the selection: hide, keep only, expand all, pin', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const errors = await open(page, served.url);
    await settle(page);
    const box = (await page.locator('#graph').boundingBox())!;
    const camera = await page.evaluate(() => window.__chokepoint!.view.camera());
    const [x0, y0, x1, y1] = [box.x + box.width * 0.3, box.y + box.height * 0.3, box.x + box.width * 0.7, box.y + box.height * 0.7];
    await page.keyboard.down('Shift');
    await page.mouse.move(x0, y0);
    await page.mouse.down();
    await page.mouse.move((x0 + x1) / 2, (y0 + y1) / 2, { steps: 5 });
    await page.mouse.move(x1, y1, { steps: 5 });
    await page.screenshot({ path: screenshotPath('workspace-box-drawing.png') });
    await page.mouse.up();
    await page.keyboard.up('Shift');
    expect(await page.evaluate(() => window.__chokepoint!.view.camera())).toEqual(camera);
    const marked = await page.evaluate(() => window.__chokepoint!.marked());
    expect(marked.length).toBeGreaterThan(1);
    // Exactly what the box holds.
    for (const id of marked) {
      const p = await onPage(page, id);
      expect(p.x).toBeGreaterThanOrEqual(x0 - 1);
      expect(p.x).toBeLessThanOrEqual(x1 + 1);
    }
    await hasText(page.locator('#marked-count'), `${marked.length} entities selected`);
    await page.screenshot({ path: screenshotPath('guide-lead-box.png') });
    const all = report.entities.length;
    await page.click('#marked-hide');
    await hasText(page.locator('#count-entities'), `${all - marked.length} of ${all} entities`);
    await page.click('#unhide-all');
    await hasText(page.locator('#count-entities'), `${all} of ${all} entities`);
    await page.click('#marked-keep');
    await hasText(page.locator('#count-entities'), `${marked.length} of ${all} entities`);
    await page.click('#marked-expand');
    expect(await drawn(page)).toBeGreaterThan(marked.length);
    await page.click('#marked-pin');
    expect((await work(page)).pinned.map((p) => p.id).sort()).toEqual([...marked].sort());
    await page.keyboard.press('Escape');
    await until(async () => (await page.evaluate(() => window.__chokepoint!.marked().length)) === 0, async () => 'the selection let go');
    expect(errors).toEqual([]);
    await page.close();
  });
  it('starts a box on an entity as well as on the empty stage, without moving the camera or the entity', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const errors = await open(page, served.url);
    await settle(page);
    const camera = await page.evaluate(() => window.__chokepoint!.view.camera());
    const from = await onPage(page, 'tr-dst-01');
    await page.keyboard.down('Shift');
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(from.x + 60, from.y + 60, { steps: 5 });
    await page.mouse.move(from.x + 120, from.y + 120, { steps: 5 });
    await page.mouse.up();
    await page.keyboard.up('Shift');
    expect(await page.evaluate(() => window.__chokepoint!.view.camera())).toEqual(camera);
    const still = await onPage(page, 'tr-dst-01');
    expect(Math.abs(still.x - from.x) + Math.abs(still.y - from.y)).toBeLessThan(1);
    await until(async () => (await page.evaluate(() => window.__chokepoint!.marked())).includes('tr-dst-01'), async () => 'the entity under the corner of the box selected');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('selects with a lasso (L, or the labelled button) and acts on the selection: exactly what the outline holds', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const errors = await open(page, served.url);
    await settle(page);
    const lassoButton = page.locator('#lasso-mode');
    expect(await lassoButton.getAttribute('aria-label')).toMatch(/^Lasso select/);
    expect(await lassoButton.getAttribute('aria-keyshortcuts')).toBe('L');
    // By keyboard: L turns the lasso on (and box selection off).
    await page.keyboard.press('l');
    await until(async () => (await lassoButton.getAttribute('aria-pressed')) === 'true', async () => 'lasso mode on');
    expect(await page.locator('#box-mode').getAttribute('aria-pressed')).toBe('false');
    const box = (await page.locator('#graph').boundingBox())!;
    const camera = await page.evaluate(() => window.__chokepoint!.view.camera());
    // A concave outline (an arrow head pointing right) around the middle of the graph.
    const at = (fx: number, fy: number) => ({ x: box.x + box.width * fx, y: box.y + box.height * fy });
    const outline = [at(0.25, 0.25), at(0.75, 0.5), at(0.25, 0.75), at(0.45, 0.5)];
    await page.mouse.move(outline[0].x, outline[0].y);
    await page.mouse.down();
    for (const p of [...outline.slice(1), outline[0]]) await page.mouse.move(p.x, p.y, { steps: 12 });
    await page.screenshot({ path: screenshotPath('workspace-lasso-drawing.png') });
    await page.mouse.up();
    expect(await page.evaluate(() => window.__chokepoint!.view.camera())).toEqual(camera);
    const marked = await page.evaluate(() => window.__chokepoint!.marked());
    expect(marked.length).toBeGreaterThan(1);
    // Exactly the drawn entities inside the outline (even-odd, as the test counts it here).
    const inside = (p: { x: number; y: number }) => {
      let odd = false;
      for (let i = 0, j = outline.length - 1; i < outline.length; j = i++) {
        const [a, b] = [outline[i], outline[j]];
        if (a.y > p.y !== b.y > p.y && p.x < ((b.x - a.x) * (p.y - a.y)) / (b.y - a.y) + a.x) odd = !odd;
      }
      return odd;
    };
    const drawnIds = await page.evaluate(() => window.__chokepoint!.model.nodes.filter((n) => window.__chokepoint!.visible().nodes[n.index]).map((n) => n.id));
    // Entities within a few pixels of the outline are left out of the comparison: the page sees the mouse's path in
    // whole pixels, a point every few pixels.
    const nearOutline = (p: { x: number; y: number }) =>
      outline.some((a, i) => {
        const b = outline[(i + 1) % outline.length];
        const t = Math.max(0, Math.min(1, ((p.x - a.x) * (b.x - a.x) + (p.y - a.y) * (b.y - a.y)) / ((b.x - a.x) ** 2 + (b.y - a.y) ** 2)));
        return Math.hypot(p.x - (a.x + t * (b.x - a.x)), p.y - (a.y + t * (b.y - a.y))) < 4;
      });
    const expected: string[] = [];
    const unsure = new Set<string>();
    for (const id of drawnIds) {
      const p = await onPage(page, id);
      if (nearOutline(p)) unsure.add(id);
      else if (inside(p)) expected.push(id);
    }
    expect(marked.filter((id) => !unsure.has(id)).sort()).toEqual(expected.sort());
    expect(expected.length).toBeGreaterThan(1);
    await hasText(page.locator('#marked-count'), `${marked.length} entities selected`);
    await page.screenshot({ path: screenshotPath('guide-lead-lasso.png') });
    const all = report.entities.length;
    await page.click('#marked-keep');
    await hasText(page.locator('#count-entities'), `${marked.length} of ${all} entities`);
    await page.keyboard.press('Control+z');
    await hasText(page.locator('#count-entities'), `${all} of ${all} entities`);
    await page.keyboard.press('l');
    await until(async () => (await lassoButton.getAttribute('aria-pressed')) === 'false', async () => 'lasso mode off');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('goes back and forward through the working view with Ctrl+Z, Ctrl+Shift+Z and the browser, and a link reproduces it', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors = await open(page, served.url);
    await pick(page, 'Harbeli GSM');
    await page.click('#start-here');
    await page.click('#expand-all');
    const expanded = await drawn(page);
    await pick(page, 'Mustafa Harbelioğlu');
    await page.click('#hide');
    await pick(page, 'tr-dst-01');
    await page.click('#path-to');
    await page.click('#path-from');
    const full = await work(page);
    expect(full.hidden).toEqual(['p-002']);
    // Undo three steps with the keyboard, then the browser's Forward and Back.
    await page.locator('#graph').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('Control+z');
    await until(async () => (await work(page)).path.from === null, async () => 'path start undone');
    await page.keyboard.press('Control+z');
    await until(async () => (await work(page)).path.to === null, async () => 'path end undone');
    await page.keyboard.press('Control+z');
    await until(async () => (await work(page)).hidden.length === 0, async () => 'hide undone');
    expect(await drawn(page)).toBe(expanded);
    await page.goForward();
    await until(async () => (await work(page)).hidden.length === 1, async () => 'hide redone by Forward');
    await page.keyboard.press('Control+Shift+z');
    await until(async () => (await work(page)).path.to === 'tr-dst-01', async () => 'path end redone');
    await page.goBack();
    await until(async () => (await work(page)).path.to === null, async () => 'Back');
    await page.keyboard.press('Control+y');
    await page.keyboard.press('Control+Shift+z');
    await until(async () => JSON.stringify(await work(page)) === JSON.stringify(full), async () => `all redone, got ${JSON.stringify(await work(page))}`);
    await hasText(page.locator('#redo'), '↷ Redo');
    expect(await page.locator('#redo').isDisabled()).toBe(true);
    // A link reproduces the working view.
    const again = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errorsAgain = await open(again, page.url());
    expect(await work(again)).toEqual(full);
    expect(await drawn(again)).toBe(await drawn(page));
    await containsText(again.locator('#path-summary'), 'shortest path');
    expect(errors).toEqual([]);
    expect(errorsAgain).toEqual([]);
    await page.close();
    await again.close();
  });

  it('focuses: zooms to fit after a filter, and hides instead of dimming in the focus mode', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const errors = await open(page, served.url);
    await settle(page);
    const before = await page.evaluate(() => window.__chokepoint!.view.camera());
    await page.check('#only-border');
    await settle(page);
    const after = await page.evaluate(() => window.__chokepoint!.view.camera());
    expect(after.ratio).toBeLessThan(before.ratio);
    await page.click('#reset-filters');
    await pick(page, 'tr-akc-02');
    const all = report.entities.length;
    await page.click('#focus-mode');
    expect(await page.getAttribute('#focus-mode', 'aria-pressed')).toBe('true');
    const neighbours = new Set(report.relations.flatMap((r) => (r.source === 'tr-akc-02' ? [r.target] : r.target === 'tr-akc-02' ? [r.source] : [])));
    for (const s of report.shipments) if (s.supplier === 'tr-akc-02') neighbours.add(s.buyer);
    for (const s of report.shipments) if (s.buyer === 'tr-akc-02') neighbours.add(s.supplier);
    neighbours.delete('tr-akc-02');
    const shown = await drawn(page);
    expect(shown).toBeLessThan(all);
    expect(shown).toBeGreaterThanOrEqual(neighbours.size + 1);
    await page.click('#zoom-fit');
    await settle(page);
    await page.waitForTimeout(200);
    await page.screenshot({ path: screenshotPath('guide-lead-focus.png') });
    // No label runs under the selected entity's boxed label.
    const under = await page.evaluate(() => {
      const view = window.__chokepoint!.view;
      const boxes = view.boxedLabels();
      return { boxed: boxes.length, under: view.drawnLabels().filter(({ box }) => boxes.some(({ box: b }) => box[0] < b[2] && box[2] > b[0] && box[1] < b[3] && box[3] > b[1])).map((l) => l.label) };
    });
    expect(under).toEqual({ boxed: 1, under: [] });
    await page.keyboard.press('Escape');
    await hasText(page.locator('#count-entities'), `${all} of ${all} entities`);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows sortable, filterable tables linked both ways with the graph, and downloads exactly what they show', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, acceptDownloads: true });
    const errors = await open(page, served.url);
    await page.click('#tables-toggle');
    await containsText(page.locator('#table-count'), `${report.entities.length} of ${report.entities.length} rows`);
    // Sort by flags, most first: the most flagged entity leads.
    await page.click('th button.sort[data-key="flags"]');
    await page.click('th button.sort[data-key="flags"]');
    expect(await page.getAttribute('th:has(button[data-key="flags"])', 'aria-sort')).toBe('descending');
    const most = [...report.entities].sort((a, b) => b.flags.length - a.flags.length)[0];
    await hasText(page.locator('#table-entities-rows tbody tr').first().locator('td').nth(1), most.id);
    await page.selectOption('#table-filter-country', 'GB');
    const gb = report.entities.filter((e) => e.country === 'GB');
    await containsText(page.locator('#table-count'), `${gb.length} of ${report.entities.length} rows`);
    // A row selects its entity in the graph…
    await page.locator('#table-entities-rows tbody tr').first().locator('button.row-pick').click();
    const picked = await page.evaluate(() => window.__chokepoint!.state().selected);
    expect(gb.map((e) => e.id)).toContain(picked);
    await hasText(page.locator('#panel-title'), report.entities.find((e) => e.id === picked)!.name);
    // …and the graph's selection marks its row.
    expect(await page.getAttribute(`#table-entities-rows tr[data-key="${picked}"]`, 'aria-selected')).toBe('true');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#table-csv')]);
    const csvPath = join(dir, 'entities.csv');
    await download.saveAs(csvPath);
    const downloaded = readFileSync(csvPath, 'utf8');
    // (a byte-order mark first, for Excel)
    expect(downloaded.startsWith('\ufeffName,')).toBe(true);
    const lines = downloaded.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('Name,Id,Kind,Country,Cluster,Group,Flags,Key node,Ties,Input line');
    expect(lines.slice(1).map((l) => /,(\d+)$/.exec(l)?.[1]).sort()).toEqual(gb.map((e) => String(e.origin!.line)).sort());
    expect(lines.slice(1).map((l) => l.split(',')[1]).sort()).toEqual(gb.map((e) => e.id).sort());
    // Shipments: filter by commodity and dates, then select the rows' entities in the graph.
    await page.click('#table-shipments');
    await page.selectOption('#table-filter-commodity', 'aluminium paste');
    await page.fill('#table-dateFrom', '2015-01-01');
    await page.fill('#table-dateTo', '2015-12-31');
    const paste = report.shipments.filter((s) => s.commodity === 'aluminium paste' && (s.shipped ?? s.received ?? '') >= '2015-01-01' && (s.shipped ?? s.received ?? '') <= '2015-12-31');
    await containsText(page.locator('#table-count'), `${paste.length} of ${report.shipments.length.toLocaleString("en-US")} rows`);
    await page.click('#table-mark');
    const marked = await page.evaluate(() => window.__chokepoint!.marked());
    expect(new Set(marked)).toEqual(new Set(paste.flatMap((s) => [s.supplier, s.buyer])));
    await page.waitForTimeout(300);
    await page.screenshot({ path: screenshotPath('guide-lead-tables.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('writes no cell of a downloaded table that a spreadsheet would run as a formula', async () => {
    const bundle = join(dir, 'formula');
    cpSync(TINY, bundle, { recursive: true });
    const entities = readFileSync(join(bundle, 'entities.csv'), 'utf8').replace('Hatli Telefon', '"=HYPERLINK(""http://example.invalid"",""x"")"');
    writeFileSync(join(bundle, 'entities.csv'), entities);
    const json = join(dir, 'formula.json');
    expect((await run('analyze', bundle, '--out', json, '--quiet')).code).toBe(0);
    const html = join(dir, 'formula.html');
    expect((await run('export', json, '--format', 'html', '--out', html, '--quiet')).code).toBe(0);
    const page = await browser.newPage({ acceptDownloads: true });
    await open(page, `file://${html}`);
    await page.click('#tables-toggle');
    await page.fill('#table-text', 'hyperlink');
    await containsText(page.locator('#table-count'), /^1 of \d+ rows$/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#table-csv')]);
    const csvPath = join(dir, 'formula.csv');
    await download.saveAs(csvPath);
    const row = readFileSync(csvPath, 'utf8').split('\r\n')[1];
    expect(row.startsWith(`"'=HYPERLINK(""http://example.invalid"",""x"")"`)).toBe(true);
    await page.close();
  });

  it('works from the keyboard alone: search, expand, hide, move and pin, undo', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const errors = await open(page, served.url);
    await page.focus('#search');
    await page.keyboard.type('Harbeli GSM');
    await page.keyboard.press('Enter');
    await until(async () => (await page.evaluate(() => window.__chokepoint!.state().selected)) === 'tr-akc-01', async () => 'selected by Enter');
    await page.focus('#start-here');
    await page.keyboard.press('Enter');
    await page.focus('#expand-all');
    await page.keyboard.press('Enter');
    await until(async () => (await drawn(page)) === 7, async () => `7 drawn, got ${await drawn(page)}`);
    await page.focus('#undo');
    await page.keyboard.press('Enter');
    await until(async () => (await drawn(page)) === 1, async () => 'undone by the Undo button');
    await page.focus('#redo');
    await page.keyboard.press('Enter');
    await until(async () => (await drawn(page)) === 7, async () => 'redone by the Redo button');
    await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { blur(): void } | null } }).document.activeElement?.blur());
    await page.keyboard.press('Alt+ArrowRight');
    await until(async () => (await work(page)).pinned.some((p) => p.id === 'tr-akc-01'), async () => 'pinned by Alt+arrow');
    await page.keyboard.press('h');
    await until(async () => (await work(page)).hidden.includes('tr-akc-01'), async () => 'hidden by H');
    await page.keyboard.press('Control+z');
    await until(async () => (await work(page)).hidden.length === 0, async () => 'unhidden by Ctrl+Z');
    // Every control of the working view has a name a screen reader can say.
    const unnamed = await page.locator('#work-bar button, #lead button, #lead select').evaluateAll((els) => els.filter((e) => (e.getAttribute('aria-label') ?? e.textContent ?? '').trim() === '').length);
    expect(unnamed).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
