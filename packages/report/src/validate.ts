import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { InvalidReportError } from './errors';
import { REPORT_SCHEMA_VERSION, type Report } from './types';

/** Where the report's JSON Schema lives: docs/report.schema.json at the repository root. */
export const REPORT_SCHEMA_PATH = join(__dirname, '..', '..', '..', 'docs', 'report.schema.json');

let compiled: ValidateFunction | undefined;

export function reportSchema(): object {
  return JSON.parse(readFileSync(REPORT_SCHEMA_PATH, 'utf8')) as object;
}

function validator(): ValidateFunction {
  if (!compiled) compiled = new Ajv({ allErrors: true, strict: true }).compile(reportSchema());
  return compiled;
}

function describe(e: ErrorObject): string {
  const where = e.instancePath === '' ? 'the report' : e.instancePath;
  return `${where}: ${e.message ?? 'is invalid'}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`;
}

/** Checks a value against the report schema. Returns the problems found (empty when valid), at most `limit`. */
export function reportProblems(value: unknown, limit = 20): string[] {
  const validate = validator();
  if (validate(value)) return [];
  return (validate.errors ?? []).slice(0, limit).map(describe);
}

/** Throws InvalidReportError unless `value` is a valid report; returns it typed otherwise. */
export function assertReport(value: unknown, source = 'the report'): Report {
  if (typeof value === 'object' && value !== null && 'schemaVersion' in value && value.schemaVersion !== REPORT_SCHEMA_VERSION) {
    throw new InvalidReportError(
      `${source} has schema version ${JSON.stringify(value.schemaVersion)}; this version of chokepoint reads version ${REPORT_SCHEMA_VERSION}`,
    );
  }
  const problems = reportProblems(value);
  if (problems.length > 0) throw new InvalidReportError(`${source} is not a valid Chokepoint report`, problems);
  return value as Report;
}

/** Reads and validates a report file. */
export function readReport(path: string): Report {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new InvalidReportError(`cannot read the report ${path} (is the path right?)`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new InvalidReportError(`${path} is not JSON (${(err as Error).message})`);
  }
  return assertReport(value, path);
}
