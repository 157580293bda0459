import type { AbstractGraph, Attributes } from 'graphology-types';
import { largeFloat64Array, largeInt32Array } from './arrays';

/**
 * An undirected simple graph in compressed sparse row form: the neighbours of node i are
 * `targets[offsets[i] .. offsets[i+1])`, with the matching `weights`. Node i is `keys[i]`.
 */
export interface UndirectedCSR {
  n: number;
  keys: string[];
  offsets: Int32Array;
  targets: Int32Array;
  weights: Float64Array;
}

export interface CSROptions {
  /** Edge attribute holding a positive length (distance); edges without it have length 1. */
  weightAttribute?: string;
}

/**
 * Converts any graphology graph into an undirected simple CSR, once, for the typed-array algorithms.
 * Direction is ignored, self-loops are dropped, and parallel edges collapse into one whose length is
 * the shortest of them. Node order is the graph's node order.
 */
export function toUndirectedCSR<N extends Attributes, E extends Attributes>(
  graph: AbstractGraph<N, E>,
  options: CSROptions = {},
): UndirectedCSR {
  const keys = graph.nodes();
  const n = keys.length;
  const index = new Map<string, number>();
  for (let i = 0; i < n; i++) index.set(keys[i], i);
  const attr = options.weightAttribute;

  const m = graph.size;
  const src = new Int32Array(m);
  const dst = new Int32Array(m);
  const len = new Float64Array(m);
  const degree = new Int32Array(n + 1);
  let k = 0;
  graph.forEachEdge((_e, attributes, source, target) => {
    const s = index.get(source)!;
    const t = index.get(target)!;
    if (s === t) return;
    src[k] = s;
    dst[k] = t;
    const w = attr === undefined ? 1 : Number(attributes[attr] ?? 1);
    len[k] = w;
    degree[s]++;
    degree[t]++;
    k++;
  });

  return compact(n, keys, src.subarray(0, k), dst.subarray(0, k), len.subarray(0, k), degree);
}

/** Builds the CSR from raw edge arrays (both directions added), dropping repeats and keeping the shortest length. */
function compact(n: number, keys: string[], src: Int32Array, dst: Int32Array, len: Float64Array, degree: Int32Array): UndirectedCSR {
  // Raw adjacency (with possible duplicates), then compacted.
  const rawOffsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) rawOffsets[i + 1] = rawOffsets[i] + degree[i];
  const { targets: rawTargets, weights: rawWeights } = placeBothWays(n, rawOffsets, src, dst, len);

  const offsets = new Int32Array(n + 1);
  const targets = new Int32Array(rawOffsets[n]);
  const weights = new Float64Array(rawOffsets[n]);
  const seenAt = new Int32Array(n).fill(-1); // position in `targets` of neighbour v for the current node
  const owner = new Int32Array(n).fill(-1);
  let p = 0;
  for (let u = 0; u < n; u++) {
    offsets[u] = p;
    for (let j = rawOffsets[u]; j < rawOffsets[u + 1]; j++) {
      const v = rawTargets[j];
      if (owner[v] === u) {
        const at = seenAt[v];
        if (rawWeights[j] < weights[at]) weights[at] = rawWeights[j];
      } else {
        owner[v] = u;
        seenAt[v] = p;
        targets[p] = v;
        weights[p] = rawWeights[j];
        p++;
      }
    }
  }
  offsets[n] = p;
  return { n, keys, offsets, targets: targets.slice(0, p), weights: weights.slice(0, p) };
}

/**
 * Builds an undirected CSR straight from edge arrays, without a graphology graph: the fast path for
 * large networks. Nodes are 0..n-1 (keys are their numbers as text, unless `keys` names them); self-loops are
 * dropped and parallel edges collapse (shortest length kept).
 */
export function csrFromEdgeList(n: number, source: Int32Array, target: Int32Array, weight?: Float64Array, keys?: string[]): UndirectedCSR {
  if (keys !== undefined && keys.length !== n) throw new RangeError(`${keys.length} keys for ${n} nodes`);
  const m = source.length;
  const src = new Int32Array(m);
  const dst = new Int32Array(m);
  const len = new Float64Array(m);
  const degree = new Int32Array(n + 1);
  let k = 0;
  for (let e = 0; e < m; e++) {
    const s = source[e];
    const t = target[e];
    if (s === t) continue;
    if (s < 0 || t < 0 || s >= n || t >= n) throw new RangeError(`edge ${e} (${s}, ${t}) names a node outside 0..${n - 1}`);
    src[k] = s;
    dst[k] = t;
    len[k] = weight ? weight[e] : 1;
    degree[s]++;
    degree[t]++;
    k++;
  }
  let names = keys;
  if (names === undefined) {
    names = new Array<string>(n);
    for (let i = 0; i < n; i++) names[i] = String(i);
  }
  return compact(n, names, src.subarray(0, k), dst.subarray(0, k), len.subarray(0, k), degree);
}

/**
 * csrFromEdgeList for edges known to be pairs of distinct nodes, no pair twice (either way round), such as the
 * projection's: the CSR csrFromEdgeList gives (each node's neighbours in the order of the edges), built in one pass
 * without its copies of the edges and its search for repeats (at ten million ties, half a gigabyte of arrays less).
 */
export function csrFromUniquePairs(n: number, source: Int32Array, target: Int32Array, weight: Float64Array, keys: string[]): UndirectedCSR {
  if (keys.length !== n) throw new RangeError(`${keys.length} keys for ${n} nodes`);
  const m = source.length;
  const offsets = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) {
    const s = source[e];
    const t = target[e];
    if (s === t || s < 0 || t < 0 || s >= n || t >= n) throw new RangeError(`edge ${e} (${s}, ${t}) is a self-loop or names a node outside 0..${n - 1}`);
    offsets[s + 1]++;
    offsets[t + 1]++;
  }
  for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
  return { n, keys, offsets, ...placeBothWays(n, offsets, source, target, weight) };
}

/**
 * Each edge (`source`, `target`, `weight`: as many as `source`) placed at both its ends, in edge order, in the
 * adjacency whose list starts `offsets` gives: the other end and the weight.
 */
function placeBothWays(n: number, offsets: Int32Array, source: Int32Array, target: Int32Array, weight: Float64Array): { targets: Int32Array; weights: Float64Array } {
  const fill = offsets.slice(0, n);
  const targets = largeInt32Array(offsets[n]);
  const weights = largeFloat64Array(offsets[n]);
  for (let e = 0; e < source.length; e++) {
    const s = source[e];
    const t = target[e];
    const w = weight[e];
    targets[fill[s]] = t;
    weights[fill[s]++] = w;
    targets[fill[t]] = s;
    weights[fill[t]++] = w;
  }
  return { targets, weights };
}
