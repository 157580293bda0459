import type { DataIssue } from './types';

/** One line a person can read: `relations.csv line 12, column "target": unknown entity id "x"`. */
export function formatIssue(issue: DataIssue): string {
  const where = issue.column === undefined ? '' : `, column "${issue.column}"`;
  return `${issue.file} line ${issue.line}${where}: ${issue.reason}`;
}

/** Orders issues by file, then line, then column, so lists of problems read top to bottom. */
export function compareIssues(a: DataIssue, b: DataIssue): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  const ca = a.column ?? '';
  const cb = b.column ?? '';
  return ca < cb ? -1 : ca > cb ? 1 : 0;
}
