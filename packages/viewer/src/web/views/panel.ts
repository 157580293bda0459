import type { Report, ReportEntity } from '@chokepoint/report';
import type { ViewModel } from '../core/model';
import { EDGE_STYLE } from '../core/style';
import { append, clear, el, int } from './dom';

export interface PanelActions {
  select(id: string | null): void;
  focusCluster(id: number): void;
}

function row(label: string, value: string | number | null | undefined): HTMLElement | null {
  if (value === null || value === undefined || value === '') return null;
  return el('div', { className: 'row' }, el('dt', { text: label }), el('dd', { text: String(value) }));
}

function entityButton(model: ViewModel, id: string, actions: PanelActions): HTMLElement {
  const e = model.byId.get(id);
  return el('button', { className: 'link', type: 'button', text: e ? `${e.name} (${id})` : id, onclick: () => actions.select(id) });
}

function quantity(s: Report['shipments'][number]): string {
  if (s.quantityKg !== undefined) return `${int(s.quantityKg)} kg`;
  if (s.quantity !== undefined) return `${int(s.quantity)} ${s.unit ?? ''}`;
  return '';
}

/** The side panel for one entity: attributes, cluster, key-node reasons, flags with evidence, shipments, ties. */
export function renderPanel(panel: HTMLElement, model: ViewModel, id: string | null, actions: PanelActions): void {
  clear(panel);
  const report = model.report;
  if (id === null || !model.byId.has(id)) {
    append(
      panel,
      el('h2', { text: 'Nothing selected' }),
      el('p', { className: 'hint', text: 'Search for an entity, click a node, or pick one from the lists to see its details here.' }),
      el('p', { className: 'disclaimer', text: report.disclaimer }),
    );
    return;
  }
  const e: ReportEntity = report.entities[model.byId.get(id)!.index];
  const cluster = model.clusters.get(e.cluster);
  const key = report.keyNodes.find((k) => k.id === id);
  append(panel, el('h2', { id: 'panel-title', text: e.name }), el('p', { className: 'subtitle', text: `${e.kind} · ${e.id}` }));

  const facts = el('dl', { className: 'facts' });
  append(
    facts,
    row('Country', e.country),
    row('City', e.city),
    row('Address', e.address),
    row('Coordinates', e.lat !== null && e.lon !== null ? `${e.lat}, ${e.lon}` : null),
    row('Sector', e.sector),
    row('ISIC', e.isic),
    row('Employees', e.employees),
    row('Founded', e.founded),
    row('Nearest crossing', e.nearestCrossing ? `${e.nearestCrossing.name}, ${e.nearestCrossing.distanceKm.toFixed(1)} km` : null),
    row('Betweenness', e.betweenness.toFixed(4)),
    row('Ties', e.degree),
  );
  for (const [k, v] of Object.entries(e.attributes)) append(facts, row(k, v));
  append(panel, facts);

  if (cluster) {
    append(
      panel,
      el('h3', { text: `Cluster ${cluster.id}` }),
      el(
        'p',
        {},
        `${int(cluster.size)} entities${cluster.borderProximate ? ', near a border crossing' : ''}` +
          (cluster.nearestPlace ? ` (median ${cluster.nearestPlace.distanceKm.toFixed(1)} km from ${cluster.nearestPlace.name})` : '') +
          '. ',
        el('button', { className: 'link', type: 'button', text: 'Show the cluster', onclick: () => actions.focusCluster(cluster.id) }),
      ),
    );
  }

  if (key) {
    append(panel, el('h3', { text: `Key node #${key.rank} (score ${key.score.toFixed(2)})` }));
    append(panel, el('ul', {}, ...key.reasons.map((r) => el('li', { text: r }))));
  }

  const flags = report.flags.filter((f) => f.entities.includes(id));
  append(panel, el('h3', { text: `Red flags (${flags.length})` }));
  if (flags.length === 0) append(panel, el('p', { className: 'hint', text: 'None.' }));
  else append(panel, el('p', { className: 'hint', text: 'Indicators for review, not verdicts.' }));
  for (const f of flags) {
    const details = el('details', { className: `flag severity-${f.severity}` });
    append(
      details,
      el('summary', {}, el('span', { className: 'badge', text: f.severity }), ` ${f.title}`),
      el('p', { text: f.summary }),
      el('pre', { className: 'evidence', text: JSON.stringify(f.evidence, null, 2) }),
      el('p', { className: 'source', text: `Source: ${f.source}` }),
    );
    append(panel, details);
  }

  const shipments = report.shipments.filter((s) => s.supplier === id || s.buyer === id || s.consignee === id || s.payer === id);
  append(panel, el('h3', { text: `Shipments in and out (${shipments.length})` }));
  if (shipments.length > 0) {
    const table = el('table', { className: 'shipments' });
    append(table, el('thead', {}, el('tr', {}, ...['Date', 'Way', 'Other party', 'Commodity', 'Quantity'].map((h) => el('th', { text: h })))));
    const body = el('tbody');
    for (const s of shipments.slice(0, 200)) {
      const outgoing = s.supplier === id;
      const other = outgoing ? s.buyer : s.supplier;
      const role = outgoing ? 'out' : s.buyer === id ? 'in' : s.consignee === id ? 'in (consignee)' : 'paid';
      append(
        body,
        el(
          'tr',
          {},
          el('td', { text: s.shipped ?? s.received ?? '' }),
          el('td', { text: role }),
          el('td', {}, entityButton(model, other, actions)),
          el('td', { text: `${s.commodity}${s.hsCode ? ` (HS ${s.hsCode})` : ''}` }),
          el('td', { text: quantity(s) }),
        ),
      );
    }
    append(table, body);
    append(panel, table);
    if (shipments.length > 200) append(panel, el('p', { className: 'hint', text: `and ${int(shipments.length - 200)} more (see the report).` }));
  }

  const ties = report.relations.filter((r) => r.source === id || r.target === id);
  append(panel, el('h3', { text: `Ties (${ties.length})` }));
  const list = el('ul', { className: 'ties' });
  for (const r of ties) {
    const other = r.source === id ? r.target : r.source;
    const words = EDGE_STYLE[r.kind].label;
    append(list, el('li', {}, `${words}${r.share !== undefined ? ` ${r.share}%` : ''}${r.source === id ? ' → ' : ' ← '}`, entityButton(model, other, actions)));
  }
  append(panel, list);
}
