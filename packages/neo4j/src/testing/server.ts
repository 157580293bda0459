/**
 * Real Neo4j servers for the tests, from tools/neo4j-test-server (a Neo4j 5.26 community server run from Maven
 * Central jars). Never a mock. CI may start one server for the whole run and set NEO4J_TEST_URI (and
 * NEO4J_TEST_USER / NEO4J_TEST_PASSWORD when it has a password); otherwise the tests start their own.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const REPO = join(__dirname, '..', '..', '..', '..');
export const NEO4J_SH = join(REPO, 'tools', 'neo4j-test-server', 'neo4j.sh');

export interface TestServer {
  uri: string;
  port: number;
  user?: string;
  password?: string;
  /** True when this process started it (and must stop it). */
  owned: boolean;
}

/** The server CI started for the whole run, if any. */
export function sharedServer(): TestServer | undefined {
  const uri = process.env.NEO4J_TEST_URI;
  if (uri === undefined || uri === '') return undefined;
  const port = Number(/:(\d+)\/?$/.exec(uri)?.[1] ?? 7687);
  return { uri, port, user: process.env.NEO4J_TEST_USER || undefined, password: process.env.NEO4J_TEST_PASSWORD || undefined, owned: false };
}

function javaMajor(java: string): number | undefined {
  const r = spawnSync(java, ['-version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return undefined;
  const m = /version "(\d+)[."]/.exec(`${r.stderr}${r.stdout}`);
  return m ? Number(m[1]) : undefined;
}

/** Mirrors the search of neo4j.sh: NEO4J_JAVA, JAVA_HOME, `java` on PATH, then /usr/lib/jvm. */
function findJava(): string | undefined {
  const candidates: string[] = [];
  if (process.env.NEO4J_JAVA) candidates.push(process.env.NEO4J_JAVA);
  if (process.env.JAVA_HOME) candidates.push(join(process.env.JAVA_HOME, 'bin', 'java'));
  candidates.push('java');
  if (existsSync('/usr/lib/jvm')) {
    for (const d of readdirSync('/usr/lib/jvm')) if (/^(java-(17|21)-openjdk|temurin-(17|21))/.test(d)) candidates.push(join('/usr/lib/jvm', d, 'bin', 'java'));
  }
  return candidates.find((c) => {
    const major = javaMajor(c);
    return major === 17 || major === 21;
  });
}

/**
 * Whether this machine can start test servers: Java 17 or 21, and the server's jars (fetched with Maven when
 * missing). Returns the reason when it cannot.
 */
export function serverPrerequisites(): { ok: true } | { ok: false; reason: string } {
  if (findJava() === undefined) return { ok: false, reason: 'no Java 17 or 21 (Neo4j 5.26 needs one): apt-get install openjdk-17-jre-headless' };
  const fetch = spawnSync(NEO4J_SH, ['fetch'], { encoding: 'utf8', timeout: 300_000 });
  if (fetch.status !== 0) {
    const why = `${fetch.stderr ?? ''}`.trim().split('\n').pop() ?? 'failed';
    return { ok: false, reason: `tools/neo4j-test-server/neo4j.sh fetch failed: ${why}` };
  }
  return { ok: true };
}

/** Whether the Graph Data Science jars can be fetched (`neo4j.sh fetch-gds`), so that `startServer({ gds: true })` works. */
export function gdsPrerequisites(): { ok: true } | { ok: false; reason: string } {
  const fetch = spawnSync(NEO4J_SH, ['fetch-gds'], { encoding: 'utf8', timeout: 300_000 });
  if (fetch.status !== 0) {
    const why = `${fetch.stderr ?? ''}`.trim().split('\n').pop() ?? 'failed';
    return { ok: false, reason: `tools/neo4j-test-server/neo4j.sh fetch-gds failed: ${why}` };
  }
  return { ok: true };
}

/** A TCP port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(NEO4J_SH, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/**
 * Starts a fresh server on a free port (about 8 s), without authentication or with neo4j/`password`, and with the
 * Graph Data Science library when `gds`.
 */
export async function startServer(options: { password?: string; gds?: boolean } = {}): Promise<TestServer> {
  const port = await freePort();
  const auth = options.password === undefined ? ['--no-auth'] : ['--auth', `neo4j:${options.password}`];
  const r = await run(['start', '--port', String(port), ...auth, ...(options.gds ? ['--gds'] : []), '--timeout', '300']);
  if (r.code !== 0) throw new Error(`neo4j.sh start --port ${port} failed:\n${r.stderr.slice(-3000)}`);
  const uri = /^NEO4J_URI=(.*)$/m.exec(r.stdout)?.[1]?.trim() ?? `bolt://127.0.0.1:${port}`;
  return { uri, port, owned: true, ...(options.password === undefined ? {} : { user: 'neo4j', password: options.password }) };
}

/**
 * A stopped server with no database yet (`neo4j.sh create`), for the bulk import: its `home` is a Neo4j home with
 * bin/neo4j-admin and bin/neo4j (start, stop) like an installation's. Stop it with `stopServer` when done.
 */
export async function createStoppedServer(): Promise<TestServer & { home: string }> {
  const port = await freePort();
  const r = await run(['create', '--port', String(port), '--no-auth']);
  if (r.code !== 0) throw new Error(`neo4j.sh create --port ${port} failed:\n${r.stderr.slice(-3000)}`);
  const home = /^NEO4J_HOME=(.*)$/m.exec(r.stdout)?.[1]?.trim() ?? join(REPO, 'tools', 'neo4j-test-server', 'run', String(port));
  return { uri: `bolt://127.0.0.1:${port}`, port, owned: true, home };
}

/** Stops a server this process started and keeps its data (`neo4j.sh stop --keep`), to be started again with `restartServer`. */
export async function pauseServer(server: TestServer): Promise<void> {
  const r = await run(['stop', '--port', String(server.port), '--keep']);
  if (r.code !== 0) throw new Error(`neo4j.sh stop --port ${server.port} --keep failed:\n${r.stderr.slice(-3000)}`);
}

/** Starts a created or paused server again, with its data (`neo4j.sh start --existing`). */
export async function restartServer(server: TestServer): Promise<void> {
  const r = await run(['start', '--port', String(server.port), '--existing', '--timeout', '300']);
  if (r.code !== 0) throw new Error(`neo4j.sh start --port ${server.port} --existing failed:\n${r.stderr.slice(-3000)}`);
}

/** Stops a server this process started (about 2 s); a no-op for the shared one. */
export async function stopServer(server: TestServer | undefined): Promise<void> {
  if (server === undefined || !server.owned) return;
  await run(['stop', '--port', String(server.port)]);
}
