import { type TamperKind, type ViewSignature } from '@ecogate/camera-tamper';
import { OnvifError } from '@ecogate/onvif';
import { parseEnterpriseId } from '@ecogate/persistence';
import { createLogger } from '@ecogate/telemetry';
import { type StatusChange } from '../camera-status/camera-health';
import { type StatusSubject } from '../camera-status/camera-status.publisher';
import { type CheckableCamera, type ReferenceView } from './reference-view.repository';
import { type ViewAnalysis } from './view-analysis';
import { ViewCheckService } from './view-check.service';

const enterpriseId = parseEnterpriseId('ent-1');
const camera = (id: string): CheckableCamera => ({
  id,
  kind: 'anpr-camera',
  vendor: 'onvif',
  enterpriseId,
  address: 'http://127.0.0.1:1',
  credentialsEncrypted: 'x',
  version: 'v1',
  site: { siteId: 's1', timeZone: 'Asia/Shanghai' },
  lane: { siteId: 's1', gateId: 'g1', laneId: 'l1', direction: 'in', timeZone: 'Asia/Shanghai' },
});
const signature = { version: 1, width: 1, height: 1 } as unknown as ViewSignature;
const reference = (cameraId: string): ReferenceView => ({
  id: `ref-${cameraId}`,
  cameraId,
  image: {
    bucket: 'b',
    key: `ref/${cameraId}.jpg`,
    sha256: 'a'.repeat(64),
    contentType: 'image/jpeg',
    bytes: 3,
  },
  signature,
  takenBy: 'u1',
  takenByRole: 'enterprise-admin',
  reason: 'commissioning',
  takenAt: new Date('2026-12-01T00:00:00Z'),
  replacedAt: null,
});

/** A world of cameras whose views a test sets; everything the service does is recorded. */
function world(cameraIds: readonly string[], options: { concurrency?: number } = {}) {
  const views = new Map<string, TamperKind | null>(cameraIds.map((id) => [id, null]));
  const failing = new Set<string>();
  const published: { subject: StatusSubject; change: StatusChange }[] = [];
  const saved: { cameraId: string; kind: TamperKind | null }[] = [];
  const stored: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let frames = 0;
  let release: (() => void) | undefined;
  let hold: Promise<void> | undefined;

  const analysis: ViewAnalysis = {
    signature: () => Promise.resolve(signature),
    assess: (_reference, frame) => {
      const kind = JSON.parse(frame.toString()).kind as TamperKind | null;
      return Promise.resolve({ kind, scores: { edgeOverlap: kind ? 0.2 : 0.9, broken: NaN }, reason: 'r' });
    },
    fingerprint: (frame) => Promise.resolve(frame.toString()),
  };
  const service = new ViewCheckService(
    {
      listCheckable: () => Promise.resolve(cameraIds.map(camera)),
      current: (_e, cameraId) => Promise.resolve(reference(cameraId)),
      reportedKind: () => Promise.resolve(null),
      saveReportedKind: (_e, cameraId, kind) => {
        saved.push({ cameraId, kind });
        return Promise.resolve();
      },
    },
    {
      retainOnly: () => undefined,
      take: async (device) => {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        try {
          if (hold) await hold;
          await new Promise((resolve) => setImmediate(resolve));
          if (failing.has(device.id)) throw new OnvifError('unreachable', 'camera off');
          frames += 1;
          return Buffer.from(JSON.stringify({ kind: views.get(device.id), frame: frames }));
        } finally {
          inFlight -= 1;
        }
      },
    },
    analysis,
    {
      store: (_camera, _at, kind, bytes) => {
        const key = `${kind}/${stored.length}.jpg`;
        stored.push(key);
        return Promise.resolve({
          bucket: 'b',
          key,
          sha256: 'b'.repeat(64),
          contentType: 'image/jpeg',
          bytes: bytes.length,
        });
      },
    },
    {
      publish: (subject, change) => {
        published.push({ subject, change });
        return Promise.resolve();
      },
    },
    {
      enabled: false,
      intervalMs: 60_000,
      concurrency: options.concurrency ?? 4,
      workers: 1,
      confirmChecks: 2,
      frozenAfterMs: 60 * 60_000,
    },
    createLogger({ service: 'view-check-spec', level: 'silent' }),
  );
  return {
    service,
    views,
    failing,
    published,
    saved,
    stored,
    maxInFlight: () => maxInFlight,
    holdSnapshots: () => {
      hold = new Promise((resolve) => (release = resolve));
    },
    releaseSnapshots: () => {
      hold = undefined;
      release?.();
    },
  };
}

describe('ViewCheckService', () => {
  it('publishes tampered with the kind and the before/after pair once two runs agree, then recovered', async () => {
    const w = world(['cam-1', 'cam-2']);
    await w.service.tick();
    w.views.set('cam-1', 'covered');
    await w.service.tick();
    expect(w.published).toEqual([]);

    await w.service.tick();
    expect(w.published).toEqual([
      {
        subject: { enterpriseId, cameraId: 'cam-1' },
        change: {
          status: 'tampered',
          reason: 'view-changed',
          at: expect.any(Date),
          tamper: {
            kind: 'covered',
            referenceKey: 'ref/cam-1.jpg',
            currentKey: 'view-check/0.jpg',
            scores: { edgeOverlap: 0.2 },
          },
        },
      },
    ]);
    expect(w.saved).toEqual([{ cameraId: 'cam-1', kind: 'covered' }]);

    w.views.set('cam-1', null);
    await w.service.tick();
    await w.service.tick();
    expect(w.published.map(({ change }) => [change.status, change.reason, change.tamper?.kind])).toEqual([
      ['tampered', 'view-changed', 'covered'],
      ['recovered', 'view-restored', 'covered'],
    ]);
    expect(w.saved.at(-1)).toEqual({ cameraId: 'cam-1', kind: null });
  });

  it('leaves a camera that does not answer to the health supervisor and checks the others', async () => {
    const w = world(['cam-1', 'cam-2']);
    w.failing.add('cam-1');
    w.views.set('cam-1', 'covered');
    w.views.set('cam-2', 'shifted');
    await w.service.tick();
    await w.service.tick();
    expect(w.published.map(({ subject, change }) => [subject.cameraId, change.tamper?.kind])).toEqual([
      ['cam-2', 'shifted'],
    ]);
  });

  it('never starts a run while the previous one is going', async () => {
    const w = world(['cam-1']);
    w.views.set('cam-1', 'blurred');
    w.holdSnapshots();
    const first = w.service.tick();
    const second = w.service.tick();
    w.releaseSnapshots();
    await Promise.all([first, second]);
    // One run only: a single blurred check is not confirmed yet.
    expect(w.published).toEqual([]);
    await w.service.tick();
    expect(w.published.map(({ change }) => change.tamper?.kind)).toEqual(['blurred']);
  });

  it('checks at most `concurrency` cameras at a time', async () => {
    const w = world(['a', 'b', 'c', 'd', 'e', 'f', 'g'], { concurrency: 3 });
    await w.service.tick();
    expect(w.maxInFlight()).toBe(3);
  });
});
