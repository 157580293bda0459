import { labelPlaces, labelX } from '../src/web/core/label-place';

describe('where an entity label is drawn', () => {
  it('runs to the right of its node, and to its left where it would run past the right edge of the picture', () => {
    expect(labelX(100, 5, 91, 600)).toBe(108);
    // 189 px from 568 would end at 757 of 600: drawn from 560 - 5 - 3 - 189 = 363.
    expect(labelX(560, 5, 189, 600)).toBe(363);
    // Just fitting on the right (ends 2 px before the edge) stays there.
    expect(labelX(400, 5, 190, 600)).toBe(408);
    expect(labelX(400, 5, 191, 600)).toBe(201);
  });

  it('stays on the right when the left has no room either (a label wider than the picture), and on the left when asked', () => {
    expect(labelX(60, 5, 189, 120)).toBe(68);
    expect(labelX(300, 5, 50, 600, 'left')).toBe(242);
  });
});

describe('the places a label may take', () => {
  it('beside the node first, then the other side when it fits, then below and above, inside the picture', () => {
    // The left side would start at 1 px, outside the picture: not a place.
    expect(labelPlaces(100, 50, 5, 91, 14, 600)).toEqual([
      { x: 108, y: 50 },
      { x: 54.5, y: 64 },
      { x: 54.5, y: 36 },
    ]);
    expect(labelPlaces(200, 50, 5, 91, 14, 600)[1]).toEqual({ x: 101, y: 50 });
    // Near the right edge: left first; the right does not fit; below and above kept inside the picture.
    expect(labelPlaces(560, 150, 5, 189, 14, 600)).toEqual([
      { x: 363, y: 150 },
      { x: 409, y: 164 },
      { x: 409, y: 136 },
    ]);
  });

  it('gives a label with a side (entities at one place on the map) that side only', () => {
    expect(labelPlaces(300, 50, 5, 50, 14, 600, 'left')).toEqual([{ x: 242, y: 50 }]);
    expect(labelPlaces(300, 50, 5, 50, 14, 600, 'right')).toEqual([{ x: 308, y: 50 }]);
    // A ring's right-hand label stays on the right even at the edge of the picture.
    expect(labelX(580, 5, 50, 600, 'right')).toBe(588);
  });
});
