import { type Point, type Quad } from './perspective-warp';

/**
 * Grows a quad about its centre by `fraction` of its width (horizontally) and height (vertically).
 * Detector corners often clip the first and last characters; a little margin helps the recogniser.
 */
export function padQuad(quad: Quad, horizontal: number, vertical: number): Quad {
  const [tl, tr, br, bl] = quad;
  const along = (from: Point, to: Point, t: number): Point => ({
    x: from.x + (to.x - from.x) * t,
    y: from.y + (to.y - from.y) * t,
  });
  // Extend the top and bottom edges sideways, then the left and right edges up and down.
  const tl1 = along(tr, tl, 1 + horizontal);
  const tr1 = along(tl, tr, 1 + horizontal);
  const bl1 = along(br, bl, 1 + horizontal);
  const br1 = along(bl, br, 1 + horizontal);
  return [
    along(bl1, tl1, 1 + vertical),
    along(br1, tr1, 1 + vertical),
    along(tr1, br1, 1 + vertical),
    along(tl1, bl1, 1 + vertical),
  ];
}

/** Plate width in source pixels: the mean of its top and bottom edges. */
export function quadWidth(quad: Quad): number {
  const [tl, tr, br, bl] = quad;
  return (Math.hypot(tr.x - tl.x, tr.y - tl.y) + Math.hypot(br.x - bl.x, br.y - bl.y)) / 2;
}
