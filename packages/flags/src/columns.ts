import type { Bundle, Shipment } from '@chokepoint/model';
import { fold } from './text';

/**
 * Shipment numbers (positions in `bundle.shipments`) per entity number, each entity's in one run:
 * entity e's are items[start[e]] … items[start[e + 1] - 1], in bundle order.
 */
export interface IndexLists {
  start: Int32Array;
  items: Int32Array;
}

/**
 * The bundle as columns, built once per run for the rules that walk every shipment: entities and shipments by
 * number, the parties of each shipment as entity numbers, its HS code, heading, goods words and dates interned, and
 * each entity's purchases, sales and receipts as index lists. No strings are built per shipment; a rule compares
 * integers and reads the strings back only for the flags it raises.
 */
export interface FlagColumns {
  /** Entity ids by number: the bundle's entities in order, then any id a shipment names that no entity has. */
  entityIds: readonly string[];
  /** The number of an entity id (-1 when no entity or shipment has it). */
  entityOf(id: string): number;
  shipments: readonly Shipment[];
  /** Per shipment: entity numbers of buyer, supplier, and receiver (the consignee, else the buyer). */
  buyer: Int32Array;
  supplier: Int32Array;
  receiver: Int32Array;
  /** Per entity: the shipments it bought, sold, and received (as consignee, or buyer when none is named). */
  boughtBy: IndexLists;
  soldBy: IndexLists;
  receivedBy: IndexLists;
  /** Per shipment: its HS code's number (-1 without one); `hsCodes[n]` is the code. */
  hs: Int32Array;
  hsCodes: readonly string[];
  /** Per shipment: its HS heading's number (the code's first 4 characters; -1 without a code); `headings[n]`. */
  heading: Int32Array;
  headings: readonly string[];
  /** Per shipment: the number of its commodity words, folded (`fold(commodity)`); `wordTexts[n]`. */
  words: Int32Array;
  wordTexts: readonly string[];
  /** Per shipment: the number of its shipping and receiving dates (-1 when not given); `dates[n]` is the date. */
  shippedOn: Int32Array;
  receivedOn: Int32Array;
  dates: readonly string[];
  /** Per date number: `Date.parse(date + 'T00:00:00Z')` (NaN when unreadable), so that daysBetween is a subtraction. */
  dateTimes: Float64Array;
  /** Per date number: its place in string order (the order the rules sort dates in). */
  dateRank: Int32Array;
}

/** An interner: the number of each distinct string, in order of first sight. */
class Interner {
  readonly values: string[] = [];
  private readonly numbers = new Map<string, number>();
  of(value: string): number {
    let n = this.numbers.get(value);
    if (n === undefined) {
      n = this.values.length;
      this.values.push(value);
      this.numbers.set(value, n);
    }
    return n;
  }
}

/** Index lists of `owner` (entity number per shipment; negative: none), each entity's shipments in bundle order. */
export function indexLists(owner: Int32Array, entities: number): IndexLists {
  const start = new Int32Array(entities + 1);
  for (let i = 0; i < owner.length; i++) if (owner[i] >= 0) start[owner[i] + 1]++;
  for (let e = 0; e < entities; e++) start[e + 1] += start[e];
  const fill = start.slice(0, entities);
  const items = new Int32Array(start[entities]);
  for (let i = 0; i < owner.length; i++) if (owner[i] >= 0) items[fill[owner[i]]++] = i;
  return { start, items };
}

/** Days from one date time to another, as `daysBetween` counts them (times from `dateTimes`). */
export const daysFrom = (from: number, to: number): number => Math.round((to - from) / 86_400_000);

export function buildColumns(bundle: Bundle): FlagColumns {
  const ids = bundle.entities.map((e) => e.id);
  const index = new Map<string, number>();
  ids.forEach((id, i) => index.set(id, i));
  const entityOf = (id: string): number => index.get(id) ?? -1;
  const number = (id: string): number => {
    let n = index.get(id);
    if (n === undefined) {
      n = ids.length;
      ids.push(id);
      index.set(id, n);
    }
    return n;
  };
  const shipments = bundle.shipments;
  const count = shipments.length;
  const buyer = new Int32Array(count);
  const supplier = new Int32Array(count);
  const receiver = new Int32Array(count);
  const hs = new Int32Array(count);
  const heading = new Int32Array(count);
  const words = new Int32Array(count);
  const shippedOn = new Int32Array(count);
  const receivedOn = new Int32Array(count);
  const hsCodes = new Interner();
  const headings = new Interner();
  const hsHeading: number[] = [];
  const wordTexts = new Interner();
  const commodities = new Map<string, number>();
  const dates = new Interner();
  for (let i = 0; i < count; i++) {
    const s = shipments[i];
    buyer[i] = number(s.buyer);
    supplier[i] = number(s.supplier);
    receiver[i] = s.consignee === undefined ? buyer[i] : number(s.consignee);
    if (s.hsCode === undefined) {
      hs[i] = -1;
      heading[i] = -1;
    } else {
      const code = hsCodes.of(s.hsCode);
      if (code === hsHeading.length) hsHeading.push(headings.of(s.hsCode.slice(0, 4)));
      hs[i] = code;
      heading[i] = hsHeading[code];
    }
    let w = commodities.get(s.commodity);
    if (w === undefined) commodities.set(s.commodity, (w = wordTexts.of(fold(s.commodity))));
    words[i] = w;
    shippedOn[i] = s.shipped === undefined ? -1 : dates.of(s.shipped);
    receivedOn[i] = s.received === undefined ? -1 : dates.of(s.received);
  }
  const dateTimes = Float64Array.from(dates.values, (d) => Date.parse(`${d}T00:00:00Z`));
  const dateRank = new Int32Array(dates.values.length);
  dates.values
    .map((d, n) => ({ d, n }))
    .sort((a, b) => (a.d < b.d ? -1 : a.d > b.d ? 1 : 0))
    .forEach(({ n }, rank) => (dateRank[n] = rank));
  return {
    entityIds: ids,
    entityOf,
    shipments,
    buyer,
    supplier,
    receiver,
    boughtBy: indexLists(buyer, ids.length),
    soldBy: indexLists(supplier, ids.length),
    receivedBy: indexLists(receiver, ids.length),
    hs,
    hsCodes: hsCodes.values,
    heading,
    headings: headings.values,
    words,
    wordTexts: wordTexts.values,
    shippedOn,
    receivedOn,
    dates: dates.values,
    dateTimes,
    dateRank,
  };
}
