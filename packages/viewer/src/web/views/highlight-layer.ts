import type { MultiDirectedGraph } from 'graphology';
import Sigma from 'sigma';
import type { Settings } from 'sigma/settings';

/**
 * The base renderer's settings the highlight layer draws with too (sizes, labels, framing). Not its label grid's cell
 * size: the layer holds few nodes, and is given its own (graph-view).
 */
const MIRRORED = ['zoomToSizeRatioFunction', 'itemSizesReference', 'labelRenderedSizeThreshold', 'labelDensity', 'labelFont', 'labelSize', 'labelWeight', 'autoRescale', 'stagePadding'] as const;

/**
 * A second, small Sigma renderer over the base network, drawing only what a selection, a selection of several or a
 * path brings forward, while the base network is dimmed as a whole (its WebGL canvases made translucent by the
 * compositor). Selecting then costs what the highlighted part costs: the base network keeps its buffers and is not
 * drawn again. The layer follows the base renderer: its camera, its framing (`setCustomBBox` with the base's box, so
 * that both normalise positions alike), the settings that size and label nodes, and the positions of the nodes it
 * holds (a drag, a pin, the running layout, the map's rings). It takes no pointer events: the base renderer picks,
 * hovers and drags as before.
 */
export class HighlightLayer {
  /** The layer's element: over the base network's nodes, under its labels, hovers and mouse layer. */
  readonly box: HTMLDivElement;
  private sigma: Sigma | null = null;
  private shown = false;
  private moved = false;
  private framedBy: unknown = null;
  /** A graph given to `show`, drawn with the next frame. */
  private pending: MultiDirectedGraph | null = null;

  constructor(
    private readonly base: Sigma,
    private readonly baseGraph: MultiDirectedGraph,
    private readonly options: Partial<Settings>,
    /** Called before each frame of the layer (its labels' bookkeeping). */
    private readonly beforeRender: () => void = () => undefined,
    /** Called after each frame of the layer (its labels that wait for the others: MapLabels.flush). */
    private readonly afterRender: () => void = () => undefined,
  ) {
    this.box = document.createElement('div');
    this.box.className = 'layer-highlight';
    this.box.style.cssText = 'position:absolute;inset:0;pointer-events:none;';
    // Inside the base container, between the base's node canvas and its label canvas.
    const canvases = base.getCanvases();
    base.getContainer().insertBefore(this.box, canvases.labels ?? null);
    baseGraph.on('nodeAttributesUpdated', this.onMove);
    baseGraph.on('eachNodeAttributesUpdated', this.onMove);
    // Drawn with the base, after it: the same camera, the same frame.
    base.on('afterRender', () => this.draw());
  }

  /** Whether the layer draws anything now. */
  isShown(): boolean {
    return this.shown;
  }

  /**
   * Draws `graph` (nodes keyed as in the base graph, attributes as they are to look) over the base network: now, or,
   * with `withBase`, in the base renderer's next frame (one frame of the layer, not one now and one then; `flush` draws
   * it when the base does not draw).
   */
  show(graph: MultiDirectedGraph, withBase = false): void {
    this.pending = graph;
    this.shown = true;
    this.box.hidden = false;
    if (!withBase) this.draw();
  }

  /** Draws a graph given to `show` and not drawn yet. */
  flush(): void {
    if (this.pending !== null) this.draw();
  }

  /** Draws nothing over the base network. */
  hide(): void {
    this.pending = null;
    if (!this.shown) return;
    this.shown = false;
    this.box.hidden = true;
  }

  /** How the layer draws a node (its display data), or undefined when it does not draw it. */
  nodeDisplay(key: string): ReturnType<Sigma['getNodeDisplayData']> {
    return this.shown && this.sigma !== null ? this.sigma.getNodeDisplayData(key) : undefined;
  }

  /** How the layer draws an edge (its display data), or undefined when it does not draw it. */
  edgeDisplay(key: string): ReturnType<Sigma['getEdgeDisplayData']> {
    return this.shown && this.sigma !== null ? this.sigma.getEdgeDisplayData(key) : undefined;
  }

  /**
   * The boxes of the nodes the layer draws, in pixels of the screen (its labels keep clear of them); none when it draws
   * more than `limit` (a selection of thousands: each label would be checked against each node).
   */
  nodeBoxes(limit: number): [number, number, number, number][] {
    const front = this.sigma;
    if (!this.shown || front === null || front.getGraph().order > limit) return [];
    const out: [number, number, number, number][] = [];
    front.getGraph().forEachNode((key) => {
      const d = front.getNodeDisplayData(key);
      if (!d || d.hidden) return;
      const v = front.framedGraphToViewport(d);
      const r = front.scaleSize(d.size) + 1;
      out.push([v.x - r, v.y - r, v.x + r, v.y + r]);
    });
    return out;
  }

  /** Follows the base renderer and draws. */
  private draw(): void {
    if (!this.shown) return;
    const pending = this.pending;
    this.pending = null;
    if (this.sigma === null) {
      if (pending === null) return;
      this.sigma = new Sigma(pending, this.box, { ...this.options, allowInvalidContainer: true, hideEdgesOnMove: false, enableEdgeEvents: false, zIndex: true });
      this.sigma.on('beforeRender', this.beforeRender);
      this.sigma.on('afterRender', this.afterRender);
      this.framedBy = null;
    }
    const front = this.sigma;
    let refresh = false;
    for (const name of MIRRORED) {
      const value = this.base.getSetting(name);
      if (front.getSetting(name) !== value) {
        front.setSetting(name, value as never);
        refresh = true;
      }
    }
    // The base's framing (its custom box, or the extent of the whole base graph, hidden nodes too).
    const box = this.base.getCustomBBox() ?? this.base.getBBox();
    if (box !== this.framedBy) {
      front.setCustomBBox(box);
      this.framedBy = box;
      refresh = true;
    }
    front.getCamera().setState(this.base.getCamera().getState());
    if (pending !== null && pending !== front.getGraph()) {
      // A new graph, made from the base's positions as they are: one indexation and frame (Sigma's setGraph).
      this.moved = false;
      front.setGraph(pending);
      return;
    }
    if (this.moved) {
      this.moved = false;
      (front.getGraph() as MultiDirectedGraph).updateEachNodeAttributes(
        (key, attrs) => {
          const at = this.baseGraph.getNodeAttributes(key);
          attrs.x = at.x as number;
          attrs.y = at.y as number;
          return attrs;
        },
        { attributes: ['x', 'y'] },
      );
      refresh = true;
    }
    if (refresh || pending !== null) front.refresh();
    // A repaint: nothing of the layer changed but the camera.
    else front.refresh({ partialGraph: { nodes: [], edges: [] }, skipIndexation: true });
  }

  private readonly onMove = (): void => {
    this.moved = true;
  };

  kill(): void {
    this.baseGraph.removeListener('nodeAttributesUpdated', this.onMove);
    this.baseGraph.removeListener('eachNodeAttributesUpdated', this.onMove);
    this.sigma?.kill();
    this.sigma = null;
    this.box.remove();
  }
}
