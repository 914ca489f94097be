import { randomUUID } from 'node:crypto';
import { ALERT_LEVELS, type AlertLevel } from '@ecogate/domain';
import { type DataSource, type EnterpriseId, TenantRepository } from '@ecogate/persistence';
import { z } from 'zod';
import { AlertLevelEntity } from '../alert/alert-level.entity';
import { audit } from '../audit/audit';

export const setAlertLevelSchema = z.strictObject({
  level: z.enum(ALERT_LEVELS),
  /** The authority's notice, e.g. its document number. */
  reason: z.string().trim().min(1).max(200).optional(),
});
export type SetAlertLevelCommand = z.infer<typeof setAlertLevelSchema> & { readonly actor: string };

export interface AlertLevelView {
  readonly level: AlertLevel;
  readonly reason: string | null;
  readonly setBy: string | null;
  readonly setAt: Date | null;
}

/** The level is received (manually here), never computed (domain.md §4); every change is audited. */
export class AlertLevelService {
  constructor(private readonly dataSource: DataSource) {}

  async current(enterpriseId: EnterpriseId): Promise<AlertLevelView> {
    const [latest] = await TenantRepository.of(this.dataSource, AlertLevelEntity).find(enterpriseId, {
      order: { setAt: 'DESC' },
      take: 1,
    });
    return latest
      ? { level: latest.level, reason: latest.reason, setBy: latest.setBy, setAt: latest.setAt }
      : { level: 'none', reason: null, setBy: null, setAt: null };
  }

  async set(enterpriseId: EnterpriseId, command: SetAlertLevelCommand): Promise<AlertLevelView> {
    const before = await this.current(enterpriseId);
    const row = {
      id: randomUUID(),
      level: command.level,
      reason: command.reason ?? null,
      setBy: command.actor,
      setAt: new Date(),
    };
    await this.dataSource.transaction(async (tx) => {
      await TenantRepository.of(tx, AlertLevelEntity).insert(enterpriseId, row);
      await audit(tx, enterpriseId, {
        actor: command.actor,
        entityType: 'alert-level',
        entityId: enterpriseId,
        action: 'set',
        before,
        after: row,
      });
    });
    return { level: row.level, reason: row.reason, setBy: row.setBy, setAt: row.setAt };
  }
}
