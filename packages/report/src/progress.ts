/**
 * Reading tells how far along it is about every this many bytes (ReadReportOptions.onProgress, the pass over a records
 * file). A module of its own, so that the thread that reads a records file loads nothing else of the package.
 */
export const PROGRESS_BYTES = 16 * 2 ** 20;
