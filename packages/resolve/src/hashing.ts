/** Number tools of the blocking and the bounds: a growing list of numbers, and hashes of strings with a letter left out. */

/** Hashes are below 2^29. */
export const HASH_BITS = 2 ** 29;
const B = 0x01000193;

/**
 * A growing list of numbers (keys, coded pairs). `capacity`: how many are expected, when known (each growth is a new
 * typed array, and at a million entities every 64 MB of new typed arrays starts collection work over the heap).
 */
export class Numbers {
  values: Float64Array;
  size = 0;
  constructor(capacity = 1024) {
    this.values = new Float64Array(Math.max(16, capacity));
  }
  push(x: number): void {
    if (this.size === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.size++] = x;
  }
  sorted(): Float64Array {
    return this.values.subarray(0, this.size).sort();
  }
}

/** Hashes of the starts of the string being hashed (kept between calls, which `out` must not make). */
let prefixes = new Int32Array(64);

function finish(h: number, length: number, space: number): number {
  let f = Math.imul(h ^ Math.imul(length + 1, 0x9e3779b1) ^ Math.imul(space + 1, 0x85ebca6b), 0x27d4eb2d);
  f ^= f >>> 15;
  f = Math.imul(f, 0x2c1b3c6d);
  f ^= f >>> 12;
  return (f >>> 0) % HASH_BITS;
}

/**
 * Calls `out` with the hash of `s` (in `space`) and, with `deletions`, the hashes of `s` with one letter left out.
 * Equal strings have equal hashes; two strings can share a hash without being equal (that only costs a question).
 */
export function hashes(s: string, space: number, deletions: boolean, out: (hash: number) => void): void {
  const n = s.length;
  if (prefixes.length < n + 1) prefixes = new Int32Array(2 * n + 2);
  const prefix = prefixes;
  for (let i = 0; i < n; i++) prefix[i + 1] = (Math.imul(prefix[i], B) + s.charCodeAt(i)) | 0;
  out(finish(prefix[n], n, space));
  if (!deletions) return;
  // Without letter i: prefix[i] · B^(n-1-i) + hash of s[i+1..n) = (prefix[i] - prefix[i+1]) · B^(n-1-i) + prefix[n].
  let power = 1;
  for (let i = n - 1; i >= 0; i--) {
    out(finish((Math.imul(prefix[i] - prefix[i + 1], power) + prefix[n]) | 0, n - 1, space));
    power = Math.imul(power, B);
  }
}


/**
 * A hash and an id (below `count`) in one double, ordered by hash, then id: `hash · span + id`, exact
 * below 2^53. Hashes are cut to fit when there are more than 2^24 ids (more hashes shared: only more
 * questions asked).
 */
export class HashIds {
  readonly span: number;
  /** Hashes are taken modulo this. */
  readonly hashes: number;
  constructor(count: number) {
    this.span = 2 ** Math.max(1, Math.ceil(Math.log2(count + 1)));
    this.hashes = Math.min(HASH_BITS, Math.floor(2 ** 53 / this.span));
  }
  reduce(hash: number): number {
    return hash % this.hashes;
  }
  code(hash: number, id: number): number {
    return (hash % this.hashes) * this.span + id;
  }
  hash(code: number): number {
    return Math.floor(code / this.span);
  }
  id(code: number): number {
    return code % this.span;
  }
}
