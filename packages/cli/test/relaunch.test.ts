import type { MemoryEstimate } from '@chokepoint/pipeline';
import { heapToAsk } from '../src/errors';
import { givenFlags, LARGE_INPUT_BYTES, minSemiSpaceMb, relaunchHeapMb, relaunchPlan, semiSpaceMb } from '../src/relaunch';

const GB = 2 ** 30;
const MB = 2 ** 20;

describe('running a command again with other heap settings', () => {
  it('tells the heap limit and the young generation’s size chosen on Node.js’s command line or in NODE_OPTIONS, and no other flag', () => {
    expect(givenFlags([], undefined)).toEqual({ heap: false, semiSpace: false });
    expect(givenFlags(['--enable-source-maps'], '--no-warnings --stack-size=2000')).toEqual({ heap: false, semiSpace: false });
    expect(givenFlags(['--max-old-space-size=8192'], undefined)).toEqual({ heap: true, semiSpace: false });
    expect(givenFlags([], '--no-warnings  --max-old-space-size=14336')).toEqual({ heap: true, semiSpace: false });
    expect(givenFlags(['--max-heap-size=4096'], '')).toEqual({ heap: true, semiSpace: false });
    expect(givenFlags([], '--max-semi-space-size=64')).toEqual({ heap: false, semiSpace: true });
    expect(givenFlags(['--min-semi-space-size=16', '--max-old-space-size=1000'], '')).toEqual({ heap: true, semiSpace: true });
    expect(givenFlags(['--max-old-space-sizes=1'], '')).toEqual({ heap: false, semiSpace: false });
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

  it('plans a larger heap for an input too large for the default one, a larger young generation for a large one, and keeps what was chosen', () => {
    const estimate = (inputBytes: number, heapLimitBytes = 4.2 * GB, totalMemoryBytes = 24 * GB): MemoryEstimate => ({
      inputBytes,
      kind: 'bundle',
      neededBytes: inputBytes * 7,
      heapLimitBytes,
      totalMemoryBytes,
    });
    const none = { heap: false, semiSpace: false };
    // Small: run here.
    expect(relaunchPlan(estimate(10 * MB), none)).toBeUndefined();
    expect(relaunchPlan(estimate(LARGE_INPUT_BYTES - 1), none)).toBeUndefined();
    // Large, fits: 128 MB semi-spaces (256 from 512 MB of input); not when their size was chosen.
    expect(relaunchPlan(estimate(91 * MB), none)).toEqual({ why: 'large', semiSpaceMb: 128 });
    expect(relaunchPlan(estimate(91 * MB), { heap: true, semiSpace: false })).toEqual({ why: 'large', semiSpaceMb: 128 });
    expect(relaunchPlan(estimate(91 * MB), { heap: false, semiSpace: true })).toBeUndefined();
    expect(semiSpaceMb(512 * MB)).toBe(256);
    expect(semiSpaceMb(511 * MB)).toBe(128);
    // The young generation may not shrink below half its size (a whole number of MB, as V8 takes it).
    expect([minSemiSpaceMb(semiSpaceMb(512 * MB)), minSemiSpaceMb(semiSpaceMb(91 * MB))]).toEqual([128, 64]);
    // Too large for the default heap: three quarters of the machine, and 256 MB semi-spaces.
    expect(relaunchPlan(estimate(936 * MB), none)).toEqual({ why: 'memory', heapMb: 18 * 1024, semiSpaceMb: 256 });
    expect(relaunchPlan(estimate(936 * MB), { heap: false, semiSpace: true })).toEqual({ why: 'memory', heapMb: 18 * 1024, semiSpaceMb: undefined });
    // ... but not above a heap limit that was chosen (refused, exit code 4), nor beyond what the machine has.
    expect(relaunchPlan(estimate(936 * MB), { heap: true, semiSpace: false })).toBeUndefined();
    expect(relaunchPlan(estimate(936 * MB, 4.2 * GB, 8 * GB), none)).toBeUndefined();
    // A heap limit chosen large enough: only the young generation.
    expect(relaunchPlan(estimate(936 * MB, 14 * GB), { heap: true, semiSpace: false })).toEqual({ why: 'large', semiSpaceMb: 256 });
  });
});

describe('the flags of a command run again', () => {
  it('are the plan’s heap and semi-spaces, and --expose-gc for the one collection before writing', () => {
    const { relaunchFlags } = require('../src/relaunch') as typeof import('../src/relaunch');
    expect(relaunchFlags({ why: 'memory', heapMb: 18000, semiSpaceMb: 256 })).toEqual(['--max-old-space-size=18000', '--max-semi-space-size=256', '--min-semi-space-size=128', '--expose-gc']);
    expect(relaunchFlags({ why: 'large', semiSpaceMb: 128 })).toEqual(['--max-semi-space-size=128', '--min-semi-space-size=64', '--expose-gc']);
  });

  it('collectGarbage does nothing where gc is not exposed, and collects where it is', () => {
    const { collectGarbage } = require('../src/relaunch') as typeof import('../src/relaunch');
    const g = globalThis as { gc?: () => void };
    const had = g.gc;
    let calls = 0;
    try {
      delete g.gc;
      expect(() => collectGarbage()).not.toThrow();
      g.gc = () => void calls++;
      collectGarbage();
      expect(calls).toBe(1);
    } finally {
      if (had === undefined) delete g.gc;
      else g.gc = had;
    }
  });
});
