import { seededRandom } from '@chokepoint/engine';
import { RELATION_KINDS, type Bundle, type Entity, type Place, type Relation, type Shipment } from '@chokepoint/model';


/**
 * A valid bundle of the given size, built in memory as ingest would build it (keys in header order, absent values
 * left out, origin lines counted from 2), with every kind of entity, relation, unit and place.
 */
export function generatedBundle(size: { entities: number; relations: number; shipments: number; places?: number }, seed = 7, name = 'generated'): Bundle {
  const rnd = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
  const entities: Entity[] = [];
  for (let i = 0; i < size.entities; i++) {
    const kind = i % 10 === 0 ? 'person' : i % 23 === 0 ? 'organization' : 'company';
    const e: Record<string, unknown> = { id: `e${i}`, kind, name: `Entity ${i}` };
    if (i % 3 === 0) e.country = pick(['TR', 'GB', 'DK', 'SY']);
    if (i % 4 === 0) {
      e.lat = Math.round((36 + rnd()) * 1e4) / 1e4;
      e.lon = Math.round((38 + rnd()) * 1e4) / 1e4;
    }
    if (i % 5 === 0) e.employees = Math.floor(rnd() * 500);
    if (i % 7 === 0) e.founded = `20${String(10 + (i % 10)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}`;
    entities.push({ ...(e as Omit<Entity, 'attributes' | 'origin'>), attributes: i % 11 === 0 ? { phone: `+90 ${i}` } : {}, origin: { file: 'entities.csv', line: i + 2 } });
  }
  const n = size.entities;
  const relations: Relation[] = [];
  for (let i = 0; i < size.relations; i++) {
    const source = Math.floor(rnd() * n);
    let target = Math.floor(rnd() * n);
    if (target === source) target = (source + 1) % n;
    const r: Record<string, unknown> = { source: `e${source}`, target: `e${target}`, kind: pick(RELATION_KINDS) };
    if (r.kind === 'owner') r.share = Math.round(rnd() * 1000) / 10;
    if (i % 6 === 0) r.start = '2015-03-01';
    relations.push({ ...(r as Omit<Relation, 'attributes' | 'origin'>), attributes: {}, origin: { file: 'relations.csv', line: i + 2 } });
  }
  const shipments: Shipment[] = [];
  for (let i = 0; i < size.shipments; i++) {
    const supplier = Math.floor(rnd() * n);
    let buyer = Math.floor(rnd() * n);
    if (buyer === supplier) buyer = (supplier + 1) % n;
    const s: Record<string, unknown> = { id: `s${i}`, supplier: `e${supplier}`, buyer: `e${buyer}`, commodity: pick(['urea fertiliser', 'aluminium paste', 'mobile phones']) };
    if (i % 2 === 0) {
      s.quantity = Math.round(rnd() * 1000) / 10;
      s.unit = pick(['kg', 't', 'l', 'pcs']);
    }
    if (i % 3 === 0) {
      s.value = Math.round(rnd() * 100000);
      s.currency = 'EUR';
    }
    if (i % 13 === 0) s.payer = `e${(buyer + 2) % n}`;
    if (i % 17 === 0) s.consignee = `e${(buyer + 3) % n}`;
    const shipment = { ...(s as Omit<Shipment, 'attributes' | 'origin'>), attributes: {}, origin: { file: 'shipments.csv', line: i + 2 } } as Shipment;
    if (shipment.quantity !== undefined && (shipment.unit === 'kg' || shipment.unit === 't')) shipment.quantityKg = shipment.quantity * (shipment.unit === 't' ? 1000 : 1);
    shipments.push(shipment);
  }
  const places: Place[] = [];
  for (let i = 0; i < (size.places ?? 3); i++) {
    places.push({
      id: `p${i}`,
      name: `Place ${i}`,
      kind: (['border_crossing', 'port', 'airport'] as const)[i % 3],
      lat: 36.5 + i / 10,
      lon: 38.5 + i / 10,
      countries: i % 3 === 0 ? ['TR', 'SY'] : ['TR'],
      attributes: {},
      origin: { file: 'places.csv', line: i + 2 },
    });
  }
  return { name, entities, relations, shipments, places, rejected: [], warnings: [] };
}
