import { loadingAreasConfig, loadingAreasEnv } from '../loading-areas/loading-areas.config';
import {
  ConfigError,
  databaseEnv,
  defineConfig,
  httpEnv,
  messagingConfig,
  messagingEnv,
  objectStorageConfig,
  objectStorageEnv,
  observabilityConfig,
  observabilityEnv,
  positiveInt,
} from '@ecogate/config';
import { authConfig, authEnv } from '@ecogate/auth';
import { NATIONAL_RETENTION_FLOORS, raiseRetentionFloors, retentionPolicy } from '@ecogate/domain';
import { z } from 'zod';
import { DEFAULT_CLOCK_DRIFT_BOUNDS } from '../record-decision/capture-time';
import { exportConfig, exportEnv } from '../export/export.config';
import { chainConfig, chainEnv } from '../chain/chain.config';
import { videoArchiveConfig, videoArchiveEnv } from '../video-archive/video-archive.config';
import { documentReadsConfig, documentReadsEnv } from '../document-reads/document-reads.config';
import { knownPlatesConfig, knownPlatesEnv } from '../known-plates/known-plates.config';
import { reportConfig, reportEnv } from '../inspection-report/report.config';
import { evidencePackConfig, evidencePackEnv } from '../evidence-pack/evidence-pack.config';
import { stageLookupConfig, stageLookupEnv } from '../stage-lookup/stage-lookup.config';

const retentionEnv = {
  /** The city's ledger floor in days; it may raise the national 365, never lower it. */
  LEDGER_RETENTION_FLOOR_DAYS: positiveInt(NATIONAL_RETENTION_FLOORS.ledgerDays),
  /** Ledger days of an enterprise without its own retention policy. */
  LEDGER_RETENTION_DAYS: positiveInt(NATIONAL_RETENTION_FLOORS.ledgerDays),
  /** Monthly passage partitions created ahead of the current month. */
  LEDGER_PARTITIONS_AHEAD: positiveInt(3),
  /** How often the service runs partition maintenance and retention; 0 turns the job off. */
  LEDGER_MAINTENANCE_INTERVAL_MS: z.coerce.number().int().min(0).default(3_600_000),
};

export interface RetentionConfig {
  readonly floors: { readonly videoDays: number; readonly ledgerDays: number };
  readonly defaultLedgerDays: number;
  readonly partitionsAhead: number;
  readonly maintenanceIntervalMs: number;
}

/** Validates the floors and the default against the domain's rules; a bad value stops the boot. */
function retentionConfig(env: z.infer<z.ZodObject<typeof retentionEnv>>): RetentionConfig {
  const floors = raiseRetentionFloors({ ledgerDays: env.LEDGER_RETENTION_FLOOR_DAYS });
  if (!floors.ok) {
    throw new ConfigError([{ variable: 'LEDGER_RETENTION_FLOOR_DAYS', reason: floors.error.reason }]);
  }
  const policy = retentionPolicy(
    { videoDays: floors.value.videoDays, ledgerDays: env.LEDGER_RETENTION_DAYS },
    floors.value,
  );
  if (!policy.ok) throw new ConfigError([{ variable: 'LEDGER_RETENTION_DAYS', reason: policy.error.reason }]);
  return {
    floors: floors.value,
    defaultLedgerDays: policy.value.ledgerDays,
    partitionsAhead: env.LEDGER_PARTITIONS_AHEAD,
    maintenanceIntervalMs: env.LEDGER_MAINTENANCE_INTERVAL_MS,
  };
}

/** ledger's environment, validated once at boot. */
export const ledgerConfig = defineConfig(
  {
    ...databaseEnv,
    /** Kafka when KAFKA_BROKERS is set (or MESSAGING=kafka), else the embedded bus on EVENT_LOG_DATABASE_URL. */
    ...messagingEnv,
    ...observabilityEnv,
    ...httpEnv,
    ...retentionEnv,
    /** MinIO when S3_ENDPOINT is set (or OBJECT_STORAGE=minio), else files under $ECOGATE_HOME/objects. */
    ...objectStorageEnv,
    /** Who calls: the gateway's JWKS for people, the service keys for barrier-control. */
    ...authEnv,
    /** Bucket of vehicle documents (随车清单 / 行驶证); created at boot when missing. */
    LEDGER_DOCUMENTS_BUCKET: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/)
      .default('ecogate-documents'),
    /** camera-ingest's bucket (its `S3_BUCKET`): the view check's before/after images of a tamper episode. */
    LEDGER_CAPTURES_BUCKET: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/)
      .default('ecogate-captures'),
    LEDGER_DOCUMENT_MAX_BYTES: positiveInt(10 * 1024 * 1024),
    /** Lifetime of a document link. */
    LEDGER_DOCUMENT_URL_TTL_S: positiveInt(300),
    /** How often the outbox relay polls while the outbox is empty. */
    LEDGER_OUTBOX_POLL_MS: positiveInt(200),
    /**
     * Decision partitions recorded side by side per instance (each in its own transaction under a
     * per-plate lock); up to the topic's partition count helps, beyond it nothing.
     */
    LEDGER_INTAKE_CONCURRENCY: positiveInt(3),
    /**
     * A capture older than receipt by more than this is recorded at receipt time with its drift
     * flagged (camera clock behind, or delivered later than this). A week: longer than an outage
     * the intake catches up on, far shorter than the retention floor.
     */
    LEDGER_CLOCK_DRIFT_MAX_PAST_MS: positiveInt(DEFAULT_CLOCK_DRIFT_BOUNDS.maxPastMs),
    /** A capture newer than receipt by more than this (camera clock ahead) is recorded at receipt time. */
    LEDGER_CLOCK_DRIFT_MAX_FUTURE_MS: positiveInt(DEFAULT_CLOCK_DRIFT_BOUNDS.maxFutureMs),
    /** Excel export jobs: bucket, file lifetime, link lifetime, workers (export/export.config.ts). */
    ...exportEnv,
    /** The hash chain's signed daily roots (chain/chain.config.ts). */
    ...chainEnv,
    /** The video archive, for inspections (video-archive/video-archive.config.ts). */
    ...videoArchiveEnv,
    /** The inspection report's CJK font (inspection-report/report.config.ts). */
    ...reportEnv,
    /** Evidence packs' wait for the video archive (evidence-pack/evidence-pack.config.ts). */
    ...evidencePackEnv,
    /** The city's stage-lookup source (stage-lookup/stage-lookup.config.ts); unset: the lookup is off. */
    ...stageLookupEnv,
    /** Vehicle documents read by plate recognition (document-reads/document-reads.config.ts). */
    ...documentReadsEnv,
    /** The loading-area rules' timing (loading-areas/loading-areas.config.ts). */
    ...loadingAreasEnv,
    /** Which passages make a plate known at a site (known-plates/known-plates.config.ts). */
    ...knownPlatesEnv,
  },
  (env) => ({
    database: { url: env.DATABASE_URL },
    messaging: messagingConfig(env, 'ledger'),
    http: { host: env.HTTP_HOST, port: env.HTTP_PORT },
    auth: authConfig(env),
    observability: observabilityConfig(env),
    outbox: { pollIntervalMs: env.LEDGER_OUTBOX_POLL_MS },
    intake: {
      partitionsConsumedConcurrently: env.LEDGER_INTAKE_CONCURRENCY,
      clockDrift: {
        maxPastMs: env.LEDGER_CLOCK_DRIFT_MAX_PAST_MS,
        maxFutureMs: env.LEDGER_CLOCK_DRIFT_MAX_FUTURE_MS,
      },
    },
    retention: retentionConfig(env),
    documents: {
      objectStorage: objectStorageConfig(env),
      bucket: env.LEDGER_DOCUMENTS_BUCKET,
      maxBytes: env.LEDGER_DOCUMENT_MAX_BYTES,
      urlTtlSeconds: env.LEDGER_DOCUMENT_URL_TTL_S,
    },
    captures: { bucket: env.LEDGER_CAPTURES_BUCKET },
    exports: exportConfig(env),
    chain: chainConfig(env),
    videoArchive: videoArchiveConfig(env),
    reports: reportConfig(env),
    evidencePacks: evidencePackConfig(env),
    stageLookup: stageLookupConfig(env),
    documentReads: documentReadsConfig(env),
    loadingAreas: loadingAreasConfig(env),
    knownPlates: knownPlatesConfig(env),
  }),
);

export type LedgerConfig = ReturnType<typeof ledgerConfig.load>;

/** What `main.ts`'s one-off jobs need: the database, logging, retention and the chain's key. */
export const ledgerJobConfig = defineConfig(
  { ...databaseEnv, ...observabilityEnv, ...retentionEnv, ...chainEnv },
  (env) => ({
    database: { url: env.DATABASE_URL },
    observability: observabilityConfig(env),
    retention: retentionConfig(env),
    chain: chainConfig(env),
  }),
);

export type LedgerJobConfig = ReturnType<typeof ledgerJobConfig.load>;
