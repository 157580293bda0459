import { COUNTRY_ANCHORS } from './country-anchors';
import type { ViewModel, ViewNode } from './model';
import { scopeOf } from './scope';

export interface Point {
  x: number;
  y: number;
}

const GOLDEN = Math.PI * (3 - Math.sqrt(5));

/**
 * Starting positions that already group clusters, so ForceAtlas2 settles fast: clusters sit on a
 * sunflower spiral (largest in the middle), members on a small sunflower around their centre.
 * Deterministic: the same report gives the same positions.
 */
export function clusterSeedLayout(model: ViewModel): Point[] {
  const byCluster = new Map<number, number[]>();
  for (const n of model.nodes) {
    const list = byCluster.get(n.cluster);
    if (list) list.push(n.index);
    else byCluster.set(n.cluster, [n.index]);
  }
  const clusters = [...byCluster.entries()].sort((a, b) => b[1].length - a[1].length || a[0] - b[0]);
  const out: Point[] = new Array(model.nodes.length);
  let spiral = 0;
  for (const [, members] of clusters) {
    const radius = Math.sqrt(members.length) * 2;
    const r = spiral === 0 ? 0 : Math.sqrt(spiral) * 14 + radius;
    const cx = r * Math.cos(spiral * GOLDEN);
    const cy = r * Math.sin(spiral * GOLDEN);
    spiral += Math.max(1, members.length / 4);
    members.forEach((index, i) => {
      const rr = Math.sqrt(i + 0.5) * 2;
      out[index] = { x: cx + rr * Math.cos(i * GOLDEN), y: cy + rr * Math.sin(i * GOLDEN) };
    });
  }
  return out;
}

/** Web Mercator, in degrees-like units: x = longitude, y grows northwards. */
export function mercator(lat: number, lon: number): Point {
  const clamped = Math.max(-85, Math.min(85, lat));
  const y = (Math.log(Math.tan(Math.PI / 4 + (clamped * Math.PI) / 360)) * 180) / Math.PI;
  return { x: lon, y };
}

/**
 * Geographic positions: located entities at their coordinates; unlocated ones on a small ring
 * beside the located members of their cluster when it has some in their country (or their country is
 * unknown); else on a ring around a point inside their country when it is known (COUNTRY_ANCHORS: a
 * forwarder in the Emirates of a cluster located in Turkey is drawn in the Emirates, not in Turkey);
 * else beside their cluster's located members, or in a row below the map. Returns the positions and
 * which entities were placed by their coordinates.
 */
export function geoLayout(model: ViewModel): { positions: Point[]; located: boolean[] } {
  const positions: Point[] = new Array(model.nodes.length);
  const located = model.nodes.map((n) => n.lat !== null && n.lon !== null);
  const centre = new Map<number, { x: number; y: number; n: number }>();
  /** The countries of each cluster's located members. */
  const countries = new Map<number, Set<string | undefined>>();
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  for (const n of model.nodes) {
    if (!located[n.index]) continue;
    const p = mercator(n.lat!, n.lon!);
    positions[n.index] = p;
    const c = centre.get(n.cluster) ?? { x: 0, y: 0, n: 0 };
    c.x += p.x;
    c.y += p.y;
    c.n++;
    centre.set(n.cluster, c);
    let set = countries.get(n.cluster);
    if (!set) countries.set(n.cluster, (set = new Set()));
    set.add(n.country);
    minX = Math.min(minX, p.x);
    maxX = Math.max(maxX, p.x);
    minY = Math.min(minY, p.y);
  }
  // An unlocated entity of a known country that none of its cluster's located members is in: a point inside its country
  // (its anchor counts in the map's extent).
  const anchorOf = (n: ViewNode): Point | undefined => {
    // A located member whose country is unknown may be in the entity's: beside it, then.
    const around = countries.get(n.cluster);
    if (n.country === undefined || around?.has(n.country) || around?.has(undefined) || !Object.hasOwn(COUNTRY_ANCHORS, n.country)) return undefined;
    const a = COUNTRY_ANCHORS[n.country];
    return mercator(a[0], a[1]);
  };
  const anchors = model.nodes.map((n) => (located[n.index] ? undefined : anchorOf(n)));
  for (const a of anchors) {
    if (a === undefined) continue;
    minX = Math.min(minX, a.x);
    maxX = Math.max(maxX, a.x);
    minY = Math.min(minY, a.y);
  }
  if (!Number.isFinite(minX)) {
    minX = 0;
    maxX = 1;
    minY = 0;
  }
  const span = Math.max(1, maxX - minX);
  const ring = span / 150;
  const count = new Map<number, number>();
  const inCountry = new Map<string, number>();
  let row = 0;
  for (const n of model.nodes) {
    if (located[n.index]) continue;
    const c = centre.get(n.cluster);
    const i = count.get(n.cluster) ?? 0;
    count.set(n.cluster, i + 1);
    const anchor = anchors[n.index];
    if (c && anchor === undefined) {
      const angle = i * GOLDEN;
      const r = ring * (1 + Math.sqrt(i));
      positions[n.index] = { x: c.x / c.n + r * Math.cos(angle), y: c.y / c.n + r * Math.sin(angle) };
    } else if (anchor !== undefined) {
      const k = inCountry.get(n.country!) ?? 0;
      inCountry.set(n.country!, k + 1);
      const r = ring * (1 + Math.sqrt(k));
      positions[n.index] = { x: anchor.x + r * Math.cos(k * GOLDEN), y: anchor.y + r * Math.sin(k * GOLDEN) };
    } else {
      positions[n.index] = { x: minX + (row % 60) * (span / 60), y: minY - span / 20 - Math.floor(row / 60) * (span / 60) };
      row++;
    }
  }
  return { positions, located };
}

/** The settings of ForceAtlas2 this viewer changes (graphology-layout-forceatlas2's names). */
export interface ForceSettings {
  gravity?: number;
  strongGravityMode?: boolean;
  barnesHutOptimize?: boolean;
  adjustSizes?: boolean;
}

/** Above this many nodes ForceAtlas2 runs with the Barnes–Hut approximation (as the library infers it). */
const BARNES_HUT_ABOVE = 2000;

/**
 * ForceAtlas2's settings for a network: those the library infers from the graph (Barnes–Hut above 2,000 nodes). In a
 * piece of a large report (the overview, whose clusters are tied to many others and some to none; a cluster or an
 * entity with the clusters around it as single large nodes), a strong pull to the centre (gravity 1 instead of 0.05):
 * with the inferred pull the tied clusters fell into one ball of discs on top of each other, a fifth of the frame wide,
 * and the untied ones drifted to its edges.
 */
export function forceSettings<S extends ForceSettings>(model: ViewModel, inferred: S): S {
  const settings = { ...inferred, barnesHutOptimize: model.nodes.length > BARNES_HUT_ABOVE };
  const scope = scopeOf(model.report);
  if (scope === null) return settings;
  // The overview's clusters are each tied to dozens of others (58 on average at 100k entities): every layout draws
  // them as one ball, and there their discs lay on top of each other. ForceAtlas2's anti-collision keeps each disc's
  // radius (its `size`, in the layout's units) clear of the others. Measured in Chromium (pairs of discs closer than
  // 0.9 times their radii, as drawn, once the layout stopped): the 110 clusters of the 100k bench report 9 → 0 pairs;
  // the 1,520 of the e2e test's report about 80 → 213 (on so many, it pushed the ball's edge out and the frame
  // shrank it): hence only on an overview of a few hundred clusters. Larger ones have their discs moved apart once
  // the layout stops (separateDiscsInFrame; the e2e test's 1,520: none left touching).
  const adjust = scope.kind === 'overview' && model.nodes.length <= ADJUST_SIZES_UP_TO;
  return { ...settings, strongGravityMode: true, gravity: 1, ...(adjust ? { adjustSizes: true } : {}) };
}

/** ForceAtlas2 keeps the discs of an overview of up to this many clusters clear of each other (forceSettings). */
const ADJUST_SIZES_UP_TO = 500;

/** The time a piece's layout may run before its first frame (warmUpIterations), in milliseconds of this machine. */
const WARM_UP_MS = 250;

/**
 * How many ForceAtlas2 iterations a piece of a large report runs before its first frame (none for a whole report,
 * which is drawn as it starts and spreads while the user looks). A piece starts from clusterSeedLayout: a cluster's
 * members on a small sunflower, the clusters around them far off; drawn so, its fifty members lay in a ball under
 * their labels until the layout had run for a second or two. The count depends on the number of nodes only (the same
 * piece opens the same way on every machine): as many as take about WARM_UP_MS where it was measured (2-core EPYC,
 * Node 20: 0.9 ms an iteration for 64 nodes, 5.1 ms for 880; with Barnes–Hut, above 2,000, 18 ms for 4,000), at most
 * 100.
 */
export function warmUpIterations(model: ViewModel): number {
  const n = model.nodes.length;
  if (scopeOf(model.report) === null || n < 2) return 0;
  const msPerIteration = n > BARNES_HUT_ABOVE ? 3.5e-4 * n * Math.log2(n) : 0.5 + 6.6e-6 * n * n;
  return Math.min(100, Math.floor(WARM_UP_MS / msPerIteration));
}

/**
 * In a piece of a large report that shows entities with the clusters around them as single nodes (a cluster, an
 * entity's neighbourhood): where those cluster nodes go, on a ring around the entities, each near the entities it is
 * tied to (in the order of those angles, evenly spaced; on two rings a little apart when many), so that they neither
 * pile on each other nor on the entities. With the layout alone, the 67 clusters around a cluster of 100 entities fell
 * into one heap of discs under their labels, pulled to the few members tying them. `at`: the nodes' positions now.
 * Empty for a whole report, the overview (whose nodes are all clusters) or a piece without cluster nodes.
 */
export function clusterRing(model: ViewModel, at: (index: number) => Point): Map<number, Point> {
  const scope = scopeOf(model.report);
  const out = new Map<number, Point>();
  if (scope === null || scope.kind === 'overview' || scope.clusterNodes.length === 0) return out;
  const ring = new Set(scope.clusterNodes.map(([id]) => model.byId.get(id)?.index).filter((i): i is number => i !== undefined));
  const inside = model.nodes.filter((n) => !ring.has(n.index)).map((n) => n.index);
  if (inside.length === 0 || ring.size === 0) return out;
  let cx = 0;
  let cy = 0;
  for (const i of inside) (cx += at(i).x), (cy += at(i).y);
  cx /= inside.length;
  cy /= inside.length;
  let reach = 0;
  for (const i of inside) reach = Math.max(reach, Math.hypot(at(i).x - cx, at(i).y - cy));
  // The angle of the entities each cluster node is tied to (their mean position), from the entities' centre.
  const sum = new Map<number, { x: number; y: number; n: number }>();
  for (const e of model.edges) {
    const a = model.byId.get(e.source)!.index;
    const b = model.byId.get(e.target)!.index;
    for (const [c, m] of [[a, b], [b, a]]) {
      if (!ring.has(c) || ring.has(m)) continue;
      const s = sum.get(c) ?? { x: 0, y: 0, n: 0 };
      s.x += at(m).x;
      s.y += at(m).y;
      s.n++;
      sum.set(c, s);
    }
  }
  const order = [...ring].map((c, k) => {
    const s = sum.get(c);
    const angle = s === undefined || (s.x / s.n === cx && s.y / s.n === cy) ? (2 * Math.PI * k) / ring.size : Math.atan2(s.y / s.n - cy, s.x / s.n - cx);
    return { c, angle };
  });
  order.sort((p, q) => p.angle - q.angle || p.c - q.c);
  const radius = Math.max(reach, 1) * 1.35;
  // Many discs on one ring would touch (about 40 fit around the frame): every other one a little further out.
  const two = ring.size > RING_ONE_UP_TO;
  const step = (2 * Math.PI) / ring.size;
  order.forEach(({ c }, k) => {
    const angle = order[0].angle + k * step;
    const r = two && k % 2 === 1 ? radius * 1.2 : radius;
    out.set(c, { x: cx + r * Math.cos(angle), y: cy + r * Math.sin(angle) });
  });
  return out;
}

/** Up to this many cluster nodes go on one ring (clusterRing); more on two. */
const RING_ONE_UP_TO = 40;

/**
 * An overview's discs are moved apart once its layout stops up to this many (separateDiscsInFrame: about a look at
 * each disc's neighbours a pass, up to a few hundred passes where discs are packed tight).
 */
export const SEPARATE_DISCS_UP_TO = 5000;

/** How far apart separateDiscs keeps two discs: their radii added, times this (a little room between them). */
export const DISC_ROOM = 1.1;

/**
 * Discs moved apart where they overlap: each pair closer than DISC_ROOM times their radii added is pushed apart along
 * the line between their centres, each by half of what is missing (a pair at one point along a direction fixed by
 * their indices), pair after pair, pass after pass until no pair overlaps or `passes` are done. For the overview of a
 * large report once its layout stops: on more than a few hundred clusters ForceAtlas2's own anti-collision pushed the
 * ball's edge out (forceSettings), and its discs were left touching. Positions and radii in the same units; pairs
 * found through a grid of cells as wide as the largest pair may lie apart and still touch, so a pass costs about one
 * look at each disc's neighbours. Pure: returns the new positions and how many pairs overlapped at the last pass (0
 * when all are apart).
 */
export function separateDiscs(points: readonly Point[], radii: readonly number[], passes = 100): { points: Point[]; overlapping: number } {
  const n = points.length;
  const x = Float64Array.from(points, (p) => p.x);
  const y = Float64Array.from(points, (p) => p.y);
  let largest = 0;
  for (const r of radii) if (r > largest) largest = r;
  let overlapping = 0;
  if (n < 2 || !(largest > 0)) return { points: points.map((p) => ({ x: p.x, y: p.y })), overlapping };
  const cell = 2 * largest * DISC_ROOM;
  // The grid as a hash table of cells in typed arrays (buckets by a hash of the cell's coordinates; two cells sharing
  // a bucket only add pairs whose distance is then looked at).
  let size = 1;
  while (size < 2 * n) size *= 2;
  const bucketOf = (cx: number, cy: number) => (Math.imul(cx, 73856093) ^ Math.imul(cy, 19349663)) & (size - 1);
  const start = new Int32Array(size + 1);
  const fill = new Int32Array(size);
  const bucket = new Int32Array(n);
  const items = new Int32Array(n);
  const seen = new Int32Array(n).fill(-1);
  for (let pass = 0; pass < passes; pass++) {
    // (each disc's bucket found once a pass; the arrays made once, not once a pass)
    start.fill(0);
    for (let i = 0; i < n; i++) start[(bucket[i] = bucketOf(Math.floor(x[i] / cell), Math.floor(y[i] / cell))) + 1]++;
    for (let b = 0; b < size; b++) start[b + 1] += start[b];
    fill.set(start.subarray(0, size));
    for (let i = 0; i < n; i++) items[fill[bucket[i]]++] = i;
    overlapping = 0;
    for (let i = 0; i < n; i++) {
      const cx = Math.floor(x[i] / cell);
      const cy = Math.floor(y[i] / cell);
      for (let ox = -1; ox <= 1; ox++) {
        for (let oy = -1; oy <= 1; oy++) {
          const b = bucketOf(cx + ox, cy + oy);
          for (let k = start[b]; k < start[b + 1]; k++) {
            const j = items[k];
            // (each pair once a pass, from its first disc; a bucket met twice around one disc is looked at once)
            if (j <= i || seen[j] === i) continue;
            seen[j] = i;
            const want = (radii[i] + radii[j]) * DISC_ROOM;
            let ux = x[j] - x[i];
            let uy = y[j] - y[i];
            const d = Math.hypot(ux, uy);
            // (a pair pushed apart lies at `want` give or take a rounding error: apart)
            if (d >= want * (1 - 1e-9)) continue;
            overlapping++;
            if (d === 0) {
              // (one point: apart along a direction of their own)
              const a = ((i * 7919 + j * 104729) % 360) * (Math.PI / 180);
              ux = Math.cos(a);
              uy = Math.sin(a);
            } else {
              ux /= d;
              uy /= d;
            }
            // (moved at once, not at the end of the pass: the next pair sees where these two are now)
            const push = (want - d) / 2;
            x[i] -= ux * push;
            y[i] -= uy * push;
            x[j] += ux * push;
            y[j] += uy * push;
          }
        }
      }
    }
    // (`seen` holds the disc a pair was looked at from: from the next pass on, again)
    seen.fill(-1);
    if (overlapping === 0) break;
  }
  return { points: Array.from(x, (px, i) => ({ x: px, y: y[i] })), overlapping };
}

/**
 * separateDiscs for discs drawn at a fixed size on the screen whatever the layout's extent (Sigma's node sizes are
 * pixels; the layout is scaled to the frame by its larger side): moving discs apart widens the layout, the frame then
 * draws it smaller, and the discs overlap again by as much. `radii` are in the layout's units at its extent as given;
 * each round scales them by how much the extent has grown and separates again, until the extent settles. Pure.
 */
export function separateDiscsInFrame(points: readonly Point[], radii: readonly number[], rounds = 6): { points: Point[]; overlapping: number; grown: number } {
  const extentOf = (ps: readonly Point[]) => {
    let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const p of ps) (x0 = Math.min(x0, p.x)), (y0 = Math.min(y0, p.y)), (x1 = Math.max(x1, p.x)), (y1 = Math.max(y1, p.y));
    return Math.max(x1 - x0, y1 - y0);
  };
  const before = extentOf(points);
  let result = separateDiscs(points, radii);
  let grown = 1;
  for (let round = 1; round < rounds && before > 0; round++) {
    const now = extentOf(result.points) / before;
    if (result.overlapping === 0 && Math.abs(now - grown) < 0.005) break;
    grown = now;
    result = separateDiscs(result.points, radii.map((r) => r * grown));
  }
  return { ...result, grown: before > 0 ? extentOf(result.points) / before : 1 };
}
