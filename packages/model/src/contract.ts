import type { FieldType } from './fields';
import { ENTITY_KINDS, PLACE_KINDS, RELATION_KINDS, UNITS } from './types';

/** One column of a bundle file, declared once here and read by the ingest package. */
export interface ColumnSpec {
  /** Column name in the CSV header (matched case-insensitively). */
  name: string;
  /** Property name on the record (camelCase); defaults to `name`. */
  key?: string;
  type: FieldType;
  /** The column must be in the header and every row must have a value. */
  required?: boolean;
  values?: readonly string[];
  /** The value must be the id of an entity in entities.csv. */
  refersToEntity?: boolean;
  description: string;
}

export type BundleFile = 'entities.csv' | 'relations.csv' | 'shipments.csv' | 'places.csv';

export interface FileSpec {
  file: BundleFile;
  /** Whether a bundle must contain this file. */
  required: boolean;
  /** Column whose values must be unique within the file (and, for entities, are referenced elsewhere). */
  idColumn?: string;
  columns: ColumnSpec[];
  description: string;
}

export const ENTITIES_SPEC: FileSpec = {
  file: 'entities.csv',
  required: true,
  idColumn: 'id',
  description: 'Companies, people and organizations: the nodes of the network.',
  columns: [
    { name: 'id', type: 'id', required: true, description: 'Unique identifier, referenced by the other files.' },
    { name: 'kind', type: 'enum', values: ENTITY_KINDS, required: true, description: 'company, person or organization.' },
    { name: 'name', type: 'text', required: true, description: 'Name as written in the source.' },
    { name: 'country', type: 'country', description: 'ISO 3166-1 alpha-2 code.' },
    { name: 'city', type: 'text', description: 'City or town.' },
    { name: 'address', type: 'text', description: 'Street address.' },
    { name: 'lat', type: 'latitude', description: 'Latitude in decimal degrees (WGS 84), with lon.' },
    { name: 'lon', type: 'longitude', description: 'Longitude in decimal degrees (WGS 84), with lat.' },
    { name: 'sector', type: 'text', description: 'Line of business in free text.' },
    { name: 'isic', type: 'isic', description: 'ISIC Rev.4 code of the line of business.' },
    { name: 'employees', type: 'integer', description: 'Number of employees.' },
    { name: 'founded', type: 'date', description: 'Date of founding or registration.' },
  ],
};

export const RELATIONS_SPEC: FileSpec = {
  file: 'relations.csv',
  required: false,
  description: 'Ties between entities: ownership, directorship, family, employment, shared address, association, agency.',
  columns: [
    { name: 'source', type: 'id', required: true, refersToEntity: true, description: 'Entity the tie starts from (the owner, the director, the employee, the agent).' },
    { name: 'target', type: 'id', required: true, refersToEntity: true, description: 'Entity the tie points to (the owned company, the company directed, the employer, the principal).' },
    { name: 'kind', type: 'enum', values: RELATION_KINDS, required: true, description: 'owner, director, family, employee, shared_address, associate or agent.' },
    { name: 'share', type: 'percent', description: 'Ownership share in percent (0 to 100).' },
    { name: 'start', type: 'date', description: 'Date the tie began.' },
    { name: 'end', type: 'date', description: 'Date the tie ended.' },
  ],
};

export const SHIPMENTS_SPEC: FileSpec = {
  file: 'shipments.csv',
  required: false,
  idColumn: 'id',
  description: 'Goods sold by a supplier to a buyer.',
  columns: [
    { name: 'id', type: 'id', required: true, description: 'Unique identifier of the shipment.' },
    { name: 'supplier', type: 'id', required: true, refersToEntity: true, description: 'Entity that sold the goods.' },
    { name: 'buyer', type: 'id', required: true, refersToEntity: true, description: 'Entity that bought the goods.' },
    { name: 'commodity', type: 'text', required: true, description: 'What was shipped, in words.' },
    { name: 'hs_code', key: 'hsCode', type: 'hsCode', description: 'Harmonized System code (dots allowed: 3212.90).' },
    { name: 'quantity', type: 'number', description: 'Amount shipped, in `unit`.' },
    { name: 'unit', type: 'enum', values: UNITS, description: 'kg, t, l or pcs.' },
    { name: 'value', type: 'number', description: 'Invoice value, in `currency`.' },
    { name: 'currency', type: 'currency', description: 'ISO 4217 code.' },
    { name: 'shipped', type: 'date', description: 'Date the goods left the supplier.' },
    { name: 'received', type: 'date', description: 'Date the goods arrived.' },
    { name: 'origin_country', key: 'originCountry', type: 'country', description: 'Country the goods left.' },
    { name: 'destination_country', key: 'destinationCountry', type: 'country', description: 'Country the goods went to.' },
    { name: 'consignee', type: 'id', refersToEntity: true, description: 'Entity that physically received the goods, when not the buyer.' },
    { name: 'payer', type: 'id', refersToEntity: true, description: 'Entity that paid, when not the buyer.' },
  ],
};

export const PLACES_SPEC: FileSpec = {
  file: 'places.csv',
  required: false,
  idColumn: 'id',
  description: 'Border crossings, ports and airports: the geography the clusters are measured against.',
  columns: [
    { name: 'id', type: 'id', required: true, description: 'Unique identifier of the place.' },
    { name: 'name', type: 'text', required: true, description: 'Name of the place.' },
    { name: 'kind', type: 'enum', values: PLACE_KINDS, required: true, description: 'border_crossing, port or airport.' },
    { name: 'lat', type: 'latitude', required: true, description: 'Latitude in decimal degrees (WGS 84).' },
    { name: 'lon', type: 'longitude', required: true, description: 'Longitude in decimal degrees (WGS 84).' },
    { name: 'countries', type: 'countryList', description: 'Countries the place joins, separated by | (TR|SY).' },
  ],
};

/** The four files of a bundle, in the order they are read (entities first: the others refer to them). */
export const BUNDLE_FILES: readonly FileSpec[] = [ENTITIES_SPEC, PLACES_SPEC, RELATIONS_SPEC, SHIPMENTS_SPEC];

/** Kilograms per unit, for the units that are masses (a carat is 0.2 g). */
export const KG_PER_UNIT: Readonly<Record<string, number>> = { kg: 1, g: 0.001, t: 1000, carats: 0.0002 };

/** Litres per unit, for the units that are volumes: these weigh only with the density of the goods. */
export const LITRES_PER_UNIT: Readonly<Record<string, number>> = { l: 1, m3: 1000 };

/**
 * Checks that involve several columns of one row, run after each column parsed on its own.
 * `row` holds the parsed values by record key. Returns problems as column + reason.
 */
export function crossFieldProblems(file: BundleFile, row: Record<string, unknown>): { column: string; reason: string }[] {
  const problems: { column: string; reason: string }[] = [];
  if (file === 'entities.csv' || file === 'places.csv') {
    const hasLat = row.lat !== undefined;
    const hasLon = row.lon !== undefined;
    if (hasLat !== hasLon) {
      problems.push({ column: hasLat ? 'lon' : 'lat', reason: 'latitude and longitude must be given together' });
    }
  }
  if (file === 'relations.csv') {
    if (row.source !== undefined && row.source === row.target) {
      problems.push({ column: 'target', reason: `an entity cannot have a tie to itself (${JSON.stringify(row.source)})` });
    }
    if (typeof row.start === 'string' && typeof row.end === 'string' && row.end < row.start) {
      problems.push({ column: 'end', reason: `end ${row.end} is before start ${row.start}` });
    }
  }
  if (file === 'shipments.csv') {
    if (row.supplier !== undefined && row.supplier === row.buyer) {
      problems.push({ column: 'buyer', reason: `supplier and buyer are the same entity (${JSON.stringify(row.buyer)})` });
    }
    if (typeof row.shipped === 'string' && typeof row.received === 'string' && row.received < row.shipped) {
      problems.push({ column: 'received', reason: `received ${row.received} is before shipped ${row.shipped}` });
    }
    if (row.quantity !== undefined && row.unit === undefined) {
      problems.push({ column: 'unit', reason: 'a quantity needs a unit (kg, t, l or pcs)' });
    }
    if (row.value !== undefined && row.currency === undefined) {
      problems.push({ column: 'currency', reason: 'a value needs a currency (such as EUR)' });
    }
  }
  return problems;
}
