import { fold } from '@chokepoint/model';

export { fold };

/** 3212.90-style display of an HS code (chapter+heading, then the rest). */
export function showHs(code: string): string {
  return code.length > 4 ? `${code.slice(0, 4)}.${code.slice(4)}` : code;
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
