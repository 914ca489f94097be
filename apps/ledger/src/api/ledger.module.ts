import { type DynamicModule, Module } from '@nestjs/common';
import { KnownPlatesController } from '../known-plates/known-plates.controller';
import { KnownPlatesService } from '../known-plates/known-plates.service';
import { AlertLevelService } from '../alert-level/alert-level.service';
import { CompletePassageService } from '../complete-passage/complete-passage.service';
import { EmergencyPlanController } from '../emergency-plan/emergency-plan.controller';
import { EmergencyPlanService } from '../emergency-plan/emergency-plan.service';
import { RetentionPolicyController } from '../retention/retention-policy.controller';
import { RetentionPolicyService } from '../retention/retention-policy.service';
import {
  VEHICLE_DOCUMENTS_MAX_BYTES,
  VehicleDocumentsController,
} from '../vehicle-documents/vehicle-documents.controller';
import { VehicleDocumentsService } from '../vehicle-documents/vehicle-documents.service';
import { InPlantVehicleController } from '../in-plant/in-plant-vehicle.controller';
import { InPlantVehicleService } from '../in-plant/in-plant-vehicle.service';
import { MachineryController } from '../machinery/machinery.controller';
import { MachineryService } from '../machinery/machinery.service';
import { BarrierDecidedConsumer } from '../intake/barrier-decided.consumer';
import { DeadLetterReplayService } from '../dead-letters/dead-letter-replay.service';
import { DeadLettersController } from '../dead-letters/dead-letters.controller';
import { CityExportsController, EnterpriseExportsController } from '../export/export.controller';
import { ExportService } from '../export/export.service';
import { QueryPassagesService } from '../query-passages/query-passages.service';
import { RecordDecisionService } from '../record-decision/record-decision.service';
import { VehicleRegistryService } from '../vehicle-registry/vehicle-registry.service';
import { LedgerController } from './ledger.controller';
import { ManualPassageController } from '../manual-passage/manual-passage.controller';
import { ManualPassageService } from '../manual-passage/manual-passage.service';
import { PassagePhotosController } from '../photos/passage-photos.controller';
import { PassagePhotosService } from '../photos/passage-photos.service';
import { ReviewItemsController } from '../review/review-items.controller';
import { ReviewItemsService } from '../review/review-items.service';
import { StatisticsController } from '../statistics/statistics.controller';
import { StatisticsSummaryService } from '../statistics/statistics-summary.service';
import { DistrictStatisticsController } from '../statistics/district-statistics.controller';
import { DistrictStatisticsService } from '../statistics/district-statistics.service';
import { AlertViewController } from '../alert-view/alert-view.controller';
import { AlertViewService } from '../alert-view/alert-view.service';
import { CameraStatusConsumer } from '../camera-status/camera-status.consumer';
import { CameraStatusService } from '../camera-status/camera-status.service';
import { TamperEpisodesController } from '../camera-status/tamper-episodes.controller';
import { TamperEpisodesService } from '../camera-status/tamper-episodes.service';
import { EnterpriseRegisteredConsumer } from '../enterprise-directory/enterprise-registered.consumer';
import { EnterpriseProfiles } from '../enterprise-directory/enterprise-profiles';
import { ChainController } from '../chain/chain.controller';
import { ChainVerificationService } from '../chain/chain-verification.service';
import { StageLookupController } from '../stage-lookup/stage-lookup.controller';
import { StageLookupService } from '../stage-lookup/stage-lookup.service';
import { RefusedAttemptsController } from '../refused-attempts/refused-attempts.controller';
import { RefusedAttemptsService } from '../refused-attempts/refused-attempts.service';
import {
  InspectionController,
  InspectionsAcrossEnterprisesController,
} from '../inspection/inspection.controller';
import { LoadingAreaSightingConsumer } from '../loading-areas/loading-area-sighting.consumer';
import { LoadingAreasController } from '../loading-areas/loading-areas.controller';
import { LoadingAreasService } from '../loading-areas/loading-areas.service';
import { ViolationDetectedConsumer } from '../violations/violation-detected.consumer';
import { ViolationsController } from '../violations/violations.controller';
import { ViolationsService } from '../violations/violations.service';
import { InspectionService } from '../inspection/inspection.service';
import { EvidencePackController } from '../evidence-pack/evidence-pack.controller';
import { EvidencePackService } from '../evidence-pack/evidence-pack.service';
import { InspectionReportService } from '../inspection-report/inspection-report.service';
import { DocumentReadsController } from '../document-reads/document-reads.controller';
import { DocumentReadsService } from '../document-reads/document-reads.service';
import { StageReviewController } from '../stage-review/stage-review.controller';
import { StageReviewService } from '../stage-review/stage-review.service';

export interface LedgerDependencies {
  readonly recordDecision: RecordDecisionService;
  readonly passages: QueryPassagesService;
  readonly complete: CompletePassageService;
  readonly vehicles: VehicleRegistryService;
  readonly alerts: AlertLevelService;
  readonly emergencyPlans: EmergencyPlanService;
  readonly retentionPolicies: RetentionPolicyService;
  readonly documents: VehicleDocumentsService;
  readonly documentMaxBytes: number;
  readonly inPlantVehicles: InPlantVehicleService;
  readonly machinery: MachineryService;
  readonly deadLetters: DeadLetterReplayService;
  // The console's routes (issue #13).
  readonly photos: PassagePhotosService;
  readonly reviews: ReviewItemsService;
  readonly manualPassages: ManualPassageService;
  readonly statistics: StatisticsSummaryService;
  // The enterprise directory (gateway.enterprise.registered.v1) and the city view by district.
  readonly enterpriseProfiles: EnterpriseProfiles;
  readonly districtStatistics: DistrictStatisticsService;
  /** The city's view during an orange or red alert (issue #23). */
  readonly alertView: AlertViewService;
  /** Each camera's latest status (`camera.status.changed.v1`), for the alert view. */
  readonly cameraStatus: CameraStatusService;
  /** Each camera's tamper episodes (from `tampered` to `recovered`) and their images (issue #17). */
  readonly tamperEpisodes: TamperEpisodesService;
  readonly exports: ExportService;
  /** 拦截记录: the barrier decisions that were not passages. */
  readonly refusedAttempts: RefusedAttemptsService;
  /** Inspections: seeded samples, verdicts, indicators (issue #16). */
  readonly inspections: InspectionService;
  /** An inspection's report (PDF) and evidence packs (ZIP). */
  readonly reports: InspectionReportService;
  readonly evidencePacks: EvidencePackService;
  /** Barrier control's violations (gate.violation.detected.v1), for the inspection indicators. */
  readonly violations: ViolationsService;
  /** Loading-area sightings (loading-area.vehicle.seen.v1) and the anomalies judged from them. */
  readonly loadingAreas: LoadingAreasService;
  /** The tamper-evident ledger's verify. */
  readonly chain: ChainVerificationService;
  /** A vehicle's stage lookup at the city's source (docs/stage-lookup.md). */
  readonly stageLookups: StageLookupService;
  /** Vehicle documents read by plate recognition, and vehicles whose stage evidence disagrees (issue #23). */
  readonly documentReads: DocumentReadsService;
  readonly stageReviews: StageReviewService;
  /** The plates a site knows, for plate recognition's reads (issue #20). */
  readonly knownPlates: KnownPlatesService;
}

/** Services are built by the composition root and handed in: no reflection metadata is needed. */
@Module({})
export class LedgerModule {
  static register(deps: LedgerDependencies): DynamicModule {
    return {
      module: LedgerModule,
      controllers: [
        LedgerController,
        EmergencyPlanController,
        RetentionPolicyController,
        VehicleDocumentsController,
        InPlantVehicleController,
        MachineryController,
        DeadLettersController,
        EnterpriseExportsController,
        CityExportsController,
        BarrierDecidedConsumer,
        PassagePhotosController,
        ReviewItemsController,
        ManualPassageController,
        StatisticsController,
        EnterpriseRegisteredConsumer,
        DistrictStatisticsController,
        AlertViewController,
        CameraStatusConsumer,
        RefusedAttemptsController,
        InspectionController,
        EvidencePackController,
        InspectionsAcrossEnterprisesController,
        ViolationDetectedConsumer,
        ViolationsController,
        TamperEpisodesController,
        LoadingAreaSightingConsumer,
        LoadingAreasController,
        ChainController,
        StageLookupController,
        DocumentReadsController,
        StageReviewController,
        KnownPlatesController,
      ],
      providers: [
        { provide: RecordDecisionService, useValue: deps.recordDecision },
        { provide: QueryPassagesService, useValue: deps.passages },
        { provide: CompletePassageService, useValue: deps.complete },
        { provide: VehicleRegistryService, useValue: deps.vehicles },
        { provide: AlertLevelService, useValue: deps.alerts },
        { provide: EmergencyPlanService, useValue: deps.emergencyPlans },
        { provide: RetentionPolicyService, useValue: deps.retentionPolicies },
        { provide: VehicleDocumentsService, useValue: deps.documents },
        { provide: VEHICLE_DOCUMENTS_MAX_BYTES, useValue: deps.documentMaxBytes },
        { provide: InPlantVehicleService, useValue: deps.inPlantVehicles },
        { provide: MachineryService, useValue: deps.machinery },
        { provide: DeadLetterReplayService, useValue: deps.deadLetters },
        { provide: PassagePhotosService, useValue: deps.photos },
        { provide: ReviewItemsService, useValue: deps.reviews },
        { provide: ManualPassageService, useValue: deps.manualPassages },
        { provide: StatisticsSummaryService, useValue: deps.statistics },
        { provide: EnterpriseProfiles, useValue: deps.enterpriseProfiles },
        { provide: DistrictStatisticsService, useValue: deps.districtStatistics },
        { provide: AlertViewService, useValue: deps.alertView },
        { provide: CameraStatusService, useValue: deps.cameraStatus },
        { provide: TamperEpisodesService, useValue: deps.tamperEpisodes },
        { provide: ExportService, useValue: deps.exports },
        { provide: RefusedAttemptsService, useValue: deps.refusedAttempts },
        { provide: InspectionService, useValue: deps.inspections },
        { provide: InspectionReportService, useValue: deps.reports },
        { provide: EvidencePackService, useValue: deps.evidencePacks },
        { provide: ViolationsService, useValue: deps.violations },
        { provide: LoadingAreasService, useValue: deps.loadingAreas },
        { provide: ChainVerificationService, useValue: deps.chain },
        { provide: StageLookupService, useValue: deps.stageLookups },
        { provide: DocumentReadsService, useValue: deps.documentReads },
        { provide: StageReviewService, useValue: deps.stageReviews },
        { provide: KnownPlatesService, useValue: deps.knownPlates },
      ],
    };
  }
}
