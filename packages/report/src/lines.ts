/**
 * Records as JSON lines, many at a time. JSON.stringify of one array of records costs far less than one call per
 * record (each call has its own set-up and result), and gives the same text: the records' JSON joined by commas.
 * The lines are that text with each comma between two records made a line break.
 *
 * Why the boundaries can be found in the text: inside a JSON string every `"` is escaped as `\"`, so `},{"` never
 * occurs inside a string; outside strings it occurs only between two objects of an array. When the text holds no
 * array of objects below the top (no `[{` after its first character) and exactly one `},{"` per boundary, every one
 * of them is a boundary. Anything else (a record whose JSON is `{}` or not an object, an array of objects inside a
 * record) is written one record at a time, as JSON.stringify writes each.
 *
 * The boundaries are cut in the UTF-8 bytes of the text, in place: the bytes are made once (they are what is written
 * and hashed), with no second string of the same size. A byte of a character beyond ASCII is never below 0x80, so the
 * ASCII `},{"` is found in the bytes exactly where it is in the text; and JSON.stringify escapes lone surrogates, so
 * its text is always whole UTF-8.
 */

/** Between two records of an array: `},{"`. */
const BOUNDARY = Buffer.from('},{"', 'latin1');
const LF = 0x0a;

/** The records `start` to `end` of `list` as JSON lines, in UTF-8, each line ended by a line break. */
export function jsonLinesBytes(list: readonly unknown[], start: number, end: number): Buffer {
  const count = end - start;
  if (count <= 0) return Buffer.alloc(0);
  const text = JSON.stringify(start === 0 && end === list.length ? list : list.slice(start, end));
  if (text.indexOf('[{', 1) < 0 && text.startsWith('[{"') && text.endsWith('}]')) {
    const bytes = Buffer.from(text, 'utf8');
    // JSON.stringify writes no line break of its own (a line break in a string is written \n): the breaks are ours.
    let breaks = 0;
    for (let at = bytes.indexOf(BOUNDARY, 1); at >= 0; at = bytes.indexOf(BOUNDARY, at + BOUNDARY.length)) {
      bytes[at + 1] = LF;
      breaks++;
    }
    if (breaks === count - 1) {
      // `[` left off, and `]` made the last line's break.
      bytes[bytes.length - 1] = LF;
      return bytes.subarray(1);
    }
  }
  let out = '';
  for (let i = start; i < end; i++) out += `${JSON.stringify(list[i]) ?? ''}\n`;
  return Buffer.from(out, 'utf8');
}

/** The records `start` to `end` of `list` as JSON lines (jsonLinesBytes as text, without the last line break). */
export function jsonLines(list: readonly unknown[], start: number, end: number): string {
  if (end - start <= 0) return '';
  const bytes = jsonLinesBytes(list, start, end);
  return bytes.toString('utf8', 0, bytes.length - 1);
}
