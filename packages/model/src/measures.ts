import { LITRES_PER_UNIT } from './contract';
import { fold } from './text';
import type { Bundle, Shipment } from './types';

/**
 * Exchange rates: how many units of each currency one unit of the base currency buys, on given dates, with where
 * the rates come from. Amounts of different currencies are never added up; they are either kept per currency or
 * converted to the base with such a table.
 */
export interface FxTable {
  /** ISO 4217 code of the base currency (EUR for the ECB's reference rates). */
  base: string;
  /** Where the rates come from, in words (publisher, series, date): all the sources of the table. */
  source: string;
  /** Rates by currency, each list sorted by date, each with its source. */
  rates: ReadonlyMap<string, readonly FxRate[]>;
}

export interface FxRate {
  date: string;
  /** Units of the currency one unit of the base buys. */
  perBase: number;
  source?: string;
}

/** The date a shipment's value is converted at: when it was shipped, else received, else undefined. */
export function valueDate(s: Pick<Shipment, 'shipped' | 'received'>): string | undefined {
  return s.shipped ?? s.received;
}

/**
 * The rate used to convert an amount of `currency` at `date`: the latest rate on or before the date, else the
 * earliest after it (or the latest, when the date is unknown); undefined when the table has no rate for it.
 */
export function rateFor(table: FxTable, currency: string, date: string | undefined): FxRate | undefined {
  if (currency === table.base) return { date: date ?? '', perBase: 1 };
  const list = table.rates.get(currency);
  if (list === undefined || list.length === 0) return undefined;
  if (date === undefined) return list[list.length - 1];
  let best: FxRate | undefined;
  for (const r of list) if (r.date <= date) best = r;
  return best ?? list[0];
}

/** An amount converted to the table's base currency; undefined when there is no rate for its currency. */
export function convertMoney(table: FxTable, amount: number, currency: string, date?: string): number | undefined {
  const rate = rateFor(table, currency, date);
  if (rate === undefined || !(rate.perBase > 0)) return undefined;
  const v = amount / rate.perBase;
  return Number.isFinite(v) ? v : undefined;
}

/** Totals per currency, currencies in alphabetical order; values without a currency are not counted. */
export function totalsByCurrency(items: Iterable<{ value?: number; currency?: string }>): { currency: string; amount: number; count: number }[] {
  const sums = new Map<string, { amount: number; count: number }>();
  for (const s of items) {
    if (s.value === undefined || s.currency === undefined) continue;
    const t = sums.get(s.currency) ?? { amount: 0, count: 0 };
    t.amount += s.value;
    t.count += 1;
    sums.set(s.currency, t);
  }
  return [...sums].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([currency, t]) => ({ currency, ...t }));
}

/**
 * Densities of goods traded by volume, to weigh litres and cubic metres: by HS prefix (and keywords of the
 * commodity when the prefix is shared), for a concentration when it matters, with a source for each figure.
 */
export interface DensityRow {
  /** HS code prefix the row applies to ('' for any code, matched by keyword only). */
  hsPrefix: string;
  /** Folded words of which one must appear in the commodity; empty: any commodity of the prefix. */
  keywords: readonly string[];
  /** Concentration in percent w/w the density is for; undefined when it does not depend on it. */
  concentration?: number;
  /** The row used when the shipment states no concentration. */
  isDefault: boolean;
  /** Kilograms per litre. */
  density: number;
  name: string;
  source: string;
}

/**
 * The density to weigh a shipment's volume with: rows matching its HS code (or, without a code, its commodity
 * words); among them the one of the nearest concentration when the shipment states one (ties: the lower), else
 * the default row. Undefined when nothing matches.
 */
export function densityFor(rows: readonly DensityRow[], s: Pick<Shipment, 'hsCode' | 'commodity' | 'concentration'>): DensityRow | undefined {
  const text = ` ${fold(s.commodity)} `;
  const hasKeyword = (r: DensityRow) => r.keywords.length === 0 || r.keywords.some((k) => text.includes(` ${k} `));
  const matching = rows.filter((r) =>
    s.hsCode !== undefined ? r.hsPrefix !== '' && s.hsCode.startsWith(r.hsPrefix) && hasKeyword(r) : r.keywords.length > 0 && hasKeyword(r),
  );
  if (matching.length === 0) return undefined;
  // The most specific prefix wins.
  const longest = Math.max(...matching.map((r) => r.hsPrefix.length));
  const best = matching.filter((r) => r.hsPrefix.length === longest);
  if (s.concentration !== undefined) {
    const withC = best.filter((r) => r.concentration !== undefined);
    if (withC.length > 0) {
      return withC.reduce((a, b) => {
        const da = Math.abs(a.concentration! - s.concentration!);
        const db = Math.abs(b.concentration! - s.concentration!);
        return db < da || (db === da && b.concentration! < a.concentration!) ? b : a;
      });
    }
  }
  return best.find((r) => r.isDefault) ?? best[0];
}

/**
 * Weighs the shipments counted in volumes (l, m3) whose goods have a known density: sets quantityKg and kgBasis
 * (the density and its source). Masses were weighed when read; lengths, areas and counts stay unweighed. Pure:
 * returns a new bundle when anything changed.
 */
export function weighVolumes(bundle: Bundle, rows: readonly DensityRow[]): Bundle {
  let changed = false;
  // The density row of each kind of goods, found once (a million shipments name a few thousand kinds), and each
  // row's words once.
  const rowOf = new Map<string, DensityRow | null>();
  const basisOf = new Map<DensityRow, string>();
  const shipments = bundle.shipments.map((s) => {
    if (s.quantityKg !== undefined || s.quantity === undefined || s.unit === undefined) return s;
    const litres = LITRES_PER_UNIT[s.unit];
    if (litres === undefined) return s;
    const goods = `${s.hsCode ?? '\u0000'}\u0001${s.concentration ?? ''}\u0001${s.commodity}`;
    let row = rowOf.get(goods);
    if (row === undefined) {
      row = densityFor(rows, s) ?? null;
      rowOf.set(goods, row);
    }
    if (row === null) return s;
    // (to the milligram, as a mass read from the data is: 800 l at 1.13 kg/l is 904 kg, not 903.9999999999999)
    const kg = Math.round(s.quantity * litres * row.density * 1e6) / 1e6;
    if (!Number.isFinite(kg)) return s;
    changed = true;
    let basis = basisOf.get(row);
    if (basis === undefined) {
      basis = `${row.name}${row.concentration === undefined ? '' : ` ${row.concentration} %`}: ${row.density} kg/l (${row.source})`;
      basisOf.set(row, basis);
    }
    return { ...s, quantityKg: kg, kgBasis: { density: row.density, source: basis } };
  });
  return changed ? { ...bundle, shipments } : bundle;
}
