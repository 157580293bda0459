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
  graph.forEachNode((node) => projection.addNode(node));
  const tradeKg = new Map<string, { kg: number; known: boolean }>();
  graph.forEachEdge((_edge, attrs, source, target) => {
    const key = projection.hasEdge(source, target) ? projection.edge(source, target)! : projection.addEdge(source, target, { weight: 0, kinds: [] });
    const e = projection.getEdgeAttributes(key);
    if (!e.kinds.includes(attrs.kind)) e.kinds.push(attrs.kind);
    if (attrs.type === 'relation') {
      e.weight += weights[attrs.kind];
    } else {
      const acc = tradeKg.get(key) ?? { kg: 0, known: false };
      if (attrs.shipment.quantityKg !== undefined) {
        acc.kg += attrs.shipment.quantityKg;
        acc.known = true;
      }
      tradeKg.set(key, acc);
    }
  });
  for (const [key, acc] of tradeKg) {
    projection.updateEdgeAttribute(key, 'weight', (w) => (w ?? 0) + tradeWeight(acc.known ? acc.kg : undefined));
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
