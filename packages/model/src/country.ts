import countries from 'i18n-iso-countries';
import ar from 'i18n-iso-countries/langs/ar.json';
import de from 'i18n-iso-countries/langs/de.json';
import en from 'i18n-iso-countries/langs/en.json';
import es from 'i18n-iso-countries/langs/es.json';
import fr from 'i18n-iso-countries/langs/fr.json';
import it from 'i18n-iso-countries/langs/it.json';
import nl from 'i18n-iso-countries/langs/nl.json';
import pt from 'i18n-iso-countries/langs/pt.json';
import ru from 'i18n-iso-countries/langs/ru.json';
import tr from 'i18n-iso-countries/langs/tr.json';
import uk from 'i18n-iso-countries/langs/uk.json';

/** The languages whose country names are read (spreadsheets from the places investigators get them). */
const LOCALES = [en, de, fr, es, it, nl, pt, tr, ru, uk, ar] as const;

/** A name as compared: lower case, without accents, dots, brackets or extra spaces ("U.S.A." → "usa", "Türkiye" → "turkiye"). */
export function foldCountryName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[.’']/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Short English names the package does not give ("Syria" beside "Syrian Arab Republic"), and former names. */
const MORE_NAMES: Record<string, string[]> = {
  SY: ['Syria'], MD: ['Moldova'], LA: ['Laos'], MK: ['Macedonia'], BN: ['Brunei'], MM: ['Burma'], MO: ['Macau', 'Macao'],
  VA: ['Vatican', 'Vatican City'], FM: ['Micronesia'], CD: ['DR Congo', 'DRC', 'Congo-Kinshasa', 'Congo Kinshasa'], CG: ['Congo-Brazzaville', 'Congo Brazzaville'],
  BA: ['Bosnia'], SZ: ['Swaziland'], TL: ['East Timor'], NL: ['Holland'], GB: ['England', 'Scotland', 'Wales', 'Northern Ireland', 'Britain'],
};

/** Russian names and abbreviations the package does not give, as declarations and registers of the region write them. */
const MORE_RUSSIAN_NAMES: Record<string, string[]> = {
  RU: ['РФ'], KG: ['КР', 'Кыргызстан', 'Кыргызская Республика', 'Киргизская Республика'], KZ: ['Республика Казахстан', 'РК'],
  BY: ['Белоруссия', 'Республика Беларусь', 'РБ'], CN: ['КНР', 'Китай'], KP: ['КНДР'], KR: ['Южная Корея', 'Республика Корея'],
  TM: ['Туркменистан'], MD: ['Молдова'], US: ['Соединенные Штаты', 'Соединенные Штаты Америки'], GB: ['Англия'],
  AE: ['Объединенные Арабские Эмираты'], IR: ['Исламская Республика Иран'], UZ: ['Республика Узбекистан'], AM: ['Республика Армения'],
};

let byName: Map<string, string> | undefined;

/**
 * Country names in the languages above (official and common forms: "Turkey", "Türkei", "UAE", "Russian Federation")
 * by their folded form. A name that two countries share in different languages is left out: it is not read.
 */
function names(): Map<string, string> {
  if (byName !== undefined) return byName;
  const found = new Map<string, string | null>();
  for (const table of [...LOCALES.map((l) => l.countries as Record<string, string | string[]>), MORE_NAMES, MORE_RUSSIAN_NAMES]) {
    for (const [code, value] of Object.entries(table)) {
      for (const name of typeof value === 'string' ? [value] : value) {
        const key = foldCountryName(name);
        if (key === '') continue;
        const seen = found.get(key);
        if (seen === undefined) found.set(key, code);
        else if (seen !== code) found.set(key, null);
      }
    }
  }
  byName = new Map([...found].filter((e): e is [string, string] => e[1] !== null));
  return byName;
}

/**
 * A country cell as an ISO 3166-1 alpha-2 code: the code itself (any case), an alpha-3 code ("TUR") or a country's
 * name in English, German, French, Spanish, Italian, Dutch, Portuguese, Turkish, Russian, Ukrainian or Arabic
 * ("Turkey", "Türkiye", "Deutschland"). `note` says how a code or name other than alpha-2 was read. Undefined when
 * the cell is none of these.
 */
export function readCountry(raw: string): { code: string; note?: string } | undefined {
  const upper = raw.toUpperCase();
  if (/^[A-Z]{2}$/.test(upper) && countries.isValid(upper)) return { code: upper };
  if (/^[A-Z]{3}$/.test(upper)) {
    const code = countries.alpha3ToAlpha2(upper);
    if (code !== undefined) return { code, note: `${JSON.stringify(raw)} read as ${code}, the ISO 3166-1 alpha-2 code of the alpha-3 code ${upper}` };
  }
  // `US-DE`, `GB-ENG` (ISO 3166-2), `us_de`, `ae_du` (as OpenCorporates writes jurisdictions): a country's subdivision.
  const subdivision = /^([A-Za-z]{2})[-_][A-Za-z0-9]{1,3}$/.exec(raw);
  if (subdivision !== null && countries.isValid(subdivision[1].toUpperCase())) {
    const country = subdivision[1].toUpperCase();
    return { code: country, note: `${JSON.stringify(raw)} read as ${country}, the country of that subdivision (a state, province or region: ISO 3166-2)` };
  }
  const code = names().get(foldCountryName(raw));
  if (code === undefined) return undefined;
  return { code, note: `the country name ${JSON.stringify(raw)} read as ${code} (ISO 3166-1 alpha-2); write codes to be sure` };
}
