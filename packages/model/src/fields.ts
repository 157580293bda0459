import { ARABIC_MONTHS, arabicKey, hasArabicLetters } from './arabic';
import { CYRILLIC_MONTHS, cyrillicKey, hasCyrillicLetters } from './cyrillic';
import { readConcentration } from './concentration';
import { hijriDate, HIJRI_YEARS } from './hijri';
import { readCountry } from './country';
import { readCurrency } from './currency';
import { readIsic } from './isic';
import { closest } from './suggest';
import { fold } from './text';
import { readUnit } from './units';

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
  | 'currency'
  | 'unit'
  | 'concentration'
  | 'phone'
  | 'registration'
  | 'coordinates';

/**
 * A parsed cell, or the reason it is wrong. `note` says what was repaired or read generously (a currency
 * symbol, an ISIC code that lost its leading zero): the value is kept, and the note becomes a warning.
 */
export type FieldResult = { ok: true; value: unknown; note?: string } | { ok: false; reason: string };

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

/** `1e12` as 1,000,000,000,000, for messages. */
function big(n: number): string {
  return n.toLocaleString('en-US');
}

/** A formula a spreadsheet exported instead of its result (`=SUM(B2:B9)`). */
const FORMULA = /^=\s*[A-Za-z_(]/;

/** The words that say a number is an estimate: `approx.`, `ca.`, `circa`, `about`, `around`, `~`, and in French, Spanish, German and Turkish (`env.`, `aprox.`, `etwa`, `yaklaşık`). */
const ESTIMATE_WORD = String.raw`(approx(?:imately)?\.?|appr\.|ca\.?|circa|c\.|about|around|env\.?|environ|aprox\.?|aproximadamente|etwa|ungef(?:ä|ae)hr|rund|zirka|yakla[şs][ıi]k|yakl\.|~|≈)`;
/** A whole number said to be approximate, as registers and notes write head counts: `approx. 12`, `ca. 40`, `~250`, `about 30`. */
const APPROXIMATE = new RegExp(String.raw`^${ESTIMATE_WORD}\s*([+]?(?:\d+(?:\.\d*)?|\.\d+))$`, 'i');
/** A number after a word of estimate, with its unit or currency perhaps (`approx. 6 t`, `ca. 18000 EUR`). */
const ESTIMATE = new RegExp(String.raw`^${ESTIMATE_WORD}\s*(\d[\d.,]*(?:\s*\S+)?)$`, 'i');

/** Whether a cell is a number after a word of estimate (`approx. 6 t`, `~250`): refused as an estimate, not split. */
export function isEstimate(raw: string): boolean {
  return ESTIMATE.test(raw);
}

/** Two numbers as a range, as registers give a company's size class: `10-49`, `10 – 49`, `10 to 49`. */
const RANGE = /^(\d+(?:\.\d+)?)\s*(?:-|–|—|to)\s*(\d+(?:\.\d+)?)$/i;

function numberField(raw: string, min: number, max: number, what: string): FieldResult {
  const n = parseNumber(raw);
  if (n === undefined) {
    if (FORMULA.test(raw)) return fail(formulaReason(raw));
    if (NUMBER.test(raw)) return fail(`${show(raw)} is too large (${what}s go up to ${big(max)})`);
    // `approx. 6 t`, `ca. 18000`: an estimate, read only as a head count (parseField's integer), not as an amount or a
    // quantity, which the rules compare with others.
    const estimate = ESTIMATE.exec(raw);
    if (estimate !== null) return fail(`${show(raw)} is an estimate: write it without ${JSON.stringify(estimate[1])} (${estimate[2]}) if that is the figure to use, and keep the doubt in a column of its own (a note), or leave the cell empty`);
    const range = RANGE.exec(raw);
    if (range !== null && Number(range[1]) < Number(range[2])) {
      return fail(`${show(raw)} is a range (${range[1]} to ${range[2]}), not a number: write one number (the least, ${range[1]}, when that is all that is known), or leave the cell empty`);
    }
    return fail(`${show(raw)} is not a number (write digits with a dot for decimals, no thousands separators)`);
  }
  if (n < min || n > max) return fail(`${what} ${raw} is out of range (${big(min)} to ${big(max)})`);
  return ok(n);
}

function formulaReason(raw: string): string {
  return `${show(raw)} is a spreadsheet formula, not its result: export the sheet's values (in the spreadsheet, copy the cells and paste them as values) and save it again`;
}

/**
 * A coordinate in degrees, minutes and seconds, as maps and encyclopedias write them: `37°03′56″N`, `37° 3' 56.2" N`,
 * `N 37°03.93'`, `38.95° E`. The hemisphere letter, when given, must be of the column (N or S for a latitude, E or W
 * for a longitude); S and W are negative.
 */
const DMS = /^([NSEW])?\s*([+-])?(\d{1,3}(?:\.\d+)?)\s*(?:°|º|˚|deg)\s*(?:(\d{1,2}(?:\.\d+)?)\s*['′’]\s*(?:(\d{1,2}(?:\.\d+)?)\s*(?:["″”]|''|′′)\s*)?)?([NSEW])?$/i;
/** A decimal number with its hemisphere letter and no degree sign: `36.69N`, `N 36.69`. */
const LETTERED = /^([NSEW])?\s*(\d{1,3}(?:\.\d+)?)\s*([NSEW])?$/i;

function coordinateField(raw: string, what: 'latitude' | 'longitude'): FieldResult {
  const max = what === 'latitude' ? 90 : 180;
  if (parseNumber(raw) !== undefined || FORMULA.test(raw)) return numberField(raw, -max, max, what);
  const dms = DMS.exec(raw.trim());
  const lettered = dms === null ? LETTERED.exec(raw.trim()) : null;
  if (dms === null && (lettered === null || (lettered[1] === undefined && lettered[3] === undefined))) return numberField(raw, -max, max, what);
  const before = dms?.[1] ?? lettered?.[1];
  const after = dms?.[6] ?? lettered?.[3];
  if (before !== undefined && after !== undefined) return fail(`${show(raw)} has two hemisphere letters`);
  const letter = (before ?? after)?.toUpperCase();
  const fits = what === 'latitude' ? 'NS' : 'EW';
  if (letter !== undefined && !fits.includes(letter)) {
    return fail(`${show(raw)} is not a ${what}: ${letter} is the hemisphere of a ${what === 'latitude' ? 'longitude' : 'latitude'} (are lat and lon swapped?)`);
  }
  if (dms !== null && dms[2] !== undefined && letter !== undefined) return fail(`${show(raw)} has both a sign and a hemisphere letter`);
  const degrees = Number(dms?.[3] ?? lettered?.[2]);
  const minutes = dms?.[4] === undefined ? 0 : Number(dms[4]);
  const seconds = dms?.[5] === undefined ? 0 : Number(dms[5]);
  if (minutes >= 60 || seconds >= 60) return fail(`${show(raw)} is not a ${what}: minutes and seconds go up to 59`);
  const negative = dms?.[2] === '-' || letter === 'S' || letter === 'W';
  const value = Math.round((negative ? -1 : 1) * (degrees + minutes / 60 + seconds / 3600) * 1e6) / 1e6;
  if (Math.abs(value) > max) return fail(`${what} ${raw} is out of range (-${max} to ${max})`);
  return { ok: true, value, note: `${show(raw)} read as ${value} (decimal degrees); write decimal degrees to be sure` };
}

/** Two decimal numbers (a decimal point or comma each) with a comma, semicolon or spaces between: `36.6456, 37.0845`. */
const DECIMAL_PAIR = /^([+-]?\d+(?:[.,]\d+)?)\s*(?:[,;]\s*|\s+)([+-]?\d+(?:[.,]\d+)?)$/;
/** Degrees with a hemisphere letter each (after or before), latitude first: `36°38′44″N 37°05′04″E`, `N 36.64 E 37.08`. */
const LETTERED_PAIR = /^(.*?[0-9'′"″°\s][NS]|[NS]\s*[0-9].*?[0-9'′"″°])\s*[,;]?\s*([EW]\s*[0-9].*|[0-9].*[EW])$/i;

/** The longest cell read as a pair of coordinates (`36°38′44.123″N, 37°05′04.456″E` is 32 characters). */
const MAX_COORDINATES_LENGTH = 100;

/** Each hemisphere letter for the one of the other axis (to tell a longitude written first). */
const SWAP: Readonly<Record<string, string>> = { N: 'E', S: 'W', E: 'N', W: 'S' };

/**
 * A latitude and a longitude in one cell, as maps copy them (`36.6456, 37.0845`; `36,6456; 37,0845` with decimal
 * commas; `36°38′44″N, 37°05′04″E`): latitude first, as every map writes them. Each is then read as `lat` and `lon`
 * are. The value is `[lat, lon]`.
 */
function coordinatesField(raw: string): FieldResult {
  const text = raw.trim();
  if (FORMULA.test(text)) return fail(formulaReason(raw));
  // (no pair of coordinates is longer; and the patterns below are not for cells of megabytes)
  if (text.length > MAX_COORDINATES_LENGTH) return fail(`${show(raw)} is not a latitude and a longitude: ${text.length.toLocaleString('en-US')} characters`);
  const decimal = DECIMAL_PAIR.exec(text);
  const pair = decimal !== null ? [decimal[1], decimal[2]].map((x) => x.replace(',', '.')) : LETTERED_PAIR.exec(text)?.slice(1, 3).map((x) => x.trim());
  if (pair === undefined) {
    const swapped = LETTERED_PAIR.exec(text.replace(/[NSEW]/gi, (l) => SWAP[l.toUpperCase()]));
    return fail(`${show(raw)} is not a latitude and a longitude (${swapped !== null ? 'the longitude comes first: are they swapped? ' : ''}write them as "36.6456, 37.0845", latitude first)`);
  }
  const lat = coordinateField(pair[0], 'latitude');
  if (!lat.ok) return fail(`${show(raw)}, read as a latitude and a longitude: ${lat.reason}`);
  const lon = coordinateField(pair[1], 'longitude');
  if (!lon.ok) return fail(`${show(raw)}, read as a latitude and a longitude: ${lon.reason}`);
  const value = [lat.value as number, lon.value as number];
  return { ok: true, value, note: `${show(raw)} read as the latitude ${value[0]} and the longitude ${value[1]}` };
}

/** The value an enum's other word stands for (ColumnSpec.aliases; own keys only: `constructor` is no word of it). */
function aliasOf(word: string, aliases: Readonly<Record<string, string>> | undefined): string | undefined {
  return aliases !== undefined && Object.hasOwn(aliases, word) ? aliases[word] : undefined;
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

/** The year first and then the month and the day, one or two digits each, with dashes or slashes (not ISO's own form). */
const YEAR_FIRST = /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;
const DAY_MONTH_YEAR = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;
const SLASHED = /^(\d{1,4})\/(\d{1,2})\/(\d{1,4})$/;

/**
 * A date cell: YYYY-MM-DD, or two forms spreadsheets write that can be read without doubt, with a note: a date and
 * time ("2023-03-12 00:00:00", the time left out) and day.month.year with dots ("12.03.2023", as German, Turkish
 * or Russian settings write it). Dates with slashes are refused: 01/03/2021 is 1 March or January 3 depending on
 * the spreadsheet's settings.
 */
export function readDate(raw: string): FieldResult {
  // (a year from 1300 to 1499 is a Hijri year: hijriDate)
  if (isIsoDate(raw)) return raw.charCodeAt(0) === 49 && (raw.charCodeAt(1) === 51 || raw.charCodeAt(1) === 52) ? (hijriDate(raw) ?? ok(raw)) : ok(raw);
  if (FORMULA.test(raw)) return fail(formulaReason(raw));
  // `1438/06/15 هـ`, `15/06/1438هـ`: a Hijri date, read as its Gregorian day; `1438-06-15` not marked, refused.
  const hijri = hijriDate(raw);
  if (hijri !== undefined) return hijri;
  const timed = DATE_TIME.exec(raw);
  if (timed && isIsoDate(timed[1])) return { ok: true, value: timed[1], note: `${show(raw)} read as the date ${timed[1]} (the time of day is left out)` };
  const dotted = DAY_MONTH_YEAR.exec(raw);
  if (dotted) {
    const iso = `${dotted[3]}-${dotted[2].padStart(2, '0')}-${dotted[1].padStart(2, '0')}`;
    if (isIsoDate(iso)) return { ok: true, value: iso, note: `${show(raw)} read as the date ${iso} (day.month.year); write YYYY-MM-DD to be sure` };
    return fail(`${show(raw)} is not a date: read as day.month.year, there is no ${iso}`);
  }
  const named = namedMonthDate(raw);
  if (named !== undefined) return named;
  // The year first, with dashes or slashes and a month or day of one digit (`2016-3-5`, `2016/03/05`, as Japanese
  // and Chinese settings write it): year, month, day, in that order wherever the year comes first.
  const yearFirst = DATE.test(raw) ? null : YEAR_FIRST.exec(raw);
  if (yearFirst) {
    const iso = `${yearFirst[1]}-${yearFirst[3].padStart(2, '0')}-${yearFirst[4].padStart(2, '0')}`;
    if (isIsoDate(iso)) return { ok: true, value: iso, note: `${show(raw)} read as the date ${iso} (year, month, day); write YYYY-MM-DD to be sure` };
    return fail(`${show(raw)} is not a date: read as year, month, day, there is no ${iso}`);
  }
  const readings = slashedDateReadings(raw);
  if (readings !== undefined && readings.dayFirst === undefined && readings.monthFirst === undefined) {
    return fail(`${show(raw)} is not a date: there is no such day, read day first or month first`);
  }
  if (SLASHED.test(raw)) {
    return fail(`${show(raw)} is not a date in ISO form YYYY-MM-DD: with slashes the day and the month cannot be told apart (spreadsheets write either first); write it as YYYY-MM-DD`);
  }
  const iso = DATE.exec(raw);
  if (iso) {
    const month = Number(iso[2]);
    if (month < 1 || month > 12) return fail(`${show(raw)} is not a date: there is no month ${iso[2]} (dates are YYYY-MM-DD)`);
    const days = new Date(Date.UTC(Number(iso[1]), month, 0)).getUTCDate();
    return fail(`${show(raw)} is not a day of the calendar: ${MONTHS[month - 1]} ${iso[1]} has ${days} days`);
  }
  const serial = SPREADSHEET_DAY.exec(raw);
  if (serial) {
    // A date column a spreadsheet saved as numbers: its day count from 30 December 1899 (Excel's, LibreOffice's and
    // Google Sheets' default). Only said, not read: a workbook may count from 1904, four years later.
    const day = new Date(Date.UTC(1899, 11, 30) + Number(raw) * 86_400_000).toISOString().slice(0, 10);
    return fail(`${show(raw)} is not a date in ISO form YYYY-MM-DD; if it is a spreadsheet's day number, it is ${day}: format the column as a date (YYYY-MM-DD) before saving`);
  }
  if (PARTIAL_DATE.test(raw)) return fail(`${show(raw)} gives only a year or a month: dates are read to the day (YYYY-MM-DD)`);
  return fail(`${show(raw)} is not a date in ISO form YYYY-MM-DD`);
}

/** English month names and their abbreviations (`Sept` too), by their first three letters. */
const MONTH_NUMBERS: Readonly<Record<string, number>> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const MONTH_WORD = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
/** Day, month name, year: `15-Jun-2009` (Excel's dd-mmm-yyyy), `15 June 2009`, `15.Jun.2009`. */
const DAY_MONTH_NAME = new RegExp(`^(\\d{1,2})(?:st|nd|rd|th)?[\\s.-]+${MONTH_WORD}[\\s.,-]+(\\d{2}|\\d{4})$`, 'i');
/** Month name, day, year: `June 15, 2009`, `Jun 15 2009`. */
const MONTH_NAME_DAY = new RegExp(`^${MONTH_WORD}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{2}|\\d{4})$`, 'i');

/**
 * Month names and their usual abbreviations in French, Spanish, Portuguese, Italian, German, Dutch and Turkish, without
 * accents (`août` → `aout`, `Şubat` → `subat`), to their numbers: no word stands for two months in any of them.
 */
const OTHER_MONTHS: Readonly<Record<string, number>> = Object.fromEntries(
  (
    [
      [1, 'janvier janv enero ene janeiro gennaio gen januar janner jan januari ocak'],
      [2, 'fevrier fevr fev febrero feb fevereiro febbraio februar februari subat'],
      [3, 'mars marzo mar marco maerz marz mrz maart mrt mart'],
      [4, 'avril avr abril abr aprile apr april nisan'],
      [5, 'mai mayo may maio maggio mag mei mayis'],
      [6, 'juin junio jun junho giugno giu juni haziran'],
      [7, 'juillet juil julio jul julho luglio lug juli temmuz'],
      [8, 'aout agosto ago august aug augustus agustos'],
      [9, 'septembre sept septiembre setiembre sep set setembro settembre september eylul'],
      [10, 'octobre oct octubre outubro out ottobre ott oktober okt ekim'],
      [11, 'novembre nov noviembre novembro november kasim'],
      [12, 'decembre dec diciembre dic dezembro dez dicembre dezember december aralik'],
    ] as const
  ).flatMap(([month, words]) => words.split(' ').map((w) => [w, month])),
);
/** Day, month name, year as the languages of OTHER_MONTHS write it: `15 août 2018`, `1er juin 2018`, `15 de junio de 2018`, `15. März 2018`, `15 Haziran 2018`. */
const DAY_OTHER_MONTH_YEAR = /^(\d{1,2})(?:er|º|°|\.)?[\s.-]+(?:de\s+)?(\p{L}+)\.?[\s.,-]+(?:de\s+)?(\d{2}|\d{4})$/iu;

/** Day, month name in Arabic (one or two words), year: `15 آذار 2017`, `1 تشرين الأول 2016`, with a comma or `/` or `-` between them too. */
const DAY_ARABIC_MONTH_YEAR = /^(\d{1,2})[\s.,/\u060c-]+([\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff\u064b-\u065f\u0640]+(?:\s+[\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff\u064b-\u065f\u0640]+)?)[\s.,/\u060c-]+(\d{2}|\d{4})$/;
/** Day, month name in Russian or Ukrainian, year, perhaps with `г.`, `года`, `р.` or `року` after it: `5 августа 2022 г.`, `15.марта.2021`. */
const DAY_CYRILLIC_MONTH_YEAR = /^(\d{1,2})[\s.,-]+([\u0400-\u04ff]+)\.?[\s.,-]+(\d{2}|\d{4})(?:\s*(?:г|гг|года|р|року)\.?)?$/iu;
/** ARABIC_MONTHS by arabicKey. */
const ARABIC_MONTH_KEYS: ReadonlyMap<string, number> = new Map(Object.entries(ARABIC_MONTHS).map(([w, m]) => [arabicKey(w), m]));

/**
 * A date written with the month's English name (`15-Jun-2009`, as Excel's dd-mmm-yyyy format writes it; `15 June 2009`;
 * `June 15, 2009`): one reading only, read with a note. A year of two digits (`15-Jun-09`) is refused (1909 or 2009?).
 * Undefined for any other text.
 */
function namedMonthDate(raw: string): FieldResult | undefined {
  const dayFirst = DAY_MONTH_NAME.exec(raw);
  const monthFirst = dayFirst === null ? MONTH_NAME_DAY.exec(raw) : null;
  let day: string;
  let year: string;
  let month: number;
  if (dayFirst !== null || monthFirst !== null) {
    let word: string;
    [day, word, year] = dayFirst !== null ? [dayFirst[1], dayFirst[2], dayFirst[3]] : [monthFirst![2], monthFirst![1], monthFirst![3]];
    month = MONTH_NUMBERS[word.slice(0, 3).toLowerCase()];
  } else {
    // In another language, day first: `15 août 2018`, `15 de junio de 2018`.
    const other = DAY_OTHER_MONTH_YEAR.exec(raw);
    const folded = other === null ? '' : fold(other[2]);
    if (other !== null && Object.hasOwn(OTHER_MONTHS, folded)) [day, year, month] = [other[1], other[3], OTHER_MONTHS[folded]];
    else {
      // In Arabic, day first: `15 آذار 2017`, `1 تشرين الأول 2016`, `3 مارس 2017` (its digits made Western by the reader).
      const arabic = hasArabicLetters(raw) ? DAY_ARABIC_MONTH_YEAR.exec(raw) : null;
      const key = arabic === null ? '' : arabicKey(arabic[2]);
      // In Russian or Ukrainian, day first, the year perhaps followed by `г.` or `года` (`р.`, `року`): `5 августа
      // 2022 г.`, `15 березня 2021 року`.
      const cyrillic = arabic === null && hasCyrillicLetters(raw) ? DAY_CYRILLIC_MONTH_YEAR.exec(raw) : null;
      const cyrillicMonth = cyrillic === null ? '' : cyrillicKey(cyrillic[2]);
      if (cyrillic !== null && Object.hasOwn(CYRILLIC_MONTHS, cyrillicMonth)) [day, year, month] = [cyrillic[1], cyrillic[3], CYRILLIC_MONTHS[cyrillicMonth]];
      else if (arabic === null || !ARABIC_MONTH_KEYS.has(key)) return undefined;
      else [day, year, month] = [arabic[1], arabic[3], ARABIC_MONTH_KEYS.get(key)!];
    }
  }
  if (year.length === 2) return fail(`${show(raw)} has a year of two digits (${year}: 19${year} or 20${year}?): write the date as YYYY-MM-DD`);
  const iso = `${year}-${String(month).padStart(2, '0')}-${day.padStart(2, '0')}`;
  if (!isIsoDate(iso)) return fail(`${show(raw)} is not a day of the calendar: ${MONTHS[month - 1]} ${year} has ${new Date(Date.UTC(Number(year), month, 0)).getUTCDate()} days`);
  return { ok: true, value: iso, note: `${show(raw)} read as the date ${iso}; write YYYY-MM-DD to be sure` };
}

/** A date with slashes and the year last (`05/03/2016`), as spreadsheets write them in either order. */
const SLASHED_YEAR_LAST = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/**
 * The two readings of a date with slashes and the year last: day first (`05/03/2016` → 2016-03-05) and month first
 * (→ 2016-05-03), each only when it is a day of the calendar; undefined for any other text. One cell cannot tell
 * which order its spreadsheet wrote; a column can, when one of its dates reads only one way (`03/15/2016`).
 */
export function slashedDateReadings(raw: string): { dayFirst?: string; monthFirst?: string } | undefined {
  const m = SLASHED_YEAR_LAST.exec(raw);
  // (a Hijri year is no year of either order: readDate says what it is)
  if (m === null || (Number(m[3]) >= HIJRI_YEARS.from && Number(m[3]) <= HIJRI_YEARS.to)) return undefined;
  const iso = (month: string, day: string) => `${m[3]}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const dayFirst = iso(m[2], m[1]);
  const monthFirst = iso(m[1], m[2]);
  return { ...(isIsoDate(dayFirst) ? { dayFirst } : {}), ...(isIsoDate(monthFirst) ? { monthFirst } : {}) };
}

/** A day count as spreadsheets store dates, from 1954 (20000) to 2064 (60000). */
const SPREADSHEET_DAY = /^[2-5]\d{4}$/;

/** A date of only a year or a year and month (`2011`, `2019-03`, `05/2018`), as registries and FollowTheMoney give some. */
export const PARTIAL_DATE = /^\d{4}(?:-(?:0[1-9]|1[0-2]))?$|^(?:0?[1-9]|1[0-2])[/.](?:19|20)\d{2}$/;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export interface FieldOptions {
  values?: readonly string[];
  /** Other words for the values of an `enum` (ColumnSpec.aliases). */
  aliases?: Readonly<Record<string, string>>;
  /** Largest value a number may take (for `number`). */
  max?: number;
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
      // "Shared Address", "paid-for", "border crossing": the same words, joined by _.
      const joined = v.trim().replace(/[\s-]+/g, '_');
      if (values.includes(joined)) return ok(joined);
      const alias = aliasOf(joined, options.aliases);
      if (alias !== undefined) return { ok: true, value: alias, note: `${show(raw)} read as ${alias}` };
      // `Co.`, `Owner of`, `Father of`: the word without its abbreviation dot, or the tie's word without "of".
      const bare = joined.replace(/\.$/, '').replace(/_of$/, '');
      const barely = bare === joined ? undefined : values.includes(bare) ? bare : aliasOf(bare, options.aliases);
      if (barely !== undefined) return { ok: true, value: barely, note: `${show(raw)} read as ${barely}` };
      // `Société`, `Gérant`, `Sınır kapısı`, `S.A.R.L.`: the words without accents or dots (letters alone joined).
      const folded = fold(raw).split(' ');
      // (`S.A. de C.V.`, `Sp. z o.o.`: the letters and words run together too)
      const plain = aliasOf(folded.join('_'), options.aliases) ?? aliasOf(folded.join(''), options.aliases);
      if (plain !== undefined) return { ok: true, value: plain, note: `${show(raw)} read as ${plain}` };
      // `شركة`, `مدير مفوض`, `منفذ حدودي`: words in Arabic (arabic.ts), hamza forms and marks aside.
      const arabic = hasArabicLetters(raw) ? aliasOf(arabicKey(raw), options.aliases) : undefined;
      if (arabic !== undefined) return { ok: true, value: arabic, note: `${show(raw)} read as ${arabic}` };
      // `Физ. лицо`, `Генеральный директор`, `ООО`: words in Russian or Ukrainian (cyrillic.ts), dots and `ё` aside.
      const cyrillic = hasCyrillicLetters(raw) ? aliasOf(cyrillicKey(raw), options.aliases) : undefined;
      if (cyrillic !== undefined) return { ok: true, value: cyrillic, note: `${show(raw)} read as ${cyrillic}` };
      const near = closest(joined, values, 1);
      const hint = near.length > 0 ? `; did you mean ${near[0]}?` : '';
      return fail(`unknown value ${show(raw)} (expected one of: ${values.join(', ')}${hint})`);
    }
    case 'number':
      return numberField(raw, 0, options.max ?? Number.MAX_VALUE, 'value');
    case 'integer': {
      // A head count said to be approximate (`approx. 12`): the number, as the register or note gives it. (Not for
      // amounts and quantities, which the rules compare with others.)
      const approximate = APPROXIMATE.exec(raw);
      if (approximate !== null) {
        const read = parseField('integer', approximate[2], options);
        return read.ok ? { ok: true, value: read.value, note: `${show(raw)} read as ${approximate[2]}, an estimate; write the number alone to be sure` } : read;
      }
      const r = numberField(raw, 0, Number.MAX_SAFE_INTEGER, 'value');
      if (r.ok && !Number.isInteger(r.value)) return fail(`${show(raw)} is not a whole number`);
      return r;
    }
    case 'percent': {
      // "60 %" and "60%": the sign a spreadsheet adds to a percentage column.
      const shares = /^(\d+(?:\.\d+)?)\s*%?\s*\/\s*(\d+(?:\.\d+)?)\s*%?$/.exec(raw);
      if (shares !== null) {
        return fail(`${show(raw)} gives two shares (${shares[1]} % and ${shares[2]} %), as a split between owners is written: give each owner's share on the row of its own tie (this row's, ${shares[1]} % if it comes first)`);
      }
      return numberField(raw.replace(/\s*%$/, ''), 0, 100, 'percentage');
    }
    case 'date':
      return readDate(raw);
    case 'latitude':
      return coordinateField(raw, 'latitude');
    case 'longitude':
      return coordinateField(raw, 'longitude');
    case 'coordinates':
      return coordinatesField(raw);
    case 'country': {
      const c = readCountry(raw);
      if (c === undefined) return fail(`${show(raw)} is not an ISO 3166-1 alpha-2 country code (such as TR, GB, DK), an alpha-3 code or a country name the reader knows`);
      return c.note === undefined ? ok(c.code) : { ok: true, value: c.code, note: c.note };
    }
    case 'countryList': {
      const codes: string[] = [];
      const notes: string[] = [];
      for (const part of raw.split('|')) {
        const r = parseField('country', part.trim());
        if (!r.ok) return r;
        codes.push(r.value as string);
        if (r.note !== undefined) notes.push(r.note);
      }
      return notes.length === 0 ? ok(codes) : { ok: true, value: codes, note: notes.join('; ') };
    }
    case 'isic':
      return readIsic(raw);
    case 'hsCode': {
      // `HS 3212.90`, `HS: 321290`, `HS-code 3212`: the code after its name.
      const named = /^(?:hs(?:[\s-]?code)?|gtip|cn|hts)\s*[:.#-]?\s*(?=\d)/i.exec(raw);
      const code = named === null ? raw : raw.slice(named[0].length);
      const digits = code.replace(/[.\s]/g, '');
      // Up to 12 digits: the 6 of the Harmonized System and a country's own (8 for the EU's Combined Nomenclature,
      // 10 for TARIC or the US, 12 for Turkey's GTIP); the analysis reads the first 6.
      if (/^\d{2,12}$/.test(digits) && digits.length % 2 === 0) {
        return named === null ? ok(digits) : { ok: true, value: digits, note: `${show(raw)} read as the HS code ${digits}; write the digits alone to be sure` };
      }
      return fail(`${show(raw)} is not a Harmonized System code (2, 4, 6 or more digits, up to 12, such as 3212.90)`);
    }
    case 'currency':
      return readCurrency(raw);
    case 'unit':
      return readUnit(raw);
    case 'concentration':
      return readConcentration(raw);
    case 'phone':
      return readPhone(raw);
    case 'registration':
      if (SCIENTIFIC.test(raw)) {
        return { ok: true, value: raw, note: `${show(raw)} is a number a spreadsheet wrote in scientific notation, its last digits lost: kept as written, not compared; format the column as text before saving` };
      }
      return ok(raw);
  }
}

/**
 * The values of an `enum` that a cell names together (`Owner, Director`, `owner / director`, `Owner & CEO`: the kinds
 * of two ties written in one cell), each as parseField reads it alone; undefined unless the cell has two or more parts
 * and every one is a value.
 */
export function enumValues(raw: string, options: FieldOptions): string[] | undefined {
  // (`،` and `؛` are the Arabic comma and semicolon; ` و` the Arabic "and", written onto the next word: `مالك ومدير`)
  const parts = raw.split(/\s*(?:[,;/&+\u060c\u061b]|\band\b)\s*|\s+\u0648(?=[\u0620-\u064a])/i).filter((p) => p !== '');
  if (parts.length < 2) return undefined;
  const values: string[] = [];
  for (const part of parts) {
    const r = parseField('enum', part, options);
    if (!r.ok) return undefined;
    values.push(r.value as string);
  }
  return values;
}

/** A number in scientific notation (`1.23457E+11`), as spreadsheets show long numbers in a General column. */
export const SCIENTIFIC = /^\d(?:[.,]\d+)?E\+?\d+$/i;

const PHONE_CHARS = /^[+\d\s().-]+$/;
/** Words people write beside a phone number: a label in brackets, or one of these words with an optional colon. */
const PHONE_WORDS = /\([^()\d]*\)|\b(?:mobile|mob|cell|cellular|gsm|cep|tel|telephone|phone|fax|office|home|work|main|landline|whatsapp)\b\.?:?/gi;

/**
 * A phone number as written (kept as it is), when it reads as one: digits, spaces, +, -, ( ) and dots, 7 to 17
 * digits (15 with the country code, two more for a 00 prefix), and an extension at the end (ext. 12, x12). Words beside the number ("(mobile)", "Tel.:") are allowed with a
 * note: the cell is kept as written, and its digits are the number.
 */
export function readPhone(raw: string): FieldResult {
  const parts = raw.split(/\s*(?:[;,/]|\bor\b)\s*/i).filter((p) => p.replace(/\D/g, '').length >= 7);
  if (parts.length > 1) return fail(`${show(raw)} holds more than one phone number: give one per entity (keep the others in a column of your own)`);
  let number = raw.replace(/\s*(?:ext\.?|x|#)\s*\d{1,6}$/i, '');
  let note: string | undefined;
  if (!PHONE_CHARS.test(number)) {
    // A spreadsheet habit: a word beside the number ("(mobile)", "fax:", "Tel."). The number is read, the cell kept.
    const bare = number.replace(PHONE_WORDS, ' ').trim();
    if (bare === number.trim() || !PHONE_CHARS.test(bare)) return fail(`${show(raw)} is not a phone number: write digits, spaces, +, -, ( ) and dots only (such as +90 414 431 27 64)`);
    number = bare;
    note = `${show(raw)}: read as the phone number ${show(bare)}; the words beside it are kept in the cell`;
  }
  const digits = number.replace(/\D/g, '').length;
  if (digits < 7 || digits > 17) return fail(`${show(raw)} has ${digits} digits: a phone number has 7 to 15, with its country code`);
  return note === undefined ? ok(raw) : { ok: true, value: raw, note };
}
