/**
 * Version of the report contract. Bump it with the types in types.ts (from which docs/report.schema.json is
 * generated), the viewer and the tests together. Its own module, with nothing else, so that the browser viewer can
 * read it (`@chokepoint/report/version`).
 */
export const REPORT_SCHEMA_VERSION = 2;
