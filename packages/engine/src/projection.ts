import type { Bundle, RelationKind } from '@chokepoint/model';
import { csrFromEdgeList, type UndirectedCSR } from './csr';
import { EngineInputError } from './errors';
import { checkBundle, originText } from './input';

/**
 * Weights of the undirected projection used for clustering. A tie between two entities adds its
 * weight; several ties between the same pair add up.
 *
 * - Structural ties (ownership, directorship, family, shared address) weigh 2: they bind a company
 *   group together more than any trade does.
 * - Looser ties (employee, associate, agent) weigh 1.
 * - Trade: each supplier–buyer pair weighs between 0.5 and 1, growing with the logarithm of the
 *   total kilograms shipped between them (0.5 + 0.5 · min(1, log10(1 + kg) / 6), so 1,000 t or more
 *   weighs 1); a pair with no known mass weighs 0.5. However large the tonnage, a trade tie never
 *   outweighs a family, ownership, director or shared-address tie.
 */
export const TIE_WEIGHTS: Readonly<Record<RelationKind, number>> = {
  owner: 2,
  director: 2,
  family: 2,
  shared_address: 2,
  employee: 1,
  associate: 1,
  agent: 1,
  paid_for: 1,
  consigned_to: 1,
};

/** The weight of a trade tie; a total too large for a double (Infinity) weighs what 1,000 t or more weighs. */
export function tradeWeight(totalKg: number | undefined): number {
  if (totalKg === undefined || !(totalKg > 0)) return 0.5;
  return 0.5 + 0.5 * Math.min(1, Math.log10(1 + totalKg) / 6);
}

export interface ProjectionOptions {
  weights?: Readonly<Record<RelationKind, number>>;
}

/** One connected pair of the projection. */
export interface ProjectionPair {
  /** Positions in bundle.entities of the two entities, as the pair was first met. */
  source: number;
  target: number;
  weight: number;
  /** Relation kinds between the pair, in the order met, without repeats; 'shipment' when they trade. */
  kinds: string[];
}

/**
 * The undirected, weighted, simple projection of the network: one pair per connected couple of entities, in the
 * order first met (relations, then shipments, in bundle order). Keyed with Maps only, so entity ids may be any
 * text (`toString` and `__proto__` included). Throws EngineInputError when the bundle breaks the data contract or
 * its shipments add up to more than a double can carry (checkBundle).
 */
export function projectionPairs(bundle: Bundle, options: ProjectionOptions = {}): ProjectionPair[] {
  const weights = options.weights ?? TIE_WEIGHTS;
  const index = checkBundle(bundle);
  const n = index.size;
  interface Pair extends ProjectionPair {
    kg: number;
    trade: boolean;
    known: boolean;
  }
  const pairs = new Map<number, Pair>();
  const add = (from: string, to: string): Pair => {
    const u = index.get(from)!;
    const v = index.get(to)!;
    const key = u < v ? u * n + v : v * n + u;
    let pair = pairs.get(key);
    if (pair === undefined) {
      pair = { source: u, target: v, weight: 0, kinds: [], kg: 0, trade: false, known: false };
      pairs.set(key, pair);
    }
    return pair;
  };
  bundle.relations.forEach((r, i) => {
    const pair = add(r.source, r.target);
    if (!pair.kinds.includes(r.kind)) pair.kinds.push(r.kind);
    const w = weights[r.kind];
    if (typeof w !== 'number' || !Object.hasOwn(weights, r.kind)) throw new EngineInputError(`relation ${i + 1}${originText(r.origin)} has the unknown kind ${JSON.stringify(r.kind)}`);
    pair.weight += w;
  });
  for (const s of bundle.shipments) {
    const pair = add(s.supplier, s.buyer);
    if (!pair.kinds.includes('shipment')) pair.kinds.push('shipment');
    pair.trade = true;
    if (s.quantityKg !== undefined) {
      pair.kg += s.quantityKg;
      pair.known = true;
    }
  }
  return [...pairs.values()].map((p) => ({
    source: p.source,
    target: p.target,
    weight: p.trade ? p.weight + tradeWeight(p.known ? p.kg : undefined) : p.weight,
    kinds: p.kinds,
  }));
}

/**
 * The projection as a CSR for the typed-array algorithms: node i is bundle.entities[i] (`keys` are the entity ids),
 * `weights` are the projection's weights (Louvain uses them; betweenness and cut points do not).
 */
export function projectBundle(bundle: Bundle, options: ProjectionOptions = {}): UndirectedCSR {
  const pairs = projectionPairs(bundle, options);
  const keys = bundle.entities.map((e) => e.id);
  return csrFromEdgeList(
    keys.length,
    Int32Array.from(pairs, (p) => p.source),
    Int32Array.from(pairs, (p) => p.target),
    Float64Array.from(pairs, (p) => p.weight),
    keys,
  );
}
