/**
 * Interning of the cells of a CSV file straight from its bytes: a column whose cells repeat (a code, a kind, a date,
 * an entity id named by a tie) gives one JavaScript string per distinct text instead of one per cell.
 *
 * Why it matters at a million rows: every fresh string must be hashed again before a Map can look it up, and it is
 * garbage a moment later. A string given out by an interner is the very one that was seen before: its hash is kept
 * in it, a Map that holds it as a key finds it by identity, and no new string is made. The text is always the same
 * as `latin1Slice` (or `toString('utf8')`) of the bytes would give: only which string object carries it changes.
 */

/** Node's Buffer decodes bytes known to be ASCII fastest as Latin-1 (the same text). */
type LatinSlicing = Buffer & { latin1Slice(start: number, end: number): string };

/** FNV-1a offset basis and prime (32 bits). */
const OFFSET = 0x811c9dc5;
const PRIME = 0x01000193;

/**
 * A table from bytes to the string they spell, for ASCII cells only (every byte below 0x80, so that one byte is one
 * UTF-16 code unit and the bytes can be compared with the string's char codes). Open addressing over typed arrays.
 */
export class ByteInterner {
  /**
   * Two numbers per slot: the entry index + 1 (0: empty), then the entry's hash. Side by side, a probe reads the entry
   * and its hash from one cache line: with a hundred thousand ids in the table, a second array for the hashes cost a
   * second miss of the cache for nearly every cell.
   */
  private slots: Int32Array;
  /** Entry → its hash (for growing the table). */
  private hashes: Int32Array;
  private readonly strings: string[] = [];
  private mask: number;

  /** @param limit the most distinct texts kept; beyond it, new texts are made as usual but not kept. */
  constructor(readonly limit: number = Infinity) {
    this.slots = new Int32Array(2 * 1024);
    this.hashes = new Int32Array(512);
    this.mask = 1023;
  }

  /**
   * The entry (0, 1, 2 … in the order kept) of the text `bytes` or `add` gave last, or -1 when it is not kept: the
   * caller may keep something per entry (an array by entry) and find it without a lookup.
   */
  lastEntry = -1;

  /** How many distinct texts are kept. */
  get size(): number {
    return this.strings.length;
  }

  /**
   * The string of bytes `start` to `end` of `bytes`, all of them ASCII: the one kept for that text, or else a new one
   * (not kept: `add` keeps a text).
   */
  bytes(bytes: Buffer, start: number, end: number): string {
    let h = OFFSET | 0;
    for (let k = start; k < end; k++) h = Math.imul(h ^ bytes[k], PRIME);
    const mask = this.mask;
    const slots = this.slots;
    const len = end - start;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[2 * slot];
      if (entry === 0) break;
      if (slots[2 * slot + 1] !== h) continue;
      const s = this.strings[entry - 1];
      if (s.length !== len) continue;
      let same = true;
      for (let k = 0; k < len; k++) {
        if (s.charCodeAt(k) !== bytes[start + k]) {
          same = false;
          break;
        }
      }
      if (same) {
        this.lastEntry = entry - 1;
        return s;
      }
    }
    this.lastEntry = -1;
    return (bytes as LatinSlicing).latin1Slice(start, end);
  }

  /**
   * Keeps `text` (when it is ASCII, not kept yet, and there is room), so that the same bytes met later give this very
   * string. Returns the string kept for its text: `text`, or the one kept before it.
   */
  add(text: string): string {
    let h = OFFSET | 0;
    for (let k = 0; k < text.length; k++) {
      const c = text.charCodeAt(k);
      if (c >= 0x80) {
        this.lastEntry = -1;
        return text;
      }
      h = Math.imul(h ^ c, PRIME);
    }
    const mask = this.mask;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[2 * slot];
      if (entry === 0) break;
      if (this.slots[2 * slot + 1] === h && this.strings[entry - 1] === text) {
        this.lastEntry = entry - 1;
        return this.strings[entry - 1];
      }
    }
    this.lastEntry = this.insert(text, h);
    return text;
  }

  /** Keeps `text` (hash `h`): its entry, or -1 when the table is full. */
  private insert(text: string, h: number): number {
    if (this.strings.length >= this.limit) return -1;
    const index = this.strings.length;
    this.strings.push(text);
    if (index >= this.hashes.length) {
      const grown = new Int32Array(this.hashes.length * 2);
      grown.set(this.hashes);
      this.hashes = grown;
    }
    this.hashes[index] = h;
    // At most half full: probes stay short.
    if (this.strings.length * 2 > this.mask + 1) this.rehash((this.mask + 1) * 2);
    else this.place(index, h);
    return index;
  }

  private place(index: number, h: number): void {
    const mask = this.mask;
    let slot = h & mask;
    while (this.slots[2 * slot] !== 0) slot = (slot + 1) & mask;
    this.slots[2 * slot] = index + 1;
    this.slots[2 * slot + 1] = h;
  }

  private rehash(size: number): void {
    this.slots = new Int32Array(2 * size);
    this.mask = size - 1;
    for (let i = 0; i < this.strings.length; i++) this.place(i, this.hashes[i]);
  }
}
