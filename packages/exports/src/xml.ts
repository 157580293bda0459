/**
 * Code points XML 1.0 cannot hold at all, not even as character references: C0 control characters other than tab,
 * line feed and carriage return, unpaired surrogates, U+FFFE and U+FFFF.
 */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const ENTITY: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' };

/**
 * Text from the data as XML 1.0, for attribute values and element content alike. The markup characters are
 * escaped; tab, line feed and carriage return are written as character references, so that a parser keeps them
 * (it would turn them into spaces in attribute values, and a carriage return into a line feed in content); every
 * code point XML 1.0 forbids becomes U+FFFD, the replacement character, so the text keeps its length and the place
 * of what could not be written stays visible.
 */
export function xmlText(text: string): string {
  return text.replace(NOT_XML, '\uFFFD').replace(/[&<>"'\t\n\r]/g, (c) => ENTITY[c]);
}

/** Unpaired surrogates (which no UTF-8 file can hold) as U+FFFD: text that every writer encodes the same way. */
export function wellFormed(text: string): string {
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\uFFFD');
}
