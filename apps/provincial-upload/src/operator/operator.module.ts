import { type DynamicModule, Module } from '@nestjs/common';
import { type ConsumerHealth, ConsumerHealthController, consumerHealthProvider } from '@ecogate/messaging';
import { PlatformStatus } from '../dispatch/platform-status';
import { ResumeDeliveryService } from '../dispatch/resume-delivery.service';
import { CorrectRecordService } from '../correct-record/correct-record.service';
import { DeliveryReportService } from '../delivery-report/delivery-report.service';
import { OperatorController, UploadStatusController } from './operator.controller';
import { RePushService } from '../re-push/re-push.service';

export interface OperatorDependencies {
  readonly reports: DeliveryReportService;
  readonly rePush: RePushService;
  readonly correct: CorrectRecordService;
  readonly status: PlatformStatus;
  readonly resume: ResumeDeliveryService;
  /** The intake consumer's state, for `GET /health`. */
  readonly health: () => ConsumerHealth;
}

/** Services are built by the composition root and handed in: no reflection metadata is needed. */
@Module({})
export class OperatorModule {
  static register(deps: OperatorDependencies): DynamicModule {
    return {
      module: OperatorModule,
      controllers: [OperatorController, UploadStatusController, ConsumerHealthController],
      providers: [
        { provide: DeliveryReportService, useValue: deps.reports },
        { provide: RePushService, useValue: deps.rePush },
        { provide: CorrectRecordService, useValue: deps.correct },
        { provide: PlatformStatus, useValue: deps.status },
        { provide: ResumeDeliveryService, useValue: deps.resume },
        consumerHealthProvider(deps.health),
      ],
    };
  }
}
