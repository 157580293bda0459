import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidBundleError, readBundle, readFtm } from '@chokepoint/ingest';
import { formatIssue, parseField, type DataIssue } from '@chokepoint/model';
import { encodeIn, ENTITIES, makeBundle, removeBundles, tempDir } from './helpers';

afterAll(removeBundles);

async function problems(dir: string): Promise<DataIssue[]> {
  try {
    await readBundle(dir);
  } catch (err) {
    if (err instanceof InvalidBundleError) return err.issues;
    throw err;
  }
  throw new Error('expected the bundle to be rejected');
}

const HEAD = 'id,supplier,buyer,commodity,quantity,unit,value,currency';

describe('units of quantity as customs data writes them', () => {
  it('reads WCO units in their usual spellings, and weighs only the masses', async () => {
    const rows = [
      's1,d,a,cable,1200,MTR,,',
      's2,d,a,hydrogen peroxide,38000,Ltrs,,',
      's3,d,a,sorbitol,78,MT,,',
      's4,d,a,aluminium powder,500,grams,,',
      's5,d,a,diamonds,1000,ct,,',
      's6,d,a,floor tiles,300,sq m,,',
      's7,d,a,tank,2,m³,,',
      's8,d,a,boots,40,NPR,,',
      's9,d,a,eggs,12,DZN,,',
      's10,d,a,screws,5,1000 u,,',
      's11,d,a,phones,60,C62,,',
      's12,d,a,steel,6,Kgs.,,',
    ];
    const b = await readBundle(makeBundle({ shipments: [HEAD, ...rows].join('\n') }));
    expect(b.shipments.map((s) => [s.id, s.unit, s.quantityKg])).toEqual([
      ['s1', 'm', undefined],
      ['s2', 'l', undefined],
      ['s3', 't', 78000],
      ['s4', 'g', 0.5],
      ['s5', 'carats', 0.2],
      ['s6', 'm2', undefined],
      ['s7', 'm3', undefined],
      ['s8', 'pairs', undefined],
      ['s9', 'dozen', undefined],
      ['s10', '1000u', undefined],
      ['s11', 'pcs', undefined],
      ['s12', 'kg', 6],
    ]);
    expect(b.warnings).toEqual([]);
  });

  it('refuses an unknown unit with a "did you mean", and quantities whose mass overflows, at read time', async () => {
    const issues = await problems(
      makeBundle({ shipments: [HEAD, 's1,d,a,steel,6,kgg,,', 's2,d,a,steel,1e306,t,,', 's3,d,a,steel,2e9,t,,', 's4,d,a,steel,10,,,', 's5,d,a,steel,,,1e19,EUR'].join('\n') }),
    );
    expect(issues.map(formatIssue)).toEqual([
      expect.stringMatching(/^shipments\.csv line 2, column "unit": unknown unit "kgg" \(did you mean kg\?\); the units are kg, g, t, carats, l, m3, m, m2, pcs, pairs, dozen, 1000u/),
      'shipments.csv line 3, column "quantity": value 1e306 is out of range (0 to 10,000,000,000,000)',
      expect.stringMatching(/^shipments\.csv line 4, column "quantity": 2000000000 t is 2\.000e\+12 kg, more than the 1e\+12 kg \(a billion tonnes\)/),
      'shipments.csv line 5, column "unit": a quantity needs a unit (kg, g, t, carats, l, m3, m, m2, pcs, pairs, dozen, 1000u)',
      'shipments.csv line 6, column "value": value 1e19 is out of range (0 to 1,000,000,000,000,000,000)',
    ]);
  });
});

describe('concentrations', () => {
  it('reads the concentration column, or else the commodity text', async () => {
    const head = 'id,supplier,buyer,commodity,concentration';
    const rows = ['s1,d,a,hydrogen peroxide,35 %', 's2,d,a,hydrogen peroxide 50% w/w,', 's3,d,a,nitric acid 68%,', 's4,d,a,hydrogen peroxide 35%,12', 's5,d,a,acetone,'];
    const b = await readBundle(makeBundle({ shipments: [head, ...rows].join('\n') }));
    expect(b.shipments.map((s) => s.concentration)).toEqual([35, 50, 68, 12, undefined]);
    expect(b.warnings).toEqual([{ file: 'shipments.csv', line: 5, column: 'concentration', reason: 'the concentration column says 12% but the commodity text says 35%: the column was used' }]);
    const bad = await problems(makeBundle({ shipments: [head, 's1,d,a,peroxide,135'].join('\n') }));
    expect(bad).toEqual([{ file: 'shipments.csv', line: 2, column: 'concentration', reason: 'concentration 135 is out of range (0 to 100 percent by weight)' }]);
  });
});

describe('currencies', () => {
  it('reads unambiguous symbols with one warning per symbol and file, and refuses a bare $', async () => {
    const rows = ['s1,d,a,x,,,100,€', 's2,d,a,x,,,100,€', 's3,d,a,x,,,100,TL', 's4,d,a,x,,,100,₺', 's5,d,a,x,,,100,US$', 's6,d,a,x,,,100,£', 's7,d,a,x,,,100,usd'];
    const b = await readBundle(makeBundle({ shipments: [HEAD, ...rows].join('\n') }));
    expect(b.shipments.map((s) => s.currency)).toEqual(['EUR', 'EUR', 'TRY', 'TRY', 'USD', 'GBP', 'USD']);
    expect(b.warnings.map(formatIssue)).toEqual([
      'shipments.csv line 2, column "currency": currency "€" read as EUR (Euro); write the ISO 4217 code to be sure (also on line 3)',
      'shipments.csv line 4, column "currency": currency "TL" read as TRY (Turkish Lira); write the ISO 4217 code to be sure',
      'shipments.csv line 5, column "currency": currency "₺" read as TRY (Turkish Lira); write the ISO 4217 code to be sure',
      'shipments.csv line 6, column "currency": currency "US$" read as USD (US Dollar); write the ISO 4217 code to be sure',
      'shipments.csv line 7, column "currency": currency "£" read as GBP (Pound Sterling); write the ISO 4217 code to be sure',
    ]);
    const issues = await problems(makeBundle({ shipments: [HEAD, 's1,d,a,x,,,100,$', 's2,d,a,x,,,100,EUX'].join('\n') }));
    expect(issues).toEqual([
      { file: 'shipments.csv', line: 2, column: 'currency', reason: expect.stringMatching(/^currency "\$" is ambiguous: it can be the US dollar \(USD\), .*; write the ISO 4217 code$/) },
      { file: 'shipments.csv', line: 3, column: 'currency', reason: '"EUX" is not an ISO 4217 currency code; did you mean EUR?' },
    ]);
  });
});

describe('ISIC codes', () => {
  const head = 'id,kind,name,sector,isic';
  it('repairs a lost leading zero with a warning, and warns when the sector disagrees', async () => {
    const rows = [
      'a,company,Ova Tarim,cereal farm,111',
      'b,company,Tas Ocagi,quarry,810',
      'c,company,Sifa Eczanesi,pharmacy,4771',
      'd,company,Deva Eczanesi,pharmacy,4772',
      'e,company,Hat GSM,mobile phone shop,4742',
      'f,company,Gezi Turizm,travel agency,7911',
      'g,company,Sigir Ciftligi,cattle farm,141',
    ];
    const b = await readBundle(makeBundle({ entities: [head, ...rows].join('\n'), relations: undefined, shipments: undefined }));
    expect(b.entities.map((e) => e.isic)).toEqual(['0111', '0810', '4771', '4772', '4742', '7911', '0141']);
    expect(b.warnings.map((w) => [w.line, w.column])).toEqual([
      [2, 'isic'],
      [3, 'isic'],
      [4, 'isic'],
      [6, 'isic'],
      [8, 'isic'],
    ]);
    expect(b.warnings[0].reason).toMatch(/^ISIC code "111" read as 0111 \(Growing of cereals .*its leading zero was lost/);
    expect(b.warnings[2].reason).toBe(
      'the sector "pharmacy" and ISIC 4771 (Retail sale of clothing, footwear and leather articles in specialized stores) disagree: ' +
        'the sector reads as 4772 (Retail sale of pharmaceutical and medical goods, cosmetic and toilet articles in specialized stores) (by the sector keyword "pharmacy"); check which is right',
    );
    expect(b.warnings[3].reason).toMatch(/^the sector "mobile phone shop" and ISIC 4742 .* reads as 4741 /);
    expect(b.warnings[4].reason).toMatch(/read as 0141, which fits the sector "cattle farm"/);
  });

  it('refuses an unknown code with a "did you mean" that fits the sector', async () => {
    // (A second, valid entity: a bundle whose every entity has a problem is refused as a whole.)
    const issues = await problems(makeBundle({ entities: [head, 'a,company,Kimya,chemical distributor,4675', 'b,company,Beta,,'].join('\n'), relations: undefined, shipments: undefined }));
    expect(issues).toEqual([{ file: 'entities.csv', line: 2, column: 'isic', reason: expect.stringMatching(/^"4675" is not an ISIC Rev\.4 code; did you mean 4669 \(Wholesale of waste and scrap/) }]);
  });

  it('judges by the ISIC titles alone when given no sector keywords', async () => {
    const dir = makeBundle({ entities: [head, 'c,company,Sifa,pharmacy,4771', 'd,company,Deva,pharmacy,4772'].join('\n'), relations: undefined, shipments: undefined });
    const b = await readBundle(dir, { sectorHints: [] });
    expect(b.warnings.map((w) => w.line)).toEqual([2]);
    expect(b.warnings[0].reason).toContain("the sector's words fit");
  });
});

describe('spreadsheet habits', () => {
  it('reads a semicolon-separated file from Excel, with decimal commas and empty trailing cells', async () => {
    const entities = ['id;kind;name;country;lat;lon;;', 'a;company;Alpha Kimya, Ltd;TR;36,70;38,95;;', 'b;company;Beta;TR;36.71;38.94;;', 'c;person;Carol;TR;;;;', ';;;;;;;', 'd;company;Delta ApS;DK;55,6;12,5;;'].join('\r\n');
    const shipments = ['id;supplier;buyer;commodity;quantity;unit;value;currency', 's1;d;a;aluminium paste;6,5;t;12000,50;EUR'].join('\n');
    const b = await readBundle(makeBundle({ entities, shipments }));
    expect(b.entities.map((e) => [e.id, e.name, e.lat, e.lon])).toEqual([
      ['a', 'Alpha Kimya, Ltd', 36.7, 38.95],
      ['b', 'Beta', 36.71, 38.94],
      ['c', 'Carol', undefined, undefined],
      ['d', 'Delta ApS', 55.6, 12.5],
    ]);
    expect(b.shipments[0]).toMatchObject({ quantity: 6.5, quantityKg: 6500, value: 12000.5 });
    expect(b.warnings.map(formatIssue)).toEqual([
      expect.stringMatching(/^entities\.csv line 2, column "lat": 2 numbers written with a decimal comma \(such as "36,70", read as 36\.70\).*; 1 other cell of the column uses a dot/),
      expect.stringMatching(/^entities\.csv line 2, column "lon": 2 numbers written with a decimal comma/),
      // Rows of separators only are skipped, and said to be.
      'entities.csv line 5: a row of separators only, with no value in any cell: skipped',
      expect.stringMatching(/^shipments\.csv line 2, column "quantity": 1 number written with a decimal comma/),
      expect.stringMatching(/^shipments\.csv line 2, column "value": 1 number written with a decimal comma/),
    ]);
  });

  it('names the first decimal comma of a column as the example, even after a number with a dot', async () => {
    const entities = ['id;kind;name;lat;lon', 'a;company;Alpha;36.71;38.94', 'b;company;Beta;36,70;38,95'].join('\n');
    const b = await readBundle(makeBundle({ entities, relations: undefined, shipments: undefined }));
    expect(b.entities.map((e) => e.lat)).toEqual([36.71, 36.7]);
    expect(b.warnings.map(formatIssue)[0]).toMatch(/^entities\.csv line 3, column "lat": 1 number written with a decimal comma \(such as "36,70", read as 36\.70\).*; 1 other cell of the column uses a dot/);
  });

  it('reads tab- and pipe-separated files', async () => {
    const tab = await readBundle(makeBundle({ entities: 'id\tkind\tname\na\tcompany\tAlpha, Ltd\nb\tperson\tBeta', relations: 'source|target|kind\na|b|director', shipments: undefined }));
    expect(tab.entities.map((e) => e.name)).toEqual(['Alpha, Ltd', 'Beta']);
    expect(tab.relations).toEqual([expect.objectContaining({ source: 'a', target: 'b', kind: 'director' })]);
  });

  it('reads a decimal comma after dots between thousands (9.800,00) in a semicolon file, saying so once per column', async () => {
    const shipments = ['id;supplier;buyer;commodity;quantity;unit;value;currency', 's1;a;b;paint;6;t;9.800,00;EUR', 's2;a;b;paint;2,5;t;1.234.567,5;EUR', 's3;a;b;paint;1;t;12,5;EUR'].join('\n');
    const b = await readBundle(makeBundle({ relations: undefined, shipments }));
    expect(b.shipments.map((s) => s.value)).toEqual([9800, 1234567.5, 12.5]);
    expect(b.shipments[1].quantity).toBe(2.5);
    expect(b.warnings).toEqual([
      { file: 'shipments.csv', line: 2, column: 'value', reason: '3 numbers written with a decimal comma (such as "9.800,00", read as 9800.00); 2 of them with dots between thousands, as spreadsheets in many languages write them in semicolon-separated files' },
      { file: 'shipments.csv', line: 3, column: 'quantity', reason: '1 number written with a decimal comma (such as "2,5", read as 2.5), as spreadsheets in many languages write them in semicolon-separated files' },
    ]);
    // A cell refused after its decimal comma was read is quoted as written.
    const dollar = await problems(makeBundle({ relations: undefined, shipments: ['id;supplier;buyer;commodity;value;currency', 's1;a;b;paint;$15,400;USD'].join('\n') }));
    expect(dollar).toEqual([expect.objectContaining({ line: 2, column: 'value', reason: expect.stringMatching(/^"\$15,400": currency "\$" is ambiguous: .* \(the number alone, 15\.4, goes in the value column, the currency in its own\)$/) })]);
    const all = await readBundle(makeBundle({ relations: undefined, shipments: ['id;supplier;buyer;commodity;value;currency', 's1;a;b;paint;9.800,00;EUR'].join('\n') }));
    expect(all.warnings.map((w) => w.reason)).toEqual(['1 number written with a decimal comma and dots between thousands (such as "9.800,00", read as 9800.00), as spreadsheets in many languages write them in semicolon-separated files']);
    // A comma-separated file cannot hold it unquoted, and quoted it stays refused there (the comma may group thousands).
    // Its reason says how to write it, there and written with its currency.
    const comma = await problems(makeBundle({ relations: undefined, shipments: ['id,supplier,buyer,commodity,value,currency', 's1,a,b,paint,"9.800,00",EUR', 's2,a,b,paint,"€ 38.400,00",'].join('\n') }));
    const hint = (raw: string, plain: string) => `; "${raw}" writes dots between thousands and a decimal comma, which are read only in semicolon-separated files: write ${plain}`;
    expect(comma).toEqual([
      { file: 'shipments.csv', line: 2, column: 'value', reason: `"9.800,00" is not a number (write digits with a dot for decimals, no thousands separators)${hint('9.800,00', '9800.00')}` },
      { file: 'shipments.csv', line: 3, column: 'value', reason: `"€ 38.400,00": "€" reads as the currency EUR, but "38.400,00" is not a number (write digits with a dot for decimals, no thousands separators)${hint('38.400,00', '38400.00')}` },
    ]);
  });

  it('gives every record of a file one key order, however its values were written (a value with its currency, a date with slashes, a share with its kind)', async () => {
    const shipments = [
      'id,supplier,buyer,commodity,value,currency,shipped,payer',
      's1,a,b,paint,4800,EUR,2021-03-15,c',
      's2,a,b,paint,USD 14500,,15/03/2021,c',
      's3,a,b,paint,€900,,2021-03-16,',
      's4,a,b,paint,700,TRY,16/03/2021,c',
    ].join('\n');
    const relations = ['source,target,kind,share,start', 'b,a,owner,51,2020-01-01', 'c,d,Owner (60%),,15/02/2017'].join('\n');
    const b = await readBundle(makeBundle({ relations, shipments }), { lenient: true });
    const keys = b.shipments.map((s) => Object.keys(s).join(' '));
    expect(keys[0]).toBe('id supplier buyer commodity value currency shipped payer attributes origin');
    expect(keys[1]).toBe(keys[0]);
    expect(keys[3]).toBe(keys[0]);
    expect(keys[2]).toBe('id supplier buyer commodity value currency shipped attributes origin');
    expect(b.shipments.map((s) => [s.value, s.currency, s.shipped])).toEqual([
      [4800, 'EUR', '2021-03-15'],
      [14500, 'USD', '2021-03-15'],
      [900, 'EUR', '2021-03-16'],
      [700, 'TRY', '2021-03-16'],
    ]);
    expect(b.relations.map((r) => Object.keys(r).join(' '))).toEqual(['source target kind share start attributes origin', 'source target kind share start attributes origin']);
  });

  it('points at each cell such as 120.000 in a column of decimal commas: read with a decimal point, a thousand times less than a dot between thousands', async () => {
    const shipments = ['id;supplier;buyer;commodity;value;currency', 's1;a;b;paint;48.500,00;EUR', 's2;a;b;paint;120.000;USD', 's3;a;b;paint;2.45;USD'].join('\n');
    const b = await readBundle(makeBundle({ relations: undefined, shipments }));
    expect(b.shipments.map((s) => s.value)).toEqual([48500, 120, 2.45]);
    expect(b.warnings.map(formatIssue)).toEqual([
      expect.stringMatching(/^shipments\.csv line 2, column "value": 1 number written with a decimal comma and dots between thousands .*; 2 other cells of the column use a dot/),
      'shipments.csv line 3, column "value": "120.000" read as 120, with the dot as a decimal point, while other numbers of this column are written with a decimal comma (such as "48.500,00"): if it means 120,000 (a dot between thousands), write 120000',
    ]);
    // Where no number of the column has a decimal comma, the dot is still read as a decimal point, but the cell is
    // pointed at too: spreadsheets that write semicolons often put dots between thousands (a hand-written Turkish
    // export had `6.000` kg for six tonnes); a decimal such as 2.45 is not.
    const dots = await readBundle(makeBundle({ relations: undefined, shipments: ['id;supplier;buyer;commodity;value;currency', 's1;a;b;paint;120.000;USD', 's2;a;b;paint;2.45;USD'].join('\n') }));
    expect(dots.shipments.map((x) => x.value)).toEqual([120, 2.45]);
    expect(dots.warnings.map(formatIssue)).toEqual(['shipments.csv line 2, column "value": "120.000" read as 120, with the dot as a decimal point; in a semicolon-separated file it may be written with a dot between thousands: if it means 120,000, write 120000']);
  });

  it('reads a customs extract as it comes: exporter, importer, description, net weight (kg), declared value, date', async () => {
    const shipments = [
      'Shipment ID,Exporter,Importer,Product Description,HS Code,Net Weight (kg),Declared Value,Currency,Date,Quantity,Unit',
      'c1,a,b,aluminium paste,3212.90,6000,12000,EUR,2016-03-01,,',
      'c2,a,b,aluminium paste,3212.90,5000,9000,EUR,2016-03-02,6,t',
      'c3,a,b,aluminium paste,3212.90,6000,9000,EUR,2016-03-03,6,t',
    ].join('\n');
    const b = await readBundle(makeBundle({ relations: undefined, shipments }));
    expect(b.shipments.map((s) => [s.id, s.supplier, s.buyer, s.commodity, s.quantity, s.unit, s.quantityKg, s.value, s.shipped])).toEqual([
      ['c1', 'a', 'b', 'aluminium paste', 6000, 'kg', 6000, 12000, '2016-03-01'],
      ['c2', 'a', 'b', 'aluminium paste', 6, 't', 6000, 9000, '2016-03-02'],
      ['c3', 'a', 'b', 'aluminium paste', 6, 't', 6000, 9000, '2016-03-03'],
    ]);
    // Beside a quantity, the mass is kept as an attribute; where the two disagree a warning says which is used.
    expect(b.shipments[1].attributes).toEqual({ 'net weight (kg)': '5000' });
    expect(b.shipments[1]).not.toHaveProperty('weightKg');
    const said = b.warnings.map((w) => `${w.line}:${w.column}:${w.reason}`);
    expect(said).toContain('3:Net Weight (kg):5000 kg differs from the quantity 6 t (6000 kg): the quantity is used, the mass kept as an attribute');
    expect(said.filter((w) => w.startsWith('4:'))).toEqual([]);
    for (const [from, to] of [['Exporter', 'supplier'], ['Importer', 'buyer'], ['Product Description', 'commodity'], ['Net Weight (kg)', 'weight_kg'], ['Declared Value', 'value'], ['Date', 'shipped']]) {
      expect(said).toContainEqual(expect.stringMatching(new RegExp(`^1:${from.replace(/[()]/g, '\\$&')}:column "${from.replace(/[()]/g, '\\$&')}" read as "${to}"`)));
    }
  });

  it('weighs goods counted in pieces, litres or metres by the net mass their row declares beside them, and says so once', async () => {
    const shipments = [
      'Shipment ID,Exporter,Importer,Product Description,HS Code,Quantity,Unit,Net Weight (kg)',
      'c1,a,b,aluminium paste,3212.90,240,pcs,6000',
      'c2,a,b,sulphuric acid,2807.00,2000,l,2900',
      'c3,a,b,aluminium paste,3212.90,6,t,6000',
      'c4,a,b,aluminium paste,3212.90,300,pcs,',
      'c5,a,b,detonating cord,3603.50,500,m,0',
    ].join('\n');
    const b = await readBundle(makeBundle({ relations: undefined, shipments }));
    const declared = { source: 'the mass declared in the column "Net Weight (kg)"' };
    expect(b.shipments.map((s) => [s.id, s.quantity, s.unit, s.quantityKg, s.kgBasis])).toEqual([
      ['c1', 240, 'pcs', 6000, declared],
      ['c2', 2000, 'l', 2900, declared],
      // (a mass is weighed by itself; no mass, or a mass of 0, weighs nothing)
      ['c3', 6, 't', 6000, undefined],
      ['c4', 300, 'pcs', undefined, undefined],
      ['c5', 500, 'm', undefined, undefined],
    ]);
    // The mass stays among the row's attributes, as written.
    expect(b.shipments[0].attributes).toEqual({ 'net weight (kg)': '6000' });
    const said = b.warnings.filter((w) => w.column === 'Net Weight (kg)' && !w.reason.startsWith('column')).map((w) => `${w.line}:${w.reason}`);
    expect(said).toEqual([`2:6000 kg beside the quantity "240 pcs": the mass is the goods' weight in kg (the rules compare masses), the quantity kept as counted (cells written alike on line 3)`]);
  });

  it('reads a weight column in the unit its name gives (Net Weight (t), WEIGHT (LB), Вес нетто, т) as kilograms, and says so', async () => {
    const shipments = [
      'Shipment ID,Exporter,Importer,Product Description,Quantity,Unit,Net Weight (t)',
      'c1,a,b,urea,400,bags,20',
      'c2,a,b,urea,,,1.5',
      'c3,a,b,urea,6,t,5',
      'c4,a,b,urea,300,bags,2.5 t',
    ].join('\n');
    const b = await readBundle(makeBundle({ relations: undefined, shipments }));
    const declared = { source: 'the mass declared in the column "Net Weight (t)"' };
    expect(b.shipments.map((s) => [s.id, s.quantity, s.unit, s.quantityKg, s.kgBasis])).toEqual([
      ['c1', 400, 'pcs', 20000, declared],
      // (no quantity: the mass, in kg, is the quantity)
      ['c2', 1500, 'kg', 1500, undefined],
      ['c3', 6, 't', 6000, undefined],
      // (a cell that writes its own unit is read in it)
      ['c4', 300, 'pcs', 2500, declared],
    ]);
    // The attribute keeps the number as the column writes it (in tonnes), under the column's name.
    expect(b.shipments.map((s) => s.attributes)).toEqual([{ 'net weight (t)': '20' }, {}, { 'net weight (t)': '5' }, { 'net weight (t)': '2.5' }]);
    const said = b.warnings.map((w) => `${w.line}:${w.column}:${w.reason}`);
    expect(said).toContain('1:Net Weight (t):column "Net Weight (t)" read as "weight_kg", in tonnes (the unit its name gives): each mass turned into kg (1 t = 1,000 kg)');
    expect(said).toContain('4:Net Weight (t):5000 kg differs from the quantity 6 t (6000 kg): the quantity is used, the mass kept as an attribute');

    // US customs records give pounds beside kilograms: the kilograms are read, the pounds kept as an attribute.
    const us = await readBundle(makeBundle({ relations: undefined, shipments: 'id,shipper,consignee,commodity,WEIGHT (LB),WEIGHT (KG)\ns1,a,b,paste,2204.6,1000' }));
    expect(us.shipments[0]).toMatchObject({ quantity: 1000, unit: 'kg', attributes: { 'weight (lb)': '2204.6' } });
    expect(us.warnings.map((w) => w.reason)).toContain('column "WEIGHT (LB)" is kept as a text attribute: the header already has "weight_kg"');
    const pounds = await readBundle(makeBundle({ relations: undefined, shipments: 'id,shipper,consignee,commodity,Gross Weight (lbs)\ns1,a,b,paste,1000\ns2,a,b,paste,1' }));
    expect(pounds.shipments.map((s) => [s.quantity, s.unit])).toEqual([[453.59237, 'kg'], [0.453592, 'kg']]);
    expect(pounds.warnings.map((w) => w.reason)).toContain('column "Gross Weight (lbs)" read as "weight_kg", in pounds (the unit its name gives): each mass turned into kg (1 lb = 0.45359237 kg)');
    // Other languages, tonnes written MT, a quantity in tonnes; a name whose last word is no unit of mass is not read.
    for (const [name, kg] of [['Вес нетто, т', 2000], ['Poids net (tonnes)', 2000], ['Quantity (MT)', 2000], ['Net mass (g)', 0.002]] as const) {
      const read = await readBundle(makeBundle({ relations: undefined, shipments: `id,supplier,buyer,commodity,"${name}"\ns1,a,b,paste,2` }));
      expect([name, read.shipments[0].quantityKg]).toEqual([name, kg]);
    }
    const litres = await readBundle(makeBundle({ relations: undefined, shipments: 'id,supplier,buyer,commodity,Net Weight (l)\ns1,a,b,paste,2' }));
    expect(litres.shipments[0]).toMatchObject({ attributes: { 'net weight (l)': '2' } });
    expect(litres.shipments[0].quantityKg).toBeUndefined();
    // A mass beyond the largest the reader takes, once turned into kg: a problem naming the cell and the unit.
    // A US import record's columns: the unit as Q.UNIT, in cartons and packages.
    const bol = await readBundle(makeBundle({ relations: undefined, shipments: 'BILL OF LADING,SHIPPER,CONSIGNEE,PRODUCT DESCRIPTION,QUANTITY,Q.UNIT,WEIGHT (KG)\r\nB1,a,b,spanners,120,CTN,1200\r\nB2,a,b,chips,55,PKG,550\r\n' }));
    expect(bol.shipments.map((s) => [s.quantity, s.unit, s.quantityKg])).toEqual([[120, 'pcs', 1200], [55, 'pcs', 550]]);
    // A trade database's columns: goods shipped, quantity unit, the weight in kg and in tonnes, the value of goods in
    // the currency its name gives, the shipment's origin and destination by country name.
    const panjiva = await readBundle(
      makeBundle({
        relations: undefined,
        shipments: 'Bill of Lading Number,Arrival Date,Shipper,Consignee,Goods Shipped,Quantity,Quantity Unit,Weight (kg),Weight (t),Value of Goods (USD),Shipment Origin,Shipment Destination\nB1,2023-03-14,a,b,spanners,120,CTN,1200,1.2,8400,China,United States\n',
      }),
    );
    expect(panjiva.shipments[0]).toMatchObject({ id: 'B1', commodity: 'spanners', quantity: 120, unit: 'pcs', quantityKg: 1200, value: 8400, currency: 'USD', originCountry: 'CN', destinationCountry: 'US', attributes: { 'weight (t)': '1.2', 'weight (kg)': '1200' } });
    // A spreadsheet's abbreviations of currency (`Curr.`, `Cur`, `CCY`) name the currency column; the value is read in it.
    for (const name of ['Curr.', 'Cur', 'CCY', 'Invoice currency']) {
      const read = await readBundle(makeBundle({ relations: undefined, shipments: `id,supplier,buyer,commodity,Invoice value,${name}\ns1,a,b,paste,21000,EUR` }));
      expect([name, read.shipments[0].value, read.shipments[0].currency]).toEqual([name, 21000, 'EUR']);
    }
    // A customs declarations extract: the declaration's number and date, consignor and consignee (the importer, as the
    // buyer when no buyer column is given), a time of day after the date.
    const declarations = await readBundle(
      makeBundle({ relations: undefined, shipments: 'Declaration no.,Declaration date,Consignor,Consignee,Goods description,Declared value,Curr.\nD-19-1,2019-07-03T00:00:00,a,b,paste,12500,USD\n' }),
    );
    expect(declarations.shipments[0]).toMatchObject({ id: 'D-19-1', shipped: '2019-07-03', supplier: 'a', buyer: 'b', commodity: 'paste', value: 12500, currency: 'USD' });
    // A German export's delivery-note and invoice numbers are the shipment's id.
    for (const name of ['Lieferschein-Nr.', 'Rechnungs-Nr.', 'Belegnummer', 'Zollanmeldung']) {
      const read = await readBundle(makeBundle({ relations: undefined, shipments: `${name};Lieferant;Käufer;Warenbezeichnung\nL-100;a;b;Aluminiumpulver\n` }));
      expect([name, read.shipments[0].id, read.shipments[0].supplier, read.shipments[0].buyer]).toEqual([name, 'L-100', 'a', 'b']);
    }
    // A currency column under a name not known: the problem of a value without a currency names it.
    const noCurrency = await problems(makeBundle({ relations: undefined, shipments: 'id,supplier,buyer,commodity,value,Currency of payment\ns1,a,b,paste,5,EUR' }));
    expect(noCurrency).toEqual([
      { file: 'shipments.csv', line: 2, column: 'currency', reason: 'a value needs a currency (such as EUR); the column "Currency of payment" is kept as a text attribute, not read as the currency: name it "currency" if it holds the currencies' },
    ]);
    // A unit column under a name not known: the problem of a quantity without a unit names it.
    const unread = await problems(makeBundle({ relations: undefined, shipments: 'id,supplier,buyer,commodity,quantity,Unit code\ns1,a,b,paste,6,t' }));
    expect(unread).toEqual([{ file: 'shipments.csv', line: 2, column: 'unit', reason: expect.stringContaining('; the column "Unit code" is kept as a text attribute, not read as the unit: name it "unit" if it holds the units') }]);
    const huge = await problems(makeBundle({ relations: undefined, shipments: 'id,supplier,buyer,commodity,Net Weight (t)\ns1,a,b,paste,2000000000' }));
    expect(huge).toEqual([{ file: 'shipments.csv', line: 2, column: 'weight_kg', reason: '"2000000000" tonnes is 2000000000000 kg, more than 1000000000000 kg: check the number and the unit the column\'s name gives' }]);
  });

  it('reads a companies register export as OpenCorporates writes it: jurisdiction codes, company types, the full address', async () => {
    const entities = [
      'id,company_number,name,jurisdiction_code,incorporation_date,company_type,registered_address_in_full,current_status,industry_codes',
      '09876543,09876543,ACME TRADING LIMITED,gb,2015-06-01,Private Limited Company,"1 High St, London, EC1A 1AA",Active,uk_sic_2007-47421: Retail sale of mobile telephones',
      '5512345,5512345,DELTA HOLDINGS LLC,us_de,2019-01-15,Limited Liability Company,"251 Little Falls Dr, Wilmington, DE 19808",Active,',
      'F1,F-77,Friends of the River,gb_eng,2001-02-03,Charitable Incorporated Organisation,,Active,',
    ].join('\n');
    const b = await readBundle(makeBundle({ entities, relations: undefined, shipments: undefined }));
    // The industry codes are the sector in words (from which the rules read the line of business: ISIC 4741 here).
    expect(b.entities[0].sector).toBe('uk_sic_2007-47421: Retail sale of mobile telephones');
    expect(b.entities.map((e) => [e.id, e.kind, e.country, e.founded, e.address, e.attributes.registration_number])).toEqual([
      ['09876543', 'company', 'GB', '2015-06-01', '1 High St, London, EC1A 1AA', '09876543'],
      ['5512345', 'company', 'US', '2019-01-15', '251 Little Falls Dr, Wilmington, DE 19808', '5512345'],
      ['F1', 'organization', 'GB', '2001-02-03', undefined, 'F-77'],
    ]);
    const said = b.warnings.map((w) => `${w.line}:${w.column}:${w.reason}`);
    expect(said).toContain('2:kind:"Private Limited Company" read as company (a legal form or company type) (cells written alike on line 3)');
    expect(said).toContain('4:kind:"Charitable Incorporated Organisation" read as organization (a legal form or company type)');
    expect(said).toContain('3:country:"us_de" read as US, the country of that subdivision (a state, province or region: ISO 3166-2)');
    // Without an id column, the problem says the company number was read as the registration number, and what to do.
    const noId = await problems(makeBundle({ entities: entities.replace(/^[^,]*,/gm, ''), relations: undefined, shipments: undefined }));
    expect(noId[0].reason).toContain('"company_number" is read as the registration number: if it identifies the entities, add a column "id" with the same numbers (or rename it id)');
  });

  it('reads a distributor\'s ledger and a register extract as they name their columns: Ref, Seller, Ship to; Activity, Incorporated', async () => {
    const entities = ['ID,Type,Name,Country,Activity,Incorporated', 'a,company,Anadolu Kimya,TR,wholesale of chemicals,1998-02-01', 'b,company,Öncüpınar GSM,TR,mobile phone shop,2015-03-14', 'f,company,Sınır Nakliyat,TR,freight forwarding,'].join('\n');
    const shipments = ['Ref,Seller,Buyer,Goods,Qty,Unit,Ship to', 'INV-1,a,b,aluminium paste,6000,kg,f'].join('\n');
    const b = await readBundle(makeBundle({ entities, relations: undefined, shipments }));
    expect(b.entities.map((e) => [e.id, e.sector, e.founded])).toEqual([['a', 'wholesale of chemicals', '1998-02-01'], ['b', 'mobile phone shop', '2015-03-14'], ['f', 'freight forwarding', undefined]]);
    expect(b.entities.every((e) => Object.keys(e.attributes).length === 0)).toBe(true);
    expect(b.shipments.map((s) => [s.id, s.supplier, s.buyer, s.consignee])).toEqual([['INV-1', 'a', 'b', 'f']]);
    const said = b.warnings.map((w) => `${w.file}:${w.column}:${w.reason}`);
    for (const [file, from, to] of [['entities.csv', 'Activity', 'sector'], ['entities.csv', 'Incorporated', 'founded'], ['shipments.csv', 'Ref', 'id'], ['shipments.csv', 'Ship to', 'consignee']]) {
      expect(said).toContainEqual(expect.stringMatching(new RegExp(`^${file}:${from}:column "${from}" read as "${to}"`)));
    }
  });

  it('reads a trade database extract: bill of lading, shipper and consignee, weight with commas, value in the currency its column names', async () => {
    const shipments = [
      'Bill of Lading,Shipper,Consignee,Product Description,HS Code,Weight (KG),Value (USD),Arrival Date',
      'BL-1,a,b,aluminium powder,760310,"12,500",48000,2017-02-11',
      'BL-2,b,c,aluminium powder,760310,12500,"51,000.50",2017-02-20',
    ].join('\n');
    const b = await readBundle(makeBundle({ relations: undefined, shipments }));
    expect(b.shipments.map((x) => [x.id, x.supplier, x.buyer, x.consignee, x.quantityKg, x.value, x.currency, x.received])).toEqual([
      ['BL-1', 'a', 'b', undefined, 12500, 48000, 'USD', '2017-02-11'],
      ['BL-2', 'b', 'c', undefined, 12500, 51000.5, 'USD', '2017-02-20'],
    ]);
    const said = b.warnings.map((w) => `${w.line}:${w.column}:${w.reason}`);
    expect(said).toContain('1:Consignee:column "Consignee" read as "buyer": the header has no buyer column (customs records name the importer as the consignee)');
    expect(said).toContain('1:Value (USD):column "Value (USD)" read as "value", in USD (the currency its name gives), where the row has no currency of its own');
    expect(said).toContain('1:Bill of Lading:column "Bill of Lading" read as "id" (Unique identifier of the shipment)');
    // With a buyer column, the consignee is the consignee; a currency cell that disagrees with the column's name is a problem.
    const both = await readBundle(makeBundle({ relations: undefined, shipments: 'id,supplier,buyer,consignee,commodity,USD Value,Value (All)\ns1,a,b,c,paste,100,200' }));
    expect(both.shipments[0]).toMatchObject({ buyer: 'b', consignee: 'c', value: 100, currency: 'USD', attributes: { 'value (all)': '200' } });
    const symbol = await readBundle(makeBundle({ relations: undefined, shipments: 'id,supplier,buyer,commodity,Trade Value (US$)\ns1,a,b,paste,100' }));
    expect(symbol.shipments[0]).toMatchObject({ value: 100, currency: 'USD' });
    const issues = await problems(makeBundle({ relations: undefined, shipments: 'id,supplier,buyer,commodity,Value (EUR),currency\ns1,a,b,paste,100,USD\ns2,a,b,paste,100,EUR' }));
    expect(issues).toEqual([{ file: 'shipments.csv', line: 2, column: 'currency', reason: 'the value column is in EUR (its name says so) but the currency is USD' }]);
    // A value cell that writes its own currency under such a column: the same check, naming the column's currency.
    const written = await problems(makeBundle({ relations: undefined, shipments: 'id,supplier,buyer,commodity,Value (EUR)\ns1,a,b,paste,21000 TRY\ns2,a,b,paste,100' }));
    expect(written).toEqual([{ file: 'shipments.csv', line: 2, column: 'currency', reason: 'the value column is in EUR (its name says so) but the currency is TRY' }]);
  });

  it('reads a companies register\'s basic company data as published (Companies House: CompanyName, RegAddress.PostTown, SICCode.SicText_1 …)', async () => {
    const entities = [
      'id,kind,CompanyName, CompanyNumber,RegAddress.AddressLine1,RegAddress.PostTown,RegAddress.Country,CompanyCategory,CountryOfOrigin,IncorporationDate,SICCode.SicText_1',
      'a,company,"ZENITH CHEMICALS LTD",09876543,1 MILL ST,MANCHESTER,UNITED KINGDOM,Private Limited Company,United Kingdom,14/03/2015,"46750 - Wholesale of chemical products"',
      'b,company,"NORTHGATE PHONES LTD",11223344,2 HIGH ST,BOLTON,ENGLAND,Private Limited Company,United Kingdom,01/02/2019,"47421 - Retail sale of mobile telephones"',
    ].join('\n');
    const b = await readBundle(makeBundle({ entities, relations: undefined, shipments: undefined, places: undefined }));
    expect(b.entities.map((e) => [e.name, e.address, e.city, e.country, e.founded, e.sector, e.attributes.registration_number])).toEqual([
      ['ZENITH CHEMICALS LTD', '1 MILL ST', 'MANCHESTER', 'GB', '2015-03-14', '46750 - Wholesale of chemical products', '09876543'],
      ['NORTHGATE PHONES LTD', '2 HIGH ST', 'BOLTON', 'GB', '2019-02-01', '47421 - Retail sale of mobile telephones', '11223344'],
    ]);
    // The second name of the country is kept as an attribute, said once.
    expect(b.entities[0].attributes.countryoforigin).toBe('United Kingdom');
    expect(b.warnings.map((w) => w.reason)).toContain('column "CountryOfOrigin" is kept as a text attribute: the header already has "country"');
  });

  it('reads an extract of a leak database as the ICIJ publishes it: node ids, links in words, countries as alpha-3 codes (several in a cell), dates as 18-MAR-2005', async () => {
    const entities = [
      'node_id,name,jurisdiction,country_codes,countries,incorporation_date,kind',
      '10000001,ZEPHYR HOLDINGS LIMITED,BVI,VGB,Virgin Islands British,18-MAR-2005,company',
      '12000001,KARIM HADDAD,,LBN;TUR,Lebanon;Turkey,,person',
      '11000001,MOSSFIELD & PARTNERS,,PAN,Panama,,company',
    ].join('\n');
    const relations = [
      'node_id_start,node_id_end,rel_type,link,start_date,end_date,sourceID',
      '12000001,10000001,officer_of,shareholder of,18-MAR-2005,,Panama Papers',
      '12000001,10000001,officer_of,beneficiary of,,,Panama Papers',
      '11000001,10000001,intermediary_of,intermediary of,,,Panama Papers',
      '11000001,10000001,officer_of,nominee director of,01-APR-2006,15-JUN-2010,Panama Papers',
    ].join('\n');
    const b = await readBundle(makeBundle({ entities, relations, shipments: undefined, places: undefined }));
    expect(b.entities.map((e) => [e.id, e.country, e.founded, e.attributes['country (all)']])).toEqual([
      ['10000001', 'VG', '2005-03-18', undefined],
      ['12000001', 'LB', undefined, 'LBN;TUR'],
      ['11000001', 'PA', undefined, undefined],
    ]);
    expect(b.relations.map((r) => [r.source, r.target, r.kind, r.start, r.end])).toEqual([
      ['12000001', '10000001', 'owner', '2005-03-18', undefined],
      ['12000001', '10000001', 'owner', undefined, undefined],
      ['11000001', '10000001', 'agent', undefined, undefined],
      ['11000001', '10000001', 'director', '2006-04-01', '2010-06-15'],
    ]);
    const said = b.warnings.map((w) => `${w.file}:${w.line}:${w.column}: ${w.reason}`);
    expect(said).toContain('entities.csv:3:country: "LBN;TUR" names 2 countries (LB, TR): the first, LB, read as the country, the cell kept as the attribute "country (all)"; write one country to be sure');
    // A link that says two nodes may be one entity is not a tie: refused with what to do instead.
    const same = await problems(makeBundle({ entities, relations: 'node_id_start,node_id_end,link\n12000001,11000001,similar name and address as', shipments: undefined, places: undefined }));
    expect(same).toHaveLength(1);
    expect(same[0].reason).toContain('two rows that are one entity are not a tie');
  });

  it('reads a kind written from the other end (owned by, subsidiary of, has director, GLEIF\'s IS_DIRECTLY_CONSOLIDATED_BY) with the tie turned round', async () => {
    const relations = [
      'source,target,kind,share',
      'b,a,owned by,60',
      'b,d,Subsidiary of,',
      'd,a,IS_DIRECTLY_CONSOLIDATED_BY,',
      'a,c,has director,',
      'c,b,employed by,',
      'b,d,paid by,',
    ].join('\n');
    const b = await readBundle(makeBundle({ relations, shipments: undefined }));
    expect(b.relations.map((r) => [r.source, r.target, r.kind, r.share])).toEqual([
      ['a', 'b', 'owner', 60],
      ['d', 'b', 'owner', undefined],
      ['a', 'd', 'owner', undefined],
      ['c', 'a', 'director', undefined],
      // (an employee is the source already: employed by is employee of)
      ['c', 'b', 'employee', undefined],
      ['d', 'b', 'paid_for', undefined],
    ]);
    // The keys in the file's order, whichever way the row was written.
    expect(b.relations.map((r) => Object.keys(r).slice(0, 3))).toEqual(b.relations.map(() => ['source', 'target', 'kind']));
    // With the share written beside it, before or after.
    const shares = await readBundle(makeBundle({ relations: 'source,target,kind\nb,a,owned by (51%)\nb,a,60% owned by\nb,d,Director (50%)', shipments: undefined }), { lenient: true });
    expect(shares.relations.map((r) => [r.source, r.target, r.kind, r.share])).toEqual([['a', 'b', 'owner', 51], ['a', 'b', 'owner', 60]]);
    expect(shares.rejected.map((r) => r.line)).toEqual([4]);
    // GLEIF's level 1 and level 2 files as published: the parent that consolidates a company owns it.
    const gleif = await readBundle(
      makeBundle({
        entities: 'LEI,Entity.LegalName,Entity.LegalAddress.City,Entity.LegalAddress.Country,kind\n5493001KJTIIGC8Y1R12,Zenith Holdings Ltd,London,GB,company\n213800ABCDEFGHIJKL12,Zenith Trading Ltd,Manchester,GB,company',
        relations: 'Relationship.StartNode.NodeID,Relationship.StartNode.NodeIDType,Relationship.EndNode.NodeID,Relationship.RelationshipType\n213800ABCDEFGHIJKL12,LEI,5493001KJTIIGC8Y1R12,IS_DIRECTLY_CONSOLIDATED_BY',
        shipments: undefined,
        places: undefined,
      }),
    );
    expect(gleif.entities.map((e) => [e.id, e.name, e.city, e.country])).toEqual([['5493001KJTIIGC8Y1R12', 'Zenith Holdings Ltd', 'London', 'GB'], ['213800ABCDEFGHIJKL12', 'Zenith Trading Ltd', 'Manchester', 'GB']]);
    expect(gleif.relations.map((r) => [r.source, r.target, r.kind])).toEqual([['5493001KJTIIGC8Y1R12', '213800ABCDEFGHIJKL12', 'owner']]);
    const said = b.warnings.filter((w) => w.column === 'kind').map((w) => `${w.line}: ${w.reason}`);
    expect(said[0]).toBe('2: "owned by" read as owner with the tie turned round (the owner is the source, as every kind is read): the target of the row is the source of the tie (cells written alike on lines 3, 4)');
  });

  it('reads a register of people with significant control: its natures of control as owner with the band\'s lower bound, or director', async () => {
    const relations = [
      'source,target,kind',
      'c,a,ownership-of-shares-25-to-50-percent',
      'c,b,"ownership-of-shares-75-to-100-percent, voting-rights-75-to-100-percent, right-to-appoint-and-remove-directors"',
      'd,a,voting-rights-more-than-25-percent-registered-overseas-entity',
      'c,d,significant-influence-or-control-as-trust',
      'a,d,right_to_appoint_and_remove_directors',
    ].join('\n');
    const b = await readBundle(makeBundle({ relations, shipments: undefined }));
    expect(b.relations.map((r) => [r.source, r.target, r.kind, r.share])).toEqual([
      ['c', 'a', 'owner', 25],
      ['c', 'b', 'owner', 75],
      ['d', 'a', 'owner', 25],
      ['c', 'd', 'director', undefined],
      ['a', 'd', 'director', undefined],
    ]);
    const said = b.warnings.filter((w) => w.column === 'kind').map((w) => `${w.line}: ${w.reason}`);
    expect(said).toContain('2: "ownership-of-shares-25-to-50-percent" (a nature of control, as registers of people with significant control write it) read as owner (shares: more than 25 % and at most 50 %), its share the share column\'s figure or else the band\'s lower bound, 25 %');
    expect(said.find((w) => w.startsWith('3: '))).toContain('read as owner (shares: more than 75 % and at most 100 %), its share the share column\'s figure or else the band\'s lower bound, 75 %, the strongest of its 3 natures');
    // A share column inside the band is the share; outside it, a problem.
    const precise = await readBundle(makeBundle({ relations: 'source,target,kind,share\nc,a,ownership-of-shares-50-to-75-percent,60', shipments: undefined }));
    expect(precise.relations.map((r) => [r.kind, r.share])).toEqual([['owner', 60]]);
    // A band that is not one, and a list with a kind that is no nature of control, stay problems.
    const issues = await problems(makeBundle({ relations: 'source,target,kind,share\nc,a,ownership-of-shares-50-to-25-percent,\nc,b,"ownership-of-shares-25-to-50-percent, friend",\nc,b,ownership-of-shares-25-to-50-percent,80', shipments: undefined }));
    expect(issues.map((i) => `${i.line}:${i.column}`)).toEqual(['2:kind', '3:kind', '4:share']);
    expect(issues[2].reason).toBe('the nature of control says more than 25 % and at most 50 % but the share is 80 %');
  });

  it('reads a value written with its currency, the words registers use for kinds, and says why a date does not exist', async () => {
    const entities = ['id,type,name', 'a,Company,Alpha', 'b,Individual,Bora', 'c,Legal Entity,Cem', 'd,NGO,Delta'].join('\n');
    const relations = ['source,target,kind,start', 'b,a,Shareholder,', 'b,c,board member,', 'b,d,director,2016-02-30', 'b,a,director,2016-13-01'].join('\n');
    const shipments = ['id,supplier,buyer,commodity,value,currency,quantity', 's1,a,c,paint,21000 TRY,,', 's2,a,c,paint,€4800,EUR,', 's3,a,c,paint,USD 14500,EUR,', 's4,a,c,paint,$15400,,', 's5,a,c,paint,"9,800 EUR",,', 's6,a,c,paint,approx 5000,EUR,6 lots', 's7,a,c,paint,5000,EUR,6 boxes'].join('\n');
    const dir = makeBundle({ entities, relations, shipments, places: undefined });
    const issues = await problems(dir);
    expect(issues.map((i) => `${i.file}:${i.line}:${i.column}: ${i.reason}`)).toEqual([
      'relations.csv:4:start: "2016-02-30" is not a day of the calendar: February 2016 has 29 days',
      'relations.csv:5:start: "2016-13-01" is not a date: there is no month 13 (dates are YYYY-MM-DD)',
      'shipments.csv:4:currency: the value is written in USD but the currency is EUR',
      'shipments.csv:5:value: "$15400": currency "$" is ambiguous: it can be the US dollar (USD), the Canadian (CAD), Australian (AUD), Hong Kong (HKD) or another dollar, or a peso (MXN, …); write the ISO 4217 code (the number alone, 15400, goes in the value column, the currency in its own)',
      // A unit not known beside a quantity is named; a word that is neither a symbol nor a currency is left to "not a number".
      'shipments.csv:7:quantity: "6 lots": unknown unit "lots"; the units are kg, g, t, carats, l, m3, m, m2, pcs, pairs, dozen, 1000u, or their usual spellings (see docs/data-format.md) (the number alone, 6, goes in the quantity column, the unit in its own)',
      'shipments.csv:7:value: "approx 5000" is an estimate: write it without "approx" (5000) if that is the figure to use, and keep the doubt in a column of its own (a note), or leave the cell empty',
    ]);
    const b = await readBundle(dir, { lenient: true });
    expect(b.entities.map((e) => e.kind)).toEqual(['company', 'person', 'company', 'organization']);
    expect(b.relations.map((r) => r.kind)).toEqual(['owner', 'director', 'director', 'director']);
    expect(b.shipments.filter((s) => s.value !== undefined).map((s) => [s.id, s.value, s.currency])).toEqual([
      ['s1', 21000, 'TRY'],
      ['s2', 4800, 'EUR'],
      ['s5', 9800, 'EUR'],
      ['s7', 5000, 'EUR'],
    ]);
    expect(b.warnings.map((w) => w.reason)).toEqual(
      expect.arrayContaining(['"Individual" read as person', '"Shareholder" read as owner', '"21000 TRY" read as the value 21000 in TRY; write only the number in the value column (the currency in its own) to be sure']),
    );
    // Boxes are a count of packages: read as pieces, and said.
    expect(b.shipments.find((s) => s.id === 's7')).toMatchObject({ quantity: 6, unit: 'pcs' });
    expect(b.warnings.filter((w) => w.column === 'unit').map((w) => w.reason)).toEqual(['"boxes" read as pcs: a count of packages, not a WCO unit; a weight_kg column beside it gives the goods\' mass']);
    // (a value written with its currency is said once, in the value column: not again in the currency column)
    expect(b.warnings.filter((w) => w.column === 'currency' && w.reason.includes(' read as '))).toEqual([]);
  });

  it('refuses thousands separators, and explains decimal commas outside semicolon files', async () => {
    const issues = await problems(makeBundle({ entities: 'id;kind;name;employees\na;company;Alpha;1,200.5\nb;company;Beta;', relations: undefined, shipments: 'id\tsupplier\tbuyer\tcommodity\tquantity\tunit\ns1\ta\ta2\tx\t6,5\tt' }));
    // Said once: the reason of a number already asks for no thousands separators.
    expect(issues[0]).toEqual({ file: 'entities.csv', line: 2, column: 'employees', reason: '"1,200.5" is not a number (write digits with a dot for decimals, no thousands separators)' });
    const tabIssues = await problems(makeBundle({ relations: undefined, shipments: 'id\tsupplier\tbuyer\tcommodity\tquantity\tunit\ns1\td\ta\tx\t6,5\tt' }));
    expect(tabIssues).toEqual([
      { file: 'shipments.csv', line: 2, column: 'quantity', reason: expect.stringContaining('decimal commas are read only in semicolon-separated files; this one is separated by tabs') },
    ]);
  });

  it('names the separator when the header cannot be split', async () => {
    const issues = await problems(makeBundle({ entities: 'id kind name\na company Alpha' }));
    expect(issues).toEqual([
      {
        file: 'entities.csv',
        line: 1,
        column: 'id',
        reason: 'missing required columns "id", "kind", "name" (the header has one column, "id kind name": no comma, semicolon, tab or pipe separates the column names)',
      },
    ]);
  });

  it('suggests the misspelt required column', async () => {
    const issues = await problems(makeBundle({ entities: 'id;kind;nmae\na;company;Alpha' }));
    expect(issues).toEqual([
      { file: 'entities.csv', line: 1, column: 'name', reason: 'missing required column "name" (the header has: id, kind, nmae, separated by semicolons; "nmae" may be "name" misspelt)' },
    ]);
  });

  it('reads clear synonyms and other spellings of column names with a warning, and flags likely misspellings', async () => {
    const entities = ['ID,Kind,Name,Latitude,Longitude,ISIC Code,Secter', 'a,company,Alpha,36.7,38.9,4669,chemicals'].join('\n');
    const shipments = ['id,supplier,buyer,commodity,HS Code,qty,Unit,value,curency', 's1,a,a2,aluminium paste,3212.90,6,t,,'].join('\n');
    const dir = makeBundle({ entities: `${entities}\na2,company,Beta,,,,`, relations: undefined, shipments });
    const b = await readBundle(dir);
    expect(b.entities[0]).toMatchObject({ lat: 36.7, lon: 38.9, isic: '4669', attributes: { secter: 'chemicals' } });
    expect(b.shipments[0]).toMatchObject({ hsCode: '321290', quantity: 6, quantityKg: 6000 });
    expect(b.warnings.map(formatIssue)).toEqual([
      'entities.csv line 1, column "ISIC Code": column "ISIC Code" read as "isic" (ISIC Rev.4 code of the line of business)',
      'entities.csv line 1, column "Latitude": column "Latitude" read as "lat" (Latitude in decimal degrees (WGS 84), with lon)',
      'entities.csv line 1, column "Longitude": column "Longitude" read as "lon" (Longitude in decimal degrees (WGS 84), with lat)',
      'entities.csv line 1, column "Secter": column "Secter" is not a column of entities.csv and is kept as a text attribute; did you mean "sector"?',
      'shipments.csv line 1, column "HS Code": column "HS Code" read as "hs_code" (Harmonized System code (dots allowed: 3212.90))',
      'shipments.csv line 1, column "curency": column "curency" is not a column of shipments.csv and is kept as a text attribute; did you mean "currency"?',
      'shipments.csv line 1, column "qty": column "qty" read as "quantity" (Amount shipped, in `unit`)',
    ]);
  });

  it('keeps the exact column when a synonym is also there', async () => {
    const b = await readBundle(makeBundle({ entities: 'id,kind,name,lat,lon,latitude\na,company,Alpha,1,2,3', relations: undefined, shipments: undefined }));
    expect(b.entities[0]).toMatchObject({ lat: 1, lon: 2, attributes: { latitude: '3' } });
    expect(b.warnings).toEqual([{ file: 'entities.csv', line: 1, column: 'latitude', reason: 'column "latitude" is kept as a text attribute: the header already has "lat"' }]);
  });
});

describe('warnings and lenient mode', () => {
  it('warns only about rows that are kept', async () => {
    const dir = makeBundle({ entities: [ENTITIES.split('\n')[0] + ',isic', ...ENTITIES.split('\n').slice(1).map((l) => `${l},`), 'e,compani,Echo,TR,36,10,,,,,111'].join('\n'), relations: undefined, shipments: undefined });
    const b = await readBundle(dir, { lenient: true });
    expect(b.rejected.map((r) => r.line)).toEqual([6]);
    expect(b.warnings).toEqual([]);
  });

  it('the FollowTheMoney reader handles units, currencies and concentrations the same way', async () => {
    const dir = tempDir();
    const lines = [
      { id: 'c1', schema: 'Company', properties: { name: ['Örnek Kimya'] } },
      { id: 'c2', schema: 'Company', properties: { name: ['Hat GSM'] } },
      { id: 's1', schema: 'Shipment', properties: { supplier: ['c1'], buyer: ['c2'], commodity: ['cable'], quantity: ['120'], unit: ['MTR'], value: ['100'], currency: ['€'] } },
      { id: 's2', schema: 'Shipment', properties: { supplier: ['c1'], buyer: ['c2'], commodity: ['hydrogen peroxide 35%'], quantity: ['500'], unit: ['grams'] } },
      { id: 's3', schema: 'Shipment', properties: { supplier: ['c1'], buyer: ['c2'], commodity: ['x'], quantity: ['6'], unit: ['kgg'] } },
      { id: 'p1', schema: 'Payment', properties: { payer: ['c1'], beneficiary: ['c2'], amount: ['5'], currency: ['$'] } },
    ];
    writeFileSync(join(dir, 'x.ftm.jsonl'), lines.map((l) => JSON.stringify(l)).join('\n'));
    await expect(readFtm(join(dir, 'x.ftm.jsonl'))).rejects.toThrow(/line 5, column "unit": Shipment "s3": unknown unit "kgg" \(did you mean kg\?\)[\s\S]*line 6, column "currency": Payment "p1": currency "\$" is ambiguous/);
    const b = await readFtm(join(dir, 'x.ftm.jsonl'), { lenient: true });
    // As in shipments.csv read leniently, a value that cannot be read is left out with its pair (quantity and unit,
    // value and currency) and the record kept; FtM keeps what was left out as attributes, as written.
    expect(b.shipments.map((s) => [s.id, s.unit, s.quantityKg, s.currency, s.concentration])).toEqual([
      ['s1', 'm', undefined, 'EUR', undefined],
      ['s2', 'g', 0.5, undefined, 35],
      ['s3', undefined, undefined, undefined, undefined],
      ['p1', undefined, undefined, undefined, undefined],
    ]);
    expect(b.shipments[2].attributes).toMatchObject({ quantity: '6', unit: 'kgg' });
    expect(b.shipments[3].attributes).toMatchObject({ amount: '5', currency: '$' });
    expect(b.rejected).toEqual([]);
    expect(b.warnings.map((w) => [w.line, w.column])).toEqual(expect.arrayContaining([[5, 'unit'], [5, 'quantity'], [6, 'currency']]));
    expect(b.warnings[0]).toEqual({ file: 'x.ftm.jsonl', line: 3, column: 'currency', reason: expect.stringContaining('currency "€" read as EUR') });
  });
});

describe('spreadsheet habits (a title above the header, coordinates in degrees and minutes, formulas, kinds in words)', () => {
  const NO_TIES = { relations: 'source,target,kind', shipments: 'id,supplier,buyer,commodity' };
  it('skips a title a spreadsheet wrote above the header, with a warning naming it and the header line', async () => {
    // A title without separators, in a semicolon-separated file: the separator is found on the header line.
    const dir = makeBundle({ entities: `Case HX-2016 entities\n\nid;kind;name;country\na;company;Alpha;TR\nb;company;Beta;TR`, ...NO_TIES });
    const bundle = await readBundle(dir);
    expect(bundle.entities.map((e) => [e.id, e.name, e.country, e.origin.line])).toEqual([
      ['a', 'Alpha', 'TR', 4],
      ['b', 'Beta', 'TR', 5],
    ]);
    expect(bundle.warnings).toContainEqual({ file: 'entities.csv', line: 1, reason: '"Case HX-2016 entities" above the header, a title rather than a record: skipped (the header is line 3)' });
    // Two title lines, one with trailing separators, as Excel writes them.
    const two = await readBundle(makeBundle({ entities: `Chokepoint case,,,\nExported 12/05/2016,,,\n${ENTITIES}` }));
    expect(two.entities).toHaveLength(4);
    expect(two.warnings.filter((w) => w.reason.includes('above the header'))).toHaveLength(2);
  });

  it('still refuses a header that lacks a required column, naming line 1, when no header follows', async () => {
    const issues = await problems(makeBundle({ entities: 'id,name\na,Alpha\nb,Beta' }));
    expect(issues).toEqual([expect.objectContaining({ file: 'entities.csv', line: 1, column: 'kind', reason: expect.stringMatching(/^missing required column "kind"/) })]);
    const titleOnly = await problems(makeBundle({ entities: 'Case HX-2016 entities\n' }));
    expect(titleOnly).toEqual([expect.objectContaining({ file: 'entities.csv', line: 1, reason: expect.stringMatching(/^missing required columns "id", "kind", "name"/) })]);
  });

  it('reads coordinates in degrees, minutes and seconds with a warning, and refuses a hemisphere of the other axis', async () => {
    const dir = makeBundle({
      entities: 'id,kind,name,lat,lon\na,company,Alpha,"37°03′56″N","37°22′59″E"\nb,company,Beta,"33° 52\' S","151° 12.5\' E"\nc,company,Gamma,36.69N,38.95E',
      places: 'id,name,kind,lat,lon\nakc,Akçakale,border_crossing,"36°41′N","38°57′E"',
      ...NO_TIES,
    });
    const bundle = await readBundle(dir);
    expect(bundle.entities.map((e) => [e.id, e.lat, e.lon])).toEqual([
      ['a', 37.065556, 37.383056],
      ['b', -33.866667, 151.208333],
      ['c', 36.69, 38.95],
    ]);
    expect(bundle.places[0]).toMatchObject({ lat: 36.683333, lon: 38.95 });
    expect(bundle.warnings).toContainEqual({ file: 'entities.csv', line: 2, column: 'lat', reason: '"37°03′56″N" read as 37.065556 (decimal degrees); write decimal degrees to be sure (cells written alike on lines 3, 4)' });
    const swapped = await problems(makeBundle({ entities: 'id,kind,name,lat,lon\na,company,Alpha,"38°57′E","36°41′N"\nb,company,Beta,,', ...NO_TIES }));
    expect(swapped.map((i) => `${i.line}:${i.column}: ${i.reason}`)).toEqual([
      '2:lat: "38°57′E" is not a latitude: E is the hemisphere of a longitude (are lat and lon swapped?)',
      '2:lon: "36°41′N" is not a longitude: N is the hemisphere of a latitude (are lat and lon swapped?)',
    ]);
  });

  it('reads a quantity written with its unit, and refuses one whose unit disagrees with the unit column', async () => {
    const rows = ['s1,d,a,paste,6 t,,,', 's2,d,a,peroxide,38000 Ltrs,l,,', 's3,d,a,paste,6000 KGS,t,,'];
    const issues = await problems(makeBundle({ shipments: [HEAD, ...rows].join('\n') }));
    expect(issues).toEqual([{ file: 'shipments.csv', line: 4, column: 'unit', reason: 'the quantity is written in kg but the unit is t' }]);
    const bundle = await readBundle(makeBundle({ shipments: [HEAD, ...rows.slice(0, 2)].join('\n') }));
    expect(bundle.shipments.map((x) => [x.quantity, x.unit, x.quantityKg])).toEqual([
      [6, 't', 6000],
      [38000, 'l', undefined],
    ]);
    expect(bundle.warnings).toContainEqual({ file: 'shipments.csv', line: 2, column: 'quantity', reason: '"6 t" read as the quantity 6 in t; write only the number in the quantity column (the unit in its own) to be sure' });
  });

  it('reads a registration number column under its usual names into attributes.registration_number, and says when a spreadsheet cut it short', async () => {
    const entities = 'id,kind,name,Registration No,note\na,company,Alpha,1.23457E+11,x\nb,company,Beta,HRB 12345,y';
    const bundle = await readBundle(makeBundle({ entities, ...NO_TIES }));
    expect(bundle.entities.map((e) => e.attributes)).toEqual([
      { registration_number: '1.23457E+11', note: 'x' },
      { registration_number: 'HRB 12345', note: 'y' },
    ]);
    expect(bundle.warnings).toContainEqual({ file: 'entities.csv', line: 2, column: 'registration_number', reason: '"1.23457E+11" is a number a spreadsheet wrote in scientific notation, its last digits lost: kept as written, not compared; format the column as text before saving' });
    expect(bundle.warnings.some((w) => w.line === 1 && w.reason.startsWith('column "Registration No" read as "registration_number"'))).toBe(true);
  });

  it('says which entity a reference names when it gives a name instead of an id', async () => {
    const entities = 'id,kind,name\nK-1,company,Kestrel Kimya\nK-2,company,Cep Dunyasi\nK-3,company,Atlas\nK-4,company,Atlas';
    const shipments = 'id,supplier,buyer,commodity\ns1,Kestrel Kimya,K-2,paste\ns2, kestrel kimya ,K-2,paste\ns3,K-1,atlas,paste\ns4,K-1,Nobody,paste';
    const issues = await problems(makeBundle({ entities, relations: 'source,target,kind', shipments }));
    expect(issues.map((i) => `${i.line}:${i.column}: ${i.reason}`)).toEqual([
      '2:supplier: unknown entity id "Kestrel Kimya" (not in entities.csv; it is the name of the entity "K-1": write its id)',
      '3:supplier: unknown entity id "kestrel kimya" (not in entities.csv; it is the name of the entity "K-1": write its id)',
      '4:buyer: unknown entity id "atlas" (not in entities.csv; 2 entities are named so ("K-3", "K-4"): write the id of the one meant)',
      '5:buyer: unknown entity id "Nobody" (not in entities.csv)',
    ]);
  });

  it('says that a formula is a formula, not its result', async () => {
    const issues = await problems(makeBundle({ shipments: `${HEAD},shipped\ns1,d,a,phones,=B2*2,pcs,=SUM(G2:G9),USD,=TODAY()` }));
    expect(issues.map((i) => i.column)).toEqual(['quantity', 'shipped', 'value']);
    for (const i of issues) expect(i.reason).toMatch(/ is a spreadsheet formula, not its result: export the sheet's values/);
  });

  it('reads the words people write for kinds of ties, each as its kind with a warning', async () => {
    const words = ['owns', 'Shareholder of', 'UBO', 'CEO', 'brother', 'Sister-in-law', 'wife', 'shares address', 'works for', 'business partner', 'agent of'];
    const kinds = ['owner', 'owner', 'owner', 'director', 'family', 'family', 'family', 'shared_address', 'employee', 'associate', 'agent'];
    const bundle = await readBundle(makeBundle({ relations: ['source,target,kind', ...words.map((w) => `c,a,${w}`)].join('\n') }));
    expect(bundle.relations.map((r) => r.kind)).toEqual(kinds);
    expect(bundle.warnings.filter((w) => w.column === 'kind').map((w) => w.reason)).toEqual(words.map((w, k) => `${JSON.stringify(w)} read as ${kinds[k]}`));
  });
});

describe('dates with slashes, read in the order their column shows', () => {
  const NO_TIES = { relations: 'source,target,kind', shipments: 'id,supplier,buyer,commodity' };
  const head = 'id,supplier,buyer,commodity,shipped,received';

  it('reads month first when a date of the column reads only so (03/15/2016), with one warning naming it', async () => {
    const rows = ['s1,d,a,paste,05/03/2016,05/09/2016', 's2,d,a,paste,03/15/2016,3/20/2016', 's3,d,a,paste,2016-04-02,04/03/2016'];
    const bundle = await readBundle(makeBundle({ shipments: [head, ...rows].join('\n') }));
    expect(bundle.shipments.map((x) => [x.id, x.shipped, x.received])).toEqual([
      ['s1', '2016-05-03', '2016-05-09'],
      ['s2', '2016-03-15', '2016-03-20'],
      ['s3', '2016-04-02', '2016-04-03'],
    ]);
    expect(bundle.warnings.filter((w) => w.reason.includes('with slashes'))).toEqual([
      { file: 'shipments.csv', line: 2, column: 'received', reason: '3 dates with slashes read as month/day/year, the order of "3/20/2016" (line 3), which reads only so (no date of the column reads only the other way); write YYYY-MM-DD to be sure' },
      { file: 'shipments.csv', line: 2, column: 'shipped', reason: '2 dates with slashes read as month/day/year, the order of "03/15/2016" (line 3), which reads only so (no date of the column reads only the other way); write YYYY-MM-DD to be sure' },
    ]);
  });

  it('reads day first when the column shows it (founding dates of entities too)', async () => {
    const entities = 'id,kind,name,founded\na,company,Alpha,25/12/2011\nb,company,Beta,01/02/2015';
    const bundle = await readBundle(makeBundle({ entities, ...NO_TIES }));
    expect(bundle.entities.map((e) => e.founded)).toEqual(['2011-12-25', '2015-02-01']);
  });

  it('refuses every date with slashes of a column that shows neither order, or both; lenient leaves them empty', async () => {
    const neither = await problems(makeBundle({ shipments: [head, 's1,d,a,paste,05/03/2016,', 's2,d,a,paste,2016-04-02,'].join('\n') }));
    expect(neither.map((i) => `${i.line}:${i.column}`)).toEqual(['2:shipped']);
    expect(neither[0].reason).toMatch(/no date of the column shows which; write it as YYYY-MM-DD$/);
    const both = [head, 's1,d,a,paste,25/03/2016,', 's2,d,a,paste,03/15/2016,', 's3,d,a,paste,05/06/2016,'].join('\n');
    const issues = await problems(makeBundle({ shipments: both }));
    expect(issues.map((i) => `${i.line}:${i.column}`)).toEqual(['2:shipped', '3:shipped', '4:shipped']);
    expect(issues[2].reason).toBe('"05/06/2016" is not a date in ISO form YYYY-MM-DD: the column writes some dates day first ("25/03/2016", line 2) and others month first ("03/15/2016", line 3); write it as YYYY-MM-DD');
    const lenient = await readBundle(makeBundle({ shipments: both }), { lenient: true });
    expect(lenient.shipments.map((x) => x.shipped)).toEqual([undefined, undefined, undefined]);
    expect(lenient.warnings.filter((w) => w.column === 'shipped')).toHaveLength(3);
  });

  it("a date read so that comes before the row's other date is a problem, and a day of neither order is not a date", async () => {
    const rows = [head, 's1,d,a,paste,03/15/2016,2016-03-01', 's2,d,a,paste,02/30/2016,', 's3,d,a,paste,04/05/2016,', 's4,d,a,paste,03/20/2016,03/17/2016'];
    const issues = await problems(makeBundle({ shipments: rows.join('\n') }));
    expect(issues.map((i) => `${i.line}:${i.column}: ${i.reason}`)).toEqual([
      // The date read from its slashes is the one left out (lenient): the other was written without doubt.
      '2:shipped: received 2016-03-01 is before shipped 2016-03-15',
      '3:shipped: "02/30/2016" is not a date: there is no such day, read day first or month first',
      // Both read from slashes, once: checked when both are read.
      '5:shipped: received 2016-03-17 is before shipped 2016-03-20',
    ]);
    const lenient = await readBundle(makeBundle({ shipments: [head, 's1,d,a,paste,03/15/2016,2016-03-01'].join('\n') }), { lenient: true });
    expect(lenient.shipments[0]).toMatchObject({ id: 's1', received: '2016-03-01' });
    expect(lenient.shipments[0].shipped).toBeUndefined();
  });
});

describe('spreadsheet habits of a Turkish-language export (semicolons, a coordinates column, kinds with shares)', () => {
  const NO_TIES = { relations: 'source;target;kind', shipments: 'id;supplier;buyer;commodity' };

  it('reads the latitude and longitude of one cell, as maps copy them, for places and entities', async () => {
    const dir = makeBundle({
      entities: 'Ref;Type;Name;GPS\nE1;Co.;Kervan Kimya;"36,7161, 37,1150"\nE2;Ltd;Beta;36°38′44″N 37°05′04″E\nE3;company;Gamma;',
      places: 'ID;Name;Type;Coordinates;Countries\nP1;Öncüpınar;Border gate;36.6456, 37.0845;TR|SY\nP2;Port;Seaport;36.58;TR',
      ...NO_TIES,
    });
    const issues = await problems(dir);
    expect(issues.map((i) => `${i.file} ${i.line}:${i.column}: ${i.reason}`)).toEqual([
      'places.csv 3:coordinates: "36.58" is not a latitude and a longitude (write them as "36.6456, 37.0845", latitude first)',
    ]);
    writeFileSync(join(dir, 'places.csv'), 'ID;Name;Type;Coordinates;Countries\nP1;Öncüpınar;Border gate;36.6456, 37.0845;TR|SY\nP2;Port;Seaport;;TR\n');
    expect((await problems(dir)).map((i) => `${i.file} ${i.line}:${i.column}: ${i.reason}`)).toEqual(['places.csv 3:coordinates: required value is missing']);
    // Leniently too, a place whose coordinates cannot be read is skipped, for the reason they cannot.
    writeFileSync(join(dir, 'places.csv'), 'ID;Name;Type;Coordinates;Countries\nP1;Öncüpınar;Border gate;36.6456, 37.0845;TR|SY\nP2;Port;Seaport;36.58;TR\n');
    expect((await readBundle(dir, { lenient: true })).rejected).toEqual([{ file: 'places.csv', line: 3, column: 'coordinates', reason: '"36.58" is not a latitude and a longitude (write them as "36.6456, 37.0845", latitude first)' }]);
    writeFileSync(join(dir, 'places.csv'), 'ID;Name;Type;Coordinates;Countries\nP1;Öncüpınar;Border gate;36.6456, 37.0845;TR|SY\n');
    const bundle = await readBundle(dir);
    expect(bundle.entities.map((e) => [e.id, e.kind, e.lat, e.lon])).toEqual([
      ['E1', 'company', 36.7161, 37.115],
      ['E2', 'company', 36.645556, 37.084444],
      ['E3', 'company', undefined, undefined],
    ]);
    expect(bundle.places.map((p) => [p.id, p.kind, p.lat, p.lon, p.countries])).toEqual([['P1', 'border_crossing', 36.6456, 37.0845, ['TR', 'SY']]]);
    expect(bundle.warnings).toContainEqual({ file: 'places.csv', line: 2, column: 'coordinates', reason: '"36.6456, 37.0845" read as the latitude 36.6456 and the longitude 37.0845' });
    expect(bundle.warnings).toContainEqual({ file: 'places.csv', line: 2, column: 'kind', reason: '"Border gate" read as border_crossing' });
    expect(bundle.warnings).toContainEqual({ file: 'entities.csv', line: 2, column: 'kind', reason: '"Co." read as company' });
    expect(bundle.warnings.some((w) => w.line === 1 && w.reason.startsWith('column "Ref" read as "id"'))).toBe(true);
    // Both ways of writing them in one header: lat and lon are read, the cell of both kept as text.
    const both = await readBundle(makeBundle({ entities: 'id;kind;name;lat;lon;coordinates\nE1;company;A;36,7;37,1;"1, 2"', ...NO_TIES }));
    expect(both.entities[0]).toMatchObject({ lat: 36.7, lon: 37.1, attributes: { coordinates: '1, 2' } });
    expect(both.warnings).toContainEqual({ file: 'entities.csv', line: 1, column: 'coordinates', reason: 'column "coordinates" is kept as a text attribute: the header has "lat" of its own' });
    // Swapped or out of range: refused, saying which.
    const swapped = await problems(makeBundle({ entities: 'id,kind,name,coordinates\nE1,company,A,"37°05′E 36°38′N"\nE2,company,B,"136.6, 37.1"\nE3,company,C,"36.6, 37.1"', ...{ relations: 'source,target,kind', shipments: 'id,supplier,buyer,commodity' } }));
    expect(swapped.map((i) => `${i.line}: ${i.reason}`)).toEqual([
      '2: "37°05′E 36°38′N" is not a latitude and a longitude (the longitude comes first: are they swapped? write them as "36.6456, 37.0845", latitude first)',
      '3: "136.6, 37.1", read as a latitude and a longitude: latitude 136.6 is out of range (-90 to 90)',
    ]);
    // A cell of many characters is no pair of coordinates, said without reading it letter by letter (its patterns
    // would take minutes on a cell of megabytes).
    expect(parseField('coordinates', `N${'1'.repeat(100_000)}`)).toEqual({ ok: false, reason: `"N${'1'.repeat(56)}..." is not a latitude and a longitude: 100,001 characters` });
  });

  it('reads an owner\'s share written with the kind, and the words "of" and an abbreviation\'s dot around a kind', async () => {
    const relations = 'From;To;Role;Stake (%)\nc;a;Owner (100%);\nc;b;51 % shareholder;\nc;d;owner 33,5%;33,5\nc;a;Father of;\nd;a;Owner of;\nd;b;owner;25';
    const bundle = await readBundle(makeBundle({ relations }));
    expect(bundle.relations.map((r) => [r.kind, r.share])).toEqual([
      ['owner', 100],
      ['owner', 51],
      ['owner', 33.5],
      ['family', undefined],
      ['owner', undefined],
      ['owner', 25],
    ]);
    expect(bundle.warnings.filter((w) => w.line === 1).map((w) => w.reason)).toEqual(expect.arrayContaining([expect.stringMatching(/^column "Role" read as "kind"/), expect.stringMatching(/^column "Stake \(%\)" read as "share"/)]));
    expect(bundle.warnings).toContainEqual({ file: 'relations.csv', line: 2, column: 'kind', reason: '"Owner (100%)" read as the kind owner with a share of 100 %; write the share in the share column to be sure (cells written alike on lines 3, 4)' });
    const issues = await problems(makeBundle({ relations: 'source;target;kind;share\nc;a;Owner (60%);40\nc;b;Director (50%);\na;b;shares phone;' }));
    expect(issues.map((i) => `${i.line}:${i.column}: ${i.reason}`)).toEqual([
      '2:share: the kind says a share of 60 % but the share is 40 %',
      expect.stringMatching(/^3:kind: unknown value "Director \(50%\)"/),
      expect.stringMatching(/^4:kind: unknown value "shares phone" .*; for entities that share a phone number, give each its number in the phone column of entities.csv: a shared number joins them in one company group$/),
    ]);
  });

  it('says when 6.000 in a semicolon-separated file may mean six thousand, and reads a value with its currency and a decimal comma', async () => {
    const head = 'id;supplier;buyer;commodity;quantity;unit;value;currency';
    const rows = ['s1;d;a;paste;6.000;kg;48.500,00;EUR', 's2;d;a;paste;6000;kg;1.250.000,00 TL;', 's3;d;a;paste;2.5;kg;900;EUR'];
    const bundle = await readBundle(makeBundle({ shipments: [head, ...rows].join('\n') }));
    expect(bundle.shipments.map((s) => [s.quantity, s.value, s.currency])).toEqual([
      [6, 48500, 'EUR'],
      [6000, 1250000, 'TRY'],
      [2.5, 900, 'EUR'],
    ]);
    expect(bundle.warnings.filter((w) => w.column === 'quantity')).toEqual([
      { file: 'shipments.csv', line: 2, column: 'quantity', reason: '"6.000" read as 6, with the dot as a decimal point; in a semicolon-separated file it may be written with a dot between thousands: if it means 6,000, write 6000' },
    ]);
    expect(bundle.warnings).toContainEqual({ file: 'shipments.csv', line: 3, column: 'value', reason: '"1.250.000,00 TL" read as the value 1250000 in TRY; write only the number in the value column (the currency in its own) to be sure' });
    // The value column's summary counts no cell of dots and a comma as a dot.
    expect(bundle.warnings.find((w) => w.column === 'value' && w.reason.includes('decimal comma'))!.reason).not.toMatch(/uses a dot/);
    // A comma-separated file writes no dots between thousands: 6.000 is six, and no warning is needed.
    const plain = await readBundle(makeBundle({ shipments: 'id,supplier,buyer,commodity,quantity,unit\ns1,d,a,paste,6.000,kg' }));
    expect(plain.warnings.filter((w) => w.column === 'quantity')).toEqual([]);
  });
});

describe('a FollowTheMoney export as Aleph and registers write it', () => {
  it('reads payment amounts with commas between thousands, and a person\'s nationality as their country when no other is given', async () => {
    const dir = tempDir();
    const lines = [
      { id: 'c1', schema: 'Company', properties: { name: ['Kervan Kimya'], country: ['tr'] } },
      { id: 'c2', schema: 'Company', properties: { name: ['Yıldız GSM'] } },
      { id: 'p1', schema: 'Person', properties: { name: ['Mahmut Demirtaş'], nationality: ['tr'] } },
      { id: 'p2', schema: 'Person', properties: { name: ['Halil Demirtaş'], country: ['de'], nationality: ['tr'] } },
      { id: 'y1', schema: 'Payment', properties: { payer: ['c2'], beneficiary: ['c1'], amount: ['1,250,000.00'], currency: ['try'] } },
      { id: 'y2', schema: 'Payment', properties: { payer: ['c2'], beneficiary: ['c1'], amount: ['1,25'], currency: ['EUR'] } },
    ];
    writeFileSync(join(dir, 'x.ftm.jsonl'), lines.map((l) => JSON.stringify(l)).join('\n'));
    const b = await readFtm(join(dir, 'x.ftm.jsonl'), { lenient: true });
    expect(b.shipments.map((s) => [s.id, s.value, s.currency])).toEqual([
      ['y1', 1250000, 'TRY'],
      ['y2', undefined, undefined],
    ]);
    expect(b.entities.map((e) => [e.id, e.country])).toEqual([
      ['c1', 'TR'],
      ['c2', undefined],
      ['p1', 'TR'],
      ['p2', 'DE'],
    ]);
    expect(b.warnings).toContainEqual({ file: 'x.ftm.jsonl', line: 5, column: 'amount', reason: '"1,250,000.00" read as 1250000.00 (commas between thousands)' });
    expect(b.warnings).toContainEqual({ file: 'x.ftm.jsonl', line: 3, column: 'nationality', reason: "no country of residence: the nationality TR is used as the person's country" });
  });

  it('keeps the Sanction records of an OpenSanctions export on the entities they name, and says which name none', async () => {
    const dir = tempDir();
    const lines = [
      { id: 'c1', schema: 'Company', properties: { name: ['Bab Tijara'], topics: ['sanction'] } },
      { id: 'c2', schema: 'Company', properties: { name: ['Yıldız GSM'] } },
      { id: 's1', schema: 'Sanction', properties: { entity: ['c1'], authority: ['Fictional Ministry'], program: ['Case list'], startDate: ['2016-03-01'] } },
      { id: 's2', schema: 'Sanction', properties: { entity: ['c1'], authority: ['Another Office'] } },
      { id: 's3', schema: 'Sanction', properties: { entity: ['nobody'], authority: ['X'] } },
      { id: 's4', schema: 'Sanction', properties: { authority: ['Y'] } },
    ];
    writeFileSync(join(dir, 'x.ftm.jsonl'), lines.map((l) => JSON.stringify(l)).join('\n'));
    const b = await readFtm(join(dir, 'x.ftm.jsonl'));
    expect(b.rejected).toEqual([]);
    expect(b.entities.map((e) => e.attributes.sanctions)).toEqual(['Fictional Ministry, Case list (2016-03-01); Another Office', undefined]);
    expect(b.entities[0].attributes.topics).toBe('sanction');
    expect(b.warnings).toEqual(
      expect.arrayContaining([
        { file: 'x.ftm.jsonl', line: 5, column: 'entity', reason: 'the Sanction names "nobody", which is not a legal entity of this file: not used' },
        { file: 'x.ftm.jsonl', line: 6, column: 'entity', reason: 'the Sanction "s4" names no entity: not used' },
      ]),
    );
  });
});

describe('warnings about cells written alike', () => {
  it('are one per column and form: a file of 500 dates written day.month.year gives one warning, not 500', async () => {
    const rows = Array.from({ length: 500 }, (_x, i) => `s${i},d,a,paste,${1 + (i % 28)}.03.2016,2016-04-0${1 + (i % 9)} 10:00:00`);
    const b = await readBundle(makeBundle({ relations: undefined, shipments: ['id,supplier,buyer,commodity,shipped,received', ...rows].join('\n') }));
    expect(b.shipments[27].shipped).toBe('2016-03-28');
    const shipped = b.warnings.filter((w) => w.column === 'shipped');
    expect(shipped).toEqual([{ file: 'shipments.csv', line: 2, column: 'shipped', reason: '"1.03.2016" read as the date 2016-03-01 (day.month.year); write YYYY-MM-DD to be sure (cells written alike on lines 3, 4, 5, 6, 7 and 494 more)' }]);
    // Another form of remark in another column is a warning of its own.
    expect(b.warnings.filter((w) => w.column === 'received').map((w) => w.reason)).toEqual(['"2016-04-01 10:00:00" read as the date 2016-04-01 (the time of day is left out) (cells written alike on lines 3, 4, 5, 6, 7 and 494 more)']);
    // Remarks that name different things are not folded together: two currency symbols, two warnings.
    const money = await readBundle(makeBundle({ relations: undefined, shipments: 'id,supplier,buyer,commodity,value,currency\ns1,d,a,x,100,€\ns2,d,a,x,100,£\ns3,d,a,x,100,€' }));
    expect(money.warnings.filter((w) => w.column === 'currency').map((w) => w.line)).toEqual([2, 3]);
  });
});

describe('habits of an English spreadsheet of notes (dates with month names, size classes, codes after their name)', () => {
  const names = (issues: DataIssue[]) => issues.map((i) => `${i.file}:${i.line}:${i.column ?? ''} ${i.reason}`);

  it("reads dates written with the month's name (Excel's 15-Jun-2009, June 15, 2009) with a warning, and refuses a year of two digits", async () => {
    const rows = ['s1,d,a,paste,15-Jun-2009,2009-06-20', 's2,d,a,paste,"March 3, 2016",3 Mar 2016', 's3,d,a,paste,1st Sept 2016,', 's4,d,a,paste,15-Jun-09,', 's5,d,a,paste,31-Jun-2016,'];
    const dir = makeBundle({ relations: undefined, shipments: ['id,supplier,buyer,commodity,shipped,received', ...rows].join('\n') });
    expect(names(await problems(dir))).toEqual([
      'shipments.csv:5:shipped "15-Jun-09" has a year of two digits (09: 1909 or 2009?): write the date as YYYY-MM-DD',
      'shipments.csv:6:shipped "31-Jun-2016" is not a day of the calendar: June 2016 has 30 days',
    ]);
    const b = await readBundle(dir, { lenient: true });
    expect(b.shipments.map((s) => [s.id, s.shipped, s.received])).toEqual([
      ['s1', '2009-06-15', '2009-06-20'],
      ['s2', '2016-03-03', '2016-03-03'],
      ['s3', '2016-09-01', undefined],
      ['s4', undefined, undefined],
      ['s5', undefined, undefined],
    ]);
    expect(b.warnings.find((w) => w.column === 'shipped')?.reason).toBe('"15-Jun-2009" read as the date 2009-06-15; write YYYY-MM-DD to be sure (cells written alike on lines 3, 4)');
    // Founding dates of entities too.
    const e = await readBundle(makeBundle({ entities: ENTITIES.replace('2001-05-02', '02-May-2001'), relations: undefined, shipments: undefined }));
    expect(e.entities.find((x) => x.id === 'a')?.founded).toBe('2001-05-02');
  });

  it('reads a head count said to be approximate, and says what to do with a size class (10-49) or an owners\' split (50/50)', async () => {
    const entities = ENTITIES.replace(',40,2001', ',approx. 40,2001').replace(',3,2015', ',10-49,2015');
    const relations = ['source,target,kind,share', 'c,a,owner,50/50', 'c,b,director,'].join('\n');
    const dir = makeBundle({ entities, relations, shipments: undefined });
    expect(names(await problems(dir))).toEqual([
      'entities.csv:3:employees "10-49" is a range (10 to 49), not a number: write one number (the least, 10, when that is all that is known), or leave the cell empty',
      "relations.csv:2:share \"50/50\" gives two shares (50 % and 50 %), as a split between owners is written: give each owner's share on the row of its own tie (this row's, 50 % if it comes first)",
    ]);
    const b = await readBundle(dir, { lenient: true });
    expect(b.entities.find((x) => x.id === 'a')?.employees).toBe(40);
    expect(b.entities.find((x) => x.id === 'b')?.employees).toBeUndefined();
    expect(b.warnings.find((w) => w.column === 'employees' && w.line === 2)?.reason).toBe('"approx. 40" read as 40, an estimate; write the number alone to be sure');
  });

  it('names the two kinds of tie written in one cell (Owner, Director): one row each', async () => {
    const relations = ['source,target,kind', 'c,a,"Owner, Director"', 'c,b,owner / CEO', 'a,b,Owner & Owner'].join('\n');
    expect(names(await problems(makeBundle({ relations, shipments: undefined })))).toEqual([
      'relations.csv:2:kind "Owner, Director" names 2 kinds of tie (owner, director): write one row for each, with the same source and target',
      'relations.csv:3:kind "owner / CEO" names 2 kinds of tie (owner, director): write one row for each, with the same source and target',
      'relations.csv:4:kind "Owner & Owner" names the kind owner more than once: write it once',
    ]);
  });

  it('reads an HS code after its name (HS 3212.90) and national tariff lines of up to 12 digits (Turkey\'s GTIP)', async () => {
    const rows = ['s1,d,a,paste,HS 3212.90', 's2,d,a,fertiliser,3102.30.00.00.00', 's3,d,a,paste,HS: 321290', 's4,d,a,x,3102.30.00.00.00.00'];
    const dir = makeBundle({ relations: undefined, shipments: ['id,supplier,buyer,commodity,hs_code', ...rows].join('\n') });
    expect(names(await problems(dir))).toEqual(['shipments.csv:5:hs_code "3102.30.00.00.00.00" is not a Harmonized System code (2, 4, 6 or more digits, up to 12, such as 3212.90)']);
    const b = await readBundle(dir, { lenient: true });
    expect(b.shipments.map((s) => s.hsCode)).toEqual(['321290', '310230000000', '321290', undefined]);
    expect(b.warnings.filter((w) => w.column === 'hs_code').map((w) => w.reason)[0]).toBe('"HS 3212.90" read as the HS code 321290; write the digits alone to be sure');
  });

  it('reads a required column from the one header cell whose name holds its name (Company / Person name), and names them when several do', async () => {
    const entities = ENTITIES.replace('id,kind,name,', 'id,kind,Company / Person name,');
    const b = await readBundle(makeBundle({ entities, relations: undefined, shipments: undefined }));
    expect(b.entities.find((x) => x.id === 'a')?.name).toBe('Alpha Kimya, Ltd');
    expect(b.warnings.find((w) => w.line === 1)?.reason).toBe('column "Company / Person name" read as "name": the header has no name column, and this is the one whose name holds the word; name it "name" to be sure');
    const two = makeBundle({ entities: ['Tax ID,Company ID,kind,name', '1,a,company,Alpha'].join('\n'), relations: undefined, shipments: undefined });
    expect(names(await problems(two))).toEqual(['entities.csv:1:id missing required column "id" (the header has: Tax ID, Company ID, kind, name; "Tax ID", "Company ID" each hold the word "id": name the one meant "id")']);
    // An invoice number is a shipment's id, as investigators' sheets name it.
    const inv = await readBundle(makeBundle({ relations: undefined, shipments: ['Invoice No,supplier,buyer,commodity', 'INV-1,d,a,paste'].join('\n') }));
    expect(inv.shipments.map((s) => s.id)).toEqual(['INV-1']);
  });
});

describe('dates with the year first, and money with a dot and three decimals', () => {
  it('reads 2016/03/05 and 2016-3-5 as year, month, day, with one warning per column', async () => {
    const rows = ['s1,d,a,paste,2016/03/05', 's2,d,a,paste,2016-3-5', 's3,d,a,paste,2016/02/30'];
    const dir = makeBundle({ relations: undefined, shipments: ['id,supplier,buyer,commodity,shipped', ...rows].join('\n') });
    const b = await readBundle(dir, { lenient: true });
    expect(b.shipments.map((s) => s.shipped)).toEqual(['2016-03-05', '2016-03-05', undefined]);
    expect(b.warnings.filter((w) => w.column === 'shipped').map((w) => [w.line, w.reason])).toEqual([
      [2, '"2016/03/05" read as the date 2016-03-05 (year, month, day); write YYYY-MM-DD to be sure (cells written alike on line 3)'],
      [4, '"2016/02/30" is not a date: read as year, month, day, there is no 2016-02-30: left empty, and the row read without it'],
    ]);
  });

  it('says that 45.000 in a comma-separated file may mean forty-five thousand, unless its currency has three decimals', async () => {
    const rows = ['s1,d,a,paste,45.000,USD', 's2,d,a,paste,45.000 USD,', 's3,d,a,paste,12.345,KWD', 's4,d,a,paste,45.50,USD', 's5,d,a,paste,1045.000,USD'];
    const b = await readBundle(makeBundle({ relations: undefined, shipments: ['id,supplier,buyer,commodity,value,currency', ...rows].join('\n') }));
    expect(b.shipments.map((s) => s.value)).toEqual([45, 45, 12.345, 45.5, 1045]);
    const doubts = b.warnings.filter((w) => w.column === 'value' && /a dot between thousands/.test(w.reason));
    expect(doubts.map((w) => [w.line, w.reason])).toEqual([
      [2, '"45.000" read as 45, with the dot as a decimal point: money has two decimals, so if it means 45,000 (a dot between thousands, as German or Turkish spreadsheets write it), write 45000 (cells written alike on line 3)'],
    ]);
  });
});

describe('an estimate', () => {
  it('is a head count read as its number, and an amount or quantity refused with what to write', async () => {
    const rows = ['s1,d,a,paste,approx. 6,t,100,EUR', 's2,d,a,paste,6,t,~250,EUR'];
    const dir = makeBundle({ relations: undefined, shipments: ['id,supplier,buyer,commodity,quantity,unit,value,currency', ...rows].join('\n') });
    expect((await problems(dir)).map((p) => `${p.line} ${p.column}: ${p.reason}`)).toEqual([
      '2 quantity: "approx. 6" is an estimate: write it without "approx." (6) if that is the figure to use, and keep the doubt in a column of its own (a note), or leave the cell empty',
      '3 value: "~250" is an estimate: write it without "~" (250) if that is the figure to use, and keep the doubt in a column of its own (a note), or leave the cell empty',
    ]);
  });
});

describe("habits of a French-speaking investigator's sheet (spaces between thousands, kinds and months in French)", () => {
  const names = (issues: DataIssue[]) => issues.map((i) => `${i.file}:${i.line}:${i.column ?? ''} ${i.reason}`);

  it('reads headers in French, Spanish, German and Turkish, without regard to accents, apostrophes or the sign of a number', async () => {
    const entities = ["Identifiant;Nom;Type;Pays;Ville;Secteur d'activité;Date de création;Effectif", 'E1;Alpha SARL;Société;Niger;Niamey;quincaillerie;15/06/2016;12', 'E2;Beta SA;SA;Nigéria;Sokoto;produits chimiques;2005-01-01;85'].join('\n');
    const relations = ['Kaynak;Hedef;İlişki;Hisse', 'E2;E1;hissedar;10'].join('\n');
    const shipments = ["N° facture;Date d'expédition;Proveedor;Comprador;Désignation;Code SH;Cantidad;Unidad;Valor;Währung;Alıcı", "F1;15/06/2018;E2;E1;nitrate d'ammonium;3102.30;6;t;2 450 000;XOF;"].join('\n');
    const b = await readBundle(makeBundle({ entities, relations, shipments, places: undefined }));
    expect(b.entities.map((e) => [e.id, e.name, e.kind, e.country, e.city, e.sector, e.founded, e.employees])).toEqual([
      ['E1', 'Alpha SARL', 'company', 'NE', 'Niamey', 'quincaillerie', '2016-06-15', 12],
      ['E2', 'Beta SA', 'company', 'NG', 'Sokoto', 'produits chimiques', '2005-01-01', 85],
    ]);
    expect(b.relations.map((r) => [r.source, r.target, r.kind, r.share])).toEqual([['E2', 'E1', 'owner', 10]]);
    // (Alıcı is the buyer in Turkish: with Comprador already the buyer, it is kept as an attribute, as any second name)
    expect(b.shipments.map((x) => [x.id, x.shipped, x.supplier, x.buyer, x.hsCode, x.quantity, x.unit, x.value, x.currency])).toEqual([['F1', '2018-06-15', 'E2', 'E1', '310230', 6, 't', 2450000, 'XOF']]);
    const header = b.warnings.filter((w) => w.line === 1 && w.file === 'shipments.csv').map((w) => w.reason);
    expect(header).toContainEqual(expect.stringMatching(/^column "N° facture" read as "id"/));
    expect(header).toContainEqual(expect.stringMatching(/^column "Währung" read as "currency"/));
  });

  it('reads spaces and apostrophes between thousands, beside a currency or unit too, with one warning per column', async () => {
    const nbsp = '\u00a0';
    const narrow = '\u202f';
    const rows = ['s1;d;a;paste;20 000;kg;7 400,00;EUR', `s2;d;a;paste;6;t;2${nbsp}450${nbsp}000 XOF;`, `s3;d;a;paste;1${narrow}500 kg;;€ 12 500,50;`, "s4;d;a;paste;5;t;12'500.50;CHF", 's5;d;a;paste;12 34;kg;;'];
    const dir = makeBundle({ relations: undefined, shipments: ['id;supplier;buyer;commodity;quantity;unit;value;currency', ...rows].join('\n') });
    // A space that is not between groups of three digits is no thousands separator.
    expect(names(await problems(dir))).toEqual(['shipments.csv:6:quantity "12 34" is not a number (write digits with a dot for decimals, no thousands separators)']);
    const b = await readBundle(dir, { lenient: true });
    expect(b.shipments.map((s) => [s.id, s.quantity, s.unit, s.value, s.currency])).toEqual([
      ['s1', 20000, 'kg', 7400, 'EUR'],
      ['s2', 6, 't', 2450000, 'XOF'],
      ['s3', 1500, 'kg', 12500.5, 'EUR'],
      ['s4', 5, 't', 12500.5, 'CHF'],
      ['s5', undefined, undefined, undefined, undefined],
    ]);
    // In a comma-separated file the decimal comma after them is refused, as any, and no warning says it was read.
    const comma = makeBundle({ relations: undefined, shipments: ['id,supplier,buyer,commodity,value,currency', 's1,d,a,paste,"7 400,00",EUR'].join('\n') });
    expect(names(await problems(comma))).toEqual([expect.stringMatching(/^shipments\.csv:2:value "7 400,00" is not a number/)]);
    expect((await readBundle(comma, { lenient: true })).warnings.filter((w) => /between thousands/.test(w.reason))).toEqual([]);
    const spaced = b.warnings.filter((w) => /between thousands/.test(w.reason)).map((w) => `${w.line}:${w.column} ${w.reason}`);
    expect(spaced).toEqual([
      '2:quantity 2 numbers written with spaces between thousands (such as "20 000", read as 20000), as spreadsheets set for French, Russian, Swiss and many other languages write them',
      '2:value 4 numbers written with spaces between thousands (such as "7 400,00", read as 7400), as spreadsheets set for French, Russian, Swiss and many other languages write them',
    ]);
  });

  it('reads kinds of entities, ties and places in French, Spanish, German and Turkish, without regard to accents or dots', async () => {
    const entities = ['id,kind,name', 'a,Société,Alpha', 'b,S.A.R.L.,Beta', 'c,personne physique,Carol', 'd,GmbH,Delta', 'e,Gerçek kişi,Emre', 'f,Coopérative,Foxtrot'].join('\n');
    const relations = ['source,target,kind', 'c,a,Actionnaire', 'c,b,Gérant', 'e,d,Geschäftsführer', 'c,e,Frère', 'e,c,Kardeş', 'c,f,mandataire'].join('\n');
    const places = ['id,name,kind,country,lat,lon', 'p1,Illela,Poste frontière,NE,14.46,5.25', 'p2,Kilis,Sınır kapısı,TR,36.65,37.08'].join('\n');
    const b = await readBundle(makeBundle({ entities, relations, shipments: undefined, places }));
    expect(b.entities.map((e) => e.kind)).toEqual(['company', 'company', 'person', 'company', 'person', 'organization']);
    expect(b.relations.map((r) => r.kind)).toEqual(['owner', 'director', 'director', 'family', 'family', 'agent']);
    expect(b.places.map((p) => p.kind)).toEqual(['border_crossing', 'border_crossing']);
    expect(b.warnings.find((w) => w.file === 'relations.csv' && w.line === 3)?.reason).toBe('"Gérant" read as director');
    // Legal forms of many countries, dots and spaces as registers write them.
    const forms = ['S.A. de C.V.', 'S.A.C.', 'Cía. Ltda.', 'GmbH & Co. KG', 'Sp. z o.o.', 's.r.o.', 'Kft.', 'Oy', 'ApS', 'Sdn. Bhd.', 'ООО', 'OOO'];
    const many = await readBundle(makeBundle({ entities: ['id,kind,name', ...forms.map((f, i) => `e${i},"${f}",Firm ${i}`)].join('\n'), relations: undefined, shipments: undefined }));
    expect(many.entities.map((e) => e.kind)).toEqual(forms.map(() => 'company'));
  });

  it('reads dates with the month in French, Spanish, German or Turkish, estimates in French, and units in those languages', async () => {
    const rows = ['s1,d,a,paste,15 août 2018,5,pièces', 's2,d,a,paste,1er juin 2018,5,adet', 's3,d,a,paste,15 de junio de 2018,5,Stück', 's4,d,a,paste,3 Şubat 2017,2,tonnes', 's5,d,a,paste,31 avril 2018,2,t'];
    const dir = makeBundle({ relations: undefined, shipments: ['id,supplier,buyer,commodity,shipped,quantity,unit', ...rows].join('\n') });
    expect(names(await problems(dir))).toEqual(['shipments.csv:6:shipped "31 avril 2018" is not a day of the calendar: April 2018 has 30 days']);
    const b = await readBundle(dir, { lenient: true });
    expect(b.shipments.map((s) => [s.shipped, s.unit])).toEqual([
      ['2018-08-15', 'pcs'],
      ['2018-06-01', 'pcs'],
      ['2018-06-15', 'pcs'],
      ['2017-02-03', 't'],
      [undefined, 't'],
    ]);
    const e = await readBundle(makeBundle({ entities: ENTITIES.replace(',40,2001', ',env. 40,2001'), relations: undefined, shipments: undefined }));
    expect(e.entities.find((x) => x.id === 'a')?.employees).toBe(40);
  });

  it('reads the currency symbols of Latin America and Africa that stand for one currency, and refuses those that stand for two', async () => {
    const rows = ['s1,d,a,x,10,S/.', 's2,d,a,x,10,COP$', 's3,d,a,x,10,MX$', 's4,d,a,x,10,KSh', 's5,d,a,x,10,GH₵', 's6,d,a,x,10,Birr', 's7,d,a,x,10,Bs.'];
    const dir = makeBundle({ relations: undefined, shipments: ['id,supplier,buyer,commodity,value,currency', ...rows].join('\n') });
    expect(names(await problems(dir))).toEqual(['shipments.csv:8:currency currency "Bs." is ambiguous: it can be the Bolivian boliviano (BOB) or the Venezuelan bolívar (VES); the shipment\'s countries (DK, TR) do not settle which; write the ISO 4217 code']);
    const b = await readBundle(dir, { lenient: true });
    expect(b.shipments.map((s) => s.currency)).toEqual(['PEN', 'COP', 'MXN', 'KES', 'GHS', 'ETB', undefined]);
  });

  it('reads FCFA, lira or ¥ as the one currency the shipment\'s countries use, and refuses it where they do not settle which', async () => {
    const entities = ['id,kind,name,country', 'ne,company,Niamey Shop,NE', 'ng,company,Sokoto Chemicals,NG', 'cm,company,Douala Trading,CM', 'tr,company,Kilis Ticaret,TR', 'cn,company,Yiwu Parts,CN', 'us,company,Ohio Tools,US', 'x,company,Nowhere Ltd,', 'y,company,Elsewhere Ltd,'].join('\n');
    const shipments = [
      'id,supplier,buyer,commodity,value,currency,origin_country',
      's1,ng,ne,paste,1000,FCFA,', // Nigeria uses neither CFA franc, Niger the West African one
      's2,ne,cm,paste,1000,F CFA,', // Niger and Cameroon: one each
      's3,ng,x,paste,1000,FCFA,', // Nigeria alone: neither
      's4,x,y,paste,1000,FCFA,', // no country at all
      's5,ng,ne,paste,"2 450 000 FCFA",,', // the value written with it
      's6,ng,ne,paste,"2 450 000 FCFA",XAF,', // the currency cell says which
      's7,x,y,paste,1000,FCFA,ML', // where the goods left
      's8,ng,tr,paste,1000,lira,', // TRY, not the Syrian or Lebanese pound
      's9,cn,ne,paste,1000,¥,', // CNY, not JPY
      's10,us,ne,paste,1000,$,', // the dollar of trade: never inferred
    ].join('\n');
    const dir = makeBundle({ entities, relations: undefined, shipments });
    const refused = await problems(dir);
    expect(refused.map((p) => [p.line, p.column])).toEqual([
      [3, 'currency'],
      [4, 'currency'],
      [5, 'currency'],
      [11, 'currency'],
    ]);
    expect(refused[0].reason).toMatch(/^currency "F CFA" is ambiguous: it can be the CFA franc of West Africa \(XOF: .*, two currencies; the shipment's countries \(NE, CM\) do not settle which \(they use XOF and XAF\); write the ISO 4217 code$/);
    expect(refused[1].reason).toMatch(/; the shipment's countries \(NG\) do not settle which; write the ISO 4217 code$/);
    expect(refused[2].reason).toMatch(/; the shipment names no country that would settle which; write the ISO 4217 code$/);
    expect(refused[3].reason).toMatch(/^currency "\$" is ambiguous: .*; write the ISO 4217 code$/);
    const b = await readBundle(dir, { lenient: true });
    expect(b.shipments.map((s) => [s.id, s.value, s.currency])).toEqual([
      ['s1', 1000, 'XOF'],
      ['s2', undefined, undefined],
      ['s3', undefined, undefined],
      ['s4', undefined, undefined],
      ['s5', 2450000, 'XOF'],
      ['s6', 2450000, 'XAF'],
      ['s7', 1000, 'XOF'],
      ['s8', 1000, 'TRY'],
      ['s9', 1000, 'CNY'],
      ['s10', undefined, undefined],
    ]);
    // Said once per word and currency read, with the countries that settled it; the value written with it as well.
    const said = b.warnings.filter((w) => w.file === 'shipments.csv' && / read as [A-Z]{3}: of the currencies/.test(w.reason));
    expect(said.map((w) => [w.line, w.column, w.reason])).toEqual([
      [2, 'currency', '"FCFA" read as XOF: of the currencies it can name (XOF, XAF), only XOF is used in the shipment\'s countries ("NG, NE"); write the ISO 4217 code to be sure (cells written alike on line 8)'],
      [6, 'value', '"FCFA" read as XOF: of the currencies it can name (XOF, XAF), only XOF is used in the shipment\'s countries ("NG, NE"); write the ISO 4217 code to be sure'],
      [9, 'currency', '"lira" read as TRY: of the currencies it can name (TRY, SYP, LBP), only TRY is used in the shipment\'s countries ("NG, TR"); write the ISO 4217 code to be sure'],
      [10, 'currency', '"¥" read as CNY: of the currencies it can name (JPY, CNY), only CNY is used in the shipment\'s countries ("CN, NE"); write the ISO 4217 code to be sure'],
    ]);
    expect(b.warnings.find((w) => w.line === 7 && w.column === 'value')?.reason).toBe('"FCFA" read as XAF, the currency of the row; write only the number in the value column to be sure');
    // The values read once the row was read stand in the file's key order, as a value read in its cell does.
    const keys = (id: string) => Object.keys(b.shipments.find((s) => s.id === id)!).join(',');
    expect([keys('s5'), keys('s6'), keys('s7')]).toEqual([keys('s1'), keys('s1'), keys('s7').includes('originCountry') ? keys('s1').replace('currency,', 'currency,originCountry,') : keys('s1')]);
  });

  it('raises no doubt about a sector in French beside its code, nor about one that names goods beside the code of their trade', async () => {
    const entities = ['id,kind,name,sector,isic', 'b,company,Beta,téléphonie mobile,4741', 'c,company,Gamma,Engrais,4669', 'd,company,Delta,fertiliser,4669', 'e,company,Echo,fertiliser,4741'].join('\n');
    const b = await readBundle(makeBundle({ entities, relations: undefined, shipments: undefined }));
    expect(b.entities.map((e) => [e.id, e.isic])).toEqual([
      ['b', '4741'],
      ['c', '4669'],
      ['d', '4669'],
      ['e', '4741'],
    ]);
    // (téléphonie mobile is no "mobile food service", Engrais and fertiliser no fertiliser shop beside 4669; a phone
    // shop's code beside fertiliser is a doubt)
    expect(b.warnings.filter((w) => w.column === 'isic').map((w) => w.line)).toEqual([5]);
  });
});

describe("habits of a Spanish-speaking investigator's sheets (dots between thousands, a customs export's columns)", () => {
  const entities = ['id;kind;name;country;lat;lon;founded', 'a;Persona jurídica;Alfa SAC;PE;-12,05;-77,04;05/2018', 'b;Persona natural con negocio;Bodega Beta;PE;;;', 'c;Persona natural;Carla;PE;;;', 'd;Empresa;Delta SRL;BO;;;'].join('\n');

  it('reads 12.500 as twelve thousand five hundred where the file writes its decimals with a comma, and only there', async () => {
    const shipments = ['id;supplier;buyer;commodity;quantity;unit;value;currency', 's1;a;b;paste;12.500;KG;US$ 48.750,00;', 's2;a;b;paste;7,5;TM;9.800,00;USD', 's3;a;d;paste;2.000;UND;Bs 38.500;'].join('\n');
    const b = await readBundle(makeBundle({ entities, relations: undefined, shipments }));
    expect(b.shipments.map((s) => [s.id, s.quantity, s.unit, s.value, s.currency])).toEqual([
      ['s1', 12500, 'kg', 48750, 'USD'],
      ['s2', 7.5, 't', 9800, 'USD'],
      ['s3', 2000, 'pcs', 38500, 'BOB'],
    ]);
    expect(b.warnings.find((w) => w.file === 'shipments.csv' && w.column === 'quantity')?.reason).toBe('2 numbers written with dots between thousands (such as "12.500", read as 12500), as the file\'s numbers write their decimals with a comma (such as "US$ 48.750,00")');
    // A file whose first lines write a decimal with a dot (12.5) has no such habit: `2.000` stays two, with the doubt said.
    const mixed = ['id;supplier;buyer;commodity;quantity;unit', 's1;a;b;paste;12.5;kg', 's2;a;b;paste;7,5;t', 's3;a;b;paste;2.000;kg'].join('\n');
    const m = await readBundle(makeBundle({ entities, relations: undefined, shipments: mixed }));
    expect(m.shipments.map((s) => s.quantity)).toEqual([12.5, 7.5, 2]);
    expect(m.warnings.some((w) => w.line === 4 && w.column === 'quantity' && w.reason.startsWith('"2.000" read as 2, with the dot as a decimal point'))).toBe(true);
    // Coordinates are never thousands: `-12.050` in such a file is a latitude of -12.05.
    const places = ['id;name;kind;countries;lat;lon', 'p;Desaguadero;Paso de frontera;PE|BO;-16.565;-69.041', 'q;Kasani;CEBAF;PE|BO;-16,295;-69,012'].join('\n');
    const p = await readBundle(makeBundle({ entities, relations: undefined, shipments: undefined, places }));
    expect(p.places.map((x) => [x.kind, x.lat])).toEqual([['border_crossing', -16.565], ['border_crossing', -16.295]]);
  });

  it('reads kinds, ties, units and the columns of a customs export in Spanish, and a month and year as a partial date', async () => {
    const relations = ['source;target;kind', 'c;a;Titular gerente', 'c;b;Gerente general', 'c;d;Representante legal', 'c;a;Socia', 'b;a;Mismo domicilio', 'c;d;Apoderado'].join('\n');
    const shipments = ['N° Guía/DUA;Fecha;Proveedor;Comprador;Descripción comercial;Subpartida;Cantidad;Unidad;Peso neto kg;País origen;País destino', 'DUA-1;15/01/2020;a;d;Emulsión explosiva;3602.00.20.00;1;TM;1000;PE;BO'].join('\n');
    const b = await readBundle(makeBundle({ entities, relations, shipments }));
    expect(b.entities.map((e) => e.kind)).toEqual(['company', 'company', 'person', 'company']);
    expect(b.relations.map((r) => r.kind)).toEqual(['owner', 'director', 'director', 'associate', 'shared_address', 'agent']);
    expect(b.shipments[0]).toMatchObject({ id: 'DUA-1', supplier: 'a', buyer: 'd', commodity: 'Emulsión explosiva', hsCode: '3602002000', quantity: 1, unit: 't', originCountry: 'PE', destinationCountry: 'BO' });
    expect(b.warnings.find((w) => w.column === 'N° Guía/DUA')?.reason).toBe('column "N° Guía/DUA" read as "id": the header has no id column, and this is the one whose name holds the word; name it "id" to be sure');
    expect(b.entities[0].founded).toBeUndefined();
    expect(b.entities[0].attributes.founded).toBe('05/2018');
    // A preposition that names a column (`von`: a tie's source in German) is not read out of `Gültig von` (valid from).
    const dir = makeBundle({ entities, relations: ['Gültig von;target;kind', '2020-01-01;a;owner'].join('\n'), shipments: undefined });
    expect((await problems(dir)).map((p) => p.reason)).toEqual([expect.stringMatching(/^missing required column "source"/)]);
  });

  it('says when an id looks like a number a spreadsheet wrote in scientific notation, and that two rows of one entity are no tie', async () => {
    const dir = makeBundle({
      entities: ['id;kind;name', '2,09990E+10;company;Alfa', 'b;company;Beta'].join('\n'),
      relations: ['source;target;kind', 'b;2,09990E+10;Misma persona?'].join('\n'),
      shipments: ['id;supplier;buyer;commodity', 's1;b;2,09991E+10;paste'].join('\n'),
    });
    const refused = await problems(dir);
    expect(refused.map((p) => [p.file, p.line, p.column])).toEqual([
      ['relations.csv', 2, 'kind'],
      ['shipments.csv', 2, 'buyer'],
    ]);
    expect(refused[0].reason).toMatch(/; two rows that are one entity are not a tie: give the entity one row \(one id\) in entities\.csv/);
    expect(refused[1].reason).toMatch(/^unknown entity id "2,09991E\+10" \(not in entities\.csv\): it looks like a long number a spreadsheet wrote in scientific notation/);
    const b = await readBundle(dir, { lenient: true });
    expect(b.warnings.find((w) => w.file === 'entities.csv' && w.column === 'id')?.reason).toMatch(/^"2,09990E\+10": it looks like a long number a spreadsheet wrote in scientific notation/);
  });
});

describe('a Russian-speaking investigator’s sheets', () => {
  // As Excel set for Russian saves "CSV": semicolons, decimal commas, spaces between thousands, Windows-1251.
  const entities = [
    'ИД;Тип;Наименование;Страна;Город;Адрес;Вид деятельности;Дата регистрации;Телефон;ИНН',
    'kg-01;ОсОО;ОсОО «Альфа Трейд»;Кыргызстан;Бишкек;ул. Токтогула, 100;Розничная торговля одеждой;12.04.2022;+996 555 123 456;02104202210123',
    'kg-02;компания;ОсОО «Тянь-Шань Логистик»;Киргизия;Бишкек;ул. Токтогула, 100;Грузовые перевозки;20 апреля 2022 г.;;',
    'ru-01;Юр. лицо;ООО «Вектор»;РФ;Москва;;Оптовая торговля электронными компонентами;01.03.2022;;7707000002',
    'p-01;Физ. лицо;Асанов Бакыт Маратович;КР;Бишкек;;;;;',
  ].join('\r\n');
  const relations = ['Источник;Цель;Тип связи;Доля, %;Дата начала', 'p-01;kg-01;Учредитель;51;12.04.2022', 'p-01;kg-01;Генеральный директор;;', 'p-01;kg-02;владелец;100;'].join('\r\n');
  const shipments = [
    '№ декларации;Отправитель;Получатель;Товар;Код ТН ВЭД;Кол-во;Ед. изм.;Вес нетто, кг;Стоимость;Валюта;Дата отгрузки;Страна назначения',
    '10702070/150522/0012345;ru-01;kg-01;Микросхемы интегральные;8542 31 000 0;12 000;шт;45,5;1 250 000,00;долл. США;15.05.2022;Киргизия',
    '10702070/200622/0013555;kg-01;ru-01;Микросхемы интегральные;8542 31 000 0;12 000;шт;45,5;118 000 000,00;руб.;5 августа 2022 г.;Россия',
    '10702070/010722/0014002;kg-02;ru-01;Поддоны;;2,5;т;;450 000;сом;1 июля 2022;Россия',
  ].join('\r\n');

  it('reads a sheet saved in Windows-1251: Russian column names, kinds, ties, units, currencies, months and countries, each said', async () => {
    const dir = makeBundle({ places: undefined });
    const write = (file: string, text: string) => writeFileSync(join(dir, file), encodeIn('windows-1251', text));
    write('entities.csv', entities);
    write('relations.csv', relations);
    write('shipments.csv', shipments);
    const b = await readBundle(dir);
    expect(b.entities.map((e) => [e.id, e.kind, e.name, e.country, e.city, e.sector, e.founded])).toEqual([
      ['kg-01', 'company', 'ОсОО «Альфа Трейд»', 'KG', 'Бишкек', 'Розничная торговля одеждой', '2022-04-12'],
      ['kg-02', 'company', 'ОсОО «Тянь-Шань Логистик»', 'KG', 'Бишкек', 'Грузовые перевозки', '2022-04-20'],
      ['ru-01', 'company', 'ООО «Вектор»', 'RU', 'Москва', 'Оптовая торговля электронными компонентами', '2022-03-01'],
      ['p-01', 'person', 'Асанов Бакыт Маратович', 'KG', 'Бишкек', undefined, undefined],
    ]);
    expect(b.relations.map((r) => [r.source, r.target, r.kind, r.share, r.start])).toEqual([
      ['p-01', 'kg-01', 'owner', 51, '2022-04-12'],
      ['p-01', 'kg-01', 'director', undefined, undefined],
      ['p-01', 'kg-02', 'owner', 100, undefined],
    ]);
    // (the net mass beside a count is the goods' weight in kg, and kept as written: the quantity is the count)
    expect(b.shipments.map((s) => [s.id, s.hsCode, s.quantity, s.unit, s.quantityKg, s.attributes['вес нетто, кг'], s.value, s.currency, s.shipped, s.destinationCountry])).toEqual([
      ['10702070/150522/0012345', '8542310000', 12000, 'pcs', 45.5, '45.5', 1250000, 'USD', '2022-05-15', 'KG'],
      ['10702070/200622/0013555', '8542310000', 12000, 'pcs', 45.5, '45.5', 118000000, 'RUB', '2022-08-05', 'RU'],
      ['10702070/010722/0014002', undefined, 2.5, 't', 2500, undefined, 450000, 'KGS', '2022-07-01', 'RU'],
    ]);
    const said = b.warnings.map((w) => `${w.file}:${w.column ?? ''}:${w.reason}`);
    expect(said).toContain('entities.csv::the file is not UTF-8: read as Windows-1251 (Cyrillic), as its letters beyond ASCII suggest; check that names read right, and save the file as "CSV UTF-8" to be sure');
    expect(said).toContain('shipments.csv:№ декларации:column "№ декларации" read as "id" (Unique identifier of the shipment)');
    expect(said.filter((x) => /^(shipments|relations)\.csv:(Вес нетто, кг|Доля, %|Код ТН ВЭД|Ед\. изм\.):column .* read as "(weight_kg|share|hs_code|unit)"/.test(x))).toHaveLength(4);
    expect(said).toContain('shipments.csv:currency:currency "руб." read as RUB (Russian Ruble); write the ISO 4217 code to be sure');
    // (one warning per column and form: the first cell quoted, the others counted)
    const starting = (text: string) => said.filter((x) => x.startsWith(text));
    expect(starting('shipments.csv:shipped:"5 августа 2022 г." read as the date 2022-08-05; write YYYY-MM-DD to be sure')).toHaveLength(1);
    expect(starting('entities.csv:kind:"Физ. лицо" read as person')).toHaveLength(1);
    expect(starting('relations.csv:kind:"Генеральный директор" read as director')).toHaveLength(1);
  });

  it('reads a mass written with its unit in the column of kilograms (0,12 т, 2.5 t, 750 g), and refuses a count there', async () => {
    const head = 'id,supplier,buyer,commodity,quantity,unit,weight_kg';
    const b = await readBundle(makeBundle({ shipments: [head, 's1,a,b,chips,5000,pcs,2.5 t', 's2,a,b,chips,300,pcs,750 g', 's3,a,b,chips,100,pcs,"1,200 kg"'].join('\n') }));
    expect(b.shipments.map((x) => [x.id, x.quantityKg, x.attributes.weight_kg])).toEqual([
      ['s1', 2500, '2500'],
      ['s2', 0.75, '0.75'],
      ['s3', 1200, '1200'],
    ]);
    expect(b.warnings.map((w) => w.reason)).toContainEqual(expect.stringMatching(/^"2\.5 t" read as 2500 kg \(a mass written with its unit in the column of kilograms\)/));
    const semi = await readBundle(makeBundle({ shipments: ['id;supplier;buyer;commodity;weight_kg', 's1;a;b;chips;0,12 т'].join('\n') }));
    expect(semi.shipments.map((x) => [x.quantity, x.unit, x.quantityKg])).toEqual([[120, 'kg', 120]]);
    const issues = await problems(makeBundle({ shipments: [head, 's1,a,b,chips,5000,pcs,12 pcs'].join('\n') }));
    expect(issues.map((i) => `${i.column}: ${i.reason}`)).toEqual(['weight_kg: "12 pcs" is not a mass (pcs is no unit of mass): the column holds kilograms; write the quantity and its unit in the quantity and unit columns']);
  });

  it('reads Номер as the shipment number, and keeps a second such column as an attribute, saying so', async () => {
    const b = await readBundle(makeBundle({ shipments: ['Номер;Номер декларации;Отправитель;Получатель;Товар', '1;10702070/150522/0012345;a;b;Микросхемы'].join('\n') }));
    expect(b.shipments.map((x) => [x.id, x.attributes['номер декларации']])).toEqual([['1', '10702070/150522/0012345']]);
    expect(b.warnings.map((w) => w.reason)).toContain('column "Номер декларации" is kept as a text attribute: the header already has "id"');
  });

  it('names the kind, unit and currency words it does not know, as in any language', async () => {
    const bad = ['№ декларации;Отправитель;Получатель;Товар;Кол-во;Ед. изм.;Стоимость;Валюта', 's1;a;b;Услуги;1;усл. ед.;100;долл.'].join('\n');
    const issues = await problems(makeBundle({ shipments: bad }));
    expect(issues.map((i) => `${i.column}: ${i.reason}`)).toEqual([
      expect.stringMatching(/^currency: currency "долл\." is ambiguous: it can be the US dollar \(USD\)/),
      expect.stringMatching(/^unit: unknown unit "усл\. ед\."/),
    ]);
  });
});

describe('an Arabic-speaking investigator’s sheets', () => {
  const entities = [
    'المعرف,النوع,الاسم,البلد,المدينة,عدد الموظفين,تاريخ التأسيس,الهاتف',
    'a,شركة,شركة النجمة للتجارة العامة,العراق,أربيل,١٢,٢٠١٣/٠٤/٠٢,\u200e+964 750 555 0142',
    'b,مؤسسة,مكتب الرافدين للهواتف النقالة,IQ,الموصل,٣,15 آذار 2016,\u200f07701234567',
    'c,شخص,أحمد خليل,IQ,الموصل,,,',
    'd,company,Delta ApS,DK,Aarhus,٤٠,,',
  ].join('\n');
  const relations = ['المصدر,الهدف,العلاقة,النسبة', 'c,b,مالك,١٠٠', 'c,a,مدير مفوض,', 'a,b,نفس العنوان,'].join('\n');
  const shipments = [
    'رقم الشحنة,المورد,المشتري,المادة,رمز النظام المنسق,الكمية,الوحدة,القيمة,العملة,تاريخ الشحن',
    's1,d,a,عجينة الألمنيوم,٣٢١٢٫٩٠,٦,طن,"١٢٬٥٠٠٫٥٠",دولار أمريكي,١ أيار ٢٠١٧',
    's2,a,b,نترات الأمونيوم,310230,3000,كغم,7500000,د.ع,2017-05-20',
    // A reference copied from an Arabic page with a right-to-left mark after it.
    's3,a,b\u200f,دوائر إلكترونية,,2000,قطعة,,,\u200f2017-06-01',
  ].join('\n');

  it('reads Arabic column names, kinds, ties, units, currencies and dates, and Arabic-Indic digits, each said once per column', async () => {
    const b = await readBundle(makeBundle({ entities, relations, shipments, places: undefined }));
    expect(b.entities.map((e) => [e.id, e.kind, e.country, e.employees, e.founded, e.attributes.phone])).toEqual([
      ['a', 'company', 'IQ', 12, '2013-04-02', '+964 750 555 0142'],
      ['b', 'company', 'IQ', 3, '2016-03-15', '07701234567'],
      ['c', 'person', 'IQ', undefined, undefined, undefined],
      ['d', 'company', 'DK', 40, undefined, undefined],
    ]);
    expect(b.relations.map((r) => [r.source, r.target, r.kind, r.share])).toEqual([
      ['c', 'b', 'owner', 100],
      ['c', 'a', 'director', undefined],
      ['a', 'b', 'shared_address', undefined],
    ]);
    expect(b.shipments.map((s) => [s.id, s.buyer, s.hsCode, s.quantity, s.unit, s.quantityKg, s.value, s.currency, s.shipped])).toEqual([
      ['s1', 'a', '321290', 6, 't', 6000, 12500.5, 'USD', '2017-05-01'],
      ['s2', 'b', '310230', 3000, 'kg', 3000, 7500000, 'IQD', '2017-05-20'],
      ['s3', 'b', undefined, 2000, 'pcs', undefined, undefined, undefined, '2017-06-01'],
    ]);
    const digits = b.warnings.filter((w) => w.reason.includes('Arabic-Indic digits'));
    // One warning per file and column, its first cell the example.
    expect(digits.map((w) => `${w.file}:${w.line}:${w.column}`)).toEqual([
      'entities.csv:2:employees',
      'entities.csv:2:founded',
      'relations.csv:2:share',
      'shipments.csv:2:hs_code',
      'shipments.csv:2:quantity',
      'shipments.csv:2:shipped',
      'shipments.csv:2:value',
    ]);
    expect(digits[0].reason).toBe('"١٢" is written with Arabic-Indic digits: read as "12" (cells written alike on lines 3, 5)');
    const said = b.warnings.map((w) => `${w.file}:${w.column}:${w.reason}`);
    expect(said).toContain('entities.csv:المعرف:column "المعرف" read as "id" (Unique identifier, referenced by the other files)');
    expect(said).toContain('shipments.csv:رقم الشحنة:column "رقم الشحنة" read as "id" (Unique identifier of the shipment)');
    expect(said).toContain('shipments.csv:currency:currency "د.ع" read as IQD (Iraqi Dinar); write the ISO 4217 code to be sure');
    expect(said).toContain('shipments.csv:shipped:"1 أيار 2017" read as the date 2017-05-01; write YYYY-MM-DD to be sure');
  });

  it('reads header names copied from an Arabic page with the direction marks around them', async () => {
    const dir = makeBundle({ entities: ['\u200fالمعرف,kind,\u200fالاسم\u200f,\u200eNotes', 'E1,company,Alpha,x'].join('\n'), relations: undefined, shipments: undefined, places: undefined });
    const b = await readBundle(dir);
    expect(b.entities.map((e) => [e.id, e.name, e.attributes])).toEqual([['E1', 'Alpha', { notes: 'x' }]]);
  });

  it('names the id a reference written with the other digits stands for (Arabic-Indic for Western, and the reverse)', async () => {
    const dir = makeBundle({ entities: ['id,kind,name', 'E08,company,Alpha', 'E09,company,Beta', '٧,person,Gamma'].join('\n'), relations: ['source,target,kind', 'E٠٨,E09,owner', '7,E09,director'].join('\n'), shipments: undefined, places: undefined });
    expect((await problems(dir)).map((p) => p.reason)).toEqual([
      'unknown entity id "E٠٨" (not in entities.csv; did you mean "E08"? the two write their digits differently (Arabic-Indic and Western), and ids are compared as written)',
      'unknown entity id "7" (not in entities.csv; did you mean "٧"? the two write their digits differently (Arabic-Indic and Western), and ids are compared as written)',
    ]);
  });
});
