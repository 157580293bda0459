import type { Entity } from '@chokepoint/model';
import { isLei, ListIndex, screenEntities, type ListedParty, type ScreeningList } from '@chokepoint/screening';

const origin = { file: 'entities.csv', line: 2 };
const entity = (id: string, name: string, fields: Partial<Entity> = {}): Entity => ({ id, kind: 'company', name, attributes: {}, origin, ...fields });
const party = (id: string, names: string[], fields: Partial<ListedParty> = {}): ListedParty => ({
  id,
  schema: fields.kind === 'person' ? 'Person' : 'Company',
  kind: 'company',
  name: names[0],
  names,
  countries: [],
  birthDates: [],
  identifiers: [],
  addresses: [],
  phones: [],
  topics: ['sanction'],
  programs: [],
  authorities: [],
  datasets: [],
  sourceUrls: [],
  line: 1,
  ...fields,
});
const listOf = (...parties: ListedParty[]): ScreeningList => ({ name: 'test list', file: 'test.jsonl', date: null, parties, otherRecords: [], skipped: [], warnings: [] });

describe('screening entities against a list', () => {
  it('matches a name written in another script and with another legal form, and says why', () => {
    const r = screenEntities([entity('c1', 'Terek Invest LLC', { country: 'RU' })], [listOf(party('L1', ['ООО «Терек-Инвест»'], { countries: ['RU'] }))]);
    expect(r.matches).toHaveLength(1);
    const m = r.matches[0];
    expect(m).toMatchObject({ entity: 'c1', listedId: 'L1', status: 'match', list: 'test list', listFile: 'test.jsonl' });
    expect(m.agreed).toEqual([{ identifier: 'country', entity: 'RU', listed: 'RU' }]);
    expect(m.disagreed).toEqual([]);
    expect(m.evidence[0]).toMatch(/same normalized name "terek invest"/);
    expect(m.evidence).toContain('not compared (missing on one side): registration number');
  });

  it('compares an entity whose id is a Legal Entity Identifier (as read from GLEIF) as its registration number', () => {
    expect(['5493001KJTIIGC8Y1R12', 'HWUPKR0MPOU8FGXBT394'].map(isLei)).toEqual([true, true]);
    // A check digit changed, too short, lower case: not an LEI.
    expect(['5493001KJTIIGC8Y1R13', '5493001KJTIIGC8Y1R1', '5493001kjtiigc8y1r12'].map(isLei)).toEqual([false, false, false]);
    const listed = listOf(party('L1', ['Zenith Holdings Limited'], { countries: ['GB'], identifiers: ['5493001KJTIIGC8Y1R12'] }));
    const byLei = screenEntities([entity('5493001KJTIIGC8Y1R12', 'Zenith Holdings Ltd', { country: 'GB' })], [listed]);
    expect(byLei.matches.map((m) => m.agreed.map((a) => a.identifier))).toEqual([expect.arrayContaining(['registration number'])]);
    const byName = screenEntities([entity('z1', 'Zenith Holdings Ltd', { country: 'GB' })], [listed]);
    expect(byName.matches.flatMap((m) => m.agreed.map((a) => a.identifier))).not.toContain('registration number');
  });

  it('never matches on a name alone when the country or the birth date disagrees: a candidate for review', () => {
    const r = screenEntities(
      [entity('c1', 'Kervansaray Lojistik A.Ş.', { country: 'TR' }), entity('p1', 'Huseyin Kocabiyik', { kind: 'person', country: 'TR', attributes: { birth_date: '1970-05-05' } })],
      [listOf(party('L1', ['Kervansaray Lojistik'], { countries: ['AZ'] }), party('L2', ['Hüseyin Kocabıyık'], { kind: 'person', countries: ['TR'], birthDates: ['1984'] }))],
    );
    expect(r.matches).toEqual([]);
    expect(r.candidates.map((c) => [c.entity, c.listedId, c.disagreed.map((d) => d.identifier)])).toEqual([
      ['c1', 'L1', ['country']],
      ['p1', 'L2', ['birth date']],
    ]);
    expect(r.candidates[1].evidence.at(-1)).toMatch(/the names agree but the birth date disagrees/);
  });

  it('a birth date or a registration number that agrees confirms; the same registration number makes a match of a renamed company', () => {
    const r = screenEntities(
      [
        entity('p1', 'Ismail Dogancay', { kind: 'person', country: 'TR', attributes: { birth_date: '1966-08-03' } }),
        entity('c2', 'Tekhnopromimport LLC', { country: 'RU', attributes: { registration_number: 'RU-7701999999' } }),
      ],
      [listOf(party('L1', ['İsmail Doğançay'], { kind: 'person', countries: ['TR'], birthDates: ['1966'] }), party('L2', ['Tekhpromimport'], { countries: ['RU'], identifiers: ['7701999999'] }))],
    );
    expect(r.matches.map((m) => [m.entity, m.agreed.map((a) => a.identifier)])).toEqual([
      ['p1', ['country', 'birth date']],
      ['c2', ['country', 'registration number']],
    ]);
  });

  it('keeps persons and companies apart, and names that share a word but are other firms', () => {
    const r = screenEntities(
      [entity('c1', 'Serkan Bayindirli'), entity('c2', 'Yıldızlı Gıda Ticaret', { country: 'TR' }), entity('c3', 'Örnek Plastik Sanayi A.Ş.', { country: 'TR' })],
      [listOf(party('L1', ['Serkan Bayındırlı'], { kind: 'person' }), party('L2', ['Yıldızeli Dış Ticaret'], { countries: ['TR'] }), party('L3', ['Örnek Kimya San. ve Tic. Ltd. Şti.'], { countries: ['TR'] }))],
    );
    expect(r.matches).toEqual([]);
    // One slip apart, no word the same: at most a candidate.
    expect(r.candidates.map((c) => c.listedId)).toEqual(['L2']);
  });

  it('a person written with fewer parts matches when only a patronymic is missing, and is a candidate when another part is', () => {
    const r = screenEntities(
      [entity('p1', 'Petr Ivashov', { kind: 'person', country: 'RU' }), entity('p2', 'Ahmed Nasser', { kind: 'person', country: 'EG' })],
      [listOf(party('L1', ['IVASHOV, Pyotr Sergeevich'], { kind: 'person', countries: ['RU'] }), party('L2', ['Ahmed Nassar Mansour'], { kind: 'person', countries: ['EG'] }))],
    );
    expect(r.matches.map((m) => m.entity)).toEqual(['p1']);
    expect(r.candidates.map((m) => m.entity)).toEqual(['p2']);
  });

  it('compares Arabic script by its consonants and Chinese characters by their pinyin', () => {
    const r = screenEntities(
      [
        entity('c1', 'Al-Rashidiya Trading Est.', { country: 'AE' }),
        entity('c2', 'Beijing Huaxin Trading Co., Ltd.', { country: 'CN' }),
        entity('p3', 'Wang Jianguo', { kind: 'person', country: 'CN' }),
        entity('p4', 'Wang Jian', { kind: 'person', country: 'CN' }),
      ],
      [listOf(party('L1', ['مؤسسة الرشيدية للتجارة'], { countries: ['AE'] }), party('L2', ['北京华信贸易有限公司'], { countries: ['CN'] }), party('L3', ['王建国'], { kind: 'person', countries: ['CN'] }))],
    );
    expect(r.matches.map((m) => [m.entity, m.listedId])).toEqual([
      ['c1', 'L1'],
      ['c2', 'L2'],
      ['p3', 'L3'],
    ]);
    expect(r.matches[0].names.notes[0]).toMatch(/consonants/);
  });

  it('is deterministic and keys by Maps: ids such as __proto__ and toString are data', () => {
    const entities = [entity('__proto__', 'Proto Fictional Holding', { country: 'GB' }), entity('toString', 'Proto Fictional Holding Ltd', { country: 'GB' })];
    const lists = [listOf(party('constructor', ['Proto Fictional Holding Limited'], { countries: ['GB'] }))];
    const a = screenEntities(entities, lists);
    const b = screenEntities(entities, new ListIndex(lists));
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.matches.map((m) => [m.entity, m.listedId])).toEqual([
      ['__proto__', 'constructor'],
      ['toString', 'constructor'],
    ]);
  });

  it('blocks: five hundred entities against a thousand parties score a small share of all pairs, and find the planted ones', () => {
    // Fictional words from a seeded generator (mulberry32): the same names on every run.
    let seed = 7;
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const syllables = ['ka', 'ro', 'mi', 'tel', 'var', 'den', 'so', 'lin', 'ber', 'gal', 'tor', 'ne', 'shi', 'ab', 'dul', 'zar', 'kov', 'len', 'mar', 'qui', 'ros', 'tan', 'vel', 'yun'];
    const pick = () => syllables[Math.floor(random() * syllables.length)];
    const word = (_i: number, _salt: number) => pick() + pick() + pick();
    const parties = Array.from({ length: 1000 }, (_, i) => party(`L${i}`, [`${word(i, 1)} ${word(i, 2)} Trading LLC`], { countries: ['AE'] }));
    const entities = Array.from({ length: 500 }, (_, i) => (i % 50 === 0 ? entity(`e${i}`, parties[i * 2].names[0], { country: 'AE' }) : entity(`e${i}`, `${word(i, 4)} ${word(i, 5)} Logistics`, { country: 'AE' })));
    const r = screenEntities(entities, [listOf(...parties)]);
    expect(r.compared).toBeLessThan((500 * 1000) / 100);
    for (let i = 0; i < 500; i += 50) expect(r.matches.some((m) => m.entity === `e${i}` && m.listedId === `L${i * 2}`)).toBe(true);
  });
});
