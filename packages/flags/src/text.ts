const SPECIAL: Record<string, string> = { ı: 'i', ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', đ: 'd', ł: 'l', þ: 'th', ð: 'd' };

/**
 * Folds text for matching: lower case, diacritics removed (Akçakale → akcakale, Örnek → ornek),
 * punctuation turned into single spaces.
 */
export function fold(text: string): string {
  return text
    .toLowerCase()
    .replace(/[ıøæœßđłþð]/g, (c) => SPECIAL[c])
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

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
