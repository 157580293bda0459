import { DirectedGraph } from 'graphology';
import { achievedEpsilon, betweenness, betweennessRun, betweennessRunCSR, directedAdjacency, sampleSize, seededRandom, toUndirectedCSR } from '@chokepoint/engine';
import { loadNetwork, loadReference } from './fixtures';

/** Directed betweenness by brute force: all-pairs BFS path counts, σ_st(v) = σ_sv·σ_vt when on a shortest path. */
function bruteDirected(g: DirectedGraph): Record<string, number> {
  const nodes = g.nodes();
  const bfs = (s: string) => {
    const d = new Map([[s, 0]]);
    const c = new Map([[s, 1]]);
    const q = [s];
    for (let i = 0; i < q.length; i++) {
      for (const v of g.outNeighbors(q[i])) {
        if (!d.has(v)) (d.set(v, d.get(q[i])! + 1), c.set(v, 0), q.push(v));
        if (d.get(v) === d.get(q[i])! + 1) c.set(v, c.get(v)! + c.get(q[i])!);
      }
    }
    return { d, c };
  };
  const all = new Map(nodes.map((s) => [s, bfs(s)]));
  const n = nodes.length;
  const out: Record<string, number> = {};
  for (const v of nodes) {
    let total = 0;
    for (const s of nodes) {
      for (const t of nodes) {
        if (s === t || s === v || t === v) continue;
        const st = all.get(s)!.d.get(t);
        const sv = all.get(s)!.d.get(v);
        const vt = all.get(v)!.d.get(t);
        if (st === undefined || sv === undefined || vt === undefined || sv + vt !== st) continue;
        total += (all.get(s)!.c.get(v)! * all.get(v)!.c.get(t)!) / all.get(s)!.c.get(t)!;
      }
    }
    out[v] = n > 2 ? total / ((n - 1) * (n - 2)) : 0;
  }
  return out;
}

describe('betweenness on threads, directed, and sampled', () => {
  it('directed betweenness equals brute force on 100 random digraphs', async () => {
    const rng = seededRandom(5);
    for (let k = 0; k < 100; k++) {
      const g = new DirectedGraph();
      const n = 3 + Math.floor(rng() * 9);
      for (let i = 0; i < n; i++) g.addNode(String(i));
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j && rng() < 0.25) g.addEdge(String(i), String(j));
      const { keys, adjacency } = directedAdjacency(g);
      const run = await betweennessRun(adjacency, true, { threads: 1 });
      const brute = bruteDirected(g);
      keys.forEach((key, i) => expect(Math.abs(run.values[i] - brute[key])).toBeLessThan(1e-9));
    }
  });

  it('two worker threads give the exact values within 1e-9 (power grid, against networkx)', async () => {
    const graph = loadNetwork('power');
    const ref = loadReference('power');
    const csr = toUndirectedCSR(graph);
    const run = await betweennessRunCSR(csr, { threads: 2 });
    expect(run).toMatchObject({ exact: true, sources: 4941, threads: 2, epsilon: null });
    let worst = 0;
    csr.keys.forEach((key, i) => (worst = Math.max(worst, Math.abs(run.values[i] - ref.betweenness[key]))));
    expect(worst).toBeLessThan(1e-9);
    const single = betweenness(graph);
    csr.keys.forEach((key, i) => expect(Math.abs(run.values[i] - single[key])).toBeLessThan(1e-12));
  });

  it('sampling reports the bound it achieves, and stays within it', async () => {
    const graph = loadNetwork('power');
    const ref = loadReference('power');
    const csr = toUndirectedCSR(graph);
    const run = await betweennessRunCSR(csr, { threads: 2, epsilon: 0.05, delta: 0.1, seed: 3 });
    expect(run.exact).toBe(false);
    expect(run.sources).toBe(sampleSize(4941, 0.05, 0.1));
    expect(run.epsilon).toBeCloseTo(achievedEpsilon(4941, run.sources, 0.1), 12);
    expect(run.epsilon!).toBeLessThanOrEqual(0.0501);
    let worst = 0;
    csr.keys.forEach((key, i) => (worst = Math.max(worst, Math.abs(run.values[i] - ref.betweenness[key]))));
    expect(worst).toBeLessThan(run.epsilon!);
    const again = await betweennessRunCSR(csr, { threads: 1, epsilon: 0.05, delta: 0.1, seed: 3 });
    csr.keys.forEach((_k, i) => expect(Math.abs(again.values[i] - run.values[i])).toBeLessThan(1e-12));
  });

  it('asks for as many sources as the bound needs, and is exact when that is all of them', async () => {
    expect(sampleSize(1000, 0.1, 0.1)).toBe(Math.ceil(Math.log(20000) / 0.02));
    const csr = toUndirectedCSR(loadNetwork('karate'));
    const run = await betweennessRunCSR(csr, { epsilon: 0.1, threads: 1 });
    expect(run.exact).toBe(true);
    expect(run.sources).toBe(34);
  });
});
