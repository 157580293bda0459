/**
 * The `limit` items of `items` with the largest `rank`, largest first; among equal ranks, `before` decides (by default
 * the one met first goes first). One pass: the best so far are kept in order, each rank computed once, so that choosing
 * the few to name out of tens of thousands (a flag's peers, a controller's companies) costs neither an object nor a
 * sort per item. Pure.
 */
export function largestBy<T>(items: Iterable<T>, limit: number, rank: (item: T) => number, before: (a: T, b: T) => boolean = () => false): T[] {
  const kept: T[] = [];
  const ranks: number[] = [];
  if (limit <= 0) return kept;
  const ahead = (r: number, item: T, at: number) => r > ranks[at] || (r === ranks[at] && before(item, kept[at]));
  for (const item of items) {
    const r = rank(item);
    if (kept.length === limit) {
      if (!ahead(r, item, limit - 1)) continue;
      kept.pop();
      ranks.pop();
    }
    // (from the end: most items that make it in go near it)
    let at = kept.length;
    while (at > 0 && ahead(r, item, at - 1)) at--;
    kept.splice(at, 0, item);
    ranks.splice(at, 0, r);
  }
  return kept;
}
