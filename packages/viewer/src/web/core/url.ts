import { DEFAULT_FILTERS, type Filters } from './filters';
import { EDGE_KINDS, ENTITY_KINDS } from './model';

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
}

export const DEFAULT_STATE: ViewState = { filters: DEFAULT_FILTERS, selected: null, group: null, layout: 'force', camera: null };

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
  };
}
