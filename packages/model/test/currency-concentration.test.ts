import { concentrationInText, currencyOfCountries, ISO_4217_CURRENT, SHARED_CURRENCIES, ISO_4217_WITHDRAWN, parseField, readConcentration, readCurrency, shipmentConcentration } from '@chokepoint/model';

describe('currencies', () => {
  it('accepts ISO 4217 codes in any case, and only real ones', () => {
    // A cell that names a member of every object is no currency (it was read as Object's constructor once).
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) expect(readCurrency(name).ok).toBe(false);
    for (const name of ['constructor', '__proto__']) expect(parseField('currency', name)).toEqual({ ok: false, reason: `"${name}" is not an ISO 4217 currency code (such as EUR, USD, TRY)` });
    expect(readCurrency('eur')).toEqual({ ok: true, value: 'EUR' });
    expect(readCurrency('TRY')).toEqual({ ok: true, value: 'TRY' });
    expect(readCurrency('ABC')).toEqual({ ok: false, reason: '"ABC" is not an ISO 4217 currency code (such as EUR, USD, TRY)' });
    expect(readCurrency('EUT')).toEqual({ ok: false, reason: '"EUT" is not an ISO 4217 currency code; did you mean EUR?' });
    expect(readCurrency('XXX').ok).toBe(false);
  });

  it('has ISO 4217 List One of 2026-01-01, with the codes withdrawn since kept apart', () => {
    expect(Object.keys(ISO_4217_CURRENT)).toHaveLength(178);
    for (const code of ['USD', 'EUR', 'TRY', 'SYP', 'IQD', 'AED', 'GBP', 'XCG', 'ZWG', 'SLE', 'VES']) expect([code, code in ISO_4217_CURRENT]).toEqual([code, true]);
    for (const code of ['BGN', 'HRK', 'ANG', 'TRL', 'DEM']) expect([code, code in ISO_4217_CURRENT, code in ISO_4217_WITHDRAWN]).toEqual([code, false, true]);
  });

  it('reads a withdrawn code, with a note that it is kept apart', () => {
    expect(readCurrency('TRL')).toEqual({ ok: true, value: 'TRL', note: expect.stringContaining('withdrawn') });
    expect(readCurrency('HRK')).toEqual({ ok: true, value: 'HRK', note: expect.stringContaining('2023-01') });
  });

  it.each([
    ['€', 'EUR'],
    ['Euro', 'EUR'],
    ['US$', 'USD'],
    ['US $', 'USD'],
    ['£', 'GBP'],
    ['TL', 'TRY'],
    ['tl', 'TRY'],
    ['₺', 'TRY'],
    ['YTL', 'TRY'],
    ['RMB', 'CNY'],
  ])('reads %s as %s with a note', (raw, code) => {
    expect(readCurrency(raw)).toEqual({ ok: true, value: code, note: expect.stringContaining(`read as ${code}`) });
    expect(parseField('currency', raw)).toEqual({ ok: true, value: code, note: expect.any(String) });
  });

  it.each(['$', 'dollars', '¥', 'kr', 'lira'])('refuses %s as ambiguous', (raw) => {
    expect(readCurrency(raw)).toEqual({ ok: false, reason: expect.stringMatching(/is ambiguous: it can be .*; write the ISO 4217 code/) });
  });

  it('settles a word several currencies share by the countries that use one of them, and only then', () => {
    expect(currencyOfCountries('FCFA', ['NG', 'NE'])).toEqual({ code: 'XOF', country: 'NE' });
    expect(currencyOfCountries('F CFA', ['CM'])).toEqual({ code: 'XAF', country: 'CM' });
    expect(currencyOfCountries('fcfa', ['NE', 'CM'])).toEqual({ candidates: ['XOF', 'XAF'] });
    expect(currencyOfCountries('FCFA', ['NG', 'FR'])).toEqual({ candidates: [] });
    expect(currencyOfCountries('Lira', ['DE', 'TR'])).toEqual({ code: 'TRY', country: 'TR' });
    expect(currencyOfCountries('Dhs', ['MA', 'ES'])).toEqual({ code: 'MAD', country: 'MA' });
    // The dollar is the currency of trade between any countries: never settled so.
    expect(currencyOfCountries('$', ['HK', 'TR'])).toBeUndefined();
    expect(currencyOfCountries('USD', ['US'])).toBeUndefined();
  });

  it('has, for each shared word, current currencies it is refused as ambiguous for, each with the countries that use it', () => {
    for (const [word, codes] of Object.entries(SHARED_CURRENCIES)) {
      expect(readCurrency(word)).toEqual({ ok: false, reason: expect.stringMatching(/is ambiguous/) });
      for (const code of codes) expect([code, Object.hasOwn(ISO_4217_CURRENT, code)]).toEqual([code, true]);
      // (every currency of the word is looked up in its table of countries: one missing there would throw)
      expect(currencyOfCountries(word, ['ZZ'])).toEqual({ candidates: [] });
    }
  });
});

describe('concentrations', () => {
  it.each([
    ['35', 35],
    ['35%', 35],
    ['35 %', 35],
    ['%35', 35],
    ['35 % w/w', 35],
    ['35% (w/w)', 35],
    ['35 wt%', 35],
    ['0.35', 0.35],
    ['100', 100],
    ['0', 0],
  ])('reads the column value %s as %d percent', (raw, value) => {
    expect(readConcentration(raw)).toEqual({ ok: true, value });
  });

  it('refuses what is not a percentage by weight from 0 to 100', () => {
    expect(readConcentration('135')).toEqual({ ok: false, reason: 'concentration 135 is out of range (0 to 100 percent by weight)' });
    expect(readConcentration('-1').ok).toBe(false);
    expect(readConcentration('96% v/v')).toEqual({ ok: false, reason: expect.stringContaining('percent by weight (w/w)') });
    expect(readConcentration('strong')).toEqual({ ok: false, reason: expect.stringContaining('is not a percentage') });
  });

  it.each([
    ['hydrogen peroxide 35%', 35],
    ['Hydrogen peroxide 35 % stabilised', 35],
    ['H2O2 50 % w/w', 50],
    ['nitric acid 68%', 68],
    ['%35 hidrojen peroksit', 35],
    ['sulphuric acid 98,5%', 98.5],
    ['aluminium powder, purity 99.7 %', 99.7],
  ])('finds the concentration in %j', (text, value) => {
    expect(concentrationInText(text)).toEqual({ value });
  });

  it.each(['hydrogen peroxide', 'ammonium nitrate 34.4% N', 'urea 46 % nitrogen', 'ethanol 96% v/v', 'NPK 15-15-15', 'H2O2'])(
    'takes no concentration from %j',
    (text) => {
      expect(concentrationInText(text)).toEqual({});
    },
  );

  it('takes none from a range or several percentages, and says why', () => {
    expect(concentrationInText('hydrogen peroxide 30-35%')).toEqual({ doubt: expect.stringContaining('range of concentrations (30-35%)') });
    expect(concentrationInText('peroxide 35% and 50%')).toEqual({ doubt: expect.stringContaining('several percentages (35%, 50%)') });
  });

  it('prefers the column to the text, and notes when they differ', () => {
    expect(shipmentConcentration(undefined, 'hydrogen peroxide 35%')).toEqual({ value: 35 });
    expect(shipmentConcentration(12, 'hydrogen peroxide')).toEqual({ value: 12 });
    expect(shipmentConcentration(12, 'hydrogen peroxide 12 %')).toEqual({ value: 12 });
    expect(shipmentConcentration(12, 'hydrogen peroxide 35%')).toEqual({ value: 12, note: expect.stringContaining('the column was used') });
  });
});
