import { daysBetween, plural } from '../text';
import { PROGRESS_EVERY, type Rule, type RuleHit, type Severity } from '../types';
import { goodsWords, groupWords, linkWords, recordWords, shipmentTable } from './words';

const NO_FOUNDED = 'no founding date';
const NO_DATE = 'no date on its watch-listed shipments';
/** A company that bought before the date the data give for its founding: one of the two dates is wrong (a date read month first?). */
const BEFORE_FOUNDED = 'founded after its first watch-listed purchase (one of the dates is wrong: check them)';

export const newCompany: Rule = {
  id: 'new-company',
  title: 'Company founded shortly before its first watch-listed purchase',
  description:
    'A company whose founding date lies at most maxAgeDays before the first watch-listed shipment it bought or received (by the date shipped, or received when no shipping date is known). When that first shipment came from a company of its own group, the flag is intraGroupSeverity. A company the data say was founded after that shipment is not judged, and counted so (one of the two dates is wrong: a founding date read month first, a typing slip).',
  severity: 'medium',
  parameters: [
    { name: 'maxAgeDays', type: 'integer', default: 365, min: 0, max: 36500, description: 'Age of the company at its first watch-listed purchase below which it is flagged.' },
    { name: 'intraGroupSeverity', type: 'severity', default: 'low', description: 'Severity when the first watch-listed shipment came from the company’s own group.' },
  ],
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
  intraGroup:
    'Lowered (intraGroupSeverity, default low) when the first watch-listed shipment came from the company’s own group: a new subsidiary stocked by its parent has the business background of its group.',
  coverage: { unit: 'companies that bought or received watch-listed goods', reasons: [NO_FOUNDED, NO_DATE, BEFORE_FOUNDED] },
  evaluate(ctx, params, coverage, progress) {
    const maxAge = params.maxAgeDays as number;
    const groupSeverity = params.intraGroupSeverity as Severity;
    const hits: RuleHit[] = [];
    const entities = ctx.bundle.entities;
    for (let i = 0; i < entities.length; i++) {
      if ((i & PROGRESS_EVERY) === 0) progress(i, entities.length);
      const e = entities[i];
      if (e.kind !== 'company') continue;
      const watched = ctx.watchedAt(ctx.columns.entityNumbers[i]);
      if (watched.length === 0) continue;
      if (e.founded === undefined) {
        coverage.notJudged(NO_FOUNDED);
        continue;
      }
      const dated = watched
        .filter((s) => (s.shipped ?? s.received) !== undefined)
        .sort((a, b) => ((a.shipped ?? a.received)! < (b.shipped ?? b.received)! ? -1 : (a.shipped ?? a.received)! > (b.shipped ?? b.received)! ? 1 : a.id < b.id ? -1 : 1));
      const first = dated[0];
      if (first === undefined) {
        coverage.notJudged(NO_DATE);
        continue;
      }
      const date = (first.shipped ?? first.received)!;
      const age = daysBetween(e.founded, date);
      if (age < 0) {
        coverage.notJudged(BEFORE_FOUNDED);
        continue;
      }
      coverage.judged();
      if (age > maxAge) continue;
      const months = Math.round((age / 30.44) * 10) / 10;
      const link = ctx.groupLink(first.supplier, e.id);
      const severity: Severity | undefined = link ? groupSeverity : undefined;
      const item = ctx.watch(first)!;
      hits.push({
        entities: [e.id],
        shipment: first.id,
        counterparties: [first.supplier],
        shipments: [first.id],
        severity,
        evidence: {
          founded: e.founded,
          firstWatchlistedShipment: first.id,
          firstWatchlistedDate: date,
          ageDays: age,
          maxAgeDays: maxAge,
          watchlist: item.name,
          supplierInOwnGroup: link !== undefined,
          supplierGroupLink: link ?? [],
        },
        summary:
          `${ctx.label(e.id)} was founded on ${e.founded}, ${age} days (${months} months) before its first watch-listed purchase: ${goodsWords(first)} from ${ctx.label(first.supplier)} on ${date}` +
          (link ? `; the supplier is in its own company group (${linkWords(link)}).` : '.'),
        explanation: {
          sentences: [
            `${ctx.label(e.id)} was founded on ${e.founded}, according to the data.`,
            `${recordWords(ctx, first)}${first.buyer === e.id ? '' : `, delivered to ${ctx.label(e.id)}`}: its first watch-listed shipment (${item.name}), ${plural(age, 'day', 'days')} (${months} months) after its founding.`,
            ...(link ? [`${groupWords(ctx, first.supplier, e.id, link)}: a new group company stocked by its group has that group’s business background, so the flag is ${severity}.`] : []),
            'Where to look: the company registry (founders, owners, earlier companies of the same people), and what the company traded before and after this shipment.',
          ],
          facts: [
            { label: 'Company', value: ctx.label(e.id) },
            { label: 'Founded', value: e.founded },
            ...shipmentTable(ctx, first),
            { label: 'Age at the first watch-listed shipment', value: plural(age, 'day', 'days'), threshold: `≤ ${maxAge} days` },
            ...(link ? [{ label: 'Supplier in the company’s group', value: linkWords(link) }] : []),
          ],
        },
      });
    }
    return hits;
  },
};
