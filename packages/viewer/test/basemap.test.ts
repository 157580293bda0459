import { decodeBasemap, linesIn, mapDetail, overlaps, placeLabels, townsIn, type BasemapFile, type Box } from '../src/web/core/basemap';
import { clipBasemap, reportPoints, type Basemap } from '../src/node/basemap';

const file = (): BasemapFile & Basemap => ({
  format: 1,
  scale: 1000,
  attribution: ['test'],
  // One province border near Akçakale (38.9 E, 36.7 N) and one far away (Lisbon).
  admin1: [
    { b: [38000, 36000, 39000, 37000], p: [38000, 36000, 500, 500, 500, 500] },
    { b: [-9200, 38700, -9100, 38800], p: [-9200, 38700, 100, 100] },
  ],
  coast: [{ b: [38000, 36500, 40000, 36600], p: [38000, 36500, 2000, 100] }],
  towns: [
    ['Big City', 38500, 36500, 2_000_000],
    ['Middle Town', 38900, 36700, 120_000],
    ['Small Town', 38950, 36690, 20_000],
    ['Far Town', -9150, 38750, 500_000],
  ],
});

describe('the detailed base map', () => {
  it('decodes delta-encoded lines into the layout coordinates (x longitude), with their boxes', () => {
    const map = decodeBasemap(file());
    expect(map.admin1).toHaveLength(2);
    const line = map.admin1[0];
    expect([...line.points].filter((_, i) => i % 2 === 0)).toEqual([38, 38.5, 39]);
    expect(line.minX).toBe(38);
    expect(line.maxX).toBe(39);
    // Mercator: y grows faster than the latitude.
    expect(line.maxY).toBeGreaterThan(37);
    expect(map.towns.map((t) => t.name)).toEqual(['Big City', 'Middle Town', 'Small Town', 'Far Town']);
    expect(() => decodeBasemap({ ...file(), format: 2 })).toThrow(/format 2/);
  });

  it('draws more as the view closes in: no provinces nor towns over the world, then provinces and big cities, then small towns', () => {
    const world = mapDetail(360 / 1200);
    expect(world).toEqual({ admin1: false, detailedCoast: false, minPopulation: null });
    const country = mapDetail(15 / 1200);
    expect(country.admin1).toBe(true);
    expect(country.minPopulation).toBeGreaterThanOrEqual(500_000);
    const region = mapDetail(3 / 1200);
    expect(region.detailedCoast).toBe(true);
    expect(region.minPopulation!).toBeLessThan(country.minPopulation!);
    const street = mapDetail(0.05 / 1200);
    expect(street.minPopulation).toBe(15_000);
    // Never fewer details when closer.
    let last = Infinity;
    for (let d = 0.05; d > 0.00001; d /= 1.5) {
      const p = mapDetail(d).minPopulation ?? Infinity;
      expect(p).toBeLessThanOrEqual(last);
      last = p;
    }
  });

  it('keeps the lines and towns of the view, largest towns first and none below the level', () => {
    const map = decodeBasemap(file());
    const view: [number, number, number, number] = [37, 30, 40, 50];
    expect(linesIn(map.admin1, view)).toHaveLength(1);
    expect(townsIn(map.towns, view, 100_000).map((t) => t.name)).toEqual(['Big City', 'Middle Town']);
    expect(townsIn(map.towns, view, 15_000).map((t) => t.name)).toEqual(['Big City', 'Middle Town', 'Small Town']);
    expect(townsIn(map.towns, view, null)).toEqual([]);
    expect(townsIn(map.towns, view, 15_000, 1)).toHaveLength(1);
  });

  it('places town labels that never cover each other nor what is already on the screen, and leaves out those with no room', () => {
    const taken: Box[] = [[100, 90, 200, 110]];
    // Ten towns on one spot: one label at most per free side, never two on one another.
    const candidates = Array.from({ length: 10 }, () => ({ x: 300, y: 300, width: 60, height: 12 }));
    const placed = placeLabels(candidates, taken, { width: 1000, height: 1000 });
    expect(placed.length).toBeGreaterThan(0);
    expect(placed.length).toBeLessThanOrEqual(8);
    for (let i = 0; i < placed.length; i++) for (let j = i + 1; j < placed.length; j++) expect(overlaps(placed[i].box, placed[j].box)).toBe(false);
    // Right of the point first; when an entity's label is there, to its left.
    const nextTo = placeLabels([{ x: 95, y: 100, width: 50, height: 12 }], [[100, 90, 200, 110]], { width: 1000, height: 1000 });
    expect(nextTo).toHaveLength(1);
    expect(nextTo[0].box[2]).toBeLessThanOrEqual(95);
    // Outside the area: left out.
    expect(placeLabels([{ x: 2, y: 2, width: 5000, height: 12 }], [], { width: 1000, height: 1000 })).toEqual([]);
    // What was placed is taken for the next.
    expect(taken.length).toBe(1 + placed.length);
  });

  it('an exported file keeps only the part of the map around the report, the whole map holding the rest', () => {
    const map = file();
    const points = reportPoints({ entities: [{ lat: 36.7, lon: 38.9 }, { lat: null, lon: null }], places: [] });
    expect(points).toEqual([[38.9, 36.7]]);
    const cut = clipBasemap(map, points, 1);
    expect(cut.admin1).toHaveLength(1);
    expect(cut.coast).toHaveLength(1);
    expect(cut.towns.map((t) => t[0])).toEqual(['Big City', 'Middle Town', 'Small Town']);
    expect(cut.attribution).toEqual(['test']);
    expect(cut.cut).toBe(true);
    // Two far-apart regions: both kept, nothing between them.
    const both = clipBasemap(map, [...points, [-9.15, 38.75]], 1);
    expect(both.admin1).toHaveLength(2);
    expect(both.towns.map((t) => t[0])).toContain('Far Town');
    // No located entity: no detail.
    const none = clipBasemap(map, [], 1);
    expect([none.admin1.length, none.coast.length, none.towns.length]).toEqual([0, 0, 0]);
  });
});
