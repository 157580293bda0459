import { analyze } from '@chokepoint/engine';
import { evaluateFlags, loadReference, parseRules, RULES } from '@chokepoint/flags';
import type { Bundle } from '@chokepoint/model';
import { bundleOf, company, crossing, resultOf, ship } from './helpers';

describe('every ISIC class is judged', () => {
  it('a travel agency (ISIC 7911) buying chemicals is off its profile (it had no sector-fit row, so it was never judged)', () => {
    const reference = loadReference();
    const agency = company('travel', { isic: '7911', sector: 'travel agency' });
    const dist = company('dist', { isic: '4669' });
    const bundle = bundleOf({
      entities: [agency, dist],
      shipments: [
        ship('dist', 'travel', { id: 'acid', commodity: 'nitric acid', hsCode: '280800', quantity: 2, unit: 't', concentration: 65 }),
        ship('dist', 'travel', { id: 'paper', commodity: 'printed brochures', hsCode: '491110', quantity: 200, unit: 'kg' }),
      ],
    });
    const result = evaluateFlags(bundle, analyze(bundle, { radiusKm: 50 }), reference);
    expect(result.flags.filter((f) => f.rule === 'off-profile-purchase').map((f) => f.shipment)).toEqual(['acid']);
    expect(result.flags.find((f) => f.id === 'precursor-watchlist/acid')!.severity).toBe('high');
    expect(result.rules.find((r) => r.id === 'off-profile-purchase')!.coverage).toEqual({ unit: 'shipments', judged: 2, notJudged: [] });
  });
});

describe('what each rule could not judge', () => {
  const dist = company('dist', { isic: '4669', lat: 37.0, lon: 37.4, founded: '1990-01-01' });
  const shop = company('shop', { isic: '4741', lat: 36.71, lon: 38.95, founded: '2001-01-01' });
  const unknown = company('unknown', { founded: '2010-01-01' });
  const nowhere = company('nowhere', { isic: '4741' });
  const bundle: Bundle = bundleOf({
    entities: [dist, shop, unknown, nowhere],
    places: [crossing('akc', 36.6936, 38.9436)],
    shipments: [
      ship('dist', 'shop', { id: 'paste', commodity: 'aluminium paste', hsCode: '321290', quantity: 6, unit: 't', shipped: '2016-03-02' }),
      ship('dist', 'shop', { id: 'nohs', commodity: 'leather cases', quantity: 10, unit: 'kg' }),
      ship('dist', 'unknown', { id: 'chlorate', commodity: 'sodium chlorate', hsCode: '282911', quantity: 2, unit: 't' }),
      ship('dist', 'nowhere', { id: 'phones', commodity: 'mobile phones', hsCode: '851712', quantity: 400, unit: 'pcs', consignee: 'unknown' }),
    ],
  });

  it('counts, for every rule that ran, the items judged and the ones not judged, by reason', () => {
    const coverage = Object.fromEntries(resultOf(bundle).rules.map((r) => [r.id, r.coverage]));
    expect(coverage).toEqual({
      'off-profile-purchase': {
        unit: 'shipments',
        judged: 2,
        notJudged: [
          { reason: 'no HS code', count: 1 },
          { reason: 'buyer’s line of business unknown (no ISIC code, and no sector keyword matched)', count: 1 },
        ],
      },
      'precursor-watchlist': {
        unit: 'watch-listed shipments',
        judged: 2,
        notJudged: [{ reason: 'buyer’s line of business unknown (flagged: documented use could not be checked)', count: 1 }],
      },
      'volume-anomaly': {
        unit: 'shipments',
        judged: 0,
        notJudged: [
          { reason: 'no HS code', count: 1 },
          { reason: 'quantity not in kg (no mass, or a unit that cannot be weighed)', count: 1 },
          { reason: 'buyer’s line of business unknown', count: 1 },
          { reason: 'too few peers (other buyers of the heading in the ISIC class, fewer than minPeers)', count: 1 },
        ],
      },
      'third-party-payer': { unit: 'shipments paid for by someone other than the buyer', judged: 0, notJudged: [] },
      'consignee-mismatch': {
        unit: 'shipments delivered to a consignee other than the buyer',
        judged: 0,
        notJudged: [{ reason: 'consignee’s line of business unknown (fit and forwarder not checked)', count: 1 }],
      },
      'rapid-transit': {
        unit: 'shipments received',
        judged: 1,
        notJudged: [{ reason: 'no date of arrival or shipping', count: 3 }],
      },
      'linked-family-group': { unit: 'company groups with at least minCompanies companies', judged: 0, notJudged: [] },
      'border-junction': {
        unit: 'companies',
        judged: 2,
        notJudged: [{ reason: 'no coordinates (distance to a crossing unknown)', count: 2 }],
      },
      'new-company': {
        unit: 'companies that bought or received watch-listed goods',
        judged: 1,
        notJudged: [
          { reason: 'no founding date', count: 1 },
          { reason: 'no date on its watch-listed shipments', count: 1 },
        ],
      },
      'unit-price': { unit: 'shipments', judged: 0, notJudged: [{ reason: 'no value, currency or quantity (no unit price)', count: 4 }] },
      'transshipment-hub': {
        unit: 'watch-listed shipments (every shipment when watchListedOnly is false)',
        judged: 0,
        notJudged: [{ reason: 'destination unknown (no destination country, and the receiver’s country not recorded)', count: 3 }],
      },
      'address-hub': { unit: 'companies with an address or phone number', judged: 0, notJudged: [] },
      'round-tripping': {
        unit: 'shipments sold outside the seller’s company group',
        judged: 1,
        notJudged: [{ reason: 'no date (shipped or received): the order of shipments cannot be told', count: 3 }],
      },
      'forwarder-consignee': {
        unit: 'watch-listed shipments',
        judged: 1,
        notJudged: [{ reason: 'final recipient’s line of business unknown (whether it is a forwarder or trader not checked)', count: 2 }],
      },
      'many-commodities': {
        unit: 'companies that bought or received watch-listed goods',
        judged: 0,
        notJudged: [{ reason: 'number of employees unknown (judged as a small company)', count: 3 }],
      },
      // Without a list, the listed-party rules judge nothing (screening: docs/screening.md).
      'listed-party-match': { unit: 'entities screened against lists', judged: 0, notJudged: [] },
      'shipment-to-listed': { unit: 'shipments (when lists were screened against)', judged: 0, notJudged: [] },
    });
  });

  it('is plain JSON, the same on every run, and absent for a rule that did not run', () => {
    const once = JSON.stringify(resultOf(bundle).rules);
    expect(JSON.stringify(JSON.parse(once))).toBe(once);
    expect(JSON.stringify(resultOf(bundle).rules)).toBe(once);
    const off = resultOf(bundle, parseRules('rules: {new-company: false}', 'r.yaml')).rules.find((r) => r.id === 'new-company')!;
    expect(off.coverage).toBeUndefined();
  });

  it('every rule declares its coverage unit and reasons, and documents how it treats trade inside a group', () => {
    for (const rule of RULES) {
      expect(rule.coverage.unit.length).toBeGreaterThan(0);
      expect(rule.intraGroup.length).toBeGreaterThan(20);
    }
  });
});

describe('how far the rules are', () => {
  it('is told before each enabled rule: how many are done, of how many enabled', () => {
    const reference = loadReference();
    const bundle = bundleOf({ entities: [company('dist', { isic: '4669' }), company('shop', { isic: '4741' })], shipments: [ship('dist', 'shop', { id: 's' })] });
    const analysis = analyze(bundle, { radiusKm: 50 });
    const seen: [number, number][] = [];
    // (within a rule, the share of its items read: progress.test.ts)
    evaluateFlags(bundle, analysis, reference, undefined, {}, { onProgress: (done, total, within) => within === undefined && seen.push([done, total]) });
    expect(seen).toEqual(RULES.map((_, k) => [k, RULES.length]));
    const off = parseRules('rules: {unit-price: {enabled: false}, round-tripping: {enabled: false}}', 'r.yaml');
    const fewer: [number, number][] = [];
    evaluateFlags(bundle, analysis, reference, off, {}, { onProgress: (done, total, within) => within === undefined && fewer.push([done, total]) });
    expect(fewer).toEqual(RULES.slice(2).map((_, k) => [k, RULES.length - 2]));
  });
});
