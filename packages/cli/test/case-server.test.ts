import { request } from 'node:http';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addNote, emptyCase, setFlagStatus, type CaseFile } from '@chokepoint/case';
import type { Report } from '@chokepoint/report';
import { serve, type Served } from './browser';
import { removeTempDirs, run, tempDir, TINY } from './run';

/** A request with a body, headers as given (no defaults added but Host and Content-Length). */
function send(url: string, method: string, path: string, body: string, headers: Record<string, string> = { 'Content-Type': 'application/json' }): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method, headers: { ...headers, 'Content-Length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('chokepoint view --case: the case file behind the viewer', () => {
  let dir: string;
  let reportPath: string;
  beforeAll(async () => {
    dir = tempDir();
    reportPath = join(dir, 'report.json');
    expect((await run('analyze', TINY, '--out', reportPath, '--quiet')).code).toBe(0);
  });
  afterAll(() => removeTempDirs());

  it('creates the case file, serves it, and saves only valid cases made on the current revision, acknowledging after the write', async () => {
    const casePath = join(dir, 'new-case.json');
    const served: Served = await serve(reportPath, '--case', casePath);
    try {
      expect(served.stdout()).toContain(`Case file: ${casePath} (created; saved as you work)`);
      expect(existsSync(casePath)).toBe(true);
      const got = await send(served.url, 'GET', '/case.json', '', {});
      expect(got.status).toBe(200);
      const { file, case: c } = JSON.parse(got.body) as { file: string; case: CaseFile };
      expect(file).toBe('new-case.json');
      expect(c.revision).toBe(0);
      const changed = addNote(c, { kind: 'entity', id: '__proto__' }, 'Seen at the border post.', 'Ana Duarte', '2026-03-02T10:00:00.000Z');
      const ok = await send(served.url, 'PUT', '/case.json', JSON.stringify({ base: 0, case: changed }));
      expect([ok.status, JSON.parse(ok.body)]).toEqual([200, { revision: 1 }]);
      // On disk once acknowledged.
      const onDisk = JSON.parse(readFileSync(casePath, 'utf8')) as CaseFile;
      expect([onDisk.revision, onDisk.notes[0].text]).toEqual([1, 'Seen at the border post.']);
      // A save made on an older revision (another window) is refused, and nothing is written.
      const stale = await send(served.url, 'PUT', '/case.json', JSON.stringify({ base: 0, case: changed }));
      expect(stale.status).toBe(409);
      expect(JSON.parse(stale.body)).toMatchObject({ revision: 1, error: expect.stringContaining('saved from another window') });
      // Every body is validated; the file is left as it was.
      const broken = { ...changed, notes: [{ ...changed.notes[0], target: { kind: 'place', id: 'x' } }] };
      const invalid = await send(served.url, 'PUT', '/case.json', JSON.stringify({ base: 1, case: broken }));
      expect(invalid.status).toBe(400);
      expect(JSON.parse(invalid.body).error).toContain('notes[0].target.kind: expected one of entity, tie, flag');
      expect((await send(served.url, 'PUT', '/case.json', '{"base": 1, "case": ')).status).toBe(400);
      expect((await send(served.url, 'PUT', '/case.json', JSON.stringify({ base: 1, case: changed, extra: 1 }))).status).toBe(400);
      expect((await send(served.url, 'PUT', '/case.json', JSON.stringify({ base: 1, case: changed }), { 'Content-Type': 'text/plain' })).status).toBe(415);
      expect((await send(served.url, 'PUT', '/case.json', JSON.stringify({ base: 1, case: changed }), { 'Content-Type': 'application/json', Origin: 'http://evil.example' })).status).toBe(403);
      expect((await send(served.url, 'PUT', '/case.json', JSON.stringify({ base: 1, case: changed }), { 'Content-Type': 'application/json', Host: 'evil.example' })).status).toBe(403);
      const huge = await send(served.url, 'PUT', '/case.json', JSON.stringify({ base: 1, case: { ...changed, title: 'x'.repeat(21 * 1024 * 1024) } }));
      expect(huge.status).toBe(413);
      expect((JSON.parse(readFileSync(casePath, 'utf8')) as CaseFile).revision).toBe(1);
      // Only the case path takes PUT.
      expect((await send(served.url, 'PUT', '/report.json', '{}')).status).toBe(405);
    } finally {
      served.process.kill('SIGINT');
      await served.exited;
    }
  });

  it('without --case there is no case file to read or write', async () => {
    const served = await serve(reportPath);
    try {
      expect((await send(served.url, 'GET', '/case.json', '', {})).status).toBe(404);
      expect((await send(served.url, 'PUT', '/case.json', '{}')).status).toBe(405);
    } finally {
      served.process.kill('SIGINT');
      await served.exited;
    }
  });

  it('export --case: the notes and statuses go into FtM, GEXF and the HTML file', async () => {
    const report = JSON.parse(readFileSync(reportPath, 'utf8')) as Report;
    const flag = report.flags[0];
    let c = emptyCase({ bundle: report.input.bundle, now: '2026-03-01T10:00:00.000Z' });
    c = addNote(c, { kind: 'entity', id: flag.entity }, 'Director seen at the depot.', 'Ana Duarte', '2026-03-02T10:00:00.000Z');
    c = setFlagStatus(c, flag.id, 'confirmed', 'Ana Duarte', '2026-03-02T11:00:00.000Z');
    const casePath = join(dir, 'export-case.json');
    writeFileSync(casePath, JSON.stringify(c));
    const ftm = join(dir, 'case.ftm.jsonl');
    expect((await run('export', reportPath, '--format', 'ftm', '--case', casePath, '--out', ftm, '--quiet')).code).toBe(0);
    const lines = readFileSync(ftm, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { schema: string; properties: Record<string, string[]> });
    expect(lines.some((l) => l.schema === 'Note' && l.properties.description[0] === 'Director seen at the depot.' && l.properties.entity[0] === flag.entity)).toBe(true);
    expect(lines.some((l) => l.schema === 'Note' && l.properties.description[0].includes('Review status: confirmed (Ana Duarte, 2026-03-02)'))).toBe(true);
    const gexf = join(dir, 'case.gexf');
    expect((await run('export', reportPath, '--format', 'gexf', '--case', casePath, '--out', gexf, '--quiet')).code).toBe(0);
    expect(readFileSync(gexf, 'utf8')).toContain('Ana Duarte, 2026-03-02: Director seen at the depot.');
    const html = join(dir, 'case.html');
    expect((await run('export', reportPath, '--format', 'html', '--case', casePath, '--out', html, '--quiet')).code).toBe(0);
    expect(readFileSync(html, 'utf8')).toContain('<script type="application/json" id="chokepoint-case">');
    // Another bundle's case is used, with a warning.
    writeFileSync(casePath, JSON.stringify({ ...c, report: { bundle: 'other' } }));
    const warned = await run('export', reportPath, '--format', 'ftm', '--case', casePath, '--out', ftm, '--quiet');
    expect(warned.code).toBe(0);
    expect(warned.stderr).toContain('was started on the bundle "other"');
  });

  it('refuses an invalid case file at start with its name and the problem (exit 3)', async () => {
    const bad = join(dir, 'bad-case.json');
    writeFileSync(bad, JSON.stringify({ ...emptyCase({ bundle: 'tiny', now: '2026-03-01T10:00:00.000Z' }), flags: [{ flag: 'F1', status: 'guilty' }] }));
    const r = await run('view', reportPath, '--case', bad, '--port', '0');
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`${bad} is not a valid Chokepoint case file`);
    expect(r.stderr).toContain('flags[0].status: expected one of to-check, confirmed, dismissed');
    const r2 = await run('export', reportPath, '--format', 'ftm', '--out', join(dir, 'x.ftm'), '--case', join(dir, 'missing.json'));
    expect(r2.code).toBe(3);
    expect(r2.stderr).toContain('missing.json: no such case file');
  });
});
