import type { Bundle, RelationKind } from '@chokepoint/model';
import { indexLists, largeInt32Array } from './arrays';

/**
 * Who stands behind a company: its owners and directors, followed along chains (the owner of its owner, the
 * director of its holding), and the relatives of those people. An ownership share below `minShare` percent is a
 * stake, not control (25 %: the beneficial-ownership threshold of FATF Recommendation 24 and EU Directive
 * 2015/849, Art. 3(6)); a share that is not given counts as control. Chains are followed up to `maxDepth` ties;
 * family ties are followed one step (a relative of a controller), never along chains of relatives.
 */
export const CONTROL_DEFAULTS = { minShare: 25, maxDepth: 4 } as const;

export interface ControlOptions {
  minShare?: number;
  maxDepth?: number;
  /**
   * Which controlled entities to list (by id; all when not given). Chains are followed through every entity all the
   * same; what is left out is only listed, never searched around: a caller that needs only the controllers of flagged
   * companies gets those (and the same paths) without a list of every company each entity controls.
   */
  only?: (id: string) => boolean;
}

export interface ControlStep {
  /** The entity the step starts from. */
  from: string;
  /** The entity it reaches. */
  to: string;
  kind: Extract<RelationKind, 'owner' | 'director' | 'family'>;
  /** Ownership share in percent, when given. */
  share?: number;
}

export interface Controlled {
  /** The controlled entity. */
  id: string;
  /** The ties from the controller to it, in order (a family step, if any, comes first). */
  path: ControlStep[];
  /** True when the control runs through a relative of the controller. */
  throughFamily: boolean;
}

/** Steps by entity number, each entity's in the order given (a stable counting sort): entity e's are at start[e] … start[e + 1] - 1. */
interface StepLists {
  start: Int32Array;
  /** The entity each step reaches, by number. */
  to: Int32Array;
  steps: ControlStep[];
}

function stepLists(n: number, from: readonly number[], to: readonly number[], steps: readonly ControlStep[]): StepLists {
  const { start, items } = indexLists(from, n);
  const reach = largeInt32Array(items.length);
  const placed: ControlStep[] = new Array(items.length);
  for (let at = 0; at < items.length; at++) {
    reach[at] = to[items[at]];
    placed[at] = steps[items[at]];
  }
  return { start, to: reach, steps: placed };
}

/**
 * For every entity that controls another, what it controls: directly (owner at `minShare` % or more, director),
 * along chains of control, and through its relatives' control. Each controlled entity appears once per controller,
 * by its shortest path (a path of the controller's own before one through a relative; ties: input order).
 * Entities control nothing of their own through themselves. Pure; returns controllers in entity order. With
 * `only`, each controller's list holds only the entities it accepts, and a controller with none is left out.
 *
 * Entities by number and steps in typed lists, each search's marks in typed arrays, and a path made only for an
 * entity listed (walked back from it): a million entities and four million relations make no map or set per entity.
 */
export function controlChains(bundle: Pick<Bundle, 'entities' | 'relations'>, options: ControlOptions = {}): Map<string, Controlled[]> {
  const minShare = options.minShare ?? CONTROL_DEFAULTS.minShare;
  const maxDepth = options.maxDepth ?? CONTROL_DEFAULTS.maxDepth;
  const only = options.only;
  // Entities by number: an id's first entity (ids are unique in a bundle the engine accepts).
  const number = new Map<string, number>();
  const ids: string[] = [];
  for (const e of bundle.entities) {
    if (!number.has(e.id)) {
      number.set(e.id, ids.length);
      ids.push(e.id);
    }
  }
  const n = ids.length;
  // Control steps from each entity, and family steps (both ways), in the order of the relations.
  const outFrom: number[] = [];
  const outTo: number[] = [];
  const outSteps: ControlStep[] = [];
  const famFrom: number[] = [];
  const famTo: number[] = [];
  const famSteps: ControlStep[] = [];
  for (const r of bundle.relations) {
    const u = number.get(r.source);
    const v = number.get(r.target);
    if (u === undefined || v === undefined || u === v) continue;
    if (r.kind === 'owner') {
      if (r.share !== undefined && r.share < minShare) continue;
      outFrom.push(u);
      outTo.push(v);
      outSteps.push({ from: r.source, to: r.target, kind: 'owner', ...(r.share === undefined ? {} : { share: r.share }) });
    } else if (r.kind === 'director') {
      outFrom.push(u);
      outTo.push(v);
      outSteps.push({ from: r.source, to: r.target, kind: 'director' });
    } else if (r.kind === 'family') {
      famFrom.push(u, v);
      famTo.push(v, u);
      famSteps.push({ from: r.source, to: r.target, kind: 'family' }, { from: r.target, to: r.source, kind: 'family' });
    }
  }
  const out = stepLists(n, outFrom, outTo, outSteps);
  const family = stepLists(n, famFrom, famTo, famSteps);

  // Breadth-first along control ties from an entity: shortest paths, input order on ties. `mark` holds the search
  // that last reached each entity, `via` the step that reached it (its position in out), for the paths.
  const mark = largeInt32Array(n).fill(-1);
  const via = largeInt32Array(n);
  const parent = largeInt32Array(n);
  let search = 0;
  const pathTo = (start: number, v: number): ControlStep[] => {
    const path: ControlStep[] = [];
    for (let x = v; x !== start; x = parent[x]) path.push(out.steps[via[x]]);
    return path.reverse();
  };
  /** What an entity controls of its own (those listed), and their numbers; made once per entity asked. */
  interface Own {
    list: Controlled[];
    numbers: number[];
  }
  const NONE: Own = { list: [], numbers: [] };
  const own: (Own | undefined)[] = new Array(n);
  const ownOf = (start: number): Own => {
    const cached = own[start];
    if (cached !== undefined) return cached;
    if (out.start[start] === out.start[start + 1]) return (own[start] = NONE);
    const s = search++;
    mark[start] = s;
    let frontier = [start];
    let found: Own | undefined;
    for (let depth = 0; depth < maxDepth && frontier.length > 0; depth++) {
      const next: number[] = [];
      for (const u of frontier) {
        for (let k = out.start[u]; k < out.start[u + 1]; k++) {
          const v = out.to[k];
          if (mark[v] === s) continue;
          mark[v] = s;
          via[v] = k;
          parent[v] = u;
          next.push(v);
          if (only !== undefined && !only(ids[v])) continue;
          found ??= { list: [], numbers: [] };
          found.list.push({ id: ids[v], path: pathTo(start, v), throughFamily: false });
          found.numbers.push(v);
        }
      }
      frontier = next;
    }
    return (own[start] = found ?? NONE);
  };

  const chains = new Map<string, Controlled[]>();
  // Whether an entity is listed for the controller at hand already (the round of that controller).
  const seen = largeInt32Array(n).fill(-1);
  let round = 0;
  for (const e of bundle.entities) {
    const at = number.get(e.id)!;
    const mine = ownOf(at);
    const relatives = family.start[at + 1] - family.start[at];
    if (relatives === 0) {
      if (mine.list.length > 0) chains.set(e.id, [...mine.list]);
      continue;
    }
    const r = round++;
    seen[at] = r;
    for (const c of mine.numbers) seen[c] = r;
    const all = [...mine.list];
    for (let k = family.start[at]; k < family.start[at + 1]; k++) {
      const step = family.steps[k];
      const theirs = ownOf(family.to[k]);
      for (let j = 0; j < theirs.list.length; j++) {
        const c = theirs.numbers[j];
        if (seen[c] === r) continue;
        seen[c] = r;
        const held = theirs.list[j];
        all.push({ id: held.id, path: [step, ...held.path], throughFamily: true });
      }
    }
    if (all.length > 0) chains.set(e.id, all);
  }
  return chains;
}
