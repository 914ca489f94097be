import { randomUUID } from 'node:crypto';
import { type PayloadOf } from '@ecogate/contracts';

// Payloads of the live topics for the gateway's tests (unit and integration).

const lane = (enterpriseId: string, laneId = 'lane-1') => ({
  enterpriseId,
  siteId: 'site-1',
  gateId: 'gate-east',
  laneId,
  direction: 'in' as const,
});

const image = {
  bucket: 'captures',
  key: 'ent/2026/11/28/scene.jpg',
  sha256: 'a'.repeat(64),
  contentType: 'image/jpeg',
  bytes: 1024,
};

export function aDecision(
  enterpriseId: string,
  overrides: Partial<PayloadOf<'gate.barrier.decided.v1'>> = {},
): PayloadOf<'gate.barrier.decided.v1'> {
  const now = new Date().toISOString();
  return {
    decisionId: `d-${randomUUID()}`,
    readId: `r-${randomUUID()}`,
    captureId: `c-${randomUUID()}`,
    lane: lane(enterpriseId),
    laneMode: 'auto',
    capturedAt: now,
    decidedAt: now,
    plate: { text: '冀A12345', colour: 'yellow' },
    alertLevel: 'orange',
    verdict: 'deny',
    reasons: ['stage-below-minimum'],
    stage: { stage: 'IV', source: 'platform-query' },
    message: { zh: '冀A12345 国四 禁止通行', en: 'Ji A12345 China IV: entry refused' },
    images: { scene: image, plate: image },
    ...overrides,
  };
}

export function aCommand(enterpriseId: string, decisionId?: string): PayloadOf<'gate.barrier.commanded.v1'> {
  return {
    commandId: `cmd-${randomUUID()}`,
    ...(decisionId ? { decisionId } : {}),
    lane: lane(enterpriseId),
    action: 'open',
    driver: 'onvif-relay',
    trigger: 'manual',
    operator: { id: 'staff-1', reason: '门卫核实放行' },
    outcome: 'done',
    at: new Date().toISOString(),
  };
}

export function aCameraStatus(enterpriseId: string): PayloadOf<'camera.status.changed.v1'> {
  return {
    cameraId: 'cam-east-1',
    enterpriseId,
    status: 'offline',
    reason: 'no answer for 30 s',
    at: new Date().toISOString(),
    clockDriftMs: -1200,
  };
}
