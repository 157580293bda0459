import type { Relation } from '@chokepoint/model';
import { listWords, plural } from '../text';
import { PROGRESS_EVERY, type FlagContext, type Rule, type RuleHit, type Severity } from '../types';
import { indexLists, NO_PAYER, PairSet } from '../columns';
import { dateWords, goodsWords, lineFacts, lineWords, linkWords, recordWords, shipmentFacts, shipmentTable } from './words';

/** The kinds of tie checked between payer and buyer, in words, as the evidence lists them. */
export const PAYER_TIES_CHECKED = ['owner', 'director', 'family', 'shared_address', 'shared_phone', 'agent', 'associate', 'employee'] as const;
/** Ties that do not explain a payment: the ones the payment itself implies. */
export const PAYER_TIES_NOT_COUNTED = ['paid_for', 'consigned_to'] as const;
const TIES_IN_WORDS = 'ownership, directorship, family, shared address, shared phone, agent, associate or employment';
/** Ties that make a payer a known party though outside the group: it acts for, or with, the buyer. */
const ACTING_TIES = ['agent', 'associate', 'employee'];

const PAYER_LINE_UNKNOWN = 'payer’s line of business unknown (whether it is a bank or lender could not be checked)';

/** "X is recorded as an agent of Y". */
function tieWords(ctx: FlagContext, r: Relation): string {
  const what = r.kind === 'agent' ? 'an agent' : r.kind === 'employee' ? 'an employee' : 'an associate';
  return `${ctx.label(r.source)} is recorded as ${what} of ${ctx.label(r.target)}`;
}

export const thirdPartyPayer: Rule = {
  id: 'third-party-payer',
  title: 'Paid for by a third party outside the buyer’s group',
  description:
    'A shipment whose payer is neither the buyer nor in the buyer’s company group (entities linked by ownership, directorship, family, shared address or shared phone, directly or through others). The ties checked are listed in the evidence; the paid_for and consigned_to ties that shipments imply are not links. A payer recorded as an agent, associate or employee of the buyer, or of a company of its group (directly, or through the payer’s own group), is a known party: flagged at linkedSeverity, to check what the agency covers. A bank or lender (ISIC classes in financeIsic, from the isic column or a sector keyword such as bank, finance, leasing or factoring) paying for goods is trade finance, not by itself a third-party payer: it is flagged, at financeSeverity, only when the goods are watch-listed and the buyer is not a documented user of them, or the goods do not fit the buyer’s line of business.',
  severity: 'high',
  parameters: [
    { name: 'linkedSeverity', type: 'severity', default: 'low', description: 'Severity when the payer is recorded as an agent, associate or employee of the buyer or of its group.' },
    { name: 'financeIsic', type: 'codes', default: ['641', '642', '649'], description: 'ISIC prefixes of banks, lenders, leasing and factoring firms (trade finance).' },
    {
      name: 'financeSeverity',
      type: 'severity',
      default: 'low',
      description: 'Severity when a bank or lender pays and the purchase is itself an indicator (watch-listed goods for a buyer with no documented use, or goods off the buyer’s profile).',
    },
  ],
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
  falsePositives:
    'Groups whose ties are missing from the data (a parent company not in the bundle), factoring and trade-finance houses whose line of business is not recorded, and payment agents whose agency is not in the relations.',
  intraGroup:
    'A payer in the buyer’s company group is no third party: never flagged. Whether the supplier is in the buyer’s group does not change the judgement: an unexplained outsider paying for a transfer inside a group is no less unexplained.',
  coverage: { unit: 'shipments paid for by someone other than the buyer', reasons: [PAYER_LINE_UNKNOWN] },
  evaluate(ctx, params, coverage, progress) {
    const linkedSeverity = params.linkedSeverity as Severity;
    const financeIsic = params.financeIsic as string[];
    const financeSeverity = params.financeSeverity as Severity;
    // Shipments between a pair, either way: each one's purchases from the other, walked when a flag needs them.
    const c = ctx.columns;
    const tradesBetween = (a: number, b: number): number => {
      let n = 0;
      for (const [buyer, seller] of [
        [a, b],
        [b, a],
      ]) {
        for (let k = c.boughtBy.start[buyer]; k < c.boughtBy.start[buyer + 1]; k++) if (c.supplier[c.boughtBy.items[k]] === seller) n++;
      }
      return n;
    };
    // Agent, associate and employment ties, by the pair of company groups they join.
    // Keyed by the two group numbers (the lower first; -1, the group of an unknown id, counted in, as 0 here).
    const groupAtNo = (e: number): number => (e < 0 ? -1 : ctx.groupOf[e]);
    const groupNo = (id: string): number => groupAtNo(c.entityOf(id));
    // Built on the first call: each pair's ties as one run of `actingItems` (relation numbers, in bundle order) from
    // `actingStart[k]`, for the k of the pair in `pairs` (no array per pair: a large bundle has millions of ties).
    let pairs: PairSet | undefined;
    let actingStart = new Int32Array(0);
    let actingItems = new Int32Array(0);
    const relations = ctx.bundle.relations;
    const actingTie = (payer: string, buyer: string): { relation: Relation; path: string[] } | undefined => {
      if (!pairs) {
        pairs = new PairSet();
        // (the rule's own arrays, lent for the time it runs)
        const pairOf = ctx.scratch.int32(relations.length, -1);
        for (let t = 0; t < relations.length; t++) {
          if (!ACTING_TIES.includes(relations[t].kind)) continue;
          const a = groupAtNo(c.relationSource[t]);
          const b = groupAtNo(c.relationTarget[t]);
          pairOf[t] = pairs.add(Math.min(a, b) + 1, Math.max(a, b) + 1);
        }
        ({ start: actingStart, items: actingItems } = indexLists(pairOf, pairs.size, ctx.scratch));
      }
      const a = groupNo(payer);
      const b = groupNo(buyer);
      const k = pairs.find(Math.min(a, b) + 1, Math.max(a, b) + 1);
      if (k < 0) return undefined;
      // A tie between payer and buyer themselves first; else the first recorded, through the groups.
      let relation = relations[actingItems[actingStart[k]]];
      for (let j = actingStart[k]; j < actingStart[k + 1]; j++) {
        const r = relations[actingItems[j]];
        if ((r.source === payer && r.target === buyer) || (r.source === buyer && r.target === payer)) {
          relation = r;
          break;
        }
      }
      const payerEnd = ctx.group(relation.source).id === a ? relation.source : relation.target;
      const buyerEnd = payerEnd === relation.source ? relation.target : relation.source;
      const path = [...(ctx.groupLink(payer, payerEnd) ?? []), tieWords(ctx, relation), ...(ctx.groupLink(buyerEnd, buyer) ?? [])];
      return { relation, path };
    };

    const hits: RuleHit[] = [];
    const shipments = ctx.bundle.shipments;
    for (let n = 0; n < shipments.length; n++) {
      if ((n & PROGRESS_EVERY) === 0) progress(n, shipments.length);
      // By the columns first: a shipment without a payer, or paid for by its buyer, is not read.
      const known = c.payer[n];
      if (known === NO_PAYER || known === c.buyer[n]) continue;
      const s = shipments[n];
      const payer = s.payer!;
      if (payer === s.buyer) continue;
      const payerNo = known >= 0 ? known : c.entityOf(payer);
      if (groupAtNo(payerNo) === ctx.groupOf[c.buyer[n]]) {
        coverage.judged();
        continue;
      }
      const payerIsic = ctx.lineAt(payerNo).isic;
      const finance = payerIsic === undefined ? null : financeIsic.some((p) => payerIsic.startsWith(p));
      if (finance === null) coverage.notJudged(PAYER_LINE_UNKNOWN);
      else coverage.judged();

      // Trade finance: a flag only when the purchase is itself an indicator.
      const indicators: string[] = [];
      if (finance) {
        const item = ctx.watchAt(n);
        if (item !== undefined && ctx.isUserAt(c.buyer[n], item) !== true) indicators.push(`the goods are watch-listed (${item.name}) and the buyer is not a documented user of them`);
        if (ctx.fitsAt(c.buyer[n], n) === false) indicators.push('the goods do not fit the buyer’s line of business');
        if (indicators.length === 0) continue;
      }
      const tie = finance ? undefined : actingTie(payer, s.buyer);
      const severity: Severity | undefined = finance ? financeSeverity : tie ? linkedSeverity : undefined;
      const trades = tradesBetween(c.buyer[n], payerNo);
      const payerWords = `${ctx.label(payer)} (${lineWords(ctx, payer)})`;
      const unexplained = `no ${TIES_IN_WORDS} tie links the payer to the buyer or its group (the paid_for and consigned_to ties that shipments imply do not count)`;
      const finding = finance
        ? `the payer is a bank or lender (ISIC ${payerIsic}): trade finance, flagged because ${listWords(indicators)}.`
        : tie
          ? `the payer is outside the buyer’s group, but ${linkWords(tie.path)}.`
          : `${unexplained}.`;
      hits.push({
        entities: [s.buyer],
        shipment: s.id,
        counterparties: [payer, s.supplier],
        shipments: [s.id],
        severity,
        evidence: {
          ...shipmentFacts(s),
          payer,
          payerLineOfBusiness: lineFacts(ctx, payer),
          buyerLineOfBusiness: lineFacts(ctx, s.buyer),
          payerInBuyerGroup: false,
          tiesChecked: [...PAYER_TIES_CHECKED],
          tiesNotCounted: [...PAYER_TIES_NOT_COUNTED],
          payerTie: tie ? { kind: tie.relation.kind, source: tie.relation.source, target: tie.relation.target, path: tie.path } : null,
          payerIsFinance: finance,
          combinedIndicators: indicators,
          tradesBetweenPayerAndBuyer: trades,
        },
        summary: `${payerWords} paid for ${goodsWords(s)} that ${ctx.label(s.buyer)} bought from ${ctx.label(s.supplier)}${dateWords(s)}; ${finding}`,
        explanation: {
          sentences: [
            `${recordWords(ctx, s)}, paid for by ${payerWords}.`,
            `The payer is not in the buyer’s company group. Checked between them: ${TIES_IN_WORDS} ties, directly or through the companies of either group; the paid_for and consigned_to ties that shipments imply do not count as a link.`,
            finance
              ? `The payer is a bank or lender (ISIC ${payerIsic}): paying for goods is trade finance, not by itself a third-party payment. It is flagged because ${listWords(indicators)}.`
              : tie
                ? `A recorded tie makes the payer a known party: ${linkWords(tie.path)}. Payment through an agent or associate can be ordinary; the flag is ${severity}.`
                : `No such tie was found${trades > 0 ? `; payer and buyer traded with each other in ${plural(trades, 'shipment', 'shipments')}` : ', and the two never traded with each other in the data'}.`,
            finance
              ? 'Where to look: the financing documents (letter of credit or loan agreement), which name the applicant, the goods and their end use.'
              : tie
                ? `Where to look: the ${tie.relation.kind === 'employee' ? 'employment' : tie.relation.kind === 'agent' ? 'agency' : 'association'} between payer and buyer, and whether it covers paying for goods; the payment records of this shipment.`
                : 'Where to look: the payment records (who paid, from which account and country), and any tie between payer and buyer that the data do not hold (a parent company, a shareholder, an agency).',
          ],
          facts: [
            ...shipmentTable(ctx, s),
            { label: 'Payer', value: `${ctx.label(payer)}, ${lineWords(ctx, payer)}` },
            {
              label: 'Tie between payer and buyer',
              value: finance ? 'bank or lender (trade finance)' : tie ? linkWords(tie.path) : 'none found',
              threshold: `checked: ${TIES_IN_WORDS}, through either company group; not counted: paid_for, consigned_to`,
            },
            ...(indicators.length > 0 ? [{ label: 'Indicators combined with trade finance', value: indicators.join('; ') }] : []),
            { label: 'Shipments between payer and buyer', value: showCount(trades) },
          ],
        },
      });
    }
    return hits;
  },
};

function showCount(n: number): string {
  return n === 0 ? 'none' : String(n);
}
