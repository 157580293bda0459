/**
 * The part of the graph's canvas a user sees, in pixels of the canvas: the whole canvas less what covers one of its
 * sides (the side panel where it overlaps the canvas, a bar over its whole width). Labels are placed inside it, and
 * "zoom to fit" frames what it shows inside it.
 */
export interface LabelArea {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** A box in pixels of the canvas: left, top, right, bottom. */
export type AreaBox = readonly [number, number, number, number];

/**
 * The visible area of a canvas `width` × `height` under `covers` (boxes in pixels of the canvas, such as the side
 * panel's or a bar's): a cover that spans the area's whole height (90 % of it or more) cuts off the side it lies on,
 * one that spans its whole width cuts off the top or the bottom. Smaller covers (a legend in a corner) leave the area
 * as it is; a cover that would leave less than a quarter of the canvas is ignored.
 */
export function visibleArea(width: number, height: number, covers: readonly AreaBox[] = []): LabelArea {
  const area: LabelArea = { left: 0, top: 0, right: width, bottom: height };
  for (const [l, t, r, b] of covers) {
    const [cl, ct, cr, cb] = [Math.max(l, area.left), Math.max(t, area.top), Math.min(r, area.right), Math.min(b, area.bottom)];
    if (cr <= cl || cb <= ct) continue;
    const [w, h] = [area.right - area.left, area.bottom - area.top];
    if (cb - ct >= 0.9 * h && cr - cl < w) {
      // A side panel: keep the larger part beside it.
      if (cl - area.left >= area.right - cr) {
        if (cl - area.left >= width / 4) area.right = cl;
      } else if (area.right - cr >= width / 4) area.left = cr;
    } else if (cr - cl >= 0.9 * w && cb - ct < h) {
      if (ct - area.top >= area.bottom - cb) {
        if (ct - area.top >= height / 4) area.bottom = ct;
      } else if (area.bottom - cb >= height / 4) area.top = cb;
    }
  }
  return area;
}

/** Whether a label of `labelWidth` × `labelSize` pixels whose text starts at `place` lies inside the area (2 px in from its sides). */
export function labelFits(place: LabelPlace, labelWidth: number, labelSize: number, area: LabelArea): boolean {
  // (a thousandth of a pixel of slack: a place pushed against the edge, area.right - 2 - labelWidth, ends at the edge
  // only up to rounding)
  const e = 1e-3;
  return place.x >= area.left + 2 - e && place.x + labelWidth <= area.right - 2 + e && place.y - labelSize / 2 >= area.top - e && place.y + labelSize / 2 <= area.bottom + e;
}

/**
 * Where an entity's label starts, in pixels of the picture: to the right of its node, or to its left when it is
 * asked to (`side`, entities at one place on the map: left or right as given) or when it would run past the right edge of the visible area and
 * fits on the left. A label wider than both sides stays on the right.
 */
export function labelX(nodeX: number, nodeSize: number, labelWidth: number, area: LabelArea, side?: string): number {
  const leftX = nodeX - nodeSize - 3 - labelWidth;
  const rightX = nodeX + nodeSize + 3;
  if (side === 'left') return leftX;
  if (side === 'right') return rightX;
  return rightX + labelWidth > area.right - 2 && leftX >= area.left + 2 ? leftX : rightX;
}

/** Sigma's boxed label (a hovered or selected node's): the padding around its text, and its box's width beyond the text. */
export const BOXED_PADDING = 2;
export const BOXED_EXTRA = 5;

/**
 * Which side of its node a boxed label (the selected entity's, the ends and steps of a path) is drawn on: the right,
 * as sigma draws it, unless its box would run past the right edge of the visible area (under the side panel) or
 * cover another node drawn (`nodes`, their boxes: the entities brought forward) while the left has room and covers
 * none; then the left. A box that covers a node on either side stays on a side where it fits, the right first.
 * `radius`: the box's round end around the node (sigma's: the node's size or half the label size, whichever is
 * larger, plus the padding); `labelSize`: the height of its text.
 */
export function boxedLabelSide(nodeX: number, nodeY: number, radius: number, labelWidth: number, labelSize: number, area: LabelArea, nodes: readonly PixelBox[] = []): 'right' | 'left' {
  const box = Math.round(labelWidth + BOXED_EXTRA);
  const half = Math.max(radius, Math.round(labelSize + 2 * BOXED_PADDING) / 2);
  const fitsRight = nodeX + radius + box <= area.right - 2;
  const fitsLeft = nodeX - radius - box >= area.left + 2;
  const at = { x: nodeX, y: nodeY };
  if (fitsRight && !coversOtherNode([nodeX - radius, nodeY - half, nodeX + radius + box, nodeY + half], nodes, at)) return 'right';
  if (fitsLeft && !coversOtherNode([nodeX - radius - box, nodeY - half, nodeX + radius, nodeY + half], nodes, at)) return 'left';
  return fitsRight || !fitsLeft ? 'right' : 'left';
}

/** A place for a label: where its text starts (x) and the middle of its line (y), in pixels of the picture. */
export interface LabelPlace {
  x: number;
  y: number;
}

/**
 * The places a label may take, best first: beside its node (labelX), where it always comes first; a label given a
 * side (entities at one place on the map) that fits there on its side has that place only, so that the labels of a
 * ring run away from each other. Then the other side, and below and above the node, centred on it and kept inside
 * the visible area, then below and above pushed right or left as far as the node allows (the label still over it),
 * then the same a line further below and above; each only where it fits in the area. The label is drawn at the first place inside the area where
 * it covers no other label.
 */
export function labelPlaces(nodeX: number, nodeY: number, nodeSize: number, labelWidth: number, labelSize: number, area: LabelArea, side?: string): LabelPlace[] {
  const first = { x: labelX(nodeX, nodeSize, labelWidth, area, side), y: nodeY };
  const places: LabelPlace[] = [first];
  if (side !== undefined && labelFits(first, labelWidth, labelSize, area)) return places;
  const rightX = nodeX + nodeSize + 3;
  const leftX = nodeX - nodeSize - 3 - labelWidth;
  const centred = Math.max(area.left + 2, Math.min(area.right - 2 - labelWidth, nodeX - labelWidth / 2));
  const gap = nodeSize + labelSize / 2 + 2;
  // Below and above, also pushed to the right or to the left while still over the node: a neighbour's label that
  // runs under the middle of the place may leave one of its ends free.
  const pushedRight = Math.max(area.left + 2, Math.min(area.right - 2 - labelWidth, nodeX - nodeSize));
  const pushedLeft = Math.max(area.left + 2, Math.min(area.right - 2 - labelWidth, nodeX + nodeSize - labelWidth));
  const others = [
    { x: first.x === rightX ? leftX : rightX, y: nodeY },
    { x: centred, y: nodeY + gap },
    { x: centred, y: nodeY - gap },
    { x: pushedRight, y: nodeY + gap },
    { x: pushedLeft, y: nodeY + gap },
    { x: pushedRight, y: nodeY - gap },
    { x: pushedLeft, y: nodeY - gap },
  ];
  // Last, a line further below or above (past a neighbour's label that runs under or over the node).
  const far = gap + labelSize + 2;
  for (const x of [centred, pushedRight, pushedLeft]) others.push({ x, y: nodeY + far });
  for (const x of [centred, pushedRight, pushedLeft]) others.push({ x, y: nodeY - far });
  for (const p of others) {
    if (labelFits(p, labelWidth, labelSize, area) && !places.some((q) => Math.abs(q.x - p.x) < 0.5 && q.y === p.y)) places.push(p);
  }
  return places;
}

/** A box in pixels: left, top, right, bottom. */
export type PixelBox = readonly [number, number, number, number];

/** Whether two boxes overlap (boxes that only touch do not). */
export function overlaps(a: PixelBox, b: PixelBox): boolean {
  return a[0] < b[2] && a[2] > b[0] && a[1] < b[3] && a[3] > b[1];
}

/** Whether a label's box covers a node's box other than its own node's (the one centred at `at`). */
export function coversOtherNode(box: PixelBox, nodes: readonly PixelBox[], at: { x: number; y: number }): boolean {
  return nodes.some((t) => overlaps(box, t) && Math.abs((t[0] + t[2]) / 2 - at.x) + Math.abs((t[1] + t[3]) / 2 - at.y) > 0.5);
}

/**
 * The place a label takes that could not take its first one when it was drawn (labelPlaces' list; the first is a
 * candidate again only when it fits in the area, `firstFits`, as it may have waited for a node alone): of the places
 * whose box covers no label drawn, the first that covers no node either, else the first of them; undefined when
 * every place covers a label. So a label keeps clear of the nodes where it can, and is never left out for a node.
 */
export function waitingPlace(places: readonly LabelPlace[], firstFits: boolean, coversLabel: (p: LabelPlace) => boolean, coversNode: (p: LabelPlace) => boolean): LabelPlace | undefined {
  const clear = places.filter((p, i) => (i > 0 || firstFits) && !coversLabel(p));
  return clear.find((p) => !coversNode(p)) ?? clear[0];
}

/**
 * A camera that frames in the visible area what `ratio` would frame in the whole canvas: zoomed out by as much as the
 * area is smaller than the canvas (its narrower proportion), and moved by `dx`, `dy` pixels so that what was in the
 * middle of the canvas is in the middle of the area (the view turns the pixels into the camera's units).
 */
export function cameraInArea(ratio: number, width: number, height: number, area: LabelArea): { ratio: number; dx: number; dy: number } {
  const [w, h] = [area.right - area.left, area.bottom - area.top];
  if (w <= 0 || h <= 0 || width <= 0 || height <= 0) return { ratio, dx: 0, dy: 0 };
  return { ratio: ratio * Math.max(1, width / w, height / h), dx: (area.left + area.right) / 2 - width / 2, dy: (area.top + area.bottom) / 2 - height / 2 };
}

/**
 * Where a one-line note `width` × `height` pixels goes (its box: left, top, right, bottom): at the bottom right of the
 * visible area, and above whatever sits over that corner (the map's legend and "zoom to" list cover the bottom left and
 * can reach under a long note).
 */
export function noteBox(width: number, height: number, area: LabelArea, covers: readonly AreaBox[] = []): AreaBox {
  const right = area.right - 4;
  const left = Math.max(area.left + 4, right - width);
  let bottom = area.bottom - 5;
  // Each move lifts the note above one cover; at most one move per cover.
  for (let moved = true, k = 0; moved && k <= covers.length; k++) {
    moved = false;
    for (const [l, t, r, b] of covers) {
      if (left < r && right > l && bottom - height < b && bottom > t) {
        bottom = t - 4;
        moved = true;
      }
    }
  }
  return [left, bottom - height, right, bottom];
}
