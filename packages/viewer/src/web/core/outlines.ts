import { overlaps } from './label-place';

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

/** Pixels kept between two outline labels, above and below (about a line of their text). */
export const OUTLINE_LABEL_GAP = 10;
/**
 * The outlines' labels keep clear of the nodes' discs in networks of up to this many nodes (outlineLabelPlace): an
 * overview, a piece; over thousands of nodes every place of a label covers some.
 */
export const DISCS_KEPT_CLEAR_UP_TO = 5000;

/** A box on the screen: left, top, right, bottom, in pixels. */
export type ScreenBox = readonly [number, number, number, number];

/** Where an outline's label goes: its box, and where its text starts (x) and its baseline (y). */
export interface OutlineLabelPlace {
  box: [number, number, number, number];
  x: number;
  y: number;
  /**
   * A label set apart from its outline (a callout, where no place beside the outline is free): the line drawn from
   * the label to the outline, x and y of its two ends (at the label, then at the outline). Absent for a label beside
   * its outline.
   */
  leader?: [number, number, number, number];
  /**
   * A label set apart in two lines (its words up to the first comma, then the rest: narrower, where one line finds no
   * room); the second line's baseline is LINE_HEIGHT below `y`. Absent for one line.
   */
  lines?: 2;
  /** Only the label's words up to its first comma (LabelWidths.short). Absent for the whole label. */
  short?: true;
}

/** Pixels from one line's baseline to the next in a label of two lines. */
export const LINE_HEIGHT = 14;

/**
 * How wide a label is drawn, in pixels: in one line; in two (`two`: its words up to the first comma, then the rest);
 * and its words up to the first comma alone (`short`: "Cluster 106", a tag where nothing else finds room).
 */
export interface LabelWidths {
  one: number;
  two?: number;
  short?: number;
}

/**
 * A label's text in the lines it is drawn in: one, or two (up to the first comma, then the rest); or, `short`, its
 * words up to the first comma alone.
 */
export function labelLines(text: string, lines: 1 | 2 = 1, short = false): string[] {
  const comma = text.indexOf(', ');
  if (comma < 0) return [text];
  if (short) return [text.slice(0, comma)];
  return lines === 1 ? [text] : [text.slice(0, comma + 1), text.slice(comma + 2)];
}

/** The widths of a label's text drawn in one line, two, or short (`measure`: the width of a text). */
export function labelWidths(text: string, measure: (text: string) => number): LabelWidths {
  return { one: measure(text), two: Math.max(...labelLines(text, 2).map(measure)), short: measure(labelLines(text, 1, true)[0]) };
}

/**
 * Where a label may be set apart from its outline (a callout): the part of the frame it must stay inside (left, top,
 * right, bottom: below the bars over the graph), and boxes it must not cover (the map's legend and lists).
 */
export interface CalloutRoom {
  area: { left: number; top: number; right: number; bottom: number };
  covers: readonly ScreenBox[];
}

/** Pixels between a callout's label and the nearest disc of its row (and the outline). */
const CALLOUT_MARGIN = 8;
/** The rows a callout's label is tried at are this many pixels apart. */
const CALLOUT_STEP = 4;

/**
 * Where the label of an outline `box` goes (`text`: its widths, or its width in one line), in a frame of `frame`
 * pixels: above the box at its left, below it at its left, above at its right, below at its right, the first that
 * covers no label already drawn (`labels`, kept `gap` pixels apart above and below; `front`, the labels a selection
 * brings forward) and no node's disc outside the box (`discs`: in a piece with the clusters around it on a ring, a
 * label above a disc lay across its neighbours). Where none does (a cluster in the middle of a crowded overview) and
 * `room` is given: set apart, just outside the discs of some row of the frame, with a line to the outline
 * (calloutPlace; in two lines where that is nearer). Where that finds no room either: the short tag (`text.short`)
 * in the first of those four places, or level with the outline's middle at its left or right, that covers no label
 * (kept the gap from them where one is), off discs where one is; else the whole label above at its left when that
 * covers no label (over discs: another place over discs would only add a label to the pile); else null. Pure.
 */
export function outlineLabelPlace(
  box: ScreenBox,
  text: number | LabelWidths,
  frame: { width: number; height: number },
  labels: readonly ScreenBox[],
  front: readonly ScreenBox[],
  discs: readonly ScreenBox[],
  gap: number,
  room?: CalloutRoom,
): OutlineLabelPlace | null {
  const widths = typeof text === 'number' ? { one: text } : text;
  const [x0, y0, x1, y1] = box;
  // (a disc whose centre is inside the outline is one of the cluster's own members)
  const outside = discs.filter((d) => {
    const [cx, cy] = [(d[0] + d[2]) / 2, (d[1] + d[3]) / 2];
    return !(cx >= x0 && cx <= x1 && cy >= y0 && cy <= y1);
  });
  /**
   * The four places beside the outline for a label `width` wide (and, `sides`, two more: level with its middle, at its
   * left and at its right): those clear of labels, and the first also clear of discs.
   */
  const beside = (width: number, sides = false, apart = gap) => {
    const left = Math.max(2, Math.min(x0, frame.width - width - 4));
    const right = Math.max(2, Math.min(x1 - width, frame.width - width - 4));
    const above = Math.max(14, y0 - 4);
    const below = Math.min(frame.height - 4, y1 + 14);
    const middle = Math.round((y0 + y1) / 2 + 4);
    const places = [
      [left, above],
      [left, below],
      [right, above],
      [right, below],
      ...(sides ? [[x0 - width - 6, middle], [x1 + 6, middle]].filter(([x]) => x >= 2 && x + width <= frame.width - 4) : []),
    ].map(([x, y]): OutlineLabelPlace => ({ box: labelBox(x, y, width), x, y }));
    const clearOfLabels = places.filter((p) => !labels.some((t) => hits(p.box, t, apart)) && !front.some((t) => hits(p.box, t)));
    return { first: places[0], clearOfLabels, clear: clearOfLabels.find((p) => !outside.some((d) => hits(p.box, d))) };
  };
  const whole = beside(widths.one);
  if (whole.clear !== undefined) return whole.clear;
  if (room !== undefined) {
    // In one line, or in two where that is nearer the outline (the frame of a crowded overview is often too narrow
    // beside its discs for a line of a few hundred pixels).
    const one = calloutPlace(box, widths.one, room, labels, front, discs, gap);
    const two = widths.two === undefined ? null : calloutPlace(box, widths.two, room, labels, front, discs, gap, 2);
    const apart = one === null || (two !== null && leaderLength(two) < leaderLength(one)) ? two : one;
    if (apart !== null) return apart;
  }
  if (widths.short !== undefined && widths.short < widths.one) {
    // (a tag is one short line: where none keeps the gap from other labels, one that only touches them)
    const tag = beside(widths.short, true);
    const near = tag.clearOfLabels.length > 0 ? tag : beside(widths.short, true, 0);
    const place = near.clear ?? near.clearOfLabels[0];
    if (place !== undefined) return { ...place, short: true };
  }
  return whole.clearOfLabels[0] === whole.first ? whole.first : null;
}

/** The box of a label whose text starts at x, on baseline y (12-pixel text, 2 pixels around it; lines LINE_HEIGHT apart). */
function labelBox(x: number, y: number, width: number, lines: 1 | 2 = 1): [number, number, number, number] {
  return [x - 2, y - 12, x + width + 2, y + 4 + (lines - 1) * LINE_HEIGHT];
}

/** The length of a callout's line (0 for a label beside its outline). */
function leaderLength(p: OutlineLabelPlace): number {
  return p.leader === undefined ? 0 : Math.hypot(p.leader[2] - p.leader[0], p.leader[3] - p.leader[1]);
}

/** Whether boxes a and t overlap (a kept g pixels from t above and below). */
function hits(a: ScreenBox, t: ScreenBox, g = 0): boolean {
  return overlaps(g === 0 ? a : [a[0], a[1] - g, a[2], a[3] + g], t);
}

/**
 * A label set apart from its outline `box`: in some row of `room.area`, just left of the leftmost disc of that row (or
 * of the outline) or just right of the rightmost, so that it lies over no disc, no label (`gap` above and below), no
 * label brought forward and none of `room.covers`; of those places, the one nearest the outline (the shortest line
 * to it; the first row tried, from the outline's own row outwards, then the left side, on a tie). In `lines` lines
 * of text, `width` pixels wide. Null when there is none. Pure.
 */
export function calloutPlace(box: ScreenBox, width: number, room: CalloutRoom, labels: readonly ScreenBox[], front: readonly ScreenBox[], discs: readonly ScreenBox[], gap: number, lines: 1 | 2 = 1): OutlineLabelPlace | null {
  const extra = (lines - 1) * LINE_HEIGHT;
  const { area } = room;
  const top = area.top + 14;
  const bottom = area.bottom - 4 - extra;
  if (bottom < top) return null;
  const { strips, minLeft, maxRight } = discStrips(discs, area);
  const stripOf = (y: number) => Math.floor((y - area.top) / CALLOUT_STEP);
  const [x0, y0, x1, y1] = box;
  // The outline's own strips: a label keeps off it as off the discs.
  const boxFrom = Math.max(0, stripOf(y0));
  const boxTo = Math.min(strips - 1, stripOf(y1));
  const centre = Math.round((y0 + y1) / 2 + 4 - extra / 2);
  // A row |dy| from the outline's middle is at least |dy| − reach from the outline: rows farther than the best line so
  // far are not tried.
  const reach = 8 + extra + (y1 - y0) / 2;
  let best: OutlineLabelPlace | null = null;
  let bestLength = Infinity;
  for (let k = 0; ; k++) {
    const dy = (k % 2 === 0 ? 1 : -1) * Math.ceil(k / 2) * CALLOUT_STEP;
    const y = centre + dy;
    if (Math.abs(dy) - reach > bestLength || (centre + Math.abs(dy) > bottom && centre - Math.abs(dy) < top)) break;
    if (y < top || y > bottom) continue;
    // The discs of the label's row and a margin above and below it.
    let lo = Infinity;
    let hi = -Infinity;
    const from = Math.max(0, stripOf(y - 12 - CALLOUT_MARGIN / 2));
    const to = Math.min(strips - 1, stripOf(y + 4 + extra + CALLOUT_MARGIN / 2));
    for (let s = from; s <= to; s++) {
      lo = Math.min(lo, minLeft[s]);
      hi = Math.max(hi, maxRight[s]);
    }
    if (boxFrom <= boxTo && boxFrom <= to && boxTo >= from) {
      lo = Math.min(lo, x0);
      hi = Math.max(hi, x1);
    }
    for (const x of [lo - CALLOUT_MARGIN - 2 - width, hi + CALLOUT_MARGIN + 2]) {
      if (!Number.isFinite(x)) continue;
      const lbox = labelBox(x, y, width, lines);
      if (lbox[0] < area.left + 2 || lbox[2] > area.right - 2) continue;
      if (labels.some((t) => hits(lbox, t, gap)) || front.some((t) => hits(lbox, t)) || room.covers.some((t) => hits(lbox, t))) continue;
      const leader = nearestPoints(lbox, [x0, y0, x1, y1]);
      const length = Math.hypot(leader[2] - leader[0], leader[3] - leader[1]);
      if (length < bestLength) {
        best = { box: lbox, x, y, leader, ...(lines === 2 ? { lines } : {}) };
        bestLength = length;
      }
    }
  }
  return best;
}

/** The leftmost and rightmost disc edge of each strip of CALLOUT_STEP pixels of an area (discs outside it left out). */
interface DiscStrips {
  top: number;
  bottom: number;
  strips: number;
  minLeft: Float64Array;
  maxRight: Float64Array;
}

/**
 * DiscStrips made once for a frame's discs (each outline's callout, in one line and in two, reads the same), by the
 * list's identity: a list of discs is not changed once given.
 */
const stripsMade = new WeakMap<readonly ScreenBox[], DiscStrips>();

function discStrips(discs: readonly ScreenBox[], area: { top: number; bottom: number }): DiscStrips {
  const made = stripsMade.get(discs);
  if (made !== undefined && made.top === area.top && made.bottom === area.bottom) return made;
  const strips = Math.floor((area.bottom - area.top) / CALLOUT_STEP) + 1;
  const minLeft = new Float64Array(strips).fill(Infinity);
  const maxRight = new Float64Array(strips).fill(-Infinity);
  const stripOf = (y: number) => Math.floor((y - area.top) / CALLOUT_STEP);
  for (const d of discs) {
    const from = Math.max(0, stripOf(d[1]));
    const to = Math.min(strips - 1, stripOf(d[3]));
    for (let k = from; k <= to; k++) {
      if (d[0] < minLeft[k]) minLeft[k] = d[0];
      if (d[2] > maxRight[k]) maxRight[k] = d[2];
    }
  }
  const out = { top: area.top, bottom: area.bottom, strips, minLeft, maxRight };
  stripsMade.set(discs, out);
  return out;
}

/** The nearest points of two boxes (x and y at a, then at b): the middle of where they overlap along an axis. */
function nearestPoints(a: ScreenBox, b: ScreenBox): [number, number, number, number] {
  const along = (a0: number, a1: number, b0: number, b1: number): [number, number] => {
    if (a1 < b0) return [a1, b0];
    if (b1 < a0) return [a0, b1];
    const m = (Math.max(a0, b0) + Math.min(a1, b1)) / 2;
    return [m, m];
  };
  const [ax, bx] = along(a[0], a[2], b[0], b[2]);
  const [ay, by] = along(a[1], a[3], b[1], b[3]);
  return [ax, ay, bx, by];
}
