const SPECIAL: Record<string, string> = { ı: 'i', ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', đ: 'd', ł: 'l', þ: 'th', ð: 'd' };

/**
 * Folds text for matching: lower case, diacritics removed (Akçakale → akcakale, Örnek → ornek),
 * punctuation turned into single spaces. Pure and dependency-free, so browsers can use it too
 * (`@chokepoint/model/text`).
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
