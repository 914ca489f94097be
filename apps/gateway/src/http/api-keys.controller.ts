import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { Caller, type Principal } from '@ecogate/auth';
import { z } from 'zod';
import { type GatewayRequest } from '../edge/request-context';
import { GatewayDeps } from './deps';
import { GatewayError } from './gateway-error';
import { parseBody } from './parse';

export const newKeyBody = z.object({
  name: z.string().min(1).max(100),
  scopes: z.array(z.string()).min(1).max(20),
  expiresInDays: z.number().int().min(1).max(366).default(90),
});

/** An enterprise's integrator keys: created and revoked by its enterprise-admin (or city-admin). */
@Controller('api/gateway/v1/enterprises/:enterpriseId/api-keys')
export class ApiKeysController {
  constructor(@Inject(GatewayDeps) private readonly deps: GatewayDeps) {}

  @Get()
  list(@Param('enterpriseId') enterpriseId: string) {
    return this.deps.apiKeys.list(enterpriseId);
  }

  /** The secret is in this answer only. */
  @Post()
  create(
    @Param('enterpriseId') enterpriseId: string,
    @Body() body: unknown,
    @Req() req: GatewayRequest,
    @Caller() caller: Principal,
  ) {
    return this.deps.apiKeys.create(enterpriseId, parseBody(newKeyBody, body), {
      id: caller.subject,
      name: caller.name,
      ip: req.clientIp,
    });
  }

  @Delete(':keyId')
  @HttpCode(204)
  async revoke(
    @Param('enterpriseId') enterpriseId: string,
    @Param('keyId') keyId: string,
    @Req() req: GatewayRequest,
    @Caller() caller: Principal,
  ) {
    if (!/^[0-9a-f-]{36}$/i.test(keyId)) throw new GatewayError('not-found', 'no such active key');
    await this.deps.apiKeys.revoke(enterpriseId, keyId, {
      id: caller.subject,
      name: caller.name,
      ip: req.clientIp,
    });
  }
}

@Controller('health')
export class HealthController {
  @Get()
  health() {
    return { status: 'ok' };
  }
}
