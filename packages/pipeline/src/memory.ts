import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { companionPath } from '@chokepoint/report';
import { InputTooLargeError } from './errors';

/**
 * The least memory the analysis of an input takes, per byte of input: a lower bound measured on bundles of every
 * size as the most heap still in use after a full garbage collection (what no heap limit can do without), not the
 * peak the process reaches when the heap may grow freely (mostly garbage not yet collected). Measured on the
 * synthetic benchmark bundles of bench/pipeline-bundle.mjs (2026-12-03): 7.4 bytes per byte of CSV at 100k entities
 * (670 MB of 91 MB), 21 at 10k (188 MB of 8.8 MB, of which about 30 MB is the program and its reference data);
 * the records alone take under 4 bytes per byte once read. A FollowTheMoney file spends more bytes per record
 * (property names on every line), so it should take less per byte; its 15 was set from peak use, as the bundle's
 * former 40 was, and has not been measured again. The check refuses only inputs that cannot fit; an input below it
 * can still need more.
 */
export const HEAP_PER_INPUT_BYTE = { bundle: 7, ftm: 15 } as const;

/** What an input needs and what the process has, in bytes. */
export interface MemoryEstimate {
  /**
   * The input's size on disk: a FollowTheMoney file, the CSV files of a bundle folder, or a report file (with its
   * records file, `reportRecords`, when they are read too).
   */
  inputBytes: number;
  kind: 'bundle' | 'ftm' | 'report' | 'reportRecords';
  /** The least heap its analysis (or, for a report, reading it) takes (HEAP_PER_INPUT_BYTE, HEAP_PER_REPORT_BYTE). */
  neededBytes: number;
  /** The most the JavaScript heap of this process may grow to (V8's limit, which --max-old-space-size sets). */
  heapLimitBytes: number;
  /** The machine's memory in all. */
  totalMemoryBytes: number;
}

/** The size of the input at `path` (a FollowTheMoney file, or a bundle folder's CSV files), with the memory it needs. */
export function estimateMemory(path: string): MemoryEstimate {
  let inputBytes = 0;
  let kind: MemoryEstimate['kind'] = 'bundle';
  try {
    const st = statSync(path);
    if (st.isFile()) {
      kind = 'ftm';
      inputBytes = st.size;
    } else if (st.isDirectory()) {
      for (const e of readdirSync(path, { withFileTypes: true })) {
        if (!e.name.toLowerCase().endsWith('.csv')) continue;
        try {
          const f = statSync(join(path, e.name));
          if (f.isFile()) inputBytes += f.size;
        } catch {
          // A file that cannot be read is named by the reader.
        }
      }
    }
  } catch {
    // A path that does not exist is named by the reader.
  }
  return {
    inputBytes,
    kind,
    neededBytes: inputBytes * HEAP_PER_INPUT_BYTE[kind],
    heapLimitBytes: getHeapStatistics().heap_size_limit,
    totalMemoryBytes: totalmem(),
  };
}

/**
 * The heap a report takes once read, per byte of its files: the report itself (entities with their results, the
 * findings) and its companion file of records, when they are read (`readReport` with records). Measured with
 * `readReport`, then a full garbage collection, on the reports of the benchmark bundles (2026-12-07, 2-core EPYC):
 * 100k entities, 68 MB of report 110 MB of heap and 260 MB of records 325 MB more; 1M entities, 673 MB of report
 * 954 MB and 2.63 GB of records 3.25 GB more (1.42 and 1.24 bytes per byte), to which reading adds its passing
 * strings and the viewer its index (5.3 GB of RSS for `chokepoint view` on the 1M report): hence a margin above
 * what was measured. Before these were checked, `view` on that report ran out of Node.js's default heap of 4 GB
 * after 100 s.
 */
export const HEAP_PER_REPORT_BYTE = { report: 1.6, records: 1.5 } as const;

/**
 * The size of the report at `path` (and of its companion file of records beside it, with `records`), with the
 * memory reading it takes. A report that keeps its records inline has no companion; a file missing or unreadable
 * counts as empty (the reader names it).
 */
export function estimateReportMemory(path: string, options: { records?: boolean } = {}): MemoryEstimate {
  const size = (file: string): number => {
    try {
      const st = statSync(file);
      return st.isFile() ? st.size : 0;
    } catch {
      return 0;
    }
  };
  const reportBytes = size(path);
  const recordsBytes = options.records === false ? 0 : size(companionPath(path));
  return {
    inputBytes: reportBytes + recordsBytes,
    kind: recordsBytes > 0 ? 'reportRecords' : 'report',
    neededBytes: reportBytes * HEAP_PER_REPORT_BYTE.report + recordsBytes * HEAP_PER_REPORT_BYTE.records,
    heapLimitBytes: getHeapStatistics().heap_size_limit,
    totalMemoryBytes: totalmem(),
  };
}

/** Throws InputTooLargeError when the input at `path` cannot be analysed within the heap this process may use. */
export function checkMemory(path: string, estimate: (path: string) => MemoryEstimate = estimateMemory): MemoryEstimate {
  const e = estimate(path);
  if (e.neededBytes > e.heapLimitBytes) throw new InputTooLargeError(e);
  return e;
}

