import type { Bundle } from '@chokepoint/model';
import { betweennessCSR, betweennessScale } from './betweenness';
import { betweennessRunCSR } from './parallel';
import { clustersFromAssignmentCSR, detectClustersCSR, CLUSTER_DEFAULTS, type Clustering } from './clusters';
import type { UndirectedCSR } from './csr';
import { cutPointsCSR } from './cut-points';
import { EngineInputError } from './errors';
import { groupGeography, nearestSite, type NearestSite, type Site } from './geo';
import { KEY_NODE_DEFAULTS, rankKeyNodes, type KeyNode } from './key-nodes';
import { projectBundle } from './projection';

export interface AnalyzeOptions {
  /** Worker threads for betweenness (analyzeAsync only). */
  threads?: number;
  /**
   * Betweenness sampling: a bound epsilon (estimates within ±epsilon with probability 1 − delta),
   * 'exact', or 'auto' (exact up to AUTO_EXACT_LIMIT entities, epsilon 0.1 above). analyzeAsync only.
   */
  betweenness?: 'auto' | 'exact' | { epsilon: number; delta?: number };
  /** Seed for every random choice (Louvain). */
  seed?: number;
  /** A cluster is near a border when at least half of its located members lie within this many km of a crossing. */
  radiusKm?: number;
  /** How many key nodes to rank. */
  topKeyNodes?: number;
  /** Called as each stage starts, so a caller can show progress. The engine itself prints nothing. */
  onProgress?: (stage: string) => void;
  /**
   * Communities and betweenness computed elsewhere (Neo4j's Graph Data Science library), used instead of the
   * engine's Louvain and Brandes. Everything else (articulation points, bridges, geography, key-node ranking) is
   * computed as usual on the same projection.
   */
  external?: ExternalResults;
}

export interface ExternalResults {
  /** Entity id → community (any numbering, finite numbers). Every entity needs one. */
  communities: ReadonlyMap<string, number>;
  /** Entity id → betweenness, normalized as the engine's (shares of pairs, in [0, 1]). Every entity needs one. */
  betweenness: ReadonlyMap<string, number>;
  /** How betweenness was computed (exact, or sampled with its bound). */
  betweennessInfo: BetweennessInfo;
  /** Who computed them, in words, e.g. "Neo4j Graph Data Science 2.13.9 (gds.louvain, gds.betweenness)". */
  computedBy: string;
}

export const ANALYZE_DEFAULTS = { seed: CLUSTER_DEFAULTS.seed, radiusKm: 50, topKeyNodes: KEY_NODE_DEFAULTS.top } as const;

/** Networks up to this many entities get exact betweenness in 'auto' mode; larger ones are sampled. */
export const AUTO_EXACT_LIMIT = 20000;
export const AUTO_EPSILON = 0.1;

/** How betweenness was computed: exactly, or from sampled sources with the bound achieved. */
export interface BetweennessInfo {
  exact: boolean;
  sources: number;
  epsilon: number | null;
  delta: number | null;
  threads: number;
}

export interface EntityResult {
  id: string;
  cluster: number;
  /** Normalized betweenness on the undirected projection, in [0, 1]. */
  betweenness: number;
  articulation: boolean;
  cutOff: number;
  /** Distinct entities this one has a tie or a shipment with. */
  degree: number;
  /** Nearest border crossing, when the entity has coordinates and the bundle has crossings. */
  nearestCrossing: NearestSite | null;
}

export interface ClusterResult {
  id: number;
  members: string[];
  size: number;
  /** Share of member pairs that are directly tied, in [0, 1]; null for a cluster of one. */
  density: number | null;
  /** Pairs of members directly tied. */
  internalTies: number;
  /** Ties from members to entities outside the cluster. */
  externalTies: number;
  /** Member countries (ISO codes), most frequent first. */
  countries: string[];
  located: number;
  withinRadius: number;
  nearestPlace: { id: string; name: string; distanceKm: number; minDistanceKm: number } | null;
  borderProximate: boolean;
  /** The member with the highest betweenness (ties: first in the input): a handle for people. */
  hub: string;
}

export interface BridgeResult {
  source: string;
  target: string;
  sides: [number, number];
}

export interface Analysis {
  parameters: { seed: number; radiusKm: number; topKeyNodes: number };
  network: {
    betweenness: BetweennessInfo;
    entities: number;
    /** Connected pairs in the undirected projection. */
    ties: number;
    components: number;
    largestComponent: number;
    modularity: number;
    /** Present when clusters and betweenness were computed outside the engine (AnalyzeOptions.external). */
    computedBy?: string;
  };
  entities: EntityResult[];
  clusters: ClusterResult[];
  keyNodes: KeyNode[];
  bridges: BridgeResult[];
}

/**
 * The first end-to-end analysis: clusters (Louvain on the weighted undirected projection) with their
 * distance to border crossings, and key nodes (articulation points, cut-off counts, bridges,
 * betweenness). Pure: bundle and options in, plain data out.
 */
export function analyze(bundle: Bundle, options: AnalyzeOptions = {}): Analysis {
  const prepared = prepare(bundle, options);
  if (options.external !== undefined) return finishExternal(bundle, options, prepared, options.external);
  const progress = options.onProgress ?? (() => undefined);
  progress('computing betweenness');
  const raw = betweennessCSR(prepared.csr);
  const n = prepared.csr.n;
  const scale = betweennessScale(n);
  return finish(bundle, options, prepared, raw.map((x) => x * scale), { exact: true, sources: n, epsilon: null, delta: null, threads: 1 });
}

/**
 * The same analysis with betweenness split across worker threads and, for large networks or when
 * asked, sampled with a stated error bound (see AnalyzeOptions.betweenness).
 */
export async function analyzeAsync(bundle: Bundle, options: AnalyzeOptions = {}): Promise<Analysis> {
  const prepared = prepare(bundle, options);
  if (options.external !== undefined) return finishExternal(bundle, options, prepared, options.external);
  const progress = options.onProgress ?? (() => undefined);
  const mode = options.betweenness ?? 'auto';
  const n = prepared.csr.n;
  const sampling = mode === 'exact' ? null : mode === 'auto' ? (n > AUTO_EXACT_LIMIT ? { epsilon: AUTO_EPSILON } : null) : mode;
  progress(sampling === null ? 'computing betweenness' : `estimating betweenness (±${sampling.epsilon})`);
  const run = await betweennessRunCSR(prepared.csr, { threads: options.threads, epsilon: sampling?.epsilon ?? null, delta: sampling?.delta, seed: options.seed ?? ANALYZE_DEFAULTS.seed });
  return finish(bundle, options, prepared, run.values, { exact: run.exact, sources: run.sources, epsilon: run.epsilon, delta: run.delta, threads: run.threads });
}

interface Prepared {
  clustering: Clustering;
  csr: UndirectedCSR;
  cuts: ReturnType<typeof cutPointsCSR>;
}

function prepare(bundle: Bundle, options: AnalyzeOptions): Prepared {
  const seed = options.seed ?? ANALYZE_DEFAULTS.seed;
  const progress = options.onProgress ?? (() => undefined);
  progress('building the graph');
  // The weighted projection as typed arrays, keyed with Maps (ids such as "__proto__" are ordinary input).
  const csr = projectBundle(bundle);

  let clustering: Clustering;
  if (options.external === undefined) {
    progress('finding clusters (Louvain)');
    clustering = detectClustersCSR(csr, { seed });
  } else {
    try {
      clustering = clustersFromAssignmentCSR(csr, options.external.communities);
    } catch (err) {
      if (!(err instanceof EngineInputError)) throw err;
      throw new EngineInputError(`external clusters (${options.external.computedBy}): ${err.message}`);
    }
  }

  progress('finding articulation points and bridges');
  const cuts = cutPointsCSR(csr);

  return { clustering, csr, cuts };
}

function finishExternal(bundle: Bundle, options: AnalyzeOptions, prepared: Prepared, external: ExternalResults): Analysis {
  const keys = prepared.csr.keys;
  const bc = new Float64Array(keys.length);
  const missing: string[] = [];
  const invalid: string[] = [];
  keys.forEach((k, i) => {
    const v = external.betweenness.get(k);
    if (v === undefined) missing.push(k);
    // Shares of pairs: from 0 to 1 (a rounding error above 1 is allowed; NaN and infinities fail both tests).
    else if (typeof v === 'number' && v >= 0 && v <= 1 + 1e-9) bc[i] = v;
    else invalid.push(k);
  });
  if (missing.length > 0) throw new EngineInputError(`external betweenness (${external.computedBy}): no value for ${missing.length} entities, e.g. ${JSON.stringify(missing[0])}`);
  if (invalid.length > 0) {
    const v = external.betweenness.get(invalid[0]);
    throw new EngineInputError(`external betweenness (${external.computedBy}): ${invalid.length} values are not numbers from 0 to 1, e.g. ${JSON.stringify(invalid[0])}: ${typeof v === 'number' ? String(v) : JSON.stringify(v)}`);
  }
  const analysis = finish(bundle, options, prepared, bc, external.betweennessInfo);
  return { ...analysis, network: { ...analysis.network, computedBy: external.computedBy } };
}

function finish(bundle: Bundle, options: AnalyzeOptions, prepared: Prepared, bc: Float64Array, info: BetweennessInfo): Analysis {
  const seed = options.seed ?? ANALYZE_DEFAULTS.seed;
  const radiusKm = options.radiusKm ?? ANALYZE_DEFAULTS.radiusKm;
  const topKeyNodes = options.topKeyNodes ?? ANALYZE_DEFAULTS.topKeyNodes;
  const progress = options.onProgress ?? (() => undefined);
  const { clustering, csr, cuts } = prepared;
  const n = csr.n;

  progress('measuring distances to border crossings');
  const crossings: Site[] = bundle.places.filter((p) => p.kind === 'border_crossing');
  const entityById = new Map(bundle.entities.map((e) => [e.id, e]));
  const indexOf = new Map(csr.keys.map((k, i) => [k, i]));
  const clusterOf = csr.keys.map((k) => clustering.cluster.get(k)!);

  const entities: EntityResult[] = bundle.entities.map((e) => {
    const i = indexOf.get(e.id)!;
    const located = e.lat !== undefined && e.lon !== undefined;
    return {
      id: e.id,
      cluster: clusterOf[i],
      betweenness: bc[i],
      articulation: cuts.articulation[i] === 1,
      cutOff: cuts.cutOff[i],
      degree: csr.offsets[i + 1] - csr.offsets[i],
      nearestCrossing: located ? nearestSite({ lat: e.lat!, lon: e.lon! }, crossings) ?? null : null,
    };
  });

  const clusters: ClusterResult[] = clustering.members.map((members, c) => {
    const id = c + 1;
    let internal = 0;
    let external = 0;
    let hub = members[0];
    const countryCount = new Map<string, number>();
    for (const m of members) {
      const i = indexOf.get(m)!;
      for (let j = csr.offsets[i]; j < csr.offsets[i + 1]; j++) {
        if (clusterOf[csr.targets[j]] === id) internal++;
        else external++;
      }
      if (bc[i] > bc[indexOf.get(hub)!]) hub = m;
      const country = entityById.get(m)!.country;
      if (country !== undefined) countryCount.set(country, (countryCount.get(country) ?? 0) + 1);
    }
    internal /= 2;
    const size = members.length;
    const points = members
      .map((m) => entityById.get(m)!)
      .filter((e) => e.lat !== undefined && e.lon !== undefined)
      .map((e) => ({ lat: e.lat!, lon: e.lon! }));
    const geo = groupGeography(points, crossings, radiusKm);
    return {
      id,
      members,
      size,
      density: size < 2 ? null : internal / ((size * (size - 1)) / 2),
      internalTies: internal,
      externalTies: external,
      countries: [...countryCount].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k]) => k),
      located: geo.located,
      withinRadius: geo.withinRadius,
      nearestPlace: geo.nearest,
      borderProximate: geo.proximate,
      hub,
    };
  });

  progress('ranking key nodes');
  const componentSize = csr.keys.map((_k, i) => cuts.componentSizes[cuts.component[i]]);
  const keyNodes = rankKeyNodes(
    {
      keys: csr.keys,
      names: csr.keys.map((k) => entityById.get(k)!.name),
      cluster: clusterOf,
      betweenness: bc,
      articulation: cuts.articulation,
      cutOff: cuts.cutOff,
      componentSize,
      bridges: cuts.bridges,
      neighbours: function* (i: number) {
        for (let j = csr.offsets[i]; j < csr.offsets[i + 1]; j++) yield csr.targets[j];
      },
    },
    { top: topKeyNodes },
  );

  return {
    parameters: { seed, radiusKm, topKeyNodes },
    network: {
      betweenness: info,
      entities: n,
      ties: csr.targets.length / 2,
      components: cuts.componentSizes.length,
      largestComponent: cuts.componentSizes.reduce((a, b) => Math.max(a, b), 0),
      modularity: clustering.modularity,
    },
    entities,
    clusters,
    keyNodes,
    bridges: cuts.bridges.map((b) => ({ source: csr.keys[b.u], target: csr.keys[b.v], sides: [b.sizeU, b.sizeV] })),
  };
}

