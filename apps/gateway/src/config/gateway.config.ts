import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  bool,
  databaseEnv,
  defineConfig,
  httpEnv,
  messagingConfig,
  messagingEnv,
  type ObjectStorageConfig,
  objectStorageConfig,
  objectStorageEnv,
  objectStorageKind,
  observabilityConfig,
  observabilityEnv,
  port,
  positiveInt,
  url,
} from '@ecogate/config';
import { PERSON_ROLES, type PersonRole } from '@ecogate/auth';
import { z } from 'zod';
import { oidcConfig, oidcEnv } from '../oidc';

/** The services the gateway fronts at `/api/<service>/v1/...`. */
export const UPSTREAM_SERVICES = [
  'ledger',
  'barrier-control',
  'camera-ingest',
  'video-archive',
  'provincial-upload',
] as const;
export type UpstreamService = (typeof UPSTREAM_SERVICES)[number];

const file = () =>
  z
    .string()
    .min(1)
    .refine((path) => existsSync(path), { message: 'no such file' });

const directory = () =>
  z
    .string()
    .min(1)
    .refine((path) => existsSync(path) && statSync(path).isDirectory(), { message: 'no such directory' })
    .transform((path) => resolve(path));

/** An origin (`https://minio.city.example:9000`): scheme, host and port only, nothing a policy could be smuggled in. */
const origin = z.string().refine(
  (value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
    } catch {
      return false;
    }
  },
  { message: 'must be an origin like https://minio.city.example:9000 (no path, no trailing slash)' },
);

const list = () =>
  z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
    );

/** 等保 2.0 account rules; each has a default the standard accepts and may be tightened. */
export interface AccountPolicy {
  readonly maxFailures: number;
  readonly lockoutSeconds: number;
  readonly passwordMaxAgeDays: number;
  readonly totpRequiredRoles: readonly PersonRole[];
}

export interface SessionPolicy {
  readonly idleSeconds: number;
  readonly absoluteSeconds: number;
  readonly accessTokenSeconds: number;
  /** Secure cookies (https deployments); off only for plain-http development and tests. */
  readonly secureCookies: boolean;
}

/** The live lanes stream's limits. */
export interface LivePolicy {
  readonly maxStreamsPerEnterprise: number;
  readonly maxStreams: number;
  /** A comment line this often on every open stream (15 s). */
  readonly heartbeatMs: number;
  /** How often an open alert view stream reads the ledger's view again (15 s). */
  readonly alertViewIntervalMs: number;
}

/** The built console the gateway serves. */
export interface ConsoleSettings {
  /** Absolute path of Vite's `dist/`. */
  readonly dir: string;
  /** `CONSOLE_IMG_SRC`: object-store origins in the console's CSP. */
  readonly imageOrigins: readonly string[];
}

export const gatewayEnv = {
  ...httpEnv,
  INTERNAL_HTTP_HOST: z.string().default('127.0.0.1'),
  INTERNAL_HTTP_PORT: port(8081),
  /** The gateway's ES256 signing key (PKCS8 PEM). */
  GATEWAY_SIGNING_KEY_FILE: file(),
  GATEWAY_SIGNING_KEY_ID: z
    .string()
    .regex(/^[\w.-]{1,64}$/)
    .default('gateway-1'),
  /** The previous key's public half (SPKI PEM), still published while its tokens may live. */
  GATEWAY_PREVIOUS_PUBLIC_KEY_FILE: file().optional(),
  GATEWAY_PREVIOUS_SIGNING_KEY_ID: z
    .string()
    .regex(/^[\w.-]{1,64}$/)
    .optional(),
  GATEWAY_MAX_FAILED_LOGINS: positiveInt(5),
  GATEWAY_LOCKOUT_SECONDS: positiveInt(15 * 60),
  GATEWAY_PASSWORD_MAX_AGE_DAYS: positiveInt(90),
  /** Roles that must have TOTP before they may do anything else, e.g. `city-admin`. */
  GATEWAY_TOTP_REQUIRED_ROLES: list().pipe(z.array(z.enum(PERSON_ROLES))),
  GATEWAY_SESSION_IDLE_SECONDS: positiveInt(30 * 60),
  GATEWAY_SESSION_ABSOLUTE_SECONDS: positiveInt(12 * 3600),
  GATEWAY_ACCESS_TOKEN_SECONDS: z.coerce.number().int().min(10).max(300).default(300),
  GATEWAY_SECURE_COOKIES: bool(true),
  /** Origins allowed by CORS; empty = no cross-origin access at all. */
  GATEWAY_CORS_ORIGINS: list(),
  /** Audit records are kept this long (at least 180 days, 网络安全法 Art. 21). */
  GATEWAY_AUDIT_RETENTION_DAYS: z.coerce.number().int().min(180).default(180),
  GATEWAY_LOGIN_RATE_PER_MINUTE: positiveInt(20),
  GATEWAY_API_KEY_RATE_PER_SECOND: positiveInt(20),
  GATEWAY_PROXY_MAX_BODY_BYTES: positiveInt(64 * 1024 * 1024),
  /** Proxies of our own in front of the gateway (ingress, load balancer) whose X-Forwarded-For is trusted. */
  GATEWAY_TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(5).default(0),
  GATEWAY_UPSTREAM_LEDGER_URL: url(['http', 'https']).optional(),
  GATEWAY_UPSTREAM_BARRIER_CONTROL_URL: url(['http', 'https']).optional(),
  GATEWAY_UPSTREAM_CAMERA_INGEST_URL: url(['http', 'https']).optional(),
  GATEWAY_UPSTREAM_VIDEO_ARCHIVE_URL: url(['http', 'https']).optional(),
  GATEWAY_UPSTREAM_PROVINCIAL_UPLOAD_URL: url(['http', 'https']).optional(),
  /** How often the outbox relay polls (enterprise directory events) while the outbox is empty. */
  GATEWAY_OUTBOX_POLL_MS: positiveInt(200),
  /** Live lanes streams (Server-Sent Events) open at once per enterprise, and on this instance in all. */
  GATEWAY_LIVE_MAX_STREAMS_PER_ENTERPRISE: positiveInt(50),
  GATEWAY_LIVE_MAX_STREAMS: positiveInt(2000),
  /** The built console (Vite's `dist/`: index.html, assets/); unset = no console served. */
  CONSOLE_DIR: directory().optional(),
  /**
   * Origins the console may show images and video from besides its own (where MinIO's presigned
   * links point), comma-separated: added to its CSP's img-src, media-src and connect-src.
   */
  CONSOLE_IMG_SRC: list().pipe(z.array(origin)),
};

type GatewayEnv = z.infer<z.ZodObject<typeof gatewayEnv>>;

/**
 * Where the services' objects live, as far as the gateway cares: on the filesystem (embedded
 * profile) it serves their signed links at `GET /objects/...`; on MinIO the links point at MinIO,
 * and the gateway needs (and holds) no MinIO credentials.
 */
export type GatewayObjectStorage = Extract<ObjectStorageConfig, { kind: 'filesystem' }> | { kind: 'minio' };

function upstreams(env: GatewayEnv): Partial<Record<UpstreamService, string>> {
  const out: Partial<Record<UpstreamService, string>> = {};
  for (const service of UPSTREAM_SERVICES) {
    const value = env[`GATEWAY_UPSTREAM_${service.toUpperCase().replace(/-/g, '_')}_URL` as keyof GatewayEnv];
    if (typeof value === 'string') out[service] = value;
  }
  return out;
}

function gatewayObjectStorage(env: z.infer<z.ZodObject<typeof objectStorageEnv>>): GatewayObjectStorage {
  if (objectStorageKind(env) === 'minio') return { kind: 'minio' };
  const config = objectStorageConfig(env);
  if (config.kind !== 'filesystem') throw new Error('unreachable: objectStorageKind said filesystem');
  return config;
}

export const gatewayConfig = defineConfig(
  { ...databaseEnv, ...messagingEnv, ...objectStorageEnv, ...observabilityEnv, ...gatewayEnv, ...oidcEnv },
  (env) => ({
    database: { url: env.DATABASE_URL },
    /** Kafka when KAFKA_BROKERS is set (or MESSAGING=kafka), else the embedded event log. */
    messaging: messagingConfig(env, 'gateway'),
    /** Filesystem (signed links served here) unless S3_ENDPOINT is set or OBJECT_STORAGE=minio. */
    objectStorage: gatewayObjectStorage(env),
    outbox: { pollIntervalMs: env.GATEWAY_OUTBOX_POLL_MS },
    /** Undefined while single sign-on is off (`GATEWAY_OIDC_ISSUER` unset). */
    oidc: oidcConfig(env),
    observability: observabilityConfig(env),
    http: { host: env.HTTP_HOST, port: env.HTTP_PORT },
    internalHttp: { host: env.INTERNAL_HTTP_HOST, port: env.INTERNAL_HTTP_PORT },
    signing: {
      keyFile: env.GATEWAY_SIGNING_KEY_FILE,
      kid: env.GATEWAY_SIGNING_KEY_ID,
      ...(env.GATEWAY_PREVIOUS_PUBLIC_KEY_FILE
        ? {
            previous: {
              publicKeyFile: env.GATEWAY_PREVIOUS_PUBLIC_KEY_FILE,
              kid: env.GATEWAY_PREVIOUS_SIGNING_KEY_ID ?? 'gateway-previous',
            },
          }
        : {}),
    },
    accounts: {
      maxFailures: env.GATEWAY_MAX_FAILED_LOGINS,
      lockoutSeconds: env.GATEWAY_LOCKOUT_SECONDS,
      passwordMaxAgeDays: env.GATEWAY_PASSWORD_MAX_AGE_DAYS,
      totpRequiredRoles: env.GATEWAY_TOTP_REQUIRED_ROLES,
    } satisfies AccountPolicy,
    sessions: {
      idleSeconds: env.GATEWAY_SESSION_IDLE_SECONDS,
      absoluteSeconds: env.GATEWAY_SESSION_ABSOLUTE_SECONDS,
      accessTokenSeconds: env.GATEWAY_ACCESS_TOKEN_SECONDS,
      secureCookies: env.GATEWAY_SECURE_COOKIES,
    } satisfies SessionPolicy,
    edge: {
      corsOrigins: env.GATEWAY_CORS_ORIGINS,
      loginPerMinute: env.GATEWAY_LOGIN_RATE_PER_MINUTE,
      apiKeyPerSecond: env.GATEWAY_API_KEY_RATE_PER_SECOND,
      proxyMaxBodyBytes: env.GATEWAY_PROXY_MAX_BODY_BYTES,
      trustedProxyHops: env.GATEWAY_TRUSTED_PROXY_HOPS,
    },
    auditRetentionDays: env.GATEWAY_AUDIT_RETENTION_DAYS,
    upstreams: upstreams(env),
    live: {
      maxStreamsPerEnterprise: env.GATEWAY_LIVE_MAX_STREAMS_PER_ENTERPRISE,
      maxStreams: env.GATEWAY_LIVE_MAX_STREAMS,
      heartbeatMs: 15_000,
      alertViewIntervalMs: 15_000,
    } satisfies LivePolicy,
    /** Undefined while `CONSOLE_DIR` is unset. */
    console: env.CONSOLE_DIR
      ? ({ dir: env.CONSOLE_DIR, imageOrigins: env.CONSOLE_IMG_SRC } satisfies ConsoleSettings)
      : undefined,
  }),
);

export type GatewayConfig = ReturnType<typeof gatewayConfig.load>;

/** What the one-off jobs (`--migrate`, `--create-admin`, `--purge-audit`) need. */
export const gatewayJobConfig = defineConfig(
  {
    ...databaseEnv,
    ...observabilityEnv,
    GATEWAY_AUDIT_RETENTION_DAYS: gatewayEnv.GATEWAY_AUDIT_RETENTION_DAYS,
  },
  (env) => ({
    database: { url: env.DATABASE_URL },
    observability: observabilityConfig(env),
    auditRetentionDays: env.GATEWAY_AUDIT_RETENTION_DAYS,
  }),
);
