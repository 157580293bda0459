import { readBundle } from '@chokepoint/ingest';
import { join } from 'node:path';
import { keyOrderOf, ordered, readFields, toProperties } from '../src/convert';
import { CONSTRAINTS, ENTITY_FIELDS, ENTITY_KIND_LABELS, PLACE_FIELDS, PLACE_KIND_LABELS, RELATION_FIELDS, RELATION_TYPES, SHIPMENT_FIELDS, SHIPMENT_TYPES, FLAG_TYPES } from '../src/schema';
import { contentHash } from '../src/import';
import { generatedBundle } from '@chokepoint/neo4j/testing';

const DEMO = join(__dirname, '..', '..', '..', 'data', 'scenarios', 'border-procurement');

describe('the graph model', () => {
  it('labels and relationship types are plain identifiers from fixed maps (the only names put into Cypher text)', () => {
    const names = [
      ...Object.values(ENTITY_KIND_LABELS),
      ...Object.values(RELATION_TYPES),
      ...Object.values(PLACE_KIND_LABELS),
      ...Object.values(SHIPMENT_TYPES),
      ...Object.values(FLAG_TYPES),
    ];
    for (const name of names) expect(name).toMatch(/^[A-Za-z_]+$/);
    expect(new Set(names).size).toBe(names.length);
    for (const c of CONSTRAINTS) expect(c).toMatch(/^CREATE CONSTRAINT chokepoint_[a-z_]+ IF NOT EXISTS FOR /);
  });
});

describe('records put in a key order read from the database', () => {
  it('keeps the order, makes every key an own property (a key order naming __proto__ included), and never a prototype', () => {
    const values = JSON.parse('{"id":"e1","__proto__":"kept","toString":"t","name":"N"}') as Record<string, unknown>;
    const out = ordered<Record<string, unknown>>(values, ['name', '__proto__', 'constructor', 'id']);
    expect(Object.keys(out)).toEqual(['name', '__proto__', 'id', 'toString']);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toBe('kept');
    expect(JSON.stringify(out)).toBe('{"name":"N","__proto__":"kept","id":"e1","toString":"t"}');
  });
});

describe('records as properties and back', () => {
  it('every record of the demo survives the trip through properties, keys in the same order', async () => {
    const bundle = await readBundle(DEMO);
    const order = {
      entities: keyOrderOf(bundle.entities),
      relations: keyOrderOf(bundle.relations),
      shipments: keyOrderOf(bundle.shipments),
      places: keyOrderOf(bundle.places),
    };
    bundle.entities.forEach((e, i) => {
      const values: Record<string, unknown> = {};
      expect(readFields(toProperties(e as never, ENTITY_FIELDS, i), ENTITY_FIELDS, values)).toEqual([]);
      const back = ordered(values, order.entities);
      expect(back).toStrictEqual(e);
      expect(JSON.stringify(back)).toBe(JSON.stringify(e));
    });
    bundle.relations.forEach((r, i) => {
      const values: Record<string, unknown> = { source: r.source, target: r.target, kind: r.kind };
      expect(readFields(toProperties(r as never, RELATION_FIELDS, i), RELATION_FIELDS, values)).toEqual([]);
      expect(JSON.stringify(ordered(values, order.relations))).toBe(JSON.stringify(r));
    });
    bundle.shipments.forEach((s, i) => {
      const values: Record<string, unknown> = { supplier: s.supplier, buyer: s.buyer };
      if (s.consignee !== undefined) values.consignee = s.consignee;
      if (s.payer !== undefined) values.payer = s.payer;
      expect(readFields(toProperties(s as never, SHIPMENT_FIELDS, i), SHIPMENT_FIELDS, values)).toEqual([]);
      expect(JSON.stringify(ordered(values, order.shipments))).toBe(JSON.stringify(s));
    });
    bundle.places.forEach((p, i) => {
      const values: Record<string, unknown> = {};
      expect(readFields(toProperties(p as never, PLACE_FIELDS, i), PLACE_FIELDS, values)).toEqual([]);
      expect(JSON.stringify(ordered(values, order.places))).toBe(JSON.stringify(p));
    });
  });

  it('absent values are sent as null (so that SET += removes them) and read back as absent', () => {
    const props = toProperties({ id: 'a', kind: 'company', name: 'A', attributes: {}, origin: { file: 'entities.csv', line: 2 } }, ENTITY_FIELDS, 0);
    expect(props.country).toBeNull();
    expect(props.attributesJson).toBeNull();
    const values: Record<string, unknown> = {};
    readFields({ ...props, country: null }, ENTITY_FIELDS, values);
    expect('country' in values).toBe(false);
    expect(values.attributes).toEqual({});
  });

  it('a required field that is missing is reported', () => {
    expect(readFields({ id: 'a', kind: 'company' }, ENTITY_FIELDS, {})).toEqual(['name']);
  });
});

describe('key order', () => {
  it('merges the orders of records that leave out different keys (the header order)', () => {
    const header = ['id', 'kind', 'name', 'country', 'city', 'lat', 'lon', 'attributes', 'origin'];
    const records = [
      { id: 1, kind: 1, lat: 1, lon: 1, attributes: 1, origin: 1 },
      { id: 1, name: 1, city: 1, attributes: 1, origin: 1 },
      { id: 1, kind: 1, name: 1, country: 1, attributes: 1, origin: 1 },
      { country: 1, city: 1, lat: 1 },
    ];
    expect(keyOrderOf(records)).toEqual(header);
  });

  it('keeps keys it has not seen at the end', () => {
    expect(Object.keys(ordered({ b: 1, z: 2, a: 3 }, ['a', 'b']))).toEqual(['a', 'b', 'z']);
  });
});

describe('content hash', () => {
  it('is the same for the same bundle and differs for any change', () => {
    const a = generatedBundle({ entities: 50, relations: 80, shipments: 30 });
    const b = generatedBundle({ entities: 50, relations: 80, shipments: 30 });
    expect(contentHash(a)).toBe(contentHash(b));
    b.entities[7] = { ...b.entities[7], name: 'changed' };
    expect(contentHash(a)).not.toBe(contentHash(b));
  });
});
