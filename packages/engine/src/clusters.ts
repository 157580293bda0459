import type { UndirectedGraph } from 'graphology';
import { toUndirectedCSR } from './csr';
import { louvainCSR } from './louvain';

export interface ClusterOptions {
  /** Seed of the random choices Louvain makes; the same graph and seed give the same clusters. */
  seed?: number;
  /** Louvain resolution: above 1 gives more, smaller clusters. */
  resolution?: number;
  /** Edge attribute with the weight. */
  weightAttribute?: string;
}

export const CLUSTER_DEFAULTS = { seed: 1, resolution: 1, weightAttribute: 'weight' } as const;

export interface Clustering {
  /** Cluster of each node, numbered 1, 2, … from the largest cluster down (ties: by first member). */
  cluster: Record<string, number>;
  /** Members of each cluster in node order; `members[0]` belongs to cluster 1. */
  members: string[][];
  modularity: number;
}

/**
 * Community detection: Louvain with a Leiden-style refinement on typed arrays (louvain.ts), seeded,
 * renumbered so cluster ids do not depend on the algorithm's internal numbering.
 */
export function detectClusters(graph: UndirectedGraph, options: ClusterOptions = {}): Clustering {
  const seed = options.seed ?? CLUSTER_DEFAULTS.seed;
  const resolution = options.resolution ?? CLUSTER_DEFAULTS.resolution;
  const weightAttribute = options.weightAttribute ?? CLUSTER_DEFAULTS.weightAttribute;
  const nodes = graph.nodes();
  let raw: Record<string, number>;
  let modularity = 0;
  if (graph.size === 0) {
    raw = {};
    nodes.forEach((node, i) => (raw[node] = i));
  } else {
    const csr = toUndirectedCSR(graph, { weightAttribute });
    const result = louvainCSR(csr, { seed, resolution });
    raw = {};
    csr.keys.forEach((key, i) => (raw[key] = result.community[i]));
    modularity = result.modularity;
  }
  return numberClusters(nodes, raw, modularity);
}

/**
 * Clusters given from elsewhere (for example Louvain run by Neo4j GDS), numbered as detectClusters numbers its
 * own: 1, 2, … from the largest down, ties by first member. `assignment` maps every node to a community id of
 * any numbering. The modularity is computed here, on this graph and its weights, so that it means the same
 * whichever algorithm found the clusters. Throws RangeError when a node has no community.
 */
export function clustersFromAssignment(graph: UndirectedGraph, assignment: Readonly<Record<string, number>>, weightAttribute: string = CLUSTER_DEFAULTS.weightAttribute): Clustering {
  const nodes = graph.nodes();
  const missing = nodes.filter((node) => typeof assignment[node] !== 'number');
  if (missing.length > 0) throw new RangeError(`no community for ${missing.length} node(s), e.g. ${JSON.stringify(missing[0])}`);
  const numbered = numberClusters(nodes, assignment, 0);
  return { ...numbered, modularity: modularity(graph, numbered.cluster, weightAttribute) };
}

function numberClusters(nodes: string[], raw: Readonly<Record<string, number>>, modularity: number): Clustering {
  const groups = new Map<number, string[]>();
  for (const node of nodes) {
    const c = raw[node];
    const list = groups.get(c);
    if (list) list.push(node);
    else groups.set(c, [node]);
  }
  const position = new Map<string, number>();
  nodes.forEach((node, i) => position.set(node, i));
  const members = [...groups.values()].sort((a, b) => b.length - a.length || position.get(a[0])! - position.get(b[0])!);
  const cluster: Record<string, number> = {};
  members.forEach((list, i) => list.forEach((node) => (cluster[node] = i + 1)));
  return { cluster, members, modularity };
}

/** Newman's modularity of a partition of a weighted undirected graph (resolution 1). */
export function modularity(graph: UndirectedGraph, cluster: Record<string, number>, weightAttribute = 'weight'): number {
  let total = 0;
  const strength = new Map<string, number>();
  const internal = new Map<number, number>();
  const degreeSum = new Map<number, number>();
  graph.forEachEdge((_e, attrs, s, t) => {
    const w = Number(attrs[weightAttribute] ?? 1);
    total += w;
    strength.set(s, (strength.get(s) ?? 0) + w);
    strength.set(t, (strength.get(t) ?? 0) + w);
    if (cluster[s] === cluster[t]) internal.set(cluster[s], (internal.get(cluster[s]) ?? 0) + w);
  });
  if (total === 0) return 0;
  for (const [node, k] of strength) degreeSum.set(cluster[node], (degreeSum.get(cluster[node]) ?? 0) + k);
  let q = 0;
  for (const [c, sum] of degreeSum) q += (internal.get(c) ?? 0) / total - (sum / (2 * total)) ** 2;
  return q;
}
