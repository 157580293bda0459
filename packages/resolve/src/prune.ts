import { computeSkeleton, skeleton } from './fold';
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
  for (const f of forms) if (f !== word && f.length >= 5) hashes(computeSkeleton(f), 1, true, out);
}

const DIGIT = /\d/;

/**
 * The words of the names, each once, and which of them may be alike (share a key of `wordKeys`); the words
 * that runs of neighbouring words make written together (`joined`), and the words they may be alike.
 */
class Words {
  private readonly ids = new Map<string, number>();
  readonly text: string[] = [];
  readonly weight: number[] = [];
  readonly digits: boolean[] = [];
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
  private from = new Int32Array(1);
  private links = new Int32Array(0);
  /** Joined words: their text, and the words each may be alike (computed when first asked). */
  private readonly joinedIds = new Map<string, number>();
  private readonly joinedText: string[] = [];
  /** The words joined word j may be alike: `joinedLinks[joinedFrom[j]] …`, `joinedCount[j]` of them (-1: not yet computed). */
  private joinedFrom = new Int32Array(0);
  private joinedCount = new Int32Array(0);
  private joinedLinks = new Int32Array(1024);
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
    }
    return id;
  }

  joinedId(word: string): number {
    let id = this.joinedIds.get(word);
    if (id === undefined) {
      id = this.joinedText.length;
      this.joinedIds.set(word, id);
      this.joinedText.push(word);
    }
    return id;
  }

  /** Indexes the words (after every word has an id). */
  index(): void {
    this.joinedFrom = new Int32Array(this.joinedText.length);
    this.joinedCount = new Int32Array(this.joinedText.length).fill(-1);
    const count = this.text.length;
    const codes = (this.codes = new HashIds(count));
    const list = new Numbers();
    for (let id = 0; id < count; id++) {
      const word = this.text[id];
      if (this.digits[id]) continue; // alike only to itself
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
  private linkJoined(j: number): void {
    const word = this.joinedText[j];
    const start = this.joinedSize;
    const { keys, codes, directory, filter, rangeWidth, filterBits } = this;
    wordKeys(word, computeSkeleton, (hash) => {
      const h = codes.reduce(hash);
      const bit = h % filterBits;
      if ((filter[bit >>> 5] & (1 << (bit & 31))) === 0) return;
      const r = Math.floor(h / rangeWidth);
      for (let k = directory[r]; k < directory[r + 1]; k++) {
        if (codes.hash(keys[k]) !== h) continue;
        const id = codes.id(keys[k]);
        if (Math.abs(this.text[id].length - word.length) > 3) continue;
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

  /** The length of joined word j. */
  joinedLength(j: number): number {
    return this.joinedText[j].length;
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
  /** Triples: id of the joined word, index of its first word, number of words. */
  joined: number[];
}

/**
 * Upper bounds of the scores of pairs of prepared entities (see the comment at the top of this file).
 * Built once for the entities of a bundle, then asked about any pair of them.
 */
export class ScoreBounds {
  private readonly words = new Words();
  private readonly names: Name[];
  private readonly best: Float64Array;

  constructor(private readonly prepared: readonly Prepared[]) {
    const words = this.words;
    let longest = 0;
    this.names = prepared.map((p) => {
      const tokens = p.tokens;
      longest = Math.max(longest, tokens.length);
      const ids = tokens.map((t) => words.id(t));
      let weight = 0;
      for (const t of ids) weight += words.weight[t];
      // The runs `joinCompounds` may join: 3 or 2 neighbouring words without digits, 5 letters or more together.
      const joined: number[] = [];
      for (let i = 0; i < tokens.length; i++) {
        for (let k = 3; k >= 2; k--) {
          if (i + k > tokens.length) continue;
          let word = '';
          let digits = false;
          for (let m = i; m < i + k; m++) {
            word += tokens[m];
            if (words.digits[ids[m]]) digits = true;
          }
          if (digits || word.length < 5) continue;
          joined.push(words.joinedId(word), i, k);
        }
      }
      return { ids, weight, joined };
    });
    words.index();
    this.best = new Float64Array(longest);
  }

  /** True when a run of words of `a` written together may be alike a word of `b` (then `a`'s words would be joined). */
  private mayJoin(a: Name, b: Name, plurals: boolean): boolean {
    const w = this.words;
    for (let c = 0; c < a.joined.length; c += 3) {
      // A joined word is only ever alike words of b at most 3 letters longer or shorter (see linkJoined): when b has
      // none, its links need not be made.
      const length = w.joinedLength(a.joined[c]);
      let near = false;
      for (let i = 0; i < b.ids.length && !near; i++) near = Math.abs(w.text[b.ids[i]].length - length) <= 3;
      if (!near) continue;
      const start = a.joined[c + 1];
      if (this.words.joinedAlike(a.joined[c], a.ids, b.ids, start, start + a.joined[c + 2], plurals)) return true;
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

  /** An upper bound of the name similarity (`compareNames`) of entities `x` and `y`. */
  nameBound(x: number, y: number): number {
    const a = this.names[x];
    const b = this.names[y];
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
    const a = this.names[x];
    const b = this.names[y];
    if (a.ids.length === 0 || b.ids.length === 0) return needed <= 0;
    const plurals = p.entity.kind !== 'person';
    return this.unjoinedBound(a, b, plurals) >= needed || this.mayJoin(a, b, plurals) || this.mayJoin(b, a, plurals);
  }
}

/** What the scorer adds to the name similarity for the other evidence; a shared address assumed where both have one. */
function otherEvidence(a: Prepared, b: Prepared): number {
  let score = 0;
  if (a.registration && b.registration) score += a.registration === b.registration ? EVIDENCE.sameRegistration : EVIDENCE.differentRegistration;
  if (a.phone && b.phone && a.phone === b.phone) score += EVIDENCE.samePhone;
  if (a.address && b.address) score += EVIDENCE.sameAddress;
  if (a.country && b.country && a.country !== b.country) score += EVIDENCE.differentCountry;
  if (a.city && b.city) score += a.city === b.city ? EVIDENCE.sameCity : EVIDENCE.differentCity;
  if (a.entity.kind === 'person') score += EVIDENCE.person;
  return score;
}
