/**
 * Red flags a reviewer would throw out (issue 12, point 8), one class per block, on the shipped reference tables
 * (data/reference): ordinary purchases of ordinary businesses, documented users of dual-use IED components, resellers
 * re-selling their own goods, and buyers whose sector text and ISIC code disagree. Every block also has a near miss
 * that must still fire, so that a fix by silencing the rule would fail.
 */
import { analyze } from '@chokepoint/engine';
import { evaluateFlags, loadReference, type Flag } from '@chokepoint/flags';
import { sectorDisagreement, type Bundle, type DataIssue, type Entity, type Shipment } from '@chokepoint/model';
import { bundleOf, company, crossing, ship } from './helpers';

const reference = loadReference();

function flags(bundle: Bundle, rule?: string): Flag[] {
  const all = evaluateFlags(bundle, analyze(bundle, { radiusKm: 50 }), reference).flags;
  return rule === undefined ? all : all.filter((f) => f.rule === rule);
}

const supplier = company('sup', { isic: '4690', sector: 'general trading' });

/** One buyer of the given ISIC class buying one shipment: the flags of `rule` on it. */
function buying(isic: string, hsCode: string, commodity: string, quantity: number, unit: Shipment['unit'], rule: string): Flag[] {
  const buyer = company('buyer', { isic });
  return flags(bundleOf({ entities: [supplier, buyer], shipments: [ship('sup', 'buyer', { id: 'x', hsCode, commodity, quantity, unit })] }), rule);
}

describe('off-profile-purchase: the ordinary inputs of each industry fit it', () => {
  // [ISIC, HS, goods, quantity, unit]: what the business buys in the ordinary course of its activity.
  const ordinary: [string, string, string, number, Shipment['unit']][] = [
    ['8530', '854239', 'FPGA integrated circuits', 29, 'pcs'], // a technical university's electronics laboratory
    ['8530', '854231', '32-bit microcontrollers', 500, 'pcs'],
    ['8530', '852691', 'GNSS receiver modules', 19, 'pcs'],
    ['8530', '854449', 'low-voltage power cable', 1600, 'm'],
    ['7210', '903020', 'oscilloscopes', 4, 'pcs'], // a research institute
    ['6419', '851762', 'network switches and routers', 26, 'pcs'], // a bank's own network (office IT, any business)
    ['7911', '847130', 'laptops', 6, 'pcs'], // a travel agency's office
    ['6920', '850440', 'uninterruptible power supplies', 4, 'pcs'], // an accountant's UPS units (not watch-listed)
    ['8230', '851713', 'smartphones for staff', 12, 'pcs'], // phones for staff, below bulk
    ['4520', '848220', 'tapered roller wheel bearings', 42, 'kg'], // a garage's spare parts
    ['4763', '901310', 'telescopic rifle sights', 15, 'pcs'], // a hunting shop's stock
    ['0729', '732611', 'forged steel grinding balls', 330, 't'], // a copper mine's grinding media
    ['0729', '848230', 'spherical roller bearings', 3500, 'kg'], // a mine's spare parts
    ['0810', '401012', 'conveyor belting', 200, 'm'],
    ['1101', '080610', 'fresh grapes for distilling', 300, 't'], // a brandy distillery's raw material
    ['1101', '441600', 'oak barrels', 40, 'pcs'],
    ['1071', '100199', 'milling wheat', 190, 't'], // a bakery's cereals
    ['1410', '848210', 'ball bearings for sewing machines', 20, 'kg'], // a garment factory's machine upkeep
    ['2394', '732591', 'cast grinding balls', 80, 't'], // a cement works' mill
    ['4329', '731210', 'steel wire rope for lifts', 1250, 'm'], // a lift company
    ['3600', '848210', 'deep-groove ball bearings', 180, 'kg'], // a water utility's pumps
    ['3600', '850151', 'pump motors', 6, 'pcs'],
    ['4923', '848220', 'wheel bearings for trucks', 60, 'kg'], // a haulier's workshop
    ['5610', '842219', 'dishwashers', 2, 'pcs'], // a restaurant kitchen
    ['6810', '841381', 'booster pumps for a managed building', 3, 'pcs'], // a building manager
    ['2720', '284190', 'lithium cobalt oxide cathode material', 1000, 't'], // a lithium-ion cell maker (a researcher's hand-written bundle)
    ['2720', '283329', 'cobalt sulphate', 300, 't'],
    ['2720', '380110', 'artificial graphite for anodes', 400, 't'],
    ['2720', '282690', 'lithium hexafluorophosphate', 20, 't'],
    ['2720', '741011', 'copper foil', 80, 't'],
  ];
  it.each(ordinary)('ISIC %s buying HS %s (%s) is not flagged', (isic, hs, goods, quantity, unit) => {
    expect(buying(isic, hs, goods, quantity, unit, 'off-profile-purchase').map((f) => f.summary)).toEqual([]);
  });

  // Near misses: genuine signals stay.
  const signals: [string, string, string, number, Shipment['unit']][] = [
    ['4741', '760310', 'aluminium powder', 5, 't'], // a phone shop buying tons of aluminium powder
    ['7911', '854231', 'microcontrollers', 20000, 'pcs'], // a travel agency buying microcontrollers …
    ['7911', '280800', 'nitric acid', 2, 't'], // … or chemicals
    ['7911', '291411', 'acetone', 2, 't'],
    ['4772', '853710', 'CNC controllers', 24, 'pcs'], // a cosmetics shop buying CNC controllers
    ['4630', '848210', 'deep-groove ball bearings', 6, 't'], // a food wholesaler buying bearings
    ['1071', '283421', 'potassium nitrate', 2, 't'], // a bakery buying potassium nitrate
    ['4772', '851762', 'Wi-Fi radio modules', 5000, 'pcs'], // office IT, but in thousands: stock, not an office
    ['6419', '850440', 'frequency inverters', 20, 'pcs'], // watch-listed: the rows for any business do not count
    ['8230', '851713', 'smartphones', 500, 'pcs'], // phones in bulk
    ['1071', '850440', 'AC servo drives', 10, 'pcs'], // a factory of another trade buying drives
    ['2720', '284161', 'potassium permanganate', 2, 't'], // a battery maker: the cathode oxides of 2841 fit, not permanganate
  ];
  it.each(signals)('ISIC %s buying HS %s (%s) is still flagged', (isic, hs, goods, quantity, unit) => {
    expect(buying(isic, hs, goods, quantity, unit, 'off-profile-purchase')).toHaveLength(1);
  });

  it('says when the goods any business buys did not count because the shipment is watch-listed', () => {
    const [flag] = buying('6419', '850440', 'frequency inverters', 20, 'pcs', 'off-profile-purchase');
    expect(flag.evidence).toMatchObject({ watchListed: true });
    expect(flag.explanation.sentences.join(' ')).toMatch(/watch-listed, so the goods that any business buys for its own use do not count/);
  });
});

describe('precursor-watchlist: installers, utilities and repairers are documented users of motor drives and controllers', () => {
  const users: [string, string, string, string][] = [
    ['4329', '850440', 'frequency inverters for lift motors', 'lift company'],
    ['3600', '850440', 'variable frequency drives for pump motors', 'water utility'],
    ['3700', '853710', 'motor control centre for a pumping station', 'sewerage works'],
    ['4322', '850440', 'variable frequency drives for air-handling fans', 'HVAC installer'],
    ['0729', '850440', 'variable frequency drives for conveyor motors', 'copper mine'],
    ['3510', '853710', 'motor control panels', 'power plant'],
    ['3312', '850440', 'servo drives', 'machinery repairer'],
    ['4329', '852692', 'radio remote controls for gate operators', 'automated-door installer'],
    ['4520', '852692', 'radio remote car keys', 'garage'],
  ];
  it.each(users)('ISIC %s buying HS %s (%s) is not flagged: %s', (isic, hs, goods) => {
    expect(buying(isic, hs, goods, 12, 'pcs', 'precursor-watchlist')).toEqual([]);
    expect(buying(isic, hs, goods, 12, 'pcs', 'off-profile-purchase')).toEqual([]);
  });

  it('still flags drives and controllers bought by a cosmetics shop, a travel agency or a bakery, at high severity', () => {
    for (const [isic, hs, goods] of [
      ['4772', '850440', 'AC servo drives'],
      ['7911', '850440', 'variable frequency drives'],
      ['1071', '853710', 'CNC controllers'],
    ]) {
      const found = buying(isic, hs, goods, 60, 'pcs', 'precursor-watchlist');
      expect([isic, found.map((f) => f.severity)]).toEqual([isic, ['high']]);
    }
  });
});

describe('rapid-transit: resellers re-selling their own goods are judged as such', () => {
  const near = { lat: 36.7, lon: 38.95 };
  const far = { lat: 39.9, lon: 32.85 };
  const places = [crossing('akc', 36.6936, 38.9436)];
  const maker = company('maker', { isic: '2814', ...far });
  const hop = (from: string, to: string, shipped: string, received: string, id: string, goods: Partial<Shipment> = {}) =>
    ship(from, to, { id, commodity: 'tapered roller wheel bearings', hsCode: '848220', quantity: 500, unit: 'kg', shipped, received, ...goods });

  it('does not flag a car-parts seller (ISIC 4530) that sells bearings on to garages within days', () => {
    const parts = company('parts', { isic: '4530', ...far });
    const garages = ['g1', 'g2'].map((id) => company(id, { isic: '4520', ...far }));
    const shipments = [hop('maker', 'parts', '2023-02-10', '2023-02-15', 'in'), hop('parts', 'g1', '2023-02-16', '2023-02-16', 'o1'), hop('parts', 'g2', '2023-02-18', '2023-02-18', 'o2')];
    expect(flags(bundleOf({ entities: [maker, parts, ...garages], places, shipments }), 'rapid-transit')).toEqual([]);
  });

  it('does not flag a retailer or a wholesaler that sells its goods on quickly, but still flags a garage (4520) that does', () => {
    const shop = company('shop', { isic: '4759', ...far });
    const wholesaler = company('whs', { isic: '4649', ...far });
    const garage = company('garage', { isic: '4520', ...far });
    const buyer = company('cust', { isic: '4520', ...far });
    const fridges = { commodity: 'refrigerators', hsCode: '841821', quantity: 40, unit: 'pcs' as const };
    const quiet = [hop('maker', 'shop', '2023-03-01', '2023-03-02', 'a1', fridges), hop('shop', 'cust', '2023-03-03', '2023-03-03', 'a2', fridges)];
    const wholesale = [hop('maker', 'whs', '2023-03-01', '2023-03-02', 'b1', fridges), hop('whs', 'cust', '2023-03-03', '2023-03-03', 'b2', fridges)];
    const garageHops = [hop('maker', 'garage', '2023-03-01', '2023-03-02', 'c1'), hop('garage', 'cust', '2023-03-03', '2023-03-03', 'c2')];
    const entities = [maker, shop, wholesaler, garage, buyer];
    expect(flags(bundleOf({ entities, places, shipments: [...quiet, ...wholesale] }), 'rapid-transit')).toEqual([]);
    expect(flags(bundleOf({ entities, places, shipments: garageHops }), 'rapid-transit').map((f) => f.entity)).toEqual(['garage']);
  });

  it('still flags a reseller by the border that passes watch-listed goods within days to a border-area company with no use for them', () => {
    const dealer = company('dealer', { isic: '4773', sector: 'fertiliser shop', ...near });
    const depot = company('depot', { isic: '5210', ...near });
    const farm = company('farm', { isic: '0111', ...near });
    const an = { commodity: 'ammonium nitrate', hsCode: '310230', quantity: 45, unit: 't' as const };
    const toDepot = [hop('maker', 'dealer', '2015-08-01', '2015-08-03', 'n1', an), hop('dealer', 'depot', '2015-08-05', '2015-08-05', 'n2', an)];
    const [flag, ...rest] = flags(bundleOf({ entities: [maker, dealer, depot], places, shipments: toDepot }), 'rapid-transit');
    expect(rest).toEqual([]);
    expect(flag.entity).toBe('dealer');
    expect(flag.evidence.reseller).toMatchObject({ isic: '4773', watchlist: 'ammonium-nitrate', recipients: [{ id: 'depot', crossing: 'akc' }], resellerNearBorder: true });
    expect(flag.explanation.sentences.join(' ')).toMatch(/Re-selling goods of this kind is .*trade .*which alone is not flagged.*not a documented user of ammonium nitrate/);
    // The same sale to a farm (a documented user of ammonium nitrate) is the dealer's trade.
    const toFarm = [hop('maker', 'dealer', '2015-08-01', '2015-08-03', 'f1', an), hop('dealer', 'farm', '2015-08-05', '2015-08-05', 'f2', an)];
    expect(flags(bundleOf({ entities: [maker, dealer, farm], places, shipments: toFarm }), 'rapid-transit')).toEqual([]);
  });

  it('judges a distant distributor’s quick sale to an unrelated border company on the customer, but not a sale inside its own group', () => {
    const distributor = company('dist', { isic: '4659', ...far });
    const border = company('border', { isic: '5229', ...near });
    const drives = { commodity: 'AC servo drives', hsCode: '850440', quantity: 80, unit: 'pcs' as const };
    const shipments = [hop('maker', 'dist', '2023-09-01', '2023-09-08', 'd1', drives), hop('dist', 'border', '2023-09-10', '2023-09-11', 'd2', drives)];
    const entities = [maker, distributor, border, company('owner', { isic: '6420', ...far })];
    expect(flags(bundleOf({ entities, places, shipments }), 'rapid-transit')).toEqual([]);
    const relations = [
      { source: 'owner', target: 'dist', kind: 'owner' as const, attributes: {}, origin: { file: 'test', line: 1 } },
      { source: 'owner', target: 'border', kind: 'owner' as const, attributes: {}, origin: { file: 'test', line: 2 } },
    ];
    const [flag] = flags(bundleOf({ entities, places, shipments, relations }), 'rapid-transit');
    expect(flag).toMatchObject({ entity: 'dist', shipment: 'd1' });
    expect(flag.evidence.reseller).toMatchObject({ resellerNearBorder: false });
  });
});

describe('off-profile-purchase: the benefit of the doubt when the reader warned that sector text and ISIC code disagree', () => {
  const sector = 'hardware store (building materials and electrical fittings)';
  const origin = { file: 'entities.csv', line: 37 };
  const store = company('store', { isic: '4753', sector, origin });
  const warning: DataIssue = { ...origin, column: 'isic', reason: sectorDisagreement(sector, '4753', reference.sectorKeywords)! };
  const cable = ship('sup', 'store', { id: 'w', commodity: 'copper wire 1.5 mm2', hsCode: '854449', quantity: 3000, unit: 'm' });
  const powder = ship('sup', 'store', { id: 'p', commodity: 'aluminium powder', hsCode: '760310', quantity: 2, unit: 't' });

  it('does not flag goods that fit the reading of the sector text (a hardware store coded as a carpet shop buying wire)', () => {
    expect(warning.reason).toMatch(/reads as 4752/);
    expect(flags(bundleOf({ entities: [supplier, store], shipments: [cable], warnings: [warning] }), 'off-profile-purchase')).toEqual([]);
  });

  it('finds the warning when the reader listed it once for several rows', () => {
    const merged = { ...warning, line: 12, reason: `${warning.reason} (also on lines 37, 40)` };
    expect(flags(bundleOf({ entities: [supplier, store], shipments: [cable], warnings: [merged] }), 'off-profile-purchase')).toEqual([]);
  });

  it('still flags the wire without the warning, and goods that fit neither reading, saying the line of business is uncertain', () => {
    expect(flags(bundleOf({ entities: [supplier, store], shipments: [cable] }), 'off-profile-purchase')).toHaveLength(1);
    const [flag, ...rest] = flags(bundleOf({ entities: [supplier, store], shipments: [cable, powder], warnings: [warning] }), 'off-profile-purchase');
    expect(rest).toEqual([]);
    expect(flag.shipment).toBe('p');
    expect(flag.summary).toMatch(/whether read from its ISIC code or from its sector text \(which reads as ISIC 4752\): its line of business is uncertain/);
    expect(flag.evidence).toMatchObject({ lineOfBusinessUncertain: true, buyerLineOfBusiness: { isic: '4753', sectorReadings: ['4752'] } });
    expect(flag.explanation.facts.find((f) => f.label === 'Fits what the sector text reads as')).toMatchObject({ value: 'no (ISIC 4752)' });
  });

  it('counts a pharmacy whose code slipped by one digit as a documented user of hydrogen peroxide, but only when warned', () => {
    const o = { file: 'entities.csv', line: 5 };
    const pharmacy: Entity = company('ph', { isic: '4773', sector: 'community pharmacy', origin: o });
    const peroxide = ship('sup', 'ph', { commodity: 'hydrogen peroxide 35%', hsCode: '284700', quantity: 200, unit: 'kg', concentration: 35 });
    const warned: DataIssue = { ...o, column: 'isic', reason: sectorDisagreement('community pharmacy', '4773', reference.sectorKeywords)! };
    expect(flags(bundleOf({ entities: [supplier, pharmacy], shipments: [peroxide], warnings: [warned] }), 'precursor-watchlist')).toEqual([]);
    expect(flags(bundleOf({ entities: [supplier, pharmacy], shipments: [peroxide] }), 'precursor-watchlist')).toHaveLength(1);
  });
});

describe('a line of business written in German', () => {
  it('reads a phone shop and a chemicals wholesaler from their German sector text (the shipped keywords), and judges their purchases', () => {
    const wholesaler = company('chem', { sector: 'Großhandel mit chemischen Erzeugnissen' });
    const shop = company('handy', { sector: 'Einzelhandel mit Mobiltelefonen' });
    const paste = ship('chem', 'handy', { id: 'l100', commodity: 'Aluminiumpulver', hsCode: '760310', quantity: 2500, unit: 'kg', value: 4875, currency: 'EUR' });
    const bundle = bundleOf({ entities: [wholesaler, shop], shipments: [paste] });
    const { flags } = evaluateFlags(bundle, analyze(bundle, { radiusKm: 50 }), loadReference());
    const offProfile = flags.find((f) => f.rule === 'off-profile-purchase');
    expect(offProfile?.evidence.buyerLineOfBusiness).toMatchObject({ isic: '4741' });
    expect(flags.find((f) => f.rule === 'precursor-watchlist')?.severity).toBe('high');
  });
});
