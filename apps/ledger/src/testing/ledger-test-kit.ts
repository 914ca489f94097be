import { randomUUID } from 'node:crypto';
import { type Principal, type TokenVerifierOptions } from '@ecogate/auth';
import { SecretUrl } from '@ecogate/config';
import { type PayloadOf } from '@ecogate/contracts';
import { kafkaTestMessaging, minioTestStorage, type TestProfile } from '@ecogate/testing';
import { type LedgerServiceConfig } from '../start-ledger-service';

type Decision = PayloadOf<'gate.barrier.decided.v1'>;

const ref = (key: string) => ({
  bucket: 'ecogate-photos',
  key,
  sha256: 'a'.repeat(64),
  contentType: 'image/jpeg',
  bytes: 1024,
});

/** An allow decision at an entry lane of `ent-a`; tests override what they are about. */
export function aDecision(
  overrides: Partial<Decision> & { direction?: 'in' | 'out'; enterpriseId?: string } = {},
): Decision {
  const { direction = 'in', enterpriseId = 'ent-a', ...rest } = overrides;
  const decisionId = rest.decisionId ?? `d-${randomUUID()}`;
  const at = new Date().toISOString();
  return {
    decisionId,
    readId: `r-${decisionId}`.slice(0, 64),
    captureId: `c-${decisionId}`.slice(0, 64),
    lane: {
      enterpriseId,
      siteId: 'site-1',
      gateId: 'east-1',
      laneId: direction === 'in' ? 'lane-in' : 'lane-out',
      direction,
    },
    laneMode: 'auto',
    capturedAt: at,
    decidedAt: at,
    plate: { text: '冀B12345', colour: 'yellow' },
    alertLevel: 'none',
    verdict: 'allow',
    reasons: [],
    stage: { stage: 'VI', source: 'platform-query' },
    message: { zh: '放行', en: 'allowed' },
    images: { scene: ref(`scene/${decisionId}.jpg`), plate: ref(`plate/${decisionId}.jpg`) },
    ...rest,
  };
}

/** The Kafka client id of the ledger's tests. */
export const LEDGER_IT_CLIENT = 'ledger-it';

/**
 * Runs against the local services; documents go to a bucket of their own per test run. Kafka and
 * MinIO unless `profile` (a `testProfile` of `@ecogate/testing`) names other adapters.
 */
export function serviceConfig(input: {
  databaseUrl: string;
  brokers: readonly string[];
  topicPrefix: string;
  /** A `TestIssuer`'s: tokens are verified exactly as in production. */
  verifier: TokenVerifierOptions;
  profile?: Pick<TestProfile, 'messaging' | 'objectStorage'>;
}): LedgerServiceConfig {
  return {
    documents: {
      objectStorage: input.profile?.objectStorage ?? minioTestStorage(),
      bucket: `ledger-it-${randomUUID().slice(0, 8)}`,
      maxBytes: 64 * 1024,
      urlTtlSeconds: 60,
    },
    database: { url: new SecretUrl(input.databaseUrl) },
    messaging:
      input.profile?.messaging ??
      kafkaTestMessaging({
        clientId: LEDGER_IT_CLIENT,
        brokers: input.brokers,
        topicPrefix: input.topicPrefix,
      }),
    http: { host: '127.0.0.1', port: 0 },
    verifier: input.verifier,
    outbox: { pollIntervalMs: 50 },
    // As in production: decisions of several lanes recorded side by side.
    intake: {
      partitionsConsumedConcurrently: 3,
      // Wider than the default week behind, so a 150-day-late decision keeps its month; a camera
      // clock of 2000 is still far outside.
      clockDrift: { maxPastMs: 200 * 86_400_000, maxFutureMs: 300_000 },
    },
    retention: {
      floors: { videoDays: 180, ledgerDays: 365 },
      defaultLedgerDays: 365,
      partitionsAhead: 1,
      maintenanceIntervalMs: 0,
    },
    retry: { maxAttempts: 5, initialDelayMs: 50, maxDelayMs: 500 },
  };
}

/** Who a test calls as: a role, its enterprises and the subject audited. */
export type TestCaller = Partial<Principal> & Pick<Principal, 'role'>;

/** The one enterprise's staff, admin, …: a person limited to `enterpriseId`. */
export function memberOf(
  enterpriseId: string,
  role: 'enterprise-admin' | 'enterprise-staff',
  subject = `${role}-${enterpriseId}`,
): TestCaller {
  return { role, subject, enterprises: [enterpriseId] };
}
