import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MultiDirectedGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import { parse as parseCsv } from 'csv-parse/sync';
import { DEFAULT_REFERENCE_DIR, loadReference } from '@chokepoint/flags';
import { readBundle, readFtm } from '@chokepoint/ingest';
import { withShipmentTies } from '@chokepoint/model';
import { loadMeasuresData, runAnalysis } from '@chokepoint/pipeline';
import type { Report } from '@chokepoint/report';
import { controllerRows, exportTables, groupRows, toCsv, toFtm, toGexf, toGraphml } from '@chokepoint/exports';
import { all, parseXmlStrict } from './xml';

/** The scenario written by hand the way an investigator would: payers abroad, consignees, four currencies, metres. */
const KONNI = join(__dirname, '..', '..', '..', 'data', 'scenarios', 'konni-illela');
let report: Report;

beforeAll(async () => {
  const bundle = await readBundle(KONNI);
  report = (await runAnalysis(bundle, { reference: loadReference(), measures: loadMeasuresData(DEFAULT_REFERENCE_DIR), toolVersion: 'test', threads: 1 })).report;
  // What the tests below rely on: the scenario has all of it.
  expect(report.groups.length).toBeGreaterThan(0);
  expect(report.controllers.length).toBeGreaterThan(0);
  expect(report.relations.some((r) => r.kind === 'paid_for') && report.relations.some((r) => r.kind === 'consigned_to')).toBe(true);
  expect(new Set(report.shipments.map((s) => s.currency)).size).toBeGreaterThan(2);
});

const CURRENCY_COLUMN = /^value_(?:[A-Z]{3}|currency_not_stated)$/;

describe('exports of a version-2 report', () => {
  it('give every entity its company group, key-node role, score measures and what it controls (GEXF and GraphML read back)', () => {
    const { nodes } = exportTables(report);
    for (const [text, parse] of [[toGexf(report), parseGexf], [toGraphml(report), parseGraphml]] as const) {
      parseXmlStrict(text);
      const back = parse(MultiDirectedGraph, text) as MultiDirectedGraph;
      for (const e of report.entities) {
        const a = back.getNodeAttributes(e.id);
        const group = report.groups.find((g) => g.id === e.group);
        expect([e.id, a.group, a.groupNearBorder]).toEqual([e.id, e.group, group?.borderProximate ?? false]);
        const key = report.keyNodes.find((k) => k.id === e.id);
        if (key) {
          expect([e.id, a.keyRole, a.keyRank]).toEqual([e.id, key.role, key.rank]);
          expect(a.scoreControl).toBeCloseTo(key.measures.control, 12);
          expect(a.scoreFlowCut).toBeCloseTo(key.measures.flowCut, 12);
          expect(a.scoreBrokerage).toBeCloseTo(key.measures.brokerage, 12);
          expect(a.scoreBetweenness).toBeCloseTo(key.measures.betweenness, 12);
          expect(a.scoreCutOff).toBeCloseTo(key.measures.cutOff, 12);
        } else expect(a.keyRole).toBeUndefined();
        const controller = report.controllers.find((c) => c.id === e.id);
        expect([e.id, a.controlsFlaggedCompanies]).toEqual([e.id, controller?.companies.length ?? 0]);
        if (controller) expect(a.controls).toBe(controller.companies.map((c) => c.id).join(';'));
      }
    }
    const garba = nodes.find((n) => n.id === 'garba')!.attributes;
    expect(garba.get('keyRole')).toBe('control');
    expect(String(garba.get('controls')).split(';')).toContain('transit-konni');
    expect(String(nodes.find((n) => n.id === 'transit-konni')!.attributes.get('controlledBy')).split(';')).toContain('garba');
  });

  it('never add money of different currencies, and name the currency of every money column', () => {
    const { edges } = exportTables(report);
    const sums = new Map<string, number>();
    for (const e of edges) {
      expect(e.attributes.has('value')).toBe(false);
      for (const [k, v] of e.attributes) {
        if (!k.startsWith('value')) continue;
        expect(k).toMatch(CURRENCY_COLUMN);
        sums.set(k, (sums.get(k) ?? 0) + (v as number));
      }
    }
    // Each currency's column adds up to the report's total in that currency, and nothing else.
    expect(new Map([...sums].map(([k, v]) => [k, Math.round(v)]))).toEqual(new Map(report.measures.totals.map((t) => [`value_${t.currency}`, Math.round(t.amount)])));
    // Goods counted in metres or pieces stay in their unit; kg counts only what was weighed.
    const metres = report.shipments.filter((s) => s.unit === 'm').reduce((n, s) => n + s.quantity!, 0);
    expect(edges.reduce((n, e) => n + ((e.attributes.get('quantity_m') as number | undefined) ?? 0), 0)).toBeCloseTo(metres, 9);
    const kg = report.shipments.reduce((n, s) => n + (s.quantityKg ?? 0), 0);
    expect(edges.reduce((n, e) => n + ((e.attributes.get('kg') as number | undefined) ?? 0), 0)).toBeCloseTo(kg, 6);
    const header = toCsv(report).edges.split('\r\n')[0].split(',');
    expect(header.filter((h) => h.startsWith('value'))).toEqual(expect.arrayContaining(report.measures.totals.map((t) => `value_${t.currency}`)));
    expect(header).not.toContain('value');
  });

  it('export the ties shipments imply with the shipments behind them', () => {
    const { edges } = exportTables(report);
    const implied = report.relations.filter((r) => r.viaShipments !== undefined);
    expect(implied.length).toBeGreaterThan(0);
    for (const r of implied) {
      const e = edges.find((x) => x.source === r.source && x.target === r.target && x.attributes.get('kind') === r.kind)!;
      expect(e.attributes.get('viaShipments')).toBe(r.viaShipments!.join(';'));
      expect(e.attributes.get('shipments')).toBe(r.viaShipments!.length);
    }
    const back = parseGraphml(MultiDirectedGraph, toGraphml(report)) as MultiDirectedGraph;
    const kinds = new Set<string>();
    back.forEachEdge((_e, a) => kinds.add(a.kind as string));
    expect(kinds.has('paid_for') && kinds.has('consigned_to')).toBe(true);
  });

  it('write groups.csv and controllers.csv that parse strictly and match the report', () => {
    const { groups, controllers } = toCsv(report);
    const g = parseCsv(groups, { columns: true, relax_quotes: false, relax_column_count: false }) as Record<string, string>[];
    expect(g.map((r) => Number(r.Id))).toEqual(report.groups.map((x) => x.id));
    const first = report.groups[0];
    expect(g[0]).toMatchObject({ size: String(first.size), borderProximate: String(first.borderProximate), enoughLocated: String(first.enoughLocated), members: first.members.join(';'), controllers: first.controllers.join(';') });
    expect(Number(g[0].medianDistanceKm)).toBeCloseTo(first.nearestPlace!.distanceKm, 9);
    const c = parseCsv(controllers, { columns: true, relax_quotes: false, relax_column_count: false }) as Record<string, string>[];
    expect(c).toHaveLength(report.controllers.reduce((n, x) => n + x.companies.length, 0));
    const musa = report.controllers.find((x) => x.id === 'musa')!;
    const viaRelative = musa.companies.find((x) => x.throughFamily)!;
    const row = c.find((r) => r.Id === 'musa' && r.company === viaRelative.id)!;
    expect(row).toMatchObject({ name: 'Musa Garba Kabarawa', throughFamily: 'true', companyFlags: String(viaRelative.flags), pathLength: String(viaRelative.path.length) });
    expect(row.path).toMatch(/^relative → /);
    expect(row.path.endsWith(`→ ${viaRelative.id}`)).toBe(true);
    expect(groupRows(report)).toHaveLength(report.groups.length);
    expect(controllerRows(report)).toHaveLength(c.length);
  });

  it('FtM carries payers and consignees on the shipments, and the same ties come back when it is read', async () => {
    const text = toFtm(report);
    const lines = text.trim().split('\n').map((l) => JSON.parse(l) as { schema: string; properties: Record<string, string[]> });
    expect(lines.some((l) => l.schema === 'Shipment' && l.properties.payer !== undefined)).toBe(true);
    expect(lines.some((l) => l.schema === 'Shipment' && l.properties.consignee !== undefined)).toBe(true);
    // Findings as notes: flags in their sentences (never the evidence object), the controllers, groups near a border.
    const notes = lines.filter((l) => l.schema === 'Note');
    expect(notes.some((n) => n.properties.name[0].startsWith('Behind '))).toBe(true);
    expect(notes.some((n) => n.properties.name[0].startsWith('In company group '))).toBe(true);
    const flagNote = notes.find((n) => n.properties.name[0].startsWith('Red flag'))!;
    expect(flagNote.properties.description[0]).toContain(report.flags[0].explanation.sentences[0]);
    expect(flagNote.properties.description[0]).not.toMatch(/[{}]/);
    const dir = mkdtempSync(join(tmpdir(), 'chokepoint-ftm-'));
    try {
      writeFileSync(join(dir, 'r.ftm.jsonl'), text);
      const back = withShipmentTies(await readFtm(join(dir, 'r.ftm.jsonl'), { lenient: true }));
      const implied = (rs: { kind: string; source: string; target: string; viaShipments?: string[] }[]) =>
        rs.filter((r) => r.viaShipments !== undefined).map((r) => [r.kind, r.source, r.target, r.viaShipments]).sort();
      expect(implied(back.relations)).toEqual(implied(report.relations));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keep GEXF attributes declared once with one type each', () => {
    const root = parseXmlStrict(toGexf(report));
    const titles = all(root, 'attribute').map((a) => `${a.attributes.get('title')}`);
    const node = all(root, 'attributes').find((a) => a.attributes.get('class') === 'node')!;
    const nodeTitles = all(node, 'attribute').map((a) => a.attributes.get('title'));
    expect(new Set(nodeTitles).size).toBe(nodeTitles.length);
    expect(nodeTitles).toEqual(expect.arrayContaining(['group', 'groupNearBorder', 'keyRole', 'scoreControl', 'scoreFlowCut', 'scoreBrokerage', 'scoreBetweenness', 'scoreCutOff', 'controlsFlaggedCompanies', 'controls', 'controlledBy']));
    expect(titles.length).toBeGreaterThan(nodeTitles.length);
  });
});
