import type { Report } from '@chokepoint/report';
import { pathNetwork, shortestPaths, type PathNetwork, type PathResult } from '@chokepoint/report/paths';
import { visibility, type Filters, type Visibility } from '../core/filters';
import { canRedo, canUndo, goTo, present, record, replace, startHistory, step, type History } from '../core/history';
import { buildAdjacency, combineMarked, focusVisibility, hide, pin, markedEmphasis, neighbourCounts, neighbourTotal, pathEmphasis, scopeOf, withPath, workingVisibility, type Workspace } from '../core/workspace';
import { buildModel, type ViewModel } from '../core/model';
import { buildSearchIndex } from '../core/search';
import { resolveSettings, type ViewerSettings } from '../core/settings';
import { changeFilters, emphasis, FADED, selectEntity, selectGroup, validState, type Emphasis } from '../core/state';
import { hashToState, stateToHash, type Layout, type ViewState } from '../core/url';
import { renderCounts, renderFilters, renderLists, renderSearch, type ControlActions } from './controls';
import { append, el } from './dom';
import { GraphView } from './graph-view';
import { renderPanel, type PanelActions } from './panel';
import { loadCaseSource, startCaseView, type CaseHost, type CaseSession, type CaseView } from './case-view';
import { sameScope, scopeTarget, viewState } from '../core/case';
import { scopeOf as scopeOfReport } from '../core/scope';
import type { SavedViewScope } from '@chokepoint/case';
import { pictureScene, sceneToSvg } from '../core/picture';
import { gatherPicture, openPictureDialog, type PictureContext } from './picture-view';
import { attachInteractions } from './interactions';
import { renderLeadSection, renderPathSection, renderWorkBar, setPositionSource, type LeadActions, type LeadContext } from './lead';
import { TablesView } from './tables';

/** The running viewer: state in one place, views that only render it. Exposed for tests as window.__chokepoint. */
export interface ViewerApp {
  model: ViewModel;
  view: GraphView;
  state(): ViewState;
  visible(): Visibility;
  select(id: string | null): void;
  /** Selects an entity where the camera is, without moving it (a piece of a large report opened on that entity). */
  selectInPlace(id: string): void;
  selectGroup(id: number | null): void;
  setFilters(change: Partial<Filters>): void;
  setLayout(layout: Layout): void;
  /** The working view (core/workspace.ts): one undoable step per change. */
  changeWork(step: (w: Workspace) => Workspace): void;
  undo(): void;
  redo(): void;
  /** Entities selected together (box, table), apart from the one selected entity. */
  marked(): string[];
  mark(ids: string[], mode?: 'replace' | 'add' | 'remove'): void;
  path(): PathResult | null;
  tables: TablesView;
  /** How long the last change of state took to apply, in ms (for the benchmark). */
  lastUpdateMs(): number;
  /** Shows the view a link fragment describes (a saved view), as one undoable step; resolves once it is drawn. */
  restore(hash: string): Promise<void>;
  /** The case (notes, review statuses, saved views), once loaded. */
  caseReady: Promise<CaseView>;
}

/** What a large report's viewer (views/scale-view.ts) lends the app: opening another piece, then a saved view in it. */
export interface ScopeHooks {
  openScope(scope: SavedViewScope, hash: string): Promise<void>;
  /** An entity of the whole report that this piece does not hold (picked in the review queue): opens its neighbours. */
  openEntity(id: string): void;
  /** A cluster whose members this piece holds only some of: opens its piece. */
  openCluster(cluster: number): void;
  /** Searches the whole report for a text typed in the search box (which searches only this piece). */
  findInReport(text: string): void;
  /** The case session of the piece shown before, which this piece goes on with (null for the first piece). */
  caseSession(): Promise<CaseSession | null>;
  /** Asks the server for the pairs left for review that a case judges and no piece shown so far carried (CaseHost.carryPairs). */
  carryPairs: NonNullable<CaseHost['carryPairs']>;
}

export function startApp(root: HTMLElement, report: Report, overrides: Partial<ViewerSettings> = {}, hooks: ScopeHooks | null = null): ViewerApp {
  const settings = resolveSettings(overrides);
  const model = buildModel(report);
  const index = buildSearchIndex(model);
  let state: ViewState = validState(model, hashToState(location.hash));
  /** Undo history of the working view; each step is also a browser history entry carrying its step number. */
  let hist: History<ViewState> = startHistory(state);
  let marked: string[] = [];
  let pathMax = 10;
  let pathNet: PathNetwork | null = null;
  let pathCache: { key: string; result: PathResult | null } = { key: '', result: null };
  let lastUpdateMs = 0;
  const adjacency = buildAdjacency(model);
  let base: { filters: Filters; visible: Visibility } = { filters: state.filters, visible: visibility(model, state.filters) };
  let visible: Visibility = base.visible;
  let emphasised: Emphasis | null = null;
  let highlight: Uint8Array | null = null;

  /** The shortest paths between the path ends, along the tie kinds the filters show (computed once per question). */
  const currentPath = (): PathResult | null => {
    const { from, to } = state.work.path;
    if (from === null || to === null) return null;
    const key = JSON.stringify([from, to, state.filters.edgeKinds, pathMax]);
    if (pathCache.key !== key) {
      pathNet ??= pathNetwork(report);
      pathCache = { key, result: shortestPaths(pathNet, from, to, { max: pathMax, kinds: state.filters.edgeKinds }) };
    }
    return pathCache.result;
  };

  /** Everything derived from the state: what is drawn, what is brought forward, the path. Pure functions of core/. */
  const derive = () => {
    if (base.filters !== state.filters) base = { filters: state.filters, visible: visibility(model, state.filters) };
    const path = currentPath();
    const scope = scopeOf(model, adjacency, state.work, path === null ? [] : path.paths.flatMap((p) => p.entities));
    const working = workingVisibility(model, base.visible, scope, state.work.hidden);
    const onPath = path === null ? null : pathEmphasis(model, path.paths, adjacency);
    emphasised = withPath(emphasis(model, state) ?? markedEmphasis(model, marked), onPath);
    highlight = onPath?.edges ?? null;
    visible = state.work.focus === 'hide' ? focusVisibility(model, working, emphasised) : working;
  };
  derive();

  const header = el('header', { className: 'top' });
  const left = el('aside', { className: 'left', 'aria-label': 'Filters and lists' });
  const graphBox = el('main', { className: 'graph', id: 'graph', 'aria-label': 'Network' });
  const panel = el('aside', { className: 'panel', id: 'panel', 'aria-live': 'polite', 'aria-label': 'Details' });
  const counts = el('div', { className: 'counts', id: 'counts', 'aria-live': 'polite' });
  const filters = el('div', { className: 'filters', id: 'filters' });
  const lists = el('div', { className: 'lists' });
  // The bar over the graph: the working view's rows (redrawn on each change), and room below them for other bars
  // (a large report's scope bar) so that nothing covers it.
  const workBarBox = el('div', { className: 'work-bar', id: 'work-bar' });
  const workBar = el('div', { className: 'work-rows' });
  workBarBox.appendChild(workBar);
  const tablesBox = el('section', { className: 'tables', id: 'tables', 'aria-label': 'Tables', hidden: true });
  append(root, header, left, graphBox, panel, tablesBox);

  const view = new GraphView(graphBox, model, settings, () => ({ visible, emphasis: emphasised, group: state.group, highlight }));
  graphBox.appendChild(workBarBox);
  setPositionSource((id) => {
    const a = view.graph.getNodeAttributes(view.keyOf(id));
    return { x: a.x, y: a.y };
  });

  const urlOf = (s: ViewState) => {
    const hash = stateToHash(s);
    return `${location.pathname}${location.search}${hash === '' ? '' : `#${hash}`}`;
  };
  const writeUrl = () => {
    // The entry keeps its step number: Back and Forward find their way in the undo history by it.
    history.replaceState({ chokepointStep: step(hist) }, '', urlOf({ ...state, camera: view.camera() }));
  };
  let urlTimer: ReturnType<typeof setTimeout> | null = null;
  view.renderer.getCamera().on('updated', () => {
    if (urlTimer !== null) clearTimeout(urlTimer);
    urlTimer = setTimeout(() => {
      if (!graphBox.isConnected) return; // a viewer replaced by another (a piece of a large report: scale-view)
      writeUrl();
      // Edges are hidden while the camera moves; draw them again once it has stopped (when the last frame hid them).
      if (!view.renderer.getCamera().isAnimated()) view.redrawAfterMove();
    }, 250);
  });

  /** Shows the selected entity with what the selection brings forward (its ties, what it controls), as far as visible. */
  const focusSelection = (id: string) => {
    const around = emphasised === null ? [] : model.nodes.filter((n) => emphasised!.nodes[n.index] !== FADED && visible.nodes[n.index]).map((n) => n.id);
    if (around.length > 1) view.focusMany(around);
    else view.focus(id);
  };
  /** Zoom to fit: everything drawn (or, with a selection, what it brings forward). */
  const fit = () => {
    const ids: string[] = [];
    for (const n of model.nodes) if (visible.nodes[n.index] && (emphasised === null || emphasised.nodes[n.index] !== FADED)) ids.push(n.id);
    if (ids.length === 0) return;
    if (ids.length === 1) view.focus(ids[0]);
    else view.focusMany(ids);
  };

  /** Pins of the state on the graph; entities no longer pinned are let go (and, on undo, put back where they were). */
  let appliedPins: Workspace['pinned'] = [];
  const applyPins = (restore: boolean) => {
    const now = state.work.pinned.filter((p) => p.layout === view.layout);
    const keep = new Set(now.map((p) => p.id));
    for (const p of appliedPins) {
      if (keep.has(p.id) || p.layout !== view.layout || !model.byId.has(p.id)) continue;
      const key = view.keyOf(p.id);
      const origin = restore ? interactions.origin(p.id, view.layout) : undefined;
      view.graph.mergeNodeAttributes(key, origin ? { x: origin.x, y: origin.y, fixed: false } : { fixed: false });
    }
    for (const p of now) view.graph.mergeNodeAttributes(view.keyOf(p.id), { x: p.x, y: p.y, fixed: true });
    appliedPins = now;
  };

  const leadContext = (): LeadContext => ({
    model,
    work: state.work,
    layout: state.layout,
    drawn: visible.counts.entities,
    canUndo: canUndo(hist),
    canRedo: canRedo(hist),
    marked,
    boxMode: interactions.boxMode(),
    lassoMode: interactions.lassoMode(),
    tablesOpen: !tablesBox.hidden,
    path: currentPath(),
    pathMax,
  });
  const leadBox = el('section', { className: 'lead', id: 'lead', 'aria-label': 'Follow this lead' });
  const pathBox = el('section', { className: 'path-box', id: 'path-box', 'aria-label': 'Shortest paths' });
  /**
   * The side panel: `whole`, made anew (the selection changed); otherwise only its sections that follow the working
   * view and the filters (following the lead, the shortest paths), in their places, the rest of the panel and where
   * the user scrolled it to kept (an entity's facts, findings and notes depend on the selection alone).
   */
  const renderSidePanel = (whole = true) => {
    if (whole) renderPanel(panel, model, state, actions);
    const ctx = leadContext();
    renderPathSection(pathBox, ctx, leadActions);
    if (state.selected !== null) {
      renderLeadSection(leadBox, state.selected, neighbourCounts(model, adjacency, state.selected, visible.nodes), neighbourTotal(model, adjacency, state.selected, visible.nodes), ctx, leadActions);
      if (!whole && leadBox.parentNode === panel && pathBox.parentNode === panel) return;
      const subtitle = panel.querySelector('.subtitle');
      panel.insertBefore(leadBox, subtitle ? subtitle.nextSibling : panel.firstChild);
      panel.insertBefore(pathBox, leadBox.nextSibling);
    } else if (whole || pathBox.parentNode !== panel) panel.insertBefore(pathBox, panel.firstChild);
  };

  /**
   * The one way the state changes: 'step' records an undoable step (and a browser history entry), 'replace' changes
   * the present step (the selection), 'restore' comes from undo, redo, Back or Forward.
   */
  let panelStale = false;
  let lastDrawnFrom: unknown[] | null = null;
  const commit = (next: ViewState, how: 'step' | 'replace' | 'restore', fitAfter = false) => {
    const t0 = performance.now();
    const prev = state;
    state = next;
    if (how === 'step') {
      const before = hist;
      hist = record(hist, { ...next, camera: null }, (a, b) => stateToHash(a) === stateToHash(b));
      if (hist !== before) history.pushState({ chokepointStep: step(hist) }, '', urlOf({ ...state, camera: view.camera() }));
    } else if (how === 'replace') {
      hist = replace(hist, { ...next, camera: null });
      writeUrl();
    }
    derive();
    if (prev.filters !== state.filters) renderFilters(filters, model, state.filters, actions);
    renderCounts(counts, model, visible);
    // The side panel depends on the selection (made anew), the working view and the filters (its lead and path
    // sections only), not on a selection of several.
    const wholePanel = prev.selected !== state.selected || prev.group !== state.group || how === 'restore' || panelStale;
    if (wholePanel || prev.work !== state.work || prev.filters !== state.filters) renderSidePanel(wholePanel);
    panelStale = false;
    renderWorkBar(workBar, leadContext(), leadActions);
    tables.update(visible, state.selected, marked);
    if (prev.layout !== state.layout) {
      // Pins hold in their own layout only.
      for (const p of appliedPins) if (model.byId.has(p.id)) view.graph.mergeNodeAttributes(view.keyOf(p.id), { fixed: false });
      // The geographic layout sets its own frame (the places, with room for labels); leaving it clears the frame,
      // and with it the one a drag in the force layout holds.
      view.setLayout(state.layout);
      layoutButtons.forEach((b, i) => b.setAttribute('aria-pressed', String((['force', 'geo'] as const)[i] === state.layout)));
      runButton.disabled = state.layout === 'geo';
      appliedPins = [];
    }
    if (prev.work.pinned !== state.work.pinned || prev.layout !== state.layout) applyPins(how === 'restore');
    // Sigma redraws moved (pinned) entities by itself; everything else the reducers draw needs a full redraw.
    const drawnFrom = [state.filters, state.selected, state.group, state.layout, state.work.seeds, state.work.expansions, state.work.hidden, state.work.path, state.work.focus, marked, pathMax];
    if (lastDrawnFrom === null || drawnFrom.some((x, i) => x !== lastDrawnFrom![i])) view.refresh();
    lastDrawnFrom = drawnFrom;
    lastUpdateMs = performance.now() - t0;
    if (fitAfter) {
      // A new path: show it whole; otherwise what remains drawn.
      const path = prev.work.path !== state.work.path ? currentPath() : null;
      const onPath = path === null ? [] : [...new Set(path.paths.flatMap((p) => p.entities))].filter((id) => visible.nodes[model.byId.get(id)!.index]);
      if (onPath.length > 1) view.focusMany(onPath);
      else fit();
    }
  };

  const actions: ControlActions & PanelActions = {
    setFilters(change) {
      commit(changeFilters(state, change), 'step', true);
    },
    select(id) {
      if (id !== null && hooks !== null && !model.byId.has(id)) {
        hooks.openEntity(id);
        return;
      }
      commit(selectEntity(state, id), 'replace');
      if (id !== null) focusSelection(id);
    },
    selectGroup(id) {
      commit(selectGroup(state, id), 'replace');
      const group = id === null ? undefined : model.groups.get(id);
      if (group) view.focusMany(group.members.filter((m) => visible.nodes[model.byId.get(m)!.index]));
    },
    focusCluster(id) {
      const cluster = model.clusters.get(id);
      if (cluster) view.focusMany(cluster.members.filter((m) => visible.nodes[model.byId.get(m)!.index]));
    },
  };

  const undoStep = () => {
    if (canUndo(hist)) history.back();
  };
  const redoStep = () => {
    if (canRedo(hist)) history.forward();
  };
  window.addEventListener('popstate', (e) => {
    const wanted = (e.state as { chokepointStep?: unknown } | null)?.chokepointStep;
    const moved = typeof wanted === 'number' ? goTo(hist, wanted) : null;
    if (moved !== null) {
      hist = moved;
      commit(present(hist), 'restore');
    } else {
      // An entry this page did not make (a link opened, a reload): read the state from the URL.
      commit(validState(model, hashToState(location.hash)), 'restore');
    }
  });

  const leadActions: LeadActions = {
    ...(hooks === null ? {} : { openCluster: (cluster: number) => hooks.openCluster(cluster) }),
    change(stepFn, fitAfter = false) {
      commit({ ...state, work: stepFn(state.work) }, 'step', fitAfter);
    },
    select: (id) => actions.select(id),
    mark(ids, mode) {
      marked = combineMarked(marked, ids, mode);
      commit(marked.length > 0 && state.selected !== null ? selectEntity(state, null) : state, 'replace');
    },
    undo: undoStep,
    redo: redoStep,
    fit,
    toggleBoxMode() {
      interactions.setBoxMode(!interactions.boxMode());
      renderWorkBar(workBar, leadContext(), leadActions);
      (document.getElementById('box-mode') as HTMLElement | null)?.focus();
    },
    toggleLassoMode() {
      interactions.setLassoMode(!interactions.lassoMode());
      renderWorkBar(workBar, leadContext(), leadActions);
      (document.getElementById('lasso-mode') as HTMLElement | null)?.focus();
    },
    toggleTables() {
      tablesBox.hidden = !tablesBox.hidden;
      root.classList.toggle('with-tables', !tablesBox.hidden);
      tables.update(visible, state.selected, marked);
      renderWorkBar(workBar, leadContext(), leadActions);
      (document.getElementById('tables-toggle') as HTMLElement | null)?.focus();
    },
    setPathMax(max) {
      pathMax = max;
      panelStale = true;
      commit(state, 'replace');
    },
  };
  const tables = new TablesView(tablesBox, model, {
    select: (id) => actions.select(id),
    mark(ids, mode) {
      leadActions.mark(ids, mode);
      fit();
    },
  });
  const interactions = attachInteractions(view, model, {
    visible: () => visible,
    pinned: (id, x, y) => leadActions.change((w) => pin(w, id, x, y, view.layout)),
    boxed: (ids, mode) => leadActions.mark(ids, mode),
    pins: () => state.work.pinned.filter((p) => p.layout === view.layout).map((p) => p.id),
  });

  // Header: title, search, layout and tools.
  const layoutButtons = (['force', 'geo'] as const).map((l) =>
    el('button', { type: 'button', id: `layout-${l}`, 'aria-pressed': String(state.layout === l), text: l === 'force' ? 'Force layout' : 'Geographic layout', onclick: () => app.setLayout(l) }),
  );
  const runButton = el('button', { type: 'button', id: 'layout-run', text: 'Start layout' });
  runButton.addEventListener('click', () => (view.isLayoutRunning() ? view.stopLayout() : view.startLayout()));
  view.onLayoutRunning = (running) => {
    runButton.textContent = running ? 'Stop layout' : 'Start layout';
    runButton.setAttribute('aria-pressed', String(running));
  };
  const pictureContext = (title: string): PictureContext => ({ model, view, visible, emphasis: emphasised, filters: state.filters, selected: state.selected, group: state.group, title, date: new Date().toISOString().slice(0, 10) });
  const pngButton = el('button', {
    type: 'button',
    id: 'export-png',
    text: 'Picture…',
    'aria-haspopup': 'dialog',
    title: 'Save a picture of the network (PNG at 2× or 4×, or SVG) with a title, a legend, the dates in view and the disclaimer',
    onclick: () => openPictureDialog(pictureContext, `${report.input.bundle}: Chokepoint network`),
  });
  const linkButton = el('button', {
    type: 'button',
    id: 'copy-link',
    text: 'Copy link',
    onclick: async () => {
      writeUrl();
      try {
        await navigator.clipboard.writeText(location.href);
        linkButton.textContent = 'Link copied';
      } catch {
        window.prompt('Copy this link:', location.href);
      }
      setTimeout(() => (linkButton.textContent = 'Copy link'), 1500);
    },
  });
  append(
    header,
    el('h1', {}, 'Chokepoint ', el('span', { className: 'bundle', text: report.input.bundle })),
    el('div', { className: 'search-box' }),
    el('div', { className: 'tools' }, ...layoutButtons, runButton, pngButton, linkButton),
    counts,
  );
  renderSearch(header.querySelector('.search-box') as HTMLElement, index, settings.searchResults, actions, hooks === null ? undefined : (text) => hooks.findInReport(text));
  append(left, filters, lists);
  renderFilters(filters, model, state.filters, actions);
  renderLists(lists, model, actions);
  renderCounts(counts, model, visible);
  renderSidePanel();
  renderWorkBar(workBar, leadContext(), leadActions);

  const app: ViewerApp = {
    model,
    view,
    state: () => state,
    visible: () => visible,
    select: actions.select,
    selectInPlace: (id) => {
      if (model.byId.has(id)) commit(selectEntity(state, id), 'replace');
    },
    selectGroup: actions.selectGroup,
    setFilters: actions.setFilters,
    caseReady: null as unknown as Promise<CaseView>,
    setLayout(layout) {
      if (layout !== state.layout) commit({ ...state, layout }, 'step');
    },
    changeWork: (f) => leadActions.change(f),
    undo: undoStep,
    redo: redoStep,
    marked: () => marked,
    mark: (ids, mode = 'replace') => leadActions.mark(ids, mode),
    path: currentPath,
    tables,
    lastUpdateMs: () => lastUpdateMs,
    async restore(hash) {
      const next = validState(model, hashToState(hash));
      view.stopLayout();
      commit({ ...next, camera: null }, 'step');
      if (next.camera !== null) view.setCamera(next.camera);
      else view.frameWhole();
      writeUrl();
      await new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())));
    },
  };

  // The case: notes, review statuses and saved views (views/case-view.ts), loaded beside the report.
  const caseHost: CaseHost = {
    model,
    select: (id) => actions.select(id),
    snapshot: () => viewState(stateToHash({ ...state, camera: view.camera() }), scopeTarget(scopeOfReport(report))),
    // A view saved on another piece of a large report opens that piece first.
    restore: (hash, scope) => (scope && hooks !== null && !sameScope(scope, scopeTarget(scopeOfReport(report))) ? hooks.openScope(scope, hash) : app.restore(hash)),
    pictureSvg: (title) => sceneToSvg(pictureScene(gatherPicture(pictureContext(title), 'view')), { title }),
    ...(hooks === null ? {} : { carryPairs: hooks.carryPairs }),
  };
  // A piece of a large report goes on with the case of the piece before (its unsaved changes, its saves under way).
  app.caseReady = (hooks === null ? Promise.resolve(null) : hooks.caseSession()).then((kept) => kept ?? loadCaseSource(report.input.bundle)).then((source) => {
    const caseView = startCaseView(left, caseHost, source);
    actions.caseHooks = caseView.hooks;
    renderSidePanel();
    return caseView;
  });
  app.caseReady.catch((err: unknown) => left.insertBefore(el('p', { className: 'case-status error', role: 'alert', id: 'case-status', text: `The case cannot be opened: ${err instanceof Error ? err.message : String(err)}` }), left.firstChild));

  view.renderer.on('clickNode', ({ node, event }) => {
    if (interactions.consumeClick()) return;
    const id = view.idOf(node);
    // Ctrl (or ⌘) + click adds to, or takes from, a selection of several.
    if ((event.original as MouseEvent).ctrlKey || (event.original as MouseEvent).metaKey) leadActions.mark([...(state.selected !== null ? [state.selected] : []), id], marked.includes(id) ? 'remove' : 'add');
    else {
      if (marked.length > 0) leadActions.mark([], 'replace');
      actions.select(id);
    }
  });
  view.renderer.on('clickStage', () => {
    if (interactions.consumeClick()) return;
    if (marked.length > 0) leadActions.mark([], 'replace');
    actions.select(null);
  });
  const typing = (t: EventTarget | null) => t instanceof HTMLElement && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable);
  document.addEventListener('keydown', (e) => {
    if (!graphBox.isConnected) return; // a viewer replaced by another (a piece of a large report: scale-view)
    if (typing(e.target)) return;
    const mod = e.ctrlKey || e.metaKey;
    const key = e.key.toLowerCase();
    if (mod && key === 'z' && !e.shiftKey) undoStep();
    else if ((mod && key === 'z' && e.shiftKey) || (mod && key === 'y')) redoStep();
    else if (e.key === 'Escape' && marked.length > 0) leadActions.mark([], 'replace');
    else if (e.key === 'Escape' && (state.selected !== null || state.group !== null)) actions.select(null);
    else if (!mod && !e.altKey && key === 'f') fit();
    else if (!mod && !e.altKey && key === 'b') leadActions.toggleBoxMode();
    else if (!mod && !e.altKey && key === 'l') leadActions.toggleLassoMode();
    else if (!mod && !e.altKey && key === 'h' && state.selected !== null) {
      const id = state.selected;
      actions.select(null);
      leadActions.change((w) => hide(w, [id]));
    } else if (e.altKey && state.selected !== null && ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown'].includes(e.key)) {
      // The keyboard's drag: Alt + arrows move the selected entity and pin it.
      const [dx, dy] = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[e.key as 'ArrowLeft']!;
      interactions.nudge(state.selected, dx, dy);
    } else return;
    e.preventDefault();
  });

  // The path search's network, made while the page is idle, so that the first question is answered at once.
  const idle = (window as { requestIdleCallback?: (f: () => void) => void }).requestIdleCallback ?? ((f: () => void) => setTimeout(f, 1500));
  idle(() => (pathNet ??= pathNetwork(report)));

  const initialCamera = state.camera;
  history.replaceState({ chokepointStep: step(hist) }, '', location.href);
  if (state.layout === 'geo') {
    view.setLayout('geo');
    layoutButtons.forEach((b, i) => b.setAttribute('aria-pressed', String((['force', 'geo'] as const)[i] === 'geo')));
    runButton.disabled = true;
  } else if (settings.autoLayoutMs > 0 && initialCamera === null && state.selected === null && state.group === null && state.work.pinned.length === 0) view.startLayout(settings.autoLayoutMs);
  applyPins(false);
  view.refresh();
  if (initialCamera !== null) view.setCamera(initialCamera);
  else if (state.selected !== null) focusSelection(state.selected);
  else if (state.group !== null) view.focusMany(model.groups.get(state.group)!.members);
  else if (state.work.seeds !== null || state.work.path.from !== null) fit();
  else view.frameWhole();
  return app;
}
