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

    const hits = [];
    for (const t of totals.values()) {
      if (t.kg < minKg) continue;
      const isic = ctx.lineOfBusiness(t.buyer).isic;
      if (isic === undefined) continue;
      let level: 'class' | 'division' = 'class';
      let peers = (groups.get(`${t.heading}\u0000class\u0000${isic}`) ?? []).filter((o) => o !== t);
      if (peers.length < minPeers && division) {
        level = 'division';
        peers = (groups.get(`${t.heading}\u0000division\u0000${isic.slice(0, 2)}`) ?? []).filter((o) => o !== t);
      }
      if (peers.length < minPeers) continue;
      const total = robustZ(t.kg, peers.map((p) => p.kg));
      const employees = ctx.entity(t.buyer).employees;
      const sized = peers.filter((p) => (ctx.entity(p.buyer).employees ?? 0) > 0);
      const perEmployee =
        employees !== undefined && employees > 0 && sized.length >= minPeers
          ? robustZ(t.kg / employees, sized.map((p) => p.kg / ctx.entity(p.buyer).employees!))
          : undefined;
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
          peers: peers.map((p) => p.buyer),
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
          `${showNumber(Math.round(t.kg / total.median * 10) / 10)} times the median of ${peers.length} peers in its ISIC ${level} (${showNumber(Math.round(total.median))} kg)${sizeWords}.`,
      });
    }
    return hits;
  },
};
