import { type LocalisedText } from './emergency-plan';
import { decide } from './admission-decision';
import { type LaneMode } from './lane';
import { aPlan, anExemption } from './testing/plan-builder';
import { aVehicle, type VehicleBuilder } from './testing/vehicle-builder';

const NOW = new Date('2024-12-01T08:00:00+08:00');

const messageOf = (vehicle: VehicleBuilder, mode: LaneMode = 'auto', plan = aPlan().build()): LocalisedText =>
  decide(plan, 'red', vehicle.build(), { id: 'l', mode }, NOW).message;

describe('decide: the gate shows plate, stage and rule in Chinese and English (domain.md §4)', () => {
  it.each<[string, VehicleBuilder, LaneMode, LocalisedText]>([
    [
      'a refusal',
      aVehicle().withStage('IV', 'platform-query'),
      'auto',
      {
        zh: '冀A12345：国四（信息公开平台查询）低于最低要求国五；规则：红色预警：国四及以下柴油、燃气重型货车禁止进出，禁止通行。',
        en: '冀A12345: China IV (disclosure-platform query) is below the minimum China V; rule: red alert: diesel and gas heavy trucks of China IV or below may not enter or leave; refused.',
      },
    ],
    [
      'a pass',
      aVehicle().withStage('VIb'),
      'auto',
      {
        zh: '冀A12345：国六b（随车清单）符合最低要求国五；规则：红色预警：国四及以下柴油、燃气重型货车禁止进出，放行。',
        en: '冀A12345: China VIb (environmental information list) meets the minimum China V; rule: red alert: diesel and gas heavy trucks of China IV or below may not enter or leave; allowed.',
      },
    ],
    [
      'an unknown stage',
      aVehicle(),
      'auto',
      {
        zh: '冀A12345：排放阶段未知；规则：红色预警：国四及以下柴油、燃气重型货车禁止进出，需人工核查。',
        en: '冀A12345: emission stage unknown; rule: red alert: diesel and gas heavy trucks of China IV or below may not enter or leave; needs review.',
      },
    ],
    [
      'an inferred stage',
      aVehicle().withStage('VIa', 'inferred'),
      'auto',
      {
        zh: '冀A12345：国六a为按日期推断，预警期间须人工确认；规则：红色预警：国四及以下柴油、燃气重型货车禁止进出，需人工核查。',
        en: '冀A12345: China VIa is inferred from dates and must be confirmed by a person during an alert; rule: red alert: diesel and gas heavy trucks of China IV or below may not enter or leave; needs review.',
      },
    ],
    [
      'no restriction',
      aVehicle().withCategory('car'),
      'auto',
      {
        zh: '冀A12345：无适用限制（红色预警），放行。',
        en: '冀A12345: no restriction applies (red alert); allowed.',
      },
    ],
    [
      'a closed lane',
      aVehicle().withStage('VI'),
      'closed',
      { zh: '冀A12345：车道关闭，禁止通行。', en: '冀A12345: lane closed; refused.' },
    ],
    [
      'an always-open lane',
      aVehicle().withCategory('car'),
      'always-open',
      {
        zh: '冀A12345：常开车道，不拦截（策略：无适用限制（红色预警），放行）。',
        en: '冀A12345: always-open lane, not stopped (policy: no restriction applies (red alert); allowed).',
      },
    ],
    [
      'a record-only lane',
      aVehicle().withCategory('car'),
      'record-only',
      {
        zh: '冀A12345：仅记录车道，不拦截（策略：无适用限制（红色预警），放行）。',
        en: '冀A12345: record-only lane, not stopped (policy: no restriction applies (red alert); allowed).',
      },
    ],
    [
      'an unread plate',
      aVehicle().withPlate(' ').withCategory('car'),
      'auto',
      {
        zh: '未识别车牌：无适用限制（红色预警），放行。',
        en: 'unread plate: no restriction applies (red alert); allowed.',
      },
    ],
  ])('%s', (_case, vehicle, mode, expected) => {
    expect(messageOf(vehicle, mode)).toEqual(expected);
  });

  it('explains an exemption', () => {
    const plan = aPlan()
      .withExemption(anExemption({ kind: 'hazardous-chemicals', id: 'EX-7' }))
      .build();
    expect(messageOf(aVehicle().designated('hazardous-chemicals'), 'auto', plan)).toEqual({
      zh: '冀A12345：危险化学品运输车辆豁免（EX-7），放行。',
      en: '冀A12345: exempt as hazardous-chemicals vehicle (EX-7); allowed.',
    });
  });

  it('explains an unconfirmed 国VI sub-stage', () => {
    const plan = aPlan()
      .withLevel('red', {
        unknownStage: 'deny',
        requirements: [
          { id: 'vib', categories: 'any', fuels: 'any', minimum: 'VIb', label: { zh: '国六b', en: 'VIb' } },
        ],
      })
      .build();
    expect(messageOf(aVehicle().withStage('VI'), 'auto', plan)).toEqual({
      zh: '冀A12345：国六（随车清单）子阶段未确认，最低要求国六b；规则：国六b，需人工核查。',
      en: '冀A12345: China VI (environmental information list) with unconfirmed sub-stage, minimum China VIb; rule: VIb; needs review.',
    });
  });
});
