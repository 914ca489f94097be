import { parseEnterpriseId } from '@ecogate/persistence';
import { blankPassage } from '../passage/blank-passage';
import { type VehicleEntity } from '../vehicle/vehicle.entity';
import { type InspectionEntity, type InspectionItemEntity } from './inspection.entity';
import { inspectionView, isPassageItem, isWindowItem } from './inspection-view';
import { type PassageChainProof } from './passage-chain-proof';

const ref = (key: string) => ({
  bucket: 'ledger',
  key,
  sha256: 'a'.repeat(64),
  contentType: 'image/jpeg',
  bytes: 10,
});
const ENTERPRISE = 'ent 1';
const passage = {
  ...blankPassage({
    enterpriseId: parseEnterpriseId('ent-1'),
    siteId: 'site-1',
    plate: '冀A12345',
    plateColour: 'yellow',
    state: 'inside',
    capturedAt: new Date('2026-03-10T01:00:00Z'),
    receivedAt: new Date('2026-03-10T01:00:01Z'),
    stage: { stage: 'VI', source: 'document' },
  }),
  enterpriseId: ENTERPRISE,
  entryPhotos: { vehicle: ref('scene.jpg'), plate: ref('plate.jpg') },
  exitPhotos: { plate: ref('exit-plate.jpg') },
};
const vehicle = {
  enterpriseId: ENTERPRISE,
  plate: '冀A12345',
  inventoryList: null,
  drivingLicence: ref('dl.pdf'),
};
const inspection = {
  id: 'insp-1',
  enterpriseId: ENTERPRISE,
  fromDate: '2026-03-01',
  toDate: '2026-03-31',
  status: 'open',
  createdBy: '7f1c2a9e-0b8d-4f6e-9a51-3c2d1e0f4b7a',
  createdByName: '王检查',
  closedBy: null,
  closedByName: null,
} as InspectionEntity;
const item = (over: Partial<InspectionItemEntity>): InspectionItemEntity => ({
  id: 'item',
  enterpriseId: ENTERPRISE,
  inspectionId: 'insp-1',
  kind: 'passage',
  position: 0,
  passageId: null,
  passageCapturedAt: null,
  windowFrom: null,
  windowUntil: null,
  verdict: null,
  note: null,
  markedBy: null,
  markedByName: null,
  markedAt: null,
  scanState: null,
  scanId: null,
  scan: null,
  scanAttempts: 0,
  scanError: null,
  scanDueAt: null,
  ...over,
});

const proof: PassageChainProof = {
  entries: [{ seq: 12, kind: 'passage-created', hash: 'b'.repeat(64) }],
  linksChecked: 40,
  linked: true,
  root: { day: '2026-03-10', lastSeq: 51, lastHash: 'c'.repeat(64), keyId: 'cluster-1', verified: true },
  problems: [],
};

describe('inspectionView', () => {
  const items = [
    item({ id: 'p', passageId: passage.id, passageCapturedAt: passage.capturedAt }),
    item({
      id: 'gone',
      passageId: 'dropped',
      passageCapturedAt: passage.capturedAt,
      position: 1,
      verdict: 'consistent',
      markedBy: '7f1c2a9e-0b8d-4f6e-9a51-3c2d1e0f4b7a',
      markedByName: '王检查',
    }),
    item({
      id: 'w',
      kind: 'window',
      windowFrom: new Date('2026-03-10T00:50:00Z'),
      windowUntil: new Date('2026-03-10T01:00:00Z'),
      verdict: 'inconsistent',
      note: '缺记录',
    }),
  ];
  const view = inspectionView(
    inspection,
    items.filter(isPassageItem),
    items.filter(isWindowItem),
    new Map([
      [passage.id, { passage, vehicle: vehicle as VehicleEntity, trail: [] }],
      ['dropped', { passage: null, vehicle: null, trail: [] }],
    ]),
    new Map([[passage.id, proof]]),
    new Map([['w', [passage]]]),
    { archiveConfigured: true, passages: new Map() },
  );

  it("links only the photos and documents the passage has, through the gateway's paths", () => {
    const [sampled] = view.passages;
    const base = `/api/ledger/v1/enterprises/ent%201`;
    expect(sampled?.passage?.photos).toEqual([
      { side: 'entry', kind: 'scene', path: `${base}/passages/${passage.id}/photos/entry/scene` },
      { side: 'entry', kind: 'plate', path: `${base}/passages/${passage.id}/photos/entry/plate` },
      { side: 'exit', kind: 'plate', path: `${base}/passages/${passage.id}/photos/exit/plate` },
    ]);
    expect(sampled?.passage?.documents).toEqual([
      {
        kind: 'driving-licence',
        document: ref('dl.pdf'),
        path: `${base}/vehicles/${encodeURIComponent('冀A12345')}/documents/driving-licence`,
      },
    ]);
    expect(sampled?.passage).toMatchObject({ stage: 'VI', stageSource: 'document', stageReview: null });
  });

  it("shows the sampled vehicle's stage disagreement with each source's stage", () => {
    const review = {
      vehicleId: 'v-1',
      enterpriseId: 'ent 1',
      plate: '冀A12345',
      state: 'open' as const,
      sources: [
        { source: 'document' as const, stage: 'V' as const, at: '2026-03-01T00:00:00.000Z' },
        { source: 'manual' as const, stage: 'VI' as const, at: '2026-03-02T00:00:00.000Z' },
      ],
      flaggedAt: new Date('2026-03-02T00:00:00Z'),
      resolvedBy: null,
      resolvedAt: null,
      note: null,
    };
    const withReview = inspectionView(
      inspection,
      items.filter(isPassageItem).slice(0, 1),
      [],
      new Map([[passage.id, { passage, vehicle: vehicle as VehicleEntity, trail: [], stageReview: review }]]),
      new Map(),
      new Map(),
      { archiveConfigured: true, passages: new Map() },
    );
    expect(withReview.passages[0]?.passage?.stageReview).toMatchObject({
      state: 'open',
      sources: [
        { source: 'document', stage: 'V' },
        { source: 'manual', stage: 'VI' },
      ],
    });
  });

  it('keeps a passage retention dropped as an item without its record, and counts the marks', () => {
    expect(view.passages[1]).toMatchObject({ passageId: 'dropped', passage: null, verdict: 'consistent' });
    expect(view.marked).toBe(2);
    expect(view.inconsistent).toBe(1);
  });

  it('gives each sampled passage its chain proof, and a passage without one an empty, unlinked proof', () => {
    expect(view.passages[0]?.chainProof).toEqual(proof);
    expect(view.passages[1]?.chainProof).toEqual({
      entries: [],
      linksChecked: 0,
      linked: false,
      root: null,
      problems: [],
    });
  });

  it('carries the display names next to the account ids', () => {
    expect(view).toMatchObject({ createdByName: '王检查', closedBy: null, closedByName: null });
    expect(view.passages[1]).toMatchObject({
      markedBy: '7f1c2a9e-0b8d-4f6e-9a51-3c2d1e0f4b7a',
      markedByName: '王检查',
    });
  });

  it("builds the window's playlist path for the console to fill in each camera", () => {
    expect(view.windows[0]?.playlistPathTemplate).toBe(
      '/api/video-archive/v1/enterprises/ent%201/cameras/{cameraId}/playlist.m3u8' +
        '?from=2026-03-10T00%3A50%3A00.000Z&to=2026-03-10T01%3A00%3A00.000Z',
    );
    expect(view.windows[0]?.passages.map((p) => p.plate)).toEqual(['冀A12345']);
  });

  it('says a window has no scan when the ledger has no video archive, rather than finding nothing', () => {
    const [window] = inspectionView(
      inspection,
      [],
      items.filter(isWindowItem),
      new Map(),
      new Map(),
      new Map(),
      {
        archiveConfigured: false,
        passages: new Map(),
      },
    ).windows;
    expect(window).toMatchObject({ scan: null, scanUnavailableReason: 'video-archive-not-configured' });
    expect(view.windows[0]).toMatchObject({
      scan: { status: 'requesting', sightings: [], finding: 'pending' },
      scanUnavailableReason: null,
    });
  });
});
