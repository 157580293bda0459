import { nameTokens, skeleton } from '@chokepoint/resolve';

/**
 * Name preparation for screening, on top of the resolution package's normalisation (`nameTokens`: transliteration,
 * diacritics, legal forms, titles, the Arabic article). Three additions for names as lists write them:
 *
 * - Chinese, Arabic and Russian company words written in their own script are put in English first (有限公司 →
 *   Co., Ltd.; شركة → Company; Общество с ограниченной ответственностью → OOO), so that the legal-form table and the
 *   weights of generic words treat them as they treat the Latin forms.
 * - Chinese characters are transliterated one by one (北京华信 → bei jing hua xin); the name comparison joins syllables
 *   that the other name writes as one word (Beijing Huaxin).
 * - Common given names written in several transliterations are written one way (Mohammed, Muhammad, Mukhammad →
 *   muhammad; Pyotr, Petr → petr), on both sides.
 *
 * Arabic script is written without short vowels, so `النور` transliterates to `lnwr`: names in Arabic script are also
 * compared by their consonants (`consonantKey`).
 */

/** Chinese words of company names, put in English before transliteration (longest first). */
const CHINESE_WORDS: readonly [string, string][] = [
  ['股份有限公司', 'Co., Ltd.'],
  ['有限责任公司', 'Co., Ltd.'],
  ['有限公司', 'Co., Ltd.'],
  ['进出口', 'Import Export'],
  ['公司', 'Company'],
  ['集团', 'Group'],
  ['控股', 'Holding'],
  ['贸易', 'Trading'],
  ['国际', 'International'],
  ['科技', 'Technology'],
  ['技术', 'Technology'],
  ['电子', 'Electronics'],
  ['化工', 'Chemical'],
  ['机械', 'Machinery'],
  ['实业', 'Industrial'],
  ['工业', 'Industry'],
  ['物流', 'Logistics'],
  ['航运', 'Shipping'],
  ['能源', 'Energy'],
  ['香港', 'Hong Kong'],
];

/**
 * Arabic words of company names (legal forms and descriptors): dropped, as the legal-form table drops their Latin
 * forms (Company, Establishment, General Trading, LLC), whatever order Arabic writes them in.
 */
const ARABIC_WORDS: readonly RegExp[] = [
  /ذ\s*\.?\s*م\s*\.?\s*م\s*\.?/g,
  /ش\s*\.?\s*م\s*\.?\s*[مع]\s*\.?/g,
  /(^|\s)(ال)?(شركة|مؤسسة|مجموعة|تجارية|عامة|دولية|محدودة|مسؤولية|ذات|مساهمة)(?=\s|$)/g,
  /(^|\s)(و|لل|ل)?(ال)?(تجارة|مقاولات)(?=\s|$)/g,
];

/** Russian legal forms written out, put as their abbreviations (which the legal-form table knows). */
const RUSSIAN_FORMS: readonly [RegExp, string][] = [
  [/общество\s+с\s+ограниченной\s+ответственностью/giu, 'ООО'],
  [/закрытое\s+акционерное\s+общество/giu, 'ЗАО'],
  [/открытое\s+акционерное\s+общество/giu, 'ОАО'],
  [/публичное\s+акционерное\s+общество/giu, 'ПАО'],
  [/акционерное\s+общество/giu, 'АО'],
  [/индивидуальный\s+предприниматель/giu, 'ИП'],
  [/товариство\s+з\s+обмеженою\s+відповідальністю/giu, 'ТОВ'],
];

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
const CJK_ALL = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/g;
const ARABIC = /[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]/;
const CYRILLIC = /[\u0400-\u04ff]/;

/** Given names written in several transliterations, and the one way they are written for comparison. */
const GIVEN_NAMES: Readonly<Record<string, readonly string[]>> = {
  muhammad: ['mohammed', 'mohammad', 'mohamed', 'mohamad', 'muhammed', 'muhamed', 'muhamad', 'mukhammad', 'mukhammed', 'mokhammed', 'mahomed', 'mohd'],
  ahmad: ['ahmed', 'akhmed', 'akhmad', 'ahmet'],
  mahmud: ['mahmoud', 'makhmud', 'mahmood'],
  husayn: ['hussein', 'husein', 'hussain', 'husain', 'hussayn', 'husseyn', 'khusein', 'gusein', 'huseyin'],
  hasan: ['hassan', 'khasan', 'gasan'],
  abdullah: ['abdallah', 'abdulla', 'abdalla', 'abdollah'],
  yusuf: ['yousef', 'youssef', 'yousuf', 'yusef', 'yussuf', 'iusuf', 'yousif', 'yusif'],
  ibrahim: ['ebrahim', 'ibragim', 'ibraheem'],
  ismail: ['ismael', 'ismayil', 'ismoil'],
  umar: ['omar', 'omer', 'oumar'],
  uthman: ['othman', 'osman', 'usman', 'osmane'],
  sulayman: ['suleiman', 'sulaiman', 'suleyman', 'sulejman', 'soliman', 'sulaymon'],
  mustafa: ['mostafa', 'moustafa', 'mustapha', 'moustapha'],
  abdulrahman: ['abdurrahman', 'abdelrahman', 'abdulrakhman', 'abderrahmane'],
  aleksandr: ['alexander', 'aleksander', 'alexandr', 'oleksandr', 'aleksandar'],
  petr: ['pyotr', 'piotr', 'petro', 'pjotr'],
  sergey: ['sergei', 'serhiy', 'sergiy', 'serhii', 'sergii'],
  yuriy: ['yuri', 'yury', 'iurii', 'yurii', 'jurij'],
  dmitriy: ['dmitri', 'dmitry', 'dmytro', 'dmitrii'],
  mikhail: ['michail', 'mykhailo', 'mikhael'],
  nikolay: ['nikolai', 'mykola', 'nikolaj'],
  andrey: ['andrei', 'andriy', 'andrii'],
  aleksey: ['alexey', 'alexei', 'aleksei', 'oleksiy', 'oleksii', 'aleksej'],
  evgeniy: ['yevgeny', 'evgeny', 'yevgeniy', 'evgenii', 'yevhen'],
  vladimir: ['volodymyr'],
  grigoriy: ['grigory', 'grigori', 'hryhoriy'],
  fyodor: ['fedor', 'feodor', 'fiodor'],
  ilya: ['ilia', 'illia', 'ilja'],
  viktor: ['victor'],
  maksim: ['maxim', 'maksym'],
  valeriy: ['valery', 'valeri', 'valerii'],
  anatoliy: ['anatoly', 'anatoli', 'anatolii'],
  vitaliy: ['vitaly', 'vitali', 'vitalii'],
  arkadiy: ['arkady', 'arkadi', 'arkadii'],
};

const GIVEN = new Map<string, string>();
for (const [canonical, variants] of Object.entries(GIVEN_NAMES)) for (const v of variants) GIVEN.set(v, canonical);

/** The canonical form of a given name written in one of its transliterations (else the token itself). */
export function canonicalGivenName(token: string): string {
  return GIVEN.get(token) ?? token;
}

/** A name ready for comparison. */
export interface PreparedName {
  /** As written. */
  text: string;
  /** Normalized tokens (resolution normalisation, then given names written one way). */
  tokens: string[];
  /** Whether it is written in Arabic script (then compared by its consonants as well). */
  arabic: boolean;
  /** The name's consonants (see `consonantKey`). */
  consonants: string;
}

/** How a name is put in Latin letters before the resolution normalisation: script-specific company words, Chinese syllables. */
export function prescript(name: string): string {
  let text = name;
  if (CJK.test(text)) {
    for (const [word, english] of CHINESE_WORDS) text = text.split(word).join(` ${english} `);
    text = text.replace(CJK_ALL, (c) => ` ${c} `);
  }
  if (ARABIC.test(text)) for (const re of ARABIC_WORDS) text = text.replace(re, ' ');
  if (CYRILLIC.test(text)) for (const [re, short] of RUSSIAN_FORMS) text = text.replace(re, short);
  return text;
}

/**
 * The consonants of a name written without spaces, for names in Arabic script: vowels and the letters that write
 * long vowels (w, y) dropped, doubled letters once: `Al Noor` and `النور` (lnwr) → `lnr`; `Mohammed Abdullah` and
 * `محمد عبد الله` → `mhmdbdlh`.
 */
export function consonantKey(tokens: readonly string[]): string {
  return tokens
    .join('')
    .replace(/[^a-z]/g, '')
    .replace(/[aeiouwy]/g, '')
    .replace(/(.)\1+/g, '$1');
}

/** Prepares a name: persons without legal-form stripping and with titles dropped. */
export function prepareName(name: string, kind: 'person' | 'company' | 'organization' | 'any', country?: string): PreparedName {
  const latin = prescript(name);
  const options = kind === 'person' ? { legalForms: false, titles: true } : {};
  const tokens = nameTokens(latin, country, options).map(canonicalGivenName);
  return { text: name, tokens, arabic: ARABIC.test(name), consonants: consonantKey(tokens) };
}

/** The blocking keys of a token: its skeleton, and for words of five letters or more its one-deletion variants. */
export function tokenKeys(token: string): string[] {
  const s = skeleton(token);
  if (s.length < 5 || /\d/.test(s)) return [s];
  const keys = new Set([s]);
  for (let i = 0; i < s.length; i++) keys.add(s.slice(0, i) + s.slice(i + 1));
  return [...keys];
}
