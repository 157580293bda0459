import { largeBuffer } from '@chokepoint/engine';

/**
 * Typed arrays a rule works in while it runs (one number per shipment or entity), lent from buffers kept for the
 * whole evaluation instead of made anew by each rule.
 *
 * Why: V8 counts the memory of a new typed array as external, and every 64 MB of it starts garbage collection work
 * over the whole heap. At a million entities and six million shipments each rule makes several arrays of 24–48 MB,
 * and the heap holds 4 GB of records: 54 of the 71 young collections during the red-flag rules were started by
 * "external memory pressure", with incremental marking of the whole heap besides. Lent buffers are made once.
 *
 * `reset` takes every lent array back (evaluateFlags calls it after each rule): an array from `Scratch` must not be
 * kept past the rule that asked for it (not in a hit, not in a cache of the context). Rules ask for a few arrays
 * each (per shipment, per entity, per total), not one per item: the pool stays a short list.
 */
export class Scratch {
  /** Buffers free to lend, and those lent since the last reset. */
  private readonly free: ArrayBufferLike[] = [];
  private readonly lent: ArrayBufferLike[] = [];

  /** A zeroed Int32Array of `length` (or filled with `fill`), as `new Int32Array(length)` gives. */
  int32(length: number, fill = 0): Int32Array {
    const { buffer, fresh } = this.take(length * 4);
    const a = new Int32Array(buffer, 0, length);
    if (!fresh || fill !== 0) a.fill(fill);
    return a;
  }

  /** A zeroed Float64Array of `length`, as `new Float64Array(length)` gives. */
  float64(length: number): Float64Array {
    const { buffer, fresh } = this.take(length * 8);
    const a = new Float64Array(buffer, 0, length);
    if (!fresh) a.fill(0);
    return a;
  }

  /** Takes back every array lent since the last reset: they must not be read or written again. */
  reset(): void {
    for (const b of this.lent) this.free.push(b);
    this.lent.length = 0;
  }

  /** How many buffers the pool holds, and their bytes (for tests). */
  get held(): { buffers: number; bytes: number } {
    const all = [...this.free, ...this.lent];
    return { buffers: all.length, bytes: all.reduce((n, b) => n + b.byteLength, 0) };
  }

  /** The smallest free buffer that holds `bytes`, else a new one of that size. */
  private take(bytes: number): { buffer: ArrayBufferLike; fresh: boolean } {
    let best = -1;
    for (let i = 0; i < this.free.length; i++) {
      const size = this.free[i].byteLength;
      if (size >= bytes && (best < 0 || size < this.free[best].byteLength)) best = i;
    }
    let buffer: ArrayBufferLike;
    let fresh = false;
    if (best >= 0) buffer = this.free.splice(best, 1)[0];
    else {
      // (a large one on a SharedArrayBuffer, which V8 does not count as external memory: see largeBuffer)
      buffer = largeBuffer(bytes);
      fresh = true;
    }
    this.lent.push(buffer);
    return { buffer, fresh };
  }
}
