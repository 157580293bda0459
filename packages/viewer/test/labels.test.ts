import { labelX } from '../src/web/core/label-place';

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
