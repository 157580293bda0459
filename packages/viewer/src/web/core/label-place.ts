/**
 * Where an entity's label starts, in pixels of the picture: to the right of its node, or to its left when it is
 * asked to (`side`, entities at one place on the map) or when it would run past the right edge of the picture and
 * fits on the left. A label wider than both sides stays on the right.
 */
export function labelX(nodeX: number, nodeSize: number, labelWidth: number, pictureWidth: number, side?: string): number {
  const leftX = nodeX - nodeSize - 3 - labelWidth;
  const rightX = nodeX + nodeSize + 3;
  if (side === 'left') return leftX;
  return rightX + labelWidth > pictureWidth - 2 && leftX >= 2 ? leftX : rightX;
}
