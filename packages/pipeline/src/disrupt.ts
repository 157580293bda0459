import { supplyChokepoints, type ChokepointResult } from '@chokepoint/engine';
import { convertMoney, valueDate, type FxRate, type FxTable, type Shipment } from '@chokepoint/model';
import { bundleFromReport, type Report } from '@chokepoint/report';
import { PipelineOptionsError } from './errors';

export interface DisruptOptions {
  /** How many entities to remove greedily. */
  steps?: number;
  /** Remove these entities, in this order, instead of choosing. */
  order?: string[];
}

export interface DisruptResult {
  /** Before any removal: kg, and value in `valueCurrency`. */
  maxFlow: { kg: number; value: number };
  valueCurrency: string | null;
  noFlow: ChokepointResult['noFlow'];
  steps: { id: string; name: string; remainingFlowShare: number | null; remainingValueShare: number | null; largestComponent: number; targetsReached: number }[];
  entities: number;
  /** Targets a chain of shipments from a source reaches before any removal. */
  reachableTargets: number;
  goods: string;
  sourcesSelection: string;
  targetsSelection: string;
}

/** The exchange rates a report used, as a table again (so that a re-run compares money exactly as the report did). */
export function ratesOfReport(report: Report): FxTable | null {
  const cv = report.measures.conversion;
  if (cv === null) return null;
  const rates = new Map<string, FxRate[]>();
  for (const r of cv.rates) {
    const list = rates.get(r.currency) ?? [];
    list.push({ date: r.date, perBase: r.perBase, source: r.source });
    rates.set(r.currency, list);
  }
  for (const list of rates.values()) list.sort((a, b) => (a.date < b.date ? -1 : 1));
  return { base: cv.base, source: cv.source, rates };
}

/**
 * The fragility curve of a report's supply chokepoints: removes entities one at a time (the one that cuts most
 * flow first, or the ones given) and says how much of the flow is still deliverable. Uses the report's goods,
 * sources, targets and exchange rates. Shares are null when a measure did not flow to begin with.
 */
export function disruptReport(report: Report, options: DisruptOptions = {}): DisruptResult {
  const cp = report.chokepoints;
  if (cp === null) throw new PipelineOptionsError('the report has no supply-chokepoint sources and targets: analyze the bundle again with sources and targets chosen', 'report');
  const known = new Set(report.entities.map((e) => e.id));
  const unknown = (options.order ?? []).filter((id) => !known.has(id));
  if (unknown.length > 0) throw new PipelineOptionsError(`unknown entity id${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}`, 'order');
  const flowing = new Set(cp.shipments);
  const fx = ratesOfReport(report);
  const groupOf = new Map(report.entities.map((e) => [e.id, e.group]));
  const result = supplyChokepoints(bundleFromReport(report), {
    sources: cp.sources,
    targets: cp.targets,
    shipments: (s) => flowing.has(s.id),
    groupOf: (id) => groupOf.get(id),
    disruptionSteps: options.steps,
    removalOrder: options.order,
    flowCutCandidates: 0,
    ...(fx === null || cp.valueCurrency === null
      ? {}
      : { value: (s: Shipment) => (s.value === undefined || s.currency === undefined ? undefined : convertMoney(fx, s.value, s.currency, valueDate(s))), valueCurrency: fx.base }),
  });
  const names = new Map(report.entities.map((e) => [e.id, e.name]));
  return {
    maxFlow: result.maxFlow,
    valueCurrency: result.valueCurrency,
    noFlow: result.noFlow,
    steps: result.disruption.map((d) => ({ id: d.id, name: names.get(d.id)!, remainingFlowShare: d.remainingKgShare, remainingValueShare: d.remainingValueShare, largestComponent: d.largestComponent, targetsReached: d.targetsReached })),
    entities: report.entities.length,
    reachableTargets: result.reachableTargets,
    goods: cp.goods,
    sourcesSelection: cp.sourcesSelection,
    targetsSelection: cp.targetsSelection,
  };
}
