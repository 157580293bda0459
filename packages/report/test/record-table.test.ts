import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  companionPath,
  companionRecordTable,
  entityIndexOf,
  InvalidReportError,
  readReport,
  recordTable,
  recordTableOfScan,
  scanRecordsInBackground,
  idHash,
  writeReport,
  type RecordTable,
  type Report,
} from '@chokepoint/report';
import { tinyReport } from './tiny';

const dir = mkdtempSync(join(tmpdir(), 'chokepoint-record-table-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every record of a table, by number. */
const all = (table: RecordTable) => table.read(Array.from({ length: table.relations + table.shipments }, (_, k) => k));

/**
 * The tiny report with ids that writeReport's lines cannot be read in place for (quotes, backslashes, a line break,
 * letters beyond ASCII, `toString`), and many more shipments, so that lines are cut between chunks of the file.
 */
async function awkwardReport(): Promise<Report> {
  const tiny = await tinyReport();
  const rename = new Map(tiny.entities.map((e, i) => [e.id, ['toString', 'a"quoted"', 'back\\slash', 'line\nbreak', 'Ünal Dış Ticaret', '𝄞'][i] ?? e.id]));
  const id = (x: string) => rename.get(x) ?? x;
  const shipments = Array.from({ length: 300 }, (_, i) => {
    const s = tiny.shipments[i % tiny.shipments.length];
    return { ...s, id: `s${i}`, supplier: id(s.supplier), buyer: id(s.buyer), ...(s.consignee === undefined ? {} : { consignee: id(s.consignee) }), ...(s.payer === undefined ? {} : { payer: id(s.payer) }) };
  });
  const report = JSON.parse(JSON.stringify({ ...tiny, shipments })) as Report;
  report.entities.forEach((e) => (e.id = id(e.id)));
  report.relations.forEach((r) => ((r.source = id(r.source)), (r.target = id(r.target))));
  report.clusters.forEach((c) => ((c.members = c.members.map(id)), (c.hub = id(c.hub))));
  report.groups.forEach((g) => (g.members = g.members.map(id)));
  report.keyNodes.forEach((k) => (k.id = id(k.id)));
  report.bridges.forEach((b) => ((b.source = id(b.source)), (b.target = id(b.target))));
  report.flags.forEach((f) => (f.entities = f.entities.map(id)));
  report.controllers.forEach((c) => (c.id = id(c.id)));
  return report;
}

describe('the table of a report’s records', () => {
  it('holds the ends of every relation and shipment, and reads the records asked for in the order asked', async () => {
    const report = await tinyReport();
    const index = entityIndexOf(report);
    const table = recordTable(report, index);
    expect(table.relations).toBe(report.relations.length);
    expect(table.shipments).toBe(report.shipments.length);
    report.relations.forEach((r, k) => expect([table.from[k], table.to[k]]).toEqual([index.get(r.source), index.get(r.target)]));
    report.shipments.forEach((s, j) => expect([table.from[table.relations + j], table.to[table.relations + j]]).toEqual([index.get(s.supplier), index.get(s.buyer)]));
    const r = report.relations.length;
    expect(table.read([r, 0, r + 1])).toEqual([report.shipments[0], report.relations[0], report.shipments[1]]);
    expect(() => recordTable({ relations: [{ ...report.relations[0], target: 'nobody' }], shipments: [] }, index)).toThrow(/relation 1 names "nobody", which is not an entity of the report/);
  });

  it('is the same from a records file, read whole or in chunks that cut lines, with ids that need escapes', async () => {
    const report = await awkwardReport();
    expect(report.entities.map((e) => e.id)).toContain('line\nbreak');
    const path = join(dir, 'awkward.json');
    await writeReport(report, path, { companionAbove: 3 });
    const head = readReport(path, { records: false });
    expect(head.relations).toEqual([]);
    const index = entityIndexOf(head);
    const expected = recordTable(report, index);
    for (const chunkBytes of [undefined, 1, 7, 100, 4096]) {
      const told: number[] = [];
      const table = companionRecordTable(path, head, index, { chunkBytes, onBytes: (b) => told.push(b) });
      expect([table.relations, table.shipments]).toEqual([expected.relations, expected.shipments]);
      expect(Array.from(table.from)).toEqual(Array.from(expected.from));
      expect(Array.from(table.to)).toEqual(Array.from(expected.to));
      expect(told[told.length - 1]).toBe(readFileSync(companionPath(path)).length);
      expect(all(table)).toEqual(all(expected));
      expect(report.relations.map((_, k) => table.relationKind(k))).toEqual(report.relations.map((r) => r.kind));
    }
    const table = companionRecordTable(path, head, index);
    const r = table.relations;
    expect(table.read([r + 299, 1, r])).toEqual([report.shipments[299], report.relations[1], report.shipments[0]]);
    expect(table.read([])).toEqual([]);
  });

  it('reads a range of records in order, a stretch of the file at a time, as one by one', async () => {
    const report = await awkwardReport();
    const path = join(dir, 'ranges.json');
    await writeReport(report, path, { companionAbove: 3 });
    const head = readReport(path, { records: false });
    const index = entityIndexOf(head);
    const held = recordTable(report, index);
    const total = held.relations + held.shipments;
    const numbers = (a: number, b: number) => Array.from({ length: b - a }, (_, k) => a + k);
    // (stretches of one byte: a line at a time; of 500 bytes: a few lines; of the whole file)
    for (const rangeBytes of [1, 500, undefined]) {
      const table = companionRecordTable(path, head, index, { rangeBytes });
      for (const [a, b] of [[0, total], [0, 1], [held.relations - 1, held.relations + 2], [total - 7, total], [5, 5]]) {
        expect(table.readRange(a, b)).toEqual(table.read(numbers(a, b)));
        expect(held.readRange(a, b)).toEqual(held.read(numbers(a, b)));
      }
      expect(() => table.readRange(0, total + 1)).toThrow(RangeError);
      expect(() => held.readRange(-1, 2)).toThrow(RangeError);
    }
    // A file changed after the table was made: said, whichever way it is read.
    const table = companionRecordTable(path, head, index);
    const file = companionPath(path);
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace(/"s7"/, '"s7" '));
    expect(() => table.readRange(0, total)).toThrow(/has changed since it was opened/);
    writeFileSync(file, text.slice(0, text.length - 40));
    expect(() => table.readRange(total - 3, total)).toThrow(/has changed since it was opened/);
    rmSync(file);
    expect(() => table.readRange(0, 1)).toThrow(/cannot read ranges\.records\.jsonl any more \(ENOENT\)/);
  });

  it('refuses a missing, foreign or damaged records file as readReport does', async () => {
    const report = await tinyReport();
    const path = join(dir, 'c.json');
    await writeReport(report, path, { companionAbove: 3 });
    const head = readReport(path, { records: false });
    const index = entityIndexOf(head);
    const file = companionPath(path);
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('"t3"', '"t9"'));
    expect(() => companionRecordTable(path, head, index)).toThrow(/is not the records file of c\.json/);
    // One line fewer.
    writeFileSync(file, text.slice(0, text.lastIndexOf('\n', text.length - 2) + 1));
    expect(() => companionRecordTable(path, head, index)).toThrow(/is not the records file of c\.json/);
    // (a byte changed, the size the same)
    writeFileSync(file, text.replace('\n{', '\n['));
    expect(() => companionRecordTable(path, head, index)).toThrow(/c\.records\.jsonl line 2 is not JSON: the records file is damaged/);
    // The right size but no line break in it (NUL bytes, as a copy cut short by a crash leaves): the line is too long.
    const { truncateSync } = require('node:fs') as typeof import('node:fs');
    writeFileSync(file, '');
    truncateSync(file, 65 * 2 ** 20);
    const sized = { ...head, records: { ...head.records, bytes: 65 * 2 ** 20 } } as Report;
    expect(() => companionRecordTable(path, sized, index)).toThrow(/c\.records\.jsonl line 1 is longer than 64 MB, more than any record: the records file is damaged/);
    // Another size than the report recorded: refused before reading.
    expect(() => companionRecordTable(path, head, index)).toThrow(/is not the records file of c\.json/);
    rmSync(file);
    expect(() => companionRecordTable(path, head, index)).toThrow(/keeps its records in c\.records\.jsonl, which is missing/);
  });

  /** A report whose records file is `lines`, with the hash and counts of that file (what writeReport would record). */
  function withRecordsFile(head: Report, name: string, lines: string[], counts: { relations: number; shipments: number }): { path: string; report: Report } {
    const bytes = Buffer.from(`${lines.join('\n')}\n`, 'utf8');
    writeFileSync(join(dir, `${name}.records.jsonl`), bytes);
    const report = { ...head, records: { stored: 'companion' as const, file: `${name}.records.jsonl`, ...counts, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') } };
    return { path: join(dir, `${name}.json`), report };
  }

  it('names the line of a record whose end is not an entity of the report', async () => {
    const tiny = await tinyReport();
    const head = { ...tiny, relations: [], shipments: [] };
    const header = JSON.stringify({ chokepointRecords: 1, relations: 1, shipments: 1 });
    const relation = JSON.stringify(tiny.relations[0]);
    const { path, report } = withRecordsFile(head, 'stranger', [header, relation, JSON.stringify({ ...tiny.shipments[0], buyer: 'Nobody & Co' })], { relations: 1, shipments: 1 });
    expect(() => companionRecordTable(path, report, entityIndexOf(head))).toThrow(new InvalidReportError('stranger.records.jsonl line 3: the buyer "Nobody & Co" is not an entity of the report'));
    // Written another way than writeReport writes (keys in another order, spaces): read all the same.
    const other = JSON.stringify({ kind: tiny.relations[0].kind, target: tiny.relations[0].target, source: tiny.relations[0].source, attributes: tiny.relations[0].attributes }, null, 0).replace(/,/g, ', ');
    const again = withRecordsFile(head, 'reordered', [header, other, JSON.stringify(tiny.shipments[0])], { relations: 1, shipments: 1 });
    const table = companionRecordTable(again.path, again.report, entityIndexOf(head));
    expect([table.from[0], table.to[0]]).toEqual([entityIndexOf(head).get(tiny.relations[0].source), entityIndexOf(head).get(tiny.relations[0].target)]);
    expect(table.relationKind(0)).toBe(tiny.relations[0].kind);
    expect(() => table.relationKind(1)).toThrow(RangeError);
    // A record without its ends.
    const { kind, attributes } = tiny.relations[0];
    const endless = withRecordsFile(head, 'endless', [header, JSON.stringify({ kind, attributes }), JSON.stringify(tiny.shipments[0])], { relations: 1, shipments: 1 });
    expect(() => companionRecordTable(endless.path, endless.report, entityIndexOf(head))).toThrow(/endless\.records\.jsonl line 2: a relation needs its source and target/);
  });

  it('checks a record against the schema when it is read, and notices a file changed since', async () => {
    const tiny = await tinyReport();
    const head = { ...tiny, relations: [], shipments: [] };
    const header = JSON.stringify({ chokepointRecords: 1, relations: 1, shipments: 1 });
    const bad = JSON.stringify({ ...tiny.relations[0], kind: 'cousin' });
    const { path, report } = withRecordsFile(head, 'invalid', [header, bad, JSON.stringify(tiny.shipments[0])], { relations: 1, shipments: 1 });
    const table = companionRecordTable(path, report, entityIndexOf(head));
    expect(table.read([1])).toEqual([tiny.shipments[0]]);
    expect(() => table.read([0])).toThrow(/invalid\.records\.jsonl: the relation 1 is not valid: \/kind: must be equal to one of the allowed values/);
    // The file rewritten after the table was made: its records are no longer where they were.
    const good = withRecordsFile(head, 'changing', [header, JSON.stringify(tiny.relations[0]), JSON.stringify(tiny.shipments[0])], { relations: 1, shipments: 1 });
    const changing = companionRecordTable(good.path, good.report, entityIndexOf(head));
    expect(changing.read([0, 1])).toEqual([tiny.relations[0], tiny.shipments[0]]);
    writeFileSync(join(dir, 'changing.records.jsonl'), `${header}\n${JSON.stringify(tiny.relations[1])}\n${JSON.stringify(tiny.shipments[0])}\n`);
    expect(() => changing.read([0])).toThrow(/changing\.records\.jsonl has changed since it was opened/);
    writeFileSync(join(dir, 'changing.records.jsonl'), header);
    expect(() => changing.read([1])).toThrow(/changing\.records\.jsonl has changed since it was opened/);
    expect(() => changing.read([2])).toThrow(RangeError);
  });

  /** The table made by a pass over the records file in a worker thread (as `view` and `path` make it for a large report). */
  async function viaThread(path: string, report: Report, chunkBytes?: number): Promise<RecordTable> {
    const meta = report.records;
    if (meta.stored !== 'companion') throw new Error('a report with a records file was expected');
    const scan = await scanRecordsInBackground(join(dir, meta.file), { chunkBytes }).result;
    return recordTableOfScan(path, report, entityIndexOf(report), scan);
  }

  it('is the same made in a worker thread while the report is read, and refuses what the pass here refuses', async () => {
    const report = await awkwardReport();
    const path = join(dir, 'threaded.json');
    await writeReport(report, path, { companionAbove: 3 });
    const head = readReport(path, { records: false });
    const expected = recordTable(report, entityIndexOf(head));
    for (const chunkBytes of [undefined, 1, 100]) {
      const table = await viaThread(path, head, chunkBytes);
      expect(Array.from(table.from)).toEqual(Array.from(expected.from));
      expect(Array.from(table.to)).toEqual(Array.from(expected.to));
      expect(all(table)).toEqual(all(expected));
      expect(report.relations.map((_, k) => table.relationKind(k))).toEqual(report.relations.map((r) => r.kind));
    }
    // The same refusals, and of two problems the one on the earlier line, whichever the pass met first.
    const tiny = await tinyReport();
    const bare = { ...tiny, relations: [], shipments: [] };
    const header = JSON.stringify({ chokepointRecords: 1, relations: 1, shipments: 2 });
    const relation = JSON.stringify(tiny.relations[0]);
    const shipment = JSON.stringify(tiny.shipments[0]);
    const stranger = JSON.stringify({ ...tiny.shipments[1], supplier: 'Nobody & Co' });
    const cases: [string, string[], { relations: number; shipments: number }, RegExp][] = [
      ['unknown-first', [header, relation, stranger, '{broken'], { relations: 1, shipments: 2 }, /unknown-first\.records\.jsonl line 3: the supplier "Nobody & Co" is not an entity of the report/],
      ['damage-first', [header, '{broken', relation, stranger], { relations: 1, shipments: 2 }, /damage-first\.records\.jsonl line 2 is not JSON: the records file is damaged/],
      ['endless', [header, JSON.stringify({ kind: 'owner' }), shipment, shipment], { relations: 1, shipments: 2 }, /endless\.records\.jsonl line 2: a relation needs its source and target/],
      ['other-counts', [header, relation, shipment, shipment], { relations: 2, shipments: 1 }, /is not the records file of other-counts\.json/],
      ['line-more', [header, relation, shipment, shipment, shipment], { relations: 1, shipments: 2 }, /is not the records file of line-more\.json/],
      ['no-header', [relation, shipment], { relations: 1, shipments: 1 }, /is not the records file of no-header\.json/],
    ];
    for (const [name, lines, counts, problem] of cases) {
      const { path: casePath, report: caseReport } = withRecordsFile(bare, name, lines, counts);
      expect(() => companionRecordTable(casePath, caseReport, entityIndexOf(bare))).toThrow(problem);
      await expect(viaThread(casePath, caseReport)).rejects.toThrow(problem);
    }
    // What the file system refuses is the thread's error; a pass no longer wanted stops.
    await expect(scanRecordsInBackground(join(dir, 'none.records.jsonl')).result).rejects.toMatchObject({ code: 'ENOENT' });
    const cancelled = scanRecordsInBackground(companionPath(path));
    cancelled.cancel();
    await expect(cancelled.result).rejects.toThrow(/cancelled/);
  });

  it('finds shipments by id, in the file and in memory, two ids of one hash told apart', async () => {
    const tiny = await tinyReport();
    // Two shipment ids with the same FNV-1a hash (found by trying: the table finds shipments by the hashes of their ids).
    const seen = new Map<number, string>();
    let twins: [string, string] | undefined;
    for (let i = 0; twins === undefined; i++) {
      const id = `ship-${i}`;
      const h = idHash(id);
      const other = seen.get(h);
      if (other !== undefined) twins = [other, id];
      else seen.set(h, id);
    }
    expect(idHash(twins[0])).toBe(idHash(twins[1]));
    const shipments = [...tiny.shipments.map((s, i) => ({ ...s, id: `x${i}` })), { ...tiny.shipments[0], id: twins[0] }, { ...tiny.shipments[1], id: twins[1] }, { ...tiny.shipments[0], id: 'back\\slash "quoted"' }];
    const report = { ...tiny, shipments } as Report;
    const path = join(dir, 'by-id.json');
    await writeReport(report, path, { companionAbove: 3 });
    const head = readReport(path, { records: false });
    const r = report.relations.length;
    const n = tiny.shipments.length;
    for (const table of [companionRecordTable(path, head, entityIndexOf(head)), recordTable(report, entityIndexOf(report))]) {
      expect(table.shipmentsById([twins[1]])).toEqual([r + n + 1]);
      expect(table.shipmentsById([twins[0]])).toEqual([r + n]);
      expect(table.shipmentsById(['back\\slash "quoted"', 'x1', 'nobody', 'x0'])).toEqual([r, r + 1, r + n + 2]);
      expect(table.shipmentsById([])).toEqual([]);
    }
  });
});
