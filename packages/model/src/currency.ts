import { ARABIC_CURRENCIES, ARABIC_SHARED_CURRENCIES, arabicKey, hasArabicLetters } from './arabic';
import { ISO_4217_CURRENT, ISO_4217_WITHDRAWN } from './iso4217';
import { editDistance } from './suggest';

/**
 * Symbols and names that stand for one currency only, read as its ISO 4217 code with a warning (matched
 * case-insensitively, ignoring spaces and dots: "US $", "U.S.$").
 */
export const CURRENCY_SPELLINGS: Readonly<Record<string, string>> = {
  '€': 'EUR',
  euro: 'EUR',
  euros: 'EUR',
  'us$': 'USD',
  usdollar: 'USD',
  usdollars: 'USD',
  '£': 'GBP',
  'gb£': 'GBP',
  'uk£': 'GBP',
  stg: 'GBP',
  sterling: 'GBP',
  poundsterling: 'GBP',
  tl: 'TRY',
  '₺': 'TRY',
  ytl: 'TRY',
  turkishlira: 'TRY',
  rmb: 'CNY',
  renminbi: 'CNY',
  yuan: 'CNY',
  yen: 'JPY',
  '₹': 'INR',
  '₽': 'RUB',
  '₴': 'UAH',
  '₪': 'ILS',
  '₩': 'KRW',
  '₫': 'VND',
  '₦': 'NGN',
  '฿': 'THB',
  zł: 'PLN',
  kč: 'CZK',
  'r$': 'BRL',
  'a$': 'AUD',
  'au$': 'AUD',
  'ca$': 'CAD',
  'hk$': 'HKD',
  's$': 'SGD',
  'nz$': 'NZD',
  sfr: 'CHF',
  francsuisse: 'CHF',
  francssuisses: 'CHF',
  naira: 'NGN',
  cedi: 'GHS',
  cedis: 'GHS',
  rand: 'ZAR',
  ruble: 'RUB',
  rubles: 'RUB',
  rouble: 'RUB',
  roubles: 'RUB',
  // In Russian (and Ukrainian), as ledgers and declarations write them, spaces and dots aside (`руб.`, `долл. США`).
  руб: 'RUB',
  рубль: 'RUB',
  рубли: 'RUB',
  рубля: 'RUB',
  рублей: 'RUB',
  росруб: 'RUB',
  российскийрубль: 'RUB',
  белруб: 'BYN',
  белорусскийрубль: 'BYN',
  доллсша: 'USD',
  долларсша: 'USD',
  долларовсша: 'USD',
  долларысша: 'USD',
  евро: 'EUR',
  юань: 'CNY',
  юаней: 'CNY',
  юани: 'CNY',
  тенге: 'KZT',
  тг: 'KZT',
  '₸': 'KZT',
  сом: 'KGS',
  сомов: 'KGS',
  сум: 'UZS',
  сўм: 'UZS',
  сомони: 'TJS',
  драм: 'AMD',
  драмов: 'AMD',
  '֏': 'AMD',
  лари: 'GEL',
  '₾': 'GEL',
  гривна: 'UAH',
  гривня: 'UAH',
  гривен: 'UAH',
  гривень: 'UAH',
  грн: 'UAH',
  dollarus: 'USD',
  dollarsus: 'USD',
  livresterling: 'GBP',
  's/': 'PEN',
  'cop$': 'COP',
  'col$': 'COP',
  'mx$': 'MXN',
  'mex$': 'MXN',
  'clp$': 'CLP',
  'ars$': 'ARS',
  da: 'DZD',
  fc: 'CDF',
  'gh₵': 'GHS',
  '₵': 'GHS',
  ksh: 'KES',
  ush: 'UGX',
  tsh: 'TZS',
  birr: 'ETB',
};

const DOLLARS = 'the US dollar (USD), the Canadian (CAD), Australian (AUD), Hong Kong (HKD) or another dollar, or a peso (MXN, …)';
const CFA = "the CFA franc of West Africa (XOF: Benin, Burkina Faso, Côte d'Ivoire, Guinea-Bissau, Mali, Niger, Senegal, Togo) or of Central Africa (XAF: Cameroon, the Central African Republic, Chad, the Republic of the Congo, Equatorial Guinea, Gabon), two currencies";

/**
 * Symbols and words that several currencies share: what the error that asks for the code says they can be, and
 * `codes`, the currencies among which the countries of a shipment (its supplier's, its buyer's, where it left and
 * where it went) may settle which is meant: `FCFA` between a supplier in Nigeria and a buyer in Niger is the West
 * African CFA franc (XOF), as Niger uses it and Nigeria uses neither CFA franc. None for the dollar (`$`): the US dollar
 * is the currency of trade between parties of any country, so a Hong Kong supplier's `$` may be USD as well as HKD.
 */
const SHARED_WORDS: readonly { words: readonly string[]; said: string; codes?: readonly string[] }[] = [
  { words: ['$', 'dollar', 'dollars', 'долл', 'доллар', 'доллары', 'долларов'], said: DOLLARS },
  { words: ['c$'], said: 'the Canadian dollar (CAD) or the Nicaraguan córdoba (NIO)', codes: ['CAD', 'NIO'] },
  { words: ['¥'], said: 'the Japanese yen (JPY) or the Chinese yuan (CNY)', codes: ['JPY', 'CNY'] },
  { words: ['kr'], said: 'the Swedish (SEK), Norwegian (NOK), Danish (DKK) or Icelandic (ISK) krona or krone', codes: ['SEK', 'NOK', 'DKK', 'ISK'] },
  { words: ['lira', 'лира', 'лир'], said: 'the Turkish lira (TRY), the Syrian pound (SYP) or the Lebanese pound (LBP), all called lira', codes: ['TRY', 'SYP', 'LBP'] },
  { words: ['pound', 'pounds'], said: 'the pound sterling (GBP), the Egyptian (EGP), Syrian (SYP) or Lebanese (LBP) pound', codes: ['GBP', 'EGP', 'SYP', 'LBP', 'SDG', 'SSP'] },
  { words: ['franc', 'fr'], said: 'the Swiss franc (CHF), the CFA francs (XOF, XAF) or another franc', codes: ['CHF', 'XOF', 'XAF', 'CDF', 'GNF', 'RWF', 'BIF', 'DJF', 'KMF', 'XPF'] },
  { words: ['bs'], said: 'the Bolivian boliviano (BOB) or the Venezuelan bolívar (VES)', codes: ['BOB', 'VES'] },
  { words: ['br'], said: 'the Ethiopian birr (ETB) or the Belarusian ruble (BYN)', codes: ['ETB', 'BYN'] },
  { words: ['fcfa', 'cfa', 'cfaf', 'franccfa', 'francscfa'], said: CFA, codes: ['XOF', 'XAF'] },
  { words: ['dinar', 'динар'], said: 'the Iraqi (IQD), Jordanian (JOD), Kuwaiti (KWD), Serbian (RSD) or another dinar', codes: ['IQD', 'JOD', 'KWD', 'RSD', 'BHD', 'DZD', 'LYD', 'TND'] },
  { words: ['rial'], said: 'the Iranian (IRR), Omani (OMR), Yemeni (YER) or Saudi (SAR) rial or riyal', codes: ['IRR', 'OMR', 'YER', 'SAR'] },
  { words: ['riyal'], said: 'the Saudi (SAR), Qatari (QAR) or another riyal', codes: ['SAR', 'QAR', 'OMR', 'YER'] },
  { words: ['dirham', 'dh', 'dhs', 'дирхам'], said: 'the UAE dirham (AED) or the Moroccan dirham (MAD)', codes: ['AED', 'MAD'] },
  { words: ['rupee', 'rs'], said: 'the Indian (INR), Pakistani (PKR), Sri Lankan (LKR) or another rupee', codes: ['INR', 'PKR', 'LKR', 'NPR', 'MUR', 'SCR'] },
  { words: ['peso'], said: 'the Mexican (MXN), Argentine (ARS), Colombian (COP), Philippine (PHP) or another peso', codes: ['MXN', 'ARS', 'COP', 'PHP', 'CLP', 'UYU', 'DOP', 'CUP'] },
];

/** SHARED_WORDS by word: what the error says (own keys only: a cell `constructor` is no currency). */
const AMBIGUOUS: Readonly<Record<string, string>> = Object.fromEntries(SHARED_WORDS.flatMap((g) => g.words.map((w) => [w, g.said])));

/** SHARED_WORDS by word: the currencies a shipment's countries may settle it to (not the dollar's words). */
export const SHARED_CURRENCIES: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  SHARED_WORDS.flatMap((g) => (g.codes === undefined ? [] : g.words.map((w) => [w, g.codes!] as const))),
);

/** The countries (ISO 3166-1 alpha-2) whose currency each of SHARED_CURRENCIES' currencies is. */
const USED_IN: Readonly<Record<string, readonly string[]>> = {
  CAD: ['CA'], NIO: ['NI'], JPY: ['JP'], CNY: ['CN'],
  SEK: ['SE'], NOK: ['NO', 'SJ'], DKK: ['DK', 'GL', 'FO'], ISK: ['IS'],
  TRY: ['TR'], SYP: ['SY'], LBP: ['LB'],
  GBP: ['GB', 'GG', 'JE', 'IM'], EGP: ['EG'], SDG: ['SD'], SSP: ['SS'],
  CHF: ['CH', 'LI'],
  XOF: ['BJ', 'BF', 'CI', 'GW', 'ML', 'NE', 'SN', 'TG'],
  XAF: ['CM', 'CF', 'TD', 'CG', 'GQ', 'GA'],
  CDF: ['CD'], GNF: ['GN'], RWF: ['RW'], BIF: ['BI'], DJF: ['DJ'], KMF: ['KM'], XPF: ['PF', 'NC', 'WF'],
  BOB: ['BO'], VES: ['VE'], ETB: ['ET'], BYN: ['BY'],
  IQD: ['IQ'], JOD: ['JO'], KWD: ['KW'], RSD: ['RS'], BHD: ['BH'], DZD: ['DZ'], LYD: ['LY'], TND: ['TN'],
  IRR: ['IR'], OMR: ['OM'], YER: ['YE'], SAR: ['SA'], QAR: ['QA'],
  AED: ['AE'], MAD: ['MA', 'EH'],
  INR: ['IN', 'BT'], PKR: ['PK'], LKR: ['LK'], NPR: ['NP'], MUR: ['MU'], SCR: ['SC'],
  MXN: ['MX'], ARS: ['AR'], COP: ['CO'], PHP: ['PH'], CLP: ['CL'], UYU: ['UY'], DOP: ['DO'], CUP: ['CU'],
};

/** An Arabic symbol as written, without dots, spaces, marks or tatweel (hamza kept: `د.أ` JOD, `د.إ` AED). */
function arabicSymbolKey(raw: string): string {
  return raw.normalize('NFC').replace(/[\s.\u06d4\u064b-\u065f\u0670\u0640]+/g, '');
}

/** ARABIC_CURRENCIES: the symbols (written with dots) by their letters, the names by arabicKey. */
const ARABIC_CODES: ReadonlyMap<string, string> = new Map(Object.entries(ARABIC_CURRENCIES).map(([w, code]) => [w.includes('.') ? arabicSymbolKey(w) : arabicKey(w), code]));
/** ARABIC_SHARED_CURRENCIES by arabicKey: the Latin word of SHARED_WORDS whose currencies each can name. */
const ARABIC_SHARED: ReadonlyMap<string, string> = new Map(Object.entries(ARABIC_SHARED_CURRENCIES).map(([w, latin]) => [arabicKey(w), latin]));

/** A currency written in Arabic: the one it names (`د.ع`, `دينار عراقي` → IQD), or the Latin word of the shared ones it is (`دينار` → dinar). */
function arabicCurrency(raw: string): { code: string } | { shared: string } | undefined {
  if (!hasArabicLetters(raw)) return undefined;
  const code = ARABIC_CODES.get(arabicSymbolKey(raw)) ?? ARABIC_CODES.get(arabicKey(raw));
  if (code !== undefined) return { code };
  const shared = ARABIC_SHARED.get(arabicKey(raw));
  return shared === undefined ? undefined : { shared };
}

/** `raw` as the tables of shared words are looked up: squashed, an Arabic shared word as its Latin one. */
function sharedKey(raw: string): string {
  const arabic = arabicCurrency(raw);
  return arabic !== undefined && 'shared' in arabic ? arabic.shared : squash(raw);
}

/** The currencies `raw` can name when it is a word or symbol several share that a shipment's countries may settle. */
export function sharedCurrencyCodes(raw: string): readonly string[] | undefined {
  const s = sharedKey(raw);
  return Object.hasOwn(SHARED_CURRENCIES, s) ? SHARED_CURRENCIES[s] : undefined;
}

export type SharedCurrencyReading = { code: string; country: string } | { candidates: readonly string[] };

/**
 * A word or symbol several currencies share (`FCFA`, `lira`, `¥`), read as the one of them that `countries` (ISO
 * 3166-1 alpha-2 codes: the countries a shipment names) use, when exactly one of them does: `code` and the first of
 * the countries that uses it. Otherwise the currencies the countries named use among them (none, or several: the
 * countries do not settle which). Undefined when `raw` is no such word.
 */
export function currencyOfCountries(raw: string, countries: readonly string[]): SharedCurrencyReading | undefined {
  const codes = sharedCurrencyCodes(raw);
  if (codes === undefined) return undefined;
  const found: string[] = [];
  let country = '';
  for (const code of codes) {
    const where = countries.find((c) => USED_IN[code].includes(c));
    if (where === undefined) continue;
    if (found.length === 0) country = where;
    found.push(code);
  }
  return found.length === 1 ? { code: found[0], country } : { candidates: found };
}

/** The most traded currencies first, for "did you mean". */
const COMMON = ['USD', 'EUR', 'JPY', 'GBP', 'CNY', 'AUD', 'CAD', 'CHF', 'HKD', 'SGD', 'SEK', 'KRW', 'NOK', 'NZD', 'INR', 'MXN', 'TRY', 'AED', 'SAR', 'RUB'];

export type CurrencyReading = { ok: true; value: string; note?: string } | { ok: false; reason: string };

function squash(raw: string): string {
  return raw.normalize('NFKC').toLowerCase().replace(/[\s.]+/g, '');
}

function show(raw: string): string {
  return JSON.stringify(raw.length > 30 ? `${raw.slice(0, 27)}...` : raw);
}

/**
 * The current ISO 4217 codes one letter away from `code`, those of the same country and the most traded first
 * (the X codes of funds, metals and units of account only for a code that starts with X).
 */
function nearCodes(code: string): string[] {
  const rank = (c: string) => (COMMON.includes(c) ? COMMON.indexOf(c) : COMMON.length) - (c.slice(0, 2) === code.slice(0, 2) ? 100 : 0);
  return Object.keys(ISO_4217_CURRENT)
    .filter((c) => editDistance(c, code) === 1 && (!c.startsWith('X') || code.startsWith('X')))
    .sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1))
    .slice(0, 3);
}

/**
 * Reads a currency: an ISO 4217 code (current, or withdrawn with a note), or a symbol or name that stands for
 * one currency only (€, US$, £, TL, ₺, …; read as its code with a note). A symbol that several currencies
 * share ($, ¥, kr) is an error that asks for the code.
 */
export function readCurrency(raw: string): CurrencyReading {
  const code = raw.trim().toUpperCase();
  const s = squash(raw);
  // Own keys only: a cell `constructor` or `__proto__` is no currency (the tables are object literals).
  const spelt = Object.hasOwn(CURRENCY_SPELLINGS, s) ? CURRENCY_SPELLINGS[s] : undefined;
  const arabic = spelt === undefined ? arabicCurrency(raw) : undefined;
  const named = spelt ?? (arabic !== undefined && 'code' in arabic ? arabic.code : undefined);
  if (named !== undefined) return { ok: true, value: named, note: `currency ${show(raw.trim())} read as ${named} (${ISO_4217_CURRENT[named]}); write the ISO 4217 code to be sure` };
  const word = arabic !== undefined && 'shared' in arabic ? arabic.shared : s;
  const ambiguous = Object.hasOwn(AMBIGUOUS, word) ? AMBIGUOUS[word] : undefined;
  // (before the codes: `CFA` and `Dhs` have three letters but are no code)
  if (ambiguous !== undefined && !Object.hasOwn(ISO_4217_CURRENT, code)) return { ok: false, reason: `currency ${show(raw)} is ambiguous: it can be ${ambiguous}; write the ISO 4217 code` };
  if (/^[A-Z]{3}$/.test(code)) {
    if (code === 'XXX' || code === 'XTS') {
      return { ok: false, reason: `${code} is the ISO 4217 code for ${code === 'XXX' ? 'no currency' : 'testing'}: leave value and currency empty when the value is not known` };
    }
    if (Object.hasOwn(ISO_4217_CURRENT, code)) return { ok: true, value: code };
    const withdrawn = Object.hasOwn(ISO_4217_WITHDRAWN, code) ? ISO_4217_WITHDRAWN[code] : undefined;
    if (withdrawn !== undefined) {
      return { ok: true, value: code, note: `${code} (${withdrawn[0]}) is a withdrawn currency (last withdrawn ${withdrawn[1]}): amounts are kept in ${code}, never added to another currency` };
    }
    const near = nearCodes(code);
    const hint = near.length > 0 ? `; did you mean ${near.join(' or ')}?` : ' (such as EUR, USD, TRY)';
    return { ok: false, reason: `${show(raw)} is not an ISO 4217 currency code${hint}` };
  }
  return { ok: false, reason: `${show(raw)} is not an ISO 4217 currency code (such as EUR, USD, TRY)` };
}
