import { createHash } from 'node:crypto';
import neo4j, { type Driver, type ManagedTransaction, type Session } from 'neo4j-driver';
import { DATA_FORMAT_VERSION, type Bundle, type Entity, type Place, type Relation, type Shipment } from '@chokepoint/model';
import { checkConnection, classifyError, closeQuietly, describeServer, openSession, type DatabaseOptions } from './connect';
import { keyOrderOf, toLocation, toProperties, type PropertyValue } from './convert';
import { DEFAULT_BATCH_SIZE } from './defaults';
import { Neo4jBundleConflictError, Neo4jDataError } from './errors';
import {
  BUNDLE_LABEL,
  CONSTRAINTS,
  ENTITY_FIELDS,
  ENTITY_KIND_LABELS,
  ENTITY_LABEL,
  FLAG_LABEL,
  PLACE_FIELDS,
  PLACE_KIND_LABELS,
  PLACE_LABEL,
  RELATION_FIELDS,
  RELATION_TYPES,
  SHIPMENT_FIELDS,
  SHIPMENT_LABEL,
  SHIPMENT_TYPES,
} from './schema';

export type ImportPhase = 'entities' | 'relations' | 'shipments' | 'places';

export interface ImportProgress {
  phase: ImportPhase;
  /** Rows written so far, over all phases (including rows a resumed import found already written). */
  done: number;
  /** Rows of the bundle: entities + relations + shipments + places. */
  total: number;
  /** Rows an interrupted earlier import had already written, which this one skips. */
  resumedFrom: number;
  /** True when this import finishes one written in bulk by neo4j-admin (`bulkImport`): it creates the constraints and writes what is left. */
  bulk: boolean;
}

export interface ImportOptions extends DatabaseOptions {
  /** Rows per transaction (default 2000). */
  batchSize?: number;
  /** Called after each committed batch. */
  onProgress?: (progress: ImportProgress) => void;
  /**
   * Replace what the database holds when it is another bundle, or another version of this one. Without it such
   * an import is refused (Neo4jBundleConflictError), so that nothing is overwritten by mistake.
   */
  replace?: boolean;
}

export interface ImportResult {
  bundle: string;
  /** Rows of the bundle. */
  rows: number;
  /** Rows an earlier, interrupted import of the same bundle had written (skipped this time); 0 otherwise. */
  resumedFrom: number;
  /** True when another bundle was deleted first (`replace`). */
  replaced: boolean;
  /** True when this import finished one written in bulk by neo4j-admin (`bulkImport`). */
  finishedBulk: boolean;
}


/**
 * Labels and relationship types are chosen from fixed maps by kind: a kind outside them is refused before anything
 * is written (a bundle read by ingest never has one; a bundle built in code might).
 */
export function checkKinds(bundle: Bundle): void {
  const check = (what: string, kinds: Record<string, string>, list: { kind: string }[]) => {
    for (let i = 0; i < list.length; i++) {
      if (!Object.prototype.hasOwnProperty.call(kinds, list[i].kind)) {
        throw new Neo4jDataError(
          `cannot import ${what} ${i + 1} of bundle ${JSON.stringify(bundle.name)}: unknown ${what} kind ${JSON.stringify(list[i].kind)} (expected one of: ${Object.keys(kinds).join(', ')})`,
        );
      }
    }
  };
  check('entity', ENTITY_KIND_LABELS, bundle.entities);
  check('relation', RELATION_TYPES, bundle.relations);
  check('place', PLACE_KIND_LABELS, bundle.places);
}

/** Fingerprint of everything an import stores, to tell "the same bundle again" from "another bundle". */
export function contentHash(bundle: Bundle): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ format: DATA_FORMAT_VERSION, name: bundle.name, rejected: bundle.rejected, warnings: bundle.warnings }));
  for (const list of [bundle.entities, bundle.relations, bundle.shipments, bundle.places]) {
    hash.update('\u0001');
    for (const r of list) hash.update(JSON.stringify(r));
  }
  return hash.digest('hex');
}

// ---- Cypher: fixed text; labels and types come from the whitelists in schema.ts. -------------------------

// One statement per batch and phase (a statement per kind would cost a round trip each): the label or type of a
// row is applied by the FOREACH whose literal matches `row.label` / `row.type`, both taken from the maps.
const when = (field: string, value: string, body: string) => `FOREACH (_ IN CASE WHEN row.${field} = '${value}' THEN [1] ELSE [] END | ${body})`;

const labelSwitch = (variable: string, labels: Record<string, string>) =>
  Object.values(labels)
    .map((label) => {
      const others = Object.values(labels).filter((l) => l !== label);
      return when('label', label, `SET ${variable}:${label} REMOVE ${variable}${others.map((l) => `:${l}`).join('')}`);
    })
    .join('\n');

const ENTITY_QUERY = `UNWIND $rows AS row
MERGE (e:${ENTITY_LABEL} {id: row.id})
SET e += row.props
${labelSwitch('e', ENTITY_KIND_LABELS)}
RETURN count(*) AS n, 0 AS missing`;

const RELATION_QUERY = `UNWIND $rows AS row
MATCH (a:${ENTITY_LABEL} {id: row.source})
MATCH (b:${ENTITY_LABEL} {id: row.target})
${Object.values(RELATION_TYPES)
  .map((type) => when('type', type, `MERGE (a)-[r:${type} {seq: row.seq}]->(b) SET r += row.props`))
  .join('\n')}
RETURN count(*) AS n, 0 AS missing`;

const SHIPMENT_QUERY = `UNWIND $rows AS row
MATCH (s:${ENTITY_LABEL} {id: row.supplier})
MATCH (b:${ENTITY_LABEL} {id: row.buyer})
MERGE (sh:${SHIPMENT_LABEL} {id: row.id})
SET sh += row.props
MERGE (s)-[:${SHIPMENT_TYPES.supplier}]->(sh)
MERGE (sh)-[:${SHIPMENT_TYPES.buyer}]->(b)
WITH sh, row
OPTIONAL MATCH (c:${ENTITY_LABEL} {id: row.consignee})
FOREACH (_ IN CASE WHEN c IS NULL THEN [] ELSE [1] END | MERGE (sh)-[:${SHIPMENT_TYPES.consignee}]->(c))
WITH sh, row, c
OPTIONAL MATCH (p:${ENTITY_LABEL} {id: row.payer})
FOREACH (_ IN CASE WHEN p IS NULL THEN [] ELSE [1] END | MERGE (sh)-[:${SHIPMENT_TYPES.payer}]->(p))
RETURN count(*) AS n,
  sum(CASE WHEN row.consignee IS NOT NULL AND c IS NULL THEN 1 ELSE 0 END) + sum(CASE WHEN row.payer IS NOT NULL AND p IS NULL THEN 1 ELSE 0 END) AS missing`;

const PLACE_QUERY = `UNWIND $rows AS row
MERGE (p:${PLACE_LABEL} {id: row.id})
SET p += row.props
${labelSwitch('p', PLACE_KIND_LABELS)}
RETURN count(*) AS n, 0 AS missing`;

/** Status of a :Bundle node whose rows neo4j-admin wrote (bulkImport): the constraints, and any rows left, come when the server is up. */
export const BULK_STATUS = 'bulk';

/** The properties of the :Bundle node (besides `name`), as the import writes them: the same for the MERGE and the bulk path. */
export function bundleProperties(bundle: Bundle, hash: string, status: string, importedRows: number): Record<string, PropertyValue> {
  const total = bundle.entities.length + bundle.relations.length + bundle.shipments.length + bundle.places.length;
  return {
    status,
    contentHash: hash,
    dataFormatVersion: neo4j.int(DATA_FORMAT_VERSION),
    entities: neo4j.int(bundle.entities.length),
    relations: neo4j.int(bundle.relations.length),
    shipments: neo4j.int(bundle.shipments.length),
    places: neo4j.int(bundle.places.length),
    totalRows: neo4j.int(total),
    importedRows: neo4j.int(importedRows),
    rejectedJson: JSON.stringify(bundle.rejected),
    warningsJson: JSON.stringify(bundle.warnings),
    keyOrderJson: JSON.stringify({
      entities: keyOrderOf(bundle.entities),
      relations: keyOrderOf(bundle.relations),
      shipments: keyOrderOf(bundle.shipments),
      places: keyOrderOf(bundle.places),
    }),
  };
}

const CHECKPOINT_QUERY = `MATCH (b:${BUNDLE_LABEL} {name: $name}) SET b.importedRows = $done`;

const STATE_QUERY = `MATCH (b:${BUNDLE_LABEL}) RETURN b.name AS name, b.contentHash AS hash, b.status AS status, b.importedRows AS importedRows`;

const BUNDLE_QUERY = `MERGE (b:${BUNDLE_LABEL} {name: $name})
SET b += $props`;

/** Deletes every node under Chokepoint's labels, in batches (auto-commit: CALL … IN TRANSACTIONS). */
const WIPE_QUERIES = [
  `MATCH (n) WHERE n:${ENTITY_LABEL} OR n:${SHIPMENT_LABEL} OR n:${PLACE_LABEL} OR n:${FLAG_LABEL}
CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS`,
  `MATCH (b:${BUNDLE_LABEL}) DETACH DELETE b`,
];

// ---- Rows as parameters. -------------------------------------------------------------------------------------

type Row = Record<string, PropertyValue | Record<string, PropertyValue>>;

function entityRow(e: Entity, seq: number): Row {
  const props = toProperties(e as unknown as Record<string, unknown>, ENTITY_FIELDS, seq);
  props.location = toLocation(e.lat, e.lon);
  return { id: e.id, label: ENTITY_KIND_LABELS[e.kind], props };
}

function relationRow(r: Relation, seq: number): Row {
  const props = toProperties(r as unknown as Record<string, unknown>, RELATION_FIELDS, seq);
  return { source: r.source, target: r.target, type: RELATION_TYPES[r.kind], seq: neo4j.int(seq), props };
}

function shipmentRow(s: Shipment, seq: number): Row {
  return {
    id: s.id,
    supplier: s.supplier,
    buyer: s.buyer,
    consignee: s.consignee ?? null,
    payer: s.payer ?? null,
    props: toProperties(s as unknown as Record<string, unknown>, SHIPMENT_FIELDS, seq),
  };
}

function placeRow(p: Place, seq: number): Row {
  const props = toProperties(p as unknown as Record<string, unknown>, PLACE_FIELDS, seq);
  props.location = toLocation(p.lat, p.lon);
  return { id: p.id, label: PLACE_KIND_LABELS[p.kind], props };
}

async function runCounted(tx: ManagedTransaction, query: string, rows: Row[]): Promise<void> {
  if (rows.length === 0) return;
  const result = await tx.run(query, { rows });
  const record = result.records[0];
  const count = (key: string) => {
    const v = record?.get(key);
    return neo4j.isInt(v) ? (v as { toNumber(): number }).toNumber() : Number(v ?? 0);
  };
  if (count('n') !== rows.length || count('missing') !== 0) {
    // The entities every row refers to were written by the entities phase: a mismatch means the database was changed under us.
    throw new Error(`import: wrote ${count('n')} of ${rows.length} rows, ${count('missing')} references unresolved (an entity a row refers to is missing from the database)`);
  }
}

/** Writes the records [from, to) of one phase. */
async function writeBatch(tx: ManagedTransaction, phase: ImportPhase, bundle: Bundle, from: number, to: number): Promise<void> {
  switch (phase) {
    case 'entities':
      return runCounted(tx, ENTITY_QUERY, bundle.entities.slice(from, to).map((e, i) => entityRow(e, from + i)));
    case 'relations':
      return runCounted(tx, RELATION_QUERY, bundle.relations.slice(from, to).map((r, i) => relationRow(r, from + i)));
    case 'shipments':
      return runCounted(tx, SHIPMENT_QUERY, bundle.shipments.slice(from, to).map((s, i) => shipmentRow(s, from + i)));
    case 'places':
      return runCounted(tx, PLACE_QUERY, bundle.places.slice(from, to).map((p, i) => placeRow(p, from + i)));
  }
}

interface StoredBundle {
  name: string;
  hash: string | null;
  status: string | null;
  importedRows: number;
}

async function readState(session: Session): Promise<{ bundles: StoredBundle[]; otherData: boolean }> {
  const result = await session.run(STATE_QUERY);
  const bundles = result.records.map((r) => ({
    name: String(r.get('name')),
    hash: r.get('hash') as string | null,
    status: r.get('status') as string | null,
    importedRows: neo4j.isInt(r.get('importedRows')) ? (r.get('importedRows') as { toNumber(): number }).toNumber() : 0,
  }));
  let otherData = false;
  for (const label of [ENTITY_LABEL, SHIPMENT_LABEL, PLACE_LABEL]) {
    const count = await session.run(`MATCH (n:${label}) RETURN count(n) AS n`);
    if ((count.records[0].get('n') as { toNumber(): number }).toNumber() > 0) otherData = true;
  }
  return { bundles, otherData };
}

/**
 * Loads a bundle into Neo4j (docs/neo4j.md): uniqueness constraints first, then entities, relations,
 * shipments and places in batched transactions (`UNWIND $rows AS row MERGE …`, every value a parameter).
 *
 * Idempotent: importing the same bundle again leaves the same database, and an interrupted import run again
 * resumes after the last committed batch (the count is kept on the :Bundle node, in the batch's transaction).
 * A database that holds another bundle, or another version of this one, is refused unless `replace` is set.
 */
export async function importBundle(driver: Driver, bundle: Bundle, options: ImportOptions = {}): Promise<ImportResult> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a whole number of 1 or more (got ${batchSize})`);
  checkKinds(bundle);
  const hash = contentHash(bundle);
  const phases: [ImportPhase, number][] = [
    ['entities', bundle.entities.length],
    ['relations', bundle.relations.length],
    ['shipments', bundle.shipments.length],
    ['places', bundle.places.length],
  ];
  const total = phases.reduce((s, [, n]) => s + n, 0);
  await checkConnection(driver, options);

  const session = openSession(driver, options, 'WRITE');
  try {
    for (const constraint of CONSTRAINTS) await session.run(constraint);
    const state = await readState(session);
    const same = state.bundles.length === 1 && state.bundles[0].name === bundle.name && state.bundles[0].hash === hash;
    let replaced = false;
    let resumedFrom = 0;
    let bulk = false;
    if (same) {
      // The same bundle: a finished import is written over again (a no-op on the data), an interrupted one resumes,
      // and one written by neo4j-admin is finished (the constraints above, and the rows it left, if any).
      if (state.bundles[0].status !== 'complete') resumedFrom = Math.min(state.bundles[0].importedRows, total);
      bulk = state.bundles[0].status === BULK_STATUS;
    } else if (state.bundles.length > 0 || state.otherData) {
      if (!options.replace) throw conflict(driver, options, bundle.name, state.bundles);
      for (const q of WIPE_QUERIES) await session.run(q);
      replaced = true;
    }

    await session.executeWrite((tx) => tx.run(BUNDLE_QUERY, { name: bundle.name, props: bundleProperties(bundle, hash, 'importing', resumedFrom) }));

    if (resumedFrom > 0) options.onProgress?.({ phase: phaseAt(phases, resumedFrom), done: resumedFrom, total, resumedFrom, bulk });
    let done = 0;
    for (const [phase, count] of phases) {
      const phaseStart = done;
      for (let from = 0; from < count; from += batchSize) {
        const to = Math.min(count, from + batchSize);
        if (phaseStart + to <= resumedFrom) continue;
        const start = Math.max(from, resumedFrom - phaseStart);
        const checkpoint = phaseStart + to;
        await session.executeWrite(async (tx) => {
          await writeBatch(tx, phase, bundle, start, to);
          await tx.run(CHECKPOINT_QUERY, { name: bundle.name, done: neo4j.int(checkpoint) });
        });
        options.onProgress?.({ phase, done: checkpoint, total, resumedFrom, bulk });
      }
      done += count;
    }
    await session.executeWrite((tx) =>
      tx.run(`MATCH (b:${BUNDLE_LABEL} {name: $name}) SET b.status = 'complete', b.importedRows = $total`, {
        name: bundle.name,
        total: neo4j.int(total),
      }),
    );
    return { bundle: bundle.name, rows: total, resumedFrom, replaced, finishedBulk: bulk };
  } catch (err) {
    throw classifyError(err, driver, { ...options, started: true, resumable: true });
  } finally {
    await closeQuietly(session);
  }
}

function phaseAt(phases: [ImportPhase, number][], row: number): ImportPhase {
  let end = 0;
  for (const [phase, count] of phases) {
    end += count;
    if (row < end) return phase;
  }
  return phases[phases.length - 1][0];
}

function conflict(driver: Driver, options: DatabaseOptions, name: string, stored: StoredBundle[]): Neo4jBundleConflictError {
  const where = `${describeServer(driver)}${options.database === undefined ? '' : ` (database ${JSON.stringify(options.database)})`}`;
  const holds =
    stored.length === 0
      ? 'holds other data under the labels Entity, Shipment or Place'
      : stored.length === 1 && stored[0].name === name
        ? `holds another version of bundle ${JSON.stringify(name)}`
        : `holds bundle ${stored.map((b) => JSON.stringify(b.name)).join(', ')}`;
  return new Neo4jBundleConflictError(`${where} ${holds}: replace it to import ${JSON.stringify(name)}, or use another database`, undefined, 'replace-bundle');
}
