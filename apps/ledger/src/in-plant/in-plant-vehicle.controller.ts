import { Body, Controller, Get, Inject, Param, Put } from '@nestjs/common';
import { Caller, type Principal } from '@ecogate/auth';
import { parseEnterpriseId } from '@ecogate/persistence';
import { parseRequest } from '../api/request-parsing';
import {
  inPlantNumberParam,
  InPlantVehicleService,
  upsertInPlantVehicleSchema,
} from './in-plant-vehicle.service';

/** Ledger B registry: `GET in-plant-vehicles`, `GET`/`PUT in-plant-vehicles/:number`. */
@Controller('api/v1/enterprises/:enterpriseId/in-plant-vehicles')
export class InPlantVehicleController {
  constructor(@Inject(InPlantVehicleService) private readonly vehicles: InPlantVehicleService) {}

  @Get()
  list(@Param('enterpriseId') enterpriseId: string) {
    return this.vehicles.list(parseEnterpriseId(enterpriseId));
  }

  @Get(':number')
  get(@Param('enterpriseId') enterpriseId: string, @Param('number') number: string) {
    return this.vehicles.get(parseEnterpriseId(enterpriseId), parseRequest(inPlantNumberParam, number));
  }

  @Put(':number')
  upsert(
    @Param('enterpriseId') enterpriseId: string,
    @Param('number') number: string,
    @Caller() caller: Principal,
    @Body() body: unknown,
  ) {
    return this.vehicles.upsert(parseEnterpriseId(enterpriseId), parseRequest(inPlantNumberParam, number), {
      ...parseRequest(upsertInPlantVehicleSchema, body),
      actor: caller.subject,
    });
  }
}
