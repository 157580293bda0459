import { judgeSector, sectorDisagreement, type Bundle, type DataIssue, type Entity, type Shipment } from '@chokepoint/model';
import type { CrossingAnalysis } from '@chokepoint/engine';
import { buildColumns, indexLists, type FlagColumns, type IndexLists } from './columns';
import { ownFitRows, type ReferenceData, type SectorFit, type SectorKeyword, type WatchItem } from './reference';
import { Scratch } from './scratch';
import { fold } from './text';
import { PROGRESS_EVERY, type ConcentrationCheck, type FitJudgement, type FlagContext, type FlagExtras, type LineOfBusiness, type ListedMatch, type RuleProgress } from './types';

/** The two passes over the shipments that build the rules' context (buildContext's progress). */
export type ContextStep = 'columns' | 'watch list';

/** Relation kinds that bind a company group (CAR: linked, family-owned companies). */
export const GROUP_TIES = ['owner', 'director', 'family', 'shared_address'] as const;

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Whether an ISIC code starts with one of a watch-list entry's documented users. */
function usesAny(users: readonly string[], code: string): boolean {
  for (const u of users) if (code.startsWith(u)) return true;
  return false;
}

const startsWithAny = (code: string, prefixes: string[]): boolean => prefixes.some((p) => p === '*' || code.startsWith(p));

const PIECES_PER_UNIT = new Map<string, number>([
  ['pcs', 1],
  ['pairs', 2],
  ['dozen', 12],
  ['1000u', 1000],
]);

/** How many pieces a shipment counted in pieces holds (pairs, dozens and thousands multiplied out); else undefined. */
export function pieces(s: Shipment): number | undefined {
  if (s.quantity === undefined) return undefined;
  const n = s.unit === undefined ? undefined : PIECES_PER_UNIT.get(s.unit);
  return n === undefined ? undefined : s.quantity * n;
}

/** Digits of a phone number, when there are enough of them to identify a line. */
function phoneKey(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const digits = raw.replace(/\D/g, '');
  return digits.length >= 7 ? digits : undefined;
}

/**
 * The watch-list entry a shipment falls under, if any: by HS prefix (confirmed by a keyword where the
 * entry asks for one), or by keyword when the shipment has no HS code; pieces below `minPcs` are not bulk, and a
 * stated concentration at or below the entry's limit (Regulation (EU) 2019/1148, Annex I) is not a watch-list
 * event. An unknown concentration counts.
 */
export function watchMatcher(reference: Pick<ReferenceData, 'watchlist'>): (s: Shipment) => WatchItem | undefined {
  const items = reference.watchlist;
  const everyItem = items.map((_item, i) => i);
  // Which entries an HS code falls under by prefix, once per code; which entries' keywords a commodity text holds,
  // once per text (the same few codes and texts recur across a large bundle).
  const byCode = new Map<string, number[]>();
  const byText = new Map<string, boolean[]>();
  const keywordsIn = (commodity: string): boolean[] => {
    let found = byText.get(commodity);
    if (found === undefined) {
      const text = ` ${fold(commodity)} `;
      found = items.map((item) => item.keywords.some((k) => text.includes(` ${k} `) || text.includes(k)));
      byText.set(commodity, found);
    }
    return found;
  };
  return (s) => {
    let candidates: number[];
    if (s.hsCode === undefined) candidates = everyItem;
    else {
      const code = s.hsCode;
      let c = byCode.get(code);
      if (c === undefined) byCode.set(code, (c = everyItem.filter((i) => startsWithAny(code, items[i].hsPrefixes))));
      candidates = c;
    }
    for (const i of candidates) {
      const item = items[i];
      const matches = s.hsCode !== undefined ? !item.requireKeyword || keywordsIn(s.commodity)[i] : keywordsIn(s.commodity)[i];
      if (!matches) continue;
      if (item.minPcs !== undefined && s.unit === 'pcs' && (s.quantity ?? 0) < item.minPcs) continue;
      if (item.concentrationLimit !== undefined && s.concentration !== undefined && s.concentration <= item.concentrationLimit) continue;
      return item;
    }
    return undefined;
  };
}

/**
 * The watch-list entry number of each shipment (-1 for none), as `watchMatcher` would match it, by the columns: the
 * entries an HS code falls under are found once per code number, the keywords a commodity text holds once per
 * folded text number (`fold(commodity)`, which is all the keywords are looked for in), and the shipment itself is
 * read only for the entries that remain (pieces and concentration).
 */
export function watchNumbers(reference: Pick<ReferenceData, 'watchlist'>, columns: FlagColumns, progress?: RuleProgress): Int32Array {
  const items = reference.watchlist;
  const everyItem = items.map((_item, i) => i);
  const byCode: (number[] | undefined)[] = new Array(columns.hsCodes.length);
  const byText: (boolean[] | undefined)[] = new Array(columns.wordTexts.length);
  const keywordsIn = (w: number): boolean[] => {
    let found = byText[w];
    if (found === undefined) {
      const text = ` ${columns.wordTexts[w]} `;
      found = byText[w] = items.map((item) => item.keywords.some((k) => text.includes(` ${k} `) || text.includes(k)));
    }
    return found;
  };
  const count = columns.shipments.length;
  const out = new Int32Array(count).fill(-1);
  if (items.length === 0) return out;
  for (let n = 0; n < count; n++) {
    if ((n & PROGRESS_EVERY) === 0) progress?.(n, count);
    const hs = columns.hs[n];
    let candidates: number[];
    if (hs < 0) candidates = everyItem;
    else {
      let c = byCode[hs];
      if (c === undefined) {
        const code = columns.hsCodes[hs];
        c = byCode[hs] = everyItem.filter((i) => startsWithAny(code, items[i].hsPrefixes));
      }
      candidates = c;
      if (c.length === 0) continue;
    }
    for (const i of candidates) {
      const item = items[i];
      const matches = hs >= 0 ? !item.requireKeyword || keywordsIn(columns.words[n])[i] : keywordsIn(columns.words[n])[i];
      if (!matches) continue;
      const s = columns.shipments[n];
      if (item.minPcs !== undefined && s.unit === 'pcs' && (s.quantity ?? 0) < item.minPcs) continue;
      if (item.concentrationLimit !== undefined && s.concentration !== undefined && s.concentration <= item.concentrationLimit) continue;
      out[n] = i;
      break;
    }
  }
  return out;
}

/** Builds what the rules look at, once: indexes by entity, lines of business, company groups. */
/**
 * What every rule reads: the bundle's columns, indices and shared lookups. `progress(step, done, total)` is told how
 * far through the shipments its two passes are (read into columns, then matched against the watch list), once
 * every PROGRESS_EVERY + 1 of them; it plays no part in the result.
 */
export function buildContext(
  bundle: Bundle,
  analysis: CrossingAnalysis,
  reference: ReferenceData,
  radiusKm: number,
  extras: FlagExtras = {},
  progress?: (step: ContextStep, done: number, total: number) => void,
): FlagContext {
  const columns = buildColumns(bundle, progress && ((done, total) => progress('columns', done, total)));
  // The entity of an id: by its number when ids are unique (the usual case: no map of its own), else by a map made
  // on first use, in which the last entity with an id wins.
  let uniqueIds = true;
  for (let i = 0; i < columns.entityNumbers.length && uniqueIds; i++) uniqueIds = columns.entityNumbers[i] === i;
  let byId: Map<string, Entity> | undefined;
  const entities = {
    get: (id: string): Entity | undefined => {
      if (!uniqueIds) return (byId ??= new Map(bundle.entities.map((e) => [e.id, e]))).get(id);
      const e = columns.entityOf(id);
      return e >= 0 && e < bundle.entities.length ? bundle.entities[e] : undefined;
    },
  };
  // Each entity's shipments as arrays, made on first request from the index lists (most rules walk the lists).
  const listsOf = (lists: IndexLists) => {
    const made = new Map<number, Shipment[]>();
    return (id: string): Shipment[] => {
      const e = columns.entityOf(id);
      if (e < 0) return [];
      let list = made.get(e);
      if (list === undefined) {
        list = [];
        for (let k = lists.start[e]; k < lists.start[e + 1]; k++) list.push(bundle.shipments[lists.items[k]]);
        made.set(e, list);
      }
      return list;
    };
  };
  const bought = listsOf(columns.boughtBy);
  const received = listsOf(columns.receivedBy);
  const sold = listsOf(columns.soldBy);

  // Lines of business: the ISIC column, else the longest keyword found in the sector text.
  const keywords = [...reference.sectorKeywords].sort((a, b) => b.keyword.length - a.keyword.length || (a.keyword < b.keyword ? -1 : 1));
  const hints = reference.sectorKeywords.map((k) => ({ keyword: k.keyword, isic: k.isic }));
  // The reader's warnings on ISIC codes, by file: where it warned that a sector text and its code disagree, the
  // entity is judged under either reading (the benefit of the doubt), and the flags say its line of business is
  // uncertain.
  const isicWarnings = new Map<string, DataIssue[]>();
  for (const w of bundle.warnings) if (w.column === 'isic') push(isicWarnings, w.file, w);
  const sectorReadings = (e: Entity): string[] | undefined => {
    if (e.isic === undefined || e.sector === undefined) return undefined;
    const warned = isicWarnings.get(e.origin.file);
    if (warned === undefined) return undefined;
    const text = sectorDisagreement(e.sector, e.isic, hints);
    if (text === undefined) return undefined;
    // The warning names this row (its line), or says the same of several rows ("… (also on lines 12, 14)").
    const said = warned.some((w) => (w.line === e.origin.line && w.reason.startsWith('the sector ')) || w.reason === text || w.reason.startsWith(`${text} (also on line`));
    if (!said) return undefined;
    const readings = judgeSector(e.sector, e.isic, hints).readings.filter((r) => r !== e.isic);
    return readings.length > 0 ? readings : undefined;
  };
  // The entity of a number: the bundle's entity at that place when ids are unique (the usual case), else by id.
  const entityByNumber = (n: number): Entity => (uniqueIds && n < bundle.entities.length ? bundle.entities[n] : entities.get(columns.entityIds[n])!);
  // Each entity's line of business, by entity number, built on first request.
  const lines: (LineOfBusiness | undefined)[] = new Array(columns.entityIds.length);
  // The keyword a sector text maps to, once per text (many entities share one).
  const keywordOf = new Map<string, SectorKeyword | null>();
  const lineAt = (n: number): LineOfBusiness => {
    let r = n < 0 ? undefined : lines[n];
    if (r) return r;
    // An id no entity has (a payer or consignee named only by shipments): no line of business on record.
    const e = n < 0 ? undefined : entityByNumber(n);
    if (e === undefined) return {};
    if (e.isic !== undefined) {
      const readings = sectorReadings(e);
      r = { isic: e.isic, from: 'isic', sector: e.sector, ...(readings ? { sectorReadings: readings } : {}) };
    } else if (e.sector !== undefined) {
      let k = keywordOf.get(e.sector);
      if (k === undefined) {
        const text = ` ${fold(e.sector)} `;
        keywordOf.set(e.sector, (k = keywords.find((k) => text.includes(` ${k.keyword} `) || text.includes(k.keyword)) ?? null));
      }
      r = k ? { isic: k.isic, from: 'sector', keyword: k.keyword, sector: e.sector } : { sector: e.sector };
    } else r = {};
    lines[n] = r;
    return r;
  };
  const lineOfBusiness = (id: string): LineOfBusiness => lineAt(columns.entityOf(id));

  // Every rule asks about the same shipments: match each one against the watch list once (the matcher keeps what it
  // learnt of each HS code and commodity text). `watchOf` holds each shipment's entry number, -1 for none.
  const match = watchMatcher(reference);
  const watchOf = watchNumbers(reference, columns, progress && ((done, total) => progress('watch list', done, total)));
  const watch = (s: Shipment): WatchItem | undefined => match(s);
  /** The watch-listed shipments an entity bought, then those it received and did not buy: each once. */
  const watched = (id: string): Shipment[] => watchedAt(columns.entityOf(id));
  const watchedAt = (e: number): Shipment[] => {
    if (e < 0) return [];
    let found: Shipment[] | undefined;
    const { boughtBy, receivedBy, buyer } = columns;
    for (let k = boughtBy.start[e]; k < boughtBy.start[e + 1]; k++) {
      const i = boughtBy.items[k];
      if (watchOf[i] >= 0) (found ??= []).push(bundle.shipments[i]);
    }
    for (let k = receivedBy.start[e]; k < receivedBy.start[e + 1]; k++) {
      const i = receivedBy.items[k];
      if (watchOf[i] >= 0 && buyer[i] !== e) (found ??= []).push(bundle.shipments[i]);
    }
    return found ?? [];
  };

  // Sector fit: the rows of the ISIC code (its prefixes and its section), and the rows for any business (`*`),
  // which cover what a business buys for its own use and so never a watch-listed shipment.
  const universal = reference.sectorFit.filter((r) => r.isicPrefix === '*');
  const ownRows = new Map<string, SectorFit[]>();
  const rowsOf = (isic: string): SectorFit[] => {
    let rows = ownRows.get(isic);
    if (rows === undefined) ownRows.set(isic, (rows = ownFitRows(reference.sectorFit, isic)));
    return rows;
  };
  // Whether an HS code fits the own rows of an ISIC code, once per ISIC code and HS code (by the code's number in
  // columns.hsCodes: 0 not asked yet, 1 fits, 2 does not, 3 no rows).
  const hsNumber = new Map(columns.hsCodes.map((code, n) => [code, n]));
  const ownCache = new Map<string, Uint8Array>();
  const ownOf = (isic: string, hsCode: string): boolean | undefined => {
    const own = rowsOf(isic);
    return own.length === 0 ? undefined : own.some((r) => startsWithAny(hsCode, r.hsPrefixes));
  };
  const OWN = [undefined, true, false, undefined] as const;
  const fitsOwnAt = (isic: string, hs: number): boolean | undefined => {
    let known = ownCache.get(isic);
    if (known === undefined) ownCache.set(isic, (known = new Uint8Array(columns.hsCodes.length)));
    if (known[hs] === 0) {
      const result = ownOf(isic, columns.hsCodes[hs]);
      known[hs] = result === undefined ? 3 : result ? 1 : 2;
    }
    return OWN[known[hs]];
  };
  const fitsOwn = (isic: string, hsCode: string): boolean | undefined => {
    const hs = hsNumber.get(hsCode);
    return hs === undefined ? ownOf(isic, hsCode) : fitsOwnAt(isic, hs);
  };
  // The rows for any business that an HS code falls under, once per code: none (1), one without a piece limit (2),
  // else the largest limit (3; a shipment fits when some row covers it: pieces unknown, or at most the largest limit).
  const anyState = new Uint8Array(columns.hsCodes.length);
  const anyMax = new Float64Array(columns.hsCodes.length);
  const anyRows = (code: string): { state: number; max: number } => {
    let state = 1;
    let max = -Infinity;
    for (const r of universal) {
      if (!startsWithAny(code, r.hsPrefixes)) continue;
      if (r.maxPcs === undefined) state = 2;
      else {
        if (state === 1) state = 3;
        max = Math.max(max, r.maxPcs);
      }
    }
    return { state, max };
  };
  /** Whether the rows for any business cover the shipment; `hs` is the number of its HS code, when known. */
  const fitsAny = (s: Shipment, hs = hsNumber.get(s.hsCode!)): boolean => {
    let state: number;
    let max: number;
    if (hs === undefined) ({ state, max } = anyRows(s.hsCode!));
    else {
      if (anyState[hs] === 0) ({ state: anyState[hs], max: anyMax[hs] } = anyRows(columns.hsCodes[hs]));
      state = anyState[hs];
      max = anyMax[hs];
    }
    if (state !== 3) return state === 2;
    const n = pieces(s);
    return n === undefined || n <= max;
  };
  const fitsCode = (isic: string, s: Shipment, watchListed: boolean): boolean | undefined => {
    const own = fitsOwn(isic, s.hsCode!);
    return own === undefined ? undefined : own || (!watchListed && fitsAny(s));
  };
  const fit = (id: string, s: Shipment): FitJudgement => {
    const line = lineOfBusiness(id);
    const readings = line.sectorReadings ?? [];
    const watchListed = watch(s) !== undefined;
    if (s.hsCode === undefined || line.isic === undefined) return { fits: undefined, readings, watchListed };
    const own = fitsCode(line.isic, s, watchListed);
    if (own === true) return { fits: true, by: line.isic, readings, watchListed };
    // The benefit of the doubt: goods that fit what the sector text reads as fit too.
    for (const r of readings) if (fitsCode(r, s, watchListed) === true) return { fits: true, by: r, readings, watchListed };
    return { fits: own ?? (readings.length > 0 ? false : undefined), readings, watchListed };
  };
  const fits = (id: string, s: Shipment): boolean | undefined => fit(id, s).fits;
  /** Per entity number: the fit cache of its ISIC code (ownCache's array for line.isic), found once per entity. */
  const knownOf: (Uint8Array | undefined)[] = new Array(columns.entityIds.length);
  /** fitsOwnAt with the code's cache given: whether HS code number `hs` fits the own rows of `isic`. */
  const fitsOwnIn = (known: Uint8Array, isic: string, hs: number): boolean | undefined => {
    if (known[hs] === 0) {
      const result = ownOf(isic, columns.hsCodes[hs]);
      known[hs] = result === undefined ? 3 : result ? 1 : 2;
    }
    return OWN[known[hs]];
  };
  /** fitsAny of shipment n, whose HS code has number hs (the shipment read only when a piece limit applies). */
  const fitsAnyAt = (n: number, hs: number): boolean => {
    if (anyState[hs] === 0) ({ state: anyState[hs], max: anyMax[hs] } = anyRows(columns.hsCodes[hs]));
    const state = anyState[hs];
    if (state !== 3) return state === 2;
    const pcs = pieces(bundle.shipments[n]);
    return pcs === undefined || pcs <= anyMax[hs];
  };
  /** `fit(entity, shipment).fits` by numbers, without building the judgement (asked of every shipment). */
  const fitsAt = (e: number, n: number): boolean | undefined => {
    const line = lineAt(e);
    const hs = columns.hs[n];
    const isic = line.isic;
    if (hs < 0 || isic === undefined) return undefined;
    let known = knownOf[e];
    if (known === undefined) {
      known = ownCache.get(isic);
      if (known === undefined) ownCache.set(isic, (known = new Uint8Array(columns.hsCodes.length)));
      knownOf[e] = known;
    }
    const watchListed = watchOf[n] >= 0;
    const fitsOwnCode = fitsOwnIn(known, isic, hs);
    const own = fitsOwnCode === undefined ? undefined : fitsOwnCode || (!watchListed && fitsAnyAt(n, hs));
    if (own === true) return true;
    const readings = line.sectorReadings;
    if (readings === undefined) return own;
    for (const r of readings) {
      const readingOwn = fitsOwnAt(r, hs);
      if (readingOwn === true || (readingOwn === false && !watchListed && fitsAnyAt(n, hs))) return true;
    }
    return own ?? (readings.length > 0 ? false : undefined);
  };
  const fitPrefixes = (isic: string): string[] => [...new Set(rowsOf(isic).flatMap((r) => r.hsPrefixes))];

  const isUserAt = (e: number, item: WatchItem): boolean | undefined => {
    const line = lineAt(e);
    if (line.isic === undefined) return undefined;
    if (usesAny(item.users, line.isic)) return true;
    const readings = line.sectorReadings;
    if (readings === undefined) return false;
    for (const r of readings) if (usesAny(item.users, r)) return true;
    return false;
  };
  const isUser = (id: string, item: WatchItem): boolean | undefined => isUserAt(columns.entityOf(id), item);

  // Company groups: union-find over group ties, shared phone numbers and shared addresses.
  const ids = columns.entityIds;
  const index = {
    get: (id: string): number | undefined => {
      const e = columns.entityOf(id);
      return e < 0 ? undefined : e;
    },
  };
  const parent = ids.map((_id, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  // The ties of the groups, as numbers in the order they are found (each tie both ways: the source's entry, then
  // the target's), turned into each entity's list of { other, how } only when a path is asked through it (for the
  // few flags inside one group; a large bundle has hundreds of thousands of ties).
  const tieFrom: number[] = [];
  const tieTo: number[] = [];
  const tieHow: string[] = [];
  const link = (a: string, b: string, how: string, back: string) => linkAt(index.get(a)!, index.get(b)!, how, back);
  const linkAt = (x: number, y: number, how: string, back: string) => {
    union(x, y);
    tieFrom.push(x, y);
    tieTo.push(y, x);
    tieHow.push(how, back);
  };
  let tiesBy: IndexLists | undefined;
  const linkLists = new Map<number, { other: string; how: string }[]>();
  const links = {
    get: (id: string): { other: string; how: string }[] | undefined => {
      const e = columns.entityOf(id);
      if (e < 0) return undefined;
      let list = linkLists.get(e);
      if (list === undefined) {
        tiesBy ??= indexLists(Int32Array.from(tieFrom), ids.length);
        const { start, items } = tiesBy;
        if (start[e] === start[e + 1]) return undefined;
        list = [];
        for (let k = start[e]; k < start[e + 1]; k++) list.push({ other: ids[tieTo[items[k]]], how: tieHow[items[k]] });
        linkLists.set(e, list);
      }
      return list;
    },
  };
  const tieWords: Record<string, [string, string]> = {
    owner: ['owns', 'is owned by'],
    director: ['is a director of', 'has as director'],
    family: ['is family of', 'is family of'],
    shared_address: ['shares an address with', 'shares an address with'],
  };
  // The ties by the numbers of their ends (no id looked up); a tie naming an id no entity has binds nothing.
  const { relationSource, relationTarget } = columns;
  for (let r = 0; r < bundle.relations.length; r++) {
    const kind = bundle.relations[r].kind;
    if (!(GROUP_TIES as readonly string[]).includes(kind)) continue;
    const x = relationSource[r];
    const y = relationTarget[r];
    if (x >= 0 && y >= 0) linkAt(x, y, tieWords[kind][0], tieWords[kind][1]);
  }
  const byPhone = new Map<string, string>();
  const byAddress = new Map<string, string>();
  for (const e of bundle.entities) {
    const phone = phoneKey(e.attributes.phone);
    if (phone !== undefined) {
      const first = byPhone.get(phone);
      if (first === undefined) byPhone.set(phone, e.id);
      else link(first, e.id, 'shares a phone number with', 'shares a phone number with');
    }
    const address = e.address === undefined ? '' : fold(e.address);
    if (address.length >= 10) {
      const first = byAddress.get(address);
      if (first === undefined) byAddress.set(address, e.id);
      else link(first, e.id, 'shares an address with', 'shares an address with');
    }
  }
  // Each entity's group, once: the group number (the first member's entity number); the members of each group as
  // an index list (in entity order), and a group's object (its number and member ids) made on first request: most
  // groups are one entity, and few are asked for.
  const groupOf = new Int32Array(ids.length);
  for (let i = 0; i < ids.length; i++) groupOf[i] = find(i < columns.entityNumbers.length ? columns.entityNumbers[i] : i);
  const membersOf = indexLists(groupOf, ids.length);
  const groups = new Map<number, { id: number; members: string[] }>();
  const groupAt = (e: number) => {
    if (e < 0) return NO_GROUP;
    const root = groupOf[e];
    let g = groups.get(root);
    if (g === undefined) {
      const members: string[] = [];
      for (let k = membersOf.start[root]; k < membersOf.start[root + 1]; k++) members.push(ids[membersOf.items[k]]);
      groups.set(root, (g = { id: root, members }));
    }
    return g;
  };
  const group = (id: string) => groupAt(columns.entityOf(id));
  const groupSize = (e: number): number => (e < 0 ? 0 : membersOf.start[groupOf[e] + 1] - membersOf.start[groupOf[e]]);
  /**
   * Ties linking `a` to each of `targets` (members of its group), by one breadth-first search from `a` up to
   * MAX_PATH ties (undefined beyond, or outside the group). The search stops once every target is reached; the
   * path to a target is the same as a search for that target alone would give.
   */
  const MAX_PATH = 6;
  const groupPaths = (a: string, targets: readonly string[]): (string[] | undefined)[] => {
    const wanted = new Set(targets.filter((b) => b !== a && group(b).id === group(a).id));
    const prev = new Map<string, { from: string; how: string }>([[a, { from: a, how: '' }]]);
    const depth = new Map<string, number>([[a, 0]]);
    let left = wanted.size;
    const queue = [a];
    for (let i = 0; i < queue.length && left > 0; i++) {
      if (depth.get(queue[i])! >= MAX_PATH) break;
      for (const l of links.get(queue[i]) ?? []) {
        if (prev.has(l.other)) continue;
        prev.set(l.other, { from: queue[i], how: l.how });
        depth.set(l.other, depth.get(queue[i])! + 1);
        queue.push(l.other);
        if (wanted.has(l.other)) left--;
      }
    }
    return targets.map((b) => {
      if (b === a) return [];
      if (!wanted.has(b) || !prev.has(b)) return undefined;
      const steps: string[] = [];
      for (let x = b; x !== a; x = prev.get(x)!.from) {
        const p = prev.get(x)!;
        steps.unshift(`${label(p.from)} ${p.how} ${label(x)}`);
      }
      return steps;
    });
  };
  const groupPath = (a: string, b: string): string[] | undefined => groupPaths(a, [b])[0];
  /**
   * How two members of one group are linked, for the rules that judge trade inside a group (asked once per
   * flagged shipment, so it must stay cheap in groups of many thousands): one tie, or two through a common
   * neighbour, when there are such; else, in groups of at most LINK_BUDGET entities, a shortest path of at most
   * MAX_PATH ties; otherwise the path through the group's spanning tree (one search per group, built on first
   * use), which links the two though not always by the fewest ties.
   */
  const LINK_BUDGET = 256;
  const linkCache = new Map<string, string[]>();
  /** A tree node: its parent, the tie to it, its depth, and (built on first use) the sentence of that tie. */
  type TreeNode = { from: string; how: string; depth: number; words?: string };
  const trees = new Map<number, Map<string, TreeNode>>();
  const treeOf = (root: string) => {
    const id = group(root).id;
    let tree = trees.get(id);
    if (tree === undefined) {
      const start = ids[id];
      tree = new Map<string, TreeNode>([[start, { from: start, how: '', depth: 0 }]]);
      const queue = [start];
      for (let i = 0; i < queue.length; i++) {
        const depth = tree.get(queue[i])!.depth + 1;
        for (const l of links.get(queue[i]) ?? []) {
          if (tree.has(l.other)) continue;
          tree.set(l.other, { from: queue[i], how: l.how, depth });
          queue.push(l.other);
        }
      }
      trees.set(id, tree);
    }
    return tree;
  };
  const step = (from: string, how: string, to: string) => `${label(from)} ${how} ${label(to)}`;
  /** Each neighbour of an entity with the first tie to it (in the order of `links`), built once per entity. */
  const firstTiesOf = new Map<string, Map<string, string>>();
  const firstTies = (id: string): Map<string, string> => {
    let ties = firstTiesOf.get(id);
    if (ties === undefined) {
      ties = new Map();
      for (const l of links.get(id) ?? []) if (!ties.has(l.other)) ties.set(l.other, l.how);
      firstTiesOf.set(id, ties);
    }
    return ties;
  };
  const shortLink = (a: string, b: string): string[] | undefined => {
    // One tie, or two through a common neighbour: found without a search (the usual case: a parent and its
    // subsidiary, two companies of one owner).
    const fromA = links.get(a) ?? [];
    const direct = firstTies(a).get(b);
    if (direct !== undefined) return [step(a, direct, b)];
    const toB = firstTies(b);
    const via = fromA.find((l) => toB.has(l.other));
    if (via) {
      const back = firstTies(via.other).get(b)!;
      return [step(a, via.how, via.other), step(via.other, back, b)];
    }
    // Longer: a search from a, within MAX_PATH ties, in groups small enough for one search per pair.
    if (group(a).members.length > LINK_BUDGET) return undefined;
    const prev = new Map<string, { from: string; how: string; depth: number }>([[a, { from: a, how: '', depth: 0 }]]);
    const queue = [a];
    for (let i = 0; i < queue.length; i++) {
      const depth = prev.get(queue[i])!.depth;
      if (depth >= MAX_PATH) break;
      for (const l of links.get(queue[i]) ?? []) {
        if (prev.has(l.other)) continue;
        prev.set(l.other, { from: queue[i], how: l.how, depth: depth + 1 });
        if (l.other === b) {
          const steps: string[] = [];
          for (let x = b; x !== a; x = prev.get(x)!.from) steps.unshift(step(prev.get(x)!.from, prev.get(x)!.how, x));
          return steps;
        }
        queue.push(l.other);
      }
    }
    return undefined;
  };
  const treeLink = (a: string, b: string): string[] => {
    const tree = treeOf(a);
    // Climb from both ends to the lowest common ancestor; tree edges are stored child → parent.
    const up = (x: string) => tree.get(x)!;
    // The sentence of x's tie to its parent, built once per tree node (paths in a large group share their upper steps).
    const words = (x: string): string => {
      const node = up(x);
      return (node.words ??= `${label(node.from)} ${node.how} ${label(x)}`);
    };
    const fromA: string[] = [];
    const fromB: string[] = [];
    let x = a;
    let y = b;
    while (up(x).depth > up(y).depth) (fromA.push(words(x)), (x = up(x).from));
    while (up(y).depth > up(x).depth) (fromB.push(words(y)), (y = up(y).from));
    while (x !== y) {
      fromA.push(words(x));
      fromB.push(words(y));
      x = up(x).from;
      y = up(y).from;
    }
    // Each step is a true sentence (parent → child); in order from a up to the common ancestor, then down to b.
    return [...fromA, ...fromB.reverse()];
  };
  const groupLink = (a: string, b: string): string[] | undefined => {
    if (a === b || group(a).id !== group(b).id) return undefined;
    const key = `${a}\u0000${b}`;
    let link = linkCache.get(key);
    if (link === undefined) {
      link = shortLink(a, b) ?? treeLink(a, b);
      linkCache.set(key, link);
    }
    return link;
  };
  const concentration = (s: Shipment, item: WatchItem): ConcentrationCheck | undefined =>
    item.concentrationLimit === undefined
      ? undefined
      : { stated: s.concentration ?? null, limit: item.concentrationLimit, basis: item.concentrationBasis ?? 'w/w', source: item.concentrationSource ?? item.source };

  const labels = new Map<string, string>();
  const label = (id: string): string => {
    let text = labels.get(id);
    if (text === undefined) {
      const e: Entity | undefined = entities.get(id);
      labels.set(id, (text = e === undefined ? id : `${e.name} (${id})`));
    }
    return text;
  };
  const describeHs = (code: string): string | undefined =>
    reference.hsDescriptions.get(code) ?? reference.hsDescriptions.get(code.slice(0, 4)) ?? undefined;

  return {
    bundle,
    analysis,
    reference,
    entity: (id) => entities.get(id)!,
    entityAt: (e) => (e >= 0 && e < bundle.entities.length ? bundle.entities[e] : undefined),
    bought,
    received,
    sold,
    lineOfBusiness,
    lineAt,
    fits,
    fitsAt,
    fit,
    fitPrefixes,
    watch,
    watched,
    watchedAt,
    watchAt: (n) => (watchOf[n] < 0 ? undefined : reference.watchlist[watchOf[n]]),
    isUser,
    isUserAt,
    group,
    groupAt,
    groupSize,
    groupPath,
    groupPaths,
    groupLink,
    concentration,
    describeHs,
    label,
    radiusKm,
    listed: (id) => extras.listed?.get(id) ?? NONE_LISTED,
    screened: extras.listed !== undefined,
    columns,
    watchOf,
    groupOf,
    scratch: new Scratch(),
  };
}

const NONE_LISTED: readonly ListedMatch[] = [];
/** The group of an id that no entity or shipment has. */
const NO_GROUP = { id: -1, members: [] as string[] };

