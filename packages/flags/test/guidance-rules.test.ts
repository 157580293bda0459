/**
 * The six rules from the published guidance (issue 16): each fires on the pattern it describes, and stays quiet on
 * the nearest ordinary case.
 */
import { loadReference, parseReference, parseRules } from '@chokepoint/flags';
import type { Shipment } from '@chokepoint/model';
import { bundleOf, company, flagsOf, person, REFERENCE, resultOf, ship, tie } from './helpers';
import { analyze } from '@chokepoint/engine';
import { evaluateFlags } from '@chokepoint/flags';

describe('unit-price', () => {
  const mill = company('mill', { isic: '1061' });
  const bakeries = [1, 2, 3, 4, 5, 6, 7].map((i) => company(`b${i}`, { isic: '1071' }));
  const flour = (buyer: string, value: number, id?: string): Shipment =>
    ship('mill', buyer, { ...(id ? { id } : {}), commodity: 'wheat flour', hsCode: '110100', quantity: 10, unit: 't', value, currency: 'EUR' });
  const ordinary = [1, 2, 3, 4, 5].map((i) => flour(`b${i}`, 4000 + 150 * i));

  it('flags a price ten times the median of the same goods in the same currency', () => {
    const flags = flagsOf(bundleOf({ entities: [mill, ...bakeries], shipments: [...ordinary, flour('b6', 42000, 'dear')] }), 'unit-price');
    expect(flags.map((f) => f.shipment)).toEqual(['dear']);
    expect(flags[0].evidence).toMatchObject({ direction: 'above', per: 'kg', peers: 5 });
    expect(flags[0].explanation.facts).toContainEqual(expect.objectContaining({ label: 'Unit price', value: 'EUR 4.2 per kg' }));
  });

  it('flags a price far below (under-invoicing) too', () => {
    const flags = flagsOf(bundleOf({ entities: [mill, ...bakeries], shipments: [...ordinary, flour('b6', 400, 'cheap')] }), 'unit-price');
    expect(flags.map((f) => [f.shipment, f.evidence.direction])).toEqual([['cheap', 'below']]);
  });

  it('near miss: twice the median is ordinary price spread', () => {
    expect(flagsOf(bundleOf({ entities: [mill, ...bakeries], shipments: [...ordinary, flour('b6', 9000)] }), 'unit-price')).toEqual([]);
  });

  it('near miss: a price several shipments share is another product under the code, and other currencies are not peers', () => {
    const dearer = [flour('b6', 42000), flour('b7', 41000), flour('b7', 43000), flour('b6', 40000)];
    expect(flagsOf(bundleOf({ entities: [mill, ...bakeries], shipments: [...ordinary, ...dearer] }), 'unit-price')).toEqual([]);
    const usd = ship('mill', 'b6', { commodity: 'wheat flour', hsCode: '110100', quantity: 10, unit: 't', value: 42000, currency: 'USD' });
    expect(flagsOf(bundleOf({ entities: [mill, ...bakeries], shipments: [...ordinary, usd] }), 'unit-price')).toEqual([]);
  });

  it('near miss: too few peers to judge', () => {
    expect(flagsOf(bundleOf({ entities: [mill, ...bakeries], shipments: [...ordinary.slice(0, 3), flour('b6', 42000)] }), 'unit-price')).toEqual([]);
  });
});

describe('transshipment-hub', () => {
  const reference = parseReference({
    watchlist: 'id,name,category,hs_prefixes,keywords,require_keyword,min_pcs,users,source\nmotion-control-units,motion-control units,ied-component,853710,motion,yes,,2710|28,CAR 2020',
    sectorFit: 'isic_prefix,hs_prefixes,rationale\n4690,*,traders',
    sectorKeywords: 'keyword,isic',
    hubs: 'country,name,destinations,source\nAE,United Arab Emirates,RU|BY,FinCEN and BIS 2022\nAM,Armenia,RU|BY,FinCEN and BIS 2022',
  });
  const maker = company('maker', { isic: '2710', country: 'DE' });
  const importer = company('importer', { isic: '4690', country: 'RU' });
  const shopAe = company('agent', { isic: '4690', country: 'AE' });
  const units = (fields: Partial<Shipment>) => ship('maker', 'importer', { commodity: 'motion-control units', hsCode: '853710', quantity: 24, unit: 'pcs', originCountry: 'DE', ...fields });
  const run = (shipments: Shipment[]) => {
    const bundle = bundleOf({ entities: [maker, importer, shopAe], shipments });
    return evaluateFlags(bundle, analyze(bundle, { radiusKm: 50 }), reference).flags.filter((f) => f.rule === 'transshipment-hub');
  };

  it('flags watch-listed goods for Russia routed through a hub the alert names', () => {
    const flags = run([units({ id: 'via-ae', destinationCountry: 'RU', transitCountries: ['AE'] })]);
    expect(flags.map((f) => f.shipment)).toEqual(['via-ae']);
    expect(flags[0].evidence.findings).toEqual([expect.objectContaining({ kind: 'transit-hub', country: 'AE', hub: 'United Arab Emirates' })]);
    expect(flags[0].explanation.sentences.join(' ')).toContain('FinCEN and BIS 2022');
  });

  it('flags a route that leaves its origin and comes back, not a transit list that starts with the origin or ends with the destination', () => {
    // (FR is no hub: only the route's shape is judged; the importer is in RU)
    const flags = run([
      units({ id: 'there-and-back', destinationCountry: 'RU', transitCountries: ['FR', 'DE'] }),
      units({ id: 'origin-first', destinationCountry: 'RU', transitCountries: ['DE', 'FR'] }),
      units({ id: 'destination-last', destinationCountry: 'RU', transitCountries: ['FR', 'RU'] }),
      units({ id: 'origin-alone', transitCountries: ['DE'] }),
      units({ id: 'to-and-fro', destinationCountry: 'RU', transitCountries: ['RU', 'FR'] }),
    ]);
    expect(flags.map((f) => [f.shipment, (f.evidence.findings as { kind: string; country: string }[]).map((x) => `${x.kind} ${x.country}`)])).toEqual([
      ['there-and-back', ['route-back DE']],
      ['to-and-fro', ['route-back RU']],
    ]);
  });

  it('flags a payer in a hub, and raises the severity when two routing facts hold', () => {
    const flags = run([units({ id: 'paid', destinationCountry: 'RU', transitCountries: ['AE'], payer: 'agent' })]);
    expect(flags.map((f) => [f.shipment, f.severity])).toEqual([['paid', 'high']]);
  });

  it('flags a route that does not fit: goods declared for one country received in another', () => {
    const flags = run([units({ id: 'elsewhere', destinationCountry: 'KZ' })]);
    expect(flags[0].evidence.findings).toEqual([expect.objectContaining({ kind: 'destination-mismatch', country: 'RU' })]);
  });

  it('near miss: the same route to a destination the hub is not named for, and ordinary goods through the hub', () => {
    const other = company('buyer-fr', { isic: '4690', country: 'FR' });
    const bundle = bundleOf({
      entities: [maker, importer, shopAe, other],
      shipments: [
        ship('maker', 'buyer-fr', { commodity: 'motion-control units', hsCode: '853710', quantity: 24, unit: 'pcs', originCountry: 'DE', destinationCountry: 'FR', transitCountries: ['AE'] }),
        units({ commodity: 'office chairs', hsCode: '940130', destinationCountry: 'RU', transitCountries: ['AE'] }),
      ],
    });
    expect(evaluateFlags(bundle, analyze(bundle, { radiusKm: 50 }), reference).flags.filter((f) => f.rule === 'transshipment-hub')).toEqual([]);
  });

  it('extraHubs add a hub for any destination; ignoredHubs leave one out', () => {
    const bundle = bundleOf({ entities: [maker, importer, shopAe], shipments: [units({ id: 'x', destinationCountry: 'RU', transitCountries: ['GE'] })] });
    const withGe = parseRules('rules:\n  transshipment-hub:\n    parameters:\n      extraHubs: [GE]\n', 'rules.yaml');
    expect(evaluateFlags(bundle, analyze(bundle, { radiusKm: 50 }), reference, withGe).flags.filter((f) => f.rule === 'transshipment-hub')).toHaveLength(1);
    const bundle2 = bundleOf({ entities: [maker, importer, shopAe], shipments: [units({ id: 'y', destinationCountry: 'RU', transitCountries: ['AE'] })] });
    const noAe = parseRules('rules:\n  transshipment-hub:\n    parameters:\n      ignoredHubs: [AE]\n', 'rules.yaml');
    expect(evaluateFlags(bundle2, analyze(bundle2, { radiusKm: 50 }), reference, noAe).flags.filter((f) => f.rule === 'transshipment-hub')).toEqual([]);
  });

  it('refuses a hub table without a source, and a rules file with a country that is no code', () => {
    expect(() => parseReference({ watchlist: 'id,name,category,hs_prefixes,keywords,require_keyword,min_pcs,users,source', sectorFit: 'isic_prefix,hs_prefixes,rationale', sectorKeywords: 'keyword,isic', hubs: 'country,name,destinations,source\nAE,UAE,RU,' })).toThrow(
      /transshipment-hubs.csv line 2, column "source"/,
    );
    expect(() => parseRules('rules:\n  transshipment-hub:\n    parameters:\n      extraHubs: [Georgia]\n', 'rules.yaml')).toThrow(/ISO 3166-1 alpha-2/);
  });
});

describe('address-hub', () => {
  const at = (id: string, fields = {}) => company(id, { country: 'TR', address: 'Plaza Business Centre, Floor 3, Mersin', ...fields });

  it('flags five unrelated companies at one address, with every company there', () => {
    const flags = flagsOf(bundleOf({ entities: [1, 2, 3, 4, 5].map((i) => at(`c${i}`)) }), 'address-hub');
    expect(flags).toHaveLength(1);
    expect(flags[0].entities.sort()).toEqual(['c1', 'c2', 'c3', 'c4', 'c5']);
    expect(flags[0].evidence.unrelatedCompanies).toBe(5);
  });

  it('reads addresses and phone numbers normalised: case, accents, punctuation, and 00 for +', () => {
    const entities = [
      at('c1', { address: 'PLAZA Business-Centre, Floor 3, Mersin' }),
      at('c2', { address: 'plaza business centre floor 3 mersin' }),
      company('c3', { attributes: { phone: '+90 324 555 0101' } }),
      company('c4', { attributes: { phone: '0090 (324) 555-0101' } }),
      company('c5', { attributes: { phone: '+90 324 555 01 01' } }),
    ];
    const relaxed = parseRules('rules:\n  address-hub:\n    parameters:\n      minUnrelated: 2\n', 'rules.yaml');
    const flags = flagsOf(bundleOf({ entities }), 'address-hub', relaxed);
    expect(flags.map((f) => [f.evidence.kind, f.entities.sort()])).toEqual([
      ['address', ['c1', 'c2']],
      ['phone', ['c3', 'c4', 'c5']],
    ]);
  });

  it('near miss: five companies of one owner at its headquarters are one party', () => {
    const owner = person('owner');
    const companies = [1, 2, 3, 4, 5].map((i) => at(`c${i}`));
    const ties = [tie('owner', 'c1', 'owner'), tie('owner', 'c2', 'director'), tie('c1', 'c3', 'owner'), tie('c3', 'c4', 'owner')];
    expect(flagsOf(bundleOf({ entities: [owner, ...companies], relations: ties }), 'address-hub')).toEqual([]);
  });

  it('raises the severity when a company there bought watch-listed goods', () => {
    const dist = company('dist', { isic: '4669' });
    const flags = flagsOf(
      bundleOf({
        entities: [dist, ...[1, 2, 3, 4, 5].map((i) => at(`c${i}`))],
        shipments: [ship('dist', 'c3', { commodity: 'ammonium nitrate', hsCode: '310230', quantity: 5, unit: 't' })],
      }),
      'address-hub',
    );
    expect(flags.map((f) => [f.entity, f.severity])).toEqual([['c3', 'medium']]);
  });
});

describe('round-tripping', () => {
  const home = company('home', { isic: '1061' });
  const sister = company('sister', { isic: '1061' });
  const a = company('a', { isic: '4690' });
  const b = company('b', { isic: '4690' });
  const flour = (from: string, to: string, shipped: string, id?: string) =>
    ship(from, to, { ...(id ? { id } : {}), commodity: 'wheat flour', hsCode: '110100', quantity: 10, unit: 't', shipped });
  const entities = [home, sister, a, b];
  const relations = [tie('home', 'sister', 'owner')];

  it('flags goods that come back to the group through two outside companies within the window', () => {
    const flags = flagsOf(
      bundleOf({ entities, relations, shipments: [flour('home', 'a', '2020-01-01', 'out'), flour('a', 'b', '2020-02-01'), flour('b', 'sister', '2020-03-01', 'back')] }),
      'round-tripping',
    );
    expect(flags.map((f) => [f.entity, f.shipments.length])).toEqual([['home', 3]]);
    expect(flags[0].entities).toEqual(['home', 'a', 'b', 'sister']);
    expect(flags[0].evidence).toMatchObject({ days: 60, returnedTo: 'sister', outsideCompanies: ['a', 'b'] });
  });

  it('near miss: the circle takes longer than the window, runs backwards in time, or is a plain sale and return', () => {
    const late = [flour('home', 'a', '2020-01-01'), flour('a', 'b', '2020-02-01'), flour('b', 'sister', '2020-09-01')];
    expect(flagsOf(bundleOf({ entities, relations, shipments: late }), 'round-tripping')).toEqual([]);
    const backwards = [flour('home', 'a', '2020-03-01'), flour('a', 'b', '2020-02-01'), flour('b', 'sister', '2020-03-15')];
    expect(flagsOf(bundleOf({ entities, relations, shipments: backwards }), 'round-tripping')).toEqual([]);
    const returned = [flour('home', 'a', '2020-01-01'), flour('a', 'home', '2020-01-20')];
    expect(flagsOf(bundleOf({ entities, relations, shipments: returned }), 'round-tripping')).toEqual([]);
  });

  it('follows a circle through a distributor of few sales; past 500 sales in the window the search stops where it is, and says so', () => {
    // home → a → hub → sister, the hub selling the flour to `n` other firms on the way.
    const hub = company('hub', { isic: '4690' });
    const circle = (n: number) => {
      const firms = Array.from({ length: n }, (_, k) => company(`f${k}`, { isic: '4690' }));
      const shipments = [
        flour('home', 'a', '2020-01-01', 'out'),
        flour('a', 'hub', '2020-01-05', 'in'),
        ...firms.map((f, k) => flour('hub', f.id, '2020-01-10', `sale${k}`)),
        flour('hub', 'sister', '2020-01-20', 'back'),
      ];
      return resultOf(bundleOf({ entities: [...entities, hub, ...firms], relations, shipments }));
    };
    const few = circle(10);
    expect(few.flags.filter((f) => f.rule === 'round-tripping').map((f) => [f.entity, f.shipments])).toEqual([['home', ['out', 'in', 'back']]]);
    expect(few.rules.find((r) => r.id === 'round-tripping')!.coverage!.notJudged).toEqual([]);
    // 600 sales before the return: the search from the first sale stops once 500 are queued (it used to read on through
    // every sale of the window, ten thousand for each purchase of a distributor's customer), and says it was cut short.
    const many = circle(600);
    expect(many.flags.filter((f) => f.rule === 'round-tripping')).toEqual([]);
    expect(many.rules.find((r) => r.id === 'round-tripping')!.coverage!.notJudged).toEqual([{ reason: 'search cut short (more than 500 onward shipments within the window: longer chains not followed)', count: 2 }]);
  });

  it('near miss: other goods come back', () => {
    const other = [flour('home', 'a', '2020-01-01'), flour('a', 'b', '2020-02-01'), ship('b', 'sister', { commodity: 'sugar', hsCode: '170199', quantity: 1, unit: 't', shipped: '2020-03-01' })];
    expect(flagsOf(bundleOf({ entities, relations, shipments: other }), 'round-tripping')).toEqual([]);
  });
});

describe('forwarder-consignee', () => {
  const dist = company('dist', { isic: '4669' });
  const fwd = company('fwd', { isic: '5229' });
  const buyer = company('buyer', { isic: '4741' });
  const user = company('user', { isic: '2012' });
  const an = (fields: Partial<Shipment>) => ship('dist', 'buyer', { commodity: 'ammonium nitrate', hsCode: '310230', quantity: 5, unit: 't', shipped: '2020-01-01', ...fields });

  it('flags a forwarder named as the final destination of watch-listed goods that it never sends on', () => {
    const flags = flagsOf(bundleOf({ entities: [dist, fwd, buyer, user], shipments: [an({ id: 'to-fwd', consignee: 'fwd' })] }), 'forwarder-consignee');
    expect(flags.map((f) => [f.entity, f.shipment])).toEqual([['fwd', 'to-fwd']]);
  });

  it('near miss: the forwarder sends the goods on to a documented user, or the goods are not watch-listed', () => {
    const onward = ship('fwd', 'user', { commodity: 'ammonium nitrate', hsCode: '310230', quantity: 5, unit: 't', shipped: '2020-01-05' });
    expect(flagsOf(bundleOf({ entities: [dist, fwd, buyer, user], shipments: [an({ consignee: 'fwd' }), onward] }), 'forwarder-consignee')).toEqual([]);
    const urea = an({ consignee: 'fwd', commodity: 'urea', hsCode: '310210' });
    expect(flagsOf(bundleOf({ entities: [dist, fwd, buyer, user], shipments: [urea] }), 'forwarder-consignee')).toEqual([]);
  });
});

describe('many-commodities', () => {
  const s1 = company('s1', { isic: '4669' });
  const s2 = company('s2', { isic: '4669' });
  const goods = (buyer: string) => [
    ship('s1', buyer, { commodity: 'ammonium nitrate', hsCode: '310230', quantity: 1, unit: 't' }),
    ship('s2', buyer, { commodity: 'sodium chlorate', hsCode: '282911', quantity: 1, unit: 't' }),
    ship('s1', buyer, { commodity: 'aluminium paste', hsCode: '321290', quantity: 1, unit: 't' }),
  ];

  it('flags a small shop gathering watch-listed goods of three unrelated HS chapters', () => {
    const kiosk = company('kiosk', { isic: '4771', employees: 2 });
    const flags = flagsOf(bundleOf({ entities: [s1, s2, kiosk], shipments: goods('kiosk') }), 'many-commodities');
    expect(flags.map((f) => [f.entity, f.evidence.distinctChapters])).toEqual([['kiosk', 3]]);
  });

  it('near miss: a large company, a documented user, or two chapters only', () => {
    const big = company('big', { isic: '4771', employees: 400 });
    expect(flagsOf(bundleOf({ entities: [s1, s2, big], shipments: goods('big') }), 'many-commodities')).toEqual([]);
    // A chemical wholesaler (4669) is a documented user of all three in the test watch list.
    const chem = company('chem', { isic: '4669', employees: 4 });
    expect(flagsOf(bundleOf({ entities: [s1, s2, chem], shipments: goods('chem') }), 'many-commodities')).toEqual([]);
    const kiosk = company('kiosk', { isic: '4771', employees: 2 });
    expect(flagsOf(bundleOf({ entities: [s1, s2, kiosk], shipments: goods('kiosk').slice(0, 2) }), 'many-commodities')).toEqual([]);
  });
});

it('the shipped reference data hold the transshipment hubs, each with its source', () => {
  const hubs = loadReference().hubs!;
  expect(hubs.length).toBeGreaterThanOrEqual(18);
  for (const h of hubs) expect(h.source).toMatch(/FinCEN and BIS/);
  expect(hubs.find((h) => h.country === 'AE')).toMatchObject({ name: 'United Arab Emirates', destinations: ['RU', 'BY'] });
  // The tables the tests use hold none: the rule then judges routes that do not fit, and hubs from a rules file.
  expect(REFERENCE.hubs).toEqual([]);
});
