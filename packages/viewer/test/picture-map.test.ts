import { capOutlines, outlineLabelPlace, outlinesNote, overlapShare, type OutlineCandidate, type ScreenBox } from '../src/web/core/outlines';
import { flowLegend, MAX_FLOW_WIDTH, MIN_FLOW_WIDTH, type FlowWidth } from '../src/web/core/map';
import { pictureScene, sceneToSvg, textWidth, type PictureInput } from '../src/web/core/picture';

const outline = (id: number, x: number, flagged: number, size = 5): OutlineCandidate => ({ id, box: [x, 10, x + 40, 50], size, flaggedMembers: flagged });

describe('outlines of clusters near a border on a crowded overview', () => {
  it('outlines only the clusters in view, at most the cap, most flagged first, and counts the others', () => {
    const many = Array.from({ length: 300 }, (_, i) => outline(i + 1, (i % 30) * 30, i % 7, i));
    const off = [outline(1000, 5000, 9), outline(1001, -500, 9)];
    const capped = capOutlines([...many, ...off], { width: 1000, height: 800 }, 12);
    expect(capped.shown).toHaveLength(12);
    expect(capped.notShown).toBe(288);
    expect(capped.outOfView).toBe(2);
    expect(capped.shown.every((c) => c.flaggedMembers === 6)).toBe(true);
    expect(capped.shown.map((c) => c.id)).not.toContain(1000);
    expect(outlinesNote(capped)).toBe('12 of 300 clusters near a border outlined (most flagged first); zoom in for the others');
    // Few: all outlined, no note.
    const few = capOutlines(many.slice(0, 3), { width: 1000, height: 800 }, 12);
    expect(few.shown).toHaveLength(3);
    expect(outlinesNote(few)).toBeNull();
  });

  it('leaves out an outline mostly on top of one already drawn (stacked copies read as a pile), and counts it', () => {
    // Seven clusters around the same members, a few pixels apart; one beside them; one overlapping a quarter.
    const stacked = Array.from({ length: 7 }, (_, i) => ({ id: i + 1, box: [100, 100 + 3 * i, 160, 150 + 3 * i] as [number, number, number, number], size: 5, flaggedMembers: 7 - i }));
    const beside = { id: 20, box: [400, 100, 460, 150] as [number, number, number, number], size: 5, flaggedMembers: 0 };
    const quarter = { id: 21, box: [145, 100, 205, 150] as [number, number, number, number], size: 5, flaggedMembers: 0 };
    const capped = capOutlines([...stacked, beside, quarter], { width: 1000, height: 800 }, 12);
    // The most flagged of the pile, the one beside, and the one covering a quarter of the first (under half).
    expect(capped.shown.map((c) => c.id)).toEqual([1, 20, 21]);
    expect(capped.notShown).toBe(6);
    expect(outlinesNote(capped)).toBe('3 of 9 clusters near a border outlined (most flagged first); zoom in for the others');
    // A point-sized box (one member) on top of another is on top too; one apart is not.
    expect(overlapShare([10, 10, 10, 10], [0, 0, 20, 20])).toBe(1);
    expect(overlapShare([30, 30, 30, 30], [0, 0, 20, 20])).toBe(0);
    expect(overlapShare([0, 0, 9, 9], [5, 0, 14, 9])).toBe(0.5);
  });
});

describe('the label of an outline', () => {
  const frame = { width: 800, height: 600 };
  // An outline around one disc at (200, 200): its label of 150 pixels goes above it at its left, else below, else at
  // its right above or below.
  const box: ScreenBox = [186, 186, 214, 214];
  const disc = (x: number, y: number, r = 10): ScreenBox => [x - r, y - r, x + r, y + r];
  const at = (p: ReturnType<typeof outlineLabelPlace>) => (p === null ? null : [p.x, p.y]);

  it('goes above the outline at its left when nothing is there, and keeps off the discs of other nodes where it can', () => {
    expect(at(outlineLabelPlace(box, 150, frame, [], [], [], 10))).toEqual([186, 182]);
    // Its own member's disc (centre inside the outline) does not count.
    expect(at(outlineLabelPlace(box, 150, frame, [], [], [disc(200, 200, 16)], 10))).toEqual([186, 182]);
    // A neighbour's disc above it: below.
    expect(at(outlineLabelPlace(box, 150, frame, [], [], [disc(260, 170)], 10))).toEqual([186, 228]);
    // Discs above and below on its right side: at its right, above (the text ends at the outline's right edge).
    expect(at(outlineLabelPlace(box, 150, frame, [], [], [disc(300, 170), disc(300, 235)], 10))).toEqual([64, 182]);
    // Discs everywhere: above at its left, over them, as before.
    const all = [disc(120, 170), disc(300, 170), disc(120, 235), disc(300, 235)];
    expect(at(outlineLabelPlace(box, 150, frame, [], [], all, 10))).toEqual([186, 182]);
    // And when a label is there: no label (another place over discs would only add to a pile).
    expect(at(outlineLabelPlace(box, 150, frame, [[180, 160, 340, 176]], [], all, 10))).toBeNull();
  });

  it('never covers a label already drawn, nor one a selection brings forward; none left: no label', () => {
    // Another outline's label above: below.
    expect(at(outlineLabelPlace(box, 150, frame, [[180, 160, 340, 176]], [], [], 10))).toEqual([186, 228]);
    // A label brought forward below, and one drawn above the outline: none of the four places is clear.
    expect(at(outlineLabelPlace(box, 150, frame, [[186, 160, 240, 172]], [[150, 214, 360, 240]], [], 10))).toBeNull();
    // The one above only to the right of the outline: at its right, above.
    expect(at(outlineLabelPlace(box, 150, frame, [[250, 160, 340, 172]], [[150, 214, 360, 240]], [], 10))).toEqual([64, 182]);
    // Near the frame's right edge, the text stays inside it.
    const edge: ScreenBox = [760, 300, 790, 330];
    expect(outlineLabelPlace(edge, 150, frame, [], [], [], 10)!.box[2]).toBeLessThanOrEqual(frame.width);
  });
});

describe('the legend of the arrows on the map', () => {
  it('says what width stands for: kg with the heaviest pair, else value within a currency, else nothing', () => {
    const kg = new Map<number, FlowWidth>([
      [0, { width: MAX_FLOW_WIDTH, basis: 'kg', total: 40000 }],
      [1, { width: 2, basis: 'kg', total: 1000 }],
    ]);
    const legend = flowLegend(kg)!;
    expect(legend.title).toBe('Arrow width: kg shipped');
    expect(legend.samples.map((s) => s.label)).toEqual(['40,000 kg', '10,000 kg', 'little, or not weighed']);
    expect(legend.samples[0].width).toBe(MAX_FLOW_WIDTH);
    expect(legend.samples[2].width).toBe(MIN_FLOW_WIDTH);
    expect(flowLegend(new Map([[0, { width: 3, basis: 'value', total: 5, currency: 'EUR' }]]))!.title).toMatch(/value/);
    expect(flowLegend(new Map([[0, { width: 1, basis: 'none', total: 0 }]]))).toBeNull();
  });
});

describe('a picture of the map shows what the screen shows', () => {
  const input = (): PictureInput => ({
    width: 600,
    height: 400,
    nodes: [{ x: 300, y: 200, size: 6, color: '#1f77b4', border: null, label: 'Harbeli Nakliyat', priority: 1 }],
    edges: [],
    borders: [[[0, 100], [600, 100]]],
    admin1: [[[100, 0], [100, 400]]],
    places: [
      { x: 200, y: 100, name: 'Akçakale border crossing', crossing: true, kind: 'border_crossing' },
      { x: 400, y: 300, name: 'Port of Mersin', crossing: false, kind: 'port' },
    ],
    markers: [{ x: 150, y: 250, count: 30 }],
    outlines: [{ box: [280, 180, 320, 220], label: 'Cluster 6, near a border, median 1.6 km' }],
    outlinesNote: '12 of the 300 clusters near a border in view outlined',
    towns: Array.from({ length: 20 }, (_, i) => ({ x: 50 + (i % 2), y: 350, name: `Town ${i}` })),
    title: 'Map',
    subtitle: 'Geographic layout',
    dateRange: 'Shipments dated 2015-01-01 to 2015-12-31 (all dates)',
    disclaimer: 'Findings are indicators for human review, not accusations.',
    credit: 'Chokepoint test',
    legend: {
      clusters: [],
      moreClusters: 0,
      ties: [],
      flagged: false,
      sizes: 'key node',
      places: true,
      flows: { title: 'Arrow width: kg shipped', samples: [{ width: 6, label: '40,000 kg' }] },
      basemap: 'Base map: Natural Earth (public domain); towns: GeoNames (CC BY 4.0).',
    },
  });

  it('draws the counted marker, place symbols by kind, outlines, provinces, towns and a legend that explains them', () => {
    const scene = pictureScene(input());
    const texts = scene.items.filter((i) => i.t === 'text').map((i) => (i as { text: string }).text);
    expect(texts).toEqual(expect.arrayContaining(['30', 'Cluster 6, near a border, median 1.6 km', 'Arrow width: kg shipped', '40,000 kg', 'border crossing', 'port', 'n entities at one place', 'cluster near a border', 'province or state border', 'Port of Mersin']));
    expect(texts.join(' ')).toMatch(/GeoNames \(CC BY/);
    expect(texts.join(' ')).toMatch(/12 of the 300 clusters/);
    // The port is a blue square; the province border dashed.
    expect(scene.items.some((i) => i.t === 'rect' && i.fill === '#1f5fa8')).toBe(true);
    expect(scene.items.some((i) => i.t === 'path' && i.dash !== undefined)).toBe(true);
    // Twenty towns on one spot: one or a few named, never on top of each other.
    const towns = scene.items.filter((i) => i.t === 'text' && i.italic) as { x: number; y: number; text: string }[];
    expect(towns.length).toBeGreaterThan(0);
    expect(towns.length).toBeLessThan(5);
    const box = (t: { x: number; y: number; text: string }) => [t.x, t.y - 11, t.x + textWidth(t.text, 11), t.y + 1];
    for (let i = 0; i < towns.length; i++)
      for (let j = i + 1; j < towns.length; j++) {
        const [a, b] = [box(towns[i]), box(towns[j])];
        expect(a[0] < b[2] && a[2] > b[0] && a[1] < b[3] && a[3] > b[1]).toBe(false);
      }
    expect(sceneToSvg(scene)).toContain('font-style="italic"');
  });

  it('draws a border that crosses the picture with both ends outside it, cut at the frame', () => {
    const scene = pictureScene({ ...input(), admin1: [], borders: [[[-1000, 200], [2000, 200]]] });
    const lines = scene.items.filter((i) => i.t === 'path') as { points: [number, number][] }[];
    expect(lines).toHaveLength(1);
    expect(lines[0].points.map((p) => p[0])).toEqual([0, 600]);
  });
});
