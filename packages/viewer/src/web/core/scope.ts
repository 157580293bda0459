import { pairKey } from '@chokepoint/case';
import type { Report } from '@chokepoint/report';
import type { Scope } from '../../node/scope-types';

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

/** The scope of a report when it is the overview of a large report (its nodes are clusters), or null. */
export function overviewOf(report: Report): ScopeInfo | null {
  const scope = scopeOf(report);
  return scope?.kind === 'overview' ? scope : null;
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

/** The four counts above the network, in words. */
export interface CountWords {
  entities: string;
  ties: string;
  shipments: string;
  flagged: string;
}

/**
 * The counts above the network in words. On the overview of a large report its nodes are clusters (flagged: with a
 * flagged member) and its lines count the ties between two clusters, so the counts say clusters and lines (and give the
 * whole report's entities where the overview has no shipment to count), instead of calling clusters entities.
 */
export function countWords(report: Report, total: number, c: { entities: number; ties: number; shipments: number; flagged: number }): CountWords {
  const overview = overviewOf(report);
  if (overview !== null) {
    return {
      // Of all the report's clusters: an overview of a register of lone entities draws only the largest (Scope.capped).
      entities: `${int(c.entities)} of ${int(Math.max(total, overview.totals.clusters))} clusters`,
      ties: plural(c.ties, 'line', 'lines'),
      shipments: plural(overview.totals.entities, 'entity', 'entities'),
      flagged: `${int(c.flagged)} flagged`,
    };
  }
  // A cluster or an entity with the clusters around it drawn as single nodes: those count too.
  const around = (scopeOf(report)?.clusterNodes.length ?? 0) > 0 ? ' entities and clusters' : ' entities';
  return {
    entities: `${int(c.entities)} of ${int(total)}${around}`,
    ties: `${int(c.ties)} ties`,
    shipments: `${int(c.shipments)} shipments`,
    flagged: `${int(c.flagged)} flagged`,
  };
}

/**
 * What the viewer keeps of name matching across the pieces of a large report: the pairs left for review and the
 * entities their records are in, as the pieces shown so far gave them (the overview's first). Each piece carries only
 * those that concern it (Scope.possiblePairs, Scope.named); a pair seen once stays listed (and a judgement made on it
 * says what the analysis found), whichever piece is shown next.
 */
export interface KeptPairs {
  possible: Report['resolution']['possible'];
  named: NonNullable<Scope['named']>;
  /** How many pairs the whole report left for review. */
  total: number | undefined;
}

/**
 * Adds to `kept` the pairs and named entities of `more` it does not hold yet (a pair once, whichever order its records
 * are written in; an entity once), after those it holds. Pure: a new KeptPairs.
 */
export function keepMore(kept: KeptPairs | undefined, more: { possible: KeptPairs['possible']; named: KeptPairs['named']; total?: number | undefined }): KeptPairs {
  const seenPairs = new Set((kept?.possible ?? []).map((p) => pairKey(p.a, p.b)));
  const seenNamed = new Set((kept?.named ?? []).map((e) => e.id));
  return {
    possible: [...(kept?.possible ?? []), ...more.possible.filter((p) => !seenPairs.has(pairKey(p.a, p.b)))],
    named: [...(kept?.named ?? []), ...more.named.filter((e) => !seenNamed.has(e.id))],
    total: kept?.total ?? more.total,
  };
}

/**
 * Takes a piece's pairs and named entities into `kept` (the first time a pair or an entity is seen), and gives the
 * piece the whole of what is kept: its own pairs first, then the others in the order seen. Pure: a new KeptPairs and a
 * new report; a report that is no piece of a large report is given back as it is.
 */
export function withKeptPairs(report: Report, kept: KeptPairs | undefined): { report: Report; kept: KeptPairs | undefined } {
  const scope = scopeOf(report);
  if (scope === null) return { report, kept };
  const next = keepMore({ possible: report.resolution?.possible ?? [], named: scope.named ?? [], total: scope.possiblePairs }, kept ?? { possible: [], named: [], total: undefined });
  const { possible, named, total } = next;
  return {
    report: {
      ...report,
      ...(report.resolution === undefined ? {} : { resolution: { ...report.resolution, possible } }),
      scope: { ...scope, named, ...(total === undefined ? {} : { possiblePairs: total }) },
    } as Report,
    kept: next,
  };
}
