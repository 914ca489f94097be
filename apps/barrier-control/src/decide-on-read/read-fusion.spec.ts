import { randomUUID } from 'node:crypto';
import { type EventEnvelope, type PayloadOf } from '@ecogate/contracts';
import { createLogger } from '@ecogate/telemetry';
import { BarrierCommandService } from '../barrier-command/barrier-command.service';
import { LogDisplay } from '../display/log-display';
import { BarrierDrivers } from '../drivers/barrier-drivers';
import { VzenithReplyDriver } from '../drivers/vzenith-reply/vzenith-reply.driver';
import { ViolationPublisher } from '../events/violation-publisher';
import { ConfigGateSettings } from '../gate-settings/config-gate-settings';
import { LaneStates } from '../lane-state/lane-states';
import { RecordingPublisher } from '../testing/recording-publisher';
import { InMemoryVehicleRegistry } from '../vehicles/in-memory-vehicle-registry';
import { DecideOnReadService } from './decide-on-read.service';

// The lane's use of `fuseReads`: camera and server reads of one capture, with the real lane state
// machine, decision mapping and Vzenith driver; only Kafka is replaced by a recording publisher.

type PlateRead = PayloadOf<'anpr.plate.read.v1'>;
const ENT = 'ent-fusion';
const WAIT_MS = 1_500;

const lane = {
  enterpriseId: ENT,
  siteId: 'site-1',
  gateId: 'gate-1',
  laneId: 'in-1',
  direction: 'in' as const,
};
const aRead = (
  source: 'camera' | 'server',
  text: string,
  verdict: 'trusted' | 'needs-review' = 'trusted',
  captureId = 'cap-1',
): PlateRead => ({
  readId: `${source}-${captureId}-${text}`,
  captureId,
  cameraId: 'cam-1',
  lane,
  capturedAt: '2024-12-01T08:00:00.000Z',
  source,
  plate: { text, colour: 'yellow', confidence: verdict === 'trusted' ? 0.98 : 0.5 },
  verdict,
  reviewReasons: [],
  images: {},
});

function harness() {
  const settings = new ConfigGateSettings({
    enterprises: [
      {
        enterpriseId: ENT,
        cargoVolume: '10-or-more',
        alertLevel: 'orange',
        lanes: [
          {
            siteId: 'site-1',
            gateId: 'gate-1',
            laneId: 'in-1',
            direction: 'in',
            barrier: { driver: 'vzenith-reply' },
          },
        ],
        vehicles: ['冀A66666', '冀A66668'].map((plate) => ({
          plate,
          category: 'heavy-truck' as const,
          fuel: 'diesel' as const,
          evidence: [{ stage: 'VI' as const, source: 'platform-query' as const, at: '2024-01-01T00:00:00Z' }],
        })),
      },
    ],
  });
  const publisher = new RecordingPublisher();
  const logger = createLogger({ service: 'read-fusion-spec', level: 'fatal' });
  const vzenith = new VzenithReplyDriver();
  const lanes = new LaneStates({ openCycleMs: 15_000, reversingWindowSeconds: 60 });
  const service = new DecideOnReadService(
    settings,
    new InMemoryVehicleRegistry(settings.vehicles),
    lanes,
    publisher,
    new BarrierCommandService(new BarrierDrivers([vzenith]), publisher, logger),
    new ViolationPublisher(publisher),
    new LogDisplay(logger),
    logger,
    WAIT_MS,
  );
  const send = (read: PlateRead) =>
    service.execute({
      eventId: randomUUID(),
      type: 'anpr.plate.read.v1',
      payload: read,
    } as EventEnvelope<'anpr.plate.read.v1'>);
  return {
    send,
    decided: () => publisher.of('gate.barrier.decided.v1'),
    opens: () => publisher.of('gate.barrier.commanded.v1'),
    phase: () => lanes.get(ENT, lane.laneId)?.phase,
  };
}

describe('read fusion at the lane', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('agreement: the camera read waits for the server read, then one allow and one open', async () => {
    const lane = harness();
    expect(await lane.send(aRead('camera', '冀A66666'))).toBeUndefined();
    expect(lane.decided()).toEqual([]);
    expect(lane.phase()).toBe('vehicle-present');
    const decided = await lane.send(aRead('server', '冀A66666'));
    expect(decided).toMatchObject({
      verdict: 'allow',
      readId: 'server-cap-1-冀A66666',
      reasons: ['stage-meets-minimum'],
    });
    await jest.advanceTimersByTimeAsync(WAIT_MS * 2);
    expect(lane.decided()).toHaveLength(1);
    expect(lane.opens()).toHaveLength(1);
    expect(lane.phase()).toBe('open');
  });

  it('agreement settles a doubtful camera read: two readers on one text are trusted', async () => {
    const lane = harness();
    await lane.send(aRead('camera', '冀A66666', 'needs-review'));
    expect(await lane.send(aRead('server', '冀A66666', 'trusted'))).toMatchObject({ verdict: 'allow' });
    expect(lane.opens()).toHaveLength(1);
  });

  it('disagreement: needs-review with readers-disagree, both plates named, the barrier stays down', async () => {
    const lane = harness();
    await lane.send(aRead('camera', '冀A66666'));
    const decided = await lane.send(aRead('server', '冀A66668'));
    expect(decided).toMatchObject({
      verdict: 'needs-review',
      plate: { text: '冀A66666' },
      reasons: ['readers-disagree', 'stage-meets-minimum'],
    });
    expect(decided?.message.zh).toContain('相机识别为冀A66666，服务器识别为冀A66668');
    // Both reads travel with the decision, for the person who settles it in the review queue.
    expect(decided?.reads).toMatchObject({
      camera: { text: '冀A66666', verdict: 'trusted' },
      server: { text: '冀A66668', verdict: 'trusted' },
    });
    expect(lane.opens()).toEqual([]);
    expect(lane.phase()).toBe('decided');
  });

  it("keeps a registry-corrected server read's raw text and how it was settled on the decision", async () => {
    const lane = harness();
    await lane.send(aRead('camera', '冀A66666'));
    const server = aRead('server', '冀A66666');
    const decided = await lane.send({
      ...server,
      plate: { ...server.plate, rawText: '冀A66686', settledBy: 'registry-corrected' },
    });
    expect(decided).toMatchObject({ verdict: 'allow', plate: { text: '冀A66666' } });
    expect(decided?.reads).toEqual({
      camera: { text: '冀A66666', colour: 'yellow', confidence: 0.98, verdict: 'trusted' },
      server: {
        text: '冀A66666',
        colour: 'yellow',
        confidence: 0.98,
        verdict: 'trusted',
        rawText: '冀A66686',
        settledBy: 'registry-corrected',
      },
    });
  });

  it('server only: acted on at once (no camera read to wait for)', async () => {
    const lane = harness();
    expect(await lane.send(aRead('server', '冀A66666'))).toMatchObject({ verdict: 'allow' });
    expect(lane.opens()).toHaveLength(1);
  });

  it('camera only, then the wait runs out: decided on the camera read alone', async () => {
    const lane = harness();
    await lane.send(aRead('camera', '冀A66666'));
    await jest.advanceTimersByTimeAsync(WAIT_MS - 1);
    expect(lane.decided()).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    expect(lane.decided()).toMatchObject([{ verdict: 'allow', readId: 'camera-cap-1-冀A66666' }]);
    expect(lane.opens()).toHaveLength(1);
  });

  it('a late trusted server read settles a lane waiting on a doubtful camera read', async () => {
    const lane = harness();
    await lane.send(aRead('camera', '冀A66666', 'needs-review'));
    await jest.advanceTimersByTimeAsync(WAIT_MS);
    expect(lane.decided()).toMatchObject([
      { verdict: 'needs-review', reasons: ['read-needs-review', 'stage-meets-minimum'] },
    ]);
    expect(await lane.send(aRead('server', '冀A66666'))).toMatchObject({ verdict: 'allow' });
    expect(lane.opens()).toHaveLength(1);
  });

  it('a late read after the lane acted changes nothing; a redelivered read republishes the same decision', async () => {
    const lane = harness();
    await lane.send(aRead('camera', '冀A66666'));
    await jest.advanceTimersByTimeAsync(WAIT_MS);
    expect(await lane.send(aRead('server', '冀A66668'))).toBeUndefined();
    const again = await lane.send(aRead('camera', '冀A66666'));
    expect(lane.decided().map((d) => d.decisionId)).toEqual([again?.decisionId, again?.decisionId]);
    expect(lane.opens()).toHaveLength(1);
  });

  it('the next vehicle does not wait behind a held read: the held one is decided first', async () => {
    const lane = harness();
    await lane.send(aRead('camera', '冀A66666', 'trusted', 'cap-1'));
    await lane.send(aRead('camera', '冀A66668', 'trusted', 'cap-2'));
    expect(lane.decided().map((d) => d.captureId)).toEqual(['cap-1']);
    await jest.advanceTimersByTimeAsync(WAIT_MS);
    expect(lane.decided().map((d) => d.captureId)).toEqual(['cap-1', 'cap-2']);
  });
});
