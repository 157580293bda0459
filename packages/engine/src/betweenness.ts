import type { AbstractGraph, Attributes } from 'graphology-types';
import { toUndirectedCSR, type UndirectedCSR } from './csr';

export interface BetweennessOptions {
  /** Divide by the number of pairs of other nodes, (n−1)(n−2)/2, so values lie in [0, 1]. Default true. */
  normalized?: boolean;
  /** Edge attribute holding a positive length; when set, shortest paths are weighted (Dijkstra). */
  weightAttribute?: string;
}

export const BETWEENNESS_DEFAULTS: Required<Omit<BetweennessOptions, 'weightAttribute'>> = { normalized: true };

/** Binary min-heap of node indices keyed by a distance array (lazy deletion). */
export class MinHeap {
  private nodes: Int32Array;
  private keys: Float64Array;
  size = 0;
  constructor(capacity: number) {
    this.nodes = new Int32Array(capacity);
    this.keys = new Float64Array(capacity);
  }
  push(node: number, key: number): void {
    if (this.size === this.nodes.length) {
      const nodes = new Int32Array(this.size * 2);
      nodes.set(this.nodes);
      const keys = new Float64Array(this.size * 2);
      keys.set(this.keys);
      this.nodes = nodes;
      this.keys = keys;
    }
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.keys[p] <= key) break;
      this.nodes[i] = this.nodes[p];
      this.keys[i] = this.keys[p];
      i = p;
    }
    this.nodes[i] = node;
    this.keys[i] = key;
  }
  /** Removes the smallest entry; its node and key are left in `topNode` / `topKey`. */
  topNode = -1;
  topKey = 0;
  pop(): void {
    this.topNode = this.nodes[0];
    this.topKey = this.keys[0];
    const n = --this.size;
    const lastNode = this.nodes[n];
    const lastKey = this.keys[n];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && this.keys[c + 1] < this.keys[c]) c++;
      if (this.keys[c] >= lastKey) break;
      this.nodes[i] = this.nodes[c];
      this.keys[i] = this.keys[c];
      i = c;
    }
    this.nodes[i] = lastNode;
    this.keys[i] = lastKey;
  }
}

/** Out- and in-adjacency on typed arrays; for an undirected graph both are the same arrays. */
export interface Adjacency {
  n: number;
  offsets: Int32Array;
  targets: Int32Array;
  weights: Float64Array;
  inOffsets: Int32Array;
  inTargets: Int32Array;
  inWeights: Float64Array;
}

export function undirectedAdjacency(csr: UndirectedCSR): Adjacency {
  return { n: csr.n, offsets: csr.offsets, targets: csr.targets, weights: csr.weights, inOffsets: csr.offsets, inTargets: csr.targets, inWeights: csr.weights };
}

/**
 * Brandes (2001) dependency accumulation from the given sources (all nodes when null), on typed
 * arrays: breadth-first search, or Dijkstra when `weighted`. Returns the sum over sources s of
 * δ_s(v) — ordered pairs, so an undirected graph counts each pair twice.
 */
export function brandesRaw(g: Adjacency, sources: Int32Array | null, weighted: boolean): Float64Array {
  const { n, offsets, targets, weights, inOffsets, inTargets, inWeights } = g;
  const bc = new Float64Array(n);
  const sigma = new Float64Array(n);
  const delta = new Float64Array(n);
  const dist = new Float64Array(n).fill(-1);
  const order = new Int32Array(n); // nodes in non-decreasing distance from the source
  const queue = new Int32Array(n);
  const heap = weighted ? new MinHeap(Math.max(16, n)) : undefined;
  const done = new Uint8Array(n);
  const count = sources === null ? n : sources.length;

  for (let k = 0; k < count; k++) {
    const s = sources === null ? k : sources[k];
    let reached = 0;
    sigma[s] = 1;
    dist[s] = 0;
    if (!heap) {
      let head = 0;
      let tail = 0;
      queue[tail++] = s;
      while (head < tail) {
        const v = queue[head++];
        order[reached++] = v;
        const dv = dist[v] + 1;
        for (let j = offsets[v]; j < offsets[v + 1]; j++) {
          const w = targets[j];
          if (dist[w] < 0) {
            dist[w] = dv;
            queue[tail++] = w;
          }
          if (dist[w] === dv) sigma[w] += sigma[v];
        }
      }
    } else {
      heap.push(s, 0);
      while (heap.size > 0) {
        heap.pop();
        const v = heap.topNode;
        if (done[v] || heap.topKey > dist[v]) continue;
        done[v] = 1;
        order[reached++] = v;
        for (let j = offsets[v]; j < offsets[v + 1]; j++) {
          const w = targets[j];
          if (done[w]) continue;
          const d = dist[v] + weights[j];
          if (dist[w] < 0 || d < dist[w]) {
            dist[w] = d;
            sigma[w] = sigma[v];
            heap.push(w, d);
          } else if (d === dist[w]) {
            sigma[w] += sigma[v];
          }
        }
      }
    }
    // Accumulate dependencies from the farthest nodes back; predecessors are found again by distance.
    for (let i = reached - 1; i >= 0; i--) {
      const w = order[i];
      const coeff = (1 + delta[w]) / sigma[w];
      for (let j = inOffsets[w]; j < inOffsets[w + 1]; j++) {
        const v = inTargets[j];
        if (dist[v] < 0) continue;
        const isPred = heap ? done[v] === 1 && dist[v] + inWeights[j] === dist[w] : dist[v] === dist[w] - 1;
        if (isPred) delta[v] += sigma[v] * coeff;
      }
      if (w !== s) bc[w] += delta[w];
    }
    for (let i = 0; i < reached; i++) {
      const v = order[i];
      sigma[v] = 0;
      delta[v] = 0;
      dist[v] = -1;
      done[v] = 0;
    }
  }
  return bc;
}

/**
 * The factor that turns raw undirected betweenness (each unordered pair counted once) into the share of pairs of
 * other nodes, in [0, 1]: 2 / ((n − 1)(n − 2)), or 1 for two nodes or fewer. Used for the engine's own values and
 * for values computed elsewhere (Neo4j GDS), so that both mean the same.
 */
export function betweennessScale(n: number): number {
  return n > 2 ? 2 / ((n - 1) * (n - 2)) : 1;
}

/**
 * Exact betweenness centrality of an undirected CSR graph. Returns raw pair counts (each unordered
 * pair of endpoints counted once).
 */
export function betweennessCSR(csr: UndirectedCSR, weighted = false): Float64Array {
  const bc = brandesRaw(undirectedAdjacency(csr), null, weighted);
  for (let i = 0; i < bc.length; i++) bc[i] /= 2; // each unordered pair was counted from both ends
  return bc;
}

/**
 * Betweenness centrality of every node: the share of shortest paths between other pairs of nodes
 * that pass through it. The graph is treated as undirected and simple. Returns node → value (an object
 * without prototype).
 */
export function betweenness<N extends Attributes, E extends Attributes>(
  graph: AbstractGraph<N, E>,
  options: BetweennessOptions = {},
): Record<string, number> {
  const normalized = options.normalized ?? BETWEENNESS_DEFAULTS.normalized;
  const csr = toUndirectedCSR(graph, { weightAttribute: options.weightAttribute });
  const bc = betweennessCSR(csr, options.weightAttribute !== undefined);
  const n = csr.n;
  const scale = normalized ? betweennessScale(n) : 1;
  // Null prototype: node keys may be any text ("__proto__", "toString").
  const out: Record<string, number> = Object.create(null) as Record<string, number>;
  for (let i = 0; i < n; i++) out[csr.keys[i]] = bc[i] * scale;
  return out;
}
