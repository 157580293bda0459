import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readReport, scanRecordsInBackground, writeReport } from '@chokepoint/report';
import type { PathResult } from '@chokepoint/report/paths';
import { BIN } from './browser';
import { DEMO, removeTempDirs, run, tempDir } from './run';
import { multiplyReport } from './scale-report';
import { readRecordTableFor } from '../src/read-report';

let report: string;
beforeAll(async () => {
  report = join(tempDir(), 'demo.json');
  expect((await run('analyze', DEMO, '--out', report, '--quiet')).code).toBe(0);
});
afterAll(removeTempDirs);

describe('chokepoint path', () => {
  it('lists the shortest paths with their ties and the key nodes and chokepoints on the way', async () => {
    const r = await run('path', report, 'gb-sup-01', 'tr-akc-04');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('from Penhallow Motion Systems Ltd (gb-sup-01) to Harbeli Nakliyat ve Ticaret (tr-akc-04): 3 ties');
    expect(r.stdout).toContain('Path 1: Penhallow Motion Systems Ltd → ');
    expect(r.stdout).toMatch(/Penhallow Motion Systems Ltd shipped to Harbelioğlu Dış Ticaret Ltd\. Şti\. \(\d+ shipments\)/);
    expect(r.stdout).toMatch(/passes through: .*key node #\d+/);
    expect(r.stdout).toContain('supply chokepoint');
    expect(r.stdout).toContain('not evidence of wrongdoing');
  });

  it('gives the same paths as JSON, limited by --max and --kinds', async () => {
    const all = JSON.parse((await run('path', report, 'p-001', 'tr-dst-01', '--json')).stdout) as PathResult;
    expect(all.length).toBeGreaterThan(1);
    expect(all.paths.length).toBeGreaterThan(0);
    for (const p of all.paths) {
      expect(p.entities[0]).toBe('p-001');
      expect(p.entities.at(-1)).toBe('tr-dst-01');
      expect(p.steps).toHaveLength(all.length!);
      for (const s of p.steps) expect(s.ties.length).toBeGreaterThan(0);
    }
    const one = JSON.parse((await run('path', report, 'p-001', 'tr-dst-01', '--json', '--max', '1')).stdout) as PathResult;
    expect(one.paths).toEqual(all.paths.slice(0, 1));
    expect(one.truncated).toBe(all.total > 1);
    const control = JSON.parse((await run('path', report, 'p-001', 'tr-akc-02', '--json', '--kinds', 'owner,director,family')).stdout) as PathResult;
    expect(control.kinds).toEqual(['owner', 'director', 'family']);
    for (const p of control.paths) for (const s of p.steps) for (const t of s.ties) expect(['owner', 'director', 'family']).toContain(t.kind);
  });

  it('says when two entities are not connected along the kinds asked for', async () => {
    const r = await run('path', report, 'gb-sup-01', 'p-001', '--kinds', 'family');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('No path from Penhallow Motion Systems Ltd (gb-sup-01) to Halil Harbelioğlu (p-001) along tie kinds family');
  });

  it('takes an id of the bundle that name matching merged into another entity as that entity, and says so (path and disrupt)', async () => {
    // konni-illela's bundle has name variants: etab-kabarawa-fils was merged into ets-kabarawa, gwarzo-agrochem into gwarzo-agro.
    const scenario = join(tempDir(), 'konni.json');
    expect((await run('analyze', join(DEMO, '..', 'konni-illela'), '--out', scenario, '--quiet')).code).toBe(0);
    const aliases = (JSON.parse(readFileSync(scenario, 'utf8')) as { resolution: { aliases: Record<string, string> } }).resolution.aliases;
    expect(aliases).toMatchObject({ 'etab-kabarawa-fils': 'ets-kabarawa', 'gwarzo-agrochem': 'gwarzo-agro' });
    const byAlias = await run('path', scenario, 'etab-kabarawa-fils', 'dawanau-agro', '--json');
    const byKept = await run('path', scenario, 'ets-kabarawa', 'dawanau-agro', '--json');
    expect(byAlias.code).toBe(0);
    expect(byAlias.stderr).toContain('etab-kabarawa-fils was merged into ets-kabarawa as a name variant (resolution in the report): the paths are of ets-kabarawa');
    expect(byAlias.stdout).toBe(byKept.stdout);
    const removed = await run('disrupt', scenario, '--remove', 'gwarzo-agrochem', '--json');
    expect(removed.code).toBe(0);
    expect(removed.stderr).toContain('gwarzo-agrochem was merged into gwarzo-agro as a name variant (resolution in the report): removing gwarzo-agro');
    expect((JSON.parse(removed.stdout) as { steps: { id: string }[] }).steps.map((s) => s.id)).toEqual(['gwarzo-agro']);
  });

  it('takes the name of exactly one entity where an id goes, any case or accents, and says so (path and disrupt)', async () => {
    const byName = await run('path', report, 'halil harbelioglu', 'Velkaron Kimya Dağıtım A.Ş.', '--json');
    expect(byName.code).toBe(0);
    expect(byName.stderr).toContain('"halil harbelioglu" is the name of p-001, not an id: the paths are of p-001');
    expect(byName.stdout).toBe((await run('path', report, 'p-001', 'tr-dst-01', '--json')).stdout);
    const removed = await run('disrupt', report, '--remove', 'Velkaron Kimya Dagitim AS', '--json');
    expect(removed.code).toBe(0);
    expect((JSON.parse(removed.stdout) as { steps: { id: string }[] }).steps.map((x) => x.id)).toEqual(['tr-dst-01']);
  });

  it('gives the same paths from a report whose records are in a file of their own, reading only the ends of its ties', async () => {
    const { readReport, writeReport, companionPath } = require('@chokepoint/report') as typeof import('@chokepoint/report');
    const apart = join(tempDir(), 'apart.json');
    expect((await writeReport(readReport(report), apart, { companionAbove: 10 })).companion).toBe(companionPath(apart));
    for (const args of [['gb-sup-01', 'tr-akc-04'], ['p-001', 'tr-dst-01', '--json'], ['p-001', 'tr-akc-02', '--json', '--kinds', 'owner,director,family'], ['halil harbelioglu', 'Velkaron Kimya Dağıtım A.Ş.']]) {
      const whole = await run('path', report, ...args);
      const fromFile = await run('path', apart, ...args);
      expect(whole.code).toBe(0);
      expect(fromFile).toEqual(whole);
    }
    // A path with shipments and relations on it, so that both kinds of record are read from the file.
    expect((await run('path', apart, 'gb-sup-01', 'tr-akc-04')).stdout).toMatch(/shipped to .*\(\d+ shipments\)[\s\S]*had shipments consigned to[\s\S]*shares an address with/);
  });

  it('refuses an unknown id with exit code 3, naming it and suggesting entities', () => {
    // The real binary, as a researcher's script would run it.
    expect(existsSync(BIN)).toBe(true);
    const r = spawnSync(process.execPath, [BIN, 'path', report, 'Harbeli Nakliyat', 'tr-akc-01'], { encoding: 'utf8' });
    expect(r.status).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('error: no entity with id "Harbeli Nakliyat" in the report; did you mean "tr-akc-04" (Harbeli Nakliyat ve Ticaret)?');
  });

  it('refuses bad options and a missing report as usage and input errors', async () => {
    expect((await run('path', report, 'a', 'b', '--max', '0')).code).toBe(2);
    const kinds = await run('path', report, 'p-001', 'p-002', '--kinds', 'owner,bribes');
    expect(kinds.code).toBe(2);
    expect(kinds.stderr).toContain('not bribes');
    const missing = await run('path', join(tempDir(), 'none.json'), 'a', 'b');
    expect(missing.code).toBe(3);
    expect(readFileSync(report, 'utf8').length).toBeGreaterThan(0);
  });

  it('reads the ties of a large report in a second thread while the report is read: the same paths, and the same refusals', async () => {
    // The demo's network ten times over, each shipment with a long note: a records file of more than 64 MB, from
    // which the ties are read beside the report.
    const dir = tempDir();
    const big = multiplyReport(readReport(report), 10);
    const note = 'n'.repeat(Math.ceil((70 * 2 ** 20) / big.shipments.length));
    for (const s of big.shipments) s.attributes = { ...s.attributes, note };
    const path = join(dir, 'big.json');
    await writeReport(big, path, { companionAbove: 1000 });
    const threaded = await run('path', path, 'p-001~3', 'tr-dst-01~3', '--json');
    expect(threaded.code).toBe(0);
    expect(threaded.stderr).toMatch(/reading the ties of big\.records\.jsonl \(7\d MB\), begun in a second thread while the report was read/);
    // A copy of the report under another name: its records file is not the one by its name, and is read after it.
    const renamed = join(dir, 'renamed.json');
    copyFileSync(path, renamed);
    const after = await run('path', renamed, 'p-001~3', 'tr-dst-01~3', '--json');
    expect(after.code).toBe(0);
    expect(after.stderr).toMatch(/reading the ties of big\.records\.jsonl \(7\d MB\) \(/);
    expect(after.stderr).not.toMatch(/second thread/);
    expect(JSON.parse(threaded.stdout)).toEqual(JSON.parse(after.stdout));
    expect((JSON.parse(threaded.stdout) as PathResult).paths.length).toBeGreaterThan(0);
    // A byte changed in a record: both refuse it with the same words.
    const records = join(dir, 'big.records.jsonl');
    const text = readFileSync(records, 'latin1');
    writeFileSync(records, text.replace('\n{"source":"', '\n["source":"'), 'latin1');
    const damaged = [await run('path', path, 'p-001~3', 'tr-dst-01~3', '--quiet'), await run('path', renamed, 'p-001~3', 'tr-dst-01~3', '--quiet')];
    expect(damaged.map((r) => r.code)).toEqual([3, 3]);
    expect(damaged[0].stderr).toMatch(/big\.records\.jsonl line 2 is not JSON: the records file is damaged/);
    expect(damaged[1].stderr).toBe(damaged[0].stderr);
  }, 120_000);

  it('reads the ties after the report when the file read beside it is gone since, or is not the one the report names', async () => {
    const dir = tempDir();
    const path = join(dir, 'two.json');
    await writeReport(multiplyReport(readReport(report), 2), path, { companionAbove: 10 });
    const head = readReport(path, { records: false });
    const records = join(dir, 'two.records.jsonl');
    // Another file than the one the report names: stopped, and the report's own read.
    const other = join(dir, 'other.records.jsonl');
    copyFileSync(records, other);
    const elsewhere = scanRecordsInBackground(other);
    const table = await readRecordTableFor(path, head, undefined, elsewhere);
    await expect(elsewhere.result).rejects.toThrow(/cancelled/);
    expect(table.relations + table.shipments).toBe(head.records.stored === 'companion' ? head.records.relations + head.records.shipments : -1);
    // The report's own, deleted once read beside the report: said missing (not a crash of the command).
    const started = scanRecordsInBackground(records);
    await started.result;
    rmSync(records);
    await expect(readRecordTableFor(path, head, undefined, started)).rejects.toThrow(/keeps its records in two\.records\.jsonl, which is missing/);
  });
});
