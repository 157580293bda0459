import { fold, type Bundle, type RelationKind } from '@chokepoint/model';

/**
 * Ties that make a company group (CAR 2020: linked, family-owned companies): ownership, directorship, family and a
 * shared address, written in relations.csv, plus two ties read off the entities themselves: the same phone number
 * (the `phone` column, 7 digits or more) and the same street address (folded, 10 characters or more).
 */
export const GROUP_TIE_KINDS = ['owner', 'director', 'family', 'shared_address'] as const satisfies readonly RelationKind[];

export type GroupTieKind = (typeof GROUP_TIE_KINDS)[number] | 'same_phone' | 'same_address';

export interface GroupTie {
  source: string;
  target: string;
  kind: GroupTieKind;
}

export interface CompanyGroup {
  /** 1, 2, … from the largest group down (ties: by first member in entity order). */
  id: number;
  /** Members in entity order. */
  members: string[];
  /** The ties that join the members (relations in input order, then shared phones and addresses). */
  ties: GroupTie[];
}

export interface CompanyGroups {
  /** Groups of two or more entities. */
  groups: CompanyGroup[];
  /** Group id of each entity by entity position; 0 for an entity in no group. */
  groupOf: Int32Array;
}

/** Digits of a phone number, when there are enough of them to identify a line. */
export function phoneKey(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  // "+90 414 …" and "0090 414 …" are the same line: the international prefix 00 is the +.
  const digits = raw.replace(/\D/g, '').replace(/^00(?=[1-9])/, '');
  return digits.length >= 7 ? digits : undefined;
}

/** A street address as compared for "same address": folded, and only when long enough to mean one place. */
export function addressKey(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const a = fold(raw);
  return a.length >= 10 ? a : undefined;
}

/**
 * Company groups: the connected parts of the network of ownership, directorship, family and shared-address ties,
 * shared phone numbers and shared street addresses, followed across borders (a family on both sides of a crossing
 * is one group). Pure: the bundle in, the groups out; linear in entities and relations.
 */
export function companyGroups(bundle: Pick<Bundle, 'entities' | 'relations'>): CompanyGroups {
  const n = bundle.entities.length;
  const index = new Map<string, number>();
  bundle.entities.forEach((e, i) => index.set(e.id, i));
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  const ties: GroupTie[] = [];
  const join = (a: number, b: number, tie: GroupTie) => {
    ties.push(tie);
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  const kinds = new Set<string>(GROUP_TIE_KINDS);
  for (const r of bundle.relations) {
    if (!kinds.has(r.kind)) continue;
    const a = index.get(r.source);
    const b = index.get(r.target);
    if (a === undefined || b === undefined || a === b) continue;
    join(a, b, { source: r.source, target: r.target, kind: r.kind as GroupTieKind });
  }
  const byPhone = new Map<string, number>();
  const byAddress = new Map<string, number>();
  bundle.entities.forEach((e, i) => {
    const phone = phoneKey(Object.hasOwn(e.attributes, 'phone') ? e.attributes.phone : undefined);
    if (phone !== undefined) {
      const first = byPhone.get(phone);
      if (first === undefined) byPhone.set(phone, i);
      else join(first, i, { source: bundle.entities[first].id, target: e.id, kind: 'same_phone' });
    }
    const address = addressKey(e.address);
    if (address !== undefined) {
      const first = byAddress.get(address);
      if (first === undefined) byAddress.set(address, i);
      else join(first, i, { source: bundle.entities[first].id, target: e.id, kind: 'same_address' });
    }
  });
  const members = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const root = find(i);
    const list = members.get(root);
    if (list) list.push(i);
    else members.set(root, [i]);
  }
  const lists = [...members.values()].filter((l) => l.length >= 2).sort((a, b) => b.length - a.length || a[0] - b[0]);
  const groupOf = new Int32Array(n);
  lists.forEach((l, g) => l.forEach((i) => (groupOf[i] = g + 1)));
  const tiesOf = lists.map(() => [] as GroupTie[]);
  for (const t of ties) tiesOf[groupOf[index.get(t.source)!] - 1].push(t);
  return {
    groups: lists.map((l, g) => ({ id: g + 1, members: l.map((i) => bundle.entities[i].id), ties: tiesOf[g] })),
    groupOf,
  };
}
