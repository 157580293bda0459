/**
 * Which clusters near a border get their dashed outline: on a large report's overview hundreds of them can be near a
 * border, and outlining all buries the network under boxes and labels. Only the clusters in view are outlined, and of
 * those at most `max`: the ones with most flagged members, then the largest; the others are counted, so that the
 * picture says what it leaves out. Pure.
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

export function capOutlines(candidates: readonly OutlineCandidate[], area: { width: number; height: number }, max = MAX_OUTLINES): CappedOutlines {
  const inView = candidates.filter((c) => c.box[2] >= 0 && c.box[3] >= 0 && c.box[0] <= area.width && c.box[1] <= area.height);
  const ranked = [...inView].sort((a, b) => b.flaggedMembers - a.flaggedMembers || b.size - a.size || a.id - b.id);
  return { shown: ranked.slice(0, Math.max(0, max)), notShown: Math.max(0, ranked.length - max), outOfView: candidates.length - inView.length };
}

/** The note under a capped set of outlines, or null when every cluster in view is outlined. */
export function outlinesNote(capped: CappedOutlines): string | null {
  if (capped.notShown === 0) return null;
  const n = capped.shown.length + capped.notShown;
  return `${capped.shown.length} of ${n.toLocaleString('en-US')} clusters near a border outlined (most flagged first); zoom in for the others`;
}
