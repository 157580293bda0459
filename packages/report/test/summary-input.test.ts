import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '@chokepoint/engine';
import { evaluateFlags, loadReference } from '@chokepoint/flags';
import { readBundle } from '@chokepoint/ingest';
import { unreadSchemaReason, withShipmentTies } from '@chokepoint/model';
import { buildReport, renderSummary, type Report } from '@chokepoint/report';

const TINY = join(__dirname, '..', '..', 'cli', 'test', 'fixtures', 'tiny');

async function tinyReport(dir = TINY): Promise<Report> {
  const bundle = withShipmentTies(await readBundle(dir));
  const analysis = analyze(bundle, { seed: 1 });
  return buildReport(bundle, analysis, evaluateFlags(bundle, analysis, loadReference()), { toolVersion: '0.0.0-test', lenient: true });
}

describe('the summary of what was skipped or doubted in the input', () => {
  it('names the cities geocoded as a town one letter away (typing slips to check), each once, the first five', async () => {
    const report = await tinyReport();
    const at = (id: string, city: string, spelledAs?: string) => ({ id, city, country: 'TR', lat: 37, lon: 37, geonameId: 1, ...(spelledAs === undefined ? {} : { spelledAs }) });
    report.geocoding = {
      enabled: true,
      geocoded: [at('a', 'Kilis'), at('b', 'Gaziantepp', 'Gaziantep'), at('c', 'Gaziantepp', 'Gaziantep'), ...['Sanliurfaa', 'Nizipp', 'Islahiyee', 'Kahramanmarass', 'Osmaniyee'].map((c, i) => at(`x${i}`, c, c.slice(0, -1)))],
      ambiguous: [],
      unknown: [],
    };
    const text = renderSummary(report);
    expect(text).toContain(
      [
        'Geocoded 8 entities from city and country; 0 ambiguous and 0 unknown places left without coordinates.',
        '  7 of them by the name of a town one letter away from the city written (a typing slip? check it): "Gaziantepp" as Gaziantep (TR), "Sanliurfaa" as Sanliurfa (TR), "Nizipp" as Nizip (TR), "Islahiyee" as Islahiye (TR), "Kahramanmarass" as Kahramanmaras (TR) and 1 more (geocoding.geocoded, spelledAs).',
      ].join('\n'),
    );
    report.geocoding.geocoded = [at('a', 'Kilis')];
    expect(renderSummary(report)).not.toContain('one letter away');
  });

  it('says records of FollowTheMoney schemata not read (Notes of its own export) were left out, apart from the bad rows', async () => {
    const report = await tinyReport();
    const unread = (line: number, schema: string) => ({ file: 'case.ftm.jsonl', line, column: 'schema', reason: unreadSchemaReason(schema) });
    report.input.rejected = [unread(2, 'Note'), { file: 'case.ftm.jsonl', line: 3, column: 'date', reason: 'Payment "x3": "2019-13-01" is not a date' }, unread(4, 'Vessel'), unread(5, 'Note')];
    report.input.counts.rejectedRows = 4;
    const text = renderSummary(report);
    expect(text).toContain('; skipped 1 bad row (listed in the report under input.rejected); left out 3 records of FollowTheMoney schemata Chokepoint does not read (Note 2, Vessel 1)');
    expect(text).toContain(['Skipped (1 problem):', '  case.ftm.jsonl line 3, column "date": Payment "x3": "2019-13-01" is not a date'].join('\n'));
    expect(text).not.toContain('Note is not read');
    // Only records left out for their schema: no bad rows, no list of problems.
    report.input.rejected = [unread(2, 'Note')];
    report.input.counts.rejectedRows = 1;
    const only = renderSummary(report);
    expect(only).not.toContain('bad row');
    expect(only).not.toContain('Skipped (');
    expect(only).toContain('left out 1 record of FollowTheMoney schemata Chokepoint does not read (Note 1)');
  });

  it('lists the first skipped rows and warnings with file, line, column and reason, and counts the rest', async () => {
    const report = await tinyReport();
    report.input.rejected = Array.from({ length: 7 }, (_, i) => ({ file: 'relations.csv', line: i + 2, column: 'kind', reason: `unknown value "cousin${i}"` }));
    report.input.counts.rejectedRows = 7;
    report.input.warnings = [
      { file: 'entities.csv', line: 3, column: 'isic', reason: 'the sector "pharmacy" and ISIC 4771 disagree' },
      { file: 'shipments.csv', line: 1, reason: 'a remark without a column' },
    ];
    const text = renderSummary(report);
    expect(text).toContain('skipped 7 bad rows (listed in the report under input.rejected)');
    expect(text).toContain(
      [
        'Skipped (7 problems):',
        '  relations.csv line 2, column "kind": unknown value "cousin0"',
        '  relations.csv line 3, column "kind": unknown value "cousin1"',
        '  relations.csv line 4, column "kind": unknown value "cousin2"',
        '  relations.csv line 5, column "kind": unknown value "cousin3"',
        '  relations.csv line 6, column "kind": unknown value "cousin4"',
        '  … and 2 more in input.rejected',
        '2 warnings about the input (read, but repaired or doubtful; listed in input.warnings):',
        '  entities.csv line 3, column "isic": the sector "pharmacy" and ISIC 4771 disagree',
        '  shipments.csv line 1: a remark without a column',
      ].join('\n'),
    );
  });

  it('counts the entities, ties and shipments read, before name variants were merged', async () => {
    const report = await tinyReport();
    const c = report.input.counts;
    report.resolution.merges = [{ kept: report.entities[0].id, merged: ['x1', 'x2'], score: 1, evidence: [] }];
    report.resolution.dropped = { relations: 1, shipments: 2 };
    const implied = report.relations.filter((r) => r.viaShipments !== undefined).length;
    expect(renderSummary(report)).toContain(`Read ${c.entities + 2} entities (${c.entities} once name variants are merged), ${c.relations - implied + 1} relations, ${c.shipments + 2} shipments`);
    report.resolution.merges = [];
    report.resolution.dropped = { relations: 0, shipments: 0 };
    expect(renderSummary(report)).toContain(`Read ${c.entities} entities, ${c.relations - implied} relations, ${c.shipments} shipments`);
  });

  it('names a record of a pair left for review that was merged into another by the entity it is in', async () => {
    const report = await tinyReport();
    const [kept, other] = report.entities;
    report.resolution = { ...report.resolution, enabled: true, possible: [{ a: 'x1', b: other.id, score: 0.85, evidence: ['names "a" ~ "b" (0.9)'] }], aliases: { x1: kept.id } };
    expect(renderSummary(report)).toContain(`possibly the same (0.85): x1 (merged into ${kept.name} (${kept.id})) / ${other.name} (${other.id}); names "a" ~ "b" (0.9)`);
  });

  it('says how many persons bear common names, which, and that they were not listed for review on their names alone', async () => {
    const report = await tinyReport();
    report.resolution = { ...report.resolution, enabled: true, commonNames: { names: 224, persons: 160_000, most: [{ name: 'anna sokolov', persons: 790 }, { name: 'ivan <b>petrov</b>\u001b[2J', persons: 780 }, { name: 'li wei', persons: 12 }, { name: 'omar haddad', persons: 9 }] } };
    const text = renderSummary(report);
    expect(text).toContain(
      '160,000 persons bear one of 224 common names (more than six persons each, such as "anna sokolov" (790), "ivan <b>petrov</b>\ufffd[2J" (780), "li wei" (12)): a common name says nothing, so they were neither merged nor listed for review with another person on their names alone, only with a shared registration number, phone or address (report: resolution.commonNames).',
    );
    expect(text).not.toContain('omar haddad');
    expect(text).not.toContain('common company name');
    report.resolution.commonCompanyNames = { names: 1, companies: 14, most: [{ name: 'alnoor trading', companies: 14 }] };
    expect(renderSummary(report)).toContain(
      '14 companies bear one of 1 common company name (more than six companies each, such as "alnoor trading" (14)): a common name says nothing, so they were neither merged nor listed for review with another company on their names alone, only with a shared registration number, phone or address (report: resolution.commonCompanyNames).',
    );
  });

  it('summarises a rule that raised more flags than a call may take arguments (262,000 on a distributor stopped it)', async () => {
    const report = await tinyReport();
    expect(report.flags.length).toBeGreaterThan(0);
    const first = report.flags[0];
    // (two rules: the rules are ordered by their flags' highest severity)
    const other = report.flags.find((f) => f.rule !== first.rule) ?? { ...first, rule: 'new-company' };
    report.flags = [...Array.from({ length: 300_000 }, (_, k) => ({ ...first, id: `${first.rule}/x${k}` })), other];
    const text = renderSummary(report);
    expect(text).toContain('300,000 flags');
  });

  it('says nothing when nothing was skipped or doubted', async () => {
    const report = await tinyReport();
    report.input.rejected = [];
    report.input.warnings = [];
    const text = renderSummary(report);
    expect(text).not.toContain('Skipped');
    expect(text).not.toContain('about the input');
  });

  it('escapes control characters that input text puts in reasons', async () => {
    const report = await tinyReport();
    report.input.rejected = [{ file: 'entities.csv', line: 2, column: 'id\u001b[2J', reason: 'id "\u001b]0;pwned\u0007" contains control characters' }];
    report.input.warnings = [{ file: 'entities.csv', line: 3, column: 'sector', reason: 'sector "\u009bevil"' }];
    const text = renderSummary(report);
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(text).toContain('entities.csv line 2, column "id\uFFFD[2J"');
  });

  it('counts the rows of relations.csv apart from the ties that shipments imply through a payer or consignee', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chokepoint-summary-'));
    try {
      cpSync(TINY, dir, { recursive: true });
      // A third party pays for one more shipment (the fixture has one already): the report gains paid_for relations
      // that relations.csv never had.
      const path = join(dir, 'shipments.csv');
      const lines = readFileSync(path, 'utf8').split('\n');
      lines[1] = lines[1].replace(/,$/, ',es');
      writeFileSync(path, lines.join('\n'));
      const report = await tinyReport(dir);
      const rows = readFileSync(join(dir, 'relations.csv'), 'utf8').trim().split('\n').length - 1;
      expect(report.relations.filter((r) => r.viaShipments !== undefined)).toHaveLength(2);
      expect(report.input.counts.relations).toBe(rows + 2);
      expect(renderSummary(report)).toContain(`entities, ${rows} relations, 6 shipments, 3 places (and 2 ties that shipments imply through their payer or consignee, counted among the report's relations)`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says when no cluster is near a border crossing because the data has no crossing, and how to add them', async () => {
    const report = await tinyReport();
    report.clusters = report.clusters.map((c) => ({ ...c, borderProximate: false }));
    const noneNear = '  No cluster has its median located member within 50 km of a crossing (with enough members located to say).';
    const noCrossing = '  No border crossing in the data: add them to places.csv (with their coordinates) to find the clusters near one.';
    expect(renderSummary(report)).toContain(`Clusters near border crossings: none\n${noneNear}`);
    // Ports and airports are places, not crossings.
    report.places = report.places.map((p) => ({ ...p, kind: 'port' as const }));
    expect(renderSummary(report)).toContain(`Clusters near border crossings: none\n${noCrossing}`);
    report.places = [];
    const text = renderSummary(report);
    expect(text).toContain(`Clusters near border crossings: none\n${noCrossing}`);
    expect(text).not.toContain(noneNear);
  });
});
