import { DirectedGraph, UndirectedGraph } from 'graphology';
import type { RelationKind } from '@chokepoint/model';
import type { SupplyGraph } from './graph';

/**
 * Weights of the undirected projection used for clustering. A tie between two entities adds its
 * weight; several ties between the same pair add up.
 *
 * - Structural ties (ownership, directorship, family, shared address) weigh 2: they bind a company
 *   group together more than any trade does.
 * - Looser ties (employee, associate, agent) weigh 1.
 * - Trade: each supplier–buyer pair weighs between 0.5 and 1, growing with the logarithm of the
 *   total kilograms shipped between them (0.5 + 0.5 · min(1, log10(1 + kg) / 6), so 1,000 t or more
 *   weighs 1); a pair with no known mass weighs 0.5. However large the tonnage, a trade tie never
 *   outweighs a family, ownership, director or shared-address tie.
 */
export const TIE_WEIGHTS: Readonly<Record<RelationKind, number>> = {
  owner: 2,
  director: 2,
  family: 2,
  shared_address: 2,
  employee: 1,
  associate: 1,
  agent: 1,
  paid_for: 1,
  consigned_to: 1,
};

export function tradeWeight(totalKg: number | undefined): number {
  if (totalKg === undefined || totalKg <= 0) return 0.5;
  return 0.5 + 0.5 * Math.min(1, Math.log10(1 + totalKg) / 6);
}

export interface ProjectionEdgeAttributes {
  weight: number;
  /** Relation kinds between the pair, in the order met, without repeats; 'shipment' when they trade. */
  kinds: string[];
}

export interface ProjectionOptions {
  weights?: Readonly<Record<RelationKind, number>>;
}

/**
 * The undirected, weighted, simple projection of the network (one edge per connected pair), with
 * the same nodes in the same order. Used for clustering and for the key-node analysis.
 */
export function undirectedProjection(
  graph: SupplyGraph,
  options: ProjectionOptions = {},
): UndirectedGraph<Record<string, never>, ProjectionEdgeAttributes> {
  const weights = options.weights ?? TIE_WEIGHTS;
  const projection = new UndirectedGraph<Record<string, never>, ProjectionEdgeAttributes>({ allowSelfLoops: false });
  const index = new Map<string, number>();
  graph.forEachNode((node) => {
    index.set(node, index.size);
    projection.addNode(node);
  });
  // Pairs are gathered in a Map keyed by their two node indexes (no graph lookups per tie), then added in the
  // order they were first met, so that the projection is the same as adding them one tie at a time.
  const n = index.size;
  interface Pair {
    source: string;
    target: string;
    weight: number;
    kinds: string[];
    kg: number;
    trade: boolean;
    known: boolean;
  }
  const pairs = new Map<number, Pair>();
  graph.forEachEdge((_edge, attrs, source, target) => {
    const u = index.get(source)!;
    const v = index.get(target)!;
    const key = u < v ? u * n + v : v * n + u;
    let pair = pairs.get(key);
    if (pair === undefined) {
      pair = { source, target, weight: 0, kinds: [], kg: 0, trade: false, known: false };
      pairs.set(key, pair);
    }
    if (!pair.kinds.includes(attrs.kind)) pair.kinds.push(attrs.kind);
    if (attrs.type === 'relation') {
      pair.weight += weights[attrs.kind];
    } else {
      pair.trade = true;
      if (attrs.shipment.quantityKg !== undefined) {
        pair.kg += attrs.shipment.quantityKg;
        pair.known = true;
      }
    }
  });
  for (const pair of pairs.values()) {
    const weight = pair.trade ? pair.weight + tradeWeight(pair.known ? pair.kg : undefined) : pair.weight;
    projection.addEdge(pair.source, pair.target, { weight, kinds: pair.kinds });
  }
  return projection;
}

export interface FlowEdgeAttributes {
  shipments: number;
  /** Total kilograms over the shipments whose mass is known. */
  kg: number;
  /** Shipments of this pair with no known mass (litres, pieces, or no quantity). */
  shipmentsWithoutKg: number;
}

/** Shipments aggregated per supplier → buyer pair: the directed flow graph. */
export function flowProjection(graph: SupplyGraph): DirectedGraph<Record<string, never>, FlowEdgeAttributes> {
  const flow = new DirectedGraph<Record<string, never>, FlowEdgeAttributes>({ allowSelfLoops: false });
  graph.forEachNode((node) => flow.addNode(node));
  graph.forEachEdge((_edge, attrs, source, target) => {
    if (attrs.type !== 'shipment') return;
    const key = flow.edge(source, target) ?? flow.addEdge(source, target, { shipments: 0, kg: 0, shipmentsWithoutKg: 0 });
    const e = flow.getEdgeAttributes(key);
    e.shipments += 1;
    if (attrs.shipment.quantityKg === undefined) e.shipmentsWithoutKg += 1;
    else e.kg += attrs.shipment.quantityKg;
  });
  return flow;
}
