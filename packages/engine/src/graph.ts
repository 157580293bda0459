import { MultiDirectedGraph } from 'graphology';
import type { Bundle, Entity, Relation, RelationKind, Shipment } from '@chokepoint/model';

export interface EntityNodeAttributes {
  kind: Entity['kind'];
  name: string;
  entity: Entity;
}

export type TieEdgeAttributes =
  | { type: 'relation'; kind: RelationKind; relation: Relation }
  | { type: 'shipment'; kind: 'shipment'; shipment: Shipment };

/** The network: entities are nodes; every relation and every shipment is its own directed edge. */
export type SupplyGraph = MultiDirectedGraph<EntityNodeAttributes, TieEdgeAttributes>;

/**
 * Builds the network from a validated bundle. Node order follows entities.csv; edges keep every
 * relation (key `relation:<index>`, its position in the bundle) and every shipment (key `shipment:<id>`) with its record.
 */
export function buildGraph(bundle: Bundle): SupplyGraph {
  const graph: SupplyGraph = new MultiDirectedGraph<EntityNodeAttributes, TieEdgeAttributes>({ allowSelfLoops: false });
  for (const entity of bundle.entities) {
    graph.addNode(entity.id, { kind: entity.kind, name: entity.name, entity });
  }
  bundle.relations.forEach((relation, i) => {
    graph.addDirectedEdgeWithKey(`relation:${i}`, relation.source, relation.target, {
      type: 'relation',
      kind: relation.kind,
      relation,
    });
  });
  for (const shipment of bundle.shipments) {
    graph.addDirectedEdgeWithKey(`shipment:${shipment.id}`, shipment.supplier, shipment.buyer, {
      type: 'shipment',
      kind: 'shipment',
      shipment,
    });
  }
  return graph;
}
