import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { MAX_TOTAL } from '@chokepoint/engine';
import { InvalidReportError } from './errors';
import { recordChecks } from './record-check';
import { REPORT_SCHEMA_VERSION, type Report } from './types';

/** Where the report's JSON Schema lives: docs/report.schema.json at the repository root. */
export const REPORT_SCHEMA_PATH = join(__dirname, '..', '..', '..', 'docs', 'report.schema.json');

let compiled: { validate: ValidateFunction; lists: Map<string, (item: unknown) => boolean> } | undefined;

export function reportSchema(): object {
  return JSON.parse(readFileSync(REPORT_SCHEMA_PATH, 'utf8')) as object;
}

function validator(): NonNullable<typeof compiled> {
  if (!compiled) {
    const schema = reportSchema();
    compiled = { validate: new Ajv({ allErrors: true, strict: true }).compile(schema), lists: recordChecks(schema) };
  }
  return compiled;
}

/**
 * The report with each long list of records emptied whose every record the quick check compiled from the schema
 * accepts (recordChecks: it accepts only what Ajv would), so that Ajv checks the rest; the report itself when no list
 * qualifies. Only for a plain object, whose copy Ajv sees as it sees the original.
 */
function withoutCheckedLists(value: unknown, lists: ReadonlyMap<string, (item: unknown) => boolean>, onProgress?: (checked: number, total: number) => void): unknown {
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) return value;
  const report = value as Record<string, unknown>;
  let out: Record<string, unknown> | undefined;
  const long: [string, unknown[], (item: unknown) => boolean][] = [];
  for (const [name, check] of lists) {
    const list = Object.hasOwn(report, name) ? report[name] : undefined;
    if (Array.isArray(list)) long.push([name, list, check]);
  }
  const total = long.reduce((n, [, list]) => n + list.length, 0);
  let before = 0;
  for (const [name, list, check] of long) {
    let accepted = true;
    for (let i = 0; i < list.length; i++) {
      const checked = before + i;
      if ((checked & CHECK_PROGRESS_EVERY) === 0 && checked > 0) onProgress?.(checked, total);
      if (!check(list[i])) {
        accepted = false;
        break;
      }
    }
    before += list.length;
    if (accepted) (out ??= { ...report })[name] = [];
  }
  return out ?? value;
}

/** The quick check says how far it is once every this many records (a power of two, less one), counted over the lists. */
const CHECK_PROGRESS_EVERY = 0xffff;

function describe(e: ErrorObject): string {
  const where = e.instancePath === '' ? 'the report' : e.instancePath;
  return `${where}: ${e.message ?? 'is invalid'}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`;
}

export interface ReportCheckOptions {
  /**
   * The caller vouches that every id the relations and the shipments name is an entity of the report: they are the
   * very lists of a bundle the engine's check accepted, and the report's entities are that bundle's (the analysis
   * does this). Those ids are not looked up again (twenty million at a million entities); everything else is checked.
   */
  recordIdsKnown?: boolean;
  /**
   * How many of the records of the report's long lists are checked, of how many (a million entities bring ten
   * million records: seconds), once every 65,536 (from 65,536 on: never for a report of fewer); it plays no part in
   * the result.
   */
  onProgress?: (checked: number, total: number) => void;
}

/**
 * Checks a value against the report schema, then what a schema cannot say: every id a record names is an entity
 * of the report, entity ids are unique, and the quantities, masses and values of the shipments add up to at most
 * MAX_TOTAL (so that every sum a reader makes stays finite). Returns the problems found (empty when valid), at
 * most `limit`.
 */
export function reportProblems(value: unknown, limit = 20, options: ReportCheckOptions = {}): string[] {
  const { validate, lists } = validator();
  // Ajv over a million records takes seconds: the lists the quick check accepts whole are left out of its work (a
  // list with a record the quick check doubts is checked by Ajv, which names the problems exactly as before).
  if (!validate(withoutCheckedLists(value, lists, options.onProgress))) return (validate.errors ?? []).slice(0, limit).map(describe);
  return consistencyProblems(value as Report, limit, options.recordIdsKnown ?? false);
}

function consistencyProblems(report: Report, limit: number, recordIdsKnown: boolean): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  report.entities.forEach((e, i) => {
    if (ids.has(e.id)) problems.push(`/entities/${i}/id: ${JSON.stringify(e.id)} is the id of an earlier entity too`);
    ids.add(e.id);
  });
  // The path of a problem is only written out when there is one (a report holds millions of ids): plain loops, and
  // no function or string made per id.
  /** Whether the id is absent or names an entity; a problem otherwise. */
  const known = (id: string | undefined, list: string, i: number, field: string, j = -1): boolean => {
    if (id === undefined || ids.has(id)) return true;
    problems.push(`/${list}/${i}/${field}${j < 0 ? '' : `/${j}`}: names ${JSON.stringify(id)}, which is not an entity of the report`);
    return false;
  };
  const relations = report.relations;
  // Ties are listed by their source: a source found among the entities for the tie before is not looked up again
  // (an unknown one is, so that every tie naming it is listed).
  let knownSource: string | undefined;
  for (let i = 0; i < (recordIdsKnown ? 0 : relations.length); i++) {
    const r = relations[i];
    if (r.source !== knownSource && known(r.source, 'relations', i, 'source')) knownSource = r.source;
    known(r.target, 'relations', i, 'target');
  }
  const shipments = report.shipments;
  // The three sums in the same pass over the shipments (each added in shipment order, as a pass of its own would).
  let quantityKg = 0;
  let quantity = 0;
  let value = 0;
  for (let i = 0; i < shipments.length; i++) {
    const s = shipments[i];
    if (!recordIdsKnown) {
      known(s.supplier, 'shipments', i, 'supplier');
      known(s.buyer, 'shipments', i, 'buyer');
      known(s.consignee, 'shipments', i, 'consignee');
      known(s.payer, 'shipments', i, 'payer');
    }
    quantityKg += s.quantityKg ?? 0;
    quantity += s.quantity ?? 0;
    value += s.value ?? 0;
  }
  report.clusters.forEach((c, i) => c.members.forEach((m, j) => known(m, 'clusters', i, 'members', j)));
  report.keyNodes.forEach((k, i) => known(k.id, 'keyNodes', i, 'id'));
  report.bridges.forEach((b, i) => (known(b.source, 'bridges', i, 'source'), known(b.target, 'bridges', i, 'target')));
  report.flags.forEach((f, i) => f.entities.forEach((e, j) => known(e, 'flags', i, 'entities', j)));
  const totals = { quantityKg, quantity, value };
  for (const field of ['quantityKg', 'quantity', 'value'] as const) {
    if (!(totals[field] <= MAX_TOTAL)) problems.push(`/shipments: their ${field} values add up to more than ${MAX_TOTAL}, beyond what can be added up without losing the totals`);
  }
  return problems.slice(0, limit);
}

let recordValidators: Map<string, ValidateFunction> | undefined;

/**
 * Why one relation or shipment (`list`: the report's list it belongs to) is not valid against the report schema, or
 * null when it is: the quick check first, and Ajv for the exact reason when the quick check doubts it. For records
 * read one at a time (a report's records file, read when a record is asked for).
 */
export function recordProblem(list: 'relations' | 'shipments', value: unknown): string | null {
  const { lists } = validator();
  if (lists.get(list)?.(value) === true) return null;
  if (recordValidators === undefined) {
    const schema = reportSchema() as { definitions: object; properties: Record<string, { items: object }> };
    const ajv = new Ajv({ allErrors: true, strict: true });
    recordValidators = new Map((['relations', 'shipments'] as const).map((name) => [name, ajv.compile({ definitions: schema.definitions, ...schema.properties[name].items })]));
  }
  const validate = recordValidators.get(list)!;
  if (validate(value)) return null;
  return (validate.errors ?? []).slice(0, 3).map((e) => `${e.instancePath === '' ? 'the record' : e.instancePath}: ${e.message ?? 'is invalid'}`).join('; ');
}

/** Throws InvalidReportError unless `value` is a valid report; returns it typed otherwise. */
export function assertReport(value: unknown, source = 'the report', options: ReportCheckOptions = {}): Report {
  if (typeof value === 'object' && value !== null && 'schemaVersion' in value && value.schemaVersion !== REPORT_SCHEMA_VERSION) {
    throw new InvalidReportError(
      `${source} has schema version ${JSON.stringify(value.schemaVersion)}; this version of chokepoint reads version ${REPORT_SCHEMA_VERSION}`,
    );
  }
  const problems = reportProblems(value, 20, options);
  if (problems.length > 0) throw new InvalidReportError(`${source} is not a valid Chokepoint report`, problems);
  return value as Report;
}

