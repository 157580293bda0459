import { parseRules } from '@chokepoint/flags';
import { company, crossing, bundleOf, flagsOf, person, ship, tie } from './helpers';

const distributor = company('dist', { isic: '4669', sector: 'wholesale of chemical products', employees: 300 });
const phoneShop = company('shop', { isic: '4741', sector: 'retail sale of mobile phones', employees: 3 });
const paste = (buyer: string, fields = {}) => ship('dist', buyer, { commodity: 'aluminium paste', hsCode: '321290', quantity: 6, unit: 't', shipped: '2016-03-02', ...fields });

describe('off-profile-purchase', () => {
  it('fires when a phone shop buys aluminium paste, and names the facts', () => {
    const [flag, ...rest] = flagsOf(bundleOf({ entities: [distributor, phoneShop], shipments: [paste('shop', { id: 'p1' })] }), 'off-profile-purchase');
    expect(rest).toEqual([]);
    expect(flag).toMatchObject({ id: 'off-profile-purchase/p1', entity: 'shop', shipment: 'p1', counterparties: ['dist'], severity: 'medium' });
    expect(flag.evidence).toMatchObject({ hsCode: '321290', quantityKg: 6000, hsDescription: 'Pigments in non-aqueous media', buyerLineOfBusiness: { isic: '4741', isicFrom: 'isic' } });
    expect(flag.summary).toBe(
      'SHOP Ltd (shop) (retail sale of mobile phones, ISIC 4741) bought 6,000 kg of aluminium paste (HS 3212.90) from DIST Ltd (dist) on 2016-03-02; goods of HS 3212.90 do not fit its line of business.',
    );
    expect(flag.source).toMatch(/Bureau of Industry and Security/);
  });

  it('maps a free-text sector to ISIC (a bakery buying aluminium paste)', () => {
    const bakery = company('bak', { sector: 'Family Bakery & Café' });
    const [flag] = flagsOf(bundleOf({ entities: [distributor, bakery], shipments: [paste('bak')] }), 'off-profile-purchase');
    expect(flag.evidence.buyerLineOfBusiness).toEqual({ isic: '1071', isicFrom: 'sector', sectorKeyword: 'bakery', sector: 'Family Bakery & Café' });
  });

  it('does not fire for a chemical distributor buying aluminium paste, or when the line of business is unknown', () => {
    const maker = company('maker', { isic: '2022' });
    const unknown = company('unk');
    const bundle = bundleOf({ entities: [distributor, maker, unknown], shipments: [ship('maker', 'dist', { commodity: 'aluminium paste', hsCode: '321290' }), paste('unk')] });
    expect(flagsOf(bundle, 'off-profile-purchase')).toEqual([]);
  });
});

describe('precursor-watchlist', () => {
  it('fires at high severity when the purchase is also off-profile', () => {
    const [flag] = flagsOf(bundleOf({ entities: [distributor, phoneShop], shipments: [paste('shop')] }), 'precursor-watchlist');
    expect(flag.severity).toBe('high');
    expect(flag.evidence).toMatchObject({ watchlist: { id: 'aluminium-paste', category: 'ied-component' }, documentedUser: false, offProfile: true });
  });

  it('fires at medium for a general trader (fits everything, documents no use) and for an unknown buyer', () => {
    const trader = company('trader', { isic: '4690' });
    const unknown = company('unk');
    const chlorate = (b: string) => ship('dist', b, { commodity: 'sodium chlorate', hsCode: '282911', quantity: 12, unit: 't' });
    const flags = flagsOf(bundleOf({ entities: [distributor, trader, unknown], shipments: [chlorate('trader'), chlorate('unk')] }), 'precursor-watchlist');
    expect(flags.map((f) => [f.entity, f.severity])).toEqual([['trader', 'medium'], ['unk', 'medium']]);
    expect(flags[1].summary).toMatch(/its line of business is unknown\.$/);
  });

  it('does not fire for a documented user, for goods off the list, or for phones below bulk quantity', () => {
    const farm = company('farm', { isic: '0111' });
    const bundle = bundleOf({
      entities: [distributor, farm, phoneShop, company('maker', { isic: '2630' })],
      shipments: [
        ship('dist', 'farm', { commodity: 'ammonium nitrate', hsCode: '310230', quantity: 20, unit: 't' }),
        ship('dist', 'farm', { commodity: 'urea', hsCode: '310210', quantity: 20, unit: 't' }),
        ship('maker', 'shop', { commodity: 'mobile phones', hsCode: '851712', quantity: 10, unit: 'pcs' }),
        ship('dist', 'dist2', { commodity: 'aluminium paint', hsCode: '321290' }),
      ].filter((s) => s.buyer !== 'dist2'),
    });
    expect(flagsOf(bundle, 'precursor-watchlist')).toEqual([]);
  });
});

describe('volume-anomaly', () => {
  const farms = [1, 2, 3, 4, 5].map((i) => company(`f${i}`, { isic: '0111', employees: 10 }));
  const normal = farms.map((f, i) => ship('dist', f.id, { commodity: 'urea', hsCode: '310210', quantity: 20 + 3 * i, unit: 't' }));

  it('fires when a two-person farm buys ten times what its peers buy, with the robust scores', () => {
    const tiny = company('tiny', { isic: '0111', employees: 2 });
    const big = ship('dist', 'tiny', { commodity: 'urea', hsCode: '310210', quantity: 300, unit: 't' });
    const [flag, ...rest] = flagsOf(bundleOf({ entities: [distributor, ...farms, tiny], shipments: [...normal, big] }), 'volume-anomaly');
    expect(rest).toEqual([]);
    expect(flag.entity).toBe('tiny');
    expect(flag.evidence).toMatchObject({ heading: '3102', totalKg: 300000, employees: 2, peerLevel: 'class', peerMedianKg: 26000 });
    expect(flag.evidence.zPerEmployee as number).toBeGreaterThan(3.5);
    expect(flag.summary).toMatch(/bought 300,000 kg of HS 3102 goods in 1 shipment: 11\.5 times the median of 5 peers/);
  });

  it('does not fire for an agricultural firm buying fertiliser within its normal volume', () => {
    const ok = company('ok', { isic: '0111', employees: 12 });
    const s = ship('dist', 'ok', { commodity: 'urea', hsCode: '310210', quantity: 28, unit: 't' });
    expect(flagsOf(bundleOf({ entities: [distributor, ...farms, ok], shipments: [...normal, s] }), 'volume-anomaly')).toEqual([]);
  });

  it('compares sizes: a large firm buying more than small peers is not out of scale', () => {
    const large = company('large', { isic: '0111', employees: 200 });
    const s = ship('dist', 'large', { commodity: 'urea', hsCode: '310210', quantity: 400, unit: 't' });
    expect(flagsOf(bundleOf({ entities: [distributor, ...farms, large], shipments: [...normal, s] }), 'volume-anomaly')).toEqual([]);
  });

  it('compares within the ISIC class unless told to use the division', () => {
    const dairy = company('dairy', { isic: '0141', employees: 2 });
    const s = ship('dist', 'dairy', { commodity: 'urea', hsCode: '310210', quantity: 300, unit: 't' });
    const bundle = bundleOf({ entities: [distributor, ...farms, dairy], shipments: [...normal, s] });
    expect(flagsOf(bundle, 'volume-anomaly')).toEqual([]);
    const wide = parseRules('rules: {volume-anomaly: {parameters: {allowDivisionPeers: true}}}', 'r.yaml');
    expect(flagsOf(bundle, 'volume-anomaly', wide).map((f) => [f.entity, f.evidence.peerLevel])).toEqual([['dairy', 'division']]);
  });

  it('names at most 50 peers, the largest, and counts them all (a common line of business can give tens of thousands)', () => {
    // 80 farms of 10 employees, several buying the same quantity; one of 2 employees buys far more.
    const many = Array.from({ length: 80 }, (_, i) => company(`m${String(i).padStart(2, '0')}`, { isic: '0111', employees: 10 }));
    const quantities = many.map((_, i) => 20 + ((i * 37) % 23));
    const bought = many.map((f, i) => ship('dist', f.id, { commodity: 'urea', hsCode: '310210', quantity: quantities[i], unit: 't' }));
    const tiny = company('tiny', { isic: '0111', employees: 2 });
    const big = ship('dist', 'tiny', { commodity: 'urea', hsCode: '310210', quantity: 300, unit: 't' });
    const [flag] = flagsOf(bundleOf({ entities: [distributor, ...many, tiny], shipments: [...bought, big] }), 'volume-anomaly');
    expect(flag.entity).toBe('tiny');
    expect(flag.evidence.peerCount).toBe(80);
    expect(flag.summary).toMatch(/times the median of 80 peers/);
    expect(flag.explanation.facts.find((f) => f.label === 'Peers')?.value).toBe('80 buyers of HS 3102 in ISIC class 0111 (the 50 largest named in the evidence)');
    // Brute force: the 50 largest by kg per employee, the earlier in the data first among equals, named in the data's order.
    const ranked = many.map((f, i) => ({ id: f.id, i, q: quantities[i] })).sort((a, b) => b.q - a.q || a.i - b.i);
    const named = ranked.slice(0, 50).sort((a, b) => a.i - b.i).map((x) => x.id);
    expect(flag.evidence.peers).toEqual(named);
    // A group of at most 50 peers is named whole, in the data's order.
    const [few] = flagsOf(bundleOf({ entities: [distributor, ...many.slice(0, 50), tiny], shipments: [...bought.slice(0, 50), big] }), 'volume-anomaly');
    expect(few.evidence.peers).toEqual(many.slice(0, 50).map((f) => f.id));
    expect(few.evidence.peerCount).toBe(50);
    expect(few.explanation.facts.find((f) => f.label === 'Peers')?.value).toBe('50 buyers of HS 3102 in ISIC class 0111');
  });

  it('needs enough peers', () => {
    const tiny = company('tiny', { isic: '0111', employees: 2 });
    const s = ship('dist', 'tiny', { commodity: 'urea', hsCode: '310210', quantity: 300, unit: 't' });
    expect(flagsOf(bundleOf({ entities: [distributor, ...farms.slice(0, 2), tiny], shipments: [...normal.slice(0, 2), s] }), 'volume-anomaly')).toEqual([]);
  });
});

describe('third-party-payer', () => {
  const maker = company('maker', { isic: '2710', country: 'GB' });
  const trader = company('trader', { isic: '4690' });
  const carHire = company('cars', { isic: '7710', sector: 'renting of motor vehicles' });
  const units = (payer: string) => ship('maker', 'trader', { id: `u-${payer}`, commodity: 'motion-control units', hsCode: '853710', quantity: 24, unit: 'pcs', payer });

  it('fires when an unrelated car-hire firm pays', () => {
    const [flag] = flagsOf(bundleOf({ entities: [maker, trader, carHire], shipments: [units('cars')] }), 'third-party-payer');
    expect(flag).toMatchObject({ entity: 'trader', severity: 'high', counterparties: ['cars', 'maker'] });
    expect(flag.summary).toMatch(/^CARS Ltd \(cars\) \(renting of motor vehicles, ISIC 7710\) paid for 24 pcs of motion-control units/);
  });

  it('does not fire when the payer owns the buyer, or is family of its owner', () => {
    const owner = company('holding');
    const mother = person('mother');
    const son = person('son');
    const bundle = bundleOf({
      entities: [maker, trader, owner, mother, son],
      relations: [tie('holding', 'trader', 'owner'), tie('son', 'trader', 'owner'), tie('mother', 'son', 'family')],
      shipments: [units('holding'), units('mother'), units('trader')],
    });
    expect(flagsOf(bundle, 'third-party-payer')).toEqual([]);
  });
});

describe('consignee-mismatch', () => {
  const maker = company('maker', { isic: '2710' });
  const trader = company('trader', { isic: '4690', attributes: { phone: '+90 414 555 01 01' } });
  const forwarder = company('fwd', { isic: '5229' });
  const shop = company('shop', { isic: '4741', attributes: { phone: '+90 (414) 555-0101' } });
  const units = (consignee: string) => ship('maker', 'trader', { id: `to-${consignee}`, commodity: 'motion-control units', hsCode: '853710', consignee });

  it('fires, raised, when drone parts go to a phone shop (same group through a shared phone)', () => {
    const [flag] = flagsOf(bundleOf({ entities: [maker, trader, shop], shipments: [units('shop')] }), 'consignee-mismatch');
    expect(flag).toMatchObject({ entities: ['trader', 'shop'], severity: 'high' });
    expect(flag.evidence).toMatchObject({ consigneeInBuyerGroup: true, goodsFitConsignee: false, consigneeIsForwarder: false, groupLink: ['TRADER Ltd (trader) shares a phone number with SHOP Ltd (shop)'] });
    expect(flag.summary).toMatch(/went to SHOP Ltd \(shop\) \(ISIC 4741\); the goods do not fit the consignee’s line of business\.$/);
  });

  it('fires, raised, for a freight forwarder as final consignee', () => {
    const [flag] = flagsOf(bundleOf({ entities: [maker, trader, forwarder], shipments: [units('fwd')] }), 'consignee-mismatch');
    expect(flag.severity).toBe('high');
    expect(flag.evidence.consigneeIsForwarder).toBe(true);
  });

  it('is low for a group company whose line fits the goods (group logistics), medium when the fit is unknown; no flag when the buyer receives', () => {
    const sister = company('sister', { isic: '4690' });
    const unknown = company('unknown');
    const bundle = bundleOf({
      entities: [maker, trader, sister, unknown],
      relations: [tie('trader', 'sister', 'owner'), tie('trader', 'unknown', 'owner')],
      shipments: [units('sister'), units('trader'), units('unknown')],
    });
    const flags = flagsOf(bundle, 'consignee-mismatch');
    expect(flags.map((f) => [f.shipment, f.severity])).toEqual([
      ['to-unknown', 'medium'],
      ['to-sister', 'low'],
    ]);
    expect(flags[1].summary).toMatch(/; the consignee is in the buyer’s company group \(TRADER Ltd \(trader\) owns SISTER Ltd \(sister\)\)\.$/);
  });
});

describe('rapid-transit', () => {
  const a = company('a');
  const b = company('b');
  const c = company('c');
  const d = company('d');
  const hop = (from: string, to: string, shipped: string, received: string, id: string) =>
    ship(from, to, { id, commodity: 'sodium chlorate', hsCode: '282911', quantity: 12, unit: 't', shipped, received });

  it('fires on each quick re-shipment and measures the chain', () => {
    const shipments = [hop('a', 'b', '2015-05-01', '2015-05-03', 'h1'), hop('b', 'c', '2015-05-05', '2015-05-06', 'h2'), hop('c', 'd', '2015-05-08', '2015-05-09', 'h3')];
    const flags = flagsOf(bundleOf({ entities: [a, b, c, d], shipments }), 'rapid-transit');
    expect(flags.map((f) => [f.entity, f.shipment, f.severity])).toEqual([
      ['b', 'h1', 'high'],
      ['c', 'h2', 'high'],
    ]);
    expect(flags[0].evidence).toMatchObject({ dwellDays: 2, chain: ['h1', 'h2', 'h3'], chainPath: ['a', 'b', 'c', 'd'], chainDays: 8, reshipments: 2 });
    expect(flags[0].summary).toBe(
      'B Ltd (b) received 12,000 kg of sodium chlorate (HS 2829.11) on 2015-05-03 and shipped it on to C Ltd (c) 2 days later; from A Ltd (a) to D Ltd (d) the goods took 8 days over 3 shipments.',
    );
  });

  it('exempts wholesalers re-selling goods of their own trade, but not goods outside it', () => {
    const wholesaler = company('b', { isic: '4669' });
    const builder = company('bw', { isic: '4663' });
    const chlorate = [hop('a', 'b', '2015-05-01', '2015-05-03', 'w1'), hop('b', 'c', '2015-05-05', '2015-05-06', 'w2')];
    expect(flagsOf(bundleOf({ entities: [a, wholesaler, c], shipments: chlorate }), 'rapid-transit')).toEqual([]);
    const off = [hop('a', 'bw', '2015-05-01', '2015-05-03', 'x1'), hop('bw', 'c', '2015-05-05', '2015-05-06', 'x2')];
    const bundle = bundleOf({ entities: [a, builder, c], shipments: off });
    expect(flagsOf(bundle, 'rapid-transit').map((f) => f.entity)).toEqual(['bw']);
    expect(flagsOf(bundleOf({ entities: [a, wholesaler, c], shipments: chlorate }), 'rapid-transit', parseRules('rules: {rapid-transit: {parameters: {exemptResellers: false}}}', 'r.yaml'))).toHaveLength(1);
  });

  it('does not fire when goods stay longer than the dwell limit, or when other goods leave', () => {
    const shipments = [
      hop('a', 'b', '2015-05-01', '2015-05-03', 'h1'),
      hop('b', 'c', '2015-06-05', '2015-06-06', 'h2'),
      ship('b', 'd', { commodity: 'flour', hsCode: '110100', shipped: '2015-05-04' }),
    ];
    expect(flagsOf(bundleOf({ entities: [a, b, c, d], shipments }), 'rapid-transit')).toEqual([]);
  });

  it('finds every onward sale of the same goods within the limit, however the sales are coded and dated, in order of dwell', () => {
    // Sales are looked up by goods and shipping day, not scanned: each kind of match, and the edges of the window.
    const inbound = hop('a', 'b', '2015-04-20', '2015-05-01', 'in');
    const sale = (id: string, shipped: string | undefined, fields = {}) => ship('b', 'c', { id, commodity: 'Sodium Chlorate', hsCode: '282990', shipped, ...fields });
    const shipments = [
      inbound,
      sale('same-day', '2015-05-01'), // same heading (2829), other subheading
      sale('day-14', '2015-05-15'),
      sale('day-15', '2015-05-16'), // past the limit
      sale('before', '2015-04-30'), // before the goods arrived
      sale('no-hs', '2015-05-03', { hsCode: undefined, commodity: 'sodium  chlorate' }), // no code: the same words
      sale('no-hs-other', '2015-05-03', { hsCode: undefined, commodity: 'flour' }),
      sale('other-heading', '2015-05-02', { hsCode: '110100' }),
      sale('undated', undefined),
      sale('odd-date', '2015-5-4'), // not a plain ISO day (the reader never gives one): no day count, never within the limit
    ];
    const flags = flagsOf(bundleOf({ entities: [a, b, c], shipments }), 'rapid-transit');
    const onward = (flags.find((f) => f.shipment === 'in')!.evidence as { onward: { shipment: string; dwellDays: number }[] }).onward;
    expect(onward.map((o) => [o.shipment, o.dwellDays])).toEqual([
      ['same-day', 0],
      ['no-hs', 2],
      ['day-14', 14],
    ]);
    // Inbound goods without a code match sales by their words, whatever the sales' codes.
    const uncoded = ship('a', 'b', { id: 'in2', commodity: 'sodium chlorate', shipped: '2016-01-01', received: '2016-01-02' });
    const sales = [sale('coded', '2016-01-03'), sale('words', '2016-01-04', { hsCode: undefined }), sale('flour', '2016-01-03', { commodity: 'flour', hsCode: '282911' })];
    const more = flagsOf(bundleOf({ entities: [a, b, c], shipments: [uncoded, ...sales] }), 'rapid-transit').find((f) => f.shipment === 'in2')!;
    expect((more.evidence as { onward: { shipment: string }[] }).onward.map((o) => o.shipment)).toEqual(['coded', 'words']);
  });
});

describe('linked-family-group', () => {
  const watch = (buyer: string, hs: string, commodity: string) => ship('dist', buyer, { commodity, hsCode: hs, quantity: 5, unit: 't' });
  const x = company('x', { isic: '4690', address: 'Gümrük Cd. No:14, Akçakale' });
  const y = company('y', { isic: '4752', address: 'Gumruk Cd No 14 Akcakale' });

  it('fires on companies sharing an address that together buy three watch-listed commodities', () => {
    const shipments = [watch('x', '321290', 'aluminium paste'), watch('y', '310230', 'ammonium nitrate'), watch('y', '282911', 'sodium chlorate')];
    const [flag] = flagsOf(bundleOf({ entities: [distributor, x, y], shipments }), 'linked-family-group');
    expect(flag).toMatchObject({ entities: ['y', 'x'], severity: 'high' });
    expect(flag.evidence).toMatchObject({ distinctCommodities: 3, ties: [['Y Ltd (y) shares an address with X Ltd (x)']] });
  });

  it('does not fire for two commodities, or for one company alone', () => {
    const two = [watch('x', '321290', 'aluminium paste'), watch('y', '310230', 'ammonium nitrate')];
    expect(flagsOf(bundleOf({ entities: [distributor, x, y], shipments: two }), 'linked-family-group')).toEqual([]);
    const alone = company('alone', { isic: '4690' });
    const three = [watch('alone', '321290', 'aluminium paste'), watch('alone', '310230', 'ammonium nitrate'), watch('alone', '282911', 'sodium chlorate')];
    expect(flagsOf(bundleOf({ entities: [distributor, alone], shipments: three }), 'linked-family-group')).toEqual([]);
  });
});

describe('border-junction', () => {
  const near = company('near', { isic: '5210', lat: 36.69, lon: 38.95 });
  const far = company('far', { isic: '5210', lat: 37.76, lon: 39.32 });
  const sup = ['s1', 's2', 's3'].map((id) => company(id, { isic: '4669' }));
  const dest = company('dest');
  const places = [crossing('akc', 36.6936, 38.9436)];
  const goods = (from: string, to: string) => ship(from, to, { commodity: 'ammonium nitrate', hsCode: '310230', quantity: 10, unit: 't' });

  it('fires on a company by a crossing that consolidates from three suppliers and forwards', () => {
    const shipments = [goods('s1', 'near'), goods('s2', 'near'), goods('s3', 'near'), goods('near', 'dest')];
    const [flag] = flagsOf(bundleOf({ entities: [near, ...sup, dest], places, shipments }), 'border-junction');
    expect(flag).toMatchObject({ entity: 'near', severity: 'high' });
    expect(flag.evidence).toMatchObject({ crossing: 'akc', suppliers: ['s1', 's2', 's3'], destinations: ['dest'], radiusKm: 50 });
    expect(flag.evidence.distanceKm as number).toBeLessThan(1);
  });

  it('does not fire 120 km away, with two suppliers, or without forwarding', () => {
    const farShipments = [goods('s1', 'far'), goods('s2', 'far'), goods('s3', 'far'), goods('far', 'dest')];
    expect(flagsOf(bundleOf({ entities: [far, ...sup, dest], places, shipments: farShipments }), 'border-junction')).toEqual([]);
    const two = [goods('s1', 'near'), goods('s2', 'near'), goods('near', 'dest')];
    expect(flagsOf(bundleOf({ entities: [near, ...sup, dest], places, shipments: two }), 'border-junction')).toEqual([]);
    const kept = [goods('s1', 'near'), goods('s2', 'near'), goods('s3', 'near')];
    expect(flagsOf(bundleOf({ entities: [near, ...sup, dest], places, shipments: kept }), 'border-junction')).toEqual([]);
    // The radius follows --radius-km unless the rule's own parameter is set.
    expect(flagsOf(bundleOf({ entities: [far, ...sup, dest], places, shipments: farShipments }), 'border-junction', undefined, 150)).toHaveLength(1);
  });
});

describe('new-company', () => {
  const goods = (buyer: string, shipped: string) => ship('dist', buyer, { commodity: 'aluminium powder paste', hsCode: '321290', shipped });
  it('fires on a company founded months before its first watch-listed purchase', () => {
    const young = company('young', { founded: '2015-05-18' });
    const [flag] = flagsOf(bundleOf({ entities: [distributor, young], shipments: [goods('young', '2015-12-01'), goods('young', '2015-09-01')] }), 'new-company');
    expect(flag.evidence).toMatchObject({ ageDays: 106, firstWatchlistedDate: '2015-09-01' });
    expect(flag.summary).toMatch(/was founded on 2015-05-18, 106 days \(3\.5 months\) before its first watch-listed purchase/);
  });
  it('does not fire on an old company', () => {
    const old = company('old', { founded: '1998-01-01' });
    expect(flagsOf(bundleOf({ entities: [distributor, old], shipments: [goods('old', '2015-09-01')] }), 'new-company')).toEqual([]);
  });
});
