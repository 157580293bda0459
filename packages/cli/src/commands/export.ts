import { readFileSync, writeFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { readReport } from '@chokepoint/report';
import { exportHtml } from '@chokepoint/viewer';
import { UsageError } from '../errors';
import { progressReporter, type CliIO } from '../io';

export const EXPORT_FORMATS = ['html'] as const;

export function exportCommand(io: CliIO): Command {
  return new Command('export')
    .description('Export a report to another format. html: one self-contained file with the viewer, which opens offline from disk.')
    .argument('<report.json>', 'a report written by `chokepoint analyze`')
    .addOption(new Option('--format <format>', 'what to write').choices(EXPORT_FORMATS).makeOptionMandatory())
    .requiredOption('-o, --out <file>', 'where to write it')
    .option('-q, --quiet', 'print no progress on stderr')
    .action((path: string, flags: { format: (typeof EXPORT_FORMATS)[number]; out: string; quiet?: boolean }) => {
      const progress = progressReporter(io, flags.quiet ?? false);
      readReport(path);
      const html = exportHtml(readFileSync(path, 'utf8'));
      try {
        writeFileSync(flags.out, html);
      } catch (err) {
        throw new UsageError(`cannot write ${flags.out}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      }
      progress(`wrote ${flags.out} (${Math.round(Buffer.byteLength(html) / 1024)} KB); open it in a browser, no server needed`);
    });
}
