import { byZIndex, changedLooks, edgeLook, frontOf, nodeLook, type DrawnFrom } from '../src/web/core/redraw';
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
  it('finds exactly the nodes and edges of the base network whose look changed, the same as comparing every look', () => {
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
    // Selecting an entity, a group or finding a path changes nothing of the base network: the highlight layer draws
    // what they bring forward over it (frontOf).
    expect(changedLooks(base, selected, N, M, Infinity)).toEqual({ nodes: [], edges: [] });
    expect(changedLooks(base, path, N, M, Infinity)).toEqual({ nodes: [], edges: [] });
    expect(changedLooks(selected, grouped, N, M, Infinity)).toEqual({ nodes: [], edges: [] });
    // Hiding one node: it and its two edges.
    expect(changedLooks(base, hidden, N, M, Infinity)).toEqual({ nodes: [2], edges: [1, 2] });
    expect(changedLooks(selected, { ...selected, visible: drawn([1, 1, 0, 1, 1]) }, N, M, Infinity)).toEqual({ nodes: [2], edges: [1, 2] });
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

describe('what is drawn over the dimmed network', () => {
  const ends = { source: [0, 1, 2, 3], target: [1, 2, 3, 4] };
  it('brings nothing forward without a selection or a path', () => {
    expect(frontOf(base, ends, N, M)).toBeNull();
  });

  it('brings forward the selected entity over what it brings forward, with the ties between them, and dims the rest', () => {
    const selected: DrawnFrom = { ...base, emphasis: { nodes: Uint8Array.from([FADED, CONTEXT, FOCUS, CONTEXT, FADED]), edges: Uint8Array.from([0, 1, 1, 0]) } };
    expect(frontOf(selected, ends, N, M)).toEqual({
      nodes: [
        { index: 1, look: 'forward' },
        { index: 3, look: 'forward' },
        { index: 2, look: 'selected' },
      ],
      edges: [
        { index: 1, path: false },
        { index: 2, path: false },
      ],
      dims: true,
    });
    // A company group: its members in focus are drawn as they are (no boxed label).
    expect(frontOf({ ...selected, group: 7 }, ends, N, M)!.nodes).toEqual([
      { index: 1, look: 'forward' },
      { index: 3, look: 'forward' },
      { index: 2, look: 'member' },
    ]);
    // Nothing hidden is brought forward; with nothing else drawn, nothing is dimmed ("hide the rest").
    const rest: DrawnFrom = { ...selected, visible: drawn([0, 1, 1, 1, 0]) };
    expect(frontOf(rest, ends, N, M)!.dims).toBe(false);
    const gone: DrawnFrom = { ...selected, visible: drawn([1, 1, 1, 0, 1]) };
    expect(frontOf(gone, ends, N, M)).toEqual({ nodes: [{ index: 1, look: 'forward' }, { index: 2, look: 'selected' }], edges: [{ index: 1, path: false }], dims: true });
  });

  it("draws a path's ties over the others, with their ends (faded where the selection does not bring them forward)", () => {
    const withPath: DrawnFrom = { ...base, emphasis: { nodes: Uint8Array.from([FADED, FADED, FOCUS, CONTEXT, FADED]), edges: Uint8Array.from([0, 0, 1, 0]) }, highlight: Uint8Array.from([1, 0, 0, 0]) };
    expect(frontOf(withPath, ends, N, M)).toEqual({
      nodes: [
        { index: 0, look: 'end' },
        { index: 1, look: 'end' },
        { index: 3, look: 'forward' },
        { index: 2, look: 'selected' },
      ],
      edges: [
        { index: 2, path: false },
        { index: 0, path: true },
      ],
      dims: true,
    });
    // A path alone dims nothing; its ends are drawn as they are.
    expect(frontOf({ ...base, highlight: Uint8Array.from([0, 0, 1, 0]) }, ends, N, M)).toEqual({ nodes: [{ index: 2, look: 'forward' }, { index: 3, look: 'forward' }], edges: [{ index: 2, path: true }], dims: false });
  });
});
