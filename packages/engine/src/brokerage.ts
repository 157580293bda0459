/**
 * Brokerage roles of Gould and Fernandez (1989, "Structures of mediation: a formal approach to brokerage in
 * transaction networks", Sociological Methodology 19): in an open two-step path u → v → w (u and w not tied to
 * each other), v mediates between u and w. By the groups of the three:
 *
 * | role           | groups                | v …                                              |
 * |----------------|-----------------------|--------------------------------------------------|
 * | coordinator    | u, v, w in one group  | mediates inside its own group                    |
 * | itinerant      | u, w in one, v outside| mediates for another group (consultant)          |
 * | gatekeeper     | v, w in one, u outside| lets an outsider in to its group                 |
 * | representative | u, v in one, w outside| carries its group's business out                 |
 * | liaison        | all three different   | links two groups it belongs to neither of        |
 *
 * The caller chooses the groups (the analysis uses company groups for brokerage through ties, and Louvain clusters
 * for brokerage in trade), and a second count says how many of v's open two-step paths join entities of two
 * different countries (brokerage across a border).
 */

export interface BrokerageInput {
  n: number;
  /** Directed ties as parallel arrays (repeats are ignored; a symmetric tie is given both ways). */
  source: ArrayLike<number>;
  target: ArrayLike<number>;
  /** Group (cluster) of each node. */
  group: ArrayLike<number>;
  /** Country of each node as a small integer, -1 when unknown. */
  country: ArrayLike<number>;
  /**
   * When given, only two-step paths with at least one end marked here count (brokerage that touches the case: a
   * flagged entity or a controller of one at either end).
   */
  relevant?: Uint8Array;
  /** Nodes with more two-step paths than this are counted from groups alone (default BROKERAGE_EXACT_PATHS). */
  exactPaths?: number;
  /** When a neighbour's ties are looked up rather than marked (default BROKERAGE_LOOKUP_ABOVE; see there). */
  lookupAbove?: number;
}

/** Brokerage counts of one node. */
export interface BrokerageCounts {
  coordinator: number;
  itinerant: number;
  gatekeeper: number;
  representative: number;
  liaison: number;
  crossBorder: number;
  groupsBridged: number;
}

/** Counts of `n` nodes, all 0. */
export function zeroBrokerage(n: number): BrokerageResult {
  return {
    coordinator: new Float64Array(n),
    itinerant: new Float64Array(n),
    gatekeeper: new Float64Array(n),
    representative: new Float64Array(n),
    liaison: new Float64Array(n),
    crossBorder: new Float64Array(n),
    groupsBridged: new Int32Array(n),
  };
}

/** The counts of node `i`, as a plain object. */
export function countsOf(r: BrokerageResult, i: number): BrokerageCounts {
  return {
    coordinator: r.coordinator[i],
    itinerant: r.itinerant[i],
    gatekeeper: r.gatekeeper[i],
    representative: r.representative[i],
    liaison: r.liaison[i],
    crossBorder: r.crossBorder[i],
    groupsBridged: r.groupsBridged[i],
  };
}

export interface BrokerageResult {
  coordinator: Float64Array;
  itinerant: Float64Array;
  gatekeeper: Float64Array;
  representative: Float64Array;
  liaison: Float64Array;
  /** Open two-step paths through the node between entities of two different (known) countries. */
  crossBorder: Float64Array;
  /** Distinct groups other than its own that the node's brokering paths (all roles but coordinator) touch. */
  groupsBridged: Int32Array;
}

/** Room `adjacency` works in: one number per edge (`order`) and one per node and one more (`count`). */
export interface AdjacencyScratch {
  order: Int32Array;
  count: Int32Array;
}

/**
 * Each node's neighbours (`to` of the edges `from` it), ascending, without repeats and self-loops, for a deterministic
 * order and simple ties. The edges are ordered by `to` first (counting), then placed by `from` keeping that order, so
 * every list comes out sorted in time linear in the edges, without a sort per node. `scratch` (at least `m` and
 * `n + 1` long) lends the working arrays, so that two adjacencies of the same edges make them once: at a million
 * nodes each new typed array of ten million numbers costs the heap a collection of its own.
 */
export function adjacency(n: number, from: ArrayLike<number>, to: ArrayLike<number>, m: number, scratch: AdjacencyScratch = { order: new Int32Array(m), count: new Int32Array(n + 1) }): { offsets: Int32Array; targets: Int32Array } {
  const { order, count } = scratch;
  count.fill(0, 0, n + 1);
  for (let e = 0; e < m; e++) count[to[e] + 1]++;
  for (let i = 0; i < n; i++) count[i + 1] += count[i];
  for (let e = 0; e < m; e++) order[count[to[e]]++] = e;
  const offsets = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) offsets[from[e] + 1]++;
  for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
  // Where the next neighbour of each node goes.
  count.set(offsets.subarray(0, n));
  const targets = new Int32Array(m);
  for (let k = 0; k < m; k++) {
    const e = order[k];
    targets[count[from[e]]++] = to[e];
  }
  // Repeats and self-loops left out in place: each list moves down to where the last one ended.
  let k = 0;
  let start = 0;
  for (let i = 0; i < n; i++) {
    const end = offsets[i + 1];
    offsets[i] = k;
    let last = -1;
    for (let j = start; j < end; j++) {
      const t = targets[j];
      if (t === last || t === i) continue;
      targets[k++] = t;
      last = t;
    }
    start = end;
  }
  offsets[n] = k;
  return { offsets, targets: targets.subarray(0, k) };
}

/**
 * Above this many two-step paths through one node (in-degree × out-degree), its paths are counted from the groups
 * and countries of its neighbours, in time linear in its degree, without checking whether the two ends are tied to
 * each other: an upper bound of the open paths, exact when its neighbours are not tied among themselves. Hubs of
 * trade (a distributor with thousands of suppliers and buyers) are counted this way; everyone else exactly.
 */
export const BROKERAGE_EXACT_PATHS = 200_000;

/**
 * A neighbour u of v with more than this many times as many ties as v has out-neighbours: whether u is tied to each
 * out-neighbour of v is looked up in u's sorted lists (a binary search each), instead of marking all of u's ties. A
 * registered agent tied to 150,000 companies, each with a director, was marked once per company: 2.25 × 10¹⁰ marks,
 * two minutes, where the lookups take a moment. The counts are the same either way.
 */
export const BROKERAGE_LOOKUP_ABOVE = 8;

/** Whether the sorted list `targets[offsets[u]] … targets[offsets[u + 1] - 1]` holds w. */
function listHas(list: { offsets: Int32Array; targets: Int32Array }, u: number, w: number): boolean {
  let lo = list.offsets[u];
  let hi = list.offsets[u + 1];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const t = list.targets[mid];
    if (t === w) return true;
    if (t < w) lo = mid + 1;
    else hi = mid;
  }
  return false;
}

type Counts = { coordinator: number; itinerant: number; gatekeeper: number; representative: number; liaison: number; crossBorder: number };

/** Role counts of the pairs (u in a, w in b, u ≠ w) through v, from the groups and countries alone. */
function countPairs(a: readonly number[], b: readonly number[], gv: number, group: ArrayLike<number>, country: ArrayLike<number>, touched: Set<number>): Counts {
  const hA = new Map<number, number>();
  const hB = new Map<number, number>();
  const cA = new Map<number, number>();
  const cB = new Map<number, number>();
  let knownA = 0;
  let knownB = 0;
  for (const u of a) {
    hA.set(group[u], (hA.get(group[u]) ?? 0) + 1);
    if (country[u] >= 0) cA.set(country[u], (cA.get(country[u]) ?? 0) + 1), knownA++;
  }
  for (const w of b) {
    hB.set(group[w], (hB.get(group[w]) ?? 0) + 1);
    if (country[w] >= 0) cB.set(country[w], (cB.get(country[w]) ?? 0) + 1), knownB++;
  }
  const a0 = hA.get(gv) ?? 0;
  const b0 = hB.get(gv) ?? 0;
  let itinerant = 0;
  for (const [g, x] of hA) if (g !== gv) itinerant += x * (hB.get(g) ?? 0);
  let sameCountry = 0;
  for (const [c, x] of cA) sameCountry += x * (cB.get(c) ?? 0);
  const counts: Counts = {
    coordinator: a0 * b0,
    itinerant,
    gatekeeper: (a.length - a0) * b0,
    representative: a0 * (b.length - b0),
    liaison: (a.length - a0) * (b.length - b0) - itinerant,
    crossBorder: knownA * knownB - sameCountry,
  };
  // A node both before and after v is not a path from itself to itself.
  const inB = new Set(b);
  for (const x of a) {
    if (!inB.has(x)) continue;
    if (group[x] === gv) counts.coordinator--;
    else counts.itinerant--;
  }
  if (b.length > 0) for (const [g] of hA) if (g !== gv) touched.add(g);
  if (a.length > 0) for (const [g] of hB) if (g !== gv) touched.add(g);
  return counts;
}

/**
 * Gould–Fernandez brokerage counts of every node. Cost: for each node v, the sum over its in-neighbours u of
 * (degree of u + out-degree of v); for a node with more than BROKERAGE_EXACT_PATHS paths, linear in its degree.
 */
export function brokerage(input: BrokerageInput): BrokerageResult {
  const { n, source, target, group, country, relevant } = input;
  const m = source.length;
  const scratch = { order: new Int32Array(m), count: new Int32Array(n + 1) };
  const out = adjacency(n, source, target, m, scratch);
  const inn = adjacency(n, target, source, m, scratch);

  const r = zeroBrokerage(n);
  const tied = new Int32Array(n).fill(-1);
  const touched = new Map<number, number>();
  for (let v = 0; v < n; v++) {
    const outStart = out.offsets[v];
    const outEnd = out.offsets[v + 1];
    if (outStart === outEnd) continue;
    const gv = group[v];
    touched.clear();
    if ((inn.offsets[v + 1] - inn.offsets[v]) * (outEnd - outStart) > (input.exactPaths ?? BROKERAGE_EXACT_PATHS)) {
      const before = Array.from(inn.targets.subarray(inn.offsets[v], inn.offsets[v + 1]));
      const after = Array.from(out.targets.subarray(outStart, outEnd));
      const seen = new Set<number>();
      const all = countPairs(before, after, gv, group, country, relevant === undefined ? seen : new Set());
      if (relevant !== undefined) {
        // Pairs with a relevant end: all pairs, less those with two irrelevant ends.
        const none = countPairs(
          before.filter((u) => relevant[u] === 0),
          after.filter((w) => relevant[w] === 0),
          gv,
          group,
          country,
          new Set(),
        );
        for (const k of Object.keys(all) as (keyof Counts)[]) all[k] -= none[k];
        countPairs(before.filter((u) => relevant[u] === 1), after, gv, group, country, seen);
        countPairs(before, after.filter((w) => relevant[w] === 1), gv, group, country, seen);
      }
      r.coordinator[v] = all.coordinator;
      r.itinerant[v] = all.itinerant;
      r.gatekeeper[v] = all.gatekeeper;
      r.representative[v] = all.representative;
      r.liaison[v] = all.liaison;
      r.crossBorder[v] = all.crossBorder;
      r.groupsBridged[v] = seen.size;
      continue;
    }
    const lookupAbove = (input.lookupAbove ?? BROKERAGE_LOOKUP_ABOVE) * (outEnd - outStart);
    for (let a = inn.offsets[v]; a < inn.offsets[v + 1]; a++) {
      const u = inn.targets[a];
      // Whom u is tied to, either way (marked twice when both: no merged list of both ways is made); a hub's ties are
      // looked up instead (BROKERAGE_LOOKUP_ABOVE).
      const lookup = out.offsets[u + 1] - out.offsets[u] + inn.offsets[u + 1] - inn.offsets[u] > lookupAbove;
      if (!lookup) {
        for (let b = out.offsets[u]; b < out.offsets[u + 1]; b++) tied[out.targets[b]] = u;
        for (let b = inn.offsets[u]; b < inn.offsets[u + 1]; b++) tied[inn.targets[b]] = u;
      }
      const gu = group[u];
      const cu = country[u];
      for (let b = outStart; b < outEnd; b++) {
        const w = out.targets[b];
        if (w === u || (lookup ? listHas(out, u, w) || listHas(inn, u, w) : tied[w] === u)) continue;
        if (relevant !== undefined && relevant[u] === 0 && relevant[w] === 0) continue;
        const gw = group[w];
        if (gu === gv && gw === gv) r.coordinator[v]++;
        else {
          if (gu === gw) r.itinerant[v]++;
          else if (gv === gw) r.gatekeeper[v]++;
          else if (gu === gv) r.representative[v]++;
          else r.liaison[v]++;
          if (gu !== gv) touched.set(gu, 1);
          if (gw !== gv) touched.set(gw, 1);
        }
        const cw = country[w];
        if (cu >= 0 && cw >= 0 && cu !== cw) r.crossBorder[v]++;
      }
    }
    r.groupsBridged[v] = touched.size;
  }
  return r;
}
