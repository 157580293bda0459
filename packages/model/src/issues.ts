import type { DataIssue } from './types';

/** One line a person can read: `relations.csv line 12, column "target": unknown entity id "x"`. */
export function formatIssue(issue: DataIssue): string {
  const where = issue.column === undefined ? '' : `, column "${issue.column}"`;
  return `${issue.file} line ${issue.line}${where}: ${issue.reason}`;
}

/** A list of problems shows at most this many, one per line; the rest are counted by file and column. */
export const ISSUES_SHOWN = 50;

/**
 * Problems as lines a person reads at a terminal: every one when there are at most `shown` (ISSUES_SHOWN), else the
 * first `shown` and, for the rest, how many of all of them each file and column holds, with the first and last line
 * (a register of a million rows with one bad column brings tens of thousands: a screen of them hides what they share).
 * Each line is indented by two spaces.
 */
export function issueLines(issues: readonly DataIssue[], shown: number = ISSUES_SHOWN): string[] {
  const lines = issues.slice(0, shown).map((i) => `  ${formatIssue(i)}`);
  if (issues.length <= shown) return lines;
  const count = (n: number) => n.toLocaleString('en-US');
  lines.push(`  … and ${count(issues.length - shown)} more. All ${count(issues.length)}, by file and column:`);
  const groups = new Map<string, { file: string; column?: string; count: number; first: number; last: number }>();
  for (const i of issues) {
    const key = JSON.stringify([i.file, i.column ?? null]);
    const g = groups.get(key);
    if (g === undefined) groups.set(key, { file: i.file, column: i.column, count: 1, first: i.line, last: i.line });
    else {
      g.count++;
      g.first = Math.min(g.first, i.line);
      g.last = Math.max(g.last, i.line);
    }
  }
  const sorted = [...groups.values()].sort((a, b) => b.count - a.count || (a.file < b.file ? -1 : a.file > b.file ? 1 : a.first - b.first));
  for (const g of sorted.slice(0, shown)) {
    const where = g.column === undefined ? 'the rows as a whole' : `column "${g.column}"`;
    const span = g.first === g.last ? `line ${g.first}` : `lines ${g.first} to ${g.last}`;
    lines.push(`    ${g.file}, ${where}: ${count(g.count)} (${span})`);
  }
  if (sorted.length > shown) lines.push(`    … and ${count(sorted.length - shown)} more files and columns`);
  return lines;
}

/** Orders issues by file, then line, then column, so lists of problems read top to bottom. */
export function compareIssues(a: DataIssue, b: DataIssue): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  const ca = a.column ?? '';
  const cb = b.column ?? '';
  return ca < cb ? -1 : ca > cb ? 1 : 0;
}

/**
 * Why a FollowTheMoney record of a schema Chokepoint does not read (a Note, a Vessel, a Document) was left out: it is
 * listed with the skipped records, but it is no problem of the input (an Aleph export, or Chokepoint's own export with
 * its findings as Notes, holds many).
 */
export function unreadSchemaReason(schema: string): string {
  return `schema ${schema}${UNREAD_TAIL}`;
}

/** The words of unreadSchemaReason after the schema's name (one text, made and recognised). */
const UNREAD_TAIL = ' is not read by Chokepoint (not a legal entity, tie, payment, address, sanction or shipment)';

/** The schema of a skipped record that was left out only for its schema (unreadSchemaReason), else undefined. */
export function unreadSchemaOf(issue: DataIssue): string | undefined {
  const { column, reason } = issue;
  if (column !== 'schema' || !reason.startsWith('schema ') || !reason.endsWith(UNREAD_TAIL)) return undefined;
  const schema = reason.slice('schema '.length, reason.length - UNREAD_TAIL.length);
  return /^\S+$/.test(schema) ? schema : undefined;
}

/** The skipped records of an input apart: those left out only for their schema (unreadSchemaOf), and the problems. */
export function splitUnread<T extends DataIssue>(rejected: readonly T[]): { unread: T[]; problems: T[] } {
  const unread: T[] = [];
  const problems: T[] = [];
  for (const i of rejected) (unreadSchemaOf(i) === undefined ? problems : unread).push(i);
  return { unread, problems };
}
