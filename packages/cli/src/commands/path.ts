import { Command, InvalidArgumentError } from 'commander';
import { DEFAULT_MAX_PATHS, PATH_TIE_KINDS, pathNetwork, shortestPaths, tieWords, waypointWords } from '@chokepoint/report/paths';
import { entityIdFor } from '../entity-ids';
import { progressReporter, type CliIO } from '../io';
import { parsePositiveInteger } from '../options';
import { terminalSafe } from '../terminal';
import { readReportAndTies } from '../read-report';

function parseKinds(value: string): string[] {
  const kinds = value.split(',').map((k) => k.trim()).filter((k) => k !== '');
  const unknown = kinds.filter((k) => !(PATH_TIE_KINDS as readonly string[]).includes(k));
  if (kinds.length === 0 || unknown.length > 0) throw new InvalidArgumentError(`expected tie kinds among ${PATH_TIE_KINDS.join(', ')}${unknown.length > 0 ? `; not ${unknown.join(', ')}` : ''}.`);
  return kinds;
}

export function pathCommand(io: CliIO): Command {
  return new Command('path')
    .description(
      'The shortest paths between two entities of a report: every chain of the fewest ties (in either direction), the ties each step uses, and the key nodes, articulation points and supply chokepoints on the way. The same paths the viewer shows.',
    )
    .argument('<report.json>', 'a report written by `chokepoint analyze`')
    .argument('<from>', 'the id of the entity to start from (or its name, when one entity has it)')
    .argument('<to>', 'the id of the entity to reach (or its name)')
    .option('--max <n>', 'list at most this many paths', parsePositiveInteger, DEFAULT_MAX_PATHS)
    .option('--kinds <list>', `follow only these tie kinds (comma-separated: ${PATH_TIE_KINDS.join(', ')})`, parseKinds)
    .option('--json', 'print {"from", "to", "length", "total", "truncated", "paths": [{"entities", "steps", "waypoints"}]}')
    .option('-q, --quiet', 'print no progress on stderr')
    .action(async (path: string, from: string, to: string, flags: { max: number; kinds?: string[]; json?: boolean; quiet?: boolean }) => {
      const progress = progressReporter(io, flags.quiet ?? false);
      // A report whose records are in a file of their own: the ends of its ties read from it, and only the records
      // of the ties on the paths found (reading every record took 95 s and 7.6 GB at a million entities).
      // (a large report's ties are read in a second thread while the report itself is)
      const { report, records } = await readReportAndTies(path, progress);
      // An id of the bundle that name matching merged into another entity: that entity, said so.
      [from, to] = [from, to].map((id) => entityIdFor(report, id, io, (kept) => `the paths are of ${kept}`));
      const result = shortestPaths(pathNetwork(report, records), from, to, { max: flags.max, kinds: flags.kinds });
      if (flags.json) {
        io.stdout(`${JSON.stringify(result)}\n`);
        return;
      }
      const byId = new Map(report.entities.map((e) => [e.id, e.name]));
      const nameOf = (id: string) => byId.get(id) ?? id;
      const label = (id: string) => `${nameOf(id)} (${id})`;
      const lines: string[] = [];
      const kinds = flags.kinds === undefined ? 'all tie kinds' : `tie kinds ${result.kinds.join(', ')}`;
      if (result.length === null) {
        lines.push(`No path from ${label(from)} to ${label(to)} along ${kinds}: they are not connected in this report.`);
      } else if (result.length === 0) {
        lines.push(`${label(from)} is the entity itself: a path of no ties.`);
      } else {
        const count = result.total === 1 ? 'The shortest path' : `${result.total.toLocaleString('en-US')} shortest paths`;
        lines.push(`${count} from ${label(from)} to ${label(to)}: ${result.length} tie${result.length === 1 ? '' : 's'} ${result.total === 1 ? '' : 'each '}(${kinds}).`);
        if (result.truncated) lines.push(`The first ${result.paths.length} are listed (--max to list more).`);
        result.paths.forEach((p, i) => {
          lines.push('', `Path ${i + 1}: ${p.entities.map(nameOf).join(' → ')}`);
          for (const step of p.steps) lines.push(`  ${nameOf(step.from)} — ${nameOf(step.to)}: ${step.ties.map((t) => tieWords(t, nameOf)).join('; ')}`);
          if (p.waypoints.length > 0) lines.push(`  passes through: ${p.waypoints.map((w) => `${label(w.id)}: ${waypointWords(w)}`).join('; ')}`);
        });
      }
      lines.push('', 'A path is a chain of recorded ties, not evidence of wrongdoing: indicators for review.');
      io.stdout(`${terminalSafe(lines.join('\n'))}\n`);
    });
}
