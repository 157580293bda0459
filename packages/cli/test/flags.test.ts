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

  it('a missing reference folder is a clear input error', async () => {
    const r = await run('analyze', TINY, '--reference', join(tempDir(), 'none'), '--quiet');
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/cannot read the reference file .*watchlist\.csv/);
  });
});
