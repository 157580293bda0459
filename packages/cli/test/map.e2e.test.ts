import { appendFileSync, cpSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Report } from '@chokepoint/report';
import { browserAvailable, launchBrowser, screenshotPath, serve, type Served } from './browser';
import { DEMO, removeTempDirs, run, tempDir } from './run';

const available = browserAvailable();
const suite = available ? describe : describe.skip;

/** What the map test reads from window.__chokepoint (see packages/viewer/src/web/main.ts and views/geo-map.ts). */
interface Hook {
  firstFrameMs(): number | null;
  setLayout(layout: string): void;
  select(id: string | null): void;
  view: {
    layout: string;
    stopLayout(): void;
    frameWhole(): void;
    keyOf(id: string): string;
    viewportPosition(id: string): { x: number; y: number } | null;
    drawnLabels(): { label: string; box: [number, number, number, number] }[];
    geo: { drawnPlaceNames(): { name: string; box: [number, number, number, number] }[] };
    visibleArea(): { left: number; top: number; right: number; bottom: number };
    graph: { getNodeAttribute(key: string, name: string): unknown; getEdgeAttribute(key: string, name: string): unknown; edges(): string[] };
    renderer: {
      refresh(): void;
      getCamera(): { isAnimated(): boolean; getState(): { ratio: number }; setState(s: object): void };
      getNodeDisplayData(key: string): { size: number } | undefined;
      scaleSize(size: number): number;
      getDimensions(): { width: number; height: number };
    };
  };
}
declare const window: { __chokepoint?: Hook; dispatchEvent(event: unknown): void };
declare const document: { querySelector(selector: string): { getBoundingClientRect(): { left: number; right: number; top: number; bottom: number; width: number; height: number } } };
declare const Event: new (type: string) => unknown;

let dir: string;
let browser: Browser;

async function open(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(() => window.__chokepoint !== undefined && window.__chokepoint.firstFrameMs() !== null, null, { timeout: 30000 });
  await page.evaluate(() => window.__chokepoint!.view.stopLayout());
  await page.click('#layout-geo');
  await page.waitForFunction(() => window.__chokepoint!.view.layout === 'geo');
}

async function zoomTo(page: Page, target: string): Promise<void> {
  await page.selectOption('#map-zoom', target);
  await page.waitForTimeout(100);
  await page.waitForFunction(() => !window.__chokepoint!.view.renderer.getCamera().isAnimated());
  await page.waitForTimeout(300);
}

/**
 * The entity labels drawn in the last frame, and the part of the graph's canvas the user sees: the canvas's own box
 * less the side panel where it overlaps the canvas, measured here from the page (not taken from the viewer).
 */
async function labelsAndArea(page: Page) {
  return page.evaluate(() => {
    const view = window.__chokepoint!.view;
    const rect = (selector: string) => document.querySelector(selector).getBoundingClientRect();
    const [graph, panel] = [rect('#graph'), rect('#panel')];
    // The panel over the canvas's right part (a panel beside the canvas leaves it whole).
    const right = panel.left < graph.right && panel.right > graph.left && panel.left > graph.left ? panel.left - graph.left : graph.width;
    return { labels: view.drawnLabels(), area: { left: 0, top: 0, right, bottom: graph.height }, viewerArea: view.visibleArea() };
  });
}

/** Fails on a label that runs past the visible area (cut at the canvas's edge, or hidden under the side panel). */
function expectInside(labels: { label: string; box: [number, number, number, number] }[], area: { left: number; top: number; right: number; bottom: number }): void {
  const outside = labels.filter(({ box }) => box[0] < area.left || box[1] < area.top || box[2] > area.right || box[3] > area.bottom);
  expect(outside).toEqual([]);
}

/** A hand-written bundle of the given files (each a list of lines) in the test directory, analysed: its report's path. */
async function analyzedBundle(name: string, files: Record<string, string[]>): Promise<string> {
  const bundle = join(dir, name);
  mkdirSync(bundle);
  for (const [file, lines] of Object.entries(files)) writeFileSync(join(bundle, file), lines.join('\n'));
  const report = join(dir, `${name}.json`);
  expect((await run('analyze', bundle, '--out', report, '--quiet')).code).toBe(0);
  return report;
}

/** Where entities are drawn, in pixels. */
const positions = (page: Page, ids: string[]) => page.evaluate((list) => list.map((id) => window.__chokepoint!.view.viewportPosition(id)!), ids);

/**
 * An investigator's hand-written bundle (fixtures/`fixture`) analysed leniently and served; `look` is given a page of
 * 1600 × 1000 on its map once the camera has settled. The page and the server are closed after, whatever happens.
 */
async function onItsMap(fixture: string, look: (page: Page) => Promise<void>): Promise<void> {
  const report = join(dir, `${fixture}.json`);
  expect((await run('analyze', join(__dirname, 'fixtures', fixture), '--lenient', '--out', report, '--quiet')).code).toBe(0);
  const served = await serve(report);
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await open(page, served.url);
    await page.waitForFunction(() => !window.__chokepoint!.view.renderer.getCamera().isAnimated());
    await look(page);
    await page.close();
  } finally {
    served.process.kill('SIGINT');
  }
}

suite('the geographic layout in a real browser', () => {
  let demo: Served;
  let crowded: Served;
  const crowd = Array.from({ length: 30 }, (_, i) => `tr-crowd-${String(i + 1).padStart(2, '0')}`);
  const ring = Array.from({ length: 7 }, (_, i) => `tr-ring-${i + 1}`);
  beforeAll(async () => {
    dir = tempDir();
    const demoReport = join(dir, 'demo.json');
    expect((await run('analyze', DEMO, '--out', demoReport, '--quiet')).code).toBe(0);
    // The demo with many (fictional) firms registered at one address, and a few at another.
    const bundle = join(dir, 'crowded');
    cpSync(DEMO, bundle, { recursive: true });
    const rows = [
      ...crowd.map((id, i) => `${id},company,Paravan Ticaret ${i + 1} Ltd. Şti.,TR,Akçakale,"Gümrük Cd. No:1, Akçakale",36.7036,38.9253,,,,,`),
      ...ring.map((id, i) => `${id},company,Sınır Lojistik ${i + 1},TR,Akçakale,"Atatürk Cd. No:5, Akçakale",36.6884,38.8958,,,,,`),
    ];
    appendFileSync(join(bundle, 'entities.csv'), `${rows.join('\n')}\n`);
    const crowdedReport = join(dir, 'crowded.json');
    expect((await run('analyze', bundle, '--out', crowdedReport, '--quiet')).code).toBe(0);
    const report = JSON.parse(readFileSync(crowdedReport, 'utf8')) as Report;
    expect(report.entities.filter((e) => e.id.startsWith('tr-crowd-')).length).toBe(30);
    browser = await launchBrowser();
    demo = await serve(demoReport);
    crowded = await serve(crowdedReport);
  });
  afterAll(async () => {
    await browser?.close();
    demo?.process.kill('SIGINT');
    crowded?.process.kill('SIGINT');
    removeTempDirs();
  });

  it('zooms to the border region with nodes at screen size, arrows as wide as the kg, crossings and ports marked', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await open(page, demo.url);
    const sizeAt = (ratio: number) =>
      page.evaluate((r) => {
        const hook = window.__chokepoint!;
        hook.view.renderer.getCamera().setState({ x: 0.5, y: 0.5, ratio: r, angle: 0 });
        return hook.view.renderer.scaleSize(10);
      }, ratio);
    // Nodes keep their size on screen whatever the zoom.
    expect(await sizeAt(1)).toBeCloseTo(await sizeAt(0.02), 6);
    // Shipment arrows: widths that differ with the kg carried.
    const widths = await page.evaluate(() => {
      const g = window.__chokepoint!.view.graph;
      return g.edges().filter((e) => e.startsWith('s')).map((e) => g.getEdgeAttribute(e, 'size') as number);
    });
    expect(new Set(widths.map((w) => w.toFixed(2))).size).toBeGreaterThan(5);
    expect(await page.locator('#map-zoom option').allTextContents()).toEqual(expect.arrayContaining(['Border region (clusters near a crossing)', 'Port of Mersin']));
    await zoomTo(page, 'border');
    expect(await page.evaluate(() => window.__chokepoint!.view.renderer.getCamera().getState().ratio)).toBeLessThan(0.2);
    await page.screenshot({ path: screenshotPath('map-border-region.png') });
    // Closer: the first cluster near a crossing, as an investigator would look at it.
    const cluster = await page.locator('#map-zoom option', { hasText: 'near a crossing,' }).first().getAttribute('value');
    await zoomTo(page, cluster!);
    await page.screenshot({ path: screenshotPath('map-border-cluster.png') });
    // The two firms sharing one address in the demo sit apart, on either side of it.
    const [a, b] = await positions(page, ['tr-akc-01', 'tr-akc-02']);
    expect(Math.abs(a.x - b.x)).toBeGreaterThanOrEqual(30);
    await page.close();
  });

  it('frames a cluster or what a filter leaves on the map as closely as "Zoom to" does', async () => {
    // On the map the frame spans every place and entity (here from Britain to the Caspian): the twentieth of it that the
    // force layout stops at showed the cluster near Akçakale as a few pixels, in the view and in the case report's
    // picture. Framing now goes as close as "Zoom to" a cluster does.
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await open(page, demo.url);
    const settled = async () => {
      await page.waitForTimeout(100);
      await page.waitForFunction(() => !window.__chokepoint!.view.renderer.getCamera().isAnimated());
      return page.evaluate(() => window.__chokepoint!.view.renderer.getCamera().getState().ratio);
    };
    await zoomTo(page, (await page.locator('#map-zoom option', { hasText: 'near a crossing,' }).first().getAttribute('value'))!);
    const byZoomTo = await settled();
    await page.evaluate(() => window.__chokepoint!.view.frameWhole());
    await settled();
    await page.locator('#cluster-list button[data-cluster]', { hasText: 'near a border' }).first().click();
    const byList = await settled();
    expect(byList).toBeLessThan(0.02);
    expect(byList / byZoomTo).toBeGreaterThan(0.5);
    expect(byList / byZoomTo).toBeLessThan(2);
    // Its members are on screen, inside the visible area.
    const [w, h] = await page.evaluate(() => [window.__chokepoint!.view.renderer.getDimensions().width, window.__chokepoint!.view.renderer.getDimensions().height]);
    for (const p of await positions(page, ['tr-akc-01', 'tr-akc-02', 'tr-akc-03'])) {
      expect(p.x).toBeGreaterThan(0);
      expect(p.x).toBeLessThan(w);
      expect(p.y).toBeGreaterThan(0);
      expect(p.y).toBeLessThan(h);
    }
    // The flagged entities alone (near Akçakale and Siverek), framed after the filter: a region, not the whole map.
    await page.evaluate(() => window.__chokepoint!.view.frameWhole());
    await settled();
    await page.check('#only-flagged');
    expect(await settled()).toBeLessThan(0.02);
    await page.screenshot({ path: screenshotPath('map-flagged-framed.png') });
    await page.close();
  });

  it('zoomed in on the border region, draws province borders and towns whose names never pile up, and a map picture with its legend', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, acceptDownloads: true });
    await open(page, demo.url);
    await page.waitForFunction(() => (window.__chokepoint!.view as unknown as { basemap: unknown }).basemap !== null);
    await zoomTo(page, 'cluster:6');
    await page.evaluate(() => {
      const camera = window.__chokepoint!.view.renderer.getCamera();
      camera.setState({ ...camera.getState(), ratio: 0.01 });
    });
    await page.waitForTimeout(400);
    const drawn = await page.evaluate(() => {
      const m = (window.__chokepoint!.view as unknown as { lastMap: { admin1: unknown[]; towns: { labelX: number; labelY: number; town: { name: string } }[] } }).lastMap;
      return { admin1: m.admin1.length, towns: m.towns.map((t) => ({ x: t.labelX, y: t.labelY, name: t.town.name })) };
    });
    expect(drawn.admin1).toBeGreaterThan(0);
    expect(drawn.towns.length).toBeGreaterThan(2);
    await page.screenshot({ path: screenshotPath('map-admin1-towns.png') });
    await page.click('text=Picture…');
    await page.check('#picture-format-png2');
    const [d] = await Promise.all([page.waitForEvent('download'), page.click('#picture-download')]);
    await d.saveAs(screenshotPath('map-picture-legend.png'));
    expect(statSync(screenshotPath('map-picture-legend.png')).size).toBeGreaterThan(50000);
    await page.close();
  });

  it('draws a crowded address as a counted marker, and opens it into a ring whose labels keep apart', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await open(page, crowded.url);
    expect(await page.evaluate((id) => window.__chokepoint!.view.graph.getNodeAttribute(window.__chokepoint!.view.keyOf(id), 'hidden'), crowd[0])).toBe(true);
    await zoomTo(page, 'border');
    await page.screenshot({ path: screenshotPath('map-crowded-marker.png') });
    const regionRatio = await page.evaluate(() => window.__chokepoint!.view.renderer.getCamera().getState().ratio);
    const option = (await page.locator('#map-zoom option').allTextContents()).find((t) => /^Open the 3\d entities at 36\.7036, 38\.9253$/.test(t));
    expect(option).toBeDefined();
    await page.selectOption('#map-zoom', { label: option! });
    await page.waitForTimeout(100);
    await page.waitForFunction(() => !window.__chokepoint!.view.renderer.getCamera().isAnimated());
    await page.waitForTimeout(300);
    expect(await page.evaluate((id) => window.__chokepoint!.view.graph.getNodeAttribute(window.__chokepoint!.view.keyOf(id), 'hidden'), crowd[0])).toBeUndefined();
    const ratioNow = await page.evaluate(() => window.__chokepoint!.view.renderer.getCamera().getState().ratio);
    expect(ratioNow).toBeLessThan(regionRatio / 2);
    await page.screenshot({ path: screenshotPath('map-crowded-ring.png') });
    // The border crossing's name never covers an entity's name (it covered "Paravan Ticaret 11 Ltd. Şti." here): it
    // takes a free side, or is left out until zoomed in.
    const names = await page.evaluate(() => ({ entities: window.__chokepoint!.view.drawnLabels(), places: window.__chokepoint!.view.geo.drawnPlaceNames() }));
    expect(names.entities.length).toBeGreaterThan(20);
    for (const p of names.places) for (const e of names.entities) expect(p.box[0] < e.box[2] && p.box[2] > e.box[0] && p.box[1] < e.box[3] && p.box[3] > e.box[1] ? `${p.name} over ${e.label}` : '').toBe('');
    // On each side of the ring, one label line (16 px) or more between two entities, at two zoom levels.
    for (const ratio of [null, 0.005]) {
      if (ratio !== null) {
        await page.evaluate((r) => {
          const camera = window.__chokepoint!.view.renderer.getCamera();
          camera.setState({ ...camera.getState(), ratio: r });
        }, ratio);
        await page.waitForTimeout(200);
      }
      for (const group of [crowd, ring]) {
        const pts = await positions(page, group);
        const centreX = pts.reduce((s, p) => s + p.x, 0) / pts.length;
        for (const side of [pts.filter((p) => p.x >= centreX), pts.filter((p) => p.x < centreX)]) {
          const ys = side.map((p) => p.y).sort((x, y) => x - y);
          for (let i = 1; i < ys.length; i++) expect(ys[i] - ys[i - 1]).toBeGreaterThan(15);
        }
      }
    }
    await page.close();
  });

  it('keeps every label inside the visible area: a firm in Dubai at the right edge, with the side panel beside or over the canvas', async () => {
    // A hand-written bundle (fictional firms) without coordinates: the firms are placed by their city, three of them at
    // one point in Dubai, at the right edge of the map, whose labels sat on the right of their ring and were cut there.
    const report = await analyzedBundle('right-edge', {
      'entities.csv': [
        'id,kind,name,country,city,lat,lon',
        'gz-1,company,Kestane Kimya Dağıtım A.Ş.,TR,Gaziantep,,',
        'gz-2,company,Fıstıklı Ambalaj Ltd. Şti.,TR,Gaziantep,,',
        'gz-3,company,Sarıgöl Plastik San.,TR,Gaziantep,,',
        'ki-1,company,Öncüpınar Lojistik,TR,Kilis,,',
        'ki-2,company,Elbeyli Nakliyat,TR,Kilis,,',
        'ae-1,company,Baltika Freight Forwarding FZCO,AE,Dubai,,',
        'ae-2,company,Palmyra General Trading LLC,AE,Dubai,,',
        'ae-3,company,Corniche Marine Supplies,AE,Dubai,,',
      ],
      'shipments.csv': [
        'id,supplier,buyer,commodity,hs_code,quantity,unit,shipped',
        's1,ae-1,gz-1,aluminium paste,3212.90,3000,kg,2023-05-10',
        's2,gz-1,ki-1,aluminium paste,3212.90,2000,kg,2023-05-20',
        's3,ae-2,gz-2,sorbitol,290544,5000,kg,2023-06-01',
        's4,gz-2,ki-2,sorbitol,290544,4000,kg,2023-06-10',
        's5,ae-3,gz-3,copper cable,854449,1200,kg,2023-07-01',
        's6,gz-3,ki-1,copper cable,854449,1000,kg,2023-07-05',
        's7,ae-1,ki-2,aluminium paste,3212.90,800,kg,2023-08-01',
      ],
    });
    const served = await serve(report);
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await open(page, served.url);
      await page.waitForFunction(() => !window.__chokepoint!.view.renderer.getCamera().isAnimated());
      await page.waitForTimeout(300);
      // The map's first view and "All located entities": every label drawn lies inside the canvas, the Dubai firm's too.
      for (const target of [null, 'all']) {
        if (target !== null) await zoomTo(page, target);
        const { labels, area } = await labelsAndArea(page);
        expect(labels.map((l) => l.label)).toEqual(expect.arrayContaining(['Baltika Freight Forwarding FZCO', 'Kestane Kimya Dağıtım A.Ş.']));
        expectInside(labels, area);
      }
      await page.screenshot({ path: screenshotPath('map-label-right-edge.png') });
      // The legend and "zoom to" list moved over a label (as a window's size may put it over the entities): the label
      // takes another place or is left out, and no label runs under the legend.
      const before = (await labelsAndArea(page)).labels.find((l) => l.label === 'Kestane Kimya Dağıtım A.Ş.')!;
      const moved = await page.addStyleTag({ content: `main.graph .map-control { left: ${Math.round(before.box[0]) + 20}px !important; top: ${Math.round(before.box[1]) - 10}px !important; bottom: auto !important; }` });
      await page.evaluate(() => window.__chokepoint!.view.renderer.refresh());
      await page.waitForTimeout(300);
      const legend = await page.evaluate(() => {
        const [g, r] = ['#graph', '.map-control'].map((q) => document.querySelector(q).getBoundingClientRect());
        return [r.left - g.left, r.top - g.top, r.right - g.left, r.bottom - g.top];
      });
      // (the legend does lie over where the label was)
      expect(before.box[2] > legend[0] && before.box[0] < legend[2] && before.box[3] > legend[1] && before.box[1] < legend[3]).toBe(true);
      const drawn = (await labelsAndArea(page)).labels;
      expect(drawn.length).toBeGreaterThan(0);
      expect(drawn.filter(({ box }) => box[0] < legend[2] && box[2] > legend[0] && box[1] < legend[3] && box[3] > legend[1])).toEqual([]);
      await page.screenshot({ path: screenshotPath('map-label-legend-over.png') });
      await moved.evaluate((style) => style.remove());
      await page.evaluate(() => window.__chokepoint!.view.renderer.refresh());
      // The side panel over the right of the canvas (as on a screen where it floats over the graph): labels keep out
      // from under it, and "zoom to fit" frames the firms beside it.
      await page.addStyleTag({
        content: '#app { grid-template-columns: 320px minmax(0, 1fr) 0 !important; } aside.panel { position: fixed; top: 47px; right: 0; bottom: 0; width: 440px; z-index: 20; }',
      });
      // The canvas is wider now: as on a resize of the window.
      await page.evaluate(() => window.dispatchEvent(new Event('resize')));
      await page.waitForTimeout(300);
      await page.click('#zoom-fit');
      await page.waitForTimeout(100);
      await page.waitForFunction(() => !window.__chokepoint!.view.renderer.getCamera().isAnimated());
      await page.waitForTimeout(300);
      const { labels, area, viewerArea } = await labelsAndArea(page);
      expect(area.right).toBeLessThan((await page.locator('#graph').boundingBox())!.width - 400);
      expect(viewerArea.right).toBeCloseTo(area.right, 0);
      expect(labels.map((l) => l.label)).toContain('Baltika Freight Forwarding FZCO');
      expectInside(labels, area);
      for (const p of await positions(page, ['ae-1', 'ae-2', 'ae-3', 'gz-1', 'ki-1'])) expect(p.x).toBeLessThan(area.right);
      await page.screenshot({ path: screenshotPath('map-label-panel-over.png') });
      await page.close();
    } finally {
      served.process.kill('SIGINT');
    }
  });

  it('names the entities it could not place, and frames the places with room for the labels of the easternmost', async () => {
    // A hand-written bundle: a supplier in Köln, a shop at the border, and a forwarder whose town no gazetteer knows.
    const report = await analyzedBundle('unlocated', {
      'entities.csv': [
        'id,kind,name,country,city,lat,lon',
        'de-1,company,Rheinfeld Pigmente GmbH,DE,Köln,50.94,6.96',
        'tr-1,company,Akçakale Telekom Ltd,TR,Akçakale,36.711,38.948',
        'ae-1,company,Nimbus Trading FZCO,AE,Nowhere Free Zone,,',
      ],
      'shipments.csv': ['id,supplier,buyer,commodity,hs_code,quantity,unit,shipped', 's1,de-1,ae-1,aluminium paste,3212.90,3000,kg,2023-05-10', 's2,ae-1,tr-1,aluminium paste,3212.90,3000,kg,2023-05-20'],
    });
    const served = await serve(report);
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await open(page, served.url);
      await page.waitForFunction(() => !window.__chokepoint!.view.renderer.getCamera().isAnimated());
      const label = (id: string) => page.evaluate((node) => window.__chokepoint!.view.graph.getNodeAttribute(window.__chokepoint!.view.keyOf(node), 'label'), id);
      expect(await label('ae-1')).toBe('Nimbus Trading FZCO (place unknown)');
      expect(await label('tr-1')).toBe('Akçakale Telekom Ltd');
      expect(await page.locator('.map-legend').textContent()).toContain('Name (place unknown): 1 entity without coordinates');
      // The easternmost place leaves room on its right for its label, inside the drawing.
      const width = (await page.locator('#graph').boundingBox())!.width;
      await page.evaluate(() => window.__chokepoint!.view.renderer.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 }));
      const [east] = await positions(page, ['tr-1']);
      expect(width - east.x).toBeGreaterThan(100);
      await page.screenshot({ path: screenshotPath('map-unlocated.png') });
      // Back on the force layout, the name alone.
      await page.click('#layout-force');
      await page.waitForFunction(() => window.__chokepoint!.view.layout === 'force');
      expect(await label('ae-1')).toBe('Nimbus Trading FZCO');
      await page.close();
    } finally {
      served.process.kill('SIGINT');
    }
  });

  it('opens where the findings are when a supplier far away stretches the map, and says how to see all of it', async () => {
    // The Spanish-speaking investigator's sheets: a network around Lima and Lake Titicaca, and one supplier in China.
    await onItsMap('andes-notes', async (page) => {
      const area = await page.evaluate(() => window.__chokepoint!.view.visibleArea());
      const inside = (p: { x: number; y: number }) => p.x >= area.left && p.x <= area.right && p.y >= area.top && p.y <= area.bottom;
      // The distributor in Lima, the shops by the lake and the trader in El Alto on screen and apart (the whole map,
      // China to Peru, drew them within 40 px of each other); the supplier in China beyond the view.
      const [lima, shop, trader, china] = await positions(page, ['20999000011', '20999000022', '9990000088', 'CN-HUAXIN']);
      for (const p of [lima, shop, trader]) expect(inside(p)).toBe(true);
      expect(Math.hypot(lima.x - trader.x, lima.y - trader.y)).toBeGreaterThan(250);
      expect(inside(china)).toBe(false);
      expect(await page.locator('.map-legend').textContent()).toContain('Opened where the findings are (flagged entities, key nodes, clusters near a crossing)');
      await page.screenshot({ path: screenshotPath('map-opening-findings.png') });
      // "All located entities" shows the whole map, China included.
      await zoomTo(page, 'all');
      const [china2, lima2] = await positions(page, ['CN-HUAXIN', '20999000011']);
      const area2 = await page.evaluate(() => window.__chokepoint!.view.visibleArea());
      for (const p of [china2, lima2]) expect(p.x >= area2.left && p.x <= area2.right && p.y >= area2.top && p.y <= area2.bottom).toBe(true);
    });
  });

  it('places the towns written in Arabic, and keeps the numbers after an Arabic name where they are written', async () => {
    // The Arabic-speaking investigator's sheets: Mosul, Tal Afar, Qamishli and Hasakah written in Arabic letters.
    await onItsMap('tigris-notes', async (page) => {
      // The phone shop in Mosul lies west of the trading company in Erbil and east of the exchange office in Qamishli.
      const [mosul, erbil, qamishli, gaziantep] = await positions(page, ['E06', 'E04', 'E12', 'E01']);
      expect(mosul.x).toBeGreaterThan(qamishli.x);
      expect(mosul.x).toBeLessThan(erbil.x);
      // The findings, from the supplier in Gaziantep to the firms in Erbil (a wide, flat region), fill the visible area's
      // width (a third of it before: the towns of the family piled up).
      const area = await page.evaluate(() => window.__chokepoint!.view.visibleArea());
      expect(erbil.x - gaziantep.x).toBeGreaterThan(0.6 * (area.right - area.left));
      await page.screenshot({ path: screenshotPath('map-arabic.png') });
      // In the panel, "منفذ ربيعة الحدودي, 105 km": the distance drawn after (right of) the Arabic name, as written, not
      // inside it (it was drawn at the name's left).
      await page.evaluate(() => window.__chokepoint!.select('E06'));
      const order = await page.evaluate(() => {
        // (the page's document, with what this test uses of it: the file declares the rest of its DOM narrowly)
        type Node = { textContent: string | null; firstChild: Node | null; querySelector(q: string): Node | null };
        type Range = { setStart(n: Node, at: number): void; setEnd(n: Node, at: number): void; getBoundingClientRect(): { left: number; right: number } };
        const page = (globalThis as unknown as { document: { querySelectorAll(q: string): ArrayLike<Node>; createRange(): Range } }).document;
        const dd = Array.from(page.querySelectorAll('.row')).find((r) => r.querySelector('dt')?.textContent === 'Nearest crossing')!.querySelector('dd')!;
        const text = dd.firstChild!;
        const content = text.textContent!;
        const rect = (from: number, to: number) => {
          const range = page.createRange();
          range.setStart(text, from);
          range.setEnd(text, to);
          return range.getBoundingClientRect();
        };
        const name = content.indexOf('منفذ');
        const km = content.indexOf('105');
        return { name: rect(name, name + 'منفذ ربيعة الحدودي'.length).right, km: rect(km, km + 3).left };
      });
      expect(order.km).toBeGreaterThan(order.name);
      await page.screenshot({ path: screenshotPath('panel-arabic.png') });
    });
  });
});
