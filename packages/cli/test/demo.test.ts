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

/**
 * The red flags planted in the demo scenario (data/scenarios/border-procurement/README.md, "Planted red flags"):
 * each must be found, by rule and shipment (or entity), and no ordinary business may be flagged.
 */
const PLANTED: [rule: string, subject: string][] = [
  ['off-profile-purchase', 's-0286'], // phone shop buys 6 t aluminium paste
  ['off-profile-purchase', 's-0354'], // bakery buys potassium nitrate
  ['off-profile-purchase', 's-0542'],
  ['off-profile-purchase', 's-0518'], // sheep farm buys potassium nitrate
  ['precursor-watchlist', 's-0286'],
  ['precursor-watchlist', 's-0366'], // 78 t sorbitol to a cereal farm
  ['precursor-watchlist', 's-0324'], // sodium chlorate to a general trader
  ['precursor-watchlist', 's-0440'], // motion-control units
  ['precursor-watchlist', 's-0418'], // detonating cord to a builder
  ['precursor-watchlist', 's-0408'], // aluminium powder to a new company
  ['precursor-watchlist', 's-0461'], // acetone to a cleaning-products wholesaler
  ['precursor-watchlist', 's-0371'], // nitric acid to a hardware store
  ['precursor-watchlist', 's-0672'], // magnesium powder
  ['volume-anomaly', 'tr-akc-07'], // 2-person fertiliser shop, 330 t of HS 3102
  ['third-party-payer', 's-0440'], // car-hire firm pays for motion-control units
  ['third-party-payer', 's-0513'],
  ['third-party-payer', 's-0633'],
  ['third-party-payer', 's-0366'], // unrelated grain trader pays for the sorbitol
  ['consignee-mismatch', 's-0440'], // motion-control units delivered to the phone shop
  ['consignee-mismatch', 's-0513'],
  ['consignee-mismatch', 's-0633'],
  ['consignee-mismatch', 's-0554'],
  ['consignee-mismatch', 's-0324'], // delivered to the border warehouse
  ['consignee-mismatch', 's-0672'],
  ['rapid-transit', 's-0286'], // aluminium paste: 11 days to the border
  ['rapid-transit', 's-0440'], // motion-control units: 14 days
  ['rapid-transit', 's-0354'], // potassium nitrate
  ['rapid-transit', 's-0366'], // sorbitol
  ['rapid-transit', 's-0408'], // aluminium powder
  ['rapid-transit', 's-0461'], // acetone
  ['rapid-transit', 's-0591'], // ammonium nitrate
  ['rapid-transit', 's-0606'], // nitric acid
  ['border-junction', 'tr-akc-03'],
  ['new-company', 's-0408'],
];

describe('red flags on the demo scenario', () => {
  let report: Report;
  beforeAll(async () => {
    report = (await analyzeDemo()).report;
  });

  it.each(PLANTED)('finds the planted %s flag on %s', (rule, subject) => {
    expect(report.flags.filter((f) => f.rule === rule && (f.shipment === subject || f.entity === subject)).map((f) => f.id)).not.toEqual([]);
  });

  it('finds both linked family groups, each with several watch-listed commodities', () => {
    const groups = report.flags.filter((f) => f.rule === 'linked-family-group');
    const a = groups.find((f) => f.entities.includes('tr-akc-03'))!;
    const b = groups.find((f) => f.entities.includes('tr-svr-01'))!;
    for (const id of AKCAKALE_GROUP) expect(a.entities).toContain(id);
    expect(a.evidence.distinctCommodities as number).toBeGreaterThanOrEqual(10);
    expect(b.evidence.distinctCommodities as number).toBeGreaterThanOrEqual(3);
  });

  it('flags no ordinary business', () => {
    const flagged = new Set(report.flags.flatMap((f) => f.entities));
    const outside = [...flagged].filter((id) => !id.startsWith('tr-akc-') && !id.startsWith('tr-svr-'));
    expect(outside).toEqual([]);
    const ordinary = report.entities.filter((e) => !e.id.startsWith('tr-akc-') && !e.id.startsWith('tr-svr-'));
    expect(ordinary.every((e) => e.flags.length === 0)).toBe(true);
  });

  it('puts the measured times and the published source in the evidence, and the strongest flags in the summary', async () => {
    const chain = report.flags.find((f) => f.id === 'rapid-transit/s-0286')!;
    expect(chain.evidence).toMatchObject({ dwellDays: 3, chainDays: 11, chainPath: ['tr-dst-01', 'tr-akc-01', 'tr-akc-03', 'tr-akc-04'] });
    expect(report.flags.every((f) => f.source.length > 0 && f.summary.length > 0)).toBe(true);
    const { stdout } = await analyzeDemo();
    // Grouped by rule, each with its title once, then its strongest flags in sentences and a small table.
    expect(stdout).toMatch(/\(precursor-watchlist\): \d+ flags on \d+ entities/);
    expect(stdout).toMatch(/\[high\] Shipment s-0286 \(shipped 2015-03-09\) records Harbeli GSM İletişim \(tr-akc-01\) buying 6,000 kg of aluminium paste \(HS 3212\.90\)/);
    expect(stdout).toMatch(/\| Quantity +\| 6,000 kg/);
    expect(stdout.match(/Watch-listed goods bought by a buyer with no documented use for them/g)).toHaveLength(1);
    expect(stdout).toMatch(/\[high\] Shipment s-0440 \(shipped 2015-10-05\) records Harbelioğlu Dış Ticaret Ltd\. Şti\. \(tr-akc-02\) buying 24 pcs of motion-control units \(HS 8537\.10\)[^\n]*paid for by Güneyyıldız Oto Kiralama \(tr-car-01\)/);
    const clusterA = report.clusters.find((c) => c.members.includes('tr-akc-01'))!;
    expect(clusterA.flaggedMembers).toBeGreaterThanOrEqual(9);
  });
});
