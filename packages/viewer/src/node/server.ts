import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { isIP, type AddressInfo } from 'node:net';
import { readAssets, type WebAssets } from './assets';
import type { CaseStore } from './case-store';
import { PortInUseError } from './errors';

export interface ViewerServerOptions {
  /** The report's JSON text, already validated by the caller. */
  reportJson: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  assets?: WebAssets;
  /** The case file opened with --case: served at /case.json and saved by PUT /case.json (see CaseStore). */
  caseStore?: CaseStore;
}

/** The largest case a save may send (notes and saved views; far beyond what a person writes). */
export const MAX_CASE_BYTES = 20 * 1024 * 1024;

export interface ViewerServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 5757;

const HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; worker-src blob:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
};

/** Host names that always mean this computer. */
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];

/** Addresses that listen on every interface: with them, the computer can be reached by any of its IP addresses. */
const WILDCARD = ['0.0.0.0', '::', ''];

/**
 * Whether a request's Host header names this server, the defence against DNS rebinding (a web page whose own name
 * was made to point at 127.0.0.1 would send its own name as Host, and could otherwise read the report). Accepted:
 * `localhost`, `127.0.0.1` and `[::1]`, and the names in `listen.names` (the address the user chose with --host and
 * the address the server is bound to), in any case, with the port the server listens on (no port only for port
 * 80). When it listens on every interface (0.0.0.0 or ::), any IP address is accepted too: a page can only send an
 * IP address as Host when it was itself opened from that address. Anything else (other names, a user part, a
 * wrong port, no Host) is refused.
 */
export function hostAllowed(host: string | undefined, listen: { names: readonly string[]; port: number }): boolean {
  if (host === undefined) return false;
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^\s:[\]@/\\?#]+))(?::(\d{1,5}))?$/.exec(host);
  if (m === null) return false;
  const name = (m[1] ?? m[2]).toLowerCase();
  const port = m[3] === undefined ? 80 : Number(m[3]);
  if (port !== listen.port) return false;
  const names = listen.names.map((n) => n.replace(/^\[|\]$/g, '').toLowerCase());
  if (LOOPBACK_NAMES.includes(name) || names.includes(name)) return true;
  return names.some((n) => WILDCARD.includes(n)) && isIP(name) !== 0;
}

/**
 * Serves the viewer and one report, and nothing else: a fixed list of paths, no directory
 * listing, no file system access after start, and only to requests whose Host header names this computer
 * (hostAllowed): others get 403 with a plain message.
 */
export function startViewerServer(options: ViewerServerOptions): Promise<ViewerServer> {
  const assets = options.assets ?? readAssets();
  const files: Record<string, { type: string; body: string }> = {
    '/': { type: 'text/html; charset=utf-8', body: assets.html },
    '/index.html': { type: 'text/html; charset=utf-8', body: assets.html },
    '/app.js': { type: 'text/javascript; charset=utf-8', body: assets.js },
    '/styles.css': { type: 'text/css; charset=utf-8', body: assets.css },
    '/report.json': { type: 'application/json; charset=utf-8', body: options.reportJson },
  };
  const host = options.host ?? DEFAULT_HOST;
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const bound = server.address() as AddressInfo;
    if (!hostAllowed(req.headers.host, { names: [host, bound.address], port: bound.port })) {
      const other = WILDCARD.includes(host) ? ' or an IP address of this computer' : LOOPBACK_NAMES.includes(host) ? '' : ` or ${isIP(host) === 6 ? `[${host}]` : host}`;
      const message = `forbidden: this viewer answers only requests addressed to localhost, 127.0.0.1 or [::1]${other} on port ${bound.port} (this request names another server)\n`;
      res.writeHead(403, { ...HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(message) }).end(message);
      return;
    }
    const path = (req.url ?? '/').split('?')[0].split('#')[0];
    if (path === '/case.json' && options.caseStore !== undefined && req.method === 'PUT') {
      saveCase(req, res, options.caseStore, bound.port);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...HEADERS, Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }).end('method not allowed\n');
      return;
    }
    // Only the exact paths above are served; anything else (../, encoded or not) is not found.
    const file = path === '/case.json' && options.caseStore !== undefined ? { type: 'application/json; charset=utf-8', body: options.caseStore.json() } : Object.prototype.hasOwnProperty.call(files, path) ? files[path] : undefined;
    if (!file) {
      res.writeHead(404, { ...HEADERS, 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    res.writeHead(200, { ...HEADERS, 'Content-Type': file.type, 'Content-Length': Buffer.byteLength(file.body) });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  };
  const server = createServer(handler);
  const port = options.port ?? DEFAULT_PORT;
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') reject(new PortInUseError(`port ${port} on ${host} is already in use: choose another with --port`));
      else reject(err);
    });
    server.listen(port, host, () => {
      const address = server.address() as AddressInfo;
      const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve({
        url: `http://${shown}:${address.port}/`,
        port: address.port,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

function answer(res: ServerResponse, status: number, body: object): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) }).end(text);
}

/**
 * PUT /case.json: the body must be JSON (Content-Type application/json, at most MAX_CASE_BYTES) sent by the viewer's
 * own page (an Origin header, when there is one, must be this server); it is validated as a whole, and answered only
 * after the file is written (CaseStore.save).
 */
function saveCase(req: IncomingMessage, res: ServerResponse, store: CaseStore, port: number): void {
  const origin = req.headers.origin;
  if (origin !== undefined && !(origin !== 'null' && hostAllowedOrigin(origin, req.headers.host, port))) {
    answer(res, 403, { error: 'forbidden: the case is saved only from the viewer\'s own page' });
    req.resume();
    return;
  }
  if (!/^application\/json(;|$)/i.test(req.headers['content-type'] ?? '')) {
    answer(res, 415, { error: 'expected Content-Type: application/json' });
    req.resume();
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let refused = false;
  req.on('data', (chunk: Buffer) => {
    if (refused) return;
    size += chunk.length;
    if (size > MAX_CASE_BYTES) {
      refused = true;
      answer(res, 413, { error: `the case sent is larger than ${MAX_CASE_BYTES / 1024 / 1024} MB` });
      return;
    }
    chunks.push(chunk);
  });
  req.on('end', () => {
    if (refused) return;
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch (err) {
      answer(res, 400, { error: `the case sent is not JSON: ${(err as Error).message}` });
      return;
    }
    const result = store.save(body);
    if (result.ok) answer(res, 200, { revision: result.revision });
    else answer(res, result.status, { error: result.message, ...(result.revision === undefined ? {} : { revision: result.revision }) });
  });
}

/** Whether an Origin header names the same server as the (already checked) Host header. */
function hostAllowedOrigin(origin: string, host: string | undefined, port: number): boolean {
  try {
    const u = new URL(origin);
    return u.protocol === 'http:' && host !== undefined && u.host.toLowerCase() === host.toLowerCase() && Number(u.port || 80) === port;
  } catch {
    return false;
  }
}
