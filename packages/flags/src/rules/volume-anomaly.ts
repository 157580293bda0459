import type { Shipment } from '@chokepoint/model';
import { largestBy, median } from '@chokepoint/engine';
import { listWords, plural, showHs, showMoneyTotals, showNumber, showQuantity } from '../text';
import { PROGRESS_EVERY, type Rule, type RuleHit, type Severity } from '../types';
import { lineFacts, lineWords, linkWords, massDeclared } from './words';
import { indexLists, PairSet, type IndexLists } from '../columns';

const NO_HS = 'no HS code';
const NO_KG = 'quantity not in kg (no mass, or a unit that cannot be weighed)';
const LINE_UNKNOWN = 'buyer’s line of business unknown';
const FEW_PEERS = 'too few peers (other buyers of the heading in the ISIC class, fewer than minPeers)';

/** Floor of the spread, in log10 units: identical peers must not make every difference infinite. */
const MIN_SPREAD = 0.05;

interface Totals {
  /** The buyer's entity number (columns.entityIds), its employees, the heading's number (columns.headings). */
  buyerNo: number;
  employees: number | undefined;
  headingNo: number;
  kg: number;
  /** How many shipments make the total (they are gathered again for the totals that are flagged). */
  count: number;
}

/**
 * Modified z-score (Iglewicz & Hoaglin) of `x` against `peers`, on a log10 scale:
 * 0.6745 · (x − median) / MAD, with the mean absolute deviation · 1.2533 when the MAD is 0.
 */
export function robustZ(x: number, peers: number[]): { z: number; median: number; spread: number } {
  const logs = peers.map((p) => Math.log10(p));
  const med = median(logs);
  const deviations = logs.map((l) => Math.abs(l - med));
  const mad = median(deviations);
  const meanAd = deviations.reduce((a, b) => a + b, 0) / deviations.length;
  const spread = Math.max(MIN_SPREAD, mad > 0 ? mad / 0.6745 : meanAd * 1.2533);
  return { z: (Math.log10(x) - med) / spread, median: 10 ** med, spread };
}

/**
 * robustZ of each member of a group against all the others (leave one out), without rebuilding the peers for
 * each member: O(G log G) for the whole group instead of O(G² log G). The logs are sorted once; leaving one value
 * out moves the median to one of at most three places, and for each of those the sorted deviations are built
 * once. Gives what robustZ(x, the group without one x) gives (the tests check it against robustZ).
 */
export class LeaveOneOut {
  private readonly logs: Float64Array;
  /**
   * The sorted deviations from each median that leaving one out can give, and their sum, by case (see `caseOf`),
   * built on first use. Two cases may give the same median; their deviations are then the same too.
   */
  private readonly byCase: ({ deviations: Float64Array; sum: number } | undefined)[] = [undefined, undefined, undefined];
  /** The median (log) and 10 ** median of each case, NaN until asked. */
  private readonly medLog = [NaN, NaN, NaN];
  private readonly medPow = [NaN, NaN, NaN];

  /**
   * `take`: the group may keep `values` (a Float64Array the caller made for it and does not read again), writing the
   * logs over them, instead of a copy (one typed array less per group; a large bundle has hundreds of thousands).
   */
  constructor(values: readonly number[] | Float64Array, take = false) {
    const logs = take && values instanceof Float64Array ? values : new Float64Array(values.length);
    for (let i = 0; i < values.length; i++) logs[i] = Math.log10(values[i]);
    this.logs = logs.sort();
  }

  get size(): number {
    return this.logs.length;
  }

  /** The rank of a member's log (the first index holding it); throws for a value not in the group. */
  private rankOf(x: number, lx: number): number {
    const r = lowerBound(this.logs, lx);
    if (r >= this.logs.length || this.logs[r] !== lx) throw new RangeError(`LeaveOneOut.without: ${x} is not in the group`);
    return r;
  }

  /**
   * Where the median lands when the member of rank r leaves: with m = size − 1 left and mid = m >> 1, the median
   * reads the values at mid (and mid − 1 when m is even), each shifted up by one when at or above r. So it depends
   * only on whether r is above mid, above mid − 1, or neither: three cases.
   */
  private caseOf(r: number): number {
    const mid = (this.logs.length - 1) >> 1;
    return mid < r ? (mid - 1 < r ? 0 : 1) : mid - 1 < r ? 1 : 2;
  }

  /** The median (log) of the group without the member of rank r. */
  private medianLog(r: number): number {
    const c = this.caseOf(r);
    let med = this.medLog[c];
    if (Number.isNaN(med)) {
      const logs = this.logs;
      const m = logs.length - 1;
      const mid = m >> 1;
      const at = (i: number) => logs[i < r ? i : i + 1];
      med = m % 2 === 1 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
      this.medLog[c] = med;
      this.medPow[c] = 10 ** med;
    }
    return med;
  }

  /** without(x).median alone: the median of the group without one member equal to x (x must be a member). */
  medianWithout(x: number): number {
    const r = this.rankOf(x, Math.log10(x));
    this.medianLog(r);
    return this.medPow[this.caseOf(r)];
  }

  /** robustZ(x, the group without one member equal to x). x must be a member; the group needs two or more. */
  without(x: number): { z: number; median: number; spread: number } {
    const lx = Math.log10(x);
    const r = this.rankOf(x, lx);
    const m = this.logs.length - 1;
    const mid = m >> 1;
    const med = this.medianLog(r);
    const c = this.caseOf(r);
    let cached = this.byCase[c];
    if (cached === undefined) {
      const deviations = this.logs.map((l) => Math.abs(l - med));
      let sum = 0;
      for (const d of deviations) sum += d;
      cached = { deviations: deviations.sort(), sum };
      this.byCase[c] = cached;
    }
    const own = Math.abs(lx - med);
    const dr = lowerBound(cached.deviations, own);
    const dev = (i: number) => cached!.deviations[i < dr ? i : i + 1];
    const mad = m % 2 === 1 ? dev(mid) : (dev(mid - 1) + dev(mid)) / 2;
    const meanAd = (cached.sum - own) / m;
    const spread = Math.max(MIN_SPREAD, mad > 0 ? mad / 0.6745 : meanAd * 1.2533);
    return { z: (lx - med) / spread, median: this.medPow[c], spread };
  }
}

/**
 * How many peers a flag names (`evidence.peers`; `evidence.peerCount` counts them all). A common HS heading bought by a
 * common line of business can give a peer group of tens of thousands of buyers: every flag of such a group named all
 * of them (350 KB of ids a flag, most of an 858 MB report, measured on a generated bundle of 100,000 entities).
 */
export const PEERS_NAMED = 50;

/**
 * The members of group `g` of `lists` other than total `k`: all of them when they are at most `limit`, else the
 * `limit` largest by the figure compared (kg per employee when `sized`, a peer without employees then counting as the
 * smallest; else kg), ties by their place in the group; in the group's order either way.
 */
function largestPeers(lists: IndexLists, g: number, k: number, sized: boolean, kg: Float64Array, employees: Float64Array, limit: number): number[] {
  const members: number[] = [];
  for (let j = lists.start[g]; j < lists.start[g + 1]; j++) if (lists.items[j] !== k) members.push(j);
  if (members.length <= limit) return members.map((j) => lists.items[j]);
  const figure = (t: number) => (sized ? (employees[t] > 0 ? kg[t] / employees[t] : -1) : kg[t]);
  // The `limit` largest (among equals, the earlier in the group), then in the group's order.
  return largestBy(members, limit, (j) => figure(lists.items[j]))
    .sort((a, b) => a - b)
    .map((j) => lists.items[j]);
}

/** First index i with a[i] >= x in an ascending array. */
function lowerBound(a: Float64Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const h = (lo + hi) >> 1;
    if (a[h] < x) lo = h + 1;
    else hi = h;
  }
  return lo;
}

export const volumeAnomaly: Rule = {
  id: 'volume-anomaly',
  title: 'Quantity out of scale for the buyer',
  description:
    'For each buyer and HS heading (4 digits), the total mass bought over the whole data set is compared with peers: other buyers of the same heading in the same ISIC class (with allowDivisionPeers, the same ISIC division when the class has too few). The comparison is sized: mass per employee when the buyer and at least minPeers peers have employee counts, the total mass otherwise. It uses robust statistics on a log scale (median and median absolute deviation, as a modified z-score). A flag is raised when the score exceeds the threshold and the buyer’s figure is at least minRatio times the peer median. When part of the total came from companies of the buyer’s own group and the rest alone would not be out of scale, the flag is intraGroupSeverity.',
  severity: 'medium',
  parameters: [
    { name: 'threshold', type: 'number', default: 3.5, min: 0.5, max: 100, description: 'Modified z-score above which a total is out of scale (3.5 is Iglewicz & Hoaglin’s usual cut-off).' },
    { name: 'minPeers', type: 'integer', default: 3, min: 2, max: 1000, description: 'Fewest peers needed before a comparison is made.' },
    { name: 'minRatio', type: 'number', default: 3, min: 1, description: 'The buyer’s figure must also be at least this many times the peer median (guards against peers that happen to be alike).' },
    { name: 'minKg', type: 'number', default: 1000, min: 0, description: 'Totals below this many kilograms are never flagged.' },
    { name: 'allowDivisionPeers', type: 'boolean', default: false, description: 'When the ISIC class has too few peers, compare with the whole ISIC division (2 digits) instead of skipping.' },
    {
      name: 'intraGroupSeverity',
      type: 'severity',
      default: 'low',
      description: 'Severity when the total is out of scale only with the purchases from the buyer’s own company group counted.',
    },
  ],
  sources: [
    {
      publisher: 'European Union',
      indicator: 'The customer intends to purchase unusual quantities of explosives precursors (suspicious transaction indicator).',
      reference: 'Regulation (EU) 2019/1148, Article 9 and Commission guidelines (2020/C 210/01)',
    },
    {
      publisher: 'FATF and Egmont Group',
      indicator: 'The size of the shipment appears inconsistent with the scale of the exporter’s or importer’s regular business activities.',
      reference: 'FATF–Egmont Group (2020), Trade-Based Money Laundering: Trends and Developments',
    },
  ],
  falsePositives:
    'A buyer that really is larger than its employee count suggests (seasonal staff, group purchasing), the first large order of a growing firm, and peers that are too few or too different to compare with.',
  intraGroup:
    'Counted, then checked without. The quantity a buyer takes in is what its scale must explain, whoever sold it, so purchases from the own group stay in the total. But a group company that receives the group’s stock (a sales arm supplied by its parent) looks out of scale only because of those transfers: when the purchases from outside the group alone are not out of scale, the flag is intraGroupSeverity (default low) and says how much came from inside the group and how the companies are linked.',
  coverage: { unit: 'shipments', reasons: [NO_HS, NO_KG, LINE_UNKNOWN, FEW_PEERS] },
  evaluate(ctx, params, coverage, progress) {
    const threshold = params.threshold as number;
    const minPeers = params.minPeers as number;
    const minKg = params.minKg as number;
    const minRatio = params.minRatio as number;
    const division = params.allowDivisionPeers as boolean;
    const groupSeverity = params.intraGroupSeverity as Severity;
    // Totals by buyer and heading, numbered by the pair of their numbers in order of first shipment, held in typed
    // arrays (a large bundle has hundreds of thousands of totals: no object each).
    const c = ctx.columns;
    const totalOf = new PairSet();
    const shipments = ctx.bundle.shipments;
    // The rule's own arrays, lent for the time it runs (ctx.scratch).
    const arrays = ctx.scratch;
    const tBuyer = arrays.int32(shipments.length);
    const tHeading = arrays.int32(shipments.length);
    const tKg = arrays.float64(shipments.length);
    const tCount = arrays.int32(shipments.length);
    const counted = (s: Shipment): boolean => s.hsCode !== undefined && s.quantityKg !== undefined && s.quantityKg > 0;
    let noHs = 0;
    let noKg = 0;
    // By the columns alone: no shipment object is read.
    // (how far along: the shipments read, the first half; the buyers' totals judged, the second)
    for (let n = 0; n < shipments.length; n++) {
      if ((n & PROGRESS_EVERY) === 0) progress(n, 2 * shipments.length);
      if (c.hs[n] < 0) {
        noHs++;
        continue;
      }
      if (c.hasKg[n] === 0 || c.kg[n] <= 0) {
        noKg++;
        continue;
      }
      const k = totalOf.add(c.buyer[n], c.heading[n]);
      tBuyer[k] = c.buyer[n];
      tHeading[k] = c.heading[n];
      tKg[k] += c.kg[n];
      tCount[k]++;
    }
    if (noHs > 0) coverage.notJudged(NO_HS, noHs);
    if (noKg > 0) coverage.notJudged(NO_KG, noKg);
    const totalCount = totalOf.size;
    /** A total as an object, for the totals that are flagged and their peers. */
    const totalAt = (k: number): Totals => ({ buyerNo: tBuyer[k], employees: ctx.entityAt(tBuyer[k])?.employees, headingNo: tHeading[k], kg: tKg[k], count: tCount[k] });
    // Each total's buyer's employees (NaN when not known), read once per total.
    const tEmployees = arrays.float64(totalCount);
    for (let k = 0; k < totalCount; k++) tEmployees[k] = ctx.entityAt(tBuyer[k])?.employees ?? NaN;
    /** The shipments of a total, in bundle order (the buyer's purchases of the heading, weighed). */
    const shipmentsOf = (t: Totals): Shipment[] => {
      const list: Shipment[] = [];
      const { start, items } = c.boughtBy;
      for (let k = start[t.buyerNo]; k < start[t.buyerNo + 1]; k++) {
        const n = items[k];
        if (c.heading[n] === t.headingNo && counted(shipments[n])) list.push(shipments[n]);
      }
      return list;
    };
    // Peer groups: buyers of a heading by ISIC class and by ISIC division, numbered by the pair (class or division
    // number, heading number); each buyer's class and division numbered once. Each group's totals in total order.
    const classes = new Map<string, number>();
    const divisions = new Map<string, number>();
    const numberOf = (codes: Map<string, number>, code: string) => {
      let k = codes.get(code);
      if (k === undefined) codes.set(code, (k = codes.size));
      return k;
    };
    const classOf = arrays.int32(c.entityIds.length, -1);
    const divisionOf = arrays.int32(c.entityIds.length, -1);
    const classPairs = new PairSet();
    const divisionPairs = new PairSet();
    const classGroup = arrays.int32(totalCount, -1);
    const divisionGroup = arrays.int32(totalCount, -1);
    for (let k = 0; k < totalCount; k++) {
      const b = tBuyer[k];
      const isic = ctx.lineAt(b).isic;
      if (isic === undefined) continue;
      if (classOf[b] < 0) {
        classOf[b] = numberOf(classes, isic);
        divisionOf[b] = numberOf(divisions, isic.slice(0, 2));
      }
      classGroup[k] = classPairs.add(classOf[b], tHeading[k]);
      divisionGroup[k] = divisionPairs.add(divisionOf[b], tHeading[k]);
    }
    const byClass = indexLists(classGroup, classPairs.size, arrays);
    const byDivision = indexLists(divisionGroup, divisionPairs.size, arrays);

    // Statistics of each group, built on first use and asked once per member (leave one out): a group's totals when
    // compared by total, its sized figures when by size.
    type Stats = { sizedCount: number; total?: LeaveOneOut; sized?: LeaveOneOut };
    const classStats: (Stats | undefined)[] = [];
    const divisionStats: (Stats | undefined)[] = [];
    const statsOf = (lists: IndexLists, all: (Stats | undefined)[], g: number): Stats => {
      let s = all[g];
      if (s === undefined) {
        let sizedCount = 0;
        for (let j = lists.start[g]; j < lists.start[g + 1]; j++) if (tEmployees[lists.items[j]] > 0) sizedCount++;
        all[g] = s = { sizedCount };
      }
      return s;
    };
    const totalStats = (lists: IndexLists, s: Stats, g: number): LeaveOneOut => {
      if (s.total === undefined) {
        const values = new Float64Array(lists.start[g + 1] - lists.start[g]);
        for (let j = lists.start[g]; j < lists.start[g + 1]; j++) values[j - lists.start[g]] = tKg[lists.items[j]];
        s.total = new LeaveOneOut(values, true);
      }
      return s.total;
    };
    const sizedStats = (lists: IndexLists, s: Stats, g: number): LeaveOneOut => {
      if (s.sized === undefined) {
        const values = new Float64Array(s.sizedCount);
        let v = 0;
        for (let j = lists.start[g]; j < lists.start[g + 1]; j++) {
          const k = lists.items[j];
          if (tEmployees[k] > 0) values[v++] = tKg[k] / tEmployees[k];
        }
        s.sized = new LeaveOneOut(values, true);
      }
      return s.sized;
    };

    const hits: RuleHit[] = [];
    for (let k = 0; k < totalCount; k++) {
      if ((k & PROGRESS_EVERY) === 0) progress(totalCount + k, 2 * totalCount);
      const buyerNo = tBuyer[k];
      const isic = ctx.lineAt(buyerNo).isic;
      if (isic === undefined) {
        coverage.notJudged(LINE_UNKNOWN, tCount[k]);
        continue;
      }
      const kg = tKg[k];
      if (kg < minKg) {
        coverage.judged(tCount[k]);
        continue;
      }
      let level: 'class' | 'division' = 'class';
      let lists = byClass;
      let all = classStats;
      let g = classGroup[k];
      if (lists.start[g + 1] - lists.start[g] - 1 < minPeers && division) {
        level = 'division';
        lists = byDivision;
        all = divisionStats;
        g = divisionGroup[k];
      }
      // The group holds this total itself: its peers are the others.
      if (lists.start[g + 1] - lists.start[g] - 1 < minPeers) {
        coverage.notJudged(FEW_PEERS, tCount[k]);
        continue;
      }
      coverage.judged(tCount[k]);
      const groupStats = statsOf(lists, all, g);
      const staff = tEmployees[k];
      // Sized comparison when possible: a large firm buying more than small ones is not out of scale.
      const sized = staff > 0 && groupStats.sizedCount - 1 >= minPeers;
      // The ratio to the peer median first (most totals are within minRatio of it), the z-scores only then.
      const ratio = sized ? kg / staff / sizedStats(lists, groupStats, g).medianWithout(kg / staff) : kg / totalStats(lists, groupStats, g).medianWithout(kg);
      if (ratio < minRatio) continue;
      const total = totalStats(lists, groupStats, g).without(kg);
      const perEmployee = sized ? sizedStats(lists, groupStats, g).without(kg / staff) : undefined;
      const z = perEmployee ? perEmployee.z : total.z;
      if (z <= threshold) continue;

      const t = totalAt(k);
      const employees = t.employees;
      // The other members of the group, by total number (a peer group can hold tens of thousands of buyers: no object
      // each, and only the largest are named in the evidence).
      const peerCount = lists.start[g + 1] - lists.start[g] - 1;
      const buyer = c.entityIds[t.buyerNo];
      const heading = c.headings[t.headingNo];
      const bought = shipmentsOf(t);
      // Purchases from the buyer's own group: is the rest, alone, out of scale too?
      const links = new Map<string, string[]>();
      for (const s of bought) {
        if (links.has(s.supplier)) continue;
        const link = ctx.groupLink(s.supplier, buyer);
        if (link) links.set(s.supplier, link);
      }
      const groupKg = bought.filter((s) => links.has(s.supplier)).reduce((a, s) => a + s.quantityKg!, 0);
      const outsideKg = t.kg - groupKg;
      let outsideOutOfScale: boolean | null = null;
      if (groupKg > 0) {
        const x = perEmployee ? outsideKg / employees! : outsideKg;
        const values: number[] = [];
        for (let j = lists.start[g]; j < lists.start[g + 1]; j++) {
          const p = lists.items[j];
          if (p === k) continue;
          if (!perEmployee) values.push(tKg[p]);
          else if (tEmployees[p] > 0) values.push(tKg[p] / tEmployees[p]);
        }
        const alone = x > 0 ? robustZ(x, values) : undefined;
        outsideOutOfScale = alone !== undefined && outsideKg >= minKg && alone.z > threshold && x / alone.median >= minRatio;
      }
      const severity: Severity | undefined = outsideOutOfScale === false ? groupSeverity : undefined;

      const round = (x: number) => Math.round(x * 1000) / 1000;
      const hs = showHs(heading);
      const description = ctx.describeHs(heading);
      const peerIds = largestPeers(lists, g, k, perEmployee !== undefined, tKg, tEmployees, PEERS_NAMED).map((p) => c.entityIds[tBuyer[p]]);
      const median = perEmployee ? perEmployee.median : total.median;
      const unitWords = perEmployee ? 'kg per employee' : 'kg';
      const sizeWords =
        perEmployee === undefined
          ? ''
          : `, ${showNumber(Math.round(t.kg / employees!))} kg per employee with ${employees} employees against a peer median of ${showNumber(Math.round(perEmployee.median))} kg`;
      const groupWordsList = [...links].map(([supplier, link]) => `${ctx.label(supplier)} (${linkWords(link)})`);
      const money = showMoneyTotals(bought);
      const suppliers = [...new Set(bought.map((s) => s.supplier))];
      hits.push({
        entities: [buyer],
        counterparties: suppliers,
        shipments: bought.map((s) => s.id),
        severity,
        evidence: {
          heading: heading,
          headingDescription: description ?? null,
          totalKg: t.kg,
          employees: employees ?? null,
          kgPerEmployee: employees ? t.kg / employees : null,
          peerLevel: level,
          peers: peerIds,
          peerCount,
          peerMedianKg: round(total.median),
          peerMedianKgPerEmployee: perEmployee ? round(perEmployee.median) : null,
          zTotal: round(total.z),
          zPerEmployee: perEmployee ? round(perEmployee.z) : null,
          comparedBy: perEmployee ? 'kg per employee' : 'total kg',
          ratioToPeerMedian: round(ratio),
          threshold,
          buyerLineOfBusiness: lineFacts(ctx, buyer),
          fromOwnGroupKg: groupKg,
          fromOwnGroup: [...links].map(([supplier, link]) => ({ supplier, link })),
          outOfScaleWithoutOwnGroup: outsideOutOfScale,
        },
        summary:
          `${ctx.label(buyer)} (${lineWords(ctx, buyer)}) bought ${showNumber(t.kg)} kg of HS ${hs} goods in ${plural(bought.length, 'shipment', 'shipments')}: ` +
          `${showNumber(Math.round((t.kg / total.median) * 10) / 10)} times the median of ${peerCount} peers in its ISIC ${level} (${showNumber(Math.round(total.median))} kg)${sizeWords}` +
          (groupKg > 0
            ? `; ${showNumber(groupKg)} kg of it came from its own company group (${groupWordsList.join('; ')})${outsideOutOfScale ? '' : ', and without it the total is not out of scale'}.`
            : '.'),
        explanation: {
          sentences: [
            `The shipment records show ${ctx.label(buyer)} (${lineWords(ctx, buyer)}) buying ${showNumber(t.kg)} kg of goods of HS heading ${hs}${description === undefined ? '' : ` (${description})`} in ${plural(bought.length, 'shipment', 'shipments')} from ${listWords(suppliers.map((x) => ctx.label(x)))}.`,
            `Its ${peerCount} peers, the other buyers of this heading in ISIC ${level} ${level === 'class' ? isic : isic.slice(0, 2)}, bought a median of ${showNumber(Math.round(median))} ${unitWords}; the buyer’s ${showNumber(Math.round(perEmployee ? t.kg / employees! : t.kg))} ${unitWords} is ${showNumber(Math.round(ratio * 10) / 10)} times that, with a modified z-score of ${showNumber(Math.round(z * 10) / 10)} (out of scale above ${threshold}).`,
            ...(groupKg > 0
              ? [
                  `${showNumber(groupKg)} kg of the total came from companies of the buyer’s own group: ${groupWordsList.join('; ')}. ` +
                    (outsideOutOfScale
                      ? 'The purchases from outside the group alone are out of scale too.'
                      : `Without them the total is not out of scale, so the flag is ${severity}: trade inside one group.`),
                ]
              : []),
            'Where to look: whether the buyer’s real size (staff, premises, turnover) explains the quantity, where the goods went next, and the peers named in the evidence.',
          ],
          facts: [
            { label: 'Buyer', value: `${ctx.label(buyer)}, ${lineWords(ctx, buyer)}${employees === undefined ? '' : `, ${plural(employees, 'employee', 'employees')}`}` },
            { label: 'Goods', value: `HS ${hs}${description === undefined ? '' : ` (${description})`}` },
            { label: 'Shipments', value: `${bought.length}: ${bought.slice(0, 10).map((s) => s.id).join(', ')}${bought.length > 10 ? ' …' : ''}` },
            { label: 'Total bought', value: `${showNumber(t.kg)} kg${declaredWords(bought)}` },
            ...(money === undefined ? [] : [{ label: 'Value of these shipments', value: money }]),
            {
              label: perEmployee ? 'Quantity per employee' : 'Total quantity',
              value: `${showNumber(Math.round(perEmployee ? t.kg / employees! : t.kg))} kg`,
              threshold: `≥ ${showNumber(minRatio)} × the peer median (${showNumber(Math.round(median))} kg)`,
            },
            { label: 'Modified z-score', value: showNumber(Math.round(z * 10) / 10), threshold: `> ${showNumber(threshold)}` },
            { label: 'Peers', value: `${peerCount} buyers of HS ${hs} in ISIC ${level} ${level === 'class' ? isic : isic.slice(0, 2)}${peerCount > PEERS_NAMED ? ` (the ${PEERS_NAMED} largest named in the evidence)` : ''}`, threshold: `at least ${minPeers}` },
            ...(groupKg > 0 ? [{ label: 'From the buyer’s own group', value: `${showNumber(groupKg)} kg` }] : []),
          ],
        },
      });
    }
    return hits;
  },
};

/**
 * Where the kilograms of goods counted in another unit came from, when their rows declared them: " (120,000 kg of it
 * the mass declared beside 300 pcs)". Empty when every shipment was a mass or a volume weighed with a density.
 */
function declaredWords(bought: readonly Shipment[]): string {
  let kg = 0;
  let n = 0;
  const counted: string[] = [];
  for (const s of bought) {
    if (!massDeclared(s)) continue;
    kg += s.quantityKg!;
    if (n++ < 3) counted.push(showQuantity(s.quantity, s.unit, undefined));
  }
  if (n === 0) return '';
  return ` (${showNumber(kg)} kg of it the mass declared beside ${counted.join(', ')}${n > 3 ? ' …' : ''})`;
}
