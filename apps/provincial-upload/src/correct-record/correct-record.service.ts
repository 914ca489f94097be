import { randomUUID } from 'node:crypto';
import { type DataSource, type EnterpriseId } from '@ecogate/persistence';
import { transportPassagePayloadSchema } from '@ecogate/platform-protocol';
import { z } from 'zod';
import { DeliveryEntity } from '../delivery/delivery.entity';
import { nextState, statesAccepting } from '../delivery/delivery-state';
import { UploadException } from '../errors/upload.exception';

/** Fields an operator may correct: the protocol payload's own fields, validated as the platform would. */
export const correctionSchema = z.strictObject({
  changes: transportPassagePayloadSchema
    .omit({ images: true, direction: true })
    .partial()
    .refine((changes) => Object.keys(changes).length > 0, 'must change at least one field'),
  note: z.string().max(500).optional(),
});
export type CorrectionCommand = z.infer<typeof correctionSchema> & { readonly actor: string };

/**
 * Corrects a rejected (or dead) record and queues it again under the same serial (the platform
 * does not remember rejected serials). Audited: who, when, the overrides before and after, and
 * the rejection reason that prompted it.
 */
export class CorrectRecordService {
  constructor(private readonly dataSource: DataSource) {}

  async execute(enterpriseId: EnterpriseId, serial: string, command: CorrectionCommand) {
    return this.dataSource.transaction(async (tx) => {
      const row = await tx
        .createQueryBuilder(DeliveryEntity, 'd')
        .setLock('pessimistic_write')
        .where('d.enterpriseId = :enterpriseId AND d.serial = :serial', { enterpriseId, serial })
        .getOne();
      if (!row) throw new UploadException('record-not-found', `no record ${serial} for this enterprise`);
      if (!statesAccepting('corrected').includes(row.state)) {
        throw new UploadException(
          'record-not-correctable',
          `record ${serial} is ${row.state}; only rejected or dead records can be corrected`,
        );
      }
      const before = row.overrides;
      const after = { ...(before ?? {}), ...command.changes };
      await tx.query(
        `UPDATE "upload_deliveries"
           SET "overrides" = $3, "state" = $4, "rejection_reason" = NULL, "attempts" = 0,
               "next_attempt_at" = now(), "updated_at" = now()
         WHERE "enterprise_id" = $1 AND "serial" = $2`,
        [enterpriseId, serial, after, nextState(row.state, 'corrected')],
      );
      await tx.query(
        `INSERT INTO "upload_corrections" ("id", "enterprise_id", "serial", "actor", "before", "after", "previous_reason")
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [randomUUID(), enterpriseId, serial, command.actor, before, after, row.rejectionReason],
      );
      return { serial, state: 'pending' as const, overrides: after };
    });
  }
}
