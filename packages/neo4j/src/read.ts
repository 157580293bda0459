import neo4j, { type Driver, type ManagedTransaction, type Node, type Session } from 'neo4j-driver';
import {
  ENTITY_KINDS,
  PLACE_KINDS,
  type Bundle,
  type DataIssue,
  type Entity,
  type Place,
  type Relation,
  type Shipment,
} from '@chokepoint/model';
import { checkConnection, classifyError, closeQuietly, describeServer, openSession, type DatabaseOptions } from './connect';
import { ordered, readFields, toNumber } from './convert';
import { Neo4jDataError, Neo4jError, Neo4jQueryError } from './errors';
import { BULK_STATUS } from './import';
import {
  BUNDLE_LABEL,
  ENTITY_FIELDS,
  ENTITY_LABEL,
  PLACE_FIELDS,
  PLACE_LABEL,
  RELATION_FIELDS,
  RELATION_KIND_OF_TYPE,
  RELATION_TYPE_ALTERNATIVES,
  SHIPMENT_FIELDS,
  SHIPMENT_LABEL,
  SHIPMENT_TYPES,
  type FieldSpec,
} from './schema';

/**
 * The properties of the node or relationship `v` as a map the driver decodes cheaply: every property, with the dates
 * of `fields` as their ISO text and the whole numbers (`seq`, `originLine` and the integer fields) as floats. The
 * driver makes an object of each Neo4j Date and Integer and reads their fields with 64-bit arithmetic done in
 * JavaScript (objects of their own): read back as they are, the dates and the two numbers of each of 1.1 million
 * rows cost about a third of the Node side of reading a bundle back. Values of another type (a date written as text,
 * a DateTime, a string in a number field) come as they are, and are read or refused as before (`fromProperty`).
 */
function projected(v: string, fields: readonly FieldSpec[]): string {
  const as = (key: string, type: string, made: string) => `\`${key}\`: CASE WHEN ${v}.\`${key}\` IS :: ${type} THEN ${made}(${v}.\`${key}\`) ELSE ${v}.\`${key}\` END`;
  const dates = fields.filter((f) => f.type === 'date').map((f) => as(f.key, 'DATE', 'toString'));
  const whole = [...fields.filter((f) => f.type === 'integer').map((f) => f.key), 'seq', 'originLine'].map((key) => as(key, 'INTEGER', 'toFloat'));
  return `${v} {.*, ${[...dates, ...whole].join(', ')}}`;
}

export interface ReadOptions extends DatabaseOptions {
  /**
   * A read-only Cypher query that selects the entities to analyze: it must return entity nodes in a column
   * named `n` (one node per row, or a list of nodes). The bundle then holds those entities, the relations
   * and shipments among them, and every place. Run as given, in a read transaction: a query that writes fails.
   */
  query?: string;
  /** Parameters of `query` (`$name` in the query text). */
  parameters?: Record<string, unknown>;
}

interface KeyOrder {
  entities?: string[];
  relations?: string[];
  shipments?: string[];
  places?: string[];
}

interface BundleNode {
  name: string;
  rejected: DataIssue[];
  warnings: DataIssue[];
  keyOrder: KeyOrder;
}

/** The :Bundle node: exactly one, and its import finished. */
async function readBundleNode(session: Session, driver: Driver, options: DatabaseOptions): Promise<BundleNode> {
  const result = await session.executeRead((tx) =>
    tx.run(
      `MATCH (b:${BUNDLE_LABEL}) RETURN b.name AS name, b.status AS status, b.rejectedJson AS rejected, b.warningsJson AS warnings, b.keyOrderJson AS keyOrder ORDER BY name`,
    ),
  );
  const where = `${describeServer(driver)}${options.database === undefined ? '' : ` (database ${JSON.stringify(options.database)})`}`;
  if (result.records.length === 0) {
    throw new Neo4jDataError(`${where} holds no Chokepoint bundle: import one first`, undefined, 'import-bundle');
  }
  if (result.records.length > 1) {
    const names = result.records.map((r) => JSON.stringify(r.get('name'))).join(', ');
    throw new Neo4jDataError(`${where} holds several bundles (${names}): import one bundle per database, replacing what is there`, undefined, 'replace-bundle');
  }
  const r = result.records[0];
  const name = String(r.get('name'));
  if (r.get('status') === BULK_STATUS) {
    throw new Neo4jDataError(
      `the bulk import of bundle ${JSON.stringify(name)} into ${where} is not finished: import the same bundle again, now that the server is up (it creates the constraints and writes no row twice)`,
      undefined,
      'import-bundle',
    );
  }
  if (r.get('status') !== 'complete') {
    throw new Neo4jDataError(
      `the import of bundle ${JSON.stringify(name)} into ${where} did not finish: run chokepoint neo4j import again (it resumes where it stopped)`,
    );
  }
  const parse = <T>(text: unknown, fallback: T): T => {
    if (typeof text !== 'string') return fallback;
    try {
      return JSON.parse(text) as T;
    } catch {
      return fallback;
    }
  };
  return { name, rejected: parse<DataIssue[]>(r.get('rejected'), []), warnings: parse<DataIssue[]>(r.get('warnings'), []), keyOrder: parse<KeyOrder>(r.get('keyOrder'), {}) };
}

const CLIENT_ERROR = /^Neo\.ClientError\.(Statement|Procedure|Schema|Request)\./;

/** Runs the user's query and returns the ids of the entity nodes it returns as `n`, in order, without repeats. */
async function selectedIds(tx: ManagedTransaction, query: string, parameters: Record<string, unknown>): Promise<string[]> {
  const ids: string[] = [];
  const seen = new Set<string>();
  const add = (value: unknown) => {
    if (value === null || value === undefined) return;
    if (!(value instanceof neo4j.types.Node)) {
      throw new Neo4jQueryError(
        `the query must return entity nodes as n, e.g. MATCH (n:Company) WHERE n.country = 'TR' RETURN n (column n held ${describeValue(value)})`,
      );
    }
    const node = value as Node;
    const id = node.properties.id;
    if (!node.labels.includes(ENTITY_LABEL) || typeof id !== 'string') {
      throw new Neo4jQueryError(
        `the query must return entity nodes as n (nodes labelled :${ENTITY_LABEL}); it returned a node labelled ${node.labels.map((l) => `:${l}`).join('') || 'with no label'}`,
      );
    }
    if (!seen.has(id)) {
      seen.add(id);
      ids.push(id);
    }
  };
  const result = tx.run(query, parameters);
  for await (const record of result) {
    if (!record.has('n')) {
      throw new Neo4jQueryError(
        `the query must return entity nodes in a column named n (it returned: ${record.keys.join(', ') || 'no columns'}), e.g. MATCH (n:Company) RETURN n`,
      );
    }
    const value = record.get('n');
    if (Array.isArray(value)) value.forEach(add);
    else add(value);
  }
  return ids;
}

function describeValue(value: unknown): string {
  if (neo4j.types.Relationship && value instanceof neo4j.types.Relationship) return 'a relationship';
  if (neo4j.types.Path && value instanceof neo4j.types.Path) return 'a path';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'number' || neo4j.isInt(value)) return 'a number';
  return typeof value;
}

interface Sorted<T> {
  seq: number;
  value: T;
}

const bySeq = <T>(a: Sorted<T>, b: Sorted<T>) => a.seq - b.seq;

class Problems {
  readonly list: string[] = [];
  add(text: string): void {
    this.list.push(text);
  }
  throwIfAny(where: string): void {
    if (this.list.length === 0) return;
    const n = this.list.length;
    const shown = this.list.slice(0, 3).join('; ');
    throw new Neo4jDataError(
      `${where} has ${n} record${n === 1 ? '' : 's'} that break${n === 1 ? 's' : ''} the data contract (${shown}${n > 3 ? '; …' : ''}): import the bundle again, replacing what is there`,
      undefined,
      'replace-bundle',
    );
  }
}

function seqOf(props: Record<string, unknown>): number {
  return toNumber(props.seq) ?? Number.MAX_SAFE_INTEGER;
}

async function readEntities(tx: ManagedTransaction, ids: string[] | undefined, order: KeyOrder, problems: Problems): Promise<Entity[]> {
  const query =
    ids === undefined
      ? `MATCH (e:${ENTITY_LABEL}) RETURN ${projected('e', ENTITY_FIELDS)} AS p`
      : `UNWIND $ids AS id MATCH (e:${ENTITY_LABEL} {id: id}) RETURN ${projected('e', ENTITY_FIELDS)} AS p`;
  const out: Sorted<Entity>[] = [];
  for await (const record of tx.run(query, { ids: ids ?? [] })) {
    const props = record.get('p') as Record<string, unknown>;
    const values: Record<string, unknown> = {};
    const missing = readFields(props, ENTITY_FIELDS, values);
    if (missing.length > 0) problems.add(`entity ${JSON.stringify(props.id ?? null)}: no ${missing.join(', ')}`);
    else if (!(ENTITY_KINDS as readonly string[]).includes(values.kind as string)) problems.add(`entity ${JSON.stringify(values.id)}: unknown kind ${JSON.stringify(values.kind)}`);
    out.push({ seq: seqOf(props), value: ordered<Entity>(values, order.entities) });
  }
  return out.sort(bySeq).map((x) => x.value);
}

async function readRelations(tx: ManagedTransaction, ids: string[] | undefined, order: KeyOrder, problems: Problems): Promise<Relation[]> {
  const tail = `-[r:${RELATION_TYPE_ALTERNATIVES}]->(b:${ENTITY_LABEL}) RETURN a.id AS source, b.id AS target, type(r) AS type, ${projected('r', RELATION_FIELDS)} AS p`;
  const query = ids === undefined ? `MATCH (a:${ENTITY_LABEL})${tail}` : `UNWIND $ids AS id MATCH (a:${ENTITY_LABEL} {id: id})${tail}`;
  const inSubset = ids === undefined ? undefined : new Set(ids);
  const out: Sorted<Relation>[] = [];
  for await (const record of tx.run(query, { ids: ids ?? [] })) {
    const target = record.get('target') as unknown;
    if (inSubset !== undefined && !inSubset.has(target as string)) continue;
    const props = record.get('p') as Record<string, unknown>;
    const values: Record<string, unknown> = { source: record.get('source'), target, kind: RELATION_KIND_OF_TYPE[record.get('type') as string] };
    const missing = readFields(props, RELATION_FIELDS, values);
    if (typeof values.source !== 'string' || typeof values.target !== 'string') missing.push('entity id at an end');
    if (missing.length > 0) problems.add(`relation ${seqOf(props)}: no ${missing.join(', ')}`);
    out.push({ seq: seqOf(props), value: ordered<Relation>(values, order.relations) });
  }
  return out.sort(bySeq).map((x) => x.value);
}

async function readShipments(tx: ManagedTransaction, ids: string[] | undefined, order: KeyOrder, problems: Problems): Promise<Shipment[]> {
  const parties = `[(s:${ENTITY_LABEL})-[:${SHIPMENT_TYPES.supplier}]->(sh) | s.id] AS supplier,
  [(sh)-[:${SHIPMENT_TYPES.buyer}]->(x:${ENTITY_LABEL}) | x.id] AS buyer,
  [(sh)-[:${SHIPMENT_TYPES.consignee}]->(x:${ENTITY_LABEL}) | x.id] AS consignee,
  [(sh)-[:${SHIPMENT_TYPES.payer}]->(x:${ENTITY_LABEL}) | x.id] AS payer`;
  const query =
    ids === undefined
      ? `MATCH (sh:${SHIPMENT_LABEL}) RETURN ${projected('sh', SHIPMENT_FIELDS)} AS p, ${parties}`
      : `UNWIND $ids AS id MATCH (:${ENTITY_LABEL} {id: id})-[:${SHIPMENT_TYPES.supplier}]->(sh:${SHIPMENT_LABEL}) RETURN ${projected('sh', SHIPMENT_FIELDS)} AS p, ${parties}`;
  const inSubset = ids === undefined ? undefined : new Set(ids);
  const out: Sorted<Shipment>[] = [];
  for await (const record of tx.run(query, { ids: ids ?? [] })) {
    const props = record.get('p') as Record<string, unknown>;
    const one = (key: string): string | undefined => {
      const list = record.get(key) as string[];
      if (list.length > 1) problems.add(`shipment ${JSON.stringify(props.id ?? null)}: ${list.length} ${key}s`);
      return list[0];
    };
    const supplier = one('supplier');
    const buyer = one('buyer');
    if (inSubset !== undefined && (buyer === undefined || !inSubset.has(buyer))) continue;
    const values: Record<string, unknown> = { supplier, buyer };
    const consignee = one('consignee');
    const payer = one('payer');
    // In a subgraph, a consignee or payer outside it is left out: a bundle only refers to its own entities.
    if (consignee !== undefined && (inSubset === undefined || inSubset.has(consignee))) values.consignee = consignee;
    if (payer !== undefined && (inSubset === undefined || inSubset.has(payer))) values.payer = payer;
    const missing = readFields(props, SHIPMENT_FIELDS, values);
    if (supplier === undefined) missing.push('supplier');
    if (buyer === undefined) missing.push('buyer');
    if (missing.length > 0) problems.add(`shipment ${JSON.stringify(props.id ?? null)}: no ${missing.join(', ')}`);
    out.push({ seq: seqOf(props), value: ordered<Shipment>(values, order.shipments) });
  }
  return out.sort(bySeq).map((x) => x.value);
}

async function readPlaces(tx: ManagedTransaction, order: KeyOrder, problems: Problems): Promise<Place[]> {
  const out: Sorted<Place>[] = [];
  for await (const record of tx.run(`MATCH (p:${PLACE_LABEL}) RETURN ${projected('p', PLACE_FIELDS)} AS p`)) {
    const props = record.get('p') as Record<string, unknown>;
    const values: Record<string, unknown> = {};
    const missing = readFields(props, PLACE_FIELDS, values);
    if (missing.length > 0) problems.add(`place ${JSON.stringify(props.id ?? null)}: no ${missing.join(', ')}`);
    else if (!(PLACE_KINDS as readonly string[]).includes(values.kind as string)) problems.add(`place ${JSON.stringify(values.id)}: unknown kind ${JSON.stringify(values.kind)}`);
    out.push({ seq: seqOf(props), value: ordered<Place>(values, order.places) });
  }
  return out.sort(bySeq).map((x) => x.value);
}

/**
 * Reads the bundle stored by `importBundle` back, in the bundle's order (`seq`), with the same values and types
 * (numbers as JS numbers, dates as ISO text, absent values absent), or, with `query`, the subgraph of the entities
 * the query returns as `n`. Everything runs in read transactions.
 */
export async function readBundle(driver: Driver, options: ReadOptions = {}): Promise<Bundle> {
  await checkConnection(driver, options);
  const session = openSession(driver, options, 'READ');
  try {
    const meta = await readBundleNode(session, driver, options);
    let ids: string[] | undefined;
    if (options.query !== undefined) {
      const query = options.query;
      try {
        ids = await session.executeRead((tx) => selectedIds(tx, query, options.parameters ?? {}));
      } catch (err) {
        throw queryError(err);
      }
    }
    const problems = new Problems();
    const subset = ids;
    const entities = await session.executeRead((tx) => readEntities(tx, subset, meta.keyOrder, problems));
    const relations = await session.executeRead((tx) => readRelations(tx, subset, meta.keyOrder, problems));
    const shipments = await session.executeRead((tx) => readShipments(tx, subset, meta.keyOrder, problems));
    const places = await session.executeRead((tx) => readPlaces(tx, meta.keyOrder, problems));
    problems.throwIfAny(describeServer(driver));
    return { name: meta.name, entities, relations, shipments, places, rejected: meta.rejected, warnings: meta.warnings };
  } catch (err) {
    throw classifyError(err, driver, { ...options, started: true });
  } finally {
    await closeQuietly(session);
  }
}

/** The user's query failing in a way that is theirs to fix becomes a one-line Neo4jQueryError. */
function queryError(err: unknown): unknown {
  if (err instanceof Neo4jError) return err;
  const code = (err as { code?: unknown })?.code;
  if (typeof code !== 'string') return err;
  const message = String((err as Error).message).split('\n')[0].trim();
  if (code === 'Neo.ClientError.Statement.AccessMode') {
    return new Neo4jQueryError('the query must only read: it tried to write, and Chokepoint runs it in a read transaction', code);
  }
  if (CLIENT_ERROR.test(code)) {
    return new Neo4jQueryError(`the query failed: ${message} (${code.replace(/^Neo\.ClientError\./, '')})`, code);
  }
  return err;
}
