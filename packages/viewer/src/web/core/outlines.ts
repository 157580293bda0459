/**
 * Which clusters near a border get their dashed outline: on a large report's overview hundreds of them can be near a
 * border, and outlining all buries the network under boxes and labels. Only the clusters in view are outlined, and of
 * those at most `max`: the ones with most flagged members, then the largest, each not mostly on top of one already
 * outlined; the others are counted, so that the picture says what it leaves out. Pure.
 */

/** A cluster's outline: its box on the screen (or picture), around its drawn members. */
export interface OutlineCandidate {
  id: number;
  box: [number, number, number, number];
  /** Members drawn. */
  size: number;
  flaggedMembers: number;
}

export interface CappedOutlines {
  shown: OutlineCandidate[];
  /** Clusters near a border in view but not outlined. */
  notShown: number;
  /** Clusters near a border with no drawn member in view. */
  outOfView: number;
}

/** At most this many outlines at once. */
export const MAX_OUTLINES = 12;

/**
 * An outline mostly on top of one already outlined (more than this share of the smaller box) is left out: boxes
 * stacked on one another, each with its label above it, read as a pile rather than as clusters.
 */
export const MAX_OUTLINE_OVERLAP = 0.5;

/** The share of the smaller of two boxes that the other covers (boxes one pixel larger, so that a point has an area). */
export function overlapShare(a: readonly number[], b: readonly number[]): number {
  const w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]) + 1;
  const h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]) + 1;
  if (w <= 0 || h <= 0) return 0;
  const area = (x: readonly number[]) => (x[2] - x[0] + 1) * (x[3] - x[1] + 1);
  return (w * h) / Math.min(area(a), area(b));
}

export function capOutlines(candidates: readonly OutlineCandidate[], area: { width: number; height: number }, max = MAX_OUTLINES): CappedOutlines {
  const inView = candidates.filter((c) => c.box[2] >= 0 && c.box[3] >= 0 && c.box[0] <= area.width && c.box[1] <= area.height);
  const ranked = [...inView].sort((a, b) => b.flaggedMembers - a.flaggedMembers || b.size - a.size || a.id - b.id);
  const shown: OutlineCandidate[] = [];
  for (const c of ranked) {
    if (shown.length >= Math.max(0, max)) break;
    if (shown.some((s) => overlapShare(s.box, c.box) > MAX_OUTLINE_OVERLAP)) continue;
    shown.push(c);
  }
  return { shown, notShown: ranked.length - shown.length, outOfView: candidates.length - inView.length };
}

/** The note under a capped set of outlines, or null when every cluster in view is outlined. */
export function outlinesNote(capped: CappedOutlines): string | null {
  if (capped.notShown === 0) return null;
  const n = capped.shown.length + capped.notShown;
  return `${capped.shown.length} of ${n.toLocaleString('en-US')} clusters near a border outlined (most flagged first); zoom in for the others`;
}
