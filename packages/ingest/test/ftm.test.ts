import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ftmIsA, InvalidBundleError, readFtm } from '@chokepoint/ingest';
import { removeBundles, tempDir } from './helpers';

afterAll(removeBundles);

const DONATIONS = join(__dirname, 'fixtures', 'ftm', 'donations.ijson');

describe('FollowTheMoney JSON lines', () => {
  it('uses the published schema for inheritance', () => {
    expect(ftmIsA('Company', 'LegalEntity')).toBe(true);
    expect(ftmIsA('PublicBody', 'Organization')).toBe(true);
    expect(ftmIsA('Payment', 'Interval')).toBe(true);
    expect(ftmIsA('Address', 'LegalEntity')).toBe(false);
  });

  it('reads every entity and payment of the real donations fixture, linked, with addresses', async () => {
    const bundle = await readFtm(DONATIONS);
    expect(bundle.entities).toHaveLength(56 + 22 + 17);
    expect(bundle.entities.filter((e) => e.kind === 'company')).toHaveLength(56);
    expect(bundle.entities.filter((e) => e.kind === 'person')).toHaveLength(22);
    expect(bundle.entities.filter((e) => e.kind === 'organization')).toHaveLength(17);
    expect(bundle.shipments).toHaveLength(290);
    expect(bundle.rejected).toEqual([]);
    const ids = new Set(bundle.entities.map((e) => e.id));
    for (const p of bundle.shipments) {
      expect(ids.has(p.supplier) && ids.has(p.buyer)).toBe(true);
      expect(p).toMatchObject({ commodity: 'payment', currency: 'EUR' });
    }
    const dachner = bundle.entities.find((e) => e.name === 'Frau Lina Dachner')!;
    expect(dachner).toMatchObject({ kind: 'person', country: 'DE', city: '76135 Karlsruhe', address: 'Schillerstraße 19, 76135 Karlsruhe' });
    // Amounts summed per payer → beneficiary pair equal the sums in the raw file.
    const raw = new Map<string, number>();
    for (const line of readFileSync(DONATIONS, 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const e = JSON.parse(line);
      if (e.schema !== 'Payment') continue;
      const key = `${e.properties.payer[0]}>${e.properties.beneficiary[0]}`;
      raw.set(key, (raw.get(key) ?? 0) + Number(e.properties.amountEur[0]));
    }
    const read = new Map<string, number>();
    for (const p of bundle.shipments) read.set(`${p.supplier}>${p.buyer}`, (read.get(`${p.supplier}>${p.buyer}`) ?? 0) + p.value!);
    expect(read.size).toBe(raw.size);
    for (const [k, v] of raw) expect(read.get(k)).toBeCloseTo(v, 6);
  });

  it('keeps a registration number where name matching and screening read it (attributes.registration_number)', async () => {
    const dir = tempDir();
    const lines = [
      { id: 'c1', schema: 'Company', properties: { name: ['Golden Delta Trading Ltd'], registrationNumber: [' 09876543 '] } },
      { id: 'c2', schema: 'Company', properties: { name: ['Golden Delta Trading Ltd'], registrationNumber: ['HE 123', 'HE 124'] } },
      { id: 'c3', schema: 'Company', properties: { name: ['Orion Marine SA'], registrationNumber: [''] } },
    ];
    writeFileSync(join(dir, 'register.ftm.jsonl'), lines.map((l) => JSON.stringify(l)).join('\n'));
    const b = await readFtm(join(dir, 'register.ftm.jsonl'));
    expect(b.entities.map((e) => [e.id, e.attributes.registration_number, e.attributes.registrationNumber])).toEqual([
      ['c1', '09876543', undefined],
      ['c2', 'HE 123', 'HE 123; HE 124'],
      ['c3', undefined, undefined],
    ]);
  });

  it('reads ties from the schema edges and the shipment convention, and names every problem', async () => {
    const dir = tempDir();
    const lines = [
      { id: 'c1', schema: 'Company', properties: { name: ['Örnek Kimya'], country: ['tr'] } },
      { id: 'p1', schema: 'Person', properties: { name: ['Ayşe'] } },
      { id: 'o1', schema: 'Ownership', properties: { owner: ['p1'], asset: ['c1'], percentage: ['60'] } },
      { id: 's1', schema: 'Shipment', properties: { supplier: ['c1'], buyer: ['p1'], commodity: ['aluminium paste'], hsCode: ['3212.90'], quantity: ['6'], unit: ['t'] } },
      { id: 'v1', schema: 'Vessel', properties: { name: ['Boat'] } },
    ];
    writeFileSync(join(dir, 'ok.ftm.jsonl'), lines.map((l) => JSON.stringify(l)).join('\n'));
    const b = await readFtm(join(dir, 'ok.ftm.jsonl'));
    expect(b.name).toBe('ok');
    expect(b.relations).toEqual([expect.objectContaining({ source: 'p1', target: 'c1', kind: 'owner', share: 60 })]);
    expect(b.shipments[0]).toMatchObject({ hsCode: '321290', quantityKg: 6000 });
    expect(b.rejected).toEqual([{ file: 'ok.ftm.jsonl', line: 5, column: 'schema', reason: 'schema Vessel is not read by Chokepoint (not a legal entity, tie, payment, address, sanction or shipment)' }]);

    writeFileSync(join(dir, 'bad.jsonl'), ['{"id": "c1", "schema": "Company", "properties": {"name": ["A"]}}', '{not json', '{"id": "x", "schema": "Spaceship"}', '{"id": "o", "schema": "Ownership", "properties": {"owner": ["zz"], "asset": ["c1"]}}'].join('\n'));
    await expect(readFtm(join(dir, 'bad.jsonl'))).rejects.toThrow(InvalidBundleError);
    try {
      await readFtm(join(dir, 'bad.jsonl'));
    } catch (err) {
      expect((err as InvalidBundleError).issues.map((i) => [i.line, i.column])).toEqual([
        [2, undefined],
        [3, 'schema'],
        [4, 'owner'],
      ]);
    }
    const lenient = await readFtm(join(dir, 'bad.jsonl'), { lenient: true });
    expect(lenient.entities).toHaveLength(1);
    expect(lenient.rejected).toHaveLength(3);
  });
});
