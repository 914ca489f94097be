import { type DynamicModule, Module } from '@nestjs/common';
import { type EnterpriseDirectory, EnterprisesModule } from '../enterprises';
import { OidcModule, type OidcModuleOptions } from '../oidc';
import { ApiKeysController, HealthController } from './api-keys.controller';
import { AuthController } from './auth.controller';
import { GatewayDeps } from './deps';
import { EnterpriseUsersController, UsersController } from './users.controller';

/** What the gateway mounts beside its own controllers: the enterprise directory and single sign-on. */
export interface GatewayParts {
  readonly directory: EnterpriseDirectory;
  readonly oidc: OidcModuleOptions;
}

@Module({})
export class GatewayModule {
  static register(deps: GatewayDeps, parts: GatewayParts): DynamicModule {
    return {
      module: GatewayModule,
      imports: [EnterprisesModule.register(parts.directory), OidcModule.register(parts.oidc)],
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
