import neo4j, { type AuthToken, type Driver, type Session } from 'neo4j-driver';
import {
  Neo4jAuthError,
  Neo4jConfigError,
  Neo4jDatabaseNotFoundError,
  Neo4jError,
  Neo4jUnavailableError,
} from './errors';

export interface ConnectOptions {
  /** `bolt://host:7687` (one server) or `neo4j://host:7687` (routing). */
  uri: string;
  /** User name; `neo4j` when only a password is given. Neither: no authentication. */
  user?: string;
  password?: string;
  /** How long the driver retries a transaction that failed for a transient reason, in ms (default 5000). */
  maxTransactionRetryTime?: number;
}

/** The options every function of this package takes besides the driver. */
export interface DatabaseOptions {
  /** Database name; the server's default database when absent. */
  database?: string;
}

/** URIs of the drivers this package opened, for messages ("cannot reach Neo4j at bolt://…"). */
const uris = new WeakMap<Driver, string>();

/** The URI of a driver opened with `openDriver`, or a neutral word for a driver made elsewhere. */
export function describeServer(driver: Driver): string {
  const uri = uris.get(driver);
  return uri === undefined ? 'Neo4j' : `Neo4j at ${uri}`;
}

/**
 * Opens a driver. Nothing is sent yet: the first command (see `checkConnection`) finds out whether the
 * server is there and accepts the credentials. Throws Neo4jConfigError for a URI the driver rejects.
 */
export function openDriver(options: ConnectOptions): Driver {
  const auth =
    options.user === undefined && options.password === undefined
      ? // `auth.none` exists in the driver (5.x) but is missing from its type declarations.
        (neo4j.auth as unknown as { none(): AuthToken }).none()
      : neo4j.auth.basic(options.user ?? 'neo4j', options.password ?? '');
  let driver: Driver;
  try {
    driver = neo4j.driver(options.uri, auth, {
      maxTransactionRetryTime: options.maxTransactionRetryTime ?? 5000,
      connectionTimeout: 10_000,
      connectionAcquisitionTimeout: 30_000,
      userAgent: 'chokepoint-neo4j',
    });
  } catch (err) {
    throw new Neo4jConfigError(
      `cannot use the Neo4j URI ${JSON.stringify(options.uri)}: give one like bolt://127.0.0.1:7687 (${firstLine((err as Error).message)})`,
    );
  }
  uris.set(driver, options.uri);
  return driver;
}

export function openSession(driver: Driver, options: DatabaseOptions, mode: 'READ' | 'WRITE'): Session {
  return driver.session({
    database: options.database,
    defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
  });
}

/**
 * Runs `RETURN 1` on the database: fails fast, with a typed error, when the server is not there,
 * refuses the credentials or has no such database.
 */
export async function checkConnection(driver: Driver, options: DatabaseOptions = {}): Promise<void> {
  const session = openSession(driver, options, 'READ');
  try {
    await session.run('RETURN 1');
  } catch (err) {
    throw classifyError(err, driver, options);
  } finally {
    await closeQuietly(session);
  }
}

export async function closeQuietly(closable: { close(): Promise<void> }): Promise<void> {
  try {
    await closable.close();
  } catch {
    // The connection is already gone; the error that matters has been thrown.
  }
}

function firstLine(text: string): string {
  return text.split('\n')[0].trim();
}

/** The reason behind a connection failure in a few words. */
function connectionCause(message: string): string {
  if (/ECONNREFUSED/.test(message)) return 'connection refused';
  if (/ENOTFOUND|EAI_AGAIN/.test(message)) return 'unknown host';
  if (/ETIMEDOUT|timed out|timeout/i.test(message)) return 'timed out';
  if (/ECONNRESET|closed by server|Connection was closed/i.test(message)) return 'the server closed the connection';
  if (/driver has already been closed|Pool is closed|Driver is closed/i.test(message)) return 'the connection was closed';
  const cause = /Caused by: (.*)$/m.exec(message);
  return cause ? cause[1].trim() : firstLine(message);
}

export interface ClassifyContext extends DatabaseOptions {
  /** True once work has started: a lost connection then means the server went away. */
  started?: boolean;
  /** True for an import: running it again resumes it, which the message says. */
  resumable?: boolean;
}

/**
 * Turns an error of the driver into one of this package's typed errors with a one-line message, or returns
 * it unchanged when it is not one we expect (then it is a bug, and the CLI says so).
 */
export function classifyError(err: unknown, driver: Driver, context: ClassifyContext = {}): unknown {
  if (err instanceof Neo4jError) return err;
  if (!(err instanceof Error)) return err;
  const code = (err as { code?: unknown }).code;
  const server = describeServer(driver);
  const database = context.database === undefined ? 'the default database' : `database ${JSON.stringify(context.database)}`;
  const message = err.message;
  const again = context.resumable ? ', and the import resumes where it stopped' : '';
  if (code === 'ServiceUnavailable' || code === 'SessionExpired' || /driver has already been closed|Pool is closed/i.test(message)) {
    const cause = connectionCause(message);
    if (context.started) {
      return new Neo4jUnavailableError(
        `lost the connection to ${server}: the server stopped or restarted; run the command again when it is back${again} (${cause})`,
        String(code ?? 'ServiceUnavailable'),
      );
    }
    return new Neo4jUnavailableError(`cannot reach ${server}: is the server running? (${cause})`, String(code ?? 'ServiceUnavailable'));
  }
  if (code === 'Neo.TransientError.General.DatabaseUnavailable') {
    return new Neo4jUnavailableError(
      `${server} stopped serving ${database} (it is shutting down or restarting): run the command again when it is back${again}`,
      code,
    );
  }
  if (code === 'Neo.TransientError.General.MemoryPoolOutOfMemoryError' || code === 'Neo.TransientError.General.TransactionMemoryLimit') {
    return new Neo4jUnavailableError(
      `${server} ran out of transaction memory: run again with a smaller --batch-size, or give the server more heap`,
      code,
    );
  }
  if (code === 'Neo.ClientError.Security.Unauthorized' || code === 'Neo.ClientError.Security.AuthenticationRateLimit') {
    const why = /scheme 'none'/.test(message)
      ? 'it needs a user name and password'
      : code === 'Neo.ClientError.Security.AuthenticationRateLimit'
        ? 'too many wrong passwords; wait and try again'
        : 'wrong user name or password';
    return new Neo4jAuthError(
      `${server} refused to log in (${why}): check the user name and password`,
      code,
      'check-credentials',
    );
  }
  if (code === 'Neo.ClientError.Database.DatabaseNotFound') {
    return new Neo4jDatabaseNotFoundError(
      `${server} has no ${database}: check the database name (Neo4j Community has only "neo4j"; SHOW DATABASES lists them)`,
      code,
      'check-database',
    );
  }
  return err;
}

/**
 * Waits until the server answers on the database (after a start), polling `checkConnection` every half second: a
 * server that is not there yet, or is still bringing the database online, is waited for; any other error (wrong
 * password, unknown database) is thrown at once. Throws Neo4jUnavailableError after `timeoutMs` (default 300 s).
 */
export async function waitForServer(driver: Driver, options: DatabaseOptions & { timeoutMs?: number } = {}): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 300_000);
  for (;;) {
    try {
      await checkConnection(driver, options);
      return;
    } catch (err) {
      if (!(err instanceof Neo4jUnavailableError)) throw err;
      if (Date.now() >= deadline) {
        throw new Neo4jUnavailableError(`${describeServer(driver)} did not come up within ${Math.round((options.timeoutMs ?? 300_000) / 1000)} s: ${err.message}`, err.code);
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}
