import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type PersonRole } from '@ecogate/auth';
import { SecretUrl } from '@ecogate/config';
import { kafkaTestMessaging } from '@ecogate/testing';
import { type OidcConfig } from '../oidc';
import { type GatewayServiceConfig } from '../start-gateway';
import { type UpstreamService } from '../config/gateway.config';

/** A fresh ES256 key in a temporary PKCS8 PEM file. */
export function signingKeyFile(): string {
  const pem = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();
  const file = join(mkdtempSync(join(tmpdir(), 'gateway-key-')), 'signing.pem');
  writeFileSync(file, pem, { mode: 0o600 });
  return file;
}

/** Both listeners on free ports, short limits so lockout and idle can be waited out in a test. */
export function gatewayTestConfig(options: {
  readonly databaseUrl: string;
  /** A fixed public port (single sign-on: the provider must know the callback first); else a free one. */
  readonly httpPort?: number;
  readonly upstreams?: Partial<Record<UpstreamService, string>>;
  readonly lockoutSeconds?: number;
  readonly idleSeconds?: number;
  readonly loginPerMinute?: number;
  readonly apiKeyPerSecond?: number;
  readonly totpRequiredRoles?: readonly PersonRole[];
  /** Each test run's own topics (and consumer groups) on the shared cluster. */
  readonly topicPrefix: string;
  readonly oidc?: OidcConfig;
  /** The bus; by default Kafka (the cluster profile) under `topicPrefix`. */
  readonly messaging?: GatewayServiceConfig['messaging'];
  /** By default MinIO (the cluster profile): no signed-link route. */
  readonly objectStorage?: GatewayServiceConfig['objectStorage'];
  /** The live lanes stream's limits; by default the production ones. */
  readonly live?: Partial<GatewayServiceConfig['live']>;
  /** The built console; by default none. */
  readonly console?: GatewayServiceConfig['console'];
}): GatewayServiceConfig {
  return {
    database: { url: new SecretUrl(options.databaseUrl) },
    // As admin over SASL_SSL, under the test's prefix (the `gateway` principal's ACLs have their own test).
    messaging:
      options.messaging ?? kafkaTestMessaging({ clientId: 'gateway-it', topicPrefix: options.topicPrefix }),
    objectStorage: options.objectStorage ?? { kind: 'minio' },
    outbox: { pollIntervalMs: 50 },
    oidc: options.oidc,
    http: { host: '127.0.0.1', port: options.httpPort ?? 0 },
    internalHttp: { host: '127.0.0.1', port: 0 },
    signing: { keyFile: signingKeyFile(), kid: 'gateway-test' },
    accounts: {
      maxFailures: 5,
      lockoutSeconds: options.lockoutSeconds ?? 2,
      passwordMaxAgeDays: 90,
      totpRequiredRoles: [...(options.totpRequiredRoles ?? [])],
    },
    sessions: {
      idleSeconds: options.idleSeconds ?? 4,
      absoluteSeconds: 3600,
      accessTokenSeconds: 300,
      secureCookies: false,
    },
    edge: {
      corsOrigins: [],
      loginPerMinute: options.loginPerMinute ?? 10_000,
      apiKeyPerSecond: options.apiKeyPerSecond ?? 10_000,
      proxyMaxBodyBytes: 64 * 1024 * 1024,
      trustedProxyHops: 0,
    },
    auditRetentionDays: 180,
    upstreams: options.upstreams ?? {},
    live: {
      maxStreamsPerEnterprise: 50,
      maxStreams: 2000,
      heartbeatMs: 15_000,
      alertViewIntervalMs: 15_000,
      ...options.live,
    },
    console: options.console,
  };
}

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- assertions read answers freely

/**
 * A browser's view of the gateway: keeps cookies (the refresh cookie only for its path), echoes
 * the csrf cookie in X-CSRF-Token on unsafe methods unless told not to.
 */
export class Browser {
  readonly cookies = new Map<string, string>();
  /** Signs in again when the session has ended (a long-lived admin across idle-timeout tests). */
  stayLoggedInAs?: { username: string; password: string };

  constructor(private readonly base: string) {}

  async call(
    method: string,
    path: string,
    options: { body?: unknown; csrf?: boolean; headers?: Record<string, string> } = {},
  ): Promise<{ status: number; body: Json; headers: Headers }> {
    const answer = await this.once(method, path, options);
    if (answer.status !== 401 || !this.stayLoggedInAs || path.startsWith('/auth/')) return answer;
    await this.once('POST', '/auth/login', { body: this.stayLoggedInAs });
    return this.once(method, path, options);
  }

  private async once(
    method: string,
    path: string,
    options: { body?: unknown; csrf?: boolean; headers?: Record<string, string> },
  ): Promise<{ status: number; body: Json; headers: Headers }> {
    const headers: Record<string, string> = { ...options.headers };
    const cookies = [...this.cookies]
      .filter(([name]) => name !== 'ecogate_refresh' || path === '/auth/refresh')
      .map(([name, value]) => `${name}=${value}`);
    if (cookies.length > 0) headers['cookie'] = cookies.join('; ');
    if (method !== 'GET' && options.csrf !== false && this.cookies.has('csrf'))
      headers['x-csrf-token'] = this.cookies.get('csrf')!;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const [name = '', value = ''] = pair.split('=');
      if (/Max-Age=0/.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await response.text();
    let body: Json = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON
    }
    return { status: response.status, body, headers: response.headers };
  }

  copy(): Browser {
    const other = new Browser(this.base);
    for (const [name, value] of this.cookies) other.cookies.set(name, value);
    return other;
  }
}
