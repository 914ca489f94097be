import { z } from 'zod';
import { defineConfig, embeddedHomeEnv, logLevel, port } from '@ecogate/config';

/** `npm start [-- --demo | --no-demo]`: the machine's settings, from the environment. */
export const launcherConfig = defineConfig(
  {
    ...embeddedHomeEnv,
    /** The gateway (and console): http://127.0.0.1:<port>. */
    ECOGATE_PORT: port(8080),
    /** Where cameras push (ANPR events); the services listen on ECOGATE_PORT+100…+303 (loopback). */
    ECOGATE_CAMERA_PORT: port(8082),
    /** The province's platform; unset, records go to a local platform simulator. */
    PLATFORM_URL: z.string().url().optional(),
    PLATFORM_APP_ID: z.string().min(1).optional(),
    PLATFORM_SECRET: z.string().min(1).optional(),
    UPLOAD_ENTERPRISE_CODES: z.string().default(''),
    /** The city's stage-lookup source and its credentials file; unset, a local stage-lookup simulator answers. */
    LEDGER_STAGE_LOOKUP_URL: z.string().url().optional(),
    LEDGER_STAGE_LOOKUP_CREDENTIALS_FILE: z.string().min(1).optional(),
    /** The services' log level (their logs are in `$ECOGATE_HOME/logs`). */
    LOG_LEVEL: logLevel(),
    /** Seconds between two demo trucks; 0: no trucks (the demo city only, e.g. for tests that drive the cameras). */
    ECOGATE_DEMO_INTERVAL_SECONDS: z.coerce
      .number()
      .refine((s) => s === 0 || (s >= 0.2 && s <= 3600), 'must be 0 or 0.2 to 3600')
      .default(5),
    /** Seconds after the start at which the demo city raises an orange alert. */
    ECOGATE_DEMO_ALERT_AFTER_SECONDS: z.coerce.number().min(0).max(86_400).default(60),
  },
  (env) => ({
    home: env.ECOGATE_HOME,
    ports: {
      gateway: env.ECOGATE_PORT,
      cameraPush: env.ECOGATE_CAMERA_PORT,
      postgres: env.ECOGATE_POSTGRES_PORT,
    },
    platform:
      env.PLATFORM_URL && env.PLATFORM_APP_ID && env.PLATFORM_SECRET
        ? {
            url: env.PLATFORM_URL,
            appId: env.PLATFORM_APP_ID,
            secret: env.PLATFORM_SECRET,
            enterpriseCodes: env.UPLOAD_ENTERPRISE_CODES,
          }
        : undefined,
    stageLookup:
      env.LEDGER_STAGE_LOOKUP_URL && env.LEDGER_STAGE_LOOKUP_CREDENTIALS_FILE
        ? { url: env.LEDGER_STAGE_LOOKUP_URL, credentialsFile: env.LEDGER_STAGE_LOOKUP_CREDENTIALS_FILE }
        : undefined,
    logLevel: env.LOG_LEVEL,
    demo: {
      intervalMs: env.ECOGATE_DEMO_INTERVAL_SECONDS * 1000,
      alertAfterMs: env.ECOGATE_DEMO_ALERT_AFTER_SECONDS * 1000,
    },
  }),
);

export type LauncherConfig = ReturnType<typeof launcherConfig.load>;

/** `--demo` forces the demo city, `--no-demo` refuses it; else a new home gets one. */
export function demoFlag(argv: readonly string[]): boolean | undefined {
  if (argv.includes('--no-demo')) return false;
  if (argv.includes('--demo')) return true;
  return undefined;
}
