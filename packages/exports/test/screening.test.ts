import { join } from 'node:path';
import { parse as parseGexf } from 'graphology-gexf';
import { MultiDirectedGraph } from 'graphology';
import { parse as parseCsv } from 'csv-parse/sync';
import { DEFAULT_REFERENCE_DIR, loadReference } from '@chokepoint/flags';
import { readBundle } from '@chokepoint/ingest';
import { loadMeasuresData, runAnalysis } from '@chokepoint/pipeline';
import type { ScreeningList } from '@chokepoint/screening';
import { exportTables, toCsv, toFtm, toGexf, toGraphml } from '@chokepoint/exports';

const TINY = join(__dirname, '..', '..', 'cli', 'test', 'fixtures', 'tiny');

/** A fictional list naming the owner of two companies of the tiny bundle. */
const LIST: ScreeningList = {
  name: 'tiny list',
  file: 'tiny.jsonl',
  date: '2026-05-01',
  parties: [
    { id: 'T-1', schema: 'Person', kind: 'person', name: 'Mehmet Aileoğlu', names: ['Mehmet Aileoğlu'], countries: ['TR'], birthDates: [], identifiers: [], addresses: [], phones: [], topics: ['sanction'], programs: ['FICT-1'], authorities: [], datasets: [], sourceUrls: [], line: 1 },
  ],
  otherRecords: [],
  skipped: [],
  warnings: [],
};

describe('listed parties in the exports', () => {
  let report: Awaited<ReturnType<typeof runAnalysis>>['report'];
  beforeAll(async () => {
    const options = { reference: loadReference(), measures: loadMeasuresData(DEFAULT_REFERENCE_DIR), toolVersion: 'test', threads: 1, screening: { lists: [LIST] } };
    report = (await runAnalysis(await readBundle(TINY), options)).report;
  });

  it('marks every node listed or not, with the list and name, and the ties to the nearest listed party', () => {
    const nodes = new Map(exportTables(report).nodes.map((n) => [n.id, n.attributes]));
    expect(nodes.get('aile')!.get('listed')).toBe(true);
    expect(nodes.get('aile')!.get('listedOn')).toBe('tiny list');
    expect(nodes.get('aile')!.get('listedAs')).toBe('Mehmet Aileoğlu (T-1)');
    expect(nodes.get('kimya')!.get('listed')).toBe(false);
    expect(nodes.get('hat')!.get('hopsToListed')).toBe(1);
  });

  it('GEXF, GraphML and CSV carry the columns; FtM a note on the listed entity', () => {
    const g = parseGexf(MultiDirectedGraph, toGexf(report));
    expect(g.getNodeAttribute('aile', 'listed')).toBe(true);
    expect(g.getNodeAttribute('kimya', 'listed')).toBe(false);
    expect(toGraphml(report)).toMatch(/attr.name="listedOn"/);
    const rows = parseCsv(toCsv(report).nodes, { columns: true }) as Record<string, string>[];
    expect(rows.find((r) => r.Id === 'aile')!.listed).toBe('true');
    const notes = toFtm(report)
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .filter((l) => l.schema === 'Note' && String(l.properties.name[0]).startsWith('Matches a listed party'));
    expect(notes).toHaveLength(1);
    expect(notes[0].properties.entity).toEqual(['aile']);
    expect(notes[0].properties.description[0]).toMatch(/lead to verify, not an identification/);
  });

  it('adds no column when no list was screened against', async () => {
    const options = { reference: loadReference(), measures: loadMeasuresData(DEFAULT_REFERENCE_DIR), toolVersion: 'test', threads: 1 };
    const plain = (await runAnalysis(await readBundle(TINY), options)).report;
    expect(exportTables(plain).nodes.some((n) => n.attributes.has('listed'))).toBe(false);
  });
});
