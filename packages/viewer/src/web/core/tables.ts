import type { Visibility } from './filters';
import type { RecordOrigin } from '@chokepoint/report';
import { knownOrigin } from './format';
import { shipmentDate, type ViewModel } from './model';

/**
 * The entity and shipment tables: rows of what is drawn (or of everything), filtered by text, by the values of a
 * column (kind, country, cluster, commodity, currency), by flags and by dates, sorted by any column, and written
 * as CSV exactly as shown. Pure.
 */
export type TableKind = 'entities' | 'shipments';
export type Cell = string | number | null;

export interface Column {
  key: string;
  label: string;
  numeric?: boolean;
  /** Offered as a list of values to filter by. */
  choice?: boolean;
}

export interface Row {
  /** The entity id or the shipment id. */
  key: string;
  /** The entities the row links to the graph: the entity; a shipment's supplier and buyer. */
  entities: string[];
  cells: Cell[];
  flagged: boolean;
  date: string | null;
  /** Every cell in lower case, for the text filter (made once). */
  text: string;
}

const haystack = (cells: Cell[]) => cells.map((c) => (c === null ? '' : String(c).toLowerCase())).join('\u0000');

export const ENTITY_COLUMNS: Column[] = [
  { key: 'name', label: 'Name' },
  { key: 'id', label: 'Id' },
  { key: 'kind', label: 'Kind', choice: true },
  { key: 'country', label: 'Country', choice: true },
  { key: 'cluster', label: 'Cluster', numeric: true, choice: true },
  { key: 'group', label: 'Group', numeric: true },
  { key: 'flags', label: 'Flags', numeric: true },
  { key: 'key', label: 'Key node', numeric: true },
  { key: 'degree', label: 'Ties', numeric: true },
  // The line of the input the record was read from, to find it again in one's spreadsheet (empty when not known).
  { key: 'line', label: 'Input line', numeric: true },
];

export const SHIPMENT_COLUMNS: Column[] = [
  { key: 'id', label: 'Id' },
  { key: 'date', label: 'Date' },
  { key: 'supplier', label: 'Supplier' },
  { key: 'buyer', label: 'Buyer' },
  { key: 'commodity', label: 'Commodity', choice: true },
  { key: 'hs', label: 'HS code' },
  { key: 'quantity', label: 'Quantity', numeric: true },
  { key: 'unit', label: 'Unit', choice: true },
  { key: 'kg', label: 'kg', numeric: true },
  { key: 'value', label: 'Value', numeric: true },
  { key: 'currency', label: 'Currency', choice: true },
  { key: 'origin', label: 'Origin', choice: true },
  { key: 'destination', label: 'Destination', choice: true },
  { key: 'line', label: 'Input line', numeric: true },
];

export const columnsOf = (kind: TableKind) => (kind === 'entities' ? ENTITY_COLUMNS : SHIPMENT_COLUMNS);

export interface TableState {
  kind: TableKind;
  /** Rows of what is drawn ('view'), of the selection, or of the whole report. */
  scope: 'view' | 'selection' | 'all';
  text: string;
  /** Column key → the one value to keep ('' or absent: any). */
  values: Record<string, string>;
  onlyFlagged: boolean;
  dateFrom: string | null;
  dateTo: string | null;
  sort: { key: string; desc: boolean } | null;
}

export const DEFAULT_TABLE: TableState = { kind: 'entities', scope: 'view', text: '', values: {}, onlyFlagged: false, dateFrom: null, dateTo: null, sort: null };

/** Every row of a table (before its own filters): of the drawn entities and shipments, or all with null. */
export function tableRows(model: ViewModel, kind: TableKind, visible: Visibility | null): Row[] {
  if (kind === 'entities') {
    const degree = new Uint32Array(model.nodes.length);
    for (const e of model.edges) {
      degree[model.byId.get(e.source)!.index]++;
      degree[model.byId.get(e.target)!.index]++;
    }
    return model.nodes
      .filter((n) => visible === null || visible.nodes[n.index])
      .map((n) => {
        const cells: Cell[] = [n.name, n.id, n.kind, n.country ?? null, n.cluster, n.group === 0 ? null : n.group, n.flags.length, n.keyRank, degree[n.index], inputLine(model.report.entities[n.index].origin)];
        return { key: n.id, entities: [n.id], cells, flagged: n.flags.length > 0, date: null, text: haystack(cells) };
      });
  }
  const drawn = new Uint8Array(model.report.shipments.length);
  if (visible !== null) for (const e of model.edges) if (e.kind === 'shipment' && visible.edges[e.index]) for (const s of e.shipments) drawn[s] = visible.shipments[s];
  const nameOf = (id: string) => model.byId.get(id)?.name ?? id;
  const rows: Row[] = [];
  model.report.shipments.forEach((s, i) => {
    if (visible !== null && !drawn[i]) return;
    const date = shipmentDate(s) ?? null;
    const cells: Cell[] = [s.id, date, nameOf(s.supplier), nameOf(s.buyer), s.commodity, s.hsCode ?? null, s.quantity ?? null, s.unit ?? null, s.quantityKg ?? null, s.value ?? null, s.currency ?? null, s.originCountry ?? null, s.destinationCountry ?? null, inputLine(s.origin)];
    rows.push({
      key: s.id,
      entities: [s.supplier, s.buyer],
      cells,
      text: haystack(cells),
      flagged: (model.byId.get(s.supplier)?.flags.length ?? 0) > 0 || (model.byId.get(s.buyer)?.flags.length ?? 0) > 0,
      date,
    });
  });
  return rows;
}

/** The line a record was read from, or null when the report does not say (knownOrigin). */
const inputLine = (origin: RecordOrigin | undefined): number | null => knownOrigin(origin)?.line ?? null;

/** The values a choice column takes, most frequent first (for its filter list). */
export function columnChoices(rows: Row[], columns: Column[], key: string): { value: string; rows: number }[] {
  const c = columns.findIndex((x) => x.key === key);
  const count = new Map<string, number>();
  for (const r of rows) {
    const v = r.cells[c];
    if (v === null || v === '') continue;
    count.set(String(v), (count.get(String(v)) ?? 0) + 1);
  }
  return [...count].map(([value, n]) => ({ value, rows: n })).sort((a, b) => b.rows - a.rows || (a.value < b.value ? -1 : 1));
}

const compare = (a: Cell, b: Cell, numeric: boolean): number => {
  // Empty cells last, whichever the direction.
  if (a === null || a === '') return b === null || b === '' ? 0 : 1;
  if (b === null || b === '') return -1;
  if (numeric) return (a as number) - (b as number);
  return String(a).localeCompare(String(b), 'en', { sensitivity: 'base', numeric: true });
};

/**
 * The rows a table shows: those of the scope (the selection: rows linked to a selected entity), then its filters
 * (text in any cell, a column's value, flagged, dates), sorted (ties keep the report's order).
 */
export function applyTable(rows: Row[], t: TableState, selection: ReadonlySet<string>): Row[] {
  const columns = columnsOf(t.kind);
  const text = t.text.trim().toLowerCase();
  const values = Object.entries(t.values)
    .filter(([, v]) => v !== '')
    .map(([k, v]) => [columns.findIndex((c) => c.key === k), v] as const)
    .filter(([c]) => c >= 0);
  const out = rows.filter((r) => {
    if (t.scope === 'selection' && !r.entities.some((e) => selection.has(e))) return false;
    if (t.onlyFlagged && !r.flagged) return false;
    if (t.kind === 'shipments' && (t.dateFrom !== null || t.dateTo !== null)) {
      if (r.date === null) return false;
      if (t.dateFrom !== null && r.date < t.dateFrom) return false;
      if (t.dateTo !== null && r.date > t.dateTo) return false;
    }
    for (const [c, v] of values) if (String(r.cells[c] ?? '') !== v) return false;
    if (text !== '' && !r.text.includes(text)) return false;
    return true;
  });
  if (t.sort !== null) {
    const c = columns.findIndex((x) => x.key === t.sort!.key);
    if (c >= 0) {
      const numeric = columns[c].numeric === true;
      const sign = t.sort.desc ? -1 : 1;
      const empty = (x: Cell) => x === null || x === '';
      // Sorting positions: ties keep the report's order.
      const at = out.map((_, k) => k);
      at.sort((x, y) => {
        const [a, b] = [out[x].cells[c], out[y].cells[c]];
        if (empty(a) !== empty(b)) return empty(a) ? 1 : -1;
        return sign * compare(a, b, numeric) || x - y;
      });
      return at.map((k) => out[k]);
    }
  }
  return out;
}

/** Sorting by a column: first ascending, then descending, then the report's order. */
export function toggleSort(t: TableState, key: string): TableState {
  if (t.sort?.key !== key) return { ...t, sort: { key, desc: false } };
  return { ...t, sort: t.sort.desc ? null : { key, desc: true } };
}

/**
 * Text a spreadsheet would run as a formula or treat as a command: a cell that starts, after any spaces, with
 * `=`, `+`, `-` or `@` (or their full-width forms), or with tab, carriage return, line feed or NUL (as in the CSV
 * exports).
 */
// eslint-disable-next-line no-control-regex
const FORMULA = /^(?:[\s\u00a0\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]|[\t\r\n\u0000])/;

/** One CSV cell: a formula-like text gets a leading apostrophe; RFC 4180 quoting; numbers as numbers. */
export function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = /[\ud800-\udfff]/.test(value) ? value.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd') : value;
  // Most cells start with a letter or a digit: only the others can be formula-like.
  const first = text.charCodeAt(0);
  const plain = (first >= 48 && first <= 57) || (first >= 65 && first <= 90) || (first >= 97 && first <= 122);
  const safe = !plain && FORMULA.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The rows as shown, as CSV (header, then one line per row, CRLF). */
export function tableCsv(columns: Column[], rows: Row[]): string {
  const lines = [columns.map((c) => csvCell(c.label)).join(',')];
  for (const r of rows) lines.push(r.cells.map(csvCell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
