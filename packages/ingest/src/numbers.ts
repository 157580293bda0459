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

/** A number written with dots between its groups of three digits and nothing else: `12.500`, `1.250.000`. */
export const DOTS_ONLY_GROUPS = /^[+-]?\d{1,3}(\.\d{3})+$/;

/** A number with a decimal comma (after dots between thousands or not): `7,5`, `9.800,00`. */
const COMMA_DECIMAL = /^[+-]?(\d{1,3}(\.\d{3})+|\d+),\d+$/;
/** A number with one dot that cannot be between thousands: `12.5`, `0.25`, `1234.5`, `-12.0464`. */
const DOT_DECIMAL = /^[+-]?\d+\.\d+$/;
/** A cell's number, with a currency or unit before or after it (`US$ 48.750,00`, `25 TM`). */
const NUMBER_IN_CELL = /^(?:[^\d\s.,+-][^\d]*?\s*)?([+-]?\d[\d.,]*)(?:\s*[^\d\s.,][^\d]*)?$/;

/** The evidence that a semicolon-separated file writes dots between thousands, from the number cells of its head. */
export interface DotGrouping {
  /** The first number with a decimal comma, and its line. */
  example: string;
  line: number;
}

/**
 * Whether the number cells of a semicolon-separated file's first lines (`lines`, each split into its cells, and the
 * line numbers they have in the file) write their decimals with a comma and none with a dot, as one spreadsheet set
 * for Spanish, German, Turkish, Italian… saves every number of a file: then a dot between groups of three digits
 * (`12.500`) is a thousands separator, not a decimal point. `numeric` says which cells of a row hold numbers. The
 * first number with a decimal comma is the evidence, or undefined when there is none or a number with a decimal dot
 * (`12.5`) is there too.
 */
export function dotsGroupThousands(lines: readonly { line: number; cells: readonly string[] }[], numeric: (cell: number) => boolean): DotGrouping | undefined {
  let found: DotGrouping | undefined;
  for (const { line, cells } of lines) {
    for (let i = 0; i < cells.length; i++) {
      if (!numeric(i)) continue;
      const m = NUMBER_IN_CELL.exec(cells[i].trim());
      if (m === null) continue;
      const n = m[1];
      if (COMMA_DECIMAL.test(n)) found ??= { example: cells[i].trim(), line };
      else if (DOT_DECIMAL.test(n) && !DOTS_ONLY_GROUPS.test(n)) return undefined;
    }
  }
  return found;
}
