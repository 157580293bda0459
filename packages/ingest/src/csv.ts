import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { parse, CsvError } from 'csv-parse';

/** The field separators Chokepoint recognises, in the order it prefers them when a header is ambiguous. */
export const DELIMITERS = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** The name of a separator, for messages. */
export const DELIMITER_NAMES: Readonly<Record<Delimiter, string>> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

/** The separator of a file, and whether the header showed it (false: no separator found, comma assumed). */
export interface DelimiterGuess {
  delimiter: Delimiter;
  found: boolean;
}

/** The first record of a file that is not blank, as raw text (up to 64 KiB; quoted line breaks kept). */
export async function readFirstLine(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const text = buffer.subarray(0, bytesRead).toString('utf8').replace(/^\uFEFF/, '');
    let quoted = false;
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (ch === '"') quoted = !quoted;
      else if (!quoted && (ch === '\n' || ch === '\r')) {
        if (text.slice(start, i).trim() !== '') return text.slice(start, i);
        start = i + 1;
      }
    }
    return text.slice(start);
  } finally {
    await handle.close();
  }
}

/**
 * Finds the field separator of a file from its header line: comma, semicolon (Excel in many languages), tab
 * or pipe. Counts each outside quotes; when several occur, prefers the one that splits the header into the
 * most known column names (`isKnown`), then the most fields, then the order of DELIMITERS.
 */
export function detectDelimiter(header: string, isKnown: (name: string) => boolean = () => false): DelimiterGuess {
  let best: { d: Delimiter; known: number; count: number } | undefined;
  for (const d of DELIMITERS) {
    const fields: string[] = [''];
    let quoted = false;
    for (const ch of header) {
      if (ch === '"') quoted = !quoted;
      else if (ch === d && !quoted) fields.push('');
      else fields[fields.length - 1] += ch;
    }
    const count = fields.length - 1;
    if (count === 0) continue;
    const known = fields.filter((f) => isKnown(f)).length;
    if (best === undefined || known > best.known || (known === best.known && count > best.count)) best = { d, known, count };
  }
  return best === undefined ? { delimiter: ',', found: false } : { delimiter: best.d, found: true };
}

/** One CSV record with the 1-based line on which it starts. */
export interface CsvRow {
  line: number;
  fields: string[];
  /** A row of separators only: no value in any cell. */
  empty?: boolean;
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
 * Streams the records of a CSV file (UTF-8, optional BOM, RFC 4180 quoting, comma-separated unless another
 * `delimiter` is given), skipping blank lines and lines of separators only.
 * Memory stays flat however large the file is.
 */
export async function* readCsv(path: string, onBytes?: (bytes: number) => void, options: { delimiter?: Delimiter } = {}): AsyncGenerator<CsvRow> {
  const input = createReadStream(path);
  if (onBytes) {
    let bytes = 0;
    input.on('data', (chunk) => onBytes((bytes += chunk.length)));
  }
  const parser = input.pipe(
    parse({ bom: true, relax_column_count: true, info: true, raw: true, delimiter: options.delimiter ?? ',' }),
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
      // A blank line holds nothing. A line of separators only (as spreadsheets leave after the data) holds nothing
      // either, but it was a row: it is passed on marked empty, so that the reader can say it skipped it.
      if (fields.every((f) => f.trim() === '')) {
        if (fields.length > 1) yield { line: start, fields, empty: true };
        continue;
      }
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
