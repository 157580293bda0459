import type { OnStep } from './progress';
/**
 * Supply chokepoints on the directed shipment graph: max-flow / min-cut (Dinic), minimum vertex
 * cuts by node splitting, dominators (Cooper–Harvey–Kennedy), and a disruption simulation.
 * All on typed arrays; pure: arrays in, plain data out.
 */

import { EngineInputError } from './errors';
import { largeFloat64Array, largeInt32Array, largeUint8Array } from './arrays';

/**
 * The most the capacities of a flow graph may add up to (about 1.1e307, a sixteenth of the largest double): below
 * it, every flow, residual and per-node sum stays finite. Supply chokepoints stay far below it (their shipments add
 * up to at most MAX_TOTAL each in kg and in value).
 */
export const MAX_CAPACITY_TOTAL = Number.MAX_VALUE / 16;

/** EngineInputError unless every capacity is a finite number of 0 or more and they add up to at most MAX_CAPACITY_TOTAL. */
function checkCapacities(capacity: Float64Array): void {
  let total = 0;
  for (let e = 0; e < capacity.length; e++) {
    const c = capacity[e];
    if (!(c >= 0) || c === Infinity) throw new EngineInputError(`the capacity of flow edge ${e} is ${c}: capacities must be finite numbers of 0 or more`);
    total += c;
  }
  if (!(total <= MAX_CAPACITY_TOTAL)) throw new EngineInputError(`the capacities of the flow graph add up to ${total}, more than a maximum flow can be computed for (${MAX_CAPACITY_TOTAL})`);
}

/** A directed graph with capacities, built once from edge lists. Node ids are 0..n-1. */
export interface DirectedFlowGraph {
  n: number;
  source: Int32Array;
  target: Int32Array;
  /** One capacity per edge (for example kilograms, or invoice value). */
  capacity: Float64Array;
}

/** Dinic's max-flow on a residual network stored in flat arrays (no recursion). */
class Dinic {
  private head: Int32Array;
  private nxt: Int32Array;
  private to: Int32Array;
  readonly cap: Float64Array;
  private level: Int32Array;
  private iter: Int32Array;
  /** Work arrays of the searches, allocated once per network (not once per phase). */
  private queue: Int32Array;
  private path: Int32Array;
  private m = 0;

  constructor(
    readonly n: number,
    maxEdges: number,
  ) {
    this.head = largeInt32Array(n).fill(-1);
    this.nxt = largeInt32Array(2 * maxEdges);
    this.to = largeInt32Array(2 * maxEdges);
    this.cap = largeFloat64Array(2 * maxEdges);
    this.level = largeInt32Array(n);
    this.iter = largeInt32Array(n);
    this.queue = largeInt32Array(n);
    this.path = largeInt32Array(n);
  }

  /** Adds u → v with capacity c; returns the index of the forward arc (its reverse is index ^ 1). */
  add(u: number, v: number, c: number): number {
    const e = this.m;
    this.to[e] = v;
    this.cap[e] = c;
    this.nxt[e] = this.head[u];
    this.head[u] = e;
    this.to[e + 1] = u;
    this.cap[e + 1] = 0;
    this.nxt[e + 1] = this.head[v];
    this.head[v] = e + 1;
    this.m += 2;
    return e;
  }

  /** Removes every arc, keeping the arrays: the network is empty again, ready for another flow. */
  clear(): void {
    this.head.fill(-1);
    this.m = 0;
  }

  private bfs(s: number, t: number): boolean {
    const { level, head, nxt, to, cap, queue } = this;
    level.fill(-1);
    let qh = 0;
    let qt = 0;
    queue[qt++] = s;
    level[s] = 0;
    while (qh < qt) {
      const u = queue[qh++];
      for (let e = head[u]; e !== -1; e = nxt[e]) {
        if (cap[e] > 1e-12 && level[to[e]] < 0) {
          level[to[e]] = level[u] + 1;
          queue[qt++] = to[e];
        }
      }
    }
    return level[t] >= 0;
  }

  /** One blocking flow, by an explicit-stack depth-first search along the level graph. */
  private blocking(s: number, t: number): number {
    const { level, iter, head, nxt, to, cap, path } = this; // path: the arcs on the current path
    for (let i = 0; i < this.n; i++) iter[i] = head[i];
    let total = 0;
    for (;;) {
      let depth = 0;
      let u = s;
      let found = false;
      while (true) {
        if (u === t) {
          found = true;
          break;
        }
        let e = iter[u];
        while (e !== -1 && !(cap[e] > 1e-12 && level[to[e]] === level[u] + 1)) e = nxt[e];
        iter[u] = e;
        if (e === -1) {
          if (depth === 0) break;
          level[u] = -1; // dead end: never come back
          depth--;
          u = to[path[depth] ^ 1];
          iter[u] = nxt[iter[u]];
          continue;
        }
        path[depth++] = e;
        u = to[e];
      }
      if (!found) break;
      let push = Infinity;
      for (let i = 0; i < depth; i++) if (cap[path[i]] < push) push = cap[path[i]];
      for (let i = 0; i < depth; i++) {
        cap[path[i]] -= push;
        cap[path[i] ^ 1] += push;
      }
      total += push;
    }
    return total;
  }

  maxFlow(s: number, t: number): number {
    let flow = 0;
    while (this.bfs(s, t)) flow += this.blocking(s, t);
    return flow;
  }

  /** Nodes reachable from s in the residual network (the source side of a minimum cut). */
  reachable(s: number): Uint8Array {
    const seen = largeUint8Array(this.n);
    const stack = [s];
    seen[s] = 1;
    while (stack.length > 0) {
      const u = stack.pop()!;
      for (let e = this.head[u]; e !== -1; e = this.nxt[e]) {
        if (this.cap[e] > 1e-12 && !seen[this.to[e]]) {
          seen[this.to[e]] = 1;
          stack.push(this.to[e]);
        }
      }
    }
    return seen;
  }
}

export interface FlowResult {
  /** Total flow from the sources to the targets. */
  value: number;
  /** Flow on each input edge. */
  edgeFlow: Float64Array;
  /** Flow passing through each node (into it; for sources, out of it). */
  nodeFlow: Float64Array;
  /** Input edges crossing a minimum cut (saturated, from the source side to the other). */
  cutEdges: number[];
}

/**
 * Maximum flow from a set of sources to a set of targets (through a super source and super sink),
 * with a minimum edge cut. `removed` nodes carry nothing. Throws EngineInputError when a capacity is not a finite
 * number of 0 or more, or the capacities add up to more than MAX_CAPACITY_TOTAL (the flow could not be added up).
 */
export function maxFlow(g: DirectedFlowGraph, sources: ArrayLike<number>, targets: ArrayLike<number>, removed?: Uint8Array): FlowResult {
  const { n, source, target, capacity } = g;
  checkCapacities(capacity);
  const S = n;
  const T = n + 1;
  const d = new Dinic(n + 2, source.length + sources.length + targets.length);
  const arcs = largeInt32Array(source.length).fill(-1);
  for (let e = 0; e < source.length; e++) {
    if (removed && (removed[source[e]] || removed[target[e]])) continue;
    if (capacity[e] > 0 && source[e] !== target[e]) arcs[e] = d.add(source[e], target[e], capacity[e]);
  }
  const isTarget = largeUint8Array(n);
  for (let i = 0; i < targets.length; i++) isTarget[targets[i]] = 1;
  for (let i = 0; i < sources.length; i++) if (!(removed && removed[sources[i]]) && !isTarget[sources[i]]) d.add(S, sources[i], Infinity);
  for (let i = 0; i < targets.length; i++) if (!(removed && removed[targets[i]])) d.add(targets[i], T, Infinity);
  const value = d.maxFlow(S, T);
  const edgeFlow = largeFloat64Array(source.length);
  const inflow = largeFloat64Array(n);
  const outflow = largeFloat64Array(n);
  const side = d.reachable(S);
  const cutEdges: number[] = [];
  for (let e = 0; e < source.length; e++) {
    if (arcs[e] < 0) continue;
    const f = d.cap[arcs[e] ^ 1];
    edgeFlow[e] = f;
    inflow[target[e]] += f;
    outflow[source[e]] += f;
    if (side[source[e]] && !side[target[e]]) cutEdges.push(e);
  }
  // Through a node: what enters it, or for a source what leaves it.
  const nodeFlow = largeFloat64Array(n);
  for (let v = 0; v < n; v++) nodeFlow[v] = Math.max(inflow[v], outflow[v]);
  return { value, edgeFlow, nodeFlow, cutEdges };
}

/**
 * One flow graph, sources and targets, for many maximum flows with nodes removed (the supply chokepoints' loss of
 * flow per entity and the disruption simulation), each giving what `maxFlow` gives, bit for bit, at a fraction of the
 * work.
 *
 * Only nodes reachable from a source and able to reach a target (over edges of positive capacity) can carry flow,
 * and no other node changes what Dinic's algorithm does: a node the sources cannot reach is never given a level; a
 * node that cannot reach a target only ever leads to other such nodes, so the search enters it, finds a dead end and
 * goes on with the next arc, changing no capacity; and the breadth-first levels of the other nodes are their distances
 * from the super source, which no path through such a node shortens. So the network keeps only the edges between
 * nodes that can carry flow, in their input order, renumbered densely: every augmenting path is found in the same
 * order and every push is the same number, and the flow adds up to the same double. Removing nodes, or taking a target
 * out of the targets, only shrinks the set of nodes that can carry flow, so one network built for all the sources and
 * targets serves every such variant. The arrays of the search are allocated once and reused.
 */
export class FlowNetwork {
  /** Nodes that can carry flow, as input node numbers; `local[v]` is v's number in the network (-1: left out). */
  private readonly nodes: Int32Array;
  private readonly local: Int32Array;
  /** The kept edges, as input edge numbers, in input order. */
  private readonly edges: Int32Array;
  private readonly dinic: Dinic;
  private readonly isTarget: Uint8Array;
  /** Work arrays kept between runs: each edge's arc in the last run, and the outflow of each node. */
  private arcs: Int32Array | undefined;
  private outflow: Float64Array | undefined;

  constructor(
    private readonly g: DirectedFlowGraph,
    private readonly sources: ArrayLike<number>,
    private readonly targets: ArrayLike<number>,
  ) {
    const { n, source, target, capacity } = g;
    checkCapacities(capacity);
    const usable = (e: number) => capacity[e] > 0 && source[e] !== target[e];
    const { offsets: outFrom, targets: outTo } = outAdjacency(n, source, target);
    const { offsets: inFrom, targets: inTo } = outAdjacency(n, target, source);
    // Edge numbers along the adjacency lists, to test capacities (outAdjacency keeps input order per node).
    const outEdge = edgeOrder(n, source);
    const inEdge = edgeOrder(n, target);
    const search = (starts: ArrayLike<number>, from: Int32Array, to: Int32Array, edgeAt: Int32Array): Uint8Array => {
      const seen = largeUint8Array(n);
      const stack = largeInt32Array(n);
      let sp = 0;
      for (let i = 0; i < starts.length; i++) {
        if (!seen[starts[i]]) {
          seen[starts[i]] = 1;
          stack[sp++] = starts[i];
        }
      }
      while (sp > 0) {
        const u = stack[--sp];
        for (let k = from[u]; k < from[u + 1]; k++) {
          const v = to[k];
          if (!seen[v] && usable(edgeAt[k])) {
            seen[v] = 1;
            stack[sp++] = v;
          }
        }
      }
      return seen;
    };
    // Every source counts as a start (a source that is also a target may lose its target role in a variant).
    const forward = search(sources, outFrom, outTo, outEdge);
    const backward = search(targets, inFrom, inTo, inEdge);
    this.local = largeInt32Array(n).fill(-1);
    const nodes: number[] = [];
    for (let v = 0; v < n; v++) if (forward[v] && backward[v]) this.local[v] = nodes.push(v) - 1;
    this.nodes = Int32Array.from(nodes);
    const edges: number[] = [];
    for (let e = 0; e < source.length; e++) if (usable(e) && this.local[source[e]] >= 0 && this.local[target[e]] >= 0) edges.push(e);
    this.edges = Int32Array.from(edges);
    this.isTarget = largeUint8Array(n);
    for (let i = 0; i < targets.length; i++) this.isTarget[targets[i]] = 1;
    this.dinic = new Dinic(nodes.length + 2, edges.length + sources.length + targets.length);
  }

  /** How many nodes and edges can carry flow. */
  get size(): { nodes: number; edges: number } {
    return { nodes: this.nodes.length, edges: this.edges.length };
  }

  /**
   * Runs the flow with `removed` nodes (by input number) carrying nothing and `notTarget` (a node, -1 for none) taken
   * out of the targets; returns the flow and the arc of each kept edge.
   */
  private run(removed: Uint8Array | undefined, notTarget: number): { value: number; arcs: Int32Array } {
    const { g, local, edges, dinic, sources, targets, isTarget } = this;
    const k = this.nodes.length;
    dinic.clear();
    // Kept between runs (a disruption curve runs thousands): a new typed array each time is memory V8 counts as
    // external, and at a million entities every 64 MB of it starts a full collection of a 4 GB heap.
    const arcs = (this.arcs ??= largeInt32Array(edges.length)).fill(-1);
    for (let i = 0; i < edges.length; i++) {
      const e = edges[i];
      if (removed && (removed[g.source[e]] || removed[g.target[e]])) continue;
      arcs[i] = dinic.add(local[g.source[e]], local[g.target[e]], g.capacity[e]);
    }
    const target = (v: number) => isTarget[v] === 1 && v !== notTarget;
    for (let i = 0; i < sources.length; i++) {
      const v = sources[i];
      if (local[v] >= 0 && !(removed && removed[v]) && !target(v)) dinic.add(k, local[v], Infinity);
    }
    for (let i = 0; i < targets.length; i++) {
      const v = targets[i];
      if (local[v] >= 0 && v !== notTarget && !(removed && removed[v])) dinic.add(local[v], k + 1, Infinity);
    }
    return { value: dinic.maxFlow(k, k + 1), arcs };
  }

  /**
   * `maxFlow(g, sources, targets, removed).value`, the same double; with `notTarget`, the flow to the targets other
   * than that one (`maxFlow(g, sources, targets without notTarget, removed).value`).
   */
  value(removed?: Uint8Array, notTarget = -1): number {
    return this.run(removed, notTarget).value;
  }

  /** `maxFlow(g, sources, targets, removed)`'s value and nodeFlow, the same numbers. */
  flow(removed?: Uint8Array): { value: number; nodeFlow: Float64Array } {
    const { g, edges } = this;
    const { value, arcs } = this.run(removed, -1);
    // The inflow is summed in the array returned; the outflow in one kept between calls (see run).
    const nodeFlow = largeFloat64Array(g.n);
    const outflow = (this.outflow ??= largeFloat64Array(g.n)).fill(0);
    // Edge by edge in input order, as maxFlow adds them up (the edges left out carry nothing).
    for (let i = 0; i < edges.length; i++) {
      if (arcs[i] < 0) continue;
      const f = this.dinic.cap[arcs[i] ^ 1];
      nodeFlow[g.target[edges[i]]] += f;
      outflow[g.source[edges[i]]] += f;
    }
    for (let v = 0; v < g.n; v++) nodeFlow[v] = Math.max(nodeFlow[v], outflow[v]);
    return { value, nodeFlow };
  }
}

/** The edge numbers grouped by `from` node, in input order within each node (the order outAdjacency lists them in). */
function edgeOrder(n: number, from: ArrayLike<number>): Int32Array {
  const offsets = largeInt32Array(n + 1);
  for (let e = 0; e < from.length; e++) offsets[from[e] + 1]++;
  for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
  const out = largeInt32Array(from.length);
  for (let e = 0; e < from.length; e++) out[offsets[from[e]]++] = e;
  return out;
}

/**
 * A minimum set of nodes whose removal disconnects every source from every target (each node
 * counts 1; sources and targets may be cut too). Node splitting: v_in → v_out of capacity 1.
 */
export function minVertexCut(g: DirectedFlowGraph, sources: ArrayLike<number>, targets: ArrayLike<number>): number[] {
  const { n, source, target, capacity } = g;
  const S = 2 * n;
  const T = 2 * n + 1;
  const d = new Dinic(2 * n + 2, n + source.length + sources.length + targets.length);
  const split = largeInt32Array(n);
  for (let v = 0; v < n; v++) split[v] = d.add(2 * v, 2 * v + 1, 1);
  for (let e = 0; e < source.length; e++) if (capacity[e] > 0 && source[e] !== target[e]) d.add(2 * source[e] + 1, 2 * target[e], Infinity);
  const isTarget = largeUint8Array(n);
  for (let i = 0; i < targets.length; i++) isTarget[targets[i]] = 1;
  for (let i = 0; i < sources.length; i++) if (!isTarget[sources[i]]) d.add(S, 2 * sources[i], Infinity);
  for (let i = 0; i < targets.length; i++) d.add(2 * targets[i] + 1, T, Infinity);
  d.maxFlow(S, T);
  const side = d.reachable(S);
  const cut: number[] = [];
  for (let v = 0; v < n; v++) if (side[2 * v] && !side[2 * v + 1] && d.cap[split[v]] <= 1e-12) cut.push(v);
  return cut;
}

/**
 * Immediate dominators from `root` on a directed graph given by out-adjacency (Cooper, Harvey &
 * Kennedy, "A Simple, Fast Dominance Algorithm"), with an iterative depth-first search.
 * Returns idom[v] (root's is root; -1 for nodes unreachable from root).
 */
export function immediateDominators(n: number, offsets: Int32Array, targets: Int32Array, root: number): Int32Array {
  // Reverse postorder by iterative DFS.
  const order = largeInt32Array(n);
  const post = largeInt32Array(n).fill(-1);
  const visited = largeUint8Array(n);
  const stack = largeInt32Array(n);
  const next = largeInt32Array(n);
  let sp = 0;
  let count = 0;
  stack[sp++] = root;
  visited[root] = 1;
  next[root] = offsets[root];
  while (sp > 0) {
    const u = stack[sp - 1];
    if (next[u] < offsets[u + 1]) {
      const v = targets[next[u]++];
      if (!visited[v]) {
        visited[v] = 1;
        next[v] = offsets[v];
        stack[sp++] = v;
      }
    } else {
      sp--;
      post[u] = count;
      order[count++] = u;
    }
  }
  // Predecessors of reachable nodes.
  const predCount = largeInt32Array(n + 1);
  for (let u = 0; u < n; u++) if (visited[u]) for (let j = offsets[u]; j < offsets[u + 1]; j++) predCount[targets[j] + 1]++;
  for (let i = 0; i < n; i++) predCount[i + 1] += predCount[i];
  const preds = largeInt32Array(predCount[n]);
  const fill = predCount.slice(0, n);
  for (let u = 0; u < n; u++) if (visited[u]) for (let j = offsets[u]; j < offsets[u + 1]; j++) preds[fill[targets[j]]++] = u;

  const idom = largeInt32Array(n).fill(-1);
  idom[root] = root;
  const intersect = (a: number, b: number): number => {
    while (a !== b) {
      while (post[a] < post[b]) a = idom[a];
      while (post[b] < post[a]) b = idom[b];
    }
    return a;
  };
  let changed = true;
  while (changed) {
    changed = false;
    for (let i = count - 1; i >= 0; i--) {
      const v = order[i];
      if (v === root) continue;
      let candidate = -1;
      for (let j = predCount[v]; j < predCount[v + 1]; j++) {
        const p = preds[j];
        if (idom[p] === -1) continue;
        candidate = candidate === -1 ? p : intersect(p, candidate);
      }
      if (candidate !== -1 && idom[v] !== candidate) {
        idom[v] = candidate;
        changed = true;
      }
    }
  }
  return idom;
}

/** Out-adjacency (CSR) of a flow graph, optionally with extra nodes and edges appended. */
export function outAdjacency(n: number, source: ArrayLike<number>, target: ArrayLike<number>): { offsets: Int32Array; targets: Int32Array } {
  const offsets = largeInt32Array(n + 1);
  for (let e = 0; e < source.length; e++) offsets[source[e] + 1]++;
  for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
  const targets = largeInt32Array(source.length);
  const fill = offsets.slice(0, n);
  for (let e = 0; e < source.length; e++) targets[fill[source[e]]++] = target[e];
  return { offsets, targets };
}

export interface DominatorResult {
  /** Nodes on every path from any source to any reachable target. */
  all: number[];
  /** For each node, how many reachable targets it dominates (every path from the sources to that target passes it). */
  targetsDominated: Int32Array;
  reachableTargets: number;
}

/**
 * Dominators between node sets: a super source feeds every source, so node v dominates target t
 * when every path from any source to t passes through v. Sources dominate their own flows; the
 * targets themselves are not counted as dominating other targets' paths unless they lie on them.
 */
export function setDominators(g: DirectedFlowGraph, sources: ArrayLike<number>, targets: ArrayLike<number>): DominatorResult {
  const { n } = g;
  const S = n;
  const T = n + 1;
  const src: number[] = [];
  const dst: number[] = [];
  for (let e = 0; e < g.source.length; e++) {
    if (g.capacity[e] > 0 && g.source[e] !== g.target[e]) {
      src.push(g.source[e]);
      dst.push(g.target[e]);
    }
  }
  const isTarget = largeUint8Array(n);
  for (let i = 0; i < targets.length; i++) isTarget[targets[i]] = 1;
  for (let i = 0; i < sources.length; i++) if (!isTarget[sources[i]]) (src.push(S), dst.push(sources[i]));
  for (let i = 0; i < targets.length; i++) (src.push(targets[i]), dst.push(T));
  const { offsets, targets: adj } = outAdjacency(n + 2, src, dst);
  const idom = immediateDominators(n + 2, offsets, adj, S);
  const targetsDominated = largeInt32Array(n);
  let reachable = 0;
  for (let i = 0; i < targets.length; i++) {
    const t = targets[i];
    if (idom[t] === -1) continue;
    reachable++;
    for (let v = idom[t]; v !== S; v = idom[v]) targetsDominated[v]++;
  }
  const all: number[] = [];
  if (idom[T] !== -1) for (let v = idom[T]; v !== S; v = idom[v]) all.push(v);
  return { all: all.reverse(), targetsDominated, reachableTargets: reachable };
}

/** Size of the largest connected component of an undirected edge list with some nodes removed. */
export function largestComponent(n: number, a: ArrayLike<number>, b: ArrayLike<number>, removed: Uint8Array, work?: Int32Array): number {
  // `work` (2n numbers or more), when given, is used instead of two new arrays: the disruption curve asks this once
  // for every candidate it weighs (see FlowNetwork.run on why new typed arrays cost so much at scale).
  const parent = work === undefined ? largeInt32Array(n) : work.subarray(0, n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]];
    return x;
  };
  for (let e = 0; e < a.length; e++) {
    if (removed[a[e]] || removed[b[e]]) continue;
    const ra = find(a[e]);
    const rb = find(b[e]);
    if (ra !== rb) parent[ra] = rb;
  }
  const size = work === undefined ? largeInt32Array(n) : work.subarray(n, 2 * n).fill(0);
  let best = 0;
  for (let i = 0; i < n; i++) {
    if (removed[i]) continue;
    const r = find(i);
    if (++size[r] > best) best = size[r];
  }
  return best;
}

export interface DisruptionStep {
  node: number;
  /** Share of the original flow still deliverable after this removal (per capacity measure). */
  remaining: number[];
  largestComponent: number;
  /**
   * Targets a chain of edges (any edge, whatever its capacity) still leads to from a source after this removal, the
   * removed ones not counted: a measure that does not add flows of different goods up along a chain, as a flow of
   * value does where each tier sells something else.
   */
  targetsReached: number;
}

export interface DisruptionOptions {
  /** Remove these nodes in this order instead of choosing greedily. */
  order?: number[];
  /** How many greedy removals. */
  steps?: number;
  /** Greedy candidates per step: the nodes carrying the most flow (all when 0). */
  candidates?: number;
  /**
   * When one entity is more than one node of the flow graphs (an entity split into a receiving and a supplying
   * half): the entities are nodes 0 … entities − 1, and twin[v] is the other half of v (−1: none). Removing an
   * entity removes both halves; only entities are candidates; connected components count entities only.
   */
  entities?: number;
  twin?: Int32Array;
  /** Called after each removal (step k of the removals asked for; fewer when the flow stops first). */
  onStep?: OnStep;
}

/**
 * The fragility curve: removes nodes one at a time, each time the one whose removal cuts the
 * deliverable flow the most (by the first capacity measure that still flows) (ties: the one that shrinks the largest
 * connected component most, then the lowest index), or in the given order, and reports after each
 * removal the share of each flow measure still deliverable and the largest connected component of
 * the undirected network (`undirected` edge lists).
 */
/**
 * Counts the targets reachable from the sources along the edges of a graph (every edge, whatever its capacity), nodes
 * marked removed left out (neither passed through nor counted). The adjacency is built once; each count is one
 * breadth-first search.
 */
export function targetsReachedCounter(graph: DirectedFlowGraph, sources: ArrayLike<number>, targets: ArrayLike<number>): (removed: Uint8Array) => number {
  const n = graph.n;
  const m = graph.source.length;
  const offsets = largeInt32Array(n + 1);
  for (let e = 0; e < m; e++) offsets[graph.source[e] + 1]++;
  for (let v = 0; v < n; v++) offsets[v + 1] += offsets[v];
  const next = offsets.slice(0, n);
  const heads = largeInt32Array(m);
  for (let e = 0; e < m; e++) heads[next[graph.source[e]]++] = graph.target[e];
  const seen = largeUint8Array(n);
  const queue = largeInt32Array(n);
  // Each target once (a list may name one twice).
  const goals = Int32Array.from(new Set(Array.from(targets)));
  return (removed) => {
    seen.fill(0);
    let tail = 0;
    for (let i = 0; i < sources.length; i++) {
      const s = sources[i];
      if (removed[s] || seen[s]) continue;
      seen[s] = 1;
      queue[tail++] = s;
    }
    for (let head = 0; head < tail; head++) {
      const v = queue[head];
      for (let k = offsets[v]; k < offsets[v + 1]; k++) {
        const w = heads[k];
        if (seen[w] || removed[w]) continue;
        seen[w] = 1;
        queue[tail++] = w;
      }
    }
    let reached = 0;
    for (const t of goals) if (seen[t] && !removed[t]) reached++;
    return reached;
  };
}

export function disrupt(
  graphs: DirectedFlowGraph[],
  sources: ArrayLike<number>,
  targets: ArrayLike<number>,
  undirected: { a: ArrayLike<number>; b: ArrayLike<number> },
  options: DisruptionOptions = {},
): DisruptionStep[] {
  const n = graphs[0].n;
  const entities = options.entities ?? n;
  const twin = options.twin;
  const removed = largeUint8Array(n);
  const setRemoved = (v: number, x: 0 | 1) => {
    removed[v] = x;
    if (twin && twin[v] >= 0) removed[twin[v]] = x;
  };
  const lccWork = largeInt32Array(2 * entities);
  const reach = targetsReachedCounter(graphs[0], sources, targets);
  // One network per measure, restricted to what can carry flow: the many flows below are maxFlow's, for less work.
  const networks = graphs.map((g) => new FlowNetwork(g, sources, targets));
  const base = networks.map((f) => f.value());
  const share = (i: number, value: number) => (base[i] > 0 ? value / base[i] : 0);
  const steps: DisruptionStep[] = [];
  const limit = options.order ? options.order.length : (options.steps ?? 10);
  // The flows of the measures with the nodes removed so far, once measured after a removal (the next step starts from them).
  let flows: { value: number; nodeFlow: Float64Array }[] | undefined;
  for (let k = 0; k < limit; k++) {
    let pick: number;
    // The largest component once pick is removed, when the greedy search has measured it already.
    let pickLcc = -1;
    if (options.order) pick = options.order[k];
    else {
      // Greedy on the first measure that still flows (kg first; then value, for goods counted in pieces).
      let measure = -1;
      let current: { value: number; nodeFlow: Float64Array } | undefined;
      for (let i = 0; i < graphs.length && measure === -1; i++) {
        const flow = flows?.[i] ?? networks[i].flow(removed);
        if (flow.value > 1e-12) (measure = i), (current = flow);
      }
      if (measure === -1 || current === undefined) break;
      // Flow through an entity: through the busier of its halves (a lower bound on what it carries in all).
      const through = (v: number) => (twin && twin[v] >= 0 ? Math.max(current.nodeFlow[v], current.nodeFlow[twin[v]]) : current.nodeFlow[v]);
      const carried = (v: number) => (twin && twin[v] >= 0 ? current.nodeFlow[v] + current.nodeFlow[twin[v]] : current.nodeFlow[v]);
      let candidates: number[] = [];
      for (let v = 0; v < entities; v++) if (!removed[v] && through(v) > 1e-12) candidates.push(v);
      candidates.sort((x, y) => through(y) - through(x) || x - y);
      if (options.candidates) candidates = candidates.slice(0, options.candidates);
      let best = -1;
      let bestFlow = Infinity;
      let bestLcc = Infinity;
      // Removing v leaves at least current.value − nodeFlow[v] deliverable (the rest of the flow does not pass
      // through v). Candidates come by decreasing nodeFlow, so once that bound is above the best found, no later
      // candidate can beat or tie it: the search stops there, with the same answer as trying them all.
      const slack = 1e-9 * Math.max(1, current.value);
      for (const v of candidates) {
        // With halves, removing an entity can cut up to what both halves carry: the bound uses that sum, and the
        // early stop only holds when no later candidate carries more (candidates come by their busier half).
        if (!twin && current.value - current.nodeFlow[v] > bestFlow + 1e-9 + slack) break;
        if (twin && current.value - carried(v) > bestFlow + 1e-9 + slack) continue;
        setRemoved(v, 1);
        const f = networks[measure].value(removed);
        const lcc = f < bestFlow + 1e-9 ? largestComponent(entities, undirected.a, undirected.b, removed, lccWork) : Infinity;
        setRemoved(v, 0);
        if (f < bestFlow - 1e-9 || (Math.abs(f - bestFlow) <= 1e-9 && lcc < bestLcc)) {
          best = v;
          bestFlow = f;
          bestLcc = lcc;
        }
      }
      if (best === -1) break;
      pick = best;
      pickLcc = bestLcc;
    }
    setRemoved(pick, 1);
    flows = networks.map((f) => f.flow(removed));
    steps.push({
      node: pick,
      remaining: flows.map((f, i) => share(i, f.value)),
      largestComponent: pickLcc >= 0 ? pickLcc : largestComponent(entities, undirected.a, undirected.b, removed, lccWork),
      targetsReached: reach(removed),
    });
    options.onStep?.({ done: k + 1, total: limit, words: `${k + 1} of ${limit} removals simulated` });
  }
  return steps;
}
