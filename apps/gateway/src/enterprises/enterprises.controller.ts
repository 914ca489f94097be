import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { Caller, type Principal } from '@ecogate/auth';
import { type Enterprise } from './enterprise';
import { EnterpriseDirectory, type EnterprisePage } from './enterprise-directory';
import { parseChanges, parseListQuery, parseRegistration } from './enterprise-input';

export const ENTERPRISES_PATH = 'api/gateway/v1/enterprises';

/**
 * The directory's HTTP API. Who may call what is the `gateway` section of the policy table; the
 * guard also limits `{enterpriseId}` routes to the caller's enterprises. The list has no id in
 * its path, so it filters to the caller's enterprises itself (an inspector's districts).
 */
@Controller(ENTERPRISES_PATH)
export class EnterprisesController {
  // Explicit token: the services run under tsx (esbuild), which emits no decorator metadata.
  constructor(@Inject(EnterpriseDirectory) private readonly directory: EnterpriseDirectory) {}

  @Get()
  list(@Query() query: unknown, @Caller() caller: Principal): Promise<EnterprisePage> {
    const { filter, paging } = parseListQuery(query);
    return this.directory.list(filter, paging, caller.enterprises);
  }

  @Post()
  @HttpCode(201)
  register(@Body() body: unknown, @Caller() caller: Principal): Promise<Enterprise> {
    return this.directory.register(parseRegistration(body, this.directory.retentionFloors), caller.subject);
  }

  @Get(':enterpriseId')
  get(@Param('enterpriseId') id: string, @Caller() caller: Principal): Promise<Enterprise> {
    return this.directory.get(id, caller.enterprises);
  }

  @Patch(':enterpriseId')
  update(
    @Param('enterpriseId') id: string,
    @Body() body: unknown,
    @Caller() caller: Principal,
  ): Promise<Enterprise> {
    return this.directory.update(id, parseChanges(body, this.directory.retentionFloors), caller.subject);
  }

  @Post(':enterpriseId/deactivation')
  @HttpCode(200)
  deactivate(@Param('enterpriseId') id: string, @Caller() caller: Principal): Promise<Enterprise> {
    return this.directory.deactivate(id, caller.subject);
  }
}
