import jaroWinkler from 'talisman/metrics/jaro-winkler';
import type { Entity } from '@chokepoint/model';
import { compareNames, fold, phoneKey, registrationKey, skeleton, tokenSimilarity, WEAK_TOKENS } from '@chokepoint/resolve';
import { isPatronymic, prepareName, tokenKeys, type PreparedName } from './names';
import type { IdentifierCheck, ListedParty, ScreeningHit, ScreeningList, ScreeningOptions, ScreeningResult } from './types';

export const SCREENING_DEFAULTS = { matchThreshold: 0.9, reviewThreshold: 0.8, maxPosting: 2000, candidatesPerEntity: 5 } as const;

/** How each identifier moves the score (documented in docs/screening.md). */
export const IDENTIFIER_WEIGHTS = {
  sameCountry: 0.02,
  differentCountry: -0.2,
  sameBirthDate: 0.08,
  sameBirthYear: 0.04,
  differentBirthDate: -0.25,
  sameRegistration: 0.15,
  differentRegistration: -0.2,
  sameAddress: 0.05,
  samePhone: 0.05,
} as const;

/** A name must reach the match threshold less this for a match (the identifiers that agree add the rest). */
export const NAME_MARGIN = 0.02;
/** With the same registration number, names this similar make a match (a company renamed, a name translated). */
export const REGISTRATION_NAME_FLOOR = 0.35;

/** The highest name similarity of two company names that share no distinctive word (only words one slip apart). */
export const SLIP_ONLY_CAP = 0.86;

/** The registration keys a number is indexed and looked up by: itself, and without a country prefix of letters. */
function registrationKeys(key: string): string[] {
  const m = /^[a-z]{2,3}(\d.{5,})$/.exec(key);
  return m === null ? [key] : [key, m[1]];
}

/** Entity attributes read as identifiers (the bundle's extra columns; docs/screening.md). */
export const ENTITY_IDENTIFIER_COLUMNS = {
  birthDate: ['birth_date', 'birthDate', 'date_of_birth', 'dob'],
  registration: ['registration_number', 'registrationNumber', 'tax_number', 'taxNumber', 'vat', 'inn', 'ogrn', 'lei', 'imo', 'id_number', 'passport_number'],
  alias: ['alias', 'aliases', 'other_names'],
} as const;

/** A listed party as the screener reads it, once. */
interface PreparedParty {
  party: ListedParty;
  list: ScreeningList;
  names: PreparedName[];
  countries: Set<string>;
  registrations: Set<string>;
  addresses: string[];
  phones: Set<string>;
}

/** A name of a party in the index. */
interface IndexedName {
  party: number;
  name: number;
  /** Its distinctive words (not generic business words). */
  words: number;
}

/**
 * Whether two registration numbers (as `registrationKey` writes them) are the same: equal, or equal once a country
 * prefix of letters is left out of one (`RU7701999999` / `7701999999`), the rest having six characters or more.
 */
export function sameRegistration(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 6 && long.endsWith(short) && /^[a-z]{2,3}$/.test(long.slice(0, long.length - short.length));
}

/**
 * Whether an id is a Legal Entity Identifier (ISO 17442: 18 letters or digits and two check digits, the whole read as
 * a number modulo 97 equal to 1), as an entity read from GLEIF's files has for its id: compared as its registration.
 */
export function isLei(id: string): boolean {
  if (!/^[A-Z0-9]{18}[0-9]{2}$/.test(id)) return false;
  let rest = 0;
  for (const ch of id) {
    const digits = ch >= 'A' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
  }
  return rest === 1;
}

function attribute(e: Entity, keys: readonly string[]): string[] {
  const out: string[] = [];
  for (const k of keys) {
    if (!Object.hasOwn(e.attributes ?? {}, k)) continue;
    for (const v of e.attributes[k].split(';')) if (v.trim() !== '') out.push(v.trim());
  }
  return out;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

/** Whether two kinds can be the same party: persons with persons; companies, organizations with either; LegalEntity with any. */
function kindsMeet(entity: Entity['kind'], listed: ListedParty['kind']): boolean {
  if (listed === 'any') return true;
  if (entity === 'person' || listed === 'person') return entity === listed;
  return true;
}

/** Blocking keys of a prepared name: its distinctive tokens' keys, the start of its compact skeleton, its consonants. */
function nameKeys(n: PreparedName): { tokens: string[][]; whole: string[] } {
  const words = n.tokens.filter((t) => !WEAK_TOKENS.has(t) && t.length >= 2);
  const tokens = words.map((t) => tokenKeys(t).map((k) => `t:${k}`));
  const whole: string[] = [];
  if (n.person) {
    // Persons: two neighbouring words written together (Wei Ming / Weiming, Abdul Rahman / Abdulrahman).
    for (let i = 0; i + 1 < words.length; i++) if (words[i].length + words[i + 1].length >= 5) whole.push(`t:${skeleton(words[i] + words[i + 1])}`);
  } else {
    // Companies: the start of the name written without spaces (Beijing Huaxin / Beijinghuaxin); for persons it
    // would be the given name, shared by thousands.
    const compact = n.tokens.map(skeleton).join('');
    if (compact.length >= 6) whole.push(`c:${compact.slice(0, 6)}`);
  }
  if (n.consonants.length >= 3) whole.push(`k:${n.consonants}`);
  return { tokens, whole };
}

/**
 * The index of every name of every party of the lists, by blocking key: an entity is compared only with the parties
 * that share a key with one of its names (a distinctive word or a spelling of it one letter apart, the start of the
 * name written without spaces, the consonants), never with all parties.
 */
export class ListIndex {
  readonly parties: PreparedParty[] = [];
  private readonly names: IndexedName[] = [];
  private readonly postings = new Map<string, number[]>();

  constructor(lists: readonly ScreeningList[]) {
    for (const list of lists) {
      for (const party of list.parties) {
        const country = party.countries.length === 1 ? party.countries[0] : undefined;
        const p: PreparedParty = {
          party,
          list,
          names: party.names.map((n) => prepareName(n, party.kind, country)),
          countries: new Set(party.countries),
          registrations: new Set(party.identifiers.map((i) => registrationKey(i)).filter((k): k is string => k !== undefined)),
          addresses: party.addresses.map((a) => fold(a)).filter((a) => a !== ''),
          phones: new Set(party.phones.map((x) => phoneKey(x)).filter((k): k is string => k !== undefined)),
        };
        const pi = this.parties.length;
        this.parties.push(p);
        p.names.forEach((n, ni) => {
          if (n.tokens.length === 0) return;
          const id = this.names.length;
          const { tokens, whole } = nameKeys(n);
          this.names.push({ party: pi, name: ni, words: tokens.length });
          const keys = new Set([...tokens.flat(), ...whole]);
          for (const k of keys) {
            const list = this.postings.get(k);
            if (list) list.push(id);
            else this.postings.set(k, [id]);
          }
        });
        for (const r of new Set([...p.registrations].flatMap(registrationKeys))) {
          const key = `r:${r}`;
          const list = this.postings.get(key);
          const id = this.names.length;
          // A registration number finds the party's first name.
          if (p.names.length > 0) {
            this.names.push({ party: pi, name: 0, words: 0 });
            if (list) list.push(id);
            else this.postings.set(key, [id]);
          }
        }
      }
    }
  }

  /**
   * The parties worth scoring against a name: those sharing a whole-name key, or distinctive words (at least two when
   * both names have three or more). A word shared by more than `maxPosting` names is not used alone.
   */
  candidates(n: PreparedName, registrations: readonly string[], maxPosting: number): Map<number, Set<number>> {
    const out = new Map<number, Set<number>>();
    const add = (id: number) => {
      const { party, name } = this.names[id];
      const set = out.get(party);
      if (set) set.add(name);
      else out.set(party, new Set([name]));
    };
    const { tokens, whole } = nameKeys(n);
    for (const k of whole) {
      const ids = this.postings.get(k);
      if (ids !== undefined && ids.length <= maxPosting) for (const id of ids) add(id);
    }
    for (const r of new Set(registrations.flatMap(registrationKeys))) for (const id of this.postings.get(`r:${r}`) ?? []) add(id);
    // Word hits: how many of the entity's words each indexed name shares.
    const lists = tokens.map((keys) => {
      const ids = new Set<number>();
      for (const k of keys) for (const id of this.postings.get(k) ?? []) ids.add(id);
      return ids;
    });
    const usable = lists.filter((ids) => ids.size <= maxPosting);
    // When every word is common, the rarest one is used all the same.
    const used = usable.length > 0 ? usable : lists.length > 0 ? [lists.reduce((a, b) => (b.size < a.size ? b : a))] : [];
    const hits = new Map<number, number>();
    for (const ids of used) for (const id of ids) hits.set(id, (hits.get(id) ?? 0) + 1);
    // Names sharing too few words to reach the review threshold are not scored: shared words (counting only the
    // entity's usable words) over the words of both names, at least 0.6 (two names of two words sharing one cannot reach the review threshold).
    const own = used.length;
    for (const [id, h] of hits) {
      const other = Math.min(this.names[id].words, tokens.length);
      if ((2 * h) / (own + Math.max(1, other)) >= MIN_SHARED) add(id);
    }
    return out;
  }
}

/** The least share of words two names must share (2 × shared / words of both) to be scored. */
const MIN_SHARED = 0.6;

/** The consonants of a word, doubled letters once: `khaled` and `khalid` → `khld`. */
const consonantsOf = (t: string): string => t.replace(/[aeiouwy]/g, '').replace(/(.)\1+/g, '$1');

/**
 * How alike two words of persons' names are: 1 equal; 0.95 the same skeleton (Rasheed / Rashid); a slip of one letter
 * (resolution's token similarity) only when the consonants agree, so that vowels written differently count
 * (Khaled / Khalid, Kazemi / Kazimi) but another consonant makes another name (Xiaoping / Xiaoming, Karaca / Karakaş).
 */
function personWordSimilarity(a: string, b: string): number {
  const s = wordSimilarity(a, b);
  if (s > 0) return s;
  // The Arabic article written on one side only (al-Zuhayri / Zuhairi).
  const bare = (t: string) => (/^(al|el)[a-z]{4,}$/.test(t) ? t.slice(2) : t);
  return bare(a) !== a || bare(b) !== b ? 0.95 * wordSimilarity(bare(a), bare(b)) : 0;
}

function wordSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  if (skeleton(a) === skeleton(b)) return 0.95;
  const s = tokenSimilarity(a, b, { plurals: false });
  return s >= 0.9 && consonantsOf(a) === consonantsOf(b) ? s : 0;
}

/** Joins two neighbouring words of `a` that the other name writes as one (Wei Ming / Weiming, Abdul Rahman / Abdulrahman). */
function joinWords(a: readonly string[], b: readonly string[]): string[] {
  const other = new Set(b.map(skeleton));
  const alike = (t: string) => other.has(skeleton(t)) || b.some((u) => wordSimilarity(t, u) >= 0.9);
  const out: string[] = [];
  for (let i = 0; i < a.length; i++) {
    if (i + 1 < a.length && !other.has(skeleton(a[i])) && alike(a[i] + a[i + 1])) {
      out.push(a[i] + a[i + 1]);
      i++;
    } else out.push(a[i]);
  }
  return out;
}

/**
 * Similarity of two persons' names, word by word in any order: the weighted overlap of the words paired (a
 * patronymic weighs 0.3). When every word of the shorter name is in the longer, the longer having only patronymics
 * more, the name is the same written with fewer parts (0.97 × the mean similarity of the pairs); with other words
 * more (a second surname, a middle name), it may be another person (0.86 ×); with patronymics on both sides that
 * differ, 0.88 ×.
 */
export function comparePersonNames(aTokens: readonly string[], bTokens: readonly string[]): { score: number; notes: string[] } {
  if (aTokens.length === 0 || bTokens.length === 0) return { score: 0, notes: [] };
  const a = joinWords(aTokens, bTokens);
  const b = joinWords(bTokens, a);
  const weight = (t: string) => (isPatronymic(t) ? 0.3 : 1);
  const pairs: { i: number; j: number; s: number }[] = [];
  a.forEach((x, i) => b.forEach((y, j) => {
    const s = personWordSimilarity(x, y);
    if (s > 0) pairs.push({ i, j, s });
  }));
  pairs.sort((p, q) => q.s - p.s || p.i - q.i || p.j - q.j);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  let matched = 0;
  let sum = 0;
  let count = 0;
  const notes: string[] = [];
  for (const p of pairs) {
    if (usedA.has(p.i) || usedB.has(p.j)) continue;
    usedA.add(p.i);
    usedB.add(p.j);
    matched += p.s * Math.min(weight(a[p.i]), weight(b[p.j]));
    sum += p.s;
    count++;
    if (p.s < 1) notes.push(`"${a[p.i]}" / "${b[p.j]}": spelling`);
  }
  const wa = a.reduce((n, t) => n + weight(t), 0);
  const wb = b.reduce((n, t) => n + weight(t), 0);
  let score = (2 * matched) / (wa + wb);
  const restA = a.filter((_, i) => !usedA.has(i));
  const restB = b.filter((_, j) => !usedB.has(j));
  const named = count - [...usedA].filter((i) => isPatronymic(a[i])).length;
  if (named >= 2 && (restA.length === 0 || restB.length === 0) && restA.length + restB.length > 0) {
    const rest = [...restA, ...restB];
    const onlyPatronymics = rest.every(isPatronymic);
    const s = (onlyPatronymics ? 0.97 : 0.86) * (sum / count);
    if (s > score) {
      score = s;
      notes.push(`${onlyPatronymics ? 'a patronymic' : 'a part'} in one name only: ${rest.map((t) => `"${t}"`).join(', ')}`);
    }
  } else if (named >= 2 && restA.length > 0 && restB.length > 0 && [...restA, ...restB].every(isPatronymic)) {
    const s = 0.88 * (sum / count);
    if (s > score) {
      score = s;
      notes.push(`different patronymics: ${restA.map((t) => `"${t}"`).join(', ')} / ${restB.map((t) => `"${t}"`).join(', ')}`);
    }
  } else if (restA.length + restB.length > 0) {
    notes.push(`in one name only: ${[...restA, ...restB].map((t) => `"${t}"`).join(', ')}`);
  }
  return { score, notes };
}

/**
 * Similarity of two prepared names, with notes: persons word by word (`comparePersonNames`), companies and
 * organizations by the resolution package's comparison; names in Arabic script also by their consonants.
 */
export function compareScreeningNames(a: PreparedName, b: PreparedName, persons: boolean): { score: number; notes: string[] } {
  let { score, notes } = persons ? comparePersonNames(a.tokens, b.tokens) : compareNames(a.tokens, b.tokens, { plurals: true });
  // Companies: when no distinctive word is shared (only words one slip apart: Yıldızeli / Yıldızlı), the names may be
  // two firms; they stay below a match on their own.
  if (!persons && score > SLIP_ONLY_CAP) {
    // Distinctive words, and neighbouring words written together (Oil Field / Oilfield).
    const distinct = (t: readonly string[]) => new Set([...t.filter((x) => !WEAK_TOKENS.has(x)), ...t.slice(1).map((x, i) => t[i] + x)].map(skeleton));
    const da = distinct(a.tokens);
    const shared = [...distinct(b.tokens)].some((x) => da.has(x));
    if (!shared && a.tokens.map(skeleton).join('') !== b.tokens.map(skeleton).join('')) {
      score = SLIP_ONLY_CAP;
      notes = [...notes, 'no distinctive word is the same on both sides: kept below a match'];
    }
  }
  // Arabic script writes no short vowels: compare the consonants.
  if ((a.arabic || b.arabic) && a.consonants.length >= 3 && b.consonants.length >= 3 && score < 0.92) {
    const same = a.consonants === b.consonants;
    const jw = jaroWinkler(a.consonants, b.consonants);
    const s = same ? (Math.min(a.consonants.length, b.consonants.length) >= 4 ? 0.92 : 0.88) : jw >= 0.93 ? 0.85 * jw : 0;
    if (s > score) {
      score = s;
      notes = [`${same ? 'same' : 'close'} consonants "${a.consonants}" / "${b.consonants}" (Arabic script writes no short vowels)`];
    }
  }
  return { score, notes };
}

/** Whether two dates as lists write them (YYYY, YYYY-MM, YYYY-MM-DD) can be the same day, and to what precision. */
function datesMeet(a: string, b: string): 'day' | 'year' | false {
  const n = Math.min(a.length, b.length);
  if (a.slice(0, n) !== b.slice(0, n)) return false;
  return n >= 10 ? 'day' : 'year';
}

/**
 * Screens every entity against the lists: each entity is compared with the parties its names share a blocking key
 * with (`ListIndex`), by name (the best pair of its names and the party's names and aliases) and by the identifiers
 * both sides give (country, birth date, registration number, address, phone). A pair is a match when the score
 * reaches `matchThreshold` and no identifier disagrees; a pair whose names agree (`reviewThreshold`) but which is no
 * match — another country, another birth date, another registration number, or a lower score — is a candidate for
 * review. Each carries its score and the evidence. Pure; the order follows the entities, then the score.
 */
export function screenEntities(entities: readonly Entity[], lists: readonly ScreeningList[] | ListIndex, options: ScreeningOptions = {}): ScreeningResult {
  const match = options.matchThreshold ?? SCREENING_DEFAULTS.matchThreshold;
  const review = options.reviewThreshold ?? SCREENING_DEFAULTS.reviewThreshold;
  const maxPosting = options.maxPosting ?? SCREENING_DEFAULTS.maxPosting;
  const index = lists instanceof ListIndex ? lists : new ListIndex(lists);
  const matches: ScreeningHit[] = [];
  const candidates: ScreeningHit[] = [];
  let compared = 0;
  for (const e of entities) {
    const country = e.country?.toUpperCase();
    const names = [e.name, ...attribute(e, ENTITY_IDENTIFIER_COLUMNS.alias)].map((n) => prepareName(n, e.kind, country));
    const regs = [...attribute(e, ENTITY_IDENTIFIER_COLUMNS.registration), ...(isLei(e.id) ? [e.id] : [])]
      .map((r) => registrationKey(r))
      .filter((k): k is string => k !== undefined);
    const births = attribute(e, ENTITY_IDENTIFIER_COLUMNS.birthDate);
    const phone = phoneKey(attribute(e, ['phone'])[0]);
    const address = e.address ? fold(e.address) : '';
    const found = new Map<number, Map<number, Set<number>>>();
    names.forEach((n, i) => {
      for (const [party, partyNames] of index.candidates(n, regs, maxPosting)) {
        const byName = found.get(party) ?? new Map<number, Set<number>>();
        byName.set(i, partyNames);
        found.set(party, byName);
      }
    });
    const own: ScreeningHit[] = [];
    for (const [pi, byName] of [...found].sort((x, y) => x[0] - y[0])) {
      const p = index.parties[pi];
      if (!kindsMeet(e.kind, p.party.kind)) continue;
      compared++;
      const persons = e.kind === 'person' || p.party.kind === 'person';
      let best = { score: -1, notes: [] as string[], entityName: 0, listedName: 0 };
      for (const [i, set] of byName) {
        for (const j of [...set].sort((x, y) => x - y)) {
          const c = compareScreeningNames(names[i], p.names[j], persons);
          if (c.score > best.score) best = { score: c.score, notes: c.notes, entityName: i, listedName: j };
        }
      }
      // Identifiers.
      const agreed: IdentifierCheck[] = [];
      const disagreed: IdentifierCheck[] = [];
      const notCompared: string[] = [];
      let score = best.score;
      const regAgrees = regs.some((r) => [...p.registrations].some((x) => sameRegistration(r, x)));
      // The same registration number is worth a look whatever the names.
      if (best.score < review && !regAgrees) continue;
      const listedCountries = p.party.countries.join('; ');
      if (country !== undefined && p.countries.size > 0) {
        if (p.countries.has(country)) (score += IDENTIFIER_WEIGHTS.sameCountry), agreed.push({ identifier: 'country', entity: country, listed: listedCountries });
        else (score += IDENTIFIER_WEIGHTS.differentCountry), disagreed.push({ identifier: 'country', entity: country, listed: listedCountries });
      } else notCompared.push('country');
      if (births.length > 0 && p.party.birthDates.length > 0) {
        let meet: 'day' | 'year' | false = false;
        for (const a of births) for (const b of p.party.birthDates) {
          const m = datesMeet(a, b);
          if (m === 'day' || (m === 'year' && meet === false)) meet = m;
        }
        const check = { identifier: 'birth date' as const, entity: births.join('; '), listed: p.party.birthDates.join('; ') };
        if (meet === 'day') (score += IDENTIFIER_WEIGHTS.sameBirthDate), agreed.push(check);
        else if (meet === 'year') (score += IDENTIFIER_WEIGHTS.sameBirthYear), agreed.push(check);
        else (score += IDENTIFIER_WEIGHTS.differentBirthDate), disagreed.push(check);
      } else if (persons) notCompared.push('birth date');
      if (regs.length > 0 && p.registrations.size > 0) {
        const check = { identifier: 'registration number' as const, entity: attribute(e, ENTITY_IDENTIFIER_COLUMNS.registration).join('; '), listed: p.party.identifiers.join('; ') };
        if (regAgrees) (score += IDENTIFIER_WEIGHTS.sameRegistration), agreed.push(check);
        else (score += IDENTIFIER_WEIGHTS.differentRegistration), disagreed.push(check);
      } else notCompared.push('registration number');
      if (address !== '' && p.addresses.some((a) => a === address || jaroWinkler(a, address) >= 0.95)) {
        score += IDENTIFIER_WEIGHTS.sameAddress;
        agreed.push({ identifier: 'address', entity: e.address!, listed: p.party.addresses.join('; ') });
      }
      if (phone !== undefined && p.phones.has(phone)) {
        score += IDENTIFIER_WEIGHTS.samePhone;
        agreed.push({ identifier: 'phone', entity: attribute(e, ['phone'])[0], listed: p.party.phones.join('; ') });
      }
      // The same registration number, and names that agree in part, make a match whatever the score of the names.
      const byRegistration = regAgrees && disagreed.length === 0 && best.score >= REGISTRATION_NAME_FLOOR;
      if (byRegistration) score = Math.max(score, match);
      score = round(Math.max(0, Math.min(1, score)));
      // Identifiers that agree confirm a name; they do not make a weak one strong (a country is shared by millions).
      const nameStrong = best.score >= match - NAME_MARGIN;
      const status: ScreeningHit['status'] = disagreed.length === 0 && score >= match && (nameStrong || byRegistration) ? 'match' : 'candidate';
      const en = names[best.entityName];
      const ln = p.names[best.listedName];
      const evidence: string[] = [];
      const ent = en.tokens.join(' ');
      const lis = ln.tokens.join(' ');
      evidence.push(ent === lis ? `same normalized name "${ent}" ("${en.text}" / "${ln.text}")` : `names "${en.text}" ~ "${ln.text}": ${round(best.score)}${best.notes.length > 0 ? ` (${best.notes.join('; ')})` : ''}`);
      for (const a of agreed) evidence.push(`same ${a.identifier}: ${a.entity}${a.identifier === 'country' && p.countries.size > 1 ? ` (the list gives ${a.listed})` : ''}`);
      for (const d of disagreed) evidence.push(`different ${d.identifier}: ${d.entity} here, ${d.listed} on the list`);
      if (notCompared.length > 0) evidence.push(`not compared (missing on one side): ${notCompared.join(', ')}`);
      if (status === 'candidate') {
        evidence.push(
          disagreed.length > 0
            ? `a candidate for review, not a match: the names agree but the ${disagreed.map((d) => d.identifier).join(' and ')} ${disagreed.length === 1 ? 'disagrees' : 'disagree'}`
            : score < match
              ? `a candidate for review, not a match: the score ${score} is below the match threshold ${match}`
              : `a candidate for review, not a match: the names alone (${round(best.score)}) are below ${round(match - NAME_MARGIN)}, and no registration number agrees`,
        );
      }
      own.push({
        entity: e.id,
        entityName: e.name,
        list: p.list.name,
        listFile: p.list.file,
        listedId: p.party.id,
        listedName: p.party.name,
        listedSchema: p.party.schema,
        status,
        score,
        names: { entity: en.text, listed: ln.text, similarity: round(best.score), notes: best.notes },
        agreed,
        disagreed,
        evidence,
        topics: p.party.topics,
        programs: p.party.programs,
        line: p.party.line,
      });
    }
    own.sort((a, b) => b.score - a.score || (a.list < b.list ? -1 : a.list > b.list ? 1 : 0) || (a.listedId < b.listedId ? -1 : a.listedId > b.listedId ? 1 : 0));
    matches.push(...own.filter((h) => h.status === 'match'));
    candidates.push(...own.filter((h) => h.status === 'candidate').slice(0, SCREENING_DEFAULTS.candidatesPerEntity));
  }
  return { matches, candidates, compared, thresholds: { match, review } };
}
