import type { Report } from '@chokepoint/report';
import { reportEntityId } from '@chokepoint/report/paths';
import type { CliIO } from './io';
import { terminalSafe } from './terminal';

/**
 * The id a report knows an entity by, for an id a person typed: an id of the bundle that name matching merged into
 * another entity stands for that entity, said on stderr with what is done with it (`the paths are of …`, `removing
 * …`). Any other id is returned as it is (the command refuses an unknown one with its own message).
 */
export function entityIdFor(report: Pick<Report, 'entities' | 'resolution'>, id: string, io: CliIO, done: (id: string) => string): string {
  const known = reportEntityId(report, id);
  if (known?.mergedFrom === undefined) return id;
  io.stderr(`chokepoint: ${terminalSafe(id)} was merged into ${terminalSafe(known.id)} as a name variant (resolution in the report): ${done(terminalSafe(known.id))}\n`);
  return known.id;
}
