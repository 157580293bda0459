/**
 * Mutants of the demo bundle (a reduced copy of data/scenarios/border-procurement) and of a FollowTheMoney file
 * (packages/ingest/test/fixtures/ftm/donations.ijson), for the fuzzer. Every mutant comes from a seed: the same
 * seed gives the same bytes. A mutant is one class of damage (ids, numbers, line ends, encodings …) applied one to
 * three times; its name says what was done, so a failure can be reproduced and understood.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { seededRandom } from '@chokepoint/engine';
import { REPO } from '../run';

export type Rng = () => number;

/** A table: header then rows, every cell text. */
type Table = string[][];

export const CSV_FILES = ['entities.csv', 'relations.csv', 'shipments.csv', 'places.csv'] as const;
export type CsvFile = (typeof CSV_FILES)[number];

/** What is written to the bundle folder: file name → bytes, or a directory or a dangling link in its place. */
export type Entry = Buffer | { directory: true } | { link: string };

export interface Mutant {
  /** `csv` → a bundle folder; `ftm` → one .jsonl file. */
  kind: 'csv' | 'ftm';
  /** The class of damage and each step, e.g. `line-ends: entities.csv header CRLF, body LF`. */
  name: string;
  cls: string;
  entries: Map<string, Entry>;
}

const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)];
const int = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));
const show = (text: string): string => JSON.stringify(text.length > 40 ? `${text.slice(0, 37)}…` : text);

// ---- bases ------------------------------------------------------------------------------------------------------

const DEMO = join(REPO, 'data', 'scenarios', 'border-procurement');
const FTM = join(REPO, 'packages', 'ingest', 'test', 'fixtures', 'ftm', 'donations.ijson');

/** The first 45 entities of the demo, the ties and shipments among them, and every place: small enough to run fast. */
function csvBase(): Map<CsvFile, Table> {
  const read = (file: CsvFile): Table => parse(readFileSync(join(DEMO, file)), { relax_column_count: true }) as Table;
  const entities = read('entities.csv');
  const kept = entities.slice(0, 46);
  const ids = new Set(kept.slice(1).map((r) => r[0]));
  const among = (table: Table, columns: string[]): Table => {
    const at = columns.map((c) => table[0].indexOf(c));
    return [table[0], ...table.slice(1).filter((r) => at.every((i) => r[i] === '' || ids.has(r[i])))];
  };
  return new Map<CsvFile, Table>([
    ['entities.csv', kept],
    ['relations.csv', among(read('relations.csv'), ['source', 'target'])],
    ['shipments.csv', among(read('shipments.csv'), ['supplier', 'buyer', 'consignee', 'payer'])],
    ['places.csv', read('places.csv')],
  ]);
}

type FtmRecord = Record<string, unknown> & { id?: unknown; schema?: unknown; properties?: unknown };

/** Every entity and address of the FtM fixture, its first 40 payments, and a few ties and shipments between them. */
function ftmBase(): FtmRecord[] {
  const lines = readFileSync(FTM, 'utf8').split('\n').filter((l) => l.trim() !== '');
  const records = lines.map((l) => JSON.parse(l) as FtmRecord);
  let payments = 0;
  const kept = records.filter((r) => r.schema !== 'Payment' || ++payments <= 40);
  const companies = kept.filter((r) => r.schema === 'Company').map((r) => r.id as string);
  const persons = kept.filter((r) => r.schema === 'Person').map((r) => r.id as string);
  kept.push(
    { id: 'fuzz-own-1', schema: 'Ownership', properties: { owner: [companies[0]], asset: [companies[1]], percentage: ['51'], startDate: ['2015-03-01'] } },
    { id: 'fuzz-own-2', schema: 'Ownership', properties: { owner: [persons[0]], asset: [companies[2]], percentage: ['100'] } },
    { id: 'fuzz-dir-1', schema: 'Directorship', properties: { director: [persons[1]], organization: [companies[1]] } },
    { id: 'fuzz-ship-1', schema: 'Shipment', properties: { supplier: [companies[3]], buyer: [companies[4]], commodity: ['acetone'], hsCode: ['291411'], quantity: ['12'], unit: ['t'], value: ['9000'], currency: ['EUR'], shipped: ['2016-02-01'] } },
    { id: 'fuzz-ship-2', schema: 'Shipment', properties: { supplier: [companies[4]], buyer: [companies[5]], commodity: ['aluminium paste'], quantity: ['3'], unit: ['t'] } },
  );
  return kept;
}

let bases: { csv: Map<CsvFile, Table>; ftm: FtmRecord[] } | undefined;
function base() {
  return (bases ??= { csv: csvBase(), ftm: ftmBase() });
}

// ---- writing ------------------------------------------------------------------------------------------------------

function csvText(table: Table, delimiter = ','): string {
  const cell = (v: string) => (v.includes('"') || v.includes(delimiter) || /[\r\n]/.test(v) || (delimiter !== ',' && v.includes(',')) ? `"${v.replace(/"/g, '""')}"` : v);
  return table.map((r) => r.map(cell).join(delimiter)).join('\n') + '\n';
}

// ---- text pools ---------------------------------------------------------------------------------------------------

export const MEMBER_NAMES = ['toString', 'valueOf', 'hasOwnProperty', 'constructor', '__proto__', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', '__defineGetter__', '__lookupSetter__'];
const ODD_IDS = [' padded id ', 'ünïcödé-ид-名前', '😀-emoji', 'comma,id', 'quote"id', 'x'.repeat(200), 'y'.repeat(201), '=cmd|calc!A0', '<b>tag</b>&amp;', '\u202eRTL-override', 'e\u0301-combining', 'CASE-ID', 'case-id', '0', '-1', '1e5', 'null', 'undefined', 'NaN', '..', '/etc/passwd', 'a\u00a0nbsp', '\ufeffbom-id'];
const NUMBERS = ['1e306', '1e308', '1.7976931348623157e308', '1e309', '-1e308', 'NaN', 'Infinity', '-Infinity', '-0', '1e-320', '0x10', '1_000', '١٢٣', '1,5', ' 12 ', '+5', '.5', '5.', '9007199254740993', '1e21', '-3', '0', ''];
const CONTROL = ['\u0000', '\u0007', '\u001b[31mred\u001b[0m', '\u0008', '\u007f', '\u0085', '\u2028', '\ufffe', '\u000b', '\u000c', '\t'];
const DATES = ['2020-02-30', '2019-13-01', '0000-00-00', '2020-2-3', '31/12/2020', '2020-02-29', '9999-12-31', '2021-02-29', '2020-12-31T23:59:59Z', 'yesterday'];

// ---- CSV mutators -------------------------------------------------------------------------------------------------

interface CsvState {
  tables: Map<CsvFile, Table>;
  /** Byte-level steps run after the tables are written. */
  bytes: ((entries: Map<string, Entry>) => void)[];
}

const col = (t: Table, name: string) => t[0].indexOf(name);
const dataRows = (t: Table) => t.length - 1;

/** Renames entity `from` to `to` everywhere it is named. */
function renameEntity(s: CsvState, from: string, to: string): void {
  const refs: [CsvFile, string[]][] = [
    ['entities.csv', ['id']],
    ['relations.csv', ['source', 'target']],
    ['shipments.csv', ['supplier', 'buyer', 'consignee', 'payer']],
  ];
  for (const [file, columns] of refs) {
    const t = s.tables.get(file)!;
    for (const c of columns.map((n) => col(t, n)).filter((i) => i >= 0)) for (const r of t.slice(1)) if (r[c] === from) r[c] = to;
  }
}

function randomCell(rng: Rng, s: CsvState, file: CsvFile, columns: string[]): { row: string[]; at: number; name: string } | undefined {
  const t = s.tables.get(file)!;
  const names = columns.filter((c) => col(t, c) >= 0);
  if (names.length === 0 || dataRows(t) === 0) return undefined;
  const name = pick(rng, names);
  return { row: t[int(rng, 1, t.length - 1)], at: col(t, name), name };
}

const bytesOf = (entries: Map<string, Entry>, file: string): Buffer | undefined => {
  const e = entries.get(file);
  return Buffer.isBuffer(e) ? e : undefined;
};

type CsvMutator = (rng: Rng, s: CsvState) => string;

const LINE_ENDS: [string, (text: string) => string][] = [
  ['all CRLF', (t) => t.replace(/\n/g, '\r\n')],
  ['header CRLF, body LF', (t) => t.replace('\n', '\r\n')],
  ['header LF, body CRLF', (t) => { const i = t.indexOf('\n'); return t.slice(0, i + 1) + t.slice(i + 1).replace(/\n/g, '\r\n'); }],
  ['CRLF and LF alternating', (t) => { let k = 0; return t.replace(/\n/g, () => (k++ % 2 === 0 ? '\r\n' : '\n')); }],
  ['all CR (old Mac)', (t) => t.replace(/\n/g, '\r')],
  ['no final line break', (t) => t.replace(/\n$/, '')],
  ['blank lines between rows', (t) => t.replace(/\n/g, '\n\n')],
  ['lines of spaces between rows', (t) => t.replace(/\n/g, '\n   \n')],
];

export const CSV_MUTATORS: Record<string, CsvMutator> = {
  'odd-ids': (rng, s) => {
    const t = s.tables.get('entities.csv')!;
    const from = t[int(rng, 1, t.length - 1)][0];
    const to = pick(rng, ODD_IDS);
    renameEntity(s, from, to);
    return `entity ${show(from)} renamed ${show(to)}`;
  },
  'member-ids': (rng, s) => {
    const file = pick(rng, ['entities.csv', 'entities.csv', 'shipments.csv', 'places.csv'] as const);
    const t = s.tables.get(file)!;
    const to = pick(rng, MEMBER_NAMES);
    const row = t[int(rng, 1, t.length - 1)];
    if (file === 'entities.csv') renameEntity(s, row[0], to);
    else row[col(t, 'id')] = to;
    return `${file} id ${show(to)}`;
  },
  'member-columns': (rng, s) => {
    const file = pick(rng, CSV_FILES);
    const t = s.tables.get(file)!;
    const name = pick(rng, MEMBER_NAMES);
    if (t[0].includes(name)) return `${file} already has a column ${show(name)}`;
    t[0].push(name);
    t.slice(1).forEach((r, i) => r.push(i % 3 === 0 ? `value ${i}` : ''));
    return `${file} extra column ${show(name)}`;
  },
  'huge-numbers': (rng, s) => {
    const file = pick(rng, ['shipments.csv', 'shipments.csv', 'entities.csv', 'relations.csv', 'places.csv'] as const);
    const columns = { 'shipments.csv': ['quantity', 'value'], 'entities.csv': ['employees', 'lat', 'lon'], 'relations.csv': ['share'], 'places.csv': ['lat', 'lon'] }[file];
    const cell = randomCell(rng, s, file, columns);
    if (!cell) return `${file}: no cell`;
    const v = pick(rng, NUMBERS);
    cell.row[cell.at] = v;
    return `${file} ${cell.name} = ${show(v)}`;
  },
  'huge-totals': (rng, s) => {
    // Legal values, each far below the largest double, whose sum is not.
    const t = s.tables.get('shipments.csv')!;
    const v = pick(rng, ['1e299', '1e305', '5e307', '1e308']);
    for (const r of t.slice(1)) (r[col(t, 'quantity')] = v), (r[col(t, 'unit')] = 'kg');
    return `every shipment quantity ${v} kg`;
  },
  'control-chars': (rng, s) => {
    const file = pick(rng, CSV_FILES);
    const t = s.tables.get(file)!;
    const c = pick(rng, CONTROL);
    const where = pick(rng, ['cell', 'cell', 'header']);
    if (where === 'header') {
      const i = int(rng, 0, t[0].length - 1);
      t[0][i] = `${t[0][i]}${c}`;
      return `${file} header ${show(t[0][i])}`;
    }
    const row = t[int(rng, 1, Math.max(1, t.length - 1))];
    if (!row) return `${file}: no row`;
    const i = int(rng, 0, row.length - 1);
    row[i] = `${row[i].slice(0, 2)}${c}${row[i].slice(2)}`;
    return `${file} cell ${t[0][i]} ${show(row[i])}`;
  },
  'dup-columns': (rng, s) => {
    const file = pick(rng, CSV_FILES);
    const t = s.tables.get(file)!;
    const i = int(rng, 0, t[0].length - 1);
    const name = rng() < 0.5 ? t[0][i] : t[0][i].toUpperCase();
    t[0].push(name);
    for (const r of t.slice(1)) r.push(rng() < 0.5 ? r[i] : 'other');
    return `${file} column ${show(t[0][i])} twice (as ${show(name)})`;
  },
  'columns': (rng, s) => {
    const file = pick(rng, CSV_FILES);
    const t = s.tables.get(file)!;
    const i = int(rng, 0, t[0].length - 1);
    const name = t[0][i];
    if (rng() < 0.5) {
      for (const r of t) r.splice(i, 1);
      return `${file} column ${show(name)} deleted`;
    }
    t[0][i] = `${name}_renamed`;
    return `${file} column ${show(name)} renamed`;
  },
  'row-shapes': (rng, s) => {
    const file = pick(rng, CSV_FILES);
    const t = s.tables.get(file)!;
    if (dataRows(t) === 0) return `${file}: no row`;
    const row = t[int(rng, 1, t.length - 1)];
    const what = pick(rng, ['extra field', 'missing field', 'empty row', 'only commas', 'required value blank']);
    if (what === 'extra field') row.push('surplus');
    else if (what === 'missing field') row.pop();
    else if (what === 'empty row') row.splice(0, row.length, '');
    else if (what === 'only commas') row.fill('');
    else row[0] = '';
    return `${file} row ${what}`;
  },
  'dup-ids': (rng, s) => {
    const file = pick(rng, ['entities.csv', 'shipments.csv', 'places.csv'] as const);
    const t = s.tables.get(file)!;
    const row = t[int(rng, 1, t.length - 1)];
    t.splice(int(rng, 1, t.length), 0, [...row]);
    return `${file} row ${show(row[0])} twice`;
  },
  'bad-references': (rng, s) => {
    const what = pick(rng, ['self-tie', 'self-shipment', 'unknown target', 'unknown payer', 'payer is buyer']);
    const rel = s.tables.get('relations.csv')!;
    const sh = s.tables.get('shipments.csv')!;
    if (what === 'self-tie' && dataRows(rel) > 0) {
      const r = rel[int(rng, 1, rel.length - 1)];
      r[col(rel, 'target')] = r[col(rel, 'source')];
    } else if (what === 'unknown target' && dataRows(rel) > 0) rel[int(rng, 1, rel.length - 1)][col(rel, 'target')] = 'no-such-entity';
    else {
      const r = sh[int(rng, 1, sh.length - 1)];
      if (what === 'self-shipment') r[col(sh, 'buyer')] = r[col(sh, 'supplier')];
      else if (what === 'unknown payer') r[col(sh, 'payer')] = 'no-such-entity';
      else r[col(sh, 'payer')] = r[col(sh, 'buyer')];
    }
    return what;
  },
  'bad-values': (rng, s) => {
    const what = pick(rng, ['date', 'date', 'coordinates', 'share', 'kind', 'unit', 'country', 'hs code']);
    const set = (file: CsvFile, columns: string[], values: string[]) => {
      const cell = randomCell(rng, s, file, columns);
      if (!cell) return `${file}: no cell`;
      cell.row[cell.at] = pick(rng, values);
      return `${file} ${cell.name} = ${show(cell.row[cell.at])}`;
    };
    switch (what) {
      case 'date':
        return set(pick(rng, ['shipments.csv', 'entities.csv', 'relations.csv'] as const), ['shipped', 'received', 'founded', 'start', 'end'], DATES);
      case 'coordinates':
        return set(pick(rng, ['entities.csv', 'places.csv'] as const), ['lat', 'lon'], ['999', '-91', '181', 'north', '36,7', '1e3']);
      case 'share':
        return set('relations.csv', ['share'], ['150', '-1', '50%', 'half']);
      case 'kind':
        return set(pick(rng, ['entities.csv', 'relations.csv', 'places.csv'] as const), ['kind'], ['Company', 'COMPANY', 'owner ', 'supplier', '__proto__', 'constructor']);
      case 'unit':
        return set('shipments.csv', ['unit'], ['KG', 'tons', 'lb', 'constructor', '__proto__', 'm3', 'pcs']);
      case 'country':
        return set(pick(rng, ['entities.csv', 'shipments.csv'] as const), ['country', 'origin_country'], ['Turkey', 'tr', 'XX', 'TUR', 'toString']);
      default:
        return set('shipments.csv', ['hs_code'], ['28', '2847.00.00.00.00', 'ABC', '2847-00', '99999999999']);
    }
  },
  'big-field': (rng, s) => {
    const file = pick(rng, CSV_FILES);
    const t = s.tables.get(file)!;
    const row = t[int(rng, 1, t.length - 1)];
    const i = Math.max(0, col(t, pick(rng, ['name', 'commodity', 'address', 'id'])));
    row[i] = 'x'.repeat(1 << 20);
    return `${file} ${t[0][i]} of 1 MB`;
  },
  'line-ends': (rng, s) => {
    const file = pick(rng, CSV_FILES);
    const [what, change] = pick(rng, LINE_ENDS);
    s.bytes.push((entries) => entries.set(file, Buffer.from(change(bytesOf(entries, file)!.toString('utf8')), 'utf8')));
    return `${file} ${what}`;
  },
  'line-break-in-field': (rng, s) => {
    const file = pick(rng, ['entities.csv', 'shipments.csv'] as const);
    const t = s.tables.get(file)!;
    const row = t[int(rng, 1, t.length - 1)];
    const i = col(t, file === 'entities.csv' ? 'name' : 'commodity');
    const brk = pick(rng, ['\n', '\r\n', '\r']);
    row[i] = `${row[i]}${brk}second line`;
    return `${file} quoted field with ${JSON.stringify(brk)}`;
  },
  'bom': (rng, s) => {
    const file = pick(rng, CSV_FILES);
    const what = pick(rng, ['UTF-8 BOM', 'two BOMs', 'BOM on the second line']);
    s.bytes.push((entries) => {
      const b = bytesOf(entries, file)!;
      const bom = Buffer.from([0xef, 0xbb, 0xbf]);
      if (what === 'UTF-8 BOM') entries.set(file, Buffer.concat([bom, b]));
      else if (what === 'two BOMs') entries.set(file, Buffer.concat([bom, bom, b]));
      else {
        const i = b.indexOf(0x0a) + 1;
        entries.set(file, Buffer.concat([b.subarray(0, i), bom, b.subarray(i)]));
      }
    });
    return `${file} ${what}`;
  },
  'encoding': (rng, s) => {
    const file = pick(rng, CSV_FILES);
    const what = pick(rng, ['UTF-16LE with BOM', 'UTF-16BE with BOM', 'UTF-16LE without BOM', 'UTF-32LE with BOM', 'Latin-1', 'invalid UTF-8 in a cell']);
    s.bytes.push((entries) => {
      const text = bytesOf(entries, file)!.toString('utf8');
      const le = Buffer.from(text, 'utf16le');
      if (what === 'UTF-16LE with BOM') entries.set(file, Buffer.concat([Buffer.from([0xff, 0xfe]), le]));
      else if (what === 'UTF-16LE without BOM') entries.set(file, le);
      else if (what === 'UTF-16BE with BOM') entries.set(file, Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(le).swap16()]));
      else if (what === 'UTF-32LE with BOM') {
        const cps = [...text].map((c) => c.codePointAt(0)!);
        const out = Buffer.alloc(4 + 4 * cps.length);
        out.writeUInt32LE(0xfeff, 0);
        cps.forEach((cp, i) => out.writeUInt32LE(cp, 4 + 4 * i));
        entries.set(file, out);
      } else if (what === 'Latin-1') entries.set(file, Buffer.from(`${text.trimEnd()}\nlatin-1 row,\u00e9t\u00e9,\u00fc\n`, 'latin1'));
      else {
        const b = Buffer.from(text, 'utf8');
        const i = b.indexOf(0x0a) + 3;
        entries.set(file, Buffer.concat([b.subarray(0, i), Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0x80]), b.subarray(i)]));
      }
    });
    return `${file} ${what}`;
  },
  'truncated': (rng, s) => {
    const file = pick(rng, CSV_FILES);
    const at = rng();
    s.bytes.push((entries) => {
      const b = bytesOf(entries, file)!;
      entries.set(file, b.subarray(0, Math.max(1, Math.floor(b.length * at))));
    });
    return `${file} cut at ${(at * 100).toFixed(1)}%`;
  },
  'quotes': (rng, s) => {
    const file = pick(rng, CSV_FILES);
    const what = pick(rng, ['unclosed quote', 'stray quote mid-field', 'text after closing quote']);
    const t = s.tables.get(file)!;
    const line = int(rng, 1, t.length - 1);
    s.bytes.push((entries) => {
      const lines = bytesOf(entries, file)!.toString('utf8').split('\n');
      const l = lines[line] ?? '';
      lines[line] = what === 'unclosed quote' ? `"${l}` : what === 'stray quote mid-field' ? l.replace(',', ',ab"cd') : l.replace(',', ',"ab"cd');
      entries.set(file, Buffer.from(lines.join('\n'), 'utf8'));
    });
    return `${file} line ${line + 1} ${what}`;
  },
  'delimiter': (rng, s) => {
    const file = pick(rng, CSV_FILES);
    const d = pick(rng, [';', '\t', '|']);
    s.bytes.push((entries) => entries.set(file, Buffer.from(csvText(s.tables.get(file)!, d), 'utf8')));
    return `${file} separated by ${JSON.stringify(d)}`;
  },
  'random-bytes': (rng, s) => {
    const file = pick(rng, CSV_FILES);
    const whole = rng() < 0.3;
    const seed = Math.floor(rng() * 2 ** 32);
    s.bytes.push((entries) => {
      const r = seededRandom(seed);
      const b = Buffer.from(bytesOf(entries, file)!);
      if (whole) {
        const out = Buffer.alloc(int(r, 1, 4096));
        for (let i = 0; i < out.length; i++) out[i] = Math.floor(r() * 256);
        entries.set(file, out);
        return;
      }
      const start = int(r, 0, b.length - 1);
      const end = Math.min(b.length, start + int(r, 1, 64));
      for (let i = start; i < end; i++) b[i] = Math.floor(r() * 256);
      entries.set(file, b);
    });
    return `${file} ${whole ? 'replaced by random bytes' : 'with a run of random bytes'}`;
  },
  'nul-bytes': (rng, s) => {
    const file = pick(rng, CSV_FILES);
    const at = rng();
    s.bytes.push((entries) => {
      const b = bytesOf(entries, file)!;
      const i = Math.floor(b.length * at);
      entries.set(file, Buffer.concat([b.subarray(0, i), Buffer.from([0, 0]), b.subarray(i)]));
    });
    return `${file} NUL bytes at ${(at * 100).toFixed(1)}%`;
  },
  'empty-files': (rng, s) => {
    const file = pick(rng, CSV_FILES);
    const what = pick(rng, ['0 bytes', 'header only', 'spaces and line breaks', 'only a BOM', 'header only, no line break'] as const);
    s.bytes.push((entries) => {
      const header = s.tables.get(file)![0].join(',');
      const bytes = { '0 bytes': '', 'header only': `${header}\n`, 'spaces and line breaks': ' \n\n  \r\n', 'only a BOM': '\ufeff', 'header only, no line break': header }[what];
      entries.set(file, Buffer.from(bytes, 'utf8'));
    });
    return `${file} ${what}`;
  },
  'file-names': (rng, s) => {
    const file = pick(rng, ['relations.csv', 'shipments.csv', 'places.csv'] as const);
    const what = pick(rng, ['capitalised', 'upper-case extension', 'a folder', 'a dangling link']);
    s.bytes.push((entries) => {
      const b = entries.get(file);
      if (b === undefined) return; // moved by an earlier step
      entries.delete(file);
      if (what === 'capitalised') entries.set(file[0].toUpperCase() + file.slice(1), b);
      else if (what === 'upper-case extension') entries.set(file.replace('.csv', '.CSV'), b);
      else if (what === 'a folder') entries.set(file, { directory: true });
      else entries.set(file, { link: 'no-such-file.csv' });
    });
    return `${file} ${what}`;
  },
};

// ---- FtM mutators -------------------------------------------------------------------------------------------------

interface FtmState {
  records: FtmRecord[];
  /** Lines as written, after the records (byte-level steps change them). */
  bytes: ((text: Buffer) => Buffer)[];
}

const props = (r: FtmRecord): Record<string, unknown> => (typeof r.properties === 'object' && r.properties !== null && !Array.isArray(r.properties) ? (r.properties as Record<string, unknown>) : {});

function renameFtm(s: FtmState, from: string, to: string): void {
  for (const r of s.records) {
    if (r.id === from) r.id = to;
    const p = props(r);
    for (const [k, v] of Object.entries(p)) if (Array.isArray(v)) p[k] = v.map((x) => (x === from ? to : x));
  }
}

const JSON_VALUES: unknown[] = ['a string', 12.5, 0, -1, true, false, null, {}, { nested: ['x'] }, [], [1, 2], [null], [['nested']], [{ a: 1 }], [''], ['  '], [true], [1e309]];
type FtmMutator = (rng: Rng, s: FtmState) => string;
const ofSchema = (s: FtmState, ...schemata: string[]) => s.records.filter((r) => schemata.includes(r.schema as string));

export const FTM_MUTATORS: Record<string, FtmMutator> = {
  'ftm-odd-ids': (rng, s) => {
    const r = pick(rng, ofSchema(s, 'Company', 'Person', 'Organization'));
    const to = pick(rng, ODD_IDS);
    const from = r.id as string;
    renameFtm(s, from, to);
    return `entity ${show(from)} renamed ${show(to)}`;
  },
  'ftm-member-ids': (rng, s) => {
    const r = pick(rng, s.records);
    const to = pick(rng, MEMBER_NAMES);
    renameFtm(s, r.id as string, to);
    return `${String(r.schema)} id ${show(to)}`;
  },
  'ftm-shapes': (rng, s) => {
    const r = pick(rng, s.records);
    const what = pick(rng, ['property', 'property', 'property', 'properties', 'id', 'schema']);
    const v = pick(rng, JSON_VALUES);
    if (what === 'property') {
      const keys = Object.keys(props(r));
      const k = keys.length > 0 && rng() < 0.8 ? pick(rng, keys) : pick(rng, ['name', 'amount', 'payer', 'owner', 'country', 'latitude', '__proto__', 'constructor']);
      if (typeof r.properties !== 'object' || r.properties === null) r.properties = {};
      Object.defineProperty(r.properties, k, { value: v, enumerable: true, writable: true, configurable: true });
      return `${String(r.schema)} property ${k} = ${JSON.stringify(v)}`;
    }
    (r as Record<string, unknown>)[what] = v;
    return `${String(r.schema)} ${what} = ${JSON.stringify(v)}`;
  },
  'ftm-lines': (rng, s) => {
    const what = pick(rng, ['truncated JSON', 'trailing comma', 'an array', 'a number', 'a string', 'null', 'an empty object', 'two objects on a line']);
    const i = int(rng, 0, s.records.length - 1);
    s.bytes.push((b) => {
      const lines = b.toString('utf8').split('\n');
      const l = lines[i];
      lines[i] = { 'truncated JSON': l.slice(0, Math.floor(l.length / 2)), 'trailing comma': l.replace(/}$/, ',}'), 'an array': '[1,2,3]', 'a number': '42', 'a string': '"text"', null: 'null', 'an empty object': '{}', 'two objects on a line': `${l}${l}` }[what] ?? l;
      return Buffer.from(lines.join('\n'), 'utf8');
    });
    return `line ${i + 1} ${what}`;
  },
  'ftm-bad-values': (rng, s) => {
    const what = pick(rng, ['latitude 999', 'incorporationDate 2020-02-30', 'percentage 150', 'amount lots', 'amount 1e309', 'amountEur -5', 'date 2019-13-01', 'quantity huge', 'unit furlongs']);
    const set = (schemata: string[], key: string, value: string) => {
      const list = ofSchema(s, ...schemata);
      if (list.length === 0) return;
      const r = pick(rng, list);
      if (typeof r.properties !== 'object' || r.properties === null) r.properties = {};
      (r.properties as Record<string, unknown>)[key] = [value];
    };
    const [key, value] = what.split(' ');
    const schemata = { latitude: ['Company', 'Person', 'Organization', 'Address'], incorporationDate: ['Company', 'Organization'], percentage: ['Ownership'], amount: ['Payment'], amountEur: ['Payment'], date: ['Payment'], quantity: ['Shipment'], unit: ['Shipment'] }[key]!;
    set(schemata, key, key === 'quantity' ? '1e308' : value);
    if (key === 'latitude') set(schemata, 'longitude', '10');
    return what;
  },
  'ftm-huge-totals': (rng, s) => {
    const v = pick(rng, ['1e299', '5e307', '1e308']);
    for (const r of ofSchema(s, 'Payment')) if (typeof r.properties === 'object' && r.properties !== null) (r.properties as Record<string, unknown>).amountEur = [v];
    return `every payment ${v} EUR`;
  },
  'ftm-self-ties': (rng, s) => {
    const r = pick(rng, ofSchema(s, 'Payment', 'Ownership', 'Directorship', 'Shipment'));
    const p = props(r);
    const ends: Record<string, [string, string]> = { Payment: ['payer', 'beneficiary'], Ownership: ['owner', 'asset'], Directorship: ['director', 'organization'], Shipment: ['supplier', 'buyer'] };
    const [a, b] = ends[r.schema as string];
    p[b] = p[a];
    return `${String(r.schema)} ${String(r.id)} to itself`;
  },
  'ftm-references': (rng, s) => {
    const r = pick(rng, ofSchema(s, 'Payment', 'Ownership', 'Shipment', 'Person', 'Company'));
    const p = props(r);
    const key = pick(rng, Object.keys(p).filter((k) => ['payer', 'beneficiary', 'owner', 'asset', 'supplier', 'buyer', 'addressEntity'].includes(k)).concat(['payer']));
    p[key] = [pick(rng, ['no-such-id', '', '__proto__'])];
    return `${String(r.schema)} ${key} names a missing id`;
  },
  'ftm-schemata': (rng, s) => {
    const r = pick(rng, s.records);
    const to = pick(rng, ['Spaceship', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'company', 'Thing', 'Interval', 'Note', 'LegalEntity', 'Vessel']);
    r.schema = to;
    return `schema ${show(to)}`;
  },
  'ftm-dup-ids': (rng, s) => {
    const r = pick(rng, s.records);
    s.records.splice(int(rng, 0, s.records.length), 0, JSON.parse(JSON.stringify(r)) as FtmRecord);
    return `${String(r.schema)} ${String(r.id)} twice`;
  },
  'ftm-control-chars': (rng, s) => {
    const r = pick(rng, ofSchema(s, 'Company', 'Person', 'Organization'));
    const p = props(r);
    const c = pick(rng, CONTROL);
    p.name = [`Name${c}here`];
    return `name with ${JSON.stringify(c)}`;
  },
  'ftm-bytes': (rng, s) => {
    const what = pick(rng, ['CRLF', 'CR only', 'UTF-8 BOM', 'UTF-16LE with BOM', 'UTF-16LE without BOM', 'invalid UTF-8', 'truncated', 'random bytes', 'NUL bytes', 'empty', 'only line breaks', 'blank lines']);
    const at = rng();
    const seed = Math.floor(rng() * 2 ** 32);
    s.bytes.push((b) => {
      const text = b.toString('utf8');
      switch (what) {
        case 'CRLF':
          return Buffer.from(text.replace(/\n/g, '\r\n'), 'utf8');
        case 'CR only':
          return Buffer.from(text.replace(/\n/g, '\r'), 'utf8');
        case 'UTF-8 BOM':
          return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), b]);
        case 'UTF-16LE with BOM':
          return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
        case 'UTF-16LE without BOM':
          return Buffer.from(text, 'utf16le');
        case 'invalid UTF-8': {
          const i = b.indexOf(Buffer.from('"name": ["')) + 10;
          return i < 10 ? b : Buffer.concat([b.subarray(0, i), Buffer.from([0xc3, 0x28, 0xff]), b.subarray(i)]);
        }
        case 'truncated':
          return b.subarray(0, Math.max(1, Math.floor(b.length * at)));
        case 'random bytes': {
          const r = seededRandom(seed);
          const out = Buffer.from(b);
          const start = Math.floor(at * out.length);
          for (let i = start; i < Math.min(out.length, start + 40); i++) out[i] = Math.floor(r() * 256);
          return out;
        }
        case 'NUL bytes': {
          const i = Math.floor(at * b.length);
          return Buffer.concat([b.subarray(0, i), Buffer.from([0]), b.subarray(i)]);
        }
        case 'empty':
          return Buffer.alloc(0);
        case 'only line breaks':
          return Buffer.from('\n\n\r\n', 'utf8');
        default:
          return Buffer.from(text.replace(/\n/g, '\n\n'), 'utf8');
      }
    });
    return what;
  },
};

// ---- mutants ------------------------------------------------------------------------------------------------------

/** The mutant of class `cls` for `seed`: the class's mutator applied one to three times. */
export function mutant(cls: string, seed: number): Mutant {
  const rng = seededRandom(seed);
  // One to three steps of the class; one for 1 MB fields (each step adds a megabyte the whole pipeline carries).
  const steps = cls === 'big-field' ? 1 : int(rng, 1, 3);
  if (cls in CSV_MUTATORS) {
    const state: CsvState = { tables: new Map([...base().csv].map(([f, t]) => [f, t.map((r) => [...r])])), bytes: [] };
    const names: string[] = [];
    for (let i = 0; i < steps; i++) names.push(CSV_MUTATORS[cls](rng, state));
    const entries = new Map<string, Entry>([...state.tables].map(([f, t]) => [f, Buffer.from(csvText(t), 'utf8')]));
    for (const step of state.bytes) step(entries);
    return { kind: 'csv', cls, name: `${cls}: ${names.join('; ')}`, entries };
  }
  if (!(cls in FTM_MUTATORS)) throw new Error(`unknown mutation class ${cls}`);
  const state: FtmState = { records: JSON.parse(JSON.stringify(base().ftm)) as FtmRecord[], bytes: [] };
  const names: string[] = [];
  for (let i = 0; i < steps; i++) names.push(FTM_MUTATORS[cls](rng, state));
  let bytes = Buffer.from(state.records.map((r) => JSON.stringify(r)).join('\n') + '\n', 'utf8');
  for (const step of state.bytes) bytes = step(bytes);
  return { kind: 'ftm', cls, name: `${cls}: ${names.join('; ')}`, entries: new Map([['fuzz.ftm.jsonl', bytes]]) };
}

export const CLASSES = [...Object.keys(CSV_MUTATORS), ...Object.keys(FTM_MUTATORS)];
