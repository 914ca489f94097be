import { type PayloadOf } from '@ecogate/contracts';
import {
  type AdmissionSubject,
  type AlertLevel,
  buildDefaultEmergencyPlan,
  type LaneMode,
} from '@ecogate/domain';
import { type LaneContext } from '../gate-settings/gate-settings.port';
import { decideOnRead, displayTextOf, stableId, stableUuid } from './decision-mapping';

const NOW = new Date('2024-12-01T00:00:00Z');
const lane = {
  enterpriseId: 'ent-1',
  siteId: 'site-1',
  gateId: 'gate-1',
  laneId: 'lane-in',
  direction: 'in' as const,
};
const aRead = (
  plate = '冀A12345',
  verdict: 'trusted' | 'needs-review' = 'trusted',
): PayloadOf<'anpr.plate.read.v1'> => ({
  readId: 'read-1',
  captureId: 'cap-1',
  cameraId: 'cam-1',
  lane,
  capturedAt: NOW.toISOString(),
  source: 'camera',
  plate: { text: plate, colour: 'yellow', confidence: 0.97 },
  verdict,
  reviewReasons: [],
  images: {},
});
const context = (alertLevel: AlertLevel, mode: LaneMode = 'auto'): LaneContext => ({
  lane: { ref: lane, mode, barrier: { driver: 'none' } },
  plan: buildDefaultEmergencyPlan({ enterpriseId: 'ent-1', cargoVolume: { band: '10-or-more' } }),
  alertLevel,
});
const truck = (stage: 'IV' | 'VI', fuel: 'diesel' | 'electric' = 'diesel'): AdmissionSubject => ({
  plate: '冀A12345',
  category: 'heavy-truck',
  fuel,
  evidence: [{ stage, source: 'platform-query', at: new Date('2024-01-01T00:00:00Z') }],
});

describe('decision mapping: a plate read → gate.barrier.decided.v1', () => {
  it('orange alert + 国IV diesel heavy truck → deny, with reason and display text', () => {
    const decided = decideOnRead(aRead(), context('orange'), truck('IV'), NOW);
    expect(decided).toMatchObject({
      verdict: 'deny',
      reasons: ['stage-below-minimum'],
      alertLevel: 'orange',
      laneMode: 'auto',
      stage: { stage: 'IV', source: 'platform-query' },
    });
    expect(decided.message.zh).toContain('冀A12345：国四');
    expect(decided.message.zh).toContain('禁止通行');
    expect(displayTextOf(decided)).toEqual({
      plate: '冀A12345',
      stage: '国四',
      status: '禁止通行',
      reason: decided.message.zh,
    });
  });

  it('orange alert + 国VI diesel heavy truck → allow', () => {
    const decided = decideOnRead(aRead(), context('orange'), truck('VI'), NOW);
    expect([decided.verdict, decided.reasons]).toEqual(['allow', ['stage-meets-minimum']]);
    expect(displayTextOf(decided)).toMatchObject({ stage: '国六', status: '请通行' });
  });

  it.each<
    [string, AlertLevel, LaneMode, 'trusted' | 'needs-review', AdmissionSubject | undefined, string, string[]]
  >([
    ['no alert, 国IV', 'none', 'auto', 'trusted', truck('IV'), 'allow', ['no-restriction']],
    ['red, stranger (no evidence)', 'red', 'auto', 'trusted', undefined, 'needs-review', ['stage-unknown']],
    [
      'doubtful read of a 国VI truck',
      'orange',
      'auto',
      'needs-review',
      truck('VI'),
      'needs-review',
      ['read-needs-review', 'stage-meets-minimum'],
    ],
    [
      'doubtful read of a 国IV truck',
      'orange',
      'auto',
      'needs-review',
      truck('IV'),
      'needs-review',
      ['read-needs-review', 'stage-below-minimum'],
    ],
    [
      'doubtful read on a record-only lane',
      'orange',
      'record-only',
      'needs-review',
      truck('IV'),
      'allow',
      ['read-needs-review', 'lane-record-only', 'stage-below-minimum'],
    ],
    ['closed lane', 'none', 'closed', 'trusted', truck('VI'), 'deny', ['lane-closed', 'no-restriction']],
    [
      'always-open lane during orange, 国IV',
      'orange',
      'always-open',
      'trusted',
      truck('IV'),
      'allow',
      ['lane-always-open', 'stage-below-minimum'],
    ],
  ])('%s → %s', (_case, level, mode, readVerdict, vehicle, verdict, reasons) => {
    const decided = decideOnRead(aRead('冀A12345', readVerdict), context(level, mode), vehicle, NOW);
    expect([decided.verdict, decided.reasons]).toEqual([verdict, reasons]);
  });

  it('tells the display that a doubtful read waits for a person', () => {
    const decided = decideOnRead(aRead('冀A12345', 'needs-review'), context('orange'), truck('VI'), NOW);
    expect(decided.message.zh.startsWith('冀A12345：车牌识别存疑')).toBe(true);
    expect(displayTextOf(decided).status).toBe('请等待人工核验');
  });

  it('derives the decision id from the read id (a redelivered read gets the same decision)', () => {
    const a = decideOnRead(aRead(), context('orange'), truck('VI'), NOW);
    const b = decideOnRead(aRead(), context('orange'), truck('VI'), new Date(NOW.getTime() + 5_000));
    expect(a.decisionId).toBe(b.decisionId);
    expect(a.decisionId).toBe(stableId('dec', 'read-1'));
    expect(a.decisionId).toMatch(/^dec-[0-9a-f]{32}$/);
    expect(stableUuid(a.decisionId)).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});
