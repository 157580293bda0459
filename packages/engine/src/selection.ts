import type { Bundle, Entity, Shipment } from '@chokepoint/model';
import { closest } from '@chokepoint/model';
import { fold } from '@chokepoint/model/text';

/**
 * How a user names a set of entities or goods, without Cypher or code:
 *   ids:a,b,c                      these entities (or a,b,c: text without one of the words below is a list of ids)
 *   hs:7603                        goods whose HS code starts with 7603 (suppliers / buyers of them)
 *   commodity:aluminium paste      goods whose commodity words contain these words
 *   where:country=TR and employees<10   entities whose attributes match (=, !=, <, <=, >, >=, ~ contains; and, or)
 */
export type Selector =
  | { kind: 'ids'; ids: string[] }
  | { kind: 'hs'; prefix: string }
  | { kind: 'commodity'; words: string }
  | { kind: 'where'; expression: Expression };

type Comparison = { field: string; op: '=' | '!=' | '<' | '<=' | '>' | '>=' | '~'; value: string };
/** Disjunctive form: any of the groups, each group all of its comparisons. */
export type Expression = Comparison[][];

/** A selector that cannot be read; the message says how to write one. */
export class SelectorError extends Error {
  override name = 'SelectorError';
}

const HELP = 'write ids:a,b, hs:7603, commodity:aluminium paste, or where:country=TR and employees<10';

/**
 * Reads a selection. The forms' words are read in any case (`IDS:`, `HS:`); text without one of them is a list of
 * entity ids (`a,b`), as people first write it.
 */
export function parseSelector(text: string): Selector {
  const m = /^\s*(ids|hs|commodity|where)\s*:(.*)$/is.exec(text);
  if (!m) {
    // A condition without its word (country=TR) is not an id.
    if (/[=<>~]/.test(text)) throw new SelectorError(`cannot read the selection ${JSON.stringify(text)}: a condition starts with where: (where:${text.trim()}); ${HELP}`);
    const ids = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
    if (ids.length === 0) throw new SelectorError(`the selection ${JSON.stringify(text)} is empty: ${HELP}`);
    return { kind: 'ids', ids };
  }
  const body = m[2].trim();
  if (body === '') throw new SelectorError(`the selection ${JSON.stringify(text)} is empty: ${HELP}`);
  switch (m[1].toLowerCase()) {
    case 'ids':
      return { kind: 'ids', ids: body.split(',').map((s) => s.trim()).filter((s) => s !== '') };
    case 'hs': {
      const prefix = body.replace(/[.\s]/g, '');
      if (!/^\d{2,10}$/.test(prefix)) throw new SelectorError(`${JSON.stringify(body)} is not an HS code prefix (digits, such as 7603 or 3212.90)`);
      return { kind: 'hs', prefix };
    }
    case 'commodity':
      return { kind: 'commodity', words: fold(body) };
    default:
      return { kind: 'where', expression: parseExpression(body) };
  }
}

function parseExpression(text: string): Expression {
  return text.split(/\s+or\s+/i).map((group) =>
    group.split(/\s+and\s+/i).map((part) => {
      const c = /^\s*([A-Za-z_][\w]*)\s*(!=|<=|>=|=|<|>|~)\s*(.*?)\s*$/.exec(part);
      if (!c || c[3] === '') throw new SelectorError(`cannot read the condition ${JSON.stringify(part.trim())}: write field op value, such as country=TR or employees<10 (ops: = != < <= > >= ~)`);
      return { field: c[1], op: c[2] as Comparison['op'], value: c[3].replace(/^"(.*)"$/, '$1') };
    }),
  );
}

function fieldValue(e: Entity, field: string): string | number | undefined {
  // Own fields only: `constructor` or `toString` is an attribute's name like any other, never a member of the object.
  const record = e as unknown as Record<string, unknown>;
  const v = Object.hasOwn(record, field) ? record[field] : undefined;
  if (typeof v === 'string' || typeof v === 'number') return v;
  return Object.hasOwn(e.attributes, field) ? e.attributes[field] : undefined;
}

/** The fields every entity may have (the data contract's), whether or not a bundle fills them. */
const ENTITY_FIELDS: ReadonlySet<string> = new Set(['id', 'kind', 'name', 'country', 'city', 'address', 'lat', 'lon', 'sector', 'isic', 'employees', 'founded'] satisfies (keyof Entity)[]);

/**
 * The fields of a `where:` expression that are neither an entity's field nor an attribute any entity has (a
 * misspelt `countr`, a column the bundle does not have), each with the names entities have that it may be a slip of
 * (`closest`, the did-you-mean of the data contract's messages).
 */
function absentFields(entities: readonly Entity[], expression: Expression): { field: string; near: string[] }[] {
  const wanted = [...new Set(expression.flat().map((c) => c.field))];
  const absent = wanted.filter((f) => !ENTITY_FIELDS.has(f) && !entities.some((e) => fieldValue(e, f) !== undefined));
  if (absent.length === 0) return [];
  const have = new Set<string>(ENTITY_FIELDS);
  for (const e of entities) for (const k of Object.keys(e.attributes)) have.add(k);
  return absent.map((field) => ({ field, near: closest(field, [...have].sort(), 2) }));
}

function compare(actual: string | number | undefined, c: Comparison): boolean {
  if (actual === undefined) return c.op === '!=';
  const num = Number(c.value);
  const both = typeof actual === 'number' || (actual !== '' && !Number.isNaN(Number(actual)) && !Number.isNaN(num));
  if (c.op === '~') return fold(String(actual)).includes(fold(c.value));
  if (both && !Number.isNaN(num)) {
    const a = Number(actual);
    return c.op === '=' ? a === num : c.op === '!=' ? a !== num : c.op === '<' ? a < num : c.op === '<=' ? a <= num : c.op === '>' ? a > num : a >= num;
  }
  const a = String(actual).toLowerCase();
  const b = c.value.toLowerCase();
  return c.op === '=' ? a === b : c.op === '!=' ? a !== b : c.op === '<' ? a < b : c.op === '<=' ? a <= b : c.op === '>' ? a > b : a >= b;
}

export function matchesExpression(e: Entity, expression: Expression): boolean {
  return expression.some((group) => group.every((c) => compare(fieldValue(e, c.field), c)));
}

/** Whether a shipment carries the selected goods (ids select shipment ids here). */
export function shipmentMatches(s: Shipment, selector: Selector): boolean {
  switch (selector.kind) {
    case 'hs':
      return s.hsCode !== undefined && s.hsCode.startsWith(selector.prefix);
    case 'commodity':
      return fold(s.commodity).includes(selector.words);
    case 'ids':
      return selector.ids.includes(s.id);
    case 'where':
      return true;
  }
}

/**
 * "; did you mean …" for ids no entity has, or '': the entities whose id or name holds the text without regard to
 * case (`k1` finds `K1`; a name where an id goes finds its entity), three at most for each. The same hint for every
 * command that takes entity ids (selections, `disrupt --remove`).
 */
export function entityHints(entities: readonly { id: string; name: string }[], unknown: readonly string[]): string {
  const hints = unknown.flatMap((text) => {
    const needle = text.trim().toLowerCase();
    if (needle === '') return [];
    return entities
      .filter((e) => e.id.toLowerCase().includes(needle) || e.name.toLowerCase().includes(needle))
      .slice(0, 3)
      .map((e) => `${JSON.stringify(e.id)} (${e.name}) for ${JSON.stringify(text)}`);
  });
  return hints.length > 0 ? `; did you mean ${hints.join(', ')}?` : '';
}

/**
 * The entities a selector names. For goods selectors, `role` says which end of the matching
 * shipments: their suppliers (sources) or the entities that received them (targets).
 */
export function selectEntities(bundle: Bundle, selector: Selector, role: 'supplier' | 'receiver'): string[] {
  if (selector.kind === 'ids') {
    const known = new Set(bundle.entities.map((e) => e.id));
    const unknown = selector.ids.filter((id) => !known.has(id));
    if (unknown.length > 0) throw new SelectorError(`unknown entity id${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => JSON.stringify(u)).join(', ')}${entityHints(bundle.entities, unknown)}`);
    return selector.ids;
  }
  if (selector.kind === 'where') {
    const absent = absentFields(bundle.entities, selector.expression);
    if (absent.length > 0) {
      const [{ field, near }] = absent;
      throw new SelectorError(`no entity has a value for ${JSON.stringify(field)}${near.length > 0 ? `; did you mean ${near.map((n) => JSON.stringify(n)).join(' or ')}?` : ` (the fields are ${[...ENTITY_FIELDS].join(', ')} and the other columns of entities.csv)`}`);
    }
    return bundle.entities.filter((e) => matchesExpression(e, selector.expression)).map((e) => e.id);
  }
  const out = new Set<string>();
  for (const s of bundle.shipments) if (shipmentMatches(s, selector)) out.add(role === 'supplier' ? s.supplier : (s.consignee ?? s.buyer));
  return [...out].sort();
}
