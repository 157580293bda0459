import type { Rule, Severity } from '../types';
import { dateWords, goodsWords, lineFacts, lineWords, shipmentFacts } from './words';

export const precursorWatchlist: Rule = {
  id: 'precursor-watchlist',
  title: 'Watch-listed precursor or IED component bought by a buyer with no documented use for it',
  description:
    'A shipment of a commodity on the watch list (data/reference/watchlist.csv: explosive precursors of EU Regulation 2019/1148, Annexes I and II, and the IED components CAR documented) bought by an entity whose line of business is not among the documented professional users of that commodity, or is unknown. Severity rises when the purchase also does not fit the buyer’s line of business (rule off-profile-purchase).',
  severity: 'medium',
  parameters: [
    { name: 'severityWhenOffProfile', type: 'severity', default: 'high', description: 'Severity when the purchase is also off-profile for the buyer.' },
    { name: 'includeDocumentedUsers', type: 'boolean', default: false, description: 'Also flag purchases by documented users (at low severity).' },
  ],
  sources: [
    {
      publisher: 'European Union',
      indicator: 'Explosives precursors whose sale must be restricted (Annex I) or whose suspicious transactions must be reported (Annex II).',
      reference: 'Regulation (EU) 2019/1148 of 20 June 2019 on the marketing and use of explosives precursors, Annexes I and II',
    },
    {
      publisher: 'Conflict Armament Research',
      indicator: 'Aluminium paste, sorbitol, detonating cord and detonators, and electronic components (motion-control units, mobile phones in bulk) used in IS weapons.',
      reference: 'CAR (2020), Islamic State procurement networks in Turkey and beyond',
    },
  ],
  falsePositives:
    'Legitimate users whose ISIC class is missing from the watch list’s users (extend them in a rules file), buyers with no recorded line of business, and resellers that buy for documented users.',
  evaluate(ctx, params) {
    const combined = params.severityWhenOffProfile as Severity;
    const includeUsers = params.includeDocumentedUsers as boolean;
    return ctx.bundle.shipments.flatMap((s) => {
      const item = ctx.watch(s);
      if (item === undefined) return [];
      const user = ctx.isUser(s.buyer, item);
      if (user === true && !includeUsers) return [];
      const offProfile = s.hsCode !== undefined && ctx.fits(s.buyer, s.hsCode) === false;
      const severity: Severity | undefined = user === true ? 'low' : offProfile ? combined : undefined;
      const why =
        user === true
          ? 'a documented user of it'
          : user === undefined
            ? 'its line of business is unknown'
            : offProfile
              ? 'not a documented user of it, and the purchase does not fit its line of business'
              : 'not a documented user of it';
      return [
        {
          entities: [s.buyer],
          shipment: s.id,
          counterparties: [s.supplier],
          shipments: [s.id],
          severity,
          evidence: {
            ...shipmentFacts(s),
            watchlist: { id: item.id, name: item.name, category: item.category, source: item.source, documentedUsers: item.users },
            buyerLineOfBusiness: lineFacts(ctx, s.buyer),
            documentedUser: user ?? null,
            offProfile,
          },
          summary: `${ctx.label(s.buyer)} (${lineWords(ctx, s.buyer)}) bought ${goodsWords(s)}, watch-listed as ${item.name} (${item.category.replace('-', ' ')}), from ${ctx.label(s.supplier)}${dateWords(s)}; ${user === undefined ? '' : 'the buyer is '}${why}.`,
        },
      ];
    });
  },
};
