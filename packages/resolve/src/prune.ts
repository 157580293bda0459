import { skeleton, wordSkeleton } from './fold';
import { HashIds, hashes, Numbers } from './hashing';
import { EVIDENCE, type Prepared } from './score';
import { tokenSimilarity, tokenWeight } from './similarity';
import { singularForms } from './words';

/*
 * Which candidate pairs can reach a score threshold, decided without scoring them.
 *
 * A block of a common first word (`Sissoy Firat Import Export`, `Sissoy Chemicals`, …) holds hundreds of
 * names that share that word and little else; scoring every pair of every block is most of the work of
 * resolution on a large bundle. `upperBound` gives, cheaply, a number the pair's score cannot exceed; a pair
 * whose bound is below the threshold is not scored, because it could be neither merged nor listed for
 * review. The pairs that remain are scored by `scorePrepared` exactly as before: the bound only decides
 * which pairs to skip, never a score, a merge or its reasons.
 *
 * Why the bound holds (see `compareNames` and `scorePrepared`):
 *
 * - The name similarity is 1 (same words), 0.98 (same words in another order) or 0.4 × a Jaro-Winkler
 *   similarity (at most 1) + 0.6 × the weighted overlap of the words.
 * - The overlap pairs each word with at most one word of the other name; a pair of words counts its
 *   similarity times the lighter of the two weights; the total is divided by the mean weight of the names.
 *   So the total cannot exceed the sum, over the words of one name, of the best that word could count with
 *   any word of the other name; nor the same sum taken over the other name. With the smaller of the two
 *   sums, the bound is 0.4 + 0.6 × 2 × sum / (weight of one name + weight of the other); it is 1 for two
 *   names of the same words, in any order.
 * - That holds when no words are joined (`agro chemicals` / `agrochemical`). Words are joined only when
 *   two or three neighbouring words written together are alike a word of the other name; when that can
 *   happen for a pair, its name bound is 1 (it is scored).
 * - The other evidence (registration number, phone, city, country, person) is added exactly as the scorer
 *   adds it; a shared address is assumed (+0.08) whenever both records have one.
 *
 * Two words are alike (`tokenSimilarity` above 0) only in one of these cases: one is the plural of the
 * other (they share a singular form, which keeps the first two letters of both); the same skeleton; one
 * letter apart, in letters or in skeletons (of the words or of their singular forms). Two strings of 3 or
 * more letters one letter apart (one left out, added, changed, or two neighbouring letters swapped) always
 * share one of the letter pairs first+second, second+third, first+third (unordered by position: `xabc` /
 * `abc` share `ab`). So each word gets those three letter pairs of itself (raw) and of the skeletons of it
 * and of its singular forms (skeleton); two words with no pair in common are not alike, and
 * `tokenSimilarity` is asked (and its answer kept) only for words that have one. Words too short for three
 * letters are always asked.
 */

/**
 * The keys of the words are found through a directory of ranges of hashes (about one range per key, at most
 * 2^20), after a filter of a bit per hash modulo its size (about 8 bits per key, at most 2^24).
 */
const DIRECTORY = 2 ** 20;
const FILTER = 2 ** 24;

/**
 * The keys of a word: two words that `tokenSimilarity` finds alike always share one (see the top of this
 * file): its singular forms (itself included), its skeleton, and for words of 5 letters or more, the word
 * and the skeletons of it and of its singular forms of 5 letters or more, each also with one letter left out.
 */
function wordKeys(word: string, skeletonOf: (w: string) => string, out: (hash: number) => void): void {
  const forms = singularForms(word);
  for (const f of forms) hashes(f, 0, false, out);
  const long = word.length >= 5;
  hashes(skeletonOf(word), 1, long, out);
  if (!long) return;
  hashes(word, 2, true, out);
  for (const f of forms) if (f !== word && f.length >= 5) hashes(wordSkeleton(f), 1, true, out);
}

const DIGIT = /\d/;

/** Words of this length and longer are counted together by `blockPairs`. */
const LONGEST = 64;

/**
 * The words of the names, each once, and which of them may be alike (share a key of `wordKeys`); the words
 * that runs of neighbouring words make written together (`joined`), and the words they may be alike.
 */
class Words {
  private readonly ids = new Map<string, number>();
  readonly text: string[] = [];
  readonly weight: number[] = [];
  readonly digits: boolean[] = [];
  /** The length of each word (read often: kept apart from the text). */
  readonly length: number[] = [];
  /** Hash and word id (`codes`) of every key of every word, sorted. */
  private keys = new Float64Array(0);
  private codes = new HashIds(1);
  /** `keys[directory[r]] …` are the keys of the hashes of range r (of `rangeWidth` hashes). */
  private directory = new Int32Array(2);
  private rangeWidth = 1;
  /** A bit per hash modulo `filterBits`: set when a key of a word has it. */
  private filter = new Int32Array(1);
  private filterBits = 32;
  /** The words each word may be alike: `links[from[x]] … links[from[x + 1] - 1]`, ascending. */
  from = new Int32Array(1);
  links = new Int32Array(0);
  /** Joined words: their text, and the words each may be alike (computed when first asked). */
  private readonly joinedIds = new Map<string, number>();
  private readonly joinedText: string[] = [];
  /** The words joined word j may be alike: `joinedLinks[joinedFrom[j]] …`, `joinedCount[j]` of them (-1: not yet computed). */
  readonly joinedFrom: number[] = [];
  readonly joinedCount: number[] = [];
  joinedLinks = new Int32Array(1024);
  private joinedSize = 0;
  /** Answers of `tokenSimilarity`, by word ids and `plurals`. */
  private readonly answers = new Map<number, number>();

  id(word: string): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      id = this.text.length;
      this.ids.set(word, id);
      this.text.push(word);
      this.weight.push(tokenWeight(word));
      this.digits.push(DIGIT.test(word));
      this.length.push(word.length);
    }
    return id;
  }

  joinedId(word: string): number {
    let id = this.joinedIds.get(word);
    if (id === undefined) {
      id = this.joinedText.length;
      this.joinedIds.set(word, id);
      this.joinedText.push(word);
      this.joinedFrom.push(0);
      this.joinedCount.push(-1);
    }
    return id;
  }

  /** Indexes the words (after every word has an id); with `used`, only the words it marks (1). */
  index(used?: Uint8Array): void {
    const count = this.text.length;
    const codes = (this.codes = new HashIds(count));
    const list = new Numbers();
    for (let id = 0; id < count; id++) {
      const word = this.text[id];
      if (this.digits[id] || (used !== undefined && used[id] !== 1)) continue; // alike only to itself, or never asked
      wordKeys(word, skeleton, (h) => list.push(codes.code(h, id)));
    }
    const keys = (this.keys = list.sorted());
    const ranges = Math.min(DIRECTORY, 2 ** Math.ceil(Math.log2(keys.length + 2)));
    this.directory = new Int32Array(ranges + 1);
    this.rangeWidth = Math.ceil(codes.hashes / ranges);
    let at = 0;
    for (let r = 0; r <= ranges; r++) {
      while (at < keys.length && codes.hash(keys[at]) < r * this.rangeWidth) at++;
      this.directory[r] = at;
    }
    this.filterBits = Math.min(FILTER, 2 ** Math.ceil(Math.log2(8 * keys.length + 32)));
    this.filter = new Int32Array(this.filterBits / 32);
    for (let k = 0; k < keys.length; k++) {
      const bit = codes.hash(keys[k]) % this.filterBits;
      this.filter[bit >>> 5] |= 1 << (bit & 31);
    }
    // Words sharing a key: every pair of the words of each hash.
    const pairs = new Numbers();
    const run: number[] = [];
    const flush = (): void => {
      for (let x = 0; x < run.length; x++) {
        for (let y = 0; y < run.length; y++) if (run[x] !== run[y]) pairs.push(run[x] * count + run[y]);
      }
      run.length = 0;
    };
    let hash = -1;
    for (let k = 0; k < keys.length; k++) {
      const h = codes.hash(keys[k]);
      if (h !== hash) {
        flush();
        hash = h;
      }
      const id = codes.id(keys[k]);
      if (run[run.length - 1] !== id) run.push(id);
    }
    flush();
    const sorted = pairs.sorted();
    const links: number[] = [];
    this.from = new Int32Array(count + 1);
    for (let k = 0; k < sorted.length; k++) {
      if (k > 0 && sorted[k] === sorted[k - 1]) continue;
      const x = Math.floor(sorted[k] / count);
      links.push(sorted[k] - x * count);
      this.from[x + 1]++;
    }
    for (let x = 0; x < count; x++) this.from[x + 1] += this.from[x];
    this.links = Int32Array.from(links);
  }

  /** `tokenSimilarity` of two words by id (0, without asking, when they share no key). */
  similarity(x: number, y: number, plurals: boolean): number {
    if (x === y) return 1;
    let linked = false;
    for (let k = this.from[x]; k < this.from[x + 1]; k++) {
      if (this.links[k] === y) {
        linked = true;
        break;
      }
    }
    if (!linked) return 0;
    return this.ask(this.text[x], this.text[y], (x * this.text.length + y) * 2 + (plurals ? 1 : 0), plurals);
  }

  private ask(a: string, b: string, key: number, plurals: boolean): number {
    let s = this.answers.get(key);
    if (s === undefined) {
      s = tokenSimilarity(a, b, { plurals });
      this.answers.set(key, s);
    }
    return s;
  }

  /** Computes the words joined word j may be alike: words sharing one of its keys, their lengths at most 3 apart. */
  linkJoined(j: number): void {
    const word = this.joinedText[j];
    const start = this.joinedSize;
    const { keys, codes, directory, filter, rangeWidth, filterBits } = this;
    wordKeys(word, wordSkeleton, (hash) => {
      const h = codes.reduce(hash);
      const bit = h % filterBits;
      if ((filter[bit >>> 5] & (1 << (bit & 31))) === 0) return;
      const r = Math.floor(h / rangeWidth);
      for (let k = directory[r]; k < directory[r + 1]; k++) {
        if (codes.hash(keys[k]) !== h) continue;
        const id = codes.id(keys[k]);
        if (Math.abs(this.length[id] - word.length) > 3) continue;
        let seen = false;
        for (let m = start; m < this.joinedSize; m++) if (this.joinedLinks[m] === id) seen = true;
        if (seen) continue;
        if (this.joinedSize === this.joinedLinks.length) {
          const grown = new Int32Array(this.joinedLinks.length * 2);
          grown.set(this.joinedLinks);
          this.joinedLinks = grown;
        }
        this.joinedLinks[this.joinedSize++] = id;
      }
    });
    this.joinedFrom[j] = start;
    this.joinedCount[j] = this.joinedSize - start;
  }

  /**
   * True when the joined word `j` is alike (`tokenSimilarity` at least 0.9) a word of `others` that is not
   * one of `words[start … end - 1]` (the words it is joined from), as `joinCompounds` asks.
   */
  joinedAlike(j: number, words: number[], others: number[], start: number, end: number, plurals: boolean): boolean {
    const text = this.joinedText[j];
    if (this.joinedCount[j] < 0) this.linkJoined(j);
    for (let l = this.joinedFrom[j]; l < this.joinedFrom[j] + this.joinedCount[j]; l++) {
      const q = this.joinedLinks[l];
      if (!others.includes(q)) continue;
      let inRun = false;
      for (let k = start; k < end; k++) if (words[k] === q) inRun = true;
      if (inRun) continue;
      // Joined words are asked under negative keys, apart from pairs of words.
      if (this.ask(text, this.text[q], -((j * this.text.length + q) * 2 + (plurals ? 1 : 0)) - 1, plurals) >= 0.9) return true;
    }
    return false;
  }
}

/** A name as word ids, its weight, and the runs of 2 or 3 neighbouring words that may be written together. */
interface Name {
  ids: number[];
  weight: number;
  /**
   * Quadruples: id of the joined word (-1 until it is first needed: `joinedId`), index of its first word, number of
   * words, length of the joined word.
   */
  joined: number[];
}

/** The words of the names of a bundle, numbered once (`words`), and the words of each name by number (`ids`). */
export class Vocabulary {
  readonly words = new Words();
  readonly ids: number[][];
  constructor(prepared: readonly Prepared[]) {
    this.ids = prepared.map((p) => p.tokens.map((t) => this.words.id(t)));
  }
  /** The text of word w. */
  text(w: number): string {
    return this.words.text[w];
  }
}

/** The name of an entity `ScoreBounds` was not built for. */
const NOT_INDEXED: Name = { ids: [], weight: 0, joined: [] };

/**
 * Upper bounds of the scores of pairs of prepared entities (see the comment at the top of this file).
 * Built once for the entities of a bundle, then asked about any pair of them.
 */
export class ScoreBounds {
  private readonly words: Words;
  private readonly names: Name[];
  private readonly best: Float64Array;

  /**
   * With `only`, only the entities it marks (1) may be asked about (`only[x]`): the words of the others are not indexed
   * (entities that share no block with another are never compared); asking about them throws.
   */
  constructor(
    private readonly prepared: readonly Prepared[],
    private readonly only?: Uint8Array,
    vocabulary: Vocabulary = new Vocabulary(prepared),
  ) {
    const words = (this.words = vocabulary.words);
    let longest = 0;
    const used = only === undefined ? undefined : new Uint8Array(words.text.length);
    this.names = prepared.map((p, x) => {
      if (only !== undefined && only[x] !== 1) return NOT_INDEXED;
      const ids = vocabulary.ids[x];
      longest = Math.max(longest, ids.length);
      let weight = 0;
      for (const t of ids) {
        weight += words.weight[t];
        if (used !== undefined) used[t] = 1;
      }
      // The runs `joinCompounds` may join: 3 or 2 neighbouring words without digits, 5 letters or more together.
      const joined: number[] = [];
      for (let i = 0; i < ids.length; i++) {
        for (let k = 3; k >= 2; k--) {
          if (i + k > ids.length) continue;
          let length = 0;
          let digits = false;
          for (let m = i; m < i + k; m++) {
            length += words.length[ids[m]];
            if (words.digits[ids[m]]) digits = true;
          }
          if (digits || length < 5) continue;
          joined.push(-1, i, k, length);
        }
      }
      return { ids, weight, joined };
    });
    words.index(used);
    this.best = new Float64Array(longest);
    const count = words.text.length;
    this.head = new Int32Array(count).fill(-1);
    this.df = new Int32Array(count);
    this.near = new Int32Array(count).fill(-1);
    this.most = Float64Array.from(prepared, mostOtherEvidence);
  }

  /** The most `otherEvidence` can add for entity x, whatever the other record (see `mostOtherEvidence`). */
  private readonly most: Float64Array;
  /** Scratch of `blockPairs`, by word id: first entry of its list of members (-1: none), members that have it, `nearCount` (-1: not yet). */
  private readonly head: Int32Array;
  private readonly df: Int32Array;
  private readonly near: Int32Array;
  /** Scratch of `blockPairs`, by entry: the member (index in the block) and the next entry of the same word. */
  private entryMember = new Int32Array(1024);
  private entryNext = new Int32Array(1024);
  /** Scratch of `blockPairs`, by member: the last probe that found it. */
  private found = new Int32Array(512);
  /** Scratch of `blockPairs`: words of the block by length (`LONGEST` and longer together). */
  private readonly lengths = new Int32Array(LONGEST + 1);
  private probe = 0;

  /** Members of the block that have word u or a word it may be alike (the members a probe from u meets, with repeats). */
  private nearCount(u: number): number {
    let c = this.near[u];
    if (c < 0) {
      const { from, links } = this.words;
      c = this.df[u];
      for (let k = from[u]; k < from[u + 1]; k++) c += this.df[links[k]];
      this.near[u] = c;
    }
    return c;
  }

  /**
   * Calls `emit(i, j)` (`i < j`, entity indexes) for the pairs of one block that may reach `threshold`: every pair
   * `mayReach` accepts is emitted (some it rejects may be too, some more than once), without going through every pair
   * of the block. `members` are entity indexes; with `sides`, only pairs of members of different sides (`across`) or
   * not both of side 0 (`!across`) belong to the block.
   *
   * Why no pair `mayReach` accepts is missed (a prefix filter; see the top of this file for the bounds):
   *
   * - A pair reaches through words written together (`mayJoin`) only when a joined word of one name is linked to a
   *   word of the other: the joined words of each member are looked up, and the members having a linked word emitted.
   * - Otherwise its bound is 0.4 + 1.2 × min(rows, columns) / (weight of a + weight of b), and it reaches only when that
   *   is at least `needed` = threshold − 0.001 − other evidence (at most `most` of a). The rows of a count only the
   *   words of a that have a word of b they may be alike (the same word or a linked one). So when no word of a outside
   *   a set F(a) of its words has one, rows ≤ weight of F(a), and the bound is below `needed` when weight of F(a) <
   *   (needed − 0.4) × (weight of a + weight of b) / 1.2. F(a) is taken from the words of a met most in the block
   *   (the block's own word: `hatice` in a block of 260 `Hatice …`), as many as keep its weight below that, with the
   *   lightest other name of the block for b. Each member is then probed through the words outside F(a) only: a pair
   *   that reaches is met from both of its members, so it is emitted from the first.
   * - A name without words has the bound 0; a member whose `needed` may be 0.4 or less (a low threshold, much other
   *   evidence) may reach any member: both are paired with every member.
   */
  blockPairs(members: ArrayLike<number>, sides: Uint8Array | undefined, across: boolean, threshold: number, emit: (i: number, j: number) => void): void {
    const n = members.length;
    if (n < 2) return;
    const words = this.words;
    const { head, df, near } = this;
    const allowed = (k: number, l: number): boolean => sides === undefined || (across ? sides[k] !== sides[l] : (sides[k] | sides[l]) !== 0);
    let total = 0;
    for (let k = 0; k < n; k++) total += this.name(members[k]).ids.length;
    if (this.entryMember.length < total) {
      this.entryMember = new Int32Array(2 * total);
      this.entryNext = new Int32Array(2 * total);
    }
    if (this.found.length < n) this.found = new Int32Array(2 * n);
    const { entryMember, entryNext, found } = this;
    found.fill(0, 0, n);
    this.probe = 0;
    // The lists of members by word, and the lightest name.
    let lightest = Infinity;
    let e = 0;
    const lengths = this.lengths.fill(0);
    for (let k = 0; k < n; k++) {
      const name = this.names[members[k]];
      if (name.ids.length > 0 && name.weight < lightest) lightest = name.weight;
      for (const u of name.ids) {
        lengths[Math.min(words.length[u], LONGEST)]++;
        entryMember[e] = k;
        entryNext[e] = head[u];
        head[u] = e++;
        df[u]++;
      }
    }
    const pair = (k: number, l: number): void => {
      const i = members[k];
      const j = members[l];
      if (i < j) emit(i, j);
      else if (j < i) emit(j, i);
    };
    const all = (k: number): void => {
      for (let l = 0; l < n; l++) if (l !== k && allowed(k, l)) pair(k, l);
    };
    /** Emits the members having word u not yet found by this probe (`later`: only those after k). */
    const meet = (k: number, u: number, later: boolean): void => {
      for (let x = head[u]; x >= 0; x = entryNext[x]) {
        const l = entryMember[x];
        if (found[l] === this.probe || l === k || (later && l < k) || !allowed(k, l)) continue;
        found[l] = this.probe;
        pair(k, l);
      }
    };
    const { from, links } = words;
    for (let k = 0; k < n; k++) {
      const x = members[k];
      const name = this.names[x];
      this.probe++;
      // `needed` is at least this + 0.4 (a margin of 1e-9 against rounding).
      const beyond = threshold - 0.001 - this.most[x] - 0.4 - 1e-9;
      if (name.ids.length === 0) {
        if (beyond + 0.4 <= 0) all(k);
        continue;
      }
      if (beyond <= 0) {
        all(k);
        continue;
      }
      const ids = name.ids;
      // Joined words: the members having a word one may be alike (only words at most 3 letters longer or shorter
      // are: when the block has none but the name's own, its links need not be made).
      if (name.joined.length > 0) for (const u of ids) lengths[Math.min(words.length[u], LONGEST)]--;
      for (let c = 0; c < name.joined.length; c += 4) {
        const length = name.joined[c + 3];
        let near = 0;
        for (let l = Math.min(Math.max(0, length - 3), LONGEST); l <= Math.min(length + 3, LONGEST); l++) near += lengths[l];
        if (near === 0) continue;
        const j = this.joinedId(name, c);
        if (words.joinedCount[j] < 0) words.linkJoined(j);
        const start = words.joinedFrom[j];
        const end = start + words.joinedCount[j];
        for (let m = start; m < end; m++) meet(k, words.joinedLinks[m], false);
      }
      if (name.joined.length > 0) for (const u of ids) lengths[Math.min(words.length[u], LONGEST)]++;
      // F(a): the words met most, while their weight stays below the budget; the other words are probed.
      const budget = (beyond * (name.weight + lightest)) / 1.2 - 1e-9;
      let skipped = 0;
      let inF = 0; // bit p: word p of the name is in F (names of more than 31 words: only the first 31 may be)
      const size = Math.min(ids.length, 31);
      for (;;) {
        // The word outside F met most, that still fits.
        let best = -1;
        let bestCount = -1;
        for (let p = 0; p < size; p++) {
          if (inF & (1 << p)) continue;
          const w = words.weight[ids[p]];
          if (skipped + w >= budget) continue;
          const c = this.nearCount(ids[p]);
          if (c > bestCount) {
            best = p;
            bestCount = c;
          }
        }
        if (best < 0) break;
        inF |= 1 << best;
        skipped += words.weight[ids[best]];
      }
      for (let p = 0; p < ids.length; p++) {
        if (p < 31 && inF & (1 << p)) continue;
        const u = ids[p];
        meet(k, u, true);
        for (let m = from[u]; m < from[u + 1]; m++) meet(k, links[m], true);
      }
    }
    for (let k = 0; k < n; k++) {
      for (const u of this.names[members[k]].ids) {
        head[u] = -1;
        df[u] = 0;
        near[u] = -1;
      }
    }
  }

  /** The id of the joined word at `c` of `name.joined` (the word is written, and numbered, when first needed). */
  private joinedId(name: Name, c: number): number {
    let j = name.joined[c];
    if (j < 0) {
      let word = '';
      for (let m = name.joined[c + 1]; m < name.joined[c + 1] + name.joined[c + 2]; m++) word += this.words.text[name.ids[m]];
      name.joined[c] = j = this.words.joinedId(word);
    }
    return j;
  }

  /** True when a run of words of `a` written together may be alike a word of `b` (then `a`'s words would be joined). */
  private mayJoin(a: Name, b: Name, plurals: boolean): boolean {
    const w = this.words;
    for (let c = 0; c < a.joined.length; c += 4) {
      // A joined word is only ever alike words of b at most 3 letters longer or shorter (see linkJoined): when b has
      // none, its links need not be made.
      const length = a.joined[c + 3];
      let near = false;
      for (let i = 0; i < b.ids.length && !near; i++) near = Math.abs(w.length[b.ids[i]] - length) <= 3;
      if (!near) continue;
      const start = a.joined[c + 1];
      if (this.words.joinedAlike(this.joinedId(a, c), a.ids, b.ids, start, start + a.joined[c + 2], plurals)) return true;
    }
    return false;
  }

  /**
   * An upper bound of the overlap part of the name similarity when no words are joined: 0.4 + 0.6 × the
   * bound of the weighted overlap (the Jaro-Winkler part counted as 1).
   */
  private unjoinedBound(a: Name, b: Name, plurals: boolean): number {
    const w = this.words;
    const best = this.best;
    best.fill(0, 0, b.ids.length);
    let rows = 0;
    for (let i = 0; i < a.ids.length; i++) {
      const ti = a.ids[i];
      let row = 0;
      for (let j = 0; j < b.ids.length; j++) {
        const tj = b.ids[j];
        const s = w.similarity(ti, tj, plurals);
        if (s === 0) continue;
        const v = s * Math.min(w.weight[ti], w.weight[tj]);
        if (v > row) row = v;
        if (v > best[j]) best[j] = v;
      }
      rows += row;
    }
    let columns = 0;
    for (let j = 0; j < b.ids.length; j++) columns += best[j];
    return 0.4 + (0.6 * 2 * Math.min(rows, columns)) / (a.weight + b.weight);
  }

  /** The name of entity x, as word ids (throws for an entity the bounds were not built for). */
  private name(x: number): Name {
    const name = this.names[x];
    if (name === NOT_INDEXED) throw new Error(`ScoreBounds: entity ${x} is not indexed`);
    return name;
  }

  /** An upper bound of the name similarity (`compareNames`) of entities `x` and `y`. */
  nameBound(x: number, y: number): number {
    const a = this.name(x);
    const b = this.name(y);
    if (a.ids.length === 0 || b.ids.length === 0) return 0;
    const plurals = this.prepared[x].entity.kind !== 'person';
    if (this.mayJoin(a, b, plurals) || this.mayJoin(b, a, plurals)) return 1;
    return this.unjoinedBound(a, b, plurals);
  }

  /** An upper bound of `scorePrepared(prepared[x], prepared[y]).score` (before it is cut to [0, 1] and rounded). */
  upperBound(x: number, y: number): number {
    const a = this.prepared[x];
    const b = this.prepared[y];
    if (a.entity.kind !== b.entity.kind) return 0;
    return this.nameBound(x, y) + otherEvidence(a, b);
  }

  /**
   * False only when the pair cannot score `threshold` or more (scores are rounded to thousandths, so a
   * margin of 0.001 is kept). Cheapest test first: the other evidence, then the words, then words joined.
   */
  mayReach(x: number, y: number, threshold: number): boolean {
    if (threshold <= 0.01) return true;
    const p = this.prepared[x];
    const q = this.prepared[y];
    if (p.entity.kind !== q.entity.kind) return false;
    const needed = threshold - 0.001 - otherEvidence(p, q);
    if (needed > 1) return false;
    const a = this.name(x);
    const b = this.name(y);
    if (a.ids.length === 0 || b.ids.length === 0) return needed <= 0;
    const plurals = p.entity.kind !== 'person';
    return this.unjoinedBound(a, b, plurals) >= needed || this.mayJoin(a, b, plurals) || this.mayJoin(b, a, plurals);
  }
}

/** The most `otherEvidence(a, b)` can be, whatever b: each piece of evidence a has counted at its best. */
function mostOtherEvidence(a: Prepared): number {
  let score = 0;
  if (a.registration) score += EVIDENCE.sameRegistration;
  if (a.phone) score += EVIDENCE.samePhone;
  if (a.address) score += EVIDENCE.sameAddress;
  if (a.city) score += EVIDENCE.sameCity;
  if (a.entity.kind === 'person') score += EVIDENCE.person;
  return score;
}

/**
 * What the scorer adds to the name similarity for the other evidence; a shared address assumed where both have one.
 * Names that each carry a number the other lacks count as the scorer counts them (`EVIDENCE.differentNumbers`): a
 * register of numbered companies (`Ural Trading 17 LLC`, `Ural Trading 245 LLC`) had a million and a half such pairs
 * scored, none of them reaching review.
 */
function otherEvidence(a: Prepared, b: Prepared): number {
  let score = 0;
  const sameRegistration = a.registration !== undefined && a.registration === b.registration;
  if (!sameRegistration && a.numbers.some((n) => !b.numbers.includes(n)) && b.numbers.some((n) => !a.numbers.includes(n))) score += EVIDENCE.differentNumbers;
  if (a.registration && b.registration) score += a.registration === b.registration ? EVIDENCE.sameRegistration : EVIDENCE.differentRegistration;
  if (a.phone && b.phone && a.phone === b.phone) score += EVIDENCE.samePhone;
  if (a.address && b.address) score += EVIDENCE.sameAddress;
  if (a.country && b.country && a.country !== b.country) score += EVIDENCE.differentCountry;
  if (a.city && b.city) score += a.city === b.city ? EVIDENCE.sameCity : EVIDENCE.differentCity;
  if (a.entity.kind === 'person') score += EVIDENCE.person;
  return score;
}
