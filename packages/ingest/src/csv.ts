import { createReadStream } from 'node:fs';
import { parse, CsvError } from 'csv-parse';

/** One CSV record with the 1-based line on which it starts. */
export interface CsvRow {
  line: number;
  fields: string[];
}

/** Thrown when the file cannot be parsed as CSV at all (broken quoting): names the line. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

function explain(err: CsvError): string {
  switch (err.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field is never closed (a " opens a field that runs to the end of the file)';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'a quote inside a quoted field is not doubled (write "" for a literal quote), or text follows a closing quote';
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return 'text follows a closing quote';
    default:
      return `the file is not valid CSV (${err.message})`;
  }
}

/**
 * Streams the records of a CSV file (UTF-8, optional BOM, RFC 4180 quoting), skipping blank lines.
 * Memory stays flat however large the file is.
 */
export async function* readCsv(path: string, onBytes?: (bytes: number) => void): AsyncGenerator<CsvRow> {
  const input = createReadStream(path);
  if (onBytes) {
    let bytes = 0;
    input.on('data', (chunk) => onBytes((bytes += chunk.length)));
  }
  const parser = input.pipe(
    parse({ bom: true, relax_column_count: true, info: true, raw: true }),
  );
  // csv-parse's own line count treats CRLF inside a quoted field as two lines; count from the raw text.
  let nextLine = 1;
  let lastEnd = 0;
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; raw: string }>) {
      const start = nextLine;
      nextLine += (item.raw.match(/\r\n|\r|\n/g) ?? []).length;
      lastEnd = nextLine - 1;
      const fields = item.record;
      if (fields.length === 1 && fields[0].trim() === '') continue;
      yield { line: start, fields };
    }
  } catch (err) {
    if (err instanceof CsvError) {
      // An unclosed quote is only noticed at the end of the file: point at the record it opened.
      const reported = (err as CsvError & { lines?: number }).lines;
      const line = err.code === 'CSV_QUOTE_NOT_CLOSED' || reported === undefined ? lastEnd + 1 : reported;
      throw new CsvSyntaxError(line, explain(err));
    }
    throw err;
  }
}
