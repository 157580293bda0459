import type { Shipment } from '@chokepoint/model';
import { showHs } from '../text';
import { PROGRESS_EVERY, type Rule, type RuleHit } from '../types';
import { dateWords, goodsWords, lineFacts, lineWords, recordWords, shipmentFacts, shipmentTable } from './words';

const LINE_UNKNOWN = 'final recipient’s line of business unknown (whether it is a forwarder or trader not checked)';
const NO_DATE = 'no date (whether the goods went on later could not be told)';

const dateOf = (s: Shipment): string | undefined => s.shipped ?? s.received;

export const forwarderConsignee: Rule = {
  id: 'forwarder-consignee',
  title: 'Freight forwarder or trading company as the final destination of watch-listed goods',
  description:
    'A watch-listed shipment whose final recipient (the consignee, else the buyer) is a freight forwarder or logistics firm (ISIC prefixes in forwarderIsic) or a non-specialised trading company (tradingIsic), is not a documented user of the goods, and sells or sends none of the same goods (the same HS heading, or the same watch-list entry) on afterwards in the data: the goods stop at a company whose business is to pass goods on, so their real destination is not on record. Companies the rule counts as forwarders or traders are named in the evidence with their line of business.',
  severity: 'medium',
  parameters: [
    { name: 'forwarderIsic', type: 'codes', default: ['5229', '5210', '5224'], description: 'ISIC prefixes of freight forwarders, warehouses and cargo handlers.' },
    { name: 'tradingIsic', type: 'codes', default: ['4690', '4610'], description: 'ISIC prefixes of non-specialised traders and commission agents (specialised wholesalers are judged by the watch list’s documented users).' },
  ],
  sources: [
    {
      publisher: 'US Department of Commerce, Bureau of Industry and Security',
      indicator: '“A freight forwarding firm is listed as the product’s final destination.”',
      reference: 'BIS, Know Your Customer Guidance and Red Flags (15 CFR Part 732, Supplement No. 3)',
    },
    {
      publisher: 'FinCEN and BIS',
      indicator: 'A freight forwarder or a trading company, rather than an end user, is listed as the final consignee or end user of export-controlled items.',
      reference: 'FinCEN and BIS, Joint Alert FIN-2022-Alert003 (28 June 2022); Supplemental Alert FIN-2023-Alert004 (19 May 2023)',
    },
  ],
  falsePositives:
    'Forwarders and traders whose onward deliveries are not in the data (the usual case when a bundle holds one country’s records), general traders that sell from stock to many small users without records, and companies whose ISIC code was given as a trader’s though they use the goods.',
  intraGroup:
    'Judged as any other shipment: a group’s own forwarder as final destination still hides where the goods went.',
  coverage: { unit: 'watch-listed shipments', reasons: [LINE_UNKNOWN, NO_DATE] },
  evaluate(ctx, params, coverage, progress) {
    const forwarders = params.forwarderIsic as string[];
    const traders = params.tradingIsic as string[];
    const hits: RuleHit[] = [];
    const shipments = ctx.bundle.shipments;
    for (let n = 0; n < shipments.length; n++) {
      if ((n & PROGRESS_EVERY) === 0) progress(n, shipments.length);
      const s = shipments[n];
      const item = ctx.watchAt(n);
      if (item === undefined) continue;
      const to = s.consignee ?? s.buyer;
      const isic = ctx.lineAt(ctx.columns.receiver[n]).isic;
      if (isic === undefined) {
        coverage.notJudged(LINE_UNKNOWN);
        continue;
      }
      const date = dateOf(s);
      if (date === undefined) coverage.notJudged(NO_DATE);
      else coverage.judged();
      const forwarder = forwarders.some((p) => isic.startsWith(p));
      const trader = !forwarder && traders.some((p) => isic.startsWith(p));
      if (!forwarder && !trader) continue;
      if (ctx.isUserAt(ctx.columns.receiver[n], item) === true) continue;
      const heading = s.hsCode?.slice(0, 4);
      const onward = ctx.sold(to).filter((o) => {
        const d = dateOf(o);
        const same = (heading !== undefined && o.hsCode?.startsWith(heading)) || ctx.watch(o)?.id === item.id;
        return same && (date === undefined || d === undefined || d >= date);
      });
      if (onward.length > 0) continue;
      const what = forwarder ? 'a freight forwarder or logistics firm' : 'a non-specialised trading company';
      const recipient = to === s.buyer ? 'the buyer, with no other consignee named' : `the consignee named for ${ctx.label(s.buyer)}’s purchase`;
      hits.push({
        entities: [to],
        shipment: s.id,
        counterparties: [s.supplier, s.buyer],
        shipments: [s.id],
        evidence: {
          ...shipmentFacts(s),
          finalRecipient: to,
          recipientLineOfBusiness: lineFacts(ctx, to),
          recipientKind: forwarder ? 'forwarder' : 'trader',
          watchlist: { id: item.id, name: item.name, category: item.category },
          onwardShipments: 0,
        },
        summary: `${ctx.label(to)} (${lineWords(ctx, to)}), ${what}, is the final destination of ${goodsWords(s)}, watch-listed as ${item.name}, from ${ctx.label(s.supplier)}${dateWords(s)}; no onward shipment of the goods from it is in the data.`,
        explanation: {
          sentences: [
            `${recordWords(ctx, s)}; the goods are watch-listed as ${item.name}.`,
            `They went to ${ctx.label(to)}, ${recipient}: ${what} (${lineWords(ctx, to)}), not a documented user of ${item.name}.`,
            `No later shipment of the same goods (${heading !== undefined ? `HS ${showHs(heading)}` : item.name}) from ${ctx.label(to)} is in the data, so where the goods went in the end is not on record.`,
            'Where to look: the end-user statement, the forwarder’s or trader’s onward delivery records for these goods, and who collected them.',
          ],
          facts: [
            ...shipmentTable(ctx, s),
            { label: 'Final recipient', value: `${ctx.label(to)}, ${lineWords(ctx, to)}`, threshold: `forwarders: ISIC ${forwarders.join(', ')}; traders: ISIC ${traders.join(', ')}` },
            { label: 'Watch list', value: item.name },
            { label: 'Onward shipments of the goods', value: 'none in the data', threshold: 'none' },
          ],
        },
      });
    }
    return hits;
  },
};
