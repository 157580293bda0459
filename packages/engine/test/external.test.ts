import { analyze, analyzeAsync, rankKeyNodesOf, clustersFromAssignment, detectClusters, modularity, modularityCSR, projectBundle, EngineInputError, type ExternalResults } from '@chokepoint/engine';
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
    const relabelled = new Map([...ours.cluster].map(([node, c]) => [node, 1000 - 7 * c]));
    const theirs = clustersFromAssignment(karate, relabelled);
    expect(theirs.members).toEqual(ours.members);
    expect(theirs.cluster).toEqual(ours.cluster);
    expect(theirs.modularity).toBeCloseTo(ours.modularity, 12);
    expect(theirs.modularity).toBeCloseTo(modularity(karate, ours.cluster), 12);
  });

  it('must cover every node', () => {
    const karate = loadNetwork('karate');
    const partial = new Map(karate.nodes().slice(1).map((n) => [n, 0]));
    expect(() => clustersFromAssignment(karate, partial)).toThrow(/no community for 1 node/);
  });
});

describe('analysis with external results (analyze --neo4j --gds)', () => {
  const external: ExternalResults = {
    communities: new Map(Object.entries({ a: 5, b: 5, c: 5, d: 9, e: 9, f: 9, g: 2 })),
    betweenness: new Map(Object.entries({ a: 0, b: 0, c: 0.6, d: 0.6, e: 0, f: 0, g: 0 })),
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
    expect(result.network.modularity).toBeCloseTo(modularityCSR(projectBundle(bundle), Int32Array.from([1, 1, 1, 2, 2, 2, 3])), 12);
    expect(result.entities.map((e) => e.betweenness)).toEqual([0, 0, 0.6, 0.6, 0, 0, 0]);
    // Articulation points and cut-offs do not depend on them.
    expect(result.entities.map((e) => e.articulation)).toEqual(own.entities.map((e) => e.articulation));
    const names = new Map(bundle.entities.map((e) => [e.id, e.name]));
    expect(rankKeyNodesOf(result, bundle, { names }).map((k) => k.id).slice(0, 2)).toEqual(['c', 'd']);
  });

  it('refuses results that leave an entity out, or are not finite shares, with an input error naming who computed them', () => {
    const without = (map: ReadonlyMap<string, number>, key: string) => new Map([...map].filter(([k]) => k !== key));
    const withValue = (map: ReadonlyMap<string, number>, key: string, value: unknown) => new Map([...map, [key, value as number]]);
    const run = (change: Partial<ExternalResults>) => () => analyze(bundle, { external: { ...external, ...change } });
    expect(run({ betweenness: without(external.betweenness, 'g') })).toThrow(new EngineInputError('external betweenness (a test double of GDS): no value for 1 entities, e.g. "g"'));
    expect(run({ communities: without(external.communities, 'a') })).toThrow(new EngineInputError('external clusters (a test double of GDS): no community for 1 node(s), e.g. "a"'));
    for (const bad of [NaN, Infinity, -0.5, 7, '0.5', null]) {
      expect(run({ betweenness: withValue(external.betweenness, 'c', bad) })).toThrow(EngineInputError);
      expect(run({ betweenness: withValue(external.betweenness, 'c', bad) })).toThrow(/external betweenness \(a test double of GDS\): 1 values are not numbers from 0 to 1, e\.g\. "c"/);
    }
    for (const bad of [NaN, Infinity, -Infinity, '5', null]) {
      expect(run({ communities: withValue(external.communities, 'b', bad) })).toThrow(EngineInputError);
      expect(run({ communities: withValue(external.communities, 'b', bad) })).toThrow(/external clusters \(a test double of GDS\): the community of 1 node\(s\) is not a finite number, e\.g\. "b"/);
    }
  });

  it('are keyed by any id, names of JavaScript object members included', () => {
    const ids = ['__proto__', 'toString', 'valueOf', 'constructor', 'hasOwnProperty', 'isPrototypeOf', 'g'];
    const rename = new Map(['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id, i) => [id, ids[i]]));
    const tricky: Bundle = {
      ...bundle,
      entities: bundle.entities.map((e) => ({ ...e, id: rename.get(e.id)! })),
      relations: bundle.relations.map((r) => ({ ...r, source: rename.get(r.source)!, target: rename.get(r.target)! })),
    };
    const renamed = (map: ReadonlyMap<string, number>) => new Map([...map].map(([k, v]) => [rename.get(k)!, v]));
    const result = analyze(tricky, { external: { ...external, communities: renamed(external.communities), betweenness: renamed(external.betweenness) } });
    expect(result.clusters.map((c) => c.members)).toEqual([ids.slice(0, 3), ids.slice(3, 6), ['g']]);
    const names = new Map(tricky.entities.map((e) => [e.id, e.name]));
    expect(rankKeyNodesOf(result, tricky, { names }).map((k) => k.id).slice(0, 2)).toEqual(['constructor', 'valueOf']); // equal scores: by id
  });
});
