/**
 * Characters that would act on a terminal instead of showing: C0 controls other than tab and line feed (escape
 * sequences, carriage return, backspace, NUL …), DEL, C1 controls, and the bidirectional controls that reorder what
 * is shown (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069).
 */
// eslint-disable-next-line no-control-regex
const ACTIVE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text for a terminal: every character of ACTIVE written as `\u` and four hex digits, so that a name or a header
 * read from a file cannot move the cursor, change colours, clear the screen or reorder the line it is printed on.
 * Everything the CLI writes on stderr goes through it.
 */
export function terminalSafe(text: string): string {
  return text.replace(ACTIVE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
