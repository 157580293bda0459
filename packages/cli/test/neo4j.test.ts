/**
 * Neo4j import, read-back, write-back and errors against a real Neo4j 5.26 server (tools/neo4j-test-server),
 * never a mock. The server is started here (about 8 s) unless NEO4J_TEST_URI names one (CI starts one for the
 * run; its database is wiped). A second server, with a password, is started for the authentication test and then
 * stopped in the middle of an import. Without Java 17/21 or Maven the tests are skipped outside CI and fail in CI.
 */
import { spawn } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeAsync, clustersFromAssignmentCSR, projectBundle, projectionPairs, seededRandom } from '@chokepoint/engine';
import { loadReference, DEFAULT_REFERENCE_DIR } from '@chokepoint/flags';
import { loadMeasuresData, prepareBundle, runAnalysis } from '@chokepoint/pipeline';
import { readBundle as readFiles, readFtm } from '@chokepoint/ingest';
import type { Bundle } from '@chokepoint/model';
import {
  gdsAvailable,
  importBundle,
  openDriver,
  projectionWeights,
  readBundle,
  requireGds,
  runGds,
  writeBack,
  GdsMissingError,
  Neo4jAuthError,
  Neo4jBundleConflictError,
  Neo4jDatabaseNotFoundError,
  Neo4jDataError,
  Neo4jError,
  Neo4jQueryError,
  Neo4jUnavailableError,
  RELATION_TYPES,
  CONSTRAINTS,
  type Driver,
} from '@chokepoint/neo4j';
import { serializeReport, type Report } from '@chokepoint/report';
import { describeError } from '../src/errors';
import { gdsResultsFromNeo4j } from '../src/commands/neo4j';
import {
  constraints,
  counts,
  createStoppedServer,
  cypher,
  dropConstraints,
  freePort,
  pauseServer,
  restartServer,
  gdsPrerequisites,
  generatedBundle,
  isDate,
  isInteger,
  isPoint,
  NEO4J_SH,
  nodeProperties,
  num,
  serverPrerequisites,
  sharedServer,
  snapshot,
  startServer,
  stopServer,
  wipe,
  type TestServer,
} from '@chokepoint/neo4j/testing';
import { DEMO, REPO, removeTempDirs, run, tempDir, TINY } from './run';

jest.setTimeout(600_000); // a safety net against a hung server, not a timing: a loaded machine takes minutes

const PASSWORD = 'chokepoint-test-pw';
const shared = sharedServer();
const prerequisites = serverPrerequisites();
const canStart = prerequisites.ok;
const reason = prerequisites.ok ? '' : prerequisites.reason;

if (!canStart && !process.env.CI) {
  // eslint-disable-next-line no-console
  console.warn(`Neo4j tests ${shared ? 'that start their own server are' : 'are'} skipped: ${reason}`);
}
const describeIf = (condition: boolean) => (condition ? describe : describe.skip);
/** Servers these tests start load the Graph Data Science library when its jars can be fetched (in CI they must). */
const gds = shared === undefined && canStart ? gdsPrerequisites() : ({ ok: true } as const);
if (!gds.ok && !process.env.CI) {
  // eslint-disable-next-line no-console
  console.warn(`Neo4j --gds tests are skipped: ${gds.reason}`);
}

/**
 * The --gds tests need the GDS jars (fetched by the test server's script). Without them they are skipped, loudly
 * (above), outside CI; in CI they run and fail. Never an early return, which would count as a pass.
 */
const itGds = gds.ok || process.env.CI ? it : it.skip;

/** In CI a machine that cannot start the test server is a failure, not a skip. */
if (!canStart && process.env.CI) {
  it('can start the Neo4j test server (Java 17/21 and Maven)', () => {
    throw new Error(`cannot start tools/neo4j-test-server: ${reason}`);
  });
}

afterAll(removeTempDirs);

// ---- helpers --------------------------------------------------------------------------------------------------

function connectionArgs(server: TestServer): string[] {
  return ['--uri', server.uri, ...(server.password === undefined ? [] : ['--user', server.user ?? 'neo4j', '--password', server.password])];
}

function driverFor(server: TestServer): Driver {
  return openDriver({ uri: server.uri, user: server.user, password: server.password });
}

/** The network as `analyze --gds` sees it (names not merged): the ties shipments imply, volumes weighed; and those weighed kg. */
async function preparedForGds(bundle: Bundle): Promise<{ bundle: Bundle; weighedKg: Map<string, number> }> {
  const prepared = (await prepareBundle(bundle, { resolve: false, geocode: true, measures: loadMeasuresData(DEFAULT_REFERENCE_DIR) })).bundle;
  return { bundle: prepared, weighedKg: new Map(prepared.shipments.filter((s) => s.kgBasis !== undefined).map((s) => [s.id, s.quantityKg!])) };
}

/** The report `chokepoint analyze` writes with default options, through the one pipeline every caller uses. */
async function reportOf(bundle: Bundle): Promise<Report> {
  const options = { reference: loadReference(), measures: loadMeasuresData(DEFAULT_REFERENCE_DIR), seed: 1, threads: 1, toolVersion: 'test' };
  return (await runAnalysis(bundle, options)).report;
}

/** CSV with RFC 4180 quoting. */
function csv(rows: string[][]): string {
  const cell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return rows.map((r) => r.map(cell).join(',')).join('\n') + '\n';
}

const INJECTIONS = [
  "x'}) DETACH DELETE n //",
  'x"}) DETACH DELETE n //',
  'x`}) MATCH (m) DETACH DELETE m //',
  "'; MATCH (n) DETACH DELETE n; //",
  "x\\'}) DETACH DELETE n //",
  '$rows',
  "{id: 'x'}) DETACH DELETE n //",
  ':Company:Admin',
  "Robert'); DROP TABLE entities;--",
  "}]->() WITH 1 AS x MATCH (n) DETACH DELETE n //",
];

// ---- the tests ------------------------------------------------------------------------------------------------

describeIf(shared !== undefined || canStart)('Neo4j: import, read back, write back (real server)', () => {
  let server: TestServer;
  let driver: Driver;
  let demo: Bundle;

  beforeAll(async () => {
    server = shared ?? (await startServer({ gds: gds.ok }));
    driver = driverFor(server);
    await wipe(driver);
    demo = await readFiles(DEMO);
  }, 180_000);

  afterAll(async () => {
    await driver?.close();
    await stopServer(server);
  }, 60_000);

  it('imports the demo scenario: one node per entity, shipment and place, one relationship per tie', async () => {
    const result = await importBundle(driver, demo);
    expect(result).toEqual({ bundle: 'border-procurement', rows: 198 + 98 + 1022 + 15, resumedFrom: 0, replaced: false, finishedBulk: false });
    const c = await counts(driver);
    const kinds = (k: string) => demo.entities.filter((e) => e.kind === k).length;
    const consigned = demo.shipments.filter((s) => s.consignee !== undefined).length;
    const paid = demo.shipments.filter((s) => s.payer !== undefined).length;
    expect(c.nodes).toBe(demo.entities.length + demo.shipments.length + demo.places.length + 1);
    expect(c.labels).toEqual({
      Bundle: 1,
      Entity: demo.entities.length,
      Company: kinds('company'),
      Person: kinds('person'),
      ...(kinds('organization') > 0 ? { Organization: kinds('organization') } : {}),
      Shipment: demo.shipments.length,
      Place: demo.places.length,
      ...Object.fromEntries(
        (
          [
            ['BorderCrossing', 'border_crossing'],
            ['Port', 'port'],
            ['Airport', 'airport'],
          ] as const
        )
          .map(([label, kind]) => [label, demo.places.filter((p) => p.kind === kind).length] as const)
          .filter(([, n]) => n > 0),
      ),
    });
    const relationTypes: Record<string, number> = {};
    for (const r of demo.relations) relationTypes[RELATION_TYPES[r.kind]] = (relationTypes[RELATION_TYPES[r.kind]] ?? 0) + 1;
    expect(c.types).toEqual({
      ...relationTypes,
      SUPPLIED: demo.shipments.length,
      BOUGHT_BY: demo.shipments.length,
      ...(consigned > 0 ? { CONSIGNED_TO: consigned } : {}),
      ...(paid > 0 ? { PAID_BY: paid } : {}),
    });
    expect(c.relationships).toBe(demo.relations.length + 2 * demo.shipments.length + consigned + paid);
    // Types as documented: integers, dates and points, so Cypher compares them naturally.
    const [row] = await cypher(driver, "MATCH (e:Company {id: 'tr-akc-01'}) RETURN e.employees AS n, e.founded AS f, e.location AS loc, e.seq AS seq");
    expect(isInteger(row.get('n'))).toBe(true);
    expect(isDate(row.get('f'))).toBe(true);
    expect(isPoint(row.get('loc'))).toBe(true);
    expect(num(row.get('seq'))).toBe(0);
  });

  it('importing the same bundle again leaves exactly the same database', async () => {
    const before = await counts(driver);
    const snapBefore = await snapshot(driver);
    await importBundle(driver, demo);
    expect(await counts(driver)).toEqual(before);
    expect(await snapshot(driver)).toEqual(snapBefore);
  });

  it('reads back a bundle identical to the files, and the same report', async () => {
    const back = await readBundle(driver);
    expect(back).toStrictEqual(demo);
    // Same key order too, so that reports are byte-identical.
    expect(JSON.stringify(back)).toBe(JSON.stringify(demo));
    expect(serializeReport(await reportOf(back))).toBe(serializeReport(await reportOf(demo)));
  });

  it('reads dates and whole numbers that another tool wrote in other types as before: a date as text read, a DateTime or a number as text left out', async () => {
    const snapBefore = await snapshot(driver);
    const other = demo.entities.find((e) => e.founded !== undefined && e.id !== 'tr-akc-01')!;
    const tie = demo.relations.find((r) => r.start === undefined && RELATION_TYPES[r.kind] !== undefined)!;
    await cypher(driver, "MATCH (e:Entity {id: 'tr-akc-01'}) SET e.founded = '2011-05-03', e.employees = '12'");
    await cypher(driver, "MATCH (e:Entity {id: $id}) SET e.founded = datetime('2011-05-03T10:00:00Z')", { id: other.id });
    await cypher(driver, `MATCH (a:Entity {id: $s})-[r:${RELATION_TYPES[tie.kind]}]->(b:Entity {id: $t}) SET r.start = date('2014-01-02'), r.end = '2015-02-03'`, { s: tie.source, t: tie.target });
    await cypher(driver, 'MATCH (sh:Shipment) SET sh.seq = toFloat(sh.seq)');
    try {
      const back = await readBundle(driver);
      const byId = new Map(back.entities.map((e) => [e.id, e]));
      expect([byId.get('tr-akc-01')!.founded, byId.get('tr-akc-01')!.employees]).toEqual(['2011-05-03', undefined]);
      expect(byId.get(other.id)!.founded).toBeUndefined();
      const read = back.relations.find((r) => r.source === tie.source && r.target === tie.target && r.kind === tie.kind)!;
      expect([read.start, read.end]).toEqual(['2014-01-02', '2015-02-03']);
      // Shipments numbered with floats come back in the same order.
      expect(back.shipments.map((x) => x.id)).toEqual(demo.shipments.map((x) => x.id));
    } finally {
      await importBundle(driver, demo);
    }
    expect(await snapshot(driver)).toEqual(snapBefore);
  });

  it('analyze --neo4j gives the report analyze gives from the files, byte for byte', async () => {
    const fromFiles = await run('analyze', DEMO, '--json', '--quiet');
    const fromNeo4j = await run('analyze', '--neo4j', server.uri, ...(server.password ? ['--neo4j-user', 'neo4j', '--neo4j-password', server.password] : []), '--json', '--quiet');
    expect(fromNeo4j.stderr).toBe('');
    expect(fromNeo4j.code).toBe(0);
    expect(fromFiles.code).toBe(0);
    expect(fromNeo4j.stdout).toBe(fromFiles.stdout);
  });

  it('--query analyzes the subgraph of the entities a Cypher query returns as n', async () => {
    const query = "MATCH (n:Company) WHERE n.country = 'TR' RETURN n";
    const sub = await readBundle(driver, { query });
    const expected = demo.entities.filter((e) => e.kind === 'company' && e.country === 'TR').map((e) => e.id);
    expect(sub.entities.map((e) => e.id)).toEqual(expected);
    const ids = new Set(expected);
    expect(sub.relations).toEqual(demo.relations.filter((r) => ids.has(r.source) && ids.has(r.target)));
    expect(sub.shipments.map((s) => s.id)).toEqual(demo.shipments.filter((s) => ids.has(s.supplier) && ids.has(s.buyer)).map((s) => s.id));
    for (const s of sub.shipments) {
      if (s.payer !== undefined) expect(ids.has(s.payer)).toBe(true);
      if (s.consignee !== undefined) expect(ids.has(s.consignee)).toBe(true);
    }
    expect(sub.places).toEqual(demo.places);
    // Parameters, and a list of nodes in n.
    const listed = await readBundle(driver, { query: 'MATCH (n:Entity) WHERE n.id IN $ids RETURN collect(n) AS n', parameters: { ids: ['tr-akc-01', 'tr-akc-02'] } });
    expect(listed.entities.map((e) => e.id)).toEqual(['tr-akc-01', 'tr-akc-02']);

    const r = await run('analyze', '--neo4j', server.uri, ...credentials(server), '--query', query, '--json', '--quiet');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // The report lists entities in canonical order (by id), whatever order they were read in.
    expect((JSON.parse(r.stdout) as Report).entities.map((e) => e.id)).toEqual([...expected].sort());
  });

  it('a --query that writes, returns no n or is not Cypher is refused with a clear message (exit 2), and writes nothing', async () => {
    const writes = 'MATCH (n:Entity) SET n.hacked = true RETURN n';
    await expect(readBundle(driver, { query: writes })).rejects.toThrow(new Neo4jQueryError('the query must only read: it tried to write, and Chokepoint runs it in a read transaction'));
    expect(num((await cypher(driver, 'MATCH (n) WHERE n.hacked IS NOT NULL RETURN count(n) AS c'))[0].get('c'))).toBe(0);
    await expect(readBundle(driver, { query: 'MATCH (x:Entity) RETURN x' })).rejects.toThrow(/must return entity nodes in a column named n \(it returned: x\)/);
    await expect(readBundle(driver, { query: 'MATCH (n:Shipment) RETURN n' })).rejects.toThrow(/nodes labelled :Entity\); it returned a node labelled :Shipment/);
    await expect(readBundle(driver, { query: 'MATCH (n' })).rejects.toThrow(/^the query failed: .*\(Statement\.SyntaxError\)$/);
    const cli = await run('analyze', '--neo4j', server.uri, ...credentials(server), '--query', writes, '--quiet');
    expect(cli.code).toBe(2);
    expect(cli.stderr).toBe('error: --query: the query must only read: it tried to write, and Chokepoint runs it in a read transaction\n');
  });

  it('write-back stores the results on the entity nodes and the red flags as :Flag nodes, idempotently', async () => {
    const fromFiles = await run('analyze', DEMO, '--json', '--quiet');
    const report = JSON.parse(fromFiles.stdout) as Report;
    const path = join(tempDir(), 'report.json');
    writeFileSync(path, fromFiles.stdout);
    const r = await run('neo4j', 'write-back', path, ...connectionArgs(server), '--quiet');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Wrote the results for ${report.entities.length} entities and ${report.flags.length} red flags`);

    const articulation = await cypher(driver, 'MATCH (c:Company) WHERE c.chokepointArticulation RETURN c.id AS id ORDER BY id');
    const expected = report.entities.filter((e) => e.kind === 'company' && e.articulation).map((e) => e.id).sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(articulation.map((x) => x.get('id'))).toEqual(expected);

    const top = report.keyNodes[0];
    const [key] = await cypher(driver, 'MATCH (e:Entity {id: $id}) RETURN e.chokepointKeyRank AS rank, e.chokepointKeyScore AS score, e.chokepointCutOff AS cut, e.chokepointCluster AS cluster', { id: top.id });
    expect(num(key.get('rank'))).toBe(1);
    expect(key.get('score')).toBe(top.score);
    expect(num(key.get('cut'))).toBe(top.cutOff);
    expect(num(key.get('cluster'))).toBe(top.cluster);
    const keyCount = await cypher(driver, 'MATCH (e:Entity) WHERE e.chokepointKeyRank IS NOT NULL RETURN count(e) AS c');
    expect(num(keyCount[0].get('c'))).toBe(report.keyNodes.length);

    const flagged = report.entities.find((e) => e.flags.length > 0)!;
    const [f] = await cypher(driver, 'MATCH (e:Entity {id: $id}) RETURN e.chokepointFlags AS flags, e.chokepointFlagCount AS n', { id: flagged.id });
    expect(f.get('flags')).toEqual(flagged.flags);
    expect(num(f.get('n'))).toBe(flagged.flags.length);
    const [flags] = await cypher(driver, 'MATCH (f:Flag) RETURN count(f) AS c');
    expect(num(flags.get('c'))).toBe(report.flags.length);
    const [links] = await cypher(driver, 'MATCH (:Flag)-[r:FLAGS]->(:Entity) RETURN count(r) AS c');
    expect(num(links.get('c'))).toBe(report.flags.reduce((s, x) => s + new Set(x.entities).size, 0));
    const first = report.flags[0];
    const [stored] = await cypher(driver, 'MATCH (f:Flag {id: $id}) RETURN f', { id: first.id });
    const props = nodeProperties(stored.get('f'));
    expect(props).toMatchObject({ id: first.id, rule: first.rule, severity: first.severity, summary: first.summary, source: first.source });
    expect(JSON.parse(props.evidenceJson as string)).toEqual(first.evidence);

    const before = await snapshot(driver);
    expect((await run('neo4j', 'write-back', path, ...connectionArgs(server), '--quiet')).code).toBe(0);
    expect(await snapshot(driver)).toEqual(before);
    await expect(writeBack(driver, { ...report, input: { ...report.input, bundle: 'other' } })).rejects.toThrow(
      new Neo4jDataError(`the report is of bundle "other" but Neo4j at ${server.uri} holds "border-procurement": write back a report of that bundle`),
    );
    // Read-back ignores the results: the bundle is unchanged.
    expect(await readBundle(driver)).toStrictEqual(demo);
  });

  it('refuses to import another bundle over the one stored unless --replace', async () => {
    const other = generatedBundle({ entities: 20, relations: 30, shipments: 10 });
    await expect(importBundle(driver, other)).rejects.toThrow(Neo4jBundleConflictError);
    await expect(importBundle(driver, other)).rejects.toThrow(/holds bundle "border-procurement": replace it to import/);
    expect((await readBundle(driver)).name).toBe('border-procurement');
    const r = await run('neo4j', 'import', DEMO, ...connectionArgs(server), '--quiet');
    expect(r.code).toBe(0); // the same bundle: no conflict
    expect(r.stdout).toContain('Imported bundle border-procurement');
    const replaced = await importBundle(driver, other, { replace: true });
    expect(replaced.replaced).toBe(true);
    expect(await readBundle(driver)).toStrictEqual(other);
    expect(num((await cypher(driver, 'MATCH (f:Flag) RETURN count(f) AS c'))[0].get('c'))).toBe(0);
  });

  it('stores every text exactly, whatever it contains: injection attempts import as data and delete nothing', async () => {
    await wipe(driver);
    await cypher(driver, "CREATE (:Canary {name: 'still here'})");
    const dir = tempDir();
    const header = ['id', 'kind', 'name', 'country', 'city', 'address', 'sector', INJECTIONS[0]];
    const entityRows = INJECTIONS.map((text, i) => [`${text}#${i}`, i % 2 === 0 ? 'company' : 'person', text, 'TR', text, text, text, text]);
    entityRows.push(['plain', 'company', 'Plain Ltd', 'TR', '', '', '', '']);
    writeFileSync(join(dir, 'entities.csv'), csv([header, ...entityRows]));
    writeFileSync(
      join(dir, 'relations.csv'),
      csv([['source', 'target', 'kind', 'note'], ...INJECTIONS.map((text, i) => [`${text}#${i}`, 'plain', 'owner', text])]),
    );
    writeFileSync(
      join(dir, 'shipments.csv'),
      csv([['id', 'supplier', 'buyer', 'commodity', 'payer', 'note'], ...INJECTIONS.map((text, i) => [text, 'plain', `${text}#${i}`, text, `${INJECTIONS[(i + 1) % INJECTIONS.length]}#${(i + 1) % INJECTIONS.length}`, text])]),
    );
    writeFileSync(
      join(dir, 'places.csv'),
      csv([['id', 'name', 'kind', 'lat', 'lon', 'countries'], ...INJECTIONS.map((text, i) => [text, text, 'port', String(36 + i / 10), '38', 'TR'])]),
    );
    const files = await readFiles(dir);
    expect(files.entities).toHaveLength(INJECTIONS.length + 1);

    const r = await run('neo4j', 'import', dir, ...connectionArgs(server), '--quiet', '--batch-size', '3');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const [canary] = await cypher(driver, 'MATCH (c:Canary) RETURN count(c) AS c');
    expect(num(canary.get('c'))).toBe(1);
    const c = await counts(driver);
    expect(c.labels.Entity).toBe(INJECTIONS.length + 1);
    expect(c.labels.Shipment).toBe(INJECTIONS.length);
    expect(c.labels.Place).toBe(INJECTIONS.length);
    expect(c.labels.Admin).toBeUndefined();
    const named = await cypher(driver, 'MATCH (c:Company {name: $name}) RETURN c.id AS id', { name: "x'}) DETACH DELETE n //" });
    expect(named.map((x) => x.get('id'))).toEqual(["x'}) DETACH DELETE n //#0"]);
    expect(await readBundle(driver)).toStrictEqual(files);

    // A label or type that is not in the whitelist never reaches Cypher.
    const forged = structuredClone(files);
    (forged.entities[0] as { kind: string }).kind = 'company:Admin {x: 1}) DETACH DELETE n //';
    forged.name = 'forged';
    await expect(importBundle(driver, forged, { replace: true })).rejects.toThrow(/unknown entity kind/);
    expect(num((await cypher(driver, 'MATCH (c:Canary) RETURN count(c) AS c'))[0].get('c'))).toBe(1);
    await cypher(driver, 'MATCH (c:Canary) DELETE c');
  });

  /**
   * Imports a bundle folder with the CLI (replacing what is stored), checks that it reads back as the files read, keys in
   * the same order, and that `analyze --neo4j` gives the report `analyze` gives from the files, byte for byte; returns it.
   */
  async function sameReportThroughNeo4j(dir: string, lenient = false): Promise<string> {
    const files = await readFiles(dir, { lenient });
    const leniently = lenient ? ['--lenient'] : [];
    const r = await run('neo4j', 'import', dir, ...connectionArgs(server), '--quiet', '--replace', ...leniently);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const back = await readBundle(driver);
    expect(back).toStrictEqual(files);
    expect(JSON.stringify(back)).toBe(JSON.stringify(files));
    const fromFiles = await run('analyze', dir, '--json', '--quiet', ...leniently);
    const fromNeo4j = await run('analyze', '--neo4j', server.uri, ...credentials(server), '--json', '--quiet', ...leniently);
    expect(fromNeo4j.stderr).toBe('');
    expect(fromNeo4j.code).toBe(0);
    expect(fromNeo4j.stdout).toBe(fromFiles.stdout);
    return fromFiles.stdout;
  }

  it('ids named like object members (toString, __proto__) import, read back, analyze and write back like any other', async () => {
    const fromFiles = await sameReportThroughNeo4j(join(__dirname, 'fixtures', 'member-names'));
    const reportPath = join(tempDir(), 'members.json');
    writeFileSync(reportPath, fromFiles);
    const back = await run('neo4j', 'write-back', reportPath, ...connectionArgs(server), '--quiet');
    expect(back.stderr).toBe('');
    expect(back.code).toBe(0);
    const report = JSON.parse(fromFiles) as Report;
    const [row] = await cypher(driver, "MATCH (e:Entity {id: '__proto__'}) RETURN e.chokepointCluster AS c");
    expect(num(row.get('c'))).toBe(report.entities.find((e) => e.id === '__proto__')!.cluster);
  });

  it("an investigator's spreadsheet habits (values written with their currency, dates with slashes) read back in the same key order: the same report", async () => {
    // Some values of a row are set after its cells are read (a currency from the value cell, a date with slashes at the
    // end of the file): the records keep one key order per file all the same, which is what Neo4j keeps.
    await sameReportThroughNeo4j(join(__dirname, 'fixtures', 'drone-parts'));
  });

  it('a spreadsheet of notes read leniently (dates in words, a GTIP line, a row skipped) reads back as the same report', async () => {
    const report = JSON.parse(await sameReportThroughNeo4j(join(__dirname, 'fixtures', 'notes-sheet'), true)) as Report;
    expect(report.input.rejected.length).toBe(1);
  });

  it("a French-speaking investigator's sheet (Windows-1252, spaces between thousands, kinds in French, CFA francs read as XOF) reads back as the same report", async () => {
    const report = JSON.parse(await sameReportThroughNeo4j(join(__dirname, 'fixtures', 'sahel-notes'), true)) as Report;
    expect(report.shipments.find((s) => s.id === 'S-001')).toMatchObject({ quantity: 20000, value: 7400, currency: 'EUR' });
    expect(report.shipments.find((s) => s.id === 'S-003')).toMatchObject({ value: 1850000, currency: 'XOF' });
  });

  it("an Arabic-speaking investigator's sheets (Arabic names and words, Arabic-Indic digits, direction marks, towns read from the Arabic script) read back as the same report", async () => {
    const report = JSON.parse(await sameReportThroughNeo4j(join(__dirname, 'fixtures', 'tigris-notes'), true)) as Report;
    expect(report.entities.find((e) => e.id === 'E06')).toMatchObject({ name: 'مكتب الرافدين للهواتف النقالة', employees: 3 });
    expect(report.geocoding.geocoded.find((g) => g.id === 'E06')?.readAs).toBe('Mosul');
  });

  it("a Russian-speaking investigator's sheets (Windows-1251, chips counted in pieces weighed by the net mass beside them) read back as the same report", async () => {
    const report = JSON.parse(await sameReportThroughNeo4j(join(__dirname, 'fixtures', 'tian-shan-notes'), true)) as Report;
    expect(report.shipments.find((s) => s.id === '10702070/150522/0012345')).toMatchObject({ quantity: 12000, unit: 'pcs', quantityKg: 45.5, kgBasis: { source: 'the mass declared in the column "Вес нетто, кг"' } });
    expect(report.measures.quantities.weighedByDeclaredMass).toBe(7);
  });

  it('keeps the rows a lenient import skipped, and imports FollowTheMoney files', async () => {
    const dir = tempDir();
    cpSync(TINY, dir, { recursive: true });
    writeFileSync(join(dir, 'relations.csv'), `${readFileSync(join(dir, 'relations.csv'), 'utf8')}aile,ghost,family,,,\nhat,ova,customer,,,\n`);
    const strict = await run('neo4j', 'import', dir, ...connectionArgs(server), '--replace', '--quiet');
    expect(strict.code).toBe(3);
    const lenient = await run('neo4j', 'import', dir, ...connectionArgs(server), '--replace', '--lenient', '--quiet', '--json');
    expect(lenient.code).toBe(0);
    expect(JSON.parse(lenient.stdout)).toMatchObject({ replaced: true, resumedFrom: 0 });
    const files = await readFiles(dir, { lenient: true });
    expect(files.rejected.length).toBe(2);
    expect(await readBundle(driver)).toStrictEqual(files);

    const ftm = join(REPO, 'packages', 'ingest', 'test', 'fixtures', 'ftm', 'donations.ijson');
    const r = await run('neo4j', 'import', ftm, ...connectionArgs(server), '--replace', '--quiet');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const bundle = await readFtm(ftm);
    expect(bundle.entities.length).toBeGreaterThan(0);
    expect(await readBundle(driver)).toStrictEqual(bundle);
  });

  it('an import killed part-way resumes when run again: nothing lost, no duplicates', async () => {
    await wipe(driver);
    const empty = await readBundle(driver).catch((err: unknown) => err);
    expect(empty).toEqual(new Neo4jDataError(`Neo4j at ${server.uri} holds no Chokepoint bundle: import one first`));
    expect(describeError(empty)).toEqual({ code: 3, message: `error: Neo4j at ${server.uri} holds no Chokepoint bundle: import one first (chokepoint neo4j import <bundle-dir>)` });
    const bundle = generatedBundle({ entities: 3000, relations: 5000, shipments: 2000, places: 6 }, 11, 'killed');
    const doomed = driverFor(server);
    let killedAt = 0;
    const killed = importBundle(doomed, bundle, {
      batchSize: 500,
      onProgress: (p) => {
        if (p.done >= 2500 && killedAt === 0) {
          killedAt = p.done;
          void doomed.close(); // the process dies: the connection goes, the next batch never commits
        }
      },
    });
    await expect(killed).rejects.toThrow(Neo4jUnavailableError);
    expect(killedAt).toBe(2500);
    expect((await counts(driver)).labels.Entity).toBe(2500);
    await expect(readBundle(driver)).rejects.toThrow(new Neo4jDataError(`the import of bundle "killed" into Neo4j at ${server.uri} did not finish: run chokepoint neo4j import again (it resumes where it stopped)`));

    const seen: number[] = [];
    const resumed = await importBundle(driver, bundle, { batchSize: 700, onProgress: (p) => seen.push(p.done) });
    expect(resumed.resumedFrom).toBe(2500);
    expect(seen[0]).toBe(2500);
    expect(await readBundle(driver)).toStrictEqual(bundle);
    const afterResume = await snapshot(driver);
    const countsAfterResume = await counts(driver);

    await wipe(driver);
    await importBundle(driver, bundle);
    expect(await counts(driver)).toEqual(countsAfterResume);
    expect(await snapshot(driver)).toEqual(afterResume);
  });

  it('a chokepoint process killed (SIGKILL) in the middle of an import: the re-run completes, nothing lost, no duplicates', async () => {
    await wipe(driver);
    const dir = tempDir();
    const n = 12_000;
    writeFileSync(join(dir, 'entities.csv'), csv([['id', 'kind', 'name', 'country'], ...Array.from({ length: n }, (_, i) => [`k${i}`, i % 9 === 0 ? 'person' : 'company', `Kill Test ${i}`, 'TR'])]));
    writeFileSync(
      join(dir, 'relations.csv'),
      csv([['source', 'target', 'kind'], ...Array.from({ length: n }, (_, i) => [`k${i}`, `k${(i * 7 + 1) % n}`, i % 2 === 0 ? 'owner' : 'director'])]),
    );
    const files = await readFiles(dir);
    const bin = join(REPO, 'packages', 'cli', 'dist', 'bin.js');
    const child = spawn(process.execPath, [bin, 'neo4j', 'import', dir, ...connectionArgs(server), '--batch-size', '500', '--quiet'], { stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    // Kill it once some batches are committed, without warning: no handler of ours runs.
    let stored = 0;
    for (let i = 0; i < 600 && stored < 2000; i++) {
      await new Promise((r) => setTimeout(r, 50));
      stored = num((await cypher(driver, 'MATCH (e:Entity) RETURN count(e) AS c'))[0].get('c'));
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const partial = (await counts(driver)).labels.Entity ?? 0;
    expect(partial).toBeGreaterThanOrEqual(2000);
    expect(partial).toBeLessThan(n);
    await expect(readBundle(driver)).rejects.toThrow(/did not finish: run chokepoint neo4j import again/);

    const again = await run('neo4j', 'import', dir, ...connectionArgs(server), '--quiet', '--json');
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect((JSON.parse(again.stdout) as { resumedFrom: number }).resumedFrom).toBeGreaterThanOrEqual(partial);
    expect(await readBundle(driver)).toStrictEqual(files);
    const resumed = { counts: await counts(driver), snapshot: await snapshot(driver) };
    await wipe(driver);
    expect((await run('neo4j', 'import', dir, ...connectionArgs(server), '--quiet')).code).toBe(0);
    expect({ counts: await counts(driver), snapshot: await snapshot(driver) }).toEqual(resumed);
  });

  it('an unknown database is a clear error (exit 2)', async () => {
    await expect(importBundle(driver, demo, { database: 'nope' })).rejects.toThrow(
      new Neo4jDatabaseNotFoundError(`Neo4j at ${server.uri} has no database "nope": check the database name (Neo4j Community has only "neo4j"; SHOW DATABASES lists them)`),
    );
    const r = await run('neo4j', 'import', DEMO, ...connectionArgs(server), '--database', 'nope', '--quiet');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: Neo4j at bolt:\/\/127\.0\.0\.1:\d+ has no database "nope": check the database name [^\n]*\(--database, or NEO4J_DATABASE\)\n$/);
  });

  it('--gds projects in the database the same weighted network as the engine', async () => {
    await importBundle(driver, demo, { replace: true });
    const prepared = await preparedForGds(demo);
    const ours = new Map(projectionPairs(prepared.bundle).map((p) => [[prepared.bundle.entities[p.source].id, prepared.bundle.entities[p.target].id].sort().join('\u0000'), p.weight]));
    const pairs = await projectionWeights(driver, { weighedKg: prepared.weighedKg });
    expect(pairs).toHaveLength(ours.size);
    for (const { a, b, weight } of pairs) expect(weight).toBeCloseTo(ours.get([a, b].sort().join('\u0000'))!, 12);
  });

  itGds('--gds runs Louvain and betweenness in Neo4j (GDS) instead: the same betweenness as the engine, good clusters, a reproducible report', async () => {
    expect(await gdsAvailable(driver)).toBe(true);
    await importBundle(driver, demo, { replace: true });
    const prepared = await preparedForGds(demo);
    const engine = await analyzeAsync(prepared.bundle, { seed: 1, threads: 1 });
    const result = await runGds(driver, { weighedKg: prepared.weighedKg });
    expect(result.gdsVersion).toMatch(/^2\.13\./);
    expect(result.nodes).toBe(demo.entities.length);
    // GDS's betweenness, normalized as ours, is the engine's: an independent implementation agrees.
    const n = result.nodes;
    const scale = 2 / ((n - 1) * (n - 2));
    for (const e of engine.entities) expect(result.betweenness!.get(e.id)! * scale).toBeCloseTo(e.betweenness, 9);
    // GDS's Louvain finds about as good a partition as ours, and keeps the Akçakale group together.
    const theirs = clustersFromAssignmentCSR(projectBundle(prepared.bundle), result.communities);
    expect(theirs.modularity).toBeGreaterThan(engine.network.modularity - 0.05);
    const akcakale = demo.entities.filter((e) => e.id.startsWith('tr-akc-')).map((e) => theirs.cluster.get(e.id));
    expect(new Set(akcakale).size).toBe(1);

    const args = ['analyze', '--neo4j', server.uri, ...credentials(server), '--gds', '--json', '--quiet'];
    const first = await run(...args);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const report = JSON.parse(first.stdout) as Report;
    expect(report.network.computedBy).toMatch(/^Neo4j Graph Data Science 2\.13\.\d+ \(gds\.louvain, weighted, 1 thread; gds\.betweenness, exact, 1 thread\)$/);
    expect(report.network.modularity).toBeCloseTo(theirs.modularity, 12);
    expect(report.clusters.map((c) => c.members)).toEqual(theirs.members);
    for (const e of report.entities) expect(e.betweenness).toBeCloseTo(engine.entities.find((x) => x.id === e.id)!.betweenness, 9);
    expect(report.keyNodes[0].id).toBe((await reportOf(demo)).keyNodes[0].id);
    expect((await run(...args)).stdout).toBe(first.stdout); // the same database gives the same report
    // Nothing was written to the database.
    expect(num((await cypher(driver, 'MATCH (e:Entity) WHERE size(keys(e)) <> size([k IN keys(e) WHERE NOT k STARTS WITH "gds"]) RETURN count(e) AS c'))[0].get('c'))).toBe(0);

    // With --query, GDS sees only the selection, as the engine would.
    const query = "MATCH (n:Company) WHERE n.country = 'TR' RETURN n";
    const sub = await run('analyze', '--neo4j', server.uri, ...credentials(server), '--gds', '--query', query, '--json', '--quiet');
    expect(sub.code).toBe(0);
    const subReport = JSON.parse(sub.stdout) as Report;
    const subEngine = await analyzeAsync((await preparedForGds(await readBundle(driver, { query }))).bundle, { seed: 1, threads: 1 });
    expect(subReport.entities.map((e) => e.id)).toEqual(subEngine.entities.map((e) => e.id));
    subReport.entities.forEach((e, i) => expect(e.betweenness).toBeCloseTo(subEngine.entities[i].betweenness, 9));

    // --epsilon (or more than 20,000 entities): GDS finds the clusters, Chokepoint estimates betweenness on the same
    // network, with analyze's seed and the bound it states, as analyze does without --gds.
    const epsilon = await run('analyze', '--neo4j', server.uri, ...credentials(server), '--gds', '--epsilon', '0.2', '--seed', '3', '--threads', '1', '--json', '--quiet');
    expect(epsilon.stderr).toBe('');
    expect(epsilon.code).toBe(0);
    const sampledReport = JSON.parse(epsilon.stdout) as Report;
    const sampledEngine = await analyzeAsync(prepared.bundle, { seed: 3, threads: 1, betweenness: { epsilon: 0.2 } });
    expect(sampledReport.network.betweenness).toEqual(sampledEngine.network.betweenness);
    expect(sampledReport.network.betweenness.exact).toBe(false);
    expect(sampledReport.network.computedBy).toMatch(/; betweenness by Chokepoint on the same network \(\d+ shortest paths sampled, ±0\.2, 90 % confidence, 1 thread\): GDS samples sources by degree, without a stated bound$/);
    for (const e of sampledReport.entities) expect(e.betweenness).toBeCloseTo(sampledEngine.entities.find((x) => x.id === e.id)!.betweenness, 12);
    expect(sampledReport.clusters.map((c) => c.members)).toEqual(report.clusters.map((c) => c.members));
  });

  itGds('--gds where betweenness is estimated (above the exact limit): GDS finds the clusters, Chokepoint estimates betweenness on the same network with its bound', async () => {
    await importBundle(driver, demo, { replace: true });
    const prepared = await preparedForGds(demo);
    const source = { uri: server.uri, user: server.user, password: server.password };
    const sampled = await gdsResultsFromNeo4j(source, prepared.bundle, { betweenness: { epsilon: 0.2 }, seed: 3, threads: 1 });
    // The engine's estimate, as analyze makes it without --gds: the same sources, the same values, the same bound.
    const engine = await analyzeAsync(prepared.bundle, { seed: 3, threads: 1, betweenness: { epsilon: 0.2 } });
    expect(sampled.betweennessInfo).toEqual(engine.network.betweenness);
    expect(sampled.betweennessInfo.exact).toBe(false);
    for (const e of engine.entities) expect(sampled.betweenness.get(e.id)).toBe(e.betweenness);
    expect(sampled.computedBy).toMatch(
      /^Neo4j Graph Data Science 2\.13\.\d+ \(gds\.louvain, weighted, 1 thread\); betweenness by Chokepoint on the same network \(\d+ shortest paths sampled, ±0\.2, 90 % confidence, 1 thread\): GDS samples sources by degree, without a stated bound$/,
    );
    // GDS's clusters are those of the exact run (the thread count alone still means: all of it in GDS, exactly).
    const exact = await gdsResultsFromNeo4j(source, prepared.bundle, 1);
    expect(exact.betweennessInfo.exact).toBe(true);
    expect(sampled.communities).toEqual(exact.communities);
    // The report says who computed what, and states the bound.
    const analysis = await analyzeAsync(prepared.bundle, { seed: 3, external: sampled });
    expect(analysis.network.computedBy).toBe(sampled.computedBy);
    expect(analysis.network.betweenness).toEqual(engine.network.betweenness);
  });
});

function credentials(server: TestServer): string[] {
  return server.password === undefined ? [] : ['--neo4j-user', server.user ?? 'neo4j', '--neo4j-password', server.password];
}

describe('Neo4j: no server listening', () => {
  it('connection refused is Neo4jUnavailableError with a one-line message, and exit 4', async () => {
    const port = await freePort();
    const uri = `bolt://127.0.0.1:${port}`;
    const driver = openDriver({ uri });
    const message = `cannot reach Neo4j at ${uri}: is the server running? (connection refused)`;
    try {
      await expect(importBundle(driver, generatedBundle({ entities: 5, relations: 3, shipments: 2 }))).rejects.toThrow(new Neo4jUnavailableError(message));
      await expect(readBundle(driver)).rejects.toThrow(new Neo4jUnavailableError(message));
    } finally {
      await driver.close();
    }
    const imported = await run('neo4j', 'import', DEMO, '--uri', uri, '--quiet');
    expect(imported.code).toBe(4);
    expect(imported.stderr).toBe(`error: ${message}\n`);
    const analyzed = await run('analyze', '--neo4j', uri, '--quiet');
    expect(analyzed.code).toBe(4);
    expect(analyzed.stderr).toBe(`error: ${message}\n`);
  });

  it('a URI the driver does not understand is a usage error', async () => {
    const r = await run('neo4j', 'import', DEMO, '--uri', 'http://127.0.0.1:7474', '--quiet');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: cannot use the Neo4j URI "http:\/\/127\.0\.0\.1:7474": give one like bolt:\/\/127\.0\.0\.1:7687/);
  });

  it('analyze takes a bundle or --neo4j, not both, not neither; Neo4j options need --neo4j', async () => {
    expect((await run('analyze', '--quiet')).stderr).toMatch(/give a bundle \(a folder of CSV files or a \.jsonl file\) or --neo4j <uri>/);
    const both = await run('analyze', DEMO, '--neo4j', 'bolt://127.0.0.1:1', '--quiet');
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/give either a bundle .* or --neo4j, not both/);
    const stray = await run('analyze', DEMO, '--query', 'MATCH (n) RETURN n', '--quiet');
    expect(stray.code).toBe(2);
    expect(stray.stderr).toMatch(/--query only works with --neo4j <uri>/);
  });
});

/**
 * A bundle on disk for the bulk test: generated rows, plus ids and names that break naive CSV, Cypher and JavaScript
 * objects (quotes, delimiters, line breaks, injection attempts, member names), an extra column, and a place without
 * countries (which a CSV list cannot hold, so the finishing import writes it and the places after it).
 */
function writeHostileBundle(dir: string): void {
  const n = 1500;
  const hostile = [...INJECTIONS, 'a,b', 'say "hi"', 'Line\nBreak Ltd', 'Windows\r\nLine', ' padded ', '=HYPERLINK("x")', 'ünï 😀', '__proto__', 'toString', 'constructor', ';|'];
  // Ids may not hold control characters (ingest refuses them); names and other text may.
  const idOf = (t: string) => t.replace(/[\r\n]/g, ' ');
  const ids = [...Array.from({ length: n }, (_, i) => `g${i}`), ...hostile.map((t, i) => (i >= hostile.length - 4 ? t : `${idOf(t)}#${i}`))];
  const rnd = seededRandom(3);
  const pick = () => ids[Math.floor(rnd() * ids.length)];
  const entities = ids.map((id, i) => [
    id,
    i % 10 === 0 ? 'person' : i % 37 === 0 ? 'organization' : 'company',
    i < n ? `Entity ${i}` : hostile[i - n],
    ['TR', 'SY', 'GB', 'DK'][i % 4],
    i % 3 === 0 ? '' : `City ${i % 20}`,
    i % 4 === 0 ? '' : (36 + rnd()).toFixed(4),
    i % 4 === 0 ? '' : (38 + rnd()).toFixed(4),
    i % 5 === 0 ? String(Math.floor(rnd() * 500)) : '',
    i % 7 === 0 ? `20${String(10 + (i % 10))}-0${1 + (i % 9)}-1${i % 10}` : '',
    // The phone is a checked column (7 to 17 digits); text with quotes and a line break goes to a column of the user's own.
    i % 11 === 0 ? `+90 414 431 ${String(i).padStart(2, '0')}` : '',
    i % 11 === 0 ? `+90 "${i}"\n(mobile)` : '',
  ]);
  writeFileSync(join(dir, 'entities.csv'), csv([['id', 'kind', 'name', 'country', 'city', 'lat', 'lon', 'employees', 'founded', 'phone', 'remarks'], ...entities]));
  const kinds = ['owner', 'director', 'family', 'employee', 'shared_address', 'associate', 'agent'];
  const relations = Array.from({ length: 3000 }, (_, i) => {
    const a = pick();
    let b = pick();
    if (b === a) b = ids[(ids.indexOf(a) + 1) % ids.length];
    return [a, b, kinds[i % kinds.length], i % 7 === 0 ? String(Math.round(rnd() * 1000) / 10) : '', i % 6 === 0 ? '2015-03-01' : ''];
  });
  writeFileSync(join(dir, 'relations.csv'), csv([['source', 'target', 'kind', 'share', 'start'], ...relations]));
  const shipments = Array.from({ length: 1500 }, (_, i) => {
    const a = pick();
    let b = pick();
    if (b === a) b = ids[(ids.indexOf(a) + 1) % ids.length];
    return [
      i % 50 === 0 ? `${idOf(hostile[(i / 50) % hostile.length])}#s${i}` : `s${i}`,
      a,
      b,
      ['urea fertiliser', 'aluminium paste', 'mobile phones'][i % 3],
      i % 2 === 0 ? String(Math.round(rnd() * 1000) / 10) : '',
      i % 2 === 0 ? ['kg', 't', 'l', 'pcs'][(i / 2) % 4] : '',
      i % 3 === 0 ? String(Math.round(rnd() * 100000)) : '',
      i % 3 === 0 ? 'EUR' : '',
      i % 13 === 0 ? pick() : '',
      i % 17 === 0 ? pick() : '',
      // Every column of the contract reaches the database: the stated concentration, the route, the HS code.
      i % 5 === 0 ? String(Math.round(rnd() * 1000) / 10) : '',
      i % 4 === 0 ? ['AE|GE', 'GE', 'KZ|RU|GE'][(i / 4) % 3] : '',
      i % 6 === 0 ? ['3103.10', '760310', '8517.13'][(i / 6) % 3] : '',
    ];
  });
  writeFileSync(
    join(dir, 'shipments.csv'),
    csv([['id', 'supplier', 'buyer', 'commodity', 'quantity', 'unit', 'value', 'currency', 'payer', 'consignee', 'concentration', 'transit_countries', 'hs_code'], ...shipments]),
  );
  writeFileSync(
    join(dir, 'places.csv'),
    csv([
      ['id', 'name', 'kind', 'lat', 'lon', 'countries'],
      ['p0', 'Akçakale "crossing"', 'border_crossing', '36.6936', '38.9436', 'TR|SY'],
      ['p1', 'Mersin\nport', 'port', '36.7954', '34.6346', 'TR'],
      ['p2', 'Nowhere in particular', 'airport', '37.0', '35.0', ''],
      ['__proto__', 'Ceylanpınar', 'border_crossing', '36.8417', '40.0403', 'TR|SY'],
    ]),
  );
}

/**
 * The bulk path against its own server: the tests' server cannot be stopped, and neo4j-admin writes a database of a
 * stopped server. It must give the database the MERGE path gives: node by node, relationship by relationship, property
 * by property, the same constraints, and the same report from `analyze --neo4j`.
 */
describeIf(canStart)('Neo4j: bulk import with neo4j-admin (its own server, stopped for the import)', () => {
  let server: TestServer & { home: string };
  let driver: Driver | undefined;
  let demo: Bundle;
  const uriArgs = () => ['--uri', server.uri];
  const state = async (d: Driver) => ({ counts: await counts(d), snapshot: await snapshot(d), constraints: await constraints(d) });
  const analyzed = async () => {
    const r = await run('analyze', '--neo4j', server.uri, '--json', '--quiet');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return r.stdout;
  };
  /** The MERGE path on the same server: everything deleted, constraints too, then `chokepoint neo4j import`. */
  const mergeImport = async (d: Driver, path: string) => {
    await wipe(d);
    await dropConstraints(d);
    const merged = await run('neo4j', 'import', path, ...uriArgs(), '--quiet', '--json');
    expect(merged.stderr).toBe('');
    expect(merged.code).toBe(0);
    expect(JSON.parse(merged.stdout)).toMatchObject({ mode: 'merge', resumedFrom: 0, finishedBulk: false });
  };

  beforeAll(async () => {
    server = await createStoppedServer();
    demo = await readFiles(DEMO);
  }, 180_000);
  afterAll(async () => {
    await driver?.close();
    await stopServer(server);
  }, 60_000);

  it('the demo: neo4j-admin writes it, the next import finishes it; the same database and report as the MERGE path', async () => {
    const bulk = await run('neo4j', 'import', DEMO, '--bulk', '--neo4j-home', server.home, ...uriArgs(), '--quiet', '--json');
    expect(bulk.stderr).toBe('');
    expect(bulk.code).toBe(0);
    expect(JSON.parse(bulk.stdout)).toMatchObject({ mode: 'bulk', finished: false, rows: 1333, bulkRows: 1333, database: 'neo4j' });

    // Written: a second bulk import is refused, the database exists (nothing is replaced without asking).
    const again = await run('neo4j', 'import', DEMO, '--bulk', '--neo4j-home', server.home, ...uriArgs(), '--quiet');
    expect(again.code).toBe(2);
    expect(again.stderr).toBe(
      `error: Neo4j's database "neo4j" in ${server.home} already exists (a server that has run once creates it, even empty): replace it to import in bulk (everything in that database is deleted), or import without bulk into what it holds (chokepoint neo4j import --replace; or --database to use another database)\n`,
    );

    await restartServer(server);
    driver = driverFor(server);
    // Not ready until the constraints are there: reading it says what to do.
    const unfinished = await readBundle(driver).catch((err: unknown) => err);
    expect(unfinished).toEqual(
      new Neo4jDataError(`the bulk import of bundle "border-procurement" into Neo4j at ${server.uri} is not finished: import the same bundle again, now that the server is up (it creates the constraints and writes no row twice)`),
    );
    const notReady = await run('analyze', '--neo4j', server.uri, '--quiet');
    expect(notReady.code).toBe(3);
    expect(notReady.stderr).toBe(`error: ${(unfinished as Error).message} (chokepoint neo4j import <bundle-dir>)\n`);
    expect(await constraints(driver)).toEqual([]);
    const finish = await run('neo4j', 'import', DEMO, ...uriArgs());
    expect(finish.code).toBe(0);
    expect(finish.stderr).toMatch(/^chokepoint: finishing the bulk import of this bundle: creating the constraints \((?:\d+ min )?[\d.]+ s\)$/m);
    expect(finish.stdout).toMatch(/^Finished the bulk import of bundle border-procurement in Neo4j at bolt:\/\/127\.0\.0\.1:\d+: created the constraints in [\d.]+ s\.\n/);
    expect(await readBundle(driver)).toStrictEqual(demo);
    const bulkState = await state(driver);
    expect(bulkState.constraints).toHaveLength(CONSTRAINTS.length);
    const bulkReport = await analyzed();
    expect(bulkReport).toBe((await run('analyze', DEMO, '--json', '--quiet')).stdout);

    // The MERGE path on the database loaded in bulk: the same bundle again is an idempotent update (nothing resumed,
    // nothing replaced, nothing changed).
    const rerun = await run('neo4j', 'import', DEMO, ...uriArgs(), '--quiet', '--json');
    expect(rerun.stderr).toBe('');
    expect(rerun.code).toBe(0);
    expect(JSON.parse(rerun.stdout)).toMatchObject({ mode: 'merge', resumedFrom: 0, replaced: false, finishedBulk: false });
    expect(await state(driver)).toEqual(bulkState);

    // A bulk import while the server runs is refused by neo4j-admin, and changes nothing.
    const running = await run('neo4j', 'import', DEMO, '--bulk', '--neo4j-home', server.home, ...uriArgs(), '--replace', '--quiet');
    expect(running.code).toBe(2);
    expect(running.stderr).toBe(`error: Neo4j's database "neo4j" in ${server.home} is in use: stop the Neo4j server first (a bulk import writes the database files directly)\n`);
    expect(await state(driver)).toEqual(bulkState);

    await mergeImport(driver, DEMO);
    expect(await state(driver)).toEqual(bulkState);
    expect(await analyzed()).toBe(bulkReport);
  }, 1_200_000);

  it('a generated bundle with hostile ids and text, in one command (--replace --start): the same database and report as the MERGE path', async () => {
    const dir = tempDir();
    writeHostileBundle(dir);
    const files = await readFiles(dir);
    await driver?.close();
    driver = undefined;
    await pauseServer(server);

    const bulk = await run('neo4j', 'import', dir, '--bulk', '--neo4j-home', server.home, ...uriArgs(), '--replace', '--start', '--json');
    expect(bulk.code).toBe(0);
    const summary = JSON.parse(bulk.stdout) as { finished: boolean; rows: number; bulkRows: number };
    // The place without countries, and the one after it, are written by the finishing import.
    expect(summary).toMatchObject({ mode: 'bulk', finished: true, rows: files.entities.length + files.relations.length + files.shipments.length + 4 });
    expect(summary.bulkRows).toBe(summary.rows - 2);
    expect(bulk.stderr).toMatch(/^chokepoint: finishing the bulk import of this bundle: creating the constraints, then writing the 2 rows neo4j-admin could not hold \((?:\d+ min )?[\d.]+ s\)$/m);
    driver = driverFor(server);
    expect(await readBundle(driver)).toStrictEqual(files);
    const named = await cypher(driver, 'MATCH (c:Entity {name: $name}) RETURN c.id AS id', { name: 'Line\nBreak Ltd' });
    expect(named.map((r) => r.get('id'))).toEqual([`Line Break Ltd#${INJECTIONS.length + 2}`]);
    expect((await counts(driver)).labels.Admin).toBeUndefined();
    const bulkState = await state(driver);
    const bulkReport = await analyzed();
    expect(bulkReport).toBe((await run('analyze', dir, '--json', '--quiet')).stdout);

    // A new version of the bundle, imported with the MERGE path over the database loaded in bulk (--replace): the
    // database then holds that version, as a MERGE import into an empty database would.
    const next = tempDir();
    writeHostileBundle(next);
    const entitiesCsv = readFileSync(join(next, 'entities.csv'), 'utf8');
    writeFileSync(join(next, 'entities.csv'), entitiesCsv.replace('Entity 7,', 'Entity Seven (renamed),'));
    const nextFiles = await readFiles(next);
    expect(nextFiles.entities.find((e) => e.id === 'g7')?.name).toBe('Entity Seven (renamed)');
    const update = await run('neo4j', 'import', next, ...uriArgs(), '--replace', '--quiet', '--json');
    expect(update.stderr).toBe('');
    expect(update.code).toBe(0);
    expect(JSON.parse(update.stdout)).toMatchObject({ mode: 'merge', replaced: true, resumedFrom: 0, finishedBulk: false });
    expect(await readBundle(driver)).toStrictEqual(nextFiles);
    const updated = await state(driver);
    expect(updated.constraints).toEqual(bulkState.constraints);
    await mergeImport(driver, next);
    expect(await state(driver)).toEqual(updated);

    await mergeImport(driver, dir);
    expect(await state(driver)).toEqual(bulkState);
    expect(await analyzed()).toBe(bulkReport);
  }, 1_200_000);

  it('--bulk needs the Neo4j installation; its options need --bulk', async () => {
    const env = process.env.NEO4J_HOME;
    delete process.env.NEO4J_HOME;
    try {
      const none = await run('neo4j', 'import', DEMO, '--bulk', '--quiet');
      expect(none.code).toBe(2);
      expect(none.stderr).toMatch(/^error: --bulk writes the database files with neo4j-admin: give the Neo4j installation folder with --neo4j-home <dir> \(or NEO4J_HOME\)/);
    } finally {
      if (env !== undefined) process.env.NEO4J_HOME = env;
    }
    const wrong = await run('neo4j', 'import', DEMO, '--bulk', '--neo4j-home', REPO, '--quiet');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/is not a Neo4j installation: it has no bin\/neo4j-admin/);
    const stray = await run('neo4j', 'import', DEMO, '--start', '--neo4j-home', server.home, '--quiet');
    expect(stray.code).toBe(2);
    expect(stray.stderr).toMatch(/^error: --neo4j-home, --start only work with --bulk/);
  });
});

describeIf(canStart)('Neo4j: a server with a password, then stopped mid-import', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer({ password: PASSWORD });
  }, 180_000);
  afterAll(() => stopServer(server), 60_000);

  it('a wrong or missing password is Neo4jAuthError (exit 2); the right one works', async () => {
    const bundle = generatedBundle({ entities: 5, relations: 3, shipments: 2 });
    const wrong = openDriver({ uri: server.uri, user: 'neo4j', password: 'not-the-password' });
    const none = openDriver({ uri: server.uri });
    const right = openDriver({ uri: server.uri, user: 'neo4j', password: PASSWORD });
    try {
      await expect(importBundle(wrong, bundle)).rejects.toThrow(
        new Neo4jAuthError(`Neo4j at ${server.uri} refused to log in (wrong user name or password): check the user name and password`),
      );
      await expect(importBundle(none, bundle)).rejects.toThrow(/refused to log in \(it needs a user name and password\)/);
      await expect(importBundle(right, bundle)).resolves.toMatchObject({ rows: 13 });
    } finally {
      await Promise.all([wrong.close(), none.close(), right.close()]);
    }
    const r = await run('neo4j', 'import', DEMO, '--uri', server.uri, '--user', 'neo4j', '--password', 'not-the-password', '--quiet');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: Neo4j at bolt:\/\/127\.0\.0\.1:\d+ refused to log in \(wrong user name or password\): check the user name and password \(--user and --password, or NEO4J_USER and NEO4J_PASSWORD\)\n$/);
  });

  it('--gds without the Graph Data Science library says so (exit 2)', async () => {
    const driver = openDriver({ uri: server.uri, user: 'neo4j', password: PASSWORD });
    try {
      expect(await gdsAvailable(driver)).toBe(false);
      await expect(requireGds(driver)).rejects.toThrow(GdsMissingError);
    } finally {
      await driver.close();
    }
    const r = await run('analyze', '--neo4j', server.uri, '--neo4j-user', 'neo4j', '--neo4j-password', PASSWORD, '--gds', '--quiet');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `error: the Graph Data Science library is not installed on Neo4j at ${server.uri} (CALL gds.version() failed): install the GDS plugin on the server, or let Chokepoint compute clusters and betweenness itself (run without --gds)\n`,
    );
  });

  it('the server stopping in the middle of an import is Neo4jUnavailableError (exit 4)', async () => {
    const driver = openDriver({ uri: server.uri, user: 'neo4j', password: PASSWORD });
    const big = generatedBundle({ entities: 200_000, relations: 0, shipments: 0, places: 0 }, 3, 'big');
    let stopping: Promise<void> | undefined;
    let done = 0;
    try {
      const error = await importBundle(driver, big, {
        batchSize: 100,
        replace: true,
        onProgress: (p) => {
          done = p.done;
          if (stopping === undefined && p.done >= 500) {
            stopping = new Promise((resolve) => spawn(NEO4J_SH, ['stop', '--port', String(server.port)], { stdio: 'ignore' }).on('close', () => resolve()));
          }
        },
      }).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(error).toBeInstanceOf(Neo4jUnavailableError);
      expect((error as Error).message).toMatch(
        new RegExp(
          `^(lost the connection to Neo4j at ${server.uri}: the server stopped or restarted;|Neo4j at ${server.uri} stopped serving the default database \\(it is shutting down or restarting\\):) run the command again when it is back, and the import resumes where it stopped`,
        ),
      );
      expect((error as Error).message).not.toContain('\n');
      expect(describeError(error)).toEqual({ code: 4, message: `error: ${(error as Error).message}` });
      expect(done).toBeLessThan(big.entities.length);
      expect(error).toBeInstanceOf(Neo4jError);
    } finally {
      await stopping;
      await driver.close();
    }
  });
});
