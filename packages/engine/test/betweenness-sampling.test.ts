import { DirectedGraph } from 'graphology';
import {
  betweennessCSR,
  betweennessRun,
  betweennessRunCSR,
  betweennessScale,
  csrFromEdgeList,
  directedAdjacency,
  formatBound,
  PathSampler,
  rkEpsilon,
  rkSampleSize,
  RK_CONSTANT,
  seededRandom,
  toUndirectedCSR,
  undirectedAdjacency,
  vcDimensionBound,
  vertexDiameterBound,
  type UndirectedCSR,
} from '@chokepoint/engine';
import { loadNetwork, loadReference, NETWORKS } from './fixtures';

/** The largest number of nodes on a shortest path, by a breadth-first search from every node. */
function vertexDiameter(csr: UndirectedCSR): number {
  const dist = new Int32Array(csr.n);
  const queue = new Int32Array(csr.n);
  let best = csr.n > 0 ? 1 : 0;
  for (let s = 0; s < csr.n; s++) {
    dist.fill(-1);
    dist[s] = 0;
    queue[0] = s;
    for (let head = 0, tail = 1; head < tail; head++) {
      const v = queue[head];
      best = Math.max(best, dist[v] + 1);
      for (let j = csr.offsets[v]; j < csr.offsets[v + 1]; j++) {
        const w = csr.targets[j];
        if (dist[w] < 0) (dist[w] = dist[v] + 1), (queue[tail++] = w);
      }
    }
  }
  return best;
}

/** Exact normalized betweenness of a CSR (Brandes, checked against networkx in reference.test.ts). */
function exact(csr: UndirectedCSR): Float64Array {
  const scale = betweennessScale(csr.n);
  return betweennessCSR(csr).map((x) => x * scale);
}

function maxError(a: Float64Array, b: Float64Array): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

/** Random graphs with many equal shortest paths: G(n, p), grids with holes, trees, several components. */
function randomGraphs(count: number, seed: number): UndirectedCSR[] {
  const rng = seededRandom(seed);
  const out: UndirectedCSR[] = [];
  for (let k = 0; k < count; k++) {
    const src: number[] = [];
    const dst: number[] = [];
    let n: number;
    const kind = k % 4;
    if (kind === 0) {
      n = 8 + Math.floor(rng() * 40);
      const p = 1.5 / n + rng() * (4 / n);
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (rng() < p) (src.push(i), dst.push(j));
    } else if (kind === 1) {
      const w = 3 + Math.floor(rng() * 5);
      const h = 3 + Math.floor(rng() * 5);
      n = w * h;
      for (let y = 0; y < h; y++)
        for (let x = 0; x < w; x++) {
          if (x + 1 < w && rng() < 0.9) (src.push(y * w + x), dst.push(y * w + x + 1));
          if (y + 1 < h && rng() < 0.9) (src.push(y * w + x), dst.push((y + 1) * w + x));
        }
    } else if (kind === 2) {
      n = 5 + Math.floor(rng() * 40);
      for (let i = 1; i < n; i++) (src.push(Math.floor(rng() * i)), dst.push(i));
    } else {
      n = 10 + Math.floor(rng() * 30);
      const parts = 2 + Math.floor(rng() * 3);
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (i % parts === j % parts && rng() < 0.3) (src.push(i), dst.push(j));
    }
    out.push(csrFromEdgeList(n, Int32Array.from(src), Int32Array.from(dst)));
  }
  return out;
}

describe('the sample size (Riondato & Kornaropoulos 2016)', () => {
  it('is ⌈(c/ε²)(⌊log2(VD − 2)⌋ + 1 + ln(1/δ))⌉ with ε rescaled from pairs of other nodes to all pairs', () => {
    expect(RK_CONSTANT).toBe(0.5);
    expect(vcDimensionBound(3)).toBe(1);
    expect(vcDimensionBound(22)).toBe(5); // ⌊log2 20⌋ + 1
    expect(vcDimensionBound(2)).toBe(0);
    const e = (0.01 * 998) / 1000;
    expect(rkSampleSize(1000, 22, 0.01, 0.1)).toBe(Math.ceil((0.5 / (e * e)) * (5 + Math.log(10))));
    expect(rkSampleSize(1000, 22, 0.01, 0.1, 1)).toBe(Math.ceil((1 / (e * e)) * (5 + Math.log(10))));
    // The bound achieved by that many samples is within the one asked for, and one sample fewer would miss it.
    for (const [n, vd, eps, delta] of [[1000, 22, 0.01, 0.1], [50, 7, 0.05, 0.01], [100000, 300, 0.003, 0.2]]) {
      const r = rkSampleSize(n, vd, eps, delta);
      expect(rkEpsilon(n, vd, r, delta)).toBeLessThanOrEqual(eps);
      expect(rkEpsilon(n, vd, r - 1, delta)).toBeGreaterThan(eps);
    }
    expect(rkSampleSize(10, 2, 0.1, 0.1)).toBe(0); // no node can lie between two others
    expect(() => rkSampleSize(10, 5, 0, 0.1)).toThrow(RangeError);
    expect(() => rkSampleSize(10, 5, 0.1, 1)).toThrow(RangeError);
  });

  it('rests on an upper bound of the vertex diameter (fixtures and random graphs)', () => {
    const graphs = [...NETWORKS.map((name) => toUndirectedCSR(loadNetwork(name))), ...randomGraphs(40, 11)];
    for (const csr of graphs) {
      const bound = vertexDiameterBound(undirectedAdjacency(csr), false, false);
      const true_ = vertexDiameter(csr);
      expect(bound.vertexDiameter).toBeGreaterThanOrEqual(true_);
      expect(bound.vertexDiameter).toBeLessThanOrEqual(2 * true_); // the two-sweep bound is at most about twice the truth
    }
    // A path of 9 nodes: from its middle, 4 + 4 + 1 nodes, exactly.
    const path = csrFromEdgeList(9, Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7]), Int32Array.from([1, 2, 3, 4, 5, 6, 7, 8]));
    expect(vertexDiameterBound(undirectedAdjacency(path), false, false).vertexDiameter).toBe(9);
    // Directed or weighted: the size of the largest component.
    expect(vertexDiameterBound(undirectedAdjacency(path), false, true).vertexDiameter).toBe(9);
  });

  it('states the bound in words, rounded so that it stays true', () => {
    expect(formatBound(0.0123456)).toBe('0.0124');
    expect(formatBound(0.1)).toBe('0.100');
    expect(formatBound(0.0099999)).toBe('0.0100');
    expect(formatBound(0)).toBe('0');
  });
});

describe('sampled betweenness against exact values', () => {
  /**
   * The guarantee: in at least 1 − δ of the runs, every node's estimate is within ±ε. Counted over many seeds on each
   * network (a failure rate above δ fails the test).
   */
  async function failures(csr: UndirectedCSR, truth: Float64Array, epsilon: number, delta: number, runs: number, seed0: number) {
    let failed = 0;
    let worst = 0;
    for (let k = 0; k < runs; k++) {
      const run = await betweennessRunCSR(csr, { threads: 1, epsilon, delta, seed: seed0 + k, sampling: 'always' });
      expect(run.method).toBe('rk');
      expect(run.epsilon!).toBeLessThanOrEqual(epsilon);
      const err = maxError(run.values, truth);
      worst = Math.max(worst, err);
      if (err > run.epsilon!) failed++;
    }
    return { failed, worst };
  }

  it.each(NETWORKS.map((name) => [name]))('%s: within ±ε in at least 1 − δ of 40 seeded runs (ε = 0.05, δ = 0.1)', async (name) => {
    const csr = toUndirectedCSR(loadNetwork(name));
    const ref = loadReference(name);
    const truth = Float64Array.from(csr.keys, (k) => ref.betweenness[k]);
    expect(maxError(exact(csr), truth)).toBeLessThan(1e-9); // the engine's exact values are networkx's
    const { failed } = await failures(csr, truth, 0.05, 0.1, 40, 1000);
    expect(failed).toBeLessThanOrEqual(4);
  });

  it('small networks: within ±ε in at least 1 − δ of 20 runs at ε = 0.02, δ = 0.05', async () => {
    for (const name of ['karate', 'lesmis', 'dolphins', 'netscience'] as const) {
      const csr = toUndirectedCSR(loadNetwork(name));
      const { failed } = await failures(csr, exact(csr), 0.02, 0.05, 20, 2000);
      expect(failed).toBeLessThanOrEqual(1);
    }
  });

  it('random graphs: within ±ε in at least 1 − δ of all runs (40 graphs × 10 seeds, ε = 0.05, δ = 0.1)', async () => {
    let failed = 0;
    let runs = 0;
    for (const csr of randomGraphs(40, 7)) {
      if (csr.n <= 2) continue;
      const r = await failures(csr, exact(csr), 0.05, 0.1, 10, 3000);
      failed += r.failed;
      runs += 10;
    }
    expect(failed).toBeLessThanOrEqual(0.1 * runs);
  });

  it('is unbiased for the engine normalization: with many samples the total and every value approach the exact ones', async () => {
    // A wrong scale (RK's n(n−1) pairs instead of (n−1)(n−2)) would put the totals n/(n−2) apart: 6 % on karate.
    for (const name of ['karate', 'dolphins', 'lesmis'] as const) {
      const csr = toUndirectedCSR(loadNetwork(name));
      const truth = exact(csr);
      const run = await betweennessRunCSR(csr, { threads: 1, epsilon: 0.005, delta: 0.1, seed: 5, sampling: 'always' });
      const total = run.values.reduce((a, b) => a + b, 0);
      const exactTotal = truth.reduce((a, b) => a + b, 0);
      expect(Math.abs(total / exactTotal - 1)).toBeLessThan(0.01);
      expect(maxError(run.values, truth)).toBeLessThan(0.005);
    }
  });

  it('draws each shortest path of a pair with the same probability (grid, fan, directed, weighted)', () => {
    /** Frequencies of the paths drawn for (s, t), by the nodes inside them. */
    const frequencies = (sampler: PathSampler, s: number, t: number, draws: number) => {
      const seen = new Map<string, number>();
      for (let i = 0; i < draws; i++) {
        const key = sampler.samplePath(s, t, i)!.join(' ');
        seen.set(key, (seen.get(key) ?? 0) + 1 / draws);
      }
      return seen;
    };
    const expectUniform = (seen: Map<string, number>, paths: number) => {
      expect(seen.size).toBe(paths);
      for (const f of seen.values()) expect(Math.abs(f - 1 / paths)).toBeLessThan(0.015);
    };
    // A 4 × 3 grid, corner to corner: C(5, 2) = 10 shortest paths.
    const src: number[] = [];
    const dst: number[] = [];
    for (let y = 0; y < 3; y++)
      for (let x = 0; x < 4; x++) {
        if (x + 1 < 4) (src.push(y * 4 + x), dst.push(y * 4 + x + 1));
        if (y + 1 < 3) (src.push(y * 4 + x), dst.push((y + 1) * 4 + x));
      }
    const grid = undirectedAdjacency(csrFromEdgeList(12, Int32Array.from(src), Int32Array.from(dst)));
    expectUniform(frequencies(new PathSampler(grid, false, 1), 0, 11, 30000), 10);
    expectUniform(frequencies(new PathSampler(grid, false, 2), 11, 0, 30000), 10);
    expectUniform(frequencies(new PathSampler(grid, false, 3), 1, 10, 30000), 3);
    // A fan: s = 0 reaches c = 6 through five middlemen 1..5 and d = 8 through one, 7; c and d both touch t = 9. Five
    // of the six paths pass through c: a step-by-step uniform choice from t would give c only half of them.
    const fan = [[0, 1], [0, 2], [0, 3], [0, 4], [0, 5], [1, 6], [2, 6], [3, 6], [4, 6], [5, 6], [0, 7], [7, 8], [6, 9], [8, 9]];
    const fanCSR = csrFromEdgeList(10, Int32Array.from(fan, (e) => e[0]), Int32Array.from(fan, (e) => e[1]));
    for (const [s, t] of [[0, 9], [9, 0]]) expectUniform(frequencies(new PathSampler(undirectedAdjacency(fanCSR), false, 4), s, t, 30000), 6);
    const directed = new DirectedGraph();
    for (let i = 0; i < 10; i++) directed.addNode(String(i));
    for (const [u, v] of fan) directed.addEdge(String(u), String(v));
    directed.addEdge('9', '0'); // a way back that is no shortest path
    const { keys, adjacency } = directedAdjacency(directed);
    expect(keys).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expectUniform(frequencies(new PathSampler(adjacency, false, 5), 0, 9, 30000), 6);
    expect(new PathSampler(adjacency, false, 5).samplePath(9, 1, 0)).toEqual([0]);
    expect(new PathSampler(adjacency, false, 5).samplePath(1, 2, 0)).toEqual([6, 9, 0]);
    // Weighted, three paths of length 3: s–a–t (1 + 2), s–b–t (2 + 1), s–c–e–t (1 + 1 + 1); s–t itself is 4.
    const wsrc = Int32Array.from([0, 1, 0, 2, 0, 3, 4, 0]);
    const wdst = Int32Array.from([1, 5, 2, 5, 3, 4, 5, 5]);
    const weighted = undirectedAdjacency(csrFromEdgeList(6, wsrc, wdst, Float64Array.from([1, 2, 2, 1, 1, 1, 1, 4])));
    expectUniform(frequencies(new PathSampler(weighted, true, 6), 0, 5, 30000), 3);
    // Out of reach: no path.
    const apart = undirectedAdjacency(csrFromEdgeList(4, Int32Array.from([0, 2]), Int32Array.from([1, 3])));
    expect(new PathSampler(apart, false, 1).samplePath(0, 3, 0)).toBeNull();
    expect(new PathSampler(apart, true, 1).samplePath(0, 3, 0)).toBeNull();
    expect(() => new PathSampler(apart, false, 1).samplePath(2, 2, 0)).toThrow(RangeError);
  });

  it('passes through each node of a pair\'s shortest paths as often as σ_sv·σ_vt/σ_st (grids and random graphs)', () => {
    const bfs = (csr: UndirectedCSR, s: number) => {
      const dist = new Int32Array(csr.n).fill(-1);
      const sigma = new Float64Array(csr.n);
      const queue = [s];
      dist[s] = 0;
      sigma[s] = 1;
      for (let h = 0; h < queue.length; h++) {
        const v = queue[h];
        for (let j = csr.offsets[v]; j < csr.offsets[v + 1]; j++) {
          const w = csr.targets[j];
          if (dist[w] < 0) (dist[w] = dist[v] + 1), queue.push(w);
          if (dist[w] === dist[v] + 1) sigma[w] += sigma[v];
        }
      }
      return { dist, sigma };
    };
    // Grids (with a few holes) have long shortest paths with unequal path counts along the way.
    const grids: UndirectedCSR[] = [];
    const rng = seededRandom(17);
    for (const [w, h] of [[7, 7], [9, 4], [6, 8]]) {
      const src: number[] = [];
      const dst: number[] = [];
      for (let y = 0; y < h; y++)
        for (let x = 0; x < w; x++) {
          if (x + 1 < w && rng() < 0.95) (src.push(y * w + x), dst.push(y * w + x + 1));
          if (y + 1 < h && rng() < 0.95) (src.push(y * w + x), dst.push((y + 1) * w + x));
        }
      grids.push(csrFromEdgeList(w * h, Int32Array.from(src), Int32Array.from(dst)));
    }
    let checked = 0;
    for (const csr of [...grids, ...randomGraphs(8, 29)]) {
      const sampler = new PathSampler(undirectedAdjacency(csr), false, 8);
      for (let k = 0; k < 4; k++) {
        const s = Math.floor(rng() * csr.n);
        const t = (s + 1 + Math.floor(rng() * (csr.n - 1))) % csr.n;
        const fromS = bfs(csr, s);
        const toT = bfs(csr, t);
        const d = fromS.dist[t];
        const draws = 20000;
        if (d < 0) {
          expect(sampler.samplePath(s, t, k)).toBeNull();
          continue;
        }
        const seen = new Float64Array(csr.n);
        const lengths = new Set<number>();
        for (let i = 0; i < draws; i++) {
          const path = sampler.samplePath(s, t, k * draws + i)!;
          lengths.add(path.length);
          for (const v of path) seen[v] += 1 / draws;
        }
        expect([...lengths]).toEqual([d - 1]);
        let worst = 0;
        for (let v = 0; v < csr.n; v++) {
          const on = v !== s && v !== t && fromS.dist[v] >= 0 && fromS.dist[v] + toT.dist[v] === d;
          const expected = on ? (fromS.sigma[v] * toT.sigma[v]) / fromS.sigma[t] : 0;
          worst = Math.max(worst, Math.abs(seen[v] - expected));
        }
        expect(worst).toBeLessThan(0.02);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('directed graphs (brute-force-checked exact Brandes) and weighted paths (lesmis, networkx)', async () => {
    const rng = seededRandom(31);
    for (let k = 0; k < 20; k++) {
      const g = new DirectedGraph();
      const n = 4 + Math.floor(rng() * 12);
      for (let i = 0; i < n; i++) g.addNode(String(i));
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j && rng() < 0.2) g.addEdge(String(i), String(j));
      const { adjacency } = directedAdjacency(g);
      const truth = (await betweennessRun(adjacency, true, { threads: 1 })).values;
      const run = await betweennessRun(adjacency, true, { threads: 1, epsilon: 0.01, delta: 0.1, seed: k, sampling: 'always' });
      expect(run.method).toBe('rk');
      expect(maxError(run.values, truth)).toBeLessThan(0.01);
    }
    const graph = loadNetwork('lesmis');
    const ref = loadReference('lesmis');
    const csr = toUndirectedCSR(graph, { weightAttribute: 'weight' });
    // networkx takes the weight as the length of the edge, as the engine does.
    const truth = Float64Array.from(csr.keys, (key) => ref.betweennessWeighted![key]);
    const run = await betweennessRunCSR(csr, { threads: 1, weighted: true, epsilon: 0.01, delta: 0.1, seed: 4, sampling: 'always' });
    expect(run.vertexDiameter).toBe(77); // weighted: the size of the component
    expect(maxError(run.values, truth)).toBeLessThan(0.01);
  });

  it('no node can lie inside a shortest path: every value exactly 0, without sampling', async () => {
    const pairs = csrFromEdgeList(6, Int32Array.from([0, 2, 4]), Int32Array.from([1, 3, 5]));
    const run = await betweennessRunCSR(pairs, { threads: 1, epsilon: 0.01, sampling: 'always' });
    expect(run).toMatchObject({ exact: true, samples: 0, vertexDiameter: 2 });
    expect([...run.values]).toEqual([0, 0, 0, 0, 0, 0]);
  });
});

describe('sampled betweenness: seeds, threads, and the choice of method', () => {
  it('the same seed gives byte-identical values on 1, 2 or 3 threads; another seed gives others', async () => {
    const csr = toUndirectedCSR(loadNetwork('power'));
    const options = { epsilon: 0.01, delta: 0.1, seed: 3, sampling: 'always' as const };
    const one = await betweennessRunCSR(csr, { ...options, threads: 1 });
    const two = await betweennessRunCSR(csr, { ...options, threads: 2 });
    const three = await betweennessRunCSR(csr, { ...options, threads: 3 });
    expect(one.threads).toBe(1);
    expect(two.threads).toBe(2);
    expect(three.threads).toBe(3);
    const bytes = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    expect(bytes(two.values).equals(bytes(one.values))).toBe(true);
    expect(bytes(three.values).equals(bytes(one.values))).toBe(true);
    expect({ ...two, values: null, threads: 0 }).toEqual({ ...one, values: null, threads: 0 });
    const other = await betweennessRunCSR(csr, { ...options, seed: 4, threads: 2 });
    expect(bytes(other.values).equals(bytes(one.values))).toBe(false);
    expect(maxError(one.values, exact(csr))).toBeLessThan(one.epsilon!);
  });

  it('states the method, the sample, the vertex-diameter bound and the guarantee', async () => {
    const csr = toUndirectedCSR(loadNetwork('power'));
    const seen: number[] = [];
    const run = await betweennessRunCSR(csr, { threads: 1, epsilon: 0.05, delta: 0.1, seed: 1, onProgress: (x) => seen.push(x) });
    expect(run).toMatchObject({ exact: false, method: 'rk', delta: 0.1, constant: 0.5, threads: 1 });
    expect(run.vertexDiameter).toBe(vertexDiameterBound(undirectedAdjacency(csr), false, false).vertexDiameter);
    expect(run.samples).toBe(rkSampleSize(csr.n, run.vertexDiameter!, 0.05, 0.1));
    expect(run.sources).toBe(run.samples);
    expect(run.connectedSamples).toBe(run.samples); // the power grid is connected
    expect(run.epsilon).toBeCloseTo(rkEpsilon(csr.n, run.vertexDiameter!, run.samples, 0.1), 12);
    expect(run.guarantee).toMatch(/^every value within ±0\.0\d+ of the exact betweenness, for all 4,941 nodes at once, with probability at least 90%: [\d,]+ shortest paths sampled .*Riondato & Kornaropoulos 2016, c = 0\.5.*no shortest path has more than \d+ nodes/);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.every((x, i) => i === 0 || x >= seen[i - 1])).toBe(true);
    expect(seen[seen.length - 1]).toBe(1);
  });

  it('computes exactly when that costs about as much as the sample (small networks), unless told to sample', async () => {
    const csr = toUndirectedCSR(loadNetwork('karate'));
    const auto = await betweennessRunCSR(csr, { threads: 1, epsilon: 0.05 });
    expect(auto).toMatchObject({ exact: true, method: 'exact', sources: 34, samples: 0, epsilon: null, delta: null });
    expect(auto.guarantee).toMatch(/^exact/);
    expect(maxError(auto.values, exact(csr))).toBeLessThan(1e-12);
    const sampled = await betweennessRunCSR(csr, { threads: 1, epsilon: 0.05, sampling: 'always' });
    expect(sampled.method).toBe('rk');
    // No epsilon: exact, as before.
    expect(await betweennessRunCSR(csr, { threads: 1 })).toMatchObject({ exact: true, method: 'exact', sources: 34 });
  });
});
