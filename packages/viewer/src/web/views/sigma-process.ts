import { Camera } from 'sigma';
import type Sigma from 'sigma';
import { createNormalizationFunction, graphExtent, matrixFromCamera } from 'sigma/utils';
import { byZIndex } from '../core/redraw';

/**
 * Sigma's indexation (`process`, run on every refresh that is not a repaint in place), made to cost what is drawn.
 *
 * Sigma 3.0.3 gives every node and edge of the graph to a program, numbers each for picking (an object per item),
 * looks up each edge's ends in the graph (an array per edge) and orders them all by zIndex with a comparison sort, hidden
 * or not: on 20,000 entities and 100,000 ties that is most of an interaction's time even when a working view draws a
 * hundred of them. This does the same for what is drawn only: nodes and edges of the `hidden` type (graph-view's
 * reducers give it to what is not drawn, and its programs hold nothing) are positioned (the framing stays that of the
 * whole graph) but neither numbered, labelled nor handed to a program; edge ends come from `ends` (node keys by the edge's `index` attribute); the zIndex order is
 * a stable bucket sort (the same order as Sigma's stable sort). Everything else is Sigma's own code, in its order.
 *
 * It replaces the instance's private methods, so it is tied to the Sigma version this package pins (3.0.3).
 */
export function leanProcess(renderer: Sigma, hiddenType: string, ends: { source: readonly string[]; target: readonly string[] }): void {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const s = renderer as any;
  // Items left out of the programs have the position -1. Sigma repaints some in place (skipIndexation: the map's
  // rings, for one): one of them now to be drawn asks for a full indexation at the render that follows instead.
  const notIndexed = (data: { type: string; hidden?: boolean }) => {
    if (data.type !== hiddenType && !data.hidden) s.needToProcess = true;
  };
  s.addNodeToProgram = function addNodeToProgram(node: string, fingerprint: number, position: number): void {
    const data = s.nodeDataCache[node];
    if (position < 0) return notIndexed(data);
    const program = s.nodePrograms[data.type];
    if (!program) throw new Error(`Sigma: could not find a suitable program for node type "${data.type}"!`);
    program.process(fingerprint, position, data);
    s.nodeProgramIndex[node] = position;
  };
  s.addEdgeToProgram = function addEdgeToProgram(edge: string, fingerprint: number, position: number): void {
    const data = s.edgeDataCache[edge];
    if (position < 0) return notIndexed(data);
    const program = s.edgePrograms[data.type];
    if (!program) throw new Error(`Sigma: could not find a suitable program for edge type "${data.type}"!`);
    program.process(fingerprint, position, s.nodeDataCache[ends.source[data.index]], s.nodeDataCache[ends.target[data.index]], data);
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
      const { x, y } = s.nodeExtent;
      s.nodeExtent = {
        x: [(x[0] + x[1]) / 2 - width / 2, (x[0] + x[1]) / 2 + width / 2],
        y: [(y[0] + y[1]) / 2 - height / 2, (y[0] + y[1]) / 2 + height / 2],
      };
    }
    s.normalizationFunction = createNormalizationFunction(s.customBBox || s.nodeExtent);
    s.leanFramedBy = s.customBBox || s.nodeExtent;
    const nullCamera = new Camera();
    const nullCameraMatrix = matrixFromCamera(nullCamera.getState(), dimensions, s.getGraphDimensions(), s.getStagePadding());
    s.labelGrid.resizeAndClear(dimensions, settings.labelGridCellSize);
    const nodesPerPrograms: Record<string, number> = {};
    const nodeIndices: Record<string, number> = {};
    const edgeIndices: Record<string, number> = {};
    const itemIDsIndex: Record<number, { type: 'node' | 'edge'; id: string }> = {};
    let incrID = 1;
    const drawnNodes: string[] = [];
    graph.forEachNode((node: string, attrs: { x: number; y: number }) => {
      const data = s.nodeDataCache[node];
      data.x = attrs.x;
      data.y = attrs.y;
      s.normalizationFunction.applyTo(data);
      if (data.type === hiddenType || data.hidden) {
        s.nodeProgramIndex[node] = -1;
        return;
      }
      if (typeof data.label === 'string') s.labelGrid.add(node, data.size, s.framedGraphToViewport(data, { matrix: nullCameraMatrix }));
      nodesPerPrograms[data.type] = (nodesPerPrograms[data.type] || 0) + 1;
      drawnNodes.push(node);
    });
    s.labelGrid.organize();
    for (const type in s.nodePrograms) {
      if (!Object.prototype.hasOwnProperty.call(s.nodePrograms, type)) continue;
      s.nodePrograms[type].reallocate(nodesPerPrograms[type] || 0);
      nodesPerPrograms[type] = 0;
    }
    const nodes = settings.zIndex ? byZIndex(drawnNodes, (n) => s.nodeDataCache[n].zIndex) : drawnNodes;
    for (const node of nodes) {
      nodeIndices[node] = incrID;
      itemIDsIndex[incrID] = { type: 'node', id: node };
      s.addNodeToProgram(node, incrID, nodesPerPrograms[s.nodeDataCache[node].type]++);
      incrID++;
    }

    // Edges: only those drawn (an edge at a hidden node is not drawn either).
    const edgesPerPrograms: Record<string, number> = {};
    const drawnEdges: string[] = [];
    for (const edge of graph.edges() as string[]) {
      const data = s.edgeDataCache[edge];
      if (data.type === hiddenType || data.hidden || s.nodeDataCache[ends.source[data.index]].hidden || s.nodeDataCache[ends.target[data.index]].hidden) {
        s.edgeProgramIndex[edge] = -1;
        continue;
      }
      edgesPerPrograms[data.type] = (edgesPerPrograms[data.type] || 0) + 1;
      drawnEdges.push(edge);
    }
    const edges = settings.zIndex ? byZIndex(drawnEdges, (e) => s.edgeDataCache[e].zIndex) : drawnEdges;
    for (const type in s.edgePrograms) {
      if (!Object.prototype.hasOwnProperty.call(s.edgePrograms, type)) continue;
      s.edgePrograms[type].reallocate(edgesPerPrograms[type] || 0);
      edgesPerPrograms[type] = 0;
    }
    for (const edge of edges) {
      edgeIndices[edge] = incrID;
      itemIDsIndex[incrID] = { type: 'edge', id: edge };
      s.addEdgeToProgram(edge, incrID, edgesPerPrograms[s.edgeDataCache[edge].type]++);
      incrID++;
    }
    s.itemIDsIndex = itemIDsIndex;
    s.nodeIndices = nodeIndices;
    s.edgeIndices = edgeIndices;
    s.emit('afterProcess');
    return renderer;
  };
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
