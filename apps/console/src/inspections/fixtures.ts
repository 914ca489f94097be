/** Tests only: an inspection and its indicators as the ledger answers them. */
import { type Indicators, type Inspection } from './inspection-model';

export const INSPECTION_ID = '0b7c5d1e-3f2a-4c6b-8d9e-1a2b3c4d5e6f';

const stages = (values: Partial<Record<string, number>>) => ({
  0: 0,
  none: 0,
  I: 0,
  II: 0,
  III: 0,
  IV: 0,
  V: 0,
  VI: 0,
  VIa: 0,
  VIb: 0,
  electric: 0,
  unknown: 0,
  ...values,
});

const sighting = (plate: string, finding: 'in-ledger' | 'seen-without-passage' | 'unsure') => ({
  plate,
  cameraId: 'cam-east',
  firstSeenAt: '2026-11-05T02:02:40.000Z',
  lastSeenAt: '2026-11-05T02:03:10.000Z',
  frames: 9,
  bestConfidence: finding === 'unsure' ? 0.42 : 0.96,
  trusted: finding !== 'unsure',
  framePath: `/api/video-archive/v1/enterprises/e1/window-scans/s1/frames/${plate}.jpg`,
  passageId: finding === 'in-ledger' ? '44444444-4444-4444-8444-444444444444' : null,
  finding,
});

/** A finished scan: one truck in the ledger, one without a passage, one unsure read, a dark camera. */
export const windowScan = (
  overrides: Partial<NonNullable<Inspection['windows'][number]['scan']>> = {},
): NonNullable<Inspection['windows'][number]['scan']> => ({
  status: 'done',
  scanId: 's1',
  progress: { framesDone: 1200, framesTotal: 1200 },
  error: null,
  failedCalls: 0,
  finishedAt: '2026-12-07T01:00:00.000Z',
  marginSeconds: 120,
  cameras: [
    { cameraId: 'cam-east', videoSeconds: 600, gapSeconds: 0 },
    { cameraId: 'cam-yard', videoSeconds: 0, gapSeconds: 600 },
  ],
  camerasWithoutVideo: ['cam-yard'],
  sightings: [
    sighting('冀B54321', 'in-ledger'),
    sighting('冀Z00001', 'seen-without-passage'),
    sighting('冀Z0000?', 'unsure'),
  ],
  seenWithoutPassage: 1,
  unsure: 1,
  finding: 'vehicles-without-passage',
  ...overrides,
});

/** A passage created then revised, both links under the signed root of its day. */
export const signedProof = (): Inspection['passages'][number]['chainProof'] => ({
  entries: [
    { seq: 41, kind: 'passage-created', hash: 'a1b2c3d4'.repeat(8) },
    { seq: 57, kind: 'passage-revised', hash: `9f8e7d6c${'0'.repeat(52)}beef` },
  ],
  linksChecked: 77,
  linked: true,
  root: { day: '2026-11-02', lastSeq: 117, lastHash: 'c'.repeat(64), keyId: 'cluster-1', verified: true },
  problems: [],
});

export const inspection = (overrides: Partial<Inspection> = {}): Inspection => ({
  id: INSPECTION_ID,
  enterpriseId: 'e1',
  from: '2026-11-01',
  to: '2026-11-30',
  timeZone: 'Asia/Shanghai',
  seed: 'nov-check',
  passagesRequested: 8,
  windowsRequested: 3,
  windowMinutes: 10,
  windowPlacement: 'alert',
  status: 'open',
  createdAt: '2026-12-07T01:00:00.000Z',
  createdBy: '7f1c2a9e-0b8d-4f6e-9a51-3c2d1e0f4b7a',
  createdByName: '王检查',
  closedAt: null,
  closedBy: null,
  closedByName: null,
  marked: 0,
  inconsistent: 0,
  passages: [
    {
      itemId: '11111111-1111-4111-8111-111111111112',
      position: 1,
      passageId: '22222222-2222-4222-8222-222222222222',
      capturedAt: '2026-11-03T02:00:00.000Z',
      passage: null,
      chainProof: { entries: [], linksChecked: 0, linked: false, root: null, problems: [] },
      verdict: null,
      note: null,
      markedAt: null,
      markedBy: null,
      markedByName: null,
    },
    {
      itemId: '11111111-1111-4111-8111-111111111111',
      position: 0,
      passageId: '22222222-2222-4222-8222-222222222221',
      capturedAt: '2026-11-02T01:30:00.000Z',
      passage: {
        plate: '冀A12345',
        plateColour: 'yellow',
        stage: 'VI',
        stageSource: 'document',
        state: 'completed',
        manual: false,
        completeness: 0.75,
        missingFields: ['cargo-name', 'fleet-name'],
        cargoName: null,
        cargoTonnes: 31.5,
        fleet: null,
        entryCapturedAt: '2026-11-02T01:30:00.000Z',
        entryGateId: 'g1',
        exitCapturedAt: '2026-11-02T03:00:00.000Z',
        exitGateId: 'g1',
        clipsPath: '/api/video-archive/v1/enterprises/e1/passages/p1/clips',
        photos: [
          { side: 'entry', kind: 'scene', path: '/photos/entry-scene.jpg' },
          { side: 'exit', kind: 'plate', path: '/photos/exit-plate.jpg' },
        ],
        documents: [
          {
            kind: 'inventory-list',
            path: '/documents/list.pdf',
            document: { bucket: 'b', key: 'k', bytes: 10, contentType: 'application/pdf', sha256: 'x' },
          },
        ],
        stageReview: null,
        auditTrail: [
          { action: 'complete', actor: 'staff-li', at: '2026-11-02T04:00:00.000Z', before: {}, after: {} },
        ],
      },
      chainProof: signedProof(),
      verdict: null,
      note: null,
      markedAt: null,
      markedBy: null,
      markedByName: null,
    },
  ],
  windows: [
    {
      itemId: '33333333-3333-4333-8333-333333333333',
      position: 0,
      from: '2026-11-05T02:00:00.000Z',
      until: '2026-11-05T02:10:00.000Z',
      playlistPathTemplate:
        '/api/video-archive/v1/enterprises/e1/cameras/{cameraId}/playlist.m3u8?from=2026-11-05T02:00:00.000Z&to=2026-11-05T02:10:00.000Z',
      passages: [
        {
          id: '44444444-4444-4444-8444-444444444444',
          plate: '冀B54321',
          plateColour: 'blue',
          stage: 'V',
          manual: false,
          entryCapturedAt: '2026-11-05T02:03:00.000Z',
          entryLaneId: 'l1',
          exitCapturedAt: null,
          exitLaneId: null,
        },
      ],
      verdict: 'consistent',
      note: null,
      markedAt: '2026-12-07T01:10:00.000Z',
      markedBy: '7f1c2a9e-0b8d-4f6e-9a51-3c2d1e0f4b7a',
      markedByName: '王检查',
      scan: windowScan(),
      scanUnavailableReason: null,
    },
  ],
  ...overrides,
});

export const indicators = (): Indicators => ({
  from: '2026-11-01',
  to: '2026-11-30',
  trips: 10,
  completeness: { complete: 7, rate: 0.7, average: 0.925 },
  stageShares: {
    trips: {
      total: 10,
      counts: stages({ VI: 6, V: 3, unknown: 1 }),
      shares: stages({ VI: 0.6, V: 0.3, unknown: 0.1 }),
    },
    tonnes: {
      total: 300,
      tripsWithoutTonnes: 0,
      amounts: stages({ VI: 200, V: 100 }),
      shares: stages({ VI: 2 / 3, V: 1 / 3 }),
    },
  },
  stageSources: {
    counts: { document: 4, 'platform-query': 5, inferred: 0, manual: 1, unknown: 0 },
    shares: { document: 0.4, 'platform-query': 0.5, inferred: 0, manual: 0.1, unknown: 0 },
  },
  dailyVehicles: {
    alertDays: ['2026-11-05', '2026-11-06'],
    alertDayAverage: 4.5,
    otherDayAverage: 7.25,
    otherDayCount: 28,
  },
  outages: {
    status: 'available',
    count: 3,
    seconds: 1860,
    filed: 2,
    unfiled: 1,
    unfiledSeconds: 60,
    camerasUnfiled: ['cam-yard'],
  },
  violations: {
    tailgating: 1,
    cuttingIn: 1,
    reversing: 0,
    uTurn: 0,
    openedWithoutDecision: 1,
    other: 0,
    total: 3,
  },
  tampering: {
    count: 2,
    seconds: 5400,
    cameras: [{ cameraId: 'cam-yard', count: 2, seconds: 5400, kinds: ['covered', 'shifted'] }],
    open: 1,
  },
  loadingAreaAnomalies: {
    byKind: {
      'seen-without-entry': 2,
      'entry-without-exit': 0,
      'exit-without-entry': 2,
      'refused-seen-inside': 0,
      'below-minimum-stage-during-alert': 0,
    },
    total: 4,
  },
});
