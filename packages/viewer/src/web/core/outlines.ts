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

/** A box on the screen: left, top, right, bottom, in pixels. */
export type ScreenBox = readonly [number, number, number, number];

/** Where an outline's label goes: its box, and where its text starts (x) and its baseline (y). */
export interface OutlineLabelPlace {
  box: [number, number, number, number];
  x: number;
  y: number;
}

/**
 * Where the label of an outline `box` goes, `width` pixels of text wide, in a frame of `frame` pixels: above the box
 * at its left, below it at its left, above at its right, below at its right, the first that covers no label already
 * drawn (`labels`, kept `gap` pixels apart above and below; `front`, the labels a selection brings forward) and no
 * node's disc outside the box (`discs`: in a piece with the clusters around it on a ring, a label above a disc lay
 * across its neighbours); else above at its left when that covers no label (over discs, as before: another place over
 * discs would only add a label to the pile); else null. Pure.
 */
export function outlineLabelPlace(box: ScreenBox, width: number, frame: { width: number; height: number }, labels: readonly ScreenBox[], front: readonly ScreenBox[], discs: readonly ScreenBox[], gap: number): OutlineLabelPlace | null {
  const [x0, y0, x1, y1] = box;
  const left = Math.max(2, Math.min(x0, frame.width - width - 4));
  const right = Math.max(2, Math.min(x1 - width, frame.width - width - 4));
  const above = Math.max(14, y0 - 4);
  const below = Math.min(frame.height - 4, y1 + 14);
  const places = [
    [left, above],
    [left, below],
    [right, above],
    [right, below],
  ].map(([x, y]): OutlineLabelPlace => ({ box: [x - 2, y - 12, x + width + 2, y + 4], x, y }));
  const hits = (a: ScreenBox, t: ScreenBox, g = 0) => a[0] < t[2] && a[2] > t[0] && a[1] - g < t[3] && a[3] + g > t[1];
  const clearOfLabels = places.filter((p) => !labels.some((t) => hits(p.box, t, gap)) && !front.some((t) => hits(p.box, t)));
  // (a disc whose centre is inside the outline is one of the cluster's own members)
  const outside = discs.filter((d) => {
    const [cx, cy] = [(d[0] + d[2]) / 2, (d[1] + d[3]) / 2];
    return !(cx >= x0 && cx <= x1 && cy >= y0 && cy <= y1);
  });
  return clearOfLabels.find((p) => !outside.some((d) => hits(p.box, d))) ?? (clearOfLabels[0] === places[0] ? places[0] : null);
}
