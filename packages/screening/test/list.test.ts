import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsonLines, type JsonLine } from '@chokepoint/ingest';
import { InvalidListError, readList } from '@chokepoint/screening';

const REPO = join(__dirname, '..', '..', '..');
const FICTIONAL = join(REPO, 'data', 'lists', 'fictional-sanctions.ftm.jsonl');

const lines = (...values: unknown[]): JsonLine[] => values.map((value, i) => ({ line: i + 1, value }));
const person = (id: string, properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ id, schema: 'Person', properties, ...extra });

async function problems(input: JsonLine[], lenient = false): Promise<InvalidListError> {
  try {
    await readList(input, { file: 'list.jsonl', lenient });
  } catch (err) {
    if (err instanceof InvalidListError) return err;
    throw err;
  }
  throw new Error('the list was read without a problem');
}

describe('reading a list of listed parties', () => {
  it('reads the fictional list of data/lists: parties, Sanctions joined to them, an Address, a Vessel counted but not screened', async () => {
    const list = await readList(jsonLines(FICTIONAL), { file: 'fictional-sanctions.ftm.jsonl' });
    expect(list.name).toBe('fictional_sanctions');
    expect(list.date).toBe('2026-10-01');
    expect(list.parties.map((p) => p.id)).toEqual(['fs-001', 'fs-002', 'fs-003', 'fs-004', 'fs-005', 'fs-006', 'fs-007', 'fs-008', 'fs-010']);
    const amidkoy = list.parties[0];
    expect(amidkoy.programs).toEqual(['FICT-DUALUSE-2025']);
    expect(amidkoy.authorities).toEqual(['Office of Fictional Export Control']);
    expect(amidkoy.addresses).toEqual(['Gümrük Caddesi No. 41, Diyarbakır, Türkiye']);
    expect(amidkoy.identifiers).toEqual(['TR-DYB-448120']);
    expect(amidkoy.names).toContain('Amidkoy Foreign Trade Ltd');
    expect(list.parties.find((p) => p.id === 'fs-004')!.identifiers).toEqual(['1651099999']);
    expect(list.otherRecords).toEqual([
      { schema: 'Address', count: 1, use: 'used' },
      { schema: 'Sanction', count: 4, use: 'used' },
      { schema: 'Vessel', count: 1, use: 'not screened' },
    ]);
  });

  it('reads OpenSanctions’ nested form: Sanctions and Addresses inside the party', async () => {
    const list = await readList(
      lines(
        person('n1', {
          name: ['Fictional Person'],
          sanctions: [{ id: 's1', schema: 'Sanction', properties: { program: ['FICT-9'], authority: ['Fictional Office'] } }],
          addressEntity: [{ id: 'a1', schema: 'Address', properties: { full: ['1 Fiction Street'] } }],
        }),
      ),
      { file: 'nested.json' },
    );
    expect(list.parties[0].programs).toEqual(['FICT-9']);
    expect(list.parties[0].addresses).toEqual(['1 Fiction Street']);
    expect(list.name).toBe('nested');
  });

  it('names a person by the parts of the name when it has no name, and keeps partial birth dates as written', async () => {
    const list = await readList(lines(person('p1', { firstName: ['Anna'], lastName: ['Fictiva'], birthDate: ['1970', '1971-05', '1972-06-07T00:00:00'] })), { file: 'l.jsonl' });
    expect(list.parties[0].name).toBe('Anna Fictiva');
    expect(list.parties[0].birthDates).toEqual(['1970', '1971-05', '1972-06-07']);
  });

  it('lists every problem with its line and property, and fails; --lenient skips those records and lists them', async () => {
    const input = lines(
      'not an object',
      { schema: 'Person', properties: { name: ['No Id'] } },
      person('p1', { name: ['Fine Person'] }),
      { id: 'x', schema: 'Persn', properties: {} },
      person('p2', { name: ['Bad Date'], birthDate: ['1970-13-45'] }),
      person('p3', {}),
      person('p1', { name: ['Twice'] }),
      person('p4', { name: [{ not: 'a text' }] }),
    );
    const err = await problems([...input, { line: 9, problem: 'not JSON (Unexpected token)' }]);
    expect(err.fatal).toBe(false);
    expect(err.issues.map((i) => [i.line, i.column ?? null])).toEqual([
      [1, null],
      [2, 'id'],
      [4, 'schema'],
      [5, 'birthDate'],
      [6, 'name'],
      [7, 'id'],
      [8, 'schema'],
      [9, null],
    ]);
    expect(err.message).toMatch(/the list list\.jsonl has 8 problems/);
    expect(err.message).toMatch(/list\.jsonl line 5, column "birthDate": "1970-13-45" is not a date/);
    const lenient = await readList([...input, { line: 9, problem: 'not JSON (Unexpected token)' }], { file: 'list.jsonl', lenient: true });
    expect(lenient.parties.map((p) => p.id)).toEqual(['p1']);
    expect(lenient.skipped).toHaveLength(8);
  });

  it('refuses a list without any party, and a file that cannot be read, in either mode', async () => {
    await expect(readList(lines({ id: 'v', schema: 'Vessel', properties: { name: ['Boat'] } }), { file: 'l.jsonl', lenient: true })).rejects.toThrow(/no person, company or organization to screen against/);
    await expect(readList([], { file: 'l.jsonl' })).rejects.toThrow(/the list is empty/);
    const dir = mkdtempSync(join(tmpdir(), 'chokepoint-list-'));
    try {
      const err = await readList(jsonLines(join(dir, 'missing.jsonl')), { file: 'missing.jsonl', lenient: true }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InvalidListError);
      expect((err as InvalidListError).fatal).toBe(true);
      expect((err as Error).message).toMatch(/missing\.jsonl line 1: this file cannot be read \(there is no such file\)/);
      const bad = join(dir, 'bad.jsonl');
      writeFileSync(bad, `${JSON.stringify(person('p1', { name: ['A Person'] }))}\n{"id": \n`);
      const e2 = (await readList(jsonLines(bad), { file: 'bad.jsonl' }).catch((e: unknown) => e)) as InvalidListError;
      expect(e2.issues).toEqual([expect.objectContaining({ file: 'bad.jsonl', line: 2, reason: expect.stringMatching(/^not JSON/) })]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps ids and property names such as __proto__ as data, and writes control characters of messages visibly', async () => {
    const list = await readList(lines(person('__proto__', { name: ['Proto Person'], constructor: ['x'] })), { file: 'l.jsonl' });
    expect(list.parties[0].id).toBe('__proto__');
    const err = await problems(lines(person('p\u001b[31m', { birthDate: ['\u001b[2J'] , name: ['X Y'] })));
    expect(err.message).not.toMatch(/\u001b/);
    expect(err.message).toMatch(/\\u001b/);
  });

  it('warns about a Sanction that names no party of the list, and about country codes that are not ISO', async () => {
    const list = await readList(
      lines(person('p1', { name: ['Some Person'], nationality: ['suhh'] }), { id: 's1', schema: 'Sanction', properties: { entity: ['nobody'], program: ['X'] } }),
      { file: 'l.jsonl' },
    );
    expect(list.parties[0].countries).toEqual(['SUHH']);
    expect(list.warnings.map((w) => w.line)).toEqual([1, 2]);
    expect(list.warnings[1].reason).toMatch(/names "nobody", which is no party of this list/);
  });
});
