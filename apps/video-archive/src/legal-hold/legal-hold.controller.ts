import { Body, Controller, Headers, Inject, Param, Put } from '@nestjs/common';
import { enterpriseParam, operatorHeader, parseRequest } from '../http/request-parsing';
import { type LegalHoldResult, LegalHoldService } from './legal-hold.service';

/** `PUT …/cameras/:cameraId/legal-hold` {from, to, hold?, reason}: holds (or releases) that window's video. */
@Controller('api/v1/enterprises/:enterpriseId/cameras/:cameraId/legal-hold')
export class LegalHoldController {
  constructor(@Inject(LegalHoldService) private readonly holds: LegalHoldService) {}

  @Put()
  apply(
    @Param('enterpriseId') enterpriseId: string,
    @Param('cameraId') cameraId: string,
    @Headers('x-operator-id') operator: string | undefined,
    @Body() body: unknown,
  ): Promise<LegalHoldResult> {
    const enterprise = enterpriseParam(enterpriseId);
    return this.holds.apply(enterprise, cameraId, body, parseRequest(operatorHeader, operator));
  }
}
