import { calloutPlace, capOutlines, labelLines, labelWidths, LINE_HEIGHT, outlineLabelPlace, outlinesNote, overlapShare, type CalloutRoom, type OutlineCandidate, type ScreenBox } from '../src/web/core/outlines';
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

describe('the label of an outline set apart (a callout) on a crowded overview', () => {
  const frame = { width: 800, height: 600 };
  const room: CalloutRoom = { area: { left: 0, top: 100, right: 800, bottom: 600 }, covers: [] };
  const disc = (x: number, y: number, r = 10): ScreenBox => [x - r, y - r, x + r, y + r];
  const hits = (a: readonly number[], b: readonly number[]) => a[0] < b[2] && a[2] > b[0] && a[1] < b[3] && a[3] > b[1];
  /** A ball of discs 24 pixels apart, of radius 10, around (400, 350): every place beside an outline inside it covers some. */
  const ball: ScreenBox[] = [];
  for (let x = 250; x <= 550; x += 24) for (let y = 200; y <= 500; y += 24) if (Math.hypot(x - 400, y - 350) <= 150) ball.push(disc(x, y));
  // One disc of the ball's middle row, outlined.
  const middle = ball.find((d) => d[0] + 10 === 394 && d[1] + 10 === 344)!;
  const box: ScreenBox = [middle[0] - 4, middle[1] - 4, middle[2] + 4, middle[3] + 4];

  it('goes just outside the discs of its row, nearest the outline, with a line from the label to the outline', () => {
    const place = outlineLabelPlace(box, 150, frame, [], [], ball, 10, room)!;
    expect(place.leader).toBeDefined();
    // In the outline's own row, left of the leftmost disc of that row (x 250 − 10): the text ends 8 + 2 pixels before it.
    expect(place.box[3] - 4).toBe(Math.round((box[1] + box[3]) / 2 + 4));
    expect(place.box[2]).toBe(ball.filter((d) => d[3] > place.box[1] - 4 && d[1] < place.box[3] + 4).reduce((m, d) => Math.min(m, d[0]), Infinity) - 8);
    // The line runs from the label's right edge to the outline's left edge, level.
    expect(place.leader).toEqual([place.box[2], (place.box[1] + place.box[3]) / 2, box[0], (place.box[1] + place.box[3]) / 2]);
    expect(ball.some((d) => hits(place.box, d))).toBe(false);
    // Without room to set it apart: above at its left, over discs, as before.
    expect(outlineLabelPlace(box, 150, frame, [], [], ball, 10)!.leader).toBeUndefined();
  });

  it('keeps off labels already drawn, the bars above the graph and the covers, and inside the area', () => {
    const first = outlineLabelPlace(box, 150, frame, [], [], ball, 10, room)!;
    // That place taken: the next nearest row or side, a line's height and the gap away from it.
    const second = outlineLabelPlace(box, 150, frame, [first.box], [], ball, 10, room)!;
    expect(second.leader).toBeDefined();
    expect(hits(second.box, [first.box[0], first.box[1] - 10, first.box[2], first.box[3] + 10])).toBe(false);
    // An outline wider than anything in its rows (no disc at all): beside the outline itself, off it.
    const wide: ScreenBox = [300, 300, 500, 400];
    const off = calloutPlace(wide, 100, room, [], [], [], 10)!;
    expect(off.box[2]).toBe(wide[0] - 8);
    expect(hits(off.box, wide)).toBe(false);
    // Both sides of every row covered: none.
    const wall: ScreenBox[] = [[0, 100, 800, 600]];
    expect(calloutPlace(box, 150, room, wall, [], ball, 10)).toBeNull();
    expect(calloutPlace(box, 150, { ...room, covers: wall }, [], [], ball, 10)).toBeNull();
    // An area too narrow for the label beside the ball: above or below it, where its rows are narrower.
    const narrow: CalloutRoom = { area: { left: 150, top: 0, right: 650, bottom: 600 }, covers: [] };
    const p = calloutPlace(box, 150, narrow, [], [], ball, 10)!;
    expect(p.box[0]).toBeGreaterThanOrEqual(152);
    expect(p.box[2]).toBeLessThanOrEqual(648);
    expect(ball.some((d) => hits(p.box, d))).toBe(false);
    expect(Math.abs(p.y - 350)).toBeGreaterThan(60);
  });

  it('goes in two lines where one finds no room beside the discs, or where two lie nearer the outline', () => {
    expect(labelLines('Cluster 106, near a border, median 1.6 km', 2)).toEqual(['Cluster 106,', 'near a border, median 1.6 km']);
    expect(labelLines('Cluster 106, near a border, median 1.6 km')).toEqual(['Cluster 106, near a border, median 1.6 km']);
    expect(labelLines('Company group 4', 2)).toEqual(['Company group 4']);
    // 240 pixels of area left of the ball's middle rows: a line of 280 pixels fits only above or below the ball, two
    // lines of 190 beside its middle, nearer.
    const narrow: CalloutRoom = { area: { left: 0, top: 100, right: 800, bottom: 600 }, covers: [] };
    const one = outlineLabelPlace(box, 280, frame, [], [], ball, 10, narrow)!;
    const two = outlineLabelPlace(box, { one: 280, two: 190 }, frame, [], [], ball, 10, narrow)!;
    expect(one.lines).toBeUndefined();
    expect(two.lines).toBe(2);
    expect(two.box[3] - two.box[1]).toBe(16 + LINE_HEIGHT);
    expect(Math.hypot(two.leader![2] - two.leader![0], two.leader![3] - two.leader![1])).toBeLessThan(Math.hypot(one.leader![2] - one.leader![0], one.leader![3] - one.leader![1]));
    expect(ball.some((d) => hits(two.box, d))).toBe(false);
    // Where one line is as near (a wide frame, room at the outline's row), one line.
    expect(outlineLabelPlace(box, { one: 100, two: 90 }, frame, [], [], ball, 10, narrow)!.lines).toBeUndefined();
  });

  it('where no room is left to set it apart: its short tag beside the outline, off discs where it can', () => {
    expect(labelLines('Cluster 106, near a border, median 1.6 km', 1, true)).toEqual(['Cluster 106']);
    expect(labelWidths('Cluster 106, near a border', (t) => t.length)).toEqual({ one: 26, two: 13, short: 11 });
    const full: CalloutRoom = { ...room, covers: [[0, 0, 800, 600]] };
    const widths = { one: 280, two: 190, short: 80 };
    // Discs all around: the tag above at its left, over them (as short as a label can be).
    const tag = outlineLabelPlace(box, widths, frame, [], [], ball, 10, full)!;
    expect(tag).toMatchObject({ short: true, x: box[0], y: box[1] - 4 });
    expect(tag.box[2] - tag.box[0]).toBe(84);
    // That place taken by a label: the next place clear of labels (below at its left).
    expect(outlineLabelPlace(box, widths, frame, [tag.box], [], ball, 10, full)).toMatchObject({ short: true, x: box[0], y: box[3] + 14 });
    // A free place for the tag only (a gap of 90 pixels to the outline's right, above): there, off the discs.
    const gapped = ball.filter((d) => !(d[1] < box[1] && d[3] > box[1] - 20 && d[2] > box[2] - 84 && d[0] < box[2] + 2));
    const free = outlineLabelPlace(box, widths, frame, [], [], gapped, 10, full)!;
    expect(free.short).toBe(true);
    expect(gapped.some((d) => hits(free.box, d) && !(d[0] >= box[0] && d[2] <= box[2] && d[1] >= box[1] && d[3] <= box[3]))).toBe(false);
    // The four places taken by labels: level with the outline's middle, at its left.
    const taken: ScreenBox[] = [[box[0] - 10, box[1] - 24, box[2] + 10, box[1] - 12], [box[0] - 10, box[3] + 12, box[2] + 10, box[3] + 24]];
    expect(outlineLabelPlace(box, widths, frame, taken, [], ball, 10, full)).toMatchObject({ short: true, x: box[0] - 86, y: Math.round((box[1] + box[3]) / 2 + 4) });
    // Labels a few pixels above and below every place: the tag where it only touches them (not over them).
    const close: ScreenBox[] = [[box[0] - 120, box[1] - 26, box[2] + 120, box[1] - 16], [box[0] - 120, box[3] + 18, box[2] + 120, box[3] + 28], [box[0] - 120, box[1] + 2, box[0] - 2, box[1] + 10], [box[2] + 2, box[1] + 2, box[2] + 120, box[1] + 10]];
    const touching = outlineLabelPlace(box, widths, frame, close, [], ball, 10, full)!;
    expect(touching).toMatchObject({ short: true, x: box[0], y: box[1] - 4 });
    expect(close.some((t) => hits(touching.box, t))).toBe(false);
    // Without a short tag: the whole label above at its left, over discs, as before.
    expect(outlineLabelPlace(box, { one: 280 }, frame, [], [], ball, 10, full)).toMatchObject({ x: box[0], y: box[1] - 4 });
    expect(outlineLabelPlace(box, { one: 280 }, frame, [], [], ball, 10, full)!.short).toBeUndefined();
  });

  it('on random crowds: never over a disc, a label, a cover or outside its area, and its line ends on the outline', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    let placed = 0;
    for (let run = 0; run < 200; run++) {
      const discs = Array.from({ length: 20 + Math.floor(random() * 300) }, () => disc(100 + random() * 600, 120 + random() * 460, 3 + random() * 12));
      const labels = Array.from({ length: Math.floor(random() * 8) }, (): ScreenBox => {
        const x = random() * 700;
        const y = 100 + random() * 480;
        return [x, y, x + 60 + random() * 100, y + 16];
      });
      const covers: ScreenBox[] = random() < 0.5 ? [] : [[600, 480, 800, 600]];
      const area = { left: random() * 50, top: 80 + random() * 60, right: 750 + random() * 50, bottom: 560 + random() * 40 };
      const d = discs[Math.floor(random() * discs.length)];
      const outline: ScreenBox = [d[0] - 3, d[1] - 3, d[2] + 3, d[3] + 3];
      const width = 40 + random() * 200;
      const lines = random() < 0.5 ? 1 : 2;
      const p = calloutPlace(outline, width, { area, covers }, labels, [], discs, 10, lines);
      if (p === null) continue;
      placed++;
      expect(p.box[2] - p.box[0]).toBeCloseTo(width + 4, 9);
      expect(p.box[3] - p.box[1]).toBe(16 + (lines - 1) * LINE_HEIGHT);
      expect(p.box[0]).toBeGreaterThanOrEqual(area.left + 2);
      expect(p.box[2]).toBeLessThanOrEqual(area.right - 2);
      expect(p.box[1]).toBeGreaterThanOrEqual(area.top + 2);
      expect(p.box[3]).toBeLessThanOrEqual(area.bottom);
      expect(discs.some((x) => hits(p.box, x))).toBe(false);
      expect(hits(p.box, outline)).toBe(false);
      expect(labels.some((t) => hits([p.box[0], p.box[1] - 10, p.box[2], p.box[3] + 10], t))).toBe(false);
      expect(covers.some((t) => hits(p.box, t))).toBe(false);
      const [, , bx, by] = p.leader!;
      expect(bx).toBeGreaterThanOrEqual(outline[0]);
      expect(bx).toBeLessThanOrEqual(outline[2]);
      expect(by).toBeGreaterThanOrEqual(outline[1]);
      expect(by).toBeLessThanOrEqual(outline[3]);
    }
    expect(placed).toBeGreaterThan(150);
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
