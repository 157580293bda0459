/** Type declarations for the untyped CommonJS dependencies. */

declare module 'talisman/metrics/jaro-winkler' {
  /** Jaro-Winkler similarity in [0, 1] (1 = identical). */
  const jaroWinkler: ((a: string, b: string) => number) & {
    similarity(a: string, b: string): number;
    distance(a: string, b: string): number;
  };
  export = jaroWinkler;
}

declare module 'any-ascii' {
  /** Transliterates a Unicode string into ASCII (any-ascii 0.1.x, CommonJS). */
  function anyAscii(text: string): string;
  export = anyAscii;
}
