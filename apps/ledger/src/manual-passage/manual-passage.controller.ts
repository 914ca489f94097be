import { Body, Controller, Inject, Param, Post, Res } from '@nestjs/common';
import { Caller, type Principal } from '@ecogate/auth';
import { parseEnterpriseId } from '@ecogate/persistence';
import { type Response } from 'express';
import { parseRequest } from '../api/request-parsing';
import { type PassageEntity } from '../passage/passage.entity';
import { ManualPassageService, manualPassageSchema } from './manual-passage.service';

/**
 * `POST …/passages/manual`: a passage side entered by hand. 201 with the passage; a retried
 * request (same `requestId`, same body) 200 with the same passage.
 */
@Controller('api/v1/enterprises/:enterpriseId/passages/manual')
export class ManualPassageController {
  constructor(@Inject(ManualPassageService) private readonly manual: ManualPassageService) {}

  @Post()
  async record(
    @Param('enterpriseId') enterpriseId: string,
    @Caller() caller: Principal,
    @Body() body: unknown,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PassageEntity> {
    const outcome = await this.manual.record(parseEnterpriseId(enterpriseId), {
      ...parseRequest(manualPassageSchema, body),
      actor: caller.subject,
    });
    response.status(outcome.replayed ? 200 : 201);
    return outcome.passage;
  }
}
