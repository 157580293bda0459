/**
 * Entity, shipment and place ids that are names of JavaScript object members (`toString`, `valueOf`,
 * `hasOwnProperty`, `constructor`, `__proto__`, …) are ordinary ids: the whole command line — analyze, summary,
 * every export, disrupt, view — treats them like any other.
 */
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { SaxesParser } from 'saxes';
import { reportProblems, type Report } from '@chokepoint/report';
import { serve } from './browser';
import { removeTempDirs, run, tempDir } from './run';

const BUNDLE = join(__dirname, 'fixtures', 'member-names');
const IDS = ['toString', 'valueOf', 'hasOwnProperty', 'constructor', '__proto__', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', '__defineGetter__'];
/** isPrototypeOf is a name variant of toString: resolution merges it. Reports list entities in canonical order (by id). */
const KEPT = IDS.filter((id) => id !== 'isPrototypeOf').sort();
const CHOKEPOINTS = ['--sources', 'ids:__proto__,propertyIsEnumerable', '--targets', 'ids:toLocaleString,constructor'];

/** Node and edge ends of a GEXF or GraphML file, parsed by saxes (strict XML 1.0: any problem throws). */
function xmlGraph(text: string): { nodes: string[]; edges: [string, string][] } {
  const parser = new SaxesParser({ xmlns: true });
  const nodes: string[] = [];
  const edges: [string, string][] = [];
  parser.on('error', (err) => {
    throw err;
  });
  parser.on('opentag', (tag) => {
    if (tag.local === 'node') nodes.push(tag.attributes.id.value);
    if (tag.local === 'edge') edges.push([tag.attributes.source.value, tag.attributes.target.value]);
  });
  parser.write(text).close();
  return { nodes, edges };
}

function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request(url, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    })
      .on('error', reject)
      .end();
  });
}

describe('ids named like JavaScript object members, through the whole command line', () => {
  let dir: string;
  let reportPath: string;
  let report: Report;
  beforeAll(async () => {
    dir = tempDir();
    reportPath = join(dir, 'report.json');
    const r = await run('analyze', BUNDLE, '--out', reportPath, '--quiet', '--threads', '1', ...CHOKEPOINTS);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    report = JSON.parse(readFileSync(reportPath, 'utf8')) as Report;
  });
  afterAll(removeTempDirs);

  it('analyze: a valid report that keeps every id, ties and shipments between them, the same bytes every time', async () => {
    expect(reportProblems(report)).toEqual([]);
    expect(report.entities.map((e) => e.id)).toEqual(KEPT);
    expect(report.shipments.map((s) => s.id)).toEqual(['__proto__', 'constructor', 'hasOwnProperty', 'toString', 'valueOf']);
    expect(report.places.map((p) => p.id)).toEqual(['__proto__', 'toString', 'valueOf']);
    // Relations in canonical order, then the ties the shipments imply (a payer, a consignee).
    expect(report.relations.map((r) => [r.source, r.target, r.kind])).toEqual([
      ['__defineGetter__', 'constructor', expect.any(String)],
      ['__defineGetter__', 'hasOwnProperty', expect.any(String)],
      ['hasOwnProperty', 'toString', expect.any(String)],
      ['hasOwnProperty', 'valueOf', expect.any(String)],
      ['toString', 'valueOf', expect.any(String)],
      ['valueOf', 'toLocaleString', expect.any(String)],
      ['constructor', 'valueOf', 'paid_for'],
      ['valueOf', 'toLocaleString', 'consigned_to'],
    ]);
    // Every entity in exactly one cluster; results for each.
    expect(report.clusters.flatMap((c) => c.members).sort()).toEqual([...KEPT].sort());
    for (const e of report.entities) expect(report.clusters.find((c) => c.id === e.cluster)!.members).toContain(e.id);
    expect(report.keyNodes.map((k) => k.id).every((id) => KEPT.includes(id))).toBe(true);
    // The merge of two such ids is recorded as JSON keys that read back as own properties.
    expect(report.resolution.merges.map((m) => [m.kept, m.merged])).toEqual([['toString', ['isPrototypeOf']]]);
    expect(Object.entries(report.resolution.aliases)).toEqual([['isPrototypeOf', 'toString']]);
    expect(report.shipments.find((s) => s.id === 'valueOf')!.buyer).toBe('toString');
    // Supply chokepoints between such ids.
    expect(report.chokepoints).toMatchObject({ sources: ['__proto__', 'propertyIsEnumerable'], targets: ['constructor', 'toLocaleString'] });
    expect(report.chokepoints!.maxFlow.kg).toBeGreaterThan(0);
    // The same input gives the same bytes; --json prints them.
    const again = await run('analyze', BUNDLE, '--json', '--quiet', '--threads', '1', ...CHOKEPOINTS);
    expect(again.stdout).toBe(readFileSync(reportPath, 'utf8'));
    // Without resolution every id stays.
    const apart = await run('analyze', BUNDLE, '--json', '--quiet', '--no-resolve');
    expect(apart.code).toBe(0);
    expect((JSON.parse(apart.stdout) as Report).entities.map((e) => e.id)).toEqual([...IDS].sort());
  });

  it('summary reads the report back', async () => {
    const r = await run('summary', reportPath);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Kuzey Kimya Ticaret Ltd (toString');
    expect(r.stdout).toMatch(/Cluster \d+: \d+ entities/);
  });

  it('exports GEXF and GraphML that a strict XML parser reads, with every id', async () => {
    for (const format of ['gexf', 'graphml']) {
      const out = join(dir, `r.${format}`);
      const r = await run('export', reportPath, '--format', format, '--out', out, '--quiet');
      expect([format, r.code, r.stderr]).toEqual([format, 0, '']);
      const graph = xmlGraph(readFileSync(out, 'utf8'));
      expect(graph.nodes).toEqual(KEPT);
      expect(graph.edges.length).toBe(report.relations.length + new Set(report.shipments.map((s) => JSON.stringify([s.supplier, s.buyer]))).size);
      for (const [s, t] of graph.edges) expect(KEPT.includes(s) && KEPT.includes(t)).toBe(true);
    }
  });

  it('exports CSV tables with every id', async () => {
    const out = join(dir, 'tables');
    expect((await run('export', reportPath, '--format', 'csv', '--out', out, '--quiet')).code).toBe(0);
    const nodes = parseCsv(readFileSync(join(out, 'nodes.csv'), 'utf8'), { columns: true, bom: true }) as Record<string, string>[];
    expect(nodes.map((n) => n.Id)).toEqual(KEPT);
    expect(nodes.find((n) => n.Id === 'toString')!.aliases).toBe('isPrototypeOf');
    const edges = parseCsv(readFileSync(join(out, 'edges.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(edges.slice(0, report.relations.length).map((e) => [e.Source, e.Target])).toEqual(report.relations.map((r) => [r.source, r.target]));
  });

  it('exports FollowTheMoney that analyze reads back into the same entities and ties', async () => {
    const out = join(dir, 'r.ftm.jsonl');
    expect((await run('export', reportPath, '--format', 'ftm', '--out', out, '--quiet')).code).toBe(0);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    const back = await run('analyze', out, '--json', '--quiet', '--no-resolve');
    expect(back.stderr).toBe('');
    expect(back.code).toBe(0);
    const again = JSON.parse(back.stdout) as Report;
    expect(again.entities.map((e) => e.id)).toEqual(KEPT);
    expect(again.relations.map((r) => [r.source, r.target])).toEqual(report.relations.map((r) => [r.source, r.target]));
    expect(again.shipments.map((s) => [s.id, s.supplier, s.buyer])).toEqual(report.shipments.map((s) => [s.id, s.supplier, s.buyer]));
    // The findings it exported as Notes are left out, and said so: no bad rows.
    const notes = lines.filter((l) => (JSON.parse(l) as { schema: string }).schema === 'Note').length;
    expect(notes).toBeGreaterThan(0);
    const told = await run('analyze', out, '--no-resolve', '--out', join(dir, 'again.json'));
    expect(told.code).toBe(0);
    expect(told.stderr).toContain(`left out ${notes} records of FollowTheMoney schemata Chokepoint does not read, listed in the report under input.rejected`);
    expect(told.stderr).not.toContain('skipped bad rows');
    expect(told.stdout).toContain(`left out ${notes} records of FollowTheMoney schemata Chokepoint does not read (Note ${notes})`);
    expect(told.stdout).not.toContain('bad row');
  });

  it('exports a self-contained HTML file that carries the report', async () => {
    const out = join(dir, 'r.html');
    expect((await run('export', reportPath, '--format', 'html', '--out', out, '--quiet')).code).toBe(0);
    const html = readFileSync(out, 'utf8');
    const json = html.slice(html.indexOf('id="chokepoint-report">') + 23, html.indexOf('</script>'));
    expect((JSON.parse(json) as Report).entities.map((e) => e.id)).toEqual(KEPT);
  });

  it('disrupt removes such ids, chosen or given', async () => {
    const chosen = await run('disrupt', reportPath, '--json');
    expect(chosen.stderr).toBe('');
    expect(chosen.code).toBe(0);
    const steps = (JSON.parse(chosen.stdout) as { steps: { id: string; remainingFlowShare: number }[] }).steps;
    expect(steps.length).toBeGreaterThan(0);
    for (const s of steps) expect(KEPT).toContain(s.id);
    const given = await run('disrupt', reportPath, '--json', '--remove', '__proto__,toString');
    expect(given.code).toBe(0);
    expect((JSON.parse(given.stdout) as { steps: { id: string }[] }).steps.map((s) => s.id)).toEqual(['__proto__', 'toString']);
    const text = await run('disrupt', reportPath, '--remove', 'constructor');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Ornek Tarim Ltd (constructor)');
  });

  it('view serves the report', async () => {
    const served = await serve(reportPath);
    try {
      const r = await get(`${served.url}report.json`);
      expect(r.status).toBe(200);
      expect(r.body).toBe(readFileSync(reportPath, 'utf8'));
    } finally {
      served.process.kill('SIGINT');
      await served.exited;
    }
  });
});
