import type { Visibility } from '../core/filters';
import type { ViewModel } from '../core/model';
import { applyTable, columnChoices, columnsOf, DEFAULT_TABLE, tableCsv, tableRows, toggleSort, type Row, type TableKind, type TableState } from '../core/tables';
import { append, clear, el, int } from './dom';

export interface TableActions {
  select(id: string | null): void;
  mark(ids: string[], mode: 'replace' | 'add' | 'remove'): void;
}

/** Rows drawn at first, and added with "Show more" (the CSV always holds every row shown by the filters). */
const PAGE = 200;

/**
 * The entity and shipment tables under the graph: sortable (click a column's heading), filterable, linked both
 * ways with the graph (a row selects its entity; the graph's selection is marked in the rows and can narrow the
 * table), and a CSV of exactly the rows the filters show.
 */
export class TablesView {
  private state: TableState = DEFAULT_TABLE;
  private visible: Visibility | null = null;
  private selected: string | null = null;
  private marked = new Set<string>();
  private limit = PAGE;
  private cache: { kind: TableKind; visible: Visibility | null; scope: string; rows: Row[] } | null = null;
  private shown: Row[] = [];

  constructor(
    readonly root: HTMLElement,
    private readonly model: ViewModel,
    private readonly actions: TableActions,
  ) {}

  /** The rows the table shows now (all of them, not only the first page). */
  rows(): Row[] {
    return this.shown;
  }

  tableState(): TableState {
    return this.state;
  }

  update(visible: Visibility, selected: string | null, marked: readonly string[]): void {
    this.visible = visible;
    this.selected = selected;
    this.marked = new Set(marked);
    if (!this.root.hidden) this.render();
  }

  setState(change: Partial<TableState>): void {
    this.state = { ...this.state, ...change };
    this.limit = PAGE;
    this.render();
  }

  private allRows(): Row[] {
    const scope = this.state.scope === 'all' ? 'all' : 'view';
    const visible = scope === 'all' ? null : this.visible;
    if (this.cache && this.cache.kind === this.state.kind && this.cache.visible === visible && this.cache.scope === scope) return this.cache.rows;
    const rows = tableRows(this.model, this.state.kind, visible);
    this.cache = { kind: this.state.kind, visible, scope, rows };
    return rows;
  }

  render(): void {
    const root = this.root;
    const focusedId = (document.activeElement as HTMLElement | null)?.id;
    clear(root);
    const t = this.state;
    const columns = columnsOf(t.kind);
    const base = this.allRows();
    const selection = new Set(this.marked);
    if (this.selected !== null) selection.add(this.selected);
    const rows = applyTable(base, t, selection);
    this.shown = rows;

    const tabs = el(
      'div',
      { className: 'table-tabs', role: 'group', 'aria-label': 'Table' },
      ...(['entities', 'shipments'] as const).map((k) =>
        el('button', { type: 'button', id: `table-${k}`, 'aria-pressed': String(t.kind === k), text: k === 'entities' ? 'Entities' : 'Shipments', onclick: () => this.setState({ kind: k, values: {}, sort: null, text: '' }) }),
      ),
    );
    const scope = el('select', { id: 'table-scope', 'aria-label': 'Rows of' });
    for (const [v, label] of [
      ['view', 'what is drawn'],
      ['selection', 'the selection'],
      ['all', 'the whole report'],
    ] as const)
      append(scope, el('option', { value: v, text: `Rows of ${label}`, selected: t.scope === v }));
    scope.addEventListener('change', () => this.setState({ scope: scope.value as TableState['scope'] }));
    const text = el('input', { id: 'table-text', type: 'search', placeholder: 'Filter rows', value: t.text, 'aria-label': 'Filter rows by any text' });
    text.addEventListener('input', () => {
      this.state = { ...this.state, text: text.value };
      this.limit = PAGE;
      this.render();
    });
    const choices = columns
      .filter((c) => c.choice)
      .map((c) => {
        const select = el('select', { id: `table-filter-${c.key}`, 'aria-label': c.label });
        append(select, el('option', { value: '', text: `${c.label}: any` }));
        for (const v of columnChoices(base, columns, c.key).slice(0, 300)) append(select, el('option', { value: v.value, text: `${v.value} (${int(v.rows)})`, selected: t.values[c.key] === v.value }));
        select.addEventListener('change', () => this.setState({ values: { ...this.state.values, [c.key]: select.value } }));
        return select;
      });
    const flagged = el('input', { type: 'checkbox', id: 'table-flagged', checked: t.onlyFlagged });
    flagged.addEventListener('change', () => this.setState({ onlyFlagged: flagged.checked }));
    const dates =
      t.kind === 'shipments'
        ? (['dateFrom', 'dateTo'] as const).map((k) => {
            const input = el('input', { type: 'date', id: `table-${k}`, value: t[k] ?? '', 'aria-label': k === 'dateFrom' ? 'Shipped from' : 'Shipped until' });
            input.addEventListener('change', () => this.setState({ [k]: input.value === '' ? null : input.value }));
            return input;
          })
        : [];
    const download = el('button', {
      type: 'button',
      id: 'table-csv',
      text: `Download CSV (${int(rows.length)} rows)`,
      onclick: () => {
        // A byte-order mark first, so that Excel reads the names as UTF-8 (Arabic, Turkish, accented letters).
        const blob = new Blob(['\ufeff', tableCsv(columns, this.shown)], { type: 'text/csv;charset=utf-8' });
        const a = el('a', { href: URL.createObjectURL(blob), download: `${this.model.report.input.bundle}-${t.kind}.csv` });
        document.body.appendChild(a);
        a.click();
        a.remove();
      },
    });
    const markRows = el('button', {
      type: 'button',
      id: 'table-mark',
      text: 'Select these in the graph',
      disabled: rows.length === 0,
      onclick: () => this.actions.mark([...new Set(rows.flatMap((r) => r.entities))], 'replace'),
    });
    append(
      root,
      el(
        'div',
        { className: 'table-controls' },
        tabs,
        scope,
        text,
        ...choices,
        el('label', { className: 'check', for: 'table-flagged' }, flagged, t.kind === 'entities' ? ' flagged' : ' with a flagged party'),
        ...dates,
        el('span', { id: 'table-count', className: 'meta', 'aria-live': 'polite', text: `${int(rows.length)} of ${int(base.length)} rows` }),
        download,
        markRows,
      ),
    );

    const table = el('table', { className: 'data-table', id: `table-${t.kind}-rows`, 'aria-label': t.kind === 'entities' ? 'Entities' : 'Shipments' });
    const head = el('tr');
    for (const c of columns) {
      const sorted = t.sort?.key === c.key ? (t.sort.desc ? 'descending' : 'ascending') : 'none';
      append(
        head,
        el(
          'th',
          { scope: 'col', 'aria-sort': sorted, className: c.numeric ? 'num' : '' },
          el('button', { type: 'button', className: 'sort', 'data-key': c.key, text: `${c.label}${sorted === 'ascending' ? ' ▲' : sorted === 'descending' ? ' ▼' : ''}`, onclick: () => this.setState(toggleSort(this.state, c.key)) }),
        ),
      );
    }
    const body = el('tbody');
    for (const r of rows.slice(0, this.limit)) {
      const isSelected = r.entities.some((e) => e === this.selected);
      const isMarked = r.entities.some((e) => this.marked.has(e));
      const tr = el('tr', { 'data-key': r.key, className: `${isSelected ? 'selected' : ''}${isMarked ? ' marked' : ''}`, 'aria-selected': String(isSelected || isMarked) });
      r.cells.forEach((cell, i) => {
        const content = cell === null ? '' : typeof cell === 'number' ? cell.toLocaleString('en-US') : cell;
        // The first cell is a button: the keyboard's way to select the row's entity (or a shipment's supplier and buyer).
        append(
          tr,
          i === 0
            ? el('td', {}, el('button', { type: 'button', className: 'link row-pick', text: content === '' ? '(none)' : content, onclick: () => this.pick(r) }))
            : el('td', { className: columns[i].numeric ? 'num' : '', text: content }),
        );
      });
      tr.addEventListener('click', (e) => {
        if ((e.target as HTMLElement).tagName !== 'BUTTON') this.pick(r);
      });
      append(body, tr);
    }
    append(table, el('thead', {}, head), body);
    append(root, el('div', { className: 'table-scroll' }, table));
    if (rows.length > this.limit)
      append(
        root,
        el('button', {
          type: 'button',
          id: 'table-more',
          text: `Show ${int(Math.min(PAGE, rows.length - this.limit))} more of ${int(rows.length - this.limit)}`,
          onclick: () => {
            this.limit += PAGE;
            this.render();
          },
        }),
      );
    const again = focusedId ? (document.getElementById(focusedId) as HTMLElement | null) : null;
    if (again) {
      again.focus();
      if (again instanceof HTMLInputElement && again.type === 'search') again.setSelectionRange(again.value.length, again.value.length);
    }
    const row = root.querySelector('tr.selected');
    if (row && 'scrollIntoView' in row) (row as HTMLElement).scrollIntoView({ block: 'nearest' });
  }

  private pick(r: Row): void {
    if (this.state.kind === 'entities') this.actions.select(r.key);
    else this.actions.mark(r.entities, 'replace');
  }
}
