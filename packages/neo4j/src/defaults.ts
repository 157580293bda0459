/**
 * Defaults a caller may show before it talks to Neo4j (a command line's help). Apart from the rest of the package, as
 * the errors are (`@chokepoint/neo4j/defaults`, `@chokepoint/neo4j/errors`): neither loads the Neo4j driver, which
 * takes about a third of the CLI's start-up, so a command that does not use Neo4j does not pay for it.
 */

/** Rows per transaction of `importBundle`. */
export const DEFAULT_BATCH_SIZE = 2000;
