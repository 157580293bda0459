import { fold } from '@chokepoint/model/text';
import type { Report } from '@chokepoint/report';
import { reportEntityId } from '@chokepoint/report/paths';
import type { CliIO } from './io';
import { terminalSafe } from './terminal';

/**
 * The id a report knows an entity by, for an id a person typed: an id of the bundle that name matching merged into
 * another entity stands for that entity, said on stderr with what is done with it (`the paths are of …`, `removing
 * …`), and so does the name of exactly one entity. Any other id is returned as it is (the command refuses an unknown
 * one with its own message, naming the entities it may mean).
 */
export function entityIdFor(report: Pick<Report, 'entities' | 'resolution'>, id: string, io: CliIO, done: (id: string) => string): string {
  const known = reportEntityId(report, id);
  if (known === undefined) {
    // A name where an id goes (`"Boutique Sani Portables"`, as people write): the one entity of that name, any case or
    // accents, said on stderr. Several of one name, or none, are left to the command's error, which names them.
    const named = entitiesNamed(report, id);
    if (named.length !== 1) return id;
    io.stderr(`chokepoint: ${terminalSafe(JSON.stringify(id))} is the name of ${terminalSafe(named[0])}, not an id: ${done(terminalSafe(named[0]))}\n`);
    return named[0];
  }
  if (known.mergedFrom === undefined) return id;
  io.stderr(`chokepoint: ${terminalSafe(id)} was merged into ${terminalSafe(known.id)} as a name variant (resolution in the report): ${done(terminalSafe(known.id))}\n`);
  return known.id;
}

/** The ids of the entities whose name is `text`, without regard to case, accents, punctuation or spaces (`A.Ş.`, `AS`). */
function entitiesNamed(report: Pick<Report, 'entities'>, text: string): string[] {
  const keyOf = (name: string) => fold(name).replace(/ /g, '');
  const key = keyOf(text);
  return key === '' ? [] : report.entities.filter((e) => keyOf(e.name) === key).map((e) => e.id);
}
