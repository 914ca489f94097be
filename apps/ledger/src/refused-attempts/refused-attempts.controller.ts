import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { parseEnterpriseId } from '@ecogate/persistence';
import { parseRequest } from '../api/request-parsing';
import { decodeCursor } from '../query-passages/query-passages.service';
import { refusedAttemptsQuery, RefusedAttemptsService } from './refused-attempts.service';

/** 拦截记录: `GET refused-attempts`, the barrier decisions that were not passages. */
@Controller('api/v1/enterprises/:enterpriseId/refused-attempts')
export class RefusedAttemptsController {
  constructor(@Inject(RefusedAttemptsService) private readonly refused: RefusedAttemptsService) {}

  @Get()
  search(@Param('enterpriseId') enterpriseId: string, @Query() query: unknown) {
    const { cursor, ...filters } = parseRequest(refusedAttemptsQuery, query);
    return this.refused.search(parseEnterpriseId(enterpriseId), {
      ...filters,
      ...(cursor ? { cursor: decodeCursor(cursor) } : {}),
    });
  }
}
