import type { Report } from '@chokepoint/report';
import { exportTables, type Scalar } from './network';

/**
 * One CSV cell. Text from the data is never left to be interpreted as a spreadsheet formula: a cell
 * starting with =, +, -, @, tab or carriage return gets a leading apostrophe (OWASP's advice), and
 * RFC 4180 quoting is applied. Numbers are written as numbers.
 */
export function csvCell(value: Scalar | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function table(rows: { attributes: Record<string, Scalar> }[], first: Record<string, (row: never) => Scalar>): string {
  const columns = Object.keys(first);
  for (const r of rows) for (const k of Object.keys(r.attributes)) if (!columns.includes(k)) columns.push(k);
  const lines = [columns.map((c) => csvCell(c)).join(',')];
  for (const r of rows) lines.push(columns.map((c) => csvCell(c in first ? first[c](r as never) : r.attributes[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** nodes.csv and edges.csv (Gephi's spreadsheet import format: Id/Label, Source/Target). */
export function toCsv(report: Report): { nodes: string; edges: string } {
  const { nodes, edges } = exportTables(report);
  return {
    nodes: table(nodes, { Id: (n: { id: string }) => n.id }),
    edges: table(edges, { Id: (e: { id: string }) => e.id, Source: (e: { source: string }) => e.source, Target: (e: { target: string }) => e.target }),
  };
}
