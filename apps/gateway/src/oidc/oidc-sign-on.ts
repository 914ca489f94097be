import * as client from 'openid-client';
import { claimValues, matchRole } from './role-map';
import { type ExternalIdentity, SignOnRefused } from './external-identity';
import { type OidcConfig } from './oidc.config';
import { TransactionSealer } from './transaction-cookie';

/** The short-lived cookie that carries one sign-on from the redirect to the callback. */
export interface TransactionCookie {
  readonly name: string;
  readonly value: string;
  readonly path: string;
  readonly maxAgeSeconds: number;
  readonly httpOnly: true;
  /** Lax: the provider's redirect back is a top-level GET navigation, which Lax cookies accompany. */
  readonly sameSite: 'lax';
  readonly secure: boolean;
}

export const TRANSACTION_COOKIE_NAME = 'ecogate_oidc_tx';
export const OIDC_ROUTES_PATH = '/auth/oidc';

export interface SignOnOptions {
  /** Refuses enterprise roles whose enterprise is not (or no longer) in the directory. */
  readonly enterpriseExists?: (enterpriseId: string) => Promise<boolean>;
  readonly now?: () => number;
}

/**
 * Authorization code flow with PKCE against the city's provider (openid-client): `start` gives the
 * redirect and the sealed transaction cookie; `finish` validates the callback (state, PKCE, ID token
 * signature, issuer, audience, nonce, expiry) and maps the ID token's claims to an Ecogate role.
 */
export class OidcSignOn {
  private configuration: Promise<client.Configuration> | undefined;
  private readonly sealer: TransactionSealer;
  private readonly now: () => number;
  readonly redirectUri: string;

  constructor(
    private readonly config: OidcConfig,
    private readonly options: SignOnOptions = {},
  ) {
    this.sealer = new TransactionSealer(config.transactionKey.reveal());
    this.now = options.now ?? Date.now;
    this.redirectUri = config.redirectUri;
  }

  async start(returnTo = '/'): Promise<{ redirectUrl: string; transactionCookie: TransactionCookie }> {
    if (!isLocalPath(returnTo))
      throw new SignOnRefused(
        'invalid-return-to',
        'returnTo must be a path on this site (starting with one /)',
      );
    const configuration = await this.discover();
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const redirect = client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.config.redirectUri,
      scope: this.config.scopes.join(' '),
      response_type: 'code',
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    const ttl = this.config.transactionTtlSeconds;
    return {
      redirectUrl: redirect.href,
      transactionCookie: {
        name: TRANSACTION_COOKIE_NAME,
        value: this.sealer.seal({ state, nonce, codeVerifier, returnTo, expiresAt: this.now() + ttl * 1000 }),
        path: OIDC_ROUTES_PATH,
        maxAgeSeconds: ttl,
        httpOnly: true,
        sameSite: 'lax',
        secure: this.config.redirectUri.startsWith('https:'),
      },
    };
  }

  /**
   * `callbackUrl`: the redirect URI with the query the provider sent (build it from the configured
   * redirect URI, not from the request's Host header). Refuses with `SignOnRefused`.
   */
  async finish(
    callbackUrl: URL | string,
    transactionCookie: string | undefined,
  ): Promise<{ identity: ExternalIdentity; returnTo: string }> {
    const transaction = transactionCookie ? this.sealer.open(transactionCookie, this.now()) : undefined;
    if (!transaction)
      throw new SignOnRefused(
        'invalid-transaction',
        'this sign-on was not started here, took too long or was altered: start again',
      );
    const configuration = await this.discover();
    let claims: Record<string, unknown>;
    try {
      const tokens = await client.authorizationCodeGrant(configuration, new URL(callbackUrl), {
        pkceCodeVerifier: transaction.codeVerifier,
        expectedState: transaction.state,
        expectedNonce: transaction.nonce,
        idTokenExpected: true,
      });
      claims = { ...tokens.claims() };
    } catch (error) {
      throw new SignOnRefused(
        'invalid-callback',
        `the identity provider's answer was refused: ${describe(error)}`,
        undefined,
        {
          cause: error,
        },
      );
    }
    return { identity: await this.identityOf(claims), returnTo: transaction.returnTo };
  }

  private async identityOf(claims: Record<string, unknown>): Promise<ExternalIdentity> {
    const issuer = String(claims['iss']);
    const subject = String(claims['sub']);
    const username = claimValues(claims, this.config.usernameClaim)[0] ?? subject;
    const displayName = claimValues(claims, this.config.displayNameClaim)[0] ?? username;
    const claimed = { issuer, subject, username };
    const match = matchRole(this.config.roleMap, claims);
    if (!match.ok) throw new SignOnRefused(match.code, match.reason, claimed);
    if (match.enterpriseId !== undefined && this.options.enterpriseExists)
      if (!(await this.options.enterpriseExists(match.enterpriseId)))
        throw new SignOnRefused(
          'unknown-enterprise',
          `enterprise ${match.enterpriseId} named by the identity provider is not registered in Ecogate`,
          claimed,
        );
    return {
      issuer,
      subject,
      username,
      displayName,
      role: match.role,
      ...(match.enterpriseId !== undefined ? { enterpriseId: match.enterpriseId } : {}),
      districts: match.districts,
    };
  }

  /** Discovery once; a failure is retried on the next sign-on instead of being cached. */
  private discover(): Promise<client.Configuration> {
    this.configuration ??= client
      .discovery(
        new URL(this.config.issuer),
        this.config.clientId,
        { redirect_uris: [this.config.redirectUri], response_types: ['code'] },
        client.ClientSecretBasic(this.config.clientSecret.reveal()),
        { timeout: 5, ...(this.config.allowHttp ? { execute: [client.allowInsecureRequests] } : {}) },
      )
      .catch((error: unknown) => {
        this.configuration = undefined;
        throw new SignOnRefused(
          'provider-unavailable',
          `the identity provider cannot be reached: ${describe(error)}`,
          undefined,
          { cause: error },
        );
      });
    return this.configuration;
  }
}

/** Only a path on this site: no scheme, no `//host`, no backslash tricks (open redirects). */
function isLocalPath(value: string): boolean {
  return /^\/(?![/\\])[^\s\\]*$/.test(value) && value.length <= 2048;
}

function describe(error: unknown): string {
  if (error instanceof client.AuthorizationResponseError || error instanceof client.ResponseBodyError)
    return `${error.error}${error.error_description ? ` (${error.error_description})` : ''}`;
  if (!(error instanceof Error)) return String(error);
  // openid-client wraps oauth4webapi's error, which names the failed check and the ID token claim
  // (nonce, aud, iss, …): the innermost error says most.
  let inner: Error = error;
  while (inner.cause instanceof Error) inner = inner.cause;
  const claim = (inner.cause as { claim?: unknown } | undefined)?.claim;
  return typeof claim === 'string' ? `${inner.message} (claim ${claim})` : inner.message;
}
