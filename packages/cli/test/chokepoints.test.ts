import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { reportProblems, type Report } from '@chokepoint/report';
import { DEMO, removeTempDirs, run, tempDir, TINY } from './run';

afterAll(removeTempDirs);

describe('supply chokepoints and the fragility curve', () => {
  let path: string;
  let report: Report;
  beforeAll(async () => {
    path = join(tempDir(), 'demo.json');
    expect((await run('analyze', DEMO, '--out', path, '--quiet')).code).toBe(0);
    report = JSON.parse(readFileSync(path, 'utf8')) as Report;
  });

  it('the report carries the chokepoints of watch-listed flow to the border cluster', () => {
    expect(reportProblems(report)).toEqual([]);
    const cp = report.chokepoints!;
    expect(cp.goods).toBe('watch-listed goods');
    expect(cp.targets).toContain('tr-akc-04');
    expect(cp.sources).toContain('gb-sup-01');
    expect(cp.maxFlow.kg).toBeGreaterThan(100000);
    expect(cp.vertexCut.map((v) => v.id)).toContain('tr-dst-01');
    expect(cp.partialDominators[0].id).toBe('tr-dst-01');
  });

  it('the first removals cut most of the watch-listed flow to the border', () => {
    const steps = report.chokepoints!.disruption;
    expect(steps[0].id).toBe('tr-dst-01');
    expect(steps[0].remainingFlowShare).toBeLessThan(0.5);
    expect(steps[1].remainingFlowShare).toBeLessThan(0.05);
    for (let i = 1; i < steps.length; i++) expect(steps[i].remainingFlowShare!).toBeLessThanOrEqual(steps[i - 1].remainingFlowShare!);
  });

  it('chokepoint disrupt prints the curve, and --json gives the steps in removal order', async () => {
    const text = await run('disrupt', path, '--top', '3');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/1 {2}Velkaron Kimya Dağıtım A\.Ş\. \(tr-dst-01\)\s+33\.4%/);
    const json = JSON.parse((await run('disrupt', path, '--top', '10', '--json')).stdout);
    expect(json.steps[0]).toMatchObject({ id: 'tr-dst-01', name: 'Velkaron Kimya Dağıtım A.Ş.' });
    expect(Object.keys(json.steps[0])).toEqual(['id', 'name', 'remainingFlowShare', 'remainingValueShare', 'largestComponent']);
    const given = JSON.parse((await run('disrupt', path, '--remove', 'tr-akc-03,tr-dst-01', '--json')).stdout);
    expect(given.steps.map((s: { id: string }) => s.id)).toEqual(['tr-akc-03', 'tr-dst-01']);
    expect((await run('disrupt', path, '--remove', 'nobody')).code).toBe(2);
  });

  it('sources, targets and goods can be chosen by ids, HS code, commodity or attributes', async () => {
    const out = join(tempDir(), 'r.json');
    const r = await run('analyze', DEMO, '--out', out, '--quiet', '--goods', 'hs:321290', '--sources', 'where:country=TR and employees>100', '--targets', 'ids:tr-akc-01');
    expect(r.code).toBe(0);
    const cp = (JSON.parse(readFileSync(out, 'utf8')) as Report).chokepoints!;
    expect(cp.sources).toContain('tr-dst-01');
    const entities = (JSON.parse(readFileSync(out, 'utf8')) as Report).entities;
    for (const id of cp.sources) expect(entities.find((x) => x.id === id)).toMatchObject({ country: 'TR', employees: expect.any(Number) });
    expect(cp.sources.every((id) => entities.find((x) => x.id === id)!.employees! > 100)).toBe(true);
    expect(cp.targets).toEqual(['tr-akc-01']);
    expect(cp.maxFlow.kg).toBe(6000);
    expect(cp.dominators).toEqual(['tr-dst-01']);
    const bad = await run('analyze', TINY, '--quiet', '--sources', 'country=TR');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--sources: cannot read the selection/);
  });
});
