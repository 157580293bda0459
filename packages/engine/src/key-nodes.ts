import { countsOf, zeroBrokerage, type BrokerageCounts, type BrokerageResult } from './brokerage';
import type { Controlled } from './control';
import { largeFloat64Array, largeInt32Array } from './arrays';

/**
 * The key-node ranking: the key individuals and businesses of a network in the sense of Conflict Armament Research
 * (2020): the people and companies that control the flagged companies, that broker between groups and across
 * borders, whose removal would cut the flow of the goods under study, and on whom the rest of the network hangs.
 * Five measures, each scaled to [0, 1], weighed as below; the score is their weighted sum.
 *
 * - control: the red flags of the companies an entity controls (ownership of at least 25 %, directorship, along
 *   chains, and through a relative at half weight), each flag by its severity; relative to the highest.
 * - flowCut: the share of the maximum flow of the selected goods (kg) that is lost when the entity alone is
 *   removed (absolute, not relative: 1 means nothing can flow without it).
 * - brokerage: Gould–Fernandez brokerage (all roles but coordinator) and brokerage across borders, each on a
 *   logarithmic scale relative to the highest, averaged; measured apart through ties (relations, between company
 *   groups: how people broker) and in trade (shipments, between clusters: how companies broker), each against the
 *   strongest broker of its kind, and the higher of the two counts.
 * - betweenness: share of shortest paths, relative to the highest.
 * - cutOff: entities cut off when it is removed, counting an entity cut off alone (a loose end such as a company's
 *   only director) for a tenth, relative to the highest.
 */
export const KEY_NODE_WEIGHTS = { control: 0.3, flowCut: 0.25, brokerage: 0.2, betweenness: 0.15, cutOff: 0.1 } as const;

/** Weight of one red flag by its severity, for the control measure. */
export const FLAG_SEVERITY_WEIGHTS = { high: 1, medium: 0.5, low: 0.2 } as const;

/** An entity cut off alone counts for this much of one cut off with others. */
export const LONE_CUT_OFF_WEIGHT = 0.1;

/**
 * Through a relative, control counts three quarters (family firms act as one: CAR 2020), so the head of a family whose
 * relatives each control some of the flagged companies stands behind all of them; each further link in a chain of
 * control counts 0.8 of the one before.
 */
export const CONTROL_DISCOUNTS = { family: 0.75, chain: 0.8 } as const;

/**
 * An entity with a single tie (a loose end: a company's only director, a supplier with one buyer) is scored at this
 * share: everything it does passes through its one neighbour, which is the place to look.
 */
export const LOOSE_END_FACTOR = 0.5;

export interface KeyNodeOptions {
  /** How many key nodes to return. */
  top?: number;
}

export const KEY_NODE_DEFAULTS = { top: 20 } as const;

/** Red flags on one entity, for the control measure. */
export interface FlagTally {
  high: number;
  medium: number;
  low: number;
}

/** What removing one entity alone does to the flow of the goods under study. */
export interface FlowCutInput {
  /** Share of the maximum flow lost when the node alone is removed, in [0, 1], by node position. */
  lostShare: ArrayLike<number>;
  /** The amount lost, in the measure, by node position. */
  lost: ArrayLike<number>;
  /** The maximum flow before any removal, in the measure. */
  total: number;
  /** How an amount of the measure reads: "12,000 kg", "EUR 40,000", "12 shipments". */
  format: (amount: number) => string;
  /** The goods, in words ("watch-listed goods"). */
  goods: string;
}

/** Brokerage counts by node position: one object each, or the arrays of a BrokerageResult. */
export type BrokerageSource = readonly BrokerageCounts[] | BrokerageResult;

/** Brokerage counts as the arrays `brokerage` gives: a list of counts turned into them, the arrays as they are. */
function asResult(list: BrokerageSource): BrokerageResult {
  if (!Array.isArray(list)) return list as BrokerageResult;
  const counts = list as readonly BrokerageCounts[];
  const n = counts.length;
  const r = zeroBrokerage(n);
  for (let i = 0; i < n; i++) for (const k of Object.keys(r) as (keyof BrokerageResult)[]) r[k][i] = counts[i][k];
  return r;
}

/** Inputs of the key-node ranking, all indexed by node position. */
export interface KeyNodeInputs {
  keys: string[];
  names: string[];
  cluster: ArrayLike<number>;
  betweenness: ArrayLike<number>;
  articulation: ArrayLike<number>;
  cutOff: ArrayLike<number>;
  /** Of the entities cut off, those cut off alone (pieces of one). */
  loneCutOff: ArrayLike<number>;
  componentSize: ArrayLike<number>;
  /** Distinct neighbours of each node (ties and trade). */
  degree?: ArrayLike<number>;
  /** Bridges as node positions with the sizes of the two sides. */
  bridges: { u: number; v: number; sizeU: number; sizeV: number }[];
  /** Country of each node, when known (for words only). */
  countries?: (string | undefined)[];
  /**
   * Brokerage counts of each node, through ties and in trade: a list of counts, or the arrays `brokerage` gives (read
   * as they are: at a million entities, no object per node).
   */
  brokerage?: { ties: BrokerageSource; trade: BrokerageSource };
  /** True when the brokerage counts only two-step paths that touch the case (a flagged entity or its controller at an end). */
  brokerageOfCase?: boolean;
  /** What each entity controls (controlChains), by id. */
  controlled?: ReadonlyMap<string, readonly Controlled[]>;
  /** Red flags by entity id. */
  flags?: ReadonlyMap<string, FlagTally>;
  flowCut?: FlowCutInput;
}

/** The parts of a key node's score, each in [0, 1] before weighing. */
export interface KeyNodeMeasures {
  control: number;
  flowCut: number;
  brokerage: number;
  betweenness: number;
  cutOff: number;
}

/** The part that weighs most in a key node's score: what kind of key player it is. */
export const KEY_NODE_ROLES = ['control', 'flow', 'brokerage', 'structure'] as const;
export type KeyNodeRole = (typeof KEY_NODE_ROLES)[number];

export interface KeyNode {
  id: string;
  rank: number;
  /** What kind of key player it is: the part that weighs most in its score. */
  role: KeyNodeRole;
  /** Weighted sum of the measures (KEY_NODE_WEIGHTS), in [0, 1]. */
  score: number;
  measures: KeyNodeMeasures;
  articulation: boolean;
  cutOff: number;
  /** Of the entities cut off, those cut off alone. */
  loneCutOff: number;
  betweenness: number;
  betweennessRank: number;
  cluster: number;
  /** Bridges (ties whose removal splits the network) this node is an end of. */
  bridges: number;
  /** Flagged companies this entity controls (itself excluded), and their red flags. */
  controls: { companies: number; flags: number };
  /** Gould–Fernandez brokerage through ties and in trade: open two-step paths through the node by role, and across borders. */
  brokerage: { ties: BrokerageCounts; trade: BrokerageCounts };
  /** Share of the flow of the goods under study lost without it, and the amount in the flow's measure; null without a flow analysis. */
  flowCut: { share: number; amount: number } | null;
  /** Why the node matters, in words a person reads: where to look, not what anyone did. */
  reasons: string[];
}

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

function percent(x: number): string {
  const p = x * 100;
  return p >= 10 ? p.toFixed(0) : p >= 1 ? p.toFixed(1) : p.toFixed(2);
}

function flagWeight(t: FlagTally | undefined): number {
  if (t === undefined) return 0;
  return t.high * FLAG_SEVERITY_WEIGHTS.high + t.medium * FLAG_SEVERITY_WEIGHTS.medium + t.low * FLAG_SEVERITY_WEIGHTS.low;
}

/** How much a controlled company's flags count for its controller: less through a relative and along chains. */
export function controlDiscount(c: Controlled): number {
  const chain = c.path.filter((s) => s.kind !== 'family').length;
  return (c.throughFamily ? CONTROL_DISCOUNTS.family : 1) * CONTROL_DISCOUNTS.chain ** Math.max(0, chain - 1);
}

/**
 * Ranks the key individuals and businesses of the network (see KEY_NODE_WEIGHTS for the method). Nodes with a
 * score of 0 are never key nodes. Ties in score: by id. Pure.
 */
export function rankKeyNodes(input: KeyNodeInputs, options: KeyNodeOptions = {}): KeyNode[] {
  const top = options.top ?? KEY_NODE_DEFAULTS.top;
  const n = input.keys.length;
  const index = new Map<string, number>();
  input.keys.forEach((k, i) => index.set(k, i));

  // Control: the severity-weighted flags of the companies each entity controls.
  const controlRaw = largeFloat64Array(n);
  const controlCompanies = largeInt32Array(n);
  const controlFlags = largeInt32Array(n);
  const flaggedControlled: Controlled[][] = Array.from({ length: n }, () => []);
  if (input.controlled && input.flags) {
    for (const [id, list] of input.controlled) {
      const i = index.get(id);
      if (i === undefined) continue;
      for (const c of list) {
        const t = input.flags.get(c.id);
        const w = flagWeight(t);
        if (w <= 0) continue;
        controlRaw[i] += w * controlDiscount(c);
        controlCompanies[i]++;
        controlFlags[i] += t!.high + t!.medium + t!.low;
        flaggedControlled[i].push(c);
      }
    }
  }

  // Brokerage through ties and in trade, each between groups and across borders, on a log scale.
  const kinds = ['ties', 'trade'] as const;
  const crossGroup = { ties: largeFloat64Array(n), trade: largeFloat64Array(n) };
  const crossBorder = { ties: largeFloat64Array(n), trade: largeFloat64Array(n) };
  // One form inside: the arrays (a list of counts, as tests give them, turned into arrays once).
  const brokerage = input.brokerage && { ties: asResult(input.brokerage.ties), trade: asResult(input.brokerage.trade) };
  if (brokerage) {
    for (const kind of kinds) {
      const r = brokerage[kind];
      for (let i = 0; i < n; i++) {
        crossGroup[kind][i] = r.itinerant[i] + r.gatekeeper[i] + r.representative[i] + r.liaison[i];
        crossBorder[kind][i] = r.crossBorder[i];
      }
    }
  }

  const effectiveCut = largeFloat64Array(n);
  for (let i = 0; i < n; i++) effectiveCut[i] = input.cutOff[i] - input.loneCutOff[i] + LONE_CUT_OFF_WEIGHT * input.loneCutOff[i];

  const max = (a: ArrayLike<number>) => {
    let m = 0;
    for (let i = 0; i < n; i++) if (a[i] > m) m = a[i];
    return m;
  };
  const maxControl = max(controlRaw);
  const maxB = max(input.betweenness);
  const maxCut = max(effectiveCut);
  const logShare = (x: number, m: number) => (m > 0 ? Math.log1p(x) / Math.log1p(m) : 0);
  const maxGroup = { ties: max(crossGroup.ties), trade: max(crossGroup.trade) };
  const maxBorder = { ties: max(crossBorder.ties), trade: max(crossBorder.trade) };
  const brokerageOf = (kind: 'ties' | 'trade', i: number) => (logShare(crossGroup[kind][i], maxGroup[kind]) + logShare(crossBorder[kind][i], maxBorder[kind])) / 2;

  const measures: KeyNodeMeasures[] = new Array(n);
  const score = largeFloat64Array(n);
  for (let i = 0; i < n; i++) {
    const m: KeyNodeMeasures = {
      control: maxControl > 0 ? controlRaw[i] / maxControl : 0,
      flowCut: input.flowCut ? Math.min(1, Math.max(0, input.flowCut.lostShare[i])) : 0,
      brokerage: Math.max(brokerageOf('ties', i), brokerageOf('trade', i)),
      betweenness: maxB > 0 ? input.betweenness[i] / maxB : 0,
      cutOff: maxCut > 0 ? effectiveCut[i] / maxCut : 0,
    };
    measures[i] = m;
    score[i] =
      (KEY_NODE_WEIGHTS.control * m.control +
        KEY_NODE_WEIGHTS.flowCut * m.flowCut +
        KEY_NODE_WEIGHTS.brokerage * m.brokerage +
        KEY_NODE_WEIGHTS.betweenness * m.betweenness +
        KEY_NODE_WEIGHTS.cutOff * m.cutOff) *
      (input.degree !== undefined && input.degree[i] <= 1 ? LOOSE_END_FACTOR : 1);
  }

  const byKey = (a: number, b: number) => (input.keys[a] < input.keys[b] ? -1 : input.keys[a] > input.keys[b] ? 1 : 0);
  const byBetweenness = [...Array(n).keys()].sort((a, b) => input.betweenness[b] - input.betweenness[a] || byKey(a, b));
  const bRank = largeInt32Array(n);
  byBetweenness.forEach((node, r) => (bRank[node] = r + 1));
  const chosen = [...Array(n).keys()]
    .filter((i) => score[i] > 1e-12)
    .sort((a, b) => score[b] - score[a] || byKey(a, b))
    .slice(0, top);
  /** The role that weighs most in a node's score. */
  const roleOf = (i: number): KeyNodeRole => {
    const m = measures[i];
    const parts: [KeyNodeRole, number][] = [
      ['control', KEY_NODE_WEIGHTS.control * m.control],
      ['flow', KEY_NODE_WEIGHTS.flowCut * m.flowCut],
      ['brokerage', KEY_NODE_WEIGHTS.brokerage * m.brokerage],
      ['structure', KEY_NODE_WEIGHTS.betweenness * m.betweenness + KEY_NODE_WEIGHTS.cutOff * m.cutOff],
    ];
    return parts.reduce((best, p) => (p[1] > best[1] ? p : best))[0];
  };

  const bridgesOf = new Map<number, { other: number; nearSide: number; farSide: number }[]>();
  for (const b of input.bridges) {
    if (!bridgesOf.has(b.u)) bridgesOf.set(b.u, []);
    if (!bridgesOf.has(b.v)) bridgesOf.set(b.v, []);
    bridgesOf.get(b.u)!.push({ other: b.v, nearSide: b.sizeU, farSide: b.sizeV });
    bridgesOf.get(b.v)!.push({ other: b.u, nearSide: b.sizeV, farSide: b.sizeU });
  }
  const label = (id: string) => {
    const j = index.get(id);
    return j === undefined ? id : `${input.names[j]} (${id})`;
  };

  return chosen.map((i, r) => {
    const reasons: string[] = [];
    const m = measures[i];
    const looseEnd = input.degree !== undefined && input.degree[i] <= 1;
    // Reasons come in the order of what weighs most for this node.
    const parts: { weight: number; words: () => string[] }[] = [];

    if (controlCompanies[i] > 0) {
      parts.push({
        weight: KEY_NODE_WEIGHTS.control * m.control,
        words: () => {
          const list = [...flaggedControlled[i]].sort((a, b) => flagWeight(input.flags!.get(b.id)) * controlDiscount(b) - flagWeight(input.flags!.get(a.id)) * controlDiscount(a) || (a.id < b.id ? -1 : 1));
          const shown = list.slice(0, 4).map((c) => `${label(c.id)} ${controlWords(c, label)}`);
          const more = list.length > 4 ? `, and ${plural(list.length - 4, 'more', 'more')}` : '';
          return [
            `stands behind ${plural(controlCompanies[i], 'flagged company', 'flagged companies')} with ${plural(controlFlags[i], 'red flag', 'red flags')} between them: ${shown.join('; ')}${more}; review who decides for them`,
          ];
        },
      });
    }
    if (input.flowCut && input.flowCut.lostShare[i] > 1e-9) {
      parts.push({
        weight: KEY_NODE_WEIGHTS.flowCut * m.flowCut,
        words: () => [
          `without it, ${percent(input.flowCut!.lostShare[i])}% of the flow of ${input.flowCut!.goods} (${input.flowCut!.format(input.flowCut!.lost[i])} of ${input.flowCut!.format(input.flowCut!.total)}) could no longer reach the targets`,
        ],
      });
    }
    for (const kind of kinds) {
      if (crossGroup[kind][i] <= 0 && crossBorder[kind][i] <= 0) continue;
      const c = countsOf(brokerage![kind], i);
      parts.push({
        weight: KEY_NODE_WEIGHTS.brokerage * brokerageOf(kind, i),
        words: () => {
          const roles = (
            [
              ['liaison', c.liaison],
              ['gatekeeper', c.gatekeeper],
              ['representative', c.representative],
              ['itinerant', c.itinerant],
            ] as const
          )
            .filter(([, x]) => x > 0)
            .map(([role, x]) => `${role} ${x.toLocaleString('en-US')}`)
            .join(', ');
          const what = `${kind === 'ties' ? 'company groups, through its ties' : 'clusters, in trade'}${input.brokerageOfCase ? ' (paths with a flagged entity or its controller at one end)' : ''}`;
          const others = kind === 'ties' ? plural(c.groupsBridged, 'company group', 'company groups') : plural(c.groupsBridged, 'other cluster', 'other clusters');
          const out: string[] = [];
          if (crossGroup[kind][i] > 0) {
            out.push(`brokers between ${what}: ${plural(crossGroup[kind][i], 'two-step path', 'two-step paths')} between entities not tied to each other run through it, touching ${others} (${roles})`);
          }
          if (crossBorder[kind][i] > 0) {
            out.push(`links entities of different countries ${kind === 'ties' ? 'through its ties' : 'in trade'}: ${plural(crossBorder[kind][i], 'two-step path', 'two-step paths')} across a border run through it`);
          }
          return out;
        },
      });
    }
    const cut = input.cutOff[i];
    const lone = input.loneCutOff[i];
    if (input.articulation[i] && cut > 0) {
      parts.push({
        weight: KEY_NODE_WEIGHTS.cutOff * m.cutOff,
        words: () => [
          `articulation point: without it, ${plural(cut, 'entity is', 'entities are')} cut off from the rest of its connected network of ${plural(input.componentSize[i], 'entity', 'entities')}` +
            (lone > 0 ? ` (${lone === cut ? (cut === 1 ? 'a single loose end' : 'all of them loose ends, each alone') : `${plural(lone, 'of them a loose end', 'of them loose ends')}, each alone`})` : ''),
        ],
      });
    }
    const bw = input.betweenness[i];
    if (bw > 0) {
      parts.push({
        weight: KEY_NODE_WEIGHTS.betweenness * m.betweenness,
        words: () => [`lies on ${percent(bw)}% of the shortest paths between other entities (betweenness rank ${bRank[i]} of ${n})`],
      });
    }
    parts.sort((a, b) => b.weight - a.weight);
    for (const p of parts) reasons.push(...p.words());
    // A loose end's own tie is a bridge to everything else: that says nothing about it, so it is not a reason.
    const bridges = (bridgesOf.get(i) ?? []).filter((x) => x.farSide >= 2 && x.nearSide >= 2).sort((x, y) => y.farSide - x.farSide || byKey(x.other, y.other));
    if (looseEnd) reasons.push('a loose end: its only tie is to one other entity, which is the place to look first (its score counts half)');
    for (const x of bridges.slice(0, 3)) {
      reasons.push(`its tie to ${input.names[x.other]} (${input.keys[x.other]}) is the only link to ${plural(x.farSide, 'entity', 'entities')}`);
    }
    if (bridges.length > 3) reasons.push(`and ${plural(bridges.length - 3, 'more such tie', 'more such ties')}`);

    const none: BrokerageCounts = { coordinator: 0, itinerant: 0, gatekeeper: 0, representative: 0, liaison: 0, crossBorder: 0, groupsBridged: 0 };
    return {
      id: input.keys[i],
      rank: r + 1,
      role: roleOf(i),
      score: score[i],
      measures: m,
      articulation: input.articulation[i] === 1,
      cutOff: cut,
      loneCutOff: lone,
      betweenness: bw,
      betweennessRank: bRank[i],
      cluster: input.cluster[i],
      bridges: (bridgesOf.get(i) ?? []).length,
      controls: { companies: controlCompanies[i], flags: controlFlags[i] },
      brokerage: brokerage ? { ties: countsOf(brokerage.ties, i), trade: countsOf(brokerage.trade, i) } : { ties: none, trade: none },
      flowCut: input.flowCut ? { share: input.flowCut.lostShare[i], amount: input.flowCut.lost[i] } : null,
      reasons,
    };
  });
}

/** How a controller reaches a company, in words: "(owner 60 %)", "(director)", "(through Ali Veli (p-2), family; owner)". */
export function controlWords(c: Controlled, label: (id: string) => string): string {
  const steps = c.path.map((s) => (s.kind === 'owner' ? `owner${s.share === undefined ? '' : ` ${s.share} %`}` : s.kind));
  if (c.path.length === 1) return `(${steps[0]})`;
  const via = c.path.slice(0, -1).map((s) => label(s.to));
  return `(through ${via.join(', then ')}: ${steps.join(', ')})`;
}
