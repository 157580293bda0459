import { join } from 'node:path';
import { MultiDirectedGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import { parse as parseCsv } from 'csv-parse/sync';
import { addNote, emptyCase, setFlagStatus, setJudgement, type CaseFile } from '@chokepoint/case';
import { DEFAULT_REFERENCE_DIR, loadReference } from '@chokepoint/flags';
import { readBundle } from '@chokepoint/ingest';
import { loadMeasuresData, runAnalysis } from '@chokepoint/pipeline';
import type { Report } from '@chokepoint/report';
import { exportTables, toCsv, toFtm, toGexf, toGraphml } from '@chokepoint/exports';
import { parseXmlStrict } from './xml';

const KONNI = join(__dirname, '..', '..', '..', 'data', 'scenarios', 'konni-illela');
let report: Report;
let c: CaseFile;
const EVIL = '<script>alert(1)</script> & "quotes" =SUM(A1)';

beforeAll(async () => {
  const bundle = await readBundle(KONNI);
  report = (await runAnalysis(bundle, { reference: loadReference(), measures: loadMeasuresData(DEFAULT_REFERENCE_DIR), toolVersion: 'test', threads: 1 })).report;
  const flag = report.flags[0];
  const other = report.flags[1];
  const tie = report.relations.find((r) => r.kind === 'owner')!;
  const ship = report.shipments[0];
  c = emptyCase({ bundle: 'konni-illela', now: '2026-03-01T10:00:00.000Z' });
  c = addNote(c, { kind: 'entity', id: flag.entity }, `Met the director.\n${EVIL}`, 'Ana Duarte', '2026-03-02T10:00:00.000Z');
  c = addNote(c, { kind: 'flag', id: flag.id }, 'Invoice copy in folder 3.', 'Jon Meyer', '2026-03-03T10:00:00.000Z');
  c = addNote(c, { kind: 'tie', source: tie.source, target: tie.target, tieKind: 'owner' }, 'Share register of 2021.', 'Ana Duarte', '2026-03-03T11:00:00.000Z');
  c = addNote(c, { kind: 'tie', source: ship.supplier, target: ship.buyer, tieKind: 'shipment' }, 'Bills of lading match.', 'Ana Duarte', '2026-03-03T12:00:00.000Z');
  c = setFlagStatus(c, flag.id, 'dismissed', 'Ana Duarte', '2026-03-02T10:00:00.000Z');
  c = setFlagStatus(c, flag.id, 'confirmed', 'Jon Meyer', '2026-03-04T10:00:00.000Z');
  c = setFlagStatus(c, other.id, 'dismissed', 'Jon Meyer', '2026-03-04T11:00:00.000Z');
  // The scenario merges etab-kabarawa-fils into ets-kabarawa; a person doubts it, and judges another pair.
  c = setJudgement(c, 'etab-kabarawa-fils', 'ets-kabarawa', 'not-same', 'Ana Duarte', '2026-03-05T10:00:00.000Z');
  c = setJudgement(c, flag.entity, 'ets-kabarawa', 'unsure', 'Jon Meyer', '2026-03-05T11:00:00.000Z');
});

describe('exports with a case file', () => {
  it('FtM: the case notes as Note entities on the entity, the tie or the flagged entities; statuses on the flag notes', () => {
    const lines = toFtm(report, { case: c }).trim().split('\n').map((l) => JSON.parse(l) as { id: string; schema: string; properties: Record<string, string[]> });
    const caseNotes = lines.filter((l) => l.id.startsWith('chokepoint-case-note-'));
    const flag = report.flags[0];
    const onEntity = caseNotes.find((n) => n.id === 'chokepoint-case-note-n1')!;
    expect(onEntity.properties).toMatchObject({ entity: [flag.entity], name: ['Case note by Ana Duarte'], description: [`Met the director.\n${EVIL}`], createdAt: ['2026-03-02T10:00:00.000Z'] });
    expect(caseNotes.filter((n) => n.id.startsWith('chokepoint-case-note-n2-')).map((n) => n.properties.entity[0])).toEqual(flag.entities);
    const tieNote = caseNotes.find((n) => n.id === 'chokepoint-case-note-n3')!;
    const relation = lines.find((l) => l.id === tieNote.properties.entity[0])!;
    expect(relation.schema).toBe('Ownership');
    const flagNote = lines.find((l) => l.id === `chokepoint-flag-${flag.id}-${flag.entities[0]}`)!;
    expect(flagNote.properties.description[0]).toContain('Review status: confirmed (Jon Meyer, 2026-03-04); before: dismissed (Ana Duarte, 2026-03-02).');
    // Judgements on pairs of records: a Note on each entity a judged record is in (a merged record's: the kept one).
    const judged = lines.filter((l) => l.id.startsWith('chokepoint-case-judgement-'));
    const flagged = report.entities.find((e) => e.id === flag.entity)!;
    expect(judged.map((l) => [l.properties.entity[0], l.properties.description[0]])).toEqual([
      ['ets-kabarawa', 'Records etab-kabarawa-fils and ets-kabarawa judged not the same by Ana Duarte, 2026-03-05'],
      ['ets-kabarawa', `Judged unsure: the same as ${flagged.name} (${flag.entity}) by Jon Meyer, 2026-03-05`],
      [flag.entity, `Judged unsure: the same as ${report.entities.find((e) => e.id === 'ets-kabarawa')!.name} (ets-kabarawa) by Jon Meyer, 2026-03-05`],
    ]);
    // Without a case, nothing of it.
    expect(toFtm(report)).not.toContain('Review status');
    expect(toFtm(report)).not.toContain('chokepoint-case-judgement');
    expect(toFtm(report)).not.toContain('chokepoint-case-note');
  });

  it('GEXF, GraphML and CSV: notes and review statuses as attributes, read back by graphology and csv-parse', () => {
    const flag = report.flags[0];
    const tie = report.relations.find((r) => r.kind === 'owner')!;
    for (const [text, parse] of [[toGexf(report, { case: c }), parseGexf], [toGraphml(report, { case: c }), parseGraphml]] as const) {
      parseXmlStrict(text);
      const back = parse(MultiDirectedGraph, text) as MultiDirectedGraph;
      const a = back.getNodeAttributes(flag.entity);
      expect(a.caseNotes).toBe(`Ana Duarte, 2026-03-02: Met the director. / ${EVIL}`);
      expect(a.caseFlagNotes).toBe(`[${flag.title}] Jon Meyer, 2026-03-03: Invoice copy in folder 3.`);
      expect(a.flagsConfirmed).toBe(1);
      expect(a.flagStatuses).toContain(`${flag.id}: confirmed (Jon Meyer, 2026-03-04)`);
      const edge = back.edges(tie.source, tie.target).find((e) => back.getEdgeAttribute(e, 'kind') === 'owner')!;
      expect(back.getEdgeAttribute(edge, 'caseNotes')).toBe('Ana Duarte, 2026-03-03: Share register of 2021.');
      expect(back.getNodeAttribute('ets-kabarawa', 'caseJudgements')).toMatch(/^Records etab-kabarawa-fils and ets-kabarawa judged not the same by Ana Duarte, 2026-03-05 \| Judged unsure: the same as /);
    }
    const csv = toCsv(report, { case: c });
    const nodes = parseCsv(csv.nodes, { columns: true }) as Record<string, string>[];
    expect(nodes.find((n) => n.Id === flag.entity)!.caseNotes).toContain('Met the director.');
    const edges = parseCsv(csv.edges, { columns: true }) as Record<string, string>[];
    expect(edges.filter((e) => e.caseNotes === 'Ana Duarte, 2026-03-03: Bills of lading match.' && e.kind === 'shipment')).toHaveLength(1);
    // Every flagged entity has its counts; the counts add up to its flags.
    for (const n of exportTables(report, { case: c }).nodes) {
      const flags = report.entities.find((e) => e.id === n.id)!.flags.length;
      if (flags === 0) continue;
      const a = n.attributes;
      expect(Number(a.get('flagsConfirmed')) + Number(a.get('flagsDismissed')) + Number(a.get('flagsToCheck'))).toBe(new Set(report.flags.filter((f) => f.entities.includes(n.id)).map((f) => f.id)).size);
    }
    expect(columnsWithout()).not.toContain('caseNotes');
  });
});

function columnsWithout(): string[] {
  return [...new Set(exportTables(report).nodes.flatMap((n) => [...n.attributes.keys()]))];
}
