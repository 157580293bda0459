import { bytesForPeople, estimateReportMemory, InputTooLargeError } from '@chokepoint/pipeline';
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, resolve } from 'node:path';
import {
  companionPath,
  companionRecordTable,
  entityIndexOf,
  readReport,
  recordTableOfScan,
  scanRecordsInBackground,
  type BackgroundScan,
  type ReadReportOptions,
  type RecordScan,
  type RecordTable,
  type Report,
} from '@chokepoint/report';
import type { Progress } from './io';

/**
 * readReport for a command, once the report (and its records file, when they are read) is known to fit in the heap
 * this process may use. A report too large for it is refused before it is read (InputTooLargeError): `main` runs the
 * command again with a larger heap when the machine has the memory, else says how much is needed (exit 4), instead
 * of running out of memory part way through reading it (as `view` did on a report of a million entities, after
 * 100 s, with V8's native stack trace). `progress` is told how far along reading is (a line every few seconds, so
 * none for a report read in a moment). `work.heapTimes`: how many times the report's own heap the command holds at
 * its peak, when its work takes more than reading (the exports).
 */
export function readReportFor(path: string, options: Omit<ReadReportOptions, 'onProgress'> = {}, progress?: Progress, work: { heapTimes?: number } = {}): Report {
  const read = estimateReportMemory(path, { records: options.records ?? true });
  // A command whose own work holds more than the report (an export's table of every node and tie) asks for that too.
  const estimate = { ...read, neededBytes: read.neededBytes * (work.heapTimes ?? 1) };
  if (estimate.neededBytes > estimate.heapLimitBytes) throw new InputTooLargeError(estimate);
  // A large report says when reading starts and when it is being checked (a minute each at a million entities); a
  // small one only what the reporter shows of the steps (nothing, when it is read in a moment).
  const large = progress !== undefined && estimate.inputBytes >= LARGE_REPORT_BYTES;
  if (large) progress(`reading the report ${path} (${bytesForPeople(estimate.inputBytes)})`);
  const onProgress =
    progress === undefined
      ? undefined
      : (bytes: number, total: number) => {
          progress(`reading the report ${path}: ${total > 0 ? Math.floor((bytes / total) * 100) : 100}% of ${bytesForPeople(total)}`, { done: bytes, total });
          if (large && bytes >= total) progress(`checking the report ${path} against its schema`);
        };
  return readReport(path, { ...options, onProgress });
}

/** From this size of report files on, reading one says when it starts and when the report is being checked. */
const LARGE_REPORT_BYTES = 64 * 2 ** 20;

/**
 * The pass over a report's records file started in a worker thread before the report is read (`readReportFor`), for
 * `readRecordTableFor`: the two take about as long at a million entities (10–13 s each), and each needs a core. The
 * records file by the report's name (which the report names, unless it was renamed since); undefined when there is
 * none, when it is small (the pass takes a moment), or on one core.
 */
export function startReadingTies(path: string): BackgroundScan | undefined {
  const file = companionPath(path);
  if (availableParallelism() < 2 || sizeOf(file) < LARGE_REPORT_BYTES) return undefined;
  try {
    return scanRecordsInBackground(file);
  } catch {
    // (no thread: the ties are read after the report, as on one core)
    return undefined;
  }
}

/**
 * A report read without its records, and the table of their ends when `wants(report)` (by default: when the report
 * keeps its records in a file of their own; `records` undefined otherwise, the report holding them). A large report's
 * records file is read in a second thread while the report is (startReadingTies); the thread is stopped when the
 * report cannot be read or the table is not wanted. What `view`, `path`, `disrupt` and `export` read of a report;
 * `work.heapTimes`: as for readReportFor.
 */
export async function readReportAndTies(
  path: string,
  progress?: Progress,
  wants: (report: Report) => boolean = (report) => report.records.stored === 'companion',
  work: { heapTimes?: number } = {},
): Promise<{ report: Report; records?: RecordTable }> {
  const started = startReadingTies(path);
  let report: Report;
  try {
    report = readReportFor(path, { records: false }, progress, work);
  } catch (err) {
    started?.cancel();
    throw err;
  }
  if (!wants(report)) {
    started?.cancel();
    return { report };
  }
  return { report, records: await readRecordTableFor(path, report, progress, started) };
}

/**
 * The table of a report's relations and shipments (their ends; each record read from the records file when it is
 * asked for), for a report read without its records: what the viewer of a large report needs, in a tenth of the
 * time and memory of reading every record (74 s and 3.3 GB of heap for the 2.6 GB records file of a million entities).
 * `started`: the pass over the records file begun while the report was read (startReadingTies), used when it reads
 * the file the report names, of the size it recorded; else it is stopped and the file read here.
 */
export async function readRecordTableFor(path: string, report: Report, progress?: Progress, started?: BackgroundScan): Promise<RecordTable> {
  const meta = report.records;
  const tell =
    progress === undefined || meta.stored === 'inline'
      ? undefined
      : (bytes: number) => {
          const total = Math.max(bytes, meta.bytes);
          progress(`reading the ties of ${meta.file}: ${total > 0 ? Math.floor((bytes / total) * 100) : 100}% of ${bytesForPeople(total)}`, { done: bytes, total });
        };
  const large = meta.stored === 'companion' && meta.bytes >= LARGE_REPORT_BYTES;
  if (started !== undefined && meta.stored === 'companion' && sameFile(started.file, path, meta.file) && sizeOf(started.file) === meta.bytes) {
    if (progress !== undefined && large) progress(`reading the ties of ${meta.file} (${bytesForPeople(meta.bytes)}), begun in a second thread while the report was read`);
    if (tell !== undefined) started.listen(tell);
    let scan: RecordScan | undefined;
    try {
      scan = await started.result;
    } catch {
      // (the thread failed: the file is read here, and what stops it is said then)
    }
    if (scan !== undefined) {
      return recordTableOfScan(path, report, entityIndexOf(report), scan);
    }
  }
  started?.cancel();
  if (progress !== undefined && large) progress(`reading the ties of ${meta.file} (${bytesForPeople(meta.bytes)})`);
  return companionRecordTable(path, report, entityIndexOf(report), { onBytes: tell });
}

/** The size of `file`, or -1 when it cannot be read (gone since: the reading after the report says so). */
function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return -1;
  }
}

/** Whether `file` is the records file `name` of the report at `reportPath`. */
function sameFile(file: string, reportPath: string, name: string): boolean {
  return resolve(file) === resolve(dirname(reportPath), basename(name));
}
