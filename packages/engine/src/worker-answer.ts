import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

/** The compiled file of a worker thread of this package (`dist/<name>.js`, also when run from its sources). */
export function workerFile(name: string): string {
  const compiled = __filename.endsWith('.ts') ? join(__dirname, '..', 'dist', `${name}.js`) : join(__dirname, `${name}.js`);
  if (!existsSync(compiled)) throw new Error(`${compiled} is missing: build the engine first (pnpm build)`);
  return compiled;
}

/**
 * A worker thread that answers once: `made(message)` when it does, or `here(why)` (the work done on the calling thread)
 * when it cannot start, fails or stops without answering. `cancel()` stops it; the promise never settles then.
 */
export function answerOnce<T, M>(name: string, data: unknown, made: (message: M) => T, here: (why: string) => T): { answer: Promise<T>; cancel(): void } {
  let thread: Worker | undefined;
  let answered = false;
  const answer = new Promise<T>((resolve, reject) => {
    const settle = (make: () => T) => {
      if (answered) return;
      answered = true;
      try {
        resolve(make());
      } catch (err) {
        reject(err);
      }
    };
    try {
      thread = new Worker(workerFile(name), { workerData: data });
    } catch (err) {
      settle(() => here((err as Error).message));
      return;
    }
    thread.once('message', (m: M) => {
      void thread?.terminate();
      settle(() => made(m));
    });
    thread.once('error', (err) => settle(() => here(err.message)));
    thread.once('exit', (code) => settle(() => here(`the worker thread stopped (exit code ${code})`)));
  });
  return {
    answer,
    cancel: () => {
      answered = true;
      void thread?.terminate();
    },
  };
}
