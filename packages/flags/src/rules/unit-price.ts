import { showHs, showNumber } from '../text';
import { PROGRESS_EVERY, type Rule, type RuleHit, type Severity } from '../types';
import { groupWords, recordWords, shipmentFacts, shipmentTable } from './words';
import { LeaveOneOut } from './volume-anomaly';
import { indexLists } from '../columns';

const NO_PRICE = 'no value, currency or quantity (no unit price)';
const FEW_PEERS = 'too few other shipments of the same HS code, currency and unit (fewer than minPeers)';

/** "EUR 1.25 per kg", with enough digits for small prices. */
function showPrice(price: number, currency: string, per: string): string {
  const digits = price >= 100 ? 0 : price >= 1 ? 2 : 4;
  const text = new Intl.NumberFormat('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(price);
  return `${currency} ${text} per ${per}`;
}

export const unitPrice: Rule = {
  id: 'unit-price',
  title: 'Unit price out of line with other shipments of the same goods',
  description:
    'A shipment whose price per kg (or per unit, when it was not weighed) is far from the median price of the other shipments of the same HS code (hsDigits digits), currency and unit in the data: at least minRatio times above or below it, and a robust z-score (modified z on the logarithm of the price, leave-one-out median and median absolute deviation) of at least minZ. Over-invoicing moves money to the seller, under-invoicing to the buyer. The price is compared only with at least minPeers other shipments priced in the same currency and per the same unit: currencies are never converted, kilograms never compared with pieces. Inside one company group the flag is intraGroupSeverity (transfer prices are often set by policy, not by the market).',
  severity: 'medium',
  parameters: [
    { name: 'hsDigits', type: 'integer', default: 6, min: 2, max: 10, description: 'How many digits of the HS code make one kind of goods (6: the HS subheading).' },
    { name: 'minPeers', type: 'integer', default: 5, min: 3, max: 1000, description: 'Fewest other shipments of the same goods, currency and unit to compare the price with.' },
    { name: 'minRatio', type: 'number', default: 3, min: 1, max: 1000, description: 'How many times above or below the median the price must be.' },
    { name: 'minZ', type: 'number', default: 3.5, min: 0, max: 100, description: 'Smallest robust z-score (modified z on log price) that counts as out of line (3.5 is the usual cut of Iglewicz and Hoaglin).' },
    {
      name: 'maxAlike',
      type: 'integer',
      default: 2,
      min: 0,
      max: 1000,
      description: 'Most other shipments of the group priced like this one (from half to twice its price) for it to count as out of line: a price several shipments share is another product or grade under the same HS code, not one mispriced shipment.',
    },
    { name: 'intraGroupSeverity', type: 'severity', default: 'low', description: 'Severity when supplier and buyer belong to one company group (transfer pricing).' },
  ],
  sources: [
    {
      publisher: 'FATF and Egmont Group',
      indicator: 'The value of goods is significantly over- or under-valued compared with their fair market value, or is inconsistent with the goods’ type or quantity (price manipulation).',
      reference: 'FATF–Egmont Group (2021), Trade-Based Money Laundering: Risk Indicators',
    },
    {
      publisher: 'FinCEN and BIS',
      indicator: 'Transactions involving prices significantly above or below market value for the goods.',
      reference: 'FinCEN and BIS, Joint Alert FIN-2022-Alert003 (28 June 2022) and Supplemental Alert FIN-2023-Alert004 (19 May 2023)',
    },
  ],
  falsePositives:
    'Goods of very different grade, purity or make under one HS code (laboratory-grade against technical-grade chemicals, a spare part against a whole machine), bulk discounts, samples and free replacements with a token value, a value that covers freight or services as well, prices years apart, and a quantity or unit typed wrong (which the flag then brings to light).',
  intraGroup:
    'Lowered (intraGroupSeverity, default low): prices between companies of one group are transfer prices, set by policy and tax rules rather than the market, and often far from it. The flag stays, because mispriced trade inside a group is also how value is moved across borders.',
  coverage: { unit: 'shipments', reasons: [NO_PRICE, FEW_PEERS] },
  evaluate(ctx, params, coverage, progress) {
    const digits = params.hsDigits as number;
    const minPeers = params.minPeers as number;
    const minRatio = params.minRatio as number;
    const minZ = params.minZ as number;
    const groupSeverity = params.intraGroupSeverity as Severity;
    const maxAlike = params.maxAlike as number;
    // Groups of the same goods (the first hsDigits digits, numbered once per HS code), currency and unit, in order of
    // first shipment, holding shipment numbers and prices; found through nested maps rather than a key string per
    // shipment.
    const c = ctx.columns;
    const goodsNumber = new Map<string, number>();
    const goodsTexts: string[] = [];
    const goodsOf = c.hsCodes.map((code) => {
      const goods = code.slice(0, digits);
      let g = goodsNumber.get(goods);
      if (g === undefined) goodsNumber.set(goods, (g = goodsTexts.push(goods) - 1));
      return g;
    });
    // Each priced shipment's group (-1: no price) and price, then each group's members in bundle order as an index
    // list: no array per group grows shipment by shipment.
    const groups: { goods: string; per: string }[] = [];
    const groupOf = new Map<number, Map<string, Map<string, number>>>();
    const shipments = ctx.bundle.shipments;
    // The rule's own arrays, lent for the time it runs (ctx.scratch).
    const groupAt = ctx.scratch.int32(shipments.length);
    const priceAt = ctx.scratch.float64(shipments.length);
    let unpriced = 0;
    for (let n = 0; n < shipments.length; n++) {
      if ((n & PROGRESS_EVERY) === 0) progress(n, shipments.length);
      const s = shipments[n];
      // The price, per kilogram when the shipment was weighed, else per its own unit (pieces, litres, metres …).
      let price = 0;
      let per: string | undefined;
      if (s.hsCode !== undefined && s.value !== undefined && s.currency !== undefined && !(s.value <= 0)) {
        if (s.quantityKg !== undefined && s.quantityKg > 0) {
          price = s.value / s.quantityKg;
          per = 'kg';
        } else if (s.quantity !== undefined && s.quantity > 0 && s.unit !== undefined) {
          price = s.value / s.quantity;
          per = s.unit;
        }
      }
      if (per === undefined) {
        groupAt[n] = -1;
        unpriced++;
        continue;
      }
      const goods = goodsOf[c.hs[n]];
      let byCurrency = groupOf.get(goods);
      if (byCurrency === undefined) groupOf.set(goods, (byCurrency = new Map()));
      let byUnit = byCurrency.get(s.currency!);
      if (byUnit === undefined) byCurrency.set(s.currency!, (byUnit = new Map()));
      let g = byUnit.get(per);
      if (g === undefined) {
        byUnit.set(per, (g = groups.length));
        groups.push({ goods: goodsTexts[goods], per });
      }
      groupAt[n] = g;
      priceAt[n] = price;
    }
    if (unpriced > 0) coverage.notJudged(NO_PRICE, unpriced);
    const members = indexLists(groupAt, groups.length, ctx.scratch);
    const hits: RuleHit[] = [];
    for (let g = 0; g < groups.length; g++) {
      const group = groups[g];
      const from = members.start[g];
      const size = members.start[g + 1] - from;
      if (size - 1 < minPeers) {
        coverage.notJudged(FEW_PEERS, size);
        continue;
      }
      coverage.judged(size);
      const prices = new Float64Array(size);
      for (let k = 0; k < size; k++) prices[k] = priceAt[members.items[from + k]];
      const loo = new LeaveOneOut(prices);
      const sorted = prices.slice().sort();
      const within = (lo: number, hi: number) => upper(sorted, hi) - lower(sorted, lo);
      for (let k = 0; k < size; k++) {
        const price = prices[k];
        // The median first (the same for most members of a group): most prices are within minRatio of it.
        const median = loo.medianWithout(price);
        const ratio = price >= median ? price / median : median / price;
        if (ratio < minRatio) continue;
        const { z } = loo.without(price);
        if (Math.abs(z) < minZ) continue;
        const alike = within(price / 2, price * 2) - 1;
        if (alike > maxAlike) continue;
        const m = { s: shipments[members.items[from + k]], price, per: group.per, goods: group.goods };
        const s = m.s;
        const above = m.price > median;
        const currency = s.currency!;
        const link = ctx.groupLink(s.supplier, s.buyer);
        const priceWords = showPrice(m.price, currency, m.per);
        const medianWords = showPrice(median, currency, m.per);
        const times = `${showNumber(Math.round(ratio * 10) / 10)} times ${above ? 'above' : 'below'}`;
        const goods = `HS ${showHs(m.goods)}`;
        hits.push({
          entities: [s.buyer],
          shipment: s.id,
          counterparties: [s.supplier],
          shipments: [s.id],
          ...(link ? { severity: groupSeverity } : {}),
          evidence: {
            ...shipmentFacts(s),
            price: m.price,
            per: m.per,
            medianPrice: median,
            ratio,
            direction: above ? 'above' : 'below',
            robustZ: z,
            goods: m.goods,
            peers: size - 1,
            alike,
            sameGroup: link !== undefined,
          },
          summary: `${ctx.label(s.supplier)} invoiced ${ctx.label(s.buyer)} ${priceWords} for ${goods} in shipment ${s.id}, ${times} the median of ${size - 1} other shipments of the same goods in ${currency} (${medianWords}).`,
          explanation: {
            sentences: [
              `${recordWords(ctx, s)}: ${priceWords}.`,
              `The ${size - 1} other shipments of ${goods} priced in ${currency} per ${m.per} have a median of ${medianWords}; this price is ${times} it (robust z-score ${showNumber(Math.round(z * 10) / 10)}).`,
              above
                ? 'A price far above what others pay can move money from buyer to seller under cover of trade (over-invoicing).'
                : 'A price far below what others pay can move value from seller to buyer under cover of trade (under-invoicing), or hide the real quantity.',
              ...(link ? [`${groupWords(ctx, s.supplier, s.buyer, link)}: this is a transfer price inside one group, so the flag is ${groupSeverity}.`] : []),
              'Where to look: the invoice and the goods’ grade or specification (a different product under one HS code explains much), what else the parties paid each other, and whether quantity and unit were recorded right.',
            ],
            facts: [
              ...shipmentTable(ctx, s),
              { label: 'Unit price', value: priceWords, threshold: `at least ${showNumber(minRatio)} times above or below the median, robust z at least ${showNumber(minZ)}` },
              { label: 'Median of the other shipments', value: `${medianWords} (${size - 1} shipments of ${goods} in ${currency})`, threshold: `at least ${minPeers} shipments` },
              { label: 'Difference', value: `${times} (robust z ${showNumber(Math.round(z * 10) / 10)})` },
              { label: 'Other shipments priced alike', value: String(alike), threshold: `at most ${maxAlike} (from half to twice this price)` },
            ],
          },
        });
      }
    }
    return hits;
  },
};

/** First index whose value is at least x. */
function lower(a: Float64Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose value is above x. */
function upper(a: Float64Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
