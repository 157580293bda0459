import type { Bundle, Relation } from '@chokepoint/model';

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A relation's sort key, built once: its fields joined by a separator that cannot occur in them (ids have no controls). */
function relationKey(r: Relation): string {
  const names = Object.keys(r.attributes);
  // Most ties have no attributes: no arrays or closures for them.
  const attributes =
    names.length === 0
      ? ''
      : names
          .sort()
          .map((k) => `${k}\u0002${r.attributes[k]}`)
          .join('\u0003');
  // Joined, not a template: a template makes a rope of pieces, which every comparison of the sort must walk again.
  return [r.source, r.target, r.kind, r.start ?? '', r.end ?? '', r.share === undefined ? '' : String(r.share), attributes].join('\u0001');
}

/**
 * Sorts by a key computed once per element (not once per comparison), stably. Positions are sorted, not wrapper
 * objects: a million records make no object each; a list already in order is only copied.
 */
function sortByKey<T>(list: readonly T[], key: (x: T) => string): T[] {
  const n = list.length;
  const keys: string[] = [];
  for (let i = 0; i < n; i++) keys.push(key(list[i]));
  const order = keyOrder(keys);
  if (order === undefined) return list.slice();
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(list[order[i]]);
  return out;
}

/**
 * The positions of `keys` in the order of their texts (code-unit order; equal keys in their order), or undefined when
 * they are in order already.
 */
export function keyOrder(keys: readonly string[]): number[] | undefined {
  const n = keys.length;
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) if (keys[i] < keys[i - 1]) sorted = false;
  if (sorted) return undefined;
  const order: number[] = [];
  for (let i = 0; i < n; i++) order.push(i);
  order.sort((a, b) => cmp(keys[a], keys[b]) || a - b);
  return order;
}

/**
 * The bundle in a canonical order, so that the same rows in any order give the same report: entities, shipments
 * and places by id, relations by source, target, kind, dates, share and attributes (code-unit order, the same on
 * every machine). Records keep their origin (file and line) for messages.
 */
export function canonicalOrder(bundle: Bundle): Bundle {
  const byId = <T extends { id: string }>(list: readonly T[]) => sortByKey(list, (x) => x.id);
  return {
    ...bundle,
    entities: byId(bundle.entities),
    shipments: byId(bundle.shipments),
    places: byId(bundle.places),
    relations: sortByKey(bundle.relations, relationKey),
  };
}
