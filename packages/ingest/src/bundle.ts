import type { Dirent } from 'node:fs';
import { lstat, readdir, readlink, stat } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import {
  BUNDLE_FILES,
  closest,
  compareIssues,
  crossFieldProblems,
  enumValues,
  fold,
  isEstimate,
  kilograms,
  kindOfCompanyType,
  MAX_KG,
  parseField,
  currencyOfCountries,
  sharedCurrencyCodes,
  readCurrency,
  readIsic,
  sectorDisagreement,
  shipmentConcentration,
  type Bundle,
  type BundleFile,
  type ColumnSpec,
  type DataIssue,
  type Entity,
  type FieldOptions,
  type FieldResult,
  type FieldType,
  type FileSpec,
  type Place,
  type Relation,
  type SectorHint,
  type Shipment,
  type Unit,
  PARTIAL_DATE,
  slashedDateReadings,
  westernDigits,
} from '@chokepoint/model';
import { CsvSyntaxError, DELIMITER_NAMES, detectHeaderDelimiter, readCsvBatches, TITLE_LINES_KEPT, type Delimiter } from './csv';
import { BundleNotFoundError, InvalidBundleError } from './errors';
import { HeaderProblem, matchColumn, normaliseColumnName, readHeader, type MassUnit } from './header';
import { IdTable } from './id-table';
import { DOTS_ONLY_GROUPS, dotsGroupThousands, groupSeparatorWord, thousandsSpacesInText, withoutThousandsCommas, withoutThousandsSpaces, type DotGrouping } from './numbers';

import { ByteInterner } from './intern';
import { defaultSectorHints } from './hints';
import { printable, printableIssue, quote, setOwn, trimDirectionMarks } from './printable';
import { CODE_PAGE_NAMES, EncodingProblem, guessCodePage, headText, notValidText, readHead, sniffEncoding, type SniffedText } from './text';
import { caseTwin, WarningList } from './warnings';

export interface ReadBundleOptions {
  /** Skip bad rows (each one listed in `bundle.rejected`) instead of refusing the whole bundle. */
  lenient?: boolean;
  /** Called as a file is read, with the bytes read so far and the file's size (for progress bars). */
  onProgress?: (file: string, bytes: number, total: number) => void;
  /**
   * Keywords that map a free-text sector to an ISIC code: used to tell whether an entity's `sector` and `isic`
   * agree, and to choose between two readings of a code that lost its leading zero. Default: the shipped
   * data/reference/sector-keywords.csv (`loadSectorHints` reads another); `[]` judges by the ISIC titles alone.
   */
  sectorHints?: readonly SectorHint[];
  /**
   * Called once entities.csv is read, with the entities as the bundle will hold them (the same objects, in file
   * order), while the other files are still to be read: work that needs only the entities may start. Not called
   * when entities.csv had a problem and the bundle is strict (reading will fail).
   */
  onEntities?: (entities: readonly Entity[]) => void;
}

/**
 * Column types whose notes say what each cell held and how it was read (`"05.03.2016" read as the date 2016-03-05`,
 * coordinates in degrees and minutes): one warning per column and form of note (WarningList.add).
 */
const ALIKE_NOTES: ReadonlySet<FieldType> = new Set<FieldType>(['date', 'latitude', 'longitude', 'coordinates']);
/** Column types whose cells are numbers: in a semicolon-separated file they may use a decimal comma. */
const NUMERIC: ReadonlySet<FieldType> = new Set<FieldType>(['number', 'integer', 'percent', 'latitude', 'longitude', 'concentration']);
/** One comma between digits and no dot: `1234,5`, `-36,7`, `35,5 %`. */
const DECIMAL_COMMA = /^[^.,]*\d,\d[^.,]*$/;
/**
 * A number written with a decimal comma and dots between its thousands (`9.800,00`, `1.234.567,5`), as spreadsheets in
 * German, Turkish and many other languages write them: the comma after the dots can only be the decimal mark.
 */
const THOUSANDS_DOTS = /^[-+]?\d{1,3}(\.\d{3})+,\d+$/;

/**
 * Known entity ids, the ids of entity rows that were rejected (with their line), and the known ids by their lower
 * case (to say "did you mean" when a reference differs from an id only by case), for reference checks.
 */
interface EntityIndex {
  /** Each valid id, kept as the entity holds it (`keyOf`): a reference to it shares that one string (millions of rows). */
  valid: IdTable;
  rejected: Map<string, number>;
  byLowerCase: Map<string, string>;
  /** The ids written with Arabic-Indic digits, by their Western form (sameDigits; made at the first need). */
  byWesternDigits?: Map<string, string>;
  /**
   * The ids of the entities of a name (matched without regard to case or surrounding spaces), for a reference that
   * names an entity instead of giving its id; made on first use, once the entities are read.
   */
  byName?: (name: string) => readonly string[] | undefined;
  /** The country of the entity of an id (as `keyOf` keeps it), for a currency a shipment's countries settle; made on first use. */
  countryOf?: (id: string) => string | undefined;
  /**
   * The valid ids as a tokenizer's interner (entityIdInterner): a cell of a column that names an entity whose bytes are
   * one of them is given as the very string `valid` holds; made for the first file that names entities.
   */
  interner?: ByteInterner;
}

/** The most rows rowsAbout tells (a file of more makes its tables grow as they fill). */
const ROWS_RESERVED_UP_TO = 16_000_000;

/**
 * About how many rows a file of `size` bytes holds, from the line breaks of its first bytes (`head`); 0 when the head
 * is the whole file or holds too few lines to tell.
 */
function rowsAbout(head: Buffer, size: number): number {
  if (head.length >= size) return 0;
  let lines = 0;
  for (let at = head.indexOf(0x0a); at >= 0; at = head.indexOf(0x0a, at + 1)) lines++;
  if (lines < 2) return 0;
  return Math.min(ROWS_RESERVED_UP_TO, Math.ceil((size * lines) / head.length));
}

/**
 * The interner of the valid entity ids (EntityIndex.interner), made once the entities are read: every id in ASCII
 * that reads as itself as an id (no note: not one a spreadsheet may have written in scientific notation). A column
 * that names entities then needs, for a cell the interner knows, no new string, no parse and no lookup: its text is
 * the id of an entity, as `valid` holds it (a million entities and ten million references: a string, a parse and a
 * hash of each reference saved).
 */
function entityIdInterner(entities: EntityIndex): ByteInterner {
  if (entities.interner !== undefined) return entities.interner;
  const interner = new ByteInterner();
  for (const [id] of entities.valid) if (!maybeScientific(id)) interner.add(id);
  entities.interner = interner;
  return interner;
}

/**
 * The rows of a file that were read, as three lists (row k: its parsed values, its extra columns, its line), not an
 * object per row: a million-row file kept a million such objects until every file was read (promoted to the old
 * generation, then garbage).
 */
interface ParsedRows {
  values: Record<string, unknown>[];
  attributes: Record<string, string>[];
  lines: number[];
  /** By row (its place in `values`): the mass it declared beside goods counted in another unit (few rows, or none). */
  declared?: Map<number, DeclaredMass>;
}

/** One row of ParsedRows, as the record makers take it. */
interface ParsedRow {
  line: number;
  values: Record<string, unknown>;
  attributes: Record<string, string>;
  declared?: DeclaredMass;
}

/**
 * A shipment's mass in kg declared beside a quantity that is not a mass (weight_kg beside pieces, litres, metres), and
 * the words of its kgBasis. Set on the record after its origin, where the weight of a mass is set (toShipment): the
 * shipments of a file keep one order of keys, which a database that stores them keeps too.
 */
interface DeclaredMass {
  kg: number;
  source: string;
}

/**
 * Column types whose cells repeat across rows (codes, kinds, dates) and whose reading depends on the cell alone: each
 * column keeps the result of each text it met, so that 600,000 shipments share a few hundred strings (and parse each
 * one once). Free text is kept too, except for names and addresses, which seldom repeat.
 */
const REPEATING: ReadonlySet<FieldType> = new Set<FieldType>(['enum', 'date', 'country', 'hsCode', 'currency', 'unit', 'text']);
const UNIQUE_TEXT: ReadonlySet<string> = new Set(['name', 'address']);
/** At most this many distinct texts are kept per column (a column whose cells never repeat stops growing there). */
const REPEATS_KEPT = 20_000;

/** A word for currency in a column's name (normalised), for the hint of a value without a currency. */
const CURRENCY_WORD = /(?:^|_)(?:currenc(?:y|ies)|curr?|ccy|crncy|devises?|monnaie|monedas?|divisas?|moedas?|wahrung|waehrung|doviz|para_birimi|valuta)(?:_|$)/;

/** Thrown inside one file when it cannot be read further; turned into a fatal InvalidBundleError. */
class FatalFileProblem extends Error {
  constructor(readonly issue: DataIssue) {
    super(issue.reason);
  }
}

/** Extensions of files that hold data: one in a bundle folder that is not a bundle file is named in a warning. */
/** Spreadsheet workbooks: their sheets must be saved as CSV, not renamed. */
const WORKBOOKS: ReadonlySet<string> = new Set(['xlsx', 'xls', 'xlsm', 'ods']);
const DATA_EXTENSIONS: ReadonlySet<string> = new Set(['csv', 'tsv', 'tab', 'txt', 'psv', 'dat', 'xlsx', 'xlsm', 'xls', 'ods', 'jsonl', 'ijson', 'ndjson']);
/**
 * Extensions of text tables other than `.csv`: what spreadsheets write as "Text (Tab delimited)" (`.txt`), "Tab-separated
 * values" (`.tsv`) and the like. A bundle file found only under one of them (`entities.txt`) is read as it, with a
 * warning: its separator is found from its header, as for any file.
 */
const TEXT_TABLES: ReadonlySet<string> = new Set(['tsv', 'tab', 'txt', 'psv']);

/** Which name each bundle file has in the folder, the problems that stop reading a file, and remarks on the rest. */
interface FolderFiles {
  names: Map<BundleFile, string>;
  fatal: DataIssue[];
  warnings: DataIssue[];
}

/** What is wrong with the entry `name` of the folder that should be a bundle file, or undefined when it is a file. */
async function notAFile(root: string, name: string): Promise<string | undefined> {
  const path = join(root, name);
  try {
    const st = await stat(path);
    if (st.isFile()) return undefined;
    if (st.isDirectory()) return `this is a folder, not a file (the bundle's ${name.toLowerCase()} must be a CSV file)`;
    return 'this is not a regular file (a device, a socket or a pipe): a bundle file must be a CSV file';
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const link = await lstat(path).then((l) => l.isSymbolicLink(), () => false);
    if (link && (code === 'ENOENT' || code === 'ENOTDIR')) {
      const target = await readlink(path).catch(() => '?');
      return `this is a link to ${quote(target, 120)}, which does not exist`;
    }
    if (link && code === 'ELOOP') return 'this is a link that leads round in a circle';
    return `this file cannot be read (${code ?? (err as Error).message})`;
  }
}

/**
 * Finds the bundle files in the folder. A name that differs only by case (`Relations.csv`, `relations.CSV`) is read
 * with a warning; two such names for one file, a folder or a link to nothing where a file should be, stop the
 * reading of that file. Other files that look like data (`.csv`, `.tsv`, `.txt`, workbooks, JSON lines) are named in
 * a warning as not read; hidden files and the rest (a README, scripts) are left alone.
 */
async function folderFiles(root: string, dir: string): Promise<FolderFiles> {
  let entries: Dirent[];
  try {
    entries = await readdir(root, { withFileTypes: true });
  } catch (err) {
    throw new BundleNotFoundError(`cannot read the bundle folder ${printable(dir)} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  const out: FolderFiles = { names: new Map(), fatal: [], warnings: [] };
  const claimed = new Set<string>();
  for (const spec of BUNDLE_FILES) {
    const same = entries.map((e) => e.name).filter((n) => n.toLowerCase() === spec.file).sort();
    for (const n of same) claimed.add(n);
    if (same.length === 0) continue;
    if (same.length > 1) {
      out.fatal.push({
        file: same[0],
        line: 1,
        reason: `${same.join(' and ')} differ only by case, so which one is ${spec.file} is not clear: keep one of them`,
      });
      continue;
    }
    const name = same[0];
    const problem = await notAFile(root, name);
    if (problem !== undefined) {
      out.fatal.push({ file: name, line: 1, reason: problem });
      continue;
    }
    if (name !== spec.file) out.warnings.push({ file: name, line: 1, reason: `read as ${spec.file} (the name differs from it only by case)` });
    out.names.set(spec.file, name);
  }
  // A bundle file saved as a text table under another extension (`entities.txt` from "Text (Tab delimited)"), when the
  // folder has no file of its own name: read as it, if it is the only one.
  for (const spec of BUNDLE_FILES) {
    if (out.names.has(spec.file) || out.fatal.some((f) => f.file.toLowerCase() === spec.file)) continue;
    const stem = spec.file.slice(0, -'.csv'.length);
    const others = entries.filter((e) => !e.isDirectory() && TEXT_TABLES.has(extname(e.name).slice(1).toLowerCase()) && e.name.slice(0, -extname(e.name).length).toLowerCase() === stem);
    if (others.length !== 1) continue;
    const name = others[0].name;
    if ((await notAFile(root, name)) !== undefined) continue;
    claimed.add(name);
    out.warnings.push({ file: name, line: 1, reason: `read as ${spec.file}: the folder has no ${spec.file}, and this text table has its name (name it ${spec.file} to be sure)` });
    out.names.set(spec.file, name);
  }
  const bundleNames = BUNDLE_FILES.map((f) => f.file);
  for (const e of entries) {
    if (claimed.has(e.name) || e.name.startsWith('.') || e.isDirectory()) continue;
    const ext = extname(e.name).slice(1).toLowerCase();
    if (!DATA_EXTENSIONS.has(ext)) continue;
    const lower = e.name.toLowerCase();
    const stem = lower.slice(0, lower.length - ext.length - 1);
    const near = bundleNames.find((f) => f.startsWith(`${stem}.`)) ?? closest(lower, bundleNames, 1)[0];
    const workbook = WORKBOOKS.has(ext);
    const hint =
      near === undefined
        ? ''
        : out.names.has(near as BundleFile)
          ? `; the bundle's ${near} is read`
          : workbook
            ? `; did you mean to save it as ${near}? (a workbook is not read: save the sheet as "CSV UTF-8" under that name)`
            : `; did you mean to name it ${near}?`;
    const what = ext === 'jsonl' || ext === 'ijson' || ext === 'ndjson' ? ' (a FollowTheMoney file is read when it is given to the command itself, not inside a bundle folder)' : '';
    out.warnings.push({ file: e.name, line: 1, reason: `not a file of a bundle (entities.csv, relations.csv, shipments.csv, places.csv): not read${what}${hint}` });
  }
  return out;
}

/** What readFile needs besides the file: the entities read so far, the mode, and where problems and warnings go. */
interface ReadContext {
  entities: EntityIndex;
  lenient: boolean;
  hints: readonly SectorHint[];
  report: (issue: DataIssue) => void;
  warnings: WarningList;
  onBytes?: (bytes: number) => void;
}

/** Numbers of one column written with a decimal comma (semicolon files), for one warning per column. */
interface DecimalCommas {
  line: number;
  example: string;
  count: number;
  dots: number;
  /** Of `count`, the numbers with dots between thousands, and the first of them. */
  grouped: number;
  groupedExample: string;
  /** Of `dots`, the first cells (AMBIGUOUS_KEPT) with one dot and three digits after it, as a thousands separator would. */
  ambiguous?: { line: number; raw: string }[];
}

/** A cell that a dot between thousands would write: `2.400`, `120.000` (read with the dot as a decimal point). */
const LOOKS_LIKE_THOUSANDS = /^[+-]?\d{1,3}\.\d{3}$/;
/** How many such cells of one column get a warning of their own. */
const AMBIGUOUS_KEPT = 20;
/** Currencies whose amounts have three decimals (ISO 4217 minor unit 3): `12.345 KWD` is twelve dinars and change. */
const THREE_DECIMALS: ReadonlySet<string> = new Set(['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND']);

/** A kind of tie that says two rows are one entity (`same person`, `misma persona`, `même personne`, `alias`, `aka`). */
const SAME_ENTITY = /^(?:(?:the )?same(?: person| entity| company| as)?|identical|alias|aka|also known as|misma persona|mismo|misma|la misma persona|misma empresa|meme personne|meme entite|meme societe|alias de|gleiche person|dieselbe person|ayni kisi|(?:probably )?(?:same|similar)(?: name| id| company| intermediary| officer)?(?: and (?:address|registration date))? as)$/;
/** A number with dots between thousands beside a word (`Bs 38.500`), read so by numberWithWord in a file that groups thousands with dots. */
const GROUPED_BESIDE_WORD = /^[^\d.,]*\d{1,3}(\.\d{3})+[^\d.,]*$/;
/** An id as a spreadsheet writes a long number it was not told is text: `2,05123E+10`, `4.01E+11`. */
const SCIENTIFIC = /^\d(?:[.,]\d+)?E\+?\d+$/i;
/** SCIENTIFIC, tested only on a cell whose second character could start it (`2,0…`, `2.0…`, `2E…`): ids are millions of cells. */
function maybeScientific(id: string): boolean {
  const c = id.charCodeAt(1);
  return (c === 44 || c === 46 || c === 69 || c === 101) && SCIENTIFIC.test(id);
}
const SCIENTIFIC_ID = 'it looks like a long number a spreadsheet wrote in scientific notation, which keeps only its first digits (ids such as tax numbers become alike): format the column as Text and save the file again';

/** The number a cell with a decimal comma (and maybe dots between thousands) writes, with a decimal point. */
function commaNumber(raw: string): string {
  return THOUSANDS_DOTS.test(raw) ? raw.replace(/\./g, '').replace(',', '.') : raw.replace(',', '.');
}

/** A number with a currency before or after it: `21000 TRY`, `€4800`, `USD 14,500.00` (commas between thousands read outside semicolon files). */
const VALUE_WITH_CURRENCY = /^(?:([^\d\s.,+-][^\d]*?)\s*)?(\d[\d.,]*)(?:\s*([^\d\s.,][^\d]*))?$/;
/** A number with its unit after it: `6 t`, `38000 Ltrs` (the first group, for a word before the number, never matches). */
const QUANTITY_WITH_UNIT = /^()(\d[\d.,]*)\s*([^\d\s.,][^\d]*)$/;

/**
 * The shipment columns a cell may write with the column that goes with it (a value with its currency, a quantity with
 * its unit): the pattern (a word before or after the number), how the word is read, and the column it belongs to.
 */
const WRITTEN_WITH: Readonly<Record<string, { pattern: RegExp; read: (word: string) => FieldResult; column: string }>> = {
  value: { pattern: VALUE_WITH_CURRENCY, read: (w) => readCurrency(w) as FieldResult, column: 'currency' },
  quantity: { pattern: QUANTITY_WITH_UNIT, read: (w) => parseField('unit', w), column: 'unit' },
};

/** The number and the word of a cell that writes both (`21000 TRY`, `€4800`, `6 t`), when it does without doubt. */
function numberWithWord(raw: string, column: string, options: FieldOptions, decimalComma: boolean, dotsGroup: boolean): { number: number; word: string; note?: string } | { reason: string; shared?: { number: number; word: string } } | undefined {
  const how = WRITTEN_WITH[column];
  const m = how.pattern.exec(raw);
  // A word before the number or after it, not both and not neither.
  if (m === null || !m[1] === !m[3]) return undefined;
  const written = (m[1] || m[3]).trim();
  const word = how.read(written);
  // `1.250.000,00 TL` in a semicolon-separated file, `€48,500.00` elsewhere: read as the column's other cells are.
  const number = parseField('number', plainDigits(m[2], decimalComma, dotsGroup), options);
  if (!word.ok) {
    // The number reads but the word beside it does not: a unit not known (`6 boxes`), a symbol several currencies share
    // (`$61,500`): said so, rather than "not a number" of the whole cell. A word that is no symbol and no unit (`approx
    // 5000`, `ca. 5000`) is left to that reason.
    const said = column === 'quantity' || !/\p{L}/u.test(written) || word.reason.includes('ambiguous');
    if (!number.ok || !said) return undefined;
    const reason = `${JSON.stringify(raw)}: ${word.reason} (the number alone, ${number.value as number}, goes in the ${column} column, the ${how.column} in its own)`;
    // (`2 450 000 FCFA`: a word several currencies share, which the shipment's countries may settle)
    return column === 'value' && sharedCurrencyCodes(written) !== undefined ? { reason, shared: { number: number.value as number, word: written } } : { reason };
  }
  // The word read (`US$` as USD) but not the number (`52,000`): said so, rather than "not a number" of the whole cell.
  if (!number.ok) return { reason: `${JSON.stringify(raw)}: ${JSON.stringify(written)} reads as the ${how.column} ${word.value as string}, but ${number.reason}${dotsAndComma(m[2], decimalComma)}` };
  // (with what reading the word said: `boxes` read as pcs, a count of packages)
  return { number: number.value as number, word: word.value as string, note: word.note };
}

/**
 * The hint for a number refused in a file not separated by semicolons that writes dots between thousands and a decimal
 * comma (`38.400,00`, as German or Turkish spreadsheets write numbers): decimal commas are read only in semicolon files.
 */
function dotsAndComma(raw: string, decimalComma: boolean): string {
  if (decimalComma || !THOUSANDS_DOTS.test(raw)) return '';
  return `; ${JSON.stringify(raw)} writes dots between thousands and a decimal comma, which are read only in semicolon-separated files: write ${commaNumber(raw)}`;
}

/**
 * The digits of a number as written with the separators its file allows: a decimal comma (and dots between thousands)
 * in a semicolon-separated file (`decimalComma`), commas between thousands in the others; as written otherwise.
 */
function plainDigits(raw: string, decimalComma: boolean, dotsGroup = false): string {
  if (decimalComma) return THOUSANDS_DOTS.test(raw) || DECIMAL_COMMA.test(raw) ? commaNumber(raw) : dotsGroup && DOTS_ONLY_GROUPS.test(raw) ? raw.replace(/\./g, '') : raw;
  return withoutThousandsCommas(raw) ?? raw;
}

/** A kind of tie with a share in percent after it (`Owner (51%)`, `owner 51 %`) or before it (`51% shareholder`). */
const KIND_THEN_SHARE = /^([^\d(]*?[^\s\d(])\s*\(?\s*(\d+(?:[.,]\d+)?)\s*%\s*\)?$/;
const SHARE_THEN_KIND = /^\(?\s*(\d+(?:[.,]\d+)?)\s*%\s*\)?\s*([^\d\s][^\d]*)$/;

/**
 * The kind and the share of a kind cell that writes both, when both read without doubt (an owner's share only);
 * `turned` when the kind is written from the other end (`owned by (51%)`, `51% owned by`).
 */
function kindWithShare(raw: string, options: FieldOptions): { kind: string; share: number; turned: boolean } | undefined {
  // (a kind of tie is a few words: the patterns are not for long cells)
  if (raw.length > 100) return undefined;
  const after = KIND_THEN_SHARE.exec(raw);
  const before = after === null ? SHARE_THEN_KIND.exec(raw) : null;
  const words = after?.[1] ?? before?.[2];
  const number = after?.[2] ?? before?.[1];
  if (words === undefined || number === undefined) return undefined;
  const kind = parseField('enum', words.trim(), options);
  const passive = kind.ok ? undefined : passiveKind(words.trim());
  const share = parseField('percent', number.replace(',', '.'));
  // A share belongs to ownership: `Director (50%)` is not read.
  if (!share.ok || (kind.ok ? kind.value !== 'owner' : passive !== 'owner')) return undefined;
  return { kind: 'owner', share: share.value as number, turned: !kind.ok };
}

/**
 * The natures of control of a register of people with significant control, as the UK's (Companies House) writes them,
 * with the variants for trusts, firms, partnerships and overseas entities after them: shares, voting rights or a right
 * to surplus assets in a band (`…-25-to-50-percent`, more than 25 % and at most 50 %) read as owner with the band's
 * lower bound as the share, which is what the control rule needs (25 % or more); the right to appoint or remove the
 * board, and significant influence or control, as director (control without a share).
 */
const SHARE_BAND = /^(ownership-of-shares|voting-rights|right-to-share-surplus-assets)-(?:(\d{1,3})-to-(\d{1,3})-percent|more-than-(25)-percent)(?:-[a-z-]+)?$/;
const CONTROL_WITHOUT_SHARE = /^(significant-influence-or-control|right-to-appoint-and-remove-(?:directors|members|person))(?:-[a-z-]+)?$/;
const BAND_WORDS: Readonly<Record<string, string>> = {
  'ownership-of-shares': 'shares',
  'voting-rights': 'voting rights',
  'right-to-share-surplus-assets': 'a right to surplus assets',
};

function natureOfControl(raw: string): { kind: 'owner' | 'director'; share?: number; band?: { low: number; high?: number }; words: string } | undefined {
  // Several natures in one cell (as the register lists a person's): one tie, owner with the largest share when any
  // nature is a share band, else director.
  const parts = raw.length > 600 ? [] : raw.split(/\s*[,;|]\s*/).filter((p) => p !== '');
  if (parts.length > 1) {
    const natures = parts.map(oneNature);
    if (natures.some((n) => n === undefined)) return undefined;
    const owned = natures.filter((n) => n!.kind === 'owner');
    const pick = owned.length > 0 ? owned.reduce((a, b) => (b!.share! > a!.share! ? b : a))! : natures[0]!;
    return { ...pick, words: `${pick.words}, the strongest of its ${parts.length} natures` };
  }
  return oneNature(raw);
}

function oneNature(raw: string): { kind: 'owner' | 'director'; share?: number; band?: { low: number; high?: number }; words: string } | undefined {
  if (raw.length > 120) return undefined;
  const text = raw.trim().toLowerCase().replace(/_/g, '-');
  const band = SHARE_BAND.exec(text);
  if (band !== null) {
    const low = Number(band[2] ?? band[4]);
    const high = band[3] === undefined ? undefined : Number(band[3]);
    if (low > 100 || (high !== undefined && (high > 100 || high <= low))) return undefined;
    const range = high === undefined ? `more than ${low} %` : `more than ${low} % and at most ${high} %`;
    return { kind: 'owner', share: low, band: high === undefined ? { low } : { low, high }, words: `owner (${BAND_WORDS[band[1]]}: ${range}), its share the share column's figure or else the band's lower bound, ${low} %` };
  }
  const control = CONTROL_WITHOUT_SHARE.exec(text);
  if (control !== null) return { kind: 'director', words: `director (${control[1] === 'significant-influence-or-control' ? 'significant influence or control' : 'the right to appoint and remove the board'}: control without a share)` };
  return undefined;
}

/**
 * A kind written from the other end of the tie (`owned by`, `subsidiary of`, `has director`, GLEIF's
 * `IS_DIRECTLY_CONSOLIDATED_BY`): the kind, read with the tie turned round (its target first, as every kind is read:
 * the owner, the director, the employee, the payer). Undefined for any other text.
 */
const PASSIVE_KINDS: readonly [RegExp, string][] = [
  [/^(?:is )?(?:(?:wholly|majority|partly|beneficially|directly|indirectly|ultimately) )?(?:owned|held|controlled) by$/, 'owner'],
  [/^(?:is )?(?:an? )?(?:(?:wholly owned|majority owned|direct|indirect) )?(?:subsidiary|branch|affiliate)(?: company)? of$/, 'owner'],
  [/^is (?:directly |ultimately )?consolidated by$/, 'owner'],
  [/^is international branch of$/, 'owner'],
  [/^has (?:as )?(?:an? )?(?:owner|shareholder|parent(?: company)?|beneficial owner)$/, 'owner'],
  [/^(?:is )?(?:directed|managed|run) by$/, 'director'],
  [/^has (?:as )?(?:an? )?(?:director|manager|ceo)$/, 'director'],
  [/^has (?:as )?(?:an? )?employee$/, 'employee'],
  [/^(?:is )?represented by$/, 'agent'],
  [/^(?:is )?paid (?:for )?by$/, 'paid_for'],
];

/** Who the source of a tie of each kind is, in the words of the warning. */
const PASSIVE_SOURCE: Readonly<Record<string, string>> = { owner: 'owner', director: 'director', employee: 'employee', agent: 'agent', paid_for: 'payer' };

function passiveKind(raw: string): string | undefined {
  if (raw.length > 60) return undefined;
  const text = raw.trim().toLowerCase().replace(/[_-]+/g, ' ').replace(/\s+/g, ' ');
  for (const [pattern, kind] of PASSIVE_KINDS) if (pattern.test(text)) return kind;
  return undefined;
}

/** Columns read together (by record key): when one cannot be read and is left empty, the other goes too. */
const PAIRED: Readonly<Record<string, string>> = Object.assign(Object.create(null) as Record<string, string>, {
  lat: 'lon',
  lon: 'lat',
  quantity: 'unit',
  unit: 'quantity',
  value: 'currency',
  currency: 'value',
});

/**
 * `text.trim()`, without the call for the usual cell, which starts and ends with a visible ASCII character (never
 * white space): a million rows have millions of cells.
 */
function trimmed(text: string): string {
  // (the marks that set the direction of text are trimmed like spaces: trimDirectionMarks)
  return asciiEdged(text) ? text : trimDirectionMarks(text.trim());
}

/** Whether text starts and ends with a visible ASCII character (the usual cell: nothing to trim), or is empty. */
function asciiEdged(text: string): boolean {
  const n = text.length;
  if (n === 0) return true;
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(n - 1);
  return first > 0x20 && first < 0x7f && last > 0x20 && last < 0x7f;
}

/**
 * The entity id that `ref` writes with other digits (`E٠٨` for `E08`, or `E08` for `E٠٨`): Arabic-Indic digits in one
 * and Western ones in the other. The ids written with Arabic-Indic digits are indexed by their Western form once, at
 * the first reference that needs them (references to unknown ids are few).
 */
function sameDigits(entities: EntityIndex, ref: string): string | undefined {
  const western = westernDigits(ref);
  if (western !== undefined) return entities.valid.keyOf(western) ?? entities.byLowerCase.get(western.toLowerCase());
  if (!/\d/.test(ref)) return undefined;
  if (entities.byWesternDigits === undefined) {
    entities.byWesternDigits = new Map();
    for (const [id] of entities.valid) {
      const w = westernDigits(id);
      if (w !== undefined && !entities.byWesternDigits.has(w)) entities.byWesternDigits.set(w, id);
    }
  }
  return entities.byWesternDigits.get(ref);
}

/** The column types whose cells are read with Western digits when written with Arabic-Indic ones. */
const EASTERN_DIGIT_TYPES: ReadonlySet<FieldType> = new Set<FieldType>(['number', 'integer', 'percent', 'date', 'latitude', 'longitude', 'coordinates', 'concentration', 'phone', 'hsCode', 'isic', 'registration']);

/** A row's values or attributes in an order of their own (keys sorted), to compare two rows whatever their key order. */
function rowText(record: Record<string, unknown>): string {
  return JSON.stringify(Object.entries(record).sort((p, q) => (p[0] < q[0] ? -1 : p[0] > q[0] ? 1 : 0)));
}

/**
 * Whether the row kept from line `line` (rows of a file are kept in line order) holds the very values and attributes
 * given: a row pasted twice, which a duplicate id's message then says. False when that row was not kept.
 */
function sameAsKept(rows: ParsedRows, line: number, values: Record<string, unknown>, attributes: Record<string, string>): boolean {
  let lo = 0;
  let hi = rows.lines.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (rows.lines[mid] < line) lo = mid + 1;
    else if (rows.lines[mid] > line) hi = mid - 1;
    else return rowText(rows.values[mid]) === rowText(values) && rowText(rows.attributes[mid]) === rowText(attributes);
  }
  return false;
}

/**
 * Reads one file of a bundle: finds its separator, checks the header, parses every cell with the contract's
 * column types, checks ids and references. Rows with problems are reported through `report` and left out;
 * what was read but repaired or doubtful goes to `warnings` (only for rows that are kept).
 */
async function readFile(path: string, file: string, spec: FileSpec, ctx: ReadContext): Promise<ParsedRows> {
  const { entities, lenient } = ctx;
  const rows: ParsedRows = { values: [], attributes: [], lines: [] };
  /** The line each id of the file was first used on (a table, not a Map: see id-table.ts). */
  const firstLineOfId = new IdTable();
  /**
   * Ids by their lower case, to the first id of each: ids that differ only by case are named in a warning. Made only
   * once an id that is not its own lower case is kept: until then the only twin an id could have is itself, read
   * before, which is a duplicate (a problem, not a twin), so a file of lower-case ids needs no second Map of them.
   */
  let idsByLowerCase: Map<string, string> | undefined;
  const decimalCommas = new Map<string, DecimalCommas>();
  let header: (ColumnSpec | string)[] | undefined;
  /** Per column of the header: the readings of the texts met so far (REPEATING), or undefined. */
  let repeats: (Map<string, FieldResult> | undefined)[] = [];
  /**
   * Per column of the header: the interner that turns its cells into the strings of `repeats` (filled in once the
   * header is read), so that the Map finds them by identity, without hashing a new string per cell.
   */
  const interners: (ByteInterner | undefined)[] = [];
  /**
   * Per column with an interner: the reading of each of its entries (by ByteInterner entry), so that a cell the
   * tokenizer found in the interner (CsvRow.entries) is read without a lookup in `repeats`.
   */
  const readingsByEntry: FieldResult[][] = [];
  /**
   * What sectorDisagreement says of a sector and an ISIC code, by sector and code: the same words and code, the same
   * doubt (sectors repeat over the rows of a large entities.csv). At most REPEATS_KEPT are kept.
   */
  const sectorDoubts = new Map<string, Map<string, string | null>>();
  let sectorDoubtsKept = 0;
  const sectorDoubt = (sector: string, code: string): string | undefined => {
    let byCode = sectorDoubts.get(sector);
    let doubt = byCode?.get(code);
    if (doubt === undefined) {
      doubt = sectorDisagreement(sector, code, ctx.hints) ?? null;
      if (sectorDoubtsKept++ < REPEATS_KEPT) {
        if (byCode === undefined) sectorDoubts.set(sector, (byCode = new Map()));
        byCode.set(code, doubt);
      }
    }
    return doubt ?? undefined;
  };
  /** Per column of the header: whether it names an entity and its tokenizer's interner is entityIdInterner's. */
  const entityColumn: boolean[] = [];
  /** Per column of the header that names an entity: its last id, and what entities.valid gave for it. */
  const lastRef: (string | undefined)[] = [];
  const lastKnown: (string | undefined)[] = [];
  /** Per column of the header: the options of its parser. */
  let fieldOptions: FieldOptions[] = [];
  // One row at a time: its line, its problems and its notes (the functions are made once, not once per row).
  let line = 0;
  let problems: DataIssue[] = [];
  /** The row's notes; `alike`: a remark whose words hold the cell (WarningList.add), one warning for a column of them. */
  let notes: (DataIssue & { alike?: boolean })[] = [];
  const add = (column: string | undefined, reason: string) => problems.push(column === undefined ? { file, line, reason } : { file, line, column, reason });
  const note = (column: string, reason: string, alike = false) => notes.push({ file, line, column, reason, alike });
  /** The header's name of the column read as weight_kg (for the attribute it is kept as beside a quantity). */
  let weightColumn: string | undefined;
  /**
   * When the header has no unit column: an extra column whose name holds the word unit or UoM (`Q.UNIT`, `Unit
   * code`), named in the problem of a quantity without a unit.
   */
  let unreadUnit: string | undefined;
  /** Likewise for the currency: an extra column whose name holds a word for currency (`Currency of payment`, `Devise fact.`). */
  let unreadCurrency: string | undefined;
  /** The index of the value column in the header (-1: none), for the doubt about a dot between thousands. */
  let valueColumn = -1;
  /** The currency the row's value was written with (`21000 TRY`), the unit of its quantity (`6 t`), when they were. */
  let writtenWith: { what: string; column: string; word: string }[] | undefined;
  /** Lenient: the record keys of the row's optional cells that could not be read and were left empty. */
  let emptied: string[] | undefined;
  /** The currency the header gives the value column (`Value (USD)`), when it does. */
  let headerCurrency: string | undefined;
  /** The unit of mass the header gives the column of kilograms (`Net Weight (t)`), when it does. */
  let headerMass: MassUnit | undefined;
  /**
   * A semicolon-separated file whose first lines write every decimal with a comma (`7,5`, `9.800,00`): a dot between
   * groups of three digits (`12.500`) is then a thousands separator, as the spreadsheet that saved it writes them.
   */
  let dotGrouping: DotGrouping | undefined;
  /** Per number column: its cells read so (`12.500` as 12500), for one warning. */
  const dotsBetweenThousands = new Map<string, { line: number; example: string; count: number }>();
  /** Per number column: its cells written with commas between thousands (`12,500`), for one warning. */
  const thousandsCommas = new Map<string, { line: number; example: string; count: number }>();
  /** Per number column: its cells written with spaces or apostrophes between thousands (`20 000`, `12'500`), for one warning. */
  const thousandsSpaces = new Map<string, { line: number; example: string; readAs: number; count: number }>();
  const spaced = (column: string, example: string, readAs: number) => {
    const seen = thousandsSpaces.get(column);
    if (seen === undefined) thousandsSpaces.set(column, { line, example, readAs, count: 1 });
    else seen.count++;
  };
  /** The share a relation's kind was written with (`Owner (51%)`), when it was. */
  let writtenShare: number | undefined;
  /** The band of the share a nature of control writes (more than `low`, at most `high` percent), when it does. */
  let writtenBand: { low: number; high?: number } | undefined;
  /** The row's kind was written from the other end (`owned by`): its ends are swapped once the row is read. */
  let turned = false;
  /**
   * The row's cells that write a currency several share (`FCFA`, `2 450 000 FCFA`): read once the row's supplier and
   * buyer are known, as the one currency the shipment's countries use (`value`: the number written with it).
   */
  let sharedCurrencies: { column: string; word: string; reason: string; value?: number }[] | undefined;
  /** The coordinates column, when it gives the lat and lon a record needs (places.csv): an empty cell is a problem. */
  let coordinatesRequired: string | undefined;
  /**
   * The order of a record's keys when each value stands where its column is: the header's columns in the header's
   * order, then the latitude and longitude of a coordinates column and the ISIC code (each row gets them after its
   * other cells). A row given a value after its cells were read (a currency written in the value cell, a date with
   * slashes read at the end of the file, a share written with the kind…) is put in this order, so that every record
   * of a file has its keys in one order, whichever way its values were written: the report's bytes do not depend on
   * it, and a bundle read back from Neo4j (which keeps one order per file) gives the same report.
   */
  let keyOrder: string[] = [];
  /** The row got a value after its cells were read (see keyOrder). */
  let late = false;
  /** Per date column: its dates with slashes (`05/03/2016`), read once the file is read, in the order the column shows. */
  const slashed = new Map<string, SlashedColumn>();
  /** The row's dates with slashes, kept for the end of the file if the row is kept. */
  let rowSlashed: { column: SlashedColumn; raw: string }[] | undefined;
  const head = await readHead(path);
  if (spec.idColumn !== undefined) {
    // (the tables of a file's ids made at their size once: see IdTable.reserve)
    const rows = rowsAbout(head, (await stat(path)).size);
    firstLineOfId.reserve(rows);
    if (spec.file === 'entities.csv') entities.valid.reserve(rows);
  }
  let sniffed: SniffedText;
  try {
    sniffed = sniffEncoding(head);
  } catch (err) {
    if (err instanceof EncodingProblem) throw new FatalFileProblem({ file, line: 1, reason: err.reason });
    throw err;
  }
  const codePage = sniffed.encoding === 'UTF-8' && sniffed.bom === 0 ? guessCodePage(head) : undefined;
  if (codePage !== undefined) {
    // Saved as "CSV" by a spreadsheet set for Turkish, a Western European language, Arabic or a Cyrillic script: read so, and said once.
    sniffed = { encoding: codePage, bom: 0 };
    ctx.warnings.add({ file, line: 1, reason: `the file is not UTF-8: read as ${CODE_PAGE_NAMES[codePage]}, as its letters beyond ASCII suggest; check that names read right, and save the file as "CSV UTF-8" to be sure` });
  }
  const guess = detectHeaderDelimiter(headText(head, sniffed), (name) => matchColumn(spec, name) !== undefined);
  /** Lines above the header that read as a title (one or two cells filled), and the header problem of the first. */
  const titles: { line: number; text: string }[] = [];
  let titleProblem: FatalFileProblem | undefined;
  const delimiter: Delimiter = guess.delimiter;
  const notText = notValidText(sniffed);

  try {
    for await (const batch of readCsvBatches(path, ctx.onBytes, { delimiter, encoding: sniffed, interners, recover: true })) {
      for (const row of batch) {
        const { fields, empty, invalid, quoting, entries } = row;
        line = row.line;
        if (empty) {
          ctx.warnings.add({ file, line, reason: 'a row of separators only, with no value in any cell: skipped' });
          continue;
        }
        if (header === undefined) {
          if (invalid !== undefined) {
            throw new FatalFileProblem({ file, line, reason: `the header is not text the reader can use: ${notText}` });
          }
          const broken = quoting?.find((q) => q.bad);
          if (broken !== undefined) throw new FatalFileProblem({ file, line, reason: `the header has broken quoting: ${broken.reason}` });
          for (const q of quoting ?? []) ctx.warnings.add({ file, line, reason: `in the header: ${q.reason}` });
          try {
            const h = readHeader(spec, fields, guess);
            header = h.columns;
            headerCurrency = h.currency;
            headerMass = h.mass;
            const weight = header.findIndex((c) => typeof c !== 'string' && c.name === 'weight_kg');
            weightColumn = weight < 0 ? undefined : fields[weight].trim();
            unreadUnit = header.some((c) => typeof c !== 'string' && c.name === 'unit')
              ? undefined
              : fields.find((f, k) => typeof header![k] === 'string' && /(?:^|_)(?:units?|uom)(?:_|$)/.test(normaliseColumnName(f)))?.trim();
            unreadCurrency = header.some((c) => typeof c !== 'string' && c.name === 'currency')
              ? undefined
              : fields.find((f, k) => typeof header![k] === 'string' && CURRENCY_WORD.test(normaliseColumnName(f)))?.trim();
            valueColumn = header.findIndex((c) => typeof c !== 'string' && c.name === 'value');
            // The coordinates in one cell stand for a place's lat and lon, which it needs.
            const coordinates = header.find((c): c is ColumnSpec => typeof c !== 'string' && c.type === 'coordinates');
            coordinatesRequired = coordinates !== undefined && spec.columns.some((c) => c.required && c.givenBy === coordinates.name) ? coordinates.name : undefined;
            const specs = header.filter((c): c is ColumnSpec => typeof c !== 'string');
            keyOrder = [
              ...specs.filter((c) => c.type !== 'isic' && c.type !== 'coordinates' && c.type !== 'registration').map((c) => c.key ?? c.name),
              ...(coordinates === undefined ? [] : ['lat', 'lon']),
              ...(specs.some((c) => c.type === 'isic') ? ['isic'] : []),
            ];
            repeats = header.map((c) => (typeof c !== 'string' && REPEATING.has(c.type) && !(c.type === 'text' && UNIQUE_TEXT.has(c.name)) ? new Map() : undefined));
            fieldOptions = header.map((c) => (typeof c === 'string' ? {} : { values: c.values, aliases: c.aliases, max: c.max }));
            for (let k = 0; k < header.length; k++) {
              const c = header[k];
              entityColumn.push(typeof c !== 'string' && c.refersToEntity === true && c.type === 'id' && repeats[k] === undefined);
              interners.push(repeats[k] !== undefined ? new ByteInterner(REPEATS_KEPT) : entityColumn[k] ? entityIdInterner(entities) : undefined);
              readingsByEntry.push([]);
            }
            for (const w of h.warnings) ctx.warnings.add({ file, line, column: w.column, reason: w.reason });
            if (delimiter === ';') {
              // (the lines of the file's first 64 KB under the header, the last one left out: it may be cut)
              const below = headText(head, sniffed).split(/\r\n|\n|\r/).slice(line, -1);
              const columns = header;
              dotGrouping = dotsGroupThousands(
                below.map((text, k) => ({ line: line + 1 + k, cells: text.split(';').map((c) => c.replace(/^\s*"|"\s*$/g, '')) })),
                (i) => i < columns.length && typeof columns[i] !== 'string' && NUMERIC.has((columns[i] as ColumnSpec).type),
              );
            }
          } catch (err) {
            if (!(err instanceof HeaderProblem)) throw err;
            const problem = titleProblem ?? new FatalFileProblem({ file, line, ...err.remark });
            const filled = fields.filter((f) => f.trim() !== '');
            // A title a spreadsheet wrote above the header ("Shipments 2016, exported 12/05/2016"): the header may
            // be on one of the next lines. Else the first line's problem stands.
            if (filled.length > 2 || titles.length >= TITLE_LINES_KEPT) throw problem;
            titleProblem = problem;
            titles.push({ line, text: filled.join(' ') });
            continue;
          }
          for (const t of titles) {
            ctx.warnings.add({ file, line: t.line, reason: `${JSON.stringify(t.text.length > 80 ? `${t.text.slice(0, 77)}...` : t.text)} above the header, a title rather than a record: skipped (the header is line ${line})` });
          }
          continue;
        }
        if (problems.length > 0) problems = [];
        if (notes.length > 0) notes = [];
        late = false;
        if (quoting !== undefined) {
          // Broken quoting read past: a quote mark kept in its cell is a note; a field whose end cannot be told makes
          // the row a problem (the cells after it may be shifted).
          for (const q of quoting) {
            const col = header[q.field];
            const column = col === undefined ? undefined : typeof col === 'string' ? col : col.name;
            if (q.bad) add(column, q.reason);
            else if (column !== undefined) note(column, q.reason);
            else notes.push({ file, line, reason: q.reason });
          }
        }

        // Cells after the last column are fine when empty (spreadsheets write them).
        let width = fields.length;
        while (width > header.length && fields[width - 1].trim() === '') width--;
        if (width !== header.length) {
          add(undefined, `the row has ${width} field${width === 1 ? '' : 's'} but the header has ${header.length}`);
        }
        const values: Record<string, unknown> = {};
        let declared: DeclaredMass | undefined;
        /** The row's mass as its column writes it (in the unit of the column's name), kept as an attribute beside a quantity. */
        let weightWritten: number | undefined;
        // Extra columns may have any name (`__proto__`, `constructor`): setOwn keeps each as an own property.
        const attributes: Record<string, string> = {};
        let isic: string | undefined;
        for (let i = 0; i < header.length; i++) {
          const col = header[i];
          const cell = fields[i] ?? '';
          // (most cells start and end with a visible ASCII character: nothing to trim, no Arabic-Indic digit to read)
          const plainEdges = asciiEdged(cell);
          let written = plainEdges ? cell : trimDirectionMarks(cell.trim());
          let raw = written;
          const colName = typeof col === 'string' ? col : col.name;
          if (invalid?.includes(i)) {
            if (lenient && (typeof col === 'string' || !col.required)) {
              // Lenient: an optional cell that is not text (a note in Windows-1252 beside an ownership tie) is left
              // empty and the row kept, as for an optional cell that cannot be read.
              note(colName, `${notText}: left empty, and the row read without it`);
              if (typeof col !== 'string') (emptied ??= []).push(col.key ?? col.name);
              continue;
            }
            add(colName, notText);
            // (not read as well: "T\uFFFDrkiye is not a country" would only repeat it)
            continue;
          }
          if (typeof col === 'string') {
            if (raw !== '') setOwn(attributes, col, raw);
            continue;
          }
          if (raw === '') {
            if (col.required) add(col.name, REQUIRED_MISSING);
            continue;
          }
          if (entityColumn[i] && entries !== undefined && entries[i] >= 0 && raw === cell) {
            // The id of an entity, as the interner of the entities' ids found its bytes: that very id, read as it
            // would be (an id that reads as itself, of an entity that is there).
            values[col.key ?? col.name] = cell;
            continue;
          }
          // `٨٥`, `١٢٬٥٠٠٫٥٠`, `٢٠١٣/٠٤/٠٢`: Arabic-Indic (or Persian) digits, as Arabic documents and hands write them,
          // read as Western digits (one warning per column). Only a cell that starts or ends with a character beyond
          // ASCII can hold them where they matter.
          if (!plainEdges && EASTERN_DIGIT_TYPES.has(col.type)) {
            const western = westernDigits(raw);
            if (western !== undefined) {
              note(col.name, `${JSON.stringify(written)} is written with Arabic-Indic digits: read as ${JSON.stringify(western)}`, true);
              raw = written = western;
            }
          }
          if (col.type === 'isic') {
            isic = raw; // read below, with the row's sector
            continue;
          }
          // `20 000`, `7 400,00`, `12'500.50`: spaces (or apostrophes) between thousands, as French, Russian, Swiss…
          // settings write them, and Excel saves them so in a CSV. The decimal mark is then read as in any cell.
          const unspaced = (col.type === 'number' || col.type === 'integer') && raw.length > 4 ? withoutThousandsSpaces(raw) : undefined;
          if (unspaced !== undefined) {
            // (said when the number then reads: `"7 400,00"` in a comma-separated file is refused for its comma)
            const readAs = Number(plainDigits(unspaced, delimiter === ';'));
            if (Number.isFinite(readAs)) spaced(col.name, raw, readAs);
            raw = unspaced;
          }
          // `12,500`, `1,234,567.5` in a file not separated by semicolons (whose numbers never have a decimal comma):
          // commas between thousands, as trade databases and English-language spreadsheets write them.
          const plain = delimiter !== ';' && (col.type === 'number' || col.type === 'integer') && raw.indexOf(',') > 0 ? withoutThousandsCommas(raw) : undefined;
          if (plain !== undefined) {
            const seen = thousandsCommas.get(col.name);
            if (seen === undefined) thousandsCommas.set(col.name, { line, example: raw, count: 1 });
            else seen.count++;
            raw = plain;
          }
          if (delimiter === ';' && NUMERIC.has(col.type)) {
            let seen = decimalCommas.get(col.name);
            const grouped = THOUSANDS_DOTS.test(raw);
            if (grouped || DECIMAL_COMMA.test(raw)) {
              seen ??= { line, example: raw, count: 0, dots: 0, grouped: 0, groupedExample: '' };
              // The first decimal comma is the example, even when a number with a dot came before it.
              if (seen.count === 0) {
                seen.line = line;
                seen.example = raw;
              }
              seen.count++;
              if (grouped && seen.grouped++ === 0) seen.groupedExample = raw;
              decimalCommas.set(col.name, seen);
              raw = commaNumber(raw);
            } else if (dotGrouping !== undefined && col.type !== 'latitude' && col.type !== 'longitude' && DOTS_ONLY_GROUPS.test(raw)) {
              // `12.500` in a file whose numbers write decimal commas: twelve thousand five hundred.
              const grouped = dotsBetweenThousands.get(col.name);
              if (grouped === undefined) dotsBetweenThousands.set(col.name, { line, example: raw, count: 1 });
              else grouped.count++;
              raw = raw.replace(/\./g, '');
            } else if (/\d\.\d/.test(raw) && !raw.includes(',') && !(dotGrouping !== undefined && GROUPED_BESIDE_WORD.test(raw))) {
              if (seen) seen.dots++;
              else decimalCommas.set(col.name, (seen = { line, example: '', count: 0, dots: 1, grouped: 0, groupedExample: '' }));
              // (a latitude or longitude of three decimals, `36.645`, is never thousands: 36,645 is out of range)
              if (LOOKS_LIKE_THOUSANDS.test(raw) && col.type !== 'latitude' && col.type !== 'longitude' && (seen.ambiguous ??= []).length < AMBIGUOUS_KEPT) seen.ambiguous.push({ line, raw });
            }
          }
          const seen = repeats[i];
          // (a cell read as it was written, whose text the tokenizer found among the column's: its reading by position)
          const entry = entries === undefined || raw !== cell ? -1 : entries[i];
          let parsed = entry >= 0 ? readingsByEntry[i][entry] : seen?.get(raw);
          /** Whether the reason the cell is refused comes from reading a number and a word in it (it quotes the cell). */
          let splitReason = false;
          if (parsed === undefined) {
            parsed = parseField(col.type, raw, fieldOptions[i]);
            if (seen !== undefined && seen.size < REPEATS_KEPT) {
              seen.set(raw, parsed);
              // The next cells with this text are this very string: the Map finds them by identity, and the
              // tokenizer gives its entry.
              const interner = interners[i];
              if (interner !== undefined) {
                interner.add(raw);
                if (interner.lastEntry >= 0) readingsByEntry[i][interner.lastEntry] = parsed;
              }
            }
          }
          if (!parsed.ok && spec.file === 'shipments.csv' && Object.hasOwn(WRITTEN_WITH, col.name) && !isEstimate(written)) {
            // A value written with its currency (`21000 TRY`, `€4800`), a quantity with its unit (`6 t`): the number,
            // and the other column checked below.
            // (from the cell as written: the number in it is read with the file's separators there)
            // (`2 450 000 FCFA`, `20 000 kg`: the number's spaces between thousands left out first)
            const unspacedText = thousandsSpacesInText(written);
            const split = numberWithWord(unspacedText ?? written, col.name, fieldOptions[i], delimiter === ';', dotGrouping !== undefined);
            if (unspacedText !== undefined && split !== undefined && !('reason' in split)) spaced(col.name, written, split.number);
            if (split !== undefined && 'reason' in split && split.shared !== undefined && entities.countryOf !== undefined) {
              (sharedCurrencies ??= []).push({ column: col.name, word: split.shared.word, reason: split.reason, value: split.shared.number });
              continue;
            }
            if (split !== undefined && 'reason' in split) {
              parsed = { ok: false, reason: split.reason };
              splitReason = true;
            }
            else if (split !== undefined) {
              const other = WRITTEN_WITH[col.name].column;
              values[col.name] = split.number;
              (writtenWith ??= []).push({ what: col.name, column: other, word: split.word });
              note(col.name, `${JSON.stringify(written)} read as the ${col.name} ${split.number} in ${split.word}; write only the number in the ${col.name} column (the ${other} in its own) to be sure`, true);
              // (`6 boxes`: that boxes are a count of packages; a currency's note would repeat the one above)
              if (split.note !== undefined && col.name === 'quantity') note(other, split.note, true);
              continue;
            }
          }
          if (!parsed.ok && spec.file === 'shipments.csv' && col.name === 'weight_kg' && !isEstimate(written)) {
            // `0,12 т`, `2.5 t`, `750 g` in the column of kilograms: a mass written with its unit, read in kilograms.
            const m = QUANTITY_WITH_UNIT.exec(thousandsSpacesInText(written) ?? written);
            const unit = m === null ? undefined : parseField('unit', m[3].trim());
            const number = m === null ? undefined : parseField('number', plainDigits(m[2], delimiter === ';', dotGrouping !== undefined), fieldOptions[i]);
            const kg = unit?.ok && number?.ok ? kilograms(number.value as number, unit.value as Unit) : undefined;
            if (kg !== undefined && kg <= MAX_KG) {
              values[col.key ?? col.name] = kg;
              weightWritten = kg / (headerMass?.kgPer ?? 1);
              note(col.name, `${JSON.stringify(written)} read as ${kg} kg (a mass written with its unit in the column of kilograms); write the kilograms alone to be sure`, true);
              continue;
            }
            if (unit?.ok && number?.ok && kg === undefined) parsed = { ok: false, reason: `${JSON.stringify(written)} is not a mass (${unit.value as string} is no unit of mass): the column holds kilograms; write the quantity and its unit in the quantity and unit columns` };
          }
          if (!parsed.ok && spec.file === 'entities.csv' && col.name === 'kind') {
            // `Private Limited Company`, `Limited Liability Company`: a company type, as a register gives it.
            const kind = kindOfCompanyType(raw);
            if (kind !== undefined) {
              values.kind = kind;
              note('kind', `${JSON.stringify(written)} read as ${kind} (a legal form or company type)`, true);
              continue;
            }
          }
          if (!parsed.ok && spec.file === 'relations.csv' && col.name === 'kind') {
            // `owned by`, `subsidiary of`, `has director`: a kind written from the other end, read with the tie turned round
            // (the ends swapped once the row is read).
            const passive = passiveKind(raw);
            if (passive !== undefined) {
              values.kind = passive;
              turned = true;
              note('kind', `${JSON.stringify(written)} read as ${passive} with the tie turned round (the ${PASSIVE_SOURCE[passive]} is the source, as every kind is read): the target of the row is the source of the tie`, true);
              continue;
            }
            // `ownership-of-shares-25-to-50-percent`, `significant-influence-or-control`: the natures of control of a
            // register of people with significant control, as the UK's writes them.
            const nature = natureOfControl(raw);
            if (nature !== undefined) {
              values.kind = nature.kind;
              if (nature.share !== undefined) {
                writtenShare = nature.share;
                writtenBand = nature.band;
              }
              note('kind', `${JSON.stringify(written)} (a nature of control, as registers of people with significant control write it) read as ${nature.words}`, true);
              continue;
            }
            // `Owner (51%)`, `51 % shareholder`: the kind of tie, and the share it writes beside it.
            const split = kindWithShare(raw, fieldOptions[i]);
            if (split !== undefined) {
              values.kind = split.kind;
              writtenShare = split.share;
              if (split.turned) turned = true;
              note('kind', `${JSON.stringify(written)} read as the kind ${split.kind} with a share of ${split.share} %${split.turned ? ', with the tie turned round (the owner is the source): the target of the row is the source of the tie' : ''}; write the share in the share column to be sure`, true);
              continue;
            }
            // `Owner, Director`: two ties between the same ends, in one cell.
            const kinds = enumValues(raw, fieldOptions[i]);
            if (kinds !== undefined) {
              const named = [...new Set(kinds)];
              parsed = { ok: false, reason: named.length === 1 ? `${JSON.stringify(written)} names the kind ${named[0]} more than once: write it once` : `${JSON.stringify(written)} names ${named.length} kinds of tie (${named.join(', ')}): write one row for each, with the same source and target` };
            }
            // `same person`, `Misma persona?`: not a tie but two rows of one entity.
            else if (SAME_ENTITY.test(fold(raw))) parsed = { ok: false, reason: `${parsed.reason}; two rows that are one entity are not a tie: give the entity one row (one id) in entities.csv, or keep both and let name matching list them as possibly the same (docs/resolution.md)` };
            // `shares phone`: no kind of tie, but the phone column of entities.csv joins them as surely.
            else if (/\b(tele)?phones?\b|\btel\b/i.test(raw)) parsed = { ok: false, reason: `${parsed.reason}; for entities that share a phone number, give each its number in the phone column of entities.csv: a shared number joins them in one company group` };
          }
          if (!parsed.ok && col.type === 'date') {
            const readings = slashedDateReadings(raw);
            if (readings !== undefined && (readings.dayFirst !== undefined || readings.monthFirst !== undefined)) {
              // `05/03/2016`: 5 March or May 3, as the spreadsheet was set. Read at the end of the file, in the order
              // the column's other dates show (`03/15/2016` reads only month first).
              let column = slashed.get(col.name);
              if (column === undefined) slashed.set(col.name, (column = { key: col.key ?? col.name, rows: [] }));
              if (readings.monthFirst === undefined) column.dayFirst ??= { raw, line };
              if (readings.dayFirst === undefined) column.monthFirst ??= { raw, line };
              (rowSlashed ??= []).push({ column, raw });
              continue;
            }
          }
          if (!parsed.ok && col.type === 'country' && /[;|,]/.test(raw) && raw.length <= 200) {
            // `LBN;TUR`, `Lebanon;Turkey`: several countries in one cell, as registers and leak databases list the
            // countries of a person's addresses. The first is the entity's country; the cell is kept as written, as an
            // attribute under the column's name, and the warning says so.
            const parts = raw.split(/\s*[;|,]\s*/).filter((p) => p !== '');
            const read = parts.map((p) => parseField('country', p, fieldOptions[i]));
            if (parts.length > 1 && read.every((r) => r.ok)) {
              const codes = read.map((r) => r.value as string);
              values[col.key ?? col.name] = codes[0];
              setOwn(attributes, `${col.name} (all)`, raw);
              note(col.name, `${JSON.stringify(written)} names ${parts.length} countries (${codes.join(', ')}): the first, ${codes[0]}, read as the ${col.name.replace(/_/g, ' ')}, the cell kept as the attribute "${col.name} (all)"; write one country to be sure`, true);
              continue;
            }
          }
          if (!parsed.ok && col.type === 'date' && PARTIAL_DATE.test(raw)) {
            // A year or a month alone (`2011`, as registries give a founding date): not a date to the day, so not
            // used as one, and not a problem either: kept as an attribute under the column's name, as FollowTheMoney's
            // partial dates are.
            setOwn(attributes, col.name, raw);
            note(col.name, `${JSON.stringify(written)} gives only a year or a month: not used as the ${col.name} date (dates are read to the day); kept as an attribute`, true);
            continue;
          }
          if (!parsed.ok && col.type === 'currency' && spec.file === 'shipments.csv' && entities.countryOf !== undefined && sharedCurrencyCodes(raw) !== undefined) {
            (sharedCurrencies ??= []).push({ column: col.name, word: raw, reason: parsed.reason });
            continue;
          }
          if (!parsed.ok) {
            // The reason quotes the cell as written (`$15,400`), not as the decimal comma was read (`$15.400`).
            let reason = parsed.reason;
            if (raw !== written && !splitReason) {
              const again = parseField(col.type, written, fieldOptions[i]);
              if (!again.ok) reason = again.reason;
            }
            if (NUMERIC.has(col.type)) reason += dotsAndComma(written, delimiter === ';');
            if (NUMERIC.has(col.type) && /\d[.,]\d{3}[.,]\d/.test(written) && !reason.includes('thousands separators')) reason += ' (write numbers without thousands separators)';
            else if (NUMERIC.has(col.type) && DECIMAL_COMMA.test(written) && delimiter !== ';' && delimiter !== ',') {
              reason += ` (decimal commas are read only in semicolon-separated files; this one is separated by ${DELIMITER_NAMES[delimiter]}s)`;
            }
            if (lenient && !col.required && col.name !== coordinatesRequired) {
              // Lenient: an optional cell that cannot be read is left empty and the row kept (a bad date should not
              // lose a shipment), said in a warning.
              note(col.name, `${reason}: left empty, and the row read without it`);
              (emptied ??= []).push(col.key ?? col.name);
            } else add(col.name, reason);
            continue;
          }
          if (parsed.note !== undefined) note(col.name, parsed.note, ALIKE_NOTES.has(col.type));
          if (col.type === 'registration') {
            // Kept where every reader looks for it, and where it always was as an extra column: the attributes.
            setOwn(attributes, col.name, parsed.value as string);
            continue;
          }
          if (headerMass !== undefined && col.name === 'weight_kg') {
            // (`Net Weight (t)`: the column's number in tonnes, its mass in kg)
            // (to the milligram: `1 lb` is 0.453592 kg, not 0.45359237000000004)
            const kg = Math.round((parsed.value as number) * headerMass.kgPer * 1e6) / 1e6;
            if (kg > MAX_KG) add(col.name, `${JSON.stringify(written)} ${headerMass.words} is ${kg} kg, more than ${MAX_KG} kg: check the number and the unit the column's name gives`);
            else {
              values.weightKg = kg;
              weightWritten = parsed.value as number;
            }
            continue;
          }
          values[col.key ?? col.name] = parsed.value;
          if (col.type === 'id' && maybeScientific(parsed.value as string)) note(col.name, `${JSON.stringify(parsed.value)}: ${SCIENTIFIC_ID}`, true);
          if (col.refersToEntity) {
            const ref = parsed.value as string;
            // Ties are often listed by their source: the same id as the row before is the same entity (or none), and
            // comparing two short strings costs less than hashing one to look it up among every entity.
            let known: string | undefined;
            if (ref === lastRef[i]) known = lastKnown[i];
            else {
              known = entities.valid.keyOf(ref);
              lastRef[i] = ref;
              lastKnown[i] = known;
            }
            if (known !== undefined) values[col.key ?? col.name] = known;
            else {
              const rejectedAt = entities.rejected.get(ref);
              let reason: string | undefined;
              if (rejectedAt === undefined) {
                const other = entities.byLowerCase.get(ref.toLowerCase());
                // `E٠٨` for `E08` (or `E08` for `E٠٨`): the same id with the other digits.
                const digits = other === undefined ? sameDigits(entities, ref) : undefined;
                const named = other === undefined && digits === undefined ? entities.byName?.(ref) : undefined;
                const hint =
                  other !== undefined
                    ? `; did you mean ${JSON.stringify(other)}? ids are case-sensitive`
                    : digits !== undefined
                      ? `; did you mean ${JSON.stringify(digits)}? the two write their digits differently (Arabic-Indic and Western), and ids are compared as written`
                      : named === undefined
                      ? ''
                      : named.length === 1
                        ? `; it is the name of the entity ${JSON.stringify(named[0])}: write its id`
                        : `; ${named.length > 3 ? 'several' : named.length} entities are named so (${named.slice(0, 3).map((n) => JSON.stringify(n)).join(', ')}${named.length > 3 ? ' …' : ''}): write the id of the one meant`;
                reason = `unknown entity id ${JSON.stringify(ref)} (not in entities.csv${hint})${maybeScientific(ref) ? `: ${SCIENTIFIC_ID}` : ''}`;
              } else if (lenient) {
                reason = `refers to entity ${JSON.stringify(ref)}, which was skipped (entities.csv line ${rejectedAt})`;
              }
              if (reason !== undefined) {
                if (lenient && !col.required) {
                  // A payer or consignee that is not there: the shipment is kept without it.
                  note(col.name, `${reason}: left empty, and the row read without it`);
                  delete values[col.key ?? col.name];
                } else add(col.name, reason);
              } else {
                // Strict mode: the entity row's own problem is already listed; don't repeat it for every tie.
                problems.push({ file, line, column: col.name, reason: '' });
              }
            }
          }
        }
        if (sharedCurrencies !== undefined) {
          // `FCFA` between a supplier in Nigeria and a buyer in Niger: the West African CFA franc, the one of the two
          // CFA francs that a country of the shipment uses. Neither or both: the cell's problem stands.
          const countries = shipmentCountries(values, entities.countryOf!);
          for (const c of sharedCurrencies) {
            if (c.value !== undefined && typeof values.currency === 'string' && sharedCurrencyCodes(c.word)!.includes(values.currency)) {
              // `2 450 000 FCFA` beside the currency XAF: the currency cell says which of them.
              values[c.column] = c.value;
              late = true;
              note(c.column, `${JSON.stringify(c.word)} read as ${values.currency}, the currency of the row; write only the number in the ${c.column} column to be sure`, true);
              continue;
            }
            const r = currencyOfCountries(c.word, countries);
            if (r !== undefined && 'code' in r) {
              // (set after the row's other cells: put in the file's key order, as any value set late)
              late = true;
              if (c.value === undefined) values[c.column] = r.code;
              else {
                values[c.column] = c.value;
                (writtenWith ??= []).push({ what: c.column, column: 'currency', word: r.code });
              }
              note(c.column, `${JSON.stringify(c.word)} read as ${r.code}: of the currencies it can name (${sharedCurrencyCodes(c.word)!.join(', ')}), only ${r.code} is used in the shipment's countries (${JSON.stringify(countries.join(', '))}); write the ISO 4217 code to be sure`, true);
              continue;
            }
            const why = countries.length === 0 ? '; the shipment names no country that would settle which' : `; the shipment's countries (${countries.join(', ')}) do not settle which${r !== undefined && r.candidates.length > 1 ? ` (they use ${r.candidates.join(' and ')})` : ''}`;
            // (said before what to write: `…or the Venezuelan bolívar (VES); the shipment's countries (DK, TR) do not settle which; write the ISO 4217 code`)
            const at = c.reason.indexOf('; write the ISO 4217 code');
            const reason = at < 0 ? `${c.reason}${why}` : `${c.reason.slice(0, at)}${why}${c.reason.slice(at)}`;
            if (lenient) {
              note(c.column, `${reason}: left empty, and the row read without it`);
              (emptied ??= []).push(c.column);
            } else add(c.column, reason);
          }
          sharedCurrencies = undefined;
        }
        if (writtenShare !== undefined) {
          // The share written with the kind and the share column: they must agree.
          if (values.share === undefined) {
            values.share = writtenShare;
            late = true;
          }
          else if (writtenBand !== undefined) {
            // A nature of control gives a band: a share column inside it is the share, more precisely.
            const share = values.share as number;
            if (!(share >= writtenBand.low && share <= (writtenBand.high ?? 100))) add('share', `the nature of control says more than ${writtenBand.low} %${writtenBand.high === undefined ? '' : ` and at most ${writtenBand.high} %`} but the share is ${share} %`);
          }
          else if (values.share !== writtenShare) add('share', `the kind says a share of ${writtenShare} % but the share is ${values.share as number} %`);
          writtenShare = undefined;
          writtenBand = undefined;
        }
        if (turned) {
          const { source, target } = values;
          values.source = target;
          values.target = source;
          turned = false;
        }
        if (values.coordinates !== undefined) {
          // `36.6456, 37.0845` in one cell: the latitude and the longitude (the header has no lat or lon of its own).
          const [lat, lon] = values.coordinates as [number, number];
          delete values.coordinates;
          values.lat = lat;
          values.lon = lon;
        } else if (coordinatesRequired !== undefined && !problems.some((p) => p.column === coordinatesRequired)) add(coordinatesRequired, REQUIRED_MISSING);
        if (writtenWith !== undefined) {
          // The currency a value was written with and the currency column (the unit of a quantity and the unit
          // column): they must agree.
          for (const w of writtenWith) {
            if (values[w.column] === undefined) {
              values[w.column] = w.word;
              late = true;
            }
            else if (values[w.column] !== w.word) add(w.column, `the ${w.what} is written in ${w.word} but the ${w.column} is ${values[w.column] as string}`);
          }
          writtenWith = undefined;
        }
        if (headerCurrency !== undefined && values.value !== undefined) {
          // `Value (USD)`: the currency the column's name gives, unless the row has its own, in its currency cell or its value cell (which must agree).
          if (values.currency === undefined) {
            values.currency = headerCurrency;
            late = true;
          }
          else if (values.currency !== headerCurrency) add('currency', `the value column is in ${headerCurrency} (its name says so) but the currency is ${values.currency as string}`);
        }
        if (emptied !== undefined) {
          // A value read without its pair would be a problem of its own (a quantity without its unit): it goes too.
          for (const key of emptied) {
            const partner = PAIRED[key];
            if (partner !== undefined && values[partner] !== undefined && !emptied.includes(partner)) {
              delete values[partner];
              note(partner, `left empty with ${key}, which could not be read (the two go together)`);
            }
          }
          emptied = undefined;
        }
        if (isic !== undefined) {
          const sector = typeof values.sector === 'string' ? values.sector : undefined;
          const r = readIsic(isic, { sector, hints: ctx.hints });
          if (!r.ok) {
            if (lenient) note('isic', `${r.reason}: left empty, and the row read without it`);
            else add('isic', r.reason);
          }
          else {
            values.isic = r.value;
            if (r.note !== undefined) note('isic', r.note);
            const doubt = sector === undefined ? undefined : sectorDoubt(sector, r.value);
            if (doubt !== undefined) note('isic', doubt);
          }
        }
        if (values.weightKg !== undefined) {
          // A mass in kg (customs records give one): the quantity when the row has none, else kept beside it.
          const kg = values.weightKg as number;
          delete values.weightKg;
          if (values.quantity === undefined) {
            if (values.unit !== undefined && values.unit !== 'kg') note(weightColumn ?? 'weight_kg', `the row has the unit ${values.unit as string} but no quantity: the mass, ${kg} kg, is used`);
            values.quantity = kg;
            late = true;
            values.unit = 'kg';
          } else {
            const name = weightColumn ?? 'weight_kg';
            setOwn(attributes, name.toLowerCase(), String(weightWritten ?? kg));
            const stated = typeof values.quantity === 'number' && typeof values.unit === 'string' ? kilograms(values.quantity, values.unit as Unit) : undefined;
            if (stated !== undefined && Math.abs(stated - kg) > 0.01 * Math.max(stated, kg)) {
              note(name, `${kg} kg differs from the quantity ${values.quantity as number} ${values.unit as string} (${stated} kg): the quantity is used, the mass kept as an attribute`);
            } else if (stated === undefined && kg > 0) {
              // Goods counted in pieces, drums, litres or metres, with their mass beside them (as every customs
              // declaration gives it): the mass is what the goods weigh, and what the rules compare in kg (no density
              // needed, none guessed).
              declared = { kg, source: `${DECLARED_MASS} ${JSON.stringify(name)}` };
              // (the quantity quoted: one warning for the column, whatever the units)
              const quantity = `${values.quantity as number}${typeof values.unit === 'string' ? ` ${values.unit}` : ''}`;
              note(name, `${kg} kg beside the quantity ${JSON.stringify(quantity)}: the mass is the goods' weight in kg (the rules compare masses), the quantity kept as counted`, true);
            }
          }
        }
        if (spec.file === 'shipments.csv' && typeof values.commodity === 'string') {
          const c = shipmentConcentration(values.concentration as number | undefined, values.commodity);
          if (c.value !== undefined && values.concentration === undefined) late = true;
          if (c.value !== undefined) values.concentration = c.value;
          if (c.note !== undefined) note(values.concentration === undefined ? 'commodity' : 'concentration', c.note);
        }
        const valueWritten = valueColumn < 0 ? '' : (fields[valueColumn] ?? '');
        // (most values have no dot: the pattern is tried on those that do)
        if (valueWritten.includes('.') && delimiter !== ';' && typeof values.value === 'number' && !(typeof values.currency === 'string' && THREE_DECIMALS.has(values.currency))) {
          // `45.000 USD` in a file separated by commas: a dot is a decimal point there (45), but German or Turkish
          // spreadsheets write it between thousands (45,000), and money has two decimals, not three. Said, cell by
          // cell (one warning per column, its lines named); semicolon files have their own (decimalCommas).
          const dotted = /(?:^|[^\d.,])(\d{1,3})\.(\d{3})(?![\d.,])/.exec(trimmed(valueWritten));
          if (dotted !== null && Number(`${dotted[1]}.${dotted[2]}`) === values.value) {
            const thousands = `${dotted[1]}${dotted[2]}`;
            note('value', `${JSON.stringify(trimmed(valueWritten))} read as ${values.value as number}, with the dot as a decimal point: money has two decimals, so if it means ${Number(thousands).toLocaleString('en-US')} (a dot between thousands, as German or Turkish spreadsheets write it), write ${Number(thousands)}`, true);
          }
        }
        // Checks across columns only make sense once each column parsed on its own.
        if (problems.length === 0) {
          for (const p of crossFieldProblems(spec.file, values)) {
            const unread = p.column === 'unit' ? unreadUnit : p.column === 'currency' ? unreadCurrency : undefined;
            add(p.column, unread !== undefined ? `${p.reason}; the column ${JSON.stringify(unread)} is kept as a text attribute, not read as the ${p.column}: name it "${p.column}" if it holds the ${p.column === 'unit' ? 'units' : 'currencies'}` : p.reason);
          }
        }
        let id: string | undefined;
        if (spec.idColumn !== undefined && typeof values[spec.idColumn] === 'string') {
          id = values[spec.idColumn] as string;
          const first = firstLineOfId.getOrAdd(id, line);
          if (first !== undefined) add(spec.idColumn, `duplicate id ${JSON.stringify(id)} (first used on line ${first}${sameAsKept(rows, first, values, attributes) ? '; the same row written twice: delete one of them' : ''})`);
        }

        if (rowSlashed !== undefined) {
          // Kept in the row as written until the end of the file (after the row's checks across columns, which a
          // date not yet read must not take part in).
          if (problems.length === 0) {
            for (const d of rowSlashed) {
              values[d.column.key] = d.raw;
              late = true;
              d.column.rows.push(rows.values.length);
            }
          }
          rowSlashed = undefined;
        }
        if (problems.length === 0) {
          rows.values.push(late ? inKeyOrder(values, keyOrder) : values);
          rows.attributes.push(attributes);
          rows.lines.push(line);
          if (declared !== undefined) (rows.declared ??= new Map()).set(rows.values.length - 1, declared);
          if (id !== undefined && spec.idColumn !== undefined) {
            const lower = id.toLowerCase();
            if (idsByLowerCase === undefined && lower !== id) {
              // The first id with a capital: the ids kept before it (every one its own lower case), in their order.
              idsByLowerCase = new Map();
              for (let k = 0; k < rows.values.length - 1; k++) {
                const earlier = rows.values[k][spec.idColumn];
                if (typeof earlier === 'string' && !idsByLowerCase.has(earlier)) idsByLowerCase.set(earlier, earlier);
              }
            }
            if (idsByLowerCase !== undefined) {
              const other = idsByLowerCase.get(lower);
              if (other === undefined) idsByLowerCase.set(lower, id);
              else note(spec.idColumn, caseTwin(id, other, firstLineOfId.get(other)!));
            }
          }
          for (const n of notes) ctx.warnings.add(n, n.alike);
          if (spec.file === 'entities.csv') {
            entities.valid.getOrAdd(values.id as string, line);
            const lower = (values.id as string).toLowerCase();
            if (!entities.byLowerCase.has(lower)) entities.byLowerCase.set(lower, values.id as string);
          }
        } else {
          // A totals row a spreadsheet left under the data ("TOTAL", and a sum in one column): one problem that says
          // so, not the required values it lacks.
          const total = problems.some((p) => p.reason === REQUIRED_MISSING) ? totalsRowLabel(fields) : undefined;
          if (total !== undefined) problems = [{ file, line, reason: `${JSON.stringify(total)}: a totals row, not a record; leave it out of the file` }];
          for (const p of problems) if (p.reason !== '') ctx.report(p);
          if (spec.file === 'entities.csv' && typeof values.id === 'string' && !entities.valid.has(values.id)) {
            if (!entities.rejected.has(values.id)) entities.rejected.set(values.id, line);
          }
        }
      }
    }
  } catch (err) {
    if (err instanceof CsvSyntaxError) {
      const col = err.field === undefined || header === undefined ? undefined : header[err.field];
      const column = col === undefined ? undefined : typeof col === 'string' ? col : col.name;
      throw new FatalFileProblem(column === undefined ? { file, line: err.line, reason: err.reason } : { file, line: err.line, column, reason: err.reason });
    }
    throw err;
  }
  readSlashedDates(slashed, rows, file, ctx);
  if (header === undefined && titleProblem !== undefined) throw titleProblem;
  if (header === undefined) {
    throw new FatalFileProblem({ file, line: 1, reason: 'the file is empty (it needs at least a header row)' });
  }
  for (const [column, t] of thousandsCommas) {
    ctx.warnings.add({
      file,
      line: t.line,
      column,
      reason: `${t.count} number${t.count === 1 ? '' : 's'} written with commas between thousands (such as "${t.example}", read as ${t.example.replace(/,/g, '')}); in a file separated by ${DELIMITER_NAMES[delimiter]}s a comma is never a decimal mark`,
    });
  }
  for (const [column, t] of thousandsSpaces) {
    ctx.warnings.add({
      file,
      line: t.line,
      column,
      reason: `${t.count} number${t.count === 1 ? '' : 's'} written with ${groupSeparatorWord(t.example)} between thousands (such as ${JSON.stringify(t.example)}, read as ${t.readAs}), as spreadsheets set for French, Russian, Swiss and many other languages write them`,
    });
  }
  for (const [column, g] of dotsBetweenThousands) {
    ctx.warnings.add({
      file,
      line: g.line,
      column,
      reason: `${g.count} number${g.count === 1 ? '' : 's'} written with dots between thousands (such as ${JSON.stringify(g.example)}, read as ${g.example.replace(/\./g, '')}), as the file's numbers write their decimals with a comma (such as ${JSON.stringify(dotGrouping!.example)})`,
    });
  }
  for (const [column, d] of decimalCommas) {
    // A cell such as `120.000` is read as 120, while the same hand may have meant 120,000: in a column that writes
    // decimal commas, and in any semicolon-separated file (spreadsheets that write semicolons often put dots between
    // thousands). Said on the cell's line, so that a value a thousand times off is not passed over.
    const why = d.count === 0 ? '; in a semicolon-separated file it may be written with a dot between thousands' : `, while other numbers of this column are written with a decimal comma (such as "${d.example}")`;
    for (const a of d.ambiguous ?? []) {
      const asThousands = a.raw.replace('.', '');
      ctx.warnings.add({
        file,
        line: a.line,
        column,
        reason: `"${a.raw}" read as ${Number(a.raw)}, with the dot as a decimal point${why}: if it means ${Number(asThousands).toLocaleString('en-US')}${d.count === 0 ? '' : ' (a dot between thousands)'}, write ${asThousands}`,
      });
    }
    if (d.count === 0) continue;
    const mixed = d.dots > 0 ? `; ${d.dots} other cell${d.dots === 1 ? '' : 's'} of the column use${d.dots === 1 ? 's' : ''} a dot, read as a decimal point too: check that none is a thousands separator` : '';
    const groups =
      d.grouped === 0 || (d.grouped === d.count && d.groupedExample === d.example)
        ? ''
        : d.groupedExample === d.example
          ? `; ${d.grouped} of them with dots between thousands`
          : `; ${d.grouped} with dots between thousands (such as "${d.groupedExample}", read as ${commaNumber(d.groupedExample)})`;
    ctx.warnings.add({
      file,
      line: d.line,
      column,
      reason: `${d.count} number${d.count === 1 ? '' : 's'} written with a decimal comma${d.grouped === d.count ? ' and dots between thousands' : ''} (such as "${d.example}", read as ${commaNumber(d.example)})${groups}, as spreadsheets in many languages write them in semicolon-separated files${mixed}`,
    });
  }
  return rows;
}

/**
 * The values of a row with its keys in `order` (then any key not in it, as they were): a new object, for a row whose
 * values were not all set in the order of its columns (readFile's keyOrder).
 */
function inKeyOrder(values: Record<string, unknown>, order: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of order) if (Object.hasOwn(values, k)) out[k] = values[k];
  for (const k of Object.keys(values)) if (!Object.hasOwn(out, k)) out[k] = values[k];
  return out;
}

/** The dates with slashes of one column of a file: the first that reads only day first or only month first. */
interface SlashedColumn {
  /** The record key the dates go to. */
  key: string;
  dayFirst?: { raw: string; line: number };
  monthFirst?: { raw: string; line: number };
  /** The kept rows with such a date (their places in the file's rows), each holding its date as written until read. */
  rows: number[];
}

const SLASH_ORDERS = { dayFirst: 'day/month/year', monthFirst: 'month/day/year' } as const;

/**
 * The dates with slashes of each column, read in the one order the column shows: month first when a date such as
 * `03/15/2016` reads only so and none reads only day first, and the reverse; with one warning per column. When the
 * column shows neither order (every date could be either) or both, each date is a problem (lenient: left empty with a
 * warning). A date so read that puts its row's dates out of order (received before shipped) is a problem too.
 */
function readSlashedDates(slashed: ReadonlyMap<string, SlashedColumn>, rows: ParsedRows, file: string, ctx: ReadContext): void {
  const problem = (row: number, column: string, key: string, reason: string) => {
    const line = rows.lines[row];
    if (ctx.lenient) {
      delete rows.values[row][key];
      ctx.warnings.add({ file, line, column, reason: `${reason}: left empty, and the row read without it` });
    } else ctx.report({ file, line, column, reason });
  };
  const read: { row: number; column: string; key: string }[] = [];
  for (const [column, c] of slashed) {
    const order = c.dayFirst !== undefined && c.monthFirst === undefined ? 'dayFirst' : c.monthFirst !== undefined && c.dayFirst === undefined ? 'monthFirst' : undefined;
    const shown = order === undefined ? undefined : c[order]!;
    if (order === undefined || shown === undefined) {
      const why =
        c.dayFirst !== undefined && c.monthFirst !== undefined
          ? `the column writes some dates day first (${JSON.stringify(c.dayFirst.raw)}, line ${c.dayFirst.line}) and others month first (${JSON.stringify(c.monthFirst.raw)}, line ${c.monthFirst.line})`
          : 'with slashes the day and the month cannot be told apart (spreadsheets write either first), and no date of the column shows which';
      for (const row of c.rows) problem(row, column, c.key, `${JSON.stringify(rows.values[row][c.key])} is not a date in ISO form YYYY-MM-DD: ${why}; write it as YYYY-MM-DD`);
      continue;
    }
    for (const row of c.rows) {
      // (a date with one reading only would have shown the other order, and one with none was refused when read)
      rows.values[row][c.key] = slashedDateReadings(rows.values[row][c.key] as string)![order]!;
      read.push({ row, column, key: c.key });
    }
    if (c.rows.length > 0) {
      const n = c.rows.length;
      ctx.warnings.add({
        file,
        line: rows.lines[c.rows[0]],
        column,
        reason: `${n} date${n === 1 ? '' : 's'} with slashes read as ${SLASH_ORDERS[order]}, the order of ${JSON.stringify(shown.raw)} (line ${shown.line}), which reads only so (no date of the column reads only the other way); write YYYY-MM-DD to be sure`,
      });
    }
  }
  // A date so read may put its row's dates out of order (received before shipped, an end before its start): checked
  // once every column's dates are read.
  const told = new Set<number>();
  for (const t of read) {
    if (told.has(t.row) || !Object.hasOwn(rows.values[t.row], t.key)) continue;
    for (const p of crossFieldProblems(file as BundleFile, rows.values[t.row])) {
      if (p.column === 'received' || p.column === 'end') {
        problem(t.row, t.column, t.key, p.reason);
        told.add(t.row);
      }
    }
  }
}

/**
 * The record of a row: its parsed values (in column order), then its extra columns and its origin. The values object
 * becomes the record itself (no copy: a bundle holds millions of them); no column of the contract is named
 * `attributes` or `origin`.
 */
function asRecord<T>(r: ParsedRow, file: string, shareEmpty = false): T {
  const record = r.values as Record<string, unknown>;
  record.attributes = shareEmpty && !hasOwnKey(r.attributes) ? NO_ATTRIBUTES : r.attributes;
  record.origin = { file, line: r.line };
  return record as T;
}

const REQUIRED_MISSING = 'required value is missing';

/** Where a shipment's weight came from when its quantity is not a mass and its row gave the mass (kgBasis.source). */
const DECLARED_MASS = 'the mass declared in the column';

/** The words spreadsheets put at the start of a totals row, in the languages of the data's users. */
const TOTALS = /^(?:grand\s+|sub-?)?totals?\b|^sum\b|^summe\b|^gesamt\b|^insgesamt\b|^toplam\b|^somme\b|^suma\b|^soma\b|^totaal\b|^totale\b|^итого\b|^всего\b|^المجموع/i;

/** The first filled cell of a row when it starts a totals row (`TOTAL`, `Grand total`, `Toplam`), else undefined. */
function totalsRowLabel(fields: readonly string[]): string | undefined {
  const first = fields.find((f) => f.trim() !== '')?.trim();
  return first !== undefined && TOTALS.test(first) ? first : undefined;
}

/**
 * The attributes of every tie and shipment without extra columns: one frozen object (a million-shipment bundle
 * otherwise holds a million empty objects, about 50 bytes each). Nothing writes to a tie's or a shipment's attributes
 * after reading; a write would throw rather than change every record.
 */
const NO_ATTRIBUTES: Record<string, string> = Object.freeze({});

function hasOwnKey(o: Record<string, string>): boolean {
  for (const k in o) if (Object.hasOwn(o, k)) return true;
  return false;
}
function toEntity(r: ParsedRow, file: string): Entity {
  const record = asRecord<Entity & { phone?: string }>(r, file);
  // The phone is checked as a column of the contract, and kept where every reader has always found it: attributes.phone.
  if ('phone' in record) {
    const phone = record.phone;
    delete record.phone;
    if (phone !== undefined) r.attributes.phone = phone;
  }
  return record;
}
function toRelation(r: ParsedRow, file: string): Relation {
  return asRecord<Relation>(r, file, true);
}
function toPlace(r: ParsedRow, file: string): Place {
  const v = r.values as Omit<Place, 'attributes' | 'origin' | 'countries'> & { countries?: string[] };
  return { ...v, countries: v.countries ?? [], attributes: r.attributes, origin: { file, line: r.line } };
}
function toShipment(r: ParsedRow, file: string): Shipment {
  const s = asRecord<Shipment>(r, file, true);
  const kg = s.quantity === undefined || s.unit === undefined ? undefined : kilograms(s.quantity, s.unit);
  if (kg !== undefined) s.quantityKg = kg;
  else if (r.declared !== undefined) {
    s.quantityKg = r.declared.kg;
    s.kgBasis = { source: r.declared.source };
  }
  return s;
}

/**
 * Reads and validates a bundle folder (entities.csv, and optionally relations.csv, shipments.csv, places.csv).
 * Strict by default: any problem throws InvalidBundleError listing every problem found.
 * With `lenient`, bad rows are skipped and listed in `bundle.rejected`; structural problems
 * (missing required column, broken CSV quoting) still throw. What was read but repaired or doubtful (a
 * currency symbol, an ISIC code without its leading zero, a sector that disagrees with its code, a column
 * read under another name, decimal commas) is listed in `bundle.warnings`.
 */
export async function readBundle(dir: string, options: ReadBundleOptions = {}): Promise<Bundle> {
  const lenient = options.lenient ?? false;
  const root = resolve(dir);
  let isDir = false;
  try {
    isDir = (await stat(root)).isDirectory();
  } catch {
    throw new BundleNotFoundError(`bundle folder not found: ${printable(dir)}`);
  }
  if (!isDir) throw new BundleNotFoundError(`${printable(dir)} is not a folder (a bundle is a folder of CSV files)`);
  const folder = await folderFiles(root, dir);
  if (!folder.names.has('entities.csv') && !folder.fatal.some((f) => f.file.toLowerCase() === 'entities.csv')) {
    const near = folder.warnings.find((w) => w.reason.includes('did you mean to name it entities.csv') || w.reason.includes('did you mean to save it as entities.csv'));
    const how = near !== undefined && WORKBOOKS.has(extname(near.file).slice(1).toLowerCase()) ? 'save that sheet as "CSV UTF-8" named entities.csv' : 'name it entities.csv';
    const hint = near === undefined ? '' : `; it has ${JSON.stringify(near.file)}: ${how}`;
    throw new BundleNotFoundError(`${printable(dir)} has no entities.csv (a bundle needs at least entities.csv${printable(hint)})`);
  }

  const issues: DataIssue[] = [];
  const fatal: DataIssue[] = [...folder.fatal];
  const warnings = new WarningList();
  for (const w of folder.warnings) warnings.add(w);
  const hints = options.sectorHints ?? defaultSectorHints();
  const entityIndex: EntityIndex = { valid: new IdTable(), rejected: new Map(), byLowerCase: new Map() };
  const parsed = new Map<BundleFile, { file: string; rows: ParsedRows }>();
  let entityRecords: Entity[] = [];
  for (const spec of BUNDLE_FILES) {
    const name = folder.names.get(spec.file);
    if (name === undefined) {
      if (spec.file === 'entities.csv') break; // nothing else can be checked without the entities
      continue;
    }
    const path = join(root, name);
    try {
      const total = options.onProgress ? (await stat(path)).size : 0;
      const onBytes = options.onProgress ? (bytes: number) => options.onProgress!(name, bytes, total) : undefined;
      const ctx: ReadContext = { entities: entityIndex, lenient, hints, report: (i) => issues.push(i), warnings, onBytes };
      const rows = await readFile(path, name, spec, ctx);
      parsed.set(spec.file, { file: name, rows });
      if (spec.file === 'entities.csv' && rows.values.length === 0 && !issues.some((i) => i.file === name)) {
        // Not a single entity row: nothing to analyse, and every tie and shipment would name an unknown id.
        fatal.push({ file: name, line: 1, reason: 'the file has no entity rows under its header: a bundle needs at least one entity' });
        break;
      }
      if (spec.file === 'entities.csv' && rows.values.length > 0) {
        // The entities are final once their file is read (the other files only refer to them): made now, for the
        // caller's work that needs only them.
        entityRecords = records({ file: name, rows }, toEntity);
        const made = entityRecords;
        let names: Map<string, string[]> | undefined;
        entityIndex.byName = (text) => {
          if (names === undefined) {
            names = new Map();
            for (const e of made) {
              const key = e.name.trim().toLowerCase();
              const ids = names.get(key);
              if (ids === undefined) names.set(key, [e.id]);
              else ids.push(e.id);
            }
          }
          return names.get(text.trim().toLowerCase());
        };
        let countries: Map<string, string> | undefined;
        entityIndex.countryOf = (id) => {
          if (countries === undefined) {
            countries = new Map();
            for (const e of made) if (e.country !== undefined) countries.set(e.id, e.country);
          }
          return countries.get(id);
        };
        if (options.onEntities !== undefined && (lenient || issues.length === 0)) options.onEntities(entityRecords);
      }
    } catch (err) {
      const problem = err instanceof FatalFileProblem ? err.issue : unreadable(err, name);
      if (problem === undefined) throw err;
      fatal.push(problem);
      if (spec.file === 'entities.csv') break; // nothing else can be checked without the entities
    }
  }
  const entityRows = parsed.get('entities.csv');
  // An input without a single entity is nothing to analyse: an error in either mode (skipping rows cannot help), as
  // for a FollowTheMoney file.
  if (fatal.length === 0 && entityRows !== undefined && entityRows.rows.values.length === 0) {
    const n = issues.filter((i) => i.file === entityRows.file).length;
    fatal.push({ file: entityRows.file, line: 1, reason: `no entity could be read: every row has a problem (${n} listed)` });
  }
  if (fatal.length > 0) throw new InvalidBundleError([...fatal, ...issues].sort(compareIssues).map(printableIssue), true);
  issues.sort(compareIssues);
  if (issues.length > 0 && !lenient) throw new InvalidBundleError(issues.map(printableIssue), false);

  const rowsOf = (f: BundleFile) => parsed.get(f) ?? { file: f, rows: { values: [], attributes: [], lines: [] } };
  const relations = rowsOf('relations.csv');
  const shipments = rowsOf('shipments.csv');
  const places = rowsOf('places.csv');
  return {
    name: basename(root),
    entities: entityRecords,
    relations: records(relations, toRelation),
    shipments: records(shipments, toShipment),
    places: records(places, toPlace),
    rejected: issues.map(printableIssue),
    warnings: warnings.list().map(printableIssue),
  };
}

/**
 * The countries a shipment's row names, without repeats: its supplier's and its buyer's (from entities.csv), where it
 * left and where it went.
 */
function shipmentCountries(values: Record<string, unknown>, countryOf: (id: string) => string | undefined): string[] {
  const out: string[] = [];
  const add = (c: unknown) => {
    if (typeof c === 'string' && !out.includes(c)) out.push(c);
  };
  add(typeof values.supplier === 'string' ? countryOf(values.supplier) : undefined);
  add(typeof values.buyer === 'string' ? countryOf(values.buyer) : undefined);
  add(values.originCountry);
  add(values.destinationCountry);
  return out;
}

/** The records of a file's rows, made by `make` from each row in turn. */
function records<T>(of: { file: string; rows: ParsedRows }, make: (r: ParsedRow, file: string) => T): T[] {
  const { values, attributes, lines, declared } = of.rows;
  const out: T[] = [];
  for (let k = 0; k < values.length; k++) {
    const row: ParsedRow = { line: lines[k], values: values[k], attributes: attributes[k] };
    const mass = declared?.get(k);
    if (mass !== undefined) row.declared = mass;
    out.push(make(row, of.file));
  }
  return out;
}

/** A file that could not be opened or read (permissions, a disk error) as a problem at its line 1. */
function unreadable(err: unknown, file: string): DataIssue | undefined {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== 'string') return undefined;
  const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : code;
  return { file, line: 1, reason: `this file cannot be read (${why})` };
}
