import { Command } from 'commander';
import type { Bundle } from '@chokepoint/model';
import { betweennessScale, type ExternalResults } from '@chokepoint/engine';
import { readReport } from '@chokepoint/report';
import {
  DEFAULT_BATCH_SIZE,
  importBundle,
  openDriver,
  readBundle as readBundleFromGraph,
  requireGds,
  runGds,
  writeBack,
  type ImportProgress,
} from '@chokepoint/neo4j';
import { UsageError } from '../errors';
import { readInput } from '@chokepoint/pipeline';
import { processIO, progressReporter, type CliIO } from '../io';
import { parsePositiveInteger } from '../options';

/** Where the server is when neither --uri nor NEO4J_URI says. */
export const DEFAULT_NEO4J_URI = 'bolt://127.0.0.1:7687';

export interface Neo4jConnection {
  uri: string;
  user?: string;
  password?: string;
  database?: string;
}

/** Flags first, then NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD / NEO4J_DATABASE, then bolt://127.0.0.1:7687 without auth. */
export function resolveConnection(flags: { uri?: string; user?: string; password?: string; database?: string }, env: NodeJS.ProcessEnv = process.env): Neo4jConnection {
  const nonEmpty = (v: string | undefined) => (v === undefined || v === '' ? undefined : v);
  return {
    uri: nonEmpty(flags.uri) ?? nonEmpty(env.NEO4J_URI) ?? DEFAULT_NEO4J_URI,
    user: nonEmpty(flags.user) ?? nonEmpty(env.NEO4J_USER),
    password: flags.password ?? nonEmpty(env.NEO4J_PASSWORD),
    database: nonEmpty(flags.database) ?? nonEmpty(env.NEO4J_DATABASE),
  };
}

export interface Neo4jSourceOptions extends Neo4jConnection {
  /** Read-only Cypher returning entity nodes as `n`: analyze that subgraph only. */
  query?: string;
  /** Run Louvain and betweenness in the database with the Graph Data Science library instead of the engine. */
  gds?: boolean;
  /** Progress lines (the CLI's `progressReporter`). */
  onProgress?: (message: string) => void;
}

/**
 * For `chokepoint analyze --neo4j <uri>`: reads the bundle stored by `chokepoint neo4j import` (or the subgraph
 * of `query`) back from Neo4j. With `gds`, checks first that GDS is installed (GdsMissingError otherwise), so that
 * a missing library is reported before the long read.
 */
export async function readBundleFromNeo4j(options: Neo4jSourceOptions): Promise<Bundle> {
  const progress = options.onProgress ?? (() => undefined);
  const connection = resolveConnection(options);
  const driver = openDriver(connection);
  try {
    const database = connection.database;
    if (options.gds) progress(`Graph Data Science ${await requireGds(driver, { database })} is installed`);
    progress(`reading the bundle from Neo4j at ${connection.uri}${options.query === undefined ? '' : ' (the entities of --query)'}`);
    return await readBundleFromGraph(driver, { database, query: options.query });
  } finally {
    await driver.close();
  }
}

/**
 * For `chokepoint analyze --neo4j <uri> --gds`: Louvain and betweenness run in Neo4j by the Graph Data Science
 * library on the entities of `bundle` (the --query selection, or every stored entity), on the same weighted
 * projection as the engine's, as results the engine uses instead of its own. Betweenness is exact, normalized as
 * the engine's; `threads` goes to GDS (default 1, which keeps the report byte-identical from run to run).
 */
export async function gdsResultsFromNeo4j(source: Neo4jSourceOptions, bundle: Bundle, threads?: number): Promise<ExternalResults> {
  const connection = resolveConnection(source);
  const driver = openDriver(connection);
  try {
    const ids = source.query === undefined ? undefined : bundle.entities.map((e) => e.id);
    const weighedKg = new Map(bundle.shipments.filter((s) => s.kgBasis !== undefined && s.quantityKg !== undefined).map((s) => [s.id, s.quantityKg!]));
    const gds = await runGds(driver, { database: connection.database, ids, concurrency: threads, weighedKg });
    const scale = betweennessScale(gds.nodes);
    const betweenness = new Map([...gds.betweenness].map(([id, score]) => [id, score * scale]));
    return {
      communities: gds.communities,
      betweenness,
      betweennessInfo: { exact: true, sources: gds.nodes, epsilon: null, delta: null, threads: gds.concurrency },
      computedBy: `Neo4j Graph Data Science ${gds.gdsVersion} (gds.louvain, weighted, 1 thread; gds.betweenness, exact, ${gds.concurrency} thread${gds.concurrency === 1 ? '' : 's'})`,
    };
  } finally {
    await driver.close();
  }
}

/** The Neo4j options of `chokepoint analyze` (addNeo4jSourceOptions). */
export interface Neo4jAnalyzeFlags {
  neo4j?: string;
  neo4jUser?: string;
  neo4jPassword?: string;
  neo4jDatabase?: string;
  query?: string;
  gds?: boolean;
}

/** Adds `--neo4j <uri>`, `--neo4j-user`, `--neo4j-password`, `--neo4j-database`, `--query` and `--gds` to a command (analyze). */
export function addNeo4jSourceOptions(command: Command): Command {
  return command
    .option('--neo4j <uri>', 'read the network from Neo4j (imported with `chokepoint neo4j import`) instead of a bundle, e.g. bolt://127.0.0.1:7687')
    .option('--neo4j-user <name>', 'Neo4j user (default: NEO4J_USER, or neo4j when a password is given)')
    .option('--neo4j-password <password>', 'Neo4j password (better: NEO4J_PASSWORD, which does not show in the process list)')
    .option('--neo4j-database <name>', 'Neo4j database (default: NEO4J_DATABASE or the server default)')
    .option('--query <cypher>', "with --neo4j: analyze only the entities a read-only Cypher query returns as n, e.g. \"MATCH (n:Company {country: 'TR'}) RETURN n\"")
    .option('--gds', 'with --neo4j: run Louvain and betweenness in Neo4j with the Graph Data Science library instead of in Chokepoint (exact betweenness; --threads goes to GDS)');
}

/**
 * The Neo4j source of an analyze command line, or undefined when it reads a bundle. Throws UsageError when the
 * command line gives both a bundle and --neo4j, neither, or Neo4j options without --neo4j.
 */
export function neo4jSource(bundleArg: string | undefined, flags: Neo4jAnalyzeFlags, env: NodeJS.ProcessEnv = process.env): Neo4jSourceOptions | undefined {
  if (flags.neo4j === undefined) {
    const stray = (['query', 'gds', 'neo4jUser', 'neo4jPassword', 'neo4jDatabase'] as const).filter((k) => flags[k] !== undefined);
    if (stray.length > 0) {
      const names = stray.map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
      throw new UsageError(`${names.join(', ')} only work${stray.length === 1 ? 's' : ''} with --neo4j <uri>`);
    }
    if (bundleArg === undefined) throw new UsageError('give a bundle (a folder of CSV files or a .jsonl file) or --neo4j <uri>');
    return undefined;
  }
  if (bundleArg !== undefined) throw new UsageError(`give either a bundle (${bundleArg}) or --neo4j, not both`);
  if (flags.query !== undefined && flags.query.trim() === '') throw new UsageError('--query is empty: give a Cypher query that returns entity nodes as n');
  return {
    ...resolveConnection({ uri: flags.neo4j, user: flags.neo4jUser, password: flags.neo4jPassword, database: flags.neo4jDatabase }, env),
    query: flags.query,
    gds: flags.gds,
  };
}

const PHASE_WORDS: Record<ImportProgress['phase'], string> = {
  entities: 'entities',
  relations: 'relations',
  shipments: 'shipments',
  places: 'places',
};

/**
 * A progress bar on stderr: redrawn in place on a terminal, otherwise one line each time another 10% is done
 * (and when a phase starts), so that logs stay short. Silent with --quiet.
 */
export function importProgressBar(io: CliIO, quiet: boolean): { update(p: ImportProgress): void; end(): void } {
  if (quiet) return { update: () => undefined, end: () => undefined };
  const tty = io === processIO && process.stderr.isTTY === true;
  let lastStep = -1;
  let lastPhase = '';
  let drawn = false;
  const render = (p: ImportProgress) => {
    const share = p.total === 0 ? 1 : p.done / p.total;
    const width = 30;
    const full = Math.round(share * width);
    const bar = `${'#'.repeat(full)}${'-'.repeat(width - full)}`;
    return `chokepoint: importing [${bar}] ${Math.floor(share * 100)
      .toString()
      .padStart(3)}% ${p.done.toLocaleString('en-US')}/${p.total.toLocaleString('en-US')} rows (${PHASE_WORDS[p.phase]})`;
  };
  return {
    update(p) {
      if (tty) {
        io.stderr(`\r${render(p)}`);
        drawn = true;
        return;
      }
      const step = p.total === 0 ? 10 : Math.floor((p.done / p.total) * 10);
      if (step === lastStep && p.phase === lastPhase) return;
      lastStep = step;
      lastPhase = p.phase;
      io.stderr(`${render(p)}\n`);
    },
    end() {
      if (tty && drawn) io.stderr('\n');
    },
  };
}

interface ConnectionFlags {
  uri?: string;
  user?: string;
  password?: string;
  database?: string;
  quiet?: boolean;
  json?: boolean;
}

function withConnectionOptions(command: Command): Command {
  return command
    .option('--uri <uri>', `Neo4j server (default: NEO4J_URI, or ${DEFAULT_NEO4J_URI})`)
    .option('--user <name>', 'user (default: NEO4J_USER, or neo4j when a password is given; neither: no authentication)')
    .option('--password <password>', 'password (better: NEO4J_PASSWORD, which does not show in the process list)')
    .option('--database <name>', 'database (default: NEO4J_DATABASE or the server default, "neo4j")')
    .option('-q, --quiet', 'print no progress on stderr')
    .option('--json', 'print the result as JSON on stdout');
}


function importCommand(io: CliIO): Command {
  return withConnectionOptions(
    new Command('import')
      .description(
        'Load a bundle into Neo4j: entities, relations, shipments and places, in batched transactions after ' +
          'uniqueness constraints (see docs/neo4j.md for the graph model). Running it again is safe: the same bundle ' +
          'leaves the same database, and an interrupted import resumes where it stopped.',
      )
      .argument('<bundle>', 'a folder with entities.csv and optionally relations.csv, shipments.csv, places.csv, or a FollowTheMoney .jsonl file')
      .option('--batch-size <n>', 'rows per transaction', parsePositiveInteger, DEFAULT_BATCH_SIZE)
      .option('--replace', 'replace what the database holds when it is another bundle (or another version of this one)')
      .option('--lenient', 'skip bad rows of the bundle instead of stopping (they are kept with the bundle and listed in reports)'),
  ).action(async (path: string, flags: ConnectionFlags & { batchSize: number; replace?: boolean; lenient?: boolean }) => {
    const progress = progressReporter(io, flags.quiet ?? false);
    const connection = resolveConnection(flags);
    progress(`reading ${path}`);
    const bundle = await readInput(path, { lenient: flags.lenient });
    progress(
      `read ${bundle.entities.length} entities, ${bundle.relations.length} relations, ${bundle.shipments.length} shipments, ${bundle.places.length} places`,
    );
    const driver = openDriver(connection);
    const bar = importProgressBar(io, flags.quiet ?? false);
    const started = Date.now();
    try {
      progress(`importing into Neo4j at ${connection.uri}${connection.database === undefined ? '' : `, database ${connection.database}`}`);
      let announced = false;
      const result = await importBundle(driver, bundle, {
        database: connection.database,
        batchSize: flags.batchSize,
        replace: flags.replace,
        onProgress: (p) => {
          if (!announced && p.resumedFrom > 0) {
            bar.end();
            progress(`resuming an interrupted import of this bundle after ${p.resumedFrom.toLocaleString('en-US')} rows`);
          }
          announced = true;
          bar.update(p);
        },
      });
      bar.end();
      const seconds = (Date.now() - started) / 1000;
      const summary = {
        bundle: result.bundle,
        uri: connection.uri,
        database: connection.database ?? null,
        entities: bundle.entities.length,
        relations: bundle.relations.length,
        shipments: bundle.shipments.length,
        places: bundle.places.length,
        rows: result.rows,
        resumedFrom: result.resumedFrom,
        replaced: result.replaced,
        seconds: Math.round(seconds * 10) / 10,
      };
      if (flags.json) {
        io.stdout(`${JSON.stringify(summary)}\n`);
      } else {
        io.stdout(
          `Imported bundle ${result.bundle} into Neo4j at ${connection.uri}: ${summary.entities} entities, ${summary.relations} relations, ` +
            `${summary.shipments} shipments, ${summary.places} places in ${summary.seconds} s` +
            `${result.replaced ? ' (replaced the bundle it held)' : ''}${result.resumedFrom > 0 ? ` (resumed after ${result.resumedFrom} rows)` : ''}.\n` +
            `Analyze it with: chokepoint analyze --neo4j ${connection.uri}\n`,
        );
      }
    } finally {
      bar.end();
      await driver.close();
    }
  });
}

function writeBackCommand(io: CliIO): Command {
  return withConnectionOptions(
    new Command('write-back')
      .description(
        'Store the results of a report on the imported entity nodes (chokepointCluster, chokepointBetweenness, ' +
          'chokepointArticulation, chokepointCutOff, chokepointKeyScore/KeyRank, chokepointFlags, chokepointFlagCount) and its ' +
          'red flags as (:Flag)-[:FLAGS]->(entity) nodes, replacing earlier results. For example: ' +
          'MATCH (c:Company) WHERE c.chokepointArticulation RETURN c',
      )
      .argument('<report.json>', 'a report written by `chokepoint analyze` of the bundle that was imported'),
  ).action(async (path: string, flags: ConnectionFlags) => {
    const progress = progressReporter(io, flags.quiet ?? false);
    const connection = resolveConnection(flags);
    const report = readReport(path, { records: false });
    const driver = openDriver(connection);
    try {
      progress(`writing the results of ${path} to Neo4j at ${connection.uri}`);
      const result = await writeBack(driver, report, { database: connection.database });
      if (result.missing > 0) {
        progress(
          `${result.missing} entities of the report are not in the database (${result.missingIds.join(', ')}${result.missing > result.missingIds.length ? ', …' : ''}): was it imported from another version of the bundle?`,
        );
      }
      if (flags.json) {
        io.stdout(`${JSON.stringify({ uri: connection.uri, database: connection.database ?? null, ...result })}\n`);
      } else {
        io.stdout(
          `Wrote the results for ${result.entities} entities and ${result.flags} red flags to Neo4j at ${connection.uri}` +
            `${result.cleared > 0 ? ` (cleared earlier results from ${result.cleared} entities this report does not cover)` : ''}.\n` +
            `Try: MATCH (c:Company) WHERE c.chokepointArticulation RETURN c.id, c.name, c.chokepointCutOff ORDER BY c.chokepointCutOff DESC\n`,
        );
      }
    } finally {
      await driver.close();
    }
  });
}

export function neo4jCommand(io: CliIO): Command {
  return new Command('neo4j')
    .description('Load bundles into a Neo4j database and write analysis results back (docs/neo4j.md). Analyze what is stored with `chokepoint analyze --neo4j <uri>`.')
    .addCommand(importCommand(io))
    .addCommand(writeBackCommand(io));
}
