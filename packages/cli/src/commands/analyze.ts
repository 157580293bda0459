import { existsSync } from 'node:fs';
import { basename, isAbsolute, relative, resolve } from 'node:path';
import { Command } from 'commander';
import { ANALYZE_DEFAULTS, AUTO_EXACT_LIMIT, AUTO_EPSILON } from '@chokepoint/engine';
import { loadReference, loadRules, DEFAULT_REFERENCE_DIR, EMPTY_CONFIG, SHIPPED_RULES } from '@chokepoint/flags';
import { estimateMemory, loadMeasuresData, matchInBackground, readInput, readScreeningList, runAnalysis, type Matching } from '@chokepoint/pipeline';
import { collectGarbage, givenFlags, RelaunchRequest, relaunchPlan } from '../relaunch';
import type { ScreeningList } from '@chokepoint/screening';
import { splitUnread, type Bundle, type Entity } from '@chokepoint/model';
import type { Judgement } from '@chokepoint/resolve';
import { renderSummary, reportChunks, writeReport, type Report } from '@chokepoint/report';
import { addNeo4jSourceOptions, gdsResultsFromNeo4j, neo4jSource, readBundleFromNeo4j, type Neo4jAnalyzeFlags } from './neo4j';
import { readCaseFile } from '@chokepoint/case/files';
import { UsageError } from '../errors';
import { fileProgressBar, progressReporter, readingProgress, type CliIO } from '../io';
import { parseCount, parseEpsilon, parsePositiveInteger, parsePositiveNumber, parseSeed } from '../options';
import { VERSION } from '../version';

interface AnalyzeFlags extends Neo4jAnalyzeFlags {
  out?: string;
  seed: number;
  radiusKm: number;
  top: number;
  lenient?: boolean;
  rules?: string;
  case?: string;
  reference: string;
  sources?: string;
  targets?: string;
  goods: string;
  disruptSteps: number;
  resolve: boolean;
  geocode: boolean;
  threads?: number;
  rates?: string | false;
  epsilon?: number;
  exact?: boolean;
  quiet?: boolean;
  json?: boolean;
  screen: string[];
}

export function analyzeCommand(io: CliIO): Command {
  return addNeo4jSourceOptions(new Command('analyze')
    .description(
      'Analyze a bundle folder of CSV files: find tightly linked clusters near border crossings and the key nodes ' +
        'of the network. Writes a JSON report and prints a summary. Findings are indicators for review, not accusations.',
    )
    .argument('[bundle]', 'a folder with entities.csv and optionally relations.csv, shipments.csv, places.csv, or a FollowTheMoney .jsonl file (see docs/data-format.md); or none with --neo4j')
    .option('-o, --out <file>', 'where to write the JSON report (default: report.json; with --json, only when given)')
    .option('--seed <n>', 'seed for the random choices of clustering: the same input and seed give the same report', parseSeed, ANALYZE_DEFAULTS.seed)
    .option('--radius-km <km>', 'a cluster or company group is near a border when its median located member lies within this distance of a crossing (and enough members are located)', parsePositiveNumber, ANALYZE_DEFAULTS.radiusKm)
    .option('--top <n>', 'how many key nodes to rank', parseCount, ANALYZE_DEFAULTS.topKeyNodes)
    .option('--lenient', 'skip bad rows instead of stopping, and leave optional cells that cannot be read empty; every skipped row is listed in the report (input.rejected), every emptied cell in its warnings (input.warnings)')
    .option('--rules <file>', 'a rules file (YAML or JSON) that turns red-flag rules off, changes their parameters and severities, and extends the watch list and sector mapping (see docs/red-flags.md)')
    .option('--reference <dir>', 'folder with the reference data (watchlist.csv, sector-fit.csv, sector-keywords.csv, densities.csv, fx-rates.csv, hs/)', DEFAULT_REFERENCE_DIR)
    .option('--rates <file>', 'exchange rates (CSV: date,currency,per_eur,source) to compare values in different currencies (default: the dated table in the reference folder, fx-rates.csv)')
    .option('--no-rates', 'never convert money: keep every value in its own currency')
    .option('--goods <selection>', 'goods whose flow is analyzed for supply chokepoints: watchlist, all, hs:PREFIX or commodity:WORDS', 'watchlist')
    .option('--sources <selection>', 'where the goods come from (default: their suppliers): entity ids a,b (or ids:a,b), hs:PREFIX, commodity:WORDS or where:EXPRESSION such as where:country=GB')
    .option('--targets <selection>', 'where the goods go (default: members of clusters and company groups near a border crossing); same forms as --sources; a supplier that is also a target is counted as a source')
    .option('--disrupt-steps <n>', 'removals in the disruption simulation (fragility curve)', parseCount, 10)
    .option('--case <case.json>', 'apply the judgements of a case file (chokepoint view --case) when name variants are merged: pairs judged the same are merged whatever their score, pairs judged not the same or unsure are kept apart (see docs/resolution.md)')
    .option('--no-resolve', 'keep name variants of the same company apart (by default they are merged; see docs/resolution.md)')
    .option('--no-geocode', 'do not give coordinates to entities that have only a city and a country')
    .option('--threads <n>', 'worker threads for betweenness (default: all cores)', parsePositiveInteger)
    .option('--epsilon <e>', `estimate betweenness from sampled shortest paths (Riondato & Kornaropoulos 2016), every value within ±e of the exact one with 90% probability (default: exact up to ${AUTO_EXACT_LIMIT.toLocaleString('en-US')} entities, ±${AUTO_EPSILON} above)`, parseEpsilon)
    .option('--exact', 'compute betweenness exactly whatever the size of the network')
    .option('--screen <list>', 'screen every entity against a list of listed parties: FollowTheMoney JSON lines, such as an OpenSanctions export, or a table (.csv, .tsv, .txt: OpenSanctions\' targets.simple.csv, or a sheet with a name column) (repeat for several lists; see docs/screening.md). A match is a lead to verify, not an identification', (value: string, previous: string[]) => [...previous, value], [] as string[])
    .option('-q, --quiet', 'print no progress on stderr')
    .option('--json', 'print the report as JSON on stdout instead of the summary'))
    .action(async (bundleArg: string | undefined, flags: AnalyzeFlags) => {
      const source = neo4jSource(bundleArg, flags);
      const bundleDir = bundleArg ?? '';
      const progress = progressReporter(io, flags.quiet ?? false);
      const out = flags.out ?? (flags.json ? undefined : 'report.json');
      // Settings first: a mistake in them should not wait for a long analysis.
      const rules = flags.rules === undefined ? EMPTY_CONFIG : loadRules(flags.rules);
      const reference = loadReference(flags.reference);
      const measures = loadMeasuresData(flags.reference, { rates: flags.rates === undefined ? undefined : flags.rates });
      let judgements: Judgement[] | undefined;
      if (flags.case !== undefined) {
        if (!flags.resolve) throw new UsageError('--case applies its judgements when name variants are merged: it cannot be used with --no-resolve');
        if (source?.gds) throw new UsageError('--case applies its judgements when name variants are merged, and --gds analyzes the network as stored in Neo4j (unmerged): choose one');
        const kept = readCaseFile(flags.case);
        judgements = (kept.judgements ?? []).map(({ a, b, verdict, by, at }) => ({ a, b, verdict, by, at }));
        progress(`read ${judgements.length} judgements on pairs of records from the case ${flags.case}`);
      }
      if (flags.exact && flags.epsilon !== undefined) throw new UsageError('--exact and --epsilon contradict each other: choose one');
      if (source?.gds && flags.resolve) {
        // GDS analyzes the network as stored; merged name variants would not be the stored nodes.
        progress('--gds: name variants are kept apart (the network is analyzed as stored in Neo4j)');
      }
      if (source === undefined && io.relaunch !== undefined) {
        // A large input is analysed in a process with V8 settings for it (main runs the command again).
        const estimate = estimateMemory(bundleDir);
        const plan = relaunchPlan(estimate, givenFlags());
        if (plan !== undefined) throw new RelaunchRequest(plan, estimate);
      }
      // The lists before the bundle: a mistake in one should not wait for a large bundle to be read.
      const lists: ScreeningList[] = [];
      for (const path of flags.screen) {
        progress(`reading the list ${path}`);
        const listBar = fileProgressBar(flags.quiet ?? false);
        const list = await readScreeningList(path, { lenient: flags.lenient, onProgress: listBar.onProgress });
        listBar.done();
        progress(`read ${list.parties.length} listed parties from ${list.file} (${list.name}${list.date === null ? '' : `, as of ${list.date}`})`);
        if (list.skipped.length > 0) progress(`skipped ${list.skipped.length} records of ${list.file} for problems (--lenient), listed in the report under screening.lists`);
        lists.push(list);
      }
      const mode: 'auto' | 'exact' | { epsilon: number } = flags.exact ? 'exact' : flags.epsilon !== undefined ? { epsilon: flags.epsilon } : 'auto';
      // The bundle as read, handed to the analysis and held by nothing here (the analysis lets go of what it no
      // longer needs, and what it lets go of is collected before the report is written).
      // Name variants are matched in a worker thread while the ties and shipments are read (on large bundles).
      let matching: Matching | undefined;
      const readBundle = async (): Promise<Bundle> => {
        if (source === undefined) progress(`reading ${bundleDir}`);
        const bar = readingProgress(flags.quiet ?? false, progress);
        const onBytes = bar.onProgress;
        const onEntities = flags.resolve ? (entities: readonly Entity[]) => void (matching = matchInBackground(entities, { threads: flags.threads })) : undefined;
        const read = { lenient: flags.lenient, onProgress: onBytes, sectorHints: reference.sectorKeywords, onEntities };
        let bundle: Bundle;
        try {
          bundle = source !== undefined ? await readBundleFromNeo4j({ ...source, onProgress: progress }) : await readInput(bundleDir, read);
        } catch (err) {
          matching?.cancel();
          throw err;
        }
        bar.done();
        progress(`read ${bundle.entities.length} entities, ${bundle.relations.length} relations, ${bundle.shipments.length} shipments, ${bundle.places.length} places`);
        // Records of a FollowTheMoney schema not read (Notes, Vessels…) are left out in either mode, and are no problem.
        const { unread, problems } = splitUnread(bundle.rejected);
        if (problems.length > 0) progress(`skipped bad rows (--lenient): ${problems.length} problems, listed in the report under input.rejected`);
        if (unread.length > 0) progress(`left out ${unread.length} records of FollowTheMoney schemata Chokepoint does not read, listed in the report under input.rejected`);
        if (bundle.warnings.length > 0) progress(`${bundle.warnings.length} warnings about the input, listed in the report under input.warnings`);
        return bundle;
      };
      const { report } = await runAnalysis(
        await readBundle(),
        {
          seed: flags.seed,
          radiusKm: flags.radiusKm,
          topKeyNodes: flags.top,
          resolve: flags.resolve && !source?.gds,
          judgements,
          matching,
          geocode: flags.geocode,
          betweenness: mode,
          threads: flags.threads,
          rules,
          reference,
          measures,
          chokepoints: { goods: flags.goods, sources: flags.sources, targets: flags.targets, disruptionSteps: flags.disruptSteps },
          external: source?.gds
            ? (b) => {
                progress('running Louvain in Neo4j (Graph Data Science), and betweenness there when it is exact');
                return gdsResultsFromNeo4j(source, b, { threads: flags.threads, betweenness: mode, seed: flags.seed, onProgress: progress });
              }
            : undefined,
          screening: lists.length === 0 ? undefined : { lists },
          lenient: flags.lenient ?? false,
          rulesFile: flags.rules === undefined ? undefined : basename(flags.rules),
          toolVersion: VERSION,
        },
        { onProgress: progress },
      );
      if (out !== undefined) {
        progress('writing the report');
        // What the analysis made besides the report is garbage now: collected before writing (see collectGarbage).
        collectGarbage();
        try {
          const count = (n: number) => n.toLocaleString('en-US');
          const onProgress = (done: number, total: number) => progress(`writing the report: ${count(done)} of ${count(total)} records written`, { done, total });
          const { companion } = await writeReport(report, out, { onProgress });
          progress(`wrote ${resolve(out)}${companion === null ? '' : ` and its records, ${resolve(companion)} (keep the two files together)`}`);
        } catch (err) {
          // The file system refused (no such folder, no permission, a full disk): the path is the person's to change.
          // Anything else is not theirs to mend, and is not said to be (it said "see --help" for a report too long to write).
          const code = (err as NodeJS.ErrnoException).code;
          if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) throw new UsageError(`cannot write the report to ${out}: ${code}`);
          throw err;
        }
      }
      if (flags.json) for (const chunk of reportChunks(report)) io.stdout(chunk);
      else {
        io.stdout(renderSummary(report));
        // Pairs left for review: how to decide them and have the next analysis follow.
        if (report.resolution.possible.length > 0 && flags.case === undefined) {
          io.stdout(
            `\nTo decide the pairs left for review: open the report with chokepoint view ${out ?? 'report.json'} --case case.json, judge each pair under "One entity or two?", then analyze again with --case case.json (pairs judged the same are merged, the others kept apart).\n`,
          );
        }
        // The summary (a library's text) says the sources and targets can be chosen; here is how.
        if (report.chokepoints === null && flags.sources === undefined && flags.targets === undefined) {
          io.stdout(
            '\nTo compute the supply chokepoints of your own goods, sources and targets: for example --goods all --sources "where:sector~mining" --targets "where:country=DE" (or lists of entity ids, hs:PREFIX, commodity:WORDS); see chokepoint analyze --help.\n',
          );
        }
        // Goods of the Common High Priority List in the data, which the shipped watch list does not follow: how to.
        if (flags.rules === undefined) {
          const hint = highPriorityHint(report);
          if (hint !== undefined) io.stdout(`\n${hint}\n`);
        }
      }
    });
}

/**
 * When no rules file was given and the report's shipments carry goods of the shipped rules file of the Common High
 * Priority List (integrated circuits, radio and navigation modules: dual-use goods the shipped watch list leaves out),
 * how many, and the option that has the rules follow them. Undefined otherwise, or when the file is not there.
 */
export function highPriorityHint(report: Pick<Report, 'shipments'>, file: string = SHIPPED_RULES.commonHighPriorityList): string | undefined {
  if (!existsSync(file)) return undefined;
  const items = loadRules(file).watchlist;
  const prefixes = items.flatMap((w) => w.hsPrefixes);
  let count = 0;
  for (const s of report.shipments) if (s.hsCode !== undefined && prefixes.some((p) => s.hsCode!.startsWith(p))) count++;
  if (count === 0) return undefined;
  const shown = relative(process.cwd(), file);
  const path = shown.startsWith('..') || isAbsolute(shown) ? file : shown;
  return `${count.toLocaleString('en-US')} shipment${count === 1 ? '' : 's'} carry goods of the Common High Priority List (${items.map((w) => w.name).join('; ')}), which the shipped watch list does not follow: to have the rules treat them as dual-use goods (who bought them with no use for them, new companies, routes), analyze again with --rules ${path}`;
}
