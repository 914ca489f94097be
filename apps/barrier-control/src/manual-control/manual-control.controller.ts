import { Body, Controller, Headers, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { Caller, type Principal } from '@ecogate/auth';
import { z } from 'zod';
import { BarrierControlException } from '../errors/barrier-control.exception';
import { ManualControlService, manualCommandSchema } from './manual-control.service';
import { idempotencyKeySchema } from './manual-outcomes';

const idParam = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/);

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new BarrierControlException('invalid-request', z.prettifyError(parsed.error));
  return parsed.data;
}

/**
 * Operator actions at a lane: release or refuse with a reason, audited as events under the
 * caller's token subject (the policy admits the enterprise's own staff and admins only).
 */
@Controller('api/v1/enterprises/:enterpriseId/lanes/:laneId')
export class ManualControlController {
  constructor(@Inject(ManualControlService) private readonly manual: ManualControlService) {}

  @Post('manual')
  @HttpCode(202)
  act(
    @Param('enterpriseId') enterpriseId: string,
    @Param('laneId') laneId: string,
    @Caller() caller: Principal,
    @Headers('idempotency-key') idempotencyKey: unknown,
    @Body() body: unknown,
  ) {
    // Without a key a retried release would be a second passage: refuse rather than guess.
    if (idempotencyKey === undefined || idempotencyKey === '')
      throw new BarrierControlException(
        'idempotency-key-required',
        'manual actions need an Idempotency-Key header (8-128 of letters, digits, _ - : .), the same on every retry',
      );
    return this.manual.execute(parse(idParam, enterpriseId), parse(idParam, laneId), {
      ...parse(manualCommandSchema, body),
      operatorId: caller.subject,
      idempotencyKey: parse(idempotencyKeySchema, idempotencyKey),
    });
  }
}
