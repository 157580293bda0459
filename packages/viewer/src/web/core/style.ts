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

/** Edge colours and widths by kind: ownership and family ties stand out from trade. */
export const EDGE_STYLE: Record<EdgeKind, { color: string; size: number; label: string }> = {
  owner: { color: '#7b3294', size: 2, label: 'ownership' },
  director: { color: '#c2a5cf', size: 1.5, label: 'director' },
  family: { color: '#d01c8b', size: 2, label: 'family' },
  shared_address: { color: '#f1b6da', size: 1.5, label: 'shared address' },
  employee: { color: '#a6dba0', size: 1, label: 'employee' },
  associate: { color: '#92c5de', size: 1, label: 'associate' },
  agent: { color: '#5aae61', size: 1, label: 'agent' },
  paid_for: { color: '#e08214', size: 1.5, label: 'paid for' },
  consigned_to: { color: '#8073ac', size: 1.5, label: 'consigned to' },
  shipment: { color: '#9e9e9e', size: 1, label: 'shipment' },
};

export const FLAG_COLOR = '#c00000';
export const FADED_COLOR = '#e4e4e4';

/** Node size: small for ordinary entities, growing with the key-node score. */
export function nodeSize(score: number, nodes: number): number {
  const base = nodes > 5000 ? 2 : nodes > 1000 ? 3 : 4;
  return base + 14 * score;
}
