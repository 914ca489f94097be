import { type DataSource, type EnterpriseId } from '@ecogate/persistence';
import { z } from 'zod';
import { audit } from '../audit/audit';
import { LedgerException } from '../errors/ledger.exception';
import { type PassageEntity } from '../passage/passage.entity';
import { PassageRepository } from '../passage/passage.repository';
import { savePassage } from '../record-decision/record-decision.service';
import { VehicleRepository } from '../vehicle/vehicle.repository';

export const completePassageSchema = z
  .strictObject({
    cargo: z
      .strictObject({
        name: z.string().trim().min(1).max(32),
        tonnes: z.number().min(0).max(999.9).optional(),
      })
      .optional(),
    /** 自有, 个人 or the transport company's registered name. */
    fleet: z.string().trim().min(1).max(100).optional(),
    /** Optimistic concurrency: refuse if the row changed since the clerk read it. */
    expectedRevision: z.number().int().positive().optional(),
  })
  .refine((body) => body.cargo !== undefined || body.fleet !== undefined, 'give cargo, fleet or both');
export type CompletePassageCommand = z.infer<typeof completePassageSchema> & { readonly actor: string };

/**
 * A clerk completes cargo and fleet on a passage: audited, the revision bumped, and a new
 * revision of each recorded direction published through the outbox, all in one transaction.
 */
export class CompletePassageService {
  constructor(private readonly dataSource: DataSource) {}

  execute(enterpriseId: EnterpriseId, id: string, command: CompletePassageCommand): Promise<PassageEntity> {
    return this.dataSource.transaction(async (tx) => {
      const before = await new PassageRepository(tx)
        .scopedQueryBuilder(enterpriseId, 'p')
        .andWhere('p.id = :id', { id })
        .setLock('pessimistic_write')
        .getOne();
      if (!before) throw new LedgerException('passage-not-found', `no passage ${id}`);
      if (command.expectedRevision !== undefined && command.expectedRevision !== before.revision) {
        throw new LedgerException(
          'revision-conflict',
          `passage is at revision ${before.revision}, not ${command.expectedRevision}`,
        );
      }
      const changed: PassageEntity = {
        ...before,
        ...(command.cargo
          ? { cargoName: command.cargo.name, cargoTonnes: command.cargo.tonnes ?? before.cargoTonnes }
          : {}),
        ...(command.fleet ? { fleet: command.fleet } : {}),
        revision: before.revision + 1,
        updatedAt: new Date(),
      };
      const known = await new VehicleRepository(tx).known(enterpriseId, before.plate);
      const directions = [
        ...(before.entryCapturedAt ? (['in'] as const) : []),
        ...(before.exitCapturedAt ? (['out'] as const) : []),
      ];
      const { row } = await savePassage(tx, enterpriseId, changed, known, directions, undefined, 'update');
      await audit(tx, enterpriseId, {
        actor: command.actor,
        entityType: 'passage',
        entityId: id,
        action: 'complete-cargo-fleet',
        before: {
          cargoName: before.cargoName,
          cargoTonnes: before.cargoTonnes,
          fleet: before.fleet,
          revision: before.revision,
        },
        after: {
          cargoName: row.cargoName,
          cargoTonnes: row.cargoTonnes,
          fleet: row.fleet,
          revision: row.revision,
        },
      });
      return row;
    });
  }
}
