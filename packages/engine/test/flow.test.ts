import { disrupt, FlowNetwork, immediateDominators, largestComponent, maxFlow, minVertexCut, outAdjacency, seededRandom, setDominators, type DirectedFlowGraph } from '@chokepoint/engine';

function graph(n: number, edges: [number, number, number][]): DirectedFlowGraph {
  return { n, source: Int32Array.from(edges.map((e) => e[0])), target: Int32Array.from(edges.map((e) => e[1])), capacity: Float64Array.from(edges.map((e) => e[2])) };
}

/** Nodes reachable from the sources without passing removed nodes (positive-capacity edges). */
function reach(g: DirectedFlowGraph, sources: number[], removed: Set<number>): Set<number> {
  const seen = new Set(sources.filter((s) => !removed.has(s)));
  const stack = [...seen];
  while (stack.length > 0) {
    const u = stack.pop()!;
    for (let e = 0; e < g.source.length; e++) {
      if (g.source[e] === u && g.capacity[e] > 0 && !removed.has(g.target[e]) && !seen.has(g.target[e])) {
        seen.add(g.target[e]);
        stack.push(g.target[e]);
      }
    }
  }
  return seen;
}

function randomGraph(rng: () => number, n: number): DirectedFlowGraph {
  const edges: [number, number, number][] = [];
  for (let u = 0; u < n; u++) for (let v = 0; v < n; v++) if (u !== v && rng() < 0.3) edges.push([u, v, 1 + Math.floor(rng() * 9)]);
  return graph(n, edges);
}

describe('max-flow and minimum cuts', () => {
  it('solves the textbook example (CLRS figure 26.1: 23)', () => {
    // s=0, v1..v4 = 1..4, t=5
    const g = graph(6, [[0, 1, 16], [0, 2, 13], [2, 1, 4], [1, 3, 12], [3, 2, 9], [2, 4, 14], [4, 3, 7], [3, 5, 20], [4, 5, 4]]);
    const r = maxFlow(g, [0], [5]);
    expect(r.value).toBe(23);
    const cut = r.cutEdges.reduce((sum, e) => sum + g.capacity[e], 0);
    expect(cut).toBe(23);
    // Flow conservation at inner nodes.
    for (const v of [1, 2, 3, 4]) {
      let inflow = 0;
      let outflow = 0;
      for (let e = 0; e < g.source.length; e++) {
        if (g.target[e] === v) inflow += r.edgeFlow[e];
        if (g.source[e] === v) outflow += r.edgeFlow[e];
      }
      expect(inflow).toBeCloseTo(outflow, 9);
    }
  });

  it('equals the minimum cut found by brute force on 200 random graphs, sets of sources and targets', () => {
    const rng = seededRandom(7);
    for (let k = 0; k < 200; k++) {
      const n = 3 + Math.floor(rng() * 5);
      const g = randomGraph(rng, n);
      const sources = [0];
      const targets = [n - 1];
      if (n > 4 && rng() < 0.5) sources.push(1);
      if (n > 5 && rng() < 0.5) targets.push(n - 2);
      let best = Infinity;
      const inner = [...Array(n).keys()].filter((v) => !sources.includes(v) && !targets.includes(v));
      for (let mask = 0; mask < 1 << inner.length; mask++) {
        const side = new Set([...sources, ...inner.filter((_v, i) => mask & (1 << i))]);
        let cut = 0;
        for (let e = 0; e < g.source.length; e++) if (side.has(g.source[e]) && !side.has(g.target[e])) cut += g.capacity[e];
        best = Math.min(best, cut);
      }
      const r = maxFlow(g, sources, targets);
      expect([k, r.value]).toEqual([k, best]);
      expect(r.cutEdges.reduce((s, e) => s + g.capacity[e], 0)).toBe(best);
    }
  });

  it('finds a smallest vertex cut, checked by brute force', () => {
    const rng = seededRandom(11);
    for (let k = 0; k < 150; k++) {
      const n = 3 + Math.floor(rng() * 5);
      const g = randomGraph(rng, n);
      const sources = [0];
      const targets = [n - 1];
      const cut = minVertexCut(g, sources, targets);
      const disconnected = (removed: Set<number>) => !targets.some((t) => reach(g, sources, removed).has(t));
      expect(disconnected(new Set(cut))).toBe(true);
      let smallest = n;
      for (let mask = 0; mask < 1 << n; mask++) {
        const set = new Set([...Array(n).keys()].filter((v) => mask & (1 << v)));
        if (set.size < smallest && disconnected(set)) smallest = set.size;
      }
      expect([k, cut.length]).toEqual([k, smallest]);
    }
  });
});

describe('dominators', () => {
  it('finds immediate dominators of a classic example', () => {
    // Cooper–Harvey–Kennedy paper, figure 2 shape: 5 → 4, 3; 4 → 1; 3 → 2; 1 → 2; 2 → 1
    const edges: [number, number][] = [[5, 4], [5, 3], [4, 1], [3, 2], [1, 2], [2, 1]];
    const { offsets, targets } = outAdjacency(6, edges.map((e) => e[0]), edges.map((e) => e[1]));
    const idom = immediateDominators(6, offsets, targets, 5);
    expect(Array.from(idom)).toEqual([-1, 5, 5, 5, 5, 5]);
  });

  it('match brute force between node sets on 300 random graphs', () => {
    const rng = seededRandom(3);
    for (let k = 0; k < 300; k++) {
      const n = 3 + Math.floor(rng() * 6);
      const g = randomGraph(rng, n);
      const sources = rng() < 0.5 ? [0] : [0, 1];
      const targets = [n - 1];
      const result = setDominators(g, sources, targets);
      const reachable = targets.filter((t) => reach(g, sources, new Set()).has(t));
      const brute: number[] = [];
      for (let v = 0; v < n; v++) {
        if (reachable.length === 0) break;
        if (targets.includes(v)) continue;
        const cut = reachable.every((t) => !reach(g, sources, new Set([v])).has(t));
        if (cut) brute.push(v);
      }
      const found = result.all.filter((v) => !targets.includes(v)).sort((a, b) => a - b);
      expect([k, found]).toEqual([k, brute]);
    }
  });
});

describe('FlowNetwork: repeated flows on the part of the graph that can carry flow', () => {
  /** Sparse graphs with fractional capacities, parallel edges, loops and zero capacities: much of each cannot carry flow. */
  function sparseGraph(rng: () => number, n: number): DirectedFlowGraph {
    const edges: [number, number, number][] = [];
    const m = Math.floor(n * (0.8 + rng() * 1.5));
    for (let k = 0; k < m; k++) {
      const u = Math.floor(rng() * n);
      const v = rng() < 0.05 ? u : Math.floor(rng() * n);
      edges.push([u, v, rng() < 0.1 ? 0 : rng() * 1000 + rng() * 1e-3]);
    }
    return graph(n, edges);
  }
  const pickSome = (rng: () => number, n: number, p: number) => Array.from({ length: n }, (_, v) => v).filter(() => rng() < p);

  it('gives maxFlow’s value and node flows bit for bit, with nodes removed and a target left out, on 400 random graphs', () => {
    const rng = seededRandom(11);
    let smaller = 0;
    for (let round = 0; round < 400; round++) {
      const n = 4 + Math.floor(rng() * 40);
      const g = sparseGraph(rng, n);
      const sources = pickSome(rng, n, 0.15);
      // Targets may overlap the sources, as a caller may give them.
      const targets = pickSome(rng, n, 0.2);
      const network = new FlowNetwork(g, sources, targets);
      if (network.size.nodes < n) smaller++;
      for (let k = 0; k < 6; k++) {
        const removed = k === 0 ? undefined : Uint8Array.from({ length: n }, () => (rng() < 0.15 ? 1 : 0));
        const full = maxFlow(g, sources, targets, removed);
        expect(network.value(removed)).toBe(full.value);
        const flow = network.flow(removed);
        expect(flow.value).toBe(full.value);
        expect(Array.from(flow.nodeFlow)).toEqual(Array.from(full.nodeFlow));
        if (targets.length > 0) {
          const out = targets[Math.floor(rng() * targets.length)];
          const others = targets.filter((t) => t !== out);
          expect(network.value(removed, out)).toBe(maxFlow(g, sources, others, removed).value);
        }
      }
    }
    // The graphs did have parts that cannot carry flow (what the network leaves out).
    expect(smaller).toBeGreaterThan(300);
  });

  it('refuses capacities maxFlow refuses', () => {
    expect(() => new FlowNetwork(graph(2, [[0, 1, -1]]), [0], [1])).toThrow(/capacity of flow edge 0/);
    expect(() => new FlowNetwork(graph(2, [[0, 1, NaN]]), [0], [1])).toThrow(/capacity of flow edge 0/);
  });
});

describe('largest component', () => {
  it('is the same with one work array used for every call as with new arrays each time, on 300 random graphs', () => {
    const rng = seededRandom(5);
    const work = new Int32Array(2 * 60).fill(7);
    for (let round = 0; round < 300; round++) {
      const n = 2 + Math.floor(rng() * 58);
      const m = Math.floor(n * rng() * 1.5);
      const g = { source: Array.from({ length: m }, () => Math.floor(rng() * n)), target: Array.from({ length: m }, () => Math.floor(rng() * n)) };
      const removed = Uint8Array.from({ length: n }, () => (rng() < 0.2 ? 1 : 0));
      // Brute force: a breadth-first search from every node left.
      const adj: number[][] = Array.from({ length: n }, () => []);
      for (let e = 0; e < g.source.length; e++) if (!removed[g.source[e]] && !removed[g.target[e]]) adj[g.source[e]].push(g.target[e]), adj[g.target[e]].push(g.source[e]);
      let best = 0;
      const seen = new Uint8Array(n);
      for (let v = 0; v < n; v++) {
        if (removed[v] || seen[v]) continue;
        let size = 0;
        const queue = [v];
        seen[v] = 1;
        while (queue.length > 0) {
          const x = queue.pop()!;
          size++;
          for (const y of adj[x]) if (!seen[y]) (seen[y] = 1), queue.push(y);
        }
        best = Math.max(best, size);
      }
      expect(largestComponent(n, g.source, g.target, removed)).toBe(best);
      expect(largestComponent(n, g.source, g.target, removed, work)).toBe(best);
    }
  });
});

/** Targets reached from the sources by a depth-first search over every edge, removed nodes left out: by hand. */
function reachedByHand(g: DirectedFlowGraph, sources: number[], targets: number[], removed: Uint8Array): number {
  const seen = new Set<number>();
  const stack = sources.filter((s) => !removed[s]);
  while (stack.length > 0) {
    const v = stack.pop()!;
    if (seen.has(v)) continue;
    seen.add(v);
    for (let e = 0; e < g.source.length; e++) if (g.source[e] === v && !removed[g.target[e]]) stack.push(g.target[e]);
  }
  return new Set(targets.filter((t) => seen.has(t) && !removed[t])).size;
}

describe('disruption', () => {
  it('removes the node that cuts most flow first and reports what remains', () => {
    // Two routes from 0 to 5: a big one through 2 (10) and a small one through 3 (2).
    const g = graph(6, [[0, 1, 12], [1, 2, 10], [1, 3, 2], [2, 5, 10], [3, 5, 2], [4, 5, 1]]);
    const steps = disrupt([g], [0], [5], { a: [0, 1, 1, 2, 3, 4], b: [1, 2, 3, 5, 5, 5] }, { steps: 3 });
    expect(steps.map((s) => s.node)).toEqual([1]); // nothing flows any more: the curve stops
    expect(steps[0].remaining[0]).toBe(0);
    expect(steps[0].largestComponent).toBe(4);
    const given = disrupt([g], [0], [5], { a: [0], b: [1] }, { order: [2, 3] });
    expect(given.map((s) => s.remaining[0])).toEqual([2 / 12, 0]);
    // The target is still reached through 3 once 2 is gone, then not at all; without 1 it is cut off at once.
    expect(given.map((s) => s.targetsReached)).toEqual([1, 0]);
    expect(steps[0].targetsReached).toBe(0);
  });

  it('counts the targets still reached along any edge, whatever it carries, as a search by hand does', () => {
    // A chain whose last tier carries nothing in the measure (pieces, not kg): its targets are still reached.
    const g = graph(5, [[0, 1, 5], [1, 2, 5], [2, 3, 0], [2, 4, 0]]);
    const steps = disrupt([g], [0], [3, 4], { a: g.source, b: g.target }, { order: [3, 2] });
    expect(steps.map((s) => s.targetsReached)).toEqual([1, 0]);
  });

  it('greedy choices equal trying every flow-carrying node (brute force) on 200 random graphs', () => {
    const rng = seededRandom(5);
    for (let round = 0; round < 200; round++) {
      const n = 6 + Math.floor(rng() * 9);
      const g = randomGraph(rng, n);
      const sources = [0, 1];
      const targets = [n - 1, n - 2];
      const undirected = { a: g.source, b: g.target };
      const fast = disrupt([g], sources, targets, undirected, { steps: 4 });
      // Brute force: every node that carries flow, in the order of the documented tie-breaks.
      const removed = new Uint8Array(n);
      const slow: number[] = [];
      for (let k = 0; k < 4; k++) {
        const current = maxFlow(g, sources, targets, removed);
        if (current.value <= 1e-12) break;
        const candidates = Array.from({ length: n }, (_, v) => v)
          .filter((v) => !removed[v] && current.nodeFlow[v] > 1e-12)
          .sort((x, y) => current.nodeFlow[y] - current.nodeFlow[x] || x - y);
        let best = -1;
        let bestKey = [Infinity, Infinity];
        for (const v of candidates) {
          removed[v] = 1;
          const key = [maxFlow(g, sources, targets, removed).value, largestComponent(n, g.source, g.target, removed)];
          removed[v] = 0;
          if (key[0] < bestKey[0] - 1e-9 || (Math.abs(key[0] - bestKey[0]) <= 1e-9 && key[1] < bestKey[1])) (best = v), (bestKey = key);
        }
        removed[best] = 1;
        slow.push(best);
        // What each step reports is what maxFlow and largestComponent give after the removal.
        const step = fast[slow.length - 1];
        if (step !== undefined && step.node === best) {
          expect(step.remaining[0]).toBe(maxFlow(g, sources, targets, removed).value / maxFlow(g, sources, targets).value);
          expect(step.largestComponent).toBe(largestComponent(n, g.source, g.target, removed));
          expect(step.targetsReached).toBe(reachedByHand(g, sources, targets, removed));
        }
      }
      expect(fast.map((s) => s.node)).toEqual(slow);
    }
  });
});
