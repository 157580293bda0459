import { analyze } from '@chokepoint/engine';
import { buildContext, evaluateFlags, loadReference, parseReference } from '@chokepoint/flags';
import { buildColumns, indexListsSorted, NO_PAYER } from '../src/columns';
import { ONWARD_NAMED } from '../src/rules/rapid-transit';
import { REFERENCE, bundleOf, company, flagsOf, resultOf, ship, tie } from './helpers';

// The rules read the bundle through columns and indices built once per run (entity and shipment numbers, interned
// codes and dates, memoised watch-list and sector-fit answers). These tests hold the places where an index could
// answer differently from the shipment itself: one HS code with different texts or quantities, same-day and undated
// shipments, and ids that are names of Object.prototype.

describe('the shared columns of a run', () => {
  it('number entities in bundle order, ids like toString and __proto__ included, with each entity’s shipments in bundle order', () => {
    const entities = [company('toString'), company('__proto__'), company('constructor')];
    const shipments = [
      ship('__proto__', 'toString', { id: 'x1', shipped: '2024-01-02' }),
      ship('toString', 'constructor', { id: 'x2', consignee: '__proto__' }),
      ship('__proto__', 'toString', { id: 'x3', received: '2024-01-01' }),
    ];
    const bundle = bundleOf({ entities, shipments });
    const ctx = buildContext(bundle, analyze(bundle), REFERENCE, 50);
    const c = ctx.columns;
    expect(c.entityIds).toEqual(['toString', '__proto__', 'constructor']);
    expect(['toString', '__proto__', 'constructor', 'hasOwnProperty'].map((id) => c.entityOf(id))).toEqual([0, 1, 2, -1]);
    expect(ctx.bought('toString').map((s) => s.id)).toEqual(['x1', 'x3']);
    expect(ctx.received('__proto__').map((s) => s.id)).toEqual(['x2']);
    expect(ctx.sold('__proto__').map((s) => s.id)).toEqual(['x1', 'x3']);
    expect(ctx.bought('hasOwnProperty')).toEqual([]);
    expect(ctx.group('__proto__').members).toEqual(['__proto__']);
    // Dates interned once, undated shipments -1; string order is kept for sorting.
    expect([...c.shippedOn].map((d) => (d < 0 ? null : c.dates[d]))).toEqual(['2024-01-02', null, null]);
    expect([...c.receivedOn].map((d) => (d < 0 ? null : c.dates[d]))).toEqual([null, null, '2024-01-01']);
    expect(c.dateRank[c.receivedOn[2]]).toBeLessThan(c.dateRank[c.shippedOn[0]]);
  });

  it('number the parties of each shipment after relations (ends the engine’s check found), and of a bundle it refuses (an unknown party numbered next)', () => {
    const entities = [company('a'), company('b'), company('c')];
    const relations = [tie('a', 'b', 'owner'), tie('b', 'c', 'director'), tie('c', 'a', 'agent')];
    const shipments = [ship('c', 'a', { consignee: 'b' }), ship('b', 'c'), ship('a', 'b')];
    const checked = buildColumns(bundleOf({ entities, relations, shipments }));
    expect([...checked.supplier]).toEqual([2, 1, 0]);
    expect([...checked.buyer]).toEqual([0, 2, 1]);
    expect([...checked.receiver]).toEqual([1, 2, 1]);
    // A shipment naming an entity that is not there: the check refuses the bundle, and the parties are looked up.
    const refused = buildColumns(bundleOf({ entities, relations, shipments: [...shipments, ship('zz', 'a')] }));
    expect(refused.entityIds).toEqual(['a', 'b', 'c', 'zz']);
    expect([...refused.supplier]).toEqual([2, 1, 0, 3]);
    expect([...refused.buyer]).toEqual([0, 2, 1, 0]);
    // The relations' ends: as the check found them, and looked up in a refused bundle (-1 for an id no entity or
    // shipment has).
    expect([...checked.relationSource, ...checked.relationTarget]).toEqual([0, 1, 2, 1, 2, 0]);
    const unknownEnd = buildColumns(bundleOf({ entities, relations: [...relations, tie('ghost', 'a', 'owner')], shipments: [...shipments, ship('zz', 'a')] }));
    expect([...unknownEnd.relationSource, ...unknownEnd.relationTarget]).toEqual([0, 1, 2, -1, 1, 2, 0, 0]);
  });

  it('hold each shipment’s payer by number (none, the buyer, another entity, an id no entity has), and judge them as by id', () => {
    const entities = [company('maker', { isic: '2790' }), company('trader', { isic: '4669' }), company('hire', { isic: '7710' })];
    const units = (id: string, payer?: string) => ship('maker', 'trader', { id, commodity: 'motion-control units', hsCode: '853710', quantity: 24, unit: 'pcs', ...(payer === undefined ? {} : { payer }) });
    const bundle = bundleOf({ entities, shipments: [units('none'), units('self', 'trader'), units('car-hire', 'hire'), units('ghost', 'nobody'), units('proto', '__proto__')] });
    const c = buildColumns(bundle);
    expect([...c.payer]).toEqual([NO_PAYER, 1, 2, -1, -1]);
    // The payer that is no entity of the bundle (the engine refuses such a bundle; the rules take it) is a third party
    // as much as the car-hire firm.
    const analysis = analyze(bundleOf({ entities, shipments: bundle.shipments.slice(0, 3) }));
    expect(evaluateFlags(bundle, analysis, REFERENCE).flags.filter((f) => f.rule === 'third-party-payer').map((f) => [f.shipment, f.evidence.payer])).toEqual([
      ['car-hire', 'hire'],
      ['ghost', 'nobody'],
      ['proto', '__proto__'],
    ]);
  });

  it('bind companies through ties read by their ends’ numbers, an owner no entity has included (address-hub)', () => {
    const at = (id: string) => company(id, { country: 'TR', address: 'Plaza Business Centre, Floor 3, Mersin' });
    const companies = [1, 2, 3, 4, 5, 6].map((i) => at(`c${i}`));
    const hub = (relations: ReturnType<typeof tie>[]) => resultOf(bundleOf({ entities: companies, relations })).flags.filter((f) => f.rule === 'address-hub');
    expect(hub([]).map((f) => f.evidence.unrelatedCompanies)).toEqual([6]);
    // One owning another: five unrelated parties, still a hub (the least); then two more bound through an owner that
    // is not an entity of the bundle (the engine refuses it; the rules still bind through the id): four, too few.
    expect(hub([tie('c1', 'c2', 'owner')]).map((f) => [f.evidence.unrelatedCompanies, f.evidence.ownershipGroups])).toEqual([[5, [['c1', 'c2']]]]);
    const ghost = bundleOf({ entities: companies, relations: [tie('c1', 'c2', 'owner'), tie('ghost', 'c3', 'owner'), tie('ghost', 'c4', 'family')] });
    expect(buildColumns(ghost).relationSource[1]).toBe(-1);
    expect(evaluateFlags(ghost, analyze(bundleOf({ entities: companies })), REFERENCE).flags.filter((f) => f.rule === 'address-hub')).toEqual([]);
  });

  it('match one HS code against the watch list by each shipment’s own text and quantity, not once per code', () => {
    const entities = [company('dist'), company('shop')];
    const shipments = [
      // aluminium paste needs the keyword: the same code without it is not watch-listed.
      ship('dist', 'shop', { id: 'p1', hsCode: '321290', commodity: 'blue paint' }),
      ship('dist', 'shop', { id: 'p2', hsCode: '321290', commodity: 'aluminium paste' }),
      // Mobile phones count in bulk only (50 pieces and more).
      ship('dist', 'shop', { id: 'm1', hsCode: '851712', commodity: 'mobile phones', quantity: 10, unit: 'pcs' }),
      ship('dist', 'shop', { id: 'm2', hsCode: '851712', commodity: 'mobile phones', quantity: 500, unit: 'pcs' }),
      ship('dist', 'shop', { id: 'p3', hsCode: '321290', commodity: 'white paint' }),
    ];
    const bundle = bundleOf({ entities, shipments });
    const ctx = buildContext(bundle, analyze(bundle), REFERENCE, 50);
    const expected = [undefined, 'aluminium-paste', undefined, 'mobile-phones', undefined];
    expect(shipments.map((s) => ctx.watch(s)?.id)).toEqual(expected);
    expect(shipments.map((_s, n) => ctx.watchAt(n)?.id)).toEqual(expected);
    expect(ctx.watched('shop').map((s) => s.id)).toEqual(['p2', 'm2']);
  });

  it('match a commodity without an HS code by its name in French or Spanish, as the shipped watch list gives them', () => {
    const reference = loadReference();
    const entities = [company('dist'), company('shop')];
    const shipments = [
      ship('dist', 'shop', { id: 'fr', commodity: "Nitrate d'ammonium 34,5 %" }),
      ship('dist', 'shop', { id: 'es', commodity: 'polvo de aluminio' }),
      ship('dist', 'shop', { id: 'det', commodity: 'détonateurs électriques' }),
      ship('dist', 'shop', { id: 'gas', commodity: 'gaz non explosif' }),
    ];
    const bundle = bundleOf({ entities, shipments });
    const ctx = buildContext(bundle, analyze(bundle), reference, 50);
    expect(shipments.map((x) => ctx.watch(x)?.id)).toEqual(['ammonium-nitrate', 'aluminium-powder', 'detonators', undefined]);
  });

  it('give an entity’s watch-listed shipments once, bought first, then received (as consignee) and not bought', () => {
    const entities = [company('dist'), company('shop'), company('store')];
    const shipments = [
      ship('dist', 'store', { id: 'r1', hsCode: '321290', commodity: 'aluminium paste', consignee: 'shop' }),
      ship('dist', 'shop', { id: 'b1', hsCode: '321290', commodity: 'aluminium paste', consignee: 'shop' }),
      ship('dist', 'shop', { id: 'b2', hsCode: '321290', commodity: 'aluminium paste' }),
    ];
    const bundle = bundleOf({ entities, shipments });
    const ctx = buildContext(bundle, analyze(bundle), REFERENCE, 50);
    expect(ctx.watched('shop').map((s) => s.id)).toEqual(['b1', 'b2', 'r1']);
    expect(ctx.watched('store').map((s) => s.id)).toEqual(['r1']);
  });

  it('judge the fit of one HS code by each shipment’s pieces where a row for any business has a piece limit', () => {
    const reference = parseReference({
      watchlist: 'id,name,category,hs_prefixes,keywords,require_keyword,min_pcs,users,source',
      sectorFit: ['isic_prefix,hs_prefixes,rationale,max_pcs', '*,8517,phones for the office,20', '1071,1101,bakeries buy flour,'].join('\n'),
      sectorKeywords: 'keyword,isic,rationale',
    });
    const entities = [company('dist'), company('bakery', { isic: '1071' }), company('nobody')];
    const shipments = [
      ship('dist', 'bakery', { id: 'f1', hsCode: '851712', commodity: 'phones', quantity: 5, unit: 'pcs' }),
      ship('dist', 'bakery', { id: 'f2', hsCode: '851712', commodity: 'phones', quantity: 500, unit: 'pcs' }),
      ship('dist', 'bakery', { id: 'f3', hsCode: '851712', commodity: 'phones', quantity: 2, unit: 'dozen' }),
      ship('dist', 'bakery', { id: 'f4', hsCode: '851712', commodity: 'phones', quantity: 6, unit: 'kg' }),
      ship('dist', 'bakery', { id: 'f5', hsCode: '110100', commodity: 'flour' }),
      ship('dist', 'nobody', { id: 'f6', hsCode: '110100', commodity: 'flour' }),
    ];
    const bundle = bundleOf({ entities, shipments });
    const ctx = buildContext(bundle, analyze(bundle), reference, 50);
    const expected = [true, false, false, true, true, undefined];
    expect(shipments.map((s) => ctx.fits(s.buyer, s))).toEqual(expected);
    expect(shipments.map((s, n) => ctx.fitsAt(ctx.columns.entityOf(s.buyer), n))).toEqual(expected);
    expect(shipments.map((s) => ctx.fit(s.buyer, s).fits)).toEqual(expected);
  });
});

describe('rapid-transit on indexed sales', () => {
  const entities = [company('__proto__'), company('toString', { isic: '1071' }), company('constructor'), company('hasOwnProperty')];
  const flour = { hsCode: '110100', commodity: 'flour' };

  it('counts sales on the day of arrival, not the day before nor beyond the limit, and lists same-day sales by id', () => {
    const shipments = [
      ship('__proto__', 'toString', { id: 'in', received: '2024-03-10', ...flour }),
      ship('toString', 'constructor', { id: 'b-out', shipped: '2024-03-10', ...flour }),
      ship('toString', 'hasOwnProperty', { id: 'a-out', shipped: '2024-03-10', ...flour }),
      ship('toString', 'constructor', { id: 'early', shipped: '2024-03-09', ...flour }),
      ship('toString', 'constructor', { id: 'late', shipped: '2024-03-30', ...flour }),
      // Other goods of the same holder in the window do not count.
      ship('toString', 'constructor', { id: 'other', shipped: '2024-03-11', hsCode: '170100', commodity: 'sugar' }),
    ];
    const flags = flagsOf(bundleOf({ entities, shipments }), 'rapid-transit');
    expect(flags.map((f) => f.id)).toEqual(['rapid-transit/in']);
    expect(flags[0].entity).toBe('toString');
    expect(flags[0].evidence.onward).toEqual([
      { shipment: 'a-out', to: 'hasOwnProperty', shipped: '2024-03-10', dwellDays: 0 },
      { shipment: 'b-out', to: 'constructor', shipped: '2024-03-10', dwellDays: 0 },
    ]);
    expect(flags[0].evidence.chain).toEqual(['in', 'a-out']);
  });

  it('follows the chain back and forward through same-day hops', () => {
    const shipments = [
      ship('__proto__', 'toString', { id: 'h1', shipped: '2024-05-01', received: '2024-05-01', ...flour }),
      ship('toString', 'constructor', { id: 'h2', shipped: '2024-05-01', received: '2024-05-02', ...flour }),
      ship('constructor', 'hasOwnProperty', { id: 'h3', shipped: '2024-05-02', ...flour }),
    ];
    const flags = flagsOf(bundleOf({ entities, shipments }), 'rapid-transit');
    expect(flags.map((f) => [f.id, f.entity, f.evidence.chain])).toEqual([
      ['rapid-transit/h2', 'constructor', ['h1', 'h2', 'h3']],
      ['rapid-transit/h1', 'toString', ['h1', 'h2', 'h3']],
    ]);
  });

  it('follows each chain back to the receipt just before each sale and forward by the quickest sale, and names the quickest onward sales, as reading every receipt and sale finds them (a hub of hundreds)', () => {
    // A distributor (not a reseller) buying from and selling to 30 firms: 600 shipments of three goods over six weeks,
    // some with a receipt date, a few undated or with a date that cannot be read.
    let seed = 7;
    const r = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const firms = Array.from({ length: 30 }, (_, k) => company(`f${k}`, { isic: '2011' }));
    const hub = company('hub', { isic: '2011' });
    const day = (d: number) => new Date(Date.UTC(2024, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
    const goods = [
      { hsCode: '110100', commodity: 'flour' },
      { hsCode: '170100', commodity: 'sugar' },
      { hsCode: '281420', commodity: 'ammonia' },
    ];
    const shipments = Array.from({ length: 600 }, (_, k) => {
      const firm = `f${Math.floor(r() * 30)}`;
      const [supplier, buyer] = r() < 0.5 ? [firm, 'hub'] : ['hub', firm];
      const d = Math.floor(r() * 42);
      const shipped = r() < 0.03 ? undefined : r() < 0.02 ? '2024-02-30' : day(d);
      const received = r() < 0.4 ? day(d + Math.floor(r() * 4)) : undefined;
      // (ids out of the file's order: the quickest sales of one day are named by id, not in the order read)
      // (one in ten without its HS code: the same goods then by their words)
      const { hsCode, commodity } = goods[Math.floor(r() * 3)];
      const coded = r() < 0.9 ? { hsCode } : {};
      return ship(supplier, buyer, { id: `s${String((k * 379) % 600).padStart(3, '0')}`, commodity, ...coded, ...(shipped === undefined ? {} : { shipped }), ...(received === undefined ? {} : { received }) });
    });
    const byId = new Map(shipments.map((x) => [x.id, x]));
    /** The same goods: the same heading when both have a code, else the same words. */
    const sameGoods = (a: (typeof shipments)[number], b: (typeof shipments)[number]) =>
      a.hsCode !== undefined && b.hsCode !== undefined ? a.hsCode.slice(0, 4) === b.hsCode.slice(0, 4) : a.commodity === b.commodity;
    const time = (d: string | undefined) => (d === undefined ? NaN : Date.parse(`${d}T00:00:00Z`));
    /** The receipt of the sale's goods by its supplier just before it, within 14 days: fewest days, then lowest id. */
    const previousOf = (sale: (typeof shipments)[number]) => {
      let best: (typeof shipments)[number] | undefined;
      let bestDays = 0;
      for (const x of shipments) {
        if ((x.consignee ?? x.buyer) !== sale.supplier || x.id === sale.id || !sameGoods(x, sale)) continue;
        const days = Math.round((time(sale.shipped) - time(x.received ?? x.shipped)) / 86_400_000);
        if (!(days >= 0 && days <= 14)) continue;
        if (best === undefined || days < bestDays || (days === bestDays && x.id < best.id)) [best, bestDays] = [x, days];
      }
      return best;
    };
    /** The sales of the goods by their receiver within 14 days of arrival: fewest days first, then lowest id. */
    const onwardOf = (inbound: (typeof shipments)[number]) =>
      shipments
        .filter((x) => x.supplier === (inbound.consignee ?? inbound.buyer) && x.id !== inbound.id && sameGoods(x, inbound))
        .map((x) => ({ x, days: Math.round((time(x.shipped) - time(inbound.received ?? inbound.shipped)) / 86_400_000) }))
        .filter(({ days }) => days >= 0 && days <= 14)
        .sort((a, b) => a.days - b.days || (a.x.id < b.x.id ? -1 : 1));
    const flags = flagsOf(bundleOf({ entities: [hub, ...firms], shipments }), 'rapid-transit');
    expect(flags.length).toBeGreaterThan(100);
    let forward = 0;
    let capped = 0;
    for (const f of flags) {
      const chain = f.evidence.chain as string[];
      const at = chain.indexOf(f.shipment!);
      // The quickest onward sales within the limit are named (all of them, up to ONWARD_NAMED), every one counted, and the
      // chain goes on from each hop by the quickest.
      const all = onwardOf(byId.get(f.shipment!)!);
      expect([f.id, (f.evidence.onward as { shipment: string }[]).map((o) => o.shipment)]).toEqual([f.id, all.slice(0, ONWARD_NAMED).map((o) => o.x.id)]);
      expect([f.id, f.evidence.onwardCount]).toEqual([f.id, all.length]);
      if (all.length > ONWARD_NAMED) capped++;
      for (let k = at + 1; k < chain.length; k++, forward++) expect([f.id, k, onwardOf(byId.get(chain[k - 1])!)[0]?.x.id]).toEqual([f.id, k, chain[k]]);
      const last = onwardOf(byId.get(chain[chain.length - 1])!)[0];
      if (chain.length < 50) expect([f.id, last === undefined || chain.includes(last.x.id)]).toEqual([f.id, true]);
    }
    expect(forward).toBeGreaterThan(100);
    // (a quarter of the receipts or more have more sales within the limit than are named)
    expect(capped).toBeGreaterThan(flags.length / 4);
    let steps = 0;
    for (const f of flags) {
      const chain = f.evidence.chain as string[];
      const at = chain.indexOf(f.shipment!);
      // Each shipment of the chain up to the flagged one was reached from the next by the receipt just before it.
      for (let k = at; k > 0; k--, steps++) expect([f.id, k, previousOf(byId.get(chain[k])!)?.id]).toEqual([f.id, k, chain[k - 1]]);
      const first = previousOf(byId.get(chain[0])!);
      if (chain.length < 25) expect([f.id, first === undefined || chain.includes(first.id)]).toEqual([f.id, true]);
    }
    expect(steps).toBeGreaterThan(100);
  });

  it('counts an inbound shipment whose holder sold the same goods on without a date as not fully judged', () => {
    const shipments = [
      ship('__proto__', 'toString', { id: 'in', received: '2024-03-10', ...flour }),
      ship('toString', 'constructor', { id: 'undated', ...flour }),
      ship('__proto__', 'hasOwnProperty', { id: 'plain', received: '2024-03-10', ...flour }),
    ];
    const result = resultOf(bundleOf({ entities, shipments }));
    expect(result.flags.filter((f) => f.rule === 'rapid-transit')).toEqual([]);
    expect(result.rules.find((r) => r.id === 'rapid-transit')!.coverage).toEqual({
      unit: 'shipments received',
      judged: 1,
      notJudged: [
        { reason: 'no date of arrival or shipping', count: 1 },
        { reason: 'onward shipments of the same goods have no shipping date', count: 1 },
      ],
    });
  });
});

describe('round-tripping on indexed sales', () => {
  it('finds a circle made in one day through companies named like Object.prototype members', () => {
    const entities = [company('toString'), company('valueOf'), company('__proto__'), company('constructor')];
    const goods = { hsCode: '310230', commodity: 'ammonium nitrate', quantity: 1000, unit: 'kg' } as const;
    const shipments = [
      ship('toString', '__proto__', { id: 'c1', shipped: '2024-01-01', ...goods }),
      ship('__proto__', 'constructor', { id: 'c2', shipped: '2024-01-01', ...goods }),
      ship('constructor', 'valueOf', { id: 'c3', shipped: '2024-01-01', ...goods }),
    ];
    const flags = flagsOf(bundleOf({ entities, relations: [tie('toString', 'valueOf', 'owner')], shipments }), 'round-tripping');
    expect(flags.map((f) => [f.id, f.shipments, f.evidence.goods, f.evidence.returnedTo])).toEqual([['round-tripping/c1', ['c1', 'c2', 'c3'], '3102', 'valueOf']]);
  });
});

describe('index lists ordered by keys', () => {
  it('equal a stable sort by the keys then the item number, each entity on its own, on 300 random inputs, short runs and long', () => {
    let seed = 9;
    const rng = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (let round = 0; round < 300; round++) {
      // Every tenth input has runs longer than the insertion sort takes (a hub's sales).
      const entities = 1 + Math.floor(rng() * 12);
      const n = Math.floor(rng() * (round % 10 === 0 ? 2000 : 80));
      const owner = Int32Array.from({ length: n }, () => (rng() < 0.2 ? -1 : Math.floor(rng() * entities)));
      const keys = Array.from({ length: 1 + Math.floor(rng() * 3) }, () => {
        const count = 1 + Math.floor(rng() * 6);
        return { of: Int32Array.from({ length: n }, () => Math.floor(rng() * count)), count };
      });
      const { start, items } = indexListsSorted(owner, entities, keys);
      expect(start).toHaveLength(entities + 1);
      for (let e = 0; e < entities; e++) {
        const expected = [...Array(n).keys()].filter((i) => owner[i] === e).sort((x, y) => {
          for (const k of keys) if (k.of[x] !== k.of[y]) return k.of[x] - k.of[y];
          return x - y;
        });
        expect(Array.from(items.subarray(start[e], start[e + 1]))).toEqual(expected);
      }
      expect(items.length).toBe(owner.filter((o) => o >= 0).length);
    }
  });
});
