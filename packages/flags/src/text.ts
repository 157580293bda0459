import { fold } from '@chokepoint/model';

export { fold };

/** 3212.90-style display of an HS code (chapter+heading, then the rest). */
export function showHs(code: string): string {
  if (code.length <= 4) return code;
  // A country's longer tariff line: its further digits in pairs, as tariffs write them (3102.30.00.00.00, not 3102.30000000).
  return [`${code.slice(0, 4)}.${code.slice(4, 6)}`, ...(code.slice(6).match(/\d{1,2}/g) ?? [])].join('.');
}

const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const dec = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** A quantity in words: "6,000 kg", "24 pcs", "6,000 l". */
export function showQuantity(quantity: number | undefined, unit: string | undefined, kg: number | undefined): string {
  if (kg !== undefined) return `${int.format(kg)} kg`;
  if (quantity === undefined) return 'an unknown quantity';
  return `${(Number.isInteger(quantity) ? int : dec).format(quantity)} ${unit ?? ''}`.trim();
}

export function showNumber(n: number): string {
  return (Number.isInteger(n) ? int : dec).format(n);
}

/** Whole days from date a to date b (ISO dates). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

const money = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** A money figure with its currency first, as everywhere in the summary: "EUR 18,144", or "18,144 (currency not stated)". */
export function showMoney(value: number, currency: string | undefined): string {
  return currency === undefined ? `${money.format(value)} (currency not stated)` : `${currency} ${money.format(value)}`;
}

/**
 * Money of several shipments, summed per currency and never across currencies: "EUR 12,000; USD 3,500".
 * Currencies in alphabetical order, amounts without a currency last; undefined when no shipment has a value.
 */
export function showMoneyTotals(items: readonly { value?: number; currency?: string }[]): string | undefined {
  const totals = new Map<string, number>();
  for (const s of items) if (s.value !== undefined) totals.set(s.currency ?? '', (totals.get(s.currency ?? '') ?? 0) + s.value);
  if (totals.size === 0) return undefined;
  return [...totals]
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a < b ? -1 : a > b ? 1 : 0))
    .map(([currency, value]) => showMoney(value, currency === '' ? undefined : currency))
    .join('; ');
}

/** "a, b and c". */
export function listWords(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** "1 shipment", "3 shipments". */
export function plural(n: number, one: string, many: string): string {
  return `${showNumber(n)} ${n === 1 ? one : many}`;
}
