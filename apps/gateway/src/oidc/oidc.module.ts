import { type DynamicModule, Module } from '@nestjs/common';
import { OIDC_SIGN_ON, OidcController } from './oidc.controller';
import { type OidcSignOn } from './oidc-sign-on';
import {
  SESSION_STARTER,
  SIGN_ON_AUDIT,
  type SessionStarter,
  type SignOnAudit,
} from './session-starter.port';

export interface OidcModuleOptions {
  /** Undefined when SSO is off (`oidcConfig` returned undefined): the routes answer 404 `sso-disabled`. */
  readonly signOn: OidcSignOn | undefined;
  readonly sessions: SessionStarter;
  readonly audit: SignOnAudit;
}

@Module({})
export class OidcModule {
  static register(options: OidcModuleOptions): DynamicModule {
    return {
      module: OidcModule,
      controllers: [OidcController],
      providers: [
        { provide: OIDC_SIGN_ON, useValue: options.signOn },
        { provide: SESSION_STARTER, useValue: options.sessions },
        { provide: SIGN_ON_AUDIT, useValue: options.audit },
      ],
    };
  }
}
