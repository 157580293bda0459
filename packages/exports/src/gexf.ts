import { write } from 'graphology-gexf';
import type { Report } from '@chokepoint/report';
import { exportGraph, mercatorY } from './network';

const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf', '#7f7f7f', '#bcbd22'];

/**
 * GEXF 1.3 for Gephi: every result as a node attribute (cluster, betweenness, key score, flags …),
 * colours by cluster, sizes by key score, and positions on a Mercator map for located entities.
 */
export function toGexf(report: Report): string {
  const graph = exportGraph(report);
  return write(graph, {
    version: '1.3',
    formatNode: (_key, attrs) => {
      const { label, ...attributes } = attrs as Record<string, unknown> & { label: string };
      const viz: { color: string; size: number; x?: number; y?: number } = {
        color: PALETTE[((attrs.cluster as number) - 1) % PALETTE.length],
        size: 4 + 16 * (attrs.keyScore as number),
      };
      if (typeof attrs.lat === 'number' && typeof attrs.lon === 'number') {
        viz.x = attrs.lon;
        viz.y = mercatorY(attrs.lat);
      }
      return { label, attributes, viz };
    },
    formatEdge: (_key, attrs) => ({ label: String(attrs.kind), attributes: attrs, weight: attrs.kind === 'shipment' ? Number(attrs.shipments) : 1 }),
  });
}
