import { decodeBasemap, linesIn, mapDetail, placeLabels, townsIn, type Basemap, type BasemapFile, type Box, type MapLine, type Town } from '../core/basemap';

/**
 * The detailed base map in the browser: read from the page (an exported file embeds the part around its report) or
 * fetched from the server beside it (`chokepoint view`), once per page. Without it the map keeps the country borders
 * built into the viewer.
 */
let loading: Promise<Basemap | null> | null = null;

export function loadBasemap(): Promise<Basemap | null> {
  if (loading !== null) return loading;
  loading = (async () => {
    try {
      const embedded = document.getElementById('chokepoint-basemap');
      let file: BasemapFile;
      if (embedded?.textContent?.trim()) file = JSON.parse(embedded.textContent) as BasemapFile;
      else {
        if (location.protocol !== 'http:' && location.protocol !== 'https:') return null;
        const res = await fetch('basemap.json');
        if (!res.ok) return null;
        file = (await res.json()) as BasemapFile;
      }
      return decodeBasemap(file);
    } catch {
      return null;
    }
  })();
  return loading;
}

/** Colours of the base map: country borders darker than the provinces'; town names grey, in italics. */
export const BASEMAP_STYLE = {
  country: '#7a7a7a',
  admin1: '#9a9a9a',
  admin1Dash: [5, 3] as number[],
  town: '#3c3c3c',
  townFont: 'italic 12px system-ui, sans-serif',
  townSize: 12,
};

export interface MapFrame {
  width: number;
  height: number;
  /** Layout coordinates → screen pixels. */
  project: (x: number, y: number) => { x: number; y: number };
  /** The view in layout coordinates: [minX, minY, maxX, maxY]. */
  view: [number, number, number, number];
}

export interface MapDrawing {
  admin1: MapLine[];
  coast: MapLine[] | null;
  towns: { town: Town; x: number; y: number; labelX: number; labelY: number }[];
}

/**
 * What to draw in a frame: the lines of the level of detail and the towns whose name finds room. `taken` (labels
 * already on the screen) grows with the towns' labels. `measure` gives a text's width in pixels.
 */
export function mapDrawing(map: Basemap, frame: MapFrame, taken: Box[], measure: (text: string) => number): MapDrawing {
  const degreesPerPixel = (frame.view[2] - frame.view[0]) / Math.max(1, frame.width);
  const detail = mapDetail(degreesPerPixel);
  const towns = townsIn(map.towns, frame.view, detail.minPopulation);
  const screen = towns.map((t) => frame.project(t.x, t.y));
  // The dots of the towns are taken first, so that no name covers another town's dot.
  const dots: Box[] = screen.map((p) => [p.x - 3, p.y - 3, p.x + 3, p.y + 3]);
  const placed = placeLabels(
    screen.map((p, i) => ({ x: p.x, y: p.y, width: measure(towns[i].name), height: BASEMAP_STYLE.townSize + 2 })),
    [...taken, ...dots],
    frame,
  );
  for (const p of placed) taken.push(p.box);
  return {
    admin1: detail.admin1 ? linesIn(map.admin1, frame.view) : [],
    coast: detail.detailedCoast ? linesIn(map.coast, frame.view) : null,
    towns: placed.map((p) => ({ town: towns[p.index], ...screen[p.index], labelX: p.x, labelY: p.y })),
  };
}

/**
 * Strokes lines on a canvas, leaving out the segments that lie wholly outside it (a segment that crosses the view
 * with both ends outside is drawn: simplified borders have long straight stretches; a jump across the antimeridian
 * is not).
 */
export function strokeLines(ctx: CanvasRenderingContext2D, lines: readonly MapLine[], frame: MapFrame): void {
  const [x0, y0, x1, y1] = [-50, -50, frame.width + 50, frame.height + 50];
  ctx.beginPath();
  for (const line of lines) {
    const pts = line.points;
    let prev = frame.project(pts[0], pts[1]);
    let pen = false;
    for (let i = 2; i < pts.length; i += 2) {
      const v = frame.project(pts[i], pts[i + 1]);
      // A jump across the antimeridian (180° of longitude or more) is no segment: it would cross the whole map.
      const meets = Math.abs(pts[i] - pts[i - 2]) < 180 && Math.max(prev.x, v.x) >= x0 && Math.min(prev.x, v.x) <= x1 && Math.max(prev.y, v.y) >= y0 && Math.min(prev.y, v.y) <= y1;
      if (meets) {
        if (!pen) ctx.moveTo(prev.x, prev.y);
        ctx.lineTo(v.x, v.y);
      }
      pen = meets;
      prev = v;
    }
  }
  ctx.stroke();
}

/** Town dots and names. */
export function drawTowns(ctx: CanvasRenderingContext2D, towns: MapDrawing['towns']): void {
  ctx.font = BASEMAP_STYLE.townFont;
  for (const t of towns) {
    ctx.fillStyle = '#ffffff';
    ctx.strokeStyle = BASEMAP_STYLE.town;
    ctx.lineWidth = 1.2;
    ctx.beginPath();
    ctx.arc(t.x, t.y, 3, 0, Math.PI * 2);
    ctx.fill();
    ctx.stroke();
    const baseline = t.labelY + BASEMAP_STYLE.townSize;
    ctx.lineWidth = 3;
    ctx.lineJoin = 'round';
    ctx.strokeStyle = 'rgba(255,255,255,0.9)';
    ctx.strokeText(t.town.name, t.labelX, baseline);
    ctx.fillStyle = BASEMAP_STYLE.town;
    ctx.fillText(t.town.name, t.labelX, baseline);
  }
}
