import type { Filters, Visibility } from '../core/filters';
import { mercator } from '../core/layout';
import type { ViewModel } from '../core/model';
import { dateRangeText, legendClusters, pictureScene, sceneToSvg, type PictureEdge, type PictureInput, type PictureNode, type Scene } from '../core/picture';
import { FOCUS, type Emphasis } from '../core/state';
import { ARROW_KINDS, clusterColor, EDGE_STYLE, FADED_COLOR } from '../core/style';
import { int } from '../core/format';
import { countWords, overviewOf } from '../core/scope';
import { COUNTRY_LINES, type GraphView } from './graph-view';
import { linesIn, mapDetail, townsIn, type MapLine } from '../core/basemap';
import { flowLegend } from '../core/map';

export type PictureScope = 'view' | 'whole';
export type PictureFormat = 'png2' | 'png4' | 'svg';

/** What the picture needs of the app besides the view. */
export interface PictureContext {
  model: ViewModel;
  view: GraphView;
  visible: Visibility;
  emphasis: Emphasis | null;
  filters: Filters;
  selected: string | null;
  /** The selected company group (its outline replaces the clusters'), or null. */
  group?: number | null;
  title: string;
  /** ISO date of the picture. */
  date: string;
}

/**
 * The picture's input from what the view draws (the base network after its reducers, what the highlight layer brings
 * forward over it, the rest faded: filters, selection, and whatever else the view hides or highlights): the view as it is on screen, or the whole layout of what is visible, fitted.
 */
export function gatherPicture(ctx: PictureContext, scope: PictureScope): PictureInput {
  const { model, view } = ctx;
  const renderer = view.renderer;
  const { width, height } = renderer.getDimensions();
  // The graph area is the view's own size: what is drawn keeps its proportions.
  const W = Math.round(width);
  const H = Math.round(height);
  const sx = W / width;
  const sy = H / height;
  type Shown = { key: string; x: number; y: number; size: number; color: string; label: string; flagged: boolean; index: number; highlighted: boolean };
  const shown: Shown[] = [];
  view.graph.forEachNode((key, attrs) => {
    const d = view.nodeDisplay(key);
    if (!d || d.hidden) return;
    shown.push({ key, x: d.x, y: d.y, size: d.size, color: d.color, label: d.label ?? '', flagged: attrs.type === 'flagged', index: attrs.index, highlighted: d.highlighted ?? false });
  });
  let camera = renderer.getCamera().getState();
  if (scope === 'whole' && shown.length > 0) {
    let [minX, maxX, minY, maxY] = [Infinity, -Infinity, Infinity, -Infinity];
    for (const p of shown) {
      minX = Math.min(minX, p.x);
      maxX = Math.max(maxX, p.x);
      minY = Math.min(minY, p.y);
      maxY = Math.max(maxY, p.y);
    }
    camera = { x: (minX + maxX) / 2, y: (minY + maxY) / 2, angle: 0, ratio: Math.max(0.02, Math.max(maxX - minX, maxY - minY) * 1.1) };
    // Widen until everything lies inside the area with room for labels.
    for (let i = 0; i < 8; i++) {
      const pts = shown.map((p) => renderer.framedGraphToViewport(p, { cameraState: camera }));
      const out = pts.some((v) => v.x < 20 || v.y < 20 || v.x > width - 60 || v.y > height - 20);
      if (!out) break;
      camera = { ...camera, ratio: camera.ratio * 1.15 };
    }
  }
  const toPicture = (p: { x: number; y: number }) => {
    const v = renderer.framedGraphToViewport(p, { cameraState: camera });
    return { x: v.x * sx, y: v.y * sy };
  };
  const scale = renderer.scaleSize(1, camera.ratio) * Math.min(sx, sy);
  const position = new Map<string, { x: number; y: number; size: number }>();
  const emphasis = ctx.emphasis;
  const nodes: PictureNode[] = shown.map((s) => {
    const p = toPicture(s);
    const size = Math.max(1.5, s.size * scale);
    position.set(s.key, { ...p, size });
    const node = model.nodes[s.index];
    const faded = s.color === FADED_COLOR;
    const priority = s.highlighted || (emphasis !== null && emphasis.nodes[s.index] === FOCUS) ? 4 : faded ? -1 : node.keyRank !== null ? 3 : node.flags.length > 0 ? 2 : 1;
    return { x: p.x, y: p.y, size, color: s.color, border: s.flagged ? (faded ? FADED_COLOR : '#c00000') : null, label: faded ? '' : s.label, priority };
  });
  const kinds = new Set<string>();
  const edges: PictureEdge[] = [];
  view.graph.forEachEdge((key, attrs, source, target) => {
    const d = view.edgeDisplay(key);
    const a = position.get(source);
    const b = position.get(target);
    if (!d || d.hidden || !a || !b) return;
    const kind = model.edges[attrs.index].kind;
    if (d.color !== FADED_COLOR) kinds.add(kind);
    edges.push({ x1: a.x, y1: a.y, x2: b.x, y2: b.y, color: d.color, width: Math.max(0.5, Math.min(6, d.size * Math.min(sx, sy))), arrow: attrs.type === 'arrow', targetSize: b.size });
  });
  // Faded edges first: what the selection brings forward is drawn over the rest.
  edges.sort((x, y) => Number(x.color !== FADED_COLOR) - Number(y.color !== FADED_COLOR));
  nodes.sort((x, y) => x.priority - y.priority);

  const geo = view.layout === 'geo';
  const graphPoint = (lat: number, lon: number) => {
    const v = renderer.graphToViewport(mercator(lat, lon), { cameraState: camera });
    return { x: v.x * sx, y: v.y * sy };
  };
  // The map as on the screen: the lines and towns of the level of detail for the picture's camera, places by kind,
  // counted markers, and the outlines of clusters near a border (capped as on the screen).
  const frame = view.mapFrame(width, height, camera);
  // Lines in picture pixels, split where they jump across the antimeridian.
  const toLines = (lines: readonly MapLine[]) =>
    lines.flatMap((l) => {
      const parts: [number, number][][] = [[]];
      for (let i = 0; i < l.points.length; i += 2) {
        if (i > 0 && Math.abs(l.points[i] - l.points[i - 2]) >= 180) parts.push([]);
        const p = frame.project(l.points[i], l.points[i + 1]);
        parts[parts.length - 1].push([p.x * sx, p.y * sy]);
      }
      return parts.filter((part) => part.length > 1);
    });
  const detail = mapDetail((frame.view[2] - frame.view[0]) / Math.max(1, width));
  const basemap = geo ? view.basemap : null;
  const borderLines: [number, number][][] = !geo ? [] : toLines(basemap !== null && detail.detailedCoast ? linesIn(basemap.coast, frame.view) : linesIn(COUNTRY_LINES, frame.view));
  const admin1 = basemap !== null && detail.admin1 ? toLines(linesIn(basemap.admin1, frame.view)) : [];
  const towns = basemap === null ? [] : townsIn(basemap.towns, frame.view, detail.minPopulation).map((t) => {
    const p = frame.project(t.x, t.y);
    return { x: p.x * sx, y: p.y * sy, name: t.name };
  });
  const places = geo ? model.report.places.map((pl) => ({ ...graphPoint(pl.lat, pl.lon), name: pl.name, crossing: pl.kind === 'border_crossing', kind: pl.kind })) : [];
  const markers = geo
    ? view.geo.markers().map((m) => {
        const p = graphPoint(m.lat, m.lon);
        return { ...p, count: m.members.length };
      })
    : [];
  const byIndex = new Map<number, { x: number; y: number }>();
  for (const s of shown) if (s.color !== FADED_COLOR) byIndex.set(s.index, position.get(s.key)!);
  const outlines = (ctx.group ?? null) === null ? view.borderOutlines((i) => byIndex.get(i) ?? null, W, H) : { shown: [], note: null };
  const report = model.report;
  const c = ctx.visible.counts;
  const clusters = legendClusters(
    nodes.length === 0 ? [] : shown.filter((s) => s.color !== FADED_COLOR).map((s) => model.nodes[s.index].cluster),
    clusterColor,
    (id) => model.clusters.get(id)?.borderProximate ?? false,
  );
  const selected = ctx.selected === null ? null : model.byId.get(ctx.selected);
  // On the overview of a large report the nodes are clusters and the lines count the ties between two (core/scope.ts).
  const overview = overviewOf(report) !== null;
  const words = countWords(report, model.nodes.length, c);
  return {
    width: W,
    height: H,
    nodes,
    edges,
    borders: borderLines,
    places,
    admin1,
    towns,
    markers,
    outlines: outlines.shown.map((o) => ({ box: o.box, label: o.label })),
    outlinesNote: outlines.note,
    title: ctx.title,
    subtitle: `${geo ? 'Geographic' : 'Network'} layout · ${scope === 'whole' ? 'everything visible' : 'the view on screen'} · ${words.entities}, ${words.ties}, ${words.shipments}${selected ? ` · selected: ${selected.name}` : ''}`,
    dateRange: dateRangeText(model.dateRange, ctx.filters),
    disclaimer: report.disclaimer,
    credit: `Chokepoint ${report.tool.version} · bundle ${report.input.bundle} · picture made ${ctx.date}`,
    legend: {
      ...clusters,
      ties: [...kinds].sort().map((k) => ({ color: EDGE_STYLE[k as keyof typeof EDGE_STYLE].color, label: overview ? 'ties between clusters' : EDGE_STYLE[k as keyof typeof EDGE_STYLE].label, arrow: ARROW_KINDS.has(k as keyof typeof EDGE_STYLE) })),
      flagged: nodes.some((n) => n.border !== null && n.border !== FADED_COLOR),
      sizes: overview ? 'cluster (by its members)' : 'key node (by its score)',
      places: geo,
      flows: geo ? flowLegend(view.geo.flowWidths()) : null,
      basemap: basemap === null ? null : 'Base map: Natural Earth (public domain); towns: GeoNames (CC BY 4.0).',
    },
  };
}

/** Paints a scene on a canvas at a scale (2: twice the pixels in each direction). */
export function paintScene(scene: Scene, scale: number): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(scene.width * scale);
  canvas.height = Math.round(scene.height * scale);
  const ctx = canvas.getContext('2d')!;
  ctx.scale(scale, scale);
  ctx.lineCap = 'round';
  const font = 'system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif';
  for (const i of scene.items) {
    switch (i.t) {
      case 'rect':
        ctx.fillStyle = i.fill;
        ctx.fillRect(i.x, i.y, i.w, i.h);
        if (i.stroke) {
          ctx.strokeStyle = i.stroke;
          ctx.lineWidth = 1;
          ctx.strokeRect(i.x, i.y, i.w, i.h);
        }
        break;
      case 'line':
        ctx.strokeStyle = i.stroke;
        ctx.lineWidth = i.width;
        ctx.setLineDash(i.dash ?? []);
        ctx.beginPath();
        ctx.moveTo(i.x1, i.y1);
        ctx.lineTo(i.x2, i.y2);
        ctx.stroke();
        ctx.setLineDash([]);
        break;
      case 'path':
        ctx.strokeStyle = i.stroke;
        ctx.lineWidth = i.width;
        ctx.setLineDash(i.dash ?? []);
        ctx.beginPath();
        i.points.forEach(([x, y], k) => (k === 0 ? ctx.moveTo(x, y) : ctx.lineTo(x, y)));
        ctx.stroke();
        ctx.setLineDash([]);
        break;
      case 'polygon':
        ctx.fillStyle = i.fill;
        ctx.beginPath();
        i.points.forEach(([x, y], k) => (k === 0 ? ctx.moveTo(x, y) : ctx.lineTo(x, y)));
        ctx.closePath();
        ctx.fill();
        break;
      case 'circle':
        ctx.fillStyle = i.fill;
        ctx.beginPath();
        ctx.arc(i.x, i.y, i.r, 0, Math.PI * 2);
        ctx.fill();
        if (i.stroke) {
          ctx.strokeStyle = i.stroke;
          ctx.lineWidth = i.strokeWidth ?? 1;
          ctx.stroke();
        }
        break;
      case 'text':
        ctx.font = `${i.italic ? 'italic ' : ''}${i.weight ?? 'normal'} ${i.size}px ${font}`;
        if (i.halo) {
          ctx.strokeStyle = '#ffffff';
          ctx.lineWidth = 3;
          ctx.lineJoin = 'round';
          ctx.strokeText(i.text, i.x, i.y);
        }
        ctx.fillStyle = i.color;
        ctx.fillText(i.text, i.x, i.y);
        break;
    }
  }
  return canvas;
}

/** The picture as a file: PNG at 2× or 4×, or SVG. */
export async function pictureBlob(input: PictureInput, format: PictureFormat): Promise<Blob> {
  const scene = pictureScene(input);
  if (format === 'svg') return new Blob([`<?xml version="1.0" encoding="UTF-8"?>\n${sceneToSvg(scene, { title: input.title })}\n`], { type: 'image/svg+xml' });
  const canvas = paintScene(scene, format === 'png4' ? 4 : 2);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the browser could not make the PNG (too large?)'))), 'image/png'));
}

/** Lets the browser save a blob under a name. */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** A file name from a title: letters, digits and dashes only. */
export function fileName(title: string, ext: string): string {
  const base = title.normalize('NFKD').replace(/[^\w-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'chokepoint';
  return `${base}.${ext}`;
}

/**
 * The picture dialog: what to draw (the view on screen or everything visible, fitted), the title, and the file
 * (PNG at 2× or 4×, or SVG). Keyboard: it opens with the focus on the title; Escape closes it.
 */
export function openPictureDialog(context: (title: string) => PictureContext, defaultTitle: string): void {
  document.getElementById('picture-dialog')?.remove();
  const dialog = document.createElement('dialog');
  dialog.id = 'picture-dialog';
  dialog.setAttribute('aria-labelledby', 'picture-dialog-title');
  const title = Object.assign(document.createElement('input'), { id: 'picture-title', type: 'text', value: defaultTitle, maxLength: 200 });
  const radio = (name: string, value: string, label: string, checked: boolean) => {
    const input = Object.assign(document.createElement('input'), { type: 'radio', name, value, checked, id: `picture-${name}-${value}` });
    const l = document.createElement('label');
    l.append(input, ` ${label}`);
    return l;
  };
  const fieldset = (legend: string, ...items: HTMLElement[]) => {
    const f = document.createElement('fieldset');
    const lg = document.createElement('legend');
    lg.textContent = legend;
    f.append(lg, ...items);
    return f;
  };
  const h = document.createElement('h2');
  h.id = 'picture-dialog-title';
  h.textContent = 'Save a picture';
  const titleLabel = document.createElement('label');
  titleLabel.append('Title ', title);
  const hint = document.createElement('p');
  hint.className = 'hint';
  hint.textContent = 'With a legend (colours, sizes, tie kinds), the dates in view and the disclaimer. PNG for slides and documents; SVG to edit or print at any size.';
  const save = Object.assign(document.createElement('button'), { type: 'button', id: 'picture-download', textContent: 'Save picture' });
  const cancel = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Cancel' });
  const error = document.createElement('p');
  error.setAttribute('role', 'alert');
  const buttons = document.createElement('div');
  buttons.className = 'dialog-buttons';
  buttons.append(save, cancel);
  dialog.append(
    h,
    titleLabel,
    fieldset('What', radio('scope', 'view', 'the view on screen', true), radio('scope', 'whole', 'the whole layout (everything the filters show)', false)),
    fieldset('File', radio('format', 'png2', 'PNG, 2×', true), radio('format', 'png4', 'PNG, 4× (posters, print)', false), radio('format', 'svg', 'SVG', false)),
    hint,
    error,
    buttons,
  );
  cancel.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => dialog.remove());
  save.addEventListener('click', async () => {
    const scope = (dialog.querySelector('input[name=scope]:checked') as HTMLInputElement).value as PictureScope;
    const format = (dialog.querySelector('input[name=format]:checked') as HTMLInputElement).value as PictureFormat;
    save.disabled = true;
    save.textContent = 'Drawing…';
    try {
      const input = gatherPicture(context(title.value.trim() || defaultTitle), scope);
      const blob = await pictureBlob(input, format);
      download(blob, fileName(input.title, format === 'svg' ? 'svg' : `${format === 'png4' ? '4x' : '2x'}.png`));
      dialog.close();
    } catch (err) {
      error.textContent = err instanceof Error ? err.message : String(err);
      save.disabled = false;
      save.textContent = 'Save picture';
    }
  });
  document.body.appendChild(dialog);
  dialog.showModal();
  title.focus();
  title.select();
}
