import { Caller, type Principal } from '@ecogate/auth';
import { Body, Controller, Inject, Param, Put } from '@nestjs/common';
import { enterpriseParam } from '../http/request-parsing';
import { type LegalHoldResult, LegalHoldService } from './legal-hold.service';

/** `PUT …/cameras/:cameraId/legal-hold` {from, to, hold?, reason}: holds (or releases) that window's video. */
@Controller('api/v1/enterprises/:enterpriseId/cameras/:cameraId/legal-hold')
export class LegalHoldController {
  constructor(@Inject(LegalHoldService) private readonly holds: LegalHoldService) {}

  @Put()
  apply(
    @Param('enterpriseId') enterpriseId: string,
    @Param('cameraId') cameraId: string,
    @Caller() caller: Principal,
    @Body() body: unknown,
  ): Promise<LegalHoldResult> {
    const enterprise = enterpriseParam(enterpriseId);
    return this.holds.apply(enterprise, cameraId, body, caller.subject);
  }
}
