import { DahuaEventStreamSimulator } from '@ecogate/camera-simulator';
import { parseEnterpriseId } from '@ecogate/persistence';
import { createLogger } from '@ecogate/telemetry';
import { expectEventually } from '@ecogate/testing';
import { randomBytes } from 'node:crypto';
import { type StatusChange } from '../camera-status/camera-health';
import { type AnprPush } from '../push/anpr-push.adapter';
import { TEST_LIMITS } from '../push/testing/push-fixtures';
import { CredentialCipher } from '../registry/credential-cipher';
import { type DahuaStreamDevice } from './dahua-stream-device.repository';
import { DahuaStreamSupervisionService } from './dahua-stream-supervision.service';
import { TEST_ACCOUNT as account, TEST_SETTINGS as SETTINGS } from './testing/dahua-stream-test-settings';

describe('DahuaStreamSupervisionService', () => {
  const cipher = new CredentialCipher(randomBytes(32));
  const camera = new DahuaEventStreamSimulator({ account });
  let registry: DahuaStreamDevice[] = [];
  const reads: { deviceId: string; push: AnprPush }[] = [];
  const statuses: { cameraId: string; change: StatusChange }[] = [];
  let service: DahuaStreamSupervisionService | undefined;

  const device = (version: string, login = account): DahuaStreamDevice => ({
    id: 'itc-1',
    kind: 'anpr-camera',
    vendor: 'dahua',
    enterpriseId: parseEnterpriseId('ent-1'),
    address: camera.url,
    credentialsEncrypted: cipher.encrypt('itc-1', login),
    version,
    site: { siteId: 's', timeZone: 'Asia/Shanghai' },
    lane: { siteId: 's', gateId: 'g', laneId: 'l', direction: 'in', timeZone: 'Asia/Shanghai' },
  });
  const start = (settings = SETTINGS) => {
    service = new DahuaStreamSupervisionService(
      { listStreaming: async () => registry },
      cipher,
      {
        ingest: async (d, push) => (
          reads.push({ deviceId: d.id, push }),
          { kind: 'accepted', openBarrier: false }
        ),
      },
      { publish: async (subject, change) => void statuses.push({ cameraId: subject.cameraId, change }) },
      settings,
      TEST_LIMITS,
      createLogger({ service: 'dahua-stream-service-spec', level: 'fatal' }),
    );
    service.onApplicationBootstrap();
    return service;
  };

  beforeAll(() => camera.start());
  afterEach(async () => {
    await service?.onModuleDestroy();
    service = undefined;
    registry = [];
    camera.setAccount(account);
    camera.cutConnections();
  });
  afterAll(() => camera.stop());

  it('attaches to added cameras, again after an edit, and lets go of removed ones', async () => {
    start();
    registry = [device('v1')];
    await expectEventually(() => expect(camera.attachedCount).toBe(1));
    const attaches = camera.attaches.length;

    // The login changes on the camera and then in the registry: the supervisor restarts with it.
    const changed = { ...account, password: 'Changed-2' };
    camera.setAccount(changed);
    registry = [device('v2', changed)];
    await expectEventually(() => expect(camera.attaches).toHaveLength(attaches + 1));
    await expectEventually(() => expect(camera.attachedCount).toBe(1));
    expect(service!.streaming).toEqual(['itc-1']);

    registry = [];
    await expectEventually(() => expect(camera.attachedCount).toBe(0));
    expect(service!.streaming).toEqual([]);
  });

  it('ingests for the registered device and publishes its status under its enterprise', async () => {
    start();
    registry = [device('v1')];
    await expectEventually(() => expect(camera.attachedCount).toBe(1));
    await camera.emit({
      groupId: 9,
      eventId: 1,
      capturedAt: new Date(),
      plate: '皖A00E66',
      scene: Buffer.from([0xff, 0xd8, 0xff, 0xd9]),
    });
    await expectEventually(() =>
      expect(reads.map((r) => [r.deviceId, r.push.idempotencyKey])).toEqual([['itc-1', '9:1']]),
    );
    expect(statuses).toContainEqual({
      cameraId: 'itc-1',
      change: expect.objectContaining({ status: 'online' }),
    });
  });

  it('takes a login it cannot decrypt as refused; once corrected, the camera has recovered', async () => {
    start();
    statuses.length = 0;
    registry = [{ ...device('v1'), credentialsEncrypted: cipher.encrypt('another-device', account) }];
    await expectEventually(() =>
      expect(statuses.map((s) => [s.change.status, s.change.reason])).toEqual([['offline', 'unauthorised']]),
    );
    expect(camera.attachedCount).toBe(0);
    // The edit restarts the supervisor; the camera's health carries over.
    registry = [device('v2')];
    await expectEventually(() =>
      expect(statuses.map((s) => [s.change.status, s.change.reason])).toEqual([
        ['offline', 'unauthorised'],
        ['recovered', 'reachable'],
      ]),
    );
    expect(camera.attachedCount).toBe(1);
  });

  it('does nothing when disabled', async () => {
    start({ ...SETTINGS, enabled: false });
    registry = [device('v1')];
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(service!.streaming).toEqual([]);
    expect(camera.attachedCount).toBe(0);
  });
});
