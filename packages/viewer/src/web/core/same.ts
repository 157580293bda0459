import { judgementOf, pairKey, type CaseFile, type CaseJudgement, type Verdict } from '@chokepoint/case';
import type { ViewModel } from './model';
import { scopeOf } from './scope';
import type { NamedEntity } from '../../node/scope-types';

/**
 * Pairs of records that may be one entity, as an investigator reviews them: those the analysis merged, those it left
 * for review as possibly the same, and those the case judges (whatever the analysis did), each with the case's
 * judgement and whether the report already follows it. Pure.
 */

export const VERDICT_WORDS: Record<Verdict, string> = { same: 'Same', 'not-same': 'Not the same', unsure: 'Unsure' };

export interface SamePair {
  /** The two records, by the bundle's ids (a merged record keeps its own id here). */
  a: string;
  b: string;
  nameA: string;
  nameB: string;
  /** The entity of the report each record is in: a merged record's is the one it was merged into; null when none. */
  entityA: string | null;
  entityB: string | null;
  /** What the analysis did: merged the two, listed them as possibly the same, or neither (only the case names them). */
  found: 'merged' | 'possible' | 'apart';
  /** The score of the pair (of the weakest link, for a merge), when the analysis scored it. */
  score: number | null;
  evidence: string[];
  judgement: CaseJudgement | null;
  /**
   * `applied`: the report follows the judgement (judged the same and one entity; judged not the same or unsure and
   * two); `pending`: it will once the bundle is analysed again with the case (`chokepoint analyze --case`);
   * `refused`: the analysis was given this judgement and could not apply it (`refusal` says why: it contradicts
   * another judgement, an id it lacks); null without a judgement.
   */
  state: 'applied' | 'pending' | 'refused' | null;
  /** Why the analysis could not apply the judgement (state `refused`). */
  refusal?: string;
}

/**
 * The entities a record may be in, by id: the report's, and on a piece of a large report the entities of the whole
 * report that its pairs' records are in (`scope.named`, sent with the overview), so that a pair whose records lie outside
 * the piece is named and can be opened. Made once per model.
 */
const entitiesById = new WeakMap<ViewModel, Map<string, { id: string; name: string; aliases?: string; alias_names?: string }>>();
function entitiesOf(model: ViewModel): Map<string, { id: string; name: string; aliases?: string; alias_names?: string }> {
  let byId = entitiesById.get(model);
  if (byId === undefined) {
    byId = new Map();
    for (const e of scopeOf(model.report)?.named ?? []) byId.set(e.id, e);
    for (const e of model.report.entities) byId.set(e.id, { id: e.id, name: e.name, aliases: e.attributes.aliases, alias_names: e.attributes.alias_names });
    entitiesById.set(model, byId);
  }
  return byId;
}

type Pair = NonNullable<ViewModel['report']['resolution']>['possible'][number];

/**
 * Pairs left for review that a piece of a large report did not carry but the case judges (asked of the server once a
 * case is loaded in the browser: `carryPairs`), by model: listed with the piece's own.
 */
const carriedByModel = new WeakMap<ViewModel, Pair[]>();

/**
 * Adds pairs left for review (and the entities of their records) to what a piece of a large report holds, for this
 * model: a pair it already lists, or an entity it already names, is left as it is. Gives how many pairs or entities
 * were new.
 */
export function carryPairs(model: ViewModel, more: { possible: readonly Pair[]; named: readonly NamedEntity[] }): number {
  const byId = entitiesOf(model);
  let added = 0;
  for (const e of more.named) {
    if (byId.has(e.id)) continue;
    byId.set(e.id, e);
    added++;
  }
  const carried = carriedByModel.get(model) ?? [];
  const seen = new Set([...(model.report.resolution?.possible ?? []), ...carried].map((p) => pairKey(p.a, p.b)));
  for (const p of more.possible) {
    if (seen.has(pairKey(p.a, p.b))) continue;
    seen.add(pairKey(p.a, p.b));
    carried.push(p);
    added++;
  }
  carriedByModel.set(model, carried);
  return added;
}

/** The pairs left for review the model holds: the report's (or the piece's) own, then those carried for a case. */
export function possiblePairs(model: ViewModel): readonly Pair[] {
  const carried = carriedByModel.get(model);
  const own = model.report.resolution?.possible ?? [];
  return carried === undefined ? own : [...own, ...carried];
}

/**
 * The name of an entity of the report, whether the piece shown holds it or the overview named it (`Scope.named`), or
 * undefined.
 */
export function entityName(model: ViewModel, id: string): string | undefined {
  return model.byId.get(id)?.name ?? entitiesOf(model).get(id)?.name;
}

/**
 * The entity a record of the bundle is in (its own id, or the one it was merged into), or null: an entity of this
 * report, or on a piece of a large report one of the whole report's (which the viewer opens when asked).
 */
function entityOf(model: ViewModel, id: string): string | null {
  const known = (x: string) => model.byId.has(x) || entitiesOf(model).has(x);
  if (known(id)) return id;
  const aliases = model.report.resolution?.aliases;
  const into = aliases !== undefined && Object.prototype.hasOwnProperty.call(aliases, id) ? aliases[id] : undefined;
  return into !== undefined && known(into) ? into : null;
}

/** The name a record had: its entity's, or for a merged record the name it was read with (the kept entity's alias names). */
function nameOf(model: ViewModel, id: string): string {
  const node = model.byId.get(id);
  if (node !== undefined) return node.name;
  const into = entityOf(model, id);
  if (into === null) return id;
  const kept = entitiesOf(model).get(into);
  if (into === id && kept !== undefined) return kept.name;
  const list = (text: string | undefined) => (text ?? '').split(';').map((s) => s.trim()).filter((s) => s !== '');
  const ids = list(kept?.aliases);
  const names = list(kept?.alias_names);
  const at = ids.indexOf(id);
  if (at < 0 || kept === undefined) return id;
  // `alias_names` holds the merged records' names that differ from the kept one's, each once: not one per id. None:
  // every merged record bore the kept name; one per id: in the ids' order; anything else cannot be told apart (the id).
  if (names.length === 0) return kept.name;
  return names.length === ids.length ? names[at] : id;
}

/** Every pair to review, possibly the same first (best score first), then the merges, then pairs only the case names. */
export function samePairs(model: ViewModel, c: CaseFile): SamePair[] {
  const res = model.report.resolution;
  const out: SamePair[] = [];
  const seen = new Set<string>();
  const add = (a: string, b: string, found: SamePair['found'], score: number | null, evidence: string[]) => {
    if (a === b || seen.has(pairKey(a, b))) return;
    seen.add(pairKey(a, b));
    const entityA = entityOf(model, a);
    const entityB = entityOf(model, b);
    const judgement = judgementOf(c, a, b) ?? null;
    const together = entityA !== null && entityA === entityB;
    // The analysis was given this very judgement (the same pair and verdict) and could not apply it.
    const refused = judgement === null ? undefined : res?.judged?.notApplied.find((n) => n.verdict === judgement.verdict && pairKey(n.a, n.b) === pairKey(a, b));
    const state = judgement === null ? null : (judgement.verdict === 'same') === together ? 'applied' : refused !== undefined ? 'refused' : 'pending';
    out.push({ a, b, nameA: nameOf(model, a), nameB: nameOf(model, b), entityA, entityB, found, score, evidence, judgement, state, ...(refused === undefined ? {} : { refusal: refused.reason }) });
  };
  for (const p of possiblePairs(model)) add(p.a, p.b, 'possible', p.score, p.evidence);
  for (const m of res?.merges ?? []) {
    for (const x of m.merged) {
      // The evidence of the links that name this record (`k1 ~ k2 (0.97): …`), else all of the merge's.
      const own = m.evidence.filter((e) => e.startsWith(`${x} ~ `) || e.includes(` ~ ${x} (`));
      add(m.kept, x, 'merged', m.score, own.length > 0 ? own : m.evidence);
    }
  }
  for (const j of c.judgements ?? []) {
    const together = entityOf(model, j.a) !== null && entityOf(model, j.a) === entityOf(model, j.b);
    add(j.a, j.b, together ? 'merged' : 'apart', null, []);
  }
  return out;
}

/** The pairs one entity of the report is part of (through any of its records). */
export function samePairsOf(pairs: readonly SamePair[], entity: string): SamePair[] {
  return pairs.filter((p) => p.entityA === entity || p.entityB === entity);
}

/** Counts for the case section: pairs, judged, judged but not yet followed by this report, and refused by the analysis. */
export function samePairCounts(pairs: readonly SamePair[]): { pairs: number; judged: number; pending: number; refused: number } {
  return { pairs: pairs.length, judged: pairs.filter((p) => p.judgement !== null).length, pending: pairs.filter((p) => p.state === 'pending').length, refused: pairs.filter((p) => p.state === 'refused').length };
}

/**
 * The evidence of a pair with what tells most first: a judgement, why it was not merged, why it was listed whatever
 * its score (the same name in two countries or two scripts); then the rest in the analysis's order.
 */
export function evidenceFirst(evidence: readonly string[]): string[] {
  const rank = (e: string) => (e.startsWith('judged') ? 0 : e.startsWith('not merged') ? 1 : e.startsWith('the same full name') || e.startsWith('the same name in Arabic') ? 2 : 3);
  return evidence.map((e, i) => ({ e, i })).sort((a, b) => rank(a.e) - rank(b.e) || a.i - b.i).map((x) => x.e);
}

/**
 * What name matching says of persons and companies of common names (`resolution.commonNames`,
 * `resolution.commonCompanyNames`), in words: a reviewer looking for the pairs of a common name learns why there are
 * none. Null when the report names none.
 */
export function commonNamesWords(model: ViewModel): string | null {
  const resolution = model.report.resolution;
  const said: string[] = [];
  const persons = resolution?.commonNames;
  if (persons !== undefined) said.push(commonWords(persons.names, persons.persons, persons.most.map((n) => [n.name, n.persons]), 'person', 'persons'));
  const companies = resolution?.commonCompanyNames;
  if (companies !== undefined) said.push(commonWords(companies.names, companies.companies, companies.most.map((n) => [n.name, n.companies]), 'company', 'companies'));
  return said.length === 0 ? null : said.join(' ');
}

/** One kind's common names in words (commonNamesWords). */
function commonWords(names: number, bearers: number, most: [string, number][], one: string, many: string): string {
  const some = most.slice(0, 3).map(([name, n]) => `“${name}” (${n.toLocaleString('en-US')})`);
  const who = bearers === 1 ? `1 ${one} bears` : `${bearers.toLocaleString('en-US')} ${many} bear`;
  const which = names === 1 ? 'a common name' : `one of ${names.toLocaleString('en-US')} common names`;
  return `${who} ${which} (more than six ${many} each, such as ${some.join(', ')}): none of them is paired with another ${one} on the name alone, only with a shared registration number, phone or address.`;
}

/** What the analysis found of a pair, in words. */
export function foundWords(p: SamePair): string {
  const score = p.score === null ? '' : ` (${p.score.toFixed(2)})`;
  if (p.found === 'merged') return `Merged into one entity by the analysis${score}`;
  if (p.found === 'possible') return `Possibly the same, left for review${score}`;
  return 'Kept apart by the analysis';
}

/** The judgement of a pair and whether the report follows it, in words. */
export function judgementWords(p: SamePair): string {
  const j = p.judgement;
  if (j === null) return 'Not judged yet.';
  const state = p.state === 'applied' ? 'this report follows it' : p.state === 'refused' ? `the analysis could not apply it: ${p.refusal}` : 'applies when the bundle is analysed again with this case';
  return `${VERDICT_WORDS[j.verdict]}: judged by ${j.by}, ${j.at.slice(0, 10)} ${j.at.slice(11, 16)} UTC; ${state}.`;
}
