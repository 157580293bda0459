import type { Attributes, Scalar } from './network';

export type ColumnType = 'boolean' | 'integer' | 'long' | 'double' | 'string';

export interface Column {
  name: string;
  type: ColumnType;
}

const INT32 = 2 ** 31;

/**
 * The type of a column from all its values: boolean; integer when every value is a whole number that fits in 32
 * bits (what Gephi reads as integer); long for larger whole numbers (up to 2^53); double for other numbers;
 * string when the values mix types or are text.
 */
function typeOf(values: Scalar[]): ColumnType {
  if (values.every((v) => typeof v === 'boolean')) return 'boolean';
  if (values.every((v) => typeof v === 'number')) {
    const numbers = values as number[];
    if (numbers.every((v) => Number.isInteger(v) && v >= -INT32 && v < INT32)) return 'integer';
    if (numbers.every((v) => Number.isSafeInteger(v))) return 'long';
    return 'double';
  }
  return 'string';
}

/** The columns of a list of rows, in the order their names are first met, each with its type. */
export function columnsOf(rows: { attributes: Attributes }[]): Column[] {
  const byName = new Map<string, Scalar[]>();
  for (const row of rows) {
    for (const [name, value] of row.attributes) {
      const list = byName.get(name);
      if (list) list.push(value);
      else byName.set(name, [value]);
    }
  }
  return [...byName].map(([name, values]) => ({ name, type: typeOf(values) }));
}

/** A value as text for XML: numbers in JavaScript's shortest round-trip form (valid xsd:double and xsd:long). */
export function scalarText(value: Scalar): string {
  return String(value);
}
