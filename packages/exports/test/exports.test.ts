import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MultiDirectedGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import { parse as parseCsv } from 'csv-parse/sync';
import { analyze } from '@chokepoint/engine';
import { evaluateFlags, loadReference } from '@chokepoint/flags';
import { readBundle, readFtm } from '@chokepoint/ingest';
import { buildReport, type Report } from '@chokepoint/report';
import { csvCell, exportGraph, toCsv, toFtm, toGexf, toGraphml } from '@chokepoint/exports';

const TINY = join(__dirname, '..', '..', 'cli', 'test', 'fixtures', 'tiny');
let report: Report;

beforeAll(async () => {
  const bundle = await readBundle(TINY);
  bundle.entities[1].name = '=HYPERLINK("http://x","<b>&\u0001")';
  const analysis = analyze(bundle);
  report = buildReport(bundle, analysis, evaluateFlags(bundle, analysis, loadReference()), { toolVersion: 'test', lenient: false });
});

function sameGraph(a: MultiDirectedGraph, b: MultiDirectedGraph, attributes: string[]): void {
  expect(b.order).toBe(a.order);
  expect(b.size).toBe(a.size);
  a.forEachNode((node, attrs) => {
    expect(b.hasNode(node)).toBe(true);
    for (const k of attributes) if (k in attrs) expect([node, k, b.getNodeAttribute(node, k)]).toEqual([node, k, attrs[k]]);
  });
}

describe('exports, read back with the same libraries', () => {
  it('GEXF round-trips nodes, edges and result attributes, with map positions', () => {
    const text = toGexf(report);
    const back = parseGexf(MultiDirectedGraph, text);
    const original = exportGraph(report);
    sameGraph(original, back as MultiDirectedGraph, ['label', 'cluster', 'betweenness', 'articulation', 'keyScore', 'flagCount', 'kind', 'country']);
    expect(back.getNodeAttribute('kimya', 'x')).toBeCloseTo(37.383, 6);
    expect(text).toContain('<viz:color');
  });

  it('GraphML round-trips with typed keys, and escapes text', () => {
    const text = toGraphml(report);
    expect(text).toContain('attr.name="betweenness" attr.type="double"');
    expect(text).toContain('attr.name="articulation" attr.type="boolean"');
    expect(text).not.toContain('\u0001');
    const back = parseGraphml(MultiDirectedGraph, text);
    sameGraph(exportGraph(report), back as MultiDirectedGraph, ['cluster', 'betweenness', 'articulation', 'keyScore', 'flagCount', 'kind']);
    expect(back.getNodeAttribute('hat', 'label')).toBe('=HYPERLINK("http://x","<b>&")'); // the control character XML cannot hold is dropped
  });

  it('CSV tables round-trip and never hand a formula to a spreadsheet', () => {
    const { nodes, edges } = toCsv(report);
    const rows = parseCsv(nodes, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(report.entities.length);
    const hat = rows.find((r) => r.Id === 'hat')!;
    expect(hat.label.startsWith("'=HYPERLINK")).toBe(true);
    expect(Number(rows.find((r) => r.Id === 'kimya')!.betweenness)).toBeCloseTo(report.entities.find((e) => e.id === 'kimya')!.betweenness, 12);
    const e = parseCsv(edges, { columns: true }) as Record<string, string>[];
    expect(Object.keys(e[0]).slice(0, 3)).toEqual(['Id', 'Source', 'Target']);
    expect(e.length).toBe(exportGraph(report).size);
    for (const v of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) expect(csvCell(v).replace(/^"/, '')[0]).toBe("'");
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
  });
});

describe('FollowTheMoney export', () => {
  it('writes entities, ties, shipments and findings as FtM, and reads back into the same network', async () => {
    const text = toFtm(report);
    const lines = text.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.filter((l) => l.schema === 'Note').length).toBeGreaterThanOrEqual(report.flags.length);
    expect(lines.find((l) => l.schema === 'Ownership')).toMatchObject({ properties: { owner: ['aile'], asset: ['hat'], percentage: ['100'] } });
    const dir = mkdtempSync(join(tmpdir(), 'chokepoint-ftm-'));
    try {
      writeFileSync(join(dir, 'r.ftm.jsonl'), text);
      const back = await readFtm(join(dir, 'r.ftm.jsonl'));
      expect(back.entities.map((e) => [e.id, e.kind, e.name])).toEqual(report.entities.map((e) => [e.id, e.kind, e.name]));
      expect(back.relations.map((r) => [r.source, r.target])).toEqual(report.relations.map((r) => [r.source, r.target]));
      expect(back.shipments.map((s) => [s.id, s.supplier, s.buyer, s.quantityKg, s.hsCode])).toEqual(report.shipments.map((s) => [s.id, s.supplier, s.buyer, s.quantityKg, s.hsCode]));
      expect(back.rejected.every((r) => r.reason.includes('schema Note is not read'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
