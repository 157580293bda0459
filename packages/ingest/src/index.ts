export { readBundle, type ReadBundleOptions } from './bundle';
export {
  readCsv,
  readCsvBatches,
  detectDelimiter,
  readFirstLine,
  firstRecord,
  CsvTokenizer,
  CsvSyntaxError,
  DELIMITERS,
  DELIMITER_NAMES,
  type CsvRow,
  type Delimiter,
  type DelimiterGuess,
} from './csv';
export { ByteInterner } from './intern';
export { IdTable } from './id-table';
export { IngestError, BundleNotFoundError, InvalidBundleError } from './errors';
export { readFtm, ftmIsA, jsonLines, FTM_TIES, MAX_LINE_BYTES, SHIPMENT_SCHEMA, type JsonLine } from './ftm';
export { listCsvLines } from './list-csv';
export { loadSectorHints, defaultSectorHints, DEFAULT_SECTOR_KEYWORDS } from './hints';
export { matchColumn, normaliseColumnName, type ColumnMatch } from './header';
export { printable } from './printable';
export { sniffEncoding, guessCodePage, EncodingProblem, type SniffedText, type TextEncoding } from './text';
