import type { Shipment } from '@chokepoint/model';
import type { RuleHit, Rule } from '../types';
import type { WatchItem } from '../reference';

export const linkedFamilyGroup: Rule = {
  id: 'linked-family-group',
  title: 'Linked company group buying several watch-listed commodities',
  description:
    'Companies tied by family relations, shared directors or owners, or a shared address or phone number (directly or through others) form a group; a group of at least minCompanies companies that together bought or received at least minCommodities different watch-listed commodities is flagged, on every company of the group.',
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
  evaluate(ctx, params) {
    const minCommodities = params.minCommodities as number;
    const minCompanies = params.minCompanies as number;
    const countUse = params.countDocumentedUse as boolean;
    const seenGroups = new Set<number>();
    const hits: RuleHit[] = [];
    for (const e of ctx.bundle.entities) {
      const group = ctx.group(e.id);
      if (seenGroups.has(group.id)) continue;
      seenGroups.add(group.id);
      const companies = group.members.filter((m) => ctx.entity(m).kind === 'company');
      if (companies.length < minCompanies) continue;
      const items = new Map<string, { item: WatchItem; shipments: Shipment[] }>();
      const count = new Map<string, number>();
      for (const m of companies) {
        const mine = new Map<string, Shipment>();
        for (const s of [...ctx.bought(m), ...ctx.received(m)]) mine.set(s.id, s);
        for (const s of mine.values()) {
          const item = ctx.watch(s);
          if (item === undefined) continue;
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
          `bought or received ${items.size} different watch-listed commodities: ${commodities.map((c) => c.item.name).join(', ')}.`,
      });
    }
    return hits;
  },
};
