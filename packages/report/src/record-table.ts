import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { InvalidReportError } from './errors';
import { foreignRecords, recordsFileOf } from './files';
import { END_NAMES, idHash, scanRecords, type RecordScan } from './record-scan';
import type { Report, ReportRelation, ReportShipment } from './types';
import { recordProblem } from './validate';

/** readRange reads the records file this many bytes at a time (or one longer line). */
const RANGE_BYTES = 16 * 2 ** 20;

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
  /**
   * Records `start` to `end` − 1, in order: for a pass over many (an export), read from the file a stretch of lines at
   * a time instead of one read per record, and checked as `read` checks them.
   */
  readRange(start: number, end: number): (ReportRelation | ReportShipment)[];
  /** The numbers of the shipments whose ids are among `ids`, in the order of the records (ids of no shipment left out). */
  shipmentsById(ids: readonly string[]): number[];
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
    readRange(start, end) {
      if (!(start >= 0 && end <= relations.length + shipments.length)) throw new RangeError(`no records ${start} to ${end - 1}: the report has ${relations.length + shipments.length}`);
      const out: (ReportRelation | ReportShipment)[] = [];
      for (let k = start; k < end; k++) out.push(k < relations.length ? relations[k] : shipments[k - relations.length]);
      return out;
    },
    shipmentsById(ids) {
      const wanted = new Set(ids);
      const out: number[] = [];
      shipments.forEach((s, j) => wanted.has(s.id) && out.push(relations.length + j));
      return out;
    },
  };
}

export interface RecordTableOptions {
  /** Told how far along the pass over the records file is: the bytes read, about every 16 MB and at the end. */
  onBytes?: (bytes: number) => void;
  /** How much of the file is read at a time (default 16 MB; a line longer than that is read whole all the same). */
  chunkBytes?: number;
  /** How much of the file `readRange` reads at a time (default 16 MB; a longer line is read whole all the same). */
  rangeBytes?: number;
}

/**
 * The table of a report whose records are in a companion file (`report.records.stored === 'companion'`): one pass over
 * the file reads where each record's line is and the ids at its two ends, checked as readReport checks them (the
 * file's SHA-256, header and counts are the report's, each end is an entity of the report); the records are read from
 * the file when asked for, and checked against the report schema then.
 */
export function companionRecordTable(reportPath: string, report: Report, entityIndex: ReadonlyMap<string, number>, options: RecordTableOptions = {}): RecordTable {
  const meta = report.records;
  if (meta.stored === 'inline') return recordTable(report, entityIndex);
  const file = recordsFileOf(reportPath, meta.file);
  // A file of another size than the report recorded is not its records file: said before reading it.
  if (statSync(file).size !== meta.bytes) throw foreignRecords(meta.file, reportPath);
  return recordTableOfScan(reportPath, report, entityIndex, scanRecords(file, { ...options, expected: meta }), options);
}

/**
 * The table of a report whose records are in a companion file, from a pass over that file (`scanRecords`, here or in
 * a worker thread): the file checked as readReport checks it (its SHA-256, header and counts are the report's, each
 * end is an entity of the report; the first problem by line is the one told), the ids at the ends made the report's
 * entities. The scan's ends are rewritten in place (the table's `from` and `to` are its arrays): a scan makes one table.
 */
export function recordTableOfScan(reportPath: string, report: Report, entityIndex: ReadonlyMap<string, number>, scan: RecordScan, options: Pick<RecordTableOptions, 'rangeBytes'> = {}): RecordTable {
  const rangeBytes = options.rangeBytes ?? RANGE_BYTES;
  const meta = report.records;
  if (meta.stored === 'inline') return recordTable(report, entityIndex);
  const name = meta.file;
  const file = recordsFileOf(reportPath, name);
  const foreign = () => foreignRecords(name, reportPath);
  const relations = meta.relations;
  const total = meta.relations + meta.shipments;
  if (scan.header !== undefined && (scan.header.relations !== meta.relations || scan.header.shipments !== meta.shipments)) throw foreign();
  // Each id met, as an entity of the report; the first line that names one that is not, with the line that stopped the pass.
  const idBytes = Buffer.from(scan.idBytes.buffer, scan.idBytes.byteOffset, scan.idBytes.byteLength);
  const idText = (j: number) => idBytes.toString('utf8', scan.idStarts[j], scan.idStarts[j + 1]);
  const entityOf = new Int32Array(scan.firstLine.length);
  let unknown = -1;
  for (let j = 0; j < entityOf.length; j++) {
    const i = entityIndex.get(idText(j));
    entityOf[j] = i ?? -1;
    if (i === undefined && (unknown < 0 || scan.firstLine[j] < scan.firstLine[unknown])) unknown = j;
  }
  const problem = scan.problem;
  if (unknown >= 0 && (problem === undefined || 'foreign' in problem || scan.firstLine[unknown] < problem.line)) {
    const id = idText(unknown);
    throw new InvalidReportError(`${name} line ${scan.firstLine[unknown]}: the ${END_NAMES[scan.firstEnd[unknown]]} ${JSON.stringify(id.slice(0, 200))} is not an entity of the report`);
  }
  if (problem !== undefined && !('foreign' in problem)) throw new InvalidReportError(`${name} line ${problem.line}${problem.reason}`);
  if (problem !== undefined || scan.sha256 !== meta.sha256 || scan.bytes !== meta.bytes || scan.header === undefined || scan.records !== total) throw foreign();
  // (in place: a new pair of arrays of ten million would cost a collection of the whole heap)
  const { from, to, start, length, kinds, kindNames } = scan;
  for (let k = 0; k < total; k++) {
    from[k] = entityOf[from[k]];
    to[k] = entityOf[to[k]];
  }
  const shipmentsCount = meta.shipments;
  const unreadable = (err: unknown) => new InvalidReportError(`cannot read ${name} any more (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}): was it moved or deleted? Open the report again`);
  const changed = () => new InvalidReportError(`${name} has changed since it was opened (a record is no longer where it was): open the report again`);
  const openRecords = (): number => {
    try {
      return openSync(file, 'r');
    } catch (err) {
      throw unreadable(err);
    }
  };
  /** `bytes` bytes of the file from `position` into `buffer` (a file cut short since it was opened: changed). */
  const readFully = (fd: number, buffer: Buffer, bytes: number, position: number) => {
    let got: number;
    try {
      got = readSync(fd, buffer, 0, bytes, position);
    } catch (err) {
      throw unreadable(err);
    }
    if (got !== bytes) throw changed();
  };
  /** Record k, whose line starts at `offset` of `buffer`: parsed, checked against the schema and against its ends. */
  const recordIn = (buffer: Buffer, offset: number, k: number): ReportRelation | ReportShipment => {
    const kind = k < relations ? 'relations' : 'shipments';
    let value: unknown;
    try {
      value = JSON.parse(buffer.toString('utf8', offset, offset + length[k]));
    } catch {
      throw changed();
    }
    const problem = recordProblem(kind, value);
    if (problem !== null) throw new InvalidReportError(`${name}: the ${kind === 'relations' ? `relation ${k + 1}` : `shipment ${k - relations + 1}`} is not valid: ${problem}`);
    const record = value as ReportRelation & ReportShipment;
    const [a, b] = kind === 'relations' ? [record.source, record.target] : [record.supplier, record.buyer];
    if (entityIndex.get(a) !== from[k] || entityIndex.get(b) !== to[k]) throw changed();
    return record;
  };
  const table: RecordTable = {
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
      const fd = openRecords();
      try {
        let buffer = Buffer.alloc(1 << 16);
        for (const k of ks) {
          if (!(k >= 0 && k < total)) throw new RangeError(`no record ${k}: the report has ${total}`);
          if (length[k] > buffer.length) buffer = Buffer.alloc(length[k]);
          readFully(fd, buffer, length[k], start[k]);
          out.push(recordIn(buffer, 0, k));
        }
      } finally {
        closeSync(fd);
      }
      return out;
    },
    readRange(first, end) {
      if (!(first >= 0 && end <= total)) throw new RangeError(`no records ${first} to ${end - 1}: the report has ${total}`);
      const out: (ReportRelation | ReportShipment)[] = [];
      if (end <= first) return out;
      const fd = openRecords();
      try {
        // (a stretch of lines of at most rangeBytes at a time, or one longer line)
        for (let k = first; k < end; ) {
          let last = k + 1;
          while (last < end && start[last] + length[last] - start[k] <= rangeBytes) last++;
          const from = start[k];
          const bytes = start[last - 1] + length[last - 1] - from;
          const buffer = Buffer.allocUnsafe(bytes);
          readFully(fd, buffer, bytes, from);
          for (; k < last; k++) out.push(recordIn(buffer, start[k] - from, k));
        }
      } finally {
        closeSync(fd);
      }
      return out;
    },
    shipmentsById(ids) {
      // By the hashes of their ids, then read to compare the ids themselves (two ids may share a hash).
      const wanted = new Set(ids);
      const hashes = new Set(ids.map(idHash));
      const candidates: number[] = [];
      const h = scan.shipmentIdHashes;
      for (let j = 0; j < h.length; j++) if (hashes.has(h[j])) candidates.push(relations + j);
      const out: number[] = [];
      const records = table.read(candidates) as ReportShipment[];
      records.forEach((s, c) => wanted.has(s.id) && out.push(candidates[c]));
      return out;
    },
  };
  return table;
}
