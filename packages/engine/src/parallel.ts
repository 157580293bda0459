import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AbstractGraph, Attributes } from 'graphology-types';
import { brandesRaw, undirectedAdjacency, type Adjacency } from './betweenness';
import type { UndirectedCSR } from './csr';
import { seededRandom } from './random';

export interface BetweennessRunOptions {
  /** Worker threads (default: the machine's available parallelism). 1 runs on the calling thread. */
  threads?: number;
  /**
   * Sample sources so that every node's normalized betweenness is within ±epsilon of the exact value
   * with probability at least 1 − delta. Null or undefined: exact.
   */
  epsilon?: number | null;
  delta?: number;
  seed?: number;
  weighted?: boolean;
}

export const BETWEENNESS_RUN_DEFAULTS = { delta: 0.1, seed: 1 } as const;

export interface BetweennessRun {
  /** Normalized betweenness in [0, 1] (networkx's normalization), by node index. */
  values: Float64Array;
  exact: boolean;
  /** Sources the shortest paths were counted from. */
  sources: number;
  /** The error bound achieved with the sources used (null when exact), and its confidence 1 − delta. */
  epsilon: number | null;
  delta: number | null;
  threads: number;
}

/**
 * Sources needed so that all n estimates are within ±epsilon with probability 1 − delta
 * (Hoeffding's inequality with a union bound over the nodes: each source contributes a value in [0, 1]).
 */
export function sampleSize(n: number, epsilon: number, delta: number): number {
  return Math.ceil(Math.log((2 * n) / delta) / (2 * epsilon * epsilon));
}

/** The bound achieved by k sampled sources. */
export function achievedEpsilon(n: number, k: number, delta: number): number {
  return Math.sqrt(Math.log((2 * n) / delta) / (2 * k)) * (n / Math.max(1, n - 1));
}

function workerPath(): string {
  const compiled = __filename.endsWith('.ts') ? join(__dirname, '..', 'dist', 'betweenness-worker.js') : join(__dirname, 'betweenness-worker.js');
  if (!existsSync(compiled)) throw new Error(`${compiled} is missing: build the engine first (pnpm build)`);
  return compiled;
}

function shared<T extends Int32Array | Float64Array>(a: T): T {
  const buffer = new SharedArrayBuffer(a.byteLength);
  const copy = new (a.constructor as { new (b: SharedArrayBuffer): T })(buffer);
  copy.set(a);
  return copy;
}

/** Directed adjacency (out and in) of a graphology graph; self-loops dropped, parallel edges collapsed. */
export function directedAdjacency<N extends Attributes, E extends Attributes>(graph: AbstractGraph<N, E>, weightAttribute?: string): { keys: string[]; adjacency: Adjacency } {
  const keys = graph.nodes();
  const n = keys.length;
  const index = new Map(keys.map((k, i) => [k, i]));
  const seen = new Map<number, number>();
  const src: number[] = [];
  const dst: number[] = [];
  const len: number[] = [];
  graph.forEachEdge((_e, attrs, s, t) => {
    const u = index.get(s)!;
    const v = index.get(t)!;
    if (u === v) return;
    const w = weightAttribute === undefined ? 1 : Number(attrs[weightAttribute] ?? 1);
    const key = u * n + v;
    const at = seen.get(key);
    if (at !== undefined) {
      if (w < len[at]) len[at] = w;
      return;
    }
    seen.set(key, src.length);
    src.push(u);
    dst.push(v);
    len.push(w);
  });
  const build = (from: number[], to: number[]) => {
    const offsets = new Int32Array(n + 1);
    for (const f of from) offsets[f + 1]++;
    for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
    const targets = new Int32Array(from.length);
    const weights = new Float64Array(from.length);
    const fill = offsets.slice(0, n);
    for (let e = 0; e < from.length; e++) {
      const at = fill[from[e]]++;
      targets[at] = to[e];
      weights[at] = len[e];
    }
    return { offsets, targets, weights };
  };
  const out = build(src, dst);
  const inn = build(dst, src);
  return { keys, adjacency: { n, offsets: out.offsets, targets: out.targets, weights: out.weights, inOffsets: inn.offsets, inTargets: inn.targets, inWeights: inn.weights } };
}

/**
 * Betweenness on typed arrays, exact or sampled, split across worker threads by source. Partial
 * sums are added in a fixed order, so the result does not depend on which thread finishes first;
 * exact results equal the single-thread ones within rounding.
 */
export async function betweennessRun(adjacency: Adjacency, directed: boolean, options: BetweennessRunOptions = {}): Promise<BetweennessRun> {
  const n = adjacency.n;
  const delta = options.delta ?? BETWEENNESS_RUN_DEFAULTS.delta;
  const threads = Math.max(1, Math.min(options.threads ?? availableParallelism(), 64));
  const weighted = options.weighted ?? false;
  let sources: Int32Array;
  let exact = true;
  if (options.epsilon !== undefined && options.epsilon !== null && n > 2) {
    const k = sampleSize(n, options.epsilon, delta);
    if (k < n) {
      exact = false;
      const rng = seededRandom(options.seed ?? BETWEENNESS_RUN_DEFAULTS.seed);
      const all = Int32Array.from({ length: n }, (_v, i) => i);
      for (let i = 0; i < k; i++) {
        const j = i + Math.floor(rng() * (n - i));
        const t = all[i];
        all[i] = all[j];
        all[j] = t;
      }
      sources = all.slice(0, k).sort();
    } else sources = Int32Array.from({ length: n }, (_v, i) => i);
  } else sources = Int32Array.from({ length: n }, (_v, i) => i);

  const chunks = Math.min(threads, sources.length || 1);
  let raw: Float64Array;
  if (chunks <= 1) raw = brandesRaw(adjacency, sources, weighted);
  else {
    const out = { offsets: shared(adjacency.offsets), targets: shared(adjacency.targets), weights: shared(adjacency.weights) };
    const sameIn = adjacency.inOffsets === adjacency.offsets;
    const sharedAdjacency: Adjacency = {
      n,
      ...out,
      inOffsets: sameIn ? out.offsets : shared(adjacency.inOffsets),
      inTargets: sameIn ? out.targets : shared(adjacency.inTargets),
      inWeights: sameIn ? out.weights : shared(adjacency.inWeights),
    };
    const path = workerPath();
    // Interleave sources so every thread gets a fair mix of cheap and expensive ones.
    const parts = Array.from({ length: chunks }, (_v, c) => sources.filter((_s, i) => i % chunks === c));
    const partial = await Promise.all(
      parts.map(
        (part) =>
          new Promise<Float64Array>((resolve, reject) => {
            const worker = new Worker(path, { workerData: { adjacency: sharedAdjacency, sources: part, weighted } });
            worker.once('message', (m: Float64Array) => resolve(m));
            worker.once('error', reject);
            worker.once('exit', (code) => code !== 0 && reject(new Error(`betweenness worker stopped with code ${code}`)));
          }),
      ),
    );
    raw = new Float64Array(n);
    for (const p of partial) for (let i = 0; i < n; i++) raw[i] += p[i];
  }
  const scale = n > 2 ? (n / sources.length) / ((n - 1) * (n - 2)) : 0;
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = raw[i] * scale;
  return {
    values,
    exact,
    sources: sources.length,
    epsilon: exact ? null : achievedEpsilon(n, sources.length, delta),
    delta: exact ? null : delta,
    threads: chunks,
  };
}

/** The same, for an undirected CSR. */
export function betweennessRunCSR(csr: UndirectedCSR, options: BetweennessRunOptions = {}): Promise<BetweennessRun> {
  return betweennessRun(undirectedAdjacency(csr), false, options);
}
