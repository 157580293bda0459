import { showHs } from '../text';
import type { Rule } from '../types';
import { dateWords, goodsWords, lineFacts, lineWords, shipmentFacts } from './words';

export const offProfilePurchase: Rule = {
  id: 'off-profile-purchase',
  title: 'Purchase does not fit the buyer’s line of business',
  description:
    'A shipment whose HS code does not fit the buyer’s line of business: the buyer’s ISIC Rev.4 class (or the class its free-text sector maps to, data/reference/sector-keywords.csv) has no row in data/reference/sector-fit.csv that covers the HS code. Buyers whose line of business is unknown or has no row in the mapping are not judged.',
  severity: 'medium',
  parameters: [{ name: 'minKg', type: 'number', default: 0, min: 0, description: 'Ignore purchases of known mass below this many kilograms (0: judge every purchase).' }],
  sources: [
    {
      publisher: 'US Department of Commerce, Bureau of Industry and Security',
      indicator: '“The product’s capabilities do not fit the buyer’s line of business.”',
      reference: 'BIS, Know Your Customer Guidance and Red Flags (15 CFR Part 732, Supplement No. 3)',
    },
    {
      publisher: 'Conflict Armament Research',
      indicator: 'A small mobile-phone shop bought about 6 t of aluminium paste from a chemical distributor.',
      reference: 'CAR (2020), Islamic State procurement networks in Turkey and beyond',
    },
  ],
  falsePositives:
    'Firms that trade outside their registered class (a hardware store selling fertiliser), classes the mapping describes too narrowly, and wrong ISIC codes in the source data. Non-specialised traders fit every good and are never flagged by this rule.',
  evaluate(ctx, params) {
    const minKg = params.minKg as number;
    return ctx.bundle.shipments.flatMap((s) => {
      if (s.hsCode === undefined || ctx.fits(s.buyer, s.hsCode) !== false) return [];
      if (s.quantityKg !== undefined && s.quantityKg < minKg) return [];
      const hs = showHs(s.hsCode);
      const description = ctx.describeHs(s.hsCode);
      return [
        {
          entities: [s.buyer],
          shipment: s.id,
          counterparties: [s.supplier],
          shipments: [s.id],
          evidence: { ...shipmentFacts(s), hsDescription: description ?? null, buyerLineOfBusiness: lineFacts(ctx, s.buyer) },
          summary: `${ctx.label(s.buyer)} (${lineWords(ctx, s.buyer)}) bought ${goodsWords(s)} from ${ctx.label(s.supplier)}${dateWords(s)}; goods of HS ${hs} do not fit its line of business.`,
        },
      ];
    });
  },
};
