import { countWords, type OnStep } from './progress';
import type { UndirectedCSR } from './csr';
import { seededRandom } from './random';

/*
 * Modularity-maximising community detection on the typed arrays of an UndirectedCSR: Louvain
 * (Blondel et al. 2008) with the improvements of Leiden (Traag, Waltman & van Eck 2019, "From Louvain
 * to Leiden: guaranteeing well-connected communities").
 *
 * Before anything else, vertex following: with γ ≤ 1 every node of degree 1 is folded into its
 * neighbour (it belongs with it in every optimal partition). Then each pass repeats, level by level:
 *  1. fast local moving: nodes are visited from a queue (all nodes, in seeded random order); a node
 *     moves to the neighbouring community (or an empty one) with the largest modularity gain, and
 *     its neighbours outside that community are queued again. Ends when the queue is empty.
 *  2. refinement (`refine`, default on): inside every community, starting from singletons, well
 *     connected nodes merge into well connected sub-communities with a non-negative gain
 *     (randomised, strongly favouring the largest gain). This guarantees connected communities and
 *     lets later levels move parts of a community elsewhere, which plain Louvain never does.
 *  3. aggregation: a new CSR with one node per (refined) community; its initial partition is the
 *     unrefined one, so the level starts where the previous one ended.
 * The levels end when every community is a single node (or after `maxLevels`). Passes then repeat on
 * the original graph, starting from the previous partition (so every node gets single-node moves again
 * and the refinement another chance), while a pass raises modularity by more than `tolerance`.
 *
 * With `refine: false` it is plain Louvain (aggregating the communities themselves, starting each
 * level from singletons) with the same queue-based moving, vertex following and repeated passes.
 * Everything is iterative and works on Int32Array/Float64Array; all randomness comes from seededRandom.
 */

export interface LouvainOptions {
  /** Seed of every random choice (node order, refinement). The same graph and seed give the same result. */
  seed?: number;
  /** Resolution γ of modularity: above 1 gives more, smaller communities. */
  resolution?: number;
  /** Max levels (graphs nodes are moved on, the original one included) per pass. */
  maxLevels?: number;
  /** Leiden refinement on/off. */
  refine?: boolean;
  /**
   * Another pass runs while the last one raised modularity by more than this. The default, 1e-2, gives
   * two passes on most graphs (like leidenalg's default of two iterations); 0 runs until a pass gains nothing.
   */
  tolerance?: number;
  /** Called after each level of each pass, with the number of communities so far (for a caller that shows progress). */
  onStep?: OnStep;
}

export const LOUVAIN_DEFAULTS: Required<Omit<LouvainOptions, 'onStep'>> = {
  seed: 1,
  resolution: 1,
  maxLevels: 100,
  refine: true,
  tolerance: 1e-2,
};

export interface LouvainResult {
  /** Community of each node, 0..count-1, numbered by first appearance in node order. */
  community: Int32Array;
  count: number;
  /** Newman modularity (at the requested resolution) of `community`. */
  modularity: number;
  /** The most levels any pass used (1 = no aggregation was needed). */
  levels: number;
}

/** Hard cap on passes; in practice a handful are enough (each pass only ever raises modularity). */
const MAX_PASSES = 50;
/** Randomness of the refinement step (Leiden's θ), in units of the mean edge weight (so scaling all weights changes nothing). */
const THETA = 0.01;

/** One level: a weighted undirected graph without self-loops plus node strengths (self-loop weight folded in). */
interface Level {
  n: number;
  offsets: Int32Array;
  targets: Int32Array;
  weights: Float64Array;
  /** Strength of each node: weighted degree on the original graph, summed over members. */
  strength: Float64Array;
}

/**
 * Scratch arrays sized for the original graph, reused by every level (levels only shrink).
 * (Each hot loop lives in its own small function below: V8 then optimises every loop with complete type
 * feedback instead of repeatedly deoptimising one big function on its first calls.)
 */
interface Scratch {
  /** Position of a community in `list`, or -1. */
  pos: Int32Array;
  list: Int32Array;
  acc: Float64Array;
  weight: Float64Array;
  queue: Int32Array;
  flag: Uint8Array;
  order: Int32Array;
  size: Int32Array;
  empty: Int32Array;
  total: Float64Array;
  /**
   * Where an aggregation collapses the edges before they are cut to their number (kept for the next one, grown
   * when too small): new typed arrays are memory V8 counts as external, and at a million entities every 64 MB of it
   * starts a full collection of the whole heap.
   */
  edgeTargets?: Int32Array;
  edgeWeights?: Float64Array;
}

/**
 * Newman modularity of a partition: Σ_c [ in_c / 2m − γ (K_c / 2m)² ], with in_c twice the internal edge
 * weight of c and K_c its total strength (as networkx and igraph compute it). 0 for a graph without edges.
 * Community labels are any non-negative integers.
 */
export function modularityCSR(csr: UndirectedCSR, community: Int32Array, resolution = 1): number {
  const n = csr.n;
  if (community.length !== n) throw new RangeError(`community has ${community.length} entries for ${n} nodes`);
  let labels = community;
  let maxC = maxLabel(community, n);
  if (maxC >= 2 * n + 1024) {
    labels = compactLabels(community, n); // sparse labels: keep the per-community array small
    maxC = maxLabel(labels, n);
  }
  const strength = new Float64Array(maxC + 1);
  const inside = communityStrengths(csr, labels, strength);
  const total = sumOf(strength);
  if (total === 0) return 0;
  return inside / total - (resolution * sumOfSquares(strength)) / (total * total);
}

function maxLabel(labels: Int32Array, n: number): number {
  let max = -1;
  for (let i = 0; i < n; i++) {
    const c = labels[i];
    if (c < 0) throw new RangeError(`negative community ${c} at node ${i}`);
    if (c > max) max = c;
  }
  return max;
}

function compactLabels(labels: Int32Array, n: number): Int32Array {
  const ids = new Map<number, number>();
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let id = ids.get(labels[i]);
    if (id === undefined) ids.set(labels[i], (id = ids.size));
    out[i] = id;
  }
  return out;
}

/** Adds each node's strength to its community in `strength`; returns the weight inside communities (both directions). */
function communityStrengths(csr: UndirectedCSR, labels: Int32Array, strength: Float64Array): number {
  const { n, offsets, targets, weights } = csr;
  let inside = 0;
  for (let i = 0; i < n; i++) {
    const c = labels[i];
    let k = 0;
    for (let e = offsets[i]; e < offsets[i + 1]; e++) {
      const w = weights[e];
      k += w;
      if (labels[targets[e]] === c) inside += w;
    }
    strength[c] += k;
  }
  return inside;
}

function sumOf(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}

function sumOfSquares(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * a[i];
  return s;
}

/**
 * Communities of maximal modularity: Louvain with Leiden's refinement, fast local moving and repeated
 * passes, plus vertex following of degree-1 nodes (see the comment at the top of this file). Weighted
 * (`csr.weights`, non-negative); isolated nodes stay alone; a graph without edges gives every node its own
 * community and modularity 0. Deterministic: the same graph and seed give the same result.
 */
export function louvainCSR(csr: UndirectedCSR, options: LouvainOptions = {}): LouvainResult {
  const seed = options.seed ?? LOUVAIN_DEFAULTS.seed;
  const gamma = options.resolution ?? LOUVAIN_DEFAULTS.resolution;
  const maxLevels = Math.max(1, options.maxLevels ?? LOUVAIN_DEFAULTS.maxLevels);
  const refine = options.refine ?? LOUVAIN_DEFAULTS.refine;
  const tolerance = options.tolerance ?? LOUVAIN_DEFAULTS.tolerance;
  if (!(gamma >= 0) || !Number.isFinite(gamma)) throw new RangeError(`resolution must be a finite number >= 0, got ${gamma}`);

  const n = csr.n;
  const strength = nodeStrengths(csr);
  const total = sumOf(strength); // 2m
  if (total === 0) {
    const community = new Int32Array(n);
    identity(community, n);
    return { community, count: n, modularity: 0, levels: n > 0 ? 1 : 0 };
  }

  const rng = seededRandom(seed);
  const theta = (THETA * total) / csr.offsets[n]; // θ times the mean edge weight
  const scratch: Scratch = {
    pos: new Int32Array(n).fill(-1),
    list: new Int32Array(n),
    acc: new Float64Array(n),
    weight: new Float64Array(n),
    queue: new Int32Array(n),
    flag: new Uint8Array(n),
    order: new Int32Array(n),
    size: new Int32Array(n),
    empty: new Int32Array(n),
    total: new Float64Array(n),
  };

  // Vertex following: with γ ≤ 1 a node whose only edge (of positive weight) goes to u belongs with u in
  // every optimal partition (joining u's community gains at least w·(1 − γ(2m − w)/2m) > 0), so it is
  // folded into u once, before any pass. `baseOf` maps original nodes to nodes of the base level.
  let base: Level = { n, offsets: csr.offsets, targets: csr.targets, weights: csr.weights, strength };
  let baseOf: Int32Array | null = null;
  if (gamma <= 1) {
    const follow = new Int32Array(n);
    if (followLeaves(csr, follow) > 0) {
      const count = renumber(follow, n, scratch.pos);
      base = aggregate(base, follow, count, scratch);
      baseOf = follow;
    }
  }
  const nb = base.n;

  let partition = new Int32Array(nb); // partition of the base level
  identity(partition, nb);
  let levels = 0;
  let steps = 0;
  const top = new Int32Array(nb); // node of the current level that holds each base node

  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let level = base;
    let comm = partition;
    identity(top, nb);
    let depth = 0;
    let gain = 0; // modularity gain of this pass, times m
    for (;;) {
      gain += moveNodes(level, comm, gamma, total, rng, scratch);
      depth++;
      const count = renumber(comm, level.n, scratch.pos);
      steps++;
      options.onStep?.({ done: steps, words: `pass ${pass + 1}, level ${depth}: ${countWords(count, 'community', 'communities')} of ${countWords(n, 'entity', 'entities')}` });
      if (count === level.n || depth >= maxLevels) break;
      let groups = comm;
      let groupCount = count;
      if (refine) {
        groups = refinePartition(level, comm, gamma, total, theta, rng, scratch);
        groupCount = renumber(groups, level.n, scratch.pos);
        if (groupCount === level.n) break; // nothing merged: aggregation would not shrink the graph
      }
      const next = aggregate(level, groups, groupCount, scratch);
      gather(top, groups, top, nb);
      // Initial partition of the aggregate: the (unrefined) community of each group, or singletons.
      const nextComm = new Int32Array(groupCount);
      if (refine) scatter(nextComm, groups, comm, level.n);
      else identity(nextComm, groupCount);
      level = next;
      comm = nextComm;
    }
    if (depth > levels) levels = depth;
    if (comm !== partition) {
      const result = new Int32Array(nb);
      gather(result, comm, top, nb);
      partition = result;
    }
    if (!((2 * gain) / total > tolerance)) break;
  }

  let community = partition;
  if (baseOf !== null) {
    community = baseOf;
    gather(community, partition, baseOf, n);
  }
  const count = renumber(community, n, scratch.pos);
  return { community, count, modularity: modularityCSR(csr, community, gamma), levels };
}

/** Weighted degree of every node; rejects negative, infinite and NaN weights. */
function nodeStrengths(csr: UndirectedCSR): Float64Array {
  const { n, offsets, weights } = csr;
  const strength = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let k = 0;
    for (let e = offsets[i]; e < offsets[i + 1]; e++) {
      const w = weights[e];
      if (!(w >= 0) || w === Infinity) throw new RangeError(`edge weights must be finite and >= 0, got ${w}`);
      k += w;
    }
    strength[i] = k;
  }
  return strength;
}

/**
 * Vertex following: `follow[v]` = the only neighbour of v when v has exactly one edge (positive weight),
 * else v; of two nodes joined only to each other, the larger follows the smaller. Returns how many follow.
 */
function followLeaves(csr: UndirectedCSR, follow: Int32Array): number {
  const { n, offsets, targets, weights } = csr;
  let folded = 0;
  for (let v = 0; v < n; v++) {
    follow[v] = v;
    const e = offsets[v];
    if (offsets[v + 1] - e !== 1 || !(weights[e] > 0)) continue;
    const u = targets[e];
    if (offsets[u + 1] - offsets[u] !== 1 || u < v) {
      follow[v] = u;
      folded++;
    }
  }
  return folded;
}

function identity(a: Int32Array, n: number): void {
  for (let i = 0; i < n; i++) a[i] = i;
}

/** dst[i] = src[index[i]] for i < n (dst may be index). */
function gather(dst: Int32Array, src: Int32Array, index: Int32Array, n: number): void {
  for (let i = 0; i < n; i++) dst[i] = src[index[i]];
}

/** dst[index[i]] = src[i] for i < n. */
function scatter(dst: Int32Array, index: Int32Array, src: Int32Array, n: number): void {
  for (let i = 0; i < n; i++) dst[index[i]] = src[i];
}

/** Shuffles 0..n-1 into `order` (Fisher–Yates). */
function shuffle(order: Int32Array, n: number, rng: () => number): void {
  identity(order, n);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
}

/**
 * Renumbers `labels[0..n)` in place to 0..count-1 by first appearance; labels must lie in 0..n-1.
 * `pos` is scratch that is -1 on entry and on exit.
 */
function renumber(labels: Int32Array, n: number, pos: Int32Array): number {
  let count = 0;
  for (let i = 0; i < n; i++) {
    const c = labels[i];
    let id = pos[c];
    if (id < 0) {
      id = count++;
      pos[c] = id;
    }
    labels[i] = id;
  }
  pos.fill(-1, 0, n);
  return count;
}

/** size[c] = members of community c, K[c] = their total strength, for c < n. */
function communityTotals(comm: Int32Array, strength: Float64Array, n: number, size: Int32Array, K: Float64Array): void {
  size.fill(0, 0, n);
  K.fill(0, 0, n);
  for (let v = 0; v < n; v++) {
    const c = comm[v];
    size[c]++;
    K[c] += strength[v];
  }
}

/** Pushes every community label < n without members onto `empty`; returns the stack height. */
function emptyCommunities(size: Int32Array, n: number, empty: Int32Array): number {
  let top = 0;
  for (let c = n - 1; c >= 0; c--) if (size[c] === 0) empty[top++] = c;
  return top;
}

/**
 * Leiden's fast local moving on one level, in place on `comm` (labels in 0..n-1). Returns the modularity
 * gain times m: moving v from a to b changes modularity by
 * ([w(v,b) − γ k_v K_b / 2m] − [w(v,a\v) − γ k_v K_{a\v} / 2m]) / m.
 */
function moveNodes(level: Level, comm: Int32Array, gamma: number, total: number, rng: () => number, s: Scratch): number {
  const n = level.n;
  communityTotals(comm, level.strength, n, s.size, s.total);
  const emptyTop = emptyCommunities(s.size, n, s.empty);
  shuffle(s.queue, n, rng);
  s.flag.fill(1, 0, n);
  return moveQueue(level, comm, gamma / total, emptyTop, s);
}

/** The queue loop of {@link moveNodes}: `s.queue` holds all n nodes, all flagged as queued. */
function moveQueue(level: Level, comm: Int32Array, scale: number, emptyTop: number, s: Scratch): number {
  const { n, offsets, targets, weights, strength } = level;
  const { pos, list, acc, queue, flag: queued, size, empty, total: K } = s;
  let head = 0;
  let pending = n;
  let gain = 0;
  while (pending > 0) {
    const v = queue[head];
    head = head + 1 === n ? 0 : head + 1;
    pending--;
    queued[v] = 0;
    const kv = strength[v];
    const from = comm[v];
    // Weights from v to each neighbouring community.
    let listed = 0;
    for (let e = offsets[v]; e < offsets[v + 1]; e++) {
      const c = comm[targets[e]];
      const p = pos[c];
      if (p < 0) {
        pos[c] = listed;
        list[listed] = c;
        acc[listed++] = weights[e];
      } else acc[p] += weights[e];
    }
    K[from] -= kv;
    size[from]--;
    const pFrom = pos[from];
    const stay = (pFrom < 0 ? 0 : acc[pFrom]) - scale * kv * K[from];
    let best = from;
    let bestGain = stay;
    const eps = 1e-12 * (kv + 1e-300);
    for (let i = 0; i < listed; i++) {
      const c = list[i];
      pos[c] = -1;
      if (c === from) continue;
      const g = acc[i] - scale * kv * K[c];
      if (g > bestGain + eps) {
        bestGain = g;
        best = c;
      }
    }
    if (best === from && size[from] > 0 && bestGain < -eps) {
      // Alone is better than anywhere else: take an empty community.
      best = empty[--emptyTop];
      bestGain = 0;
    }
    K[best] += kv;
    size[best]++;
    if (best !== from) {
      if (size[from] === 0) empty[emptyTop++] = from;
      comm[v] = best;
      gain += bestGain - stay;
      for (let e = offsets[v]; e < offsets[v + 1]; e++) {
        const u = targets[e];
        if (queued[u] === 0 && comm[u] !== best) {
          queued[u] = 1;
          let tail = head + pending;
          if (tail >= n) tail -= n;
          queue[tail] = u;
          pending++;
        }
      }
    }
  }
  return gain;
}

/** external[v] = weight from v to the other members of its community. */
function internalWeights(level: Level, comm: Int32Array, external: Float64Array): void {
  const { n, offsets, targets, weights } = level;
  for (let v = 0; v < n; v++) {
    const c = comm[v];
    let w = 0;
    for (let e = offsets[v]; e < offsets[v + 1]; e++) if (comm[targets[e]] === c) w += weights[e];
    external[v] = w;
  }
}

/**
 * Leiden refinement: inside each community of `comm`, merge singletons into well connected
 * sub-communities. Returns the refined labels (not renumbered; values in 0..n-1).
 */
function refinePartition(
  level: Level,
  comm: Int32Array,
  gamma: number,
  total: number,
  theta: number,
  rng: () => number,
  s: Scratch,
): Int32Array {
  const n = level.n;
  const refined = new Int32Array(n);
  identity(refined, n);
  const rStrength = level.strength.slice(0, n); // strength of each refined community
  const rExternal = new Float64Array(n); // weight from a refined community to the rest of its community
  internalWeights(level, comm, rExternal);
  communityTotals(comm, level.strength, n, s.empty, s.total); // (s.empty only as a size scratch here)
  s.size.fill(1, 0, n);
  shuffle(s.order, n, rng);
  mergeSingletons(level, comm, gamma / total, theta, rng, s, refined, rStrength, rExternal);
  return refined;
}

/** The main loop of {@link refinePartition}. */
function mergeSingletons(
  level: Level,
  comm: Int32Array,
  scale: number,
  theta: number,
  rng: () => number,
  s: Scratch,
  refined: Int32Array,
  rStrength: Float64Array,
  rExternal: Float64Array,
): void {
  const { n, offsets, targets, weights, strength } = level;
  const { pos, list, acc, order, size, weight, total: K } = s;
  for (let i = 0; i < n; i++) {
    const v = order[i];
    if (refined[v] !== v || size[v] !== 1) continue; // only singletons move
    const c = comm[v];
    const kv = strength[v];
    const Kc = K[c];
    if (rExternal[v] < scale * kv * (Kc - kv) - 1e-12 * kv) continue; // v not well connected to its community
    let listed = 0;
    for (let e = offsets[v]; e < offsets[v + 1]; e++) {
      const u = targets[e];
      if (comm[u] !== c) continue;
      const r = refined[u];
      const p = pos[r];
      if (p < 0) {
        pos[r] = listed;
        list[listed] = r;
        acc[listed++] = weights[e];
      } else acc[p] += weights[e];
    }
    // Candidates: well-connected refined communities with a non-negative gain. Staying alone gains 0.
    let maxGain = 0;
    let candidates = 0;
    for (let j = 0; j < listed; j++) {
      const r = list[j];
      pos[r] = -1;
      const kr = rStrength[r];
      if (rExternal[r] < scale * kr * (Kc - kr) - 1e-12 * kr) continue; // r not well connected
      const w = acc[j];
      const g = w - scale * kv * kr;
      if (g >= 0) {
        list[candidates] = r;
        weight[candidates] = w;
        acc[candidates++] = g;
        if (g > maxGain) maxGain = g;
      }
    }
    if (candidates === 0) continue;
    // Choose r with probability ∝ exp(gain / θ), staying alone (gain 0) included, as in Leiden.
    // Terms below exp(-50) relative to the best are dropped.
    const cut = maxGain - 50 * theta;
    const stayP = cut > 0 ? 0 : Math.exp(-maxGain / theta);
    let sum = stayP;
    for (let j = 0; j < candidates; j++) {
      const g = acc[j];
      const p = g < cut ? 0 : Math.exp((g - maxGain) / theta);
      acc[j] = p;
      sum += p;
    }
    let x = rng() * sum - stayP;
    if (x < 0) continue; // stays alone
    let chosen = -1;
    let wChosen = 0;
    for (let j = 0; j < candidates; j++) {
      if (acc[j] === 0) continue;
      chosen = list[j];
      wChosen = weight[j];
      x -= acc[j];
      if (x < 0) break;
    }
    if (chosen < 0) continue;
    refined[v] = chosen;
    size[v] = 0;
    size[chosen]++;
    rStrength[chosen] += kv;
    rExternal[chosen] += rExternal[v] - 2 * wChosen;
  }
}

/** Members of each group (labels 0..count-1), grouped by counting sort: group g is members[start[g] .. start[g+1]). */
function groupMembers(groups: Int32Array, n: number, count: number): { start: Int32Array; members: Int32Array } {
  const start = new Int32Array(count + 1);
  countInto(start, groups, n);
  prefixSums(start, count);
  const members = new Int32Array(n);
  place(members, groups, start.slice(0, count), n);
  return { start, members };
}

/** start[g + 1] = number of v < n with groups[v] = g. */
function countInto(start: Int32Array, groups: Int32Array, n: number): void {
  for (let v = 0; v < n; v++) start[groups[v] + 1]++;
}

function prefixSums(a: Int32Array, count: number): void {
  for (let g = 0; g < count; g++) a[g + 1] += a[g];
}

/** members[fill[groups[v]]++] = v, in node order. */
function place(members: Int32Array, groups: Int32Array, fill: Int32Array, n: number): void {
  for (let v = 0; v < n; v++) members[fill[groups[v]]++] = v;
}

/**
 * Collapses `level` by `groups` (labels 0..count-1): one node per group, edge weights summed, internal
 * edges dropped (their weight stays in the strengths).
 */
function aggregate(level: Level, groups: Int32Array, count: number, s: Scratch): Level {
  const { start, members } = groupMembers(groups, level.n, count);
  const m = level.offsets[level.n];
  if (s.edgeTargets === undefined || s.edgeTargets.length < m) {
    s.edgeTargets = new Int32Array(m);
    s.edgeWeights = new Float64Array(m);
  }
  const next: Level = {
    n: count,
    offsets: new Int32Array(count + 1),
    targets: s.edgeTargets,
    weights: s.edgeWeights!,
    strength: new Float64Array(count),
  };
  const p = collapseEdges(level, groups, start, members, next, s);
  next.targets = next.targets.slice(0, p);
  next.weights = next.weights.slice(0, p);
  return next;
}

/** The main loop of {@link aggregate}: fills `next` and returns its number of edge entries. */
function collapseEdges(level: Level, groups: Int32Array, start: Int32Array, members: Int32Array, next: Level, s: Scratch): number {
  const { offsets, targets, weights, strength } = level;
  const { pos, list, acc } = s;
  const { n: count, offsets: newOffsets, targets: newTargets, weights: newWeights, strength: newStrength } = next;
  let p = 0;
  for (let g = 0; g < count; g++) {
    newOffsets[g] = p;
    let listed = 0;
    let k = 0;
    for (let j = start[g]; j < start[g + 1]; j++) {
      const v = members[j];
      k += strength[v];
      for (let e = offsets[v]; e < offsets[v + 1]; e++) {
        const h = groups[targets[e]];
        if (h === g) continue;
        const q = pos[h];
        if (q < 0) {
          pos[h] = listed;
          list[listed] = h;
          acc[listed++] = weights[e];
        } else acc[q] += weights[e];
      }
    }
    newStrength[g] = k;
    for (let i = 0; i < listed; i++) {
      pos[list[i]] = -1;
      newTargets[p] = list[i];
      newWeights[p++] = acc[i];
    }
  }
  newOffsets[count] = p;
  return p;
}
