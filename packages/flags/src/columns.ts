import { checkedIfValid, indexLists as ownersLists, largeFloat64Array, largeInt32Array, largeUint8Array, type IndexLists as OwnersLists } from '@chokepoint/engine';
import type { Bundle, Shipment } from '@chokepoint/model';
import { fold } from './text';
import { PROGRESS_EVERY, type RuleProgress } from './types';

/**
 * Shipment numbers (positions in `bundle.shipments`) per entity number, each entity's in one run:
 * entity e's are items[start[e]] … items[start[e + 1] - 1], in bundle order.
 */
export type IndexLists = OwnersLists;

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
  /**
   * Per entity of the bundle (by its place in `bundle.entities`): its number, `entityOf(id)` (the place itself
   * unless ids repeat, when the last entity with an id gives the number), so that rules walking the entities ask
   * no id.
   */
  entityNumbers: Int32Array;
  shipments: readonly Shipment[];
  /**
   * Per relation (by its place in `bundle.relations`): the entity numbers of its source and target (-1 for an id no
   * entity or shipment has), so that rules walking every tie look no id up.
   */
  relationSource: Int32Array;
  relationTarget: Int32Array;
  /** Per shipment: entity numbers of buyer, supplier, and receiver (the consignee, else the buyer). */
  buyer: Int32Array;
  supplier: Int32Array;
  receiver: Int32Array;
  /**
   * Per shipment: its payer's entity number as looked up when the columns were built (-1: not found then, NO_PAYER:
   * the shipment names none), so that the rule on payers reads only the shipments that name one.
   */
  payer: Int32Array;
  /** Per entity: the shipments it bought, sold, and received (as consignee, or buyer when none is named). */
  boughtBy: IndexLists;
  soldBy: IndexLists;
  receivedBy: IndexLists;
  /** Per shipment: its mass in kilograms (`quantityKg`), and whether it has one (1) or not (0). */
  kg: Float64Array;
  hasKg: Uint8Array;
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

/** `FlagColumns.payer` of a shipment that names no payer. */
export const NO_PAYER = -2;

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

/** Typed arrays made as usual, for lists kept beyond one rule (a rule's own lists may come from its Scratch). */
const MADE = { int32: largeInt32Array };
type Int32Maker = { int32(length: number): Int32Array };

/**
 * Index lists of `owner` (entity number per shipment; negative: none), each entity's shipments in bundle order.
 * `arrays` makes the arrays (a rule's `ctx.scratch` for lists it does not keep).
 */
export function indexLists(owner: Int32Array, entities: number, arrays: Int32Maker = MADE): IndexLists {
  return ownersLists(owner, entities, (length) => arrays.int32(length));
}

/**
 * Index lists of `owner` like `indexLists`, but each entity's items ordered by `keys` (the first key first, then the
 * next …, then item number), as a stable sort with a comparator of those keys would order them. `keys[j].of[i]` is
 * item i's value of key j, from 0 to `keys[j].count - 1` (read only for items with an owner).
 *
 * The items are put in their entities' runs first (in item order, one pass), then each run is sorted on its own: most
 * runs are a few items long (an entity's sales), sorted by insertion, which reads each item's keys a few times; a
 * long run (a hub's) by a comparison sort. Sorting the whole list key by key instead (a counting sort per key, then
 * by entity) reads and writes every item at random places once per key and once more by entity: at six million
 * shipments that was the larger cost.
 */
export function indexListsSorted(owner: Int32Array, entities: number, keys: readonly { of: Int32Array; count: number }[], arrays: Int32Maker = MADE): IndexLists {
  const lists = indexLists(owner, entities, arrays);
  const { start, items } = lists;
  const first = keys.length > 0 ? keys[0].of : undefined;
  /** Whether item x comes before item y: by the keys in turn, then by item number. */
  const before = (x: number, y: number): boolean => {
    if (first !== undefined && first[x] !== first[y]) return first[x] < first[y];
    for (let j = 1; j < keys.length; j++) {
      const of = keys[j].of;
      if (of[x] !== of[y]) return of[x] < of[y];
    }
    return x < y;
  };
  for (let e = 0; e < entities; e++) {
    const lo = start[e];
    const hi = start[e + 1];
    if (hi - lo < 2) continue;
    if (hi - lo <= SHORT_RUN) {
      for (let k = lo + 1; k < hi; k++) {
        const x = items[k];
        let j = k - 1;
        while (j >= lo && before(x, items[j])) {
          items[j + 1] = items[j];
          j--;
        }
        items[j + 1] = x;
      }
    } else items.subarray(lo, hi).sort((x, y) => (x === y ? 0 : before(x, y) ? -1 : 1));
  }
  return lists;
}

/** Runs up to this long are sorted by insertion in indexListsSorted. */
const SHORT_RUN = 32;

/** Days from one date time to another, as `daysBetween` counts them (times from `dateTimes`). */
export const daysFrom = (from: number, to: number): number => Math.round((to - from) / 86_400_000);

/**
 * The columns the rules read (`FlagColumns`), from the bundle. `progress(done, total)` is told how many shipments are
 * read, once every PROGRESS_EVERY + 1 of them (millions of shipments take seconds); it plays no part in the result.
 */
export function buildColumns(bundle: Bundle, progress?: RuleProgress): FlagColumns {
  const ids = bundle.entities.map((e) => e.id);
  const index = new Map<string, number>();
  ids.forEach((id, i) => index.set(id, i));
  const unique = index.size === ids.length;
  const entityNumbers = new Int32Array(ids.length);
  for (let i = 0; i < ids.length; i++) entityNumbers[i] = unique ? i : index.get(ids[i])!;
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
  // (large arrays: see largeInt32Array)
  const buyer = largeInt32Array(count);
  const supplier = largeInt32Array(count);
  const receiver = largeInt32Array(count);
  const payer = largeInt32Array(count);
  const hs = largeInt32Array(count);
  const kg = largeFloat64Array(count);
  const hasKg = largeUint8Array(count);
  const heading = largeInt32Array(count);
  const words = largeInt32Array(count);
  const shippedOn = largeInt32Array(count);
  const receivedOn = largeInt32Array(count);
  const hsCodes = new Interner();
  const headings = new Interner();
  const hsHeading: number[] = [];
  const wordTexts = new Interner();
  const commodities = new Map<string, number>();
  const dates = new Interner();
  // A bundle of entities with distinct ids that passes the engine's check (the one analysed): the parties' numbers are
  // the ends of the ties the check looked up (the shipments' after the relations), not looked up again.
  const ends = unique ? checkedIfValid(bundle) : undefined;
  const r0 = bundle.relations.length;
  for (let i = 0; i < count; i++) {
    if ((i & PROGRESS_EVERY) === 0) progress?.(i, count);
    const s = shipments[i];
    buyer[i] = ends !== undefined && s.buyer !== undefined ? ends.to[r0 + i] : number(s.buyer);
    supplier[i] = ends !== undefined && s.supplier !== undefined ? ends.from[r0 + i] : number(s.supplier);
    receiver[i] = s.consignee === undefined ? buyer[i] : number(s.consignee);
    payer[i] = s.payer === undefined ? NO_PAYER : entityOf(s.payer);
    if (s.quantityKg !== undefined) {
      kg[i] = s.quantityKg;
      hasKg[i] = 1;
    }
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
  // The ends of the relations: those the check found, else looked up (after the shipments' parties, which may add ids).
  const relationSource = ends !== undefined ? ends.from.subarray(0, r0) : new Int32Array(r0);
  const relationTarget = ends !== undefined ? ends.to.subarray(0, r0) : new Int32Array(r0);
  if (ends === undefined) {
    for (let r = 0; r < r0; r++) {
      relationSource[r] = entityOf(bundle.relations[r].source);
      relationTarget[r] = entityOf(bundle.relations[r].target);
    }
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
    entityNumbers,
    shipments,
    relationSource,
    relationTarget,
    buyer,
    supplier,
    receiver,
    payer,
    boughtBy: indexLists(buyer, ids.length),
    soldBy: indexLists(supplier, ids.length),
    receivedBy: indexLists(receiver, ids.length),
    kg,
    hasKg,
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

/**
 * A set of pairs of non-negative integers (below 2^31 each), held in typed arrays by open addressing, each pair
 * numbered in order of first addition: for the rules that ask of every shipment or tie whether a pair was seen (or
 * which list it keys), without a number key (often beyond the small integers) or an object per pair.
 */
export class PairSet {
  private a: Int32Array;
  private b: Int32Array;
  private n: Int32Array;
  private mask: number;
  private count = 0;

  constructor(expected = 16) {
    let size = 16;
    while (size < expected * 2) size *= 2;
    this.a = largeInt32Array(size).fill(-1);
    this.b = largeInt32Array(size);
    this.n = largeInt32Array(size);
    this.mask = size - 1;
  }

  /** How many pairs the set holds. */
  get size(): number {
    return this.count;
  }

  private slot(x: number, y: number): number {
    let h = (Math.imul(x, 0x9e3779b1) ^ Math.imul(y + 0x7f4a7c15, 0x85ebca6b)) >>> 0;
    h = (h ^ (h >>> 15)) & this.mask;
    while (this.a[h] !== -1 && (this.a[h] !== x || this.b[h] !== y)) h = (h + 1) & this.mask;
    return h;
  }

  has(x: number, y: number): boolean {
    return this.a[this.slot(x, y)] !== -1;
  }

  /** The number of a pair (0, 1, … in order of first addition), -1 when it is not in the set. */
  find(x: number, y: number): number {
    const h = this.slot(x, y);
    return this.a[h] === -1 ? -1 : this.n[h];
  }

  /** Adds a pair if new; its number. */
  add(x: number, y: number): number {
    const h = this.slot(x, y);
    if (this.a[h] !== -1) return this.n[h];
    this.a[h] = x;
    this.b[h] = y;
    const number = (this.n[h] = this.count++);
    if (this.count * 2 > this.mask + 1) this.grow();
    return number;
  }

  private grow(): void {
    const { a, b, n } = this;
    this.a = largeInt32Array(a.length * 2).fill(-1);
    this.b = largeInt32Array(a.length * 2);
    this.n = largeInt32Array(a.length * 2);
    this.mask = a.length * 2 - 1;
    for (let i = 0; i < a.length; i++) {
      if (a[i] === -1) continue;
      const h = this.slot(a[i], b[i]);
      this.a[h] = a[i];
      this.b[h] = b[i];
      this.n[h] = n[i];
    }
  }
}
