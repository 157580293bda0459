import type { Report } from '@chokepoint/report';
import { buildOverview, buildScaleIndex, clusterNeighbourhood, entityNeighbourhood, opensOnOverview, ScopeNotFoundError, searchEntities } from '../src/node/scale';
import { buildModel } from '../src/web/core/model';
import { scopeOf, scopeTitle, neighbourhoodUrl } from '../src/web/core/scope';
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
    expect(overview.scope).toMatchObject({ kind: 'overview', totals: { entities: 7, clusters: 2, relations: 6, shipments: 3 }, capped: null });
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
    const overview = buildOverview(buildScaleIndex(report), { maxNodes: 100, maxTies: 1000, maxOverviewTies: 10 });
    expect(overview.relations).toHaveLength(10);
    expect(overview.relations.find((r) => r.source === 'cluster:5' && r.target === 'cluster:6')?.attributes.ties).toBe('2');
    expect(overview.scope.capped).toBe('The overview draws the 10 most tied pairs of clusters of 30; open a cluster to see all its ties.');
  });

  it('gives cluster nodes ids no entity has', () => {
    const report = v2Report();
    report.entities[0].id = 'cluster:1';
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
    const cluster = clusterNeighbourhood(index, 1, { maxNodes: 50, maxTies: 1000, maxOverviewTies: 1000 });
    expect(cluster.entities.filter((e) => e.cluster === 1)).toHaveLength(40);
    expect(cluster.scope.capped).toMatch(/^Cluster 1 has 100 members: the 40 with most ties are shown\./);
    const ties = clusterNeighbourhood(index, 2, { maxNodes: 1000, maxTies: 10, maxOverviewTies: 1000 });
    expect(ties.relations.length + ties.shipments.length).toBe(10);
    expect(ties.scope.capped).toMatch(/ties beyond the limit of 10 are left out\.$/);
    const far = entityNeighbourhood(index, 'e1-50', 3, { maxNodes: 5, maxTies: 100, maxOverviewTies: 1000 });
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
