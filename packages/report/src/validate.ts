import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { MAX_TOTAL } from '@chokepoint/engine';
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

/**
 * Checks a value against the report schema, then what a schema cannot say: every id a record names is an entity
 * of the report, entity ids are unique, and the quantities, masses and values of the shipments add up to at most
 * MAX_TOTAL (so that every sum a reader makes stays finite). Returns the problems found (empty when valid), at
 * most `limit`.
 */
export function reportProblems(value: unknown, limit = 20): string[] {
  const validate = validator();
  if (!validate(value)) return (validate.errors ?? []).slice(0, limit).map(describe);
  return consistencyProblems(value as Report, limit);
}

function consistencyProblems(report: Report, limit: number): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  report.entities.forEach((e, i) => {
    if (ids.has(e.id)) problems.push(`/entities/${i}/id: ${JSON.stringify(e.id)} is the id of an earlier entity too`);
    ids.add(e.id);
  });
  const known = (path: string, id: string | undefined) => {
    if (id !== undefined && !ids.has(id)) problems.push(`${path}: names ${JSON.stringify(id)}, which is not an entity of the report`);
  };
  report.relations.forEach((r, i) => (known(`/relations/${i}/source`, r.source), known(`/relations/${i}/target`, r.target)));
  report.shipments.forEach((s, i) => {
    for (const field of ['supplier', 'buyer', 'consignee', 'payer'] as const) known(`/shipments/${i}/${field}`, s[field]);
  });
  report.clusters.forEach((c, i) => c.members.forEach((m, j) => known(`/clusters/${i}/members/${j}`, m)));
  report.keyNodes.forEach((k, i) => known(`/keyNodes/${i}/id`, k.id));
  report.bridges.forEach((b, i) => (known(`/bridges/${i}/source`, b.source), known(`/bridges/${i}/target`, b.target)));
  report.flags.forEach((f, i) => f.entities.forEach((e, j) => known(`/flags/${i}/entities/${j}`, e)));
  for (const field of ['quantityKg', 'quantity', 'value'] as const) {
    let total = 0;
    for (const s of report.shipments) total += s[field] ?? 0;
    if (!(total <= MAX_TOTAL)) problems.push(`/shipments: their ${field} values add up to more than ${MAX_TOTAL}, beyond what can be added up without losing the totals`);
  }
  return problems.slice(0, limit);
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

