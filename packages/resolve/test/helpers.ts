import * as fs from 'node:fs';
import type { Bundle, Entity, EntityKind, Relation, Shipment } from '@chokepoint/model';

/** A minimal RFC 4180 reader for the fixtures (quoted fields, doubled quotes). */
export function readCsv(file: string): Record<string, string>[] {
  const text = fs.readFileSync(file, 'utf8');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  const [header, ...body] = rows;
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

let line = 1;
export function entity(id: string, name: string, extra: Partial<Entity> = {}, kind: EntityKind = 'company'): Entity {
  return { id, kind, name, attributes: {}, origin: { file: 'entities.csv', line: ++line }, ...extra };
}

export function relation(source: string, target: string, kind: Relation['kind'] = 'owner'): Relation {
  return { source, target, kind, attributes: {}, origin: { file: 'relations.csv', line: ++line } };
}

export function shipment(id: string, supplier: string, buyer: string, extra: Partial<Shipment> = {}): Shipment {
  return { id, supplier, buyer, commodity: 'goods', attributes: {}, origin: { file: 'shipments.csv', line: ++line }, ...extra };
}

export function bundle(entities: Entity[], relations: Relation[] = [], shipments: Shipment[] = []): Bundle {
  return { name: 'test', entities, relations, shipments, places: [], rejected: [], warnings: [] };
}

/** A seeded generator (mulberry32), so every run checks the same names. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)];

/** One slip in a word: a letter left out, doubled, changed, or two neighbouring letters swapped. */
export function slip(r: () => number, word: string): string {
  if (word.length < 3) return word;
  const i = Math.floor(r() * (word.length - 1));
  switch (Math.floor(r() * 4)) {
    case 0:
      return word.slice(0, i) + word.slice(i + 1);
    case 1:
      return word.slice(0, i) + word[i] + word.slice(i);
    case 2:
      return word.slice(0, i) + pick(r, [...'aeiouyhkqwt']) + word.slice(i + 1);
    default:
      return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
  }
}
