import { type EventEnvelope, type TopicName } from '@ecogate/contracts';
import { normaliseVendorColour, normaliseVendorPlateType } from '@ecogate/domain';
import { type EventPublisher, type PublishRequest } from '@ecogate/messaging';
import { parseEnterpriseId } from '@ecogate/persistence';
import { createLogger } from '@ecogate/telemetry';
import { type CaptureStore } from '../capture/capture-store';
import { type PushDevice } from '../registry/registry.repository';
import { type AnprPush, type PushOutcome } from './anpr-push.adapter';
import { IngestException } from './ingest.exception';
import { type IngestDevice, IngestPushService } from './ingest-push.service';
import { FakeReceipts } from '../receipts/testing/fake-push-receipts';

class RecordingPublisher implements EventPublisher {
  readonly topics: TopicName[] = [];

  async publish<T extends TopicName>(topic: T, request: PublishRequest<T>): Promise<EventEnvelope<T>> {
    this.topics.push(topic);
    return { type: topic, payload: request.payload } as unknown as EventEnvelope<T>;
  }

  async publishEnvelope(): Promise<void> {
    throw new Error('ingest publishes through publish() only');
  }
}

/** A promise and the functions that settle it, to hold an attempt mid-flight. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

const device: PushDevice & IngestDevice = {
  id: 'cam-1',
  enterpriseId: parseEnterpriseId('ent-1'),
  vendor: 'dahua',
  kind: 'anpr-camera',
  enabled: true,
  allowedSources: ['127.0.0.1'],
  pushSecretSha256: null,
  site: { siteId: 's', timeZone: 'Asia/Shanghai' },
  lane: { siteId: 's', gateId: 'g', laneId: 'in-1', direction: 'in', timeZone: 'Asia/Shanghai' },
};

const push: AnprPush = {
  vendor: 'dahua',
  idempotencyKey: 'group-1|event-1',
  capturedAt: new Date('2024-12-01T08:00:00Z'),
  plateText: '冀A12345',
  colour: normaliseVendorColour('dahua', 'Blue'),
  plateType: normaliseVendorPlateType('dahua', 'Normal'),
  confidence: 0.97,
  offline: false,
  images: {},
  raw: { bytes: Buffer.from('{}'), contentType: 'application/json', ext: 'json' },
};

function harness(inFlightWaitMs = 2_000) {
  const receipts = new FakeReceipts();
  const publisher = new RecordingPublisher();
  // Object storage, one scripted step per call: hold it (a slow first attempt) and/or fail it.
  const steps: { hold?: Promise<void>; fail?: boolean }[] = [];
  const storeCalls: number[] = [];
  const captures = {
    store: async () => {
      storeCalls.push(Date.now());
      const step = steps.shift();
      if (step?.hold) await step.hold;
      if (step?.fail) throw new Error('MinIO unavailable');
      return { bucket: 'b', key: 'k', sha256: 'a'.repeat(64), contentType: 'application/json', bytes: 2 };
    },
  } as unknown as CaptureStore;
  const service = new IngestPushService(
    receipts,
    captures,
    publisher,
    { decide: async () => ({ kind: 'no-decision-yet' }) },
    createLogger({ service: 'ingest-push-spec', level: 'fatal' }),
    { inFlightWaitMs },
  );
  const reads = () => publisher.topics.filter((topic) => topic === 'anpr.plate.read.v1').length;
  return { service, receipts, steps, storeCalls, reads };
}

/** Whether `promise` has settled by now. */
async function settledYet(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  // One turn of the event loop lets an already settled promise run its callbacks.
  await new Promise((resolve) => setImmediate(resolve));
  return settled;
}

describe('IngestPushService: a re-push while the first attempt is in flight', () => {
  it('is not acknowledged before the original is stored; when the original fails, the re-push stores the read', async () => {
    const lane = harness();
    const slow = gate();
    lane.steps.push({ hold: slow.opened, fail: true });
    const first = lane.service.ingest(device, push);
    const firstFailed = expect(first).rejects.toMatchObject({
      code: 'storage-unavailable',
      retryAfterSeconds: 1,
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = lane.service.ingest(device, push);
    await new Promise((resolve) => setTimeout(resolve, 120));
    // The first attempt is still storing: the re-push must not have been answered (no early "duplicate").
    expect(await settledYet(second)).toBe(false);

    slow.open();
    await firstFailed;
    await expect(second).resolves.toEqual<PushOutcome>({ kind: 'accepted', openBarrier: false });
    expect(lane.reads()).toBe(1);
    expect(lane.receipts.rows.get('cam-1|group-1|event-1')).toEqual({ published: true });
  });

  it('answers duplicate once the original is published, never before', async () => {
    const lane = harness();
    const slow = gate();
    lane.steps.push({ hold: slow.opened });
    const first = lane.service.ingest(device, push);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = lane.service.ingest(device, push);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(await settledYet(second)).toBe(false);
    expect(lane.reads()).toBe(0);

    slow.open();
    await expect(first).resolves.toEqual({ kind: 'accepted', openBarrier: false });
    await expect(second).resolves.toEqual({ kind: 'duplicate', openBarrier: false });
    expect(lane.reads()).toBe(1);
  });

  it('refuses with a retry-able push-in-flight (Retry-After) when the original outlasts the wait', async () => {
    const lane = harness(150);
    const slow = gate();
    lane.steps.push({ hold: slow.opened });
    const first = lane.service.ingest(device, push);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const refused = await lane.service.ingest(device, push).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(IngestException);
    expect(refused).toMatchObject({ code: 'push-in-flight', retryAfterSeconds: 5 });
    expect(lane.reads()).toBe(0);

    slow.open();
    await first;
    // The camera's retry after Retry-After: the original is stored now, so this is the duplicate.
    await expect(lane.service.ingest(device, push)).resolves.toEqual({
      kind: 'duplicate',
      openBarrier: false,
    });
    expect(lane.reads()).toBe(1);
  });

  it('a re-push after the original was published is a duplicate at once, storing nothing', async () => {
    const lane = harness();
    await lane.service.ingest(device, push);
    const stored = lane.storeCalls.length;
    await expect(lane.service.ingest(device, push)).resolves.toEqual({
      kind: 'duplicate',
      openBarrier: false,
    });
    expect(lane.storeCalls).toHaveLength(stored);
    expect(lane.reads()).toBe(1);
  });
});
