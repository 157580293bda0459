import type { Attributes, Scalar } from './network';

export type ColumnType = 'boolean' | 'integer' | 'long' | 'double' | 'string';

export interface Column {
  name: string;
  type: ColumnType;
}

const INT32 = 2 ** 31;

/** What the values of a column met so far have in common, for its type (typeOf). */
interface Kinds {
  boolean: boolean;
  number: boolean;
  int32: boolean;
  safe: boolean;
}

/**
 * The type of a column from all its values: boolean; integer when every value is a whole number that fits in 32
 * bits (what Gephi reads as integer); long for larger whole numbers (up to 2^53); double for other numbers;
 * string when the values mix types or are text.
 */
function typeOf(k: Kinds): ColumnType {
  if (k.boolean) return 'boolean';
  if (k.number) return k.int32 ? 'integer' : k.safe ? 'long' : 'double';
  return 'string';
}

/**
 * The columns of rows, in the order their names are first met, each with its type: one pass, holding only what the
 * values of each column have in common (the rows may be made as they are read, millions of them).
 */
export function columnsOf(rows: Iterable<{ attributes: Attributes }>): Column[] {
  const byName = new Map<string, Kinds>();
  for (const row of rows) {
    for (const [name, value] of row.attributes) {
      let k = byName.get(name);
      if (k === undefined) byName.set(name, (k = { boolean: true, number: true, int32: true, safe: true }));
      if (typeof value !== 'boolean') k.boolean = false;
      if (typeof value !== 'number') k.number = false;
      else if (k.number) {
        if (!(Number.isInteger(value) && value >= -INT32 && value < INT32)) k.int32 = false;
        if (!Number.isSafeInteger(value)) k.safe = false;
      }
    }
  }
  return [...byName].map(([name, k]) => ({ name, type: typeOf(k) }));
}

/** A value as text for XML: numbers in JavaScript's shortest round-trip form (valid xsd:double and xsd:long). */
export function scalarText(value: Scalar): string {
  return String(value);
}
