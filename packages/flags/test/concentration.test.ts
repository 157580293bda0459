import { analyze } from '@chokepoint/engine';
import { evaluateFlags, loadReference, parseRules, RulesFileError, type RulesConfig } from '@chokepoint/flags';
import type { Bundle } from '@chokepoint/model';
import { bundleOf, company, ship } from './helpers';

/** These tests use the shipped reference tables: the limits are those of data/reference/watchlist.csv. */
const reference = loadReference();
function run(bundle: Bundle, config?: RulesConfig) {
  return evaluateFlags(bundle, analyze(bundle, { radiusKm: 50 }), reference, config);
}
const watchFlags = (bundle: Bundle, config?: RulesConfig) => run(bundle, config).flags.filter((f) => f.rule === 'precursor-watchlist');

const dist = company('dist', { isic: '4669' });
const pharmacy = company('pharma', { isic: '4772', sector: 'pharmacy' });
const hardware = company('hw', { isic: '4752', sector: 'hardware store' });
const peroxide = (buyer: string, concentration: number | undefined, id: string) =>
  ship('dist', buyer, { id, commodity: 'hydrogen peroxide solution', hsCode: '284700', quantity: 200, unit: 'kg', value: 300, currency: 'EUR', ...(concentration === undefined ? {} : { concentration }) });

describe('concentration limits of Regulation (EU) 2019/1148, Annex I', () => {
  it('a shipment at or below the limit is not a watch-list event; above it, or unstated, it is', () => {
    const bundle = bundleOf({ entities: [dist, hardware], shipments: [peroxide('hw', 3, 'p3'), peroxide('hw', 12, 'p12'), peroxide('hw', 12.5, 'p125'), peroxide('hw', 35, 'p35'), peroxide('hw', undefined, 'pnone')] });
    expect(watchFlags(bundle).map((f) => f.shipment)).toEqual(['p125', 'p35', 'pnone']);
  });

  it('says when the concentration was not stated, and counts it in the rule’s coverage', () => {
    const bundle = bundleOf({ entities: [dist, hardware], shipments: [peroxide('hw', undefined, 'pnone'), peroxide('hw', 35, 'p35')] });
    const result = run(bundle);
    const [stated, unstated] = ['p35', 'pnone'].map((id) => result.flags.find((f) => f.id === `precursor-watchlist/${id}`)!);
    expect(unstated.evidence.concentration).toEqual({ stated: null, limit: 12, basis: 'w/w', source: expect.stringMatching(/2019\/1148, Annex I/) });
    expect(unstated.summary).toMatch(/; the concentration is not stated \(limit 12 % w\/w\)/);
    expect(unstated.explanation.facts).toContainEqual({ label: 'Concentration', value: 'not stated (counted as above the limit)', threshold: 'above 12 % w/w (Annex I limit)' });
    expect(stated.evidence.concentration).toMatchObject({ stated: 35, limit: 12 });
    expect(stated.explanation.sentences).toContain('The stated concentration, 35 %, is above the Annex I limit value of 12 % w/w.');
    expect(result.rules.find((r) => r.id === 'precursor-watchlist')!.coverage).toEqual({
      unit: 'watch-listed shipments',
      judged: 1,
      notJudged: [{ reason: 'concentration not stated (counted as above the Annex I limit)', count: 1 }],
    });
  });

  it('a pharmacy buying 3 % peroxide is not a watch-list event, even when documented users are flagged too', () => {
    const everyone = parseRules('rules: {precursor-watchlist: {parameters: {includeDocumentedUsers: true}}}', 'r.yaml');
    const bundle = bundleOf({ entities: [dist, pharmacy], shipments: [peroxide('pharma', 3, 'weak'), peroxide('pharma', 35, 'strong')] });
    expect(watchFlags(bundle, everyone).map((f) => [f.shipment, f.severity])).toEqual([['strong', 'low']]);
    expect(watchFlags(bundle)).toEqual([]);
  });

  it('ammonium nitrate is measured by its nitrogen: 16 % nitrogen w/w', () => {
    const an = (n: number, id: string) => ship('dist', 'hw', { id, commodity: 'ammonium nitrate', hsCode: '310230', quantity: 5, unit: 't', concentration: n });
    const flags = watchFlags(bundleOf({ entities: [dist, hardware], shipments: [an(15, 'an15'), an(33.5, 'an335')] }));
    expect(flags.map((f) => f.shipment)).toEqual(['an335']);
    expect(flags[0].evidence.concentration).toMatchObject({ stated: 33.5, limit: 16, basis: 'nitrogen w/w' });
  });

  it('goods below the limit count for no other rule either (a linked group)', () => {
    const x = company('x', { isic: '4690', attributes: { phone: '+90 414 555 01 01' } });
    const y = company('y', { isic: '4752', attributes: { phone: '+90 414 555 01 01' } });
    const weak = (buyer: string, hs: string, commodity: string, c: number) => ship('dist', buyer, { commodity, hsCode: hs, quantity: 5, unit: 't', concentration: c });
    const shipments = [weak('x', '284700', 'hydrogen peroxide', 6), weak('y', '280800', 'nitric acid', 2), weak('y', '280700', 'sulphuric acid', 10)];
    expect(run(bundleOf({ entities: [dist, x, y], shipments })).flags.filter((f) => f.rule === 'linked-family-group')).toEqual([]);
    const strong = shipments.map((s) => ({ ...s, concentration: 60 }));
    expect(run(bundleOf({ entities: [dist, x, y], shipments: strong })).flags.filter((f) => f.rule === 'linked-family-group')).toHaveLength(1);
  });

  it('a rules file can set a limit on its own entries, and a bad one is refused with its line', () => {
    const config = parseRules(
      ['watchlist:', '  - id: bleach', '    name: sodium hypochlorite', '    hs: "282810"', '    concentrationLimit: 10', '    users: ["3600"]', '    usersSource: our guidance'].join('\n'),
      'r.yaml',
    );
    expect(config.watchlist[0]).toMatchObject({ concentrationLimit: 10, concentrationBasis: 'w/w', usersSource: 'our guidance' });
    const bleach = (c: number, id: string) => ship('dist', 'hw', { id, commodity: 'bleach', hsCode: '282810', quantity: 1, unit: 't', concentration: c });
    expect(watchFlags(bundleOf({ entities: [dist, hardware], shipments: [bleach(5, 'b5'), bleach(14, 'b14')] }), config).map((f) => f.shipment)).toEqual(['b14']);
    expect(() => parseRules(['watchlist:', '  - id: bad', '    name: bad', '    hs: "2847"', '    concentrationLimit: 150'].join('\n'), 'r.yaml')).toThrow(RulesFileError);
    try {
      parseRules(['watchlist:', '  - id: bad', '    name: bad', '    hs: "2847"', '    concentrationLimit: 150'].join('\n'), 'r.yaml');
    } catch (err) {
      expect((err as RulesFileError).problems).toEqual([{ file: 'r.yaml', line: 5, path: 'watchlist.0.concentrationLimit', reason: 'expected a percentage above 0 and at most 100, got number 150' }]);
    }
  });
});
