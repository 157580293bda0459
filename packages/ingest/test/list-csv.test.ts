import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listCsvLines, type JsonLine } from '@chokepoint/ingest';
import { removeBundles, tempDir } from './helpers';

afterAll(removeBundles);

async function linesOf(text: string | Buffer, name = 'list.csv'): Promise<JsonLine[]> {
  const file = join(tempDir(), name);
  writeFileSync(file, text);
  const out: JsonLine[] = [];
  for await (const l of listCsvLines(file)) out.push(l);
  return out;
}

describe('a list of listed parties written as a table (listCsvLines)', () => {
  it("gives each row of OpenSanctions' targets.simple.csv as the FtM entity it stands for", async () => {
    const text = [
      'id,schema,name,aliases,birth_date,countries,addresses,identifiers,sanctions,phones,emails,dataset,first_seen,last_seen,last_change',
      'NK-1,Company,Velkaron Kimya A.S.,Velkaron Chemicals;Velkaron Kimya,,tr,"Istanbul, Turkey",1234567890,EU FSF - fictional,+90 212 000,,Fictional Sanctions,2020-01-01,2024-05-01,2024-04-30',
      'NK-2,Person,Halil Harbelioglu,,1961-02-03,tr;sy,,,,,,Fictional Sanctions;Other List,2020-01-01,2024-05-01,2024-04-30',
    ].join('\r\n');
    expect(await linesOf(text)).toEqual([
      {
        line: 2,
        value: {
          id: 'NK-1',
          schema: 'Company',
          properties: { name: ['Velkaron Kimya A.S.'], alias: ['Velkaron Chemicals', 'Velkaron Kimya'], country: ['tr'], address: ['Istanbul, Turkey'], idNumber: ['1234567890'], program: ['EU FSF - fictional'], phone: ['+90 212 000'] },
          datasets: ['Fictional Sanctions'],
          last_change: '2024-05-01',
        },
      },
      {
        line: 3,
        value: { id: 'NK-2', schema: 'Person', properties: { name: ['Halil Harbelioglu'], birthDate: ['1961-02-03'], country: ['tr', 'sy'] }, datasets: ['Fictional Sanctions', 'Other List'], last_change: '2024-05-01' },
      },
    ]);
  });

  it("reads an investigator's own sheet: semicolons, a kind instead of a schema, no id (the row's line makes one), ids like toString", async () => {
    const text = 'Name;Kind;Country;ID\nOmar Haddad;person;SY;\nAl Noor Trading;company;TR;toString\nSomeone;;;\n';
    expect(await linesOf(text)).toEqual([
      { line: 2, value: { id: 'row-2', schema: 'Person', properties: { name: ['Omar Haddad'], country: ['SY'] } } },
      { line: 3, value: { id: 'toString', schema: 'Company', properties: { name: ['Al Noor Trading'], country: ['TR'] } } },
      { line: 4, value: { id: 'row-4', schema: 'LegalEntity', properties: { name: ['Someone'] } } },
    ]);
  });

  it('says what is wrong: no name column (fatal), a row of another width, a file that is no text, an empty file', async () => {
    expect(await linesOf('id,country\n1,TR\n')).toEqual([{ line: 1, problem: expect.stringContaining('a list written as a table needs a name column (the header has: id, country)'), fatal: true }]);
    expect(await linesOf('name,country\nA,TR,extra\nB,SY\n')).toEqual([
      { line: 2, problem: 'the row has 3 fields but the header has 2' },
      { line: 3, value: { id: 'row-3', schema: 'LegalEntity', properties: { name: ['B'], country: ['SY'] } } },
    ]);
    const utf16 = await linesOf(Buffer.concat([Buffer.from('name\n', 'utf16le')]));
    expect(utf16).toHaveLength(1);
    expect(utf16[0]).toMatchObject({ line: 1, fatal: true });
    expect(await linesOf('')).toEqual([{ line: 1, problem: expect.stringContaining('the list is empty'), fatal: true }]);
  });
});
