import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { connect } from 'node:net';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPORT_SCHEMA_VERSION } from '@chokepoint/report';
import { BIN, serve, type Served } from './browser';
import { removeTempDirs, run, tempDir, TINY } from './run';

/** A raw HTTP GET that sends the path exactly as written (no client-side normalisation of ../). */
function get(url: string, path: string, method = 'GET'): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Sends `head` (request line and headers, CRLF-separated, without the blank line) as raw bytes; returns status and body. */
function raw(url: string, head: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.end(`${head}\r\nConnection: close\r\n\r\n`));
    const chunks: Buffer[] = [];
    socket.on('data', (d: Buffer) => chunks.push(d));
    socket.on('error', reject);
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      if (m === null) return reject(new Error(`no HTTP answer: ${JSON.stringify(text.slice(0, 200))}`));
      resolve({ status: Number(m[1]), body: text.slice(text.indexOf('\r\n\r\n') + 4) });
    });
  });
}

describe('chokepoint view: the server', () => {
  let dir: string;
  let reportPath: string;
  let served: Served;
  beforeAll(async () => {
    dir = tempDir();
    reportPath = join(dir, 'report.json');
    expect((await run('analyze', TINY, '--out', reportPath, '--quiet')).code).toBe(0);
    served = await serve(reportPath);
  });
  afterAll(() => {
    served?.process.kill('SIGINT');
    removeTempDirs();
  });

  it('binds 127.0.0.1 by default and serves the viewer and the one report', async () => {
    expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const index = await get(served.url, '/');
    expect(index.status).toBe(200);
    expect(index.body).toContain('<div id="app">');
    expect(index.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect((await get(served.url, '/app.js')).status).toBe(200);
    const report = await get(served.url, '/report.json');
    expect(report.status).toBe(200);
    expect(report.body).toBe(readFileSync(reportPath, 'utf8'));
    expect((await get(served.url, '/report.json?download=1')).status).toBe(200);
  });

  it('serves nothing else: no listing, no path outside its folder, encoded or not', async () => {
    for (const path of [
      '/../package.json',
      '/../../../../etc/passwd',
      '/%2e%2e/%2e%2e/package.json',
      '/%2E%2E%2Fpackage.json',
      '/..%2f..%2fetc%2fpasswd',
      '/..%5c..%5cpackage.json',
      '/%252e%252e/package.json',
      '//etc/passwd',
      '/dist/',
      '/web/',
      '/node_modules/',
      '/report.json/..',
      '/REPORT.JSON',
      '/.git/config',
    ]) {
      const r = await get(served.url, path);
      expect([path, r.status]).toEqual([path, 404]);
      expect(r.body).toBe('not found\n');
    }
    expect((await get(served.url, '/', 'POST')).status).toBe(405);
    expect((await get(served.url, '/', 'DELETE')).status).toBe(405);
  });

  it('answers only requests addressed to this computer (DNS rebinding): other Host headers get 403 and a plain message', async () => {
    const port = new URL(served.url).port;
    const report = readFileSync(reportPath, 'utf8');
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, `LocalHost:${port}`]) {
      const r = await raw(served.url, `GET /report.json HTTP/1.1\r\nHost: ${host}`);
      expect([host, r.status]).toEqual([host, 200]);
      expect(r.body).toBe(report);
    }
    for (const host of [
      'evil.example.com',
      `evil.example.com:${port}`,
      `localhost.evil.example.com:${port}`,
      `127.0.0.1.nip.io:${port}`,
      `evil.example.com@localhost:${port}`,
      `localhost:${port}@evil.example.com`,
      `localhost:${Number(port) + 1}`,
      'localhost',
      `127.0.0.2:${port}`,
      `[::2]:${port}`,
      `192.0.2.7:${port}`,
      `localhost:${port}/`,
      `localhost:${port}:${port}`,
      `"localhost:${port}"`,
    ]) {
      for (const path of ['/report.json', '/', '/app.js']) {
        const r = await raw(served.url, `GET ${path} HTTP/1.1\r\nHost: ${host}`);
        expect([host, path, r.status]).toEqual([host, path, 403]);
        expect(r.body).toBe(`forbidden: this viewer answers only requests addressed to localhost, 127.0.0.1 or [::1] on port ${port} (this request names another server)\n`);
      }
    }
    // No Host header at all (HTTP/1.0), or two of them.
    expect((await raw(served.url, 'GET /report.json HTTP/1.0')).status).toBe(403);
    expect((await raw(served.url, `GET /report.json HTTP/1.1\r\nHost: evil.example.com\r\nHost: localhost:${port}`)).status).not.toBe(200);
    // The check comes before anything else: a foreign Host never learns which paths or methods exist.
    expect((await raw(served.url, `POST / HTTP/1.1\r\nHost: evil.example.com\r\nContent-Length: 0`)).status).toBe(403);
    expect((await raw(served.url, `GET /nope HTTP/1.1\r\nHost: evil.example.com`)).status).toBe(403);
  });

  it('refuses a missing or invalid report with a clear message', async () => {
    const missing = await run('view', join(dir, 'nope.json'), '--port', '0');
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/cannot read the report .*nope\.json/);
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ schemaVersion: REPORT_SCHEMA_VERSION, entities: 'no' }));
    const bad = await run('view', join(dir, 'bad.json'), '--port', '0');
    expect(bad.code).toBe(3);
    expect(bad.stderr).toMatch(/is not a valid Chokepoint report/);
    expect((await run('view', reportPath, '--port', 'x')).code).toBe(2);
  });

  it('says when the port is taken', async () => {
    const port = new URL(served.url).port;
    const r = await run('view', reportPath, '--port', port);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`port ${port} on 127.0.0.1 is already in use: choose another with --port`);
  });

  it('stops cleanly on Ctrl-C (SIGINT), with exit code 0', async () => {
    const child = await serve(reportPath);
    child.process.kill('SIGINT');
    expect(await child.exited).toBe(0);
    expect(child.stdout()).toContain('Viewer stopped.');
  });

  it('warns when asked to listen beyond this computer, and then answers requests for any of its IP addresses but not for other names', async () => {
    const child = spawn(process.execPath, [BIN, 'view', reportPath, '--port', '0', '--host', '0.0.0.0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    let out = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    await new Promise<void>((resolve) => child.stdout.on('data', (d: Buffer) => (out += d.toString()).includes('Chokepoint viewer') && resolve()));
    try {
      expect(err).toContain('anyone who can reach this address can see the report');
      const url = /Chokepoint viewer: (http:\/\/\S+)/.exec(out)![1];
      const port = new URL(url).port;
      const local = `http://127.0.0.1:${port}/`;
      for (const host of [`0.0.0.0:${port}`, `127.0.0.1:${port}`, `localhost:${port}`, `192.0.2.7:${port}`, `[2001:db8::7]:${port}`]) {
        expect([host, (await raw(local, `GET /report.json HTTP/1.1\r\nHost: ${host}`)).status]).toEqual([host, 200]);
      }
      const evil = await raw(local, `GET /report.json HTTP/1.1\r\nHost: evil.example.com:${port}`);
      expect(evil.status).toBe(403);
      expect(evil.body).toBe(`forbidden: this viewer answers only requests addressed to localhost, 127.0.0.1 or [::1] or an IP address of this computer on port ${port} (this request names another server)\n`);
    } finally {
      child.kill('SIGINT');
    }
  });
});

describe('chokepoint export --format html', () => {
  afterAll(removeTempDirs);
  it('writes one self-contained file with the report as data, and refuses unknown formats', async () => {
    const dir = tempDir();
    const reportPath = join(dir, 'r.json');
    await run('analyze', TINY, '--out', reportPath, '--quiet');
    const out = join(dir, 'r.html');
    const r = await run('export', reportPath, '--format', 'html', '--out', out);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/wrote .*r\.html/);
    const html = readFileSync(out, 'utf8');
    expect(html).not.toMatch(/<script src=|<link rel="stylesheet"/);
    expect(html).toContain('<script type="application/json" id="chokepoint-report">');
    const json = html.slice(html.indexOf('id="chokepoint-report">') + 23, html.indexOf('</script>'));
    expect(JSON.parse(json).schemaVersion).toBe(REPORT_SCHEMA_VERSION);
    expect(json).not.toContain('<');
    const bad = await run('export', reportPath, '--format', 'pdf', '--out', out);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/argument 'pdf' is invalid. Allowed choices are html/);
    expect((await run('export', reportPath, '--out', out)).code).toBe(2);
  });
});

describe('chokepoint export for Gephi and spreadsheets', () => {
  afterAll(removeTempDirs);
  it('writes gexf, graphml and a csv folder', async () => {
    const dir = tempDir();
    const reportPath = join(dir, 'r.json');
    await run('analyze', TINY, '--out', reportPath, '--quiet');
    expect((await run('export', reportPath, '--format', 'gexf', '--out', join(dir, 'r.gexf'), '--quiet')).code).toBe(0);
    expect(readFileSync(join(dir, 'r.gexf'), 'utf8')).toContain('<gexf');
    expect((await run('export', reportPath, '--format', 'graphml', '--out', join(dir, 'r.graphml'), '--quiet')).code).toBe(0);
    expect(readFileSync(join(dir, 'r.graphml'), 'utf8')).toContain('<graphml');
    const csv = await run('export', reportPath, '--format', 'csv', '--out', join(dir, 'tables'));
    expect(csv.code).toBe(0);
    expect(csv.stderr).toMatch(/nodes\.csv[\s\S]*edges\.csv[\s\S]*groups\.csv[\s\S]*controllers\.csv/);
    // (a byte-order mark first, so that Excel reads the names as UTF-8)
    expect(readFileSync(join(dir, 'tables', 'nodes.csv'), 'utf8').split('\r\n')[0]).toMatch(/^\ufeffId,label,kind/);
    expect(readFileSync(join(dir, 'tables', 'groups.csv'), 'utf8').split('\r\n')[0]).toMatch(/^\ufeffId,size,countries,borderProximate,enoughLocated/);
    expect(readFileSync(join(dir, 'tables', 'controllers.csv'), 'utf8').split('\r\n')[0]).toMatch(/^\ufeffId,name,kind,/);
  });
});
