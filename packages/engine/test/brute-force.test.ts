import { UndirectedGraph } from 'graphology';
import { betweenness, csrFromEdgeList, cutPoints, cutPointsCSR, seededRandom, toUndirectedCSR } from '@chokepoint/engine';

/** A random simple graph with n nodes and about n·density edges, several components likely. */
function randomGraph(rng: () => number, n: number, p: number): UndirectedGraph {
  const g = new UndirectedGraph();
  for (let i = 0; i < n; i++) g.addNode(String(i));
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (rng() < p) g.addEdge(String(i), String(j));
  return g;
}

/** Sizes of the connected components, ignoring the removed node and edge. */
function componentSizes(g: UndirectedGraph, removedNode?: string, removedEdge?: [string, string]): number[] {
  const seen = new Set<string>(removedNode === undefined ? [] : [removedNode]);
  const sizes: number[] = [];
  for (const start of g.nodes()) {
    if (seen.has(start)) continue;
    let size = 0;
    const stack = [start];
    seen.add(start);
    while (stack.length > 0) {
      const u = stack.pop()!;
      size++;
      for (const v of g.neighbors(u)) {
        if (seen.has(v)) continue;
        if (removedEdge && ((u === removedEdge[0] && v === removedEdge[1]) || (u === removedEdge[1] && v === removedEdge[0]))) continue;
        seen.add(v);
        stack.push(v);
      }
    }
    sizes.push(size);
  }
  return sizes;
}

/** All-pairs shortest path counts by BFS from every node; betweenness by σ_st(v) = σ_sv·σ_vt. */
function bruteBetweenness(g: UndirectedGraph): Record<string, number> {
  const nodes = g.nodes();
  const dist = new Map<string, Map<string, number>>();
  const sigma = new Map<string, Map<string, number>>();
  for (const s of nodes) {
    const d = new Map([[s, 0]]);
    const c = new Map([[s, 1]]);
    const queue = [s];
    for (let i = 0; i < queue.length; i++) {
      const u = queue[i];
      for (const v of g.neighbors(u)) {
        if (!d.has(v)) {
          d.set(v, d.get(u)! + 1);
          c.set(v, 0);
          queue.push(v);
        }
        if (d.get(v) === d.get(u)! + 1) c.set(v, c.get(v)! + c.get(u)!);
      }
    }
    dist.set(s, d);
    sigma.set(s, c);
  }
  const n = nodes.length;
  const out: Record<string, number> = {};
  for (const v of nodes) {
    let total = 0;
    for (let a = 0; a < n; a++) {
      for (let b = a + 1; b < n; b++) {
        const s = nodes[a];
        const t = nodes[b];
        if (s === v || t === v) continue;
        const dst = dist.get(s)!.get(t);
        const dsv = dist.get(s)!.get(v);
        const dvt = dist.get(v)!.get(t);
        if (dst === undefined || dsv === undefined || dvt === undefined || dsv + dvt !== dst) continue;
        total += (sigma.get(s)!.get(v)! * sigma.get(v)!.get(t)!) / sigma.get(s)!.get(t)!;
      }
    }
    out[v] = n > 2 ? total / (((n - 1) * (n - 2)) / 2) : total;
  }
  return out;
}

describe('cut points against brute force on 300 small random graphs', () => {
  const rng = seededRandom(20261125);
  const graphs = Array.from({ length: 300 }, () => randomGraph(rng, 2 + Math.floor(rng() * 13), 0.08 + rng() * 0.35));

  it('articulation points: exactly the nodes whose removal adds a component; cut-off matches', () => {
    for (const g of graphs) {
      const base = componentSizes(g).length;
      const found = new Map(cutPoints(g).articulationPoints.map((a) => [a.node, a.cutOff]));
      for (const node of g.nodes()) {
        const without = componentSizes(g, node);
        const deg = g.degree(node);
        // Removing an isolated node removes its component; otherwise a split shows as more components.
        const splits = deg > 0 && without.length > base;
        expect([node, found.has(node)]).toEqual([node, splits]);
        if (splits) expect([node, found.get(node)]).toEqual([node, cutOffByRemoval(g, node)]);
      }
    }
  });

  it('lone cut-off: the entities cut off alone, as pieces of one, not counting the largest piece', () => {
    for (const g of graphs) {
      const csr = toUndirectedCSR(g);
      const r = cutPointsCSR(csr);
      csr.keys.forEach((node, i) => {
        const expected = r.articulation[i] ? piecesByRemoval(g, node).lone : 0;
        expect([node, r.loneCutOff[i]]).toEqual([node, expected]);
      });
    }
  });

  it('bridges: exactly the edges whose removal adds a component, with the sizes of both sides', () => {
    for (const g of graphs) {
      const base = componentSizes(g).length;
      const found = new Map(cutPoints(g).bridges.map((b) => [[b.source, b.target].sort().join('-'), b.sides]));
      g.forEachEdge((_e, _a, s, t) => {
        const key = [s, t].sort().join('-');
        const isBridge = componentSizes(g, undefined, [s, t]).length > base;
        expect([key, found.has(key)]).toEqual([key, isBridge]);
      });
      for (const b of cutPoints(g).bridges) {
        const sideOfSource = reachable(g, b.source, [b.source, b.target]);
        expect(b.sides).toEqual([sideOfSource, reachable(g, b.target, [b.source, b.target])]);
      }
    }
  });

  it('betweenness equals the all-pairs brute force within 1e-9', () => {
    for (const g of graphs.slice(0, 150)) {
      const fast = betweenness(g);
      const slow = bruteBetweenness(g);
      for (const node of g.nodes()) expect(Math.abs(fast[node] - slow[node])).toBeLessThan(1e-9);
    }
  });
});

/** Nodes reachable from `start` without using the edge `skip`. */
function reachable(g: UndirectedGraph, start: string, skip: [string, string]): number {
  const seen = new Set([start]);
  const stack = [start];
  while (stack.length > 0) {
    const u = stack.pop()!;
    for (const v of g.neighbors(u)) {
      if (seen.has(v) || (u === skip[0] && v === skip[1]) || (u === skip[1] && v === skip[0])) continue;
      seen.add(v);
      stack.push(v);
    }
  }
  return seen.size;
}

/** Brute force: the pieces of the node's component once it is removed; `lone` counts pieces of one, the largest piece excluded. */
function piecesByRemoval(g: UndirectedGraph, node: string): { sizes: number[]; lone: number } {
  const component = new Set([node]);
  const stack = [node];
  while (stack.length > 0) for (const v of g.neighbors(stack.pop()!)) if (!component.has(v)) component.add(v), stack.push(v);
  const seen = new Set([node]);
  const sizes: number[] = [];
  for (const start of component) {
    if (seen.has(start)) continue;
    let size = 0;
    const s = [start];
    seen.add(start);
    while (s.length > 0) {
      const u = s.pop()!;
      size++;
      for (const v of g.neighbors(u)) if (!seen.has(v)) seen.add(v), s.push(v);
    }
    sizes.push(size);
  }
  sizes.sort((a, b) => b - a);
  return { sizes, lone: sizes.slice(1).filter((x) => x === 1).length };
}

/** Brute-force cut-off: the node's component minus the node, minus the largest piece left after removing it. */
function cutOffByRemoval(g: UndirectedGraph, node: string): number {
  const component = new Set([node]);
  const stack = [node];
  while (stack.length > 0) for (const v of g.neighbors(stack.pop()!)) if (!component.has(v)) component.add(v), stack.push(v);
  const seen = new Set([node]);
  let largest = 0;
  for (const start of component) {
    if (seen.has(start)) continue;
    let size = 0;
    const s = [start];
    seen.add(start);
    while (s.length > 0) {
      const u = s.pop()!;
      size++;
      for (const v of g.neighbors(u)) if (!seen.has(v)) seen.add(v), s.push(v);
    }
    largest = Math.max(largest, size);
  }
  return component.size - 1 - largest;
}

describe('no recursion', () => {
  it('handles a path of 300,000 nodes without overflowing the stack', () => {
    const g = new UndirectedGraph();
    const n = 300_000;
    for (let i = 0; i < n; i++) g.addNode(String(i));
    for (let i = 1; i < n; i++) g.addEdge(String(i - 1), String(i));
    const r = cutPoints(g);
    expect(r.articulationPoints).toHaveLength(n - 2);
    expect(r.bridges).toHaveLength(n - 1);
    const middle = r.articulationPoints.find((a) => a.node === String(n / 2))!;
    expect(middle.cutOff).toBe(n / 2 - 1);
  });
});

describe('biconnected components and the edge-list CSR', () => {
  it('counts blocks like the definition: maximal sets of edges where any two lie on a cycle', () => {
    const rng = seededRandom(99);
    for (let k = 0; k < 200; k++) {
      const g = randomGraph(rng, 2 + Math.floor(rng() * 10), 0.1 + rng() * 0.4);
      // Brute force: edges e and f share a block iff they are connected and no vertex w separates them,
      // i.e. an endpoint of e other than w and an endpoint of f other than w stay connected in G − w.
      const edges = g.edges().map((e) => g.extremities(e));
      const parent = edges.map((_e, i) => i);
      const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x])));
      const reachableWithout = (start: string, w: string | null): Set<string> => {
        const seen = new Set([start]);
        const stack = [start];
        while (stack.length > 0) for (const v of g.neighbors(stack.pop()!)) if (v !== w && !seen.has(v)) seen.add(v), stack.push(v);
        return seen;
      };
      for (let i = 0; i < edges.length; i++) {
        for (let j = i + 1; j < edges.length; j++) {
          if (!reachableWithout(edges[i][0], null).has(edges[j][0])) continue;
          const separated = g.nodes().some((w) => {
            const ri = edges[i].find((x) => x !== w)!;
            const rj = edges[j].find((x) => x !== w)!;
            return !reachableWithout(ri, w).has(rj);
          });
          if (!separated) parent[find(i)] = find(j);
        }
      }
      const blocks = new Set(edges.map((_e, i) => find(i))).size;
      expect([k, cutPoints(g).biconnectedComponents]).toEqual([k, blocks]);
    }
  });

  it('builds the same CSR from edge arrays as from a graph', () => {
    const g = new UndirectedGraph();
    for (let i = 0; i < 5; i++) g.addNode(String(i));
    const pairs: [number, number][] = [[0, 1], [1, 2], [2, 0], [3, 4]];
    for (const [a, b] of pairs) g.addEdge(String(a), String(b));
    const fromGraph = toUndirectedCSR(g);
    const fromEdges = csrFromEdgeList(5, Int32Array.from([0, 1, 2, 3, 4, 4]), Int32Array.from([1, 2, 0, 4, 3, 4]));
    expect(Array.from(fromEdges.offsets)).toEqual(Array.from(fromGraph.offsets));
    expect(Array.from(fromEdges.targets)).toEqual(Array.from(fromGraph.targets));
    expect(() => csrFromEdgeList(2, Int32Array.from([0]), Int32Array.from([5]))).toThrow(RangeError);
  });
});
