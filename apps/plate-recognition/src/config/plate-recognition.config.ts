import { defineConfig, httpEnv, logLevel, positiveInt } from '@ecogate/config';
import { type LprConfig, lprConfigFrom, lprEnv } from '@ecogate/lpr';

export interface PlateRecognitionConfig {
  readonly http: { readonly host: string; readonly port: number; readonly maxBodyBytes: number };
  readonly logLevel: string;
  readonly lpr: LprConfig;
}

/** The service's environment, validated once at boot (every bad variable is named). */
export const plateRecognitionConfig = defineConfig(
  {
    ...httpEnv,
    LOG_LEVEL: logLevel(),
    /** Largest accepted image upload; bigger bodies get 413 before they are read in full. */
    LPR_MAX_BODY_BYTES: positiveInt(10 * 1024 * 1024),
    ...lprEnv,
  },
  (env): PlateRecognitionConfig => ({
    http: { host: env.HTTP_HOST, port: env.HTTP_PORT, maxBodyBytes: env.LPR_MAX_BODY_BYTES },
    logLevel: env.LOG_LEVEL,
    lpr: lprConfigFrom(env),
  }),
);

export const APP_CONFIG = Symbol('APP_CONFIG');
