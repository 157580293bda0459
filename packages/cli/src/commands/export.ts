import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CSV_BOM, toCsv, toFtm, toGexf, toGraphml } from '@chokepoint/exports';
import { Command, Option } from 'commander';
import { serializeReport } from '@chokepoint/report';
import { serializeCase, type CaseFile } from '@chokepoint/case';
import { readCaseFile } from '@chokepoint/case/files';
import { exportHtml, opensOnOverview, OVERVIEW_ABOVE } from '@chokepoint/viewer';
import { UsageError } from '../errors';
import { progressReporter, type CliIO } from '../io';
import { readReportFor } from '../read-report';

export const EXPORT_FORMATS = ['html', 'gexf', 'graphml', 'csv', 'ftm'] as const;

export function exportCommand(io: CliIO): Command {
  return new Command('export')
    .description(
      'Export a report to another format. html: one self-contained file with the viewer, which opens offline from disk; ' +
        'gexf and graphml: the network with clusters, scores, flags and map positions as attributes, for Gephi; csv: nodes.csv, edges.csv, groups.csv (company groups) and controllers.csv (the people and companies behind the flags) in the folder given by --out; ftm: FollowTheMoney JSON lines with findings as Note entities, for Aleph.',
    )
    .argument('<report.json>', 'a report written by `chokepoint analyze`')
    .addOption(new Option('--format <format>', 'what to write').choices(EXPORT_FORMATS).makeOptionMandatory())
    .requiredOption('-o, --out <file>', 'where to write it')
    .option('--case <case.json>', 'a case file (from `chokepoint view --case`): html embeds it read-only; ftm writes its notes and review statuses as Note entities; gexf, graphml and csv add them as attributes')
    .option('-q, --quiet', 'print no progress on stderr')
    .action((path: string, flags: { format: (typeof EXPORT_FORMATS)[number]; out: string; quiet?: boolean; case?: string }) => {
      const progress = progressReporter(io, flags.quiet ?? false);
      const report = readReportFor(path, {}, progress);
      const caseFile: CaseFile | undefined = flags.case === undefined ? undefined : readCaseFile(flags.case);
      if (caseFile !== undefined && caseFile.report.bundle !== report.input.bundle) io.stderr(`chokepoint: the case ${flags.case} was started on the bundle "${caseFile.report.bundle}", this report is of "${report.input.bundle}"\n`);
      const withCase = { case: caseFile };
      const write = (file: string, text: string) => {
        try {
          writeFileSync(file, text);
        } catch (err) {
          throw new UsageError(`cannot write ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
        }
        progress(`wrote ${file} (${Math.round(Buffer.byteLength(text) / 1024)} KB)`);
      };
      switch (flags.format) {
        case 'html':
          write(flags.out, exportHtml(report.records.stored === 'inline' ? readFileSync(path, 'utf8') : serializeReport(report), undefined, { caseJson: caseFile === undefined ? undefined : serializeCase(caseFile) }));
          progress('open it in a browser: no server needed');
          // The file holds every entity and record; `chokepoint view` sends a large report piece by piece instead.
          if (opensOnOverview(report, OVERVIEW_ABOVE)) {
            io.stderr(
              `chokepoint: ${flags.out} holds all ${report.entities.length.toLocaleString('en-US')} entities of the report: a browser takes a while to open it (about 20 s for 100,000 entities on a 2-core machine) and answers each change slowly; chokepoint view ${path} opens a report this large on an overview of its clusters\n`,
            );
          }
          break;
        case 'gexf':
          write(flags.out, toGexf(report, withCase));
          break;
        case 'graphml':
          write(flags.out, toGraphml(report, withCase));
          break;
        case 'ftm':
          write(flags.out, toFtm(report, withCase));
          break;
        case 'csv': {
          try {
            mkdirSync(flags.out, { recursive: true });
          } catch (err) {
            throw new UsageError(`cannot create the folder ${flags.out}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
          }
          // (a byte-order mark first, so that Excel reads the names as UTF-8)
          for (const [name, text] of Object.entries(toCsv(report, withCase))) write(join(flags.out, `${name}.csv`), CSV_BOM + text);
          break;
        }
      }
    });
}
