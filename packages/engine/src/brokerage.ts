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

function adjacency(n: number, from: ArrayLike<number>, to: ArrayLike<number>, m: number): { offsets: Int32Array; targets: Int32Array } {
  const offsets = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) offsets[from[e] + 1]++;
  for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
  const fill = offsets.slice(0, n);
  const targets = new Int32Array(m);
  for (let e = 0; e < m; e++) targets[fill[from[e]]++] = to[e];
  // Sorted, without repeats and self-loops, for a deterministic order and simple ties.
  const clean = new Int32Array(n + 1);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const list = Array.from(targets.subarray(offsets[i], offsets[i + 1])).sort((a, b) => a - b);
    clean[i] = k;
    let last = -1;
    for (const t of list) {
      if (t === last || t === i) continue;
      targets[k++] = t;
      last = t;
    }
  }
  clean[n] = k;
  return { offsets: clean, targets: targets.slice(0, k) };
}

/**
 * Gould–Fernandez brokerage counts of every node. Cost: for each node v, the sum over its in-neighbours u of
 * (degree of u + out-degree of v).
 */
export function brokerage(input: BrokerageInput): BrokerageResult {
  const { n, source, target, group, country, relevant } = input;
  const m = source.length;
  const out = adjacency(n, source, target, m);
  const inn = adjacency(n, target, source, m);
  // Undirected adjacency: is u tied to w in either direction?
  const both = new Int32Array(2 * m);
  const bothT = new Int32Array(2 * m);
  for (let e = 0; e < m; e++) {
    both[e] = source[e];
    bothT[e] = target[e];
    both[m + e] = target[e];
    bothT[m + e] = source[e];
  }
  const und = adjacency(n, both, bothT, 2 * m);

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
