import { type ServiceName } from './roles';
import { SERVICE_ISSUER } from './principal';
import { TokenSigner } from './token-signer';

/**
 * A service's own token for its calls to other services, re-signed shortly before it expires.
 * The key is the service's (kid = its name); callees trust it through their service-keys JWKS.
 */
export class ServiceToken {
  private current: { token: string; expiresAt: Date } | undefined;

  private constructor(
    private readonly service: ServiceName,
    private readonly signer: TokenSigner,
  ) {}

  static async fromPem(service: ServiceName, pkcs8Pem: string): Promise<ServiceToken> {
    return new ServiceToken(
      service,
      await TokenSigner.fromPem(pkcs8Pem, { kid: service, issuer: SERVICE_ISSUER }),
    );
  }

  /** `Authorization` header value. */
  async header(): Promise<string> {
    if (!this.current || this.current.expiresAt.getTime() - Date.now() < 60_000)
      this.current = await this.signer.sign({
        subject: this.service,
        name: this.service,
        role: 'service',
        enterprises: '*',
        districts: [],
        scopes: [],
      });
    return `Bearer ${this.current.token}`;
  }
}
