import { closeSync, openSync, writeSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { Command } from 'commander';
import { analyzeAsync, ANALYZE_DEFAULTS, AUTO_EXACT_LIMIT, AUTO_EPSILON, type ExternalResults } from '@chokepoint/engine';
import { evaluateFlags, extendReference, loadReference, loadRules, DEFAULT_REFERENCE_DIR, EMPTY_CONFIG } from '@chokepoint/flags';
import { assertReport, buildReport, NO_GEOCODING, NO_RESOLUTION, renderSummary, reportChunks } from '@chokepoint/report';
import { geocode, resolveEntities } from '@chokepoint/resolve';
import { chokepointsFor } from '../chokepoints';
import { readInput } from '../input';
import { addNeo4jSourceOptions, gdsResultsFromNeo4j, neo4jSource, readBundleFromNeo4j, type Neo4jAnalyzeFlags } from './neo4j';
import { UsageError } from '../errors';
import { fileProgressBar, progressReporter, type CliIO } from '../io';
import { parseCount, parseEpsilon, parsePositiveInteger, parsePositiveNumber, parseSeed } from '../options';
import { VERSION } from '../version';

interface AnalyzeFlags extends Neo4jAnalyzeFlags {
  out?: string;
  seed: number;
  radiusKm: number;
  top: number;
  lenient?: boolean;
  rules?: string;
  reference: string;
  sources?: string;
  targets?: string;
  goods: string;
  disruptSteps: number;
  resolve: boolean;
  geocode: boolean;
  threads?: number;
  epsilon?: number;
  exact?: boolean;
  quiet?: boolean;
  json?: boolean;
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
    .option('--radius-km <km>', 'a cluster is near a border when at least half of its located members lie within this distance of a crossing', parsePositiveNumber, ANALYZE_DEFAULTS.radiusKm)
    .option('--top <n>', 'how many key nodes to rank', parseCount, ANALYZE_DEFAULTS.topKeyNodes)
    .option('--lenient', 'skip bad rows instead of stopping; every skipped row is listed in the report (input.rejected)')
    .option('--rules <file>', 'a rules file (YAML or JSON) that turns red-flag rules off, changes their parameters and severities, and extends the watch list and sector mapping (see docs/red-flags.md)')
    .option('--reference <dir>', 'folder with the reference data (watchlist.csv, sector-fit.csv, sector-keywords.csv, hs/)', DEFAULT_REFERENCE_DIR)
    .option('--goods <selection>', 'goods whose flow is analyzed for supply chokepoints: watchlist, all, hs:PREFIX or commodity:WORDS', 'watchlist')
    .option('--sources <selection>', 'where the goods come from (default: their suppliers): ids:a,b, hs:PREFIX, commodity:WORDS or where:EXPRESSION such as where:country=GB')
    .option('--targets <selection>', 'where the goods go (default: members of clusters near a border crossing); same forms as --sources')
    .option('--disrupt-steps <n>', 'removals in the disruption simulation (fragility curve)', parseCount, 10)
    .option('--no-resolve', 'keep name variants of the same company apart (by default they are merged; see docs/resolution.md)')
    .option('--no-geocode', 'do not give coordinates to entities that have only a city and a country')
    .option('--threads <n>', 'worker threads for betweenness (default: all cores)', parsePositiveInteger)
    .option('--epsilon <e>', `estimate betweenness from sampled sources, each value within ±e of the exact one with 90% probability (default: exact up to ${AUTO_EXACT_LIMIT.toLocaleString('en-US')} entities, ±${AUTO_EPSILON} above)`, parseEpsilon)
    .option('--exact', 'compute betweenness exactly whatever the size of the network')
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
      if (source?.gds && flags.epsilon !== undefined) throw new UsageError('--epsilon does not apply with --gds: the Graph Data Science library computes betweenness exactly');
      if (flags.exact && flags.epsilon !== undefined) throw new UsageError('--exact and --epsilon contradict each other: choose one');
      if (source === undefined) progress(`reading ${bundleDir}`);
      const bar = fileProgressBar(flags.quiet ?? false);
      const read = { lenient: flags.lenient, onProgress: bar.onProgress };
      let bundle = source !== undefined ? await readBundleFromNeo4j({ ...source, onProgress: progress }) : await readInput(bundleDir, read);
      bar.done();
      let resolution = NO_RESOLUTION;
      if (flags.resolve) {
        progress('resolving name variants');
        const r = resolveEntities(bundle);
        bundle = r.bundle;
        resolution = { enabled: true, merges: r.merges, possible: r.possible, aliases: r.aliases, dropped: r.dropped };
        if (r.merges.length > 0) progress(`merged ${r.merges.reduce((n, m) => n + m.merged.length, 0)} name variants into ${r.merges.length} entities (--no-resolve keeps them apart)`);
      }
      let geocoding = NO_GEOCODING;
      if (flags.geocode) {
        progress('geocoding cities without coordinates');
        const g = geocode(bundle);
        bundle = g.bundle;
        geocoding = { enabled: true, geocoded: g.geocoded, ambiguous: g.ambiguous, unknown: g.unknown };
      }
      progress(
        `read ${bundle.entities.length} entities, ${bundle.relations.length} relations, ${bundle.shipments.length} shipments, ${bundle.places.length} places`,
      );
      if (bundle.rejected.length > 0) {
        progress(`skipped bad rows (--lenient): ${bundle.rejected.length} problems, listed in the report under input.rejected`);
      }
      let external: ExternalResults | undefined;
      if (source?.gds) {
        if (resolution.merges.length > 0) {
          throw new UsageError(
            `--gds analyzes the network as stored in Neo4j, but resolution merged ${resolution.merges.length} groups of name variants: add --no-resolve, or import a bundle without variants`,
          );
        }
        progress('running Louvain and betweenness in Neo4j (Graph Data Science)');
        external = await gdsResultsFromNeo4j(source, bundle, flags.threads);
      }
      const analysis = await analyzeAsync(bundle, {
        external,
        threads: flags.threads,
        betweenness: flags.exact ? 'exact' : flags.epsilon !== undefined ? { epsilon: flags.epsilon } : 'auto',
        seed: flags.seed,
        radiusKm: flags.radiusKm,
        topKeyNodes: flags.top,
        onProgress: progress,
      });
      progress('evaluating red-flag rules');
      const flagged = evaluateFlags(bundle, analysis, reference, rules);
      progress('finding supply chokepoints and simulating disruption');
      const chokepoints = chokepointsFor(bundle, analysis, extendReference(reference, rules), flags);
      const report = assertReport(
        buildReport(bundle, analysis, flagged, {
          toolVersion: VERSION,
          lenient: flags.lenient ?? false,
          rulesFile: flags.rules === undefined ? undefined : basename(flags.rules),
        }, { chokepoints, resolution, geocoding }),
      );
      if (out !== undefined) {
        progress('writing the report');
        try {
          const fd = openSync(out, 'w');
          try {
            for (const chunk of reportChunks(report)) writeSync(fd, chunk);
          } finally {
            closeSync(fd);
          }
        } catch (err) {
          throw new UsageError(`cannot write the report to ${out}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
        }
        progress(`wrote ${resolve(out)}`);
      }
      if (flags.json) for (const chunk of reportChunks(report)) io.stdout(chunk);
      else io.stdout(renderSummary(report));
    });
}
