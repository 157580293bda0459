import type { TransshipmentHub } from '../reference';
import { listWords } from '../text';
import { PROGRESS_EVERY, type Fact, type Rule, type RuleHit, type Severity } from '../types';
import { dateWords, goodsWords, recordWords, shipmentFacts, shipmentTable } from './words';

const NO_DESTINATION = 'destination unknown (no destination country, and the receiver’s country not recorded)';
const NO_ROUTE = 'route not recorded (no transit_countries: only the parties’ countries were checked)';

/** One reason a shipment's routing matches the indicator. */
interface Finding {
  kind: 'transit-hub' | 'origin-hub' | 'party-hub' | 'destination-mismatch' | 'route-back';
  words: string;
  country: string;
  hub?: TransshipmentHub;
}

export const transshipmentHub: Rule = {
  id: 'transshipment-hub',
  title: 'Routed through a transshipment hub, or on a route that does not fit',
  description:
    'A watch-listed shipment (all shipments when watchListedOnly is false) whose route passes through a transshipment hub (data/reference/transshipment-hubs.csv: jurisdictions published guidance names as points through which goods are diverted to a destination of concern, plus extraHubs for any destination, less ignoredHubs) that is neither its origin nor its destination; whose origin is such a hub and whose destination is one of the hub’s destinations of concern; whose consignee or payer lies in such a hub, in another country than the buyer; or whose route does not fit its origin and destination: the party that received the goods is in another country than the stated destination, or the route passes back through the origin or the destination (leaves it and comes back: a transit list that starts with the origin or ends with the destination does not). A hub counts for a shipment only when the shipment’s destination (stated, else the receiver’s country) is among its destinations of concern (any destination when the table leaves them empty). Severity is combinedSeverity when two or more of these facts hold.',
  severity: 'medium',
  parameters: [
    { name: 'watchListedOnly', type: 'boolean', default: true, description: 'Judge only watch-listed shipments (the goods the guidance is about); false judges every shipment.' },
    { name: 'extraHubs', type: 'countries', default: [], description: 'Hub jurisdictions to add to the table, for goods to any destination.' },
    { name: 'ignoredHubs', type: 'countries', default: [], description: 'Hub jurisdictions of the table to leave out.' },
    { name: 'combinedSeverity', type: 'severity', default: 'high', description: 'Severity when two or more of the routing facts hold.' },
  ],
  sources: [
    {
      publisher: 'FinCEN and BIS',
      indicator: 'Transshipment through third countries commonly used to redirect restricted items to Russia or Belarus (Armenia, Brazil, China, Georgia, India, Israel, Kazakhstan, Kyrgyzstan, Mexico, Nicaragua, Serbia, Singapore, South Africa, Taiwan, Tajikistan, Turkey, the United Arab Emirates, Uzbekistan); a freight forwarder or consignee in such a country; routes that make no economic sense.',
      reference: 'FinCEN and BIS, Joint Alert FIN-2022-Alert003 (28 June 2022); Supplemental Alert FIN-2023-Alert004 (19 May 2023)',
    },
    {
      publisher: 'US Department of Commerce, Bureau of Industry and Security',
      indicator: '“The shipping route is abnormal for the product and destination.”',
      reference: 'BIS, Know Your Customer Guidance and Red Flags (15 CFR Part 732, Supplement No. 3)',
    },
    {
      publisher: 'FATF and Egmont Group',
      indicator: 'Shipments are routed through jurisdictions or free-trade zones with no apparent economic reason, or the transport route is inconsistent with the stated origin and destination.',
      reference: 'FATF–Egmont Group (2021), Trade-Based Money Laundering: Risk Indicators',
    },
  ],
  falsePositives:
    'Ordinary trade of a hub country’s own makers and distributors with its neighbours, regional distribution centres in free zones, land-locked destinations that must transit a neighbour, consolidation by forwarders with a documented end user, and destinations or parties’ countries recorded wrong. The hub table follows one alert about one set of destinations: extend or trim it (extraHubs, ignoredHubs, or a table of your own) for the case at hand.',
  intraGroup:
    'Judged as any other shipment: a group that routes goods through a hub company of its own still routes them through the hub, and the guidance names such structures.',
  coverage: { unit: 'watch-listed shipments (every shipment when watchListedOnly is false)', reasons: [NO_DESTINATION, NO_ROUTE] },
  evaluate(ctx, params, coverage, progress) {
    const watchOnly = params.watchListedOnly as boolean;
    const extra = params.extraHubs as string[];
    const ignored = new Set(params.ignoredHubs as string[]);
    const combined = params.combinedSeverity as Severity;
    const hubs = new Map<string, TransshipmentHub>();
    for (const h of ctx.reference.hubs ?? []) if (!ignored.has(h.country)) hubs.set(h.country, h);
    for (const c of extra) if (!ignored.has(c)) hubs.set(c, { country: c, name: c, destinations: [], source: 'rules file (extraHubs)' });
    const countryOf = (id: string | undefined): string | undefined => (id === undefined ? undefined : ctx.entity(id).country);
    /** The hub in `country` that counts for goods to `dest`, if any. */
    const hubFor = (country: string | undefined, dest: string): TransshipmentHub | undefined => {
      if (country === undefined || country === dest) return undefined;
      const h = hubs.get(country);
      return h && (h.destinations.length === 0 || h.destinations.includes(dest)) ? h : undefined;
    };
    const hubName = (h: TransshipmentHub) => `${h.name} (${h.country})`;
    const concern = (h: TransshipmentHub) => (h.destinations.length === 0 ? 'for goods to any destination' : `for goods to ${h.destinations.join(' or ')}`);

    const hits: RuleHit[] = [];
    const shipments = ctx.bundle.shipments;
    for (let n = 0; n < shipments.length; n++) {
      if ((n & PROGRESS_EVERY) === 0) progress(n, shipments.length);
      const s = shipments[n];
      const item = ctx.watchAt(n);
      if (watchOnly && item === undefined) continue;
      const receiver = s.consignee ?? s.buyer;
      const dest = s.destinationCountry ?? countryOf(receiver);
      if (dest === undefined) {
        coverage.notJudged(NO_DESTINATION);
        continue;
      }
      if (s.transitCountries === undefined) coverage.notJudged(NO_ROUTE);
      else coverage.judged();
      const origin = s.originCountry ?? countryOf(s.supplier);
      const found: Finding[] = [];
      for (const t of s.transitCountries ?? []) {
        const h = t === origin ? undefined : hubFor(t, dest);
        if (h) found.push({ kind: 'transit-hub', country: t, hub: h, words: `the route passes through ${hubName(h)}, a transshipment hub ${concern(h)}` });
      }
      const originHub = hubFor(origin, dest);
      if (originHub && originHub.destinations.length > 0) {
        found.push({ kind: 'origin-hub', country: origin!, hub: originHub, words: `the goods leave ${hubName(originHub)}, named as a transshipment hub for goods to ${dest}, for ${dest}` });
      }
      const buyerCountry = countryOf(s.buyer);
      for (const [role, id] of [['consignee', s.consignee], ['payer', s.payer]] as const) {
        if (id === undefined || id === s.buyer) continue;
        const c = countryOf(id);
        const h = c === buyerCountry ? undefined : hubFor(c, dest);
        if (h) found.push({ kind: 'party-hub', country: c!, hub: h, words: `the ${role}, ${ctx.label(id)}, is in ${hubName(h)}, a transshipment hub ${concern(h)}, not in the buyer’s country` });
      }
      const receiverCountry = countryOf(receiver);
      if (s.destinationCountry !== undefined && receiverCountry !== undefined && receiverCountry !== s.destinationCountry) {
        found.push({
          kind: 'destination-mismatch',
          country: receiverCountry,
          words: `the goods were declared for ${s.destinationCountry} but the party that received them, ${ctx.label(receiver)}, is in ${receiverCountry}`,
        });
      }
      // The route as countries in order, a country written twice in a row once (a transit list that starts with the
      // origin or ends with the destination, as people write a route, stays in that country): it passes back through
      // the origin or the destination only when it leaves it and comes back.
      const stops: string[] = [];
      for (const c of [origin, ...(s.transitCountries ?? []), s.destinationCountry]) if (c !== undefined && c !== stops[stops.length - 1]) stops.push(c);
      const back = stops.find((c, i) => (c === origin || c === s.destinationCountry) && stops.indexOf(c) < i);
      if (back !== undefined) found.push({ kind: 'route-back', country: back, words: `the route passes back through ${back}, its own ${back === origin ? 'origin' : 'destination'}` });
      if (found.length === 0) continue;

      const route = [origin ?? '?', ...(s.transitCountries ?? []), dest].join(' → ');
      const sources = [...new Set(found.flatMap((f) => (f.hub ? [f.hub.source] : [])))];
      const facts: Fact[] = [
        ...shipmentTable(ctx, s),
        { label: 'Route', value: `${route}${s.transitCountries === undefined ? ' (no transit countries recorded)' : ''}` },
        ...found.map((f) => ({ label: 'Routing fact', value: f.words, ...(f.hub ? { threshold: `hub table: ${f.hub.name}, ${concern(f.hub)}` } : {}) })),
      ];
      hits.push({
        entities: [s.buyer],
        shipment: s.id,
        counterparties: [s.supplier, ...(s.consignee ? [s.consignee] : []), ...(s.payer ? [s.payer] : [])],
        shipments: [s.id],
        ...(found.length >= 2 ? { severity: combined } : {}),
        evidence: {
          ...shipmentFacts(s),
          originCountry: origin ?? null,
          destinationCountry: dest,
          transitCountries: s.transitCountries ?? null,
          watchlist: item ? { id: item.id, name: item.name } : null,
          findings: found.map((f) => ({ kind: f.kind, country: f.country, ...(f.hub ? { hub: f.hub.name, hubDestinations: f.hub.destinations, hubSource: f.hub.source } : {}) })),
          hubSources: sources,
        },
        summary: `${ctx.label(s.buyer)} bought ${goodsWords(s)} from ${ctx.label(s.supplier)}${dateWords(s)} on the route ${route}: ${listWords(found.map((f) => f.words))}.`,
        explanation: {
          sentences: [
            `${recordWords(ctx, s)}${item ? `, watch-listed as ${item.name}` : ''}; route ${route}.`,
            `${found.length === 1 ? 'One routing fact matches' : `${found.length} routing facts match`} the published indicator: ${listWords(found.map((f) => f.words))}.`,
            ...(sources.length > 0 ? [`The hub table follows ${sources.join('; ')}.`] : []),
            'Where to look: the transport documents (bill of lading, airway bill, transit declarations), the end-user statement, and why the goods took this route to their stated destination.',
          ],
          facts,
        },
      });
    }
    return hits;
  },
};
