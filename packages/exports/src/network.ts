import type { Report } from '@chokepoint/report';

/** Flat, typed attributes: what Gephi and spreadsheet tools can show as columns. */
export type Scalar = string | number | boolean;

/**
 * Attribute name → value, in column order. A Map: names include the input's own column names, which may be any
 * text (`__proto__` and `toString` included).
 */
export type Attributes = Map<string, Scalar>;

export interface ExportNode {
  id: string;
  attributes: Attributes;
}

export interface ExportEdge {
  id: string;
  source: string;
  target: string;
  attributes: Attributes;
}

/** Web Mercator y for a latitude, in degrees-like units (x is the longitude). */
export function mercatorY(lat: number): number {
  const clamped = Math.max(-85, Math.min(85, lat));
  return (Math.log(Math.tan(Math.PI / 4 + (clamped * Math.PI) / 360)) * 180) / Math.PI;
}

/** The name an input column gets when a result already uses its name: `input.<name>` (then `input.input.<name>` …). */
function inputName(taken: Attributes, name: string): string {
  let out = name;
  while (taken.has(out)) out = `input.${out}`;
  return out;
}

/**
 * The report's network as flat tables: one node per entity with its results (cluster, scores,
 * flags), one edge per relation and one per supplier → buyer pair of shipments (with counts, kg,
 * value and commodities). Absent values are left out rather than written as empty. The input's extra columns
 * follow the results; one whose name a result already uses (such as `cluster`) is called `input.cluster`.
 */
export function exportTables(report: Report): { nodes: ExportNode[]; edges: ExportEdge[] } {
  const key = new Map(report.keyNodes.map((k) => [k.id, k]));
  const clusters = new Map(report.clusters.map((c) => [c.id, c]));
  const nodes = report.entities.map((e) => {
    const a: Attributes = new Map<string, Scalar>([
      ['label', e.name],
      ['kind', e.kind],
    ]);
    const put = (k: string, v: Scalar | null | undefined) => {
      if (v !== null && v !== undefined) a.set(k, v);
    };
    put('country', e.country);
    put('city', e.city);
    put('sector', e.sector);
    put('isic', e.isic);
    put('employees', e.employees);
    put('founded', e.founded);
    put('lat', e.lat);
    put('lon', e.lon);
    a.set('cluster', e.cluster);
    a.set('clusterNearBorder', clusters.get(e.cluster)?.borderProximate ?? false);
    a.set('betweenness', e.betweenness);
    a.set('articulation', e.articulation);
    a.set('cutOff', e.cutOff);
    a.set('degree', e.degree);
    put('keyRank', key.get(e.id)?.rank);
    a.set('keyScore', key.get(e.id)?.score ?? 0);
    a.set('flagCount', e.flags.length);
    if (e.flags.length > 0) a.set('flags', e.flags.join(';'));
    put('nearestCrossing', e.nearestCrossing?.name);
    put('crossingDistanceKm', e.nearestCrossing?.distanceKm);
    for (const [k, v] of Object.entries(e.attributes)) a.set(inputName(a, k), v);
    return { id: e.id, attributes: a };
  });
  const edges: ExportEdge[] = report.relations.map((r, i) => {
    const a: Attributes = new Map<string, Scalar>([['kind', r.kind]]);
    if (r.share !== undefined) a.set('share', r.share);
    if (r.start !== undefined) a.set('start', r.start);
    if (r.end !== undefined) a.set('end', r.end);
    for (const [k, v] of Object.entries(r.attributes ?? {})) a.set(inputName(a, k), v);
    return { id: `r${i}`, source: r.source, target: r.target, attributes: a };
  });
  const pairs = new Map<string, { source: string; target: string; shipments: number; kg: number; value: number; commodities: Set<string>; first?: string; last?: string }>();
  for (const s of report.shipments) {
    const k = JSON.stringify([s.supplier, s.buyer]);
    const p = pairs.get(k) ?? { source: s.supplier, target: s.buyer, shipments: 0, kg: 0, value: 0, commodities: new Set<string>() };
    p.shipments++;
    p.kg += s.quantityKg ?? 0;
    p.value += s.value ?? 0;
    p.commodities.add(s.commodity);
    const d = s.shipped ?? s.received;
    if (d !== undefined) {
      if (p.first === undefined || d < p.first) p.first = d;
      if (p.last === undefined || d > p.last) p.last = d;
    }
    pairs.set(k, p);
  }
  let i = 0;
  for (const p of pairs.values()) {
    const a: Attributes = new Map<string, Scalar>([
      ['kind', 'shipment'],
      ['shipments', p.shipments],
      ['kg', p.kg],
      ['value', p.value],
      ['commodities', [...p.commodities].sort().join(';')],
    ]);
    if (p.first !== undefined) a.set('first', p.first);
    if (p.last !== undefined) a.set('last', p.last);
    edges.push({ id: `s${i++}`, source: p.source, target: p.target, attributes: a });
  }
  return { nodes, edges };
}
