import { stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import {
  BUNDLE_FILES,
  compareIssues,
  crossFieldProblems,
  kilograms,
  parseField,
  readIsic,
  sectorDisagreement,
  shipmentConcentration,
  type Bundle,
  type BundleFile,
  type ColumnSpec,
  type DataIssue,
  type Entity,
  type FieldType,
  type FileSpec,
  type Place,
  type Relation,
  type SectorHint,
  type Shipment,
} from '@chokepoint/model';
import { CsvSyntaxError, DELIMITER_NAMES, detectDelimiter, readCsv, readFirstLine, type Delimiter } from './csv';
import { BundleNotFoundError, InvalidBundleError } from './errors';
import { HeaderProblem, matchColumn, readHeader } from './header';
import { defaultSectorHints } from './hints';
import { WarningList } from './warnings';

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
}

/** Column types whose cells are numbers: in a semicolon-separated file they may use a decimal comma. */
const NUMERIC: ReadonlySet<FieldType> = new Set<FieldType>(['number', 'integer', 'percent', 'latitude', 'longitude', 'concentration']);
/** One comma between digits and no dot: `1234,5`, `-36,7`, `35,5 %`. */
const DECIMAL_COMMA = /^[^.,]*\d,\d[^.,]*$/;

/** Known entity ids, and the ids of entity rows that were rejected (with their line), for reference checks. */
interface EntityIndex {
  valid: Set<string>;
  rejected: Map<string, number>;
}

interface ParsedRow {
  line: number;
  values: Record<string, unknown>;
  attributes: Record<string, string>;
}

/** Thrown inside one file when it cannot be read further; turned into a fatal InvalidBundleError. */
class FatalFileProblem extends Error {
  constructor(readonly issue: DataIssue) {
    super(issue.reason);
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
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
}

/**
 * Reads one file of a bundle: finds its separator, checks the header, parses every cell with the contract's
 * column types, checks ids and references. Rows with problems are reported through `report` and left out;
 * what was read but repaired or doubtful goes to `warnings` (only for rows that are kept).
 */
async function readFile(path: string, spec: FileSpec, ctx: ReadContext): Promise<ParsedRow[]> {
  const file = spec.file;
  const { entities, lenient } = ctx;
  const rows: ParsedRow[] = [];
  const firstLineOfId = new Map<string, number>();
  const decimalCommas = new Map<string, DecimalCommas>();
  let header: (ColumnSpec | string)[] | undefined;
  const guess = detectDelimiter(await readFirstLine(path), (name) => matchColumn(spec, name) !== undefined);
  const delimiter: Delimiter = guess.delimiter;

  let csvRows: AsyncGenerator<{ line: number; fields: string[]; empty?: boolean }>;
  try {
    csvRows = readCsv(path, ctx.onBytes, { delimiter });
    for await (const { line, fields, empty } of csvRows) {
      if (empty) {
        ctx.warnings.add({ file, line, reason: 'a row of separators only, with no value in any cell: skipped' });
        continue;
      }
      if (header === undefined) {
        try {
          const h = readHeader(spec, fields, guess);
          header = h.columns;
          for (const w of h.warnings) ctx.warnings.add({ file, line, column: w.column, reason: w.reason });
        } catch (err) {
          if (err instanceof HeaderProblem) throw new FatalFileProblem({ file, line, ...err.remark });
          throw err;
        }
        continue;
      }
      const problems: DataIssue[] = [];
      const notes: DataIssue[] = [];
      const add = (column: string | undefined, reason: string) =>
        problems.push(column === undefined ? { file, line, reason } : { file, line, column, reason });
      const note = (column: string, reason: string) => notes.push({ file, line, column, reason });

      // Cells after the last column are fine when empty (spreadsheets write them).
      let width = fields.length;
      while (width > header.length && fields[width - 1].trim() === '') width--;
      if (width !== header.length) {
        add(undefined, `the row has ${width} field${width === 1 ? '' : 's'} but the header has ${header.length}`);
      }
      const values: Record<string, unknown> = {};
      const attributes: Record<string, string> = {};
      let isic: string | undefined;
      for (let i = 0; i < header.length; i++) {
        const col = header[i];
        let raw = (fields[i] ?? '').trim();
        const colName = typeof col === 'string' ? col : col.name;
        if (raw.includes('\uFFFD')) add(colName, 'the text is not valid UTF-8 (save the file as UTF-8)');
        if (typeof col === 'string') {
          if (raw !== '') attributes[col] = raw;
          continue;
        }
        if (raw === '') {
          if (col.required) add(col.name, `required value is missing`);
          continue;
        }
        if (col.type === 'isic') {
          isic = raw; // read below, with the row's sector
          continue;
        }
        if (NUMERIC.has(col.type) && delimiter === ';') {
          let seen = decimalCommas.get(col.name);
          if (DECIMAL_COMMA.test(raw)) {
            seen ??= { line, example: raw, count: 0, dots: 0 };
            seen.count++;
            decimalCommas.set(col.name, seen);
            raw = raw.replace(',', '.');
          } else if (/\d\.\d/.test(raw)) {
            if (seen) seen.dots++;
            else decimalCommas.set(col.name, { line, example: '', count: 0, dots: 1 });
          }
        }
        const parsed = parseField(col.type, raw, { values: col.values, max: col.max });
        if (!parsed.ok) {
          let reason = parsed.reason;
          if (NUMERIC.has(col.type) && /\d[.,]\d{3}[.,]\d/.test(raw)) reason += ' (write numbers without thousands separators)';
          else if (NUMERIC.has(col.type) && DECIMAL_COMMA.test(raw) && delimiter !== ';' && delimiter !== ',') {
            reason += ` (decimal commas are read only in semicolon-separated files; this one is separated by ${DELIMITER_NAMES[delimiter]}s)`;
          }
          add(col.name, reason);
          continue;
        }
        if (parsed.note !== undefined) note(col.name, parsed.note);
        values[col.key ?? col.name] = parsed.value;
        if (col.refersToEntity) {
          const ref = parsed.value as string;
          if (!entities.valid.has(ref)) {
            const rejectedAt = entities.rejected.get(ref);
            if (rejectedAt === undefined) {
              add(col.name, `unknown entity id ${JSON.stringify(ref)} (not in entities.csv)`);
            } else if (lenient) {
              add(col.name, `refers to entity ${JSON.stringify(ref)}, which was skipped (entities.csv line ${rejectedAt})`);
            } else {
              // Strict mode: the entity row's own problem is already listed; don't repeat it for every tie.
              problems.push({ file, line, column: col.name, reason: '' });
            }
          }
        }
      }
      if (isic !== undefined) {
        const sector = typeof values.sector === 'string' ? values.sector : undefined;
        const r = readIsic(isic, { sector, hints: ctx.hints });
        if (!r.ok) add('isic', r.reason);
        else {
          values.isic = r.value;
          if (r.note !== undefined) note('isic', r.note);
          const doubt = sector === undefined ? undefined : sectorDisagreement(sector, r.value, ctx.hints);
          if (doubt !== undefined) note('isic', doubt);
        }
      }
      if (file === 'shipments.csv' && typeof values.commodity === 'string') {
        const c = shipmentConcentration(values.concentration as number | undefined, values.commodity);
        if (c.value !== undefined) values.concentration = c.value;
        if (c.note !== undefined) note(values.concentration === undefined ? 'commodity' : 'concentration', c.note);
      }
      // Checks across columns only make sense once each column parsed on its own.
      if (problems.length === 0) for (const p of crossFieldProblems(file, values)) add(p.column, p.reason);
      if (spec.idColumn !== undefined && typeof values[spec.idColumn] === 'string') {
        const id = values[spec.idColumn] as string;
        const first = firstLineOfId.get(id);
        if (first !== undefined) {
          add(spec.idColumn, `duplicate id ${JSON.stringify(id)} (first used on line ${first})`);
        } else {
          firstLineOfId.set(id, line);
        }
      }

      if (problems.length === 0) {
        rows.push({ line, values, attributes });
        for (const n of notes) ctx.warnings.add(n);
        if (file === 'entities.csv') entities.valid.add(values.id as string);
      } else {
        for (const p of problems) if (p.reason !== '') ctx.report(p);
        if (file === 'entities.csv' && typeof values.id === 'string' && !entities.valid.has(values.id)) {
          if (!entities.rejected.has(values.id)) entities.rejected.set(values.id, line);
        }
      }
    }
  } catch (err) {
    if (err instanceof CsvSyntaxError) throw new FatalFileProblem({ file, line: err.line, reason: err.reason });
    throw err;
  }
  if (header === undefined) {
    throw new FatalFileProblem({ file, line: 1, reason: 'the file is empty (it needs at least a header row)' });
  }
  for (const [column, d] of decimalCommas) {
    if (d.count === 0) continue;
    const mixed = d.dots > 0 ? `; ${d.dots} other cell${d.dots === 1 ? '' : 's'} of the column use${d.dots === 1 ? 's' : ''} a dot, read as a decimal point too: check that none is a thousands separator` : '';
    ctx.warnings.add({
      file,
      line: d.line,
      column,
      reason: `${d.count} number${d.count === 1 ? '' : 's'} written with a decimal comma (such as "${d.example}", read as ${d.example.replace(',', '.')}), as spreadsheets in many languages write them in semicolon-separated files${mixed}`,
    });
  }
  return rows;
}

function toEntity(r: ParsedRow): Entity {
  return { ...(r.values as Omit<Entity, 'attributes' | 'origin'>), attributes: r.attributes, origin: { file: 'entities.csv', line: r.line } };
}
function toRelation(r: ParsedRow): Relation {
  return { ...(r.values as Omit<Relation, 'attributes' | 'origin'>), attributes: r.attributes, origin: { file: 'relations.csv', line: r.line } };
}
function toPlace(r: ParsedRow): Place {
  const v = r.values as Omit<Place, 'attributes' | 'origin' | 'countries'> & { countries?: string[] };
  return { ...v, countries: v.countries ?? [], attributes: r.attributes, origin: { file: 'places.csv', line: r.line } };
}
function toShipment(r: ParsedRow): Shipment {
  const s: Shipment = { ...(r.values as Omit<Shipment, 'attributes' | 'origin'>), attributes: r.attributes, origin: { file: 'shipments.csv', line: r.line } };
  const kg = s.quantity === undefined || s.unit === undefined ? undefined : kilograms(s.quantity, s.unit);
  if (kg !== undefined) s.quantityKg = kg;
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
    throw new BundleNotFoundError(`bundle folder not found: ${dir}`);
  }
  if (!isDir) throw new BundleNotFoundError(`${dir} is not a folder (a bundle is a folder of CSV files)`);
  if (!(await exists(join(root, 'entities.csv')))) {
    throw new BundleNotFoundError(`${dir} has no entities.csv (a bundle needs at least entities.csv)`);
  }

  const issues: DataIssue[] = [];
  const fatal: DataIssue[] = [];
  const warnings = new WarningList();
  const hints = options.sectorHints ?? defaultSectorHints();
  const entityIndex: EntityIndex = { valid: new Set(), rejected: new Map() };
  const parsed = new Map<BundleFile, ParsedRow[]>();
  for (const spec of BUNDLE_FILES) {
    const path = join(root, spec.file);
    if (!spec.required && !(await exists(path))) continue;
    try {
      const total = options.onProgress ? (await stat(path)).size : 0;
      const onBytes = options.onProgress ? (bytes: number) => options.onProgress!(spec.file, bytes, total) : undefined;
      const ctx: ReadContext = { entities: entityIndex, lenient, hints, report: (i) => issues.push(i), warnings, onBytes };
      parsed.set(spec.file, await readFile(path, spec, ctx));
    } catch (err) {
      if (!(err instanceof FatalFileProblem)) throw err;
      fatal.push(err.issue);
      if (spec.file === 'entities.csv') break; // nothing else can be checked without the entities
    }
  }
  if (fatal.length > 0) throw new InvalidBundleError([...fatal, ...issues].sort(compareIssues), true);
  issues.sort(compareIssues);
  if (issues.length > 0 && !lenient) throw new InvalidBundleError(issues, false);

  return {
    name: basename(root),
    entities: (parsed.get('entities.csv') ?? []).map(toEntity),
    relations: (parsed.get('relations.csv') ?? []).map(toRelation),
    shipments: (parsed.get('shipments.csv') ?? []).map(toShipment),
    places: (parsed.get('places.csv') ?? []).map(toPlace),
    rejected: issues,
    warnings: warnings.list(),
  };
}
