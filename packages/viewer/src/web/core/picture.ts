/**
 * Pictures of the network for reports and slides: one scene (title, the graph, a legend, the date range in view, the
 * disclaimer) built from what the view draws, then written as SVG here or painted on a canvas (views/picture-view.ts)
 * at 2× or 4×. Pure: the view gathers positions and colours from the renderer; this decides the layout of the page,
 * which labels fit, and the legend.
 */

/** A node as drawn, in picture pixels of the graph area. */
export interface PictureNode {
  x: number;
  y: number;
  /** Radius in pixels. */
  size: number;
  color: string;
  /** A red flag's ring colour, when flagged. */
  border: string | null;
  label: string;
  /** Labels to place before the others (the selection, key nodes, flagged entities); then by size. */
  priority: number;
}

export interface PictureEdge {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  color: string;
  width: number;
  arrow: boolean;
  /** Radius of the target node, so that the arrow head stops at its rim. */
  targetSize: number;
}

export interface PicturePlace {
  x: number;
  y: number;
  name: string;
  crossing: boolean;
  /** The place's kind, for its symbol: ▲ border crossing, ■ port, ◆ airport (and others). */
  kind?: string;
}

/** Entities gathered at one place, drawn as one counted marker. */
export interface PictureMarker {
  x: number;
  y: number;
  count: number;
}

/** A dashed box around a cluster near a border, with its label. */
export interface PictureOutline {
  box: [number, number, number, number];
  label: string;
}

/** A town of the base map. */
export interface PictureTown {
  x: number;
  y: number;
  name: string;
}

/** What an arrow's width means: sample widths with what they stand for. */
export interface FlowLegend {
  title: string;
  samples: { width: number; label: string }[];
}

export interface LegendEntry {
  color: string;
  label: string;
}

export interface PictureInput {
  /** The graph area, in CSS pixels. */
  width: number;
  height: number;
  nodes: PictureNode[];
  edges: PictureEdge[];
  /** Country borders as polylines in graph-area pixels (geographic layout), else empty. */
  borders: [number, number][][];
  places: PicturePlace[];
  /** First-level administrative borders (geographic layout with the detailed base map), dashed. */
  admin1?: [number, number][][];
  /** Towns of the base map, named where they find room after the entities. */
  towns?: PictureTown[];
  markers?: PictureMarker[];
  outlines?: PictureOutline[];
  /** Said under the legend when outlines were left out (core/outlines.ts). */
  outlinesNote?: string | null;
  title: string;
  /** What is shown: counts, filters, layout. */
  subtitle: string;
  /** "Shipments dated 2021-03-01 to 2021-11-30" (what the date filter leaves, or all dates). */
  dateRange: string;
  disclaimer: string;
  /** "Chokepoint 0.1.0 · report of bundle X · 2026-03-04". */
  credit: string;
  legend: {
    clusters: LegendEntry[];
    moreClusters: number;
    ties: (LegendEntry & { arrow: boolean })[];
    flagged: boolean;
    sizes: string;
    places: boolean;
    /** Arrow widths (geographic layout). */
    flows?: FlowLegend | null;
    /** Where the base map comes from (its licence asks for the credit). */
    basemap?: string | null;
  };
}

export type SceneItem =
  | { t: 'rect'; x: number; y: number; w: number; h: number; fill: string; stroke?: string }
  | { t: 'line'; x1: number; y1: number; x2: number; y2: number; stroke: string; width: number; dash?: number[] }
  | { t: 'path'; points: [number, number][]; stroke: string; width: number; dash?: number[] }
  | { t: 'polygon'; points: [number, number][]; fill: string }
  | { t: 'circle'; x: number; y: number; r: number; fill: string; stroke?: string; strokeWidth?: number }
  | { t: 'text'; x: number; y: number; text: string; size: number; color: string; weight?: 'bold'; halo?: boolean; italic?: boolean };

export interface Scene {
  width: number;
  height: number;
  items: SceneItem[];
}

import { placeLabels } from './basemap';
import { clipSegment } from './clip';
import { labelLines, labelWidths, outlineLabelPlace, DISCS_KEPT_CLEAR_UP_TO, LINE_HEIGHT, OUTLINE_LABEL_GAP } from './outlines';

const HEADER = 64;
/** Radius of a counted marker. */
const MARKER_R = 12;

/** The symbol of a place: ▲ border crossing (red), ■ port (blue), ◆ airport (grey), ▲ other (grey). */
function placeSymbol(items: SceneItem[], x: number, y: number, kind: string): void {
  if (kind === 'port') items.push({ t: 'rect', x: x - 5, y: y - 5, w: 10, h: 10, fill: '#1f5fa8', stroke: '#ffffff' });
  else if (kind === 'airport') items.push({ t: 'polygon', points: [[x, y - 6], [x + 6, y], [x, y + 6], [x - 6, y]], fill: '#555555' });
  else items.push({ t: 'polygon', points: [[x, y - 7], [x + 6, y + 5], [x - 6, y + 5]], fill: kind === 'border_crossing' ? '#c00000' : '#555555' });
}
const FOOTER = 46;
const LEGEND = 230;
const MARGIN = 16;
const LABEL_SIZE = 12;
const MAX_LABELS = 200;
/** An estimate of a text's width without a canvas (system sans-serif): good enough to keep labels apart. */
export const textWidth = (text: string, size: number) => text.length * size * 0.56;

const round = (n: number) => Math.round(n * 100) / 100;

/** A text cut to fit a width, with an ellipsis. */
function fit(text: string, size: number, width: number): string {
  if (textWidth(text, size) <= width) return text;
  const n = Math.max(1, Math.floor(width / (size * 0.56)) - 1);
  return `${text.slice(0, n)}…`;
}

/** Lines of at most `width` pixels, breaking at spaces. */
function wrap(text: string, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const next = line === '' ? word : `${line} ${word}`;
    if (textWidth(next, size) > width && line !== '') {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/**
 * The picture as a scene: a header (title, what is shown, the date range), the graph clipped to its area (borders and
 * places under the nodes in geographic layout), labels that do not cover each other, the legend on the right, and the
 * disclaimer and credit at the foot.
 */
export function pictureScene(input: PictureInput): Scene {
  const disclaimerLines = wrap(input.disclaimer, 11, input.width + LEGEND - 2 * MARGIN);
  const footer = FOOTER + Math.max(0, disclaimerLines.length - 1) * 14;
  const width = input.width + LEGEND;
  const height = HEADER + input.height + footer;
  const items: SceneItem[] = [{ t: 'rect', x: 0, y: 0, w: width, h: height, fill: '#ffffff' }];
  items.push({ t: 'text', x: MARGIN, y: 26, text: fit(input.title, 18, width - 2 * MARGIN), size: 18, color: '#1a1a1a', weight: 'bold' });
  items.push({ t: 'text', x: MARGIN, y: 45, text: fit(input.subtitle, 12, width - 2 * MARGIN), size: 12, color: '#444444' });
  items.push({ t: 'text', x: MARGIN, y: 60, text: fit(input.dateRange, 12, width - 2 * MARGIN), size: 12, color: '#444444' });
  items.push({ t: 'rect', x: 0.5, y: HEADER + 0.5, w: input.width - 1, h: input.height - 1, fill: '#ffffff', stroke: '#d0d0d0' });

  const inside = (x: number, y: number, pad = 0) => x >= -pad && y >= -pad && x <= input.width + pad && y <= input.height + pad;
  const gx = (x: number) => round(x);
  const gy = (y: number) => round(y + HEADER);
  const clipped = new Float64Array(4);
  /** The part of a segment inside the graph area, or null. */
  const clip = (x1: number, y1: number, x2: number, y2: number): [number, number, number, number] | null =>
    clipSegment(x1, y1, x2, y2, 0, 0, input.width, input.height, clipped) ? [clipped[0], clipped[1], clipped[2], clipped[3]] : null;
  // Map lines cut at the frame, segment by segment (a long straight border may cross the area with both ends outside).
  const polylines = (lines: [number, number][][], stroke: string, width: number, dash?: number[]) => {
    for (const line of lines) {
      let run: [number, number][] = [];
      const flush = () => {
        if (run.length > 1) items.push(dash ? { t: 'path', points: run, stroke, width, dash } : { t: 'path', points: run, stroke, width });
        run = [];
      };
      for (let i = 1; i < line.length; i++) {
        const c = clip(line[i - 1][0], line[i - 1][1], line[i][0], line[i][1]);
        if (c === null) {
          flush();
          continue;
        }
        const start: [number, number] = [gx(c[0]), gy(c[1])];
        const last = run[run.length - 1];
        if (last === undefined || last[0] !== start[0] || last[1] !== start[1]) {
          flush();
          run.push(start);
        }
        run.push([gx(c[2]), gy(c[3])]);
        if (c[2] !== line[i][0] || c[3] !== line[i][1]) flush();
      }
      flush();
    }
  };
  const detailed = (input.admin1?.length ?? 0) > 0;
  polylines(input.admin1 ?? [], '#9a9a9a', 0.9, [5, 3]);
  polylines(input.borders, detailed ? '#7a7a7a' : '#9a9a9a', detailed ? 1.3 : 0.8);
  for (const e of input.edges) {
    const c = clip(e.x1, e.y1, e.x2, e.y2);
    if (c === null) continue;
    const len = Math.hypot(e.x2 - e.x1, e.y2 - e.y1);
    const head = Math.max(5, e.width * 3.5);
    const endsInside = inside(e.x2, e.y2);
    if (!e.arrow || len < e.targetSize + head * 1.5 || !endsInside) {
      items.push({ t: 'line', x1: gx(c[0]), y1: gy(c[1]), x2: gx(c[2]), y2: gy(c[3]), stroke: e.color, width: e.width });
      continue;
    }
    // The arrow head ends at the target's rim.
    const ux = (e.x2 - e.x1) / len;
    const uy = (e.y2 - e.y1) / len;
    const tipX = e.x2 - ux * e.targetSize;
    const tipY = e.y2 - uy * e.targetSize;
    const baseX = tipX - ux * head;
    const baseY = tipY - uy * head;
    items.push({ t: 'line', x1: gx(c[0]), y1: gy(c[1]), x2: gx(baseX), y2: gy(baseY), stroke: e.color, width: e.width });
    const half = head * 0.55;
    items.push({
      t: 'polygon',
      points: [
        [gx(tipX), gy(tipY)],
        [gx(baseX - uy * half), gy(baseY + ux * half)],
        [gx(baseX + uy * half), gy(baseY - ux * half)],
      ],
      fill: e.color,
    });
  }
  for (const p of input.places) {
    if (!inside(p.x, p.y)) continue;
    placeSymbol(items, gx(p.x), gy(p.y), p.kind ?? (p.crossing ? 'border_crossing' : 'other'));
  }
  const drawn = input.nodes.filter((n) => inside(n.x, n.y, n.size));
  for (const n of drawn) {
    if (n.border !== null) items.push({ t: 'circle', x: gx(n.x), y: gy(n.y), r: round(n.size), fill: n.border });
    items.push({ t: 'circle', x: gx(n.x), y: gy(n.y), r: round(n.border !== null ? n.size * 0.72 : n.size), fill: n.color, stroke: '#ffffff', strokeWidth: 0.6 });
  }
  // Entities gathered at one place: a counted marker.
  for (const m of input.markers ?? []) {
    if (!inside(m.x, m.y)) continue;
    items.push({ t: 'circle', x: gx(m.x), y: gy(m.y), r: MARKER_R, fill: '#333333', stroke: '#ffffff', strokeWidth: 2 });
    const text = String(m.count);
    items.push({ t: 'text', x: gx(m.x - textWidth(text, 12) / 2), y: gy(m.y + 4), text, size: 12, color: '#ffffff', weight: 'bold' });
  }
  // Labels: the outlines' first, then the selection, then the names of border crossings, then the others by
  // importance, then the towns of the base map; each where it covers no other label and stays inside the area.
  const taken: [number, number, number, number][] = [];
  // The discs the outlines' labels keep off (as on the screen, in a picture of a few thousand nodes at most).
  const discs: [number, number, number, number][] = drawn.length > DISCS_KEPT_CLEAR_UP_TO ? [] : drawn.map((n) => [n.x - n.size, n.y - n.size, n.x + n.size, n.y + n.size]);
  for (const o of input.outlines ?? []) {
    const [x0, y0, x1, y1] = [Math.max(0, o.box[0]), Math.max(0, o.box[1]), Math.min(input.width, o.box[2]), Math.min(input.height, o.box[3])];
    if (x1 <= x0 || y1 <= y0) continue;
    for (const [a, b, c, d] of [[x0, y0, x1, y0], [x1, y0, x1, y1], [x1, y1, x0, y1], [x0, y1, x0, y0]])
      items.push({ t: 'line', x1: gx(a), y1: gy(b), x2: gx(c), y2: gy(d), stroke: '#c00000', width: 1.5, dash: [5, 4] });
    const text = fit(o.label, 12, input.width - 8);
    // Placed as on the screen (core/outlines.ts): beside the outline off other discs, else set apart with a line to it.
    const place = outlineLabelPlace([x0, y0, x1, y1], labelWidths(text, (t) => textWidth(t, 12)), input, taken, [], discs, OUTLINE_LABEL_GAP, { area: { left: 0, top: 0, right: input.width, bottom: input.height }, covers: [] });
    if (place === null) continue;
    const box = place.box;
    taken.push(box);
    if (place.leader !== undefined) {
      const [ax, ay, bx, by] = place.leader;
      items.push({ t: 'line', x1: gx(ax), y1: gy(ay), x2: gx(bx), y2: gy(by), stroke: '#c00000', width: 1 });
    }
    items.push({ t: 'rect', x: gx(box[0]), y: gy(box[1]), w: round(box[2] - box[0]), h: round(box[3] - box[1]), fill: '#ffffff' });
    labelLines(text, place.lines, place.short).forEach((line, k) => items.push({ t: 'text', x: gx(place.x), y: gy(place.y + k * LINE_HEIGHT), text: line, size: 12, color: '#c00000', weight: 'bold' }));
  }
  const free = (box: [number, number, number, number]) => !taken.some((t) => box[0] < t[2] && box[2] > t[0] && box[1] < t[3] && box[3] > t[1]);
  const order = [...drawn].filter((n) => n.label !== '').sort((a, b) => b.priority - a.priority || b.size - a.size || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  let placed = 0;
  const labelNode = (n: PictureNode) => {
    if (placed >= MAX_LABELS) return;
    const text = fit(n.label, LABEL_SIZE, 220);
    const w = textWidth(text, LABEL_SIZE);
    const x = n.x + n.size + 3;
    const box: [number, number, number, number] = [x - 1, n.y - 8, x + w + 1, n.y + 6];
    if (box[2] > input.width || box[1] < 0 || box[3] > input.height || !free(box)) return;
    taken.push(box);
    placed++;
    items.push({ t: 'text', x: gx(x), y: gy(n.y + 4), text, size: LABEL_SIZE, color: '#1a1a1a', halo: true });
  };
  const SELECTION = 4;
  for (const n of order) if (n.priority >= SELECTION) labelNode(n);
  // Places: border crossings before the entities (what the analysis measures against), ports and airports after.
  const labelPlace = (p: PicturePlace) => {
    if (!inside(p.x, p.y)) return;
    const w = textWidth(p.name, 11);
    const box: [number, number, number, number] = [p.x + 7, p.y - 8, p.x + 9 + w, p.y + 6];
    if (box[2] > input.width || !free(box)) return;
    taken.push(box);
    const color = p.crossing ? '#a00000' : p.kind === 'port' ? '#1f5fa8' : '#444444';
    items.push({ t: 'text', x: gx(p.x + 7), y: gy(p.y + 4), text: p.name, size: 11, color, halo: true });
  };
  for (const p of input.places) if (p.crossing) labelPlace(p);
  for (const n of order) if (n.priority < SELECTION) labelNode(n);
  for (const p of input.places) if (!p.crossing) labelPlace(p);
  // Towns: after every entity label, around their dot, never over a node, a marker or another label.
  const towns = (input.towns ?? []).filter((t) => inside(t.x, t.y));
  if (towns.length > 0) {
    const blocked: [number, number, number, number][] = [
      ...taken,
      ...drawn.map((n) => [n.x - n.size, n.y - n.size, n.x + n.size, n.y + n.size] as [number, number, number, number]),
      ...(input.markers ?? []).map((m) => [m.x - MARKER_R, m.y - MARKER_R, m.x + MARKER_R, m.y + MARKER_R] as [number, number, number, number]),
      ...towns.map((t) => [t.x - 3, t.y - 3, t.x + 3, t.y + 3] as [number, number, number, number]),
    ];
    for (const p of placeLabels(towns.map((t) => ({ x: t.x, y: t.y, width: textWidth(t.name, 11), height: 12 })), blocked, input)) {
      const t = towns[p.index];
      items.push({ t: 'circle', x: gx(t.x), y: gy(t.y), r: 2.5, fill: '#ffffff', stroke: '#3c3c3c', strokeWidth: 1.2 });
      items.push({ t: 'text', x: gx(p.x), y: gy(p.y + 10), text: t.name, size: 11, color: '#3c3c3c', halo: true, italic: true });
    }
  }

  // The legend.
  const lx = input.width + MARGIN;
  let ly = HEADER + 14;
  const heading = (text: string) => {
    items.push({ t: 'text', x: lx, y: ly, text, size: 12, color: '#1a1a1a', weight: 'bold' });
    ly += 16;
  };
  const entry = (draw: (x: number, y: number) => void, label: string) => {
    draw(lx + 8, ly - 4);
    items.push({ t: 'text', x: lx + 22, y: ly, text: fit(label, 11, LEGEND - 2 * MARGIN - 22), size: 11, color: '#333333' });
    ly += 15;
  };
  const L = input.legend;
  if (L.clusters.length > 0) {
    heading('Colour: cluster');
    for (const c of L.clusters) entry((x, y) => items.push({ t: 'circle', x, y, r: 5, fill: c.color }), c.label);
    if (L.moreClusters > 0) entry(() => undefined, `and ${L.moreClusters} more`);
    ly += 6;
  }
  heading('Size');
  entry((x, y) => items.push({ t: 'circle', x, y, r: 2.5, fill: '#777777' }), 'ordinary entity');
  entry((x, y) => items.push({ t: 'circle', x, y, r: 6, fill: '#777777' }), L.sizes);
  if (L.flagged) entry((x, y) => {
    items.push({ t: 'circle', x, y, r: 6, fill: '#c00000' });
    items.push({ t: 'circle', x, y, r: 4.3, fill: '#7f7f7f' });
  }, 'red ring: red flags');
  ly += 6;
  if (L.ties.length > 0) {
    heading('Ties');
    for (const k of L.ties)
      entry((x, y) => {
        items.push({ t: 'line', x1: x - 8, y1: y, x2: x + (k.arrow ? 2 : 8), y2: y, stroke: k.color, width: 2 });
        if (k.arrow) items.push({ t: 'polygon', points: [[x + 8, y], [x + 2, y - 3.5], [x + 2, y + 3.5]], fill: k.color });
      }, k.label);
    ly += 6;
  }
  if (L.flows) {
    heading(L.flows.title);
    for (const f of L.flows.samples)
      entry((x, y) => {
        items.push({ t: 'line', x1: x - 8, y1: y, x2: x + 2, y2: y, stroke: 'rgba(80,80,80,0.55)', width: f.width });
        items.push({ t: 'polygon', points: [[x + 9, y], [x + 2, y - 2 - f.width], [x + 2, y + 2 + f.width]], fill: 'rgba(80,80,80,0.55)' });
      }, f.label);
    ly += 6;
  }
  if (L.places) {
    heading('Map');
    const kinds = new Set(input.places.map((p) => p.kind ?? (p.crossing ? 'border_crossing' : 'other')));
    for (const [kind, label] of [['border_crossing', 'border crossing'], ['port', 'port'], ['airport', 'airport'], ['other', 'other place']] as const)
      if (kinds.has(kind)) entry((x, y) => placeSymbol(items, x, y, kind), label);
    if ((input.markers ?? []).length > 0)
      entry((x, y) => {
        items.push({ t: 'circle', x, y, r: 7, fill: '#333333' });
        items.push({ t: 'text', x: x - 3.5, y: y + 3.5, text: 'n', size: 10, color: '#ffffff', weight: 'bold' });
      }, 'n entities at one place');
    if ((input.outlines ?? []).length > 0) entry((x, y) => items.push({ t: 'line', x1: x - 8, y1: y, x2: x + 8, y2: y, stroke: '#c00000', width: 1.5, dash: [5, 4] }), 'cluster near a border');
    if (detailed) {
      entry((x, y) => items.push({ t: 'path', points: [[x - 8, y], [x + 8, y]], stroke: '#9a9a9a', width: 0.9, dash: [5, 3] }), 'province or state border');
      entry((x, y) => items.push({ t: 'path', points: [[x - 8, y], [x + 8, y]], stroke: '#7a7a7a', width: 1.3 }), 'country border, coastline');
    }
    if ((input.towns ?? []).length > 0)
      entry((x, y) => items.push({ t: 'circle', x, y, r: 2.5, fill: '#ffffff', stroke: '#3c3c3c', strokeWidth: 1.2 }), 'town (larger ones first)');
    if (input.outlinesNote) for (const line of wrap(input.outlinesNote, 10, LEGEND - 2 * MARGIN)) {
      items.push({ t: 'text', x: lx, y: ly, text: line, size: 10, color: '#7a1f1f' });
      ly += 13;
    }
    if (L.basemap) for (const line of wrap(L.basemap, 10, LEGEND - 2 * MARGIN)) {
      items.push({ t: 'text', x: lx, y: ly + 4, text: line, size: 10, color: '#666666' });
      ly += 13;
    }
  }

  // The foot: disclaimer, then the credit.
  let fy = HEADER + input.height + 18;
  for (const line of disclaimerLines) {
    items.push({ t: 'text', x: MARGIN, y: fy, text: line, size: 11, color: '#7a1f1f' });
    fy += 14;
  }
  items.push({ t: 'text', x: MARGIN, y: fy + 2, text: fit(input.credit, 10, width - 2 * MARGIN), size: 10, color: '#666666' });
  return { width, height, items };
}

/** Text for XML: escaped, with the code points XML 1.0 cannot hold left out. Names are data: never markup. */
export function xmlEscape(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const FONT = 'system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif';

/** The scene as a standalone SVG document (also inlined in the printed case report). */
export function sceneToSvg(scene: Scene, options: { title?: string } = {}): string {
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${scene.width}" height="${scene.height}" viewBox="0 0 ${scene.width} ${scene.height}" font-family="${FONT}">`,
  ];
  if (options.title !== undefined) out.push(`<title>${xmlEscape(options.title)}</title>`);
  const pts = (p: [number, number][]) => p.map(([x, y]) => `${x},${y}`).join(' ');
  for (const i of scene.items) {
    switch (i.t) {
      case 'rect':
        out.push(`<rect x="${i.x}" y="${i.y}" width="${i.w}" height="${i.h}" fill="${i.fill}"${i.stroke ? ` stroke="${i.stroke}"` : ''}/>`);
        break;
      case 'line':
        out.push(`<line x1="${i.x1}" y1="${i.y1}" x2="${i.x2}" y2="${i.y2}" stroke="${i.stroke}" stroke-width="${i.width}" stroke-linecap="round"${i.dash ? ` stroke-dasharray="${i.dash.join(' ')}"` : ''}/>`);
        break;
      case 'path':
        out.push(`<polyline points="${pts(i.points)}" fill="none" stroke="${i.stroke}" stroke-width="${i.width}"${i.dash ? ` stroke-dasharray="${i.dash.join(' ')}"` : ''}/>`);
        break;
      case 'polygon':
        out.push(`<polygon points="${pts(i.points)}" fill="${i.fill}"/>`);
        break;
      case 'circle':
        out.push(`<circle cx="${i.x}" cy="${i.y}" r="${i.r}" fill="${i.fill}"${i.stroke ? ` stroke="${i.stroke}" stroke-width="${i.strokeWidth ?? 1}"` : ''}/>`);
        break;
      case 'text': {
        const attrs = `x="${i.x}" y="${i.y}" font-size="${i.size}"${i.weight ? ` font-weight="${i.weight}"` : ''}${i.italic ? ' font-style="italic"' : ''}`;
        if (i.halo) out.push(`<text ${attrs} fill="#ffffff" stroke="#ffffff" stroke-width="3" stroke-linejoin="round">${xmlEscape(i.text)}</text>`);
        out.push(`<text ${attrs} fill="${i.color}">${xmlEscape(i.text)}</text>`);
        break;
      }
    }
  }
  out.push('</svg>');
  return out.join('\n');
}

/** The dates a picture shows: the date filter when one is set, otherwise the report's first and last shipment. */
export function dateRangeText(range: [string, string] | null, filters: { dateFrom: string | null; dateTo: string | null }): string {
  if (filters.dateFrom !== null || filters.dateTo !== null) {
    return `Shipments dated ${filters.dateFrom ?? range?.[0] ?? '…'} to ${filters.dateTo ?? range?.[1] ?? '…'} (date filter)`;
  }
  return range === null ? 'No shipment dates in the data' : `Shipments dated ${range[0]} to ${range[1]} (all dates)`;
}

/** The clusters a legend lists: the most drawn first, at most `max`, with how many more there are. */
export function legendClusters(drawn: readonly number[], color: (c: number) => string, near: (c: number) => boolean, max = 8): { clusters: LegendEntry[]; moreClusters: number } {
  const counts = new Map<number, number>();
  for (const c of drawn) counts.set(c, (counts.get(c) ?? 0) + 1);
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  return {
    clusters: sorted.slice(0, max).map(([c, n]) => ({ color: color(c), label: `cluster ${c} (${n})${near(c) ? ', near a border' : ''}` })),
    moreClusters: Math.max(0, sorted.length - max),
  };
}
