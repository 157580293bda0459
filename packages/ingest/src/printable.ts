import type { DataIssue } from '@chokepoint/model';

/** The marks that set the direction of text (ALM, LRM, RLM, the embeddings, overrides and isolates), as a class's body. */
const DIRECTION = '\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069';
/**
 * Characters that would act instead of showing where a message is printed or displayed: C0 controls (line breaks and
 * tabs included: a message is one line), DEL, C1 controls, the line and paragraph separators, and the bidirectional
 * controls that reorder text (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069).
 */
const ACTIVE = new RegExp(`[\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029${DIRECTION}]`, 'g');
const DIRECTION_MARK = new RegExp(`[${DIRECTION}]`);
const DIRECTION_MARKS = new RegExp(`[${DIRECTION}]`, 'g');
const EDGE_MARKS = new RegExp(`^[\\s${DIRECTION}]+|[\\s${DIRECTION}]+$`, 'g');

/**
 * Text without the spaces and direction marks at its ends (a left-to-right mark before a phone number copied from an
 * Arabic page): invisible, and never part of a value, so trimmed like spaces. Text without such marks as it is.
 */
export function trimDirectionMarks(text: string): string {
  return DIRECTION_MARK.test(text) ? text.replace(EDGE_MARKS, '') : text;
}

/** Text without any direction mark (a header name copied from an Arabic page, `\u200fالاسم`). */
export function withoutDirectionMarks(text: string): string {
  return DIRECTION_MARK.test(text) ? text.replace(DIRECTION_MARKS, '') : text;
}

/**
 * Text for a message: every character of ACTIVE written as `\u` and four hex digits, so that a header, a value or an
 * id read from a file can never drive a terminal or reorder the line it is shown on. Text without them is returned
 * as it is; escaping twice changes nothing.
 */
export function printable(text: string): string {
  return text.replace(ACTIVE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** An issue whose reason and column are printable. */
export function printableIssue(issue: DataIssue): DataIssue {
  if (issue.column === undefined) return { file: printable(issue.file), line: issue.line, reason: printable(issue.reason) };
  return { file: printable(issue.file), line: issue.line, column: printable(issue.column), reason: printable(issue.reason) };
}

/** A value quoted for a message, cut to `max` characters: `"Örnek Kimya"`, `"yyyy…"`. */
export function quote(text: string, max = 60): string {
  return JSON.stringify(text.length > max ? `${text.slice(0, max - 1)}…` : text);
}

/**
 * Sets `key` of a record of attributes as its own property, whatever the key: a plain assignment of `__proto__` would
 * set the prototype instead and lose the value. (Other member names — `constructor`, `toString` — are assigned as own
 * properties anyway.) The record stays a plain object, equal to one read back from elsewhere.
 */
export function setOwn(record: Record<string, string>, key: string, value: string): void {
  if (key === '__proto__') Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  else record[key] = value;
}
