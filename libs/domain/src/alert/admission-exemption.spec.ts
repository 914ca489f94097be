import { decide } from './admission-decision';
import { type Verdict } from './admission-reason';
import { type Exemption } from './exemption';
import { type Lane } from './lane';
import { aPlan, anExemption } from './testing/plan-builder';
import { aVehicle } from './testing/vehicle-builder';

const NOW = new Date('2024-12-01T08:00:00+08:00');
const AUTO: Lane = { id: 'gate-1-in', mode: 'auto' };

describe('decide: exemptions (special vehicles, hazardous chemicals, livelihood, plates)', () => {
  const oldTruck = aVehicle().withPlate('冀A12345').withStage('III');

  it.each<[string, Exemption, ReturnType<typeof aVehicle>, Verdict]>([
    ['a listed plate', anExemption({ kind: 'plate', plates: ['冀A12345'] }), oldTruck, 'allow'],
    ['another plate', anExemption({ kind: 'plate', plates: ['冀A99999'] }), oldTruck, 'deny'],
    [
      'a hazardous-chemicals vehicle',
      anExemption({ kind: 'hazardous-chemicals' }),
      oldTruck.designated('hazardous-chemicals'),
      'allow',
    ],
    [
      'a livelihood-supply vehicle',
      anExemption({ kind: 'livelihood-supply' }),
      oldTruck.designated('livelihood-supply'),
      'allow',
    ],
    [
      'a special vehicle',
      anExemption({ kind: 'special-vehicle' }),
      oldTruck.designated('special-vehicle'),
      'allow',
    ],
    [
      'a designation the exemption is not for',
      anExemption({ kind: 'special-vehicle' }),
      oldTruck.designated('livelihood-supply'),
      'deny',
    ],
    [
      'an expired exemption',
      anExemption({ kind: 'plate', until: new Date('2024-11-30T00:00:00+08:00') }),
      oldTruck,
      'deny',
    ],
    [
      'an exemption for orange only, during red',
      anExemption({ kind: 'plate', levels: ['orange'] }),
      oldTruck,
      'deny',
    ],
    [
      'an exemption of a stranger with no evidence',
      anExemption({ kind: 'plate' }),
      aVehicle().unregistered(),
      'allow',
    ],
  ])('%s → %s', (_case, exemption, vehicle, verdict) => {
    const plan = aPlan().withExemption(exemption).build();
    expect(decide(plan, 'red', vehicle.build(), AUTO, NOW).verdict).toBe(verdict);
  });

  it('records the exemption it applied, for the audit trail', () => {
    const plan = aPlan()
      .withExemption(anExemption({ kind: 'plate', id: 'EX-2024-017' }))
      .build();
    const decision = decide(plan, 'red', oldTruck.build(), AUTO, NOW);
    expect(decision.reasons).toEqual(['exempted']);
    expect(decision.facts).toEqual({
      level: 'red',
      laneMode: 'auto',
      requirementId: 'red-heavy-truck-min-V',
      minimum: 'V',
      exemptionId: 'EX-2024-017',
      stage: 'III',
      evidenceSource: 'document',
    });
  });

  it('is not needed when no rule selects the vehicle', () => {
    const plan = aPlan()
      .withExemption(anExemption({ kind: 'plate' }))
      .build();
    expect(decide(plan, 'none', oldTruck.build(), AUTO, NOW).reasons).toEqual(['no-restriction']);
  });
});
