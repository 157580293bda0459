import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { browserAvailable, launchBrowser, serve, type Served } from './browser';
import { removeTempDirs, run, tempDir, TINY } from './run';

const suite = browserAvailable() ? describe : describe.skip;
declare const window: { __chokepoint?: { firstFrameMs(): number | null; view: { stopLayout(): void } } };

suite('the viewer marks listed parties (screening)', () => {
  let browser: Browser;
  let served: Served;
  beforeAll(async () => {
    const dir = tempDir();
    const list = join(dir, 'list.ftm.jsonl');
    writeFileSync(list, `${JSON.stringify({ id: 'T-1', schema: 'Person', properties: { name: ['Mehmet Aileoğlu'], nationality: ['tr'], topics: ['sanction'] }, datasets: ['tiny_list'] })}\n`);
    const report = join(dir, 'report.json');
    expect((await run('analyze', TINY, '--screen', list, '--out', report, '--quiet')).code).toBe(0);
    browser = await launchBrowser();
    served = await serve(report);
  });
  afterAll(async () => {
    await browser?.close();
    served?.process.kill('SIGINT');
    removeTempDirs();
  });

  it('says in the panel which list an entity matches, and how far another is from the nearest listed party', async () => {
    const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
    await page.goto(served.url);
    await page.waitForFunction(() => window.__chokepoint !== undefined && window.__chokepoint.firstFrameMs() !== null, null, { timeout: 30000 });
    await page.fill('#search', 'aile');
    await page.locator('#search-results button').first().click();
    await page.waitForSelector('#panel-listed');
    expect(await page.locator('#panel-listed').textContent()).toMatch(/matches Mehmet Aileoğlu \(T-1\) on tiny_list, score 1\.00 — a lead to verify, not an identification/);
    await page.fill('#search', 'Hatli');
    await page.locator('#search-results button').first().click();
    await page.waitForSelector('#panel-listed-path');
    expect(await page.locator('#panel-listed-path').textContent()).toMatch(/^1 tie: owner → Mehmet Aileoglu/);
    await page.close();
  }, 120000);
});
