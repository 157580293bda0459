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
  return `schema ${schema} is not read by Chokepoint (not a legal entity, tie, payment, address, sanction or shipment)`;
}

const UNREAD_SCHEMA = /^schema (\S+) is not read by Chokepoint \(not a legal entity, tie, payment, address, sanction or shipment\)$/;

/** The schema of a skipped record that was left out only for its schema (unreadSchemaReason), else undefined. */
export function unreadSchemaOf(issue: DataIssue): string | undefined {
  return issue.column === 'schema' ? UNREAD_SCHEMA.exec(issue.reason)?.[1] : undefined;
}
