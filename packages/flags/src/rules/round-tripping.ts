import type { Shipment } from '@chokepoint/model';
import { daysBetween, fold, plural, showHs } from '../text';
import type { Fact, Rule, RuleHit, Severity } from '../types';
import { goodsLabel, quantityLabel, shipmentLabel } from './words';

const NO_DATE = 'no date (shipped or received): the order of shipments cannot be told';
const CUT_SHORT = 'search cut short (more than 500 onward shipments within the window: longer chains not followed)';

/** Shipments explored from one start at most: keeps the search linear in dense trade (the coverage says when it bit). */
const BUDGET = 500;

const dateOf = (s: Shipment): string | undefined => s.shipped ?? s.received;

export const roundTripping: Rule = {
  id: 'round-tripping',
  title: 'Goods return to the company group they came from',
  description:
    'A chain of shipments of the same goods (the same first hsDigits digits of the HS code; the same commodity text when there is none) that leaves a company group and comes back to it within windowDays: each shipment is sold on by the buyer of the one before, on the same day or later, through companies outside the group, and the last buyer belongs to the group of the first seller. Chains of minShipments to maxShipments shipments count. The flag is on the first seller, with every company of the chain. Severity is watchSeverity when the goods are watch-listed.',
  severity: 'medium',
  parameters: [
    { name: 'windowDays', type: 'integer', default: 180, min: 1, max: 3650, description: 'Most days from the first shipment of the chain to the last.' },
    { name: 'minShipments', type: 'integer', default: 3, min: 2, max: 10, description: 'Fewest shipments in the chain (3: at least two companies outside the group; 2 also counts a plain sale and return).' },
    { name: 'maxShipments', type: 'integer', default: 5, min: 2, max: 10, description: 'Most shipments in the chain.' },
    { name: 'hsDigits', type: 'integer', default: 4, min: 2, max: 10, description: 'How many digits of the HS code make the same goods (4: the HS heading).' },
    { name: 'watchSeverity', type: 'severity', default: 'high', description: 'Severity when the goods are watch-listed.' },
  ],
  sources: [
    {
      publisher: 'FATF and Egmont Group',
      indicator: 'Circular trading: the same goods are bought and sold among related parties, or shipped back to their country or company of origin, with no apparent economic purpose (round-tripping).',
      reference: 'FATF–Egmont Group (2021), Trade-Based Money Laundering: Risk Indicators',
    },
    {
      publisher: 'FinCEN and BIS',
      indicator: 'Transactions with no apparent economic purpose, among companies that appear to be related through shared addresses or ownership.',
      reference: 'FinCEN and BIS, Supplemental Alert FIN-2023-Alert004 (19 May 2023)',
    },
  ],
  falsePositives:
    'Goods sent for repair, calibration or processing and returned (toll processing), returns of faulty goods through a distributor, buy-backs of unsold stock, commodity trading in which one lot changes hands many times, and HS headings broad enough that different goods share one (raise hsDigits).',
  intraGroup:
    'The chain must leave the group: shipments between companies of one group are neither a start nor a step. Goods that pass only between the group’s own companies are ordinary logistics.',
  coverage: { unit: 'shipments sold outside the seller’s company group', reasons: [NO_DATE, CUT_SHORT] },
  evaluate(ctx, params, coverage) {
    const windowDays = params.windowDays as number;
    const minShipments = params.minShipments as number;
    const maxShipments = Math.max(params.maxShipments as number, minShipments);
    const digits = params.hsDigits as number;
    const watchSeverity = params.watchSeverity as Severity;
    const keys = new Map<Shipment, string>();
    const goodsKey = (s: Shipment): string => {
      let k = keys.get(s);
      if (k === undefined) keys.set(s, (k = s.hsCode !== undefined ? `hs:${s.hsCode.slice(0, digits)}` : `text:${fold(s.commodity)}`));
      return k;
    };
    // Sales of each entity with a date, by goods, in date order.
    const sales = new Map<string, Shipment[]>();
    for (const s of ctx.bundle.shipments) {
      if (dateOf(s) === undefined) continue;
      const k = `${s.supplier}\u0000${goodsKey(s)}`;
      const list = sales.get(k);
      if (list) list.push(s);
      else sales.set(k, [s]);
    }
    for (const list of sales.values()) list.sort((a, b) => (dateOf(a)! < dateOf(b)! ? -1 : dateOf(a)! > dateOf(b)! ? 1 : 0));
    // Goods that a group ever buys from outside itself: a chain can only come home through such a purchase, so a sale
    // of other goods starts no search (most goods never return to the group that sold them).
    const comesHome = new Set<string>();
    for (const s of ctx.bundle.shipments) {
      const g = ctx.group(s.buyer).id;
      if (g !== ctx.group(s.supplier).id) comesHome.add(`${g}\u0000${goodsKey(s)}`);
    }
    /** Index of the first sale in `list` on or after `date` (the list is in date order). */
    const from = (list: Shipment[], date: string): number => {
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (dateOf(list[mid])! < date) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };

    const hits: RuleHit[] = [];
    const circles = new Map<string, { hit: RuleHit; runs: number }>();
    for (const s0 of ctx.bundle.shipments) {
      const home = ctx.group(s0.supplier).id;
      if (ctx.group(s0.buyer).id === home) continue;
      const d0 = dateOf(s0);
      if (d0 === undefined) {
        coverage.notJudged(NO_DATE);
        continue;
      }
      const goods = goodsKey(s0);
      if (!comesHome.has(`${home}\u0000${goods}`)) {
        coverage.judged();
        continue;
      }
      // Breadth-first over shipments: the shortest chain back home.
      const prev = new Map<Shipment, Shipment | null>([[s0, null]]);
      const depth = new Map<Shipment, number>([[s0, 1]]);
      const queue = [s0];
      let found: Shipment | undefined;
      const chainOf = (s: Shipment): Shipment[] => {
        const out: Shipment[] = [];
        for (let x: Shipment | null = s; x !== null; x = prev.get(x)!) out.unshift(x);
        return out;
      };
      /** Whether the chain that ends with `s` already passed through `id`. */
      const passed = (s: Shipment, id: string): boolean => {
        for (let x: Shipment | null = s; x !== null; x = prev.get(x)!) if (x.supplier === id) return true;
        return false;
      };
      let i = 0;
      for (; i < queue.length && found === undefined && queue.length < BUDGET; i++) {
        const cur = queue[i];
        const n = depth.get(cur)!;
        if (n >= maxShipments) continue;
        const list = sales.get(`${cur.buyer}\u0000${goods}`) ?? [];
        for (let j = from(list, dateOf(cur)!); j < list.length; j++) {
          const next = list[j];
          const d = dateOf(next)!;
          if (prev.has(next)) continue;
          if (daysBetween(d0, d) > windowDays) break;
          const back = ctx.group(next.buyer).id === home;
          if (!back && (next.buyer === cur.buyer || passed(cur, next.buyer))) continue;
          prev.set(next, cur);
          depth.set(next, n + 1);
          if (back) {
            if (n + 1 >= minShipments) {
              found = next;
              break;
            }
            continue;
          }
          queue.push(next);
        }
      }
      if (found === undefined && queue.length >= BUDGET && i < queue.length) coverage.notJudged(CUT_SHORT);
      else coverage.judged();
      if (found === undefined) continue;
      const chain = chainOf(found);
      const companies = [s0.supplier, ...chain.map((s) => s.buyer)];
      // The same circle run again is one flag, with every run among its shipments.
      const circle = `${companies.join('\u0000')}\u0000${goods}`;
      const before = circles.get(circle);
      if (before !== undefined) {
        before.runs++;
        for (const s of chain) if (!before.hit.shipments.includes(s.id)) before.hit.shipments.push(s.id);
        before.hit.evidence.runs = before.runs;
        continue;
      }
      const outside = chain.slice(0, -1).map((s) => s.buyer);
      const last = chain[chain.length - 1];
      const days = daysBetween(d0, dateOf(last)!);
      const item = chain.map((s) => ctx.watch(s)).find((w) => w !== undefined);
      const route = companies.map((c) => ctx.label(c)).join(' → ');
      const goodsWords = s0.hsCode !== undefined ? `HS ${showHs(s0.hsCode.slice(0, digits))} (${s0.commodity})` : s0.commodity;
      const returned = last.buyer === s0.supplier ? ctx.label(s0.supplier) : `${ctx.label(last.buyer)}, of the same company group as ${ctx.label(s0.supplier)}`;
      const facts: Fact[] = chain.map((s, i) => ({
        label: `Shipment ${i + 1}`,
        value: `${shipmentLabel(s)}: ${ctx.label(s.supplier)} → ${ctx.label(s.buyer)}, ${goodsLabel(ctx, s)}, ${quantityLabel(s)}`,
      }));
      const hit: RuleHit = {
        entities: [...new Set(companies)],
        shipment: s0.id,
        counterparties: [],
        shipments: chain.map((s) => s.id),
        ...(item ? { severity: watchSeverity } : {}),
        evidence: {
          chain: chain.map((s) => ({ shipment: s.id, supplier: s.supplier, buyer: s.buyer, date: dateOf(s)!, hsCode: s.hsCode ?? null, commodity: s.commodity })),
          goods: goods.replace(/^(hs|text):/, ''),
          days,
          windowDays,
          outsideCompanies: outside,
          returnedTo: last.buyer,
          watchlist: item ? { id: item.id, name: item.name } : null,
          runs: 1,
        },
        summary: `${goodsWords} went ${route} in ${plural(chain.length, 'shipment', 'shipments')} over ${plural(days, 'day', 'days')}, back to ${returned}.`,
        explanation: {
          sentences: [
            `The shipment records show ${goodsWords}${item ? `, watch-listed as ${item.name},` : ''} leaving ${ctx.label(s0.supplier)} on ${d0} and passing ${route}.`,
            `After ${plural(chain.length, 'shipment', 'shipments')} through ${plural(outside.length, 'company', 'companies')} outside the group, the goods came back to ${returned} ${plural(days, 'day', 'days')} after they left (window: ${windowDays} days).`,
            'Goods that go round in a circle can carry money under cover of trade (each sale an invoice) or give goods a new origin on paper; they can also be a repair, a return or a buy-back.',
            'Where to look: whether the same physical goods (serial or lot numbers, weights) went round, what each company paid, and whether any of them did anything to the goods.',
          ],
          facts: [
            { label: 'Goods', value: goodsWords, threshold: `the same first ${digits} digits of the HS code` },
            ...facts,
            { label: 'Days from first to last', value: String(days), threshold: `at most ${windowDays}` },
            { label: 'Companies outside the group', value: `${outside.length}: ${outside.map((c) => ctx.label(c)).join(', ')}` },
          ],
        },
      };
      circles.set(circle, { hit, runs: 1 });
      hits.push(hit);
    }
    for (const { hit, runs } of circles.values()) {
      if (runs > 1) hit.explanation.facts.push({ label: 'Times the same circle ran', value: String(runs), threshold: 'each run starts with a sale of the first seller' });
    }
    return hits;
  },
};
