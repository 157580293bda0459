import { clipSegment } from '../core/clip';

/**
 * Lines of a Sigma line-program buffer stepped pixel by pixel into 32-bit RGBA pixels: the CPU's drawing of the dimmed
 * ties (views/cpu-lines.ts). Pure, without the DOM (unit-tested in Node).
 */

/** Sigma's line program writes four floats per vertex (x, y, colour, id) and two vertices per tie. */
const FLOATS_PER_VERTEX = 4;
const FLOATS_PER_LINE = 2 * FLOATS_PER_VERTEX;

/**
 * The alpha a colour's alpha byte stands for: Sigma packs colours into a float with the alpha's lowest bit cleared
 * (254 for opaque), and its shaders multiply the alpha by 255 / 254.
 */
function alphaOf(byte: number): number {
  return byte === 0 ? 0 : Math.min(255, Math.round((byte * 255) / 254));
}

/**
 * Draws `lines` lines of a Sigma line-program buffer (`array`: per vertex x, y, packed colour, id, in the framed graph's
 * coordinates) into `pixels` (RGBA, one 32-bit word a pixel, rows from the top, `width` × `height`), through `matrix`
 * (Sigma's 3 × 3 camera matrix, column by column, to clip space), as `gl.LINES` would: each line one pixel wide, its
 * colour over what is there (opaque colours replace it; translucent ones are blended over it), clipped to the pixels.
 * Pure but for `pixels`.
 */
export function rasterLines(pixels: Uint32Array, width: number, height: number, array: Float32Array, lines: number, matrix: ArrayLike<number>): void {
  const words = new Uint32Array(array.buffer, array.byteOffset, array.length);
  const [m0, m1, m3, m4, m6, m7] = [matrix[0], matrix[1], matrix[3], matrix[4], matrix[6], matrix[7]];
  const sx = width / 2;
  const sy = height / 2;
  const maxX = width - 1;
  const maxY = height - 1;
  const clipped = new Float64Array(4);
  // Inside these, a line's ends need no clipping (most ties of a frame): the box `clipSegment` clips to.
  const edgeX = maxX + 0.999;
  const edgeY = maxY + 0.999;
  for (let l = 0; l < lines; l++) {
    const at = l * FLOATS_PER_LINE;
    const packed = words[at + 2];
    const alpha = alphaOf(packed >>> 24);
    if (alpha === 0) continue; // an empty slot (a tie hidden in place) or a transparent tie
    const colour = ((alpha << 24) | (packed & 0xffffff)) >>> 0;
    const xa = array[at];
    const ya = array[at + 1];
    const xb = array[at + FLOATS_PER_VERTEX];
    const yb = array[at + FLOATS_PER_VERTEX + 1];
    // Clip space, then pixels (x to the right, y down).
    let x0 = (m0 * xa + m3 * ya + m6 + 1) * sx;
    let y0 = (1 - (m1 * xa + m4 * ya + m7)) * sy;
    let x1 = (m0 * xb + m3 * yb + m6 + 1) * sx;
    let y1 = (1 - (m1 * xb + m4 * yb + m7)) * sy;
    // Clipped to the canvas, so that a tie reaching far off screen costs only its pixels on it. (The comparisons are
    // false for NaN: a tie with an end not a number is clipped, and clipping leaves it out.)
    if (!(x0 >= 0 && x0 <= edgeX && y0 >= 0 && y0 <= edgeY && x1 >= 0 && x1 <= edgeX && y1 >= 0 && y1 <= edgeY)) {
      if (!Number.isFinite(x0 + y0 + x1 + y1) || !clipSegment(x0, y0, x1, y1, 0, 0, edgeX, edgeY, clipped)) continue;
      x0 = Math.min(maxX, Math.max(0, clipped[0]));
      y0 = Math.min(maxY, Math.max(0, clipped[1]));
      x1 = Math.min(maxX, Math.max(0, clipped[2]));
      y1 = Math.min(maxY, Math.max(0, clipped[3]));
    }
    const px = Math.min(maxX, Math.floor(x0));
    const py = Math.min(maxY, Math.floor(y0));
    const qx = Math.min(maxX, Math.floor(x1));
    const qy = Math.min(maxY, Math.floor(y1));
    // Bresenham from one end to the other (Zingl's form): a step along the longer axis each pixel, and one along the
    // other where the error says so; max(ax, -ay) steps.
    const ax = Math.abs(qx - px);
    const ay = -Math.abs(qy - py);
    const stepX = px < qx ? 1 : -1;
    const stepY = py < qy ? width : -width;
    const k = py * width + px;
    if (alpha !== 255) blendLine(pixels, k, ax, ay, stepX, stepY, colour);
    else if (ax >= -ay) {
      // Along x.
      let at = k;
      let err = ax + ay;
      for (let n = 0; n < ax; n++) {
        pixels[at] = colour;
        const e2 = 2 * err;
        err += ay;
        at += stepX;
        if (e2 <= ax) {
          err += ax;
          at += stepY;
        }
      }
      pixels[at] = colour;
    } else {
      // Along y.
      let at = k;
      let err = ax + ay;
      for (let n = 0; n < -ay; n++) {
        pixels[at] = colour;
        const e2 = 2 * err;
        err += ax;
        at += stepY;
        if (e2 >= ay) {
          err += ay;
          at += stepX;
        }
      }
      pixels[at] = colour;
    }
  }
}

/** A translucent line from the pixel at `k` (steps and error as in `rasterLines`), its colour blended over each pixel. */
function blendLine(pixels: Uint32Array, k: number, ax: number, ay: number, stepX: number, stepY: number, colour: number): void {
  let err = ax + ay;
  const steps = Math.max(ax, -ay);
  for (let n = 0; n < steps; n++) {
    pixels[k] = over(colour, pixels[k]);
    const e2 = 2 * err;
    if (e2 >= ay) {
      err += ay;
      k += stepX;
    }
    if (e2 <= ax) {
      err += ax;
      k += stepY;
    }
  }
  pixels[k] = over(colour, pixels[k]);
}

/** A translucent colour over another (straight alpha, RGBA words), as blending draws it. */
function over(top: number, under: number): number {
  const a = (top >>> 24) / 255;
  const b = (under >>> 24) / 255;
  const out = a + b * (1 - a);
  if (out === 0) return 0;
  const mix = (shift: number) => Math.round((((top >>> shift) & 0xff) * a + ((under >>> shift) & 0xff) * b * (1 - a)) / out);
  return ((Math.round(out * 255) << 24) | (mix(16) << 16) | (mix(8) << 8) | mix(0)) >>> 0;
}

/** A line buffer of a frame, with the matrix it is drawn through. */
interface FrameLines {
  array: Float32Array;
  lines: number;
  matrix: Float64Array;
}

/** A frame drawn before: its size, what it drew (the buffers copied) and its pixels. */
interface KeptFrame {
  width: number;
  height: number;
  lines: FrameLines[];
  pixels: Uint32Array;
}

/**
 * Frames of lines (`rasterLines`), the last few kept: a frame that draws the same lines through the same matrices at the
 * same size as one kept is not drawn again, its pixels are those kept. Going back to a network drawn before (undo, the
 * whole network again after a working view, a path over the network a selection dimmed) then costs a comparison of the
 * buffers (a few milliseconds for 100,000 ties, less when they differ early) instead of stepping every pixel again.
 * Compared word for word: a frame is never taken for another. Pure, without the DOM.
 */
export class LineFrames {
  private readonly kept: KeptFrame[] = [];
  private frame: FrameLines[] = [];
  private width = 0;
  private height = 0;

  /** `keep`: how many frames are kept (each holds its pixels and a copy of its buffers). */
  constructor(private readonly keep = 4) {}

  /** A frame of `width` × `height` pixels starts. */
  begin(width: number, height: number): void {
    this.frame = [];
    this.width = width;
    this.height = height;
  }

  /** `lines` lines of a Sigma line-program buffer, drawn through `matrix` (as `rasterLines` takes them). */
  add(array: Float32Array, lines: number, matrix: ArrayLike<number>): void {
    if (lines > 0) this.frame.push({ array, lines, matrix: Float64Array.from(matrix) });
  }

  /**
   * The frame's pixels (RGBA words, as `rasterLines` draws them), and whether they were drawn now (false: a kept
   * frame's, the same lines, matrices and size). The pixels stay this frame's until a later frame is drawn into them.
   */
  end(): { pixels: Uint32Array; drawn: boolean } {
    const { width, height, frame } = this;
    const at = this.kept.findIndex((k) => k.width === width && k.height === height && sameLines(k.lines, frame));
    if (at >= 0) {
      const [k] = this.kept.splice(at, 1);
      this.kept.push(k);
      return { pixels: k.pixels, drawn: false };
    }
    // The least recently used frame's pixels are reused when of this size.
    const old = this.kept.length >= this.keep ? this.kept.shift() : undefined;
    const pixels = old !== undefined && old.pixels.length === width * height ? old.pixels.fill(0) : new Uint32Array(width * height);
    for (const f of frame) rasterLines(pixels, width, height, f.array, f.lines, f.matrix);
    const lines = frame.map((f) => ({ array: f.array.slice(0, f.lines * FLOATS_PER_LINE), lines: f.lines, matrix: f.matrix }));
    if (this.keep > 0) this.kept.push({ width, height, lines, pixels });
    return { pixels, drawn: true };
  }
}

/** Whether a kept frame's lines are the frame's: the same counts, matrices and words. */
function sameLines(kept: FrameLines[], frame: FrameLines[]): boolean {
  if (kept.length !== frame.length) return false;
  for (let k = 0; k < kept.length; k++) {
    const a = kept[k];
    const b = frame[k];
    if (a.lines !== b.lines) return false;
    for (let i = 0; i < a.matrix.length; i++) if (a.matrix[i] !== b.matrix[i]) return false;
    const n = a.lines * FLOATS_PER_LINE;
    const x = new Uint32Array(a.array.buffer, a.array.byteOffset, n);
    const y = new Uint32Array(b.array.buffer, b.array.byteOffset, n);
    for (let i = 0; i < n; i++) if (x[i] !== y[i]) return false;
  }
  return true;
}
