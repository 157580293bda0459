import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import { readReport, serializeReport } from '@chokepoint/report';
import { DEFAULT_HOST, DEFAULT_PORT, startViewerServer } from '@chokepoint/viewer';
import type { CliIO } from '../io';

function parsePort(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new InvalidArgumentError('expected a port number from 0 to 65535 (0 picks a free one).');
  return n;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

export function viewCommand(io: CliIO): Command {
  return new Command('view')
    .description('Open a report in the network viewer: serves it on this computer and prints the address to open in a browser. Ctrl-C stops it.')
    .argument('<report.json>', 'a report written by `chokepoint analyze`')
    .option('--port <n>', 'port to listen on (0 picks a free one)', parsePort, DEFAULT_PORT)
    .option(
      '--host <address>',
      'address to listen on; only this computer can connect unless you choose another. The viewer answers only requests addressed to localhost, 127.0.0.1, [::1] or this address (with 0.0.0.0 or ::, any IP address of this computer), which keeps web pages from reading the report through DNS rebinding',
      DEFAULT_HOST,
    )
    .action(async (path: string, flags: { port: number; host: string }) => {
      const report = readReport(path); // refuses a missing or invalid report with a clear message
      // A report whose records are in a companion file is served whole, records included.
      const reportJson = report.records.stored === 'inline' ? readFileSync(path, 'utf8') : serializeReport(report);
      const server = await startViewerServer({ reportJson, host: flags.host, port: flags.port });
      if (!LOOPBACK.test(flags.host)) {
        io.stderr(`chokepoint: listening on ${flags.host}: anyone who can reach this address can see the report.\n`);
      }
      // Listen for Ctrl-C before printing the address: whoever reads it may stop us at once.
      const stopped = new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void server.close().then(() => {
            io.stdout('Viewer stopped.\n');
            resolve();
          });
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      io.stdout(`Chokepoint viewer: ${server.url}\nPress Ctrl-C to stop.\n`);
      await stopped;
    });
}
