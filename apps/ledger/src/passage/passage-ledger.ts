import { type LedgerPassageRecordedV1, type ObjectRef } from '@ecogate/contracts';
import {
  type Completeness,
  type EmissionStage,
  type EvidenceSource,
  isFuel,
  isPlateColour,
  type StageEvidence,
  strongestEvidence,
  type TransportField,
  transportCompleteness,
} from '@ecogate/domain';
import { type PassageEntity } from './passage.entity';
import { type VehicleEntity } from '../vehicle/vehicle.entity';

/** What the registry knows about the vehicle of a passage (absent when it is unknown). */
export interface KnownVehicle {
  readonly vehicle: VehicleEntity;
  readonly evidence: readonly StageEvidence[];
}

type PassageFacts = Pick<
  PassageEntity,
  | 'plate'
  | 'entryCapturedAt'
  | 'exitCapturedAt'
  | 'entryPhotos'
  | 'exitPhotos'
  | 'stage'
  | 'cargoName'
  | 'cargoTonnes'
  | 'fleet'
>;

const keyOf = (ref: ObjectRef | undefined): string | undefined => ref?.key;

/** Ledger A completeness of a passage with what the registry knows of its vehicle. */
export function passageCompleteness(
  passage: PassageFacts,
  known: KnownVehicle | undefined,
): Completeness<TransportField> {
  const vehicle = known?.vehicle;
  const fleet = passage.fleet ?? vehicle?.fleet ?? undefined;
  return transportCompleteness({
    ...(passage.entryCapturedAt ? { entryAt: passage.entryCapturedAt } : {}),
    ...(passage.exitCapturedAt ? { exitAt: passage.exitCapturedAt } : {}),
    entryPhoto: keyOf(passage.entryPhotos?.vehicle),
    exitPhoto: keyOf(passage.exitPhotos?.vehicle),
    plateImage: keyOf(passage.entryPhotos?.plate ?? passage.exitPhotos?.plate),
    plate: passage.plate,
    registrationDate: vehicle?.registrationDate ?? undefined,
    vin: vehicle?.vin ?? undefined,
    engineNumber: vehicle?.engineNo ?? undefined,
    ...(passage.stage ? { emissionStage: passage.stage } : {}),
    environmentalListImage: vehicle?.inventoryList?.key,
    vehicleLicenceImage: vehicle?.drivingLicence?.key,
    cargoName: passage.cargoName ?? undefined,
    ...(passage.cargoTonnes !== null ? { cargoTonnes: passage.cargoTonnes } : {}),
    ...(fleet ? { fleetName: fleet } : {}),
  } as Parameters<typeof transportCompleteness>[0]);
}

/**
 * The stage the ledger records: the strongest of the registry's evidence and the stage barrier
 * control decided with (domain.md §3).
 */
export function recordedStage(
  known: KnownVehicle | undefined,
  decided: { stage: EmissionStage; source: EvidenceSource } | undefined,
  decidedAt: Date,
): { stage: EmissionStage; source: EvidenceSource } | undefined {
  const candidates: StageEvidence[] = [...(known?.evidence ?? [])];
  if (decided) candidates.push({ ...decided, at: decidedAt });
  const best = strongestEvidence(candidates);
  return best ? { stage: best.stage, source: best.source } : undefined;
}

/**
 * The `ledger.passage.recorded.v1` payload of one direction of a passage, or `undefined` while
 * the emission stage is unknown (the contract requires it; see docs/ledger.md).
 */
export function passageRecordedPayload(
  passage: PassageEntity,
  direction: 'in' | 'out',
  known: KnownVehicle | undefined,
): LedgerPassageRecordedV1 | undefined {
  const side =
    direction === 'in'
      ? {
          gateId: passage.entryGateId,
          laneId: passage.entryLaneId,
          at: passage.entryCapturedAt,
          photos: passage.entryPhotos,
          revision: passage.entryRevision,
        }
      : {
          gateId: passage.exitGateId,
          laneId: passage.exitLaneId,
          at: passage.exitCapturedAt,
          photos: passage.exitPhotos,
          revision: passage.exitRevision,
        };
  if (!passage.stage || !side.gateId || !side.laneId || !side.at || side.revision < 1) return undefined;
  const vehicle = known?.vehicle;
  const fleet = passage.fleet ?? vehicle?.fleet ?? undefined;
  const documents = {
    ...(vehicle?.inventoryList ? { inventoryList: vehicle.inventoryList } : {}),
    ...(vehicle?.drivingLicence ? { drivingLicence: vehicle.drivingLicence } : {}),
  };
  return {
    passageId: passage.id,
    enterpriseId: passage.enterpriseId,
    siteId: passage.siteId,
    gateId: side.gateId,
    laneId: side.laneId,
    direction,
    plate: {
      text: passage.plate,
      colour: isPlateColour(passage.plateColour) ? passage.plateColour : 'unknown',
    },
    ...(vehicle?.vin ? { vin: vehicle.vin } : {}),
    ...(vehicle?.engineNo ? { engineNo: vehicle.engineNo } : {}),
    ...(vehicle?.registrationDate ? { registrationDate: vehicle.registrationDate } : {}),
    emissionStage: passage.stage,
    ...(vehicle?.fuel && isFuel(vehicle.fuel) ? { fuel: vehicle.fuel } : {}),
    capturedAt: side.at.toISOString(),
    photos: {
      ...(side.photos?.vehicle ? { vehicle: side.photos.vehicle } : {}),
      ...(side.photos?.plate ? { plate: side.photos.plate } : {}),
    },
    ...(passage.cargoName
      ? {
          cargo: {
            name: passage.cargoName,
            ...(passage.cargoTonnes !== null ? { tonnes: passage.cargoTonnes } : {}),
          },
        }
      : {}),
    ...(fleet ? { fleet } : {}),
    ...(Object.keys(documents).length > 0 ? { documents } : {}),
    revision: side.revision,
  };
}
