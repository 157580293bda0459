/**
 * The detailed base map (dist/web/basemap.json, made by scripts/build-basemap.mjs from kept npm data packages):
 * first-level administrative borders, country borders and coastlines at 1:10m, and towns. The server serves it
 * whole; an exported HTML file embeds only the part around the report's entities and places, so that it stays small.
 * Pure: text in, text out.
 */

/** A piece of a line: its bounding box and its points, the first in integer units, then differences. */
export interface BasemapChunk {
  b: [number, number, number, number];
  p: number[];
}

export interface Basemap {
  format: 1;
  /** Integer units per degree. */
  scale: number;
  /** Where the data come from, with their licences (shown on the map and in pictures). */
  attribution: string[];
  admin1: BasemapChunk[];
  coast: BasemapChunk[];
  /** Towns, largest first: name, longitude and latitude in units, population. */
  towns: [string, number, number, number][];
  /** True when only the part around a report's entities is kept (an exported file). */
  cut?: boolean;
  stamp?: string;
}

/** Degrees kept around each of a report's entities and places in an exported file. */
export const EXPORT_MARGIN_DEGREES = 1;

/** The located points of a report (entities and places), as [lon, lat]. */
export function reportPoints(report: { entities?: { lat?: number | null; lon?: number | null }[]; places?: { lat: number; lon: number }[] }): [number, number][] {
  const out: [number, number][] = [];
  const add = (lat: unknown, lon: unknown) => {
    if (typeof lat === 'number' && typeof lon === 'number' && Number.isFinite(lat) && Number.isFinite(lon)) out.push([lon, lat]);
  };
  for (const e of report.entities ?? []) add(e.lat, e.lon);
  for (const p of report.places ?? []) add(p.lat, p.lon);
  return out;
}

/**
 * The part of the base map around some points: the one-degree cells within `margin` degrees of a point, and of the
 * map the chunks of lines whose box meets such a cell and the towns inside one. A report whose entities lie in two
 * far-apart regions keeps the two regions, not the whole box between them. With no point, nothing but the
 * attribution is kept.
 */
export function clipBasemap(map: Basemap, points: readonly [number, number][], margin = EXPORT_MARGIN_DEGREES): Basemap {
  const cells = new Set<number>();
  const key = (cx: number, cy: number) => (cy + 90) * 400 + (cx + 180);
  const m = Math.ceil(margin);
  for (const [lon, lat] of points) {
    const [cx, cy] = [Math.floor(lon), Math.floor(lat)];
    for (let dx = -m; dx <= m; dx++) for (let dy = -m; dy <= m; dy++) cells.add(key(cx + dx, cy + dy));
  }
  const s = map.scale;
  const meets = (c: BasemapChunk) => {
    const [x0, y0, x1, y1] = [Math.floor(c.b[0] / s), Math.floor(c.b[1] / s), Math.floor(c.b[2] / s), Math.floor(c.b[3] / s)];
    for (let cx = x0; cx <= x1; cx++) for (let cy = y0; cy <= y1; cy++) if (cells.has(key(cx, cy))) return true;
    return false;
  };
  return {
    format: map.format,
    scale: map.scale,
    attribution: map.attribution,
    admin1: map.admin1.filter(meets),
    coast: map.coast.filter(meets),
    towns: map.towns.filter((t) => cells.has(key(Math.floor(t[1] / s), Math.floor(t[2] / s)))),
    cut: true,
  };
}

/** The base map for an exported report: the part around its entities and places. */
export function basemapForReport(basemapJson: string, reportJson: string): string {
  const map = JSON.parse(basemapJson) as Basemap;
  let points: [number, number][] = [];
  try {
    points = reportPoints(JSON.parse(reportJson) as Parameters<typeof reportPoints>[0]);
  } catch {
    points = [];
  }
  return JSON.stringify(clipBasemap(map, points));
}
