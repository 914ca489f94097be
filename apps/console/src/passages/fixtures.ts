/** Tests only: passages as the ledger answers them (JSON: instants as ISO strings). */
import { type RefusedAttemptRow } from './refused-filters';
import { type Passage } from './types';

let serial = 0;

export function passage(overrides: Partial<Passage> = {}): Passage {
  serial += 1;
  return {
    id: `00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`,
    enterpriseId: 'e-1',
    siteId: 's-1',
    plate: '京A12345',
    plateColour: 'blue',
    state: 'completed',
    capturedAt: '2025-01-02T01:00:00.000Z',
    receivedAt: '2025-01-02T01:00:01.000Z',
    entryGateId: 'G1',
    entryLaneId: 'L1',
    entryCapturedAt: '2025-01-02T01:00:00.000Z',
    entryDecisionId: 'dec-1',
    entryVerdict: 'allow',
    entryReasons: ['stage-meets-minimum'],
    entryPhotos: null,
    entryClockDriftMs: null,
    entryReads: null,
    entryManual: null,
    entryRevision: 1,
    exitGateId: 'G2',
    exitLaneId: 'L4',
    exitCapturedAt: '2025-01-02T03:00:00.000Z',
    exitDecisionId: 'dec-2',
    exitVerdict: 'allow',
    exitReasons: ['stage-meets-minimum'],
    exitPhotos: null,
    exitClockDriftMs: null,
    exitReads: null,
    exitManual: null,
    exitRevision: 1,
    stage: 'VI',
    stageSource: 'platform-query',
    cargoName: null,
    cargoTonnes: null,
    fleet: null,
    completeness: 0.8,
    missingFields: ['cargo-name', 'fleet-name'],
    manual: false,
    reviewState: null,
    reviewReasons: null,
    reviewedBy: null,
    reviewedAt: null,
    reviewNote: null,
    revision: 2,
    updatedAt: '2025-01-02T03:00:01.000Z',
    ...overrides,
  };
}

let refusedSerial = 0;

/** A refused attempt as the ledger answers it (拦截记录). */
export function refusedAttempt(overrides: Partial<RefusedAttemptRow> = {}): RefusedAttemptRow {
  refusedSerial += 1;
  return {
    id: `00000000-0000-4000-9000-${String(refusedSerial).padStart(12, '0')}`,
    enterpriseId: 'e-1',
    decisionId: `dec-r-${refusedSerial}`,
    siteId: 's-1',
    gateId: 'east-1',
    laneId: 'lane-in',
    direction: 'in',
    plate: '川JK0707',
    plateColour: 'yellow',
    verdict: 'deny',
    reasons: ['stage-below-minimum'],
    stage: 'IV',
    stageSource: 'platform-query',
    alertLevel: 'none',
    message: {
      zh: '川JK0707：排放阶段不满足要求，禁止通行',
      en: '川JK0707: stage below the minimum, refused',
    },
    manual: false,
    operator: null,
    capturedAt: '2025-01-02T01:00:00.000Z',
    photos: {
      vehicle: {
        bucket: 'captures',
        key: 'e-1/s-1/scene.jpg',
        sha256: 'a'.repeat(64),
        contentType: 'image/jpeg',
        bytes: 1000,
      },
    },
    ...overrides,
  };
}
