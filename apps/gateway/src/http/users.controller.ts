import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { Caller, PERSON_ROLES, type Principal } from '@ecogate/auth';
import { z } from 'zod';
import { type Actor, ENTERPRISE_ROLES } from '../accounts/accounts.service';
import { type GatewayRequest } from '../edge/request-context';
import { GatewayDeps } from './deps';
import { GatewayError } from './gateway-error';
import { parseBody } from './parse';

export const newUserBody = z.object({
  username: z.string().min(1).max(64),
  displayName: z.string().min(1).max(100),
  role: z.enum(PERSON_ROLES),
  enterpriseId: z.string().min(1).max(128).optional(),
  districts: z.array(z.string()).max(200).optional(),
});

const actorOf = (caller: Principal, req: GatewayRequest): Actor => ({
  id: caller.subject,
  name: caller.name,
  ip: req.clientIp,
});

/** City-wide user administration (city-admin). */
@Controller('api/gateway/v1/users')
export class UsersController {
  constructor(@Inject(GatewayDeps) private readonly deps: GatewayDeps) {}

  @Get()
  list() {
    return this.deps.accounts.list();
  }

  @Post()
  create(@Body() body: unknown, @Req() req: GatewayRequest, @Caller() caller: Principal) {
    return this.deps.accounts.create(parseBody(newUserBody, body), actorOf(caller, req));
  }

  @Post(':userId/reset-password')
  @HttpCode(200)
  async reset(@Param('userId') userId: string, @Req() req: GatewayRequest, @Caller() caller: Principal) {
    return resetPassword(this.deps, await this.deps.accounts.managed(uuid(userId)), actorOf(caller, req));
  }

  @Post(':userId/disable')
  @HttpCode(204)
  async disable(@Param('userId') userId: string, @Req() req: GatewayRequest, @Caller() caller: Principal) {
    await disable(this.deps, await this.deps.accounts.managed(uuid(userId)), true, actorOf(caller, req));
  }

  @Post(':userId/enable')
  @HttpCode(204)
  async enable(@Param('userId') userId: string, @Req() req: GatewayRequest, @Caller() caller: Principal) {
    await disable(this.deps, await this.deps.accounts.managed(uuid(userId)), false, actorOf(caller, req));
  }

  @Post(':userId/unlock')
  @HttpCode(204)
  async unlock(@Param('userId') userId: string, @Req() req: GatewayRequest, @Caller() caller: Principal) {
    await this.deps.accounts.unlock(await this.deps.accounts.managed(uuid(userId)), actorOf(caller, req));
  }
}

/** An enterprise's own users: its enterprise-admin (or city-admin); staff and admin roles only. */
@Controller('api/gateway/v1/enterprises/:enterpriseId/users')
export class EnterpriseUsersController {
  constructor(@Inject(GatewayDeps) private readonly deps: GatewayDeps) {}

  @Get()
  list(@Param('enterpriseId') enterpriseId: string) {
    return this.deps.accounts.list(enterpriseId);
  }

  @Post()
  create(
    @Param('enterpriseId') enterpriseId: string,
    @Body() body: unknown,
    @Req() req: GatewayRequest,
    @Caller() caller: Principal,
  ) {
    const input = parseBody(newUserBody, body);
    if (!ENTERPRISE_ROLES.includes(input.role))
      throw new GatewayError('invalid-request', 'role: enterprise-admin or enterprise-staff');
    return this.deps.accounts.create({ ...input, enterpriseId }, actorOf(caller, req));
  }

  @Post(':userId/reset-password')
  @HttpCode(200)
  async reset(
    @Param('enterpriseId') enterpriseId: string,
    @Param('userId') userId: string,
    @Req() req: GatewayRequest,
    @Caller() caller: Principal,
  ) {
    return resetPassword(
      this.deps,
      await this.deps.accounts.managed(uuid(userId), enterpriseId),
      actorOf(caller, req),
    );
  }

  @Post(':userId/disable')
  @HttpCode(204)
  async disable(
    @Param('enterpriseId') enterpriseId: string,
    @Param('userId') userId: string,
    @Req() req: GatewayRequest,
    @Caller() caller: Principal,
  ) {
    await disable(
      this.deps,
      await this.deps.accounts.managed(uuid(userId), enterpriseId),
      true,
      actorOf(caller, req),
    );
  }

  @Post(':userId/enable')
  @HttpCode(204)
  async enable(
    @Param('enterpriseId') enterpriseId: string,
    @Param('userId') userId: string,
    @Req() req: GatewayRequest,
    @Caller() caller: Principal,
  ) {
    await disable(
      this.deps,
      await this.deps.accounts.managed(uuid(userId), enterpriseId),
      false,
      actorOf(caller, req),
    );
  }

  @Post(':userId/unlock')
  @HttpCode(204)
  async unlock(
    @Param('enterpriseId') enterpriseId: string,
    @Param('userId') userId: string,
    @Req() req: GatewayRequest,
    @Caller() caller: Principal,
  ) {
    await this.deps.accounts.unlock(
      await this.deps.accounts.managed(uuid(userId), enterpriseId),
      actorOf(caller, req),
    );
  }
}

async function resetPassword(
  deps: GatewayDeps,
  user: { id: string } & Parameters<GatewayDeps['accounts']['resetPassword']>[0],
  actor: Actor,
) {
  const oneTimePassword = await deps.accounts.resetPassword(user, actor);
  await deps.sessions.revokeAllOf(user.id, 'password-reset');
  return { oneTimePassword };
}

async function disable(
  deps: GatewayDeps,
  user: Parameters<GatewayDeps['accounts']['setDisabled']>[0],
  disabled: boolean,
  actor: Actor,
) {
  await deps.accounts.setDisabled(user, disabled, actor);
  if (disabled) await deps.sessions.revokeAllOf(user.id, 'disabled');
}

function uuid(value: string): string {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value))
    throw new GatewayError('not-found', 'no such user');
  return value;
}
