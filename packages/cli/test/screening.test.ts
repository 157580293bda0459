import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { reportProblems } from '@chokepoint/report';
import { DEMO, REPO, removeTempDirs, run, tempDir, TINY } from './run';

const FICTIONAL = join(REPO, 'data', 'lists', 'fictional-sanctions.ftm.jsonl');

/** A list for the tiny bundle: its owner Mehmet Aileoğlu (Turkish letters), and a look-alike of Sevgi İnşaat in another country. */
function tinyList(dir: string): string {
  const path = join(dir, 'list.ftm.jsonl');
  const lines = [
    { id: 'T-1', schema: 'Person', properties: { name: ['Mehmet Aileoğlu'], nationality: ['tr'], topics: ['sanction'] }, datasets: ['tiny_list'], last_change: '2026-05-01T00:00:00' },
    { id: 'T-2', schema: 'Company', properties: { name: ['Sevgi İnşaat Limited'], country: ['az'], topics: ['sanction'] }, datasets: ['tiny_list'] },
  ];
  writeFileSync(path, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  return path;
}

afterAll(removeTempDirs);

/**
 * The fictional list as OpenSanctions' "simple" CSV export writes such a list (targets.simple.csv: one row per person,
 * company or organization; names, aliases, countries, birth dates and identifiers, several in a cell separated by ;).
 */
function simpleCsv(dir: string): string {
  const records = readFileSync(FICTIONAL, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; schema: string; properties: Record<string, string[]>; datasets: string[]; last_seen: string; last_change: string });
  const cell = (values: string[] | undefined) => {
    const text = (values ?? []).join(';');
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const rows = records
    .filter((r) => ['Person', 'Company', 'Organization'].includes(r.schema))
    .map((r) => {
      const p = r.properties;
      return [r.id, r.schema, cell(p.name), cell(p.alias), cell(p.birthDate), cell([...(p.country ?? []), ...(p.nationality ?? [])]), cell([...(p.registrationNumber ?? []), ...(p.innCode ?? [])]), cell(r.datasets), r.last_seen, r.last_change].join(',');
    });
  const path = join(dir, 'targets.simple.csv');
  writeFileSync(path, ['id,schema,name,aliases,birth_date,countries,identifiers,dataset,last_seen,last_change', ...rows].join('\r\n'));
  return path;
}

describe('chokepoint analyze --screen', () => {
  it("screens against the same list written as OpenSanctions' targets.simple.csv: the same matches and candidates", async () => {
    const dir = tempDir();
    const csv = simpleCsv(dir);
    const [fromFtm, fromCsv] = await Promise.all([FICTIONAL, csv].map(async (list, i) => {
      const out = join(dir, `r${i}.json`);
      const r = await run('analyze', DEMO, '--screen', list, '--out', out, '-q');
      expect(r.code).toBe(0);
      return JSON.parse(readFileSync(out, 'utf8')) as { screening: { lists: { name: string; file: string; parties: number }[]; matches: { entity: string; listedId: string; score: number }[]; candidates: { entity: string; listedId: string }[] } };
    }));
    expect(fromCsv.screening.lists).toEqual([expect.objectContaining({ name: 'fictional_sanctions', file: 'targets.simple.csv', parties: 9 })]);
    const pairs = (x: { entity: string; listedId: string; score: number }[]) => x.map((m) => [m.entity, m.listedId, m.score]).sort();
    expect(pairs(fromCsv.screening.matches)).toEqual(pairs(fromFtm.screening.matches));
    expect(fromCsv.screening.candidates.map((m) => [m.entity, m.listedId]).sort()).toEqual(fromFtm.screening.candidates.map((m) => [m.entity, m.listedId]).sort());
    expect(fromCsv.screening.matches.length).toBeGreaterThan(0);
  });

  it('screens the demo against the fictional list: matches, candidates, flags with their list, paths, summary', async () => {
    const out = join(tempDir(), 'report.json');
    const r = await run('analyze', DEMO, '--screen', FICTIONAL, '--out', out);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/read 9 listed parties from fictional-sanctions\.ftm\.jsonl \(fictional_sanctions, as of 2026-10-01\)/);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    expect(reportProblems(report)).toEqual([]);
    const sc = report.screening;
    expect(sc.lists).toEqual([expect.objectContaining({ name: 'fictional_sanctions', file: 'fictional-sanctions.ftm.jsonl', date: '2026-10-01', parties: 9 })]);
    expect(sc.matches.map((m: { entity: string; listedId: string }) => [m.entity, m.listedId]).sort()).toEqual([
      ['p-005', 'fs-006'],
      ['p-009', 'fs-002'],
      ['ru-sup-01', 'fs-004'],
      ['tr-dyb-01', 'fs-001'],
    ]);
    expect(sc.candidates.map((m: { entity: string; listedId: string; disagreed: { identifier: string }[] }) => [m.entity, m.listedId, m.disagreed.map((d) => d.identifier)]).sort()).toEqual([
      ['cn-sup-03', 'fs-005', ['country']],
      ['p-001', 'fs-003', ['country']],
    ]);
    // Flags with their source list; a shipment one tie away with the path.
    const flags = report.flags as { rule: string; entity: string; entities: string[]; severity: string; evidence: Record<string, unknown> }[];
    const matched = flags.filter((f) => f.rule === 'listed-party-match');
    expect(matched.map((f) => [f.entity, f.severity]).sort()).toEqual([
      ['p-005', 'medium'],
      ['p-009', 'high'],
      ['ru-sup-01', 'high'],
      ['tr-dyb-01', 'high'],
    ]);
    expect((matched.find((f) => f.entity === 'tr-dyb-01')!.evidence.lists as string[])).toEqual(['fictional_sanctions']);
    const shipped = flags.filter((f) => f.rule === 'shipment-to-listed');
    expect(shipped.some((f) => f.entity === 'tr-dyb-01' && f.severity === 'high')).toBe(true);
    expect(shipped.some((f) => f.entity === 'tr-car-01' && f.severity === 'medium' && (f.evidence.path as unknown[]).length === 1)).toBe(true);
    // Listed parties marked on the entities; paths from every flagged entity and key node.
    expect(report.entities.filter((e: { listed?: unknown }) => e.listed !== undefined).map((e: { id: string }) => e.id).sort()).toEqual(['p-005', 'p-009', 'ru-sup-01', 'tr-dyb-01']);
    const flagged = new Set(flags.flatMap((f) => f.entities));
    for (const id of flagged) expect(sc.paths.some((p: { entity: string }) => p.entity === id)).toBe(true);
    for (const k of report.keyNodes) expect(sc.paths.some((p: { entity: string }) => p.entity === k.id)).toBe(true);
    const car = sc.paths.find((p: { entity: string }) => p.entity === 'tr-car-01');
    expect(car).toMatchObject({ listed: 'p-009', hops: 1, steps: [{ from: 'tr-car-01', to: 'p-009' }] });
    // The review queue weighs the distance to a listed party, with the ties in words; an entity one tie away enters
    // the queue even without a flag of its own.
    const entries = report.reviewQueue.entries as { id: string; listedParty: { hops: number; party: string; list?: string; path?: string[] } | null; reasons: string[] }[];
    const queuedCar = entries.find((e) => e.id === 'tr-car-01')!;
    expect(queuedCar.listedParty).toMatchObject({ hops: 1, party: 'p-009', list: 'fictional_sanctions' });
    expect(queuedCar.reasons.some((x) => /1 tie from a listed party/.test(x))).toBe(true);
    const withoutScreen = join(tempDir(), 'plain.json');
    expect((await run('analyze', DEMO, '--out', withoutScreen, '--quiet')).code).toBe(0);
    const plain = JSON.parse(readFileSync(withoutScreen, 'utf8'));
    expect(plain.reviewQueue.entries.every((e: { listedParty: unknown }) => e.listedParty === null)).toBe(true);
    // The summary.
    expect(r.stdout).toMatch(/Screening against 1 list: fictional_sanctions \(fictional-sanctions\.ftm\.jsonl, as of 2026-10-01, 9 parties\)/);
    expect(r.stdout).toMatch(/4 entities match a listed party; 2 pairs left for review/);
    expect(r.stdout).toMatch(/\[review\] Halil Harbelioğlu \(p-001\) ~ Halil Harbelioğlu \(fs-003\)/);
    expect(r.stdout).toMatch(/a lead to verify/);
  });

  it('is byte-identical on every run, takes several lists, and leaves the report as it was without --screen', async () => {
    const dir = tempDir();
    const list = tinyList(dir);
    const a = await run('analyze', TINY, '--screen', list, '--screen', FICTIONAL, '--out', join(dir, 'a.json'), '-q');
    const b = await run('analyze', TINY, '--screen', list, '--screen', FICTIONAL, '--out', join(dir, 'b.json'), '-q');
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(readFileSync(join(dir, 'a.json'))).toEqual(readFileSync(join(dir, 'b.json')));
    const report = JSON.parse(readFileSync(join(dir, 'a.json'), 'utf8'));
    expect(report.screening.lists.map((l: { name: string }) => l.name)).toEqual(['tiny_list', 'fictional_sanctions']);
    expect(report.screening.matches.map((m: { entity: string }) => m.entity)).toEqual(['aile']);
    expect(report.screening.candidates.map((m: { entity: string }) => m.entity)).toEqual(['sev']);
    // Shipments to the companies the listed owner owns are one tie away.
    expect(report.flags.filter((f: { rule: string }) => f.rule === 'shipment-to-listed').map((f: { shipment: string }) => f.shipment).sort()).toEqual(['t3', 't4', 't5']);
    const plain = await run('analyze', TINY, '--json', '-q');
    const without = JSON.parse(plain.stdout);
    expect(without.screening).toBeUndefined();
    expect(without.entities.some((e: { listed?: unknown }) => e.listed !== undefined)).toBe(false);
  });

  it('exits 3 on a list that is missing or has problems, naming the file, the line and the reason; --lenient skips bad records', async () => {
    const dir = tempDir();
    const missing = await run('analyze', TINY, '--screen', join(dir, 'nope.jsonl'), '-q');
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/error: --screen: the list nope\.jsonl has 1 problem:\n  nope\.jsonl line 1: this file cannot be read \(there is no such file\)/);
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, `${readFileSync(tinyList(dir), 'utf8')}{"id": "x", "schema": "Person", "properties": {"name": ["X Y"], "birthDate": ["someday"]}}\nnot json\n`);
    const r = await run('analyze', TINY, '--screen', bad, '-q');
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('bad.jsonl line 3, column "birthDate": "someday" is not a date');
    expect(r.stderr).toMatch(/bad\.jsonl line 4: not JSON/);
    expect(r.stderr).toMatch(/--lenient skips the bad records/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const lenient = await run('analyze', TINY, '--screen', bad, '--lenient', '--json', '-q');
    expect(lenient.code).toBe(0);
    expect(JSON.parse(lenient.stdout).screening.lists[0].skipped.map((s: { line: number }) => s.line)).toEqual([3, 4]);
  });
});
