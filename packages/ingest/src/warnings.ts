import { compareIssues, type DataIssue } from '@chokepoint/model';

/** How many further lines a warning lists by number before it only counts them. */
const LINES_SHOWN = 5;

/**
 * Warnings about the input, one per file, column and reason: the same remark on many rows (a currency
 * symbol used throughout a file) is listed once, at its first line, with the other lines named.
 */
export class WarningList {
  private readonly byKey = new Map<string, { issue: DataIssue; lines: number[]; alike: boolean }>();

  /**
   * `alike`: a remark whose words differ from cell to cell only in what the cell holds (`"05.03.2016" read as the date
   * 2016-03-05`, `"6 t" read as the quantity 6 in t`): one warning per file, column and form of remark, its first
   * cell as the example and the other lines named, so that a file of a hundred thousand such cells gives one warning,
   * not a hundred thousand.
   */
  add(issue: DataIssue, alike = false): void {
    const key = JSON.stringify([issue.file, issue.column ?? null, alike ? formOf(issue.reason) : issue.reason, alike]);
    const seen = this.byKey.get(key);
    if (seen === undefined) this.byKey.set(key, { issue: { file: issue.file, line: issue.line, ...(issue.column === undefined ? {} : { column: issue.column }), reason: issue.reason }, lines: [], alike });
    else if (issue.line !== seen.issue.line) seen.lines.push(issue.line);
  }

  /** The warnings, sorted by file, line and column. */
  list(): DataIssue[] {
    return [...this.byKey.values()]
      .map(({ issue, lines, alike }) => {
        if (lines.length === 0) return issue;
        const shown = lines.slice(0, LINES_SHOWN).join(', ');
        const more = lines.length > LINES_SHOWN ? ` and ${lines.length - LINES_SHOWN} more` : '';
        return { ...issue, reason: `${issue.reason} (${alike ? 'cells written alike' : 'also'} on line${lines.length === 1 ? '' : 's'} ${shown}${more})` };
      })
      .sort((a, b) => compareIssues(a, b) || (a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0));
  }
}

/** A remark's form: its quoted texts and its numbers left out (what the cell held, and what was read from it). */
function formOf(reason: string): string {
  return reason.replace(/"(?:[^"\\]|\\.)*"/g, '"…"').replace(/[+-]?\d+(?:[.,:]\d+)*/g, '#');
}

/** The remark on an id that differs from an earlier one only by case (`ACME` and `acme`). */
export function caseTwin(id: string, other: string, line: number): string {
  return `id ${JSON.stringify(id)} differs from ${JSON.stringify(other)} (line ${line}) only by case: ids are case-sensitive, so they are read as two records; if they are one, write the id the same way`;
}
