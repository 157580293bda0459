import { Command } from 'commander';
import { loadReference, DEFAULT_REFERENCE_DIR } from '@chokepoint/flags';
import { formatIssue } from '@chokepoint/model';
import { readInput } from '@chokepoint/pipeline';
import type { CliIO } from '../io';

/** Text from the input never sends control sequences to a terminal. */
// eslint-disable-next-line no-control-regex
const plain = (s: string): string => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, '\uFFFD');

export function validateCommand(io: CliIO): Command {
  return new Command('validate')
    .description('Check a bundle folder against the data contract and list every problem, without analyzing it.')
    .argument('<bundle>', 'folder with entities.csv and optionally relations.csv, shipments.csv, places.csv; or a FollowTheMoney .jsonl file')
    .option('--reference <dir>', 'folder with the reference data (sector-keywords.csv is used to check sectors against ISIC codes)', DEFAULT_REFERENCE_DIR)
    .option('--json', 'print the counts and warnings as JSON')
    .action(async (bundleDir: string, flags: { json?: boolean; reference: string }) => {
      const reference = loadReference(flags.reference);
      const bundle = await readInput(bundleDir, { sectorHints: reference.sectorKeywords });
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
