import { seededRandom } from '@chokepoint/engine';
import { adjacency } from '../src/brokerage';

/** What adjacency gave before it ordered edges by counting: each node's targets sorted, repeats and self-loops dropped. */
function bySorting(n: number, from: number[], to: number[]): { offsets: number[]; targets: number[] } {
  const offsets = [0];
  const targets: number[] = [];
  for (let i = 0; i < n; i++) {
    const list = to.filter((_t, e) => from[e] === i).sort((a, b) => a - b);
    let last = -1;
    for (const t of list) {
      if (t === last || t === i) continue;
      targets.push(t);
      last = t;
    }
    offsets.push(targets.length);
  }
  return { offsets, targets };
}

/** A random directed graph of up to 30 nodes and 4 edges per node, a tenth of them self-loops, as edge lists. */
function randomGraph(rng: () => number): { n: number; m: number; from: number[]; to: number[] } {
  const n = 1 + Math.floor(rng() * 30);
  const m = Math.floor(rng() * 4 * n);
  const from = Array.from({ length: m }, () => Math.floor(rng() * n));
  const to = Array.from({ length: m }, (_x, e) => (rng() < 0.1 ? from[e] : Math.floor(rng() * n)));
  return { n, m, from, to };
}

describe('brokerage adjacency lists', () => {
  it('equal sorting each node’s list, with repeated edges and self-loops, on 300 random graphs', () => {
    const rng = seededRandom(3);
    for (let round = 0; round < 300; round++) {
      const { n, m, from, to } = randomGraph(rng);
      // Repeats: some edges given twice.
      for (let k = 0; k < m / 4; k++) {
        const e = Math.floor(rng() * m);
        from.push(from[e]);
        to.push(to[e]);
      }
      const fast = adjacency(n, from, to, from.length);
      const slow = bySorting(n, from, to);
      expect(Array.from(fast.offsets)).toEqual(slow.offsets);
      expect(Array.from(fast.targets)).toEqual(slow.targets);
    }
  });

  it('are the same made in lent working arrays, reused both ways and left dirty between graphs', () => {
    const rng = seededRandom(4);
    // Larger than any graph below, and full of numbers from before.
    const scratch = { order: new Int32Array(400).fill(7), count: new Int32Array(80).fill(-3) };
    for (let round = 0; round < 300; round++) {
      const { n, m, from, to } = randomGraph(rng);
      for (const [a, b] of [[from, to], [to, from]]) {
        const lent = adjacency(n, a, b, m, scratch);
        const slow = bySorting(n, a, b);
        expect(Array.from(lent.offsets)).toEqual(slow.offsets);
        expect(Array.from(lent.targets)).toEqual(slow.targets);
      }
    }
  });
});
