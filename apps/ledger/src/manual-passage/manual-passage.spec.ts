import { LedgerException } from '../errors/ledger.exception';
import {
  checkManualCaptureTime,
  manualDecisionId,
  manualPassageSchema,
  manualRequestHash,
  type ManualPassageRequest,
} from './manual-passage.service';

const now = new Date('2026-12-10T08:00:00Z');
const settings = { retentionFloorDays: 365, maxFutureMs: 300_000 };
const request: ManualPassageRequest = {
  requestId: '6f1c1b9e-8f43-4a53-9b59-5b1b8d9c0001',
  gateId: 'east-1',
  direction: 'in',
  plate: '冀B12345',
  colour: 'yellow',
  capturedAt: '2026-12-10T15:30:00+08:00',
  reason: '相机故障',
};

const codeOf = (run: () => void): string | undefined => {
  try {
    run();
    return undefined;
  } catch (error) {
    return error instanceof LedgerException ? error.code : 'other';
  }
};

describe('manual passage entry', () => {
  it('accepts a capture time between the retention floor and a few minutes ahead', () => {
    expect(
      codeOf(() => checkManualCaptureTime(new Date(now.getTime() - 364 * 86_400_000), now, settings)),
    ).toBeUndefined();
    expect(
      codeOf(() => checkManualCaptureTime(new Date(now.getTime() + 60_000), now, settings)),
    ).toBeUndefined();
  });

  it('refuses a capture in the future or older than the retention floor', () => {
    expect(codeOf(() => checkManualCaptureTime(new Date(now.getTime() + 301_000), now, settings))).toBe(
      'captured-in-future',
    );
    expect(
      codeOf(() => checkManualCaptureTime(new Date(now.getTime() - 366 * 86_400_000), now, settings)),
    ).toBe('captured-before-retention-floor');
  });

  it('hashes the request, not its spelling: key order and the instant’s offset do not matter', () => {
    const reordered = Object.fromEntries(Object.entries(request).reverse()) as ManualPassageRequest;
    expect(manualRequestHash(reordered)).toBe(manualRequestHash(request));
    expect(manualRequestHash({ ...request, capturedAt: '2026-12-10T07:30:00Z' })).toBe(
      manualRequestHash(request),
    );
    expect(manualRequestHash({ ...request, plate: '冀B12346' })).not.toBe(manualRequestHash(request));
    expect(manualRequestHash({ ...request, note: '补录' })).not.toBe(manualRequestHash(request));
  });

  it('claims the request id as a decision id the event contract accepts', () => {
    expect(manualDecisionId(request.requestId)).toMatch(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/);
  });

  it('validates the body: a UUID request id, a colour, a reason', () => {
    expect(manualPassageSchema.safeParse(request).success).toBe(true);
    expect(manualPassageSchema.safeParse({ ...request, requestId: 'retry-1' }).success).toBe(false);
    expect(manualPassageSchema.safeParse({ ...request, reason: ' ' }).success).toBe(false);
    const { colour: _colour, ...noColour } = request;
    expect(manualPassageSchema.safeParse(noColour).success).toBe(false);
  });
});
