import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { InvalidReportError } from './errors';
import { foreignRecords, PROGRESS_BYTES, recordsFileOf } from './files';
import type { Report, ReportRelation, ReportShipment } from './types';
import { recordProblem } from './validate';

/**
 * A report's relations and shipments as a table of their ends, for what needs the ties of the whole network at once
 * but the records themselves only a few at a time (the viewer of a large report: the overview counts the ties between
 * clusters, a neighbourhood sends the records of its ties). Records are numbered relations first, then shipments:
 * record k < relations is relation k, record k ≥ relations is shipment k − relations.
 *
 * For a report that keeps its records in a companion file, the table is made by one pass over the file that reads
 * only the ends of each record and where its line is; a record is read from the file when it is asked for. At a
 * million entities, reading every record of the 2.6 GB file as objects took 74 s and 3.3 GB of heap.
 */
export interface RecordTable {
  /** Each entity's index in report.entities, by id (what `from` and `to` hold). */
  readonly entityIndex: ReadonlyMap<string, number>;
  /** How many relations and shipments there are. */
  readonly relations: number;
  readonly shipments: number;
  /** The entity (its index in report.entities) at each record's first end: a relation's source, a shipment's supplier. */
  readonly from: Int32Array;
  /** The entity at each record's other end: a relation's target, a shipment's buyer. */
  readonly to: Int32Array;
  /** Relation k's kind (`owner`, `director`…). */
  relationKind(k: number): string;
  /** Records by number, in the order asked (checked against the report schema when read from the file). */
  read(records: readonly number[]): (ReportRelation | ReportShipment)[];
}

/** The index of each of a report's entities, by id. */
export function entityIndexOf(report: Pick<Report, 'entities'>): Map<string, number> {
  const entityIndex = new Map<string, number>();
  report.entities.forEach((e, i) => entityIndex.set(e.id, i));
  return entityIndex;
}

/** The table of a report whose records are held (inline, or read in by readReport). `entityIndex`: id → entity index. */
export function recordTable(report: Pick<Report, 'relations' | 'shipments'>, entityIndex: ReadonlyMap<string, number>): RecordTable {
  const { relations, shipments } = report;
  const from = new Int32Array(relations.length + shipments.length);
  const to = new Int32Array(from.length);
  const at = (id: string, what: string): number => {
    const i = entityIndex.get(id);
    if (i === undefined) throw new InvalidReportError(`${what} names ${JSON.stringify(id)}, which is not an entity of the report`);
    return i;
  };
  relations.forEach((r, k) => {
    from[k] = at(r.source, `relation ${k + 1}`);
    to[k] = at(r.target, `relation ${k + 1}`);
  });
  shipments.forEach((s, j) => {
    from[relations.length + j] = at(s.supplier, `shipment ${j + 1}`);
    to[relations.length + j] = at(s.buyer, `shipment ${j + 1}`);
  });
  return {
    entityIndex,
    relations: relations.length,
    shipments: shipments.length,
    from,
    to,
    relationKind: (k) => relations[k].kind,
    read: (ks) => ks.map((k) => (k < relations.length ? relations[k] : shipments[k - relations.length])),
  };
}

export interface RecordTableOptions {
  /** Told how far along the pass over the records file is: the bytes read, about every 16 MB and at the end. */
  onBytes?: (bytes: number) => void;
  /** How much of the file is read at a time (default 16 MB; a line longer than that is read whole all the same). */
  chunkBytes?: number;
}

/** The records file is read this much at a time. */
const CHUNK_BYTES = 16 * 2 ** 20;

/** No record's line is this long (a line is made one string to be parsed): a longer one is damage. */
const MAX_LINE_BYTES = 64 * 2 ** 20;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LF = 0x0a;

/** How a relation's line and a shipment's line start when `writeReport` wrote them, and the names of their two ends. */
const RELATION = { start: Buffer.from('{"source":"', 'latin1'), between: Buffer.from('","target":"', 'latin1'), ends: ['source', 'target'] as const };
const KIND = Buffer.from('","kind":"', 'latin1');
const SHIPMENT = { start: Buffer.from('{"id":"', 'latin1'), skip: Buffer.from('","supplier":"', 'latin1'), between: Buffer.from('","buyer":"', 'latin1'), ends: ['supplier', 'buyer'] as const };

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

/**
 * Entity ids found by their UTF-8 bytes in a buffer, without making a string of them: an open-addressing table of
 * FNV-1a hashes over the ids' bytes. Looking up twenty million ids made as strings from the records file in a Map
 * took 11 of the 18 s of reading the ties of a million entities.
 */
class IdBytes {
  private readonly bytes: Buffer;
  /** Where each entity's id starts in `bytes` (entity i: starts[i] … starts[i + 1]). */
  private readonly starts: Float64Array;
  private readonly hashes: Int32Array;
  /** Entity index + 1 in each slot (0: empty). */
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(entityIndex: ReadonlyMap<string, number>) {
    let n = 0;
    let size = 0;
    for (const [id, i] of entityIndex) {
      n = Math.max(n, i + 1);
      size += Buffer.byteLength(id, 'utf8');
    }
    const ids: string[] = new Array<string>(n).fill('');
    for (const [id, i] of entityIndex) ids[i] = id;
    this.bytes = Buffer.alloc(size);
    this.starts = new Float64Array(n + 1);
    this.hashes = new Int32Array(n);
    let capacity = 1;
    while (capacity < 2 * n) capacity *= 2;
    this.slots = new Int32Array(capacity);
    this.mask = capacity - 1;
    let at = 0;
    for (let i = 0; i < n; i++) {
      this.starts[i] = at;
      at += this.bytes.write(ids[i], at, 'utf8');
    }
    this.starts[n] = at;
    for (const [, i] of entityIndex) {
      const h = fnv(this.bytes, this.starts[i], this.starts[i + 1]);
      this.hashes[i] = h;
      let slot = h & this.mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = i + 1;
    }
  }

  /** Whether entity i's id is the bytes s … e of `buffer`. */
  is(i: number, buffer: Buffer, s: number, e: number): boolean {
    const at = this.starts[i];
    if (this.starts[i + 1] - at !== e - s) return false;
    for (let j = 0; j < e - s; j++) if (this.bytes[at + j] !== buffer[s + j]) return false;
    return true;
  }

  /** The entity whose id is the bytes s … e of `buffer`, or −1. */
  find(buffer: Buffer, s: number, e: number): number {
    const h = fnv(buffer, s, e);
    const len = e - s;
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const x = this.slots[slot];
      if (x === 0) return -1;
      const i = x - 1;
      if (this.hashes[i] !== h) continue;
      const at = this.starts[i];
      if (this.starts[i + 1] - at !== len) continue;
      let same = true;
      for (let j = 0; j < len; j++) {
        if (this.bytes[at + j] !== buffer[s + j]) {
          same = false;
          break;
        }
      }
      if (same) return i;
    }
  }
}

/** FNV-1a over the bytes s … e of `buffer`. */
function fnv(buffer: Buffer, s: number, e: number): number {
  let h = 0x811c9dc5;
  for (let j = s; j < e; j++) h = Math.imul(h ^ buffer[j], 0x01000193);
  return h;
}

/**
 * The table of a report whose records are in a companion file (`report.records.stored === 'companion'`): one pass over
 * the file reads where each record's line is and the ids at its two ends, checked as readReport checks them (the
 * file's SHA-256, header and counts are the report's, each end is an entity of the report); the records are read from
 * the file when asked for, and checked against the report schema then.
 */
export function companionRecordTable(reportPath: string, report: Report, entityIndex: ReadonlyMap<string, number>, options: RecordTableOptions = {}): RecordTable {
  const onBytes = options.onBytes;
  const meta = report.records;
  if (meta.stored === 'inline') return recordTable(report, entityIndex);
  const name = meta.file;
  const file = recordsFileOf(reportPath, name);
  const relations = meta.relations;
  const total = meta.relations + meta.shipments;
  const from = new Int32Array(total);
  const to = new Int32Array(total);
  // Where each record's line starts in the file (a file may pass 4 GB) and how long it is, without its line break.
  const start = new Float64Array(total);
  const length = new Int32Array(total);
  // Each relation's kind, as its number among the kinds met (a handful: the schema names nine).
  const kinds = new Uint16Array(relations);
  const kindNames: string[] = [];
  const kindBytes: Buffer[] = [];
  const kindOf = (text: string): number => {
    let i = kindNames.indexOf(text);
    if (i < 0) {
      if (kindNames.length >= 0xffff) throw new InvalidReportError(`${name} has more kinds of relation than a report can: the records file is damaged`);
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
  const foreign = () => foreignRecords(name, reportPath);
  // A file of another size than the report recorded is not its records file: said before reading it.
  if (statSync(file).size !== meta.bytes) throw foreign();
  const ids = new IdBytes(entityIndex);
  const hash = createHash('sha256');
  const fd = openSync(file, 'r');
  let k = 0;
  let lineNo = 0;
  let header = false;
  let read = 0;
  let told = 0;
  try {
    let buffer = Buffer.alloc(Math.max(1, options.chunkBytes ?? CHUNK_BYTES));
    /** Bytes of buffer held: a line cut at the end of the last chunk, then what was read after it. */
    let held = 0;
    /** Where buffer[0] is in the file. */
    let base = 0;
    const entity = (line: number, what: string, id: string): number => {
      const i = entityIndex.get(id);
      if (i === undefined) throw new InvalidReportError(`${name} line ${line}: the ${what} ${JSON.stringify(id.slice(0, 200))} is not an entity of the report`);
      return i;
    };
    const take = (s: number, e: number) => {
      lineNo++;
      if (e === s) return;
      if (!header) {
        let value: { chokepointRecords?: unknown; relations?: unknown; shipments?: unknown };
        try {
          value = JSON.parse(buffer.toString('utf8', s, e)) as typeof value;
        } catch {
          throw new InvalidReportError(`${name} line ${lineNo} is not JSON: the records file is damaged`);
        }
        if (value?.chokepointRecords !== 1 || value.relations !== meta.relations || value.shipments !== meta.shipments) throw foreign();
        header = true;
        return;
      }
      if (k >= total) throw foreign();
      const shape = k < relations ? RELATION : SHIPMENT;
      // The ends as writeReport writes them, found by their bytes in place; any other line is parsed whole.
      let ia = -1;
      let ib = -1;
      let kind = -1;
      let p = s + shape.start.length;
      if (startsAt(buffer, s, shape.start)) {
        if (shape === SHIPMENT) {
          const idEnd = plainStringEnd(buffer, p, e);
          p = idEnd >= 0 && startsAt(buffer, idEnd, SHIPMENT.skip) ? idEnd + SHIPMENT.skip.length : -1;
        }
        const aEnd = p >= 0 ? plainStringEnd(buffer, p, e) : -1;
        if (aEnd >= 0 && startsAt(buffer, aEnd, shape.between)) {
          const q = aEnd + shape.between.length;
          const bEnd = plainStringEnd(buffer, q, e);
          // A relation's kind follows its ends.
          const kEnd = bEnd >= 0 && shape === RELATION && startsAt(buffer, bEnd, KIND) ? plainStringEnd(buffer, bEnd + KIND.length, e) : -1;
          if (bEnd >= 0 && (shape === SHIPMENT || kEnd >= 0)) {
            // Records come by their first end (a relation's source): the previous record's, when it is the same.
            ia = k > 0 && ids.is(from[k - 1], buffer, p, aEnd) ? from[k - 1] : ids.find(buffer, p, aEnd);
            if (ia < 0) entity(lineNo, shape.ends[0], buffer.toString('utf8', p, aEnd));
            ib = ids.find(buffer, q, bEnd);
            if (ib < 0) entity(lineNo, shape.ends[1], buffer.toString('utf8', q, bEnd));
            if (shape === RELATION) kind = kindAt(buffer, bEnd + KIND.length, kEnd);
          }
        }
      }
      if (ia < 0 || ib < 0) {
        let value: Record<string, unknown>;
        try {
          value = JSON.parse(buffer.toString('utf8', s, e)) as Record<string, unknown>;
        } catch {
          throw new InvalidReportError(`${name} line ${lineNo} is not JSON: the records file is damaged`);
        }
        const [x, y] = [value?.[shape.ends[0]], value?.[shape.ends[1]]];
        if (typeof x !== 'string' || typeof y !== 'string') throw new InvalidReportError(`${name} line ${lineNo}: a ${k < relations ? 'relation' : 'shipment'} needs its ${shape.ends.join(' and ')}`);
        ia = entity(lineNo, shape.ends[0], x);
        ib = entity(lineNo, shape.ends[1], y);
        if (shape === RELATION) {
          if (typeof value.kind !== 'string') throw new InvalidReportError(`${name} line ${lineNo}: a relation needs its kind`);
          kind = kindOf(value.kind);
        }
      }
      from[k] = ia;
      to[k] = ib;
      if (shape === RELATION) kinds[k] = kind;
      start[k] = base + s;
      length[k] = e - s;
      k++;
    };
    for (;;) {
      if (held === buffer.length) {
        if (held >= MAX_LINE_BYTES) throw new InvalidReportError(`${name} line ${lineNo + 1} is longer than ${MAX_LINE_BYTES / 2 ** 20} MB, more than any record: the records file is damaged`);
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
  } finally {
    closeSync(fd);
  }
  if (hash.digest('hex') !== meta.sha256 || !header || k !== total) throw foreign();
  const shipmentsCount = meta.shipments;
  return {
    entityIndex,
    relations,
    shipments: shipmentsCount,
    from,
    to,
    relationKind(k) {
      if (!(k >= 0 && k < relations)) throw new RangeError(`no relation ${k}: the report has ${relations}`);
      return kindNames[kinds[k]];
    },
    read(ks) {
      const out: (ReportRelation | ReportShipment)[] = [];
      if (ks.length === 0) return out;
      const unreadable = (err: unknown) => new InvalidReportError(`cannot read ${name} any more (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}): was it moved or deleted? Open the report again`);
      let fd: number;
      try {
        fd = openSync(file, 'r');
      } catch (err) {
        throw unreadable(err);
      }
      try {
        let buffer = Buffer.alloc(1 << 16);
        for (const k of ks) {
          if (!(k >= 0 && k < total)) throw new RangeError(`no record ${k}: the report has ${total}`);
          if (length[k] > buffer.length) buffer = Buffer.alloc(length[k]);
          let got: number;
          try {
            got = readSync(fd, buffer, 0, length[k], start[k]);
          } catch (err) {
            throw unreadable(err);
          }
          const kind = k < relations ? 'relations' : 'shipments';
          let value: unknown;
          try {
            if (got !== length[k]) throw new Error('short');
            value = JSON.parse(buffer.toString('utf8', 0, got));
          } catch {
            throw new InvalidReportError(`${name} has changed since it was opened (a record is no longer where it was): open the report again`);
          }
          const problem = recordProblem(kind, value);
          if (problem !== null) throw new InvalidReportError(`${name}: the ${kind === 'relations' ? `relation ${k + 1}` : `shipment ${k - relations + 1}`} is not valid: ${problem}`);
          const record = value as ReportRelation & ReportShipment;
          const [a, b] = kind === 'relations' ? [record.source, record.target] : [record.supplier, record.buyer];
          if (entityIndex.get(a) !== from[k] || entityIndex.get(b) !== to[k]) throw new InvalidReportError(`${name} has changed since it was opened (a record is no longer where it was): open the report again`);
          out.push(record);
        }
      } finally {
        closeSync(fd);
      }
      return out;
    },
  };
}
