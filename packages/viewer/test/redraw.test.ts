import { byZIndex, changedLooks, edgeLook, nodeLook, type DrawnFrom } from '../src/web/core/redraw';
import { CONTEXT, FADED, FOCUS } from '../src/web/core/state';

/** Five nodes in a chain 0-1-2-3-4 (edges 0..3 join i and i+1), everything drawn. */
const N = 5;
const M = 4;
const drawn = (nodes: number[] = [1, 1, 1, 1, 1]): DrawnFrom['visible'] => {
  const v = Uint8Array.from(nodes);
  const edges = new Uint8Array(M).map((_, i) => v[i] & v[i + 1]);
  return { nodes: v, edges, shipments: new Uint8Array(0), counts: { entities: 0, ties: 0, shipments: 0, flagged: 0 } };
};
const base: DrawnFrom = { visible: drawn(), emphasis: null, group: null };

describe('what to draw again after a change', () => {
  it('finds exactly the nodes and edges whose look changed, the same as comparing every look', () => {
    const selected: DrawnFrom = { ...base, emphasis: { nodes: Uint8Array.from([FADED, CONTEXT, FOCUS, CONTEXT, FADED]), edges: Uint8Array.from([0, 1, 1, 0]) } };
    const hidden: DrawnFrom = { ...base, visible: drawn([1, 1, 0, 1, 1]) };
    const path: DrawnFrom = { ...base, highlight: Uint8Array.from([0, 0, 1, 0]) };
    const grouped: DrawnFrom = { ...selected, group: 3 };
    const states = [base, selected, hidden, path, grouped];
    for (const a of states)
      for (const b of states) {
        const got = changedLooks(a, b, N, M, Infinity)!;
        const nodes = [...Array(N).keys()].filter((i) => nodeLook(a, i) !== nodeLook(b, i));
        const edges = [...Array(M).keys()].filter((i) => edgeLook(a, i) !== edgeLook(b, i));
        expect(got).toEqual({ nodes, edges });
      }
    // Selecting an entity changes how every node and edge looks but the ones that stay as they were (none here).
    expect(changedLooks(base, selected, N, M, Infinity)).toEqual({ nodes: [0, 1, 2, 3, 4], edges: [0, 1, 2, 3] });
    // Hiding one node: it and its two edges.
    expect(changedLooks(base, hidden, N, M, Infinity)).toEqual({ nodes: [2], edges: [1, 2] });
    // A path found: its edge.
    expect(changedLooks(base, path, N, M, Infinity)).toEqual({ nodes: [], edges: [2] });
    // A company group selected instead of an entity: only the entity in focus looks different (no boxed label).
    expect(changedLooks(selected, grouped, N, M, Infinity)).toEqual({ nodes: [2], edges: [] });
    expect(changedLooks(base, base, N, M)).toEqual({ nodes: [], edges: [] });
  });

  it('gives up (null) when more than the limit changed: a full redraw is as cheap', () => {
    const hidden: DrawnFrom = { ...base, visible: drawn([0, 0, 0, 1, 1]) };
    expect(changedLooks(base, hidden, N, M, 4)).toBeNull();
    expect(changedLooks(base, hidden, N, M, 6)).toEqual({ nodes: [0, 1, 2], edges: [0, 1, 2] });
  });

  it('orders by zIndex as a stable sort does', () => {
    const keys = Array.from({ length: 200 }, (_, i) => `k${i}`);
    const z = (k: string) => [0, 3, undefined, 1, 2, 1][Number(k.slice(1)) % 6];
    const stable = keys
      .map((k, i) => ({ k, i }))
      .sort((a, b) => (z(a.k) || 0) - (z(b.k) || 0) || a.i - b.i)
      .map((x) => x.k);
    expect(byZIndex(keys, z)).toEqual(stable);
    expect(byZIndex(keys, () => 0)).toBe(keys);
  });
});
