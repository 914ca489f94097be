// Single sign-on with a city's identity provider: mounted by the gateway (start-gateway.ts).
export {
  type ExternalIdentity,
  SIGN_ON_ERROR_STATUS,
  SignOnRefused,
  type SignOnRefusalCode,
} from './external-identity';
export {
  OIDC_ROUTES_PATH,
  OidcSignOn,
  TRANSACTION_COOKIE_NAME,
  type TransactionCookie,
} from './oidc-sign-on';
export { oidcConfig, oidcConfigDefinition, oidcEnv, type OidcConfig } from './oidc.config';
export { OidcController } from './oidc.controller';
export { OidcModule, type OidcModuleOptions } from './oidc.module';
export { oidcRoutes } from './oidc.openapi';
export { matchRole, parseRoleMap, type RoleRule } from './role-map';
export {
  SESSION_STARTER,
  SIGN_ON_AUDIT,
  type SessionStarter,
  type SignOnAudit,
  type SignOnAuditEntry,
} from './session-starter.port';
