import { groupGeography, haversineKm, median, nearestSite } from '@chokepoint/engine';

describe('great-circle distances', () => {
  it('matches known distances', () => {
    // London (51.5074, -0.1278) to Paris (48.8566, 2.3522): 343.5 km by haversine on a 6371 km sphere.
    expect(haversineKm({ lat: 51.5074, lon: -0.1278 }, { lat: 48.8566, lon: 2.3522 })).toBeCloseTo(343.56, 0);
    // A quarter of the equator.
    expect(haversineKm({ lat: 0, lon: 0 }, { lat: 0, lon: 90 })).toBeCloseTo((Math.PI / 2) * 6371.0088, 6);
    // Antipodes: no NaN, and within a metre.
    expect(haversineKm({ lat: 10, lon: 20 }, { lat: -10, lon: -160 })).toBeCloseTo(Math.PI * 6371.0088, 2);
    // Siverek town to Akçakale town: about 120 km.
    const d = haversineKm({ lat: 37.755, lon: 39.317 }, { lat: 36.711, lon: 38.948 });
    expect(d).toBeGreaterThan(110);
    expect(d).toBeLessThan(130);
  });

  it('median of odd and even lists', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('groups and sites', () => {
  const sites = [
    { id: 'x', name: 'X', lat: 0, lon: 0 },
    { id: 'y', name: 'Y', lat: 0, lon: 1 },
  ];
  it('finds the nearest site', () => {
    expect(nearestSite({ lat: 0, lon: 0.9 }, sites)).toMatchObject({ id: 'y' });
    expect(nearestSite({ lat: 0, lon: 0.9 }, [])).toBeUndefined();
  });

  it('is proximate when the median located member lies within the radius', () => {
    const near = { lat: 0, lon: 0.1 }; // 11 km from X
    const far = { lat: 5, lon: 0 }; // 556 km
    expect(groupGeography([near, near], sites, 50)).toMatchObject({ located: 2, withinRadius: 2, proximate: true });
    expect(groupGeography([near, far, far], sites, 50)).toMatchObject({ withinRadius: 1, proximate: false });
    const g = groupGeography([near, near, far], sites, 50);
    expect(g.nearest!.id).toBe('x');
    expect(g.nearest!.distanceKm).toBeCloseTo(haversineKm(near, sites[0]), 9);
    expect(g.nearest!.minDistanceKm).toBeCloseTo(haversineKm(near, sites[0]), 9);
  });

  it('never calls a group near a border when its median located member lies beyond the radius', () => {
    // A two-member cluster with one member by the crossing and one 745 km away was once called "near a border".
    const near = { lat: 0, lon: 0.05 };
    const far = { lat: 6.7, lon: 0 };
    const g = groupGeography([near, far], sites, 50);
    expect(g.withinRadius).toBe(1);
    expect(g.nearest!.distanceKm).toBeGreaterThan(50);
    expect(g.proximate).toBe(false);
    // Whatever the points, proximate implies that at least half of the located members are within the radius.
    const rng = (() => { let x = 7; return () => ((x = (x * 48271) % 2147483647) / 2147483647); })();
    for (let t = 0; t < 500; t++) {
      const pts = Array.from({ length: 1 + Math.floor(rng() * 6) }, () => ({ lat: rng() * 2 - 1, lon: rng() * 2 - 1 }));
      const r = groupGeography(pts, sites, 20 + rng() * 80);
      if (r.proximate) expect(2 * r.withinRadius).toBeGreaterThanOrEqual(r.located);
      if (r.proximate) expect(r.located).toBeGreaterThanOrEqual(2);
    }
  });

  it('calls a group near a border when most of its members sit at several crossings, half at each', () => {
    // Two crossings 222 km apart; two members by each: the median member is 111 km from either, yet all four are
    // within 20 km of a crossing (a family's shops in two border towns).
    const two = [
      { id: 'x', name: 'X', lat: 0, lon: 0 },
      { id: 'z', name: 'Z', lat: 0, lon: 2 },
    ];
    const atX = { lat: 0, lon: 0.1 };
    const atZ = { lat: 0, lon: 1.9 };
    const g = groupGeography([atX, atX, atZ, atZ], two, 50);
    expect(g.withinRadius).toBe(4);
    expect(g.nearest!.distanceKm).toBeGreaterThan(50);
    expect(g.proximate).toBe(true);
    // Half at a crossing and half far from any is not most: not near.
    const far = { lat: 5, lon: 1 };
    expect(groupGeography([atX, atZ, far, far], two, 50).proximate).toBe(false);
  });

  it('needs enough located members before it says anything', () => {
    const near = { lat: 0, lon: 0.05 };
    // One located member of a two-member cluster: too few to judge.
    expect(groupGeography([near], sites, 50, 2)).toMatchObject({ located: 1, enoughLocated: false, proximate: false });
    // Two located members of ten: under a third of the members.
    expect(groupGeography([near, near], sites, 50, 10)).toMatchObject({ enoughLocated: false, proximate: false });
    expect(groupGeography([near, near, near, near], sites, 50, 10)).toMatchObject({ enoughLocated: true, proximate: true });
  });

  it('is never proximate without located members or without sites', () => {
    expect(groupGeography([], sites, 50)).toEqual({ located: 0, withinRadius: 0, nearest: null, proximate: false, enoughLocated: false });
    expect(groupGeography([{ lat: 0, lon: 0 }], [], 50).proximate).toBe(false);
  });
});
