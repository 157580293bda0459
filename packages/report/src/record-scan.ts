import { createHash } from 'node:crypto';
import { closeSync, existsSync, fstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { PROGRESS_BYTES } from './progress';

/**
 * One pass over a records file (a report's companion: a header line, then one relation or shipment per line) that
 * finds where each record's line is and the ids at its two ends, without the report: the ids are numbered as they
 * are first met (`RecordScan.ids`), and `recordTableOfScan` (record-table.ts) turns them into the report's entities
 * and checks the file against the report. Because it needs nothing of the report, it can run in a worker thread
 * while the report itself is parsed (`scanRecordsInBackground`): at a million entities, 10–13 s each.
 */
export interface RecordScan {
  /** How many bytes were read, and their SHA-256 (hex). */
  bytes: number;
  sha256: string;
  /** The counts the header line gives; undefined when there was no line, or it was not a records file's header. */
  header?: { relations: number; shipments: number };
  /** How many records were read (lines after the header, empty lines left out). */
  records: number;
  /** Each record's two ends, as numbers of `ids` (a relation: source, target; a shipment: supplier, buyer). */
  from: Int32Array;
  to: Int32Array;
  /** The ids met, by number: id k is the UTF-8 bytes idStarts[k] … idStarts[k + 1] of idBytes. */
  idBytes: Uint8Array;
  idStarts: Float64Array;
  /** The line each id was first met on, and at which end (0: a relation's source, 1: its target, 2: a supplier, 3: a buyer). */
  firstLine: Int32Array;
  firstEnd: Uint8Array;
  /** Each shipment's id, as the FNV-1a hash of its UTF-8 (shipment j: idHashes[j]), to find shipments by id. */
  shipmentIdHashes: Int32Array;
  /** Each relation's kind, as its number in kindNames. */
  kinds: Uint16Array;
  kindNames: string[];
  /** Where each record's line starts in the file (a file may pass 4 GB) and how long it is, without its line break. */
  start: Float64Array;
  length: Int32Array;
  /**
   * What stopped the pass early, when something did: a line that cannot be a record (`reason`: what follows the
   * line's number in the message, `: a relation needs its kind`), or a file that is not a records file at all
   * (`foreign`: no header, or more records than it says).
   */
  problem?: { line: number; reason: string } | { foreign: true };
}

/** The names of the ends, by RecordScan.firstEnd. */
export const END_NAMES = ['source', 'target', 'supplier', 'buyer'] as const;

export interface ScanOptions {
  /** Told how far along the pass is: the bytes read, about every 16 MB and at the end. */
  onBytes?: (bytes: number) => void;
  /** How much of the file is read at a time (default 16 MB; a line longer than that is read whole all the same). */
  chunkBytes?: number;
  /** The counts the report gives: a header with others stops the pass at once (`problem.foreign`). */
  expected?: { relations: number; shipments: number };
}

/** The records file is read this much at a time. */
const CHUNK_BYTES = 16 * 2 ** 20;

/**
 * Every record's line is at least this long with its line break: the shortest, `{"id":"","supplier":"","buyer":""}`,
 * has 35 characters (and a relation needs its source, target and kind).
 */
const MIN_LINE_BYTES = 30;

/** No record's line is this long (a line is made one string to be parsed): a longer one is damage. */
export const MAX_LINE_BYTES = 64 * 2 ** 20;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LF = 0x0a;

/** How a relation's line and a shipment's line start when `writeReport` wrote them. */
const RELATION_START = Buffer.from('{"source":"', 'latin1');
const RELATION_BETWEEN = Buffer.from('","target":"', 'latin1');
const KIND = Buffer.from('","kind":"', 'latin1');
const SHIPMENT_START = Buffer.from('{"id":"', 'latin1');
const SHIPMENT_SKIP = Buffer.from('","supplier":"', 'latin1');
const SHIPMENT_BETWEEN = Buffer.from('","buyer":"', 'latin1');

/** Whether `buffer` holds `bytes` at `at`. */
function startsAt(buffer: Buffer, at: number, bytes: Buffer): boolean {
  if (at + bytes.length > buffer.length) return false;
  for (let i = 0; i < bytes.length; i++) if (buffer[at + i] !== bytes[i]) return false;
  return true;
}

/** The end (the closing quote) of a JSON string's text starting at `at`, or −1 when it holds an escape or runs past `end`. */
function plainStringEnd(buffer: Buffer, at: number, end: number): number {
  for (let i = at; i < end; i++) {
    const b = buffer[i];
    if (b === QUOTE) return i;
    if (b === BACKSLASH) return -1;
  }
  return -1;
}

/** FNV-1a over the bytes s … e of `bytes`. */
function fnv(bytes: Uint8Array, s: number, e: number): number {
  let h = 0x811c9dc5;
  for (let j = s; j < e; j++) h = Math.imul(h ^ bytes[j], 0x01000193);
  return h;
}

/** The FNV-1a hash of an id's UTF-8 (as RecordScan.shipmentIdHashes holds them). */
export function idHash(id: string): number {
  const bytes = Buffer.from(id, 'utf8');
  return fnv(bytes, 0, bytes.length);
}

/** A typed array twice as long (or `least` long), its values kept. */
function grown<T extends Int32Array | Float64Array | Uint16Array | Uint8Array>(array: T, least = 0): T {
  const larger = new (array.constructor as new (n: number) => T)(Math.max(least, array.length * 2, 16));
  larger.set(array);
  return larger;
}

/**
 * Ids found by their UTF-8 bytes in a buffer, without making a string of them, and numbered as they are first met:
 * an open-addressing table of FNV-1a hashes over the bytes. Looking up twenty million ids made as strings from the
 * records file in a Map took 11 of the 18 s of reading the ties of a million entities.
 */
class IdNumbers {
  bytes = new Uint8Array(1 << 16);
  /** Where each id starts in `bytes` (id k: starts[k] … starts[k + 1]). */
  starts = new Float64Array(1 << 12);
  hashes = new Int32Array(1 << 12);
  firstLine = new Int32Array(1 << 12);
  firstEnd = new Uint8Array(1 << 12);
  count = 0;
  /** Id number + 1 in each slot (0: empty); at most half full. */
  private slots = new Int32Array(1 << 13);
  private mask = (1 << 13) - 1;

  /** Whether id k is the bytes s … e of `buffer`. */
  is(k: number, buffer: Uint8Array, s: number, e: number): boolean {
    const at = this.starts[k];
    if (this.starts[k + 1] - at !== e - s) return false;
    for (let j = 0; j < e - s; j++) if (this.bytes[at + j] !== buffer[s + j]) return false;
    return true;
  }

  /** The number of the id that is the bytes s … e of `buffer`, numbered now (first met on `line`, at `end`) if new. */
  number(buffer: Uint8Array, s: number, e: number, line: number, end: number): number {
    const h = fnv(buffer, s, e);
    const len = e - s;
    let slot = h & this.mask;
    for (; ; slot = (slot + 1) & this.mask) {
      const x = this.slots[slot];
      if (x === 0) break;
      const k = x - 1;
      if (this.hashes[k] !== h) continue;
      const at = this.starts[k];
      if (this.starts[k + 1] - at !== len) continue;
      let same = true;
      for (let j = 0; j < len; j++) {
        if (this.bytes[at + j] !== buffer[s + j]) {
          same = false;
          break;
        }
      }
      if (same) return k;
    }
    const k = this.count++;
    if (this.count + 1 > this.starts.length) {
      this.starts = grown(this.starts);
      this.hashes = grown(this.hashes);
      this.firstLine = grown(this.firstLine);
      this.firstEnd = grown(this.firstEnd);
    }
    const at = this.starts[k];
    if (at + len > this.bytes.length) this.bytes = grown(this.bytes, at + len);
    this.bytes.set(buffer.subarray(s, e), at);
    this.starts[k + 1] = at + len;
    this.hashes[k] = h;
    this.firstLine[k] = line;
    this.firstEnd[k] = end;
    if (2 * this.count > this.mask + 1) this.rehash();
    else this.slots[slot] = k + 1;
    return k;
  }

  private rehash(): void {
    const size = 2 * (this.mask + 1);
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    for (let k = 0; k < this.count; k++) {
      let slot = this.hashes[k] & this.mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = k + 1;
    }
  }
}

/**
 * Reads the records file `file` once (see RecordScan). Lines written as `writeReport` writes them have their ends
 * found by their bytes in place; any other line is parsed whole. Throws only what the file system throws (a file
 * that cannot be opened or read); what the file holds is told in `problem`.
 */
export function scanRecords(file: string, options: ScanOptions = {}): RecordScan {
  const onBytes = options.onBytes;
  const ids = new IdNumbers();
  let from = new Int32Array(1 << 12);
  let to = new Int32Array(1 << 12);
  let start = new Float64Array(1 << 12);
  let length = new Int32Array(1 << 12);
  let kinds = new Uint16Array(1 << 12);
  let idHashes = new Int32Array(1 << 12);
  const kindNames: string[] = [];
  const kindBytes: Buffer[] = [];
  const hash = createHash('sha256');
  let header: { relations: number; shipments: number } | undefined;
  let problem: RecordScan['problem'];
  let k = 0;
  let lineNo = 0;
  let read = 0;
  let told = 0;
  /** Thrown inside the pass to stop it (told in `problem`). */
  const stop = new Error('stop');
  const damaged = (reason: string) => {
    problem = { line: lineNo, reason };
    throw stop;
  };
  const foreign = () => {
    problem = { foreign: true };
    throw stop;
  };
  const kindOf = (text: string): number => {
    let i = kindNames.indexOf(text);
    if (i < 0) {
      if (kindNames.length >= 0xffff) damaged(': more kinds of relation than a report can have: the records file is damaged');
      i = kindNames.push(text) - 1;
      kindBytes.push(Buffer.from(text, 'utf8'));
    }
    return i;
  };
  /** The kind whose bytes are s … e of `buffer`. */
  const kindAt = (buffer: Buffer, s: number, e: number): number => {
    for (let i = 0; i < kindBytes.length; i++) {
      const b = kindBytes[i];
      if (b.length === e - s && startsAt(buffer, s, b)) return i;
    }
    return kindOf(buffer.toString('utf8', s, e));
  };
  /** The number of an id read as a string (a line parsed whole). */
  const idOf = (id: string, end: number): number => {
    const bytes = Buffer.from(id, 'utf8');
    return ids.number(bytes, 0, bytes.length, lineNo, end);
  };
  const fd = openSync(file, 'r');
  const size = fstatSync(fd).size;
  let buffer = Buffer.alloc(Math.max(1, options.chunkBytes ?? CHUNK_BYTES));
  /** Where buffer[0] is in the file. */
  let base = 0;
  const take = (s: number, e: number) => {
    lineNo++;
    if (e === s) return;
    if (header === undefined) {
      let value: { chokepointRecords?: unknown; relations?: unknown; shipments?: unknown };
      try {
        value = JSON.parse(buffer.toString('utf8', s, e)) as typeof value;
      } catch {
        return damaged(' is not JSON: the records file is damaged');
      }
      const { relations, shipments } = value ?? {};
      if (value?.chokepointRecords !== 1 || !Number.isSafeInteger(relations) || !Number.isSafeInteger(shipments) || (relations as number) < 0 || (shipments as number) < 0) return foreign();
      header = { relations: relations as number, shipments: shipments as number };
      if (options.expected !== undefined && (header.relations !== options.expected.relations || header.shipments !== options.expected.shipments)) return foreign();
      // The arrays made as long as the header says at once (grown step by step to ten million records, they cost
      // the collector more than the pass: 18 s instead of 12 at a million entities), but no longer than the file can
      // hold: no record's line is shorter than MIN_LINE_BYTES.
      const most = Math.min(header.relations + header.shipments, Math.floor(size / MIN_LINE_BYTES) + 1);
      from = new Int32Array(most);
      to = new Int32Array(most);
      start = new Float64Array(most);
      length = new Int32Array(most);
      kinds = new Uint16Array(Math.min(header.relations, most));
      idHashes = new Int32Array(Math.min(header.shipments, most));
      return;
    }
    const relations = header.relations;
    if (k >= relations + header.shipments) return foreign();
    const relation = k < relations;
    if (k === from.length) {
      from = grown(from);
      to = grown(to);
      start = grown(start);
      length = grown(length);
    }
    if (relation && k === kinds.length) kinds = grown(kinds);
    if (!relation && k - relations === idHashes.length) idHashes = grown(idHashes);
    // The ends as writeReport writes them, found by their bytes in place; any other line is parsed whole.
    let ia = -1;
    let ib = -1;
    let kind = -1;
    const first = relation ? 0 : 2;
    let p = s + (relation ? RELATION_START.length : SHIPMENT_START.length);
    if (startsAt(buffer, s, relation ? RELATION_START : SHIPMENT_START)) {
      if (!relation) {
        const idEnd = plainStringEnd(buffer, p, e);
        if (idEnd >= 0) idHashes[k - relations] = fnv(buffer, p, idEnd);
        p = idEnd >= 0 && startsAt(buffer, idEnd, SHIPMENT_SKIP) ? idEnd + SHIPMENT_SKIP.length : -1;
      }
      const between = relation ? RELATION_BETWEEN : SHIPMENT_BETWEEN;
      const aEnd = p >= 0 ? plainStringEnd(buffer, p, e) : -1;
      if (aEnd >= 0 && startsAt(buffer, aEnd, between)) {
        const q = aEnd + between.length;
        const bEnd = plainStringEnd(buffer, q, e);
        // A relation's kind follows its ends.
        const kEnd = bEnd >= 0 && relation && startsAt(buffer, bEnd, KIND) ? plainStringEnd(buffer, bEnd + KIND.length, e) : -1;
        if (bEnd >= 0 && (!relation || kEnd >= 0)) {
          // Records come by their first end (a relation's source): the previous record's, when it is the same.
          ia = k > 0 && ids.is(from[k - 1], buffer, p, aEnd) ? from[k - 1] : ids.number(buffer, p, aEnd, lineNo, first);
          ib = ids.number(buffer, q, bEnd, lineNo, first + 1);
          if (relation) kind = kindAt(buffer, bEnd + KIND.length, kEnd);
        }
      }
    }
    if (ia < 0) {
      let value: Record<string, unknown>;
      try {
        value = JSON.parse(buffer.toString('utf8', s, e)) as Record<string, unknown>;
      } catch {
        return damaged(' is not JSON: the records file is damaged');
      }
      const [a, b] = [END_NAMES[first], END_NAMES[first + 1]];
      const [x, y] = [value?.[a], value?.[b]];
      if (typeof x !== 'string' || typeof y !== 'string') return damaged(`: a ${relation ? 'relation' : 'shipment'} needs its ${a} and ${b}`);
      ia = idOf(x, first);
      ib = idOf(y, first + 1);
      if (!relation) idHashes[k - relations] = typeof value.id === 'string' ? idHash(value.id) : 0;
      if (relation) {
        if (typeof value.kind !== 'string') return damaged(': a relation needs its kind');
        kind = kindOf(value.kind);
      }
    }
    from[k] = ia;
    to[k] = ib;
    if (relation) kinds[k] = kind;
    start[k] = base + s;
    length[k] = e - s;
    k++;
  };
  try {
    /** Bytes of buffer held: a line cut at the end of the last chunk, then what was read after it. */
    let held = 0;
    for (;;) {
      if (held === buffer.length) {
        if (held >= MAX_LINE_BYTES) {
          lineNo++;
          damaged(` is longer than ${MAX_LINE_BYTES / 2 ** 20} MB, more than any record: the records file is damaged`);
        }
        // One line longer than the buffer: a larger buffer, the line kept.
        const larger = Buffer.alloc(buffer.length * 2);
        buffer.copy(larger, 0, 0, held);
        buffer = larger;
      }
      const n = readSync(fd, buffer, held, buffer.length - held, null);
      if (n > 0) hash.update(buffer.subarray(held, held + n));
      read += n;
      const end = held + n;
      let s = 0;
      for (let nl = buffer.indexOf(LF, held); nl >= 0 && nl < end; nl = buffer.indexOf(LF, s)) {
        take(s, nl);
        s = nl + 1;
      }
      if (n === 0) {
        if (s < end) take(s, end);
        break;
      }
      // The cut line moves to the front.
      buffer.copy(buffer, 0, s, end);
      base += s;
      held = end - s;
      if (onBytes !== undefined && read - told >= PROGRESS_BYTES) onBytes((told = read));
    }
    onBytes?.(read);
  } catch (err) {
    if (err !== stop) throw err;
  } finally {
    closeSync(fd);
  }
  if (header === undefined && problem === undefined) problem = { foreign: true };
  const n = ids.count;
  return {
    bytes: read,
    sha256: hash.digest('hex'),
    header,
    records: k,
    // (views, not copies: the arrays were made as long as the header said, and a copy of hundreds of megabytes
    // costs a collection of the whole heap)
    from: from.subarray(0, k),
    to: to.subarray(0, k),
    idBytes: ids.bytes.subarray(0, n === 0 ? 0 : ids.starts[n]),
    idStarts: ids.starts.subarray(0, n + 1),
    firstLine: ids.firstLine.subarray(0, n),
    firstEnd: ids.firstEnd.subarray(0, n),
    kinds: kinds.subarray(0, Math.min(k, header?.relations ?? 0)),
    shipmentIdHashes: idHashes.subarray(0, Math.max(0, k - (header?.relations ?? 0))),
    kindNames,
    start: start.subarray(0, k),
    length: length.subarray(0, k),
    problem,
  };
}

/** A pass over a records file under way in a worker thread (scanRecordsInBackground). */
export interface BackgroundScan {
  /** The file being read. */
  readonly file: string;
  /** The pass's result; rejected with what the file system threw (an Error with its `code`), or when the thread failed. */
  readonly result: Promise<RecordScan>;
  /** Stops the thread (its result is then not wanted). */
  cancel(): void;
  /**
   * Has `onBytes` told how far along the pass is (the bytes read, about every 16 MB), from now on and at once with
   * how far it got: whoever started the pass may not be the one waiting for it.
   */
  listen(onBytes: (bytes: number) => void): void;
}

function workerPath(): string {
  const compiled = __filename.endsWith('.ts') ? join(__dirname, '..', 'dist', 'record-scan-worker.js') : join(__dirname, 'record-scan-worker.js');
  if (!existsSync(compiled)) throw new Error(`${compiled} is missing: build the report package first (pnpm build)`);
  return compiled;
}

/**
 * scanRecords in a worker thread, so that the calling thread can read the report meanwhile (the pass needs nothing
 * of it). `onBytes` (or the listener given later) is told how far along the pass is when the calling thread is free
 * to hear it. The thread never keeps the process alive.
 */
export function scanRecordsInBackground(file: string, options: Omit<ScanOptions, 'expected'> = {}): BackgroundScan {
  let onBytes = options.onBytes;
  let bytes: number | undefined;
  const worker = new Worker(workerPath(), { workerData: { file, chunkBytes: options.chunkBytes } });
  worker.unref();
  let settled = false;
  let cancel = () => undefined as void;
  const result = new Promise<RecordScan>((resolve, reject) => {
    const settle = (value: RecordScan | Error) => {
      if (settled) return;
      settled = true;
      if (value instanceof Error) reject(value);
      else resolve(value);
      void worker.terminate();
    };
    cancel = () => settle(new Error('the pass over the records file was cancelled'));
    worker.on('message', (m: { bytes?: number; scan?: RecordScan; error?: { code?: string; message: string } }) => {
      if (m.bytes !== undefined) onBytes?.((bytes = m.bytes));
      else if (m.scan !== undefined) settle(m.scan);
      else if (m.error !== undefined) settle(Object.assign(new Error(m.error.message), { code: m.error.code }));
    });
    worker.once('error', (err) => settle(err instanceof Error ? err : new Error(String(err))));
    worker.once('exit', (code) => settle(new Error(`the thread reading the records file stopped (exit code ${code})`)));
  });
  // (a result no one awaits, once cancelled, is not an unhandled rejection)
  result.catch(() => undefined);
  return {
    file,
    result,
    cancel: () => cancel(),
    listen(listener) {
      onBytes = listener;
      if (bytes !== undefined) listener(bytes);
    },
  };
}
