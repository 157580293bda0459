/**
 * Interning cells from their bytes (issue 14): a column whose cells repeat gets the strings it met before. Which
 * string object carries a text cannot be seen from JavaScript, so these tests hold the interner to what can: the text
 * is always the bytes' text, whatever is kept, whatever collides, however the file is cut into chunks.
 */
import { ByteInterner, CsvTokenizer, type CsvRow } from '@chokepoint/ingest';
import { rng } from './helpers';

describe('ByteInterner', () => {
  it('gives the text of the bytes, kept or not, through growth and collisions', () => {
    const random = rng(3);
    const interner = new ByteInterner();
    const texts: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const length = Math.floor(random() * 12);
      texts.push(Array.from({ length }, () => String.fromCharCode(Math.floor(random() * 128))).join(''));
    }
    for (const t of texts.slice(0, 1500)) expect(interner.add(t)).toBe(t);
    const kept = new Set(texts.slice(0, 1500)).size;
    expect(interner.size).toBe(kept);
    for (const t of texts) {
      const bytes = Buffer.from(`,${t};`, 'latin1');
      expect(interner.bytes(bytes, 1, bytes.length - 1)).toBe(t);
    }
    // Looking up never keeps anything; adding a text kept already keeps nothing more.
    expect(interner.size).toBe(kept);
    for (const t of texts.slice(0, 100)) interner.add(t);
    expect(interner.size).toBe(kept);
  });

  it('keeps at most its limit, and never a text beyond ASCII (its bytes are not its char codes)', () => {
    const interner = new ByteInterner(3);
    for (const t of ['a', 'b', 'c', 'd', 'e']) interner.add(t);
    expect(interner.size).toBe(3);
    const other = new ByteInterner();
    expect(other.add('Örnek')).toBe('Örnek');
    expect(other.add('naïve')).toBe('naïve');
    expect(other.size).toBe(0);
    const bytes = Buffer.from('d', 'latin1');
    expect(interner.bytes(bytes, 0, 1)).toBe('d');
  });
});

describe('CsvTokenizer with interners', () => {
  it('gives the same rows with interned columns as without, however the bytes are cut', () => {
    const random = rng(11);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
    const cells = ['kg', 'pcs', 'USD', '2019-01-02', 'e12', ' kg', 'kg ', 'Örnek', '😀', 'a,b', 'say "hi"', '', '__proto__', 'x\ny'];
    let found = 0;
    for (let run = 0; run < 200; run++) {
      const rows = Array.from({ length: 1 + Math.floor(random() * 12) }, () => Array.from({ length: 4 }, () => pick(cells)));
      const text = rows.map((r) => r.map((c) => (/[",\n]/.test(c) || c === '' ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\n');
      // Now and then a last cell with a byte that is never valid UTF-8.
      const bytes = Buffer.concat([Buffer.from(text, 'utf8'), random() < 0.3 ? Buffer.from([0x2c, 0x6b, 0xff]) : Buffer.alloc(0), Buffer.from('\n')]);
      const read = (interners: (ByteInterner | undefined)[]): CsvRow[] => {
        const tokenizer = new CsvTokenizer();
        tokenizer.interners = interners;
        const got: CsvRow[] = [];
        for (let at = 0; at < bytes.length; ) {
          const size = 1 + Math.floor(random() * 30);
          got.push(...tokenizer.push(bytes.subarray(at, at + size)));
          at += size;
        }
        got.push(...tokenizer.end());
        return got;
      };
      const seeded = new ByteInterner();
      for (const c of cells) seeded.add(c);
      const small = new ByteInterner(2);
      small.add('kg');
      small.add('e12');
      const interners = [seeded, undefined, small, seeded];
      const interned = read(interners);
      // Each field's entry is the one its interner keeps for its text (or -1: not kept, or no interner).
      for (const row of interned) {
        expect(row.entries).toHaveLength(row.fields.length);
        row.fields.forEach((field, i) => {
          const interner = interners[i];
          const entry = row.entries![i];
          if (interner === undefined) return expect(entry).toBe(-1);
          if (entry < 0) return;
          found++;
          interner.add(field);
          expect(interner.lastEntry).toBe(entry);
        });
        delete row.entries;
      }
      expect(interned).toEqual(read([]));
    }
    // (most cells of the seeded columns lie within one chunk: their entries are given)
    expect(found).toBeGreaterThan(1000);
  });
});
