import { boxedLabelSide, cameraInArea, coversOtherNode, noteBox, labelFits, labelPlaces, labelX, overlaps, visibleArea, waitingPlace, type LabelArea, type LabelPlace, type PixelBox } from '../src/web/core/label-place';

/** A picture `width` pixels wide and 300 high, seen whole. */
const picture = (width: number): LabelArea => ({ left: 0, top: 0, right: width, bottom: 300 });

describe('where an entity label is drawn', () => {
  it('runs to the right of its node, and to its left where it would run past the right edge of the picture', () => {
    expect(labelX(100, 5, 91, picture(600))).toBe(108);
    // 189 px from 568 would end at 757 of 600: drawn from 560 - 5 - 3 - 189 = 363.
    expect(labelX(560, 5, 189, picture(600))).toBe(363);
    // Just fitting on the right (ends 2 px before the edge) stays there.
    expect(labelX(400, 5, 190, picture(600))).toBe(408);
    expect(labelX(400, 5, 191, picture(600))).toBe(201);
  });

  it("puts a boxed label (a selected entity's) on the left where its box would run past the right edge, or cover another node, and the left has room", () => {
    // The box: the text and 5 px, from the node's round end (radius 8): 8 + 95 = 103 px from the node's centre.
    const side = (x: number, width: number, area: LabelArea, nodes: PixelBox[] = []) => boxedLabelSide(x, 100, 8, width, 14, area, nodes);
    expect(side(400, 90, picture(600))).toBe('right');
    expect(side(495, 90, picture(600))).toBe('right'); // ends at 598: 2 px inside
    expect(side(496, 90, picture(600))).toBe('left');
    // Past the edge on the right, but no room on the left either: on the right, as sigma draws it.
    expect(side(100, 200, picture(250))).toBe('right');
    // The visible area, not the picture: a panel over the right of the canvas.
    expect(side(400, 90, { left: 0, top: 0, right: 450, bottom: 300 })).toBe('left');
    // Another node drawn under the box on the right (its own node does not count): the left, where none is.
    const own: PixelBox = [392, 92, 408, 108];
    const beside: PixelBox = [440, 95, 450, 105];
    expect(side(400, 90, picture(600), [own])).toBe('right');
    expect(side(400, 90, picture(600), [own, beside])).toBe('left');
    // A node under either side: the right, where it fits; a node just above or below the box covers nothing.
    expect(side(400, 90, picture(600), [beside, [340, 95, 350, 105]])).toBe('right');
    expect(side(400, 90, picture(600), [[440, 112, 450, 122]])).toBe('right');
  });

  it('stays on the right when the left has no room either (a label wider than the picture), and on the left when asked', () => {
    expect(labelX(60, 5, 189, picture(120))).toBe(68);
    expect(labelX(300, 5, 50, picture(600), 'left')).toBe(242);
  });

  it('takes the edge of the visible area, not of the canvas, for the edge', () => {
    // The canvas is 600 wide but a panel covers it from 450 on: a label from 408 to 498 goes to the left.
    expect(labelX(400, 5, 90, { left: 0, top: 0, right: 450, bottom: 300 })).toBe(302);
    // And a label whose left would start under a panel on the left stays on the right.
    expect(labelX(140, 5, 90, { left: 100, top: 0, right: 600, bottom: 300 })).toBe(148);
  });
});

describe('the places a label may take', () => {
  it('beside the node first, then the other side when it fits, then below and above, inside the picture', () => {
    // The left side would start at 1 px, outside the picture: not a place. Below and above: centred, then pushed
    // right (starting at the node's left edge) and left (ending at its right edge).
    expect(labelPlaces(100, 50, 5, 91, 14, picture(600)).slice(0, 7)).toEqual([
      { x: 108, y: 50 },
      { x: 54.5, y: 64 },
      { x: 54.5, y: 36 },
      { x: 95, y: 64 },
      { x: 14, y: 64 },
      { x: 95, y: 36 },
      { x: 14, y: 36 },
    ]);
    // Then a line further below and above (30 px from the node's centre: its size, a line, and gaps).
    expect(labelPlaces(100, 50, 5, 91, 14, picture(600)).slice(7)).toEqual([
      { x: 54.5, y: 80 },
      { x: 95, y: 80 },
      { x: 14, y: 80 },
      { x: 54.5, y: 20 },
      { x: 95, y: 20 },
      { x: 14, y: 20 },
    ]);
    expect(labelPlaces(200, 50, 5, 91, 14, picture(600))[1]).toEqual({ x: 101, y: 50 });
    // Near the right edge: left first; the right does not fit; below and above kept inside the picture.
    // (pushed right, it would start where centred does: the edge stops it; one place each)
    expect(labelPlaces(560, 150, 5, 189, 14, picture(600)).slice(0, 5)).toEqual([
      { x: 363, y: 150 },
      { x: 409, y: 164 },
      { x: 409, y: 136 },
      { x: 376, y: 164 },
      { x: 376, y: 136 },
    ]);
  });

  it('leaves out below and above where they would run past the top or the bottom of the area', () => {
    expect(labelPlaces(200, 10, 5, 91, 14, picture(600)).slice(0, 5)).toEqual([
      { x: 208, y: 10 },
      { x: 101, y: 10 },
      { x: 154.5, y: 24 },
      { x: 195, y: 24 },
      { x: 114, y: 24 },
    ]);
    expect(labelPlaces(200, 290, 5, 91, 14, picture(600)).map((p) => p.y)).toEqual([290, 290, 276, 276, 276, 260, 260, 260]);
    expect(labelPlaces(200, 10, 5, 91, 14, picture(600)).slice(5).map((p) => p.y)).toEqual([40, 40, 40]);
  });

  it('gives a label with a side (entities at one place on the map) that side only, where it fits', () => {
    expect(labelPlaces(300, 50, 5, 50, 14, picture(600), 'left')).toEqual([{ x: 242, y: 50 }]);
    expect(labelPlaces(300, 50, 5, 50, 14, picture(600), 'right')).toEqual([{ x: 308, y: 50 }]);
  });

  it('moves a ring label that would run past the edge of the visible area (under the side panel) to the other side, below or above', () => {
    // A firm in Dubai on the right of its ring, 20 px from where the side panel starts: its 200 px label cannot stay on its side.
    const area: LabelArea = { left: 0, top: 0, right: 640, bottom: 850 };
    const places = labelPlaces(620, 400, 5, 200, 14, area, 'right');
    expect(places[0]).toEqual({ x: 628, y: 400 });
    expect(labelFits(places[0], 200, 14, area)).toBe(false);
    expect(places.slice(1, 6)).toEqual([
      { x: 412, y: 400 },
      { x: 438, y: 414 },
      { x: 438, y: 386 },
      { x: 425, y: 414 },
      { x: 425, y: 386 },
    ]);
    for (const p of places.slice(1)) expect(labelFits(p, 200, 14, area)).toBe(true);
    // The same on the left edge for a left-hand ring label.
    expect(labelPlaces(30, 400, 5, 200, 14, area, 'left').slice(1, 6)).toEqual([
      { x: 38, y: 400 },
      { x: 2, y: 414 },
      { x: 2, y: 386 },
      { x: 25, y: 414 },
      { x: 25, y: 386 },
    ]);
  });

  it('finds a place for a label near the edge whose places beside, below and above other labels cover (hand-written bundle, 5 Dec)', () => {
    // "Ahmed al-Hassan" (122.7 px) at 550.8, 491.6 in a 640 px canvas: the right runs past the edge; the left, below
    // (centred or pushed either way) and above cover "Cep Dünyası İletişim" (375 to 520, 491 to 507) or the
    // cluster's title (347 to 620, 462 to 478). A line further below is free.
    const area: LabelArea = { left: 0, top: 65.6, right: 640, bottom: 854 };
    const w = 122.705078125;
    const taken: PixelBox[] = [[374.8, 490.7, 520.4, 506.7], [346.9, 461.6, 620.2, 477.6], [513.7, 623, 624.1, 639]];
    const boxOf = (p: LabelPlace): PixelBox => [p.x - 1, p.y - 8, p.x + w + 1, p.y + 8];
    const places = labelPlaces(550.8, 491.6, 6.87, w, 14, area);
    const covered = (p: LabelPlace) => taken.some((t) => overlaps(boxOf(p), t));
    expect(places.slice(0, 7).every(covered)).toBe(true);
    const place = waitingPlace(places, false, covered, () => false);
    expect(place!.y).toBeCloseTo(491.6 + 6.87 + 7 + 2 + 16, 6);
    // Still under its node.
    expect(place!.x <= 550.8 && place!.x + w >= 550.8).toBe(true);
  });
});

describe('the visible area of the graph', () => {
  it('is the whole canvas when nothing covers a side of it', () => {
    expect(visibleArea(800, 600)).toEqual({ left: 0, top: 0, right: 800, bottom: 600 });
    // A legend in a corner, or a panel beside the canvas (not over it), leaves it whole.
    expect(visibleArea(800, 600, [[8, 400, 360, 592], [800, 0, 1240, 600]])).toEqual({ left: 0, top: 0, right: 800, bottom: 600 });
  });

  it('leaves out a side panel that overlaps the canvas, and a bar over its whole width', () => {
    expect(visibleArea(1000, 600, [[640, 0, 1080, 600]])).toEqual({ left: 0, top: 0, right: 640, bottom: 600 });
    expect(visibleArea(1000, 600, [[-100, 0, 200, 600]])).toEqual({ left: 200, top: 0, right: 1000, bottom: 600 });
    expect(visibleArea(1000, 600, [[6, 6, 994, 66], [640, 0, 1080, 600]])).toEqual({ left: 0, top: 66, right: 640, bottom: 600 });
  });

  it('ignores a cover that would leave less than a quarter of the canvas', () => {
    expect(visibleArea(1000, 600, [[200, 0, 1000, 600]])).toEqual({ left: 0, top: 0, right: 1000, bottom: 600 });
  });
});

describe('framing in the visible area', () => {
  it('zooms out by the narrower proportion and moves the middle of the canvas to the middle of the area', () => {
    expect(cameraInArea(0.5, 1000, 600, { left: 0, top: 0, right: 1000, bottom: 600 })).toEqual({ ratio: 0.5, dx: 0, dy: 0 });
    // A panel over the right 360 px: 1000 / 640 more room needed, the middle 180 px to the left.
    expect(cameraInArea(0.5, 1000, 600, { left: 0, top: 0, right: 640, bottom: 600 })).toEqual({ ratio: 0.78125, dx: -180, dy: 0 });
    expect(cameraInArea(1, 1000, 600, { left: 0, top: 60, right: 1000, bottom: 600 })).toEqual({ ratio: 600 / 540, dx: 0, dy: 30 });
  });
});

describe('labels and the nodes around them', () => {
  /** The box of a node of size 5 at (x, y), as the view gives it (one pixel more all round). */
  const disc = (x: number, y: number): PixelBox => [x - 6, y - 6, x + 6, y + 6];
  /** The box of a label 50 px wide and 14 high whose text starts at p (as MapLabels boxes it). */
  const box = (p: LabelPlace): PixelBox => [p.x - 1, p.y - 8, p.x + 51, p.y + 8];
  const alpha = { x: 100, y: 100 };
  const places = labelPlaces(alpha.x, alpha.y, 5, 50, 14, picture(600));

  it('tell a label over another node from one beside its own', () => {
    expect(places[0]).toEqual({ x: 108, y: 100 });
    expect(coversOtherNode(box(places[0]), [disc(100, 100)], alpha)).toBe(false);
    expect(coversOtherNode(box(places[0]), [disc(100, 100), disc(130, 104)], alpha)).toBe(true);
    expect(overlaps([0, 0, 10, 10], [10, 0, 20, 10])).toBe(false);
  });

  it('a label that waited takes the first place clear of labels and nodes: the other side, here', () => {
    const nodes = [disc(100, 100), disc(130, 104)];
    const place = waitingPlace(places, true, () => false, (p) => coversOtherNode(box(p), nodes, alpha));
    expect(place).toEqual({ x: 42, y: 100 });
  });

  it('where every place covers a node, the first that covers no label: never left out for a node', () => {
    const nodes = [disc(100, 100), disc(130, 100), disc(70, 100), disc(100, 119), disc(100, 81)];
    expect(places.every((p) => coversOtherNode(box(p), nodes, alpha))).toBe(true);
    expect(waitingPlace(places, true, () => false, (p) => coversOtherNode(box(p), nodes, alpha))).toEqual(places[0]);
    // Its first place outside the area (it waited for that): the next.
    expect(waitingPlace(places, false, () => false, (p) => coversOtherNode(box(p), nodes, alpha))).toEqual(places[1]);
  });

  it('keeps clear of labels first: not moved onto one to clear a node, and none when every place covers a label', () => {
    const nodes = [disc(100, 100), disc(130, 104)];
    const cy: PixelBox = [27, 92, 49, 108];
    const place = waitingPlace(places, true, (p) => overlaps(box(p), cy), (p) => coversOtherNode(box(p), nodes, alpha));
    // Not on the right (over a node), nor the left (over Cy's label), nor below (over the node at 130): above it.
    expect(place).toEqual({ x: 75, y: 100 - (5 + 7 + 2) });
    expect(waitingPlace(places, true, () => true, () => false)).toBeUndefined();
  });
});

describe('the note under the outlines', () => {
  const area = { left: 0, top: 0, right: 730, bottom: 700 };
  it('sits at the bottom right of the visible area', () => {
    expect(noteBox(420, 18, area)).toEqual([306, 677, 726, 695]);
  });
  it('goes above the map legend where that reaches under it, and stays put where it does not', () => {
    // The legend and "zoom to" list of the map: bottom left, 310 pixels wide, 150 high.
    const legend = [8, 540, 318, 692] as const;
    const [l, t, r, b] = noteBox(420, 18, area, [legend]);
    expect([l, r]).toEqual([306, 726]);
    expect(b).toBeLessThanOrEqual(legend[1]);
    expect(b - t).toBe(18);
    expect(noteBox(300, 18, area, [legend])).toEqual([426, 677, 726, 695]);
    // Two covers one above the other: above both.
    expect(noteBox(420, 18, area, [legend, [200, 500, 400, 545]])[3]).toBeLessThanOrEqual(500);
  });
});
