export * from './types';
export { buildReport, bundleFromReport, serializeReport, reportChunks, NO_RESOLUTION, NO_GEOCODING, NO_MEASURES, type ReportMeta, type ReportExtras } from './build';
export { renderSummary, strongestFlags, type SummaryOptions } from './summary';
export { reportProblems, assertReport, readReport, reportSchema, REPORT_SCHEMA_PATH } from './validate';
export { ReportError, InvalidReportError } from './errors';
