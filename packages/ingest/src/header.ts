import { closest, foldArabic, KG_PER_UNIT, readCurrency, unitOf, type ColumnSpec, type FileSpec } from '@chokepoint/model';
import { DELIMITER_NAMES, type DelimiterGuess } from './csv';
import { withoutDirectionMarks } from './printable';

/**
 * A header cell as a column name: lower case, words joined by `_`, `%` as the word percent, a comma as a gap (`HS
 * Code` → `hs_code`, `Net Weight (kg)` → `net_weight_kg`, `Stake (%)` → `stake_percent`, `Вес нетто, кг` →
 * `вес_нетто_кг`, as a semicolon-separated sheet names a column and its unit).
 */
export function normaliseColumnName(raw: string): string {
  return raw
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/%/g, '_percent_')
    .replace(/[\s\-./()[\]_,]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** How a header cell was matched to a column of the contract. */
export interface ColumnMatch {
  column: ColumnSpec;
  /** `exact`: the name itself (any case); `spelling`: the name written with spaces or hyphens; `synonym`: another name for it. */
  how: 'exact' | 'spelling' | 'synonym';
  /** The currency the name gives a money column (`Value (USD)`, `Declared value EUR`), as an ISO 4217 code. */
  currency?: string;
  /** The unit of mass the name gives the column of kilograms (`Net Weight (t)`, `WEIGHT (LB)`). */
  mass?: MassUnit;
}

/** A unit of mass other than the kilogram, as a weight column's name gives it: its name in words and its kilograms. */
export interface MassUnit {
  /** `tonnes`, `grams`, `carats`, `pounds`. */
  words: string;
  /** `1 t = 1,000 kg`. */
  equals: string;
  kgPer: number;
}

/** The pound: no WCO unit of quantity (refused in the unit column), but US customs records give weights in it. */
const POUND: MassUnit = { words: 'pounds', equals: '1 lb = 0.45359237 kg', kgPer: 0.45359237 };
const POUND_SPELLINGS: ReadonlySet<string> = new Set(['lb', 'lbs', 'pound', 'pounds']);
const MASS_WORDS: Readonly<Record<string, string>> = { g: 'grams', t: 'tonnes', carats: 'carats' };

/** The unit of mass other than kg that a word of a column's name writes (`t`, `MT`, `tonnes`, `LB`, `т`), if any. */
function massUnitOf(word: string): MassUnit | undefined {
  if (POUND_SPELLINGS.has(word.toLowerCase())) return POUND;
  const unit = unitOf(word);
  const words = unit === undefined ? undefined : MASS_WORDS[unit];
  if (unit === undefined || words === undefined) return undefined;
  const kgPer = KG_PER_UNIT[unit];
  return { words, equals: `1 ${unit === 'carats' ? 'carat' : unit} = ${kgPer.toLocaleString('en-US', { maximumFractionDigits: 6 })} kg`, kgPer };
}

/** The column of the contract a header cell names, if any. */
export function matchColumn(spec: FileSpec, raw: string): ColumnMatch | undefined {
  const lower = raw.trim().toLowerCase();
  const exact = spec.columns.find((c) => c.name === lower);
  if (exact) return { column: exact, how: 'exact' };
  const name = normaliseColumnName(raw);
  const named = byName(spec, name);
  if (named !== undefined) return named;
  // `Value (USD)`, `USD value`, `Trade Value (US$)`: a money column and its currency, as trade databases name them. The
  // currency is written without small letters (a code or a symbol), so that `Value (All)` or `Value top` is not read
  // as Albanian leks or Tongan paʻanga.
  const words = raw.trim().split(/[\s\-./()[\]_,]+/).filter((w) => w !== '');
  for (const [ccy, rest] of [
    [words[words.length - 1], words.slice(0, -1)],
    [words[0], words.slice(1)],
  ] as const) {
    if (rest.length === 0 || ccy === undefined || /\p{Ll}/u.test(ccy)) continue;
    const currency = readCurrency(ccy);
    const money = byName(spec, normaliseColumnName(rest.join(' ')));
    if (currency.ok && money !== undefined && money.column.name === 'value') return { column: money.column, how: 'synonym', currency: currency.value };
  }
  // `Net Weight (t)`, `Gross weight, tonnes`, `Quantity (MT)`, `WEIGHT (LB)`, `Вес нетто, т`: the column of kilograms
  // in another unit of mass, as trade data names it (its name with `kg` for the unit is a name of the column).
  const mass = words.length > 1 ? massUnitOf(words[words.length - 1]) : undefined;
  if (mass !== undefined) {
    const rest = normaliseColumnName(words.slice(0, -1).join(' '));
    const weight = [byName(spec, rest), byName(spec, `${rest}_kg`)].find((m) => m?.column.name === 'weight_kg');
    if (weight !== undefined) return { column: weight.column, how: 'synonym', mass };
  }
  return undefined;
}

/**
 * A normalised name without accents, apostrophes or the sign of a number, as the synonyms in other languages are
 * written (`date_d'expédition` → `date_d_expedition`, `alıcı` → `alici`, `n°_facture` → `n_facture`).
 */
function withoutAccents(name: string): string {
  // (Arabic names as their synonyms are written: `رقم_الشحنة` as `رقم_الشحنه`, `أ` as `ا`)
  return foldArabic(name)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ı/g, 'i')
    .replace(/[°º]/g, '')
    .replace(/['’`´]/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** The column a normalised name gives: written another way (`hs code`), or a synonym (`Pays`, `Date d'expédition` too). */
function byName(spec: FileSpec, name: string): ColumnMatch | undefined {
  const found = byNameAsWritten(spec, name);
  if (found !== undefined) return found;
  const plain = withoutAccents(name);
  return plain === name || plain === '' ? undefined : byNameAsWritten(spec, plain);
}

function byNameAsWritten(spec: FileSpec, name: string): ColumnMatch | undefined {
  const spelt = spec.columns.find((c) => c.name === name || c.name.replace(/_/g, '') === name.replace(/_/g, ''));
  if (spelt) return { column: spelt, how: 'spelling' };
  const squashed = name.replace(/_/g, '');
  const synonym = spec.columns.find((c) => (c.synonyms ?? []).some((s) => s === name || s.replace(/_/g, '') === squashed));
  return synonym ? { column: synonym, how: 'synonym' } : undefined;
}

/** A problem or a remark about a header, at line 1. */
export interface HeaderRemark {
  column?: string;
  reason: string;
}

export interface ReadHeader {
  /** For each field: the contract column it holds, or the attribute name of an extra column. */
  columns: (ColumnSpec | string)[];
  /** The currency the header gives the value column (`Value (USD)`), when it does. */
  currency?: string;
  /** The unit of mass the header gives the column of kilograms (`Net Weight (t)`), when it does. */
  mass?: MassUnit;
  warnings: HeaderRemark[];
}

/** Thrown for a header that cannot be read. */
export class HeaderProblem extends Error {
  constructor(readonly remark: HeaderRemark) {
    super(remark.reason);
  }
}

function quoted(names: string[]): string {
  return names.map((n) => `"${n}"`).join(', ');
}

/**
 * Maps header cells to the contract's columns. Names match without regard to case, spaces or hyphens, and
 * clear synonyms (`latitude` for `lat`, `HS code` for `hs_code`) are read as their column with a warning.
 * Unknown columns become free attributes; one that looks like a misspelt column gets a "did you mean". A missing
 * required column is an error that says what the header has, the likely misspelling, and how the line was split.
 */
export function readHeader(spec: FileSpec, allFields: string[], guess: DelimiterGuess): ReadHeader {
  const warnings: HeaderRemark[] = [];
  // Spreadsheets often write empty cells after the last column: they are not columns.
  // The marks that set the direction of text (an RLM around `الاسم` copied from an Arabic page) are no part of a name.
  const named = allFields.map(withoutDirectionMarks);
  let end = named.length;
  while (end > 1 && named[end - 1].trim() === '') end--;
  const fields = named.slice(0, end);
  // (a name longer than any column's spelling is nobody's: not compared letter by letter with every column)
  const matches = fields.map((f) => (comparable(f) ? matchColumn(spec, f) : undefined));
  const seen = new Set<string>();
  for (const f of fields) {
    const name = f.trim().toLowerCase();
    if (name === '') throw new HeaderProblem({ reason: 'the header has an empty column name' });
    if (seen.has(name)) throw new HeaderProblem({ column: name, reason: `column "${name}" appears twice in the header` });
    seen.add(name);
  }
  // A column named exactly wins over a synonym or another spelling of it; two inexact names of one column
  // keep the first; a weight in kilograms wins over one in another unit (`WEIGHT (KG)` and `WEIGHT (LB)`).
  const taken = new Map<string, number>();
  matches.forEach((m, i) => {
    if (m?.how === 'exact') taken.set(m.column.name, i);
  });
  for (const inUnit of [false, true]) {
    matches.forEach((m, i) => {
      if (m !== undefined && m.how !== 'exact' && (m.mass !== undefined) === inUnit && !taken.has(m.column.name)) taken.set(m.column.name, i);
    });
  }
  let currency: string | undefined;
  let mass: MassUnit | undefined;
  const columns = fields.map((f, i) => {
    const m = matches[i];
    const raw = f.trim();
    if (m !== undefined && taken.get(m.column.name) === i) {
      if (m.currency !== undefined) {
        currency = m.currency;
        warnings.push({ column: raw, reason: `column "${raw}" read as "${m.column.name}", in ${m.currency} (the currency its name gives), where the row has no currency of its own` });
      } else if (m.mass !== undefined) {
        mass = m.mass;
        warnings.push({ column: raw, reason: `column "${raw}" read as "${m.column.name}", in ${m.mass.words} (the unit its name gives): each mass turned into kg (${m.mass.equals})` });
      } else if (m.how !== 'exact') {
        warnings.push({ column: raw, reason: `column "${raw}" read as "${m.column.name}" (${m.column.description.replace(/\.$/, '')})` });
      }
      return m.column;
    }
    const name = raw.toLowerCase();
    if (m !== undefined) {
      warnings.push({ column: raw, reason: `column "${raw}" is kept as a text attribute: the header already has "${m.column.name}"` });
      return name;
    }
    const free = spec.columns.filter((c) => !taken.has(c.name)).map((c) => c.name);
    const near = comparable(raw) ? closest(normaliseColumnName(raw), free, 1) : [];
    if (near.length > 0) {
      warnings.push({ column: raw, reason: `column "${raw}" is not a column of ${spec.file} and is kept as a text attribute; did you mean "${near[0]}"?` });
    }
    return name;
  });
  // A column another gives (`coordinates` for `lat` and `lon`): with both in the header, the one of its own is read and
  // the other kept as text, so that no cell is read twice.
  for (const c of spec.columns) {
    const by = c.givenBy === undefined ? undefined : taken.get(c.givenBy);
    if (by === undefined || !taken.has(c.name)) continue;
    const raw = fields[by].trim();
    warnings.push({ column: raw, reason: `column "${raw}" is kept as a text attribute: the header has "${c.name}" of its own` });
    columns[by] = raw.toLowerCase();
    taken.delete(c.givenBy!);
  }
  // A required column the header lacks, and another that stands in for it (`Consignee` for the buyer, as customs
  // records name the importer): read as it, with a warning.
  for (const c of spec.columns) {
    const by = c.required && !taken.has(c.name) && c.standIn !== undefined ? taken.get(c.standIn) : undefined;
    if (by === undefined) continue;
    const raw = fields[by].trim();
    warnings.push({ column: raw, reason: `column "${raw}" read as "${c.name}": the header has no ${c.name} column (${c.standInWhy ?? ''})` });
    columns[by] = c;
    taken.set(c.name, by);
    taken.delete(c.standIn!);
  }
  // A required column the header lacks, and the one column not otherwise read whose name holds its name as a word
  // (`Company / Person name` for name, `Buyer name` for buyer): read as it, with a warning. Two such columns (`Tax ID`
  // and `Company ID`) are a choice not made here: the error names them.
  const unread = (i: number) => typeof columns[i] === 'string' && comparable(fields[i]);
  /**
   * Whether a header cell's words hold the column's name, or a one-word name of it in another language of three
   * letters or more (`N° Guía/DUA` holds `dua`, a customs declaration's number: the id), and no other column's name
   * (`id kind name` is three columns not split).
   */
  const holdsName = (f: string, c: ColumnSpec) => {
    const words = withoutAccents(normaliseColumnName(f)).split('_');
    const named = words.includes(c.name) || (c.synonyms ?? []).some((s) => s.length >= 3 && !s.includes('_') && !PREPOSITIONS.has(s) && words.includes(s));
    return named && !spec.columns.some((o) => o.name !== c.name && words.includes(o.name));
  };
  for (const c of spec.columns) {
    if (!c.required || taken.has(c.name) || (c.givenBy !== undefined && taken.has(c.givenBy))) continue;
    const holding = fields.flatMap((f, i) => (holdsName(f, c) && unread(i) ? [i] : []));
    if (holding.length !== 1) continue;
    const [by] = holding;
    const raw = fields[by].trim();
    warnings.push({ column: raw, reason: `column "${raw}" read as "${c.name}": the header has no ${c.name} column, and this is the one whose name holds the word; name it "${c.name}" to be sure` });
    columns[by] = c;
    taken.set(c.name, by);
  }
  const missing = spec.columns.filter((c) => c.required && !taken.has(c.name) && !(c.givenBy !== undefined && taken.has(c.givenBy)));
  if (missing.length > 0) {
    // A header of a line of a megabyte (a file that is not a table) is quoted in part: its start and its length.
    const shown = fields.map((f) => shortened(f.trim()));
    const listed = shown.length > MAX_NAMES_SHOWN ? [...shown.slice(0, MAX_NAMES_SHOWN), `and ${shown.length - MAX_NAMES_SHOWN} more`] : shown;
    const has = shown.length === 1 && !guess.found
      ? `the header has one column, "${shown[0]}": no comma, semicolon, tab or pipe separates the column names`
      : `the header has: ${listed.join(', ')}${guess.delimiter === ',' ? '' : `, separated by ${DELIMITER_NAMES[guess.delimiter]}s`}`;
    const unmatched = fields.filter((f, i) => matches[i] === undefined && comparable(f)).map((f) => f.trim());
    const typos = missing.flatMap((c) => {
      const holding = fields.filter((f, i) => holdsName(f, c) && unread(i)).map((f) => f.trim());
      if (holding.length > 1) return [`${quoted(holding)} each hold the word "${c.name}": name the one meant "${c.name}"`];
      const near = unmatched.filter((f) => closest(normaliseColumnName(f), [c.name], 1).length > 0);
      if (near.length > 0) return [`"${near[0]}" may be "${c.name}" misspelt`];
      // A register's export identifies companies by their number (`company_number`), read as the registration number.
      const registration = c.name === 'id' ? taken.get('registration_number') : undefined;
      return registration === undefined ? [] : [`"${fields[registration].trim()}" is read as the registration number: if it identifies the entities, add a column "id" with the same numbers (or rename it id)`];
    });
    throw new HeaderProblem({
      column: missing[0].name,
      reason: `missing required column${missing.length > 1 ? 's' : ''} ${quoted(missing.map((c) => c.name))} (${has}${typos.length > 0 ? `; ${typos.join('; ')}` : ''})`,
    });
  }
  return { columns, warnings, ...(currency === undefined ? {} : { currency }), ...(mass === undefined ? {} : { mass }) };
}

/**
 * One-word names of a column that are also prepositions (`from`, `von`, `desde`: a tie's source): a header cell such as
 * `Valid from` or `Gültig von` holds them without naming the column.
 */
const PREPOSITIONS: ReadonlySet<string> = new Set(['from', 'von', 'nach', 'vers', 'desde', 'hacia']);

/** The longest text compared with the columns' names (a longer one matches none and is not compared letter by letter). */
const LONGEST_NAME = 200;
const comparable = (name: string): boolean => name.length <= LONGEST_NAME;

/** The longest column name quoted whole in a message, and the most names listed. */
const MAX_NAME_SHOWN = 60;
const MAX_NAMES_SHOWN = 40;

/** A column name as a message quotes it: whole when short, else its start and its length. */
function shortened(name: string): string {
  return name.length <= MAX_NAME_SHOWN ? name : `${name.slice(0, 40)}… (${name.length.toLocaleString('en-US')} characters)`;
}
