import type { Shipment } from '@chokepoint/model';
import type { WatchItem } from '../reference';
import { listWords, plural, showNumber } from '../text';
import { PROGRESS_EVERY, type Rule, type RuleHit } from '../types';

const NO_COORDINATES = 'no coordinates (distance to a crossing unknown)';
const NO_CROSSING = 'no border crossing in the data';

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
  intraGroup:
    'Counted. Consolidation at a border through the companies of one group is what CAR describes (linked, family-owned companies feeding a warehouse by the crossing), so suppliers from the company’s own group count like others; the flag says how many of them are in the group.',
  coverage: { unit: 'companies', reasons: [NO_COORDINATES, NO_CROSSING] },
  evaluate(ctx, params, coverage, progress) {
    const radius = (params.radiusKm as number | null) ?? ctx.radiusKm;
    const minSuppliers = params.minSuppliers as number;
    const hits: RuleHit[] = [];
    const c = ctx.columns;
    const items = ctx.analysis.entities;
    for (let at = 0; at < items.length; at++) {
      if ((at & PROGRESS_EVERY) === 0) progress(at, items.length);
      const e = items[at];
      const entity = ctx.entity(e.id);
      if (entity.kind !== 'company') continue;
      if (e.nearestCrossing === null) {
        coverage.notJudged(entity.lat === undefined || entity.lon === undefined ? NO_COORDINATES : NO_CROSSING);
        continue;
      }
      coverage.judged();
      if (e.nearestCrossing.distanceKm > radius) continue;
      // Goods the company is a documented user of are consumed there, not consolidated for onward shipment. Its
      // receipts and sales by the columns (index lists, watch-list entries by shipment number).
      const n = c.entityOf(e.id);
      if (n < 0) continue;
      const inbound: Shipment[] = [];
      const inboundItems: WatchItem[] = [];
      for (let k = c.receivedBy.start[n]; k < c.receivedBy.start[n + 1]; k++) {
        const i = c.receivedBy.items[k];
        const item = ctx.watchAt(i);
        if (item !== undefined && ctx.isUserAt(n, item) !== true) {
          inbound.push(c.shipments[i]);
          inboundItems.push(item);
        }
      }
      if (inbound.length < minSuppliers) continue;
      const suppliers = [...new Set(inbound.map((s) => s.supplier))].sort();
      if (suppliers.length < minSuppliers) continue;
      const outbound: Shipment[] = [];
      for (let k = c.soldBy.start[n]; k < c.soldBy.start[n + 1]; k++) if (ctx.watchOf[c.soldBy.items[k]] >= 0) outbound.push(c.shipments[c.soldBy.items[k]]);
      if (outbound.length === 0) continue;
      const destinations = [...new Set(outbound.map((s) => s.consignee ?? s.buyer))].sort();
      const commodities = [...new Set(inboundItems.map((item) => item.name))].sort();
      const inGroup = suppliers.filter((s) => ctx.group(s).id === ctx.group(e.id).id);
      const km = showNumber(Math.round(e.nearestCrossing.distanceKm * 10) / 10);
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
          suppliersInOwnGroup: inGroup,
          inbound: inbound.map((s) => s.id),
          commodities,
          outbound: outbound.map((s) => s.id),
          destinations,
        },
        summary:
          `${ctx.label(e.id)}, ${km} km from ${e.nearestCrossing.name}, received watch-listed goods (${commodities.join(', ')}) ` +
          `from ${suppliers.length} suppliers${inGroup.length > 0 ? ` (${inGroup.length} of them in its own company group)` : ''} and shipped ${outbound.length} watch-listed consignment${outbound.length === 1 ? '' : 's'} onward to ${destinations.map((d) => ctx.label(d)).join(', ')}.`,
        explanation: {
          sentences: [
            `${ctx.label(e.id)} lies ${km} km from ${e.nearestCrossing.name}.`,
            `The shipment records show it receiving watch-listed goods (${listWords(commodities)}) from ${plural(suppliers.length, 'supplier', 'suppliers')} in ${plural(inbound.length, 'shipment', 'shipments')}, and shipping ${plural(outbound.length, 'watch-listed consignment', 'watch-listed consignments')} onward to ${listWords(destinations.map((d) => ctx.label(d)))}.`,
            ...(inGroup.length > 0
              ? [`${plural(inGroup.length, 'of the suppliers belongs', 'of the suppliers belong')} to its own company group (${listWords(inGroup.map((s) => ctx.label(s)))}): consolidation through linked companies is the pattern the source describes, so they count.`]
              : []),
            'Where to look: what the company does with the goods between receiving and sending them (storage, repacking, customs declarations), and where the onward consignments crossed.',
          ],
          facts: [
            { label: 'Company', value: ctx.label(e.id) },
            { label: 'Distance to the crossing', value: `${km} km from ${e.nearestCrossing.name}`, threshold: `≤ ${showNumber(radius)} km` },
            { label: 'Suppliers of watch-listed goods', value: `${suppliers.length}${inGroup.length > 0 ? ` (${inGroup.length} in its own group)` : ''}`, threshold: `at least ${minSuppliers}` },
            { label: 'Watch-listed goods received', value: `${listWords(commodities)}, in ${plural(inbound.length, 'shipment', 'shipments')}` },
            { label: 'Shipped onward', value: `${plural(outbound.length, 'consignment', 'consignments')} to ${listWords(destinations.map((d) => ctx.label(d)))}`, threshold: 'at least 1' },
          ],
        },
      });
    }
    return hits;
  },
};
