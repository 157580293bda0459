import { controlledCount } from '@chokepoint/report/types';
import { allCounts, type Filters, type Visibility } from '../core/filters';
import { EDGE_KINDS, ENTITY_KINDS, type ViewModel } from '../core/model';
import { search, type SearchIndex } from '../core/search';
import { countsText } from '../core/flags';
import { pathWords, proximity, ROLE_WORDS } from '../core/findings';
import { countWords, overviewOf } from '../core/scope';
import { plural } from '../core/format';
import { clusterColor, EDGE_STYLE } from '../core/style';
import { append, clear, el, int } from './dom';

export interface ControlActions {
  setFilters(change: Partial<Filters>): void;
  select(id: string | null): void;
  selectGroup(id: number | null): void;
  focusCluster(id: number): void;
}

/**
 * Search box with instant results; arrow keys move through the results, Enter picks one. `everywhere`: the view shows
 * a piece of a large report (an overview of its clusters, or a neighbourhood), which the index holds only: the results
 * then end with a button that searches the whole report for the text (and Enter with no result does the same).
 */
export function renderSearch(root: HTMLElement, index: SearchIndex, limit: number, actions: ControlActions, everywhere?: (text: string) => void): void {
  const input = el('input', { id: 'search', type: 'search', placeholder: 'Search by name or id', autocomplete: 'off', 'aria-label': 'Search entities by name or id' });
  const results = el('ul', { id: 'search-results', role: 'listbox', 'aria-label': 'Search results' });
  const update = () => {
    clear(results);
    const found = search(index, input.value, limit);
    results.hidden = input.value.trim() === '';
    if (found.length === 0 && !results.hidden) append(results, el('li', { className: 'empty', text: everywhere === undefined ? 'No entity matches.' : 'No entity shown here matches.' }));
    if (everywhere !== undefined && !results.hidden) {
      const text = input.value;
      const whole = () => {
        results.hidden = true;
        everywhere(text);
      };
      append(results, el('li', { className: 'everywhere' }, el('button', { type: 'button', className: 'result everywhere', id: 'search-everywhere', onclick: whole, text: `Search the whole report for “${text.trim()}”` })));
    }
    for (const node of found) {
      const pick = () => {
        actions.select(node.id);
        results.hidden = true;
      };
      append(
        results,
        el('li', {}, el('button', { type: 'button', className: 'result', 'data-id': node.id, onclick: pick }, el('span', { className: 'name', text: node.name }), el('span', { className: 'meta', text: ` ${node.id} · ${node.kind}` }))),
      );
    }
  };
  input.addEventListener('input', update);
  input.addEventListener('keydown', (e) => {
    const first = results.querySelector('button');
    if (e.key === 'ArrowDown' && first) {
      e.preventDefault();
      first.focus();
    } else if (e.key === 'Enter' && first) first.click();
    else if (e.key === 'Escape') {
      input.value = '';
      update();
    }
  });
  results.addEventListener('keydown', (e) => {
    const buttons = [...results.querySelectorAll('button')];
    const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'ArrowDown' && i < buttons.length - 1) buttons[i + 1].focus();
    else if (e.key === 'ArrowUp') (i > 0 ? buttons[i - 1] : input).focus();
    else return;
    e.preventDefault();
  });
  append(root, el('div', { className: 'search' }, input, results));
  results.hidden = true;
}

function checkbox(label: string, checked: boolean, onchange: (checked: boolean) => void, id: string, swatch?: string): HTMLElement {
  const input = el('input', { type: 'checkbox', id, checked });
  input.addEventListener('change', () => onchange(input.checked));
  return el('label', { className: 'check', for: id }, input, swatch ? el('span', { className: 'swatch', style: `background:${swatch}` }) : null, ` ${label}`);
}

/** The filter controls; rebuilt whenever the filters change so they always show the state. */
export function renderFilters(root: HTMLElement, model: ViewModel, f: Filters, actions: ControlActions): void {
  clear(root);
  const toggle = (list: string[], value: string, on: boolean) => (on ? [...new Set([...list, value])] : list.filter((x) => x !== value));
  append(root, el('h3', { text: 'Filters' }));
  // The overview of a large report: its nodes are clusters (of every kind of entity) and its lines all count ties
  // between two clusters, so the kinds of entity and of tie are not offered, nor key nodes (a cluster is none).
  const overview = overviewOf(model.report) !== null;
  if (overview) {
    append(
      root,
      el(
        'fieldset',
        {},
        el('legend', { text: 'Lines' }),
        checkbox(`ties between clusters (${int(model.edges.length)})`, f.edgeKinds.includes('associate'), (on) => actions.setFilters({ edgeKinds: toggle(f.edgeKinds, 'associate', on) }), 'edge-associate', EDGE_STYLE.associate.color),
        el('p', { className: 'hint', text: 'A line between two clusters counts the relations and shipments that join their members; open a cluster to see them.' }),
      ),
    );
  } else {
    append(
      root,
      el(
        'fieldset',
        {},
        el('legend', { text: 'Entities' }),
        ...ENTITY_KINDS.map((k) => checkbox(k, f.entityKinds.includes(k), (on) => actions.setFilters({ entityKinds: toggle(f.entityKinds, k, on) }), `kind-${k}`)),
      ),
      el(
        'fieldset',
        {},
        el('legend', { text: 'Ties' }),
        ...EDGE_KINDS.map((k) => checkbox(`${EDGE_STYLE[k].label} (${int(model.edgeKindCounts.get(k) ?? 0)})`, f.edgeKinds.includes(k), (on) => actions.setFilters({ edgeKinds: toggle(f.edgeKinds, k, on) }), `edge-${k}`, EDGE_STYLE[k].color)),
        el('p', { className: 'hint', text: 'Shipments: one line per supplier → buyer pair. Paid for: payer → buyer; consigned to: buyer → consignee.' }),
      ),
    );
  }
  append(
    root,
    el(
      'fieldset',
      {},
      el('legend', { text: 'Only' }),
      overview ? null : checkbox('key nodes', f.onlyKeyNodes, (on) => actions.setFilters({ onlyKeyNodes: on }), 'only-key'),
      checkbox(overview ? 'clusters with flagged members' : 'flagged entities', f.onlyFlagged, (on) => actions.setFilters({ onlyFlagged: on }), 'only-flagged'),
      checkbox('clusters near a border', f.onlyBorderClusters, (on) => actions.setFilters({ onlyBorderClusters: on }), 'only-border'),
    ),
  );

  const clusterSelect = el('select', { id: 'cluster-filter', 'aria-label': 'Cluster' });
  append(clusterSelect, el('option', { value: '', text: 'All clusters' }));
  for (const c of model.report.clusters) {
    if (c.size < 2 && model.report.clusters.length > 50) continue;
    append(clusterSelect, el('option', { value: String(c.id), text: `Cluster ${c.id} (${c.size})`, selected: f.clusters?.length === 1 && f.clusters[0] === c.id }));
  }
  clusterSelect.addEventListener('change', () => actions.setFilters({ clusters: clusterSelect.value === '' ? null : [Number(clusterSelect.value)] }));

  const commoditySelect = el('select', { id: 'commodity-filter', 'aria-label': 'Commodity' });
  append(commoditySelect, el('option', { value: '', text: 'All commodities' }));
  for (const c of model.commodities) append(commoditySelect, el('option', { value: c.commodity, text: `${c.commodity} (${c.shipments})`, selected: f.commodity === c.commodity }));
  commoditySelect.addEventListener('change', () => actions.setFilters({ commodity: commoditySelect.value === '' ? null : commoditySelect.value }));
  append(root, el('label', { className: 'select' }, 'Cluster ', clusterSelect), el('label', { className: 'select' }, 'Commodity ', commoditySelect));
  renderTimeline(root, model, f, actions);
  append(root, el('button', { type: 'button', id: 'reset-filters', text: 'Reset filters', onclick: () => actions.setFilters({ entityKinds: [...ENTITY_KINDS], edgeKinds: [...EDGE_KINDS], clusters: null, onlyKeyNodes: false, onlyFlagged: false, onlyBorderClusters: false, commodity: null, dateFrom: null, dateTo: null }) }));
}

/** Shipments per month as bars, with two handles that brush a date range. */
function renderTimeline(root: HTMLElement, model: ViewModel, f: Filters, actions: ControlActions): void {
  const months = model.months;
  if (months.length === 0) return;
  const max = Math.max(1, ...months.map((m) => m.shipments));
  const fromIndex = f.dateFrom === null ? 0 : Math.max(0, months.findIndex((m) => m.month >= f.dateFrom!.slice(0, 7)));
  const toFound = f.dateTo === null ? -1 : months.findIndex((m) => m.month > f.dateTo!.slice(0, 7));
  const toIndex = f.dateTo === null ? months.length - 1 : toFound === -1 ? months.length - 1 : Math.max(0, toFound - 1);
  const svgNs = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(svgNs, 'svg');
  svg.setAttribute('viewBox', `0 0 ${months.length} 40`);
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.setAttribute('class', 'histogram');
  svg.setAttribute('aria-hidden', 'true');
  months.forEach((m, i) => {
    const h = (m.shipments / max) * 38;
    const rect = document.createElementNS(svgNs, 'rect');
    rect.setAttribute('x', String(i + 0.1));
    rect.setAttribute('y', String(40 - h));
    rect.setAttribute('width', '0.8');
    rect.setAttribute('height', String(h));
    rect.setAttribute('class', i >= fromIndex && i <= toIndex ? 'in' : 'out');
    svg.appendChild(rect);
  });
  const from = el('input', { type: 'range', id: 'date-from', min: 0, max: months.length - 1, value: fromIndex, 'aria-label': 'First month shown' });
  const to = el('input', { type: 'range', id: 'date-to', min: 0, max: months.length - 1, value: toIndex, 'aria-label': 'Last month shown' });
  const lastDay = (month: string) => {
    const [y, m] = month.split('-').map(Number);
    return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
  };
  const commit = () => {
    let a = Number(from.value);
    let b = Number(to.value);
    if (a > b) [a, b] = [b, a];
    actions.setFilters({ dateFrom: a === 0 ? null : `${months[a].month}-01`, dateTo: b === months.length - 1 ? null : lastDay(months[b].month) });
  };
  from.addEventListener('change', commit);
  to.addEventListener('change', commit);
  append(
    root,
    el(
      'fieldset',
      { className: 'timeline' },
      el('legend', { text: 'Shipment dates' }),
      svg,
      from,
      to,
      el('p', { id: 'date-range', className: 'hint', text: `${f.dateFrom ?? model.dateRange![0]} to ${f.dateTo ?? model.dateRange![1]}` }),
    ),
  );
}

/**
 * The counts of what is drawn, over room for the counts of everything (hidden, in the same cell; digits of one width):
 * the header does not change height when the counts get shorter, nor the graph below it its size (a resize of every
 * canvas Sigma draws on).
 */
export function renderCounts(root: HTMLElement, model: ViewModel, v: Visibility): void {
  clear(root);
  const words = (c: Visibility['counts'], ids: boolean) => {
    const id = (name: string) => (ids ? { id: `count-${name}` } : {});
    const w = countWords(model.report, model.nodes.length, c);
    return [
      el('span', { ...id('entities'), text: w.entities }),
      ' · ',
      el('span', { ...id('ties'), text: w.ties }),
      ' · ',
      el('span', { ...id('shipments'), text: w.shipments }),
      ' · ',
      el('span', { ...id('flagged'), text: w.flagged }),
    ];
  };
  append(root, el('span', { className: 'counts-now' }, ...words(v.counts, true)), el('span', { className: 'counts-room', 'aria-hidden': 'true' }, ...words(allCounts(model), false)));
}

/** A list that can be folded away, with its heading. */
function listSection(title: string, list: HTMLElement, open = true, hint?: string): HTMLElement {
  return el('details', { className: 'section', open }, el('summary', {}, el('h3', { text: title })), hint ? el('p', { className: 'hint', text: hint }) : null, list);
}

/**
 * The lists, each clickable: clusters (near a border first, then by flagged members) and company groups (the same
 * order), the people and companies behind the flags (strongest first), key nodes (ranked).
 */
export function renderLists(root: HTMLElement, model: ViewModel, actions: ControlActions): void {
  clear(root);
  const report = model.report;
  const nearFirst = <T extends { borderProximate: boolean; size: number; id: number }>(a: T, b: T, fa: number, fb: number) =>
    Number(b.borderProximate) - Number(a.borderProximate) || fb - fa || b.size - a.size || a.id - b.id;

  const groups = [...report.groups].filter((g) => g.size > 1).sort((a, b) => nearFirst(a, b, a.flags, b.flags)).slice(0, 100);
  const gl = el('ol', { id: 'group-list', className: 'list' });
  for (const g of groups) {
    const where = proximity(g, report.parameters.radiusKm);
    const controllers = g.controllers.slice(0, 2).map((c) => model.byId.get(c)?.name ?? c);
    append(
      gl,
      el(
        'li',
        {},
        el(
          'button',
          { type: 'button', 'data-group': g.id, onclick: () => actions.selectGroup(g.id) },
          el('strong', { text: `Group ${g.id}` }),
          ` · ${plural(g.size, 'entity', 'entities')} · ${g.countries.join(', ') || 'countries unknown'}`,
          el('span', { className: `where${where.near ? ' near' : ''}`, text: where.detail === '' ? where.status : `${where.status} · ${where.detail}` }),
          g.flags > 0 ? el('span', { className: 'meta line', text: `${plural(g.flags, 'flag', 'flags')} on ${plural(g.flaggedMembers, 'member', 'members')}` }) : null,
          controllers.length > 0 ? el('span', { className: 'meta line', text: `behind its flags: ${controllers.join(', ')}${g.controllers.length > 2 ? ` and ${int(g.controllers.length - 2)} more` : ''}` }) : null,
        ),
      ),
    );
  }

  const ctl = el('ol', { id: 'controller-list', className: 'list' });
  const nameOf = (id: string) => model.byId.get(id)?.name ?? id;
  for (const c of report.controllers.slice(0, 100)) {
    const shown = c.companies.slice(0, 3);
    append(
      ctl,
      el(
        'li',
        {},
        el(
          'button',
          { type: 'button', 'data-id': c.id, onclick: () => actions.select(c.id) },
          el('strong', { text: c.name }),
          el('span', { className: 'meta', text: ` ${c.kind}${c.country ? `, ${c.country}` : ''}${c.keyNodeRank !== null ? `, key node #${c.keyNodeRank}` : ''}` }),
          el('span', { className: 'meta line', text: `${plural(controlledCount(c), 'flagged company', 'flagged companies')}; ${countsText(c.flags)}` }),
          el(
            'ul',
            { className: 'companies' },
            ...shown.map((x) => el('li', {}, el('span', { className: 'company', text: x.name }), ` (${plural(x.flags, 'flag', 'flags')}): ${pathWords(x.path, nameOf)}`)),
            controlledCount(c) > shown.length ? el('li', { className: 'meta', text: `and ${int(controlledCount(c) - shown.length)} more` }) : null,
          ),
        ),
      ),
    );
  }

  const clusters = [...report.clusters].filter((c) => c.size > 1).sort((a, b) => nearFirst(a, b, a.flaggedMembers, b.flaggedMembers)).slice(0, 100);
  const cl = el('ol', { id: 'cluster-list', className: 'list' });
  for (const c of clusters) {
    const hub = model.byId.get(c.hub);
    const where = proximity(c, report.parameters.radiusKm);
    append(
      cl,
      el(
        'li',
        {},
        el(
          'button',
          { type: 'button', 'data-cluster': c.id, onclick: () => actions.focusCluster(c.id) },
          el('span', { className: 'swatch', style: `background:${clusterColor(c.id)}` }),
          el('strong', { text: ` Cluster ${c.id}` }),
          ` · ${int(c.size)} · ${hub ? hub.name : c.hub}`,
          el('span', { className: `where${where.near ? ' near' : ''}`, text: where.detail === '' ? where.status : `${where.status} · ${where.detail}` }),
          c.flaggedMembers ? el('span', { className: 'meta line', text: `${plural(c.flaggedMembers, 'flagged member', 'flagged members')}` }) : null,
        ),
      ),
    );
  }

  const kl = el('ol', { id: 'key-list', className: 'list' });
  for (const k of report.keyNodes) {
    append(
      kl,
      el(
        'li',
        {},
        el(
          'button',
          { type: 'button', 'data-id': k.id, onclick: () => actions.select(k.id) },
          el('strong', { text: `${k.rank}. ${k.name}` }),
          el('span', { className: 'meta line', text: `${ROLE_WORDS[k.role] ?? k.role} · score ${k.score.toFixed(2)}${k.articulation ? ' · articulation point' : ''}${k.flags ? ` · ${plural(k.flags, 'flag', 'flags')}` : ''}` }),
        ),
      ),
    );
  }

  // The overview of a large report lists the first of the whole report's controllers, and none of its company groups
  // (a group is shown with the cluster or entity it is part of): the headings and hints count the whole report's.
  const totals = overviewOf(report)?.totals ?? null;
  const controllerCount = totals?.controllers ?? report.controllers.length;
  const controllersHint =
    controllerCount === 0
      ? 'No flagged company has a known controller.'
      : `Who controls flagged companies: ownership of 25 % or more, directorship, along chains and through relatives.${totals !== null && controllerCount > report.controllers.length ? ` The first ${int(report.controllers.length)} of ${int(controllerCount)}; pick one to open its neighbourhood.` : ''}`;
  const groupsHint =
    totals !== null
      ? `${plural(totals.groups, 'company group', 'company groups')} of two or more in the report: open a cluster or an entity to see those it is part of.`
      : groups.length === 0
        ? 'No company group of two or more.'
        : 'Entities joined by ownership, directorship, family, a shared address or phone. Select one to see its members.';
  append(
    root,
    listSection(`People and companies behind the flags (${int(controllerCount)})`, ctl, true, controllersHint),
    listSection(`Company groups (${int(totals?.groups ?? groups.length)})`, gl, true, groupsHint),
    listSection(`Key nodes (${report.keyNodes.length})`, kl),
    listSection(`Clusters (${clusters.length})`, cl),
  );
}
