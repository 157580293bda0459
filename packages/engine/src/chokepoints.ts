import type { OnStep } from './progress';
import type { Bundle, Shipment } from '@chokepoint/model';
import { disrupt, FlowNetwork, maxFlow, minVertexCut, setDominators, type DirectedFlowGraph } from './flow';
import { EngineInputError } from './errors';
import { checkedBundle, checkShipmentMeasures, originText } from './input';
import { largeInt32Array, largeUint8Array } from './arrays';

export interface ChokepointOptions {
  /** Entities the goods come from. */
  sources: string[];
  /** Entities the goods go to. */
  targets: string[];
  /** Which shipments carry the flow (default: all). */
  shipments?: (s: Shipment) => boolean;
  /**
   * The value of a shipment in one currency (`valueCurrency`), or undefined when it has none or it cannot be
   * converted. Default: the shipment's own value when every valued shipment of the flow has the same currency.
   */
  value?: (s: Shipment) => number | undefined;
  /** The currency `value` gives amounts in. */
  valueCurrency?: string;
  /** Greedy disruption steps to simulate. */
  disruptionSteps?: number;
  /** Remove these entities in this order instead of choosing greedily. */
  removalOrder?: string[];
  /**
   * How many entities' loss of flow on removal alone is reported. Entities are tried by the flow they carry (an upper
   * bound of their loss), at most twice this many, and the search stops once no later one can enter the list.
   */
  flowCutCandidates?: number;
  /**
   * The company group of an entity (0 or undefined: none). Deliveries from a source straight to a target of its own
   * company group are movements inside the group, not supply to the targets, and are not counted.
   */
  groupOf?: (id: string) => number | undefined;
  /**
   * Called as the search goes on: the maximum flows in kg and in value, the dominators, the vertex cut, the loss of
   * flow per entity, then each removal of the disruption curve.
   */
  onStep?: OnStep;
}

export const CHOKEPOINT_DEFAULTS = { disruptionSteps: 10, flowCutCandidates: 30 } as const;

/**
 * The mass of a shipment for flow capacities, in kg: its quantityKg (masses, and volumes weighed with a known
 * density); 0 when the goods cannot be weighed (lengths, areas, counts, unknown densities, no quantity).
 */
export function shipmentMass(s: Shipment): number {
  return s.quantityKg ?? 0;
}

/** Where the goods of a shipment physically go: the consignee when one is named, else the buyer. */
export function shipmentReceiver(s: Shipment): string {
  return s.consignee ?? s.buyer;
}

export interface FlowCut {
  measure: 'kg' | 'value' | 'shipments';
  /** The maximum flow before any removal, in the measure. */
  total: number;
  entities: { id: string; amount: number; share: number }[];
}

export interface ChokepointResult {
  sources: string[];
  targets: string[];
  /**
   * Entities selected both as sources and as targets (a supplier inside a cluster near a border). None is dropped:
   * each is split in two, a receiving half (a target: what reaches it is delivered) and a supplying half (a source:
   * what it sells to targets outside its own company group counts from it).
   */
  sourcesAlsoTargets: string[];
  shipments: number;
  /** Shipments from a source straight to a target of its own company group: inside the group, not counted. */
  insideGroups: number;
  /** Shipments of the flow that could not be weighed, by unit ('none' when no quantity was given). */
  unweighed: { shipments: number; byUnit: { unit: string; shipments: number }[] };
  /** Shipments of the flow without a value in `valueCurrency` (no value, or no rate for their currency). */
  unvalued: { shipments: number; byCurrency: { currency: string; shipments: number }[] };
  /** The value measure's currency; null when no shipment of the flow could be valued in one currency. */
  valueCurrency: string | null;
  /** The most that can be delivered from the sources to the targets, in kg and in value (in valueCurrency). */
  maxFlow: { kg: number; value: number };
  /** When nothing can flow: why, in words; null otherwise. */
  noFlow: { kg: string | null; value: string | null };
  /** Entities on every path from any source to any reachable target. */
  dominators: string[];
  /** Entities on every path to at least one target, with how many targets each controls. */
  partialDominators: { id: string; targets: number; share: number }[];
  reachableTargets: number;
  /** Supplier → receiver pairs whose removal cuts the most kg with the least shipped: a minimum edge cut. */
  edgeCut: { source: string; target: string; kg: number }[];
  /** The fewest entities whose removal stops every flow, with the kg and value each carries at maximum flow. */
  vertexCut: { id: string; kg: number; value: number }[];
  /**
   * What removing each entity alone does to the flow, for those carrying the most: measured in kg, or when no mass
   * flows in value (valueCurrency), or when neither flows in shipments; largest loss first. Null when nothing flows.
   */
  flowCut: FlowCut | null;
  /**
   * The fragility curve: after each removal, the share of kg and value still deliverable (null when that measure
   * was zero to begin with: no share of nothing), and the largest connected component.
   */
  disruption: { id: string; remainingKgShare: number | null; remainingValueShare: number | null; largestComponent: number; targetsReached: number }[];
}

/**
 * Supply chokepoints between two sets of entities on the directed shipment graph (supplier → receiver): capacities
 * are the kg (and, separately, the value in one currency) shipped per pair. A source that is also a target stays a
 * source (see `sourcesAlsoTargets`): no supplier of the goods is ever dropped.
 */
export function supplyChokepoints(bundle: Bundle, options: ChokepointOptions): ChokepointResult {
  // id → position, and the ends of every tie; EngineInputError for a broken contract or totals beyond MAX_TOTAL.
  const checked = checkedBundle(bundle);
  return chokepointsOf({ ids: bundle.entities.map((e) => e.id), index: checked.index, ends: checked, shipments: bundle.shipments }, options);
}

/**
 * A network given by the ends of its ties rather than as a bundle: what supplyChokepointsIn needs. For a report whose
 * records are in a file of their own, the ends are its record table's and the shipments only those that may flow
 * (read from the file): `disrupt` at a million entities need not read ten million records as objects.
 */
export interface ChokepointNetwork {
  /** Each entity's id, by position. */
  ids: readonly string[];
  /** Entity id → position (every id of `ids`). */
  index: ReadonlyMap<string, number>;
  /** The ends of every tie of the network, relations and shipments, as positions: for the largest connected part. */
  ends: { readonly from: Int32Array; readonly to: Int32Array };
  /** The shipments that may flow (options.shipments picks among them). */
  shipments: readonly Shipment[];
}

/**
 * supplyChokepoints over a network given as a ChokepointNetwork: the same results as for the bundle it stands for
 * (its ends and shipments). The shipments are checked as checkBundle checks them (known ends, measures); the ends
 * and the index are taken as given, once they fit the entities (every end one of them, one index entry each).
 */
export function supplyChokepointsIn(network: ChokepointNetwork, options: ChokepointOptions): ChokepointResult {
  const { ids, index, ends, shipments } = network;
  if (index.size !== ids.length) throw new EngineInputError(`the index has ${index.size} entities, the network ${ids.length}`);
  if (ends.from.length !== ends.to.length) throw new EngineInputError(`the ends of the ties do not pair: ${ends.from.length} and ${ends.to.length}`);
  for (let k = 0; k < ends.from.length; k++) {
    if (!(ends.from[k] >= 0 && ends.from[k] < ids.length && ends.to[k] >= 0 && ends.to[k] < ids.length)) throw new EngineInputError(`tie ${k + 1} has an end that is not an entity of the network`);
  }
  for (const s of shipments) {
    for (const id of [s.supplier, s.buyer, s.consignee, s.payer]) {
      if (id !== undefined && !index.has(id)) throw new EngineInputError(`shipment ${JSON.stringify(s.id)}${originText(s.origin)} names ${JSON.stringify(id)}, which is not an entity of the network`);
    }
  }
  checkShipmentMeasures(shipments);
  return chokepointsOf(network, options);
}

function chokepointsOf(network: ChokepointNetwork, options: ChokepointOptions): ChokepointResult {
  const { ids, index } = network;
  const pick = options.shipments ?? (() => true);
  const flowing = network.shipments.filter((s) => pick(s) && index.has(s.supplier) && index.has(shipmentReceiver(s)) && s.supplier !== shipmentReceiver(s));

  let valueOf = options.value;
  let valueCurrency: string | null = options.valueCurrency ?? null;
  if (valueOf === undefined) {
    const currencies = new Set(flowing.filter((s) => s.value !== undefined).map((s) => s.currency ?? ''));
    const only = currencies.size === 1 ? [...currencies][0] : undefined;
    valueCurrency = only !== undefined && only !== '' ? only : null;
    valueOf = (s) => (valueCurrency !== null && s.currency === valueCurrency ? s.value : undefined);
  }

  const sourceSet = new Set(options.sources.filter((id) => index.has(id)));
  const targetSet = new Set(options.targets.filter((id) => index.has(id)));
  const sources = [...sourceSet].sort();
  const targets = [...targetSet].sort();
  const sourcesAlsoTargets = sources.filter((id) => targetSet.has(id));
  // An entity that is both a source and a target is split: its own index receives (a target), a new index sells.
  const n = ids.length;
  const twin = largeInt32Array(n + sourcesAlsoTargets.length).fill(-1);
  const original = Int32Array.from({ length: n + sourcesAlsoTargets.length }, (_x, i) => i);
  sourcesAlsoTargets.forEach((id, k) => {
    const v = index.get(id)!;
    twin[v] = n + k;
    twin[n + k] = v;
    original[n + k] = v;
  });
  const supplyingHalf = (v: number) => (twin[v] >= 0 && v < n ? twin[v] : v);
  const groupOf = options.groupOf ?? (() => undefined);
  const sameGroup = (a: string, b: string) => {
    const g = groupOf(a);
    return g !== undefined && g !== 0 && g === groupOf(b);
  };

  const pairs = new Map<string, { u: number; v: number; kg: number; value: number; count: number }>();
  const unweighed = new Map<string, number>();
  const unvalued = new Map<string, number>();
  let anyValued = false;
  let insideGroups = 0;
  for (const s of flowing) {
    const receiver = shipmentReceiver(s);
    if (sourceSet.has(s.supplier) && targetSet.has(receiver) && sameGroup(s.supplier, receiver)) {
      insideGroups++;
      continue;
    }
    const key = `${s.supplier}\u0000${receiver}`;
    const p = pairs.get(key) ?? { u: supplyingHalf(index.get(s.supplier)!), v: index.get(receiver)!, kg: 0, value: 0, count: 0 };
    p.count++;
    if (s.quantityKg === undefined) {
      const unit = s.quantity === undefined ? 'none' : (s.unit ?? 'none');
      unweighed.set(unit, (unweighed.get(unit) ?? 0) + 1);
    }
    p.kg += shipmentMass(s);
    const v = valueCurrency === null && options.value === undefined ? undefined : valueOf(s);
    if (v === undefined || !Number.isFinite(v)) {
      const c = s.value === undefined ? 'none' : (s.currency ?? 'none');
      unvalued.set(c, (unvalued.get(c) ?? 0) + 1);
    } else {
      p.value += v;
      anyValued = true;
    }
    pairs.set(key, p);
  }
  if (!anyValued) valueCurrency = null;
  const list = [...pairs.values()];
  const size = twin.length;
  const source = Int32Array.from(list.map((p) => p.u));
  const target = Int32Array.from(list.map((p) => p.v));
  const kgGraph: DirectedFlowGraph = { n: size, source, target, capacity: Float64Array.from(list.map((p) => p.kg)) };
  const valueGraph: DirectedFlowGraph = { n: size, source, target, capacity: Float64Array.from(list.map((p) => p.value)) };
  const countGraph: DirectedFlowGraph = { n: size, source, target, capacity: Float64Array.from(list.map((p) => p.count)) };
  // Every pair that trades connects, weighed or not: the topology for dominators and the vertex cut.
  const topo: DirectedFlowGraph = { n: size, source, target, capacity: Float64Array.from(list.map(() => 1)) };
  const src = Int32Array.from(sources.map((id) => supplyingHalf(index.get(id)!)));
  const dst = Int32Array.from(targets.map((id) => index.get(id)!));
  const idOf = (v: number) => ids[original[v]];
  /** A node that lies between sources and targets: not a receiving end (a target's own index). */
  const between = (v: number) => !(v < n && targetSet.has(ids[v]));

  const removals = options.removalOrder?.filter((id) => index.has(id)).map((id) => index.get(id)!);
  const total = 5 + (removals?.length ?? options.disruptionSteps ?? CHOKEPOINT_DEFAULTS.disruptionSteps);
  const step = (done: number, words: string) => options.onStep?.({ done, total, words });
  const kg = maxFlow(kgGraph, src, dst);
  step(1, 'the maximum flow in kg found');
  const value = maxFlow(valueGraph, src, dst);
  step(2, 'the maximum flow in value found');
  const dom = setDominators(topo, src, dst);
  step(3, 'the dominators found');
  const cut = minVertexCut(topo, src, dst);
  step(4, 'the smallest vertex cut found');

  /** Whether any target buys or receives the goods from anyone (a pair ends at it). */
  const dstSet = new Set(dst);
  const targetFed = list.some((p) => dstSet.has(p.v));
  const noFlowWhy = (measure: 'kg' | 'value', flow: number): string | null => {
    if (flow > 0) return null;
    if (sources.length === 0) return 'no supplier of the goods was selected';
    if (targets.length === 0) return 'no target was selected';
    if (dom.reachableTargets === 0) {
      // (the targets near a crossing may be a haulier and its owner, who buy none of the goods: said so, for a person
      // to choose targets that do)
      if (!targetFed && insideGroups === 0) return targets.length === 1 ? 'the target buys or receives none of these goods, from anyone' : `none of the ${targets.length} targets buys or receives any of these goods, from anyone`;
      return insideGroups > 0
        ? 'no chain of shipments leads from the sources to targets outside their own company groups'
        : 'no chain of shipments leads from the sources to the targets';
    }
    if (measure === 'kg') return 'no shipment on the paths from the sources to the targets has a quantity that can be weighed in kg';
    // Shipments without any value at all are counted under 'none'.
    if (flowing.length > 0 && unvalued.get('none') === flowing.length) return 'no shipment of these goods has a value';
    return valueCurrency === null ? 'the shipments have no values in one currency (give exchange rates to compare currencies)' : `no shipment on the paths has a value in ${valueCurrency}`;
  };
  /** Flow through an entity: both halves when it is split. */
  const through = (flow: Float64Array, v: number) => flow[v] + (twin[v] >= 0 ? flow[twin[v]] : 0);

  // Loss of flow when each of the entities carrying the most is removed alone: in kg, else value, else shipments.
  let flowCut: FlowCut | null = null;
  const measures = [
    { measure: 'kg' as const, graph: kgGraph, flow: kg },
    { measure: 'value' as const, graph: valueGraph, flow: value },
    { measure: 'shipments' as const, graph: countGraph, flow: null as ReturnType<typeof maxFlow> | null },
  ];
  for (const m of measures) {
    const flow = m.flow ?? maxFlow(m.graph, src, dst);
    if (flow.value <= 0) continue;
    const candidates: number[] = [];
    for (let v = 0; v < n; v++) if (through(flow.nodeFlow, v) > 1e-12) candidates.push(v);
    candidates.sort((x, y) => through(flow.nodeFlow, y) - through(flow.nodeFlow, x) || x - y);
    const removed = largeUint8Array(size);
    const entities: FlowCut['entities'] = [];
    const keep = options.flowCutCandidates ?? CHOKEPOINT_DEFAULTS.flowCutCandidates;
    if (keep <= 0) {
      flowCut = { measure: m.measure, total: flow.value, entities: [] };
      break;
    }
    // The k-th largest loss found so far: a candidate whose flow (its largest possible loss) is below it cannot enter.
    const kth = () => (entities.length < keep ? 0 : [...entities].sort((a, b) => b.amount - a.amount)[keep - 1].amount);
    // The flows below are maxFlow's, on the part of the graph that can carry flow (FlowNetwork).
    const network = new FlowNetwork(m.graph, src, dst);
    // At most twice as many tries as entries (by the flow they carry), and fewer once no later one can enter.
    for (const v of candidates.slice(0, 2 * keep)) {
      if (through(flow.nodeFlow, v) < kth() - 1e-9) break;
      // What a target receives itself is not cut by its removal, it is simply not delivered: the loss that counts
      // is the flow to the other targets (for a target: the flow to the others with it, against without it).
      const isTarget = targetSet.has(ids[v]);
      const notTarget = isTarget ? v : -1;
      const before = isTarget ? network.value(undefined, notTarget) : flow.value;
      removed[v] = 1;
      if (twin[v] >= 0) removed[twin[v]] = 1;
      const left = network.value(removed, notTarget);
      removed[v] = 0;
      if (twin[v] >= 0) removed[twin[v]] = 0;
      const lost = Math.max(0, before - left);
      if (lost > 1e-9 * Math.max(1, flow.value)) entities.push({ id: ids[v], amount: lost, share: Math.min(1, lost / flow.value) });
    }
    entities.sort((a, b) => b.amount - a.amount || (a.id < b.id ? -1 : 1));
    flowCut = { measure: m.measure, total: flow.value, entities: entities.slice(0, keep) };
    break;
  }

  step(5, 'the loss of flow when each entity is removed alone measured');

  // The whole network, undirected, for the largest connected component: every tie and every shipment, as numbers
  // (the ends the check found, read only).
  const undirected = { a: network.ends.from, b: network.ends.to };
  // Where neither mass nor value can flow (goods counted in pieces and no values, as a list of who supplies whom gives
  // them), the removals follow the number of shipments, and the curve says how many targets are still reached.
  const steps = disrupt(kg.value > 0 || value.value > 0 ? [kgGraph, valueGraph] : [kgGraph, valueGraph, countGraph], src, dst, undirected, {
    steps: options.disruptionSteps ?? CHOKEPOINT_DEFAULTS.disruptionSteps,
    order: removals,
    entities: n,
    twin,
    onStep: (s) => step(5 + s.done, `disruption: ${s.words}`),
  });
  const uniqueIds = (nodes: Iterable<number>) => [...new Set([...nodes].map(idOf))];
  const partialBy = new Map<string, number>();
  for (let v = 0; v < size; v++) {
    if (dom.targetsDominated[v] > 0 && between(v)) partialBy.set(idOf(v), Math.max(partialBy.get(idOf(v)) ?? 0, dom.targetsDominated[v]));
  }
  const partial = [...partialBy]
    .map(([id, t]) => ({ id, targets: t, share: dom.reachableTargets > 0 ? t / dom.reachableTargets : 0 }))
    .sort((a, b) => b.targets - a.targets || (a.id < b.id ? -1 : 1));
  const counted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const cutIds = new Map<string, { kg: number; value: number }>();
  for (const v of cut) {
    const id = idOf(v);
    const e = cutIds.get(id) ?? { kg: 0, value: 0 };
    e.kg += kg.nodeFlow[v];
    e.value += value.nodeFlow[v];
    cutIds.set(id, e);
  }
  return {
    sources,
    targets,
    sourcesAlsoTargets,
    shipments: flowing.length,
    insideGroups,
    unweighed: { shipments: [...unweighed.values()].reduce((a, b) => a + b, 0), byUnit: counted(unweighed).map(([unit, shipments]) => ({ unit, shipments })) },
    unvalued: { shipments: [...unvalued.values()].reduce((a, b) => a + b, 0), byCurrency: counted(unvalued).map(([currency, shipments]) => ({ currency, shipments })) },
    valueCurrency,
    maxFlow: { kg: kg.value, value: value.value },
    noFlow: { kg: noFlowWhy('kg', kg.value), value: noFlowWhy('value', value.value) },
    dominators: uniqueIds(dom.all.filter(between)),
    partialDominators: partial,
    reachableTargets: dom.reachableTargets,
    edgeCut: kg.cutEdges
      .map((e) => ({ source: idOf(source[e]), target: idOf(target[e]), kg: kgGraph.capacity[e] }))
      .sort((a, b) => b.kg - a.kg || (a.source < b.source ? -1 : a.source > b.source ? 1 : a.target < b.target ? -1 : 1)),
    vertexCut: [...cutIds].map(([id, x]) => ({ id, ...x })).sort((a, b) => b.kg - a.kg || (a.id < b.id ? -1 : 1)),
    flowCut,
    disruption: steps.map((s) => ({
      id: ids[s.node],
      remainingKgShare: kg.value > 0 ? s.remaining[0] : null,
      remainingValueShare: value.value > 0 ? s.remaining[1] : null,
      largestComponent: s.largestComponent,
      targetsReached: s.targetsReached,
    })),
  };
}
