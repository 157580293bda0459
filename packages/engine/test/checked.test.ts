import { projectBundle, supplyChokepoints, EngineInputError } from '@chokepoint/engine';
import type { Bundle, Entity, Shipment } from '@chokepoint/model';
import { checkedBundle, checkedIfValid, checkedIndex, forgetCheckedBundle } from '../src/input';

const entity = (id: string, line: number): Entity => ({ id, kind: 'company', name: id.toUpperCase(), attributes: {}, origin: { file: 'entities.csv', line } });
const shipment = (id: string, supplier: string, buyer: string, line: number): Shipment => ({
  id, supplier, buyer, commodity: 'acetone', quantityKg: 10, quantity: 10, unit: 'kg', attributes: {}, origin: { file: 'shipments.csv', line },
});
const fresh = (): Bundle => ({
  name: 't',
  entities: ['a', 'b', 'c'].map((id, i) => entity(id, i + 2)),
  relations: [{ source: 'a', target: 'b', kind: 'owner', attributes: {}, origin: { file: 'relations.csv', line: 2 } }],
  shipments: [shipment('s1', 'a', 'b', 2), shipment('s2', 'b', 'c', 3)],
  places: [],
  rejected: [],
  warnings: [],
});

describe('a bundle is checked once by the engine steps, and again whenever it changed', () => {
  it('gives the same index for the same bundle holding the same records', () => {
    const b = fresh();
    const index = checkedIndex(b);
    expect([...index]).toEqual([['a', 0], ['b', 1], ['c', 2]]);
    expect(checkedIndex(b)).toBe(index);
    // A new bundle object with the same records is a new bundle: checked again.
    expect(checkedIndex({ ...b })).not.toBe(index);
  });

  it('notes the ends of every tie as positions: the relations, then the shipments (supplier, buyer)', () => {
    const b = fresh();
    const { from, to } = checkedBundle(b);
    expect([...from]).toEqual([0, 0, 1]);
    expect([...to]).toEqual([1, 1, 2]);
    expect(checkedBundle(b).from).toBe(from);
    // Let go of: the next call checks the bundle again, and finds the same ends.
    forgetCheckedBundle(b);
    const again = checkedBundle(b);
    expect(again.from).not.toBe(from);
    expect([...again.from, ...again.to]).toEqual([...from, ...to]);
    // checkedIfValid: the same for a bundle the check accepts, undefined for one it refuses.
    expect(checkedIfValid(b)).toBe(again);
    const refused = fresh();
    refused.shipments.push(shipment('s9', 'a', 'zz', 9));
    expect(checkedIfValid(refused)).toBeUndefined();
  });

  it('checks again a bundle whose lists were changed in place: a record added, replaced or removed, or a list replaced', () => {
    const unknown = /shipment "s9" \(shipments\.csv line 9\) names "zz", which is not an entity of the bundle/;
    const added = fresh();
    projectBundle(added);
    added.shipments.push(shipment('s9', 'a', 'zz', 9));
    expect(() => projectBundle(added)).toThrow(unknown);
    expect(() => supplyChokepoints(added, { sources: ['a'], targets: ['c'] })).toThrow(EngineInputError);

    const replaced = fresh();
    supplyChokepoints(replaced, { sources: ['a'], targets: ['c'] });
    replaced.shipments[1] = shipment('s9', 'a', 'zz', 9); // same length, another record
    expect(() => supplyChokepoints(replaced, { sources: ['a'], targets: ['c'] })).toThrow(unknown);

    const removed = fresh();
    const before = checkedIndex(removed);
    removed.entities.pop(); // c is gone, and s2 still names it
    expect(() => checkedIndex(removed)).toThrow(/shipment "s2" \(shipments\.csv line 3\) names "c", which is not an entity of the bundle/);
    removed.entities.push(entity('c', 4));
    expect(checkedIndex(removed)).not.toBe(before);

    const swapped = fresh();
    projectBundle(swapped);
    swapped.relations = [{ source: 'a', target: 'a', kind: 'owner', attributes: {}, origin: { file: 'relations.csv', line: 5 } }];
    expect(() => projectBundle(swapped)).toThrow('relation 1 (relations.csv line 5) ties "a" to itself, which the data contract does not allow');
  });

  it('a bundle that failed its check fails it again', () => {
    const b = fresh();
    b.shipments.push(shipment('s9', 'a', 'zz', 9));
    expect(() => projectBundle(b)).toThrow(EngineInputError);
    expect(() => projectBundle(b)).toThrow(EngineInputError);
  });
});
