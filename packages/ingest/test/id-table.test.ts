/**
 * The reader's table of ids (issue 14: a Map lookup cost about 2 µs at a million entities). Held to what a Map gives
 * for the same operations, through growth, with ids of any text, and with two ids of the same 32-bit hash (found here
 * by brute force with an FNV-1a written apart from the table's).
 */
import { IdTable } from '@chokepoint/ingest';
import { rng } from './helpers';

/** FNV-1a over UTF-16 code units, 32 bits (the table's hash, written again). */
function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

describe('IdTable', () => {
  it('answers as a Map does, through growth, for ids of any text', () => {
    const random = rng(11);
    const table = new IdTable();
    const map = new Map<string, number>();
    const odd = ['', 'toString', '__proto__', 'constructor', 'hasOwnProperty', 'e1', 'E1', 'ç', 'Ağ 1', '\u0000', '😀', 'a\r\nb'];
    const ids = [...odd];
    for (let i = 0; i < 40000; i++) {
      const length = 1 + Math.floor(random() * 10);
      ids.push(Array.from({ length }, () => String.fromCharCode(32 + Math.floor(random() * (random() < 0.1 ? 2000 : 90)))).join(''));
    }
    ids.forEach((id, line) => {
      const before = map.get(id);
      expect(table.getOrAdd(id, line)).toBe(before);
      if (before === undefined) map.set(id, line);
    });
    expect(table.size).toBe(map.size);
    expect([...table]).toEqual([...map]);
    for (const id of [...ids, 'never', 'e2', 'tostring']) {
      expect(table.has(id)).toBe(map.has(id));
      expect(table.get(id)).toBe(map.get(id));
      expect(table.keyOf(id)).toBe(map.has(id) ? id : undefined);
    }
  });

  it('answers the same once room is made for its ids, before any is added or after some, for fewer or more than come', () => {
    const random = rng(5);
    const ids = Array.from({ length: 30000 }, (_, i) => (random() < 0.2 ? `e${Math.floor(random() * 5000)}` : `s${i}`));
    const fill = (table: IdTable, reserveAt: number, count: number) => {
      const answers = ids.map((id, line) => {
        if (line === reserveAt) table.reserve(count);
        return table.getOrAdd(id, line);
      });
      return { answers, entries: [...table], asked: ['e1', 's7', 'never', 's29999'].map((id) => [table.get(id), table.keyOf(id)]) };
    };
    const grown = fill(new IdTable(), -1, 0);
    expect(grown.entries.length).toBeGreaterThan(20000);
    for (const [at, count] of [[0, 30000], [0, 1_000_000], [0, 3000], [12000, 30000], [29999, 40000], [5, 0]]) {
      expect(fill(new IdTable(), at, count)).toEqual(grown);
    }
  });

  it('keeps two ids of the same hash apart', () => {
    const seen = new Map<number, string>();
    let pair: [string, string] | undefined;
    for (let i = 0; pair === undefined; i++) {
      const id = `s${i}`;
      const other = seen.get(fnv(id));
      if (other !== undefined) pair = [other, id];
      else seen.set(fnv(id), id);
    }
    const [a, b] = pair;
    expect(fnv(a)).toBe(fnv(b));
    expect(a).not.toBe(b);
    const table = new IdTable();
    expect(table.getOrAdd(a, 7)).toBeUndefined();
    expect(table.has(b)).toBe(false);
    expect(table.get(b)).toBeUndefined();
    expect(table.getOrAdd(b, 9)).toBeUndefined();
    expect(table.get(a)).toBe(7);
    expect(table.get(b)).toBe(9);
    expect(table.getOrAdd(a, 1)).toBe(7);
    expect(table.keyOf(b)).toBe(b);
    expect(table.size).toBe(2);
  });

  it('gives back the string it holds, so that references share it', () => {
    const table = new IdTable();
    const held = ['e', '42'].join('');
    table.getOrAdd(held, 1);
    const asRead = `e${40 + 2}`;
    expect(table.keyOf(asRead)).toBe(held);
  });
});
