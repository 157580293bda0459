import type { Report } from '@chokepoint/report';
import { visibility, type Filters, type Visibility } from '../core/filters';
import { buildModel, type ViewModel } from '../core/model';
import { buildSearchIndex } from '../core/search';
import { resolveSettings, type ViewerSettings } from '../core/settings';
import { changeFilters, emphasis, FADED, selectEntity, selectGroup, validState, type Emphasis } from '../core/state';
import { hashToState, stateToHash, type Layout, type ViewState } from '../core/url';
import { renderCounts, renderFilters, renderLists, renderSearch, type ControlActions } from './controls';
import { append, el } from './dom';
import { GraphView } from './graph-view';
import { renderPanel, type PanelActions } from './panel';
import { loadCaseSource, startCaseView, type CaseHost, type CaseView } from './case-view';
import { viewState } from '../core/case';
import { pictureScene, sceneToSvg } from '../core/picture';
import { gatherPicture, openPictureDialog, type PictureContext } from './picture-view';

/** The running viewer: state in one place, views that only render it. Exposed for tests as window.__chokepoint. */
export interface ViewerApp {
  model: ViewModel;
  view: GraphView;
  state(): ViewState;
  visible(): Visibility;
  select(id: string | null): void;
  selectGroup(id: number | null): void;
  setFilters(change: Partial<Filters>): void;
  setLayout(layout: Layout): void;
  /** Shows the view a link fragment describes (a saved view); resolves once it is drawn. */
  restore(hash: string): Promise<void>;
  /** The case (notes, review statuses, saved views), once loaded. */
  caseReady: Promise<CaseView>;
}

export function startApp(root: HTMLElement, report: Report, overrides: Partial<ViewerSettings> = {}): ViewerApp {
  const settings = resolveSettings(overrides);
  const model = buildModel(report);
  const index = buildSearchIndex(model);
  let state: ViewState = validState(model, hashToState(location.hash));
  let visible = visibility(model, state.filters);
  let emphasised: Emphasis | null = emphasis(model, state);

  const header = el('header', { className: 'top' });
  const left = el('aside', { className: 'left', 'aria-label': 'Filters and lists' });
  const graphBox = el('main', { className: 'graph', id: 'graph', 'aria-label': 'Network' });
  const panel = el('aside', { className: 'panel', id: 'panel', 'aria-live': 'polite', 'aria-label': 'Details' });
  const counts = el('div', { className: 'counts', id: 'counts', 'aria-live': 'polite' });
  const filters = el('div', { className: 'filters', id: 'filters' });
  const lists = el('div', { className: 'lists' });
  append(root, header, left, graphBox, panel);

  const view = new GraphView(graphBox, model, settings, () => ({ visible, emphasis: emphasised, group: state.group }));

  const writeUrl = () => {
    const hash = stateToHash({ ...state, camera: view.camera() });
    history.replaceState(null, '', `${location.pathname}${location.search}${hash === '' ? '' : `#${hash}`}`);
  };
  let urlTimer: ReturnType<typeof setTimeout> | null = null;
  view.renderer.getCamera().on('updated', () => {
    if (urlTimer !== null) clearTimeout(urlTimer);
    urlTimer = setTimeout(writeUrl, 250);
  });

  /** Shows the selected entity with what the selection brings forward (its ties, what it controls), as far as visible. */
  const focusSelection = (id: string) => {
    const around = emphasised === null ? [] : model.nodes.filter((n) => emphasised!.nodes[n.index] !== FADED && visible.nodes[n.index]).map((n) => n.id);
    if (around.length > 1) view.focusMany(around);
    else view.focus(id);
  };

  const actions: ControlActions & PanelActions = {
    setFilters(change) {
      state = changeFilters(state, change);
      visible = visibility(model, state.filters);
      renderFilters(filters, model, state.filters, actions);
      renderCounts(counts, model, visible);
      view.refresh();
      writeUrl();
    },
    select(id) {
      state = selectEntity(state, id);
      emphasised = emphasis(model, state);
      renderPanel(panel, model, state, actions);
      view.refresh();
      if (id !== null) focusSelection(id);
      writeUrl();
    },
    selectGroup(id) {
      state = selectGroup(state, id);
      emphasised = emphasis(model, state);
      renderPanel(panel, model, state, actions);
      view.refresh();
      const group = id === null ? undefined : model.groups.get(id);
      if (group) view.focusMany(group.members.filter((m) => visible.nodes[model.byId.get(m)!.index]));
      writeUrl();
    },
    focusCluster(id) {
      const cluster = model.clusters.get(id);
      if (cluster) view.focusMany(cluster.members.filter((m) => visible.nodes[model.byId.get(m)!.index]));
    },
  };

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
  const pictureContext = (title: string): PictureContext => ({ model, view, visible, emphasis: emphasised, filters: state.filters, selected: state.selected, title, date: new Date().toISOString().slice(0, 10) });
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
  renderSearch(header.querySelector('.search-box') as HTMLElement, index, settings.searchResults, actions);
  append(left, filters, lists);
  renderFilters(filters, model, state.filters, actions);
  renderLists(lists, model, actions);
  renderCounts(counts, model, visible);
  renderPanel(panel, model, state, actions);

  const app: ViewerApp = {
    model,
    view,
    state: () => state,
    visible: () => visible,
    select: actions.select,
    selectGroup: actions.selectGroup,
    setFilters: actions.setFilters,
    restore: async (hash) => {
      const next = validState(model, hashToState(hash));
      view.stopLayout();
      app.setLayout(next.layout);
      state = next;
      visible = visibility(model, state.filters);
      emphasised = emphasis(model, state);
      renderFilters(filters, model, state.filters, actions);
      renderCounts(counts, model, visible);
      renderPanel(panel, model, state, actions);
      view.refresh();
      view.setCamera(next.camera ?? { x: 0.5, y: 0.5, ratio: 1, angle: 0 });
      writeUrl();
      await new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())));
    },
    caseReady: null as unknown as Promise<CaseView>,
    setLayout(layout) {
      view.setLayout(layout);
      state = { ...state, layout };
      layoutButtons.forEach((b, i) => b.setAttribute('aria-pressed', String((['force', 'geo'] as const)[i] === layout)));
      runButton.disabled = layout === 'geo';
      writeUrl();
    },
  };

  // The case: notes, review statuses and saved views (views/case-view.ts), loaded beside the report.
  const caseHost: CaseHost = {
    model,
    select: (id) => actions.select(id),
    snapshot: () => viewState(stateToHash({ ...state, camera: view.camera() })),
    restore: (hash) => app.restore(hash),
    pictureSvg: (title) => sceneToSvg(pictureScene(gatherPicture(pictureContext(title), 'view')), { title }),
  };
  app.caseReady = loadCaseSource(report.input.bundle).then((source) => {
    const caseView = startCaseView(left, caseHost, source);
    actions.caseHooks = caseView.hooks;
    renderPanel(panel, model, state, actions);
    return caseView;
  });
  app.caseReady.catch((err: unknown) => left.insertBefore(el('p', { className: 'case-status error', role: 'alert', id: 'case-status', text: `The case cannot be opened: ${err instanceof Error ? err.message : String(err)}` }), left.firstChild));

  view.renderer.on('clickNode', ({ node }) => actions.select(view.idOf(node)));
  view.renderer.on('clickStage', () => actions.select(null));
  document.addEventListener('keydown', (e) => {
    if (!graphBox.isConnected) return; // a viewer replaced by another (a piece of a large report: scale-view)
    if (e.key === 'Escape' && (state.selected !== null || state.group !== null) && document.activeElement?.tagName !== 'INPUT') actions.select(null);
  });

  const initialCamera = state.camera;
  if (state.layout === 'geo') app.setLayout('geo');
  else if (settings.autoLayoutMs > 0 && initialCamera === null && state.selected === null && state.group === null) view.startLayout(settings.autoLayoutMs);
  if (emphasised !== null) view.refresh();
  if (initialCamera !== null) view.setCamera(initialCamera);
  else if (state.selected !== null) focusSelection(state.selected);
  else if (state.group !== null) view.focusMany(model.groups.get(state.group)!.members);
  return app;
}
