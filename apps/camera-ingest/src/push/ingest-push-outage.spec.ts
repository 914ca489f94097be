import { type EventEnvelope, type TopicName } from '@ecogate/contracts';
import { normaliseVendorColour, normaliseVendorPlateType } from '@ecogate/domain';
import { type EventPublisher, type PublishRequest } from '@ecogate/messaging';
import { parseEnterpriseId } from '@ecogate/persistence';
import { createLogger } from '@ecogate/telemetry';
import { type CaptureStore } from '../capture/capture-store';
import { type PushReceipts } from '../receipts/push-receipt.repository';
import { type PushDevice } from '../registry/registry.repository';
import { type AnprPush } from './anpr-push.adapter';
import { type IngestDevice, IngestPushService } from './ingest-push.service';

// The database goes away between the publish and the receipt's mark (ADR 0005, item 0).
const refused = () =>
  Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

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

describe('IngestPushService while the database goes away', () => {
  it('accepts a push whose read is already published even when its receipt cannot be marked', async () => {
    const published: TopicName[] = [];
    const publisher: EventPublisher = {
      publish: async <T extends TopicName>(topic: T, request: PublishRequest<T>) => {
        published.push(topic);
        return { type: topic, payload: request.payload } as unknown as EventEnvelope<T>;
      },
      publishEnvelope: async () => undefined,
    };
    const receipts: PushReceipts = {
      claim: async () => ({ kind: 'claimed' }),
      markPublished: async () => {
        throw refused();
      },
      release: async () => {
        throw refused();
      },
    };
    const captures = {
      store: async () => ({
        bucket: 'b',
        key: 'k',
        sha256: 'a'.repeat(64),
        contentType: 'application/json',
        bytes: 2,
      }),
    } as unknown as CaptureStore;
    const service = new IngestPushService(
      receipts,
      captures,
      publisher,
      { decide: async () => ({ kind: 'no-decision-yet' }) },
      createLogger({ service: 'ingest-outage-spec', level: 'fatal' }),
      { inFlightWaitMs: 100 },
    );
    await expect(service.ingest(device, push)).resolves.toMatchObject({ kind: 'accepted' });
    expect(published).toEqual(['anpr.plate.read.v1']);
  });
});
