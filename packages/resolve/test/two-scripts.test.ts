import { namesInTwoScripts, prepare, resolveEntities, TWO_SCRIPTS } from '@chokepoint/resolve';
import { bundle, entity } from './helpers';

const person = (id: string, name: string, country = 'IQ') => entity(id, name, { country }, 'person');

/** An Arabic-speaking investigator names a person as an Arabic register does, and as a Latin-script record does. */
describe('one name in the Arabic script and in Latin letters', () => {
  const pairs = (names: ReturnType<typeof person>[]) => namesInTwoScripts(names.map((e, i) => prepare(e, i)));

  it('lists persons whose names have the same consonants word for word, in any order or run together', () => {
    expect(pairs([person('a', 'أحمد خليل الحمداني'), person('b', 'Ahmed Khalil Al-Hamdani'), person('c', 'Ahmad Khaleel al Hamdani', 'TR')])).toEqual([
      [0, 1],
      [0, 2],
    ]);
    // Surname first, as registers write it.
    expect(pairs([person('a', 'AL-HAMDANI, Ahmed Khalil'), person('b', 'أحمد خليل الحمداني')])).toEqual([[0, 1]]);
    // `عبد الله` is `Abdullah`: the words run together.
    expect(pairs([person('a', 'محمد عبد الله الجبوري'), person('b', 'Mohammed Abdullah Al-Jubouri')])).toEqual([[0, 1]]);
    // Persian and Kurdish letters and a hamza left out change nothing.
    expect(pairs([person('a', 'احمد خلیل الحمدانی'), person('b', 'Ahmed Khalil Al-Hamdani')])).toEqual([[0, 1]]);
  });

  it('lists no other pair: other consonants, two words only, two names in one script, companies, a common name', () => {
    expect(pairs([person('a', 'عمر خليل الحمداني'), person('b', 'Ahmed Khalil Al-Hamdani')])).toEqual([]);
    expect(pairs([person('a', 'أحمد خليل'), person('b', 'Ahmed Khalil')])).toEqual([]);
    expect(pairs([person('a', 'أحمد خليل الحمداني'), person('b', 'احمد خليل الحمداني')])).toEqual([]);
    expect(pairs([entity('a', 'شركة الرافدين للتجارة', { country: 'IQ' }), entity('b', 'Sharikat Al-Rafidain Lil-Tijara', { country: 'IQ' })])).toEqual([]);
    // Seven persons of one name: it says nothing.
    const many = [...Array.from({ length: 4 }, (_, i) => person(`a${i}`, 'أحمد خليل الحمداني')), ...Array.from({ length: 3 }, (_, i) => person(`l${i}`, 'Ahmed Khalil Al-Hamdani'))];
    expect(pairs(many)).toEqual([]);
    expect(pairs(many.slice(1, 6))).toHaveLength(6);
    // No name in the Arabic script: nothing is keyed.
    expect(pairs([person('a', 'Ahmed Khalil Al-Hamdani'), person('b', 'Ahmad Khaleel al Hamdani')])).toEqual([]);
  });

  it('are listed for review with the reason, never merged', () => {
    const r = resolveEntities(bundle([person('E09', 'أحمد خليل الحمداني'), person('E16', 'Ahmed Khalil Al-Hamdani'), entity('E06', 'مكتب الرافدين للهواتف النقالة', { country: 'IQ' })]));
    expect(r.merges).toEqual([]);
    expect(r.possible.map((p) => [p.a, p.b, p.evidence.includes(TWO_SCRIPTS)])).toEqual([['E09', 'E16', true]]);
    expect(r.bundle.entities.map((e) => e.id)).toEqual(['E09', 'E16', 'E06']);
  });
});
