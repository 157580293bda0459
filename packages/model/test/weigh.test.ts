import { densityFor, weighVolumes, type Bundle, type DensityRow, type Shipment } from '@chokepoint/model';

const rows: DensityRow[] = [
  { hsPrefix: '2847', keywords: [], concentration: 35, isDefault: false, density: 1.13, name: 'hydrogen peroxide', source: 'a' },
  { hsPrefix: '2847', keywords: [], concentration: 50, isDefault: true, density: 1.2, name: 'hydrogen peroxide', source: 'a' },
  { hsPrefix: '2807', keywords: [], isDefault: true, density: 1.84, name: 'sulphuric acid', source: 'b' },
  { hsPrefix: '', keywords: ['acetone'], isDefault: true, density: 0.79, name: 'acetone', source: 'c' },
];

function shipment(id: string, extra: Partial<Shipment>): Shipment {
  return { id, supplier: 's', buyer: 'b', commodity: 'goods', attributes: {}, origin: { file: 'shipments.csv', line: 2 }, ...extra };
}

function bundle(shipments: Shipment[]): Bundle {
  return { name: 'b', entities: [], relations: [], shipments, places: [], rejected: [], warnings: [] };
}

describe('weighVolumes', () => {
  it('weighs each shipment with its own density row, whatever the shipments before it with the same goods', () => {
    // The same commodity text under other codes and concentrations, and goods matched by their words only, in turns.
    const shipments: Shipment[] = [];
    const kinds: Partial<Shipment>[] = [
      { commodity: 'peroxide', hsCode: '284700', concentration: 35 },
      { commodity: 'peroxide', hsCode: '284700', concentration: 50 },
      { commodity: 'peroxide', hsCode: '284700' },
      { commodity: 'peroxide', hsCode: '280700' },
      { commodity: 'peroxide' },
      { commodity: 'pure acetone' },
      { commodity: 'pure acetone', hsCode: '999999' },
      { commodity: 'peroxide', hsCode: '284700', concentration: 36 },
    ];
    for (let i = 0; i < 40; i++) shipments.push(shipment(`s${i}`, { ...kinds[i % kinds.length], quantity: 800 + i, unit: i % 3 === 0 ? 'm3' : 'l' }));
    shipments.push(shipment('kg', { commodity: 'peroxide', hsCode: '284700', quantity: 5, unit: 'kg', quantityKg: 5 }));
    const out = weighVolumes(bundle(shipments), rows).shipments;
    expect(out).toHaveLength(shipments.length);
    for (let i = 0; i < shipments.length; i++) {
      const s = shipments[i];
      const row = s.unit === 'kg' ? undefined : densityFor(rows, s);
      if (row === undefined) {
        expect(out[i]).toBe(s);
        continue;
      }
      const litres = s.unit === 'm3' ? 1000 : 1;
      expect(out[i].quantityKg).toBe(Math.round(s.quantity! * litres * row.density * 1e6) / 1e6);
      expect(out[i].kgBasis).toEqual({ density: row.density, source: `${row.name}${row.concentration === undefined ? '' : ` ${row.concentration} %`}: ${row.density} kg/l (${row.source})` });
    }
    // (the cases the loop covers: both concentrations, the default, another code, words only, no match)
    expect(out.map((s) => s.kgBasis?.density ?? null).slice(0, 8)).toEqual([1.13, 1.2, 1.2, 1.84, null, 0.79, null, 1.13]);
  });

  it('returns the bundle itself when nothing is weighed', () => {
    const b = bundle([shipment('s1', { commodity: 'bolts', quantity: 3, unit: 'l' })]);
    expect(weighVolumes(b, rows)).toBe(b);
  });
});
