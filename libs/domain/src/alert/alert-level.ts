/**
 * Heavy-pollution alert levels (重污染天气预警), mildest first. Blue is used by some regions only.
 * The authority sets the level; the product receives it and never computes it (domain.md §4).
 */
export const ALERT_LEVELS = ['none', 'blue', 'yellow', 'orange', 'red'] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];

/** Orange (II) and red (I): the levels of the heavy-truck and machinery rule. */
export type SevereAlertLevel = 'orange' | 'red';

const levels: ReadonlySet<string> = new Set(ALERT_LEVELS);

export const isAlertLevel = (value: unknown): value is AlertLevel =>
  typeof value === 'string' && levels.has(value);

export const compareAlertLevels = (a: AlertLevel, b: AlertLevel): number =>
  ALERT_LEVELS.indexOf(a) - ALERT_LEVELS.indexOf(b);

/** Any alert in force (blue and above). */
export const isAlert = (level: AlertLevel): boolean => level !== 'none';

export const isSevereAlert = (level: AlertLevel): level is SevereAlertLevel =>
  level === 'orange' || level === 'red';

export const ALERT_LEVEL_LABELS: Readonly<Record<AlertLevel, { zh: string; en: string }>> = {
  none: { zh: '无预警', en: 'no alert' },
  blue: { zh: '蓝色预警', en: 'blue alert' },
  yellow: { zh: '黄色预警', en: 'yellow alert' },
  orange: { zh: '橙色预警', en: 'orange alert' },
  red: { zh: '红色预警', en: 'red alert' },
};
