import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UndirectedGraph } from 'graphology';
import { toUndirectedCSR, type UndirectedCSR } from '../src/csr';
import { LOUVAIN_DEFAULTS, louvainCSR, modularityCSR } from '../src/louvain';
import { loadNetwork, loadReference } from './fixtures';

/** fixtures/reference/louvain.json, written by test/reference/louvain_reference.py (python-igraph + networkx). */
interface LouvainReference {
  generator: string;
  networks: Record<
    string,
    {
      nodes: number;
      edges: number;
      weighted: boolean;
      multilevel: { min: number; median: number; max: number };
      leiden: { min: number; median: number; max: number };
      partition?: { community: Record<string, number>; modularity: Record<string, { igraph: number; networkx: number }> };
    }
  >;
}

const REFERENCE = JSON.parse(
  readFileSync(join(__dirname, 'fixtures', 'reference', 'louvain.json'), 'utf8'),
) as LouvainReference;
const SMALL = ['karate', 'lesmis', 'dolphins', 'football', 'polbooks'] as const;
const SEEDS = Array.from({ length: 10 }, (_v, i) => i);

function csrOf(name: string): UndirectedCSR {
  return toUndirectedCSR(loadNetwork(name), { weightAttribute: 'weight' });
}

/** Builds a CSR from an edge list on nodes 0..n-1. */
function csrFromEdges(n: number, edges: [number, number, number?][]): UndirectedCSR {
  const g = new UndirectedGraph();
  for (let i = 0; i < n; i++) g.addNode(String(i));
  for (const [u, v, w] of edges) g.addEdge(String(u), String(v), { weight: w ?? 1 });
  return toUndirectedCSR(g, { weightAttribute: 'weight' });
}

/** Community array of a CSR from a key -> label map. */
function labelsOf(csr: UndirectedCSR, byKey: Record<string, number>): Int32Array {
  return Int32Array.from(csr.keys, (k) => {
    const c = byKey[k];
    if (c === undefined) throw new Error(`no community for node ${k}`);
    return c;
  });
}

/** True when every community induces a connected subgraph. */
function communitiesConnected(csr: UndirectedCSR, community: Int32Array, count: number): boolean {
  const seen = new Uint8Array(csr.n);
  const started = new Uint8Array(count);
  for (let s = 0; s < csr.n; s++) {
    if (seen[s]) continue;
    const c = community[s];
    if (started[c]) return false; // a second piece of community c
    started[c] = 1;
    seen[s] = 1;
    const stack = [s];
    while (stack.length > 0) {
      const v = stack.pop()!;
      for (let e = csr.offsets[v]; e < csr.offsets[v + 1]; e++) {
        const u = csr.targets[e];
        if (!seen[u] && community[u] === c) {
          seen[u] = 1;
          stack.push(u);
        }
      }
    }
  }
  return true;
}

function expectNumberedByFirstAppearance(community: Int32Array, count: number): void {
  let next = 0;
  for (const c of community) {
    expect(c).toBeLessThanOrEqual(next);
    if (c === next) next++;
  }
  expect(next).toBe(count);
}

describe('modularityCSR', () => {
  // Two triangles 0-1-2 and 3-4-5 joined by the edge 2-3 (m = 7).
  const triangles: [number, number, number?][] = [
    [0, 1],
    [1, 2],
    [0, 2],
    [3, 4],
    [4, 5],
    [3, 5],
    [2, 3],
  ];

  it('matches hand-computed values on two joined triangles', () => {
    const csr = csrFromEdges(6, triangles);
    const split = Int32Array.from([0, 0, 0, 1, 1, 1]);
    // Each side: 3 internal edges of 7, total degree 7 of 14.  Q = 6/7 − 2·(1/2)² = 5/14.
    expect(modularityCSR(csr, split)).toBeCloseTo(5 / 14, 14);
    // Resolution 0.5: 6/7 − 0.5·2·(1/2)² = 17/28.
    expect(modularityCSR(csr, split, 0.5)).toBeCloseTo(17 / 28, 14);
    // One community: 1 − 1 = 0. Singletons: −Σk²/(2m)² = −(4·2² + 2·3²)/14² = −34/196.
    expect(modularityCSR(csr, new Int32Array(6))).toBeCloseTo(0, 14);
    expect(modularityCSR(csr, Int32Array.from([0, 1, 2, 3, 4, 5]))).toBeCloseTo(-34 / 196, 14);
    // Labels need not be small or dense.
    expect(modularityCSR(csr, Int32Array.from([7, 7, 7, 1e9, 1e9, 1e9]))).toBeCloseTo(5 / 14, 14);
  });

  it('uses the weights: bridge of weight 2 gives 6/8 − 2·(8/16)² = 1/4', () => {
    const weighted = triangles.map(([u, v]) => [u, v, u === 2 && v === 3 ? 2 : 1] as [number, number, number]);
    const csr = csrFromEdges(6, weighted);
    expect(modularityCSR(csr, Int32Array.from([0, 0, 0, 1, 1, 1]))).toBeCloseTo(0.25, 14);
  });

  it('equals networkx on the karate reference partition (louvainCommunities, louvainModularity)', () => {
    const ref = loadReference('karate') as ReturnType<typeof loadReference> & { louvainCommunities: string[][] };
    const csr = csrOf('karate');
    const byKey: Record<string, number> = {};
    ref.louvainCommunities.forEach((members, c) => members.forEach((k) => (byKey[k] = c)));
    expect(modularityCSR(csr, labelsOf(csr, byKey))).toBeCloseTo(ref.louvainModularity!, 12);
  });

  it.each(SMALL)('equals igraph and networkx on the igraph partition of %s, at resolutions 1, 0.5 and 2', (name) => {
    const csr = csrOf(name);
    const { community, modularity } = REFERENCE.networks[name].partition!;
    const labels = labelsOf(csr, community);
    for (const [resolution, values] of Object.entries(modularity)) {
      const q = modularityCSR(csr, labels, Number(resolution));
      expect(q).toBeCloseTo(values.igraph, 12);
      expect(q).toBeCloseTo(values.networkx, 12);
    }
  });

  it('is 0 without edges and rejects a community array of the wrong length', () => {
    const csr = csrFromEdges(3, []);
    expect(modularityCSR(csr, Int32Array.from([0, 1, 2]))).toBe(0);
    expect(() => modularityCSR(csr, new Int32Array(2))).toThrow(RangeError);
  });
});

describe('louvainCSR', () => {
  it('has the documented defaults', () => {
    expect(LOUVAIN_DEFAULTS).toEqual({ seed: 1, resolution: 1, maxLevels: 100, refine: true, tolerance: 1e-2 });
  });

  it('reaches modularity >= 0.41 on karate for 20 seeds (networkx louvain: 0.4188, optimum 0.4198)', () => {
    const csr = csrOf('karate');
    for (let seed = 0; seed < 20; seed++) {
      const r = louvainCSR(csr, { seed });
      expect(r.modularity).toBeGreaterThanOrEqual(0.41);
      expect(r.modularity).toBeCloseTo(modularityCSR(csr, r.community), 12);
      expectNumberedByFirstAppearance(r.community, r.count);
    }
    expect(louvainCSR(csr).modularity).toBeGreaterThanOrEqual(loadReference('karate').louvainModularity! - 1e-12);
  });

  it('is deterministic: same graph and seed, identical result', () => {
    const csr = csrOf('lesmis');
    for (const seed of [1, 7, 12345]) {
      const a = louvainCSR(csr, { seed });
      const b = louvainCSR(csrOf('lesmis'), { seed });
      expect(Array.from(b.community)).toEqual(Array.from(a.community));
      expect(b).toEqual(a);
    }
    const p = louvainCSR(csrOf('power'), { seed: 3 });
    const q = louvainCSR(csrOf('power'), { seed: 3 });
    expect(Array.from(q.community)).toEqual(Array.from(p.community));
    expect(q.modularity).toBe(p.modularity);
  });

  it('finds the two triangles', () => {
    const csr = csrFromEdges(6, [
      [0, 1],
      [1, 2],
      [0, 2],
      [3, 4],
      [4, 5],
      [3, 5],
      [2, 3],
    ]);
    const r = louvainCSR(csr);
    expect(Array.from(r.community)).toEqual([0, 0, 0, 1, 1, 1]);
    expect(r.count).toBe(2);
    expect(r.modularity).toBeCloseTo(5 / 14, 14);
  });

  it('puts every node of a graph without edges in its own community, modularity 0', () => {
    const csr = csrFromEdges(5, []);
    const r = louvainCSR(csr);
    expect(Array.from(r.community)).toEqual([0, 1, 2, 3, 4]);
    expect(r.count).toBe(5);
    expect(r.modularity).toBe(0);
    const none = louvainCSR(csrFromEdges(0, []));
    expect(none.count).toBe(0);
    expect(none.community).toHaveLength(0);
    expect(none.modularity).toBe(0);
  });

  it('handles graphs made only of degree-1 nodes (vertex following): a matching and a star', () => {
    const matching = louvainCSR(csrFromEdges(8, [
      [0, 1],
      [2, 3],
      [4, 5],
      [6, 7],
    ]));
    expect(Array.from(matching.community)).toEqual([0, 0, 1, 1, 2, 2, 3, 3]);
    expect(matching.modularity).toBeCloseTo(1 - 4 * (1 / 4) ** 2, 14);
    const starCsr = csrFromEdges(5, [
      [0, 1],
      [0, 2],
      [0, 3],
      [0, 4],
    ]);
    const star = louvainCSR(starCsr);
    expect(star.count).toBe(1);
    expect(star.modularity).toBeCloseTo(0, 14);
    // Above resolution 1 there is no following (a leaf may be better alone); still a valid local optimum.
    const split = louvainCSR(starCsr, { resolution: 3 });
    expect(split.modularity).toBeCloseTo(modularityCSR(starCsr, split.community, 3), 12);
    expect(split.modularity).toBeGreaterThan(modularityCSR(starCsr, new Int32Array(5), 3));
  });

  it('leaves isolated nodes alone and still clusters the rest', () => {
    const g = loadNetwork('karate');
    for (const id of ['iso-a', 'iso-b', 'iso-c']) g.addNode(id);
    const csr = toUndirectedCSR(g, { weightAttribute: 'weight' });
    const r = louvainCSR(csr, { seed: 2 });
    const isolated = ['iso-a', 'iso-b', 'iso-c'].map((k) => r.community[csr.keys.indexOf(k)]);
    for (const c of isolated) expect(r.community.filter((x) => x === c)).toHaveLength(1);
    expect(new Set(isolated).size).toBe(3);
    expect(r.modularity).toBeGreaterThanOrEqual(0.41);
    expect(r.modularity).toBeCloseTo(modularityCSR(csr, r.community), 12);
    // netscience has 128 isolated nodes of its own.
    const net = csrOf('netscience');
    const s = louvainCSR(net);
    for (let v = 0; v < net.n; v++) {
      if (net.offsets[v + 1] === net.offsets[v]) expect(s.community.filter((x) => x === s.community[v])).toHaveLength(1);
    }
  });

  it('reaches igraph multilevel on weighted lesmis (median of 20 igraph seeds minus 0.005) for every seed', () => {
    const csr = csrOf('lesmis');
    const igraph = REFERENCE.networks.lesmis.multilevel.median;
    for (const seed of SEEDS) expect(louvainCSR(csr, { seed }).modularity).toBeGreaterThanOrEqual(igraph - 0.005);
    // Weights matter: the unweighted optimum is a different partition.
    const unweighted = toUndirectedCSR(loadNetwork('lesmis'));
    expect(louvainCSR(unweighted).community).not.toEqual(louvainCSR(csr).community);
  });

  it.each(SMALL)('on %s: every seed within 0.005 of the igraph multilevel median, our median within 0.002', (name) => {
    const csr = csrOf(name);
    const igraph = REFERENCE.networks[name].multilevel.median;
    const qs = SEEDS.map((seed) => louvainCSR(csr, { seed }).modularity).sort((a, b) => a - b);
    for (const q of qs) expect(q).toBeGreaterThanOrEqual(igraph - 0.005);
    expect((qs[4] + qs[5]) / 2).toBeGreaterThanOrEqual(igraph - 0.002);
  });

  it('gives connected communities (Leiden refinement), on networks where plain Louvain may not', () => {
    for (const name of ['karate', 'lesmis', 'dolphins', 'football', 'polbooks', 'netscience', 'power']) {
      const csr = csrOf(name);
      for (const seed of [1, 2, 3]) {
        const r = louvainCSR(csr, { seed });
        expect(communitiesConnected(csr, r.community, r.count)).toBe(true);
      }
    }
  });

  it('without refinement is plain Louvain: a valid partition of comparable quality', () => {
    const csr = csrOf('karate');
    const r = louvainCSR(csr, { refine: false });
    expectNumberedByFirstAppearance(r.community, r.count);
    expect(r.modularity).toBeCloseTo(modularityCSR(csr, r.community), 12);
    expect(r.modularity).toBeGreaterThanOrEqual(0.41);
    const power = csrOf('power');
    expect(louvainCSR(power, { refine: false }).modularity).toBeGreaterThan(0.9);
  });

  it('is unchanged when all weights are scaled by a power of two', () => {
    const csr = csrOf('lesmis');
    const scaled = { ...csr, weights: csr.weights.map((w) => w * 1024) };
    for (const seed of [1, 2, 3]) {
      const a = louvainCSR(csr, { seed });
      const b = louvainCSR(scaled, { seed });
      expect(Array.from(b.community)).toEqual(Array.from(a.community));
      expect(b.modularity).toBeCloseTo(a.modularity, 12);
    }
  });

  it('honours the resolution: more, smaller communities above 1, modularity at that resolution', () => {
    const csr = csrOf('lesmis');
    const low = louvainCSR(csr, { resolution: 0.5 });
    const one = louvainCSR(csr);
    const high = louvainCSR(csr, { resolution: 2 });
    expect(low.count).toBeLessThan(one.count);
    expect(high.count).toBeGreaterThan(one.count);
    expect(high.modularity).toBeCloseTo(modularityCSR(csr, high.community, 2), 12);
    expect(low.modularity).toBeCloseTo(modularityCSR(csr, low.community, 0.5), 12);
  });

  it('stops after maxLevels levels and more passes never lower modularity', () => {
    const csr = csrOf('power');
    const one = louvainCSR(csr, { maxLevels: 1 });
    expect(one.levels).toBe(1);
    expect(one.modularity).toBeCloseTo(modularityCSR(csr, one.community), 12);
    const deep = louvainCSR(csr);
    expect(deep.levels).toBeGreaterThan(1);
    expect(deep.modularity).toBeGreaterThan(one.modularity);
    const exhaustive = louvainCSR(csr, { tolerance: 0 });
    expect(exhaustive.modularity).toBeGreaterThanOrEqual(deep.modularity - 1e-12);
  });

  it('rejects negative weights and a negative resolution', () => {
    const csr = csrFromEdges(3, [
      [0, 1, 1],
      [1, 2, -1],
    ]);
    expect(() => louvainCSR(csr)).toThrow(RangeError);
    expect(() => louvainCSR(csrOf('karate'), { resolution: -1 })).toThrow(RangeError);
  });
});
