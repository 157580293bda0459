import { analyze, analyzeAsync, rankKeyNodesOf, buildGraph, clustersFromAssignment, detectClusters, modularity, undirectedProjection, type ExternalResults } from '@chokepoint/engine';
import type { Bundle, Entity, Relation } from '@chokepoint/model';
import { loadNetwork } from './fixtures';

const origin = { file: 'x.csv', line: 1 };
const entity = (id: string): Entity => ({ id, kind: 'company', name: id.toUpperCase(), attributes: {}, origin });
const relation = (source: string, target: string): Relation => ({ source, target, kind: 'owner', attributes: {}, origin });

/** Two triangles joined through c–d, and an isolated entity g. */
const bundle: Bundle = {
  name: 'two-triangles',
  entities: ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map(entity),
  relations: [relation('a', 'b'), relation('b', 'c'), relation('c', 'a'), relation('c', 'd'), relation('d', 'e'), relation('e', 'f'), relation('f', 'd')],
  shipments: [],
  places: [],
  rejected: [],
  warnings: [],
};

describe('clusters computed elsewhere', () => {
  it('are numbered as the engine numbers its own, whatever their ids, with the modularity measured here', () => {
    const karate = loadNetwork('karate');
    const ours = detectClusters(karate, { seed: 3 });
    // The same partition under other community ids (as GDS would number it).
    const relabelled = Object.fromEntries(Object.entries(ours.cluster).map(([node, c]) => [node, 1000 - 7 * c]));
    const theirs = clustersFromAssignment(karate, relabelled);
    expect(theirs.members).toEqual(ours.members);
    expect(theirs.cluster).toEqual(ours.cluster);
    expect(theirs.modularity).toBeCloseTo(ours.modularity, 12);
    expect(theirs.modularity).toBeCloseTo(modularity(karate, ours.cluster), 12);
  });

  it('must cover every node', () => {
    const karate = loadNetwork('karate');
    const partial = Object.fromEntries(karate.nodes().slice(1).map((n) => [n, 0]));
    expect(() => clustersFromAssignment(karate, partial)).toThrow(/no community for 1 node/);
  });
});

describe('analysis with external results (analyze --neo4j --gds)', () => {
  const external: ExternalResults = {
    communities: { a: 5, b: 5, c: 5, d: 9, e: 9, f: 9, g: 2 },
    betweenness: { a: 0, b: 0, c: 0.6, d: 0.6, e: 0, f: 0, g: 0 },
    betweennessInfo: { exact: true, sources: 7, epsilon: null, delta: null, threads: 1 },
    computedBy: 'a test double of GDS',
  };

  it('uses them instead of Louvain and Brandes, and computes the rest as usual', async () => {
    const own = analyze(bundle);
    const result = await analyzeAsync(bundle, { external, threads: 1 });
    expect(analyze(bundle, { external })).toEqual(result);
    expect(result.network.computedBy).toBe('a test double of GDS');
    expect(own.network.computedBy).toBeUndefined();
    expect(result.clusters.map((c) => c.members)).toEqual([['a', 'b', 'c'], ['d', 'e', 'f'], ['g']]);
    expect(result.network.modularity).toBeCloseTo(modularity(undirectedProjection(buildGraph(bundle)), { a: 1, b: 1, c: 1, d: 2, e: 2, f: 2, g: 3 }), 12);
    expect(result.entities.map((e) => e.betweenness)).toEqual([0, 0, 0.6, 0.6, 0, 0, 0]);
    // Articulation points and cut-offs do not depend on them.
    expect(result.entities.map((e) => e.articulation)).toEqual(own.entities.map((e) => e.articulation));
    const names = new Map(bundle.entities.map((e) => [e.id, e.name]));
    expect(rankKeyNodesOf(result, { names }).map((k) => k.id).slice(0, 2)).toEqual(['c', 'd']);
  });

  it('refuses results that leave an entity out, naming who computed them', () => {
    const { g: _g, ...betweenness } = external.betweenness;
    expect(() => analyze(bundle, { external: { ...external, betweenness } })).toThrow('external betweenness (a test double of GDS): no value for 1 entities, e.g. "g"');
    const { a: _a, ...communities } = external.communities;
    expect(() => analyze(bundle, { external: { ...external, communities } })).toThrow('external clusters (a test double of GDS): no community for 1 node(s), e.g. "a"');
  });
});
