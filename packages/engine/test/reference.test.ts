import { betweenness, cutPoints } from '@chokepoint/engine';
import { loadNetwork, loadReference, NETWORKS } from './fixtures';

const byNumber = (a: string, b: string) => Number(a) - Number(b);

describe.each(NETWORKS)('%s against networkx reference values', (name) => {
  const graph = loadNetwork(name);
  const ref = loadReference(name);

  it('has the reference size', () => {
    expect(graph.order).toBe(ref.nodes);
    expect(graph.size).toBe(ref.edges);
  });

  it('finds exactly the articulation points, with the brute-force cut-off counts', () => {
    const result = cutPoints(graph);
    expect(result.articulationPoints.map((a) => a.node).sort(byNumber)).toEqual(ref.articulationPoints);
    const cutOff = Object.fromEntries(result.articulationPoints.map((a) => [a.node, a.cutOff]));
    expect(cutOff).toEqual(ref.cutOff);
    expect(result.components).toBe(ref.connectedComponents);
    expect(result.biconnectedComponents).toBe(ref.biconnectedComponents);
  });

  it('finds exactly the bridges', () => {
    const bridges = cutPoints(graph)
      .bridges.map((b) => [b.source, b.target].sort(byNumber))
      .sort((x, y) => byNumber(x[0], y[0]) || byNumber(x[1], y[1]));
    expect(bridges).toEqual(ref.bridges);
  });

  it('computes betweenness within 1e-9', () => {
    const bc = betweenness(graph);
    let worst = 0;
    for (const [node, value] of Object.entries(ref.betweenness)) worst = Math.max(worst, Math.abs(bc[node] - value));
    expect(Object.keys(bc)).toHaveLength(ref.nodes);
    expect(worst).toBeLessThan(1e-9);
  });

  if (name === 'lesmis') {
    it('computes weighted betweenness (weights as lengths) within 1e-9', () => {
      const bc = betweenness(graph, { weightAttribute: 'weight' });
      let worst = 0;
      for (const [node, value] of Object.entries(ref.betweennessWeighted!)) worst = Math.max(worst, Math.abs(bc[node] - value));
      expect(worst).toBeLessThan(1e-9);
    });
  }
});
