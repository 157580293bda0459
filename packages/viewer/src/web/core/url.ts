import { DEFAULT_FILTERS, type Filters } from './filters';
import { EDGE_KINDS, ENTITY_KINDS, type EdgeKind } from './model';
import { EMPTY_WORKSPACE, MAX_HOPS, type Expansion, type Pin, type Workspace } from './workspace';

export type Layout = 'force' | 'geo';

export interface Camera {
  x: number;
  y: number;
  ratio: number;
  angle: number;
}

/** Everything a link must carry to reproduce what was seen. */
export interface ViewState {
  filters: Filters;
  selected: string | null;
  /** The selected company group (an entity and a group are never selected at once). */
  group: number | null;
  layout: Layout;
  camera: Camera | null;
  /** The working view: expansions, hidden and pinned entities, path ends (core/workspace.ts). */
  work: Workspace;
}

export const DEFAULT_STATE: ViewState = { filters: DEFAULT_FILTERS, selected: null, group: null, layout: 'force', camera: null, work: EMPTY_WORKSPACE };

/** The working view as URL parameters; lists of ids are JSON (an id may hold any character). */
function workToParams(w: Workspace, p: URLSearchParams): void {
  if (w.seeds !== null) p.set('start', JSON.stringify(w.seeds));
  if (w.expansions.length > 0) p.set('exp', JSON.stringify(w.expansions.map((e) => [e.id, e.kinds, e.hops])));
  if (w.hidden.length > 0) p.set('hide', JSON.stringify(w.hidden));
  if (w.pinned.length > 0) p.set('pin', JSON.stringify(w.pinned.map((x) => [x.id, round(x.x), round(x.y), x.layout])));
  if (w.path.from !== null) p.set('pfrom', w.path.from);
  if (w.path.to !== null) p.set('pto', w.path.to);
  if (w.focus !== 'dim') p.set('focus', w.focus);
}

function json(p: URLSearchParams, key: string): unknown {
  const v = p.get(key);
  if (v === null) return undefined;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return undefined;
  }
}
const strings = (v: unknown): string[] | null => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : null);

/** Reads the working view back; malformed parts are ignored. */
function paramsToWork(p: URLSearchParams): Workspace {
  const expansions: Expansion[] = [];
  const exp = json(p, 'exp');
  if (Array.isArray(exp))
    for (const e of exp) {
      if (!Array.isArray(e) || typeof e[0] !== 'string') continue;
      const kinds = e[1] === null ? null : strings(e[1])?.filter((k): k is EdgeKind => (EDGE_KINDS as readonly string[]).includes(k)) ?? null;
      const hops = Number.isInteger(e[2]) ? Math.max(1, Math.min(MAX_HOPS, e[2] as number)) : 1;
      expansions.push({ id: e[0], kinds, hops });
    }
  const pinned: Pin[] = [];
  const pin = json(p, 'pin');
  if (Array.isArray(pin))
    for (const x of pin) {
      if (!Array.isArray(x) || typeof x[0] !== 'string' || !Number.isFinite(x[1]) || !Number.isFinite(x[2])) continue;
      pinned.push({ id: x[0], x: x[1] as number, y: x[2] as number, layout: x[3] === 'geo' ? 'geo' : 'force' });
    }
  return {
    seeds: strings(json(p, 'start')),
    expansions,
    hidden: strings(json(p, 'hide')) ?? [],
    pinned,
    path: { from: p.get('pfrom'), to: p.get('pto') },
    focus: p.get('focus') === 'hide' ? 'hide' : 'dim',
  };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));
const round = (x: number) => Math.round(x * 1e6) / 1e6;

/** The state as a URL fragment (without '#'); only what differs from the defaults is written. */
export function stateToHash(state: ViewState): string {
  const p = new URLSearchParams();
  const f = state.filters;
  if (state.layout !== 'force') p.set('layout', state.layout);
  if (state.selected !== null) p.set('sel', state.selected);
  if (state.group !== null) p.set('grp', String(state.group));
  if (!sameSet(f.entityKinds, DEFAULT_FILTERS.entityKinds)) p.set('kinds', f.entityKinds.join(','));
  if (!sameSet(f.edgeKinds, DEFAULT_FILTERS.edgeKinds)) p.set('edges', f.edgeKinds.join(','));
  if (f.clusters !== null) p.set('cl', f.clusters.join(','));
  if (f.onlyKeyNodes) p.set('key', '1');
  if (f.onlyFlagged) p.set('flag', '1');
  if (f.onlyBorderClusters) p.set('border', '1');
  if (f.commodity !== null) p.set('com', f.commodity);
  if (f.dateFrom !== null) p.set('from', f.dateFrom);
  if (f.dateTo !== null) p.set('to', f.dateTo);
  workToParams(state.work, p);
  if (state.camera !== null) p.set('cam', [state.camera.x, state.camera.y, state.camera.ratio, state.camera.angle].map(round).join(','));
  return p.toString();
}

/** Reads a URL fragment back into a state. Unknown or malformed parts are ignored, never fatal. */
export function hashToState(hash: string): ViewState {
  const p = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  const list = (key: string, allowed: readonly string[], fallback: string[]): string[] => {
    const v = p.get(key);
    if (v === null) return fallback;
    return v === '' ? [] : v.split(',').filter((x) => allowed.includes(x));
  };
  const date = (key: string): string | null => {
    const v = p.get(key);
    return v !== null && DATE.test(v) ? v : null;
  };
  const clusters = p.get('cl');
  const cam = (p.get('cam') ?? '').split(',').map(Number);
  const group = Number(p.get('grp') ?? '');
  const selected = p.get('sel');
  return {
    layout: p.get('layout') === 'geo' ? 'geo' : 'force',
    selected,
    group: selected === null && p.get('grp') !== null && Number.isInteger(group) && group > 0 ? group : null,
    filters: {
      entityKinds: list('kinds', ENTITY_KINDS, [...DEFAULT_FILTERS.entityKinds]),
      edgeKinds: list('edges', EDGE_KINDS, [...DEFAULT_FILTERS.edgeKinds]),
      clusters: clusters === null ? null : clusters === '' ? [] : clusters.split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0),
      onlyKeyNodes: p.get('key') === '1',
      onlyFlagged: p.get('flag') === '1',
      onlyBorderClusters: p.get('border') === '1',
      commodity: p.get('com'),
      dateFrom: date('from'),
      dateTo: date('to'),
    },
    camera: cam.length === 4 && cam.every(Number.isFinite) && cam[2] > 0 ? { x: cam[0], y: cam[1], ratio: cam[2], angle: cam[3] } : null,
    work: paramsToWork(p),
  };
}
