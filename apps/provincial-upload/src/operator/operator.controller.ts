import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { parseEnterpriseId } from '@ecogate/persistence';
import { z } from 'zod';
import { DELIVERY_STATES } from '../delivery/delivery-state';
import { PlatformStatus } from '../dispatch/platform-status';
import { UploadException } from '../errors/upload.exception';
import { CorrectRecordService, correctionSchema } from '../correct-record/correct-record.service';
import { DeliveryReportService } from '../delivery-report/delivery-report.service';
import { RePushService } from '../re-push/re-push.service';

const serialParam = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/);
const recordsQuery = z.object({
  state: z.enum(DELIVERY_STATES).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
const rateQuery = z.object({ days: z.coerce.number().int().min(1).max(366).default(7) });
const rangeBody = z
  .strictObject({
    capturedFrom: z.iso.datetime({ offset: true }),
    capturedTo: z.iso.datetime({ offset: true }),
  })
  .refine(
    (r) => Date.parse(r.capturedFrom) < Date.parse(r.capturedTo),
    'capturedFrom must be before capturedTo',
  );
const actorHeader = z
  .string()
  .regex(/^[\w.@-]{1,100}$/, 'X-Operator-Id header: 1-100 of letters, digits, _ . @ -');

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new UploadException('invalid-request', z.prettifyError(parsed.error));
  return parsed.data;
}

/** Operator API, tenant-scoped by the enterprise id in the path. */
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
    const { state, limit } = parse(recordsQuery, query);
    return this.reports.records(parseEnterpriseId(enterpriseId), state, limit);
  }

  @Get('records/:serial')
  record(@Param('enterpriseId') enterpriseId: string, @Param('serial') serial: string) {
    return this.reports.record(parseEnterpriseId(enterpriseId), parse(serialParam, serial));
  }

  @Post('records/:serial/re-push')
  @HttpCode(202)
  rePushOne(@Param('enterpriseId') enterpriseId: string, @Param('serial') serial: string) {
    return this.rePush.execute(parseEnterpriseId(enterpriseId), { serial: parse(serialParam, serial) });
  }

  @Post('re-push')
  @HttpCode(202)
  rePushRange(@Param('enterpriseId') enterpriseId: string, @Body() body: unknown) {
    const range = parse(rangeBody, body);
    return this.rePush.execute(parseEnterpriseId(enterpriseId), {
      capturedFrom: new Date(range.capturedFrom),
      capturedTo: new Date(range.capturedTo),
    });
  }

  @Post('records/:serial/correction')
  @HttpCode(202)
  correction(
    @Param('enterpriseId') enterpriseId: string,
    @Param('serial') serial: string,
    @Headers('x-operator-id') actor: unknown,
    @Body() body: unknown,
  ) {
    return this.correct.execute(parseEnterpriseId(enterpriseId), parse(serialParam, serial), {
      ...parse(correctionSchema, body),
      actor: parse(actorHeader, actor),
    });
  }
}

/** Delivery status of the platform connection: a configuration error shows here. */
@Controller('api/v1/upload')
export class UploadStatusController {
  constructor(@Inject(PlatformStatus) private readonly status: PlatformStatus) {}

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
  resume() {
    this.status.resume();
    return { delivering: true };
  }
}
