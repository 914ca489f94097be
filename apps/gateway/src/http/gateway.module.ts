import { type DynamicModule, Module } from '@nestjs/common';
import { ConsoleModule, type ConsoleOptions } from '../console';
import { type EnterpriseDirectory, EnterprisesModule } from '../enterprises';
import { type AlertViewStreamOptions, LiveModule, type LiveOptions } from '../live';
import { ObjectsModule, type ObjectsModuleOptions } from '../objects';
import { OidcModule, type OidcModuleOptions } from '../oidc';
import { ApiKeysController, HealthController } from './api-keys.controller';
import { AuthController } from './auth.controller';
import { GatewayDeps } from './deps';
import { EnterpriseUsersController, UsersController } from './users.controller';

/**
 * What the gateway mounts beside its own controllers: the enterprise directory, single sign-on, the
 * live lanes stream, where objects live on the filesystem (embedded profile) their signed links and,
 * where `CONSOLE_DIR` is set, the built console.
 */
export interface GatewayParts {
  readonly directory: EnterpriseDirectory;
  readonly oidc: OidcModuleOptions;
  /** The live lanes stream and the city's alert view stream. */
  readonly live: LiveOptions & { readonly alertView: AlertViewStreamOptions };
  /** Absent on MinIO: presigned URLs point at MinIO, and `/objects/...` is no route here (404). */
  readonly objects?: ObjectsModuleOptions;
  /** Absent while `CONSOLE_DIR` is unset: no console served. */
  readonly console?: ConsoleOptions;
}

@Module({})
export class GatewayModule {
  static register(deps: GatewayDeps, parts: GatewayParts): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        EnterprisesModule.register(parts.directory),
        OidcModule.register(parts.oidc),
        LiveModule.register(parts.live),
        ...(parts.objects ? [ObjectsModule.register(parts.objects)] : []),
        // Last: its catch-all GET route must come after every other route.
        ...(parts.console ? [ConsoleModule.register(parts.console)] : []),
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
