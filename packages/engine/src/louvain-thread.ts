import { availableParallelism } from 'node:os';
import { CLUSTER_DEFAULTS, numberClusters, detectClustersCSR, type Clustering } from './clusters';
import type { UndirectedCSR } from './csr';
import { answerOnce } from './worker-answer';

/** What a Louvain worker thread is given: the projection's arrays (copies) and the options. */
export interface LouvainThreadData {
  n: number;
  offsets: Int32Array;
  targets: Int32Array;
  weights: Float64Array;
  seed: number;
  resolution: number;
  /** Set to 1 by the worker when its answer is sent: the calling thread can tell without turning its event loop. */
  found: Int32Array;
}

/** A Louvain worker thread's answer. */
export interface LouvainThreadResult {
  community: Int32Array;
  modularity: number;
}

/**
 * Below this many adjacency entries (twice the ties of the projection), Louvain runs on the calling thread: a worker
 * costs tens of milliseconds to start, more than Louvain takes on small networks (2,000 entities: a few ms).
 */
export const LOUVAIN_THREAD_ABOVE = 200_000;

export interface ClustersInWorker {
  /** Whether the clusters are found (the worker has answered, or the promise settled). */
  settled(): boolean;
  /**
   * The clusters, numbered as detectClustersCSR numbers them. A worker that fails (it cannot start, or stops) is not
   * the user's problem: Louvain then runs on the calling thread, `onFallback` told why.
   */
  clustering: Promise<Clustering>;
  /** Stops the worker (the analysis stopped before its clusters were needed); the promise never settles then. */
  cancel(): void;
}

/**
 * Whether clustersInWorker is worth it for this network: it has ties, it is large enough (LOUVAIN_THREAD_ABOVE), and
 * a second core is there to run it (`threads` above 1, by default the machine's available parallelism). `inWorker`
 * settles it either way (tests).
 */
export function louvainInWorker(csr: UndirectedCSR, options: { threads?: number; inWorker?: boolean }): boolean {
  const entries = csr.offsets[csr.n];
  if (entries === 0) return false;
  return options.inWorker ?? ((options.threads ?? availableParallelism()) > 1 && entries >= LOUVAIN_THREAD_ABOVE);
}

/**
 * detectClustersCSR in a worker thread, so that the calling thread goes on with the work that needs no clusters
 * (articulation points, betweenness, distances to crossings, company groups, the red-flag rules) meanwhile. The worker
 * runs the same louvainCSR on a copy of the same arrays: the same clusters, whichever thread finds them.
 */
export function clustersInWorker(csr: UndirectedCSR, options: { seed?: number; resolution?: number; onFallback?: (why: string) => void }): ClustersInWorker {
  const seed = options.seed ?? CLUSTER_DEFAULTS.seed;
  const resolution = options.resolution ?? CLUSTER_DEFAULTS.resolution;
  let done = false;
  const found = new Int32Array(new SharedArrayBuffer(4));
  const data: LouvainThreadData = { n: csr.n, offsets: csr.offsets, targets: csr.targets, weights: csr.weights, seed, resolution, found };
  const run = answerOnce<Clustering, LouvainThreadResult>(
    'louvain-worker',
    data,
    (m) => numberClusters(csr.keys, m.community, m.modularity),
    (why) => {
      options.onFallback?.(why);
      return detectClustersCSR(csr, { seed, resolution });
    },
  );
  const clustering = run.answer.finally(() => {
    done = true;
  });
  return { settled: () => done || Atomics.load(found, 0) === 1, clustering, cancel: run.cancel };
}
