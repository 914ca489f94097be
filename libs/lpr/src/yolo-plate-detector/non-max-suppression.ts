import { type Box } from '../engine/plate-engine.interface';

export function iou(a: Box, b: Box): number {
  const x1 = Math.max(a.x, b.x);
  const y1 = Math.max(a.y, b.y);
  const x2 = Math.min(a.x + a.width, b.x + b.width);
  const y2 = Math.min(a.y + a.height, b.y + b.height);
  const inter = Math.max(0, x2 - x1) * Math.max(0, y2 - y1);
  const union = a.width * a.height + b.width * b.height - inter;
  return union > 0 ? inter / union : 0;
}

/** Greedy class-agnostic NMS: keeps the best-scoring item of every cluster overlapping above `threshold`. */
export function nonMaxSuppression<T extends { box: Box; score: number }>(
  items: readonly T[],
  threshold: number,
): T[] {
  const sorted = [...items].sort((a, b) => b.score - a.score);
  const kept: T[] = [];
  for (const item of sorted) if (kept.every((k) => iou(k.box, item.box) <= threshold)) kept.push(item);
  return kept;
}
