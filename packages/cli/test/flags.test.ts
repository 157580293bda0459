import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { reportProblems, type Report } from '@chokepoint/report';
import { removeTempDirs, run, tempDir, TINY } from './run';

afterAll(removeTempDirs);

describe('red flags through the CLI', () => {
  it('chokepoint rules lists every rule with parameters, defaults and sources', async () => {
    const r = await run('rules');
    expect(r.code).toBe(0);
    for (const id of [
      'off-profile-purchase',
      'precursor-watchlist',
      'volume-anomaly',
      'third-party-payer',
      'consignee-mismatch',
      'rapid-transit',
      'linked-family-group',
      'border-junction',
      'new-company',
      'unit-price',
      'transshipment-hub',
      'address-hub',
      'round-tripping',
      'forwarder-consignee',
      'many-commodities',
      'listed-party-match',
      'shipment-to-listed',
    ]) {
      expect(r.stdout).toContain(`${id}: `);
    }
    expect(r.stdout).toContain('- maxDwellDays (integer, 0 to 365; default 14)');
    expect(r.stdout).toContain('Regulation (EU) 2019/1148');
    expect(r.stdout).toContain('never a verdict');
    const json = JSON.parse((await run('rules', '--json')).stdout);
    expect(json.rules).toHaveLength(17);
    expect(r.stdout).toContain('- extraHubs (country codes; default none)');
    expect(json.rules[5].parameters[0]).toMatchObject({ name: 'maxDwellDays', default: 14, value: 14 });
  });

  it('--rules changes what runs, and the report records it', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'rules.yaml'), 'rules:\n  off-profile-purchase: false\n  precursor-watchlist:\n    severity: low\n    parameters: {severityWhenOffProfile: medium}\n');
    const listed = await run('rules', '--rules', join(dir, 'rules.yaml'));
    expect(listed.stdout).toContain('off-profile-purchase (disabled)');
    expect(listed.stdout).toContain('severity: low (default medium)');
    const out = join(dir, 'report.json');
    const r = await run('analyze', TINY, '--out', out, '--quiet', '--rules', join(dir, 'rules.yaml'));
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
    expect(reportProblems(report)).toEqual([]);
    expect(report.parameters.rulesFile).toBe('rules.yaml');
    expect(report.flags.filter((f) => f.rule === 'off-profile-purchase')).toEqual([]);
    expect(report.flagRules.find((x) => x.id === 'off-profile-purchase')!.enabled).toBe(false);
    const paste = report.flags.find((f) => f.id === 'precursor-watchlist/t3')!;
    expect(paste.severity).toBe('medium');
  });

  it('a bad rules file stops before the analysis, with every mistake and exit code 3', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'rules.json'), '{"rules": {"rapid-transit": {"parameters": {"maxDwellDays": -3}}, "new-compnay": false}}');
    const r = await run('analyze', TINY, '--out', join(dir, 'report.json'), '--rules', join(dir, 'rules.json'));
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('rules.json line 1, rules.rapid-transit.parameters.maxDwellDays: -3 is out of range (0 to 365)');
    expect(r.stderr).toContain('rules.json line 1, rules.new-compnay: unknown rule (did you mean "new-company"?)');
    expect(r.stderr).not.toContain('chokepoint: reading');
    const missing = await run('analyze', TINY, '--rules', join(dir, 'nope.yaml'), '--quiet');
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/nope\.yaml: cannot read the file/);
  });

  it('weighs goods counted in bags by the net mass their customs rows declare: the volume rule judges them, and its evidence says where the kilograms came from', async () => {
    // Five farms buy urea by the tonne; a two-person farm buys 300 bags (a count of packages), declared at 300,000 kg net.
    const dir = tempDir();
    const farms = [1, 2, 3, 4, 5].map((i) => `f${i},company,Tarla ${i},TR,Urfa,growing of cereals,0111,10`);
    writeFileSync(join(dir, 'entities.csv'), ['id,kind,name,country,city,sector,isic,employees', 'dist,company,Ornek Gubre,TR,Urfa,wholesale of fertilisers,4669,40', ...farms, 'tiny,company,Kucuk Tarla,TR,Urfa,growing of cereals,0111,2'].join('\r\n'));
    const rows = [1, 2, 3, 4, 5].map((i) => `u${i},dist,f${i},urea,3102.10,${20 + 3 * i},t,${(20 + 3 * i) * 1000},2016-03-0${i}`);
    writeFileSync(join(dir, 'shipments.csv'), ['Shipment ID,Exporter,Importer,Product Description,HS Code,Quantity,Unit,Net Weight (kg),Date', ...rows, 'u9,dist,tiny,urea,3102.10,300,bags,300000,2016-03-09'].join('\r\n'));
    const out = join(dir, 'report.json');
    const r = await run('analyze', dir, '--out', out, '--quiet');
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
    expect(reportProblems(report)).toEqual([]);
    const flag = report.flags.find((f) => f.rule === 'volume-anomaly');
    expect(flag).toMatchObject({ entity: 'tiny', evidence: { totalKg: 300000 } });
    expect(flag!.summary).toContain('bought 300,000 kg of HS 3102 goods in 1 shipment: 10.3 times the median of 5 peers');
    // (the explanation says where the kilograms came from)
    expect(flag!.explanation.facts).toContainEqual({ label: 'Total bought', value: '300,000 kg (300,000 kg of it the mass declared beside 300 pcs)' });
    expect(report.shipments.find((x) => x.id === 'u9')).toMatchObject({ quantity: 300, unit: 'pcs', quantityKg: 300000, kgBasis: { source: 'the mass declared in the column "Net Weight (kg)"' } });
    expect(report.measures.quantities).toMatchObject({ weighedByDensity: 0, weighedByDeclaredMass: 1, unweighed: 0 });
    expect(report.input.warnings.map((w) => w.reason)).toContain('300000 kg beside the quantity "300 pcs": the mass is the goods\' weight in kg (the rules compare masses), the quantity kept as counted');
    // (bags, as the extract counts them: packages read as pieces, said once)
    expect(report.input.warnings.map((w) => w.reason)).toContain('"bags" read as pcs: a count of packages, not a WCO unit; a weight_kg column beside it gives the goods\' mass');
    const summary = await run('summary', out);
    expect(summary.stdout).toContain('Quantities: 6 shipments weighed in kg (1 by the mass their rows declare).');
  });

  it('a missing reference folder is a clear input error', async () => {
    const r = await run('analyze', TINY, '--reference', join(tempDir(), 'none'), '--quiet');
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/cannot read the reference file .*watchlist\.csv/);
  });
});
