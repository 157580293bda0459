import { isUtf8 } from 'node:buffer';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import {
  closest,
  compareIssues,
  crossFieldProblems,
  kilograms,
  parseField,
  readCurrency,
  shipmentConcentration,
  unreadSchemaReason,
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
import { MAX_FIELD_BYTES } from './csv';
import { InvalidBundleError } from './errors';
import { printableIssue, quote, setOwn } from './printable';
import { withoutThousandsCommas } from './numbers';
import { EncodingProblem, notValidText, readHead, sniffEncoding, utf8Chunks, type SniffedText } from './text';
import { caseTwin, WarningList } from './warnings';

interface SchemaDef {
  extends?: string[];
  edge?: { source: string; target: string };
}

// The FollowTheMoney schema as published in @alephdata/followthemoney: inheritance and edge
// properties come from it, not from names written here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const MODEL = require('@alephdata/followthemoney/dist/defaultModel.json') as { schemata: Record<string, SchemaDef> };

/** The definition of a schema of the FtM model; undefined for any other name (`constructor`, `__proto__` included). */
function schemaDef(name: string): SchemaDef | undefined {
  return Object.hasOwn(MODEL.schemata, name) ? MODEL.schemata[name] : undefined;
}

/** Whether `schema` is `ancestor` or inherits from it in the FtM model. */
export function ftmIsA(schema: string, ancestor: string): boolean {
  const seen = new Set<string>();
  const stack = [schema];
  while (stack.length > 0) {
    const s = stack.pop()!;
    if (s === ancestor) return true;
    if (seen.has(s)) continue;
    seen.add(s);
    stack.push(...(schemaDef(s)?.extends ?? []));
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

/** A line of the file that passed the envelope checks: its values are lists of texts, by property name. */
interface FtmRecord {
  id: string;
  schema: string;
  properties: Map<string, string[]>;
  line: number;
}

/** What the reader makes of a schema. */
type Role = 'entity' | 'address' | 'sanction' | 'tie' | 'payment' | 'shipment';

function kindOf(schema: string): EntityKind | undefined {
  if (ftmIsA(schema, 'Person')) return 'person';
  if (ftmIsA(schema, 'Company')) return 'company';
  if (ftmIsA(schema, 'LegalEntity')) return 'organization';
  return undefined;
}

function roleOf(schema: string): Role | undefined {
  if (schema === SHIPMENT_SCHEMA) return 'shipment';
  if (kindOf(schema) !== undefined) return 'entity';
  if (ftmIsA(schema, 'Address')) return 'address';
  if (ftmIsA(schema, 'Sanction')) return 'sanction';
  const edge = schemaDef(schema)?.edge;
  if (edge === undefined) return undefined;
  if (Object.hasOwn(FTM_TIES, schema)) return 'tie';
  if (ftmIsA(schema, 'Payment')) return 'payment';
  return undefined;
}

/** How a JSON value is named in a message. */
function jsonKind(v: unknown): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return 'a text';
  if (typeof v === 'number') return Number.isFinite(v) ? 'a number' : 'a number too large to read';
  if (typeof v === 'boolean') return `${v}`;
  return 'a mapping';
}

/**
 * The values of one property as a list of texts, as FtM writes them. FtM's own tools also accept a single text or
 * number, and numbers in the list: they are read, with a note. Empty texts and nulls hold nothing. Anything else
 * (true/false, a mapping, a list in the list) cannot be used.
 */
function propertyValues(v: unknown): { values: string[]; note?: string } | { problem: string } {
  if (v === null) return { values: [] };
  if (typeof v === 'string') return { values: v.trim() === '' ? [] : [v], note: 'the value is a text, not a list of texts: read as one value' };
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return { problem: 'the value is a number too large to read' };
    return { values: [String(v)], note: 'the value is a number, not a list of texts: read as a text' };
  }
  if (!Array.isArray(v)) return { problem: `the value is ${jsonKind(v)}; FtM values are lists of texts` };
  const values: string[] = [];
  let numbers = false;
  for (const x of v) {
    if (x === null) continue;
    if (typeof x === 'string') {
      if (x.trim() !== '') values.push(x);
    } else if (typeof x === 'number' && Number.isFinite(x)) {
      values.push(String(x));
      numbers = true;
    } else return { problem: `the list holds ${jsonKind(x)}; FtM values are texts` };
  }
  return numbers ? { values, note: 'the list holds numbers, not texts: read as texts' } : { values };
}

/** A date as FtM writes it: a day (with a time or not), or only a month or a year, which are not used. */
function ftmDate(raw: string): { ok: true; value: string } | { ok: 'partial' } | { ok: false; reason: string } {
  const v = raw.trim();
  const day = /^(\d{4}-\d{2}-\d{2})(?:[T ]\d{2}(?::\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/.exec(v);
  if (day !== null) {
    const p = parseField('date', day[1]);
    return p.ok ? { ok: true, value: day[1] } : { ok: false, reason: p.reason };
  }
  if (/^\d{4}(?:-(?:0[1-9]|1[0-2]))?$/.test(v)) return { ok: 'partial' };
  return { ok: false, reason: `${quote(v)} is not a date (FtM writes dates YYYY-MM-DD, or YYYY-MM and YYYY for a month or a year)` };
}

const LF = 0x0a;
const CR = 0x0d;

/** The longest line read, in bytes: as the longest CSV cell (MAX_FIELD_BYTES), far beyond one entity of a JSON-lines file. */
export const MAX_LINE_BYTES = MAX_FIELD_BYTES;
const EMPTY = Buffer.alloc(0);

/** Why a line longer than MAX_LINE_BYTES is not read. */
const TOO_LONG = `the line is longer than ${MAX_LINE_BYTES.toLocaleString('en-US')} bytes, far more than one record: is a line break missing? It is not read`;

/**
 * The lines of a file as UTF-8 bytes with their numbers: a CRLF, an LF or a lone CR ends a line. A line longer than
 * `maxBytes` comes as `tooLong` with no bytes (its bytes are let go as they are read).
 */
async function* linesOf(path: string, sniffed: SniffedText, onBytes?: (bytes: number) => void, maxBytes = MAX_LINE_BYTES): AsyncGenerator<{ line: number; bytes: Buffer; tooLong?: true }> {
  let line = 1;
  let carry: Buffer[] = [];
  let carried = 0;
  let tooLong = false;
  let pendingCR = false;
  for await (const chunk of utf8Chunks(path, sniffed, onBytes)) {
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (pendingCR) {
        pendingCR = false;
        if (b === LF) {
          start = i + 1;
          continue;
        }
      }
      if (b !== LF && b !== CR) continue;
      const piece = chunk.subarray(start, i);
      if (tooLong || carried + piece.length > maxBytes) yield { line, bytes: EMPTY, tooLong: true };
      else yield { line, bytes: carry.length > 0 ? Buffer.concat([...carry, piece]) : piece };
      carry = [];
      carried = 0;
      tooLong = false;
      line++;
      start = i + 1;
      if (b === CR) pendingCR = true;
    }
    if (start < chunk.length && !tooLong) {
      carry.push(chunk.subarray(start));
      carried += chunk.length - start;
      if (carried > maxBytes) {
        tooLong = true;
        carry = [];
      }
    }
  }
  if (tooLong) yield { line, bytes: EMPTY, tooLong: true };
  else if (carry.length > 0) yield { line, bytes: Buffer.concat(carry) };
}

/** One line of a JSON-lines file: its parsed value, or why it could not be read (line 1 when the file itself cannot be). */
export type JsonLine = { line: number; value: unknown } | { line: number; problem: string; fatal?: boolean };

/**
 * The lines of a JSON-lines file (FollowTheMoney, OpenSanctions exports), parsed one by one, with the same text
 * checks as `readFtm`: UTF-8 with or without a BOM, or UTF-16 with a BOM; any line ends; blank lines skipped. A line
 * that is not valid text or not JSON is yielded as a problem (with its line); a file that cannot be read at all gives
 * one problem on line 1, marked `fatal`, and nothing else. Streams: memory stays flat, whatever the size of the file.
 */
export async function* jsonLines(path: string, onProgress?: (bytes: number, total: number) => void): AsyncGenerator<JsonLine> {
  let sniffed: SniffedText;
  let total = 0;
  try {
    sniffed = sniffEncoding(await readHead(path, 4096));
    total = (await stat(path)).size;
  } catch (err) {
    if (err instanceof EncodingProblem) {
      yield { line: 1, problem: err.reason, fatal: true };
      return;
    }
    const code = (err as NodeJS.ErrnoException).code;
    if (typeof code !== 'string') throw err;
    const why = code === 'ENOENT' ? 'there is no such file' : code === 'EISDIR' ? 'it is a folder, not a file' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code;
    yield { line: 1, problem: `this file cannot be read (${why})`, fatal: true };
    return;
  }
  const notText = notValidText(sniffed);
  for await (const { line, bytes, tooLong } of linesOf(path, sniffed, onProgress ? (b) => onProgress(b, total) : undefined)) {
    if (tooLong) {
      yield { line, problem: TOO_LONG };
      continue;
    }
    if (!isUtf8(bytes)) {
      yield { line, problem: notText };
      continue;
    }
    const text = bytes.toString('utf8');
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      yield { line, problem: `not JSON (${(err as Error).message})` };
      continue;
    }
    yield { line, value };
  }
}

/** Where the reader puts what it finds: problems (rows skipped in lenient mode), records not read, warnings. */
interface Sink {
  file: string;
  issues: DataIssue[];
  skipped: DataIssue[];
  warnings: WarningList;
}

/**
 * Checks the envelope of one parsed line: a JSON object with a text `id` and a known `schema`, whose `properties`
 * map names to lists of texts. Returns the record, or undefined when it cannot be used (said in `sink`). Records of
 * schemata the reader does not use are listed as not read, whatever their properties.
 */
function envelope(raw: unknown, line: number, sink: Sink): { record: FtmRecord; notes: DataIssue[] } | undefined {
  const { file } = sink;
  const problem = (column: string | undefined, reason: string) =>
    void sink.issues.push(column === undefined ? { file, line, reason } : { file, line, column, reason });
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    problem(undefined, `not an FtM entity: each line must be one JSON object with "id", "schema" and "properties" (this line holds ${jsonKind(raw)})`);
    return undefined;
  }
  const o = raw as Record<string, unknown>;
  const id = Object.hasOwn(o, 'id') ? o.id : undefined;
  const schema = Object.hasOwn(o, 'schema') ? o.schema : undefined;
  const badId = typeof id !== 'string' || id.trim() === '';
  if (badId) problem('id', `an FtM entity needs an "id" that is a text (this one is ${typeof id === 'string' ? 'empty' : jsonKind(id)})`);
  if (typeof schema !== 'string') {
    problem('schema', `an FtM entity needs a "schema" that is a text (this one is ${jsonKind(schema)})`);
    return undefined;
  }
  if (schema !== SHIPMENT_SCHEMA && schemaDef(schema) === undefined) {
    const names = [...Object.keys(MODEL.schemata), SHIPMENT_SCHEMA];
    const near = names.find((n) => n.toLowerCase() === schema.toLowerCase()) ?? closest(schema, names, 1)[0];
    problem('schema', `unknown FtM schema ${quote(schema)}${near === undefined ? '' : ` (did you mean ${near}?)`}`);
    return undefined;
  }
  if (badId) return undefined;
  if (roleOf(schema) === undefined) {
    sink.skipped.push({ file, line, column: 'schema', reason: unreadSchemaReason(schema) });
    return undefined;
  }
  const checked = parseField('id', id as string);
  if (!checked.ok) {
    problem('id', checked.reason);
    return undefined;
  }
  const properties = new Map<string, string[]>();
  const notes: DataIssue[] = [];
  const props = Object.hasOwn(o, 'properties') ? o.properties : undefined;
  const whose = named(schema, id as string);
  if (props !== undefined && props !== null) {
    if (typeof props !== 'object' || Array.isArray(props)) {
      problem('properties', `${whose}"properties" must be a mapping of property names to lists of texts (here it is ${jsonKind(props)})`);
      return undefined;
    }
    let ok = true;
    // Object.entries lists every own key of the parsed JSON, `__proto__` and `constructor` included.
    for (const [name, value] of Object.entries(props)) {
      const r = propertyValues(value);
      if ('problem' in r) {
        problem(name, `${whose}${r.problem}`);
        ok = false;
        continue;
      }
      if (r.note !== undefined) notes.push({ file, line, column: name, reason: r.note });
      properties.set(name, r.values);
    }
    if (!ok) return undefined;
  }
  return { record: { id: id as string, schema, properties, line }, notes };
}

/** How a problem of a record names it, before the reason: `Company "c1": `. */
function named(schema: string, id: string): string {
  return `${schema} ${quote(id)}: `;
}

/** The values of a property (none when it is absent). */
const all = (r: FtmRecord, prop: string): string[] => r.properties.get(prop) ?? [];
/** The first value of a property, trimmed. */
const first = (r: FtmRecord, prop: string): string | undefined => all(r, prop)[0]?.trim();

/** The attributes of a record: `base`, then every property not read into a field, values joined by `; `. */
function attributesOf(r: FtmRecord, used: ReadonlySet<string>, base: Record<string, string>, note: (column: string, reason: string) => void): Record<string, string> {
  // Property names are free text (`__proto__`, `constructor`): setOwn keeps each as an own property.
  const attributes: Record<string, string> = { ...base };
  for (const [name, values] of r.properties) {
    // A property read into a field keeps its other values here (a second name, a second country).
    if (values.length === 0 || (used.has(name) && values.length === 1)) continue;
    if (Object.hasOwn(base, name)) {
      note(name, `not kept: the attribute "${name}" holds what Chokepoint read from the line`);
      continue;
    }
    setOwn(attributes, name, values.map((v) => v.trim()).join('; '));
  }
  return attributes;
}

/** An Address as the entities that name it use it. */
interface AddressUse {
  record: FtmRecord;
  full?: string;
  city?: string;
  country?: string;
  lat?: number;
  lon?: number;
}

/**
 * Reads FollowTheMoney JSON lines into a bundle. Legal entities (Person, Company, Organization and
 * their descendants) become entities; Ownership, Directorship, Family, Associate, Employment,
 * Membership, UnknownLink and Representation become relations (ends taken from the schema's edge
 * definition); Payment becomes a flow from payer to beneficiary (carried as a shipment whose
 * commodity is "payment"); Address entities give addresses; Chokepoint's `Shipment` convention gives
 * shipments. Other schemata are listed in `rejected` as not read. Streams: memory stays flat.
 *
 * Every line is accounted for, as in a CSV bundle: a line that is not a JSON object, an entity whose envelope or
 * values cannot be used (a property that is not a list of texts, an id over 200 characters, a date that does not
 * exist, a latitude of 999, a percentage of 150, an amount of "lots", a tie or payment of an entity to itself) is a
 * problem with its line, property and reason: strict mode throws InvalidBundleError listing all of them, `lenient`
 * skips the record and lists it in `rejected`. What is read but repaired or doubtful (a property given as a single
 * text, a date with only a year, an Address no entity uses, ids that differ only by case) is listed in `warnings`.
 */
export async function readFtm(path: string, options: { lenient?: boolean; onProgress?: (file: string, bytes: number, total: number) => void } = {}): Promise<Bundle> {
  const file = basename(path);
  const lenient = options.lenient ?? false;
  const sink: Sink = { file, issues: [], skipped: [], warnings: new WarningList() };
  const { issues, skipped, warnings } = sink;
  const fatal = (reason: string): never => {
    throw new InvalidBundleError([printableIssue({ file, line: 1, reason })], true);
  };

  let sniffed: SniffedText;
  let total = 0;
  try {
    sniffed = sniffEncoding(await readHead(path, 4096));
    if (options.onProgress) total = (await stat(path)).size;
  } catch (err) {
    if (err instanceof EncodingProblem) return fatal(err.reason);
    const code = (err as NodeJS.ErrnoException).code;
    if (typeof code === 'string') return fatal(`this file cannot be read (${code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code})`);
    throw err;
  }
  const notText = notValidText(sniffed);

  // 1. The lines, each checked on its own.
  const records: { record: FtmRecord; notes: DataIssue[] }[] = [];
  let lines = 0;
  const onBytes = options.onProgress ? (bytes: number) => options.onProgress!(file, bytes, total) : undefined;
  for await (const { line, bytes, tooLong } of linesOf(path, sniffed, onBytes)) {
    if (tooLong) {
      lines++;
      issues.push({ file, line, reason: TOO_LONG });
      continue;
    }
    const valid = isUtf8(bytes);
    const text = bytes.toString('utf8');
    if (valid && text.trim() === '') continue;
    lines++;
    if (!valid) {
      issues.push({ file, line, reason: notText });
      continue;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (err) {
      issues.push({ file, line, reason: `not a JSON object (${(err as Error).message})` });
      continue;
    }
    const r = envelope(raw, line, sink);
    if (r !== undefined) records.push(r);
  }
  if (lines === 0) fatal('the file is empty: a FollowTheMoney file has one JSON object per line, and a bundle needs at least one entity');

  /** A record's problems and notes: the notes become warnings only when the record is kept, as in a CSV bundle. */
  const reading = (r: FtmRecord, notes: DataIssue[]) => {
    const problems: DataIssue[] = [];
    const at = (column: string | undefined, reason: string): DataIssue =>
      column === undefined ? { file, line: r.line, reason } : { file, line: r.line, column, reason };
    // A problem names the record (its schema and id) as well as its line; a note does not, so that the same remark
    // on many records is one warning that lists their lines.
    return {
      problems,
      notes,
      problem: (column: string | undefined, reason: string) => void problems.push(at(column, reason === '' ? '' : `${named(r.schema, r.id)}${reason}`)),
      note: (column: string, reason: string) => void notes.push(at(column, reason)),
      /**
       * An optional property that cannot be read: a problem in strict mode; read leniently, a note, and the record
       * kept without it (the caller leaves it out of `used`, so that it stays as an attribute, as written).
       */
      optional: (column: string, reason: string, kept = true) =>
        void (lenient
          ? notes.push(at(column, `${reason}: not used${kept ? ', and kept as an attribute' : ''} (the record is read without it)`))
          : problems.push(at(column, `${named(r.schema, r.id)}${reason}`))),
      /** Keeps the record (its notes become warnings) or lists its problems; true when kept. */
      close: (): boolean => {
        if (problems.length > 0) {
          for (const p of problems) if (p.reason !== '') issues.push(p);
          return false;
        }
        for (const n of notes) warnings.add(n);
        return true;
      },
    };
  };

  // 2. Ids are unique among the records of one kind, as in the files of a bundle: entities, addresses, ties, and
  // payments and shipments (which become the shipments of the bundle). Chokepoint's own export gives a shipment
  // the id it had in shipments.csv, which may also be the id of an entity.
  const firstLine = new Map<string, Map<string, number>>();
  const unique: { record: FtmRecord; notes: DataIssue[] }[] = [];
  for (const r of records) {
    const role = roleOf(r.record.schema);
    const space = role === 'payment' ? 'shipment' : String(role);
    const lines = firstLine.get(space) ?? firstLine.set(space, new Map()).get(space)!;
    const seen = lines.get(r.record.id);
    if (seen !== undefined) {
      issues.push({ file, line: r.record.line, column: 'id', reason: `duplicate id ${quote(r.record.id)} (first on line ${seen})` });
      continue;
    }
    lines.set(r.record.id, r.record.line);
    unique.push(r);
  }

  // 3. Addresses, checked as the entities that name them will use them.
  const addresses = new Map<string, AddressUse>();
  const rejectedAddresses = new Map<string, number>();
  for (const { record: r, notes } of unique) {
    if (roleOf(r.schema) !== 'address') continue;
    const x = reading(r, notes);
    const use: AddressUse = { record: r, full: first(r, 'full'), city: first(r, 'city') };
    const country = first(r, 'country');
    if (country !== undefined) {
      const c = parseField('country', country);
      if (c.ok) use.country = c.value as string;
      else x.optional('country', c.reason, false);
    }
    readCoordinates(r, (column, reason) => x.optional(column, reason, false), use);
    if (x.close()) addresses.set(r.id, use);
    else rejectedAddresses.set(r.id, r.line);
  }

  // 3b. Sanctions, kept on the entities they name (as OpenSanctions publishes them: the authority, the programme, the
  // dates), so that they are seen where the entity is.
  const sanctions = new Map<string, { text: string; line: number }[]>();
  for (const { record: r } of unique) {
    if (roleOf(r.schema) !== 'sanction') continue;
    const entity = first(r, 'entity');
    if (entity === undefined) {
      warnings.add({ file, line: r.line, column: 'entity', reason: `the Sanction ${quote(r.id)} names no entity: not used` });
      continue;
    }
    const dates = [first(r, 'startDate') ?? first(r, 'listingDate'), first(r, 'endDate')].filter((d) => d !== undefined);
    const what = [first(r, 'authority'), first(r, 'program') ?? first(r, 'programId'), first(r, 'reason')].filter((t) => t !== undefined && t.trim() !== '');
    const text = `${what.length > 0 ? what.join(', ') : 'a sanction'}${dates.length > 0 ? ` (${dates.join(' to ')})` : ''}`;
    const list = sanctions.get(entity) ?? [];
    list.push({ text, line: r.line });
    sanctions.set(entity, list);
  }

  // 4. Legal entities.
  const entities: Entity[] = [];
  const known = new Set<string>();
  const rejectedEntities = new Map<string, number>();
  const idsByLowerCase = new Map<string, { id: string; line: number }>();
  /** Addresses named by an entity that was kept, and by one that was skipped (with its line). */
  const addressUsers = new Set<string>();
  const addressSkippedUsers = new Map<string, number>();
  for (const { record: r, notes } of unique) {
    const kind = kindOf(r.schema);
    if (kind === undefined) continue;
    const x = reading(r, notes);
    const used = new Set<string>(['name', 'addressEntity']);
    const e: Entity = { id: r.id, kind, name: first(r, 'name') ?? r.id, attributes: {}, origin: { file, line: r.line } };
    if (first(r, 'name') === undefined) x.note('name', 'the entity has no name: its id is shown as its name');
    // Its address: the first Address it names that the file has; the others are kept as texts.
    const named = all(r, 'addressEntity');
    const usable = named.map((a) => addresses.get(a)).filter((a): a is AddressUse => a !== undefined);
    for (const a of named) {
      if (addresses.has(a)) continue;
      const skippedAt = rejectedAddresses.get(a);
      if (skippedAt !== undefined) x.note('addressEntity', `the Address ${quote(a)} (line ${skippedAt}) was skipped: not used`);
      else x.note('addressEntity', `names ${quote(a)}, which is not an Address of this file: not used`);
    }
    const address = usable[0];
    // A person's country: where they live (country), else, when the data gives none, the country of their
    // nationality or citizenship (as registers and sanctions lists often give only that), said on the line.
    const personal = kind === 'person' && first(r, 'country') === undefined && address?.country === undefined ? (['nationality', 'citizenship'] as const).find((p) => first(r, p) !== undefined) : undefined;
    const countryProp = first(r, 'country') !== undefined ? 'country' : first(r, 'jurisdiction') !== undefined ? 'jurisdiction' : personal;
    if (countryProp !== undefined) {
      const c = parseField('country', first(r, countryProp)!);
      if (c.ok) {
        e.country = c.value as string;
        used.add(countryProp);
        if (countryProp === personal) x.note(countryProp, `no country of residence: the ${countryProp} ${c.value as string} is used as the person's country`);
      } else x.optional(countryProp, c.reason);
    } else if (address?.country !== undefined) e.country = address.country;
    const full = first(r, 'address') ?? address?.full;
    if (first(r, 'address') !== undefined) used.add('address');
    if (full !== undefined) e.address = full;
    if (address?.city !== undefined) e.city = address.city;
    const own: { lat?: number; lon?: number } = {};
    if (readCoordinates(r, x.optional, own)) {
      if (own.lat !== undefined && own.lon !== undefined) (e.lat = own.lat), (e.lon = own.lon), used.add('latitude').add('longitude');
    } else if (address?.lat !== undefined && address.lon !== undefined) (e.lat = address.lat), (e.lon = address.lon);
    const sector = first(r, 'sector');
    if (sector !== undefined) (e.sector = sector), used.add('sector');
    const founded = first(r, 'incorporationDate');
    if (founded !== undefined) {
      const d = ftmDate(founded);
      if (d.ok === true) (e.founded = d.value), used.add('incorporationDate');
      else if (d.ok === 'partial') x.note('incorporationDate', `${quote(founded)} gives only a year or a month: not used as the founding date (read to the day); kept as an attribute`);
      else x.optional('incorporationDate', d.reason);
    }
    const base: Record<string, string> = { ftmSchema: r.schema };
    // Its registration number where the contract keeps it (attributes.registration_number, as the CSV column is):
    // name matching compares it (different numbers keep two firms of one name apart) and screening reads it. A second
    // number and more stay, with the first, in the attribute registrationNumber.
    const registration = all(r, 'registrationNumber')[0]?.trim();
    if (registration !== undefined && registration !== '') {
      base.registration_number = registration;
      used.add('registrationNumber');
    }
    const others = usable.slice(1).map((a) => a.full ?? a.record.id);
    if (others.length > 0) base.otherAddresses = others.join('; ');
    const sanctioned = sanctions.get(r.id);
    if (sanctioned !== undefined) base.sanctions = sanctioned.map((x) => x.text).join('; ');
    e.attributes = attributesOf(r, used, base, x.note);
    const lower = r.id.toLowerCase();
    const twin = idsByLowerCase.get(lower);
    if (twin !== undefined) x.note('id', caseTwin(r.id, twin.id, twin.line));
    if (x.close()) {
      entities.push(e);
      known.add(r.id);
      if (twin === undefined) idsByLowerCase.set(lower, { id: r.id, line: r.line });
      for (const a of named) addressUsers.add(a);
    } else {
      rejectedEntities.set(r.id, r.line);
      for (const a of named) if (!addressSkippedUsers.has(a)) addressSkippedUsers.set(a, r.line);
    }
  }

  // 5. An Address no entity uses is said so: its line is not lost without a word.
  for (const [id, a] of addresses) {
    if (addressUsers.has(id)) continue;
    const skippedUser = addressSkippedUsers.get(id);
    warnings.add({
      file,
      line: a.record.line,
      reason:
        skippedUser === undefined
          ? `the Address ${quote(id)} is not used: no entity of the file names it (addressEntity)`
          : `the Address ${quote(id)} is not used: the only entities that name it were skipped (line ${skippedUser})`,
    });
  }

  // 5b. A Sanction whose entity is not read is said so, as an unused Address is.
  for (const [id, list] of sanctions) {
    if (known.has(id)) continue;
    const skippedAt = rejectedEntities.get(id);
    for (const x of list) {
      warnings.add({ file, line: x.line, column: 'entity', reason: skippedAt === undefined ? `the Sanction names ${quote(id)}, which is not a legal entity of this file: not used` : `the Sanction names ${quote(id)}, which was skipped (line ${skippedAt}): not used` });
    }
  }

  // 6. Ties, payments and shipments, between the entities that were read.
  const relations: Relation[] = [];
  const shipments: Shipment[] = [];
  for (const { record: r, notes } of unique) {
    const role = roleOf(r.schema);
    if (role !== 'tie' && role !== 'payment' && role !== 'shipment') continue;
    const x = reading(r, notes);
    const used = new Set<string>();
    const ref = (prop: string): string | undefined => {
      used.add(prop);
      const values = all(r, prop);
      if (values.length === 0) {
        x.problem(prop, `a ${r.schema} needs "${prop}"`);
        return undefined;
      }
      if (new Set(values).size > 1) x.note(prop, `${values.length} values: the first, ${quote(values[0])}, is read`);
      const id = values[0];
      if (known.has(id)) return id;
      const skippedAt = rejectedEntities.get(id);
      if (skippedAt !== undefined) {
        // Strict mode: the entity's own problem is already listed; it is not repeated for every tie.
        x.problem(prop, lenient ? `refers to entity ${quote(id)}, which was skipped (line ${skippedAt})` : '');
        return undefined;
      }
      const twin = idsByLowerCase.get(id.toLowerCase()) ?? idsByLowerCase.get(id.trim().toLowerCase());
      const hint = twin === undefined ? '' : `; did you mean ${quote(twin.id)}? ids are written exactly`;
      x.problem(prop, `unknown entity id ${quote(id)} (no person, company or organization of the file has it${hint})`);
      return undefined;
    };
    const date = (prop: string): string | undefined => {
      const raw = first(r, prop);
      if (raw === undefined) return undefined;
      const d = ftmDate(raw);
      if (d.ok === true) {
        used.add(prop);
        return d.value;
      }
      // Kept as an attribute, as written.
      if (d.ok === 'partial') x.note(prop, `${quote(raw)} gives only a year or a month: not used as a date (dates are read to the day); kept as an attribute`);
      else x.optional(prop, d.reason);
      return undefined;
    };
    const edge = schemaDef(r.schema)?.edge;
    if (role === 'tie' && edge !== undefined) {
      const source = ref(edge.source);
      const target = ref(edge.target);
      // An UnknownLink whose role names one of the contract's ties (as Chokepoint's own export writes them) is that tie.
      const roleText = r.schema === 'UnknownLink' ? first(r, 'role')?.toLowerCase().replace(/\s+/g, '_') : undefined;
      let kind = FTM_TIES[r.schema];
      if (roleText !== undefined && (RELATION_KINDS as readonly string[]).includes(roleText)) (kind = roleText as RelationKind), used.add('role');
      const rel: Relation = { source: source ?? '', target: target ?? '', kind, attributes: {}, origin: { file, line: r.line } };
      const share = first(r, 'percentage');
      if (share !== undefined) {
        const p = parseField('percent', share.replace('%', '').trim());
        if (p.ok) (rel.share = p.value as number), used.add('percentage');
        else x.optional('percentage', p.reason);
      }
      const start = date('startDate');
      if (start !== undefined) rel.start = start;
      const end = date('endDate');
      if (end !== undefined) rel.end = end;
      if (source !== undefined && target !== undefined && x.problems.length === 0) {
        const columns: Record<string, string> = { target: edge.target, end: 'endDate' };
        for (const p of crossFieldProblems('relations.csv', rel as unknown as Record<string, unknown>)) x.problem(columns[p.column] ?? p.column, p.reason);
      }
      rel.attributes = attributesOf(r, used, { ftmSchema: r.schema, ftmId: r.id }, x.note);
      if (x.close()) relations.push(rel);
    } else if (role === 'payment' && edge !== undefined) {
      const payer = ref(edge.source);
      const beneficiary = ref(edge.target);
      if (payer !== undefined && payer === beneficiary) x.problem(edge.target, `${edge.source} and ${edge.target} are the same entity (${quote(payer)})`);
      const s: Shipment = { id: r.id, supplier: payer ?? '', buyer: beneficiary ?? '', commodity: 'payment', attributes: {}, origin: { file, line: r.line } };
      const amount = (prop: string): number | undefined => {
        const raw = first(r, prop);
        if (raw === undefined) return undefined;
        // `1,250,000.00`: commas between thousands (JSON has no decimal comma to confuse them with), said on the line.
        const plain = withoutThousandsCommas(raw);
        const p = parseField('number', plain ?? raw, { max: MAX_VALUE });
        if (p.ok) {
          if (plain !== undefined) x.note(prop, `${quote(raw)} read as ${plain} (commas between thousands)`);
          return p.value as number;
        }
        x.optional(prop, p.reason);
        return undefined;
      };
      const eur = amount('amountEur');
      const other = amount('amount');
      const code = first(r, 'currency');
      if (eur !== undefined) {
        used.add('amountEur');
        s.value = eur;
        s.currency = 'EUR';
      } else if (other !== undefined) {
        const currency = code === undefined ? undefined : readCurrency(code);
        if (currency === undefined) {
          // Kept as an attribute, as written: never given a currency it did not state.
          x.note('amount', 'a payment amount without a currency is not used as its value (add "currency" or "amountEur"); it is kept as an attribute');
        } else if (!currency.ok) {
          x.optional('currency', currency.reason);
        } else {
          used.add('amount').add('currency');
          s.value = other;
          s.currency = currency.value;
          if (currency.note !== undefined) x.note('currency', currency.note);
        }
      }
      const shipped = date('date') ?? date('startDate');
      if (shipped !== undefined) s.shipped = shipped;
      s.attributes = attributesOf(r, used, { ftmSchema: r.schema }, x.note);
      if (x.close()) shipments.push(s);
    } else if (role === 'shipment') {
      const supplier = ref('supplier');
      const buyer = ref('buyer');
      used.add('commodity');
      const s: Shipment = { id: r.id, supplier: supplier ?? '', buyer: buyer ?? '', commodity: first(r, 'commodity') ?? 'goods', attributes: {}, origin: { file, line: r.line } };
      // The same fields, units, currencies and checks as shipments.csv (see SHIPMENTS_SPEC).
      const field = (prop: string, type: FieldType, set: (v: unknown) => void, max?: number) => {
        const v = first(r, prop);
        if (v === undefined) return;
        const p = parseField(type, v, { max });
        if (!p.ok) return x.optional(prop, p.reason);
        used.add(prop);
        set(p.value);
        if (p.note !== undefined) x.note(prop, p.note);
      };
      field('hsCode', 'hsCode', (v) => (s.hsCode = v as string));
      field('quantity', 'number', (v) => (s.quantity = v as number), MAX_QUANTITY);
      field('unit', 'unit', (v) => (s.unit = v as Shipment['unit']));
      field('concentration', 'concentration', (v) => (s.concentration = v as number));
      field('value', 'number', (v) => (s.value = v as number), MAX_VALUE);
      field('currency', 'currency', (v) => (s.currency = v as string));
      const shipped = date('shipped');
      if (shipped !== undefined) s.shipped = shipped;
      const received = date('received');
      if (received !== undefined) s.received = received;
      field('originCountry', 'country', (v) => (s.originCountry = v as string));
      field('destinationCountry', 'country', (v) => (s.destinationCountry = v as string));
      field('transitCountries', 'countryList', (v) => (s.transitCountries = v as string[]));
      for (const prop of ['consignee', 'payer'] as const) {
        if (first(r, prop) === undefined) continue;
        const id = ref(prop);
        if (id !== undefined) s[prop] = id;
      }
      // Read leniently, a quantity whose unit could not be read (or a value whose currency could not) goes with it.
      for (const [prop, pair] of [['quantity', 'unit'], ['value', 'currency']] as const) {
        if (s[prop] !== undefined && s[pair] === undefined && first(r, pair) !== undefined) {
          delete s[prop];
          used.delete(prop);
          x.note(prop, `not used without its ${pair}, which could not be read; kept as an attribute`);
        }
      }
      const c = shipmentConcentration(s.concentration, s.commodity);
      if (c.value !== undefined) s.concentration = c.value;
      if (c.note !== undefined) x.note(s.concentration === undefined ? 'commodity' : 'concentration', c.note);
      if (supplier !== undefined && buyer !== undefined && x.problems.length === 0) {
        for (const p of crossFieldProblems('shipments.csv', s as unknown as Record<string, unknown>)) x.problem(p.column, p.reason);
      }
      const kg = s.quantity === undefined || s.unit === undefined ? undefined : kilograms(s.quantity, s.unit);
      if (kg !== undefined) s.quantityKg = kg;
      s.attributes = attributesOf(r, used, { ftmSchema: SHIPMENT_SCHEMA }, x.note);
      if (x.close()) shipments.push(s);
    }
  }

  // 7. An input without a single entity is nothing to analyse: an error in either mode (skipping lines cannot help),
  // as for a CSV bundle.
  issues.sort(compareIssues);
  if (entities.length === 0) {
    const n = issues.length;
    const reason =
      n > 0
        ? `no person, company or organization could be read: every line has a problem or names one that has (${n} listed)`
        : 'the file has no person, company or organization: a bundle needs at least one entity';
    throw new InvalidBundleError([{ file, line: 1, reason }, ...issues].sort(compareIssues).map(printableIssue), true);
  }
  if (issues.length > 0 && !lenient) throw new InvalidBundleError(issues.map(printableIssue), false);
  return {
    name: file.replace(/\.(ftm\.)?(jsonl|ijson|json)$/, ''),
    entities,
    relations,
    shipments,
    places: [],
    rejected: [...issues, ...skipped].sort(compareIssues).map(printableIssue),
    warnings: warnings.list().map(printableIssue),
  };
}

/**
 * Reads `latitude` and `longitude` of a record into `into`, reporting a value out of range or one given without the
 * other. Returns whether the record has either.
 */
function readCoordinates(r: FtmRecord, problem: (column: string, reason: string) => void, into: { lat?: number; lon?: number }): boolean {
  const lat = first(r, 'latitude');
  const lon = first(r, 'longitude');
  if (lat === undefined && lon === undefined) return false;
  if (lat === undefined || lon === undefined) {
    problem(lat === undefined ? 'latitude' : 'longitude', 'latitude and longitude must be given together');
    return true;
  }
  const a = parseField('latitude', lat);
  const b = parseField('longitude', lon);
  if (!a.ok) problem('latitude', a.reason);
  if (!b.ok) problem('longitude', b.reason);
  if (a.ok && b.ok) (into.lat = a.value as number), (into.lon = b.value as number);
  return true;
}
