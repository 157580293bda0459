import { Command } from 'commander';
import { readBundle } from '@chokepoint/ingest';
import type { CliIO } from '../io';

export function validateCommand(io: CliIO): Command {
  return new Command('validate')
    .description('Check a bundle folder against the data contract and list every problem, without analyzing it.')
    .argument('<bundle-dir>', 'folder with entities.csv and optionally relations.csv, shipments.csv, places.csv')
    .option('--json', 'print the counts as JSON')
    .action(async (bundleDir: string, flags: { json?: boolean }) => {
      const bundle = await readBundle(bundleDir);
      const counts = {
        bundle: bundle.name,
        entities: bundle.entities.length,
        relations: bundle.relations.length,
        shipments: bundle.shipments.length,
        places: bundle.places.length,
      };
      io.stdout(
        flags.json
          ? `${JSON.stringify({ valid: true, ...counts })}\n`
          : `${bundleDir} is a valid bundle: ${counts.entities} entities, ${counts.relations} relations, ${counts.shipments} shipments, ${counts.places} places.\n`,
      );
    });
}
