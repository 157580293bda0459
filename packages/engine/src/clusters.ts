import type { OnStep } from './progress';
import type { UndirectedGraph } from 'graphology';
import { toUndirectedCSR, type UndirectedCSR } from './csr';
import { EngineInputError } from './errors';
import { louvainCSR, modularityCSR } from './louvain';

export interface ClusterOptions {
  /** Seed of the random choices Louvain makes; the same graph and seed give the same clusters. */
  seed?: number;
  /** Louvain resolution: above 1 gives more, smaller clusters. */
  resolution?: number;
  /** Edge attribute with the weight (graphology graphs only; a CSR carries its weights). */
  weightAttribute?: string;
  /** Called as Louvain goes on (see LouvainOptions.onStep). */
  onStep?: OnStep;
}

export const CLUSTER_DEFAULTS = { seed: 1, resolution: 1, weightAttribute: 'weight' } as const;

export interface Clustering {
  /** Cluster of each node, numbered 1, 2, … from the largest cluster down (ties: by first member). A Map: node keys may be any text. */
  cluster: Map<string, number>;
  /** Members of each cluster in node order; `members[0]` belongs to cluster 1. */
  members: string[][];
  /** The same members as positions of the nodes (in the graph's keys): what the analysis reads, with no lookup of a key. */
  nodes: number[][];
  modularity: number;
}

/**
 * Community detection: Louvain with a Leiden-style refinement on typed arrays (louvain.ts), seeded,
 * renumbered so cluster ids do not depend on the algorithm's internal numbering.
 */
export function detectClusters(graph: UndirectedGraph, options: ClusterOptions = {}): Clustering {
  return detectClustersCSR(toUndirectedCSR(graph, { weightAttribute: options.weightAttribute ?? CLUSTER_DEFAULTS.weightAttribute }), options);
}

/** detectClusters on a weighted CSR (its `weights` are the edge weights). */
export function detectClustersCSR(csr: UndirectedCSR, options: ClusterOptions = {}): Clustering {
  const seed = options.seed ?? CLUSTER_DEFAULTS.seed;
  const resolution = options.resolution ?? CLUSTER_DEFAULTS.resolution;
  if (csr.offsets[csr.n] === 0) {
    return numberClusters(csr.keys, Int32Array.from(csr.keys, (_k, i) => i), 0);
  }
  const result = louvainCSR(csr, { seed, resolution, onStep: options.onStep });
  return numberClusters(csr.keys, result.community, result.modularity);
}

/**
 * Clusters given from elsewhere (for example Louvain run by Neo4j GDS), numbered as detectClusters numbers its
 * own: 1, 2, … from the largest down, ties by first member. `assignment` maps every node to a community id of
 * any numbering (a finite number). The modularity is computed here, on this graph and its weights, so that it
 * means the same whichever algorithm found the clusters. Throws EngineInputError when a node has no community
 * or its community is not a finite number.
 */
export function clustersFromAssignment(graph: UndirectedGraph, assignment: ReadonlyMap<string, number>, weightAttribute: string = CLUSTER_DEFAULTS.weightAttribute): Clustering {
  return clustersFromAssignmentCSR(toUndirectedCSR(graph, { weightAttribute }), assignment);
}

/** clustersFromAssignment on a weighted CSR. */
export function clustersFromAssignmentCSR(csr: UndirectedCSR, assignment: ReadonlyMap<string, number>): Clustering {
  const missing: string[] = [];
  const invalid: string[] = [];
  const labels = new Map<number, number>();
  const community = new Int32Array(csr.n);
  csr.keys.forEach((key, i) => {
    const c = assignment.get(key);
    if (c === undefined) missing.push(key);
    else if (typeof c !== 'number' || !Number.isFinite(c)) invalid.push(key);
    else {
      let label = labels.get(c);
      if (label === undefined) labels.set(c, (label = labels.size));
      community[i] = label;
    }
  });
  if (missing.length > 0) throw new EngineInputError(`no community for ${missing.length} node(s), e.g. ${JSON.stringify(missing[0])}`);
  if (invalid.length > 0) {
    throw new EngineInputError(`the community of ${invalid.length} node(s) is not a finite number, e.g. ${JSON.stringify(invalid[0])}: ${String(assignment.get(invalid[0]))}`);
  }
  const numbered = numberClusters(csr.keys, community, 0);
  const ranks = new Int32Array(csr.n);
  csr.keys.forEach((key, i) => (ranks[i] = numbered.cluster.get(key)! - 1));
  return { ...numbered, modularity: modularityCSR(csr, ranks) };
}

/** Numbers communities (any labels, one per node in key order) 1, 2, … from the largest down, ties by first member. */
export function numberClusters(keys: readonly string[], community: Int32Array, modularity: number): Clustering {
  const groups = new Map<number, number[]>();
  keys.forEach((_key, i) => {
    const list = groups.get(community[i]);
    if (list) list.push(i);
    else groups.set(community[i], [i]);
  });
  const order = [...groups.values()].sort((a, b) => b.length - a.length || a[0] - b[0]);
  const cluster = new Map<string, number>();
  order.forEach((list, c) => list.forEach((i) => cluster.set(keys[i], c + 1)));
  return { cluster, members: order.map((list) => list.map((i) => keys[i])), nodes: order, modularity };
}

/** Newman's modularity of a partition of a weighted undirected graph (resolution 1). */
export function modularity(graph: UndirectedGraph, cluster: ReadonlyMap<string, number>, weightAttribute = 'weight'): number {
  let total = 0;
  const strength = new Map<string, number>();
  const internal = new Map<number | undefined, number>();
  const degreeSum = new Map<number | undefined, number>();
  graph.forEachEdge((_e, attrs, s, t) => {
    const w = Number(attrs[weightAttribute] ?? 1);
    total += w;
    strength.set(s, (strength.get(s) ?? 0) + w);
    strength.set(t, (strength.get(t) ?? 0) + w);
    const cs = cluster.get(s);
    if (cs === cluster.get(t)) internal.set(cs, (internal.get(cs) ?? 0) + w);
  });
  if (total === 0) return 0;
  for (const [node, k] of strength) degreeSum.set(cluster.get(node), (degreeSum.get(cluster.get(node)) ?? 0) + k);
  let q = 0;
  for (const [c, sum] of degreeSum) q += (internal.get(c) ?? 0) / total - (sum / (2 * total)) ** 2;
  return q;
}
