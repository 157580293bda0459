import { parseCase, saveView, emptyCase, serializeCase } from '@chokepoint/case';
import { sameScope, scopeTarget, viewScope, viewState } from '../src/web/core/case';
import type { ScopeInfo } from '../src/web/core/scope';

const scope = (kind: ScopeInfo['kind'], center: string | number | null, hops: number | null = null): ScopeInfo => ({
  kind, center, hops, totals: { entities: 30000, clusters: 600, relations: 0, shipments: 0, flags: 0, groups: 0, controllers: 0 }, weights: [], clusterNodes: [], capped: null,
});

describe('saved views remember the piece of a large report that was open', () => {
  it('round-trips overview, cluster and neighbourhood through the case file, and nothing for a whole report', () => {
    for (const [info, want] of [
      [scope('overview', null), { kind: 'overview' }],
      [scope('cluster', 716), { kind: 'cluster', cluster: 716 }],
      [scope('entity', 'toString', 2), { kind: 'entity', entity: 'toString', hops: 2 }],
    ] as const) {
      const target = scopeTarget(info);
      expect(target).toEqual(want);
      const c = saveView(emptyCase({ bundle: 'large', now: '2026-03-01T10:00:00.000Z' }), 'V', viewState('layout=geo', target), 'Ana', '2026-03-01T11:00:00.000Z');
      const back = parseCase(serializeCase(c), 'case.json').views[0].state;
      expect(viewScope(back)).toEqual(want);
      expect(sameScope(viewScope(back), target)).toBe(true);
    }
    expect(scopeTarget(null)).toBeUndefined();
    expect(viewState('x', undefined)).toEqual({ version: 1, hash: 'x' });
    expect(viewScope({ version: 1, hash: 'x' })).toBeNull();
    expect(sameScope({ kind: 'cluster', cluster: 1 }, { kind: 'cluster', cluster: 2 })).toBe(false);
  });
});
