import { EDGE_KINDS, ENTITY_KINDS, shipmentDate, type ViewModel } from './model';
import { edgeEnds } from './workspace';

/** What the person has chosen to see. Every filter combines with the others (AND). */
export interface Filters {
  entityKinds: string[];
  edgeKinds: string[];
  /** Clusters to show; null shows all. */
  clusters: number[] | null;
  onlyKeyNodes: boolean;
  onlyFlagged: boolean;
  onlyBorderClusters: boolean;
  /** Show only shipments of this commodity (ties are not affected). */
  commodity: string | null;
  /** Show only shipments dated within [dateFrom, dateTo] (ISO dates, inclusive). */
  dateFrom: string | null;
  dateTo: string | null;
}

export const DEFAULT_FILTERS: Filters = {
  entityKinds: [...ENTITY_KINDS],
  edgeKinds: [...EDGE_KINDS],
  clusters: null,
  onlyKeyNodes: false,
  onlyFlagged: false,
  onlyBorderClusters: false,
  commodity: null,
  dateFrom: null,
  dateTo: null,
};

export interface Visibility {
  nodes: Uint8Array;
  edges: Uint8Array;
  /** Shipments that pass the filters (by index into report.shipments). */
  shipments: Uint8Array;
  counts: { entities: number; ties: number; shipments: number; flagged: number };
}

/**
 * The counts with everything drawn (no filter, no working view): the most any view counts, each figure at least what
 * a filter or a working view leaves. The header keeps room for them, so that its height does not follow the counts.
 */
export function allCounts(model: ViewModel): Visibility['counts'] {
  let counts = allCountsCache.get(model);
  if (counts === undefined) {
    let shipments = 0;
    for (const e of model.edges) if (e.kind === 'shipment') shipments += e.shipments.length;
    counts = { entities: model.nodes.length, ties: model.edges.length, shipments, flagged: model.nodes.filter((n) => n.flags.length > 0).length };
    allCountsCache.set(model, counts);
  }
  return counts;
}
const allCountsCache = new WeakMap<ViewModel, Visibility['counts']>();

export function shipmentFilterActive(f: Filters): boolean {
  return f.commodity !== null || f.dateFrom !== null || f.dateTo !== null;
}

/**
 * Which entities, edges and shipments are visible under the filters. An edge is visible when both
 * its ends are, its kind is chosen, and (for shipment edges) at least one of its shipments passes
 * the commodity and date filters. Counts are of what is visible.
 */
export function visibility(model: ViewModel, f: Filters): Visibility {
  const { nodes: viewNodes, edges: viewEdges, report } = model;
  const kinds = new Set(f.entityKinds);
  const edgeKinds = new Set(f.edgeKinds);
  const clusters = f.clusters === null ? null : new Set(f.clusters);
  const nodes = new Uint8Array(viewNodes.length);
  let entities = 0;
  let flagged = 0;
  for (const n of viewNodes) {
    if (!kinds.has(n.kind)) continue;
    if (clusters !== null && !clusters.has(n.cluster)) continue;
    if (f.onlyKeyNodes && n.keyRank === null) continue;
    if (f.onlyFlagged && n.flags.length === 0) continue;
    if (f.onlyBorderClusters && !model.clusters.get(n.cluster)?.borderProximate) continue;
    nodes[n.index] = 1;
    entities++;
    if (n.flags.length > 0) flagged++;
  }
  const shipments = new Uint8Array(report.shipments.length);
  report.shipments.forEach((s, i) => {
    if (f.commodity !== null && s.commodity !== f.commodity) return;
    const d = shipmentDate(s);
    if ((f.dateFrom !== null || f.dateTo !== null) && d === undefined) return;
    if (f.dateFrom !== null && d! < f.dateFrom) return;
    if (f.dateTo !== null && d! > f.dateTo) return;
    shipments[i] = 1;
  });
  const edges = new Uint8Array(viewEdges.length);
  let ties = 0;
  let shipmentCount = 0;
  const ends = edgeEnds(model);
  for (const e of viewEdges) {
    if (!edgeKinds.has(e.kind)) continue;
    if (!nodes[ends.source[e.index]] || !nodes[ends.target[e.index]]) continue;
    if (e.kind === 'shipment') {
      let passing = 0;
      for (const i of e.shipments) passing += shipments[i];
      if (passing === 0) continue;
      shipmentCount += passing;
    }
    edges[e.index] = 1;
    ties++;
  }
  return { nodes, edges, shipments, counts: { entities, ties, shipments: shipmentCount, flagged } };
}
