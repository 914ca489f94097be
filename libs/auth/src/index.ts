export * from './roles';
export * from './auth-config';
export * from './principal';
export * from './policy';
export * from './policy-table';
export * from './token-verifier';
export * from './token-signer';
export * from './service-token';
export * from './nest/policy.guard';
export * from './nest/caller.decorator';
export * from './nest/use-policy';
// A real ES256 issuer and JWKS on 127.0.0.1, for tests of services that verify tokens.
export * from './testing/test-issuer';
export * from './openapi-policy';
export * from './role-table';
export * from './testing/route-matrix';
export * from './testing/forged-bearers';
