/**
 * What `chokepoint analyze` promises whatever its input, checked on one run of one mutant:
 *  - the exit code is 0, 2 or 3, never 1 (a bug);
 *  - stderr has no stack trace, and neither output has control characters (a name must not drive the terminal);
 *  - a refusal (3) names the file and the line;
 *  - a written report passes its own schema and consistency checks;
 *  - every input row is in the report or in input.rejected / input.warnings (strict mode: nothing is rejected), and
 *    so is every value of the input's own columns (entities, shipments) and every FtM property the reader maps (read,
 *    or kept as an attribute as written);
 *  - the same input gives the same bytes (checked by the caller, which runs a mutant twice).
 */
import { cpSync, existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLE_FILES } from '@chokepoint/model';
import { reportProblems, type Report } from '@chokepoint/report';
import { REPO, run } from '../run';
import { CSV_FILES, type Mutant } from './mutants';

export type Mode = 'strict' | 'lenient';

export interface Outcome {
  mode: Mode;
  code: number;
  stdout: string;
  stderr: string;
  /** The report's bytes when one was written. */
  report?: string;
}

/**
 * The reference data without the 850 KB Harmonized System list (cut to the headings the bundle uses): the same
 * rules and watch list, a tenth of the time to load. Made once per directory.
 */
export function fuzzReference(dir: string): string {
  const ref = join(dir, 'reference');
  if (existsSync(ref)) return ref;
  const source = join(REPO, 'data', 'reference');
  cpSync(source, ref, { recursive: true });
  const hs = readFileSync(join(source, 'hs', 'harmonized-system.csv'), 'utf8').split('\n');
  const used = /^(28|29|31|32|36|85|27|15|38)/;
  writeFileSync(join(ref, 'hs', 'harmonized-system.csv'), [hs[0], ...hs.slice(1).filter((l) => used.test(l.replace(/^"/, '')))].join('\n'));
  return ref;
}

/** Writes a mutant under `dir`; returns what to give analyze (the bundle folder or the .jsonl file). */
export function writeMutant(m: Mutant, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const root = m.kind === 'csv' ? join(dir, 'bundle') : dir;
  mkdirSync(root, { recursive: true });
  for (const [name, entry] of m.entries) {
    const path = join(root, name);
    if (Buffer.isBuffer(entry)) writeFileSync(path, entry);
    else if ('directory' in entry) mkdirSync(path);
    else symlinkSync(entry.link, path);
  }
  return m.kind === 'csv' ? root : join(root, [...m.entries.keys()][0]);
}

/** Runs analyze in-process on a written mutant. */
export async function analyzeMutant(input: string, out: string, mode: Mode, reference: string): Promise<Outcome> {
  const args = ['analyze', input, '--out', out, '--quiet', '--threads', '1', '--reference', reference, ...(mode === 'lenient' ? ['--lenient'] : [])];
  const r = await run(...args);
  return { mode, ...r, report: r.code === 0 && existsSync(out) ? readFileSync(out, 'utf8') : undefined };
}

// ---- reading the input as a reference would ------------------------------------------------------------------

/** The text of a file: UTF-32 and UTF-16 (with a BOM, or UTF-16LE recognised by its zero bytes) decoded, else UTF-8. */
export function decode(b: Buffer): string {
  if (b.length >= 4 && b.readUInt32LE(0) === 0xfeff) {
    let s = '';
    for (let i = 4; i + 4 <= b.length; i += 4) s += String.fromCodePoint(Math.min(b.readUInt32LE(i), 0x10ffff));
    return s;
  }
  if (b[0] === 0xff && b[1] === 0xfe) return b.subarray(2).toString('utf16le');
  if (b[0] === 0xfe && b[1] === 0xff) return Buffer.from(b.subarray(2)).swap16().toString('utf16le');
  const head = b.subarray(0, 200);
  let zeros = 0;
  for (let i = 1; i < head.length; i += 2) if (head[i] === 0 && head[i - 1] !== 0) zeros++;
  if (head.length >= 8 && zeros > head.length / 4) return b.toString('utf16le');
  return new TextDecoder('utf-8').decode(b).replace(/^\ufeff+/, '');
}

/**
 * Records of a CSV text by RFC 4180 (comma, double quotes) with any line break (CRLF, LF or CR) ending a record
 * outside quotes; records that are one blank field are left out. The header counts as a record.
 */
export function csvRecords(text: string): { records: string[][]; unclosed: boolean } {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let atStart = true;
  const endRecord = () => {
    record.push(field);
    if (!(record.length === 1 && record[0].trim() === '')) records.push(record);
    record = [];
    field = '';
    atStart = true;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && atStart) (quoted = true), (atStart = false);
    else if (c === ',') {
      record.push(field);
      field = '';
      atStart = true;
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
    } else (field += c), (atStart = false);
  }
  if (field !== '' || record.length > 0) endRecord();
  return { records, unclosed: quoted };
}

const BUNDLE_FILE = new Set<string>(CSV_FILES);

// ---- the checks ---------------------------------------------------------------------------------------------------

/** Stack-trace lines (`    at fn (file.js:1:2)`) or the CLI's words for a bug. */
const STACK = /^\s+at \S.*(:\d+:\d+\)?|\(native\))$|This is a bug in chokepoint/m;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** The promises `outcome` breaks, in words (empty when it keeps them all). */
export function brokenPromises(m: Mutant, dir: string, outcome: Outcome): string[] {
  const out: string[] = [];
  const { code, stderr, stdout, mode } = outcome;
  if (![0, 2, 3].includes(code)) out.push(`exit code ${code} (only 0, 2 or 3 are allowed)`);
  if (STACK.test(stderr)) out.push(`a stack trace or "bug" message on stderr: ${JSON.stringify(stderr.slice(0, 600))}`);
  if (CONTROL.test(stderr)) out.push(`a control character on stderr: ${JSON.stringify(stderr.slice(0, 300))}`);
  if (CONTROL.test(stdout)) out.push(`a control character on stdout: ${JSON.stringify(stdout.slice(stdout.search(CONTROL) - 100, stdout.search(CONTROL) + 100))}`);
  if (/is not a valid Chokepoint report/.test(stderr)) out.push(`analyze made a report that fails its own checks: ${JSON.stringify(stderr.slice(0, 600))}`);
  if (code === 3) {
    const file = m.kind === 'csv' ? /(entities|relations|shipments|places)\.csv/i : /fuzz\.ftm\.jsonl/;
    if (!file.test(stderr)) out.push(`refused without naming the file: ${JSON.stringify(stderr.slice(0, 300))}`);
    else if (!/\bline \d+/.test(stderr)) out.push(`refused without naming the line: ${JSON.stringify(stderr.slice(0, 300))}`);
  }
  if (code !== 0) return out;
  if (outcome.report === undefined) return [...out, 'exit 0 but no report written'];
  let report: Report;
  try {
    report = JSON.parse(outcome.report) as Report;
  } catch (err) {
    return [...out, `the report is not JSON: ${(err as Error).message}`];
  }
  const problems = reportProblems(report);
  if (problems.length > 0) out.push(`the report fails its own checks: ${problems.slice(0, 3).join('; ')}`);
  if (mode === 'strict' && m.kind === 'csv' && report.input.rejected.length > 0) out.push(`strict mode skipped rows: ${JSON.stringify(report.input.rejected.slice(0, 2))}`);
  out.push(...(m.kind === 'csv' ? csvAccounting(m, dir, report) : ftmAccounting(m, report)));
  return out;
}

/** Rows of separators only that the reader skipped and said so (one warning per file, naming the other lines). */
function skippedEmpty(report: Report, file: string): number {
  let n = 0;
  for (const w of report.input.warnings) {
    if (w.file !== file || !w.reason.startsWith('a row of separators only')) continue;
    const also = /\(also on lines? ([\d, ]+?)(?: and (\d+) more)?\)$/.exec(w.reason);
    n += 1 + (also === null ? 0 : also[1].split(',').length + Number(also[2] ?? 0));
  }
  return n;
}

function issuesOf(report: Report, file: string): { rejected: Set<number>; any: boolean } {
  const rejected = new Set(report.input.rejected.filter((i) => i.file === file).map((i) => i.line));
  const any = rejected.size > 0 || report.input.warnings.some((i) => i.file === file);
  return { rejected, any };
}

/** Every data row of every CSV file is in the report (or merged or dropped by resolution, as it says) or rejected. */
function csvAccounting(m: Mutant, dir: string, report: Report): string[] {
  const out: string[] = [];
  const root = join(dir, 'bundle');
  const merged = report.resolution.merges.reduce((n, x) => n + x.merged.length, 0);
  const explicit = report.relations.filter((r) => (r as { viaShipments?: string[] }).viaShipments === undefined).length;
  const inReport: Record<string, [number, number]> = {
    'entities.csv': [report.entities.length + merged, 0],
    'relations.csv': [explicit, report.resolution.dropped.relations],
    'shipments.csv': [report.shipments.length, report.resolution.dropped.shipments],
    'places.csv': [report.places.length, 0],
  };
  for (const name of readdirSync(root)) {
    const stat = lstatSync(join(root, name));
    const known = BUNDLE_FILE.has(name);
    if (!stat.isFile()) {
      if (known && !issuesOf(report, name).any) out.push(`${name} is ${stat.isDirectory() ? 'a folder' : 'not a file'}, and nothing says so`);
      continue;
    }
    if (!known) {
      if (BUNDLE_FILE.has(name.toLowerCase()) && !issuesOf(report, name).any && !issuesOf(report, name.toLowerCase()).any) {
        out.push(`${name} (a bundle file with other capitals) was read or skipped without a word`);
      }
      continue;
    }
    const { records } = csvRecords(decode(readFileSync(join(root, name))));
    const rows = Math.max(0, records.length - 1);
    out.push(...extraValues(name, records, report));
    const rejected = issuesOf(report, name).rejected.size;
    const [reported, droppedAtMost] = inReport[name];
    const missing = rows - rejected - reported - skippedEmpty(report, name);
    if (missing < 0 || missing > droppedAtMost) {
      out.push(`${name}: ${rows} data rows, but ${reported} in the report, ${rejected} rejected${droppedAtMost > 0 ? ` and at most ${droppedAtMost} dropped by resolution` : ''}`);
    }
  }
  return out;
}

/**
 * The values of the input's own columns (beyond the contract) of entities.csv and shipments.csv: each one non-empty
 * is an attribute of its record in the report (the first record with its id; merged records are left aside), or
 * its row is listed.
 */
function extraValues(file: string, records: string[][], report: Report): string[] {
  const spec = BUNDLE_FILES.find((f) => f.file === file)!;
  const records_ = file === 'entities.csv' ? report.entities : file === 'shipments.csv' ? report.shipments : undefined;
  if (records_ === undefined || records.length === 0) return [];
  const header = records[0].map((h) => h.trim().toLowerCase());
  const idAt = header.indexOf('id');
  const contract = new Set(spec.columns.map((c) => c.name));
  // A column the reader read as one of the contract's (a required column missing, and this one holding its name: the
  // warning on line 1 says so) is that column, not an extra one.
  const readAs = new Set(report.input.warnings.filter((w) => w.file === file && w.line === 1 && w.column !== undefined && w.reason.startsWith(`column "${w.column}" read as "`)).map((w) => w.column!.trim().toLowerCase()));
  const extra = header.map((h, i) => [h, i] as const).filter(([h]) => !contract.has(h) && !readAs.has(h) && h !== '' && header.indexOf(h) === header.lastIndexOf(h));
  if (idAt < 0 || extra.length === 0) return [];
  const byId = new Map<string, { attributes: Record<string, string> }>();
  for (const r of records_) if (!byId.has(r.id)) byId.set(r.id, r);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const row of records.slice(1)) {
    const id = (row[idAt] ?? '').trim();
    if (seen.has(id)) continue;
    seen.add(id);
    const record = byId.get(id);
    if (record === undefined || row.length !== header.length) continue;
    for (const [h, i] of extra) {
      const value = row[i].trim();
      if (value === '' || value.includes('\uFFFD')) continue;
      if (!Object.hasOwn(record.attributes, h) || record.attributes[h] !== value) out.push(`${file}: the value ${JSON.stringify(value)} of column "${h}" of ${JSON.stringify(id)} is not in the report`);
    }
  }
  return out.slice(0, 5);
}

/** Whether an FtM record has a non-empty text value for `prop`. */
function hasValue(r: { properties?: unknown }, prop: string): boolean {
  const p = r.properties;
  if (typeof p !== 'object' || p === null || Array.isArray(p) || !Object.hasOwn(p, prop)) return false;
  const v = (p as Record<string, unknown>)[prop];
  return Array.isArray(v) && v.some((x) => typeof x === 'string' && x.trim() !== '');
}

/** Every line of the FtM file is an entity, tie or shipment of the report, an address one of them uses, or listed. */
function ftmAccounting(m: Mutant, report: Report): string[] {
  const [file, bytes] = [...m.entries][0] as [string, Buffer];
  const lines = decode(bytes).split(/\r\n|\r|\n/);
  const listed = new Set([...report.input.rejected, ...report.input.warnings].filter((i) => i.file === file).map((i) => i.line));
  // Records are matched by schema and id: ids are unique among the records of one kind (an Address may share its id
  // with a Company, a Payment with an entity, as Chokepoint's own export writes them).
  const key = (schema: unknown, id: unknown) => `${String(schema)}\u0000${String(id)}`;
  const entityKeys = new Set(report.entities.map((e) => key(e.attributes.ftmSchema, e.id)));
  const aliases = new Set(Object.keys(report.resolution.aliases));
  const tieKeys = new Set(report.relations.map((r) => key(r.attributes.ftmSchema, r.attributes.ftmId)));
  const shipmentKeys = new Set(report.shipments.map((s) => key(s.attributes.ftmSchema, s.id)));
  const parsed = lines.map((l) => {
    try {
      return JSON.parse(l) as unknown;
    } catch {
      return undefined;
    }
  });
  const addressesUsed = new Set<unknown>();
  for (const p of parsed) {
    const props = (p as { properties?: { addressEntity?: unknown } } | undefined)?.properties;
    if (props && Array.isArray(props.addressEntity)) for (const a of props.addressEntity) addressesUsed.add(a);
  }
  const missing: number[] = [];
  lines.forEach((l, i) => {
    if (l.trim() === '' || listed.has(i + 1)) return;
    const r = parsed[i] as { id?: unknown; schema?: unknown } | undefined;
    const id = r?.id;
    const k = key(r?.schema, id);
    if (typeof id === 'string' && (entityKeys.has(k) || aliases.has(id) || tieKeys.has(k) || shipmentKeys.has(k))) return;
    if (typeof id === 'string' && r?.schema === 'Address' && addressesUsed.has(id)) return;
    missing.push(i + 1);
  });
  const droppedAtMost = report.resolution.dropped.relations + report.resolution.dropped.shipments;
  const out = missing.length > droppedAtMost ? [`${file}: lines ${missing.slice(0, 8).join(', ')}${missing.length > 8 ? ', …' : ''} (${missing.length}) are neither in the report nor listed`] : [];
  // Values the reader maps: a value that does not reach the report must be listed with its line.
  const entities = new Map<string, Report['entities'][number]>();
  for (const e of report.entities) if (!entities.has(key(e.attributes.ftmSchema, e.id))) entities.set(key(e.attributes.ftmSchema, e.id), e);
  const ties = new Map(report.relations.map((r) => [key(r.attributes.ftmSchema, r.attributes.ftmId), r]));
  const shipments = new Map(report.shipments.map((x) => [key(x.attributes.ftmSchema, x.id), x]));
  const lost: string[] = [];
  parsed.forEach((p, i) => {
    const r = p as { id?: unknown; schema?: unknown; properties?: unknown } | undefined;
    if (typeof r?.id !== 'string' || listed.has(i + 1)) return;
    // Read, or kept as an attribute as written (what lenient reading does with a value it cannot use).
    let attributes: Record<string, string> = {};
    const check = (props: string[], kept: boolean) => {
      if (kept || props.every((x) => Object.hasOwn(attributes, x))) return;
      if (props.every((x) => hasValue(r, x))) lost.push(`line ${i + 1} ${props.join('+')}`);
    };
    const e = entities.get(key(r.schema, r.id));
    if (e !== undefined) {
      attributes = e.attributes;
      check(['latitude', 'longitude'], e.lat !== null);
      check(['incorporationDate'], e.founded !== undefined);
      check(['country'], e.country !== undefined);
    }
    const t = ties.get(key(r.schema, r.id));
    if (t !== undefined) {
      attributes = t.attributes;
      check(['percentage'], t.share !== undefined);
      check(['startDate'], t.start !== undefined);
      check(['endDate'], t.end !== undefined);
    }
    const x = shipments.get(key(r.schema, r.id));
    if (x !== undefined) {
      attributes = x.attributes;
      if (x.commodity === 'payment') {
        check(['amount'], x.value !== undefined);
        check(['amountEur'], x.value !== undefined);
        check(['date'], x.shipped !== undefined);
      } else {
        check(['quantity'], x.quantity !== undefined);
        check(['value'], x.value !== undefined);
        check(['shipped'], x.shipped !== undefined);
      }
    }
  });
  if (lost.length > 0) out.push(`${file}: values dropped without a word: ${lost.slice(0, 6).join(', ')}${lost.length > 6 ? ', …' : ''}`);
  return out;
}
