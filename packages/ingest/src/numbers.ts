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
