import { scopeWeights } from './scope';
import type { Report, ReportCluster, ReportController, ReportGroup, ReportKeyNode, ReportShipment } from '@chokepoint/report';

export const RELATION_KINDS = ['owner', 'director', 'family', 'employee', 'shared_address', 'associate', 'agent', 'paid_for', 'consigned_to'] as const;
export const EDGE_KINDS = [...RELATION_KINDS, 'shipment'] as const;
export type EdgeKind = (typeof EDGE_KINDS)[number];
export const ENTITY_KINDS = ['company', 'person', 'organization'] as const;

/** An entity as the viewer shows it. */
export interface ViewNode {
  index: number;
  id: string;
  name: string;
  kind: string;
  cluster: number;
  /** Company group (0: none). */
  group: number;
  country?: string;
  lat: number | null;
  lon: number | null;
  /** Key-node score (0 when not a key node) and rank (null when not ranked). */
  score: number;
  keyRank: number | null;
  flags: string[];
  articulation: boolean;
  betweenness: number;
  /** Ids of records merged into this entity by name resolution (still searchable). */
  aliases: string[];
}

/** A drawn edge: one relation, or all shipments from one supplier to one buyer. */
export interface ViewEdge {
  index: number;
  key: string;
  source: string;
  target: string;
  kind: EdgeKind;
  /**
   * Indices into report.shipments: all shipments of the pair (shipment edges), or the shipments behind a tie that
   * shipments imply (paid_for, consigned_to); empty for other ties.
   */
  shipments: number[];
}

export interface ViewModel {
  report: Report;
  nodes: ViewNode[];
  byId: Map<string, ViewNode>;
  edges: ViewEdge[];
  clusters: Map<number, ReportCluster>;
  groups: Map<number, ReportGroup>;
  controllers: Map<string, ReportController>;
  keyNodes: Map<string, ReportKeyNode>;
  /** Shipment id → index into report.shipments. */
  shipmentIndex: Map<string, number>;
  /** Drawn edges by kind (relations, and supplier → buyer pairs of shipments). */
  edgeKindCounts: Map<EdgeKind, number>;
  /** Commodities by number of shipments, most shipped first. */
  commodities: { commodity: string; shipments: number }[];
  /** First and last shipment dates (shipped, else received), or null without dates. */
  dateRange: [string, string] | null;
  /** Shipments per month, for the timeline: month (YYYY-MM) → count. */
  months: { month: string; shipments: number }[];
}

export function shipmentDate(s: ReportShipment): string | undefined {
  return s.shipped ?? s.received;
}

/** Turns a report into what the viewer draws. Pure; the report is not changed. */
export function buildModel(report: Report): ViewModel {
  const keyRank = new Map(report.keyNodes.map((k) => [k.id, k]));
  const weights = scopeWeights(report); // a piece of a large report: cluster nodes sized by their members
  const nodes: ViewNode[] = report.entities.map((e, index) => ({
    index,
    id: e.id,
    name: e.name,
    kind: e.kind,
    cluster: e.cluster,
    group: e.group,
    country: e.country,
    lat: e.lat,
    lon: e.lon,
    score: keyRank.get(e.id)?.score ?? weights.get(e.id) ?? 0,
    keyRank: keyRank.get(e.id)?.rank ?? null,
    flags: e.flags,
    articulation: e.articulation,
    betweenness: e.betweenness,
    aliases: e.attributes.aliases === undefined ? [] : e.attributes.aliases.split(';').map((a) => a.trim()).filter((a) => a !== ''),
  }));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const shipmentIndex = new Map(report.shipments.map((s, i) => [s.id, i]));
  const edges: ViewEdge[] = report.relations.map((r, i) => ({
    index: i,
    key: `r${i}`,
    source: r.source,
    target: r.target,
    kind: r.kind,
    shipments: r.viaShipments === undefined ? [] : r.viaShipments.map((id) => shipmentIndex.get(id)).filter((x): x is number => x !== undefined),
  }));
  // One edge per supplier → buyer pair, in the order of each pair's first shipment (buyers by supplier: no key made
  // of the two ids per shipment).
  const pairs = new Map<string, Map<string, ViewEdge>>();
  let pairCount = 0;
  const commodityCount = new Map<string, number>();
  const monthCount = new Map<string, number>();
  let first: string | undefined;
  let last: string | undefined;
  report.shipments.forEach((s, i) => {
    let buyers = pairs.get(s.supplier);
    if (buyers === undefined) pairs.set(s.supplier, (buyers = new Map()));
    let edge = buyers.get(s.buyer);
    if (!edge) {
      edge = { index: edges.length, key: `s${pairCount++}`, source: s.supplier, target: s.buyer, kind: 'shipment', shipments: [] };
      buyers.set(s.buyer, edge);
      edges.push(edge);
    }
    edge.shipments.push(i);
    commodityCount.set(s.commodity, (commodityCount.get(s.commodity) ?? 0) + 1);
    const d = shipmentDate(s);
    if (d !== undefined) {
      if (first === undefined || d < first) first = d;
      if (last === undefined || d > last) last = d;
      const month = d.slice(0, 7);
      monthCount.set(month, (monthCount.get(month) ?? 0) + 1);
    }
  });
  const months: ViewModel['months'] = [];
  if (first !== undefined && last !== undefined) {
    let [y, m] = [Number(first.slice(0, 4)), Number(first.slice(5, 7))];
    const end = last.slice(0, 7);
    for (;;) {
      const month = `${y}-${String(m).padStart(2, '0')}`;
      months.push({ month, shipments: monthCount.get(month) ?? 0 });
      if (month >= end) break;
      m = m === 12 ? 1 : m + 1;
      if (m === 1) y++;
    }
  }
  const edgeKindCounts = new Map<EdgeKind, number>(EDGE_KINDS.map((k) => [k, 0]));
  for (const e of edges) edgeKindCounts.set(e.kind, edgeKindCounts.get(e.kind)! + 1);
  return {
    report,
    nodes,
    byId,
    edges,
    clusters: new Map(report.clusters.map((c) => [c.id, c])),
    groups: new Map(report.groups.map((g) => [g.id, g])),
    controllers: new Map(report.controllers.map((c) => [c.id, c])),
    keyNodes: new Map(report.keyNodes.map((k) => [k.id, k])),
    shipmentIndex,
    edgeKindCounts,
    commodities: [...commodityCount].map(([commodity, shipments]) => ({ commodity, shipments })).sort((a, b) => b.shipments - a.shipments || (a.commodity < b.commodity ? -1 : 1)),
    dateRange: first !== undefined && last !== undefined ? [first, last] : null,
    months,
  };
}
