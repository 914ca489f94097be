import { type DynamicModule, Module } from '@nestjs/common';
import { type EnterpriseDirectory, EnterprisesModule } from '../enterprises';
import { ObjectsModule, type ObjectsModuleOptions } from '../objects';
import { OidcModule, type OidcModuleOptions } from '../oidc';
import { ApiKeysController, HealthController } from './api-keys.controller';
import { AuthController } from './auth.controller';
import { GatewayDeps } from './deps';
import { EnterpriseUsersController, UsersController } from './users.controller';

/**
 * What the gateway mounts beside its own controllers: the enterprise directory, single sign-on and,
 * where objects live on the filesystem (embedded profile), their signed links.
 */
export interface GatewayParts {
  readonly directory: EnterpriseDirectory;
  readonly oidc: OidcModuleOptions;
  /** Absent on MinIO: presigned URLs point at MinIO, and `/objects/...` is no route here (404). */
  readonly objects?: ObjectsModuleOptions;
}

@Module({})
export class GatewayModule {
  static register(deps: GatewayDeps, parts: GatewayParts): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        EnterprisesModule.register(parts.directory),
        OidcModule.register(parts.oidc),
        ...(parts.objects ? [ObjectsModule.register(parts.objects)] : []),
      ],
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
