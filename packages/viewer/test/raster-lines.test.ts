import { clipSegment } from '../src/web/core/clip';
import { LineFrames, rasterLines } from '../src/web/views/raster-lines';

/** A Sigma line-program buffer: per tie two vertices of x, y, packed colour, id (the colour's alpha byte as Sigma writes it). */
function buffer(lines: { a: [number, number]; b: [number, number]; rgba: [number, number, number, number] }[]): Float32Array {
  const array = new Float32Array(lines.length * 8);
  const words = new Uint32Array(array.buffer);
  lines.forEach(({ a, b, rgba: [r, g, bl, al] }, i) => {
    const packed = ((al << 24) | (bl << 16) | (g << 8) | r) >>> 0;
    array[i * 8] = a[0];
    array[i * 8 + 1] = a[1];
    words[i * 8 + 2] = packed;
    array[i * 8 + 4] = b[0];
    array[i * 8 + 5] = b[1];
    words[i * 8 + 6] = packed;
  });
  return array;
}
/** Clip space is the buffer's coordinates (x, y in [-1, 1], y up). */
const IDENTITY = [1, 0, 0, 0, 1, 0, 0, 0, 1];
const inked = (pixels: Uint32Array, width: number) => [...pixels].flatMap((p, k) => (p === 0 ? [] : [[k % width, Math.floor(k / width)]]));

describe('dimmed ties drawn on the CPU (views/raster-lines rasterLines)', () => {
  it('draws a line pixel by pixel from end to end, y up in clip space and down in pixels, opaque as Sigma packs it', () => {
    const px = new Uint32Array(10 * 10);
    // From the top-left corner's pixel to the middle of the bottom row.
    rasterLines(px, 10, 10, buffer([{ a: [-0.95, 0.95], b: [0.05, -0.95], rgba: [200, 10, 20, 254] }]), 1, IDENTITY);
    const ink = inked(px, 10);
    expect(ink[0]).toEqual([0, 0]);
    expect(ink.at(-1)).toEqual([5, 9]);
    expect(ink).toHaveLength(10); // one pixel per row: a steep line
    // Sigma's 254 for opaque is drawn opaque; the colour's bytes as they are (RGBA words of an ImageData).
    expect(px[0]).toBe(((255 << 24) | (20 << 16) | (10 << 8) | 200) >>> 0);
  });

  it('applies the camera matrix (column by column, as WebGL reads it)', () => {
    const px = new Uint32Array(10 * 10);
    // Scaled by a half and moved right by a half: the line from -1 to 1 across the middle row covers x 0.0 to 1.0.
    rasterLines(px, 10, 10, buffer([{ a: [-1, 0], b: [0.98, 0], rgba: [1, 2, 3, 254] }]), 1, [0.5, 0, 0, 0, 0.5, 0, 0.5, 0, 1]);
    const ink = inked(px, 10);
    expect(ink.map(([x]) => x)).toEqual([5, 6, 7, 8, 9]);
    expect(new Set(ink.map(([, y]) => y))).toEqual(new Set([5]));
  });

  it('skips empty slots (ties hidden in place are written as zeros), and clips lines reaching far off the canvas to their pixels on it', () => {
    const px = new Uint32Array(20 * 20);
    const lines = buffer([
      { a: [0, 0], b: [0, 0], rgba: [0, 0, 0, 0] },
      // A line a million canvases long crossing the canvas horizontally.
      { a: [-1e6, 0.01], b: [1e6, 0.01], rgba: [9, 9, 9, 254] },
      // Entirely outside.
      { a: [2, 2], b: [3, 5], rgba: [9, 9, 9, 254] },
    ]);
    const started = Date.now();
    rasterLines(px, 20, 20, lines, 3, IDENTITY);
    expect(Date.now() - started).toBeLessThan(200);
    const ink = inked(px, 20);
    expect(ink).toHaveLength(20);
    expect(new Set(ink.map(([, y]) => y)).size).toBe(1);
  });

  it('later lines over earlier ones: opaque replaces, translucent blends', () => {
    const px = new Uint32Array(4);
    rasterLines(px, 4, 1, buffer([{ a: [-1, 0], b: [0.99, 0], rgba: [255, 0, 0, 254] }, { a: [-1, 0], b: [-0.01, 0], rgba: [0, 0, 255, 128] }]), 2, IDENTITY);
    // Half-transparent blue over opaque red on the first two pixels: purple, opaque; the rest red.
    const rgba = (w: number) => [w & 0xff, (w >>> 8) & 0xff, (w >>> 16) & 0xff, w >>> 24];
    const [r, g, b, a] = rgba(px[0]);
    expect(a).toBe(255);
    expect(g).toBe(0);
    expect(r).toBeGreaterThan(100);
    expect(b).toBeGreaterThan(100);
    expect(rgba(px[3])).toEqual([255, 0, 0, 255]);
  });
  it('draws what a plain Bresenham draws, line by line, in every direction, clipped, translucent or not a number (random frames)', () => {
    // The reference: each line's ends through the matrix to pixels, clipped to the canvas, then stepped from end to end
    // checking at each pixel whether the end is reached (as rasterLines did before its loops were made per direction).
    const reference = (px: Uint32Array, w: number, h: number, array: Float32Array, lines: number, m: number[]) => {
      const words = new Uint32Array(array.buffer);
      const out = new Float64Array(4);
      const blend = (top: number, under: number) => {
        const a = (top >>> 24) / 255;
        const b = (under >>> 24) / 255;
        const o = a + b * (1 - a);
        if (o === 0) return 0;
        const mix = (s: number) => Math.round((((top >>> s) & 0xff) * a + ((under >>> s) & 0xff) * b * (1 - a)) / o);
        return ((Math.round(o * 255) << 24) | (mix(16) << 16) | (mix(8) << 8) | mix(0)) >>> 0;
      };
      for (let l = 0; l < lines; l++) {
        const byte = words[l * 8 + 2] >>> 24;
        const alpha = byte === 0 ? 0 : Math.min(255, Math.round((byte * 255) / 254));
        if (alpha === 0) continue;
        const colour = ((alpha << 24) | (words[l * 8 + 2] & 0xffffff)) >>> 0;
        const toPixel = (x: number, y: number) => [(m[0] * x + m[3] * y + m[6] + 1) * (w / 2), (1 - (m[1] * x + m[4] * y + m[7])) * (h / 2)];
        const [x0, y0] = toPixel(array[l * 8], array[l * 8 + 1]);
        const [x1, y1] = toPixel(array[l * 8 + 4], array[l * 8 + 5]);
        if (!Number.isFinite(x0 + y0 + x1 + y1) || !clipSegment(x0, y0, x1, y1, 0, 0, w - 1 + 0.999, h - 1 + 0.999, out)) continue;
        const cell = (v: number, max: number) => Math.min(max, Math.max(0, Math.floor(v)));
        let [px0, py0] = [cell(out[0], w - 1), cell(out[1], h - 1)];
        const [qx, qy] = [cell(out[2], w - 1), cell(out[3], h - 1)];
        const ax = Math.abs(qx - px0);
        const ay = -Math.abs(qy - py0);
        let err = ax + ay;
        for (;;) {
          const k = py0 * w + px0;
          px[k] = alpha === 255 ? colour : blend(colour, px[k]);
          if (px0 === qx && py0 === qy) break;
          const e2 = 2 * err;
          if (e2 >= ay) {
            err += ay;
            px0 += px0 < qx ? 1 : -1;
          }
          if (e2 <= ax) {
            err += ax;
            py0 += py0 < qy ? 1 : -1;
          }
        }
      }
    };
    let seed = 7;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (let frame = 0; frame < 400; frame++) {
      const w = 1 + Math.floor(random() * 40);
      const h = 1 + Math.floor(random() * 40);
      const lines = 1 + Math.floor(random() * 20);
      const array = new Float32Array(lines * 8);
      const words = new Uint32Array(array.buffer);
      for (let l = 0; l < lines; l++) {
        // Ends on and off the canvas, now and then far off it or not a number.
        for (const o of [0, 1, 4, 5]) array[l * 8 + o] = (random() * 3 - 1.5) * (random() < 0.03 ? 1e30 : 1);
        if (random() < 0.02) array[l * 8] = NaN;
        const alpha = [254, 254, 128, 0, 1][Math.floor(random() * 5)];
        words[l * 8 + 2] = ((alpha << 24) | Math.floor(random() * 0xffffff)) >>> 0;
      }
      const matrix = [random() * 2, random() - 0.5, 0, random() - 0.5, random() * 2, 0, random() - 0.5, random() - 0.5, 1];
      const got = new Uint32Array(w * h);
      const want = new Uint32Array(w * h);
      rasterLines(got, w, h, array, lines, matrix);
      reference(want, w, h, array, lines, matrix);
      expect({ frame, pixels: [...got] }).toEqual({ frame, pixels: [...want] });
    }
  });
});

describe('frames of dimmed ties kept (views/raster-lines LineFrames)', () => {
  const a = () => buffer([{ a: [-0.9, -0.9], b: [0.9, 0.5], rgba: [10, 20, 30, 254] }, { a: [0.2, 0.9], b: [-0.4, -0.9], rgba: [200, 0, 0, 100] }]);
  const b = () => buffer([{ a: [-0.9, 0.9], b: [0.9, -0.5], rgba: [0, 90, 30, 254] }]);
  const fresh = (array: Float32Array, lines: number, matrix: ArrayLike<number>, w = 12, h = 8) => {
    const px = new Uint32Array(w * h);
    rasterLines(px, w, h, array, lines, matrix);
    return [...px];
  };
  const frame = (frames: LineFrames, parts: [Float32Array, number, ArrayLike<number>][], w = 12, h = 8) => {
    frames.begin(w, h);
    for (const [array, lines, matrix] of parts) frames.add(array, lines, matrix);
    const { pixels, drawn } = frames.end();
    return { pixels: [...pixels], drawn };
  };

  it('draws a frame once: the same lines through the same matrix at the same size are the pixels kept', () => {
    const frames = new LineFrames();
    const first = frame(frames, [[a(), 2, IDENTITY]]);
    expect(first).toEqual({ pixels: fresh(a(), 2, IDENTITY), drawn: true });
    // Equal buffers, not the same object: compared by their words.
    expect(frame(frames, [[a(), 2, IDENTITY]])).toEqual({ pixels: first.pixels, drawn: false });
  });

  it('draws again when a word of a buffer, the count of lines, the matrix, the size or the buffers of the frame differ', () => {
    const frames = new LineFrames();
    frame(frames, [[a(), 2, IDENTITY]]);
    const moved = a();
    moved[4] = 0.1; // one end of the first line
    expect(frame(frames, [[moved, 2, IDENTITY]])).toEqual({ pixels: fresh(moved, 2, IDENTITY), drawn: true });
    expect(frame(frames, [[a(), 1, IDENTITY]])).toEqual({ pixels: fresh(a(), 1, IDENTITY), drawn: true });
    const zoomed = [0.5, 0, 0, 0, 0.5, 0, 0, 0, 1];
    expect(frame(frames, [[a(), 2, zoomed]])).toEqual({ pixels: fresh(a(), 2, zoomed), drawn: true });
    expect(frame(frames, [[a(), 2, IDENTITY]], 8, 12)).toEqual({ pixels: fresh(a(), 2, IDENTITY, 8, 12), drawn: true });
    const both = frame(frames, [[a(), 2, IDENTITY], [b(), 1, IDENTITY]]);
    expect(both.drawn).toBe(true);
    const px = new Uint32Array(12 * 8);
    rasterLines(px, 12, 8, a(), 2, IDENTITY);
    rasterLines(px, 12, 8, b(), 1, IDENTITY);
    expect(both.pixels).toEqual([...px]);
  });

  it('compares with a copy of what it drew, not the buffer as it is now (Sigma writes its buffers again in place)', () => {
    const frames = new LineFrames();
    const live = a();
    frame(frames, [[live, 2, IDENTITY]]);
    live[0] = 0.5; // written again in place after the frame
    expect(frame(frames, [[live, 2, IDENTITY]])).toEqual({ pixels: fresh(live, 2, IDENTITY), drawn: true });
  });

  it('keeps the last frames it was asked to keep, the least recently used given up first', () => {
    const two = new LineFrames(2);
    frame(two, [[a(), 2, IDENTITY]]);
    frame(two, [[b(), 1, IDENTITY]]);
    expect(frame(two, [[a(), 2, IDENTITY]]).drawn).toBe(false);
    frame(two, [[a(), 1, IDENTITY]]); // gives up b (a was used since)
    expect(frame(two, [[a(), 2, IDENTITY]]).drawn).toBe(false);
    expect(frame(two, [[b(), 1, IDENTITY]])).toEqual({ pixels: fresh(b(), 1, IDENTITY), drawn: true });
    const none = new LineFrames(0);
    frame(none, [[a(), 2, IDENTITY]]);
    expect(frame(none, [[a(), 2, IDENTITY]])).toEqual({ pixels: fresh(a(), 2, IDENTITY), drawn: true });
  });
});
