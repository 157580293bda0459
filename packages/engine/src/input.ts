import type { Bundle, Origin, Shipment } from '@chokepoint/model';
import { EngineInputError } from './errors';
import { largeInt32Array } from './arrays';

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
  return check(bundle, undefined);
}

/** The ends of every tie as positions in bundle.entities: relations, then shipments (supplier, buyer). */
interface TieEnds {
  from: Int32Array;
  to: Int32Array;
}

/** checkBundle, also writing the ends of every tie to `ends` (as index.get gives them: 0 for an end that is absent). */
function check(bundle: Bundle, ends: TieEnds | undefined): Map<string, number> {
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
  // Each end is looked up once: whether it is known, and (for `ends`) where.
  const from = ends?.from;
  const to = ends?.to;
  // Relations in canonical order are grouped by source: a source the relation before had is not looked up again.
  let lastSource: string | undefined;
  let lastU: number | undefined;
  for (let i = 0; i < relations.length; i++) {
    const r = relations[i];
    const u = r.source === undefined ? undefined : r.source === lastSource ? lastU : index.get(r.source);
    lastSource = r.source;
    lastU = u;
    if (r.source !== undefined && u === undefined) unknown(`relation ${i + 1}`, r.origin, r.source);
    const v = r.target === undefined ? undefined : index.get(r.target);
    if (r.target !== undefined && v === undefined) unknown(`relation ${i + 1}`, r.origin, r.target);
    if (r.source === r.target) itself(`relation ${i + 1}`, r.origin, r.source);
    if (from !== undefined) (from[i] = u!), (to![i] = v!);
  }
  const r = relations.length;
  const shipments = bundle.shipments;
  const measures = new MeasureTotals();
  for (let i = 0; i < shipments.length; i++) {
    const s = shipments[i];
    const u = s.supplier === undefined ? undefined : index.get(s.supplier);
    if (s.supplier !== undefined && u === undefined) unknown(`shipment ${JSON.stringify(s.id)}`, s.origin, s.supplier);
    const v = s.buyer === undefined ? undefined : index.get(s.buyer);
    if (s.buyer !== undefined && v === undefined) unknown(`shipment ${JSON.stringify(s.id)}`, s.origin, s.buyer);
    if (from !== undefined) (from[r + i] = u!), (to![r + i] = v!);
    if (s.consignee !== undefined && !index.has(s.consignee)) unknown(`shipment ${JSON.stringify(s.id)}`, s.origin, s.consignee);
    if (s.payer !== undefined && !index.has(s.payer)) unknown(`shipment ${JSON.stringify(s.id)}`, s.origin, s.payer);
    if (s.supplier === s.buyer) itself(`shipment ${JSON.stringify(s.id)}`, s.origin, s.supplier);
    measures.add(s, i);
  }
  measures.check(shipments);
  return index;
}

/**
 * The quantities, masses and values of shipments, checked one by one and added up (checkBundle's rules for them): a
 * measure that is not a finite number of 0 or more, or totals beyond MAX_TOTAL, are an EngineInputError naming the
 * shipment.
 */
class MeasureTotals {
  private readonly totals = MEASURES.map(() => ({ sum: 0, largest: -1, at: -1 }));

  /** Shipment s, at position i of its list. */
  add(s: Shipment, i: number): void {
    // In the order of MEASURES (the first measure at fault is the one named).
    this.measure(s, i, 0, s.quantityKg);
    this.measure(s, i, 1, s.quantity);
    this.measure(s, i, 2, s.value);
  }

  // One measure of shipment i (m: its place in MEASURES), named at the call so that each read is of one property.
  private measure(s: Shipment, i: number, m: number, v: unknown): void {
    if (v === undefined) return;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      throw new EngineInputError(`shipment ${JSON.stringify(s.id)}${originText(s.origin)} has the ${MEASURES[m][0]} ${String(v)}: it must be a finite number of 0 or more`);
    }
    const t = this.totals[m];
    t.sum += v;
    if (v > t.largest) (t.largest = v), (t.at = i);
  }

  /** Throws when the totals of `shipments` (the list added) pass MAX_TOTAL. */
  check(shipments: readonly Shipment[]): void {
    MEASURES.forEach(([field, words], m) => {
      const t = this.totals[m];
      if (t.sum <= MAX_TOTAL) return;
      const s = shipments[t.at];
      throw new EngineInputError(
        `the ${words} of the ${shipments.length.toLocaleString('en-US')} shipments add up to more than ${MAX_TOTAL} (the largest: shipment ${JSON.stringify(s.id)}${originText(s.origin)}, ${field} ${t.largest}), beyond what the analysis can add up without losing the totals: check the quantities, units and values`,
      );
    });
  }
}

/** The rules of checkBundle for the quantities, masses and values of `shipments` alone (for shipments given apart from a bundle). */
export function checkShipmentMeasures(shipments: readonly Shipment[]): void {
  const measures = new MeasureTotals();
  for (let i = 0; i < shipments.length; i++) measures.add(shipments[i], i);
  measures.check(shipments);
}

/** What a check of a bundle saw: its lists (the arrays and the records in them), the index it gave and the ends. */
interface Checked extends CheckedBundle {
  entities: readonly unknown[];
  relations: readonly unknown[];
  shipments: readonly unknown[];
}

/** A bundle as checked (checkedBundle): read only, shared by every caller with that bundle. */
export interface CheckedBundle {
  /** Entity id → position in bundle.entities. */
  index: ReadonlyMap<string, number>;
  /**
   * The ends of every tie as positions in bundle.entities, in the order met: the relations (source, target), then the
   * shipments (supplier, buyer); 0 for an end that is absent (as an Int32Array stores what index.get gives for it).
   */
  from: Int32Array;
  to: Int32Array;
}

/** Bundles checked by checkedBundle, weakly held: a bundle no longer used takes its entry with it. */
const checkedBundles = new WeakMap<Bundle, Checked>();

/** Whether `list` holds the very records of `seen`, in the same places (identity, not contents). */
function sameRecords(list: readonly unknown[], seen: readonly unknown[]): boolean {
  if (list.length !== seen.length) return false;
  for (let i = 0; i < list.length; i++) if (list[i] !== seen[i]) return false;
  return true;
}

/**
 * checkBundle for the engine's own steps, done once per bundle: the analysis projects a bundle, and the supply
 * chokepoints check it again, over a million records each time, and both look up the ends of every tie. The first
 * call checks the bundle in full (and throws what checkBundle throws), noting the ends of the ties as it looks them
 * up; a later call with the same bundle object gives the same result without a second pass when the bundle still
 * holds the same records: its entities, relations and shipments are the same objects in the same places (compared
 * by identity, a fraction of a check). Any other bundle is checked in full: a new bundle object
 * (`{ ...bundle, shipments }`), a record added, removed, replaced or moved.
 *
 * The contract: records given to the engine are data that is not changed in place (the engine never writes to
 * them, and the pipeline makes new records when it changes one). A caller that edits the fields of a record after
 * an analysis and analyses the same bundle object again must call checkBundle itself (it always checks in full).
 * What is returned is shared: read it, never change it.
 */
export function checkedBundle(bundle: Bundle): CheckedBundle {
  const seen = checkedBundles.get(bundle);
  if (seen !== undefined && sameRecords(bundle.entities, seen.entities) && sameRecords(bundle.relations, seen.relations) && sameRecords(bundle.shipments, seen.shipments)) {
    return seen;
  }
  const ties = bundle.relations.length + bundle.shipments.length;
  const ends: TieEnds = { from: largeInt32Array(ties), to: largeInt32Array(ties) };
  const index = check(bundle, ends);
  // Copies of the lists (a pointer per record): a list changed in place after the check is told from the one checked.
  const checked: Checked = { index, from: ends.from, to: ends.to, entities: bundle.entities.slice(), relations: bundle.relations.slice(), shipments: bundle.shipments.slice() };
  checkedBundles.set(bundle, checked);
  return checked;
}

/**
 * checkedBundle for a bundle the engine's check accepts, undefined for one it refuses (an EngineInputError): for
 * steps that can use the ends the check found and look a refused bundle's ties up one by one instead.
 */
export function checkedIfValid(bundle: Bundle): CheckedBundle | undefined {
  try {
    return checkedBundle(bundle);
  } catch (err) {
    if (err instanceof EngineInputError) return undefined;
    throw err;
  }
}

/**
 * Lets go of what checkedBundle keeps for `bundle` (its index, the ends of its ties, the lists it compares): for a
 * caller done with the engine's steps on that bundle, before work that needs the memory (at a million entities,
 * about 250 MB). A later checkedBundle of it checks it again.
 */
export function forgetCheckedBundle(bundle: Bundle): void {
  checkedBundles.delete(bundle);
}

/** The index of checkedBundle. */
export function checkedIndex(bundle: Bundle): ReadonlyMap<string, number> {
  return checkedBundle(bundle).index;
}
