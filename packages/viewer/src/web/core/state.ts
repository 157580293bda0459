import { controlReach } from './findings';
import type { Filters } from './filters';
import type { ViewModel } from './model';
import type { ViewState } from './url';

/** Selects an entity (or nothing, with null); a selected company group is let go. */
export function selectEntity(state: ViewState, id: string | null): ViewState {
  return { ...state, selected: id, group: null };
}

/** Selects a company group (or nothing, with null); a selected entity is let go. */
export function selectGroup(state: ViewState, group: number | null): ViewState {
  return { ...state, selected: null, group };
}

export function changeFilters(state: ViewState, change: Partial<Filters>): ViewState {
  return { ...state, filters: { ...state.filters, ...change } };
}

/** A state read from a link, with what this report does not have (an unknown entity or group) let go. */
export function validState(model: ViewModel, state: ViewState): ViewState {
  let out = state;
  if (out.selected !== null && !model.byId.has(out.selected)) out = { ...out, selected: null };
  if (out.group !== null && !model.groups.has(out.group)) out = { ...out, group: null };
  return out;
}

/** Node emphasis: the selection itself, what it is tied to, and the rest (drawn faded). */
export const FADED = 0;
export const CONTEXT = 1;
export const FOCUS = 2;

export interface Emphasis {
  /** Per entity (by index): FADED, CONTEXT or FOCUS. */
  nodes: Uint8Array;
  /** Per drawn edge (by index): 1 when it belongs to the selection. */
  edges: Uint8Array;
}

const CONTROL_KINDS = new Set(['owner', 'director', 'family']);

/**
 * What the graph brings forward for the current selection, or null when nothing is selected. An entity: itself
 * (focus), the entities it is tied to, and, for one of the people and companies behind the flags, the flagged
 * companies it controls and the entities and ties its control paths run through. A company group: its members
 * (focus) and the ties between them. Pure.
 */
export function emphasis(model: ViewModel, state: Pick<ViewState, 'selected' | 'group'>): Emphasis | null {
  const nodes = new Uint8Array(model.nodes.length);
  const edges = new Uint8Array(model.edges.length);
  const index = (id: string) => model.byId.get(id)?.index;
  if (state.selected !== null && model.byId.has(state.selected)) {
    const id = state.selected;
    const controller = model.controllers.get(id);
    const reach = controller ? controlReach(controller) : { entities: [], ties: [] };
    const ties = new Set(reach.ties.flatMap(([a, b]) => [JSON.stringify([a, b]), JSON.stringify([b, a])]));
    for (const e of model.edges) {
      const touches = e.source === id || e.target === id;
      const onPath = CONTROL_KINDS.has(e.kind) && ties.has(JSON.stringify([e.source, e.target]));
      if (!touches && !onPath) continue;
      edges[e.index] = 1;
      nodes[index(e.source)!] = CONTEXT;
      nodes[index(e.target)!] = CONTEXT;
    }
    for (const other of reach.entities) {
      const i = index(other);
      if (i !== undefined) nodes[i] = CONTEXT;
    }
    nodes[index(id)!] = FOCUS;
    return { nodes, edges };
  }
  const group = state.group === null ? undefined : model.groups.get(state.group);
  if (group) {
    for (const m of group.members) {
      const i = index(m);
      if (i !== undefined) nodes[i] = FOCUS;
    }
    for (const e of model.edges) if (nodes[index(e.source)!] === FOCUS && nodes[index(e.target)!] === FOCUS) edges[e.index] = 1;
    return { nodes, edges };
  }
  return null;
}
