import { bytesForPeople, estimateReportMemory, InputTooLargeError } from '@chokepoint/pipeline';
import { companionRecordTable, entityIndexOf, readReport, type ReadReportOptions, type RecordTable, type Report } from '@chokepoint/report';
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
 * The table of a report's relations and shipments (their ends; each record read from the records file when it is
 * asked for), for a report read without its records: what the viewer of a large report needs, in a tenth of the
 * time and memory of reading every record (74 s and 3.3 GB of heap for the 2.6 GB records file of a million entities).
 */
export function readRecordTableFor(path: string, report: Report, progress?: Progress): RecordTable {
  const meta = report.records;
  const onBytes =
    progress === undefined || meta.stored === 'inline'
      ? undefined
      : (bytes: number) => {
          const total = Math.max(bytes, meta.bytes);
          progress(`reading the ties of ${meta.file}: ${total > 0 ? Math.floor((bytes / total) * 100) : 100}% of ${bytesForPeople(total)}`, { done: bytes, total });
        };
  if (meta.stored === 'companion' && progress !== undefined && meta.bytes >= LARGE_REPORT_BYTES) progress(`reading the ties of ${meta.file} (${bytesForPeople(meta.bytes)})`);
  return companionRecordTable(path, report, entityIndexOf(report), { onBytes });
}
