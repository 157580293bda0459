/**
 * A list of listed parties written as a table: OpenSanctions' "simple" CSV (`targets.simple.csv`: id, schema, name,
 * aliases, birth_date, countries, addresses, identifiers, sanctions, phones, emails, dataset, first_seen, last_seen,
 * last_change), or an investigator's own spreadsheet with a name column and any of the others. Each row is given as
 * the FollowTheMoney entity it stands for (`JsonLine`, as `jsonLines` gives a line of JSON), so that screening reads
 * and checks it as it reads FollowTheMoney lists: the same messages, naming the file, line and column.
 */

import { readCsv, readFirstLine, detectDelimiter, CsvSyntaxError } from './csv';
import type { JsonLine } from './ftm';
import { normaliseColumnName } from './header';
import { EncodingProblem } from './text';

/** The columns read, by their normalised header name, with the FtM property each gives (`multi`: `;`-separated values). */
const COLUMNS: Readonly<Record<string, { to: string; multi: boolean }>> = {
  id: { to: 'id', multi: false },
  schema: { to: 'schema', multi: false },
  kind: { to: 'schema', multi: false },
  type: { to: 'schema', multi: false },
  name: { to: 'name', multi: false },
  caption: { to: 'name', multi: false },
  aliases: { to: 'alias', multi: true },
  alias: { to: 'alias', multi: true },
  birth_date: { to: 'birthDate', multi: true },
  date_of_birth: { to: 'birthDate', multi: true },
  countries: { to: 'country', multi: true },
  country: { to: 'country', multi: true },
  addresses: { to: 'address', multi: true },
  address: { to: 'address', multi: true },
  identifiers: { to: 'idNumber', multi: true },
  registration_number: { to: 'registrationNumber', multi: true },
  sanctions: { to: 'program', multi: true },
  program: { to: 'program', multi: true },
  programme: { to: 'program', multi: true },
  phones: { to: 'phone', multi: true },
  phone: { to: 'phone', multi: true },
  dataset: { to: 'datasets', multi: true },
  datasets: { to: 'datasets', multi: true },
  list: { to: 'datasets', multi: true },
  last_change: { to: 'last_change', multi: false },
  last_seen: { to: 'last_seen', multi: false },
};

/** A kind written as the bundle writes it (`company`), as the FtM schema it stands for. */
const KIND_SCHEMA: Readonly<Record<string, string>> = { person: 'Person', company: 'Company', organization: 'Organization', organisation: 'Organization' };

/**
 * The rows of a list written as a CSV file (comma-, semicolon-, tab- or pipe-separated, found from its header), each
 * as the FtM entity it stands for: `schema` from a schema column (`Person`, `Company` …) or a kind column (`person`,
 * `company`, `organization`), else `LegalEntity` (screened against every kind); `id` from an id column, else
 * `row-<line>`; names, aliases, countries, birth dates, addresses, identifiers, programmes and phones as their FtM
 * properties. A header without a name column, or a file that is not a table, is one fatal problem; a row whose cells do
 * not match the header, or with no name, a problem of its line.
 */
export async function* listCsvLines(path: string): AsyncGenerator<JsonLine> {
  let delimiter;
  try {
    delimiter = detectDelimiter(await readFirstLine(path), (name) => Object.hasOwn(COLUMNS, normaliseColumnName(name))).delimiter;
  } catch (err) {
    if (err instanceof EncodingProblem) {
      yield { line: 1, problem: err.reason, fatal: true };
      return;
    }
    throw err;
  }
  let header: ({ to: string; multi: boolean } | undefined)[] | undefined;
  try {
    for await (const row of readCsv(path, undefined, { delimiter })) {
      if (row.empty) continue;
      if (header === undefined) {
        header = row.fields.map((f) => {
          const key = normaliseColumnName(f);
          return Object.hasOwn(COLUMNS, key) ? COLUMNS[key] : undefined;
        });
        if (!header.some((c) => c?.to === 'name')) {
          yield { line: row.line, problem: `a list written as a table needs a name column (the header has: ${row.fields.map((f) => f.trim()).join(', ')}); its other columns may be id, schema or kind, aliases, countries, birth_date, addresses, identifiers, sanctions, phones, dataset (OpenSanctions' targets.simple.csv has them all)`, fatal: true };
          return;
        }
        continue;
      }
      if (row.invalid !== undefined) {
        yield { line: row.line, problem: 'a cell of this row is not valid text in the file\'s encoding (save the file as UTF-8)' };
        continue;
      }
      let width = row.fields.length;
      while (width > header.length && row.fields[width - 1].trim() === '') width--;
      if (width !== header.length) {
        yield { line: row.line, problem: `the row has ${width} field${width === 1 ? '' : 's'} but the header has ${header.length}` };
        continue;
      }
      const properties: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
      let id: string | undefined;
      let schema = 'LegalEntity';
      const datasets: string[] = [];
      let date: string | undefined;
      header.forEach((c, i) => {
        const cell = row.fields[i].trim();
        if (c === undefined || cell === '') return;
        const values = c.multi ? cell.split(';').map((v) => v.trim()).filter((v) => v !== '') : [cell];
        if (c.to === 'id') id = cell;
        else if (c.to === 'schema') schema = KIND_SCHEMA[cell.toLowerCase()] ?? cell;
        else if (c.to === 'datasets') datasets.push(...values);
        else if (c.to === 'last_change' || c.to === 'last_seen') date = date === undefined || cell > date ? cell : date;
        else (properties[c.to] ??= []).push(...values);
      });
      yield { line: row.line, value: { id: id ?? `row-${row.line}`, schema, properties, ...(datasets.length > 0 ? { datasets } : {}), ...(date === undefined ? {} : { last_change: date }) } };
    }
  } catch (err) {
    if (err instanceof CsvSyntaxError) {
      yield { line: err.line, problem: err.message, fatal: true };
      return;
    }
    throw err;
  }
  if (header === undefined) yield { line: 1, problem: 'the list is empty: a list written as a table has a header and one row per listed party', fatal: true };
}
