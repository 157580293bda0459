import type { RecordOrigin, Report, ReportShipment } from '@chokepoint/report';

/** Whole numbers with thousands separators: 12,000. */
export const int = (n: number): string => n.toLocaleString('en-US');

/** An amount as people read it: whole from 1,000, otherwise up to two decimals (0.25, 7.5, 121.2). */
export function amount(n: number): string {
  if (Math.abs(n) >= 1000 || Number.isInteger(n)) return Math.round(n).toLocaleString('en-US');
  return n.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/**
 * A money figure, always with its currency: "EUR 238,000" (the summary's form). A value the data gives without a
 * currency says so instead of passing for a number of anything.
 */
export function money(value: number, currency: string | null | undefined): string {
  if (currency === undefined || currency === null || currency === '') return `${amount(value)} (currency not stated)`;
  return `${currency} ${amount(value)}`;
}

/** An HS code as the flags and the summary write it: "3212.90" (the report keeps it without dots). */
export function hsLabel(code: string): string {
  if (code.length <= 4) return code;
  // A country's longer tariff line: its further digits in pairs, as tariffs write them (3102.30.00.00.00, not 3102.30000000).
  return [`${code.slice(0, 4)}.${code.slice(4, 6)}`, ...(code.slice(6).match(/\d{1,2}/g) ?? [])].join('.');
}

/** Goods in words: "aluminium powder (HS 7603.10)". */
export function goodsLabel(s: Pick<ReportShipment, 'commodity' | 'hsCode'>): string {
  return `${s.commodity}${s.hsCode ? ` (HS ${hsLabel(s.hsCode)})` : ''}`;
}

/** Units as they are written for people (the report spells m² and m³ as m2 and m3). */
export function unitLabel(unit: string): string {
  if (unit === 'm2') return 'm²';
  if (unit === 'm3') return 'm³';
  if (unit === '1000u') return '1000 u';
  if (unit === 'none') return 'no quantity';
  return unit;
}

/** A quantity with its unit: "8 m", "2,000 kg". */
export function quantityIn(n: number, unit: string): string {
  return `${amount(n)} ${unitLabel(unit)}`;
}

/**
 * A shipment's quantity with its unit, and its weight in kg when it was weighed from another unit: "2 t (2,000 kg)",
 * "120 l (121.2 kg at 1.01 kg/l)". A quantity that could not be weighed stays in its unit. Empty when none is given.
 */
export function shipmentQuantity(s: Pick<ReportShipment, 'quantity' | 'unit' | 'quantityKg' | 'kgBasis'>): string {
  return shipmentQuantityParts(s).join(' ');
}

/** shipmentQuantity in its parts: the quantity as given, then the weight worked out from it when there is one. */
export function shipmentQuantityParts(s: Pick<ReportShipment, 'quantity' | 'unit' | 'quantityKg' | 'kgBasis'>): string[] {
  if (s.quantity === undefined) return s.quantityKg === undefined ? [] : [quantityIn(s.quantityKg, 'kg')];
  const unit = s.unit ?? 'kg';
  const given = quantityIn(s.quantity, unit);
  if (s.quantityKg === undefined || unit === 'kg') return [given];
  const basis = s.kgBasis?.density !== undefined ? ` at ${amount(s.kgBasis.density)} kg/l` : s.kgBasis ? ', declared' : '';
  return [given, `(${quantityIn(s.quantityKg, 'kg')}${basis})`];
}

/** A shipment's value with its currency, or '' when it has none. */
export function shipmentValue(s: Pick<ReportShipment, 'value' | 'currency'>): string {
  return s.value === undefined ? '' : money(s.value, s.currency);
}

/**
 * A share as a percentage. `null` (a measure that did not flow at all, so there is nothing to take a share of) is
 * "—", never "0%".
 */
export function percent(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '—';
  const p = share * 100;
  if (p === 0 || p >= 10 || Number.isInteger(p)) return `${Math.round(p)}%`;
  if (p >= 1) return `${p.toFixed(1)}%`;
  return `${p.toFixed(2)}%`;
}

/** Kilometres: whole from 100 km (and when whole), else one decimal. */
export function km(x: number): string {
  return x >= 100 || Number.isInteger(x) ? int(Math.round(x)) : x.toFixed(1);
}

export const plural = (n: number, one: string, many: string): string => `${int(n)} ${n === 1 ? one : many}`;

/** An amount of a chokepoint measure with its unit: kg, the flow's currency, or shipments. */
export function flowAmount(value: number, measure: 'kg' | 'value' | 'shipments', currency: string | null): string {
  if (measure === 'kg') return quantityIn(value, 'kg');
  if (measure === 'value') return money(value, currency);
  return plural(Math.round(value), 'shipment', 'shipments');
}

/** Whether the exchange rates used are more than a year from the shipments they convert (the summary warns too). */
export function ratesFarFromShipments(conversion: Report['measures']['conversion']): boolean {
  if (conversion === null || conversion.rateDates === null || conversion.shipmentDates === null) return false;
  const years = (a: string, b: string) => Math.abs(Date.parse(a) - Date.parse(b)) / (365.25 * 24 * 3600 * 1000);
  return years(conversion.rateDates[1], conversion.shipmentDates[0]) >= 1 || years(conversion.rateDates[0], conversion.shipmentDates[1]) >= 1;
}

/** Where a record was read, or null when the report does not know (absent, or line 0 and no file name). */
export function knownOrigin(origin: RecordOrigin | undefined): RecordOrigin | null {
  return origin === undefined || origin.line === 0 || origin.file === '' ? null : origin;
}

/** Where a record was read, in words ("entities.csv, line 3"); null when the report does not know (knownOrigin). */
export function originText(origin: RecordOrigin | undefined): string | null {
  const known = knownOrigin(origin);
  return known === null ? null : `${known.file}, line ${int(known.line)}`;
}

/** A letter of a script written right to left: Hebrew, Arabic, Syriac, Thaana, N'Ko …, and their presentation forms. */
const RTL_LETTER = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/;
/** A run of text from a right-to-left letter to the last of its neighbours (digits, spaces and signs between them included). */
const RTL_RUN = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc](?:[^A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]*[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc])?/g;

/**
 * Text as shown in the page, each run of right-to-left text (an Arabic name, with the digits and spaces inside it)
 * isolated from what follows it (between U+2068 FIRST STRONG ISOLATE and U+2069 POP DIRECTIONAL ISOLATE): without it,
 * the number after an Arabic name in a sentence is drawn inside the name (`منفذ ربيعة الحدودي, 105 km` showed as
 * `105 منفذ ربيعة الحدودي, km`). Text without such letters is returned as it is; isolating twice changes nothing.
 */
export function isolateRtl(text: string): string {
  if (!RTL_LETTER.test(text)) return text;
  return text.replace(RTL_RUN, (run, at: number) => (text[at - 1] === '\u2068' ? run : `\u2068${run}\u2069`));
}
