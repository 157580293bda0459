import type { Report } from '@chokepoint/report';
import type { Scope } from '../../node/scale';

/**
 * A piece of a large report, as the viewer server sends it (packages/viewer/src/node/scale.ts): report-shaped, with a
 * `scope` that says what it holds. The server's type, imported as a type only (nothing of the server's code reaches
 * the browser bundle).
 */
export type ScopeInfo = Scope;

/** The scope of a report, or null for a whole report. */
export function scopeOf(report: Report): ScopeInfo | null {
  const s = (report as Report & { scope?: unknown }).scope;
  return typeof s === 'object' && s !== null && Array.isArray((s as ScopeInfo).weights) ? (s as ScopeInfo) : null;
}

/** Node weights (0 to 1) a scope gives: cluster nodes sized by their members. Empty for a whole report. */
export function scopeWeights(report: Report): Map<string, number> {
  return new Map(scopeOf(report)?.weights ?? []);
}

const int = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, one: string, many: string) => `${int(n)} ${n === 1 ? one : many}`;

/** One sentence saying what a scope shows, for the bar above the network. */
export function scopeTitle(report: Report, scope: ScopeInfo): string {
  const t = scope.totals;
  const around = scope.clusterNodes.length;
  const members = report.entities.length - around;
  const whole = `of ${plural(t.entities, 'entity', 'entities')} in ${plural(t.clusters, 'cluster', 'clusters')}`;
  if (scope.kind === 'overview') return `Overview ${whole}: each node is a cluster, sized by its members; a line counts the ties between two clusters. Open a cluster to see its members.`;
  const aroundText = around > 0 ? `, with ${plural(around, 'cluster', 'clusters')} tied to it shown as single nodes` : '';
  if (scope.kind === 'cluster') return `Cluster ${String(scope.center)}: ${plural(members, 'member', 'members')}${aroundText} (${whole}).`;
  return `Within ${plural(scope.hops ?? 1, 'tie', 'ties')} of the selected entity: ${plural(members, 'entity', 'entities')}${aroundText} (${whole}).`;
}

/** The address of a neighbourhood on the viewer server. */
export function neighbourhoodUrl(target: { cluster: number } | { entity: string; hops: number }): string {
  return 'cluster' in target ? `neighbourhood?cluster=${target.cluster}` : `neighbourhood?entity=${encodeURIComponent(target.entity)}&hops=${target.hops}`;
}
