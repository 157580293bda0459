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
 */
export function jsonLines(list: readonly unknown[], start: number, end: number): string {
  const count = end - start;
  if (count <= 0) return '';
  const text = JSON.stringify(start === 0 && end === list.length ? list : list.slice(start, end));
  if (text.indexOf('[{', 1) < 0 && text.startsWith('[{"') && text.endsWith('}]')) {
    const lines = text.slice(1, -1).replaceAll('},{"', '}\n{"');
    // JSON.stringify writes no line break of its own (a line break in a string is written \n): the breaks are ours.
    let breaks = 0;
    for (let at = lines.indexOf('\n'); at >= 0; at = lines.indexOf('\n', at + 1)) breaks++;
    if (breaks === count - 1) return lines;
  }
  let out = '';
  for (let i = start; i < end; i++) out += `${i === start ? '' : '\n'}${JSON.stringify(list[i]) ?? ''}`;
  return out;
}
