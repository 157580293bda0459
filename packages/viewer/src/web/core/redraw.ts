import type { Visibility } from './filters';
import { FADED, FOCUS, type Emphasis } from './state';

/** What the graph is drawn from: what is drawn, what a selection brings forward, the selected group, a path's ties. */
export interface DrawnFrom {
  visible: Visibility;
  emphasis: Emphasis | null;
  group: number | null;
  highlight?: Uint8Array | null;
}

/**
 * How a node of the base network looks (0: not drawn, 1: drawn). The base network is drawn from what is visible
 * alone: a selection or a path does not recolour it (the graph view dims it as a whole and draws what is brought
 * forward over it, `frontOf`), so selecting costs what the highlighted part costs.
 */
export function nodeLook(s: DrawnFrom, i: number): number {
  return s.visible.nodes[i] ? 1 : 0;
}

/** How an edge of the base network looks (0: not drawn, 1: drawn), as for nodes. */
export function edgeLook(s: DrawnFrom, i: number): number {
  return s.visible.edges[i] ? 1 : 0;
}

/**
 * The nodes and edges (by index) of the base network that look different drawn from `b` than from `a`, so that only
 * they are given to the renderer again; null when more than `limit` of them do (redrawing everything is then as cheap).
 */
export function changedLooks(a: DrawnFrom, b: DrawnFrom, nodes: number, edges: number, limit = (nodes + edges) / 2): { nodes: number[]; edges: number[] } | null {
  const n: number[] = [];
  const e: number[] = [];
  if (a.visible === b.visible) return { nodes: n, edges: e };
  const [an, bn, ae, be] = [a.visible.nodes, b.visible.nodes, a.visible.edges, b.visible.edges];
  for (let i = 0; i < nodes; i++) if (!an[i] !== !bn[i] && n.push(i) > limit) return null;
  for (let i = 0; i < edges; i++) if (!ae[i] !== !be[i] && e.push(i) + n.length > limit) return null;
  return { nodes: n, edges: e };
}

/**
 * How a node brought forward is drawn over the dimmed network: `selected` (the one selected entity: its label boxed),
 * `member` (in focus, but one of a selected group's members: drawn as it is), `forward` (brought forward by the
 * selection, or every drawn node of a path shown without a selection), `end` (dimmed, but the end of a tie drawn
 * forward: drawn faded under it).
 */
export type FrontNode = 'selected' | 'member' | 'forward' | 'end';

/** What is drawn over the dimmed base network: nodes and edges by index, in drawing order (back to front). */
export interface Front {
  nodes: { index: number; look: FrontNode }[];
  /** `path`: a tie of a shortest path found (thick, in the path colour); otherwise brought forward by the selection. */
  edges: { index: number; path: boolean }[];
  /** Whether the base network is dimmed: some node drawn there is not brought forward. */
  dims: boolean;
}

/**
 * What a selection, a selection of several or a path brings forward, for the graph view's highlight layer; null when
 * nothing is (the base network is drawn as it is). Only drawn nodes and edges are brought forward; the ends of an edge
 * brought forward are always in the front (faded, `end`, when the selection does not bring them forward themselves).
 */
export function frontOf(s: DrawnFrom, ends: { source: ArrayLike<number>; target: ArrayLike<number> }, nodes: number, edges: number): Front | null {
  const { visible, emphasis, group, highlight } = s;
  if (emphasis === null && !highlight) return null;
  const look = new Array<FrontNode | undefined>(nodes);
  const out: Front = { nodes: [], edges: [], dims: false };
  if (emphasis !== null)
    for (let i = 0; i < nodes; i++) {
      if (!visible.nodes[i]) continue;
      const level = emphasis.nodes[i];
      if (level === FADED) out.dims = true;
      else look[i] = level === FOCUS ? (group === null ? 'selected' : 'member') : 'forward';
    }
  // Without a selection, a path alone dims nothing but draws its ties over the rest.
  for (let i = 0; i < edges; i++) {
    if (!visible.edges[i]) continue;
    const path = highlight?.[i] === 1;
    if (!path && !(emphasis !== null && emphasis.edges[i])) continue;
    out.edges.push({ index: i, path });
    for (const end of [ends.source[i], ends.target[i]]) if (look[end] === undefined) look[end] = emphasis === null ? 'forward' : 'end';
  }
  // Back to front: the faded ends, then what is brought forward, then the selected entity (as the base's zIndex did).
  const order: FrontNode[] = ['end', 'forward', 'member', 'selected'];
  for (const o of order) for (let i = 0; i < nodes; i++) if (look[i] === o) out.nodes.push({ index: i, look: o });
  // Ties of a path over those the selection brings forward.
  out.edges.sort((a, b) => Number(a.path) - Number(b.path));
  return out;
}

/** Keys in ascending zIndex, keeping their order within one zIndex (as a stable sort does): a bucket sort. */
export function byZIndex<K>(keys: K[], zIndex: (key: K) => number | undefined): K[] {
  const buckets = new Map<number, K[]>();
  for (const k of keys) {
    const z = zIndex(k) || 0;
    const bucket = buckets.get(z);
    if (bucket) bucket.push(k);
    else buckets.set(z, [k]);
  }
  if (buckets.size <= 1) return keys;
  const out: K[] = [];
  for (const z of [...buckets.keys()].sort((x, y) => x - y)) for (const k of buckets.get(z)!) out.push(k);
  return out;
}
