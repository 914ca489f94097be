import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { z } from 'zod';
import { BarrierControlException } from '../errors/barrier-control.exception';
import { barrierStateReportSchema, BarrierStateService } from './barrier-state.service';

const idParam = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/);

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new BarrierControlException('invalid-request', z.prettifyError(parsed.error));
  return parsed.data;
}

/** Barrier state reports from lane devices: `{"state":"opened"|"closed","at"?,"deviceId"?}`. */
@Controller('api/v1/enterprises/:enterpriseId/lanes/:laneId')
export class BarrierStateController {
  constructor(@Inject(BarrierStateService) private readonly states: BarrierStateService) {}

  @Post('barrier-state')
  @HttpCode(202)
  report(
    @Param('enterpriseId') enterpriseId: string,
    @Param('laneId') laneId: string,
    @Body() body: unknown,
  ) {
    return this.states.execute(
      parse(idParam, enterpriseId),
      parse(idParam, laneId),
      parse(barrierStateReportSchema, body),
    );
  }
}
