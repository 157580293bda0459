import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLE_FILES, crossFieldProblems, foldCountryName, isIsoDate, kindOfCompanyType, parseField, readCountry } from '@chokepoint/model';

describe('the data contract', () => {
  it('docs/data-format.md documents every column of every file', () => {
    const docs = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'data-format.md'), 'utf8');
    for (const spec of BUNDLE_FILES) {
      const section = docs.slice(docs.indexOf(`## \`${spec.file}\``));
      expect(section.length).toBeLessThan(docs.length);
      const table = section.slice(0, section.indexOf('```csv'));
      for (const column of spec.columns) {
        expect([spec.file, column.name, table.includes(`| \`${column.name}\` | ${column.required ? 'yes' : ''}`)]).toEqual([spec.file, column.name, true]);
      }
    }
  });

  it('parses typed cells and explains bad ones', () => {
    expect(parseField('number', '6000.5')).toEqual({ ok: true, value: 6000.5 });
    expect(parseField('number', '6,000').ok).toBe(false);
    expect(parseField('number', '-1').ok).toBe(false);
    expect(parseField('integer', '3.5')).toEqual({ ok: false, reason: '"3.5" is not a whole number' });
    expect(parseField('hsCode', '3212.90')).toEqual({ ok: true, value: '321290' });
    expect(parseField('hsCode', '32129').ok).toBe(false);
    expect(parseField('country', 'tr')).toEqual({ ok: true, value: 'TR' });
    expect(parseField('country', 'UK')).toEqual({ ok: true, value: 'GB', note: 'the country name "UK" read as GB (ISO 3166-1 alpha-2); write codes to be sure' });
    expect(parseField('country', 'XX').ok).toBe(false);
    expect(parseField('countryList', 'TR|SY')).toEqual({ ok: true, value: ['TR', 'SY'] });
    expect(parseField('enum', 'Company', { values: ['company'] })).toEqual({ ok: true, value: 'company' });
    expect(parseField('enum', 'Shared Address', { values: ['shared_address'] })).toEqual({ ok: true, value: 'shared_address' });
    expect(parseField('enum', 'paid-for', { values: ['owner', 'paid_for'] })).toEqual({ ok: true, value: 'paid_for' });
    expect(parseField('enum', 'onwer', { values: ['owner', 'paid_for'] })).toEqual({ ok: false, reason: 'unknown value "onwer" (expected one of: owner, paid_for; did you mean owner?)' });
    expect(parseField('latitude', '-90')).toEqual({ ok: true, value: -90 });
    expect(parseField('longitude', '180.0001').ok).toBe(false);
    expect(parseField('currency', 'eur')).toEqual({ ok: true, value: 'EUR' });
    expect(parseField('isic', '4741')).toEqual({ ok: true, value: '4741' });
    expect(parseField('isic', 'G4741').ok).toBe(false);
    expect(parseField('id', 'a\u0000b').ok).toBe(false);
  });

  it('reads country names, alpha-3 codes and the dates and percentages spreadsheets write, each with a note', () => {
    const read = (type: 'country' | 'countryList' | 'date' | 'percent', raw: string) => parseField(type, raw);
    // Names in the languages of the data investigators get, with or without their accents and dots.
    for (const [raw, code] of [
      ['Turkey', 'TR'], ['Türkiye', 'TR'], ['turkiye', 'TR'], ['Türkei', 'TR'], ['TURQUIE', 'TR'], ['United Arab Emirates', 'AE'], ['UAE', 'AE'],
      ['U.S.A.', 'US'], ['Russian Federation', 'RU'], ['Россия', 'RU'], ['Deutschland', 'DE'], ['Syria', 'SY'], ['  Iran ', 'IR'], ['DR Congo', 'CD'], ['Holland', 'NL'], ['Kosovo', 'XK'],
    ] as const) {
      const r = read('country', raw.trim());
      expect([raw, r]).toEqual([raw, { ok: true, value: code, note: expect.stringContaining(`read as ${code}`) }]);
    }
    expect(read('country', 'TUR')).toEqual({ ok: true, value: 'TR', note: '"TUR" read as TR, the ISO 3166-1 alpha-2 code of the alpha-3 code TUR' });
    expect(read('country', 'tr')).toEqual({ ok: true, value: 'TR' });
    // Not a country, or a word no language here gives one country: refused with the reason.
    for (const raw of ['Emirates', 'Atlantis', 'XYZ', 'Dubai', 'Congo', 'Congo Brazzaville Kinshasa']) {
      expect(read('country', raw)).toEqual({ ok: false, reason: `${JSON.stringify(raw)} is not an ISO 3166-1 alpha-2 country code (such as TR, GB, DK), an alpha-3 code or a country name the reader knows` });
    }
    expect(read('countryList', 'Georgia|KZ')).toEqual({ ok: true, value: ['GE', 'KZ'], note: 'the country name "Georgia" read as GE (ISO 3166-1 alpha-2); write codes to be sure' });
    expect(foldCountryName(' Côte d’Ivoire ')).toBe('cote divoire');

    expect(read('date', '2023-03-12 00:00:00')).toEqual({ ok: true, value: '2023-03-12', note: '"2023-03-12 00:00:00" read as the date 2023-03-12 (the time of day is left out)' });
    expect(read('date', '2023-03-12T14:05:00Z')).toMatchObject({ ok: true, value: '2023-03-12' });
    expect(read('date', '12.03.2023')).toEqual({ ok: true, value: '2023-03-12', note: '"12.03.2023" read as the date 2023-03-12 (day.month.year); write YYYY-MM-DD to be sure' });
    expect(read('date', '1.3.2021')).toMatchObject({ ok: true, value: '2021-03-01' });
    expect(read('date', '30.02.2023')).toEqual({ ok: false, reason: '"30.02.2023" is not a date: read as day.month.year, there is no 2023-02-30' });
    expect(read('date', '2023-02-30 10:00')).toMatchObject({ ok: false });
    for (const raw of ['01/03/2021', '3/1/2021']) expect((read('date', raw) as { reason: string }).reason).toMatch(/with slashes the day and the month cannot be told apart/);
    // The year first: year, month, day, as Japanese and Chinese settings write it, and ISO with one-digit parts.
    expect(read('date', '2021/03/01')).toEqual({ ok: true, value: '2021-03-01', note: '"2021/03/01" read as the date 2021-03-01 (year, month, day); write YYYY-MM-DD to be sure' });
    expect(read('date', '2021-3-1')).toEqual({ ok: true, value: '2021-03-01', note: '"2021-3-1" read as the date 2021-03-01 (year, month, day); write YYYY-MM-DD to be sure' });
    expect(read('date', '2021/02/30')).toEqual({ ok: false, reason: '"2021/02/30" is not a date: read as year, month, day, there is no 2021-02-30' });
    expect(read('date', '3 March 2021')).toEqual({ ok: true, value: '2021-03-03', note: '"3 March 2021" read as the date 2021-03-03; write YYYY-MM-DD to be sure' });
    expect(read('date', 'March 3rd 2021')).toEqual({ ok: true, value: '2021-03-03', note: '"March 3rd 2021" read as the date 2021-03-03; write YYYY-MM-DD to be sure' });
    expect(read('date', 'Mars 3 2021')).toEqual({ ok: false, reason: '"Mars 3 2021" is not a date in ISO form YYYY-MM-DD' });
    // A spreadsheet's day number is said as the day it would be (not read: a workbook may count from 1904).
    expect(read('date', '42499')).toEqual({ ok: false, reason: '"42499" is not a date in ISO form YYYY-MM-DD; if it is a spreadsheet\'s day number, it is 2016-05-09: format the column as a date (YYYY-MM-DD) before saving' });
    expect(read('date', '19999')).toEqual({ ok: false, reason: '"19999" is not a date in ISO form YYYY-MM-DD' });
    expect(read('date', '2011')).toEqual({ ok: false, reason: '"2011" gives only a year or a month: dates are read to the day (YYYY-MM-DD)' });

    expect(read('percent', '100%')).toEqual({ ok: true, value: 100 });
    expect(read('percent', '60 %')).toEqual({ ok: true, value: 60 });
    expect(read('percent', '120%').ok).toBe(false);
    expect(read('percent', '%').ok).toBe(false);
  });

  it('knows real calendar dates', () => {
    expect(isIsoDate('2016-02-29')).toBe(true);
    expect(isIsoDate('2015-02-29')).toBe(false);
    expect(isIsoDate('2016-13-01')).toBe(false);
    expect(isIsoDate('2016-1-01')).toBe(false);
  });

  it('checks columns that depend on each other', () => {
    expect(crossFieldProblems('shipments.csv', { supplier: 'a', buyer: 'a' })).toEqual([
      { column: 'buyer', reason: 'supplier and buyer are the same entity ("a")' },
    ]);
    expect(crossFieldProblems('shipments.csv', { supplier: 'a', buyer: 'b', shipped: '2016-02-02', received: '2016-02-01' })[0].column).toBe('received');
    expect(crossFieldProblems('shipments.csv', { supplier: 'a', buyer: 'b', quantity: 5 })[0].column).toBe('unit');
    expect(crossFieldProblems('relations.csv', { source: 'a', target: 'b', start: '2016-02-02', end: '2015-01-01' })[0].column).toBe('end');
    expect(crossFieldProblems('entities.csv', { lat: 1 })).toEqual([{ column: 'lon', reason: 'latitude and longitude must be given together' }]);
  });

  it('reads a subdivision code (US-DE, GB-ENG, us_de as OpenCorporates writes jurisdictions) as its country, saying so', () => {
    expect(['US-DE', 'GB-ENG', 'us_de', 'ae_du', 'gb'].map((c) => readCountry(c)?.code)).toEqual(['US', 'GB', 'US', 'AE', 'GB']);
    expect(readCountry('us_de')?.note).toBe('"us_de" read as US, the country of that subdivision (a state, province or region: ISO 3166-2)');
    // (no such country; too long a subdivision; not a code)
    expect(['XX-DE', 'US-DELA', 'U-S', 'us__de'].map((c) => readCountry(c))).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('reads a company type as a register writes it as the kind of entity, a non-profit as an organization', () => {
    const kinds = ['Private Limited Company', 'Limited Liability Company', 'Foreign Profit Corporation', 'Public Limited Company (PLC)', 'S.A.R.L.', 'GmbH & Co. KG', 'Non-profit Corporation', 'Charitable Incorporated Organisation', 'Registered Society', 'Sole trader', ''];
    expect(kinds.map(kindOfCompanyType)).toEqual(['company', 'company', 'company', 'company', 'company', 'company', 'organization', 'organization', undefined, undefined, undefined]);
  });
});
