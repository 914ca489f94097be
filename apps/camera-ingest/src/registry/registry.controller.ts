import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post, Put } from '@nestjs/common';
import { idSchema } from '@ecogate/contracts';
import { type EnterpriseId, isEnterpriseId } from '@ecogate/persistence';
import { z } from 'zod';
import { IngestException } from '../push/ingest.exception';
import {
  createDeviceSchema,
  type DeviceView,
  type GateView,
  type LaneView,
  putGateSchema,
  putLaneSchema,
  putSiteSchema,
  type SiteView,
  updateDeviceSchema,
} from './registry.dto';
import { type IssuedDevice, RegistryService } from './registry.service';

/** Registers and edits sites, gates, lanes and devices of one enterprise (tenant in the path). */
@Controller('api/v1/enterprises/:enterpriseId')
export class RegistryController {
  constructor(@Inject(RegistryService) private readonly registry: RegistryService) {}

  @Get('sites')
  listSites(@Param('enterpriseId') tenant: string): Promise<SiteView[]> {
    return this.registry.listSites(enterprise(tenant));
  }

  @Get('gates')
  listGates(@Param('enterpriseId') tenant: string): Promise<GateView[]> {
    return this.registry.listGates(enterprise(tenant));
  }

  @Get('lanes')
  listLanes(@Param('enterpriseId') tenant: string): Promise<LaneView[]> {
    return this.registry.listLanes(enterprise(tenant));
  }

  @Put('sites/:siteId')
  @HttpCode(204)
  async putSite(@Param('enterpriseId') tenant: string, @Param('siteId') id: string, @Body() body: unknown) {
    await this.registry.putSite(enterprise(tenant), entityId(id), validate(putSiteSchema, body));
  }

  @Put('gates/:gateId')
  @HttpCode(204)
  async putGate(@Param('enterpriseId') tenant: string, @Param('gateId') id: string, @Body() body: unknown) {
    await this.registry.putGate(enterprise(tenant), entityId(id), validate(putGateSchema, body));
  }

  @Put('lanes/:laneId')
  @HttpCode(204)
  async putLane(@Param('enterpriseId') tenant: string, @Param('laneId') id: string, @Body() body: unknown) {
    await this.registry.putLane(enterprise(tenant), entityId(id), validate(putLaneSchema, body));
  }

  @Post('devices')
  createDevice(@Param('enterpriseId') tenant: string, @Body() body: unknown): Promise<IssuedDevice> {
    return this.registry.createDevice(enterprise(tenant), validate(createDeviceSchema, body));
  }

  @Patch('devices/:deviceId')
  updateDevice(
    @Param('enterpriseId') tenant: string,
    @Param('deviceId') id: string,
    @Body() body: unknown,
  ): Promise<IssuedDevice> {
    return this.registry.updateDevice(enterprise(tenant), entityId(id), validate(updateDeviceSchema, body));
  }

  @Get('devices')
  listDevices(@Param('enterpriseId') tenant: string): Promise<DeviceView[]> {
    return this.registry.listDevices(enterprise(tenant));
  }

  @Get('devices/:deviceId')
  getDevice(@Param('enterpriseId') tenant: string, @Param('deviceId') id: string): Promise<DeviceView> {
    return this.registry.getDevice(enterprise(tenant), entityId(id));
  }
}

function enterprise(value: string): EnterpriseId {
  if (!isEnterpriseId(value))
    throw new IngestException('invalid-request', 'invalid enterprise id in the path');
  return value;
}

function entityId(value: string): string {
  if (!idSchema.safeParse(value).success)
    throw new IngestException('invalid-request', 'invalid id in the path');
  return value;
}

function validate<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) throw new IngestException('invalid-request', z.prettifyError(parsed.error));
  return parsed.data;
}
