import { Body, Controller, Get, Inject, Param, Put } from '@nestjs/common';
import { Caller, type Principal } from '@ecogate/auth';
import { parseEnterpriseId } from '@ecogate/persistence';
import { parseRequest } from '../api/request-parsing';
import { MachineryService, registrationCodeParam, upsertMachinerySchema } from './machinery.service';

/** Ledger C registry: `GET machinery`, `GET`/`PUT machinery/:registrationCode`. */
@Controller('api/v1/enterprises/:enterpriseId/machinery')
export class MachineryController {
  constructor(@Inject(MachineryService) private readonly machinery: MachineryService) {}

  @Get()
  list(@Param('enterpriseId') enterpriseId: string) {
    return this.machinery.list(parseEnterpriseId(enterpriseId));
  }

  @Get(':code')
  get(@Param('enterpriseId') enterpriseId: string, @Param('code') code: string) {
    return this.machinery.get(parseEnterpriseId(enterpriseId), parseRequest(registrationCodeParam, code));
  }

  @Put(':code')
  upsert(
    @Param('enterpriseId') enterpriseId: string,
    @Param('code') code: string,
    @Caller() caller: Principal,
    @Body() body: unknown,
  ) {
    return this.machinery.upsert(parseEnterpriseId(enterpriseId), parseRequest(registrationCodeParam, code), {
      ...parseRequest(upsertMachinerySchema, body),
      actor: caller.subject,
    });
  }
}
