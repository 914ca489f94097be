import { authConfig, authEnv } from '@ecogate/auth';
import {
  ConfigError,
  databaseEnv,
  defineConfig,
  httpEnv,
  messagingConfig,
  messagingEnv,
  objectStorageConfig,
  objectStorageEnv,
  type ObjectStorageConfig,
  observabilityConfig,
  observabilityEnv,
  positiveInt,
  secret,
  url,
} from '@ecogate/config';
import { PRESIGNED_TTL_HARD_MAX_SECONDS } from '@ecogate/storage';
import {
  APP_ID_PATTERN,
  ENTERPRISE_CODE_PATTERN,
  isSignMethod,
  type SignMethod,
} from '@ecogate/platform-protocol';
import { z } from 'zod';

/** `UPLOAD_ENTERPRISE_CODES=ent-1:91130200699229617X001P,ent-2:…`: our enterprise id → its HJ 608 code. */
const enterpriseCodes = () =>
  z
    .string()
    .default('')
    .transform((value, ctx) => {
      const map = new Map<string, string>();
      for (const entry of value
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean)) {
        const [enterpriseId, code, ...rest] = entry.split(':');
        if (!enterpriseId || !code || rest.length > 0 || !ENTERPRISE_CODE_PATTERN.test(code)) {
          ctx.addIssue({
            code: 'custom',
            message: `must be a comma-separated list of enterpriseId:HJ608code (bad entry "${entry}")`,
          });
          return z.NEVER;
        }
        map.set(enterpriseId, code);
      }
      return map as ReadonlyMap<string, string>;
    });

const signMethod = () =>
  z
    .string()
    .default('HMAC-SHA256')
    .refine((value): value is SignMethod => isSignMethod(value), {
      message: 'must be HMAC-SHA256, MD5 or SM3',
    });

/**
 * The store the image links point into, as the platform reaches it: on MinIO the public endpoint
 * when it differs (the signature covers the host); on the filesystem the links go to
 * SIGNED_LINK_BASE_URL, so a public S3 endpoint there is a mistake, not something to ignore.
 */
function imageStorage(storage: ObjectStorageConfig, publicEndpoint: string | undefined): ObjectStorageConfig {
  if (!publicEndpoint) return storage;
  if (storage.kind === 'filesystem')
    throw new ConfigError([
      {
        variable: 'UPLOAD_IMAGE_PUBLIC_ENDPOINT',
        reason: 'applies to MinIO only; with filesystem storage the links go to SIGNED_LINK_BASE_URL',
      },
    ]);
  return { ...storage, minio: { ...storage.minio, endpoint: publicEndpoint } };
}

/** provincial-upload's environment, validated once at boot. */
export const uploadConfig = defineConfig(
  {
    ...databaseEnv,
    /** Kafka when KAFKA_BROKERS is set (or MESSAGING=kafka), else the embedded bus on EVENT_LOG_DATABASE_URL. */
    ...messagingEnv,
    ...observabilityEnv,
    ...httpEnv,
    /** MinIO when S3_ENDPOINT is set (or OBJECT_STORAGE=minio), else files under $ECOGATE_HOME/objects. */
    ...objectStorageEnv,
    ...authEnv,
    /** `reference-http` or `reference-tcp`. */
    PLATFORM_ADAPTER: z.enum(['reference-http', 'reference-tcp']).default('reference-http'),
    /** HTTP: the platform's base URL; TCP: `tcp://host:port`. */
    PLATFORM_URL: url(['http', 'https', 'tcp']),
    PLATFORM_APP_ID: z.string().regex(APP_ID_PATTERN, 'must be 1-64 of A-Z a-z 0-9 _ . -'),
    PLATFORM_SECRET: secret(),
    PLATFORM_SIGN_METHOD: signMethod(),
    PLATFORM_REQUEST_TIMEOUT_MS: positiveInt(10_000),
    UPLOAD_ENTERPRISE_CODES: enterpriseCodes(),
    /** Lifetime of the image links handed to the platform: presigned (MinIO) or signed (filesystem); default 24 h, at most 7 days. */
    UPLOAD_IMAGE_URL_TTL_SECONDS: z.coerce
      .number()
      .int()
      .min(60)
      .max(PRESIGNED_TTL_HARD_MAX_SECONDS)
      .default(24 * 3600),
    /**
     * The object-store endpoint as the platform reaches it, when that differs from `S3_ENDPOINT`
     * (the signature covers the host). Signing is local: this endpoint is never called by us.
     */
    UPLOAD_IMAGE_PUBLIC_ENDPOINT: url(['http', 'https']).optional(),
    UPLOAD_BATCH_SIZE: z.coerce.number().int().min(1).max(100).default(100),
    UPLOAD_HEARTBEAT_SECONDS: positiveInt(30),
    UPLOAD_POLL_MS: positiveInt(500),
    UPLOAD_RETRY_INITIAL_MS: positiveInt(1_000),
    UPLOAD_RETRY_MAX_MS: positiveInt(300_000),
    /** After this many failed attempts a record is `dead` (an operator can re-push it). */
    UPLOAD_MAX_ATTEMPTS: positiveInt(10_000),
    UPLOAD_CONCURRENT_ENTERPRISES: positiveInt(8),
  },
  (env) => ({
    database: { url: env.DATABASE_URL },
    messaging: messagingConfig(env, 'provincial-upload'),
    http: { host: env.HTTP_HOST, port: env.HTTP_PORT },
    auth: authConfig(env),
    observability: observabilityConfig(env),
    platform: {
      adapter: env.PLATFORM_ADAPTER,
      url: env.PLATFORM_URL,
      appId: env.PLATFORM_APP_ID,
      secret: env.PLATFORM_SECRET,
      signMethod: env.PLATFORM_SIGN_METHOD,
      requestTimeoutMs: env.PLATFORM_REQUEST_TIMEOUT_MS,
    },
    images: {
      objectStorage: imageStorage(objectStorageConfig(env), env.UPLOAD_IMAGE_PUBLIC_ENDPOINT),
      urlTtlSeconds: env.UPLOAD_IMAGE_URL_TTL_SECONDS,
    },
    delivery: {
      enterpriseCodes: env.UPLOAD_ENTERPRISE_CODES,
      batchSize: env.UPLOAD_BATCH_SIZE,
      heartbeatIntervalMs: env.UPLOAD_HEARTBEAT_SECONDS * 1000,
      pollIntervalMs: env.UPLOAD_POLL_MS,
      retry: {
        initialDelayMs: env.UPLOAD_RETRY_INITIAL_MS,
        maxDelayMs: env.UPLOAD_RETRY_MAX_MS,
        maxAttempts: env.UPLOAD_MAX_ATTEMPTS,
      },
      concurrentEnterprises: env.UPLOAD_CONCURRENT_ENTERPRISES,
    },
  }),
);

export type UploadConfig = ReturnType<typeof uploadConfig.load>;
export type PlatformSettings = UploadConfig['platform'];
export type DeliverySettings = UploadConfig['delivery'];
export type ImageSettings = UploadConfig['images'];

/** What `main.ts --migrate` (the deploy step) needs: the database and logging only. */
export const uploadJobConfig = defineConfig({ ...databaseEnv, ...observabilityEnv }, (env) => ({
  database: { url: env.DATABASE_URL },
  observability: observabilityConfig(env),
}));
