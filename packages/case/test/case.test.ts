import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import {
  addNote,
  assertCase,
  caseProblems,
  deleteNote,
  deleteView,
  editNote,
  emptyCase,
  flagStatus,
  moveView,
  notesAbout,
  orphans,
  parseCase,
  renameView,
  saveView,
  serializeCase,
  setFlagStatus,
  statusCounts,
  InvalidCaseError,
  judgementOf,
  setJudgement,
  type CaseFile,
} from '@chokepoint/case';
import { readCaseFile, writeCaseFile } from '@chokepoint/case/files';

const REPO = join(__dirname, '..', '..', '..');
const T0 = '2026-03-01T10:00:00.000Z';
const T1 = '2026-03-01T11:00:00.000Z';
const T2 = '2026-03-02T09:30:00.000Z';

function sample(): CaseFile {
  let c = emptyCase({ bundle: 'border-procurement', now: T0 });
  c = addNote(c, { kind: 'entity', id: '__proto__' }, 'Same director as Velkaron.', 'Ana Duarte', T1);
  c = addNote(c, { kind: 'tie', source: 'a', target: 'b', tieKind: 'shipment' }, '<b>not markup</b>', 'Ana Duarte', T1);
  c = addNote(c, { kind: 'flag', id: 'F1' }, 'Invoice seen.', 'Jon Meyer', T2);
  c = setFlagStatus(c, 'F1', 'confirmed', 'Jon Meyer', T2);
  c = saveView(c, 'Border cluster', { version: 1, hash: 'layout=geo&border=1' }, 'Ana Duarte', T2);
  c = setJudgement(c, 'k1', 'toString', 'not-same', 'Ana Duarte', T2);
  return c;
}

describe('case file changes (pure)', () => {
  it('adds, edits and deletes notes, each with its author and time, leaving the old case as it was', () => {
    const before = emptyCase({ bundle: 'b', now: T0 });
    const after = addNote(before, { kind: 'entity', id: 'toString' }, '  first line\r\nsecond  ', 'Ana', T1);
    expect(before.notes).toEqual([]);
    expect(after.notes).toEqual([{ id: 'n1', target: { kind: 'entity', id: 'toString' }, text: 'first line\nsecond', author: 'Ana', created: T1 }]);
    expect(after.updated).toBe(T1);
    expect(addNote(after, { kind: 'entity', id: 'x' }, '   ', 'Ana', T2)).toBe(after);
    const edited = editNote(after, 'n1', 'changed', T2);
    expect(edited.notes[0]).toMatchObject({ text: 'changed', edited: T2, created: T1, author: 'Ana' });
    expect(editNote(edited, 'n1', 'changed', T2)).toBe(edited);
    expect(editNote(edited, 'n1', '', T2).notes).toEqual([]);
    const two = addNote(addNote(after, { kind: 'entity', id: 'x' }, 'b', 'A', T1), { kind: 'entity', id: 'x' }, 'c', 'A', T1);
    expect(two.notes.map((n) => n.id)).toEqual(['n1', 'n2', 'n3']);
    // An id is never reused while a higher one exists.
    expect(addNote(deleteNote(two, 'n2', T2), { kind: 'entity', id: 'y' }, 'd', 'A', T2).notes.map((n) => n.id)).toEqual(['n1', 'n3', 'n4']);
  });

  it('finds the notes about a thing: a tie by its two ends in order and its kind', () => {
    const c = sample();
    expect(notesAbout(c, { kind: 'tie', source: 'a', target: 'b', tieKind: 'shipment' })).toHaveLength(1);
    expect(notesAbout(c, { kind: 'tie', source: 'b', target: 'a', tieKind: 'shipment' })).toHaveLength(0);
    expect(notesAbout(c, { kind: 'tie', source: 'a', target: 'b', tieKind: 'owner' })).toHaveLength(0);
    expect(notesAbout(c, { kind: 'entity', id: '__proto__' })).toHaveLength(1);
    expect(notesAbout(c, { kind: 'flag', id: '__proto__' })).toHaveLength(0);
  });

  it('keeps a status per flag with who and when, earlier statuses in its history', () => {
    let c = emptyCase({ bundle: 'b', now: T0 });
    expect(flagStatus(c, 'F1')).toEqual({ flag: 'F1', status: 'to-check', by: null, at: null, history: [] });
    expect(setFlagStatus(c, 'F1', 'to-check', 'Ana', T1)).toBe(c);
    c = setFlagStatus(c, 'F1', 'confirmed', 'Ana', T1);
    expect(setFlagStatus(c, 'F1', 'confirmed', 'Jon', T2)).toBe(c);
    c = setFlagStatus(c, 'F1', 'dismissed', 'Jon', T2);
    expect(flagStatus(c, 'F1')).toEqual({ flag: 'F1', status: 'dismissed', by: 'Jon', at: T2, history: [{ status: 'confirmed', by: 'Ana', at: T1 }] });
    c = setFlagStatus(c, 'F2', 'confirmed', 'Ana', T2);
    expect(statusCounts(c, ['F1', 'F2', 'F3', 'F4'])).toEqual({ 'to-check': 2, confirmed: 1, dismissed: 1 });
  });

  it('saves named views (same name replaces), renames, moves and deletes them', () => {
    let c = emptyCase({ bundle: 'b', now: T0 });
    c = saveView(c, ' One ', { version: 1, hash: 'a' }, 'Ana', T1);
    c = saveView(c, 'Two', { version: 1, hash: 'b' }, 'Ana', T1);
    c = saveView(c, 'One', { version: 1, hash: 'c' }, 'Jon', T2);
    expect(c.views.map((v) => [v.id, v.name, v.state.hash, v.by])).toEqual([
      ['v1', 'One', 'c', 'Jon'],
      ['v2', 'Two', 'b', 'Ana'],
    ]);
    expect(saveView(c, '  ', { version: 1 }, 'A', T2)).toBe(c);
    expect(renameView(c, 'v1', 'Two', T2)).toBe(c);
    c = renameView(c, 'v1', 'First', T2);
    c = moveView(c, 'v2', -1, T2);
    expect(c.views.map((v) => v.name)).toEqual(['Two', 'First']);
    expect(moveView(c, 'v2', -1, T2)).toBe(c);
    expect(deleteView(c, 'v2', T2).views.map((v) => v.name)).toEqual(['First']);
  });

  it('keeps one judgement per pair of records (either order), earlier verdicts in its history; null takes it back', () => {
    const c0 = emptyCase({ bundle: 'b', now: T0 });
    const c1 = setJudgement(c0, 'a', 'b', 'same', 'Ana', T1);
    expect(c0.judgements).toBeUndefined();
    expect(judgementOf(c1, 'b', 'a')).toEqual({ a: 'a', b: 'b', verdict: 'same', by: 'Ana', at: T1, history: [] });
    expect(setJudgement(c1, 'b', 'a', 'same', 'Jon', T2)).toBe(c1);
    const c2 = setJudgement(c1, 'b', 'a', 'not-same', 'Jon', T2);
    expect(c2.judgements).toEqual([{ a: 'a', b: 'b', verdict: 'not-same', by: 'Jon', at: T2, history: [{ verdict: 'same', by: 'Ana', at: T1 }] }]);
    expect(c2.updated).toBe(T2);
    expect(setJudgement(c2, 'a', 'a', 'same', 'Ana', T2)).toBe(c2);
    expect(setJudgement(c2, 'a', 'b', null, 'Ana', T2).judgements).toEqual([]);
    expect(setJudgement(c0, 'a', 'b', null, 'Ana', T2)).toBe(c0);
    expect(judgementOf(c0, 'a', 'b')).toBeUndefined();
  });

  it('lists what the report does not have, without dropping it', () => {
    const c = sample();
    const o = orphans(c, { entity: (id) => id === 'a', flag: () => false });
    expect(o.notes.map((n) => n.id)).toEqual(['n1', 'n2', 'n3']);
    expect(o.flags.map((f) => f.flag)).toEqual(['F1']);
    expect(orphans(c, { entity: () => true, flag: () => true })).toEqual({ notes: [], flags: [] });
  });
});

describe('case file format', () => {
  it('accepts what the changes make and reads back what it writes', () => {
    const c = sample();
    expect(caseProblems(c)).toEqual([]);
    expect(parseCase(serializeCase(c))).toEqual(c);
  });

  it('refuses broken cases with the path and the reason', () => {
    const broken = (change: (c: Record<string, any>) => void) => {
      const c = JSON.parse(serializeCase(sample()));
      change(c);
      return caseProblems(c);
    };
    expect(caseProblems([])).toEqual(['the file: expected a JSON object (a Chokepoint case file)']);
    expect(broken((c) => (c.format = 'x'))).toEqual(['format: expected "chokepoint-case": this is not a Chokepoint case file']);
    expect(broken((c) => (c.version = 7))[0]).toMatch(/version 7 was written by a newer Chokepoint/);
    expect(broken((c) => (c.notes[0].target = { kind: 'place', id: 'x' }))).toEqual(['notes[0].target.kind: expected one of entity, tie, flag']);
    expect(broken((c) => (c.notes[1].id = 'n1'))).toEqual(['notes[1].id: "n1" is used by another note']);
    expect(broken((c) => (c.notes[0].text = ''))).toEqual(['notes[0].text: must not be empty']);
    expect(broken((c) => (c.flags[0].status = 'guilty'))).toEqual(['flags[0].status: expected one of to-check, confirmed, dismissed']);
    expect(broken((c) => (c.flags[0].at = 'yesterday'))).toEqual(['flags[0].at: expected a date and time such as 2026-03-01T14:05:00.000Z']);
    expect(broken((c) => c.flags.push({ ...c.flags[0] }))).toEqual(['flags[1].flag: flag "F1" has another status entry']);
    expect(broken((c) => (c.views[0].state = { hash: 'x' }))).toEqual(['views[0].state.version: expected a whole number, 1 or more']);
    expect(broken((c) => (c.extra = 1))).toEqual(['extra: unknown property']);
    expect(broken((c) => (c.judgements[0].verdict = 'guilty'))).toEqual(['judgements[0].verdict: expected one of same, not-same, unsure']);
    expect(broken((c) => (c.judgements[0].b = 'k1'))).toEqual(['judgements[0].b: the same id as a ("k1"): a judgement is on two records']);
    expect(broken((c) => c.judgements.push({ ...c.judgements[0], a: 'toString', b: 'k1' }))).toEqual(['judgements[1]: "toString" and "k1" have another judgement']);
    // A case written before judgements has none, and is valid.
    expect(broken((c) => delete c.judgements)).toEqual([]);
    expect(broken((c) => delete c.notes[0].author)).toEqual(['notes[0]: "author" is missing']);
    expect(() => assertCase({ format: 'chokepoint-case', version: 1 }, 'x.json')).toThrow(/x\.json is not a valid Chokepoint case file:\n {2}the file: "title" is missing/);
  });

  it('names the line and column of a JSON syntax error', () => {
    expect(() => parseCase('{\n  "format": "chokepoint-case",\n  oops\n}', 'case.json')).toThrow(InvalidCaseError);
    expect(() => parseCase('{\n  "format": "chokepoint-case",\n  oops\n}', 'case.json')).toThrow(/^case\.json line 3, column 3: not valid JSON/);
  });

  it('the JSON Schema (docs/case.schema.json) is what the types give, and agrees with the validator', () => {
    execFileSync(process.execPath, [join(REPO, 'scripts', 'case-schema.mjs'), '--check'], { stdio: 'pipe' });
    const schema = JSON.parse(readFileSync(join(REPO, 'docs', 'case.schema.json'), 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    const good = JSON.parse(serializeCase(sample()));
    expect([validate(good), caseProblems(good)]).toEqual([true, []]);
    for (const change of [(c: any) => (c.notes[0].target.kind = 'x'), (c: any) => (c.flags[0].status = 'x'), (c: any) => (c.revision = 1.5), (c: any) => (c.views[0].state = {}), (c: any) => (c.title = 'x'.repeat(201)), (c: any) => (c.judgements[0].verdict = 'maybe'), (c: any) => (c.judgements[0].history = {})]) {
      const c = JSON.parse(serializeCase(sample()));
      change(c);
      expect([validate(c), caseProblems(c).length > 0]).toEqual([false, true]);
    }
  });
});

describe('case files on disk', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'chokepoint-case-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes atomically (no temporary file left) and reads back', () => {
    const path = join(dir, 'case.json');
    writeCaseFile(path, sample());
    writeCaseFile(path, setFlagStatus(sample(), 'F2', 'dismissed', 'Ana', T2));
    expect(readdirSync(dir)).toEqual(['case.json']);
    expect(readCaseFile(path).flags.map((f) => f.flag)).toEqual(['F1', 'F2']);
  });

  it('says which file is missing or broken', () => {
    expect(() => readCaseFile(join(dir, 'none.json'))).toThrow(/none\.json: no such case file/);
    writeFileSync(join(dir, 'bad.json'), '{"format":"chokepoint-case","version":1}');
    expect(() => readCaseFile(join(dir, 'bad.json'))).toThrow(/bad\.json is not a valid Chokepoint case file/);
  });
});

describe('saved views on a large report', () => {
  it('keep the piece of the report that was open (overview, cluster, neighbourhood) through a save and a read', () => {
    const scopes = [{ kind: 'overview' as const }, { kind: 'cluster' as const, cluster: 716 }, { kind: 'entity' as const, entity: '__proto__', hops: 2 }];
    let c = emptyCase({ bundle: 'large', now: T0 });
    for (const [i, scope] of scopes.entries()) c = saveView(c, `View ${i}`, { version: 1, hash: 'layout=force', scope }, 'Ana', T1);
    const back = parseCase(serializeCase(c), 'case.json');
    expect(back.views.map((v) => v.state.scope)).toEqual(scopes);
    // A view of a whole report has none.
    expect(parseCase(serializeCase(sample()), 'case.json').views[0].state.scope).toBeUndefined();
  });

  it('refuses a scope it cannot open again, naming where', () => {
    for (const scope of [{ kind: 'cluster' }, { kind: 'entity', entity: 'e1', hops: 0 }, { kind: 'entity', entity: '', hops: 1 }, { kind: 'region' }, 'overview', { kind: 'overview', extra: 1 }]) {
      const c = saveView(emptyCase({ bundle: 'large', now: T0 }), 'V', { version: 1, hash: 'x', scope } as never, 'Ana', T1);
      expect(caseProblems(JSON.parse(serializeCase(c)))).toEqual([expect.stringMatching(/^views\[0\]\.state\.scope: expected \{"kind": "overview"\}/)]);
    }
  });
});
