import type { Report } from '@chokepoint/report';
import { buildOverview, buildScaleIndex, clusterNeighbourhood, DEFAULT_LIMITS, overviewClusterCount, entityNeighbourhood, judgedPairs, opensOnOverview, ScopeNotFoundError, searchEntities } from '../src/node/scale';
import { startViewerServer } from '../src/node/server';
import { CaseStore } from '../src/node/case-store';
import { buildModel } from '../src/web/core/model';
import { countWords, keepMore, scopeOf, scopeTitle, neighbourhoodUrl, withKeptPairs } from '../src/web/core/scope';
import { clusterRing, clusterSeedLayout, DISC_ROOM, forceSettings, separateDiscs, separateDiscsInFrame, warmUpIterations, type Point } from '../src/web/core/layout';
import { nodeSize, nodeSizes } from '../src/web/core/style';
import { reviewCounts } from '../src/web/core/case';
import { ruleTable } from '../src/web/core/flags';
import { emptyCase, setFlagStatus, setJudgement } from '@chokepoint/case';
import { carryPairs, entityName, possiblePairs, samePairs } from '../src/web/core/same';
import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import { v2Report } from './fixture';

/** A report of `clusters` clusters of `size` entities in a ring: each entity tied to the next, each cluster to the next. */
function ring(clusters: number, size: number): Report {
  const base = v2Report();
  const entities: Report['entities'] = [];
  const relations: Report['relations'] = [];
  const shipments: Report['shipments'] = [];
  for (let c = 1; c <= clusters; c++) {
    for (let k = 0; k < size; k++) {
      const id = `e${c}-${k}`;
      entities.push({ ...base.entities[0], id, name: `Entity ${c}-${k}`, cluster: c, group: 0, lat: 10 + c, lon: 20 + k, flags: c === 2 && k === 0 ? ['f1'] : [] });
      if (k > 0) relations.push({ source: `e${c}-${k - 1}`, target: id, kind: 'associate' as const, attributes: {} });
    }
    const next = (c % clusters) + 1;
    shipments.push({ id: `s${c}`, supplier: `e${c}-0`, buyer: `e${next}-0`, commodity: 'goods', attributes: {} });
  }
  const members = (c: number) => entities.filter((e) => e.cluster === c).map((e) => e.id);
  return {
    ...base,
    entities,
    relations,
    shipments,
    clusters: Array.from({ length: clusters }, (_, i) => ({ ...base.clusters[0], id: i + 1, members: members(i + 1), size: size, hub: `e${i + 1}-0`, borderProximate: i === 0 })),
    groups: [],
    keyNodes: [],
    controllers: [],
    flags: [],
  } as Report;
}

describe('the overview of a large report', () => {
  it('has one node per cluster, sized by its members, and one tie per pair of clusters counting what joins them', () => {
    const report = v2Report();
    const overview = buildOverview(buildScaleIndex(report));
    expect(overview.entities.map((e) => e.id)).toEqual(['cluster:1', 'cluster:2']);
    expect(overview.entities[0]).toMatchObject({ cluster: 1, lat: 13.7, lon: 5.3, flags: ['f1', 'f2', 'f3', 'f4'] });
    expect(overview.entities[0].attributes).toMatchObject({ members: '5', 'flagged members': '2', 'near border crossing': 'Illela (5 km)' });
    // y–c1 (paid_for) and three shipments s → c1, c2: 1 relation and 3 shipments join the two clusters.
    expect(overview.relations).toEqual([{ source: 'cluster:1', target: 'cluster:2', kind: 'associate', attributes: { ties: '4', relations: '1', shipments: '3' } }]);
    expect(overview.shipments).toEqual([]);
    expect(overview.clusters.map((c) => [c.id, c.members, c.borderProximate])).toEqual([[1, ['cluster:1'], true], [2, ['cluster:2'], false]]);
    // The whole report's red flags are counted (its pieces hold only those of their entities: the overview none).
    expect(report.flags.length).toBeGreaterThan(0);
    expect(overview.flags).toEqual([]);
    expect(overview.scope).toMatchObject({ kind: 'overview', totals: { entities: 7, clusters: 2, relations: 6, shipments: 3, flags: report.flags.length }, capped: null });
    expect(overview.scope.weights).toEqual([['cluster:1', 1], ['cluster:2', Math.sqrt(2 / 5)]]);
    // The web app sizes cluster nodes by these weights and reads the scope.
    const model = buildModel(overview);
    expect(model.nodes.map((n) => n.score)).toEqual([1, Math.sqrt(2 / 5)]);
    expect(scopeOf(overview)?.kind).toBe('overview');
    expect(scopeOf(report)).toBeNull();
    expect(scopeTitle(overview, scopeOf(overview)!)).toMatch(/^Overview of 7 entities in 2 clusters/);
  });

  it('keeps the most tied pairs of clusters when there are too many, and says so', () => {
    const report = ring(30, 3);
    report.shipments.push({ id: 'extra', supplier: 'e5-1', buyer: 'e6-1', commodity: 'goods', attributes: {} } as Report['shipments'][number]);
    const overview = buildOverview(buildScaleIndex(report), { ...DEFAULT_LIMITS, maxNodes: 100, maxTies: 1000, maxOverviewTies: 10 });
    expect(overview.relations).toHaveLength(10);
    expect(overview.relations.find((r) => r.source === 'cluster:5' && r.target === 'cluster:6')?.attributes.ties).toBe('2');
    expect(overview.scope.capped).toBe('The overview draws the 10 most tied pairs of clusters of 30; open a cluster to see all its ties.');
  });

  /** `report` with `count` entities alone (no tie, a cluster of one each, numbered after its clusters), `flagged` of them flagged. */
  function withLoneEntities(report: Report, count: number, flagged: readonly number[] = []): Report {
    const first = report.clusters.length + 1;
    for (let k = 0; k < count; k++) {
      const id = `lone${k}`;
      report.entities.push({ ...report.entities[0], id, name: `Listed ${k}`, cluster: first + k, group: 0, lat: null, lon: null, flags: flagged.includes(k) ? [`g${k}`] : [] });
      report.clusters.push({ ...report.clusters[0], id: first + k, members: [id], size: 1, hub: id, borderProximate: false });
    }
    return report;
  }

  it('draws the clusters of two entities or more of a register of mostly lone entities, and says what it leaves out', () => {
    const report = withLoneEntities(ring(12, 3), 30, [4]);
    const index = buildScaleIndex(report);
    const limits = { ...DEFAULT_LIMITS, maxOverviewClusters: 20 };
    const overview = buildOverview(index, limits);
    expect(overview.entities.map((e) => e.id)).toEqual(Array.from({ length: 12 }, (_, i) => `cluster:${i + 1}`));
    expect(overview.relations).toHaveLength(12);
    expect(overview.scope.capped).toBe(
      'The overview draws the 12 clusters of two entities or more of 42: the other 30 clusters (each of one entity, 30 entities in all, 1 of them flagged) and their ties are not drawn: find their entities with “Find in the whole report”, or in the lists of flags and key nodes.',
    );
    expect(overview.scope.totals).toMatchObject({ entities: 66, clusters: 42 });
    expect(overviewClusterCount(index, limits)).toBe(12);
    // The counts over the network say how many of the report's clusters are drawn.
    expect(countWords(overview, 12, { entities: 12, ties: 12, shipments: 0, flagged: 1 }).entities).toBe('12 of 42 clusters');
    // Under the limit, every cluster is drawn, lone entities too.
    const all = buildOverview(index, { ...DEFAULT_LIMITS, maxOverviewClusters: 42 });
    expect(all.entities).toHaveLength(42);
    expect(all.scope.capped).toBeNull();
  });

  it('draws the largest clusters above its limit (of one size, the flagged first), and only the ties among them', () => {
    const report = ring(30, 3);
    // Cluster 7 one member larger; cluster 2 has a flagged member (ring's).
    report.entities.push({ ...report.entities[0], id: 'e7-x', name: 'Entity 7-x', cluster: 7, flags: [] });
    report.relations.push({ source: 'e7-0', target: 'e7-x', kind: 'associate', attributes: {} } as Report['relations'][number]);
    const seven = report.clusters.find((c) => c.id === 7)!;
    seven.members = [...seven.members, 'e7-x'];
    seven.size = 4;
    const overview = buildOverview(buildScaleIndex(report), { ...DEFAULT_LIMITS, maxOverviewClusters: 5 });
    expect(overview.entities.map((e) => e.id)).toEqual(['cluster:1', 'cluster:2', 'cluster:3', 'cluster:4', 'cluster:7']);
    // The ring's shipments c → c + 1 between drawn clusters only.
    expect(overview.relations.map((r) => `${r.source} ${r.target}`)).toEqual(['cluster:1 cluster:2', 'cluster:2 cluster:3', 'cluster:3 cluster:4']);
    expect(overview.scope.capped).toMatch(/^The overview draws the 5 largest clusters of 30: the other 25 clusters \(of 3 entities or fewer each, 75 entities in all, 0 of them flagged\)/);
    // Only lone entities: the first of them (the flagged first) are drawn all the same.
    const lone = withLoneEntities(ring(1, 1), 10, [6, 8]);
    expect(buildOverview(buildScaleIndex(lone), { ...DEFAULT_LIMITS, maxOverviewClusters: 4 }).entities.map((e) => e.attributes.members + ' ' + e.flags.join())).toEqual(['1 ', '1 ', '1 g6', '1 g8']);
  });

  it('gives cluster nodes ids no entity has', () => {
    const report = v2Report();
    const old = report.entities[0].id;
    report.entities[0].id = 'cluster:1';
    // Its records renamed with it (a report's records name only its entities).
    for (const r of report.relations) for (const end of ['source', 'target'] as const) if (r[end] === old) r[end] = 'cluster:1';
    for (const s of report.shipments) for (const end of ['supplier', 'buyer'] as const) if (s[end] === old) s[end] = 'cluster:1';
    for (const c of report.clusters) c.members = c.members.map((m) => (m === old ? 'cluster:1' : m));
    const overview = buildOverview(buildScaleIndex(report));
    expect(overview.entities.map((e) => e.id)).toEqual(['~cluster:1', '~cluster:2']);
  });

  it('is the same for the same report', () => {
    const report = ring(20, 4);
    expect(JSON.stringify(buildOverview(buildScaleIndex(report)))).toBe(JSON.stringify(buildOverview(buildScaleIndex(ring(20, 4)))));
  });

  it('opens above the threshold only', () => {
    expect(opensOnOverview(ring(10, 2), 20)).toBe(false);
    expect(opensOnOverview(ring(10, 3), 20)).toBe(true);
  });
});

describe('pairs of records in a large report (the overview names their entities)', () => {
  /** A ring whose resolution merged e3-1b into e3-1, left e1-4 / e2-4 for review, and could not apply a judgement. */
  function withPairs(): Report {
    const r = ring(3, 5);
    const kept = r.entities.find((e) => e.id === 'e3-1')!;
    kept.attributes = { ...kept.attributes, aliases: 'e3-1b', alias_names: 'Entity Three-One (old name)' };
    r.resolution = {
      enabled: true,
      merges: [{ kept: 'e3-1', merged: ['e3-1b'], score: 0.97, evidence: [] }],
      possible: [{ a: 'e1-4', b: 'e2-4', score: 0.88, evidence: [] }],
      aliases: { 'e3-1b': 'e3-1' },
      dropped: { relations: 0, shipments: 0 },
      judged: { same: 0, notSame: 0, unsure: 0, notApplied: [{ a: 'e2-2', b: 'nobody', verdict: 'same', reason: 'no record has the id nobody' }] },
    };
    return r;
  }

  it('gives the entities those records are in, with their names and the names of the records merged into them, once each', () => {
    const index = buildScaleIndex(withPairs());
    const named = buildOverview(index, undefined, ['e1-0', 'e3-1b', 'toString', '__proto__']).scope.named;
    expect(named).toEqual([
      { id: 'e1-0', name: 'Entity 1-0' },
      { id: 'e1-4', name: 'Entity 1-4' },
      { id: 'e2-2', name: 'Entity 2-2' },
      { id: 'e2-4', name: 'Entity 2-4' },
      { id: 'e3-1', name: 'Entity 3-1', aliases: 'e3-1b', alias_names: 'Entity Three-One (old name)' },
    ]);
    // A neighbourhood with no pair of its own names none (the viewer keeps the overview's for it).
    expect(entityNeighbourhood(index, 'e1-2', 1).scope.named).toBeUndefined();
  });

  it('lets a piece name both records of a pair that lie outside it, say which entity each is in, and whether the report follows a judgement', () => {
    const index = buildScaleIndex(withPairs());
    // A piece around e1-2 (e1-4 and the merged pair are outside it), given the overview's pairs and entities as the
    // viewer does.
    const piece = entityNeighbourhood(index, 'e1-2', 1);
    const { kept } = withKeptPairs(buildOverview(index), undefined);
    const c = setJudgement(emptyCase({ bundle: 'b', now: '2026-12-06T10:00:00.000Z' }), 'e3-1', 'e3-1b', 'same', 'Ana Duarte', '2026-12-06T10:00:00.000Z');
    const pairs = samePairs(buildModel(withKeptPairs(piece, kept).report), c);
    expect(pairs.map((p) => [p.a, p.nameA, p.entityA, p.b, p.nameB, p.entityB, p.state])).toEqual([
      ['e1-4', 'Entity 1-4', 'e1-4', 'e2-4', 'Entity 2-4', 'e2-4', null],
      ['e3-1', 'Entity 3-1', 'e3-1', 'e3-1b', 'Entity Three-One (old name)', 'e3-1', 'applied'],
    ]);
    // Without them (the piece alone): the pair outside it not listed, the judged record unnamed, with no entity to
    // open, and its judgement wrongly pending.
    const bare = samePairs(buildModel(entityNeighbourhood(index, 'e1-2', 1)), c);
    expect(bare.map((p) => [p.nameB, p.entityB, p.state])).toEqual([['e3-1b', null, 'pending']]);
  });

  /**
   * A ring of 20 clusters of 10 whose resolution left 250 pairs for review, each of two records two (or five) clusters
   * apart, one of them a record merged into e7-3.
   */
  function manyPairs(): Report {
    const r = ring(20, 10);
    const kept = r.entities.find((e) => e.id === 'e7-3')!;
    kept.attributes = { ...kept.attributes, aliases: 'e7-3b', alias_names: 'Seven-Three (old name)' };
    const possible = Array.from({ length: 250 }, (_, k) => {
      const [g, m, hop] = [1 + (k % 20), Math.floor(k / 20) % 10, k < 200 ? 2 : 5];
      return { a: `e${g}-${m}`, b: `e${1 + ((g - 1 + hop) % 20)}-${m}`, score: 0.9, evidence: [] as string[] };
    });
    possible[180] = { a: 'e7-3b', b: 'e12-3', score: 0.8, evidence: [] };
    r.resolution = { enabled: true, merges: [{ kept: 'e7-3', merged: ['e7-3b'], score: 0.97, evidence: [] }], possible, aliases: { 'e7-3b': 'e7-3' }, dropped: { relations: 0, shipments: 0 } };
    return r;
  }

  it('are carried where they concern the piece: the overview the first and those a case judges, a neighbourhood those of its entities', () => {
    const report = manyPairs();
    const all = report.resolution.possible;
    const index = buildScaleIndex(report);
    const overview = buildOverview(index, undefined, ['e3-7', 'e5-7']);
    expect(overview.scope.possiblePairs).toBe(250);
    // The first hundred, and a later pair whose two records the case judges.
    const judged = all.findIndex((p) => p.a === 'e3-7' && p.b === 'e5-7');
    expect(judged).toBeGreaterThan(100);
    expect(overview.resolution.possible).toEqual([...all.slice(0, 100), all[judged]]);
    // A cluster's piece: every pair one of whose records is in it (through the id merged into e7-3 too), in order,
    // and the entities of their other records named.
    const piece = clusterNeighbourhood(index, 7);
    const members = new Set(report.clusters.find((c) => c.id === 7)!.members);
    const inCluster = (id: string) => members.has(id === 'e7-3b' ? 'e7-3' : id);
    const expected = all.filter((p) => inCluster(p.a) || inCluster(p.b));
    expect(expected.length).toBeGreaterThan(10);
    expect(expected).toContainEqual({ a: 'e7-3b', b: 'e12-3', score: 0.8, evidence: [] });
    expect(piece.resolution.possible).toEqual(expected);
    expect(piece.scope.possiblePairs).toBe(250);
    const others = new Set(expected.flatMap((p) => [p.a, p.b]).filter((id) => !inCluster(id)));
    expect(new Set(piece.scope.named!.map((e) => e.id))).toEqual(others);
    // What a piece weighs: a tenth of the pairs, not all of them.
    expect(JSON.stringify(piece.resolution.possible).length).toBeLessThan(JSON.stringify(all).length / 5);
  });

  it('a pair the case judges after the viewer started is carried by the overview it sends next', async () => {
    const index = buildScaleIndex(manyPairs());
    const now = '2026-12-07T10:00:00.000Z';
    const store = new CaseStore('case.json', emptyCase({ bundle: 'b', now }), () => undefined);
    const server = await startViewerServer({ reportJson: '', scale: { index }, port: 0, assets: { html: '', js: '', css: '', basemap: '{}' }, caseStore: store });
    try {
      const carried = async () => ((await (await fetch(`${server.url}overview.json`)).json()) as Report).resolution.possible.map((p) => `${p.a} ${p.b}`);
      expect(await carried()).toHaveLength(100);
      expect(await carried()).not.toContain('e3-7 e5-7');
      const judged = setJudgement(store.get(), 'e3-7', 'e5-7', 'not-same', 'Ana Duarte', now);
      expect(store.save({ base: store.get().revision, case: judged })).toMatchObject({ ok: true });
      expect(await carried()).toHaveLength(101);
      expect(await carried()).toContain('e3-7 e5-7');
    } finally {
      await server.close();
    }
  });

  it('are kept by the viewer across pieces: a piece lists its own first, then every pair seen before, each once, and counts all of them', () => {
    const index = buildScaleIndex(manyPairs());
    const overview = buildOverview(index);
    const first = withKeptPairs(overview, undefined);
    expect(first.report.resolution.possible).toEqual(overview.resolution.possible);
    expect(first.kept!.total).toBe(250);
    const seven = clusterNeighbourhood(index, 7);
    const second = withKeptPairs(seven, first.kept);
    const key = (p: { a: string; b: string }) => [p.a, p.b].sort().join(' ');
    const listed = second.report.resolution.possible.map(key);
    // Its own first, then the overview's that it does not hold; each pair once.
    expect(listed.slice(0, seven.resolution.possible.length)).toEqual(seven.resolution.possible.map(key));
    expect(new Set(listed).size).toBe(listed.length);
    expect(new Set(listed)).toEqual(new Set([...seven.resolution.possible, ...overview.resolution.possible].map(key)));
    expect(scopeOf(second.report)!.possiblePairs).toBe(250);
    // The entities named by either piece are named in the second (the overview's and the cluster's own).
    const named = new Set(scopeOf(second.report)!.named!.map((e) => e.id));
    for (const e of [...overview.scope.named!, ...seven.scope.named!]) expect(named.has(e.id)).toBe(true);
    // A pair seen in cluster 7's piece stays listed in the next piece, which does not carry it.
    const fifteen = clusterNeighbourhood(index, 15);
    expect(fifteen.resolution.possible.map(key)).not.toContain(key({ a: 'e7-3b', b: 'e12-3' }));
    expect(withKeptPairs(fifteen, second.kept).report.resolution.possible.map(key)).toContain(key({ a: 'e7-3b', b: 'e12-3' }));
    // A whole report is given back as it is.
    const whole = manyPairs();
    expect(withKeptPairs(whole, second.kept).report).toBe(whole);
  });

  it('are given for a case loaded in the browser: the pairs it judges, in the report\'s order, and the entities of their records', () => {
    const report = manyPairs();
    const all = report.resolution.possible;
    const index = buildScaleIndex(report);
    // A pair past the first hundred written the other way round, a pair through the record merged into e7-3, a pair the
    // analysis never left for review (its records are named all the same), and a record of no entity.
    const late = all[230];
    const given = judgedPairs(index, [
      ['e12-3', 'e7-3b'],
      [late.b, late.a],
      ['e1-0', 'e9-9'],
      ['nobody', '__proto__'],
    ]);
    expect(given.possible).toEqual([all[180], late]);
    expect(given.named.map((e) => e.id).sort()).toEqual(['e1-0', 'e12-3', 'e7-3', 'e9-9', late.a, late.b].sort());
    expect(given.named.find((e) => e.id === 'e7-3')).toMatchObject({ aliases: 'e7-3b', alias_names: 'Seven-Three (old name)' });
    expect(judgedPairs(index, [])).toEqual({ possible: [], named: [] });
  });

  it('answer POST /pairs from the viewer\'s own page, and refuse anything else with the reason', async () => {
    const report = manyPairs();
    const index = buildScaleIndex(report);
    const server = await startViewerServer({ reportJson: '', scale: { index }, port: 0, assets: { html: '', js: '', css: '', basemap: '{}' } });
    try {
      const post = (body: string, headers: Record<string, string> = { 'Content-Type': 'application/json' }) => fetch(`${server.url}pairs`, { method: 'POST', headers, body });
      const late = report.resolution.possible[230];
      const ok = await post(JSON.stringify({ pairs: [[late.a, late.b]] }));
      expect(ok.status).toBe(200);
      expect(((await ok.json()) as { possible: unknown[] }).possible).toEqual([late]);
      const refused = async (res: Response, status: number, reason: RegExp) => {
        expect(res.status).toBe(status);
        expect(((await res.json()) as { error: string }).error).toMatch(reason);
      };
      await refused(await post('{"pairs": [["a"]]}'), 400, /pairs of two record ids/);
      await refused(await post('{"pairs": [["a", 7]]}'), 400, /pairs of two record ids/);
      await refused(await post(JSON.stringify({ pairs: [['a', 'x'.repeat(2001)]] })), 400, /1 to 2000 characters/);
      await refused(await post('[]'), 400, /expected \{"pairs"/);
      await refused(await post('{"pairs": '), 400, /the pairs sent is not JSON/);
      await refused(await post('{"pairs": []}', { 'Content-Type': 'text/plain' }), 415, /application\/json/);
      await refused(await post('{"pairs": []}', { 'Content-Type': 'application/json', Origin: 'http://evil.example' }), 403, /only from the viewer's own page/);
      expect((await fetch(`${server.url}pairs`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('a case loaded in the browser lists a pair it judges that the piece shown did not carry as left for review once the server gave it', () => {
    const report = manyPairs();
    const index = buildScaleIndex(report);
    // Past the overview's first hundred, and of records no pair among those names.
    const late = report.resolution.possible[150];
    const overview = withKeptPairs(buildOverview(index), undefined).report;
    const model = buildModel(overview);
    const c = setJudgement(emptyCase({ bundle: 'b', now: '2026-12-07T10:00:00.000Z' }), late.a, late.b, 'not-same', 'Ana Duarte', '2026-12-07T10:00:00.000Z');
    const pairOf = () => samePairs(model, c).find((p) => p.judgement !== null)!;
    // Not carried: the case alone names it, as two records kept apart whose entities the piece cannot name.
    expect(pairOf()).toMatchObject({ found: 'apart', entityA: null, entityB: null });
    const total = possiblePairs(model).length;
    expect(carryPairs(model, judgedPairs(index, [[late.a, late.b]]))).toBe(3);
    expect(pairOf()).toMatchObject({ a: late.a, b: late.b, found: 'possible', entityA: late.a, entityB: late.b, state: 'applied' });
    expect(entityName(model, late.a)).toBe(report.entities.find((e) => e.id === late.a)!.name);
    expect(possiblePairs(model)).toHaveLength(total + 1);
    // Given again, nothing is added twice.
    expect(carryPairs(model, judgedPairs(index, [[late.b, late.a]]))).toBe(0);
    expect(samePairs(model, c).filter((p) => p.judgement !== null)).toHaveLength(1);
    // What the viewer keeps for the next pieces takes them in too, after what it held.
    const kept = keepMore(withKeptPairs(buildOverview(index), undefined).kept, judgedPairs(index, [[late.a, late.b]]));
    expect(kept.possible.at(-1)).toEqual(late);
    expect(kept.total).toBe(250);
    expect(keepMore(kept, judgedPairs(index, [[late.a, late.b]]))).toEqual(kept);
  });
});

describe('neighbourhoods', () => {
  it('replaces a cluster node with its members, their ties, and the clusters around it as single nodes', () => {
    const index = buildScaleIndex(v2Report());
    const scope = clusterNeighbourhood(index, 2);
    expect(scope.entities.map((e) => e.id)).toEqual(['s', 'y', 'cluster:1']);
    expect(scope.shipments).toEqual([]); // no shipment inside cluster 2
    expect(scope.relations).toEqual([
      { source: 's', target: 'cluster:1', kind: 'associate', attributes: { ties: '3', relations: '0', shipments: '3' } },
      { source: 'y', target: 'cluster:1', kind: 'associate', attributes: { ties: '1', relations: '1', shipments: '0' } },
    ]);
    expect(scope.clusters.map((c) => [c.id, c.members])).toEqual([[1, ['cluster:1']], [2, ['s', 'y']]]);
    expect(scope.scope).toMatchObject({ kind: 'cluster', center: 2, clusterNodes: [['cluster:1', { cluster: 1, members: 5, flagged: 2 }]], capped: null });
    // Sections keep to what the scope holds: the flags of c1 and c2 are on cluster 1's members, not here.
    expect(scope.flags).toEqual([]);
    const one = clusterNeighbourhood(index, 1);
    expect(one.entities.map((e) => e.id)).toEqual(['p', 'q', 'h', 'c1', 'c2', 'cluster:2']);
    expect(one.relations.filter((r) => r.kind !== 'associate')).toHaveLength(5);
    expect(one.shipments).toEqual([]);
    expect(one.flags.map((f) => f.id).sort()).toEqual(['f1', 'f2', 'f3', 'f4']);
    expect(one.keyNodes.every((k) => one.entities.some((e) => e.id === k.id))).toBe(true);
  });

  it('keeps where the entities of a piece were geocoded, and no other entity’s (megabytes at a million entities)', () => {
    const report = ring(3, 5);
    const place = (id: string) => ({ id, city: 'Kilis', country: 'TR' });
    report.geocoding = {
      enabled: true,
      geocoded: [{ ...place('e1-1'), lat: 36.7, lon: 37.1, geonameId: 1 }, { ...place('e3-2'), lat: 36.7, lon: 37.1, geonameId: 1 }],
      ambiguous: [{ ...place('e1-2'), candidates: 2 }, { ...place('e2-2'), candidates: 2 }],
      unknown: [place('e1-3'), place('e2-4')],
    };
    const index = buildScaleIndex(report);
    const one = entityNeighbourhood(index, 'e1-2', 1);
    expect(one.geocoding).toEqual({ enabled: true, geocoded: [report.geocoding.geocoded[0]], ambiguous: [report.geocoding.ambiguous[0]], unknown: [report.geocoding.unknown[0]] });
    // The overview's nodes are clusters: no entity's geocoding goes with it.
    expect(buildOverview(index).geocoding).toEqual({ enabled: true, geocoded: [], ambiguous: [], unknown: [] });
  });

  it('gives an entity with what lies within a number of ties', () => {
    const index = buildScaleIndex(ring(3, 5));
    const one = entityNeighbourhood(index, 'e1-2', 1);
    expect(one.entities.map((e) => e.id)).toEqual(['e1-1', 'e1-2', 'e1-3']);
    expect(one.relations).toHaveLength(2);
    const two = entityNeighbourhood(index, 'e1-1', 2);
    // Two ties away: e1-0's trade partners in clusters 2 and 3 (by shipments), whose clusters are then not nodes.
    expect(two.entities.map((e) => e.id)).toEqual(['e1-0', 'e1-1', 'e1-2', 'e1-3', 'e2-0', 'e3-0']);
    expect(two.shipments.map((s) => s.id).sort()).toEqual(['s1', 's2', 's3']);
    const trade = entityNeighbourhood(index, 'e2-4', 1);
    expect(trade.entities.map((e) => e.id)).toEqual(['e2-3', 'e2-4']);
    expect(two.scope).toMatchObject({ kind: 'entity', center: 'e1-1', hops: 2 });
  });

  it('cuts a neighbourhood to its limits and says what was left out', () => {
    const index = buildScaleIndex(ring(4, 100));
    const cluster = clusterNeighbourhood(index, 1, { ...DEFAULT_LIMITS, maxNodes: 50, maxTies: 1000, maxOverviewTies: 1000 });
    expect(cluster.entities.filter((e) => e.cluster === 1)).toHaveLength(40);
    expect(cluster.scope.capped).toMatch(/^Cluster 1 has 100 members: the 40 with most ties are shown\./);
    const ties = clusterNeighbourhood(index, 2, { ...DEFAULT_LIMITS, maxNodes: 1000, maxTies: 10, maxOverviewTies: 1000 });
    expect(ties.relations.length + ties.shipments.length).toBe(10);
    expect(ties.scope.capped).toMatch(/ties beyond the limit of 10 are left out\.$/);
    const far = entityNeighbourhood(index, 'e1-50', 3, { ...DEFAULT_LIMITS, maxNodes: 5, maxTies: 100, maxOverviewTies: 1000 });
    expect(far.entities.filter((e) => !e.id.startsWith('cluster:'))).toHaveLength(4);
    expect(far.scope.capped).toMatch(/^More than 4 entities lie within 3 ties/);
  });

  it('refuses an unknown cluster or entity clearly, ids like __proto__ included', () => {
    const index = buildScaleIndex(v2Report());
    expect(() => clusterNeighbourhood(index, 9)).toThrow(new ScopeNotFoundError('the report has no cluster 9'));
    expect(() => entityNeighbourhood(index, '__proto__', 1)).toThrow('the report has no entity with the id "__proto__"');
  });

  it('addresses neighbourhoods with the id encoded', () => {
    expect(neighbourhoodUrl({ cluster: 3 })).toBe('neighbourhood?cluster=3');
    expect(neighbourhoodUrl({ entity: 'a&b=c#d', hops: 2 })).toBe('neighbourhood?entity=a%26b%3Dc%23d&hops=2');
  });
});

describe('the supply chokepoints in a piece', () => {
  /** ring(4, 5) with supply chokepoints over its entities and shipments. */
  function withChokepoints(): Report {
    const report = ring(4, 5);
    report.chokepoints = {
      ...v2Report().chokepoints!,
      sources: ['e1-0', 'e2-0', 'e3-0'],
      targets: ['e2-0', 'e3-1', 'e4-0', 'e4-4'],
      sourcesAlsoTargets: ['e2-0'],
      shipments: ['s1', 's2', 's3', 's4'],
      edgeCut: [{ source: 'e1-0', target: 'e2-0', kg: 5 }, { source: 'e3-0', target: 'e4-0', kg: 2 }],
      dominators: ['e3-0'],
    };
    return report;
  }

  it('lists only the sources, targets, shipments and cut ties of its own entities, and counts the whole report\'s', () => {
    const index = buildScaleIndex(withChokepoints());
    const piece = clusterNeighbourhood(index, 3);
    expect(piece.chokepoints!.sources).toEqual(['e3-0']);
    expect(piece.chokepoints!.targets).toEqual(['e3-1']);
    // Cluster 3's shipments (s2 from e2-0, s3 to e4-0) join it to other clusters, drawn as ties to their nodes: none held.
    expect(piece.shipments).toEqual([]);
    expect(piece.chokepoints!.shipments).toEqual([]);
    expect(piece.chokepoints!.edgeCut).toEqual([]);
    expect(piece.scope.chokepointCounts).toEqual({ sources: 3, targets: 4, shipments: 4 });
    // What the panel names one by one stays whole, to be opened from any piece.
    expect(piece.chokepoints!.sourcesAlsoTargets).toEqual(['e2-0']);
    expect(piece.chokepoints!.dominators).toEqual(['e3-0']);
    const entity = entityNeighbourhood(index, 'e3-0', 1);
    expect(entity.chokepoints!.edgeCut).toEqual([{ source: 'e3-0', target: 'e4-0', kg: 2 }]);
    expect(entity.chokepoints!.shipments.sort()).toEqual(['s2', 's3']);
    const overview = buildOverview(index);
    expect([overview.chokepoints!.sources, overview.chokepoints!.targets, overview.chokepoints!.shipments, overview.chokepoints!.edgeCut]).toEqual([[], [], [], []]);
    expect(overview.scope.chokepointCounts).toEqual({ sources: 3, targets: 4, shipments: 4 });
  });

  it('names in the overview the entities the panel names one by one, so that any piece shows their names', () => {
    const report = withChokepoints();
    report.chokepoints!.flowCut = { measure: 'kg', total: 10, entities: [{ id: 'e4-4', amount: 5, share: 0.5 }] };
    report.chokepoints!.disruption = [{ id: 'e1-3', name: 'Entity 1-3', remainingFlowShare: 0.5, remainingValueShare: null, largestComponent: 19 }];
    report.chokepoints!.vertexCut = Array.from({ length: 10 }, (_, k) => ({ id: `e2-${k % 5}`, kg: 1, value: 0 }));
    const overview = buildOverview(buildScaleIndex(report));
    const named = new Map((overview.scope.named ?? []).map((e) => [e.id, e.name]));
    for (const id of ['e4-4', 'e1-3', 'e3-0', 'e2-0', 'e2-4']) expect([id, named.get(id)]).toEqual([id, `Entity ${id.slice(1)}`]);
    // The overview holds cluster nodes only: the panel finds the names there.
    const model = buildModel(overview);
    expect(model.byId.has('e4-4')).toBe(false);
    expect(entityName(model, 'e4-4')).toBe('Entity 4-4');
    expect(entityName(model, 'nobody')).toBeUndefined();
    // A report without supply chokepoints names none of them.
    const none = ring(4, 5);
    none.chokepoints = null;
    expect(buildOverview(buildScaleIndex(none)).scope.named).toEqual([]);
  });

  it('says nothing of them when the report has none', () => {
    const report = ring(4, 5);
    report.chokepoints = null;
    const piece = clusterNeighbourhood(buildScaleIndex(report), 1);
    expect(piece.chokepoints).toBeNull();
    expect(piece.scope.chokepointCounts).toBeUndefined();
  });
});

describe('the red flags in a piece', () => {
  it('counts the whole report\'s flags by rule and severity, which the rules panel shows', () => {
    const report = ring(4, 5);
    const base = v2Report();
    report.flagRules = base.flagRules;
    report.flags = [
      { ...base.flags[0], id: 'x1', entities: ['e1-1'], severity: 'high' },
      { ...base.flags[0], id: 'x2', entities: ['e3-2'], severity: 'low' },
      { ...base.flags[1], id: 'x3', entities: ['e3-2'], severity: 'high' },
    ];
    const piece = clusterNeighbourhood(buildScaleIndex(report), 1);
    expect(piece.flags.map((f) => f.id)).toEqual(['x1']);
    const whole = [['precursor-watchlist', { high: 1, medium: 0, low: 1 }], ['third-party-payer', { high: 1, medium: 0, low: 0 }], ['new-company', { high: 0, medium: 0, low: 0 }]];
    expect(piece.scope.ruleCounts).toEqual(whole);
    expect(ruleTable(piece, piece.scope.ruleCounts).map((r) => [r.rule.id, r.counts])).toEqual(whole);
    // Counted from the piece's own flags, the panel would have said one.
    expect(ruleTable(piece).map((r) => r.counts.high + r.counts.low)).toEqual([1, 0, 0]);
  });
});

describe('finding an entity in a large report', () => {
  it('matches a part of a name or id, accents and case ignored, names that start with it first', () => {
    const index = buildScaleIndex(v2Report());
    expect(searchEntities(index, 'kabarawa').matches.map((m) => m.id)).toEqual(['h', 'p', 'q']);
    expect(searchEntities(index, 'TENERE').matches).toEqual([{ id: 'y', name: 'Ténéré Gulf DMCC', kind: 'company', cluster: 2 }]);
    expect(searchEntities(index, 'c2').matches.map((m) => m.id)).toEqual(['c2']);
    expect(searchEntities(index, '  ').matches).toEqual([]);
    expect(searchEntities(index, 'a', 2)).toMatchObject({ more: true });
    expect(searchEntities(index, 'a', 2).matches).toHaveLength(2);
  });
});

/**
 * A report whose clusters are tied to many others, as a large generated bundle's are (the benchmark's 100 clusters of
 * about a thousand members each with 3,168 lines between them), and a few clusters of one entity tied to nothing.
 */
function tangle(clusters: number, lone: number): Report {
  const base = ring(clusters + lone, 4);
  const shipments: Report['shipments'] = [];
  for (let c = 1; c <= clusters; c++) for (let d = 1; d <= 30; d++) shipments.push({ id: `t${c}-${d}`, supplier: `e${c}-0`, buyer: `e${((c + d * 7) % clusters) + 1}-1`, commodity: 'goods', attributes: {} });
  const loneIds = new Set(Array.from({ length: lone }, (_, i) => clusters + 1 + i));
  const entities = base.entities.filter((e) => !loneIds.has(e.cluster) || e.id.endsWith('-0'));
  const kept = new Set(entities.map((e) => e.id));
  return {
    ...base,
    entities,
    relations: base.relations.filter((r) => kept.has(r.source) && kept.has(r.target)),
    shipments,
    clusters: base.clusters.map((c) => (loneIds.has(c.id) ? { ...c, size: 1, members: [c.hub] } : c)),
    flags: [{ ...v2Report().flags[0], id: 'x1', entity: 'e1-0', entities: ['e1-0'] }, { ...v2Report().flags[0], id: 'x2', entity: 'e2-0', entities: ['e2-0'] }],
  } as Report;
}

/** Pairs of nodes whose discs overlap once the layout is framed in a square of `frame` pixels, as Sigma frames it. */
function overlaps(positions: { x: number; y: number }[], sizes: number[], frame = 700): number {
  const xs = positions.map((p) => p.x);
  const ys = positions.map((p) => p.y);
  const scale = frame / Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
  let n = 0;
  for (let i = 0; i < positions.length; i++)
    for (let j = i + 1; j < positions.length; j++) if (Math.hypot(positions[i].x - positions[j].x, positions[i].y - positions[j].y) * scale < sizes[i] + sizes[j]) n++;
  return n;
}

describe('the overview, drawn', () => {
  it('lays out clusters tied to many others apart from each other, and keeps untied ones near', () => {
    const overview = buildOverview(buildScaleIndex(tangle(100, 10)));
    const model = buildModel(overview);
    const sizes = nodeSizes(model.nodes.map((n) => n.score), true);
    const layout = (settings: object, iterations = 1000) => {
      const graph = new Graph({ multi: true, type: 'directed' });
      clusterSeedLayout(model).forEach((p, i) => graph.addNode(String(i), { ...p, size: sizes[i] }));
      for (const e of model.edges) graph.addEdge(String(model.byId.get(e.source)!.index), String(model.byId.get(e.target)!.index));
      forceAtlas2.assign(graph, { iterations, settings });
      return model.nodes.map((n) => graph.getNodeAttributes(String(n.index)) as { x: number; y: number });
    };
    const probe = new Graph();
    model.nodes.forEach((n) => probe.addNode(n.id));
    const inferred = forceAtlas2.inferSettings(probe);
    // With the settings the library infers, the tied clusters fall into one ball of discs on top of each other.
    expect(overlaps(layout(inferred), sizes)).toBeGreaterThan(100);
    // With the overview's, no two discs overlap.
    const settings = forceSettings(model, inferred);
    expect(settings).toMatchObject({ strongGravityMode: true, gravity: 1, adjustSizes: true });
    expect(overlaps(layout(settings), sizes)).toBe(0);
    // Nor after the iterations it runs before its first frame (what a user sees first), which without ForceAtlas2's
    // anti-collision left discs on top of each other.
    const first = warmUpIterations(model);
    expect(first).toBeGreaterThan(0);
    expect(overlaps(layout(settings, first), sizes)).toBe(0);
    expect(overlaps(layout({ ...settings, adjustSizes: false }, first), sizes)).toBeGreaterThan(0);
    // Not on an overview of many hundred clusters, where it pushed the ball's edge out (measured in the browser).
    const large = buildModel(buildOverview(buildScaleIndex(tangle(600, 10))));
    expect(large.nodes.length).toBeGreaterThan(500);
    expect(forceSettings(large, inferred)).toMatchObject({ strongGravityMode: true, gravity: 1 });
    expect(forceSettings(large, inferred)).not.toHaveProperty('adjustSizes');
    // A whole report keeps what the library infers.
    expect(forceSettings(buildModel(v2Report()), inferred)).toEqual({ ...inferred, barnesHutOptimize: false });
  });

  it('moves an overview\'s discs apart once its layout stops, wherever they lay, moving none that did not touch', () => {
    /** Pairs closer than `room` times their radii added, counted pair by pair. */
    const touching = (ps: readonly Point[], rs: readonly number[], room = DISC_ROOM * 0.999) => {
      let pairs = 0;
      for (let i = 0; i < ps.length; i++) for (let j = i + 1; j < ps.length; j++) if (Math.hypot(ps[i].x - ps[j].x, ps[i].y - ps[j].y) < room * (rs[i] + rs[j])) pairs++;
      return pairs;
    };
    let seed = 11;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    // A ball of 1,500 discs of mixed sizes, a third of its area theirs, hundreds on top of each other, three at one
    // point, and a far one alone.
    const points: Point[] = Array.from({ length: 1500 }, () => {
      const a = random() * 2 * Math.PI;
      const d = Math.sqrt(random()) * 160;
      return { x: d * Math.cos(a), y: d * Math.sin(a) };
    });
    points.push({ x: 5, y: 5 }, { x: 5, y: 5 }, { x: 5, y: 5 }, { x: 1000, y: 1000 });
    const radii = points.map(() => 0.8 + random() * 2.5);
    expect(touching(points, radii)).toBeGreaterThan(800);
    const { points: apart, overlapping } = separateDiscs(points, radii);
    expect(overlapping).toBe(0);
    expect(touching(apart, radii)).toBe(0);
    // The far disc did not move; the same input gives the same positions.
    expect(apart[1503]).toEqual({ x: 1000, y: 1000 });
    expect(separateDiscs(points, radii).points).toEqual(apart);
    // Discs already apart stay where they are.
    expect(separateDiscs(apart, radii).points).toEqual(apart);
    // Drawn at a fixed size in a frame that scales the layout by its extent: the extent grows, the radii with it, and
    // the discs are apart at the size they are drawn. A denser ball (half of its area the discs'), where separating
    // them once leaves hundreds touching at the size they are then drawn.
    const ball = (radius: number): Point[] =>
      Array.from({ length: 1500 }, () => {
        const a = random() * 2 * Math.PI;
        const d = Math.sqrt(random()) * radius;
        return { x: d * Math.cos(a), y: d * Math.sin(a) };
      });
    const dense = ball(120);
    const sizes = dense.map(() => 0.8 + random() * 2.5);
    const inFrame = separateDiscsInFrame(dense, sizes);
    expect(inFrame.overlapping).toBe(0);
    expect(inFrame.grown).toBeGreaterThan(1.005);
    expect(touching(inFrame.points, sizes.map((r) => r * inFrame.grown))).toBe(0);
    const once = separateDiscs(dense, sizes).points;
    const extent = (ps: Point[]) => Math.max(Math.max(...ps.map((p) => p.x)) - Math.min(...ps.map((p) => p.x)), Math.max(...ps.map((p) => p.y)) - Math.min(...ps.map((p) => p.y)));
    const grownOnce = extent(once) / extent(dense);
    expect(touching(once, sizes.map((r) => r * grownOnce))).toBeGreaterThan(100);
  });

  it('opens a cluster spread out: its layout runs before the first frame, as many iterations as its size allows', () => {
    // A cluster of 56 entities in a chain, tied to the clusters around it (drawn as single nodes).
    const report = ring(9, 56);
    for (let c = 3; c <= 8; c++) report.shipments.push({ id: `x${c}`, supplier: `e1-${c * 5}`, buyer: `e${c}-0`, commodity: 'goods', attributes: {} });
    const model = buildModel(clusterNeighbourhood(buildScaleIndex(report), 1));
    const members = model.nodes.filter((n) => !n.id.startsWith('cluster:')).map((n) => n.index);
    expect(members).toHaveLength(56);
    const graph = new Graph({ multi: true, type: 'directed' });
    clusterSeedLayout(model).forEach((p, i) => graph.addNode(String(i), { ...p, size: 3 }));
    for (const e of model.edges) graph.addEdge(String(model.byId.get(e.source)!.index), String(model.byId.get(e.target)!.index));
    /** The median distance from a member to the node nearest it, in pixels of a 700-pixel frame around the piece. */
    const spacing = () => {
      const at = model.nodes.map((n) => graph.getNodeAttributes(String(n.index)) as { x: number; y: number });
      const scale = 700 / Math.max(Math.max(...at.map((p) => p.x)) - Math.min(...at.map((p) => p.x)), Math.max(...at.map((p) => p.y)) - Math.min(...at.map((p) => p.y)));
      const nearest = members.map((i) => Math.min(...at.map((p, j) => (j === i ? Infinity : Math.hypot(p.x - at[i].x, p.y - at[i].y))))).sort((a, b) => a - b);
      return nearest[nearest.length >> 1] * scale;
    };
    const seeded = spacing();
    const iterations = warmUpIterations(model);
    expect(iterations).toBe(100);
    forceAtlas2.assign(graph, { iterations, settings: forceSettings(model, forceAtlas2.inferSettings(graph)) });
    // At the seed positions the members lie some 19 pixels apart, under each other's labels; then 64.
    expect(seeded).toBeLessThan(25);
    expect(spacing()).toBeGreaterThan(2.5 * seeded);
    // Larger pieces run fewer (about a quarter of a second's worth), and a whole report none: it spreads as it is seen.
    const large = (n: number) => warmUpIterations({ ...model, nodes: Array.from({ length: n }, (_, i) => ({ ...model.nodes[0], index: i })) });
    expect([large(880), large(4000), large(50_000)]).toEqual([44, 14, 0]);
    expect(warmUpIterations(buildModel(report))).toBe(0);
  });

  it('sets the clusters around a piece on a ring round its entities, each near those it is tied to, none on another', () => {
    // A cluster of 30 entities in a chain, each of 60 other clusters tied to one of its members (two rings' worth).
    const report = ring(61, 30);
    for (let c = 3; c <= 60; c++) report.shipments.push({ id: `x${c}`, supplier: `e1-${c % 30}`, buyer: `e${c}-0`, commodity: 'goods', attributes: {} });
    const model = buildModel(clusterNeighbourhood(buildScaleIndex(report), 1));
    const around = model.nodes.filter((n) => n.id.startsWith('cluster:'));
    expect(around).toHaveLength(60);
    // The members where a layout might leave them: on a circle, member k at angle k.
    const at = (i: number) => {
      const n = model.nodes[i];
      const k = Number(n.id.split('-')[1] ?? 0);
      return n.id.startsWith('cluster:') ? { x: 0, y: 0 } : { x: 10 * Math.cos((2 * Math.PI * k) / 30), y: 10 * Math.sin((2 * Math.PI * k) / 30) };
    };
    const placed = clusterRing(model, at);
    expect(placed.size).toBe(60);
    const points = around.map((n) => placed.get(n.index)!);
    // Outside the entities (which lie within 10 of the centre), on two rings, and no two closer than a tenth of the ring's radius.
    for (const p of points) expect([13.5, 16.2].map((r) => Math.abs(Math.hypot(p.x, p.y) - r)).some((d) => d < 1e-9)).toBe(true);
    let closest = Infinity;
    for (let i = 0; i < points.length; i++) for (let j = i + 1; j < points.length; j++) closest = Math.min(closest, Math.hypot(points[i].x - points[j].x, points[i].y - points[j].y));
    expect(closest).toBeGreaterThan(1.35);
    // Each near the member it is tied to: cluster c (tied to member c mod 30) within a few steps of that member's angle.
    for (const n of around) {
      const c = Number(n.id.slice('cluster:'.length));
      if (c < 3) continue;
      const want = (2 * Math.PI * (c % 30)) / 30;
      const p = placed.get(n.index)!;
      const off = Math.abs(((Math.atan2(p.y, p.x) - want + 3 * Math.PI) % (2 * Math.PI)) - Math.PI);
      expect(off).toBeLessThan((2 * Math.PI * 4) / 60);
    }
    // Not in the overview (all its nodes are clusters), nor in a whole report.
    expect(clusterRing(buildModel(buildOverview(buildScaleIndex(report))), at).size).toBe(0);
    expect(clusterRing(buildModel(report), at).size).toBe(0);
  });

  it('sizes hundreds of clusters of one size to cover at most a sixth or so of the frame, and keeps their order', () => {
    const few = nodeSizes([1, 0.5, 0.1], true);
    expect(few).toEqual([1, 0.5, 0.1].map((s) => nodeSize(s, 3)));
    const scores = Array.from({ length: 1500 }, (_, i) => (i % 3 === 0 ? 1 : 0.5));
    const many = nodeSizes(scores, true);
    const cover = many.reduce((sum, r) => sum + Math.PI * r * r, 0);
    expect(cover).toBeLessThanOrEqual(0.15 * 700 * 700);
    expect(cover).toBeGreaterThan(0.149 * 700 * 700);
    expect(many[0]).toBeGreaterThan(many[1]);
    expect(many[1]).toBeGreaterThanOrEqual(nodeSize(0, 1500));
    // A whole report is sized as before.
    expect(nodeSizes(scores, false)).toEqual(scores.map((s) => nodeSize(s, 1500)));
  });

  it('counts clusters and lines, and the whole report\'s flags, groups and controllers', () => {
    const report = tangle(20, 2);
    report.keyNodes = [{ ...v2Report().keyNodes[0], id: 'e3-2', rank: 1 }];
    report.controllers = Array.from({ length: 150 }, (_, i) => ({ ...v2Report().controllers[0], id: `e${(i % 20) + 1}-3` }));
    report.groups = [{ ...v2Report().groups[0], id: 1, size: 2, members: ['e1-0', 'e1-1'] }, { ...v2Report().groups[0], id: 2, size: 1, members: ['e2-0'] }];
    const overview = buildOverview(buildScaleIndex(report));
    expect(overview.scope.totals).toMatchObject({ flags: 2, groups: 1, controllers: 150 });
    // The key nodes of the whole report and the first of its controllers, though their entities are not drawn.
    expect(overview.keyNodes.map((k) => k.id)).toEqual(['e3-2']);
    expect(overview.controllers).toHaveLength(100);
    expect(overview.groups).toEqual([]);
    const model = buildModel(overview);
    const counts = { entities: 22, ties: model.edges.length, shipments: 0, flagged: 2 };
    expect(countWords(overview, 22, counts)).toEqual({ entities: '22 of 22 clusters', ties: `${model.edges.length} lines`, shipments: `${report.entities.length} entities`, flagged: '2 flagged' });
    expect(countWords(report, 90, { entities: 1, ties: 1, shipments: 1200, flagged: 1 })).toEqual({ entities: '1 of 90 entities', ties: '1 ties', shipments: '1,200 shipments', flagged: '1 flagged' });
    // A cluster with the clusters around it as single nodes counts both.
    const piece = clusterNeighbourhood(buildScaleIndex(report), 1);
    expect(piece.scope.clusterNodes.length).toBeGreaterThan(0);
    expect(countWords(piece, piece.entities.length, { entities: 3, ties: 2, shipments: 1, flagged: 0 }).entities).toBe(`3 of ${piece.entities.length} entities and clusters`);
    // Its layout pulls to the centre as the overview's does.
    expect(forceSettings(buildModel(piece), { gravity: 0.05 })).toMatchObject({ strongGravityMode: true, gravity: 1 });
    // The case counts its statuses over the whole report's flags: the overview holds none of them.
    const c = setFlagStatus(emptyCase({ bundle: report.input.bundle, now: 'now' }), 'x1', 'confirmed', 'A', 'now');
    expect(reviewCounts(c, model)).toEqual({ confirmed: 1, dismissed: 0, 'to-check': 1 });
    expect(reviewCounts(c, buildModel(report))).toEqual({ confirmed: 1, dismissed: 0, 'to-check': 1 });
  });
});
