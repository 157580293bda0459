import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BundleNotFoundError, InvalidBundleError, readBundle } from '@chokepoint/ingest';
import { formatIssue, type DataIssue, type Entity } from '@chokepoint/model';
import { encodeIn, ENTITIES, makeBundle, RELATIONS, removeBundles, SHIPMENTS, tempDir } from './helpers';

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

describe('readBundle on a valid bundle', () => {
  it('reads every file, types the values and keeps extra columns as attributes', async () => {
    const bundle = await readBundle(makeBundle({}));
    expect(bundle.entities).toHaveLength(4);
    expect(bundle.relations).toHaveLength(3);
    expect(bundle.shipments).toHaveLength(2);
    expect(bundle.places).toHaveLength(1);
    expect(bundle.rejected).toEqual([]);
    const a = bundle.entities[0];
    expect(a).toMatchObject({ id: 'a', kind: 'company', name: 'Alpha Kimya, Ltd', country: 'TR', lat: 36.7, lon: 38.95, employees: 40, founded: '2001-05-02' });
    expect(a.attributes).toEqual({ phone: '+90 414 000' });
    expect(a.origin).toEqual({ file: 'entities.csv', line: 2 });
    const [s1, s2] = bundle.shipments;
    expect(s1).toMatchObject({ hsCode: '321290', quantity: 6, unit: 't', quantityKg: 6000, value: 12000, currency: 'EUR' });
    expect(s2).toMatchObject({ quantityKg: 6000, payer: 'd' });
    expect(bundle.places[0]).toMatchObject({ name: 'Akçakale', kind: 'border_crossing', countries: ['TR', 'SY'] });
    expect(bundle.relations[0]).toMatchObject({ source: 'c', target: 'a', kind: 'owner', share: 60 });
  });

  it('needs only entities.csv', async () => {
    const bundle = await readBundle(makeBundle({ relations: undefined, shipments: undefined, places: undefined }));
    expect(bundle.entities).toHaveLength(4);
    expect(bundle.relations).toEqual([]);
  });

  it('reads RFC 4180 quoting, a byte-order mark, CRLF line ends and blank lines, and counts lines from the record start', async () => {
    const entities = '\uFEFFid,kind,name\r\na,company,"Multi\r\nline ""quoted"" name"\r\n\r\nb,company,Beta\r\nc,person,"Carol"\r\nd,company,Delta\r\n';
    const dir = makeBundle({ entities, relations: 'source,target,kind\r\nzz,a,owner\r\n', shipments: undefined });
    const issues = await problems(dir);
    expect(issues).toEqual([{ file: 'relations.csv', line: 2, column: 'source', reason: 'unknown entity id "zz" (not in entities.csv)' }]);
    const ok = await readBundle(makeBundle({ entities, shipments: undefined }));
    expect(ok.entities[0].name).toBe('Multi\r\nline "quoted" name');
    expect(ok.entities[1].origin.line).toBe(5);
  });
});

describe('readBundle names the file, line, column and reason of every problem', () => {
  it('a missing folder or entities.csv', async () => {
    await expect(readBundle('/nonexistent/bundle')).rejects.toThrow(BundleNotFoundError);
    const empty = tempDir();
    await expect(readBundle(empty)).rejects.toThrow(/has no entities\.csv/);
  });

  it('a missing required column', async () => {
    const issues = await problems(makeBundle({ relations: 'source,target,share\na,b,10' }));
    expect(issues).toEqual([
      { file: 'relations.csv', line: 1, column: 'kind', reason: 'missing required column "kind" (the header has: source, target, share)' },
    ]);
  });

  it('a bad id reference', async () => {
    const issues = await problems(makeBundle({ shipments: `${SHIPMENTS}\ns3,d,nobody,acetone,,,,,,,,` }));
    expect(issues).toEqual([{ file: 'shipments.csv', line: 4, column: 'buyer', reason: 'unknown entity id "nobody" (not in entities.csv)' }]);
  });

  it('a duplicate id', async () => {
    const issues = await problems(makeBundle({ entities: `${ENTITIES}\nb,company,Beta again,,,,,,,` }));
    expect(issues).toEqual([{ file: 'entities.csv', line: 6, column: 'id', reason: 'duplicate id "b" (first used on line 3)' }]);
    // The same row pasted twice (its cells written another way too: spaces, a country's name): said so.
    const twice = await problems(makeBundle({ shipments: `${SHIPMENTS}\ns1 , d,a,aluminium paste,3212.90,6,t,12000,EUR,2016-03-01,2016-03-09,` }));
    expect(twice).toEqual([{ file: 'shipments.csv', line: 4, column: 'id', reason: 'duplicate id "s1" (first used on line 2; the same row written twice: delete one of them)' }]);
  });

  it('an unparseable number; commas between thousands are read in a comma-separated file, said once per column', async () => {
    const issues = await problems(makeBundle({ entities: `${ENTITIES}\ne,company,Echo,,,,,twelve,,` }));
    expect(issues).toEqual([
      { file: 'entities.csv', line: 6, column: 'employees', reason: '"twelve" is not a number (write digits with a dot for decimals, no thousands separators)' },
    ]);
    const b = await readBundle(makeBundle({ entities: `${ENTITIES}\ne,company,Echo,,,,,"1,200",,\nf,company,Fox,,,,,"12,000",,` }));
    expect(b.entities.slice(4).map((e) => e.employees)).toEqual([1200, 12000]);
    expect(b.warnings).toContainEqual({ file: 'entities.csv', line: 6, column: 'employees', reason: '2 numbers written with commas between thousands (such as "1,200", read as 1200); in a file separated by commas a comma is never a decimal mark' });
    // Not groups of three: a decimal comma, which only semicolon-separated files have.
    expect((await problems(makeBundle({ entities: `${ENTITIES}\ne,company,Echo,,,,,"1,20",,` })))[0].reason).toMatch(/^"1,20" is not a number/);
  });

  it('a date of only a year or a month: kept as an attribute, with a warning, in either mode', async () => {
    const entities = `${ENTITIES}\ne,company,Echo,TR,,,,,2011,\nf,company,Foxtrot,TR,,,,,2019-03,`;
    const shipments = `${SHIPMENTS}\ns3,d,a,acetone,,,,,,2016-04,,`;
    for (const lenient of [false, true]) {
      const b = await readBundle(makeBundle({ entities, shipments }), { lenient });
      expect(b.entities.slice(-2).map((e) => [e.id, e.founded, e.attributes])).toEqual([
        ['e', undefined, { founded: '2011' }],
        ['f', undefined, { founded: '2019-03' }],
      ]);
      const s3 = b.shipments.find((x) => x.id === 's3')!;
      expect([s3.shipped, s3.attributes]).toEqual([undefined, { shipped: '2016-04' }]);
      expect(b.warnings.filter((w) => /only a year or a month/.test(w.reason))).toEqual([
        // One warning for the column: the first cell as the example, the other lines named.
        { file: 'entities.csv', line: 6, column: 'founded', reason: '"2011" gives only a year or a month: not used as the founded date (dates are read to the day); kept as an attribute (cells written alike on line 7)' },
        { file: 'shipments.csv', line: 4, column: 'shipped', reason: '"2016-04" gives only a year or a month: not used as the shipped date (dates are read to the day); kept as an attribute' },
      ]);
    }
    // Not a month of the calendar: a problem, as before.
    const month13 = await problems(makeBundle({ entities: `${ENTITIES}\ne,company,Echo,TR,,,,,2011-13,` }));
    expect(month13).toEqual([{ file: 'entities.csv', line: 6, column: 'founded', reason: '"2011-13" is not a date in ISO form YYYY-MM-DD' }]);
  });

  it('a date a spreadsheet saved as its day number: a problem that gives the day it would be', async () => {
    const issues = await problems(makeBundle({ shipments: `${SHIPMENTS}\ns3,d,a,acetone,,,,,,42499,,` }));
    expect(issues).toEqual([
      { file: 'shipments.csv', line: 4, column: 'shipped', reason: '"42499" is not a date in ISO form YYYY-MM-DD; if it is a spreadsheet\'s day number, it is 2016-05-09: format the column as a date (YYYY-MM-DD) before saving' },
    ]);
  });

  it('a totals row under the data: one problem that says so, not the values it lacks', async () => {
    const shipments = `${SHIPMENTS}\nTOTAL,,,,,6006,,12000,,,,`;
    const issues = await problems(makeBundle({ shipments }));
    expect(issues).toEqual([{ file: 'shipments.csv', line: 4, reason: '"TOTAL": a totals row, not a record; leave it out of the file' }]);
    const lenient = await readBundle(makeBundle({ shipments }), { lenient: true });
    expect(lenient.rejected).toEqual(issues);
    expect(lenient.shipments.map((x) => x.id)).toEqual(['s1', 's2']);
    // Other languages' words for it; a whole record whose id starts with the word is a record.
    expect((await problems(makeBundle({ shipments: `${SHIPMENTS}\n,Toplam,,,,6006,,,,,,` })))[0].reason).toBe('"Toplam": a totals row, not a record; leave it out of the file');
    for (const word of ['Total général', 'Somme', 'Suma total', 'Insgesamt', 'Totaal']) {
      expect((await problems(makeBundle({ shipments: `${SHIPMENTS}\n${word},,,,,6006,,,,,,` })))[0].reason).toBe(`"${word}": a totals row, not a record; leave it out of the file`);
    }
    const kept = await readBundle(makeBundle({ shipments: `${SHIPMENTS}\nTotal-1,d,a,acetone,,,,,,,,` }));
    expect(kept.shipments.map((x) => x.id)).toEqual(['s1', 's2', 'Total-1']);
    // A row of a record with a required value missing stays named by what it lacks.
    expect(await problems(makeBundle({ shipments: `${SHIPMENTS}\ns3,d,,acetone,,,,,,,,` }))).toEqual([{ file: 'shipments.csv', line: 4, column: 'buyer', reason: 'required value is missing' }]);
  });

  it('a shipment number as the id column (`Shipment No`) and an amount as the value, with a warning each', async () => {
    const b = await readBundle(makeBundle({ shipments: SHIPMENTS.replace(/^id,/, 'Shipment No,').replace(',value,', ',Amount,') }));
    expect(b.shipments.map((x) => [x.id, x.value, x.currency])).toEqual([
      ['s1', 12000, 'EUR'],
      ['s2', undefined, undefined],
    ]);
    expect(b.warnings.filter((w) => w.file === 'shipments.csv' && w.line === 1).map((w) => w.reason)).toEqual([
      'column "Amount" read as "value" (Invoice value, in `currency`)',
      'column "Shipment No" read as "id" (Unique identifier of the shipment)',
    ]);
  });

  it('a value with a currency symbol and commas between thousands is read; one whose number does not read says why, once', async () => {
    const b = await readBundle(makeBundle({ shipments: `${SHIPMENTS}\ns3,d,a,acetone,,,,"€48,500.00",EUR,,,` }));
    expect(b.shipments[2]).toMatchObject({ value: 48500, currency: 'EUR' });
    const issues = await problems(makeBundle({ shipments: `${SHIPMENTS}\ns3,d,a,acetone,,,,"€48,50,0.00",EUR,,,` }));
    expect(issues).toEqual([{ file: 'shipments.csv', line: 4, column: 'value', reason: '"€48,50,0.00": "€" reads as the currency EUR, but "48,50,0.00" is not a number (write digits with a dot for decimals, no thousands separators)' }]);
  });

  it('an unparseable date', async () => {
    const issues = await problems(makeBundle({ shipments: `${SHIPMENTS}\ns3,d,a,acetone,,,,,,02/03/2016,,` }));
    expect(issues).toEqual([
      {
        file: 'shipments.csv',
        line: 4,
        column: 'shipped',
        reason: '"02/03/2016" is not a date in ISO form YYYY-MM-DD: with slashes the day and the month cannot be told apart (spreadsheets write either first), and no date of the column shows which; write it as YYYY-MM-DD',
      },
    ]);
    const feb30 = await problems(makeBundle({ shipments: `${SHIPMENTS}\ns3,d,a,acetone,,,,,,2016-02-30,,` }));
    expect(feb30[0].reason).toBe('"2016-02-30" is not a day of the calendar: February 2016 has 29 days');
  });

  it('coordinates out of range, or only one of the pair', async () => {
    const issues = await problems(makeBundle({ entities: `${ENTITIES}\ne,company,Echo,,95.1,10,,,,\nf,company,Foxtrot,,10,,,,,` }));
    expect(issues).toEqual([
      { file: 'entities.csv', line: 6, column: 'lat', reason: 'latitude 95.1 is out of range (-90 to 90)' },
      { file: 'entities.csv', line: 7, column: 'lon', reason: 'latitude and longitude must be given together' },
    ]);
  });

  it('an unknown kind', async () => {
    const issues = await problems(makeBundle({ relations: `${RELATIONS}\na,b,customer,` }));
    expect(issues).toEqual([
      {
        file: 'relations.csv',
        line: 5,
        column: 'kind',
        reason: 'unknown value "customer" (expected one of: owner, director, family, employee, shared_address, associate, agent, paid_for, consigned_to)',
      },
    ]);
  });

  it('a missing required value, a wrong field count and a bad country code', async () => {
    const issues = await problems(makeBundle({ entities: `${ENTITIES}\ne,,Echo,,,,,,,\nf,company,Foxtrot\ng,company,Golf,XX,,,,,,` }));
    expect(issues.map(formatIssue)).toEqual([
      'entities.csv line 6, column "kind": required value is missing',
      'entities.csv line 7: the row has 3 fields but the header has 10',
      'entities.csv line 8, column "country": "XX" is not an ISO 3166-1 alpha-2 country code (such as TR, GB, DK), an alpha-3 code or a country name the reader knows',
    ]);
  });

  it('broken CSV quoting, pointing at the record where the quote opened', async () => {
    const issues = await problems(makeBundle({ relations: `${RELATIONS}\n"a,b,family,\nc,a,family,` }));
    expect(issues).toEqual([
      { file: 'relations.csv', line: 5, column: 'source', reason: 'a quoted field is never closed (a " opens a field that runs to the end of the file)' },
    ]);
  });

  it('reads a quote in the middle of an unquoted cell as a quote mark, with a warning naming the cell', async () => {
    const bundle = await readBundle(makeBundle({ shipments: `${SHIPMENTS}\ns3,a,b,12" pipe,,2,t,,,2016-04-01,,` }));
    expect(bundle.shipments.map((s) => s.commodity)).toEqual(['aluminium paste', 'aluminium paste', '12" pipe']);
    expect(bundle.warnings).toContainEqual({ file: 'shipments.csv', line: 4, column: 'commodity', reason: expect.stringMatching(/^a double quote in the middle of a field .*read as a quote mark/) });
    expect(bundle.rejected).toEqual([]);
  });

  it('text after a closing quote makes its row a problem, and the rows after it are still read', async () => {
    const shipments = `${SHIPMENTS}\ns3,a,b,"12" pipe",,2,t,,,2016-04-01,,\ns4,a,b,"steel" "bars",,1,t,,,2016-04-02,,\ns5,a,b,"ok ""quoted"" text",,1,t,,,2016-04-03,,`;
    const issues = await problems(makeBundle({ shipments }));
    const reason = expect.stringMatching(/text follows a closing quote: where the field ends cannot be told, so the row cannot be read$/);
    // Strict: every such row is listed (reading goes on past them), and the error is not fatal.
    expect(issues).toEqual([
      { file: 'shipments.csv', line: 4, column: 'commodity', reason },
      { file: 'shipments.csv', line: 5, column: 'commodity', reason },
    ]);
    const lenient = await readBundle(makeBundle({ shipments }), { lenient: true });
    expect(lenient.shipments.map((s) => s.id)).toEqual(['s1', 's2', 's5']);
    expect(lenient.shipments[2].commodity).toBe('ok "quoted" text');
    expect(lenient.rejected.map((r) => r.line)).toEqual([4, 5]);
  });

  it('lists all problems across files, not only the first', async () => {
    const issues = await problems(
      makeBundle({
        entities: `${ENTITIES}\ne,company,Echo,,,200,,,,`,
        relations: `${RELATIONS}\na,zz,owner,\na,b,owner,150`,
        shipments: `${SHIPMENTS}\ns1,d,a,dup,,,,,,,,\ns4,a,a,self,,,,,,,,`,
      }),
    );
    expect(issues.map(formatIssue)).toEqual([
      'entities.csv line 6, column "lon": longitude 200 is out of range (-180 to 180)',
      'relations.csv line 5, column "target": unknown entity id "zz" (not in entities.csv)',
      'relations.csv line 6, column "share": percentage 150 is out of range (0 to 100)',
      'shipments.csv line 4, column "id": duplicate id "s1" (first used on line 2)',
      'shipments.csv line 5, column "buyer": supplier and buyer are the same entity ("a")',
    ]);
  });

  it('text that is not UTF-8 in a UTF-8 file', async () => {
    const dir = makeBundle({});
    writeFileSync(join(dir, 'entities.csv'), Buffer.concat([Buffer.from('id,kind,name\na,company,'), Buffer.from([0xd6, 0x72]), Buffer.from('nek\nb,company,Çelik\n')]));
    const issues = await problems(dir);
    expect(issues[0]).toEqual({ file: 'entities.csv', line: 2, column: 'name', reason: 'the text is not valid UTF-8 (save the file as UTF-8)' });
  });

  it('a file a spreadsheet saved as "CSV" with Turkish or Western European settings: read in its code page, said once', async () => {
    const dir = makeBundle({ relations: undefined, shipments: undefined });
    // Windows-1254: Ş is DE, ı FD, İ DD, ş FE, ğ F0 (in Windows-1252: Þ ý Ý þ ð).
    const turkish = Buffer.concat([Buffer.from('id;kind;name;city\na;company;Kervan Kimya Sanayi Ltd. '), Buffer.from([0xde]), Buffer.from('ti.;Gaziantep\nb;company;Y'), Buffer.from([0xfd]), Buffer.from('ld'), Buffer.from([0xfd]), Buffer.from('z GSM '), Buffer.from([0xdd]), Buffer.from('leti'), Buffer.from([0xfe]), Buffer.from('im;Kilis\n')]);
    writeFileSync(join(dir, 'entities.csv'), turkish);
    const b = await readBundle(dir);
    expect(b.entities.map((e) => e.name)).toEqual(['Kervan Kimya Sanayi Ltd. Şti.', 'Yıldız GSM İletişim']);
    expect(b.warnings).toContainEqual({ file: 'entities.csv', line: 1, reason: 'the file is not UTF-8: read as Windows-1254 (Turkish), as its letters beyond ASCII suggest; check that names read right, and save the file as "CSV UTF-8" to be sure' });
    // Western European: no letter only Turkish uses.
    writeFileSync(join(dir, 'entities.csv'), Buffer.from('id,kind,name,city\na,company,Soci\xe9t\xe9 G\xe9n\xe9rale,M\xfcnchen\n', 'latin1'));
    const w = await readBundle(dir);
    expect(w.entities.map((e) => [e.name, e.city])).toEqual([['Société Générale', 'München']]);
    expect(w.warnings.map((x) => x.reason)).toContainEqual(expect.stringContaining('read as Windows-1252 (Western European)'));
    // Its bytes 0x80 to 0x9F are Windows-1252's (€ 0x80, ’ 0x92, œ 0x9C, Ž 0x8E), not the control characters of
    // Latin-1 (Node's own decoder of windows-1252 gives those).
    writeFileSync(join(dir, 'entities.csv'), Buffer.from('id;kind;name;notes\na;company;Soci\xe9t\xe9 d\x92Engrais \x9cuvre;pay\xe9 en \x80 \x8e\n', 'latin1'));
    const c1 = await readBundle(dir);
    expect(c1.entities.map((e) => [e.name, e.attributes.notes])).toEqual([['Société d’Engrais œuvre', 'payé en € Ž']]);
    // Words of bytes beyond ASCII whose commonest letters are Cyrillic vowels: a Russian sheet in Windows-1251, read so
    // (one word, or many; never as Arabic).
    writeFileSync(join(dir, 'entities.csv'), Buffer.concat([Buffer.from('id,kind,name\na,company,'), Buffer.from([0xcf, 0xf0, 0xe8, 0xec, 0xe5, 0xf0]), Buffer.from('\n')]));
    expect((await readBundle(dir)).entities.map((e) => e.name)).toEqual(['Пример']);
    const russian = Buffer.from('id,kind,name,city\na,company,\xce\xce\xce \xc7\xe0\xe2\xee\xe4 \xe1\xf3\xec\xe0\xe3,\xcc\xee\xf1\xea\xe2\xe0\nb,company,\xcf\xf0\xe8\xec\xe5\xf0 \xc7\xe1\xee\xf0,\xca\xe0\xe7\xe0\xed\xfc\n', 'latin1');
    writeFileSync(join(dir, 'entities.csv'), russian);
    const r = await readBundle(dir);
    expect(r.entities.map((e) => [e.name, e.city])).toEqual([['ООО Завод бумаг', 'Москва'], ['Пример Збор', 'Казань']]);
    expect(r.warnings.map((w) => w.reason)).toContainEqual(expect.stringContaining('read as Windows-1251 (Cyrillic)'));
    // Greek (Windows-1253), Hebrew (Windows-1255) and Russian in KOI8-R: no code page read for them, refused cell by
    // cell (KOI8-R's letters are not where Windows-1251 has them: never read as it).
    for (const [encoding, text] of [['windows-1253', 'Εταιρεία Ελληνικών Προϊόντων Αθήνα'], ['windows-1255', 'חברת המסחר הישראלית תל אביב'], ['koi8-r', 'Общество с ограниченной ответственностью Торговый дом Новосибирск']] as const) {
      writeFileSync(join(dir, 'entities.csv'), Buffer.concat([Buffer.from('id,kind,name\na,company,'), encodeIn(encoding, text), Buffer.from('\n')]));
      expect((await problems(dir)).map((i) => i.reason)).toContain('the text is not valid UTF-8 (save the file as UTF-8)');
    }
  });

  it('a file an Arabic spreadsheet saved as "CSV": read in Windows-1256, said once', async () => {
    const dir = makeBundle({ relations: undefined, shipments: undefined, places: undefined });
    const arabic = 'id,kind,name,country,city\r\nE1,شركة,شركة النجمة الذهبية للتجارة العامة,العراق,أربيل\r\nE2,شخص,أحمد خليل الحمداني,العراق,الموصل\r\n';
    writeFileSync(join(dir, 'entities.csv'), encodeIn('windows-1256', arabic));
    const b = await readBundle(dir);
    expect(b.entities.map((e) => [e.kind, e.name, e.country, e.city])).toEqual([
      ['company', 'شركة النجمة الذهبية للتجارة العامة', 'IQ', 'أربيل'],
      ['person', 'أحمد خليل الحمداني', 'IQ', 'الموصل'],
    ]);
    expect(b.warnings).toContainEqual({ file: 'entities.csv', line: 1, reason: 'the file is not UTF-8: read as Windows-1256 (Arabic), as its letters beyond ASCII suggest; check that names read right, and save the file as "CSV UTF-8" to be sure' });
  });
});

describe('lenient mode', () => {
  it('skips bad rows, lists every skipped row, and skips the ties of skipped entities with the reason', async () => {
    const dir = makeBundle({
      entities: `${ENTITIES}\ne,,Echo,,95,10,,,,`,
      relations: `${RELATIONS}\ne,a,owner,\na,b,customer,`,
    });
    const bundle = await readBundle(dir, { lenient: true });
    expect(bundle.entities.map((e) => e.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(bundle.relations).toHaveLength(3);
    expect(bundle.rejected).toEqual([
      { file: 'entities.csv', line: 6, column: 'kind', reason: 'required value is missing' },
      { file: 'relations.csv', line: 5, column: 'source', reason: 'refers to entity "e", which was skipped (entities.csv line 6)' },
      expect.objectContaining({ file: 'relations.csv', line: 6, column: 'kind' }),
    ]);
  });

  it('keeps a row whose optional cell cannot be read, without that cell (and its pair), saying so; strict mode refuses it', async () => {
    const entities = `${ENTITIES}\ne,company,Echo,TR,95,10,,,,`;
    const relations = `${RELATIONS.split('\n').map((l, i) => (i === 0 ? `${l},start` : `${l},`)).join('\n')}\nc,d,director,,2019-31-12`;
    const shipments = `${SHIPMENTS}\ns3,a,b,aluminium paste,,six tons,t,9800,EUR,2016-13-45,,bank1\ns4,a,b,paint,,2,t,,,2016-04-02,2016-04-01,`;
    const dir = makeBundle({ entities, relations, shipments });
    const bundle = await readBundle(dir, { lenient: true });
    const e = bundle.entities.find((x) => x.id === 'e')!;
    expect(e).toMatchObject({ id: 'e', country: 'TR' });
    expect(e.lat).toBeUndefined();
    expect(e.lon).toBeUndefined();
    expect(bundle.relations.find((r) => r.source === 'c' && r.target === 'd')).toMatchObject({ kind: 'director' });
    const s3 = bundle.shipments.find((x) => x.id === 's3')!;
    expect(s3).toMatchObject({ supplier: 'a', buyer: 'b', commodity: 'aluminium paste', value: 9800, currency: 'EUR' });
    expect([s3.quantity, s3.unit, s3.shipped, s3.payer]).toEqual([undefined, undefined, undefined, undefined]);
    const left = bundle.warnings.filter((w) => /left empty/.test(w.reason)).map((w) => `${w.file}:${w.line}:${w.column}`);
    expect(left).toEqual(['entities.csv:6:lat', 'entities.csv:6:lon', 'relations.csv:5:start', 'shipments.csv:4:payer', 'shipments.csv:4:quantity', 'shipments.csv:4:shipped', 'shipments.csv:4:unit']);
    expect(bundle.warnings.find((w) => w.column === 'payer')!.reason).toBe('unknown entity id "bank1" (not in entities.csv): left empty, and the row read without it');
    // A check across cells still skips its row (which of the two dates is wrong cannot be told).
    expect(bundle.rejected).toEqual([expect.objectContaining({ file: 'shipments.csv', line: 5, column: 'received' })]);
    const strict = await problems(makeBundle({ entities, relations, shipments }));
    expect(strict.map((i) => `${i.file}:${i.line}:${i.column}`)).toEqual(['entities.csv:6:lat', 'relations.csv:5:start', 'shipments.csv:4:payer', 'shipments.csv:4:quantity', 'shipments.csv:4:shipped', 'shipments.csv:5:received']);
  });

  it('still refuses structural problems (a missing column)', async () => {
    await expect(readBundle(makeBundle({ entities: 'id,name\na,Alpha' }), { lenient: true })).rejects.toThrow(/missing required column "kind"/);
  });
});

describe('progress', () => {
  it('reports bytes read per file up to the file size', async () => {
    const seen: [string, number, number][] = [];
    await readBundle(makeBundle({}), { onProgress: (file, bytes, total) => seen.push([file, bytes, total]) });
    const last = new Map(seen.map(([f, b, t]) => [f, [b, t]]));
    expect([...last.keys()].sort()).toEqual(['entities.csv', 'places.csv', 'relations.csv', 'shipments.csv']);
    for (const [b, t] of last.values()) expect(b).toBe(t);
  });
});

describe('the entities, as soon as their file is read (onEntities)', () => {
  it('are handed over once, before the other files are read, as the very objects the bundle holds', async () => {
    const events: string[] = [];
    let given: readonly Entity[] = [];
    const bundle = await readBundle(makeBundle({}), {
      onProgress: (file) => {
        if (events[events.length - 1] !== file) events.push(file);
      },
      onEntities: (entities) => {
        events.push('onEntities');
        given = entities;
      },
    });
    expect(events).toEqual(['entities.csv', 'onEntities', 'places.csv', 'relations.csv', 'shipments.csv']);
    expect(given.length).toBe(4);
    given.forEach((e, i) => expect(bundle.entities[i]).toBe(e));
    // The phone as every reader finds it, already when handed over.
    expect(given[0].attributes.phone).toBe('+90 414 000');
  });

  it('are not handed over when entities.csv has a problem and the bundle is strict; they are when it is lenient', async () => {
    const dir = makeBundle({ entities: `${ENTITIES}\ne,company,,TR,36.7,38.9,,,,` });
    let calls = 0;
    await expect(readBundle(dir, { onEntities: () => calls++ })).rejects.toThrow(InvalidBundleError);
    expect(calls).toBe(0);
    let ids: string[] = [];
    const bundle = await readBundle(dir, {
      lenient: true,
      onEntities: (entities) => {
        calls++;
        ids = entities.map((e) => e.id);
      },
    });
    expect(calls).toBe(1);
    expect(ids).toEqual(['a', 'b', 'c', 'd']);
    expect(bundle.entities.map((e) => e.id)).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('transit countries (transit_countries)', () => {
  const header = 'id,supplier,buyer,commodity,origin_country,destination_country,transit_countries';
  it('reads the route in order, under its other names too', async () => {
    const b = await readBundle(makeBundle({ shipments: [header, 's1,d,a,servo drives,DE,RU,ae|ge', 's2,a,b,servo drives,TR,TR,'].join('\n') }));
    expect(b.shipments.map((s) => s.transitCountries)).toEqual([['AE', 'GE'], undefined]);
    const via = await readBundle(makeBundle({ shipments: ['id,supplier,buyer,commodity,via', 's1,d,a,servo drives,KZ'].join('\n') }));
    expect(via.shipments[0].transitCountries).toEqual(['KZ']);
    expect(via.warnings.map((w) => w.reason).join(' ')).toMatch(/transit_countries/);
  });
  it('names file, line and column of a country that is no code, and of one listed twice in a row', async () => {
    const issues = await problems(makeBundle({ shipments: [header, 's1,d,a,servo drives,DE,RU,Emirates|GE', 's2,a,b,servo drives,DE,RU,GE|GE'].join('\n') }));
    expect(issues).toEqual([
      expect.objectContaining({ file: 'shipments.csv', line: 2, column: 'transit_countries', reason: expect.stringMatching(/"Emirates" is not an ISO 3166-1 alpha-2 country code/) }),
      expect.objectContaining({ file: 'shipments.csv', line: 3, column: 'transit_countries', reason: expect.stringMatching(/GE is listed twice in a row/) }),
    ]);
  });
});

describe('phone numbers (phone)', () => {
  const header = 'id,kind,name,phone';
  it('keeps a number as written in attributes.phone, under its other names too', async () => {
    const b = await readBundle(makeBundle({ entities: [header, 'a,company,Alpha,+90 (414) 431-27.64 ext. 12', 'b,company,Beta,', 'c,person,Carol,', 'd,company,Delta,0045 33 12 34 56'].join('\n'), relations: undefined, shipments: undefined }));
    expect(b.entities.map((e) => e.attributes.phone)).toEqual(['+90 (414) 431-27.64 ext. 12', undefined, undefined, '0045 33 12 34 56']);
    const tel = await readBundle(makeBundle({ entities: ['id,kind,name,telephone', 'a,company,Alpha,+90 414 431 27 64'].join('\n'), relations: undefined, shipments: undefined, places: undefined }));
    expect(tel.entities[0].attributes.phone).toBe('+90 414 431 27 64');
  });
  it('reads a number with a word beside it ("(mobile)", "Tel.:"), keeps the cell as written and warns where', async () => {
    const b = await readBundle(makeBundle({ entities: [header, 'a,company,Alpha,+90 414 555 01 01 (mobile)', 'b,company,Beta,Tel.: 0414 555 0102', 'c,company,Carol,+45 33 12 34 56'].join('\n'), relations: undefined, shipments: undefined }));
    expect(b.entities.map((e) => e.attributes.phone)).toEqual(['+90 414 555 01 01 (mobile)', 'Tel.: 0414 555 0102', '+45 33 12 34 56']);
    expect(b.warnings.filter((w) => w.column === 'phone').map((w) => [w.file, w.line, w.reason])).toEqual([
      ['entities.csv', 2, expect.stringMatching(/read as the phone number "\+90 414 555 01 01"/)],
      ['entities.csv', 3, expect.stringMatching(/read as the phone number "0414 555 0102"/)],
    ]);
  });
  it('names file, line and column of a value that is not one phone number', async () => {
    const issues = await problems(makeBundle({ entities: [header, 'a,company,Alpha,ask reception', 'b,company,Beta,+90 414 431 27 64 / +90 414 431 27 65', 'c,company,Carol,12 34', 'd,company,Delta,+45 33 12 34 56'].join('\n'), relations: undefined, shipments: undefined }));
    expect(issues.map((i) => [i.file, i.line, i.column])).toEqual([
      ['entities.csv', 2, 'phone'],
      ['entities.csv', 3, 'phone'],
      ['entities.csv', 4, 'phone'],
    ]);
    expect(issues.map((i) => i.reason)).toEqual([
      expect.stringMatching(/is not a phone number/),
      expect.stringMatching(/holds more than one phone number/),
      expect.stringMatching(/has 4 digits/),
    ]);
  });
});

describe('repeated cells are read once and shared, never merged', () => {
  it('keeps ids that differ by case or look like object keys apart, and every repeated code, date and word as written', async () => {
    const dir = makeBundle({
      entities: ['id,kind,name,country', '__proto__,company,Proto Ltd,TR', 'toString,company,Tostring AS,tr', 'e1,company,Lower,DK', 'E1,company,Upper,dk', 'constructor,person,Con Str,'].join('\n'),
      relations: ['source,target,kind', '__proto__,toString,owner', 'E1,e1,Director', 'e1,E1,director', 'constructor,__proto__,agent'].join('\n'),
      shipments: [
        'id,supplier,buyer,commodity,hs_code,quantity,unit,value,currency,shipped',
        's1,e1,E1,aluminium paste,3212.90,6,t,100,usd,2016-03-01',
        's2,E1,e1,Aluminium paste,321290,6,T,100,USD,2016-03-01',
        's3,__proto__,toString,aluminium paste,3212.91,6,kg,100,€,2016-03-02',
        's4,toString,__proto__,aluminium paste ,3212.90,6,kg,100,€,2016-03-02',
        'hasOwnProperty,constructor,e1,valueOf,3212.90,6,kg,100,EUR,2016-03-02',
      ].join('\n'),
    });
    const b = await readBundle(dir);
    expect(b.entities.map((e) => [e.id, e.country])).toEqual([
      ['__proto__', 'TR'],
      ['toString', 'TR'],
      ['e1', 'DK'],
      ['E1', 'DK'],
      ['constructor', undefined],
    ]);
    expect(b.relations.map((r) => [r.source, r.target, r.kind])).toEqual([
      ['__proto__', 'toString', 'owner'],
      ['E1', 'e1', 'director'],
      ['e1', 'E1', 'director'],
      ['constructor', '__proto__', 'agent'],
    ]);
    expect(b.shipments.map((s) => [s.id, s.supplier, s.buyer, s.commodity, s.hsCode, s.unit, s.currency, s.shipped, s.quantityKg])).toEqual([
      ['s1', 'e1', 'E1', 'aluminium paste', '321290', 't', 'USD', '2016-03-01', 6000],
      ['s2', 'E1', 'e1', 'Aluminium paste', '321290', 't', 'USD', '2016-03-01', 6000],
      ['s3', '__proto__', 'toString', 'aluminium paste', '321291', 'kg', 'EUR', '2016-03-02', 6],
      ['s4', 'toString', '__proto__', 'aluminium paste', '321290', 'kg', 'EUR', '2016-03-02', 6],
      ['hasOwnProperty', 'constructor', 'e1', 'valueOf', '321290', 'kg', 'EUR', '2016-03-02', 6],
    ]);
    for (const s of b.shipments) expect(Object.getPrototypeOf(s)).toBe(Object.prototype);
    // A repaired cell is named on every row that has it, not only the first time it is read.
    expect(b.warnings.filter((w) => w.column === 'currency').map((w) => w.line)).toEqual([4]);
    expect(b.warnings.find((w) => w.column === 'currency')?.reason).toMatch(/also on line 5/);
  });
});

describe("references to entities, read through the interner of the entities' ids", () => {
  afterAll(removeBundles);
  const entities = [
    'id,kind,name',
    'e1,company,One',
    'toString,company,Two',
    '__proto__,company,Three',
    '1.2E+05,company,Four',
    'Şirket-1,company,Five',
    'with space,company,Six',
    'X1,company,Seven',
  ].join('\n');

  // The tokenizer interns cells from the bytes of the file's second chunk on (64 KiB): rows before it and after it,
  // the same rows read the same.
  const filler = (row: string, n: number) => Array.from({ length: n }, () => row);

  it('reads each as written: plain, spaced, quoted, beyond ASCII, in scientific notation, named by a property of objects', async () => {
    const ties = ['e1,toString,owner', ' e1 ,__proto__,director', '"e1","toString",associate', '1.2E+05,e1,owner', 'Şirket-1,with space,owner', '"with space",X1,owner'];
    const trade = ['s1,e1,X1,tea,toString,__proto__', 's2,__proto__,1.2E+05,tea,,', 's3,"toString",Şirket-1,tea,e1,'];
    const dir = makeBundle({
      entities,
      relations: ['source,target,kind', ...ties, ...filler('e1,toString,associate', 4000), ...ties].join('\r\n'),
      shipments: ['id,supplier,buyer,commodity,payer,consignee', ...trade, ...filler('s,e1,toString,tea,,', 3000).map((r, k) => r.replace('s,', `f${k},`)), ...trade.map((r) => r.replace('s', 't'))].join('\n'),
      places: undefined,
    });
    const bundle = await readBundle(dir);
    const ends = [
      ['e1', 'toString'],
      ['e1', '__proto__'],
      ['e1', 'toString'],
      ['1.2E+05', 'e1'],
      ['Şirket-1', 'with space'],
      ['with space', 'X1'],
    ];
    expect(bundle.relations.length).toBe(4012);
    expect(bundle.relations.slice(0, 6).map((r) => [r.source, r.target])).toEqual(ends);
    expect(bundle.relations.slice(-6).map((r) => [r.source, r.target])).toEqual(ends);
    const parties = [
      ['e1', 'X1', 'toString', '__proto__'],
      ['__proto__', '1.2E+05', undefined, undefined],
      ['toString', 'Şirket-1', 'e1', undefined],
    ];
    expect(bundle.shipments.length).toBe(3006);
    expect(bundle.shipments.slice(0, 3).map((s) => [s.supplier, s.buyer, s.payer, s.consignee])).toEqual(parties);
    expect(bundle.shipments.slice(-3).map((s) => [s.supplier, s.buyer, s.payer, s.consignee])).toEqual(parties);
    // (no own property but the record's: `__proto__` is an id, not the object's prototype)
    for (const s of [bundle.shipments[1], bundle.shipments[3004]]) {
      expect(Object.getPrototypeOf(s)).toBe(Object.prototype);
      expect(Object.keys(s)).not.toContain('payer');
    }
    // An id a spreadsheet may have written in scientific notation is said so wherever it names an entity (one warning
    // per column, naming the other lines).
    const scientific = bundle.warnings.filter((w) => w.reason.includes('scientific notation'));
    expect(scientific.map((w) => [w.file, w.column, w.line, /\(cells written alike on (.*)\)$/.exec(w.reason)?.[1]])).toEqual([
      ['entities.csv', 'id', 5, undefined],
      ['relations.csv', 'source', 5, 'line 4011'],
      ['shipments.csv', 'buyer', 3, 'line 3006'],
    ]);
  });

  it('refuses an id no entity has, however near one it is', async () => {
    const dir = makeBundle({
      entities,
      relations: ['source,target,kind', ...filler('e1,toString,associate', 4000), 'e1,x1,owner', 'e1 ,e10,owner', 'e,e1,owner', 'toString,valueOf,owner'].join('\n'),
      shipments: undefined,
      places: undefined,
    });
    const err = await readBundle(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidBundleError);
    expect((err as InvalidBundleError).issues.map((i) => [i.line, i.column, i.reason])).toEqual([
      [4002, 'target', 'unknown entity id "x1" (not in entities.csv; did you mean "X1"? ids are case-sensitive)'],
      [4003, 'target', 'unknown entity id "e10" (not in entities.csv)'],
      [4004, 'source', 'unknown entity id "e" (not in entities.csv)'],
      [4005, 'target', 'unknown entity id "valueOf" (not in entities.csv)'],
    ]);
  });
});

describe('what repeats is read once, and said of every row', () => {
  afterAll(removeBundles);

  it('the concentration a commodity gives, and the doubt a sector and its ISIC code raise', async () => {
    const dir = makeBundle({
      entities: [
        'id,kind,name,sector,isic',
        'a,company,Alpha,retail sale of mobile phones,2011',
        'b,company,Beta,retail sale of mobile phones,2011',
        'c,company,Gamma,retail sale of mobile phones,4742',
        'd,company,Delta,retail sale of mobile phones,2011',
      ].join('\n'),
      relations: undefined,
      shipments: [
        'id,supplier,buyer,commodity,quantity,unit',
        's1,a,b,hydrogen peroxide 35%,10,kg',
        's2,a,c,hydrogen peroxide 35%,10,kg',
        's3,a,b,nitric acid 60-68%,10,kg',
        's4,a,d,nitric acid 60-68%,10,kg',
        's5,b,d,hydrogen peroxide 35%,10,kg',
      ].join('\n'),
      places: undefined,
    });
    const bundle = await readBundle(dir);
    expect(bundle.shipments.map((s) => [s.id, s.concentration])).toEqual([
      ['s1', 35],
      ['s2', 35],
      ['s3', undefined],
      ['s4', undefined],
      ['s5', 35],
    ]);
    // (a warning said again on other rows names them: `also on lines 3, 5`)
    const said = (file: string, column: string, words: string) =>
      bundle.warnings.filter((w) => w.file === file && w.column === column && w.reason.includes(words)).map((w) => [w.line, /\(also on (.*)\)$/.exec(w.reason)?.[1]]);
    expect(said('shipments.csv', 'commodity', 'range of concentrations')).toEqual([[4, 'line 5']]);
    expect(said('entities.csv', 'isic', 'ISIC 2011 (Manufacture of basic chemicals) disagree')).toEqual([[2, 'lines 3, 5']]);
    expect(said('entities.csv', 'isic', 'ISIC 4742')).toEqual([[4, undefined]]);
  });
});
