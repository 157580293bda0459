import type { Report } from '@chokepoint/report';
import { columnsOf, type Column } from './columns';
import { controllerRows, exportNetwork, groupRows, type Attributes, type ExportOptions, type Scalar } from './network';
import { collected, type TextSink } from './sink';
import { wellFormed } from './xml';

/**
 * Text a spreadsheet would run as a formula or treat as a command: a cell that starts, after any spaces, with
 * `=`, `+`, `-` or `@` (or their full-width forms), or that starts with tab, carriage return, line feed or NUL.
 */
// eslint-disable-next-line no-control-regex
const FORMULA = /^(?:[\s\u00a0\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]|[\t\r\n\u0000])/;

/**
 * The byte-order mark a CSV file starts with: without it Excel, opening a file by a double click, reads it in the
 * computer's own code page, and every name beyond ASCII (`Akçakale`, `شركة`, `Société`) turns to `Ã§`-like garbage. The
 * strings `toCsv` returns do not have it (they are compared and parsed as text); whoever writes them to a file puts it
 * first. Every CSV reader of note (csv-parse with `bom`, pandas, this project's) reads it as the mark it is.
 */
export const CSV_BOM = '\ufeff';

/**
 * One CSV cell. Text from the data is never left to be interpreted as a spreadsheet formula: a cell that FORMULA
 * matches gets a leading apostrophe (OWASP's and ASVS 1.2.10's advice), and RFC 4180 quoting is applied. Unpaired
 * surrogates, which no UTF-8 file can hold, become U+FFFD. Numbers are written as numbers.
 */
export function csvCell(value: Scalar | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = wellFormed(value);
  const safe = FORMULA.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function table(rows: Iterable<{ attributes: Attributes }>, columns: Column[], first: [string, (row: never) => Scalar][], sink: TextSink): void {
  const header = first.map(([name]) => name);
  const cells: ((row: { attributes: Attributes }) => Scalar | undefined)[] = first.map(([, get]) => get as (row: unknown) => Scalar);
  for (const { name } of columns) {
    // An attribute named like a fixed column (an input column called "Id") is written as input.Id.
    let title = name;
    while (header.includes(title)) title = `input.${title}`;
    header.push(title);
    cells.push((row) => row.attributes.get(name));
  }
  sink(`${header.map((c) => csvCell(c)).join(',')}\r\n`);
  for (const r of rows) sink(`${cells.map((cell) => csvCell(cell(r))).join(',')}\r\n`);
}

/**
 * The CSV tables: nodes.csv and edges.csv (Gephi's spreadsheet import format: Id/Label, Source/Target), groups.csv
 * (company groups) and controllers.csv (the people and companies behind the flags, one row per flagged company
 * each controls). Money columns name their currency (`value_EUR`); every text cell is formula-safe.
 */
export function toCsv(report: Report, options: ExportOptions = {}): Record<CsvTable, string> {
  const tables = csvTables(report, options);
  return { nodes: collected(tables.nodes), edges: collected(tables.edges), groups: collected(tables.groups), controllers: collected(tables.controllers) };
}

/** The names of the CSV tables, in the order they are written. */
export const CSV_TABLES = ['nodes', 'edges', 'groups', 'controllers'] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

/** toCsv, each table written line by line to the sink it is given (its byte-order mark not included). */
export function csvTables(report: Report, options: ExportOptions = {}): Record<CsvTable, (sink: TextSink) => void> {
  const network = exportNetwork(report, options);
  // (groups and controllers: a row for each group or controller, few enough to hold)
  const small = (rows: { id: string; attributes: Attributes }[], sink: TextSink) => table(rows, columnsOf(rows), [['Id', (r: { id: string }) => r.id]], sink);
  return {
    nodes: (sink) => table(network.nodes(), network.nodeColumns(), [['Id', (n: { id: string }) => n.id]], sink),
    edges: (sink) =>
      table(
        network.edges(),
        network.edgeColumns(),
        [
          ['Id', (e: { id: string }) => e.id],
          ['Source', (e: { source: string }) => e.source],
          ['Target', (e: { target: string }) => e.target],
        ],
        sink,
      ),
    groups: (sink) => small(groupRows(report), sink),
    controllers: (sink) => small(controllerRows(report), sink),
  };
}
