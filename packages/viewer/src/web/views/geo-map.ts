import { coversOtherNode, labelFits, labelPlaces, labelX, waitingPlace, type LabelArea } from '../core/label-place';
import type Sigma from 'sigma';
import type { MultiDirectedGraph } from 'graphology';
import type { ReportPlace } from '@chokepoint/report';
import { mercator, type Point } from '../core/layout';
import { flowWidths, openingView, spreadColocated, zoomTargets, type FlowWidth, type OpeningView, type PlaceMarker, type Spread, type ZoomTarget } from '../core/map';
import type { ViewModel } from '../core/model';
import { el } from './dom';
import { placeLabels, type Box } from '../core/basemap';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Graph = MultiDirectedGraph<any, any>;

/** Symbols and colours of the places the report carries. */
/** Beside the name of an entity without coordinates, on the map. */
export const UNLOCATED_LABEL = '(place unknown)';

export const PLACE_STYLE: Record<string, { color: string; label: string; symbol: string }> = {
  border_crossing: { color: '#c00000', label: 'border crossing', symbol: '▲' },
  port: { color: '#1f5fa8', label: 'port', symbol: '■' },
  airport: { color: '#555555', label: 'airport', symbol: '◆' },
};

/** Shipment arrows on the map: see-through, so that wide flows do not hide the firms and places under them. */
const FLOW_COLOR = 'rgba(80,80,80,0.55)';
/** The closest zoom on the map when it has no places (the force layout keeps sigma's). */
const GEO_MIN_RATIO = 0.0005;
/** What the closest zoom on the map shows, in degrees (about 500 m): the firms of one street apart. */
const MIN_VIEW = 0.005;
/** How much of the map "zoom to" a place shows, in degrees (about 40 km). */
const POINT_VIEW = 0.4;

/** Radius of a counted marker, in pixels. */
const MARKER_RADIUS = 14;

type LabelData = { label?: string | null; x: number; y: number; size: number; labelSide?: string; forceLabel?: boolean; highlighted?: boolean };
type LabelSettings = { labelSize: number; labelFont: string; labelWeight: string; labelColor: { attribute?: string; color?: string } };

/**
 * Sigma's default label, drawn to the left of the node for entities on the left half of a ring (attribute
 * `labelSide`), so that the labels of entities at one place run away from each other. Labels stay inside the visible
 * area (`area`: the canvas less the side panel over it): one that would run past its edge, or cover one already drawn
 * in this frame, takes another place after the others are drawn (`flush`), or is left out (it appears when zoomed in);
 * sigma draws the labels of the largest nodes first, and those it must show (forceLabel) last, which are drawn
 * whatever they cover except on the map.
 */
export class MapLabels {
  /** On the map: labels sigma must show are left out too when they would cover one already drawn. */
  avoidOverlap = false;
  private drawn: [number, number, number, number][] = [];

  /** Boxes that entity labels keep clear of: the labels of the outlines, drawn over the graph after it. */
  private reserved: [number, number, number, number][] = [];

  /** The visible part of the canvas (core/label-place.ts), set by the view before each frame; null: the whole canvas. */
  area: LabelArea | null = null;

  /**
   * Boxes of what lies over a part of the canvas without cutting off a side of it (the map's legend and "zoom to"
   * list in a corner), in pixels of the canvas, set by the view before each frame: labels keep clear of them as of
   * labels already drawn (one that would run under the legend takes another place, or is left out).
   */
  overlays: readonly (readonly [number, number, number, number])[] = [];

  /**
   * Boxes of the nodes drawn in this frame, in pixels of the canvas, set by the view before each frame (the force
   * layout's; none on the map, whose rings place their labels themselves): a label takes a place clear of them where
   * it has one, else a place as before (clear of labels only), so that no label is left out for a node.
   */
  nodes: readonly (readonly [number, number, number, number])[] = [];

  /** The entity labels drawn in this frame and their boxes, in pixels of the canvas (for tests). */
  private placed: { label: string; box: [number, number, number, number] }[] = [];

  /** The labels of this frame that could not take their first place, drawn after the others (flush). */
  private waiting: { context: CanvasRenderingContext2D; data: LabelData; settings: LabelSettings; w: number; area: LabelArea }[] = [];

  /** Called before each frame. */
  reset(): void {
    this.drawn = [...this.reserved, ...this.overlays.map((b) => [...b] as [number, number, number, number])];
    this.placed = [];
    this.waiting = [];
  }

  /** The entity labels drawn in this frame, with their boxes in pixels of the canvas (read by the browser tests). */
  drawnLabels(): readonly { label: string; box: readonly [number, number, number, number] }[] {
    return this.placed;
  }

  /**
   * Sets the boxes entity labels keep clear of from the next frame on (the outlines' labels of the frame just drawn).
   * True when they changed, and the frame should be drawn again; they depend on the camera and on what is drawn, not
   * on the labels, so the frame after is the same.
   */
  reserve(boxes: readonly [number, number, number, number][]): boolean {
    const same = boxes.length === this.reserved.length && boxes.every((b, i) => b.every((v, j) => Math.abs(v - this.reserved[i][j]) < 0.5));
    this.reserved = boxes.map((b) => [...b] as [number, number, number, number]);
    return !same;
  }

  /** The boxes of the labels drawn in this frame, in screen pixels (the town names of the base map keep clear of them). */
  boxes(): readonly [number, number, number, number][] {
    return this.drawn;
  }

  readonly draw = (context: CanvasRenderingContext2D, data: LabelData, settings: LabelSettings): void => {
    // A highlighted node (the selected entity over the dimmed network) is named by its boxed label, which sigma draws
    // over the labels where this one would be: a plain label of it, moved aside because the box covers its place, would
    // name it twice.
    if (!data.label || data.highlighted === true) return;
    const size = settings.labelSize;
    context.font = `${settings.labelWeight} ${size}px ${settings.labelFont}`;
    const w = context.measureText(data.label).width;
    // Beside the node (on its left when the right would run past the edge of the visible area), else the other
    // side, below or above it: the first place inside the visible area (the canvas less the side panel over it)
    // where it covers no label already drawn (core/label-place.ts).
    const area = this.area ?? { left: 0, top: 0, right: context.canvas.width / (context.getTransform().a || 1), bottom: context.canvas.height / (context.getTransform().d || 1) };
    const free = (p: { x: number; y: number }) => labelFits(p, w, size, area) && !this.covers(this.boxAt(p, w, size));
    // A label whose first place is taken or outside waits until the labels that have their first place are drawn
    // (flush, after the frame), so that it takes none of their places.
    const beside = { x: labelX(data.x, data.size, w, area, data.labelSide), y: data.y };
    if (free(beside) && !coversOtherNode(this.boxAt(beside, w, size), this.nodes, data)) return this.put(context, data.label, beside, w, settings);
    this.waiting.push({ context, data, settings, w, area });
  };

  /**
   * Draws the labels that could not take their first place: each at the next place inside the visible area where it
   * covers no label (the other side, below or above). Sigma's label grid keeps one label per cell, but a long label
   * runs over its neighbours' cells: a label with no free place inside the visible area is left out (it appears when
   * zoomed in or moved into view). Labels sigma must show (a selection, its neighbours, a path) are always drawn,
   * beside their node, except on the map, where entities at one place are many.
   */
  flush(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const { context, data, settings, w, area } of waiting) {
      const size = settings.labelSize;
      const places = labelPlaces(data.x, data.y, data.size, w, size, area, data.labelSide);
      // The places after the first are inside the area (labelPlaces keeps only those); the first is one again when it
      // waited for a node alone. Of those that cover no label, the first clear of the nodes too, else the first.
      let place = waitingPlace(
        places,
        labelFits(places[0], w, size, area),
        (p) => this.covers(this.boxAt(p, w, size)),
        (p) => coversOtherNode(this.boxAt(p, w, size), this.nodes, data),
      );
      if (place === undefined) {
        if (this.avoidOverlap || data.forceLabel !== true) continue;
        place = places[0];
      }
      this.put(context, data.label!, place, w, settings);
    }
  }

  private boxAt(p: { x: number; y: number }, w: number, size: number): [number, number, number, number] {
    return [p.x - 1, p.y - size / 2 - 1, p.x + w + 1, p.y + size / 2 + 1];
  }

  private covers(box: [number, number, number, number]): boolean {
    return this.drawn.some((t) => box[0] < t[2] && box[2] > t[0] && box[1] < t[3] && box[3] > t[1]);
  }

  private put(context: CanvasRenderingContext2D, label: string, place: { x: number; y: number }, w: number, settings: LabelSettings): void {
    const size = settings.labelSize;
    const box = this.boxAt(place, w, size);
    this.drawn.push(box);
    this.placed.push({ label, box });
    context.font = `${settings.labelWeight} ${size}px ${settings.labelFont}`;
    context.fillStyle = settings.labelColor.color ?? '#000';
    context.fillText(label, place.x, place.y + size / 3);
  }
}

/**
 * The geographic layout's own behaviour, hooked into the graph view: nodes and edges keep their screen size as the
 * camera zooms, entities at one place are spread into a ring in screen pixels (re-placed on every zoom) or gathered
 * into a counted marker (a click or Enter on the "zoom to" list opens it), shipment arrows are as wide as the kg they
 * carried, places are marked by kind, and a "zoom to" list with a legend sits over the map.
 */
export class GeoMap {
  private base: Point[] = [];
  private spread: Spread = { offsets: new Map(), markers: [] };
  private readonly open = new Set<string>();
  private readonly flows: Map<number, FlowWidth>;
  private readonly edgeSizes = new Map<string, number>();
  private readonly edgeColors = new Map<string, string>();
  private readonly targets: ZoomTarget[];
  /** What the map opens on when the findings lie in a small part of it (openingView), or null: the whole map. */
  readonly opening: OpeningView | null;
  private active = false;
  /** The camera ratio that shows about POINT_VIEW degrees around a place. */
  private pointRatio = 0.01;
  private readonly minRatio: number;
  private readonly labelThreshold: number;
  private readonly gridCell: number;
  private lastRatio = NaN;
  /** The names of places drawn in the last frame, with their boxes in pixels (read by the browser tests). */
  private placeNames: { name: string; box: readonly [number, number, number, number] }[] = [];
  readonly control: HTMLElement;
  private readonly select: HTMLSelectElement;
  private readonly credit: HTMLElement;

  constructor(
    private readonly renderer: Sigma<any, any>,
    private readonly graph: Graph,
    private readonly model: ViewModel,
    private readonly keyOf: (index: number) => string,
    private readonly fit: (indices: number[], point?: Point, ratio?: number) => void,
    private readonly labels: MapLabels,
    private readonly largeGraph: number,
  ) {
    renderer.on('beforeRender', () => labels.reset());
    this.minRatio = renderer.getSetting('minCameraRatio') ?? 0.01;
    this.labelThreshold = renderer.getSetting('labelRenderedSizeThreshold');
    this.gridCell = renderer.getSetting('labelGridCellSize');
    this.flows = flowWidths(model);
    this.targets = zoomTargets(model);
    this.opening = openingView(model);
    this.select = el('select', { id: 'map-zoom', 'aria-label': 'Zoom the map to' });
    this.fillSelect();
    this.select.addEventListener('change', () => this.zoomTo(this.select.value));
    const legend = el(
      'div',
      { className: 'map-legend' },
      ...Object.values(PLACE_STYLE).map((p) => el('span', {}, el('span', { style: `color:${p.color}`, 'aria-hidden': 'true', text: p.symbol }), ` ${p.label}`)),
      el('span', {}, el('span', { className: 'line-admin1', 'aria-hidden': 'true' }), ' province or state border'),
      el('span', {}, el('span', { className: 'town-dot', 'aria-hidden': 'true' }), ' ', el('i', { text: 'town' }), ' (larger towns first; smaller ones as you zoom in)'),
      el('span', { text: 'Arrow width: kg shipped (value, per currency, where no weight is known)' }),
    );
    const unlocated = model.nodes.filter((n) => n.lat === null || n.lon === null).length;
    if (unlocated > 0) {
      legend.append(el('span', { text: `Name ${UNLOCATED_LABEL}: ${unlocated.toLocaleString('en-US')} ${unlocated === 1 ? 'entity' : 'entities'} without coordinates, drawn in their country when none of their cluster's located members is in it, else beside those members (or in a row below the map), not where they are` }));
    }
    if (this.opening !== null && this.opening.outside > 0) {
      legend.append(el('span', { className: 'map-opening', text: 'Opened where the findings are (flagged entities, key nodes, clusters near a crossing); other located entities lie beyond: zoom to “All located entities” for the whole map' }));
    }
    this.credit = el('div', { className: 'map-credit' });
    this.control = el('div', { className: 'map-control', hidden: true }, el('label', { for: 'map-zoom', text: 'Zoom to ' }), this.select, legend, this.credit);
    renderer.getCamera().on('updated', () => this.place());
    renderer.on('clickStage', ({ event }) => {
      const marker = this.markerAt(event.x, event.y);
      if (marker !== null) this.openPlace(marker);
    });
  }

  /** Where the base map comes from, under the legend (the licence of GeoNames asks for the credit). */
  setAttribution(lines: readonly string[]): void {
    this.credit.replaceChildren(el('span', { text: 'Base map: Natural Earth (public domain); towns: GeoNames (CC BY 4.0)' }));
    this.credit.title = lines.join('\n');
  }

  /** Where an entity's place is, without its ring offset (which depends on the zoom), or null outside the map. */
  basePosition(index: number): Point | null {
    return this.active ? (this.base[index] ?? null) : null;
  }

  /** The counted markers drawn now (entities gathered at one place). */
  markers(): readonly PlaceMarker[] {
    return this.active ? this.spread.markers : [];
  }

  /** The arrows' widths by edge index (what they follow: kg, value per currency, or nothing known). */
  flowWidths(): ReadonlyMap<number, FlowWidth> {
    return this.flows;
  }

  private fillSelect(): void {
    this.select.replaceChildren(
      el('option', { value: '', text: 'Choose…' }),
      ...this.targets.map((t) => el('option', { value: t.id, text: t.label })),
      ...this.spread.markers.map((m) => el('option', { value: `open:${m.key}`, text: `Open the ${m.members.length} entities at ${m.lat.toFixed(4)}, ${m.lon.toFixed(4)}` })),
    );
  }

  /** Enters the geographic layout with these positions (by entity index). */
  enter(positions: Point[]): void {
    this.active = true;
    this.base = positions;
    this.control.hidden = false;
    this.labels.avoidOverlap = true;
    this.renderer.setSetting('zoomToSizeRatioFunction', () => 1);
    // Nodes no longer grow as one zooms in, so labels cannot wait for them to: every label that finds room is drawn
    // (MapLabels keeps them from covering each other), except in large networks, which keep their threshold.
    if (this.model.nodes.length <= this.largeGraph) {
      this.renderer.setSetting('labelRenderedSizeThreshold', 0);
      this.renderer.setSetting('labelGridCellSize', 40);
    }
    let [minX, maxX, minY, maxY] = [Infinity, -Infinity, Infinity, -Infinity];
    for (const p of positions) {
      minX = Math.min(minX, p.x);
      maxX = Math.max(maxX, p.x);
      minY = Math.min(minY, p.y);
      maxY = Math.max(maxY, p.y);
    }
    // The normalisation stays that of the places themselves, whatever the spread adds around them, with room for
    // the labels of the easternmost entities (labels run to the right) and for the rings at the edges.
    if (Number.isFinite(minX)) {
      const [w, h] = [maxX - minX, maxY - minY];
      [minX, maxX, minY, maxY] = [minX - w * 0.04, maxX + w * 0.2, minY - h * 0.05, maxY + h * 0.05];
    }
    this.pointRatio = Number.isFinite(minX) ? Math.min(1, POINT_VIEW / Math.max(maxX - minX, maxY - minY, POINT_VIEW)) : 1;
    // Nodes keep their size: zooming in far enough to tell the firms of one street apart (a view of about MIN_VIEW
    // degrees) is useful, whatever the extent of the places.
    this.renderer.setSetting('minCameraRatio', Number.isFinite(minX) ? Math.min(1, MIN_VIEW / Math.max(maxX - minX, maxY - minY, MIN_VIEW)) : GEO_MIN_RATIO);
    if (Number.isFinite(minX)) this.renderer.setCustomBBox({ x: [minX, maxX], y: [minY, maxY] });
    // Entities without coordinates are drawn beside their cluster's located members, which is no place of theirs:
    // their labels say so, on the screen and in pictures.
    this.graph.updateEachNodeAttributes(
      (_node, attrs) => {
        const n = this.model.nodes[attrs.index];
        if (n.lat === null || n.lon === null) attrs.label = `${n.name} ${UNLOCATED_LABEL}`;
        return attrs;
      },
      { attributes: ['label'] },
    );
    this.graph.forEachEdge((edge, attrs) => {
      const flow = this.flows.get(attrs.index);
      if (flow === undefined) return;
      this.edgeSizes.set(edge, attrs.size);
      this.edgeColors.set(edge, attrs.color);
      this.graph.mergeEdgeAttributes(edge, { size: flow.width, color: FLOW_COLOR });
    });
    this.respread();
  }

  /** Leaves the geographic layout: sizes, hidden markers' members and label sides as they were. */
  leave(): void {
    if (!this.active) return;
    this.active = false;
    this.control.hidden = true;
    this.labels.avoidOverlap = false;
    this.renderer.setSetting('zoomToSizeRatioFunction', Math.sqrt);
    this.renderer.setSetting('minCameraRatio', this.minRatio);
    this.renderer.setSetting('labelRenderedSizeThreshold', this.labelThreshold);
    this.renderer.setSetting('labelGridCellSize', this.gridCell);
    this.renderer.setCustomBBox(null);
    for (const [edge, size] of this.edgeSizes) this.graph.mergeEdgeAttributes(edge, { size, color: this.edgeColors.get(edge) });
    this.edgeSizes.clear();
    this.edgeColors.clear();
    this.graph.updateEachNodeAttributes(
      (_node, attrs) => {
        delete attrs.labelSide;
        delete attrs.hidden;
        attrs.label = this.model.nodes[attrs.index].name;
        return attrs;
      },
      { attributes: ['labelSide', 'hidden', 'label'] },
    );
    this.lastRatio = NaN;
  }

  private respread(): void {
    this.spread = spreadColocated(this.model.nodes, {}, this.open);
    const inMarker = new Set(this.spread.markers.flatMap((m) => m.members));
    this.graph.updateEachNodeAttributes(
      (_node, attrs) => {
        const offset = this.spread.offsets.get(attrs.index);
        if (offset) attrs.labelSide = offset.side;
        else delete attrs.labelSide;
        if (inMarker.has(attrs.index)) attrs.hidden = true;
        else delete attrs.hidden;
        return attrs;
      },
      { attributes: ['labelSide', 'hidden'] },
    );
    this.fillSelect();
    this.lastRatio = NaN;
    this.place();
  }

  /** Puts the ringed entities at their place plus their offset in pixels at the current zoom. */
  private place(): void {
    if (!this.active) return;
    const ratio = this.renderer.getCamera().getState().ratio;
    if (ratio === this.lastRatio || this.spread.offsets.size === 0) return;
    this.lastRatio = ratio;
    const a = this.renderer.viewportToGraph({ x: 0, y: 0 });
    const b = this.renderer.viewportToGraph({ x: 100, y: 100 });
    const [sx, sy] = [(b.x - a.x) / 100, (b.y - a.y) / 100];
    for (const [index, o] of this.spread.offsets) {
      const p = this.base[index];
      this.graph.mergeNodeAttributes(this.keyOf(index), { x: p.x + o.dx * sx, y: p.y + o.dy * sy });
    }
  }

  private markerAt(x: number, y: number): string | null {
    if (!this.active) return null;
    for (const m of this.spread.markers) {
      const v = this.renderer.graphToViewport(mercator(m.lat, m.lon));
      if (Math.hypot(v.x - x, v.y - y) <= MARKER_RADIUS + 2) return m.key;
    }
    return null;
  }

  /** Opens the counted marker an entity is gathered in, if any (so that a search or a link can show it). */
  reveal(index: number): void {
    if (!this.active) return;
    const marker = this.spread.markers.find((m) => m.members.includes(index));
    if (marker) this.openPlace(marker.key);
  }

  /** Spreads the entities of a crowded place into their ring. */
  openPlace(key: string): void {
    this.open.add(key);
    this.respread();
  }

  zoomTo(id: string): void {
    if (id.startsWith('open:')) {
      const key = id.slice(5);
      const marker = this.spread.markers.find((m) => m.key === key);
      this.openPlace(key);
      // To the place itself: the ring around it keeps its size on screen at any zoom.
      if (marker) this.fit([], mercator(marker.lat, marker.lon), this.pointRatio / 3);
      return;
    }
    const target = this.targets.find((t) => t.id === id);
    if (!target) return;
    this.fit(target.members, target.point && mercator(target.point.lat, target.point.lon), this.pointRatio);
  }

  /** The camera ratio that shows a place in its surroundings (about POINT_VIEW degrees): the closest a focus comes. */
  placeViewRatio(): number {
    return this.pointRatio;
  }

  /** The names of places drawn in the last frame, with their boxes in pixels of the canvas. */
  drawnPlaceNames(): readonly { name: string; box: readonly [number, number, number, number] }[] {
    return this.placeNames;
  }

  /** Place symbols and counted markers, on the overlay canvas; returns the boxes they and their names take. */
  drawOverlay(ctx: CanvasRenderingContext2D, width: number, height: number, places: readonly ReportPlace[], avoid: readonly Box[] = []): [number, number, number, number][] {
    ctx.font = '12px system-ui, sans-serif';
    // Place names where they fit: a name that would overlap one already drawn is left out until zoomed in.
    // Border crossings first: they are what the analysis measures against.
    const order = [...places].sort((p, q) => Number(q.kind === 'border_crossing') - Number(p.kind === 'border_crossing'));
    const taken: [number, number, number, number][] = [];
    const symbols: [number, number, number, number][] = [];
    this.placeNames = [];
    for (const place of order) {
      const v = this.renderer.graphToViewport(mercator(place.lat, place.lon));
      if (v.x < 0 || v.y < 0 || v.x > width || v.y > height) continue;
      const style = PLACE_STYLE[place.kind] ?? PLACE_STYLE.airport;
      ctx.fillStyle = style.color;
      ctx.strokeStyle = '#ffffff';
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      if (place.kind === 'border_crossing') {
        ctx.moveTo(v.x, v.y - 7);
        ctx.lineTo(v.x + 6, v.y + 5);
        ctx.lineTo(v.x - 6, v.y + 5);
      } else if (place.kind === 'port') ctx.rect(v.x - 5, v.y - 5, 10, 10);
      else {
        ctx.moveTo(v.x, v.y - 6);
        ctx.lineTo(v.x + 6, v.y);
        ctx.lineTo(v.x, v.y + 6);
        ctx.lineTo(v.x - 6, v.y);
      }
      ctx.closePath();
      ctx.stroke();
      ctx.fill();
      symbols.push([v.x - 7, v.y - 8, v.x + 7, v.y + 7]);
      const w = ctx.measureText(place.name).width;
      // Below right of the symbol as before; where that covers an entity's name or another place's, another side,
      // then the sides a little further out (a ring of names around a crowded address). Never over an entity's name:
      // where no side is free the name is left out (the symbol stays; zoomed in, there is room).
      const blocked = [...avoid, ...taken];
      const name = [{ x: v.x, y: v.y, width: w + 2, height: 14 }];
      let spot: ReturnType<typeof placeLabels>[number] | undefined;
      for (const gap of [8, 24, 40]) if ((spot = placeLabels(name, blocked, { width, height }, gap)[0]) !== undefined) break;
      const box: [number, number, number, number] = spot?.box ?? [v.x + 7, v.y + 6, v.x + 9 + w, v.y + 20];
      if (spot === undefined && blocked.some((t) => box[0] < t[2] && box[2] > t[0] && box[1] < t[3] && box[3] > t[1])) continue;
      taken.push(box);
      this.placeNames.push({ name: place.name, box });
      ctx.fillStyle = 'rgba(255,255,255,0.8)';
      ctx.fillRect(box[0], box[1], box[2] - box[0], box[3] - box[1]);
      ctx.fillStyle = style.color;
      ctx.fillText(place.name, box[0] + 2, box[1] + 11);
    }
    ctx.font = 'bold 12px system-ui, sans-serif';
    for (const m of this.spread.markers) {
      const v = this.renderer.graphToViewport(mercator(m.lat, m.lon));
      if (v.x < -MARKER_RADIUS || v.y < -MARKER_RADIUS || v.x > width + MARKER_RADIUS || v.y > height + MARKER_RADIUS) continue;
      ctx.fillStyle = '#333333';
      ctx.strokeStyle = '#ffffff';
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.arc(v.x, v.y, MARKER_RADIUS, 0, Math.PI * 2);
      ctx.fill();
      ctx.stroke();
      ctx.fillStyle = '#ffffff';
      const text = String(m.members.length);
      ctx.fillText(text, v.x - ctx.measureText(text).width / 2, v.y + 4);
      symbols.push([v.x - MARKER_RADIUS, v.y - MARKER_RADIUS, v.x + MARKER_RADIUS, v.y + MARKER_RADIUS]);
    }
    return [...taken, ...symbols];
  }
}
