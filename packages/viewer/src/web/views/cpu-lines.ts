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

import { rasterLines } from './raster-lines';

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
  private image: ImageData | null = null;
  private pixels: Uint32Array | null = null;
  private began = false;
  private shown = false;

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
    if (this.image === null || this.image.width !== width || this.image.height !== height) {
      this.canvas.width = width;
      this.canvas.height = height;
      this.image = this.context.createImageData(width, height);
      this.pixels = new Uint32Array(this.image.data.buffer);
    } else this.pixels!.fill(0);
    this.canvas.style.width = like.style.width;
    this.canvas.style.height = like.style.height;
    this.canvas.style.opacity = String(opacity);
    this.began = true;
  }

  /** The lines of a Sigma line program, drawn through the frame's camera matrix. */
  add(program: LineBuffer, matrix: ArrayLike<number>): void {
    if (!this.began || this.pixels === null || this.image === null || program.capacity === 0) return;
    rasterLines(this.pixels, this.image.width, this.image.height, program.array, program.capacity, matrix);
  }

  /** The frame is drawn: its lines shown, or, when no frame of dimmed ties began, the canvas emptied. */
  end(): void {
    if (this.began && this.image !== null) {
      this.context.putImageData(this.image, 0, 0);
      this.shown = true;
    } else if (this.shown) {
      this.context.clearRect(0, 0, this.canvas.width, this.canvas.height);
      this.shown = false;
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
