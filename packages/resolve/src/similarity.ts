import jaroWinkler from 'talisman/metrics/jaro-winkler';
import { skeleton } from './fold';
import { WEAK_TOKENS } from './normalize';

/** Weight of a token in the token overlap: generic business words count for less. */
export function tokenWeight(token: string): number {
  return WEAK_TOKENS.has(token) ? 0.25 : 1;
}

/** Levenshtein distance, stopping early once it exceeds `max` (returns max + 1). */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (cur[j] < best) best = cur[j];
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length];
}

/**
 * How alike two tokens are: 1 equal; 0.95 same skeleton (transliteration variants: Rashid /
 * Rasheed, Qudra / Kudra); for words of 5+ letters one edit apart, their Jaro-Winkler similarity
 * (at least 0.9): Khalid / Khaled, Müller / Mueller. Else 0. A word that is another plus a suffix
 * (Manar / Manara, Mansour / Mansouri, Martín / Martínez) is another word, except for a final `h`
 * or `s` (Baraka / Barakah, Electronic / Electronics). Numbers must be equal.
 */
export function tokenSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  if (/\d/.test(a) || /\d/.test(b)) return 0;
  const sa = skeleton(a);
  const sb = skeleton(b);
  if (sa === sb) return 0.95;
  if (a.length < 5 || b.length < 5) return 0;
  const [short, long] = sa.length <= sb.length ? [sa, sb] : [sb, sa];
  if (long.startsWith(short) && !(long.length === short.length + 1 && /[hs]$/.test(long))) return 0;
  if (editDistance(sa, sb, 1) > 1 && editDistance(a, b, 1) > 1) return 0;
  return Math.max(0.9, jaroWinkler(a, b));
}

/**
 * Weighted soft Dice overlap of two token lists: each token is paired with its most similar
 * unpaired token of the other list (greedy, heaviest and best pairs first), a pair counts its
 * similarity times the lighter of the two weights, and the total is divided by the mean weight.
 */
export function tokenOverlap(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const candidates: { i: number; j: number; s: number; w: number }[] = [];
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) {
      const s = tokenSimilarity(a[i], b[j]);
      if (s > 0) candidates.push({ i, j, s, w: Math.min(tokenWeight(a[i]), tokenWeight(b[j])) });
    }
  }
  candidates.sort((x, y) => y.s * y.w - x.s * x.w || x.i - y.i || x.j - y.j);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  let matched = 0;
  for (const c of candidates) {
    if (usedA.has(c.i) || usedB.has(c.j)) continue;
    usedA.add(c.i);
    usedB.add(c.j);
    matched += c.s * c.w;
  }
  const wa = a.reduce((s, t) => s + tokenWeight(t), 0);
  const wb = b.reduce((s, t) => s + tokenWeight(t), 0);
  return (2 * matched) / (wa + wb);
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
 * Similarity of two normalized names given as tokens, in [0, 1]: 1 when they are equal, else
 * 0.4 × Jaro-Winkler of the compact names + 0.6 × weighted token overlap. Token order does not
 * matter for the overlap, so `Kemi Nordlys` and `Nordlys Kemi` stay close.
 */
export function nameSimilarity(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  if (a.join(' ') === b.join(' ')) return 1;
  if ([...a].sort().join(' ') === [...b].sort().join(' ')) return 0.98;
  return 0.4 * compactSimilarity(a, b) + 0.6 * tokenOverlap(a, b);
}
