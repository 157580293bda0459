import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { InvalidReportError } from '@chokepoint/report';
import { isIP, type AddressInfo } from 'node:net';
import { readAssets, type WebAssets } from './assets';
import type { CaseStore } from './case-store';
import { PortInUseError } from './errors';
import { buildOverview, clusterNeighbourhood, DEFAULT_LIMITS, entityNeighbourhood, judgedPairs, MAX_JUDGED_PAIRS, ScopeNotFoundError, searchEntities, type ScaleIndex, type ScopeLimits, type ScopeReport } from './scale';

export interface ViewerServerOptions {
  /** The report's JSON text, already validated by the caller (ignored with `scale`). */
  reportJson: string;
  /**
   * A large report, served in pieces (see scale.ts): /overview.json, and /neighbourhood?cluster=<id> or
   * ?entity=<id>&hops=<1-3>, and /search?q=<text> (entities by name or id); /report.json is then refused, so that no browser is sent the whole report at once.
   */
  scale?: { index: ScaleIndex; limits?: ScopeLimits; maxBytes?: number };
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  assets?: WebAssets;
  /** The case file opened with --case: served at /case.json and saved by PUT /case.json (see CaseStore). */
  caseStore?: CaseStore;
}

/** The largest case a save may send (notes and saved views; far beyond what a person writes). */
export const MAX_CASE_BYTES = 20 * 1024 * 1024;

/** The largest scope (overview or neighbourhood) the server sends; larger ones are refused with a message. */
export const MAX_SCOPE_BYTES = 64 * 1024 * 1024;

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
    '/basemap.json': { type: 'application/json; charset=utf-8', body: assets.basemap },
    '/report.json': { type: 'application/json; charset=utf-8', body: options.reportJson },
  };
  // The overview is made before the server answers, so that the first page does not wait for it.
  // With a case, the records its judgements name are named in the overview too, and the pairs of records it judges
  // carried (see Scope.named, Scope.possiblePairs): made again once the case judges other records.
  const judged = () => JSON.stringify((options.caseStore?.get().judgements ?? []).flatMap((j) => [j.a, j.b]));
  const makeOverview = (scale: NonNullable<ViewerServerOptions['scale']>) => {
    const records = judged();
    return { records, text: JSON.stringify(buildOverview(scale.index, scale.limits ?? DEFAULT_LIMITS, JSON.parse(records) as string[])) };
  };
  let overview = options.scale === undefined ? undefined : makeOverview(options.scale);
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
    if (path === '/pairs' && options.scale !== undefined && req.method === 'POST') {
      servePairs(req, res, options.scale.index, bound.port);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...HEADERS, Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }).end('method not allowed\n');
      return;
    }
    if (options.scale !== undefined && (path === '/overview.json' || path === '/neighbourhood' || path === '/search' || path === '/report.json')) {
      serveScope(req, res, path, options.scale, () => {
        if (overview === undefined || overview.records !== judged()) overview = makeOverview(options.scale!);
        return overview.text;
      });
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

/**
 * The pieces of a large report, and /search?q= to find an entity by a part of its name or id. Parameters are checked: exactly one of `cluster` (a cluster id) or `entity` (an entity
 * id), and `hops` (1 to 3, with `entity` only); anything else is refused with 400 and the reason, an unknown
 * cluster or entity with 404, and a piece larger than `maxBytes` with 413.
 */
function serveScope(req: IncomingMessage, res: ServerResponse, path: string, scale: NonNullable<ViewerServerOptions['scale']>, overview: () => string): void {
  const head = req.method === 'HEAD';
  if (path === '/report.json') {
    const n = scale.index.report.entities.length;
    answer(res, 413, { error: `this report has ${n.toLocaleString('en-US')} entities, too many to send at once: the viewer opens it on the overview of its clusters (/overview.json) and loads neighbourhoods on demand (/neighbourhood)` }, head);
    return;
  }
  if (path === '/search') {
    const params = new URLSearchParams((req.url ?? '').split('?')[1]?.split('#')[0] ?? '');
    const q = params.get('q');
    if (q === null || q.trim() === '' || q.length > 200 || [...params.keys()].some((k) => k !== 'q') || params.getAll('q').length > 1) {
      answer(res, 400, { error: 'expected one parameter q=<part of a name or id> (1 to 200 characters)' }, head);
      return;
    }
    answer(res, 200, searchEntities(scale.index, q), head);
    return;
  }
  let scope: ScopeReport | string;
  if (path === '/overview.json') scope = overview();
  else {
    const params = new URLSearchParams((req.url ?? '').split('?')[1]?.split('#')[0] ?? '');
    const known = new Set(['cluster', 'entity', 'hops']);
    const unknown = [...params.keys()].find((k) => !known.has(k));
    const multiple = [...known].find((k) => params.getAll(k).length > 1);
    const cluster = params.get('cluster');
    const entity = params.get('entity');
    const hops = params.get('hops');
    const refuse = (message: string) => answer(res, 400, { error: message }, head);
    if (unknown !== undefined) return refuse(`unknown parameter ${JSON.stringify(unknown.slice(0, 100))}: expected cluster=<id>, or entity=<id> with hops=<1-3>`);
    if (multiple !== undefined) return refuse(`the parameter ${multiple} is given more than once`);
    if ((cluster === null) === (entity === null)) return refuse('expected exactly one of cluster=<id> or entity=<id>');
    const limits = scale.limits ?? DEFAULT_LIMITS;
    try {
      if (cluster !== null) {
        if (hops !== null) return refuse('hops goes with entity=<id>, not with cluster');
        if (!/^[1-9]\d{0,9}$/.test(cluster)) return refuse(`cluster must be a cluster number (1 or more), not ${JSON.stringify(cluster.slice(0, 100))}`);
        scope = clusterNeighbourhood(scale.index, Number(cluster), limits);
      } else {
        if (entity === '' || entity!.length > 2000) return refuse('entity must be an entity id (1 to 2000 characters)');
        if (hops !== null && !/^[123]$/.test(hops)) return refuse(`hops must be 1, 2 or 3, not ${JSON.stringify(hops.slice(0, 100))}`);
        scope = entityNeighbourhood(scale.index, entity!, hops === null ? 1 : Number(hops), limits);
      }
    } catch (err) {
      if (err instanceof ScopeNotFoundError) {
        answer(res, 404, { error: err.message }, head);
        return;
      }
      // The records of a large report are read from its records file when a piece is sent: a file changed, moved or
      // deleted since the viewer opened it is said so, and the viewer goes on serving what it can.
      if (err instanceof InvalidReportError) {
        answer(res, 500, { error: err.message }, head);
        return;
      }
      throw err;
    }
  }
  const text = typeof scope === 'string' ? scope : JSON.stringify(scope);
  const max = scale.maxBytes ?? MAX_SCOPE_BYTES;
  const bytes = Buffer.byteLength(text);
  if (bytes > max) {
    answer(res, 413, { error: `this piece of the report is ${(bytes / 1048576).toFixed(1)} MB, above the limit of ${(max / 1048576).toFixed(1)} MB: open a smaller piece (an entity with fewer hops, or a cluster around it)` }, head);
    return;
  }
  res.writeHead(200, { ...HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': bytes });
  res.end(head ? undefined : text);
}

function answer(res: ServerResponse, status: number, body: object, head = false): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) }).end(head ? undefined : text);
}

/**
 * PUT /case.json: the body must be JSON (Content-Type application/json, at most MAX_CASE_BYTES) sent by the viewer's
 * own page (an Origin header, when there is one, must be this server); it is validated as a whole, and answered only
 * after the file is written (CaseStore.save).
 */
function saveCase(req: IncomingMessage, res: ServerResponse, store: CaseStore, port: number): void {
  readJson(req, res, port, 'the case sent', 'the case is saved only from the viewer\'s own page', (body) => {
    const result = store.save(body);
    if (result.ok) answer(res, 200, { revision: result.revision });
    else answer(res, result.status, { error: result.message, ...(result.revision === undefined ? {} : { revision: result.revision }) });
  });
}

/**
 * POST /pairs on a large report: `{"pairs": [[a, b], …]}` (a case's judgements' records, at most MAX_JUDGED_PAIRS
 * pairs of ids of 1 to 2000 characters) gives the pairs left for review among them and the entities of their records
 * (judgedPairs), for a case loaded in the browser. Sent by the viewer's own page, like the case.
 */
function servePairs(req: IncomingMessage, res: ServerResponse, index: ScaleIndex, port: number): void {
  readJson(req, res, port, 'the pairs sent', 'pairs are asked only from the viewer\'s own page', (body) => {
    const pairs = (body as { pairs?: unknown } | null)?.pairs;
    const id = (x: unknown) => typeof x === 'string' && x.length > 0 && x.length <= 2000;
    if (!Array.isArray(pairs) || pairs.length > MAX_JUDGED_PAIRS || !pairs.every((p) => Array.isArray(p) && p.length === 2 && id(p[0]) && id(p[1]))) {
      answer(res, 400, { error: `expected {"pairs": [[a, b], …]}: at most ${MAX_JUDGED_PAIRS.toLocaleString('en-US')} pairs of two record ids (1 to 2000 characters each)` });
      return;
    }
    answer(res, 200, judgedPairs(index, pairs as [string, string][]));
  });
}

/**
 * Reads a JSON body (Content-Type application/json, at most MAX_CASE_BYTES) sent by the viewer's own page (an Origin
 * header, when there is one, must be this server) and gives it to `then`; anything else is answered here (403, 415,
 * 413, 400) with the reason. `what` names the body in those reasons.
 */
function readJson(req: IncomingMessage, res: ServerResponse, port: number, what: string, forbidden: string, then: (body: unknown) => void): void {
  const origin = req.headers.origin;
  if (origin !== undefined && !(origin !== 'null' && hostAllowedOrigin(origin, req.headers.host, port))) {
    answer(res, 403, { error: `forbidden: ${forbidden}` });
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
      answer(res, 413, { error: `${what} is larger than ${MAX_CASE_BYTES / 1024 / 1024} MB` });
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
      answer(res, 400, { error: `${what} is not JSON: ${(err as Error).message}` });
      return;
    }
    then(body);
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
