/** One key for a pair of records whichever order it is written in (`a ~ b` and `b ~ a` are one pair). */
export function pairKey(a: string, b: string): string {
  return JSON.stringify(a < b ? [a, b] : [b, a]);
}
