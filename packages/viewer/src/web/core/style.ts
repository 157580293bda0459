import type { EdgeKind } from './model';

/**
 * Cluster colours: 20 hues readable on a light background (Tableau 20, darker tones first).
 * Cluster n gets colour (n − 1) mod 20; entities of clusters beyond that repeat colours.
 */
export const PALETTE = [
  '#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf', '#7f7f7f', '#bcbd22',
  '#393b79', '#637939', '#8c6d31', '#843c39', '#7b4173', '#3182bd', '#e6550d', '#31a354', '#756bb1', '#636363',
];

export function clusterColor(cluster: number): string {
  return PALETTE[(cluster - 1 + PALETTE.length) % PALETTE.length];
}

/**
 * Edge colours and widths by kind: ownership and family ties stand out from trade, and the ties shipments imply
 * (paid for: orange, consigned to: dark teal) from both. Every pair of kinds differs by a CIE76 colour difference of
 * 20 or more, and every kind from the faded colour of edges outside a selection (tested).
 */
export const EDGE_STYLE: Record<EdgeKind, { color: string; size: number; label: string }> = {
  owner: { color: '#7b3294', size: 2, label: 'ownership' },
  director: { color: '#c2a5cf', size: 1.5, label: 'director' },
  family: { color: '#d01c8b', size: 2, label: 'family' },
  shared_address: { color: '#d8b365', size: 1.5, label: 'shared address' },
  employee: { color: '#a6dba0', size: 1, label: 'employee' },
  associate: { color: '#92c5de', size: 1, label: 'associate' },
  agent: { color: '#5aae61', size: 1, label: 'agent' },
  paid_for: { color: '#e08214', size: 1.5, label: 'paid for' },
  consigned_to: { color: '#01665e', size: 1.5, label: 'consigned to' },
  shipment: { color: '#9e9e9e', size: 1, label: 'shipment' },
};

/** Kinds drawn with an arrow head: ties with a direction that matters (who owns, who pays, where goods go). */
export const ARROW_KINDS: ReadonlySet<EdgeKind> = new Set<EdgeKind>(['shipment', 'owner', 'director', 'paid_for', 'consigned_to']);

/** CIELAB (D65) of a #rrggbb colour. */
export function lab(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((v) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  const x = f((r * 0.4124 + g * 0.3576 + b * 0.1805) / 0.95047);
  const y = f(r * 0.2126 + g * 0.7152 + b * 0.0722);
  const z = f((r * 0.0193 + g * 0.1192 + b * 0.9505) / 1.08883);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}

/** CIE76 colour difference: about 2 is just noticeable, above 20 colours read as different at a glance. */
export function deltaE(a: string, b: string): number {
  const [p, q] = [lab(a), lab(b)];
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}

export const FLAG_COLOR = '#c00000';
/** The border of a party matched to a list of listed parties (screening): black, thicker than a flag's. */
export const LISTED_COLOR = '#000000';
export const FADED_COLOR = '#e4e4e4';

/** Node size: small for ordinary entities, growing with the key-node score. */
export function nodeSize(score: number, nodes: number, growth = 14): number {
  const base = nodes > 5000 ? 2 : nodes > 1000 ? 3 : 4;
  return base + growth * score;
}

/** The screen a whole layout is first framed in, for sizing (pixels): about what the viewer's network area shows. */
const FRAME_AREA = 700 * 700;
/** The share of that frame the nodes of an overview may cover together (a sixth or so: room between them to tell them apart). */
const OVERVIEW_COVER = 0.15;

/**
 * Node sizes (radii in pixels). On the overview of a large report every node is a cluster sized by its members, often
 * all of them large: their growth with the size is cut until together they cover at most OVERVIEW_COVER of the first frame
 * (hundreds of clusters of one size drew as discs on top of each other). Elsewhere `nodeSize` of each score.
 */
export function nodeSizes(scores: readonly number[], overview: boolean): number[] {
  const n = scores.length;
  const sizes = (growth: number) => scores.map((score) => nodeSize(score, n, growth));
  if (!overview) return sizes(14);
  const cover = (growth: number) => sizes(growth).reduce((sum, r) => sum + Math.PI * r * r, 0);
  if (cover(14) <= OVERVIEW_COVER * FRAME_AREA) return sizes(14);
  let lo = 0;
  let hi = 14;
  for (let k = 0; k < 30; k++) {
    const mid = (lo + hi) / 2;
    if (cover(mid) <= OVERVIEW_COVER * FRAME_AREA) lo = mid;
    else hi = mid;
  }
  return sizes(lo);
}
