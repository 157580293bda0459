import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { reportProblems, type Report } from '@chokepoint/report';
import { DEMO, removeTempDirs, run, tempDir } from './run';

afterAll(removeTempDirs);

/** The demo scenario's groups (see data/scenarios/border-procurement/README.md). */
const AKCAKALE_GROUP = ['tr-akc-01', 'tr-akc-02', 'tr-akc-03', 'tr-akc-04', 'tr-akc-05', 'tr-akc-06', 'tr-akc-07', 'tr-akc-08', 'tr-akc-09'];
const SIVEREK_GROUP = ['tr-svr-01', 'tr-svr-02', 'tr-svr-03', 'tr-svr-04', 'tr-svr-05', 'tr-svr-06'];
const PHONE_SHOP = 'tr-akc-01';

async function analyzeDemo(...flags: string[]): Promise<{ report: Report; stdout: string }> {
  const out = join(tempDir(), 'report.json');
  const r = await run('analyze', DEMO, '--out', out, '--quiet', ...flags);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return { report: JSON.parse(readFileSync(out, 'utf8')) as Report, stdout: r.stdout };
}

/** The cluster holding most of the group's members, and the share of the group it holds. */
function clusterOf(report: Report, group: string[]) {
  const counts = new Map<number, number>();
  for (const id of group) {
    const c = report.entities.find((e) => e.id === id)!.cluster;
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  const [id, n] = [...counts].sort((a, b) => b[1] - a[1])[0];
  return { cluster: report.clusters.find((c) => c.id === id)!, share: n / group.length };
}

describe('the demo scenario through the CLI', () => {
  let base: { report: Report; stdout: string };
  beforeAll(async () => {
    base = await analyzeDemo();
  });

  it('reads the whole scenario and writes a valid report', () => {
    const { report } = base;
    expect(reportProblems(report)).toEqual([]);
    expect(report.input.counts.entities).toBeGreaterThanOrEqual(150);
    expect(report.input.counts.entities).toBeLessThanOrEqual(300);
    expect(report.input.counts.shipments).toBeGreaterThanOrEqual(500);
    expect(report.input.counts.rejectedRows).toBe(0);
    const suppliers = new Set(report.shipments.filter((s) => s.originCountry !== 'TR').map((s) => s.supplier));
    const countries = new Set(report.entities.filter((e) => suppliers.has(e.id)).map((e) => e.country));
    expect(suppliers.size).toBeGreaterThanOrEqual(50);
    expect(countries.size).toBeGreaterThanOrEqual(20);
    for (const c of ['GB', 'DK', 'ES']) expect(countries).toContain(c);
  });

  it('finds the Akçakale group as one cluster near a border crossing', () => {
    const { cluster, share } = clusterOf(base.report, AKCAKALE_GROUP);
    expect(share).toBe(1);
    expect(cluster.borderProximate).toBe(true);
    expect(cluster.nearestPlace!.name).toMatch(/Akçakale/);
    expect(cluster.nearestPlace!.distanceKm).toBeLessThan(10);
    expect(base.stdout).toMatch(new RegExp(`Clusters near border crossings: \\d+\\n  Cluster ${cluster.id}: `));
  });

  it('finds the Siverek group (about 120 km away) near a border only with --radius-km 150', async () => {
    const near = clusterOf(base.report, SIVEREK_GROUP);
    expect(near.share).toBe(1);
    expect(near.cluster.borderProximate).toBe(false);
    expect(near.cluster.nearestPlace!.distanceKm).toBeGreaterThan(110);
    expect(near.cluster.nearestPlace!.distanceKm).toBeLessThan(130);
    const wide = await analyzeDemo('--radius-km', '150');
    const far = clusterOf(wide.report, SIVEREK_GROUP);
    expect(far.cluster.borderProximate).toBe(true);
    expect(wide.report.parameters.radiusKm).toBe(150);
  });

  it('ranks the distributor that sold aluminium paste to the phone shop among the top key nodes', () => {
    const { report, stdout } = base;
    const paste = report.shipments.find((s) => s.buyer === PHONE_SHOP && /aluminium paste/i.test(s.commodity))!;
    expect(paste.quantityKg).toBe(6000);
    const distributor = paste.supplier;
    const top = report.keyNodes.slice(0, 3).map((k) => k.id);
    expect(top).toContain(distributor);
    const key = report.keyNodes.find((k) => k.id === distributor)!;
    expect(key.articulation).toBe(true);
    expect(key.reasons.join(' ')).toMatch(/articulation point/);
    expect(stdout).toContain(`(${distributor}; company, TR;`);
  });

  it('keeps the groups together for other seeds too', async () => {
    for (const seed of ['2', '3']) {
      const { report } = await analyzeDemo('--seed', seed);
      expect(clusterOf(report, AKCAKALE_GROUP)).toMatchObject({ share: 1, cluster: { borderProximate: true } });
      expect(clusterOf(report, SIVEREK_GROUP).cluster.borderProximate).toBe(false);
    }
  });
});
