import { ftmIsA, printable, type JsonLine } from '@chokepoint/ingest';
import { compareIssues, parseField, type DataIssue, type EntityKind } from '@chokepoint/model';
import { InvalidListError } from './errors';
import type { ListedParty, ScreeningList } from './types';

/** Properties read as names. `weakAlias` is not: OpenSanctions marks such names too weak to match on. */
const NAME_PROPS = ['name', 'alias', 'previousName'] as const;
/** Properties read as countries the party is tied to. */
const COUNTRY_PROPS = ['country', 'nationality', 'citizenship', 'jurisdiction', 'mainCountry', 'registrationCountry'] as const;
/** Properties read as identifying numbers. */
const IDENTIFIER_PROPS = [
  'registrationNumber', 'taxNumber', 'vatCode', 'innCode', 'ogrnCode', 'okpoCode', 'leiCode', 'dunsCode', 'swiftBic',
  'idNumber', 'passportNumber', 'imoNumber', 'uniqueEntityId', 'permId', 'bikCode', 'icijId', 'npiCode',
] as const;
/** Properties of the parties' records that are read (the others are kept by nothing and ignored without a word: they do not bear on screening). */
const DATE_KEYS = ['last_change', 'last_seen'] as const;

type Values = Map<string, string[]>;

/** A line that passed the envelope checks. */
interface Record_ {
  id: string;
  schema: string;
  properties: Values;
  /** Nested entities (OpenSanctions' nested export), by the property that holds them. */
  nested: { prop: string; record: Record_ }[];
  line: number;
  datasets: string[];
  date: string | null;
}

function jsonKind(v: unknown): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return 'a text';
  if (typeof v === 'number') return 'a number';
  if (typeof v === 'boolean') return String(v);
  return 'a mapping';
}

const quote = (text: string, max = 60): string => JSON.stringify(text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The kind of entity a schema is, or undefined when it is no legal entity (a Vessel, an Address, a Sanction). */
export function partyKind(schema: string): EntityKind | 'any' | undefined {
  if (ftmIsA(schema, 'Person')) return 'person';
  if (ftmIsA(schema, 'Company')) return 'company';
  if (ftmIsA(schema, 'Organization')) return 'organization';
  if (ftmIsA(schema, 'LegalEntity')) return 'any';
  return undefined;
}

/** A date as lists write them: YYYY, YYYY-MM or YYYY-MM-DD (a time after the day is dropped); undefined when it is none. */
export function listDate(raw: string): string | undefined {
  const v = raw.trim();
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?)?)?$/.exec(v);
  if (m === null) return undefined;
  if (m[3] !== undefined) return parseField('date', `${m[1]}-${m[2]}-${m[3]}`).ok ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
  if (m[2] !== undefined) return Number(m[2]) >= 1 && Number(m[2]) <= 12 ? `${m[1]}-${m[2]}` : undefined;
  return m[1];
}

export interface ReadListOptions {
  /** The file name used in messages and in the report. */
  file: string;
  /** Skip bad records (listed in `skipped`) instead of failing. Default false. */
  lenient?: boolean;
}

/**
 * Reads a list of listed parties written as FollowTheMoney JSON lines (the form OpenSanctions publishes, flat or
 * nested). Every legal entity (Person, Company, Organization, LegalEntity and their descendants) becomes a party,
 * with its names, aliases and previous names, countries, birth dates, identifying numbers, addresses, phones,
 * topics and programmes; Sanction records add their programme and authority to the party they name, Address records
 * the full address, Identification and Passport records their number. Records of other schemata are counted.
 *
 * Pure: the lines come in already read (`jsonLines` of @chokepoint/ingest reads a file). Every problem names the
 * file, line, property and reason: strict reading throws InvalidListError listing all of them; `lenient` skips the
 * bad records and lists them in `skipped`. A list without any party is an error either way.
 */
export async function readList(lines: AsyncIterable<JsonLine> | Iterable<JsonLine>, options: ReadListOptions): Promise<ScreeningList> {
  const file = printable(options.file);
  const issues: DataIssue[] = [];
  const warnings: DataIssue[] = [];
  const problem = (line: number, column: string | undefined, reason: string): void => {
    const r = printable(reason);
    issues.push(column === undefined ? { file, line, reason: r } : { file, line, column: printable(column), reason: r });
  };

  const records: Record_[] = [];
  let lineCount = 0;
  for await (const l of lines) {
    lineCount++;
    if ('problem' in l) {
      if (l.fatal === true) throw new InvalidListError([{ file, line: l.line, reason: printable(l.problem) }], true);
      problem(l.line, undefined, l.problem);
      continue;
    }
    const r = envelope(l.value, l.line, problem);
    if (r !== undefined) records.push(r);
  }
  if (lineCount === 0) throw new InvalidListError([{ file, line: 1, reason: 'the list is empty: a FollowTheMoney list has one JSON object per line' }], true);

  // Ids are unique.
  const firstLine = new Map<string, number>();
  const unique: Record_[] = [];
  for (const r of records) {
    const seen = firstLine.get(r.id);
    if (seen !== undefined) {
      problem(r.line, 'id', `duplicate id ${quote(r.id)} (first on line ${seen})`);
      continue;
    }
    firstLine.set(r.id, r.line);
    unique.push(r);
  }

  // Sanctions, addresses and identifications, by the id they belong to (flat form), and nested ones.
  const addresses = new Map<string, string>();
  const sanctionsOf = new Map<string, Record_[]>();
  const identificationsOf = new Map<string, Record_[]>();
  const other = new Map<string, { count: number; use: 'used' | 'not screened' }>();
  const count = (schema: string, use: 'used' | 'not screened') => {
    const o = other.get(schema) ?? { count: 0, use };
    o.count++;
    if (use === 'used') o.use = 'used';
    other.set(schema, o);
  };
  const refOf = (r: Record_, prop: string): string | undefined => r.properties.get(prop)?.[0];
  const pending: { r: Record_; prop: string; target: string }[] = [];
  for (const r of unique) {
    if (partyKind(r.schema) !== undefined) continue;
    if (ftmIsA(r.schema, 'Address')) {
      const full = fullAddress(r);
      if (full !== undefined) addresses.set(r.id, full);
      count(r.schema, 'used');
    } else if (ftmIsA(r.schema, 'Sanction')) {
      const target = refOf(r, 'entity');
      if (target === undefined) {
        warnings.push({ file, line: r.line, column: 'entity', reason: `the Sanction ${printable(quote(r.id))} names no entity: not used` });
        count(r.schema, 'not screened');
      } else pending.push({ r, prop: 'entity', target });
    } else if (ftmIsA(r.schema, 'Identification')) {
      const target = refOf(r, 'holder');
      if (target === undefined) count(r.schema, 'not screened');
      else pending.push({ r, prop: 'holder', target });
    } else count(r.schema, 'not screened');
  }

  const parties: ListedParty[] = [];
  const partyIds = new Set<string>();
  const datasetSets: string[][] = [];
  let latest: string | null = null;
  const seenCountryWarnings = new Set<string>();
  for (const r of unique) {
    const kind = partyKind(r.schema);
    if (kind === undefined) continue;
    const before = issues.length;
    const values = (prop: string): string[] => (r.properties.get(prop) ?? []).map((v) => v.trim()).filter((v) => v !== '');
    const names: string[] = [];
    for (const p of NAME_PROPS) for (const v of values(p)) if (!names.includes(v)) names.push(v);
    if (names.length === 0) {
      // A person may be given by the parts of the name only.
      const parts = ['firstName', 'secondName', 'middleName', 'fatherName', 'lastName'].map((p) => values(p)[0]).filter((v): v is string => v !== undefined);
      if (parts.length >= 2) names.push(parts.join(' '));
    }
    if (names.length === 0) problem(r.line, 'name', `${r.schema} ${quote(r.id)} has no name: a party is screened by its names`);
    const countries: string[] = [];
    for (const p of COUNTRY_PROPS) {
      for (const v of values(p)) {
        const c = parseField('country', v);
        const code = c.ok ? (c.value as string) : /^[a-z]{2,4}$/i.test(v) ? v.toUpperCase() : undefined;
        if (code === undefined) {
          problem(r.line, p, `${quote(v)} is not a country code`);
          continue;
        }
        if (!c.ok && !seenCountryWarnings.has(code)) {
          seenCountryWarnings.add(code);
          warnings.push({ file, line: r.line, column: p, reason: `${quote(v)} is not an ISO 3166-1 code (OpenSanctions writes former and special territories so): kept, compared only with the same code` });
        }
        if (!countries.includes(code)) countries.push(code);
      }
    }
    const birthDates: string[] = [];
    for (const v of values('birthDate')) {
      const d = listDate(v);
      if (d === undefined) problem(r.line, 'birthDate', `${quote(v)} is not a date (lists write dates YYYY-MM-DD, YYYY-MM or YYYY)`);
      else if (!birthDates.includes(d)) birthDates.push(d);
    }
    const identifiers: string[] = [];
    for (const p of IDENTIFIER_PROPS) for (const v of values(p)) if (!identifiers.includes(v)) identifiers.push(v);
    const addressList: string[] = [...values('address')];
    for (const ref of values('addressEntity')) {
      const full = addresses.get(ref);
      if (full !== undefined && !addressList.includes(full)) addressList.push(full);
    }
    const programs = [...values('program'), ...values('programId')];
    const authorities: string[] = [];
    const addSanction = (s: Record_) => {
      for (const v of [...(s.properties.get('program') ?? []), ...(s.properties.get('programId') ?? [])]) if (v.trim() !== '' && !programs.includes(v.trim())) programs.push(v.trim());
      for (const v of s.properties.get('authority') ?? []) if (v.trim() !== '' && !authorities.includes(v.trim())) authorities.push(v.trim());
    };
    const addIdentification = (s: Record_) => {
      for (const v of s.properties.get('number') ?? []) if (v.trim() !== '' && !identifiers.includes(v.trim())) identifiers.push(v.trim());
    };
    for (const { prop, record } of r.nested) {
      if (ftmIsA(record.schema, 'Sanction')) addSanction(record), count(record.schema, 'used');
      else if (ftmIsA(record.schema, 'Identification')) addIdentification(record), count(record.schema, 'used');
      else if (ftmIsA(record.schema, 'Address')) {
        const full = fullAddress(record);
        if (full !== undefined && !addressList.includes(full)) addressList.push(full);
        count(record.schema, 'used');
      } else count(record.schema, 'not screened');
      void prop;
    }
    if (issues.length > before) continue;
    const party: ListedParty = {
      id: r.id,
      schema: r.schema,
      kind,
      name: names[0],
      names,
      countries,
      birthDates,
      identifiers,
      addresses: addressList,
      phones: values('phone'),
      topics: values('topics'),
      programs,
      authorities,
      datasets: r.datasets,
      sourceUrls: values('sourceUrl'),
      line: r.line,
    };
    parties.push(party);
    partyIds.add(r.id);
    datasetSets.push(r.datasets);
    if (r.date !== null && (latest === null || r.date > latest)) latest = r.date;
  }

  // Sanctions and identifications of the flat form, joined to their party.
  const byId = new Map(parties.map((p) => [p.id, p]));
  for (const { r, prop, target } of pending) {
    const party = byId.get(target);
    if (party === undefined) {
      warnings.push({ file, line: r.line, column: prop, reason: `the ${r.schema} ${printable(quote(r.id))} names ${printable(quote(target))}, which is no party of this list: not used` });
      count(r.schema, 'not screened');
      continue;
    }
    count(r.schema, 'used');
    if (ftmIsA(r.schema, 'Sanction')) {
      for (const v of [...(r.properties.get('program') ?? []), ...(r.properties.get('programId') ?? [])]) if (v.trim() !== '' && !party.programs.includes(v.trim())) party.programs.push(v.trim());
      for (const v of r.properties.get('authority') ?? []) if (v.trim() !== '' && !party.authorities.includes(v.trim())) party.authorities.push(v.trim());
    } else {
      for (const v of r.properties.get('number') ?? []) if (v.trim() !== '' && !party.identifiers.includes(v.trim())) party.identifiers.push(v.trim());
    }
  }
  for (const r of unique) if (r.date !== null && partyKind(r.schema) === undefined && (latest === null || r.date > latest)) latest = r.date;

  issues.sort(compareIssues);
  if (parties.length === 0) {
    const reason =
      issues.length > 0
        ? `no person, company or organization could be read from the list: every one has a problem (${issues.length} listed)`
        : 'the list has no person, company or organization to screen against';
    throw new InvalidListError([{ file, line: 1, reason }, ...issues], true);
  }
  if (issues.length > 0 && options.lenient !== true) throw new InvalidListError(issues, false);

  // The list's name: the datasets every party shares, or the file name.
  let shared = datasetSets[0] ?? [];
  for (const d of datasetSets) shared = shared.filter((x) => d.includes(x));
  const name = shared.length > 0 ? [...shared].sort().join(', ') : file.replace(/\.(ftm\.)?(jsonl|ijson|json)$/i, '').replace(/\.(csv|tsv|txt)$/i, '');
  return {
    name,
    file,
    date: latest,
    parties,
    otherRecords: [...other].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([schema, o]) => ({ schema, count: o.count, use: o.use })),
    skipped: options.lenient === true ? issues : [],
    warnings: warnings.sort(compareIssues),
  };
}

function fullAddress(r: Record_): string | undefined {
  const full = r.properties.get('full')?.[0]?.trim();
  if (full) return full;
  const parts = ['street', 'city', 'postalCode', 'country'].map((p) => r.properties.get(p)?.[0]?.trim()).filter((v): v is string => !!v);
  return parts.length > 0 ? parts.join(', ') : undefined;
}

/**
 * Checks one parsed line: a JSON object with a text `id`, a schema of the FollowTheMoney model and `properties` that
 * map names to lists of texts (or, in OpenSanctions' nested form, to nested entities). Problems go to `problem`.
 */
function envelope(raw: unknown, line: number, problem: (line: number, column: string | undefined, reason: string) => void, nestedIn?: string): Record_ | undefined {
  const where = nestedIn === undefined ? '' : `(nested in "${nestedIn}") `;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    problem(line, nestedIn, `${where}not an FtM entity: each line must be one JSON object with "id", "schema" and "properties" (this one holds ${jsonKind(raw)})`);
    return undefined;
  }
  const o = raw as Record<string, unknown>;
  const id = Object.hasOwn(o, 'id') ? o.id : undefined;
  const schema = Object.hasOwn(o, 'schema') ? o.schema : undefined;
  if (typeof schema !== 'string' || !(ftmIsA(schema, 'Thing') || ftmIsA(schema, 'Interval'))) {
    problem(line, 'schema', `${where}${typeof schema === 'string' ? `unknown FtM schema ${quote(schema)}` : `an FtM entity needs a "schema" that is a text (this one is ${jsonKind(schema)})`}`);
    return undefined;
  }
  // A nested entity may come without an id (OpenSanctions always gives one; other tools may not).
  if ((typeof id !== 'string' || id.trim() === '') && nestedIn === undefined) {
    problem(line, 'id', `an FtM entity needs an "id" that is a text (this one is ${typeof id === 'string' ? 'empty' : jsonKind(id)})`);
    return undefined;
  }
  const properties: Values = new Map();
  const nested: Record_['nested'] = [];
  const props = Object.hasOwn(o, 'properties') ? o.properties : undefined;
  if (props !== undefined && props !== null) {
    if (typeof props !== 'object' || Array.isArray(props)) {
      problem(line, 'properties', `${where}"properties" must be a mapping of property names to lists of texts (here it is ${jsonKind(props)})`);
      return undefined;
    }
    for (const [name, value] of Object.entries(props)) {
      const list = Array.isArray(value) ? value : value === null ? [] : [value];
      const texts: string[] = [];
      for (const x of list) {
        if (typeof x === 'string') texts.push(x);
        else if (typeof x === 'number' && Number.isFinite(x)) texts.push(String(x));
        else if (x !== null && typeof x === 'object' && !Array.isArray(x)) {
          const inner = envelope(x, line, problem, name);
          if (inner === undefined) return undefined;
          nested.push({ prop: name, record: inner });
          // A nested entity stands for its id where the flat form would have it.
          if (inner.id !== '') texts.push(inner.id);
        } else {
          problem(line, name, `${where}the value holds ${jsonKind(x)}; FtM values are texts`);
          return undefined;
        }
      }
      properties.set(name, texts);
    }
  }
  const datasets = Array.isArray(o.datasets) ? o.datasets.filter((d): d is string => typeof d === 'string') : [];
  let date: string | null = null;
  for (const k of DATE_KEYS) {
    const v = Object.hasOwn(o, k) ? o[k] : undefined;
    if (typeof v === 'string') {
      const d = listDate(v);
      if (d !== undefined && d.length === 10 && (date === null || d > date)) date = d;
    }
  }
  for (const v of properties.get('modifiedAt') ?? []) {
    const d = listDate(v);
    if (d !== undefined && d.length === 10 && (date === null || d > date)) date = d;
  }
  return { id: typeof id === 'string' ? id : '', schema, properties, nested, line, datasets, date };
}
