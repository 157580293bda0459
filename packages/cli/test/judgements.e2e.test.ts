import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { CaseFile } from '@chokepoint/case';
import type { Report } from '@chokepoint/report';
import { browserAvailable, containsText, launchBrowser, screenshotPath, serve, text, type Served } from './browser';
import { removeTempDirs, run, tempDir } from './run';

const available = browserAvailable();
const suite = available ? describe : describe.skip;
if (!available) console.warn('SKIPPED judgements.e2e.test.ts: no Chromium at CHOKEPOINT_CHROMIUM or /usr/bin/chromium');

declare const window: { __chokepoint?: { firstFrameMs(): number | null; caseReady: Promise<unknown>; view: { stopLayout(): void } } };

const TIGRIS = join(__dirname, 'fixtures', 'tigris-notes');

async function open(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(() => window.__chokepoint !== undefined && window.__chokepoint.firstFrameMs() !== null, null, { timeout: 30000 });
  await page.evaluate(() => window.__chokepoint!.view.stopLayout());
  await page.evaluate(() => window.__chokepoint!.caseReady.then(() => undefined));
}

const saved = (page: Page) => containsText(page.locator('#case-status'), 'All changes saved to case.json.');

suite('one entity or two: an investigator judges a pair in the viewer, and the next analysis follows', () => {
  let dir: string;
  let browser: Browser;
  const servers: Served[] = [];

  beforeAll(async () => {
    dir = tempDir();
    expect((await run('analyze', TIGRIS, '--lenient', '--out', join(dir, 'before.json'), '--quiet')).code).toBe(0);
    browser = await launchBrowser();
  }, 120000);
  afterAll(async () => {
    await browser?.close();
    for (const s of servers) s.process.kill('SIGKILL');
    removeTempDirs();
  });

  it('the pair the analysis left for review is judged the same in the panel, kept in the case file, and merged by analyze --case', async () => {
    const casePath = join(dir, 'case.json');
    const served = await serve(join(dir, 'before.json'), '--case', casePath);
    servers.push(served);
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await open(page, served.url);
    await page.fill('#case-author', 'Layla Haddad');
    await page.press('#case-author', 'Tab');

    // The sidebar lists the pair; the person in Latin letters opens with it in the panel.
    await containsText(page.locator('#case-same-head'), 'One entity or two? (0 of 1 pair judged)');
    await page.fill('#search', 'Ahmed Khalil');
    await page.locator('#search-results button').first().click();
    const pair = page.locator('.same-pairs li.same-pair').first();
    await containsText(pair, 'Possibly the same, left for review (0.36)');
    // (the Arabic name isolated from the text around it, so that "(E09)" is not drawn inside it)
    await containsText(pair.locator('.pair-names'), '\u2068أحمد خليل الحمداني\u2069 (E09)');
    await containsText(pair.locator('.review-who'), 'Not judged yet.');
    await pair.locator('button[data-verdict="same"]').click();
    await saved(page);
    expect(await pair.locator('button[data-verdict="same"]').getAttribute('aria-pressed')).toBe('true');
    await containsText(pair.locator('.review-who'), 'Same: judged by Layla Haddad');
    await containsText(pair.locator('.review-who'), 'applies when the bundle is analysed again with this case');
    await containsText(page.locator('#case-same-head'), '(1 of 1 pair judged)');
    await containsText(page.locator('#case-same-hint'), 'chokepoint analyze <bundle> --case case.json');
    await pair.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('same-pair-judged.png') });
    // For docs/guide.md.
    await pair.screenshot({ path: screenshotPath('guide-same.png') });
    // The name of the other record opens its entity.
    await pair.locator('.pair-names button').first().click();
    await containsText(page.locator('#panel h2').first(), 'أحمد خليل الحمداني');

    const kept = JSON.parse(readFileSync(casePath, 'utf8')) as CaseFile;
    expect(await page.locator('#case-same-head').isVisible()).toBe(true);
    expect(kept.judgements?.map((j) => [j.a, j.b, j.verdict, j.by])).toEqual([['E09', 'E16', 'same', 'Layla Haddad']]);
    expect(errors).toEqual([]);

    // The next analysis with the case: one person, the judgement in the evidence.
    const after = join(dir, 'after.json');
    expect((await run('analyze', TIGRIS, '--lenient', '--out', after, '--quiet', '--case', casePath)).code).toBe(0);
    const report = JSON.parse(readFileSync(after, 'utf8')) as Report;
    expect(report.resolution.merges.map((m) => [m.kept, ...m.merged].sort())).toEqual([['E09', 'E16']]);
    expect(report.resolution.judged).toEqual({ same: 1, notSame: 0, unsure: 0, notApplied: [] });

    // Opened with the same case: the pair is one entity now, and the viewer says the report follows the judgement.
    const again = await serve(after, '--case', casePath);
    servers.push(again);
    const page2 = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await open(page2, again.url);
    const item = page2.locator('#case-same li.same-pair').first();
    await containsText(item, 'Merged into one entity by the analysis');
    await containsText(item.locator('.review-who'), 'this report follows it');
    expect(await text(page2.locator('#case-same-hint'))).toBe('');
    // Taking the judgement back (pressing Same again) leaves the pair undecided, as the case file then says.
    await page2.fill('#case-author', 'Layla Haddad');
    await page2.press('#case-author', 'Tab');
    await item.locator('button[data-verdict="same"]').click();
    await saved(page2);
    await containsText(page2.locator('#case-same li.same-pair').first().locator('.review-who'), 'Not judged yet.');
    expect((JSON.parse(readFileSync(casePath, 'utf8')) as CaseFile).judgements).toEqual([]);
  }, 180000);
});
