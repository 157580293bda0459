import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { CaseFile } from '@chokepoint/case';
import type { Report } from '@chokepoint/report';
import { browserAvailable, containsText, text, until, launchBrowser, screenshotPath, serve, type Served } from './browser';
import { DEMO, removeTempDirs, run, tempDir } from './run';

const available = browserAvailable();
const suite = available ? describe : describe.skip;

const EVIL = '<img src=x onerror=alert(1)>';

interface Hook {
  firstFrameMs(): number | null;
  caseReady: Promise<{ session: { status: { state: string; message: string } } }>;
  state(): { layout: string; selected: string | null; filters: { onlyFlagged: boolean } };
  view: {
    stopLayout(): void;
    startLayout(ms?: number): void;
    isLayoutRunning(): boolean;
    renderer: { getCamera(): { isAnimated(): boolean } };
    visibleArea(): { left: number; top: number; right: number; bottom: number };
    drawnLabels(): { label: string; box: readonly [number, number, number, number] }[];
    boxedLabels(): { id: string; box: readonly [number, number, number, number] }[];
  };
}
declare const window: { __chokepoint?: Hook };


const dialogs: string[] = [];
async function open(page: Page, url: string, settle = false): Promise<void> {
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.accept();
  });
  await page.goto(url);
  await page.waitForFunction(() => window.__chokepoint !== undefined && window.__chokepoint.firstFrameMs() !== null, null, { timeout: 30000 });
  if (settle) {
    await page.evaluate(() => window.__chokepoint!.view.startLayout(2500));
    await page.waitForFunction(() => !window.__chokepoint!.view.isLayoutRunning(), null, { timeout: 10000 });
  } else await page.evaluate(() => window.__chokepoint!.view.stopLayout());
  await page.evaluate(() => window.__chokepoint!.caseReady.then(() => undefined));
}

async function pick(page: Page, search: string): Promise<void> {
  await page.fill('#search', search);
  await page.locator('#search-results button').first().click();
}

const saved = (page: Page, file: string) => containsText(page.locator('#case-status'), `All changes saved to ${file}.`);

suite('the case in the viewer: notes, review statuses, saved views, case report', () => {
  let dir: string;
  let reportPath: string;
  let report: Report;
  let casePath: string;
  let browser: Browser;
  let served: Served;
  const flagged = () => report.entities.find((e) => e.name === 'Harbeli GSM İletişim')!;

  beforeAll(async () => {
    dir = tempDir();
    reportPath = join(dir, 'report.json');
    casePath = join(dir, 'case.json');
    expect((await run('analyze', DEMO, '--out', reportPath, '--quiet')).code).toBe(0);
    report = JSON.parse(readFileSync(reportPath, 'utf8')) as Report;
    browser = await launchBrowser();
  }, 120000);
  afterAll(async () => {
    await browser?.close();
    served?.process.kill('SIGKILL');
    removeTempDirs();
  });

  it('keeps notes, statuses and views in the case file as you work; a killed server loses nothing acknowledged', async () => {
    served = await serve(reportPath, '--case', casePath);
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, acceptDownloads: true });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await open(page, served.url, true);
    await containsText(page.locator('#case-status'), 'All changes saved to case.json.');
    // The demo merges no records and finds none alike: nothing to judge, no "One entity or two?" in the case.
    expect(await page.locator('#case-same-head').isVisible()).toBe(false);
    // For docs/guide.md: the first look, at a laptop's size.
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: screenshotPath('guide-overview.png') });
    await page.setViewportSize({ width: 1600, height: 1000 });

    // A change without a name is refused with a clear message.
    await pick(page, 'harbeli gsm');
    const firstFlag = page.locator('details.flag[open] .flag-review').first();
    await firstFlag.locator('button[data-status="confirmed"]').click();
    await containsText(page.locator('#case-status'), 'Give your name first');
    await page.fill('#case-author', 'Ana Duarte');
    await page.press('#case-author', 'Tab');
    await page.fill('#case-title', 'Aluminium paste to the border, 2023');
    await page.press('#case-title', 'Tab');
    await saved(page, 'case.json');

    // Review status with who and when.
    await firstFlag.locator('button[data-status="confirmed"]').click();
    await saved(page, 'case.json');
    expect(await firstFlag.locator('button[data-status="confirmed"]').getAttribute('aria-pressed')).toBe('true');
    await containsText(firstFlag.locator('.review-who'), 'Confirmed by Ana Duarte');
    await containsText(page.locator('details.flag[open] summary .status-badge').first(), 'Confirmed');
    // A note on the flag, on the entity (untrusted text stays text), on one of its ties.
    await firstFlag.locator('textarea').fill('Invoice 2023-114 matches the declared 6,000 kg.');
    await firstFlag.locator('button', { hasText: 'Add note' }).click();
    // Each note saved before the next, as the status tells a person: a save acknowledged while the next is being added
    // redraws the notes above the form (on a busy machine the click then missed the button).
    await saved(page, 'case.json');
    await page.fill('#note-text', `Phone shop buying chemicals. ${EVIL}`);
    await page.click('#note-add');
    await saved(page, 'case.json');
    await containsText(page.locator('#panel-notes'), EVIL);
    const tieOption = await page.locator('#note-target option').nth(1).textContent();
    await page.selectOption('#note-target', { index: 1 });
    await page.fill('#note-text', 'Same address as the depot, per the 2022 registry extract.');
    await page.click('#note-add');
    await saved(page, 'case.json');
    await containsText(page.locator('#panel-notes'), EVIL);
    await containsText(page.locator('#panel-notes'), tieOption!.trim().split(' ').slice(-1)[0]);
    expect(await page.locator('img').count()).toBe(0);
    await page.locator('#panel-notes').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('case-notes.png') });

    // A note being typed survives a change saved meanwhile (the panel is refreshed on every change of the case).
    await page.selectOption('#note-target', { index: 1 });
    await page.fill('#note-text', 'a draft, not yet added');
    for (const title of ['Aluminium paste to the border, 2023 (draft)', 'Aluminium paste to the border, 2023']) {
      await page.fill('#case-title', title);
      await page.press('#case-title', 'Tab');
      await saved(page, 'case.json');
    }
    expect(await page.inputValue('#note-text')).toBe('a draft, not yet added');
    expect(await page.locator('#note-target').inputValue()).toBe('1');
    await page.fill('#note-text', '');
    // Two saved views.
    await page.check('#only-flagged');
    await page.click('#layout-geo');
    await page.waitForTimeout(400);
    // Zoom to the cluster near the border crossing.
    await page.locator('#cluster-list button[data-cluster]').first().click();
    await page.waitForTimeout(600);
    await page.waitForFunction(() => !window.__chokepoint!.view.renderer.getCamera().isAnimated());
    await page.fill('#case-view-name', 'Flagged entities on the map');
    await page.click('#case-save-view');
    await saved(page, 'case.json');
    await page.click('#reset-filters');
    await page.click('#layout-force');
    await pick(page, 'harbeli gsm');
    await page.waitForFunction(() => !window.__chokepoint!.view.renderer.getCamera().isAnimated());
    await page.fill('#case-view-name', 'Harbeli GSM and its ties');
    await page.press('#case-view-name', 'Enter');
    await saved(page, 'case.json');
    expect(await page.locator('#case-views > li').count()).toBe(2);
    await containsText(page.locator('#case-counts'), 'Red flags: 1 confirmed');
    await page.screenshot({ path: screenshotPath('case-workspace.png') });
    // For docs/guide.md: the workspace at a laptop's size with the case on top, and its parts.
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.locator('aside.left').evaluate((e) => ((e as unknown as { scrollTop: number }).scrollTop = 0));
    await page.waitForTimeout(300);
    // After the window's resize, every label seen lies inside the narrower graph (the selection's too).
    const cut = await page.evaluate(() => {
      const view = window.__chokepoint!.view;
      const area = view.visibleArea();
      const labels = view.drawnLabels();
      return { count: labels.length, outside: labels.filter(({ box }) => box[0] < area.left || box[2] > area.right || box[1] < area.top || box[3] > area.bottom).map((l) => l.label) };
    });
    expect(cut.count).toBeGreaterThan(0);
    expect(cut.outside).toEqual([]);
    // ... and none runs under the selected entity's boxed label (the layer's labels once kept clear of the box where
    // the layer's frame before had it: after the resize, the firm's label ran under it).
    const under = await page.evaluate(() => {
      const view = window.__chokepoint!.view;
      const boxes = view.boxedLabels();
      return { boxed: boxes.length, under: view.drawnLabels().filter(({ box: b }) => boxes.some(({ box }) => b[0] < box[2] && b[2] > box[0] && b[1] < box[3] && b[3] > box[1])).map((l) => l.label) };
    });
    expect(under).toEqual({ boxed: 1, under: [] });
    await page.screenshot({ path: screenshotPath('guide-workspace.png') });
    // Tall enough that each part fits on screen whole (an element screenshot larger than the screen resizes the page).
    await page.setViewportSize({ width: 1280, height: 1600 });
    await page.waitForTimeout(300);
    await page.locator('#case').screenshot({ path: screenshotPath('guide-case.png') });
    await page.locator('details.flag[open]').first().screenshot({ path: screenshotPath('guide-flag-review.png') });
    await page.locator('#panel-notes').screenshot({ path: screenshotPath('guide-notes.png') });
    await page.setViewportSize({ width: 1600, height: 1000 });

    // On disk, as acknowledged.
    let onDisk = JSON.parse(readFileSync(casePath, 'utf8')) as CaseFile;
    expect(onDisk.title).toBe('Aluminium paste to the border, 2023');
    expect(onDisk.notes.map((n) => n.target.kind).sort()).toEqual(['entity', 'flag', 'tie']);
    expect(onDisk.notes.find((n) => n.target.kind === 'entity')!.text).toBe(`Phone shop buying chemicals. ${EVIL}`);
    expect(onDisk.flags).toHaveLength(1);
    expect(onDisk.flags[0]).toMatchObject({ status: 'confirmed', by: 'Ana Duarte', history: [] });
    expect(onDisk.views.map((v) => v.name)).toEqual(['Flagged entities on the map', 'Harbeli GSM and its ties']);

    // Restore the first view.
    await page.locator('[data-view-open]').first().click();
    await until(async () => (await page.evaluate(() => window.__chokepoint!.state().layout)) === 'geo', async () => 'the geographic layout');
    expect(await page.isChecked('#only-flagged')).toBe(true);

    // Kill the server the hard way right after a change is acknowledged: the change is on disk.
    await pick(page, 'harbeli gsm');
    await page.locator('details.flag[open] .flag-review').first().locator('button[data-status="dismissed"]').click();
    await saved(page, 'case.json');
    served.process.kill('SIGKILL');
    await served.exited;
    onDisk = JSON.parse(readFileSync(casePath, 'utf8')) as CaseFile;
    expect(onDisk.flags[0]).toMatchObject({ status: 'dismissed', by: 'Ana Duarte', history: [{ status: 'confirmed', by: 'Ana Duarte' }] });
    // What cannot be saved says so, and is not lost from the page.
    await page.fill('#case-view-name', 'After the server stopped');
    await page.click('#case-save-view');
    await containsText(page.locator('#case-status'), 'Not saved: the viewer’s server does not answer');
    expect(await page.locator('#case-retry').isVisible()).toBe(true);
    await page.locator('#case').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('case-not-saved.png') });
    // Start it again: Retry saves what waited.
    served = await serve(reportPath, '--case', casePath, '--port', new URL(served.url).port);
    await page.click('#case-retry');
    await saved(page, 'case.json');
    expect((JSON.parse(readFileSync(casePath, 'utf8')) as CaseFile).views).toHaveLength(3);
    await page.locator('#case-views li[data-view="v3"] button', { hasText: 'Delete' }).click();
    await saved(page, 'case.json');
    expect(errors).toEqual([]);
    await page.close();
  }, 180000);

  it('prints a case report with the pictures of the saved views, the findings and their evidence, the notes and the disclaimer', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, acceptDownloads: true });
    await open(page, served.url, true);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#case-report')]);
    const htmlPath = screenshotPath('case-report.html');
    await download.saveAs(htmlPath);
    const html = readFileSync(htmlPath, 'utf8');
    expect(html).not.toContain('<script');
    expect(html).not.toContain(EVIL);
    expect(html).toContain('Phone shop buying chemicals. &lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('Indicators for review, not accusations.');
    expect(html).toContain(report.disclaimer);
    expect((html.match(/<svg /g) ?? []).length).toBe(2);
    expect(html).toContain('Flagged entities on the map');
    expect(html).toContain('Dismissed');
    const flag = report.flags.find((f) => f.entities.includes(flagged().id))!;
    expect(html).toContain(flag.explanation.facts[0].label);
    // It prints: Chromium makes a PDF of it.
    const print = await browser.newPage({ viewport: { width: 1000, height: 1400 } });
    await print.goto(`file://${htmlPath}`);
    await print.screenshot({ path: screenshotPath('case-report.png'), fullPage: false });
    await print.locator('.view').first().screenshot({ path: screenshotPath('case-report-view.png') });
    const pdf = await print.pdf({ path: screenshotPath('case-report.pdf'), format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect((pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length).toBeGreaterThanOrEqual(2);
    await print.close();
    await page.close();
  }, 120000);

  it('embeds the case read-only in the exported HTML; it can be downloaded, loaded again, and worked on in the page', async () => {
    const html = join(dir, 'with-case.html');
    expect((await run('export', reportPath, '--format', 'html', '--case', casePath, '--out', html, '--quiet')).code).toBe(0);
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, acceptDownloads: true });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await open(page, `file://${html}`);
    await containsText(page.locator('#case-status'), 'Read-only');
    await pick(page, 'harbeli gsm');
    await containsText(page.locator('#panel-notes'), EVIL);
    expect(await page.locator('#note-text').count()).toBe(0);
    expect(await page.locator('.flag-review button[data-status="confirmed"]').first().isDisabled()).toBe(true);
    expect(await page.locator('#case-views > li').count()).toBe(2);
    // Download it.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#case-download')]);
    const copy = join(dir, 'downloaded.json');
    await download.saveAs(copy);
    const downloaded = JSON.parse(readFileSync(copy, 'utf8')) as CaseFile;
    expect(downloaded.notes).toEqual((JSON.parse(readFileSync(casePath, 'utf8')) as CaseFile).notes);
    // Load it again: it becomes editable in the page, kept by downloading.
    await page.setInputFiles('#case-load', copy);
    await containsText(page.locator('#case-status'), 'Kept in this page only');
    await page.fill('#case-author', 'Jon Meyer');
    await page.press('#case-author', 'Tab');
    await page.fill('#note-text', 'Checked again offline.');
    await page.click('#note-add');
    const [again] = await Promise.all([page.waitForEvent('download'), page.click('#case-download')]);
    await again.saveAs(copy);
    expect((JSON.parse(readFileSync(copy, 'utf8')) as CaseFile).notes.map((n) => n.author)).toContain('Jon Meyer');
    // A broken file is refused with its name and the reason.
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"format": "chokepoint-case", "version": 1,}');
    await page.setInputFiles('#case-load', broken);
    await containsText(page.locator('#case-status'), 'broken.json line 1');
    expect(errors).toEqual([]);
    await page.close();
  }, 120000);

  it('saves pictures: PNG at 2× and 4× and SVG, of the view or the whole layout, with title, legend, dates and disclaimer', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, acceptDownloads: true });
    await open(page, served.url, true);
    await page.click('#layout-geo');
    await page.waitForTimeout(400);
    const size = (png: Buffer) => [png.readUInt32BE(16), png.readUInt32BE(20)];
    const save = async (scope: string, format: string, name: string) => {
      await page.click('#export-png');
      await page.fill('#picture-title', 'Border procurement: the network on the map');
      await page.check(`#picture-scope-${scope}`);
      await page.check(`#picture-format-${format}`);
      if (name === 'picture-dialog.png') {
        await page.screenshot({ path: screenshotPath(name) });
        await page.locator('#picture-dialog').screenshot({ path: screenshotPath('guide-picture-dialog.png') });
      }
      const [d] = await Promise.all([page.waitForEvent('download'), page.click('#picture-download')]);
      const path = screenshotPath(name === 'picture-dialog.png' ? `picture-${scope}-${format}.png` : name);
      await d.saveAs(path);
      return readFileSync(path);
    };
    const two = await save('view', 'png2', 'picture-dialog.png');
    expect(two.subarray(1, 4).toString()).toBe('PNG');
    const four = await save('whole', 'png4', 'picture-whole-4x.png');
    const [w2, h2] = size(two);
    const [w4, h4] = size(four);
    expect([w4 / w2, h4 / h2]).toEqual([2, 2]);
    const svg = (await save('whole', 'svg', 'picture-whole.svg')).toString('utf8');
    expect(svg).toMatch(/^<\?xml/);
    expect(svg).toContain('<title>Border procurement: the network on the map</title>');
    expect(svg).toContain('Colour: cluster');
    expect(svg).toContain('Ties');
    expect(svg).toContain('border crossing');
    expect(svg).toMatch(/Shipments dated \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}/);
    expect(svg).toContain('Findings are indicators for human review');
    // The SVG is drawn by the browser as an image, as another program would.
    const viewer = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
    await viewer.goto(`file://${screenshotPath('picture-whole.svg')}`);
    await viewer.screenshot({ path: screenshotPath('picture-whole-svg.png') });
    await viewer.close();
    await page.close();
  }, 120000);
});
