/**
 * The whole-pipeline benchmark (`pnpm bench:pipeline`, bench/pipeline.mjs) and its bundle generator
 * (bench/pipeline-bundle.mjs), checked without timing anything: the generator is seeded (the same seed gives the
 * same bytes, another seed other bytes) and writes a bundle the reader takes without a complaint; the bench script
 * parses its arguments (a tiny size, the named sizes, --large) and refuses bad ones with a clear message; and its
 * tables tell a failed run (out of memory, with the stage it died in) from a completed one.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readBundle } from '@chokepoint/ingest';
import { removeTempDirs, tempDir } from './run';

const REPO = join(__dirname, '..', '..', '..');
const GENERATOR = join(REPO, 'bench', 'pipeline-bundle.mjs');
const BENCH = join(REPO, 'bench', 'pipeline.mjs');

function node(script: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [script, ...args], { cwd: REPO, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function generate(seed: number): string {
  const out = tempDir();
  const r = node(GENERATOR, ['--entities', '300', '--ties', '1200', '--seed', String(seed), '--out', out]);
  expect(r.stderr).toMatch(/generated .*300 entities/);
  expect(r.status).toBe(0);
  return out;
}

const files = (dir: string) => Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f))]));

afterAll(removeTempDirs);

describe('bench/pipeline-bundle.mjs', () => {
  it('writes the same bytes for the same seed, and other bytes for another seed', () => {
    const a = files(generate(7));
    const b = files(generate(7));
    const c = files(generate(8));
    expect(Object.keys(a)).toEqual(['bench-params.json', 'entities.csv', 'places.csv', 'relations.csv', 'shipments.csv']);
    for (const f of Object.keys(a)) expect(b[f].equals(a[f])).toBe(true);
    expect(c['shipments.csv'].equals(a['shipments.csv'])).toBe(false);
    expect(c['entities.csv'].equals(a['entities.csv'])).toBe(false);
  });

  it('writes a bundle the reader takes whole: every row read, no warning', async () => {
    const dir = generate(7);
    const counts = JSON.parse(readFileSync(join(dir, 'bench-params.json'), 'utf8')).counts;
    const bundle = await readBundle(dir);
    expect(bundle.entities).toHaveLength(300);
    expect(bundle.relations).toHaveLength(counts.relations);
    expect(bundle.shipments).toHaveLength(counts.shipments);
    expect(counts.relations + counts.shipments).toBeLessThanOrEqual(1200);
    expect(counts.relations + counts.shipments).toBeGreaterThan(1000);
    expect(bundle.rejected).toEqual([]);
    expect(bundle.warnings).toEqual([]);
  });
});

describe('bench/pipeline.mjs arguments', () => {
  const plan = (args: string[]) => {
    const r = node(BENCH, [...args, '--dry-run']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    return JSON.parse(r.stdout);
  };

  it('takes a tiny size, its runs and seed, and measures nothing with --dry-run', () => {
    const p = plan(['--sizes', '300x1200', '--runs', '1', '--seed', '9', '--no-peer']);
    expect(p.sizes).toEqual([{ name: '300x1200', entities: 300, ties: 1200, bundle: join('bench', '.cache', 'pipeline-300-1200-s9'), target: null }]);
    expect(p).toMatchObject({ runs: 1, seed: 9, peer: false, docs: false, render: [] });
  });

  it('runs 100k entities / 1M ties three times by default, and 1M / 10M only when asked (--large)', () => {
    const d = plan([]);
    expect(d.sizes.map((s: { name: string }) => s.name)).toEqual(['100k']);
    expect(d.sizes[0]).toMatchObject({ entities: 100_000, ties: 1_000_000, target: 'under 30 s and under 2 GB' });
    expect(d).toMatchObject({ runs: 3, peer: true, docs: true });
    const l = plan(['--large', '--runs', '2']);
    expect(l.sizes.map((s: { name: string; ties: number }) => [s.name, s.ties])).toEqual([
      ['100k', 1_000_000],
      ['1m', 10_000_000],
    ]);
    expect(l.docs).toBe(false); // fewer than 3 runs: not written into docs/performance.md unless --docs
  });

  it.each([
    [['--runs', '0'], /--runs must be a number of at least 1, not "0"/],
    [['--runs'], /--runs needs a value/],
    [['--sizes', '2k'], /unknown size "2k": use 10k, 100k, 1m or ENTITIESxTIES/],
    [['--sizes', '50x10'], /at least 100 entities/],
    [['--rusn', '3'], /unknown argument "--rusn"/],
    [['--render'], /--render needs one or more result files/],
  ])('refuses %j with a clear message', (args, message) => {
    const r = node(BENCH, [...args, '--dry-run']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });
});

describe('bench/pipeline.mjs tables', () => {
  it('tells a run that ran out of memory (V8 aborts: signal 6, exit status 0), and the stage it died in, from a completed one', () => {
    const session = {
      opts: { runs: 2, long: 600, timeout: 1800, seed: 7 },
      info: { cpu: 'Test CPU', cpus: '2', threadsPerCore: '1', ramGiB: 24, os: 'Test OS', node: 'v20.20.2', peer: null, commit: 'abc1234', dirty: 0, built: '2026-12-03 12:00' },
      started: '2026-12-03T13:00:00.000Z',
      finished: '2026-12-03T13:30:00.000Z',
      loadStart: [1, 1, 1],
      loadEnd: [2, 2, 2],
    };
    const stages = (until: number) =>
      [
        ['(start-up)', 'start-up', 0.5],
        ['reading <bundle>', 'read', 10],
        ['building the graph', 'build', 5],
        ['estimating betweenness (±0.1)', 'betweenness', 20],
        ['evaluating red-flag rules', 'flags', 8],
      ]
        .slice(0, until)
        .map(([text, stage, seconds]) => ({ text, stage, seconds, cpu: (seconds as number) / 2, at: 0 }));
    const result = {
      size: { name: '100k', entities: 100_000, ties: 1_000_000 },
      counts: { entities: 100_000, relations: 400_000, shipments: 600_000 },
      boundFrom: 'report',
      ours: [
        { run: 1, ok: true, wall: 45, cpu: 60, rssKB: 3 * 1024 * 1024, code: 0, signal: null, timedOut: false, stages: stages(5), reportBytes: 2.5e8, recordsBytes: 1e8, flags: { 'volume-anomaly': 630, 'new-company': 30 }, betweenness: { exact: false, epsilon: 0.1, delta: 0.1, sources: 726, threads: 2 }, modularity: 0.9 },
        {
          run: 2, ok: false, wall: 30, cpu: 40, rssKB: 4.2 * 1024 * 1024, code: 0, signal: 6, timedOut: false, stages: stages(4),
          failure: { during: 'estimating betweenness (±0.1)', duringStage: 'betweenness', kind: 'out of memory ("JavaScript heap")', stderrTail: ['FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory'] },
        },
      ],
      peer: [],
    };
    const file = join(tempDir(), 'results.json');
    writeFileSync(file, JSON.stringify({ ...session, results: [result] }));
    const r = node(BENCH, ['--render', file]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const row = r.stdout.split('\n').find((l) => l.startsWith('| 100,000 entities / 1,000,000 ties | 400,000 | 600,000 |'));
    expect(row).toContain('**1 of 2 failed**: out of memory ("Reached heap limit Allocation failed - JavaScript heap out of memory") after 30.0 s, during "estimating betweenness (±0.1)" (signal 6 (SIGABRT))');
    expect(row).toContain('| 45.0 s | 45.0 s, failed at 30.0 s | 60.0 s | 4.20 GB | under 30 s and under 2 GB | time no (1.5×), memory no (2.1×) | 250 MB + 100 MB of records | 660 (0.11 %) |');
    // Wall, CPU and the CPU's share of the completed run (the failed one is left out of the medians).
    expect(r.stdout).toContain('| betweenness | "estimating betweenness (±0.1)" | 20.0 s | 10.0 s | 17 % |');
    expect(r.stdout).toContain('Run 2 at 100,000 entities / 1,000,000 ties failed: out of memory ("Reached heap limit Allocation failed - JavaScript heap out of memory") after 30.0 s');
    expect(r.stdout).toContain('FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory');
    expect(r.stdout).toContain('100,000 entities / 1,000,000 ties: measured 2026-12-03 13:00–13:30 UTC on Test CPU');
  });
});
