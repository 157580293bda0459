import type { Report, ReportEntity, ReportGroup, ReportShipment } from '@chokepoint/report';
import { CONTROLLED_NAMED, controlledCount } from '@chokepoint/report/types';
import { chokepointLines, MEASURES, pathWords, proximity, proximityText, ROLE_WORDS, tieWords } from '../core/findings';
import { countsText, coverageText, flagsByRule, flagText, ruleTable, severityCounts } from '../core/flags';
import { amount, flowAmount, goodsLabel, int, km, knownOrigin, money, originText, percent, plural, quantityIn, ratesFarFromShipments, shipmentQuantityParts, shipmentValue, unitLabel } from '../core/format';
import type { ViewModel } from '../core/model';
import { entityName } from '../core/same';
import { scopeOf } from '../core/scope';
import { EDGE_STYLE } from '../core/style';
import type { PanelCaseHooks } from './case-view';
import { append, clear, el, moneyEl, table, type Child } from './dom';
import { queueSection } from './queue';

export interface PanelActions {
  select(id: string | null): void;
  selectGroup(id: number | null): void;
  focusCluster(id: number): void;
  /** The case's notes and review statuses shown in the panel (views/case-view.ts), once the case is loaded. */
  caseHooks?: PanelCaseHooks;
}

type Flag = Report['flags'][number];

function row(label: string, value: Child | string | number | null | undefined): HTMLElement | null {
  if (value === null || value === undefined || value === '') return null;
  return el('div', { className: 'row' }, el('dt', { text: label }), el('dd', {}, typeof value === 'number' ? String(value) : value));
}

function entityButton(model: ViewModel, id: string, actions: PanelActions, withId = true): HTMLElement {
  // (an entity of a large report that the piece shown does not hold: named when the overview named it)
  const name = entityName(model, id);
  return el('button', { className: 'link', type: 'button', 'data-id': id, text: name !== undefined ? (withId ? `${name} (${id})` : name) : id, onclick: () => actions.select(id) });
}

function groupButton(group: ReportGroup, actions: PanelActions, text = `Company group ${group.id}`): HTMLElement {
  return el('button', { className: 'link', type: 'button', 'data-group': group.id, text, onclick: () => actions.selectGroup(group.id) });
}

/** A section that can be folded away, open by default. */
function section(title: string, id: string, open = true, ...children: Child[]): HTMLDetailsElement {
  return el('details', { className: 'section', id, open }, el('summary', {}, el('h3', { text: title })), ...children);
}

function overviewLink(actions: PanelActions): HTMLElement {
  return el('button', { className: 'link back', id: 'panel-overview', type: 'button', text: '← Report overview', onclick: () => actions.select(null) });
}

/** The side panel: the selected entity, the selected company group, or the report's overview. */
export function renderPanel(panel: HTMLElement, model: ViewModel, selection: { selected: string | null; group: number | null }, actions: PanelActions): void {
  clear(panel);
  if (selection.selected !== null && model.byId.has(selection.selected)) renderEntity(panel, model, selection.selected, actions);
  else if (selection.group !== null && model.groups.has(selection.group)) renderGroup(panel, model, model.groups.get(selection.group)!, actions);
  else renderOverview(panel, model, actions);
  panel.scrollTop = 0;
}

// ---------------------------------------------------------------------------------------------------------------
// One entity

function renderEntity(panel: HTMLElement, model: ViewModel, id: string, actions: PanelActions): void {
  const report = model.report;
  const e: ReportEntity = report.entities[model.byId.get(id)!.index];
  const cluster = model.clusters.get(e.cluster);
  const group = e.group === 0 ? undefined : model.groups.get(e.group);
  append(panel, overviewLink(actions), el('h2', { id: 'panel-title', text: e.name }), el('p', { className: 'subtitle', text: `${e.kind} · ${e.id}` }));

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
    row('Company group', group ? el('span', { id: 'panel-group' }, groupButton(group, actions), ` · ${plural(group.size, 'entity', 'entities')}, ${proximityText(group, model.report.parameters.radiusKm)}`) : 'none (no ownership, director, family, address or phone tie)'),
    row('Nearest crossing', e.nearestCrossing ? `${e.nearestCrossing.name}, ${km(e.nearestCrossing.distanceKm)} km` : null),
    row('Betweenness', e.betweenness.toFixed(4)),
    row('Ties', e.degree),
  );
  // Screening against lists: the listed parties it matches, and how far it is from the nearest one.
  if (e.listed !== undefined) append(facts, row('Listed', el('span', { id: 'panel-listed' }, `matches ${e.listed.map((l) => `${l.listedName} (${l.listedId}) on ${l.list}, score ${l.score.toFixed(2)}`).join('; ')} — a lead to verify, not an identification`)));
  const path = report.screening?.paths.find((p) => p.entity === e.id);
  if (path !== undefined && path.hops !== null && path.hops > 0) {
    const via = path.steps.map((s) => `${s.kinds.join('/').replace(/_/g, ' ')} → ${model.byId.get(s.to)?.name ?? s.to}`).join(', ');
    append(facts, row('Nearest listed party', el('span', { id: 'panel-listed-path' }, `${plural(path.hops, 'tie', 'ties')}: ${via}`)));
  }
  for (const [k, v] of Object.entries(e.attributes)) append(facts, row(k, v));
  append(facts, row('Read from', originText(e.origin)));
  append(panel, facts);

  if (cluster) {
    append(
      panel,
      el('h3', { text: `Cluster ${cluster.id}` }),
      el('p', {}, `${plural(cluster.size, 'entity', 'entities')}, ${proximityText(cluster, model.report.parameters.radiusKm)}. `, el('button', { className: 'link', type: 'button', text: 'Show the cluster', onclick: () => actions.focusCluster(cluster.id) })),
    );
  }

  const key = model.keyNodes.get(id);
  if (key) {
    const measureRows = MEASURES.map(({ key: m, label }) => {
      const v = key.measures[m];
      return el(
        'div',
        { className: 'measure' },
        el('span', { className: 'measure-label', text: label }),
        el('span', { className: 'bar', 'aria-hidden': 'true' }, el('span', { style: `width:${Math.round(Math.max(0, Math.min(1, v)) * 100)}%` })),
        el('span', { className: 'measure-value', text: v.toFixed(2) }),
      );
    });
    const cut = key.flowCut && key.flowCut.amount > 0 && report.chokepoints?.flowCut ? `${percent(key.flowCut.share)} of the flow (${flowAmount(key.flowCut.amount, report.chokepoints.flowCut.measure, report.chokepoints.valueCurrency)})` : null;
    append(
      panel,
      el(
        'section',
        { className: 'key-node', id: 'panel-key' },
        el('h3', { text: `Key node #${key.rank}: ${ROLE_WORDS[key.role] ?? key.role}` }),
        el('p', { className: 'hint', text: `Score ${key.score.toFixed(2)}, the weighted sum of five measures, each from 0 to 1 (role: ${key.role}, the measure that weighs most).` }),
        el('div', { className: 'measures' }, ...measureRows),
        cut ? el('p', { className: 'hint', text: `Flow lost without it: ${cut}.` }) : null,
        el('ul', { className: 'reasons' }, ...key.reasons.map((r) => el('li', { text: r }))),
      ),
    );
  }

  const controller = model.controllers.get(id);
  const nameOf = (x: string) => model.byId.get(x)?.name ?? x;
  if (controller) {
    const rows = controller.companies.map((c) => [entityButton(model, c.id, actions, false), String(c.flags), pathWords(c.path, nameOf)]);
    append(
      panel,
      el(
        'section',
        { id: 'panel-controls' },
        el('h3', { text: `Behind ${plural(controlledCount(controller), 'flagged company', 'flagged companies')}` }),
        el('p', { className: 'hint', text: `${countsText(controller.flags)} on the companies it controls (ownership of 25 % or more, directorship, along chains and through relatives)${controller.keyNodeRank !== null ? `; key node #${controller.keyNodeRank}` : ''}${controlledCount(controller) > controller.companies.length ? `; the ${int(controller.companies.length)} most flagged listed` : ''}. Where to look: who decides for these companies.` }),
        table('controls', ['Company', 'Flags', 'How it controls it'], rows),
      ),
    );
  }

  const behind = model.report.controllers.flatMap((c) => c.companies.filter((x) => x.id === id).map((x) => ({ c, x })));
  // Controllers of more flagged companies than the report names for each (the most flagged) in this company's group:
  // they may control it too without naming it.
  const unnamed = e.group === 0 || e.flags.length === 0 ? 0 : model.report.controllers.filter((c) => c.group === e.group && controlledCount(c) > c.companies.length && !behind.some((b) => b.c === c)).length;
  if (behind.length > 0 || unnamed > 0) {
    append(
      panel,
      el('h3', { text: `Controlled by (${behind.length}${unnamed > 0 ? ' named' : ''})` }),
      behind.length === 0 ? null : el('ul', { className: 'ties', id: 'panel-controlled-by' }, ...behind.map(({ c, x }) => el('li', {}, entityButton(model, c.id, actions, false), ` — ${pathWords(x.path, nameOf)}`))),
      unnamed > 0 ? el('p', { className: 'hint', id: 'panel-controlled-by-unnamed', text: `${plural(unnamed, 'other controller', 'other controllers')} in its company group ${unnamed === 1 ? 'controls' : 'control'} more flagged companies than the report names for each (it names the ${CONTROLLED_NAMED} most flagged): ${unnamed === 1 ? 'it' : 'they'} may control this one too.` }) : null,
    );
  }

  const choke = chokepointLines(report, id);
  if (choke.length > 0) append(panel, el('h3', { text: 'Supply chokepoints' }), el('ul', { className: 'reasons', id: 'panel-chokepoints' }, ...choke.map((l) => el('li', { text: l }))));

  const flags = report.flags.filter((f) => f.entities.includes(id));
  renderFlags(panel, model, flags, actions.caseHooks);
  append(panel, actions.caseHooks?.same(id));
  append(panel, actions.caseHooks?.entity(id));

  renderShipments(panel, model, id, actions);
  renderTies(panel, model, id, actions);
}

// ---------------------------------------------------------------------------------------------------------------
// Red flags, grouped by rule

/** A flag's table of facts: what the rule saw, and under it, where the rule gives one, the threshold it held it against. */
function factsTable(f: Flag): HTMLElement | null {
  const facts = f.explanation?.facts ?? [];
  if (facts.length === 0) return null;
  return table(
    'flag-facts',
    ['', 'In the data (against the rule)'],
    facts.map((x) => [x.label, el('span', {}, x.value, x.threshold ? el('span', { className: 'threshold', text: `rule: ${x.threshold}` }) : null)]),
  );
}

function renderFlags(panel: HTMLElement, model: ViewModel, flags: Flag[], caseHooks?: PanelCaseHooks): void {
  const groups = flagsByRule(flags, model.report.flagRules);
  const counts = severityCounts(flags);
  append(panel, el('h3', { id: 'panel-flags', text: `Red flags (${flags.length})` }));
  if (flags.length === 0) {
    append(panel, el('p', { className: 'hint', text: 'None.' }));
    return;
  }
  append(panel, el('p', { className: 'hint', text: `${countsText(counts)} from ${plural(groups.length, 'rule', 'rules')}. Indicators for review, not verdicts.` }));
  groups.forEach((g, gi) => {
    const worst = g.counts.high > 0 ? 'high' : g.counts.medium > 0 ? 'medium' : 'low';
    const rule = el(
      'details',
      { className: `rule-flags severity-${worst}`, 'data-rule': g.rule, open: gi === 0 },
      el('summary', {}, el('span', { className: 'rule-title', text: g.title }), el('span', { className: 'meta', text: ` · ${countsText(g.counts)}` })),
    );
    g.flags.forEach((f, fi) => {
      const index = f.shipment === undefined ? undefined : model.shipmentIndex.get(f.shipment);
      const text = flagText(f, index === undefined ? undefined : model.report.shipments[index]);
      const item = el(
        'details',
        { className: `flag severity-${f.severity}`, 'data-flag': f.id, open: gi === 0 && fi === 0 },
        el('summary', {}, el('span', { className: 'headline' }, el('span', { className: 'badge', text: f.severity }), ` ${text.label}`), caseHooks?.flagBadge(f.id)),
        ...text.sentences.map((s) => el('p', { text: s })),
        factsTable(f),
        g.source === null ? el('p', { className: 'source', text: `Source: ${f.source}` }) : null,
        caseHooks?.flag(f.id),
      );
      append(rule, item);
    });
    if (g.coverage !== null && g.coverage.notJudged.length > 0) {
      const c = coverageText(g.coverage);
      append(rule, el('p', { className: 'coverage', text: `In this run the rule ${c.judged}; it could not fully judge ${c.notJudged.join('; ')}.` }));
    }
    if (g.source !== null) append(rule, el('p', { className: 'source', text: `Source: ${g.source}` }));
    append(panel, rule);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Shipments and ties

function shipmentRole(s: ReportShipment, id: string): { way: string; other: string } {
  if (s.supplier === id) return { way: 'sold to', other: s.buyer };
  if (s.buyer === id) return { way: 'bought from', other: s.supplier };
  if (s.consignee === id) return { way: 'received, bought by', other: s.buyer };
  return { way: 'paid for, bought by', other: s.buyer };
}

function goods(s: ReportShipment): string {
  return `${goodsLabel(s)}${s.concentration !== undefined ? `, ${amount(s.concentration)} %` : ''}`;
}

/** Where weights came from volumes: each density used, with its source, once. */
function densityNotes(shipments: readonly ReportShipment[]): HTMLElement | null {
  const bases = new Map<string, number>();
  for (const s of shipments) {
    if (s.kgBasis?.density === undefined) continue;
    const text = `${amount(s.kgBasis.density)} kg/l: ${s.kgBasis.source}`;
    bases.set(text, (bases.get(text) ?? 0) + 1);
  }
  if (bases.size === 0) return null;
  return el('div', { className: 'source density-basis' }, el('p', { text: 'Weighed from volumes, with these densities:' }), el('ul', {}, ...[...bases].map(([text, n]) => el('li', { text: `${text} (${plural(n, 'shipment', 'shipments')})` }))));
}

/** Rows of a shipments table: date, (way and other party), goods, quantity with its unit and value with its currency. */
function shipmentRows(model: ViewModel, list: readonly ReportShipment[], id: string | null, actions: PanelActions): Child[][] {
  return list.map((s) => {
    // The date, and under it the line of the input it was read from (the file and line in full on hover).
    const where = knownOrigin(s.origin);
    const cells: Child[] = [where === null ? (s.shipped ?? s.received ?? '') : el('span', {}, s.shipped ?? s.received ?? '', el('br'), el('span', { className: 'origin', title: originText(where)!, text: `line ${int(where.line)}` }))];
    if (id !== null) {
      const { way, other } = shipmentRole(s, id);
      cells.push(el('span', {}, `${way} `, entityButton(model, other, actions, false)));
    }
    // The weight worked out beside a count or a volume ("(30.2 kg, declared)") on a line of its own: kept on the
    // quantity's line, it widened the column until the goods' words broke in the middle.
    const lines = shipmentQuantityParts(s);
    const parts: Child[] = lines.flatMap((text, k) => [k > 0 ? el('br') : null, el('span', { className: 'qty', text })]);
    cells.push(
      goods(s),
      el('span', {}, ...parts, lines.length > 0 && s.value !== undefined ? el('br') : null, s.value === undefined ? null : moneyEl(shipmentValue(s))),
    );
    return cells;
  });
}

function renderShipments(panel: HTMLElement, model: ViewModel, id: string, actions: PanelActions): void {
  const report = model.report;
  const shipments = report.shipments.filter((s) => s.supplier === id || s.buyer === id || s.consignee === id || s.payer === id);
  append(panel, el('h3', { text: `Shipments in and out (${shipments.length})` }));
  if (shipments.length === 0) return;
  const shown = shipments.slice(0, 200);
  append(panel, table('shipments', ['Date', 'With', 'Goods', 'Quantity, value'], shipmentRows(model, shown, id, actions)));
  append(panel, densityNotes(shown));
  if (shipments.length > 200) append(panel, el('p', { className: 'hint', text: `and ${int(shipments.length - 200)} more (see the report).` }));
}

function renderTies(panel: HTMLElement, model: ViewModel, id: string, actions: PanelActions): void {
  const report = model.report;
  const ties = model.edges.filter((e) => e.kind !== 'shipment' && (e.source === id || e.target === id));
  append(panel, el('h3', { text: `Ties (${ties.length})` }));
  const list = el('ul', { className: 'ties', id: 'panel-ties' });
  for (const t of ties) {
    const r = report.relations[t.index];
    const outgoing = r.source === id;
    const other = outgoing ? r.target : r.source;
    const item = el(
      'li',
      { 'data-kind': r.kind },
      el('span', { className: 'swatch', style: `background:${EDGE_STYLE[r.kind].color}` }),
      ` ${tieWords(r.kind, outgoing, r.share)} `,
      entityButton(model, other, actions),
      r.start || r.end ? el('span', { className: 'meta', text: ` (${r.start ?? '…'} to ${r.end ?? '…'})` }) : null,
      actions.caseHooks?.tie(r.source, r.target, r.kind),
    );
    if (t.shipments.length > 0) {
      const via = t.shipments.map((i) => report.shipments[i]);
      append(
        item,
        el('div', { className: 'meta', text: `behind this tie, ${plural(via.length, 'shipment', 'shipments')}:` }),
        table('shipments via', ['Date', 'Goods', 'Quantity, value'], shipmentRows(model, via, null, actions)),
      );
    }
    append(list, item);
  }
  append(panel, list);
}

// ---------------------------------------------------------------------------------------------------------------
// A company group

function renderGroup(panel: HTMLElement, model: ViewModel, g: ReportGroup, actions: PanelActions): void {
  const report = model.report;
  const where = proximity(g, report.parameters.radiusKm);
  append(
    panel,
    overviewLink(actions),
    el('h2', { id: 'panel-title', text: `Company group ${g.id}` }),
    el('p', { className: 'subtitle', text: `${plural(g.size, 'entity', 'entities')} · ${g.countries.join(', ') || 'countries unknown'}` }),
    el('p', { className: 'hint', text: 'Entities joined by ownership, directorship, family, a shared address or phone, followed across borders: a unit of its own beside the clusters.' }),
  );
  const facts = el('dl', { className: 'facts' });
  append(
    facts,
    row('Where', el('span', { id: 'panel-proximity', className: where.near ? 'near' : '' }, where.detail === '' ? where.status : `${where.status} · ${where.detail}`)),
    row('Located', `${int(g.located)} of ${int(g.size)} members; ${int(g.withinRadius)} within ${km(report.parameters.radiusKm)} km of a crossing`),
    g.nearestPlace ? row('Closest member', `${km(g.nearestPlace.minDistanceKm)} km from ${g.nearestPlace.name}`) : null,
    row('Joined by', g.tieKinds.map((t) => `${t.kind.replace(/_/g, ' ')} ${int(t.count)}`).join(', ')),
    row('In clusters', el('span', {}, ...g.clusters.flatMap((c, i) => [i > 0 ? ', ' : null, el('button', { className: 'link', type: 'button', text: String(c), onclick: () => actions.focusCluster(c) })]))),
    row('Red flags', g.flags > 0 ? `${plural(g.flags, 'red flag', 'red flags')} on ${plural(g.flaggedMembers, 'member', 'members')}` : 'none'),
  );
  append(panel, facts);

  if (g.controllers.length > 0) {
    append(panel, el('h3', { text: `Behind its flags (${g.controllers.length})` }));
    append(
      panel,
      el(
        'ul',
        { className: 'ties', id: 'panel-group-controllers' },
        ...g.controllers.map((c) => {
          const ctl = model.controllers.get(c);
          return el('li', {}, entityButton(model, c, actions, false), ctl ? el('span', { className: 'meta', text: ` — ${plural(controlledCount(ctl), 'flagged company', 'flagged companies')}, ${countsText(ctl.flags)}` }) : null);
        }),
      ),
    );
  }

  const members = new Set(g.members);
  const flags = report.flags.filter((f) => f.entities.some((m) => members.has(m)));
  if (flags.length > 0) {
    append(panel, el('h3', { text: `Red flags on its members, by rule (${plural(flags.length, 'flag', 'flags')}${flags.length !== g.flags ? `; ${int(g.flags)} counted once per member they name` : ''})` }));
    append(panel, el('ul', { className: 'ties' }, ...flagsByRule(flags, report.flagRules).map((r) => el('li', {}, el('strong', { text: r.title }), el('span', { className: 'meta', text: ` · ${countsText(r.counts)}` })))));
  }

  append(panel, el('h3', { text: `Members (${g.size})` }));
  append(
    panel,
    el(
      'ul',
      { className: 'ties', id: 'panel-members' },
      ...g.members.map((m) => {
        const n = model.byId.get(m);
        return el('li', {}, entityButton(model, m, actions, false), el('span', { className: 'meta', text: ` ${n?.kind ?? ''}${n?.country ? `, ${n.country}` : ''}${n && n.flags.length > 0 ? `, ${plural(n.flags.length, 'flag', 'flags')}` : ''}` }));
      }),
    ),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// The overview: money, quantities, supply chokepoints, the rules

function renderOverview(panel: HTMLElement, model: ViewModel, actions: PanelActions): void {
  const report = model.report;
  append(
    panel,
    el('h2', { id: 'panel-title', text: 'Report overview' }),
    el('p', { className: 'hint', text: 'Search for an entity, click a node, or pick one from the lists to see its details here.' }),
    el('p', { className: 'disclaimer', text: report.disclaimer }),
  );
  append(panel, queueSection(model, (id) => actions.select(id)), moneySection(report), quantitySection(report), chokepointSection(model, actions), rulesSection(report));
}

function moneySection(report: Report): HTMLElement {
  const m = report.measures;
  const s = section('Money', 'overview-money');
  if (m.totals.length === 0) append(s, el('p', { className: 'hint', text: 'No shipment has a value.' }));
  else {
    append(
      s,
      el('p', { className: 'hint', text: 'Value of the shipments per currency, never added across currencies.' }),
      table('totals', ['Currency', 'Total', 'Shipments'], m.totals.map((t) => [t.currency, moneyEl(money(t.amount, t.currency)), int(t.shipments)])),
    );
  }
  if (m.withoutValue > 0) append(s, el('p', { className: 'hint', text: `${plural(m.withoutValue, 'shipment has', 'shipments have')} no value, or a value without a currency.` }));
  const cv = m.conversion;
  if (cv === null) append(s, el('p', { className: 'hint', text: 'No exchange rates were used: amounts in different currencies are not compared.' }));
  else {
    const when = cv.rateDates === null ? '' : cv.rateDates[0] === cv.rateDates[1] ? ` of ${cv.rateDates[0]}` : ` of ${cv.rateDates[0]} to ${cv.rateDates[1]}`;
    const sources = [...new Set(cv.rates.map((r) => r.source))];
    append(
      s,
      el('p', { id: 'overview-conversion', text: `Compared in ${cv.base} at the rates${when} (${cv.file}).` }),
      el(
        'ul',
        { className: 'rates', id: 'overview-rates' },
        ...cv.rates.map((r) =>
          el('li', {}, el('strong', { text: `${r.currency} ${r.perBase.toLocaleString('en-US', { maximumFractionDigits: 6 })} = ${cv.base} 1` }), ` on ${r.date}${sources.length > 1 ? ` (source ${sources.indexOf(r.source) + 1})` : ''}`),
        ),
      ),
      sources.length === 1
        ? el('p', { className: 'source', text: `Source: ${sources[0]}` })
        : el('ol', { className: 'source' }, ...sources.map((x) => el('li', { text: x }))),
    );
    if (cv.currenciesWithoutRate.length > 0) append(s, el('p', { className: 'hint', text: `No rate for ${cv.currenciesWithoutRate.map((c) => `${c.currency} (${plural(c.shipments, 'shipment', 'shipments')})`).join(', ')}: these values are not converted.` }));
    if (ratesFarFromShipments(cv) && cv.shipmentDates !== null) {
      append(s, el('p', { className: 'warning', text: `The rates are more than a year from the shipments (${cv.shipmentDates[0]} to ${cv.shipmentDates[1]}): converted values are rough.` }));
    }
  }
  return s;
}

function quantitySection(report: Report): HTMLElement {
  const q = report.measures.quantities;
  const s = section('Quantities', 'overview-quantities');
  if (q.byUnit.length === 0) {
    append(s, el('p', { className: 'hint', text: 'No shipment has a quantity.' }));
    return s;
  }
  append(
    s,
    table('units', ['Unit', 'Shipments', 'Weighed in kg'], q.byUnit.map((u) => [unitLabel(u.unit), int(u.shipments), int(u.weighed)])),
    el('p', { className: 'hint', text: `${q.weighedByDensity > 0 ? `${plural(q.weighedByDensity, 'shipment was', 'shipments were')} weighed from a volume with a density (shown on each). ` : ''}${(q.weighedByDeclaredMass ?? 0) > 0 ? `${plural(q.weighedByDeclaredMass!, 'shipment counted in another unit was', 'shipments counted in other units were')} weighed by the mass its row declares (marked “declared”). ` : ''}${q.unweighed > 0 ? `${plural(q.unweighed, 'shipment', 'shipments')} could not be weighed (lengths, areas, counts, unknown densities, no quantity): they stay in their unit.` : ''}` }),
  );
  return s;
}

function chokepointSection(model: ViewModel, actions: PanelActions): HTMLElement {
  const c = model.report.chokepoints;
  const s = section('Supply chokepoints', 'overview-chokepoints');
  if (c === null) {
    append(s, el('p', { className: 'hint', text: 'Not computed: no sources or targets could be chosen.' }));
    return s;
  }
  const names = (ids: readonly string[], max = 8): Child[] => [
    ...ids.slice(0, max).flatMap((x, i) => [i > 0 ? ', ' : null, entityButton(model, x, actions, false)]),
    ids.length > max ? ` and ${int(ids.length - max)} more` : null,
  ];
  const cur = c.valueCurrency;
  // A piece of a large report lists only its own sources, targets and shipments: the whole report's are counted.
  const counts = scopeOf(model.report)?.chokepointCounts ?? { sources: c.sources.length, targets: c.targets.length, shipments: c.shipments.length };
  const facts = el('dl', { className: 'facts' });
  append(
    facts,
    row('Goods', c.goods),
    row('Sources', `${plural(counts.sources, 'entity', 'entities')}: ${c.sourcesSelection}`),
    row('Targets', `${plural(counts.targets, 'entity', 'entities')}: ${c.targetsSelection}`),
    row('Shipments', `${plural(counts.shipments, 'shipment carries', 'shipments carry')} the flow`),
    row('Most that can flow', el('span', { id: 'overview-maxflow' }, c.noFlow.kg === null ? el('span', { className: 'qty', text: quantityIn(c.maxFlow.kg, 'kg') }) : 'no mass (below)', ' and ', c.noFlow.value === null && cur !== null ? moneyEl(money(c.maxFlow.value, cur)) : 'no value (below)')),
  );
  append(s, facts);
  const notes: Child[] = [];
  if (c.noFlow.kg !== null) notes.push(el('li', { className: 'no-flow' }, `No mass can flow: ${c.noFlow.kg}.`));
  if (c.noFlow.value !== null) notes.push(el('li', { className: 'no-flow' }, `No value can flow: ${c.noFlow.value}.`));
  if (cur !== null) notes.push(el('li', {}, `Values are in ${cur}${model.report.measures.conversion?.base === cur ? ', converted at the rates above' : ''}.`));
  if (c.sourcesAlsoTargets.length > 0) notes.push(el('li', { id: 'overview-sources-targets' }, `Both suppliers and receivers near a border (${c.sourcesAlsoTargets.length}), none dropped: what reaches them is delivered, what they sell to targets outside their own group counts from them: `, ...names(c.sourcesAlsoTargets)));
  if (c.insideGroups > 0) notes.push(el('li', {}, `${plural(c.insideGroups, 'shipment', 'shipments')} from a source straight to a target of its own company group: movements inside a group, not counted.`));
  if (c.unweighed.shipments > 0) notes.push(el('li', {}, `${plural(c.unweighed.shipments, 'shipment', 'shipments')} could not be weighed in kg (${c.unweighed.byUnit.map((u) => `${int(u.shipments)} in ${unitLabel(u.unit)}`).join(', ')}) and carry no mass in the flow.`));
  if (c.unvalued.shipments > 0) notes.push(el('li', {}, `${plural(c.unvalued.shipments, 'shipment has', 'shipments have')} no value${cur !== null ? ` in ${cur}` : ''} (${c.unvalued.byCurrency.map((u) => `${int(u.shipments)} ${u.currency === 'none' ? 'without a value' : `in ${u.currency}, no rate`}`).join(', ')}) and carry no value in the flow.`));
  if (c.dominators.length > 0) notes.push(el('li', {}, 'Every path from the sources to the reachable targets passes through ', ...names(c.dominators), '.'));
  for (const d of c.partialDominators.slice(0, 5)) notes.push(el('li', {}, `Every path to ${int(d.targets)} of ${int(c.reachableTargets)} reachable targets passes through `, entityButton(model, d.id, actions, false), '.'));
  if (c.vertexCut.length > 0) notes.push(el('li', {}, `Removing ${plural(c.vertexCut.length, 'entity', 'entities')} stops all of it: `, ...names(c.vertexCut.map((v) => v.id)), '.'));
  append(s, el('ul', { className: 'reasons', id: 'overview-chokepoint-notes' }, ...notes));

  if (c.flowCut !== null && c.flowCut.entities.length > 0) {
    const fc = c.flowCut;
    append(
      s,
      el('h4', { text: `Flow lost without each (${fc.measure === 'value' ? `value, ${cur}` : fc.measure})` }),
      table('flow-cut', ['Entity', 'Lost', 'Share'], fc.entities.map((e) => [entityButton(model, e.id, actions, false), fc.measure === 'value' ? moneyEl(flowAmount(e.amount, 'value', cur)) : flowAmount(e.amount, fc.measure, cur), percent(e.share)])),
    );
  }
  if (c.disruption.length > 0) {
    append(
      s,
      el('h4', { text: 'Fragility curve' }),
      el('p', { className: 'hint', text: 'Entities removed one at a time, each time the one that cuts the most; after each removal, what is still deliverable ("—": that measure did not flow to begin with), how many targets a chain of shipments still reaches, and the largest connected part.' }),
      table(
        'fragility',
        ['', 'Without', 'kg left', 'Value left', `Reached (of ${int(c.reachableTargets)})`, 'Largest part'],
        c.disruption.map((d, i) => [String(i + 1), entityButton(model, d.id, actions, false), percent(d.remainingFlowShare), percent(d.remainingValueShare), d.targetsReached === undefined ? '—' : int(d.targetsReached), int(d.largestComponent)]),
      ),
    );
  }
  return s;
}

function rulesSection(report: Report): HTMLElement {
  const s = section('Red-flag rules', 'overview-rules');
  // A piece of a large report: the whole report's flags, counted (the piece holds only its entities').
  const scope = scopeOf(report);
  append(s, el('p', { className: 'hint', text: `${plural(scope?.totals.flags ?? report.flags.length, 'red flag', 'red flags')}${scope === null ? '' : ' in the whole report'} from ${plural(report.flagRules.filter((r) => r.enabled).length, 'enabled rule', 'enabled rules')}. What each rule could not judge is counted: a rule that saw nothing did not clear anyone.` }));
  const list = el('ul', { className: 'rules', id: 'rule-list' });
  for (const { rule, counts } of ruleTable(report, scope?.ruleCounts)) {
    const cov = rule.coverage ? coverageText(rule.coverage) : null;
    append(
      list,
      el(
        'li',
        { 'data-rule': rule.id, className: rule.enabled ? '' : 'disabled' },
        el('strong', { text: rule.title }),
        el('span', { className: 'meta', text: rule.enabled ? ` · ${countsText(counts)}` : ' · disabled' }),
        cov ? el('div', { className: 'coverage', text: `${cov.judged}${cov.notJudged.length > 0 ? '; not fully judged:' : ', all in full'}` }) : null,
        cov && cov.notJudged.length > 0 ? el('ul', { className: 'not-judged' }, ...cov.notJudged.map((n) => el('li', { text: n }))) : null,
      ),
    );
  }
  append(s, list);
  return s;
}
