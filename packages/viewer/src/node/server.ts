import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { isIP, type AddressInfo } from 'node:net';
import { readAssets, type WebAssets } from './assets';
import { PortInUseError } from './errors';

export interface ViewerServerOptions {
  /** The report's JSON text, already validated by the caller. */
  reportJson: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  assets?: WebAssets;
}

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
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...HEADERS, Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }).end('method not allowed\n');
      return;
    }
    // Only the exact paths above are served; anything else (../, encoded or not) is not found.
    const path = (req.url ?? '/').split('?')[0].split('#')[0];
    const file = Object.prototype.hasOwnProperty.call(files, path) ? files[path] : undefined;
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
