import type { Shipment } from '@chokepoint/model';
import { median } from '@chokepoint/engine';
import { showHs, showNumber } from '../text';
import type { Rule } from '../types';
import { lineFacts, lineWords } from './words';

/** Floor of the spread, in log10 units: identical peers must not make every difference infinite. */
const MIN_SPREAD = 0.05;

interface Totals {
  buyer: string;
  heading: string;
  kg: number;
  shipments: Shipment[];
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
  private readonly byMedian = new Map<number, { deviations: Float64Array; sum: number }>();

  constructor(values: readonly number[]) {
    this.logs = Float64Array.from(values, (v) => Math.log10(v)).sort();
  }

  get size(): number {
    return this.logs.length;
  }

  /** robustZ(x, the group without one member equal to x). x must be a member; the group needs two or more. */
  without(x: number): { z: number; median: number; spread: number } {
    const lx = Math.log10(x);
    const r = lowerBound(this.logs, lx);
    if (r >= this.logs.length || this.logs[r] !== lx) throw new RangeError(`LeaveOneOut.without: ${x} is not in the group`);
    const m = this.logs.length - 1;
    const at = (i: number) => this.logs[i < r ? i : i + 1];
    const mid = m >> 1;
    const med = m % 2 === 1 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
    let cached = this.byMedian.get(med);
    if (cached === undefined) {
      const deviations = this.logs.map((l) => Math.abs(l - med));
      let sum = 0;
      for (const d of deviations) sum += d;
      cached = { deviations: deviations.sort(), sum };
      this.byMedian.set(med, cached);
    }
    const own = Math.abs(lx - med);
    const dr = lowerBound(cached.deviations, own);
    const dev = (i: number) => cached!.deviations[i < dr ? i : i + 1];
    const mad = m % 2 === 1 ? dev(mid) : (dev(mid - 1) + dev(mid)) / 2;
    const meanAd = (cached.sum - own) / m;
    const spread = Math.max(MIN_SPREAD, mad > 0 ? mad / 0.6745 : meanAd * 1.2533);
    return { z: (lx - med) / spread, median: 10 ** med, spread };
  }
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
    'For each buyer and HS heading (4 digits), the total mass bought over the whole data set is compared with peers: other buyers of the same heading in the same ISIC class (with allowDivisionPeers, the same ISIC division when the class has too few). The comparison is sized: mass per employee when the buyer and at least minPeers peers have employee counts, the total mass otherwise. It uses robust statistics on a log scale (median and median absolute deviation, as a modified z-score). A flag is raised when the score exceeds the threshold and the buyer’s figure is at least minRatio times the peer median.',
  severity: 'medium',
  parameters: [
    { name: 'threshold', type: 'number', default: 3.5, min: 0.5, max: 100, description: 'Modified z-score above which a total is out of scale (3.5 is Iglewicz & Hoaglin’s usual cut-off).' },
    { name: 'minPeers', type: 'integer', default: 3, min: 2, max: 1000, description: 'Fewest peers needed before a comparison is made.' },
    { name: 'minRatio', type: 'number', default: 3, min: 1, description: 'The buyer’s figure must also be at least this many times the peer median (guards against peers that happen to be alike).' },
    { name: 'minKg', type: 'number', default: 1000, min: 0, description: 'Totals below this many kilograms are never flagged.' },
    { name: 'allowDivisionPeers', type: 'boolean', default: false, description: 'When the ISIC class has too few peers, compare with the whole ISIC division (2 digits) instead of skipping.' },
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
  evaluate(ctx, params) {
    const threshold = params.threshold as number;
    const minPeers = params.minPeers as number;
    const minKg = params.minKg as number;
    const minRatio = params.minRatio as number;
    const division = params.allowDivisionPeers as boolean;
    const totals = new Map<string, Totals>();
    for (const s of ctx.bundle.shipments) {
      if (s.hsCode === undefined || s.quantityKg === undefined || s.quantityKg <= 0) continue;
      const heading = s.hsCode.slice(0, 4);
      const key = `${s.buyer}\u0000${heading}`;
      const t = totals.get(key) ?? { buyer: s.buyer, heading, kg: 0, shipments: [] };
      t.kg += s.quantityKg;
      t.shipments.push(s);
      totals.set(key, t);
    }
    // Peer groups: buyers of a heading by ISIC class and by ISIC division.
    const groups = new Map<string, Totals[]>();
    const add = (key: string, t: Totals) => {
      const list = groups.get(key);
      if (list) list.push(t);
      else groups.set(key, [t]);
    };
    for (const t of totals.values()) {
      const isic = ctx.lineOfBusiness(t.buyer).isic;
      if (isic === undefined) continue;
      add(`${t.heading}\u0000class\u0000${isic}`, t);
      add(`${t.heading}\u0000division\u0000${isic.slice(0, 2)}`, t);
    }

    // Statistics of each group, built once and asked once per member (leave one out).
    const employeesOf = (t: Totals) => ctx.entity(t.buyer).employees ?? 0;
    const stats = new Map<string, { total: LeaveOneOut; sized: LeaveOneOut }>();
    const statsOf = (key: string, group: Totals[]) => {
      let s = stats.get(key);
      if (s === undefined) {
        const sized = group.filter((p) => employeesOf(p) > 0);
        s = { total: new LeaveOneOut(group.map((p) => p.kg)), sized: new LeaveOneOut(sized.map((p) => p.kg / employeesOf(p))) };
        stats.set(key, s);
      }
      return s;
    };

    const hits = [];
    for (const t of totals.values()) {
      if (t.kg < minKg) continue;
      const isic = ctx.lineOfBusiness(t.buyer).isic;
      if (isic === undefined) continue;
      let level: 'class' | 'division' = 'class';
      let key = `${t.heading}\u0000class\u0000${isic}`;
      let group = groups.get(key) ?? [];
      if (group.length - 1 < minPeers && division) {
        level = 'division';
        key = `${t.heading}\u0000division\u0000${isic.slice(0, 2)}`;
        group = groups.get(key) ?? [];
      }
      // The group holds t itself: its peers are the others.
      if (group.length - 1 < minPeers) continue;
      const groupStats = statsOf(key, group);
      const total = groupStats.total.without(t.kg);
      const employees = ctx.entity(t.buyer).employees;
      const perEmployee =
        employees !== undefined && employees > 0 && groupStats.sized.size - 1 >= minPeers ? groupStats.sized.without(t.kg / employees) : undefined;
      // Sized comparison when possible: a large firm buying more than small ones is not out of scale.
      const z = perEmployee ? perEmployee.z : total.z;
      const ratio = perEmployee ? t.kg / employees! / perEmployee.median : t.kg / total.median;
      if (z <= threshold || ratio < minRatio) continue;
      const round = (x: number) => Math.round(x * 1000) / 1000;
      const hs = showHs(t.heading);
      const sizeWords =
        perEmployee === undefined
          ? ''
          : `, ${showNumber(Math.round(t.kg / employees!))} kg per employee with ${employees} employees against a peer median of ${showNumber(Math.round(perEmployee.median))} kg`;
      hits.push({
        entities: [t.buyer],
        counterparties: [...new Set(t.shipments.map((s) => s.supplier))],
        shipments: t.shipments.map((s) => s.id),
        evidence: {
          heading: t.heading,
          headingDescription: ctx.describeHs(t.heading) ?? null,
          totalKg: t.kg,
          employees: employees ?? null,
          kgPerEmployee: employees ? t.kg / employees : null,
          peerLevel: level,
          peers: group.filter((o) => o !== t).map((p) => p.buyer),
          peerMedianKg: round(total.median),
          peerMedianKgPerEmployee: perEmployee ? round(perEmployee.median) : null,
          zTotal: round(total.z),
          zPerEmployee: perEmployee ? round(perEmployee.z) : null,
          comparedBy: perEmployee ? 'kg per employee' : 'total kg',
          ratioToPeerMedian: round(ratio),
          threshold,
          buyerLineOfBusiness: lineFacts(ctx, t.buyer),
        },
        summary:
          `${ctx.label(t.buyer)} (${lineWords(ctx, t.buyer)}) bought ${showNumber(t.kg)} kg of HS ${hs} goods in ${t.shipments.length} shipment${t.shipments.length === 1 ? '' : 's'}: ` +
          `${showNumber(Math.round(t.kg / total.median * 10) / 10)} times the median of ${group.length - 1} peers in its ISIC ${level} (${showNumber(Math.round(total.median))} kg)${sizeWords}.`,
      });
    }
    return hits;
  },
};
