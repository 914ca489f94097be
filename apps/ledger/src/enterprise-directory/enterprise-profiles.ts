import { type EnterpriseRegisteredV1, type EventEnvelope } from '@ecogate/contracts';
import { type EventContext } from '@ecogate/messaging';
import {
  type DataSource,
  type EnterpriseId,
  parseEnterpriseId,
  TenantRepository,
} from '@ecogate/persistence';
import { type Logger } from '@ecogate/telemetry';
import { EnterpriseProfileEntity } from './enterprise-profile.entity';

export const ENTERPRISE_TOPIC = 'gateway.enterprise.registered.v1';

/** What the ledger keeps of a directory record (credit code and retention are the gateway's business). */
export type EnterpriseProfile = Pick<
  EnterpriseProfileEntity,
  | 'enterpriseId'
  | 'name'
  | 'industry'
  | 'districtCode'
  | 'performanceClass'
  | 'active'
  | 'revision'
  | 'changedAt'
>;

/** The row a directory message stands for. */
export function profileOf(record: EnterpriseRegisteredV1): EnterpriseProfile {
  return {
    enterpriseId: parseEnterpriseId(record.enterpriseId),
    name: record.name,
    industry: record.industry,
    districtCode: record.districtCode,
    performanceClass: record.performanceClass,
    active: record.active,
    revision: record.revision,
    changedAt: new Date(record.changedAt),
  };
}

export type ApplyOutcome = 'stored' | 'stale' | 'duplicate-event';

/**
 * The enterprise directory as the ledger learns it: each `gateway.enterprise.registered.v1` message
 * carries the full record, so the row is replaced whole, but only by a higher revision (a message
 * delivered again, or an older one replayed after a newer one, changes nothing). The event claim
 * commits with the row.
 */
export class EnterpriseProfiles {
  constructor(
    private readonly dataSource: DataSource,
    private readonly log?: Logger,
  ) {}

  apply(event: EventEnvelope<typeof ENTERPRISE_TOPIC>, context: EventContext): Promise<ApplyOutcome> {
    const profile = profileOf(event.payload);
    return this.dataSource.transaction(async (tx) => {
      if (!(await context.claim(tx))) return 'duplicate-event';
      // One statement: insert, or replace a row of a lower revision; a stale record touches nothing.
      const rows: unknown[] = await tx.query(
        `INSERT INTO "enterprise_profiles"
           ("enterprise_id", "name", "industry", "district_code", "performance_class", "active",
            "revision", "changed_at", "updated_at")
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())
         ON CONFLICT ("enterprise_id") DO UPDATE SET
           "name" = EXCLUDED."name",
           "industry" = EXCLUDED."industry",
           "district_code" = EXCLUDED."district_code",
           "performance_class" = EXCLUDED."performance_class",
           "active" = EXCLUDED."active",
           "revision" = EXCLUDED."revision",
           "changed_at" = EXCLUDED."changed_at",
           "updated_at" = EXCLUDED."updated_at"
         WHERE "enterprise_profiles"."revision" < EXCLUDED."revision"
         RETURNING "enterprise_id"`,
        [
          profile.enterpriseId,
          profile.name,
          profile.industry,
          profile.districtCode,
          profile.performanceClass,
          profile.active,
          profile.revision,
          profile.changedAt,
        ],
      );
      if (rows.length === 0) {
        this.log?.debug(
          { enterpriseId: profile.enterpriseId, revision: profile.revision },
          'enterprise record ignored: the ledger already has this revision or a later one',
        );
        return 'stale';
      }
      return 'stored';
    });
  }

  /** The enterprise's stored profile, `null` before the directory told the ledger about it. */
  find(enterpriseId: EnterpriseId): Promise<EnterpriseProfileEntity | null> {
    return TenantRepository.of(this.dataSource, EnterpriseProfileEntity).findOne(enterpriseId, {});
  }
}
