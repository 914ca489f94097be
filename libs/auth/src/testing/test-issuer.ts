import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { GATEWAY_ISSUER, type Principal, SERVICE_ISSUER } from '../principal';
import { type ServiceName } from '../roles';
import { ServiceToken } from '../service-token';
import { TokenSigner } from '../token-signer';
import { type TokenVerifierOptions } from '../token-verifier';
import { importPKCS8, type JSONWebKeySet, SignJWT } from 'jose';

function es256Pem(): string {
  return generateKeyPairSync('ec', { namedCurve: 'P-256' })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();
}

/**
 * The gateway's signing side for tests of a single service: a real ES256 key, its JWKS served on
 * 127.0.0.1 exactly as the gateway serves it, and tokens for any principal. Services under test
 * verify through their production path (`TokenVerifier` fetching this JWKS).
 */
export class TestIssuer {
  private readonly serviceTokens = new Map<ServiceName, ServiceToken>();

  private constructor(
    private readonly server: Server,
    private readonly signer: TokenSigner,
    private readonly gatewayPem: string,
    private readonly servicePems: ReadonlyMap<ServiceName, string>,
    readonly serviceKeys: JSONWebKeySet,
    readonly jwksUrl: string,
  ) {}

  static async start(services: readonly ServiceName[] = []): Promise<TestIssuer> {
    const gatewayPem = es256Pem();
    const signer = await TokenSigner.fromPem(gatewayPem, { kid: 'gateway-test', issuer: GATEWAY_ISSUER });
    const jwks = JSON.stringify({ keys: [await signer.publicJwk()] });
    const server = createServer((req, res) => {
      res.writeHead(req.url === '/.well-known/jwks.json' ? 200 : 404, { 'content-type': 'application/json' });
      res.end(req.url === '/.well-known/jwks.json' ? jwks : '{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const pems = new Map(services.map((name) => [name, es256Pem()] as const));
    const keys = await Promise.all(
      [...pems].map(async ([name, pem]) =>
        (await TokenSigner.fromPem(pem, { kid: name, issuer: SERVICE_ISSUER })).publicJwk(),
      ),
    );
    return new TestIssuer(
      server,
      signer,
      gatewayPem,
      pems,
      { keys },
      `http://127.0.0.1:${port}/.well-known/jwks.json`,
    );
  }

  /** What a service's `TokenVerifier` is built with. */
  get verifierOptions(): TokenVerifierOptions {
    return { jwksUrl: this.jwksUrl, serviceKeys: this.serviceKeys };
  }

  /** A PKCS8 PEM for a service named at `start`, to build its `ServiceToken`. */
  servicePem(name: ServiceName): string {
    const pem = this.servicePems.get(name);
    if (!pem) throw new Error(`TestIssuer.start() was not given service ${name}`);
    return pem;
  }

  /** `Authorization` header value for a person or integrator. */
  async bearer(principal: Partial<Principal> & Pick<Principal, 'role'>): Promise<string> {
    const { token } = await this.signer.sign({
      subject: principal.subject ?? `${principal.role}-user`,
      name: principal.name ?? principal.subject ?? `${principal.role}-user`,
      enterprises: principal.enterprises ?? '*',
      districts: principal.districts ?? [],
      scopes: principal.scopes ?? [],
      role: principal.role,
    });
    return `Bearer ${token}`;
  }

  /** `Authorization` header value a service would send. */
  async serviceBearer(name: ServiceName): Promise<string> {
    let token = this.serviceTokens.get(name);
    if (!token)
      this.serviceTokens.set(name, (token = await ServiceToken.fromPem(name, this.servicePem(name))));
    return token.header();
  }

  /**
   * A token with exactly these claims and header, signed with the gateway's key or a service's
   * (or a fresh key nobody trusts): for tests of what verification must refuse.
   */
  async forge(
    payload: Record<string, unknown>,
    options: { readonly key?: 'gateway' | 'untrusted' | ServiceName; readonly kid?: string } = {},
  ): Promise<string> {
    const which = options.key ?? 'gateway';
    const pem =
      which === 'gateway' ? this.gatewayPem : which === 'untrusted' ? es256Pem() : this.servicePem(which);
    const kid = options.kid ?? (which === 'gateway' || which === 'untrusted' ? 'gateway-test' : which);
    return new SignJWT(payload)
      .setProtectedHeader({ alg: 'ES256', kid })
      .sign(await importPKCS8(pem, 'ES256'));
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }
}
