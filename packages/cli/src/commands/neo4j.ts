import { existsSync } from 'node:fs';
import { Command } from 'commander';
import type { Bundle } from '@chokepoint/model';
import { ANALYZE_DEFAULTS, AUTO_EPSILON, AUTO_EXACT_LIMIT, betweennessInfoOf, betweennessRunCSR, betweennessScale, exactBetweennessInfo, projectBundle, type ExternalResults } from '@chokepoint/engine';
import type * as Neo4jLibrary from '@chokepoint/neo4j';
import type { BulkProgress, ImportProgress } from '@chokepoint/neo4j';
import { DEFAULT_BATCH_SIZE } from '@chokepoint/neo4j/defaults';
import { UsageError } from '../errors';
import { readInput } from '@chokepoint/pipeline';
import { processIO, progressReporter, type CliIO } from '../io';
import { parsePositiveInteger } from '../options';
import { readReportFor } from '../read-report';

/**
 * The Neo4j package, loaded when a command first talks to Neo4j: its driver is about a third of the command line's
 * start-up (measured with `--cpu-prof` on `chokepoint --version`: 130 of 340 ms), paid twice by a large analysis that
 * runs again in a process set up for it, and by every command that never uses Neo4j.
 */
function neo4jLibrary(): typeof Neo4jLibrary {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@chokepoint/neo4j') as typeof Neo4jLibrary;
}

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
  const driver = neo4jLibrary().openDriver(connection);
  try {
    const database = connection.database;
    if (options.gds) progress(`Graph Data Science ${await neo4jLibrary().requireGds(driver, { database })} is installed`);
    progress(`reading the bundle from Neo4j at ${connection.uri}${options.query === undefined ? '' : ' (the entities of --query)'}`);
    return await neo4jLibrary().readBundle(driver, { database, query: options.query });
  } finally {
    await driver.close();
  }
}

/** How `chokepoint analyze --neo4j --gds` computes betweenness (the analyze options that apply). */
export interface GdsAnalysisOptions {
  /** Threads: GDS's concurrency for exact betweenness (default 1, which keeps the report byte-identical), or the engine's worker threads. */
  threads?: number;
  /**
   * As analyze's: 'auto' (exact up to AUTO_EXACT_LIMIT entities, sampled to ±AUTO_EPSILON above), 'exact', or a bound.
   * Exact betweenness is computed by GDS; an estimate by the engine, on the same network, with its stated bound.
   */
  betweenness?: 'auto' | 'exact' | { epsilon: number; delta?: number };
  /** Seed of the engine's sampling (analyze's --seed). */
  seed?: number;
  /** Progress lines. */
  onProgress?: (message: string) => void;
}

/**
 * For `chokepoint analyze --neo4j <uri> --gds`: clusters and betweenness computed by the Graph Data Science library in
 * Neo4j on the entities of `bundle` (the --query selection, or every stored entity), on the same weighted projection
 * as the engine's, as results the engine uses instead of its own. GDS runs Louvain. Betweenness: GDS computes it
 * exactly when the analysis would be exact (up to AUTO_EXACT_LIMIT entities, or 'exact'), normalized as the engine's;
 * otherwise the engine estimates it on the same network with its stated bound (GDS can only sample sources by
 * degree, which gives no bound), and `computedBy` says so. The third argument may be the thread count alone.
 */
export async function gdsResultsFromNeo4j(source: Neo4jSourceOptions, bundle: Bundle, options: number | GdsAnalysisOptions = {}): Promise<ExternalResults> {
  const settings: GdsAnalysisOptions = typeof options === 'number' ? { threads: options } : options;
  const mode = settings.betweenness ?? 'auto';
  const n = bundle.entities.length;
  const sampling = mode === 'exact' ? null : mode === 'auto' ? (n > AUTO_EXACT_LIMIT ? { epsilon: AUTO_EPSILON } : null) : mode;
  const progress = settings.onProgress ?? (() => undefined);
  const connection = resolveConnection(source);
  const driver = neo4jLibrary().openDriver(connection);
  let gds;
  try {
    const ids = source.query === undefined ? undefined : bundle.entities.map((e) => e.id);
    const weighedKg = new Map(bundle.shipments.filter((s) => s.kgBasis !== undefined && s.quantityKg !== undefined).map((s) => [s.id, s.quantityKg!]));
    const steps = { project: 'projecting the network in Neo4j (GDS)', louvain: 'finding clusters in Neo4j (gds.louvain)', betweenness: 'computing betweenness in Neo4j (gds.betweenness, exact)' } as const;
    gds = await neo4jLibrary().runGds(driver, {
      database: connection.database,
      ids,
      concurrency: sampling === null ? settings.threads : 1,
      weighedKg,
      betweenness: sampling === null,
      onProgress: (step) => progress(steps[step]),
    });
  } finally {
    await driver.close();
  }
  const louvain = `Neo4j Graph Data Science ${gds.gdsVersion} (gds.louvain, weighted, 1 thread`;
  if (gds.betweenness !== undefined) {
    const scale = betweennessScale(gds.nodes);
    const betweenness = new Map([...gds.betweenness].map(([id, score]) => [id, score * scale]));
    return {
      communities: gds.communities,
      betweenness,
      betweennessInfo: exactBetweennessInfo(gds.nodes, gds.concurrency, `shortest paths counted from every entity by Neo4j Graph Data Science ${gds.gdsVersion} (gds.betweenness)`),
      computedBy: `${louvain}; gds.betweenness, exact, ${gds.concurrency} thread${gds.concurrency === 1 ? '' : 's'})`,
    };
  }
  // The engine's estimate, as `analyze` computes it without --gds, on the same network GDS was given.
  const sample = sampling!;
  progress(`estimating betweenness (±${sample.epsilon}) in Chokepoint on the same network`);
  const csr = projectBundle(bundle);
  const run = await betweennessRunCSR(csr, { threads: settings.threads, epsilon: sample.epsilon, delta: sample.delta, seed: settings.seed ?? ANALYZE_DEFAULTS.seed });
  const betweenness = new Map<string, number>();
  csr.keys.forEach((id, i) => betweenness.set(id, run.values[i]));
  const confidence = run.delta === null ? '' : `, ${Math.round((1 - run.delta) * 100)} % confidence`;
  return {
    communities: gds.communities,
    betweenness,
    betweennessInfo: betweennessInfoOf(run, sample.epsilon),
    computedBy:
      `${louvain}); betweenness by Chokepoint on the same network (${run.exact ? 'exact' : `${run.samples} shortest paths sampled, ±${sample.epsilon}${confidence}`}, ` +
      `${run.threads} thread${run.threads === 1 ? '' : 's'}): GDS samples sources by degree, without a stated bound`,
  };
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
    .option('--gds', `with --neo4j: run Louvain, and betweenness when exact (up to ${AUTO_EXACT_LIMIT.toLocaleString('en-US')} entities), in Neo4j with the Graph Data Science library instead of in Chokepoint; above (or with --epsilon), Chokepoint estimates betweenness on the same network with its stated bound (--threads goes to GDS when it computes betweenness)`);
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
 * (and when the step changes), so that logs stay short. Silent with --quiet.
 */
function progressBar(io: CliIO, quiet: boolean): { update(what: string, done: number, total: number, unit: string, step: string): void; end(): void } {
  if (quiet) return { update: () => undefined, end: () => undefined };
  const tty = io === processIO && process.stderr.isTTY === true;
  let lastStep = -1;
  let lastPhase = '';
  let drawn = false;
  const render = (what: string, done: number, total: number, unit: string, step: string) => {
    const share = total === 0 ? 1 : Math.min(1, done / total);
    const width = 30;
    const full = Math.round(share * width);
    const bar = `${'#'.repeat(full)}${'-'.repeat(width - full)}`;
    const count = unit === '' ? '' : ` ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} ${unit}`;
    return `chokepoint: ${what} [${bar}] ${Math.floor(share * 100)
      .toString()
      .padStart(3)}%${count} (${step})`;
  };
  return {
    update(what, done, total, unit, step) {
      if (tty) {
        io.stderr(`\r${render(what, done, total, unit, step)}\x1b[K`);
        drawn = true;
        return;
      }
      const tenth = total === 0 ? 10 : Math.floor((done / total) * 10);
      const phase = `${what}\u0000${step}`;
      if (tenth === lastStep && phase === lastPhase) return;
      lastStep = tenth;
      lastPhase = phase;
      io.stderr(`${render(what, done, total, unit, step)}\n`);
    },
    end() {
      if (tty && drawn) io.stderr('\n');
      drawn = false;
    },
  };
}

/** The progress bar of an import (MERGE path), in rows. */
export function importProgressBar(io: CliIO, quiet: boolean): { update(p: ImportProgress): void; end(): void } {
  const bar = progressBar(io, quiet);
  return { update: (p) => bar.update('importing', p.done, p.total, 'rows', PHASE_WORDS[p.phase]), end: () => bar.end() };
}

/** The progress bar of a bulk import: writing the files (rows), then neo4j-admin (percent, by its stages). */
function bulkProgressBar(io: CliIO, quiet: boolean): { update(p: BulkProgress): void; end(): void } {
  const bar = progressBar(io, quiet);
  let step: BulkProgress['step'] | undefined;
  return {
    update(p) {
      if (step !== undefined && step !== p.step) bar.end();
      step = p.step;
      if (p.step === 'files') bar.update('writing files for neo4j-admin', p.done, p.total, 'rows', 'CSV');
      else bar.update('neo4j-admin', p.done, p.total, '', p.stage ?? 'import');
    },
    end: () => bar.end(),
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


interface ImportFlags extends ConnectionFlags {
  batchSize: number;
  replace?: boolean;
  lenient?: boolean;
  bulk?: boolean;
  neo4jHome?: string;
  start?: boolean;
  bulkDir?: string;
}

/** The Neo4j installation of --bulk: --neo4j-home, else NEO4J_HOME; checked to hold bin/neo4j-admin. */
export function bulkHome(flags: { bulk?: boolean; neo4jHome?: string; start?: boolean; bulkDir?: string }, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (!flags.bulk) {
    const stray = (['neo4jHome', 'start', 'bulkDir'] as const).filter((k) => flags[k] !== undefined);
    if (stray.length > 0) {
      const names = stray.map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
      throw new UsageError(`${names.join(', ')} only work${stray.length === 1 ? 's' : ''} with --bulk`);
    }
    return undefined;
  }
  const home = flags.neo4jHome ?? (env.NEO4J_HOME === '' ? undefined : env.NEO4J_HOME);
  if (home === undefined) {
    throw new UsageError('--bulk writes the database files with neo4j-admin: give the Neo4j installation folder with --neo4j-home <dir> (or NEO4J_HOME)');
  }
  const { admin } = neo4jLibrary().neo4jCommands(home);
  if (!existsSync(admin)) {
    throw new UsageError(`--neo4j-home ${home} is not a Neo4j installation: it has no bin/neo4j-admin (give the folder that holds bin/, conf/ and data/)`);
  }
  return home;
}

function importCommand(io: CliIO): Command {
  return withConnectionOptions(
    new Command('import')
      .description(
        'Load a bundle into Neo4j: entities, relations, shipments and places, in batched transactions after ' +
          'uniqueness constraints (see docs/neo4j.md for the graph model). Running it again is safe: the same bundle ' +
          'leaves the same database, and an interrupted import resumes where it stopped. With --bulk, a first load ' +
          'into a stopped server writes the database with neo4j-admin instead, many times faster.',
      )
      .argument('<bundle>', 'a folder with entities.csv and optionally relations.csv, shipments.csv, places.csv, or a FollowTheMoney .jsonl file')
      .option('--batch-size <n>', 'rows per transaction', parsePositiveInteger, DEFAULT_BATCH_SIZE)
      .option('--replace', 'replace what the database holds when it is another bundle (or another version of this one); with --bulk, the whole database')
      .option('--lenient', 'skip bad rows of the bundle instead of stopping (they are kept with the bundle and listed in reports)')
      .option('--bulk', 'first load into a stopped local server: write CSV files and run neo4j-admin database import full (the database must not exist, or --replace)')
      .option('--neo4j-home <dir>', 'with --bulk: the Neo4j installation, whose bin/neo4j-admin writes the database (default: NEO4J_HOME)')
      .option('--start', 'with --bulk: then start the server (<neo4j-home>/bin/neo4j start), wait for it at --uri, and create the constraints')
      .option('--bulk-dir <dir>', 'with --bulk: write the CSV files for neo4j-admin into this folder and keep them (default: a temporary folder, deleted afterwards)'),
  ).action(async (path: string, flags: ImportFlags) => {
    const progress = progressReporter(io, flags.quiet ?? false);
    const connection = resolveConnection(flags);
    const home = bulkHome(flags);
    progress(`reading ${path}`);
    const bundle = await readInput(path, { lenient: flags.lenient });
    progress(
      `read ${bundle.entities.length} entities, ${bundle.relations.length} relations, ${bundle.shipments.length} shipments, ${bundle.places.length} places`,
    );
    if (home !== undefined) {
      await bulkImportAction(io, path, bundle, home, connection, flags);
      return;
    }
    const driver = neo4jLibrary().openDriver(connection);
    const bar = importProgressBar(io, flags.quiet ?? false);
    const started = Date.now();
    try {
      progress(`importing into Neo4j at ${connection.uri}${connection.database === undefined ? '' : `, database ${connection.database}`}`);
      const result = await neo4jLibrary().importBundle(driver, bundle, {
        database: connection.database,
        batchSize: flags.batchSize,
        replace: flags.replace,
        onProgress: resumeAnnouncer(progress, bar),
      });
      bar.end();
      const seconds = Math.round(((Date.now() - started) / 1000) * 10) / 10;
      const summary = {
        bundle: result.bundle,
        uri: connection.uri,
        database: connection.database ?? null,
        mode: 'merge',
        entities: bundle.entities.length,
        relations: bundle.relations.length,
        shipments: bundle.shipments.length,
        places: bundle.places.length,
        rows: result.rows,
        resumedFrom: result.resumedFrom,
        replaced: result.replaced,
        finishedBulk: result.finishedBulk,
        seconds,
      };
      if (flags.json) {
        io.stdout(`${JSON.stringify(summary)}\n`);
      } else if (result.finishedBulk) {
        const left = result.rows - result.resumedFrom;
        io.stdout(
          `Finished the bulk import of bundle ${result.bundle} in Neo4j at ${connection.uri}: created the constraints` +
            `${left > 0 ? ` and wrote the ${left} rows neo4j-admin could not hold` : ''} in ${seconds} s.\n` +
            `Analyze it with: chokepoint analyze --neo4j ${connection.uri}\n`,
        );
      } else {
        io.stdout(
          `Imported bundle ${result.bundle} into Neo4j at ${connection.uri}: ${summary.entities} entities, ${summary.relations} relations, ` +
            `${summary.shipments} shipments, ${summary.places} places in ${seconds} s` +
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

/** Says once, before the bar, that an import resumes an interrupted one or finishes a bulk one. */
function resumeAnnouncer(progress: (message: string) => void, bar: { update(p: ImportProgress): void; end(): void }): (p: ImportProgress) => void {
  let announced = false;
  return (p) => {
    if (!announced && p.resumedFrom > 0) {
      bar.end();
      if (p.bulk) {
        const left = p.total - p.resumedFrom;
        progress(`finishing the bulk import of this bundle: creating the constraints${left > 0 ? `, then writing the ${left.toLocaleString('en-US')} rows neo4j-admin could not hold` : ''}`);
      } else {
        progress(`resuming an interrupted import of this bundle after ${p.resumedFrom.toLocaleString('en-US')} rows`);
      }
    }
    announced = true;
    bar.update(p);
  };
}

/** `chokepoint neo4j import --bulk`: files and neo4j-admin, then (with --start) the server and the constraints. */
async function bulkImportAction(io: CliIO, path: string, bundle: Bundle, home: string, connection: Neo4jConnection, flags: ImportFlags): Promise<void> {
  const progress = progressReporter(io, flags.quiet ?? false);
  const database = connection.database ?? 'neo4j';
  const started = Date.now();
  const bar = bulkProgressBar(io, flags.quiet ?? false);
  progress(`importing in bulk into database ${database} of ${home} with neo4j-admin (the server must be stopped)`);
  let result;
  try {
    result = await neo4jLibrary().bulkImport(bundle, { neo4jHome: home, database, replace: flags.replace, dir: flags.bulkDir, onProgress: (p) => bar.update(p) });
  } finally {
    bar.end();
  }
  const bulkSeconds = (Date.now() - started) / 1000;
  const round = (x: number) => Math.round(x * 10) / 10;
  const counts = {
    entities: bundle.entities.length,
    relations: bundle.relations.length,
    shipments: bundle.shipments.length,
    places: bundle.places.length,
  };
  const summary: Record<string, unknown> = {
    bundle: result.bundle,
    uri: connection.uri,
    database,
    mode: 'bulk',
    neo4jHome: home,
    ...counts,
    rows: result.total,
    bulkRows: result.rows,
    filesSeconds: round(result.filesSeconds),
    adminSeconds: round(result.adminSeconds),
    ...(result.dir === undefined ? {} : { bulkDir: result.dir }),
  };
  const rerun = `chokepoint neo4j import ${path}${flags.uri === undefined ? '' : ` --uri ${connection.uri}`}${connection.database === undefined ? '' : ` --database ${connection.database}`}`;
  if (!flags.start) {
    if (flags.json) {
      io.stdout(`${JSON.stringify({ ...summary, finished: false, seconds: round(bulkSeconds) })}\n`);
    } else {
      io.stdout(
        `Wrote bundle ${result.bundle} into database ${database} of ${home} with neo4j-admin: ${counts.entities} entities, ${counts.relations} relations, ` +
          `${counts.shipments} shipments, ${counts.places} places in ${round(bulkSeconds)} s.\n` +
          `Next: start Neo4j (${neo4jLibrary().neo4jCommands(home).neo4j} start), then run ${rerun}\n` +
          `once more: it creates the constraints and finishes the import without writing the rows again.\n`,
      );
    }
    return;
  }
  progress(`starting Neo4j (${neo4jLibrary().neo4jCommands(home).neo4j} start) and waiting for it at ${connection.uri}`);
  const startStarted = Date.now();
  await neo4jLibrary().startNeo4j(home);
  const driver = neo4jLibrary().openDriver(connection);
  const finishBar = importProgressBar(io, flags.quiet ?? false);
  try {
    await neo4jLibrary().waitForServer(driver, { database: connection.database });
    const startSeconds = round((Date.now() - startStarted) / 1000);
    const finishStarted = Date.now();
    const finished = await neo4jLibrary().importBundle(driver, bundle, { database: connection.database, batchSize: flags.batchSize, onProgress: resumeAnnouncer(progress, finishBar) });
    finishBar.end();
    const seconds = round((Date.now() - started) / 1000);
    const finishSeconds = round((Date.now() - finishStarted) / 1000);
    if (flags.json) {
      io.stdout(`${JSON.stringify({ ...summary, finished: true, startSeconds, finishSeconds, seconds })}\n`);
    } else {
      io.stdout(
        `Imported bundle ${finished.bundle} into Neo4j at ${connection.uri} in bulk: ${counts.entities} entities, ${counts.relations} relations, ` +
          `${counts.shipments} shipments, ${counts.places} places in ${seconds} s (files and neo4j-admin ${round(bulkSeconds)} s, server start ${startSeconds} s, constraints ${finishSeconds} s).\n` +
          `Analyze it with: chokepoint analyze --neo4j ${connection.uri}\n`,
      );
    }
  } finally {
    finishBar.end();
    await driver.close();
  }
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
    const report = readReportFor(path, { records: false }, progress);
    const driver = neo4jLibrary().openDriver(connection);
    try {
      progress(`writing the results of ${path} to Neo4j at ${connection.uri}`);
      const result = await neo4jLibrary().writeBack(driver, report, { database: connection.database });
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
