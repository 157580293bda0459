import { describeIsic } from '@chokepoint/model';
import { showHs } from '../text';
import { PROGRESS_EVERY, type Rule, type RuleHit, type Severity } from '../types';
import { dateWords, goodsWords, groupWords, lineFacts, lineWords, linkWords, recordWords, shipmentFacts, shipmentTable, shorten } from './words';

const NO_HS = 'no HS code';
const LINE_UNKNOWN = 'buyer’s line of business unknown (no ISIC code, and no sector keyword matched)';
const NO_FIT_ROW = 'buyer’s ISIC code has no row in sector-fit.csv (not an ISIC Rev.4 class?)';

export const offProfilePurchase: Rule = {
  id: 'off-profile-purchase',
  title: 'Purchase does not fit the buyer’s line of business',
  description:
    'A shipment whose HS code does not fit the buyer’s line of business: the buyer’s ISIC Rev.4 class (or the class its free-text sector maps to, data/reference/sector-keywords.csv) has no row in data/reference/sector-fit.csv that covers the HS code. A class’s rows are those of its division, group or class and of its ISIC section (what every business of the section buys: the spare parts of a mine’s or a factory’s machines, the pumps and drives of a utility), plus the rows for any business (office IT and phones, vehicle upkeep, fuel, packaging, premises) — except that a watch-listed shipment is judged against the class’s own rows only, since no business buys precursors, IED components or phones in bulk merely for its own office. Every ISIC Rev.4 class has rows; buyers whose line of business is unknown are not judged (they are counted in the rule’s coverage). When the reader warned that the buyer’s sector text and ISIC code disagree (input warnings), the buyer gets the benefit of the doubt: goods that fit either reading are not off its profile, and a flag says that its line of business is uncertain. A purchase from a company of the buyer’s own group is flagged at intraGroupSeverity, with the ties that link the two.',
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
    'Firms that trade outside their registered class (a hardware store selling fertiliser), inputs that the mapping does not list for a class (extend sector-fit in a rules file, and tell us), and wrong ISIC codes in the source data (a code the reader found at odds with the sector text is judged under both readings). Fit is judged by HS code, not quantity: an office buying one router and a travel agency buying a thousand radio modules under the same code both fit (volume-anomaly compares quantities). Non-specialised traders fit every good and are never flagged by this rule.',
  intraGroup:
    'Lowered (intraGroupSeverity, default low). Goods a group company passes to another (a parent supplying a subsidiary from its own stock, a group warehouse) were already in the group: the purchase that brought them into the group is judged on its own. The flag stays, so that the transfer can be read beside that purchase.',
  coverage: { unit: 'shipments', reasons: [NO_HS, LINE_UNKNOWN, NO_FIT_ROW] },
  evaluate(ctx, params, coverage, progress) {
    const minKg = params.minKg as number;
    const groupSeverity = params.intraGroupSeverity as Severity;
    const hits: RuleHit[] = [];
    const shipments = ctx.bundle.shipments;
    const buyers = ctx.columns.buyer;
    const c = ctx.columns;
    for (let n = 0; n < shipments.length; n++) {
      if ((n & PROGRESS_EVERY) === 0) progress(n, shipments.length);
      // By the columns; the shipment itself is read only when it is flagged.
      if (c.hs[n] < 0) {
        coverage.notJudged(NO_HS);
        continue;
      }
      const fits = ctx.fitsAt(buyers[n], n);
      if (fits === undefined) {
        coverage.notJudged(ctx.lineAt(buyers[n]).isic === undefined ? LINE_UNKNOWN : NO_FIT_ROW);
        continue;
      }
      coverage.judged();
      if (fits || (c.hasKg[n] === 1 && c.kg[n] < minKg)) continue;
      const s = shipments[n];
      const judgement = ctx.fit(s.buyer, s);
      const hs = showHs(s.hsCode!);
      const description = ctx.describeHs(s.hsCode!);
      const link = ctx.groupLink(s.supplier, s.buyer);
      const isic = ctx.lineOfBusiness(s.buyer).isic!;
      const readings = judgement.readings;
      const uncertain = readings.length > 0;
      const listed = (code: string) => {
        const prefixes = ctx.fitPrefixes(code);
        return `${prefixes.slice(0, 12).join(', ')}${prefixes.length > 12 ? ' …' : ''}`;
      };
      const anyBusiness = judgement.watchListed ? 'the goods any business buys do not count for watch-listed goods' : 'and the goods any business buys';
      const readingWords = readings.map((r) => `ISIC ${describeIsic(r)}`).join(' or ');
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
          lineOfBusinessUncertain: uncertain,
          watchListed: judgement.watchListed,
          supplierInBuyerGroup: link !== undefined,
          supplierGroupLink: link ?? [],
        },
        summary:
          `${ctx.label(s.buyer)} (${lineWords(ctx, s.buyer)}) bought ${goodsWords(s)} from ${ctx.label(s.supplier)}${dateWords(s)}; goods of HS ${hs} do not fit its line of business` +
          (uncertain ? `, whether read from its ISIC code or from its sector text (which reads as ISIC ${readings.join(' or ')}): its line of business is uncertain` : '') +
          (link ? `; the supplier is in the buyer’s own company group (${linkWords(link)}).` : '.'),
        explanation: {
          sentences: [
            `${recordWords(ctx, s)}.`,
            `Goods of HS ${hs}${description === undefined ? '' : ` (${shorten(description, 60)})`} are not among the goods that sector-fit.csv lists for the buyer’s line of business (${lineWords(ctx, s.buyer)})${judgement.watchListed ? '; they are watch-listed, so the goods that any business buys for its own use do not count for them' : ''}.`,
            ...(uncertain
              ? [
                  `The buyer’s line of business is uncertain: the reader warned that its sector text (“${ctx.lineOfBusiness(s.buyer).sector}”) and its ISIC code ${isic} disagree, the text reading as ${readingWords}. The purchase was judged under both readings and fits neither, so the flag stands; settle which reading is right before weighing it.`,
                ]
              : []),
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
              threshold: `HS prefixes listed for ISIC ${isic} in sector-fit.csv: ${listed(isic)} (${anyBusiness})`,
            },
            ...readings.map((r) => ({
              label: 'Fits what the sector text reads as',
              value: `no (ISIC ${r})`,
              threshold: `HS prefixes listed for ISIC ${r}: ${listed(r)}`,
            })),
            ...(link ? [{ label: 'Supplier in the buyer’s group', value: linkWords(link) }] : []),
          ],
        },
      });
    }
    return hits;
  },
};
