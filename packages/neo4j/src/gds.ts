import { type Driver } from 'neo4j-driver';
import { TIE_WEIGHTS } from '@chokepoint/engine';
import { checkConnection, classifyError, closeQuietly, describeServer, openSession, type DatabaseOptions } from './connect';
import { toNumber } from './convert';
import { GdsMissingError } from './errors';
import { ENTITY_LABEL, RELATION_TYPES, SHIPMENT_LABEL, SHIPMENT_TYPES } from './schema';

const NOT_INSTALLED = /Neo\.ClientError\.Procedure\.ProcedureNotFound|Neo\.ClientError\.Statement\.SyntaxError/;

/** The version of the Graph Data Science library on the server, or undefined when it is not installed. */
export async function gdsVersion(driver: Driver, options: DatabaseOptions = {}): Promise<string | undefined> {
  await checkConnection(driver, options);
  const session = openSession(driver, options, 'READ');
  try {
    const result = await session.run('CALL gds.version() YIELD gdsVersion RETURN gdsVersion');
    return String(result.records[0]?.get('gdsVersion'));
  } catch (err) {
    const code = (err as { code?: unknown })?.code;
    // ProcedureNotFound: no such procedure. (A SyntaxError is what older servers answer for unknown procedures.)
    if (typeof code === 'string' && NOT_INSTALLED.test(code) && /gds/i.test(String((err as Error).message))) return undefined;
    throw classifyError(err, driver, options);
  } finally {
    await closeQuietly(session);
  }
}

/** Whether `CALL gds.version()` works on the server. */
export async function gdsAvailable(driver: Driver, options: DatabaseOptions = {}): Promise<boolean> {
  return (await gdsVersion(driver, options)) !== undefined;
}

/** Throws GdsMissingError unless the Graph Data Science library is installed. */
export async function requireGds(driver: Driver, options: DatabaseOptions = {}): Promise<string> {
  const version = await gdsVersion(driver, options);
  if (version === undefined) {
    throw new GdsMissingError(
      `the Graph Data Science library is not installed on ${describeServer(driver)} (CALL gds.version() failed): install the GDS plugin on the server, or let Chokepoint compute clusters and betweenness itself`,
      'Neo.ClientError.Procedure.ProcedureNotFound',
      'without-gds',
    );
  }
  return version;
}

export interface GdsResult {
  gdsVersion: string;
  /** Nodes of the projected graph (every selected entity, isolated ones too). */
  nodes: number;
  /** Undirected relationships of the projected graph, as GDS counts them (each pair twice). */
  relationships: number;
  /**
   * Entity id → Louvain community id (GDS's numbering). A value the driver cannot read as a number is NaN, so
   * that the engine refuses it rather than taking it for community 0.
   */
  communities: Map<string, number>;
  /**
   * Entity id → betweenness as GDS gives it: the raw score of the undirected graph (pairs counted once); NaN when
   * unreadable. Absent when not asked for (`betweenness: false`).
   */
  betweenness?: Map<string, number>;
  /** Threads GDS was allowed (the Community edition caps it at 4). */
  concurrency: number;
  /** Seconds each step took in the database: the projection, Louvain, betweenness (0 when not run). */
  seconds: { project: number; louvain: number; betweenness: number };
}

export interface GdsOptions extends DatabaseOptions {
  /** Name of the in-memory graph (dropped afterwards). */
  graphName?: string;
  /** Only these entities (a query's selection) and the ties among them; all entities when absent. */
  ids?: readonly string[];
  /**
   * Threads for betweenness (at most 4 on the Community edition). Default 1: with more, GDS adds the
   * contributions in a varying order and the last digits can change from run to run. Louvain always runs on one
   * thread, so that the same database gives the same communities.
   */
  concurrency?: number;
  /**
   * Kilograms of the shipments the analysis weighed itself (volumes, with densities), by shipment id: the database
   * holds the quantities as imported, so these come as a parameter.
   */
  weighedKg?: ReadonlyMap<string, number>;
  /**
   * Whether GDS computes betweenness (default true). GDS computes it exactly, which takes hours on 100,000 entities;
   * its sampling (`samplingSize`) picks sources by degree and gives no stated error bound, so a caller that needs an
   * estimate with a bound computes it itself on the same network and sets this to false.
   */
  betweenness?: boolean;
  /** Called as each step starts in the database. */
  onProgress?: (step: 'project' | 'louvain' | 'betweenness') => void;
}

/** Weighed kilograms as a query parameter: a plain map without a prototype (ids are data). */
function weighedParameter(weighed: ReadonlyMap<string, number> | undefined): Record<string, number> {
  const out = Object.create(null) as Record<string, number>;
  for (const [id, kg] of weighed ?? []) out[id] = kg;
  return out;
}

/**
 * The weighted, undirected projection of docs/report.md, built in the database: for each pair of entities the sum
 * of its tie weights (TIE_WEIGHTS by relationship type) plus the trade weight of all shipments between them,
 * 0.5 + 0.5 · min(1, log10(1 + kg) / 6), or 0.5 when no mass is known. The ties shipments imply (payer → buyer
 * paid_for, buyer → consignee consigned_to) count once per pair, unless the tie is stored as a relation, as the
 * analysis adds them. Weights are parameters.
 */
const PAIRS = `CALL {
  MATCH (a:${ENTITY_LABEL})-[r:${Object.values(RELATION_TYPES).join('|')}]->(b:${ENTITY_LABEL})
  WHERE $ids IS NULL OR (a.id IN $ids AND b.id IN $ids)
  RETURN a, b, $weights[type(r)] AS w, null AS kg, false AS trade
  UNION ALL
  MATCH (a:${ENTITY_LABEL})-[:${SHIPMENT_TYPES.supplier}]->(sh:${SHIPMENT_LABEL})-[:${SHIPMENT_TYPES.buyer}]->(b:${ENTITY_LABEL})
  WHERE $ids IS NULL OR (a.id IN $ids AND b.id IN $ids)
  RETURN a, b, 0.0 AS w, coalesce(sh.quantityKg, $weighed[sh.id]) AS kg, true AS trade
  UNION ALL
  MATCH (s:${ENTITY_LABEL})-[:${SHIPMENT_TYPES.supplier}]->(sh:${SHIPMENT_LABEL})-[:${SHIPMENT_TYPES.buyer}]->(b:${ENTITY_LABEL}), (sh)-[:${SHIPMENT_TYPES.payer}]->(a:${ENTITY_LABEL})
  WHERE a <> b AND ($ids IS NULL OR (s.id IN $ids AND a.id IN $ids AND b.id IN $ids)) AND NOT EXISTS { (a)-[:${RELATION_TYPES.paid_for}]->(b) }
  WITH DISTINCT a, b
  RETURN a, b, $weights['${RELATION_TYPES.paid_for}'] AS w, null AS kg, false AS trade
  UNION ALL
  MATCH (s:${ENTITY_LABEL})-[:${SHIPMENT_TYPES.supplier}]->(sh:${SHIPMENT_LABEL})-[:${SHIPMENT_TYPES.buyer}]->(a:${ENTITY_LABEL}), (sh)-[:${SHIPMENT_TYPES.consignee}]->(b:${ENTITY_LABEL})
  WHERE a <> b AND ($ids IS NULL OR (s.id IN $ids AND a.id IN $ids AND b.id IN $ids)) AND NOT EXISTS { (a)-[:${RELATION_TYPES.consigned_to}]->(b) }
  WITH DISTINCT a, b
  RETURN a, b, $weights['${RELATION_TYPES.consigned_to}'] AS w, null AS kg, false AS trade
}
WITH CASE WHEN elementId(a) < elementId(b) THEN a ELSE b END AS x,
     CASE WHEN elementId(a) < elementId(b) THEN b ELSE a END AS y, w, kg, trade
WHERE x <> y
WITH x, y, sum(w) AS ties, sum(coalesce(kg, 0.0)) AS totalKg, count(kg) AS withKg, max(CASE WHEN trade THEN 1 ELSE 0 END) AS trades
WITH x, y, ties + CASE
    WHEN trades = 0 THEN 0.0
    WHEN withKg = 0 OR totalKg <= 0 THEN 0.5
    ELSE 0.5 + 0.5 * CASE WHEN log10(1 + totalKg) / 6 > 1 THEN 1.0 ELSE log10(1 + totalKg) / 6 END
  END AS weight`;

/**
 * The projection plus every entity (isolated ones too), handed to GDS's Cypher projection as they come (no list of
 * every pair is built in the server's memory first): the pairs, then the entities, which GDS adds once each.
 */
const PROJECT = `CALL {
${PAIRS.split('\n').map((l) => `  ${l}`).join('\n')}
  RETURN x, y, weight
  UNION ALL
  MATCH (n:${ENTITY_LABEL}) WHERE $ids IS NULL OR n.id IN $ids
  RETURN n AS x, null AS y, null AS weight
}
WITH gds.graph.project($graph, x, y,
  CASE WHEN y IS NULL THEN {} ELSE {relationshipProperties: {weight: weight}} END,
  {undirectedRelationshipTypes: ['*']}) AS g
RETURN g.nodeCount AS nodes, g.relationshipCount AS relationships`;

const tieWeights = () =>
  Object.fromEntries(Object.entries(RELATION_TYPES).map(([kind, type]) => [type, TIE_WEIGHTS[kind as keyof typeof TIE_WEIGHTS]]));

/** The weighted pairs `runGds` projects (computed by the database, without GDS): for checking them against the engine. */
export async function projectionWeights(driver: Driver, options: DatabaseOptions & { ids?: readonly string[]; weighedKg?: ReadonlyMap<string, number> } = {}): Promise<{ a: string; b: string; weight: number }[]> {
  await checkConnection(driver, options);
  const session = openSession(driver, options, 'READ');
  try {
    const result = await session.executeRead((tx) => tx.run(`${PAIRS}\nRETURN x.id AS a, y.id AS b, weight`, { weights: tieWeights(), ids: options.ids ?? null, weighed: weighedParameter(options.weighedKg) }));
    return result.records.map((r) => ({ a: String(r.get('a')), b: String(r.get('b')), weight: toNumber(r.get('weight')) ?? 0 }));
  } catch (err) {
    throw classifyError(err, driver, { ...options, started: true });
  } finally {
    await closeQuietly(session);
  }
}

/**
 * Runs Louvain (weighted, on one thread so that the same database gives the same communities) and, unless
 * `betweenness: false`, exact betweenness in the database with the Graph Data Science library, on the same weighted
 * undirected projection as the engine's, and streams the results back: nothing is written to the database. Throws
 * GdsMissingError when GDS is not installed.
 */
export async function runGds(driver: Driver, options: GdsOptions = {}): Promise<GdsResult> {
  const version = await requireGds(driver, options);
  const graph = options.graphName ?? `chokepoint-${process.pid}-${Date.now()}`;
  const concurrency = options.concurrency ?? 1;
  const session = openSession(driver, options, 'WRITE');
  const seconds = { project: 0, louvain: 0, betweenness: 0 };
  const timed = async <T>(step: keyof typeof seconds, work: () => Promise<T>): Promise<T> => {
    options.onProgress?.(step);
    const t = performance.now();
    const value = await work();
    seconds[step] = (performance.now() - t) / 1000;
    return value;
  };
  try {
    await session.run('CALL gds.graph.drop($graph, false) YIELD graphName RETURN graphName', { graph });
    const projected = await timed('project', () => session.run(PROJECT, { graph, weights: tieWeights(), ids: options.ids ?? null, weighed: weighedParameter(options.weighedKg) }));
    try {
      const communities = new Map<string, number>();
      const louvain = await timed('louvain', () =>
        session.run(
          `CALL gds.louvain.stream($graph, {relationshipWeightProperty: 'weight', concurrency: 1})
           YIELD nodeId, communityId RETURN gds.util.asNode(nodeId).id AS id, communityId`,
          { graph },
        ),
      );
      for (const r of louvain.records) communities.set(String(r.get('id')), toNumber(r.get('communityId')) ?? NaN);
      const nodes = toNumber(projected.records[0].get('nodes')) ?? 0;
      let betweenness: Map<string, number> | undefined;
      if (options.betweenness ?? true) {
        const bc = await timed('betweenness', () =>
          session.run(
            `CALL gds.betweenness.stream($graph, {concurrency: toInteger($concurrency)}) YIELD nodeId, score RETURN gds.util.asNode(nodeId).id AS id, score`,
            { graph, concurrency },
          ),
        );
        betweenness = new Map();
        for (const r of bc.records) betweenness.set(String(r.get('id')), toNumber(r.get('score')) ?? NaN);
      }
      return {
        gdsVersion: version,
        nodes,
        relationships: toNumber(projected.records[0].get('relationships')) ?? 0,
        communities,
        ...(betweenness === undefined ? {} : { betweenness }),
        concurrency,
        seconds,
      };
    } finally {
      await session.run('CALL gds.graph.drop($graph, false) YIELD graphName RETURN graphName', { graph });
    }
  } catch (err) {
    throw classifyError(err, driver, { ...options, started: true });
  } finally {
    await closeQuietly(session);
  }
}
