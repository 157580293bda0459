import { UndirectedGraph } from 'graphology';
import { brandes } from 'graphology-shortest-path/unweighted';
import type { Report, ReportRelation } from './types';
import { ReportError } from './errors';

/**
 * Shortest paths between two entities of a report: every path of the least number of ties, up to a limit, with the
 * ties each step uses and the key nodes, articulation points and supply chokepoints each path passes through. Pure
 * (the report in, plain data out) and free of Node: the browser viewer imports it (`@chokepoint/report/paths`) as
 * well as `chokepoint path`.
 *
 * Ties are followed in either direction (who owns whom does not stop a chain of ties); each step lists its ties with
 * their own direction. Shipments count as one tie per supplier → buyer pair.
 */

export const PATH_TIE_KINDS = ['owner', 'director', 'family', 'employee', 'shared_address', 'associate', 'agent', 'paid_for', 'consigned_to', 'shipment'] as const;
export type PathTieKind = (typeof PATH_TIE_KINDS)[number];

/** One tie between two neighbours on a path, in its own direction. */
export interface PathTie {
  kind: PathTieKind;
  source: string;
  target: string;
  /** Index into report.relations (relations only). */
  relation?: number;
  /** Ownership share, when the relation has one. */
  share?: number;
  /** The shipments of a supplier → buyer pair (shipment ties only), by id. */
  shipments?: string[];
}

export interface PathStep {
  from: string;
  to: string;
  ties: PathTie[];
}

/** An entity a path passes through (not its ends) that the analysis singled out. */
export interface PathWaypoint {
  id: string;
  name: string;
  /** Rank among the key nodes, or null. */
  keyNodeRank: number | null;
  /** Removing it cuts the network apart. */
  articulation: boolean;
  /** One of the supply chokepoints (removing it cuts the flow most). */
  chokepoint: boolean;
  flags: number;
}

export interface FoundPath {
  /** The entities from `from` to `to`. */
  entities: string[];
  steps: PathStep[];
  /** Key nodes, articulation points and supply chokepoints passed through, in path order. */
  waypoints: PathWaypoint[];
}

export interface PathResult {
  from: string;
  to: string;
  /** Tie kinds followed. */
  kinds: PathTieKind[];
  /** Number of ties on each shortest path; null when the two are not connected by these kinds. */
  length: number | null;
  /** How many shortest paths there are (may exceed `paths.length`). */
  total: number;
  paths: FoundPath[];
  /** True when more shortest paths exist than were listed. */
  truncated: boolean;
}

export interface PathOptions {
  /** At most this many paths (default 10). */
  max?: number;
  /** Tie kinds to follow (default: all). */
  kinds?: readonly string[];
}

export const DEFAULT_MAX_PATHS = 10;

/** An entity id the report does not have; with ids of entities whose name or id contains the text. */
export class UnknownEntityError extends ReportError {
  override name = 'UnknownEntityError';
  constructor(
    readonly id: string,
    readonly suggestions: { id: string; name: string }[],
  ) {
    super(
      `no entity with id ${JSON.stringify(id)} in the report` +
        (suggestions.length === 0 ? ' (ids are in the report\'s "entities"; `chokepoint summary` names the key ones)' : `; did you mean ${suggestions.map((s) => `${JSON.stringify(s.id)} (${s.name})`).join(', ')}?`),
    );
  }
}

type PathReport = Pick<Report, 'entities' | 'relations' | 'shipments' | 'keyNodes' | 'chokepoints'>;

/** What the search needs, built once per report; graphs per set of tie kinds are built on first use and kept. */
export interface PathNetwork {
  report: PathReport;
  index: Map<string, number>;
  /** Ties between two entities, keyed by the smaller and larger position: `${i},${j}`. */
  ties: Map<string, PathTie[]>;
  graphs: Map<string, UndirectedGraph>;
  chokepoints: Set<string>;
  keyRank: Map<string, number>;
}

/** The graph's key of the entity at a position: never a name an object's members can have. */
const key = (i: number) => `n${i}`;
const pairKey = (a: number, b: number) => (a < b ? `${a},${b}` : `${b},${a}`);

export function pathNetwork(report: PathReport): PathNetwork {
  const index = new Map(report.entities.map((e, i) => [e.id, i]));
  const ties = new Map<string, PathTie[]>();
  const add = (source: string, target: string, tie: PathTie) => {
    const a = index.get(source);
    const b = index.get(target);
    if (a === undefined || b === undefined || a === b) return;
    const k = pairKey(a, b);
    const list = ties.get(k);
    if (list) list.push(tie);
    else ties.set(k, [tie]);
  };
  report.relations.forEach((r: ReportRelation, i) => add(r.source, r.target, { kind: r.kind, source: r.source, target: r.target, relation: i, ...(r.share !== undefined ? { share: r.share } : {}) }));
  const pairs = new Map<string, PathTie>();
  for (const s of report.shipments) {
    const k = JSON.stringify([s.supplier, s.buyer]);
    const tie = pairs.get(k);
    if (tie) tie.shipments!.push(s.id);
    else {
      const t: PathTie = { kind: 'shipment', source: s.supplier, target: s.buyer, shipments: [s.id] };
      pairs.set(k, t);
      add(s.supplier, s.buyer, t);
    }
  }
  return {
    report,
    index,
    ties,
    graphs: new Map(),
    chokepoints: new Set((report.chokepoints?.vertexCut ?? []).map((v) => v.id)),
    keyRank: new Map(report.keyNodes.map((k) => [k.id, k.rank])),
  };
}

function kindsOf(kinds: readonly string[] | undefined): PathTieKind[] {
  if (kinds === undefined) return [...PATH_TIE_KINDS];
  return PATH_TIE_KINDS.filter((k) => kinds.includes(k));
}

function graphFor(net: PathNetwork, kinds: PathTieKind[]): UndirectedGraph {
  const name = kinds.join(',');
  let graph = net.graphs.get(name);
  if (graph) return graph;
  graph = new UndirectedGraph();
  const n = net.report.entities.length;
  for (let i = 0; i < n; i++) graph.addNode(key(i));
  const wanted = new Set<string>(kinds);
  for (const [k, list] of net.ties) {
    if (!list.some((t) => wanted.has(t.kind))) continue;
    const comma = k.indexOf(',');
    graph.addEdge(key(Number(k.slice(0, comma))), key(Number(k.slice(comma + 1))));
  }
  net.graphs.set(name, graph);
  return graph;
}

/** Entities whose id or name contains the text (case-insensitive), for error messages. */
export function entitySuggestions(report: Pick<Report, 'entities'>, text: string, limit = 3): { id: string; name: string }[] {
  const needle = text.trim().toLowerCase();
  if (needle === '') return [];
  return report.entities
    .filter((e) => e.id.toLowerCase().includes(needle) || e.name.toLowerCase().includes(needle))
    .slice(0, limit)
    .map((e) => ({ id: e.id, name: e.name }));
}

/** The shortest paths between two entities (see the module comment). Throws UnknownEntityError for an unknown id. */
export function shortestPaths(net: PathNetwork, from: string, to: string, options: PathOptions = {}): PathResult {
  const max = Math.max(1, Math.floor(options.max ?? DEFAULT_MAX_PATHS));
  const kinds = kindsOf(options.kinds);
  const s = net.index.get(from);
  const t = net.index.get(to);
  if (s === undefined) throw new UnknownEntityError(from, entitySuggestions(net.report, from));
  if (t === undefined) throw new UnknownEntityError(to, entitySuggestions(net.report, to));
  const empty: PathResult = { from, to, kinds, length: null, total: 0, paths: [], truncated: false };
  if (s === t) return { ...empty, length: 0, total: 1, paths: [describe(net, [s], kinds)] };
  const graph = graphFor(net, kinds);
  // Brandes' breadth-first search from `from`: the predecessors of every entity on its shortest paths, and how many.
  const [, predecessors, counts] = brandes(graph, key(s));
  const total = counts[key(t)] ?? 0;
  if (total === 0) return empty;
  // Walk back from `to` through the predecessors, depth first, until `max` paths are found.
  const paths: number[][] = [];
  const walk = (node: string, tail: number[]) => {
    if (paths.length >= max) return;
    const i = Number(node.slice(1));
    if (i === s) {
      paths.push([i, ...tail]);
      return;
    }
    for (const p of predecessors[node]) {
      walk(p, [i, ...tail]);
      if (paths.length >= max) return;
    }
  };
  walk(key(t), []);
  return { from, to, kinds, length: paths[0].length - 1, total, paths: paths.map((p) => describe(net, p, kinds)), truncated: total > paths.length };
}

function describe(net: PathNetwork, positions: number[], kinds: PathTieKind[]): FoundPath {
  const { entities } = net.report;
  const wanted = new Set<string>(kinds);
  const steps: PathStep[] = [];
  for (let i = 0; i + 1 < positions.length; i++) {
    const a = positions[i];
    const b = positions[i + 1];
    steps.push({ from: entities[a].id, to: entities[b].id, ties: (net.ties.get(pairKey(a, b)) ?? []).filter((x) => wanted.has(x.kind)) });
  }
  const waypoints: PathWaypoint[] = [];
  for (const p of positions.slice(1, -1)) {
    const e = entities[p];
    const rank = net.keyRank.get(e.id) ?? null;
    const chokepoint = net.chokepoints.has(e.id);
    if (rank === null && !e.articulation && !chokepoint) continue;
    waypoints.push({ id: e.id, name: e.name, keyNodeRank: rank, articulation: e.articulation, chokepoint, flags: e.flags.length });
  }
  return { entities: positions.map((p) => entities[p].id), steps, waypoints };
}

const TIE_WORDS: Record<PathTieKind, string> = {
  owner: 'owns',
  director: 'is a director of',
  family: 'is family of',
  employee: 'is employed by',
  shared_address: 'shares an address with',
  associate: 'is an associate of',
  agent: 'is an agent of',
  paid_for: 'paid for shipments to',
  consigned_to: 'had shipments consigned to',
  shipment: 'shipped to',
};

/** A tie in words: "A owns B (51 %)", "A shipped to B (3 shipments)". */
export function tieWords(tie: PathTie, nameOf: (id: string) => string): string {
  const extra = tie.kind === 'shipment' ? ` (${tie.shipments!.length} shipment${tie.shipments!.length === 1 ? '' : 's'})` : '';
  const words = tie.kind === 'owner' && tie.share !== undefined ? `owns ${Math.round(tie.share * 10) / 10} % of` : TIE_WORDS[tie.kind];
  return `${nameOf(tie.source)} ${words} ${nameOf(tie.target)}${extra}`;
}

/** What makes a waypoint stand out, in words: "key node #3, articulation point, supply chokepoint". */
export function waypointWords(w: PathWaypoint): string {
  return [w.keyNodeRank !== null ? `key node #${w.keyNodeRank}` : null, w.articulation ? 'articulation point' : null, w.chokepoint ? 'supply chokepoint' : null, w.flags > 0 ? `${w.flags} red flag${w.flags === 1 ? '' : 's'}` : null]
    .filter((x) => x !== null)
    .join(', ');
}
