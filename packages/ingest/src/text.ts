import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';

/**
 * The encodings the readers read: UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark, and (for the
 * bundle's CSV files, when their start is not UTF-8: guessCodePage) the Windows code pages spreadsheets save "CSV" in
 * for Western European, Turkish, Arabic and Cyrillic (Russian, Ukrainian …) settings.
 */
export type TextEncoding = 'UTF-8' | 'UTF-16LE' | 'UTF-16BE' | CodePage;

/** The Windows code pages a bundle's CSV file may be read in (guessCodePage). */
export type CodePage = 'windows-1252' | 'windows-1254' | 'windows-1256' | 'windows-1251';

/** The code pages guessCodePage reads, as a person knows them. */
export const CODE_PAGE_NAMES: Readonly<Record<string, string>> = { 'windows-1252': 'Windows-1252 (Western European)', 'windows-1254': 'Windows-1254 (Turkish)', 'windows-1256': 'Windows-1256 (Arabic)', 'windows-1251': 'Windows-1251 (Cyrillic)' };

/** Bytes of letters that Windows-1254 has and Windows-1252 writes otherwise: Ğ İ Ş ğ ı ş (Ð Ý Þ ð ý þ in 1252). */
const TURKISH_LETTERS: ReadonlySet<number> = new Set([0xd0, 0xdd, 0xde, 0xf0, 0xfd, 0xfe]);

/**
 * Bytes of the commonest Cyrillic vowels in Windows-1251: а и о (E0 E8 EE) and А И О (C0 C8 CE), a quarter of the
 * letters of Russian or Ukrainian words (о alone a tenth). In Windows-1256 they are à è î and ہ ب خ (ب the only common
 * Arabic letter of them), in Windows-1253 ΰ θ ξ ΐ Θ Ξ, in Windows-1255 Hebrew's א ט מ (and no letters in C0–DF).
 */
const CYRILLIC_VOWELS: ReadonlySet<number> = new Set([0xe0, 0xe8, 0xee, 0xc0, 0xc8, 0xce]);

/**
 * The Windows code page a file's first bytes are written in, when they are not UTF-8 and read as a Latin script does:
 * letters beyond ASCII one or two at a time among ASCII ones (`Kervan Kimya Sanayi Ltd. \xDEti.`), as a spreadsheet
 * saving "CSV" with Turkish or Western European settings writes them. Windows-1254 when a byte of the letters only
 * Turkish uses is there (ı and ş are in most Turkish names), else Windows-1252. Words of such bytes, as an Arabic
 * spreadsheet saving "CSV" writes them, are read as Windows-1256 when the Arabic article `ال` (C7 E1) starts many of
 * them; as Windows-1251 (Cyrillic: a Russian, Ukrainian, Belarusian, Bulgarian or Serbian spreadsheet's "CSV") when
 * the commonest Cyrillic vowels are a sixth of those bytes or more (`CYRILLIC_VOWELS`), capitals among them (words of
 * Hebrew's code page have none). Undefined for UTF-8 (or ASCII), for other words of such bytes (Greek or Hebrew code
 * pages, KOI8-R, or not text), and for a UTF-8 file with broken cells (a character of it written in UTF-8), which are
 * left to the UTF-8 check of each cell.
 */
export function guessCodePage(head: Buffer): CodePage | undefined {
  // (a multi-byte character cut by the end of the head is not a mistake)
  if (isUtf8(head.subarray(0, Math.max(0, head.length - 3)))) return undefined;
  let high = 0;
  let inRuns = 0;
  let turkish = false;
  let article = 0;
  let vowels = 0;
  let capitals = 0;
  for (let i = 0; i < head.length; i++) {
    const b = head[i];
    if (b < 0x80) continue;
    // A character written in UTF-8 (`ö` as C3 B6): a UTF-8 file, some of whose cells are broken; those are refused cell
    // by cell, and the rest of the file is not misread.
    const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length > 0 && i + length <= head.length && isUtf8(head.subarray(i, i + length))) return undefined;
    high++;
    if (i >= 2 && head[i - 1] >= 0x80 && head[i - 2] >= 0x80) inRuns++;
    if (TURKISH_LETTERS.has(b)) turkish = true;
    if (b === 0xc7 && head[i + 1] === 0xe1) article++;
    if (CYRILLIC_VOWELS.has(b)) vowels++;
    if (b >= 0xc0 && b <= 0xdf) capitals++;
  }
  if (high === 0) return undefined;
  // Words of such bytes: Arabic written in Windows-1256 when the article `ال` (C7 E1) starts many of them (in
  // Windows-1251 the pair is `Зб`, which Russian hardly writes); Cyrillic in Windows-1251 when its commonest vowels
  // are many of them; another script or not text otherwise.
  if (inRuns > high / 10) {
    if (article >= 2 && article * 40 >= high) return 'windows-1256';
    return vowels * 6 >= high && capitals * 50 >= high ? 'windows-1251' : undefined;
  }
  return turkish ? 'windows-1254' : 'windows-1252';
}

/**
 * Windows-1252's characters for the bytes 0x80 to 0x9F (€ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ; the five
 * bytes it leaves undefined stay the control characters of the same number, as the WHATWG Encoding Standard has it).
 * Node 20's TextDecoder('windows-1252') decodes those bytes as Latin-1 (0x80 as U+0080, not €): a price written `€`, a
 * name with `’` or `œ` came out as control characters. Windows-1254 decodes right and shares these but for 0x8E, 0x9E.
 */
const CP1252_HIGH = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/** Whether an encoding is one of the Windows code pages. */
function isCodePage(encoding: TextEncoding): encoding is CodePage {
  return encoding === 'windows-1252' || encoding === 'windows-1254' || encoding === 'windows-1256' || encoding === 'windows-1251';
}

/** A decoder of a Windows code page, one chunk at a time (one byte is one character: chunks decode on their own). */
export function codePageDecoder(encoding: CodePage): (bytes: Uint8Array) => string {
  if (encoding !== 'windows-1252') {
    const decoder = new TextDecoder(encoding);
    return (bytes) => decoder.decode(bytes);
  }
  const latin1 = new TextDecoder('latin1');
  return (bytes) => {
    const text = latin1.decode(bytes);
    // (the C1 range only: every other byte of Windows-1252 is its Latin-1 character)
    return /[\u0080-\u009f]/.test(text) ? text.replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]) : text;
  };
}

/** A file's encoding and the length of its byte-order mark. */
export interface SniffedText {
  encoding: TextEncoding;
  /** Bytes of the byte-order mark at the start (0 when there is none). */
  bom: number;
}

/** Thrown when a file is not text the readers can decode (UTF-32, UTF-16 without a byte-order mark, a zip archive …). */
export class EncodingProblem extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

const SAVE_AS = 'save it as UTF-8 (in a spreadsheet: "CSV UTF-8"; in a text editor: encoding UTF-8)';

/**
 * Of the first bytes of a file, the share of code units of `width` bytes whose text byte is not zero and whose other
 * bytes are all zero, with the text byte first (`little`) or last: how ASCII text looks in UTF-16 and UTF-32.
 */
function share(head: Buffer, width: number, little: boolean): number {
  let units = 0;
  let hits = 0;
  for (let i = 0; i + width <= head.length; i += width) {
    units++;
    const text = little ? head[i] : head[i + width - 1];
    let others = true;
    for (let j = 0; j < width; j++) if (j !== (little ? 0 : width - 1) && head[i + j] !== 0) others = false;
    if (text !== 0 && others) hits++;
  }
  return units === 0 ? 0 : hits / units;
}

/**
 * What the first bytes of a file say about its encoding. UTF-8 (a byte-order mark allowed) and UTF-16 with a
 * byte-order mark are read; UTF-32, and UTF-16 without a byte-order mark (told by its zero bytes), are refused with
 * what to do, and so are archives that are often given by mistake (an Excel .xlsx workbook, a .gz file).
 */
export function sniffEncoding(head: Buffer): SniffedText {
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (starts(0xff, 0xfe, 0x00, 0x00) || starts(0x00, 0x00, 0xfe, 0xff)) throw new EncodingProblem(`this file is UTF-32; ${SAVE_AS}`);
  if (starts(0xef, 0xbb, 0xbf)) return { encoding: 'UTF-8', bom: 3 };
  if (starts(0xff, 0xfe)) return { encoding: 'UTF-16LE', bom: 2 };
  if (starts(0xfe, 0xff)) return { encoding: 'UTF-16BE', bom: 2 };
  if (starts(0x50, 0x4b, 0x03, 0x04)) throw new EncodingProblem('this file is a zip archive (an Excel .xlsx or OpenDocument workbook is one), not text: save the sheet as "CSV UTF-8"');
  if (starts(0xd0, 0xcf, 0x11, 0xe0)) throw new EncodingProblem('this file is an old Excel workbook (.xls), not text: save the sheet as "CSV UTF-8"');
  if (starts(0x1f, 0x8b)) throw new EncodingProblem('this file is compressed with gzip: unpack it first (gunzip)');
  const sample = head.subarray(0, 4096);
  if (sample.length >= 8) {
    if (share(sample, 4, true) > 0.5 || share(sample, 4, false) > 0.5) throw new EncodingProblem(`this file is UTF-32 without a byte-order mark; ${SAVE_AS}`);
    if (share(sample, 2, true) > 0.4 || share(sample, 2, false) > 0.4) throw new EncodingProblem(`this file is UTF-16 without a byte-order mark; ${SAVE_AS}`);
  }
  // Text has no NUL bytes; a file of many (a disk image, a database, a download or a copy that did not finish and left
  // zeros) is not a table, whatever its name.
  let nul = 0;
  for (const b of sample) if (b === 0) nul++;
  if (nul > 0 && nul >= sample.length / 10) {
    throw new EncodingProblem(
      nul === sample.length
        ? `this file holds only NUL bytes (zeros) where its text should start, not text: a copy or download that did not finish? Copy or export it again`
        : `this file holds NUL bytes (${nul} of its first ${sample.length}), which text never has: it is not a CSV file (export the table as "CSV UTF-8")`,
    );
  }
  return { encoding: 'UTF-8', bom: 0 };
}

/** The first `size` bytes of a file (fewer when it is shorter). */
export async function readHead(path: string, size = 64 * 1024): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(size);
    const { bytesRead } = await handle.read(buffer, 0, size, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * A byte that never occurs in UTF-8: what the UTF-16 decoder writes for a code unit that is not text (an unpaired
 * surrogate, a last odd byte), so that the readers' check for text that is not valid UTF-8 finds it where it is.
 */
const NOT_TEXT = 0xff;

/** Turns UTF-16 chunks into UTF-8 chunks, carrying odd bytes and surrogate pairs over chunk boundaries. */
export class Utf16ToUtf8 {
  private carry: number | undefined;
  private high: number | undefined;

  constructor(private readonly bigEndian: boolean) {}

  push(chunk: Buffer): Buffer {
    let bytes = chunk;
    if (this.carry !== undefined) {
      bytes = Buffer.concat([Buffer.from([this.carry]), chunk]);
      this.carry = undefined;
    }
    const even = bytes.length & ~1;
    if (even < bytes.length) this.carry = bytes[even];
    const out = Buffer.allocUnsafe((even / 2) * 3 + 4);
    let o = 0;
    const put = (cp: number) => {
      if (cp < 0x80) out[o++] = cp;
      else if (cp < 0x800) (out[o++] = 0xc0 | (cp >> 6)), (out[o++] = 0x80 | (cp & 0x3f));
      else if (cp < 0x10000) (out[o++] = 0xe0 | (cp >> 12)), (out[o++] = 0x80 | ((cp >> 6) & 0x3f)), (out[o++] = 0x80 | (cp & 0x3f));
      else (out[o++] = 0xf0 | (cp >> 18)), (out[o++] = 0x80 | ((cp >> 12) & 0x3f)), (out[o++] = 0x80 | ((cp >> 6) & 0x3f)), (out[o++] = 0x80 | (cp & 0x3f));
    };
    for (let i = 0; i < even; i += 2) {
      const unit = this.bigEndian ? (bytes[i] << 8) | bytes[i + 1] : bytes[i] | (bytes[i + 1] << 8);
      if (this.high !== undefined) {
        const high = this.high;
        this.high = undefined;
        if (unit >= 0xdc00 && unit <= 0xdfff) {
          put(0x10000 + ((high - 0xd800) << 10) + (unit - 0xdc00));
          continue;
        }
        out[o++] = NOT_TEXT;
      }
      if (unit >= 0xd800 && unit <= 0xdbff) this.high = unit;
      else if (unit >= 0xdc00 && unit <= 0xdfff) out[o++] = NOT_TEXT;
      else put(unit);
    }
    return out.subarray(0, o);
  }

  /** What is left at the end of the file: an unpaired surrogate or an odd byte is not text. */
  end(): Buffer {
    const n = (this.high !== undefined ? 1 : 0) + (this.carry !== undefined ? 1 : 0);
    this.high = this.carry = undefined;
    return Buffer.alloc(n, NOT_TEXT);
  }
}

/**
 * The bytes of a text file as UTF-8, without its byte-order mark: UTF-8 as it is, UTF-16 converted. `onBytes` is
 * told the bytes read so far (of the file as it is, mark included). Memory stays flat however large the file is.
 */
export async function* utf8Chunks(path: string, sniffed: SniffedText, onBytes?: (bytes: number) => void): AsyncGenerator<Buffer> {
  const utf16 = sniffed.encoding === 'UTF-16LE' || sniffed.encoding === 'UTF-16BE' ? new Utf16ToUtf8(sniffed.encoding === 'UTF-16BE') : undefined;
  // A code page of one byte a character: each chunk decodes on its own.
  const codePage = isCodePage(sniffed.encoding) ? codePageDecoder(sniffed.encoding) : undefined;
  let read = 0;
  let skip = sniffed.bom;
  for await (const raw of createReadStream(path) as AsyncIterable<Buffer>) {
    read += raw.length;
    onBytes?.(read);
    let chunk = raw;
    if (skip > 0) {
      const n = Math.min(skip, chunk.length);
      chunk = chunk.subarray(n);
      skip -= n;
    }
    if (chunk.length === 0) continue;
    yield utf16 !== undefined ? utf16.push(chunk) : codePage !== undefined ? Buffer.from(codePage(chunk), 'utf8') : chunk;
  }
  if (utf16 !== undefined) {
    const rest = utf16.end();
    if (rest.length > 0) yield rest;
  }
}

/** The first `size` bytes of a file as UTF-8 text (the byte-order mark left out), for a look at its first line. */
export function headText(head: Buffer, sniffed: SniffedText): string {
  const body = head.subarray(sniffed.bom);
  if (sniffed.encoding === 'UTF-8') return body.toString('utf8');
  if (isCodePage(sniffed.encoding)) return codePageDecoder(sniffed.encoding)(body);
  return new Utf16ToUtf8(sniffed.encoding === 'UTF-16BE').push(body).toString('utf8');
}

/** How the readers name an encoding in a message about text that is not valid in it. */
export function notValidText(sniffed: SniffedText): string {
  if (sniffed.encoding === 'UTF-16LE' || sniffed.encoding === 'UTF-16BE') return 'the text is not valid UTF-16 (save the file as UTF-8)';
  return `the text is not valid ${sniffed.encoding === 'UTF-8' ? 'UTF-8' : CODE_PAGE_NAMES[sniffed.encoding]} (save the file as UTF-8)`;
}
