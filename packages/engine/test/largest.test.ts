import { largestBy } from '@chokepoint/engine';

describe('largestBy', () => {
  it('gives what sorting all of them would, largest first, equals by `before` or else in the order met (brute force)', () => {
    let seed = 11;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (let round = 0; round < 300; round++) {
      const items = Array.from({ length: Math.floor(random() * 70) }, (_, i) => ({ i, id: `x${Math.floor(random() * 500)}`, rank: Math.floor(random() * 5) - 1 }));
      const limit = Math.floor(random() * 40) - 2;
      const stable = [...items].sort((a, b) => b.rank - a.rank || a.i - b.i).slice(0, Math.max(0, limit));
      expect(largestBy(items, limit, (x) => x.rank)).toEqual(stable);
      const byId = [...items].sort((a, b) => b.rank - a.rank || (a.id < b.id ? -1 : a.id > b.id ? 1 : a.i - b.i)).slice(0, Math.max(0, limit));
      expect(largestBy(items, limit, (x) => x.rank, (a, b) => a.id < b.id)).toEqual(byId);
    }
  });
});
