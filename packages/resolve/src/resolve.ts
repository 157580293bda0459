import type { Bundle, Entity, Relation, Shipment } from '@chokepoint/model';
import { skeleton } from './fold';
import { HASH_BITS, HashIds, hashes, Numbers } from './hashing';
import { ScoreBounds } from './prune';
import { prepare, scorePrepared, type Prepared } from './score';

export interface ResolveOptions {
  /** Pairs scoring at least this are merged. Default 0.92. */
  threshold?: number;
  /** Pairs scoring at least this (and below `threshold`) are listed for review. Default 0.8. */
  reviewThreshold?: number;
  /** Blocks larger than this are not compared (a too-common key says little). Default 500. */
  maxBlockSize?: number;
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
 * The first words (skeletons) that are one slip apart (one letter left out, added, changed, or two
 * neighbouring letters swapped: `gvarzo` / `gvrazo`), by kind and country, found through their
 * one-deletion variants. Words with digits or under 5 letters take no part (they need an exact match).
 */
function firstWordsOneSlipApart(prepared: Prepared[]): [string, string][] {
  // The distinct first words, with their scope; then the words sharing a one-deletion variant (or equal to
  // one), found through hashes of the variants and checked on the variants themselves.
  const ids = new Map<string, number>();
  const scoped: string[] = [];
  const words: string[] = [];
  const scopes: number[] = [];
  const scopeIds = new Map<string, number>();
  for (const p of prepared) {
    if (p.tokens.length === 0) continue;
    const word = skeleton(p.tokens[0]);
    if (word.length < 5 || /\d/.test(word)) continue;
    const scope = `${p.entity.kind}:${p.country ?? '*'}:`;
    if (ids.has(scope + word)) continue;
    ids.set(scope + word, scoped.length);
    scoped.push(scope + word);
    words.push(word);
    let s = scopeIds.get(scope);
    if (s === undefined) scopeIds.set(scope, (s = scopeIds.size));
    scopes.push(s);
  }
  const keys = new Numbers();
  const codes = new HashIds(words.length);
  for (let id = 0; id < words.length; id++) {
    hashes(words[id], scopes[id], true, (h) => keys.push(codes.code(h, id)));
  }
  const sorted = keys.sorted();
  const found = new Numbers();
  const n = words.length;
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
        if (a !== b && scopes[a] === scopes[b]) found.push(Math.min(a, b) * n + Math.max(a, b));
      }
    }
    start = end;
  }
  const out: [string, string][] = [];
  const pairs = found.sorted();
  for (let k = 0; k < pairs.length; k++) {
    if (k > 0 && pairs[k] === pairs[k - 1]) continue;
    const a = Math.floor(pairs[k] / n);
    const b = pairs[k] - a * n;
    const va = variants(words[a]);
    if (![...variants(words[b])].some((v) => va.has(v))) continue;
    out.push(scoped[a] < scoped[b] ? [scoped[a], scoped[b]] : [scoped[b], scoped[a]]);
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

/**
 * Calls `visit(i, j)` (`i < j`) for every pair of entities that share a block (a pair met in several
 * blocks may be visited more than once).
 */
function forEachBlockPair(prepared: Prepared[], maxBlockSize: number, visit: (i: number, j: number) => void): void {
  const blocks = new Map<string, number[]>();
  // An entity without a country meets entities of every country that share its name keys.
  const byWildcard = new Map<string, number[]>();
  const add = (map: Map<string, number[]>, k: string, index: number): void => {
    let list = map.get(k);
    if (!list) map.set(k, (list = []));
    list.push(index);
  };
  // The `first:` block of each entity: a pair in one of them is visited there, not again in other blocks.
  const firstBlock: (number[] | undefined)[] = new Array(prepared.length);
  for (const p of prepared) {
    for (const k of blockingKeys(p)) {
      add(blocks, k, p.index);
      const parts = k.split(':');
      if (parts[0] === 'first') {
        firstBlock[p.index] = blocks.get(k);
        add(byWildcard, `${parts[0]}:${parts[1]}:${parts.slice(3).join(':')}`, p.index);
      }
    }
  }
  const addBlock = (members: number[], onlyWithUnknown: boolean, first: boolean): void => {
    if (members.length < 2 || members.length > maxBlockSize) return;
    for (let x = 0; x < members.length; x++) {
      for (let y = x + 1; y < members.length; y++) {
        const i = Math.min(members[x], members[y]);
        const j = Math.max(members[x], members[y]);
        if (i === j) continue;
        if (onlyWithUnknown && prepared[i].country !== undefined && prepared[j].country !== undefined) continue;
        const f = firstBlock[i];
        if (!first && f !== undefined && f === firstBlock[j] && f.length <= maxBlockSize) continue;
        visit(i, j);
      }
    }
  };
  for (const [k, members] of blocks) addBlock(members, false, k.startsWith('first:'));
  for (const members of byWildcard.values()) {
    if (members.some((i) => prepared[i].country === undefined)) addBlock(members, true, false);
  }
  // First words one slip apart (`Gwarzo` / `Gwrazo`): their entities meet across the two blocks.
  const byFirstWord = new Map<string, number[]>();
  for (const p of prepared) {
    if (p.tokens.length === 0) continue;
    add(byFirstWord, `${p.entity.kind}:${p.country ?? '*'}:${skeleton(p.tokens[0])}`, p.index);
  }
  for (const [x, y] of firstWordsOneSlipApart(prepared)) {
    const mx = byFirstWord.get(x) ?? [];
    const my = byFirstWord.get(y) ?? [];
    if (mx.length + my.length > maxBlockSize) continue;
    for (const a of mx) {
      for (const b of my) visit(Math.min(a, b), Math.max(a, b));
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
 * The candidate pairs scoring at least `reviewThreshold`, in order of `i`, then `j`. With `prune` (the
 * default), pairs whose upper bound (`ScoreBounds`) is below the threshold are not scored; the result is
 * the same as scoring every candidate pair (`prune: false`, kept for the tests that show it).
 */
export function scoredPairs(prepared: Prepared[], options: { reviewThreshold: number; maxBlockSize: number; prune?: boolean }): ScoredPair[] {
  const list = new PairList(prepared.length);
  if (options.prune === false) {
    forEachBlockPair(prepared, options.maxBlockSize, (i, j) => list.push(i, j));
  } else {
    const bounds = new ScoreBounds(prepared);
    const threshold = options.reviewThreshold;
    forEachBlockPair(prepared, options.maxBlockSize, (i, j) => {
      if (bounds.mayReach(i, j, threshold)) list.push(i, j);
    });
  }
  const out: ScoredPair[] = [];
  for (const [i, j] of list.take()) {
    const { score, evidence } = scorePrepared(prepared[i], prepared[j]);
    if (score >= options.reviewThreshold) out.push({ i, j, score, evidence });
  }
  return out;
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
  const keys = new Numbers();
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
 * Finds entities that are the same company, person or organization written differently, merges
 * them, and lists the pairs that may be the same for a person to review. Pure and deterministic.
 */
export function resolveEntities(bundle: Bundle, options: ResolveOptions = {}): ResolveResult {
  const threshold = options.threshold ?? 0.92;
  const reviewThreshold = options.reviewThreshold ?? 0.8;
  const prepared = bundle.entities.map((e, i) => prepare(e, i));
  const scored = scoredPairs(prepared, { reviewThreshold, maxBlockSize: options.maxBlockSize ?? 500 });

  const uf = new UnionFind(prepared.length);
  // Strongest pairs first, so a chain is built from its best links; a link that would put two
  // known countries or two registration numbers in one group is not made (it goes to review).
  scored.sort((p, q) => q.score - p.score || p.i - q.i || p.j - q.j);
  const countries = prepared.map((p) => new Set(p.country ? [p.country] : []));
  const registrations = prepared.map((p) => new Set(p.registration ? [p.registration] : []));
  const conflict = (a: Set<string>, b: Set<string>): boolean =>
    a.size > 0 && b.size > 0 && ([...a].some((x) => !b.has(x)) || [...b].some((x) => !a.has(x)));
  const strong: typeof scored = [];
  const review: typeof scored = [];
  for (const s of scored) {
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
    if (conflict(countries[ri], countries[rj]) || conflict(registrations[ri], registrations[rj])) {
      review.push({ ...s, evidence: [...s.evidence, 'not merged: it would join records of different countries or registration numbers'] });
      continue;
    }
    uf.union(s.i, s.j);
    const r = uf.find(s.i);
    countries[r] = new Set([...countries[ri], ...countries[rj]]);
    registrations[r] = new Set([...registrations[ri], ...registrations[rj]]);
    strong.push(s);
  }
  strong.sort((p, q) => p.i - q.i || p.j - q.j);

  const groups = new Map<number, number[]>();
  for (let i = 0; i < prepared.length; i++) {
    const r = uf.find(i);
    let g = groups.get(r);
    if (!g) groups.set(r, (g = []));
    g.push(i);
  }

  const entities = bundle.entities;
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
      score: Math.min(...edges.map((e) => e.score)),
      evidence: edges.map((e) => `${entities[e.i].id} ~ ${entities[e.j].id} (${e.score}): ${e.evidence.join('; ')}`),
    });
    replaced.set(keptAt, mergeEntity(kept, others.map((m) => entities[m])));
  }

  const possible: PossibleMatch[] = review
    .filter((r) => uf.find(r.i) !== uf.find(r.j))
    .sort((p, q) => q.score - p.score || p.i - q.i || p.j - q.j)
    .map((r) => ({ a: entities[r.i].id, b: entities[r.j].id, score: r.score, evidence: r.evidence }));

  // The report's object: no prototype, and every id an own property (even "__proto__").
  const aliasObject = Object.create(null) as Record<string, string>;
  for (const [from, into] of aliases) Object.defineProperty(aliasObject, from, { value: into, enumerable: true, writable: true, configurable: true });
  if (merges.length === 0) {
    return { bundle, merges, possible, aliases: aliasObject, dropped: { relations: 0, shipments: 0 } };
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
  };
}
