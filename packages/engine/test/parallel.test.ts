import { DirectedGraph } from 'graphology';
import { betweenness, betweennessRun, betweennessRunCSR, directedAdjacency, seededRandom, toUndirectedCSR } from '@chokepoint/engine';
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

describe('betweenness on threads, and directed', () => {
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
});
