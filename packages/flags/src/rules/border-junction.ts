import { showNumber } from '../text';
import type { Rule, RuleHit } from '../types';

export const borderJunction: Rule = {
  id: 'border-junction',
  title: 'Border junction consolidating watch-listed goods',
  description:
    'A company within radiusKm of a border crossing (by default the analysis radius, --radius-km) that received watch-listed goods from at least minSuppliers different suppliers and shipped watch-listed goods onward. Goods the company is a documented user of are not counted as received for consolidation.',
  severity: 'high',
  parameters: [
    { name: 'radiusKm', type: 'number', default: null, min: 0, description: 'Distance to a crossing; empty (null) uses the analysis radius.' },
    { name: 'minSuppliers', type: 'integer', default: 3, min: 1, max: 1000, description: 'Fewest distinct suppliers of watch-listed goods.' },
  ],
  sources: [
    {
      publisher: 'Conflict Armament Research',
      indicator: 'Companies close to border crossings consolidated goods from several suppliers before they crossed into Syria.',
      reference: 'CAR (2020), Islamic State procurement networks in Turkey and beyond',
    },
  ],
  falsePositives: 'Legitimate border-zone wholesalers and bonded warehouses serving cross-border trade.',
  evaluate(ctx, params) {
    const radius = (params.radiusKm as number | null) ?? ctx.radiusKm;
    const minSuppliers = params.minSuppliers as number;
    const hits: RuleHit[] = [];
    for (const e of ctx.analysis.entities) {
      if (ctx.entity(e.id).kind !== 'company' || e.nearestCrossing === null || e.nearestCrossing.distanceKm > radius) continue;
      // Goods the company is a documented user of are consumed there, not consolidated for onward shipment.
      const inbound = ctx.received(e.id).filter((s) => {
        const item = ctx.watch(s);
        return item !== undefined && ctx.isUser(e.id, item) !== true;
      });
      const suppliers = [...new Set(inbound.map((s) => s.supplier))].sort();
      if (suppliers.length < minSuppliers) continue;
      const outbound = ctx.sold(e.id).filter((s) => ctx.watch(s) !== undefined);
      if (outbound.length === 0) continue;
      const destinations = [...new Set(outbound.map((s) => s.consignee ?? s.buyer))].sort();
      const commodities = [...new Set(inbound.map((s) => ctx.watch(s)!.name))].sort();
      hits.push({
        entities: [e.id],
        counterparties: [...suppliers, ...destinations.filter((d) => !suppliers.includes(d))],
        shipments: [...inbound, ...outbound].map((s) => s.id),
        evidence: {
          crossing: e.nearestCrossing.id,
          crossingName: e.nearestCrossing.name,
          distanceKm: Math.round(e.nearestCrossing.distanceKm * 1000) / 1000,
          radiusKm: radius,
          suppliers,
          inbound: inbound.map((s) => s.id),
          commodities,
          outbound: outbound.map((s) => s.id),
          destinations,
        },
        summary:
          `${ctx.label(e.id)}, ${showNumber(Math.round(e.nearestCrossing.distanceKm * 10) / 10)} km from ${e.nearestCrossing.name}, received watch-listed goods (${commodities.join(', ')}) ` +
          `from ${suppliers.length} suppliers and shipped ${outbound.length} watch-listed consignment${outbound.length === 1 ? '' : 's'} onward to ${destinations.map((d) => ctx.label(d)).join(', ')}.`,
      });
    }
    return hits;
  },
};
