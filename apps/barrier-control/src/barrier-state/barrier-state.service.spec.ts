import { createLogger } from '@ecogate/telemetry';
import { BarrierControlException } from '../errors/barrier-control.exception';
import { ViolationPublisher } from '../events/violation-publisher';
import { ConfigGateSettings } from '../gate-settings/config-gate-settings';
import { LaneStates } from '../lane-state/lane-states';
import { RecordingPublisher } from '../testing/recording-publisher';
import { BarrierStateService } from './barrier-state.service';

const ENT = 'ent-state';
const T0 = new Date('2024-12-01T08:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

function harness() {
  const settings = new ConfigGateSettings({
    enterprises: [
      {
        enterpriseId: ENT,
        cargoVolume: '10-or-more',
        lanes: [
          { siteId: 's', gateId: 'g', laneId: 'in-1', direction: 'in', barrier: { driver: 'vzenith-reply' } },
        ],
      },
    ],
  });
  const lanes = new LaneStates({ openCycleMs: 15_000, reversingWindowSeconds: 60 });
  const publisher = new RecordingPublisher();
  const states = new BarrierStateService(
    settings,
    lanes,
    new ViolationPublisher(publisher),
    createLogger({ service: 'barrier-state-spec', level: 'fatal' }),
    () => T0,
  );
  const read = (plate: string, seconds: number) =>
    lanes.apply(ENT, 'in-1', 'auto', {
      type: 'vehicle-read',
      plate,
      captureId: `cap-${plate}`,
      readId: `read-${plate}`,
      at: at(seconds),
    });
  const allow = (plate: string) =>
    lanes.apply(ENT, 'in-1', 'auto', {
      type: 'decided',
      captureId: `cap-${plate}`,
      decisionId: `dec-${plate}`,
      verdict: 'allow',
    });
  return { states, read, allow, violations: () => publisher.of('gate.violation.detected.v1') };
}

describe('barrier state reports', () => {
  it('a close report ends the open cycle at once: the next vehicle is not a tailgater', async () => {
    const lane = harness();
    lane.read('冀A1', 0);
    lane.allow('冀A1');
    expect(await lane.states.execute(ENT, 'in-1', { state: 'opened' })).toMatchObject({ phase: 'open' });
    expect(await lane.states.execute(ENT, 'in-1', { state: 'closed' })).toMatchObject({ phase: 'closed' });
    expect(lane.read('冀B2', 3).violations).toEqual([]);
  });

  it('without a close report the fixed cycle still applies (a vehicle 3 s behind is a tailgater)', () => {
    const lane = harness();
    lane.read('冀A1', 0);
    lane.allow('冀A1');
    expect(lane.read('冀B2', 3).violations.map((v) => v.kind)).toEqual(['tailgating']);
  });

  it('opened with nothing allowed: an opened-without-decision violation naming the device, once per report', async () => {
    const lane = harness();
    lane.read('冀C3', 0);
    const report = { state: 'opened' as const, at: '2024-12-01T08:00:05+08:00', deviceId: 'io-7' };
    expect(await lane.states.execute(ENT, 'in-1', report)).toMatchObject({
      phase: 'vehicle-present',
      violations: ['opened-without-decision'],
    });
    await lane.states.execute(ENT, 'in-1', report);
    const [first, second] = lane.violations();
    expect(first).toMatchObject({
      kind: 'opened-without-decision',
      plate: '冀C3',
      at: '2024-12-01T00:00:05.000Z',
    });
    expect(first?.details).toContain('reported by io-7');
    expect(second?.violationId).toBe(first?.violationId);
  });

  it('a close report with no open cycle changes nothing', async () => {
    expect(await harness().states.execute(ENT, 'in-1', { state: 'closed' })).toEqual({
      phase: 'idle',
      ignored: true,
      violations: [],
    });
  });

  it('an unknown lane is lane-not-found', async () => {
    await expect(harness().states.execute(ENT, 'nope', { state: 'closed' })).rejects.toEqual(
      new BarrierControlException('lane-not-found', 'lane nope of ent-state is not configured'),
    );
  });
});
