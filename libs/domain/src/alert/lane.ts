/**
 * How a lane treats the admission verdict. `auto`: the barrier follows the verdict; `always-open`:
 * the barrier stays up (failure, emergency); `closed`: nobody passes; `record-only`: a gate without
 * barrier, allowed below 10 cargo vehicles a day with the bureau's approval (domain.md §1).
 */
export const LANE_MODES = ['auto', 'always-open', 'closed', 'record-only'] as const;
export type LaneMode = (typeof LANE_MODES)[number];

export interface Lane {
  readonly id: string;
  readonly mode: LaneMode;
}

export const LANE_MODE_LABELS: Readonly<Record<LaneMode, { zh: string; en: string }>> = {
  auto: { zh: '自动', en: 'automatic' },
  'always-open': { zh: '常开车道', en: 'always-open lane' },
  closed: { zh: '车道关闭', en: 'lane closed' },
  'record-only': { zh: '仅记录车道', en: 'record-only lane' },
};
