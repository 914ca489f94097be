import { randomUUID } from 'node:crypto';
import { type EnterpriseId, type EntityManager, TenantRepository } from '@ecogate/persistence';
import { AuditLogEntity } from './audit-log.entity';

export interface AuditEntry {
  readonly actor: string;
  readonly entityType:
    | 'passage'
    | 'vehicle'
    | 'alert-level'
    | 'emergency-plan'
    | 'retention-policy'
    | 'in-plant-vehicle'
    | 'machinery'
    | 'dead-letter'
    | 'export'
    | 'inspection'
    | 'chain';
  readonly entityId: string;
  readonly action: string;
  readonly before: unknown;
  readonly after: unknown;
}

/** Writes an audit row in the caller's transaction, so the change and its record commit together. */
export async function audit(tx: EntityManager, enterpriseId: EnterpriseId, entry: AuditEntry): Promise<void> {
  await TenantRepository.of(tx, AuditLogEntity).insert(enterpriseId, {
    id: randomUUID(),
    at: new Date(),
    ...entry,
    before: toJson(entry.before),
    after: toJson(entry.after),
  });
}

/** A JSON snapshot (dates as ISO strings); `null` when there is nothing. */
const toJson = (value: unknown): object | null =>
  value === undefined || value === null ? null : (JSON.parse(JSON.stringify(value)) as object);
