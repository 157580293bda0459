import { request } from 'node:http';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { emptyCase, serializeCase, setJudgement, setTitle } from '@chokepoint/case';
import { join } from 'node:path';
import { writeReport, type Report } from '@chokepoint/report';
import type { Browser } from 'playwright-core';
import { browserAvailable, hasText, launchBrowser, screenshotPath, serve, until, type Served } from './browser';
import { largeDemoReport } from './scale-report';
import { removeTempDirs, run, tempDir } from './run';

/** What the viewer exposes to tests for a large report (packages/viewer/src/web/main.ts, views/scale-view.ts). */
interface ScaledHook {
  scope(): { kind: string; center: string | number | null; clusterNodes: [string, { cluster: number; members: number }][] };
  app(): {
    model: { nodes: { id: string; cluster: number; name: string }[] };
    select(id: string | null): void;
    view: {
      stopLayout(): void;
      firstFrameMs: number | null;
      visibleArea(): { left: number; top: number; right: number; bottom: number };
      graph: { forEachNode(visit: (key: string) => void): void };
      renderer: {
        getNodeDisplayData(key: string): { x: number; y: number; hidden?: boolean } | undefined;
        framedGraphToViewport(p: { x: number; y: number }): { x: number; y: number };
        scaleSize(size: number): number;
      };
    };
  };
}
declare const window: { __chokepointScaled?: ScaledHook; __chokepoint?: { firstFrameMs(): number | null } };

function get(url: string, path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('chokepoint view on a large report: the overview and neighbourhoods', () => {
  let dir: string;
  let reportPath: string;
  let served: Served;
  let entities: number;
  beforeAll(async () => {
    dir = tempDir();
    const report = await largeDemoReport(dir, 30_000);
    entities = report.entities.length;
    reportPath = join(dir, 'large.json');
    // Records in a companion file, as analyze writes them for large networks.
    expect((await writeReport(report, reportPath, { companionAbove: 1000 })).companion).not.toBeNull();
    served = await serve(reportPath);
  }, 120_000);
  afterAll(() => {
    served?.process.kill('SIGINT');
    removeTempDirs();
  });

  it('says it opens on the overview, and never sends the whole report', async () => {
    expect(entities).toBeGreaterThanOrEqual(30_000);
    expect(served.stdout()).toMatch(/This report has [\d,]+ entities: the viewer opens on an overview of its [\d,]+ clusters/);
    const whole = await get(served.url, '/report.json');
    expect(whole.status).toBe(413);
    expect(JSON.parse(whole.body).error).toMatch(/too many to send at once: the viewer opens it on the overview/);
  });

  it('sends a small overview first, then a cluster and an entity with their neighbourhoods', async () => {
    const overview = await get(served.url, '/overview.json');
    expect(overview.status).toBe(200);
    const bytes = Buffer.byteLength(overview.body);
    // The report file alone is several times this; the overview is sized by the clusters.
    expect(bytes).toBeLessThan(statSync(reportPath).size / 3);
    const o = JSON.parse(overview.body);
    expect(o.scope.kind).toBe('overview');
    expect(o.entities.length).toBe(o.scope.totals.clusters);
    expect(o.scope.totals.entities).toBe(entities);
    const [nodeId, node] = o.scope.clusterNodes[0];
    expect(nodeId).toBe(`cluster:${node.cluster}`);

    const cluster = await get(served.url, `/neighbourhood?cluster=${node.cluster}`);
    expect(cluster.status).toBe(200);
    const c = JSON.parse(cluster.body);
    expect(c.scope).toMatchObject({ kind: 'cluster', center: node.cluster });
    expect(c.entities.filter((e: { cluster: number; id: string }) => e.cluster === node.cluster && !e.id.startsWith('cluster:'))).toHaveLength(node.members);

    const member = c.entities[0].id as string;
    const entity = await get(served.url, `/neighbourhood?entity=${encodeURIComponent(member)}&hops=2`);
    expect(entity.status).toBe(200);
    expect(JSON.parse(entity.body).scope).toMatchObject({ kind: 'entity', center: member, hops: 2 });
  });

  it('finds an entity of the whole report by a part of its name', async () => {
    const res = await get(served.url, `/search?q=${encodeURIComponent('Velkaron')}`);
    expect(res.status).toBe(200);
    const body = JSON.parse(res.body);
    expect(body.matches.length).toBeGreaterThan(0);
    expect(body.matches.every((m: { name: string }) => /velkaron/i.test(m.name))).toBe(true);
  });

  it('refuses unclear requests with the reason', async () => {
    const cases: [string, number, RegExp][] = [
      ['/neighbourhood', 400, /exactly one of cluster=<id> or entity=<id>/],
      ['/neighbourhood?cluster=1&entity=x', 400, /exactly one/],
      ['/neighbourhood?cluster=0', 400, /cluster must be a cluster number/],
      ['/neighbourhood?cluster=1&cluster=2', 400, /given more than once/],
      ['/neighbourhood?cluster=1&hops=2', 400, /hops goes with entity/],
      ['/neighbourhood?entity=x&hops=9', 400, /hops must be 1, 2 or 3/],
      ['/neighbourhood?entity=x&depth=2', 400, /unknown parameter "depth"/],
      ['/neighbourhood?cluster=999999', 404, /no cluster 999999/],
      ['/neighbourhood?entity=__proto__', 404, /no entity with the id "__proto__"/],
      ['/search', 400, /expected one parameter q=/],
      ['/search?q=a&x=1', 400, /expected one parameter q=/],
    ];
    for (const [path, status, message] of cases) {
      const res = await get(served.url, path);
      expect([path, res.status]).toEqual([path, status]);
      expect(JSON.parse(res.body).error).toMatch(message);
    }
  });

  it('exports it to one HTML file all the same, saying what opening it costs and what opens it on an overview', async () => {
    const out = join(dir, 'large.html');
    const r = await run('export', reportPath, '--format', 'html', '--out', out, '--quiet');
    expect(r.code).toBe(0);
    expect(existsSync(out)).toBe(true);
    expect(r.stderr).toContain(`holds all ${entities.toLocaleString('en-US')} entities of the report: a browser takes a while to open it`);
    expect(r.stderr).toContain(`chokepoint view ${reportPath} opens a report this large on an overview of its clusters`);
    // A small report gets no such note.
    const small = await run('export', join(dir, 'small.json'), '--format', 'html', '--out', join(dir, 'small.html'), '--quiet');
    expect([small.code, small.stderr]).toEqual([0, '']);
  });

  it('refuses a report whose records file is missing or damaged, naming the file and the line (exit 3)', async () => {
    const { copyFileSync, mkdirSync, writeFileSync } = require('node:fs') as typeof import('node:fs');
    // The report alone in another folder.
    mkdirSync(join(dir, 'alone'));
    const copy = join(dir, 'alone', 'large.json');
    copyFileSync(reportPath, copy);
    // The view reads a large report's ties from its records file (not every record): a missing file is said so.
    const missing = await run('view', copy, '--port', '0', '--quiet');
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/keeps its records in large\.records\.jsonl, which is missing: keep the two files together/);
    // A byte of a record's line changed: the line named. One more byte: not the file the report recorded.
    const text = readFileSync(join(dir, 'large.records.jsonl'), 'utf8');
    writeFileSync(join(dir, 'large.records.jsonl.bak'), text);
    try {
      writeFileSync(join(dir, 'large.records.jsonl'), text.replace(/\n\{"source":"/, '\n["source":"'));
      const damaged = await run('view', reportPath, '--port', '0', '--quiet');
      expect(damaged.code).toBe(3);
      expect(damaged.stderr).toMatch(/large\.records\.jsonl line 2 is not JSON: the records file is damaged/);
      writeFileSync(join(dir, 'large.records.jsonl'), `${text}\n`);
      const longer = await run('view', reportPath, '--port', '0', '--quiet');
      expect(longer.code).toBe(3);
      expect(longer.stderr).toMatch(/large\.records\.jsonl is not the records file of large\.json \(its contents differ from what the report recorded\)/);
    } finally {
      copyFileSync(join(dir, 'large.records.jsonl.bak'), join(dir, 'large.records.jsonl'));
    }
  });

  it('says so when the records file changes or goes while it serves, and goes on serving the rest', async () => {
    const { copyFileSync, mkdirSync, rmSync, writeFileSync } = require('node:fs') as typeof import('node:fs');
    const own = join(dir, 'changing');
    mkdirSync(own);
    copyFileSync(reportPath, join(own, 'large.json'));
    copyFileSync(join(dir, 'large.records.jsonl'), join(own, 'large.records.jsonl'));
    const changing = await serve(join(own, 'large.json'));
    try {
      const overview = JSON.parse((await get(changing.url, '/overview.json')).body) as { keyNodes: { id: string }[] };
      const piece = `/neighbourhood?entity=${encodeURIComponent(overview.keyNodes[0].id)}&hops=1`;
      expect((await get(changing.url, piece)).status).toBe(200);
      // Rewritten (as by analyzing again into the same file): its records are no longer where they were.
      const text = readFileSync(join(own, 'large.records.jsonl'), 'utf8');
      writeFileSync(join(own, 'large.records.jsonl'), text.replace(/\n[^\n]*\n/, '\n'));
      const changed = await get(changing.url, piece);
      expect(changed.status).toBe(500);
      expect(JSON.parse(changed.body).error).toMatch(/large\.records\.jsonl has changed since it was opened .*: open the report again/);
      rmSync(join(own, 'large.records.jsonl'));
      const gone = await get(changing.url, piece);
      expect(gone.status).toBe(500);
      expect(JSON.parse(gone.body).error).toMatch(/cannot read large\.records\.jsonl any more \(ENOENT\): was it moved or deleted\? Open the report again/);
      // The server is still there: the overview and the search need no record.
      expect((await get(changing.url, '/overview.json')).status).toBe(200);
      expect((await get(changing.url, '/search?q=a')).status).toBe(200);
    } finally {
      changing.process.kill('SIGINT');
    }
  });

  it('opens the whole report below the threshold (--overview-above)', async () => {
    const whole = await serve(reportPath, '--overview-above', String(entities));
    try {
      expect((await get(whole.url, '/overview.json')).status).toBe(404);
      const res = await get(whole.url, '/report.json');
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body).entities).toHaveLength(entities);
    } finally {
      whole.process.kill('SIGINT');
    }
  });
});

const browserSuite = browserAvailable() ? describe : describe.skip;

browserSuite('the viewer in the browser on a large report', () => {
  let dir: string;
  let served: Served;
  let browser: Browser;
  let reportPath: string;
  let flags: number;
  let entities: number;
  let report0: Report;
  let pairA: { id: string; name: string };
  let pairB: { id: string; name: string };
  let choke: { sources: number; targets: number; shipments: number };
  let flowCutNames: string[];
  beforeAll(async () => {
    dir = tempDir();
    reportPath = join(dir, 'large.json');
    const report = await largeDemoReport(dir, 30_000);
    report0 = report;
    flags = report.flags.length;
    choke = { sources: report.chokepoints!.sources.length, targets: report.chokepoints!.targets.length, shipments: report.chokepoints!.shipments.length };
    const names = new Map(report.entities.map((e) => [e.id, e.name]));
    flowCutNames = (report.chokepoints!.flowCut?.entities ?? []).map((e) => names.get(e.id)!);
    entities = report.entities.length;
    // Name matching's pairs between records far from each other (copies 40 and 90 of the demo), as a resolution of a
    // large bundle lists them: no piece but their own holds them.
    pairA = report.entities[40 * 198 + 3];
    pairB = report.entities[90 * 198 + 3];
    // Then 149 more, of two records of one copy each: the overview carries the first hundred, and counts them all.
    const more = Array.from({ length: 149 }, (_, c) => ({ a: report.entities[c * 198 + 5].id, b: report.entities[c * 198 + 6].id, score: 0.9, evidence: [] }));
    report.resolution = { ...report.resolution!, possible: [{ a: pairA.id, b: pairB.id, score: 0.91, evidence: [`names "${pairA.name}" ~ "${pairB.name}" (0.91)`] }, ...more] };
    await writeReport(report, reportPath);
    served = await serve(reportPath);
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    served?.process.kill('SIGINT');
    removeTempDirs();
  });

  /** A page of the viewer at `url`, open on the overview with its layout stopped; the page's errors gathered; `ready` waits for a piece of a kind. */
  async function openOverview(url: string) {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const ready = (kind: string) =>
      page.waitForFunction((k) => window.__chokepointScaled?.scope().kind === k && window.__chokepoint?.firstFrameMs() != null, kind, { timeout: 60_000 });
    await page.goto(url);
    await ready('overview');
    await page.evaluate(() => window.__chokepointScaled!.app().view.stopLayout());
    return { page, errors, ready };
  }

  it('opens on the overview of the clusters, opens a cluster, an entity\'s neighbours, and goes back', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const received: number[] = [];
    page.on('response', (r) => void r.body().then((b) => received.push(b.length), () => undefined));
    const ready = (kind: string) =>
      page.waitForFunction((k) => window.__chokepointScaled?.scope().kind === k && window.__chokepoint?.firstFrameMs() != null, kind, { timeout: 60_000 });
    await page.goto(served.url);
    await ready('overview');
    // The overview lays itself out for a few seconds (settings.autoLayoutMs), as it opens for a person.
    await page.waitForFunction(() => !(window.__chokepointScaled!.app().view as unknown as { isLayoutRunning(): boolean }).isLayoutRunning(), null, { timeout: 30_000 });
    await expect(page.locator('#scope-title').textContent()).resolves.toMatch(/^Overview of [\d,]+ entities in [\d,]+ clusters: each node is a cluster, sized by its members/);
    await expect(page.locator('#scope-overview').isHidden()).resolves.toBe(true);
    // As many iterations as an idle machine runs in those seconds, however busy this one is (settings.autoLayoutMinIterations).
    expect(await page.evaluate(() => (window.__chokepointScaled!.app().view as unknown as { layoutIterations: number }).layoutIterations)).toBeGreaterThanOrEqual(90);
    const clusterNodes = await page.evaluate(() => window.__chokepointScaled!.scope().clusterNodes);
    expect(await page.evaluate(() => window.__chokepointScaled!.app().model.nodes.length)).toBe(clusterNodes.length);
    // No answer on the way to the overview is larger than a few megabytes.
    expect(Math.max(...received)).toBeLessThan(5 * 1024 * 1024);
    await page.waitForTimeout(300);
    await page.screenshot({ path: screenshotPath('viewer-scale-overview.png') });
    // The counts say what the overview's nodes and lines are, the filters offer no kinds of entity or tie (every node is a
    // cluster, every line counts ties between two), and the case counts the whole report's red flags.
    await hasText(page.locator('#count-entities'), `${clusterNodes.length.toLocaleString('en-US')} of ${clusterNodes.length.toLocaleString('en-US')} clusters`);
    await hasText(page.locator('#count-shipments'), `${entities.toLocaleString('en-US')} entities`);
    expect(await page.locator('#kind-company').count()).toBe(0);
    expect(await page.locator('#only-key').count()).toBe(0);
    await expect(page.locator('#edge-associate').isChecked()).resolves.toBe(true);
    await expect(page.locator('#case-counts').textContent()).resolves.toContain(`${flags.toLocaleString('en-US')} to check`);
    // The supply chokepoints count the whole report's sources, targets and shipments, which the overview does not list.
    const chokepoints = (await page.locator('#overview-chokepoints').textContent()) ?? '';
    expect(choke.shipments).toBeGreaterThan(100);
    expect(chokepoints).toContain(`Sources${choke.sources.toLocaleString('en-US')} entities`);
    expect(chokepoints).toContain(`Targets${choke.targets.toLocaleString('en-US')} entities`);
    expect(chokepoints).toContain(`Shipments${choke.shipments.toLocaleString('en-US')} shipments carry the flow`);
    // The entities it names one by one are named, though the overview holds only clusters.
    expect(flowCutNames.length).toBeGreaterThan(0);
    await expect(page.locator('table.flow-cut tbody tr td:first-child').allTextContents()).resolves.toEqual(flowCutNames);
    // And the rules panel the whole report's red flags, though the overview holds none of them.
    await expect(page.locator('#overview-rules .hint').first().textContent()).resolves.toMatch(new RegExp(`^${flags.toLocaleString('en-US')} red flags in the whole report from`));
    // Discs drawn on top of each other: a pair whose centres are closer than their radii (in pixels, as drawn).
    const piled = await page.evaluate(() => {
      const view = window.__chokepointScaled!.app().view;
      const discs: { x: number; y: number; r: number }[] = [];
      view.graph.forEachNode((key) => {
        const d = view.renderer.getNodeDisplayData(key) as { x: number; y: number; size: number; hidden?: boolean } | undefined;
        if (!d || d.hidden) return;
        const v = view.renderer.framedGraphToViewport(d);
        discs.push({ x: v.x, y: v.y, r: view.renderer.scaleSize(d.size) });
      });
      let pairs = 0;
      for (let i = 0; i < discs.length; i++) for (let j = i + 1; j < discs.length; j++) if (Math.hypot(discs[i].x - discs[j].x, discs[i].y - discs[j].y) < 0.9 * (discs[i].r + discs[j].r)) pairs++;
      return { pairs, nodes: discs.length };
    });
    expect(piled.nodes).toBe(clusterNodes.length);
    // 1,302 pairs of 1,520 discs overlapped with the layout's inferred pull and discs sized for a few clusters; about 80
    // where the layout, stopped after a few seconds, left neighbours touching; none since the discs are moved apart
    // once it stops (a pair or two allowed for rounding at the frame's edge).
    expect(piled.pairs).toBeLessThanOrEqual(2);
    // Hundreds of clusters near a border: only some of those in view are outlined, and the note says so.
    const note = await page.evaluate(() => (window.__chokepointScaled!.app().view as unknown as { outlineNote: string | null }).outlineNote);
    expect(note).toMatch(/^12 of [\d,]+ clusters near a border outlined/);
    // Every outline labelled, and no whole label over a disc that is not its own cluster's: the clusters in the middle
    // of the ball have theirs set apart, with a line to the outline.
    const outlined = await page.evaluate(() => {
      const view = window.__chokepointScaled!.app().view as unknown as {
        outlineLabels: { box: number[]; outline: number[]; leader?: number[]; short?: boolean }[];
        graph: { forEachNode(f: (key: string) => void): void };
        renderer: { getNodeDisplayData(key: string): unknown; framedGraphToViewport(d: unknown): { x: number; y: number }; scaleSize(s: number): number };
      };
      const discs: number[][] = [];
      view.graph.forEachNode((key) => {
        const d = view.renderer.getNodeDisplayData(key) as { size: number; hidden?: boolean } | undefined;
        if (!d || d.hidden) return;
        const v = view.renderer.framedGraphToViewport(d);
        const r = view.renderer.scaleSize(d.size);
        discs.push([v.x - r, v.y - r, v.x + r, v.y + r]);
      });
      const hits = (a: number[], b: number[]) => a[0] < b[2] && a[2] > b[0] && a[1] < b[3] && a[3] > b[1];
      const own = (d: number[], o: number[]) => (d[0] + d[2]) / 2 >= o[0] && (d[0] + d[2]) / 2 <= o[2] && (d[1] + d[3]) / 2 >= o[1] && (d[1] + d[3]) / 2 <= o[3];
      const over = (l: { box: number[]; outline: number[] }) => discs.some((d) => hits(l.box, d) && !own(d, l.outline));
      return {
        labels: view.outlineLabels.length,
        apart: view.outlineLabels.filter((l) => l.leader !== undefined).length,
        short: view.outlineLabels.filter((l) => l.short).length,
        wholeOverDiscs: view.outlineLabels.filter((l) => !l.short && over(l)).length,
      };
    });
    // (the whole words where there is room, beside the outline or set apart with a line to it; the rest as a short tag,
    // "Cluster 106", beside the outline: five whole labels lay over discs in the middle, others had none)
    expect(outlined.labels).toBe(12);
    expect(outlined.wholeOverDiscs).toBe(0);
    expect(outlined.apart).toBeGreaterThan(0);
    expect(outlined.short).toBeLessThan(12);

    // Select a cluster node and open it: its members replace it.
    const [nodeId, node] = clusterNodes[0];
    expect(await page.locator('#scope-open-cluster').isDisabled()).toBe(true);
    await page.evaluate((id) => window.__chokepointScaled!.app().select(id), nodeId);
    await page.locator('#scope-title').click(); // the bar follows the selection
    // The bar follows the selection on the next frame: waited for, as a person would (a busy machine took longer).
    await hasText(page.locator('#scope-open-cluster'), `Open cluster ${node.cluster} (${node.members.toLocaleString('en-US')} members)`);
    await page.locator('#scope-open-cluster').click();
    await ready('cluster');
    await page.evaluate(() => window.__chokepointScaled!.app().view.stopLayout());
    const members = await page.evaluate((c) => window.__chokepointScaled!.app().model.nodes.filter((n) => n.cluster === c && !n.id.startsWith('cluster:')).length, node.cluster);
    expect(members).toBe(node.members);
    await expect(page.locator('#scope-title').textContent()).resolves.toMatch(new RegExp(`^Cluster ${node.cluster}: ${node.members.toLocaleString('en-US')} members`));
    await page.waitForTimeout(300);
    // Every node drawn below the working view's bars and the scope bar, none under them (the first view frames the
    // layout inside the visible area).
    const under = await page.evaluate(() => {
      const view = window.__chokepointScaled!.app().view;
      const area = view.visibleArea();
      const out: string[] = [];
      view.graph.forEachNode((key) => {
        const d = view.renderer.getNodeDisplayData(key);
        if (!d || d.hidden) return;
        const v = view.renderer.framedGraphToViewport(d);
        if (v.x < area.left || v.x > area.right || v.y < area.top || v.y > area.bottom) out.push(key);
      });
      return { out, top: area.top };
    });
    expect(under.top).toBeGreaterThan(100);
    expect(under.out).toEqual([]);
    await page.screenshot({ path: screenshotPath('viewer-scale-cluster.png') });

    // An entity's neighbours.
    const member = await page.evaluate((c) => window.__chokepointScaled!.app().model.nodes.find((n) => n.cluster === c)!.id, node.cluster);
    await page.evaluate((id) => window.__chokepointScaled!.app().select(id), member);
    await page.locator('#scope-title').click();
    await page.locator('#scope-hops-1').click();
    await ready('entity');
    expect(await page.evaluate(() => window.__chokepointScaled!.scope().center)).toBe(member);
    // Escape clears the selection of the piece shown (the pieces before it are gone, not listening).
    await page.locator('#scope-title').click();
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => (window.__chokepointScaled!.app() as unknown as { state(): { selected: string | null } }).state().selected)).toBeNull();

    // Back to the overview, then find an entity of the whole report by name and open its neighbours.
    await page.locator('#scope-overview').click();
    await ready('overview');
    await page.fill('#scope-find', 'Velkaron');
    const result = page.locator('#scope-find-results button').first();
    await result.waitFor();
    const found = await result.getAttribute('data-id');
    await result.click();
    await ready('entity');
    expect(await page.evaluate(() => window.__chokepointScaled!.scope().center)).toBe(found);
    await page.locator('#scope-overview').click();
    await ready('overview');
    // The search box at the top searches the piece shown (the clusters here): it says so, and offers the whole report,
    // where the name is found (a person types there first; "No entity matches" alone read as "not in the report").
    await page.fill('#search', 'Velkaron');
    await hasText(page.locator('#search-results .empty'), 'No entity shown here matches.');
    await hasText(page.locator('#search-everywhere'), 'Search the whole report for “Velkaron”');
    await page.screenshot({ path: screenshotPath('viewer-scale-search-everywhere.png') });
    await page.keyboard.press('Enter');
    await expect(page.locator('#scope-find').inputValue()).resolves.toBe('Velkaron');
    const everywhere = page.locator('#scope-find-results button').first();
    await everywhere.waitFor();
    expect(await everywhere.getAttribute('data-id')).toBe(found);
    await expect(page.locator('#search-results').isHidden()).resolves.toBe(true);
    // An entity to review first, or a key node, is not drawn in the overview: picking it opens its neighbours.
    for (const list of ['#queue-list', '#key-list']) {
      const first = page.locator(`${list} button[data-id]`).first();
      const id = await first.getAttribute('data-id');
      await first.click();
      await ready('entity');
      expect([list, await page.evaluate(() => window.__chokepointScaled!.scope().center)]).toEqual([list, id]);
      // Opened on that entity: it is selected, its details in the panel.
      expect(await page.evaluate(() => (window.__chokepointScaled!.app() as unknown as { state(): { selected: string | null } }).state().selected)).toBe(id);
      const name = await page.evaluate((e) => window.__chokepointScaled!.app().model.nodes.find((n) => n.id === e)!.name, id!);
      await hasText(page.locator('#panel-title'), name);
      // An entity of a company group with members outside the piece (the first entity to review, in the demo's large
      // group, has some): the button says how many of them are here.
      const partial = await page.evaluate(() => {
        const model = window.__chokepointScaled!.app().model as unknown as { groups: Map<number, { size: number; members: string[] }>; nodes: { id: string; group?: number }[] };
        const node = model.nodes.find((n) => n.group !== undefined && n.group !== 0 && model.groups.get(n.group)!.members.length < model.groups.get(n.group)!.size);
        return node === undefined ? null : { id: node.id, here: model.groups.get(node.group!)!.members.length, size: model.groups.get(node.group!)!.size };
      });
      if (list === '#queue-list') {
        expect(partial).not.toBeNull();
        await page.evaluate((e) => window.__chokepointScaled!.app().select(e), partial!.id);
        await hasText(page.locator('#start-group'), `Start from its company group (${partial!.here} of ${partial!.size} here)`);
        await page.evaluate((e) => window.__chokepointScaled!.app().select(e), id!);
      }
      // Its cluster lies mostly outside its neighbourhood: the panel opens the cluster's piece.
      if (list === '#key-list') {
        const cluster = await page.evaluate((e) => window.__chokepointScaled!.app().model.nodes.find((n) => n.id === e)!.cluster, id!);
        await expect(page.locator('#start-cluster').textContent()).resolves.toMatch(/^Open its cluster \([\d,]+\)$/);
        await page.locator('#start-cluster').click();
        await ready('cluster');
        expect(await page.evaluate(() => window.__chokepointScaled!.scope().center)).toBe(cluster);
      }
      await page.locator('#scope-overview').click();
      await ready('overview');
    }
    // On the map, the note of the outlines left out keeps clear of the map's legend and "zoom to" list.
    await page.click('#layout-geo');
    await page.waitForFunction(() => (window.__chokepointScaled!.app().view as unknown as { outlineNote: string | null }).outlineNote !== null, null, { timeout: 10_000 });
    const onMap = await page.evaluate(() => {
      const view = window.__chokepointScaled!.app().view as unknown as { outlineNoteBox: number[]; overlayBoxes(): number[][] };
      return { box: view.outlineNoteBox, covers: view.overlayBoxes() };
    });
    expect(onMap.covers.length).toBeGreaterThan(0);
    for (const c of onMap.covers) expect([c, onMap.box[0] < c[2] && onMap.box[2] > c[0] && onMap.box[1] < c[3] && onMap.box[3] > c[1]]).toEqual([c, false]);
    await page.screenshot({ path: screenshotPath('viewer-scale-overview-map.png') });
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  it('says why when the server will not send the overview (its reason, not a complaint about the report\'s version)', async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
    const reason = 'this piece of the report is 142.4 MB, above the limit of 64.0 MB';
    await page.route('**/overview.json', (route) => route.fulfill({ status: 413, contentType: 'application/json', body: JSON.stringify({ error: reason }) }));
    await page.goto(served.url);
    await page.locator('.error[role=alert] p').waitFor();
    await expect(page.locator('.error[role=alert] p').textContent()).resolves.toBe(`the viewer's server answered 413: ${reason}`);
    await page.close();
  }, 60_000);

  it('a picture of the overview says clusters and lines, in its subtitle and legend', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
    try {
      await page.goto(served.url);
      await page.waitForFunction(() => window.__chokepointScaled?.scope().kind === 'overview' && window.__chokepoint?.firstFrameMs() != null, null, { timeout: 60_000 });
      await page.evaluate(() => window.__chokepointScaled!.app().view.stopLayout());
      await page.click('#export-png');
      await page.check('#picture-scope-whole');
      await page.check('#picture-format-svg');
      const [d] = await Promise.all([page.waitForEvent('download'), page.click('#picture-download')]);
      const file = join(dir, 'overview.svg');
      await d.saveAs(file);
      const svg = readFileSync(file, 'utf8');
      const clusters = (await page.evaluate(() => window.__chokepointScaled!.scope().clusterNodes.length)).toLocaleString('en-US');
      expect(svg).toContain(`${clusters} of ${clusters} clusters`);
      expect(svg).toContain(`${entities.toLocaleString('en-US')} entities`);
      expect(svg).toContain('ties between clusters');
      expect(svg).toContain('cluster (by its members)');
      expect(svg).not.toContain('associate');
    } finally {
      await page.close();
    }
  }, 120_000);

  it('names both records of a pair that no piece shown holds, and opens the entity of either', async () => {
    const { page, errors, ready } = await openOverview(served.url);
    const pair = page.locator('#case .same-pair').first();
    await pair.waitFor();
    const names = pair.locator('.pair-names button');
    await expect(names.nth(0).textContent()).resolves.toBe(`${pairA.name} (${pairA.id})`);
    await expect(names.nth(1).textContent()).resolves.toBe(`${pairB.name} (${pairB.id})`);
    await expect(names.nth(1).isEnabled()).resolves.toBe(true);
    // The overview carries a hundred of the 150 pairs (the rest are in the pieces of their entities), and counts all.
    expect(await page.evaluate(async () => ((await (await fetch('/overview.json')).json()) as Report).resolution.possible.length)).toBe(100);
    await expect(page.locator('#case-same-head').textContent()).resolves.toBe('One entity or two? (0 of 150 pairs judged)');
    await expect(page.locator('#case-same li.hint').textContent()).resolves.toMatch(/^and 50 more pairs: each is in the panel of its entity/);
    await page.screenshot({ path: screenshotPath('viewer-scale-same-pair.png') });
    // Opening the second record loads its neighbourhood (no piece held it), where the pair is still named.
    await names.nth(1).click();
    await ready('entity');
    expect(await page.evaluate(() => window.__chokepointScaled!.scope().center)).toBe(pairB.id);
    const again = page.locator('#case .same-pair').first().locator('.pair-names button');
    await again.first().waitFor();
    await expect(again.nth(0).textContent()).resolves.toBe(`${pairA.name} (${pairA.id})`);
    // The piece carries its own pair; the overview's are kept beside it, and all are still counted.
    await expect(page.locator('#case-same-head').textContent()).resolves.toBe('One entity or two? (0 of 150 pairs judged)');
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  it('goes on with a case loaded in the browser from piece to piece, listing a pair it judges that no piece carried as the analysis left it', async () => {
    // A case file judging a pair past the overview's first hundred (its records in copy 140 of the demo).
    const far = { a: report0.entities[140 * 198 + 5], b: report0.entities[140 * 198 + 6] };
    const now = '2026-12-07T10:00:00.000Z';
    const judged = setJudgement(setTitle(emptyCase({ bundle: report0.input.bundle, now }), 'Copy 140', now), far.a.id, far.b.id, 'not-same', 'Ana Duarte', now);
    const caseFile = join(dir, 'loaded-case.json');
    writeFileSync(caseFile, serializeCase(judged));
    const { page, errors, ready } = await openOverview(served.url);
    await page.locator('#case-load').setInputFiles(caseFile);
    const judgedPair = page.locator('#case .same-pair', { hasText: far.a.name }).first();
    await judgedPair.waitFor();
    // The server gave the pair (the overview did not carry it): left for review, not kept apart.
    await expect(judgedPair.locator('.found').textContent()).resolves.toMatch(/^Possibly the same, left for review \(0\.90\)/);
    await expect(page.locator('#case-same-head').textContent()).resolves.toBe('One entity or two? (1 of 150 pairs judged)');
    // Another piece: the same case (in this page only, not saved anywhere), the pair as the analysis left it.
    const [nodeId] = (await page.evaluate(() => window.__chokepointScaled!.scope().clusterNodes))[0];
    await page.evaluate((id) => window.__chokepointScaled!.app().select(id), nodeId);
    await page.locator('#scope-title').click();
    await page.locator('#scope-open-cluster').click();
    await ready('cluster');
    await page.locator('#case-same-head', { hasText: '1 of 150' }).waitFor();
    await expect(page.locator('#case-title').inputValue()).resolves.toBe('Copy 140');
    await expect(page.locator('#case .same-pair', { hasText: far.a.name }).first().locator('.found').textContent()).resolves.toMatch(/left for review/);
    await expect(page.locator('#case-status').textContent()).resolves.toMatch(/Kept in this page only/);
    await page.locator('#case .same-pair', { hasText: far.a.name }).first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('viewer-scale-loaded-case.png') });
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  it('a saved view keeps the piece of the report that was open, and opening it from the overview opens that piece', async () => {
    const caseFile = join(dir, 'scaled-case.json');
    const withCase = await serve(reportPath, '--case', caseFile);
    try {
      const { page, ready } = await openOverview(withCase.url);
      const [nodeId, node] = (await page.evaluate(() => window.__chokepointScaled!.scope().clusterNodes))[0];
      await page.evaluate((id) => window.__chokepointScaled!.app().select(id), nodeId);
      await page.locator('#scope-title').click();
      await page.locator('#scope-open-cluster').click();
      await ready('cluster');
      await page.evaluate(() => window.__chokepointScaled!.app().view.stopLayout());
      await page.locator('#case-view-name').waitFor();
      await page.fill('#case-author', 'Ana Duarte');
      await page.press('#case-author', 'Tab');
      await page.fill('#case-view-name', 'The first cluster');
      await page.click('#case-save-view');
      const saved = async () => (existsSync(caseFile) ? (JSON.parse(readFileSync(caseFile, 'utf8')) as { views: { state: { scope?: unknown } }[] }).views : []);
      await until(async () => (await saved()).length === 1, async () => `a saved view in ${caseFile}`);
      expect((await saved())[0].state.scope).toEqual({ kind: 'cluster', cluster: node.cluster });
      await page.locator('#scope-overview').click();
      await ready('overview');
      await page.locator('#case-views .view-open').first().waitFor();
      await expect(page.locator('#case-views .view-open').first().textContent()).resolves.toContain(`cluster ${node.cluster}`);
      await page.locator('#case-views .view-open').first().click();
      await ready('cluster');
      expect(await page.evaluate(() => window.__chokepointScaled!.scope().center)).toBe(node.cluster);
      await page.close();
    } finally {
      withCase.process.kill('SIGINT');
    }
  }, 180_000);
});
