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

/**
 * Each node's neighbours (`to` of the edges `from` it), ascending, without repeats and self-loops, for a deterministic
 * order and simple ties. The edges are ordered by `to` first (counting), then placed by `from` keeping that order, so
 * every list comes out sorted in time linear in the edges, without a sort per node.
 */
export function adjacency(n: number, from: ArrayLike<number>, to: ArrayLike<number>, m: number): { offsets: Int32Array; targets: Int32Array } {
  const byTo = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) byTo[to[e] + 1]++;
  for (let i = 0; i < n; i++) byTo[i + 1] += byTo[i];
  const order = new Int32Array(m);
  for (let e = 0; e < m; e++) order[byTo[to[e]]++] = e;
  const offsets = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) offsets[from[e] + 1]++;
  for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
  const fill = offsets.slice(0, n);
  const targets = new Int32Array(m);
  for (let k = 0; k < m; k++) {
    const e = order[k];
    targets[fill[from[e]]++] = to[e];
  }
  const clean = new Int32Array(n + 1);
  let k = 0;
  for (let i = 0; i < n; i++) {
    clean[i] = k;
    let last = -1;
    for (let j = offsets[i]; j < offsets[i + 1]; j++) {
      const t = targets[j];
      if (t === last || t === i) continue;
      targets[k++] = t;
      last = t;
    }
  }
  clean[n] = k;
  return { offsets: clean, targets: targets.slice(0, k) };
}

/**
 * The union of two adjacencies of `adjacency` (each list ascending, without repeats): each node's neighbours in
 * either, ascending, without repeats; the same lists as `adjacency` of the edges of both, merged in linear time.
 */
export function unionAdjacency(
  n: number,
  a: { offsets: Int32Array; targets: Int32Array },
  b: { offsets: Int32Array; targets: Int32Array },
): { offsets: Int32Array; targets: Int32Array } {
  const offsets = new Int32Array(n + 1);
  const targets = new Int32Array(a.targets.length + b.targets.length);
  let k = 0;
  for (let i = 0; i < n; i++) {
    offsets[i] = k;
    let x = a.offsets[i];
    const xEnd = a.offsets[i + 1];
    let y = b.offsets[i];
    const yEnd = b.offsets[i + 1];
    while (x < xEnd && y < yEnd) {
      const p = a.targets[x];
      const q = b.targets[y];
      if (p < q) (targets[k++] = p), x++;
      else if (q < p) (targets[k++] = q), y++;
      else (targets[k++] = p), x++, y++;
    }
    while (x < xEnd) targets[k++] = a.targets[x++];
    while (y < yEnd) targets[k++] = b.targets[y++];
  }
  offsets[n] = k;
  return { offsets, targets: targets.slice(0, k) };
}

/**
 * Above this many two-step paths through one node (in-degree × out-degree), its paths are counted from the groups
 * and countries of its neighbours, in time linear in its degree, without checking whether the two ends are tied to
 * each other: an upper bound of the open paths, exact when its neighbours are not tied among themselves. Hubs of
 * trade (a distributor with thousands of suppliers and buyers) are counted this way; everyone else exactly.
 */
export const BROKERAGE_EXACT_PATHS = 200_000;

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
  const out = adjacency(n, source, target, m);
  const inn = adjacency(n, target, source, m);
  // Undirected adjacency: is u tied to w in either direction?
  const und = unionAdjacency(n, out, inn);

  const r: BrokerageResult = {
    coordinator: new Float64Array(n),
    itinerant: new Float64Array(n),
    gatekeeper: new Float64Array(n),
    representative: new Float64Array(n),
    liaison: new Float64Array(n),
    crossBorder: new Float64Array(n),
    groupsBridged: new Int32Array(n),
  };
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
    for (let a = inn.offsets[v]; a < inn.offsets[v + 1]; a++) {
      const u = inn.targets[a];
      for (let b = und.offsets[u]; b < und.offsets[u + 1]; b++) tied[und.targets[b]] = u;
      const gu = group[u];
      const cu = country[u];
      for (let b = outStart; b < outEnd; b++) {
        const w = out.targets[b];
        if (w === u || tied[w] === u) continue;
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
