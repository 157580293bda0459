/**
 * Errors of the Neo4j package. Each message is one line that says what went wrong and what to do.
 * The CLI maps the classes to exit codes (errors.ts of @chokepoint/cli): unavailable → 4,
 * data problems in the database → 3, everything else here (the command line is wrong, or the server must be
 * stopped first) → 2.
 * Messages speak of what to do in the library's terms; `remedy` names it, so a caller can say it in its own (a CLI
 * names its options).
 */

/** What the user can do about an error, for callers that name their own options. */
export type Neo4jRemedy = 'replace-bundle' | 'import-bundle' | 'without-gds' | 'fix-query' | 'check-credentials' | 'check-database' | 'check-neo4j-home';

/** Base class of every error this package throws on purpose. */
export class Neo4jError extends Error {
  override name = 'Neo4jError';
  /** The driver's or server's code behind it (`ServiceUnavailable`, `Neo.ClientError.…`), when there is one. */
  readonly code?: string;
  readonly remedy?: Neo4jRemedy;
  constructor(message: string, code?: string, remedy?: Neo4jRemedy) {
    super(message);
    if (code !== undefined) this.code = code;
    if (remedy !== undefined) this.remedy = remedy;
  }
}

/** The server cannot be reached, went away during the work, or cannot serve the database right now. */
export class Neo4jUnavailableError extends Neo4jError {
  override name = 'Neo4jUnavailableError';
}

/** The server refused the user name or password. */
export class Neo4jAuthError extends Neo4jError {
  override name = 'Neo4jAuthError';
}

/** The server has no database of that name. */
export class Neo4jDatabaseNotFoundError extends Neo4jError {
  override name = 'Neo4jDatabaseNotFoundError';
}

/** The Graph Data Science library is not installed on the server. */
export class GdsMissingError extends Neo4jError {
  override name = 'GdsMissingError';
}

/** The connection settings are wrong before anything is sent (a URI the driver does not understand). */
export class Neo4jConfigError extends Neo4jError {
  override name = 'Neo4jConfigError';
}

/** The user's Cypher query failed, wrote, or does not return entity nodes as `n`. */
export class Neo4jQueryError extends Neo4jError {
  override name = 'Neo4jQueryError';
  override readonly remedy: Neo4jRemedy = 'fix-query';
}

/** The database already holds a different bundle (or other data under Chokepoint's labels). */
export class Neo4jBundleConflictError extends Neo4jError {
  override name = 'Neo4jBundleConflictError';
}

/** What is in the database cannot be used: no bundle, an unfinished import, records that break the data contract, a report of another bundle. */
export class Neo4jDataError extends Neo4jError {
  override name = 'Neo4jDataError';
}

/** neo4j-admin (the bulk import) could not do its work: the database is in use, or the tool failed. */
export class Neo4jAdminError extends Neo4jError {
  override name = 'Neo4jAdminError';
}
