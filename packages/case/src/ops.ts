import { CASE_FORMAT, CASE_VERSION, type CaseFile, type CaseFlagStatus, type CaseJudgement, type CaseNote, type FlagStatus, type NoteTarget, type SavedView, type SavedViewState, type Verdict } from './types';

/**
 * Changes of a case, each pure: the case and what changes in, a new case out (the old one is left as it was). Every
 * change takes the time (`now`, ISO) and, where someone is answerable for it, the author: nothing here reads a clock.
 */

/** A new, empty case for a report's bundle. */
export function emptyCase(options: { bundle: string; title?: string; now: string }): CaseFile {
  return {
    format: CASE_FORMAT,
    version: CASE_VERSION,
    title: options.title ?? `Case: ${options.bundle}`,
    report: { bundle: options.bundle },
    created: options.now,
    updated: options.now,
    revision: 0,
    notes: [],
    flags: [],
    views: [],
  };
}

/** Two note targets are the same thing (a tie: the same two ends in the same order and the same kind). */
export function sameTarget(a: NoteTarget, b: NoteTarget): boolean {
  if (a.kind === 'tie' || b.kind === 'tie') return a.kind === 'tie' && b.kind === 'tie' && a.source === b.source && a.target === b.target && a.tieKind === b.tieKind;
  return a.kind === b.kind && a.id === b.id;
}

/** The next free id with a prefix: `n1`, `n2`, … (never reused while a higher one exists). */
function nextId(prefix: string, taken: readonly { id: string }[]): string {
  let max = 0;
  for (const { id } of taken) {
    const m = new RegExp(`^${prefix}(\\d+)$`).exec(id);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `${prefix}${max + 1}`;
}

function clean(text: string): string {
  return text.replace(/\r\n?/g, '\n').trim();
}

/** A case with a new note; an empty text changes nothing. */
export function addNote(c: CaseFile, target: NoteTarget, text: string, author: string, now: string): CaseFile {
  const body = clean(text);
  if (body === '') return c;
  const note: CaseNote = { id: nextId('n', c.notes), target: { ...target }, text: body, author, created: now };
  return { ...c, updated: now, notes: [...c.notes, note] };
}

/** A note's text changed (with the time it was); an empty text deletes it. */
export function editNote(c: CaseFile, id: string, text: string, now: string): CaseFile {
  const body = clean(text);
  if (body === '') return deleteNote(c, id, now);
  if (!c.notes.some((n) => n.id === id && n.text !== body)) return c;
  return { ...c, updated: now, notes: c.notes.map((n) => (n.id === id ? { ...n, text: body, edited: now } : n)) };
}

export function deleteNote(c: CaseFile, id: string, now: string): CaseFile {
  if (!c.notes.some((n) => n.id === id)) return c;
  return { ...c, updated: now, notes: c.notes.filter((n) => n.id !== id) };
}

/** The notes about one thing, oldest first. */
export function notesAbout(c: CaseFile, target: NoteTarget): CaseNote[] {
  return c.notes.filter((n) => sameTarget(n.target, target));
}

/** A flag's review status: the entry when one was set, otherwise to check (not reviewed yet) with no one behind it. */
export function flagStatus(c: CaseFile, flag: string): CaseFlagStatus | { flag: string; status: 'to-check'; by: null; at: null; history: [] } {
  return c.flags.find((f) => f.flag === flag) ?? { flag, status: 'to-check', by: null, at: null, history: [] };
}

/** A flag's status set by someone at a time; the status it had goes to its history. Setting the same status again changes nothing. */
export function setFlagStatus(c: CaseFile, flag: string, status: FlagStatus, by: string, now: string): CaseFile {
  const current = c.flags.find((f) => f.flag === flag);
  if (current === undefined && status === 'to-check') return c;
  if (current !== undefined && current.status === status) return c;
  const entry: CaseFlagStatus = current
    ? { flag, status, by, at: now, history: [...current.history, { status: current.status, by: current.by, at: current.at }] }
    : { flag, status, by, at: now, history: [] };
  return { ...c, updated: now, flags: current ? c.flags.map((f) => (f.flag === flag ? entry : f)) : [...c.flags, entry] };
}

/** Counts of the flags by status, for a list of the report's flag ids (flags without an entry count as to check). */
export function statusCounts(c: CaseFile, flags: readonly string[]): Record<FlagStatus, number> {
  const by = new Map(c.flags.map((f) => [f.flag, f.status]));
  const counts: Record<FlagStatus, number> = { 'to-check': 0, confirmed: 0, dismissed: 0 };
  for (const f of flags) counts[by.get(f) ?? 'to-check']++;
  return counts;
}

/** A view saved under a name; a view of the same name is replaced (keeping its place and id). */
export function saveView(c: CaseFile, name: string, state: SavedViewState, by: string, now: string): CaseFile {
  const clean = name.trim().slice(0, 200);
  if (clean === '') return c;
  const existing = c.views.find((v) => v.name === clean);
  const view: SavedView = { id: existing?.id ?? nextId('v', c.views), name: clean, by, at: now, state };
  return { ...c, updated: now, views: existing ? c.views.map((v) => (v.id === existing.id ? view : v)) : [...c.views, view] };
}

export function renameView(c: CaseFile, id: string, name: string, now: string): CaseFile {
  const clean = name.trim().slice(0, 200);
  if (clean === '' || !c.views.some((v) => v.id === id) || c.views.some((v) => v.id !== id && v.name === clean)) return c;
  return { ...c, updated: now, views: c.views.map((v) => (v.id === id ? { ...v, name: clean } : v)) };
}

export function deleteView(c: CaseFile, id: string, now: string): CaseFile {
  if (!c.views.some((v) => v.id === id)) return c;
  return { ...c, updated: now, views: c.views.filter((v) => v.id !== id) };
}

/** A view moved one place up (-1) or down (+1) in the list (the printed report follows the list's order). */
export function moveView(c: CaseFile, id: string, by: -1 | 1, now: string): CaseFile {
  const i = c.views.findIndex((v) => v.id === id);
  const j = i + by;
  if (i < 0 || j < 0 || j >= c.views.length) return c;
  const views = [...c.views];
  [views[i], views[j]] = [views[j], views[i]];
  return { ...c, updated: now, views };
}

/**
 * One key for a pair of records whichever order it is written in (`a ~ b` and `b ~ a` are one pair): for sets and maps
 * of pairs, in the viewer and its server alike.
 */
export function pairKey(a: string, b: string): string {
  return JSON.stringify(a < b ? [a, b] : [b, a]);
}

/** Whether a judgement is about the pair a, b (in either order). */
const aboutPair = (j: CaseJudgement, a: string, b: string): boolean => (j.a === a && j.b === b) || (j.a === b && j.b === a);

/** The judgement on two records (in either order), if someone made one. */
export function judgementOf(c: CaseFile, a: string, b: string): CaseJudgement | undefined {
  return (c.judgements ?? []).find((j) => aboutPair(j, a, b));
}

/**
 * Two records judged the same, not the same, or unsure, by someone at a time; the verdict they had goes to the
 * history. `null` takes the judgement back (the pair is undecided again; its history goes with it). The same verdict
 * again changes nothing; a pair of one id is no pair.
 */
export function setJudgement(c: CaseFile, a: string, b: string, verdict: Verdict | null, by: string, now: string): CaseFile {
  if (a === b) return c;
  const list = c.judgements ?? [];
  const current = list.find((j) => aboutPair(j, a, b));
  if (verdict === null) return current === undefined ? c : { ...c, updated: now, judgements: list.filter((j) => j !== current) };
  if (current?.verdict === verdict) return c;
  const entry: CaseJudgement = current
    ? { ...current, verdict, by, at: now, history: [...current.history, { verdict: current.verdict, by: current.by, at: current.at }] }
    : { a, b, verdict, by, at: now, history: [] };
  return { ...c, updated: now, judgements: current ? list.map((j) => (j === current ? entry : j)) : [...list, entry] };
}

export function setTitle(c: CaseFile, title: string, now: string): CaseFile {
  const clean = title.trim().slice(0, 200);
  return clean === c.title ? c : { ...c, updated: now, title: clean };
}

/**
 * What of a case the report does not have: notes about entities, ties or flags, and statuses of flags, whose ids the
 * report lacks (a case opened with another run of the analysis). They are kept in the case and listed, never dropped.
 */
export function orphans(c: CaseFile, has: { entity(id: string): boolean; flag(id: string): boolean }): { notes: CaseNote[]; flags: CaseFlagStatus[] } {
  const known = (t: NoteTarget) => (t.kind === 'entity' ? has.entity(t.id) : t.kind === 'flag' ? has.flag(t.id) : has.entity(t.source) && has.entity(t.target));
  return { notes: c.notes.filter((n) => !known(n.target)), flags: c.flags.filter((f) => !has.flag(f.flag)) };
}
