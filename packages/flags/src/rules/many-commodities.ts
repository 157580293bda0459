import type { Shipment } from '@chokepoint/model';
import type { WatchItem } from '../reference';
import { listWords, plural, showHs } from '../text';
import { PROGRESS_EVERY, type Rule, type RuleHit } from '../types';
import { lineFacts, lineWords } from './words';

const SIZE_UNKNOWN = 'number of employees unknown (judged as a small company)';

/** The HS chapter of a watch-listed shipment: its own code's, else the watch-list entry's first prefix's. */
const chapterOf = (s: Shipment, item: WatchItem): string => (s.hsCode ?? item.hsPrefixes[0] ?? '').slice(0, 2);

export const manyCommodities: Rule = {
  id: 'many-commodities',
  title: 'Small company buying several unrelated watch-listed commodities',
  description:
    'A company of at most maxEmployees employees (or of unknown size) that bought or received watch-listed goods of at least minChapters different HS chapters (unrelated commodity groups: a fertiliser, a pigment, a detonator and a radio are four; two nitrates of one chapter are one), leaving out goods it is a documented user of and goods from its own company group. A business that needs several precursors in its trade is a documented user of them; a small shop that consolidates many unrelated ones is what the guidance describes.',
  severity: 'medium',
  parameters: [
    { name: 'minChapters', type: 'integer', default: 3, min: 2, max: 97, description: 'Fewest different HS chapters of watch-listed goods.' },
    { name: 'maxEmployees', type: 'integer', default: 50, min: 0, max: 1000000, description: 'Most employees of a company the rule counts as small.' },
    { name: 'unknownSizeIsSmall', type: 'boolean', default: true, description: 'Judge a company of unknown size as small.' },
  ],
  sources: [
    {
      publisher: 'Conflict Armament Research',
      indicator: 'Small family businesses with no use for them bought several different explosive precursors and components (aluminium paste, sorbitol, fertiliser, detonating cord, electronics) and consolidated them.',
      reference: 'CAR (2020), Islamic State procurement networks in Turkey and beyond',
    },
    {
      publisher: 'US Department of Commerce, Bureau of Industry and Security',
      indicator: '“The customer’s line of business or size does not fit the items ordered”; an order of items unrelated to one another and to the buyer’s business.',
      reference: 'BIS, Know Your Customer Guidance and Red Flags (15 CFR Part 732, Supplement No. 3)',
    },
  ],
  falsePositives:
    'Small general stores, hardware and farm-supply shops that sell many goods to the public (give them an ISIC class among the documented users, or a rules-file entry), small distributors whose employee count is missing, and firms whose size is recorded wrong.',
  intraGroup: 'Goods bought from a company of the buyer’s own group are left out: they were already in the group, and the purchases that brought them in are judged on their own.',
  coverage: { unit: 'companies that bought or received watch-listed goods', reasons: [SIZE_UNKNOWN] },
  evaluate(ctx, params, coverage, progress) {
    const minChapters = params.minChapters as number;
    const maxEmployees = params.maxEmployees as number;
    const unknownSmall = params.unknownSizeIsSmall as boolean;
    const hits: RuleHit[] = [];
    const entities = ctx.bundle.entities;
    for (let i = 0; i < entities.length; i++) {
      if ((i & PROGRESS_EVERY) === 0) progress(i, entities.length);
      const e = entities[i];
      if (e.kind !== 'company') continue;
      const mine = ctx.watchedAt(ctx.columns.entityNumbers[i]);
      if (mine.length === 0) continue;
      if (e.employees === undefined) coverage.notJudged(SIZE_UNKNOWN);
      else coverage.judged();
      if (e.employees === undefined ? !unknownSmall : e.employees > maxEmployees) continue;
      const chapters = new Map<string, { items: Map<string, WatchItem>; shipments: Shipment[] }>();
      for (const s of mine) {
        const item = ctx.watch(s)!;
        if (ctx.isUserAt(ctx.columns.entityNumbers[i], item) === true || ctx.group(s.supplier).id === ctx.group(e.id).id) continue;
        const ch = chapterOf(s, item);
        const entry = chapters.get(ch) ?? { items: new Map<string, WatchItem>(), shipments: [] as Shipment[] };
        entry.items.set(item.id, item);
        entry.shipments.push(s);
        chapters.set(ch, entry);
      }
      if (chapters.size < minChapters) continue;
      const list = [...chapters].sort(([a], [b]) => (a < b ? -1 : 1));
      const words = list.map(([ch, c]) => `${[...c.items.values()].map((i) => i.name).join(' and ')} (HS chapter ${showHs(ch)})`);
      const shipments = list.flatMap(([, c]) => c.shipments.map((s) => s.id));
      const suppliers = [...new Set(list.flatMap(([, c]) => c.shipments.map((s) => s.supplier)))].sort();
      const size = e.employees === undefined ? 'of unknown size' : `with ${plural(e.employees, 'employee', 'employees')}`;
      hits.push({
        entities: [e.id],
        counterparties: suppliers,
        shipments,
        evidence: {
          employees: e.employees ?? null,
          lineOfBusiness: lineFacts(ctx, e.id),
          chapters: list.map(([ch, c]) => ({ chapter: ch, commodities: [...c.items.keys()], shipments: c.shipments.map((s) => s.id) })),
          distinctChapters: chapters.size,
        },
        summary: `${ctx.label(e.id)} (${lineWords(ctx, e.id)}), a company ${size}, bought or received watch-listed goods of ${chapters.size} unrelated commodity groups: ${listWords(words)}.`,
        explanation: {
          sentences: [
            `${ctx.label(e.id)} (${lineWords(ctx, e.id)}) is a company ${size}.`,
            `The shipment records show it buying or receiving watch-listed goods of ${chapters.size} different HS chapters, none of which its line of business is a documented user of: ${listWords(words)}, in ${plural(shipments.length, 'shipment', 'shipments')} from ${plural(suppliers.length, 'supplier', 'suppliers')}.`,
            'A small business that gathers several unrelated precursors or components is what the guidance asks reviewers to look for; a shop that sells them on to the public would show the sales.',
            'Where to look: what the company sells, where the goods went next, and who paid for them.',
          ],
          facts: [
            { label: 'Company', value: `${ctx.label(e.id)}, ${lineWords(ctx, e.id)}` },
            { label: 'Employees', value: e.employees === undefined ? 'unknown (judged as small)' : String(e.employees), threshold: `at most ${maxEmployees}` },
            { label: 'Unrelated watch-listed commodity groups', value: `${chapters.size}: ${words.join('; ')}`, threshold: `at least ${minChapters} HS chapters` },
            { label: 'Shipments', value: String(shipments.length) },
          ],
        },
      });
    }
    return hits;
  },
};
