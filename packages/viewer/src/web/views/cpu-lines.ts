/**
 * The dimmed network's ties drawn on the CPU, where WebGL is drawn in software.
 *
 * Under a selection or a path the base network is faded context: its ties are drawn as thin lines (Sigma's line
 * program: two vertices a tie, `gl.LINES`, one pixel wide, no smoothing) at half resolution, and the compositor makes
 * their canvas translucent. Without a GPU, Chromium draws WebGL with SwiftShader, whose lines cost what a general
 * pipeline costs for each (vertex shading, set-up, fragment shading and blending, in the GPU process): measured on a
 * throwaway page (98,404 lines between 20,000 points, 2 × AMD EPYC, Chromium 156 headless), 166–188 ms to the next
 * frame at half resolution, where the same lines stepped pixel by pixel in JavaScript (Bresenham) into an ImageData
 * took 52 ms and a 2D canvas's stroke 82 ms. So in software the dimmed ties are read from the buffers Sigma's line
 * programs hold (the same floats, written by the same indexation) and drawn here, into a 2D canvas laid over the ties'
 * WebGL canvas, which is left empty meanwhile. With a GPU nothing changes.
 */

import { LineFrames } from './raster-lines';

/** What `CpuLines.add` reads of a Sigma line program. */
export interface LineBuffer {
  array: Float32Array;
  capacity: number;
}

/**
 * The 2D canvas the dimmed ties are drawn into, over the ties' WebGL canvas: a frame begins (`begin`: the pixels
 * cleared, at the ties' resolution), the line programs add their lines (`add`), and the frame ends (`end`: the pixels
 * put on the canvas, or the canvas emptied when nothing was begun).
 */
export class CpuLines {
  readonly canvas: HTMLCanvasElement;
  private readonly context: CanvasRenderingContext2D;
  /** The frames drawn, the last few kept (a frame of the same lines is not drawn again). */
  private readonly frames = new LineFrames();
  /** An ImageData over each frame's pixels (made once per pixel array). */
  private readonly images = new WeakMap<Uint32Array, ImageData>();
  /** The pixels on the canvas now (null: the canvas is empty or was cleared by a new size). */
  private onCanvas: Uint32Array | null = null;
  private began = false;
  /** Frames drawn and frames whose pixels were kept from an earlier one (for tests and the benchmark). */
  readonly counts = { drawn: 0, kept: 0 };

  constructor(container: HTMLElement, under: HTMLCanvasElement) {
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'chokepoint-dimmed-ties';
    this.canvas.setAttribute('aria-hidden', 'true');
    this.canvas.style.cssText = 'position:absolute;inset:0;pointer-events:none;';
    this.canvas.width = 1;
    this.canvas.height = 1;
    container.insertBefore(this.canvas, under.nextSibling);
    this.context = this.canvas.getContext('2d')!;
  }

  /** A frame starts that draws the dimmed ties at `width` × `height` pixels, shown at the size of `like`, with `opacity`. */
  begin(width: number, height: number, like: HTMLCanvasElement, opacity: number): void {
    if (this.canvas.width !== width || this.canvas.height !== height) {
      this.canvas.width = width;
      this.canvas.height = height;
      this.onCanvas = null;
    }
    this.frames.begin(width, height);
    this.canvas.style.width = like.style.width;
    this.canvas.style.height = like.style.height;
    this.canvas.style.opacity = String(opacity);
    this.began = true;
  }

  /** The lines of a Sigma line program, drawn through the frame's camera matrix. */
  add(program: LineBuffer, matrix: ArrayLike<number>): void {
    if (this.began) this.frames.add(program.array, program.capacity, matrix);
  }

  /** The frame is drawn: its lines shown, or, when no frame of dimmed ties began, the canvas emptied. */
  end(): void {
    if (this.began) {
      const { pixels, drawn } = this.frames.end();
      this.counts[drawn ? 'drawn' : 'kept']++;
      if (drawn || pixels !== this.onCanvas) {
        let image = this.images.get(pixels);
        if (image === undefined) this.images.set(pixels, (image = new ImageData(new Uint8ClampedArray(pixels.buffer, pixels.byteOffset, pixels.byteLength), this.canvas.width, this.canvas.height)));
        this.context.putImageData(image, 0, 0);
        this.onCanvas = pixels;
      }
    } else if (this.onCanvas !== null) {
      this.context.clearRect(0, 0, this.canvas.width, this.canvas.height);
      this.onCanvas = null;
    }
    this.began = false;
  }

  /** The pixels last drawn (RGBA words, rows from the top), for tests. */
  drawn(): { width: number; height: number; alpha: number[] } {
    const { width, height } = this.canvas;
    const data = this.context.getImageData(0, 0, width, height).data;
    const alpha: number[] = [];
    for (let i = 3; i < data.length; i += 4) alpha.push(data[i]);
    return { width, height, alpha };
  }

  kill(): void {
    this.canvas.remove();
  }
}
