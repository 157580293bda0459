import type { Bundle, RelationKind } from '@chokepoint/model';
import { csrFromUniquePairs, type UndirectedCSR } from './csr';
import { EngineInputError } from './errors';
import { checkedBundle, checkedIndex, originText } from './input';
import { largeFloat64Array, largeInt32Array, largeUint8Array } from './arrays';

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
  const index = checkedIndex(bundle);
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
 * `weights` are the projection's weights (Louvain uses them; betweenness and cut points do not). The same pairs, in
 * the same order and with the same weights as projectionPairs, built in typed arrays from the records: no object per
 * pair and no map of pairs (a million-tie network has a million pairs).
 */
export function projectBundle(bundle: Bundle, options: ProjectionOptions = {}): UndirectedCSR {
  const weights = options.weights ?? TIE_WEIGHTS;
  // Every tie as met (relations, then shipments), its ends as positions (found by the check, read only here).
  const { index, from, to } = checkedBundle(bundle);
  const n = index.size;
  const relations = bundle.relations;
  const shipments = bundle.shipments;
  const r = relations.length;
  const m = r + shipments.length;
  // A relation's weight.
  const tieWeight = largeFloat64Array(r);
  for (let e = 0; e < r; e++) {
    const rel = relations[e];
    const w = weights[rel.kind];
    if (typeof w !== 'number' || !Object.hasOwn(weights, rel.kind)) throw new EngineInputError(`relation ${e + 1}${originText(rel.origin)} has the unknown kind ${JSON.stringify(rel.kind)}`);
    tieWeight[e] = w;
  }
  // The ties by their lower end (a stable counting sort, so in the order met), then, per lower end, the first tie to
  // each higher end: the pair's first tie, which stands for the pair.
  const start = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) start[Math.min(from[e], to[e]) + 1]++;
  for (let u = 0; u < n; u++) start[u + 1] += start[u];
  const fill = start.slice(0, n);
  const order = largeInt32Array(m);
  for (let e = 0; e < m; e++) order[fill[Math.min(from[e], to[e])]++] = e;
  const first = largeInt32Array(m);
  const owner = new Int32Array(n).fill(-1);
  const seenAt = new Int32Array(n);
  for (let u = 0; u < n; u++) {
    for (let k = start[u]; k < start[u + 1]; k++) {
      const e = order[k];
      const v = Math.max(from[e], to[e]);
      if (owner[v] !== u) {
        owner[v] = u;
        seenAt[v] = e;
      }
      first[e] = seenAt[v];
    }
  }
  // Each pair's weight and kilograms, added up in the order the ties are met (as projectionPairs adds them).
  const weight = largeFloat64Array(m);
  const kg = largeFloat64Array(m);
  const trade = largeUint8Array(m); // 1: the pair trades; 2: a shipment of it has a known mass
  for (let e = 0; e < r; e++) weight[first[e]] += tieWeight[e];
  for (let j = 0; j < shipments.length; j++) {
    const p = first[r + j];
    trade[p] |= 1;
    const q = shipments[j].quantityKg;
    if (q !== undefined) {
      kg[p] += q;
      trade[p] |= 2;
    }
  }
  let pairs = 0;
  for (let e = 0; e < m; e++) if (first[e] === e) pairs++;
  const source = largeInt32Array(pairs);
  const target = largeInt32Array(pairs);
  const pairWeight = largeFloat64Array(pairs);
  let p = 0;
  for (let e = 0; e < m; e++) {
    if (first[e] !== e) continue;
    source[p] = from[e];
    target[p] = to[e];
    pairWeight[p] = trade[e] === 0 ? weight[e] : weight[e] + tradeWeight((trade[e] & 2) !== 0 ? kg[e] : undefined);
    p++;
  }
  // Each pair once, of two distinct entities (the check refuses a tie of an entity to itself).
  return csrFromUniquePairs(n, source, target, pairWeight, bundle.entities.map((e) => e.id));
}
