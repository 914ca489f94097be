import { buildDefaultEmergencyPlan } from '@ecogate/domain';
import { emergencyPlanBodySchema } from './emergency-plan';

/** The domain's default plan as it travels in JSON, without the enterprise. */
const defaultBody = (): Record<string, unknown> => {
  const { enterpriseId: _e, ...plan } = buildDefaultEmergencyPlan({
    enterpriseId: 'ent-1',
    cargoVolume: { band: '10-or-more' },
  });
  return JSON.parse(JSON.stringify(plan)) as Record<string, unknown>;
};

describe('emergencyPlanBodySchema', () => {
  it('accepts the domain default plan and turns exemption instants into dates', () => {
    const body = {
      ...defaultBody(),
      exemptions: [
        {
          id: 'plate-1',
          kind: 'plate',
          plates: ['冀B12345'],
          from: '2026-12-01T00:00:00+08:00',
          until: '2026-12-08T00:00:00+08:00',
          levels: 'all',
          approvedBy: 'officer',
        },
      ],
    };
    const parsed = emergencyPlanBodySchema.parse(body);
    expect(parsed.levels.orange.requirements.length).toBeGreaterThan(0);
    expect(parsed.exemptions[0]!.from).toEqual(new Date('2026-11-30T16:00:00Z'));
  });

  it('refuses allow for an unknown stage during orange, unknown fields and plate exemptions without plates', () => {
    const severe = defaultBody() as { levels: { orange: { unknownStage: string } } };
    severe.levels.orange.unknownStage = 'allow';
    expect(emergencyPlanBodySchema.safeParse(severe).success).toBe(false);
    expect(emergencyPlanBodySchema.safeParse({ ...defaultBody(), extra: 1 }).success).toBe(false);
    const noPlates = {
      ...defaultBody(),
      exemptions: [
        {
          id: 'p',
          kind: 'plate',
          plates: [],
          from: '2026-12-01T00:00:00Z',
          until: '2026-12-02T00:00:00Z',
          levels: 'all',
          approvedBy: 'o',
        },
      ],
    };
    expect(emergencyPlanBodySchema.safeParse(noPlates).success).toBe(false);
  });
});
