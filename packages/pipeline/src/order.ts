import type { Bundle, Relation } from '@chokepoint/model';

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function relationKey(r: Relation): string[] {
  return [r.source, r.target, r.kind, r.start ?? '', r.end ?? '', r.share === undefined ? '' : String(r.share), JSON.stringify(Object.entries(r.attributes).sort((a, b) => cmp(a[0], b[0])))];
}

/**
 * The bundle in a canonical order, so that the same rows in any order give the same report: entities, shipments
 * and places by id, relations by source, target, kind, dates, share and attributes (code-unit order, the same on
 * every machine). Records keep their origin (file and line) for messages.
 */
export function canonicalOrder(bundle: Bundle): Bundle {
  const byId = <T extends { id: string }>(list: readonly T[]) => [...list].sort((a, b) => cmp(a.id, b.id));
  const relations = [...bundle.relations].sort((a, b) => {
    const ka = relationKey(a);
    const kb = relationKey(b);
    for (let i = 0; i < ka.length; i++) {
      const c = cmp(ka[i], kb[i]);
      if (c !== 0) return c;
    }
    return 0;
  });
  return { ...bundle, entities: byId(bundle.entities), shipments: byId(bundle.shipments), places: byId(bundle.places), relations };
}
