import { Command } from 'commander';
import { renderSummary } from '@chokepoint/report';
import { progressReporter, type CliIO } from '../io';
import { parseCount } from '../options';
import { readReportFor } from '../read-report';

export function summaryCommand(io: CliIO): Command {
  return new Command('summary')
    .description('Print the summary of a report written by `chokepoint analyze` (checks it against the report schema).')
    .argument('<report.json>', 'a report file')
    .option('--top <n>', 'how many key nodes to describe', parseCount, 10)
    .option('-q, --quiet', 'print no progress on stderr')
    .action((path: string, flags: { top: number; quiet?: boolean }) => {
      io.stdout(renderSummary(readReportFor(path, { records: false }, progressReporter(io, flags.quiet ?? false)), { keyNodes: flags.top }));
    });
}
