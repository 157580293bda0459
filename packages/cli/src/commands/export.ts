import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { CSV_BOM, CSV_TABLES, csvTables, writeFtm, writeGexf, writeGraphml, type TextSink } from '@chokepoint/exports';
import { Command, Option } from 'commander';
import { serializeReport } from '@chokepoint/report';
import { serializeCase, type CaseFile } from '@chokepoint/case';
import { readCaseFile } from '@chokepoint/case/files';
import { exportHtml, opensOnOverview, OVERVIEW_ABOVE } from '@chokepoint/viewer';
import { bytesForPeople, estimateReportMemory } from '@chokepoint/pipeline';
import { UsageError } from '../errors';
import { progressReporter, type CliIO } from '../io';
import { readReportAndTies, readReportFor } from '../read-report';

export const EXPORT_FORMATS = ['html', 'gexf', 'graphml', 'csv', 'ftm'] as const;

/**
 * The most report files (the report and its records) an html export takes: the page holds them whole, as one string
 * while it is made (Node.js's longest is about 512 MB) and in the browser that opens it. The report of 100,000
 * entities of the benchmark (330 MB with its records) is exported, and opens in about 20 s; one of a million
 * entities (3.3 GB) failed after two minutes with "Invalid string length".
 */
const HTML_MOST_BYTES = 400 * 2 ** 20;

/**
 * The heap the gexf, graphml, csv and ftm exports need at their peak, in times what the report read without its
 * records holds (HEAP_PER_REPORT_BYTE.report): they read the records a stretch at a time and add up the shipments by
 * pair in typed arrays, beside the report. Measured (2026-12-07, 2-core EPYC): the gexf export of the 100k benchmark
 * report (68 MB, its 260 MB of records apart) ran out of an old space of 160 MB while making the rows of its shipment
 * pairs and ran whole in 190 MB (1.75 times the report's 109 MB), hence a margin above it; the 1M one (673 MB + 2.63 GB
 * of records) peaked at 3.7 GB of RSS, where reading every record first had taken 13.3 GB. A machine without that
 * memory is told so before the report is read, instead of running out of it part way through.
 */
const EXPORT_HEAP_TIMES = 2.2;

/** Exports are written in pieces of about this many characters (1 MB of text, or a few). */
const PIECE_CHARS = 2 ** 20;

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
    .action(async (path: string, flags: { format: (typeof EXPORT_FORMATS)[number]; out: string; quiet?: boolean; case?: string }) => {
      const progress = progressReporter(io, flags.quiet ?? false);
      if (flags.format === 'html') {
        // One page holds the whole report: refused before reading one a browser cannot hold (nor one string).
        const { inputBytes } = estimateReportMemory(path);
        if (inputBytes > HTML_MOST_BYTES) {
          throw new UsageError(
            `${path} and its records hold ${bytesForPeople(inputBytes)}: an html export puts all of it in one page, and a browser (like one string of Node.js) holds at most a few hundred MB. Open it with chokepoint view ${path} (an overview of its clusters first, the rest loaded as you open it), or export it as gexf, graphml, csv or ftm, which are written piece by piece`,
          );
        }
      }
      // The html page holds every record; the other formats read them from the records file a stretch at a time.
      const { report, records } = flags.format === 'html' ? { report: readReportFor(path, {}, progress), records: undefined } : await readReportAndTies(path, progress, undefined, { heapTimes: EXPORT_HEAP_TIMES });
      const caseFile: CaseFile | undefined = flags.case === undefined ? undefined : readCaseFile(flags.case);
      if (caseFile !== undefined && caseFile.report.bundle !== report.input.bundle) io.stderr(`chokepoint: the case ${flags.case} was started on the bundle "${caseFile.report.bundle}", this report is of "${report.input.bundle}"\n`);
      const onProgress = (what: string, done: number, total: number) => progress(`exporting: ${what}, ${total > 0 ? Math.floor((done / total) * 100) : 100}% of ${total.toLocaleString('en-US')}`, { done, total });
      const withCase = { case: caseFile, records, onProgress };
      const cannotWrite = (file: string, err: unknown) => new UsageError(`cannot write ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      const write = (file: string, text: string) => {
        try {
          writeFileSync(file, text);
        } catch (err) {
          throw cannotWrite(file, err);
        }
        progress(`wrote ${file} (${Math.round(Buffer.byteLength(text) / 1024)} KB)`);
      };
      /** An export written to `file` as it is made (`first`, then what `make` sends), in pieces of about 1 MB. */
      const writeInPieces = (file: string, make: (sink: TextSink) => void, first = '') => {
        let fd: number;
        try {
          fd = openSync(file, 'w');
        } catch (err) {
          throw cannotWrite(file, err);
        }
        let bytes = 0;
        try {
          let pending: string[] = [first];
          let size = first.length;
          const flush = () => {
            const buffer = Buffer.from(pending.join(''), 'utf8');
            for (let at = 0; at < buffer.length; ) at += writeSync(fd, buffer, at);
            bytes += buffer.length;
            pending = [];
            size = 0;
          };
          make((text) => {
            pending.push(text);
            size += text.length;
            if (size >= PIECE_CHARS) flush();
          });
          flush();
        } catch (err) {
          throw (err as NodeJS.ErrnoException).code !== undefined ? cannotWrite(file, err) : err;
        } finally {
          closeSync(fd);
        }
        progress(`wrote ${file} (${Math.round(bytes / 1024)} KB)`);
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
          writeInPieces(flags.out, (sink) => writeGexf(report, sink, withCase));
          break;
        case 'graphml':
          writeInPieces(flags.out, (sink) => writeGraphml(report, sink, withCase));
          break;
        case 'ftm':
          writeInPieces(flags.out, (sink) => writeFtm(report, sink, withCase));
          break;
        case 'csv': {
          try {
            mkdirSync(flags.out, { recursive: true });
          } catch (err) {
            throw new UsageError(`cannot create the folder ${flags.out}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
          }
          // (a byte-order mark first, so that Excel reads the names as UTF-8)
          const tables = csvTables(report, withCase);
          for (const name of CSV_TABLES) writeInPieces(join(flags.out, `${name}.csv`), tables[name], CSV_BOM);
          break;
        }
      }
    });
}
