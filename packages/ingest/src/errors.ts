import { issueLines, type DataIssue } from '@chokepoint/model';

/** Base class of every error the ingest package throws on purpose. */
export class IngestError extends Error {
  override name = 'IngestError';
}

/** The bundle folder, or its required entities.csv, is not there or cannot be read. */
export class BundleNotFoundError extends IngestError {
  override name = 'BundleNotFoundError';
}

/**
 * The bundle has problems. `issues` lists all of them (not only the first), sorted by file and line.
 * `fatal` is true when the problems stop any reading (a missing column, broken CSV quoting),
 * so that even lenient mode cannot go on.
 */
export class InvalidBundleError extends IngestError {
  override name = 'InvalidBundleError';
  constructor(
    readonly issues: DataIssue[],
    readonly fatal: boolean,
  ) {
    super(InvalidBundleError.describe(issues, fatal));
  }

  static describe(issues: DataIssue[], fatal: boolean): string {
    const n = issues.length;
    const head = `the bundle has ${n.toLocaleString('en-US')} problem${n === 1 ? '' : 's'}`;
    const tail = fatal
      ? 'Fix them and run again.'
      : 'Fix them and run again, or read the bundle leniently: rows that cannot be read are then skipped, optional cells that cannot be read left empty, and each is listed.';
    return `${head}:\n${issueLines(issues).join('\n')}\n${tail}`;
  }
}
