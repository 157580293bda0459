import type { Visibility } from '../core/filters';
import type { ViewModel } from '../core/model';
import { inBox, inLasso } from '../core/workspace';
import { el } from './dom';
import type { GraphView } from './graph-view';

export interface GraphInteractions {
  /** True once after a drag or a box: the click that ends it must not select or let go. */
  consumeClick(): boolean;
  /** Box selection on every drag of the background (not only with Shift). */
  setBoxMode(on: boolean): void;
  boxMode(): boolean;
  /** Lasso selection on every drag of the background: a freehand outline selects what it holds. */
  setLassoMode(on: boolean): void;
  lassoMode(): boolean;
  /** Where an entity was before it was first dragged in this layout (to put it back on undo). */
  origin(id: string, layout: string): { x: number; y: number } | undefined;
  /** Pins an entity where it is now (the keyboard's way to pin), or moves it by a step and pins it. */
  nudge(id: string, dx: number, dy: number): void;
}

export interface InteractionHandlers {
  visible(): Visibility;
  /** An entity was dragged to a place (graph coordinates) and stays there. */
  pinned(id: string, x: number, y: number): void;
  /** A box or a lasso was drawn: the entities inside, and whether to add them to the selection. */
  boxed(ids: string[], mode: 'replace' | 'add' | 'remove'): void;
  /** Entities pinned in the layout shown (marked on the graph). */
  pins(): string[];
}

/**
 * Dragging an entity moves it (never the camera) and pins it where it is dropped; Shift + drag on the background
 * (or any drag, in box mode) draws a box that selects what it holds; in lasso mode, a drag on the background draws a
 * freehand outline that selects what it holds (with either, Ctrl also: add to the selection; Alt: take away).
 * Sigma's own camera drag is prevented while any of them goes on.
 */
export function attachInteractions(view: GraphView, model: ViewModel, handlers: InteractionHandlers): GraphInteractions {
  const renderer = view.renderer;
  const graph = view.graph;
  const container = renderer.getContainer();
  let dragged: string | null = null;
  let moved = false;
  let resumeLayout = false;
  let suppress = false;
  let boxMode = false;
  let lassoMode = false;
  let box: { x0: number; y0: number; x1: number; y1: number; mode: 'replace' | 'add' | 'remove' } | null = null;
  let lasso: { points: { x: number; y: number }[]; mode: 'replace' | 'add' | 'remove' } | null = null;
  const origins = new Map<string, { x: number; y: number }>();
  const rect = el('div', { className: 'box-select', hidden: true, 'aria-hidden': 'true' });
  container.appendChild(rect);
  // The lasso's outline as it is drawn: an SVG polygon over the graph (closed from the last point to the first).
  const SVG = 'http://www.w3.org/2000/svg';
  const lassoLayer = document.createElementNS(SVG, 'svg');
  lassoLayer.setAttribute('class', 'lasso-select');
  lassoLayer.setAttribute('aria-hidden', 'true');
  lassoLayer.style.display = 'none';
  const lassoShape = document.createElementNS(SVG, 'polygon');
  lassoLayer.appendChild(lassoShape);
  container.appendChild(lassoLayer);
  /** Where every entity is drawn now, in pixels of the graph's container, by entity index. */
  const screenPositions = () =>
    model.nodes.map((n) => {
      const a = graph.getNodeAttributes(`n${n.index}`);
      return renderer.graphToViewport({ x: a.x, y: a.y });
    });

  // A pin mark beside each pinned entity, on a canvas of its own over the graph.
  const marks = el('canvas', { className: 'layer-pins', 'aria-hidden': 'true' });
  container.appendChild(marks);
  renderer.on('afterRender', () => {
    const { width, height } = renderer.getDimensions();
    const ratio = window.devicePixelRatio || 1;
    if (marks.width !== Math.round(width * ratio) || marks.height !== Math.round(height * ratio)) {
      marks.width = Math.round(width * ratio);
      marks.height = Math.round(height * ratio);
      marks.style.width = `${width}px`;
      marks.style.height = `${height}px`;
    }
    const ctx = marks.getContext('2d')!;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    const visible = handlers.visible();
    for (const id of handlers.pins()) {
      const node = model.byId.get(id);
      if (!node || !visible.nodes[node.index]) continue;
      const display = renderer.getNodeDisplayData(`n${node.index}`);
      if (!display) continue;
      const p = renderer.framedGraphToViewport(display);
      const r = renderer.scaleSize(display.size);
      // A drawing pin: a short needle and a round head, up and to the left of the node.
      const [hx, hy] = [p.x - r - 4, p.y - r - 4];
      ctx.strokeStyle = '#333333';
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      ctx.moveTo(hx, hy);
      ctx.lineTo(p.x - r * 0.5, p.y - r * 0.5);
      ctx.stroke();
      ctx.fillStyle = '#c00000';
      ctx.beginPath();
      ctx.arc(hx, hy, 3.5, 0, Math.PI * 2);
      ctx.fill();
      ctx.stroke();
    }
  });

  const remember = (key: string) => {
    const slot = `${view.layout}\u0000${key}`;
    if (!origins.has(slot)) {
      const a = graph.getNodeAttributes(key);
      origins.set(slot, { x: a.x, y: a.y });
    }
  };

  /** A box or lasso starts where the mouse went down (on the stage or on an entity: a box may start on one). */
  const startSelection = (e: { event: { x: number; y: number; original: MouseEvent | TouchEvent }; preventSigmaDefault(): void }): boolean => {
    const original = e.event.original as MouseEvent;
    if (!original.shiftKey && !boxMode && !lassoMode) return false;
    const mode = original.altKey ? 'remove' : original.ctrlKey || original.metaKey ? 'add' : 'replace';
    if (lassoMode && !original.shiftKey) lasso = { points: [{ x: e.event.x, y: e.event.y }], mode };
    else box = { x0: e.event.x, y0: e.event.y, x1: e.event.x, y1: e.event.y, mode };
    e.preventSigmaDefault();
    return true;
  };

  renderer.on('downNode', (e) => {
    const original = e.event.original as MouseEvent;
    if (startSelection(e)) return;
    if ('button' in original && original.button !== 0) return;
    dragged = e.node;
    moved = false;
    if (view.isLayoutRunning()) {
      view.stopLayout();
      resumeLayout = true;
    }
    remember(dragged);
    // Keep the graph's frame still while a node moves beyond it (else the whole view would shift).
    if (!renderer.getCustomBBox()) renderer.setCustomBBox(renderer.getBBox());
  });

  renderer.on('downStage', (e) => void startSelection(e));

  renderer.on('moveBody', ({ event }) => {
    if (dragged !== null) {
      const p = renderer.viewportToGraph(event);
      graph.mergeNodeAttributes(dragged, { x: p.x, y: p.y, fixed: true });
      moved = true;
    } else if (box !== null) {
      box.x1 = event.x;
      box.y1 = event.y;
      rect.hidden = false;
      rect.style.left = `${Math.min(box.x0, box.x1)}px`;
      rect.style.top = `${Math.min(box.y0, box.y1)}px`;
      rect.style.width = `${Math.abs(box.x1 - box.x0)}px`;
      rect.style.height = `${Math.abs(box.y1 - box.y0)}px`;
    } else if (lasso !== null) {
      const last = lasso.points[lasso.points.length - 1];
      // A point every few pixels: enough for the outline, few for the test of each entity.
      if (Math.hypot(event.x - last.x, event.y - last.y) >= 3) {
        lasso.points.push({ x: event.x, y: event.y });
        lassoShape.setAttribute('points', lasso.points.map((p) => `${p.x},${p.y}`).join(' '));
        lassoLayer.style.display = '';
      }
    } else return;
    event.preventSigmaDefault();
    event.original.preventDefault();
    event.original.stopPropagation();
  });

  const up = () => {
    if (dragged !== null) {
      const key = dragged;
      dragged = null;
      if (moved) {
        suppress = true;
        const a = graph.getNodeAttributes(key);
        handlers.pinned(view.idOf(key), a.x, a.y);
      }
      if (resumeLayout) view.startLayout();
      resumeLayout = false;
    }
    if (box !== null) {
      const b = box;
      box = null;
      rect.hidden = true;
      if (Math.abs(b.x1 - b.x0) > 3 || Math.abs(b.y1 - b.y0) > 3) {
        suppress = true;
        handlers.boxed(inBox(model, screenPositions(), handlers.visible().nodes, b), b.mode);
      }
    }
    if (lasso !== null) {
      const l = lasso;
      lasso = null;
      lassoLayer.style.display = 'none';
      lassoShape.setAttribute('points', '');
      const xs = l.points.map((p) => p.x);
      const ys = l.points.map((p) => p.y);
      if (l.points.length >= 3 && (Math.max(...xs) - Math.min(...xs) > 3 || Math.max(...ys) - Math.min(...ys) > 3)) {
        suppress = true;
        handlers.boxed(inLasso(model, screenPositions(), handlers.visible().nodes, l.points), l.mode);
      }
    }
  };
  renderer.on('upNode', up);
  renderer.on('upStage', up);
  // A mouse released outside the graph ends a drag too.
  window.addEventListener('mouseup', () => (dragged !== null || box !== null || lasso !== null) && up());

  return {
    consumeClick() {
      const was = suppress;
      suppress = false;
      return was;
    },
    setBoxMode(on) {
      boxMode = on;
      if (on) lassoMode = false;
      container.classList.toggle('boxing', boxMode || lassoMode);
    },
    boxMode: () => boxMode,
    setLassoMode(on) {
      lassoMode = on;
      if (on) boxMode = false;
      container.classList.toggle('boxing', boxMode || lassoMode);
    },
    lassoMode: () => lassoMode,
    origin: (id, layout) => origins.get(`${layout}\u0000${view.keyOf(id)}`),
    nudge(id, dx, dy) {
      const key = view.keyOf(id);
      remember(key);
      const a = graph.getNodeAttributes(key);
      // A step of 3 % of what the screen shows.
      const { width, height } = renderer.getDimensions();
      const here = renderer.graphToViewport({ x: a.x, y: a.y });
      const there = renderer.viewportToGraph({ x: here.x + dx * width * 0.03, y: here.y + dy * height * 0.03 });
      if (!renderer.getCustomBBox()) renderer.setCustomBBox(renderer.getBBox());
      graph.mergeNodeAttributes(key, { x: there.x, y: there.y, fixed: true });
      handlers.pinned(id, there.x, there.y);
    },
  };
}
