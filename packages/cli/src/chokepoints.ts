import { parseSelector, selectEntities, shipmentMatches, supplyChokepoints, type Analysis, type Selector } from '@chokepoint/engine';
import { watchMatcher, type ReferenceData } from '@chokepoint/flags';
import type { Bundle, Shipment } from '@chokepoint/model';
import type { ReportChokepoints } from '@chokepoint/report';
import { UsageError } from './errors';

export interface ChokepointFlags {
  sources?: string;
  targets?: string;
  goods: string;
  disruptSteps: number;
}

function selector(text: string, option: string): Selector {
  try {
    return parseSelector(text);
  } catch (err) {
    throw new UsageError(`${option}: ${(err as Error).message}`);
  }
}

/**
 * Chooses the goods, sources and targets (defaults: watch-listed goods, their suppliers, the members
 * of clusters near a border) and runs the supply-chokepoint analysis. Null when a set is empty.
 */
export function chokepointsFor(bundle: Bundle, analysis: Analysis, reference: ReferenceData, flags: ChokepointFlags): ReportChokepoints | null {
  const watch = watchMatcher(reference);
  let goods: (s: Shipment) => boolean;
  let goodsWords: string;
  if (flags.goods === 'watchlist') {
    goods = (s) => watch(s) !== undefined;
    goodsWords = 'watch-listed goods';
  } else if (flags.goods === 'all') {
    goods = () => true;
    goodsWords = 'all goods';
  } else {
    const sel = selector(flags.goods, '--goods');
    if (sel.kind === 'where') throw new UsageError('--goods: use watchlist, all, hs:PREFIX, commodity:WORDS or ids:SHIPMENT,IDS');
    goods = (s) => shipmentMatches(s, sel);
    goodsWords = flags.goods;
  }
  const flowing = bundle.shipments.filter(goods);
  const inFlow = { ...bundle, shipments: flowing };
  const sourceIds = flags.sources === undefined ? [...new Set(flowing.map((s) => s.supplier))] : selectEntities(inFlow, selector(flags.sources, '--sources'), 'supplier');
  const sourcesWords = flags.sources ?? `the suppliers of ${goodsWords}`;
  let targetIds: string[];
  let targetsWords: string;
  if (flags.targets === undefined) {
    targetIds = analysis.clusters.filter((c) => c.borderProximate).flatMap((c) => c.members);
    targetsWords = 'the members of clusters near a border crossing';
  } else {
    targetIds = selectEntities(inFlow, selector(flags.targets, '--targets'), 'receiver');
    targetsWords = flags.targets;
  }
  if (sourceIds.length === 0 || targetIds.length === 0) return null;
  const result = supplyChokepoints(bundle, { sources: sourceIds, targets: targetIds, shipments: goods, disruptionSteps: flags.disruptSteps });
  if (result.sources.length === 0 || result.targets.length === 0) return null;
  const names = new Map(bundle.entities.map((e) => [e.id, e.name]));
  return {
    goods: goodsWords,
    sourcesSelection: sourcesWords,
    targetsSelection: targetsWords,
    sources: result.sources,
    targets: result.targets,
    shipments: flowing.map((s) => s.id),
    maxFlow: result.maxFlow,
    dominators: result.dominators,
    partialDominators: result.partialDominators,
    reachableTargets: result.reachableTargets,
    edgeCut: result.edgeCut,
    vertexCut: result.vertexCut,
    disruption: result.disruption.map((d) => ({ id: d.id, name: names.get(d.id)!, remainingFlowShare: d.remainingKgShare, remainingValueShare: d.remainingValueShare, largestComponent: d.largestComponent })),
  };
}
