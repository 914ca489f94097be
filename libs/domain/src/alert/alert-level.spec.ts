import {
  ALERT_LEVEL_LABELS,
  ALERT_LEVELS,
  compareAlertLevels,
  isAlert,
  isAlertLevel,
  isSevereAlert,
  type AlertLevel,
} from './alert-level';

describe('alert levels (domain.md §4)', () => {
  it.each<[AlertLevel, boolean, boolean]>([
    ['none', false, false],
    ['blue', true, false],
    ['yellow', true, false],
    ['orange', true, true],
    ['red', true, true],
  ])('%s: alert %s, severe %s', (level, alert, severe) => {
    expect(isAlert(level)).toBe(alert);
    expect(isSevereAlert(level)).toBe(severe);
  });

  it('orders the levels mildest first', () => {
    expect(compareAlertLevels('red', 'orange')).toBeGreaterThan(0);
    expect(compareAlertLevels('blue', 'yellow')).toBeLessThan(0);
    expect(compareAlertLevels('none', 'none')).toBe(0);
  });

  it.each<[unknown, boolean]>([
    ['orange', true],
    ['II', false],
    [2, false],
  ])('%p is a level: %s', (value, expected) => {
    expect(isAlertLevel(value)).toBe(expected);
  });

  it('labels every level', () => {
    expect(ALERT_LEVELS.map((level) => ALERT_LEVEL_LABELS[level].zh)).toEqual([
      '无预警',
      '蓝色预警',
      '黄色预警',
      '橙色预警',
      '红色预警',
    ]);
  });
});
