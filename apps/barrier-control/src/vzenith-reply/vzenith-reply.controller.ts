import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { z } from 'zod';
import { BarrierControlException } from '../errors/barrier-control.exception';
import {
  vzenithReplyParamsSchema,
  vzenithReplyQuerySchema,
  type VzenithReplyAnswer,
} from './vzenith-reply.schemas';
import { VzenithReplyService } from './vzenith-reply.service';

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new BarrierControlException('invalid-request', z.prettifyError(parsed.error));
  return parsed.data;
}

/** camera-ingest asks here, per Vzenith push, whether its reply opens the barrier (long-poll ≤ ~1 s). */
@Controller('api/v1/enterprises/:enterpriseId/lanes/:laneId')
export class VzenithReplyController {
  constructor(@Inject(VzenithReplyService) private readonly replies: VzenithReplyService) {}

  @Get('vzenith-reply')
  reply(
    @Param('enterpriseId') enterpriseId: string,
    @Param('laneId') laneId: string,
    @Query() query: unknown,
  ): Promise<VzenithReplyAnswer> {
    const params = parse(vzenithReplyParamsSchema, { enterpriseId, laneId });
    return this.replies.answer(
      params.enterpriseId,
      params.laneId,
      parse(vzenithReplyQuerySchema, query).captureId,
    );
  }
}
