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
  'paid_for',
  'consigned_to',
] as const;
export type RelationKind = (typeof RELATION_KINDS)[number];

/**
 * Ties that shipments imply: the payer of a shipment `paid_for` the buyer's goods (payer → buyer); the goods the
 * buyer bought were `consigned_to` the consignee (buyer → consignee). They may also be written in relations.csv.
 */
export const SHIPMENT_TIE_KINDS = ['paid_for', 'consigned_to'] as const satisfies readonly RelationKind[];

/**
 * Units of quantity, after the World Customs Organization's standard units of quantity (WCO, Harmonized System
 * Nomenclature, "Standard units of quantity"): masses, volumes, lengths, areas and counts.
 */
export const UNITS = ['kg', 'g', 't', 'carats', 'l', 'm3', 'm', 'm2', 'pcs', 'pairs', 'dozen', '1000u'] as const;
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
  /** For ties implied by shipments (paid_for, consigned_to): the shipments behind the tie. */
  viaShipments?: string[];
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
  /**
   * Quantity in kilograms: set when the unit is a mass (kg, g, t, carats), or a volume (l, m3) whose commodity has
   * a known density (then `kgBasis` says so); absent otherwise (lengths, areas, counts, unknown densities).
   */
  quantityKg?: number;
  /**
   * How quantityKg was found when the quantity is not a mass: from a volume, the density used (kg per litre) and
   * where it comes from; or the mass the row declared beside a count, a volume or a length (weight_kg), with no
   * density, `source` naming the column.
   */
  kgBasis?: { density?: number; source: string };
  /** Concentration of the goods in percent by weight (w/w), when stated (a column, or "35%" in the commodity). */
  concentration?: number;
  value?: number;
  currency?: string;
  shipped?: string;
  received?: string;
  originCountry?: string;
  destinationCountry?: string;
  /** Countries the goods passed through between origin and destination, in order (ISO 3166-1 alpha-2). */
  transitCountries?: string[];
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

/**
 * A validated bundle. `rejected` lists the rows that were skipped (only in lenient mode); `warnings` lists what
 * was read but repaired or doubtful (an ISIC code that lost its leading zero, a sector that disagrees with its
 * ISIC code, names that differ only by case), each with file, line, column and reason.
 */
export interface Bundle {
  name: string;
  entities: Entity[];
  relations: Relation[];
  shipments: Shipment[];
  places: Place[];
  rejected: DataIssue[];
  warnings: DataIssue[];
}

/**
 * What a person decided of two records that may be one entity: the same, not the same, or unsure (a case file's
 * judgements, applied by name resolution).
 */
export type Verdict = 'same' | 'not-same' | 'unsure';
export const VERDICTS: readonly Verdict[] = ['same', 'not-same', 'unsure'];
