import { fold, type Bundle, type RelationKind } from '@chokepoint/model';
import { largeInt32Array, largeUint8Array } from './arrays';

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
 * A phone number or street address shared by entities of this many groups or more (groups of their relations alone:
 * ownership, directorship, family, shared address) joins none of them in a company group: it is a hub, such as a
 * registered agent's address that a register gives thousands of companies (the address-hub rule flags it, from five
 * unrelated companies by default). Below, the entities that share it are one group, as linked family firms are.
 */
export const HUB_GROUPS = 5;

/** The kinds of group ties, numbered (GroupCore.tieKind). */
const TIE_KINDS: readonly GroupTieKind[] = [...GROUP_TIE_KINDS, 'same_phone', 'same_address'];

/** Company groups as numbers: what companyGroups and groupTieKinds make their answers of. */
interface GroupCore {
  /** Members of each group (two or more) by entity position, in entity order; groups from the largest down. */
  lists: number[][];
  groupOf: Int32Array;
  /** The ties that join entities, in the order of CompanyGroup.ties: their ends by entity position, their kinds by number. */
  tieSource: Int32Array;
  tieTarget: Int32Array;
  tieKind: Uint8Array;
  ties: number;
}

/**
 * Company groups: the connected parts of the network of ownership, directorship, family and shared-address ties,
 * shared phone numbers and shared street addresses, followed across borders (a family on both sides of a crossing
 * is one group). Pure: the bundle in, the groups out; linear in entities and relations.
 */
export function companyGroups(bundle: Pick<Bundle, 'entities' | 'relations'>): CompanyGroups {
  const core = groupCore(bundle);
  const ids = bundle.entities.map((e) => e.id);
  const tiesOf = core.lists.map(() => [] as GroupTie[]);
  for (let t = 0; t < core.ties; t++) {
    tiesOf[core.groupOf[core.tieSource[t]] - 1].push({ source: ids[core.tieSource[t]], target: ids[core.tieTarget[t]], kind: TIE_KINDS[core.tieKind[t]] });
  }
  return {
    groups: core.lists.map((l, g) => ({ id: g + 1, members: l.map((i) => ids[i]), ties: tiesOf[g] })),
    groupOf: core.groupOf,
  };
}

/**
 * The company groups with, for each, how many of its ties are of each kind (most first, then by name) instead of the
 * ties themselves: what the analysis reports, without an object for each of millions of ties. `ends`: the positions
 * of the relations' ends, when known (the engine's check of the bundle), so that no id is looked up again.
 */
export function groupTieKinds(
  bundle: Pick<Bundle, 'entities' | 'relations'>,
  ends?: { from: Int32Array; to: Int32Array },
): { groups: { id: number; members: string[]; tieKinds: { kind: string; count: number }[] }[]; groupOf: Int32Array } {
  const core = groupCore(bundle, ends);
  const counts = largeInt32Array(core.lists.length * TIE_KINDS.length);
  for (let t = 0; t < core.ties; t++) counts[(core.groupOf[core.tieSource[t]] - 1) * TIE_KINDS.length + core.tieKind[t]]++;
  const groups = core.lists.map((l, g) => {
    const tieKinds: { kind: string; count: number }[] = [];
    for (let k = 0; k < TIE_KINDS.length; k++) {
      const count = counts[g * TIE_KINDS.length + k];
      if (count > 0) tieKinds.push({ kind: TIE_KINDS[k], count });
    }
    tieKinds.sort((a, b) => b.count - a.count || (a.kind < b.kind ? -1 : 1));
    return { id: g + 1, members: l.map((i) => bundle.entities[i].id), tieKinds };
  });
  return { groups, groupOf: core.groupOf };
}

function groupCore(bundle: Pick<Bundle, 'entities' | 'relations'>, ends?: { from: Int32Array; to: Int32Array }): GroupCore {
  const n = bundle.entities.length;
  const relations = bundle.relations;
  let index: Map<string, number> | undefined;
  if (ends === undefined) {
    index = new Map<string, number>();
    bundle.entities.forEach((e, i) => index!.set(e.id, i));
  }
  const parent = largeInt32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  // At most one tie per relation, and one per entity for a shared phone and one for a shared address.
  const most = relations.length + 2 * n;
  const tieSource = largeInt32Array(most);
  const tieTarget = largeInt32Array(most);
  const tieKind = largeUint8Array(most);
  let ties = 0;
  const join = (a: number, b: number, kind: number) => {
    tieSource[ties] = a;
    tieTarget[ties] = b;
    tieKind[ties++] = kind;
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  const kinds = new Map<string, number>(GROUP_TIE_KINDS.map((k, i) => [k, i]));
  for (let r = 0; r < relations.length; r++) {
    const relation = relations[r];
    const kind = kinds.get(relation.kind);
    if (kind === undefined) continue;
    const a = ends === undefined ? index!.get(relation.source) : ends.from[r];
    const b = ends === undefined ? index!.get(relation.target) : ends.to[r];
    if (a === undefined || b === undefined || a === b) continue;
    join(a, b, kind);
  }
  const samePhone = TIE_KINDS.indexOf('same_phone');
  const sameAddress = TIE_KINDS.indexOf('same_address');
  // Entities by phone and by address, in entity order (each key's first entity first), and each entity's two lists.
  const byPhone = new Map<string, number[]>();
  const byAddress = new Map<string, number[]>();
  const phoneList: (number[] | undefined)[] = new Array(n);
  const addressList: (number[] | undefined)[] = new Array(n);
  const listOf = (keys: Map<string, number[]>, key: string, i: number): number[] => {
    let list = keys.get(key);
    if (list === undefined) keys.set(key, (list = []));
    list.push(i);
    return list;
  };
  bundle.entities.forEach((e, i) => {
    const phone = phoneKey(Object.hasOwn(e.attributes, 'phone') ? e.attributes.phone : undefined);
    if (phone !== undefined) phoneList[i] = listOf(byPhone, phone, i);
    const address = addressKey(e.address);
    if (address !== undefined) addressList[i] = listOf(byAddress, address, i);
  });
  // A phone or an address shared by entities of HUB_GROUPS or more groups that the relations leave apart is a hub
  // (a registered agent, a business centre: what address-hub flags), not a tie: it joins none of them. Every key is
  // judged on the groups of the relations alone, before any key joins, so that the order of the keys plays no part.
  const hubs = new Set<number[]>();
  for (const keys of [byPhone, byAddress]) {
    for (const list of keys.values()) {
      if (list.length < HUB_GROUPS) continue;
      const roots = new Set<number>();
      for (const i of list) {
        if (roots.add(find(i)).size < HUB_GROUPS) continue;
        hubs.add(list);
        break;
      }
    }
  }
  // Each entity tied to the first of its phone and of its address, in entity order (phone first).
  for (let i = 0; i < n; i++) {
    const phone = phoneList[i];
    if (phone !== undefined && phone[0] !== i && !hubs.has(phone)) join(phone[0], i, samePhone);
    const address = addressList[i];
    if (address !== undefined && address[0] !== i && !hubs.has(address)) join(address[0], i, sameAddress);
  }
  const members = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const root = find(i);
    const list = members.get(root);
    if (list) list.push(i);
    else members.set(root, [i]);
  }
  const lists = [...members.values()].filter((l) => l.length >= 2).sort((a, b) => b.length - a.length || a[0] - b[0]);
  const groupOf = largeInt32Array(n);
  lists.forEach((l, g) => l.forEach((i) => (groupOf[i] = g + 1)));
  return { lists, groupOf, tieSource, tieTarget, tieKind, ties };
}
