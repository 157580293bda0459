import { Command } from 'commander';
import { loadReference, DEFAULT_REFERENCE_DIR } from '@chokepoint/flags';
import { InvalidBundleError } from '@chokepoint/ingest';
import { formatIssue } from '@chokepoint/model';
import { bytesForPeople, estimateMemory, readInput } from '@chokepoint/pipeline';
import { LARGE_INPUT_BYTES } from '../relaunch';
import { progressReporter, readingProgress, type CliIO } from '../io';

/** Text from the input never sends control sequences to a terminal. */
// eslint-disable-next-line no-control-regex
const plain = (s: string): string => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, '\uFFFD');

export function validateCommand(io: CliIO): Command {
  return new Command('validate')
    .description('Check a bundle folder against the data contract and list every problem, without analyzing it.')
    .argument('<bundle>', 'folder with entities.csv and optionally relations.csv, shipments.csv, places.csv; or a FollowTheMoney .jsonl file')
    .option('--reference <dir>', 'folder with the reference data (sector-keywords.csv is used to check sectors against ISIC codes)', DEFAULT_REFERENCE_DIR)
    .option('--json', 'print the counts and warnings as JSON; for a bundle with problems, every problem (the exit code is still 3)')
    .option('-q, --quiet', 'print no progress on stderr')
    .action(async (bundleDir: string, flags: { json?: boolean; reference: string; quiet?: boolean }) => {
      const reference = loadReference(flags.reference);
      // How far reading is: a large bundle takes a minute or more (and says so when it starts).
      const progress = progressReporter(io, flags.quiet ?? false);
      const { inputBytes } = estimateMemory(bundleDir);
      if (inputBytes >= LARGE_INPUT_BYTES) progress(`reading ${bundleDir} (${bytesForPeople(inputBytes)})`);
      const bar = readingProgress(flags.quiet ?? false, progress);
      let bundle;
      try {
        bundle = await readInput(bundleDir, { sectorHints: reference.sectorKeywords, onProgress: bar.onProgress });
      } catch (err) {
        // Every problem on stdout, to keep in a file (the message on stderr shows the first ones and counts the rest).
        if (flags.json && err instanceof InvalidBundleError) io.stdout(`${JSON.stringify({ valid: false, fatal: err.fatal, problems: err.issues })}\n`);
        throw err;
      }
      bar.done();
      const counts = {
        bundle: bundle.name,
        entities: bundle.entities.length,
        relations: bundle.relations.length,
        shipments: bundle.shipments.length,
        places: bundle.places.length,
      };
      if (flags.json) {
        io.stdout(`${JSON.stringify({ valid: true, ...counts, warnings: bundle.warnings })}\n`);
        return;
      }
      const lines = [`${plain(bundleDir)} is a valid bundle: ${counts.entities} entities, ${counts.relations} relations, ${counts.shipments} shipments, ${counts.places} places.`];
      if (bundle.warnings.length > 0) {
        lines.push(`${bundle.warnings.length} ${bundle.warnings.length === 1 ? 'warning' : 'warnings'} (read, but check them):`);
        for (const w of bundle.warnings) lines.push(`  ${plain(formatIssue(w))}`);
      }
      io.stdout(`${lines.join('\n')}\n`);
    });
}
