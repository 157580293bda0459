import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { effectiveRules, loadRules, parseRules, renderRulesMarkdown, RulesFileError, type RulesProblem } from '@chokepoint/flags';
import { bundleOf, company, flagsOf, ship } from './helpers';

function problems(text: string, file = 'rules.yaml'): RulesProblem[] {
  try {
    parseRules(text, file);
  } catch (err) {
    if (err instanceof RulesFileError) return err.problems;
    throw err;
  }
  throw new Error('expected the rules file to be refused');
}

describe('rules files', () => {
  it('turns rules off, changes parameters and severities', () => {
    const config = parseRules(
      ['rules:', '  new-company: false', '  volume-anomaly:', '    severity: high', '    parameters:', '      threshold: 5', '      minPeers: 4'].join('\n'),
      'rules.yaml',
    );
    const rules = effectiveRules(config);
    expect(rules.find((r) => r.id === 'new-company')!.enabled).toBe(false);
    expect(rules.find((r) => r.id === 'volume-anomaly')).toMatchObject({ enabled: true, severity: 'high', parameters: { threshold: 5, minPeers: 4, minKg: 1000 } });
    expect(rules.find((r) => r.id === 'rapid-transit')!.parameters).toEqual({ maxDwellDays: 14, maxChainDays: 30, chainSeverity: 'high', watchlistOnly: false, exemptResellers: true, radiusKm: null, intraGroupSeverity: 'low' });
  });

  it('reads JSON too', () => {
    const config = parseRules('{"rules": {"rapid-transit": {"parameters": {"maxDwellDays": 3}}}}', 'rules.json');
    expect(effectiveRules(config).find((r) => r.id === 'rapid-transit')!.parameters.maxDwellDays).toBe(3);
  });

  it('names the line, setting and reason of every mistake', () => {
    const text = [
      'rules:',
      '  volume-anomally: false',
      '  rapid-transit:',
      '    parameters:',
      '      maxDwellDays: "two weeks"',
      '      maxChainDays: -1',
      '      dwell: 3',
      '    severity: urgent',
      'watchlists: []',
    ].join('\n');
    expect(problems(text)).toEqual([
      { file: 'rules.yaml', line: 9, path: 'watchlists', reason: 'unknown setting (did you mean "watchlist"?); expected rules, watchlist, sectorFit, sectorKeywords' },
      {
        file: 'rules.yaml',
        line: 2,
        path: 'rules.volume-anomally',
        reason:
          'unknown rule (did you mean "volume-anomaly"?); rules are off-profile-purchase, precursor-watchlist, volume-anomaly, third-party-payer, consignee-mismatch, rapid-transit, linked-family-group, border-junction, new-company, listed-party-match, shipment-to-listed, unit-price, transshipment-hub, address-hub, round-tripping, forwarder-consignee, many-commodities',
      },
      { file: 'rules.yaml', line: 5, path: 'rules.rapid-transit.parameters.maxDwellDays', reason: 'expected a number, got string "two weeks"' },
      { file: 'rules.yaml', line: 6, path: 'rules.rapid-transit.parameters.maxChainDays', reason: '-1 is out of range (0 to 3650)' },
      {
        file: 'rules.yaml',
        line: 7,
        path: 'rules.rapid-transit.parameters.dwell',
        reason: 'unknown parameter; rapid-transit has maxDwellDays, maxChainDays, chainSeverity, watchlistOnly, exemptResellers, radiusKm, intraGroupSeverity',
      },
      { file: 'rules.yaml', line: 8, path: 'rules.rapid-transit.severity', reason: 'expected one of low, medium, high, got string "urgent"' },
    ]);
  });

  it('reports YAML syntax errors with their line', () => {
    const [p] = problems('rules:\n  new-company: false\n   rapid-transit: [\n');
    expect(p.line).toBeGreaterThanOrEqual(2);
    expect(p.reason).toMatch(/^not valid YAML or JSON/);
  });

  it('validates watch-list and mapping extensions', () => {
    const text = ['watchlist:', '  - id: urea', '    name: urea', '    hs: 3102.10', 'sectorFit:', '  - isic: 0111', '    hs: ["31"]', '    note: x'].join('\n');
    const found = problems(text);
    expect(found.map((p) => [p.line, p.path])).toEqual([
      [4, 'watchlist.0.hs'],
      [8, 'sectorFit.0.note'],
    ]);
    expect(found[0].reason).toMatch(/expected a digit code/);
  });

  it('takes the three watch-list categories, and names them when another is written', () => {
    const entry = (category: string) => ['watchlist:', '  - id: chips', '    name: integrated circuits', `    category: ${category}`, '    hs: "854231"'].join('\n');
    for (const category of ['explosive-precursor', 'ied-component', 'dual-use']) expect(parseRules(entry(category), 'rules.yaml').watchlist[0].category).toBe(category);
    expect(problems(entry('dual use goods')).map((p) => [p.line, p.path, p.reason])).toEqual([[4, 'watchlist.0.category', 'expected explosive-precursor, ied-component, dual-use, got string "dual use goods"']]);
  });

  it('reads the shipped rules file of the Common High Priority List: dual-use goods with their users and sources', () => {
    const config = loadRules(join(__dirname, '..', '..', '..', 'data', 'rules', 'common-high-priority-list.yaml'));
    expect(config.watchlist.map((w) => [w.id, w.category, w.hsPrefixes])).toEqual([
      ['chpl-integrated-circuits', 'dual-use', ['854231', '854232', '854233', '854239']],
      ['chpl-radio-and-navigation-modules', 'dual-use', ['851762', '852691']],
    ]);
    for (const w of config.watchlist) {
      expect(w.users.length).toBeGreaterThan(5);
      expect(w.source).toMatch(/^Common High Priority List/);
    }
  });

  it('tells a rules file that uses a renamed parameter what it is called now', () => {
    const [p] = problems('rules:\n  rapid-transit:\n    parameters:\n      exemptWholesale: false\n');
    expect(p).toMatchObject({ line: 4, path: 'rules.rapid-transit.parameters.exemptWholesale' });
    expect(p.reason).toMatch(/^renamed: write exemptResellers \(it now covers retailers/);
    expect(problems('rules:\n  rapid-transit:\n    parameters:\n      toString: false\n')[0].reason).toMatch(/^unknown parameter/);
  });

  it('accepts ISIC section letters and a piece limit in sector-fit extensions, and refuses other letters', () => {
    const config = parseRules('sectorFit:\n  - isic: C\n    hs: ["8482"]\n    maxPcs: 20\n    rationale: plant upkeep\n', 'rules.yaml');
    expect(config.sectorFit).toEqual([{ isicPrefix: 'C', hsPrefixes: ['8482'], rationale: 'plant upkeep', maxPcs: 20 }]);
    const found = problems('sectorFit:\n  - isic: Z\n    hs: ["8482"]\n    maxPcs: -1\n');
    expect(found.map((p) => p.path)).toEqual(['sectorFit.0.maxPcs', 'sectorFit.0.isic']);
    expect(found[1].reason).toMatch(/an ISIC section letter \(A to U\)/);
  });

  it('keeps the leading zero of codes written without quotes', () => {
    const config = parseRules('sectorFit:\n  - isic: 0111\n    hs: [31, 1001]\n', 'rules.yaml');
    expect(config.sectorFit).toEqual([{ isicPrefix: '0111', hsPrefixes: ['31', '1001'], rationale: 'rules file rules.yaml' }]);
  });

  it('extends the watch list and the sector mapping', () => {
    const config = parseRules(
      ['watchlist:', '  - id: urea', '    name: urea fertiliser', '    hs: "310210"', '    users: ["2012"]', 'sectorKeywords:', '  - keyword: quarry', '    isic: "0810"'].join('\n'),
      'rules.yaml',
    );
    const bundle = bundleOf({
      entities: [company('dist', { isic: '4669' }), company('q', { sector: 'stone quarry' })],
      shipments: [ship('dist', 'q', { commodity: 'urea', hsCode: '310210', quantity: 5, unit: 't' })],
    });
    expect(flagsOf(bundle, 'precursor-watchlist')).toEqual([]);
    const [flag] = flagsOf(bundle, 'precursor-watchlist', config);
    expect(flag.evidence).toMatchObject({ watchlist: { id: 'urea', source: 'rules file rules.yaml' }, buyerLineOfBusiness: { isic: '0810', isicFrom: 'sector' } });
  });

  it('a disabled rule gives no flags; a changed parameter changes the result', () => {
    const bundle = bundleOf({
      entities: [company('dist', { isic: '4669' }), company('shop', { isic: '4741' })],
      shipments: [ship('dist', 'shop', { commodity: 'aluminium paste', hsCode: '321290', quantity: 6, unit: 't' })],
    });
    expect(flagsOf(bundle, 'off-profile-purchase')).toHaveLength(1);
    expect(flagsOf(bundle, 'off-profile-purchase', parseRules('rules: {off-profile-purchase: false}', 'r.yaml'))).toEqual([]);
    expect(flagsOf(bundle, 'off-profile-purchase', parseRules('rules: {off-profile-purchase: {parameters: {minKg: 10000}}}', 'r.yaml'))).toEqual([]);
  });

  it('reads files from disk and says when one is missing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chokepoint-rules-'));
    try {
      writeFileSync(join(dir, 'r.yml'), 'rules:\n  border-junction:\n    parameters:\n      radiusKm: 20\n');
      expect(effectiveRules(loadRules(join(dir, 'r.yml'))).find((r) => r.id === 'border-junction')!.parameters.radiusKm).toBe(20);
      expect(() => loadRules(join(dir, 'missing.yaml'))).toThrow(/missing\.yaml: cannot read the file/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('docs/red-flags.md', () => {
  it('holds the rule reference generated from the registry (run scripts/gen-red-flags-doc.js after changing a rule)', () => {
    const doc = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'red-flags.md'), 'utf8');
    const start = doc.indexOf('-->', doc.indexOf('<!-- rules:start')) + 3;
    const end = doc.indexOf('<!-- rules:end -->');
    expect(doc.slice(start, end).trim()).toBe(renderRulesMarkdown().trim());
  });
});
