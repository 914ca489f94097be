import { zonedInstant } from '../shared/zoned-picker';

export { fromPicker, pickerValue } from '../shared/zoned-picker';

/** A playback window as the URL and the API carry it: ISO instants with their offset (+08:00). */
export interface TimeWindow {
  readonly from: string;
  readonly to: string;
}

export type WindowProblem = 'incomplete' | 'invalid' | 'order';

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** An instant as the URL keeps it: Shanghai wall-clock with its offset, to the second. */
export const urlInstant = zonedInstant;

/**
 * The window named by the URL's `from` and `to`, or why there is none: a missing end, a value
 * that is not an ISO instant with an offset (what the archive accepts), or `to` not after `from`.
 * The archive's own limit on the length is left to it (its reason is shown).
 */
export function parseWindow(params: {
  readonly from?: string;
  readonly to?: string;
}): { readonly window: TimeWindow } | { readonly problem: WindowProblem } {
  const { from, to } = params;
  if (!from || !to) return { problem: 'incomplete' };
  if (!ISO_WITH_OFFSET.test(from) || !ISO_WITH_OFFSET.test(to)) return { problem: 'invalid' };
  const start = Date.parse(from);
  const end = Date.parse(to);
  if (Number.isNaN(start) || Number.isNaN(end)) return { problem: 'invalid' };
  if (end <= start) return { problem: 'order' };
  return { window: { from, to } };
}

/** The last `minutes` up to `now`. */
export const lastMinutes = (now: Date, minutes: number): TimeWindow => ({
  from: urlInstant(now.getTime() - minutes * 60_000),
  to: urlInstant(now),
});

/** The window of the same length just before (-1) or after (+1) this one. */
export function shiftWindow(window: TimeWindow, direction: -1 | 1): TimeWindow {
  const start = Date.parse(window.from);
  const length = Date.parse(window.to) - start;
  return { from: urlInstant(start + direction * length), to: urlInstant(start + (direction + 1) * length) };
}

/** The hour of video up to a camera's newest segment (the retention report's “play the latest”). */
export const hourBefore = (end: string): TimeWindow => ({
  from: urlInstant(Date.parse(end) - 3_600_000),
  to: urlInstant(end),
});
