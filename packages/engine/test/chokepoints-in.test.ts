import { EngineInputError, supplyChokepoints, supplyChokepointsIn, type ChokepointOptions } from '@chokepoint/engine';
import type { Bundle, Entity, Relation, Shipment } from '@chokepoint/model';
import { checkedBundle } from '../src/input';

/** A seeded random network: entities in a few groups, ties of every kind, shipments with masses, values and consignees. */
function network(seed: number): Bundle {
  let x = seed;
  const rand = () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
  const entities: Entity[] = Array.from({ length: 60 }, (_, i) => ({ id: `e${i}`, kind: 'company', name: `Entity ${i}`, attributes: {}, origin: { file: 'entities.csv', line: i + 2 } }));
  const ids = entities.map((e) => e.id);
  const relations: Relation[] = [];
  for (let i = 0; i < 80; i++) {
    const [source, target] = [pick(ids), pick(ids)];
    if (source !== target) relations.push({ source, target, kind: pick(['owner', 'director', 'associate'] as const), attributes: {}, origin: { file: 'relations.csv', line: i + 2 } });
  }
  const shipments: Shipment[] = [];
  for (let i = 0; i < 300; i++) {
    // Goods flow from the low ids towards the high ones, mostly.
    const a = Math.floor(rand() * 50);
    const b = Math.min(59, a + 1 + Math.floor(rand() * 12));
    const s: Shipment = { id: `s${i}`, supplier: ids[a], buyer: ids[b], commodity: pick(['acetone', 'tea']), attributes: {}, origin: { file: 'shipments.csv', line: i + 2 } };
    if (rand() < 0.8) s.quantityKg = Math.round(rand() * 1000);
    if (rand() < 0.7) (s.value = Math.round(rand() * 5000)), (s.currency = pick(['EUR', 'USD']));
    if (rand() < 0.1) s.consignee = ids[Math.min(59, b + 1)];
    shipments.push(s);
  }
  return { name: 'random', entities, relations, shipments, places: [], rejected: [], warnings: [] };
}

describe('supply chokepoints of a network given by the ends of its ties', () => {
  it('are those of the bundle it stands for, given only the shipments that flow', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const bundle = network(seed);
      const checked = checkedBundle(bundle);
      const groups = new Map(bundle.entities.map((e, i) => [e.id, i % 7 === 0 ? 0 : 1 + (i % 3)]));
      const flows = (s: Shipment) => s.commodity === 'acetone';
      for (const extra of [{}, { disruptionSteps: 4 }, { removalOrder: ['e20', 'e3', 'e40'] }] as Partial<ChokepointOptions>[]) {
        const options: ChokepointOptions = { sources: ['e0', 'e1', 'e2', 'e5', 'e58'], targets: ['e50', 'e55', 'e58', 'e59'], shipments: flows, groupOf: (id) => groups.get(id), ...extra };
        const whole = supplyChokepoints(bundle, options);
        const given = supplyChokepointsIn({ ids: bundle.entities.map((e) => e.id), index: checked.index, ends: checked, shipments: bundle.shipments.filter(flows) }, options);
        expect(given).toEqual(whole);
        expect(whole.disruption.length).toBeGreaterThan(0);
      }
    }
  });

  it('refuses shipments that name no entity, or measures the analysis cannot add up, and ends that are no entity', () => {
    const bundle = network(7);
    const checked = checkedBundle(bundle);
    const base = { ids: bundle.entities.map((e) => e.id), index: checked.index, ends: checked };
    const options = { sources: ['e0'], targets: ['e59'] };
    const stranger = { ...bundle.shipments[0], buyer: 'nobody' };
    expect(() => supplyChokepointsIn({ ...base, shipments: [stranger] }, options)).toThrow(new EngineInputError('shipment "s0" (shipments.csv line 2) names "nobody", which is not an entity of the network'));
    expect(() => supplyChokepointsIn({ ...base, shipments: [{ ...bundle.shipments[0], quantityKg: -1 }] }, options)).toThrow(/shipment "s0" \(shipments\.csv line 2\) has the quantityKg -1: it must be a finite number of 0 or more/);
    expect(() => supplyChokepointsIn({ ...base, shipments: [{ ...bundle.shipments[0], value: 1e300 }, { ...bundle.shipments[1], value: 1e300 }] }, options)).toThrow(/the values of the 2 shipments add up to more than 1e\+300/);
    const to = Int32Array.from(checked.to);
    to[3] = 60;
    expect(() => supplyChokepointsIn({ ...base, ends: { from: checked.from, to }, shipments: [] }, options)).toThrow(/tie 4 has an end that is not an entity of the network/);
    expect(() => supplyChokepointsIn({ ...base, index: new Map([...checked.index].slice(1)), shipments: [] }, options)).toThrow(/the index has 59 entities, the network 60/);
  });
});
