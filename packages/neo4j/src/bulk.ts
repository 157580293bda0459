/**
 * The bulk path: a first load into an empty database with `neo4j-admin database import full`, from CSV files written
 * here. The database it gives equals the one the MERGE path (import.ts) gives, node by node, relationship by
 * relationship, property by property (same labels, types, property names and Cypher types), once the server is up
 * and `importBundle` has finished it: neo4j-admin cannot create constraints on Neo4j Community, so the :Bundle node
 * is written with status `bulk` and a checkpoint, and `importBundle` on the same bundle creates the constraints, writes
 * the rows the files could not hold (if any) and marks it complete, exactly as it resumes an interrupted import.
 *
 * Every value is data: strings are always quoted (RFC 4180, quotes doubled, never a backslash escape), multi-line
 * values are declared to neo4j-admin, and the only names in a header are fixed ones (schema.ts).
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import neo4j from 'neo4j-driver';
import type { Bundle, Entity, Place, Relation, Shipment } from '@chokepoint/model';
import { toNeo4jDate } from './convert';
import { Neo4jAdminError, Neo4jBundleConflictError, Neo4jConfigError, Neo4jDataError } from './errors';
import { BULK_STATUS, bundleProperties, checkKinds, contentHash } from './import';
import {
  BUNDLE_LABEL,
  ENTITY_FIELDS,
  ENTITY_KIND_LABELS,
  ENTITY_LABEL,
  PLACE_FIELDS,
  PLACE_KIND_LABELS,
  PLACE_LABEL,
  RELATION_FIELDS,
  RELATION_TYPES,
  SHIPMENT_FIELDS,
  SHIPMENT_LABEL,
  SHIPMENT_TYPES,
  type FieldSpec,
} from './schema';

/** Separates the elements of a list property (a place's `countries`) inside one CSV value: the ASCII record separator. */
export const ARRAY_DELIMITER = '\u001e';

export interface BulkFile {
  /** `--nodes` or `--relationships`. */
  kind: 'nodes' | 'relationships';
  /** Labels (`Entity:Company`) of a node file, or the type of a relationship file without a :TYPE column. */
  name?: string;
  path: string;
  rows: number;
  /** Holds a value with a line break (neo4j-admin must then be told: --multiline-fields). */
  multiline: boolean;
}

export interface BulkFiles {
  dir: string;
  files: BulkFile[];
  /**
   * Rows of the bundle the files hold (entities, relations, shipments, then places, as `importBundle` counts them):
   * every row, except places from the first one whose `countries` a CSV list cannot hold (an empty list, an empty
   * code), which `importBundle` writes when it finishes the import.
   */
  rows: number;
  /** Rows of the bundle. */
  total: number;
  /** Arguments of `neo4j-admin database import full <database>` after the database name. */
  arguments: string[];
}

export interface BulkProgress {
  /** `files`: writing the CSV files (done/total in rows); `neo4j-admin`: its import (done/total in percent of its stage). */
  step: 'files' | 'neo4j-admin';
  done: number;
  total: number;
  /** neo4j-admin's stage, as it names it (`Node import`, `Relationship import`, …). */
  stage?: string;
}

export interface BulkFilesOptions {
  onProgress?: (progress: BulkProgress) => void;
}

/** Bundle-checks that the MERGE path makes by failing a batch, made before anything is written: unique ids, known ends. */
function checkReferences(bundle: Bundle): void {
  const unique = (what: string, file: string, list: { id: string; origin?: { line: number } }[]): Set<string> => {
    const seen = new Map<string, number>();
    list.forEach((r, i) => {
      const first = seen.get(r.id);
      if (first !== undefined) {
        throw new Neo4jDataError(
          `cannot import bundle ${JSON.stringify(bundle.name)} in bulk: ${what} id ${JSON.stringify(r.id)} is used twice (${file} rows ${first + 1} and ${i + 1})`,
        );
      }
      seen.set(r.id, i);
    });
    return new Set(seen.keys());
  };
  const entities = unique('entity', 'entities', bundle.entities);
  unique('shipment', 'shipments', bundle.shipments);
  unique('place', 'places', bundle.places);
  const known = (what: string, index: number, role: string, id: string | undefined) => {
    if (id !== undefined && !entities.has(id)) {
      throw new Neo4jDataError(
        `cannot import bundle ${JSON.stringify(bundle.name)}: ${what} ${index + 1} names ${role} ${JSON.stringify(id)}, which is not one of its entities`,
      );
    }
  };
  bundle.relations.forEach((r, i) => {
    known('relation', i, 'source', r.source);
    known('relation', i, 'target', r.target);
  });
  bundle.shipments.forEach((s, i) => {
    known('shipment', i, 'supplier', s.supplier);
    known('shipment', i, 'buyer', s.buyer);
    known('shipment', i, 'consignee', s.consignee);
    known('shipment', i, 'payer', s.payer);
  });
}

// ---- CSV values, typed as the MERGE path stores them (convert.ts: toProperties, toLocation). -------------------

const HEADER_TYPE: Record<FieldSpec['type'], string> = { string: '', float: ':double', integer: ':long', date: ':date', strings: ':string[]', json: '' };

/** A FLOAT as Java's Double.parseDouble reads it back to the same double (JS's shortest round-trip form; -0 keeps its sign). */
function float(x: number): string {
  return Object.is(x, -0) ? '-0.0' : String(x);
}

/** An INTEGER as `neo4j.int` makes it of a number (the MERGE path's conversion), in decimal. */
function integer(x: number): string {
  return Number.isSafeInteger(x) ? String(x) : neo4j.int(x).toString();
}

/** Characters that make a quoted value need more than its quotes: a quote (doubled) or a line break (multi-line). */
const SPECIAL = /["\n\r]/;
const QUOTE = /"/g;
const LINE_BREAK = /[\n\r]/;

/** Bytes written to a file at a time. */
const CHUNK = 1 << 20;

/**
 * Writes one CSV file through a fixed buffer: each line goes into it as UTF-8 at once, so that no string outlives its
 * line (with a whole bundle in memory, strings that pile up get promoted and make the garbage collector mark it again
 * and again).
 */
class CsvFile {
  private fd: number;
  private buffer = Buffer.allocUnsafe(CHUNK);
  private used = 0;
  rows = 0;
  multiline = false;
  /** The longest value in UTF-16 code units (neo4j-admin's read buffer must hold the largest value). */
  longest = 0;
  /** Dates already checked (a bundle has few distinct ones). */
  private dates = new Map<string, string>();

  constructor(readonly path: string, header: string[]) {
    this.fd = openSync(path, 'w');
    this.write(`${header.join(',')}\n`);
  }

  /**
   * A quoted string value: RFC 4180, a quote doubled (neo4j-admin reads `""` as `"`, and a backslash as itself); null
   * or undefined: an empty field, which neo4j-admin reads as absent (a quoted empty string is an empty string).
   */
  text(value: string | null | undefined): string {
    if (value === null || value === undefined) return '';
    if (value.length > this.longest) this.longest = value.length;
    if (!SPECIAL.test(value)) return `"${value}"`;
    if (LINE_BREAK.test(value)) this.multiline = true;
    return `"${value.replace(QUOTE, '""')}"`;
  }

  /** A DATE, checked as the MERGE path checks it (toNeo4jDate) and written as the same ISO text. */
  date(value: string): string {
    let iso = this.dates.get(value);
    if (iso === undefined) {
      iso = toNeo4jDate(value).toString();
      if (this.dates.size < 100_000) this.dates.set(value, iso);
    }
    return iso;
  }

  line(text: string): void {
    this.write(text);
    this.write('\n');
    this.rows++;
  }

  private write(text: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    if (this.used + text.length * 3 > CHUNK) {
      this.flush();
      if (text.length * 3 > CHUNK) {
        writeSync(this.fd, text);
        return;
      }
    }
    this.used += this.buffer.write(text, this.used, 'utf8');
  }

  flush(): void {
    let at = 0;
    while (at < this.used) at += writeSync(this.fd, this.buffer, at, this.used - at);
    this.used = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

/** Header cells of the fields of `fields` plus the bookkeeping properties every record has (convert.ts: toProperties). */
function recordHeader(fields: readonly FieldSpec[], id?: string): string[] {
  const cells = fields.map((f) => (f.key === 'id' && id !== undefined ? `id:ID(${id})` : `${f.key}${HEADER_TYPE[f.type]}`));
  return [...cells, 'seq:long', 'attributesJson', 'originFile', 'originLine:long'];
}

/** One record's cells in the order of `recordHeader`, comma-separated, converted as `toProperties` converts them. */
function recordCells(file: CsvFile, record: Record<string, unknown>, fields: readonly FieldSpec[], seq: number): string {
  let line = '';
  for (let i = 0; i < fields.length; i++) {
    const spec = fields[i];
    const value = record[spec.key];
    if (i > 0) line += ',';
    if (value === undefined || value === null) continue;
    switch (spec.type) {
      case 'string':
        line += file.text(value as string);
        break;
      case 'float':
        line += float(value as number);
        break;
      case 'integer':
        line += integer(value as number);
        break;
      case 'date':
        line += file.date(value as string);
        break;
      case 'strings':
        line += file.text((value as string[]).join(ARRAY_DELIMITER));
        break;
      case 'json':
        line += file.text(JSON.stringify(value));
        break;
    }
  }
  line += `,${seq},`;
  const attributes = record.attributes as Record<string, string> | undefined;
  if (attributes !== undefined) {
    for (const _ in attributes) {
      line += file.text(JSON.stringify(attributes));
      break;
    }
  }
  const origin = record.origin as { file: string; line: number } | undefined;
  line += `,${file.text(origin?.file)},`;
  if (origin !== undefined) line += integer(origin.line);
  return line;
}

/** The `location` POINT (WGS 84) of toLocation, or absent. */
function locationCell(lat: number | undefined, lon: number | undefined): string {
  return lat === undefined || lon === undefined ? '' : `"{longitude: ${float(lon)}, latitude: ${float(lat)}}"`;
}
const LOCATION_HEADER = 'location:point{crs:WGS-84}';

/** Whether a CSV list can hold this list exactly: neo4j-admin reads an empty value as absent and splits on the delimiter. */
function representableList(list: readonly string[]): boolean {
  return list.length > 0 && list.every((x) => x !== '' && !x.includes(ARRAY_DELIMITER));
}

/** A folder path neo4j-admin's `--nodes=Label=file,file` syntax cannot misread. */
function checkFolder(dir: string): void {
  if (/[,=]/.test(dir)) {
    throw new Neo4jConfigError(`cannot write the bulk import files into ${JSON.stringify(dir)}: neo4j-admin cannot read a path with a comma or an equals sign; choose another folder`);
  }
}

/**
 * Writes the CSV files `neo4j-admin database import full` reads for this bundle into `dir` (created if missing), and
 * returns them with the arguments for neo4j-admin. Checks the bundle first (kinds, unique ids, the entities every tie
 * and shipment names), so that neo4j-admin never meets a bad row.
 */
export function writeBulkFiles(bundle: Bundle, dir: string, options: BulkFilesOptions = {}): BulkFiles {
  checkKinds(bundle);
  checkReferences(bundle);
  const folder = resolve(dir);
  checkFolder(folder);
  mkdirSync(folder, { recursive: true });
  const total = bundle.entities.length + bundle.relations.length + bundle.shipments.length + bundle.places.length;
  const files: { file: CsvFile; kind: BulkFile['kind']; name?: string }[] = [];
  const open = (kind: BulkFile['kind'], name: string | undefined, fileName: string, header: string[]) => {
    const file = new CsvFile(join(folder, fileName), header);
    files.push({ file, kind, name });
    return file;
  };
  let written = 0;
  const step = Math.max(1, Math.floor(total / 100));
  const progress = () => {
    written++;
    if (written % step === 0) options.onProgress?.({ step: 'files', done: written, total });
  };

  // Entities: one file per kind, labelled :Entity:<Kind> by neo4j-admin.
  const entityHeader = [...recordHeader(ENTITY_FIELDS, ENTITY_LABEL), LOCATION_HEADER];
  const entityFiles = new Map<string, CsvFile>();
  bundle.entities.forEach((e: Entity, seq) => {
    const label = ENTITY_KIND_LABELS[e.kind];
    let file = entityFiles.get(label);
    if (file === undefined) {
      file = open('nodes', `${ENTITY_LABEL}:${label}`, `entities-${label.toLowerCase()}.csv`, entityHeader);
      entityFiles.set(label, file);
    }
    file.line(`${recordCells(file, e as unknown as Record<string, unknown>, ENTITY_FIELDS, seq)},${locationCell(e.lat, e.lon)}`);
    progress();
  });

  // Relations: (source)-[:TYPE {seq, …}]->(target), the type from the fixed map.
  const relations = open('relationships', undefined, 'relations.csv', [`:START_ID(${ENTITY_LABEL})`, `:END_ID(${ENTITY_LABEL})`, ':TYPE', ...recordHeader(RELATION_FIELDS)]);
  bundle.relations.forEach((r: Relation, seq) => {
    relations.line(`${relations.text(r.source)},${relations.text(r.target)},${RELATION_TYPES[r.kind]},${recordCells(relations, r as unknown as Record<string, unknown>, RELATION_FIELDS, seq)}`);
    progress();
  });

  // Shipments: nodes, and a file per relationship type to and from their parties.
  const shipments = open('nodes', SHIPMENT_LABEL, 'shipments.csv', recordHeader(SHIPMENT_FIELDS, SHIPMENT_LABEL));
  const toShipment = [`:START_ID(${ENTITY_LABEL})`, `:END_ID(${SHIPMENT_LABEL})`];
  const fromShipment = [`:START_ID(${SHIPMENT_LABEL})`, `:END_ID(${ENTITY_LABEL})`];
  const supplied = open('relationships', SHIPMENT_TYPES.supplier, 'supplied.csv', toShipment);
  const boughtBy = open('relationships', SHIPMENT_TYPES.buyer, 'bought-by.csv', fromShipment);
  const consignedTo = open('relationships', SHIPMENT_TYPES.consignee, 'consigned-to.csv', fromShipment);
  const paidBy = open('relationships', SHIPMENT_TYPES.payer, 'paid-by.csv', fromShipment);
  bundle.shipments.forEach((s: Shipment, seq) => {
    shipments.line(recordCells(shipments, s as unknown as Record<string, unknown>, SHIPMENT_FIELDS, seq));
    supplied.line(`${supplied.text(s.supplier)},${supplied.text(s.id)}`);
    boughtBy.line(`${boughtBy.text(s.id)},${boughtBy.text(s.buyer)}`);
    if (s.consignee !== undefined) consignedTo.line(`${consignedTo.text(s.id)},${consignedTo.text(s.consignee)}`);
    if (s.payer !== undefined) paidBy.line(`${paidBy.text(s.id)},${paidBy.text(s.payer)}`);
    progress();
  });

  // Places, up to the first one whose countries a CSV list cannot hold (importBundle writes the rest).
  const placeHeader = [...recordHeader(PLACE_FIELDS, PLACE_LABEL), LOCATION_HEADER];
  const placeFiles = new Map<string, CsvFile>();
  let places = 0;
  for (const p of bundle.places as Place[]) {
    if (!representableList(p.countries)) break;
    const label = PLACE_KIND_LABELS[p.kind];
    let file = placeFiles.get(label);
    if (file === undefined) {
      file = open('nodes', `${PLACE_LABEL}:${label}`, `places-${label.toLowerCase()}.csv`, placeHeader);
      placeFiles.set(label, file);
    }
    file.line(`${recordCells(file, p as unknown as Record<string, unknown>, PLACE_FIELDS, places)},${locationCell(p.lat, p.lon)}`);
    places++;
    progress();
  }
  const rows = bundle.entities.length + bundle.relations.length + bundle.shipments.length + places;

  // The :Bundle node, as the MERGE path writes it, with the bulk status and the rows written here as its checkpoint.
  const props = bundleProperties(bundle, contentHash(bundle), BULK_STATUS, rows);
  const keys = Object.keys(props);
  const bundleFile = open('nodes', BUNDLE_LABEL, 'bundle.csv', ['name', ...keys.map((k) => (neo4j.isInt(props[k]) ? `${k}:long` : k))]);
  bundleFile.line([bundleFile.text(bundle.name), ...keys.map((k) => (neo4j.isInt(props[k]) ? String(props[k]) : bundleFile.text(props[k] as string)))].join(','));

  for (const { file } of files) file.close();
  options.onProgress?.({ step: 'files', done: total, total });
  const kept = files.filter(({ file }) => file.rows > 0);
  for (const { file } of files) if (file.rows === 0) rmSync(file.path);
  const result: BulkFile[] = kept.map(({ file, kind, name }) => ({ kind, name, path: file.path, rows: file.rows, multiline: file.multiline }));
  const args = result.map((f) => `--${f.kind}=${f.name === undefined ? '' : `${f.name}=`}${f.path}`);
  const longest = Math.max(0, ...files.map(({ file }) => file.longest));
  // A value is read whole into one buffer: UTF-8 takes at most 3 bytes per UTF-16 code unit, quotes doubled at most 2×.
  const buffer = Math.max(4 << 20, longest * 6 + 1024);
  args.push(
    '--id-type=string',
    `--array-delimiter=U+${ARRAY_DELIMITER.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
    '--delimiter=,',
    '--quote="',
    '--legacy-style-quoting=false',
    '--ignore-empty-strings=false',
    '--trim-strings=false',
    '--skip-bad-relationships=false',
    '--skip-duplicate-nodes=false',
    '--bad-tolerance=0',
    '--input-encoding=UTF-8',
    `--read-buffer-size=${buffer}`,
  );
  if (result.some((f) => f.multiline)) args.push('--multiline-fields=true');
  return { dir: folder, files: result, rows, total, arguments: args };
}

// ---- Running neo4j-admin. ----------------------------------------------------------------------------------------

export interface BulkImportOptions {
  /** The Neo4j installation (NEO4J_HOME): `bin/neo4j-admin` and `bin/neo4j` are in it. */
  neo4jHome: string;
  /** Database name (default `neo4j`, the default database of a Neo4j installation). */
  database?: string;
  /**
   * Delete the database first when it exists (neo4j-admin's --overwrite-destination): everything in it is lost, whatever
   * its labels. Without it a database that exists (a server that has run once has created it, even empty) is refused.
   */
  replace?: boolean;
  /** Where to write the CSV files (default: a new folder in the system's temporary folder, deleted afterwards). */
  dir?: string;
  /** Keep the files (and neo4j-admin's report) when done; always kept when neo4j-admin fails. Default: false for a temporary folder. */
  keepFiles?: boolean;
  onProgress?: (progress: BulkProgress) => void;
}

export interface BulkImportResult {
  bundle: string;
  database: string;
  /** Rows written by neo4j-admin (see BulkFiles.rows); the rest, if any, are written when `importBundle` finishes. */
  rows: number;
  /** Rows of the bundle. */
  total: number;
  /** The folder of the CSV files, when kept. */
  dir?: string;
  /** Seconds spent writing the files and running neo4j-admin. */
  filesSeconds: number;
  adminSeconds: number;
}

/** The neo4j-admin and neo4j scripts of an installation. */
export function neo4jCommands(neo4jHome: string): { admin: string; neo4j: string } {
  const bin = join(resolve(neo4jHome), 'bin');
  return { admin: join(bin, 'neo4j-admin'), neo4j: join(bin, 'neo4j') };
}

function checkHome(neo4jHome: string): string {
  const { admin } = neo4jCommands(neo4jHome);
  if (!existsSync(admin) || !statSync(admin).isFile()) {
    throw new Neo4jConfigError(`${JSON.stringify(neo4jHome)} is not a Neo4j installation: it has no bin/neo4j-admin`, undefined, 'check-neo4j-home');
  }
  return admin;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, onLine: (line: string) => void): Promise<{ code: number; output: string; error?: NodeJS.ErrnoException }> {
  return new Promise((done) => {
    let output = '';
    let pending = '';
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
    const take = (data: Buffer) => {
      const text = data.toString('utf8');
      output += text;
      if (output.length > 1 << 20) output = output.slice(-(1 << 19));
      pending += text;
      const lines = pending.split(/\r?\n|\r/);
      pending = lines.pop() ?? '';
      for (const line of lines) onLine(line);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('error', (error: NodeJS.ErrnoException) => done({ code: -1, output, error }));
    child.on('close', (code) => {
      if (pending !== '') onLine(pending);
      done({ code: code ?? 1, output });
    });
  });
}

/** neo4j-admin's stages, as its output names them: `(2/4) Relationship import 2026-12-03 11:12:00.292+0000`. */
const ADMIN_STAGE = /^\((\d+)\/(\d+)\) (.+?) \d{4}-\d\d-\d\d/;
/** Its progress lines: `.......... .......... ..........  45% ∆0ms [1s 208ms]`. */
const ADMIN_PERCENT = /^[-.\s]*\.{5}[-.\s]*\s(\d{1,3})%/;

/**
 * A first load into an empty database, for a server that is stopped: writes the CSV files (`writeBulkFiles`) and runs
 * `<neo4jHome>/bin/neo4j-admin database import full`. The server must be stopped (neo4j-admin writes the database
 * files directly); then start it and call `importBundle` with the same bundle, which creates the constraints and
 * finishes the import (the database is not ready for `readBundle` until then). Throws Neo4jAdminError when the
 * database is in use or neo4j-admin fails, Neo4jBundleConflictError when the database exists and `replace` is not set.
 */
export async function bulkImport(bundle: Bundle, options: BulkImportOptions): Promise<BulkImportResult> {
  const admin = checkHome(options.neo4jHome);
  const database = options.database ?? 'neo4j';
  const temporary = options.dir === undefined;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'chokepoint-bulk-'));
  const keep = options.keepFiles ?? !temporary;
  let failed = false;
  try {
    const t0 = performance.now();
    const files = writeBulkFiles(bundle, dir, { onProgress: options.onProgress });
    const t1 = performance.now();
    const reportFile = join(files.dir, 'import.report');
    const args = ['database', 'import', 'full', database, ...files.arguments, `--report-file=${reportFile}`, `--overwrite-destination=${options.replace === true}`];
    writeFileSync(join(files.dir, 'neo4j-admin.args'), `${args.join('\n')}\n`);
    // Progress over all of neo4j-admin's stages: stage k of n at p % is (k − 1 + p / 100) / n of the whole.
    let stage = 'starting';
    let index = 0;
    let count = 1;
    let last = -1;
    const report = (percent: number) => {
      const done = Math.min(100, Math.floor(((index + percent / 100) / count) * 100));
      if (done === last) return;
      last = done;
      options.onProgress?.({ step: 'neo4j-admin', done, total: 100, stage });
    };
    report(0);
    const result = await run(admin, args, { ...process.env, NEO4J_HOME: resolve(options.neo4jHome) }, (line) => {
      const named = ADMIN_STAGE.exec(line.trim());
      if (named) {
        index = Number(named[1]) - 1;
        count = Math.max(1, Number(named[2]));
        stage = `${named[3]} (${named[1]}/${named[2]})`;
        last = -1;
        report(0);
        return;
      }
      const percent = ADMIN_PERCENT.exec(line);
      if (percent) report(Number(percent[1]));
    });
    writeFileSync(join(files.dir, 'neo4j-admin.log'), result.output);
    if (result.code !== 0) {
      const error = adminError(result, admin, options.neo4jHome, database, files.dir);
      // Kept for a failure that needs looking into (the message says where); not when the server was running or the database exists.
      failed = error.keepFiles;
      throw error.error;
    }
    const t2 = performance.now();
    return {
      bundle: bundle.name,
      database,
      rows: files.rows,
      total: files.total,
      ...(keep ? { dir: files.dir } : {}),
      filesSeconds: (t1 - t0) / 1000,
      adminSeconds: (t2 - t1) / 1000,
    };
  } finally {
    if (!keep && !failed && temporary) rmSync(dir, { recursive: true, force: true });
  }
}

function adminError(result: { code: number; output: string; error?: NodeJS.ErrnoException }, admin: string, home: string, database: string, dir: string): { error: Error; keepFiles: boolean } {
  const where = `Neo4j's database ${JSON.stringify(database)} in ${home}`;
  if (result.error !== undefined) {
    return { error: new Neo4jConfigError(`cannot run ${admin} (${result.error.code ?? result.error.message}): is ${home} a Neo4j 5 installation?`, undefined, 'check-neo4j-home'), keepFiles: false };
  }
  const output = result.output;
  if (/database is in use/i.test(output)) {
    return { error: new Neo4jAdminError(`${where} is in use: stop the Neo4j server first (a bulk import writes the database files directly)`), keepFiles: false };
  }
  if (/Database already exist/i.test(output)) {
    const error = new Neo4jBundleConflictError(
      `${where} already exists (a server that has run once creates it, even empty): replace it to import in bulk (everything in that database is deleted), or import without bulk into what it holds`,
      undefined,
      'replace-bundle',
    );
    return { error, keepFiles: false };
  }
  const lines = output
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/^[.\-]*\.{5}/.test(l) && !/^Run with '--verbose'/.test(l) && !/^WARNING Import failed/.test(l));
  const reason = lines.filter((l) => /error|exception|invalid|cannot|failed|not /i.test(l)).pop() ?? lines.pop() ?? 'no output';
  return { error: new Neo4jAdminError(`neo4j-admin database import failed (exit ${result.code}): ${reason} (its output and the files it read are in ${dir})`), keepFiles: true };
}

// ---- Starting the server afterwards. -----------------------------------------------------------------------------

/**
 * Runs `<neo4jHome>/bin/neo4j start` (the server starts in the background; wait for it with `waitForServer`). Throws
 * Neo4jAdminError when the script fails.
 */
export async function startNeo4j(neo4jHome: string): Promise<void> {
  checkHome(neo4jHome);
  const { neo4j: script } = neo4jCommands(neo4jHome);
  if (!existsSync(script)) throw new Neo4jConfigError(`${JSON.stringify(neo4jHome)} is not a Neo4j installation: it has no bin/neo4j`, undefined, 'check-neo4j-home');
  const result = await run(script, ['start'], { ...process.env, NEO4J_HOME: resolve(neo4jHome) }, () => undefined);
  if (result.error !== undefined) throw new Neo4jConfigError(`cannot run ${script} (${result.error.code ?? result.error.message})`, undefined, 'check-neo4j-home');
  if (result.code !== 0) {
    const last = result.output.trim().split(/\r?\n/).pop() ?? '';
    throw new Neo4jAdminError(`${script} start failed (exit ${result.code})${last === '' ? '' : `: ${last}`}`);
  }
}
