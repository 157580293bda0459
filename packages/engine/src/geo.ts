/** Mean Earth radius in km (IUGG), used for great-circle distances. */
export const EARTH_RADIUS_KM = 6371.0088;

export interface LatLon {
  lat: number;
  lon: number;
}

/** Great-circle distance in km between two points (haversine formula). */
export function haversineKm(a: LatLon, b: LatLon): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  // atan2 rather than asin keeps full precision near antipodal points.
  return 2 * EARTH_RADIUS_KM * Math.atan2(Math.sqrt(h), Math.sqrt(Math.max(0, 1 - h)));
}

export function median(values: number[]): number {
  const s = [...values].sort((x, y) => x - y);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export interface Site extends LatLon {
  id: string;
  name: string;
}

export interface NearestSite {
  id: string;
  name: string;
  distanceKm: number;
}

/** The closest site to a point, or undefined when there are no sites. Ties go to the earlier site. */
export function nearestSite(point: LatLon, sites: readonly Site[]): NearestSite | undefined {
  let best: NearestSite | undefined;
  for (const site of sites) {
    const d = haversineKm(point, site);
    if (best === undefined || d < best.distanceKm) best = { id: site.id, name: site.name, distanceKm: d };
  }
  return best;
}

/**
 * When a group (a cluster, a company group) may be called near a border: it needs at least `minLocated` members
 * with coordinates, and at least `minLocatedShare` of its members located, before its position says anything.
 */
export const PROXIMITY_DEFAULTS = { minLocated: 2, minLocatedShare: 1 / 3 } as const;

export interface ProximityOptions {
  minLocated?: number;
  minLocatedShare?: number;
}

export interface GroupGeography {
  /** Members with coordinates. */
  located: number;
  /** Located members within `radiusKm` of any site. */
  withinRadius: number;
  /**
   * The site nearest to the group: the one with the smallest median distance over located members.
   * `distanceKm` is that median; `minDistanceKm` the distance of the closest member to it.
   */
  nearest: (NearestSite & { minDistanceKm: number }) | null;
  /**
   * True when enough members are located (PROXIMITY_DEFAULTS) and either the median distance of the located members
   * to the nearest site (`nearest.distanceKm`) is within `radiusKm`, or more than half of them are within `radiusKm`
   * of a site (`withinRadius`): a group whose members sit at two crossings, half at each (a family's shops at two
   * border towns 75 km apart), is near the border too, though its median member is far from either one. So a group
   * called near a border never has most of its members beyond the radius, and one located member of a small group
   * cannot carry it.
   */
  proximate: boolean;
  /** False when too few members are located to judge (then `proximate` is false whatever the distances). */
  enoughLocated: boolean;
}

/**
 * Where a group of points lies relative to a set of sites (here: clusters and company groups, and border
 * crossings). `size` is the number of members, located or not (default: the located ones).
 */
export function groupGeography(points: readonly LatLon[], sites: readonly Site[], radiusKm: number, size: number = points.length, options: ProximityOptions = {}): GroupGeography {
  const located = points.length;
  const minLocated = options.minLocated ?? PROXIMITY_DEFAULTS.minLocated;
  const minShare = options.minLocatedShare ?? PROXIMITY_DEFAULTS.minLocatedShare;
  const enoughLocated = located >= minLocated && located >= minShare * size;
  if (located === 0 || sites.length === 0) return { located, withinRadius: 0, nearest: null, proximate: false, enoughLocated };
  let withinRadius = 0;
  for (const p of points) {
    if (nearestSite(p, sites)!.distanceKm <= radiusKm) withinRadius++;
  }
  let nearest: GroupGeography['nearest'] = null;
  for (const site of sites) {
    const distances = points.map((p) => haversineKm(p, site));
    const med = median(distances);
    if (nearest === null || med < nearest.distanceKm) {
      nearest = { id: site.id, name: site.name, distanceKm: med, minDistanceKm: distances.reduce((a, b) => (b < a ? b : a)) };
    }
  }
  const proximate = enoughLocated && nearest !== null && (nearest.distanceKm <= radiusKm || 2 * withinRadius > located);
  return { located, withinRadius, nearest, proximate, enoughLocated };
}
