import { seededRandom } from '@chokepoint/engine';
import { LeaveOneOut, robustZ } from '@chokepoint/flags';


describe('leave-one-out robust z-scores (volume-anomaly peers)', () => {
  it('equal robustZ of each member against the others, on 500 random groups with ties, odd and even sizes', () => {
    const rnd = seededRandom(42);
    for (let g = 0; g < 500; g++) {
      const size = 2 + Math.floor(rnd() * 30);
      // Few distinct values in some groups, so that ties and a zero MAD (the mean-deviation fallback) occur.
      const distinct = rnd() < 0.3 ? 1 + Math.floor(rnd() * 3) : 1000;
      const values = Array.from({ length: size }, () => (distinct === 1000 ? 10 ** (rnd() * 6) : 1 + Math.floor(rnd() * distinct) * 250));
      const loo = new LeaveOneOut(values);
      values.forEach((x, i) => {
        const expected = robustZ(x, values.filter((_v, j) => j !== i));
        const got = loo.without(x);
        expect(got.median).toBe(expected.median);
        // The median alone (the rules ask it first, and the z-score only when the ratio to it is large).
        expect(loo.medianWithout(x)).toBe(expected.median);
        expect(got.spread).toBeCloseTo(expected.spread, 12);
        expect(got.z).toBeCloseTo(expected.z, 9);
      });
    }
  });

  it('answers the same when it takes the caller’s array (its logs written over the values) instead of a copy', () => {
    const rnd = seededRandom(7);
    for (let g = 0; g < 100; g++) {
      const values = Array.from({ length: 2 + Math.floor(rnd() * 20) }, () => 10 ** (rnd() * 5));
      const given = Float64Array.from(values);
      const taking = new LeaveOneOut(given, true);
      const copying = new LeaveOneOut(Float64Array.from(values));
      for (const x of values) expect(taking.without(x)).toEqual(copying.without(x));
      // The array now holds the group's sorted logs: the caller handed it over.
      expect([...given]).toEqual(values.map((v) => Math.log10(v)).sort((a, b) => a - b));
    }
  });

  it('refuses a value that is not in the group', () => {
    expect(() => new LeaveOneOut([1, 2, 3]).without(4)).toThrow(/4 is not in the group/);
    expect(() => new LeaveOneOut([1, 2, 3]).medianWithout(4)).toThrow(/4 is not in the group/);
  });
});
