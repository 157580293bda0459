import { Command, InvalidArgumentError } from 'commander';
import { DEFAULT_REFERENCE_DIR, loadReference } from '@chokepoint/flags';
import { disruptReport, PipelineOptionsError } from '@chokepoint/pipeline';
import { entityIdFor } from '../entity-ids';
import { UsageError } from '../errors';
import { progressReporter, type CliIO } from '../io';
import { readReportAndTies, readReportFor } from '../read-report';

function parseTop(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('expected a whole number of 1 or more.');
  return Number(value);
}

export function disruptCommand(io: CliIO): Command {
  return new Command('disrupt')
    .description(
      'Simulate disruption on a report: remove entities one at a time (the one that cuts most flow first, or the ones you list) and show how much of the flow from the sources to the targets can still be delivered, and how large the biggest connected part of the network stays: the fragility curve.',
    )
    .argument('<report.json>', 'a report written by `chokepoint analyze` (its supply-chokepoint sources, targets and goods are used, unless chosen below)')
    .option('--top <n>', 'how many entities to remove', parseTop, 10)
    .option('--remove <ids>', 'remove these entities, in this order, instead of choosing (comma-separated ids, or names of one entity each)')
    .option('--goods <selection>', "other goods than the report's: watchlist, all, hs:PREFIX or commodity:WORDS (the sources are then their suppliers, unless --sources)")
    .option('--sources <selection>', "other sources than the report's, as for analyze: entity ids a,b (or ids:a,b), hs:PREFIX, commodity:WORDS or where:EXPRESSION such as where:country=GB")
    .option('--targets <selection>', "other targets than the report's; same forms as --sources")
    .option('--reference <dir>', 'folder with the reference data (the watch list, for --goods watchlist)', DEFAULT_REFERENCE_DIR)
    .option('--json', 'print {"reachableTargets", "steps": [{"id", "name", "remainingFlowShare", "largestComponent", "targetsReached", ...}]} in removal order')
    .option('-q, --quiet', 'print no progress on stderr')
    .action(async (path: string, flags: { top: number; remove?: string; json?: boolean; goods?: string; sources?: string; targets?: string; reference: string; quiet?: boolean }) => {
      const progress = progressReporter(io, flags.quiet ?? false);
      const chosen = flags.goods !== undefined || flags.sources !== undefined || flags.targets !== undefined;
      // The report's own flow needs the ends of every tie and the records of the flow's shipments only: a report whose
      // records are in a file of their own is read without them (at a million entities, ten million records as
      // objects took 140 s and 7.6 GB). Other goods, sources or targets are chosen among every shipment.
      const { report, records } = chosen ? { report: readReportFor(path, {}, progress), records: undefined } : await readReportAndTies(path, progress);
      // Ids of the bundle that name matching merged into another entity stand for that entity, said so.
      const order = flags.remove
        ?.split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '')
        .map((id) => entityIdFor(report, id, io, (kept) => `removing ${kept}`));
      let result;
      try {
        const selection = { goods: flags.goods, sources: flags.sources, targets: flags.targets };
        result = disruptReport(report, { steps: flags.top, order, records, ...(chosen ? { selection, reference: loadReference(flags.reference) } : {}) }, { onProgress: progress });
      } catch (err) {
        if (err instanceof PipelineOptionsError) {
          const option = err.setting === 'order' ? '--remove' : err.setting !== undefined && ['goods', 'sources', 'targets', 'reference'].includes(err.setting) ? `--${err.setting}` : undefined;
          throw new UsageError(option !== undefined ? `${option}: ${err.detail}` : `${path}: ${err.detail}${err.setting === 'report' ? ' (--sources, --targets)' : ''}`);
        }
        throw err;
      }
      const { steps } = result;
      if (flags.json) {
        io.stdout(`${JSON.stringify({ valueCurrency: result.valueCurrency, maxFlow: result.maxFlow, noFlow: result.noFlow, reachableTargets: result.reachableTargets, steps })}\n`);
        return;
      }
      const cur = result.valueCurrency;
      const before = [
        result.noFlow.kg === null ? `${result.maxFlow.kg.toLocaleString('en-US')} kg` : null,
        result.noFlow.value === null && cur !== null ? `${cur} ${Math.round(result.maxFlow.value).toLocaleString('en-US')} in value` : null,
      ].filter((x) => x !== null);
      const lines = [
        `Fragility curve for ${result.goods} from ${result.sourcesSelection} to ${result.targetsSelection}`,
        before.length === 0
          ? steps.length === 0
            ? `(nothing can flow before any removal: ${result.noFlow.kg ?? result.noFlow.value}; the network has ${result.entities.toLocaleString('en-US')} entities)`
            : `(no mass and no value can flow: ${result.noFlow.kg}; ${result.noFlow.value}; the removals follow the shipments they cut, and the curve counts the targets still reached; the network has ${result.entities.toLocaleString('en-US')} entities)`
          : `(${before.join(' and ')} can flow before any removal; the network has ${result.entities.toLocaleString('en-US')} entities)`,
      ];
      if (result.noFlow.kg !== null && before.length > 0) lines.push(`(no mass can flow: ${result.noFlow.kg}; the curve follows the value)`);
      const share = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
      const reached = `targets reached (of ${result.reachableTargets.toLocaleString('en-US')})`;
      lines.push('', `step  removed                                         kg left  ${`value left${cur === null ? '' : ` (${cur})`}`.padStart(16)}  ${reached}  largest connected part`);
      steps.forEach((s, i) => {
        const label = `${s.name} (${s.id})`.replace(/[\u0000-\u001f\u007f-\u009f]/g, '\uFFFD');
        lines.push(`${String(i + 1).padStart(4)}  ${label.padEnd(46).slice(0, 46)}  ${share(s.remainingFlowShare).padStart(7)}  ${share(s.remainingValueShare).padStart(16)}  ${s.targetsReached.toLocaleString('en-US').padStart(reached.length)}  ${s.largestComponent.toLocaleString('en-US').padStart(22)}`);
      });
      if (steps.length < (order?.length ?? flags.top)) lines.push('', steps.length === 0 ? 'Nothing flows: there is nothing to disrupt.' : 'Nothing flows any more: the simulation stops.');
      lines.push('', 'A model of the data, not of the world: indicators for review, not predictions.');
      io.stdout(`${lines.join('\n')}\n`);
    });
}
