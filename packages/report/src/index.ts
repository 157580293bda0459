export * from './types';
export { buildReport, bundleFromReport, shipmentsFromReport, serializeReport, reportChunks, NO_RESOLUTION, NO_GEOCODING, NO_MEASURES, type ReportMeta, type ReportExtras } from './build';
export { renderSummary, strongestFlags, type SummaryOptions } from './summary';
export { reportProblems, recordProblem, assertReport, reportSchema, REPORT_SCHEMA_PATH, type ReportCheckOptions } from './validate';
export { writeReport, readReport, readRecords, readLargeJson, companionPath, COMPANION_ABOVE, type WriteReportOptions, type ReadReportOptions } from './files';
export { ReportError, InvalidReportError } from './errors';
export { entityIndexOf, recordTable, companionRecordTable, recordTableOfScan, type RecordTable, type RecordTableOptions } from './record-table';
export { scanRecords, scanRecordsInBackground, idHash, type RecordScan, type BackgroundScan, type ScanOptions } from './record-scan';
