import { estimateReportMemory, InputTooLargeError } from '@chokepoint/pipeline';
import { readReport, type ReadReportOptions, type Report } from '@chokepoint/report';

/**
 * readReport for a command, once the report (and its records file, when they are read) is known to fit in the heap
 * this process may use. A report too large for it is refused before it is read (InputTooLargeError): `main` runs the
 * command again with a larger heap when the machine has the memory, else says how much is needed (exit 4), instead
 * of running out of memory part way through reading it (as `view` did on a report of a million entities, after
 * 100 s, with V8's native stack trace).
 */
export function readReportFor(path: string, options: ReadReportOptions = {}): Report {
  const estimate = estimateReportMemory(path, { records: options.records ?? true });
  if (estimate.neededBytes > estimate.heapLimitBytes) throw new InputTooLargeError(estimate);
  return readReport(path, options);
}
