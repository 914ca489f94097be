import {
  defineConfig,
  httpEnv,
  kafkaConfig,
  kafkaEnv,
  observabilityConfig,
  observabilityEnv,
  positiveInt,
} from '@ecogate/config';
import { z } from 'zod';

/** barrier-control's environment, validated once at boot. */
export const barrierControlConfig = defineConfig(
  {
    ...kafkaEnv,
    ...observabilityEnv,
    ...httpEnv,
    /** JSON file of enterprises, lanes and barrier targets (schema: `gateSettingsFileSchema`). */
    BARRIER_GATES_FILE: z.string().min(1),
    /** Entry then exit (or the reverse) of one plate at one gate within this window is reversing. */
    BARRIER_REVERSING_WINDOW_SECONDS: positiveInt(60),
    /** An open barrier cycle ends this long after it began (no close input yet). */
    BARRIER_OPEN_CYCLE_SECONDS: positiveInt(15),
    BARRIER_ISAPI_TIMEOUT_MS: positiveInt(5_000),
    BARRIER_DAHUA_TIMEOUT_MS: positiveInt(12_000),
    /** How long a Vzenith "open" waits for the camera's next push. */
    BARRIER_VZENITH_REPLY_TTL_MS: positiveInt(10_000),
  },
  (env) => ({
    kafka: kafkaConfig(env, 'barrier-control'),
    http: { host: env.HTTP_HOST, port: env.HTTP_PORT },
    observability: observabilityConfig(env),
    gatesFile: env.BARRIER_GATES_FILE,
    lanes: {
      reversingWindowSeconds: env.BARRIER_REVERSING_WINDOW_SECONDS,
      openCycleMs: env.BARRIER_OPEN_CYCLE_SECONDS * 1000,
    },
    drivers: {
      isapiTimeoutMs: env.BARRIER_ISAPI_TIMEOUT_MS,
      dahuaTimeoutMs: env.BARRIER_DAHUA_TIMEOUT_MS,
      vzenithReplyTtlMs: env.BARRIER_VZENITH_REPLY_TTL_MS,
    },
  }),
);

export type BarrierControlConfig = ReturnType<typeof barrierControlConfig.load>;
