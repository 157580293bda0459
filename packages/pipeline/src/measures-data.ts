import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { fold, isIsoDate, type DensityRow, type FxRate, type FxTable } from '@chokepoint/model';
import { MeasuresDataError } from './errors';

/** The exchange-rate table and the density table, as read. */
export interface MeasuresData {
  fx: FxTable | null;
  /** The rates file's name, for the report (null when no rates were used). */
  fxFile: string | null;
  densities: DensityRow[];
}

type Row = Record<string, string>;

function readCsv(path: string, required: readonly string[]): { line: number; row: Row }[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new MeasuresDataError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  let records: { record: Row; info: { lines: number } }[];
  try {
    records = parse(text, { columns: true, bom: true, trim: true, skip_empty_lines: true, info: true }) as typeof records;
  } catch (err) {
    throw new MeasuresDataError(`${basename(path)}: not valid CSV (${(err as Error).message})`);
  }
  const header = records.length > 0 ? Object.keys(records[0].record) : [];
  for (const column of required) {
    if (!header.includes(column)) throw new MeasuresDataError(`${basename(path)} line 1: missing column "${column}" (the header must have ${required.join(', ')})`);
  }
  return records.map((r) => ({ line: r.info.lines, row: r.record }));
}

/**
 * Reads an exchange-rate table: CSV with `date,currency,per_eur,source` (or `per_<base>` for another base
 * currency), one row per currency and date: how many units of the currency one unit of the base buys.
 */
export function loadFxTable(path: string): FxTable {
  const file = basename(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new MeasuresDataError(`cannot read the exchange rates ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const headerLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const perColumn = headerLine.split(',').map((c) => c.trim()).find((c) => /^per_[a-z]{3}$/i.test(c));
  if (perColumn === undefined) throw new MeasuresDataError(`${file} line 1: no column per_<base currency> such as per_eur (the header must have date, currency, per_eur, source)`);
  const base = perColumn.slice(4).toUpperCase();
  const rows = readCsv(path, ['date', 'currency', perColumn, 'source']);
  const rates = new Map<string, FxRate[]>();
  const sources = new Set<string>();
  for (const { line, row } of rows) {
    const date = row.date;
    const currency = row.currency.toUpperCase();
    const per = Number(row[perColumn]);
    if (!isIsoDate(date)) throw new MeasuresDataError(`${file} line ${line}, column date: ${JSON.stringify(date)} is not a date YYYY-MM-DD`);
    if (!/^[A-Z]{3}$/.test(currency)) throw new MeasuresDataError(`${file} line ${line}, column currency: ${JSON.stringify(row.currency)} is not an ISO 4217 code`);
    if (!(per > 0) || !Number.isFinite(per)) throw new MeasuresDataError(`${file} line ${line}, column ${perColumn}: ${JSON.stringify(row[perColumn])} is not a positive number`);
    if (row.source === '') throw new MeasuresDataError(`${file} line ${line}, column source: every rate needs its source`);
    const list = rates.get(currency) ?? [];
    if (list.some((r) => r.date === date)) throw new MeasuresDataError(`${file} line ${line}: a second rate for ${currency} on ${date}`);
    list.push({ date, perBase: per, source: row.source });
    rates.set(currency, list);
    sources.add(row.source);
  }
  for (const list of rates.values()) list.sort((a, b) => (a.date < b.date ? -1 : 1));
  const sorted = new Map([...rates].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
  return { base, source: [...sources].sort().join('; '), rates: sorted };
}

/** Reads a density table: CSV with `hs_prefix,keywords,concentration,default,density_kg_per_l,name,source`. */
export function loadDensities(path: string): DensityRow[] {
  const file = basename(path);
  return readCsv(path, ['hs_prefix', 'keywords', 'concentration', 'default', 'density_kg_per_l', 'name', 'source']).map(({ line, row }) => {
    const hsPrefix = row.hs_prefix.replace(/[.\s]/g, '');
    if (hsPrefix !== '' && !/^\d{2,10}$/.test(hsPrefix)) throw new MeasuresDataError(`${file} line ${line}, column hs_prefix: ${JSON.stringify(row.hs_prefix)} is not an HS code prefix`);
    const keywords = row.keywords === '' ? [] : row.keywords.split('|').map((k) => fold(k)).filter((k) => k !== '');
    if (hsPrefix === '' && keywords.length === 0) throw new MeasuresDataError(`${file} line ${line}: a row needs an hs_prefix or keywords`);
    const concentration = row.concentration === '' ? undefined : Number(row.concentration);
    if (concentration !== undefined && !(concentration >= 0 && concentration <= 100)) throw new MeasuresDataError(`${file} line ${line}, column concentration: ${JSON.stringify(row.concentration)} is not a percentage`);
    const density = Number(row.density_kg_per_l);
    if (!(density > 0 && density < 25)) throw new MeasuresDataError(`${file} line ${line}, column density_kg_per_l: ${JSON.stringify(row.density_kg_per_l)} is not a density in kg per litre`);
    if (!['yes', 'no'].includes(row.default)) throw new MeasuresDataError(`${file} line ${line}, column default: write yes or no`);
    if (row.source === '') throw new MeasuresDataError(`${file} line ${line}, column source: every density needs its source`);
    return { hsPrefix, keywords, ...(concentration === undefined ? {} : { concentration }), isDefault: row.default === 'yes', density, name: row.name, source: row.source };
  });
}

/**
 * The tables of a reference folder (fx-rates.csv, densities.csv), or the rates file given instead; `rates: false`
 * keeps money per currency, never converted.
 */
export function loadMeasuresData(referenceDir: string, options: { rates?: string | false } = {}): MeasuresData {
  const ratesPath = options.rates === false ? null : (options.rates ?? join(referenceDir, 'fx-rates.csv'));
  return {
    fx: ratesPath === null ? null : loadFxTable(ratesPath),
    fxFile: ratesPath === null ? null : basename(ratesPath),
    densities: loadDensities(join(referenceDir, 'densities.csv')),
  };
}
