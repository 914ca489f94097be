import { Body, Controller, Get, Inject, Param, Patch, Put, Query } from '@nestjs/common';
import { Caller, type Principal } from '@ecogate/auth';
import { EMISSION_STAGES } from '@ecogate/domain';
import { parseEnterpriseId } from '@ecogate/persistence';
import { z } from 'zod';
import { AlertLevelService, setAlertLevelSchema } from '../alert-level/alert-level.service';
import { CompletePassageService, completePassageSchema } from '../complete-passage/complete-passage.service';
import { parseRequest } from './request-parsing';
import { decodeCursor, QueryPassagesService } from '../query-passages/query-passages.service';
import {
  plateParam,
  upsertVehicleSchema,
  VehicleRegistryService,
} from '../vehicle-registry/vehicle-registry.service';

const instant = z.iso.datetime({ offset: true }).transform((value) => new Date(value));
export const passagesQuery = z
  .strictObject({
    from: instant.optional(),
    to: instant.optional(),
    plate: z.string().trim().min(1).max(16).optional(),
    stage: z.enum(EMISSION_STAGES).optional(),
    gateId: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/)
      .optional(),
    minCompleteness: z.coerce.number().min(0).max(1).optional(),
    maxCompleteness: z.coerce.number().min(0).max(1).optional(),
    /** Passages with an entry (`in`) or an exit (`out`); with `gateId`, at that gate in that direction. */
    direction: z.enum(['in', 'out']).optional(),
    /** A side decided so (with `direction`, that side). */
    verdict: z.enum(['allow', 'deny', 'needs-review']).optional(),
    /** Only passages a person entered (`true`) or only the cameras' (`false`). */
    manual: z
      .enum(['true', 'false'])
      .transform((value) => value === 'true')
      .optional(),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
  })
  .refine((q) => !q.from || !q.to || q.from < q.to, 'from must be before to');
const passageId = z.uuid();
/** Local days (Asia/Shanghai), `to` inclusive, at most a year. */
export const dailyQuery = z
  .strictObject({ from: z.iso.date(), to: z.iso.date() })
  .refine((q) => q.from <= q.to, 'from must not be after to')
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 366 * 86_400_000, 'at most 366 days');
const parse = parseRequest;

/** Shanghai midnight of a local date (no daylight saving there). */
const shanghaiMidnight = (date: string): Date => new Date(`${date}T00:00:00+08:00`);

/** Ledger API, tenant-scoped by the enterprise id in the path. */
@Controller('api/v1/enterprises/:enterpriseId')
export class LedgerController {
  constructor(
    @Inject(QueryPassagesService) private readonly passages: QueryPassagesService,
    @Inject(CompletePassageService) private readonly complete: CompletePassageService,
    @Inject(VehicleRegistryService) private readonly vehicles: VehicleRegistryService,
    @Inject(AlertLevelService) private readonly alerts: AlertLevelService,
  ) {}

  @Get('passages')
  search(@Param('enterpriseId') enterpriseId: string, @Query() query: unknown) {
    const { cursor, ...filters } = parse(passagesQuery, query);
    return this.passages.search(parseEnterpriseId(enterpriseId), {
      ...filters,
      ...(cursor ? { cursor: decodeCursor(cursor) } : {}),
    });
  }

  @Get('passages/:passageId')
  get(@Param('enterpriseId') enterpriseId: string, @Param('passageId') id: string) {
    return this.passages.get(parseEnterpriseId(enterpriseId), parse(passageId, id));
  }

  @Patch('passages/:passageId')
  completePassage(
    @Param('enterpriseId') enterpriseId: string,
    @Param('passageId') id: string,
    @Caller() caller: Principal,
    @Body() body: unknown,
  ) {
    return this.complete.execute(parseEnterpriseId(enterpriseId), parse(passageId, id), {
      ...parse(completePassageSchema, body),
      actor: caller.subject,
    });
  }

  @Get('statistics/daily-stages')
  daily(@Param('enterpriseId') enterpriseId: string, @Query() query: unknown) {
    const { from, to } = parse(dailyQuery, query);
    const end = shanghaiMidnight(to);
    end.setUTCDate(end.getUTCDate() + 1);
    return this.passages.dailyCountsByStage(parseEnterpriseId(enterpriseId), shanghaiMidnight(from), end);
  }

  @Get('vehicles/:plate')
  vehicle(@Param('enterpriseId') enterpriseId: string, @Param('plate') plate: string) {
    return this.vehicles.get(parseEnterpriseId(enterpriseId), parse(plateParam, plate));
  }

  @Put('vehicles/:plate')
  upsertVehicle(
    @Param('enterpriseId') enterpriseId: string,
    @Param('plate') plate: string,
    @Caller() caller: Principal,
    @Body() body: unknown,
  ) {
    return this.vehicles.upsert(parseEnterpriseId(enterpriseId), parse(plateParam, plate), {
      ...parse(upsertVehicleSchema, body),
      actor: caller.subject,
    });
  }

  @Get('alert-level')
  alertLevel(@Param('enterpriseId') enterpriseId: string) {
    return this.alerts.current(parseEnterpriseId(enterpriseId));
  }

  @Put('alert-level')
  setAlertLevel(
    @Param('enterpriseId') enterpriseId: string,
    @Caller() caller: Principal,
    @Body() body: unknown,
  ) {
    return this.alerts.set(parseEnterpriseId(enterpriseId), {
      ...parse(setAlertLevelSchema, body),
      actor: caller.subject,
    });
  }
}
