export * from './types';
export { buildReport, bundleFromReport, serializeReport, type ReportMeta } from './build';
export { renderSummary, strongestFlags, type SummaryOptions } from './summary';
export { reportProblems, assertReport, readReport, reportSchema, REPORT_SCHEMA_PATH } from './validate';
export { ReportError, InvalidReportError } from './errors';
