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

/** Clusters and company groups as the default targets are chosen from them: their members, and whether near a border. */
export interface NearBorder {
  clusters: readonly { borderProximate: boolean; members: readonly string[] }[];
  groups: readonly { borderProximate: boolean; members: readonly string[] }[];
}

/** What a selection chooses: the shipments of the goods, the ids of the sources and of the targets, each in words. */
export interface ChokepointEnds {
  flowing: Shipment[];
  sourceIds: string[];
  targetIds: string[];
  goodsWords: string;
  sourcesWords: string;
  targetsWords: string;
}

/** The entities a selector chooses (selectEntities), its problems (an unknown id, a field no entity has) as the setting's. */
function chosen(inFlow: Bundle, text: string, what: 'sources' | 'targets', role: 'supplier' | 'receiver'): string[] {
  try {
    return selectEntities(inFlow, selector(text, what), role);
  } catch (err) {
    if (err instanceof SelectorError) throw new PipelineOptionsError(err.message, what);
    throw err;
  }
}

/** The sources a selector chooses among the entities of the goods' shipments (`inFlow`), or their suppliers. */
export function sourcesOf(inFlow: Bundle, sources: string | undefined, goodsWords: string): { ids: string[]; words: string } {
  if (sources === undefined) return { ids: [...new Set(inFlow.shipments.map((s) => s.supplier))], words: `the suppliers of ${goodsWords}` };
  return { ids: chosen(inFlow, sources, 'sources', 'supplier'), words: sources };
}

/** The targets a selector chooses among the entities of the goods' shipments, or the members of clusters and groups near a border. */
export function targetsOf(inFlow: Bundle, targets: string | undefined, near: NearBorder): { ids: string[]; words: string } {
  if (targets !== undefined) return { ids: chosen(inFlow, targets, 'targets', 'receiver'), words: targets };
  const ids = new Set<string>();
  for (const c of near.clusters) if (c.borderProximate) for (const m of c.members) ids.add(m);
  for (const g of near.groups) if (g.borderProximate) for (const m of g.members) ids.add(m);
  return { ids: [...ids], words: 'the members of clusters and company groups near a border crossing' };
}

/**
 * The goods, sources and targets a selection chooses in a bundle. Defaults: watch-listed goods, their suppliers, and
 * the members of clusters and company groups near a border (`near`: the analysis', or a report's).
 */
export function chokepointEnds(bundle: Bundle, near: NearBorder, reference: ReferenceData, selection: ChokepointSelection): ChokepointEnds {
  const { pick, words: goodsWords } = goodsOf(reference, selection.goods ?? CHOKEPOINT_SELECTION_DEFAULTS.goods);
  const flowing = bundle.shipments.filter(pick);
  const inFlow = { ...bundle, shipments: flowing };
  const sources = sourcesOf(inFlow, selection.sources, goodsWords);
  const targets = targetsOf(inFlow, selection.targets, near);
  return { flowing, sourceIds: sources.ids, targetIds: targets.ids, goodsWords, sourcesWords: sources.words, targetsWords: targets.words };
}

/**
 * Chooses the goods, sources and targets (chokepointEnds) and runs the supply-chokepoint analysis. A supplier that
 * is also a target stays a source (ReportChokepoints.sourcesAlsoTargets). Money is compared in one currency only:
 * converted with `fx` when given, else the flow's own currency when it has one. Null when no source or no target can
 * be chosen.
 */
export function chokepointsFor(bundle: Bundle, analysis: Analysis, reference: ReferenceData, selection: ChokepointSelection, fx: FxTable | null, onStep?: OnStep): ReportChokepoints | null {
  const { flowing, sourceIds, targetIds, goodsWords, sourcesWords, targetsWords } = chokepointEnds(bundle, analysis, reference, selection);
  // The goods are matched once per shipment (the watch list matches words): the analysis asks the set.
  const inFlowSet = new Set(flowing);
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
