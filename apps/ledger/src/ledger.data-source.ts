import { dataSourceOptions, type RegisteredDataSource } from '@ecogate/persistence';
import { AlertLevelEntity } from './alert/alert-level.entity';
import { AuditLogEntity } from './audit/audit-log.entity';
import { EmergencyPlanEntity } from './emergency-plan/emergency-plan.entity';
import { ExportJobEntity } from './export/export-job.entity';
import { InPlantVehicleEntity } from './in-plant/in-plant-vehicle.entity';
import { MachineryEntity } from './machinery/machinery.entity';
import { CreateLedger1796200000000 } from './migrations/1796200000000-CreateLedger';
import { CreateEmergencyPlans1796300000000 } from './migrations/1796300000000-CreateEmergencyPlans';
import { PartitionPassages1796400000000 } from './migrations/1796400000000-PartitionPassages';
import { CreateRetentionPolicies1796500000000 } from './migrations/1796500000000-CreateRetentionPolicies';
import { CreateInPlantAndMachinery1796600000000 } from './migrations/1796600000000-CreateInPlantAndMachinery';
import { AddPassageReceiptTime1796700000000 } from './migrations/1796700000000-AddPassageReceiptTime';
import { AddPassageReviewAndManualEntry1796800000000 } from './migrations/1796800000000-AddPassageReviewAndManualEntry';
import { CreateEnterpriseProfiles1796900000000 } from './migrations/1796900000000-CreateEnterpriseProfiles';
import { AddRefusedAttemptDetails1797000000000 } from './migrations/1797000000000-AddRefusedAttemptDetails';
import { CreateInspections1797300000000 } from './migrations/1797300000000-CreateInspections';
import { AddWindowScansAndViolations1797420000000 } from './migrations/1797420000000-AddWindowScansAndViolations';
import { GateViolationEntity } from './violations/gate-violation.entity';
import { CreateEvidencePacks1797450000000 } from './migrations/1797450000000-CreateEvidencePacks';
import { AddInspectionActorNames1797500000000 } from './migrations/1797500000000-AddInspectionActorNames';
import { CreateCameraStatuses1797620000000 } from './migrations/1797620000000-CreateCameraStatuses';
import { AddCameraStatusTamper1797710000000 } from './migrations/1797710000000-AddCameraStatusTamper';
import { CameraStatusEntity } from './camera-status/camera-status.entity';
import { CameraTamperEpisodeEntity } from './camera-status/camera-tamper-episode.entity';
import { CreateCameraTamperEpisodes1797730000000 } from './migrations/1797730000000-CreateCameraTamperEpisodes';
import { CreateLoadingAreaSightings1797720000000 } from './migrations/1797720000000-CreateLoadingAreaSightings';
import { LoadingAreaAnomalyEntity } from './loading-areas/loading-area-anomaly.entity';
import { LoadingAreaSightingEntity } from './loading-areas/loading-area-sighting.entity';
import { EvidencePackEntity } from './evidence-pack/evidence-pack.entity';
import { InspectionEntity, InspectionItemEntity } from './inspection/inspection.entity';
import { CreateLedgerChain1797100000000 } from './migrations/1797100000000-CreateLedgerChain';
import { EnterpriseProfileEntity } from './enterprise-directory/enterprise-profile.entity';
import { CreateExportJobs1796850000000 } from './migrations/1796850000000-CreateExportJobs';
import { PassageDecisionEntity } from './passage/passage-decision.entity';
import { PassageEntity } from './passage/passage.entity';
import { RefusedAttemptEntity } from './passage/refused-attempt.entity';
import { RetentionPolicyEntity } from './retention/retention-policy.entity';
import { VehicleStageEvidenceEntity } from './vehicle/vehicle-stage-evidence.entity';
import { VehicleEntity } from './vehicle/vehicle.entity';
import { StageLookupCacheEntity, VehicleStageLookupEntity } from './stage-lookup/stage-lookup.entity';
import { AddStageLookups1797610000000 } from './migrations/1797610000000-AddStageLookups';
import { CreateVehicleDocumentReads1797600000000 } from './migrations/1797600000000-CreateVehicleDocumentReads';
import { VehicleDocumentReadEntity } from './document-reads/vehicle-document-read.entity';
import { VehicleStageReviewEntity } from './stage-review/vehicle-stage-review.entity';

// ledger's schema. `npm run migrations:check` finds this file by its `*.data-source.ts` name.
export const ledgerEntities = [
  VehicleEntity,
  VehicleStageEvidenceEntity,
  PassageEntity,
  PassageDecisionEntity,
  RefusedAttemptEntity,
  AlertLevelEntity,
  AuditLogEntity,
  EmergencyPlanEntity,
  RetentionPolicyEntity,
  InPlantVehicleEntity,
  MachineryEntity,
  EnterpriseProfileEntity,
  ExportJobEntity,
  InspectionEntity,
  InspectionItemEntity,
  GateViolationEntity,
  EvidencePackEntity,
  VehicleStageLookupEntity,
  StageLookupCacheEntity,
  VehicleDocumentReadEntity,
  VehicleStageReviewEntity,
  CameraStatusEntity,
  LoadingAreaSightingEntity,
  LoadingAreaAnomalyEntity,
  CameraTamperEpisodeEntity,
];
/** In timestamp order; append new ones, never edit one that has shipped. */
export const ledgerMigrations = [
  CreateLedger1796200000000,
  CreateEmergencyPlans1796300000000,
  PartitionPassages1796400000000,
  CreateRetentionPolicies1796500000000,
  CreateInPlantAndMachinery1796600000000,
  AddPassageReceiptTime1796700000000,
  AddPassageReviewAndManualEntry1796800000000,
  CreateExportJobs1796850000000,
  CreateEnterpriseProfiles1796900000000,
  AddRefusedAttemptDetails1797000000000,
  CreateLedgerChain1797100000000,
  CreateInspections1797300000000,
  AddWindowScansAndViolations1797420000000,
  CreateEvidencePacks1797450000000,
  AddInspectionActorNames1797500000000,
  CreateVehicleDocumentReads1797600000000,
  AddStageLookups1797610000000,
  CreateCameraStatuses1797620000000,
  AddCameraStatusTamper1797710000000,
  CreateLoadingAreaSightings1797720000000,
  CreateCameraTamperEpisodes1797730000000,
];

export const registeredDataSource: RegisteredDataSource = {
  name: 'ledger',
  options: (url) =>
    dataSourceOptions({
      url,
      entities: ledgerEntities,
      migrations: ledgerMigrations,
      name: 'migrations-check',
    }),
};
