/**
 * Commas between groups of three digits, and a decimal point or none: `12,500`, `1,234,567.50`, as trade databases
 * and English-language spreadsheets write numbers. Read wherever a comma cannot be a decimal mark: CSV files not
 * separated by semicolons (a decimal comma is read only in those), and FollowTheMoney's JSON.
 */
export const THOUSANDS_COMMAS = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;

/** The number a cell writes with commas between thousands, without them (`12,500` → `12500`), or undefined. */
export function withoutThousandsCommas(raw: string): string | undefined {
  return THOUSANDS_COMMAS.test(raw) ? raw.replace(/,/g, '') : undefined;
}

/**
 * What may stand between groups of three digits besides a comma or a dot: a space, a no-break space or a narrow one
 * (as French, Russian, Polish or Scandinavian settings write `12 500,00`, and Excel saves in a CSV the number as it
 * shows it), a thin space, or an apostrophe (Swiss settings: `12'500.00`).
 */
const GROUP = "[ \\u00a0\\u202f\\u2009'\\u2019]";
const SPACED_NUMBER = new RegExp(`^[+-]?\\d{1,3}(?:${GROUP}\\d{3})+(?:[.,]\\d+)?$`);
const SPACED_IN_TEXT = new RegExp(`(?<![\\d.,])(\\d{1,3}(?:${GROUP}\\d{3})+)(?!\\d|${GROUP}\\d)`, 'g');
const GROUPS = new RegExp(GROUP, 'g');

/**
 * The number a cell writes with spaces or apostrophes between its groups of three digits, without them (`20 000` →
 * `20000`, `7 400,00` → `7400,00`, `12'500.50` → `12500.50`), or undefined. The decimal mark is left as it is, to be
 * read as the file's other numbers are.
 */
export function withoutThousandsSpaces(raw: string): string | undefined {
  return SPACED_NUMBER.test(raw) ? raw.replace(GROUPS, '') : undefined;
}

/**
 * A cell that writes a number with spaces or apostrophes between thousands beside a word (`2 450 000 FCFA`, `€ 7 400,00`,
 * `20 000 kg`), with the number's separators left out, or undefined when it writes none.
 */
export function thousandsSpacesInText(raw: string): string | undefined {
  SPACED_IN_TEXT.lastIndex = 0;
  if (!SPACED_IN_TEXT.test(raw)) return undefined;
  return raw.replace(SPACED_IN_TEXT, (n) => n.replace(GROUPS, ''));
}

/** How a cell separated its thousands, in words: `spaces`, `apostrophes`. */
export function groupSeparatorWord(raw: string): string {
  return /\d['\u2019]\d/.test(raw) ? 'apostrophes' : 'spaces';
}
