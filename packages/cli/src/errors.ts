import { CommanderError } from 'commander';
import { EngineInputError } from '@chokepoint/engine';
import { IngestError, InvalidBundleError } from '@chokepoint/ingest';
import { ISSUES_SHOWN } from '@chokepoint/model';
import { ReportError } from '@chokepoint/report';
import { CaseError } from '@chokepoint/case';
import { FlagsError } from '@chokepoint/flags';
import { PortInUseError, ViewerNotBuiltError } from '@chokepoint/viewer';
import { Neo4jDataError, Neo4jError, Neo4jQueryError, Neo4jUnavailableError } from '@chokepoint/neo4j/errors';
import { InputTooLargeError, MeasuresDataError, PipelineOptionsError } from '@chokepoint/pipeline';
import { InvalidListError, ScreeningError } from '@chokepoint/screening';

/** Exit codes of the `chokepoint` command. The only place errors become numbers. */
export const EXIT = {
  ok: 0,
  /** A bug or an unexpected failure: the message says to report it. */
  internal: 1,
  /** The command line is wrong: unknown option, bad option value, missing argument, unwritable output. */
  usage: 2,
  /**
   * The input data is wrong: a bundle with problems, a rules file with mistakes, a file that is not a report, data
   * the engine cannot use (results from GDS that are missing or not numbers, sums beyond what a double holds), a list
   * of listed parties (--screen) that is missing or has problems.
   */
  invalidInput: 3,
  /**
   * A resource the command needs is not available: a service (such as Neo4j) cannot be reached, or the input is too
   * large for the memory the process may use.
   */
  serviceUnavailable: 4,
} as const;

/** Base class of errors raised by the CLI itself. */
export class CliError extends Error {
  override name = 'CliError';
}

/** The command line is wrong in a way the parser cannot see (values that depend on each other, output paths). */
export class UsageError extends CliError {
  override name = 'UsageError';
}

/** A service the command needs is unreachable (reserved for the database commands). */
export class ServiceUnavailableError extends CliError {
  override name = 'ServiceUnavailableError';
}

export interface ErrorOutcome {
  code: number;
  /** What to print on stderr (empty when the parser already printed it). */
  message: string;
}

/** What the Neo4j package's remedies are in this command line's options. */
const NEO4J_REMEDIES: Readonly<Record<string, string>> = Object.assign(Object.create(null) as Record<string, string>, {
  'replace-bundle': ' (chokepoint neo4j import --replace; or --database to use another database)',
  'import-bundle': ' (chokepoint neo4j import <bundle-dir>)',
  'without-gds': ' (run without --gds)',
  'check-credentials': ' (--user and --password, or NEO4J_USER and NEO4J_PASSWORD)',
  'check-database': ' (--database, or NEO4J_DATABASE)',
});

/** The heap to ask Node.js for, in MB: half again the least the input needs, in whole GB; undefined when the machine cannot give it and keep a quarter of its memory. */
export function heapToAsk(estimate: { neededBytes: number; totalMemoryBytes: number }): number | undefined {
  const askMb = Math.ceil((estimate.neededBytes * 1.5) / 2 ** 20 / 1024) * 1024;
  return askMb * 2 ** 20 <= estimate.totalMemoryBytes * 0.75 ? askMb : undefined;
}

/**
 * How to give the analysis the memory it needs: a larger heap for Node.js when the machine has the memory (with the
 * size to ask for), else a machine with more memory or a part of the data.
 */
export function memoryRemedy(err: InputTooLargeError): string {
  const askMb = heapToAsk(err.estimate);
  if (askMb !== undefined) {
    return `Give Node.js a larger heap, for example: NODE_OPTIONS=--max-old-space-size=${askMb} chokepoint … (or node --max-old-space-size=${askMb} with the path of chokepoint's bin.js).`;
  }
  if (err.estimate.kind === 'report' || err.estimate.kind === 'reportRecords') {
    return 'This machine has too little memory for it: open the report on a machine with more memory, or analyse a part of the data (one region, or a year of shipments) for a smaller report.';
  }
  return 'This machine has too little memory for it: analyse it on a machine with more memory, or a part of the data (one region, or a year of shipments).';
}

/** Maps any error thrown by a command to an exit code and a message for people. */
export function describeError(err: unknown): ErrorOutcome {
  if (err instanceof CommanderError) {
    // Help and version are "errors" to commander; they have already been printed.
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') {
      return { code: EXIT.ok, message: '' };
    }
    return { code: EXIT.usage, message: '' };
  }
  if (err instanceof PortInUseError) return { code: EXIT.usage, message: `error: ${err.message}` };
  // (an installation without the viewer's web files, as a checkout built in part leaves it: what is missing, not a bug)
  if (err instanceof ViewerNotBuiltError) return { code: EXIT.serviceUnavailable, message: `error: ${err.message}` };
  if (err instanceof UsageError) return { code: EXIT.usage, message: `error: ${err.message}\n(see --help)` };
  if (err instanceof PipelineOptionsError) return { code: EXIT.usage, message: `error: ${err.setting === undefined ? err.message : `--${err.setting}: ${err.detail}`}\n(see --help)` };
  if (err instanceof InputTooLargeError) return { code: EXIT.serviceUnavailable, message: `error: ${err.message}\n${memoryRemedy(err)}` };
  if (err instanceof MeasuresDataError) return { code: EXIT.invalidInput, message: `error: ${err.message}` };
  if (err instanceof InvalidBundleError) {
    const how = err.fatal ? '' : '\n(--lenient reads it so with analyze and neo4j import; the report lists skipped rows under input.rejected, emptied cells under input.warnings)';
    // (the message shows the first ISSUES_SHOWN and counts the rest: where the whole list is)
    const all = err.issues.length > ISSUES_SHOWN ? `\n(chokepoint validate <bundle> --json writes every one of the ${err.issues.length.toLocaleString('en-US')} problems, as JSON, to keep in a file)` : '';
    return { code: EXIT.invalidInput, message: `error: ${err.message}${how}${all}` };
  }
  if (err instanceof InvalidListError && !err.fatal) {
    return { code: EXIT.invalidInput, message: `error: --screen: ${err.message}\n(--lenient skips the bad records; the report lists them under screening.lists[].skipped)` };
  }
  if (err instanceof ScreeningError) return { code: EXIT.invalidInput, message: `error: --screen: ${err.message}` };
  if (err instanceof IngestError || err instanceof ReportError || err instanceof FlagsError || err instanceof CaseError) return { code: EXIT.invalidInput, message: `error: ${err.message}` };
  // Data the engine cannot use (a bundle that breaks the contract, results from GDS that are missing or not finite).
  if (err instanceof EngineInputError) return { code: EXIT.invalidInput, message: `error: ${err.message}` };
  // Neo4j: unreachable / gone → 4; what the database holds is unusable → 3; wrong password, unknown database,
  // missing GDS, a bad --query, another bundle without --replace, a bad URI → 2.
  if (err instanceof Neo4jUnavailableError) return { code: EXIT.serviceUnavailable, message: `error: ${err.message}` };
  if (err instanceof Neo4jDataError) return { code: EXIT.invalidInput, message: `error: ${err.message}${NEO4J_REMEDIES[err.remedy ?? ''] ?? ''}` };
  if (err instanceof Neo4jQueryError) return { code: EXIT.usage, message: `error: --query: ${err.message}` };
  if (err instanceof Neo4jError) return { code: EXIT.usage, message: `error: ${err.message}${NEO4J_REMEDIES[err.remedy ?? ''] ?? ''}` };
  if (err instanceof ServiceUnavailableError) return { code: EXIT.serviceUnavailable, message: `error: ${err.message}` };
  const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
  return {
    code: EXIT.internal,
    message: `error: something unexpected went wrong. This is a bug in chokepoint; please report it with the text below.\n${detail}`,
  };
}
