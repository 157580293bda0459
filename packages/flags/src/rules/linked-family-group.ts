import type { Shipment } from '@chokepoint/model';
import { PROGRESS_EVERY, type RuleHit, type Rule } from '../types';
import type { WatchItem } from '../reference';
import { listWords, plural } from '../text';
import { linkWords } from './words';

export const linkedFamilyGroup: Rule = {
  id: 'linked-family-group',
  title: 'Linked company group buying several watch-listed commodities',
  description:
    'Companies tied by family relations, shared directors or owners, or a shared address or phone number (directly or through others) form a group; a group of at least minCompanies companies that together bought or received at least minCommodities different watch-listed commodities from outside the group is flagged, on every company of the group.',
  severity: 'high',
  parameters: [
    { name: 'minCommodities', type: 'integer', default: 3, min: 1, max: 100, description: 'Fewest distinct watch-listed commodities the group must have bought or received.' },
    { name: 'minCompanies', type: 'integer', default: 2, min: 1, max: 1000, description: 'Fewest companies in the group.' },
    { name: 'countDocumentedUse', type: 'boolean', default: false, description: 'Also count purchases by members that are documented users of the commodity.' },
  ],
  sources: [
    {
      publisher: 'Conflict Armament Research',
      indicator: 'Groups of linked, family-owned companies acted as key junction points, together buying several precursors and components.',
      reference: 'CAR (2020), Islamic State procurement networks in Turkey and beyond',
    },
  ],
  falsePositives: 'Family conglomerates with several legitimate chemical or electronics businesses, and groups formed only by a shared business-centre address.',
  intraGroup:
    'Not counted. The rule asks what a group took in; goods one member passes to another were already in the group (or were made there), so only shipments from suppliers outside the group count.',
  coverage: { unit: 'company groups with at least minCompanies companies', reasons: [] },
  evaluate(ctx, params, coverage, progress) {
    const minCommodities = params.minCommodities as number;
    const minCompanies = params.minCompanies as number;
    const countUse = params.countDocumentedUse as boolean;
    const seenGroups = new Set<number>();
    const hits: RuleHit[] = [];
    const entities = ctx.bundle.entities;
    for (let i = 0; i < entities.length; i++) {
      if ((i & PROGRESS_EVERY) === 0) progress(i, entities.length);
      const n = ctx.columns.entityNumbers[i];
      if (seenGroups.has(ctx.groupOf[n])) continue;
      seenGroups.add(ctx.groupOf[n]);
      // Fewer members than minCompanies: fewer companies too (most groups are one entity).
      if (ctx.groupSize(n) < minCompanies) continue;
      const group = ctx.groupAt(n);
      const companies = group.members.filter((m) => ctx.entity(m).kind === 'company');
      if (companies.length < minCompanies) continue;
      coverage.judged();
      const items = new Map<string, { item: WatchItem; shipments: Shipment[] }>();
      const count = new Map<string, number>();
      for (const m of companies) {
        for (const s of ctx.watched(m)) {
          const item = ctx.watch(s)!;
          // Goods passed between members were already in the group.
          if (ctx.group(s.supplier).id === group.id) continue;
          if (!countUse && ctx.isUser(s.buyer, item) === true) continue;
          const entry = items.get(item.id) ?? { item, shipments: [] };
          if (!entry.shipments.includes(s)) entry.shipments.push(s);
          items.set(item.id, entry);
          count.set(m, (count.get(m) ?? 0) + 1);
        }
      }
      if (items.size < minCommodities) continue;
      const involved = companies.filter((m) => count.has(m)).sort((a, b) => count.get(b)! - count.get(a)! || (a < b ? -1 : 1));
      const members = [...involved, ...companies.filter((m) => !count.has(m))];
      const people = group.members.filter((m) => ctx.entity(m).kind !== 'company');
      // How the members most involved are linked (a sample: groups can be large).
      const ties = ctx.groupPaths(members[0], members.slice(1, 20)).map((path) => path ?? ['linked through more than 6 ties']);
      const commodities = [...items.values()].sort((a, b) => (a.item.id < b.item.id ? -1 : 1));
      const names = commodities.map((c) => c.item.name);
      const outside = [...new Set(commodities.flatMap((c) => c.shipments.map((s) => s.supplier)))].sort();
      hits.push({
        entities: members,
        counterparties: people,
        shipments: commodities.flatMap((c) => c.shipments.map((s) => s.id)),
        evidence: {
          companies: members,
          people,
          ties,
          commodities: commodities.map((c) => ({ id: c.item.id, name: c.item.name, category: c.item.category, shipments: c.shipments.map((s) => s.id) })),
          distinctCommodities: items.size,
        },
        summary:
          `${members.length} linked companies around ${ctx.label(members[0])}, tied by ownership, family, directors or a shared address or phone, ` +
          `bought or received ${items.size} different watch-listed commodities from outside the group: ${names.join(', ')}.`,
        explanation: {
          sentences: [
            `${plural(members.length, 'company is', 'companies are')} linked around ${ctx.label(members[0])} by ownership, family, directors or a shared address or phone${people.length > 0 ? `, with ${plural(people.length, 'person', 'people')} among the links` : ''}.`,
            `The shipment records show them buying or receiving ${items.size} different watch-listed commodities from ${plural(outside.length, 'supplier', 'suppliers')} outside the group: ${listWords(names)}.`,
            ...(ties.length === 0 ? [] : [`How the members most involved are linked: ${ties.slice(0, 3).map((t) => linkWords(t)).join(' | ')}${ties.length > 3 ? ' …' : ''}.`]),
            'Where to look: who controls the group (the people and owners named in the evidence), which member received which goods, and whether the group’s registered businesses need them.',
          ],
          facts: [
            { label: 'Companies in the group', value: `${members.length}: ${members.slice(0, 10).map((m) => ctx.label(m)).join(', ')}${members.length > 10 ? ' …' : ''}`, threshold: `at least ${minCompanies}` },
            ...(people.length > 0 ? [{ label: 'People in the group', value: people.slice(0, 10).map((m) => ctx.label(m)).join(', ') + (people.length > 10 ? ' …' : '') }] : []),
            { label: 'Distinct watch-listed commodities', value: `${items.size}: ${names.join(', ')}`, threshold: `at least ${minCommodities}` },
            { label: 'Watch-listed shipments from outside the group', value: String(commodities.reduce((a, c) => a + c.shipments.length, 0)) },
          ],
        },
      });
    }
    return hits;
  },
};
