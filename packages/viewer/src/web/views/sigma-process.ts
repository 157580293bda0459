import { Camera } from 'sigma';
import type Sigma from 'sigma';
import { EdgeArrowHeadProgram, EdgeClampedProgram, EdgeLineProgram } from 'sigma/rendering';
import { createNormalizationFunction, floatColor, graphExtent, indexToColor, matrixFromCamera } from 'sigma/utils';
import { byZIndex } from '../core/redraw';
import { spreadVertices, vertexLayout } from './vertex-layout';

/** Where the lean indexation finds each node and edge by its `index` attribute (see `leanProcess`). */
export interface LeanIndex {
  /** The graph's node key of each node index, and edge key of each edge index. */
  nodeKeys: readonly string[];
  edgeKeys: readonly string[];
  /** Each edge's ends, as node indices. */
  source: Int32Array;
  target: Int32Array;
}

/** Sigma's display data of every node and edge, by index (the objects Sigma holds, kept in step with it). */
export interface LeanData {
  nodes: LeanNodeData[];
  edges: LeanEdgeData[];
  /**
   * Writes the edges of one type, as the last indexation put them in their program's slots, into `program` (another
   * program of the same capacity: the lines a dimmable program draws while dimmed), hidden ones empty.
   */
  refill(type: string, program: unknown): void;
}
interface LeanNodeData {
  x: number;
  y: number;
  size: number;
  type: string;
  hidden: boolean;
  label?: string | null;
  zIndex?: number;
  index: number;
}
interface LeanEdgeData {
  size: number;
  color: string;
  type: string;
  hidden: boolean;
  zIndex?: number;
  index: number;
}

/**
 * Drawn edges of one program, for `fillEdges`: the edges by index, in slot order, with what their look is made of
 * (framed end positions and sizes by node index, each edge's thickness and colour, each item's picking id).
 */
export interface EdgeBatch {
  count: number;
  /** Edge index by slot. */
  edges: Int32Array;
  /** Each edge's data by edge index (Sigma's objects). */
  data: LeanEdgeData[];
  source: Int32Array;
  target: Int32Array;
  /** Framed positions and sizes by node index (Sigma's node display data). */
  x: Float64Array;
  y: Float64Array;
  size: Float64Array;
  /** Hidden nodes by index (1): an edge at one, or hidden itself, is written empty (an item hidden in place). */
  hidden: Uint8Array;
  /** Picking id (as Sigma's float colour) of each edge by index. */
  id: (edge: number) => number;
  /**
   * Each edge's colour (as Sigma's float colour) and thickness by edge index, read from `data` by the indexation that
   * made the batch, whose edges are then all drawn (none hidden, nor at a hidden node): `data` is not read again. A
   * batch without them (the lines filled again since, some items changed in place) reads `data` and tests each.
   */
  looks?: { color: Float64Array; size: Float64Array };
}

/** A float colour per colour string, as Sigma's programs write it (its own `floatColor`, looked up once per string). */
const colorFloats = new Map<string, number>();
function colorFloat(color: string): number {
  let f = colorFloats.get(color);
  if (f === undefined) colorFloats.set(color, (f = floatColor(color)));
  return f;
}

/**
 * Fills a program's buffer with a batch of drawn edges at once, writing what Sigma 3.0.3's own programs write for
 * each (`processVisibleItem` of EdgeLineProgram, EdgeClampedProgram, EdgeArrowHeadProgram, compounds of them, and
 * the last two drawn vertex by vertex) from typed arrays instead of one call per edge over Sigma's objects: for 100,000
 * ties a few milliseconds instead of a few hundred. Returns false, having written nothing, for any other program (the
 * caller then gives it each edge). A program may fill itself (`fillMany`, as graph-view's dimmable arrows do).
 */
export function fillEdges(program: unknown, batch: EdgeBatch): boolean {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const p = program as any;
  if (typeof p.fillMany === 'function') return p.fillMany(batch) as boolean;
  if (Array.isArray(p.programs)) {
    if (!p.programs.every(fillable)) return false;
    for (const sub of p.programs) fillEdges(sub, batch);
    return true;
  }
  if (!fillable(p)) return false;
  const { count, edges, data, source, target, x, y, size, hidden, id, looks } = batch;
  const array = p.array as Float32Array;
  const stride = p.STRIDE as number;
  // A program drawn vertex by vertex (views/per-vertex.ts): the item's attributes are written where its first vertex's
  // are, then copied to the other vertices with their constants.
  const layout = vertexLayout(p);
  if (p instanceof EdgeLineProgram) {
    for (let k = 0, i = 0; k < count; k++) {
      const e = edges[k];
      const s = source[e];
      const t = target[e];
      let color: number;
      if (looks !== undefined) color = looks.color[e];
      else {
        const d = data[e];
        if (d.hidden || hidden[s] || hidden[t]) {
          array.fill(0, i, (i += stride));
          continue;
        }
        color = colorFloat(d.color);
      }
      const edgeIndex = id(e);
      array[i++] = x[s];
      array[i++] = y[s];
      array[i++] = color;
      array[i++] = edgeIndex;
      array[i++] = x[t];
      array[i++] = y[t];
      array[i++] = color;
      array[i++] = edgeIndex;
    }
    return true;
  }
  const clamped = p instanceof EdgeClampedProgram;
  for (let k = 0, start = 0; k < count; k++, start += stride) {
    const e = edges[k];
    const s = source[e];
    const t = target[e];
    let thickness: number;
    let color: number;
    if (looks !== undefined) {
      thickness = looks.size[e] || 1;
      color = looks.color[e];
    } else {
      const d = data[e];
      if (d.hidden || hidden[s] || hidden[t]) {
        array.fill(0, start, start + stride);
        continue;
      }
      thickness = d.size || 1;
      color = colorFloat(d.color);
    }
    const radius = size[t] || 1;
    const x1 = x[s];
    const y1 = y[s];
    const x2 = x[t];
    const y2 = y[t];
    const dx = x2 - x1;
    const dy = y2 - y1;
    let len = dx * dx + dy * dy;
    let n1 = 0;
    let n2 = 0;
    if (len) {
      len = 1 / Math.sqrt(len);
      n1 = -dy * len * thickness;
      n2 = dx * len * thickness;
    }
    let i = start;
    if (clamped) {
      array[i++] = x1;
      array[i++] = y1;
      array[i++] = x2;
      array[i++] = y2;
      array[i++] = n1;
      array[i++] = n2;
      array[i++] = color;
      array[i++] = id(e);
      array[i++] = radius;
    } else {
      array[i++] = x2;
      array[i++] = y2;
      array[i++] = -n1;
      array[i++] = -n2;
      array[i++] = radius;
      array[i++] = color;
      array[i++] = id(e);
    }
    if (layout !== undefined) spreadVertices(array, start, layout);
  }
  return true;
}

/** Whether `fillEdges` writes this program itself: Sigma's line, clamped and arrow-head programs as this package pins them. */
function fillable(p: unknown): boolean {
  const layout = vertexLayout(p);
  // The floats of one item's own attributes, and of the whole item (its vertices' too, drawn vertex by vertex).
  const items = layout === undefined ? (p as { STRIDE?: number }).STRIDE : layout.items;
  if (layout !== undefined && (p as { STRIDE?: number }).STRIDE !== layout.width * layout.vertices) return false;
  if (p instanceof EdgeLineProgram) return layout === undefined && items === 8;
  if (p instanceof EdgeClampedProgram) return items === 9;
  // EdgeArrowHeadProgram as exported: the head at the target.
  if (p instanceof EdgeArrowHeadProgram) return items === 7;
  return false;
}

/**
 * Sigma's indexation (`process`, run on every refresh that is not a repaint in place), made to cost what is drawn.
 *
 * Sigma 3.0.3 gives every node and edge of the graph to a program, numbers each for picking (an object per item, made
 * anew on every indexation), looks up each edge's ends in the graph (an array per edge) and orders them all by zIndex
 * with a comparison sort, hidden or not: on 20,000 entities and 100,000 ties that is most of an interaction's time even
 * when a working view draws a hundred of them. This does the same for what is drawn only: nodes and edges of the
 * `hidden` type (graph-view's reducers give it to what is not drawn, and its programs hold nothing) are positioned (the
 * framing stays that of the whole graph) but neither labelled nor handed to a program. Nodes and edges are found by
 * their `index` attribute (`LeanIndex`), their display data in arrays by index (`LeanData`, returned), and their
 * picking ids are fixed (node i is i + 1, edge j follows the nodes), so the picking tables are made once. Edges are
 * written into the programs' buffers in bulk (`fillEdges`) where the program allows it. The zIndex order, when asked
 * for, is a stable bucket sort (the same order as Sigma's stable sort). Everything else is Sigma's own code, in its
 * order.
 *
 * It replaces the instance's private methods, so it is tied to the Sigma version this package pins (3.0.3).
 */
export function leanProcess(renderer: Sigma, hiddenType: string, index: LeanIndex): LeanData {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const s = renderer as any;
  const { nodeKeys, edgeKeys, source, target } = index;
  const N = nodeKeys.length;
  const E = edgeKeys.length;
  const data: LeanData = { nodes: new Array(N), edges: new Array(E), refill: () => undefined };
  // The display data by index, kept in step with Sigma's caches: Sigma makes them in addNode / addEdge (a full
  // refresh, or an item it does not hold yet); leanUpdates refreshes them in place.
  const sigmaAddNode = s.addNode.bind(s) as (key: string) => void;
  const sigmaAddEdge = s.addEdge.bind(s) as (key: string) => void;
  s.addNode = function addNode(key: string): void {
    sigmaAddNode(key);
    const d = s.nodeDataCache[key];
    data.nodes[d.index] = d;
  };
  s.addEdge = function addEdge(key: string): void {
    sigmaAddEdge(key);
    const d = s.edgeDataCache[key];
    data.edges[d.index] = d;
  };
  // Picking ids, fixed: made once.
  const nodeIndices: Record<string, number> = Object.create(null);
  const edgeIndices: Record<string, number> = Object.create(null);
  const itemIDsIndex: Record<number, { type: 'node' | 'edge'; id: string }> = Object.create(null);
  for (let i = 0; i < N; i++) {
    nodeIndices[nodeKeys[i]] = i + 1;
    itemIDsIndex[i + 1] = { type: 'node', id: nodeKeys[i] };
  }
  for (let j = 0; j < E; j++) {
    edgeIndices[edgeKeys[j]] = N + 1 + j;
    itemIDsIndex[N + 1 + j] = { type: 'edge', id: edgeKeys[j] };
  }
  const idColors = new Float64Array(E);
  for (let j = 0; j < E; j++) idColors[j] = indexToColor(N + 1 + j);
  const edgeId = (e: number): number => idColors[e];
  // Where each item was last put (its slot; -1: not drawn; -2: never indexed). Sigma's own tables of them (read by
  // key where it repaints items in place, written where it gives an item to its program) are views over these, so that
  // an indexation writes numbers by index, not 120,000 keys into dictionaries (a tenth of its time).
  const nodeSlot = new Int32Array(N).fill(-2);
  const edgeSlot = new Int32Array(E).fill(-2);
  const nodeTable = slotTable(nodeSlot, nodeIndices, 1);
  const edgeTable = slotTable(edgeSlot, edgeIndices, N + 1);
  const x = new Float64Array(N);
  const y = new Float64Array(N);
  const size = new Float64Array(N);
  const nodeHidden = new Uint8Array(N);
  /** Each drawn edge's colour and thickness, read by the indexation's pass over the edges (`EdgeBatch.looks`). */
  const looks = { color: new Float64Array(E), size: new Float64Array(E) };
  /** The edges of each type in the programs, in slot order, as the last indexation put them. */
  const drawnByType = new Map<string, Int32Array>();
  for (let i = 0; i < N; i++) data.nodes[i] = s.nodeDataCache[nodeKeys[i]];
  for (let j = 0; j < E; j++) data.edges[j] = s.edgeDataCache[edgeKeys[j]];
  data.refill = (type, program) => {
    const edges = drawnByType.get(type);
    if (edges === undefined) return;
    // Positions as they are now (a node moved in place since the indexation), hidden as they are now (in place).
    for (let i = 0; i < N; i++) {
      const d = data.nodes[i];
      x[i] = d.x;
      y[i] = d.y;
      size[i] = d.size;
      nodeHidden[i] = d.hidden ? 1 : 0;
    }
    const batch: EdgeBatch = { count: edges.length, edges, data: data.edges, source, target, x, y, size, hidden: nodeHidden, id: edgeId };
    if (fillEdges(program, batch)) return;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const p = program as any;
    for (let slot = 0; slot < edges.length; slot++) p.process(N + 1 + edges[slot], slot, data.nodes[source[edges[slot]]], data.nodes[target[edges[slot]]], data.edges[edges[slot]]);
  };

  // Items left out of the programs have the position -1. Sigma repaints some in place (skipIndexation: the map's
  // rings, for one): one of them now to be drawn asks for a full indexation at the render that follows instead.
  const notIndexed = (d: { type: string; hidden?: boolean }) => {
    if (d.type !== hiddenType && !d.hidden) s.needToProcess = true;
  };
  s.addNodeToProgram = function addNodeToProgram(node: string, fingerprint: number, position: number): void {
    const d = s.nodeDataCache[node];
    if (position < 0) return notIndexed(d);
    const program = s.nodePrograms[d.type];
    if (!program) throw new Error(`Sigma: could not find a suitable program for node type "${d.type}"!`);
    program.process(fingerprint, position, d);
    s.nodeProgramIndex[node] = position;
  };
  s.addEdgeToProgram = function addEdgeToProgram(edge: string, fingerprint: number, position: number): void {
    const d = s.edgeDataCache[edge];
    if (position < 0) return notIndexed(d);
    const program = s.edgePrograms[d.type];
    if (!program) throw new Error(`Sigma: could not find a suitable program for edge type "${d.type}"!`);
    program.process(fingerprint, position, s.nodeDataCache[nodeKeys[source[d.index]]], s.nodeDataCache[nodeKeys[target[d.index]]], d);
    s.edgeProgramIndex[edge] = position;
  };
  s.process = function process(): Sigma {
    s.emit('beforeProcess');
    const graph = s.graph;
    const settings = s.settings;
    const dimensions = s.getDimensions();

    // Nodes: extent and normalisation over the whole graph (hiding some does not move the rest).
    s.nodeExtent = graphExtent(graph);
    if (!settings.autoRescale) {
      const { width, height } = dimensions;
      const { x: ex, y: ey } = s.nodeExtent;
      s.nodeExtent = {
        x: [(ex[0] + ex[1]) / 2 - width / 2, (ex[0] + ex[1]) / 2 + width / 2],
        y: [(ey[0] + ey[1]) / 2 - height / 2, (ey[0] + ey[1]) / 2 + height / 2],
      };
    }
    s.normalizationFunction = createNormalizationFunction(s.customBBox || s.nodeExtent);
    s.leanFramedBy = s.customBBox || s.nodeExtent;
    const nullCamera = new Camera();
    const nullCameraMatrix = matrixFromCamera(nullCamera.getState(), dimensions, s.getGraphDimensions(), s.getStagePadding());
    s.labelGrid.resizeAndClear(dimensions, settings.labelGridCellSize);
    // Sigma makes its tables anew when the graph is cleared: ours take their place again.
    if (s.nodeProgramIndex !== nodeTable) {
      nodeSlot.fill(-2);
      s.nodeProgramIndex = nodeTable;
    }
    if (s.edgeProgramIndex !== edgeTable) {
      edgeSlot.fill(-2);
      s.edgeProgramIndex = edgeTable;
    }
    const nodesPerPrograms: Record<string, number> = {};
    const drawnNodes: number[] = [];
    const normalize = s.normalizationFunction;
    graph.forEachNode((node: string, attrs: { x: number; y: number; index: number }) => {
      const i = attrs.index;
      const d = data.nodes[i];
      d.x = attrs.x;
      d.y = attrs.y;
      normalize.applyTo(d);
      x[i] = d.x;
      y[i] = d.y;
      size[i] = d.size;
      nodeHidden[i] = d.hidden ? 1 : 0;
      if (d.type === hiddenType || d.hidden) {
        nodeSlot[i] = -1;
        return;
      }
      if (typeof d.label === 'string') s.labelGrid.add(node, d.size, s.framedGraphToViewport(d, { matrix: nullCameraMatrix }));
      nodesPerPrograms[d.type] = (nodesPerPrograms[d.type] || 0) + 1;
      drawnNodes.push(i);
    });
    s.labelGrid.organize();
    for (const type in s.nodePrograms) {
      if (!Object.prototype.hasOwnProperty.call(s.nodePrograms, type)) continue;
      s.nodePrograms[type].reallocate(nodesPerPrograms[type] || 0);
      nodesPerPrograms[type] = 0;
    }
    const nodes = settings.zIndex ? byZIndex(drawnNodes, (i) => data.nodes[i].zIndex) : drawnNodes;
    for (const i of nodes) {
      const d = data.nodes[i];
      const slot = nodesPerPrograms[d.type]++;
      s.nodePrograms[d.type].process(i + 1, slot, d);
      nodeSlot[i] = slot;
    }

    // Edges: only those drawn (an edge at a hidden node is not drawn either).
    drawnByType.clear();
    const byType = new Map<string, number[]>();
    // Drawn edges by type, in index order, in one pass over their display data (read once: 100,000 objects spread
    // over the heap cost more to reach than to test). With zIndex, in its order, then by type.
    let drawnEdges: number[] | null = settings.zIndex ? [] : null;
    let lastType: string | undefined;
    let lastList: number[] = [];
    for (let e = 0; e < E; e++) {
      const d = data.edges[e];
      const type = d.type;
      if (type === hiddenType || d.hidden || nodeHidden[source[e]] || nodeHidden[target[e]]) {
        edgeSlot[e] = -1;
        continue;
      }
      looks.color[e] = colorFloat(d.color);
      looks.size[e] = d.size;
      if (drawnEdges !== null) drawnEdges.push(e);
      else {
        if (type !== lastType) {
          lastType = type;
          const list = byType.get(type);
          if (list === undefined) byType.set(type, (lastList = []));
          else lastList = list;
        }
        lastList.push(e);
      }
    }
    if (drawnEdges !== null) {
      drawnEdges = byZIndex(drawnEdges, (e) => data.edges[e].zIndex);
      for (const e of drawnEdges) {
        const type = data.edges[e].type;
        const list = byType.get(type);
        if (list) list.push(e);
        else byType.set(type, [e]);
      }
    }
    for (const type in s.edgePrograms) {
      if (!Object.prototype.hasOwnProperty.call(s.edgePrograms, type)) continue;
      const program = s.edgePrograms[type];
      const list = byType.get(type) ?? [];
      program.reallocate(list.length);
      const batch: EdgeBatch = { count: list.length, edges: Int32Array.from(list), data: data.edges, source, target, x, y, size, hidden: nodeHidden, id: edgeId, looks };
      drawnByType.set(type, batch.edges);
      const filled = list.length > 0 && fillEdges(program, batch);
      for (let slot = 0; slot < list.length; slot++) {
        const e = list[slot];
        if (!filled) program.process(N + 1 + e, slot, data.nodes[source[e]], data.nodes[target[e]], data.edges[e]);
        edgeSlot[e] = slot;
      }
      byType.delete(type);
    }
    for (const type of byType.keys()) throw new Error(`Sigma: could not find a suitable program for edge type "${type}"!`);
    s.itemIDsIndex = itemIDsIndex;
    s.nodeIndices = nodeIndices;
    s.edgeIndices = edgeIndices;
    s.emit('afterProcess');
    return renderer;
  };
  return data;
}

/**
 * A view of items' slots by index (`slots`, -2 for an item never indexed) as the table by key Sigma keeps of them
 * (`nodeProgramIndex`, `edgeProgramIndex`): a key is found by its picking id (`ids`, the first item's being `first`).
 * Reading an item never indexed gives undefined, as Sigma's table does; a key that is no item's is kept aside.
 */
function slotTable(slots: Int32Array, ids: Record<string, number>, first: number): Record<string, number> {
  const other: Record<string, number> = Object.create(null);
  const slotOf = (key: string | symbol): number => (typeof key === 'string' && ids[key] !== undefined ? ids[key] - first : -1);
  return new Proxy(other, {
    get: (_t, key) => {
      const i = slotOf(key);
      if (i < 0) return typeof key === 'string' ? other[key] : undefined;
      return slots[i] === -2 ? undefined : slots[i];
    },
    set: (_t, key, value) => {
      const i = slotOf(key);
      if (i >= 0) slots[i] = value as number;
      else if (typeof key === 'string') other[key] = value as number;
      return true;
    },
    has: (_t, key) => {
      const i = slotOf(key);
      return i >= 0 ? slots[i] !== -2 : typeof key === 'string' && key in other;
    },
    deleteProperty: (_t, key) => {
      const i = slotOf(key);
      if (i >= 0) slots[i] = -2;
      else if (typeof key === 'string') delete other[key];
      return true;
    },
  });
}

/**
 * A node moved (a drag, a pin, the map's rings placed on a zoom): Sigma 3.0.3 indexes the whole graph again for it
 * (every node and edge handed to its program, a full pass on 20,000 entities and 100,000 ties for every mouse move of
 * a drag). This repaints the node and its drawn ties in place instead, where that draws the same: the node stays in
 * its program (same type, still drawn or still hidden, same size and zIndex) and inside the box the graph is framed by
 * (otherwise the framing of every node changes, and Sigma's own indexation runs as before). The label grid keeps the
 * node's cell until the next indexation (which labels a crowded area shows, not where a label is drawn).
 *
 * It replaces the instance's listener of the graph's node updates, so it is tied to the Sigma version this package
 * pins (3.0.3), like `leanProcess` (which it needs: it reads the box `leanProcess` framed the graph with).
 */
export function leanMoves(renderer: Sigma): void {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const s = renderer as any;
  const graph = s.graph;
  const sigmas = s.activeListeners.updateNodeGraphUpdate as (payload: { key: string }) => void;
  const moved = (payload: { key: string }): void => {
    const node = payload.key;
    const before = s.nodeDataCache[node];
    const slot = s.nodeProgramIndex[node];
    const box = s.customBBox || s.nodeExtent;
    const at = graph.getNodeAttributes(node);
    const inside = box !== undefined && box === s.leanFramedBy && at.x >= box.x[0] && at.x <= box.x[1] && at.y >= box.y[0] && at.y <= box.y[1];
    if (before === undefined || slot === undefined || s.needToProcess || !inside) return sigmas(payload);
    s.updateNode(node);
    const data = s.nodeDataCache[node];
    if (data.type !== before.type || !data.hidden !== !before.hidden || data.zIndex !== before.zIndex || data.size !== before.size) {
      s.needToProcess = true;
      s.scheduleRender();
      return;
    }
    if (slot < 0) return; // not drawn (nor its ties): its position is read again when it is
    s.addNodeToProgram(node, s.nodeIndices[node], slot);
    graph.forEachEdge(node, (edge: string) => {
      const at = s.edgeProgramIndex[edge];
      if (at !== undefined && at >= 0) s.addEdgeToProgram(edge, s.edgeIndices[edge], at);
    });
    s.scheduleRender();
  };
  graph.removeListener('nodeAttributesUpdated', sigmas);
  s.activeListeners.updateNodeGraphUpdate = moved;
  graph.on('nodeAttributesUpdated', moved);
}

/**
 * Sigma 3.0.3 gives a node or an edge whose look changed a new object (a copy of its attributes, the reducer, the
 * defaults) on every refresh: on a change of what is drawn from a working view to the whole network, 120,000 of them.
 * This refreshes the one it already holds in place: the graph's attributes copied back over it (positions raw, then
 * framed), Sigma's defaults for what the reducers set (not hidden, not highlighted, no forced label, zIndex 0), and
 * the reducer, which must change the object it is given and return it (graph-view's do). A node or an edge Sigma does
 * not hold yet goes through Sigma's own code. The graph's attributes are never removed, only changed (graph-view),
 * so nothing stale stays on the object.
 *
 * It replaces the instance's private methods, so it is tied to the Sigma version this package pins (3.0.3).
 */
export function leanUpdates(renderer: Sigma): void {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const s = renderer as any;
  const sigmaAddNode = s.addNode.bind(s) as (key: string) => void;
  const sigmaAddEdge = s.addEdge.bind(s) as (key: string) => void;
  s.updateNode = function updateNode(key: string): void {
    let data = s.nodeDataCache[key];
    if (data === undefined) sigmaAddNode(key);
    else {
      Object.assign(data, s.graph.getNodeAttributes(key));
      data.hidden = false;
      data.highlighted = false;
      data.forceLabel = false;
      data.zIndex = 0;
      const reducer = s.settings.nodeReducer;
      if (reducer) data = s.nodeDataCache[key] = reducer(key, data);
      s.nodesWithForcedLabels.delete(key);
      if (data.forceLabel && !data.hidden) s.nodesWithForcedLabels.add(key);
      s.highlightedNodes.delete(key);
      if (data.highlighted && !data.hidden) s.highlightedNodes.add(key);
    }
    s.normalizationFunction.applyTo(s.nodeDataCache[key]);
  };
  s.updateEdge = function updateEdge(key: string): void {
    let data = s.edgeDataCache[key];
    if (data === undefined) return sigmaAddEdge(key);
    Object.assign(data, s.graph.getEdgeAttributes(key));
    data.hidden = false;
    data.forceLabel = false;
    data.zIndex = 0;
    const reducer = s.settings.edgeReducer;
    if (reducer) data = s.edgeDataCache[key] = reducer(key, data);
    s.edgesWithForcedLabels.delete(key);
    if (data.forceLabel && !data.hidden) s.edgesWithForcedLabels.add(key);
  };
}
