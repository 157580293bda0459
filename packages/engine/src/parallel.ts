import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { AbstractGraph, Attributes } from 'graphology-types';
import { brandesRaw, undirectedAdjacency, type Adjacency } from './betweenness';
import type { UndirectedCSR } from './csr';
import { workerFile } from './worker-answer';
import { PathSampler, RK_CONSTANT, rkEpsilon, rkSampleSize, vertexDiameterBound } from './betweenness-sampling';

export interface BetweennessRunOptions {
  /** Worker threads (default: the machine's available parallelism). 1 runs on the calling thread. */
  threads?: number;
  /**
   * Estimate instead of computing exactly: every node's normalized betweenness within ±epsilon of the exact value,
   * all nodes at once, with probability at least 1 − delta, from sampled shortest paths (Riondato & Kornaropoulos
   * 2016; see betweenness-sampling.ts). Null or undefined: exact.
   */
  epsilon?: number | null;
  delta?: number;
  seed?: number;
  weighted?: boolean;
  /**
   * With epsilon: 'auto' (default) computes exactly instead when that reads no more of the graph than the sample
   * would (small networks); 'always' samples whatever the cost (for tests and benchmarks).
   */
  sampling?: 'auto' | 'always';
  /** Called as the work advances, with the share done (0 to 1). The engine itself prints nothing. */
  onProgress?: (done: number) => void;
}

export const BETWEENNESS_RUN_DEFAULTS = { delta: 0.1, seed: 1, sampling: 'auto' } as const;

export interface BetweennessRun {
  /** Normalized betweenness in [0, 1] (networkx's normalization, shares of pairs of other nodes), by node index. */
  values: Float64Array;
  exact: boolean;
  /** 'exact': Brandes from every node; 'rk': shortest paths sampled as Riondato & Kornaropoulos (2016). */
  method: 'exact' | 'rk';
  /** Searches the values rest on: every node when exact, else one per sampled path (its source). */
  sources: number;
  /** Shortest paths sampled (0 when exact), and how many of them joined two connected nodes. */
  samples: number;
  connectedSamples: number;
  /** The bound achieved with the samples drawn (null when exact), and its confidence 1 − delta. */
  epsilon: number | null;
  delta: number | null;
  /** The upper bound on the vertex diameter (most nodes on a shortest path) the sample size rests on; null when exact. */
  vertexDiameter: number | null;
  /** The constant c of the sample size (null when exact). */
  constant: number | null;
  /** What the values promise, in words. */
  guarantee: string;
  threads: number;
}

/** Samples drawn on the calling thread first, to measure what a sample costs on this graph. */
const PILOT_SAMPLES = 256;
/** Exact betweenness is computed instead of an estimate when it reads at most this many times as much of the graph. */
const EXACT_PREFERRED = 2;
/** Below this many adjacency entries still to read, worker threads cost more to start than they save. */
const PARALLEL_WORK = 20_000_000;

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

/** Worker threads that hold the graph (shared memory) and answer one request at a time each. */
class WorkerPool {
  private readonly workers: Worker[];
  private readonly waiting: ({ resolve: (m: unknown) => void; reject: (e: Error) => void } | null)[];
  private failure: Error | null = null;

  constructor(size: number, data: WorkerData) {
    const path = workerFile('betweenness-worker');
    this.workers = [];
    this.waiting = [];
    for (let i = 0; i < size; i++) {
      const worker = new Worker(path, { workerData: data });
      this.workers.push(worker);
      this.waiting.push(null);
      worker.on('message', (m: unknown) => {
        const w = this.waiting[i];
        this.waiting[i] = null;
        w?.resolve(m);
      });
      const fail = (err: Error) => {
        this.failure ??= err;
        const w = this.waiting[i];
        this.waiting[i] = null;
        w?.reject(err);
      };
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (this.waiting[i] !== null) fail(new Error(`betweenness worker stopped with code ${code}`));
      });
    }
  }

  get size(): number {
    return this.workers.length;
  }

  call<T>(i: number, message: WorkerRequest): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<T>((resolve, reject) => {
      this.waiting[i] = { resolve: resolve as (m: unknown) => void, reject };
      this.workers[i].postMessage(message);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** What every worker gets at start. */
export interface WorkerData {
  adjacency: Adjacency;
  weighted: boolean;
  seed: number;
}

/** Requests to a worker: Brandes from some sources, draw samples from … to − 1, or hand over the sample counts. */
export type WorkerRequest = { kind: 'brandes'; sources: Int32Array } | { kind: 'sample'; from: number; to: number } | { kind: 'collect' };

/** The graph in shared memory, for the workers (the weights only when they are used). */
function sharedAdjacency(adjacency: Adjacency, weighted: boolean): Adjacency {
  const none = new Float64Array(0);
  const out = { offsets: shared(adjacency.offsets), targets: shared(adjacency.targets), weights: weighted ? shared(adjacency.weights) : none };
  const sameIn = adjacency.inOffsets === adjacency.offsets;
  return {
    n: adjacency.n,
    ...out,
    inOffsets: sameIn ? out.offsets : shared(adjacency.inOffsets),
    inTargets: sameIn ? out.targets : shared(adjacency.inTargets),
    inWeights: !weighted ? none : sameIn ? out.weights : shared(adjacency.inWeights),
  };
}

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

/** Exact betweenness, Brandes from every node, on the calling thread or split across workers by source. */
async function exactRun(adjacency: Adjacency, threads: number, weighted: boolean, seed: number, progress: (done: number) => void, note = ''): Promise<BetweennessRun> {
  const n = adjacency.n;
  const chunks = Math.min(threads, n || 1);
  let raw: Float64Array;
  if (chunks <= 1) raw = brandesRaw(adjacency, null, weighted);
  else {
    const pool = new WorkerPool(chunks, { adjacency: sharedAdjacency(adjacency, weighted), weighted, seed });
    try {
      // Interleave sources so every thread gets a fair mix of cheap and expensive ones; add the partial sums in
      // thread order, so the result does not depend on which thread finishes first.
      const parts = Array.from({ length: chunks }, (_v, c) => {
        const part = new Int32Array(Math.ceil((n - c) / chunks));
        for (let i = c, k = 0; i < n; i += chunks) part[k++] = i;
        return part;
      });
      const partial = await Promise.all(parts.map((sources, c) => pool.call<Float64Array>(c, { kind: 'brandes', sources })));
      raw = new Float64Array(n);
      for (const p of partial) for (let i = 0; i < n; i++) raw[i] += p[i];
    } finally {
      await pool.close();
    }
  }
  progress(1);
  const scale = n > 2 ? 1 / ((n - 1) * (n - 2)) : 0;
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = raw[i] * scale;
  return {
    values,
    exact: true,
    method: 'exact',
    sources: n,
    samples: 0,
    connectedSamples: 0,
    epsilon: null,
    delta: null,
    vertexDiameter: null,
    constant: null,
    guarantee: `exact: shortest paths counted from every node (Brandes 2001)${note}`,
    threads: chunks,
  };
}

/**
 * Betweenness on typed arrays, exact or estimated within a stated bound, split across worker threads. Exact values
 * equal the single-thread ones within rounding (partial sums are added in a fixed order). Estimates are
 * byte-identical for the same seed whatever the number of threads: every sample has its own random stream and the
 * counts are whole numbers.
 */
export async function betweennessRun(adjacency: Adjacency, directed: boolean, options: BetweennessRunOptions = {}): Promise<BetweennessRun> {
  const n = adjacency.n;
  const delta = options.delta ?? BETWEENNESS_RUN_DEFAULTS.delta;
  const threads = Math.max(1, Math.min(options.threads ?? availableParallelism(), 64));
  const weighted = options.weighted ?? false;
  const seed = options.seed ?? BETWEENNESS_RUN_DEFAULTS.seed;
  const progress = options.onProgress ?? (() => undefined);
  const epsilon = options.epsilon;
  if (epsilon === undefined || epsilon === null || n <= 2) return exactRun(adjacency, threads, weighted, seed, progress);

  const bound = vertexDiameterBound(adjacency, directed, weighted);
  const vd = bound.vertexDiameter;
  const r = rkSampleSize(n, vd, epsilon, delta);
  if (r === 0) {
    // No shortest path has a node inside it: every value is exactly 0.
    progress(1);
    return {
      values: new Float64Array(n),
      exact: true,
      method: 'exact',
      sources: 0,
      samples: 0,
      connectedSamples: 0,
      epsilon: null,
      delta: null,
      vertexDiameter: vd,
      constant: null,
      guarantee: `exact: no shortest path has more than ${vd} nodes, so no node lies between two others and every value is 0`,
      threads: 1,
    };
  }

  // A first batch on this thread measures what a sample costs. Exact values are worth some extra work: they are
  // computed instead when they read at most twice as much of the graph as the sample would.
  const sampler = new PathSampler(adjacency, weighted, seed);
  const pilot = Math.min(r, PILOT_SAMPLES);
  sampler.run(0, pilot);
  const perSample = Math.max(1, sampler.scanned / pilot);
  if ((options.sampling ?? BETWEENNESS_RUN_DEFAULTS.sampling) === 'auto' && bound.exactWork <= EXACT_PREFERRED * perSample * r) {
    return exactRun(adjacency, threads, weighted, seed, progress, ` (about as cheap as sampling ${r.toLocaleString('en')} paths for ±${epsilon})`);
  }
  progress(pilot / r);

  const counts = sampler.counts;
  let connected = sampler.connected;
  let used = 1;
  const remaining = r - pilot;
  if (threads > 1 && perSample * remaining > PARALLEL_WORK) {
    const size = Math.min(threads, Math.ceil(remaining / PILOT_SAMPLES));
    used = size;
    const chunk = Math.max(PILOT_SAMPLES, Math.ceil(remaining / (size * 32)));
    const pool = new WorkerPool(size, { adjacency: sharedAdjacency(adjacency, weighted), weighted, seed });
    try {
      // Workers take the next chunk of sample numbers as they come free; counts are whole numbers, so the total does
      // not depend on which worker drew which sample.
      let next = pilot;
      let done = pilot;
      let found = 0;
      await Promise.all(
        Array.from({ length: size }, async (_v, i) => {
          while (next < r) {
            const from = next;
            const to = Math.min(r, from + chunk);
            next = to;
            await pool.call<{ connected: number }>(i, { kind: 'sample', from, to });
            done += to - from;
            progress(done / r);
          }
          const part = await pool.call<{ counts: Float64Array; connected: number }>(i, { kind: 'collect' });
          for (let v = 0; v < n; v++) counts[v] += part.counts[v];
          found += part.connected;
        }),
      );
      connected += found;
    } finally {
      await pool.close();
    }
  } else {
    const chunk = Math.max(PILOT_SAMPLES, Math.ceil(remaining / 100));
    for (let from = pilot; from < r; from += chunk) {
      sampler.run(from, Math.min(r, from + chunk));
      progress(Math.min(r, from + chunk) / r);
    }
    connected = sampler.connected;
  }

  const scale = n / ((n - 2) * r);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = counts[i] * scale;
  const achieved = rkEpsilon(n, vd, r, delta);
  return {
    values,
    exact: false,
    method: 'rk',
    sources: r,
    samples: r,
    connectedSamples: connected,
    epsilon: achieved,
    delta,
    vertexDiameter: vd,
    constant: RK_CONSTANT,
    guarantee:
      `every value within ±${formatBound(achieved)} of the exact betweenness, for all ${n.toLocaleString('en')} nodes at once, with probability at least ${pct(1 - delta)}: ` +
      `${r.toLocaleString('en')} shortest paths sampled between random pairs of nodes (Riondato & Kornaropoulos 2016, c = ${RK_CONSTANT}; ` +
      `no shortest path has more than ${vd} nodes)`,
    threads: used,
  };
}

/** A bound for people: three significant digits, rounded up so that it stays true. */
export function formatBound(x: number): string {
  if (x === 0) return '0';
  let digits = Math.max(0, 2 - Math.floor(Math.log10(x)));
  const up = Math.ceil(x * 10 ** digits - 1e-9) / 10 ** digits;
  if (digits > 0 && up >= 10 ** (3 - digits)) digits--; // 0.0099999 → 0.0100, not 0.01000
  return up.toFixed(digits);
}

/** The same, for an undirected CSR. */
export function betweennessRunCSR(csr: UndirectedCSR, options: BetweennessRunOptions = {}): Promise<BetweennessRun> {
  return betweennessRun(undirectedAdjacency(csr), false, options);
}
