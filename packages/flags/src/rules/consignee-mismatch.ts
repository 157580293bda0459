import { PROGRESS_EVERY, type Rule, type RuleHit, type Severity } from '../types';
import { dateWords, goodsWords, groupWords, lineFacts, lineWords, linkWords, recordWords, shipmentFacts, shipmentTable } from './words';

const NO_HS = 'no HS code (fit to the consignee not checked)';
const LINE_UNKNOWN = 'consignee’s line of business unknown (fit and forwarder not checked)';

export const consigneeMismatch: Rule = {
  id: 'consignee-mismatch',
  title: 'Goods delivered to someone other than the buyer',
  description:
    'A shipment delivered to a consignee who is not the buyer. Severity is raised when the consignee is a freight forwarder (ISIC classes in forwarderIsic), when the goods do not fit the consignee’s line of business, or when the consignee is outside the buyer’s company group. A delivery to a company of the buyer’s own group that is not a forwarder and whose line of business fits the goods is groupSeverity.',
  severity: 'medium',
  parameters: [
    { name: 'forwarderIsic', type: 'codes', default: ['5229'], description: 'ISIC prefixes of freight forwarders and similar intermediaries.' },
    { name: 'raisedSeverity', type: 'severity', default: 'high', description: 'Severity when one of the aggravating facts holds.' },
    {
      name: 'groupSeverity',
      type: 'severity',
      default: 'low',
      description: 'Severity when the consignee is in the buyer’s company group, is no forwarder, and the goods fit its line of business.',
    },
  ],
  sources: [
    {
      publisher: 'US Department of Commerce, Bureau of Industry and Security',
      indicator: '“A freight forwarding firm is listed as the product’s final destination.”',
      reference: 'BIS, Know Your Customer Guidance and Red Flags (15 CFR Part 732, Supplement No. 3)',
    },
    {
      publisher: 'Conflict Armament Research',
      indicator: 'Drone components were delivered to a mobile-phone shop rather than to the buyer.',
      reference: 'CAR (2020), Islamic State procurement networks in Turkey and beyond',
    },
  ],
  falsePositives: 'Drop shipments to a buyer’s customer, deliveries to a group warehouse recorded under another company, and logistics providers used in good faith.',
  intraGroup:
    'Judged on the consignee. A delivery to a company of the buyer’s own group whose line of business fits the goods is ordinary group logistics (a group warehouse, a sister shop): groupSeverity, default low. Inside the group, goods that do not fit the consignee (drone parts delivered to the group’s phone shop) or a forwarder as consignee still raise the severity, because that is the pattern the sources describe. When the fit cannot be checked, the flag stays at the rule’s severity.',
  coverage: { unit: 'shipments delivered to a consignee other than the buyer', reasons: [LINE_UNKNOWN, NO_HS] },
  evaluate(ctx, params, coverage, progress) {
    const forwarders = params.forwarderIsic as string[];
    const raised = params.raisedSeverity as Severity;
    const groupSeverity = params.groupSeverity as Severity;
    const hits: RuleHit[] = [];
    const items = ctx.bundle.shipments;
    for (let at = 0; at < items.length; at++) {
      if ((at & PROGRESS_EVERY) === 0) progress(at, items.length);
      const s = items[at];
      if (s.consignee === undefined || s.consignee === s.buyer) continue;
      const c = s.consignee;
      const link = ctx.groupLink(s.buyer, c);
      const sameGroup = link !== undefined;
      const isic = ctx.lineOfBusiness(c).isic;
      const forwarder = isic !== undefined && forwarders.some((f) => isic.startsWith(f));
      const fits = ctx.fits(c, s);
      if (isic === undefined) coverage.notJudged(LINE_UNKNOWN);
      else if (s.hsCode === undefined) coverage.notJudged(NO_HS);
      else coverage.judged();
      const supplierLink = ctx.groupLink(s.supplier, s.buyer);
      const reasons = [
        ...(forwarder ? ['the consignee is a freight forwarder'] : []),
        ...(fits === false ? ['the goods do not fit the consignee’s line of business'] : []),
        ...(!sameGroup ? ['the consignee is outside the buyer’s company group'] : []),
      ];
      const severity: Severity | undefined = reasons.length > 0 ? raised : fits === true ? groupSeverity : undefined;
      hits.push({
        entities: [s.buyer, c],
        shipment: s.id,
        counterparties: [s.supplier],
        shipments: [s.id],
        severity,
        evidence: {
          ...shipmentFacts(s),
          consignee: c,
          consigneeLineOfBusiness: lineFacts(ctx, c),
          consigneeIsForwarder: forwarder,
          goodsFitConsignee: fits ?? null,
          consigneeInBuyerGroup: sameGroup,
          groupLink: link ?? [],
          supplierInBuyerGroup: supplierLink !== undefined,
          supplierGroupLink: supplierLink ?? [],
        },
        summary:
          `${goodsWords(s)} bought by ${ctx.label(s.buyer)} from ${ctx.label(s.supplier)}${dateWords(s)} went to ${ctx.label(c)} (${lineWords(ctx, c)})` +
          (reasons.length > 0 ? `; ${reasons.join('; ')}.` : sameGroup ? `; the consignee is in the buyer’s company group (${linkWords(link!)}).` : '.'),
        explanation: {
          sentences: [
            `${recordWords(ctx, s)}, delivered to ${ctx.label(c)} (${lineWords(ctx, c)}).`,
            reasons.length > 0
              ? `The delivery matches the red flag because ${reasons.join(', and ')}.`
              : fits === true
                ? `The consignee is in the buyer’s company group, is no forwarder, and the goods fit its line of business: an ordinary delivery inside a group looks like this, so the flag is ${severity}.`
                : 'The consignee is in the buyer’s company group and is no forwarder, but whether the goods fit its line of business could not be checked.',
            ...(sameGroup ? [`${groupWords(ctx, s.buyer, c, link!)}.`] : []),
            ...(supplierLink ? [`The supplier is in the buyer’s group too (${linkWords(supplierLink)}): the whole transaction stays inside one group.`] : []),
            'Where to look: the delivery documents (who signed for the goods), why the buyer had them delivered there, and what the consignee did with them next.',
          ],
          facts: [
            ...shipmentTable(ctx, s),
            { label: 'Consignee', value: `${ctx.label(c)}, ${lineWords(ctx, c)}` },
            { label: 'Consignee is a freight forwarder', value: isic === undefined ? 'unknown' : forwarder ? 'yes' : 'no', threshold: `ISIC ${forwarders.join(', ')}` },
            { label: 'Goods fit the consignee’s line of business', value: fits === undefined ? 'unknown' : fits ? 'yes' : 'no' },
            { label: 'Consignee in the buyer’s group', value: sameGroup ? `yes: ${linkWords(link!)}` : 'no' },
          ],
        },
      });
    }
    return hits;
  },
};
