import { listWords, plural, showNumber } from './text';
import { SEVERITIES, type Flag, type Severity } from './types';

/**
 * How far an entity is from a party on a list (sanctions, watch lists), as a screening step found it: the number of
 * ties on the shortest path (0: the entity itself is listed), the listed party at its end, and, when known, the
 * list and the ties used. Supplied by screening; the queue only reads it.
 */
export interface ListedPartyDistance {
  hops: number;
  /** Id of the listed party in the network. */
  party: string;
  partyName?: string;
  /** Name of the list the party is on. */
  list?: string;
  /** The ties on the path, in words, from the entity to the party. */
  path?: string[];
}

/** What the review queue weighs, as plain data. */
export interface ReviewQueueInput {
  entities: readonly { id: string; name: string; nearestCrossing: { id: string; name: string; distanceKm: number } | null }[];
  flags: readonly Flag[];
  /** Ids of the shipments whose goods are watch-listed (or dual-use). */
  watchListed: ReadonlySet<string>;
  /** Names of the watch-list entries of those shipments, for the reasons. */
  watchNames?: ReadonlyMap<string, string>;
  keyNodes: readonly { id: string; rank: number; role: string }[];
  /** Distance, in km, within which a border crossing counts as near (the analysis's radius). */
  radiusKm: number;
  /** Optional, from screening: each entity's distance to the nearest listed party (entities absent: none found). */
  listed?: ReadonlyMap<string, ListedPartyDistance>;
}

export interface ReviewQueueOptions {
  /** Most entries in the queue (the rest are counted, not listed). Default 100. */
  limit?: number;
  /** Listed parties at most this many ties away make an entity worth review even without a flag. Default 1. */
  listedHops?: number;
}

/** One entity to review, with the reasons it stands where it does. */
export interface ReviewEntry {
  rank: number;
  id: string;
  name: string;
  /** The score the queue is sorted by (see docs/report.md, review queue): higher is reviewed first. */
  score: number;
  /** Red flags on the entity (as subject), by severity. */
  flags: { high: number; medium: number; low: number };
  /** The rules that flagged it, in registry order of first appearance. */
  rules: string[];
  /** Ids of its flags, strongest first. */
  flagIds: string[];
  /** Names of the watch-listed goods its flags involve (empty: none). */
  watchListedGoods: string[];
  keyNode: { rank: number; role: string } | null;
  /** The nearest border crossing when within the radius, else null. */
  nearCrossing: { id: string; name: string; distanceKm: number } | null;
  listedParty: ListedPartyDistance | null;
  /** True when its only flags are off-profile purchases of ordinary goods: it is kept below every other entry. */
  ordinaryOnly: boolean;
  reasons: string[];
}

export interface ReviewQueue {
  entries: ReviewEntry[];
  /** Entities that would have entered the queue beyond its limit. */
  omitted: number;
  /** How the score is made, in words (for the report and the summary). */
  method: string;
}

const WEIGHT: Record<Severity, number> = { low: 1, medium: 3, high: 9 };

export const REVIEW_METHOD =
  'Entities are ranked by a score a reviewer can retrace: for each rule that flagged the entity, the weight of its strongest flag (high 9, medium 3, low 1), plus 1 for each further flag of that rule up to 3; ' +
  '4 when watch-listed goods are involved; up to 4 for a key node (4 for the first, less down the ranking); 2 when a border crossing is within the radius; ' +
  'and for a listed party 10 when the entity is listed, 6 at one tie, 3 at two, 1 at three. Off-profile purchases of ordinary goods (neither watch-listed nor dual-use) weigh 0.5 in all, ' +
  'and an entity whose only flags are such purchases comes after every other entry, whatever its score.';

/**
 * Ranks the entities for review: what a reviewer weighs first (severity and number of flags, watch-listed goods,
 * key-node role, a border crossing near by, a listed party near by), each entry with its reasons in words. Pure.
 */
export function reviewQueue(input: ReviewQueueInput, options: ReviewQueueOptions = {}): ReviewQueue {
  const limit = options.limit ?? 100;
  const listedHops = options.listedHops ?? 1;
  const byEntity = new Map<string, Flag[]>();
  for (const f of input.flags) {
    for (const id of new Set(f.entities)) {
      const list = byEntity.get(id);
      if (list) list.push(f);
      else byEntity.set(id, [f]);
    }
  }
  const keyNodes = new Map(input.keyNodes.map((k) => [k.id, k]));
  const topRank = Math.max(1, ...input.keyNodes.map((k) => k.rank));
  // Whether each flag is an off-profile purchase of ordinary goods, found once per flag: a flag may list hundreds of
  // shipments, and the sort of an entity's flags asks again and again (a distributor's thousands of flags took minutes).
  const ordinaryOf = new Map<Flag, boolean>();
  const ordinary = (f: Flag): boolean => {
    let o = ordinaryOf.get(f);
    if (o === undefined) ordinaryOf.set(f, (o = f.rule === 'off-profile-purchase' && !f.shipments.some((s) => input.watchListed.has(s))));
    return o;
  };
  // The watch-listed goods of each flag, found once per flag: a company group's flag lists every shipment of its
  // members (tens of thousands) and names each of them (nearly two thousand).
  const goodsByFlag = new Map<Flag, readonly string[]>();
  const goodsOf = (f: Flag): readonly string[] => {
    let names = goodsByFlag.get(f);
    if (names === undefined) {
      const found = new Set<string>();
      for (const s of f.shipments) if (input.watchListed.has(s)) found.add(input.watchNames?.get(s) ?? 'watch-listed goods');
      goodsByFlag.set(f, (names = [...found]));
    }
    return names;
  };
  const candidates: (ReviewEntry & { tier: number })[] = [];
  for (const e of input.entities) {
    const flags = byEntity.get(e.id) ?? [];
    const listed = input.listed?.get(e.id) ?? null;
    if (flags.length === 0 && !(listed && listed.hops <= listedHops)) continue;
    const counts = { high: 0, medium: 0, low: 0 };
    for (const f of flags) counts[f.severity]++;
    const strong = flags.filter((f) => !ordinary(f));
    const weak = flags.filter(ordinary);
    // Flags by rule: the strongest counts in full, each further one a point, up to three.
    const rules = new Map<string, { title: string; flags: Flag[] }>();
    for (const f of strong) {
      const r = rules.get(f.rule) ?? { title: f.title, flags: [] };
      r.flags.push(f);
      rules.set(f.rule, r);
    }
    let score = 0;
    for (const r of rules.values()) {
      // (not Math.max(...list): a rule can flag an entity more times than a call may take arguments)
      let strongest = 0;
      for (const f of r.flags) strongest = Math.max(strongest, WEIGHT[f.severity]);
      score += strongest + Math.min(3, r.flags.length - 1);
    }
    if (weak.length > 0) score += 0.5;
    const goods = new Set<string>();
    for (const f of strong) for (const name of goodsOf(f)) goods.add(name);
    if (goods.size > 0) score += 4;
    const key = keyNodes.get(e.id);
    if (key) score += 4 * (1 - (key.rank - 1) / Math.max(topRank, 1));
    const near = e.nearestCrossing && e.nearestCrossing.distanceKm <= input.radiusKm ? e.nearestCrossing : null;
    if (near) score += 2;
    if (listed) score += listed.hops === 0 ? 10 : listed.hops === 1 ? 6 : listed.hops === 2 ? 3 : listed.hops === 3 ? 1 : 0;
    const ordinaryOnly = strong.length === 0 && weak.length > 0 && !(listed && listed.hops <= listedHops);

    const reasons: string[] = [];
    if (strong.length > 0) {
      const sev = SEVERITIES.slice()
        .reverse()
        .filter((s) => counts[s] > 0)
        .map((s) => `${counts[s]} ${s}`);
      reasons.push(`${plural(flags.length, 'red flag', 'red flags')} (${sev.join(', ')}) under ${plural(rules.size + (weak.length > 0 && !rules.has('off-profile-purchase') ? 1 : 0), 'rule', 'rules')}: ${[...rules.values()].map((r) => `${r.title.charAt(0).toLowerCase()}${r.title.slice(1)}${r.flags.length > 1 ? ` (×${r.flags.length})` : ''}`).join('; ')}`);
    }
    if (goods.size > 0) {
      const names = [...goods].sort();
      reasons.push(`watch-listed goods involved: ${names.length > 6 ? `${names.slice(0, 6).join(', ')} and ${names.length - 6} more` : listWords(names)}`);
    }
    if (key) reasons.push(`key node, rank ${key.rank} (${key.role})`);
    if (near) reasons.push(`${showNumber(Math.round(near.distanceKm * 10) / 10)} km from the border crossing ${near.name}`);
    if (listed) {
      const who = `${listed.partyName ?? listed.party}${listed.list ? ` (${listed.list})` : ''}`;
      reasons.push(listed.hops === 0 ? `matches a listed party: ${who}` : `${plural(listed.hops, 'tie', 'ties')} from a listed party, ${who}${listed.path && listed.path.length > 0 ? `: ${listed.path.join('; ')}` : ''}`);
    }
    if (weak.length > 0) {
      reasons.push(
        ordinaryOnly
          ? `only ${plural(weak.length, 'purchase', 'purchases')} of ordinary goods (not watch-listed) off its line of business: kept below every entry with other indicators`
          : `also ${plural(weak.length, 'purchase', 'purchases')} of ordinary goods off its line of business (weigh little)`,
      );
    }
    const order = (f: Flag) => -WEIGHT[f.severity] * 10 - (ordinary(f) ? 0 : 1);
    candidates.push({
      rank: 0,
      id: e.id,
      name: e.name,
      score: Math.round(score * 100) / 100,
      flags: counts,
      rules: [...new Set(flags.map((f) => f.rule))],
      flagIds: [...flags].sort((a, b) => order(a) - order(b)).map((f) => f.id),
      watchListedGoods: [...goods].sort(),
      keyNode: key ? { rank: key.rank, role: key.role } : null,
      nearCrossing: near ? { id: near.id, name: near.name, distanceKm: near.distanceKm } : null,
      listedParty: listed,
      ordinaryOnly,
      reasons,
      tier: ordinaryOnly ? 1 : 0,
    });
  }
  candidates.sort((a, b) => a.tier - b.tier || b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const entries = candidates.slice(0, limit).map(({ tier: _tier, ...entry }, i) => ({ ...entry, rank: i + 1 }));
  return { entries, omitted: Math.max(0, candidates.length - limit), method: REVIEW_METHOD };
}
