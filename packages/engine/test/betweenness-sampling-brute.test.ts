import {
  betweennessRun,
  csrFromEdgeList,
  PathSampler,
  rkSampleSize,
  seededRandom,
  undirectedAdjacency,
  vertexDiameterBound,
  type Adjacency,
} from '@chokepoint/engine';

/**
 * Sampled betweenness checked by brute force on tiny graphs: every simple path between two nodes is listed, the
 * shortest ones kept, and from them the exact betweenness, the vertex diameter and the probability of each path. No
 * breadth-first search, no path counting: nothing here shares code or ideas with the engine beyond the definitions.
 */

interface Tiny {
  n: number;
  /** Edges u → v with their length (both ways when undirected). */
  edges: [number, number, number][];
  directed: boolean;
  weighted: boolean;
}

/** The engine's adjacency of a tiny graph (CSR for undirected graphs, out- and in-lists for directed ones). */
function adjacencyOf(g: Tiny): Adjacency {
  if (!g.directed) {
    const csr = csrFromEdgeList(g.n, Int32Array.from(g.edges, (e) => e[0]), Int32Array.from(g.edges, (e) => e[1]), Float64Array.from(g.edges, (e) => e[2]));
    return undirectedAdjacency(csr);
  }
  const lists = (from: 0 | 1) => {
    const offsets = new Int32Array(g.n + 1);
    for (const e of g.edges) offsets[e[from] + 1]++;
    for (let v = 0; v < g.n; v++) offsets[v + 1] += offsets[v];
    const fill = offsets.slice(0, g.n);
    const targets = new Int32Array(g.edges.length);
    const weights = new Float64Array(g.edges.length);
    for (const e of g.edges) {
      const k = fill[e[from]]++;
      targets[k] = e[1 - from];
      weights[k] = e[2];
    }
    return { offsets, targets, weights };
  };
  const out = lists(0);
  const inn = lists(1);
  return { n: g.n, offsets: out.offsets, targets: out.targets, weights: out.weights, inOffsets: inn.offsets, inTargets: inn.targets, inWeights: inn.weights };
}

/** Every shortest s–t path (the nodes inside it, from s to t), by listing every simple path. */
function shortestPaths(g: Tiny, s: number, t: number): number[][] {
  const next: [number, number][][] = Array.from({ length: g.n }, () => []);
  for (const [u, v, w] of g.edges) {
    next[u].push([v, w]);
    if (!g.directed) next[v].push([u, w]);
  }
  let best = Infinity;
  let found: number[][] = [];
  const onPath = new Array<boolean>(g.n).fill(false);
  const path: number[] = [];
  const walk = (v: number, length: number) => {
    if (length > best) return;
    if (v === t) {
      if (length < best) (best = length), (found = []);
      found.push(path.slice(0, -1));
      return;
    }
    onPath[v] = true;
    for (const [w, len] of next[v]) {
      if (onPath[w]) continue;
      path.push(w);
      walk(w, length + (g.weighted ? len : 1));
      path.pop();
    }
    onPath[v] = false;
  };
  walk(s, 0);
  // Paths found before a shorter one was are dropped above; the ones left all have the smallest length.
  return found;
}

/** All shortest paths of every ordered pair, keyed "s t". */
function allShortestPaths(g: Tiny): Map<string, number[][]> {
  const out = new Map<string, number[][]>();
  for (let s = 0; s < g.n; s++) for (let t = 0; t < g.n; t++) if (s !== t) out.set(`${s} ${t}`, shortestPaths(g, s, t));
  return out;
}

/** Betweenness from the list of paths: Σ over pairs of the share of their shortest paths through v, normalized as the engine. */
function bruteBetweenness(g: Tiny, paths: Map<string, number[][]>): number[] {
  const out = new Array<number>(g.n).fill(0);
  for (const list of paths.values()) {
    if (list.length === 0) continue;
    for (const p of list) for (const v of p) out[v] += 1 / list.length;
  }
  // Ordered pairs: undirected graphs count every pair twice, over (n − 1)(n − 2) ordered pairs of other nodes.
  const pairs = (g.n - 1) * (g.n - 2);
  return out.map((x) => (pairs > 0 ? x / pairs : 0));
}

/** The most nodes on any shortest path (hops, not lengths: the vertex diameter). */
function bruteVertexDiameter(paths: Map<string, number[][]>): number {
  let best = 1;
  for (const list of paths.values()) for (const p of list) best = Math.max(best, p.length + 2);
  return best;
}

/** Every labelled simple undirected graph on n nodes, unit lengths. */
function everyGraph(n: number): Tiny[] {
  const slots: [number, number][] = [];
  for (let u = 0; u < n; u++) for (let v = u + 1; v < n; v++) slots.push([u, v]);
  const out: Tiny[] = [];
  for (let mask = 0; mask < 1 << slots.length; mask++) {
    out.push({ n, edges: slots.filter((_e, i) => mask & (1 << i)).map(([u, v]) => [u, v, 1] as [number, number, number]), directed: false, weighted: false });
  }
  return out;
}

/**
 * Random tiny graphs: undirected, directed, and weighted (lengths 1–3, so that unequal hop counts tie); 'long': cycles
 * of 8–10 nodes with a few chords, whose shortest paths are long enough (4 or 5 hops) for the search from each end to
 * choose among several predecessors.
 */
function randomTiny(count: number, seed: number, kind: 'undirected' | 'directed' | 'weighted' | 'long'): Tiny[] {
  const rng = seededRandom(seed);
  const out: Tiny[] = [];
  for (let k = 0; k < count; k++) {
    if (kind === 'long') {
      const n = 8 + Math.floor(rng() * 3);
      const edges: [number, number, number][] = [];
      for (let v = 0; v < n; v++) edges.push([v, (v + 1) % n, 1]);
      for (let c = 0; c < 2; c++) {
        const u = Math.floor(rng() * n);
        const v = (u + 2 + Math.floor(rng() * (n - 3))) % n;
        if (!edges.some(([a, b]) => (a === u && b === v) || (a === v && b === u))) edges.push([u, v, 1]);
      }
      out.push({ n, edges, directed: false, weighted: false });
      continue;
    }
    const n = 5 + Math.floor(rng() * 3);
    const edges: [number, number, number][] = [];
    for (let u = 0; u < n; u++)
      for (let v = 0; v < n; v++) {
        if (u === v || (kind !== 'directed' && v < u)) continue;
        if (rng() < (kind === 'directed' ? 0.3 : 0.45)) edges.push([u, v, kind === 'weighted' ? 1 + Math.floor(rng() * 3) : 1]);
      }
    out.push({ n, edges, directed: kind === 'directed', weighted: kind === 'weighted' });
  }
  return out;
}

describe('sampled betweenness against brute force on tiny graphs', () => {
  const five = everyGraph(5);

  it('every graph on 5 nodes (1,024): the vertex-diameter bound holds, exact values are the brute-force ones', async () => {
    expect(five.length).toBe(1024);
    for (const g of five) {
      const adjacency = adjacencyOf(g);
      const paths = allShortestPaths(g);
      expect(vertexDiameterBound(adjacency, false, false).vertexDiameter).toBeGreaterThanOrEqual(bruteVertexDiameter(paths));
      const exact = (await betweennessRun(adjacency, false, { threads: 1 })).values;
      const brute = bruteBetweenness(g, paths);
      for (let v = 0; v < g.n; v++) expect(exact[v]).toBeCloseTo(brute[v], 12);
    }
  });

  it('every graph on 5 nodes: every sampled path is a shortest path, and the estimate within ±ε (ε = 0.1, δ = 0.1) in at least 1 − δ of the graphs', async () => {
    let sampledGraphs = 0;
    let outside = 0;
    let worst = 0;
    for (let k = 0; k < five.length; k++) {
      const g = five[k];
      const adjacency = adjacencyOf(g);
      const paths = allShortestPaths(g);
      const sampler = new PathSampler(adjacency, false, k + 1);
      for (const [pair, list] of paths) {
        const [s, t] = pair.split(' ').map(Number);
        const drawn = sampler.samplePath(s, t, 0);
        if (list.length === 0) expect(drawn).toBeNull();
        else expect(list.map((p) => p.join(' '))).toContain(drawn!.join(' '));
      }
      const run = await betweennessRun(adjacency, false, { threads: 1, epsilon: 0.1, delta: 0.1, seed: k + 1, sampling: 'always' });
      if (run.method !== 'rk') {
        // Only when no shortest path has a node inside it: then every value is 0, exactly.
        expect(bruteVertexDiameter(paths)).toBeLessThanOrEqual(2);
        expect([...run.values]).toEqual([0, 0, 0, 0, 0]);
        continue;
      }
      sampledGraphs++;
      expect(run.samples).toBe(rkSampleSize(5, run.vertexDiameter!, 0.1, 0.1));
      const brute = bruteBetweenness(g, paths);
      let err = 0;
      for (let v = 0; v < g.n; v++) err = Math.max(err, Math.abs(run.values[v] - brute[v]));
      worst = Math.max(worst, err);
      if (err > run.epsilon!) outside++;
    }
    expect(sampledGraphs).toBeGreaterThan(900);
    expect(outside).toBeLessThanOrEqual(0.1 * sampledGraphs);
    expect(worst).toBeGreaterThan(0); // they are estimates, not exact values by another name
  });

  /**
   * Each shortest path of a pair is drawn with probability 1/σ_st: counted over many draws for every pair with more
   * than one shortest path. A sampler that chose uniformly among predecessors step by step would be off by far more.
   */
  function checkUniform(g: Tiny, seed: number): number {
    const adjacency = adjacencyOf(g);
    const sampler = new PathSampler(adjacency, g.weighted, seed);
    let checked = 0;
    for (const [pair, list] of allShortestPaths(g)) {
      const [s, t] = pair.split(' ').map(Number);
      if (list.length === 0) {
        expect(sampler.samplePath(s, t, 0)).toBeNull();
        continue;
      }
      const keys = list.map((p) => p.join(' '));
      expect(new Set(keys).size).toBe(keys.length);
      const draws = list.length === 1 ? 20 : 3000;
      const seen = new Map<string, number>(keys.map((key) => [key, 0]));
      const strays: string[] = [];
      for (let i = 0; i < draws; i++) {
        const key = sampler.samplePath(s, t, i)!.join(' ');
        if (seen.has(key)) seen.set(key, seen.get(key)! + 1);
        else strays.push(key);
      }
      expect(strays).toEqual([]); // every path drawn is a shortest one
      if (list.length === 1) continue;
      // 3000 draws: the standard deviation of a share is at most 0.0092; 0.04 is over four of them.
      for (const count of seen.values()) expect(Math.abs(count / draws - 1 / list.length)).toBeLessThan(0.04);
      checked++;
    }
    return checked;
  }

  it('undirected graphs on 5–7 nodes: each shortest path drawn with probability 1/σ_st', () => {
    let checked = 0;
    for (const [k, g] of randomTiny(12, 41, 'undirected').entries()) checked += checkUniform(g, k + 1);
    expect(checked).toBeGreaterThan(30);
  });

  it('cycles of 8–10 nodes with chords: long shortest paths, each drawn with probability 1/σ_st', () => {
    let checked = 0;
    for (const [k, g] of randomTiny(8, 59, 'long').entries()) checked += checkUniform(g, k + 1);
    expect(checked).toBeGreaterThan(30);
  });

  it('directed graphs on 5–7 nodes: paths follow the arrows, each drawn with probability 1/σ_st', () => {
    let checked = 0;
    for (const [k, g] of randomTiny(16, 43, 'directed').entries()) checked += checkUniform(g, k + 1);
    expect(checked).toBeGreaterThan(10);
  });

  it('weighted graphs on 5–7 nodes (lengths 1–3): shortest by length, each drawn with probability 1/σ_st', () => {
    let checked = 0;
    for (const [k, g] of randomTiny(16, 47, 'weighted').entries()) checked += checkUniform(g, k + 1);
    expect(checked).toBeGreaterThan(10);
  });

  it('directed and weighted: the estimate is within ±ε of the brute-force values', async () => {
    for (const kind of ['directed', 'weighted'] as const) {
      let outside = 0;
      const graphs = randomTiny(20, 53, kind);
      for (const [k, g] of graphs.entries()) {
        const brute = bruteBetweenness(g, allShortestPaths(g));
        const run = await betweennessRun(adjacencyOf(g), g.directed, { threads: 1, weighted: g.weighted, epsilon: 0.05, delta: 0.1, seed: k + 1, sampling: 'always' });
        if (run.method !== 'rk') continue;
        let err = 0;
        for (let v = 0; v < g.n; v++) err = Math.max(err, Math.abs(run.values[v] - brute[v]));
        if (err > run.epsilon!) outside++;
      }
      expect(outside).toBeLessThanOrEqual(0.1 * graphs.length);
    }
  });
});
