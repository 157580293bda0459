import { CASE_FORMAT, CASE_VERSION, FLAG_STATUSES, VERDICTS, type CaseFile } from './types';

/** Base class of the errors the case package throws on purpose. */
export class CaseError extends Error {
  override name = 'CaseError';
}

/** A case file that is not JSON or does not follow the case format. */
export class InvalidCaseError extends CaseError {
  override name = 'InvalidCaseError';
  constructor(
    message: string,
    readonly problems: string[] = [],
  ) {
    super(problems.length === 0 ? message : `${message}:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const TIE_KINDS_HINT = 'an entity, a tie or a flag';
/** How many problems are listed before "and N more". */
const SHOWN = 20;

type Json = unknown;
const isObject = (v: Json): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/**
 * The problems of a value read as a case file, each as `path: what is wrong` (`notes[2].text: …`); none when it is a
 * valid case. Pure; checks what docs/case.schema.json says, plus that note and view ids are unique and a flag has one
 * status entry.
 */
export function caseProblems(value: Json): string[] {
  const problems: string[] = [];
  const bad = (path: string, what: string) => problems.push(`${path === '' ? 'the file' : path}: ${what}`);
  if (!isObject(value)) {
    bad('', 'expected a JSON object (a Chokepoint case file)');
    return problems;
  }
  if (value.format !== CASE_FORMAT) {
    bad('format', `expected "${CASE_FORMAT}": this is not a Chokepoint case file`);
    return problems;
  }
  if (value.version !== CASE_VERSION) {
    bad('version', typeof value.version === 'number' && value.version > CASE_VERSION ? `version ${value.version} was written by a newer Chokepoint; this one reads version ${CASE_VERSION}` : `expected ${CASE_VERSION}`);
    return problems;
  }
  const only = (o: Record<string, unknown>, path: string, required: string[], optional: string[] = []) => {
    for (const k of required) if (!has(o, k)) bad(path, `"${k}" is missing`);
    for (const k of Object.keys(o)) if (!required.includes(k) && !optional.includes(k)) bad(path === '' ? k : `${path}.${k}`, 'unknown property');
  };
  // A missing property is reported once, by `only`.
  const text = (v: Json, path: string, min: number, max: number) => {
    if (v === undefined) return;
    if (typeof v !== 'string') bad(path, 'expected text');
    else if (v.length < min) bad(path, 'must not be empty');
    else if (v.length > max) bad(path, `longer than ${max} characters`);
  };
  const time = (v: Json, path: string) => {
    if (v === undefined) return;
    if (typeof v !== 'string' || !TIMESTAMP.test(v) || Number.isNaN(Date.parse(v))) bad(path, 'expected a date and time such as 2026-03-01T14:05:00.000Z');
  };
  const status = (v: Json, path: string) => {
    if (v === undefined) return;
    if (typeof v !== 'string' || !(FLAG_STATUSES as readonly string[]).includes(v)) bad(path, `expected one of ${FLAG_STATUSES.join(', ')}`);
  };
  const verdict = (v: Json, path: string) => {
    if (v === undefined) return;
    if (typeof v !== 'string' || !(VERDICTS as readonly string[]).includes(v)) bad(path, `expected one of ${VERDICTS.join(', ')}`);
  };
  const list = (v: Json, path: string, each: (item: Json, path: string) => void) => {
    if (v === undefined) return;
    if (!Array.isArray(v)) bad(path, 'expected a list');
    else v.forEach((item, i) => each(item, `${path}[${i}]`));
  };

  /** Earlier entries of a status or a verdict: each `{ <key>, by, at }`. */
  const history = (v: Json, path: string, key: 'status' | 'verdict', check: (v: Json, path: string) => void) =>
    list(v, path, (h, hp) => {
      if (!isObject(h)) return bad(hp, `expected an earlier ${key} (an object)`);
      only(h, hp, [key, 'by', 'at']);
      check(h[key], `${hp}.${key}`);
      text(h.by, `${hp}.by`, 1, 200);
      time(h.at, `${hp}.at`);
    });

  only(value, '', ['format', 'version', 'title', 'report', 'created', 'updated', 'revision', 'notes', 'flags', 'views'], ['judgements']);
  if (has(value, 'title')) text(value.title, 'title', 0, 200);
  if (has(value, 'report')) {
    if (!isObject(value.report)) bad('report', 'expected an object with the bundle name');
    else {
      only(value.report, 'report', ['bundle']);
      if (has(value.report, 'bundle')) text(value.report.bundle, 'report.bundle', 0, 1000);
    }
  }
  if (has(value, 'created')) time(value.created, 'created');
  if (has(value, 'updated')) time(value.updated, 'updated');
  if (has(value, 'revision') && !(Number.isInteger(value.revision) && (value.revision as number) >= 0)) bad('revision', 'expected a whole number, 0 or more');

  const noteIds = new Set<string>();
  if (has(value, 'notes'))
    list(value.notes, 'notes', (n, path) => {
      if (!isObject(n)) return bad(path, 'expected a note (an object)');
      only(n, path, ['id', 'target', 'text', 'author', 'created'], ['edited']);
      text(n.id, `${path}.id`, 1, 100);
      if (typeof n.id === 'string') {
        if (noteIds.has(n.id)) bad(`${path}.id`, `"${n.id}" is used by another note`);
        noteIds.add(n.id);
      }
      const t = n.target;
      if (t === undefined) {
        // reported by `only`
      } else if (!isObject(t)) bad(`${path}.target`, `expected what the note is about: ${TIE_KINDS_HINT}`);
      else if (t.kind === 'entity' || t.kind === 'flag') {
        only(t, `${path}.target`, ['kind', 'id']);
        text(t.id, `${path}.target.id`, 1, 1000);
      } else if (t.kind === 'tie') {
        only(t, `${path}.target`, ['kind', 'source', 'target', 'tieKind']);
        text(t.source, `${path}.target.source`, 1, 1000);
        text(t.target, `${path}.target.target`, 1, 1000);
        text(t.tieKind, `${path}.target.tieKind`, 1, 100);
      } else bad(`${path}.target.kind`, 'expected one of entity, tie, flag');
      text(n.text, `${path}.text`, 1, 20000);
      text(n.author, `${path}.author`, 1, 200);
      time(n.created, `${path}.created`);
      if (has(n, 'edited')) time(n.edited, `${path}.edited`);
    });

  const flagIds = new Set<string>();
  if (has(value, 'flags'))
    list(value.flags, 'flags', (f, path) => {
      if (!isObject(f)) return bad(path, 'expected a flag status (an object)');
      only(f, path, ['flag', 'status', 'by', 'at', 'history']);
      text(f.flag, `${path}.flag`, 1, 1000);
      if (typeof f.flag === 'string') {
        if (flagIds.has(f.flag)) bad(`${path}.flag`, `flag "${f.flag}" has another status entry`);
        flagIds.add(f.flag);
      }
      status(f.status, `${path}.status`);
      text(f.by, `${path}.by`, 1, 200);
      time(f.at, `${path}.at`);
      history(f.history, `${path}.history`, 'status', status);
    });

  const pairs = new Set<string>();
  if (has(value, 'judgements'))
    list(value.judgements, 'judgements', (j, path) => {
      if (!isObject(j)) return bad(path, 'expected a judgement on two records (an object)');
      only(j, path, ['a', 'b', 'verdict', 'by', 'at', 'history']);
      text(j.a, `${path}.a`, 1, 1000);
      text(j.b, `${path}.b`, 1, 1000);
      if (typeof j.a === 'string' && typeof j.b === 'string') {
        if (j.a === j.b) bad(`${path}.b`, `the same id as a ("${j.a}"): a judgement is on two records`);
        const key = JSON.stringify([j.a, j.b].sort());
        if (pairs.has(key)) bad(path, `"${j.a}" and "${j.b}" have another judgement`);
        pairs.add(key);
      }
      verdict(j.verdict, `${path}.verdict`);
      text(j.by, `${path}.by`, 1, 200);
      time(j.at, `${path}.at`);
      history(j.history, `${path}.history`, 'verdict', verdict);
    });

  const viewIds = new Set<string>();
  if (has(value, 'views'))
    list(value.views, 'views', (v, path) => {
      if (!isObject(v)) return bad(path, 'expected a saved view (an object)');
      only(v, path, ['id', 'name', 'by', 'at', 'state']);
      text(v.id, `${path}.id`, 1, 100);
      if (typeof v.id === 'string') {
        if (viewIds.has(v.id)) bad(`${path}.id`, `"${v.id}" is used by another view`);
        viewIds.add(v.id);
      }
      text(v.name, `${path}.name`, 1, 200);
      text(v.by, `${path}.by`, 1, 200);
      time(v.at, `${path}.at`);
      if (v.state === undefined) {
        // reported by `only`
      } else if (!isObject(v.state)) bad(`${path}.state`, 'expected the view state (an object)');
      else {
        if (!(Number.isInteger(v.state.version) && (v.state.version as number) >= 1)) bad(`${path}.state.version`, 'expected a whole number, 1 or more');
        if (has(v.state, 'scope')) scopeProblems(v.state.scope, `${path}.state.scope`, bad);
      }
    });
  return problems;
}

/** A saved view's piece of a large report: the overview, a cluster, or an entity's neighbourhood. */
function scopeProblems(scope: unknown, path: string, bad: (path: string, why: string) => void): void {
  const expected = 'expected {"kind": "overview"}, {"kind": "cluster", "cluster": N} or {"kind": "entity", "entity": "id", "hops": 1 to 10}';
  if (!isObject(scope as Json)) return bad(path, expected);
  const s = scope as Record<string, unknown>;
  const keys = Object.keys(s).sort().join(',');
  if (s.kind === 'overview' && keys === 'kind') return;
  if (s.kind === 'cluster' && keys === 'cluster,kind' && Number.isInteger(s.cluster)) return;
  if (s.kind === 'entity' && keys === 'entity,hops,kind' && typeof s.entity === 'string' && s.entity !== '' && Number.isInteger(s.hops) && (s.hops as number) >= 1 && (s.hops as number) <= 10) return;
  bad(path, expected);
}

/** The value as a case file, or an InvalidCaseError naming `source` and listing what is wrong. */
export function assertCase(value: unknown, source = 'the case file'): CaseFile {
  const problems = caseProblems(value);
  if (problems.length === 0) return value as CaseFile;
  const shown = problems.length > SHOWN ? [...problems.slice(0, SHOWN), `and ${problems.length - SHOWN} more`] : problems;
  throw new InvalidCaseError(`${source} is not a valid Chokepoint case file`, shown);
}

/** Line and column (from 1) of a character offset in a text. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/**
 * Reads a case file's text: JSON first (a syntax error is given with its line and column), then the case format. The
 * text is only parsed as JSON data.
 */
export function parseCase(text: string, source = 'the case file'): CaseFile {
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (err) {
    const message = (err as Error).message;
    const at = /position (\d+)/.exec(message);
    const where = at ? lineColumn(text, Number(at[1])) : null;
    throw new InvalidCaseError(`${source}${where ? ` line ${where.line}, column ${where.column}` : ''}: not valid JSON (${message.replace(/^JSON\.parse: /, '')})`);
  }
  return assertCase(value, source);
}
