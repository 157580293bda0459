import type { Visibility } from './filters';
import type { EdgeKind, ViewModel } from './model';
import { CONTEXT, FOCUS, type Emphasis } from './state';
import type { Layout } from './url';

/**
 * The working view: what an investigator has built by following a lead, apart from the filters. It starts as the
 * whole network; "start from" an entity (or "keep only" a selection) narrows it to those, and expansions add the
 * neighbours of an entity step by step (by tie kind, N hops at once) until collapsed again. Entities can be hidden,
 * and pinned where they were dragged; the two ends of a path search are kept. Every change is a pure function of
 * the old workspace; the app keeps each one in the undo history and in the URL.
 */
export interface Expansion {
  id: string;
  /** Tie kinds followed; null: all. */
  kinds: EdgeKind[] | null;
  /** Neighbours up to this many ties away (1 or more). */
  hops: number;
}

export interface Pin {
  id: string;
  x: number;
  y: number;
  /** The layout the entity was placed in: a pin holds only there. */
  layout: Layout;
}

export type FocusMode = 'dim' | 'hide';

export interface Workspace {
  /** Entities the working view was started from; null: the whole network is in view. */
  seeds: string[] | null;
  expansions: Expansion[];
  hidden: string[];
  pinned: Pin[];
  /** The two ends of the path search (null until chosen). */
  path: { from: string | null; to: string | null };
  /** What a selection does to the rest: dim it, or hide it. */
  focus: FocusMode;
}

export const EMPTY_WORKSPACE: Workspace = { seeds: null, expansions: [], hidden: [], pinned: [], path: { from: null, to: null }, focus: 'dim' };

export const MAX_HOPS = 5;

const unique = (ids: readonly string[]) => [...new Set(ids)];

/** Narrows the working view to these entities (their expansions and the whole-network view are let go). */
export function startFrom(w: Workspace, ids: readonly string[]): Workspace {
  const keep = new Set(ids);
  return { ...w, seeds: unique(ids), expansions: [], hidden: w.hidden.filter((h) => !keep.has(h)) };
}

/** Keep only these: the same as starting from them. */
export const keepOnly = startFrom;

/** Back to the whole network (hidden and pinned entities stay so). */
export function showWholeNetwork(w: Workspace): Workspace {
  return { ...w, seeds: null, expansions: [] };
}

/**
 * Adds an entity's neighbours along these tie kinds (null: all), up to `hops` ties away. From the whole network, the
 * working view starts from the entity itself. The same entity expanded again along the same kinds keeps the larger
 * number of hops.
 */
export function expand(w: Workspace, ids: readonly string[], kinds: EdgeKind[] | null = null, hops = 1): Workspace {
  const h = Math.max(1, Math.min(MAX_HOPS, Math.floor(hops)));
  const kindsKey = (k: EdgeKind[] | null) => (k === null ? '*' : [...k].sort().join(','));
  const key = (id: string, k: EdgeKind[] | null) => JSON.stringify([id, kindsKey(k)]);
  const expansions = [...w.expansions];
  const at = new Map(expansions.map((e, i) => [key(e.id, e.kinds), i]));
  for (const id of unique(ids)) {
    const k = key(id, kinds);
    const i = at.get(k);
    if (i !== undefined) expansions[i] = { ...expansions[i], hops: Math.max(expansions[i].hops, h) };
    else {
      at.set(k, expansions.length);
      expansions.push({ id, kinds: kinds === null ? null : [...kinds], hops: h });
    }
  }
  return { ...w, seeds: w.seeds ?? unique(ids), expansions };
}

/** Takes back every expansion of these entities: neighbours nothing else keeps in view leave it. */
export function collapse(w: Workspace, ids: readonly string[]): Workspace {
  const set = new Set(ids);
  return { ...w, expansions: w.expansions.filter((e) => !set.has(e.id)) };
}

export function hide(w: Workspace, ids: readonly string[]): Workspace {
  return { ...w, hidden: unique([...w.hidden, ...ids]) };
}

export function unhide(w: Workspace, ids: readonly string[] | null): Workspace {
  if (ids === null) return { ...w, hidden: [] };
  const set = new Set(ids);
  return { ...w, hidden: w.hidden.filter((h) => !set.has(h)) };
}

/** Pins an entity at a place (replacing its pin in that layout). */
export function pin(w: Workspace, id: string, x: number, y: number, layout: Layout): Workspace {
  return { ...w, pinned: [...w.pinned.filter((p) => !(p.id === id && p.layout === layout)), { id, x, y, layout }] };
}

/** Lets these entities go (in this layout), or all with null. */
export function release(w: Workspace, ids: readonly string[] | null, layout: Layout): Workspace {
  if (ids === null) return { ...w, pinned: w.pinned.filter((p) => p.layout !== layout) };
  const set = new Set(ids);
  return { ...w, pinned: w.pinned.filter((p) => !(p.layout === layout && set.has(p.id))) };
}

export function setPathEnd(w: Workspace, end: 'from' | 'to', id: string | null): Workspace {
  return { ...w, path: { ...w.path, [end]: id } };
}

export function swapPathEnds(w: Workspace): Workspace {
  return { ...w, path: { from: w.path.to, to: w.path.from } };
}

export function setFocusMode(w: Workspace, focus: FocusMode): Workspace {
  return { ...w, focus };
}

/** What of the workspace this report does not have (unknown entities) is let go. */
export function validWorkspace(model: ViewModel, w: Workspace): Workspace {
  const known = (id: string) => model.byId.has(id);
  return {
    seeds: w.seeds === null ? null : w.seeds.filter(known),
    expansions: w.expansions.filter((e) => known(e.id)),
    hidden: w.hidden.filter(known),
    pinned: w.pinned.filter((p) => known(p.id)),
    path: { from: w.path.from !== null && known(w.path.from) ? w.path.from : null, to: w.path.to !== null && known(w.path.to) ? w.path.to : null },
    focus: w.focus,
  };
}

/** Entities and the drawn edges at each, both ways, in compressed rows: built once per model. */
export interface Adjacency {
  /** Row of entity i: positions offsets[i] to offsets[i + 1] of `neighbours` and `edges`. */
  offsets: Uint32Array;
  neighbours: Uint32Array;
  edges: Uint32Array;
}

export function buildAdjacency(model: ViewModel): Adjacency {
  const n = model.nodes.length;
  const m = model.edges.length;
  const { source, target } = edgeEnds(model);
  const offsets = new Uint32Array(n + 1);
  for (let e = 0; e < m; e++) {
    offsets[source[e] + 1]++;
    offsets[target[e] + 1]++;
  }
  for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
  const fill = offsets.slice(0, n);
  const neighbours = new Uint32Array(offsets[n]);
  const edges = new Uint32Array(offsets[n]);
  for (let e = 0; e < m; e++) {
    const a = source[e];
    const b = target[e];
    neighbours[fill[a]] = b;
    edges[fill[a]++] = e;
    neighbours[fill[b]] = a;
    edges[fill[b]++] = e;
  }
  return { offsets, neighbours, edges };
}

/**
 * Entities within `hops` ties of the starting ones along these kinds (null: all), the starting ones included: one
 * breadth-first walk from all of them at once over the adjacency, into `into` (set to 1). Costs what it visits.
 */
export function reach(model: ViewModel, adj: Adjacency, start: readonly number[], kinds: ReadonlySet<string> | null, hops: number, into: Uint8Array): void {
  const seen = new Set<number>(start);
  let frontier = [...seen];
  for (const s of frontier) into[s] = 1;
  for (let d = 0; d < hops && frontier.length > 0; d++) {
    const next: number[] = [];
    for (const v of frontier) {
      for (let k = adj.offsets[v]; k < adj.offsets[v + 1]; k++) {
        if (kinds !== null && !kinds.has(model.edges[adj.edges[k]].kind)) continue;
        const u = adj.neighbours[k];
        if (seen.has(u)) continue;
        seen.add(u);
        into[u] = 1;
        next.push(u);
      }
    }
    frontier = next;
  }
}

/** The entities of the working view (1) by index, or null when the whole network is in view. */
export function scopeOf(model: ViewModel, adj: Adjacency, w: Workspace, extra: readonly string[] = []): Uint8Array | null {
  if (w.seeds === null) return null;
  const scope = new Uint8Array(model.nodes.length);
  const index = (id: string) => model.byId.get(id)?.index;
  for (const id of [...w.seeds, ...extra]) {
    const i = index(id);
    if (i !== undefined) scope[i] = 1;
  }
  // Expansions along the same kinds and as far are one walk from all their entities.
  const walks = new Map<string, { kinds: EdgeKind[] | null; hops: number; start: number[] }>();
  for (const e of w.expansions) {
    const i = index(e.id);
    if (i === undefined) continue;
    const key = JSON.stringify([e.kinds === null ? null : [...e.kinds].sort(), e.hops]);
    const walk = walks.get(key);
    if (walk) walk.start.push(i);
    else walks.set(key, { kinds: e.kinds, hops: e.hops, start: [i] });
  }
  for (const walk of walks.values()) reach(model, adj, walk.start, walk.kinds === null ? null : new Set(walk.kinds), walk.hops, scope);
  return scope;
}

/** An entity's neighbours by tie kind: how many, and how many of them are in view now. */
export interface NeighbourCount {
  kind: EdgeKind;
  neighbours: number;
  shown: number;
}

export function neighbourCounts(model: ViewModel, adj: Adjacency, id: string, visible: Uint8Array): NeighbourCount[] {
  const i = model.byId.get(id)?.index;
  if (i === undefined) return [];
  const byKind = new Map<EdgeKind, Set<number>>();
  for (let k = adj.offsets[i]; k < adj.offsets[i + 1]; k++) {
    const kind = model.edges[adj.edges[k]].kind;
    let set = byKind.get(kind);
    if (!set) byKind.set(kind, (set = new Set()));
    set.add(adj.neighbours[k]);
  }
  return [...byKind]
    .map(([kind, set]) => ({ kind, neighbours: set.size, shown: [...set].filter((u) => visible[u]).length }))
    .sort((a, b) => b.neighbours - a.neighbours || (a.kind < b.kind ? -1 : 1));
}

/** Distinct neighbours of an entity over all kinds, and how many are in view. */
export function neighbourTotal(model: ViewModel, adj: Adjacency, id: string, visible: Uint8Array): { neighbours: number; shown: number } {
  const i = model.byId.get(id)?.index;
  if (i === undefined) return { neighbours: 0, shown: 0 };
  const set = new Set<number>();
  for (let k = adj.offsets[i]; k < adj.offsets[i + 1]; k++) set.add(adj.neighbours[k]);
  return { neighbours: set.size, shown: [...set].filter((u) => visible[u]).length };
}

/**
 * What is drawn: the filters' visibility narrowed to the working view and without the hidden entities. An edge is
 * drawn when the filters let it and both its ends are drawn; the counts are of what is drawn.
 */
export function workingVisibility(model: ViewModel, base: Visibility, scope: Uint8Array | null, hidden: readonly string[], keep?: Uint8Array): Visibility {
  if (scope === null && hidden.length === 0 && keep === undefined) return base;
  const nodes = new Uint8Array(base.nodes);
  if (scope !== null) for (let i = 0; i < nodes.length; i++) nodes[i] &= scope[i];
  for (const id of hidden) {
    const n = model.byId.get(id);
    if (n) nodes[n.index] = 0;
  }
  if (keep !== undefined) for (let i = 0; i < nodes.length; i++) nodes[i] &= keep[i];
  return recount(model, base, nodes);
}

/** The positions of each drawn edge's two ends, once per model. */
const endsCache = new WeakMap<ViewModel, { source: Uint32Array; target: Uint32Array }>();
export function edgeEnds(model: ViewModel): { source: Uint32Array; target: Uint32Array } {
  let ends = endsCache.get(model);
  if (!ends) {
    const source = new Uint32Array(model.edges.length);
    const target = new Uint32Array(model.edges.length);
    for (const e of model.edges) {
      source[e.index] = model.byId.get(e.source)!.index;
      target[e.index] = model.byId.get(e.target)!.index;
    }
    endsCache.set(model, (ends = { source, target }));
  }
  return ends;
}

/** Visibility with these nodes: edges kept where the filters let them and both ends are drawn; counts of what is drawn. */
function recount(model: ViewModel, base: Visibility, nodes: Uint8Array): Visibility {
  const ends = edgeEnds(model);
  const edges = new Uint8Array(base.edges.length);
  let entities = 0;
  let flagged = 0;
  for (const n of model.nodes) {
    if (!nodes[n.index]) continue;
    entities++;
    if (n.flags.length > 0) flagged++;
  }
  let ties = 0;
  let shipments = 0;
  for (const e of model.edges) {
    if (!base.edges[e.index]) continue;
    if (!nodes[ends.source[e.index]] || !nodes[ends.target[e.index]]) continue;
    edges[e.index] = 1;
    ties++;
    if (e.kind === 'shipment') for (const s of e.shipments) shipments += base.shipments[s];
  }
  return { nodes, edges, shipments: base.shipments, counts: { entities, ties, shipments, flagged } };
}

/** Focus mode "hide": what the selection does not bring forward is not drawn at all. */
export function focusVisibility(model: ViewModel, v: Visibility, emphasis: Emphasis | null): Visibility {
  if (emphasis === null) return v;
  const nodes = new Uint8Array(v.nodes);
  for (let i = 0; i < nodes.length; i++) if (emphasis.nodes[i] === 0) nodes[i] = 0;
  return recount(model, v, nodes);
}

/**
 * Several entities selected at once (a box, a table): they, and the ties among them, are brought forward (as
 * context: their labels keep out of each other's way; only one selected entity has its label boxed).
 */
export function markedEmphasis(model: ViewModel, ids: readonly string[]): Emphasis | null {
  if (ids.length === 0) return null;
  const nodes = new Uint8Array(model.nodes.length);
  const edges = new Uint8Array(model.edges.length);
  for (const id of ids) {
    const n = model.byId.get(id);
    if (n) nodes[n.index] = CONTEXT;
  }
  const ends = edgeEnds(model);
  for (let e = 0; e < edges.length; e++) if (nodes[ends.source[e]] && nodes[ends.target[e]]) edges[e] = 1;
  return { nodes, edges };
}

/** The entities and drawn edges of found paths: the ends in focus, the entities between as context. */
export function pathEmphasis(model: ViewModel, paths: { entities: string[]; steps: { ties: { kind: string; source: string; target: string; relation?: number }[] }[] }[], adj?: Adjacency): Emphasis | null {
  if (paths.length === 0) return null;
  const nodes = new Uint8Array(model.nodes.length);
  const edges = new Uint8Array(model.edges.length);
  const pairs = new Map<string, { source: string; target: string }>();
  for (const p of paths) {
    p.entities.forEach((id, i) => {
      const n = model.byId.get(id);
      if (n) nodes[n.index] = i === 0 || i === p.entities.length - 1 ? FOCUS : Math.max(nodes[n.index], CONTEXT);
    });
    for (const s of p.steps)
      for (const t of s.ties) {
        if (t.relation !== undefined) edges[t.relation] = 1;
        else pairs.set(JSON.stringify([t.source, t.target]), t);
      }
  }
  if (pairs.size > 0 && adj !== undefined) {
    // The shipment edge of each supplier → buyer pair, among the edges at the supplier (what a path passes costs its
    // ends' ties, not an index of every shipment edge).
    for (const { source, target } of pairs.values()) {
      const from = model.byId.get(source);
      if (from === undefined) continue;
      for (let k = adj.offsets[from.index]; k < adj.offsets[from.index + 1]; k++) {
        const e = model.edges[adj.edges[k]];
        if (e.kind === 'shipment' && e.source === source && e.target === target) edges[e.index] = 1;
      }
    }
  } else if (pairs.size > 0) {
    const byPair = shipmentEdges(model);
    for (const pair of pairs.keys()) {
      const e = byPair.get(pair);
      if (e !== undefined) edges[e] = 1;
    }
  }
  return { nodes, edges };
}

/**
 * What is brought forward when a path is shown beside a selection (an entity, a company group, entities marked): both,
 * each entity at the stronger of its two levels, each tie brought forward by either. A path found from the selected
 * entity ("Path to here") was drawn with its ties in the path colour but its entities faded and unnamed where the
 * selection did not reach them. Either alone is returned as it is.
 */
export function withPath(chosen: Emphasis | null, onPath: Emphasis | null): Emphasis | null {
  if (chosen === null || onPath === null) return chosen ?? onPath;
  const nodes = chosen.nodes.slice();
  const edges = chosen.edges.slice();
  for (let i = 0; i < nodes.length; i++) if (onPath.nodes[i] > nodes[i]) nodes[i] = onPath.nodes[i];
  for (let i = 0; i < edges.length; i++) edges[i] |= onPath.edges[i];
  return { nodes, edges };
}

/** The shipment edge of each supplier → buyer pair (keyed as pathEmphasis keys a tie), once per model. */
const shipmentEdgeCache = new WeakMap<ViewModel, Map<string, number>>();
function shipmentEdges(model: ViewModel): Map<string, number> {
  let byPair = shipmentEdgeCache.get(model);
  if (!byPair) {
    byPair = new Map();
    for (const e of model.edges) if (e.kind === 'shipment') byPair.set(JSON.stringify([e.source, e.target]), e.index);
    shipmentEdgeCache.set(model, byPair);
  }
  return byPair;
}

/** Entities drawn inside a rectangle of the screen (a box selection): positions by entity index, null when not drawn. */
export function inBox(model: ViewModel, positions: ({ x: number; y: number } | null)[], visible: Uint8Array, box: { x0: number; y0: number; x1: number; y1: number }): string[] {
  const [x0, x1] = box.x0 <= box.x1 ? [box.x0, box.x1] : [box.x1, box.x0];
  const [y0, y1] = box.y0 <= box.y1 ? [box.y0, box.y1] : [box.y1, box.y0];
  const out: string[] = [];
  for (const n of model.nodes) {
    const p = positions[n.index];
    if (!visible[n.index] || p === null) continue;
    if (p.x >= x0 && p.x <= x1 && p.y >= y0 && p.y <= y1) out.push(n.id);
  }
  return out;
}

/**
 * Entities drawn inside a lasso: a closed polygon drawn freehand on the screen (its last point joins its first),
 * positions by entity index as for `inBox`. A point is inside by the even-odd rule (as a canvas fills a path): where a
 * lasso crosses itself, the loop it closes is outside. Fewer than three points hold nothing.
 */
export function inLasso(model: ViewModel, positions: ({ x: number; y: number } | null)[], visible: Uint8Array, polygon: readonly { x: number; y: number }[]): string[] {
  const k = polygon.length;
  if (k < 3) return [];
  const xs = new Float64Array(k);
  const ys = new Float64Array(k);
  let [minX, maxX, minY, maxY] = [Infinity, -Infinity, Infinity, -Infinity];
  polygon.forEach((p, i) => {
    xs[i] = p.x;
    ys[i] = p.y;
    if (p.x < minX) minX = p.x;
    if (p.x > maxX) maxX = p.x;
    if (p.y < minY) minY = p.y;
    if (p.y > maxY) maxY = p.y;
  });
  const out: string[] = [];
  for (const n of model.nodes) {
    const p = positions[n.index];
    if (!visible[n.index] || p === null) continue;
    const { x, y } = p;
    if (x < minX || x > maxX || y < minY || y > maxY) continue;
    // A ray from the point towards +x: inside when it crosses the outline an odd number of times.
    let inside = false;
    for (let i = 0, j = k - 1; i < k; j = i++) {
      if (ys[i] > y !== ys[j] > y && x < ((xs[j] - xs[i]) * (y - ys[i])) / (ys[j] - ys[i]) + xs[i]) inside = !inside;
    }
    if (inside) out.push(n.id);
  }
  return out;
}

/** Adds to or takes from a multiple selection (a box with Shift adds; Alt takes away). */
export function combineMarked(marked: readonly string[], ids: readonly string[], mode: 'replace' | 'add' | 'remove'): string[] {
  if (mode === 'replace') return unique(ids);
  if (mode === 'add') return unique([...marked, ...ids]);
  const set = new Set(ids);
  return marked.filter((m) => !set.has(m));
}
