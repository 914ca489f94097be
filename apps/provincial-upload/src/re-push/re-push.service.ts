import { type DataSource, type EnterpriseId } from '@ecogate/persistence';
import { type Actor, recordOperatorAction } from '../audit/operator-actions';
import { statesAccepting } from '../delivery/delivery-state';
import { UploadException } from '../errors/upload.exception';

export type RePushCommand = (
  { readonly serial: string } | { readonly capturedFrom: Date; readonly capturedTo: Date }
) & {
  /** The operator's reason, kept in the audit row's details. */
  readonly reason?: string;
};

/**
 * Queues records again (an operator's 补传): one record, or every record captured in a time
 * range. Acknowledged ones are sent again too; the platform answers `duplicate` and counts them once.
 * Audited in `upload_operator_actions` with the caller, in the same transaction.
 */
export class RePushService {
  constructor(private readonly dataSource: DataSource) {}

  async execute(
    enterpriseId: EnterpriseId,
    command: RePushCommand,
    actor: Actor,
  ): Promise<{ queued: number }> {
    const allowed = statesAccepting('re-pushed')
      .map((s) => `'${s}'`)
      .join(', ');
    const [condition, parameters] =
      'serial' in command
        ? [`"serial" = $2`, [command.serial]]
        : [`"captured_at" >= $2 AND "captured_at" < $3`, [command.capturedFrom, command.capturedTo]];
    return this.dataSource.transaction(async (tx) => {
      const result: [unknown[], number] = await tx.query(
        `UPDATE "upload_deliveries"
           SET "state" = 'pending', "next_attempt_at" = now(), "attempts" = 0, "updated_at" = now()
         WHERE "enterprise_id" = $1 AND ${condition} AND "state" IN (${allowed})`,
        [enterpriseId, ...parameters],
      );
      const queued = result[1];
      if ('serial' in command && queued === 0) {
        throw new UploadException(
          'record-not-found',
          `no record ${command.serial} that can be re-pushed (in flight or unknown)`,
        );
      }
      const { reason, ...target } = command;
      await recordOperatorAction(tx, actor, {
        action: 're-push',
        enterpriseId,
        queued,
        ...target,
        ...(reason ? { details: { reason } } : {}),
      });
      return { queued };
    });
  }
}
