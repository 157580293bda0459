import { showNumber } from '../text';
import { WATCH_CATEGORIES, type WatchItem } from '../reference';
import { PROGRESS_EVERY, type ConcentrationCheck, type Fact, type Rule, type RuleHit, type Severity } from '../types';
import { dateWords, goodsWords, groupWords, lineFacts, lineWords, linkWords, recordWords, shipmentFacts, shipmentTable } from './words';

const LINE_UNKNOWN = 'buyer’s line of business unknown (flagged: documented use could not be checked)';
const NO_CONCENTRATION = 'concentration not stated (counted as above the Annex I limit)';

/** "12 % w/w" or "16 % nitrogen w/w". */
export function limitWords(c: ConcentrationCheck): string {
  return `${showNumber(c.limit)} % ${c.basis}`;
}

/** The concentration line of a watch-listed shipment's table, when its entry has a limit. */
export function concentrationFact(c: ConcentrationCheck): Fact {
  return {
    label: 'Concentration',
    value: c.stated === null ? 'not stated (counted as above the limit)' : `${showNumber(c.stated)} %`,
    threshold: `above ${limitWords(c)} (Annex I limit)`,
  };
}

/** The concentration sentence of a watch-listed shipment, when its entry has a limit. */
export function concentrationSentence(c: ConcentrationCheck): string {
  return c.stated === null
    ? `The concentration is not stated; the Annex I limit value is ${limitWords(c)}, so the shipment counts as above it (the delivery documents or safety data sheet will say).`
    : `The stated concentration, ${showNumber(c.stated)} %, is above the Annex I limit value of ${limitWords(c)}.`;
}

const origins = new WeakMap<WatchItem, string>();

/** Where an entry comes from, short: "Regulation (EU) 2019/1148, Annex II", or the first publication cited. */
export function listOrigin(item: WatchItem): string {
  let origin = origins.get(item);
  if (origin === undefined) {
    const annex = /Annex (I{1,2})\b/.exec(item.source);
    origin = /2019\/1148/.test(item.source) && annex ? `Regulation (EU) 2019/1148, Annex ${annex[1]}` : item.source.split(';')[0].trim();
    origins.set(item, origin);
  }
  return origin;
}

export const precursorWatchlist: Rule = {
  id: 'precursor-watchlist',
  title: 'Watch-listed goods bought by a buyer with no documented use for them',
  description:
    'A shipment of a commodity on the watch list (data/reference/watchlist.csv: explosive precursors of EU Regulation 2019/1148, Annexes I and II, and the IED components CAR documented; a rules file may add dual-use goods, as data/rules/common-high-priority-list.yaml adds the integrated circuits and radio and navigation modules of the Common High Priority List) bought by an entity whose line of business is not among the documented professional users of that commodity, or is unknown. A shipment whose stated concentration is at or below the Annex I limit value of its entry (hydrogen peroxide 12 % w/w, nitric acid 3 % …) is not a watch-list event; a shipment that states no concentration counts, and the flag says so. Severity rises when the purchase also does not fit the buyer’s line of business (rule off-profile-purchase); it is intraGroupSeverity when the supplier belongs to the buyer’s company group.',
  severity: 'medium',
  parameters: [
    { name: 'severityWhenOffProfile', type: 'severity', default: 'high', description: 'Severity when the purchase is also off-profile for the buyer.' },
    { name: 'includeDocumentedUsers', type: 'boolean', default: false, description: 'Also flag purchases by documented users (at low severity).' },
    { name: 'intraGroupSeverity', type: 'severity', default: 'low', description: 'Severity when the supplier belongs to the buyer’s company group (trade inside one group).' },
  ],
  sources: [
    {
      publisher: 'European Union',
      indicator: 'Explosives precursors whose sale must be restricted (Annex I) or whose suspicious transactions must be reported (Annex II), with the concentration limit values of Annex I.',
      reference: 'Regulation (EU) 2019/1148 of 20 June 2019 on the marketing and use of explosives precursors, Annexes I and II',
    },
    {
      publisher: 'Conflict Armament Research',
      indicator: 'Aluminium paste, sorbitol, detonating cord and detonators, and electronic components (motion-control units, mobile phones in bulk) used in IS weapons.',
      reference: 'CAR (2020), Islamic State procurement networks in Turkey and beyond',
    },
  ],
  falsePositives:
    'Legitimate users whose ISIC class is missing from the watch list’s users (extend them in a rules file), buyers with no recorded line of business, resellers that buy for documented users, and dilute goods whose concentration the data do not state. A buyer whose sector text and ISIC code the reader found at odds is a documented user when either reading is one.',
  intraGroup:
    'Lowered (intraGroupSeverity, default low). A company buying from its own parent or sister company receives goods that were already in the group: the purchase that brought them into the group (from an outside supplier) is judged on its own, and a group that makes the goods is not buying them. The flag stays, with the ties that link supplier and buyer, because watch-listed goods reaching a group company with no documented use for them is still worth reading beside the group’s other flags.',
  coverage: { unit: 'watch-listed shipments', reasons: [LINE_UNKNOWN, NO_CONCENTRATION] },
  evaluate(ctx, params, coverage, progress) {
    const combined = params.severityWhenOffProfile as Severity;
    const includeUsers = params.includeDocumentedUsers as boolean;
    const groupSeverity = params.intraGroupSeverity as Severity;
    const hits: RuleHit[] = [];
    const shipments = ctx.bundle.shipments;
    for (let n = 0; n < shipments.length; n++) {
      if ((n & PROGRESS_EVERY) === 0) progress(n, shipments.length);
      const s = shipments[n];
      const item = ctx.watchAt(n);
      if (item === undefined) continue;
      const user = ctx.isUserAt(ctx.columns.buyer[n], item);
      const concentration = ctx.concentration(s, item);
      if (user === undefined) coverage.notJudged(LINE_UNKNOWN);
      else if (concentration?.stated === null) coverage.notJudged(NO_CONCENTRATION);
      else coverage.judged();
      if (user === true && !includeUsers) continue;
      const offProfile = ctx.fitsAt(ctx.columns.buyer[n], n) === false;
      const link = ctx.groupLink(s.supplier, s.buyer);
      const severity: Severity | undefined = user === true ? 'low' : link ? groupSeverity : offProfile ? combined : undefined;
      const why =
        user === true
          ? 'a documented user of it'
          : user === undefined
            ? 'its line of business is unknown'
            : offProfile
              ? 'not a documented user of it, and the purchase does not fit its line of business'
              : 'not a documented user of it';
      const category = item.category.replace('-', ' ');
      const users = item.users.length === 0 ? 'none listed' : `ISIC ${item.users.join(', ')}`;
      hits.push({
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
          concentration: concentration ?? null,
          supplierInBuyerGroup: link !== undefined,
          supplierGroupLink: link ?? [],
        },
        summary:
          `${ctx.label(s.buyer)} (${lineWords(ctx, s.buyer)}) bought ${goodsWords(s)}, watch-listed as ${item.name} (${category}), from ${ctx.label(s.supplier)}${dateWords(s)}; ${user === undefined ? '' : 'the buyer is '}${why}` +
          (concentration?.stated === null ? `; the concentration is not stated (limit ${limitWords(concentration)})` : '') +
          (link ? `; the supplier is in the buyer’s own company group (${linkWords(link)}).` : '.'),
        explanation: {
          sentences: [
            `${recordWords(ctx, s)}.`,
            `${item.name[0].toUpperCase()}${item.name.slice(1)} is on the watch list as ${WATCH_CATEGORIES[item.category]}.`,
            ...(concentration ? [concentrationSentence(concentration)] : []),
            user === undefined
              ? 'The buyer’s line of business is unknown (no ISIC code, and its sector text matched no keyword), so whether it is a documented professional user could not be checked.'
              : user === true
                ? `The buyer’s line of business (${lineWords(ctx, s.buyer)}) is among the documented professional users of ${item.name}.`
                : `The buyer’s line of business (${lineWords(ctx, s.buyer)}) is not among the documented professional users of ${item.name} (${users})${offProfile ? ', and the goods do not fit that line of business' : ''}${ctx.lineOfBusiness(s.buyer).sectorReadings ? ', under either reading: the reader warned that its sector text and ISIC code disagree, so its line of business is uncertain and worth settling first' : ''}.`,
            ...(link
              ? [`${groupWords(ctx, s.supplier, s.buyer, link)}: this is trade inside one group, so the flag is ${severity}; the goods came into the group through purchases that are judged on their own.`]
              : []),
            `Where to look: whether the buyer needs ${item.name} in its trade, where the goods went next, and the supplier’s record of the sale (the buyer’s identity and stated use).`,
          ],
          facts: [
            ...shipmentTable(ctx, s),
            { label: 'Watch list', value: `${item.name} (${category})`, threshold: listOrigin(item) },
            ...(concentration ? [concentrationFact(concentration)] : []),
            {
              label: 'Documented user',
              value: user === undefined ? 'unknown (line of business unknown)' : user ? 'yes' : 'no',
              threshold: `documented users: ${users}`,
            },
            ...(offProfile ? [{ label: 'Fits the buyer’s line of business', value: 'no' }] : []),
            ...(link ? [{ label: 'Supplier in the buyer’s group', value: linkWords(link) }] : []),
          ],
        },
      });
    }
    return hits;
  },
};
