import { compareIssues, type DataIssue } from '@chokepoint/model';

/** How many further lines a warning lists by number before it only counts them. */
const LINES_SHOWN = 5;

/**
 * Warnings about the input, one per file, column and reason: the same remark on many rows (a currency
 * symbol used throughout a file) is listed once, at its first line, with the other lines named.
 */
export class WarningList {
  private readonly byKey = new Map<string, { issue: DataIssue; lines: number[] }>();

  add(issue: DataIssue): void {
    const key = JSON.stringify([issue.file, issue.column ?? null, issue.reason]);
    const seen = this.byKey.get(key);
    if (seen === undefined) this.byKey.set(key, { issue: { ...issue }, lines: [] });
    else if (issue.line !== seen.issue.line) seen.lines.push(issue.line);
  }

  /** The warnings, sorted by file, line and column. */
  list(): DataIssue[] {
    return [...this.byKey.values()]
      .map(({ issue, lines }) => {
        if (lines.length === 0) return issue;
        const shown = lines.slice(0, LINES_SHOWN).join(', ');
        const more = lines.length > LINES_SHOWN ? ` and ${lines.length - LINES_SHOWN} more` : '';
        return { ...issue, reason: `${issue.reason} (also on line${lines.length === 1 ? '' : 's'} ${shown}${more})` };
      })
      .sort((a, b) => compareIssues(a, b) || (a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0));
  }
}

/** The remark on an id that differs from an earlier one only by case (`ACME` and `acme`). */
export function caseTwin(id: string, other: string, line: number): string {
  return `id ${JSON.stringify(id)} differs from ${JSON.stringify(other)} (line ${line}) only by case: ids are case-sensitive, so they are read as two records; if they are one, write the id the same way`;
}
