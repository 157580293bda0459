import { MultiDirectedGraph } from 'graphology';
import FA2Layout from 'graphology-layout-forceatlas2/worker';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import Sigma from 'sigma';
import { AbstractEdgeProgram, AbstractNodeProgram, EdgeLineProgram, NodeCircleProgram, type EdgeProgramType, type NodeProgramType } from 'sigma/rendering';
import { createNodeBorderProgram } from '@sigma/node-border';
import { toBlob } from '@sigma/export-image';
import { mesh } from 'topojson-client';
import type { MultiLineString } from 'geojson';
import world from 'world-atlas/countries-50m.json';
import type { Visibility } from '../core/filters';
import { clusterRing, clusterSeedLayout, forceSettings, geoLayout, mercator, separateDiscsInFrame, SEPARATE_DISCS_UP_TO, warmUpIterations, type Point } from '../core/layout';
import type { ViewModel } from '../core/model';
import type { ViewerSettings } from '../core/settings';
import { shortProximity } from '../core/findings';
import { changedLooks, frontOf, type Front } from '../core/redraw';
import type { Emphasis } from '../core/state';
import { ARROW_KINDS, clusterColor, EDGE_STYLE, FADED_COLOR, FLAG_COLOR, LISTED_COLOR, nodeSizes } from '../core/style';
import { overviewOf } from '../core/scope';
import type { Camera, Layout } from '../core/url';
import { GeoMap, MapLabels } from './geo-map';
import { BOXED_PADDING, boxedLabelSide, cameraInArea, noteBox, visibleArea, type AreaBox, type LabelArea } from '../core/label-place';
import { boxedLabelDrawer } from './boxed-label';
import { fillEdges, leanMoves, leanProcess, leanUpdates, type EdgeBatch, type LeanData } from './sigma-process';
import { HighlightLayer } from './highlight-layer';
import { arrowProgram, perVertex, useVertexDrawing } from './per-vertex';
import { CpuLines, type LineBuffer } from './cpu-lines';
import { BASEMAP_STYLE, drawTowns, loadBasemap, mapDrawing, strokeLines, type MapFrame } from './basemap-layer';
import type { Basemap, Box, MapLine } from '../core/basemap';
import { capOutlines, labelLines, labelWidths, outlineLabelPlace, outlinesNote, DISCS_KEPT_CLEAR_UP_TO, LINE_HEIGHT, OUTLINE_LABEL_GAP, type CalloutRoom, type OutlineCandidate, type ScreenBox } from '../core/outlines';

interface NodeAttrs {
  x: number;
  y: number;
  size: number;
  color: string;
  label: string;
  type: string;
  borderColor: string;
  index: number;
  [key: string]: unknown;
}
interface EdgeAttrs {
  size: number;
  color: string;
  type: string;
  index: number;
  [key: string]: unknown;
}

/** What the graph view needs to know on every render; kept by the app, read by the reducers. */
export interface RenderState {
  visible: Visibility;
  /** What the selection brings forward (core/state.ts `emphasis`); null when nothing is selected. */
  emphasis: Emphasis | null;
  /** The selected company group, outlined on the graph. */
  group: number | null;
  /** Drawn edges (by index) on the shortest paths found: drawn thick in the path colour. */
  highlight?: Uint8Array | null;
}

/** A change of what is drawn of at most this many nodes and edges is given to Sigma in place (see GraphView.refresh). */
const IN_PLACE_MAX = 5000;
/** Items hidden in place (empty instances still drawn) before a full indexation is preferred. */
const HOLES_MAX = 20000;
/**
 * Sigma's arrow program (a line clamped at the target, and the head), made of the classes Sigma exports, so that the
 * lean indexation writes its buffers in bulk (views/sigma-process.ts `fillEdges`): the same as Sigma's EdgeArrowProgram.
 * Where WebGL is drawn in software, the same classes drawn vertex by vertex (views/per-vertex.ts).
 */
export const ArrowProgram = arrowProgram('instanced');

const VERTEX_ARROW_PROGRAM = arrowProgram('vertices');
/** A flagged entity: a thin ring in its border colour. */
const FLAGGED_PROGRAM = createNodeBorderProgram({
  borders: [
    { size: { value: 0.3 }, color: { attribute: 'borderColor' } },
    { size: { fill: true }, color: { attribute: 'color' } },
  ],
});
/** A listed party (screening): a thick black ring. */
const LISTED_PROGRAM = createNodeBorderProgram({
  borders: [
    { size: { value: 0.45 }, color: { attribute: 'borderColor' } },
    { size: { fill: true }, color: { attribute: 'color' } },
  ],
});

/** The opacity of the base network while a selection or a path is drawn over it. */
export const DIMMED_OPACITY = 0.22;

/** The share of the framing area a box of findings fills in its tighter dimension when the map opens on them. */
export const FIT_FILL = 0.75;

/**
 * The resolution the base network's ties are drawn at while dimmed, where WebGL is drawn in software (a fraction of
 * the canvas's own). Filling the pixels of the faded lines is most of such a frame (98,404 ties: about 96 ms of 117
 * at full resolution, 50 at half, with SwiftShader); at 22 % opacity a tie drawn at half resolution and stretched by
 * the compositor looks the same but for a softer edge. The ties' canvas takes no pointer events (no edge events):
 * nothing is picked from it. With a GPU the ties keep the full resolution.
 */
export const DIMMED_TIES_SCALE = 0.5;

/** Sigma's label grid cell, in pixels, in networks of up to SMALL_LABEL_CELL_UP_TO entities (see the renderer's settings). */
export const SMALL_LABEL_CELL = 40;
export const SMALL_LABEL_CELL_UP_TO = 100;

/** The colour of the ties on a shortest path (apart from every tie kind's colour). */
export const PATH_COLOR = '#ff6a00';

/** [minX, maxX, minY, maxY] of a list of points (no spread: lists can be long). */
function bounds(points: { x: number; y: number }[]): [number, number, number, number] {
  let [minX, maxX, minY, maxY] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const p of points) {
    if (p.x < minX) minX = p.x;
    if (p.x > maxX) maxX = p.x;
    if (p.y < minY) minY = p.y;
    if (p.y > maxY) maxY = p.y;
  }
  return [minX, maxX, minY, maxY];
}

/** The box of an outline around the drawn points (14 px of room), or null when none is drawn. */
function outlineBox(points: ({ x: number; y: number } | null)[]): Box | null {
  const drawn = points.filter((p): p is { x: number; y: number } => p !== null);
  if (drawn.length === 0) return null;
  const [minX, maxX, minY, maxY] = bounds(drawn);
  return [minX - 14, minY - 14, maxX + 14, maxY + 14];
}

/** The outline of a selected company group. */
const GROUP_COLOR = '#1f5fa8';

/**
 * The programs of what is not drawn: they hold nothing and draw nothing. Sigma gives every node and edge to the
 * program of its type, hidden or not, and a hidden one still costs its place in the GPU's buffers and its vertices on
 * every frame (with software WebGL, seconds for 100,000 ties even when a working view draws 100 of them). Hidden nodes
 * and edges take these types instead, so what a frame costs follows what is drawn.
 */
const HIDDEN = 'hidden';
class HiddenNodes extends AbstractNodeProgram<NodeAttrs, EdgeAttrs> {
  drawLabel = undefined;
  drawHover = undefined;
  reallocate(): void {}
  process(): void {}
  render(): void {}
  kill(): void {}
}
class HiddenEdges extends AbstractEdgeProgram<NodeAttrs, EdgeAttrs> {
  drawLabel = undefined;
  reallocate(): void {}
  process(): void {}
  render(): void {}
  kill(): void {}
}

/** When a dimmable edge program draws lines, and whether its indexation fills them (see `dimmable`). */
interface LineMode {
  /** Draw the lines instead of the edges as they are. */
  draw: boolean;
  /** Fill the lines' buffer on indexation too (while the network is dimmed). */
  fill: boolean;
  /**
   * Fill the buffer of the edges as they are on indexation (not while lines are drawn: the graph view fills it again
   * before they are next drawn, `fillNormal`).
   */
  normal: boolean;
  /** The resolution of the ties' canvas, as a fraction of Sigma's (`DIMMED_TIES_SCALE` while dimmed in software). */
  scale: number;
  /** Where WebGL is drawn in software: the dimmed ties drawn on the CPU instead (views/cpu-lines.ts). */
  cpu: CpuLines | null;
}

/** A frame's parameters for the ties' canvas: its viewport is the canvas's resolution (`LineMode.scale`). */
function tiesParams<P extends { pixelRatio: number }>(params: P, mode: LineMode): P {
  return mode.scale === 1 ? params : { ...params, pixelRatio: params.pixelRatio * mode.scale };
}

/** Sigma's line program (the undirected ties), drawn at the ties' canvas's resolution. */
function scaledLines(mode: LineMode): EdgeProgramType {
  return class ScaledLines extends EdgeLineProgram {
    override render(params: Parameters<EdgeLineProgram['render']>[0]): void {
      if (mode.draw && mode.cpu !== null) mode.cpu.add(this as unknown as LineBuffer, params.matrix);
      else super.render(tiesParams(params, mode));
    }
  } as unknown as EdgeProgramType;
}

/**
 * An edge program that draws its edges as they are, or, while the network is dimmed under the highlight layer, as
 * thin lines (the cheapest of Sigma's programs: with software WebGL a frame of the whole network with arrow heads costs
 * several times one with lines, and at the dimmed opacity the heads hardly show). The lines' buffer is filled only
 * while dimmed (`mode.fill`; the graph view fills it once when dimming starts, `fillLines`), so an indexation of the
 * undimmed network costs what it did, and dimming changes none of the edges' buffers. While the lines are drawn the
 * edges as they are are not written (`mode.normal`: an indexation under a selection writes the lines only, where it
 * wrote both); the program is then `stale`, and the graph view fills it again before it is next drawn.
 */
function dimmable(Normal: EdgeProgramType, mode: LineMode): EdgeProgramType {
  type Program = InstanceType<EdgeProgramType>;
  return class Dimmable {
    readonly normal: Program;
    readonly lines: Program;
    /** How many edges the programs hold room for (the lines only while they are filled). */
    capacity = 0;
    /** Whether the buffer of the edges as they are misses what was written while the lines were drawn. */
    stale = false;
    drawLabel = undefined;
    constructor(gl: WebGLRenderingContext, pickingBuffer: WebGLFramebuffer | null, renderer: Sigma) {
      this.normal = new Normal(gl, pickingBuffer, renderer);
      this.lines = new EdgeLineProgram(gl, pickingBuffer, renderer) as unknown as Program;
    }
    /** Room for `capacity` edges: an indexation follows, writing every one (the edges as they are, when filled). */
    reallocate(capacity: number): void {
      this.capacity = capacity;
      this.normal.reallocate(capacity);
      this.lines.reallocate(mode.fill ? capacity : 0);
      this.stale = !mode.normal;
    }
    process(...args: Parameters<Program['process']>): void {
      if (mode.normal) this.normal.process(...args);
      else this.stale = true;
      if (mode.fill) this.lines.process(...args);
    }
    /** Many edges at once (views/sigma-process.ts), the lines too while they are filled. */
    fillMany(batch: EdgeBatch): boolean {
      if (mode.normal && !fillEdges(this.normal, batch)) return false;
      if (mode.fill && !fillEdges(this.lines, batch)) throw new Error('the lines of a dimmable program cannot be filled');
      // Neither filled (cannot be: lines are drawn only while filled): one by one, as Sigma does.
      return mode.normal || mode.fill;
    }
    render(params: Parameters<Program['render']>[0]): void {
      // Drawn as they are only at Sigma's resolution (the lines may be drawn at a lower one, or on the CPU).
      if (!mode.draw) this.normal.render(params);
      else if (mode.cpu !== null) mode.cpu.add(this.lines as unknown as LineBuffer, params.matrix);
      else this.lines.render(tiesParams(params, mode));
    }
    kill(): void {
      this.normal.kill();
      this.lines.kill();
    }
  } as unknown as EdgeProgramType;
}

/** The graph's key of the entity at `index` of the report: never a name an object's members can have. */
const nodeKey = (index: number): string => `n${index}`;

type Topology = Parameters<typeof mesh>[0];
const topology = world as unknown as Topology;
const BORDERS: MultiLineString = mesh(topology, topology.objects.countries as Parameters<typeof mesh>[1]) as MultiLineString;
/** Country borders and coastlines at 1:50m, built into the viewer (the detailed base map adds 1:10m when zoomed in). */
export const COUNTRY_LINES: MapLine[] = BORDERS.coordinates.map((line) => {
  const points = new Float64Array(line.length * 2);
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  line.forEach(([lon, lat], i) => {
    const p = mercator(lat, lon);
    points[2 * i] = p.x;
    points[2 * i + 1] = p.y;
    minX = Math.min(minX, p.x);
    maxX = Math.max(maxX, p.x);
    minY = Math.min(minY, p.y);
    maxY = Math.max(maxY, p.y);
  });
  return { points, minX, minY, maxX, maxY };
});

/**
 * The Sigma.js view: the data graph stays untouched; what is drawn goes through the reducers, and what a selection or a
 * path brings forward is drawn over the dimmed network by the highlight layer (views/highlight-layer.ts). Graphology and Sigma
 * keep nodes in plain objects, where an entity id such as `toString` or `__proto__` would collide with the
 * object's own members: the graph's node keys are therefore `n` and the entity's position (`keyOf`), never ids.
 * Everything this class takes and gives is entity ids.
 */
export class GraphView {
  readonly graph = new MultiDirectedGraph<NodeAttrs, EdgeAttrs>();
  readonly renderer: Sigma<NodeAttrs, EdgeAttrs>;
  /** Whether nodes and ties are given to WebGL vertex by vertex (views/per-vertex.ts), not as instances. */
  readonly vertexDrawing: boolean;
  /** Whether the last frame of the base network was drawn moving, without its ties (see `movingNow`). */
  private movedFrame = false;
  layout: Layout = 'force';
  firstFrameMs: number | null = null;
  private fa2: FA2Layout | null = null;
  private fa2Fallback: number | null = null;
  private forcePositions: Point[];
  private background: HTMLCanvasElement;
  private overlay: HTMLCanvasElement;
  private autoStop: ReturnType<typeof setTimeout> | null = null;
  /** The geographic layout's behaviour (views/geo-map.ts). */
  readonly geo: GeoMap;
  private readonly labels = new MapLabels();
  /** The labels of the highlight layer (the base network's are hidden while it is shown). */
  private readonly frontLabels = new MapLabels();
  /** The entities the layer draws with a boxed label (the selected one; every entity of a path shown alone). */
  private frontBoxed: number[] = [];
  /** The render state read once per refresh (not once per node and edge). */
  private frame: RenderState | null = null;
  /** The render state Sigma last drew from, to give it only the nodes and edges whose look changed since. */
  private drawn: RenderState | null = null;
  /** The graph's edge key by edge index. */
  private readonly edgeKeys: string[];
  /** Each edge's ends, by edge index (entity indices). */
  private readonly ends: { source: Int32Array; target: Int32Array };
  /** What a selection or a path brings forward, drawn over the dimmed network (null: nothing is). */
  private front: Front | null = null;
  /** Whether the base network is drawn dimmed (a selection or a path is shown). */
  private faded = false;
  private readonly layer: HighlightLayer;
  /** A change of what is drawn given to Sigma in place (see `refresh`): hidden items keep their program's slot. */
  private inPlace = false;
  /** Items hidden in place since Sigma's last full indexation (drawn as empty instances until the next one). */
  private holes = 0;
  /** Whether the base network's last frame drew its edges as lines (dimmed: see `dimmable`). */
  private linesDrawn = false;
  /** How the base network's arrow edges are drawn (see `dimmable`). */
  private readonly lineMode: LineMode = { draw: false, fill: false, normal: true, scale: 1, cpu: null };
  /** Sigma's display data by index (views/sigma-process.ts). */
  private readonly lean: LeanData;
  /** Each node's and edge's program type when drawn (the graph's `type`), by index. */
  private readonly nodeTypes: string[];
  private readonly edgeTypes: string[];
  /** Frames the base network drew (to know whether a refresh drew one). */
  private frames = 0;
  /** The detailed base map, once loaded (views/basemap-layer.ts). */
  basemap: Basemap | null = null;
  /** What the base map drew in the last frame (for tests). */
  lastMap: ReturnType<typeof mapDrawing> | null = null;
  private killed = false;
  onLayoutRunning: (running: boolean) => void = () => undefined;

  constructor(
    private readonly container: HTMLElement,
    private readonly model: ViewModel,
    private readonly settings: ViewerSettings,
    private readonly state: () => RenderState,
  ) {
    this.forcePositions = clusterSeedLayout(model);
    const n = model.nodes.length;
    const sizes = nodeSizes(model.nodes.map((node) => node.score), overviewOf(model.report) !== null);
    for (const node of model.nodes) {
      const p = this.forcePositions[node.index];
      this.graph.addNode(nodeKey(node.index), {
        x: p.x,
        y: p.y,
        size: sizes[node.index],
        color: clusterColor(node.cluster),
        label: node.name,
        type: model.report.entities[node.index]?.listed !== undefined ? 'listed' : node.flags.length > 0 ? 'flagged' : 'circle',
        borderColor: model.report.entities[node.index]?.listed !== undefined ? LISTED_COLOR : FLAG_COLOR,
        index: node.index,
      });
    }
    this.edgeKeys = model.edges.map((e) => e.key);
    this.ends = { source: Int32Array.from(model.edges, (e) => model.byId.get(e.source)!.index), target: Int32Array.from(model.edges, (e) => model.byId.get(e.target)!.index) };
    // Arrow heads double the geometry sent to the GPU: very large networks draw plain lines.
    const arrows = model.edges.length <= settings.maxArrowEdges;
    for (const e of model.edges) {
      const style = EDGE_STYLE[e.kind];
      this.graph.addDirectedEdgeWithKey(e.key, this.keyOf(e.source), this.keyOf(e.target), {
        size: e.kind === 'shipment' ? Math.min(4, 0.6 + Math.log10(1 + e.shipments.length)) : style.size,
        color: style.color,
        type: arrows && ARROW_KINDS.has(e.kind) ? 'arrow' : 'line',
        index: e.index,
      });
    }
    // A piece of a large report opens spread out, not in the ball its seed positions make (warmUpIterations).
    const warmUp = warmUpIterations(model);
    if (warmUp > 0) forceAtlas2.assign(this.graph, { iterations: warmUp, settings: forceSettings(model, forceAtlas2.inferSettings(this.graph)) });
    // The clusters around a piece's entities on a ring, where the layout leaves them (`fixed`), not in a heap.
    const ring = clusterRing(model, (i) => this.graph.getNodeAttributes(nodeKey(i)));
    for (const [i, p] of ring) this.graph.mergeNodeAttributes(nodeKey(i), { x: p.x, y: p.y, fixed: true });
    if (warmUp > 0 || ring.size > 0) this.saveForcePositions();

    this.background = document.createElement('canvas');
    this.background.className = 'layer-background';
    this.overlay = document.createElement('canvas');
    this.overlay.className = 'layer-overlay';
    const large = n > settings.largeGraph;
    this.vertexDrawing = useVertexDrawing(settings.drawing);
    const nodes = this.vertexDrawing ? perVertex : <P>(program: P): P => program;
    const drawing = {
      nodeProgramClasses: {
        circle: nodes(NodeCircleProgram as unknown as NodeProgramType),
        flagged: nodes(FLAGGED_PROGRAM),
        [HIDDEN]: HiddenNodes,
        listed: nodes(LISTED_PROGRAM),
      },
      edgeProgramClasses: { arrow: this.vertexDrawing ? VERTEX_ARROW_PROGRAM : ArrowProgram, line: EdgeLineProgram, [HIDDEN]: HiddenEdges },
      // Room around the network for the work bar over its top and for labels, which run to the right.
      stagePadding: 70,
      hideLabelsOnMove: large,
      // Below the large-graph size every node may have a label: sigma's grid and MapLabels keep them from piling up.
      // In a network of a few dozen entities its cells are small (40 px, as on the map): with sigma's 100 px, of two
      // entities side by side only one was named (a hand-written case of ten entities showed an unnamed supplier beside
      // a named one); MapLabels moves or leaves out the labels that would cover another. Larger networks keep sigma's
      // cells: with small ones an overview of 200 entities drew twice the labels, over each other's nodes.
      labelRenderedSizeThreshold: large ? settings.largeGraphLabelSize : 0,
      labelDensity: large ? 0.3 : 1,
      ...(n <= SMALL_LABEL_CELL_UP_TO ? { labelGridCellSize: SMALL_LABEL_CELL } : {}),
      labelFont: 'system-ui, sans-serif',
    };
    this.renderer = new Sigma<NodeAttrs, EdgeAttrs>(this.graph, container, {
      ...drawing,
      // The base network's ties may be drawn at a lower resolution while dimmed (`fitTiesCanvas`); the layer's never are.
      edgeProgramClasses: { ...drawing.edgeProgramClasses, arrow: dimmable(drawing.edgeProgramClasses.arrow, this.lineMode) as never, line: scaledLines(this.lineMode) },
      defaultDrawNodeLabel: this.labels.draw as never,
      // A hovered node's boxed label turns to the left near the right edge of what the user sees (not under the panel).
      defaultDrawNodeHover: boxedLabelDrawer(() => this.labels.area) as never,
      hideEdgesOnMove: true,
      // The base network has no order of its own: what is brought forward is drawn over it by the highlight layer.
      zIndex: false,
      minCameraRatio: 0.01,
      maxCameraRatio: 20,
      nodeReducer: (node, data) => this.reduceNode(node, data),
      edgeReducer: (edge, data) => this.reduceEdge(edge, data),
    });
    // Where WebGL is drawn in software, the dimmed ties are drawn on the CPU, over the ties' canvas (views/cpu-lines.ts).
    const edgesCanvas = this.renderer.getCanvases().edges;
    if (this.vertexDrawing && settings.cpuLines && edgesCanvas !== undefined) this.lineMode.cpu = new CpuLines(container, edgesCanvas);
    // Sigma's indexation for what is drawn only (views/sigma-process.ts), edge ends by the edge's index.
    this.lean = leanProcess(this.renderer as unknown as Sigma, HIDDEN, { nodeKeys: model.nodes.map((n) => nodeKey(n.index)), edgeKeys: this.edgeKeys, source: this.ends.source, target: this.ends.target });
    this.nodeTypes = model.nodes.map((n) => this.graph.getNodeAttribute(nodeKey(n.index), 'type'));
    this.edgeTypes = this.edgeKeys.map((k) => this.graph.getEdgeAttribute(k, 'type'));
    // A moved node (a drag, a pin, the map's rings) is repainted in place with its ties, not the whole graph indexed.
    leanMoves(this.renderer as unknown as Sigma);
    // What changed look is refreshed in Sigma's own objects, not copied anew.
    leanUpdates(this.renderer as unknown as Sigma);
    this.renderer.on('afterProcess', () => (this.holes = 0));
    this.renderer.on('beforeRender', () => {
      this.movedFrame = this.movingNow();
      // Labels stay inside what the user sees of the canvas (not under the side panel or a bar over it).
      this.labels.area = this.visibleArea();
      this.labels.overlays = this.overlayBoxes();
      // In the force layout labels keep clear of the nodes where they can (the map's rings place their own).
      this.labels.nodes = this.layout === 'force' ? this.nodeBoxes(this.renderer.getDimensions().width, this.renderer.getDimensions().height) : [];
      const dims = this.front?.dims === true;
      // Dimming started since the lines were last filled: fill them for what is drawn (once; indexations fill them
      // from now on, until the network is undimmed).
      if (dims && !this.lineMode.fill) this.fillLines();
      // The edges as they are: not written while lines are drawn, written again (once) before they are drawn.
      this.lineMode.normal = !dims;
      if (!dims) this.fillNormal();
      this.lineMode.draw = dims;
      this.linesDrawn = dims;
      const ties = this.fitTiesCanvas();
      // In software, the dimmed ties of this frame are drawn on the CPU (the line programs add theirs as Sigma draws).
      if (dims && this.lineMode.cpu !== null && ties !== null) this.lineMode.cpu.begin(ties.width, ties.height, ties.canvas, this.dimmedTiesOpacity());
    });
    this.layer = new HighlightLayer(this.renderer as unknown as Sigma, this.graph as unknown as MultiDirectedGraph, {
        ...drawing,
        // Sigma names the largest node of each cell of its label grid: with the base network's cells (100 px), a path's
        // step beside its boxed end (the larger node, whose label the hover layer draws) went unnamed. What the layer
        // holds is few: small cells, and MapLabels keeps the names from covering each other.
        labelGridCellSize: SMALL_LABEL_CELL,
        defaultDrawNodeLabel: this.frontLabels.draw as never,
        defaultDrawNodeHover: boxedLabelDrawer(() => this.frontLabels.area, () => this.frontLabels.nodes) as never,
      } as never, () => {
      this.frontLabels.avoidOverlap = this.labels.avoidOverlap;
      // Measured for this frame: the layer may draw before the base network's next frame (after a resize of the
      // window, say), when what the base measured for its last frame is out of date.
      this.frontLabels.area = this.visibleArea();
      this.frontLabels.nodes = this.layout === 'force' ? this.layer.nodeBoxes(this.settings.largeGraph) : [];
      // The boxed labels (sigma draws them over the labels: the selected entity's, a path's) are kept clear too.
      this.frontLabels.overlays = [...this.overlayBoxes(), ...this.boxed(this.overlay.getContext('2d')!).map((b) => b.box)];
      // After the overlays are set: the frame starts from them (set after, the frame kept clear of the last frame's).
      this.frontLabels.reset();
    }, () => this.frontLabels.flush());
    container.insertBefore(this.background, container.firstChild);
    container.appendChild(this.overlay);
    this.renderer.on('afterRender', () => {
      // The dimmed ties drawn on the CPU put on their canvas (or the canvas emptied when the network is not dimmed).
      this.lineMode.cpu?.end();
      // The labels that could not take their first place, after those that could (MapLabels.flush).
      this.labels.flush();
      if (this.firstFrameMs === null) this.firstFrameMs = performance.now();
      this.frames++;
      this.drawLayers();
    });
    this.renderer.on('resize', () => {
      // Sigma gave every canvas the full resolution again: the ties' keep the one of this frame.
      this.fitTiesCanvas();
      this.drawLayers();
    });
    this.geo = new GeoMap(this.renderer, this.graph, model, nodeKey, (indices, point, ratio) => this.fit(indices, point, ratio), this.labels, settings.largeGraph);
    container.appendChild(this.geo.control);
    void loadBasemap().then((map) => {
      this.basemap = map;
      if (map !== null) this.geo.setAttribution(map.attribution);
      if (!this.killed && this.layout === 'geo') this.drawLayers();
    });
  }

  /**
   * The map's frame for a camera: the layout → screen transform (affine: sigma's normalisation and camera) and the
   * view's box in layout coordinates.
   */
  mapFrame(width: number, height: number, cameraState?: ReturnType<Sigma['getCamera']>['getState'] extends () => infer S ? S : never): MapFrame {
    const opts = cameraState === undefined ? undefined : { cameraState };
    const o = this.renderer.graphToViewport({ x: 0, y: 0 }, opts);
    const ex = this.renderer.graphToViewport({ x: 1, y: 0 }, opts);
    const ey = this.renderer.graphToViewport({ x: 0, y: 1 }, opts);
    const [a, b, c, d] = [ex.x - o.x, ex.y - o.y, ey.x - o.x, ey.y - o.y];
    const corners = [
      this.renderer.viewportToGraph({ x: 0, y: 0 }, opts),
      this.renderer.viewportToGraph({ x: width, y: height }, opts),
      this.renderer.viewportToGraph({ x: 0, y: height }, opts),
      this.renderer.viewportToGraph({ x: width, y: 0 }, opts),
    ];
    return {
      width,
      height,
      project: (x, y) => ({ x: o.x + a * x + c * y, y: o.y + b * x + d * y }),
      view: [Math.min(...corners.map((p) => p.x)), Math.min(...corners.map((p) => p.y)), Math.max(...corners.map((p) => p.x)), Math.max(...corners.map((p) => p.y))],
    };
  }

  /** The graph's key of an entity (see the class comment). */
  keyOf(id: string): string {
    const node = this.model.byId.get(id);
    if (node === undefined) throw new Error(`no entity ${JSON.stringify(id)} in the report`);
    return nodeKey(node.index);
  }

  /** The entity id of one of the graph's keys. */
  idOf(key: string): string {
    return this.model.nodes[this.graph.getNodeAttribute(key, 'index')].id;
  }

  // The reducers change Sigma's own copy of the attributes in place (no object per node or edge), and read the
  // render state once per refresh. The base network is drawn from what is visible alone: what a selection or a path
  // brings forward is drawn over it by the highlight layer (`showFront`).
  private reduceNode(_node: string, data: NodeAttrs): NodeAttrs & { hidden?: boolean } {
    const { visible } = this.frame ?? this.state();
    const out = data as NodeAttrs & { hidden?: boolean };
    if (!visible.nodes[data.index]) {
      out.hidden = true;
      // Hidden in place, it keeps its program (and its slot there, drawn empty); otherwise it leaves the programs.
      if (!this.inPlace) out.type = HIDDEN;
    }
    return out;
  }

  private reduceEdge(_edge: string, data: EdgeAttrs): EdgeAttrs & { hidden?: boolean } {
    const { visible } = this.frame ?? this.state();
    const out = data as EdgeAttrs & { hidden?: boolean };
    if (!visible.edges[data.index]) {
      out.hidden = true;
      if (!this.inPlace) out.type = HIDDEN;
    }
    return out;
  }

  /**
   * Draws the state again (after a change of what is drawn or brought forward). The base network is given to Sigma
   * again only where what is drawn changed: a small change in place (the items keep their slots in Sigma's programs:
   * no indexation, the pass costs what changed), a larger one through Sigma's indexation of what is drawn
   * (views/sigma-process.ts); `full` asks for every node and edge. What a selection or a path brings forward is drawn
   * by the highlight layer over the dimmed network, which is not drawn again for it.
   */
  refresh(full = false): void {
    const next = this.state();
    const prev = this.drawn;
    const frames = this.frames;
    this.frame = next;
    // What is brought forward first: whether the base network is dimmed decides how its next frame draws edges.
    const front = frontOf(next, this.ends, this.model.nodes.length, this.edgeKeys.length);
    this.front = front;
    // The layer's new graph is drawn with the base network's frame that follows (or below, when there is none).
    this.showFront(next, front);
    try {
      // However many changed: Sigma then refreshes those only, in place (leanUpdates), where a full refresh makes every
      // node and edge anew.
      const changed = full || prev === null ? null : changedLooks(prev, next, this.model.nodes.length, this.edgeKeys.length, Infinity);
      if (prev === null) this.renderer.refresh();
      else if (changed === null) {
        // Every node and edge given its look again (as the reducers would), then one indexation of what is drawn.
        this.setDrawn(next.visible, null);
        this.renderer.refresh({ partialGraph: { nodes: [], edges: [] } });
      } else if (changed.nodes.length > 0 || changed.edges.length > 0) {
        const count = changed.nodes.length + changed.edges.length;
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        const s = this.renderer as any;
        this.inPlace = count <= IN_PLACE_MAX && this.holes + count <= HOLES_MAX && changed.nodes.every((i) => s.nodeProgramIndex[nodeKey(i)] >= 0) && changed.edges.every((i) => s.edgeProgramIndex[this.edgeKeys[i]] >= 0);
        if (this.inPlace) {
          this.renderer.refresh({ partialGraph: { nodes: changed.nodes.map(nodeKey), edges: changed.edges.map((i) => this.edgeKeys[i]) }, skipIndexation: true });
          this.holes += count;
        } else {
          // What the reducers would give these (drawn or not: nothing else of the base network's look changes), set
          // on Sigma's objects by index, then one indexation of what is drawn.
          this.setDrawn(next.visible, changed);
          this.renderer.refresh({ partialGraph: { nodes: [], edges: [] } });
        }
      }
      this.drawn = next;
    } finally {
      this.frame = null;
      this.inPlace = false;
    }
    // The map and the outlines (a selected company group's among them) follow the state even when the base network
    // was not drawn again; so does the highlight layer.
    if (this.frames === frames) {
      // Undimmed after a dimmed frame drew lines: the base network's edges are drawn again as they are (a repaint).
      if (!front?.dims && this.linesDrawn) this.renderer.refresh({ partialGraph: { nodes: [], edges: [] }, skipIndexation: true });
      else {
        this.layer.flush();
        this.drawLayers();
      }
    }
  }

  /**
   * Marks nodes and edges drawn or not in Sigma's display data, as the reducers do (`reduceNode`, `reduceEdge`: a node
   * or an edge not drawn is hidden and takes the type whose programs hold nothing; drawn, it has its own type), without
   * Sigma's refresh of each (a copy of the graph's attributes and the reducer, for up to 120,000 items).
   */
  private setDrawn(visible: Visibility, changed: { nodes: number[]; edges: number[] } | null): void {
    const { nodes, edges } = this.lean;
    const node = (i: number) => {
      const d = nodes[i];
      const drawn = visible.nodes[i] !== 0;
      d.hidden = !drawn;
      d.type = drawn ? this.nodeTypes[i] : HIDDEN;
    };
    const edge = (i: number) => {
      const d = edges[i];
      const drawn = visible.edges[i] !== 0;
      d.hidden = !drawn;
      d.type = drawn ? this.edgeTypes[i] : HIDDEN;
    };
    if (changed === null) {
      // All of them.
      for (let i = 0; i < nodes.length; i++) node(i);
      for (let i = 0; i < edges.length; i++) edge(i);
    } else {
      for (const i of changed.nodes) node(i);
      for (const i of changed.edges) edge(i);
    }
  }

  /** The highlight layer's graph for what the state brings forward, and the base network dimmed under it. */
  private showFront(state: RenderState, front: Front | null): void {
    this.faded = front !== null && state.emphasis !== null;
    const canvases = this.renderer.getCanvases();
    // The compositor dims the base network's canvases: nothing of it is drawn again.
    for (const name of ['nodes', 'edgeLabels']) if (canvases[name]) canvases[name].style.opacity = front?.dims ? String(DIMMED_OPACITY) : '';
    if (canvases.edges) canvases.edges.style.opacity = front?.dims ? String(this.dimmedTiesOpacity()) : '';
    if (canvases.labels) canvases.labels.style.visibility = front === null ? '' : 'hidden';
    if (!front?.dims) this.lineMode.fill = false;
    if (front === null) return this.layer.hide();
    const g = new MultiDirectedGraph<NodeAttrs, EdgeAttrs>();
    this.frontBoxed = [];
    // The entities of a path shown are always named: labels sigma must draw (forced), which MapLabels places at the
    // first free place and else beside the node. A step lying just above an end went unnamed, its label left out (seen
    // in the fresh-clone CI's run of the workspace e2e test, as the layout happened to put them; made again in a test
    // of its own).
    const onPath = new Set<number>();
    for (const { index, path } of front.edges) if (path) onPath.add(this.ends.source[index]).add(this.ends.target[index]);
    for (const { index, look } of front.nodes) {
      const key = nodeKey(index);
      const attrs: NodeAttrs & { highlighted?: boolean; zIndex?: number; forceLabel?: boolean } = { ...this.graph.getNodeAttributes(key) };
      if (onPath.has(index) && look !== 'end') attrs.forceLabel = true;
      if (look === 'end') {
        attrs.color = FADED_COLOR;
        attrs.borderColor = FADED_COLOR;
        attrs.label = '';
        attrs.zIndex = 0;
      } else if (look === 'selected') {
        this.frontBoxed.push(index);
        attrs.highlighted = true;
        attrs.zIndex = 2;
      } else attrs.zIndex = 1;
      g.addNode(key, attrs);
    }
    for (const { index, path } of front.edges) {
      const key = this.edgeKeys[index];
      const attrs: EdgeAttrs & { zIndex?: number } = { ...this.graph.getEdgeAttributes(key) };
      if (path) {
        attrs.color = PATH_COLOR;
        attrs.size += 2.5;
        attrs.zIndex = 1;
      } else attrs.size += 1;
      g.addDirectedEdgeWithKey(key, nodeKey(this.ends.source[index]), nodeKey(this.ends.target[index]), attrs);
    }
    this.layer.show(g as unknown as MultiDirectedGraph, true);
  }

  /** Fills the edges as they are of every drawn arrow edge again, when written while lines were drawn (see `dimmable`). */
  private fillNormal(): void {
    const program = this.refillArrows('normal', (p) => p.stale);
    if (program !== null) program.stale = false;
  }

  /**
   * Writes one of the dimmable arrow program's buffers (`which`) again for every drawn arrow edge, as the last
   * indexation drew them, when `needed`; unless an indexation is about to run (it writes them). The program written,
   * or null.
   */
  private refillArrows(which: 'lines' | 'normal', needed: (program: { stale: boolean }) => boolean = () => true): { stale: boolean } | null {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const s = this.renderer as any;
    const program = s.edgePrograms.arrow as ({ capacity: number; stale: boolean } & Record<'lines' | 'normal', InstanceType<EdgeProgramType>>) | undefined;
    if (program === undefined || !needed(program) || s.needToProcess) return null;
    program[which].reallocate(program.capacity);
    this.lean.refill('arrow', program[which]);
    return program;
  }

  /**
   * The resolution of the ties' canvas for the frame about to be drawn: `DIMMED_TIES_SCALE` of Sigma's while the
   * network is dimmed and drawn in software, Sigma's own otherwise (its size on the screen never changes). A canvas
   * given another size is cleared: this runs only just before a frame draws it.
   */
  private fitTiesCanvas(): { width: number; height: number; canvas: HTMLCanvasElement } | null {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const s = this.renderer as any;
    const canvas: HTMLCanvasElement | undefined = s.elements?.edges;
    const gl: WebGLRenderingContext | undefined = s.webGLContexts?.edges;
    if (canvas === undefined || gl === undefined) return null;
    // Only lines are drawn at a lower resolution: the edges as they are (arrow heads) keep Sigma's.
    const scale = this.vertexDrawing && this.lineMode.draw ? DIMMED_TIES_SCALE : 1;
    this.lineMode.scale = scale;
    // As Sigma sizes its canvases (resize): its width and height times its pixel ratio.
    const width = Math.max(1, Math.floor(s.width * s.pixelRatio * scale));
    const height = Math.max(1, Math.floor(s.height * s.pixelRatio * scale));
    // Drawn on the CPU, the dimmed ties have a canvas of their own at that resolution and the WebGL canvas stays empty
    // at Sigma's: not resized each time the network is dimmed or undimmed (a new drawing buffer each time, 6 ms of the
    // page's time and the GPU process's allocation, on 1600 × 1000).
    if (this.lineMode.draw && this.lineMode.cpu !== null) {
      const [fullWidth, fullHeight] = [Math.max(1, Math.floor(s.width * s.pixelRatio)), Math.max(1, Math.floor(s.height * s.pixelRatio))];
      if (canvas.width !== fullWidth || canvas.height !== fullHeight) this.resizeTies(canvas, gl, fullWidth, fullHeight);
      return { width, height, canvas };
    }
    if (canvas.width === width && canvas.height === height) return { width, height, canvas };
    this.resizeTies(canvas, gl, width, height);
    return { width, height, canvas };
  }

  private resizeTies(canvas: HTMLCanvasElement, gl: WebGLRenderingContext, width: number, height: number): void {
    if (canvas.style.opacity !== '') canvas.style.opacity = String(this.dimmedTiesOpacity());
    canvas.width = width;
    canvas.height = height;
    gl.viewport(0, 0, width, height);
  }

  /**
   * The opacity of the dimmed ties' canvas: at a lower resolution a line a pixel wide covers 1 / scale pixels of the
   * screen, so it is made that much more transparent (each tie shows about as much as at full resolution).
   */
  private dimmedTiesOpacity(): number {
    return DIMMED_OPACITY * this.lineMode.scale;
  }

  /**
   * Whether the dimmed ties are drawn on the CPU (views/cpu-lines.ts), what it last put on its canvas, and how many of
   * its frames were drawn and how many were those of a frame kept (for tests).
   */
  cpuTies(): { width: number; height: number; alpha: number[]; frames: { drawn: number; kept: number } } | null {
    const cpu = this.lineMode.cpu;
    return cpu === null ? null : { ...cpu.drawn(), frames: { ...cpu.counts } };
  }

  /** The resolution of the ties' canvas now, in pixels (for tests and pictures). */
  tiesResolution(): { width: number; height: number } {
    const cpu = this.lineMode.cpu;
    if (cpu !== null && this.lineMode.draw) return { width: cpu.canvas.width, height: cpu.canvas.height };
    const canvas = this.renderer.getCanvases().edges;
    return { width: canvas?.width ?? 0, height: canvas?.height ?? 0 };
  }

  /** Fills the lines of every drawn arrow edge (dimming started: see `dimmable`), and keeps them filled from now on. */
  private fillLines(): void {
    this.lineMode.fill = true;
    this.refillArrows('lines');
  }

  /**
   * How a node is drawn now, as on the screen: by the highlight layer when brought forward, otherwise by the base
   * network, faded while a selection or a path is shown (for pictures and tests).
   */
  nodeDisplay(key: string): (NonNullable<ReturnType<Sigma<NodeAttrs, EdgeAttrs>['getNodeDisplayData']>> & { borderColor?: string }) | undefined {
    const front = this.layer.nodeDisplay(key);
    if (front !== undefined) return front as never;
    const d = this.renderer.getNodeDisplayData(key);
    if (d === undefined || d.hidden || !this.faded) return d;
    return { ...d, color: FADED_COLOR, borderColor: FADED_COLOR, label: '', highlighted: false } as never;
  }

  /** How an edge is drawn now, as on the screen (see `nodeDisplay`). */
  edgeDisplay(key: string): ReturnType<Sigma<NodeAttrs, EdgeAttrs>['getEdgeDisplayData']> {
    const front = this.layer.edgeDisplay(key);
    if (front !== undefined) return front;
    const d = this.renderer.getEdgeDisplayData(key);
    if (d === undefined || d.hidden || !this.faded) return d;
    return { ...d, color: FADED_COLOR };
  }

  /** Switches between the force layout and the geographic one, keeping the force positions. */
  setLayout(layout: Layout): void {
    if (layout === this.layout) return;
    this.stopLayout();
    let geo: Point[] | null = null;
    if (layout === 'geo') {
      this.saveForcePositions();
      const { positions } = geoLayout(this.model);
      geo = positions;
      this.graph.forEachNode((node, attrs) => {
        const p = positions[attrs.index];
        this.graph.mergeNodeAttributes(node, { x: p.x, y: p.y });
      });
    } else {
      this.geo.leave();
      this.graph.forEachNode((node, attrs) => {
        const p = this.forcePositions[attrs.index];
        this.graph.mergeNodeAttributes(node, { x: p.x, y: p.y });
      });
    }
    this.layout = layout;
    this.renderer.refresh();
    this.renderer.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
    // After the refresh: the ring offsets are computed in the normalisation of the places themselves.
    if (geo !== null) this.geo.enter(geo);
    // The first view of either layout: all of it inside the visible area (on the map after enter, which sets its framing),
    // or on the map the findings, when far-off entities would make them a speck (GeoMap.opening).
    const opening = geo !== null ? this.geo.opening : null;
    if (opening !== null) {
      // (from the positions as normalised in the map's own framing, which the next processing sets)
      this.renderer.refresh();
      this.fit(opening.members, undefined, this.geo.placeViewRatio(), false, true);
    } else this.frameWhole();
  }

  /** The whole layout framed inside the visible area: nothing under the side panel or a bar over the canvas. */
  frameWhole(): void {
    this.animateInArea({ x: 0.5, y: 0.5, ratio: 1 }, false);
  }

  private saveForcePositions(): void {
    this.graph.forEachNode((_node, attrs) => (this.forcePositions[attrs.index] = { x: attrs.x, y: attrs.y }));
  }

  /** ForceAtlas2 iterations since the layout last started (each worker step updates every node once). */
  layoutIterations = 0;

  isLayoutRunning(): boolean {
    return (this.fa2?.isRunning() ?? false) || this.fa2Fallback !== null;
  }

  /** Starts ForceAtlas2 in a web worker (or, where workers are refused, in small steps on the page). */
  startLayout(autoStopMs = 0): void {
    if (this.layout !== 'force' || this.isLayoutRunning()) return;
    const settings = forceSettings(this.model, forceAtlas2.inferSettings(this.graph));
    try {
      if (!this.fa2) {
        this.fa2 = new FA2Layout(this.graph, { settings });
        // (the supervisor writes every iteration's positions with one update of every node)
        this.graph.on('eachNodeAttributesUpdated', () => this.layoutIterations++);
      }
      this.layoutIterations = 0;
      this.fa2.start();
    } catch {
      // Some browsers refuse workers for pages opened from disk: iterate on the main thread instead.
      const step = () => {
        forceAtlas2.assign(this.graph, { iterations: 2, settings });
        this.fa2Fallback = requestAnimationFrame(step);
      };
      this.fa2Fallback = requestAnimationFrame(step);
    }
    this.onLayoutRunning(true);
    if (autoStopMs > 0) {
      // After autoStopMs, once it has run settings.autoLayoutMinIterations (the worker's; the fallback on the page is
      // stopped by time alone), and never after four times autoStopMs.
      const until = performance.now() + 4 * autoStopMs;
      const stopWhenDone = () => {
        const done = this.fa2Fallback !== null || this.layoutIterations >= this.settings.autoLayoutMinIterations || performance.now() >= until;
        if (done) this.stopLayout();
        else this.autoStop = setTimeout(stopWhenDone, 250);
      };
      this.autoStop = setTimeout(stopWhenDone, autoStopMs);
    }
  }

  stopLayout(): void {
    if (this.autoStop !== null) clearTimeout(this.autoStop);
    this.autoStop = null;
    if (this.fa2?.isRunning()) this.fa2.stop();
    if (this.fa2Fallback !== null) cancelAnimationFrame(this.fa2Fallback);
    this.fa2Fallback = null;
    if (this.layout === 'force') {
      this.separateOverviewDiscs();
      this.saveForcePositions();
    }
    this.onLayoutRunning(false);
  }

  /**
   * An overview's discs moved apart where they touch, once its layout stops (core/layout.ts `separateDiscsInFrame`):
   * on more than a few hundred clusters ForceAtlas2 leaves neighbours on top of each other in the ball the tied
   * clusters make. The discs drawn, with their radii as drawn now in the layout's units (1,520 clusters: 44 ms in
   * Chromium, once).
   */
  private separateOverviewDiscs(): void {
    if (overviewOf(this.model.report) === null || this.model.nodes.length > SEPARATE_DISCS_UP_TO) return;
    const a = this.renderer.graphToViewport({ x: 0, y: 0 });
    const b = this.renderer.graphToViewport({ x: 1, y: 0 });
    const perUnit = Math.hypot(b.x - a.x, b.y - a.y);
    if (!(perUnit > 0)) return;
    const keys: string[] = [];
    const points: Point[] = [];
    const radii: number[] = [];
    this.graph.forEachNode((key, attrs) => {
      const d = this.renderer.getNodeDisplayData(key);
      if (d === undefined || d.hidden) return;
      keys.push(key);
      points.push({ x: attrs.x, y: attrs.y });
      radii.push(this.renderer.scaleSize(d.size) / perUnit);
    });
    const moved = separateDiscsInFrame(points, radii).points;
    keys.forEach((key, i) => this.graph.mergeNodeAttributes(key, { x: moved[i].x, y: moved[i].y }));
  }

  /** Moves the camera to an entity. */
  focus(id: string, ratio = this.focusRatio()): void {
    this.geo.reveal(this.model.byId.get(id)?.index ?? -1);
    const display = this.renderer.getNodeDisplayData(this.keyOf(id));
    if (!display) return;
    this.renderer.getCamera().animate({ x: display.x, y: display.y, ratio }, { duration: 400 });
  }

  /**
   * The camera ratio a focus on one entity comes to: the setting, and on the map no farther out than the view of a
   * place in its surroundings (the map's frame spans every place and entity, often continents: a quarter of it shows
   * a region, not an entity).
   */
  private focusRatio(): number {
    return this.layout === 'geo' ? Math.min(this.settings.focusRatio, this.geo.placeViewRatio()) : this.settings.focusRatio;
  }

  /** Moves the camera to show a set of entities. */
  focusMany(ids: string[]): void {
    if (this.layout === 'geo') {
      // On the map, from the places of the entities, not from where a ring around a place draws them (offsets in screen
      // pixels, degrees wide when zoomed out: a cluster of one town stayed a few pixels wide), and no closer than the
      // view of a place (`fit`, as "Zoom to" does).
      this.fit(
        ids.map((id) => this.model.byId.get(id)?.index).filter((i): i is number => i !== undefined),
        undefined,
        this.geo.placeViewRatio(),
      );
      return;
    }
    const points = ids.map((id) => this.renderer.getNodeDisplayData(this.keyOf(id))).filter((d) => d !== undefined);
    if (points.length === 0) return;
    const [minX, maxX, minY, maxY] = bounds(points.map((p) => ({ x: p!.x, y: p!.y })));
    // Room around the points for their labels, which run to the right.
    const ratio = Math.min(1, Math.max(0.05, Math.max(maxX - minX, maxY - minY) * 1.7));
    this.animateInArea({ x: (minX + maxX) / 2, y: (minY + maxY) / 2, ratio });
  }

  /** Moves the camera to show entities (by index), or a point of the layout when there are none. */
  private fit(indices: number[], point?: Point, pointRatio = 0.01, animate = true, tight = false): void {
    const camera = this.renderer.getCamera();
    if (indices.length > 0) {
      // From the graph's own positions: members of a counted marker being opened are not drawn yet.
      // On the map, from the places themselves: a ring's offsets are in screen pixels, many degrees wide when zoomed out.
      const framed = (i: number) => this.renderer.viewportToFramedGraph(this.renderer.graphToViewport(this.geo.basePosition(i) ?? this.graph.getNodeAttributes(nodeKey(i))));
      const [minX, maxX, minY, maxY] = bounds(indices.map(framed));
      // Room around the points for their labels and rings; no lower bound but the camera's own.
      // On the map, never much closer than the view of a place (about 30 km): a cluster at one town stays in its setting.
      const floor = this.layout === 'geo' ? pointRatio * 0.7 : 0;
      let ratio = Math.min(1, Math.max(camera.minRatio ?? 0, floor, Math.max(maxX - minX, maxY - minY) * 1.6));
      if (tight) ratio = Math.min(1, Math.max(camera.minRatio ?? 0, floor, this.fillingRatio([minX, maxX, minY, maxY], ratio)));
      this.animateInArea({ x: (minX + maxX) / 2, y: (minY + maxY) / 2, ratio }, animate);
    } else if (point) {
      const p = this.renderer.viewportToFramedGraph(this.renderer.graphToViewport(point));
      camera.animate({ x: p.x, y: p.y, ratio: pointRatio }, { duration: 400 });
    }
  }

  camera(): Camera {
    const c = this.renderer.getCamera().getState();
    return { x: c.x, y: c.y, ratio: c.ratio, angle: c.angle };
  }

  setCamera(c: Camera): void {
    this.renderer.getCamera().setState(c);
  }

  /** Where an entity is drawn, in pixels of the graph container (for tests and tooltips). */
  viewportPosition(id: string): { x: number; y: number } | null {
    const attrs = this.graph.getNodeAttributes(this.keyOf(id));
    return this.renderer.graphToViewport({ x: attrs.x, y: attrs.y });
  }

  /** The boxes of the drawn nodes on the screen (up to the large-graph size; beyond it, labels alone are kept clear of). */
  private nodeBoxes(width: number, height: number): Box[] {
    if (this.graph.order > this.settings.largeGraph) return [];
    const out: Box[] = [];
    this.graph.forEachNode((key) => {
      const d = this.renderer.getNodeDisplayData(key);
      if (!d || d.hidden) return;
      const v = this.renderer.framedGraphToViewport(d);
      const r = this.renderer.scaleSize(d.size) + 1;
      if (v.x + r < 0 || v.y + r < 0 || v.x - r > width || v.y - r > height) return;
      out.push([v.x - r, v.y - r, v.x + r, v.y + r]);
    });
    return out;
  }

  /**
   * The part of the canvas the user sees, in pixels of the graph container: less the side panel where it overlaps the
   * canvas, and less the working view's bars, which run over its whole width (core/label-place.ts).
   */
  visibleArea(): LabelArea {
    const { width, height } = this.renderer.getDimensions();
    const panel = this.container.ownerDocument.getElementById('panel');
    return visibleArea(width, height, this.boxesOf([...(panel ? [panel] : []), ...this.container.querySelectorAll<HTMLElement>('.work-row, .scope-bar')]));
  }

  /**
   * Where the camera frames what it is asked to show: the visible area, and on the map above its legend and "zoom to"
   * list, which sit in a bottom corner (a border region framed across the whole height had its crossings and its
   * cluster's label under the legend). Labels still use the corner beside the legend (overlayBoxes).
   */
  private framingArea(): LabelArea {
    const area = this.visibleArea();
    if (this.layout !== 'geo') return area;
    const height = area.bottom - area.top;
    for (const [, top] of this.overlayBoxes()) {
      // (only a legend in the lower half, and never more than half of the height given up)
      // (and the line of notes drawn just above it: "1 of 2 clusters near a border outlined …")
      if (top > area.top + height / 2) area.bottom = Math.min(area.bottom, top - 24);
    }
    return area;
  }

  /**
   * What lies over a corner of the canvas, in pixels of the graph container: the map's legend and "zoom to" list
   * (labels keep clear of it, MapLabels.overlays).
   */
  overlayBoxes(): AreaBox[] {
    return this.boxesOf([...this.container.querySelectorAll<HTMLElement>('.map-control')]);
  }

  /** The boxes of those of `elements` shown, in pixels of the graph container. */
  private boxesOf(elements: readonly HTMLElement[]): AreaBox[] {
    const origin = this.container.getBoundingClientRect();
    return elements
      .filter((p) => !p.hidden && p.isConnected)
      .map((p) => p.getBoundingClientRect())
      .filter((r) => r.width > 0 && r.height > 0)
      .map((r) => [r.left - origin.left, r.top - origin.top, r.right - origin.left, r.bottom - origin.top] as AreaBox);
  }

  /**
   * The entity labels drawn in the last frame and seen, with their boxes in pixels of the graph container (for tests):
   * the highlight layer's while it is shown (the base network's labels are hidden under it), else the base network's.
   */
  drawnLabels(): { label: string; box: readonly [number, number, number, number] }[] {
    return [...(this.layer.isShown() ? this.frontLabels.drawnLabels() : this.labels.drawnLabels())];
  }

  /**
   * Moves the camera to show what `target` would show in the whole canvas inside the visible area instead, so that
   * what is framed is not under the side panel or a bar over the canvas.
   */
  /**
   * The camera ratio (as animateInArea takes it) at which a box of the framed graph ([minX, maxX, minY, maxY]) fills
   * FIT_FILL of the framing area in its tighter dimension: measured in pixels at `ratio`, as pixels follow the ratio
   * inversely. The loose fit (the box's larger side times 1.6, then the area's narrower side) left a wide, flat
   * region (a network from Gaziantep to Erbil, 6.6° by 0.9°) a third of the area's width, its towns piled up.
   */
  private fillingRatio([minX, maxX, minY, maxY]: [number, number, number, number], ratio: number): number {
    const { width, height } = this.renderer.getDimensions();
    const area = this.framingArea();
    const [w, h] = [area.right - area.left, area.bottom - area.top];
    if (w <= 0 || h <= 0) return ratio;
    const cameraState = { x: (minX + maxX) / 2, y: (minY + maxY) / 2, ratio, angle: this.renderer.getCamera().getState().angle };
    const a = this.renderer.framedGraphToViewport({ x: minX, y: minY }, { cameraState });
    const b = this.renderer.framedGraphToViewport({ x: maxX, y: maxY }, { cameraState });
    const fill = Math.max(Math.abs(b.x - a.x) / (w * FIT_FILL), Math.abs(b.y - a.y) / (h * FIT_FILL));
    if (!(fill > 0)) return ratio;
    // (animateInArea widens the ratio by the canvas over the area: taken back here)
    return (ratio * fill) / Math.max(1, width / w, height / h);
  }

  private animateInArea(target: { x: number; y: number; ratio: number }, animate = true): void {
    const { width, height } = this.renderer.getDimensions();
    const fitted = cameraInArea(target.ratio, width, height, this.framingArea());
    const cameraState = { x: target.x, y: target.y, ratio: fitted.ratio, angle: this.renderer.getCamera().getState().angle };
    const middle = this.renderer.viewportToFramedGraph({ x: width / 2, y: height / 2 }, { cameraState });
    const moved = this.renderer.viewportToFramedGraph({ x: width / 2 + fitted.dx, y: height / 2 + fitted.dy }, { cameraState });
    const state = { x: target.x - (moved.x - middle.x), y: target.y - (moved.y - middle.y), ratio: fitted.ratio };
    if (animate) this.renderer.getCamera().animate(state, { duration: 400 });
    else this.renderer.getCamera().setState(state);
  }

  /** The boxes of what sits over the map (the map's legend, the working view's bars), which would hide a town name. */
  private panelBoxes(): Box[] {
    const origin = this.container.getBoundingClientRect();
    const panels = [this.geo.control, ...this.container.querySelectorAll<HTMLElement>('.work-row, .scope-bar')];
    return panels
      .filter((p) => !p.hidden && p.isConnected)
      .map((p) => p.getBoundingClientRect())
      .filter((r) => r.width > 0 && r.height > 0)
      .map((r) => [r.left - origin.left, r.top - origin.top, r.right - origin.left, r.bottom - origin.top] as Box);
  }

  /** Country borders under the graph and border crossings over it, in geographic layout. */
  private drawLayers(): void {
    const { width, height } = this.renderer.getDimensions();
    const ratio = window.devicePixelRatio || 1;
    for (const canvas of [this.background, this.overlay]) {
      if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
        canvas.width = Math.round(width * ratio);
        canvas.height = Math.round(height * ratio);
        canvas.style.width = `${width}px`;
        canvas.style.height = `${height}px`;
      }
    }
    const bg = this.background.getContext('2d')!;
    const top = this.overlay.getContext('2d')!;
    bg.setTransform(ratio, 0, 0, ratio, 0, 0);
    top.setTransform(ratio, 0, 0, ratio, 0, 0);
    bg.clearRect(0, 0, width, height);
    top.clearRect(0, 0, width, height);
    if (this.layout === 'geo') {
      const frame = this.mapFrame(width, height);
      // Labels already on the screen (entities', then places' and markers'), which town names keep clear of.
      const taken: Box[] = [...this.labels.boxes(), ...(this.layer.isShown() ? this.frontLabels.boxes() : []), ...this.nodeBoxes(width, height), ...this.panelBoxes()];
      taken.push(...this.geo.drawOverlay(top, width, height, this.model.report.places, taken));
      bg.font = BASEMAP_STYLE.townFont;
      const drawing = this.basemap === null ? null : mapDrawing(this.basemap, frame, taken, (t) => bg.measureText(t).width);
      if (drawing !== null && drawing.admin1.length > 0) {
        bg.strokeStyle = BASEMAP_STYLE.admin1;
        bg.lineWidth = 1;
        bg.setLineDash(BASEMAP_STYLE.admin1Dash);
        strokeLines(bg, drawing.admin1, frame);
        bg.setLineDash([]);
      }
      bg.strokeStyle = BASEMAP_STYLE.country;
      bg.lineWidth = drawing !== null && drawing.admin1.length > 0 ? 1.3 : 0.8;
      if (drawing?.coast) strokeLines(bg, drawing.coast, frame);
      else strokeLines(bg, COUNTRY_LINES, frame);
      if (drawing !== null) drawTowns(bg, drawing.towns);
      this.lastMap = drawing;
    }
    // Clusters near a border crossing: a dashed outline around their visible members (only those in view, and at most
    // MAX_OUTLINES of them, with a note of the others), and a short label whose words come from the report's numbers
    // (as in the lists); a selected company group the same, in blue, alone. Labels that would cover one already drawn,
    // or lie outside the view, are left out.
    const { visible, group } = this.state();
    const labels: [number, number, number, number][] = [];
    // The labels of what a selection brings forward (the selected entity's, boxed) are not covered either.
    const front: (readonly number[])[] = this.layer.isShown() ? [...this.frontLabels.boxes()] : [];
    if (this.layer.isShown()) front.push(...this.boxed(top).map((b) => b.box));
    const onScreen = (index: number) => (visible.nodes[index] ? this.renderer.graphToViewport(this.graph.getNodeAttributes(nodeKey(index))) : null);
    // The nodes' discs, which the outlines' labels keep clear of where they can (made once a frame, for a network
    // small enough: an overview, a piece; over thousands of nodes every place of a label covers some).
    let discs: ScreenBox[] | undefined;
    const discsOnScreen = (): ScreenBox[] => {
      if (discs !== undefined) return discs;
      discs = [];
      // (counted among the nodes drawn: an overview's model also holds the entities of the clusters opened, hidden)
      for (const node of this.model.nodes) {
        const p = onScreen(node.index);
        const display = p === null ? undefined : this.renderer.getNodeDisplayData(nodeKey(node.index));
        if (p === null || display === undefined || display.hidden) continue;
        const r = this.renderer.scaleSize(display.size);
        if (p.x + r >= 0 && p.y + r >= 0 && p.x - r <= width && p.y - r <= height) discs.push([p.x - r, p.y - r, p.x + r, p.y + r]);
        if (discs.length > DISCS_KEPT_CLEAR_UP_TO) return (discs = []);
      }
      return discs;
    };
    // Where a label may be set apart from its outline: below the bars over the graph, off the map's legend and lists
    // (read from the page once a frame, when an outline is drawn).
    let room: CalloutRoom | undefined;
    const drawnLabels: { box: ScreenBox; outline: ScreenBox; leader?: ScreenBox; short?: boolean }[] = [];
    this.outlineLabels = drawnLabels;
    const draw = (box: Box, color: string, label: string, dash: number[]) => {
      const [x0, y0, x1, y1] = box;
      top.strokeStyle = color;
      top.setLineDash(dash);
      top.lineWidth = 1.5;
      top.strokeRect(x0, y0, x1 - x0, y1 - y0);
      top.setLineDash([]);
      // Outline labels keep a line's height apart (labels a few pixels apart read as one pile of text), and off other
      // discs: set apart with a line to the outline where no place beside it is free.
      const place = outlineLabelPlace(box, labelWidths(label, (t) => top.measureText(t).width), { width, height }, labels, front as ScreenBox[], discsOnScreen(), OUTLINE_LABEL_GAP, (room ??= { area: this.visibleArea(), covers: this.overlayBoxes() }));
      if (place === null) return;
      const lbox = place.box;
      labels.push(lbox);
      drawnLabels.push({ box: lbox, outline: [x0, y0, x1, y1], ...(place.leader === undefined ? {} : { leader: place.leader }), ...(place.short ? { short: true } : {}) });
      if (place.leader !== undefined) {
        const [ax, ay, bx, by] = place.leader;
        top.lineWidth = 1;
        top.beginPath();
        top.moveTo(ax, ay);
        top.lineTo(bx, by);
        top.stroke();
      }
      top.fillStyle = 'rgba(255,255,255,0.85)';
      top.fillRect(lbox[0], lbox[1], lbox[2] - lbox[0], lbox[3] - lbox[1]);
      top.fillStyle = color;
      labelLines(label, place.lines, place.short).forEach((text, k) => top.fillText(text, place.x, place.y + k * LINE_HEIGHT));
    };
    top.font = 'bold 12px system-ui, sans-serif';
    const selectedGroup = group === null ? undefined : this.model.groups.get(group);
    if (selectedGroup) {
      const box = outlineBox(selectedGroup.members.map((m) => onScreen(this.model.byId.get(m)!.index)));
      if (box !== null && !(box[2] < 0 || box[3] < 0 || box[0] > width || box[1] > height)) draw(box, GROUP_COLOR, `Company group ${selectedGroup.id}, ${shortProximity(selectedGroup, this.model.report.parameters.radiusKm)}`, []);
      this.keepLabelsClear(labels);
      return;
    }
    const outlines = this.borderOutlines(onScreen, width, height);
    for (const o of outlines.shown) draw(o.box, FLAG_COLOR, o.label, [5, 4]);
    this.keepLabelsClear(labels);
    this.outlineNote = outlines.note;
    if (outlines.note !== null) {
      top.font = '12px system-ui, sans-serif';
      if (top.measureText(outlines.note).width > width - 16) top.font = '10px system-ui, sans-serif';
      const w = top.measureText(outlines.note).width;
      // At the bottom right, above the map's legend where that reaches under it and above the outlines' labels
      // (core/label-place.ts).
      const [x0, y0, x1, y1] = noteBox(w + 8, 18, { left: 0, top: 0, right: width, bottom: height }, [...(this.layout === 'geo' ? this.overlayBoxes() : []), ...labels]);
      top.fillStyle = 'rgba(255,255,255,0.9)';
      top.fillRect(x0, y0, x1 - x0, y1 - y0);
      top.fillStyle = FLAG_COLOR;
      top.fillText(outlines.note, x0 + 4, y1 - 5);
      this.outlineNoteBox = [x0, y0, x1, y1];
    } else this.outlineNoteBox = null;
  }

  /**
   * Where the boxed labels lie while a selection or a path is drawn over the network (the selected entity's; every
   * entity's of a path shown without a selection), by entity id (for tests).
   */
  boxedLabels(): { id: string; box: readonly [number, number, number, number] }[] {
    if (!this.layer.isShown()) return [];
    return this.boxed(this.overlay.getContext('2d')!).map(({ index, box }) => ({ id: this.model.nodes[index].id, box }));
  }

  /** The boxed labels the layer draws (see `boxedLabels`), by index, in pixels of the graph container. */
  private boxed(context: CanvasRenderingContext2D): { index: number; box: [number, number, number, number] }[] {
    const out: { index: number; box: [number, number, number, number] }[] = [];
    for (const index of this.frontBoxed) {
      const box = this.labelBoxOf(index, context);
      if (box !== null) out.push({ index, box });
    }
    return out;
  }

  /** Where an entity's boxed label lies on the screen (as sigma's hover label draws it, roughly), or null. */
  private labelBoxOf(index: number, context: CanvasRenderingContext2D): [number, number, number, number] | null {
    const display = this.renderer.getNodeDisplayData(nodeKey(index));
    if (display === undefined || display.hidden) return null;
    const { x, y } = this.renderer.framedGraphToViewport(display);
    const r = this.renderer.scaleSize(display.size);
    const size = this.renderer.getSetting('labelSize');
    const font = context.font;
    context.font = `${this.renderer.getSetting('labelWeight')} ${size}px ${this.renderer.getSetting('labelFont')}`;
    const w = context.measureText(display.label ?? '').width;
    context.font = font;
    const half = Math.max(r, size / 2 + 2) + 2;
    // On the side its drawer puts it (boxed-label.ts): the left of a node near the right edge of the visible area.
    const area = this.frontLabels.area ?? this.labels.area;
    if (area !== null && boxedLabelSide(x, y, Math.max(r, size / 2) + BOXED_PADDING, w, size, area, this.frontLabels.nodes) === 'left') return [x - r - 8 - w, y - half, x + r + 4, y + half];
    return [x - r - 4, y - half, x + r + 8 + w, y + half];
  }

  /**
   * Entity labels keep clear of the outlines' labels (drawn over them): when those moved, the frame is drawn again;
   * except while the highlight layer is shown, when the base network's labels are hidden under it (a frame of the
   * whole network for labels nobody sees; the next frame that shows them uses the boxes kept here).
   */
  private keepLabelsClear(outlineLabels: [number, number, number, number][]): void {
    if (this.labels.reserve(outlineLabels) && !this.layer.isShown()) this.renderer.scheduleRender();
  }

  /**
   * Whether Sigma draws the frame about to be drawn as moving (the camera animated, the stage dragged or wheeled): it
   * then leaves out the ties (`hideEdgesOnMove`) and, in a large network, the labels. Sigma 3.0.3's own test.
   */
  private movingNow(): boolean {
    const captor = (this.renderer as unknown as { mouseCaptor?: { isMoving?: boolean; draggedEvents?: number; currentWheelDirection?: number } }).mouseCaptor;
    return this.renderer.getCamera().isAnimated() || captor?.isMoving === true || (captor?.draggedEvents ?? 0) > 0 || (captor?.currentWheelDirection ?? 0) !== 0;
  }

  /**
   * Once the camera has stopped: draws the network again if its last frame was drawn moving (without its ties), and
   * only then (a camera set at once draws its frame whole: another would cost a frame of the whole network for
   * nothing).
   */
  redrawAfterMove(): void {
    if (this.movedFrame) this.renderer.scheduleRender();
  }

  /**
   * The outlines' labels drawn in the last frame (for tests): each label's box, its outline's, the line between them
   * for a label set apart, and whether only its short tag was drawn; in pixels of the graph container.
   */
  outlineLabels: { box: ScreenBox; outline: ScreenBox; leader?: ScreenBox; short?: boolean }[] = [];

  /** The note of the outlines left out in the last frame (for tests), or null. */
  outlineNote: string | null = null;
  /** Where that note was drawn, in pixels of the graph container (for tests), or null. */
  outlineNoteBox: AreaBox | null = null;

  /**
   * The clusters near a border to outline in a frame of this size, given where each entity is drawn (null: not
   * drawn): their boxes and labels, capped (core/outlines.ts), with the note of those left out.
   */
  borderOutlines(position: (index: number) => { x: number; y: number } | null, width: number, height: number): { shown: { box: Box; label: string; id: number }[]; note: string | null } {
    const candidates: OutlineCandidate[] = [];
    const labels = new Map<number, string>();
    for (const cluster of this.model.report.clusters) {
      if (!cluster.borderProximate) continue;
      const points = cluster.members.map((m) => {
        const node = this.model.byId.get(m);
        return node === undefined ? null : position(node.index);
      });
      const box = outlineBox(points);
      if (box === null) continue;
      candidates.push({ id: cluster.id, box, size: points.filter((p) => p !== null).length, flaggedMembers: cluster.flaggedMembers ?? 0 });
      labels.set(cluster.id, `Cluster ${cluster.id}, ${shortProximity(cluster, this.model.report.parameters.radiusKm)}`);
    }
    const capped = capOutlines(candidates, { width, height });
    return { shown: capped.shown.map((c) => ({ box: c.box, id: c.id, label: labels.get(c.id)! })), note: outlinesNote(capped) };
  }

  /** A PNG of the current view: the graph with the map and labels drawn around it. */
  async toPng(): Promise<Blob> {
    const { width, height } = this.renderer.getDimensions();
    const graphImage = await toBlob(this.renderer as unknown as Sigma, { format: 'png', backgroundColor: 'transparent' });
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    ctx.drawImage(this.background, 0, 0, width, height);
    const img = await createImageBitmap(graphImage);
    ctx.drawImage(img, 0, 0, width, height);
    ctx.drawImage(this.overlay, 0, 0, width, height);
    return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('no image'))), 'image/png'));
  }

  kill(): void {
    this.killed = true;
    this.lineMode.cpu?.kill();
    this.stopLayout();
    this.fa2?.kill();
    // Listeners of the camera outlive the renderer (an animation still in flight emits "updated" after kill): a view
    // replaced by another must not draw on its detached container.
    this.renderer.getCamera().removeAllListeners();
    this.layer.kill();
    this.renderer.kill();
  }
}
