/** Base class of the errors the flags package throws on purpose. */
export class FlagsError extends Error {
  override name = 'FlagsError';
}

/** A problem in a rules file: names the file, the line when known, the setting and the reason. */
export interface RulesProblem {
  file: string;
  line?: number;
  path: string;
  reason: string;
}

export class RulesFileError extends FlagsError {
  override name = 'RulesFileError';
  constructor(readonly problems: RulesProblem[]) {
    super(
      `the rules file has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n` +
        problems
          .map((p) => `  ${p.file}${p.line === undefined ? '' : ` line ${p.line}`}${p.path === '' ? '' : `, ${p.path}`}: ${p.reason}`)
          .join('\n') +
        '\n(`chokepoint rules` lists every rule and its parameters)',
    );
  }
}

/** A reference data file (watchlist, sector mapping) is missing or malformed. */
export class ReferenceDataError extends FlagsError {
  override name = 'ReferenceDataError';
}
