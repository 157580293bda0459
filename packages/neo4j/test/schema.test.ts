import { ENTITIES_SPEC, PLACES_SPEC, RELATIONS_SPEC, SHIPMENTS_SPEC, type FileSpec } from '@chokepoint/model';
import { ENTITY_FIELDS, PLACE_FIELDS, RELATION_FIELDS, SHIPMENT_FIELDS, type FieldSpec } from '../src/schema';

/**
 * Every column of the data contract reaches Neo4j: as a property (the fields below), as the relationship's ends
 * and type, or in `attributesJson`. A column added to the contract and forgotten here would be lost by
 * `neo4j import` and `analyze --neo4j` would analyze less than the files hold (concentration and the route
 * were, once).
 */
const STORED_ELSEWHERE: Record<string, readonly string[]> = {
  'entities.csv': ['phone', 'registration_number', 'coordinates'], // kept in attributes.phone and attributes.registration_number, stored in attributesJson; coordinates read as lat and lon
  'relations.csv': ['source', 'target', 'kind'], // the relationship's ends and type
  // relationships of the shipment node; weight_kg is read as the quantity in kg, or kept in attributes (attributesJson)
  'shipments.csv': ['supplier', 'buyer', 'consignee', 'payer', 'weightKg'],
  'places.csv': ['coordinates'], // read as lat and lon
};

describe('the Neo4j model stores every column of the data contract', () => {
  const cases: [FileSpec, readonly FieldSpec[]][] = [
    [ENTITIES_SPEC, ENTITY_FIELDS],
    [RELATIONS_SPEC, RELATION_FIELDS],
    [SHIPMENTS_SPEC, SHIPMENT_FIELDS],
    [PLACES_SPEC, PLACE_FIELDS],
  ];
  it.each(cases.map(([spec, fields]) => [spec.file, spec, fields] as const))('%s', (file, spec, fields) => {
    const stored = new Set(fields.map((f) => f.key));
    const elsewhere = new Set(STORED_ELSEWHERE[file]);
    const lost = spec.columns.map((c) => c.key ?? c.name).filter((key) => !stored.has(key) && !elsewhere.has(key));
    expect(lost).toEqual([]);
  });

  it('list columns are stored as lists, numbers as numbers', () => {
    const typeOf = (fields: readonly FieldSpec[], key: string) => fields.find((f) => f.key === key)?.type;
    expect(typeOf(SHIPMENT_FIELDS, 'transitCountries')).toBe('strings');
    expect(typeOf(SHIPMENT_FIELDS, 'concentration')).toBe('float');
    expect(typeOf(PLACE_FIELDS, 'countries')).toBe('strings');
  });
});
