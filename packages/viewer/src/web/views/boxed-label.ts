import { BOXED_EXTRA, BOXED_PADDING, boxedLabelSide, type LabelArea, type PixelBox } from '../core/label-place';

type HoverData = { label?: string | null; x: number; y: number; size: number; color?: string; [key: string]: unknown };
type HoverSettings = { labelSize: number; labelFont: string; labelWeight: string; labelColor: { attribute?: string; color?: string } };

/**
 * Sigma's boxed label of a hovered or highlighted node (its `drawDiscNodeHover`: a white box with a shadow, round
 * around the node, and the label in it), drawn on the side `boxedLabelSide` chooses: to the left of a node near the
 * right edge of the visible area, whose label sigma would draw under the side panel, or whose label would cover
 * another node drawn. `area()`: the visible area of this frame, or null (the whole canvas: the right side, as sigma
 * draws it); `nodes()`: the boxes of the nodes drawn in this frame.
 */
export function boxedLabelDrawer(area: () => LabelArea | null, nodes: () => readonly PixelBox[] = () => []) {
  return (context: CanvasRenderingContext2D, data: HoverData, settings: HoverSettings): void => {
    const size = settings.labelSize;
    context.font = `${settings.labelWeight} ${size}px ${settings.labelFont}`;
    context.fillStyle = '#FFF';
    context.shadowOffsetX = 0;
    context.shadowOffsetY = 0;
    context.shadowBlur = 8;
    context.shadowColor = '#000';
    const label = typeof data.label === 'string' ? data.label : null;
    let left = false;
    let textWidth = 0;
    if (label !== null) {
      textWidth = context.measureText(label).width;
      const boxWidth = Math.round(textWidth + BOXED_EXTRA);
      const boxHeight = Math.round(size + 2 * BOXED_PADDING);
      const radius = Math.max(data.size, size / 2) + BOXED_PADDING;
      const visible = area();
      left = visible !== null && boxedLabelSide(data.x, data.y, radius, textWidth, size, visible, nodes()) === 'left';
      const angle = Math.asin(boxHeight / 2 / radius);
      const dx = Math.sqrt(Math.abs(radius ** 2 - (boxHeight / 2) ** 2));
      const dir = left ? -1 : 1;
      context.beginPath();
      context.moveTo(data.x + dir * dx, data.y + boxHeight / 2);
      context.lineTo(data.x + dir * (radius + boxWidth), data.y + boxHeight / 2);
      context.lineTo(data.x + dir * (radius + boxWidth), data.y - boxHeight / 2);
      context.lineTo(data.x + dir * dx, data.y - boxHeight / 2);
      // Round around the node, on the side away from the box.
      if (left) context.arc(data.x, data.y, radius, Math.PI + angle, Math.PI - angle);
      else context.arc(data.x, data.y, radius, angle, -angle);
      context.closePath();
      context.fill();
    } else {
      context.beginPath();
      context.arc(data.x, data.y, data.size + BOXED_PADDING, 0, Math.PI * 2);
      context.closePath();
      context.fill();
    }
    context.shadowBlur = 0;
    if (label === null || label === '') return;
    const color = settings.labelColor.attribute ? (data[settings.labelColor.attribute] as string | undefined) || settings.labelColor.color || '#000' : settings.labelColor.color;
    context.fillStyle = color ?? '#000';
    context.fillText(label, left ? data.x - data.size - 3 - textWidth : data.x + data.size + 3, data.y + size / 3);
  };
}
