import {
  analyzeAsync,
  controlChains,
  rankKeyNodesOf,
  ANALYZE_DEFAULTS,
  FLAG_SEVERITY_WEIGHTS,
  controlDiscount,
  type Analysis,
  type ExternalResults,
  type FlagTally,
  type KeyNode,
} from '@chokepoint/engine';
import { evaluateFlags, extendReference, EMPTY_CONFIG, type FlagsResult, type ReferenceData, type RulesConfig } from '@chokepoint/flags';
import { rateFor, totalsByCurrency, valueDate, weighVolumes, withShipmentTies, type Bundle, type FxRate, type FxTable } from '@chokepoint/model';
import {
  assertReport,
  buildReport,
  NO_GEOCODING,
  NO_RESOLUTION,
  type Report,
  type ReportChokepoints,
  type ReportController,
  type ReportGeocoding,
  type ReportMeasures,
  type ReportResolution,
} from '@chokepoint/report';
import { geocode, resolveEntities } from '@chokepoint/resolve';
import { chokepointsFor, type ChokepointSelection } from './chokepoints';
import type { MeasuresData } from './measures-data';
import { canonicalOrder } from './order';

export interface PipelineOptions {
  /** Seed of every random choice: the same input and seed give a byte-identical report. */
  seed?: number;
  radiusKm?: number;
  topKeyNodes?: number;
  /** Merge name variants of the same entity before the analysis (default true). */
  resolve?: boolean;
  /** Give coordinates to entities that have only a city and a country (default true). */
  geocode?: boolean;
  betweenness?: 'auto' | 'exact' | { epsilon: number; delta?: number };
  threads?: number;
  rules?: RulesConfig;
  reference: ReferenceData;
  measures: MeasuresData;
  chokepoints?: ChokepointSelection;
  /** Communities and betweenness computed elsewhere (Neo4j GDS), given the bundle as it will be analysed. */
  external?: (bundle: Bundle) => Promise<ExternalResults>;
  /** For the report's parameters: whether bad rows were skipped, and the rules file's name. */
  lenient?: boolean;
  rulesFile?: string;
  toolVersion: string;
}

export interface PipelineHooks {
  /** A stage starts, or moves on: words for a person, with how far along when known. */
  onProgress?: (message: string) => void;
}

/** The analysis, step by step, for callers that want the parts as well as the report. */
export interface PipelineResult {
  report: Report;
  bundle: Bundle;
  analysis: Analysis;
  flags: FlagsResult;
  keyNodes: KeyNode[];
}

export interface PreparedBundle {
  bundle: Bundle;
  resolution: ReportResolution;
  geocoding: ReportGeocoding;
}

/**
 * The bundle as the analysis sees it: in canonical order, name variants merged, cities geocoded, the ties
 * shipments imply added, volumes weighed with densities. Pure.
 */
export function prepareBundle(input: Bundle, options: Pick<PipelineOptions, 'resolve' | 'geocode' | 'measures'>, hooks: PipelineHooks = {}): PreparedBundle {
  const progress = hooks.onProgress ?? (() => undefined);
  let bundle = canonicalOrder(input);
  let resolution: ReportResolution = NO_RESOLUTION;
  if (options.resolve ?? true) {
    progress('resolving name variants');
    const r = resolveEntities(bundle);
    bundle = r.bundle;
    resolution = { enabled: true, merges: r.merges, possible: r.possible, aliases: r.aliases, dropped: r.dropped };
    if (r.merges.length > 0) progress(`merged ${r.merges.reduce((n, m) => n + m.merged.length, 0)} name variants into ${r.merges.length} entities`);
  }
  let geocoding: ReportGeocoding = NO_GEOCODING;
  if (options.geocode ?? true) {
    progress('geocoding cities without coordinates');
    const g = geocode(bundle);
    bundle = g.bundle;
    geocoding = { enabled: true, geocoded: g.geocoded, ambiguous: g.ambiguous, unknown: g.unknown };
  }
  bundle = weighVolumes(withShipmentTies(bundle), options.measures.densities);
  return { bundle, resolution, geocoding };
}

/**
 * The whole analysis, as every caller runs it (the CLI, `disrupt`, the Neo4j path, the benchmarks and the tests):
 * canonical order, name resolution, geocoding, the ties shipments imply, weighing volumes, the network analysis,
 * red flags, supply chokepoints, control and key nodes, money per currency, and the report (checked against its
 * schema). Prints nothing; progress goes to `hooks.onProgress`.
 */
export async function runAnalysis(input: Bundle, options: PipelineOptions, hooks: PipelineHooks = {}): Promise<PipelineResult> {
  const progress = hooks.onProgress ?? (() => undefined);
  const rules = options.rules ?? EMPTY_CONFIG;
  const { bundle, resolution, geocoding } = prepareBundle(input, options, hooks);

  const external = options.external === undefined ? undefined : await options.external(bundle);

  const analysis = await analyzeAsync(bundle, {
    external,
    threads: options.threads,
    betweenness: options.betweenness ?? 'auto',
    seed: options.seed ?? ANALYZE_DEFAULTS.seed,
    radiusKm: options.radiusKm ?? ANALYZE_DEFAULTS.radiusKm,
    topKeyNodes: options.topKeyNodes ?? ANALYZE_DEFAULTS.topKeyNodes,
    onProgress: progress,
  });

  progress('evaluating red-flag rules');
  const flags = evaluateFlags(bundle, analysis, options.reference, rules);

  progress('finding supply chokepoints and simulating disruption');
  const chokepoints: ReportChokepoints | null = chokepointsFor(bundle, analysis, extendReference(options.reference, rules), options.chokepoints ?? {}, options.measures.fx);

  progress('ranking key individuals and businesses');
  const tally = new Map<string, FlagTally>();
  for (const f of flags.flags) {
    for (const id of f.entities) {
      const t = tally.get(id) ?? { high: 0, medium: 0, low: 0 };
      t[f.severity]++;
      tally.set(id, t);
    }
  }
  const names = new Map(bundle.entities.map((e) => [e.id, e.name]));
  const controlled = controlChains(bundle);
  const keyNodes = rankKeyNodesOf(analysis, bundle, {
    names,
    controlled,
    flags: tally,
    flowCut:
      chokepoints === null || chokepoints.flowCut === null
        ? undefined
        : {
            lost: new Map(chokepoints.flowCut.entities.map((c) => [c.id, { share: c.share, amount: c.amount }])),
            total: chokepoints.flowCut.total,
            format: amountFormat(chokepoints.flowCut.measure, chokepoints.valueCurrency),
            goods: chokepoints.goods,
          },
    top: options.topKeyNodes ?? ANALYZE_DEFAULTS.topKeyNodes,
  });
  const controllers = controllersOf(bundle, analysis, controlled, tally, keyNodes);

  const report = assertReport(
    buildReport(
      bundle,
      analysis,
      flags,
      { toolVersion: options.toolVersion, lenient: options.lenient ?? false, rulesFile: options.rulesFile },
      { chokepoints, resolution, geocoding, keyNodes, controllers, measures: measuresOf(bundle, options.measures) },
    ),
  );
  return { report, bundle, analysis, flags, keyNodes };
}

/** How an amount of a flow measure reads in words: "12,000 kg", "EUR 40,000", "12 shipments". */
export function amountFormat(measure: 'kg' | 'value' | 'shipments', currency: string | null): (amount: number) => string {
  const n = (x: number) => Math.round(x).toLocaleString('en-US');
  if (measure === 'kg') return (x) => `${n(x)} kg`;
  if (measure === 'value') return (x) => `${currency ?? ''} ${n(x)}`.trim();
  return (x) => `${n(x)} ${Math.round(x) === 1 ? 'shipment' : 'shipments'}`;
}

/** The people and companies behind the flags: for each controller of flagged companies, what it controls. */
function controllersOf(
  bundle: Bundle,
  analysis: Analysis,
  controlled: ReturnType<typeof controlChains>,
  tally: ReadonlyMap<string, FlagTally>,
  keyNodes: KeyNode[],
): ReportController[] {
  const byId = new Map(bundle.entities.map((e) => [e.id, e]));
  const groupOf = new Map(analysis.entities.map((e) => [e.id, e.group]));
  const rank = new Map(keyNodes.map((k) => [k.id, k.rank]));
  const weightOf = (t: FlagTally) => t.high * FLAG_SEVERITY_WEIGHTS.high + t.medium * FLAG_SEVERITY_WEIGHTS.medium + t.low * FLAG_SEVERITY_WEIGHTS.low;
  const out: ReportController[] = [];
  for (const [id, list] of controlled) {
    const companies = list.filter((c) => tally.has(c.id));
    if (companies.length === 0) continue;
    const flags = { high: 0, medium: 0, low: 0 };
    let weight = 0;
    for (const c of companies) {
      const t = tally.get(c.id)!;
      flags.high += t.high;
      flags.medium += t.medium;
      flags.low += t.low;
      weight += weightOf(t) * controlDiscount(c);
    }
    const e = byId.get(id)!;
    out.push({
      id,
      name: e.name,
      kind: e.kind,
      ...(e.country === undefined ? {} : { country: e.country }),
      group: groupOf.get(id) ?? 0,
      weight,
      flags,
      companies: companies
        .map((c) => {
          const t = tally.get(c.id)!;
          return { id: c.id, name: byId.get(c.id)!.name, flags: t.high + t.medium + t.low, path: c.path, throughFamily: c.throughFamily };
        })
        .sort((a, b) => b.flags - a.flags || (a.id < b.id ? -1 : 1)),
      keyNodeRank: rank.get(id) ?? null,
    });
  }
  return out.sort((a, b) => b.weight - a.weight || (a.id < b.id ? -1 : 1));
}

/** Money per currency, the conversion used (with the rates), and quantities by unit. */
function measuresOf(bundle: Bundle, measures: MeasuresData): ReportMeasures {
  const totals = totalsByCurrency(bundle.shipments).map((t) => ({ currency: t.currency, amount: t.amount, shipments: t.count }));
  const withoutValue = bundle.shipments.filter((s) => s.value === undefined || s.currency === undefined).length;
  let conversion: ReportMeasures['conversion'] = null;
  const fx: FxTable | null = measures.fx;
  if (fx !== null) {
    const missing = new Map<string, number>();
    const used = new Map<string, FxRate>();
    let firstShip: string | undefined;
    let lastShip: string | undefined;
    for (const s of bundle.shipments) {
      if (s.value === undefined || s.currency === undefined) continue;
      const date = valueDate(s);
      const rate = rateFor(fx, s.currency, date);
      if (rate === undefined) {
        missing.set(s.currency, (missing.get(s.currency) ?? 0) + 1);
        continue;
      }
      if (s.currency !== fx.base) used.set(`${s.currency}\u0000${rate.date}`, rate);
      if (date !== undefined) {
        if (firstShip === undefined || date < firstShip) firstShip = date;
        if (lastShip === undefined || date > lastShip) lastShip = date;
      }
    }
    const dates = [...used.values()].map((r) => r.date).sort();
    const usedSources = [...new Set([...used.values()].map((r) => r.source ?? fx.source))].sort();
    conversion = {
      base: fx.base,
      source: usedSources.length > 0 ? usedSources.join('; ') : fx.source,
      file: measures.fxFile ?? '',
      rateDates: dates.length === 0 ? null : [dates[0], dates[dates.length - 1]],
      shipmentDates: firstShip === undefined ? null : [firstShip, lastShip!],
      rates: [...used].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([key, r]) => ({ currency: key.split('\u0000')[0], date: r.date, perBase: r.perBase, source: r.source ?? fx.source })),
      currenciesWithoutRate: [...missing].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([currency, shipments]) => ({ currency, shipments })),
    };
  }
  const byUnit = new Map<string, { shipments: number; weighed: number }>();
  let weighedByDensity = 0;
  let unweighed = 0;
  for (const s of bundle.shipments) {
    const unit = s.quantity === undefined ? 'none' : (s.unit ?? 'none');
    const u = byUnit.get(unit) ?? { shipments: 0, weighed: 0 };
    u.shipments++;
    if (s.quantityKg !== undefined) u.weighed++;
    else unweighed++;
    if (s.kgBasis !== undefined) weighedByDensity++;
    byUnit.set(unit, u);
  }
  return {
    totals,
    withoutValue,
    conversion,
    quantities: {
      byUnit: [...byUnit].sort((a, b) => b[1].shipments - a[1].shipments || (a[0] < b[0] ? -1 : 1)).map(([unit, u]) => ({ unit, ...u })),
      weighedByDensity,
      unweighed,
    },
  };
}
