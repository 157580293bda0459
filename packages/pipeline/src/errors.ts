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
