import type { Rule, Severity } from '../types';
import { dateWords, goodsWords, lineFacts, lineWords, shipmentFacts } from './words';

export const consigneeMismatch: Rule = {
  id: 'consignee-mismatch',
  title: 'Goods delivered to someone other than the buyer',
  description:
    'A shipment delivered to a consignee who is not the buyer. Severity is raised when the consignee is a freight forwarder (ISIC classes in forwarderIsic), when the goods do not fit the consignee’s line of business, or when the consignee is outside the buyer’s company group.',
  severity: 'medium',
  parameters: [
    { name: 'forwarderIsic', type: 'codes', default: ['5229'], description: 'ISIC prefixes of freight forwarders and similar intermediaries.' },
    { name: 'raisedSeverity', type: 'severity', default: 'high', description: 'Severity when one of the aggravating facts holds.' },
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
  evaluate(ctx, params) {
    const forwarders = params.forwarderIsic as string[];
    const raised = params.raisedSeverity as Severity;
    return ctx.bundle.shipments.flatMap((s) => {
      if (s.consignee === undefined || s.consignee === s.buyer) return [];
      const c = s.consignee;
      const sameGroup = ctx.group(c).id === ctx.group(s.buyer).id;
      const isic = ctx.lineOfBusiness(c).isic;
      const forwarder = isic !== undefined && forwarders.some((f) => isic.startsWith(f));
      const fits = s.hsCode === undefined ? undefined : ctx.fits(c, s.hsCode);
      const reasons = [
        ...(forwarder ? ['the consignee is a freight forwarder'] : []),
        ...(fits === false ? ['the goods do not fit the consignee’s line of business'] : []),
        ...(!sameGroup ? ['the consignee is outside the buyer’s company group'] : []),
      ];
      return [
        {
          entities: [s.buyer, c],
          shipment: s.id,
          counterparties: [s.supplier],
          shipments: [s.id],
          severity: reasons.length > 0 ? raised : undefined,
          evidence: {
            ...shipmentFacts(s),
            consignee: c,
            consigneeLineOfBusiness: lineFacts(ctx, c),
            consigneeIsForwarder: forwarder,
            goodsFitConsignee: fits ?? null,
            consigneeInBuyerGroup: sameGroup,
            groupLink: sameGroup ? (ctx.groupPath(s.buyer, c) ?? []) : [],
          },
          summary:
            `${goodsWords(s)} bought by ${ctx.label(s.buyer)} from ${ctx.label(s.supplier)}${dateWords(s)} went to ${ctx.label(c)} (${lineWords(ctx, c)})` +
            (reasons.length > 0 ? `; ${reasons.join('; ')}.` : '.'),
        },
      ];
    });
  },
};
