import { ledgerPassageRecordedV1 } from '@ecogate/contracts';
import { isPassage } from '../record-decision/record-decision.service';
import { aDecision } from '../testing/ledger-test-kit';
import { type VehicleEntity } from '../vehicle/vehicle.entity';
import { passageCompleteness, passageRecordedPayload, recordedStage } from './passage-ledger';
import { type PassageEntity } from './passage.entity';
import { decodeCursor, encodeCursor } from '../query-passages/query-passages.service';

const ref = (key: string) => ({
  bucket: 'ecogate-photos',
  key,
  sha256: 'b'.repeat(64),
  contentType: 'image/jpeg',
  bytes: 1,
});
const at = new Date('2026-12-01T02:00:00Z');

function aPassage(overrides: Partial<PassageEntity> = {}): PassageEntity {
  return {
    id: '6f1c1b9e-8f43-4a53-9b59-5b1b8d9c0001',
    enterpriseId: 'ent-a',
    siteId: 'site-1',
    plate: '冀B12345',
    plateColour: 'yellow',
    state: 'inside',
    capturedAt: at,
    receivedAt: at,
    entryGateId: 'east-1',
    entryLaneId: 'lane-in',
    entryCapturedAt: at,
    entryDecisionId: 'd-1',
    entryVerdict: 'allow',
    entryReasons: [],
    entryPhotos: { vehicle: ref('scene.jpg'), plate: ref('plate.jpg') },
    entryClockDriftMs: null,
    entryReads: null,
    entryManual: null,
    entryRevision: 1,
    exitGateId: null,
    exitLaneId: null,
    exitCapturedAt: null,
    exitDecisionId: null,
    exitVerdict: null,
    exitReasons: null,
    exitPhotos: null,
    exitClockDriftMs: null,
    exitReads: null,
    exitManual: null,
    exitRevision: 0,
    stage: 'VI',
    stageSource: 'platform-query',
    cargoName: null,
    cargoTonnes: null,
    fleet: null,
    completeness: 0,
    missingFields: [],
    manual: false,
    reviewState: null,
    reviewReasons: null,
    reviewedBy: null,
    reviewedAt: null,
    reviewNote: null,
    revision: 1,
    updatedAt: at,
    ...overrides,
  };
}

const vehicle: VehicleEntity = {
  id: '6f1c1b9e-8f43-4a53-9b59-5b1b8d9c0002',
  enterpriseId: 'ent-a',
  plate: '冀B12345',
  plateColour: 'yellow',
  vin: 'LFWSRXRJ8M1E00001',
  engineNo: 'CA6DM3',
  disclosureNumber: null,
  registrationDate: '2021-03-15',
  category: null,
  fuel: 'diesel',
  fleet: '自有',
  inventoryList: null,
  drivingLicence: ref('dl.jpg'),
  updatedAt: at,
};

describe('passage ledger rules', () => {
  it('a vehicle still inside with a registered vehicle lacks only cargo', () => {
    const result = passageCompleteness(aPassage(), { vehicle, evidence: [] });
    expect(result.missing).toEqual(['cargo-name', 'cargo-quantity']);
  });

  it('an unknown vehicle misses its registry fields', () => {
    expect(passageCompleteness(aPassage(), undefined).missing).toEqual(
      expect.arrayContaining(['vin', 'engine-number', 'registration-date', 'vehicle-document', 'fleet-name']),
    );
  });

  it('the registry evidence beats a weaker stage from the decision', () => {
    const evidence = [{ stage: 'V' as const, source: 'document' as const, at }];
    expect(recordedStage({ vehicle, evidence }, { stage: 'VI', source: 'inferred' }, at)).toEqual({
      stage: 'V',
      source: 'document',
    });
    expect(recordedStage(undefined, undefined, at)).toBeUndefined();
  });

  it('builds a payload the contract accepts, and none while the stage is unknown', () => {
    const payload = passageRecordedPayload(aPassage({ cargoName: '煤', cargoTonnes: 30 }), 'in', {
      vehicle,
      evidence: [],
    });
    expect(ledgerPassageRecordedV1.parse(payload)).toMatchObject({
      direction: 'in',
      revision: 1,
      cargo: { name: '煤', tonnes: 30 },
      fleet: '自有',
      documents: { drivingLicence: ref('dl.jpg') },
    });
    expect(passageRecordedPayload(aPassage({ stage: null }), 'in', undefined)).toBeUndefined();
    expect(passageRecordedPayload(aPassage(), 'out', undefined)).toBeUndefined();
  });

  it('only allow decisions and record-only lanes make passages', () => {
    expect(isPassage(aDecision())).toBe(true);
    expect(isPassage(aDecision({ verdict: 'deny' }))).toBe(false);
    expect(isPassage(aDecision({ verdict: 'needs-review', laneMode: 'record-only' }))).toBe(true);
  });

  it('round-trips a cursor and refuses a forged one', () => {
    const row = { capturedAt: at, id: '6f1c1b9e-8f43-4a53-9b59-5b1b8d9c0001' };
    expect(decodeCursor(encodeCursor(row))).toEqual(row);
    expect(() => decodeCursor('bm90LWEtY3Vyc29y')).toThrow('cursor');
  });
});
