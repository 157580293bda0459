import { Command, InvalidArgumentError } from 'commander';
import { supplyChokepoints } from '@chokepoint/engine';
import { bundleFromReport, readReport } from '@chokepoint/report';
import { UsageError } from '../errors';
import type { CliIO } from '../io';

function parseTop(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('expected a whole number of 1 or more.');
  return Number(value);
}

export function disruptCommand(io: CliIO): Command {
  return new Command('disrupt')
    .description(
      'Simulate disruption on a report: remove entities one at a time (the one that cuts most flow first, or the ones you list) and show how much of the flow from the sources to the targets can still be delivered, and how large the biggest connected part of the network stays: the fragility curve.',
    )
    .argument('<report.json>', 'a report written by `chokepoint analyze` (its supply-chokepoint sources, targets and goods are used)')
    .option('--top <n>', 'how many entities to remove', parseTop, 10)
    .option('--remove <ids>', 'remove these entities, in this order, instead of choosing (comma-separated ids)')
    .option('--json', 'print {"steps": [{"id", "name", "remainingFlowShare", "largestComponent", ...}]} in removal order')
    .action((path: string, flags: { top: number; remove?: string; json?: boolean }) => {
      const report = readReport(path);
      const cp = report.chokepoints;
      if (cp === null) {
        throw new UsageError(`${path} has no supply-chokepoint sources and targets: run analyze with --sources and --targets`);
      }
      const order = flags.remove?.split(',').map((s) => s.trim()).filter((s) => s !== '');
      const known = new Set(report.entities.map((e) => e.id));
      const unknown = (order ?? []).filter((id) => !known.has(id));
      if (unknown.length > 0) throw new UsageError(`--remove: unknown entity id${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}`);
      const flowing = new Set(cp.shipments);
      const result = supplyChokepoints(bundleFromReport(report), {
        sources: cp.sources,
        targets: cp.targets,
        shipments: (s) => flowing.has(s.id),
        disruptionSteps: flags.top,
        removalOrder: order,
      });
      const names = new Map(report.entities.map((e) => [e.id, e.name]));
      const steps = result.disruption.map((d) => ({ id: d.id, name: names.get(d.id)!, remainingFlowShare: d.remainingKgShare, remainingValueShare: d.remainingValueShare, largestComponent: d.largestComponent }));
      if (flags.json) {
        io.stdout(`${JSON.stringify({ steps })}\n`);
        return;
      }
      const lines = [
        `Fragility curve for ${cp.goods} from ${cp.sourcesSelection} to ${cp.targetsSelection}`,
        `(${result.maxFlow.kg.toLocaleString('en-US')} kg and ${result.maxFlow.value.toLocaleString('en-US')} in value can flow before any removal; the network has ${report.entities.length.toLocaleString('en-US')} entities)`,
        '',
        'step  removed                                         kg left  value left  largest connected part',
      ];
      steps.forEach((s, i) => {
        const label = `${s.name} (${s.id})`.replace(/[\u0000-\u001f\u007f-\u009f]/g, '\uFFFD');
        lines.push(`${String(i + 1).padStart(4)}  ${label.padEnd(46).slice(0, 46)}  ${`${(s.remainingFlowShare * 100).toFixed(1)}%`.padStart(7)}  ${`${(s.remainingValueShare * 100).toFixed(1)}%`.padStart(10)}  ${s.largestComponent.toLocaleString('en-US').padStart(22)}`);
      });
      if (steps.length < (order?.length ?? flags.top)) lines.push('', 'Nothing flows any more: the simulation stops.');
      lines.push('', 'A model of the data, not of the world: indicators for review, not predictions.');
      io.stdout(`${lines.join('\n')}\n`);
    });
}
