import { crossFieldProblems, kilograms, parseField, readUnit, unitOf, UNIT_KINDS, UNIT_SPELLINGS, UNITS, KG_PER_UNIT, LITRES_PER_UNIT } from '@chokepoint/model';

describe('units of quantity', () => {
  it.each([
    ['kg', ['kg', 'KG', 'Kgs', 'kgs.', 'kilogram', 'Kilograms', 'KGM']],
    ['g', ['g', 'gram', 'grams', 'GRM']],
    ['t', ['t', 'tonne', 'Tonnes', 'ton', 'tons', 'MT', 'metric tons', 'TNE']],
    ['carats', ['ct', 'carat', 'carats', 'CTM']],
    ['l', ['l', 'L', 'litre', 'liter', 'Liters', 'ltr', 'LTR']],
    ['m3', ['m3', 'm³', 'M3', 'cbm', 'CBM', 'MTQ', 'cubic metres']],
    ['m', ['m', 'metre', 'meters', 'mtr', 'MTR']],
    ['m2', ['m2', 'm²', 'sqm', 'sq m', 'sq. m', 'MTK']],
    ['pcs', ['pcs', 'PCS', 'pc', 'piece', 'pieces', 'u', 'U', 'unit', 'units', 'pce', 'NAR', 'C62']],
    ['pairs', ['pairs', 'pair', 'pr', 'NPR']],
    ['dozen', ['dozen', 'dz', 'DZN']],
    ['1000u', ['1000u', '1000 u', '1000 U', 'MIL', 'thousand units']],
  ])('reads the spellings of %s', (unit, spellings) => {
    for (const s of spellings) expect([s, unitOf(s)]).toEqual([s, unit]);
  });

  it('gives every spelling to one unit only, and every unit a kind', () => {
    const owner = new Map<string, string>();
    for (const u of UNITS) {
      expect(UNIT_KINDS[u]).toBeDefined();
      expect(UNIT_SPELLINGS[u][0]).toBe(u);
      for (const s of UNIT_SPELLINGS[u]) {
        const key = s.normalize('NFKC').toLowerCase().replace(/[.\s^_-]+/g, '');
        expect([s, owner.get(key) ?? u]).toEqual([s, u]);
        owner.set(key, u);
      }
    }
    // The masses and only they convert to kg; the volumes and only they to litres.
    expect(Object.keys(KG_PER_UNIT).sort()).toEqual(UNITS.filter((u) => UNIT_KINDS[u] === 'mass').sort());
    expect(Object.keys(LITRES_PER_UNIT).sort()).toEqual(UNITS.filter((u) => UNIT_KINDS[u] === 'volume').sort());
  });

  it('gives kilograms for masses only', () => {
    expect(kilograms(6, 't')).toBe(6000);
    expect(kilograms(500, 'g')).toBe(0.5);
    expect(kilograms(1000, 'carats')).toBeCloseTo(0.2, 12);
    expect(kilograms(38000, 'l')).toBeUndefined();
    expect(kilograms(120, 'm')).toBeUndefined();
    expect(kilograms(40, 'pcs')).toBeUndefined();
  });

  it('refuses an unknown unit with a "did you mean" and the list of units', () => {
    const r = readUnit('kgg');
    expect(r).toEqual({ ok: false, reason: expect.stringContaining('did you mean kg?') });
    expect(!r.ok && r.reason).toContain('kg, g, t, carats, l, m3, m, m2, pcs, pairs, dozen, 1000u');
    expect(readUnit('lbs')).toEqual({ ok: false, reason: expect.stringMatching(/convert to kg \(1 lb = 0\.45359237 kg\)/) });
    expect(parseField('unit', 'Kgs.')).toEqual({ ok: true, value: 'kg' });
  });

  it('reads packages (drums, bags, cartons …) as a count of pieces, saying so, and never in place of a unit', () => {
    for (const raw of ['drums', 'Bags', 'CTNS', 'cartons', 'sacs', 'Fässer', 'çuval', 'мешков', 'pallets']) {
      expect([raw, readUnit(raw)]).toEqual([raw, { ok: true, value: 'pcs', note: `${JSON.stringify(raw)} read as pcs: a count of packages, not a WCO unit; a weight_kg column beside it gives the goods' mass` }]);
      expect(unitOf(raw)).toBeUndefined();
    }
    // A unit's spelling stays that unit's (ct: carats), and a barrel stays refused as a volume to convert.
    expect(readUnit('ct')).toEqual({ ok: true, value: 'carats' });
    expect(readUnit('bbl')).toMatchObject({ ok: false });
    expect(readUnit('place')).toMatchObject({ ok: false });
  });

  it('asks for a unit with the real list', () => {
    const [p] = crossFieldProblems('shipments.csv', { supplier: 'a', buyer: 'b', quantity: 5 });
    expect(p).toEqual({ column: 'unit', reason: 'a quantity needs a unit (kg, g, t, carats, l, m3, m, m2, pcs, pairs, dozen, 1000u)' });
  });

  it('refuses quantities whose mass is not finite or beyond a billion tonnes, and values beyond 10^18', () => {
    expect(parseField('number', '1e306', { max: 1e13 })).toEqual({ ok: false, reason: 'value 1e306 is out of range (0 to 10,000,000,000,000)' });
    expect(parseField('number', '1e400')).toEqual({ ok: false, reason: expect.stringContaining('"1e400" is too large') });
    const huge = crossFieldProblems('shipments.csv', { supplier: 'a', buyer: 'b', quantity: 1e306, unit: 't' });
    expect(huge).toEqual([{ column: 'quantity', reason: expect.stringContaining('more than the 1e+12 kg (a billion tonnes)') }]);
    expect(crossFieldProblems('shipments.csv', { supplier: 'a', buyer: 'b', quantity: 2e9, unit: 't' })[0].column).toBe('quantity');
    expect(crossFieldProblems('shipments.csv', { supplier: 'a', buyer: 'b', quantity: 1e9, unit: 't' })).toEqual([]);
    expect(crossFieldProblems('shipments.csv', { supplier: 'a', buyer: 'b', quantity: 1e12, unit: 'pcs' })).toEqual([]);
    expect(crossFieldProblems('shipments.csv', { supplier: 'a', buyer: 'b', quantity: 2e9, unit: 'm3' })).toEqual([
      { column: 'quantity', reason: expect.stringContaining('more than the 1e+12 l (a billion cubic metres)') },
    ]);
    expect(crossFieldProblems('shipments.csv', { supplier: 'a', buyer: 'b', quantity: 1e9, unit: 'm3' })).toEqual([]);
  });
});
