import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { FIRST_SLICE_COUNT, nextSliceCount, reportChunks } from './build';
import { InvalidReportError } from './errors';
import { jsonLinesBytes } from './lines';
import { PROGRESS_BYTES } from './progress';
import type { Report, ReportRelation, ReportShipment } from './types';
import { assertReport } from './validate';

/**
 * Above this many relations and shipments together, `writeReport` keeps the raw records out of the report, in a
 * companion file of JSON lines beside it: the report stays sized by its findings (entities with their results,
 * clusters, groups, key nodes, flags, chokepoints), and the records are read only by what needs them.
 */
export const COMPANION_ABOVE = 200_000;

/** The companion file of a report path: `report.json` → `report.records.jsonl`. */
export function companionPath(reportPath: string): string {
  const base = basename(reportPath).replace(/\.json$/i, '');
  return join(dirname(reportPath), `${base}.records.jsonl`);
}

export interface WriteReportOptions {
  /** Keep the records apart above this many relations and shipments (default COMPANION_ABOVE; Infinity: never). */
  companionAbove?: number;
  /** Called as the companion's records are made, with how many of them are made (the most of the writing's time). */
  onProgress?: (records: number, total: number) => void;
}

/**
 * Writes a report to `path`, streamed (no single string holds it). Large networks get their relations and shipments
 * in a companion file (`<name>.records.jsonl`: a header line, then one record per line), and the report says where,
 * with their counts and the companion's SHA-256, so a reader can tell a stale or foreign companion. Each piece is
 * written while the next is made (the disk works while the records are turned into text: a third less time for
 * 3 million records, measured against writing each piece before making the next).
 */
export async function writeReport(report: Report, path: string, options: WriteReportOptions = {}): Promise<{ companion: string | null }> {
  const above = options.companionAbove ?? COMPANION_ABOVE;
  let toWrite = report;
  let companion: string | null = null;
  if (report.relations.length + report.shipments.length > above) {
    companion = companionPath(path);
    const hash = createHash('sha256');
    let bytes = 0;
    const total = report.relations.length + report.shipments.length;
    await writeInOrder(companion, companionPieces(report, (piece, records) => {
      hash.update(piece);
      bytes += piece.length;
      options.onProgress?.(records, total);
    }));
    toWrite = {
      ...report,
      relations: [],
      shipments: [],
      records: { stored: 'companion', file: basename(companion), relations: report.relations.length, shipments: report.shipments.length, bytes, sha256: hash.digest('hex') },
    };
  }
  await writeInOrder(path, (function* () {
    for (const chunk of reportChunks(toWrite)) yield Buffer.from(chunk, 'utf8');
  })());
  return { companion };
}

/**
 * The companion file's pieces: its header line, then the relations and the shipments as JSON lines, a piece of about
 * SLICE_CHARS bytes at a time (as many records as that takes, from the piece before; see compactChunks).
 */
function* companionPieces(report: Report, seen: (piece: Buffer, records: number) => void): Generator<Buffer> {
  const header = Buffer.from(`${JSON.stringify({ chokepointRecords: 1, relations: report.relations.length, shipments: report.shipments.length })}\n`, 'utf8');
  seen(header, 0);
  yield header;
  let records = 0;
  for (const list of [report.relations, report.shipments] as readonly object[][]) {
    let count = FIRST_SLICE_COUNT;
    for (let i = 0; i < list.length; ) {
      const end = Math.min(i + count, list.length);
      const piece = jsonLinesBytes(list, i, end);
      records += end - i;
      seen(piece, records);
      yield piece;
      count = nextSliceCount(count, piece.length);
      i = end;
    }
  }
}

/**
 * Writes `pieces` to a new file at `path`, in order, each piece written while the next is made. A failed write (a
 * full disk) or a failure to make a piece stops it; the file is closed either way and the first error thrown.
 */
async function writeInOrder(path: string, pieces: Iterable<Buffer>): Promise<void> {
  const file = await open(path, 'w');
  let writing: Promise<void> = Promise.resolve();
  try {
    for (const piece of pieces) {
      await writing;
      writing = writeWhole(file, piece);
    }
    await writing;
  } finally {
    await writing.catch(() => undefined);
    await file.close();
  }
}

async function writeWhole(file: FileHandle, buffer: Buffer): Promise<void> {
  for (let at = 0; at < buffer.length; ) {
    const { bytesWritten } = await file.write(buffer, at, buffer.length - at);
    at += bytesWritten;
  }
}

/**
 * Files above this size are parsed piece by piece: one JavaScript string cannot hold more than about 512 MB, and a
 * file read as one string holds it in the heap beside what is parsed from it (two bytes a character once a name goes
 * beyond Latin-1). Measured (2026-12-07, 2-core EPYC, the 68 MB report of the 100k benchmark): whole, 0.88 s and a
 * heap of 229 MB after parsing; piece by piece (the file's bytes outside the heap), 0.81 s and 110 MB. The gexf export
 * of that report, which had run out of an old space of 220 MB while parsing it, then ran whole in 190 MB.
 */
const WHOLE_TEXT_LIMIT = 8 * 1024 * 1024;

/**
 * Parses a JSON object from a file of any size: small files at once; large ones piece by piece, each element of a
 * top-level array on its own, so that no string larger than one element is ever made.
 */
export function readLargeJson(path: string, wholeTextLimit: number = WHOLE_TEXT_LIMIT, onBytes?: (bytes: number) => void): unknown {
  const size = statSync(path).size;
  if (size <= wholeTextLimit) {
    const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
    onBytes?.(size);
    return value;
  }
  const buffer = readFileSync(path);
  let told = 0;
  let i = 0;
  const ws = () => {
    while (i < buffer.length && (buffer[i] === 0x20 || buffer[i] === 0x0a || buffer[i] === 0x0d || buffer[i] === 0x09)) i++;
  };
  const expect = (byte: number, what: string) => {
    ws();
    if (buffer[i] !== byte) throw new SyntaxError(`expected ${what} at byte ${i}`);
    i++;
  };
  /** The end of the JSON value that starts at i (strings, numbers, literals, nested objects and arrays). */
  const valueEnd = (): number => {
    let j = i;
    let depth = 0;
    let inString = false;
    for (; j < buffer.length; j++) {
      const c = buffer[j];
      if (inString) {
        if (c === 0x5c) j++;
        else if (c === 0x22) {
          inString = false;
          if (depth === 0) return j + 1;
        }
        continue;
      }
      if (c === 0x22) inString = true;
      else if (c === 0x7b || c === 0x5b) depth++;
      else if (c === 0x7d || c === 0x5d) {
        if (depth === 0) return j;
        depth--;
        if (depth === 0) return j + 1;
      } else if (depth === 0 && (c === 0x2c || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09)) return j;
    }
    return j;
  };
  const parseSlice = (start: number, end: number): unknown => JSON.parse(buffer.toString('utf8', start, end));
  const out: Record<string, unknown> = {};
  expect(0x7b, '{');
  ws();
  if (buffer[i] === 0x7d) return out;
  for (;;) {
    ws();
    const keyStart = i;
    i = valueEnd();
    const key = parseSlice(keyStart, i) as string;
    expect(0x3a, ':');
    ws();
    let value: unknown;
    if (buffer[i] === 0x5b) {
      i++;
      const items: unknown[] = [];
      ws();
      if (buffer[i] === 0x5d) i++;
      else {
        for (;;) {
          ws();
          const start = i;
          i = valueEnd();
          items.push(parseSlice(start, i));
          if (onBytes !== undefined && i - told >= PROGRESS_BYTES) onBytes((told = i));
          ws();
          if (buffer[i] === 0x2c) i++;
          else if (buffer[i] === 0x5d) {
            i++;
            break;
          } else throw new SyntaxError(`expected , or ] at byte ${i}`);
        }
      }
      value = items;
    } else {
      const start = i;
      i = valueEnd();
      value = parseSlice(start, i);
    }
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    if (onBytes !== undefined && i - told >= PROGRESS_BYTES) onBytes((told = i));
    ws();
    if (buffer[i] === 0x2c) i++;
    else if (buffer[i] === 0x7d) break;
    else throw new SyntaxError(`expected , or } at byte ${i}`);
  }
  onBytes?.(size);
  return out;
}

/** The records file a report keeps its records in, beside the report (refused when it is missing). */
export function recordsFileOf(reportPath: string, file: string): string {
  const path = join(dirname(reportPath), basename(file));
  if (!existsSync(path)) throw new InvalidReportError(`the report ${reportPath} keeps its records in ${file}, which is missing: keep the two files together`);
  return path;
}

/** A records file that is not the one the report recorded (its hash, size, header or counts differ). */
export function foreignRecords(file: string, reportPath: string): InvalidReportError {
  return new InvalidReportError(`${file} is not the records file of ${basename(reportPath)} (its contents differ from what the report recorded): analyze the bundle again`);
}

export interface ReadReportOptions {
  /** Also read the records from the companion file, when the report keeps them apart (default true). */
  records?: boolean;
  /**
   * Told how far along reading is, about every 16 MB and at the end: the bytes read of the report and of its records
   * file together, and how many there are in all (the records file's counted when the records are read).
   */
  onProgress?: (bytes: number, totalBytes: number) => void;
}

/** Reads and validates a report file; with `records`, fills in the relations and shipments of its companion file. */
export function readReport(path: string, options: ReadReportOptions = {}): Report {
  if (!existsSync(path)) throw new InvalidReportError(`cannot read the report ${path} (is the path right?)`);
  const reportBytes = statSync(path).size;
  // Until the report says where its records are: the records file by the report's name, when they are read.
  const recordsFile = options.records === false ? undefined : companionPath(path);
  const total = reportBytes + (recordsFile !== undefined && existsSync(recordsFile) ? statSync(recordsFile).size : 0);
  const onProgress = options.onProgress;
  let value: unknown;
  try {
    value = readLargeJson(path, undefined, onProgress && ((bytes) => onProgress(bytes, total)));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== undefined) throw new InvalidReportError(`cannot read the report ${path} (${(err as NodeJS.ErrnoException).code})`);
    throw new InvalidReportError(`${path} is not JSON (${(err as Error).message})`);
  }
  const report = assertReport(value, path);
  if (options.records === false || report.records.stored === 'inline') return report;
  // The records are checked like the rest: the schema, and that they name entities of the report.
  // (the records' size as the report recorded it: the file the report names, whatever the report is called now)
  const all = reportBytes + report.records.bytes;
  return assertReport({ ...report, ...readRecords(path, report, onProgress && ((bytes) => onProgress(reportBytes + bytes, Math.max(all, reportBytes + bytes)))) }, path);
}

/** The relations and shipments of a report whose records are in a companion file, checked against the report. */
export function readRecords(reportPath: string, report: Report, onBytes?: (bytes: number) => void): { relations: ReportRelation[]; shipments: ReportShipment[] } {
  const meta = report.records;
  if (meta.stored === 'inline') return { relations: report.relations, shipments: report.shipments };
  const file = recordsFileOf(reportPath, meta.file);
  const hash = createHash('sha256');
  const fd = openSync(file, 'r');
  const relations: ReportRelation[] = [];
  const shipments: ReportShipment[] = [];
  let header: { chokepointRecords?: number; relations?: number; shipments?: number } | undefined;
  let lineNo = 0;
  let read = 0;
  let told = 0;
  try {
    const chunk = Buffer.alloc(1 << 20);
    const decoder = new StringDecoder('utf8');
    let rest = '';
    const take = (line: string) => {
      lineNo++;
      if (line === '') return;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        throw new InvalidReportError(`${meta.file} line ${lineNo} is not JSON: the records file is damaged`);
      }
      if (header === undefined) header = value as typeof header;
      else if (relations.length < (header!.relations ?? 0)) relations.push(value as ReportRelation);
      else shipments.push(value as ReportShipment);
    };
    for (;;) {
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      read += n;
      hash.update(chunk.subarray(0, n));
      const text = rest + decoder.write(chunk.subarray(0, n));
      const lines = text.split('\n');
      rest = lines.pop()!;
      for (const line of lines) take(line);
      if (onBytes !== undefined && read - told >= PROGRESS_BYTES) onBytes((told = read));
    }
    rest += decoder.end();
    if (rest !== '') take(rest);
    onBytes?.(read);
  } finally {
    closeSync(fd);
  }
  if (hash.digest('hex') !== meta.sha256 || header?.chokepointRecords !== 1 || relations.length !== meta.relations || shipments.length !== meta.shipments) {
    throw foreignRecords(meta.file, reportPath);
  }
  return { relations, shipments };
}
