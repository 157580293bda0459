import { showHs } from '../text';
import type { Rule, RuleHit, Severity } from '../types';
import { dateWords, goodsWords, groupWords, lineFacts, lineWords, linkWords, recordWords, shipmentFacts, shipmentTable, shorten } from './words';

const NO_HS = 'no HS code';
const LINE_UNKNOWN = 'buyer’s line of business unknown (no ISIC code, and no sector keyword matched)';
const NO_FIT_ROW = 'buyer’s ISIC code has no row in sector-fit.csv (not an ISIC Rev.4 class?)';

export const offProfilePurchase: Rule = {
  id: 'off-profile-purchase',
  title: 'Purchase does not fit the buyer’s line of business',
  description:
    'A shipment whose HS code does not fit the buyer’s line of business: the buyer’s ISIC Rev.4 class (or the class its free-text sector maps to, data/reference/sector-keywords.csv) has no row in data/reference/sector-fit.csv that covers the HS code. Every ISIC Rev.4 class has rows; buyers whose line of business is unknown are not judged (they are counted in the rule’s coverage). A purchase from a company of the buyer’s own group is flagged at intraGroupSeverity, with the ties that link the two.',
  severity: 'medium',
  parameters: [
    { name: 'minKg', type: 'number', default: 0, min: 0, description: 'Ignore purchases of known mass below this many kilograms (0: judge every purchase).' },
    { name: 'intraGroupSeverity', type: 'severity', default: 'low', description: 'Severity when the supplier belongs to the buyer’s company group.' },
  ],
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
  intraGroup:
    'Lowered (intraGroupSeverity, default low). Goods a group company passes to another (a parent supplying a subsidiary from its own stock, a group warehouse) were already in the group: the purchase that brought them into the group is judged on its own. The flag stays, so that the transfer can be read beside that purchase.',
  coverage: { unit: 'shipments', reasons: [NO_HS, LINE_UNKNOWN, NO_FIT_ROW] },
  evaluate(ctx, params, coverage) {
    const minKg = params.minKg as number;
    const groupSeverity = params.intraGroupSeverity as Severity;
    const hits: RuleHit[] = [];
    for (const s of ctx.bundle.shipments) {
      if (s.hsCode === undefined) {
        coverage.notJudged(NO_HS);
        continue;
      }
      const fits = ctx.fits(s.buyer, s.hsCode);
      if (fits === undefined) {
        coverage.notJudged(ctx.lineOfBusiness(s.buyer).isic === undefined ? LINE_UNKNOWN : NO_FIT_ROW);
        continue;
      }
      coverage.judged();
      if (fits || (s.quantityKg !== undefined && s.quantityKg < minKg)) continue;
      const hs = showHs(s.hsCode);
      const description = ctx.describeHs(s.hsCode);
      const link = ctx.groupLink(s.supplier, s.buyer);
      const isic = ctx.lineOfBusiness(s.buyer).isic!;
      const fitting = ctx.reference.sectorFit.filter((r) => r.isicPrefix !== '*' && isic.startsWith(r.isicPrefix));
      const severity: Severity | undefined = link ? groupSeverity : undefined;
      hits.push({
        entities: [s.buyer],
        shipment: s.id,
        counterparties: [s.supplier],
        shipments: [s.id],
        severity,
        evidence: {
          ...shipmentFacts(s),
          hsDescription: description ?? null,
          buyerLineOfBusiness: lineFacts(ctx, s.buyer),
          supplierInBuyerGroup: link !== undefined,
          supplierGroupLink: link ?? [],
        },
        summary:
          `${ctx.label(s.buyer)} (${lineWords(ctx, s.buyer)}) bought ${goodsWords(s)} from ${ctx.label(s.supplier)}${dateWords(s)}; goods of HS ${hs} do not fit its line of business` +
          (link ? `; the supplier is in the buyer’s own company group (${linkWords(link)}).` : '.'),
        explanation: {
          sentences: [
            `${recordWords(ctx, s)}.`,
            `Goods of HS ${hs}${description === undefined ? '' : ` (${shorten(description, 60)})`} are not among the goods that sector-fit.csv lists for the buyer’s line of business (${lineWords(ctx, s.buyer)}).`,
            ...(link
              ? [`${groupWords(ctx, s.supplier, s.buyer, link)}: this is trade inside one group, so the flag is ${severity}; read it beside the purchase that brought the goods into the group.`]
              : []),
            'Where to look: what the buyer does in practice (registry entry, premises, other purchases), whether it resells the goods, and whether its ISIC code is right.',
          ],
          facts: [
            ...shipmentTable(ctx, s),
            {
              label: 'Fits the buyer’s line of business',
              value: 'no',
              threshold: `HS prefixes listed for ISIC ${isic} in sector-fit.csv: ${fitting.flatMap((r) => r.hsPrefixes).slice(0, 12).join(', ')}${fitting.flatMap((r) => r.hsPrefixes).length > 12 ? ' …' : ''} (and the goods any business buys)`,
            },
            ...(link ? [{ label: 'Supplier in the buyer’s group', value: linkWords(link) }] : []),
          ],
        },
      });
    }
    return hits;
  },
};
