import { buildDefaultEmergencyPlan } from '@ecogate/domain';
import dayjs from 'dayjs';
import {
  bodyOf,
  checkDraft,
  defaultDraft,
  domainPlanOf,
  draftOf,
  type PlanDraft,
  planOf,
} from './plan-draft';

const plan = buildDefaultEmergencyPlan({
  enterpriseId: 'e1',
  cargoVolume: { band: '10-or-more' },
  exemptions: [
    {
      id: 'x1',
      kind: 'plate',
      plates: ['冀A12345'],
      from: new Date('2026-12-01T00:00:00Z'),
      until: new Date('2026-12-31T00:00:00Z'),
      levels: ['orange', 'red'],
      approvedBy: '区生态环境局',
    },
    {
      id: 'x2',
      kind: 'livelihood-supply',
      from: new Date('2026-12-01T00:00:00Z'),
      until: new Date('2027-01-31T00:00:00Z'),
      levels: 'all',
      approvedBy: '市应急指挥部',
      reference: '〔2026〕8号',
    },
  ],
});

const withOrange = (draft: PlanDraft, orange: Partial<PlanDraft['levels']['orange']>): PlanDraft => ({
  ...draft,
  levels: { ...draft.levels, orange: { ...draft.levels.orange, ...orange } },
});

describe("the plan editor's draft", () => {
  it('gives back the same plan it was made from (form state ↔ domain plan)', () => {
    expect(planOf('e1', draftOf(plan))).toEqual(plan);
  });

  it('turns "any" into an empty choice and back', () => {
    const draft = draftOf(plan);
    const machinery = draft.levels.red.requirements.find((r) => r.id === 'red-nrmm-min-III');
    expect(machinery?.fuels).toEqual([]);
    expect(planOf('e1', draft).levels.red.requirements[1]?.fuels).toBe('any');
    expect(draft.exemptions[1]?.levels).toEqual([]);
    expect(planOf('e1', draft).exemptions[1]?.levels).toBe('all');
  });

  it('sends instants as ISO strings with the revision it was read at', () => {
    const checked = checkDraft('e1', draftOf(plan), 3);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.body.expectedRevision).toBe(3);
    expect(checked.body.exemptions[0]).toMatchObject({
      from: '2026-12-01T00:00:00.000Z',
      until: '2026-12-31T00:00:00.000Z',
    });
    expect(checked.body.levels.orange.unknownStage).toBe('needs-review');
    expect('enterpriseId' in checked.body).toBe(false);
  });

  it('reads the wire plan back as the domain plan', () => {
    const wire = { ...bodyOf(plan, 0), enterpriseId: 'e1' };
    const { expectedRevision: _revision, ...rest } = wire;
    expect(domainPlanOf(rest)).toEqual(plan);
  });

  it("reports every problem the domain finds, with the domain's codes and reasons", () => {
    const draft = draftOf(plan);
    const [first] = draft.levels.orange.requirements;
    const broken: PlanDraft = {
      ...withOrange(draft, {
        unknownStage: 'allow',
        requirements: [...draft.levels.orange.requirements, { ...first!, labelZh: 'again' }],
      }),
      exemptions: [
        {
          ...draft.exemptions[0]!,
          plates: [],
          window: [dayjs('2026-12-31T00:00:00Z'), dayjs('2026-12-01T00:00:00Z')],
        },
        { ...draft.exemptions[1]!, id: draft.exemptions[0]!.id, approvedBy: '  ' },
      ],
    };
    const checked = checkDraft('e1', broken, 1);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.problems.map((p) => p.code)).toEqual([
      'unknown-allowed-in-severe-alert',
      'duplicate-requirement',
      'empty-exemption-window',
      'plate-exemption-without-plates',
      'duplicate-exemption',
      'exemption-without-approver',
    ]);
    expect(checked.problems[0]?.reason).toBe(
      'orange: a vehicle of unknown stage cannot be allowed; use deny or needs-review',
    );
  });

  it('starts a new plan from the domain default', () => {
    const draft = defaultDraft('e9');
    expect(draft.levels.orange.requirements.map((r) => r.id)).toEqual([
      'orange-heavy-truck-min-V',
      'orange-nrmm-min-III',
    ]);
    expect(checkDraft('e9', draft, 0).ok).toBe(true);
  });
});
