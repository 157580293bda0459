import { isAscii, isUtf8 } from 'node:buffer';
import type { ByteInterner } from './intern';
import { EncodingProblem, headText, readHead, sniffEncoding, utf8Chunks, type SniffedText } from './text';

/** The field separators Chokepoint recognises, in the order it prefers them when a header is ambiguous. */
export const DELIMITERS = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** The name of a separator, for messages. */
export const DELIMITER_NAMES: Readonly<Record<Delimiter, string>> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

/** The separator of a file, and whether the header showed it (false: no separator found, comma assumed). */
export interface DelimiterGuess {
  delimiter: Delimiter;
  found: boolean;
  /** How many fields of the line, so split, are known column names. */
  known?: number;
}

/** Title lines a spreadsheet may write above the header ("Shipments 2016, exported 12/05/2016"), at most. */
export const TITLE_LINES_KEPT = 5;

/**
 * The separator of a file from the first of its first records (up to TITLE_LINES_KEPT + 1, not blank) that has a
 * known column name, else from the first record: a title line above the header has none, and would hide the
 * separator.
 */
export function detectHeaderDelimiter(text: string, isKnown: (name: string) => boolean): DelimiterGuess {
  let first: DelimiterGuess | undefined;
  let rest = text;
  for (let k = 0; k <= TITLE_LINES_KEPT && rest !== ''; k++) {
    const record = firstRecord(rest);
    const guess = detectDelimiter(record, isKnown);
    first ??= guess;
    if ((guess.known ?? 0) > 0) return guess;
    const at = rest.indexOf(record);
    rest = at < 0 ? '' : rest.slice(at + record.length + 1);
  }
  return first ?? detectDelimiter('', isKnown);
}

/**
 * The first record of a text that is not blank, as raw text (quoted line breaks kept): what the header line of a file
 * holds before it is split, for finding its separator.
 */
export function firstRecord(text: string): string {
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
}

/** The first record of a file that is not blank, as raw text (up to 64 KiB; quoted line breaks kept). */
export async function readFirstLine(path: string): Promise<string> {
  const head = await readHead(path);
  return firstRecord(headText(head, sniffEncoding(head)));
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
  return best === undefined ? { delimiter: ',', found: false, known: isKnown(header) ? 1 : 0 } : { delimiter: best.d, found: true, known: best.known };
}

/** One CSV record with the 1-based line on which it starts. */
export interface CsvRow {
  line: number;
  fields: string[];
  /** A row of separators only: no value in any cell. */
  empty?: boolean;
  /** The positions of the fields whose bytes are not valid text in the file's encoding (absent when all are). */
  invalid?: number[];
  /**
   * Broken quoting the tokenizer read past (only when made with `recover`), in the order met: `bad` when where the
   * field ends cannot be told (the row should not be read), else a quote read literally (the row may be kept).
   */
  quoting?: QuotingRemark[];
  /**
   * Per field, when the tokenizer has interners: the entry of the interner's table the field's text is (ByteInterner
   * `lastEntry`), or -1. A reader that keeps something per entry (what the text was read as) finds it by position,
   * without looking the string up again.
   */
  entries?: number[];
}

/** Broken quoting in one field of a row, read past by a recovering tokenizer. */
export interface QuotingRemark {
  /** The 0-based position of the field in its record. */
  field: number;
  reason: string;
  bad: boolean;
}

/** Thrown when the file cannot be parsed as CSV at all (broken quoting, an encoding that is not read): names the line. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
    /** The 0-based position of the field at fault in its record, when one is. */
    readonly field?: number,
  ) {
    super(reason);
  }
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
const SPACE = 0x20;
const TAB = 0x09;
const EMPTY = Buffer.alloc(0);
/**
 * The longest cell read, in bytes: 64 MB, far beyond any cell of a table, well below the longest string V8 can make
 * (about 512 MB, where reading would fail with ERR_STRING_TOO_LONG).
 */
export const MAX_FIELD_BYTES = 64 * 2 ** 20;
/** Node's Buffer decodes bytes known to be ASCII fastest as Latin-1 (the same text), without toString's argument checks. */
type LatinSlicing = Buffer & { latin1Slice(start: number, end: number): string };

enum State {
  /** At the start of a field. */
  Start,
  /** In a field that does not start with a quote. */
  Unquoted,
  /** In a quoted field. */
  Quoted,
  /** After a quote inside a quoted field: a second quote makes a literal one, anything else closes the field. */
  QuoteInQuoted,
  /** After the closing quote: only spaces may come before the separator or the end of the line. */
  Closed,
}

export const UNCLOSED_QUOTE = 'a quoted field is never closed (a " opens a field that runs to the end of the file)';
export const QUOTE_IN_FIELD =
  'a double quote in the middle of a field that does not start with one (enclose the field in double quotes and write each quote in it twice: "12"" pipe")';
export const TEXT_AFTER_QUOTE = 'a quote inside a quoted field is not doubled (write "" for a literal quote), or text follows a closing quote';
export const QUOTE_READ_LITERALLY =
  'a double quote in the middle of a field that does not start with one: read as a quote mark, as spreadsheets read it (to be sure, enclose the field in double quotes and write each quote in it twice: "12"" pipe")';
export const TEXT_AFTER_QUOTE_ROW = `${TEXT_AFTER_QUOTE}: where the field ends cannot be told, so the row cannot be read`;

/**
 * A CSV tokenizer over UTF-8 bytes (RFC 4180 quoting, any one-byte separator), fed chunk by chunk. Records end at a
 * line break outside quotes, whichever the file uses and however they are mixed: CRLF, LF or a lone CR. Each record
 * carries the line it starts on, counted the way an editor shows the file: every CRLF, LF and lone CR outside quotes
 * is a line break; inside a quoted field, CRLF and LF are, and so is a lone CR in a file whose lines end in lone CRs
 * (in a file whose lines end in LF or CRLF, a lone CR inside a quoted field is a character of the cell and does not
 * move the line numbers). Spaces before an opening quote and after a closing quote are allowed. Fields are checked
 * for valid UTF-8 on their bytes, so a U+FFFD written in the file is text and an invalid byte is not.
 */
export class CsvTokenizer {
  private line = 1;
  private recordLine = 1;
  private state = State.Start;
  /** The fields of the record so far, as text. */
  private fields: string[] = [];
  /** The positions of the fields of the record so far whose bytes are not valid text. */
  private invalid: number[] | undefined;
  /** The interner entries of the fields of the record so far (CsvRow.entries), when there are interners. */
  private entries: number[] = [];
  /** The bytes of the current field, when it spans chunks or holds a doubled quote. */
  private parts: Buffer[] = [];
  /**
   * The current field's one piece in the current chunk, from `pendStart` to `pendEnd` (pendStart -1: none): most
   * fields lie in one chunk and are decoded straight from it, without a Buffer per field.
   */
  private pendStart = -1;
  private pendEnd = -1;
  /** The chunk being read, and whether all of it is ASCII (its fields then need no check). */
  private chunk: Buffer = Buffer.alloc(0);
  private chunkAscii = true;
  /** In an unquoted field: only spaces so far (a quote may still open it). */
  private onlySpace = false;
  /** In an unquoted field read past broken quoting (recover): quotes are characters of the field. */
  private literal = false;
  /** The broken quoting of the record so far (recover). */
  private quoting: QuotingRemark[] | undefined;
  /** The line the open quote of the current field is on. */
  private quoteLine = 1;
  /** A CR outside quotes ended the last record: an LF right after it belongs to it. */
  private pendingCR = false;
  /** The last byte inside a quoted field was a CR. */
  private quotedCR = false;
  /** Whether lone CRs end the lines of this file: known at its first line break outside quotes. */
  private crLines: boolean | undefined;
  /** Lone CRs inside quotes before that is known: line breaks if it turns out that lone CRs end the lines. */
  private deferredCRs = 0;

  /**
   * Per field position: the interner whose strings that field's cells become (ASCII cells within one chunk), or
   * undefined. The array may be filled in while the file is read (after its header): it is read at every field.
   */
  interners: readonly (ByteInterner | undefined)[] = [];

  /**
   * `recover`: broken quoting is read past instead of thrown, and noted on its row (CsvRow.quoting): a quote in the
   * middle of an unquoted field is a character of it (as spreadsheets read it); text after a closing quote runs, with
   * any quotes in it, to the next separator or line break, and the row is marked bad. An unclosed quote still throws.
   */
  constructor(
    private readonly separator = 0x2c,
    private readonly recover = false,
    /**
     * The longest cell read: longer is a CsvSyntaxError (broken quoting, a file that is not a table). Checked as a cell
     * grows from one chunk to the next (a cell within one chunk is no longer than the chunk).
     */
    private readonly maxFieldBytes = MAX_FIELD_BYTES,
  ) {}

  /** The bytes of the current field in `parts`. */
  private partBytes = 0;

  /** The records that end in `chunk`. */
  push(chunk: Buffer): CsvRow[] {
    const out: CsvRow[] = [];
    const sep = this.separator;
    const n = chunk.length;
    this.chunk = chunk;
    this.chunkAscii = isAscii(chunk);
    let seg = -1;
    const flush = (end: number) => {
      if (seg >= 0 && end > seg) this.piece(seg, end);
      seg = -1;
    };
    let i = 0;
    if (this.state === State.Unquoted || this.state === State.Quoted) seg = 0;
    while (i < n) {
      let b = chunk[i];
      if (this.pendingCR) {
        this.pendingCR = false;
        if (this.crLines === undefined) this.decide(b !== LF);
        if (b === LF) {
          i++;
          continue;
        }
      }
      switch (this.state) {
        case State.Start:
          if (b === QUOTE) {
            this.state = State.Quoted;
            this.quoteLine = this.line;
            this.quotedCR = false;
            seg = i + 1;
          } else if (b === sep) this.endField();
          else if (b === CR || b === LF) {
            this.endField();
            this.endRecord(b, out);
          } else {
            this.state = State.Unquoted;
            this.onlySpace = b === SPACE || b === TAB;
            seg = i;
          }
          i++;
          break;
        case State.Unquoted: {
          const literal = this.literal;
          while (i < n) {
            b = chunk[i];
            if (b === sep || b === CR || b === LF || (b === QUOTE && !literal)) break;
            if (this.onlySpace && b !== SPACE && b !== TAB) this.onlySpace = false;
            i++;
          }
          if (i === n) break;
          if (b === QUOTE) {
            if (!this.onlySpace) {
              if (!this.recover) throw new CsvSyntaxError(this.line, QUOTE_IN_FIELD, this.fields.length);
              // Read as a character of the field, like every later quote of it.
              (this.quoting ??= []).push({ field: this.fields.length, reason: QUOTE_READ_LITERALLY, bad: false });
              this.literal = true;
              i++;
              break;
            }
            // Spaces before an opening quote: the quoted field starts here.
            this.parts = [];
            this.pendStart = -1;
            this.state = State.Quoted;
            this.quoteLine = this.line;
            this.quotedCR = false;
            seg = i + 1;
          } else {
            flush(i);
            this.endField();
            if (b !== sep) this.endRecord(b, out);
          }
          i++;
          break;
        }
        case State.Quoted: {
          while (i < n) {
            b = chunk[i];
            if (b === QUOTE) break;
            if (b === LF) {
              // CRLF is one line break, in any file.
              if (!(this.quotedCR && this.crLines === true)) {
                if (this.quotedCR && this.crLines === undefined) this.deferredCRs--;
                this.line++;
              }
              this.quotedCR = false;
            } else if (b === CR) {
              if (this.crLines === true) this.line++;
              else if (this.crLines === undefined) this.deferredCRs++;
              this.quotedCR = true;
            } else this.quotedCR = false;
            i++;
          }
          if (i === n) break;
          flush(i);
          this.quotedCR = false;
          this.state = State.QuoteInQuoted;
          i++;
          break;
        }
        case State.QuoteInQuoted:
          if (b === QUOTE) {
            // A doubled quote: one literal quote, and the field goes on.
            seg = i;
            this.state = State.Quoted;
            i++;
          } else this.state = State.Closed;
          break;
        case State.Closed:
          if (b === sep) {
            this.endField();
            this.state = State.Start;
          } else if (b === CR || b === LF) {
            this.endField();
            this.endRecord(b, out);
          } else if (b !== SPACE && b !== TAB) {
            if (!this.recover) throw new CsvSyntaxError(this.line, TEXT_AFTER_QUOTE, this.fields.length);
            // The rest of the field runs to the next separator or line break, quotes and all; the row is bad.
            (this.quoting ??= []).push({ field: this.fields.length, reason: TEXT_AFTER_QUOTE_ROW, bad: true });
            this.state = State.Unquoted;
            this.literal = true;
            this.onlySpace = false;
            seg = i;
            break;
          }
          i++;
          break;
      }
    }
    flush(n);
    // The chunk is not kept: a piece still open goes with the field's other bytes.
    this.keepPending();
    this.chunk = EMPTY;
    return out;
  }

  /** A piece of the current field: bytes `start` to `end` of the current chunk. */
  private piece(start: number, end: number): void {
    if (this.pendStart < 0 && this.parts.length === 0) {
      this.pendStart = start;
      this.pendEnd = end;
      return;
    }
    this.keepPending();
    this.parts.push(this.chunk.subarray(start, end));
    this.partBytes += end - start;
    if (this.partBytes > this.maxFieldBytes) {
      // Longer than any cell of a table (and near the longest text Node.js can hold): a quote that never closes where
      // it should, or a file with no line breaks.
      const quoted = this.state === State.Quoted;
      throw new CsvSyntaxError(
        quoted ? this.quoteLine : this.recordLine,
        quoted
          ? `a cell in quotes runs on for more than ${this.maxFieldBytes.toLocaleString('en-US')} bytes: its quote (here) is probably never closed, or closed much further on`
          : `a cell runs on for more than ${this.maxFieldBytes.toLocaleString('en-US')} bytes without a separator or a line break: is this a CSV file?`,
        this.fields.length,
      );
    }
  }

  /** Moves the piece in the current chunk to the field's parts (before another piece, or the next chunk). */
  private keepPending(): void {
    if (this.pendStart < 0) return;
    this.parts.push(this.chunk.subarray(this.pendStart, this.pendEnd));
    this.partBytes += this.pendEnd - this.pendStart;
    this.pendStart = -1;
  }

  /** The last record, when the file does not end with a line break. Throws for a quote that is never closed. */
  end(): CsvRow[] {
    if (this.state === State.Quoted) throw new CsvSyntaxError(this.quoteLine, UNCLOSED_QUOTE, this.fields.length);
    const out: CsvRow[] = [];
    if (this.state !== State.Start || this.fields.length > 0) {
      this.endField();
      this.emit(out);
    }
    return out;
  }

  private endField(): void {
    let text: string;
    let entry = -1;
    if (this.pendStart >= 0 && this.parts.length === 0) {
      const chunk = this.chunk;
      const start = this.pendStart;
      const end = this.pendEnd;
      this.pendStart = -1;
      let ascii = this.chunkAscii;
      if (!ascii) {
        ascii = true;
        for (let k = start; k < end; k++) {
          if (chunk[k] >= 0x80) {
            ascii = false;
            break;
          }
        }
      }
      const intern = ascii ? this.interners[this.fields.length] : undefined;
      if (intern !== undefined) {
        text = intern.bytes(chunk, start, end);
        entry = intern.lastEntry;
      } else text = ascii ? (chunk as LatinSlicing).latin1Slice(start, end) : this.decode(chunk.subarray(start, end));
    } else if (this.parts.length === 0) text = '';
    else {
      this.keepPending();
      text = this.decode(this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts));
      this.parts = [];
      this.partBytes = 0;
    }
    this.fields.push(text);
    if (this.interners.length > 0) this.entries.push(entry);
    this.state = State.Start;
    this.literal = false;
  }

  /** The text of a field's bytes, noting the field when they are not valid UTF-8. */
  private decode(bytes: Buffer): string {
    if (!isUtf8(bytes)) (this.invalid ??= []).push(this.fields.length);
    return bytes.toString('utf8');
  }

  /** Ends the record at a line break outside quotes (`b`, CR or LF). */
  private endRecord(b: number, out: CsvRow[]): void {
    this.emit(out);
    this.line++;
    this.recordLine = this.line;
    if (b === CR) this.pendingCR = true;
    else if (this.crLines === undefined) this.decide(false);
  }

  /** Learns whether lone CRs end the lines, at the first line break outside quotes (in the first record). */
  private decide(crLines: boolean): void {
    this.crLines = crLines;
    if (crLines) {
      this.line += this.deferredCRs;
      this.recordLine += this.deferredCRs;
    }
    this.deferredCRs = 0;
  }

  private emit(out: CsvRow[]): void {
    const fields = this.fields;
    const invalid = this.invalid;
    const row: CsvRow = invalid !== undefined ? { line: this.recordLine, fields, invalid } : { line: this.recordLine, fields };
    if (this.quoting !== undefined) row.quoting = this.quoting;
    if (this.interners.length > 0) {
      // (a record begun before the interners were given has fewer entries than fields: none kept for it)
      if (this.entries.length === fields.length) row.entries = this.entries;
      this.entries = [];
    }
    out.push(row);
    this.fields = [];
    this.invalid = undefined;
    this.quoting = undefined;
    this.state = State.Start;
  }
}

/**
 * Streams the records of a CSV file (UTF-8 with or without a byte-order mark, or UTF-16 with one; RFC 4180 quoting;
 * comma-separated unless another `delimiter` is given; any line ends), skipping blank lines and passing on lines of
 * separators only marked `empty`. Memory stays flat however large the file is. Throws CsvSyntaxError for broken
 * quoting (at the line of the quote) and for a file that is not text it reads (UTF-32, UTF-16 without a byte-order
 * mark, a workbook), at line 1.
 */
export async function* readCsv(
  path: string,
  onBytes?: (bytes: number) => void,
  options: { delimiter?: Delimiter; encoding?: SniffedText } = {},
): AsyncGenerator<CsvRow> {
  for await (const rows of readCsvBatches(path, onBytes, options)) yield* rows;
}

/**
 * The records of a CSV file as readCsv gives them, a chunk of the file at a time: one await per chunk rather than per
 * record, for large files. With `recover`, broken quoting other than an unclosed quote is read past and noted on its
 * row (CsvTokenizer).
 */
export async function* readCsvBatches(
  path: string,
  onBytes?: (bytes: number) => void,
  options: { delimiter?: Delimiter; encoding?: SniffedText; interners?: readonly (ByteInterner | undefined)[]; recover?: boolean } = {},
): AsyncGenerator<CsvRow[]> {
  let sniffed = options.encoding;
  if (sniffed === undefined) {
    try {
      sniffed = sniffEncoding(await readHead(path, 4096));
    } catch (err) {
      if (err instanceof EncodingProblem) throw new CsvSyntaxError(1, err.reason);
      throw err;
    }
  }
  const tokenizer = new CsvTokenizer((options.delimiter ?? ',').charCodeAt(0), options.recover ?? false);
  if (options.interners !== undefined) tokenizer.interners = options.interners;
  const pass = (rows: CsvRow[]): CsvRow[] => {
    const out: CsvRow[] = [];
    for (const row of rows) {
      // A blank line holds nothing. A line of separators only (as spreadsheets leave after the data) holds nothing
      // either, but it was a row: it is passed on marked empty, so that the reader can say it skipped it.
      if (row.invalid === undefined && row.quoting === undefined && row.fields.every((f) => f.trim() === '')) {
        if (row.fields.length > 1) out.push({ ...row, empty: true });
        continue;
      }
      out.push(row);
    }
    return out;
  };
  for await (const chunk of utf8Chunks(path, sniffed, onBytes)) {
    const rows = pass(tokenizer.push(chunk));
    if (rows.length > 0) yield rows;
  }
  const rows = pass(tokenizer.end());
  if (rows.length > 0) yield rows;
}
