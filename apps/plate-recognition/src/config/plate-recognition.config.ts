import { type AuthConfig, authConfig, authEnv } from '@ecogate/auth';
import {
  bool,
  ConfigError,
  defineConfig,
  httpEnv,
  type MessagingConfig,
  messagingConfig,
  messagingEnv,
  type ObjectStorageConfig,
  objectStorageConfig,
  objectStorageEnv,
  observabilityConfig,
  observabilityEnv,
  type ObservabilityConfig,
  positiveInt,
  url,
} from '@ecogate/config';
import {
  type DrivingLicenceConfig,
  drivingLicenceConfigFrom,
  drivingLicenceEnv,
  type InventoryListConfig,
  inventoryListConfigFrom,
  inventoryListEnv,
} from '@ecogate/document-reading';
import { isProvince, type Province } from '@ecogate/domain';
import { type LprConfig, lprConfigFrom, lprEnv } from '@ecogate/lpr';
import { z } from 'zod';

/** The snapshot path: snapshots in, server plate reads out, images through object storage. */
export interface SnapshotPipelineConfig {
  /** The bus (ADR 0008): Kafka when KAFKA_BROKERS is set (or MESSAGING=kafka), else the embedded log. */
  readonly messaging: MessagingConfig;
  /** Consumer group of `camera.snapshot.captured.v1`; its dead letters go to `<group>.dead-letter.v1`. */
  readonly groupId: string;
  /** MinIO when S3_ENDPOINT is set (or OBJECT_STORAGE=minio), else files under `$ECOGATE_HOME/objects`. */
  readonly objectStorage: ObjectStorageConfig;
  /** Snapshots larger than this are dead-lettered without being downloaded in full. */
  readonly maxImageBytes: number;
}

/** The ledger's known plates for lane snapshots (docs/plate-recognition.md, "Known plates"). */
export interface KnownPlatesConfig {
  readonly ledgerUrl: string;
  /** One fetch's deadline (it runs in the background of reads). */
  readonly timeoutMs: number;
  readonly ttlMs: number;
  /** The longest a read waits for its site's first list. */
  readonly waitMs: number;
  readonly retryMs: number;
  readonly maxSites: number;
  readonly maxPlates: number;
}

export interface PlateRecognitionConfig {
  readonly http: { readonly host: string; readonly port: number; readonly maxBodyBytes: number };
  readonly observability: ObservabilityConfig;
  /** Token verification: the gateway's JWKS, and the services' keys for their own tokens. */
  readonly auth: AuthConfig;
  readonly lpr: LprConfig;
  /** `POST /documents/driving-licence/read`: its worker pool and models (PP-OCRv4, from the lpr settings). */
  readonly drivingLicence: DrivingLicenceConfig;
  /** `POST /documents/inventory-list/read`: the QR reader's worker pool. */
  readonly inventoryList: InventoryListConfig;
  /** Absent when `SNAPSHOTS_ENABLED=false`: the service then only answers `POST /recognize`. */
  readonly snapshots?: SnapshotPipelineConfig;
  /** Absent without `LEDGER_URL`: lane snapshots are read without the site's known plates. */
  readonly knownPlates?: KnownPlatesConfig;
  /** `PLATE_PROVINCE_PRIOR`: confirms a doubtful province character read as it, never replaces one. */
  readonly provincePrior?: Province;
}

/** The service's environment, validated once at boot (every bad variable is named). */
export const plateRecognitionConfig = defineConfig(
  {
    ...httpEnv,
    ...observabilityEnv,
    ...authEnv,
    /** Largest accepted image upload; bigger bodies get 413 before they are read in full. */
    LPR_MAX_BODY_BYTES: positiveInt(10 * 1024 * 1024),
    ...lprEnv,
    ...drivingLicenceEnv,
    ...inventoryListEnv,
    /**
     * Consume `camera.snapshot.captured.v1` and publish `anpr.plate.read.v1`: then a bus and an
     * object store are required, of the profile their variables choose (ADR 0008). `false`: HTTP only.
     */
    SNAPSHOTS_ENABLED: bool(true),
    /** Renamed SNAPSHOTS_ENABLED (the snapshot path also runs on the embedded bus): refused with that hint. */
    KAFKA_ENABLED: z.string().optional(),
    ...messagingEnv,
    KAFKA_GROUP_ID: z
      .string()
      .regex(/^[\w.-]+$/)
      .default('plate-recognition'),
    ...objectStorageEnv,
    /**
     * The ledger's base URL: lane snapshots are then read with their site's known plates (the
     * enterprise's registered vehicles, the site's recent trusted plates). Needs SERVICE_SIGNING_KEY_FILE.
     */
    LEDGER_URL: url(['http', 'https']).optional(),
    /** One known-plates fetch's deadline (in the background of reads). */
    LEDGER_TIMEOUT_MS: positiveInt(3_000),
    /** A site's known plates are fetched again (the old list served meanwhile) once this old. */
    LPR_KNOWN_PLATES_TTL_MS: positiveInt(300_000),
    /** The longest a lane read waits for its site's first list; then it is read without. */
    LPR_KNOWN_PLATES_WAIT_MS: z.coerce.number().int().min(0).max(2_000).default(200),
    /** After a failed fetch, the next one for that site waits this long. */
    LPR_KNOWN_PLATES_RETRY_MS: positiveInt(30_000),
    /** Sites whose lists are kept in memory. */
    LPR_KNOWN_PLATES_SITES: positiveInt(2_000),
    /** Plates kept over all sites (about 0.7 KB each); at least one full list (5 000). */
    LPR_KNOWN_PLATES_MAX_PLATES: z.coerce.number().int().min(5_000).default(200_000),
    /**
     * The deployment's province character (冀 in Hebei): settles a doubtful first character read
     * as it, never changes one read otherwise or a confident one. Unset: no prior.
     */
    PLATE_PROVINCE_PRIOR: z.string().refine(isProvince, 'must be one province character, e.g. 冀').optional(),
  },
  (env): PlateRecognitionConfig => {
    if (env.KAFKA_ENABLED !== undefined)
      throw new ConfigError([
        {
          variable: 'KAFKA_ENABLED',
          reason: 'was renamed SNAPSHOTS_ENABLED (the snapshot path runs on Kafka or the embedded bus)',
        },
      ]);
    if (env.LEDGER_URL && !env.SERVICE_SIGNING_KEY_FILE)
      throw new ConfigError([
        {
          variable: 'SERVICE_SIGNING_KEY_FILE',
          reason: "is required with LEDGER_URL (plate recognition's own key, for the ledger)",
        },
      ]);
    const lpr = lprConfigFrom(env);
    const base = {
      http: { host: env.HTTP_HOST, port: env.HTTP_PORT, maxBodyBytes: env.LPR_MAX_BODY_BYTES },
      observability: observabilityConfig(env),
      auth: authConfig(env),
      lpr,
      drivingLicence: drivingLicenceConfigFrom(env, lpr),
      inventoryList: inventoryListConfigFrom(env, lpr),
      ...(env.LEDGER_URL
        ? {
            knownPlates: {
              ledgerUrl: env.LEDGER_URL,
              timeoutMs: env.LEDGER_TIMEOUT_MS,
              ttlMs: env.LPR_KNOWN_PLATES_TTL_MS,
              waitMs: env.LPR_KNOWN_PLATES_WAIT_MS,
              retryMs: env.LPR_KNOWN_PLATES_RETRY_MS,
              maxSites: env.LPR_KNOWN_PLATES_SITES,
              maxPlates: env.LPR_KNOWN_PLATES_MAX_PLATES,
            },
          }
        : {}),
      ...(env.PLATE_PROVINCE_PRIOR ? { provincePrior: env.PLATE_PROVINCE_PRIOR as Province } : {}),
    };
    if (!env.SNAPSHOTS_ENABLED) return base;
    // Both sections checked before failing, so every missing variable is named at once.
    const [messaging, objectStorage] = collectConfigErrors(
      () => messagingConfig(env, 'plate-recognition'),
      () => objectStorageConfig(env),
    );
    return {
      ...base,
      snapshots: {
        messaging,
        groupId: env.KAFKA_GROUP_ID,
        objectStorage,
        maxImageBytes: env.LPR_MAX_BODY_BYTES,
      },
    };
  },
);

/** Runs every section mapper; throws one `ConfigError` with all their problems if any failed. */
function collectConfigErrors<A, B>(first: () => A, second: () => B): [A, B] {
  const problems: ConfigError['problems'][number][] = [];
  const attempt = <T>(map: () => T): T | undefined => {
    try {
      return map();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.problems);
      return undefined;
    }
  };
  const a = attempt(first);
  const b = attempt(second);
  if (problems.length > 0 || a === undefined || b === undefined) throw new ConfigError(problems);
  return [a, b];
}

export const APP_CONFIG = Symbol('APP_CONFIG');
