import type { Bundle, Entity, Relation, Shipment, Verdict } from '@chokepoint/model';
import { skeleton, wordSkeleton } from './fold';
import { arabicSpellingKeys, hasArabicLetters, spellingKey } from './geocode';
import { HASH_BITS, HashIds, hashes, Numbers } from './hashing';
import { ScoreBounds, Vocabulary } from './prune';
import { judgedPairs, pairKey, type PairJudgement } from './judgements';
import { corroborated, countryKey, entityRegistration, prepare, scorePair, scorePrepared, type MatchRecord, type Prepared } from './score';

export interface ResolveOptions {
  /** Pairs scoring at least this are merged. Default 0.92. */
  threshold?: number;
  /** Pairs scoring at least this (and below `threshold`) are listed for review. Default 0.8. */
  reviewThreshold?: number;
  /** Blocks larger than this are not compared (a too-common key says little). Default 500. */
  maxBlockSize?: number;
  /**
   * A person's decisions on pairs of records (a case file's judgements): `same` merges the two whatever their score,
   * `not-same` keeps them apart (and any two groups they would be in) whatever their score, `unsure` keeps them apart
   * as well (until someone decides) and lists the pair for review with the judgement in its evidence. The last
   * judgement of a pair counts.
   */
  judgements?: readonly Judgement[];
}

/** A person's decision on two records, by their ids, with who decided and when (ISO), when known. */
export interface Judgement {
  a: string;
  b: string;
  verdict: Verdict;
  by?: string;
  at?: string;
}

/** How the judgements were applied: counts of each verdict applied, and those that could not be, with why. */
export interface JudgementsApplied {
  same: number;
  notSame: number;
  unsure: number;
  notApplied: { a: string; b: string; verdict: Verdict; reason: string }[];
}

export interface Merge {
  /** The id that stays: the record of the group with the most filled fields (ties: the lowest id). */
  kept: string;
  /** The ids merged into it, in bundle order. */
  merged: string[];
  /** The lowest score among the pairs that joined the group. */
  score: number;
  /** The evidence of each pair that joined the group. */
  evidence: string[];
}

export interface PossibleMatch {
  a: string;
  b: string;
  score: number;
  evidence: string[];
}

export interface ResolveResult {
  bundle: Bundle;
  merges: Merge[];
  possible: PossibleMatch[];
  /**
   * Original id → kept id, for every merged id: an object without prototype (ids may be any text, `__proto__`
   * included), ready for the report's JSON.
   */
  aliases: Record<string, string>;
  /** Ties and shipments dropped because a merge made them link an entity to itself, or duplicated another. */
  dropped: { relations: number; shipments: number };
  /** How the judgements were applied (only when judgements were given). */
  judged?: JudgementsApplied;
  /** The common names of persons, whose bearers were neither merged nor listed on their names alone (see commonNameOf). */
  commonNames?: CommonNames;
  /** The common names of companies, likewise. */
  commonCompanyNames?: CommonCompanyNames;
}

/** Length of the start of the compact name used as a blocking key (`prefix:`). */
const PREFIX = 6;

/** The blocking keys of an entity: only entities that share a key are compared. */
export function blockingKeys(p: Prepared): string[] {
  const kind = p.entity.kind;
  const keys = new Set<string>();
  const country = p.country ?? '*';
  if (p.tokens.length > 0) {
    keys.add(`first:${kind}:${country}:${skeleton(p.tokens[0])}`);
    keys.add(`sorted:${kind}:${[...p.tokens].sort().join(' ')}`);
    const compact = p.tokens.map(skeleton).join('');
    keys.add(`compact:${kind}:${compact}`);
    // The start of the name written without spaces: `Agro Chemicals Kano` meets `Agrochemical Kano`.
    if (compact.length > PREFIX) keys.add(`prefix:${kind}:${country}:${compact.slice(0, PREFIX)}`);
  }
  if (p.phone) keys.add(`phone:${kind}:${p.phone}`);
  if (p.registration) keys.add(`reg:${kind}:${p.registration}`);
  return [...keys];
}

/**
 * The first-word blocks (`first:` keys, whatever their size) whose words are one slip apart (one letter left out,
 * added, changed, or two neighbouring letters swapped: `gvarzo` / `gvrazo`), of one kind and country, found through
 * their one-deletion variants. Words with digits or under 5 letters take no part (they need an exact match).
 * `scopes[b]` is the kind and country of block b, `words[b]` its word.
 */
function firstWordsOneSlipApart(blocks: readonly number[], scopes: Int32Array, words: readonly string[]): [number, number][] {
  // The usable blocks; then the pairs sharing a one-deletion variant (or equal to one), found through hashes of the
  // variants and checked on the variants themselves.
  const used = blocks.filter((b) => words[b].length >= 5 && !/\d/.test(words[b]));
  // Each word's hash and those of its one-deletion variants: one more than its length.
  let expected = 0;
  for (const b of used) expected += words[b].length + 1;
  const keys = new Numbers(expected);
  const codes = new HashIds(used.length);
  for (let id = 0; id < used.length; id++) {
    hashes(words[used[id]], scopes[used[id]], true, (h) => keys.push(codes.code(h, id)));
  }
  const sorted = keys.sorted();
  const found = new Numbers();
  const n = used.length;
  const variants = (w: string): Set<string> => {
    const set = new Set([w]);
    for (let i = 0; i < w.length; i++) set.add(w.slice(0, i) + w.slice(i + 1));
    return set;
  };
  for (let start = 0; start < sorted.length; ) {
    const h = codes.hash(sorted[start]);
    let end = start;
    while (end < sorted.length && codes.hash(sorted[end]) === h) end++;
    for (let x = start; x < end; x++) {
      for (let y = x + 1; y < end; y++) {
        const a = codes.id(sorted[x]);
        const b = codes.id(sorted[y]);
        if (a !== b && scopes[used[a]] === scopes[used[b]]) found.push(Math.min(a, b) * n + Math.max(a, b));
      }
    }
    start = end;
  }
  const out: [number, number][] = [];
  const pairs = found.sorted();
  for (let k = 0; k < pairs.length; k++) {
    if (k > 0 && pairs[k] === pairs[k - 1]) continue;
    const a = Math.floor(pairs[k] / n);
    const b = pairs[k] - a * n;
    const va = variants(words[used[a]]);
    if (![...variants(words[used[b]])].some((v) => va.has(v))) continue;
    out.push([used[a], used[b]]);
  }
  return out;
}

class UnionFind {
  private parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(x: number): number {
    while (this.parent[x] !== x) {
      this.parent[x] = this.parent[this.parent[x]];
      x = this.parent[x];
    }
    return x;
  }
  /** Joins two groups; the root is the smaller index (the first in bundle order). */
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return;
    if (ra < rb) this.parent[rb] = ra;
    else this.parent[ra] = rb;
  }
}

/** An id for each distinct text, from 0 (a map from text to id). */
class Ids {
  private readonly map = new Map<string, number>();
  /** The texts, by id. */
  readonly texts: string[] = [];
  id(text: string): number {
    let id = this.map.get(text);
    if (id === undefined) {
      this.map.set(text, (id = this.texts.length));
      this.texts.push(text);
    }
    return id;
  }
  get size(): number {
    return this.texts.length;
  }
}

/** The kinds of blocking key (`blockingKeys`), and the first word in every country (`*`: entities without a country meet all). */
const FIRST = 0;
const SORTED = 1;
const COMPACT = 2;
const PREFIX_KEY = 3;
const PHONE = 4;
const REG = 5;
const ANY_COUNTRY = 6;
const KEY_KINDS = 7;

/** Keys of these kinds are numbered by a hash of their text (below 2^HASHED): entities sharing one are checked on the text. */
const HASHED = 26;
const B = 0x01000193;

/** The hash of a text continued from `h` (h · B^length + text, modulo 2^32). */
function extend(h: number, text: string): number {
  for (let i = 0; i < text.length; i++) h = (Math.imul(h, B) + text.charCodeAt(i)) | 0;
  return h;
}

/** A hash below 2^HASHED, from the hash of a text and its length. */
function finishHash(h: number, length: number): number {
  h = Math.imul(h ^ Math.imul(length + 1, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) % 2 ** HASHED;
}

/** The text of a key of a hashed kind, as `blockingKeys` writes it (without kind and country); `skeletons` by word. */
function hashedText(p: Prepared, ids: readonly number[], skeletons: readonly string[], type: number): string {
  if (type === SORTED) return [...p.tokens].sort().join(' ');
  let compact = '';
  for (const w of ids) compact += skeletons[w];
  return type === COMPACT ? compact : compact.slice(0, PREFIX);
}

/**
 * Calls `visit` for every block of entities (entity indexes in bundle order, 2 to `maxBlockSize` of them) whose pairs
 * are compared: the blocks of one key of `blockingKeys` (`first`: the number of the block, for `first:` keys; else -1);
 * the entities of one first word in every country, when some have no country (`sides`: 1 for those without; only pairs
 * with one of them belong to the block); and the entities of two first words one slip apart (`sides` 0 and 1,
 * `across`: only pairs of one of each).
 *
 * The keys are those of `blockingKeys`, each made a number, so that blocks are found by sorting numbers rather than by
 * a map of a string per key: texts numbered (first words, phones, registrations), or hashed from the words of the name
 * (sorted and compact names, and the start of the compact name), with the entities of a hash then parted by the text.
 */
function forEachBlock(
  prepared: Prepared[],
  maxBlockSize: number,
  visit: (members: Int32Array, sides: Uint8Array | undefined, across: boolean, first: number) => void,
  vocabulary: Vocabulary = new Vocabulary(prepared),
): void {
  const kinds = new Ids();
  const countries = new Ids();
  countries.id('*');
  const firstWords = new Ids();
  const phones = new Ids();
  const registrations = new Ids();
  // The words of the names, each once (numbered by `vocabulary`): its skeleton (numbered, and hashed), and its text
  // hashed; computed when the word is first met.
  const wordText = vocabulary.words.text;
  const wordCount = wordText.length;
  const skeletons: string[] = new Array(wordCount);
  const skeletonIds = new Int32Array(wordCount).fill(-1);
  const skeletonHash = new Int32Array(wordCount);
  const skeletonPower = new Int32Array(wordCount);
  const textHash = new Int32Array(wordCount);
  const textPower = new Int32Array(wordCount);
  const meet = (w: number): void => {
    if (skeletonIds[w] >= 0) return;
    const token = wordText[w];
    // (each word once: the skeleton cache would only be crowded)
    const s = wordSkeleton(token);
    skeletons[w] = s;
    skeletonIds[w] = firstWords.id(s);
    skeletonHash[w] = extend(0, s);
    let power = 1;
    for (let i = 0; i < s.length; i++) power = Math.imul(power, B);
    skeletonPower[w] = power;
    textHash[w] = extend(0, token);
    power = 1;
    for (let i = 0; i < token.length; i++) power = Math.imul(power, B);
    textPower[w] = power;
  };
  // Each key: its kind, the entity's kind and country (0, `*`, for keys of every country), and the number of its
  // text; with the entity, in bundle order.
  // (at most one key of each kind per entity)
  const keyKind = new Uint8Array(KEY_KINDS * prepared.length);
  const keyEntityKind = new Int32Array(KEY_KINDS * prepared.length);
  const keyCountry = new Int32Array(KEY_KINDS * prepared.length);
  const keyText = new Int32Array(KEY_KINDS * prepared.length);
  const keyOwner = new Int32Array(KEY_KINDS * prepared.length);
  let count = 0;
  const push = (type: number, kind: number, country: number, text: number, owner: number): void => {
    keyKind[count] = type;
    keyEntityKind[count] = kind;
    keyCountry[count] = country;
    keyText[count] = text;
    keyOwner[count++] = owner;
  };
  const order: number[] = [];
  for (const p of prepared) {
    const kind = kinds.id(p.entity.kind);
    const country = countries.id(p.country ?? '*');
    const ids = vocabulary.ids[p.index];
    if (ids.length > 0) {
      for (const w of ids) meet(w);
      push(FIRST, kind, country, skeletonIds[ids[0]], p.index);
      push(ANY_COUNTRY, kind, 0, skeletonIds[ids[0]], p.index);
      // The compact name (skeletons written together) and its start, hashed.
      let compact = 0;
      let length = 0;
      let start = 0;
      for (const w of ids) {
        compact = (Math.imul(compact, skeletonPower[w]) + skeletonHash[w]) | 0;
        const s = skeletons[w];
        for (let i = 0; i < s.length && length + i < PREFIX; i++) start = (Math.imul(start, B) + s.charCodeAt(i)) | 0;
        length += s.length;
      }
      push(COMPACT, kind, 0, finishHash(compact, length), p.index);
      if (length > PREFIX) push(PREFIX_KEY, kind, country, finishHash(start, PREFIX), p.index);
      // The words in the order of their texts (as `sort` puts them), written with spaces between, hashed.
      order.length = 0;
      for (const w of ids) {
        // (insertion in order of text, as `sort` orders strings)
        let at = order.length;
        while (at > 0 && wordText[order[at - 1]] > wordText[w]) at--;
        order.splice(at, 0, w);
      }
      let sorted = 0;
      let written = 0;
      for (let k = 0; k < order.length; k++) {
        if (k > 0) sorted = (Math.imul(sorted, B) + 32) | 0;
        sorted = (Math.imul(sorted, textPower[order[k]]) + textHash[order[k]]) | 0;
        written += wordText[order[k]].length + (k > 0 ? 1 : 0);
      }
      push(SORTED, kind, 0, finishHash(sorted, written), p.index);
    }
    if (p.phone) push(PHONE, kind, 0, phones.id(p.phone), p.index);
    if (p.registration) push(REG, kind, 0, registrations.id(p.registration), p.index);
  }
  // A key as one number (text, kind of key, kind of entity, country), exact below 2^53.
  const scopes = kinds.size * countries.size;
  const most = Math.max(2 ** HASHED, firstWords.size, phones.size, registrations.size);
  if (most * KEY_KINDS * scopes >= 2 ** 53) throw new Error('resolve: too many distinct names, kinds and countries to number the blocking keys');
  const code = (k: number): number => (keyText[k] * KEY_KINDS + keyKind[k]) * scopes + keyEntityKind[k] * countries.size + keyCountry[k];
  // The block of each key, numbered in order of first use through a table of the codes (open addressing), and the
  // size of each block; then its members.
  const bits = Math.max(4, Math.ceil(Math.log2(2 * count + 1)));
  const slots = 2 ** bits;
  const tableCode = new Float64Array(slots);
  const tableBlock = new Int32Array(slots).fill(-1);
  const blockOf = new Int32Array(count);
  const size = new Int32Array(count + 1);
  const blockKind = new Uint8Array(count);
  /** Kind of entity and country, as one number. */
  const blockScope = new Int32Array(count);
  const blockText = new Int32Array(count);
  let distinct = 0;
  for (let k = 0; k < count; k++) {
    const c = code(k);
    const high = Math.floor(c / 2 ** 32);
    let slot = Math.imul((c - high * 2 ** 32) ^ Math.imul(high, 0x9e3779b1), 0x85ebca6b) >>> (32 - bits);
    while (tableBlock[slot] >= 0 && tableCode[slot] !== c) slot = (slot + 1) & (slots - 1);
    let b = tableBlock[slot];
    if (b < 0) {
      b = tableBlock[slot] = distinct++;
      tableCode[slot] = c;
      blockKind[b] = keyKind[k];
      blockScope[b] = keyEntityKind[k] * countries.size + keyCountry[k];
      blockText[b] = keyText[k];
    }
    blockOf[k] = b;
    size[b + 1]++;
  }
  const start = size; // prefix sums: members of block b are members[start[b] … start[b + 1] - 1]
  for (let b = 0; b < distinct; b++) start[b + 1] += start[b];
  const members = new Int32Array(count);
  const fill = Int32Array.from(start.subarray(0, distinct));
  for (let k = 0; k < count; k++) members[fill[blockOf[k]]++] = keyOwner[k];
  const fits = (b: number): boolean => start[b + 1] - start[b] >= 2 && start[b + 1] - start[b] <= maxBlockSize;
  const firstBlocks: number[] = [];
  for (let b = 0; b < distinct; b++) {
    if (blockKind[b] === FIRST) firstBlocks.push(b);
    const type = blockKind[b];
    if ((type === SORTED || type === COMPACT || type === PREFIX_KEY) && start[b + 1] - start[b] >= 2) {
      // Entities sharing a hash: parted by the text of their key (a hash may be shared by different texts).
      const byText = new Map<string, number[]>();
      for (let k = start[b]; k < start[b + 1]; k++) {
        const text = hashedText(prepared[members[k]], vocabulary.ids[members[k]], skeletons, type);
        const list = byText.get(text);
        if (list) list.push(members[k]);
        else byText.set(text, [members[k]]);
      }
      for (const list of byText.values()) if (list.length >= 2 && list.length <= maxBlockSize) visit(Int32Array.from(list), undefined, false, -1);
      continue;
    }
    if (!fits(b)) continue;
    const list = members.subarray(start[b], start[b + 1]);
    if (type !== ANY_COUNTRY) {
      visit(list, undefined, false, blockKind[b] === FIRST ? b : -1);
    } else if (list.some((i) => prepared[i].country === undefined)) {
      visit(list, Uint8Array.from(list, (i) => (prepared[i].country === undefined ? 1 : 0)), false, -1);
    }
  }
  // First words one slip apart (`Gwarzo` / `Gwrazo`): their entities meet across the two blocks.
  const blockWords: string[] = [];
  for (const b of firstBlocks) blockWords[b] = firstWords.texts[blockText[b]];
  for (const [x, y] of firstWordsOneSlipApart(firstBlocks, blockScope, blockWords)) {
    const sx = start[x + 1] - start[x];
    const sy = start[y + 1] - start[y];
    if (sx + sy > maxBlockSize) continue;
    const list = new Int32Array(sx + sy);
    list.set(members.subarray(start[x], start[x + 1]));
    list.set(members.subarray(start[y], start[y + 1]), sx);
    const sides = new Uint8Array(sx + sy);
    sides.fill(1, sx);
    visit(list, sides, true, -1);
  }
}

/**
 * Calls `visit(i, j)` (`i < j`) for every pair of entities that share a block (a pair met in several
 * blocks may be visited more than once).
 */
function forEachBlockPair(prepared: Prepared[], maxBlockSize: number, visit: (i: number, j: number) => void): void {
  // The `first:` block of each entity: a pair in one of them is visited there, not again in other blocks.
  const firstBlock = new Int32Array(prepared.length).fill(-1);
  const blocks: [Int32Array, Uint8Array | undefined, boolean, number][] = [];
  forEachBlock(prepared, maxBlockSize, (members, sides, across, first) => {
    blocks.push([members, sides, across, first]);
    if (first >= 0) for (const i of members) firstBlock[i] = first;
  });
  for (const [members, sides, across, first] of blocks) {
    for (let x = 0; x < members.length; x++) {
      for (let y = x + 1; y < members.length; y++) {
        if (sides !== undefined && (across ? sides[x] === sides[y] : (sides[x] | sides[y]) === 0)) continue;
        const i = Math.min(members[x], members[y]);
        const j = Math.max(members[x], members[y]);
        if (i === j) continue;
        if (first < 0 && firstBlock[i] >= 0 && firstBlock[i] === firstBlock[j]) continue;
        visit(i, j);
      }
    }
  }
}

/** A growing list of pairs `i < j` coded as `i * n + j` (exact below 2^53), sorted and without repeats on `take`. */
class PairList {
  private codes = new Float64Array(1024);
  private size = 0;
  constructor(private readonly n: number) {}
  push(i: number, j: number): void {
    if (this.size === this.codes.length) {
      const grown = new Float64Array(this.codes.length * 2);
      grown.set(this.codes);
      this.codes = grown;
    }
    this.codes[this.size++] = i * this.n + j;
  }
  /** The pairs in order of `i`, then `j`, each once. */
  take(): [number, number][] {
    const codes = this.codes.subarray(0, this.size).sort();
    const out: [number, number][] = [];
    for (let k = 0; k < codes.length; k++) {
      if (k > 0 && codes[k] === codes[k - 1]) continue;
      const i = Math.floor(codes[k] / this.n);
      out.push([i, codes[k] - i * this.n]);
    }
    return out;
  }
}

/** Candidate pairs from the blocks, each once, as `i < j`, in a deterministic order. */
export function candidatePairs(prepared: Prepared[], maxBlockSize = 500): [number, number][] {
  const list = new PairList(prepared.length);
  forEachBlockPair(prepared, maxBlockSize, (i, j) => list.push(i, j));
  return list.take();
}

/** A candidate pair that scored at least the review threshold. */
export interface ScoredPair {
  i: number;
  j: number;
  score: number;
  evidence: string[];
}

/**
 * The candidate pairs (`candidatePairs`) whose upper bound (`ScoreBounds.mayReach`) reaches `threshold`, each once, in
 * order of `i`, then `j`: found block by block through the words of the names (`ScoreBounds.blockPairs`), without going
 * through every pair of a block.
 */
export function boundedPairs(prepared: Prepared[], options: { threshold: number; maxBlockSize: number; skip?: (i: number, j: number) => boolean }, bounds?: ScoreBounds): [number, number][] {
  const blocks: [Int32Array, Uint8Array | undefined, boolean][] = [];
  const inBlock = new Uint8Array(prepared.length);
  const vocabulary = new Vocabulary(prepared);
  forEachBlock(
    prepared,
    options.maxBlockSize,
    (members, sides, across) => {
      blocks.push([members, sides, across]);
      for (const i of members) inBlock[i] = 1;
    },
    vocabulary,
  );
  // Only the words of entities in a block are indexed (about half of the entities of a large bundle are in none).
  const b = bounds ?? new ScoreBounds(prepared, inBlock, vocabulary);
  const list = new PairList(prepared.length);
  const skip = options.skip;
  const push = skip === undefined ? (i: number, j: number): void => list.push(i, j) : (i: number, j: number): void => void (skip(i, j) || list.push(i, j));
  for (const [members, sides, across] of blocks) b.blockPairs(members, sides, across, options.threshold, push);
  return list.take().filter(([i, j]) => b.mayReach(i, j, options.threshold));
}

/**
 * The candidate pairs scoring at least `reviewThreshold`, in order of `i`, then `j`. With `prune` (the
 * default), only pairs whose upper bound (`ScoreBounds`) reaches the threshold are scored (`boundedPairs`); the
 * result is the same as scoring every candidate pair (`prune: false`, kept for the tests that show it).
 */
export function scoredPairs(prepared: Prepared[], options: { reviewThreshold: number; maxBlockSize: number; prune?: boolean; common?: CommonNameTable }): ScoredPair[] {
  const threshold = options.reviewThreshold;
  // Two persons, or two companies, one of them (or both) of a common name, with nothing else in common: not scored,
  // not listed (see commonNameOf); left out as the pairs are found (millions of them, in a register of people with
  // common names).
  const namesakes = commonNameOf(prepared, options.common ?? commonNames(prepared));
  const skip =
    namesakes === undefined
      ? undefined
      : (i: number, j: number) => (namesakes[i] >= 0 || namesakes[j] >= 0) && prepared[i].entity.kind === prepared[j].entity.kind && !corroborated(prepared[i], prepared[j]);
  const pairs =
    options.prune === false
      ? candidatePairs(prepared, options.maxBlockSize).filter(([i, j]) => skip === undefined || !skip(i, j))
      : boundedPairs(prepared, { threshold, maxBlockSize: options.maxBlockSize, ...(skip === undefined ? {} : { skip }) });
  const out: ScoredPair[] = [];
  for (const [i, j] of pairs) {
    const { score, evidence } = scorePrepared(prepared[i], prepared[j]);
    if (score >= threshold) out.push({ i, j, score, evidence });
  }
  // Pairs listed for review whatever their score: namesakes across a border, one name in two scripts.
  const listed: [[number, number][], string][] = [
    [namesakesAcrossBorders(prepared), NAMESAKES],
    [namesInTwoScripts(prepared), TWO_SCRIPTS],
  ];
  if (listed.every(([pairs]) => pairs.length === 0)) return out;
  const seen = new Set(out.map((p) => `${p.i} ${p.j}`));
  for (const [pairs, why] of listed) {
    for (const [i, j] of pairs) {
      if (seen.has(`${i} ${j}`)) continue;
      seen.add(`${i} ${j}`);
      const { score, evidence } = scorePrepared(prepared[i], prepared[j]);
      out.push({ i, j, score, evidence: [...evidence, why] });
    }
  }
  return out.sort((p, q) => p.i - q.i || p.j - q.j);
}

/** The words of a pair of persons listed for review as one name in Arabic and in Latin letters (namesInTwoScripts). */
export const TWO_SCRIPTS = 'the same name in Arabic and in Latin letters (the same consonants, word for word): listed for review whatever its score (a name alone never merges)';

/**
 * Pairs of persons, one named in the Arabic script and the other in Latin letters, whose names have the same
 * consonants word for word (`أحمد خليل الحمداني` and `Ahmed Khalil Al-Hamdani`, `Ahmad Khaleel al Hamdani`: the keys of
 * `arabicSpellingKeys` and `spellingKey`, in any order of the words or with the words run together: `عبد الله` and
 * `Abdullah`), of three words or more: an investigator's notes name a person as an Arabic register does and as a
 * Latin-script record (a passport, a Turkish or European register) does, and name matching, which compares letters,
 * scored them far apart. Listed for review, never merged; a key more than NAMESAKES_KEPT persons share is left out (a
 * common name). In order of `i`, then `j`.
 */
export function namesInTwoScripts(prepared: readonly Prepared[]): [number, number][] {
  // (most networks name no person in the Arabic script: nothing to key then)
  if (!prepared.some((p) => p.entity.kind === 'person' && hasArabicLetters(p.entity.name))) return [];
  const byKey = new Map<string, { arabic: number[]; latin: number[] }>();
  for (const p of prepared) {
    if (p.entity.kind !== 'person' || p.tokens.length < NAMESAKE_WORDS) continue;
    const arabic = hasArabicLetters(p.entity.name);
    const keys = new Set<string>();
    for (const key of arabic ? arabicSpellingKeys(p.entity.name) : [spellingKey(p.entity.name)]) {
      const words = key.split(' ').filter((w) => w !== '');
      if (words.length === 0) continue;
      keys.add([...words].sort().join(' '));
      keys.add(words.join(''));
    }
    for (const key of keys) {
      let sides = byKey.get(key);
      if (sides === undefined) byKey.set(key, (sides = { arabic: [], latin: [] }));
      (arabic ? sides.arabic : sides.latin).push(p.index);
    }
  }
  const pairs = new Set<string>();
  const out: [number, number][] = [];
  for (const { arabic, latin } of byKey.values()) {
    if (arabic.length === 0 || latin.length === 0 || arabic.length + latin.length > NAMESAKES_KEPT) continue;
    for (const a of arabic) {
      for (const l of latin) {
        const [i, j] = a < l ? [a, l] : [l, a];
        if (pairs.has(`${i} ${j}`)) continue;
        pairs.add(`${i} ${j}`);
        out.push([i, j]);
      }
    }
  }
  return out.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
}

/** The words of a pair of persons listed for review as namesakes across a border (namesakesAcrossBorders). */
export const NAMESAKES = 'the same full name, word for word, in two countries: listed for review whatever its score (a name alone never merges)';

/** The fewest words of a full name for namesakes across a border to be listed: two given names or two surnames more than a first and last name. */
const NAMESAKE_WORDS = 3;
/** The most persons of one full name listed as namesakes: a name more common than that says nothing. */
const NAMESAKES_KEPT = 6;

/**
 * Pairs of persons whose full names have the same words (in any order: `QUISPE MAMANI, Juan Carlos` and `Juan Carlos
 * Quispe Mamani`), of three words or more, in two different countries: the same person registered on both sides of a
 * border (a national identity number on each) scores below review on a name with different countries, yet is what an
 * investigator of a cross-border network needs to see. Listed for review, never merged. A name shared by more than
 * NAMESAKES_KEPT persons is left out (a common name). In order of `i`, then `j`.
 */
export function namesakesAcrossBorders(prepared: readonly Prepared[]): [number, number][] {
  const byName = new Map<string, number[]>();
  for (const p of prepared) {
    if (p.entity.kind !== 'person' || p.country === undefined || p.tokens.length < NAMESAKE_WORDS) continue;
    const key = [...p.tokens].sort().join(' ');
    const list = byName.get(key);
    if (list === undefined) byName.set(key, [p.index]);
    else list.push(p.index);
  }
  const out: [number, number][] = [];
  for (const list of byName.values()) {
    if (list.length < 2 || list.length > NAMESAKES_KEPT) continue;
    for (let a = 0; a < list.length; a++) {
      for (let b = a + 1; b < list.length; b++) {
        const [i, j] = list[a] < list[b] ? [list[a], list[b]] : [list[b], list[a]];
        if (prepared[i].country !== prepared[j].country) out.push([i, j]);
      }
    }
  }
  return out.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
}

/**
 * The tables of common names (commonNameOf): persons, and companies with organizations (the names of legal entities
 * other than persons: nine foundations named `Blue Trust` in one country are no more one than nine firms of one name).
 */
type CommonKind = 'person' | 'company';
const commonKind = (p: Prepared): CommonKind => (p.entity.kind === 'person' ? 'person' : 'company');

/** The key of a name as namesakes are counted: the words of the normalized name, in any order. */
const nameKey = (p: Prepared): string => [...p.tokens].sort().join(' ');

/**
 * Per record (by `index`), the number of the common name it bears (-1: none): a person whose name, in any order of its
 * words, more than NAMESAKES_KEPT persons of the bundle bear, or a company or organization whose name (its legal form
 * left out) more than NAMESAKES_KEPT companies and organizations bear. A common name says nothing: such a person and
 * another person (of that name, or of another spelling of it: `Mohamed Ali` and each of eight `Mohammed Ali`), such a
 * company and another company (fourteen `Al Noor Trading` in fourteen Turkish cities, ten `Star Electronics` in ten
 * countries), are neither merged nor listed for review unless they share a registration number, a phone or an
 * address (`corroborated`). A register of 200,000 sanctioned people, most of them bearing one of a few hundred common
 * names, gave five million pairs "possibly the same" (a report too large to write, and a list nobody can review);
 * fourteen trading companies of one name, each a small firm, were merged into one that then held all their flags and
 * ranked first among the key nodes. Undefined when no name is common.
 */
function commonNameOf(prepared: readonly Prepared[], { keys }: CommonNameTable): Int32Array | undefined {
  if (keys.person.size === 0 && keys.company.size === 0) return undefined;
  const out = new Int32Array(prepared.length).fill(-1);
  for (const p of prepared) out[p.index] = keys[commonKind(p)].get(nameKey(p)) ?? -1;
  return out;
}

/** The common names of persons and of companies (see commonNameOf), numbered per kind, with how many bear each. */
interface CommonNameTable {
  keys: Record<CommonKind, Map<string, number>>;
  names: Record<CommonKind, { name: string; bearers: number }[]>;
}

function commonNames(prepared: readonly Prepared[]): CommonNameTable {
  // (per key: how many bear it, and its words as the first of them writes them, which is how the name is told)
  const count = { person: new Map<string, { bearers: number; name: string }>(), company: new Map<string, { bearers: number; name: string }>() };
  for (const p of prepared) {
    if (p.tokens.length === 0) continue;
    const key = nameKey(p);
    const of = count[commonKind(p)];
    const seen = of.get(key);
    if (seen === undefined) of.set(key, { bearers: 1, name: p.tokens.join(' ') });
    else seen.bearers++;
  }
  const table: CommonNameTable = { keys: { person: new Map(), company: new Map() }, names: { person: [], company: [] } };
  for (const kind of ['person', 'company'] as const) {
    for (const [key, { bearers, name }] of count[kind]) {
      if (bearers <= NAMESAKES_KEPT) continue;
      table.keys[kind].set(key, table.names[kind].length);
      table.names[kind].push({ name, bearers });
    }
  }
  return table;
}

/** How many of the common names resolveEntities lists (the most borne first); `CommonNames.names` counts them all. */
export const COMMON_NAMES_LISTED = 20;

/** The common names of persons of a bundle's entities (see commonNameOf): how many, borne by how many, the most borne. */
export interface CommonNames {
  names: number;
  persons: number;
  /**
   * The COMMON_NAMES_LISTED names borne by most persons (their normalized words, in the order of the first person of
   * the name by id; the name is matched in any order of its words), most first, then by name.
   */
  most: { name: string; persons: number }[];
}

/** The common names of companies (see commonNameOf), as CommonNames says those of persons. */
export interface CommonCompanyNames {
  names: number;
  companies: number;
  /** The COMMON_NAMES_LISTED names borne by most companies (their normalized words, as for CommonNames), most first, then by name. */
  most: { name: string; companies: number }[];
}

/** The names of a kind of a table of common names, most borne first (then by name), and how many bear them all. */
function mostBorne(names: readonly { name: string; bearers: number }[]): { bearers: number; most: { name: string; bearers: number }[] } {
  const most = [...names].sort((a, b) => b.bearers - a.bearers || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).slice(0, COMMON_NAMES_LISTED);
  return { bearers: names.reduce((n, x) => n + x.bearers, 0), most };
}

/** What the report says of the common names of persons (undefined when there are none): resolution.commonNames. */
function commonNamesSaid({ names: { person } }: CommonNameTable): CommonNames | undefined {
  if (person.length === 0) return undefined;
  const { bearers, most } = mostBorne(person);
  return { names: person.length, persons: bearers, most: most.map((n) => ({ name: n.name, persons: n.bearers })) };
}

/** What the report says of the common names of companies (undefined when there are none): resolution.commonCompanyNames. */
function commonCompanyNamesSaid({ names: { company } }: CommonNameTable): CommonCompanyNames | undefined {
  if (company.length === 0) return undefined;
  const { bearers, most } = mostBorne(company);
  return { names: company.length, companies: bearers, most: most.map((n) => ({ name: n.name, companies: n.bearers })) };
}

const FIELDS = ['country', 'city', 'address', 'sector', 'isic', 'employees', 'founded'] as const;

/** How much a record knows: its filled fields and its extra columns with a value. */
function completeness(e: Entity): number {
  const fields = [e.country, e.city, e.address, e.lat, e.sector, e.isic, e.employees, e.founded].filter((x) => x !== undefined).length;
  return fields + Object.values(e.attributes).filter((v) => v !== '').length / 100;
}

/** The kept entity, completed with what the merged ones know and it does not; `aliases` attribute added. */
function mergeEntity(kept: Entity, others: Entity[]): Entity {
  const out: Entity = { ...kept, attributes: { ...kept.attributes } };
  // Attribute names are column names of the input: any text, `__proto__` included, so they are defined, not assigned.
  const put = (k: string, v: string) => Object.defineProperty(out.attributes, k, { value: v, enumerable: true, writable: true, configurable: true });
  const has = (k: string) => Object.hasOwn(out.attributes, k);
  for (const o of others) {
    for (const f of FIELDS) {
      if (out[f] === undefined && o[f] !== undefined) (out as unknown as Record<string, unknown>)[f] = o[f];
    }
    if ((out.lat === undefined || out.lon === undefined) && o.lat !== undefined && o.lon !== undefined) {
      out.lat = o.lat;
      out.lon = o.lon;
    }
    for (const [k, v] of Object.entries(o.attributes ?? {})) {
      if (!has(k) || out.attributes[k] === '') put(k, v);
    }
  }
  const own = (k: string): string | undefined => (Object.hasOwn(kept.attributes ?? {}, k) ? kept.attributes[k] : undefined);
  const aliases = (own('aliases') ?? '')
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (const o of others) if (!aliases.includes(o.id)) aliases.push(o.id);
  put('aliases', aliases.join('; '));
  const names = [...new Set(others.map((o) => o.name).filter((n) => n !== kept.name))];
  if (names.length > 0) {
    const prior = (own('alias_names') ?? '')
      .split(';')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    put('alias_names', [...new Set([...prior, ...names])].join('; '));
  }
  return out;
}

function relationKey(r: Relation): string {
  const symmetric = r.kind === 'family' || r.kind === 'shared_address' || r.kind === 'associate';
  const [s, t] = symmetric && r.target < r.source ? [r.target, r.source] : [r.source, r.target];
  return JSON.stringify([s, t, r.kind, r.share ?? null, r.start ?? null, r.end ?? null]);
}

/** FNV-1a of a text, continued from `h`, then a separator. */
function hashText(h: number, text: string): number {
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return Math.imul(h ^ 0xffff, 0x01000193);
}

/**
 * A hash of the relation's key: relations with equal keys (`relationKey`) have equal hashes; unequal
 * hashes prove unequal keys, so keys are written out only for relations that share a hash.
 */
function relationHash(r: Relation): number {
  const symmetric = r.kind === 'family' || r.kind === 'shared_address' || r.kind === 'associate';
  const [s, t] = symmetric && r.target < r.source ? [r.target, r.source] : [r.source, r.target];
  const share = r.share ?? null;
  let h = 0x811c9dc5;
  h = hashText(h, s);
  h = hashText(h, t);
  h = hashText(h, String(r.kind));
  // As JSON writes it: a number that is not finite is null.
  h = hashText(h, typeof share === 'number' && Number.isFinite(share) ? String(share) : String(share === null || typeof share === 'number' ? null : share));
  h = hashText(h, String(r.start ?? null));
  h = hashText(h, String(r.end ?? null));
  return h >>> 0;
}

/** The indexes of the relations whose key (`relationKey`) an earlier relation of the list has. */
function repeatedRelations(list: Relation[]): Uint8Array {
  const repeated = new Uint8Array(list.length);
  const codes = new HashIds(list.length);
  const keys = new Numbers(list.length);
  for (let i = 0; i < list.length; i++) keys.push(codes.code(relationHash(list[i]) % HASH_BITS, i));
  const sorted = keys.sorted();
  for (let start = 0; start < sorted.length; ) {
    const h = codes.hash(sorted[start]);
    let end = start + 1;
    while (end < sorted.length && codes.hash(sorted[end]) === h) end++;
    if (end - start > 1) {
      // Ids ascend within a hash, so the first of each key is met first.
      const seen = new Set<string>();
      for (let k = start; k < end; k++) {
        const i = codes.id(sorted[k]);
        const key = relationKey(list[i]);
        if (seen.has(key)) repeated[i] = 1;
        else seen.add(key);
      }
    }
    start = end;
  }
  return repeated;
}

/**
 * Kinds of relation that only two distinct parties have: one owns, directs, employs or acts for the other, or they are
 * family or associates. Not a shared address (the records of one firm share its address, and a list of ties made from
 * addresses ties them), nor trade (a firm shipping to, paying for or receiving its own goods under another spelling of
 * its name, as customs records write it).
 */
const DISTINCT_PARTIES: ReadonlySet<Relation['kind']> = new Set<Relation['kind']>(['owner', 'director', 'employee', 'agent', 'family', 'associate']);

/**
 * The ties the data gives between entities that may be merged (those of a pair scoring at least `threshold`) that
 * only two distinct parties have (DISTINCT_PARTIES): two records so tied are two entities, however alike their names.
 * By entity index, both ways, each with the first such tie in words. Only those entities' ids are looked up, once per
 * relation.
 */
function tiesAmong(bundle: Bundle, scored: readonly ScoredPair[], threshold: number): Map<number, Map<number, string>> {
  const index = new Map<string, number>();
  for (const s of scored) {
    if (s.score < threshold) continue;
    index.set(bundle.entities[s.i].id, s.i);
    index.set(bundle.entities[s.j].id, s.j);
  }
  const tied = new Map<number, Map<number, string>>();
  if (index.size === 0) return tied;
  const add = (x: string, y: string, why: () => string) => {
    const a = index.get(x);
    if (a === undefined) return;
    const b = index.get(y);
    if (b === undefined || a === b) return;
    for (const [p, q] of [[a, b], [b, a]]) {
      let m = tied.get(p);
      if (!m) tied.set(p, (m = new Map()));
      if (!m.has(q)) m.set(q, why());
    }
  };
  for (const r of bundle.relations) {
    if (DISTINCT_PARTIES.has(r.kind)) add(r.source, r.target, () => `${r.origin.file} line ${r.origin.line} ties ${r.source} to ${r.target} (${r.kind})`);
  }
  return tied;
}

/**
 * The pairs of entities that may be one, scoring at least `reviewThreshold`, by their indexes in `entities` (`i < j`,
 * in order of `i`, then `j`): what resolveEntities finds before it merges. It reads only the entities (MatchRecord),
 * so it may run while the rest of a bundle is still being read (in a worker thread: it is sent the entities' fields
 * and sends back the pairs). Pure and deterministic.
 */
export function matchEntities(entities: readonly MatchRecord[], options: Pick<ResolveOptions, 'reviewThreshold' | 'maxBlockSize'> = {}): ScoredPair[] {
  return matchNames(entities, options).pairs;
}

/**
 * What matching finds: the pairs (see matchEntities), the common names of persons (resolution.commonNames) and of
 * companies (resolution.commonCompanyNames).
 */
export interface NameMatches {
  pairs: ScoredPair[];
  commonNames: CommonNames | undefined;
  commonCompanyNames: CommonCompanyNames | undefined;
}

/**
 * The pairs (matchEntities) and the common names of persons (commonNameOf, as resolution.commonNames says them), from
 * the same prepared records (each name normalized once).
 */
export function matchNames(entities: readonly MatchRecord[], options: Pick<ResolveOptions, 'reviewThreshold' | 'maxBlockSize'> = {}): NameMatches {
  const prepared = withBusyAddresses(entities.map((e, i) => prepare(e, i)));
  const common = commonNames(prepared);
  return {
    pairs: scoredPairs(prepared, { reviewThreshold: options.reviewThreshold ?? 0.8, maxBlockSize: options.maxBlockSize ?? 500, common }),
    commonNames: commonNamesSaid(common),
    commonCompanyNames: commonCompanyNamesSaid(common),
  };
}

/**
 * An address (folded) that more than BUSY_ADDRESS_KEPT records give says little of two of them being one: a business
 * centre, a registered agent, a free-zone tower. It adds nothing to their score (the evidence says so, with how many
 * records give it: Prepared.addressShared). It still corroborates a common name: two records of one name at one
 * address are still scored. A business-centre office of 208 companies had 87 of them merged into 36 on names alike
 * and the address (`Emirates Falcon Marine` ~ `Emirates Marina` ~ `Emirates Falcon` … fifteen firms in one). The
 * records of one firm written twice share their address with few others.
 */
export const BUSY_ADDRESS_KEPT = 6;

function withBusyAddresses(prepared: Prepared[]): Prepared[] {
  const count = new Map<string, number>();
  for (const p of prepared) if (p.address !== undefined) count.set(p.address, (count.get(p.address) ?? 0) + 1);
  for (const p of prepared) {
    const n = p.address === undefined ? 0 : count.get(p.address)!;
    if (n > BUSY_ADDRESS_KEPT) p.addressShared = n;
  }
  return prepared;
}

/**
 * Finds entities that are the same company, person or organization written differently, merges
 * them, and lists the pairs that may be the same for a person to review. Pure and deterministic. `matched`: the
 * pairs matchEntities found for these very entities (`bundle.entities`, in this order) with the same options, when
 * they were found beforehand; else they are found here.
 */
export function resolveEntities(bundle: Bundle, options: ResolveOptions = {}, matched?: NameMatches): ResolveResult {
  const threshold = options.threshold ?? 0.92;
  const entities = bundle.entities;
  // Matches made elsewhere (a worker thread) come with the common names.
  const found = matched ?? matchNames(entities, options);
  const scored = found.pairs.slice();

  const uf = new UnionFind(entities.length);
  // Strongest pairs first, so a chain is built from its best links; a link that would put two
  // known countries or two registration numbers in one group, or two records the data ties to each other, is not
  // made (it goes to review).
  scored.sort((p, q) => q.score - p.score || p.i - q.i || p.j - q.j);
  const tied = tiesAmong(bundle, scored, threshold);
  const groupMembers = new Map<number, number[]>();
  const membersOf = (root: number): number[] => groupMembers.get(root) ?? [root];
  /** Why two groups are two: a tie the data gives between a member of one and a member of the other. */
  const tieBetween = (ri: number, rj: number): string | undefined => {
    for (const a of membersOf(ri)) {
      for (const [b, why] of tied.get(a) ?? []) if (uf.find(b) === rj) return why;
    }
    return undefined;
  };
  // The countries and registration numbers of each group, kept by its root once it has more than one member.
  const groupCountries = new Map<number, Set<string>>();
  const groupRegistrations = new Map<number, Set<string>>();
  const one = (value: string | undefined): Set<string> => new Set(value === undefined ? [] : [value]);
  const countriesOf = (root: number): Set<string> => groupCountries.get(root) ?? one(countryKey(entities[root]));
  const registrationsOf = (root: number): Set<string> => groupRegistrations.get(root) ?? one(entityRegistration(entities[root]));
  const conflict = (a: Set<string>, b: Set<string>): boolean =>
    a.size > 0 && b.size > 0 && ([...a].some((x) => !b.has(x)) || [...b].some((x) => !a.has(x)));
  const strong: typeof scored = [];
  const review: typeof scored = [];
  /** Two groups made one (their roots `ri`, `rj`), with the countries and registration numbers they hold. */
  const join = (s: ScoredPair, ri: number, rj: number): void => {
    const members = [...membersOf(ri), ...membersOf(rj)];
    const [ci, cj, gi, gj] = [countriesOf(ri), countriesOf(rj), registrationsOf(ri), registrationsOf(rj)];
    uf.union(s.i, s.j);
    const r = uf.find(s.i);
    groupCountries.set(r, new Set([...ci, ...cj]));
    groupRegistrations.set(r, new Set([...gi, ...gj]));
    groupMembers.delete(ri);
    groupMembers.delete(rj);
    groupMembers.set(r, members);
    strong.push(s);
  };

  // A person's judgements first: pairs judged the same are joined whatever their score (unless that joins two records
  // judged not the same, or unsure); pairs judged not the same are neither merged nor listed, pairs judged unsure are
  // listed, and no chain of merges joins the two records of either.
  const judged = options.judgements === undefined ? undefined : judgedPairs(entities, options.judgements);
  const applied: JudgementsApplied | undefined = judged && { same: 0, notSame: 0, unsure: 0, notApplied: judged.notApplied };
  const judgementOf = (i: number, j: number): PairJudgement | undefined => judged?.pairs.get(pairKey(i, j, entities.length));
  const notSame = new Map<number, PairJudgement[]>();
  for (const p of judged?.pairs.values() ?? []) {
    if (p.verdict === 'same') continue;
    for (const end of [p.i, p.j]) notSame.set(end, [...(notSame.get(end) ?? []), p]);
  }
  /** The judgement (not the same, or unsure) that keeps two groups apart: one of its records is in each. */
  const keptApart = (ri: number, rj: number): PairJudgement | undefined => {
    if (notSame.size === 0) return undefined;
    for (const a of membersOf(ri)) {
      for (const p of notSame.get(a) ?? []) if (uf.find(p.i === a ? p.j : p.i) === rj) return p;
    }
    return undefined;
  };
  const idsOf = (p: PairJudgement) => `${JSON.stringify(entities[p.i].id)} and ${JSON.stringify(entities[p.j].id)}`;
  if (judged !== undefined && applied !== undefined) {
    const scoredJudged = new Map<number, ScoredPair>();
    for (const s of scored) if (judgementOf(s.i, s.j) !== undefined) scoredJudged.set(pairKey(s.i, s.j, entities.length), s);
    /** The pair as scored, or scored now (a pair judged need not have reached the review threshold). */
    const scoredPair = (p: PairJudgement): ScoredPair => scoredJudged.get(pairKey(p.i, p.j, entities.length)) ?? { i: p.i, j: p.j, ...scorePair(entities[p.i], entities[p.j]) };
    const inOrder = [...judged.pairs.values()].sort((p, q) => p.i - q.i || p.j - q.j);
    for (const p of inOrder) {
      if (p.verdict === 'not-same') applied.notSame++;
      else if (p.verdict === 'unsure') {
        // Listed for review with the judgement, whatever its score (never merged until someone decides).
        const s = scoredPair(p);
        review.push({ ...s, evidence: [...s.evidence, p.words] });
        applied.unsure++;
      } else {
        const s = scoredPair(p);
        const ri = uf.find(p.i);
        const rj = uf.find(p.j);
        const apart = ri === rj ? undefined : keptApart(ri, rj);
        if (apart !== undefined) {
          applied.notApplied.push({ a: p.a, b: p.b, verdict: 'same', reason: `merging them would join ${idsOf(apart)}, ${apart.words}` });
          continue;
        }
        const pair = { ...s, evidence: [...s.evidence, p.words] };
        if (ri === rj) strong.push(pair);
        else join(pair, ri, rj);
        applied.same++;
      }
    }
  }

  for (const s of scored) {
    // A judged pair was dealt with above.
    if (judged !== undefined && judgementOf(s.i, s.j) !== undefined) continue;
    if (s.score < threshold) {
      review.push(s);
      continue;
    }
    const ri = uf.find(s.i);
    const rj = uf.find(s.j);
    if (ri === rj) {
      strong.push(s);
      continue;
    }
    const [ci, cj, gi, gj] = [countriesOf(ri), countriesOf(rj), registrationsOf(ri), registrationsOf(rj)];
    if (conflict(ci, cj) || conflict(gi, gj)) {
      review.push({ ...s, evidence: [...s.evidence, 'not merged: it would join records of different countries or registration numbers'] });
      continue;
    }
    const tie = tied.size === 0 ? undefined : tieBetween(ri, rj);
    if (tie !== undefined) {
      review.push({ ...s, evidence: [...s.evidence, `not merged: ${tie}, and an entity has no tie to itself`] });
      continue;
    }
    const apart = keptApart(ri, rj);
    if (apart !== undefined) {
      review.push({ ...s, evidence: [...s.evidence, `not merged: it would join ${idsOf(apart)}, ${apart.words}`] });
      continue;
    }
    join(s, ri, rj);
  }
  strong.sort((p, q) => p.i - q.i || p.j - q.j);

  const groups = new Map<number, number[]>();
  for (let i = 0; i < entities.length; i++) {
    const r = uf.find(i);
    let g = groups.get(r);
    if (!g) groups.set(r, (g = []));
    g.push(i);
  }

  const aliases = new Map<string, string>();
  const merges: Merge[] = [];
  const replaced = new Map<number, Entity>();
  const removed = new Set<number>();
  const edgesByRoot = new Map<number, typeof strong>();
  for (const s of strong) {
    const r = uf.find(s.i);
    let list = edgesByRoot.get(r);
    if (!list) edgesByRoot.set(r, (list = []));
    list.push(s);
  }
  for (const [root, members] of [...groups.entries()].sort((a, b) => a[0] - b[0])) {
    if (members.length < 2) continue;
    // The record that knows most is kept (its id and name stay), whatever the order of the rows; ties: the lowest id.
    const keptAt = members.reduce((best, m) => {
      const d = completeness(entities[m]) - completeness(entities[best]);
      return d > 0 || (d === 0 && entities[m].id < entities[best].id) ? m : best;
    });
    const kept = entities[keptAt];
    const others = members.filter((m) => m !== keptAt);
    for (const m of others) {
      aliases.set(entities[m].id, kept.id);
      removed.add(m);
    }
    const edges = edgesByRoot.get(root) ?? [];
    merges.push({
      kept: kept.id,
      merged: others.map((m) => entities[m].id),
      // (by reduce: a merge of many records has more edges than a call may take arguments)
      score: edges.reduce((low, e) => Math.min(low, e.score), Infinity),
      evidence: edges.map((e) => `${entities[e.i].id} ~ ${entities[e.j].id} (${e.score}): ${e.evidence.join('; ')}`),
    });
    replaced.set(keptAt, mergeEntity(kept, others.map((m) => entities[m])));
  }

  const { commonNames, commonCompanyNames } = found;
  const common = { ...(commonNames === undefined ? {} : { commonNames }), ...(commonCompanyNames === undefined ? {} : { commonCompanyNames }) };
  const possible: PossibleMatch[] = review
    .filter((r) => uf.find(r.i) !== uf.find(r.j))
    .sort((p, q) => q.score - p.score || p.i - q.i || p.j - q.j)
    .map((r) => ({ a: entities[r.i].id, b: entities[r.j].id, score: r.score, evidence: r.evidence }));

  // The report's object: no prototype, and every id an own property (even "__proto__").
  const aliasObject = Object.create(null) as Record<string, string>;
  for (const [from, into] of aliases) Object.defineProperty(aliasObject, from, { value: into, enumerable: true, writable: true, configurable: true });
  if (merges.length === 0) {
    return { bundle, merges, possible, aliases: aliasObject, dropped: { relations: 0, shipments: 0 }, ...(applied ? { judged: applied } : {}), ...common };
  }

  const to = (id: string): string => aliases.get(id) ?? id;
  const rewritten: Relation[] = [];
  let droppedRelations = 0;
  for (const r of bundle.relations) {
    const source = to(r.source);
    const target = to(r.target);
    if (source === target) {
      droppedRelations++;
      continue;
    }
    rewritten.push(source === r.source && target === r.target ? r : { ...r, source, target });
  }
  // The first of the relations with one key stays (a merge may make two ties one).
  const repeated = repeatedRelations(rewritten);
  const relations: Relation[] = [];
  for (let i = 0; i < rewritten.length; i++) {
    if (repeated[i]) droppedRelations++;
    else relations.push(rewritten[i]);
  }
  const shipments: Shipment[] = [];
  let droppedShipments = 0;
  for (const s of bundle.shipments) {
    const supplier = to(s.supplier);
    const buyer = to(s.buyer);
    if (supplier === buyer) {
      droppedShipments++;
      continue;
    }
    const consignee = s.consignee === undefined ? undefined : to(s.consignee);
    const payer = s.payer === undefined ? undefined : to(s.payer);
    // A shipment no merge touches is kept as it is (as are relations above and a bundle without merges): at 600k
    // shipments a copy of each was hundreds of megabytes of garbage at the run's peak of memory.
    if (supplier === s.supplier && buyer === s.buyer && consignee === s.consignee && payer === s.payer && consignee !== buyer && payer !== buyer) {
      shipments.push(s);
      continue;
    }
    const next: Shipment = { ...s, supplier, buyer };
    if (s.consignee !== undefined) {
      const c = to(s.consignee);
      if (c === buyer) delete next.consignee;
      else next.consignee = c;
    }
    if (s.payer !== undefined) {
      const p = to(s.payer);
      if (p === buyer) delete next.payer;
      else next.payer = p;
    }
    shipments.push(next);
  }

  const merged: Bundle = {
    ...bundle,
    entities: entities.flatMap((e, i) => (removed.has(i) ? [] : [replaced.get(i) ?? e])),
    relations,
    shipments,
  };
  return {
    bundle: merged,
    merges,
    possible,
    aliases: aliasObject,
    dropped: { relations: droppedRelations, shipments: droppedShipments },
    ...(applied ? { judged: applied } : {}),
    ...common,
  };
}
