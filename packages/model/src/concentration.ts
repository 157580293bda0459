/**
 * Concentrations in percent by weight (w/w), from the `concentration` column or from the commodity text.
 * A number is always a percentage: 35, 35%, 35 % and 35 % w/w all mean 35 %; 0.35 means 0.35 %, not 35 %.
 */

export type ConcentrationReading = { ok: true; value: number } | { ok: false; reason: string };

const NOT_WEIGHT = /\b(v\s*\/\s*v|w\s*\/\s*v|v\s*\/\s*w|vol\.?|by volume)\s*\)?$/i;
const WEIGHT_MARK = /\s*\(?\s*(w\s*\/\s*w|wt\.?|by weight|m\s*\/\s*m)\s*\)?$/i;

function show(raw: string): string {
  return JSON.stringify(raw.length > 30 ? `${raw.slice(0, 27)}...` : raw);
}

/** Reads a cell of the `concentration` column: 35, 35%, 35 %, %35, 35 % w/w, 35 wt%; 0 to 100 (0.35 is 0.35 %). */
export function readConcentration(raw: string): ConcentrationReading {
  const text = raw.trim();
  if (NOT_WEIGHT.test(text)) {
    return { ok: false, reason: `concentration ${show(raw)} is by volume (v/v) or weight per volume (w/v); the column takes percent by weight (w/w)` };
  }
  let s = text.replace(/\bwt\.?\s*%/i, '%').replace(WEIGHT_MARK, '').trim();
  s = s.replace(/^%\s*/, '').replace(/\s*%$/, '').trim();
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(s)) {
    return { ok: false, reason: `concentration ${show(raw)} is not a percentage (write 35, 35% or 35 % w/w, with a dot for decimals)` };
  }
  const n = Number(s);
  if (n < 0 || n > 100) return { ok: false, reason: `concentration ${s} is out of range (0 to 100 percent by weight)` };
  return { ok: true, value: n };
}

/** What a commodity text says about the concentration of the goods. */
export interface TextConcentration {
  /** The one percentage by weight the text states, if it states exactly one. */
  value?: number;
  /** Why a percentage in the text was not taken (several of them, a range), for a warning. */
  doubt?: string;
}

/** Qualifiers after a percentage that mean it is not the goods' concentration by weight. */
const NOT_CONCENTRATION = /^\s*\(?\s*(v\s*\/\s*v|w\s*\/\s*v|v\s*\/\s*w|vol\b|by volume|n\b|p\b|k\b|p2o5|k2o|mgo|cao|so3|nitrogen|azot|discount|off\b)/i;
const NUMBER = String.raw`(\d{1,3}(?:[.,]\d+)?)`;

/**
 * Finds the concentration in a commodity text: "hydrogen peroxide 35%", "H2O2 50 % w/w", "nitric acid 68%",
 * "%35 hidrojen peroksit" (the percent sign before the number, as Turkish writes it), "35,5 %". Percentages by
 * volume (v/v, w/v) and nutrient contents ("34.4% N", "46 % nitrogen", "P2O5") are not concentrations of the
 * goods and are left out. A text with several different percentages, or a range ("30-35%"), gives none and
 * says why.
 */
export function concentrationInText(text: string): TextConcentration {
  // Both patterns need a percent sign: a text without one (most commodities) states no concentration.
  if (!text.includes('%')) return {};
  const found: number[] = [];
  const ranges: string[] = [];
  const used = new Set<number>();
  const after = (end: number) => text.slice(end, end + 16);
  for (const m of text.matchAll(new RegExp(String.raw`(?<![\d.,])${NUMBER}\s*%`, 'g'))) {
    const end = m.index! + m[0].length;
    used.add(end - 1);
    if (NOT_CONCENTRATION.test(after(end))) continue;
    const before = text.slice(Math.max(0, m.index! - 12), m.index!);
    const range = /(?<![\p{L}\d.,])(\d+(?:[.,]\d+)?)\s*%?\s*(-|–|to|~)\s*$/iu.exec(before);
    if (range) {
      ranges.push(`${range[1]}${range[2] === 'to' ? ' to ' : range[2]}${m[1]}%`);
      continue;
    }
    found.push(Number(m[1].replace(',', '.')));
  }
  for (const m of text.matchAll(new RegExp(String.raw`%\s*${NUMBER}(?![\d.,]*\s*%)`, 'g'))) {
    if (used.has(m.index!)) continue;
    const end = m.index! + m[0].length;
    if (NOT_CONCENTRATION.test(after(end))) continue;
    found.push(Number(m[1].replace(',', '.')));
  }
  const values = [...new Set(found.filter((v) => v > 0 && v <= 100))];
  if (ranges.length > 0) {
    return { doubt: `the commodity text gives a range of concentrations (${ranges[0]}): none was taken; write the concentration in the concentration column` };
  }
  if (values.length > 1) {
    return { doubt: `the commodity text gives several percentages (${values.map((v) => `${v}%`).join(', ')}): no concentration was taken; write it in the concentration column` };
  }
  return values.length === 1 ? { value: values[0] } : {};
}

/**
 * The concentration of a shipment: the `concentration` column when it has one, else the one the commodity text
 * states. `note` says what was doubtful (the text and the column differ, the text gives several or a range).
 */
export function shipmentConcentration(column: number | undefined, commodity: string): { value?: number; note?: string } {
  const text = concentrationInText(commodity);
  if (column !== undefined) {
    if (text.value !== undefined && text.value !== column) {
      return { value: column, note: `the concentration column says ${column}% but the commodity text says ${text.value}%: the column was used` };
    }
    return { value: column };
  }
  return text.value !== undefined ? { value: text.value } : text.doubt !== undefined ? { note: text.doubt } : {};
}
