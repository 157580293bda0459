import type { RecordTable, Report, ReportRelation, ReportShipment } from '@chokepoint/report';

/**
 * Where an export takes a report's relations and shipments from: the report itself when it holds them (read with its
 * records), else the table of a report read without them (`records`), a stretch of the records file at a time. At a
 * million entities the records are 2.6 GB of JSON lines: read as objects all at once they took 5 GB of heap, and the
 * gexf export peaked at 13.3 GB; a batch at a time, the export holds only what it adds up.
 */
export interface RecordSource {
  relations: number;
  shipments: number;
  /** Relations `start` to `end` − 1. */
  relationsIn(start: number, end: number): readonly ReportRelation[];
  /** Shipments `start` to `end` − 1. */
  shipmentsIn(start: number, end: number): readonly ReportShipment[];
  /** The index of shipment j's supplier and buyer among the report's entities, when the table knows them (else undefined). */
  ends?: { from: Int32Array; to: Int32Array; offset: number };
}

/** Records read at a time (a few MB of JSON lines). */
export const RECORD_BATCH = 32_768;

/**
 * The records of `report`: from `records` when given (the report read without them), else from the report. A report
 * that keeps its records apart and was read without them needs the table: refused without one, rather than exported
 * with no ties.
 */
export function recordSource(report: Report, records?: RecordTable): RecordSource {
  if (records !== undefined) {
    const r = records.relations;
    return {
      relations: r,
      shipments: records.shipments,
      relationsIn: (start, end) => records.readRange(start, end) as ReportRelation[],
      shipmentsIn: (start, end) => records.readRange(r + start, r + end) as ReportShipment[],
      ends: { from: records.from, to: records.to, offset: r },
    };
  }
  const meta = report.records;
  if (meta.stored === 'companion' && (report.relations.length !== meta.relations || report.shipments.length !== meta.shipments)) {
    throw new Error(`the report was read without the records it keeps in ${meta.file}: give the table of its records (ExportOptions.records) to export it`);
  }
  return {
    relations: report.relations.length,
    shipments: report.shipments.length,
    relationsIn: (start, end) => report.relations.slice(start, end),
    shipmentsIn: (start, end) => report.shipments.slice(start, end),
  };
}

/** What an export tells of how far along it is: what it is doing, and how many of how many records or entities. */
export type ExportProgress = (what: string, done: number, total: number) => void;

/** Each of `count` records, a batch at a time from `read`, with the progress told after each batch. */
export function* eachRecord<T>(count: number, read: (start: number, end: number) => readonly T[], tell?: (done: number) => void): Generator<T> {
  for (let start = 0; start < count; start += RECORD_BATCH) {
    const end = Math.min(count, start + RECORD_BATCH);
    yield* read(start, end);
    tell?.(end);
  }
}

/** Strings numbered in the order they are first met (`undefined` among them, for a value the data leave out). */
class Numbering {
  private readonly ids = new Map<string | undefined, number>();
  readonly names: (string | undefined)[] = [];
  of(name: string | undefined): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(name, id);
      this.names.push(name);
    }
    return id;
  }
}

/** An Int32Array or Float64Array twice as long, with what it held. */
function grown<T extends Int32Array | Float64Array>(a: T): T {
  const b = new (a.constructor as new (n: number) => T)(a.length * 2);
  b.set(a);
  return b;
}

/** One supplier → buyer pair of shipments, added up (the attributes of its edge). */
export interface ShipmentPair {
  source: number;
  target: number;
  shipments: number;
  /** Shipments weighed (with a mass in kg), and their kg. */
  weighed: number;
  kg: number;
  /** Quantities that could not be weighed, by unit. */
  units: [string, number][];
  /** Values by currency (undefined: not stated), never added across currencies. */
  values: [string | undefined, number][];
  commodities: string[];
  first?: string;
  last?: string;
}

/** Where pair `source` → `target` (entity indices) is looked for first in ShipmentPairs' table. */
function pairHash(source: number, target: number): number {
  return (Math.imul(source, 0x9e3779b1) ^ Math.imul(target + 0x632be5ab, 0x85ebca6b)) >>> 0;
}

/**
 * Amounts of each pair by name (quantities by unit, values by currency), never added across names: the first name of a
 * pair and its sum inline, any further ones in a Map beside (most pairs trade in one unit and one currency). Each sum
 * starts at 0 and adds the amounts in the order given, as a Map per pair did.
 */
class SumsByName {
  private readonly names = new Numbering();
  private first = new Int32Array(1024).fill(-1);
  private sum = new Float64Array(1024);
  private readonly more = new Map<number, Map<number, number>>();

  /** Room for twice as many pairs. */
  grow(): void {
    const first = new Int32Array(this.first.length * 2).fill(-1);
    first.set(this.first);
    this.first = first;
    this.sum = grown(this.sum);
  }

  add(p: number, name: string | undefined, amount: number): void {
    const id = this.names.of(name);
    if (this.first[p] < 0 || this.first[p] === id) {
      this.sum[p] = (this.first[p] < 0 ? 0 : this.sum[p]) + amount;
      this.first[p] = id;
    } else {
      const more = this.more.get(p) ?? this.more.set(p, new Map()).get(p)!;
      more.set(id, (more.get(id) ?? 0) + amount);
    }
  }

  /** Pair `p`'s sums by name, the first name first. */
  of(p: number): [string | undefined, number][] {
    const out: [string | undefined, number][] = [];
    if (this.first[p] >= 0) out.push([this.names.names[this.first[p]], this.sum[p]]);
    for (const [id, sum] of this.more.get(p) ?? []) out.push([this.names.names[id], sum]);
    return out;
  }
}

/**
 * The shipments of a report added up by supplier → buyer pair, in typed arrays (a million entities have millions of
 * pairs): pairs numbered in the order their first shipment comes, each with its counts, kg, first and last dates, its
 * quantities by unit and values by currency (SumsByName), and its commodities, the first inline and any further ones
 * in a Set beside (most pairs trade one kind of goods). Sums are made in the order of the shipments, as adding them
 * one by one into a Map per pair did.
 */
export class ShipmentPairs {
  private slots = new Int32Array(1 << 16);
  private mask = (1 << 16) - 1;
  count = 0;
  private source = new Int32Array(1024);
  private target = new Int32Array(1024);
  private shipments = new Int32Array(1024);
  private weighed = new Int32Array(1024);
  private kg = new Float64Array(1024);
  private first = new Int32Array(1024);
  private last = new Int32Array(1024);
  private commodity = new Int32Array(1024);
  private readonly quantities = new SumsByName();
  private readonly values = new SumsByName();
  private readonly moreCommodities = new Map<number, Set<number>>();
  private readonly commodities = new Numbering();
  private readonly dates = new Numbering();

  /** The pair of `source` → `target` (entity indices), numbered when first met. */
  private pairOf(source: number, target: number): number {
    for (let slot = pairHash(source, target) & this.mask; ; slot = (slot + 1) & this.mask) {
      const held = this.slots[slot];
      if (held === 0) {
        const p = this.count++;
        this.slots[slot] = p + 1;
        if (p === this.source.length) this.grow();
        this.source[p] = source;
        this.target[p] = target;
        this.first[p] = -1;
        this.last[p] = -1;
        this.commodity[p] = -1;
        if (this.count * 2 > this.mask) this.rehash();
        return p;
      }
      if (this.source[held - 1] === source && this.target[held - 1] === target) return held - 1;
    }
  }

  private grow(): void {
    this.source = grown(this.source);
    this.target = grown(this.target);
    this.shipments = grown(this.shipments);
    this.weighed = grown(this.weighed);
    this.kg = grown(this.kg);
    this.first = grown(this.first);
    this.last = grown(this.last);
    this.commodity = grown(this.commodity);
    this.quantities.grow();
    this.values.grow();
  }

  private rehash(): void {
    const size = this.slots.length * 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    for (let p = 0; p < this.count; p++) {
      let slot = pairHash(this.source[p], this.target[p]) & this.mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = p + 1;
    }
  }

  /** Adds shipment `s`, from the entity of index `source` to that of `target`. */
  add(s: ReportShipment, source: number, target: number): void {
    const p = this.pairOf(source, target);
    this.shipments[p]++;
    if (s.quantityKg !== undefined) {
      this.weighed[p]++;
      this.kg[p] += s.quantityKg;
    } else if (s.quantity !== undefined && s.unit !== undefined) this.quantities.add(p, s.unit, s.quantity);
    if (s.value !== undefined) this.values.add(p, s.currency, s.value);
    const k = this.commodities.of(s.commodity);
    if (this.commodity[p] < 0) this.commodity[p] = k;
    else if (this.commodity[p] !== k) (this.moreCommodities.get(p) ?? this.moreCommodities.set(p, new Set()).get(p)!).add(k);
    const d = s.shipped ?? s.received;
    if (d !== undefined) {
      const names = this.dates.names;
      const id = this.dates.of(d);
      if (this.first[p] < 0 || d < names[this.first[p]]!) this.first[p] = id;
      if (this.last[p] < 0 || d > names[this.last[p]]!) this.last[p] = id;
    }
  }

  /** Pair `p`, added up. */
  pair(p: number): ShipmentPair {
    const commodities = [this.commodities.names[this.commodity[p]]!];
    for (const k of this.moreCommodities.get(p) ?? []) commodities.push(this.commodities.names[k]!);
    return {
      source: this.source[p],
      target: this.target[p],
      shipments: this.shipments[p],
      weighed: this.weighed[p],
      kg: this.kg[p],
      // (a unit is always named: only shipments with one are added up by unit)
      units: this.quantities.of(p) as [string, number][],
      values: this.values.of(p),
      commodities,
      first: this.first[p] < 0 ? undefined : this.dates.names[this.first[p]],
      last: this.last[p] < 0 ? undefined : this.dates.names[this.last[p]],
    };
  }
}
