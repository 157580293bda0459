import type { ViewModel } from './model';

/**
 * The geographic layout's drawing decisions, as pure functions: how entities at one place are spread out on the
 * screen, when they become one counted marker instead, and how wide a shipment arrow is drawn.
 */

export interface SpreadOptions {
  /** Vertical distance between two labels on the same side of a ring, in screen pixels. */
  labelHeight: number;
  /** Smallest ring radius, in screen pixels (two entities at one place sit this far from it). */
  minRadius: number;
  /** Places with more entities than this are drawn as one counted marker until opened. */
  maxRing: number;
  /** Coordinates equal to this many decimal places count as the same place (5: about a metre). */
  decimals: number;
}

export const DEFAULT_SPREAD: SpreadOptions = { labelHeight: 16, minRadius: 18, maxRing: 24, decimals: 5 };

/** Where one entity is drawn, in screen pixels from its place (x to the right, y downwards), and which way its label runs. */
export interface SpreadOffset {
  dx: number;
  dy: number;
  side: 'left' | 'right';
}

/** Many entities at one place, drawn as one marker with their count. */
export interface PlaceMarker {
  /** The place's key (rounded coordinates): what `open` takes. */
  key: string;
  lat: number;
  lon: number;
  /** Entity indices, in id order. */
  members: number[];
}

export interface Spread {
  /** Entity index → offset, for entities that share their place with others (and are not in a marker). */
  offsets: Map<number, SpreadOffset>;
  markers: PlaceMarker[];
}

/** The key of a place: its coordinates rounded, so that the same address geocoded twice counts once. */
export function placeKey(lat: number, lon: number, decimals = DEFAULT_SPREAD.decimals): string {
  return `${lat.toFixed(decimals)},${lon.toFixed(decimals)}`;
}

/**
 * Spreads entities that share a place into a ring around it, in screen terms so that it reads the same at every zoom:
 * the first half (by id) on the right arc with labels running right, the rest on the left arc with labels running
 * left; on each arc the entities are one label height apart vertically, so no two labels on a side overlap, and the
 * radius grows with the count. Places with more than `maxRing` entities become a counted marker, unless their key is
 * in `open`. Deterministic: the same entities give the same offsets whatever their order.
 */
export function spreadColocated(
  points: readonly { index: number; id: string; lat: number | null; lon: number | null }[],
  options: Partial<SpreadOptions> = {},
  open: ReadonlySet<string> = new Set(),
): Spread {
  const o = { ...DEFAULT_SPREAD, ...options };
  const places = new Map<string, { lat: number; lon: number; members: { index: number; id: string }[] }>();
  for (const p of points) {
    if (p.lat === null || p.lon === null) continue;
    const key = placeKey(p.lat, p.lon, o.decimals);
    const place = places.get(key);
    if (place) place.members.push({ index: p.index, id: p.id });
    else places.set(key, { lat: p.lat, lon: p.lon, members: [{ index: p.index, id: p.id }] });
  }
  const offsets = new Map<number, SpreadOffset>();
  const markers: PlaceMarker[] = [];
  const keys = [...places.keys()].sort();
  for (const key of keys) {
    const place = places.get(key)!;
    const members = place.members.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.index - b.index));
    if (members.length < 2) continue;
    if (members.length > o.maxRing && !open.has(key)) {
      markers.push({ key, lat: place.lat, lon: place.lon, members: members.map((m) => m.index) });
      continue;
    }
    const right = Math.ceil(members.length / 2);
    const left = members.length - right;
    const halfSpan = ((Math.max(right, left) - 1) / 2) * o.labelHeight;
    const radius = Math.max(o.minRadius, halfSpan + 0.75 * o.labelHeight);
    const arc = (count: number, side: 'left' | 'right', from: number) => {
      for (let i = 0; i < count; i++) {
        const dy = (i - (count - 1) / 2) * o.labelHeight;
        const dx = Math.sqrt(radius * radius - dy * dy);
        offsets.set(members[from + i].index, { dx: side === 'right' ? dx : -dx, dy, side });
      }
    };
    arc(right, 'right', 0);
    arc(left, 'left', right);
  }
  return { offsets, markers };
}

/** How a shipment arrow's width was chosen. */
export interface FlowWidth {
  /** Width in screen pixels. */
  width: number;
  /** What the width follows: total kg, total value in one currency, or nothing known (the thinnest line). */
  basis: 'kg' | 'value' | 'none';
  /** The total behind the width (kg, or value in `currency`). */
  total: number;
  currency?: string;
}

export const MIN_FLOW_WIDTH = 1;
export const MAX_FLOW_WIDTH = 6;

/**
 * Widths of the shipment edges (supplier → buyer pairs): by the total kg of the pair where any of its shipments was
 * weighed, by the square root of its share of the heaviest pair (so that many light
 * flows stay thin and a few heavy ones stand out); otherwise by the total value, compared only with pairs
 * paid in the same currency (a pair paid in several currencies takes its widest). Values in different currencies are
 * never added together. Returns edge index → width.
 */
export function flowWidths(model: Pick<ViewModel, 'edges' | 'report'>): Map<number, FlowWidth> {
  const shipments = model.report.shipments;
  const kg = new Map<number, number>();
  const value = new Map<number, Map<string, number>>();
  let maxKg = 0;
  const maxValue = new Map<string, number>();
  for (const e of model.edges) {
    if (e.kind !== 'shipment') continue;
    let total = 0;
    let weighed = false;
    const byCurrency = new Map<string, number>();
    for (const i of e.shipments) {
      const s = shipments[i];
      if (s.quantityKg !== undefined) {
        total += s.quantityKg;
        weighed = true;
      }
      if (s.value !== undefined && s.currency !== undefined) byCurrency.set(s.currency, (byCurrency.get(s.currency) ?? 0) + s.value);
    }
    if (weighed) {
      kg.set(e.index, total);
      maxKg = Math.max(maxKg, total);
    } else if (byCurrency.size > 0) {
      value.set(e.index, byCurrency);
      for (const [c, v] of byCurrency) maxValue.set(c, Math.max(maxValue.get(c) ?? 0, v));
    }
  }
  const scale = (x: number, max: number) =>
    max <= 0 ? MIN_FLOW_WIDTH : MIN_FLOW_WIDTH + (MAX_FLOW_WIDTH - MIN_FLOW_WIDTH) * Math.sqrt(x / max);
  const out = new Map<number, FlowWidth>();
  for (const e of model.edges) {
    if (e.kind !== 'shipment') continue;
    const k = kg.get(e.index);
    const v = value.get(e.index);
    if (k !== undefined) out.set(e.index, { width: scale(k, maxKg), basis: 'kg', total: k });
    else if (v !== undefined) {
      let best: FlowWidth | null = null;
      for (const c of [...v.keys()].sort()) {
        const w = scale(v.get(c)!, maxValue.get(c)!);
        if (best === null || w > best.width) best = { width: w, basis: 'value', total: v.get(c)!, currency: c };
      }
      out.set(e.index, best!);
    } else out.set(e.index, { width: MIN_FLOW_WIDTH, basis: 'none', total: 0 });
  }
  return out;
}

/** A rectangle to show: [minX, maxX, minY, maxY] in the layout's coordinates. */
export type Box = [number, number, number, number];

/** What "zoom to" offers in the geographic layout. */
export interface ZoomTarget {
  id: string;
  label: string;
  /** Entity indices to fit (for places, none: `point` is used). */
  members: number[];
  point?: { lat: number; lon: number };
}

/**
 * The places to zoom to: every located entity, the clusters near a border crossing together ("border region"), each
 * such cluster, then every other cluster with located members (largest first), then the border crossings and ports.
 */
export function zoomTargets(model: Pick<ViewModel, 'nodes' | 'report'>): ZoomTarget[] {
  const located = model.nodes.filter((n) => n.lat !== null && n.lon !== null);
  const byCluster = new Map<number, number[]>();
  for (const n of located) {
    const list = byCluster.get(n.cluster);
    if (list) list.push(n.index);
    else byCluster.set(n.cluster, [n.index]);
  }
  const near = model.report.clusters.filter((c) => c.borderProximate && byCluster.has(c.id));
  const out: ZoomTarget[] = [{ id: 'all', label: 'All located entities', members: located.map((n) => n.index) }];
  if (near.length > 0) out.push({ id: 'border', label: 'Border region (clusters near a crossing)', members: near.flatMap((c) => byCluster.get(c.id)!) });
  for (const c of near) out.push({ id: `cluster:${c.id}`, label: `Cluster ${c.id} (near a crossing, ${byCluster.get(c.id)!.length} located)`, members: byCluster.get(c.id)! });
  const others = model.report.clusters
    .filter((c) => !c.borderProximate && (byCluster.get(c.id)?.length ?? 0) > 1)
    .sort((a, b) => byCluster.get(b.id)!.length - byCluster.get(a.id)!.length || a.id - b.id);
  for (const c of others) out.push({ id: `cluster:${c.id}`, label: `Cluster ${c.id} (${byCluster.get(c.id)!.length} located)`, members: byCluster.get(c.id)! });
  for (const p of model.report.places) {
    if (p.kind !== 'border_crossing' && p.kind !== 'port') continue;
    out.push({ id: `place:${p.id}`, label: p.name, members: [], point: { lat: p.lat, lon: p.lon } });
  }
  return out;
}

/** How much smaller than the whole map the findings' area must be for the map to open on it (by its larger side). */
export const OPENING_SHARE = 0.25;

/** What the geographic layout opens on when the findings lie in a small part of a map that far-off entities stretch. */
export interface OpeningView {
  /** The located entities framed: those flagged, the key nodes and the members of clusters near a border crossing. */
  members: number[];
  /** The located entities outside that frame. */
  outside: number;
}

/**
 * Where the map opens when not on the whole of it: the located entities that are flagged, key nodes or in a cluster
 * near a border crossing, when the box around them is less than OPENING_SHARE of the box around every located entity (by its
 * larger side, in degrees): a supplier in China of a network in Peru and Bolivia made the map open on the world, the
 * border region a blob of piled labels. Null when fewer than two entities are such findings, or their area is most of
 * the map.
 */
export function openingView(model: Pick<ViewModel, 'nodes' | 'report'>): OpeningView | null {
  const near = new Set(model.report.clusters.filter((c) => c.borderProximate).map((c) => c.id));
  const located = model.nodes.filter((n) => n.lat !== null && n.lon !== null);
  const members = located.filter((n) => n.flags.length > 0 || n.keyRank !== null || near.has(n.cluster));
  // (one entity alone is no area: the map opens whole, and the entity is found in the lists)
  if (members.length < 2) return null;
  /** The box around entities, in degrees: [min lat, max lat, min lon, max lon]. */
  const box = (list: typeof located) => {
    let [a, b, c, d] = [Infinity, -Infinity, Infinity, -Infinity];
    for (const n of list) [a, b, c, d] = [Math.min(a, n.lat!), Math.max(b, n.lat!), Math.min(c, n.lon!), Math.max(d, n.lon!)];
    return [a, b, c, d] as const;
  };
  const side = ([a, b, c, d]: readonly number[]) => Math.max(b - a, d - c);
  const whole = side(box(located));
  const [minLat, maxLat, minLon, maxLon] = box(members);
  if (whole === 0 || side([minLat, maxLat, minLon, maxLon]) >= OPENING_SHARE * whole) return null;
  const outside = located.filter((n) => n.lat! < minLat || n.lat! > maxLat || n.lon! < minLon || n.lon! > maxLon).length;
  return { members: members.map((n) => n.index), outside };
}

/** What an arrow's width stands for, with sample widths for a legend. */
export interface FlowLegendEntry {
  title: string;
  samples: { width: number; label: string }[];
}

/**
 * The legend of the arrows' widths: by kg where any pair was weighed (the widest stands for the heaviest pair, a
 * quarter of it for half the extra width, as `flowWidths` scales by the square root), else by value within one
 * currency; null when no arrow carries a weight or a value.
 */
export function flowLegend(flows: ReadonlyMap<number, FlowWidth>): FlowLegendEntry | null {
  let maxKg = 0;
  let valued = false;
  for (const f of flows.values()) {
    if (f.basis === 'kg') maxKg = Math.max(maxKg, f.total);
    if (f.basis === 'value') valued = true;
  }
  const kg = (x: number) => `${Math.round(x).toLocaleString('en-US')} kg`;
  const mid = MIN_FLOW_WIDTH + (MAX_FLOW_WIDTH - MIN_FLOW_WIDTH) / 2;
  if (maxKg > 0) {
    return {
      title: 'Arrow width: kg shipped',
      samples: [
        { width: MAX_FLOW_WIDTH, label: kg(maxKg) },
        { width: mid, label: kg(maxKg / 4) },
        { width: MIN_FLOW_WIDTH, label: valued ? 'little (or value only)' : 'little, or not weighed' },
      ],
    };
  }
  if (!valued) return null;
  return {
    title: 'Arrow width: value (within one currency)',
    samples: [
      { width: MAX_FLOW_WIDTH, label: 'the largest pair in its currency' },
      { width: mid, label: 'a quarter of it' },
      { width: MIN_FLOW_WIDTH, label: 'little, or no value known' },
    ],
  };
}
