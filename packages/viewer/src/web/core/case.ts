import { statusCounts, type CaseFile, type FlagStatus, type NoteTarget, type SavedViewScope, type SavedViewState } from '@chokepoint/case';
import { scopeOf, type ScopeInfo } from './scope';
import { DEFAULT_FILTERS } from './filters';
import type { ViewModel } from './model';
import { EDGE_STYLE } from './style';
import { hashToState } from './url';

/**
 * The viewer's side of a case: saved views as the viewer writes them, views in words, and what a note can be about
 * from an entity's panel. Pure.
 */

/** The version of the saved-view state this viewer writes: `{ version: 1, hash }`, hash being the view's link fragment. */
export const VIEW_STATE_VERSION = 1;

/**
 * A view's state for the case: everything its link carries (filters, selection, layout, camera, working state), and
 * on a large report the piece that was open (`scopeTarget`).
 */
export function viewState(hash: string, scope?: SavedViewScope): SavedViewState {
  return scope === undefined ? { version: VIEW_STATE_VERSION, hash } : { version: VIEW_STATE_VERSION, hash, scope };
}

/** The piece of a large report a scope shows, as a saved view keeps it; undefined for a whole report. */
export function scopeTarget(scope: ScopeInfo | null): SavedViewScope | undefined {
  if (scope === null) return undefined;
  if (scope.kind === 'cluster' && scope.center !== null) return { kind: 'cluster', cluster: Number(scope.center) };
  if (scope.kind === 'entity' && scope.center !== null) return { kind: 'entity', entity: String(scope.center), hops: scope.hops ?? 1 };
  return { kind: 'overview' };
}

/** The piece of a large report a saved view was made on, or null (a whole report, or a view saved before scopes). */
export function viewScope(state: SavedViewState): SavedViewScope | null {
  return state.scope ?? null;
}

/** Whether two pieces are the same (null: the whole report). */
export function sameScope(a: SavedViewScope | null | undefined, b: SavedViewScope | null | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** The link fragment of a saved view, or null when it was written by a viewer this one cannot read. */
export function viewHash(state: SavedViewState): string | null {
  return state.version === VIEW_STATE_VERSION && typeof state.hash === 'string' ? state.hash : null;
}

/** A saved view in words: layout, selection and the filters that differ from showing everything. */
export function describeView(model: ViewModel, state: SavedViewState): string {
  const hash = viewHash(state);
  if (hash === null) return `saved by a newer viewer (view format ${String(state.version)}): cannot be shown here`;
  const s = hashToState(hash);
  const f = s.filters;
  const parts: string[] = [s.layout === 'geo' ? 'geographic layout' : 'network layout'];
  const scope = viewScope(state);
  if (scope !== null) parts.unshift(scope.kind === 'overview' ? 'overview of the clusters' : scope.kind === 'cluster' ? `cluster ${scope.cluster}` : `within ${scope.hops} ${scope.hops === 1 ? 'tie' : 'ties'} of ${model.byId.get(scope.entity)?.name ?? scope.entity}`);
  if (s.selected !== null) parts.push(`selected: ${model.byId.get(s.selected)?.name ?? `${s.selected} (not in this report)`}`);
  if (s.group !== null) parts.push(`company group ${s.group}`);
  if (f.entityKinds.length !== DEFAULT_FILTERS.entityKinds.length) parts.push(`only ${f.entityKinds.join(', ') || 'no entity kinds'}`);
  if (f.edgeKinds.length !== DEFAULT_FILTERS.edgeKinds.length) parts.push(`ties: ${f.edgeKinds.map((k) => EDGE_STYLE[k as keyof typeof EDGE_STYLE]?.label ?? k).join(', ') || 'none'}`);
  if (f.clusters !== null) parts.push(`clusters ${f.clusters.join(', ')}`);
  if (f.onlyKeyNodes) parts.push('key nodes only');
  if (f.onlyFlagged) parts.push('flagged only');
  if (f.onlyBorderClusters) parts.push('clusters near a border only');
  if (f.commodity !== null) parts.push(`commodity: ${f.commodity}`);
  if (f.dateFrom !== null || f.dateTo !== null) parts.push(`shipments ${f.dateFrom ?? '…'} to ${f.dateTo ?? '…'}`);
  return parts.join(' · ');
}

/** What a note written in an entity's panel can be about: the entity, then each of its ties (trade included). */
export function noteTargets(model: ViewModel, id: string): { target: NoteTarget; label: string }[] {
  const out: { target: NoteTarget; label: string }[] = [{ target: { kind: 'entity', id }, label: 'this entity' }];
  for (const e of model.edges) {
    if (e.source !== id && e.target !== id) continue;
    const outgoing = e.source === id;
    const other = model.byId.get(outgoing ? e.target : e.source);
    out.push({
      target: { kind: 'tie', source: e.source, target: e.target, tieKind: e.kind },
      label: `${EDGE_STYLE[e.kind].label} ${outgoing ? '→' : '←'} ${other?.name ?? (outgoing ? e.target : e.source)}`,
    });
  }
  return out;
}

/**
 * The review statuses of the report's red flags, counted. A piece of a large report holds only the flags of its
 * entities (the overview none): there every status the case keeps counts, and the rest of the whole report's flags
 * are to check.
 */
export function reviewCounts(c: CaseFile, model: ViewModel): Record<FlagStatus, number> {
  const scope = scopeOf(model.report);
  if (scope === null) return statusCounts(c, model.report.flags.map((f) => f.id));
  const counts: Record<FlagStatus, number> = { 'to-check': 0, confirmed: 0, dismissed: 0 };
  for (const f of c.flags) if (f.status !== 'to-check') counts[f.status]++;
  counts['to-check'] = Math.max(0, scope.totals.flags - counts.confirmed - counts.dismissed);
  return counts;
}
