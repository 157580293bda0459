import { parseRules } from '@chokepoint/flags';
import { bundleOf, company, crossing, flagsOf, person, ship, tie } from './helpers';

/** The case of issue 12: a wholesaler of electronic components buying motion-control units from its own parent. */
const parent = company('parent', { isic: '2710', sector: 'manufacture of electric motors and motion control' });
const sub = company('sub', { isic: '4652', sector: 'wholesale of electronic components' });
const stranger = company('stranger', { isic: '2710' });
const owns = tie('parent', 'sub', 'owner');
const units = (supplier: string, id: string) => ship(supplier, 'sub', { id, commodity: 'motion-control units', hsCode: '853710', quantity: 40, unit: 'pcs', value: 9000, currency: 'EUR', shipped: '2016-04-01' });

describe('trade inside one company group', () => {
  const bundle = bundleOf({ entities: [parent, sub, stranger], relations: [owns], shipments: [units('parent', 'in-group'), units('stranger', 'outside')] });

  it('precursor-watchlist: a purchase from the own parent is low, says it is inside the group and how; the same from a stranger stays high', () => {
    const flags = flagsOf(bundle, 'precursor-watchlist');
    expect(flags.map((f) => [f.shipment, f.severity])).toEqual([
      ['outside', 'high'],
      ['in-group', 'low'],
    ]);
    const inGroup = flags[1];
    expect(inGroup.evidence).toMatchObject({ supplierInBuyerGroup: true, supplierGroupLink: ['PARENT Ltd (parent) owns SUB Ltd (sub)'], documentedUser: false, offProfile: true });
    expect(inGroup.summary).toMatch(/; the supplier is in the buyer’s own company group \(PARENT Ltd \(parent\) owns SUB Ltd \(sub\)\)\.$/);
    expect(inGroup.explanation.sentences.join(' ')).toMatch(/PARENT Ltd \(parent\) and SUB Ltd \(sub\) belong to one company group \(PARENT Ltd \(parent\) owns SUB Ltd \(sub\)\): this is trade inside one group, so the flag is low/);
    expect(flags[0].evidence).toMatchObject({ supplierInBuyerGroup: false, supplierGroupLink: [] });
  });

  it('off-profile-purchase: low inside the group, medium outside', () => {
    expect(flagsOf(bundle, 'off-profile-purchase').map((f) => [f.shipment, f.severity])).toEqual([
      ['outside', 'medium'],
      ['in-group', 'low'],
    ]);
  });

  it('a link through a shared phone counts, and the path says so', () => {
    const sister = company('sister', { isic: '2710', attributes: { phone: '+90 414 555 01 01' } });
    const shop = company('shop2', { isic: '4652', attributes: { phone: '+90 (414) 555-0101' } });
    const viaPhone = bundleOf({ entities: [sister, shop], shipments: [ship('sister', 'shop2', { id: 'p', commodity: 'motion-control units', hsCode: '853710', quantity: 40, unit: 'pcs' })] });
    const [flag] = flagsOf(viaPhone, 'precursor-watchlist');
    expect(flag.severity).toBe('low');
    expect(flag.evidence.supplierGroupLink).toEqual(['SISTER Ltd (sister) shares a phone number with SHOP2 Ltd (shop2)']);
  });

  it('a link through people counts: the path names them', () => {
    const father = person('father');
    const son = person('son');
    const viaFamily = bundleOf({
      entities: [parent, sub, father, son],
      relations: [tie('father', 'parent', 'owner'), tie('father', 'son', 'family'), tie('son', 'sub', 'director')],
      shipments: [units('parent', 'fam')],
    });
    const [flag] = flagsOf(viaFamily, 'precursor-watchlist');
    expect(flag.severity).toBe('low');
    expect(flag.evidence.supplierGroupLink).toEqual(['PARENT Ltd (parent) is owned by Person father (father)', 'Person father (father) is family of Person son (son)', 'Person son (son) is a director of SUB Ltd (sub)']);
  });

  it('a link longer than six ties is still traced, through the group', () => {
    const chain = Array.from({ length: 9 }, (_v, i) => company(`c${i}`, { isic: i === 0 ? '4652' : '2710' }));
    const relations = chain.slice(1).map((c, i) => tie(chain[i].id, c.id, 'owner'));
    const far = bundleOf({ entities: chain, relations, shipments: [ship('c8', 'c0', { id: 'far', commodity: 'motion-control units', hsCode: '853710', quantity: 40, unit: 'pcs' })] });
    const [flag] = flagsOf(far, 'precursor-watchlist');
    expect(flag.severity).toBe('low');
    const link = flag.evidence.supplierGroupLink as string[];
    expect(link).toHaveLength(8);
    expect(link).toContain('C3 Ltd (c3) owns C4 Ltd (c4)');
  });

  it('the intra-group severity is a parameter', () => {
    const config = parseRules('rules: {precursor-watchlist: {parameters: {intraGroupSeverity: medium}}}', 'r.yaml');
    expect(flagsOf(bundle, 'precursor-watchlist', config).find((f) => f.shipment === 'in-group')!.severity).toBe('medium');
  });

  describe('volume-anomaly', () => {
    const dist = company('dist', { isic: '4669' });
    const coop = company('coop', { isic: '4669' });
    const farms = [1, 2, 3, 4, 5].map((i) => company(`f${i}`, { isic: '0111', employees: 10 }));
    const normal = farms.map((f, i) => ship('dist', f.id, { commodity: 'urea', hsCode: '310210', quantity: 20 + 3 * i, unit: 't', value: 9000, currency: 'EUR' }));
    const tiny = company('tiny', { isic: '0111', employees: 2 });
    const urea = (supplier: string, t: number, currency = 'EUR') => ship(supplier, 'tiny', { commodity: 'urea', hsCode: '310210', quantity: t, unit: 't', value: t * 300, currency });

    it('is low when the total is out of scale only because of what the own group supplied', () => {
      const bundle = bundleOf({ entities: [dist, coop, ...farms, tiny], relations: [tie('coop', 'tiny', 'owner')], shipments: [...normal, urea('coop', 296), urea('dist', 4)] });
      const [flag] = flagsOf(bundle, 'volume-anomaly');
      expect(flag).toMatchObject({ entity: 'tiny', severity: 'low' });
      expect(flag.evidence).toMatchObject({ totalKg: 300000, fromOwnGroupKg: 296000, outOfScaleWithoutOwnGroup: false, fromOwnGroup: [{ supplier: 'coop', link: ['COOP Ltd (coop) owns TINY Ltd (tiny)'] }] });
      expect(flag.summary).toMatch(/296,000 kg of it came from its own company group \(COOP Ltd \(coop\) \(COOP Ltd \(coop\) owns TINY Ltd \(tiny\)\)\), and without it the total is not out of scale\.$/);
    });

    it('keeps its severity when the purchases from outside the group are out of scale on their own', () => {
      const bundle = bundleOf({ entities: [dist, coop, ...farms, tiny], relations: [tie('coop', 'tiny', 'owner')], shipments: [...normal, urea('coop', 150), urea('dist', 150, 'USD')] });
      const [flag] = flagsOf(bundle, 'volume-anomaly');
      expect(flag).toMatchObject({ entity: 'tiny', severity: 'medium' });
      expect(flag.evidence).toMatchObject({ fromOwnGroupKg: 150000, outOfScaleWithoutOwnGroup: true });
      // Values of different currencies are kept apart.
      expect(flag.explanation.facts.find((f) => f.label === 'Value of these shipments')!.value).toBe('EUR 45,000; USD 45,000');
    });
  });

  describe('rapid-transit', () => {
    const [a, b, c, d, out] = ['a', 'b', 'c', 'd', 'out'].map((id) => company(id));
    const hop = (from: string, to: string, shipped: string, received: string, id: string) =>
      ship(from, to, { id, commodity: 'sodium chlorate', hsCode: '282911', quantity: 12, unit: 't', shipped, received });
    const chain = (first: string) => [hop(first, 'b', '2015-05-01', '2015-05-03', 'h1'), hop('b', 'c', '2015-05-05', '2015-05-06', 'h2'), hop('c', 'd', '2015-05-08', '2015-05-09', 'h3')];
    const ties = [tie('a', 'b', 'owner'), tie('b', 'c', 'owner'), tie('c', 'd', 'shared_address')];

    it('is low for a chain that never leaves one group (internal logistics)', () => {
      const flags = flagsOf(bundleOf({ entities: [a, b, c, d], relations: ties, shipments: chain('a') }), 'rapid-transit');
      expect(flags.map((f) => [f.shipment, f.severity])).toEqual([
        ['h1', 'low'],
        ['h2', 'low'],
      ]);
      expect(flags[0].evidence).toMatchObject({ chainInsideOneGroup: true });
      expect(flags[0].summary).toMatch(/; every company on the way belongs to one company group\.$/);
    });

    it('keeps the raised severity when goods enter the group from outside and are rushed through it, naming the hops inside the group', () => {
      const flags = flagsOf(bundleOf({ entities: [out, b, c, d], relations: ties.slice(1), shipments: chain('out') }), 'rapid-transit');
      expect(flags.map((f) => [f.shipment, f.severity])).toEqual([
        ['h1', 'high'],
        ['h2', 'high'],
      ]);
      expect(flags[0].evidence).toMatchObject({ chainInsideOneGroup: false, groupHops: [{ shipment: 'h2' }, { shipment: 'h3' }] });
    });
  });

  it('linked-family-group counts only what the group took in from outside', () => {
    const maker = company('maker', { isic: '2011' });
    const x = company('x', { isic: '4690' });
    const y = company('y', { isic: '4752' });
    const dist = company('dist', { isic: '4669' });
    const goods = (from: string, to: string, hs: string, commodity: string) => ship(from, to, { commodity, hsCode: hs, quantity: 5, unit: 't' });
    const relations = [tie('maker', 'x', 'owner'), tie('maker', 'y', 'owner')];
    const fromOwnMaker = [goods('maker', 'x', '321290', 'aluminium paste'), goods('maker', 'y', '310230', 'ammonium nitrate'), goods('maker', 'y', '282911', 'sodium chlorate')];
    expect(flagsOf(bundleOf({ entities: [maker, x, y], relations, shipments: fromOwnMaker }), 'linked-family-group')).toEqual([]);
    const fromOutside = fromOwnMaker.map((s) => ({ ...s, supplier: 'dist' }));
    const [flag] = flagsOf(bundleOf({ entities: [maker, x, y, dist], relations, shipments: fromOutside }), 'linked-family-group');
    expect(flag.evidence.distinctCommodities).toBe(3);
  });

  it('new-company is low when the first watch-listed shipment came from the own group', () => {
    const young = company('young', { founded: '2015-05-18' });
    const paste = (supplier: string) => ship(supplier, 'young', { commodity: 'aluminium paste', hsCode: '321290', shipped: '2015-09-01' });
    const dist = company('dist', { isic: '4669' });
    expect(flagsOf(bundleOf({ entities: [parent, young], relations: [tie('parent', 'young', 'owner')], shipments: [paste('parent')] }), 'new-company')[0].severity).toBe('low');
    expect(flagsOf(bundleOf({ entities: [dist, young], shipments: [paste('dist')] }), 'new-company')[0].severity).toBe('medium');
  });

  it('border-junction counts suppliers of the own group (consolidation through linked companies) and says how many', () => {
    const near = company('near', { isic: '5210', lat: 36.69, lon: 38.95 });
    const sup = ['s1', 's2', 's3'].map((id) => company(id, { isic: '4669' }));
    const goods = (from: string, to: string) => ship(from, to, { commodity: 'ammonium nitrate', hsCode: '310230', quantity: 10, unit: 't' });
    const bundle = bundleOf({
      entities: [near, ...sup, company('dest')],
      relations: [tie('s1', 'near', 'owner'), tie('s2', 'near', 'director')],
      places: [crossing('akc', 36.6936, 38.9436)],
      shipments: [goods('s1', 'near'), goods('s2', 'near'), goods('s3', 'near'), goods('near', 'dest')],
    });
    const [flag] = flagsOf(bundle, 'border-junction');
    expect(flag).toMatchObject({ severity: 'high', evidence: { suppliersInOwnGroup: ['s1', 's2'] } });
    expect(flag.summary).toMatch(/from 3 suppliers \(2 of them in its own company group\)/);
  });

  it('third-party-payer: a stranger paying for a transfer inside a group is still a third party', () => {
    const car = company('cars', { isic: '7710' });
    const paid = { ...units('parent', 'paid'), payer: 'cars' };
    const [flag] = flagsOf(bundleOf({ entities: [parent, sub, car], relations: [owns], shipments: [paid] }), 'third-party-payer');
    expect(flag.severity).toBe('high');
  });
});
