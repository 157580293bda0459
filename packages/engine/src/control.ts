import type { Bundle, RelationKind } from '@chokepoint/model';

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

/**
 * For every entity that controls another, what it controls: directly (owner at `minShare` % or more, director),
 * along chains of control, and through its relatives' control. Each controlled entity appears once per controller,
 * by its shortest path (a path of the controller's own before one through a relative; ties: input order).
 * Entities control nothing of their own through themselves. Pure; returns controllers in entity order.
 */
export function controlChains(bundle: Pick<Bundle, 'entities' | 'relations'>, options: ControlOptions = {}): Map<string, Controlled[]> {
  const minShare = options.minShare ?? CONTROL_DEFAULTS.minShare;
  const maxDepth = options.maxDepth ?? CONTROL_DEFAULTS.maxDepth;
  const known = new Set(bundle.entities.map((e) => e.id));
  const out = new Map<string, ControlStep[]>();
  const family = new Map<string, ControlStep[]>();
  const push = (map: Map<string, ControlStep[]>, key: string, step: ControlStep) => {
    const list = map.get(key);
    if (list) list.push(step);
    else map.set(key, [step]);
  };
  for (const r of bundle.relations) {
    if (!known.has(r.source) || !known.has(r.target) || r.source === r.target) continue;
    if (r.kind === 'owner') {
      if (r.share !== undefined && r.share < minShare) continue;
      push(out, r.source, { from: r.source, to: r.target, kind: 'owner', ...(r.share === undefined ? {} : { share: r.share }) });
    } else if (r.kind === 'director') {
      push(out, r.source, { from: r.source, to: r.target, kind: 'director' });
    } else if (r.kind === 'family') {
      push(family, r.source, { from: r.source, to: r.target, kind: 'family' });
      push(family, r.target, { from: r.target, to: r.source, kind: 'family' });
    }
  }

  /** Breadth-first along control ties from `start`: shortest paths, input order on ties. */
  const own = new Map<string, Controlled[]>();
  const ownOf = (start: string): Controlled[] => {
    const cached = own.get(start);
    if (cached) return cached;
    const paths = new Map<string, ControlStep[]>([[start, []]]);
    const result: Controlled[] = [];
    let frontier = [start];
    for (let depth = 0; depth < maxDepth && frontier.length > 0; depth++) {
      const next: string[] = [];
      for (const u of frontier) {
        for (const step of out.get(u) ?? []) {
          if (paths.has(step.to)) continue;
          const path = [...paths.get(u)!, step];
          paths.set(step.to, path);
          result.push({ id: step.to, path, throughFamily: false });
          next.push(step.to);
        }
      }
      frontier = next;
    }
    own.set(start, result);
    return result;
  };

  const chains = new Map<string, Controlled[]>();
  for (const e of bundle.entities) {
    const mine = ownOf(e.id);
    const seen = new Set<string>([e.id, ...mine.map((c) => c.id)]);
    const all = [...mine];
    for (const step of family.get(e.id) ?? []) {
      for (const c of ownOf(step.to)) {
        if (seen.has(c.id)) continue;
        seen.add(c.id);
        all.push({ id: c.id, path: [step, ...c.path], throughFamily: true });
      }
    }
    if (all.length > 0) chains.set(e.id, all);
  }
  return chains;
}
