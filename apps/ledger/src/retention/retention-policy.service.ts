import { type RetentionDays, retentionPolicy } from '@ecogate/domain';
import { type DataSource, type EnterpriseId, TenantRepository } from '@ecogate/persistence';
import { z } from 'zod';
import { audit } from '../audit/audit';
import { LedgerException } from '../errors/ledger.exception';
import { RetentionPolicyEntity } from './retention-policy.entity';

/**
 * The longest ledger retention an enterprise may ask for: ten years. The floor (≥ 1 year, domain.md
 * §1) protects the regulator; the ceiling protects everyone else: partitions are shared, so a
 * policy of a century would pin storage (and other tenants' partitions) for all.
 */
export const LEDGER_RETENTION_CEILING_DAYS = 3_650;

// No `max` here: above the ceiling is refused by the service with its own code.
export const setRetentionSchema = z.strictObject({ ledgerDays: z.number().int().positive() });
export type SetRetentionCommand = z.infer<typeof setRetentionSchema> & { readonly actor: string };

export interface RetentionView {
  readonly ledgerDays: number;
  readonly floorDays: number;
  /** `default` until the enterprise sets its own. */
  readonly source: 'enterprise' | 'default';
}

/** An enterprise's ledger retention: refused below the floor or above the ceiling, never clamped (domain.md §1); audited. */
export class RetentionPolicyService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly floors: RetentionDays,
    private readonly defaultLedgerDays: number,
  ) {}

  async current(enterpriseId: EnterpriseId): Promise<RetentionView> {
    const row = await TenantRepository.of(this.dataSource, RetentionPolicyEntity).findOne(enterpriseId, {});
    return row
      ? { ledgerDays: row.ledgerDays, floorDays: this.floors.ledgerDays, source: 'enterprise' }
      : { ledgerDays: this.defaultLedgerDays, floorDays: this.floors.ledgerDays, source: 'default' };
  }

  async set(enterpriseId: EnterpriseId, command: SetRetentionCommand): Promise<RetentionView> {
    const checked = retentionPolicy(
      { videoDays: this.floors.videoDays, ledgerDays: command.ledgerDays },
      this.floors,
    );
    if (!checked.ok) throw new LedgerException('below-retention-floor', checked.error.reason);
    if (command.ledgerDays > LEDGER_RETENTION_CEILING_DAYS) {
      throw new LedgerException(
        'above-retention-ceiling',
        `ledger may be kept at most ${LEDGER_RETENTION_CEILING_DAYS} days; ${command.ledgerDays} refused`,
      );
    }
    const before = await this.current(enterpriseId);
    await this.dataSource.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`${enterpriseId}|retention-policy`]);
      const policies = TenantRepository.of(tx, RetentionPolicyEntity);
      const values = { ledgerDays: command.ledgerDays, setBy: command.actor, setAt: new Date() };
      if ((await policies.update(enterpriseId, {}, values)) === 0)
        await policies.insert(enterpriseId, values);
      await audit(tx, enterpriseId, {
        actor: command.actor,
        entityType: 'retention-policy',
        entityId: enterpriseId,
        action: 'set',
        before,
        after: values,
      });
    });
    return this.current(enterpriseId);
  }
}
