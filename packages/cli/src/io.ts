/** Where a command writes. The binary passes the process streams; tests pass buffers. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export const processIO: CliIO = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** Progress lines on stderr, silenced by --quiet. */
export function progressReporter(io: CliIO, quiet: boolean): (message: string) => void {
  return quiet ? () => undefined : (message) => io.stderr(`chokepoint: ${message}\n`);
}
