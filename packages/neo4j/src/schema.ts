import type { EntityKind, PlaceKind, RelationKind } from '@chokepoint/model';

/**
 * The graph model (docs/neo4j.md). Labels and relationship types are the only names that are put into
 * Cypher text, and they come from these fixed maps, never from data: every value goes in as a parameter.
 */

export const ENTITY_LABEL = 'Entity';
export const SHIPMENT_LABEL = 'Shipment';
export const PLACE_LABEL = 'Place';
export const BUNDLE_LABEL = 'Bundle';
export const FLAG_LABEL = 'Flag';

/** Second label of an entity, by kind. */
export const ENTITY_KIND_LABELS: Readonly<Record<EntityKind, string>> = {
  company: 'Company',
  person: 'Person',
  organization: 'Organization',
};

/** Relationship type of a relation, by kind: (source)-[:TYPE]->(target), as in relations.csv. */
export const RELATION_TYPES: Readonly<Record<RelationKind, string>> = {
  owner: 'OWNS',
  director: 'DIRECTOR_OF',
  family: 'FAMILY',
  employee: 'EMPLOYEE_OF',
  shared_address: 'SHARES_ADDRESS',
  associate: 'ASSOCIATE_OF',
  agent: 'AGENT_OF',
  paid_for: 'PAID_FOR',
  consigned_to: 'CONSIGNS_TO',
};

/** Second label of a place, by kind. */
export const PLACE_KIND_LABELS: Readonly<Record<PlaceKind, string>> = {
  border_crossing: 'BorderCrossing',
  port: 'Port',
  airport: 'Airport',
};

/** (supplier)-[:SUPPLIED]->(shipment)-[:BOUGHT_BY]->(buyer), and (shipment)-[:CONSIGNED_TO|PAID_BY]->(entity). */
export const SHIPMENT_TYPES = {
  supplier: 'SUPPLIED',
  buyer: 'BOUGHT_BY',
  consignee: 'CONSIGNED_TO',
  payer: 'PAID_BY',
} as const;

/** (flag)-[:FLAGS]->(entity) for each entity a red flag is about; (flag)-[:CONCERNS]->(shipment) for its shipments. */
export const FLAG_TYPES = { entity: 'FLAGS', shipment: 'CONCERNS' } as const;

export const RELATION_KIND_OF_TYPE: Readonly<Record<string, RelationKind>> = Object.fromEntries(
  Object.entries(RELATION_TYPES).map(([kind, type]) => [type, kind as RelationKind]),
);

/** `OWNS|DIRECTOR_OF|…` for a pattern; built from the fixed map above. */
export const RELATION_TYPE_ALTERNATIVES = Object.values(RELATION_TYPES).join('|');

/** Uniqueness constraints, created (if missing) before anything is written. Names are prefixed `chokepoint_`. */
export const CONSTRAINTS: readonly string[] = [
  `CREATE CONSTRAINT chokepoint_entity_id IF NOT EXISTS FOR (n:${ENTITY_LABEL}) REQUIRE n.id IS UNIQUE`,
  `CREATE CONSTRAINT chokepoint_shipment_id IF NOT EXISTS FOR (n:${SHIPMENT_LABEL}) REQUIRE n.id IS UNIQUE`,
  `CREATE CONSTRAINT chokepoint_place_id IF NOT EXISTS FOR (n:${PLACE_LABEL}) REQUIRE n.id IS UNIQUE`,
  `CREATE CONSTRAINT chokepoint_bundle_name IF NOT EXISTS FOR (n:${BUNDLE_LABEL}) REQUIRE n.name IS UNIQUE`,
  `CREATE CONSTRAINT chokepoint_flag_id IF NOT EXISTS FOR (n:${FLAG_LABEL}) REQUIRE n.id IS UNIQUE`,
  // A relation's key is its row number in relations.csv: unique over all relations, so one per type.
  ...Object.values(RELATION_TYPES).map(
    (type) => `CREATE CONSTRAINT chokepoint_${type.toLowerCase()}_seq IF NOT EXISTS FOR ()-[r:${type}]-() REQUIRE r.seq IS UNIQUE`,
  ),
];

/** How a field is stored: text, float, integer, date (Neo4j DATE), list of text, or an object (a shipment's kgBasis) as its JSON text. */
export type FieldType = 'string' | 'float' | 'integer' | 'date' | 'strings' | 'json';

export interface FieldSpec {
  /** The key in the TypeScript record, which is also the property name in Neo4j. */
  key: string;
  type: FieldType;
  required?: boolean;
}

/** Stored fields of each record besides the bookkeeping ones (seq, attributesJson, originFile, originLine). */
export const ENTITY_FIELDS: readonly FieldSpec[] = [
  { key: 'id', type: 'string', required: true },
  { key: 'kind', type: 'string', required: true },
  { key: 'name', type: 'string', required: true },
  { key: 'country', type: 'string' },
  { key: 'city', type: 'string' },
  { key: 'address', type: 'string' },
  { key: 'lat', type: 'float' },
  { key: 'lon', type: 'float' },
  { key: 'sector', type: 'string' },
  { key: 'isic', type: 'string' },
  { key: 'employees', type: 'integer' },
  { key: 'founded', type: 'date' },
];

/** Source, target and kind are the relationship's ends and type. */
export const RELATION_FIELDS: readonly FieldSpec[] = [
  { key: 'share', type: 'float' },
  { key: 'start', type: 'date' },
  { key: 'end', type: 'date' },
];

/** Supplier, buyer, consignee and payer are relationships of the shipment node. */
export const SHIPMENT_FIELDS: readonly FieldSpec[] = [
  { key: 'id', type: 'string', required: true },
  { key: 'commodity', type: 'string', required: true },
  { key: 'hsCode', type: 'string' },
  { key: 'quantity', type: 'float' },
  { key: 'unit', type: 'string' },
  { key: 'concentration', type: 'float' },
  { key: 'quantityKg', type: 'float' },
  { key: 'kgBasis', type: 'json' },
  { key: 'value', type: 'float' },
  { key: 'currency', type: 'string' },
  { key: 'shipped', type: 'date' },
  { key: 'received', type: 'date' },
  { key: 'originCountry', type: 'string' },
  { key: 'destinationCountry', type: 'string' },
  { key: 'transitCountries', type: 'strings' },
];

export const PLACE_FIELDS: readonly FieldSpec[] = [
  { key: 'id', type: 'string', required: true },
  { key: 'name', type: 'string', required: true },
  { key: 'kind', type: 'string', required: true },
  { key: 'lat', type: 'float', required: true },
  { key: 'lon', type: 'float', required: true },
  { key: 'countries', type: 'strings', required: true },
];

/** Write-back properties on entity nodes (removed from entities a later report no longer covers). */
export const WRITE_BACK_PROPERTIES = [
  'chokepointCluster',
  'chokepointBetweenness',
  'chokepointArticulation',
  'chokepointCutOff',
  'chokepointDegree',
  'chokepointKeyScore',
  'chokepointKeyRank',
  'chokepointGroup',
  'chokepointControlsFlagged',
  'chokepointFlags',
  'chokepointFlagCount',
] as const;
