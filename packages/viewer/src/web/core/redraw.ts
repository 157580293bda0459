import type { Visibility } from './filters';
import { FADED, FOCUS, type Emphasis } from './state';

/** What the graph is drawn from: what is drawn, what a selection brings forward, the selected group, a path's ties. */
export interface DrawnFrom {
  visible: Visibility;
  emphasis: Emphasis | null;
  group: number | null;
  highlight?: Uint8Array | null;
}

/** How a node looks (0: not drawn): the graph view's node reducer gives the same look the same drawing. */
export function nodeLook(s: DrawnFrom, i: number): number {
  if (!s.visible.nodes[i]) return 0;
  if (s.emphasis === null) return 1;
  const level = s.emphasis.nodes[i];
  return level === FOCUS ? (s.group === null ? 2 : 3) : level !== FADED ? 4 : 5;
}

/** How an edge looks (0: not drawn), as the graph view's edge reducer draws it. */
export function edgeLook(s: DrawnFrom, i: number): number {
  if (!s.visible.edges[i]) return 0;
  if (s.highlight?.[i]) return 1;
  if (s.emphasis === null) return 2;
  return s.emphasis.edges[i] ? 3 : 4;
}

/**
 * The nodes and edges (by index) that look different drawn from `b` than from `a`, so that only they are given to
 * the renderer again; null when more than `limit` of them do (redrawing everything is then as cheap).
 */
export function changedLooks(a: DrawnFrom, b: DrawnFrom, nodes: number, edges: number, limit = (nodes + edges) / 2): { nodes: number[]; edges: number[] } | null {
  const n: number[] = [];
  const e: number[] = [];
  for (let i = 0; i < nodes; i++) if (nodeLook(a, i) !== nodeLook(b, i) && n.push(i) > limit) return null;
  for (let i = 0; i < edges; i++) if (edgeLook(a, i) !== edgeLook(b, i) && e.push(i) + n.length > limit) return null;
  return { nodes: n, edges: e };
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
