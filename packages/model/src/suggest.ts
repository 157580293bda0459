/**
 * Edit distance between two strings (optimal string alignment: insertions, deletions, substitutions and
 * swaps of two neighbouring characters each count 1), for "did you mean" suggestions.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur.push(d);
    }
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length];
}

/** How far a word may be from a known one and still be a likely misspelling of it. */
export function typoBudget(word: string): number {
  return word.length <= 5 ? 1 : 2;
}

/**
 * The candidates closest to `word` (within its typo budget), nearest first, ties in the candidates' order.
 * Returns at most `max`.
 */
export function closest(word: string, candidates: Iterable<string>, max = 3): string[] {
  const scored: { c: string; d: number; i: number }[] = [];
  let i = 0;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d <= typoBudget(word) && d < Math.max(word.length, c.length)) scored.push({ c, d, i });
    i++;
  }
  return scored.sort((x, y) => x.d - y.d || x.i - y.i).slice(0, max).map((s) => s.c);
}
