import type { EntityResult } from '@chokepoint/engine';
import type { Shipment } from '@chokepoint/model';
import { daysFrom, indexLists, indexListsSorted, type FlagColumns, type IndexLists } from '../columns';
import { daysBetween, listWords, plural, showNumber } from '../text';
import { PROGRESS_EVERY, type FlagContext, type Rule, type RuleHit, type Severity } from '../types';
import { goodsWords, lineWords, linkWords, shipmentTable } from './words';

const NO_DATE = 'no date of arrival or shipping';
const UNDATED_ONWARD = 'onward shipments of the same goods have no shipping date';

const MAX_HOPS = 25;

/** The date goods arrived: received, or shipped when no arrival date is known. */
const arrival = (s: Shipment): string | undefined => s.received ?? s.shipped;

/**
 * What the rule reads, by shipment number, built once per run: each shipment's arrival date, each entity's sales with
 * a readable shipping date and its receipts with a readable arrival date, of each goods in time order (so that the
 * sales of the same goods within a dwell limit are found by binary search, without reading the others), and its sales
 * without a shipping date (which cannot be timed).
 */
interface Transit {
  c: FlagColumns;
  /** Per shipment: the number of its arrival date (received, else shipped), -1 for none. */
  arrival: Int32Array;
  /** Per entity: its dated sales, of each goods by shipping time. */
  sales: Timeline;
  /** Per entity: its sales without a shipping date. */
  undated: IndexLists;
  /**
   * Per entity: what it received with a readable arrival date, of each goods by arrival time (so that the receipt just
   * before a sale is found by binary search: a distributor receiving 200,000 shipments had all of them read for each
   * of its sales, along every chain, seven minutes for one rule).
   */
  receipts: Timeline;
}

/**
 * Shipments of each entity by a key (HS heading or commodity words; none for `wide`), then by time: `time` is aligned
 * with `lists.items`.
 */
interface TimedLists {
  lists: IndexLists;
  /** Per shipment: its key (undefined: by time only). */
  key: Int32Array | undefined;
  time: Float64Array;
}

/**
 * An entity with more shipments than this (sales, or receipts) has them indexed by goods as well as by time: the
 * shipments of the same goods within a dwell limit are read without the others. An entity with fewer has all of them
 * read, the others passed over (sorting a few shipments by goods costs more than reading past them).
 */
const BY_GOODS_ABOVE = 64;

/**
 * Shipments of each entity in time order (`wide`), and for an entity of more than BY_GOODS_ABOVE (`byGoods`), of each
 * goods in time order as sameGoods tells goods apart: those with an HS code by heading, those without by their
 * commodity words, and (made on first need, for a shipment without a code) all by their words. A distributor's dwell
 * limit holds thousands of shipments of other goods: the 400,000 shipments through one distributor had 8,800 read for
 * each of its 200,000 receipts, and again for each of its sales.
 */
interface Timeline {
  wide: TimedLists;
  /** Per entity: 1 when its shipments are indexed by goods. */
  byGoods: Uint8Array;
  /** The shipments of the entities indexed by goods (made on first need): with a code, by heading; without, by words; all by words. */
  coded(): TimedLists;
  uncoded(): TimedLists;
  all(): TimedLists;
}

function timeline(c: FlagColumns, owner: Int32Array, rank: Int32Array, ranks: number, timeOf: (i: number) => number, arrays: FlagContext['scratch']): Timeline {
  const count = owner.length;
  const entities = c.entityIds.length;
  const timed = (lists: IndexLists, key: Int32Array | undefined): TimedLists => {
    const time = arrays.float64(lists.items.length);
    for (let k = 0; k < lists.items.length; k++) time[k] = timeOf(lists.items[k]);
    return { lists, key, time };
  };
  const wide = timed(indexListsSorted(owner, entities, [{ of: rank, count: ranks }], arrays), undefined);
  const byGoods = new Uint8Array(entities);
  for (let e = 0; e < entities; e++) if (wide.lists.start[e + 1] - wide.lists.start[e] > BY_GOODS_ABOVE) byGoods[e] = 1;
  const make = (keep: (i: number) => boolean, key: Int32Array, keys: number): TimedLists => {
    const own = arrays.int32(count);
    for (let i = 0; i < count; i++) own[i] = owner[i] >= 0 && byGoods[owner[i]] === 1 && keep(i) ? owner[i] : -1;
    return timed(
      indexListsSorted(own, entities, [
        { of: key, count: keys },
        { of: rank, count: ranks },
      ], arrays),
      key,
    );
  };
  let coded: TimedLists | undefined;
  let uncoded: TimedLists | undefined;
  let all: TimedLists | undefined;
  return {
    wide,
    byGoods,
    coded: () => (coded ??= make((i) => c.hs[i] >= 0, c.heading, c.headings.length)),
    uncoded: () => (uncoded ??= make((i) => c.hs[i] < 0, c.words, c.wordTexts.length)),
    all: () => (all ??= make(() => true, c.words, c.wordTexts.length)),
  };
}

/** Whether entity `e` has no shipment in `t` (most buyers sell nothing: nothing to look up). */
const none = (t: Timeline, e: number): boolean => t.wide.lists.start[e + 1] === t.wide.lists.start[e];

/** A run of a TimedLists: its items from `lo` to `end`. */
type Run = { of: TimedLists; lo: number; end: number };

/** The shipments of entity `e` with key `key` (any, by time only) from time `from` on (to the end of the key's run). */
function runOf(of: TimedLists, e: number, key: number, from: number): Run {
  const { start, items } = of.lists;
  const keys = of.key;
  let lo = start[e];
  let hi = start[e + 1];
  let end = hi;
  if (keys !== undefined) {
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (keys[items[mid]] < key) lo = mid + 1;
      else hi = mid;
    }
    end = lo;
    hi = start[e + 1];
    while (end < hi) {
      const mid = (end + hi) >>> 1;
      if (keys[items[mid]] <= key) end = mid + 1;
      else hi = mid;
    }
  }
  hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (of.time[mid] < from) lo = mid + 1;
    else hi = mid;
  }
  return { of, lo, end };
}

/**
 * The runs of entity `e`'s shipments in `t` from time `from` on that hold those of the same goods as shipment `s`
 * (sameGoods): only those (`exact`), or, for an entity not indexed by goods, all of them (the caller passes over the
 * others).
 */
function sameGoodsRuns(t: Timeline, c: FlagColumns, e: number, s: number, from: number): { runs: Run[]; exact: boolean } {
  if (t.byGoods[e] === 0) return { runs: [runOf(t.wide, e, 0, from)], exact: false };
  if (c.hs[s] >= 0) return { runs: [runOf(t.coded(), e, c.heading[s], from), runOf(t.uncoded(), e, c.words[s], from)], exact: true };
  return { runs: [runOf(t.all(), e, c.words[s], from)], exact: true };
}

/**
 * Visits the shipments of one or two runs in time order (equal times: the first run's first), each with its time,
 * until `visit` returns false.
 */
function eachByTime(runs: readonly Run[], visit: (i: number, time: number) => boolean): void {
  const [x, y] = runs;
  let a = x.lo;
  let b = y === undefined ? 0 : y.lo;
  const bEnd = y === undefined ? 0 : y.end;
  while (a < x.end || b < bEnd) {
    if (b >= bEnd || (a < x.end && x.of.time[a] <= y!.of.time[b])) {
      if (!visit(x.of.lists.items[a], x.of.time[a])) return;
      a++;
    } else {
      if (!visit(y!.of.lists.items[b], y!.of.time[b])) return;
      b++;
    }
  }
}

/** eachByTime backwards: the latest first (equal times: the second run's first), until `visit` returns false. */
function eachByTimeBackwards(runs: readonly Run[], visit: (i: number, time: number) => boolean): void {
  const [x, y] = runs;
  let a = x.end - 1;
  let b = y === undefined ? -1 : y.end - 1;
  const bLo = y === undefined ? 0 : y.lo;
  while (a >= x.lo || b >= bLo) {
    if (b < bLo || (a >= x.lo && x.of.time[a] > y!.of.time[b])) {
      if (!visit(x.of.lists.items[a], x.of.time[a])) return;
      a--;
    } else {
      if (!visit(y!.of.lists.items[b], y!.of.time[b])) return;
      b--;
    }
  }
}

function transitOf(ctx: FlagContext): Transit {
  const c = ctx.columns;
  const count = c.shipments.length;
  const entities = c.entityIds.length;
  // The rule's own arrays, lent for the time it runs (ctx.scratch).
  const arrays = ctx.scratch;
  const arrival = arrays.int32(count);
  const dated = arrays.int32(count);
  const undatedOwner = arrays.int32(count);
  for (let i = 0; i < count; i++) {
    arrival[i] = c.receivedOn[i] >= 0 ? c.receivedOn[i] : c.shippedOn[i];
    // A sale whose date cannot be read never falls within a dwell limit (its days are not a number).
    const on = c.shippedOn[i];
    dated[i] = on >= 0 && !Number.isNaN(c.dateTimes[on]) ? c.supplier[i] : -1;
    undatedOwner[i] = on < 0 ? c.supplier[i] : -1;
  }
  // Each entity's dated sales by shipping time (and by goods, for the entities of many), then in bundle order: times
  // ranked once (equal times one rank), the sales counted into their ranks.
  const byTime = [...c.dateTimes.keys()].filter((d) => !Number.isNaN(c.dateTimes[d])).sort((a, b) => c.dateTimes[a] - c.dateTimes[b]);
  const timeRank = new Int32Array(c.dateTimes.length);
  let ranks = 0;
  byTime.forEach((d, k) => (timeRank[d] = k > 0 && c.dateTimes[d] === c.dateTimes[byTime[k - 1]] ? ranks - 1 : ranks++));
  const saleRank = arrays.int32(count);
  for (let i = 0; i < count; i++) if (dated[i] >= 0) saleRank[i] = timeRank[c.shippedOn[i]];
  const sales = timeline(c, dated, saleRank, ranks, (i) => c.dateTimes[c.shippedOn[i]], arrays);
  // Each entity's receipts with a readable arrival date, by arrival time (and by goods, for the entities of many).
  const arrived = arrays.int32(count);
  const arrivalRank = arrays.int32(count);
  for (let i = 0; i < count; i++) {
    const a = arrival[i];
    arrived[i] = a >= 0 && !Number.isNaN(c.dateTimes[a]) ? c.receiver[i] : -1;
    if (arrived[i] >= 0) arrivalRank[i] = timeRank[a];
  }
  const receipts = timeline(c, arrived, arrivalRank, ranks, (i) => c.dateTimes[arrival[i]], arrays);
  return { c, arrival, sales, undated: indexLists(undatedOwner, entities, arrays), receipts };
}

/** Same goods: the same HS heading when both codes are known, else the same commodity words. */
function sameGoods(c: FlagColumns, a: number, b: number): boolean {
  return c.hs[a] >= 0 && c.hs[b] >= 0 ? c.heading[a] === c.heading[b] : c.words[a] === c.words[b];
}

/** Whether the entity that received `inbound` sold the same goods on without a shipping date (so they cannot be timed). */
function undatedOnward(t: Transit, inbound: number): boolean {
  const { c, undated } = t;
  const holder = c.receiver[inbound];
  // The shipments themselves (their ids) read only for the sales of the same goods.
  for (let k = undated.start[holder]; k < undated.start[holder + 1]; k++) {
    const o = undated.items[k];
    if (sameGoods(c, inbound, o) && c.shipments[o].id !== c.shipments[inbound].id) return true;
  }
  return false;
}

const DAY_MS = 86_400_000;

/** When `inbound` arrived (its time), or undefined when the arrival has no readable date. */
function arrivedAt(t: Transit, inbound: number): number | undefined {
  const arrived = t.arrival[inbound];
  if (arrived < 0) return undefined;
  const at = t.c.dateTimes[arrived];
  return Number.isNaN(at) ? undefined : at;
}

/**
 * How many onward shipments a flag names (`evidence.onward`, the quickest; `evidence.onwardCount` counts them all). A
 * distributor selling from stock what it buys has hundreds of sales of the same goods within the dwell limit of each
 * receipt: 19,579 flags of one distributor named 3.9 million onward shipments between them (a report of 426 MB for
 * 100,000 shipments; at 400,000 the analysis ran out of memory).
 */
export const ONWARD_NAMED = 20;

/** The onward shipments of a receipt within the dwell limit: the ONWARD_NAMED quickest, and how many there are. */
interface OnwardSales {
  named: Onward[];
  count: number;
}
const NO_SALES: OnwardSales = { named: [], count: 0 };

/**
 * Onward shipments of the goods of `inbound` by the entity that received them, within the dwell limit (those `keep`
 * keeps, when given): how many, and the ONWARD_NAMED quickest (fewest days, then lowest id). The sales read are those
 * of the same goods shipped from a day before arrival on (a day rounds to 0 or less); from there, days only grow.
 */
function onward(t: Transit, inbound: number, maxDwell: number, keep?: (o: number) => boolean): OnwardSales {
  const { c } = t;
  const at = arrivedAt(t, inbound);
  if (at === undefined || none(t.sales, c.receiver[inbound])) return NO_SALES;
  const { runs, exact } = sameGoodsRuns(t.sales, c, c.receiver[inbound], inbound, at - DAY_MS);
  // Of the same goods only (exact), without `keep`, and unless the receipt is a sale of its receiver too, every sale
  // from the first of 0 days to the last within the limit counts: counted by binary search, and only the quickest read
  // (a distributor's limit holds hundreds of sales of the same goods for each of its receipts).
  const counted = exact && keep === undefined && c.supplier[inbound] !== c.receiver[inbound];
  let count = 0;
  if (counted) {
    for (const r of runs) {
      r.lo = firstDay(r, (time) => daysFrom(at, time) >= 0);
      r.end = firstDay(r, (time) => daysFrom(at, time) > maxDwell);
      count += r.end - r.lo;
    }
    if (count === 0) return NO_SALES;
  }
  let named: Onward[] | undefined;
  /** The days of the ONWARD_NAMED-th sale kept for naming (-1: fewer kept): sales of that day are kept too, for the tie-break by id. */
  let lastDays = -1;
  const id = c.shipments[inbound].id;
  eachByTime(runs, (o, time) => {
    const days = daysFrom(at, time);
    if (days > maxDwell || (counted && lastDays >= 0 && days > lastDays)) return false;
    if (!(days >= 0) || (!exact && !sameGoods(c, inbound, o)) || (keep !== undefined && !keep(o))) return true;
    const out = c.shipments[o];
    // (counted: the receipt is not among its receiver's sales, whose ids are others')
    if (!counted && out.id === id) return true;
    if (!counted) count++;
    // The quickest are the first, but for the order by id among those of one day.
    if (lastDays < 0 || days === lastDays) {
      (named ??= []).push({ out, at: o, days });
      if (lastDays < 0 && named.length === ONWARD_NAMED) lastDays = days;
    }
    return true;
  });
  if (named === undefined) return NO_SALES;
  named.sort((a, b) => a.days - b.days || (a.out.id < b.out.id ? -1 : 1));
  return { named: named.length > ONWARD_NAMED ? named.slice(0, ONWARD_NAMED) : named, count };
}

/** The first item of run `r` (from its `lo`, to its `end`) whose time `reached` says yes to; `reached` must only turn from no to yes. */
function firstDay(r: Run, reached: (time: number) => boolean): number {
  let lo = r.lo;
  let hi = r.end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (reached(r.of.time[mid])) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * onward(t, inbound, maxDwell).named[0] (the quickest onward shipment, the lowest id among the quickest), found without
 * reading the rest of the dwell limit: a chain is followed forward hop by hop, and a distributor's limit holds hundreds
 * of sales.
 */
function firstOnward(t: Transit, inbound: number, maxDwell: number): number | undefined {
  const { c } = t;
  const at = arrivedAt(t, inbound);
  if (at === undefined || none(t.sales, c.receiver[inbound])) return undefined;
  const id = c.shipments[inbound].id;
  let best: number | undefined;
  let bestDays = 0;
  const { runs, exact } = sameGoodsRuns(t.sales, c, c.receiver[inbound], inbound, at - DAY_MS);
  eachByTime(runs, (o, time) => {
    const days = daysFrom(at, time);
    // Days only grow: past the limit, or past the day of the quickest found, nothing quicker comes.
    if (days > maxDwell || (best !== undefined && days > bestDays)) return false;
    if (!(days >= 0) || (!exact && !sameGoods(c, inbound, o))) return true;
    const oid = c.shipments[o].id;
    if (oid !== id && (best === undefined || oid < c.shipments[best].id)) {
      best = o;
      bestDays = days;
    }
    return true;
  });
  return best;
}
/** An onward shipment (and its number) with the days it left after the goods arrived. */
interface Onward {
  out: Shipment;
  at: number;
  days: number;
}

/** The shipment that brought these goods to `s`'s supplier just before, if the supplier re-shipped quickly. */
function previous(t: Transit, s: number, maxDwell: number): number | undefined {
  const { c } = t;
  const on = c.shippedOn[s];
  if (on < 0) return undefined;
  const shipped = c.dateTimes[on];
  if (Number.isNaN(shipped) || none(t.receipts, c.supplier[s])) return undefined;
  const id = c.shipments[s].id;
  let best: number | undefined;
  let bestDays = 0;
  // Only receipts of the goods that arrived from maxDwell days (and one more, for the rounding of days) before the sale
  // to a day after it can be within the limit. They are read from the latest back (days only grow): the first day with
  // a receipt is the quickest, and only its receipts are read (a distributor receives hundreds of the same goods within
  // the limit of each sale).
  const from = shipped - (maxDwell + 1) * DAY_MS;
  const { runs, exact } = sameGoodsRuns(t.receipts, c, c.supplier[s], s, from);
  for (const r of runs) r.end = firstDay(r, (time) => time > shipped + DAY_MS);
  eachByTimeBackwards(runs, (i, time) => {
    const days = daysFrom(time, shipped);
    if (days > maxDwell || (best !== undefined && days > bestDays)) return false;
    if (!(days >= 0) || (!exact && !sameGoods(c, i, s)) || c.shipments[i].id === id) return true;
    if (best === undefined || days < bestDays || (days === bestDays && c.shipments[i].id < c.shipments[best].id)) {
      best = i;
      bestDays = days;
    }
    return true;
  });
  return best;
}

/**
 * ISIC prefixes of resellers, whose trade is selling on what they buy: the sellers of motor vehicles, parts and
 * motorcycles in division 45 (not repair, 4520), wholesale (46) and retail (47).
 */
export const RESELLERS = ['4510', '4530', '4540', '46', '47'] as const;

/** Whether the entity's line of business (its ISIC code, or a reading of its sector text) is a reseller's. */
function isReseller(ctx: FlagContext, id: string): boolean {
  const line = ctx.lineOfBusiness(id);
  return [line.isic, ...(line.sectorReadings ?? [])].some((code) => code !== undefined && RESELLERS.some((p) => code.startsWith(p)));
}

export const rapidTransit: Rule = {
  id: 'rapid-transit',
  title: 'Goods moved on remarkably rapidly',
  description:
    'An entity that received goods (as consignee, or as buyer when no consignee is named) and shipped the same goods (same HS heading, or the same commodity words) onward within maxDwellDays. Resellers (ISIC 46, 47, 4510, 4530, 4540) re-selling goods of their trade are judged as such: their quick re-shipments are flagged only when watch-listed goods went on to a company within radiusKm of a border crossing that is not a documented user of them, and the reseller lies by a crossing itself or belongs to the recipient’s company group (a distant distributor’s sale to an unrelated customer is judged on the customer, by the other rules). The chain of such hops is followed back and forward; when the whole chain, from the first shipment leaving to the last hop arriving, took at most maxChainDays and has at least two hops, the severity is raised. A chain that stays inside one company group from its first supplier to its last recipient is intraGroupSeverity. Measured times are in the evidence.',
  severity: 'medium',
  parameters: [
    { name: 'maxDwellDays', type: 'integer', default: 14, min: 0, max: 365, description: 'Longest time between receiving goods and shipping them on that counts as rapid.' },
    { name: 'maxChainDays', type: 'integer', default: 30, min: 0, max: 3650, description: 'A chain of re-shipments faster than this raises the severity.' },
    { name: 'chainSeverity', type: 'severity', default: 'high', description: 'Severity for a fast chain of at least two re-shipments.' },
    { name: 'watchlistOnly', type: 'boolean', default: false, description: 'Only follow watch-listed goods.' },
    {
      name: 'exemptResellers',
      type: 'boolean',
      default: true,
      description:
        'Selling on what they buy is the trade of resellers: wholesalers (ISIC division 46), retailers (47) and the sellers of motor vehicles, parts and motorcycles (4510, 4530, 4540; not repair, 4520). Do not flag their quick re-shipments of goods that fit their line of business (they still appear inside chains), except watch-listed goods shipped on to a company within radiusKm of a border crossing that is not a documented user of them, by a reseller that lies within radiusKm of a crossing itself or belongs to the recipient’s company group.',
    },
    { name: 'radiusKm', type: 'number', default: null, min: 0, description: 'For resellers: how close to a border crossing a recipient of watch-listed goods must be for the quick re-shipment to count; empty (null) uses the analysis radius.' },
    { name: 'intraGroupSeverity', type: 'severity', default: 'low', description: 'Severity when the whole chain, first supplier to last recipient, stays inside one company group.' },
  ],
  sources: [
    {
      publisher: 'Conflict Armament Research',
      indicator: 'Goods moved remarkably rapidly from European manufacturers through Turkish companies to IS forces.',
      reference: 'CAR (2020), Islamic State procurement networks in Turkey and beyond',
    },
    {
      publisher: 'FATF and Egmont Group',
      indicator: 'Transshipment through one or more jurisdictions for no apparent economic reason.',
      reference: 'FATF–Egmont Group (2020), Trade-Based Money Laundering: Trends and Developments',
    },
  ],
  falsePositives:
    'Traders outside ISIC divisions 45–47 whose business is to sell on what they buy (a general contractor passing materials to a site), cross-docking, and just-in-time supply. A reseller shipping watch-listed goods of its own trade to a border-area company that is not a documented user of them is still flagged: a retailer serving a customer across the street from a crossing will be among them.',
  intraGroup:
    'Judged on the whole chain. Goods that enter a group from outside and are passed quickly through its companies towards a border are the pattern CAR describes, so those chains keep their severity, and the flag names the hops made inside a group. A chain that never leaves one group (a factory supplying the group warehouse, which supplies a group shop) is internal logistics: intraGroupSeverity, default low.',
  coverage: { unit: 'shipments received', reasons: [NO_DATE, UNDATED_ONWARD] },
  evaluate(ctx, params, coverage, progress) {
    const maxDwell = params.maxDwellDays as number;
    const maxChain = params.maxChainDays as number;
    const chainSeverity = params.chainSeverity as Severity;
    const watchOnly = params.watchlistOnly as boolean;
    const exemptResellers = params.exemptResellers as boolean;
    const radius = (params.radiusKm as number | null) ?? ctx.radiusKm;
    const groupSeverity = params.intraGroupSeverity as Severity;
    // Each entity's nearest crossing, by id, built on first use (only resellers are asked).
    let crossingOf: Map<string, EntityResult['nearestCrossing']> | undefined;
    /** The crossing an entity lies within `radius` of, if it does (undefined without coordinates or crossings). */
    const nearBorder = (id: string) => {
      crossingOf ??= new Map(ctx.analysis.entities.map((e) => [e.id, e.nearestCrossing]));
      const c = crossingOf.get(id);
      return c !== null && c !== undefined && c.distanceKm <= radius ? c : undefined;
    };
    /**
     * Per entity number: 1 when it lies within `radius` of a border crossing (nearBorder), and how many do; made on
     * first use.
     */
    let nearBy: { at: Int8Array; count: number } | undefined;
    const nearByNumber = (): { at: Int8Array; count: number } => {
      if (nearBy === undefined) {
        const ids = ctx.columns.entityIds;
        nearBy = { at: new Int8Array(ids.length), count: 0 };
        for (let e = 0; e < ids.length; e++) {
          if (nearBorder(ids[e]) === undefined) continue;
          nearBy.at[e] = 1;
          nearBy.count++;
        }
      }
      return nearBy;
    };
    const hits: RuleHit[] = [];
    const t = transitOf(ctx);
    // The step back and the step forward from each shipment, found once: the chains of many shipments pass through the
    // same ones (a distributor's, whose dwell limit holds hundreds of receipts and sales). -2: not found yet; -1: none.
    const steps = (find: (s: number) => number | undefined) => {
      const known = ctx.scratch.int32(ctx.bundle.shipments.length, -2);
      return (s: number): number | undefined => {
        if (known[s] === -2) known[s] = find(s) ?? -1;
        return known[s] < 0 ? undefined : known[s];
      };
    };
    const before = steps((s) => previous(t, s, maxDwell));
    const quickestAfter = steps((s) => firstOnward(t, s, maxDwell));
    const shipments = ctx.bundle.shipments;
    for (let at = 0; at < shipments.length; at++) {
      if ((at & PROGRESS_EVERY) === 0) progress(at, shipments.length);
      if (watchOnly && ctx.watchOf[at] < 0) continue;
      if (t.arrival[at] < 0) {
        coverage.notJudged(NO_DATE);
        continue;
      }
      let sold = onward(t, at, maxDwell);
      if (sold.count === 0) {
        if (undatedOnward(t, at)) coverage.notJudged(UNDATED_ONWARD);
        else coverage.judged();
        continue;
      }
      const inbound = shipments[at];
      coverage.judged();
      const holder = inbound.consignee ?? inbound.buyer;
      // A reseller re-selling goods of its trade is doing its business. What stays a signal: watch-listed goods going
      // on within days to a company by a border crossing that has no documented use for them, from a reseller that
      // is part of that border-side business itself (by the border too, or in the recipient's company group). A
      // distant distributor's sale to an unrelated customer is judged on the customer (precursor-watchlist,
      // off-profile-purchase, border-junction), not as the distributor's rapid transit.
      const item = ctx.watch(inbound);
      const resold = exemptResellers && isReseller(ctx, holder) && ctx.fits(holder, inbound) === true;
      if (resold) {
        // (goods not watch-listed, or no recipient by a border crossing in the data: no sale counts, none is read)
        if (item === undefined) continue;
        const near = nearByNumber();
        if (near.count === 0) continue;
        const signal = (to: string) => nearBorder(to) !== undefined && ctx.isUser(to, item) !== true && (nearBorder(holder) !== undefined || ctx.group(holder).id === ctx.group(to).id);
        // (the recipients by a border crossing found by number first: a distributor's receipt has hundreds of sales to read)
        sold = onward(t, at, maxDwell, (o) => near.at[t.c.receiver[o]] === 1 && signal(shipments[o].consignee ?? shipments[o].buyer));
        if (sold.count === 0) continue;
      }
      const next = sold.named;
      // The chain: back through quick re-shipments, then forward along the quickest onward hops.
      const chain: Shipment[] = [inbound];
      const seen = new Set([inbound.id]);
      // Chains are followed up to MAX_HOPS shipments each way.
      for (let p = before(at); p !== undefined && !seen.has(shipments[p].id) && chain.length < MAX_HOPS; p = before(p)) {
        chain.unshift(shipments[p]);
        seen.add(shipments[p].id);
      }
      for (let n = next[0] === undefined ? undefined : next[0].at; n !== undefined && !seen.has(shipments[n].id) && chain.length < 2 * MAX_HOPS; ) {
        chain.push(shipments[n]);
        seen.add(shipments[n].id);
        n = quickestAfter(n);
      }
      const start = chain[0].shipped ?? arrival(chain[0])!;
      const end = arrival(chain[chain.length - 1])!;
      const chainDays = daysBetween(start, end);
      const hops = chain.length - 1;
      const fast = hops >= 2 && chainDays <= maxChain;
      const path = [chain[0].supplier, ...chain.map((s) => s.consignee ?? s.buyer)];
      const oneGroup = path.every((id) => ctx.group(id).id === ctx.group(path[0]).id);
      // The hops made inside one company group, with the ties that link sender and recipient.
      const groupHops = chain.flatMap((s) => {
        const link = ctx.groupLink(s.supplier, s.consignee ?? s.buyer);
        return link ? [{ shipment: s.id, from: s.supplier, to: s.consignee ?? s.buyer, link }] : [];
      });
      const severity: Severity | undefined = oneGroup ? groupSeverity : fast ? chainSeverity : undefined;
      const first = next[0];
      const to = first.out.consignee ?? first.out.buyer;
      const later = first.days === 0 ? 'the same day' : `${plural(first.days, 'day', 'days')} later`;
      hits.push({
        entities: [holder],
        shipment: inbound.id,
        counterparties: [...new Set([inbound.supplier, ...next.map((x) => x.out.consignee ?? x.out.buyer)])],
        shipments: [...new Set([inbound.id, ...next.map((x) => x.out.id), ...chain.map((s) => s.id)])],
        severity,
        evidence: {
          inbound: inbound.id,
          arrived: arrival(inbound),
          onward: next.map((x) => ({ shipment: x.out.id, to: x.out.consignee ?? x.out.buyer, shipped: x.out.shipped, dwellDays: x.days })),
          onwardCount: sold.count,
          dwellDays: first.days,
          chain: chain.map((s) => s.id),
          chainPath: path,
          chainDays,
          reshipments: hops,
          maxDwellDays: maxDwell,
          maxChainDays: maxChain,
          chainInsideOneGroup: oneGroup,
          groupHops,
          reseller: resold
            ? {
                isic: ctx.lineOfBusiness(holder).isic ?? null,
                watchlist: item!.id,
                recipients: [...new Set(next.map((x) => x.out.consignee ?? x.out.buyer))].map((id) => ({ id, crossing: nearBorder(id)!.id, distanceKm: nearBorder(id)!.distanceKm })),
                resellerNearBorder: nearBorder(holder) !== undefined,
                radiusKm: radius,
              }
            : null,
        },
        summary:
          `${ctx.label(holder)} received ${goodsWords(inbound)} on ${arrival(inbound)} and shipped it on to ${ctx.label(to)} ${later}` +
          (hops >= 2 ? `; from ${ctx.label(path[0])} to ${ctx.label(path[path.length - 1])} the goods took ${chainDays} days over ${hops + 1} shipments` : '') +
          (oneGroup ? '; every company on the way belongs to one company group.' : '.'),
        explanation: {
          sentences: [
            `The shipment records show ${ctx.label(holder)} receiving ${goodsWords(inbound)} from ${ctx.label(inbound.supplier)} (shipment ${inbound.id}) on ${arrival(inbound)}, and shipping the same goods on to ${ctx.label(to)} (shipment ${first.out.id}) ${later}, within the ${maxDwell}-day limit of this rule.`,
            hops >= 2
              ? `Followed along quick re-shipments, the goods went ${path.map((id) => ctx.label(id)).join(' → ')}: ${plural(hops + 1, 'shipment', 'shipments')} in ${plural(chainDays, 'day', 'days')}${fast ? `, within ${maxChain} days, which raises the severity` : ''}.`
              : 'No further quick re-shipment of these goods was found before or after.',
            ...(resold
              ? [
                  `Re-selling goods of this kind is ${ctx.label(holder)}’s trade (${lineWords(ctx, holder)}), which alone is not flagged; the shipment is flagged because the goods are watch-listed (${item!.name}) and went on to ${listWords(
                    [...new Set(next.map((x) => x.out.consignee ?? x.out.buyer))].map((id) => `${ctx.label(id)}, ${showNumber(Math.round(nearBorder(id)!.distanceKm * 10) / 10)} km from ${nearBorder(id)!.name}`),
                  )}, within ${radius} km of a border crossing and not a documented user of ${item!.name}, from a reseller ${
                    nearBorder(holder) !== undefined
                      ? `that lies by the border itself (${showNumber(Math.round(nearBorder(holder)!.distanceKm * 10) / 10)} km from ${nearBorder(holder)!.name})`
                      : 'of the recipient’s own company group'
                  }.`,
                ]
              : []),
            ...(oneGroup
              ? [`Every company on the way belongs to one company group: this is movement inside the group, so the flag is ${severity}.`]
              : groupHops.length > 0
                ? [`${plural(groupHops.length, 'hop was', 'hops were')} made inside one company group: ${listWords(groupHops.map((h) => `${h.shipment} (${linkWords(h.link)})`))}.`]
                : []),
            'Where to look: why the goods stayed so briefly (storage, processing or sale records), who received them at the end of the chain, and how close that is to a border.',
          ],
          facts: [
            ...shipmentTable(ctx, inbound),
            { label: 'Shipped on', value: `${first.out.id} to ${ctx.label(to)}, ${first.out.shipped}` },
            { label: 'Time before shipping on', value: plural(first.days, 'day', 'days'), threshold: `≤ ${maxDwell} days` },
            ...(sold.count > next.length
              ? [{ label: 'Shipped on within the limit', value: `${showNumber(sold.count)} shipments of the same goods (the ${ONWARD_NAMED} quickest named in the evidence)`, threshold: `≤ ${maxDwell} days after arrival` }]
              : []),
            ...(hops >= 2
              ? [{ label: 'Whole chain', value: `${plural(chainDays, 'day', 'days')} over ${hops + 1} shipments: ${chain.map((s) => s.id).join(' → ')}`, threshold: `≤ ${maxChain} days and at least 3 shipments raise the severity` }]
              : []),
            ...(groupHops.length > 0 ? [{ label: 'Hops inside one company group', value: groupHops.map((h) => h.shipment).join(', ') }] : []),
            ...(resold
              ? [
                  {
                    label: 'Reseller of these goods',
                    value: `yes: watch-listed (${item!.name}), sent on to a border-area company with no documented use for them`,
                    threshold: `exempt unless watch-listed goods go to a non-user within ${radius} km of a crossing, from a reseller by the border or in the recipient’s group`,
                  },
                ]
              : []),
          ],
        },
      });
    }
    return hits;
  },
};
