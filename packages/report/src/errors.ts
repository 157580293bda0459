/** Base class of the errors the report package throws on purpose. */
export class ReportError extends Error {
  override name = 'ReportError';
}

/** A file given as a report is missing, is not JSON, or does not follow the report schema. */
export class InvalidReportError extends ReportError {
  override name = 'InvalidReportError';
  constructor(
    message: string,
    readonly problems: string[] = [],
  ) {
    super(problems.length === 0 ? message : `${message}:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}
