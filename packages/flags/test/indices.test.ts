import { analyze, seededRandom } from '@chokepoint/engine';
import { PairSet, buildContext, loadReference, watchMatcher, watchNumbers } from '@chokepoint/flags';
import { sectorDisagreement, type DataIssue, type Entity, type Shipment } from '@chokepoint/model';
import { bundleOf, company, ship } from './helpers';

// The rules answer their per-shipment questions from indices built once per run (numbers instead of ids, codes and
// texts). These tests hold each index against the question asked directly, on mixed data: every answer must be the
// same, or the flags would change.

describe('indices the rules read instead of asking by id or text', () => {
  it('a pair set finds every pair added, numbers pairs in order of first addition, and nothing else, across growth', () => {
    const rnd = seededRandom(7);
    const set = new PairSet();
    const known = new Map<string, number>();
    const added: number[] = [];
    const expected: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      // Small and large numbers, 0 included, many repeats.
      const x = rnd() < 0.5 ? Math.floor(rnd() * 50) : Math.floor(rnd() * 2 ** 31);
      const y = rnd() < 0.5 ? Math.floor(rnd() * 50) : Math.floor(rnd() * 2 ** 31);
      const key = `${x},${y}`;
      if (!known.has(key)) known.set(key, known.size);
      added.push(set.add(x, y));
      expected.push(known.get(key)!);
    }
    expect(added).toEqual(expected);
    expect(set.size).toBe(known.size);
    const pairs = [...known.keys()].map((key) => key.split(',').map(Number));
    expect(pairs.map(([x, y]) => set.find(x, y))).toEqual([...known.values()]);
    expect(pairs.every(([x, y]) => set.has(x, y))).toBe(true);
    const others = Array.from({ length: 5_000 }, () => [Math.floor(rnd() * 2 ** 31), Math.floor(rnd() * 2 ** 31)]);
    expect(others.map(([x, y]) => set.find(x, y))).toEqual(others.map(([x, y]) => known.get(`${x},${y}`) ?? -1));
    expect(others.map(([x, y]) => set.has(x, y))).toEqual(others.map(([x, y]) => known.has(`${x},${y}`)));
  });

  it('watch-list entries by HS code number and folded text give what matching each shipment gives', () => {
    const reference = loadReference();
    const codes = [undefined, '310230', '310240', '282911', '321290', '851712', '853710', '280800', '284700', '999999', '3102'];
    const texts = ['ammonium nitrate', 'Ammonium  NITRATE prills', 'aluminium paste', 'blue paint', 'mobile phones', 'motion sensor', 'hydrogen peroxide', '__proto__', 'toString', 'goods'];
    const units: Shipment['unit'][] = [undefined, 'pcs', 'kg', 'dozen'];
    const rnd = seededRandom(11);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
    const shipments: Shipment[] = [];
    for (let i = 0; i < 3000; i++) {
      const quantity = rnd() < 0.2 ? undefined : Math.floor(rnd() * 200);
      const concentration = rnd() < 0.5 ? undefined : Math.floor(rnd() * 100);
      shipments.push(ship('a', 'b', { id: `w${i}`, hsCode: pick(codes), commodity: pick(texts), quantity, unit: pick(units), concentration }));
    }
    const bundle = bundleOf({ entities: [company('a'), company('b')], shipments });
    const ctx = buildContext(bundle, analyze(bundle), reference, 50);
    const match = watchMatcher(reference);
    const numbers = watchNumbers(reference, ctx.columns);
    const expected = shipments.map((s) => match(s)?.id ?? null);
    expect([...numbers].map((n) => (n < 0 ? null : reference.watchlist[n].id))).toEqual(expected);
    expect(shipments.map((_s, n) => ctx.watchAt(n)?.id ?? null)).toEqual(expected);
    // Enough of each kind to mean something.
    expect(expected.filter((x) => x !== null).length).toBeGreaterThan(300);
    expect(expected.filter((x) => x === null).length).toBeGreaterThan(300);
  });

  it('the fit of a shipment by numbers is the fit judged by id, with sector readings, pieces and watch-listed goods', () => {
    const reference = loadReference();
    const origin = { file: 'entities.csv', line: 37 };
    const sector = 'hardware store (building materials and electrical fittings)';
    const entities: Entity[] = [
      company('sup', { isic: '4690', sector: 'general trading' }),
      company('store', { isic: '4753', sector, origin }),
      company('bakery', { isic: '1071' }),
      company('farm', { sector: 'family farm growing wheat' }),
      company('nobody'),
      company('__proto__', { isic: '2011' }),
    ];
    const warnings: DataIssue[] = [{ ...origin, column: 'isic', reason: sectorDisagreement(sector, '4753', reference.sectorKeywords)! }];
    const goods: Partial<Shipment>[] = [
      { hsCode: '854449', commodity: 'copper wire', quantity: 3000, unit: 'm' },
      { hsCode: '760310', commodity: 'aluminium powder', quantity: 2, unit: 't' },
      { hsCode: '851712', commodity: 'mobile phones', quantity: 5, unit: 'pcs' },
      { hsCode: '851712', commodity: 'mobile phones', quantity: 500, unit: 'pcs' },
      { hsCode: '310230', commodity: 'ammonium nitrate', quantity: 20, unit: 't' },
      { hsCode: '110100', commodity: 'flour' },
      { hsCode: '847130', commodity: 'laptops', quantity: 3, unit: 'pcs' },
      { commodity: 'no code' },
    ];
    const shipments = entities.filter((e) => e.id !== 'sup').flatMap((e) => goods.map((g, i) => ship('sup', e.id, { id: `${e.id}-${i}`, ...g })));
    const bundle = bundleOf({ entities, shipments, warnings });
    const ctx = buildContext(bundle, analyze(bundle), reference, 50);
    expect(ctx.lineOfBusiness('store').sectorReadings).toEqual(['4752']);
    const byId = shipments.map((s) => ctx.fit(s.buyer, s).fits);
    expect(shipments.map((s, n) => ctx.fitsAt(ctx.columns.entityOf(s.buyer), n))).toEqual(byId);
    expect(byId).toEqual(expect.arrayContaining([true, false, undefined]));
  });

  it('number the bundle’s entities as their ids are numbered, also when an id repeats', () => {
    const entities = [company('x'), company('toString'), company('x', { isic: '1071' }), company('y')];
    const bundle = bundleOf({ entities, shipments: [ship('x', 'y')] });
    // The engine refuses a repeated id; the rules' indices must still agree with themselves.
    const analysis = analyze(bundleOf({ entities: entities.slice(1), shipments: bundle.shipments }));
    const ctx = buildContext(bundle, analysis, loadReference(), 50);
    expect([...ctx.columns.entityNumbers]).toEqual(entities.map((e) => ctx.columns.entityOf(e.id)));
    // The line of business of a repeated id is the last entity's, as by id.
    expect(ctx.lineAt(ctx.columns.entityOf('x'))).toEqual(ctx.lineOfBusiness('x'));
    expect(ctx.lineOfBusiness('x').isic).toBe('1071');
  });
});
