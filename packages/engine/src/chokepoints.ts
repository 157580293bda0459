import type { Bundle, Shipment } from '@chokepoint/model';
import { disrupt, maxFlow, minVertexCut, setDominators, type DirectedFlowGraph } from './flow';
import { checkBundle } from './input';

export interface ChokepointOptions {
  /** Entities the goods come from. */
  sources: string[];
  /** Entities the goods go to. */
  targets: string[];
  /** Which shipments carry the flow (default: all). */
  shipments?: (s: Shipment) => boolean;
  /** Greedy disruption steps to simulate. */
  disruptionSteps?: number;
  /** Remove these entities in this order instead of choosing greedily. */
  removalOrder?: string[];
}

export const CHOKEPOINT_DEFAULTS = { disruptionSteps: 10 } as const;

/** The mass of a shipment for flow capacities: kilograms; litres count as kilograms (density 1). */
export function shipmentMass(s: Shipment): number {
  if (s.quantityKg !== undefined) return s.quantityKg;
  if (s.unit === 'l' && s.quantity !== undefined) return s.quantity;
  return 0;
}

export interface ChokepointResult {
  sources: string[];
  targets: string[];
  shipments: number;
  /** The most that can be delivered from the sources to the targets, in kg and in value. */
  maxFlow: { kg: number; value: number };
  /** Entities on every path from any source to any reachable target. */
  dominators: string[];
  /** Entities on every path to at least one target, with how many targets each controls. */
  partialDominators: { id: string; targets: number; share: number }[];
  reachableTargets: number;
  /** Supplier → buyer pairs whose removal cuts the most kg with the least shipped: a minimum edge cut. */
  edgeCut: { source: string; target: string; kg: number }[];
  /** The fewest entities whose removal stops every flow, with the kg and value each carries at maximum flow. */
  vertexCut: { id: string; kg: number; value: number }[];
  /** The fragility curve: after each removal, the share of kg and value still deliverable, and the largest connected component. */
  disruption: { id: string; remainingKgShare: number; remainingValueShare: number; largestComponent: number }[];
}

/**
 * Supply chokepoints between two sets of entities on the directed shipment graph: capacities are
 * the kg (and, separately, the value) shipped per supplier → buyer pair.
 */
export function supplyChokepoints(bundle: Bundle, options: ChokepointOptions): ChokepointResult {
  const ids = bundle.entities.map((e) => e.id);
  const index = checkBundle(bundle); // id → position; EngineInputError for a broken contract or totals beyond MAX_TOTAL
  const pick = options.shipments ?? (() => true);
  const pairs = new Map<string, { u: number; v: number; kg: number; value: number }>();
  let used = 0;
  for (const s of bundle.shipments) {
    if (!pick(s)) continue;
    used++;
    const key = `${s.supplier}\u0000${s.buyer}`;
    const p = pairs.get(key) ?? { u: index.get(s.supplier)!, v: index.get(s.buyer)!, kg: 0, value: 0 };
    p.kg += shipmentMass(s);
    p.value += s.value ?? 0;
    pairs.set(key, p);
  }
  const list = [...pairs.values()];
  const source = Int32Array.from(list.map((p) => p.u));
  const target = Int32Array.from(list.map((p) => p.v));
  const kgGraph: DirectedFlowGraph = { n: ids.length, source, target, capacity: Float64Array.from(list.map((p) => p.kg)) };
  const valueGraph: DirectedFlowGraph = { n: ids.length, source, target, capacity: Float64Array.from(list.map((p) => p.value)) };
  // Entities that only appear without mass (pieces) still connect: a tiny capacity keeps them in the topology.
  const topo: DirectedFlowGraph = { n: ids.length, source, target, capacity: Float64Array.from(list.map((p) => Math.max(p.kg, p.value, 1))) };
  const toIndex = (list: string[]) => Int32Array.from(list.filter((id) => index.has(id)).map((id) => index.get(id)!));
  const targetSet = new Set(options.targets);
  const sources = [...new Set(options.sources)].filter((id) => !targetSet.has(id) && index.has(id)).sort();
  const targets = [...new Set(options.targets)].filter((id) => index.has(id)).sort();
  const src = toIndex(sources);
  const dst = toIndex(targets);

  const kg = maxFlow(kgGraph, src, dst);
  const value = maxFlow(valueGraph, src, dst);
  const dom = setDominators(topo, src, dst);
  const cut = minVertexCut(topo, src, dst);

  const undirected = {
    a: [...bundle.relations.map((r) => index.get(r.source)!), ...bundle.shipments.map((s) => index.get(s.supplier)!)],
    b: [...bundle.relations.map((r) => index.get(r.target)!), ...bundle.shipments.map((s) => index.get(s.buyer)!)],
  };
  const steps = disrupt([kgGraph, valueGraph], src, dst, undirected, {
    steps: options.disruptionSteps ?? CHOKEPOINT_DEFAULTS.disruptionSteps,
    order: options.removalOrder?.filter((id) => index.has(id)).map((id) => index.get(id)!),
  });
  const partial: ChokepointResult['partialDominators'] = [];
  for (let v = 0; v < ids.length; v++) {
    if (dom.targetsDominated[v] > 0 && !targetSet.has(ids[v])) {
      partial.push({ id: ids[v], targets: dom.targetsDominated[v], share: dom.reachableTargets > 0 ? dom.targetsDominated[v] / dom.reachableTargets : 0 });
    }
  }
  partial.sort((a, b) => b.targets - a.targets || (a.id < b.id ? -1 : 1));
  return {
    sources,
    targets,
    shipments: used,
    maxFlow: { kg: kg.value, value: value.value },
    dominators: dom.all.map((v) => ids[v]).filter((id) => !targetSet.has(id)),
    partialDominators: partial,
    reachableTargets: dom.reachableTargets,
    edgeCut: kg.cutEdges.map((e) => ({ source: ids[source[e]], target: ids[target[e]], kg: kgGraph.capacity[e] })).sort((a, b) => b.kg - a.kg || (a.source < b.source ? -1 : 1)),
    vertexCut: cut.map((v) => ({ id: ids[v], kg: kg.nodeFlow[v], value: value.nodeFlow[v] })).sort((a, b) => b.kg - a.kg || (a.id < b.id ? -1 : 1)),
    disruption: steps.map((s) => ({ id: ids[s.node], remainingKgShare: s.remaining[0], remainingValueShare: s.remaining[1], largestComponent: s.largestComponent })),
  };
}
