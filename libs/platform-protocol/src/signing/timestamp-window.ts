/** How far a request's timestamp may be from the receiver's clock, either way. */
export const DEFAULT_TIMESTAMP_WINDOW_MS = 300_000;

/** Signed skew (timestamp minus now) when it is outside the window; `undefined` when acceptable. */
export function timestampSkewOutsideWindow(
  timestamp: string,
  nowMs: number,
  windowMs = DEFAULT_TIMESTAMP_WINDOW_MS,
): number | undefined {
  const skew = Number(timestamp) - nowMs;
  return Math.abs(skew) <= windowMs ? undefined : skew;
}
