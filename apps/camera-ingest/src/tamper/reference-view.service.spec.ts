import { type Principal } from '@ecogate/auth';
import { type ViewSignature } from '@ecogate/camera-tamper';
import { OnvifError } from '@ecogate/onvif';
import { parseEnterpriseId } from '@ecogate/persistence';
import { createLogger } from '@ecogate/telemetry';
import { Writable } from 'node:stream';
import { type CheckableCamera, type NewReferenceView, type ReferenceView } from './reference-view.repository';
import { ReferenceViewService } from './reference-view.service';

const enterpriseId = parseEnterpriseId('ent-1');
const admin: Principal = {
  subject: 'u-7',
  name: 'Admin',
  role: 'enterprise-admin',
  enterprises: ['ent-1'],
  districts: [],
  scopes: [],
};
const camera: CheckableCamera = {
  id: 'cam-1',
  kind: 'anpr-camera',
  vendor: 'onvif',
  enterpriseId,
  address: 'http://127.0.0.1:1',
  credentialsEncrypted: 'x',
  version: 'v1',
  lane: { siteId: 's1', gateId: 'g1', laneId: 'l1', direction: 'in', timeZone: 'Asia/Shanghai' },
};
const signature = { version: 1, width: 2, height: 2 } as unknown as ViewSignature;

function service(options: {
  camera?: CheckableCamera | null;
  exists?: boolean;
  signature?: () => Promise<ViewSignature>;
}) {
  const stored: NewReferenceView[] = [];
  const logged: Record<string, unknown>[] = [];
  const logger = createLogger({
    service: 'reference-view-spec',
    destination: new Writable({
      write(chunk: Buffer, _encoding, done) {
        logged.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    }),
  });
  const views = new ReferenceViewService(
    {
      findCamera: () => Promise.resolve(options.camera === undefined ? camera : options.camera),
      cameraExists: () => Promise.resolve(options.exists ?? true),
      history: () => Promise.resolve([]),
      replace: (view) => {
        stored.push(view);
        const current: ReferenceView = { ...view, id: `v${stored.length}`, replacedAt: null };
        const previous: ReferenceView | null =
          stored.length > 1
            ? { ...(stored[stored.length - 2] as NewReferenceView), id: 'v1', replacedAt: view.takenAt }
            : null;
        return Promise.resolve({ previous, current });
      },
    },
    { take: () => Promise.resolve(Buffer.from('jpeg')) },
    { signature: options.signature ?? (() => Promise.resolve(signature)) },
    {
      store: (_camera, _at, kind, bytes) =>
        Promise.resolve({
          bucket: 'b',
          key: `${kind}/1.jpg`,
          sha256: 'c'.repeat(64),
          contentType: 'image/jpeg',
          bytes: bytes.length,
        }),
    },
    logger,
  );
  return { views, stored, logged };
}

describe('ReferenceViewService', () => {
  it('stores the snapshot, its signature and who took it when and why, and logs the audit line', async () => {
    const { views, stored, logged } = service({});
    const view = await views.take(enterpriseId, 'cam-1', { reason: 'commissioning' }, admin);
    expect(view).toMatchObject({
      id: 'v1',
      takenBy: 'u-7',
      takenByRole: 'enterprise-admin',
      reason: 'commissioning',
      replacedAt: null,
    });
    expect(stored[0]).toMatchObject({ cameraId: 'cam-1', signature, image: { key: 'reference-view/1.jpg' } });
    await views.take(enterpriseId, 'cam-1', { reason: 'moved on purpose' }, admin);
    expect(logged).toEqual([
      expect.objectContaining({
        audit: 'camera-reference-view',
        by: 'u-7',
        reason: 'commissioning',
        before: null,
      }),
      expect.objectContaining({
        audit: 'camera-reference-view',
        reason: 'moved on purpose',
        before: { id: 'v1', imageKey: 'reference-view/1.jpg', takenBy: 'u-7' },
        after: { id: 'v2', imageKey: 'reference-view/1.jpg' },
      }),
    ]);
  });

  it('tells an unknown camera (404) from one it cannot take snapshots of (409)', async () => {
    await expect(
      service({ camera: null, exists: false }).views.take(enterpriseId, 'x', { reason: 'abc' }, admin),
    ).rejects.toMatchObject({
      code: 'not-found',
    });
    await expect(
      service({ camera: null, exists: true }).views.take(enterpriseId, 'x', { reason: 'abc' }, admin),
    ).rejects.toMatchObject({
      code: 'snapshot-unsupported',
    });
  });

  it("stores nothing when the camera's picture is not a readable image (the camera's fault: 502)", async () => {
    const { views, stored } = service({ signature: () => Promise.reject(new Error('cannot decode image')) });
    const taking = views.take(enterpriseId, 'cam-1', { reason: 'commissioning' }, admin);
    await expect(taking).rejects.toBeInstanceOf(OnvifError);
    await expect(taking).rejects.toMatchObject({ code: 'protocol' });
    expect(stored).toEqual([]);
  });
});
