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

export const processIO: CliIO = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  relaunch: process.env[RELAUNCHED_ENV] === undefined ? relaunch : undefined,
};

/** Progress lines on stderr, each with the time since the command started, silenced by --quiet. */
export function progressReporter(io: CliIO, quiet: boolean, now: () => number = () => performance.now()): (message: string) => void {
  if (quiet) return () => undefined;
  const start = now();
  return (message) => {
    io.stderr(`chokepoint: ${message} (${clockText((now() - start) / 1000)})\n`);
  };
}

/** A time since the start as a person reads it: "12.3 s" under a minute, else "2 min 5 s" (never "2 min 60 s"). */
export function clockText(seconds: number): string {
  if (seconds < 59.95) return `${seconds.toFixed(1)} s`;
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)} min ${whole % 60} s`;
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
