import { fileProgressBar } from '../src/io';
import { describeError } from '../src/errors';
import { ViewerNotBuiltError } from '@chokepoint/viewer';
import { EngineInputError } from '@chokepoint/engine';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { totalmem } from 'node:os';
import { HEAP_PER_INPUT_BYTE, HEAP_PER_REPORT_BYTE } from '@chokepoint/pipeline';
import { getHeapStatistics } from 'node:v8';
import { main } from '@chokepoint/cli';
import { readReportFor } from '../src/read-report';
import { LARGE_INPUT_BYTES } from '../src/relaunch';
import { join, sep } from 'node:path';
import { companionPath, readReport, reportProblems, REPORT_SCHEMA_VERSION, writeReport, type Report } from '@chokepoint/report';
import { toCsv, toFtm, toGexf, toGraphml } from '@chokepoint/exports';
import { REPO, removeTempDirs, run, tempDir, TINY } from './run';

afterAll(removeTempDirs);

/** A file of `bytes` NUL bytes (sparse: no disk used), for the checks that read only a file's size. */
function sparseFile(path: string, bytes: number): void {
  writeFileSync(path, '');
  truncateSync(path, bytes);
}

/** The report of `bundle` in a new folder, and beside it a records file of `recordsBytes` (sparse), as a large report has. */
async function reportWithRecords(recordsBytes: number, bundle = TINY): Promise<{ dir: string; out: string; records: string }> {
  const dir = tempDir();
  const out = join(dir, 'r.json');
  expect((await run('analyze', bundle, '--out', out, '--quiet')).code).toBe(0);
  const records = join(dir, 'r.records.jsonl');
  sparseFile(records, recordsBytes);
  return { dir, out, records };
}

describe('chokepoint command line', () => {
  it('prints help with exit 0, for the tool and for each command', async () => {
    const root = await run('--help');
    expect(root.code).toBe(0);
    expect(root.stdout).toMatch(/analyze \[options\] \[bundle\]/);
    const analyze = await run('analyze', '--help');
    expect(analyze.code).toBe(0);
    for (const flag of ['--out', '--seed', '--radius-km', '--lenient', '--quiet', '--json', '--top']) expect(analyze.stdout).toContain(flag);
    expect((await run('summary', '--help')).code).toBe(0);
    expect((await run('validate', '--help')).code).toBe(0);
  });

  it('exits 2 on usage errors, with a hint', async () => {
    expect((await run()).code).toBe(2);
    const unknown = await run('analyse', TINY);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command 'analyse'/);
    const badOption = await run('analyze', TINY, '--bogus');
    expect(badOption.code).toBe(2);
    expect(badOption.stderr).toMatch(/unknown option '--bogus'[\s\S]*--help/);
    expect((await run('analyze', TINY, '--radius-km', '-5')).code).toBe(2);
    expect((await run('analyze', TINY, '--seed', '1.5')).code).toBe(2);
    expect((await run('analyze')).code).toBe(2);
    const out = join(tempDir(), 'missing-folder', 'report.json');
    const unwritable = await run('analyze', TINY, '--out', out, '--quiet');
    expect(unwritable.code).toBe(2);
    expect(unwritable.stderr).toMatch(/cannot write the report to .*missing-folder.*ENOENT/);
  });

  it('writes a schema-valid report and prints the summary, with progress on stderr', async () => {
    const out = join(tempDir(), 'report.json');
    const r = await run('analyze', TINY, '--out', out);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/chokepoint: computing betweenness/);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    expect(reportProblems(report)).toEqual([]);
    expect(report.schemaVersion).toBe(REPORT_SCHEMA_VERSION);
    expect(r.stdout).toMatch(/Clusters near border crossings: 1/);
    expect(r.stdout).toMatch(/1\. Ornekli Kimya Dagitim A\.S\. \(kimya/);
    expect(r.stdout).toMatch(/indicators for human review, not accusations/);
  });

  it('--quiet silences progress; --json prints the report itself', async () => {
    const r = await run('analyze', TINY, '--json', '--quiet');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout);
    expect(reportProblems(report)).toEqual([]);
    expect(report.keyNodes[0].id).toBe('kimya');
  });

  it('gives a byte-identical report for the same input and seed', async () => {
    const dir = tempDir();
    await run('analyze', TINY, '--out', join(dir, 'a.json'), '--seed', '42', '-q');
    await run('analyze', TINY, '--out', join(dir, 'b.json'), '--seed', '42', '-q');
    expect(readFileSync(join(dir, 'a.json'))).toEqual(readFileSync(join(dir, 'b.json')));
  });

  it('exits 3 on invalid input, listing every problem with file and line, and no stack trace', async () => {
    const dir = tempDir();
    cpSync(TINY, dir, { recursive: true });
    const rel = readFileSync(join(dir, 'relations.csv'), 'utf8');
    writeFileSync(join(dir, 'relations.csv'), `${rel}aile,ghost,family,,,\nhat,ova,customer,,,\n`);
    const r = await run('analyze', dir, '--out', join(dir, 'report.json'), '--quiet');
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('the bundle has 2 problems');
    expect(r.stderr).toContain('relations.csv line 6, column "target": unknown entity id "ghost" (not in entities.csv)');
    expect(r.stderr).toContain('relations.csv line 7, column "kind": unknown value "customer"');
    expect(r.stderr).toContain('--lenient');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir, 'report.json'))).toBe(false);

    const lenient = await run('analyze', dir, '--out', join(dir, 'report.json'), '--lenient', '--quiet');
    expect(lenient.code).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    expect(report.input.counts.rejectedRows).toBe(2);
    expect(report.input.rejected.map((x: { line: number }) => x.line)).toEqual([6, 7]);
    expect(report.parameters.lenient).toBe(true);
    expect(lenient.stdout).toMatch(/skipped 2 bad rows/);

    const missing = await run('analyze', join(dir, 'nope'), '--quiet');
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/bundle folder not found/);
  });

  it('validate checks a bundle without analyzing it', async () => {
    const ok = await run('validate', TINY, '--json');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ valid: true, entities: 10, shipments: 6 });
    const dir = tempDir();
    writeFileSync(join(dir, 'entities.csv'), 'id,kind,name,lat,lon\na,company,A,91,0\n');
    const bad = await run('validate', dir);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain('entities.csv line 2, column "lat": latitude 91 is out of range (-90 to 90)');
  });

  it('lists the first 50 problems of a bundle with many, counts the rest by file and column, and validate --json gives them all', async () => {
    const dir = tempDir();
    const rows = Array.from({ length: 60 }, (_x, i) => `e${i},company,E${i},91,0`);
    writeFileSync(join(dir, 'entities.csv'), `id,kind,name,lat,lon\n${rows.join('\n')}\nok,company,OK,0,0\n`);
    const bad = await run('analyze', dir, '--quiet');
    expect(bad.code).toBe(3);
    const listed = bad.stderr.split('\n').filter((l) => /^ {2}entities\.csv line \d+, column "lat": latitude 91 is out of range/.test(l));
    expect(listed).toHaveLength(50);
    expect(bad.stderr).toContain('error: the bundle has 60 problems:');
    expect(bad.stderr).toContain('  … and 10 more. All 60, by file and column:\n    entities.csv, column "lat": 60 (lines 2 to 61)\n');
    expect(bad.stderr).toContain('chokepoint validate <bundle> --json writes every one of the 60 problems');
    const all = await run('validate', dir, '--json', '--quiet');
    expect(all.code).toBe(3);
    const json = JSON.parse(all.stdout) as { valid: boolean; fatal: boolean; problems: { file: string; line: number; column: string; reason: string }[] };
    expect([json.valid, json.fatal, json.problems.length]).toEqual([false, false, 60]);
    expect(json.problems[59]).toEqual({ file: 'entities.csv', line: 61, column: 'lat', reason: 'latitude 91 is out of range (-90 to 90)' });
  });

  it('keeps firms of one name at one address apart when a FollowTheMoney register gives them different numbers, and exports the numbers', async () => {
    const dir = tempDir();
    const address = { id: 'a1', schema: 'Address', properties: { full: ['Arch. Makariou III 155, Limassol'], city: ['Limassol'], country: ['cy'] } };
    const firm = (id: string, name: string, registrationNumber?: string) => ({ id, schema: 'Company', properties: { name: [name], jurisdiction: ['cy'], addressEntity: ['a1'], ...(registrationNumber === undefined ? {} : { registrationNumber: [registrationNumber] }) } });
    // Three firms of one name with their own numbers (a formation agent's clients); two of another name without any.
    const lines = [address, firm('c1', 'Golden Delta Trading Ltd', 'HE 401'), firm('c2', 'Golden Delta Trading Ltd', 'HE 402'), firm('c3', 'Golden Delta Trading Ltd', 'HE 403'), firm('c4', 'Orion Marine Ltd'), firm('c5', 'Orion Marine Ltd')];
    writeFileSync(join(dir, 'register.ftm.jsonl'), lines.map((l) => JSON.stringify(l)).join('\n'));
    const out = join(dir, 'r.json');
    expect((await run('analyze', join(dir, 'register.ftm.jsonl'), '--out', out, '--quiet')).code).toBe(0);
    const report = readReport(out);
    expect(report.resolution.merges.map((m) => [m.kept, m.merged])).toEqual([['c4', ['c5']]]);
    expect(report.entities.map((e) => e.attributes.registration_number)).toEqual(['HE 401', 'HE 402', 'HE 403', undefined]);
    const ftm = join(dir, 'back.ftm.jsonl');
    expect((await run('export', out, '--format', 'ftm', '--out', ftm, '--quiet')).code).toBe(0);
    const exported = readFileSync(ftm, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as { id: string; properties: Record<string, string[]> });
    expect(exported.filter((l) => l.properties.registrationNumber !== undefined).map((l) => [l.id, l.properties.registrationNumber])).toEqual([
      ['c1', ['HE 401']],
      ['c2', ['HE 402']],
      ['c3', ['HE 403']],
    ]);
  });

  it('summary re-reads a report, and refuses a file that is not one', async () => {
    const dir = tempDir();
    const out = join(dir, 'report.json');
    await run('analyze', TINY, '--out', out, '-q');
    const s = await run('summary', out, '--top', '2');
    expect(s.code).toBe(0);
    expect(s.stdout).toMatch(/Top key nodes: 2 of \d+ ranked/);
    writeFileSync(join(dir, 'bad.json'), `{"schemaVersion": ${REPORT_SCHEMA_VERSION}, "entities": []}`);
    const bad = await run('summary', join(dir, 'bad.json'));
    expect(bad.code).toBe(3);
    expect(bad.stderr).toMatch(/is not a valid Chokepoint report/);
    writeFileSync(join(dir, 'v1.json'), '{"schemaVersion": 1}');
    expect((await run('summary', join(dir, 'v1.json'))).stderr).toMatch(/schema version 1; this version of chokepoint reads version 2/);
    writeFileSync(join(dir, 'nojson.json'), 'not json');
    expect((await run('summary', join(dir, 'nojson.json'))).code).toBe(3);
  });
});

describe('a file given for the bundle', () => {
  it('reads the folder of a bundle file given alone (entities.csv), said in a warning; refuses another table with what a bundle is', async () => {
    const dir = tempDir();
    cpSync(TINY, join(dir, 'case'), { recursive: true });
    const out = join(dir, 'r.json');
    const r = await run('analyze', join(dir, 'case', 'entities.csv'), '--out', out, '--quiet');
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(out, 'utf8')) as { input: { bundle: string; warnings: { file: string; line: number; reason: string }[] }; relations: unknown[] };
    expect(report.input.warnings[0]).toEqual({ file: 'entities.csv', line: 1, reason: 'given alone: a bundle is the folder of its files, so its folder "case" was read, with the bundle files beside it' });
    // The same findings as from the folder (its other files were read).
    const fromFolder = await run('analyze', join(dir, 'case'), '--json', '--quiet');
    const viaFile = JSON.parse(readFileSync(out, 'utf8')) as { flags: unknown[]; keyNodes: unknown[] };
    const direct = JSON.parse(fromFolder.stdout) as { flags: unknown[]; keyNodes: unknown[]; relations: unknown[] };
    expect(viaFile.flags).toEqual(direct.flags);
    expect(report.relations.length).toBe(direct.relations.length);
    // Another table alone: what a bundle is, not a list of lines that are not JSON.
    writeFileSync(join(dir, 'suppliers.csv'), 'id,kind,name\na,company,Alpha\n');
    const table = await run('validate', join(dir, 'suppliers.csv'));
    expect(table.code).toBe(3);
    expect(table.stderr).toContain('suppliers.csv is a table, not a bundle: a bundle is a folder holding entities.csv');
  });
});

describe('the built binary', () => {
  const bin = join(REPO, 'packages', 'cli', 'dist', 'bin.js');
  beforeAll(() => {
    if (!existsSync(bin)) throw new Error(`${bin} is missing: run \`pnpm build\` first (pnpm test does)`);
  });

  it('runs as a real process with the same exit codes', () => {
    const version = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8' });
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const out = join(tempDir(), 'r.json');
    const ok = spawnSync(process.execPath, [bin, 'analyze', TINY, '--out', out, '--quiet'], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toMatch(/Top key nodes/);
    const bad = spawnSync(process.execPath, [bin, 'analyze', '/nonexistent'], { encoding: 'utf8' });
    expect(bad.status).toBe(3);
    const usage = spawnSync(process.execPath, [bin, 'analyze', TINY, '--radius-km', 'far'], { encoding: 'utf8' });
    expect(usage.status).toBe(2);
  });

  it('goes on to its end when the reader of its output goes away (`chokepoint analyze … | head`)', async () => {
    const out = join(tempDir(), 'r.json');
    const child = spawn(process.execPath, [bin, 'analyze', TINY, '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
    // The reader gone before a word is written: every write of the summary and of the progress meets a closed pipe.
    child.stdout.destroy();
    child.stderr.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).flags.length).toBeGreaterThan(0);
  });

  it('loads the Neo4j driver only for a command that talks to Neo4j (a third of the start-up otherwise)', () => {
    // The modules each run loaded, printed as the process ends (a preload script, so the command runs as it is).
    const probe = join(tempDir(), 'probe.cjs');
    writeFileSync(probe, "process.on('exit', () => process.stderr.write('\\nLOADED ' + JSON.stringify(Object.keys(require.cache)) + '\\n'));\n");
    const loaded = (...args: string[]): string[] => {
      const r = spawnSync(process.execPath, ['--require', probe, bin, ...args], { encoding: 'utf8' });
      const line = r.stderr.split('\n').find((l) => l.startsWith('LOADED '));
      if (line === undefined) throw new Error(`no list of modules from ${args.join(' ')}: ${r.stderr}`);
      return JSON.parse(line.slice('LOADED '.length)) as string[];
    };
    const driver = (paths: string[]) => paths.some((p) => p.includes(`${sep}neo4j-driver`));
    const out = join(tempDir(), 'r.json');
    expect(driver(loaded('analyze', TINY, '--out', out, '--quiet'))).toBe(false);
    expect(driver(loaded('--version'))).toBe(false);
    // Nothing listens there: the command fails (exit 4), after loading the driver to try.
    expect(driver(loaded('analyze', '--neo4j', 'bolt://127.0.0.1:1', '--out', out, '--quiet'))).toBe(true);
  });

  it('refuses an input too large for its heap before reading it, with the sizes and how to give it more (exit 4), not a crash', () => {
    // 25 MB of entities need more than a 64 MB old space (about 120 MB of heap in all) allows.
    const dir = tempDir();
    const rows = ['id,kind,name,country'];
    for (let i = 0; i < 500_000; i++) rows.push(`e${i},company,Fictional Trading Company Number ${i},TR`);
    writeFileSync(join(dir, 'entities.csv'), `${rows.join('\n')}\n`);
    const out = join(tempDir(), 'r.json');
    const small = spawnSync(process.execPath, ['--max-old-space-size=64', bin, 'analyze', dir, '--out', out, '--quiet'], { encoding: 'utf8' });
    expect(small.status).toBe(4);
    expect(small.stderr).toMatch(/the input is too large for the memory available: the bundle’s CSV files hold 2\d MB, and analysing it takes at least about \d+ MB of memory, but this process may use at most \d+ MB \(the machine has [\d.]+ GB in all\)/);
    expect(small.stderr).toMatch(/NODE_OPTIONS=--max-old-space-size=\d+/);
    expect(small.stderr).not.toMatch(/heap out of memory|something unexpected/);
    expect(existsSync(out)).toBe(false);
    // The same limit through NODE_OPTIONS, as the message advises, is honoured too.
    const viaEnv = spawnSync(process.execPath, [bin, 'analyze', dir, '--out', out, '--quiet'], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=64' } });
    expect(viaEnv.status).toBe(4);
  });

  it('runs itself again with a larger heap when Node.js’s default heap is too small for the input and the machine has the memory', () => {
    // Node.js's default heap limit on this machine (no limit given), and a bundle just larger than it allows: a
    // sparse shipments.csv of NUL bytes (no disk used), which the command run again reads and refuses at its first line.
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.NODE_OPTIONS;
    const limit = Number(spawnSync(process.execPath, ['-p', 'require("node:v8").getHeapStatistics().heap_size_limit'], { encoding: 'utf8', env }).stdout);
    expect(limit).toBeGreaterThan(2 ** 28);
    const dir = tempDir();
    writeFileSync(join(dir, 'entities.csv'), 'id,kind,name\ne1,company,Fictional One\n');
    const sparse = join(dir, 'shipments.csv');
    writeFileSync(sparse, '');
    truncateSync(sparse, Math.ceil(limit / HEAP_PER_INPUT_BYTE.bundle) + 2 ** 20);
    const out = join(tempDir(), 'r.json');
    const r = spawnSync(process.execPath, [bin, 'analyze', dir, '--out', out], { encoding: 'utf8', env });
    const needed = statSync(sparse).size * HEAP_PER_INPUT_BYTE.bundle;
    if (needed * 1.5 > totalmem() * 0.75) {
      // A machine without the memory: refused as before, with what to do.
      console.warn(`this machine (${totalmem()} bytes) cannot give ${needed * 1.5} bytes of heap: only the refusal is checked`);
      expect(r.status).toBe(4);
      expect(r.stderr).toMatch(/too little memory/);
      return;
    }
    expect(r.stderr).toMatch(/(^|\n)chokepoint: the input needs at least about [\d.]+ GB of memory, more than the [\d.]+ GB Node\.js allows by default: running the command again with up to [\d.]+ GB \(three quarters of this machine's [\d.]+ GB\)\n/);
    // The command run again read the file (and refused its bytes, exit 3), rather than the memory check refusing it.
    expect(r.stderr).toMatch(/shipments\.csv/);
    expect(r.stderr).not.toMatch(/too large for the memory available|NODE_OPTIONS/);
    expect(r.status).toBe(3);
    expect(r.stderr.match(/running the command again/g)).toHaveLength(1);
    // --quiet: no word about it, the same outcome.
    const quiet = spawnSync(process.execPath, [bin, 'analyze', dir, '--out', out, '--quiet'], { encoding: 'utf8', env });
    expect(quiet.status).toBe(3);
    expect(quiet.stderr).not.toMatch(/running the command again/);
    // A large input that fits (64 MB and more): run again with a larger young generation, unless its size was chosen.
    truncateSync(sparse, LARGE_INPUT_BYTES);
    const large = spawnSync(process.execPath, [bin, 'analyze', dir, '--out', out], { encoding: 'utf8', env });
    expect(large.stderr).toMatch(/(^|\n)chokepoint: a large input \(\d+ MB\): running the command again in a process set up for large inputs, which finishes sooner \(--max-semi-space-size=128 --min-semi-space-size=64\)\n/);
    expect(large.stderr).toMatch(/shipments\.csv line 1: this file holds only NUL bytes/);
    expect(large.status).toBe(3);
    const chosen = spawnSync(process.execPath, ['--max-semi-space-size=32', bin, 'analyze', dir, '--out', out], { encoding: 'utf8', env });
    expect(chosen.stderr).not.toMatch(/running the command again/);
    expect(chosen.status).toBe(3);
  });

  it('refuses a report too large for its heap before reading it (exit 4, the sizes and what to do), in every command that reads its records', async () => {
    // A records file beside it of 128 MB: more than a 64 MB old space can hold once read.
    const { dir, out } = await reportWithRecords(128 * 2 ** 20);
    // (other goods are chosen among every shipment: disrupt then reads every record)
    const commands = [['disrupt', out, '--goods', 'watchlist']];
    for (const args of commands) {
      const r = spawnSync(process.execPath, ['--max-old-space-size=64', bin, ...args], { encoding: 'utf8', timeout: 60_000 });
      expect([args[0], r.status]).toEqual([args[0], 4]);
      expect(r.stderr).toMatch(
        /the input is too large for the memory available: the report and its records file hold 13\d MB, and reading it takes at least about [2-5]\d\d MB of memory, but this process may use at most \d+ MB \(the machine has [\d.]+ GB in all\)/,
      );
      expect(r.stderr).toMatch(/NODE_OPTIONS=--max-old-space-size=\d+/);
      expect(r.stderr).not.toMatch(/heap out of memory|something unexpected/);
    }
    // summary reads no records: the report alone fits. Nor do path, view, export and disrupt of the report's own flow
    // hold them: they read the ends of the ties and a few records, or the records a stretch at a time (this report
    // keeps its records inline; the file beside it is not read).
    const exported = spawnSync(process.execPath, ['--max-old-space-size=64', bin, 'export', out, '--format', 'csv', '--out', join(dir, 'csv'), '--quiet'], { encoding: 'utf8' });
    expect([exported.status, exported.stderr]).toEqual([0, '']);
    const own = spawnSync(process.execPath, ['--max-old-space-size=64', bin, 'disrupt', out, '--quiet'], { encoding: 'utf8' });
    expect([own.status, own.stderr]).toEqual([0, '']);
    const summary = spawnSync(process.execPath, ['--max-old-space-size=64', bin, 'summary', out], { encoding: 'utf8' });
    expect(summary.status).toBe(0);
    expect(summary.stdout).toMatch(/indicators for human review/);
    const path = spawnSync(process.execPath, ['--max-old-space-size=64', bin, 'path', out, 'kimya', 'ova'], { encoding: 'utf8' });
    expect([path.status, path.stderr]).toEqual([0, '']);
    expect(path.stdout).toMatch(/^The shortest path from Ornekli Kimya Dagitim A\.S\. \(kimya\) to Ova Tarim Ltd \(ova\): 1 tie \(all tie kinds\)/);
  });

  it('writes each export piece by piece, the same bytes as the export made whole; refuses an html export of a report no page can hold', async () => {
    const dir = tempDir();
    const out = join(dir, 'r.json');
    expect((await run('analyze', join(REPO, 'data', 'scenarios', 'border-procurement'), '--out', out, '--quiet')).code).toBe(0);
    const report = readReport(out);
    const made = { gexf: toGexf(report), graphml: toGraphml(report), ftm: toFtm(report) };
    for (const format of ['gexf', 'graphml', 'ftm'] as const) {
      const file = join(dir, `x.${format}`);
      expect((await run('export', out, '--format', format, '--out', file, '--quiet')).code).toBe(0);
      expect(readFileSync(file, 'utf8')).toBe(made[format]);
    }
    expect((await run('export', out, '--format', 'csv', '--out', join(dir, 'csv'), '--quiet')).code).toBe(0);
    for (const [name, text] of Object.entries(toCsv(report))) expect(readFileSync(join(dir, 'csv', `${name}.csv`), 'utf8')).toBe(`\ufeff${text}`);
    // A records file beside the report of 500 MB (sparse: no disk used): no html page holds that; said before reading.
    sparseFile(join(dir, 'r.records.jsonl'), 500 * 2 ** 20);
    const html = await run('export', out, '--format', 'html', '--out', join(dir, 'x.html'), '--quiet');
    expect(html.code).toBe(2);
    expect(html.stderr).toMatch(/r\.json and its records hold 5\d\d MB: an html export puts all of it in one page, and a browser \(like one string of Node\.js\) holds at most a few hundred MB\. Open it with chokepoint view .*r\.json/);
    expect(existsSync(join(dir, 'x.html'))).toBe(false);
  });

  it('validate says when it starts reading a large bundle, and nothing with --quiet', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'entities.csv'), 'id,kind,name\ne1,company,Fictional One\n');
    // 64 MB of shipments (sparse: no disk used), which the reader then refuses at their first line.
    sparseFile(join(dir, 'shipments.csv'), LARGE_INPUT_BYTES);
    const r = await run('validate', dir);
    expect(r.code).toBe(3);
    expect(r.stderr.startsWith(`chokepoint: reading ${dir} (67 MB) (`)).toBe(true);
    const quiet = await run('validate', dir, '--quiet');
    expect(quiet.code).toBe(3);
    expect(quiet.stderr).not.toMatch(/chokepoint: reading/);
  });

  it('says how far along reading a report is, in words and as a step (the progress reporter prints a step every few seconds)', async () => {
    const out = join(tempDir(), 'r.json');
    expect((await run('analyze', TINY, '--out', out, '--quiet')).code).toBe(0);
    const told: [string, unknown][] = [];
    const report = readReportFor(out, {}, (message, step) => told.push([message, step]));
    expect(report.entities.length).toBeGreaterThan(0);
    const size = statSync(out).size;
    expect(told).toEqual([[`reading the report ${out}: 100% of 1 MB`, { done: size, total: size }]]);
  });

  it('an export reads the records a report keeps apart a stretch at a time: it runs in a heap they would not fit in', async () => {
    // The tiny report with 200,000 shipments (about 80 MB of records in a file of their own), exported with an old
    // space of 64 MB: reading every record as objects would take twice that.
    const dir = tempDir();
    const small = join(dir, 'small.json');
    expect((await run('analyze', TINY, '--out', small, '--quiet')).code).toBe(0);
    const tiny = readReport(small);
    const shipments = Array.from({ length: 200_000 }, (_, k) => ({ ...tiny.shipments[k % tiny.shipments.length], id: `t${k}` }));
    const big: Report = { ...tiny, input: { ...tiny.input, counts: { ...tiny.input.counts, shipments: shipments.length } }, shipments };
    const out = join(dir, 'big.json');
    await writeReport(big, out, { companionAbove: 1000 });
    expect(statSync(companionPath(out)).size).toBeGreaterThan(64 * 2 ** 20);
    const exported = spawnSync(process.execPath, ['--max-old-space-size=64', bin, 'export', out, '--format', 'csv', '--out', join(dir, 'csv'), '--quiet'], { encoding: 'utf8' });
    expect([exported.status, exported.stderr]).toEqual([0, '']);
    for (const [name, text] of Object.entries(toCsv(big))) expect([name, readFileSync(join(dir, 'csv', `${name}.csv`), 'utf8') === `\ufeff${text}`]).toEqual([name, true]);
    // (each of the tiny report's supplier → buyer pairs, with its thousands of shipments added up)
    expect(readFileSync(join(dir, 'csv', 'edges.csv'), 'utf8')).toMatch(/^s0,dk,kimya,shipment,,,,33334,/m);
    // A report too large for the heap the export is given is said so before it is read (a sparse file: no disk used).
    const huge = join(dir, 'huge.json');
    sparseFile(huge, 64 * 2 ** 20);
    const refused = spawnSync(process.execPath, ['--max-old-space-size=64', bin, 'export', huge, '--format', 'csv', '--out', join(dir, 'csv2')], { encoding: 'utf8' });
    expect(refused.status).toBe(4);
    expect(refused.stderr).toMatch(/the report holds 6\d MB, and reading it takes at least about 2\d\d MB of memory/);
    expect(existsSync(join(dir, 'csv2'))).toBe(false);
  });

  it('reads a report too large for Node.js’s default heap in a process run again with a larger one', async () => {
    // Records just larger than this process's heap allows (the check reads only their size).
    const { out, records } = await reportWithRecords(Math.ceil(getHeapStatistics().heap_size_limit / HEAP_PER_REPORT_BYTE.records) + 2 ** 20);
    const needed = statSync(records).size * HEAP_PER_REPORT_BYTE.records;
    const plans: unknown[] = [];
    let stderr = '';
    const code = await main(['disrupt', out, '--goods', 'watchlist'], {
      stdout: () => undefined,
      stderr: (t) => (stderr += t),
      relaunch: async (plan) => {
        plans.push(plan);
        return 0;
      },
    });
    if (needed * 1.5 > totalmem() * 0.75) {
      console.warn(`this machine (${totalmem()} bytes) cannot give ${needed * 1.5} bytes of heap: only the refusal is checked`);
      expect(code).toBe(4);
      expect(stderr).toMatch(/too little memory for it: open the report on a machine with more memory/);
      return;
    }
    expect(code).toBe(0);
    expect(plans).toEqual([{ why: 'memory', heapMb: Math.floor((totalmem() * 0.75) / 2 ** 20), semiSpaceMb: 256 }]);
    expect(stderr).toMatch(/chokepoint: the input needs at least about [\d.]+ GB of memory, more than the [\d.]+ GB Node\.js allows by default: running the command again/);
  });
});

describe('betweenness options', () => {
  afterAll(removeTempDirs);
  it('--epsilon samples shortest paths and the report states the method, the sample and the bound; --threads splits the work; --exact and --epsilon clash', async () => {
    const out = join(tempDir(), 'r.json');
    const r = await run('analyze', join(REPO, 'data', 'scenarios', 'border-procurement'), '--out', out, '--quiet', '--epsilon', '0.5', '--threads', '2');
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    // 13 shortest paths sampled (Riondato & Kornaropoulos); a sample this small runs on the calling thread.
    expect(report.network.betweenness).toMatchObject({ exact: false, method: 'rk', sources: 13, samples: 13, delta: 0.1, threads: 1, requestedEpsilon: 0.5, constant: 0.5 });
    const info = report.network.betweenness;
    expect(info.epsilon).toBeLessThanOrEqual(0.5);
    // The sample size follows from the stated bound: ⌈(c/ε′²)(⌊log2(VD − 2)⌋ + 1 + ln(1/δ))⌉, ε′ = ε(n − 2)/n.
    const n = report.network.entities;
    const e = (0.5 * (n - 2)) / n;
    expect(info.samples).toBe(Math.ceil((0.5 / (e * e)) * (Math.floor(Math.log2(info.vertexDiameter - 2)) + 1 + Math.log(10))));
    expect(info.guarantee).toMatch(/^every value within ±0\.\d+ of the exact betweenness, for all \d+ nodes at once, with probability at least 90%: 13 shortest paths sampled/);
    expect(r.stdout).toMatch(/Betweenness is estimated from 13 shortest paths sampled between random pairs of entities \(Riondato & Kornaropoulos 2016\): each value is within ±0\.\d+ of the exact one, for all entities at once, with probability 90%/);
    const exact = await run('analyze', TINY, '--json', '--quiet', '--threads', '2');
    expect(JSON.parse(exact.stdout).network.betweenness).toEqual({
      exact: true,
      sources: 10,
      epsilon: null,
      delta: null,
      threads: 2,
      method: 'exact',
      requestedEpsilon: null,
      samples: 0,
      connectedSamples: 0,
      vertexDiameter: null,
      constant: null,
      guarantee: 'exact: shortest paths counted from every node (Brandes 2001)',
    });
    expect((await run('analyze', TINY, '--quiet', '--exact', '--epsilon', '0.1')).code).toBe(2);
    expect((await run('analyze', TINY, '--quiet', '--epsilon', '2')).code).toBe(2);
  });
});

describe('FollowTheMoney input through the CLI', () => {
  afterAll(removeTempDirs);
  it('analyzes a .ijson file of real FtM entities', async () => {
    const r = await run('analyze', join(REPO, 'packages', 'ingest', 'test', 'fixtures', 'ftm', 'donations.ijson'), '--json', '--quiet');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(reportProblems(report)).toEqual([]);
    expect(report.input).toMatchObject({ bundle: 'donations', counts: { entities: 95, shipments: 290 } });
    expect(report.keyNodes.length).toBeGreaterThan(0);
  });

  it('reads a register of persons and companies with common names: no pair listed or merged on a common name alone, the names said, the rest found', async () => {
    // 40 persons named Ivan Petrov (either order) in Russia, two of them at one address; two of Jean Dupont's names a
    // letter apart; numbered companies; twelve companies named Sever Trading in twelve cities, two of one phone.
    const dir = tempDir();
    const line = (id: string, schema: string, properties: Record<string, string[]>) => JSON.stringify({ id, schema, properties });
    const rows = [
      ...Array.from({ length: 40 }, (_, k) => line(`p${k}`, 'Person', { name: [k % 2 === 0 ? 'Ivan Petrov' : 'PETROV Ivan'], nationality: ['ru'], ...(k < 2 ? { address: ['ul. Lenina 5, Moskva'] } : {}) })),
      line('j1', 'Person', { name: ['Jean-Baptiste Dupontel'], nationality: ['fr'] }),
      line('j2', 'Person', { name: ['Jean-Baptiste Dupontell'], nationality: ['fr'] }),
      ...Array.from({ length: 30 }, (_, k) => line(`c${k}`, 'Company', { name: [`Ural Trading ${k + 1} LLC`], jurisdiction: ['ru'] })),
      ...Array.from({ length: 12 }, (_, k) =>
        line(`s${String(k).padStart(2, '0')}`, 'Company', { name: [k % 2 === 0 ? 'Sever Trading LLC' : 'OOO "Sever Trading"'], jurisdiction: ['ru'], address: [['Tverskaya 7, Moskva', 'Nevsky 28, Sankt-Peterburg', 'Lenina 3, Kazan', 'Mira 12, Samara', 'Sovetskaya 40, Omsk', 'Pushkina 9, Tula', 'Gagarina 15, Perm', 'Kirova 2, Ufa', 'Chkalova 33, Orenburg', 'Frunze 5, Tomsk', 'Marksa 21, Irkutsk', 'Svobody 8, Yaroslavl'][k]], ...(k >= 10 ? { phone: ['+7 495 765 43 21'] } : {}) }),
      ),
      line('o1', 'Ownership', { owner: ['p3'], asset: ['c1'] }),
    ];
    writeFileSync(join(dir, 'register.ftm.jsonl'), `${rows.join('\n')}\n`);
    const r = await run('analyze', join(dir, 'register.ftm.jsonl'), '--out', join(dir, 'r.json'), '--quiet');
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as Report;
    expect(reportProblems(report)).toEqual([]);
    expect(report.resolution.commonNames).toEqual({ names: 1, persons: 40, most: [{ name: 'ivan petrov', persons: 40 }] });
    expect(report.resolution.commonCompanyNames).toEqual({ names: 1, companies: 12, most: [{ name: 'sever trading', companies: 12 }] });
    // The two at one address merged, and the two firms of one phone; no other pair of Ivan Petrovs listed (780 pairs of
    // a name alone), no other Sever Trading merged (they were all merged into one); the Duponts listed.
    expect(report.resolution.merges.map((m) => [m.kept, ...m.merged])).toEqual([['p0', 'p1'], ['s10', 's11']]);
    expect(report.resolution.possible.map((p) => [p.a, p.b].sort().join(' '))).toEqual(['j1 j2']);
    expect(r.stdout).toContain('40 persons bear one of 1 common name (more than six persons each, such as "ivan petrov" (40))');
    expect(r.stdout).toContain('12 companies bear one of 1 common company name (more than six companies each, such as "sever trading" (12))');
  });

  it('refuses an empty input the same way, FtM or CSV: exit 3, naming the file and the line, in either mode', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'empty.jsonl'), '');
    const bundle = join(dir, 'bundle');
    cpSync(TINY, bundle, { recursive: true });
    writeFileSync(join(bundle, 'entities.csv'), 'id,kind,name\r\n');
    for (const input of [join(dir, 'empty.jsonl'), bundle]) {
      for (const mode of [[], ['--lenient']]) {
        const r = await run('analyze', input, '--out', join(dir, 'r.json'), '--quiet', ...mode);
        expect([r.code, existsSync(join(dir, 'r.json'))]).toEqual([3, false]);
        expect(r.stderr).toMatch(/(empty\.jsonl|entities\.csv) line 1: the file (is empty|has no entity rows)/);
      }
    }
  });
});

describe('file progress bar', () => {
  it('draws only on a terminal, and never with --quiet', () => {
    let out = '';
    const tty = { isTTY: true, write: (t: string) => ((out += t), true) } as unknown as NodeJS.WriteStream;
    const bar = fileProgressBar(false, tty);
    bar.onProgress!('shipments.csv', 50, 100);
    bar.onProgress!('shipments.csv', 100, 100);
    bar.done();
    expect(out).toBe(`\rreading shipments.csv [${'#'.repeat(15).padEnd(30)}] 50%\rreading shipments.csv [${'#'.repeat(30)}] 100%\n`);
    expect(fileProgressBar(true, tty).onProgress).toBeUndefined();
    const pipe = { isTTY: false, write: () => true } as unknown as NodeJS.WriteStream;
    expect(fileProgressBar(false, pipe).onProgress).toBeUndefined();
  });
});

describe('bad input that reaches the engine', () => {
  afterAll(removeTempDirs);
  it('is an input error (exit 3) with its own message, never a bug (exit 1)', () => {
    const err = new EngineInputError('external betweenness (Neo4j Graph Data Science 2.13.9): 1 values are not numbers from 0 to 1, e.g. "a": NaN');
    expect(describeError(err)).toEqual({ code: 3, message: `error: ${err.message}` });
    expect(describeError(new RangeError('an unexpected failure')).code).toBe(1);
  });

  it('a viewer whose web files were never built is what is missing (exit 4), not a bug', () => {
    const err = new ViewerNotBuiltError("the viewer's web files are missing in /x/dist/web: run `pnpm build` first");
    expect(describeError(err)).toEqual({ code: 4, message: `error: ${err.message}` });
  });

  it('a report edited so that its shipments cannot be added up, or that names unknown entities, is refused by every command (exit 3)', async () => {
    const dir = tempDir();
    const good = join(dir, 'good.json');
    expect((await run('analyze', TINY, '--out', good, '--quiet', '--sources', 'ids:dk,es', '--targets', 'ids:hat,ova,sev')).code).toBe(0);
    const report = JSON.parse(readFileSync(good, 'utf8'));
    expect(report.chokepoints).not.toBeNull();
    const huge = join(dir, 'huge.json');
    writeFileSync(huge, JSON.stringify({ ...report, shipments: report.shipments.map((x: object) => ({ ...x, quantityKg: 1e308 })) }));
    const dangling = join(dir, 'dangling.json');
    writeFileSync(dangling, JSON.stringify({ ...report, relations: [...report.relations, { source: 'kimya', target: 'nobody', kind: 'owner', attributes: {} }] }));
    for (const [file, why] of [[huge, /\/shipments: their quantityKg values add up to more than 1e\+300/], [dangling, /\/relations\/\d+\/target: names "nobody", which is not an entity of the report/]] as const) {
      for (const args of [['disrupt', file], ['summary', file], ['export', file, '--format', 'gexf', '--out', join(dir, 'x.gexf')]]) {
        const r = await run(...args);
        expect([args[0], r.code]).toEqual([args[0], 3]);
        expect(r.stderr).toMatch(why);
        expect(r.stderr).not.toMatch(/\n\s+at /);
      }
    }
  });
});

describe('the terminal', () => {
  afterAll(removeTempDirs);
  it('never receives control characters from the data: messages show them escaped', async () => {
    const dir = tempDir();
    cpSync(TINY, dir, { recursive: true });
    const entities = readFileSync(join(dir, 'entities.csv'), 'utf8').replace('id,kind,name', 'id,kind\u001b[2J\u001b]0;owned\u0007,name\r\u202e');
    writeFileSync(join(dir, 'entities.csv'), entities);
    const r = await run('analyze', dir, '--quiet');
    expect(r.code).toBe(3);
    expect(r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(r.stderr).toContain('\\u001b[2J\\u001b]0;owned\\u0007');
  });
});

describe('name variants matched while the bundle is read', () => {
  afterAll(removeTempDirs);
  it('a large bundle has its names matched in a worker thread during reading, and the report is that of one thread', async () => {
    // 20,000 companies of made-up names, and 300 of them written again with two letters swapped: enough to start it.
    const syllables = ['ka', 'ler', 'mon', 'dri', 'sa', 'tu', 'vel', 'pon', 'gar', 'ist', 'nor', 'bel', 'chi', 'ram', 'ud', 'zen'];
    const word = (x: number) => [x % 16, Math.floor(x / 16) % 16, Math.floor(x / 256) % 16].map((d) => syllables[d]).join('');
    const cap = (w: string) => w[0].toUpperCase() + w.slice(1);
    const names = Array.from({ length: 20_000 }, (_, k) => `${cap(word(k % 4096))} ${cap(word((k * 2654435761) % 4093))} Trading`);
    const rows = ['id,kind,name,country'];
    names.forEach((n, k) => rows.push(`E${k},company,${n},TR`));
    for (let k = 0; k < 300; k++) rows.push(`V${k},company,${names[k * 60].slice(0, 3)}${names[k * 60][4]}${names[k * 60][3]}${names[k * 60].slice(5)},TR`);
    const dir = tempDir();
    writeFileSync(join(dir, 'entities.csv'), rows.join('\n'));
    writeFileSync(join(dir, 'relations.csv'), ['source,target,kind', ...Array.from({ length: 200 }, (_, k) => `E${k},V${k},owner`)].join('\n'));
    const outs = [join(dir, 'two.json'), join(dir, 'one.json')];
    const two = await run('analyze', dir, '--out', outs[0], '--threads', '2');
    const one = await run('analyze', dir, '--out', outs[1], '--threads', '1');
    expect([two.code, one.code]).toEqual([0, 0]);
    expect(two.stderr).toMatch(/\nchokepoint: resolving name variants \(names matched while the bundle was read\)/);
    expect(one.stderr).toMatch(/\nchokepoint: resolving name variants \([\d.]+ s\)/);
    expect(one.stderr).not.toMatch(/names matched while the bundle was read/);
    const [r2, r1] = outs.map((o) => JSON.parse(readFileSync(o, 'utf8')));
    expect(r2.resolution.merges.length).toBeGreaterThanOrEqual(300);
    // The same report, but for the threads betweenness was allowed.
    expect(r2.network.betweenness.threads).toBe(2);
    r2.network.betweenness.threads = r1.network.betweenness.threads;
    expect(r2).toEqual(r1);
  });
});
