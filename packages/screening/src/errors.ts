import { issueLines, type DataIssue } from '@chokepoint/model';

/** Base class of every error the screening package throws on purpose. */
export class ScreeningError extends Error {
  override name = 'ScreeningError';
}

/**
 * A list of listed parties has problems: `issues` lists all of them (file, line, column, reason), sorted by line.
 * `fatal` is true when nothing could be read (no file, not text, no party at all), so that lenient reading cannot help.
 */
export class InvalidListError extends ScreeningError {
  override name = 'InvalidListError';
  constructor(
    readonly issues: DataIssue[],
    readonly fatal: boolean,
  ) {
    super(InvalidListError.describe(issues, fatal));
  }

  static describe(issues: DataIssue[], fatal: boolean): string {
    const n = issues.length;
    const file = issues[0]?.file ?? 'the list';
    const tail = fatal ? 'Fix the list and run again.' : 'Fix the list and run again, or read it leniently: the bad records are then skipped and listed.';
    return `the list ${file} has ${n.toLocaleString('en-US')} problem${n === 1 ? '' : 's'}:\n${issueLines(issues).join('\n')}\n${tail}`;
  }
}
