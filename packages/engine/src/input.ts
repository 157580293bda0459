import type { Bundle, Origin, Shipment } from '@chokepoint/model';
import { EngineInputError } from './errors';

/**
 * The most that the quantities, the kilograms or the values of all shipments may add up to: 1e300. Below it every
 * sum the analysis makes over shipments (a pair's kilograms, the flow through an entity, the maximum flow, the
 * totals of an export) stays a finite number, far from the largest a double holds (about 1.8e308), rounding
 * included. A bundle above it is refused with an EngineInputError that names the largest shipment.
 */
export const MAX_TOTAL = 1e300;

/** Where a record came from, for messages: ` (shipments.csv line 12)`, or nothing when it is not known. */
export function originText(origin: Origin | undefined): string {
  return origin === undefined ? '' : ` (${origin.file} line ${origin.line})`;
}

const MEASURES = [
  ['quantityKg', 'masses in kg'],
  ['quantity', 'quantities'],
  ['value', 'values'],
] as const satisfies readonly (readonly [keyof Shipment, string])[];

/**
 * Checks what the algorithms rely on and returns entity id → position in bundle.entities (a Map: ids may be any
 * text, `__proto__` included). Throws EngineInputError, naming the record and where it came from, when the bundle
 * breaks the data contract (an id used twice; a tie or shipment naming an unknown entity, or tying an entity to
 * itself; a quantity, mass or value that is not a finite number of 0 or more) or when the quantities, masses or
 * values of all shipments add up to more than MAX_TOTAL.
 */
export function checkBundle(bundle: Bundle): Map<string, number> {
  const index = new Map<string, number>();
  const entities = bundle.entities;
  for (let i = 0; i < entities.length; i++) {
    const e = entities[i];
    if (index.has(e.id)) throw new EngineInputError(`entity id ${JSON.stringify(e.id)} is used twice${originText(e.origin)}`);
    index.set(e.id, i);
  }
  // Plain loops, and the words of a message made only when there is one: a bundle holds millions of records (no
  // function or string is made per record).
  const unknown = (what: string, origin: Origin | undefined, id: string) => {
    throw new EngineInputError(`${what}${originText(origin)} names ${JSON.stringify(id)}, which is not an entity of the bundle`);
  };
  const itself = (what: string, origin: Origin | undefined, from: string) => {
    throw new EngineInputError(`${what}${originText(origin)} ties ${JSON.stringify(from)} to itself, which the data contract does not allow`);
  };
  const relations = bundle.relations;
  for (let i = 0; i < relations.length; i++) {
    const r = relations[i];
    if (r.source !== undefined && !index.has(r.source)) unknown(`relation ${i + 1}`, r.origin, r.source);
    if (r.target !== undefined && !index.has(r.target)) unknown(`relation ${i + 1}`, r.origin, r.target);
    if (r.source === r.target) itself(`relation ${i + 1}`, r.origin, r.source);
  }
  const totals = MEASURES.map(() => ({ sum: 0, largest: -1, at: -1 }));
  const shipments = bundle.shipments;
  for (let i = 0; i < shipments.length; i++) {
    const s = shipments[i];
    if (s.supplier !== undefined && !index.has(s.supplier)) unknown(`shipment ${JSON.stringify(s.id)}`, s.origin, s.supplier);
    if (s.buyer !== undefined && !index.has(s.buyer)) unknown(`shipment ${JSON.stringify(s.id)}`, s.origin, s.buyer);
    if (s.consignee !== undefined && !index.has(s.consignee)) unknown(`shipment ${JSON.stringify(s.id)}`, s.origin, s.consignee);
    if (s.payer !== undefined && !index.has(s.payer)) unknown(`shipment ${JSON.stringify(s.id)}`, s.origin, s.payer);
    if (s.supplier === s.buyer) itself(`shipment ${JSON.stringify(s.id)}`, s.origin, s.supplier);
    for (let m = 0; m < MEASURES.length; m++) {
      const field = MEASURES[m][0];
      const v = s[field] as unknown;
      if (v === undefined) continue;
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
        throw new EngineInputError(`shipment ${JSON.stringify(s.id)}${originText(s.origin)} has the ${field} ${String(v)}: it must be a finite number of 0 or more`);
      }
      const t = totals[m];
      t.sum += v;
      if (v > t.largest) (t.largest = v), (t.at = i);
    }
  }
  MEASURES.forEach(([field, words], m) => {
    const t = totals[m];
    if (t.sum <= MAX_TOTAL) return;
    const s = bundle.shipments[t.at];
    throw new EngineInputError(
      `the ${words} of the ${bundle.shipments.length.toLocaleString('en-US')} shipments add up to more than ${MAX_TOTAL} (the largest: shipment ${JSON.stringify(s.id)}${originText(s.origin)}, ${field} ${t.largest}), beyond what the analysis can add up without losing the totals: check the quantities, units and values`,
    );
  });
  return index;
}
