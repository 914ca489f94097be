import { type DynamicModule, Module } from '@nestjs/common';
import { ApiKeysController, HealthController } from './api-keys.controller';
import { AuthController } from './auth.controller';
import { GatewayDeps } from './deps';
import { EnterpriseUsersController, UsersController } from './users.controller';

@Module({})
export class GatewayModule {
  static register(deps: GatewayDeps): DynamicModule {
    return {
      module: GatewayModule,
      controllers: [
        AuthController,
        UsersController,
        EnterpriseUsersController,
        ApiKeysController,
        HealthController,
      ],
      providers: [{ provide: GatewayDeps, useValue: deps }],
    };
  }
}
