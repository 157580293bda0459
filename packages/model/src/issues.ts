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
