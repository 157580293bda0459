import type { Entity, EntityKind, Relation } from '@chokepoint/model';
import { candidatePairs, prepare, resolveEntities, scorePrepared, skeleton, tokenSimilarity, VOCABULARY, type Prepared } from '@chokepoint/resolve';
import { computeSkeleton } from '../src/fold';
import { hashes } from '../src/hashing';
import { ScoreBounds } from '../src/prune';
import { scoredPairs } from '../src/resolve';
import { bundle, entity, relation, pick, random, slip } from './helpers';


const SYLLABLES = ['kar', 'kur', 'sis', 'soy', 'xu', 'ing', 'dao', 'bu', 'nur', 'noor', 'rash', 'id', 'eed', 'kha', 'qa', 'pha', 'ou', 'lia', 'tep', 'oglu'];
const TRADES = [
  'chemical', 'chemicals', 'farm', 'farms', 'seeds', 'feeds', 'agro', 'agrochemicals', 'agrochemcals', 'sun', 'rise', 'sunrise', 'trading',
  'general', 'import', 'export', 'logistics', 'logistcs', 'kimya', 'tarim', 'batteries', 'battery', 'bakeries', 'materiaux', 'metaux', 'metal',
  'co', 'group', 'al', 'el', 'mining', 'minning', '2', 'b12',
];

/** Fictional names written in many ways: made-up first words, trades, plurals, slips, words written apart or together. */
function names(seed: number, count: number): Entity[] {
  const r = random(seed);
  const firsts = Array.from({ length: 12 }, () => pick(r, SYLLABLES) + pick(r, SYLLABLES) + (r() < 0.3 ? pick(r, SYLLABLES) : ''));
  const out: Entity[] = [];
  for (let n = 0; n < count; n++) {
    const kind: EntityKind = r() < 0.8 ? 'company' : 'person';
    let first = pick(r, firsts);
    if (r() < 0.3) first = slip(r, first);
    const words = [first];
    const more = Math.floor(r() * 4);
    for (let k = 0; k < more; k++) words.push(r() < 0.2 ? pick(r, firsts) : pick(r, TRADES));
    if (r() < 0.15 && words.length > 1) {
      // Two words written together, or a long word written apart.
      const i = Math.floor(r() * (words.length - 1));
      words.splice(i, 2, words[i] + words[i + 1]);
    }
    if (r() < 0.1) words.push(slip(r, words[words.length - 1]));
    // Numbered names (branches, plots, series): the scorer lowers a pair whose names each hold a number the other lacks.
    if (r() < 0.2) words.push(pick(r, ['1', '2', '10', '2b', '17']));
    const extra: Partial<Entity> = {};
    if (r() < 0.85) extra.country = pick(r, ['TR', 'TR', 'CN', 'SY']);
    if (r() < 0.6) extra.city = pick(r, ['Gaziantep', 'Kilis', 'Urumqi']);
    if (r() < 0.3) extra.address = pick(r, ['Sanayi Cd. 4', 'Sanayi Cad. 4', 'Market Road 1']);
    const attributes: Record<string, string> = {};
    if (r() < 0.2) attributes.phone = pick(r, ['+90 342 1000001', '+90 342 1000002', '0342 1000001']);
    if (r() < 0.1) attributes.registration_number = pick(r, ['TR-123', 'TR-124', 'tr 123']);
    out.push(entity(`e${n}`, words.map((w) => (r() < 0.3 ? w.toUpperCase() : w)).join(' '), { ...extra, attributes }, kind));
  }
  return out;
}

describe('skeleton', () => {
  // The rules as first written (regular expressions); `computeSkeleton` applies them as loops.
  const rules = (token: string): string =>
    token
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

  test('applies the same rules as the regular expressions, on every kind of string', () => {
    const r = random(7);
    const letters = [...'aeiouyhkcqpwdtsnr1 \n\r\u2028é'];
    const differ: string[] = [];
    for (let n = 0; n < 50_000; n++) {
      let s = '';
      const length = Math.floor(r() * 14);
      for (let i = 0; i < length; i++) s += pick(r, letters);
      if (computeSkeleton(s) !== rules(s)) differ.push(s);
    }
    expect(differ).toEqual([]);
    for (const w of ['noor', 'rasheed', 'khalid', 'qudra', 'minning', 'thompson', 'phyllis', 'ckq', 'yy', 'myrrh', 'aeiouy', 'wwwv']) {
      expect(skeleton(w)).toBe(rules(w));
    }
  });
});

describe('hashes', () => {
  test('a string with a letter left out hashes as that string written out', () => {
    for (const word of ['agrochemicals', 'sissoy', 'ab', 'x', 'müller']) {
      const all: number[] = [];
      hashes(word, 3, true, (h) => all.push(h));
      const direct = [word, ...[...word].map((_, i) => word.slice(0, i) + word.slice(i + 1))].map((w) => {
        let one = -1;
        hashes(w, 3, false, (h) => (one = h));
        return one;
      });
      expect(all.sort()).toEqual(direct.sort());
    }
    const inSpace = (w: string, space: number) => {
      let one = -1;
      hashes(w, space, false, (h) => (one = h));
      return one;
    };
    expect(inSpace('kimya', 0)).not.toBe(inSpace('kimya', 1));
  });
});

describe('score bounds', () => {
  test('every everyday word has 3 letters or more (a shared singular keeps the first two letters of both words)', () => {
    expect([...VOCABULARY].filter((w) => w.length < 3)).toEqual([]);
  });

  test('no pair scores above its bound (brute force over every pair of generated names)', () => {
    for (const seed of [1, 2]) {
      const prepared = names(seed, 180).map((e, i) => prepare(e, i));
      const bounds = new ScoreBounds(prepared);
      let alike = 0;
      let numbered = 0;
      const above: string[] = [];
      for (let i = 0; i < prepared.length; i++) {
        for (let j = i + 1; j < prepared.length; j++) {
          const { score, evidence } = scorePrepared(prepared[i], prepared[j]);
          if (evidence.some((e) => e.startsWith('different numbers'))) numbered++;
          const bound = Math.min(1, Math.max(0, bounds.upperBound(i, j)));
          const pair = `${prepared[i].entity.name} / ${prepared[j].entity.name}: ${score}`;
          // The score is rounded to thousandths.
          if (bound + 0.0005 + 1e-9 < score) above.push(`${pair} above its bound ${bound}`);
          for (const threshold of [0.5, 0.8, 0.92]) {
            if (score >= threshold && !bounds.mayReach(i, j, threshold)) above.push(`${pair} skipped at ${threshold}`);
          }
          if (score >= 0.8) alike++;
        }
      }
      expect(above).toEqual([]);
      // The generated names do hold pairs to find, and pairs of names with different numbers.
      expect(alike).toBeGreaterThan(20);
      expect(numbered).toBeGreaterThan(20);
    }
  });

  test('words a joined word may be alike are found (written apart in one name, together in the other)', () => {
    const list = [
      entity('a', 'Agro Chemicals Kano', { country: 'NG' }),
      entity('b', 'Agrochemical Kano', { country: 'NG' }),
      entity('c', 'Sun Rise Trading', { country: 'TR' }),
      entity('d', 'Sunrise Trading', { country: 'TR' }),
    ];
    const prepared = list.map((e, i) => prepare(e, i));
    const bounds = new ScoreBounds(prepared);
    for (const [i, j] of [
      [0, 1],
      [2, 3],
    ]) {
      expect(scorePrepared(prepared[i], prepared[j]).score).toBeGreaterThanOrEqual(0.92);
      expect(bounds.nameBound(i, j)).toBe(1);
    }
    // Nothing written together: the bound of the words alone.
    expect(bounds.nameBound(0, 2)).toBeLessThan(0.6);
  });

  test('a word pair the index does not link is never alike', () => {
    const prepared = names(4, 150).map((e, i) => prepare(e, i));
    const words = [...new Set(prepared.flatMap((p) => p.tokens))];
    const bounds = new ScoreBounds(prepared) as unknown as { words: { id(w: string): number; similarity(x: number, y: number, plurals: boolean): number } };
    const differ: string[] = [];
    for (const a of words) {
      for (const b of words) {
        for (const plurals of [true, false]) {
          if (bounds.words.similarity(bounds.words.id(a), bounds.words.id(b), plurals) !== tokenSimilarity(a, b, { plurals })) differ.push(`${a} / ${b}`);
        }
      }
    }
    expect(differ).toEqual([]);
  });
});

/** Candidate pairs as the first version found them (string keys, every block written out), to compare with. */
function referencePairs(prepared: Prepared[], maxBlockSize: number): [number, number][] {
  const keysOf = (p: Prepared): string[] => {
    const kind = p.entity.kind;
    const keys = new Set<string>();
    const country = p.country ?? '*';
    if (p.tokens.length > 0) {
      keys.add(`first:${kind}:${country}:${skeleton(p.tokens[0])}`);
      keys.add(`sorted:${kind}:${[...p.tokens].sort().join(' ')}`);
      const compact = p.tokens.map(skeleton).join('');
      keys.add(`compact:${kind}:${compact}`);
      if (compact.length > 6) keys.add(`prefix:${kind}:${country}:${compact.slice(0, 6)}`);
    }
    if (p.phone) keys.add(`phone:${kind}:${p.phone}`);
    if (p.registration) keys.add(`reg:${kind}:${p.registration}`);
    return [...keys];
  };
  const seen = new Set<string>();
  const out: [number, number][] = [];
  const add = (i: number, j: number): void => {
    const [x, y] = i < j ? [i, j] : [j, i];
    if (x === y || seen.has(`${x},${y}`)) return;
    seen.add(`${x},${y}`);
    out.push([x, y]);
  };
  const blocks = new Map<string, number[]>();
  const wild = new Map<string, number[]>();
  const push = (m: Map<string, number[]>, k: string, i: number) => m.set(k, [...(m.get(k) ?? []), i]);
  for (const p of prepared) {
    for (const k of keysOf(p)) {
      push(blocks, k, p.index);
      const parts = k.split(':');
      if (parts[0] === 'first') push(wild, `${parts[0]}:${parts[1]}:${parts.slice(3).join(':')}`, p.index);
    }
  }
  for (const m of blocks.values()) if (m.length <= maxBlockSize) for (const i of m) for (const j of m) add(i, j);
  for (const m of wild.values()) {
    if (m.length > maxBlockSize || !m.some((i) => prepared[i].country === undefined)) continue;
    for (const i of m) for (const j of m) if (prepared[i].country === undefined || prepared[j].country === undefined) add(i, j);
  }
  // First words one slip apart: sharing a variant with one letter left out (or the word itself), by kind and country.
  const variants = (w: string) => new Set([w, ...[...w].map((_, i) => w.slice(0, i) + w.slice(i + 1))]);
  const firstWord = (p: Prepared) => (p.tokens.length > 0 ? skeleton(p.tokens[0]) : '');
  const scope = (p: Prepared) => `${p.entity.kind}:${p.country ?? '*'}`;
  const usable = (w: string) => w.length >= 5 && !/\d/.test(w);
  const byWord = new Map<string, number[]>();
  for (const p of prepared) if (p.tokens.length > 0) push(byWord, `${scope(p)}:${firstWord(p)}`, p.index);
  for (const [x, mx] of byWord) {
    for (const [y, my] of byWord) {
      const [wx, wy] = [prepared[mx[0]], prepared[my[0]]].map(firstWord);
      if (x >= y || scope(prepared[mx[0]]) !== scope(prepared[my[0]]) || !usable(wx) || !usable(wy)) continue;
      const vx = variants(wx);
      if (![...variants(wy)].some((v) => vx.has(v)) || mx.length + my.length > maxBlockSize) continue;
      for (const i of mx) for (const j of my) add(i, j);
    }
  }
  return out.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
}

describe('pruned resolution', () => {
  test('finds the same candidate pairs as blocks written out in full', () => {
    for (const seed of [5, 6]) {
      const prepared = names(seed, 300).map((e, i) => prepare(e, i));
      for (const size of [500, 12]) expect(candidatePairs(prepared, size)).toEqual(referencePairs(prepared, size));
    }
  });

  test('scores the same pairs above the threshold as scoring every candidate pair', () => {
    for (const seed of [8, 9]) {
      const prepared = names(seed, 300).map((e, i) => prepare(e, i));
      for (const maxBlockSize of [500, 15]) {
        // Every candidate pair scored once; each threshold keeps its part.
        const all = scoredPairs(prepared, { reviewThreshold: 0, maxBlockSize, prune: false });
        for (const reviewThreshold of [0.6, 0.8, 0.92]) {
          const pruned = scoredPairs(prepared, { reviewThreshold, maxBlockSize });
          expect(pruned).toEqual(all.filter((p) => p.score >= reviewThreshold));
          if (reviewThreshold === 0.8 && maxBlockSize === 500) expect(pruned.length).toBeGreaterThan(10);
        }
      }
    }
  });

  test('drops the ties a merge makes repeat, and ties given twice, keeping the first', () => {
    const tie = (source: string, target: string, kind: Relation['kind'], extra: Partial<Relation> = {}) => ({ ...relation(source, target, kind), ...extra });
    const b = bundle(
      [entity('a', 'Sissoy Kimya Ltd', { country: 'TR', city: 'Kilis' }), entity('b', 'SISSOY KIMYA LTD.', { country: 'TR', city: 'Kilis' }), entity('c', 'Nurtep Tarim', { country: 'TR' })],
      [
        tie('a', 'c', 'owner', { share: 50 }),
        tie('b', 'c', 'owner', { share: 50 }), // a repeat once b is a
        tie('b', 'c', 'owner', { share: 40 }), // another share: kept
        tie('c', 'a', 'family'),
        tie('b', 'c', 'family'), // symmetric: a repeat of c–a
        tie('c', 'a', 'owner', { share: Number.NaN }),
        tie('c', 'a', 'owner'), // a share JSON writes as null, like none
      ],
    );
    const r = resolveEntities(b);
    expect(r.merges.map((m) => [m.kept, m.merged])).toEqual([['a', ['b']]]);
    expect(r.bundle.relations.map((x) => `${x.source}>${x.target}:${x.kind}:${x.share ?? ''}`)).toEqual(['a>c:owner:50', 'a>c:owner:40', 'c>a:family:', 'c>a:owner:NaN']);
    expect(r.dropped.relations).toBe(3);
  });
});
