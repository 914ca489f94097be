import {
  databaseEnv,
  defineConfig,
  httpEnv,
  kafkaConfig,
  kafkaEnv,
  observabilityConfig,
  observabilityEnv,
  positiveInt,
  Secret,
  storageConfig,
  storageEnv,
} from '@ecogate/config';
import { z } from 'zod';

export const cameraIngestConfig = defineConfig(
  {
    ...databaseEnv,
    ...kafkaEnv,
    ...storageEnv,
    ...observabilityEnv,
    ...httpEnv,
    S3_BUCKET: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{2,62}$/)
      .default('ecogate-captures'),
    /** 32 random bytes, base64: encrypts device logins at rest. Lives in the secret store, never in the repo. */
    DEVICE_CREDENTIALS_KEY: z
      .string()
      .refine((value) => Buffer.from(value, 'base64').length === 32, 'must be 32 bytes, base64-encoded')
      .transform((value) => new Secret(value)),
    PUSH_MAX_BODY_BYTES: positiveInt(4 * 1024 * 1024),
    PUSH_MAX_IMAGE_BYTES: positiveInt(1024 * 1024),
    PUSH_MAX_TEXT_BYTES: positiveInt(64 * 1024),
  },
  (env) => ({
    observability: observabilityConfig(env),
    http: { host: env.HTTP_HOST, port: env.HTTP_PORT },
    database: { url: env.DATABASE_URL },
    kafka: kafkaConfig(env, 'camera-ingest'),
    storage: storageConfig(env),
    credentialsKey: env.DEVICE_CREDENTIALS_KEY,
    push: {
      bucket: env.S3_BUCKET,
      maxBodyBytes: env.PUSH_MAX_BODY_BYTES,
      maxImageBytes: env.PUSH_MAX_IMAGE_BYTES,
      maxTextBytes: env.PUSH_MAX_TEXT_BYTES,
    },
  }),
);

export type CameraIngestConfig = ReturnType<typeof cameraIngestConfig.load>;
