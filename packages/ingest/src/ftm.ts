import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import {
  compareIssues,
  crossFieldProblems,
  kilograms,
  parseField,
  readCurrency,
  shipmentConcentration,
  MAX_QUANTITY,
  RELATION_KINDS,
  MAX_VALUE,
  type Bundle,
  type DataIssue,
  type Entity,
  type EntityKind,
  type FieldType,
  type Relation,
  type RelationKind,
  type Shipment,
} from '@chokepoint/model';
import { InvalidBundleError } from './errors';
import { WarningList } from './warnings';

interface SchemaDef {
  extends?: string[];
  edge?: { source: string; target: string };
}

// The FollowTheMoney schema as published in @alephdata/followthemoney: inheritance and edge
// properties come from it, not from names written here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const MODEL = require('@alephdata/followthemoney/dist/defaultModel.json') as { schemata: Record<string, SchemaDef> };

/** Whether `schema` is `ancestor` or inherits from it in the FtM model. */
export function ftmIsA(schema: string, ancestor: string): boolean {
  const seen = new Set<string>();
  const stack = [schema];
  while (stack.length > 0) {
    const s = stack.pop()!;
    if (s === ancestor) return true;
    if (seen.has(s)) continue;
    seen.add(s);
    stack.push(...(MODEL.schemata[s]?.extends ?? []));
  }
  return false;
}

/** FtM interval schemata read as ties, and the relation kind each becomes. */
export const FTM_TIES: Record<string, RelationKind> = {
  Ownership: 'owner',
  Directorship: 'director',
  Family: 'family',
  Associate: 'associate',
  Employment: 'employee',
  Membership: 'associate',
  UnknownLink: 'associate',
  Representation: 'agent',
};

/** Chokepoint's FtM-compatible convention for shipments (FtM has no shipment schema): see docs/data-format.md. */
export const SHIPMENT_SCHEMA = 'Shipment';

interface FtmEntity {
  id: string;
  schema: string;
  properties: Record<string, string[]>;
  line: number;
}

function kindOf(schema: string): EntityKind | undefined {
  if (ftmIsA(schema, 'Person')) return 'person';
  if (ftmIsA(schema, 'Company')) return 'company';
  if (ftmIsA(schema, 'LegalEntity')) return 'organization';
  return undefined;
}

const first = (e: FtmEntity, ...names: string[]): string | undefined => {
  for (const n of names) {
    const v = e.properties[n]?.find((x) => typeof x === 'string' && x.trim() !== '');
    if (v !== undefined) return v.trim();
  }
  return undefined;
};

/**
 * Reads FollowTheMoney JSON lines into a bundle. Legal entities (Person, Company, Organization and
 * their descendants) become entities; Ownership, Directorship, Family, Associate, Employment,
 * Membership, UnknownLink and Representation become relations (ends taken from the schema's edge
 * definition); Payment becomes a flow from payer to beneficiary (carried as a shipment whose
 * commodity is "payment"); Address entities give addresses; Chokepoint's `Shipment` convention gives
 * shipments. Other schemata are listed in `rejected` as not read. Streams: memory stays flat.
 */
export async function readFtm(path: string, options: { lenient?: boolean; onProgress?: (file: string, bytes: number, total: number) => void } = {}): Promise<Bundle> {
  const file = basename(path);
  const issues: DataIssue[] = [];
  const skipped: DataIssue[] = [];
  const warnings = new WarningList();
  const records: FtmEntity[] = [];
  const input = createReadStream(path, { encoding: 'utf8' });
  if (options.onProgress) {
    const total = statSync(path).size;
    let bytes = 0;
    input.on('data', (chunk) => options.onProgress!(file, (bytes += Buffer.byteLength(chunk)), total));
  }
  const lines = createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  for await (const text of lines) {
    n++;
    if (text.trim() === '') continue;
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (err) {
      issues.push({ file, line: n, reason: `not a JSON object (${(err as Error).message})` });
      continue;
    }
    const r = raw as Partial<FtmEntity>;
    if (typeof r !== 'object' || r === null || typeof r.id !== 'string' || typeof r.schema !== 'string') {
      issues.push({ file, line: n, reason: 'an FtM entity needs a string "id" and "schema"' });
      continue;
    }
    if (r.schema !== SHIPMENT_SCHEMA && !(r.schema in MODEL.schemata)) {
      issues.push({ file, line: n, column: 'schema', reason: `unknown FtM schema ${JSON.stringify(r.schema)}` });
      continue;
    }
    records.push({ id: r.id, schema: r.schema, properties: (r.properties ?? {}) as Record<string, string[]>, line: n });
  }

  const addresses = new Map(records.filter((r) => ftmIsA(r.schema, 'Address')).map((r) => [r.id, r]));
  const entities: Entity[] = [];
  const seen = new Map<string, number>();
  const country = (r: FtmEntity, value: string | undefined): string | undefined => {
    if (value === undefined) return undefined;
    const parsed = parseField('country', value);
    if (parsed.ok) return parsed.value as string;
    issues.push({ file, line: r.line, column: 'country', reason: parsed.reason });
    return undefined;
  };
  for (const r of records) {
    const kind = kindOf(r.schema);
    if (kind === undefined) continue;
    if (seen.has(r.id)) {
      issues.push({ file, line: r.line, column: 'id', reason: `duplicate id ${JSON.stringify(r.id)} (first on line ${seen.get(r.id)})` });
      continue;
    }
    seen.set(r.id, r.line);
    const address = addresses.get(first(r, 'addressEntity') ?? '');
    const e: Entity = { id: r.id, kind, name: first(r, 'name') ?? r.id, attributes: { ftmSchema: r.schema }, origin: { file, line: r.line } };
    const c = country(r, first(r, 'country', 'jurisdiction') ?? (address && first(address, 'country')));
    if (c !== undefined) e.country = c;
    const full = first(r, 'address') ?? (address && first(address, 'full'));
    if (full !== undefined) e.address = full;
    const city = address && first(address, 'city');
    if (city !== undefined) e.city = city;
    const lat = first(r, 'latitude') ?? (address && first(address, 'latitude'));
    const lon = first(r, 'longitude') ?? (address && first(address, 'longitude'));
    if (lat !== undefined && lon !== undefined && parseField('latitude', lat).ok && parseField('longitude', lon).ok) {
      e.lat = Number(lat);
      e.lon = Number(lon);
    }
    const sector = first(r, 'sector');
    if (sector !== undefined) e.sector = sector;
    const founded = first(r, 'incorporationDate')?.slice(0, 10);
    if (founded !== undefined && parseField('date', founded).ok) e.founded = founded;
    for (const [k, v] of Object.entries(r.properties)) {
      if (['name', 'country', 'jurisdiction', 'addressEntity', 'address', 'latitude', 'longitude', 'sector', 'incorporationDate'].includes(k)) continue;
      if (Array.isArray(v) && v.length > 0) e.attributes[k] = v.join('; ');
    }
    entities.push(e);
  }

  const known = new Set(entities.map((e) => e.id));
  const ref = (r: FtmEntity, prop: string): string | undefined => {
    const id = first(r, prop);
    if (id === undefined) {
      issues.push({ file, line: r.line, column: prop, reason: `a ${r.schema} needs "${prop}"` });
      return undefined;
    }
    if (!known.has(id)) {
      issues.push({ file, line: r.line, column: prop, reason: `unknown entity id ${JSON.stringify(id)} (no legal entity with that id)` });
      return undefined;
    }
    return id;
  };
  const relations: Relation[] = [];
  const shipments: Shipment[] = [];
  for (const r of records) {
    if (kindOf(r.schema) !== undefined || ftmIsA(r.schema, 'Address')) continue;
    const edge = MODEL.schemata[r.schema]?.edge;
    const tie = FTM_TIES[r.schema];
    if (tie !== undefined && edge) {
      const source = ref(r, edge.source);
      const target = ref(r, edge.target);
      if (source === undefined || target === undefined || source === target) continue;
      // An UnknownLink whose role names one of the contract's ties (as Chokepoint's own export writes them) is that tie.
      const role = r.schema === 'UnknownLink' ? first(r, 'role')?.trim().toLowerCase().replace(/\s+/g, '_') : undefined;
      const kind = role !== undefined && (RELATION_KINDS as readonly string[]).includes(role) ? (role as Relation['kind']) : tie;
      const rel: Relation = { source, target, kind, attributes: { ftmSchema: r.schema, ftmId: r.id }, origin: { file, line: r.line } };
      const share = first(r, 'percentage');
      if (share !== undefined && parseField('percent', share.replace('%', '').trim()).ok) rel.share = Number(share.replace('%', '').trim());
      const start = first(r, 'startDate')?.slice(0, 10);
      if (start !== undefined && parseField('date', start).ok) rel.start = start;
      const end = first(r, 'endDate')?.slice(0, 10);
      if (end !== undefined && parseField('date', end).ok) rel.end = end;
      relations.push(rel);
    } else if (ftmIsA(r.schema, 'Payment') && edge) {
      const payer = ref(r, edge.source);
      const beneficiary = ref(r, edge.target);
      if (payer === undefined || beneficiary === undefined || payer === beneficiary) continue;
      const eur = first(r, 'amountEur');
      const amount = eur ?? first(r, 'amount');
      const s: Shipment = { id: r.id, supplier: payer, buyer: beneficiary, commodity: 'payment', attributes: { ftmSchema: r.schema }, origin: { file, line: r.line } };
      const parsedAmount = amount === undefined ? undefined : parseField('number', amount, { max: MAX_VALUE });
      if (parsedAmount !== undefined && !parsedAmount.ok) {
        issues.push({ file, line: r.line, column: eur !== undefined ? 'amountEur' : 'amount', reason: parsedAmount.reason });
      } else if (parsedAmount?.ok) {
        const code = eur !== undefined ? 'EUR' : first(r, 'currency');
        const currency = code === undefined ? undefined : readCurrency(code);
        if (currency === undefined) {
          warnings.add({ file, line: r.line, column: 'amount', reason: 'a payment amount without a currency is not used (add "currency" or "amountEur")' });
        } else if (!currency.ok) {
          issues.push({ file, line: r.line, column: 'currency', reason: currency.reason });
        } else {
          s.value = parsedAmount.value as number;
          s.currency = currency.value;
          if (currency.note !== undefined) warnings.add({ file, line: r.line, column: 'currency', reason: currency.note });
        }
      }
      const date = first(r, 'date', 'startDate')?.slice(0, 10);
      if (date !== undefined && parseField('date', date).ok) s.shipped = date;
      const purpose = first(r, 'purpose');
      if (purpose !== undefined) s.attributes.purpose = purpose;
      shipments.push(s);
    } else if (r.schema === SHIPMENT_SCHEMA) {
      const supplier = ref(r, 'supplier');
      const buyer = ref(r, 'buyer');
      if (supplier === undefined || buyer === undefined || supplier === buyer) continue;
      const s: Shipment = { id: r.id, supplier, buyer, commodity: first(r, 'commodity') ?? 'goods', attributes: { ftmSchema: SHIPMENT_SCHEMA }, origin: { file, line: r.line } };
      // The same fields, units, currencies and checks as shipments.csv (see SHIPMENTS_SPEC).
      const before = issues.length;
      const notes: DataIssue[] = [];
      const field = (prop: string, type: FieldType, set: (v: unknown) => void, max?: number) => {
        const v = first(r, prop);
        if (v === undefined) return;
        const p = parseField(type, v, { max });
        if (!p.ok) return void issues.push({ file, line: r.line, column: prop, reason: p.reason });
        set(p.value);
        if (p.note !== undefined) notes.push({ file, line: r.line, column: prop, reason: p.note });
      };
      field('hsCode', 'hsCode', (v) => (s.hsCode = v as string));
      field('quantity', 'number', (v) => (s.quantity = v as number), MAX_QUANTITY);
      field('unit', 'unit', (v) => (s.unit = v as Shipment['unit']));
      field('concentration', 'concentration', (v) => (s.concentration = v as number));
      field('value', 'number', (v) => (s.value = v as number), MAX_VALUE);
      field('currency', 'currency', (v) => (s.currency = v as string));
      field('shipped', 'date', (v) => (s.shipped = v as string));
      field('received', 'date', (v) => (s.received = v as string));
      field('originCountry', 'country', (v) => (s.originCountry = v as string));
      field('destinationCountry', 'country', (v) => (s.destinationCountry = v as string));
      for (const prop of ['consignee', 'payer'] as const) {
        const id = first(r, prop);
        if (id !== undefined && known.has(id)) s[prop] = id;
        else if (id !== undefined) issues.push({ file, line: r.line, column: prop, reason: `unknown entity id ${JSON.stringify(id)}` });
      }
      const c = shipmentConcentration(s.concentration, s.commodity);
      if (c.value !== undefined) s.concentration = c.value;
      if (c.note !== undefined) notes.push({ file, line: r.line, column: s.concentration === undefined ? 'commodity' : 'concentration', reason: c.note });
      if (issues.length === before) {
        for (const p of crossFieldProblems('shipments.csv', s as unknown as Record<string, unknown>)) issues.push({ file, line: r.line, column: p.column, reason: p.reason });
      }
      if (issues.length > before) continue;
      const kg = s.quantity === undefined || s.unit === undefined ? undefined : kilograms(s.quantity, s.unit);
      if (kg !== undefined) s.quantityKg = kg;
      for (const n of notes) warnings.add(n);
      shipments.push(s);
    } else {
      skipped.push({ file, line: r.line, column: 'schema', reason: `schema ${r.schema} is not read by Chokepoint (not a legal entity, tie, payment, address or shipment)` });
    }
  }
  issues.sort(compareIssues);
  if (issues.length > 0 && !options.lenient) throw new InvalidBundleError(issues, false);
  return {
    name: file.replace(/\.(ftm\.)?(jsonl|ijson|json)$/, ''),
    entities,
    relations,
    shipments,
    places: [],
    rejected: [...issues, ...skipped].sort(compareIssues),
    warnings: warnings.list(),
  };
}
