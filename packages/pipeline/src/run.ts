import {
  startAnalysis,
  brokerageInBackground,
  controlChains,
  checkedIfValid,
  forgetCheckedBundle,
  rankKeyNodesOf,
  pathsToListed,
  ANALYZE_DEFAULTS,
  LISTED_PATH_DEFAULTS,
  FLAG_SEVERITY_WEIGHTS,
  controlDiscount,
  countWords,
  largestBy,
  stepsOf,
  type Analysis,
  type AnalysisInProgress,
  type BrokerageOfCase,
  type OnStep,
  type StepCount,
  type ExternalResults,
  type FlagTally,
  type KeyNode,
  type ListedPath,
} from '@chokepoint/engine';
import {
  evaluateFlags,
  extendReference,
  reviewQueue,
  watchMatcher,
  EMPTY_CONFIG,
  type FlagsResult,
  type ListedMatch,
  type ListedPartyDistance,
  type ReferenceData,
  type RulesConfig,
} from '@chokepoint/flags';
import { rateFor, totalsByCurrency, valueDate, weighVolumes, withShipmentTies, type Bundle, type FxRate, type FxTable } from '@chokepoint/model';
import {
  assertReport,
  buildReport,
  NO_GEOCODING,
  NO_RESOLUTION,
  type Report,
  type ReportChokepoints,
  type ReportController,
  CONTROLLED_NAMED,
  type ReportGeocoding,
  type ReportMeasures,
  type ReportResolution,
  type ReportScreening,
} from '@chokepoint/report';
import { screenEntities, type ScreeningList, type ScreeningOptions, type ScreeningResult } from '@chokepoint/screening';
import { geocode, resolveEntities, type Judgement } from '@chokepoint/resolve';
import { chokepointsFor, type ChokepointSelection } from './chokepoints';
import type { MeasuresData } from './measures-data';
import { entityLookup } from './lookup';
import { canonicalOrder } from './order';
import { matchesFor, type EarlyMatches, type Matching } from './matching';

export interface PipelineOptions {
  /** Seed of every random choice: the same input and seed give a byte-identical report. */
  seed?: number;
  radiusKm?: number;
  topKeyNodes?: number;
  /** Merge name variants of the same entity before the analysis (default true). */
  resolve?: boolean;
  /**
   * A person's judgements on pairs of records (a case file's): applied when name variants are merged (see
   * ResolveOptions.judgements); the report's `resolution.judged` says how.
   */
  judgements?: readonly Judgement[];
  /**
   * Name matching started while the bundle was read (matchInBackground, from ReadBundleOptions.onEntities): used
   * when it matched these very entities, else the names are matched here. Either way the report is the same.
   */
  matching?: Matching;
  /** Give coordinates to entities that have only a city and a country (default true). */
  geocode?: boolean;
  betweenness?: 'auto' | 'exact' | { epsilon: number; delta?: number };
  threads?: number;
  /**
   * Whether Louvain runs in a worker thread while the red-flag rules are evaluated (default: on large networks with a
   * second core; see the engine's louvainInWorker). The report is the same either way.
   */
  clustersInWorker?: boolean;
  /**
   * Whether the key-node ranking's brokerage is counted in a worker thread while the supply chokepoints are found
   * (default: on large networks with a second core; see the engine's brokerageInBackground). The report is the same.
   */
  brokerageInWorker?: boolean;
  rules?: RulesConfig;
  reference: ReferenceData;
  measures: MeasuresData;
  chokepoints?: ChokepointSelection;
  /** Communities and betweenness computed elsewhere (Neo4j GDS), given the bundle as it will be analysed. */
  external?: (bundle: Bundle) => Promise<ExternalResults>;
  /**
   * Lists of listed parties to screen every entity against (readScreeningList reads one), with the matching
   * thresholds and how many ties the paths to a listed party may have. The report gets a `screening` section.
   */
  screening?: { lists: ScreeningList[]; options?: ScreeningOptions; maxHops?: number };
  /** For the report's parameters: whether bad rows were skipped, and the rules file's name. */
  lenient?: boolean;
  rulesFile?: string;
  toolVersion: string;
  /**
   * Optional, from screening: each entity's distance to the nearest listed party, keyed by the ids of the bundle as
   * analysed (after name variants are merged). The review queue weighs it; entities absent have none near.
   */
  listedParties?: (bundle: Bundle, analysis: Analysis) => ReadonlyMap<string, ListedPartyDistance>;
}

export interface PipelineHooks {
  /**
   * A stage starts (no step), or a long stage has moved on (`step`: how far along it is, and the words say it too,
   * such as "evaluating red-flag rules: 7 of 18 rules done"): words for a person. Steps come often (every rule): a
   * caller that prints shows some of them (the CLI: one every ten seconds at most).
   */
  onProgress?: (message: string, step?: StepCount) => void;
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
 * shipments imply added, volumes weighed with densities. Pure (the name matching it is given aside: see
 * PipelineOptions.matching).
 */
export async function prepareBundle(input: Bundle, options: Pick<PipelineOptions, 'resolve' | 'geocode' | 'measures' | 'matching' | 'judgements'>, hooks: PipelineHooks = {}): Promise<PreparedBundle> {
  const progress = hooks.onProgress ?? (() => undefined);
  // (15 s at a million entities and ten million ties: a line of its own)
  progress('putting the records in canonical order (the same report whatever the order of the rows)');
  let bundle = canonicalOrder(input);
  let resolution: ReportResolution = NO_RESOLUTION;
  if (options.resolve ?? true) {
    let early: EarlyMatches | undefined;
    if (options.matching !== undefined) {
      if (!options.matching.finished) progress('waiting for the matching of name variants (started while the bundle was read)');
      const m = await options.matching.done;
      if (m instanceof Error) progress(`matching names in a worker thread failed (${m.message}): matching them here instead`);
      else early = m;
    }
    const matched = matchesFor(bundle.entities, early);
    early = undefined;
    progress(matched === undefined ? 'resolving name variants' : 'resolving name variants (names matched while the bundle was read)');
    const r = resolveEntities(bundle, options.judgements === undefined ? {} : { judgements: options.judgements }, matched);
    bundle = r.bundle;
    resolution = {
      enabled: true,
      merges: r.merges,
      possible: r.possible,
      aliases: r.aliases,
      dropped: r.dropped,
      ...(r.judged === undefined ? {} : { judged: r.judged }),
      ...(r.commonNames === undefined ? {} : { commonNames: r.commonNames }),
      ...(r.commonCompanyNames === undefined ? {} : { commonCompanyNames: r.commonCompanyNames }),
    };
    if (r.merges.length > 0) progress(`merged ${r.merges.reduce((n, m) => n + m.merged.length, 0)} name variants into ${r.merges.length} entities`);
  } else options.matching?.cancel(); // (matching started for nothing: its thread is stopped)
  let geocoding: ReportGeocoding = NO_GEOCODING;
  if (options.geocode ?? true) {
    progress('geocoding cities without coordinates');
    const g = geocode(bundle);
    bundle = g.bundle;
    geocoding = { enabled: true, geocoded: g.geocoded, ambiguous: g.ambiguous, unknown: g.unknown };
  }
  progress('adding the ties shipments imply and weighing volumes');
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
  const { bundle, resolution, geocoding } = await prepareBundle(input, options, hooks);
  // The records as read are not needed again: a parameter stays alive as long as its function runs, and merging name
  // variants copies every shipment, so holding the input would keep two copies of each for the whole analysis.
  input = undefined as unknown as Bundle;

  const external = options.external === undefined ? undefined : await options.external(bundle);

  // Louvain may run in a worker thread meanwhile (large networks): the red-flag rules need no clusters.
  const started = await startAnalysis(bundle, {
    external,
    threads: options.threads,
    clustersInWorker: options.clustersInWorker,
    betweenness: options.betweenness ?? 'auto',
    seed: options.seed ?? ANALYZE_DEFAULTS.seed,
    radiusKm: options.radiusKm ?? ANALYZE_DEFAULTS.radiusKm,
    topKeyNodes: options.topKeyNodes ?? ANALYZE_DEFAULTS.topKeyNodes,
    onProgress: progress,
  });
  try {
    return await analyzeFurther(bundle, started, options, hooks, resolution, geocoding);
  } finally {
    started.cancel();
  }
}

/** runAnalysis once the network is built and its clusters are being found (`started`). */
async function analyzeFurther(
  bundle: Bundle,
  started: AnalysisInProgress,
  options: PipelineOptions,
  hooks: PipelineHooks,
  resolution: ReportResolution,
  geocoding: ReportGeocoding,
): Promise<PipelineResult> {
  const progress = hooks.onProgress ?? (() => undefined);
  const rules = options.rules ?? EMPTY_CONFIG;
  let screened: ScreeningResult | undefined;
  let listed: Map<string, ListedMatch[]> | undefined;
  if (options.screening !== undefined) {
    const parties = options.screening.lists.reduce((n, l) => n + l.parties.length, 0);
    progress(`screening ${bundle.entities.length} entities against ${parties} listed parties`);
    screened = screenEntities(bundle.entities, options.screening.lists, options.screening.options);
    listed = new Map();
    for (const m of screened.matches) {
      const list = listed.get(m.entity) ?? [];
      list.push({ list: m.list, listFile: m.listFile, listedId: m.listedId, listedName: m.listedName, listedSchema: m.listedSchema, line: m.line, score: m.score, evidence: m.evidence, topics: m.topics, programs: m.programs });
      listed.set(m.entity, list);
    }
    progress(`screening: ${listed.size} entities match a listed party; ${screened.candidates.length} pairs left for review`);
  }

  progress('evaluating red-flag rules');
  const flags = evaluateFlags(bundle, started.crossings, options.reference, rules, listed === undefined ? {} : { listed }, {
    onProgress: (done, total, within) => {
      // (within a rule: how far through its items, in whole percent)
      const along = within === undefined ? '' : ` (${within.rule}: ${Math.floor(100 * within.share)}% read)`;
      progress(`evaluating red-flag rules: ${done} of ${total} rules done${along}`, { done, total });
    },
    onPreparing: (step, done, total) => {
      const pass = step === 'columns' ? 'read into columns' : 'matched against the watch list';
      progress(`evaluating red-flag rules: preparing what they share: ${done.toLocaleString('en-US')} of ${countWords(total, 'shipment', 'shipments')} ${pass}`, { done, total });
    },
  });
  if (started.clustersPending()) progress('waiting for the clusters (Louvain, in the second thread)');
  const analysis = await started.complete();

  const { chokepoints, keyNodes, controllers } = await chokepointsAndKeyNodes(bundle, analysis, flags, options, hooks);
  // One breadth-first search from the matched listed parties gives every entity's distance to the nearest: the
  // report lists the paths of flagged entities and key nodes, the review queue weighs every entity's.
  const listedPaths =
    screened === undefined
      ? undefined
      : pathsToListed(
          bundle,
          [...new Set(screened.matches.map((m) => m.entity))],
          bundle.entities.map((e) => e.id),
          { maxHops: options.screening!.maxHops ?? LISTED_PATH_DEFAULTS.maxHops },
        );
  const screening = screened === undefined ? undefined : screeningOf(bundle, screened, options.screening!, flags, keyNodes, listedPaths!);

  progress('ranking entities for review');
  const queue = reviewQueueOf(bundle, analysis, flags, keyNodes, extendReference(options.reference, rules), options.listedParties?.(bundle, analysis) ?? (listedPaths === undefined ? undefined : listedDistances(bundle, listedPaths, listed!)));

  const building = 'building the report and checking it against its schema';
  progress(building);
  // Whether the engine's check accepted these very lists (it did, or the analysis would have stopped): the report's
  // records are then known to name only its entities. Its index of the bundle is let go before the report, where the
  // run's memory peaks.
  const checked = checkedIfValid(bundle) !== undefined;
  forgetCheckedBundle(bundle);
  const built = buildReport(
    bundle,
    analysis,
    flags,
    { toolVersion: options.toolVersion, lenient: options.lenient ?? false, rulesFile: options.rulesFile },
    { chokepoints, resolution, geocoding, keyNodes, controllers, measures: measuresOf(bundle, options.measures), screening, reviewQueue: queue },
  );
  const recordIdsKnown =
    checked &&
    built.relations === bundle.relations &&
    built.shipments === bundle.shipments &&
    built.entities.length === bundle.entities.length &&
    built.entities.every((e, i) => e.id === bundle.entities[i].id);
  const step = stepsOf(building, hooks.onProgress);
  step?.({ done: 1, total: 2, words: 'the report built' });
  const report = assertReport(built, 'the report', {
    recordIdsKnown,
    // (ten million records at a million entities: how far the check is, beside the step of the report built)
    onProgress:
      step &&
      ((checked, total) => step({ done: 1, total: 2, words: `the report built; ${checked.toLocaleString('en-US')} of ${countWords(total, 'record', 'records')} checked` })),
  });
  return { report, bundle, analysis, flags, keyNodes };
}

export const SCREENING_DISCLAIMER =
  'A match is a lead to verify, not an identification: names and a few identifiers agree with a party of a list. Compare the list’s own record (identifiers, addresses, sources) before drawing any conclusion; nothing is asserted about anyone beyond what the list says.';

/** The report's screening section: the lists as read, matches and candidates, and the paths to a listed party. */
function screeningOf(
  bundle: Bundle,
  screened: ScreeningResult,
  given: NonNullable<PipelineOptions['screening']>,
  flags: FlagsResult,
  keyNodes: KeyNode[],
  allPaths: readonly ListedPath[],
): ReportScreening {
  const maxHops = given.maxHops ?? LISTED_PATH_DEFAULTS.maxHops;
  // Every flagged entity and every key node, in bundle order.
  const why = new Map<string, ('flagged' | 'key node')[]>();
  for (const f of flags.flags) for (const id of f.entities) why.set(id, ['flagged']);
  for (const k of keyNodes) why.set(k.id, [...(why.get(k.id) ?? []), 'key node']);
  const asked = bundle.entities.map((e) => e.id).filter((id) => why.has(id));
  const pathOf = new Map(allPaths.map((p) => [p.from, p]));
  const paths = asked.map((id) => pathOf.get(id)!);
  return {
    disclaimer: SCREENING_DISCLAIMER,
    lists: given.lists.map((l) => ({ name: l.name, file: l.file, date: l.date, parties: l.parties.length, otherRecords: l.otherRecords, skipped: l.skipped, warnings: l.warnings })),
    thresholds: screened.thresholds,
    compared: screened.compared,
    matches: screened.matches,
    candidates: screened.candidates,
    maxHops,
    paths: paths.map((p) => ({ entity: p.from, why: why.get(p.from)!, listed: p.to, hops: p.hops, steps: p.steps })),
  };
}

/** Each entity's distance to the nearest matched listed party, for the review queue (unreachable entities left out). */
function listedDistances(bundle: Bundle, paths: readonly ListedPath[], listed: ReadonlyMap<string, ListedMatch[]>): Map<string, ListedPartyDistance> {
  const names = new Map(bundle.entities.map((e) => [e.id, e.name]));
  const out = new Map<string, ListedPartyDistance>();
  for (const p of paths) {
    if (p.to === null || p.hops === null) continue;
    const match = listed.get(p.to)?.[0];
    out.set(p.from, {
      hops: p.hops,
      party: p.to,
      partyName: names.get(p.to),
      ...(match === undefined ? {} : { list: match.list }),
      path: p.steps.map((s) => `${names.get(s.from) ?? s.from} – ${names.get(s.to) ?? s.to} (${s.kinds.join(', ')})`),
    });
  }
  return out;
}

/** How an amount of a flow measure reads in words: "12,000 kg", "EUR 40,000", "12 shipments". */
export function amountFormat(measure: 'kg' | 'value' | 'shipments', currency: string | null): (amount: number) => string {
  const n = (x: number) => Math.round(x).toLocaleString('en-US');
  if (measure === 'kg') return (x) => `${n(x)} kg`;
  if (measure === 'value') return (x) => `${currency ?? ''} ${n(x)}`.trim();
  return (x) => `${n(x)} ${Math.round(x) === 1 ? 'shipment' : 'shipments'}`;
}

/**
 * The review queue: every entity ranked by its flags, watch-listed goods, key-node role and nearness to a crossing
 * and to a listed party. A function of its own, so that its maps of every shipment and entity are let go before the
 * report is built.
 */
function reviewQueueOf(
  bundle: Bundle,
  analysis: Analysis,
  flags: FlagsResult,
  keyNodes: KeyNode[],
  reference: ReturnType<typeof extendReference>,
  listed: Parameters<typeof reviewQueue>[0]['listed'],
): ReturnType<typeof reviewQueue> {
  const watch = watchMatcher(reference);
  const watchNames = new Map<string, string>();
  for (const s of bundle.shipments) {
    const item = watch(s);
    if (item !== undefined) watchNames.set(s.id, item.name);
  }
  const results = new Map(analysis.entities.map((e) => [e.id, e]));
  return reviewQueue({
    entities: bundle.entities.map((e) => ({ id: e.id, name: e.name, nearestCrossing: results.get(e.id)?.nearestCrossing ?? null })),
    flags: flags.flags,
    watchListed: new Set(watchNames.keys()),
    watchNames,
    keyNodes,
    radiusKm: analysis.parameters.radiusKm,
    listed,
  });
}

/**
 * The supply chokepoints, then the key nodes and the controllers of flagged companies. The case (who is flagged, who
 * controls whom) is known: brokerage, the costliest part of the key-node ranking, is counted in a worker thread on
 * large networks while the supply chokepoints are found here. A function of its own, so that the chains of control
 * (hundreds of megabytes at a million entities) are let go before the report is built, where the run's memory peaks.
 */
async function chokepointsAndKeyNodes(
  bundle: Bundle,
  analysis: Analysis,
  flags: FlagsResult,
  options: PipelineOptions,
  hooks: PipelineHooks,
): Promise<{ chokepoints: ReportChokepoints | null; keyNodes: KeyNode[]; controllers: ReportController[] }> {
  const progress = hooks.onProgress ?? (() => undefined);
  // (at a million entities, some seconds before the chokepoints start: a line of their own)
  progress('following chains of control to the flagged companies and counting brokerage (for the key nodes)');
  const tally = flagTally(flags);
  // Only the flagged companies each entity controls: all that the brokerage, the key nodes and the controllers read
  // (at a million entities, the list of every company each controls was hundreds of megabytes and 18 s).
  const controlled = controlChains(bundle, { only: (id) => tally.has(id) });
  const brokerage = brokerageInBackground(analysis, bundle, { flags: tally, controlled }, { threads: options.threads, inWorker: options.brokerageInWorker });
  try {
    const finding = 'finding supply chokepoints and simulating disruption';
    progress(finding);
    const rules = options.rules ?? EMPTY_CONFIG;
    const chokepoints = chokepointsFor(bundle, analysis, extendReference(options.reference, rules), options.chokepoints ?? {}, options.measures.fx, stepsOf(finding, hooks.onProgress));
    const ranking = 'ranking key individuals and businesses';
    progress(ranking);
    const { keyNodes, controllers } = keyNodesOf(bundle, analysis, tally, controlled, await brokerage.counts, chokepoints, options, stepsOf(ranking, hooks.onProgress));
    return { chokepoints, keyNodes, controllers };
  } finally {
    brokerage.cancel();
  }
}

/** Each flagged entity's flags by severity. */
function flagTally(flags: FlagsResult): Map<string, FlagTally> {
  const tally = new Map<string, FlagTally>();
  for (const f of flags.flags) {
    for (const id of f.entities) {
      const t = tally.get(id) ?? { high: 0, medium: 0, low: 0 };
      t[f.severity]++;
      tally.set(id, t);
    }
  }
  return tally;
}

/**
 * The key individuals and businesses, and who stands behind the flagged companies. A function of its own, so that
 * what it builds on the way (every entity's name) is let go before the report is built, where the run's memory peaks.
 */
function keyNodesOf(
  bundle: Bundle,
  analysis: Analysis,
  tally: ReadonlyMap<string, FlagTally>,
  controlled: ReturnType<typeof controlChains>,
  brokerage: BrokerageOfCase,
  chokepoints: ReportChokepoints | null,
  options: PipelineOptions,
  onStep?: OnStep,
): { keyNodes: KeyNode[]; controllers: ReturnType<typeof controllersOf> } {
  onStep?.({ done: 1, total: 5, words: `control followed through ${countWords(bundle.relations.length, 'relation', 'relations')}` });
  // Names come from the bundle itself (no map of every id to its name).
  const keyNodes = rankKeyNodesOf(analysis, bundle, {
    controlled,
    flags: tally,
    brokerage,
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
    onStep: onStep && ((s) => onStep({ ...s, done: s.done + 1, total: 5 })),
  });
  const controllers = controllersOf(bundle, analysis, controlled, tally, keyNodes);
  onStep?.({ done: 5, total: 5, words: 'the controllers of flagged companies listed' });
  return { keyNodes, controllers };
}

/** The people and companies behind the flags: for each controller of flagged companies, what it controls. */
function controllersOf(
  bundle: Bundle,
  analysis: Analysis,
  controlled: ReturnType<typeof controlChains>,
  tally: ReadonlyMap<string, FlagTally>,
  keyNodes: KeyNode[],
): ReportController[] {
  // By the engine's index of the bundle: no map of a million ids for the few controllers.
  const lookup = entityLookup(bundle, analysis);
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
    const e = lookup.entity(id)!;
    out.push({
      id,
      name: e.name,
      kind: e.kind,
      ...(e.country === undefined ? {} : { country: e.country }),
      group: lookup.group(id) ?? 0,
      weight,
      flags,
      companyCount: companies.length,
      companies: mostFlagged(companies, (c) => flagCount(tally.get(c.id)!), CONTROLLED_NAMED).map(({ item: c, flags: n }) => ({
        id: c.id,
        name: lookup.entity(c.id)!.name,
        flags: n,
        path: c.path,
        throughFamily: c.throughFamily,
      })),
      keyNodeRank: rank.get(id) ?? null,
    });
  }
  return out.sort((a, b) => b.weight - a.weight || (a.id < b.id ? -1 : 1));
}

/** A tally's flags of every severity. */
const flagCount = (t: FlagTally) => t.high + t.medium + t.low;

/**
 * The `limit` items with the most flags, most first, ties by id (the order the report lists a controller's companies
 * in), with their flags: `largestBy` of @chokepoint/engine, so that a controller of thousands of flagged companies
 * costs no sort of them all. Pure.
 */
export function mostFlagged<T extends { id: string }>(items: readonly T[], flagsOf: (item: T) => number, limit: number): { item: T; flags: number }[] {
  return largestBy(items, limit, flagsOf, (a, b) => a.id < b.id).map((item) => ({ item, flags: flagsOf(item) }));
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
  let weighedByDeclaredMass = 0;
  let unweighed = 0;
  for (const s of bundle.shipments) {
    const unit = s.quantity === undefined ? 'none' : (s.unit ?? 'none');
    const u = byUnit.get(unit) ?? { shipments: 0, weighed: 0 };
    u.shipments++;
    if (s.quantityKg !== undefined) u.weighed++;
    else unweighed++;
    if (s.kgBasis !== undefined) {
      if (s.kgBasis.density !== undefined) weighedByDensity++;
      else weighedByDeclaredMass++;
    }
    byUnit.set(unit, u);
  }
  return {
    totals,
    withoutValue,
    conversion,
    quantities: {
      byUnit: [...byUnit].sort((a, b) => b[1].shipments - a[1].shipments || (a[0] < b[0] ? -1 : 1)).map(([unit, u]) => ({ unit, ...u })),
      weighedByDensity,
      ...(weighedByDeclaredMass > 0 ? { weighedByDeclaredMass } : {}),
      unweighed,
    },
  };
}
