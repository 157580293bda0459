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

/** A zeroed Int32Array of `length` (a SharedArrayBuffer's when large). */
export function largeInt32Array(length: number): Int32Array {
  return length * 4 < LARGE_ARRAY_BYTES ? new Int32Array(length) : new Int32Array(new SharedArrayBuffer(length * 4));
}

/** A zeroed Float64Array of `length` (a SharedArrayBuffer's when large). */
export function largeFloat64Array(length: number): Float64Array {
  return length * 8 < LARGE_ARRAY_BYTES ? new Float64Array(length) : new Float64Array(new SharedArrayBuffer(length * 8));
}

/** A zeroed Uint8Array of `length` (a SharedArrayBuffer's when large). */
export function largeUint8Array(length: number): Uint8Array {
  return length < LARGE_ARRAY_BYTES ? new Uint8Array(length) : new Uint8Array(new SharedArrayBuffer(length));
}
