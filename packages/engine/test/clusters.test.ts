import { detectClusters, modularity } from '@chokepoint/engine';
import { loadNetwork, loadReference } from './fixtures';

describe('Louvain clusters', () => {
  const karate = loadNetwork('karate');

  it('reaches modularity of at least 0.41 on Zachary karate club (networkx louvain: 0.4188)', () => {
    const result = detectClusters(karate, { seed: 1 });
    expect(result.modularity).toBeGreaterThanOrEqual(0.41);
    expect(modularity(karate, result.cluster)).toBeCloseTo(result.modularity, 10);
  });

  it('reaches at least 0.41 for every one of 20 seeds', () => {
    for (let seed = 0; seed < 20; seed++) expect(detectClusters(karate, { seed }).modularity).toBeGreaterThanOrEqual(0.41);
  });

  it('separates the two clubs of the real split: each cluster lies (almost) within one club', () => {
    const clubs = loadReference('karate').clubs!;
    const { members } = detectClusters(karate, { seed: 1 });
    let misplaced = 0;
    for (const list of members) {
      const counts = new Map<string, number>();
      for (const m of list) counts.set(clubs[m], (counts.get(clubs[m]) ?? 0) + 1);
      misplaced += list.length - Math.max(...counts.values());
    }
    expect(misplaced).toBeLessThanOrEqual(2);
  });

  it('gives the same clusters for the same seed, and numbers them from the largest down', () => {
    const a = detectClusters(karate, { seed: 7 });
    const b = detectClusters(karate, { seed: 7 });
    expect(a).toEqual(b);
    for (let i = 1; i < a.members.length; i++) expect(a.members[i - 1].length).toBeGreaterThanOrEqual(a.members[i].length);
    expect(new Set(a.cluster.values())).toEqual(new Set(a.members.map((_m, i) => i + 1)));
  });

  it('puts every node of a graph without edges in its own cluster', () => {
    const g = karate.emptyCopy();
    const r = detectClusters(g);
    expect(r.members).toHaveLength(34);
    expect(r.modularity).toBe(0);
  });
});
