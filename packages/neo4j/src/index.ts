export { openDriver, checkConnection, classifyError, describeServer, waitForServer, type ConnectOptions, type DatabaseOptions } from './connect';
export {
  Neo4jError,
  Neo4jUnavailableError,
  Neo4jAuthError,
  Neo4jDatabaseNotFoundError,
  GdsMissingError,
  Neo4jConfigError,
  Neo4jQueryError,
  Neo4jBundleConflictError,
  Neo4jDataError,
  Neo4jAdminError,
  type Neo4jRemedy,
} from './errors';
export { DEFAULT_BATCH_SIZE } from './defaults';
export { importBundle, contentHash, BULK_STATUS, type ImportOptions, type ImportProgress, type ImportPhase, type ImportResult } from './import';
export { readBundle, type ReadOptions } from './read';
export {
  bulkImport,
  writeBulkFiles,
  startNeo4j,
  neo4jCommands,
  ARRAY_DELIMITER,
  type BulkFile,
  type BulkFiles,
  type BulkFilesOptions,
  type BulkImportOptions,
  type BulkImportResult,
  type BulkProgress,
} from './bulk';
export { writeBack, type WriteBackOptions, type WriteBackResult } from './write-back';
export { gdsAvailable, gdsVersion, requireGds, runGds, projectionWeights, type GdsOptions, type GdsResult } from './gds';
export {
  ENTITY_KIND_LABELS,
  RELATION_TYPES,
  PLACE_KIND_LABELS,
  SHIPMENT_TYPES,
  FLAG_TYPES,
  CONSTRAINTS,
  WRITE_BACK_PROPERTIES,
} from './schema';
export type { Driver } from 'neo4j-driver';
