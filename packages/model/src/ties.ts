import type { Bundle, Relation, RelationKind } from './types';

/**
 * The bundle with the ties its shipments imply, added after the relations it already has:
 *
 * - `paid_for`, payer → buyer, for each pair of a shipment's payer and buyer (when they differ);
 * - `consigned_to`, buyer → consignee, for each pair of a shipment's buyer and consignee (when they differ).
 *
 * One tie per pair and kind, listing the shipments behind it (`viaShipments`, in shipment order), with the
 * origin of the first of them. No tie is added where the relations already have one of that kind from that
 * source to that target (written in relations.csv, or added before: the function is idempotent). Derived ties
 * come in the order their first shipment comes, a shipment's paid_for before its consigned_to. Pure: the
 * bundle given is not changed.
 */
export function withShipmentTies(bundle: Bundle): Bundle {
  const key = (kind: RelationKind, source: string, target: string) => JSON.stringify([kind, source, target]);
  const derived = new Map<string, Relation>();
  const add = (kind: RelationKind, source: string, target: string, shipment: Bundle['shipments'][number]) => {
    const k = key(kind, source, target);
    const tie = derived.get(k);
    if (tie !== undefined) {
      tie.viaShipments!.push(shipment.id);
      return;
    }
    derived.set(k, { source, target, kind, viaShipments: [shipment.id], attributes: {}, origin: { ...shipment.origin } });
  };
  for (const s of bundle.shipments) {
    if (s.payer !== undefined && s.payer !== s.buyer) add('paid_for', s.payer, s.buyer, s);
    if (s.consignee !== undefined && s.consignee !== s.buyer) add('consigned_to', s.buyer, s.consignee, s);
  }
  if (derived.size === 0) return bundle;
  // The ties the relations already have are left out: only relations of the two kinds shipments imply can be one (a
  // key per relation of every kind was four million strings at a million entities).
  for (const r of bundle.relations) if (r.kind === 'paid_for' || r.kind === 'consigned_to') derived.delete(key(r.kind, r.source, r.target));
  if (derived.size === 0) return bundle;
  return { ...bundle, relations: [...bundle.relations, ...derived.values()] };
}
