import { existsSync, readFileSync } from 'node:fs';
import { emptyCase } from '@chokepoint/case';
import { readCaseFile, writeCaseFile } from '@chokepoint/case/files';
import { Command, InvalidArgumentError } from 'commander';
import { serializeReport } from '@chokepoint/report';
import { buildScaleIndex, CaseStore, DEFAULT_HOST, DEFAULT_PORT, opensOnOverview, overviewClusterCount, OVERVIEW_ABOVE, startViewerServer, type ScaleIndex } from '@chokepoint/viewer';
import { UsageError } from '../errors';
import { progressReporter, type CliIO } from '../io';
import { readReportAndTies, readReportFor } from '../read-report';

function parsePort(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new InvalidArgumentError('expected a port number from 0 to 65535 (0 picks a free one).');
  return n;
}

function parseCount(value: string): number {
  if (!/^\d{1,9}$/.test(value)) throw new InvalidArgumentError('expected a number of entities (0 or more).');
  return Number(value);
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
    .option('--case <case.json>', 'a case file to work in: notes, review statuses of the red flags, saved views. Opened if it exists, created if not, and saved as you work (each change is written to disk before the viewer shows it as saved)')
    .option(
      '--overview-above <n>',
      'above this many entities, the viewer opens on an overview of the clusters (one node per cluster, ties between clusters counted) and loads a cluster or an entity with its neighbourhood when you open it, so that the browser never receives the whole report at once',
      parseCount,
      OVERVIEW_ABOVE,
    )
    .option('-q, --quiet', 'print no progress on stderr (reading a large report takes a while)')
    .action(async (path: string, flags: { port: number; host: string; case?: string; overviewAbove: number; quiet?: boolean }) => {
      // Refuses a missing or invalid report with a clear message. The records (in a file of their own, for a large
      // report) are read as the viewer needs them: a large report's ties as a table, its records when a piece is sent.
      const progress = progressReporter(io, flags.quiet ?? false);
      // (the table of a large report's ties is read in a second thread while the report itself is)
      const { report, records } = await readReportAndTies(path, progress, (r) => opensOnOverview(r, flags.overviewAbove));
      let reportJson = '';
      let scale: { index: ScaleIndex } | undefined;
      if (records !== undefined) {
        scale = { index: buildScaleIndex(report, records) };
        const clusters = report.clusters.length;
        const drawn = overviewClusterCount(scale.index);
        const of = drawn < clusters ? `clusters (the largest ${drawn.toLocaleString('en-US')} of ${clusters.toLocaleString('en-US')})` : `${clusters.toLocaleString('en-US')} cluster${clusters === 1 ? '' : 's'}`;
        io.stdout(`This report has ${report.entities.length.toLocaleString('en-US')} entities: the viewer opens on an overview of its ${of} and loads a cluster or an entity when you open it.\n`);
      } else {
        // A small report is served whole, its records included (read again with them, when they are apart).
        reportJson = report.records.stored === 'inline' ? readFileSync(path, 'utf8') : serializeReport(readReportFor(path, {}, progress));
      }
      let caseStore: CaseStore | undefined;
      if (flags.case !== undefined) {
        const existing = existsSync(flags.case);
        const initial = existing ? readCaseFile(flags.case) : emptyCase({ bundle: report.input.bundle, now: new Date().toISOString() });
        if (!existing) {
          try {
            writeCaseFile(flags.case, initial);
          } catch (err) {
            throw new UsageError(`cannot create the case file ${flags.case}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
          }
        }
        if (initial.report.bundle !== report.input.bundle) io.stderr(`chokepoint: the case ${flags.case} was started on the bundle "${initial.report.bundle}", this report is of "${report.input.bundle}": notes about ids this report lacks are kept and listed apart.\n`);
        caseStore = new CaseStore(flags.case, initial);
        io.stdout(`Case file: ${flags.case} (${existing ? 'opened' : 'created'}; saved as you work)\n`);
      }
      const server = await startViewerServer({ reportJson, scale, host: flags.host, port: flags.port, caseStore });
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
