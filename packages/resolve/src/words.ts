import { VOCABULARY } from './vocabulary';

/**
 * The forms a folded word may have in the singular, itself first: English `-s`, `-es` after a
 * sibilant, `-ies` → `-y`; French `-x` after `au`/`eu` (`matériaux` → `materiau`) and `-aux` → `-al`
 * (`métaux` → `metal`). Two words are one word in the singular and in the plural when their forms
 * meet (`Chemicals` / `Chemical`, `Batteries` / `Battery`, `Matériaux` / `Matériau`).
 */
export function singularForms(word: string): string[] {
  const forms = [word];
  if (word.length < 4 || /\d/.test(word)) return forms;
  const last = word.charCodeAt(word.length - 1);
  if (last !== 115 && last !== 120) return forms; // neither `s` nor `x`: no plural
  if (word.endsWith('ies')) forms.push(word.slice(0, -3) + 'y');
  if (/(s|x|z|ch|sh)es$/.test(word)) forms.push(word.slice(0, -2));
  if (word.endsWith('s') && !word.endsWith('ss')) forms.push(word.slice(0, -1));
  if (/[ae]ux$/.test(word)) forms.push(word.slice(0, -1));
  if (word.endsWith('aux')) forms.push(word.slice(0, -3) + 'al');
  return forms;
}

/**
 * The everyday words a word may be made from with `-ing` or `-er`: `milling` → `mill`, `shipping`
 * → `ship`, `mining` → `mine`, `millers` → `mill`. Used only to recognise everyday words.
 */
function derivedStems(word: string): string[] {
  const out: string[] = [];
  for (const w of singularForms(word)) {
    const m = /^(.{3,}?)(ing|er)$/.exec(w);
    if (!m) continue;
    const stem = m[1];
    out.push(stem, stem + 'e');
    if (/(.)\1$/.test(stem)) out.push(stem.slice(0, -1));
  }
  return out;
}

/**
 * True when the word, its singular, or the word it is made from with `-ing` or `-er` (`milling`,
 * `printers`) is an everyday word of company names (see `VOCABULARY`).
 */
export function isVocabularyWord(word: string): boolean {
  let v = vocabularyWords.get(word);
  if (v === undefined) {
    if (vocabularyWords.size >= 100_000) vocabularyWords.clear();
    v = singularForms(word).some((f) => VOCABULARY.has(f)) || derivedStems(word).some((f) => VOCABULARY.has(f));
    vocabularyWords.set(word, v);
  }
  return v;
}

/** Words already looked up (a pure function of the word; the cache only saves time). */
const vocabularyWords = new Map<string, boolean>();

/**
 * The singular the two words share, when one is the plural of the other (or both are plurals of
 * one word) and that singular is an everyday word or has 5 letters or more (`Farms` / `Farm`,
 * `Wires` / `Wire`, `Agrochemicals` / `Agrochemical`; not `Abbas` / `Abba`). Else undefined.
 */
export function sharedSingular(a: string, b: string): string | undefined {
  if (a === b) return undefined;
  const fa = singularForms(a);
  const fb = new Set(singularForms(b));
  for (const f of fa) if (fb.has(f) && (f.length >= 5 || VOCABULARY.has(f))) return f;
  return undefined;
}

/**
 * Optimal-string-alignment distance (Levenshtein with the swap of two neighbouring letters as one
 * edit: `Mramara` / `Marmara`), stopping early once it exceeds `max` (returns max + 1).
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur[j] = d;
      if (d < best) best = d;
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length];
}
