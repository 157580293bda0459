import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Report } from '@chokepoint/report';
import { browserAvailable, launchBrowser, screenshotPath, serve, type Served } from './browser';
import { DEMO, removeTempDirs, run, tempDir, TINY } from './run';

const available = browserAvailable();
const suite = available ? describe : describe.skip;

const EVIL = '<img src=x onerror=alert(1)>';

/** What the viewer exposes to tests as window.__chokepoint (see packages/viewer/src/web/main.ts). */
interface ViewerHook {
  firstFrameMs(): number | null;
  state(): { layout: string };
  view: {
    layout: string;
    stopLayout(): void;
    viewportPosition(id: string): { x: number; y: number } | null;
    renderer: { getCamera(): { isAnimated(): boolean; setState(s: object): void } };
  };
}
declare const window: { __chokepoint?: ViewerHook };

let dir: string;
let demoReport: string;
let evilReport: string;
let report: Report;
let browser: Browser;
const dialogs: string[] = [];

async function open(page: Page, url: string): Promise<void> {
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(url);
  await page.waitForFunction(() => window.__chokepoint !== undefined && window.__chokepoint.firstFrameMs() !== null, null, { timeout: 30000 });
  // Stop the automatic layout so nodes stay where the test clicks.
  await page.evaluate(() => window.__chokepoint!.view.stopLayout());
}

async function searchAndPick(page: Page, text: string): Promise<void> {
  await page.fill('#search', text);
  await page.locator('#search-results button').first().click();
}

async function clickNode(page: Page, id: string): Promise<void> {
  // Let a running camera animation (focus on the last selection) finish, then show the whole graph.
  await page.waitForFunction(() => !window.__chokepoint!.view.renderer.getCamera().isAnimated());
  await page.evaluate(() => window.__chokepoint!.view.renderer.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 }));
  await page.waitForTimeout(200);
  const pos = await page.evaluate((node) => window.__chokepoint!.view.viewportPosition(node), id);
  const box = (await page.locator('#graph').boundingBox())!;
  await page.mouse.click(box.x + pos!.x, box.y + pos!.y);
}

/** The same walk through the viewer, served or opened from disk. */
async function walkThrough(page: Page, name: string): Promise<void> {
  const flagged = report.entities.filter((e) => e.flags.length > 0).length;
  await hasText(page.locator('#count-entities'), `${report.entities.length} of ${report.entities.length} entities`);

  await searchAndPick(page, 'harbeli gsm');
  await hasText(page.locator('#panel-title'), 'Harbeli GSM İletişim');
  const panel = page.locator('#panel');
  await containsText(panel, 'retail sale of mobile phones and accessories');
  await containsText(panel, 'Cluster');
  await containsText(panel, /Red flags \(\d+\)/);
  await containsText(panel, 'bought 6,000 kg of aluminium paste (HS 3212.90)');
  await containsText(panel, 'Shipments in and out');

  await clickNode(page, 'tr-dst-01');
  await hasText(page.locator('#panel-title'), 'Velkaron Kimya Dağıtım A.Ş.');
  await containsText(panel, /Key node #1/);
  await containsText(panel, 'articulation point');

  await page.check('#only-flagged');
  await hasText(page.locator('#count-entities'), `${flagged} of ${report.entities.length} entities`);
  await hasText(page.locator('#count-flagged'), `${flagged} flagged`);
  await page.selectOption('#commodity-filter', 'aluminium paste');
  const paste = report.shipments.filter((s) => s.commodity === 'aluminium paste');
  const flaggedIds = new Set(report.entities.filter((e) => e.flags.length > 0).map((e) => e.id));
  const visiblePaste = paste.filter((s) => flaggedIds.has(s.supplier) && flaggedIds.has(s.buyer)).length;
  await hasText(page.locator('#count-shipments'), `${visiblePaste} shipments`);
  await page.click('#reset-filters');
  await hasText(page.locator('#count-entities'), `${report.entities.length} of ${report.entities.length} entities`);

  await page.click('#layout-geo');
  await hasAttribute(page.locator('#layout-geo'), 'aria-pressed', 'true');
  expect(await page.evaluate(() => window.__chokepoint!.view.layout)).toBe('geo');
  await page.waitForTimeout(300);
  await page.screenshot({ path: screenshotPath(`${name}-geographic.png`) });
  await page.click('#layout-force');
  await page.screenshot({ path: screenshotPath(`${name}-force.png`) });
}

type Locator = ReturnType<Page['locator']>;

/** Waits until a check on the page holds (Playwright's own matchers belong to its test runner, not Jest). */
async function until(check: () => Promise<boolean>, what: () => Promise<string>): Promise<void> {
  const end = Date.now() + 10000;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`expected ${await what()}`);
}
const text = async (l: Locator) => ((await l.textContent()) ?? '').trim();
const hasText = (l: Locator, want: string) => until(async () => (await text(l)) === want, async () => `text ${JSON.stringify(want)}, got ${JSON.stringify(await text(l))}`);
const containsText = (l: Locator, want: string | RegExp) =>
  until(
    async () => (typeof want === 'string' ? (await text(l)).includes(want) : want.test(await text(l))),
    async () => `text containing ${String(want)}, got ${JSON.stringify((await text(l)).slice(0, 300))}`,
  );
const hasAttribute = (l: Locator, name: string, want: string) => until(async () => (await l.getAttribute(name)) === want, async () => `${name}=${want}, got ${await l.getAttribute(name)}`);

suite('the viewer in a real browser', () => {
  let served: Served;
  beforeAll(async () => {
    dir = tempDir();
    demoReport = join(dir, 'demo.json');
    expect((await run('analyze', DEMO, '--out', demoReport, '--quiet')).code).toBe(0);
    report = JSON.parse(readFileSync(demoReport, 'utf8')) as Report;
    const evil = join(dir, 'evil');
    cpSync(TINY, evil, { recursive: true });
    const entities = readFileSync(join(evil, 'entities.csv'), 'utf8').replace('Hatli Telefon', `"${EVIL}"`);
    writeFileSync(join(evil, 'entities.csv'), entities);
    evilReport = join(dir, 'evil.json');
    expect((await run('analyze', evil, '--out', evilReport, '--quiet')).code).toBe(0);
    browser = await launchBrowser();
    served = await serve(demoReport);
  });
  afterAll(async () => {
    await browser?.close();
    served?.process.kill('SIGINT');
    removeTempDirs();
  });

  it('serves the demo report: search, click, panel, filters, geographic layout, screenshots', async () => {
    expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await open(page, served.url);
    await walkThrough(page, 'served');
    await page.close();
  });

  it('keeps the view in the URL: a link reproduces selection, filters, layout', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await open(page, served.url);
    await searchAndPick(page, 'tr-akc-03');
    await page.check('#only-border');
    await page.click('#layout-geo');
    await page.waitForTimeout(400);
    const link = page.url();
    expect(link).toMatch(/sel=tr-akc-03/);
    const again = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await open(again, link);
    await hasText(again.locator('#panel-title'), 'Sınırkapı Depoculuk ve Lojistik Ltd. Şti.');
    expect(await again.isChecked('#only-border')).toBe(true);
    expect(await again.evaluate(() => window.__chokepoint!.state().layout)).toBe('geo');
    const near = report.entities.filter((e) => report.clusters.find((c) => c.id === e.cluster)!.borderProximate).length;
    await hasText(again.locator('#count-entities'), `${near} of ${report.entities.length} entities`);
    await page.close();
    await again.close();
  });

  it('exports the current view as a PNG', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 }, acceptDownloads: true });
    await open(page, served.url);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-png')]);
    const path = screenshotPath('exported-view.png');
    await download.saveAs(path);
    const png = readFileSync(path);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.length).toBeGreaterThan(10000);
    await page.close();
  });

  it('opens the exported single HTML file from disk (file://) and behaves the same', async () => {
    const html = join(dir, 'report.html');
    expect((await run('export', demoReport, '--format', 'html', '--out', html, '--quiet')).code).toBe(0);
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await open(page, `file://${html}`);
    await walkThrough(page, 'exported');
    await page.close();
  });

  it('draws entities whose ids are names of object members (toString, __proto__) and selects them', async () => {
    const members = join(dir, 'members.json');
    const bundle = join(__dirname, 'fixtures', 'member-names');
    expect((await run('analyze', bundle, '--out', members, '--quiet')).code).toBe(0);
    const html = join(dir, 'members.html');
    expect((await run('export', members, '--format', 'html', '--out', html, '--quiet')).code).toBe(0);
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await open(page, `file://${html}`);
    await hasText(page.locator('#count-entities'), '8 of 8 entities');
    await clickNode(page, '__proto__');
    await hasText(page.locator('#panel-title'), 'Nordkap Kemi ApS');
    await clickNode(page, 'toString');
    await hasText(page.locator('#panel-title'), 'Kuzey Kimya Ticaret Ltd');
    await searchAndPick(page, 'constructor');
    await hasText(page.locator('#panel-title'), 'Ornek Tarim Ltd');
    expect(page.url()).toMatch(/sel=constructor/);
    await page.click('#layout-geo');
    await page.waitForTimeout(300);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows untrusted names as text and runs nothing, served and exported', async () => {
    const evilServed = await serve(evilReport);
    const html = join(dir, 'evil.html');
    expect((await run('export', evilReport, '--format', 'html', '--out', html, '--quiet')).code).toBe(0);
    for (const url of [evilServed.url, `file://${html}`]) {
      const page = await browser.newPage();
      await open(page, url);
      await page.fill('#search', '<img');
      await containsText(page.locator('#search-results'), EVIL);
      await page.locator('#search-results button').first().click();
      await hasText(page.locator('#panel-title'), EVIL);
      expect(await page.locator('img').count()).toBe(0);
      await page.waitForTimeout(300);
      await page.close();
    }
    expect(dialogs).toEqual([]);
    evilServed.process.kill('SIGINT');
    expect(await evilServed.exited).toBe(0);
  });
});
