import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addNote, emptyCase, setFlagStatus } from '@chokepoint/case';
import { seededRandom } from '@chokepoint/engine';
import { DEFAULT_REFERENCE_DIR, loadReference } from '@chokepoint/flags';
import { readBundle } from '@chokepoint/ingest';
import { loadMeasuresData, runAnalysis } from '@chokepoint/pipeline';
import { companionRecordTable, entityIndexOf, readReport, writeReport, type Report, type ReportShipment } from '@chokepoint/report';
import { RECORD_BATCH, ShipmentPairs, toCsv, toFtm, toGexf, toGraphml, type ExportOptions } from '@chokepoint/exports';

const KONNI = join(__dirname, '..', '..', '..', 'data', 'scenarios', 'konni-illela');
const dir = mkdtempSync(join(tmpdir(), 'chokepoint-exports-apart-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * The pairs as exports added them up before they were kept in typed arrays: a Map of objects by pair, in the order
 * first met, each with Maps of units and currencies and a Set of commodities (the reference ShipmentPairs must match).
 */
interface ReferencePair {
  source: number;
  target: number;
  shipments: number;
  weighed: number;
  kg: number;
  units: Map<string, number>;
  values: Map<string | undefined, number>;
  commodities: Set<string>;
  first?: string;
  last?: string;
}

function referencePairs(shipments: readonly { s: ReportShipment; from: number; to: number }[]): ReferencePair[] {
  const pairs = new Map<string, ReferencePair>();
  for (const { s, from, to } of shipments) {
    const k = `${from} ${to}`;
    const p: ReferencePair = pairs.get(k) ?? { source: from, target: to, shipments: 0, weighed: 0, kg: 0, units: new Map(), values: new Map(), commodities: new Set<string>() };
    p.shipments++;
    if (s.quantityKg !== undefined) {
      p.weighed++;
      p.kg += s.quantityKg;
    } else if (s.quantity !== undefined && s.unit !== undefined) p.units.set(s.unit, (p.units.get(s.unit) ?? 0) + s.quantity);
    if (s.value !== undefined) p.values.set(s.currency, (p.values.get(s.currency) ?? 0) + s.value);
    p.commodities.add(s.commodity);
    const d = s.shipped ?? s.received;
    if (d !== undefined) {
      if (p.first === undefined || d < p.first) p.first = d;
      if (p.last === undefined || d > p.last) p.last = d;
    }
    pairs.set(k, p);
  }
  return [...pairs.values()];
}

describe('shipments added up by pair in typed arrays', () => {
  it('give each pair, in the order first met, the sums a Map per pair gives, bit for bit', () => {
    const next = seededRandom(7);
    const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
    const shipments: { s: ReportShipment; from: number; to: number }[] = [];
    // (100,000 shipments between 250 entities: about 50,000 pairs, past the table's first size and its growth, many of several shipments)
    for (let i = 0; i < 100_000; i++) {
      const weighed = next() < 0.5;
      const counted = !weighed && next() < 0.8;
      const s = {
        id: `s${i}`,
        supplier: 'a',
        buyer: 'b',
        commodity: pick(['steel', 'ammonium nitrate', 'phones', 'Ärzte-Bedarf', 'aluminium powder']),
        ...(weighed ? { quantity: 1, unit: 'kg', quantityKg: Math.round(next() * 1e6) / 100 } : {}),
        ...(counted ? { quantity: next() * 1000, unit: pick(['pcs', 'l', 'm']) } : {}),
        ...(next() < 0.9 ? { value: Math.round(next() * 1e7) / 100, ...(next() < 0.9 ? { currency: pick(['EUR', 'USD', 'TRY']) } : {}) } : {}),
        ...(next() < 0.8 ? { shipped: `201${Math.floor(next() * 10)}-0${1 + Math.floor(next() * 9)}-1${Math.floor(next() * 10)}` } : {}),
        ...(next() < 0.3 ? { received: `2019-12-${10 + Math.floor(next() * 20)}` } : {}),
        attributes: {},
      } as unknown as ReportShipment;
      shipments.push({ s, from: Math.floor(next() * 250), to: Math.floor(next() * 250) });
    }
    const pairs = new ShipmentPairs();
    for (const { s, from, to } of shipments) pairs.add(s, from, to);
    const expected = referencePairs(shipments);
    expect(pairs.count).toBe(expected.length);
    expect(pairs.count).toBeGreaterThan(40_000);
    const byName = (a: string | undefined, b: string | undefined) => (a === b ? 0 : a === undefined ? 1 : b === undefined ? -1 : a < b ? -1 : 1);
    let multi = 0;
    expected.forEach((e, p) => {
      const got = pairs.pair(p);
      if (got.values.length > 1 || got.units.length > 1) multi++;
      expect({ ...got, units: got.units.sort((x, y) => byName(x[0], y[0])), values: got.values.sort((x, y) => byName(x[0], y[0])), commodities: got.commodities.sort() }).toEqual({
        source: e.source,
        target: e.target,
        shipments: e.shipments,
        weighed: e.weighed,
        kg: e.kg,
        units: [...e.units].sort((x, y) => byName(x[0], y[0])),
        values: [...e.values].sort((x, y) => byName(x[0], y[0])),
        commodities: [...e.commodities].sort(),
        first: e.first,
        last: e.last,
      });
    });
    // (pairs with more than one currency or unit: the Maps beside the arrays were used)
    expect(multi).toBeGreaterThan(1000);
  });
});

describe('exports of a report that keeps its records in a file of their own', () => {
  let whole: Report;
  let head: Report;
  let path: string;
  beforeAll(async () => {
    const bundle = await readBundle(KONNI);
    const report = (await runAnalysis(bundle, { reference: loadReference(), measures: loadMeasuresData(DEFAULT_REFERENCE_DIR), toolVersion: 'test', threads: 1 })).report;
    // More shipments than a batch of records (copies of the scenario's, between its entities), so that the records
    // are read in several batches and stretches of the file.
    const shipments: ReportShipment[] = [];
    for (let i = 0; shipments.length < 2 * RECORD_BATCH + 1000; i++) {
      const s = report.shipments[i % report.shipments.length];
      const e = report.entities[(i * 7) % report.entities.length].id;
      shipments.push({ ...s, id: `${s.id}-${i}`, ...(i % 3 === 0 ? { buyer: e } : {}), ...(i % 5 === 0 ? { value: (s.value ?? 0) + i, currency: i % 2 === 0 ? 'USD' : s.currency } : {}) });
    }
    const grown = { ...report, shipments };
    path = join(dir, 'apart.json');
    await writeReport(grown, path, { companionAbove: 3 });
    whole = readReport(path);
    head = readReport(path, { records: false });
  });

  it('writes every format byte for byte as from the report read whole, with a case, telling how far along it is', () => {
    expect(head.shipments).toEqual([]);
    expect(whole.shipments.length).toBeGreaterThan(2 * RECORD_BATCH);
    const flag = whole.flags[0];
    const tie = whole.relations.find((r) => r.kind === 'owner')!;
    const ship = whole.shipments[RECORD_BATCH + 5];
    let c = emptyCase({ bundle: 'konni-illela', now: '2026-03-01T10:00:00.000Z' });
    c = addNote(c, { kind: 'tie', source: tie.source, target: tie.target, tieKind: 'owner' }, 'Share register of 2021.', 'Ana Duarte', '2026-03-03T11:00:00.000Z');
    c = addNote(c, { kind: 'tie', source: ship.supplier, target: ship.buyer, tieKind: 'shipment' }, 'Bills of lading match.', 'Ana Duarte', '2026-03-03T12:00:00.000Z');
    c = setFlagStatus(c, flag.id, 'confirmed', 'Jon Meyer', '2026-03-04T10:00:00.000Z');
    // (stretches of 64 KB of the records file: several per batch)
    const records = companionRecordTable(path, head, entityIndexOf(head), { rangeBytes: 2 ** 16 });
    for (const options of [{}, { case: c }] as ExportOptions[]) {
      const told: [string, number, number][] = [];
      const apart = { ...options, records, onProgress: (what: string, done: number, total: number) => told.push([what, done, total]) };
      const gexf = toGexf(head, apart);
      expect(gexf).toBe(toGexf(whole, options));
      expect(toGraphml(head, { ...options, records })).toBe(toGraphml(whole, options));
      expect(toFtm(head, { ...options, records })).toBe(toFtm(whole, options));
      expect(toCsv(head, { ...options, records })).toEqual(toCsv(whole, options));
      if (options.case !== undefined) expect(gexf).toContain('Bills of lading match.');
      // Each step told up to its end, never past it, and never backwards.
      const steps = new Map<string, number[]>();
      for (const [what, done, total] of told) {
        expect(done).toBeLessThanOrEqual(total);
        steps.set(what, [...(steps.get(what) ?? []), done]);
      }
      expect([...steps.keys()]).toEqual(['reading the entities', 'adding up the shipments by pair', 'reading the relations', 'reading the shipment pairs', 'writing the entities', 'writing the relations', 'writing the shipment pairs']);
      expect(steps.get('adding up the shipments by pair')).toEqual([RECORD_BATCH, 2 * RECORD_BATCH, whole.shipments.length]);
      for (const [what, done] of steps) expect([what, done]).toEqual([what, [...done].sort((a, b) => a - b)]);
    }
  });

  it('refuses a report read without its records when no table of them is given, rather than export it without ties', () => {
    expect(() => toGexf(head)).toThrow(/read without the records it keeps in apart\.records\.jsonl/);
    expect(() => toFtm(head)).toThrow(/read without the records it keeps in apart\.records\.jsonl/);
    // A report made otherwise than readReport reads one (which refuses it), whose shipment names no entity: said.
    const stray = { ...whole, records: { stored: 'inline' as const }, shipments: [{ ...whole.shipments[0], buyer: 'nobody' }] };
    expect(() => toGexf(stray)).toThrow(/names "nobody", which is not an entity of the report/);
  });
});
