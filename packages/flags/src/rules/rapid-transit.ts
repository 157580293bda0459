import type { Shipment } from '@chokepoint/model';
import { daysBetween, fold, listWords, plural } from '../text';
import type { FlagContext, Rule, RuleHit, Severity } from '../types';
import { goodsWords, linkWords, shipmentTable } from './words';

const NO_DATE = 'no date of arrival or shipping';
const UNDATED_ONWARD = 'onward shipments of the same goods have no shipping date';

const MAX_HOPS = 25;

/** The date goods arrived: received, or shipped when no arrival date is known. */
const arrival = (s: Shipment): string | undefined => s.received ?? s.shipped;

/** Same goods: the same HS heading when both codes are known, else the same commodity words. */
function sameGoods(a: Shipment, b: Shipment): boolean {
  if (a.hsCode !== undefined && b.hsCode !== undefined) return a.hsCode.slice(0, 4) === b.hsCode.slice(0, 4);
  return fold(a.commodity) === fold(b.commodity);
}

/** Whether the entity that received `inbound` sold the same goods on without a shipping date (so they cannot be timed). */
function undatedOnward(ctx: FlagContext, inbound: Shipment): boolean {
  return ctx.sold(inbound.consignee ?? inbound.buyer).some((o) => o.id !== inbound.id && o.shipped === undefined && sameGoods(inbound, o));
}

/** Onward shipments of the goods of `inbound` by the entity that received them, within the dwell limit. */
function onward(ctx: FlagContext, inbound: Shipment, maxDwell: number): { out: Shipment; days: number }[] {
  const holder = inbound.consignee ?? inbound.buyer;
  const arrived = arrival(inbound);
  if (arrived === undefined) return [];
  return ctx
    .sold(holder)
    .filter((o) => o.id !== inbound.id && o.shipped !== undefined && sameGoods(inbound, o))
    .map((o) => ({ out: o, days: daysBetween(arrived, o.shipped!) }))
    .filter((x) => x.days >= 0 && x.days <= maxDwell)
    .sort((a, b) => a.days - b.days || (a.out.id < b.out.id ? -1 : 1));
}

/** The shipment that brought these goods to `s`'s supplier just before, if the supplier re-shipped quickly. */
function previous(ctx: FlagContext, s: Shipment, maxDwell: number): Shipment | undefined {
  if (s.shipped === undefined) return undefined;
  return ctx
    .received(s.supplier)
    .filter((i) => i.id !== s.id && sameGoods(i, s) && arrival(i) !== undefined)
    .map((i) => ({ i, days: daysBetween(arrival(i)!, s.shipped!) }))
    .filter((x) => x.days >= 0 && x.days <= maxDwell)
    .sort((a, b) => a.days - b.days || (a.i.id < b.i.id ? -1 : 1))[0]?.i;
}

export const rapidTransit: Rule = {
  id: 'rapid-transit',
  title: 'Goods moved on remarkably rapidly',
  description:
    'An entity that received goods (as consignee, or as buyer when no consignee is named) and shipped the same goods (same HS heading, or the same commodity words) onward within maxDwellDays. The chain of such hops is followed back and forward; when the whole chain, from the first shipment leaving to the last hop arriving, took at most maxChainDays and has at least two hops, the severity is raised. A chain that stays inside one company group from its first supplier to its last recipient is intraGroupSeverity. Measured times are in the evidence.',
  severity: 'medium',
  parameters: [
    { name: 'maxDwellDays', type: 'integer', default: 14, min: 0, max: 365, description: 'Longest time between receiving goods and shipping them on that counts as rapid.' },
    { name: 'maxChainDays', type: 'integer', default: 30, min: 0, max: 3650, description: 'A chain of re-shipments faster than this raises the severity.' },
    { name: 'chainSeverity', type: 'severity', default: 'high', description: 'Severity for a fast chain of at least two re-shipments.' },
    { name: 'watchlistOnly', type: 'boolean', default: false, description: 'Only follow watch-listed goods.' },
    {
      name: 'exemptWholesale',
      type: 'boolean',
      default: true,
      description: 'Selling on what they buy is the business of wholesalers (ISIC division 46): do not flag their quick re-shipments of goods that fit their line of business (they still appear inside chains).',
    },
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
  falsePositives: 'Traders outside ISIC division 46 whose business is to sell on what they buy, cross-docking, and just-in-time supply.',
  intraGroup:
    'Judged on the whole chain. Goods that enter a group from outside and are passed quickly through its companies towards a border are the pattern CAR describes, so those chains keep their severity, and the flag names the hops made inside a group. A chain that never leaves one group (a factory supplying the group warehouse, which supplies a group shop) is internal logistics: intraGroupSeverity, default low.',
  coverage: { unit: 'shipments received', reasons: [NO_DATE, UNDATED_ONWARD] },
  evaluate(ctx, params, coverage) {
    const maxDwell = params.maxDwellDays as number;
    const maxChain = params.maxChainDays as number;
    const chainSeverity = params.chainSeverity as Severity;
    const watchOnly = params.watchlistOnly as boolean;
    const exemptWholesale = params.exemptWholesale as boolean;
    const groupSeverity = params.intraGroupSeverity as Severity;
    const hits: RuleHit[] = [];
    for (const inbound of ctx.bundle.shipments) {
      if (watchOnly && ctx.watch(inbound) === undefined) continue;
      if (arrival(inbound) === undefined) {
        coverage.notJudged(NO_DATE);
        continue;
      }
      const next = onward(ctx, inbound, maxDwell);
      if (next.length === 0) {
        if (undatedOnward(ctx, inbound)) coverage.notJudged(UNDATED_ONWARD);
        else coverage.judged();
        continue;
      }
      coverage.judged();
      const holder = inbound.consignee ?? inbound.buyer;
      if (exemptWholesale && inbound.hsCode !== undefined && ctx.lineOfBusiness(holder).isic?.startsWith('46') && ctx.fits(holder, inbound.hsCode) === true) continue;
      // The chain: back through quick re-shipments, then forward along the quickest onward hops.
      const chain: Shipment[] = [inbound];
      const seen = new Set([inbound.id]);
      // Chains are followed up to MAX_HOPS shipments each way.
      for (let p = previous(ctx, inbound, maxDwell); p && !seen.has(p.id) && chain.length < MAX_HOPS; p = previous(ctx, p, maxDwell)) {
        chain.unshift(p);
        seen.add(p.id);
      }
      for (let n = next[0]?.out; n && !seen.has(n.id) && chain.length < 2 * MAX_HOPS; n = onward(ctx, n, maxDwell)[0]?.out) {
        chain.push(n);
        seen.add(n.id);
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
          dwellDays: first.days,
          chain: chain.map((s) => s.id),
          chainPath: path,
          chainDays,
          reshipments: hops,
          maxDwellDays: maxDwell,
          maxChainDays: maxChain,
          chainInsideOneGroup: oneGroup,
          groupHops,
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
            ...(hops >= 2
              ? [{ label: 'Whole chain', value: `${plural(chainDays, 'day', 'days')} over ${hops + 1} shipments: ${chain.map((s) => s.id).join(' → ')}`, threshold: `≤ ${maxChain} days and at least 3 shipments raise the severity` }]
              : []),
            ...(groupHops.length > 0 ? [{ label: 'Hops inside one company group', value: groupHops.map((h) => h.shipment).join(', ') }] : []),
          ],
        },
      });
    }
    return hits;
  },
};
