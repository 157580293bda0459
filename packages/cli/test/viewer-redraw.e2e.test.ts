import { join } from 'node:path';
import { writeReport } from '@chokepoint/report';
import type { Browser, Page } from 'playwright-core';
import { browserAvailable, hasText, launchBrowser, screenshotPath, serve, type Served } from './browser';
import { largeDemoReport } from './scale-report';
import { removeTempDirs, tempDir } from './run';

const available = browserAvailable();
const suite = available ? describe : describe.skip;

/** What this test reads of the viewer (window.__chokepoint, packages/viewer/src/web/views/app.ts) and of Sigma inside it. */
interface Hook {
  firstFrameMs(): number | null;
  model: { nodes: { id: string; index: number }[]; edges: { key: string; index: number }[] };
  visible(): { nodes: Uint8Array; edges: Uint8Array; counts: { entities: number; ties: number } };
  select(id: string | null): void;
  setFilters(change: { onlyFlagged: boolean }): void;
  changeWork(step: (w: { seeds: string[] | null; expansions: unknown[]; hidden: string[] }) => unknown): void;
  undo(): void;
  view: { stopLayout(): void; refresh(full?: boolean): void; renderer: Sigmaish; vertexDrawing: boolean };
}
interface Program {
  array: Float32Array;
  capacity: number;
  process(id: number, slot: number, source: unknown, target: unknown, data: unknown): void;
  programs?: Program[];
  normal?: Program;
  lines?: Program;
  /** A dimmable program's edges as they are, not written while its lines are drawn (filled again before drawn). */
  stale?: boolean;
}
interface Sigmaish {
  on(event: string, listener: () => void): void;
  off(event: string, listener: () => void): void;
  getCamera(): { isAnimated(): boolean; getState(): { x: number; y: number; ratio: number; angle: number }; setState(state: { x: number; y: number; ratio: number; angle: number }): void };
  graph: { forEachEdge(f: (e: string) => void): void; source(e: string): string; target(e: string): string };
  edgePrograms: Record<string, Program>;
  edgeProgramIndex: Record<string, number>;
  nodeProgramIndex: Record<string, number>;
  edgeIndices: Record<string, number>;
  edgeDataCache: Record<string, { type: string; hidden: boolean }>;
  nodeDataCache: Record<string, { type: string; hidden: boolean }>;
}
declare const window: { __chokepoint?: Hook };
declare const btoa: (text: string) => string;
/** What this test reads of a WebGL context. */
interface GL {
  drawingBufferWidth: number;
  drawingBufferHeight: number;
  RGBA: number;
  UNSIGNED_BYTE: number;
  readPixels(x: number, y: number, width: number, height: number, format: number, type: number, pixels: Uint8Array): void;
}
declare const document: { querySelector(q: string): { getBoundingClientRect(): { width: number; height: number } } | null };
declare const requestAnimationFrame: (callback: (time: number) => void) => number;
declare const addEventListener: (type: string, listener: () => void, options: { once: boolean }) => void;

/**
 * Compares what the viewer's lean indexation wrote into Sigma's edge programs (views/sigma-process.ts: drawn edges
 * only, written in bulk) with what Sigma's own programs write for the same edges one by one, byte for byte; and checks
 * that Sigma's display data says drawn exactly what the state draws. Returns the differences found (none expected).
 */
function differences(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const app = window.__chokepoint!;
    const s = app.view.renderer;
    const out: string[] = [];
    const leaves = (p: Program): Program[] => (p.programs ? p.programs.flatMap(leaves) : p.normal ? [...(p.stale ? [] : leaves(p.normal)), ...(p.lines && p.lines.capacity > 0 ? [p.lines] : [])] : [p]);
    const programs = Object.entries(s.edgePrograms).flatMap(([type, p]) => leaves(p).filter((x) => x.array !== undefined).map((x, i) => ({ name: `${type}#${i}`, program: x })));
    const written = programs.map(({ program }) => new Uint8Array(program.array.buffer.slice(0)));
    for (const { program } of programs) program.array.fill(7);
    // Sigma's own way: each drawn edge given to each program, in its slot.
    s.graph.forEachEdge((e) => {
      const slot = s.edgeProgramIndex[e];
      if (slot === undefined || slot < 0) return;
      const d = s.edgeDataCache[e];
      const program = s.edgePrograms[d.type];
      for (const leaf of leaves(program)) leaf.process(s.edgeIndices[e], slot, s.nodeDataCache[s.graph.source(e)], s.nodeDataCache[s.graph.target(e)], d);
    });
    programs.forEach(({ name, program }, k) => {
      const now = new Uint8Array(program.array.buffer);
      let diff = 0;
      for (let i = 0; i < now.length; i++) if (now[i] !== written[k][i]) diff++;
      if (diff > 0) out.push(`${name}: ${diff} of ${now.length} bytes differ`);
      now.set(written[k]);
    });
    const v = app.visible();
    for (const n of app.model.nodes) {
      const d = s.nodeDataCache[`n${n.index}`];
      if (!d.hidden !== !!v.nodes[n.index]) out.push(`entity ${n.id}: drawn ${!d.hidden}, the state says ${!!v.nodes[n.index]}`);
      // Drawn, it has a slot in its program (hidden in place, it may keep one: drawn empty).
      if (!d.hidden && !(s.nodeProgramIndex[`n${n.index}`] >= 0)) out.push(`entity ${n.id}: drawn but its slot is ${s.nodeProgramIndex[`n${n.index}`]}`);
    }
    for (const e of app.model.edges) {
      const d = s.edgeDataCache[e.key];
      if (!d.hidden !== !!v.edges[e.index]) out.push(`tie ${e.key}: drawn ${!d.hidden}, the state says ${!!v.edges[e.index]}`);
    }
    return out.slice(0, 10);
  });
}

/** The viewer's address with a drawing mode (core/settings.ts DrawingMode) in its query. */
const withDrawing = (url: string, drawing: string): string => {
  const u = new URL(url);
  u.searchParams.set('drawing', drawing);
  return u.toString();
};

/**
 * The pixels of Sigma's WebGL buffers (ties, then nodes) right after a frame drawn on demand, read within the same task
 * (before the browser may clear a buffer it has shown).
 */
async function drawnPixels(page: Page): Promise<Buffer> {
  const base64 = await page.evaluate(() => {
    const s = window.__chokepoint!.view.renderer as unknown as { render(): void; webGLContexts: Record<string, GL> };
    s.render();
    let out = '';
    for (const name of ['edges', 'nodes']) {
      const gl = s.webGLContexts[name];
      const bytes = new Uint8Array(gl.drawingBufferWidth * gl.drawingBufferHeight * 4);
      gl.readPixels(0, 0, gl.drawingBufferWidth, gl.drawingBufferHeight, gl.RGBA, gl.UNSIGNED_BYTE, bytes);
      for (let i = 0; i < bytes.length; i += 8192) out += String.fromCharCode(...bytes.subarray(i, i + 8192));
    }
    return btoa(out);
  });
  return Buffer.from(base64, 'base64');
}

const frame = (page: Page) => page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));

suite('the viewer draws large changes of the working view as Sigma would (a network of several thousand entities)', () => {
  let dir: string;
  let browser: Browser;
  let served: Served;
  let hub: string;
  let other: string;
  let entities: number;
  beforeAll(async () => {
    dir = tempDir();
    // Enough ties that leaving or coming back to the whole network changes more than the viewer changes in place.
    const report = await largeDemoReport(dir, 6000);
    entities = report.entities.length;
    const degree = new Map<string, number>();
    for (const s of report.shipments) for (const id of [s.supplier, s.buyer]) degree.set(id, (degree.get(id) ?? 0) + 1);
    const ranked = [...degree].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    hub = ranked[0][0];
    other = ranked[1][0];
    const path = join(dir, 'large.json');
    await writeReport(report, path);
    browser = await launchBrowser();
    served = await serve(path);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    served?.process.kill('SIGINT');
    removeTempDirs();
  });

  // Both ways of giving the network to WebGL (views/per-vertex.ts): as Sigma's instances, and vertex by vertex (what
  // this machine's software WebGL gets by default).
  it.each(['vertices', 'instanced'])('writes the same buffers as Sigma and draws what the state says, through a working view, a filter and undo (drawing: %s)', async (drawing) => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(withDrawing(served.url, drawing));
    await page.waitForFunction(() => window.__chokepoint !== undefined && window.__chokepoint.firstFrameMs() !== null, null, { timeout: 60000 });
    expect(await page.evaluate(() => window.__chokepoint!.view.vertexDrawing)).toBe(drawing === 'vertices');
    // Let the layout spread the network a little (for legible screenshots), then stop it so nodes stay put.
    await page.waitForTimeout(2500);
    await page.evaluate(() => window.__chokepoint!.view.stopLayout());
    // The layout's last positions, given to the graph just before it stopped, are written with the next frame: compared
    // after it (once in a busy CI run the comparison fell between the two, and the ties' buffers were a frame behind).
    await page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))));
    expect(await page.evaluate(() => window.__chokepoint!.model.edges.length)).toBeGreaterThan(10000);
    expect(await differences(page)).toEqual([]);
    const sizes = () => page.evaluate(() => ['#counts', '#graph'].map((q) => { const r = document.querySelector(q)!.getBoundingClientRect(); return [r.width, r.height]; }));
    const whole = await sizes();
    // A selection dims the network: its arrows are drawn as lines, filled once.
    await page.evaluate((id) => window.__chokepoint!.select(id), hub);
    await frame(page);
    expect(await differences(page)).toEqual([]);
    // A move of the camera under the selection draws the whole network once: the outlines' labels move with it, but
    // the base network's labels, which keep clear of them, are hidden under the selection and not placed again.
    // (after the camera's move to the selection, and the redraw that follows it)
    await page.waitForFunction(() => !window.__chokepoint!.view.renderer.getCamera().isAnimated());
    await page.waitForTimeout(600);
    // Dimmed, the ties are drawn at half the resolution where WebGL is software (vertex by vertex), at Sigma's with a GPU.
    const resolutions = () => page.evaluate(() => {
      const view = window.__chokepoint!.view as unknown as { tiesResolution(): { width: number; height: number }; renderer: { getCanvases(): Record<string, { width: number; height: number }> } };
      const nodes = view.renderer.getCanvases().nodes;
      return { ties: view.tiesResolution(), nodes: { width: nodes.width, height: nodes.height } };
    });
    const dimmed = await resolutions();
    expect(dimmed.ties).toEqual(drawing === 'vertices' ? { width: Math.floor(dimmed.nodes.width / 2), height: Math.floor(dimmed.nodes.height / 2) } : dimmed.nodes);
    const frames = await page.evaluate(async () => {
      const s = window.__chokepoint!.view.renderer;
      let n = 0;
      const count = () => n++;
      s.on('afterRender', count);
      const camera = s.getCamera();
      const before = camera.getState();
      camera.setState({ ...before, x: before.x + 0.02 });
      await new Promise((resolve) => setTimeout(resolve, 800));
      s.off('afterRender', count);
      camera.setState(before);
      return n;
    });
    expect(frames).toBe(1);
    await frame(page);
    // Leaving the whole network for a working view hides nearly everything at once.
    await page.evaluate((id) => window.__chokepoint!.changeWork((w) => ({ ...w, seeds: [id], expansions: [{ id, kinds: null, hops: 1 }] })), hub);
    await frame(page);
    const drawn = await page.evaluate(() => window.__chokepoint!.visible().counts.entities);
    expect(drawn).toBeGreaterThan(1);
    expect(drawn).toBeLessThan(entities / 10);
    expect(await differences(page)).toEqual([]);
    // Shorter counts keep their room: the header keeps its height and the graph its size (no resize of every canvas).
    expect(await sizes()).toEqual(whole);
    if (drawing === 'vertices') await page.screenshot({ path: screenshotPath('redraw-working-view.png') });
    // ... and back to the whole network, every tie drawn again.
    await page.evaluate(() => window.__chokepoint!.changeWork((w) => ({ ...w, seeds: null, expansions: [] })));
    await frame(page);
    await hasText(page.locator('#count-entities'), `${entities.toLocaleString('en-US')} of ${entities.toLocaleString('en-US')} entities`);
    expect(await differences(page)).toEqual([]);
    if (drawing === 'vertices') await page.screenshot({ path: screenshotPath('redraw-whole-network.png') });
    // Hiding one entity is written in place (its ties keep their slots, drawn empty); dimming then fills the lines of
    // the arrows as they are, the hidden ones empty.
    await page.evaluate((id) => window.__chokepoint!.changeWork((w) => ({ ...w, hidden: [id] })), hub);
    await frame(page);
    expect(await differences(page)).toEqual([]);
    await page.evaluate((id) => window.__chokepoint!.select(id), other);
    await frame(page);
    expect(await differences(page)).toEqual([]);
    await page.evaluate(() => window.__chokepoint!.setFilters({ onlyFlagged: true }));
    await frame(page);
    expect(await differences(page)).toEqual([]);
    // Undo through the browser history: the filter, then the working view.
    for (let k = 0; k < 3; k++) {
      await page.evaluate(() => {
        const moved = new Promise<void>((resolve) => addEventListener('popstate', () => resolve(), { once: true }));
        window.__chokepoint!.undo();
        return moved;
      });
      await frame(page);
      expect(await differences(page)).toEqual([]);
    }
    await page.evaluate(() => window.__chokepoint!.select(null));
    await page.evaluate(() => window.__chokepoint!.view.refresh(true));
    await frame(page);
    expect(await differences(page)).toEqual([]);
    // Three steps undone (the filter, the hidden entity, the whole network): the working view again.
    expect(await page.evaluate(() => window.__chokepoint!.visible().counts.entities)).toBe(drawn);
    // Undimmed: the ties at Sigma's resolution again.
    const undimmed = await resolutions();
    expect(undimmed.ties).toEqual(undimmed.nodes);
    if (drawing === 'vertices') await page.screenshot({ path: screenshotPath('redraw-undone-to-working-view.png') });
    // Indexed under a selection (a filter), the arrows are written as lines only; undimmed (no indexation for it),
    // they are written again as they are before they are drawn, as Sigma would write them.
    const stale = () => page.evaluate(() => (window.__chokepoint!.view.renderer.edgePrograms.arrow as Program).stale);
    await page.evaluate((id) => window.__chokepoint!.select(id), other);
    await frame(page);
    await page.evaluate(() => window.__chokepoint!.setFilters({ onlyFlagged: true }));
    await frame(page);
    expect(await stale()).toBe(true);
    expect(await differences(page)).toEqual([]);
    await page.evaluate(() => window.__chokepoint!.select(null));
    await frame(page);
    expect(await stale()).toBe(false);
    expect(await differences(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  /**
   * A page of the network drawn one way (`drawing`), its layout stopped and every entity put where its number says (the
   * layout ran for as long as each page took), so that two pages draw the same network in the same places.
   */
  async function placedPage(drawing: string, cpuLines = true): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(withDrawing(served.url, drawing) + (cpuLines ? '' : '&cpulines=0'));
    await page.waitForFunction(() => window.__chokepoint !== undefined && window.__chokepoint.firstFrameMs() !== null, null, { timeout: 60000 });
    await page.evaluate(() => {
      const view = window.__chokepoint!.view as unknown as { stopLayout(): void; graph: { updateEachNodeAttributes(f: (key: string, a: { index: number }) => unknown): void } };
      view.stopLayout();
      // A half disc (every entity above the middle): a picture drawn upside down or mirrored has its ink where the other has none.
      view.graph.updateEachNodeAttributes((_key, a) => ({ ...a, x: Math.cos(a.index * 2.399963) * Math.sqrt(a.index), y: Math.abs(Math.sin(a.index * 2.399963)) * Math.sqrt(a.index) }));
    });
    return { page, errors };
  }

  it('draws the same picture vertex by vertex as instance by instance (every entity put in the same place in both)', async () => {
    const pictures: Buffer[] = [];
    for (const drawing of ['instanced', 'vertices']) {
      const { page, errors } = await placedPage(drawing);
      await page.evaluate(() => {
        const view = window.__chokepoint!.view as unknown as { refresh(full: boolean): void; renderer: { getCamera(): { setState(s: unknown): void } } };
        view.renderer.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
        view.refresh(true);
      });
      await frame(page);
      expect(await page.evaluate(() => window.__chokepoint!.view.vertexDrawing)).toBe(drawing === 'vertices');
      pictures.push(await drawnPixels(page));
      expect(errors).toEqual([]);
      await page.close();
    }
    const [instanced, vertices] = pictures;
    expect(vertices.length).toBe(instanced.length);
    // Something was drawn (not two empty canvases) ...
    let drawn = 0;
    for (let i = 3; i < instanced.length; i += 4) if (instanced[i] > 0) drawn++;
    expect(drawn).toBeGreaterThan(1000);
    // ... and the same: the shaders and the floats they read are the same, only how they reach WebGL differs.
    let differing = 0;
    for (let i = 0; i < instanced.length; i++) if (instanced[i] !== vertices[i]) differing++;
    expect(differing).toBe(0);
  }, 120_000);

  it('shows a dimmed frame drawn before again without drawing it (undo), and draws a frame whose ties changed', async () => {
    const { page, errors } = await placedPage('vertices');
    type Ties = { width: number; height: number; alpha: number[]; frames: { drawn: number; kept: number } };
    const ties = () => page.evaluate(() => (window.__chokepoint!.view as unknown as { cpuTies(): Ties | null }).cpuTies()!);
    await page.evaluate(() => (window.__chokepoint!.view as unknown as { refresh(full: boolean): void }).refresh(true));
    await page.evaluate((id) => window.__chokepoint!.select(id), hub);
    await page.waitForFunction(() => !window.__chokepoint!.view.renderer.getCamera().isAnimated());
    await frame(page);
    const whole = await ties();
    // The second best-connected entity hidden: its ties leave the dimmed network (a frame drawn anew) ...
    await page.evaluate((id) => window.__chokepoint!.changeWork((w) => ({ ...w, hidden: [id] })), other);
    await frame(page);
    const hidden = await ties();
    expect(hidden.frames.drawn).toBe(whole.frames.drawn + 1);
    let differing = 0;
    for (let i = 0; i < whole.alpha.length; i++) if (whole.alpha[i] !== hidden.alpha[i]) differing++;
    expect(differing).toBeGreaterThan(0);
    // ... and undone, the frame before is shown again as it was, not drawn.
    await page.evaluate(() => window.__chokepoint!.changeWork((w) => ({ ...w, hidden: [] })));
    await frame(page);
    const again = await ties();
    expect(again.frames.drawn).toBe(hidden.frames.drawn);
    expect(again.frames.kept).toBeGreaterThan(hidden.frames.kept);
    expect(again.alpha).toEqual(whole.alpha);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('draws the dimmed ties at half the resolution vertex by vertex (on the CPU, or with WebGL when asked), where they are at full instance by instance', async () => {
    // Each picture's alpha, rows from the top: WebGL's buffer is read bottom row first.
    const pictures: { width: number; height: number; alpha: number[] }[] = [];
    for (const [drawing, cpuLines] of [['instanced', true], ['vertices', true], ['vertices', false]] as const) {
      const { page, errors } = await placedPage(drawing, cpuLines);
      await page.evaluate(() => (window.__chokepoint!.view as unknown as { refresh(full: boolean): void }).refresh(true));
      await page.evaluate((id) => window.__chokepoint!.select(id), hub);
      await page.waitForFunction(() => !window.__chokepoint!.view.renderer.getCamera().isAnimated());
      // The same camera in all, the whole network dimmed under the selection; the ties read right after the frame.
      pictures.push(
        await page.evaluate(() => {
          const view = window.__chokepoint!.view as unknown as { cpuTies(): { width: number; height: number; alpha: number[] } | null; renderer: { render(): void; getCamera(): { setState(s: unknown): void }; webGLContexts: Record<string, GL> } };
          const s = view.renderer;
          s.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
          s.render();
          const gl = s.webGLContexts.edges;
          const bytes = new Uint8Array(gl.drawingBufferWidth * gl.drawingBufferHeight * 4);
          gl.readPixels(0, 0, gl.drawingBufferWidth, gl.drawingBufferHeight, gl.RGBA, gl.UNSIGNED_BYTE, bytes);
          const [width, height] = [gl.drawingBufferWidth, gl.drawingBufferHeight];
          const alpha: number[] = [];
          for (let y = height - 1; y >= 0; y--) for (let x = 0; x < width; x++) alpha.push(bytes[(y * width + x) * 4 + 3]);
          const cpu = view.cpuTies();
          // Drawn on the CPU, the WebGL canvas is left empty (and the other way round).
          if (cpu !== null && alpha.some((a) => a > 0)) throw new Error('the ties were drawn twice: on the CPU and with WebGL');
          return cpu ?? { width, height, alpha };
        }),
      );
      expect(await page.evaluate(() => (window.__chokepoint!.view as unknown as { cpuTies(): unknown }).cpuTies() !== null)).toBe(drawing === 'vertices' && cpuLines);
      expect(errors).toEqual([]);
      await page.close();
    }
    const [full, ...halves] = pictures;
    for (const half of halves) {
      expect(half.width).toBe(Math.floor(full.width / 2));
      expect(half.height).toBe(Math.floor(full.height / 2));
      // The full picture brought down to half: a pixel is inked when any of its four is.
      const down = new Uint8Array(half.width * half.height);
      for (let y = 0; y < half.height * 2; y++) for (let x = 0; x < half.width * 2; x++) if (full.alpha[y * full.width + x] > 0) down[(y >> 1) * half.width + (x >> 1)] = 1;
      const near = (ink: (x: number, y: number) => boolean, x: number, y: number): boolean => {
        for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) if (ink(x + dx, y + dy)) return true;
        return false;
      };
      const inside = (x: number, y: number) => x >= 0 && y >= 0 && x < half.width && y < half.height;
      const fullInk = (x: number, y: number) => inside(x, y) && down[y * half.width + x] === 1;
      const halfInk = (x: number, y: number) => inside(x, y) && half.alpha[y * half.width + x] > 0;
      // The same ties in the same places: nearly every inked pixel of each has ink of the other beside it.
      let inked = 0;
      let missed = 0;
      let inkedFull = 0;
      let missedFull = 0;
      for (let y = 0; y < half.height; y++) {
        for (let x = 0; x < half.width; x++) {
          if (halfInk(x, y)) {
            inked++;
            if (!near(fullInk, x, y)) missed++;
          }
          if (fullInk(x, y)) {
            inkedFull++;
            if (!near(halfInk, x, y)) missedFull++;
          }
        }
      }
      expect(inked).toBeGreaterThan(1000);
      expect(missed / inked).toBeLessThan(0.02);
      expect(missedFull / inkedFull).toBeLessThan(0.02);
    }
  }, 120_000);
});
