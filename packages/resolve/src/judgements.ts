import type { Entity, Verdict } from '@chokepoint/model';
import type { Judgement, JudgementsApplied } from './resolve';

/** A judgement on two records of the bundle, by their places in it (i < j). */
export interface PairJudgement {
  i: number;
  j: number;
  verdict: Verdict;
  /** The ids as the judgement gave them. */
  a: string;
  b: string;
  /** The judgement in words, for evidence: "judged the same by Ayla Demir on 2026-12-01". */
  words: string;
}

const VERDICT_WORDS: Record<Verdict, string> = { same: 'the same', 'not-same': 'not the same', unsure: 'unsure' };

/** A judgement in words: what was decided, by whom and on which day, as far as known. */
export function judgementWords(j: Pick<Judgement, 'verdict' | 'by' | 'at'>): string {
  const by = j.by === undefined || j.by.trim() === '' ? '' : ` by ${j.by.trim()}`;
  const on = j.at === undefined || !/^\d{4}-\d{2}-\d{2}/.test(j.at) ? '' : ` on ${j.at.slice(0, 10)}`;
  return `judged ${VERDICT_WORDS[j.verdict]}${by}${on}`;
}

/** The key of a pair of places among `n` records, whichever comes first: a number (exact up to 94 million records). */
export const pairKey = (i: number, j: number, n: number): number => (i < j ? i * n + j : j * n + i);

/**
 * The judgements that name two records of the bundle, by pair (the last judgement of a pair counts), and those that
 * cannot be applied, with why: an id no record has, one id twice, records of different kinds. Ids name the first
 * record with that id.
 */
export function judgedPairs(entities: readonly Entity[], judgements: readonly Judgement[]): { pairs: Map<number, PairJudgement>; notApplied: JudgementsApplied['notApplied'] } {
  const wanted = new Set<string>();
  for (const j of judgements) wanted.add(j.a).add(j.b);
  const placeOf = new Map<string, number>();
  entities.forEach((e, i) => {
    if (wanted.has(e.id) && !placeOf.has(e.id)) placeOf.set(e.id, i);
  });
  const pairs = new Map<number, PairJudgement>();
  const notApplied: JudgementsApplied['notApplied'] = [];
  for (const j of judgements) {
    const refuse = (reason: string) => notApplied.push({ a: j.a, b: j.b, verdict: j.verdict, reason });
    const missing = [j.a, j.b].filter((id) => !placeOf.has(id));
    if (missing.length > 0) {
      refuse(`no record of the bundle has the id ${missing.map((id) => JSON.stringify(id)).join(' or ')}`);
      continue;
    }
    const i = placeOf.get(j.a)!;
    const k = placeOf.get(j.b)!;
    if (i === k) {
      refuse('the two ids are one record');
      continue;
    }
    if (j.verdict === 'same' && entities[i].kind !== entities[k].kind) {
      refuse(`a ${entities[i].kind} and a ${entities[k].kind} cannot be one entity`);
      continue;
    }
    const key = pairKey(i, k, entities.length);
    pairs.delete(key);
    pairs.set(key, { i: Math.min(i, k), j: Math.max(i, k), verdict: j.verdict, a: j.a, b: j.b, words: judgementWords(j) });
  }
  return { pairs, notApplied };
}
