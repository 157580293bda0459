import { entityHints, stepsOf, supplyChokepoints, supplyChokepointsIn, type ChokepointOptions, type ChokepointResult } from '@chokepoint/engine';
import type { ReferenceData } from '@chokepoint/flags';
import { convertMoney, valueDate, type FxRate, type FxTable, type Shipment } from '@chokepoint/model';
import { bundleFromReport, shipmentsFromReport, type RecordTable, type Report, type ReportShipment } from '@chokepoint/report';
import { CHOKEPOINT_SELECTION_DEFAULTS, goodsOf, sourcesOf, targetsOf, type ChokepointSelection } from './chokepoints';
import { PipelineOptionsError } from './errors';
import type { PipelineHooks } from './run';

export interface DisruptOptions {
  /** How many entities to remove greedily. */
  steps?: number;
  /** Remove these entities, in this order, instead of choosing. */
  order?: string[];
  /**
   * Other goods, sources or targets than the report's. Each not given stays as the report has it (the sources too,
   * unless the goods change: then the suppliers of the new goods), or, in a report without supply chokepoints, is the
   * default of `runAnalysis`: watch-listed goods, their suppliers, the members of the report's clusters and company
   * groups near a border crossing. Choosing the goods, or a report without them, needs `reference` (the watch list).
   */
  selection?: Omit<ChokepointSelection, 'disruptionSteps'>;
  reference?: ReferenceData;
  /**
   * The report's relations and shipments as a table (a report read without its records, which a large report keeps
   * in a file of their own): the simulation then reads only the shipments of the report's flow, not every record.
   * Not with `selection`, which chooses among all the shipments (read the report with its records for it).
   */
  records?: RecordTable;
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
 * sources, targets and exchange rates, or the goods, sources and targets of `selection`, chosen in the report as
 * `runAnalysis` chooses them in a bundle. Shares are null when a measure did not flow to begin with. `hooks.onProgress`
 * is told each step of the simulation (a report of a million entities takes about a minute).
 */
export function disruptReport(report: Report, options: DisruptOptions = {}, hooks: Pick<PipelineHooks, 'onProgress'> = {}): DisruptResult {
  const chosen = options.selection !== undefined && Object.values(options.selection).some((v) => v !== undefined);
  const cp = report.chokepoints;
  if (cp === null && !chosen) throw new PipelineOptionsError('the report has no supply-chokepoint sources and targets: choose them', 'report');
  const known = new Set(report.entities.map((e) => e.id));
  const unknown = (options.order ?? []).filter((id) => !known.has(id));
  if (unknown.length > 0) throw new PipelineOptionsError(`unknown entity id${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}${entityHints(report.entities, unknown)}`, 'order');
  if (chosen && options.records !== undefined) throw new PipelineOptionsError('choosing the goods, sources or targets needs every shipment of the report: read it with its records', 'records');
  // (a report read without its records and no table of them would look like a network without ties)
  const meta = report.records;
  if (options.records === undefined && meta.stored === 'companion' && meta.relations + meta.shipments > 0 && report.relations.length + report.shipments.length === 0) {
    throw new PipelineOptionsError('the report was read without its records: read them, or give their table', 'records');
  }
  const bundle = options.records === undefined ? bundleFromReport(report) : undefined;
  let ends: { sources: string[]; targets: string[]; shipments: string[]; goods: string; sourcesSelection: string; targetsSelection: string };
  if (chosen) {
    // What is not chosen stays as the report has it (the sources too, unless the goods change), else as runAnalysis
    // chooses it.
    const sel = options.selection!;
    // (chosen: read with its records, made a bundle above)
    const whole = bundle!;
    let shipments: Shipment[];
    let goods: string;
    if (sel.goods === undefined && cp !== null) {
      const theirs = new Set(cp.shipments);
      shipments = whole.shipments.filter((s) => theirs.has(s.id));
      goods = cp.goods;
    } else {
      if (options.reference === undefined) throw new PipelineOptionsError('choosing the goods needs the reference data (the watch list)', 'reference');
      const g = goodsOf(options.reference, sel.goods ?? CHOKEPOINT_SELECTION_DEFAULTS.goods);
      shipments = whole.shipments.filter(g.pick);
      goods = g.words;
    }
    const inFlow = { ...whole, shipments };
    const sources = sel.sources === undefined && sel.goods === undefined && cp !== null ? { ids: cp.sources, words: cp.sourcesSelection } : sourcesOf(inFlow, sel.sources, goods);
    const targets = sel.targets === undefined && cp !== null ? { ids: cp.targets, words: cp.targetsSelection } : targetsOf(inFlow, sel.targets, report);
    if (sources.ids.length === 0) throw new PipelineOptionsError(`no entity is a source: ${sources.words} (of ${goods})`, 'sources');
    if (targets.ids.length === 0) throw new PipelineOptionsError(`no entity is a target: ${targets.words}`, 'targets');
    ends = { sources: sources.ids, targets: targets.ids, shipments: shipments.map((s) => s.id), goods, sourcesSelection: sources.words, targetsSelection: targets.words };
  } else {
    ends = { sources: cp!.sources, targets: cp!.targets, shipments: cp!.shipments, goods: cp!.goods, sourcesSelection: cp!.sourcesSelection, targetsSelection: cp!.targetsSelection };
  }
  // A large network (its records kept apart from the report) takes a while to simulate: said once what was asked is
  // known to make sense (not ahead of a refusal).
  if (meta.stored === 'companion') hooks.onProgress?.('simulating disruption: the network of the flows, then the removals');
  const flowing = new Set(ends.shipments);
  const fx = ratesOfReport(report);
  const groupOf = new Map(report.entities.map((e) => [e.id, e.group]));
  const chokepointOptions: ChokepointOptions = {
    sources: ends.sources,
    targets: ends.targets,
    shipments: (s) => flowing.has(s.id),
    groupOf: (id) => groupOf.get(id),
    disruptionSteps: options.steps,
    removalOrder: options.order,
    flowCutCandidates: 0,
    onStep: stepsOf('simulating disruption', hooks.onProgress),
    ...(fx === null || (!chosen && cp!.valueCurrency === null)
      ? {}
      : { value: (s: Shipment) => (s.value === undefined || s.currency === undefined ? undefined : convertMoney(fx, s.value, s.currency, valueDate(s))), valueCurrency: fx.base }),
  };
  const table = options.records;
  // A table of the records: the ties by their ends, and of the shipments only those of the flow, read from the file.
  const result =
    table === undefined
      ? supplyChokepoints(bundle!, chokepointOptions)
      : supplyChokepointsIn(
          { ids: report.entities.map((e) => e.id), index: table.entityIndex, ends: table, shipments: shipmentsFromReport(table.read(table.shipmentsById(ends.shipments)) as ReportShipment[]) },
          chokepointOptions,
        );
  const names = new Map(report.entities.map((e) => [e.id, e.name]));
  return {
    maxFlow: result.maxFlow,
    valueCurrency: result.valueCurrency,
    noFlow: result.noFlow,
    steps: result.disruption.map((d) => ({ id: d.id, name: names.get(d.id)!, remainingFlowShare: d.remainingKgShare, remainingValueShare: d.remainingValueShare, largestComponent: d.largestComponent, targetsReached: d.targetsReached })),
    entities: report.entities.length,
    reachableTargets: result.reachableTargets,
    goods: ends.goods,
    sourcesSelection: ends.sourcesSelection,
    targetsSelection: ends.targetsSelection,
  };
}
