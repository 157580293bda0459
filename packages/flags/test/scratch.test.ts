import { Scratch } from '../src/scratch';

// The rules' own typed arrays are lent from one pool per evaluation (V8 starts collections for every 64 MB of new
// typed arrays). A lent array must look new: zeroed (or filled as asked), and apart from every other array lent.

describe('Scratch', () => {
  it('lends zeroed arrays, and after a reset lends the same buffers again, zeroed or filled as asked', () => {
    const s = new Scratch();
    const a = s.int32(1000);
    const b = s.float64(1000);
    expect([...a].every((x) => x === 0) && [...b].every((x) => x === 0)).toBe(true);
    a.fill(7);
    b.fill(2.5);
    expect(a.buffer).not.toBe(b.buffer);
    expect(s.held).toEqual({ buffers: 2, bytes: 12000 });
    s.reset();
    const c = s.int32(1000);
    const d = s.float64(500);
    const e = s.int32(900, -1);
    // The smallest free buffer that fits: 1,000 int32 go to the 4,000-byte buffer, 500 float64 too once it is lent.
    expect(c.buffer).toBe(a.buffer);
    expect(d.buffer).toBe(b.buffer);
    expect([...c].every((x) => x === 0)).toBe(true);
    expect([...d].every((x) => x === 0)).toBe(true);
    expect(d.length).toBe(500);
    // Nothing free fits a third array: a new buffer, filled as asked.
    expect(e.buffer).not.toBe(a.buffer);
    expect([...e].every((x) => x === -1)).toBe(true);
    expect(s.held.buffers).toBe(3);
    // Arrays lent at once share nothing.
    c.fill(1);
    expect([...d, ...e].some((x) => x === 1)).toBe(false);
  });
});
