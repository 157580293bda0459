import { mercator } from './layout';

/**
 * The detailed base map's pure parts: decoding the compact file (scripts/build-basemap.mjs, src/node/basemap.ts), the
 * levels of detail (what to draw at which zoom), and town labels that never cover each other or anything already
 * drawn. Positions are in the geographic layout's coordinates (core/layout.ts `mercator`: x longitude, y Mercator
 * degrees).
 */

export interface BasemapFile {
  format: number;
  scale: number;
  attribution: string[];
  admin1: { b: [number, number, number, number]; p: number[] }[];
  coast: { b: [number, number, number, number]; p: number[] }[];
  towns: [string, number, number, number][];
  cut?: boolean;
}

/** A line in layout coordinates: x0, y0, x1, y1, … and its box. */
export interface MapLine {
  points: Float64Array;
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export interface Town {
  name: string;
  x: number;
  y: number;
  population: number;
}

export interface Basemap {
  admin1: MapLine[];
  coast: MapLine[];
  /** Largest first. */
  towns: Town[];
  attribution: string[];
}

function decodeLines(chunks: BasemapFile['admin1'], scale: number): MapLine[] {
  return chunks.map((c) => {
    const n = c.p.length / 2;
    const points = new Float64Array(c.p.length);
    let [x, y] = [0, 0];
    let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
    for (let i = 0; i < n; i++) {
      x = i === 0 ? c.p[0] : x + c.p[2 * i];
      y = i === 0 ? c.p[1] : y + c.p[2 * i + 1];
      const m = mercator(y / scale, x / scale);
      points[2 * i] = m.x;
      points[2 * i + 1] = m.y;
      minX = Math.min(minX, m.x);
      maxX = Math.max(maxX, m.x);
      minY = Math.min(minY, m.y);
      maxY = Math.max(maxY, m.y);
    }
    return { points, minX, minY, maxX, maxY };
  });
}

/** The file's text as lines and towns in layout coordinates. Throws on a file of another format. */
export function decodeBasemap(file: BasemapFile): Basemap {
  if (file.format !== 1 || !(file.scale > 0)) throw new Error(`the base map is of format ${JSON.stringify(file.format)}, not 1`);
  return {
    admin1: decodeLines(file.admin1, file.scale),
    coast: decodeLines(file.coast, file.scale),
    towns: file.towns.map(([name, x, y, population]) => ({ name, ...mercator(y / file.scale, x / file.scale), population })),
    attribution: file.attribution,
  };
}

/** What the map draws at one zoom. */
export interface MapDetail {
  /** First-level administrative borders (states, provinces). */
  admin1: boolean;
  /** Country borders and coastlines at 1:10m instead of 1:50m. */
  detailedCoast: boolean;
  /** Towns of at least this many people, or null for none. */
  minPopulation: number | null;
}

/**
 * Levels of detail, by how many degrees of longitude one screen pixel spans: the whole world shows country borders
 * only; a country or a region adds its provinces and its largest cities; the closer the view, the smaller the towns
 * named (down to 15,000 people, the smallest the base map keeps). So that at every zoom the map helps to place the
 * entities without crowding them.
 */
export function mapDetail(degreesPerPixel: number): MapDetail {
  const d = degreesPerPixel;
  return {
    admin1: d <= 0.02,
    detailedCoast: d <= 0.008,
    minPopulation: d > 0.02 ? null : d > 0.01 ? 500_000 : d > 0.005 ? 150_000 : d > 0.002 ? 50_000 : d > 0.0008 ? 25_000 : 15_000,
  };
}

/** A rectangle on the screen: [x0, y0, x1, y1]. */
export type Box = [number, number, number, number];

export const overlaps = (a: Box, b: Box): boolean => a[0] < b[2] && a[2] > b[0] && a[1] < b[3] && a[3] > b[1];

export interface LabelCandidate {
  /** The point named, in screen pixels. */
  x: number;
  y: number;
  /** The text's size in pixels. */
  width: number;
  height: number;
}

export interface PlacedLabel {
  /** Index in the candidates. */
  index: number;
  /** Where the text starts (left end, baseline-free: the top of its box). */
  x: number;
  y: number;
  box: Box;
}

/**
 * Labels for points in order of importance: each goes to the right of its point, else to the left, above, below or
 * at a corner,
 * wherever its box covers no box already taken (labels of entities, places, other towns) and stays inside the
 * area; a label with no room is left out, never piled on another. `taken` grows with the labels placed.
 */
export function placeLabels(candidates: readonly LabelCandidate[], taken: Box[], area: { width: number; height: number }, gap = 4): PlacedLabel[] {
  const out: PlacedLabel[] = [];
  candidates.forEach((c, index) => {
    const { width: w, height: h } = c;
    const spots: [number, number][] = [
      [c.x + gap, c.y - h / 2],
      [c.x - gap - w, c.y - h / 2],
      [c.x - w / 2, c.y - gap - h],
      [c.x - w / 2, c.y + gap],
      [c.x + gap, c.y - gap - h],
      [c.x + gap, c.y + gap],
      [c.x - gap - w, c.y - gap - h],
      [c.x - gap - w, c.y + gap],
    ];
    for (const [x, y] of spots) {
      const box: Box = [x - 1, y - 1, x + w + 1, y + h + 1];
      if (box[0] < 0 || box[1] < 0 || box[2] > area.width || box[3] > area.height) continue;
      if (taken.some((t) => overlaps(box, t))) continue;
      taken.push(box);
      out.push({ index, x, y, box });
      return;
    }
  });
  return out;
}

/** The lines whose box meets the view ([minX, minY, maxX, maxY] in layout coordinates). */
export function linesIn(lines: readonly MapLine[], view: [number, number, number, number]): MapLine[] {
  return lines.filter((l) => l.minX <= view[2] && l.maxX >= view[0] && l.minY <= view[3] && l.maxY >= view[1]);
}

/** The towns in the view of at least `minPopulation` people, largest first, at most `max`. */
export function townsIn(towns: readonly Town[], view: [number, number, number, number], minPopulation: number | null, max = 400): Town[] {
  if (minPopulation === null) return [];
  const out: Town[] = [];
  for (const t of towns) {
    if (t.population < minPopulation) break;
    if (t.x >= view[0] && t.x <= view[2] && t.y >= view[1] && t.y <= view[3]) {
      out.push(t);
      if (out.length >= max) break;
    }
  }
  return out;
}
