import type { Bundle } from '@chokepoint/model';
import { betweennessCSR, betweennessScale } from './betweenness';
import { availableParallelism } from 'node:os';
import { brokerage, type BrokerageInput, type BrokerageResult } from './brokerage';
import { brokerageInWorker, BROKERAGE_THREAD_ABOVE } from './brokerage-thread';
import { groupTieKinds } from './groups';
import { betweennessRunCSR, type BetweennessRun } from './parallel';
import { clustersFromAssignmentCSR, detectClustersCSR, CLUSTER_DEFAULTS, type Clustering } from './clusters';
import type { UndirectedCSR } from './csr';
import { cutPointsCSR } from './cut-points';
import { EngineInputError } from './errors';
import { groupGeography, nearestSite, type NearestSite, type Site } from './geo';
import { KEY_NODE_DEFAULTS, rankKeyNodes, type FlagTally, type KeyNode } from './key-nodes';
import type { Controlled } from './control';
import { checkedBundle, checkedIfValid, type CheckedBundle } from './input';
import { countWords, stepsOf, type OnStep, type ProgressStep } from './progress';
import { projectBundle } from './projection';
import { clustersInWorker, louvainInWorker, type ClustersInWorker } from './louvain-thread';
import { largeFloat64Array, largeInt32Array, largeUint8Array } from './arrays';

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
  /**
   * A cluster or company group is near a border when enough of its members are located and their median distance to
   * the nearest crossing is within this many km (see PROXIMITY_DEFAULTS).
   */
  radiusKm?: number;
  /** How many key nodes to rank (used by rankKeyNodesOf). */
  topKeyNodes?: number;
  /**
   * Called as each stage starts (no step), and as a long one goes on (a step: how far along it is, in the words of
   * the message), so a caller can show progress. The engine itself prints nothing.
   */
  onProgress?: (message: string, step?: ProgressStep) => void;
  /**
   * Whether Louvain runs in a worker thread beside the stages that need no clusters (startAnalysis): by default when
   * the network is large and a second core is there (louvainInWorker). The clusters are the same either way.
   */
  clustersInWorker?: boolean;
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

/** How betweenness was computed: exactly, or estimated from sampled shortest paths with the bound achieved. */
export interface BetweennessInfo {
  exact: boolean;
  /** Searches the values rest on: every entity when exact; for an estimate, one per sampled path (its source). */
  sources: number;
  /**
   * For an estimate, the bound achieved (at most the one asked for): every value within ±epsilon of the exact one,
   * for all entities at once, with probability at least 1 − delta. Null when exact.
   */
  epsilon: number | null;
  delta: number | null;
  threads: number;
  /** 'exact': shortest paths counted from every entity (Brandes 2001); 'rk': shortest paths sampled between random pairs of entities (Riondato & Kornaropoulos 2016). */
  method: 'exact' | 'rk';
  /** The bound asked for (AnalyzeOptions.betweenness, or AUTO_EPSILON above AUTO_EXACT_LIMIT entities); null when exact values were asked for. */
  requestedEpsilon: number | null;
  /** Shortest paths sampled (0 when exact). */
  samples: number;
  /** Of the samples, the pairs of entities that are connected (a pair in different parts of the network has no path and adds nothing). */
  connectedSamples: number;
  /**
   * The upper bound on the vertex diameter (most entities on any shortest path) the sample size rests on:
   * samples = ⌈(c/ε′²)(⌊log2(vertexDiameter − 2)⌋ + 1 + ln(1/delta))⌉ with ε′ = ε(n − 2)/n, n the entities. Null when exact, unless
   * the bound itself showed every value to be 0 (no shortest path with an entity inside it).
   */
  vertexDiameter: number | null;
  /** The constant c of that sample size (0.5, as Riondato & Kornaropoulos and KADABRA use it). Null when exact. */
  constant: number | null;
  /** What the values promise, in words. */
  guarantee: string;
}

/** The BetweennessInfo of a run of the engine (exact or sampled), with the ε that was asked for (null: exact asked). */
export function betweennessInfoOf(run: BetweennessRun, requestedEpsilon: number | null): BetweennessInfo {
  return {
    exact: run.exact,
    sources: run.sources,
    epsilon: run.epsilon,
    delta: run.delta,
    threads: run.threads,
    method: run.method,
    requestedEpsilon,
    samples: run.samples,
    connectedSamples: run.connectedSamples,
    vertexDiameter: run.vertexDiameter,
    constant: run.constant,
    guarantee: run.guarantee,
  };
}

/** The BetweennessInfo of exact values (Brandes, or computed outside the engine: say by whom in `how`). */
export function exactBetweennessInfo(entities: number, threads: number, how = 'shortest paths counted from every entity (Brandes 2001)'): BetweennessInfo {
  return {
    exact: true,
    sources: entities,
    epsilon: null,
    delta: null,
    threads,
    method: 'exact',
    requestedEpsilon: null,
    samples: 0,
    connectedSamples: 0,
    vertexDiameter: null,
    constant: null,
    guarantee: `exact: ${how}`,
  };
}

export interface EntityResult {
  id: string;
  cluster: number;
  /** Normalized betweenness on the undirected projection, in [0, 1]. */
  betweenness: number;
  articulation: boolean;
  cutOff: number;
  /** Of the entities cut off, those cut off alone (loose ends). */
  loneCutOff: number;
  /** Entities in its connected part of the network, itself included. */
  componentSize: number;
  /** Distinct entities this one has a tie or a shipment with. */
  degree: number;
  /** Its company group (0: none), see companyGroups. */
  group: number;
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
  /** False when too few members have coordinates to say where the cluster lies. */
  enoughLocated: boolean;
  /** The member with the highest betweenness (ties: first in the input): a handle for people. */
  hub: string;
}

/** A company group (companyGroups) with its geography. */
export interface GroupResult {
  id: number;
  members: string[];
  size: number;
  /** Member countries (ISO codes), most frequent first. */
  countries: string[];
  /** The group's ties, by kind, with counts. */
  tieKinds: { kind: string; count: number }[];
  located: number;
  withinRadius: number;
  nearestPlace: { id: string; name: string; distanceKm: number; minDistanceKm: number } | null;
  borderProximate: boolean;
  enoughLocated: boolean;
  /** Clusters its members fall in, most members first. */
  clusters: number[];
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
  /** Company groups of two or more entities (ownership, directorship, family, shared address or phone). */
  groups: GroupResult[];
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
  return finish(bundle, options, prepared, raw.map((x) => x * scale), exactBetweennessInfo(n, 1));
}

/**
 * The same analysis with betweenness split across worker threads and, for large networks or when
 * asked, sampled with a stated error bound (see AnalyzeOptions.betweenness).
 */
export async function analyzeAsync(bundle: Bundle, options: AnalyzeOptions = {}): Promise<Analysis> {
  return (await startAnalysis(bundle, options)).complete();
}

/** What the red-flag rules read of an analysis: its parameters and each entity's nearest border crossing, in bundle order. */
export interface CrossingAnalysis {
  parameters: Analysis['parameters'];
  entities: readonly Pick<EntityResult, 'id' | 'nearestCrossing'>[];
}

/** An analysis whose clusters may still be being found, in a worker thread (startAnalysis). */
export interface AnalysisInProgress {
  /** Known already: what the red-flag rules read. */
  crossings: CrossingAnalysis;
  /** Whether the clusters are still being found. */
  clustersPending(): boolean;
  /** The whole analysis, once the clusters are found (the same object on every call). */
  complete(): Promise<Analysis>;
  /** Stops the search for clusters (for a caller that stops before it needs them). */
  cancel(): void;
}

/**
 * analyzeAsync in two steps. On a large network with a second core (see louvainInWorker), Louvain runs in a worker
 * thread while this one finds the articulation points, betweenness, distances to crossings and company groups, and
 * the caller goes on with what needs no clusters (the red-flag rules read only `crossings`): `complete()` then waits
 * for the clusters and finishes the analysis. The result is the same as analyze's, whichever thread found the
 * clusters (the same louvainCSR on the same arrays and seed).
 */
export async function startAnalysis(bundle: Bundle, options: AnalyzeOptions = {}): Promise<AnalysisInProgress> {
  if (options.external !== undefined) {
    const analysis = finishExternal(bundle, options, prepare(bundle, options), options.external);
    return { crossings: analysis, clustersPending: () => false, complete: () => Promise.resolve(analysis), cancel: () => undefined };
  }
  const seed = options.seed ?? ANALYZE_DEFAULTS.seed;
  const progress = options.onProgress ?? (() => undefined);
  const csr = buildGraph(bundle, options);
  let clusters: ClustersInWorker | undefined;
  let here: Clustering | undefined;
  const louvain = 'finding clusters (Louvain)';
  if (louvainInWorker(csr, { threads: options.threads, inWorker: options.clustersInWorker })) {
    progress(`${louvain} in a second thread, while the next stages go on`);
    clusters = clustersInWorker(csr, { seed, onFallback: (why) => progress(`finding clusters in a worker thread failed (${why}): finding them here instead`) });
  } else {
    progress(louvain);
    here = detectClustersCSR(csr, { seed, onStep: stepsOf(louvain, options.onProgress) });
  }
  try {
    progress('finding articulation points and bridges');
    const cuts = cutPointsCSR(csr);
    const mode = options.betweenness ?? 'auto';
    const sampling = mode === 'exact' ? null : mode === 'auto' ? (csr.n > AUTO_EXACT_LIMIT ? { epsilon: AUTO_EPSILON } : null) : mode;
    progress(sampling === null ? 'computing betweenness' : `estimating betweenness (±${sampling.epsilon})`);
    const run = await betweennessRunCSR(csr, { threads: options.threads, epsilon: sampling?.epsilon ?? null, delta: sampling?.delta, seed });
    const info = betweennessInfoOf(run, sampling?.epsilon ?? null);
    const before = beforeClusters(bundle, options);
    return inProgress(bundle, options, { csr, cuts, bc: run.values, before }, info, here ?? clusters!);
  } catch (err) {
    clusters?.cancel();
    throw err;
  }
}

/** What finishWith needs besides the clusters. */
interface Parts {
  csr: UndirectedCSR;
  cuts: ReturnType<typeof cutPointsCSR>;
  bc: Float64Array;
  before: BeforeClusters;
}

/** startAnalysis's answer (a function of its own, so that its closures hold only what they need). */
function inProgress(bundle: Bundle, options: AnalyzeOptions, given: Parts, info: BetweennessInfo, clusters: Clustering | ClustersInWorker): AnalysisInProgress {
  const nearest = given.before.nearest;
  const entities: Pick<EntityResult, 'id' | 'nearestCrossing'>[] = new Array(nearest.length);
  for (let i = 0; i < nearest.length; i++) entities[i] = { id: bundle.entities[i].id, nearestCrossing: nearest[i] };
  const worker = 'settled' in clusters ? clusters : undefined;
  // (let go once the analysis is made: the projection of a million entities is some hundreds of megabytes)
  let parts: Parts | undefined = given;
  const finished = async (): Promise<Analysis> => {
    const clustering = worker === undefined ? (clusters as Clustering) : await worker.clustering;
    const p = parts!;
    parts = undefined;
    return finishWith(bundle, options, p.csr, p.cuts, p.bc, info, p.before, clustering);
  };
  let analysis: Promise<Analysis> | undefined;
  return {
    crossings: { parameters: parametersOf(options), entities },
    clustersPending: () => worker !== undefined && !worker.settled(),
    complete: () => (analysis ??= finished()),
    cancel: () => worker?.cancel(),
  };
}

interface Prepared {
  clustering: Clustering;
  csr: UndirectedCSR;
  cuts: ReturnType<typeof cutPointsCSR>;
}

function prepare(bundle: Bundle, options: AnalyzeOptions): Prepared {
  const seed = options.seed ?? ANALYZE_DEFAULTS.seed;
  const progress = options.onProgress ?? (() => undefined);
  const csr = buildGraph(bundle, options);

  let clustering: Clustering;
  if (options.external === undefined) {
    const louvain = 'finding clusters (Louvain)';
    progress(louvain);
    clustering = detectClustersCSR(csr, { seed, onStep: stepsOf(louvain, options.onProgress) });
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

/** The weighted projection of a bundle, its ties' ends checked first. */
function buildGraph(bundle: Bundle, options: AnalyzeOptions): UndirectedCSR {
  const progress = options.onProgress ?? (() => undefined);
  const building = 'building the graph';
  progress(building);
  // The ends of every tie, checked (and kept for the projection and the analyses after it): at ten million ties, the
  // first half of the stage.
  checkedBundle(bundle);
  const ties = bundle.relations.length + bundle.shipments.length;
  stepsOf(building, options.onProgress)?.({ done: 1, total: 2, words: `the ends of ${countWords(ties, 'tie', 'ties')} checked` });
  // The weighted projection as typed arrays, keyed with Maps (ids such as "__proto__" are ordinary input).
  return projectBundle(bundle);
}

function finishExternal(bundle: Bundle, options: AnalyzeOptions, prepared: Prepared, external: ExternalResults): Analysis {
  const keys = prepared.csr.keys;
  const bc = largeFloat64Array(keys.length);
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

/**
 * The ties of the network by node position, for brokerage: relations both ways (a person who is the agent,
 * director or owner of two companies links them, whichever way the tie is written), and shipments from supplier
 * to buyer (goods go one way).
 */
function brokerageTies(bundle: Bundle, ends: CheckedBundle | undefined, indexOf: ReadonlyMap<string, number>): { ties: { source: Int32Array; target: Int32Array }; trade: { source: Int32Array; target: Int32Array } } {
  // Typed arrays of the most ties there can be, cut to those found: no array grown by pushing (at ten million ties,
  // the copies it leaves behind cost the collector more than the loop).
  const relations = bundle.relations;
  const shipments = bundle.shipments;
  // `ends`: when the nodes are the bundle's entities in order (as the analysis of this bundle makes them), its check,
  // whose ends of every tie serve: no id is looked up again (twenty million at 1M entities). Otherwise (another
  // order, or a bundle the check refuses) the ties are looked up one by one, the ends that are not nodes left out.
  const endOf = (id: string | undefined, tie: number, which: Int32Array | undefined): number | undefined =>
    which === undefined ? indexOf.get(id as string) : id === undefined ? undefined : which[tie];
  const src = largeInt32Array(2 * relations.length);
  const dst = largeInt32Array(2 * relations.length);
  let k = 0;
  for (let i = 0; i < relations.length; i++) {
    const r = relations[i];
    const a = endOf(r.source, i, ends?.from);
    const b = endOf(r.target, i, ends?.to);
    if (a === undefined || b === undefined) continue;
    src[k] = a;
    dst[k++] = b;
    src[k] = b;
    dst[k++] = a;
  }
  const r0 = relations.length;
  const tSrc = largeInt32Array(shipments.length);
  const tDst = largeInt32Array(shipments.length);
  let t = 0;
  for (let i = 0; i < shipments.length; i++) {
    const s = shipments[i];
    const a = endOf(s.supplier, r0 + i, ends?.from);
    const b = endOf(s.buyer, r0 + i, ends?.to);
    if (a === undefined || b === undefined) continue;
    tSrc[t] = a;
    tDst[t++] = b;
  }
  return { ties: { source: src.subarray(0, k), target: dst.subarray(0, k) }, trade: { source: tSrc.subarray(0, t), target: tDst.subarray(0, t) } };
}

function countriesByCount(list: readonly (string | undefined)[]): string[] {
  const count = new Map<string, number>();
  for (const c of list) if (c !== undefined) count.set(c, (count.get(c) ?? 0) + 1);
  return [...count].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k]) => k);
}

function parametersOf(options: AnalyzeOptions): Analysis['parameters'] {
  return { seed: options.seed ?? ANALYZE_DEFAULTS.seed, radiusKm: options.radiusKm ?? ANALYZE_DEFAULTS.radiusKm, topKeyNodes: options.topKeyNodes ?? ANALYZE_DEFAULTS.topKeyNodes };
}

/** What the analysis finds without the clusters: each entity's nearest crossing (bundle order) and the company groups. */
interface BeforeClusters {
  crossings: Site[];
  nearest: (NearestSite | null)[];
  grouping: ReturnType<typeof groupTieKinds>;
}

function beforeClusters(bundle: Bundle, options: AnalyzeOptions): BeforeClusters {
  const progress = options.onProgress ?? (() => undefined);
  progress('measuring distances to border crossings');
  const crossings: Site[] = bundle.places.filter((p) => p.kind === 'border_crossing');
  const nearest = bundle.entities.map((e) => (e.lat !== undefined && e.lon !== undefined ? nearestSite({ lat: e.lat, lon: e.lon }, crossings) ?? null : null));
  progress('finding company groups');
  // (the ends of the relations as the engine's check of the bundle found them, when it did: no id looked up again)
  const grouping = groupTieKinds(bundle, checkedIfValid(bundle));
  return { crossings, nearest, grouping };
}

function finish(bundle: Bundle, options: AnalyzeOptions, prepared: Prepared, bc: Float64Array, info: BetweennessInfo): Analysis {
  return finishWith(bundle, options, prepared.csr, prepared.cuts, bc, info, beforeClusters(bundle, options), prepared.clustering);
}

function finishWith(
  bundle: Bundle,
  options: AnalyzeOptions,
  csr: UndirectedCSR,
  cuts: ReturnType<typeof cutPointsCSR>,
  bc: Float64Array,
  info: BetweennessInfo,
  before: BeforeClusters,
  clustering: Clustering,
): Analysis {
  const radiusKm = options.radiusKm ?? ANALYZE_DEFAULTS.radiusKm;
  const n = csr.n;
  const { crossings, nearest, grouping } = before;
  const list = bundle.entities;
  // Node i is the bundle's entity i (projectBundle keys the nodes by the bundle's ids in order, which the check made
  // unique): entities, clusters and groups are read by position, with no map of a million ids.
  if (csr.keys.length !== list.length || !csr.keys.every((k, i) => k === list[i].id)) throw new Error('the analysis was given a graph whose nodes are not the bundle\'s entities in order');
  // Each node's cluster.
  const clusterOf = largeInt32Array(n);
  clustering.nodes.forEach((nodes, c) => {
    for (const i of nodes) clusterOf[i] = c + 1;
  });

  const entities: EntityResult[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const e = list[i];
    entities[i] = {
      id: e.id,
      cluster: clusterOf[i],
      betweenness: bc[i],
      articulation: cuts.articulation[i] === 1,
      cutOff: cuts.cutOff[i],
      loneCutOff: cuts.loneCutOff[i],
      componentSize: cuts.componentSizes[cuts.component[i]],
      degree: csr.offsets[i + 1] - csr.offsets[i],
      group: grouping.groupOf[i],
      nearestCrossing: nearest[i],
    };
  }

  const located = (nodes: readonly number[]) => {
    const out: { lat: number; lon: number }[] = [];
    for (const i of nodes) {
      const e = list[i];
      if (e.lat !== undefined && e.lon !== undefined) out.push({ lat: e.lat, lon: e.lon });
    }
    return out;
  };
  const countriesOf = (nodes: readonly number[]) => countriesByCount(nodes.map((i) => list[i].country));

  const clusters: ClusterResult[] = clustering.members.map((members, c) => {
    const id = c + 1;
    const nodes = clustering.nodes[c];
    let internal = 0;
    let external = 0;
    let hub = nodes[0];
    for (const i of nodes) {
      for (let j = csr.offsets[i]; j < csr.offsets[i + 1]; j++) {
        if (clusterOf[csr.targets[j]] === id) internal++;
        else external++;
      }
      if (bc[i] > bc[hub]) hub = i;
    }
    internal /= 2;
    const size = members.length;
    const geo = groupGeography(located(nodes), crossings, radiusKm, size);
    return {
      id,
      members,
      size,
      density: size < 2 ? null : internal / ((size * (size - 1)) / 2),
      internalTies: internal,
      externalTies: external,
      countries: countriesOf(nodes),
      located: geo.located,
      withinRadius: geo.withinRadius,
      nearestPlace: geo.nearest,
      borderProximate: geo.proximate,
      enoughLocated: geo.enoughLocated,
      hub: csr.keys[hub],
    };
  });

  // Each group's members by position, in bundle order as its members are listed (0: in no group).
  const groupNodes: number[][] = grouping.groups.map(() => []);
  for (let i = 0; i < list.length; i++) if (grouping.groupOf[i] > 0) groupNodes[grouping.groupOf[i] - 1].push(i);
  const groups: GroupResult[] = grouping.groups.map((g, x) => {
    const nodes = groupNodes[x];
    const geo = groupGeography(located(nodes), crossings, radiusKm, g.members.length);
    const inCluster = new Map<number, number>();
    for (const i of nodes) inCluster.set(clusterOf[i], (inCluster.get(clusterOf[i]) ?? 0) + 1);
    return {
      id: g.id,
      members: g.members,
      size: g.members.length,
      countries: countriesOf(nodes),
      tieKinds: g.tieKinds,
      located: geo.located,
      withinRadius: geo.withinRadius,
      nearestPlace: geo.nearest,
      borderProximate: geo.proximate,
      enoughLocated: geo.enoughLocated,
      clusters: [...inCluster].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([c]) => c),
    };
  });

  return {
    parameters: parametersOf(options),
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
    groups,
    bridges: cuts.bridges.map((b) => ({ source: csr.keys[b.u], target: csr.keys[b.v], sides: [b.sizeU, b.sizeV] })),
  };
}

/** What the key-node ranking needs beyond the analysis: red flags, control, and the flow of the goods under study. */
export interface KeyNodeExtras {
  /** Each entity's name by id (default: the names in the bundle; an entity without one is named by its id). */
  names?: ReadonlyMap<string, string>;
  controlled?: ReadonlyMap<string, readonly Controlled[]>;
  flags?: ReadonlyMap<string, FlagTally>;
  /** Share and amount of the flow lost when each entity alone is removed, by id; with the total, how amounts read, and the goods in words. */
  flowCut?: { lost: ReadonlyMap<string, { share: number; amount: number }>; total: number; format: (amount: number) => string; goods: string };
  top?: number;
  /**
   * The brokerage counts, when counted already (brokerageOfCase or brokerageInBackground, with the same flags and
   * control): not counted again.
   */
  brokerage?: BrokerageOfCase;
  /** Called as the ranking goes on: brokerage through ties counted, in trade counted, the nodes ranked (3 steps). */
  onStep?: OnStep;
}

/** Brokerage through ties (groups: company groups) and in trade (groups: clusters), counted for a case (rankKeyNodesOf). */
export interface BrokerageOfCase {
  ties: BrokerageResult;
  trade: BrokerageResult;
  /** Whether only paths touching the case counted (something is flagged), as rankKeyNodes reports it. */
  ofCase: boolean;
  /** Ties and shipments walked, for the progress words. */
  tieCount: number;
  tradeCount: number;
}

/** The analysis' entities by position: the check's index of the bundle when the keys are its entities in order. */
function keyIndex(analysis: Analysis, bundle: Bundle): { keys: string[]; same: boolean; checked: CheckedBundle | undefined; index: ReadonlyMap<string, number> } {
  const keys = analysis.entities.map((e) => e.id);
  const n = keys.length;
  // The analysis' entities are the bundle's, in its order (as analyze makes them): the check's index of the bundle
  // serves, with no map of a million ids made again. Otherwise, an index of their own.
  const entities = bundle.entities;
  const same = n === entities.length && keys.every((k, i) => k === entities[i].id);
  const checked = same ? checkedIfValid(bundle) : undefined;
  let index: ReadonlyMap<string, number>;
  if (checked !== undefined) index = checked.index;
  else {
    const own = new Map<string, number>();
    for (let i = 0; i < n; i++) own.set(keys[i], i);
    index = own;
  }
  return { keys, same, checked, index };
}

/** What brokerage counts, as typed arrays: the ties and the trade, each with its groups, the countries, the case. */
function brokerageInputs(
  analysis: Analysis,
  bundle: Bundle,
  extras: Pick<KeyNodeExtras, 'flags' | 'controlled'>,
  { same, checked, index }: ReturnType<typeof keyIndex> = keyIndex(analysis, bundle),
): { ties: BrokerageInput; trade: BrokerageInput; ofCase: boolean } {
  const n = analysis.entities.length;
  const entities = bundle.entities;
  // Brokerage through ties (groups: company groups; an entity in none is a group of its own) and in trade (clusters).
  // Countries numbered in the order of the entities (of `keys`) that have them.
  const countryOf: (string | undefined)[] = new Array(n).fill(undefined);
  if (same) for (let i = 0; i < n; i++) countryOf[i] = entities[i].country;
  else {
    for (const e of entities) {
      const i = index.get(e.id);
      if (i !== undefined) countryOf[i] = e.country;
    }
  }
  const countryIndex = new Map<string, number>();
  const country = largeInt32Array(n);
  for (let i = 0; i < n; i++) {
    const c = countryOf[i];
    if (c === undefined) country[i] = -1;
    else {
      let x = countryIndex.get(c);
      if (x === undefined) countryIndex.set(c, (x = countryIndex.size));
      country[i] = x;
    }
  }
  const relevant = largeUint8Array(n);
  let anyRelevant = false;
  const mark = (id: string) => {
    const i = index.get(id);
    if (i !== undefined) (relevant[i] = 1), (anyRelevant = true);
  };
  for (const id of extras.flags?.keys() ?? []) mark(id);
  for (const [id, list] of extras.controlled ?? []) if (list.some((c) => extras.flags?.has(c.id))) mark(id);
  const lists = brokerageTies(bundle, checked, index);
  const tieGroup = Int32Array.from(analysis.entities, (e, i) => (e.group > 0 ? e.group : -1 - i));
  const cluster = Int32Array.from(analysis.entities, (e) => e.cluster);
  const only = anyRelevant ? relevant : undefined;
  return {
    ties: { n, source: lists.ties.source, target: lists.ties.target, group: tieGroup, country, relevant: only },
    trade: { n, source: lists.trade.source, target: lists.trade.target, group: cluster, country, relevant: only },
    ofCase: anyRelevant,
  };
}

/** Brokerage for the key-node ranking, counted on this thread (what rankKeyNodesOf counts when not given it). */
export function brokerageOfCase(analysis: Analysis, bundle: Bundle, extras: Pick<KeyNodeExtras, 'flags' | 'controlled' | 'onStep'>): BrokerageOfCase {
  return countedHere(brokerageInputs(analysis, bundle, extras), extras.onStep);
}

/** Both counts of `input` on this thread, each step said. */
function countedHere(input: ReturnType<typeof brokerageInputs>, onStep: OnStep | undefined): BrokerageOfCase {
  const ties = brokerage(input.ties);
  onStep?.({ done: 1, total: 3, words: `brokerage through ${countWords(input.ties.source.length / 2, 'tie', 'ties')} counted` });
  const trade = brokerage(input.trade);
  onStep?.({ done: 2, total: 3, words: `brokerage in ${countWords(input.trade.source.length, 'shipment', 'shipments')} counted` });
  return ofCase(input, ties, trade);
}

function ofCase(input: ReturnType<typeof brokerageInputs>, ties: BrokerageResult, trade: BrokerageResult): BrokerageOfCase {
  return { ties, trade, ofCase: input.ofCase, tieCount: input.ties.source.length / 2, tradeCount: input.trade.source.length };
}

/**
 * brokerageOfCase in a worker thread (brokerage-thread.ts) when the network is large and a second thread is allowed,
 * so that the calling thread may compute the supply chokepoints meanwhile; on this thread otherwise. The same counts.
 */
export function brokerageInBackground(
  analysis: Analysis,
  bundle: Bundle,
  extras: Pick<KeyNodeExtras, 'flags' | 'controlled'>,
  options: { threads?: number; inWorker?: boolean } = {},
): { counts: Promise<BrokerageOfCase>; cancel(): void } {
  const input = brokerageInputs(analysis, bundle, extras);
  const edges = input.ties.source.length + input.trade.source.length;
  const worker = edges > 0 && (options.inWorker ?? ((options.threads ?? availableParallelism()) > 1 && edges >= BROKERAGE_THREAD_ABOVE));
  if (!worker) return { counts: Promise.resolve(countedHere(input, undefined)), cancel: () => undefined };
  const run = brokerageInWorker(input.ties, input.trade);
  return { counts: run.counts.then(([ties, trade]) => ofCase(input, ties, trade)), cancel: run.cancel };
}

/** The bundle's name of each key (its id when the entity has none), read by position when the keys are the bundle's. */
function namesOf(bundle: Bundle, keys: readonly string[], same: boolean): string[] {
  if (same) return keys.map((k, i) => bundle.entities[i].name ?? k);
  // Keys in another order: the last entity of an id names it, as a map from the bundle's entities would.
  const byId = new Map<string, string>();
  for (const e of bundle.entities) byId.set(e.id, e.name);
  return keys.map((k) => byId.get(k) ?? k);
}

/**
 * Ranks the key nodes of an analysed network (rankKeyNodes) with the flags, control and flow found after it. Brokerage
 * is counted here, once the flags are known: only two-step paths that touch the case (a flagged entity, or a
 * controller of one, at either end) count, unless nothing is flagged, when every path counts.
 */
export function rankKeyNodesOf(analysis: Analysis, bundle: Bundle, extras: KeyNodeExtras): KeyNode[] {
  const at = keyIndex(analysis, bundle);
  const { keys, same, index } = at;
  const n = keys.length;
  // (a loop: Float64Array.from walks an array through its iterator, several times slower at 100,000 entities)
  const f64 = (pick: (e: EntityResult) => number) => {
    const out = largeFloat64Array(n);
    for (let i = 0; i < n; i++) out[i] = pick(analysis.entities[i]);
    return out;
  };
  const lostShare = largeFloat64Array(n);
  const lost = largeFloat64Array(n);
  if (extras.flowCut) {
    for (const [id, x] of extras.flowCut.lost) {
      const i = index.get(id);
      if (i !== undefined) (lostShare[i] = x.share), (lost[i] = x.amount);
    }
  }
  let counted = extras.brokerage;
  if (counted === undefined) counted = countedHere(brokerageInputs(analysis, bundle, extras, at), extras.onStep);
  else {
    extras.onStep?.({ done: 1, total: 3, words: `brokerage through ${countWords(counted.tieCount, 'tie', 'ties')} counted` });
    extras.onStep?.({ done: 2, total: 3, words: `brokerage in ${countWords(counted.tradeCount, 'shipment', 'shipments')} counted` });
  }
  const ranked = rankKeyNodes(
    {
      keys,
      names: extras.names !== undefined ? keys.map((k) => extras.names!.get(k) ?? k) : namesOf(bundle, keys, same),
      cluster: analysis.entities.map((e) => e.cluster),
      betweenness: f64((e) => e.betweenness),
      articulation: Uint8Array.from(analysis.entities, (e) => (e.articulation ? 1 : 0)),
      cutOff: f64((e) => e.cutOff),
      loneCutOff: f64((e) => e.loneCutOff),
      componentSize: f64((e) => e.componentSize),
      bridges: analysis.bridges.map((b) => ({ u: index.get(b.source)!, v: index.get(b.target)!, sizeU: b.sides[0], sizeV: b.sides[1] })),
      brokerage: { ties: counted.ties, trade: counted.trade },
      brokerageOfCase: counted.ofCase,
      controlled: extras.controlled,
      flags: extras.flags,
      flowCut: extras.flowCut && { lostShare, lost, total: extras.flowCut.total, format: extras.flowCut.format, goods: extras.flowCut.goods },
      degree: f64((e) => e.degree),
    },
    { top: extras.top ?? analysis.parameters.topKeyNodes ?? KEY_NODE_DEFAULTS.top },
  );
  extras.onStep?.({ done: 3, total: 3, words: `${countWords(ranked.length, 'key node', 'key nodes')} ranked` });
  return ranked;
}
