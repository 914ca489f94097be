import { defineConfig, httpEnv, logLevel, port, positiveInt, Secret } from '@ecogate/config';
import { APP_ID_PATTERN, SIGN_METHODS, type SignMethod, isSignMethod } from '@ecogate/platform-protocol';
import { z } from 'zod';
import { type PlatformSimulatorOptions } from '@ecogate/platform-simulator';

/** `SIM_APPS=appId:secret,appId2:secret2`; the secret is everything after the first colon. */
const appsList = () =>
  z
    .string()
    .min(1, 'is required')
    .transform((value, ctx) => {
      const apps: Record<string, Secret> = {};
      for (const entry of value.split(',').map((part) => part.trim())) {
        const colon = entry.indexOf(':');
        const appId = colon < 0 ? entry : entry.slice(0, colon);
        const secret = colon < 0 ? '' : entry.slice(colon + 1);
        // The message names the app, never the secret.
        if (!APP_ID_PATTERN.test(appId) || secret === '') {
          ctx.addIssue({
            code: 'custom',
            message: `must be a comma-separated list of appId:secret (bad entry "${appId}")`,
          });
          return z.NEVER;
        }
        apps[appId] = new Secret(secret);
      }
      return apps;
    });

const signMethodList = () =>
  z
    .string()
    .default(SIGN_METHODS.join(','))
    .transform((value) => value.split(',').map((part) => part.trim()))
    .refine((list): list is SignMethod[] => list.length > 0 && list.every(isSignMethod), {
      message: `must be a comma-separated list of ${SIGN_METHODS.join(', ')}`,
    });

/** The standalone simulator's environment, validated once at boot. */
export const simulatorConfig = defineConfig(
  {
    ...httpEnv,
    SIM_APPS: appsList(),
    SIM_SIGN_METHODS: signMethodList(),
    SIM_ADMIN_PORT: port(3081),
    SIM_TCP_PORT: port(3082),
    SIM_TIMESTAMP_WINDOW_SECONDS: positiveInt(300),
    SIM_HEARTBEAT_INTERVAL_SECONDS: positiveInt(30),
    SIM_MAX_RECORDS: positiveInt(10_000),
    SIM_MAX_SERIALS: positiveInt(100_000),
    SIM_MAX_BODY_BYTES: positiveInt(64 * 1024 * 1024),
    SIM_FAULT_SEED: z.coerce.number().int().min(0).max(0xffffffff).optional(),
    LOG_LEVEL: logLevel(),
  },
  (env): PlatformSimulatorOptions => ({
    apps: env.SIM_APPS,
    host: env.HTTP_HOST,
    httpPort: env.HTTP_PORT,
    adminPort: env.SIM_ADMIN_PORT,
    tcpPort: env.SIM_TCP_PORT,
    signMethods: env.SIM_SIGN_METHODS,
    timestampWindowMs: env.SIM_TIMESTAMP_WINDOW_SECONDS * 1000,
    heartbeatIntervalMs: env.SIM_HEARTBEAT_INTERVAL_SECONDS * 1000,
    maxRecords: env.SIM_MAX_RECORDS,
    maxSerials: env.SIM_MAX_SERIALS,
    maxBodyBytes: env.SIM_MAX_BODY_BYTES,
    maxFrameBytes: env.SIM_MAX_BODY_BYTES,
    faultSeed: env.SIM_FAULT_SEED,
    logLevel: env.LOG_LEVEL,
  }),
);
