import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { fold, type SectorHint } from '@chokepoint/model';
import { IngestError } from './errors';

/** The sector keywords shipped with Chokepoint: data/reference/sector-keywords.csv at the repository root. */
export const DEFAULT_SECTOR_KEYWORDS = join(__dirname, '..', '..', '..', 'data', 'reference', 'sector-keywords.csv');

/**
 * Reads a sector-keywords table (columns `keyword,isic`, more allowed): free-text line-of-business keywords and
 * the ISIC code each stands for. The keywords are folded (lower case, no diacritics or punctuation).
 */
export function loadSectorHints(path: string = DEFAULT_SECTOR_KEYWORDS): SectorHint[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new IngestError(`cannot read the sector keywords ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const rows = parse(text, { bom: true, columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), skip_empty_lines: true }) as Record<string, string>[];
  return rows
    .filter((r) => typeof r.keyword === 'string' && typeof r.isic === 'string' && r.keyword.trim() !== '' && /^\d{2,4}$/.test(r.isic.trim()))
    .map((r) => ({ keyword: fold(r.keyword), isic: r.isic.trim() }));
}

let cached: SectorHint[] | undefined;

/** The shipped sector keywords, read once. */
export function defaultSectorHints(): SectorHint[] {
  cached ??= loadSectorHints();
  return cached;
}
