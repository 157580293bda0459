import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLE_FILES, crossFieldProblems, isIsoDate, parseField } from '@chokepoint/model';

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
    expect(parseField('country', 'UK').ok).toBe(false);
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
});
