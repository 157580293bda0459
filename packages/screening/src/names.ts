import anyAscii from 'any-ascii';
import { nameTokens, skeleton, WEAK_TOKENS } from '@chokepoint/resolve';

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
];

/** Chinese place names that start company names, in their usual Latin spelling (some characters have several readings: 厦门 is Xiamen). */
const CHINESE_PLACES: readonly [string, string][] = [
  ['乌鲁木齐', 'Urumqi'], ['哈尔滨', 'Harbin'], ['北京', 'Beijing'], ['上海', 'Shanghai'], ['天津', 'Tianjin'], ['重庆', 'Chongqing'],
  ['广州', 'Guangzhou'], ['深圳', 'Shenzhen'], ['大连', 'Dalian'], ['青岛', 'Qingdao'], ['厦门', 'Xiamen'], ['宁波', 'Ningbo'],
  ['杭州', 'Hangzhou'], ['南京', 'Nanjing'], ['苏州', 'Suzhou'], ['武汉', 'Wuhan'], ['成都', 'Chengdu'], ['西安', 'Xian'],
  ['沈阳', 'Shenyang'], ['长沙', 'Changsha'], ['郑州', 'Zhengzhou'], ['济南', 'Jinan'], ['福州', 'Fuzhou'], ['东莞', 'Dongguan'],
  ['佛山', 'Foshan'], ['无锡', 'Wuxi'], ['温州', 'Wenzhou'], ['烟台', 'Yantai'], ['珠海', 'Zhuhai'], ['汕头', 'Shantou'],
  ['昆明', 'Kunming'], ['江阴', 'Jiangyin'], ['东营', 'Dongying'], ['义乌', 'Yiwu'], ['台州', 'Taizhou'], ['香港', 'Hong Kong'],
  ['澳门', 'Macau'], ['台北', 'Taipei'], ['台湾', 'Taiwan'], ['中国', 'China'],
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
const CJK_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;
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
  /** Whether it is a person's name. */
  person: boolean;
}

/**
 * How a name is put in Latin letters before the resolution normalisation: script-specific company words dropped or
 * put in English, Chinese place names in their usual spelling, the rest of a run of Chinese characters as one word
 * (华信 → huaxin, as pinyin writes the words of a name), and a Chinese person's name as surname and given name
 * (王建国 → Wang Jianguo).
 */
export function prescript(name: string, kind: 'person' | 'company' | 'organization' | 'any' = 'company'): string {
  let text = name;
  if (CJK.test(text)) {
    const compact = text.replace(/\s+/g, '');
    if (kind === 'person' && /^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,4}$/.test(compact)) {
      text = `${anyAscii(compact[0])} ${anyAscii(compact.slice(1))}`;
    } else {
      for (const [word, english] of [...CHINESE_WORDS, ...CHINESE_PLACES]) text = text.split(word).join(` ${english} `);
      text = text.replace(CJK_RUN, (run) => ` ${anyAscii(run)} `);
    }
  }
  if (ARABIC.test(text)) for (const re of ARABIC_WORDS) text = text.replace(re, ' ');
  if (CYRILLIC.test(text)) for (const [re, short] of RUSSIAN_FORMS) text = text.replace(re, short);
  return text;
}

/**
 * Spellings of one sound in the common transliterations of Russian, Ukrainian and other names, written one way on
 * both sides: `yo`, `ye` and `ie` → `e` (Fyodor / Fedor, Sergeyevich / Sergeevich, Arkadievich / Arkadyevich), a
 * final `iy`, `yy` or `ii` → `y` (Yuriy / Yury / Iurii).
 */
export function translitFold(token: string): string {
  if (token.length < 4) return token;
  return token
    .replace(/yo|ye|ie/g, 'e')
    .replace(/(?:iy|yy|ii)$/, 'y');
}

/** Patronymics (Russian, Ukrainian, Turkic): a part of a person's name that lists often write and other sources leave out. */
export function isPatronymic(token: string): boolean {
  return /(?:vich|vych|vna|ichna|ogly|oglu|ugli|kyzy|qizi)$/.test(token) && token.length >= 6;
}

/** Generic words left out of the consonant key (they are written or left out at will in Arabic names of companies). */
const CONSONANT_SKIP = new Set(['contracting', 'contractors', 'company', 'est', 'establishment', 'for', 'llc', 'limited']);

/**
 * The consonants of a name written without spaces, for names in Arabic script: vowels and the letters that write
 * long vowels (w, y) dropped, doubled letters once: `Al Noor` and `النور` (lnwr) → `lnr`; `Mohammed Abdullah` and
 * `محمد عبد الله` → `mhmdbdlh`.
 */
export function consonantKey(tokens: readonly string[], arabic = false): string {
  return tokens
    .filter((t) => !WEAK_TOKENS.has(t) && !CONSONANT_SKIP.has(t))
    // The Arabic tā' marbūṭa (ة) transliterates to a final h that Latin spellings leave out (Rashidiya / الرشيدية).
    .map((t) => (arabic && t.length > 3 ? t.replace(/h$/, '') : t))
    .join('')
    .replace(/[^a-z]/g, '')
    .replace(/[aeiouwy]/g, '')
    .replace(/(.)\1+/g, '$1');
}

/** Prepares a name: persons without legal-form stripping and with titles dropped. */
export function prepareName(name: string, kind: 'person' | 'company' | 'organization' | 'any', country?: string): PreparedName {
  const latin = prescript(name, kind);
  const options = kind === 'person' ? { legalForms: false, titles: true } : {};
  let tokens = nameTokens(latin, country, options).map((t) => translitFold(canonicalGivenName(t)));
  // `for` joins the words of Arabic company names written in English (Bab al-Sharq for Import and Export).
  if (tokens.length > 1 && tokens.includes('for')) tokens = tokens.filter((t) => t !== 'for');
  const arabic = ARABIC.test(name);
  return { text: name, tokens, arabic, consonants: consonantKey(tokens, arabic), person: kind === 'person' };
}

/** The blocking keys of a token: its skeleton, and for words of five letters or more its one-deletion variants. */
export function tokenKeys(token: string): string[] {
  const s = skeleton(token);
  if (s.length < 5 || /\d/.test(s)) return [s];
  const keys = new Set([s]);
  for (let i = 0; i < s.length; i++) keys.add(s.slice(0, i) + s.slice(i + 1));
  return [...keys];
}
