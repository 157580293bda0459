import { heapToAsk, relaunchHeapMb } from '../src/errors';
import { heapLimitIsExplicit } from '../src/relaunch';

const GB = 2 ** 30;

describe('running a command again with a larger heap', () => {
  it('takes a heap limit given to Node.js (on its command line or in NODE_OPTIONS) as chosen, and no other flag', () => {
    expect(heapLimitIsExplicit([], undefined)).toBe(false);
    expect(heapLimitIsExplicit(['--enable-source-maps'], '--max-semi-space-size=64 --no-warnings')).toBe(false);
    expect(heapLimitIsExplicit(['--max-old-space-size=8192'], undefined)).toBe(true);
    expect(heapLimitIsExplicit([], '--no-warnings  --max-old-space-size=14336')).toBe(true);
    expect(heapLimitIsExplicit(['--max-heap-size=4096'], '')).toBe(true);
    expect(heapLimitIsExplicit(['--max-old-space-sizes=1'], '')).toBe(false);
  });

  it('asks for three quarters of the machine when it holds half again what the input needs, and for nothing otherwise', () => {
    // 24 GB machine, 6.5 GB needed: 9.75 GB asked for (10 GB in whole GB) fits in 18 GB.
    expect(heapToAsk({ neededBytes: 6.5 * GB, totalMemoryBytes: 24 * GB })).toBe(10 * 1024);
    expect(relaunchHeapMb({ neededBytes: 6.5 * GB, totalMemoryBytes: 24 * GB })).toBe(18 * 1024);
    // 8 GB machine: 10 GB does not fit in its 6 GB; 3 GB needed → 5 GB asked for, fits.
    expect(relaunchHeapMb({ neededBytes: 6.5 * GB, totalMemoryBytes: 8 * GB })).toBeUndefined();
    expect(relaunchHeapMb({ neededBytes: 3 * GB, totalMemoryBytes: 8 * GB })).toBe(6 * 1024);
    expect(relaunchHeapMb({ neededBytes: 4.5 * GB, totalMemoryBytes: 8 * GB })).toBeUndefined();
  });
});
