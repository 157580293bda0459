/**
 * Where an entity's label starts, in pixels of the picture: to the right of its node, or to its left when it is
 * asked to (`side`, entities at one place on the map: left or right as given) or when it would run past the right edge of the picture and
 * fits on the left. A label wider than both sides stays on the right.
 */
export function labelX(nodeX: number, nodeSize: number, labelWidth: number, pictureWidth: number, side?: string): number {
  const leftX = nodeX - nodeSize - 3 - labelWidth;
  const rightX = nodeX + nodeSize + 3;
  if (side === 'left') return leftX;
  if (side === 'right') return rightX;
  return rightX + labelWidth > pictureWidth - 2 && leftX >= 2 ? leftX : rightX;
}

/** A place for a label: where its text starts (x) and the middle of its line (y), in pixels of the picture. */
export interface LabelPlace {
  x: number;
  y: number;
}

/**
 * The places a label may take, best first: beside its node (labelX); then, for a label not given a side, the other
 * side when it fits in the picture, and below and above the node, centred on it and kept inside the picture. The
 * label is drawn at the first place where it covers no other label.
 */
export function labelPlaces(nodeX: number, nodeY: number, nodeSize: number, labelWidth: number, labelSize: number, pictureWidth: number, side?: string): LabelPlace[] {
  const first = labelX(nodeX, nodeSize, labelWidth, pictureWidth, side);
  const places: LabelPlace[] = [{ x: first, y: nodeY }];
  if (side !== undefined) return places;
  const rightX = nodeX + nodeSize + 3;
  const leftX = nodeX - nodeSize - 3 - labelWidth;
  const other = first === rightX ? leftX : rightX;
  if (other >= 2 && other + labelWidth <= pictureWidth - 2) places.push({ x: other, y: nodeY });
  const centred = Math.max(2, Math.min(pictureWidth - 2 - labelWidth, nodeX - labelWidth / 2));
  const gap = nodeSize + labelSize / 2 + 2;
  places.push({ x: centred, y: nodeY + gap }, { x: centred, y: nodeY - gap });
  return places;
}
