import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { emptyCase, serializeCase, setJudgement, VERDICTS as CASE_VERDICTS } from '@chokepoint/case';
import { VERDICTS } from '@chokepoint/model';
import { reportProblems, type Report } from '@chokepoint/report';
import { removeTempDirs, run, tempDir } from './run';

const FIXTURES = join(__dirname, 'fixtures');
const TIGRIS = join(FIXTURES, 'tigris-notes');
const DRONES = join(FIXTURES, 'drone-parts');
const AT = '2026-12-06T10:00:00.000Z';

/** A case file with judgements, written where the test can give it to `analyze --case`. */
function caseWith(judgements: [string, string, 'same' | 'not-same' | 'unsure'][]): string {
  let c = emptyCase({ bundle: 'test', now: AT });
  for (const [a, b, verdict] of judgements) c = setJudgement(c, a, b, verdict, 'Layla Haddad', AT);
  const path = join(tempDir(), 'case.json');
  writeFileSync(path, serializeCase(c));
  return path;
}

async function analyzed(bundle: string, ...more: string[]): Promise<{ report: Report; stdout: string; stderr: string; code: number }> {
  const out = join(tempDir(), 'report.json');
  const r = await run('analyze', bundle, '--lenient', '--out', out, ...more);
  expect({ code: r.code, stderr: r.code === 0 ? '' : r.stderr }).toEqual({ code: 0, stderr: '' });
  return { report: JSON.parse(readFileSync(out, 'utf8')) as Report, stdout: r.stdout, stderr: r.stderr, code: r.code };
}

afterAll(removeTempDirs);

describe('analyze --case: the investigator\'s judgements on pairs of records', () => {
  it('the case format and the analysis know the same verdicts', () => {
    expect(CASE_VERDICTS).toEqual(VERDICTS);
  });

  it('a pair listed for review and judged the same is one entity in the next analysis, saying who judged it', async () => {
    // The shop owner in Arabic letters (E09) and the trading company's director in Latin ones (E16): listed, 0.36.
    const before = await analyzed(TIGRIS, '--quiet');
    expect(before.report.resolution.possible.map((p) => [p.a, p.b])).toEqual([['E09', 'E16']]);
    // The summary says how to decide it.
    expect(before.stdout).toContain('To decide the pairs left for review: open the report with chokepoint view ');
    expect(before.stdout).toContain('--case case.json, judge each pair under "One entity or two?", then analyze again with --case case.json');
    const { report, stdout, stderr } = await analyzed(TIGRIS, '--case', caseWith([['E16', 'E09', 'same']]));
    expect(reportProblems(report)).toEqual([]);
    expect(report.resolution.possible).toEqual([]);
    expect(report.resolution.merges).toHaveLength(1);
    const m = report.resolution.merges[0];
    expect([m.kept, ...m.merged].sort()).toEqual(['E09', 'E16']);
    expect(m.evidence.join(' ')).toContain('judged the same by Layla Haddad on 2026-12-06');
    expect(report.resolution.judged).toEqual({ same: 1, notSame: 0, unsure: 0, notApplied: [] });
    // One person now: the director of the trading company owns the phone shop.
    const kept = m.kept;
    expect(report.relations.some((r) => r.source === kept && r.target === 'E06')).toBe(true);
    expect(stderr).toContain('read 1 judgements on pairs of records from the case');
    expect(stdout).toContain('Judgements of the case file applied: 1 pair merged as the same, 0 kept apart as not the same, 0 kept apart as unsure (listed for review).');
    expect(report.entities.length).toBe(before.report.entities.length - 1);
    expect(stdout).not.toContain('To decide the pairs left for review');
  });

  it('records merged on their own and judged not the same stay two entities, and are not listed again', async () => {
    const before = await analyzed(DRONES, '--quiet');
    expect(before.report.resolution.merges.map((m) => [m.kept, ...m.merged])).toEqual([['E03', 'E04'], ['E06', 'E18']]);
    const { report } = await analyzed(DRONES, '--quiet', '--case', caseWith([['E03', 'E04', 'not-same'], ['E06', 'nobody', 'same']]));
    expect(report.resolution.merges.map((m) => [m.kept, ...m.merged])).toEqual([['E06', 'E18']]);
    const ids = new Set(report.entities.map((e) => e.id));
    expect(ids.has('E03') && ids.has('E04')).toBe(true);
    expect(report.resolution.possible).toEqual([]);
    expect(report.resolution.judged).toEqual({ same: 0, notSame: 1, unsure: 0, notApplied: [{ a: 'E06', b: 'nobody', verdict: 'same', reason: 'no record of the bundle has the id "nobody"' }] });
  });

  it('a broken case file, or --case with --no-resolve, stops before the analysis with a clear error', async () => {
    const bad = join(tempDir(), 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...JSON.parse(serializeCase(emptyCase({ bundle: 'x', now: AT }))), judgements: [{ a: 'E03', b: 'E04', verdict: 'maybe', by: 'x', at: AT, history: [] }] }));
    const r = await run('analyze', DRONES, '--lenient', '--out', join(tempDir(), 'r.json'), '--case', bad);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('bad.json is not a valid Chokepoint case file');
    expect(r.stderr).toContain('judgements[0].verdict: expected one of same, not-same, unsure');
    const missing = await run('analyze', DRONES, '--lenient', '--out', join(tempDir(), 'r.json'), '--case', join(tempDir(), 'none.json'));
    expect([missing.code, missing.stderr]).toEqual([3, expect.stringContaining('none.json: no such case file')]);
    const contra = await run('analyze', DRONES, '--lenient', '--no-resolve', '--case', caseWith([]));
    expect([contra.code, contra.stderr]).toEqual([2, expect.stringContaining('--case applies its judgements when name variants are merged')]);
  });
});
