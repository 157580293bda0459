import type { Rule } from '../types';
import { dateWords, goodsWords, lineFacts, lineWords, shipmentFacts } from './words';

export const thirdPartyPayer: Rule = {
  id: 'third-party-payer',
  title: 'Paid for by a third party outside the buyer’s group',
  description:
    'A shipment whose payer is neither the buyer nor in the buyer’s company group (entities linked by ownership, directorship, family, shared address or shared phone, directly or through others).',
  severity: 'high',
  parameters: [],
  sources: [
    {
      publisher: 'FATF and Egmont Group',
      indicator: 'Payments for goods are made by, or to, third parties with no apparent connection to the transaction.',
      reference: 'FATF–Egmont Group (2020), Trade-Based Money Laundering: Trends and Developments',
    },
    {
      publisher: 'Conflict Armament Research',
      indicator: 'A car-hire firm paid for motion-control units delivered to a phone shop.',
      reference: 'CAR (2020), Islamic State procurement networks in Turkey and beyond',
    },
  ],
  falsePositives: 'Groups whose ties are missing from the data (a parent company not in the bundle), factoring and trade-finance arrangements, and payment agents.',
  evaluate(ctx) {
    // Shipments between each pair, either way, counted once for the evidence.
    let pairCounts: Map<string, number> | undefined;
    const tradesBetween = (a: string, b: string): number => {
      if (!pairCounts) {
        pairCounts = new Map();
        for (const o of ctx.bundle.shipments) {
          const k = o.buyer < o.supplier ? `${o.buyer}\u0000${o.supplier}` : `${o.supplier}\u0000${o.buyer}`;
          pairCounts.set(k, (pairCounts.get(k) ?? 0) + 1);
        }
      }
      return pairCounts.get(a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`) ?? 0;
    };
    return ctx.bundle.shipments.flatMap((s) => {
      if (s.payer === undefined || s.payer === s.buyer) return [];
      if (ctx.group(s.payer).id === ctx.group(s.buyer).id) return [];
      const trades = tradesBetween(s.buyer, s.payer);
      return [
        {
          entities: [s.buyer],
          shipment: s.id,
          counterparties: [s.payer, s.supplier],
          shipments: [s.id],
          evidence: {
            ...shipmentFacts(s),
            payer: s.payer,
            payerLineOfBusiness: lineFacts(ctx, s.payer),
            buyerLineOfBusiness: lineFacts(ctx, s.buyer),
            payerInBuyerGroup: false,
            tradesBetweenPayerAndBuyer: trades,
          },
          summary: `${ctx.label(s.payer)} (${lineWords(ctx, s.payer)}) paid for ${goodsWords(s)} that ${ctx.label(s.buyer)} bought from ${ctx.label(s.supplier)}${dateWords(s)}; no ownership, family, director, address or phone tie links the payer to the buyer.`,
        },
      ];
    });
  },
};
