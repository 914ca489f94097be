import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { Caller, type Principal } from '@ecogate/auth';
import { parseEnterpriseId } from '@ecogate/persistence';
import { PlatformStatus } from '../dispatch/platform-status';
import { ResumeDeliveryService } from '../dispatch/resume-delivery.service';
import { CorrectRecordService, correctionSchema } from '../correct-record/correct-record.service';
import { DeliveryReportService } from '../delivery-report/delivery-report.service';
import { RePushService } from '../re-push/re-push.service';
import { parse, rangeBody, rateQuery, recordsQuery, rePushBody, serialParam } from './operator-requests';

/**
 * Operator API, tenant-scoped by the enterprise id in the path. Who may call what, and for which
 * enterprise, is the policy guard's decision (`POLICY['provincial-upload']`); the actor of every
 * change is the verified token's subject.
 */
@Controller('api/v1/enterprises/:enterpriseId/upload')
export class OperatorController {
  constructor(
    @Inject(DeliveryReportService) private readonly reports: DeliveryReportService,
    @Inject(RePushService) private readonly rePush: RePushService,
    @Inject(CorrectRecordService) private readonly correct: CorrectRecordService,
  ) {}

  @Get('backlog')
  backlog(@Param('enterpriseId') enterpriseId: string) {
    return this.reports.backlog(parseEnterpriseId(enterpriseId));
  }

  @Get('transmission-rate')
  rate(@Param('enterpriseId') enterpriseId: string, @Query() query: unknown) {
    return this.reports.transmissionRate(parseEnterpriseId(enterpriseId), parse(rateQuery, query).days);
  }

  @Get('records')
  records(@Param('enterpriseId') enterpriseId: string, @Query() query: unknown) {
    const { state, limit, after } = parse(recordsQuery, query);
    return this.reports.records(parseEnterpriseId(enterpriseId), state, limit, after);
  }

  @Get('records/:serial')
  record(@Param('enterpriseId') enterpriseId: string, @Param('serial') serial: string) {
    return this.reports.record(parseEnterpriseId(enterpriseId), parse(serialParam, serial));
  }

  @Post('records/:serial/re-push')
  @HttpCode(202)
  rePushOne(
    @Param('enterpriseId') enterpriseId: string,
    @Param('serial') serial: string,
    @Body() body: unknown,
    @Caller() caller: Principal,
  ) {
    const { reason } = parse(rePushBody, body ?? {});
    return this.rePush.execute(
      parseEnterpriseId(enterpriseId),
      { serial: parse(serialParam, serial), ...(reason ? { reason } : {}) },
      caller,
    );
  }

  @Post('re-push')
  @HttpCode(202)
  rePushRange(
    @Param('enterpriseId') enterpriseId: string,
    @Body() body: unknown,
    @Caller() caller: Principal,
  ) {
    const range = parse(rangeBody, body);
    return this.rePush.execute(
      parseEnterpriseId(enterpriseId),
      {
        capturedFrom: new Date(range.capturedFrom),
        capturedTo: new Date(range.capturedTo),
        ...(range.reason ? { reason: range.reason } : {}),
      },
      caller,
    );
  }

  @Post('records/:serial/correction')
  @HttpCode(202)
  correction(
    @Param('enterpriseId') enterpriseId: string,
    @Param('serial') serial: string,
    @Body() body: unknown,
    @Caller() caller: Principal,
  ) {
    return this.correct.execute(parseEnterpriseId(enterpriseId), parse(serialParam, serial), {
      ...parse(correctionSchema, body),
      actor: caller.subject,
    });
  }
}

/** Delivery status of the platform connection: a configuration error shows here. */
@Controller('api/v1/upload')
export class UploadStatusController {
  constructor(
    @Inject(PlatformStatus) private readonly status: PlatformStatus,
    @Inject(ResumeDeliveryService) private readonly resumeDelivery: ResumeDeliveryService,
  ) {}

  @Get('status')
  get() {
    const halt = this.status.halted;
    return {
      delivering: !halt,
      configurationError: halt ?? null,
      lastHeartbeat: this.status.lastHeartbeat ?? null,
    };
  }

  /** After the credentials were fixed (usually a restart does it), delivery resumes. */
  @Post('status/resume')
  @HttpCode(202)
  resume(@Caller() caller: Principal) {
    return this.resumeDelivery.execute(caller);
  }
}
