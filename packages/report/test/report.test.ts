import { join } from 'node:path';
import { assertReport, InvalidReportError, renderSummary, reportChunks, reportProblems, serializeReport, strongestFlags, type Report } from '@chokepoint/report';
import { tinyReport } from './tiny';

describe('the report contract', () => {
  it('a built report follows the JSON Schema', async () => {
    const report = await tinyReport();
    expect(reportProblems(report)).toEqual([]);
    expect(report.entities).toHaveLength(10);
    expect(report.shipments.find((s) => s.id === 't3')).toMatchObject({ hsCode: '321290', quantityKg: 6000, unit: 't' });
    expect(report.entities.find((e) => e.id === 'aile')).toMatchObject({ lat: null, lon: null, nearestCrossing: null });
    expect(report.entities.find((e) => e.id === 'hat')!.attributes).toEqual({ phone: '+90 414 555 0101' });
    // Every record says where it was read, as the rejected rows and warnings do: the file's name in the bundle and
    // its line, never a local path.
    expect(report.entities[1].origin).toEqual({ file: 'entities.csv', line: 3 });
    expect(report.shipments.find((s) => s.id === 't3')!.origin).toEqual({ file: 'shipments.csv', line: 4 });
    const origins = [...report.entities, ...report.relations, ...report.shipments].map((r) => r.origin);
    expect(origins.every((o) => o !== undefined && /^[a-z]+\.csv$/.test(o.file) && o.line >= 2)).toBe(true);
  });

  it('the schema rejects reports that break the contract', async () => {
    const report = await tinyReport();
    const broken = (mutate: (r: Record<string, any>) => void): string[] => {
      const copy = JSON.parse(JSON.stringify(report));
      mutate(copy);
      return reportProblems(copy);
    };
    expect(broken((r) => delete r.keyNodes)).toEqual(["the report: must have required property 'keyNodes'"]);
    expect(broken((r) => (r.entities[0].cluster = 'one'))).toEqual(['/entities/0/cluster: must be integer']);
    expect(broken((r) => (r.clusters[0].borderProximate = 'yes'))).toEqual(['/clusters/0/borderProximate: must be boolean']);
    expect(broken((r) => (r.entities[0].surprise = 1))).toEqual(['/entities/0: must NOT have additional properties (surprise)']);
    expect(broken((r) => (r.schemaVersion = 1))[0]).toMatch(/schemaVersion/);
    expect(() => assertReport({ schemaVersion: 1 })).toThrow(/schema version 1; this version of chokepoint reads version 2/);
    expect(() => assertReport({ schemaVersion: 2 })).toThrow(InvalidReportError);
  });

  it('a valid report names only its own entities, once each, and its shipments add up to finite totals', async () => {
    const report = await tinyReport();
    const broken = (mutate: (r: Record<string, any>) => void): string[] => {
      const copy = JSON.parse(JSON.stringify(report));
      mutate(copy);
      return reportProblems(copy);
    };
    expect(broken((r) => (r.relations[1].target = 'nobody'))).toEqual(['/relations/1/target: names "nobody", which is not an entity of the report']);
    expect(broken((r) => (r.shipments[0].payer = 'toString'))).toEqual(['/shipments/0/payer: names "toString", which is not an entity of the report']);
    // Every tie that names an unknown source is listed, however the ties are ordered around it.
    const ties = (sources: (string | null)[]) => (r: Record<string, any>) => {
      const template = r.relations[0];
      r.relations = sources.map((source, i) => ({ ...template, source: source ?? r.entities[0].id, target: r.entities[i % 2 === 0 ? 1 : 2].id }));
    };
    expect(broken(ties(['nobody', 'nobody', null, null, 'nobody']))).toEqual([0, 1, 4].map((i) => `/relations/${i}/source: names "nobody", which is not an entity of the report`));
    expect(broken(ties([null, 'nobody', 'nobody', null, 'x']))).toEqual([
      '/relations/1/source: names "nobody", which is not an entity of the report',
      '/relations/2/source: names "nobody", which is not an entity of the report',
      '/relations/4/source: names "x", which is not an entity of the report',
    ]);
    expect(broken((r) => (r.entities[2].id = r.entities[0].id))[0]).toBe('/entities/2/id: "kimya" is the id of an earlier entity too');
    expect(broken((r) => r.clusters[0].members.push('__proto__'))).toContain(`/clusters/0/members/${report.clusters[0].members.length}: names "__proto__", which is not an entity of the report`);
    // Each value is a legal number; together they cannot be added up.
    expect(broken((r) => r.shipments.forEach((x: { value?: number }) => (x.value = 1e308)))).toEqual(['/shipments: their value values add up to more than 1e+300, beyond what can be added up without losing the totals']);
    expect(() => assertReport(JSON.parse(JSON.stringify({ ...report, bridges: [{ source: 'x', target: 'kimya', sides: [1, 1] }] })))).toThrow(
      new InvalidReportError('the report is not a valid Chokepoint report', ['/bridges/0/source: names "x", which is not an entity of the report']),
    );
  });

  it('leaves the records’ ids unchecked only when the caller vouches for them (the analysis, whose engine checked them), nothing else', async () => {
    const report = await tinyReport();
    const copy = JSON.parse(JSON.stringify(report));
    copy.relations[1].target = 'nobody';
    copy.clusters[0].members.push('__proto__');
    expect(reportProblems(copy)).toHaveLength(2);
    // Vouched for: the records' ids are taken as known; a cluster's member is still looked up, and the schema applies.
    expect(reportProblems(copy, 20, { recordIdsKnown: true })).toEqual([`/clusters/0/members/${report.clusters[0].members.length}: names "__proto__", which is not an entity of the report`]);
    copy.relations[0].kind = 'friend';
    expect(reportProblems(copy, 20, { recordIdsKnown: true })[0]).toMatch(/^\/relations\/0\/kind/);
  });

  it('serializes byte-identically for the same input and seed', async () => {
    expect(serializeReport(await tinyReport(5))).toBe(serializeReport(await tinyReport(5)));
  });
});

describe('the summary', () => {
  it('names the clusters near crossings and the key nodes, and says findings are indicators', async () => {
    const text = renderSummary(await tinyReport());
    expect(text).toMatch(/Clusters near border crossings: 1\n  Cluster 1: 4 entities/);
    expect(text).toMatch(/median 2\.\d km from Akçakale/);
    expect(text).toMatch(/1\. Ornekli Kimya Dagitim A\.S\. \(kimya; company, TR; cluster \d\), [a-z ]+, score 0\.\d\d/);
    expect(text).toMatch(/articulation point: without it, 4 entities are cut off/);
    expect(text).toContain('not accusations');
  });

  it('lists the strongest red flags in plain words, and counts flagged members', async () => {
    const report = await tinyReport();
    const text = renderSummary(report);
    expect(text).toMatch(/Red flags: \d+ flags on \d+ entities \(\d+ high/);
    expect(text).toMatch(/\(precursor-watchlist\): \d+ flags? on \d+ entit/);
    expect(text).toMatch(/\[high\] Shipment t3 \(shipped [\d-]+\) records Hatli Telefon \(hat\) buying 6,000 kg of aluminium paste \(HS 3212\.90\)/);
    const hat = report.entities.find((e) => e.id === 'hat')!;
    expect(hat.flags).toContain('off-profile-purchase/t3');
    const cluster = report.clusters.find((c) => c.members.includes('hat'))!;
    expect(cluster.flaggedMembers).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/flagged member/);
  });

  it('takes the strongest flags rule by rule, most severe first', () => {
    const flag = (rule: string, severity: 'low' | 'medium' | 'high', id: string) => ({ id, rule, severity }) as Report['flags'][number];
    const flags = [flag('a', 'high', 'a1'), flag('a', 'high', 'a2'), flag('a', 'high', 'a3'), flag('b', 'high', 'b1'), flag('c', 'medium', 'c1'), flag('a', 'low', 'a4')];
    expect(strongestFlags(flags, 5).map((f) => f.id)).toEqual(['a1', 'b1', 'a2', 'a3', 'c1']);
  });

  it('never passes control characters from names to the terminal', async () => {
    const report = await tinyReport();
    const evil = '\u001b[2J\u001b]0;pwned\u0007Evil';
    report.keyNodes[0].name = evil;
    report.entities.find((e) => e.id === report.keyNodes[0].id)!.name = evil;
    const text = renderSummary(report);
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(text).toContain('Evil');
  });
});

describe('large reports', () => {
  it('stream as compact JSON, byte for byte what JSON.stringify gives', async () => {
    const report = await tinyReport();
    const big = { ...report, shipments: Array.from({ length: 120_000 }, (_v, i) => ({ ...report.shipments[i % report.shipments.length], id: `s${i}` })) };
    const chunks = [...reportChunks(big)];
    expect(chunks.length).toBeGreaterThan(20);
    expect(chunks.join('')).toBe(`${JSON.stringify(big)}\n`);
    expect(serializeReport(report)).toBe(`${JSON.stringify(report, null, 2)}\n`);
  });

  it('stream as compact JSON when their records are in a companion file, or their flags are many (an indented text could exceed what one string may hold)', async () => {
    const report = await tinyReport();
    const apart = { ...report, relations: [], shipments: [], records: { stored: 'companion' as const, file: 'r.records.jsonl', relations: 150_000, shipments: 50_000, bytes: 1, sha256: '0'.repeat(64) } };
    expect([...reportChunks(apart)].join('')).toBe(`${JSON.stringify(apart)}\n`);
    const flagged = { ...report, flags: Array.from({ length: 120_000 }, (_v, i) => ({ ...report.flags[i % report.flags.length], id: `f${i}` })) };
    const chunks = [...reportChunks(flagged)];
    expect(chunks.length).toBeGreaterThan(20);
    expect(chunks.join('')).toBe(`${JSON.stringify(flagged)}\n`);
  });

  it('write long lists in slices of some tens of thousands of characters, whatever the size of their items (large ones cost the collector dearly)', async () => {
    const report = await tinyReport();
    // Flags of very different sizes: a few characters of evidence, or a long explanation (a distributor's flags run
    // to some kilobytes each), and a size that changes along the list.
    const flags = Array.from({ length: 20_000 }, (_v, i) => {
      const f = report.flags[i % report.flags.length];
      const long = i % 7000 < 3000;
      return { ...f, id: `f${i}`, summary: long ? `${f.summary} ${'detail '.repeat(400)}` : f.summary };
    });
    // (its records in a companion file: a large report, written compact)
    const flagged = { ...report, flags, relations: [], shipments: [], records: { stored: 'companion' as const, file: 'r.records.jsonl', relations: 150_000, shipments: 50_000, bytes: 1, sha256: '0'.repeat(64) } };
    const chunks = [...reportChunks(flagged)];
    expect(chunks.join('')).toBe(`${JSON.stringify(flagged)}\n`);
    const sizes = chunks.map((c) => c.length);
    // Below V8's largest young object (128 KiB), but where the items grow at once (the count is taken from the slice
    // before); none of a handful of items only where the items are small.
    expect(sizes.filter((n) => n >= 128 * 1024).length).toBeLessThanOrEqual(3);
    expect(Math.max(...sizes)).toBeLessThan(1024 * 1024);
    const slices = chunks.filter((c) => c.startsWith(',{"id":"f') || c.startsWith('{"id":"f'));
    expect(slices.length).toBeGreaterThan(100);
    expect(slices.filter((c) => c.length > 16 * 1024).length).toBeGreaterThan(slices.length * 0.8);
  });
});

describe('reports with long lists inside their sections', () => {
  it('stream those lists a slice at a time, byte for byte what JSON.stringify gives (five million pairs of records left for review made a text longer than one string may hold)', async () => {
    const report = await tinyReport();
    const pair = { a: 'p1', b: 'p2', score: 0.88, evidence: ['same normalized name "anna sokolov"', 'persons need more than a name'] };
    const possible = Array.from({ length: 120_000 }, (_v, i) => ({ ...pair, b: `p${i + 2}` }));
    const many = { ...report, resolution: { ...report.resolution, possible } };
    const chunks = [...reportChunks(many)];
    // Compact although the network is tiny, and no piece holds more than a slice of the pairs.
    expect(chunks.join('')).toBe(`${JSON.stringify(many)}\n`);
    const longest = Math.max(...chunks.map((c) => c.length));
    expect(longest).toBeLessThan(JSON.stringify(possible).length / 20);
    expect(chunks.length).toBeGreaterThan(24);
    // A member left undefined is left out, as JSON.stringify leaves it out.
    const odd = { ...many, resolution: { ...many.resolution, extra: undefined } } as unknown as Report;
    expect([...reportChunks(odd)].join('')).toBe(`${JSON.stringify(odd)}\n`);
    // Few items in all: indented as before.
    const few = { ...report, resolution: { ...report.resolution, possible: possible.slice(0, 1500) } };
    expect([...reportChunks(few)].join('')).toBe(`${JSON.stringify(few, null, 2)}\n`);
  });
});

describe('one source of truth for the report', () => {
  it('docs/report.schema.json is what the TypeScript types give (pnpm schema regenerates it)', () => {
    const { spawnSync } = require('node:child_process') as typeof import('node:child_process');
    const root = join(__dirname, '..', '..', '..');
    const r = spawnSync(process.execPath, [join(root, 'scripts', 'report-schema.mjs'), '--check'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('a report sized by its findings', () => {
  const { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } = require('node:fs') as typeof import('node:fs');
  const { tmpdir } = require('node:os') as typeof import('node:os');
  const { writeReport, readReport, readLargeJson, companionPath } = require('@chokepoint/report') as typeof import('@chokepoint/report');
  const dir = mkdtempSync(join(tmpdir(), 'chokepoint-report-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the records of a large network in a companion file, and reads them back the same', async () => {
    const report = await tinyReport();
    const path = join(dir, 'r.json');
    const { companion } = await writeReport(report, path, { companionAbove: 3 });
    expect(companion).toBe(companionPath(path));
    const main = JSON.parse(readFileSync(path, 'utf8'));
    expect(main.relations).toEqual([]);
    expect(main.shipments).toEqual([]);
    expect(main.records).toMatchObject({ stored: 'companion', file: 'r.records.jsonl', relations: report.relations.length, shipments: report.shipments.length });
    const back = readReport(path);
    expect(back.relations).toEqual(report.relations);
    expect(back.shipments).toEqual(report.shipments);
    expect(readReport(path, { records: false }).shipments).toEqual([]);
    // Small networks stay in one file.
    expect((await writeReport(report, join(dir, 'small.json'))).companion).toBeNull();
    expect(existsSync(join(dir, 'small.records.jsonl'))).toBe(false);
  });

  it('writes records in pieces, each line the JSON of its record, with the SHA-256 of the whole file', async () => {
    const { createHash } = require('node:crypto') as typeof import('node:crypto');
    const tiny = await tinyReport();
    // 12,001 shipments, after the relations' piece: pieces of about 48K characters (some hundreds of records each).
    const shipments = Array.from({ length: 12_001 }, (_, i) => ({ ...tiny.shipments[i % tiny.shipments.length], id: `x${i}` }));
    const report = { ...tiny, shipments };
    const path = join(dir, 'pieces.json');
    const made: [number, number][] = [];
    await writeReport(report, path, { companionAbove: 3, onProgress: (done, total) => made.push([done, total]) });
    // How far the records are, piece by piece (the header first).
    const total = tiny.relations.length + 12_001;
    const r = tiny.relations.length;
    expect(made.slice(0, 2)).toEqual([[0, total], [r, total]]);
    expect(made[made.length - 1]).toEqual([total, total]);
    expect(made.every(([done, of], k) => of === total && (k === 0 || done > made[k - 1][0]))).toBe(true);
    const perPiece = made.slice(3, -1).map(([done], k) => done - made[k + 2][0]);
    expect(made.length).toBeGreaterThan(12);
    expect(Math.min(...perPiece)).toBeGreaterThan(64);
    const bytes = readFileSync(companionPath(path));
    const lines = [JSON.stringify({ chokepointRecords: 1, relations: tiny.relations.length, shipments: shipments.length }), ...tiny.relations.map((r) => JSON.stringify(r)), ...shipments.map((x) => JSON.stringify(x))];
    expect(bytes.toString('utf8')).toBe(`${lines.join('\n')}\n`);
    const main = JSON.parse(readFileSync(path, 'utf8'));
    expect(main.records).toMatchObject({ bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
    // Reading it back says how far along it is: the report's bytes, then the records' (the two files' sizes in all).
    const reportBytes = readFileSync(path).length;
    const read: [number, number][] = [];
    readReport(path, { onProgress: (done, all) => read.push([done, all]) });
    expect(read).toEqual([
      [reportBytes, reportBytes + bytes.length],
      [reportBytes + bytes.length, reportBytes + bytes.length],
    ]);
    const alone: [number, number][] = [];
    readReport(path, { records: false, onProgress: (done, all) => alone.push([done, all]) });
    expect(alone).toEqual([[reportBytes, reportBytes]]);
  });

  it('says how far along it is every 16 MB of a large report read piece by piece', () => {
    // 40 MB of JSON in a list of 4,000 items: the piecewise reader (forced with a limit of 0) tells the bytes twice
    // before the end (past 16 and 32 MB), then the end.
    const path = join(dir, 'big.json');
    const item = { text: 'x'.repeat(10_000) };
    writeFileSync(path, JSON.stringify({ items: Array.from({ length: 4000 }, () => item), after: 1 }));
    const size = readFileSync(path).length;
    const told: number[] = [];
    const value = readLargeJson(path, 0, (bytes) => told.push(bytes)) as { items: unknown[]; after: number };
    expect(value.items).toHaveLength(4000);
    expect(value.after).toBe(1);
    expect(told).toHaveLength(3);
    expect(told[0]).toBeGreaterThanOrEqual(16 * 2 ** 20);
    expect(told[1] - told[0]).toBeGreaterThanOrEqual(16 * 2 ** 20);
    expect(told[2]).toBe(size);
  });

  it('fails with the system’s reason when the file cannot be written', async () => {
    const report = await tinyReport();
    await expect(writeReport(report, join(dir, 'missing-folder', 'r.json'), { companionAbove: 3 })).rejects.toThrow(/ENOENT/);
    await expect(writeReport(report, join(dir, 'missing-folder', 'r.json'))).rejects.toThrow(/ENOENT/);
  });

  it('refuses a missing or foreign companion with a clear message', async () => {
    const report = await tinyReport();
    const path = join(dir, 'c.json');
    await writeReport(report, path, { companionAbove: 3 });
    const companion = companionPath(path);
    const text = readFileSync(companion, 'utf8');
    writeFileSync(companion, text.replace('"t3"', '"t9"'));
    expect(() => readReport(path)).toThrow(/is not the records file of c\.json/);
    rmSync(companion);
    expect(() => readReport(path)).toThrow(/keeps its records in c\.records\.jsonl, which is missing/);
  });

  it('reads JSON files larger than one string can hold, piece by piece, to the same value', () => {
    // The piecewise reader is used above 256 MB; its scanner is checked here on a small file through the same code.
    const text = '{ "a" : [1, "two", {"three": [3, "] } ,"]}, null, -2.5e3, true ] , "b":"x\\"y\\\\", "c":{}, "d":[], "__proto__":"own", "e": "Ünï 𝄞" }';
    const path = join(dir, 'v.json');
    writeFileSync(path, text);
    const read = readLargeJson(path, 0) as Record<string, unknown>;
    expect(read).toEqual(JSON.parse(text));
    expect(Object.getOwnPropertyDescriptor(read, '__proto__')?.value).toBe('own');
    // A whole report, too.
    const report = readLargeJson(join(dir, 'r.json'), 0);
    expect(report).toEqual(JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')));
  });
});
