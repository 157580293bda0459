/**
 * Clips a segment to a box (Liang–Barsky): the part of (x1, y1) → (x2, y2) inside [minX, maxX] × [minY, maxY], written
 * into `out` as x1, y1, x2, y2; false when no part is inside. Allocates nothing: the CPU's drawing of the dimmed ties
 * (views/raster-lines.ts) clips a hundred thousand a frame, pictures (core/picture.ts) the map's lines. Pure.
 */
export function clipSegment(x1: number, y1: number, x2: number, y2: number, minX: number, minY: number, maxX: number, maxY: number, out: Float64Array): boolean {
  const dx = x2 - x1;
  const dy = y2 - y1;
  let t0 = 0;
  let t1 = 1;
  // One side at a time: p the segment's speed towards the side, q the room left before it.
  for (let side = 0; side < 4; side++) {
    const p = side === 0 ? -dx : side === 1 ? dx : side === 2 ? -dy : dy;
    const q = side === 0 ? x1 - minX : side === 1 ? maxX - x1 : side === 2 ? y1 - minY : maxY - y1;
    if (p === 0) {
      if (q < 0) return false;
      continue;
    }
    const r = q / p;
    if (p < 0) {
      if (r > t1) return false;
      if (r > t0) t0 = r;
    } else {
      if (r < t0) return false;
      if (r < t1) t1 = r;
    }
  }
  out[0] = x1 + t0 * dx;
  out[1] = y1 + t0 * dy;
  out[2] = x1 + t1 * dx;
  out[3] = y1 + t1 * dy;
  return true;
}
