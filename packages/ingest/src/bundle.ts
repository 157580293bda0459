import { stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import {
  BUNDLE_FILES,
  KG_PER_UNIT,
  compareIssues,
  crossFieldProblems,
  parseField,
  type Bundle,
  type BundleFile,
  type ColumnSpec,
  type DataIssue,
  type Entity,
  type FileSpec,
  type Place,
  type Relation,
  type Shipment,
} from '@chokepoint/model';
import { CsvSyntaxError, readCsv } from './csv';
import { BundleNotFoundError, InvalidBundleError } from './errors';

export interface ReadBundleOptions {
  /** Skip bad rows (each one listed in `bundle.rejected`) instead of refusing the whole bundle. */
  lenient?: boolean;
  /** Called as a file is read, with the bytes read so far and the file's size (for progress bars). */
  onProgress?: (file: string, bytes: number, total: number) => void;
}

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

/**
 * Reads one file of a bundle: checks the header, parses every cell with the contract's column types,
 * checks ids and references. Rows with problems are reported through `report` and left out.
 */
async function readFile(
  path: string,
  spec: FileSpec,
  entities: EntityIndex,
  lenient: boolean,
  report: (issue: DataIssue) => void,
  onBytes?: (bytes: number) => void,
): Promise<ParsedRow[]> {
  const file = spec.file;
  const rows: ParsedRow[] = [];
  const firstLineOfId = new Map<string, number>();
  let header: (ColumnSpec | string)[] | undefined;

  let csvRows: AsyncGenerator<{ line: number; fields: string[] }>;
  try {
    csvRows = readCsv(path, onBytes);
    for await (const { line, fields } of csvRows) {
      if (header === undefined) {
        header = readHeader(file, spec, fields);
        continue;
      }
      const problems: DataIssue[] = [];
      const add = (column: string | undefined, reason: string) =>
        problems.push(column === undefined ? { file, line, reason } : { file, line, column, reason });

      if (fields.length !== header.length) {
        add(undefined, `the row has ${fields.length} field${fields.length === 1 ? '' : 's'} but the header has ${header.length}`);
      }
      const values: Record<string, unknown> = {};
      const attributes: Record<string, string> = {};
      for (let i = 0; i < header.length; i++) {
        const col = header[i];
        const raw = (fields[i] ?? '').trim();
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
        const parsed = parseField(col.type, raw, { values: col.values });
        if (!parsed.ok) {
          add(col.name, parsed.reason);
          continue;
        }
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
        if (file === 'entities.csv') entities.valid.add(values.id as string);
      } else {
        for (const p of problems) if (p.reason !== '') report(p);
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
  return rows;
}

/** Maps header cells to the contract's columns; unknown columns become free attributes. */
function readHeader(file: BundleFile, spec: FileSpec, fields: string[]): (ColumnSpec | string)[] {
  const seen = new Set<string>();
  const header = fields.map((f) => {
    const name = f.trim().toLowerCase();
    if (name === '') throw new FatalFileProblem({ file, line: 1, reason: 'the header has an empty column name' });
    if (seen.has(name)) {
      throw new FatalFileProblem({ file, line: 1, column: name, reason: `column "${name}" appears twice in the header` });
    }
    seen.add(name);
    return spec.columns.find((c) => c.name === name) ?? name;
  });
  const missing = spec.columns.filter((c) => c.required && !seen.has(c.name));
  if (missing.length > 0) {
    const m = missing[0];
    throw new FatalFileProblem({
      file,
      line: 1,
      column: m.name,
      reason:
        `missing required column${missing.length > 1 ? 's' : ''} ${missing.map((c) => `"${c.name}"`).join(', ')}` +
        ` (the header has: ${fields.map((f) => f.trim()).join(', ')})`,
    });
  }
  return header;
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
  const factor = s.unit === undefined ? undefined : KG_PER_UNIT[s.unit];
  if (s.quantity !== undefined && factor !== undefined) s.quantityKg = s.quantity * factor;
  return s;
}

/**
 * Reads and validates a bundle folder (entities.csv, and optionally relations.csv, shipments.csv, places.csv).
 * Strict by default: any problem throws InvalidBundleError listing every problem found.
 * With `lenient`, bad rows are skipped and listed in `bundle.rejected`; structural problems
 * (missing required column, broken CSV quoting) still throw.
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
  const entityIndex: EntityIndex = { valid: new Set(), rejected: new Map() };
  const parsed = new Map<BundleFile, ParsedRow[]>();
  for (const spec of BUNDLE_FILES) {
    const path = join(root, spec.file);
    if (!spec.required && !(await exists(path))) continue;
    try {
      const total = options.onProgress ? (await stat(path)).size : 0;
      const onBytes = options.onProgress ? (bytes: number) => options.onProgress!(spec.file, bytes, total) : undefined;
      parsed.set(spec.file, await readFile(path, spec, entityIndex, lenient, (i) => issues.push(i), onBytes));
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
    warnings: [],
  };
}
