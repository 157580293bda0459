import { entityIndexOf, recordTable, type RecordTable, type Report, type ReportCluster, type ReportEntity, type ReportRelation, type ReportShipment } from '@chokepoint/report';
import { pairKey } from '@chokepoint/case';
import type { NamedEntity, Scope, ScopeReport } from './scope-types';

export type { NamedEntity, Scope, ScopeReport } from './scope-types';

/**
 * The viewer at scale: above a number of entities, the browser is not sent the whole report but a scope of it: the
 * overview (one node per cluster, sized by its members, ties between clusters counted), or the neighbourhood of a
 * cluster (its members, with the clusters around it as single nodes) or of an entity (what lies within a few hops).
 * A scope is report-shaped, so the web app draws it like any report, and carries a `scope` that says what it is.
 * Everything here is pure: the report and options in, plain data out.
 */

/** Above this many entities, `chokepoint view` opens on the overview (an option of the command). */
export const OVERVIEW_ABOVE = 20_000;

/** The id of a cluster's node in a scope (`cluster:7`), lengthened with `~` when the report has entity ids like it. */
export const CLUSTER_NODE_PREFIX = 'cluster:';

export interface ScopeLimits {
  /** Most entities (members and neighbour clusters together) a neighbourhood holds. */
  maxNodes: number;
  /** Most ties (relations and shipments, each counted) a neighbourhood holds. */
  maxTies: number;
  /** Most lines between clusters the overview draws (the pairs joined by most ties). */
  maxOverviewTies: number;
  /**
   * Most clusters the overview draws (the largest; among clusters of one size, those with most flagged members). A
   * register of a million entities most of which have no tie (a sanctions list) has hundreds of thousands of clusters
   * of one entity each: all of them were an overview of 142 MB for 200,000 such entities, which the server refused.
   */
  maxOverviewClusters: number;
}

export const DEFAULT_LIMITS: ScopeLimits = { maxNodes: 5_000, maxTies: 60_000, maxOverviewTies: 10_000, maxOverviewClusters: 5_000 };

/** What a server keeps to answer scope requests quickly: built once per report. */
export interface ScaleIndex {
  /** The report (its relations and shipments may be left out: `records` has them). */
  report: Report;
  entityIndex: ReadonlyMap<string, number>;
  /** The report's relations and shipments: their ends, and the records read when a piece needs them. */
  records: RecordTable;
  /** Per entity i: its ties, as record numbers (relations first, then shipments), tieList[tieStart[i] … tieStart[i + 1]). */
  tieStart: Int32Array;
  tieList: Int32Array;
  clusters: Map<number, ReportCluster>;
  /** Cluster id of each entity (by entity index). */
  clusterOf: number[];
  /** What cluster node ids start with: CLUSTER_NODE_PREFIX, unless an entity id already does. */
  prefix: string;
  /** The whole report's red flags by rule and severity (Scope.ruleCounts). */
  ruleCounts: NonNullable<Scope['ruleCounts']>;
}

/**
 * The index of a report for its pieces. `records`: the table of its relations and shipments when they are not in the
 * report (companionRecordTable reads a records file's ends only); by default, the report's own.
 */
export function buildScaleIndex(report: Report, records?: RecordTable): ScaleIndex {
  const table = records ?? recordTable(report, entityIndexOf(report));
  const n = report.entities.length;
  const total = table.from.length;
  // Each record is a tie of both its ends (once, for a record that ties an entity to itself), in record order.
  const tieStart = new Int32Array(n + 1);
  for (let k = 0; k < total; k++) {
    tieStart[table.from[k] + 1]++;
    if (table.to[k] !== table.from[k]) tieStart[table.to[k] + 1]++;
  }
  for (let i = 0; i < n; i++) tieStart[i + 1] += tieStart[i];
  const tieList = new Int32Array(tieStart[n]);
  const next = tieStart.slice(0, n);
  for (let k = 0; k < total; k++) {
    tieList[next[table.from[k]]++] = k;
    if (table.to[k] !== table.from[k]) tieList[next[table.to[k]]++] = k;
  }
  let prefix = CLUSTER_NODE_PREFIX;
  while (report.entities.some((e) => e.id.startsWith(prefix))) prefix = `~${prefix}`;
  const byRule = new Map(report.flagRules.map((r) => [r.id, { high: 0, medium: 0, low: 0 }]));
  for (const f of report.flags) {
    let counts = byRule.get(f.rule);
    if (counts === undefined) byRule.set(f.rule, (counts = { high: 0, medium: 0, low: 0 }));
    counts[f.severity]++;
  }
  const clusters = new Map(report.clusters.map((c) => [c.id, c]));
  return { report, entityIndex: table.entityIndex, records: table, tieStart, tieList, clusters, clusterOf: report.entities.map((e) => e.cluster), prefix, ruleCounts: [...byRule] };
}

const nodeOf = (index: ScaleIndex, cluster: number) => `${index.prefix}${cluster}`;
const int = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, one: string, many: string) => `${int(n)} ${n === 1 ? one : many}`;

/** How many ties entity i has. */
const tieCount = (index: ScaleIndex, i: number) => index.tieStart[i + 1] - index.tieStart[i];

/** The entity at the other end of record t from entity i. */
const otherEnd = (index: ScaleIndex, t: number, i: number) => (index.records.from[t] === i ? index.records.to[t] : index.records.from[t]);

/** A cluster drawn as one entity: at the centre of its located members, flagged when any member is. */
function clusterEntity(index: ScaleIndex, c: ReportCluster): ReportEntity {
  let lat = 0;
  let lon = 0;
  let located = 0;
  const flags: string[] = [];
  let flagged = 0;
  const countries = new Map<string, number>();
  for (const m of c.members) {
    const i = index.entityIndex.get(m);
    if (i === undefined) continue;
    const e = index.report.entities[i];
    if (e.lat !== null && e.lon !== null) {
      lat += e.lat;
      lon += e.lon;
      located++;
    }
    if (e.flags.length > 0) {
      flagged++;
      if (flags.length < 50) flags.push(...e.flags.slice(0, 50 - flags.length));
    }
    if (e.country !== undefined) countries.set(e.country, (countries.get(e.country) ?? 0) + 1);
  }
  const hub = index.entityIndex.get(c.hub);
  const hubName = hub === undefined ? c.hub : index.report.entities[hub].name;
  const country = [...countries].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
  const attributes: Record<string, string> = Object.create(null);
  attributes.members = String(c.size);
  attributes['flagged members'] = String(flagged);
  attributes['most connected member'] = hubName;
  if (c.borderProximate && c.nearestPlace) attributes['near border crossing'] = `${c.nearestPlace.name} (${c.nearestPlace.distanceKm.toFixed(0)} km)`;
  return {
    id: nodeOf(index, c.id),
    name: `Cluster ${c.id} (${int(c.size)})`,
    kind: 'organization',
    ...(country === undefined ? {} : { country }),
    lat: located > 0 ? lat / located : null,
    lon: located > 0 ? lon / located : null,
    attributes: { ...attributes },
    cluster: c.id,
    group: 0,
    betweenness: 0,
    articulation: false,
    cutOff: 0,
    loneCutOff: 0,
    degree: c.externalTies,
    nearestCrossing: c.nearestPlace ? { id: c.nearestPlace.id, name: c.nearestPlace.name, distanceKm: c.nearestPlace.distanceKm } : null,
    flags,
  };
}

/** A tie counted between two nodes of a scope (clusters, or an entity and a cluster). */
function aggregateTie(source: string, target: string, relations: number, shipments: number): ReportRelation {
  const attributes: Record<string, string> = Object.create(null);
  attributes.ties = String(relations + shipments);
  attributes.relations = String(relations);
  attributes.shipments = String(shipments);
  return { source, target, kind: 'associate', attributes: { ...attributes } };
}

/** The report's own sections, kept to the ids a scope holds. */
function scoped(
  index: ScaleIndex,
  entities: ReportEntity[],
  relations: ReportRelation[],
  shipments: ReportShipment[],
  clusterIds: Set<number>,
  scope: Scope,
  clusterMembers: (c: ReportCluster) => string[],
  possible: Pair[],
): ScopeReport {
  const r = index.report;
  const present = new Set(entities.map((e) => e.id));
  const has = (id: string) => present.has(id);
  const cp = r.chokepoints;
  const flowing = new Set(shipments.map((s) => s.id));
  return {
    ...r,
    input: { ...r.input, rejected: r.input.rejected.slice(0, 200), warnings: r.input.warnings.slice(0, 200) },
    entities,
    relations,
    shipments,
    clusters: r.clusters.filter((c) => clusterIds.has(c.id)).map((c) => ({ ...c, members: clusterMembers(c) })),
    groups: r.groups.map((g) => ({ ...g, members: g.members.filter(has) })).filter((g) => g.members.length > 0),
    keyNodes: r.keyNodes.filter((k) => has(k.id)),
    controllers: r.controllers.filter((c) => has(c.id)),
    bridges: r.bridges.filter((b) => has(b.source) && has(b.target)),
    flags: r.flags.filter((f) => f.entities.some(has)),
    // The supply chokepoints' long lists kept to the piece (the panel counts them from scope.chokepointCounts); the
    // entities it names one by one (the cut, the dominators, the fragility curve) stay whole, to be opened from any piece.
    chokepoints:
      cp === null
        ? null
        : { ...cp, sources: cp.sources.filter(has), targets: cp.targets.filter(has), shipments: cp.shipments.filter((id) => flowing.has(id)), edgeCut: cp.edgeCut.filter((e) => has(e.source) && has(e.target)) },
    // Where the entities of this piece were geocoded (the whole list is megabytes at a million entities; a report of
    // an older schema may have none).
    ...(r.geocoding === undefined
      ? {}
      : { geocoding: { ...r.geocoding, geocoded: r.geocoding.geocoded.filter((g) => has(g.id)), ambiguous: r.geocoding.ambiguous.filter((g) => has(g.id)), unknown: r.geocoding.unknown.filter((g) => has(g.id)) } }),
    records: { stored: 'inline' },
    // The pairs of records left for review that concern the piece (all of them were megabytes in every piece at a
    // million entities), and how many the whole report has.
    ...(r.resolution === undefined ? {} : { resolution: { ...r.resolution, possible } }),
    scope: {
      ...scope,
      ruleCounts: index.ruleCounts,
      ...(cp === null ? {} : { chokepointCounts: { sources: cp.sources.length, targets: cp.targets.length, shipments: cp.shipments.length } }),
      ...(r.resolution === undefined ? {} : { possiblePairs: r.resolution.possible.length }),
    },
  } as ScopeReport;
}

function totals(index: ScaleIndex): Scope['totals'] {
  const r = index.report;
  const relations = index.records.relations;
  const shipments = index.records.shipments;
  const groups = r.groups.filter((g) => g.size > 1).length;
  return { entities: r.entities.length, clusters: r.clusters.length, relations, shipments, flags: r.flags.length, groups, controllers: r.controllers.length };
}

/** The largest of many numbers (0 for none), without spreading them as arguments. */
function largestOf(xs: readonly number[]): number {
  let m = 0;
  for (const x of xs) if (x > m) m = x;
  return m;
}

const weight = (size: number, largest: number) => Math.sqrt(size / Math.max(1, largest));

/**
 * The overview: every cluster as one node (sized by its members, outlined when near a border crossing, marked when a
 * member is flagged), and between two clusters one tie counting the relations and shipments that join them. Above
 * `maxOverviewTies` cluster pairs, the pairs joined by most ties are kept, and `scope.capped` says how many were left out.
 */
export function buildOverview(index: ScaleIndex, limits: ScopeLimits = DEFAULT_LIMITS, records: readonly string[] = []): ScopeReport {
  const r = index.report;
  const { clusters, left } = overviewClusters(index, limits.maxOverviewClusters);
  const drawn = left === null ? null : new Set(clusters.map((c) => c.id));
  const pairs = new Map<number, { a: number; b: number; relations: number; shipments: number }>();
  const span = Math.max(largestOf(r.clusters.map((c) => c.id)), largestOf(index.clusterOf)) + 1;
  const count = (a: number, b: number, relation: boolean) => {
    if (a === b || (drawn !== null && !(drawn.has(a) && drawn.has(b)))) return;
    const x = a < b ? a : b;
    const y = a < b ? b : a;
    const key = x * span + y; // cluster ids are small integers: a number key, not a string, for half a million ties
    let p = pairs.get(key);
    if (!p) pairs.set(key, (p = { a: x, b: y, relations: 0, shipments: 0 }));
    if (relation) p.relations++;
    else p.shipments++;
  };
  const { from, to } = index.records;
  for (let k = 0; k < from.length; k++) count(index.clusterOf[from[k]], index.clusterOf[to[k]], k < index.records.relations);
  let list = [...pairs.values()].sort((p, q) => q.relations + q.shipments - (p.relations + p.shipments) || p.a - q.a || p.b - q.b);
  const notes: string[] = [];
  if (left !== null) {
    const sizes = left.largest === 1 ? 'each of one entity' : `of ${int(left.largest)} entities or fewer each`;
    const which = clusters.length < limits.maxOverviewClusters && left.largest === 1 ? `the ${plural(clusters.length, 'cluster', 'clusters')} of two entities or more` : `the ${int(clusters.length)} largest clusters`;
    notes.push(`The overview draws ${which} of ${int(r.clusters.length)}: the other ${plural(left.clusters, 'cluster', 'clusters')} (${sizes}, ${plural(left.entities, 'entity', 'entities')} in all, ${int(left.flagged)} of them flagged) and their ties are not drawn: find their entities with “Find in the whole report”, or in the lists of flags and key nodes.`);
  }
  if (list.length > limits.maxOverviewTies) {
    notes.push(`The overview draws the ${int(limits.maxOverviewTies)} most tied pairs of clusters of ${int(list.length)}; open a cluster to see all its ties.`);
    list = list.slice(0, limits.maxOverviewTies);
  }
  const capped = notes.length > 0 ? notes.join(' ') : null;
  list.sort((p, q) => p.a - q.a || p.b - q.b);
  const largest = Math.max(1, largestOf(clusters.map((c) => c.size)));
  const entities = clusters.map((c) => clusterEntity(index, c));
  const relations = list.map((p) => aggregateTie(nodeOf(index, p.a), nodeOf(index, p.b), p.relations, p.shipments));
  const scope: Scope = {
    kind: 'overview',
    center: null,
    hops: null,
    totals: totals(index),
    weights: clusters.map((c) => [nodeOf(index, c.id), weight(c.size, largest)]),
    clusterNodes: entities.map((e, i) => [e.id, { cluster: clusters[i].id, members: clusters[i].size, flagged: Number(e.attributes['flagged members']) }]),
    capped,
  };
  const possible = overviewPairs(index, records);
  const res = r.resolution;
  scope.named = namedEntities(index, [
    ...possible.flatMap((p) => [p.a, p.b]),
    ...(res?.merges ?? []).flatMap((m) => [m.kept, ...m.merged]),
    ...(res?.judged?.notApplied ?? []).flatMap((n) => [n.a, n.b]),
    ...records,
    ...chokepointNamed(r),
  ]);
  const overview = scoped(index, entities, relations, [], new Set(clusters.map((c) => c.id)), scope, (c) => [nodeOf(index, c.id)], possible);
  // The whole report's key nodes and the first of the people and companies behind its flags, as lists to start from
  // (picking one opens its neighbourhood); company groups are shown with the cluster or entity they are part of.
  return { ...overview, keyNodes: r.keyNodes, controllers: r.controllers.slice(0, OVERVIEW_CONTROLLERS) };
}

type Pair = Report['resolution']['possible'][number];

/** How many clusters the overview of a report draws (all of them, or the largest: see ScopeLimits.maxOverviewClusters). */
export function overviewClusterCount(index: ScaleIndex, limits: ScopeLimits = DEFAULT_LIMITS): number {
  return overviewClusters(index, limits.maxOverviewClusters).clusters.length;
}

/**
 * The clusters the overview draws, by id: all of them up to `max`; above, the `max` largest (among clusters of one size,
 * those with more flagged members first, then by id), with what is left out (`left`: how many clusters and entities,
 * and the size of the largest of them), else null.
 */
function overviewClusters(index: ScaleIndex, max: number): { clusters: ReportCluster[]; left: { clusters: number; entities: number; largest: number; flagged: number } | null } {
  const all = [...index.report.clusters].sort((a, b) => a.id - b.id);
  if (all.length <= max) return { clusters: all, left: null };
  const flagged = new Map<number, number>();
  for (const c of all) {
    let n = 0;
    for (const m of c.members) {
      const i = index.entityIndex.get(m);
      if (i !== undefined && index.report.entities[i].flags.length > 0) n++;
    }
    flagged.set(c.id, n);
  }
  const ranked = [...all].sort((a, b) => b.size - a.size || flagged.get(b.id)! - flagged.get(a.id)! || a.id - b.id);
  // Entities alone (clusters of one) are drawn only when nothing else is: a ring of thousands of dots says nothing.
  const firstAlone = ranked.findIndex((c) => c.size === 1);
  const count = Math.max(0, Math.min(max, firstAlone > 0 ? firstAlone : ranked.length));
  const kept = new Set(ranked.slice(0, count).map((c) => c.id));
  const rest = ranked.slice(count);
  return {
    clusters: all.filter((c) => kept.has(c.id)),
    left: { clusters: rest.length, entities: rest.reduce((sum, c) => sum + c.size, 0), largest: largestOf(rest.map((c) => c.size)), flagged: rest.reduce((sum, c) => sum + flagged.get(c.id)!, 0) },
  };
}

/** How many of the pairs of records left for review the overview carries: the first, in the report's order. */
export const OVERVIEW_PAIRS = 100;

/** The entity (its position in the report) a record of the bundle is in: its own id, or the one it was merged into. */
function recordEntity(index: ScaleIndex, id: string): number | undefined {
  const i = index.entityIndex.get(id);
  if (i !== undefined) return i;
  const aliases = index.report.resolution?.aliases ?? {};
  return Object.prototype.hasOwnProperty.call(aliases, id) ? index.entityIndex.get(aliases[id]) : undefined;
}

/**
 * The pairs left for review the overview carries: the first OVERVIEW_PAIRS, and every pair both of whose records a
 * case names (`records`: its judgements'), in the report's order. The viewer keeps them for every piece.
 */
function overviewPairs(index: ScaleIndex, records: readonly string[]): Pair[] {
  const named = new Set(records);
  return (index.report.resolution?.possible ?? []).filter((p, k) => k < OVERVIEW_PAIRS || (named.has(p.a) && named.has(p.b)));
}

/** How many pairs of records one request for the pairs a case judges may name (`judgedPairs`). */
export const MAX_JUDGED_PAIRS = 100_000;

/**
 * The pairs left for review that a case judges (`pairs`: its judgements' records, two by two), in the report's order,
 * and the entities of the judged records (`Scope.named`): what the viewer needs to show a case loaded in the browser
 * whose judgements name pairs the pieces shown so far did not carry.
 */
export function judgedPairs(index: ScaleIndex, pairs: readonly (readonly [string, string])[]): { possible: Pair[]; named: NamedEntity[] } {
  const asked = new Set(pairs.map(([a, b]) => pairKey(a, b)));
  const possible = (index.report.resolution?.possible ?? []).filter((p) => asked.has(pairKey(p.a, p.b)));
  return { possible, named: namedEntities(index, pairs.flat()) };
}

/** The pairs left for review one of whose records is in one of the entities `present` (by position), in the report's order. */
function piecePairs(index: ScaleIndex, present: ReadonlySet<number>): Pair[] {
  const inPiece = (id: string) => {
    const i = recordEntity(index, id);
    return i !== undefined && present.has(i);
  };
  return (index.report.resolution?.possible ?? []).filter((p) => inPiece(p.a) || inPiece(p.b));
}

/**
 * The entities the records of name matching are in (`Scope.named`): the records of the pairs merged, left for review or
 * judged that a piece carries (`records`: their ids, with a case's judgements' and those the panel names), each found
 * as an entity of the report or through the id it was merged into; once each, in the report's order.
 */
function namedEntities(index: ScaleIndex, records: Iterable<string>): NamedEntity[] {
  const found = new Set<number>();
  for (const id of records) {
    const i = recordEntity(index, id);
    if (i !== undefined) found.add(i);
  }
  return [...found]
    .sort((a, b) => a - b)
    .map((i) => {
      const e = index.report.entities[i];
      const { aliases: ids, alias_names: names } = e.attributes;
      return { id: e.id, name: e.name, ...(ids === undefined ? {} : { aliases: ids }), ...(names === undefined ? {} : { alias_names: names }) };
    });
}

/**
 * The entities the panel's supply-chokepoint section names one by one (the flow lost without each, the fragility curve,
 * and the first of the dominators, the partial ones, the smallest cut and the sources that are also targets, as many
 * as it shows): named in the overview (`Scope.named`) so that a piece that does not hold them still shows their names.
 */
function chokepointNamed(report: Report): string[] {
  const c = report.chokepoints;
  if (c === null) return [];
  return [
    ...(c.flowCut?.entities ?? []).map((e) => e.id),
    ...c.disruption.map((d) => d.id),
    ...c.dominators.slice(0, CHOKEPOINT_NAMES_SHOWN),
    ...c.partialDominators.slice(0, 5).map((d) => d.id),
    ...c.vertexCut.slice(0, CHOKEPOINT_NAMES_SHOWN).map((v) => v.id),
    ...c.sourcesAlsoTargets.slice(0, CHOKEPOINT_NAMES_SHOWN),
  ];
}

/** How many entities of a list the panel's supply-chokepoint section names before "and N more". */
const CHOKEPOINT_NAMES_SHOWN = 8;

/** How many of the people and companies behind the flags the overview lists (the strongest first, as the report). */
export const OVERVIEW_CONTROLLERS = 100;

/** Why a neighbourhood cannot be given: unknown cluster or entity (the server answers 404 with the message). */
export class ScopeNotFoundError extends Error {}

/**
 * Builds the scope of a set of entities: the entities themselves with the ties among them, and every other cluster
 * they are tied to as one node with the ties counted (clusters of the entities shown are not drawn as nodes). Entities beyond `maxNodes`, or ties beyond `maxTies`, are left
 * out (the most tied first kept) and the scope says so.
 */
function neighbourhood(index: ScaleIndex, chosen: number[], kind: 'cluster' | 'entity', center: string | number, hops: number | null, limits: ScopeLimits, notes: string[]): ScopeReport {
  const r = index.report;
  const inScope = new Set(chosen);
  const shownClusters = new Set<number>();
  for (const i of chosen) shownClusters.add(index.clusterOf[i]);
  const R = index.records.relations;
  // Record numbers of the ties drawn, read once all are known (from the records file, for a large report).
  const relationIds: number[] = [];
  const shipmentIds: number[] = [];
  const seen = new Set<number>();
  const outside = new Map<string, { entity: string; cluster: number; relations: number; shipments: number }>();
  let tiesLeft = 0;
  let total = 0;
  for (const i of chosen) {
    for (let x = index.tieStart[i]; x < index.tieStart[i + 1]; x++) {
      const t = index.tieList[x];
      const other = otherEnd(index, t, i);
      if (inScope.has(other)) {
        if (seen.has(t)) continue;
        seen.add(t);
        if (total >= limits.maxTies) {
          tiesLeft++;
          continue;
        }
        total++;
        if (t < R) relationIds.push(t);
        else shipmentIds.push(t);
      } else {
        const cluster = index.clusterOf[other];
        // Ties to entities left out of a cluster that is shown (beyond the hops, or beyond the limit) are not drawn.
        if (shownClusters.has(cluster)) continue;
        const key = `${i} ${cluster}`;
        let o = outside.get(key);
        if (!o) outside.set(key, (o = { entity: r.entities[i].id, cluster, relations: 0, shipments: 0 }));
        if (t < R) o.relations++;
        else o.shipments++;
      }
    }
  }
  // Clusters around: as many as the node limit leaves room for, most tied first.
  const byCluster = new Map<number, number>();
  for (const o of outside.values()) byCluster.set(o.cluster, (byCluster.get(o.cluster) ?? 0) + o.relations + o.shipments);
  const room = Math.max(0, limits.maxNodes - chosen.length);
  const around = [...byCluster].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  if (around.length > room) notes.push(`${int(around.length - room)} of the ${int(around.length)} clusters tied to it are left out (the most tied are shown).`);
  const aroundIds = new Set(around.slice(0, room).map(([c]) => c));
  const aggregated: ReportRelation[] = [];
  for (const o of [...outside.values()].sort((a, b) => (a.entity < b.entity ? -1 : a.entity > b.entity ? 1 : a.cluster - b.cluster))) {
    if (!aroundIds.has(o.cluster)) continue;
    if (total >= limits.maxTies) {
      tiesLeft += o.relations + o.shipments;
      continue;
    }
    total++;
    aggregated.push(aggregateTie(o.entity, nodeOf(index, o.cluster), o.relations, o.shipments));
  }
  if (tiesLeft > 0) notes.push(`${int(tiesLeft)} ties beyond the limit of ${int(limits.maxTies)} are left out.`);
  const aroundClusters = [...aroundIds].sort((a, b) => a - b).map((c) => index.clusters.get(c)!).filter((c) => c !== undefined);
  const largest = Math.max(1, largestOf(aroundClusters.map((c) => c.size)));
  const clusterNodes = aroundClusters.map((c) => clusterEntity(index, c));
  const members = [...chosen].sort((a, b) => a - b).map((i) => r.entities[i]);
  const entities = [...members, ...clusterNodes];
  const scope: Scope = {
    kind,
    center,
    hops,
    totals: totals(index),
    weights: aroundClusters.map((c) => [nodeOf(index, c.id), 0.3 + 0.7 * weight(c.size, largest)]),
    clusterNodes: clusterNodes.map((e, i) => [e.id, { cluster: aroundClusters[i].id, members: aroundClusters[i].size, flagged: Number(e.attributes['flagged members']) }]),
    capped: notes.length > 0 ? notes.join(' ') : null,
  };
  const ids = new Set(members.map((e) => e.id));
  const relations = index.records.read(relationIds) as ReportRelation[];
  const shipments = index.records.read(shipmentIds) as ReportShipment[];
  // The pairs of its entities, and the entities of their other records (the viewer adds the overview's to them).
  const possible = piecePairs(index, inScope);
  if (possible.length > 0) scope.named = namedEntities(index, possible.flatMap((p) => [p.a, p.b])).filter((e) => !ids.has(e.id));
  return scoped(
    index,
    entities,
    [...relations, ...aggregated],
    shipments,
    new Set([...shownClusters, ...aroundIds]),
    scope,
    (c) => (aroundIds.has(c.id) && !shownClusters.has(c.id) ? [nodeOf(index, c.id)] : c.members.filter((m) => ids.has(m))),
    possible,
  );
}

/** A cluster opened: its members and the ties among them, and the clusters around it as single nodes. */
export function clusterNeighbourhood(index: ScaleIndex, cluster: number, limits: ScopeLimits = DEFAULT_LIMITS): ScopeReport {
  const c = index.clusters.get(cluster);
  if (c === undefined) throw new ScopeNotFoundError(`the report has no cluster ${cluster}`);
  let members = c.members.map((m) => index.entityIndex.get(m)).filter((i): i is number => i !== undefined);
  const notes: string[] = [];
  const cap = Math.max(1, Math.floor(limits.maxNodes * 0.8));
  if (members.length > cap) {
    notes.push(`Cluster ${cluster} has ${int(members.length)} members: the ${int(cap)} with most ties are shown.`);
    members = [...members].sort((a, b) => tieCount(index, b) - tieCount(index, a) || a - b).slice(0, cap);
  }
  return neighbourhood(index, members, 'cluster', cluster, null, limits, notes);
}

/** An entity's neighbourhood: what lies within `hops` ties of it (1 to 3), the rest as clusters around. */
export function entityNeighbourhood(index: ScaleIndex, id: string, hops: number, limits: ScopeLimits = DEFAULT_LIMITS): ScopeReport {
  const start = index.entityIndex.get(id);
  if (start === undefined) throw new ScopeNotFoundError(`the report has no entity with the id ${JSON.stringify(id)}`);
  const cap = Math.max(1, Math.floor(limits.maxNodes * 0.8));
  const chosen = [start];
  const seen = new Set(chosen);
  const notes: string[] = [];
  let frontier = [start];
  let full = false;
  for (let h = 0; h < hops && !full; h++) {
    const next: number[] = [];
    for (const i of frontier) {
      for (let x = index.tieStart[i]; x < index.tieStart[i + 1]; x++) {
        const other = otherEnd(index, index.tieList[x], i);
        if (seen.has(other)) continue;
        if (chosen.length >= cap) {
          full = true;
          break;
        }
        seen.add(other);
        chosen.push(other);
        next.push(other);
      }
      if (full) break;
    }
    frontier = next;
  }
  if (full) notes.push(`More than ${int(cap)} entities lie within ${hops} ${hops === 1 ? 'tie' : 'ties'}: the first ${int(cap)} reached are shown.`);
  return neighbourhood(index, chosen, 'entity', id, hops, limits, notes);
}

/** Whether a report is large enough to open on the overview. */
export function opensOnOverview(report: Pick<Report, 'entities'>, above: number = OVERVIEW_ABOVE): boolean {
  return report.entities.length > above;
}

export interface EntityMatch {
  id: string;
  name: string;
  kind: string;
  cluster: number;
}

/**
 * Entities of a large report whose name or id contains `text` (case and accents ignored), names that start with it
 * first, then by name and id; at most `limit`. For finding an entity that the overview shows only inside its cluster.
 */
export function searchEntities(index: ScaleIndex, text: string, limit = 20): { matches: EntityMatch[]; more: boolean } {
  const fold = (t: string) => t.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  const q = fold(text.trim());
  if (q === '') return { matches: [], more: false };
  const found: { e: ReportEntity; starts: boolean }[] = [];
  for (const e of index.report.entities) {
    const name = fold(e.name);
    const at = name.indexOf(q);
    if (at >= 0 || fold(e.id).includes(q)) found.push({ e, starts: at === 0 || fold(e.id) === q });
  }
  found.sort((a, b) => Number(b.starts) - Number(a.starts) || (a.e.name < b.e.name ? -1 : a.e.name > b.e.name ? 1 : a.e.id < b.e.id ? -1 : a.e.id > b.e.id ? 1 : 0));
  return { matches: found.slice(0, limit).map(({ e }) => ({ id: e.id, name: e.name, kind: e.kind, cluster: e.cluster })), more: found.length > limit };
}
