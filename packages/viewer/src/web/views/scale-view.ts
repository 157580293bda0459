import type { Report } from '@chokepoint/report';
import { pairKey } from '@chokepoint/case';
import { keepMore, neighbourhoodUrl, scopeOf, scopeTitle, withKeptPairs, type KeptPairs, type ScopeInfo } from '../core/scope';
import type { ViewerSettings } from '../core/settings';
import { startApp, type ViewerApp } from './app';
import { isolateRtl } from '../core/format';
import { el } from './dom';

/**
 * A large report, shown piece by piece (the server keeps it whole; see packages/viewer/src/node/scale.ts): the viewer
 * opens on the overview of the clusters, and a bar above the network opens the selected cluster (its members, with
 * the clusters around it as single nodes), the neighbourhood of the selected entity, or goes back to the overview.
 * Double-clicking a cluster node opens it too. Each piece is drawn by the ordinary viewer (startApp).
 */
export interface ScaledViewer {
  app(): ViewerApp;
  scope(): ScopeInfo;
  /** Loads and shows a piece: the overview, a cluster, or an entity with what lies within `hops` ties. */
  open(target: 'overview' | { cluster: number } | { entity: string; hops: number }): Promise<void>;
}

export function startScaled(root: HTMLElement, first: Report, onApp: (app: ViewerApp) => void, overrides: Partial<ViewerSettings> = {}): ScaledViewer {
  let app: ViewerApp;
  let report = first;
  let scope = scopeOf(first)!;
  let loading = false;

  const title = el('p', { className: 'scope-title', id: 'scope-title' });
  const capped = el('p', { className: 'scope-capped', id: 'scope-capped', role: 'status' });
  const status = el('p', { className: 'scope-status', id: 'scope-status', 'aria-live': 'polite' });
  const overviewButton = el('button', { type: 'button', id: 'scope-overview', text: 'Back to the overview', onclick: () => void viewer.open('overview') });
  const clusterButton = el('button', { type: 'button', id: 'scope-open-cluster', text: 'Open cluster', title: 'Show the members of the selected cluster (double-click a cluster node does the same)' });
  const hopButtons = [1, 2].map((hops) => el('button', { type: 'button', id: `scope-hops-${hops}`, text: hops === 1 ? 'Its neighbours' : 'Within 2 ties', title: `Show the selected entity with what lies within ${hops} ${hops === 1 ? 'tie' : 'ties'} of it` }));
  // Finding an entity in the whole report (the search at the top searches only the piece shown).
  const findInput = el('input', { type: 'search', id: 'scope-find', placeholder: 'Find in the whole report…', 'aria-label': 'Find an entity in the whole report by name or id', autocomplete: 'off' });
  const findResults = el('ul', { className: 'scope-find-results', id: 'scope-find-results' });
  let findTimer: ReturnType<typeof setTimeout> | null = null;
  let findSeq = 0;
  findInput.addEventListener('input', () => {
    if (findTimer !== null) clearTimeout(findTimer);
    findTimer = setTimeout(() => void find(findInput.value), 250);
  });
  const find = async (text: string) => {
    const seq = ++findSeq;
    findResults.replaceChildren();
    if (text.trim() === '') return;
    try {
      const res = await fetch(`search?q=${encodeURIComponent(text.slice(0, 200))}`, { cache: 'no-store' });
      const body = (await res.json()) as { matches?: { id: string; name: string; kind: string; cluster: number }[]; more?: boolean; error?: string };
      if (seq !== findSeq) return;
      if (!res.ok || body.matches === undefined) throw new Error(body.error ?? `answer ${res.status}`);
      if (body.matches.length === 0) findResults.append(el('li', { className: 'hint', text: 'No entity of the report matches.' }));
      for (const m of body.matches) {
        findResults.append(
          el('li', {}, el('button', { type: 'button', className: 'scope-find-result', 'data-id': m.id, text: `${m.name} (${m.kind}, cluster ${m.cluster})`, onclick: () => void viewer.open({ entity: m.id, hops: 1 }) })),
        );
      }
      if (body.more) findResults.append(el('li', { className: 'hint', text: 'More match: type more of the name.' }));
    } catch (err) {
      if (seq === findSeq) findResults.append(el('li', { className: 'hint', text: `The search failed: ${err instanceof Error ? err.message : String(err)}` }));
    }
  };
  const bar = el('div', { className: 'scope-bar', id: 'scope-bar', role: 'region', 'aria-label': 'Part of the report shown' }, title, capped, el('div', { className: 'scope-tools' }, overviewButton, clusterButton, ...hopButtons, findInput), findResults, status);

  const clusterNodes = () => new Map(scope.clusterNodes);
  const selected = () => app.state().selected;
  const update = () => {
    const id = selected();
    const node = id === null ? undefined : clusterNodes().get(id);
    clusterButton.disabled = loading || node === undefined;
    clusterButton.textContent = node === undefined ? 'Open cluster' : `Open cluster ${node.cluster} (${node.members.toLocaleString('en-US')} members)`;
    for (const b of hopButtons) b.disabled = loading || id === null || node !== undefined;
    overviewButton.disabled = loading;
    overviewButton.hidden = scope.kind === 'overview';
  };
  clusterButton.addEventListener('click', () => {
    const node = clusterNodes().get(selected() ?? '');
    if (node) void viewer.open({ cluster: node.cluster });
  });
  hopButtons.forEach((b, i) =>
    b.addEventListener('click', () => {
      const id = selected();
      if (id !== null && !clusterNodes().has(id)) void viewer.open({ entity: id, hops: i + 1 });
    }),
  );

  /** The pairs of records left for review and the entities they name, as the pieces shown so far gave them. */
  let kept: KeptPairs | undefined;
  /** The pairs a case judges already asked of the server (POST /pairs), by pairKey. */
  const asked = new Set<string>();
  const carryPairs = async (pairs: [string, string][]) => {
    const known = new Set((kept?.possible ?? []).map((p) => pairKey(p.a, p.b)));
    const ask = pairs.filter(([a, b]) => !known.has(pairKey(a, b)) && !asked.has(pairKey(a, b)));
    if (ask.length === 0) return null;
    for (const [a, b] of ask) asked.add(pairKey(a, b));
    try {
      const res = await fetch('pairs', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ pairs: ask }), cache: 'no-store' });
      const body = (await res.json()) as { possible?: KeptPairs['possible']; named?: KeptPairs['named']; error?: string };
      if (!res.ok || body.possible === undefined || body.named === undefined) throw new Error(body.error ?? `answer ${res.status}`);
      kept = keepMore(kept, { possible: body.possible, named: body.named });
      return { possible: body.possible, named: body.named };
    } catch (err) {
      for (const [a, b] of ask) asked.delete(pairKey(a, b));
      throw err;
    }
  };
  const show = (piece: Report) => {
    // The case goes on in the next piece: the view of this one lets go of it (CaseView.dispose).
    const before = app?.caseReady.then(
      (c) => {
        c.dispose();
        return c.session;
      },
      () => null,
    );
    if (app !== undefined) app.view.kill();
    root.replaceChildren();
    root.className = '';
    history.replaceState(null, '', `${location.pathname}${location.search}`);
    const taken = withKeptPairs(piece, kept);
    kept = taken.kept;
    const next = taken.report;
    report = next;
    scope = scopeOf(next)!;
    app = startApp(root, next, overrides, {
      // A saved view of another piece: open that piece, then the view in it.
      openScope: async (target, hash) => {
        await viewer.open(target.kind === 'overview' ? 'overview' : target.kind === 'cluster' ? { cluster: target.cluster } : { entity: target.entity, hops: target.hops });
        await app.restore(hash);
      },
      openEntity: (id) => void viewer.open({ entity: id, hops: 1 }),
      openCluster: (cluster) => void viewer.open({ cluster }),
      findInReport: (text) => {
        findInput.value = text;
        void find(text).then(() => findResults.querySelector('button')?.focus());
      },
      caseSession: () => before ?? Promise.resolve(null),
      carryPairs,
    });
    title.textContent = isolateRtl(scopeTitle(report, scope));
    capped.textContent = scope.capped ?? '';
    capped.hidden = scope.capped === null;
    status.textContent = '';
    status.removeAttribute('role');
    findResults.replaceChildren();
    (root.querySelector('#work-bar') ?? root.querySelector('#graph')!).appendChild(bar);
    app.view.renderer.on('doubleClickNode', (e) => {
      const node = clusterNodes().get(app.view.idOf(e.node));
      if (node === undefined) return;
      e.preventSigmaDefault();
      void viewer.open({ cluster: node.cluster });
    });
    // Opened on an entity (its neighbours, a pick in the review queue or a list): that entity selected, its details in
    // the panel, while the piece lays itself out in the whole frame.
    if (scope.kind === 'entity' && typeof scope.center === 'string') app.selectInPlace(scope.center);
    update();
    onApp(app);
  };
  // The selection changes by clicks and keys anywhere in the viewer (network, lists, search, panel).
  root.addEventListener('click', () => setTimeout(update, 0));
  root.addEventListener('keyup', () => setTimeout(update, 0));

  const viewer: ScaledViewer = {
    app: () => app,
    scope: () => scope,
    async open(target) {
      if (loading) return;
      loading = true;
      update();
      status.textContent = 'Loading…';
      try {
        const res = await fetch(target === 'overview' ? 'overview.json' : neighbourhoodUrl(target), { cache: 'no-store' });
        const text = await res.text();
        if (!res.ok) {
          let message = text;
          try {
            message = (JSON.parse(text) as { error?: string }).error ?? text;
          } catch {
            // plain text answer
          }
          throw new Error(message);
        }
        loading = false;
        show(JSON.parse(text) as Report);
      } catch (err) {
        loading = false;
        status.textContent = `This part of the report cannot be shown: ${err instanceof Error ? err.message : String(err)}`;
        status.setAttribute('role', 'alert');
        update();
      }
    },
  };
  show(first);
  return viewer;
}
