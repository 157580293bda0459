import { canonicalOrder } from '@chokepoint/pipeline';
import type { Bundle, Entity, Relation, Shipment } from '@chokepoint/model';

const entity = (id: string, line: number): Entity => ({ id, kind: 'company', name: id, attributes: {}, origin: { file: 'entities.csv', line } });
const relation = (source: string, target: string, line: number, attributes: Record<string, string> = {}): Relation => ({
  source, target, kind: 'owner', attributes, origin: { file: 'relations.csv', line },
});
const shipment = (id: string, line: number): Shipment => ({ id, supplier: 'a', buyer: 'b', commodity: 'tea', attributes: {}, origin: { file: 'shipments.csv', line } });

describe('canonicalOrder', () => {
  it('sorts by code units whatever the input order, keeps records of equal keys in input order, and changes no record', () => {
    const ids = ['e10', 'e2', 'E1', '__proto__', 'é', 'e1', 'toString', 'e1 '];
    const relations = [relation('b', 'a', 2), relation('a', 'c', 3, { note: 'x' }), relation('a', 'c', 4), relation('a', 'c', 5, { note: 'x' }), relation('a', 'b', 6)];
    const input: Bundle = {
      name: 't',
      entities: ids.map((id, i) => entity(id, i + 2)),
      relations,
      shipments: ['s3', 's10', 's1'].map((id, i) => shipment(id, i + 2)),
      places: [],
      rejected: [],
      warnings: [],
    };
    const out = canonicalOrder(input);
    expect(out.entities.map((e) => e.id)).toEqual([...ids].sort());
    expect(out.shipments.map((s) => s.id)).toEqual(['s1', 's10', 's3']);
    // Equal relations (a → c with the same attributes) keep the order of their lines.
    expect(out.relations.map((r) => r.origin!.line)).toEqual([6, 4, 3, 5, 2]);
    for (const e of out.entities) expect(input.entities).toContain(e);
    expect(input.entities.map((e) => e.id)).toEqual(ids); // the input is not reordered
  });

  it('gives a bundle already in order as it is, in new lists', () => {
    const input: Bundle = {
      name: 't',
      entities: ['a', 'b', 'b', 'c'].map((id, i) => entity(id, i + 2)),
      relations: [relation('a', 'b', 2), relation('a', 'b', 3)],
      shipments: [shipment('s1', 2)],
      places: [],
      rejected: [],
      warnings: [],
    };
    const out = canonicalOrder(input);
    expect(out.entities).toEqual(input.entities);
    expect(out.entities).not.toBe(input.entities);
    expect(out.entities.map((e) => e.origin!.line)).toEqual([2, 3, 4, 5]);
    expect(out.relations.map((r) => r.origin!.line)).toEqual([2, 3]);
  });
});
