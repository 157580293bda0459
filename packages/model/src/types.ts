/** The data contract, version 1: what a bundle holds once it has been read and validated. */

export const DATA_FORMAT_VERSION = 1;

export const ENTITY_KINDS = ['company', 'person', 'organization'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export const RELATION_KINDS = [
  'owner',
  'director',
  'family',
  'employee',
  'shared_address',
  'associate',
  'agent',
] as const;
export type RelationKind = (typeof RELATION_KINDS)[number];

export const UNITS = ['kg', 't', 'l', 'pcs'] as const;
export type Unit = (typeof UNITS)[number];

export const PLACE_KINDS = ['border_crossing', 'port', 'airport'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

/** Where a record came from: the file name inside the bundle and the 1-based line of the record. */
export interface Origin {
  file: string;
  line: number;
}

/** Columns a file has beyond the contract: kept verbatim as text. */
export type ExtraAttributes = Record<string, string>;

export interface Entity {
  id: string;
  kind: EntityKind;
  name: string;
  country?: string;
  city?: string;
  address?: string;
  lat?: number;
  lon?: number;
  sector?: string;
  isic?: string;
  employees?: number;
  founded?: string;
  attributes: ExtraAttributes;
  origin: Origin;
}

export interface Relation {
  source: string;
  target: string;
  kind: RelationKind;
  share?: number;
  start?: string;
  end?: string;
  attributes: ExtraAttributes;
  origin: Origin;
}

export interface Shipment {
  id: string;
  supplier: string;
  buyer: string;
  commodity: string;
  hsCode?: string;
  quantity?: number;
  unit?: Unit;
  /** Quantity in kilograms when the unit is a mass (kg or t); absent otherwise. */
  quantityKg?: number;
  value?: number;
  currency?: string;
  shipped?: string;
  received?: string;
  originCountry?: string;
  destinationCountry?: string;
  consignee?: string;
  payer?: string;
  attributes: ExtraAttributes;
  origin: Origin;
}

export interface Place {
  id: string;
  name: string;
  kind: PlaceKind;
  lat: number;
  lon: number;
  countries: string[];
  attributes: ExtraAttributes;
  origin: Origin;
}

/** A problem found in the input: always names the file and line, and the column when one is at fault. */
export interface DataIssue {
  file: string;
  line: number;
  column?: string;
  reason: string;
}

/** A validated bundle. `rejected` lists the rows that were skipped (only in lenient mode). */
export interface Bundle {
  name: string;
  entities: Entity[];
  relations: Relation[];
  shipments: Shipment[];
  places: Place[];
  rejected: DataIssue[];
}
