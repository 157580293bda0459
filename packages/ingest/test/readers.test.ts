/**
 * The readers keep their promise whatever the file (issue 13): every row and value ends up read, or listed with its
 * file, line, column or property and reason; nothing crashes; messages carry no raw control characters. One
 * describe per class of problem the fuzzer (packages/cli/test/fuzz) found.
 */
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { rng as seeded } from './helpers';
import { join } from 'node:path';
import { formatIssue, type Bundle, type DataIssue } from '@chokepoint/model';
import { CsvTokenizer, InvalidBundleError, jsonLines, MAX_LINE_BYTES, readBundle, readFtm, type CsvRow } from '@chokepoint/ingest';
import { ENTITIES, makeBundle, removeBundles, tempDir } from './helpers';

afterAll(removeBundles);

/** The problems readBundle or readFtm throws for `read`, and whether they stop even lenient mode. */
async function refusal(read: Promise<Bundle>): Promise<{ issues: DataIssue[]; fatal: boolean; message: string }> {
  try {
    await read;
  } catch (err) {
    if (err instanceof InvalidBundleError) return { issues: err.issues, fatal: err.fatal, message: err.message };
    throw err;
  }
  throw new Error('expected the input to be refused');
}

/** Writes FtM records (objects, or raw text for a line) as JSON lines; returns the path. */
function ftmFile(lines: (object | string)[], name = 'x.ftm.jsonl'): string {
  const dir = tempDir();
  const path = join(dir, name);
  writeFileSync(path, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n');
  return path;
}

const C1 = { id: 'c1', schema: 'Company', properties: { name: ['Örnek Kimya'], country: ['tr'] } };
const C2 = { id: 'c2', schema: 'Company', properties: { name: ['Hat GSM'] } };
const P1 = { id: 'p1', schema: 'Person', properties: { name: ['Ayşe Demir'] } };

// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/;

describe('line ends (fuzz class line-ends)', () => {
  const body = ['a,company,Alpha', 'b,company,Beta', 'c,person,Carol', 'd,company,Delta'];

  it('reads every row of a file whose header ends in CRLF and whose body uses LF, or mixes CRLF, LF and CR', async () => {
    for (const entities of [
      `id,kind,name\r\n${body.join('\n')}\n`,
      `id,kind,name\n${body.join('\r\n')}\r\n`,
      `id,kind,name\r\n${body[0]}\n${body[1]}\r${body[2]}\r\n${body[3]}`,
      `id,kind,name\r${body.join('\r')}\r`,
    ]) {
      const b = await readBundle(makeBundle({ entities, relations: undefined, shipments: undefined }));
      expect(b.entities.map((e) => [e.id, e.origin.line])).toEqual([
        ['a', 2],
        ['b', 3],
        ['c', 4],
        ['d', 5],
      ]);
      expect(b.rejected).toEqual([]);
    }
  });

  it('a lone CR inside a quoted field is part of the cell and does not move the later line numbers', async () => {
    const entities = `id,kind,name\na,company,"Alpha\rKimya"\nb,company,"Beta\nGSM"\nc,person,Carol\n`;
    const b = await readBundle(makeBundle({ entities, relations: undefined, shipments: undefined }));
    expect(b.entities.map((e) => [e.id, e.name, e.origin.line])).toEqual([
      ['a', 'Alpha\rKimya', 2],
      ['b', 'Beta\nGSM', 3],
      ['c', 'Carol', 5],
    ]);
    // In a file whose lines end in lone CRs, a CR in a quoted cell is a line break like the others.
    const mac = await readBundle(makeBundle({ entities: 'id,kind,name\ra,company,"Alpha\rKimya"\rb,company,Beta\r', relations: undefined, shipments: undefined }));
    expect(mac.entities.map((e) => [e.id, e.origin.line])).toEqual([
      ['a', 2],
      ['b', 4],
    ]);
  });

  it('a lone CR outside quotes ends a row, as editors show it, so two rows never share a line number', async () => {
    const entities = 'id,kind,name\na,company,Alpha\rb,company,Beta\nc,company,Carol,surplus\r\nd,company,Delta\n';
    const b = await readBundle(makeBundle({ entities, relations: undefined, shipments: undefined }), { lenient: true });
    expect(b.entities.map((e) => [e.id, e.origin.line])).toEqual([
      ['a', 2],
      ['b', 3],
      ['d', 5],
    ]);
    expect(b.rejected).toEqual([{ file: 'entities.csv', line: 4, reason: 'the row has 4 fields but the header has 3' }]);
  });

  it('an unclosed quote is reported on the line where it opens, with its column', async () => {
    const { issues, fatal } = await refusal(readBundle(makeBundle({ entities: 'id,kind,name\na,company,"Alpha\nb,company,Beta\nc,person,Carol\n' })));
    expect(fatal).toBe(true);
    expect(issues).toEqual([{ file: 'entities.csv', line: 2, column: 'name', reason: 'a quoted field is never closed (a " opens a field that runs to the end of the file)' }]);
  });

  it('records and line numbers equal those of a reference reading, for any table, line ends and chunking (property)', () => {
    // mulberry32: a seeded generator, so that a failure can be replayed.
    let state = 20260113;
    const rng = () => {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pick = <T>(list: readonly T[]): T => list[Math.floor(rng() * list.length)];
    const pieces = ['a', 'Örnek', '名前', '😀', ' ', ',', '"', '\n', '\r\n', '\r', ';', '\u0000', 'x"y', '\ufffd'];
    for (let run = 0; run < 300; run++) {
      const eol = pick(['\n', '\r\n', '\r', 'mixed'] as const);
      const rows = Array.from({ length: 1 + Math.floor(rng() * 6) }, () =>
        Array.from({ length: 1 + Math.floor(rng() * 4) }, () => Array.from({ length: Math.floor(rng() * 4) }, () => pick(pieces)).join('')),
      );
      const ends = rows.map((_, i) => (i < rows.length - 1 || rng() < 0.5 ? (eol === 'mixed' ? pick(['\n', '\r\n', '\r']) : eol) : ''));
      // The reference count: every line break outside quotes; inside, CRLF and LF, and a lone CR only in a file whose
      // first line break outside quotes is one.
      const crFile = ends[0] === '\r';
      let text = '';
      const expected: CsvRow[] = [];
      let line = 1;
      rows.forEach((row, i) => {
        // Written as a spreadsheet would: a cell with a separator, a quote or a line break is quoted.
        const cells = row.map((c) => (/[",\r\n]/.test(c) || c.trim() === '' ? `"${c.replace(/"/g, '""')}"` : c));
        expected.push({ line, fields: row });
        text += cells.join(',') + ends[i];
        for (const c of row) line += (c.match(crFile ? /\r\n|\r|\n/g : /\r\n|\n/g) ?? []).length;
        line++;
      });
      const bytes = Buffer.from(text, 'utf8');
      const tokenizer = new CsvTokenizer();
      const got: CsvRow[] = [];
      for (let at = 0; at < bytes.length; ) {
        const size = 1 + Math.floor(rng() * 7);
        got.push(...tokenizer.push(bytes.subarray(at, at + size)));
        at += size;
      }
      got.push(...tokenizer.end());
      expect({ text: JSON.stringify(text), rows: got.map((r) => ({ line: r.line, fields: r.fields })) }).toEqual({ text: JSON.stringify(text), rows: expected });
      expect(got.every((r) => r.invalid === undefined)).toBe(true);
    }
  });
});

describe('CsvTokenizer: fields decoded straight from the chunk', () => {
  it('gives the same text and the same invalid fields however the bytes are cut (ASCII chunks, multi-byte text, bad bytes)', () => {
    const rng = seeded(7);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(rng() * list.length)];
    // Bytes of cells: ASCII (most), multi-byte UTF-8, a byte that is never valid UTF-8, and half of a character.
    const pieces: Buffer[] = ['abc', 'e1234', ' ', 'Örnek', '名前', '😀', '__proto__'].map((x) => Buffer.from(x, 'utf8'));
    const bad = [Buffer.from([0xff]), Buffer.from([0xc3])];
    for (let run = 0; run < 300; run++) {
      const rows: { cells: Buffer[]; invalid: number[] }[] = [];
      for (let r = 0; r < 1 + Math.floor(rng() * 8); r++) {
        const cells: Buffer[] = [];
        const invalid: number[] = [];
        for (let c = 0; c < 1 + Math.floor(rng() * 4); c++) {
          const parts = Array.from({ length: 1 + Math.floor(rng() * 3) }, () => (rng() < 0.08 ? pick(bad) : pick(pieces)));
          if (parts.some((b) => bad.includes(b))) invalid.push(c);
          cells.push(Buffer.concat(parts));
        }
        // Never a row of spaces only or a single empty cell: the tokenizer passes those on as they are too.
        rows.push({ cells, invalid });
      }
      const quoted = rng() < 0.5;
      const file = Buffer.concat(
        rows.flatMap(({ cells }) => [
          ...cells.flatMap((c, i) => [...(i > 0 ? [Buffer.from(',')] : []), ...(quoted ? [Buffer.from('"'), c, Buffer.from('"')] : [c])]),
          Buffer.from('\n'),
        ]),
      );
      const tokenizer = new CsvTokenizer();
      const got: CsvRow[] = [];
      for (let at = 0; at < file.length; ) {
        const size = 1 + Math.floor(rng() * 40);
        got.push(...tokenizer.push(file.subarray(at, at + size)));
        at += size;
      }
      got.push(...tokenizer.end());
      expect(got.map((r) => ({ fields: r.fields, invalid: r.invalid ?? [] }))).toEqual(rows.map(({ cells, invalid }) => ({ fields: cells.map((c) => c.toString('utf8')), invalid })));
    }
  });
});

describe('CsvTokenizer: a cell too long for a table', () => {
  const feed = (tokenizer: CsvTokenizer, text: string, size: number): CsvRow[] => {
    const bytes = Buffer.from(text, 'utf8');
    const got: CsvRow[] = [];
    for (let at = 0; at < bytes.length; at += size) got.push(...tokenizer.push(bytes.subarray(at, at + size)));
    got.push(...tokenizer.end());
    return got;
  };

  it('stops at a quoted cell that runs on past the limit, naming the line its quote opens on, however the bytes are cut', () => {
    const text = `a,b\r\nx,y\r\n1,"${'z'.repeat(500)}\r\n2,3\r\n`;
    // (the limit is checked as a cell grows from chunk to chunk: a cell within one chunk is no longer than the chunk)
    for (const size of [1, 7, 64, 150]) {
      expect(() => feed(new CsvTokenizer(0x2c, false, 200), text, size)).toThrow(expect.objectContaining({ line: 3, field: 1, reason: expect.stringMatching(/^a cell in quotes runs on for more than 200 bytes: its quote \(here\) is probably never closed/) }));
      expect(() => feed(new CsvTokenizer(0x2c, true, 200), text, size)).toThrow(expect.objectContaining({ line: 3 }));
      // Under the limit: read as it is (one cell with line breaks, then the quote left open at the end).
      expect(() => feed(new CsvTokenizer(0x2c, false, 2000), text, size)).toThrow(expect.objectContaining({ line: 3, reason: expect.not.stringContaining('runs on') }));
    }
  });

  it('stops at an unquoted cell of no separators or line breaks past the limit, and reads cells up to it', () => {
    expect(() => feed(new CsvTokenizer(0x2c, false, 100), `a\n${'x'.repeat(101)}\n`, 10)).toThrow(expect.objectContaining({ line: 2, field: 0, reason: expect.stringMatching(/^a cell runs on for more than 100 bytes without a separator or a line break/) }));
    expect(feed(new CsvTokenizer(0x2c, false, 100), `a\n${'x'.repeat(100)}\n`, 10).map((r) => r.fields[0].length)).toEqual([1, 100]);
  });
});

describe('CsvTokenizer with recover: broken quoting read past, however the bytes are cut', () => {
  it('keeps stray quotes as quote marks, marks a row with text after a closing quote bad, and reads on in step', () => {
    const rng = seeded(11);
    // [bytes in the file, text of the cell (for cells not bad), remark: none, a quote read literally, or bad]
    const kinds: [string, string, 'none' | 'literal' | 'bad'][] = [
      ['abc', 'abc', 'none'],
      ['12" pipe', '12" pipe', 'literal'],
      ['a"b"c', 'a"b"c', 'literal'],
      ['"x,y"', 'x,y', 'none'],
      ['"a""b"', 'a"b', 'none'],
      ['"multi\nline"', 'multi\nline', 'none'],
      ['"ab"cd', '', 'bad'],
      ['"ab" c"d', '', 'bad'],
      ['"__proto__"x', '', 'bad'],
    ];
    for (let run = 0; run < 300; run++) {
      const rows: { cells: (typeof kinds)[number][]; line: number }[] = [];
      let line = 1;
      for (let r = 0; r < 1 + Math.floor(rng() * 6); r++) {
        const cells = Array.from({ length: 1 + Math.floor(rng() * 4) }, () => kinds[Math.floor(rng() * kinds.length)]);
        rows.push({ cells, line });
        line += 1 + cells.filter((c) => c[0].includes('\n')).length;
      }
      const file = Buffer.from(rows.map(({ cells }) => `${cells.map((c) => c[0]).join(',')}\n`).join(''), 'utf8');
      const tokenizer = new CsvTokenizer(0x2c, true);
      const got: CsvRow[] = [];
      for (let at = 0; at < file.length; ) {
        const size = 1 + Math.floor(rng() * 12);
        got.push(...tokenizer.push(file.subarray(at, at + size)));
        at += size;
      }
      got.push(...tokenizer.end());
      expect(got.map((r) => r.line)).toEqual(rows.map((r) => r.line));
      got.forEach((row, i) => {
        const cells = rows[i].cells;
        expect(row.fields).toHaveLength(cells.length);
        const remarks = cells.flatMap((c, field) => (c[2] === 'none' ? [] : [{ field, bad: c[2] === 'bad' }]));
        expect((row.quoting ?? []).map((q) => ({ field: q.field, bad: q.bad }))).toEqual(remarks);
        cells.forEach((c, field) => {
          if (c[2] !== 'bad') expect(row.fields[field]).toBe(c[1]);
        });
      });
    }
  });

  it('throws for broken quoting without recover, as before', () => {
    expect(() => new CsvTokenizer().push(Buffer.from('a,b"c\n'))).toThrow(/a double quote in the middle of a field/);
    expect(() => new CsvTokenizer().push(Buffer.from('a,"b"c\n'))).toThrow(/text follows a closing quote/);
  });
});

describe('encodings', () => {
  const text = 'id,kind,name\na,company,Örnek Kimya\nb,company,Beta\n';
  const only = (entities: Buffer) => {
    const dir = makeBundle({ relations: undefined, shipments: undefined, places: undefined });
    writeFileSync(join(dir, 'entities.csv'), entities);
    return dir;
  };

  it('reads UTF-16 with a byte-order mark, little- or big-endian, as the same text', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
    for (const bytes of [le, be]) {
      const b = await readBundle(only(bytes));
      expect(b.entities.map((e) => [e.name, e.origin.line])).toEqual([
        ['Örnek Kimya', 2],
        ['Beta', 3],
      ]);
    }
  });

  it('refuses UTF-16 without a byte-order mark and UTF-32, saying which it is and to save the file as UTF-8', async () => {
    const utf32 = Buffer.alloc(4 * (text.length + 1));
    utf32.writeUInt32LE(0xfeff, 0);
    [...text].forEach((c, i) => utf32.writeUInt32LE(c.codePointAt(0)!, 4 + 4 * i));
    const cases: [Buffer, RegExp][] = [
      [Buffer.from(text, 'utf16le'), /^this file is UTF-16 without a byte-order mark; save it as UTF-8/],
      [Buffer.from(text, 'utf16le').swap16(), /^this file is UTF-16 without a byte-order mark; save it as UTF-8/],
      [utf32, /^this file is UTF-32; save it as UTF-8/],
      [utf32.subarray(4), /^this file is UTF-32 without a byte-order mark; save it as UTF-8/],
    ];
    for (const [bytes, reason] of cases) {
      const { issues, fatal } = await refusal(readBundle(only(bytes)));
      expect(fatal).toBe(true);
      expect(issues).toEqual([{ file: 'entities.csv', line: 1, reason: expect.stringMatching(reason) }]);
    }
    const ftm = join(tempDir(), 'u16.jsonl');
    writeFileSync(ftm, Buffer.from(`${JSON.stringify(C1)}\n`, 'utf16le'));
    expect((await refusal(readFtm(ftm))).issues).toEqual([{ file: 'u16.jsonl', line: 1, reason: expect.stringMatching(/^this file is UTF-16 without a byte-order mark/) }]);
  });

  it('refuses a file of NUL bytes (a copy that did not finish) or with many of them as not text, and quotes a long header in part', async () => {
    const zeros = await refusal(readBundle(only(Buffer.alloc(100_000))));
    expect(zeros.fatal).toBe(true);
    expect(zeros.issues).toEqual([{ file: 'entities.csv', line: 1, reason: expect.stringMatching(/^this file holds only NUL bytes \(zeros\) where its text should start, not text/) }]);
    const binary = Buffer.alloc(2000);
    for (let i = 0; i < binary.length; i++) binary[i] = i % 3 === 0 ? 0 : 65 + (i % 26);
    const some = await refusal(readBundle(only(binary)));
    expect(some.issues).toEqual([{ file: 'entities.csv', line: 1, reason: expect.stringMatching(/^this file holds NUL bytes \(667 of its first 2000\), which text never has/) }]);
    const ftm = join(tempDir(), 'zeros.jsonl');
    writeFileSync(ftm, Buffer.alloc(10_000));
    expect((await refusal(readFtm(ftm))).issues).toEqual([{ file: 'zeros.jsonl', line: 1, reason: expect.stringMatching(/^this file holds only NUL bytes/) }]);
    // One line of 200,000 characters where the header should be: its start and its length, not all of it.
    const long = await refusal(readBundle(only(Buffer.from(`${'x'.repeat(200_000)}\ne1\n`))));
    expect(long.issues).toEqual([{ file: 'entities.csv', line: 1, column: 'id', reason: expect.stringContaining('the header has one column, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx… (200,000 characters)"') }]);
    expect(long.issues[0].reason.length).toBeLessThan(300);
    const wide = await refusal(readBundle(only(Buffer.from(`${Array.from({ length: 100 }, (_, i) => `c${i}`).join(',')}\n`))));
    expect(wide.issues[0].reason).toContain('c38, c39, and 60 more');
  });

  it('does not read an FtM line longer than any record (64 MB): a problem on its line, the lines around it read (no crash at the string limit)', async () => {
    const path = join(tempDir(), 'long.jsonl');
    const C2 = { id: 'c2', schema: 'Company', properties: { name: ['Beta Ticaret'] } };
    const long = `{"id":"x","schema":"Company","properties":{"name":["${'x'.repeat(MAX_LINE_BYTES)}"]}}`;
    writeFileSync(path, `${JSON.stringify(C1)}\r\n${long}\r\n${JSON.stringify(C2)}\n`);
    const reason = `the line is longer than ${MAX_LINE_BYTES.toLocaleString('en-US')} bytes, far more than one record: is a line break missing? It is not read`;
    expect((await refusal(readFtm(path))).issues).toEqual([{ file: 'long.jsonl', line: 2, reason }]);
    const lenient = await readFtm(path, { lenient: true });
    expect(lenient.entities.map((e) => e.id)).toEqual(['c1', 'c2']);
    expect(lenient.rejected).toEqual([{ file: 'long.jsonl', line: 2, reason }]);
    const lines = [];
    for await (const l of jsonLines(path)) lines.push('problem' in l ? { line: l.line, problem: l.problem } : { line: l.line, id: (l.value as { id: string }).id });
    expect(lines).toEqual([{ line: 1, id: 'c1' }, { line: 2, problem: reason }, { line: 3, id: 'c2' }]);
    // The last line, without a line break after it, too.
    writeFileSync(path, `${JSON.stringify(C1)}\n${long}`);
    expect((await refusal(readFtm(path))).issues).toEqual([{ file: 'long.jsonl', line: 2, reason }]);
  });

  it('rejects invalid UTF-8 in a CSV cell and in an FtM line alike, with the line; a U+FFFD written in the file is text', async () => {
    const bad = Buffer.from([0xc3, 0x28]);
    const csv = only(Buffer.concat([Buffer.from('id,kind,name\na,company,Alpha\nb,company,B'), bad, Buffer.from('eta\nc,company,\ufffd\n')]));
    const b = await readBundle(csv, { lenient: true });
    expect(b.entities.map((e) => e.name)).toEqual(['Alpha', '\ufffd']);
    expect(b.rejected).toEqual([{ file: 'entities.csv', line: 3, column: 'name', reason: 'the text is not valid UTF-8 (save the file as UTF-8)' }]);

    // In a UTF-8 file (`Şanlıurfa` is written in UTF-8), an optional cell (a city) or an extra column (a note pasted
    // in Windows-1252) that is not UTF-8: a problem of its row; with --lenient the cell is left empty and the row
    // kept, with a warning naming it.
    const cp1252 = Buffer.from('Soci\xe9t\xe9 m\xe8re', 'latin1');
    const optional = only(Buffer.concat([Buffer.from('id,kind,name,city,notes\na,company,Alpha,'), bad, Buffer.from(',fine\nb,company,Beta,Şanlıurfa,'), cp1252, Buffer.from('\n')]));
    expect((await refusal(readBundle(optional))).issues).toEqual([
      { file: 'entities.csv', line: 1, reason: 'no entity could be read: every row has a problem (2 listed)' },
      { file: 'entities.csv', line: 2, column: 'city', reason: 'the text is not valid UTF-8 (save the file as UTF-8)' },
      { file: 'entities.csv', line: 3, column: 'notes', reason: 'the text is not valid UTF-8 (save the file as UTF-8)' },
    ]);
    const kept = await readBundle(optional, { lenient: true });
    expect(kept.rejected).toEqual([]);
    expect(kept.entities.map((e) => [e.id, e.city, e.attributes])).toEqual([
      ['a', undefined, { notes: 'fine' }],
      ['b', 'Şanlıurfa', {}],
    ]);
    expect(kept.warnings).toEqual([
      { file: 'entities.csv', line: 2, column: 'city', reason: 'the text is not valid UTF-8 (save the file as UTF-8): left empty, and the row read without it' },
      { file: 'entities.csv', line: 3, column: 'notes', reason: 'the text is not valid UTF-8 (save the file as UTF-8): left empty, and the row read without it' },
    ]);

    const path = join(tempDir(), 'bad.ftm.jsonl');
    writeFileSync(path, Buffer.concat([Buffer.from(`${JSON.stringify(C1)}\n{"id": "c2", "schema": "Company", "properties": {"name": ["B`), bad, Buffer.from('eta"]}}\n')]));
    const { issues } = await refusal(readFtm(path));
    expect(issues).toEqual([{ file: 'bad.ftm.jsonl', line: 2, reason: 'the text is not valid UTF-8 (save the file as UTF-8)' }]);
    const lenient = await readFtm(path, { lenient: true });
    expect(lenient.entities.map((e) => e.id)).toEqual(['c1']);
    expect(lenient.rejected).toEqual(issues);
  });

  it('reads an FtM file with a byte-order mark, and one in UTF-16 with a mark, from line 1', async () => {
    const dir = tempDir();
    const text = [C1, P1].map((l) => JSON.stringify(l)).join('\n');
    writeFileSync(join(dir, 'bom.jsonl'), `\ufeff${text}`);
    writeFileSync(join(dir, 'u16.jsonl'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    for (const name of ['bom.jsonl', 'u16.jsonl']) {
      const b = await readFtm(join(dir, name));
      expect(b.entities.map((e) => [e.id, e.name, e.origin.line])).toEqual([
        ['c1', 'Örnek Kimya', 1],
        ['p1', 'Ayşe Demir', 2],
      ]);
    }
  });
});

describe('file names (fuzz class file-names)', () => {
  it('reads a bundle file whose name differs only by case, with a warning naming it', async () => {
    const dir = makeBundle({ relations: undefined });
    writeFileSync(join(dir, 'Relations.csv'), 'source,target,kind\nc,a,owner\n');
    const b = await readBundle(dir);
    expect(b.relations).toEqual([expect.objectContaining({ source: 'c', target: 'a', origin: { file: 'Relations.csv', line: 2 } })]);
    expect(b.warnings).toEqual([{ file: 'Relations.csv', line: 1, reason: 'read as relations.csv (the name differs from it only by case)' }]);
  });

  it('refuses two files whose names differ only by case, a folder or a dangling link in place of a bundle file, naming each', async () => {
    const dir = makeBundle({ relations: undefined, shipments: undefined, places: undefined });
    writeFileSync(join(dir, 'Relations.csv'), 'source,target,kind\n');
    writeFileSync(join(dir, 'relations.CSV'), 'source,target,kind\n');
    mkdirSync(join(dir, 'shipments.csv'));
    symlinkSync('no-such-file.csv', join(dir, 'places.csv'));
    for (const lenient of [false, true]) {
      const { issues, fatal } = await refusal(readBundle(dir, { lenient }));
      expect(fatal).toBe(true);
      expect(issues.map(formatIssue)).toEqual([
        'Relations.csv line 1: Relations.csv and relations.CSV differ only by case, so which one is relations.csv is not clear: keep one of them',
        'places.csv line 1: this is a link to "no-such-file.csv", which does not exist',
        "shipments.csv line 1: this is a folder, not a file (the bundle's shipments.csv must be a CSV file)",
      ]);
    }
  });

  it('names a file of data the bundle does not read, reads a text table under a bundle file\'s name, and says when entities.csv is there under another name', async () => {
    const dir = makeBundle({ relations: undefined });
    // Saved as "Text (Tab delimited)": relations.txt, read as relations.csv (the folder has none), with a warning.
    writeFileSync(join(dir, 'relations.txt'), 'source\ttarget\tkind\nc\ta\towner\n');
    writeFileSync(join(dir, 'suppliers.csv'), 'id\n');
    writeFileSync(join(dir, 'README.md'), '# notes\n');
    writeFileSync(join(dir, '.DS_Store'), '');
    const b = await readBundle(dir);
    expect(b.warnings).toEqual([
      { file: 'relations.txt', line: 1, reason: 'read as relations.csv: the folder has no relations.csv, and this text table has its name (name it relations.csv to be sure)' },
      { file: 'suppliers.csv', line: 1, reason: 'not a file of a bundle (entities.csv, relations.csv, shipments.csv, places.csv): not read' },
    ]);
    expect(b.relations.map((r) => [r.source, r.target, r.kind, r.origin])).toEqual([['c', 'a', 'owner', { file: 'relations.txt', line: 2 }]]);
    // Beside the file of its own name, another is not read.
    const beside = makeBundle({});
    writeFileSync(join(beside, 'relations.txt'), 'source\ttarget\tkind\nc\td\towner\n');
    expect((await readBundle(beside)).warnings.map((w) => w.reason)).toEqual(['not a file of a bundle (entities.csv, relations.csv, shipments.csv, places.csv): not read; the bundle\'s relations.csv is read']);
    // Two of them (entities.tsv and entities.txt): which is meant is not clear, and neither is read.
    const other = tempDir();
    writeFileSync(join(other, 'entities.tsv'), 'id\tkind\tname\na\tcompany\tAlpha\n');
    writeFileSync(join(other, 'entities.txt'), 'id\tkind\tname\nb\tcompany\tBeta\n');
    await expect(readBundle(other)).rejects.toThrow(/has no entities\.csv \(a bundle needs at least entities\.csv; it has "entities\.(tsv|txt)": name it entities\.csv\)/);
    rmSync(join(other, 'entities.txt'));
    expect((await readBundle(other)).entities.map((e) => e.name)).toEqual(['Alpha']);
    // A workbook is not renamed but saved as CSV: the message says so.
    const book = tempDir();
    writeFileSync(join(book, 'Entities.xlsx'), Buffer.from('PK\u0003\u0004', 'latin1'));
    await expect(readBundle(book)).rejects.toThrow(/it has "Entities\.xlsx": save that sheet as "CSV UTF-8" named entities\.csv\)/);
    const both = makeBundle({ relations: undefined });
    writeFileSync(join(both, 'relations.xlsx'), Buffer.from('PK\u0003\u0004', 'latin1'));
    expect((await readBundle(both)).warnings.map((w) => w.reason)).toContain(
      'not a file of a bundle (entities.csv, relations.csv, shipments.csv, places.csv): not read; did you mean to save it as relations.csv? (a workbook is not read: save the sheet as "CSV UTF-8" under that name)',
    );
  });
});

describe('extra columns named like object members (fuzz class member-columns)', () => {
  it('keeps the values of columns named __proto__, constructor or toString as attributes of their own', async () => {
    const entities = ['id,kind,name,__proto__,constructor,toString,hasOwnProperty', 'a,company,Alpha,p1,c1,t1,h1', 'b,company,Beta,,c2,,'].join('\n');
    const b = await readBundle(makeBundle({ entities, relations: undefined, shipments: undefined }));
    const [a, beta] = b.entities;
    // Extra columns are named in lower case, as the header matching reads them.
    expect(Object.keys(a.attributes)).toEqual(['__proto__', 'constructor', 'tostring', 'hasownproperty']);
    expect(Object.hasOwn(a.attributes, '__proto__') && a.attributes['__proto__']).toBe('p1');
    expect(JSON.parse(JSON.stringify(a.attributes))).toEqual(JSON.parse('{"__proto__": "p1", "constructor": "c1", "tostring": "t1", "hasownproperty": "h1"}'));
    expect(Object.keys(beta.attributes)).toEqual(['constructor']);
    expect(Object.hasOwn(beta.attributes, '__proto__')).toBe(false);
  });
});

describe('an empty input is an input error, CSV and FtM alike', () => {
  it('refuses an entities.csv with a header and no rows, and an FtM file with no line, or no entity', async () => {
    for (const entities of ['id,kind,name', 'id,kind,name\n,,\n\n']) {
      const { issues, fatal } = await refusal(readBundle(makeBundle({ entities, relations: undefined, shipments: undefined })));
      expect(fatal).toBe(true);
      expect(issues.map(formatIssue)).toEqual(['entities.csv line 1: the file has no entity rows under its header: a bundle needs at least one entity']);
    }
    for (const text of ['', '\n\n\r\n']) {
      const path = join(tempDir(), 'empty.jsonl');
      writeFileSync(path, text);
      expect((await refusal(readFtm(path, { lenient: true }))).issues.map(formatIssue)).toEqual([
        'empty.jsonl line 1: the file is empty: a FollowTheMoney file has one JSON object per line, and a bundle needs at least one entity',
      ]);
    }
    const notes = ftmFile([{ id: 'n1', schema: 'Note', properties: { name: ['a note'] } }]);
    expect((await refusal(readFtm(notes))).issues.map((i) => i.reason)).toEqual(['the file has no person, company or organization: a bundle needs at least one entity']);
  });

  it('refuses, in either mode, an input whose every entity has a problem, listing them (skipping rows cannot help)', async () => {
    const csv = await refusal(readBundle(makeBundle({ entities: 'id,kind,name\na,frm,Alpha\nb,company,', relations: undefined, shipments: undefined }), { lenient: true }));
    expect(csv.fatal).toBe(true);
    expect(csv.message).not.toMatch(/--lenient/);
    expect((await refusal(readBundle(makeBundle({ entities: 'id,kind,name\na,frm,Alpha', relations: undefined, shipments: undefined })))).fatal).toBe(true);
    expect(csv.issues.map((i) => [i.line, i.column])).toEqual([
      [1, undefined],
      [2, 'kind'],
      [3, 'name'],
    ]);
    expect(csv.issues[0].reason).toBe('no entity could be read: every row has a problem (2 listed)');
    const ftm = await refusal(readFtm(ftmFile(['{not json', { id: '', schema: 'Company', properties: { name: ['Atlantis Ltd'] } }]), { lenient: true }));
    expect(ftm.issues.map((i) => [i.line, i.column])).toEqual([
      [1, undefined],
      [1, undefined],
      [2, 'id'],
    ]);
  });
});

describe('messages never carry raw control characters', () => {
  it('escapes them in errors, rejected rows and warnings, CSV and FtM', async () => {
    const header = await refusal(readBundle(makeBundle({ entities: 'id,k\u001b[31mind\u0000,name\na,company,Alpha\n' })));
    expect(header.message).toContain('k\\u001b[31mind\\u0000');
    expect(header.message).not.toMatch(RAW_CONTROL);

    const [head, ...rows] = ENTITIES.split('\n');
    const dir = makeBundle({ entities: [`${head},cit\u0007y`, ...rows.map((r) => `${r},x\u001b[2J`), 'e,compa\u009bny,Echo,,,,,,,,x'].join('\n') });
    const b = await readBundle(dir, { lenient: true });
    for (const i of [...b.rejected, ...b.warnings]) expect(`${i.column ?? ''} ${i.reason}`).not.toMatch(RAW_CONTROL);
    expect(b.rejected.map((i) => i.reason)).toEqual([expect.stringContaining('compa\\u009bny')]);
    expect(b.warnings.map((i) => [i.column, i.reason])).toEqual([['cit\\u0007y', expect.stringMatching(/^column "cit\\u0007y" is not a column of entities.csv .*did you mean "city"\?$/)]]);

    const ftm = await refusal(readFtm(ftmFile([C1, { id: 'x', schema: 'Comp\u001bany\u202e' }])));
    expect(ftm.issues.map((i) => i.reason)).toEqual(['unknown FtM schema "Comp\\u001bany\\u202e" (did you mean Company?)']);
    expect(ftm.message).not.toMatch(RAW_CONTROL);
  });
});

describe('white space around cells', () => {
  it('is trimmed, ASCII or not (tabs, no-break spaces, ideographic spaces, byte-order marks), and kept inside a cell', async () => {
    const entities = 'id,kind,name,city\n a ,company,\u00a0Alpha Trading\u3000,\tOld Town \n"b ",person," Bo\ufeff",x\u2028\n';
    const b = await readBundle(makeBundle({ entities, relations: undefined, shipments: undefined }));
    expect(b.entities.map((e) => [e.id, e.name, e.city])).toEqual([
      ['a', 'Alpha Trading', 'Old Town'],
      ['b', 'Bo', 'x'],
    ]);
  });
});

describe('ids that differ only by case', () => {
  it('are two entities, with a warning; a reference that differs from an id only by case gets a "did you mean"', async () => {
    const entities = 'id,kind,name\nACME,company,Acme Ltd\nacme,company,Acme Limited\n';
    const b = await readBundle(makeBundle({ entities, relations: undefined, shipments: undefined }));
    expect(b.entities.map((e) => e.id)).toEqual(['ACME', 'acme']);
    expect(b.warnings).toEqual([{ file: 'entities.csv', line: 3, column: 'id', reason: expect.stringMatching(/^id "acme" differs from "ACME" \(line 2\) only by case/) }]);
    const { issues } = await refusal(readBundle(makeBundle({ entities: 'id,kind,name\nACME,company,Acme\nb,person,Bo\n', relations: 'source,target,kind\nb,Acme,owner\n', shipments: undefined })));
    expect(issues[0].reason).toBe('unknown entity id "Acme" (not in entities.csv; did you mean "ACME"? ids are case-sensitive)');

    // Lower-case ids first, the capital later (the ids by lower case are gathered only once a capital is met): the
    // same warning, naming the first id and its line; a duplicate and a rejected row in between change nothing.
    const later = 'id,kind,name\nacme,company,Acme Ltd\nb,person,Bo\nb,person,Bo again\nc,,Cee\nd,company,Dee\nAcMe,company,Acme Limited\nD,company,Dee Ltd\n';
    const kept = await readBundle(makeBundle({ entities: later, relations: undefined, shipments: undefined }), { lenient: true });
    expect(kept.entities.map((e) => e.id)).toEqual(['acme', 'b', 'd', 'AcMe', 'D']);
    expect(kept.warnings.map((w) => [w.line, w.reason.replace(/ only by case.*/, '')])).toEqual([
      [7, 'id "AcMe" differs from "acme" (line 2)'],
      [8, 'id "D" differs from "d" (line 6)'],
    ]);

    const ftm = await readFtm(ftmFile([C1, { ...C2, id: 'C1' }]));
    expect(ftm.warnings).toEqual([{ file: 'x.ftm.jsonl', line: 2, column: 'id', reason: expect.stringMatching(/^id "C1" differs from "c1" \(line 1\) only by case/) }]);
  });
});

describe('FtM ids (fuzz class ftm-odd-ids)', () => {
  it('refuses an id the contract does not allow (over 200 characters, control characters), with the line', async () => {
    const long = 'y'.repeat(201);
    const path = ftmFile([C1, { ...C2, id: long }, { ...P1, id: 'p\u0007' }, { id: 'o1', schema: 'Ownership', properties: { owner: [long], asset: ['c1'] } }]);
    const { issues } = await refusal(readFtm(path));
    expect(issues.map(formatIssue)).toEqual([
      'x.ftm.jsonl line 2, column "id": id is longer than 200 characters',
      'x.ftm.jsonl line 3, column "id": id "p\\u0007" contains control characters',
      `x.ftm.jsonl line 4, column "owner": Ownership "o1": unknown entity id "${'y'.repeat(59)}…" (no person, company or organization of the file has it)`,
    ]);
    const lenient = await readFtm(path, { lenient: true });
    expect(lenient.entities.map((e) => e.id)).toEqual(['c1']);
    expect(lenient.rejected.map((i) => i.line)).toEqual([2, 3, 4]);
  });

  it('are unique among records of one kind, as in a bundle: an entity and a payment may share one, two entities may not', async () => {
    const path = ftmFile([C1, C2, { id: 'c1', schema: 'Payment', properties: { payer: ['c1'], beneficiary: ['c2'], amountEur: ['5'] } }, { ...P1, id: 'c2' }]);
    const { issues } = await refusal(readFtm(path));
    expect(issues.map(formatIssue)).toEqual(['x.ftm.jsonl line 4, column "id": duplicate id "c2" (first on line 2)']);
    const b = await readFtm(path, { lenient: true });
    expect([b.entities.map((e) => e.id), b.shipments.map((s) => s.id)]).toEqual([['c1', 'c2'], ['c1']]);
  });
});

describe('FtM shapes (fuzz class ftm-shapes)', () => {
  it('reads a single text or number as a one-value list (with a warning), and lists what cannot be used, never crashing', async () => {
    const lines: (object | string)[] = [
      { id: 'c1', schema: 'Company', properties: { name: 'Örnek Kimya', employees: 40, country: ['tr'], notes: [null, ''] } },
      C2,
      { id: 'c3', schema: 'Company', properties: 'a string' },
      { id: 'c4', schema: 'Company', properties: ['name'] },
      { id: 'c5', schema: 'Company', properties: { name: { first: 'x' } } },
      { id: 'c6', schema: 'Company', properties: { name: [['nested']] } },
      { id: 'c7', schema: 'Company', properties: { name: [true] } },
      { id: ['c8'], schema: 'Company' },
      { id: 'c9', schema: 12 },
      '[1, 2, 3]',
      { id: 'x1', schema: 'Payment', properties: { payer: 'c1', beneficiary: {}, amountEur: ['5'] } },
      { id: 'x2', schema: 'Payment', properties: { payer: ['c1'], beneficiary: ['c2'], amountEur: 5 } },
    ];
    const path = ftmFile(lines);
    const { issues } = await refusal(readFtm(path));
    expect(issues.map(formatIssue)).toEqual([
      'x.ftm.jsonl line 3, column "properties": Company "c3": "properties" must be a mapping of property names to lists of texts (here it is a text)',
      'x.ftm.jsonl line 4, column "properties": Company "c4": "properties" must be a mapping of property names to lists of texts (here it is a list)',
      'x.ftm.jsonl line 5, column "name": Company "c5": the value is a mapping; FtM values are lists of texts',
      'x.ftm.jsonl line 6, column "name": Company "c6": the list holds a list; FtM values are texts',
      'x.ftm.jsonl line 7, column "name": Company "c7": the list holds true; FtM values are texts',
      'x.ftm.jsonl line 8, column "id": an FtM entity needs an "id" that is a text (this one is a list)',
      'x.ftm.jsonl line 9, column "schema": an FtM entity needs a "schema" that is a text (this one is a number)',
      'x.ftm.jsonl line 10: not an FtM entity: each line must be one JSON object with "id", "schema" and "properties" (this line holds a list)',
      'x.ftm.jsonl line 11, column "beneficiary": Payment "x1": the value is a mapping; FtM values are lists of texts',
    ]);
    const b = await readFtm(path, { lenient: true });
    expect(b.entities.map((e) => [e.id, e.name, e.attributes])).toEqual([
      ['c1', 'Örnek Kimya', { ftmSchema: 'Company', employees: '40' }],
      ['c2', 'Hat GSM', { ftmSchema: 'Company' }],
    ]);
    expect(b.shipments.map((s) => [s.id, s.value, s.currency])).toEqual([['x2', 5, 'EUR']]);
    expect(b.warnings.map(formatIssue)).toEqual([
      'x.ftm.jsonl line 1, column "employees": the value is a number, not a list of texts: read as a text',
      'x.ftm.jsonl line 1, column "name": the value is a text, not a list of texts: read as one value',
      'x.ftm.jsonl line 12, column "amountEur": the value is a number, not a list of texts: read as a text',
    ]);
  });

  it('knows only the schemata of the FtM model (not constructor, toString or __proto__), and keeps a property named __proto__', async () => {
    const path = ftmFile([
      { id: 'c1', schema: 'Company', properties: JSON.parse('{"name": ["Örnek"], "__proto__": ["kept"], "constructor": ["too"]}') },
      ...['constructor', 'toString', '__proto__', 'hasOwnProperty', 'company'].map((schema, i) => ({ id: `x${i}`, schema })),
    ]);
    const { issues } = await refusal(readFtm(path));
    expect(issues.map((i) => [i.line, i.reason])).toEqual([
      [2, 'unknown FtM schema "constructor"'],
      [3, 'unknown FtM schema "toString"'],
      [4, 'unknown FtM schema "__proto__"'],
      [5, 'unknown FtM schema "hasOwnProperty"'],
      [6, 'unknown FtM schema "company" (did you mean Company?)'],
    ]);
    const b = await readFtm(path, { lenient: true });
    expect(Object.hasOwn(b.entities[0].attributes, '__proto__')).toBe(true);
    expect(JSON.parse(JSON.stringify(b.entities[0].attributes))).toEqual(JSON.parse('{"ftmSchema": "Company", "__proto__": "kept", "constructor": "too"}'));
  });
});

describe('FtM ties, payments and shipments of an entity to itself (fuzz class ftm-self-ties)', () => {
  it('are problems with the line and property, like in relations.csv and shipments.csv', async () => {
    const path = ftmFile([
      C1,
      C2,
      { id: 'o1', schema: 'Ownership', properties: { owner: ['c1'], asset: ['c1'], percentage: ['100'] } },
      { id: 'x1', schema: 'Payment', properties: { payer: ['c2'], beneficiary: ['c2'], amountEur: ['5'] } },
      { id: 's1', schema: 'Shipment', properties: { supplier: ['c1'], buyer: ['c1'], commodity: ['acetone'] } },
      { id: 'o2', schema: 'Ownership', properties: { owner: ['c1'], asset: ['c2'] } },
    ]);
    const { issues } = await refusal(readFtm(path));
    expect(issues.map(formatIssue)).toEqual([
      'x.ftm.jsonl line 3, column "asset": Ownership "o1": an entity cannot have a tie to itself ("c1")',
      'x.ftm.jsonl line 4, column "beneficiary": Payment "x1": payer and beneficiary are the same entity ("c2")',
      'x.ftm.jsonl line 5, column "buyer": Shipment "s1": supplier and buyer are the same entity ("c1")',
    ]);
    const b = await readFtm(path, { lenient: true });
    expect(b.relations.map((r) => r.attributes.ftmId)).toEqual(['o2']);
    expect(b.shipments).toEqual([]);
    expect(b.rejected.map((i) => i.line)).toEqual([3, 4, 5]);
  });
});

describe('FtM values that cannot be used (fuzz class ftm-bad-values)', () => {
  it('are rejected (lenient) or errors (strict) with the line, property, entity and reason, as in CSV', async () => {
    const path = ftmFile([
      { ...C1, properties: { ...C1.properties, latitude: ['999'], longitude: ['10'] } },
      { ...C2, properties: { ...C2.properties, incorporationDate: ['2020-02-30'] } },
      P1,
      { id: 'c3', schema: 'Company', properties: { name: ['Delta'], incorporationDate: ['2015'], latitude: ['36.7'] } },
      { id: 'c4', schema: 'Company', properties: { name: ['Echo'], incorporationDate: ['2014-05-02T10:00:00Z'] } },
      { id: 'o1', schema: 'Ownership', properties: { owner: ['p1'], asset: ['c4'], percentage: ['150'] } },
      { id: 'x1', schema: 'Payment', properties: { payer: ['p1'], beneficiary: ['c4'], amount: ['lots'], currency: ['EUR'] } },
      { id: 'x2', schema: 'Payment', properties: { payer: ['p1'], beneficiary: ['c4'], amountEur: ['-5'] } },
      { id: 'x3', schema: 'Payment', properties: { payer: ['p1'], beneficiary: ['c4'], amountEur: ['5'], date: ['2019-13-01'] } },
      { id: 'x4', schema: 'Payment', properties: { payer: ['p1'], beneficiary: ['c4'], amountEur: ['5'], date: ['2019-03'] } },
      { id: 'x5', schema: 'Payment', properties: { payer: ['p1'], beneficiary: ['c4'], amount: ['7'] } },
    ]);
    const { issues } = await refusal(readFtm(path));
    expect(issues.map(formatIssue)).toEqual([
      'x.ftm.jsonl line 1, column "latitude": Company "c1": latitude 999 is out of range (-90 to 90)',
      'x.ftm.jsonl line 2, column "incorporationDate": Company "c2": "2020-02-30" is not a day of the calendar: February 2020 has 29 days',
      'x.ftm.jsonl line 4, column "longitude": Company "c3": latitude and longitude must be given together',
      'x.ftm.jsonl line 6, column "percentage": Ownership "o1": percentage 150 is out of range (0 to 100)',
      'x.ftm.jsonl line 7, column "amount": Payment "x1": "lots" is not a number (write digits with a dot for decimals, no thousands separators)',
      'x.ftm.jsonl line 8, column "amountEur": Payment "x2": value -5 is out of range (0 to 1,000,000,000,000,000,000)',
      'x.ftm.jsonl line 9, column "date": Payment "x3": "2019-13-01" is not a date: there is no month 13 (dates are YYYY-MM-DD)',
    ]);
    // Read leniently, as in a CSV bundle: the record is kept without the value it cannot read, which stays as an
    // attribute, as written, with a warning; nothing is skipped.
    const b = await readFtm(path, { lenient: true });
    expect(b.rejected).toEqual([]);
    expect(b.entities.map((e) => [e.id, e.founded, e.lat ?? null])).toEqual([
      ['c1', undefined, null],
      ['c2', undefined, null],
      ['p1', undefined, null],
      ['c3', undefined, null],
      ['c4', '2014-05-02', null],
    ]);
    expect(b.entities[0].attributes).toMatchObject({ latitude: '999', longitude: '10' });
    expect(b.entities[1].attributes).toMatchObject({ incorporationDate: '2020-02-30' });
    expect(b.relations.map((r) => [r.attributes.ftmId, r.share, r.attributes.percentage])).toEqual([['o1', undefined, '150']]);
    expect(b.shipments.map((s) => [s.id, s.shipped, s.value, s.attributes])).toEqual([
      ['x1', undefined, undefined, { ftmSchema: 'Payment', amount: 'lots', currency: 'EUR' }],
      ['x2', undefined, undefined, { ftmSchema: 'Payment', amountEur: '-5' }],
      ['x3', undefined, 5, { ftmSchema: 'Payment', date: '2019-13-01' }],
      ['x4', undefined, 5, { ftmSchema: 'Payment', date: '2019-03' }],
      ['x5', undefined, undefined, { ftmSchema: 'Payment', amount: '7' }],
    ]);
    // Each problem of strict mode is a warning, on the same line and property.
    const warned = b.warnings.map((w) => `${w.line}:${w.column}`);
    for (const i of issues) expect(warned).toContain(`${i.line}:${i.column}`);
    expect(b.warnings.map(formatIssue)).toContain(
      'x.ftm.jsonl line 2, column "incorporationDate": "2020-02-30" is not a day of the calendar: February 2020 has 29 days: not used, and kept as an attribute (the record is read without it)',
    );
  });
});

describe('FtM addresses no entity uses (fuzz classes ftm-lines, ftm-references, ftm-bytes)', () => {
  it('are named in a warning, as is an addressEntity that names no Address of the file', async () => {
    const address = (id: string, full: string) => ({ id, schema: 'Address', properties: { full: [full], city: ['Akçakale'], country: ['tr'] } });
    const path = ftmFile([
      address('a1', 'Atatürk Cd. 1'),
      address('a2', 'Sınır Yolu 2'),
      address('a3', 'Liman Cd. 3'),
      { ...C1, properties: { ...C1.properties, addressEntity: ['a1'] } },
      { id: 'c2', schema: 'Company', properties: { name: ['Hat GSM'], addressEntity: ['a2'], country: ['Atlantis'] } },
      { ...P1, properties: { ...P1.properties, addressEntity: ['nowhere'] } },
    ]);
    const b = await readFtm(path, { lenient: true });
    expect(b.entities.map((e) => [e.id, e.address ?? null])).toEqual([
      ['c1', 'Atatürk Cd. 1'],
      ['c2', 'Sınır Yolu 2'],
      ['p1', null],
    ]);
    // c2's country cannot be read: read leniently, c2 is kept (with its address) without it.
    expect(b.warnings.map(formatIssue)).toEqual([
      'x.ftm.jsonl line 3: the Address "a3" is not used: no entity of the file names it (addressEntity)',
      'x.ftm.jsonl line 5, column "country": "Atlantis" is not an ISO 3166-1 alpha-2 country code (such as TR, GB, DK), an alpha-3 code or a country name the reader knows: not used, and kept as an attribute (the record is read without it)',
      'x.ftm.jsonl line 6, column "addressEntity": names "nowhere", which is not an Address of this file: not used',
    ]);
  });
});
