/**
 * `@chokepoint/neo4j/testing`: what tests of this package and of the packages that use it need to run against a
 * real Neo4j server: start and stop test servers (tools/neo4j-test-server), compare database states, and build
 * seeded bundles. Not used by the command itself.
 */
export { REPO, NEO4J_SH, sharedServer, serverPrerequisites, gdsPrerequisites, freePort, startServer, stopServer, createStoppedServer, pauseServer, restartServer, type TestServer } from './server';
export { cypher, wipe, num, isInteger, isDate, isPoint, counts, snapshot, constraints, dropConstraints, nodeProperties, type Counts } from './database';
export { generatedBundle } from './bundles';
