import { randomUUID } from 'node:crypto';
import { type Principal } from '@ecogate/auth';
import { type EntityManager } from '@ecogate/persistence';
import { type OperatorActionEntity } from './operator-action.entity';

/** Who acted, as the verified token says (never a header the caller chose). */
export type Actor = Pick<Principal, 'subject' | 'role'>;

export type OperatorAction = Pick<OperatorActionEntity, 'action'> &
  Partial<
    Pick<
      OperatorActionEntity,
      'enterpriseId' | 'serial' | 'capturedFrom' | 'capturedTo' | 'queued' | 'details'
    >
  >;

/** Writes one audit row, in the caller's transaction so the action and its record commit together. */
export async function recordOperatorAction(
  manager: EntityManager,
  actor: Actor,
  action: OperatorAction,
): Promise<void> {
  await manager.query(
    `INSERT INTO "upload_operator_actions"
       ("id", "action", "actor", "actor_role", "enterprise_id", "serial", "captured_from", "captured_to", "queued", "details")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      randomUUID(),
      action.action,
      actor.subject,
      actor.role,
      action.enterpriseId ?? null,
      action.serial ?? null,
      action.capturedFrom ?? null,
      action.capturedTo ?? null,
      action.queued ?? null,
      action.details ?? null,
    ],
  );
}
