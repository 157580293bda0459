/** Base class of the pipeline's own errors. */
export class PipelineError extends Error {
  override name = 'PipelineError';
}

/** A choice the caller made cannot be carried out (a selection that does not parse, options that contradict). */
export class PipelineOptionsError extends PipelineError {
  override name = 'PipelineOptionsError';
  /** The setting at fault (goods, sources, targets, remove …), so that a caller can name it in its own terms. */
  readonly setting?: string;
  constructor(message: string, setting?: string) {
    super(setting === undefined ? message : `${setting}: ${message}`);
    this.setting = setting;
    this.detail = message;
  }
  /** The message without the setting's name. */
  readonly detail: string;
}

/** A data table the analysis reads (exchange rates, densities) is missing or wrong: names file, line and reason. */
export class MeasuresDataError extends PipelineError {
  override name = 'MeasuresDataError';
}

/** A number of bytes for people: `1.5 GB`, `350 MB`. */
export function bytesForPeople(n: number): string {
  return n >= 1e9 ? `${(n / 1e9).toFixed(1)} GB` : `${Math.max(1, Math.round(n / 1e6))} MB`;
}

/** What holds the input, in the words of InputTooLargeError. */
const INPUT_WORDS = {
  bundle: 'the bundle’s CSV files hold',
  ftm: 'the FollowTheMoney file holds',
  report: 'the report holds',
  reportRecords: 'the report and its records file hold',
} as const;

/**
 * The input is too large for the memory this process may use: raised before reading it, instead of running out of
 * memory part way. Carries the sizes, so that a caller can say how to give it more (or that the machine has too
 * little).
 */
export class InputTooLargeError extends PipelineError {
  override name = 'InputTooLargeError';
  constructor(
    readonly estimate: {
      inputBytes: number;
      kind: 'bundle' | 'ftm' | 'report' | 'reportRecords';
      neededBytes: number;
      heapLimitBytes: number;
      totalMemoryBytes: number;
    },
  ) {
    super(
      `the input is too large for the memory available: ${INPUT_WORDS[estimate.kind]} ${bytesForPeople(estimate.inputBytes)}, ` +
        `and ${estimate.kind === 'report' || estimate.kind === 'reportRecords' ? 'reading' : 'analysing'} it takes at least about ${bytesForPeople(estimate.neededBytes)} of memory, but this process may use at most ${bytesForPeople(estimate.heapLimitBytes)} ` +
        `(the machine has ${bytesForPeople(estimate.totalMemoryBytes)} in all)`,
    );
  }
}
