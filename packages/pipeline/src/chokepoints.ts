import { parseSelector, selectEntities, shipmentMatches, supplyChokepoints, SelectorError, type Analysis, type OnStep, type Selector } from '@chokepoint/engine';
import { watchMatcher, type ReferenceData } from '@chokepoint/flags';
import { convertMoney, valueDate, type Bundle, type FxTable, type Shipment } from '@chokepoint/model';
import type { ReportChokepoints } from '@chokepoint/report';
import { PipelineOptionsError } from './errors';
import { entityLookup } from './lookup';

/** What the supply-chokepoint analysis looks at: the goods, where they come from, where they go. */
export interface ChokepointSelection {
  /** 'watchlist' (default), 'all', or a selector: hs:PREFIX, commodity:WORDS, ids:SHIPMENT,IDS. */
  goods?: string;
  /** A selector of entities (default: the suppliers of the goods). */
  sources?: string;
  /** A selector of entities (default: members of clusters and company groups near a border crossing). */
  targets?: string;
  /** Greedy removals in the disruption simulation. */
  disruptionSteps?: number;
}

export const CHOKEPOINT_SELECTION_DEFAULTS = { goods: 'watchlist', disruptionSteps: 10 } as const;

function selector(text: string, what: string): Selector {
  try {
    return parseSelector(text);
  } catch (err) {
    if (err instanceof SelectorError) throw new PipelineOptionsError(err.message, what);
    throw err;
  }
}

/** Which shipments carry the goods, and the goods in words. */
export function goodsOf(reference: ReferenceData, goods: string): { pick: (s: Shipment) => boolean; words: string } {
  if (goods === 'watchlist') {
    const watch = watchMatcher(reference);
    return { pick: (s) => watch(s) !== undefined, words: 'watch-listed goods' };
  }
  if (goods === 'all') return { pick: () => true, words: 'all goods' };
  const sel = selector(goods, 'goods');
  if (sel.kind === 'where') throw new PipelineOptionsError('use watchlist, all, hs:PREFIX, commodity:WORDS or ids:SHIPMENT,IDS', 'goods');
  return { pick: (s) => shipmentMatches(s, sel), words: goods };
}

/**
 * Chooses the goods, sources and targets and runs the supply-chokepoint analysis. Defaults: watch-listed goods,
 * their suppliers, and the members of clusters and company groups near a border. A supplier that is also a target
 * stays a source (ReportChokepoints.sourcesAlsoTargets). Money is compared in one currency only: converted with
 * `fx` when given, else the flow's own currency when it has one. Null when no source or no target can be chosen.
 */
export function chokepointsFor(bundle: Bundle, analysis: Analysis, reference: ReferenceData, selection: ChokepointSelection, fx: FxTable | null, onStep?: OnStep): ReportChokepoints | null {
  const { pick, words: goodsWords } = goodsOf(reference, selection.goods ?? CHOKEPOINT_SELECTION_DEFAULTS.goods);
  const flowing = bundle.shipments.filter(pick);
  // The goods are matched once per shipment (the watch list matches words): the analysis asks the set.
  const inFlowSet = new Set(flowing);
  const inFlow = { ...bundle, shipments: flowing };
  const sourceIds = selection.sources === undefined ? [...new Set(flowing.map((s) => s.supplier))] : selectEntities(inFlow, selector(selection.sources, 'sources'), 'supplier');
  const sourcesWords = selection.sources ?? `the suppliers of ${goodsWords}`;
  let targetIds: string[];
  let targetsWords: string;
  if (selection.targets === undefined) {
    const near = new Set<string>();
    for (const c of analysis.clusters) if (c.borderProximate) for (const m of c.members) near.add(m);
    for (const g of analysis.groups) if (g.borderProximate) for (const m of g.members) near.add(m);
    targetIds = [...near];
    targetsWords = 'the members of clusters and company groups near a border crossing';
  } else {
    targetIds = selectEntities(inFlow, selector(selection.targets, 'targets'), 'receiver');
    targetsWords = selection.targets;
  }
  if (sourceIds.length === 0 || targetIds.length === 0) return null;
  // Groups and names by the engine's index of the bundle (no map of a million ids for the few asked).
  const lookup = entityLookup(bundle, analysis);
  const result = supplyChokepoints(bundle, {
    sources: sourceIds,
    targets: targetIds,
    shipments: (s) => inFlowSet.has(s),
    disruptionSteps: selection.disruptionSteps ?? CHOKEPOINT_SELECTION_DEFAULTS.disruptionSteps,
    groupOf: (id) => lookup.group(id),
    onStep,
    ...(fx === null
      ? {}
      : {
          value: (s: Shipment) => (s.value === undefined || s.currency === undefined ? undefined : convertMoney(fx, s.value, s.currency, valueDate(s))),
          valueCurrency: fx.base,
        }),
  });
  if (result.sources.length === 0 || result.targets.length === 0) return null;
  return {
    goods: goodsWords,
    sourcesSelection: sourcesWords,
    targetsSelection: targetsWords,
    sources: result.sources,
    targets: result.targets,
    sourcesAlsoTargets: result.sourcesAlsoTargets,
    shipments: flowing.map((s) => s.id),
    insideGroups: result.insideGroups,
    unweighed: result.unweighed,
    unvalued: result.unvalued,
    valueCurrency: result.valueCurrency,
    maxFlow: result.maxFlow,
    noFlow: result.noFlow,
    flowCut: result.flowCut,
    dominators: result.dominators,
    partialDominators: result.partialDominators,
    reachableTargets: result.reachableTargets,
    edgeCut: result.edgeCut,
    vertexCut: result.vertexCut,
    disruption: result.disruption.map((d) => ({ id: d.id, name: lookup.entity(d.id)!.name, remainingFlowShare: d.remainingKgShare, remainingValueShare: d.remainingValueShare, largestComponent: d.largestComponent, targetsReached: d.targetsReached })),
  };
}
