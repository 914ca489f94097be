import { type EmissionStage } from './emission-stage';

/**
 * Ranks for comparison. 国VI without a sub-stage ranks as VIa (the lower it may be); electric
 * ranks above every combustion stage because it has no tailpipe.
 */
const RANK: Readonly<Record<EmissionStage, number>> = {
  none: 0,
  '0': 1,
  I: 2,
  II: 3,
  III: 4,
  IV: 5,
  V: 6,
  VI: 7,
  VIa: 7,
  VIb: 8,
  electric: 9,
};

/** The highest stage a claim may stand for: 国VI with the sub-stage unknown may be VIb. */
const UPPER: Partial<Readonly<Record<EmissionStage, EmissionStage>>> = { VI: 'VIb' };

/** Negative when `a` is lower than `b`, zero when they rank equal (`VI` and `VIa`), positive otherwise. */
export const compareStages = (a: EmissionStage, b: EmissionStage): number => RANK[a] - RANK[b];

/** Whether `stage` certainly meets `minimum` (an unknown 国VI sub-stage counts as VIa). */
export const isAtLeast = (stage: EmissionStage, minimum: EmissionStage): boolean =>
  RANK[stage] >= RANK[minimum];

/** Whether `stage` may meet `minimum` once its sub-stage is known. */
export const mayBeAtLeast = (stage: EmissionStage, minimum: EmissionStage): boolean =>
  isAtLeast(UPPER[stage] ?? stage, minimum);

export const isAtMost = (stage: EmissionStage, maximum: EmissionStage): boolean =>
  RANK[stage] <= RANK[maximum];

/** The lower of two stages; the first one on a tie (so `VI` stays `VI` against `VIa`). */
export const lowerStage = (a: EmissionStage, b: EmissionStage): EmissionStage => (RANK[b] < RANK[a] ? b : a);

/** The higher of two stages; the first one on a tie. */
export const higherStage = (a: EmissionStage, b: EmissionStage): EmissionStage => (RANK[b] > RANK[a] ? b : a);

/** The upper end of what a stage may stand for (`VI` → `VIb`, others themselves). */
export const upperBoundOf = (stage: EmissionStage): EmissionStage => UPPER[stage] ?? stage;
