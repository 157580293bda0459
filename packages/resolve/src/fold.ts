import anyAscii from 'any-ascii';
import { arabicNameKey } from './names';

const ASCII = /^[\x00-\x7f]*$/;

/**
 * Folds text to lower-case ASCII words separated by single spaces: transliterates every script
 * (any-ascii: Turkish ı/İ/ş/ğ → i/I/s/g, Danish æ/ø/å → ae/o/a, ñ → n, ß → ss, Arabic and Cyrillic
 * letters to Latin), lower-cases after transliterating (so `İ` does not become `i̇`), turns `&` into
 * `and`, and replaces every other character that is not a letter or digit by a space.
 */
export function fold(text: string): string {
  // ASCII text is its own NFC form and its own transliteration (any-ascii keeps every ASCII character).
  return (ASCII.test(text) ? text : anyAscii(text.normalize('NFC')))
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
    skeletons.set(token, (s = wordSkeleton(token)));
  }
  return s;
}

/**
 * `skeleton` without its cache: the letter rules (`computeSkeleton`) applied to the word, or, when it spells an Arabic
 * given name (`arabicNameKey`: `Mohammed`, `Muhammad`, `Mohamed`), to its name's key, so that the transliterations of
 * one name share a skeleton.
 */
export function wordSkeleton(token: string): string {
  return computeSkeleton(arabicNameKey(token) ?? token);
}

/** Skeletons already computed (a pure function of the token; the cache only saves time). */
const skeletons = new Map<string, string>();

const [A, C, D, E, F, H, I, K, O, P, Q, T, U, V, W, Y] = [...'acdefhikopqtuvwy'].map((c) => c.charCodeAt(0));
const vowel = (c: number): boolean => c === A || c === E || c === I || c === O || c === U;
/** Line terminators, which `.` of a regular expression does not match. */
const lineEnd = (c: number): boolean => c === 10 || c === 13 || c === 0x2028 || c === 0x2029;

/** Rewrites `b[0 … n - 1]` in place, replacing each pair of letters (`first`, `second`) by `into`, left to right; the new length. */
function pairs(b: Uint16Array, n: number, first: (c: number) => boolean, second: number, into: number): number {
  let w = 0;
  for (let i = 0; i < n; ) {
    if (i + 1 < n && b[i + 1] === second && first(b[i])) {
      b[w++] = into;
      i += 2;
    } else b[w++] = b[i++];
  }
  return w;
}

let buffer = new Uint16Array(64);

/**
 * `skeleton` without its cache (for words looked at once, which would only crowd the cache). The rules
 * are applied one after the other, each left to right, as these replacements would (the test checks the
 * two agree): `/ou|oo|uu/g` → `u`, `/ee|ie/g` → `i`, `/ph/g` → `f`, `/ck|q/g` → `k`, `/kh/g` → `h`,
 * `/dh/g` → `d`, `/th/g` → `t`, `/w/g` → `v`, `/([^aeiou])y(?=[^aeiou]|$)/g` → `$1i`, `/(.)\1+/g` → `$1`;
 * written as loops over the letters, because the regular expressions took most of the time of
 * resolution on large bundles.
 */
export function computeSkeleton(token: string): string {
  if (buffer.length < token.length) buffer = new Uint16Array(token.length * 2);
  const b = buffer;
  let n = token.length;
  for (let i = 0; i < n; i++) b[i] = token.charCodeAt(i);
  let w = 0;
  for (let i = 0; i < n; ) {
    const c = b[i];
    const d = i + 1 < n ? b[i + 1] : -1;
    if ((c === O && (d === U || d === O)) || (c === U && d === U)) {
      b[w++] = U;
      i += 2;
    } else b[w++] = b[i++];
  }
  n = pairs(b, w, (c) => c === E || c === I, E, I);
  n = pairs(b, n, (c) => c === P, H, F);
  w = 0;
  for (let i = 0; i < n; ) {
    if (b[i] === C && i + 1 < n && b[i + 1] === K) {
      b[w++] = K;
      i += 2;
    } else if (b[i] === Q) {
      b[w++] = K;
      i++;
    } else b[w++] = b[i++];
  }
  n = pairs(b, w, (c) => c === K, H, H);
  n = pairs(b, n, (c) => c === D, H, D);
  n = pairs(b, n, (c) => c === T, H, T);
  for (let i = 0; i < n; i++) if (b[i] === W) b[i] = V;
  w = 0;
  for (let i = 0; i < n; ) {
    if (i + 1 < n && b[i + 1] === Y && !vowel(b[i]) && (i + 2 === n || !vowel(b[i + 2]))) {
      b[w++] = b[i];
      b[w++] = I;
      i += 2;
    } else b[w++] = b[i++];
  }
  n = w;
  w = 0;
  for (let i = 0; i < n; ) {
    const c = b[i++];
    b[w++] = c;
    if (!lineEnd(c)) while (i < n && b[i] === c) i++;
  }
  return String.fromCharCode.apply(null, b.subarray(0, w) as unknown as number[]);
}
