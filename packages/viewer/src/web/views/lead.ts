import type { PathResult } from '@chokepoint/report/paths';
import { tieWords, waypointWords } from '@chokepoint/report/paths';
import type { ViewModel } from '../core/model';
import { plural } from '../core/format';
import { EDGE_STYLE } from '../core/style';
import { collapse, expand, hide, keepOnly, MAX_HOPS, pin, release, setFocusMode, setPathEnd, showWholeNetwork, startFrom, swapPathEnds, unhide, type NeighbourCount, type Workspace } from '../core/workspace';
import { append, clear, el, int } from './dom';

/** What the working-view controls can ask of the app. Every change of the workspace is one undoable step. */
export interface LeadActions {
  change(step: (w: Workspace) => Workspace, fit?: boolean): void;
  select(id: string | null): void;
  mark(ids: string[], mode: 'replace' | 'add' | 'remove'): void;
  undo(): void;
  redo(): void;
  fit(): void;
  toggleBoxMode(): void;
  toggleLassoMode(): void;
  toggleTables(): void;
  setPathMax(max: number): void;
  /** In a piece of a large report: opens a cluster whose members are not all in it (undefined for a whole report). */
  openCluster?: (cluster: number) => void;
}

export interface LeadContext {
  model: ViewModel;
  work: Workspace;
  layout: 'force' | 'geo';
  /** Entities drawn now. */
  drawn: number;
  canUndo: boolean;
  canRedo: boolean;
  marked: string[];
  boxMode: boolean;
  lassoMode: boolean;
  tablesOpen: boolean;
  path: PathResult | null;
  pathMax: number;
}

const nameOf = (model: ViewModel, id: string) => model.byId.get(id)?.name ?? id;

function button(text: string, onclick: () => void, props: Record<string, string | boolean | undefined> = {}): HTMLButtonElement {
  return el('button', { type: 'button', text, onclick, ...props });
}

/**
 * The bar over the graph: undo and redo, what the working view holds, back to the whole network, hidden and pinned
 * entities, the focus mode, zoom to fit, box and lasso selection, the tables; and, when several entities are selected, what
 * to do with them.
 */
export function renderWorkBar(bar: HTMLElement, ctx: LeadContext, actions: LeadActions): void {
  clear(bar);
  const { work, model } = ctx;
  const pinnedHere = work.pinned.filter((p) => p.layout === ctx.layout).length;
  const main = el(
    'div',
    { className: 'work-row', role: 'toolbar', 'aria-label': 'Working view' },
    button('↶ Undo', actions.undo, { id: 'undo', disabled: !ctx.canUndo, 'aria-keyshortcuts': 'Control+Z', title: 'Undo (Ctrl+Z)' }),
    button('↷ Redo', actions.redo, { id: 'redo', disabled: !ctx.canRedo, 'aria-keyshortcuts': 'Control+Shift+Z', title: 'Redo (Ctrl+Shift+Z)' }),
    el('span', {
      id: 'work-status',
      className: 'work-status',
      text: work.seeds === null ? 'Whole network' : `Working view: ${plural(ctx.drawn, 'entity', 'entities')} from ${plural(work.seeds.length, 'start', 'starts')}${work.expansions.length > 0 ? `, ${plural(work.expansions.length, 'expansion', 'expansions')}` : ''}`,
    }),
    work.seeds !== null ? button('Whole network', () => actions.change(showWholeNetwork, true), { id: 'whole-network' }) : null,
    work.hidden.length > 0 ? button(`Unhide all (${int(work.hidden.length)})`, () => actions.change((w) => unhide(w, null)), { id: 'unhide-all' }) : null,
    pinnedHere > 0 ? button(`Release pins (${int(pinnedHere)})`, () => actions.change((w) => release(w, null, ctx.layout)), { id: 'release-all' }) : null,
    button(work.focus === 'hide' ? 'Focus: hide the rest' : 'Focus: dim the rest', () => actions.change((w) => setFocusMode(w, w.focus === 'hide' ? 'dim' : 'hide'), true), {
      id: 'focus-mode',
      'aria-pressed': String(work.focus === 'hide'),
      title: 'What a selection does to everything else: dim it, or hide it',
    }),
    button('Zoom to fit', actions.fit, { id: 'zoom-fit', title: 'Show everything drawn (F)', 'aria-keyshortcuts': 'F' }),
    button('Box select', actions.toggleBoxMode, { id: 'box-mode', 'aria-pressed': String(ctx.boxMode), 'aria-keyshortcuts': 'B', title: 'Drag on the background to select what a box holds (B; or hold Shift and drag)' }),
    button('Lasso select', actions.toggleLassoMode, {
      id: 'lasso-mode',
      'aria-pressed': String(ctx.lassoMode),
      'aria-keyshortcuts': 'L',
      'aria-label': 'Lasso select: drag on the background to draw around the entities to select',
      title: 'Draw around entities on the background to select them (L)',
    }),
    button('Tables', actions.toggleTables, { id: 'tables-toggle', 'aria-pressed': String(ctx.tablesOpen), 'aria-controls': 'tables' }),
  );
  append(bar, main);
  if (ctx.marked.length > 0) {
    const ids = ctx.marked;
    append(
      bar,
      el(
        'div',
        { className: 'work-row selection-row', role: 'toolbar', 'aria-label': 'Selected entities' },
        el('strong', { id: 'marked-count', text: `${plural(ids.length, 'entity', 'entities')} selected` }),
        button('Hide', () => actions.change((w) => hide(w, ids)), { id: 'marked-hide' }),
        button('Keep only these', () => actions.change((w) => keepOnly(w, ids), true), { id: 'marked-keep' }),
        button('Expand all', () => actions.change((w) => expand(w, ids, null, 1), true), { id: 'marked-expand' }),
        button('Pin', () => actions.change((w) => pinWhereDrawn(w, ids, ctx)), { id: 'marked-pin', title: 'Pin where they are drawn now' }),
        button('Release', () => actions.change((w) => release(w, ids, ctx.layout)), { id: 'marked-release' }),
        button('Clear selection', () => actions.mark([], 'replace'), { id: 'marked-clear', 'aria-keyshortcuts': 'Escape' }),
      ),
    );
  }
  void model;
}

/** Positions are the view's: the app fills them in (see `LeadContext`); here the pins are made at the drawn place. */
let drawnPosition: (id: string) => { x: number; y: number } | null = () => null;
export function setPositionSource(f: (id: string) => { x: number; y: number } | null): void {
  drawnPosition = f;
}
function pinWhereDrawn(w: Workspace, ids: string[], ctx: LeadContext): Workspace {
  let out = w;
  for (const id of ids) {
    const p = drawnPosition(id);
    if (p) out = pin(out, id, p.x, p.y, ctx.layout);
  }
  return out;
}

/**
 * "Follow this lead", for the selected entity: its neighbours by tie kind with how many are drawn, expanding by a kind,
 * by all, or N hops at once, collapsing, hiding, pinning, and the path search's ends.
 */
export function renderLeadSection(host: HTMLElement, id: string, counts: NeighbourCount[], total: { neighbours: number; shown: number }, ctx: LeadContext, actions: LeadActions): void {
  clear(host);
  const { work } = ctx;
  const expanded = work.expansions.filter((e) => e.id === id);
  const hidden = work.hidden.includes(id);
  const pinned = work.pinned.some((p) => p.id === id && p.layout === ctx.layout);
  const hops = el('select', { id: 'expand-hops', 'aria-label': 'Ties away' });
  for (let h = 1; h <= MAX_HOPS; h++) append(hops, el('option', { value: String(h), text: h === 1 ? '1 tie away' : `${h} ties away` }));
  const kindButtons = counts.map((c) =>
    el(
      'li',
      {},
      button(`${EDGE_STYLE[c.kind].label}: ${int(c.neighbours)}${c.shown < c.neighbours ? ` (${int(c.neighbours - c.shown)} not drawn)` : ''}`, () => actions.change((w) => expand(w, [id], [c.kind], Number(hops.value)), true), {
        className: 'expand-kind',
        'data-kind': c.kind,
        'aria-label': `Expand ${EDGE_STYLE[c.kind].label.toLowerCase()}: ${c.neighbours} neighbours, ${c.neighbours - c.shown} not drawn`,
      }),
    ),
  );
  append(
    host,
    el('h3', { text: 'Follow this lead' }),
    el('p', { id: 'neighbour-total', className: 'hint', text: `${plural(total.neighbours, 'neighbour', 'neighbours')}, ${int(total.neighbours - total.shown)} not drawn. Expand by tie kind:` }),
    counts.length === 0 ? el('p', { className: 'hint', text: 'No ties.' }) : el('ul', { className: 'expand-kinds', id: 'expand-kinds' }, ...kindButtons),
    el(
      'div',
      { className: 'lead-actions' },
      el('label', { className: 'select' }, hops),
      button('Expand all kinds', () => actions.change((w) => expand(w, [id], null, Number(hops.value)), true), { id: 'expand-all' }),
      expanded.length > 0 ? button('Collapse', () => actions.change((w) => collapse(w, [id]), true), { id: 'collapse' }) : null,
      work.seeds === null || !work.seeds.includes(id) || work.seeds.length > 1
        ? button('Start from here', () => actions.change((w) => startFrom(w, [id]), true), { id: 'start-here', title: 'A working view of this entity alone, to expand step by step' })
        : null,
    ),
    el(
      'div',
      { className: 'lead-actions' },
      hidden
        ? button('Unhide', () => actions.change((w) => unhide(w, [id])), { id: 'unhide' })
        : button('Hide', () => {
            actions.change((w) => hide(w, [id]));
            actions.select(null);
          }, { id: 'hide', 'aria-keyshortcuts': 'H' }),
      pinned
        ? button('Release', () => actions.change((w) => release(w, [id], ctx.layout)), { id: 'release', title: 'Let the layout move it again' })
        : button('Pin', () => actions.change((w) => pinWhereDrawn(w, [id], ctx)), { id: 'pin', title: 'Keep it where it is (or drag it; Alt + arrow keys move it)' }),
      button('Path from here', () => actions.change((w) => setPathEnd(w, 'from', id), work.path.to !== null), { id: 'path-from', 'aria-pressed': String(work.path.from === id) }),
      button('Path to here', () => actions.change((w) => setPathEnd(w, 'to', id), work.path.from !== null), { id: 'path-to', 'aria-pressed': String(work.path.to === id) }),
    ),
    startFromFinding(id, ctx, actions),
    expanded.length > 0 ? el('p', { className: 'hint', text: `Expanded: ${expanded.map((e) => `${e.kinds === null ? 'all kinds' : e.kinds.map((k) => EDGE_STYLE[k].label.toLowerCase()).join(', ')}, ${plural(e.hops, 'tie', 'ties')} away`).join('; ')}.` }) : null,
  );
}

/** The path search: its two ends, and the shortest paths found, each with its ties and what it passes through. */
export function renderPathSection(host: HTMLElement, ctx: LeadContext, actions: LeadActions): void {
  clear(host);
  const { work, model, path } = ctx;
  if (work.path.from === null && work.path.to === null) return;
  const end = (which: 'from' | 'to') => {
    const id = work.path[which];
    return id === null ? el('span', { className: 'hint', text: 'choose an entity, then "Path ' + (which === 'from' ? 'from' : 'to') + ' here"' }) : button(nameOf(model, id), () => actions.select(id), { className: 'link', 'data-id': id });
  };
  append(
    host,
    el('h3', { text: 'Shortest paths' }),
    el('p', { className: 'path-ends' }, 'From ', end('from'), ' to ', end('to')),
    el(
      'div',
      { className: 'lead-actions' },
      button('Swap', () => actions.change(swapPathEnds), { id: 'path-swap' }),
      button('Clear path', () => actions.change((w) => setPathEnd(setPathEnd(w, 'from', null), 'to', null)), { id: 'path-clear' }),
    ),
  );
  if (path === null) return;
  const kinds = path.kinds.length === 10 ? 'any tie' : `ties of the kinds shown (${path.kinds.map((k) => EDGE_STYLE[k].label.toLowerCase()).join(', ')})`;
  if (path.length === null) {
    append(host, el('p', { id: 'path-summary', text: `No path along ${kinds}: the two are not connected.` }));
    return;
  }
  append(
    host,
    el('p', { id: 'path-summary', text: `${path.total === 1 ? 'One shortest path' : `${int(path.total)} shortest paths`} of ${plural(path.length, 'tie', 'ties')}, along ${kinds}.${path.truncated ? ` The first ${path.paths.length} are listed.` : ''}` }),
  );
  if (path.truncated || path.paths.length > 10) {
    const max = el('select', { id: 'path-max', 'aria-label': 'Paths listed at most' });
    for (const n of [10, 25, 50, 100]) append(max, el('option', { value: String(n), text: `at most ${n} paths`, selected: n === ctx.pathMax }));
    max.addEventListener('change', () => actions.setPathMax(Number(max.value)));
    append(host, el('label', { className: 'select' }, max));
  }
  const list = el('ol', { id: 'path-list', className: 'paths' });
  for (const p of path.paths) {
    const chain = el('p', { className: 'chain' });
    p.entities.forEach((id, i) => append(chain, i > 0 ? ' → ' : null, button(nameOf(model, id), () => actions.select(id), { className: 'link', 'data-id': id })));
    append(
      list,
      el(
        'li',
        {},
        chain,
        el('ul', { className: 'ties' }, ...p.steps.map((s) => el('li', { text: s.ties.map((t) => tieWords(t, (x) => nameOf(model, x))).join('; ') }))),
        p.waypoints.length > 0 ? el('p', { className: 'waypoints' }, el('strong', { text: 'Passes through: ' }), p.waypoints.map((w) => `${w.name} (${waypointWords(w)})`).join('; ')) : null,
      ),
    );
  }
  append(host, list, button('Select the entities on these paths', () => actions.mark([...new Set(path.paths.flatMap((p) => p.entities))], 'replace'), { id: 'path-mark' }));
}

/** Starting points from the findings around an entity: its cluster, its company group. */
function startFromFinding(id: string, ctx: LeadContext, actions: LeadActions): HTMLElement | null {
  const node = ctx.model.byId.get(id);
  if (!node) return null;
  const cluster = ctx.model.clusters.get(node.cluster);
  const group = node.group === 0 ? undefined : ctx.model.groups.get(node.group);
  const buttons = [
    // In a piece of a large report the cluster's members may lie outside it: its piece is opened instead.
    cluster && cluster.size > 1 && cluster.members.length < cluster.size && actions.openCluster !== undefined
      ? button(`Open its cluster (${int(cluster.size)})`, () => actions.openCluster!(cluster.id), { id: 'start-cluster' })
      : cluster && cluster.size > 1
        ? button(`Start from its cluster (${int(cluster.size)})`, () => actions.change((w) => startFrom(w, cluster.members), true), { id: 'start-cluster' })
        : null,
    // In a piece of a large report a group's members may lie outside it: the button says how many are here.
    group && group.size > 1
      ? button(`Start from its company group (${group.members.length < group.size ? `${int(group.members.length)} of ${int(group.size)} here` : int(group.size)})`, () => actions.change((w) => startFrom(w, group.members), true), { id: 'start-group' })
      : null,
  ].filter((b) => b !== null);
  return buttons.length === 0 ? null : el('div', { className: 'lead-actions' }, ...buttons);
}
