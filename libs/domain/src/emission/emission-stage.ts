/**
 * Emission stages (排放阶段), lowest first. `VI` is 国VI with the sub-stage not known; `none` is
 * machinery without any stage (NRMM export code `X`), ranked below 国0.
 */
export const EMISSION_STAGES = [
  'none',
  '0',
  'I',
  'II',
  'III',
  'IV',
  'V',
  'VI',
  'VIa',
  'VIb',
  'electric',
] as const;

export type EmissionStage = (typeof EMISSION_STAGES)[number];

const stages: ReadonlySet<string> = new Set(EMISSION_STAGES);

export const isEmissionStage = (value: unknown): value is EmissionStage =>
  typeof value === 'string' && stages.has(value);

export const EMISSION_STAGE_LABELS: Readonly<Record<EmissionStage, { zh: string; en: string }>> = {
  none: { zh: '无排放阶段', en: 'no emission stage' },
  '0': { zh: '国0', en: 'China 0' },
  I: { zh: '国一', en: 'China I' },
  II: { zh: '国二', en: 'China II' },
  III: { zh: '国三', en: 'China III' },
  IV: { zh: '国四', en: 'China IV' },
  V: { zh: '国五', en: 'China V' },
  VI: { zh: '国六', en: 'China VI' },
  VIa: { zh: '国六a', en: 'China VIa' },
  VIb: { zh: '国六b', en: 'China VIb' },
  electric: { zh: '电动', en: 'electric' },
};
