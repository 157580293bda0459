import type { Bundle, Relation } from '@chokepoint/model';

/**
 * The ties shipments imply (temporary home until @chokepoint/model has it): payer → buyer `paid_for`, buyer →
 * consignee `consigned_to`, one per pair, with the shipments behind each; none where relations.csv already has it.
 */
export function withShipmentTies(bundle: Bundle): Bundle {
  const explicit = new Set(bundle.relations.map((r) => `${r.kind}\u0000${r.source}\u0000${r.target}`));
  const derived = new Map<string, Relation>();
  const add = (kind: 'paid_for' | 'consigned_to', source: string, target: string, shipment: Bundle['shipments'][number]) => {
    const key = `${kind}\u0000${source}\u0000${target}`;
    if (source === target || explicit.has(key)) return;
    const r = derived.get(key);
    if (r) r.viaShipments!.push(shipment.id);
    else derived.set(key, { source, target, kind, viaShipments: [shipment.id], attributes: {}, origin: shipment.origin });
  };
  for (const s of bundle.shipments) {
    if (s.payer !== undefined) add('paid_for', s.payer, s.buyer, s);
    if (s.consignee !== undefined) add('consigned_to', s.buyer, s.consignee, s);
  }
  return derived.size === 0 ? bundle : { ...bundle, relations: [...bundle.relations, ...derived.values()] };
}
