import neo4j from 'neo4j-driver';
import type { FieldSpec } from './schema';

/** A property value as the driver sends it. */
export type PropertyValue = string | number | boolean | string[] | ReturnType<typeof neo4j.int> | InstanceType<typeof neo4j.types.Date> | InstanceType<typeof neo4j.types.Point> | null;

/** `2014-01-05` → a Neo4j DATE (the bundle's dates are checked ISO dates). */
export function toNeo4jDate(iso: string): InstanceType<typeof neo4j.types.Date> {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`not an ISO date: ${JSON.stringify(iso)}`);
  return new neo4j.types.Date(neo4j.int(Number(m[1])), neo4j.int(Number(m[2])), neo4j.int(Number(m[3])));
}

function toProperty(spec: FieldSpec, value: unknown): PropertyValue {
  if (value === undefined || value === null) return null;
  switch (spec.type) {
    case 'integer':
      return neo4j.int(value as number);
    case 'date':
      return toNeo4jDate(value as string);
    case 'strings':
      return [...(value as string[])];
    case 'json':
      return JSON.stringify(value);
    default:
      return value as string | number;
  }
}

/**
 * The properties of one record: every field of `fields` (null when absent, so that `SET x += props`
 * removes a value a record no longer has), the row number `seq`, the extra columns as `attributesJson`
 * (absent when there are none), and where the record came from (`originFile`, `originLine`).
 */
export function toProperties(
  record: Record<string, unknown>,
  fields: readonly FieldSpec[],
  seq: number,
): Record<string, PropertyValue> {
  const props: Record<string, PropertyValue> = {};
  for (const spec of fields) props[spec.key] = toProperty(spec, record[spec.key]);
  props.seq = neo4j.int(seq);
  const attributes = record.attributes as Record<string, string> | undefined;
  props.attributesJson = attributes !== undefined && Object.keys(attributes).length > 0 ? JSON.stringify(attributes) : null;
  const origin = record.origin as { file: string; line: number } | undefined;
  props.originFile = origin?.file ?? null;
  props.originLine = origin === undefined ? null : neo4j.int(origin.line);
  return props;
}

/** A WGS 84 point for spatial Cypher (`point.distance`), or null without coordinates. */
export function toLocation(lat: number | undefined, lon: number | undefined): PropertyValue {
  return lat === undefined || lon === undefined ? null : new neo4j.types.Point(neo4j.int(4326), lon, lat);
}

/** Any number-like value from the driver as a JS number. */
export function toNumber(value: unknown): number | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number') return value;
  if (neo4j.isInt(value)) return (value as { toNumber(): number }).toNumber();
  if (typeof value === 'bigint') return Number(value);
  return undefined;
}

/** A field read back in its TypeScript type; undefined when absent or of a type it cannot be. */
export function fromProperty(spec: FieldSpec, value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  switch (spec.type) {
    case 'string':
      return typeof value === 'string' ? value : undefined;
    case 'float':
    case 'integer':
      return toNumber(value);
    case 'date':
      if (neo4j.isDate(value as object)) return (value as { toString(): string }).toString();
      return typeof value === 'string' ? value : undefined;
    case 'strings':
      return Array.isArray(value) ? value.map(String) : undefined;
    case 'json':
      return typeof value === 'string' ? parsedObject(value) : undefined;
  }
}

/** The object a JSON text holds, or undefined when it holds none (text another tool wrote). */
function parsedObject(text: string): object | undefined {
  try {
    const v = JSON.parse(text) as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads the fields of `fields` from `props` into `into` (only the present ones), plus `attributes` and
 * `origin`. Returns the names of required fields that are missing or unreadable.
 */
export function readFields(
  props: Record<string, unknown>,
  fields: readonly FieldSpec[],
  into: Record<string, unknown>,
): string[] {
  const missing: string[] = [];
  for (const spec of fields) {
    const v = fromProperty(spec, props[spec.key]);
    if (v === undefined) {
      if (spec.required) missing.push(spec.key);
    } else {
      into[spec.key] = v;
    }
  }
  const json = props.attributesJson;
  let attributes: Record<string, string> = {};
  if (typeof json === 'string') {
    try {
      attributes = JSON.parse(json) as Record<string, string>;
    } catch {
      missing.push('attributesJson');
    }
  }
  into.attributes = attributes;
  into.origin = { file: typeof props.originFile === 'string' ? props.originFile : '', line: toNumber(props.originLine) ?? 0 };
  return missing;
}

/**
 * The order of the keys of a list of records (each one's keys follow the CSV header, with absent values left
 * out): a topological merge of the orders seen, so that the records read back have their keys in the same
 * order as the ones read from files, and a report built from them is byte-identical.
 */
export function keyOrderOf(records: Iterable<object>): string[] {
  const seenSignatures = new Set<string>();
  const firstSeen = new Map<string, number>();
  const after = new Map<string, Set<string>>();
  const indegree = new Map<string, number>();
  for (const record of records) {
    const keys = Object.keys(record);
    const signature = keys.join('\u0000');
    if (seenSignatures.has(signature)) continue;
    seenSignatures.add(signature);
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      if (!firstSeen.has(k)) {
        firstSeen.set(k, firstSeen.size);
        after.set(k, new Set());
        indegree.set(k, 0);
      }
      if (i > 0) {
        const prev = keys[i - 1];
        const next = after.get(prev)!;
        if (!next.has(k)) {
          next.add(k);
          indegree.set(k, indegree.get(k)! + 1);
        }
      }
    }
  }
  const order: string[] = [];
  const ready = [...firstSeen.keys()].filter((k) => indegree.get(k) === 0);
  const byFirstSeen = (a: string, b: string) => firstSeen.get(a)! - firstSeen.get(b)!;
  ready.sort(byFirstSeen);
  while (ready.length > 0) {
    const k = ready.shift()!;
    order.push(k);
    for (const n of after.get(k)!) {
      indegree.set(n, indegree.get(n)! - 1);
      if (indegree.get(n) === 0) {
        ready.push(n);
        ready.sort(byFirstSeen);
      }
    }
  }
  // A cycle cannot happen with records read from CSV files; keep any leftover keys anyway.
  for (const k of firstSeen.keys()) if (!order.includes(k)) order.push(k);
  return order;
}

/** `values` with its keys in `order` (keys not in it come last, in their own order). */
export function ordered<T>(values: Record<string, unknown>, order: readonly string[] | undefined): T {
  if (order === undefined) return values as T;
  // Own properties only: a key order read from the database is data, so a key that assignment would not make an own
  // property (`__proto__`) is defined instead. The others are assigned, which keeps the records' hidden classes fast (a
  // property defined on each of a million records cost seconds, and slowed the collector).
  const out: Record<string, unknown> = {};
  const put = (k: string) => {
    if (k === '__proto__') Object.defineProperty(out, k, { value: values[k], enumerable: true, writable: true, configurable: true });
    else out[k] = values[k];
  };
  for (const k of order) if (Object.hasOwn(values, k) && !Object.hasOwn(out, k)) put(k);
  for (const k of Object.keys(values)) if (!Object.hasOwn(out, k)) put(k);
  return out as T;
}
