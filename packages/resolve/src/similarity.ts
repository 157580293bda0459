import jaroWinkler from 'talisman/metrics/jaro-winkler';
import { skeleton } from './fold';
import { arabicNameKey } from './names';
import { WEAK_TOKENS } from './normalize';
import { editDistance, isVocabularyWord, sharedSingular, singularForms } from './words';

/** How names are compared. */
export interface CompareOptions {
  /**
   * A word and its plural are one word (`Farms` / `Farm`, `Batteries` / `Battery`); default true.
   * Off for persons: `Abbas` is not the plural of `Abba`.
   */
  plurals?: boolean;
}

/** Weight of a token in the token overlap: generic business words count for less. */
export function tokenWeight(token: string): number {
  return WEAK_TOKENS.has(token) ? 0.25 : 1;
}

/** Similarity of two words and why, in words (`plural`, `spelling`), or undefined when they are not alike. */
interface WordMatch {
  s: number;
  why: 'same' | 'plural' | 'spelling' | 'name';
}

const SAME: WordMatch = { s: 1, why: 'same' };

/** Word pairs already compared (a pure function of the words and `plurals`; the cache only saves time). */
const matches = new Map<string, WordMatch | null>();

function matchWords(a: string, b: string, options: CompareOptions): WordMatch | undefined {
  if (a === b) return SAME;
  const key = `${options.plurals === false ? 0 : 1}\u0000${a}\u0000${b}`;
  let m = matches.get(key);
  if (m === undefined) {
    if (matches.size >= 200_000) matches.clear();
    matches.set(key, (m = computeMatch(a, b, options) ?? null));
  }
  return m ?? undefined;
}

function computeMatch(a: string, b: string, options: CompareOptions): WordMatch | undefined {
  if (/\d/.test(a) || /\d/.test(b)) return undefined;
  // Two spellings of one Arabic given name are one name (Mohammed / Muhammad: 0.95, as a shared skeleton); two
  // different names are two, however close their letters (Hamid / Hamad, Said / Sayed).
  const na = arabicNameKey(a);
  const nb = na === undefined ? undefined : arabicNameKey(b);
  if (na !== undefined && nb !== undefined) return na === nb ? { s: 0.95, why: 'name' } : undefined;
  const plurals = options.plurals !== false;
  if (plurals && sharedSingular(a, b) !== undefined) return { s: 0.97, why: 'plural' };
  // Two different everyday words are two different trades, however close their letters (Feeds / Seeds).
  if (isVocabularyWord(a) && isVocabularyWord(b)) return undefined;
  const sa = skeleton(a);
  const sb = skeleton(b);
  if (sa === sb) return { s: 0.95, why: 'spelling' };
  if (a.length < 5 || b.length < 5) return undefined;
  const [short, long] = sa.length <= sb.length ? [sa, sb] : [sb, sa];
  if (long.startsWith(short) && !(long.length === short.length + 1 && (plurals ? /[hs]$/ : /h$/).test(long))) return undefined;
  if (editDistance(sa, sb, 1) <= 1 || editDistance(a, b, 1) <= 1) return { s: Math.max(0.9, jaroWinkler(a, b)), why: 'spelling' };
  // A slip in a plural: compare the singulars (`Agrochemcals` / `Agrochemical`).
  if (plurals) {
    for (const fa of singularForms(a)) {
      for (const fb of singularForms(b)) {
        if ((fa !== a || fb !== b) && fa.length >= 5 && fb.length >= 5 && editDistance(skeleton(fa), skeleton(fb), 1) <= 1) {
          return { s: Math.max(0.9, jaroWinkler(a, b)), why: 'spelling' };
        }
      }
    }
  }
  return undefined;
}

/**
 * How alike two words are: 1 equal; 0.97 one the plural of the other (`Farms` / `Farm`, `Batteries`
 * / `Battery`, unless `plurals` is off); 0.95 same skeleton (transliteration variants and doubled
 * letters: Rashid / Rasheed, Qudra / Kudra, Minning / Mining) or two spellings of one Arabic given name (Mohammed /
 * Muhammad, Youssef / Yusuf: names.ts), while two different ones are never alike (Hamid / Hamad, Said / Sayed); for words of 5+ letters one edit
 * apart, a swap of two neighbouring letters included, their Jaro-Winkler similarity (at least 0.9):
 * Khalid / Khaled, Müller / Mueller, Logistcs / Logistics, Mramara / Marmara. Else 0. Two different
 * everyday words of company names are never alike (Feeds / Seeds, Paints / Prints: `VOCABULARY`). A
 * word that is another plus a suffix (Manar / Manara, Mansour / Mansouri, Martín / Martínez) is
 * another word, except for a final `h` (Baraka / Barakah) and, with `plurals`, a final `s`. Numbers
 * must be equal.
 */
export function tokenSimilarity(a: string, b: string, options: CompareOptions = {}): number {
  return matchWords(a, b, options)?.s ?? 0;
}

/** A token of a compared name: a word, or a compound joined from words written apart. */
interface Part {
  token: string;
  /** The words it was joined from, when more than one. */
  from: string[];
}

/**
 * Joins two or three neighbouring words of `a` into one when, written together, they are a word of
 * `b` (`agro chemicals` / `agrochemical`, `sun rise` / `sunrise`, `dan baskore` / `danbaskore`).
 */
function joinCompounds(a: Part[], b: Part[], options: CompareOptions): Part[] {
  const out: Part[] = [];
  for (let i = 0; i < a.length; ) {
    let joined: Part | undefined;
    for (const n of [3, 2]) {
      if (i + n > a.length) continue;
      const run = a.slice(i, i + n);
      if (run.some((p) => p.from.length > 1 || /\d/.test(p.token))) continue;
      const word = run.map((p) => p.token).join('');
      if (word.length < 5) continue;
      const words = new Set(run.map((p) => p.token));
      // (A plural or one slip changes the length by three letters at most.)
      const alike = (q: Part): boolean =>
        !words.has(q.token) && q.from.length === 1 && Math.abs(q.token.length - word.length) <= 3 && tokenSimilarity(word, q.token, options) >= 0.9;
      if (b.some(alike)) {
        joined = { token: word, from: run.map((p) => p.token) };
        i += n;
        break;
      }
    }
    if (joined) out.push(joined);
    else out.push(a[i++]);
  }
  return out;
}

/** The result of comparing two names: the similarity, and how their words were paired, in words. */
export interface NameComparison {
  score: number;
  /** How words that are not equal were matched, and words found in one name only. */
  notes: string[];
}

const q = (s: string): string => `"${s}"`;

/**
 * Weighted soft Dice overlap of two token lists, after joining words written apart that the other
 * name writes together: each token is paired with its most similar unpaired token of the other list
 * (greedy, heaviest and best pairs first), a pair counts its similarity times the lighter of the two
 * weights, and the total is divided by the mean weight.
 */
function overlap(aTokens: string[], bTokens: string[], options: CompareOptions): { score: number; notes: string[] } {
  if (aTokens.length === 0 || bTokens.length === 0) return { score: 0, notes: [] };
  const single = (t: string): Part => ({ token: t, from: [t] });
  let a = aTokens.map(single);
  let b = bTokens.map(single);
  a = joinCompounds(a, b, options);
  b = joinCompounds(b, a, options);
  const candidates: { i: number; j: number; s: number; w: number; why: WordMatch['why'] }[] = [];
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) {
      const m = matchWords(a[i].token, b[j].token, options);
      if (m) candidates.push({ i, j, s: m.s, w: Math.min(tokenWeight(a[i].token), tokenWeight(b[j].token)), why: m.why });
    }
  }
  candidates.sort((x, y) => y.s * y.w - x.s * x.w || x.i - y.i || x.j - y.j);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  let matched = 0;
  const notes: string[] = [];
  const shown = (p: Part): string => q(p.from.join(' '));
  for (const c of candidates) {
    if (usedA.has(c.i) || usedB.has(c.j)) continue;
    usedA.add(c.i);
    usedB.add(c.j);
    matched += c.s * c.w;
    const pa = a[c.i];
    const pb = b[c.j];
    const reasons: string[] = [];
    if (pa.from.length > 1 || pb.from.length > 1) reasons.push('written apart and together');
    if (c.why === 'plural') reasons.push('singular and plural');
    if (c.why === 'spelling') reasons.push('spelling');
    if (c.why === 'name') reasons.push('one Arabic name, transliterated two ways');
    if (reasons.length > 0) notes.push(`${shown(pa)} / ${shown(pb)}: ${reasons.join(', ')}`);
  }
  const only = [...a.filter((_, i) => !usedA.has(i)), ...b.filter((_, j) => !usedB.has(j))].map(shown);
  if (only.length > 0) notes.push(`in one name only: ${only.join(', ')}`);
  const wa = a.reduce((s, p) => s + tokenWeight(p.token), 0);
  const wb = b.reduce((s, p) => s + tokenWeight(p.token), 0);
  return { score: (2 * matched) / (wa + wb), notes };
}

/**
 * Weighted soft Dice overlap of two token lists (see `nameSimilarity`); words written apart in one
 * list and together in the other are joined first.
 */
export function tokenOverlap(a: string[], b: string[], options: CompareOptions = {}): number {
  return overlap(a, b, options).score;
}

/** Jaro-Winkler of the names written without spaces, and of their skeletons; the higher. */
export function compactSimilarity(a: string[], b: string[]): number {
  const ca = a.join('');
  const cb = b.join('');
  if (ca === cb) return 1;
  const plain = jaroWinkler(ca, cb);
  const sa = a.map(skeleton).join('');
  const sb = b.map(skeleton).join('');
  const skel = sa === sb ? 0.97 : jaroWinkler(sa, sb);
  return Math.max(plain, skel);
}

/**
 * Compares two normalized names given as tokens: the similarity in [0, 1] (1 when equal, 0.98 the
 * same words in another order, else 0.4 × Jaro-Winkler of the compact names + 0.6 × weighted token
 * overlap) and notes on how the words were matched. Token order does not matter for the overlap,
 * so `Kemi Nordlys` and `Nordlys Kemi` stay close.
 */
export function compareNames(a: string[], b: string[], options: CompareOptions = {}): NameComparison {
  if (a.length === 0 || b.length === 0) return { score: 0, notes: [] };
  if (a.join(' ') === b.join(' ')) return { score: 1, notes: [] };
  if ([...a].sort().join(' ') === [...b].sort().join(' ')) return { score: 0.98, notes: ['same words in another order'] };
  const o = overlap(a, b, options);
  return { score: 0.4 * compactSimilarity(a, b) + 0.6 * o.score, notes: o.notes };
}

/** Similarity of two normalized names given as tokens, in [0, 1] (see `compareNames`). */
export function nameSimilarity(a: string[], b: string[], options: CompareOptions = {}): number {
  return compareNames(a, b, options).score;
}
