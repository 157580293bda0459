import anyAscii from 'any-ascii';

/**
 * Folds text to lower-case ASCII words separated by single spaces: transliterates every script
 * (any-ascii: Turkish ı/İ/ş/ğ → i/I/s/g, Danish æ/ø/å → ae/o/a, ñ → n, ß → ss, Arabic and Cyrillic
 * letters to Latin), lower-cases after transliterating (so `İ` does not become `i̇`), turns `&` into
 * `and`, and replaces every other character that is not a letter or digit by a space.
 */
export function fold(text: string): string {
  return anyAscii(text.normalize('NFC'))
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['`´’]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * A rougher key for spelling variants of transliterated names: doubled letters collapse
 * (`noor` → `nor`), `ou`/`oo` → `u`, `ee` → `i`, `ph` → `f`, `q` → `k`, `ck` → `k`, `w` → `v`,
 * `kh` → `h`, `dh` → `d`, `th` → `t`, `y` between consonants → `i`. Used for blocking and as a second
 * opinion in token matching, never as the displayed name.
 */
export function skeleton(token: string): string {
  let s = skeletons.get(token);
  if (s === undefined) {
    if (skeletons.size >= 100_000) skeletons.clear();
    skeletons.set(token, (s = computeSkeleton(token)));
  }
  return s;
}

/** Skeletons already computed (a pure function of the token; the cache only saves time). */
const skeletons = new Map<string, string>();

/** `skeleton` without its cache (for words looked at once, which would only crowd the cache). */
export function computeSkeleton(token: string): string {
  return token
    .replace(/ou|oo|uu/g, 'u')
    .replace(/ee|ie/g, 'i')
    .replace(/ph/g, 'f')
    .replace(/ck|q/g, 'k')
    .replace(/kh/g, 'h')
    .replace(/dh/g, 'd')
    .replace(/th/g, 't')
    .replace(/w/g, 'v')
    .replace(/([^aeiou])y(?=[^aeiou]|$)/g, '$1i')
    .replace(/(.)\1+/g, '$1');
}
