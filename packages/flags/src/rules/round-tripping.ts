import type { Shipment } from '@chokepoint/model';
import { daysFrom, indexListsSorted, PairSet } from '../columns';
import { daysBetween, plural, showHs } from '../text';
import { PROGRESS_EVERY, type Fact, type Rule, type RuleHit, type Severity } from '../types';
import { goodsLabel, quantityLabel, shipmentLabel } from './words';

const NO_DATE = 'no date (shipped or received): the order of shipments cannot be told';
const CUT_SHORT = 'search cut short (more than 500 onward shipments within the window: longer chains not followed)';

/** Shipments explored from one start at most: keeps the search linear in dense trade (the coverage says when it bit). */
const BUDGET = 500;

const dateText = (s: Shipment): string | undefined => s.shipped ?? s.received;

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
  evaluate(ctx, params, coverage, progress) {
    const windowDays = params.windowDays as number;
    const minShipments = params.minShipments as number;
    const maxShipments = Math.max(params.maxShipments as number, minShipments);
    const digits = params.hsDigits as number;
    const watchSeverity = params.watchSeverity as Severity;
    const c = ctx.columns;
    const groupOf = ctx.groupOf;
    const shipments = ctx.bundle.shipments;
    const count = shipments.length;
    const { buyer, supplier, dateTimes, dateRank } = c;
    // The goods of each shipment as a number: the first `digits` digits of its HS code, else its folded commodity
    // words (the two never share a number); `goodsTexts` holds what the evidence names.
    const goodsTexts: string[] = [];
    const byPrefix = new Map<string, number>();
    const hsGoods = c.hsCodes.map((code) => {
      const prefix = code.slice(0, digits);
      let g = byPrefix.get(prefix);
      if (g === undefined) byPrefix.set(prefix, (g = goodsTexts.push(prefix) - 1));
      return g;
    });
    const wordsBase = goodsTexts.length;
    // (one at a time: a large bundle's goods words are more than a call may take arguments)
    for (const w of c.wordTexts) goodsTexts.push(w);
    // The rule's own arrays, lent for the time it runs (ctx.scratch).
    const arrays = ctx.scratch;
    const goodsOf = arrays.int32(count);
    // The date that orders shipments: shipped, else received (-1 for none).
    const dateOf = arrays.int32(count);
    const datedSeller = arrays.int32(count);
    for (let i = 0; i < count; i++) {
      goodsOf[i] = c.hs[i] >= 0 ? hsGoods[c.hs[i]] : wordsBase + c.words[i];
      dateOf[i] = c.shippedOn[i] >= 0 ? c.shippedOn[i] : c.receivedOn[i];
      datedSeller[i] = dateOf[i] >= 0 ? supplier[i] : -1;
    }
    // Sales of each entity with a date, by goods, in date order (date strings in string order, then bundle order).
    const rankOf = arrays.int32(count);
    for (let i = 0; i < count; i++) if (dateOf[i] >= 0) rankOf[i] = dateRank[dateOf[i]];
    const sales = indexListsSorted(datedSeller, c.entityIds.length, [
      { of: goodsOf, count: goodsTexts.length },
      { of: rankOf, count: c.dates.length },
    ], arrays);
    /** Where the sales of `seller` of goods `g` dated on or after date rank `rank` start, and where they end. */
    const salesFrom = (seller: number, g: number, rank: number): [number, number] => {
      const items = sales.items;
      let lo = sales.start[seller];
      let hi = sales.start[seller + 1];
      // The end of the goods' run, then its first sale on or after the date.
      let end = hi;
      let a = lo;
      while (a < end) {
        const mid = (a + end) >> 1;
        if (goodsOf[items[mid]] <= g) a = mid + 1;
        else end = mid;
      }
      hi = a;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        const x = items[mid];
        if (goodsOf[x] < g || (goodsOf[x] === g && dateRank[dateOf[x]] < rank)) lo = mid + 1;
        else hi = mid;
      }
      return [lo, a];
    };
    // Goods that a group ever buys from outside itself: a chain can only come home through such a purchase, so a sale
    // of other goods starts no search (most goods never return to the group that sold them).
    const comesHome = new PairSet();
    for (let i = 0; i < count; i++) {
      const g = groupOf[buyer[i]];
      if (g !== groupOf[supplier[i]]) comesHome.add(g, goodsOf[i]);
    }

    const hits: RuleHit[] = [];
    // (`listed`: the shipments a circle's flag lists, to add each once: a circle run thousands of times through a
    // distributor had each run's shipments looked for along the whole list)
    const circles = new Map<string, { hit: RuleHit; runs: number; listed: Set<string> }>();
    // The search's marks, by shipment: visited in search number `mark`, from which shipment, at which depth.
    const mark = arrays.int32(count);
    const prevOf = arrays.int32(count);
    const depthOf = arrays.int32(count);
    let search = 0;
    for (let i0 = 0; i0 < count; i0++) {
      if ((i0 & PROGRESS_EVERY) === 0) progress(i0, count);
      const s0 = shipments[i0];
      const home = groupOf[supplier[i0]];
      if (groupOf[buyer[i0]] === home) continue;
      const d0 = dateOf[i0];
      if (d0 < 0) {
        coverage.notJudged(NO_DATE);
        continue;
      }
      const goods = goodsOf[i0];
      if (!comesHome.has(home, goods)) {
        coverage.judged();
        continue;
      }
      // Breadth-first over shipments: the shortest chain back home.
      search++;
      mark[i0] = search;
      prevOf[i0] = -1;
      depthOf[i0] = 1;
      const queue = [i0];
      let found = -1;
      const chainOf = (s: number): Shipment[] => {
        const out: Shipment[] = [];
        for (let x = s; x >= 0; x = prevOf[x]) out.unshift(shipments[x]);
        return out;
      };
      /** Whether the chain that ends with `s` already passed through entity `e`. */
      const passed = (s: number, e: number): boolean => {
        for (let x = s; x >= 0; x = prevOf[x]) if (supplier[x] === e) return true;
        return false;
      };
      const t0 = dateTimes[d0];
      let i = 0;
      for (; i < queue.length && found < 0 && queue.length < BUDGET; i++) {
        const cur = queue[i];
        const n = depthOf[cur];
        if (n >= maxShipments) continue;
        const [from, to] = salesFrom(buyer[cur], goods, dateRank[dateOf[cur]]);
        for (let j = from; j < to; j++) {
          const next = sales.items[j];
          if (mark[next] === search) continue;
          if (daysFrom(t0, dateTimes[dateOf[next]]) > windowDays) break;
          const back = groupOf[buyer[next]] === home;
          if (!back && (buyer[next] === buyer[cur] || passed(cur, buyer[next]))) continue;
          mark[next] = search;
          prevOf[next] = cur;
          depthOf[next] = n + 1;
          if (back) {
            if (n + 1 >= minShipments) {
              found = next;
              break;
            }
            continue;
          }
          queue.push(next);
          // The budget is of shipments explored: once the queue holds that many, the search is cut short here too (a
          // distributor's window holds ten thousand sales of one goods, read for each of its 200,000 purchases).
          if (queue.length >= BUDGET) break;
        }
      }
      if (found < 0 && queue.length >= BUDGET && i < queue.length) coverage.notJudged(CUT_SHORT);
      else coverage.judged();
      if (found < 0) continue;
      const chain = chainOf(found);
      const companies = [s0.supplier, ...chain.map((s) => s.buyer)];
      // The same circle run again is one flag, with every run among its shipments.
      const circle = `${companies.join('\u0000')}\u0000${goods}`;
      const before = circles.get(circle);
      if (before !== undefined) {
        before.runs++;
        for (const s of chain) {
          if (before.listed.has(s.id)) continue;
          before.listed.add(s.id);
          before.hit.shipments.push(s.id);
        }
        before.hit.evidence.runs = before.runs;
        continue;
      }
      const outside = chain.slice(0, -1).map((s) => s.buyer);
      const last = chain[chain.length - 1];
      const days = daysBetween(c.dates[d0], c.dates[dateOf[found]]);
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
          chain: chain.map((s) => ({ shipment: s.id, supplier: s.supplier, buyer: s.buyer, date: dateText(s)!, hsCode: s.hsCode ?? null, commodity: s.commodity })),
          goods: goodsTexts[goods],
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
            `The shipment records show ${goodsWords}${item ? `, watch-listed as ${item.name},` : ''} leaving ${ctx.label(s0.supplier)} on ${c.dates[d0]} and passing ${route}.`,
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
      circles.set(circle, { hit, runs: 1, listed: new Set(hit.shipments) });
      hits.push(hit);
    }
    for (const { hit, runs } of circles.values()) {
      if (runs > 1) hit.explanation.facts.push({ label: 'Times the same circle ran', value: String(runs), threshold: 'each run starts with a sale of the first seller' });
    }
    return hits;
  },
};
