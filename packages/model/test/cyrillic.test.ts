import { CYRILLIC_COLUMN_NAMES, CYRILLIC_ENTITY_KINDS, CYRILLIC_MONTHS, CYRILLIC_PLACE_KINDS, CYRILLIC_RELATION_KINDS, cyrillicKey, ENTITY_KINDS, fold, parseField, PLACE_KINDS, readCountry, readCurrency, RELATION_KINDS, unitOf } from '@chokepoint/model';

describe('words in Russian and Ukrainian (cyrillic.ts)', () => {
  it('folds Cyrillic text to its words (not to nothing), marks aside, as Latin text is folded', () => {
    expect(fold('Торговля розничная одеждой, ул. Токтогула 100')).toBe('торговля розничная одеждои ул токтогула 100');
    expect(fold('Ёлка')).toBe(fold('Елка'));
    expect(fold('Київ, вул. Хрещатик')).toBe('киів вул хрещатик');
    expect(fold('Société Générale')).toBe('societe generale');
  });

  it('keys a word without regard to case, ё, dots, quotes or spaces', () => {
    expect(cyrillicKey(' Физ. лицо ')).toBe('физ_лицо');
    expect(cyrillicKey('«Партнёр»')).toBe('партнер');
  });

  it('maps every word to a value of its table, and no key to two values', () => {
    for (const [table, values] of [
      [CYRILLIC_ENTITY_KINDS, ENTITY_KINDS],
      [CYRILLIC_RELATION_KINDS, RELATION_KINDS],
      [CYRILLIC_PLACE_KINDS, PLACE_KINDS],
    ] as const) {
      const byKey = new Map<string, string>();
      for (const [word, value] of Object.entries(table)) {
        expect(values).toContain(value);
        const key = cyrillicKey(word);
        expect([undefined, value]).toContain(byKey.get(key));
        byKey.set(key, value);
      }
    }
    expect(Object.values(CYRILLIC_MONTHS).every((m) => m >= 1 && m <= 12)).toBe(true);
    // Column names are written as the header reader writes a header cell: lower case, words joined by `_`.
    for (const columns of Object.values(CYRILLIC_COLUMN_NAMES)) for (const names of Object.values(columns)) for (const n of names) expect(n).toBe(n.toLowerCase().replace(/[\s\-./()[\]_,]+/g, '_'));
  });

  it('reads kinds, dates, units, currencies and countries as written in Russian', () => {
    const kind = (raw: string) => parseField('enum', raw, { values: ENTITY_KINDS, aliases: Object.fromEntries(Object.entries(CYRILLIC_ENTITY_KINDS).map(([w, v]) => [cyrillicKey(w), v])) });
    expect(kind('Физ. лицо')).toMatchObject({ ok: true, value: 'person' });
    expect(kind('ОсОО')).toMatchObject({ ok: true, value: 'company' });
    expect(kind('Пароход')).toMatchObject({ ok: false });
    expect(parseField('date', '5 августа 2022 г.')).toMatchObject({ ok: true, value: '2022-08-05' });
    expect(parseField('date', '15 березня 2021 року')).toMatchObject({ ok: true, value: '2021-03-15' });
    expect(parseField('date', '31 февраля 2021')).toMatchObject({ ok: false });
    expect(parseField('date', '5 августа 22')).toMatchObject({ ok: false });
    expect([unitOf('шт.'), unitOf('кг'), unitOf('т'), unitOf('тыс. шт'), unitOf('м³')]).toEqual(['pcs', 'kg', 't', '1000u', 'm3']);
    expect(unitOf('коробка')).toBeUndefined();
    expect([readCurrency('руб.'), readCurrency('долл. США'), readCurrency('тенге'), readCurrency('сом'), readCurrency('грн')].map((c) => c.ok && c.value)).toEqual(['RUB', 'USD', 'KZT', 'KGS', 'UAH']);
    expect(readCurrency('долл.')).toMatchObject({ ok: false, reason: expect.stringContaining('ambiguous') });
    expect(['РФ', 'Кыргызстан', 'КР', 'Казахстан', 'Беларусь', 'Белоруссия', 'КНР'].map((c) => readCountry(c)?.code)).toEqual(['RU', 'KG', 'KG', 'KZ', 'BY', 'BY', 'CN']);
  });
});
