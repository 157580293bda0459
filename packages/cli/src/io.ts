import { bytesForPeople } from '@chokepoint/pipeline';
import type { StepCount } from '@chokepoint/engine';
import { relaunch, RELAUNCHED_ENV, type RelaunchPlan } from './relaunch';

/** Where a command writes. The binary passes the process streams; tests pass buffers. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /**
   * Runs the command again in a new process with the plan's heap settings, resolving to its exit code; given only by
   * the binary, and not to a command already run again.
   */
  relaunch?: (plan: RelaunchPlan) => Promise<number>;
}

/**
 * Writes to a process stream whose reader may go away (`chokepoint analyze … | head`): once the pipe is closed (EPIPE),
 * what is left to say is dropped and the command goes on to its end (its files written, its exit code kept), instead
 * of stopping on an unhandled error with Node's stack trace. Any other error of the stream is thrown, as before.
 */
export function closableWriter(stream: NodeJS.WritableStream): (text: string) => void {
  let watching = false;
  let closed = false;
  return (text) => {
    if (!watching) {
      watching = true;
      stream.on('error', (err: NodeJS.ErrnoException) => {
        if (err.code !== 'EPIPE') throw err;
        closed = true;
      });
    }
    if (!closed) stream.write(text);
  };
}

export const processIO: CliIO = {
  stdout: closableWriter(process.stdout),
  stderr: closableWriter(process.stderr),
  relaunch: process.env[RELAUNCHED_ENV] === undefined ? relaunch : undefined,
};

/**
 * A progress callback: a stage starting (no step), or how far along the current one is (a step: `done` of `total`, in
 * the stage's own unit: rules, records, bytes, steps; no total when the number is not known ahead, as for Louvain's
 * levels).
 */
export type Progress = (message: string, step?: StepCount) => void;

/** Within a stage, a line that tells how far along it is at most this often (seconds since the last line). */
export const STEP_INTERVAL_S = 10;

/**
 * Progress lines on stderr, each with the time since the command started, silenced by --quiet. A line with a step
 * (how far along a stage is) is written only when the last line is `interval` seconds old or more, and not once the
 * stage is done (the next stage's line says so): a long stage tells how far it is every ten seconds or so, a short
 * one stays one line.
 */
export function progressReporter(io: CliIO, quiet: boolean, now: () => number = () => performance.now(), interval: number = STEP_INTERVAL_S): Progress {
  if (quiet) return () => undefined;
  const start = now();
  let last = start;
  return (message, step) => {
    const t = now();
    if (step !== undefined && ((step.total !== undefined && step.done >= step.total) || (t - last) / 1000 < interval)) return;
    last = t;
    io.stderr(`chokepoint: ${message} (${clockText((t - start) / 1000)})\n`);
  };
}

/** A time since the start as a person reads it: "12.3 s" under a minute, else "2 min 5 s" (never "2 min 60 s"). */
export function clockText(seconds: number): string {
  if (seconds < 59.95) return `${seconds.toFixed(1)} s`;
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)} min ${whole % 60} s`;
}

/**
 * How far reading an input's files is: a bar on a terminal (fileProgressBar), else lines like those of the other
 * stages (`reading shipments.csv: 40% of 936 MB`, one every few seconds at most, through `progress`). Nothing with --quiet.
 */
export function readingProgress(quiet: boolean, progress: Progress): { onProgress: (file: string, bytes: number, total: number) => void; done: () => void } {
  const bar = fileProgressBar(quiet);
  return {
    onProgress: bar.onProgress ?? ((file, bytes, total) => progress(`reading ${file}: ${Math.floor((100 * bytes) / total)}% of ${bytesForPeople(total)}`, { done: bytes, total })),
    done: bar.done,
  };
}

/**
 * A progress bar for reading files, drawn on stderr only when it is a terminal (never in pipes or
 * logs) and never with --quiet. Returns the callback the readers take, and a function that ends the bar.
 */
export function fileProgressBar(quiet: boolean, stream: NodeJS.WriteStream = process.stderr): { onProgress?: (file: string, bytes: number, total: number) => void; done: () => void } {
  if (quiet || !stream.isTTY) return { done: () => undefined };
  let last = '';
  let shown = false;
  return {
    onProgress: (file, bytes, total) => {
      const share = total > 0 ? Math.min(1, bytes / total) : 1;
      const width = 30;
      const line = `reading ${file} [${'#'.repeat(Math.round(share * width)).padEnd(width)}] ${(share * 100).toFixed(0)}%`;
      if (line === last) return;
      last = line;
      shown = true;
      stream.write(`\r${line}`);
    },
    done: () => {
      if (shown) stream.write('\n');
    },
  };
}
