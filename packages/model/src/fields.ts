import countries from 'i18n-iso-countries';

/** The kinds of value a column can hold. Each has one parser below; the parsers are pure. */
export type FieldType =
  | 'id'
  | 'text'
  | 'enum'
  | 'number'
  | 'integer'
  | 'percent'
  | 'date'
  | 'latitude'
  | 'longitude'
  | 'country'
  | 'countryList'
  | 'isic'
  | 'hsCode'
  | 'currency';

export type FieldResult = { ok: true; value: unknown } | { ok: false; reason: string };

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

function ok(value: unknown): FieldResult {
  return { ok: true, value };
}
function fail(reason: string): FieldResult {
  return { ok: false, reason };
}
function show(raw: string): string {
  return JSON.stringify(raw.length > 60 ? `${raw.slice(0, 57)}...` : raw);
}

export function parseNumber(raw: string): number | undefined {
  if (!NUMBER.test(raw)) return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : undefined;
}

function numberField(raw: string, min: number, max: number, what: string): FieldResult {
  const n = parseNumber(raw);
  if (n === undefined) {
    return fail(`${show(raw)} is not a number (write digits with a dot for decimals, no thousands separators)`);
  }
  if (n < min || n > max) return fail(`${what} ${raw} is out of range (${min} to ${max})`);
  return ok(n);
}

/** True when `raw` is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(raw: string): boolean {
  const m = DATE.exec(raw);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= days;
}

export interface FieldOptions {
  values?: readonly string[];
}

/**
 * Parses one non-empty, trimmed cell. Returns the typed value or the reason it is wrong,
 * worded for a person who will fix the spreadsheet.
 */
export function parseField(type: FieldType, raw: string, options: FieldOptions = {}): FieldResult {
  switch (type) {
    case 'id':
      if (CONTROL.test(raw)) return fail(`id ${show(raw)} contains control characters`);
      if (raw.length > 200) return fail('id is longer than 200 characters');
      return ok(raw);
    case 'text':
      return ok(raw);
    case 'enum': {
      const values = options.values ?? [];
      const v = raw.toLowerCase();
      if (values.includes(v)) return ok(v);
      return fail(`unknown value ${show(raw)} (expected one of: ${values.join(', ')})`);
    }
    case 'number':
      return numberField(raw, 0, Number.MAX_VALUE, 'value');
    case 'integer': {
      const r = numberField(raw, 0, Number.MAX_SAFE_INTEGER, 'value');
      if (r.ok && !Number.isInteger(r.value)) return fail(`${show(raw)} is not a whole number`);
      return r;
    }
    case 'percent':
      return numberField(raw, 0, 100, 'percentage');
    case 'date':
      return isIsoDate(raw) ? ok(raw) : fail(`${show(raw)} is not a date in ISO form YYYY-MM-DD`);
    case 'latitude':
      return numberField(raw, -90, 90, 'latitude');
    case 'longitude':
      return numberField(raw, -180, 180, 'longitude');
    case 'country': {
      const code = raw.toUpperCase();
      if (/^[A-Z]{2}$/.test(code) && countries.isValid(code)) return ok(code);
      return fail(`${show(raw)} is not an ISO 3166-1 alpha-2 country code (such as TR, GB, DK)`);
    }
    case 'countryList': {
      const codes: string[] = [];
      for (const part of raw.split('|')) {
        const r = parseField('country', part.trim());
        if (!r.ok) return r;
        codes.push(r.value as string);
      }
      return ok(codes);
    }
    case 'isic':
      if (/^\d{2,4}$/.test(raw)) return ok(raw);
      return fail(`${show(raw)} is not an ISIC Rev.4 code (2 to 4 digits, such as 4741)`);
    case 'hsCode': {
      const digits = raw.replace(/[.\s]/g, '');
      if (/^\d{2,10}$/.test(digits) && digits.length % 2 === 0) return ok(digits);
      return fail(`${show(raw)} is not a Harmonized System code (2, 4, 6 or more digits, such as 3212.90)`);
    }
    case 'currency': {
      const code = raw.toUpperCase();
      if (/^[A-Z]{3}$/.test(code)) return ok(code);
      return fail(`${show(raw)} is not an ISO 4217 currency code (such as EUR, USD, TRY)`);
    }
  }
}
