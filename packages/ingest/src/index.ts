export { readBundle, type ReadBundleOptions } from './bundle';
export { readCsv, CsvSyntaxError, type CsvRow } from './csv';
export { IngestError, BundleNotFoundError, InvalidBundleError } from './errors';
export { readFtm, ftmIsA, FTM_TIES, SHIPMENT_SCHEMA } from './ftm';
