import { parseEnterpriseId } from '@ecogate/persistence';
import { enterpriseIndicators } from '../inspection/inspection-indicators';
import { type InspectionEntity, type InspectionItemEntity } from '../inspection/inspection.entity';
import { inspectionView } from '../inspection/inspection-view';
import { blankPassage } from '../passage/blank-passage';
import { type ReportInput } from './report-document';

/** A closed inspection of one passage (marked inconsistent) and one window, for the report's specs. */
export function reportFixture(overrides: Partial<ReportInput> = {}): ReportInput {
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
    entryCapturedAt: new Date('2026-03-10T01:00:00Z'),
    missingFields: ['cargoTonnes'],
    completeness: 0.8,
  };
  const inspection = {
    id: 'insp-1',
    enterpriseId: 'ent-1',
    fromDate: '2026-03-01',
    toDate: '2026-03-31',
    seed: 'seed-42',
    windowPlacement: 'alert',
    status: 'closed',
    createdBy: 'inspector-7',
    createdByName: '王检查',
    createdAt: new Date('2026-04-01T01:00:00Z'),
    closedBy: 'inspector-7',
    closedByName: '王检查',
    closedAt: new Date('2026-04-01T02:00:00Z'),
  } as InspectionEntity;
  const base = {
    enterpriseId: 'ent-1',
    inspectionId: 'insp-1',
    position: 0,
    markedBy: 'inspector-7',
    markedByName: '王检查',
    markedAt: new Date('2026-04-01T01:30:00Z'),
    scanState: null,
    scanId: null,
    scan: null,
    scanAttempts: 0,
    scanError: null,
    scanDueAt: null,
  };
  const passageItem = {
    ...base,
    id: 'p',
    kind: 'passage',
    passageId: passage.id,
    passageCapturedAt: passage.capturedAt,
    windowFrom: null,
    windowUntil: null,
    verdict: 'inconsistent',
    note: '随车清单与车辆不符',
  } satisfies InspectionItemEntity;
  const windowItem = {
    ...base,
    id: 'w',
    kind: 'window',
    passageId: null,
    passageCapturedAt: null,
    windowFrom: new Date('2026-03-11T02:00:00Z'),
    windowUntil: new Date('2026-03-11T02:10:00Z'),
    verdict: 'consistent',
    note: null,
  } satisfies InspectionItemEntity;
  const view = inspectionView(
    inspection,
    [passageItem],
    [windowItem],
    new Map([[passage.id, { passage, vehicle: null, trail: [] }]]),
    new Map(),
    new Map([['w', [passage]]]),
    { archiveConfigured: true, passages: new Map() },
  );
  return {
    inspection: view,
    indicators: enterpriseIndicators(
      { from: '2026-03-01', to: '2026-03-02' },
      [
        {
          day: '2026-03-01',
          stage: 'VI',
          stageSource: 'document',
          fuel: 'diesel',
          tonnes: 30,
          trips: 4,
          complete: 3,
          completenessSum: 3.6,
        },
      ],
      [{ day: '2026-03-01', vehicles: 4 }],
      [],
    ),
    chain: { ok: true, entries: 1234, first: null },
    keyFingerprint: 'ab12:cd34',
    packSha256: null,
    generatedAt: new Date('2026-04-01T03:00:00Z'),
    ...overrides,
  };
}
