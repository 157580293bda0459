/**
 * A table of ids (strings) to whole numbers, for the checks a reader makes on every row of a large file: is this id one
 * of the entities, was it used before in this file (and on which line).
 *
 * Why not a Map: at a million entities and six million shipments, a `Map<string, …>` lookup cost about 2 µs in the
 * reader (15.8 s for the entity ids of 8 million references, 8.1 s for the ids of 6 million shipments; docs/
 * performance.md, "Where reading and resolution spend their time at 1M"): its buckets, its chained entries and each
 * key compared are in different places of a heap of several gigabytes, a cache miss each. Here one probe reads one
 * slot of a typed array holding the entry and its hash side by side; the key itself is read only when the 32-bit
 * hashes agree (the same id, or rarely another: then the keys are compared, so a lookup is always exact). `getOrAdd`
 * looks up and inserts with one probe where a Map needs a `get` and a `set`. Where the strings looked up are the very
 * ones the table holds (as in the engine's check of a bundle already read), a Map is as fast: it then compares keys by
 * identity, and hashing a string reads it as much as comparing it does (tried: 10.4 s and 10.7 s at 1M).
 */

/** FNV-1a offset basis and prime (32 bits). */
const OFFSET = 0x811c9dc5;
const PRIME = 0x01000193;

/** The FNV-1a hash of a string's UTF-16 code units (any text: ids need not be ASCII). */
function hashOf(key: string): number {
  let h = OFFSET | 0;
  for (let k = 0; k < key.length; k++) h = Math.imul(h ^ key.charCodeAt(k), PRIME);
  return h;
}

export class IdTable implements Iterable<[string, number]> {
  /** By slot: entry + 1 (0: empty), then the entry's hash. */
  private slots = new Int32Array(2048);
  private mask = 1023;
  private readonly keys: string[] = [];
  private values = new Int32Array(512);

  /** How many ids the table holds. */
  get size(): number {
    return this.keys.length;
  }

  /** The entry of `key` (its hash `h`), or -1 - the free slot where it would go. */
  private probe(key: string, h: number): number {
    const slots = this.slots;
    const mask = this.mask;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[2 * slot];
      if (entry === 0) return -1 - slot;
      if (slots[2 * slot + 1] === h && this.keys[entry - 1] === key) return entry - 1;
    }
  }

  /** Whether the table holds `key`. */
  has(key: string): boolean {
    return this.probe(key, hashOf(key)) >= 0;
  }

  /** The number kept for `key`, or undefined. */
  get(key: string): number | undefined {
    const entry = this.probe(key, hashOf(key));
    return entry < 0 ? undefined : this.values[entry];
  }

  /** The key as the table holds it (the string first added), or undefined: a reference can share that one string. */
  keyOf(key: string): string | undefined {
    const entry = this.probe(key, hashOf(key));
    return entry < 0 ? undefined : this.keys[entry];
  }

  /**
   * Adds `key` with `value` (a whole number of 32 bits) when it is not there yet; returns the number kept before for
   * it, or undefined when it was added.
   */
  getOrAdd(key: string, value: number): number | undefined {
    const h = hashOf(key);
    let at = this.probe(key, h);
    if (at >= 0) return this.values[at];
    const index = this.keys.length;
    // At most half full: probes stay short.
    if ((index + 1) * 2 > this.mask + 1) {
      this.grow();
      at = this.probe(key, h);
    }
    const slot = -1 - at;
    this.keys.push(key);
    if (index >= this.values.length) {
      const grown = new Int32Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[index] = value;
    this.slots[2 * slot] = index + 1;
    this.slots[2 * slot + 1] = h;
    return undefined;
  }

  /** The ids and their numbers, in the order added (as a Map iterates). */
  *[Symbol.iterator](): IterableIterator<[string, number]> {
    for (let i = 0; i < this.keys.length; i++) yield [this.keys[i], this.values[i]];
  }

  /**
   * Makes room for `count` ids in all (a file's rows, estimated from its size): the slots are made once at the size
   * they would grow to, instead of doubling again and again, each time placing every id again (at six million ids,
   * 3 s of cache misses). Fewer ids than that may be added, or more (the table then grows as usual).
   */
  reserve(count: number): void {
    let size = this.mask + 1;
    while (count * 2 > size) size *= 2;
    if (size > this.mask + 1) this.resize(size);
    if (count > this.values.length) {
      const grown = new Int32Array(count);
      grown.set(this.values);
      this.values = grown;
    }
  }

  /** Twice the slots, every entry placed again. */
  private grow(): void {
    this.resize(2 * (this.mask + 1));
  }

  /** `size` slots, every entry placed again. */
  private resize(size: number): void {
    const old = this.slots;
    const slots = (this.slots = new Int32Array(2 * size));
    const mask = (this.mask = size - 1);
    for (let s = 0; s < old.length; s += 2) {
      if (old[s] === 0) continue;
      let slot = old[s + 1] & mask;
      while (slots[2 * slot] !== 0) slot = (slot + 1) & mask;
      slots[2 * slot] = old[s];
      slots[2 * slot + 1] = old[s + 1];
    }
  }
}
