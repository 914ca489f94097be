import { type Principal } from '@ecogate/auth';
import { ViewAnalysisPoolError, type ViewSignature } from '@ecogate/camera-tamper';
import { OnvifError } from '@ecogate/onvif';
import { parseEnterpriseId } from '@ecogate/persistence';
import { createLogger } from '@ecogate/telemetry';
import { Writable } from 'node:stream';
import { HTTP_STATUS_OF, IngestException } from '../push/ingest.exception';
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
const cityOperator: Principal = { ...admin, subject: 'c-3', role: 'city-operator', enterprises: [] };
const camera: CheckableCamera = {
  id: 'cam-1',
  kind: 'anpr-camera',
  vendor: 'onvif',
  enterpriseId,
  address: 'http://127.0.0.1:1',
  credentialsEncrypted: 'x',
  version: 'v1',
  site: { siteId: 's1', timeZone: 'Asia/Shanghai' },
  lane: { siteId: 's1', gateId: 'g1', laneId: 'l1', direction: 'in', timeZone: 'Asia/Shanghai' },
};
const signature = { version: 1, width: 2, height: 2 } as unknown as ViewSignature;

function service(options: {
  camera?: CheckableCamera | null;
  exists?: boolean;
  signature?: () => Promise<ViewSignature>;
}) {
  const stored: NewReferenceView[] = [];
  const snapshots: string[] = [];
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
      current: () =>
        Promise.resolve(
          stored.length > 0 ? ({ ...stored.at(-1), id: 'v', replacedAt: null } as ReferenceView) : null,
        ),
      history: () =>
        Promise.resolve(
          stored
            .map((view, i) => ({ ...view, id: `v${i + 1}`, replacedAt: null }) as ReferenceView)
            .reverse(),
        ),
      replace: (view, { firstOnly }) => {
        if (firstOnly && stored.length > 0)
          return Promise.reject(new Error('replace refused under its lock'));
        stored.push(view);
        const current: ReferenceView = { ...view, id: `v${stored.length}`, replacedAt: null };
        const previous: ReferenceView | null =
          stored.length > 1
            ? { ...(stored[stored.length - 2] as NewReferenceView), id: 'v1', replacedAt: view.takenAt }
            : null;
        return Promise.resolve({ previous, current });
      },
    },
    { take: (taken) => (snapshots.push(taken.id), Promise.resolve(Buffer.from('jpeg'))) },
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
    { presignedGetUrl: (bucket, key, ttl) => Promise.resolve(`http://s3.test/${bucket}/${key}?ttl=${ttl}`) },
    logger,
  );
  return { views, stored, snapshots, logged };
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
    await views.take(enterpriseId, 'cam-1', { reason: 'moved on purpose' }, cityOperator);
    expect(logged).toEqual([
      expect.objectContaining({
        audit: 'camera-reference-view',
        by: 'u-7',
        reason: 'commissioning',
        before: null,
      }),
      expect.objectContaining({
        audit: 'camera-reference-view',
        by: 'c-3',
        role: 'city-operator',
        reason: 'moved on purpose',
        before: { id: 'v1', imageKey: 'reference-view/1.jpg', takenBy: 'u-7' },
        after: { id: 'v2', imageKey: 'reference-view/1.jpg' },
      }),
    ]);
  });

  it("lets the enterprise take a camera's first view but not re-take it: no snapshot, nothing stored", async () => {
    const { views, stored, snapshots } = service({});
    await views.take(enterpriseId, 'cam-1', { reason: 'commissioning' }, admin);
    await expect(views.take(enterpriseId, 'cam-1', { reason: 'camera moved' }, admin)).rejects.toMatchObject({
      code: 'retake-needs-city',
    });
    expect(snapshots).toEqual(['cam-1']);
    expect(stored).toHaveLength(1);
  });

  it("links a take's picture for a minute, and only a take of that camera", async () => {
    const { views } = service({});
    await views.take(enterpriseId, 'cam-1', { reason: 'commissioning' }, admin);
    await expect(views.imageLink(enterpriseId, 'cam-1', 'v1')).resolves.toEqual({
      url: 'http://s3.test/b/reference-view/1.jpg?ttl=60',
      maxAgeSeconds: 50,
    });
    await expect(views.imageLink(enterpriseId, 'cam-1', 'v9')).rejects.toMatchObject({ code: 'not-found' });
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

  it('stores nothing and does not blame the camera when our analysis cannot run (pool busy: retry)', async () => {
    const busy = new ViewAnalysisPoolError('overloaded', 'the view analysis queue is full (16 waiting)');
    const { views, stored } = service({ signature: () => Promise.reject(busy) });
    const taking = views.take(enterpriseId, 'cam-1', { reason: 'commissioning' }, admin);
    await expect(taking).rejects.toBeInstanceOf(IngestException);
    await expect(taking).rejects.toMatchObject({ code: 'analysis-busy', cause: busy, retryAfterSeconds: 5 });
    expect(HTTP_STATUS_OF['analysis-busy']).toBe(503);
    expect(stored).toEqual([]);
  });
});
