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
  /** True when at least half of the located members lie within `radiusKm` of a site. */
  proximate: boolean;
}

/** Where a group of points lies relative to a set of sites (here: clusters and border crossings). */
export function groupGeography(points: readonly LatLon[], sites: readonly Site[], radiusKm: number): GroupGeography {
  const located = points.length;
  if (located === 0 || sites.length === 0) return { located, withinRadius: 0, nearest: null, proximate: false };
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
  return { located, withinRadius, nearest, proximate: withinRadius * 2 >= located };
}
