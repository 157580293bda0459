import {
  ARABIC_CURRENCIES,
  ARABIC_ENTITY_KINDS,
  ARABIC_MONTHS,
  ARABIC_PLACE_KINDS,
  ARABIC_RELATION_KINDS,
  ARABIC_UNITS,
  arabicKey,
  ENTITY_KIND_ALIASES,
  enumValues,
  ENTITY_KINDS,
  fold,
  hijriToGregorian,
  slashedDateReadings,
  foldArabic,
  parseField,
  PLACE_KIND_ALIASES,
  PLACE_KINDS,
  readCurrency,
  readUnit,
  RELATION_KIND_ALIASES,
  RELATION_KINDS,
  sharedCurrencyCodes,
  UNITS,
  westernDigits,
} from '@chokepoint/model';
import { ISO_4217_CURRENT } from '../src/iso4217';

/** An Arabic-speaking investigator's words, as the contract reads them (arabic.ts). */
describe('Arabic in the cells', () => {
  it('folds the ways one Arabic word is written to one: hamza forms, ta marbuta, marks, tatweel, Persian letters', () => {
    expect(foldArabic('مالِك')).toBe(foldArabic('مالك'));
    expect(foldArabic('شركة')).toBe('شركه');
    expect(foldArabic('أربيل')).toBe(foldArabic('اربيل'));
    expect(foldArabic('إلكتروني')).toBe(foldArabic('الكتروني'));
    expect(foldArabic('شركـــة')).toBe(foldArabic('شركة'));
    // A Kurdish or Persian keyboard's kaf and yeh.
    expect(foldArabic('شرکة کیمیاوی')).toBe(foldArabic('شركة كيمياوي'));
    expect(foldArabic('Örnek')).toBe('Örnek');
    // The presentation forms of text copied from a PDF.
    expect(foldArabic('\ufeb7\ufeae\ufedb\ufe94')).toBe(foldArabic('شركة'));
    expect(parseField('enum', '\ufeb7\ufeae\ufedb\ufe94', { values: ENTITY_KINDS, aliases: ENTITY_KIND_ALIASES })).toMatchObject({ ok: true, value: 'company' });
    expect(arabicKey(' مدير  مفوض ')).toBe('مدير_مفوض');
    expect(arabicKey('ذ.م.م')).toBe('ذمم');
  });

  it('reads Arabic-Indic and Persian digits and the Arabic decimal and thousands signs', () => {
    expect(westernDigits('١٢٬٥٠٠٫٥٠')).toBe('12,500.50');
    expect(westernDigits('۱۲۵')).toBe('125');
    expect(westernDigits('٣٥٪')).toBe('35%');
    expect(westernDigits('٢٠١٣/٠٤/٠٢')).toBe('2013/04/02');
    expect(westernDigits('12500')).toBeUndefined();
    expect(westernDigits('شركة')).toBeUndefined();
  });

  it('folds Arabic words for matching, without the article and the particles written onto them', () => {
    expect(fold('بيع الهواتف النقالة وملحقاتها')).toBe('بيع هواتف نقاله وملحقاتها');
    // Written with and without the hamza and the article: one word.
    expect(fold('عجينة الألمنيوم')).toBe(fold('عجينة المنيوم'));
    expect(fold('عجينة الألمنيوم')).toBe(fold('عجينة ألمنيوم'));
    expect(fold('بيع المواد الكيمياوية بالجملة')).toBe('بيع مواد كيمياويه جمله');
    expect(fold('بيع الأسمدة والمبيدات')).toBe('بيع اسمده مبيدات');
    expect(fold('للتجارة العامة')).toBe('تجاره عامه');
    // Latin text as before; digits of either kind alike.
    expect(fold('Akçakale Örnek, Ltd.')).toBe('akcakale ornek ltd');
    expect(fold('٢٠١٧ شركة')).toBe('2017 شركه');
    // Words that start with the letters of the particles but are none keep them.
    expect(fold('كالسيوم')).toBe('كالسيوم');
  });

  it('reads the kinds of entities, places and ties written in Arabic, as written with their usual variants', () => {
    const kind = (values: readonly string[], aliases: Readonly<Record<string, string>>, raw: string) => parseField('enum', raw, { values, aliases });
    expect(kind(ENTITY_KINDS, ENTITY_KIND_ALIASES, 'شركة')).toEqual({ ok: true, value: 'company', note: '"شركة" read as company' });
    expect(kind(ENTITY_KINDS, ENTITY_KIND_ALIASES, 'شركه')).toMatchObject({ ok: true, value: 'company' });
    expect(kind(ENTITY_KINDS, ENTITY_KIND_ALIASES, 'ذ.م.م')).toMatchObject({ ok: true, value: 'company' });
    expect(kind(ENTITY_KINDS, ENTITY_KIND_ALIASES, 'شخص')).toMatchObject({ ok: true, value: 'person' });
    expect(kind(ENTITY_KINDS, ENTITY_KIND_ALIASES, 'جمعية')).toMatchObject({ ok: true, value: 'organization' });
    expect(kind(PLACE_KINDS, PLACE_KIND_ALIASES, 'منفذ حدودي')).toMatchObject({ ok: true, value: 'border_crossing' });
    expect(kind(PLACE_KINDS, PLACE_KIND_ALIASES, 'ميناء')).toMatchObject({ ok: true, value: 'port' });
    expect(kind(RELATION_KINDS, RELATION_KIND_ALIASES, 'مالك')).toMatchObject({ ok: true, value: 'owner' });
    expect(kind(RELATION_KINDS, RELATION_KIND_ALIASES, 'مدير مفوض')).toMatchObject({ ok: true, value: 'director' });
    expect(kind(RELATION_KINDS, RELATION_KIND_ALIASES, 'اخ')).toMatchObject({ ok: true, value: 'family' });
    expect(kind(RELATION_KINDS, RELATION_KIND_ALIASES, 'نفس العنوان')).toMatchObject({ ok: true, value: 'shared_address' });
    expect(kind(RELATION_KINDS, RELATION_KIND_ALIASES, 'وكيل')).toMatchObject({ ok: true, value: 'agent' });
    expect(kind(RELATION_KINDS, RELATION_KIND_ALIASES, 'صديق').ok).toBe(false);
    // Two kinds in one cell, with the Arabic comma or "and" (written onto the next word): named, to be written one per row.
    expect(enumValues('مالك، مدير', { values: RELATION_KINDS, aliases: RELATION_KIND_ALIASES })).toEqual(['owner', 'director']);
    expect(enumValues('مالك ومدير', { values: RELATION_KINDS, aliases: RELATION_KIND_ALIASES })).toEqual(['owner', 'director']);
    expect(enumValues('مدير مفوض', { values: RELATION_KINDS, aliases: RELATION_KIND_ALIASES })).toBeUndefined();
  });

  it('has no Arabic word that folds to two values, and every value is one of the contract', () => {
    for (const [table, values] of [
      [ARABIC_ENTITY_KINDS, ENTITY_KINDS],
      [ARABIC_PLACE_KINDS, PLACE_KINDS],
      [ARABIC_RELATION_KINDS, RELATION_KINDS],
      [ARABIC_UNITS, UNITS],
    ] as const) {
      const byKey = new Map<string, string>();
      for (const [word, value] of Object.entries(table)) {
        expect([word, (values as readonly string[]).includes(value)]).toEqual([word, true]);
        const key = arabicKey(word);
        expect([word, byKey.get(key) ?? value]).toEqual([word, value]);
        byKey.set(key, value);
      }
    }
    const months = new Map<string, number>();
    for (const [word, month] of Object.entries(ARABIC_MONTHS)) {
      expect([word, months.get(arabicKey(word)) ?? month]).toEqual([word, month]);
      months.set(arabicKey(word), month);
    }
    for (const [word, code] of Object.entries(ARABIC_CURRENCIES)) expect([word, Object.hasOwn(ISO_4217_CURRENT, code)]).toEqual([word, true]);
  });

  it('reads units, currencies and month names in Arabic', () => {
    expect(readUnit('كغم')).toEqual({ ok: true, value: 'kg' });
    expect(readUnit('طن')).toEqual({ ok: true, value: 't' });
    expect(readUnit('قطعة')).toEqual({ ok: true, value: 'pcs' });
    expect(readUnit('لتر')).toEqual({ ok: true, value: 'l' });
    expect(readUnit('م٣')).toEqual({ ok: true, value: 'm3' });
    expect(readCurrency('د.ع')).toMatchObject({ ok: true, value: 'IQD' });
    expect(readCurrency('دولار أمريكي')).toMatchObject({ ok: true, value: 'USD' });
    expect(readCurrency('ليرة تركية')).toMatchObject({ ok: true, value: 'TRY' });
    // The Jordanian dinar and the UAE dirham differ by the hamza alone.
    expect(readCurrency('د.أ')).toMatchObject({ ok: true, value: 'JOD' });
    expect(readCurrency('د.إ')).toMatchObject({ ok: true, value: 'AED' });
    // Names several currencies share: refused alone, settled by the shipment's countries where one of them uses one.
    expect(readCurrency('دولار')).toMatchObject({ ok: false });
    expect(readCurrency('دولار').ok === false && readCurrency('دولار')).toMatchObject({ reason: expect.stringContaining('the US dollar (USD)') });
    expect(readCurrency('دينار')).toMatchObject({ ok: false });
    expect(sharedCurrencyCodes('دينار')).toContain('IQD');
    expect(sharedCurrencyCodes('ليرة')).toEqual(['TRY', 'SYP', 'LBP']);
    expect(sharedCurrencyCodes('دولار')).toBeUndefined();
    expect(parseField('date', '15 آذار 2017')).toMatchObject({ ok: true, value: '2017-03-15' });
    expect(parseField('date', '1 تشرين الأول 2016')).toMatchObject({ ok: true, value: '2016-10-01' });
    expect(parseField('date', '3 مارس 2017')).toMatchObject({ ok: true, value: '2017-03-03' });
    expect(parseField('date', '31 شباط 2017')).toMatchObject({ ok: false });
    expect(parseField('date', '15 آذار 17')).toMatchObject({ ok: false });
  });
});

describe('Hijri dates', () => {
  it('reads a date marked as Hijri as its Gregorian day (Umm al-Qura), year first or last', () => {
    expect(hijriToGregorian(1438, 6, 15)).toBe('2017-03-14');
    expect(hijriToGregorian(1445, 1, 1)).toBe('2023-07-19');
    expect(hijriToGregorian(1300, 1, 1)).toBe('1882-11-12');
    expect(hijriToGregorian(1438, 6, 30)).toBeUndefined();
    expect(hijriToGregorian(1600, 1, 1)).toBeUndefined();
    for (const cell of ['1438/06/15 هـ', '15/06/1438هـ', '1438-6-15 AH', 'هـ 1438/6/15', '15.06.1438 ه']) {
      expect([cell, parseField('date', cell)]).toEqual([cell, { ok: true, value: '2017-03-14', note: `${JSON.stringify(cell)} is a Hijri date: read as 2017-03-14 (the Umm al-Qura calendar); write the Gregorian date, YYYY-MM-DD, to be sure` }]);
    }
    expect(parseField('date', '1438/06/30 هـ')).toEqual({ ok: false, reason: '"1438/06/30 هـ" is not a day of the Hijri calendar (year 1438, month 6, day 30)' });
  });

  it('refuses a date of a Hijri year not marked as such, with the day it would be, and leaves other dates alone', () => {
    for (const cell of ['1438-06-15', '1438/06/15', '15/06/1438']) {
      expect(parseField('date', cell)).toEqual({ ok: false, reason: `${JSON.stringify(cell)} is in the year 1438: no record of a bundle is that old; if it is a Hijri date (15 Jumada al-Akhira 1438 AH), it is 2017-03-14: write that, or mark the date هـ` });
    }
    expect(slashedDateReadings('15/06/1438')).toBeUndefined();
    expect(parseField('date', '2017-03-14')).toEqual({ ok: true, value: '2017-03-14' });
    expect(parseField('date', '1299-12-31')).toEqual({ ok: true, value: '1299-12-31' });
    expect(parseField('date', '1500-01-01')).toEqual({ ok: true, value: '1500-01-01' });
    expect(parseField('date', '2017-03-14 AH')).toMatchObject({ ok: false });
  });
});
