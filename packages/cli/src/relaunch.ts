import { spawn } from 'node:child_process';
import { constants } from 'node:os';

/** Set in the environment of a command run again with a larger heap: it is not run again a second time. */
export const RELAUNCHED_ENV = 'CHOKEPOINT_RELAUNCHED_HEAP_MB';

/** The flags that set V8's heap limit. */
const HEAP_FLAG = /^--max-(old-space|heap)-size(=|$)/;

/**
 * Whether the heap limit of this process was chosen by the person running it: --max-old-space-size or
 * --max-heap-size given to Node.js on its command line or in NODE_OPTIONS.
 */
export function heapLimitIsExplicit(execArgv: readonly string[] = process.execArgv, nodeOptions: string | undefined = process.env.NODE_OPTIONS): boolean {
  if (execArgv.some((a) => HEAP_FLAG.test(a))) return true;
  return (nodeOptions ?? '').split(/\s+/).some((a) => HEAP_FLAG.test(a));
}

/**
 * Flags of V8's garbage collector for a process given a large heap for a large input: a young generation of 64 MB
 * semi-spaces instead of 16 (fewer, larger scavenges while millions of records are read and kept).
 */
export const LARGE_INPUT_FLAGS: readonly string[] = ['--max-semi-space-size=64'];

/**
 * Runs this very command again in a new Node.js process whose heap may grow to `heapMb`, with the same arguments,
 * standard streams and environment (plus RELAUNCHED_ENV), and resolves to its exit code (128 + the signal's number
 * when a signal ended it, as a shell reports it). SIGINT and SIGTERM sent to this process are passed on to it.
 */
export function relaunchWithHeap(heapMb: number): Promise<number> {
  const args = [...process.execArgv.filter((a) => !HEAP_FLAG.test(a)), `--max-old-space-size=${heapMb}`, ...LARGE_INPUT_FLAGS, ...process.argv.slice(1)];
  const child = spawn(process.execPath, args, { stdio: 'inherit', env: { ...process.env, [RELAUNCHED_ENV]: String(heapMb) } });
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
