/**
 * Data given to the engine that it cannot use: a bundle that breaks the data contract (a duplicate entity id, a tie
 * to an unknown entity or to itself), results computed elsewhere that are missing or not finite numbers, or sums
 * too large for a double. The input is at fault, not the engine: callers report it as bad input (the CLI exits
 * with 3), never as a bug. The message says what is wrong and where.
 */
export class EngineInputError extends Error {
  override name = 'EngineInputError';
}
