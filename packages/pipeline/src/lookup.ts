import { checkedIfValid, type Analysis } from '@chokepoint/engine';
import type { Bundle, Entity } from '@chokepoint/model';

/** An entity and its analysis result by id, for steps that ask about a few ids of a large bundle. */
export interface EntityLookup {
  entity(id: string): Entity | undefined;
  /** The entity's company group (as the analysis numbers them), undefined for an id it does not hold. */
  group(id: string): number | undefined;
}

/**
 * Entities and their company groups by id through the engine's index of the bundle (the analysis lists the bundle's
 * entities in its order): no map of a million ids made again for the few asked. Maps of their own, made on first use,
 * only for a bundle the check refuses or an analysis in another order; the last entity of an id answers, as a map
 * from the list would.
 */
export function entityLookup(bundle: Bundle, analysis: Analysis): EntityLookup {
  const index = checkedIfValid(bundle)?.index;
  let own: Map<string, number> | undefined;
  const positionOf = (id: string): number | undefined => (index ?? (own ??= new Map(bundle.entities.map((e, i) => [e.id, i])))).get(id);
  let groups: Map<string, number> | undefined;
  return {
    entity: (id) => {
      const at = positionOf(id);
      return at === undefined ? undefined : bundle.entities[at];
    },
    group: (id) => {
      const at = positionOf(id);
      const result = at === undefined ? undefined : analysis.entities[at];
      if (result !== undefined && result.id === id) return result.group;
      return (groups ??= new Map(analysis.entities.map((e) => [e.id, e.group]))).get(id);
    },
  };
}
