const SPECIAL: Record<string, string> = { ı: 'i', ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', đ: 'd', ł: 'l', þ: 'th', ð: 'd' };

/** A letter of the Arabic script (or an Arabic-Indic digit). */
const ARABIC = /[\u0600-\u06ff]/;
/** A small letter of the Cyrillic script (`а`–`я`, and `ђ`–`џ`, `ґ` of Ukrainian, Belarusian and the Balkan languages). */
const CYRILLIC = /[\u0430-\u045f\u0491]/;
const NOT_LATIN = /[^a-z0-9]+/g;
const NOT_LATIN_OR_CYRILLIC = /[^a-z0-9\u0430-\u045f\u0491]+/g;

/**
 * Folds text for matching: lower case, diacritics removed (Akçakale → akcakale, Örnek → ornek),
 * punctuation turned into single spaces. Cyrillic words are kept, their marks removed as well (`ё` → `е`, `й` → `и`:
 * `Торговля розничная одеждой` → `торговля розничная одеждои`); Arabic-script words are kept, as `arabicWord` folds
 * them (`بيع الهواتف النقالة` → `بيع هواتف نقاله`), and Arabic-Indic digits become Western ones. Pure and dependency-free, so browsers
 * can use it too (`@chokepoint/model/text`).
 */
export function fold(text: string): string {
  const plain = text
    .toLowerCase()
    .replace(/[ıøæœßđłþð]/g, (c) => SPECIAL[c])
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
  if (!ARABIC.test(plain)) return plain.replace(CYRILLIC.test(plain) ? NOT_LATIN_OR_CYRILLIC : NOT_LATIN, ' ').trim();
  return foldArabic(westernDigits(plain) ?? plain)
    .replace(/[^a-z0-9\u0621-\u063a\u0641-\u064a\u067e\u0686\u0698\u06a4\u06af]+/g, ' ')
    .trim()
    .split(' ')
    .map(arabicWord)
    .join(' ');
}

/**
 * An Arabic word (as foldArabic writes it) without the article and the particles written onto it, so that a keyword
 * finds the word whatever is attached to it: `الهواتف` → `هواتف`, `والمبيدات` → `مبيدات`, `بالجمله` → `جمله`,
 * `للمواد` → `مواد`. The article is taken off as often as it starts the word (`الالمنيوم`, `الالكترونيه`: loanwords
 * written with and without their own `al` and hamza all come to `منيوم`, `كترونيه`): text and keywords are folded
 * alike, so what matters is only that both come to the same word. Other words are returned as they are.
 */
function arabicWord(word: string): string {
  let w = word;
  if (w.length >= 6 && (w.startsWith('\u0648\u0627\u0644') || w.startsWith('\u0628\u0627\u0644'))) w = w.slice(3);
  else if (w.length >= 4 && w.startsWith('\u0644\u0644')) w = w.slice(2);
  while (w.length >= 4 && w.startsWith('\u0627\u0644')) w = w.slice(2);
  return w;
}

/**
 * Arabic-script text as words are compared, whatever keyboard and hand wrote it: without short vowels and other marks
 * (tashkeel, U+064B–U+065F, U+0670) or tatweel (the stretching stroke, U+0640); alef with hamza or madda as alef
 * (`أ إ آ ٱ` → `ا`), `ؤ` → `و`, `ئ` → `ي`, `ى` → `ي`, `ة` → `ه`, and the Persian and Kurdish letters a keyboard in
 * Iraqi Kurdistan or Iran types for Arabic ones (`ک` → `ك`, `ی` → `ي`, `ە` → `ه`). Other text is returned as it is.
 * `foldArabic('مالِك')` = `foldArabic('مالك')`; `foldArabic('شركة')` = `'شركه'`.
 */
export function foldArabic(text: string): string {
  // (the presentation forms of text copied from a PDF, `ﺷﺮﻛﺔ`, are letters once decomposed)
  if (!/[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufefc]/.test(text)) return text;
  return text
    .normalize('NFKD')
    .replace(/[\u064b-\u065f\u0670\u0640]/g, '')
    .replace(/\u0671/g, '\u0627')
    .replace(/[\u0649\u06cc]/g, '\u064a')
    .replace(/[\u0629\u06d5]/g, '\u0647')
    .replace(/\u06a9/g, '\u0643')
    .normalize('NFC');
}

/** Arabic-Indic digits (U+0660–U+0669), the Persian ones (U+06F0–U+06F9), and the Arabic decimal and thousands signs and percent sign. */
const EASTERN_DIGITS = /[\u0660-\u066c\u06f0-\u06f9]/;

/**
 * A number, a date or a code written with Arabic-Indic digits (`١٢٬٥٠٠٫٥٠`, as Arabic text and documents write them) or
 * Persian ones (`۱۲۵`), with the digits Western (`12,500.50`): the Arabic decimal separator `٫` as a dot, its thousands
 * separator `٬` as a comma, `٪` as `%`. Undefined when the text has none of them.
 */
export function westernDigits(text: string): string | undefined {
  if (!EASTERN_DIGITS.test(text)) return undefined;
  return text.replace(/[\u0660-\u066c\u06f0-\u06f9]/g, (c) => {
    const code = c.charCodeAt(0);
    if (code <= 0x0669) return String(code - 0x0660);
    if (code >= 0x06f0) return String(code - 0x06f0);
    return code === 0x066a ? '%' : code === 0x066b ? '.' : ',';
  });
}
