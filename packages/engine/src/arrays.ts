/**
 * Large working arrays (millions of items: the ends of every tie, the projection's pairs, the rules' columns), made on
 * a SharedArrayBuffer.
 *
 * Why: V8 counts the memory of each new ArrayBuffer as external memory, and once that has grown by 64 MB since the
 * last full collection it collects the whole heap. At a million entities the heap holds several gigabytes of records,
 * and each full collection takes seconds: a CPU profile of projectBundle at 1M (ten million ties) put 43 of its 55 s
 * in the collector, for a dozen arrays of 40–80 MB. A SharedArrayBuffer's memory is not counted so (ten arrays of 80 MB
 * beside a 1.7 GB heap: 5.7 s as ArrayBuffers, none as SharedArrayBuffers). Its memory is freed, as an ArrayBuffer's,
 * when the array is collected; it reads and writes as any typed array, and goes to a worker by `workerData` shared, not
 * copied.
 *
 * Not for an array that a worker sends back in a transfer list (a SharedArrayBuffer cannot be transferred). Below
 * LARGE_ARRAY_BYTES, an array is made as usual.
 */
export const LARGE_ARRAY_BYTES = 1 << 20;

/** A zeroed buffer of `bytes`: a SharedArrayBuffer from LARGE_ARRAY_BYTES on, else an ArrayBuffer. */
export function largeBuffer(bytes: number): ArrayBufferLike {
  return bytes < LARGE_ARRAY_BYTES ? new ArrayBuffer(bytes) : new SharedArrayBuffer(bytes);
}

/** A zeroed Int32Array of `length` (a SharedArrayBuffer's when large). */
export function largeInt32Array(length: number): Int32Array {
  return new Int32Array(largeBuffer(length * 4));
}

/** A zeroed Float64Array of `length` (a SharedArrayBuffer's when large). */
export function largeFloat64Array(length: number): Float64Array {
  return new Float64Array(largeBuffer(length * 8));
}

/** A zeroed Uint8Array of `length` (a SharedArrayBuffer's when large). */
export function largeUint8Array(length: number): Uint8Array {
  return new Uint8Array(largeBuffer(length));
}

/** Items grouped by owner: owner o's items are `items[start[o]]` … `items[start[o + 1] - 1]`, in item order. */
export interface IndexLists {
  start: Int32Array;
  items: Int32Array;
}

/**
 * The positions 0 … owner.length - 1 grouped by `owner[i]` (a number from 0 to `owners - 1`; negative: the item has
 * none and is left out), each owner's in position order: a stable counting sort, two passes. `int32` makes the arrays
 * (a pool's lent ones, for lists that are not kept).
 */
export function indexLists(owner: ArrayLike<number>, owners: number, int32: (length: number) => Int32Array = largeInt32Array): IndexLists {
  const start = int32(owners + 1);
  for (let i = 0; i < owner.length; i++) if (owner[i] >= 0) start[owner[i] + 1]++;
  for (let o = 0; o < owners; o++) start[o + 1] += start[o];
  const fill = int32(owners);
  fill.set(start.subarray(0, owners));
  const items = int32(start[owners]);
  for (let i = 0; i < owner.length; i++) if (owner[i] >= 0) items[fill[owner[i]]++] = i;
  return { start, items };
}
