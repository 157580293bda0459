import type { Bundle } from '@chokepoint/model';
import { projectionPairs } from './projection';
import { largeInt32Array } from './arrays';

/** One tie on a path: two entities and the kinds of tie between them (relation kinds, and `shipment` when they trade). */
export interface PathStep {
  from: string;
  to: string;
  kinds: string[];
}

/** The shortest path from an entity to the nearest of a set of entities (listed parties). */
export interface ListedPath {
  /** The entity the path starts from. */
  from: string;
  /** The listed entity it reaches (itself when it is listed); null when none is reachable. */
  to: string | null;
  /** Ties on the path (0 for a listed entity itself); null when none is reachable. */
  hops: number | null;
  /** The ties used, from `from` to `to`. */
  steps: PathStep[];
}

export const LISTED_PATH_DEFAULTS = { maxHops: 6 } as const;

/**
 * The shortest path, in ties, from each of `from` to the nearest of `targets` over the network's undirected
 * projection (relations and trade): one breadth-first search from all targets at once, so the cost does not grow with
 * the number of entities asked about. Among equally short paths the one through the target first in `targets` order,
 * then the neighbours first in projection order, is taken, so the same input gives the same paths. Paths longer than
 * `maxHops` are not followed (reported as unreachable). Pure.
 */
export function pathsToListed(bundle: Bundle, targets: readonly string[], from: readonly string[], options: { maxHops?: number } = {}): ListedPath[] {
  const maxHops = options.maxHops ?? LISTED_PATH_DEFAULTS.maxHops;
  const index = new Map(bundle.entities.map((e, i) => [e.id, i]));
  const n = bundle.entities.length;
  const pairs = targets.length === 0 ? [] : projectionPairs(bundle);
  const adjacency: { to: number; kinds: string[] }[][] = Array.from({ length: n }, () => []);
  for (const p of pairs) {
    adjacency[p.source].push({ to: p.target, kinds: p.kinds });
    adjacency[p.target].push({ to: p.source, kinds: p.kinds });
  }
  const dist = largeInt32Array(n).fill(-1);
  /** The next entity on the way to the nearest target, and the kinds of that tie. */
  const next = largeInt32Array(n).fill(-1);
  const nextKinds: (string[] | undefined)[] = new Array(n);
  const root = largeInt32Array(n).fill(-1);
  let queue: number[] = [];
  for (const t of targets) {
    const i = index.get(t);
    if (i === undefined || dist[i] === 0) continue;
    dist[i] = 0;
    root[i] = i;
    queue.push(i);
  }
  for (let d = 0; d < maxHops && queue.length > 0; d++) {
    const following: number[] = [];
    for (const u of queue) {
      for (const { to, kinds } of adjacency[u]) {
        if (dist[to] !== -1) continue;
        dist[to] = d + 1;
        next[to] = u;
        nextKinds[to] = kinds;
        root[to] = root[u];
        following.push(to);
      }
    }
    queue = following;
  }
  return from.map((id) => {
    const i = index.get(id);
    if (i === undefined || dist[i] === -1) return { from: id, to: null, hops: null, steps: [] };
    const steps: PathStep[] = [];
    for (let u = i; next[u] !== -1; u = next[u]) steps.push({ from: bundle.entities[u].id, to: bundle.entities[next[u]].id, kinds: nextKinds[u]! });
    return { from: id, to: bundle.entities[root[i]].id, hops: dist[i], steps };
  });
}
