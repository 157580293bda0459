import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { bytesForPeople, type MemoryEstimate } from '@chokepoint/pipeline';
import { heapToAsk } from './errors';

/** Set in the environment of a command run again with other heap settings: it is not run again a second time. */
export const RELAUNCHED_ENV = 'CHOKEPOINT_RELAUNCHED';

/** The flags that set V8's heap limit, and the size of its young generation. */
const HEAP_FLAG = /^--max-(old-space|heap)-size(=|$)/;
const SEMI_SPACE_FLAG = /^--(max|min)-semi-space-size(=|$)/;

/** The V8 flags this process was given, on Node.js's command line or in NODE_OPTIONS. */
export interface GivenFlags {
  /** --max-old-space-size or --max-heap-size: a heap limit chosen by the person running it. */
  heap: boolean;
  /** --max-semi-space-size or --min-semi-space-size. */
  semiSpace: boolean;
}

export function givenFlags(execArgv: readonly string[] = process.execArgv, nodeOptions: string | undefined = process.env.NODE_OPTIONS): GivenFlags {
  const all = [...execArgv, ...(nodeOptions ?? '').split(/\s+/)];
  return { heap: all.some((a) => HEAP_FLAG.test(a)), semiSpace: all.some((a) => SEMI_SPACE_FLAG.test(a)) };
}

/**
 * The input size from which an analysis runs with a larger young generation (`semiSpaceMb`): 64 MB of CSV, about
 * 70,000 entities with their ties and shipments. Measured with `analyze` on the benchmark bundles (2026-12-04, 2-core
 * EPYC): 100k entities / 1M ties (91 MB) 23.2 and 20.5 s with V8's default 16 MB semi-spaces, 19.7 and 19.3 s with
 * 128 MB (peak RSS 1.24 → 1.50 GB); 1M entities / 10M ties (936 MB) 10 min 43 s with 16 MB, 8:16 with 64, 7:09 with
 * 128, 6:34 with 256 (9.9, 9.4, 9.2, 9.4 GB), 6:45 and 10.0 GB with 512: the time spent collecting garbage halved.
 */
export const LARGE_INPUT_BYTES = 64 * 2 ** 20;

/** The semi-space size for an input of `inputBytes` (see LARGE_INPUT_BYTES): 256 MB from 512 MB of input, else 128. */
export function semiSpaceMb(inputBytes: number): number {
  return inputBytes >= 512 * 2 ** 20 ? 256 : 128;
}

/**
 * The least the semi-spaces may shrink to, when their size is set: half of it. V8 shrinks the young generation when
 * little is allocated for a while, and with a heap of gigabytes each collection of it costs tens of milliseconds
 * whatever its size: at 1M entities the red-flag rules ran with 1 MB semi-spaces and spent 40 of their 78 s in 373
 * such collections. Measured (2026-12-04, `--trace-gc`, 1M entities / 10M ties, semi-spaces of 256 MB): young
 * collections 1,199 taking 89.7 s without a least size, 483 taking 31 s with 64 MB, 471 taking 29.8 s with 128 MB;
 * with 128 MB and that day’s other changes, the run took 5 min 49 s (peak RSS 9.4 GB, as before). At 100k entities no difference (17.5 s either way).
 */
export function minSemiSpaceMb(semiSpace: number): number {
  return semiSpace / 2;
}

/**
 * The heap to run a command again with when its input is too large for the heap Node.js gave it by default: three
 * quarters of the machine's memory, in MB (V8 takes no more than it needs, so the limit is only the most the analysis
 * may grow to); undefined when the machine cannot give the input what it needs (`heapToAsk`).
 */
export function relaunchHeapMb(estimate: { neededBytes: number; totalMemoryBytes: number }): number | undefined {
  if (heapToAsk(estimate) === undefined) return undefined;
  return Math.floor((estimate.totalMemoryBytes * 0.75) / 2 ** 20);
}


/** How to run a command again: with a heap that may grow to `heapMb` and semi-spaces of `semiSpaceMb` (each when given). */
export interface RelaunchPlan {
  /** `memory`: the input needs more heap than Node.js's default; `large`: it fits, and runs faster with a larger young generation. */
  why: 'memory' | 'large';
  heapMb?: number;
  semiSpaceMb?: number;
}

/**
 * Whether and how to run a command on the input `estimate` describes again: when it needs more heap than this
 * process may use and the limit is Node.js's default (not chosen with `given.heap`) and the machine has the memory
 * (`relaunchHeapMb`); or, when it fits, when it is large (LARGE_INPUT_BYTES) and the young generation's size was not
 * chosen either. Undefined: run it here (an input too large for a chosen limit is refused, exit code 4).
 */
export function relaunchPlan(estimate: MemoryEstimate, given: GivenFlags): RelaunchPlan | undefined {
  const semi = given.semiSpace ? undefined : semiSpaceMb(estimate.inputBytes);
  if (estimate.neededBytes > estimate.heapLimitBytes) {
    if (given.heap) return undefined;
    const heapMb = relaunchHeapMb(estimate);
    return heapMb === undefined ? undefined : { why: 'memory', heapMb, semiSpaceMb: semi };
  }
  if (estimate.inputBytes >= LARGE_INPUT_BYTES && semi !== undefined) return { why: 'large', semiSpaceMb: semi };
  return undefined;
}

/** What the person running the command is told when it runs again. */
export function relaunchNote(plan: RelaunchPlan, estimate: MemoryEstimate): string {
  const { inputBytes, neededBytes, heapLimitBytes, totalMemoryBytes } = estimate;
  return plan.heapMb !== undefined
    ? `chokepoint: the input needs at least about ${bytesForPeople(neededBytes)} of memory, more than the ${bytesForPeople(heapLimitBytes)} Node.js allows by default: ` +
        `running the command again with up to ${bytesForPeople(plan.heapMb * 2 ** 20)} (three quarters of this machine's ${bytesForPeople(totalMemoryBytes)})\n`
    : `chokepoint: a large input (${bytesForPeople(inputBytes)}): running the command again in a process set up for large inputs, which finishes sooner (--max-semi-space-size=${plan.semiSpaceMb} --min-semi-space-size=${minSemiSpaceMb(plan.semiSpaceMb ?? 0)})\n`;
}

/**
 * The V8 flags a command runs again with: the plan's heap limit and semi-space sizes, and `--expose-gc`, with which
 * the command may ask for one full collection where it knows most of what it made is garbage (`collectGarbage`).
 */
export function relaunchFlags(plan: RelaunchPlan): string[] {
  return [
    ...(plan.heapMb === undefined ? [] : [`--max-old-space-size=${plan.heapMb}`]),
    ...(plan.semiSpaceMb === undefined ? [] : [`--max-semi-space-size=${plan.semiSpaceMb}`, `--min-semi-space-size=${minSemiSpaceMb(plan.semiSpaceMb)}`]),
    '--expose-gc',
  ];
}

/**
 * One full garbage collection, when the process was started with `--expose-gc` (as a command run again for a large
 * input is); nothing otherwise. For the moment an analysis is done and its report is about to be written: with a
 * heap that may grow to three quarters of the machine, V8 ran no full collection in the last minute of a run on a
 * million entities, so the analysis' working data (let go by then) stayed in memory while 3.3 GB were written.
 */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Thrown by a command that should run again in a new process (`relaunchPlan`); `main` does it. */
export class RelaunchRequest extends Error {
  override name = 'RelaunchRequest';
  constructor(readonly plan: RelaunchPlan, readonly estimate: MemoryEstimate) {
    super(`run again: ${plan.why}`);
  }
}

/**
 * Runs this very command again in a new Node.js process with the plan's V8 flags added to those it was given, with
 * the same arguments, standard streams and environment (plus RELAUNCHED_ENV), and resolves to its exit code
 * (128 + the signal's number when a signal ended it, as a shell reports it). SIGINT and SIGTERM sent to this process
 * are passed on to it.
 */
export function relaunch(plan: RelaunchPlan): Promise<number> {
  const flags = relaunchFlags(plan);
  const kept = plan.heapMb === undefined ? process.execArgv : process.execArgv.filter((a) => !HEAP_FLAG.test(a));
  const child = spawn(process.execPath, [...kept, ...flags, ...process.argv.slice(1)], { stdio: 'inherit', env: { ...process.env, [RELAUNCHED_ENV]: flags.join(' ') } });
  const pass = (signal: NodeJS.Signals) => () => {
    child.kill(signal);
  };
  const onInt = pass('SIGINT');
  const onTerm = pass('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve(code ?? 128 + (signal === null ? 0 : (constants.signals[signal] ?? 0)));
    });
  });
}
