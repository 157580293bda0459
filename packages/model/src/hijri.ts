/**
 * Dates of the Hijri calendar, as Saudi, Gulf and some Iraqi documents give them (`1438/06/15 هـ`): read as the day of
 * the Gregorian calendar they are, by the Umm al-Qura calendar (Saudi Arabia's civil calendar, as ICU has it through
 * `Intl`), when marked as Hijri; and never read as a Gregorian date of the 14th or 15th century when not marked.
 */

/** The Hijri years a date may be in: 1300 AH began in 1882, 1500 AH begins in 2077. */
export const HIJRI_YEARS = { from: 1300, to: 1499 } as const;

/** What marks a date as Hijri, after it or before it: `هـ`, `ه`, `AH`, `A.H.` (hijriyya). */
const MARK = /^(?:هـ|ه|ھ|A\.?H\.?)$/i;
/** A date of three numbers with `-`, `/` or `.`, the year of four digits first or last, and around it what marks it. */
const DATE_PARTS = /^(?:(\S+?)\s*)??(\d{1,4})([-/.])(\d{1,2})\3(\d{1,4})(?:\s*(\S+))?$/;

let formatter: Intl.DateTimeFormat | undefined;

/** The Hijri year, month and day of a day (milliseconds since 1970, UTC), by the Umm al-Qura calendar. */
function hijriOf(time: number): [number, number, number] {
  formatter ??= new Intl.DateTimeFormat('en-u-ca-islamic-umalqura', { timeZone: 'UTC', year: 'numeric', month: 'numeric', day: 'numeric' });
  const parts = formatter.formatToParts(new Date(time));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return [part('year'), part('month'), part('day')];
}

/**
 * The Gregorian date (YYYY-MM-DD) of a Hijri date, by the Umm al-Qura calendar; undefined when it is no day of that
 * calendar (a 30th of a month of 29 days, a month 13) or its year is outside HIJRI_YEARS.
 */
export function hijriToGregorian(year: number, month: number, day: number): string | undefined {
  if (year < HIJRI_YEARS.from || year > HIJRI_YEARS.to || month < 1 || month > 12 || day < 1 || day > 30) return undefined;
  // The mean length of the Hijri year and month put the day within a few days of its place; the calendar says which.
  const estimate = Date.UTC(622, 6, 19) + Math.round((year - 1) * 354.36667 + (month - 1) * 29.530589 + (day - 1)) * 86_400_000;
  for (let shift = 0; shift <= 6; shift++) {
    for (const sign of shift === 0 ? [1] : [-1, 1]) {
      const time = estimate + sign * shift * 86_400_000;
      const [y, m, d] = hijriOf(time);
      if (y === year && m === month && d === day) return new Date(time).toISOString().slice(0, 10);
    }
  }
  return undefined;
}

/** How a date cell reads as Hijri (hijriDate). */
export type HijriReading = { ok: true; value: string; note: string } | { ok: false; reason: string };

/**
 * A date cell whose year is a Hijri year (1300 to 1499): marked as Hijri (`1438/06/15 هـ`, `15/06/1438هـ`, `1438-06-15
 * AH`), read as its Gregorian day with a note; not marked (`1438-06-15`), refused with the day it would be, since no
 * shipment or company of the 14th or 15th century is in a bundle. Year first (year, month, day) or last (day, month,
 * year, as Arabic writes it). Undefined for any other text.
 */
export function hijriDate(raw: string): HijriReading | undefined {
  const m = DATE_PARTS.exec(raw);
  if (m === null) return undefined;
  const [, before, first, , middle, last, after] = m;
  const yearFirst = first.length === 4;
  if (!yearFirst && last.length !== 4) return undefined;
  const year = Number(yearFirst ? first : last);
  if (year < HIJRI_YEARS.from || year > HIJRI_YEARS.to) return undefined;
  const marks = [before, after].filter((x): x is string => x !== undefined);
  if (marks.some((x) => !MARK.test(x))) return undefined;
  const [month, day] = [Number(middle), Number(yearFirst ? last : first)];
  const gregorian = hijriToGregorian(year, month, day);
  const shown = JSON.stringify(raw);
  if (marks.length > 0) {
    if (gregorian === undefined) return { ok: false, reason: `${shown} is not a day of the Hijri calendar (year ${year}, month ${month}, day ${day})` };
    return { ok: true, value: gregorian, note: `${shown} is a Hijri date: read as ${gregorian} (the Umm al-Qura calendar); write the Gregorian date, YYYY-MM-DD, to be sure` };
  }
  const reading = gregorian === undefined ? '' : `; if it is a Hijri date (${day} ${HIJRI_MONTHS[month - 1]} ${year} AH), it is ${gregorian}: write that, or mark the date هـ`;
  return { ok: false, reason: `${shown} is in the year ${year}: no record of a bundle is that old${reading}` };
}

const HIJRI_MONTHS = ['Muharram', 'Safar', 'Rabi al-Awwal', 'Rabi al-Thani', 'Jumada al-Ula', 'Jumada al-Akhira', 'Rajab', 'Shaban', 'Ramadan', 'Shawwal', 'Dhu al-Qada', 'Dhu al-Hijja'];
