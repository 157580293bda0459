import { ISIC_REV4_ROWS } from './isic-rev4';
import { editDistance } from './suggest';
import { fold } from './text';

/** A division (2 digits), group (3) or class (4) of ISIC Rev.4. */
export interface IsicEntry {
  code: string;
  level: 'division' | 'group' | 'class';
  /** The section letter (A to U). */
  section: string;
  /** The code of the level above (the section letter for a division). */
  parent: string;
  description: string;
}

const ENTRIES: ReadonlyMap<string, IsicEntry> = new Map(
  ISIC_REV4_ROWS.filter(([, level]) => level !== 'section').map(([code, level, section, parent, description]) => [
    code,
    { code, level: level as IsicEntry['level'], section, parent, description },
  ]),
);

/** The ISIC Rev.4 division, group or class with this code (`"0111"`, `"466"`, `"47"`), if it exists. */
export function isicEntry(code: string): IsicEntry | undefined {
  return ENTRIES.get(code);
}

/** Every division, group and class, in code order. */
export function isicEntries(): IsicEntry[] {
  return [...ENTRIES.values()];
}

/** A keyword of a line of business and the ISIC code it stands for (data/reference/sector-keywords.csv). */
export interface SectorHint {
  keyword: string;
  isic: string;
}

/** What a free-text sector and an ISIC code have to do with each other. */
export interface SectorJudgement {
  /** `unknown` when the text says too little to tell (no keyword, no word that fits a title). */
  verdict: 'agrees' | 'disagrees' | 'unknown';
  /** When the text reads as other codes: those codes (at most 3). */
  readings: string[];
  /** The keyword of the hints that gave the reading, when one did. */
  keyword?: string;
}

// ---- words -------------------------------------------------------------------------------------------------

/** Words that say how a business trades rather than in what: the text and the code must not contradict them. */
const ACTIVITY: Readonly<Record<string, 'retail' | 'wholesale' | 'manufacture'>> = Object.assign(
  Object.create(null) as Record<string, 'retail' | 'wholesale' | 'manufacture'>,
  {
    retail: 'retail', retailer: 'retail', retailers: 'retail', shop: 'retail', shops: 'retail', store: 'retail',
    stores: 'retail', outlet: 'retail', outlets: 'retail', kiosk: 'retail', boutique: 'retail',
    wholesale: 'wholesale', wholesaler: 'wholesale', wholesalers: 'wholesale', distributor: 'wholesale',
    distributors: 'wholesale', importer: 'wholesale', importers: 'wholesale', exporter: 'wholesale',
    exporters: 'wholesale', import: 'wholesale', export: 'wholesale',
    manufacture: 'manufacture', manufacturer: 'manufacture', manufacturers: 'manufacture',
    manufacturing: 'manufacture', maker: 'manufacture', makers: 'manufacture', factory: 'manufacture',
    factories: 'manufacture', producer: 'manufacture', producers: 'manufacture', production: 'manufacture',
  },
);

/** Words that say nothing about the line of business. */
const STOP = new Set(
  (
    'and or of the for in on at with without from to by other others nec related activities activity services service ' +
    'sale sales trade trading company companies ltd limited inc llc plc gmbh aps srl spa sti sirketi ticaret business ' +
    'businesses general products product goods articles items equipment supplies supply specialised specialized various ' +
    'except similar own their not'
  ).split(' '),
);

/** Folded words, spelled one way (fertilizer → fertiliser). */
function words(text: string): string[] {
  return fold(text)
    .split(' ')
    .filter((w) => w.length >= 3 && !/^\d+$/.test(w))
    .map((w) => w.replace(/iz/g, 'is').replace(/yz/g, 'ys'));
}

/** Whether two words are the same word, a plural, or share their stem (pharmacy ~ pharmaceutical, agency ~ agencies). */
function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  const [s, l] = a.length <= b.length ? [a, b] : [b, a];
  if (s.length >= 4 && l.startsWith(s)) return true;
  if (s.length >= 3 && (l === `${s}s` || l === `${s}es`)) return true;
  let cp = 0;
  while (cp < s.length && s[cp] === l[cp]) cp++;
  return s.length >= 5 && cp >= Math.max(5, Math.min(6, s.length - 1));
}

interface TitleWords {
  words: Set<string>;
  activities: Set<string>;
}

const TITLE_WORDS = new Map<string, TitleWords>();

/** The words of a code's description and of the levels above it, without "except …" clauses. */
function titleWords(code: string): TitleWords {
  let cached = TITLE_WORDS.get(code);
  if (cached === undefined) {
    const ws: string[] = [];
    for (let e = ENTRIES.get(code); e !== undefined; e = ENTRIES.get(e.parent)) {
      const text = e.description.replace(/\(except[^)]*\)/gi, ' ').replace(/,?\s*except\b[^;]*/gi, ' ');
      ws.push(...words(text));
    }
    cached = { words: new Set(ws), activities: new Set(ws.map((w) => ACTIVITY[w]).filter((a) => a !== undefined)) };
    TITLE_WORDS.set(code, cached);
  }
  return cached;
}

interface TextWords {
  folded: string;
  subject: string[];
  activities: Set<string>;
}

function textWords(sector: string): TextWords {
  const ws = words(sector);
  return {
    folded: fold(sector),
    subject: [...new Set(ws.filter((w) => ACTIVITY[w] === undefined && !STOP.has(w)))],
    activities: new Set(ws.map((w) => ACTIVITY[w]).filter((a) => a !== undefined)),
  };
}

/** The code's titles do not contradict the text's activity (strict: they state it, when the text states one). */
function activityFits(text: TextWords, code: string, strict = false): boolean {
  const title = titleWords(code).activities;
  if (text.activities.size === 0 || (title.size === 0 && !strict)) return true;
  for (const a of text.activities) if (title.has(a)) return true;
  return false;
}

let CLASSES_BY_WORD: Map<string, string[]> | undefined;

/** Every word of a title, with the classes whose titles (with their group's and division's) have it. */
function classesByWord(): Map<string, string[]> {
  if (CLASSES_BY_WORD === undefined) {
    CLASSES_BY_WORD = new Map();
    for (const e of ENTRIES.values()) {
      if (e.level !== 'class') continue;
      for (const w of titleWords(e.code).words) {
        const list = CLASSES_BY_WORD.get(w);
        if (list) list.push(e.code);
        else CLASSES_BY_WORD.set(w, [e.code]);
      }
    }
  }
  return CLASSES_BY_WORD;
}

const MATCHES = new Map<string, string[]>();

/** The title words that are the same word as `w` (sameWord), remembered: texts repeat their words. */
function titleWordsLike(w: string): string[] {
  let found = MATCHES.get(w);
  if (found === undefined) {
    found = [];
    for (const t of classesByWord().keys()) if (sameWord(w, t)) found.push(t);
    // Keep the memory bounded on huge inputs with ever new words.
    if (MATCHES.size >= 100_000) MATCHES.clear();
    MATCHES.set(w, found);
  }
  return found;
}

function subjectHits(text: TextWords, code: string): number {
  const title = titleWords(code).words;
  return text.subject.filter((w) => title.has(w) || titleWordsLike(w).some((t) => title.has(t))).length;
}

/** One code lies within the other (4669 and 466, 46). */
function related(a: string, b: string): boolean {
  return a.startsWith(b) || b.startsWith(a);
}

const FOLDED_HINTS = new WeakMap<readonly SectorHint[], SectorHint[]>();

/** The hints with folded keywords whose codes exist, longest keyword first (in their order among equals). */
function foldedHints(hints: readonly SectorHint[]): SectorHint[] {
  let folded = FOLDED_HINTS.get(hints);
  if (folded === undefined) {
    folded = hints
      .map((h) => ({ keyword: fold(h.keyword), isic: h.isic }))
      .filter((h) => h.keyword !== '' && ENTRIES.has(h.isic))
      .map((h, i) => ({ h, i }))
      .sort((a, b) => b.h.keyword.length - a.h.keyword.length || a.i - b.i)
      .map(({ h }) => h);
    FOLDED_HINTS.set(hints, folded);
  }
  return folded;
}

const KEYWORD_READINGS = new WeakMap<readonly SectorHint[], Map<string, SectorHint | null>>();

/** The longest keyword found in the text (as the red-flag rules read a sector), and its code; remembered per text. */
function keywordReading(text: TextWords, hints: readonly SectorHint[]): SectorHint | undefined {
  let seen = KEYWORD_READINGS.get(hints);
  if (seen === undefined) KEYWORD_READINGS.set(hints, (seen = new Map()));
  let found = seen.get(text.folded);
  if (found === undefined) {
    found = foldedHints(hints).find((h) => text.folded.includes(h.keyword)) ?? null;
    if (seen.size >= 100_000) seen.clear();
    seen.set(text.folded, found);
  }
  return found ?? undefined;
}

/**
 * The classes whose titles fit the text best (the text's activity, if it states one, and the most subject words,
 * more than half of the text's), if they are few enough (at most 3) to mean something.
 */
const TITLE_READINGS = new Map<string, string[]>();

function titleReadings(text: TextWords): string[] {
  let found = TITLE_READINGS.get(text.folded);
  if (found === undefined) {
    found = findTitleReadings(text);
    if (TITLE_READINGS.size >= 100_000) TITLE_READINGS.clear();
    TITLE_READINGS.set(text.folded, found);
  }
  return found;
}

function findTitleReadings(text: TextWords): string[] {
  const index = classesByWord();
  const hits = new Map<string, number>();
  for (const w of text.subject) {
    const classes = new Set(titleWordsLike(w).flatMap((t) => index.get(t) ?? []));
    for (const c of classes) hits.set(c, (hits.get(c) ?? 0) + 1);
  }
  let best = 0;
  let codes: string[] = [];
  for (const [code, n] of hits) {
    if (n < best || !activityFits(text, code, true)) continue;
    if (n > best) (best = n), (codes = []);
    codes.push(code);
  }
  // A reading must account for most of what the text says: `téléphonie mobile` is not a mobile food service because
  // one word of two is in its title (the other, the subject, in none), while `pharmacy` alone reads as a pharmacy.
  if (best * 2 <= text.subject.length) return [];
  return codes.length <= 3 ? codes.sort() : [];
}

/**
 * Judges whether a free-text line of business and an ISIC code agree, in two ways that can be explained:
 *
 * - keywords: the longest keyword of `hints` found in the text names a code (as the red-flag rules read a sector);
 * - titles: the text's words are split into activity words (retail, shop, store; wholesale, distributor,
 *   importer; manufacture, maker, producer, factory) and subject words (the rest, less small words such as
 *   "and", "sale", "company"). A code fits the text when its description, with those of its group and division,
 *   has the text's activity (or none) and shares a subject word with it (pharmacy ~ pharmaceutical).
 *
 * They agree when the code fits the text, or when the keyword's code is the code or lies within it or around it
 * (4669 and 466). They disagree when the text reads as something else: the keyword's code (if it fits the
 * text's activity), or else the at most three classes whose titles fit the text best. Otherwise the text says too
 * little to tell (`unknown`), and nothing is claimed.
 */
export function judgeSector(sector: string, code: string, hints: readonly SectorHint[] = []): SectorJudgement {
  if (!ENTRIES.has(code)) return { verdict: 'unknown', readings: [] };
  const text = textWords(sector);
  if (activityFits(text, code) && subjectHits(text, code) > 0) return { verdict: 'agrees', readings: [] };
  const hint = keywordReading(text, hints);
  if (hint !== undefined && related(hint.isic, code)) return { verdict: 'agrees', readings: [], keyword: hint.keyword };
  // `Fertiliser` (or `Engrais`) with ISIC 4669: the text names the goods, not how the business trades in them; the
  // keyword's own code (retail) is a default, and a longer keyword of the same goods names the code given
  // (`fertiliser wholesale`, 4669). No contradiction.
  if (hint !== undefined && text.activities.size === 0 && foldedHints(hints).some((h) => h.keyword.length > hint.keyword.length && h.keyword.includes(hint.keyword) && related(h.isic, code))) {
    return { verdict: 'agrees', readings: [], keyword: hint.keyword };
  }
  if (hint !== undefined && activityFits(text, hint.isic)) return { verdict: 'disagrees', readings: [hint.isic], keyword: hint.keyword };
  const readings = titleReadings(text);
  if (readings.length === 0) return { verdict: 'unknown', readings: [] };
  if (readings.some((r) => related(r, code))) return { verdict: 'agrees', readings: [] };
  return { verdict: 'disagrees', readings };
}

// ---- messages ----------------------------------------------------------------------------------------------

function show(raw: string): string {
  return JSON.stringify(raw.length > 60 ? `${raw.slice(0, 57)}...` : raw);
}

/** `4772 (Retail sale of pharmaceutical and medical goods, …)` */
export function describeIsic(code: string): string {
  const e = ENTRIES.get(code);
  return e === undefined ? code : `${code} (${e.description})`;
}

function orList(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/**
 * A warning when the free-text sector and the ISIC code disagree (see `judgeSector`), naming both and what
 * the text reads as; undefined when they agree or the text says too little.
 */
export function sectorDisagreement(sector: string, code: string, hints: readonly SectorHint[] = []): string | undefined {
  const j = judgeSector(sector, code, hints);
  if (j.verdict !== 'disagrees') return undefined;
  const reads =
    j.keyword !== undefined
      ? `the sector reads as ${describeIsic(j.readings[0])} (by the sector keyword "${j.keyword}")`
      : `the sector's words fit ${orList(j.readings.map(describeIsic))}`;
  return `the sector ${show(sector)} and ISIC ${describeIsic(code)} disagree: ${reads}; check which is right`;
}

// ---- reading codes -----------------------------------------------------------------------------------------

export type IsicReading = { ok: true; value: string; note?: string } | { ok: false; reason: string };

/** What a code-reading knows of the row: its free-text sector, and keywords that map sectors to codes. */
export interface IsicContext {
  sector?: string;
  hints?: readonly SectorHint[];
}

const LEVEL = (code: string) => ENTRIES.get(code)!.level;

/**
 * Existing codes close to an unknown one: first the close ones whose description fits the sector text, then
 * what the sector text reads as, then the other close ones (one digit changed, added, dropped or swapped).
 */
export function suggestIsic(code: string, context: IsicContext = {}): string[] {
  const prefix = (c: string) => {
    let n = 0;
    while (n < c.length && c[n] === code[n]) n++;
    return n;
  };
  const near = [...ENTRIES.keys()]
    .map((c) => ({ c, d: editDistance(c, code), same: c.length === code.length ? 0 : 1, p: prefix(c) }))
    .filter((x) => x.d <= 1)
    .sort((a, b) => a.d - b.d || a.same - b.same || b.p - a.p || Math.abs(Number(a.c) - Number(code)) - Math.abs(Number(b.c) - Number(code)) || (a.c < b.c ? -1 : 1))
    .map((x) => x.c);
  if (context.sector !== undefined && context.sector.trim() !== '') {
    const text = textWords(context.sector);
    const hint = keywordReading(text, context.hints ?? []);
    const keyword = hint !== undefined ? [hint.isic] : [];
    const titles = titleReadings(text);
    const fitting = [...keyword, ...titles];
    const fitsText = (c: string) => fitting.some((f) => related(f, c)) || (activityFits(text, c) && subjectHits(text, c) > 0);
    return [...new Set([...near.filter(fitsText), ...keyword, ...near, ...titles])].slice(0, 3);
  }
  return near.slice(0, 3);
}

/**
 * Reads an ISIC Rev.4 code: a division (2 digits), group (3) or class (4) that exists. A code that lost its
 * leading zero to a spreadsheet (`111` for 0111, `810` for 0810) is repaired, with a note. When both readings
 * exist (`141`: group 141, or class 0141), the sector text chooses, and the note says which and why. An
 * unknown code is refused with the closest existing codes.
 */
export function readIsic(raw: string, context: IsicContext = {}): IsicReading {
  const s = raw.trim();
  if (/^[a-u]\s*\d{2,4}$/i.test(s)) {
    return { ok: false, reason: `${show(raw)} is not an ISIC Rev.4 code: write the digits without the section letter (${s.replace(/^[a-u]\s*/i, '')})` };
  }
  if (!/^\d{1,4}$/.test(s)) return { ok: false, reason: `${show(raw)} is not an ISIC Rev.4 code (2 to 4 digits, such as 4741)` };
  const literal = s.length >= 2 && ENTRIES.has(s) ? s : undefined;
  const padded = s.length <= 3 && !s.startsWith('0') && ENTRIES.has(`0${s}`) ? `0${s}` : undefined;
  const lost = 'its leading zero was lost, as spreadsheets do with codes that look like numbers; keep the column as text';
  if (literal !== undefined && padded === undefined) return { ok: true, value: literal };
  if (padded !== undefined && literal === undefined) {
    return { ok: true, value: padded, note: `ISIC code ${show(s)} read as ${describeIsic(padded)}: ${lost}` };
  }
  if (literal !== undefined && padded !== undefined) {
    const both = `ISIC code ${show(s)} is ${LEVEL(literal)} ${describeIsic(literal)}, or ${LEVEL(padded)} ${describeIsic(padded)} if its leading zero was lost`;
    const sector = context.sector?.trim() ?? '';
    if (sector !== '') {
      const fits = (c: string) => judgeSector(sector, c, context.hints ?? []).verdict === 'agrees';
      if (fits(padded) && !fits(literal)) return { ok: true, value: padded, note: `${both}; read as ${padded}, which fits the sector ${show(sector)}` };
      if (fits(literal) && !fits(padded)) return { ok: true, value: literal, note: `${both}; read as ${literal}, which fits the sector ${show(sector)}` };
    }
    return { ok: true, value: literal, note: `${both}; read as ${literal}, as written (${sector === '' ? 'there is no sector text to tell' : 'the sector text does not tell'}); write ${padded} if that is meant` };
  }
  const suggestions = suggestIsic(s, context);
  const hint = suggestions.length > 0 ? `; did you mean ${orList(suggestions.map(describeIsic))}?` : ' (2 to 4 digits, such as 4741)';
  return { ok: false, reason: `${show(raw)} is not an ISIC Rev.4 code${hint}` };
}
