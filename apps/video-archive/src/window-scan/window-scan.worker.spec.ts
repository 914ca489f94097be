import { parseEnterpriseId } from '@ecogate/persistence';
import { createLogger } from '@ecogate/telemetry';
import { RecognitionRefusedError } from './plate-recognition.client';
import { type WindowScanEntity } from './window-scan.entity';
import { type LeasedScan, type WindowScanRepository } from './window-scan.repository';
import { WindowScanWorker } from './window-scan.worker';
import { ScanAbortedError, type WindowScanner } from './window-scanner';

const enterpriseId = parseEnterpriseId('ent-1');
const NOW = new Date('2026-12-07T09:00:00Z');

/** The repository calls a run makes, recorded; `lease` hands out the given scans once each. */
function repository(leases: LeasedScan[]) {
  const calls: string[] = [];
  const row = {
    id: 'scan-1',
    fromAt: new Date('2026-12-07T08:00:00Z'),
    toAt: new Date('2026-12-07T08:05:00Z'),
    cameraIds: ['gate-1'],
  } as WindowScanEntity;
  const scans = {
    lease: async () => leases.shift(),
    get: async () => row,
    progress: async () => undefined,
    finish: async (_e: unknown, _id: string, _r: unknown, frames: number) =>
      void calls.push(`finish ${frames}`),
    fail: async (_e: unknown, _id: string, error: string) => void calls.push(`fail ${error}`),
    requeue: async (_e: unknown, _id: string, retryAt: Date, note: string) =>
      void calls.push(`requeue ${retryAt.toISOString()} ${note}`),
    release: async () => void calls.push('release'),
  } as unknown as WindowScanRepository;
  return { scans, calls };
}

const worker = (scans: WindowScanRepository, scan: WindowScanner['scan']) =>
  new WindowScanWorker(
    {
      scans,
      scanner: { scan } as WindowScanner,
      logger: createLogger({ service: 'worker-spec', level: 'silent' }),
      now: () => NOW,
    },
    { pollMs: 1_000, leaseMs: 60_000, settleMs: 0, maxAttempts: 3, retryMs: 30_000 },
  );
const leased = (attempts: number): LeasedScan => ({ enterpriseId, id: 'scan-1', attempts });

describe('WindowScanWorker', () => {
  it('records the result of a scan, then finds nothing more to do', async () => {
    const { scans, calls } = repository([leased(1)]);
    const ran = await worker(scans, async () => ({
      result: { cameras: [], plates: [] },
      frames: 300,
    })).runOnce();
    expect(ran).toBe(1);
    expect(calls).toEqual(['finish 300']);
  });

  it('tries a failed attempt again later, and records it failed after the last attempt', async () => {
    const { scans, calls } = repository([leased(1), leased(3)]);
    await worker(scans, () => Promise.reject(new Error('object store unreachable'))).runOnce();
    expect(calls).toEqual([
      'requeue 2026-12-07T09:00:30.000Z attempt 1 failed: object store unreachable',
      'fail object store unreachable',
    ]);
  });

  it('records a refusal by plate-recognition failed at once (retrying changes nothing)', async () => {
    const { scans, calls } = repository([leased(1)]);
    await worker(scans, () => Promise.reject(new RecognitionRefusedError('refused with 403'))).runOnce();
    expect(calls).toEqual(['fail refused with 403']);
  });

  it('puts a scan stopped with the service back in the queue', async () => {
    const { scans, calls } = repository([leased(1)]);
    await worker(scans, () => Promise.reject(new ScanAbortedError())).runOnce();
    expect(calls).toEqual(['release']);
  });
});
