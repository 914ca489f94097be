import { authConfig, authEnv } from '@ecogate/auth';
import {
  databaseEnv,
  defineConfig,
  deviceNetworksEnv,
  httpEnv,
  messagingConfig,
  messagingEnv,
  observabilityConfig,
  observabilityEnv,
  positiveInt,
  url,
} from '@ecogate/config';
import { z } from 'zod';
import { type OnvifRelayOptions } from '../drivers/onvif-relay/onvif-relay.driver';
import { type LaneOptions } from '../lane-state/lane-state-machine';

/** barrier-control's environment, validated once at boot. */
/** The lane rules' settings; `cutInWindowMs` may be left out (the lane state machine's default, 30 s). */
export interface LaneSettings extends LaneOptions {
  readonly reversingWindowSeconds: number;
  readonly fusionWaitMs: number;
}

const laneSettings = (settings: LaneSettings): LaneSettings => settings;

export const barrierControlConfig = defineConfig(
  {
    /** Kafka when `KAFKA_BROKERS` is set (or `MESSAGING=kafka`), else the embedded bus (`EVENT_LOG_DATABASE_URL`). */
    ...messagingEnv,
    ...databaseEnv,
    ...observabilityEnv,
    ...httpEnv,
    /**
     * Callers' tokens (the gateway's JWKS; camera-ingest's key among the service keys) and
     * barrier-control's own key for its calls to the ledger (required with `LEDGER_URL`).
     */
    ...authEnv,
    /** Where barriers may be: every lane's address, checked at start and before each request. */
    ...deviceNetworksEnv,
    /** JSON file of enterprises, lanes and barrier targets (schema: `gateSettingsFileSchema`). */
    BARRIER_GATES_FILE: z.string().min(1),
    /** Entry then exit (or the reverse) of one plate at one gate within this window is reversing. */
    BARRIER_REVERSING_WINDOW_SECONDS: positiveInt(60),
    /** An open barrier cycle ends this long after it began, unless a close report ends it sooner. */
    BARRIER_OPEN_CYCLE_SECONDS: positiveInt(15),
    /**
     * Another vehicle read this soon after a vehicle still waiting for its barrier cycle cut in;
     * later, the waiting vehicle left without passing (a U-turn).
     */
    BARRIER_CUT_IN_WINDOW_SECONDS: positiveInt(30),
    BARRIER_ISAPI_TIMEOUT_MS: positiveInt(5_000),
    BARRIER_DAHUA_TIMEOUT_MS: positiveInt(12_000),
    /** How long a Vzenith "open" waits for the camera's next push. */
    BARRIER_VZENITH_REPLY_TTL_MS: positiveInt(10_000),
    /** How long camera-ingest's question "does this Vzenith reply open?" waits for the decision. */
    BARRIER_VZENITH_REPLY_WAIT_MS: positiveInt(1_000),
    BARRIER_ONVIF_TIMEOUT_MS: positiveInt(5_000),
    /** How long an ONVIF relay (bistable) is held active for an "open" pulse. */
    BARRIER_ONVIF_PULSE_MS: positiveInt(500),
    /**
     * How long a camera read waits for the server's read of the same capture before the lane acts
     * on the camera alone (0: act at once; a later server read can still settle a review).
     */
    BARRIER_FUSION_WAIT_MS: z.coerce.number().int().min(0).max(10_000).default(0),
    /** The ledger's base URL: vehicles, alert level and plan come from it. Unset: the gates file. */
    LEDGER_URL: url(['http', 'https']).optional(),
    LEDGER_TIMEOUT_MS: positiveInt(1_500),
    /** Alert level and emergency plan are reused this long per enterprise. */
    LEDGER_SETTINGS_TTL_MS: positiveInt(5_000),
    /** A vehicle answer (or "not registered") is reused this long. */
    LEDGER_VEHICLE_TTL_MS: positiveInt(10_000),
    LEDGER_VEHICLE_CACHE_SIZE: positiveInt(5_000),
  },
  (env) => ({
    messaging: messagingConfig(env, 'barrier-control'),
    /** Lane states, held reads and decisions survive a restart here (`--migrate` creates the tables). */
    database: { url: env.DATABASE_URL },
    http: { host: env.HTTP_HOST, port: env.HTTP_PORT },
    auth: authConfig(env),
    observability: observabilityConfig(env),
    gatesFile: env.BARRIER_GATES_FILE,
    /** `DEVICE_ALLOWED_NETWORKS` (libs/config's parser, shared with camera-ingest). */
    deviceNetworks: env.DEVICE_ALLOWED_NETWORKS,
    lanes: laneSettings({
      reversingWindowSeconds: env.BARRIER_REVERSING_WINDOW_SECONDS,
      openCycleMs: env.BARRIER_OPEN_CYCLE_SECONDS * 1000,
      cutInWindowMs: env.BARRIER_CUT_IN_WINDOW_SECONDS * 1000,
      fusionWaitMs: env.BARRIER_FUSION_WAIT_MS,
    }),
    ledger: env.LEDGER_URL
      ? {
          url: env.LEDGER_URL,
          timeoutMs: env.LEDGER_TIMEOUT_MS,
          settingsTtlMs: env.LEDGER_SETTINGS_TTL_MS,
          vehicleTtlMs: env.LEDGER_VEHICLE_TTL_MS,
          vehicleCacheSize: env.LEDGER_VEHICLE_CACHE_SIZE,
        }
      : undefined,
    drivers: {
      isapiTimeoutMs: env.BARRIER_ISAPI_TIMEOUT_MS,
      dahuaTimeoutMs: env.BARRIER_DAHUA_TIMEOUT_MS,
      vzenithReplyTtlMs: env.BARRIER_VZENITH_REPLY_TTL_MS,
      ...({ vzenithReplyWaitMs: env.BARRIER_VZENITH_REPLY_WAIT_MS } as { vzenithReplyWaitMs?: number }),
      // Optional in the type, so configurations built by hand (tests) may leave it out.
      ...({
        onvifRelay: { timeoutMs: env.BARRIER_ONVIF_TIMEOUT_MS, pulseMs: env.BARRIER_ONVIF_PULSE_MS },
      } as {
        onvifRelay?: OnvifRelayOptions;
      }),
    },
  }),
);

export type BarrierControlConfig = ReturnType<typeof barrierControlConfig.load>;
