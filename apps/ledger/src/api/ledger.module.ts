import { type DynamicModule, Module } from '@nestjs/common';
import { AlertLevelService } from '../alert-level/alert-level.service';
import { CompletePassageService } from '../complete-passage/complete-passage.service';
import { BarrierDecidedConsumer } from '../intake/barrier-decided.consumer';
import { QueryPassagesService } from '../query-passages/query-passages.service';
import { RecordDecisionService } from '../record-decision/record-decision.service';
import { VehicleRegistryService } from '../vehicle-registry/vehicle-registry.service';
import { LedgerController } from './ledger.controller';

export interface LedgerDependencies {
  readonly recordDecision: RecordDecisionService;
  readonly passages: QueryPassagesService;
  readonly complete: CompletePassageService;
  readonly vehicles: VehicleRegistryService;
  readonly alerts: AlertLevelService;
}

/** Services are built by the composition root and handed in: no reflection metadata is needed. */
@Module({})
export class LedgerModule {
  static register(deps: LedgerDependencies): DynamicModule {
    return {
      module: LedgerModule,
      controllers: [LedgerController, BarrierDecidedConsumer],
      providers: [
        { provide: RecordDecisionService, useValue: deps.recordDecision },
        { provide: QueryPassagesService, useValue: deps.passages },
        { provide: CompletePassageService, useValue: deps.complete },
        { provide: VehicleRegistryService, useValue: deps.vehicles },
        { provide: AlertLevelService, useValue: deps.alerts },
      ],
    };
  }
}
