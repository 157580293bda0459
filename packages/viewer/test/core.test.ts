import type { Report } from '@chokepoint/report';
import { allCounts, DEFAULT_FILTERS, visibility } from '../src/web/core/filters';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { COUNTRY_ANCHORS } from '../src/web/core/country-anchors';
import { clusterSeedLayout, geoLayout, mercator } from '../src/web/core/layout';
import { buildModel } from '../src/web/core/model';
import { buildSearchIndex, search } from '../src/web/core/search';
import { resolveSettings } from '../src/web/core/settings';
import { DEFAULT_STATE, hashToState, stateToHash, type ViewState } from '../src/web/core/url';
import { EMPTY_WORKSPACE } from '../src/web/core/workspace';

/** A small report made by hand: enough structure for every filter. */
function report(): Report {
  const entity = (id: string, name: string, kind: string, cluster: number, extra: object = {}) => ({
    id, name, kind, lat: null, lon: null, attributes: {}, cluster, group: 0, betweenness: 0, articulation: false, cutOff: 0, loneCutOff: 0, degree: 1, nearestCrossing: null, flags: [] as string[], ...extra,
  });
  const ship = (id: string, supplier: string, buyer: string, commodity: string, shipped?: string) => ({ id, supplier, buyer, commodity, shipped, attributes: {} });
  return {
    schemaVersion: 2,
    entities: [
      entity('a', 'Örnek Kimya', 'company', 1, { lat: 36.7, lon: 38.9, flags: ['f1'] }),
      entity('b', 'Beta Telefon', 'company', 1),
      entity('p', 'Ayşe Yılmaz', 'person', 1),
      entity('c', 'Cresthaven Motion, Ltd', 'company', 2, { lat: 53.8, lon: -1.5 }),
      entity('d', 'Delta', 'organization', 2, { attributes: { aliases: 'd-old; d-2019' } }),
    ],
    relations: [{ source: 'p', target: 'a', kind: 'owner', attributes: {} }, { source: 'a', target: 'b', kind: 'shared_address', attributes: {} }],
    shipments: [
      ship('s1', 'c', 'a', 'aluminium paste', '2015-03-09'),
      ship('s2', 'c', 'a', 'acetone', '2016-01-01'),
      ship('s3', 'a', 'b', 'aluminium paste', '2015-03-14'),
      ship('s4', 'd', 'c', 'steel'),
    ],
    places: [],
    clusters: [
      { id: 1, members: ['a', 'b', 'p'], size: 3, borderProximate: true, flaggedMembers: 1, hub: 'a' },
      { id: 2, members: ['c', 'd'], size: 2, borderProximate: false, flaggedMembers: 0, hub: 'c' },
    ],
    groups: [],
    controllers: [],
    keyNodes: [{ id: 'a', name: 'Örnek Kimya', rank: 1, score: 1, reasons: ['x'] }],
    flagRules: [],
    flags: [],
  } as unknown as Report;
}

describe('the viewer model', () => {
  it('draws one edge per relation and per supplier → buyer pair, with dates and commodities', () => {
    const m = buildModel(report());
    expect(m.edges.map((e) => [e.kind, e.source, e.target, e.shipments])).toEqual([
      ['owner', 'p', 'a', []],
      ['shared_address', 'a', 'b', []],
      ['shipment', 'c', 'a', [0, 1]],
      ['shipment', 'a', 'b', [2]],
      ['shipment', 'd', 'c', [3]],
    ]);
    expect(m.dateRange).toEqual(['2015-03-09', '2016-01-01']);
    expect(m.months).toHaveLength(11);
    expect(m.commodities[0]).toEqual({ commodity: 'aluminium paste', shipments: 2 });
    expect(m.byId.get('a')).toMatchObject({ keyRank: 1, score: 1, flags: ['f1'] });
  });
});

describe('filters', () => {
  const m = buildModel(report());
  const ids = (v: Uint8Array) => m.nodes.filter((n) => v[n.index]).map((n) => n.id);

  it('show everything by default, with counts', () => {
    const v = visibility(m, DEFAULT_FILTERS);
    expect(v.counts).toEqual({ entities: 5, ties: 5, shipments: 4, flagged: 1 });
  });

  it('by entity kind and edge kind; an edge needs both ends', () => {
    const v = visibility(m, { ...DEFAULT_FILTERS, entityKinds: ['company'], edgeKinds: ['shipment'] });
    expect(ids(v.nodes)).toEqual(['a', 'b', 'c']);
    expect(v.counts).toMatchObject({ entities: 3, ties: 2, shipments: 3 });
  });

  it('by cluster, key nodes, flagged, border clusters', () => {
    expect(ids(visibility(m, { ...DEFAULT_FILTERS, clusters: [2] }).nodes)).toEqual(['c', 'd']);
    expect(ids(visibility(m, { ...DEFAULT_FILTERS, onlyKeyNodes: true }).nodes)).toEqual(['a']);
    expect(ids(visibility(m, { ...DEFAULT_FILTERS, onlyFlagged: true }).nodes)).toEqual(['a']);
    expect(ids(visibility(m, { ...DEFAULT_FILTERS, onlyBorderClusters: true }).nodes)).toEqual(['a', 'b', 'p']);
  });

  it('by commodity and date range, on shipments only, combined', () => {
    const paste = visibility(m, { ...DEFAULT_FILTERS, commodity: 'aluminium paste' });
    expect(paste.counts).toMatchObject({ entities: 5, shipments: 2, ties: 4 });
    const dated = visibility(m, { ...DEFAULT_FILTERS, dateFrom: '2015-03-10', dateTo: '2015-12-31' });
    expect([...dated.shipments]).toEqual([0, 0, 1, 0]);
    const both = visibility(m, { ...DEFAULT_FILTERS, commodity: 'acetone', dateFrom: '2015-01-01', onlyFlagged: true });
    expect(both.counts).toEqual({ entities: 1, ties: 0, shipments: 0, flagged: 1 });
  });

  it('count everything at most (the room the header keeps for the counts)', () => {
    expect(allCounts(m)).toEqual(visibility(m, DEFAULT_FILTERS).counts);
    for (const f of [{ onlyFlagged: true }, { entityKinds: ['company'] }, { commodity: 'acetone' }, { clusters: [2] }]) {
      const c = visibility(m, { ...DEFAULT_FILTERS, ...f }).counts;
      for (const k of ['entities', 'ties', 'shipments', 'flagged'] as const) expect(c[k]).toBeLessThanOrEqual(allCounts(m)[k]);
    }
  });
});

describe('search', () => {
  const index = buildSearchIndex(buildModel(report()));
  it('finds by name without case or accents, by id, prefixes first', () => {
    expect(search(index, 'ornek').map((n) => n.id)).toEqual(['a']);
    expect(search(index, 'AYSE').map((n) => n.id)).toEqual(['p']);
    expect(search(index, 'c').map((n) => n.id)[0]).toBe('c');
    expect(search(index, 'tel').map((n) => n.id)).toEqual(['b']);
    expect(search(index, 'motion, ltd').map((n) => n.id)).toEqual(['c']);
    expect(search(index, '   ')).toEqual([]);
    expect(search(index, 'zzz')).toEqual([]);
    expect(search(index, 'd-2019').map((n) => n.id)).toEqual(['d']);
  });

  it('finds names written in Arabic whatever the hamza, ta marbuta or article (the query folded as the names are)', () => {
    const node = (id: string, name: string) => ({ id, name, aliases: [], score: 0 });
    const arabic = buildSearchIndex({ nodes: [node('E04', 'شركة النجمة الذهبية للتجارة العامة'), node('E06', 'مكتب الرافدين للهواتف النقالة'), node('E01', 'ÖZKAYA KİMYA SAN. VE TİC. A.Ş.')] } as never);
    expect(search(arabic, 'النجمة').map((n) => n.id)).toEqual(['E04']);
    expect(search(arabic, 'نجمه ذهبيه').map((n) => n.id)).toEqual(['E04']);
    expect(search(arabic, 'الرافدين').map((n) => n.id)).toEqual(['E06']);
    expect(search(arabic, 'هواتف').map((n) => n.id)).toEqual(['E06']);
    expect(search(arabic, 'ozkaya').map((n) => n.id)).toEqual(['E01']);
    expect(search(arabic, 'الصين')).toEqual([]);
  });
});

describe('URL state', () => {
  it('round-trips every part of the state', () => {
    const state: ViewState = {
      layout: 'geo',
      selected: 'tr-akc-01',
      group: null,
      filters: {
        entityKinds: ['company'],
        edgeKinds: ['owner', 'shipment'],
        clusters: [6, 9],
        onlyKeyNodes: true,
        onlyFlagged: true,
        onlyBorderClusters: true,
        commodity: 'aluminium paste & co',
        dateFrom: '2015-01-01',
        dateTo: '2016-06-30',
      },
      camera: { x: 0.25, y: 0.75, ratio: 0.5, angle: 0 },
      work: EMPTY_WORKSPACE,
    };
    expect(hashToState(`#${stateToHash(state)}`)).toEqual(state);
    const group: ViewState = { ...state, selected: null, group: 3 };
    expect(stateToHash(group)).toMatch(/grp=3/);
    expect(hashToState(`#${stateToHash(group)}`)).toEqual(group);
    expect(stateToHash(DEFAULT_STATE)).toBe('');
    expect(hashToState('')).toEqual(DEFAULT_STATE);
  });

  it('ignores malformed parts instead of failing', () => {
    const s = hashToState('#layout=moon&kinds=company,alien&from=yesterday&cam=1,2&cl=x,3');
    expect(s.layout).toBe('force');
    expect(s.filters.entityKinds).toEqual(['company']);
    expect(s.filters.dateFrom).toBeNull();
    expect(s.camera).toBeNull();
    expect(s.filters.clusters).toEqual([3]);
    expect(hashToState('#grp=x').group).toBeNull();
    expect(hashToState('#grp=-2').group).toBeNull();
    // An entity and a group are never selected at once: the entity wins.
    expect(hashToState('#sel=a&grp=2')).toMatchObject({ selected: 'a', group: null });
  });
});

describe('layouts and settings', () => {
  const m = buildModel(report());
  it('seeds positions by cluster, deterministically', () => {
    const a = clusterSeedLayout(m);
    expect(clusterSeedLayout(m)).toEqual(a);
    const d = (i: number, j: number) => Math.hypot(a[i].x - a[j].x, a[i].y - a[j].y);
    expect(d(0, 1)).toBeLessThan(d(0, 3));
  });

  it('places located entities by Mercator and the others beside their cluster', () => {
    const { positions, located } = geoLayout(m);
    expect(located).toEqual([true, false, false, true, false]);
    expect(positions[0]).toEqual(mercator(36.7, 38.9));
    expect(Math.hypot(positions[1].x - positions[0].x, positions[1].y - positions[0].y)).toBeLessThan(5);
    expect(mercator(0, 10).x).toBe(10);
    expect(mercator(0, 10).y).toBeCloseTo(0, 12);
    expect(mercator(60, 0).y).toBeGreaterThan(60);
  });

  it('places the unlocated entities of a cluster with no located member in their country, and the rest in a row', () => {
    // A researcher's supply chain with countries and no coordinates at all (fixtures/cobalt-chain in the CLI tests).
    const r = report();
    r.entities = [
      { ...r.entities[1], id: 'mine', country: 'CD', cluster: 1 },
      { ...r.entities[1], id: 'mine2', country: 'CD', cluster: 1 },
      { ...r.entities[1], id: 'refiner', country: 'CN', cluster: 2 },
      { ...r.entities[1], id: 'nowhere', cluster: 3 },
      { ...r.entities[1], id: 'unknown-code', country: 'XX', cluster: 3 },
    ];
    r.relations = [];
    r.shipments = [];
    r.clusters = [
      { ...r.clusters[0], id: 1, members: ['mine', 'mine2'], size: 2 },
      { ...r.clusters[0], id: 2, members: ['refiner'], size: 1 },
      { ...r.clusters[0], id: 3, members: ['nowhere', 'unknown-code'], size: 2 },
    ];
    const { positions, located } = geoLayout(buildModel(r));
    expect(located).toEqual([false, false, false, false, false]);
    const near = (p: { x: number; y: number }, lat: number, lon: number, within: number) => Math.hypot(p.x - mercator(lat, lon).x, p.y - mercator(lat, lon).y) < within;
    // Inside the DR Congo and China (their anchors' rings), two different points for the two mines.
    expect(near(positions[0], ...COUNTRY_ANCHORS.CD, 3)).toBe(true);
    expect(near(positions[1], ...COUNTRY_ANCHORS.CD, 3)).toBe(true);
    expect(positions[0]).not.toEqual(positions[1]);
    expect(near(positions[2], ...COUNTRY_ANCHORS.CN, 3)).toBe(true);
    // No country, or a code no map knows: the row below the map, as before.
    expect(positions[3].y).toBeLessThan(Math.min(positions[0].y, positions[2].y));
    expect(positions[4].y).toBe(positions[3].y);
  });

  it('places an unlocated entity of another country than its cluster\'s located members in its country, and one of theirs beside them', () => {
    // The hand-written bundle of the map tests: a supplier in Köln, a shop at the border, a forwarder in the Emirates
    // whose town no gazetteer knows; and a person of the shop, in Turkey, without coordinates.
    const r = report();
    r.entities = [
      { ...r.entities[0], id: 'de-1', country: 'DE', lat: 50.94, lon: 6.96, cluster: 1 },
      { ...r.entities[0], id: 'tr-1', country: 'TR', lat: 36.711, lon: 38.948, cluster: 1 },
      { ...r.entities[1], id: 'ae-1', country: 'AE', cluster: 1 },
      { ...r.entities[2], id: 'tr-p', country: 'TR', cluster: 1 },
    ];
    r.relations = [];
    r.shipments = [];
    r.clusters = [{ ...r.clusters[0], id: 1, members: ['de-1', 'tr-1', 'ae-1', 'tr-p'], size: 4 }];
    const { positions, located } = geoLayout(buildModel(r));
    expect(located).toEqual([true, true, false, false]);
    const centre = { x: (positions[0].x + positions[1].x) / 2, y: (positions[0].y + positions[1].y) / 2 };
    const distance = (p: { x: number; y: number }, q: { x: number; y: number }) => Math.hypot(p.x - q.x, p.y - q.y);
    // The forwarder in the Emirates, near its anchor; the person beside the cluster's located members, as before.
    expect(distance(positions[2], mercator(...COUNTRY_ANCHORS.AE))).toBeLessThan(2);
    expect(distance(positions[3], centre)).toBeLessThan(2);
  });

  it('keeps a point inside each country, as computed from the map data (the module is generated)', () => {
    // Boxes of the countries: [south, west, north, east].
    const inside: [string, number, number, number, number][] = [
      ['CD', -13.5, 12, 5.5, 31.5], ['CN', 18, 73, 54, 135], ['RU', 41, 19, 82, 180], ['FR', 41, -5, 51.5, 10], ['US', 24, -125, 50, -66],
      ['NO', 57, 4, 72, 32], ['TR', 35.8, 25.6, 42.2, 44.9], ['SY', 32.3, 35.7, 37.4, 42.4], ['KR', 33, 125, 39, 130], ['FJ', -21, 176, -15, 180],
    ];
    for (const [code, s, w, n, e] of inside) {
      const [lat, lon] = COUNTRY_ANCHORS[code];
      expect([code, lat >= s && lat <= n && lon >= w && lon <= e]).toEqual([code, true]);
    }
    const script = join(__dirname, '..', 'scripts', 'gen-country-anchors.mjs');
    const computed = execFileSync(process.execPath, ['--input-type=module', '-e', `import { countryAnchors } from ${JSON.stringify(pathToFileURL(script).href)}; console.log(JSON.stringify(countryAnchors()));`], { encoding: 'utf8' });
    expect(Object.entries(COUNTRY_ANCHORS).map(([code, [lat, lon]]) => [code, lat, lon])).toEqual(JSON.parse(computed));
  });

  it('checks settings', () => {
    expect(resolveSettings({ autoLayoutMs: 0 }).autoLayoutMs).toBe(0);
    expect(() => resolveSettings({ searchResults: -1 })).toThrow(/searchResults/);
    expect(() => resolveSettings({ focusRatio: 0 })).toThrow(/focusRatio/);
  });
});

