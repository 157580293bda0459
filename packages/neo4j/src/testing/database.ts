/** Cypher helpers for the tests: counts and a full snapshot of a database, to compare two states exactly. */
import neo4j, { type Driver } from 'neo4j-driver';

export async function cypher(driver: Driver, query: string, params: Record<string, unknown> = {}) {
  const session = driver.session();
  try {
    return (await session.run(query, params)).records;
  } finally {
    await session.close();
  }
}

/** Deletes everything (the tests' own database, or the one CI gave in NEO4J_TEST_URI). */
export async function wipe(driver: Driver): Promise<void> {
  await cypher(driver, 'MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
}

/** A driver INTEGER, or a number, as a number. */
export const num = (v: unknown): number => (neo4j.isInt(v) ? (v as { toNumber(): number }).toNumber() : (v as number));

export const isInteger = (v: unknown): boolean => neo4j.isInt(v);
export const isDate = (v: unknown): boolean => v !== null && typeof v === 'object' && neo4j.isDate(v as object);
export const isPoint = (v: unknown): boolean => v !== null && typeof v === 'object' && neo4j.isPoint(v as object);

export interface Counts {
  nodes: number;
  relationships: number;
  nodeProperties: number;
  relationshipProperties: number;
  labels: Record<string, number>;
  types: Record<string, number>;
}

export async function counts(driver: Driver): Promise<Counts> {
  const [n] = await cypher(driver, 'MATCH (n) RETURN count(n) AS c, coalesce(sum(size(keys(n))), 0) AS p');
  const [r] = await cypher(driver, 'MATCH ()-[r]->() RETURN count(r) AS c, coalesce(sum(size(keys(r))), 0) AS p');
  const labels = await cypher(driver, 'MATCH (n) UNWIND labels(n) AS l RETURN l, count(*) AS c ORDER BY l');
  const types = await cypher(driver, 'MATCH ()-[r]->() RETURN type(r) AS t, count(*) AS c ORDER BY t');
  return {
    nodes: num(n.get('c')),
    nodeProperties: num(n.get('p')),
    relationships: num(r.get('c')),
    relationshipProperties: num(r.get('p')),
    labels: Object.fromEntries(labels.map((x) => [x.get('l') as string, num(x.get('c'))])),
    types: Object.fromEntries(types.map((x) => [x.get('t') as string, num(x.get('c'))])),
  };
}

/** A value as text, with its Neo4j type (an INTEGER 5 is not a FLOAT 5). */
function show(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (neo4j.isInt(v)) return `${String(v)}i`;
  if (isDate(v) || isPoint(v)) return `${(v as object).constructor.name}(${String(v)})`;
  if (Array.isArray(v)) return `[${v.map(show).join(',')}]`;
  return JSON.stringify(v);
}

/** Everything in the database, independent of internal ids: nodes (labels, properties) and relationships between keys. */
export async function snapshot(driver: Driver): Promise<{ nodes: string[]; relationships: string[] }> {
  const props = (p: Record<string, unknown>) =>
    Object.keys(p)
      .sort()
      .map((k) => `${k}=${show(p[k])}`)
      .join(';');
  const nodes = await cypher(driver, 'MATCH (n) RETURN labels(n) AS l, properties(n) AS p');
  const rels = await cypher(driver, 'MATCH (a)-[r]->(b) RETURN coalesce(a.id, a.name) AS a, type(r) AS t, coalesce(b.id, b.name) AS b, properties(r) AS p');
  return {
    nodes: nodes.map((r) => `${(r.get('l') as string[]).sort().join(':')}{${props(r.get('p'))}}`).sort(),
    relationships: rels.map((r) => `${r.get('a')}-[${r.get('t')}{${props(r.get('p'))}}]->${r.get('b')}`).sort(),
  };
}

/** The constraints of the database, as text (name, type, what they apply to), sorted. */
export async function constraints(driver: Driver): Promise<string[]> {
  const rows = await cypher(driver, 'SHOW CONSTRAINTS YIELD name, type, entityType, labelsOrTypes, properties RETURN name, type, entityType, labelsOrTypes, properties');
  return rows.map((r) => `${r.get('name')} ${r.get('type')} ${r.get('entityType')} ${(r.get('labelsOrTypes') as string[]).join(',')} ${(r.get('properties') as string[]).join(',')}`).sort();
}

/** Drops every constraint (their names are identifiers that Neo4j gave or Chokepoint chose; quoted anyway). */
export async function dropConstraints(driver: Driver): Promise<void> {
  for (const r of await cypher(driver, 'SHOW CONSTRAINTS YIELD name RETURN name')) {
    await cypher(driver, `DROP CONSTRAINT \`${String(r.get('name')).replace(/`/g, '``')}\``);
  }
}

/** The properties of the node in column `key` of a record. */
export function nodeProperties(value: unknown): Record<string, unknown> {
  return (value as { properties: Record<string, unknown> }).properties;
}
