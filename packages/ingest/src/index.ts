export { readBundle, type ReadBundleOptions } from './bundle';
export { readCsv, CsvSyntaxError, type CsvRow } from './csv';
export { IngestError, BundleNotFoundError, InvalidBundleError } from './errors';
