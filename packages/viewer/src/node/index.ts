export { startViewerServer, hostAllowed, DEFAULT_HOST, DEFAULT_PORT, MAX_CASE_BYTES, MAX_SCOPE_BYTES, type ViewerServer, type ViewerServerOptions } from './server';
export { exportHtml, scriptSafeJson } from './export';
export { readAssets, WEB_DIR, type WebAssets } from './assets';
export { ViewerError, ViewerNotBuiltError, PortInUseError } from './errors';
export { CaseStore, type CaseSave, type SaveResult } from './case-store';
export { buildScaleIndex, buildOverview, overviewClusterCount, clusterNeighbourhood, entityNeighbourhood, judgedPairs, MAX_JUDGED_PAIRS, opensOnOverview, searchEntities, ScopeNotFoundError, OVERVIEW_ABOVE, DEFAULT_LIMITS, CLUSTER_NODE_PREFIX, type ScaleIndex, type Scope, type ScopeLimits, type ScopeReport, type EntityMatch } from './scale';
export { basemapForReport, clipBasemap, reportPoints, EXPORT_MARGIN_DEGREES, type Basemap, type BasemapChunk } from './basemap';
