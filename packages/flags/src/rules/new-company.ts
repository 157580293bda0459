import { daysBetween } from '../text';
import type { Rule, RuleHit } from '../types';
import { goodsWords } from './words';

export const newCompany: Rule = {
  id: 'new-company',
  title: 'Company founded shortly before its first watch-listed purchase',
  description:
    'A company whose founding date lies at most maxAgeDays before the first watch-listed shipment it bought or received (by the date shipped, or received when no shipping date is known).',
  severity: 'medium',
  parameters: [{ name: 'maxAgeDays', type: 'integer', default: 365, min: 0, max: 36500, description: 'Age of the company at its first watch-listed purchase below which it is flagged.' }],
  sources: [
    {
      publisher: 'FATF and Egmont Group',
      indicator: 'A newly formed company engages in high-value or high-risk trade soon after registration.',
      reference: 'FATF–Egmont Group (2020), Trade-Based Money Laundering: Trends and Developments',
    },
    {
      publisher: 'US Department of Commerce, Bureau of Industry and Security',
      indicator: '“The customer has little or no business background.”',
      reference: 'BIS, Know Your Customer Guidance and Red Flags (15 CFR Part 732, Supplement No. 3)',
    },
  ],
  falsePositives: 'Start-ups that legitimately trade chemicals or electronics, and re-registrations of old businesses under a new company.',
  evaluate(ctx, params) {
    const maxAge = params.maxAgeDays as number;
    const hits: RuleHit[] = [];
    for (const e of ctx.bundle.entities) {
      if (e.kind !== 'company' || e.founded === undefined) continue;
      const dated = [...new Map([...ctx.bought(e.id), ...ctx.received(e.id)].map((s) => [s.id, s])).values()]
        .filter((s) => ctx.watch(s) !== undefined && (s.shipped ?? s.received) !== undefined)
        .sort((a, b) => ((a.shipped ?? a.received)! < (b.shipped ?? b.received)! ? -1 : (a.shipped ?? a.received)! > (b.shipped ?? b.received)! ? 1 : a.id < b.id ? -1 : 1));
      const first = dated[0];
      if (first === undefined) continue;
      const date = (first.shipped ?? first.received)!;
      const age = daysBetween(e.founded, date);
      if (age < 0 || age > maxAge) continue;
      const months = Math.round((age / 30.44) * 10) / 10;
      hits.push({
        entities: [e.id],
        shipment: first.id,
        counterparties: [first.supplier],
        shipments: [first.id],
        evidence: { founded: e.founded, firstWatchlistedShipment: first.id, firstWatchlistedDate: date, ageDays: age, maxAgeDays: maxAge, watchlist: ctx.watch(first)!.name },
        summary: `${ctx.label(e.id)} was founded on ${e.founded}, ${age} days (${months} months) before its first watch-listed purchase: ${goodsWords(first)} from ${ctx.label(first.supplier)} on ${date}.`,
      });
    }
    return hits;
  },
};
