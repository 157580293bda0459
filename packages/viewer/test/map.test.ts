import type { Report } from '@chokepoint/report';
import { DEFAULT_SPREAD, flowWidths, MAX_FLOW_WIDTH, MIN_FLOW_WIDTH, openingView, placeKey, spreadColocated, zoomTargets } from '../src/web/core/map';
import { buildModel } from '../src/web/core/model';
import { v2Report } from './fixture';

const at = (index: number, id: string, lat: number | null = 36.7121, lon: number | null = 38.9456) => ({ index, id, lat, lon });

describe('spreading entities that share a place', () => {
  it('leaves an entity alone at its place untouched and rings two or more', () => {
    const { offsets, markers } = spreadColocated([at(0, 'a'), at(1, 'b'), at(2, 'c', 37, 39), at(3, 'd', null, null)]);
    expect(markers).toEqual([]);
    expect([...offsets.keys()].sort()).toEqual([0, 1]);
    expect(offsets.get(0)).toEqual({ dx: DEFAULT_SPREAD.minRadius, dy: 0, side: 'right' });
    expect(offsets.get(1)).toEqual({ dx: -DEFAULT_SPREAD.minRadius, dy: 0, side: 'left' });
  });

  it('is deterministic: the same entities in another order give the same offsets', () => {
    const points = Array.from({ length: 9 }, (_, i) => at(i, `e${(i * 7) % 9}`));
    const a = spreadColocated(points);
    const b = spreadColocated([...points].reverse());
    expect([...b.offsets.entries()].sort((x, y) => x[0] - y[0])).toEqual([...a.offsets.entries()].sort((x, y) => x[0] - y[0]));
  });

  it('keeps labels apart: on each side a label height between entities, every entity off the centre, the radius in pixels', () => {
    for (const count of [2, 3, 5, 12, 24]) {
      const { offsets } = spreadColocated(Array.from({ length: count }, (_, i) => at(i, `e${i}`)), { labelHeight: 16, minRadius: 18 });
      expect(offsets.size).toBe(count);
      for (const side of ['left', 'right'] as const) {
        const ys = [...offsets.values()].filter((o) => o.side === side).map((o) => o.dy).sort((x, y) => x - y);
        for (let i = 1; i < ys.length; i++) expect(ys[i] - ys[i - 1]).toBeGreaterThanOrEqual(16 - 1e-9);
      }
      for (const o of offsets.values()) {
        // Labels run away from the place: right-side entities right of it, left-side ones left of it.
        expect(o.side === 'right' ? o.dx : -o.dx).toBeGreaterThan(0);
        expect(Math.hypot(o.dx, o.dy)).toBeGreaterThanOrEqual(18 - 1e-9);
      }
      // The same radius for everyone of one place: a ring.
      const radii = [...offsets.values()].map((o) => Math.hypot(o.dx, o.dy));
      expect(Math.max(...radii) - Math.min(...radii)).toBeLessThan(1e-9);
    }
  });

  it('draws a crowded place as one counted marker until it is opened', () => {
    const points = Array.from({ length: 30 }, (_, i) => at(i, `e${String(i).padStart(2, '0')}`));
    const closed = spreadColocated(points, { maxRing: 24 });
    expect(closed.offsets.size).toBe(0);
    expect(closed.markers).toEqual([{ key: placeKey(36.7121, 38.9456), lat: 36.7121, lon: 38.9456, members: points.map((p) => p.index) }]);
    const opened = spreadColocated(points, { maxRing: 24 }, new Set([placeKey(36.7121, 38.9456)]));
    expect(opened.markers).toEqual([]);
    expect(opened.offsets.size).toBe(30);
  });

  it('counts coordinates equal to about a metre as one place, not nearby ones', () => {
    const { offsets } = spreadColocated([at(0, 'a', 36.712100001), at(1, 'b', 36.7121), at(2, 'c', 36.7125)]);
    expect([...offsets.keys()].sort()).toEqual([0, 1]);
  });
});

describe('shipment arrow widths', () => {
  function report(): Report {
    const r = v2Report();
    const ship = (id: string, supplier: string, buyer: string, extra: object) => ({ id, supplier, buyer, commodity: 'x', attributes: {}, ...extra });
    r.shipments = [
      ship('k1', 'p', 'q', { quantityKg: 10 }),
      ship('k2', 'p', 'q', { quantityKg: 990, value: 5, currency: 'USD' }),
      ship('k3', 'q', 'h', { quantityKg: 10 }),
      ship('v1', 'h', 'c1', { value: 1000000, currency: 'USD' }),
      ship('v2', 'c1', 'c2', { value: 1000, currency: 'USD' }),
      ship('v3', 'c2', 's', { value: 1000, currency: 'EUR' }),
      ship('n1', 's', 'y', {}),
    ] as Report['shipments'];
    return r;
  }
  const edgeOf = (model: ReturnType<typeof buildModel>, s: string, t: string) => model.edges.find((e) => e.kind === 'shipment' && e.source === s && e.target === t)!.index;

  it('follows kg where shipments were weighed, value per currency otherwise, never adding currencies', () => {
    const model = buildModel(report());
    const w = flowWidths(model);
    const heaviest = w.get(edgeOf(model, 'p', 'q'))!;
    expect(heaviest).toEqual({ width: MAX_FLOW_WIDTH, basis: 'kg', total: 1000 });
    const light = w.get(edgeOf(model, 'q', 'h'))!;
    expect(light.basis).toBe('kg');
    expect(light.width).toBeGreaterThan(MIN_FLOW_WIDTH);
    expect(light.width).toBeLessThan(heaviest.width);
    // The largest USD pair is as wide as the heaviest pair; the only EUR pair is the widest of its currency too.
    expect(w.get(edgeOf(model, 'h', 'c1'))).toEqual({ width: MAX_FLOW_WIDTH, basis: 'value', total: 1000000, currency: 'USD' });
    expect(w.get(edgeOf(model, 'c1', 'c2'))!.width).toBeLessThan(MAX_FLOW_WIDTH);
    expect(w.get(edgeOf(model, 'c2', 's'))).toEqual({ width: MAX_FLOW_WIDTH, basis: 'value', total: 1000, currency: 'EUR' });
    expect(w.get(edgeOf(model, 's', 'y'))).toEqual({ width: MIN_FLOW_WIDTH, basis: 'none', total: 0 });
    // Only shipment edges get a width.
    expect([...w.keys()].every((i) => model.edges[i].kind === 'shipment')).toBe(true);
  });
});

describe('zoom targets', () => {
  it('offers all located entities, the border region, its clusters, other clusters and the crossings and ports', () => {
    const r = v2Report();
    r.entities.forEach((e, i) => Object.assign(e, { lat: 13 + i / 100, lon: 5 }));
    r.places = [
      { id: 'bc', name: 'Konni crossing', kind: 'border_crossing', lat: 13.8, lon: 5.2, countries: ['NE', 'NG'] },
      { id: 'ap', name: 'Kano airport', kind: 'airport', lat: 12, lon: 8.5, countries: ['NG'] },
    ] as Report['places'];
    const model = buildModel(r);
    const targets = zoomTargets(model);
    expect(targets[0]).toMatchObject({ id: 'all', members: model.nodes.map((n) => n.index) });
    const ids = targets.map((t) => t.id);
    expect(ids).toContain('place:bc');
    expect(ids).not.toContain('place:ap');
    const near = r.clusters.filter((c) => c.borderProximate).map((c) => `cluster:${c.id}`);
    for (const id of near) expect(ids).toContain(id);
    if (near.length > 0) expect(ids[1]).toBe('border');
  });
});

describe('where the map opens', () => {
  /** The hand-made report with its entities placed around Konni and (`far`) a supplier in the Emirates. */
  const placed = (far: boolean) => {
    const r = v2Report();
    r.entities.forEach((e, i) => Object.assign(e, { lat: 13 + i / 100, lon: 5 + i / 100 }));
    if (far) Object.assign(r.entities.find((e) => e.id === 'y')!, { lat: 25.2, lon: 55.3 });
    return buildModel(r);
  };

  it('opens on the flagged entities, the key nodes and the clusters near a crossing when a far-off entity stretches the map', () => {
    const model = placed(true);
    const opening = openingView(model);
    const flagged = model.nodes.filter((n) => n.flags.length > 0 || n.keyRank !== null || model.report.clusters.some((c) => c.borderProximate && c.id === n.cluster));
    expect(opening).toEqual({ members: flagged.map((n) => n.index), outside: expect.any(Number) });
    expect(opening!.members).not.toContain(model.nodes.find((n) => n.id === 'y')!.index);
    expect(opening!.outside).toBeGreaterThanOrEqual(1);
  });

  it('opens on the whole map when the findings are most of it, or there are none', () => {
    expect(openingView(placed(false))).toBeNull();
    const r = v2Report();
    r.entities.forEach((e, i) => Object.assign(e, { lat: 13 + i, lon: 5 + 8 * i, flags: [] }));
    for (const c of r.clusters) c.borderProximate = false;
    r.keyNodes = [];
    expect(openingView(buildModel(r))).toBeNull();
    // One flagged entity is no area (the map opens whole); two near each other, far from the rest, are.
    r.entities[0].flags = ['f1'];
    expect(openingView(buildModel(r))).toBeNull();
    Object.assign(r.entities[1], { lat: 13.1, lon: 5.2, flags: ['f2'] });
    expect(openingView(buildModel(r))).toEqual({ members: [0, 1], outside: 5 });
  });
});

