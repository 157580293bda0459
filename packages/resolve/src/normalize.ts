import { fold, skeleton } from './fold';
import { ABBREVIATIONS, LEGAL_FORMS, PERSON_TITLES } from './legal-forms';
import { SPELLING_VARIANTS } from './vocabulary';

/** Countries where `el` before a word is the Arabic article (elsewhere it is a Spanish article). */
const ARABIC_ARTICLE_COUNTRIES = new Set([
  'AE', 'SA', 'QA', 'BH', 'KW', 'OM', 'JO', 'LB', 'IQ', 'SY', 'EG', 'YE', 'PS', 'LY', 'SD', 'MA', 'TN', 'DZ', 'MR',
]);

/** Function words dropped from names (English, Spanish, French, Turkish, Danish, German, Italian, Portuguese). */
export const STOPWORDS = new Set([
  'the', 'of', 'and', 'de', 'del', 'la', 'las', 'los', 'el', 'y', 'e', 've', 'og', 'und', 'et', 'du', 'des', 'le', 'les', 'au', 'aux',
  'da', 'do', 'di', 'dos', 'das', 'van', 'der', 'den',
]);

/**
 * Generic business words: kept in the name, but they weigh less than the distinctive words when
 * names are compared (two firms called "X Trading" and "X General Trading" share their distinctive part).
 */
export const WEAK_TOKENS = new Set([
  'trading', 'trade', 'traders', 'general', 'international', 'intl', 'group', 'company',
  'co', 'industries', 'industry', 'industrial', 'services', 'service', 'import', 'export', 'imports', 'exports',
  'enterprises', 'enterprise', 'global', 'worldwide', 'ticaret', 'sanayi', 'dis', 'ithalat', 'ihracat', 'gida',
  'insaat', 'pazarlama', 'mumessillik', 'commercial', 'comercial', 'est', 'establishment',
]);

/** Joins runs of two or more one-letter tokens: `a s` → `as`, `w l l` → `wll`, `j p morgan` → `jp morgan`. */
function joinInitials(tokens: string[]): string[] {
  const out: string[] = [];
  let run = '';
  let runLength = 0;
  const flush = (): void => {
    if (runLength >= 2) out.push(run);
    else if (runLength === 1) out.push(run);
    run = '';
    runLength = 0;
  };
  for (const t of tokens) {
    if (t.length === 1 && /[a-z]/.test(t)) {
      run += t;
      runLength++;
    } else {
      flush();
      out.push(t);
    }
  }
  flush();
  return out;
}

/** Folds text into tokens with initials joined (the shared first step of names and of the legal-form table). */
export function baseTokens(text: string): string[] {
  const folded = fold(text);
  return folded === '' ? [] : joinInitials(folded.split(' '));
}

/** `bin`, `ibn`, `bint` ("son of", "daughter of") between the names of an Arabic person's chain of names. */
const PATRONYMIC_PARTICLES = new Set(['bin', 'ibn', 'bint']);

/**
 * A person's name without the particles `bin`, `ibn` and `bint` between two of its names (`Ahmed bin Khalid
 * Al-Mansour` → `ahmed khalid almansour`): registers and lists write them or leave them out, and write `bin` or `ibn`
 * alike. Not the first or the last word (`Bin Laden` keeps its `bin` as a family name written first).
 */
function withoutPatronymicParticles(tokens: string[]): string[] {
  if (tokens.length < 3) return tokens;
  return tokens.filter((t, i) => !(i > 0 && i < tokens.length - 1 && PATRONYMIC_PARTICLES.has(t)));
}

/** Merges the Arabic article with the word after it: `al noor` → `alnoor` (and `el`, `ul` where Arabic is written). */
function mergeArticles(tokens: string[], country: string | undefined): string[] {
  const arabic = country === undefined || ARABIC_ARTICLE_COUNTRIES.has(country);
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const next = tokens[i + 1];
    const isArticle = t === 'al' || (arabic && (t === 'el' || t === 'ul'));
    if (isArticle && next !== undefined && next.length > 1 && !/^\d/.test(next)) {
      out.push('al' + next);
      i++;
    } else {
      out.push(t);
    }
  }
  return out;
}

export interface CompiledForm {
  tokens: string[];
  countries: Set<string> | '*';
}

const compiled = new Map<'end' | 'start' | 'title', CompiledForm[]>();

function compile(rows: { forms: string[]; countries: string[] | '*' }[]): CompiledForm[] {
  const seen = new Set<string>();
  const list: CompiledForm[] = [];
  for (const row of rows) {
    for (const form of row.forms) {
      const tokens = baseTokens(form);
      if (tokens.length === 0) continue;
      const key = tokens.join(' ') + '|' + (row.countries === '*' ? '*' : row.countries.join(','));
      if (seen.has(key)) continue;
      seen.add(key);
      list.push({ tokens, countries: row.countries === '*' ? '*' : new Set(row.countries) });
    }
  }
  // Longest forms first, so `gmbh and co kg` is taken before `kg`.
  list.sort((a, b) => b.tokens.length - a.tokens.length || a.tokens.join(' ').localeCompare(b.tokens.join(' ')));
  return list;
}

/** The legal forms written at the end or at the start of names, and the titles of persons, compiled once. */
export function compiledForms(at: 'end' | 'start' | 'title'): CompiledForm[] {
  let list = compiled.get(at);
  if (!list) {
    const rows = at === 'title' ? [{ forms: PERSON_TITLES, countries: '*' as const }] : LEGAL_FORMS.filter((r) => (r.at ?? 'end') === at);
    compiled.set(at, (list = compile(rows)));
  }
  return list;
}

/**
 * The forms of `compiledForms(at)` by the word they start with (forms written at the start of names, titles) or end
 * with (forms written at the end), each list in the order of `compiledForms`: only forms whose first (last) word is
 * the name's first (last) word can match there, so the first of them that matches is the first form of the whole
 * list that matches, and a name is compared with a few forms instead of every one.
 */
const indexed = new Map<'end' | 'start' | 'title', Map<string, CompiledForm[]>>();

function formsByEdgeWord(at: 'end' | 'start' | 'title'): Map<string, CompiledForm[]> {
  let index = indexed.get(at);
  if (!index) {
    index = new Map();
    for (const form of compiledForms(at)) {
      const word = at === 'end' ? form.tokens[form.tokens.length - 1] : form.tokens[0];
      const list = index.get(word);
      if (list) list.push(form);
      else index.set(word, [form]);
    }
    indexed.set(at, index);
  }
  return index;
}

function applies(form: CompiledForm, country: string | undefined): boolean {
  return form.countries === '*' || country === undefined || form.countries.has(country);
}

const NO_FORMS: readonly CompiledForm[] = [];

/** Strips forms from the start of the token list (legal forms written first, titles of persons), repeatedly; never to nothing. */
export function stripLeading(tokens: string[], country: string | undefined, at: 'start' | 'title'): string[] {
  const byFirst = formsByEdgeWord(at);
  let start = 0;
  let changed = true;
  while (changed) {
    changed = false;
    if (start >= tokens.length) break;
    for (const form of byFirst.get(tokens[start]) ?? NO_FORMS) {
      const n = form.tokens.length;
      if (start + n >= tokens.length || !applies(form, country)) continue;
      if (form.tokens.every((t, i) => tokens[start + i] === t)) {
        start += n;
        changed = true;
        break;
      }
    }
  }
  return tokens.slice(start);
}

/** Strips legal forms and descriptors from the end of the token list, repeatedly; never to nothing. */
export function stripLegalForms(tokens: string[], country: string | undefined): string[] {
  const byLast = formsByEdgeWord('end');
  let end = tokens.length;
  let changed = true;
  while (changed) {
    changed = false;
    if (end === 0) break;
    for (const form of byLast.get(tokens[end - 1]) ?? NO_FORMS) {
      const n = form.tokens.length;
      if (n >= end || !applies(form, country)) continue;
      let match = true;
      for (let i = 0; i < n; i++) {
        if (tokens[end - n + i] !== form.tokens[i]) {
          match = false;
          break;
        }
      }
      if (match) {
        end -= n;
        changed = true;
        // Drop a dangling connective left between two stripped forms (`... san ve`).
        while (end > 1 && (tokens[end - 1] === 've' || tokens[end - 1] === 'and' || tokens[end - 1] === 'y')) end--;
        break;
      }
    }
  }
  return tokens.slice(0, end);
}

export interface NormalizeOptions {
  /** Strip legal forms and trade descriptors (companies and organizations); default true. */
  legalForms?: boolean;
  /** Strip titles written before a person's name (`Alhaji`, `Dr.`, `Mme`); default false. */
  titles?: boolean;
}

/** The tokens of a normalized name (see `normalizeName`). */
export function nameTokens(name: string, country?: string, options: NormalizeOptions = {}): string[] {
  const c = country ? country.toUpperCase() : undefined;
  let tokens = baseTokens(name);
  if (options.titles === true) tokens = stripLeading(tokens, c, 'title');
  tokens = mergeArticles(tokens, c);
  if (options.legalForms !== false) {
    tokens = stripLeading(tokens, c, 'start');
    tokens = stripLegalForms(tokens, c);
    tokens = tokens.map((t) => ABBREVIATIONS.get(t) ?? t);
    tokens = stripLegalForms(tokens, c);
  }
  tokens = tokens.map((t) => SPELLING_VARIANTS.get(t) ?? t);
  if (options.titles === true && (c === undefined || ARABIC_ARTICLE_COUNTRIES.has(c))) tokens = withoutPatronymicParticles(tokens);
  const content = tokens.filter((t) => !STOPWORDS.has(t));
  return content.length > 0 ? content : tokens;
}

/**
 * Normalizes a name for comparison: transliterates to ASCII (Turkish, Arabic, Danish, Spanish …),
 * lower-cases, drops punctuation, joins initials (`A.Ş.` → `as`), merges the Arabic article
 * (`Al-Noor` → `alnoor`), writes out abbreviations (`Hnos.` → `hermanos`), strips the legal forms and trade descriptors of the country (all of them
 * when the country is not given; table in `legal-forms.ts`) from the end, and drops function words.
 *
 * `normalizeName('Örnek Kimya San. ve Tic. Ltd. Şti.', 'TR')` → `'ornek kimya'`.
 */
export function normalizeName(name: string, country?: string, options: NormalizeOptions = {}): string {
  return nameTokens(name, country, options).join(' ');
}

/** Skeleton of each token (spelling-variant key, see `skeleton`). */
export function skeletonTokens(tokens: string[]): string[] {
  return tokens.map(skeleton);
}
