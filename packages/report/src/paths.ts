import type { Report, ReportRelation, ReportShipment } from './types';
import { ReportError } from './errors';

/**
 * Shortest paths between two entities of a report: every path of the least number of ties, up to a limit, with the
 * ties each step uses and the key nodes, articulation points and supply chokepoints each path passes through. Pure
 * (the report in, plain data out) and free of Node: the browser viewer imports it (`@chokepoint/report/paths`) as
 * well as `chokepoint path`. The records of the ties come from the report, or from the `PathRecords` a caller gives
 * (`chokepoint path` gives a table that reads them from a large report's records file: the only reading is the
 * caller's).
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

/**
 * The id a report knows an entity by: the id itself when it has that entity, else the entity a name variant of that id
 * was merged into (`resolution.aliases`: the bundle's ids stay usable), else undefined.
 */
export function reportEntityId(report: Pick<Report, 'entities' | 'resolution'>, id: string): { id: string; mergedFrom?: string } | undefined {
  if (report.entities.some((e) => e.id === id)) return { id };
  const aliases = report.resolution?.aliases ?? {};
  return Object.hasOwn(aliases, id) ? { id: aliases[id], mergedFrom: id } : undefined;
}

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

/**
 * The relations and shipments a path network is made of: the report's own lists by default; for a report read without
 * its records, a table of their ends whose records are read when a path needs them (the report package's
 * `RecordTable`, which `chokepoint path` reads from a large report's records file). Records are numbered relations
 * first, then shipments.
 */
export interface PathRecords {
  /** Each entity's index in report.entities, by id (made from the report when not given). */
  readonly entityIndex?: ReadonlyMap<string, number>;
  readonly relations: number;
  readonly shipments: number;
  /** The entity (index in report.entities) at each record's first end (a relation's source, a shipment's supplier); −1: none. */
  readonly from: ArrayLike<number>;
  /** The entity at each record's other end (a relation's target, a shipment's buyer); −1: none. */
  readonly to: ArrayLike<number>;
  relationKind(k: number): string;
  read(records: readonly number[]): (ReportRelation | ReportShipment)[];
}

/** The report's own relations and shipments as PathRecords (an end that is not an entity of the report: −1). */
function reportRecords(report: PathReport, index: ReadonlyMap<string, number>): PathRecords {
  const { relations, shipments } = report;
  const R = relations.length;
  const from = new Int32Array(R + shipments.length);
  const to = new Int32Array(R + shipments.length);
  relations.forEach((r, k) => {
    from[k] = index.get(r.source) ?? -1;
    to[k] = index.get(r.target) ?? -1;
  });
  shipments.forEach((s, j) => {
    from[R + j] = index.get(s.supplier) ?? -1;
    to[R + j] = index.get(s.buyer) ?? -1;
  });
  return { relations: R, shipments: shipments.length, from, to, relationKind: (k) => relations[k].kind, read: (ks) => ks.map((k) => (k < R ? relations[k] : shipments[k - R])) };
}

/**
 * What the search needs, built once per report: every pair of entities with a tie, the ties between them and the
 * kinds among them (a bit per kind), and each entity's pairs in compressed rows.
 */
export interface PathNetwork {
  report: PathReport;
  /** Where the ties' records are read from (pairTies). */
  records: PathRecords;
  index: ReadonlyMap<string, number>;
  /** Per pair: its two entities (positions), the kinds of its ties as bits of PATH_TIE_KINDS. */
  pairA: Uint32Array;
  pairB: Uint32Array;
  pairKinds: Uint16Array;
  /**
   * Per pair, its ties as a chain in the order they were found: the first (`pairFirst`), then each one's next
   * (`tieNext`; -1 ends it). A tie is a relation (`tieRef` ≥ 0: its index) or the shipments of one supplier → buyer
   * pair (`tieRef` < 0: shipment tie -1 - tieRef, whose shipments chain from `shipmentFirst` through `shipmentNext`).
   * The ties themselves are made only for the pairs a path passes (`pairTies`): the network costs its pairs, not an
   * object per tie.
   */
  pairFirst: Int32Array;
  tieNext: Int32Array;
  tieRef: Int32Array;
  shipmentFirst: Int32Array;
  shipmentNext: Int32Array;
  /** Row of entity i: positions offsets[i] to offsets[i + 1] of `neighbours` and `pairs`. */
  offsets: Uint32Array;
  neighbours: Uint32Array;
  pairs: Uint32Array;
  chokepoints: Set<string>;
  keyRank: Map<string, number>;
}

const KIND_BIT = new Map<string, number>(PATH_TIE_KINDS.map((k, i) => [k, 1 << i]));

export function pathNetwork(report: PathReport, given?: PathRecords): PathNetwork {
  const index = given?.entityIndex ?? new Map(report.entities.map((e, i) => [e.id, i]));
  const records = given ?? reportRecords(report, index);
  const R = records.relations;
  const S = records.shipments;
  const n = report.entities.length;
  // Typed arrays and counting sorts, no Map of pairs and no array per tie: at a million entities and ten million ties,
  // the Maps keyed by pair numbers and the arrays grown tie by tie took 17.5 of `path`'s 34 s.
  // The shipments of each supplier → buyer pair, chained in order; a pair's first shipment makes its tie.
  const shipmentNext = new Int32Array(S).fill(-1);
  const firstOfPair = firstOfGroup(S, n, (i) => records.from[R + i], (i) => records.to[R + i]);
  const shipmentTieOf = new Int32Array(S).fill(-1);
  const shipmentLast = new Int32Array(S);
  let shipmentTies = 0;
  const shipmentFirstList = new Int32Array(S);
  for (let i = 0; i < S; i++) {
    const f = firstOfPair[i];
    if (f < 0) continue;
    if (f === i) {
      const t = shipmentTies++;
      shipmentTieOf[i] = t;
      shipmentFirstList[t] = i;
      shipmentLast[t] = i;
    } else {
      const t = shipmentTieOf[f];
      shipmentNext[shipmentLast[t]] = i;
      shipmentLast[t] = i;
    }
  }
  // The ties in the order met: the relations, then one per supplier → buyer pair of shipments; each tie's ends, what it
  // refers to (a relation's number, or −1 − its shipment tie) and its kind's bit. A tie of an entity to itself, or with
  // an end that is no entity, is left out.
  const most = R + shipmentTies;
  const tieX = new Int32Array(most);
  const tieY = new Int32Array(most);
  const refs = new Int32Array(most);
  const bits = new Uint16Array(most);
  let T = 0;
  const tie = (x: number, y: number, ref: number, bit: number) => {
    if (x < 0 || y < 0 || x === y) return;
    tieX[T] = x < y ? x : y;
    tieY[T] = x < y ? y : x;
    refs[T] = ref;
    bits[T++] = bit;
  };
  for (let k = 0; k < R; k++) tie(records.from[k], records.to[k], k, KIND_BIT.get(records.relationKind(k)) ?? 0);
  const shipmentBit = KIND_BIT.get('shipment') ?? 0;
  for (let t = 0; t < shipmentTies; t++) {
    const i = shipmentFirstList[t];
    tie(records.from[R + i], records.to[R + i], -1 - t, shipmentBit);
  }
  // The pairs of entities, in the order of their first tie; each pair's ties chained in order.
  const firstTie = firstOfGroup(T, n, (t) => tieX[t], (t) => tieY[t]);
  const pairOfTie = new Int32Array(T);
  const pairLast = new Int32Array(T);
  const tieNext = new Int32Array(T).fill(-1);
  // (as many pairs as ties at most: made that long, and cut to the pairs found)
  const pairA = new Uint32Array(T);
  const pairB = new Uint32Array(T);
  const pairKinds = new Uint16Array(T);
  const pairFirst = new Int32Array(T);
  let pairCount = 0;
  for (let t = 0; t < T; t++) {
    const f = firstTie[t];
    let p: number;
    if (f === t) {
      p = pairCount++;
      pairA[p] = tieX[t];
      pairB[p] = tieY[t];
      pairFirst[p] = t;
    } else {
      p = pairOfTie[f];
      tieNext[pairLast[p]] = t;
    }
    pairOfTie[t] = p;
    pairLast[p] = t;
    pairKinds[p] |= bits[t];
  }
  const a = pairA.subarray(0, pairCount);
  const b = pairB.subarray(0, pairCount);
  const tieRef = refs.subarray(0, T);
  const shipmentFirst = shipmentFirstList.subarray(0, shipmentTies);
  const offsets = new Uint32Array(n + 1);
  for (let p = 0; p < a.length; p++) {
    offsets[a[p] + 1]++;
    offsets[b[p] + 1]++;
  }
  for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
  const fill = offsets.slice(0, n);
  const neighbours = new Uint32Array(offsets[n]);
  const pairs = new Uint32Array(offsets[n]);
  for (let p = 0; p < a.length; p++) {
    neighbours[fill[a[p]]] = b[p];
    pairs[fill[a[p]]++] = p;
    neighbours[fill[b[p]]] = a[p];
    pairs[fill[b[p]]++] = p;
  }
  return {
    report,
    records,
    index,
    pairA: a,
    pairB: b,
    pairKinds: pairKinds.subarray(0, pairCount),
    pairFirst: pairFirst.subarray(0, pairCount),
    tieNext,
    tieRef,
    shipmentFirst,
    shipmentNext,
    offsets,
    neighbours,
    pairs,
    chokepoints: new Set((report.chokepoints?.vertexCut ?? []).map((v) => v.id)),
    keyRank: new Map(report.keyNodes.map((k) => [k.id, k.rank])),
  };
}

/**
 * For items 0 … count − 1 with two ends each (`x`, `y`: entities 0 … n − 1, or −1 for none), the first item with the
 * same two ends, in order (the item itself for the first of its group; −1 for an item with an end that is none). A
 * stable counting sort by x, then per x the first item met for each y: no Map of pairs.
 */
function firstOfGroup(count: number, n: number, x: (i: number) => number, y: (i: number) => number): Int32Array {
  const first = new Int32Array(count).fill(-1);
  const start = new Int32Array(n + 1);
  for (let i = 0; i < count; i++) {
    const u = x(i);
    if (u >= 0 && y(i) >= 0) start[u + 1]++;
  }
  for (let u = 0; u < n; u++) start[u + 1] += start[u];
  const fill = start.slice(0, n);
  const order = new Int32Array(start[n]);
  for (let i = 0; i < count; i++) {
    const u = x(i);
    if (u >= 0 && y(i) >= 0) order[fill[u]++] = i;
  }
  const owner = new Int32Array(n).fill(-1);
  const seen = new Int32Array(n);
  for (let u = 0; u < n; u++) {
    for (let k = start[u]; k < start[u + 1]; k++) {
      const i = order[k];
      const v = y(i);
      if (owner[v] !== u) {
        owner[v] = u;
        seen[v] = i;
      }
      first[i] = seen[v];
    }
  }
  return first;
}

/** The ties of one pair of the network, in the order they were found (relations, then shipment pairs). */
export function pairTies(net: PathNetwork, pair: number): PathTie[] {
  const R = net.records.relations;
  // The records of all the pair's ties read at once (from a records file, one opening), then taken in order.
  const numbers: number[] = [];
  const counts: number[] = [];
  for (let t = net.pairFirst[pair]; t !== -1; t = net.tieNext[t]) {
    const ref = net.tieRef[t];
    const before = numbers.length;
    if (ref >= 0) numbers.push(ref);
    else for (let i = net.shipmentFirst[-1 - ref]; i !== -1; i = net.shipmentNext[i]) numbers.push(R + i);
    counts.push(numbers.length - before);
  }
  const records = net.records.read(numbers);
  const out: PathTie[] = [];
  let at = 0;
  for (let t = net.pairFirst[pair], c = 0; t !== -1; t = net.tieNext[t], c++) {
    const ref = net.tieRef[t];
    if (ref >= 0) {
      const r = records[at] as ReportRelation;
      const tie: PathTie = { kind: r.kind, source: r.source, target: r.target, relation: ref };
      if (r.share !== undefined) tie.share = r.share;
      out.push(tie);
    } else {
      const shipments = records.slice(at, at + counts[c]) as ReportShipment[];
      out.push({ kind: 'shipment', source: shipments[0].supplier, target: shipments[0].buyer, shipments: shipments.map((s) => s.id) });
    }
    at += counts[c];
  }
  return out;
}

function kindsOf(kinds: readonly string[] | undefined): PathTieKind[] {
  if (kinds === undefined) return [...PATH_TIE_KINDS];
  return PATH_TIE_KINDS.filter((k) => kinds.includes(k));
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

/**
 * The shortest paths between two entities (see the module comment). Throws UnknownEntityError for an unknown id.
 *
 * A breadth-first search from `from` over the pairs with a tie of the kinds asked for, counting the shortest paths to
 * each entity (as Brandes' algorithm does), that stops once the level of `to` is done; then the paths are walked back
 * from `to`, each step to a neighbour one tie nearer, depth first, until `max` are found. The results equal those of
 * graphology-shortest-path's `brandes` (checked in the tests), on compact arrays: a question costs a few milliseconds
 * on 100,000 ties.
 */
export function shortestPaths(net: PathNetwork, from: string, to: string, options: PathOptions = {}): PathResult {
  const max = Math.max(1, Math.floor(options.max ?? DEFAULT_MAX_PATHS));
  const kinds = kindsOf(options.kinds);
  const s = net.index.get(from);
  const t = net.index.get(to);
  if (s === undefined) throw new UnknownEntityError(from, entitySuggestions(net.report, from));
  if (t === undefined) throw new UnknownEntityError(to, entitySuggestions(net.report, to));
  const empty: PathResult = { from, to, kinds, length: null, total: 0, paths: [], truncated: false };
  if (s === t) return { ...empty, length: 0, total: 1, paths: [describe(net, [s], kinds)] };
  let mask = 0;
  for (const k of kinds) mask |= KIND_BIT.get(k)!;
  const { offsets, neighbours, pairs, pairKinds } = net;
  const n = net.report.entities.length;
  const dist = new Int32Array(n).fill(-1);
  const count = new Float64Array(n);
  dist[s] = 0;
  count[s] = 1;
  let frontier = [s];
  for (let d = 0; frontier.length > 0 && dist[t] === -1; d++) {
    const next: number[] = [];
    for (const v of frontier) {
      for (let k = offsets[v]; k < offsets[v + 1]; k++) {
        if ((pairKinds[pairs[k]] & mask) === 0) continue;
        const u = neighbours[k];
        if (dist[u] === -1) {
          dist[u] = d + 1;
          next.push(u);
        }
        if (dist[u] === d + 1) count[u] += count[v];
      }
    }
    frontier = next;
  }
  if (dist[t] === -1) return empty;
  const total = count[t];
  // Walk back from `to`: each step to a neighbour one tie nearer to `from`.
  const paths: number[][] = [];
  const tail: number[] = [];
  const walk = (v: number) => {
    tail.push(v);
    if (v === s) paths.push([...tail].reverse());
    else
      for (let k = offsets[v]; k < offsets[v + 1] && paths.length < max; k++) {
        if ((pairKinds[pairs[k]] & mask) === 0) continue;
        const u = neighbours[k];
        if (dist[u] === dist[v] - 1) walk(u);
      }
    tail.pop();
  };
  walk(t);
  return { from, to, kinds, length: dist[t], total, paths: paths.map((p) => describe(net, p, kinds)), truncated: total > paths.length };
}

function tiesBetween(net: PathNetwork, a: number, b: number): PathTie[] {
  for (let k = net.offsets[a]; k < net.offsets[a + 1]; k++) if (net.neighbours[k] === b) return pairTies(net, net.pairs[k]);
  return [];
}

function describe(net: PathNetwork, positions: number[], kinds: PathTieKind[]): FoundPath {
  const { entities } = net.report;
  const wanted = new Set<string>(kinds);
  const steps: PathStep[] = [];
  for (let i = 0; i + 1 < positions.length; i++) {
    const a = positions[i];
    const b = positions[i + 1];
    steps.push({ from: entities[a].id, to: entities[b].id, ties: tiesBetween(net, a, b).filter((x) => wanted.has(x.kind)) });
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
