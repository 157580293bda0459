import neo4j, { type Driver } from 'neo4j-driver';
import { controlledCount, type Report } from '@chokepoint/report';
import { checkConnection, classifyError, closeQuietly, describeServer, openSession, type DatabaseOptions } from './connect';
import { toNumber } from './convert';
import { Neo4jDataError } from './errors';
import { BUNDLE_LABEL, ENTITY_LABEL, FLAG_LABEL, FLAG_TYPES, SHIPMENT_LABEL, WRITE_BACK_PROPERTIES } from './schema';

export interface WriteBackOptions extends DatabaseOptions {
  /** Entities per transaction (default 5000). */
  batchSize?: number;
}

export interface WriteBackResult {
  /** Entity nodes that received the report's results. */
  entities: number;
  /** Entities of the report not found in the database (0 when the report is of the bundle that was imported). */
  missing: number;
  /** Ids of up to 10 of them, for the message. */
  missingIds: string[];
  /** :Flag nodes written. */
  flags: number;
  /** Entity nodes whose results from an earlier write-back were removed because this report does not cover them. */
  cleared: number;
}

const ENTITY_RESULTS = `UNWIND $rows AS row
MATCH (e:${ENTITY_LABEL} {id: row.id})
SET e.chokepointCluster = row.cluster,
    e.chokepointBetweenness = row.betweenness,
    e.chokepointArticulation = row.articulation,
    e.chokepointCutOff = row.cutOff,
    e.chokepointDegree = row.degree,
    e.chokepointKeyScore = row.keyScore,
    e.chokepointKeyRank = row.keyRank,
    e.chokepointGroup = row.group,
    e.chokepointControlsFlagged = row.controlsFlagged,
    e.chokepointFlags = row.flags,
    e.chokepointFlagCount = row.flagCount
RETURN collect(row.id) AS found`;

const CLEAR_STALE = `MATCH (e:${ENTITY_LABEL}) WHERE e.chokepointCluster IS NOT NULL AND NOT e.id IN $ids
REMOVE ${WRITE_BACK_PROPERTIES.map((p) => `e.${p}`).join(', ')}
RETURN count(e) AS n`;

const FLAGS = `UNWIND $rows AS row
MERGE (f:${FLAG_LABEL} {id: row.id})
SET f += row.props
WITH f, row
CALL {
  WITH f, row
  OPTIONAL MATCH (f)-[old:${FLAG_TYPES.entity}|${FLAG_TYPES.shipment}]->(x)
  WHERE (x:${ENTITY_LABEL} AND NOT x.id IN row.entities) OR (x:${SHIPMENT_LABEL} AND NOT x.id IN row.shipments)
  DELETE old
}
CALL {
  WITH f, row
  UNWIND row.entities AS id
  MATCH (e:${ENTITY_LABEL} {id: id})
  MERGE (f)-[:${FLAG_TYPES.entity}]->(e)
}
CALL {
  WITH f, row
  UNWIND row.shipments AS id
  MATCH (s:${SHIPMENT_LABEL} {id: id})
  MERGE (f)-[:${FLAG_TYPES.shipment}]->(s)
}
RETURN count(*) AS n`;

const CLEAR_FLAGS = `MATCH (f:${FLAG_LABEL}) WHERE NOT f.id IN $ids DETACH DELETE f`;

/**
 * Stores a report's results on the entity nodes (`chokepointCluster`, `chokepointBetweenness`,
 * `chokepointArticulation`, `chokepointCutOff`, `chokepointDegree`, `chokepointKeyScore`/`chokepointKeyRank` on
 * key nodes, `chokepointGroup` (company group, on members of one), `chokepointControlsFlagged` (flagged companies
 * an entity stands behind, on controllers), `chokepointFlags`, `chokepointFlagCount`) and its red flags as
 * `(:Flag)-[:FLAGS]->(:Entity)` and `(:Flag)-[:CONCERNS]->(:Shipment)`. Idempotent: writing the same report again
 * changes nothing, and writing another report replaces the results of the earlier one (flags it no longer has are
 * deleted, results on entities it does not cover are removed).
 */
export async function writeBack(driver: Driver, report: Report, options: WriteBackOptions = {}): Promise<WriteBackResult> {
  const batchSize = options.batchSize ?? 5000;
  await checkConnection(driver, options);
  const session = openSession(driver, options, 'WRITE');
  try {
    const stored = await session.executeRead((tx) => tx.run(`MATCH (b:${BUNDLE_LABEL}) RETURN b.name AS name`));
    const names = stored.records.map((r) => String(r.get('name')));
    const where = describeServer(driver);
    if (names.length === 0) {
      throw new Neo4jDataError(`${where} holds no Chokepoint bundle to write the report to: import the bundle first (chokepoint neo4j import)`);
    }
    if (!names.includes(report.input.bundle)) {
      throw new Neo4jDataError(
        `the report is of bundle ${JSON.stringify(report.input.bundle)} but ${where} holds ${names.map((n) => JSON.stringify(n)).join(', ')}: write back a report of that bundle`,
      );
    }

    const key = new Map(report.keyNodes.map((k) => [k.id, k]));
    const controls = new Map(report.controllers.map((c) => [c.id, controlledCount(c)]));
    const rows = report.entities.map((e) => {
      const k = key.get(e.id);
      return {
        id: e.id,
        cluster: neo4j.int(e.cluster),
        betweenness: e.betweenness,
        articulation: e.articulation,
        cutOff: neo4j.int(e.cutOff),
        degree: neo4j.int(e.degree),
        keyScore: k === undefined ? null : k.score,
        keyRank: k === undefined ? null : neo4j.int(k.rank),
        group: e.group === 0 ? null : neo4j.int(e.group),
        controlsFlagged: controls.has(e.id) ? neo4j.int(controls.get(e.id)!) : null,
        flags: e.flags,
        flagCount: neo4j.int(e.flags.length),
      };
    });
    let found = 0;
    const foundIds = new Set<string>();
    for (let i = 0; i < rows.length; i += batchSize) {
      const batch = rows.slice(i, i + batchSize);
      const result = await session.executeWrite((tx) => tx.run(ENTITY_RESULTS, { rows: batch }));
      const ids = result.records[0].get('found') as string[];
      found += ids.length;
      for (const id of ids) foundIds.add(id);
    }
    if (found === 0 && rows.length > 0) {
      throw new Neo4jDataError(
        `none of the report's ${rows.length} entities is in ${where}: write back a report of the bundle that was imported`,
      );
    }
    const allIds = report.entities.map((e) => e.id);
    const cleared = await session.executeWrite((tx) => tx.run(CLEAR_STALE, { ids: allIds }));

    const flagRows = report.flags.map((f) => ({
      id: f.id,
      entities: f.entities,
      shipments: f.shipments,
      props: {
        rule: f.rule,
        title: f.title,
        severity: f.severity,
        summary: f.summary,
        source: f.source,
        subject: f.entity,
        counterparties: f.counterparties,
        evidenceJson: JSON.stringify(f.evidence),
      },
    }));
    for (let i = 0; i < flagRows.length; i += batchSize) {
      const batch = flagRows.slice(i, i + batchSize);
      await session.executeWrite((tx) => tx.run(FLAGS, { rows: batch }));
    }
    await session.executeWrite((tx) => tx.run(CLEAR_FLAGS, { ids: report.flags.map((f) => f.id) }));

    const missingIds = allIds.filter((id) => !foundIds.has(id));
    return {
      entities: found,
      missing: missingIds.length,
      missingIds: missingIds.slice(0, 10),
      flags: flagRows.length,
      cleared: toNumber(cleared.records[0].get('n')) ?? 0,
    };
  } catch (err) {
    throw classifyError(err, driver, { ...options, started: true });
  } finally {
    await closeQuietly(session);
  }
}
