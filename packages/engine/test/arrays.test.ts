import { LARGE_ARRAY_BYTES, largeBuffer, largeFloat64Array, largeInt32Array, largeUint8Array } from '@chokepoint/engine';

// The large working arrays go on SharedArrayBuffers (which V8 does not count as external memory, so that a million
// entities' arrays do not bring full collections of the heap); small ones stay ordinary. Both are zeroed and behave
// as typed arrays do.

describe('large working arrays', () => {
  it('are made on a SharedArrayBuffer from LARGE_ARRAY_BYTES on, on an ArrayBuffer below, zeroed either way', () => {
    const cases: [string, (n: number) => ArrayLike<number> & { buffer: ArrayBufferLike }, number][] = [
      ['int32', largeInt32Array, 4],
      ['float64', largeFloat64Array, 8],
      ['uint8', largeUint8Array, 1],
    ];
    for (const [name, make, bytes] of cases) {
      const below = make(LARGE_ARRAY_BYTES / bytes - 1);
      const at = make(LARGE_ARRAY_BYTES / bytes);
      expect([name, below.buffer instanceof SharedArrayBuffer, at.buffer instanceof SharedArrayBuffer]).toEqual([name, false, true]);
      expect([name, at.length, Array.prototype.every.call(at, (x: number) => x === 0)]).toEqual([name, LARGE_ARRAY_BYTES / bytes, true]);
    }
  });

  it('largeBuffer gives the buffer for that many bytes: shared from LARGE_ARRAY_BYTES on, zeroed', () => {
    const below = largeBuffer(LARGE_ARRAY_BYTES - 1);
    const at = largeBuffer(LARGE_ARRAY_BYTES);
    expect([below instanceof SharedArrayBuffer, below.byteLength, at instanceof SharedArrayBuffer, at.byteLength]).toEqual([false, LARGE_ARRAY_BYTES - 1, true, LARGE_ARRAY_BYTES]);
    expect(new Uint8Array(at).every((x) => x === 0)).toBe(true);
  });

  it('read, write, fill and copy as typed arrays do', () => {
    const a = largeInt32Array(1 << 20).fill(-1);
    a[5] = 7;
    expect([a[4], a[5], a.length]).toEqual([-1, 7, 1 << 20]);
    // slice copies to an ordinary array; subarray shares.
    expect(a.slice(4, 6)).toEqual(Int32Array.from([-1, 7]));
    a.subarray(5, 6)[0] = 9;
    expect(a[5]).toBe(9);
    const f = largeFloat64Array(1 << 18);
    f[0] = 0.1 + 0.2;
    expect(f[0]).toBe(0.1 + 0.2);
  });
});
