import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { isicEntry } from '@chokepoint/model';
import { ReferenceDataError } from './errors';
import { fold } from './text';

/**
 * What a watch-listed commodity is: an explosives precursor, an IED component (the shipped list holds these two), or
 * dual-use goods (items such as the integrated circuits of the Common High Priority List, which a rules file adds:
 * data/rules/common-high-priority-list.yaml), with the words a flag says it in.
 */
export const WATCH_CATEGORIES = {
  'explosive-precursor': 'an explosives precursor',
  'ied-component': 'an IED component',
  'dual-use': 'dual-use goods',
} as const;
export type WatchCategory = keyof typeof WATCH_CATEGORIES;

/** Whether a value is a watch list category. */
export function isWatchCategory(value: unknown): value is WatchCategory {
  return typeof value === 'string' && Object.hasOwn(WATCH_CATEGORIES, value);
}

/** A watch-listed commodity (explosive precursor, IED component or dual-use goods) and who legitimately uses it. */
export interface WatchItem {
  id: string;
  name: string;
  category: WatchCategory;
  hsPrefixes: string[];
  /** Folded keywords: match shipments without an HS code; confirm an HS match when `requireKeyword`. */
  keywords: string[];
  requireKeyword: boolean;
  /** Shipments counted in pieces below this are not "in bulk" and do not count. */
  minPcs?: number;
  /**
   * Concentration limit in percent (Regulation (EU) 2019/1148, Annex I, column 2): a shipment whose stated
   * concentration is at or below it is not a watch-list event. Absent when the entry has no limit.
   */
  concentrationLimit?: number;
  /** What the limit measures: 'w/w' (default) or 'nitrogen w/w' (ammonium nitrate). */
  concentrationBasis?: string;
  /** Where the limit comes from. */
  concentrationSource?: string;
  /** ISIC prefixes of documented professional users. */
  users: string[];
  /** Why those are the documented users: the guidance and notes the list follows. */
  usersSource: string;
  source: string;
}

/**
 * A line of business and the goods (HS prefixes, or '*') that fit it. The line of business is an ISIC Rev.4 prefix
 * (a division, group or class), an ISIC section letter (A to U: every class of the section), or '*' (any business).
 */
export interface SectorFit {
  isicPrefix: string;
  hsPrefixes: string[];
  rationale: string;
  /**
   * The row covers a shipment counted in pieces (pcs, pairs, dozens, thousands) only up to this many pieces; other
   * shipments whatever their quantity. Used on rows for any business, whose goods a business buys for its own use: a
   * few dozen routers equip an office, thousands are stock in trade.
   */
  maxPcs?: number;
}

/** A phrase in free-text sector descriptions and the ISIC class it stands for. */
export interface SectorKeyword {
  keyword: string;
  isic: string;
  rationale: string;
}

/** A transshipment hub: a jurisdiction that published guidance names as a point through which goods are diverted. */
export interface TransshipmentHub {
  /** ISO 3166-1 alpha-2 code. */
  country: string;
  name: string;
  /** The destinations of concern the guidance names (goods for them through the hub); empty: any destination. */
  destinations: string[];
  source: string;
}

export interface ReferenceData {
  watchlist: WatchItem[];
  sectorFit: SectorFit[];
  sectorKeywords: SectorKeyword[];
  /** Transshipment hubs (transshipment-hubs.csv); empty when the table is not given. */
  hubs?: TransshipmentHub[];
  /** HS code → description, from the Harmonized System list. */
  hsDescriptions: Map<string, string>;
}

type Row = Record<string, string>;

/** What a concentration limit can measure: the substance by weight, or (ammonium nitrate) its nitrogen by weight. */
export const CONCENTRATION_BASES = ['w/w', 'nitrogen w/w'];

function rows(text: string, file: string, required: string[]): { line: number; row: Row }[] {
  let records: { record: Row; info: { lines: number } }[];
  try {
    records = parse(text, { columns: true, bom: true, trim: true, skip_empty_lines: true, info: true }) as typeof records;
  } catch (err) {
    throw new ReferenceDataError(`${file}: not valid CSV (${(err as Error).message})`);
  }
  const header = records.length > 0 ? Object.keys(records[0].record) : [];
  for (const column of required) {
    if (records.length > 0 && !header.includes(column)) throw new ReferenceDataError(`${file} line 1: missing column "${column}"`);
  }
  return records.map((r) => ({ line: r.info.lines, row: r.record }));
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split('|')
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/** ISIC Rev.4 section letters: a sector-fit row may name a whole section. */
export const ISIC_SECTIONS = 'ABCDEFGHIJKLMNOPQRSTU';

/** Whether a sector-fit line of business is an ISIC section letter (A to U). */
export const isSection = (prefix: string): boolean => prefix.length === 1 && ISIC_SECTIONS.includes(prefix);

/**
 * The sector-fit rows of a line of business (an ISIC code), besides the rows for any business: rows whose ISIC
 * prefix starts the code, and rows naming the code's section.
 */
export function ownFitRows(rows: readonly SectorFit[], isic: string): SectorFit[] {
  const section = isicEntry(isic)?.section;
  return rows.filter((r) => r.isicPrefix !== '*' && (isSection(r.isicPrefix) ? r.isicPrefix === section : isic.startsWith(r.isicPrefix)));
}

function digits(values: string[], file: string, line: number, column: string, allowStar: boolean, allowSection = false): string[] {
  for (const v of values) {
    if (!(/^\d+$/.test(v) || (allowStar && v === '*') || (allowSection && isSection(v)))) {
      const also = [...(allowStar ? ["'*'"] : []), ...(allowSection ? ['an ISIC section letter (A to U)'] : [])];
      throw new ReferenceDataError(`${file} line ${line}, column "${column}": ${JSON.stringify(v)} is not a code of digits${also.length > 0 ? ` or ${also.join(' or ')}` : ''}`);
    }
  }
  return values;
}

/** Parses the reference tables from their CSV text. Pure; `loadReference` reads them from disk. */
export function parseReference(texts: { watchlist: string; sectorFit: string; sectorKeywords: string; hs?: string; hubs?: string }): ReferenceData {
  const watchlist: WatchItem[] = rows(texts.watchlist, 'watchlist.csv', ['id', 'name', 'category', 'hs_prefixes', 'keywords', 'require_keyword', 'min_pcs', 'users', 'source']).map(
    ({ line, row }) => {
      const category = row.category;
      if (!isWatchCategory(category)) {
        throw new ReferenceDataError(`watchlist.csv line ${line}, column "category": unknown category ${JSON.stringify(category)} (expected ${Object.keys(WATCH_CATEGORIES).join(', ')})`);
      }
      const minPcs = row.min_pcs === '' || row.min_pcs === undefined ? undefined : Number(row.min_pcs);
      if (minPcs !== undefined && !Number.isInteger(minPcs)) {
        throw new ReferenceDataError(`watchlist.csv line ${line}, column "min_pcs": not a whole number`);
      }
      const limit = row.concentration_limit === '' || row.concentration_limit === undefined ? undefined : Number(row.concentration_limit);
      if (limit !== undefined && !(Number.isFinite(limit) && limit > 0 && limit <= 100)) {
        throw new ReferenceDataError(`watchlist.csv line ${line}, column "concentration_limit": ${JSON.stringify(row.concentration_limit)} is not a percentage above 0 and at most 100`);
      }
      const basis = row.concentration_basis === undefined || row.concentration_basis === '' ? undefined : row.concentration_basis;
      if (basis !== undefined && !CONCENTRATION_BASES.includes(basis)) {
        throw new ReferenceDataError(`watchlist.csv line ${line}, column "concentration_basis": ${JSON.stringify(basis)} is not one of ${CONCENTRATION_BASES.join(', ')}`);
      }
      return {
        id: row.id,
        name: row.name,
        category,
        hsPrefixes: digits(list(row.hs_prefixes), 'watchlist.csv', line, 'hs_prefixes', false),
        keywords: list(row.keywords).map(fold),
        requireKeyword: /^(yes|true|1)$/i.test(row.require_keyword ?? ''),
        minPcs,
        ...(limit === undefined
          ? {}
          : { concentrationLimit: limit, concentrationBasis: basis ?? 'w/w', concentrationSource: row.concentration_source || row.source }),
        users: digits(list(row.users), 'watchlist.csv', line, 'users', false),
        usersSource: row.users_source || row.source,
        source: row.source,
      };
    },
  );
  const sectorFit: SectorFit[] = rows(texts.sectorFit, 'sector-fit.csv', ['isic_prefix', 'hs_prefixes', 'rationale']).map(({ line, row }) => {
    const maxPcs = row.max_pcs === undefined || row.max_pcs === '' ? undefined : Number(row.max_pcs);
    if (maxPcs !== undefined && !(Number.isInteger(maxPcs) && maxPcs > 0)) {
      throw new ReferenceDataError(`sector-fit.csv line ${line}, column "max_pcs": ${JSON.stringify(row.max_pcs)} is not a whole number above 0`);
    }
    return {
      isicPrefix: digits([row.isic_prefix], 'sector-fit.csv', line, 'isic_prefix', true, true)[0],
      hsPrefixes: digits(list(row.hs_prefixes), 'sector-fit.csv', line, 'hs_prefixes', true),
      rationale: row.rationale,
      ...(maxPcs === undefined ? {} : { maxPcs }),
    };
  });
  const sectorKeywords: SectorKeyword[] = rows(texts.sectorKeywords, 'sector-keywords.csv', ['keyword', 'isic']).map(({ line, row }) => ({
    keyword: fold(row.keyword),
    isic: digits([row.isic], 'sector-keywords.csv', line, 'isic', false)[0],
    rationale: row.rationale ?? '',
  }));
  const hsDescriptions = new Map<string, string>();
  if (texts.hs !== undefined) {
    for (const { row } of rows(texts.hs, 'hs/harmonized-system.csv', ['hscode', 'description'])) hsDescriptions.set(row.hscode, row.description);
  }
  const hubs: TransshipmentHub[] = [];
  if (texts.hubs !== undefined) {
    const country = (v: string, line: number, column: string): string => {
      if (!/^[A-Z]{2}$/.test(v)) throw new ReferenceDataError(`transshipment-hubs.csv line ${line}, column "${column}": ${JSON.stringify(v)} is not an ISO 3166-1 alpha-2 code in capitals (such as AE)`);
      return v;
    };
    const seen = new Set<string>();
    for (const { line, row } of rows(texts.hubs, 'transshipment-hubs.csv', ['country', 'name', 'destinations', 'source'])) {
      const code = country(row.country, line, 'country');
      if (seen.has(code)) throw new ReferenceDataError(`transshipment-hubs.csv line ${line}, column "country": ${code} is listed twice`);
      seen.add(code);
      if (row.source === '') throw new ReferenceDataError(`transshipment-hubs.csv line ${line}, column "source": every hub needs the guidance that names it`);
      hubs.push({ country: code, name: row.name || code, destinations: list(row.destinations).map((d) => country(d, line, 'destinations')), source: row.source });
    }
  }
  return { watchlist, sectorFit, sectorKeywords, hsDescriptions, hubs };
}

/** The reference folder shipped with Chokepoint: data/reference at the repository root. */
export const DEFAULT_REFERENCE_DIR = join(__dirname, '..', '..', '..', 'data', 'reference');

/** The rules files shipped beside the reference tables (data/rules: the Common High Priority List's dual-use goods). */
export const SHIPPED_RULES = { commonHighPriorityList: join(__dirname, '..', '..', '..', 'data', 'rules', 'common-high-priority-list.yaml') } as const;

/** Reads watchlist.csv, sector-fit.csv, sector-keywords.csv, transshipment-hubs.csv and hs/harmonized-system.csv from a folder. */
export function loadReference(dir: string = DEFAULT_REFERENCE_DIR): ReferenceData {
  const read = (name: string): string => {
    try {
      return readFileSync(join(dir, name), 'utf8');
    } catch {
      throw new ReferenceDataError(`cannot read the reference file ${join(dir, name)}`);
    }
  };
  return parseReference({
    watchlist: read('watchlist.csv'),
    sectorFit: read('sector-fit.csv'),
    sectorKeywords: read('sector-keywords.csv'),
    hs: read(join('hs', 'harmonized-system.csv')),
    hubs: read('transshipment-hubs.csv'),
  });
}
