import type { Entity, EntityKind } from '@chokepoint/model';
import { candidatePairs, prepare, scorePrepared, type Prepared } from '@chokepoint/resolve';
import { ScoreBounds } from '../src/prune';
import { boundedPairs, NAMESAKES, scoredPairs } from '../src/resolve';
import { entity, pick, random, slip } from './helpers';

/*
 * The pairs of each block are found through the words of the names (`ScoreBounds.blockPairs`), not by going through
 * every pair of every block. These tests check that this never loses a pair: against every pair of the generated
 * names, scored as before, for several thresholds and block sizes.
 */


// Few first words and surnames, so blocks grow large (a block of one first name is what the word filter is for).
const FIRST = ['Hatice', 'Hatıce', 'Mustafa', 'Müller', 'Mueller', 'Şişsoy', 'Sissoy', 'Ali', 'Çelik', 'Nur', 'Noor', 'Agro', 'Sun'];
const SURNAMES = ['Bemhan', 'Samkaya', 'Gezhan', 'Yılmaz', 'Yilmaz', 'Ozdemir', 'Özdemir', 'Kaya', 'Nisoglu', 'Dağ', 'Rashid', 'Rasheed', 'Khalid', 'Khaled'];
const TRADES = [
  'Chemicals', 'Chemical', 'Kimya', 'Farms', 'Farm', 'Seeds', 'Feeds', 'Rise', 'Sunrise', 'Agrochemicals', 'Agrochemcals', 'Trading', 'General',
  'Import', 'Export', 'Logistics', 'Logistcs', 'Batteries', 'Battery', 'Matériaux', 'Métaux', 'Metal', 'Group', 'Al', 'El', '2', 'B12', 'İnşaat',
];
const FORMS = ['Ltd', 'Ltd.', 'GmbH', 'LLC', 'A.Ş.', 'San. ve Tic. Ltd. Şti.', 'S.A.R.L.', 'Co.', 'JSC', ''];
/** Ids that are property names of plain objects. */
const IDS = ['__proto__', 'toString', 'constructor', 'hasOwnProperty', 'valueOf'];

/** Names of many kinds; `dense`: most of one country and of two first names (large blocks). */
function names(seed: number, count: number, dense = false): Entity[] {
  const r = random(seed);
  const firsts = dense ? FIRST.slice(0, 3) : FIRST;
  const out: Entity[] = [];
  for (let n = 0; n < count; n++) {
    const kind: EntityKind = pick(r, ['company', 'company', 'person', 'person', 'organization'] as const);
    let words: string[];
    if (r() < 0.08) words = [pick(r, r() < 0.5 ? firsts : SURNAMES)]; // one word
    else if (kind === 'person') words = [pick(r, firsts), pick(r, SURNAMES), ...(r() < 0.2 ? [pick(r, SURNAMES)] : [])];
    else {
      words = [pick(r, firsts)];
      const more = Math.floor(r() * 4);
      for (let k = 0; k < more; k++) words.push(r() < 0.3 ? pick(r, SURNAMES) : pick(r, TRADES));
    }
    words = words.map((w) => (r() < 0.15 ? slip(r, w) : w));
    if (r() < 0.1 && words.length > 1) {
      const i = Math.floor(r() * (words.length - 1));
      words.splice(i, 2, words[i] + words[i + 1].toLowerCase()); // written together
    }
    let name = words.map((w) => (r() < 0.2 ? w.toUpperCase() : w)).join(' ');
    if (kind !== 'person' && r() < 0.5) name += ` ${pick(r, FORMS)}`;
    if (r() < 0.02) name = pick(r, ['Ltd.', '&', '...', 'GmbH']); // no words left
    const extra: Partial<Entity> = {};
    if (r() < 0.8) extra.country = dense && r() < 0.9 ? 'TR' : pick(r, ['TR', 'TR', 'DE', 'SY']);
    if (r() < 0.6) extra.city = pick(r, ['Gaziantep', 'Kilis', 'Köln']);
    if (r() < 0.3) extra.address = pick(r, ['Sanayi Cd. 4', 'Sanayi Cad. 4', 'Hauptstraße 1']);
    const attributes: Record<string, string> = {};
    if (r() < 0.2) attributes.phone = pick(r, ['+90 342 1000001', '+90 342 1000002', '0342 1000001']);
    if (r() < 0.1) attributes.registration_number = pick(r, ['TR-123', 'TR-124', 'tr 123']);
    const id = r() < 0.03 ? `${pick(r, IDS)}${n}` : n % 97 === 0 ? pick(r, IDS) : `e${n}`;
    out.push(entity(id, name, { ...extra, attributes }, kind));
  }
  return out;
}

describe('pairs found through the words of the names', () => {
  const cases = [
    { seed: 11, count: 600, dense: false },
    { seed: 12, count: 500, dense: true },
  ];

  test('lose no pair the bounds keep: the same pairs as going through every pair of every block', () => {
    for (const { seed, count, dense } of cases) {
      const prepared = names(seed, count, dense).map((e, i) => prepare(e, i));
      const bounds = new ScoreBounds(prepared);
      for (const maxBlockSize of [500, 40]) {
        const candidates = candidatePairs(prepared, maxBlockSize);
        for (const threshold of [0.005, 0.3, 0.6, 0.8, 0.92, 1]) {
          const expected = candidates.filter(([i, j]) => bounds.mayReach(i, j, threshold));
          expect(boundedPairs(prepared, { threshold, maxBlockSize }, bounds)).toEqual(expected);
        }
      }
    }
  });

  test('score the same pairs as scoring every pair of the names (brute force), at every threshold', () => {
    let namesakesSeen = 0;
    let commonSeen = 0;
    let commonCompaniesSeen = 0;
    for (const { seed, count, dense } of cases) {
      const prepared: Prepared[] = names(seed, count, dense).map((e, i) => prepare(e, i));
      for (const maxBlockSize of [500, 40]) {
        // Every pair of the names, scored as before; a pair is a candidate when it shares a block.
        const inBlock = new Set(candidatePairs(prepared, maxBlockSize).map(([i, j]) => i * prepared.length + j));
        const fullName = (p: (typeof prepared)[number]) => [...p.tokens].sort().join(' ');
        // Two persons (or two companies, or two organizations), one of them (or both) of a name more than six persons
        // (companies and organizations together) bear (in any order of its words), sharing no registration number,
        // phone or address (by the evidence of their score): neither scored nor listed.
        const table = (p: Prepared) => (p.entity.kind === 'person' ? 'person' : 'legal');
        const bearers = (p: Prepared) => prepared.filter((q) => table(q) === table(p) && q.tokens.length > 0 && fullName(q) === fullName(p)).length;
        const common = (p: Prepared) => p.tokens.length > 0 && bearers(p) > 6;
        const commonNamesakes = (a: Prepared, b: Prepared, evidence: string[]) =>
          a.entity.kind === b.entity.kind && (common(a) || common(b)) && !evidence.some((e) => /^same (registration number|phone|address) /.test(e));
        const all: { i: number; j: number; score: number; evidence: string[] }[] = [];
        for (let i = 0; i < prepared.length; i++) {
          for (let j = i + 1; j < prepared.length; j++) {
            if (!inBlock.has(i * prepared.length + j)) continue;
            const { score, evidence } = scorePrepared(prepared[i], prepared[j]);
            if (commonNamesakes(prepared[i], prepared[j], evidence)) {
              if (prepared[i].entity.kind === 'person') commonSeen++;
              else commonCompaniesSeen++;
              continue;
            }
            all.push({ i, j, score, evidence });
          }
        }
        // Persons of the same full name (three words or more, in any order) in two countries, by brute force: listed
        // whatever their score, unless more than six persons share the name.
        const namesakes = new Set<string>();
        for (let i = 0; i < prepared.length; i++) {
          for (let j = i + 1; j < prepared.length; j++) {
            const [a, b] = [prepared[i], prepared[j]];
            if (a.entity.kind !== 'person' || b.entity.kind !== 'person' || a.country === undefined || b.country === undefined || a.country === b.country) continue;
            if (a.tokens.length < 3 || fullName(a) !== fullName(b)) continue;
            const sharing = prepared.filter((p) => p.entity.kind === 'person' && p.country !== undefined && p.tokens.length >= 3 && fullName(p) === fullName(a)).length;
            if (sharing <= 6) namesakes.add(`${i} ${j}`);
          }
        }
        for (const reviewThreshold of [0.3, 0.6, 0.8, 0.92]) {
          const expected = all.filter((p) => p.score >= reviewThreshold);
          const found = scoredPairs(prepared, { reviewThreshold, maxBlockSize });
          expect(found.filter((p) => !p.evidence.includes(NAMESAKES))).toEqual(expected);
          const listed = found.filter((p) => p.evidence.includes(NAMESAKES)).map((p) => `${p.i} ${p.j}`);
          expect(listed).toEqual([...namesakes].filter((k) => !expected.some((p) => `${p.i} ${p.j}` === k)).sort((x, y) => Number(x.split(' ')[0]) - Number(y.split(' ')[0]) || Number(x.split(' ')[1]) - Number(y.split(' ')[1])));
          if (reviewThreshold === 0.8 && maxBlockSize === 500) expect(expected.length).toBeGreaterThan(50);
          namesakesSeen += listed.length;
        }
      }
    }
    // (the generated names hold such namesakes, and pairs of common names: the checks above are not of empty lists)
    expect(namesakesSeen).toBeGreaterThan(0);
    expect(commonSeen).toBeGreaterThan(0);
    expect(commonCompaniesSeen).toBeGreaterThan(0);
  });

  test('the generated names hold names without words, one word, ids of object properties and accents', () => {
    const list = names(11, 600);
    const prepared = list.map((e, i) => prepare(e, i));
    expect(prepared.some((p) => p.tokens.length === 0)).toBe(true);
    expect(prepared.some((p) => p.tokens.length === 1)).toBe(true);
    expect(list.some((e) => e.id === '__proto__')).toBe(true);
    expect(list.some((e) => /[ıİşŞéüö]/.test(e.name))).toBe(true);
  });

  test('a large block of one first name is not gone through pair by pair', () => {
    const prepared = names(12, 500, true).map((e, i) => prepare(e, i));
    const block = prepared.filter((p) => p.entity.kind === 'person' && p.country === 'TR' && p.tokens[0] === 'hatice').map((p) => p.index);
    expect(block.length).toBeGreaterThan(40);
    const bounds = new ScoreBounds(prepared);
    const emitted = new Set<string>();
    bounds.blockPairs(block, undefined, false, 0.8, (i, j) => emitted.add(`${i} ${j}`));
    // Every pair of the block the bounds keep is emitted, and far fewer than all pairs.
    for (const i of block) for (const j of block) if (i < j && bounds.mayReach(i, j, 0.8)) expect(emitted).toContain(`${i} ${j}`);
    expect(emitted.size).toBeLessThan((block.length * (block.length - 1)) / 2 / 3);
  });
});
