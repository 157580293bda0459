/**
 * The records file writes many records per JSON.stringify call and cuts the text into lines (issue 14): each line
 * must be exactly what JSON.stringify gives for that record alone, whatever the records hold.
 */
import { jsonLines, jsonLinesBytes } from '../src/lines';
import { rng } from './random';


const perRecord = (list: readonly unknown[]) => list.map((r) => JSON.stringify(r) ?? '').join('\n');

// Texts that break a naive cut: the boundary itself, brackets, quotes, back-slashes, control characters, lone
// surrogates, line and paragraph separators, and names a Map or an object treats specially.
const NASTY = ['},{"', '},{\\"', '}\n{"', '[{', '"}]', '\\', '"', '\u0000', '\u001f', '\n', '\r\n', '\ud800', '\udc00x', '\u2028', '\u2029', '😀', '__proto__', 'toString', '', ' '];

describe('jsonLines', () => {
  it('gives each record its own JSON.stringify text, one per line, for records like the report’s', () => {
    const random = rng(5);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
    const text = () => Array.from({ length: Math.floor(random() * 4) }, () => (random() < 0.5 ? pick(NASTY) : 'e12')).join('');
    for (let run = 0; run < 300; run++) {
      const list = Array.from({ length: 1 + Math.floor(random() * 20) }, () => {
        const r: Record<string, unknown> = random() < 0.5 ? { source: text(), target: 'e1', kind: 'owner' } : { id: text(), supplier: 'a', buyer: 'b', commodity: text() };
        if (random() < 0.3) r.share = pick([0, 1.5, -0, 1e21, 5e-7, NaN, Infinity]);
        if (random() < 0.2) r.transitCountries = ['AE', text()];
        if (random() < 0.2) r.start = undefined;
        const attributes: Record<string, string> = {};
        if (random() < 0.3) Object.defineProperty(attributes, text(), { value: text(), enumerable: true, writable: true, configurable: true });
        r.attributes = attributes;
        return r;
      });
      const start = Math.floor(random() * list.length);
      const end = start + Math.floor(random() * (list.length - start + 1));
      expect(jsonLines(list, start, end)).toBe(perRecord(list.slice(start, end)));
      // The bytes as written to the records file: the same text in UTF-8, each line ended by a line break.
      const bytes = jsonLinesBytes(list, start, end);
      expect(bytes.equals(Buffer.from(end > start ? `${perRecord(list.slice(start, end))}\n` : '', 'utf8'))).toBe(true);
    }
  });

  it('writes record by record what it cannot cut safely: arrays of objects, empty objects, values that are not objects', () => {
    const lists: unknown[][] = [
      [{ a: [{ b: 1 }, { c: 2 }] }, { d: 3 }],
      [{ a: 1 }, {}, { b: '},{"' }],
      [{ a: 1 }, { only: undefined }, { b: [{ x: '},{"' }, { y: 2 }] }],
      [{ a: 1 }, null, 'text', 7, undefined, { b: 2 }],
      [{ a: '[{' }, { b: '}]' }],
      [{}],
      [{ a: 1 }],
    ];
    for (const list of lists) {
      expect(jsonLines(list, 0, list.length)).toBe(perRecord(list));
      expect(jsonLinesBytes(list, 0, list.length).toString('utf8')).toBe(`${perRecord(list)}\n`);
    }
    expect(jsonLines([{ a: 1 }], 1, 1)).toBe('');
  });
});
