import { EMISSION_STAGES, PLATE_COLOURS } from '@ecogate/domain';
import { type DataSource, type EnterpriseId } from '@ecogate/persistence';
import { z } from 'zod';
import { audit } from '../audit/audit';
import { LedgerException } from '../errors/ledger.exception';
import { recordedStage } from '../passage/passage-ledger';
import { type PassageEntity } from '../passage/passage.entity';
import { PassageRepository } from '../passage/passage.repository';
import { encodeCursor, type PassagePage } from '../query-passages/query-passages.service';
import { savePassage } from '../record-decision/record-decision.service';
import { VehicleRepository } from '../vehicle/vehicle.repository';
import { parsePersonPlate } from './person-plate';
import { REVIEW_STATES, type ReviewState } from './review-reasons';

export const reviewItemsQuery = z.strictObject({
  state: z.enum(REVIEW_STATES).default('open'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

/** A person confirms or corrects the read of a passage in the queue, optimistic on its revision. */
export const resolveReviewSchema = z.strictObject({
  /** The plate as the person reads it on the photos (the same text confirms the read). */
  plate: z.string().trim().min(1).max(32),
  /** Kept (or implied by the plate's kind) when omitted. */
  colour: z.enum(PLATE_COLOURS).optional(),
  /** The stage the person determined; the registry's stronger evidence still wins (domain.md §3). */
  stage: z.enum(EMISSION_STAGES).optional(),
  note: z.string().trim().min(1).max(500).optional(),
  /** The passage's `revision` as the person saw it: another change since → 409 `revision-conflict`. */
  revision: z.number().int().positive(),
});
export type ResolveReviewCommand = z.infer<typeof resolveReviewSchema> & { readonly actor: string };

/** The plate's advisory lock, as the intake and the registry take it (sorted when two). */
const lockPlates = async (
  tx: { query(sql: string, parameters: unknown[]): Promise<unknown> },
  enterpriseId: EnterpriseId,
  plates: readonly string[],
): Promise<void> => {
  for (const plate of [...new Set(plates)].sort()) {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`${enterpriseId}|${plate}`]);
  }
};

/**
 * The review queue (待确认): passages whose read or stage needs a person (`reviewReasonsOf`), and
 * their resolution. A correction (plate, colour or stage) is a new revision of the passage,
 * audited with before and after, and published like any change of a passage (each recorded
 * direction's next revision through the outbox, which provincial-upload delivers again); a
 * confirmation that changes nothing is recorded and audited but not re-published, so the platform
 * gets no duplicate record.
 */
export class ReviewItemsService {
  constructor(private readonly dataSource: DataSource) {}

  async list(
    enterpriseId: EnterpriseId,
    query: { state: ReviewState; cursor?: { capturedAt: Date; id: string }; limit: number },
  ): Promise<PassagePage> {
    const qb = new PassageRepository(this.dataSource.manager)
      .scopedQueryBuilder(enterpriseId, 'p')
      .andWhere('p.reviewState = :state', { state: query.state });
    if (query.cursor) {
      qb.andWhere('(p.capturedAt, p.id) < (:cursorAt, :cursorId)', {
        cursorAt: query.cursor.capturedAt,
        cursorId: query.cursor.id,
      });
    }
    const rows = await qb
      .orderBy('p.capturedAt', 'DESC')
      .addOrderBy('p.id', 'DESC')
      .limit(query.limit + 1)
      .getMany();
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null };
  }

  async resolve(
    enterpriseId: EnterpriseId,
    id: string,
    command: ResolveReviewCommand,
  ): Promise<PassageEntity> {
    const seen = await new PassageRepository(this.dataSource.manager).findOne(enterpriseId, { id });
    if (!seen?.reviewState) throw new LedgerException('review-item-not-found', `no review item ${id}`);
    const currentColour = PLATE_COLOURS.find((c) => c === seen.plateColour);
    const plate = parsePersonPlate(command.plate, command.colour ?? currentColour);
    return this.dataSource.transaction(async (tx) => {
      // The intake may be closing this passage: its order (plate lock, then the row).
      await lockPlates(tx, enterpriseId, [seen.plate, plate.text]);
      const before = await new PassageRepository(tx)
        .scopedQueryBuilder(enterpriseId, 'p')
        .andWhere('p.id = :id', { id })
        .setLock('pessimistic_write')
        .getOne();
      if (!before?.reviewState) throw new LedgerException('review-item-not-found', `no review item ${id}`);
      if (before.revision !== command.revision) {
        throw new LedgerException(
          'revision-conflict',
          `passage is at revision ${before.revision}, not ${command.revision}`,
        );
      }
      const now = new Date();
      const known = await new VehicleRepository(tx).known(enterpriseId, plate.text);
      const samePlate = plate.text === before.plate;
      // The stage recorded for another plate does not apply to the corrected one.
      const kept =
        samePlate && before.stage
          ? { stage: before.stage, source: before.stageSource ?? 'inferred' }
          : undefined;
      const stage = recordedStage(
        known,
        command.stage ? { stage: command.stage, source: 'manual' } : kept,
        now,
      );
      if (!stage) {
        throw new LedgerException(
          'stage-required',
          `the emission stage of ${plate.text} is unknown: give stage (the passage cannot be published without it)`,
        );
      }
      const corrected =
        !samePlate ||
        plate.colour !== before.plateColour ||
        stage.stage !== before.stage ||
        stage.source !== before.stageSource;
      const changed: PassageEntity = {
        ...before,
        plate: plate.text,
        plateColour: plate.colour,
        stage: stage.stage,
        stageSource: stage.source,
        reviewState: 'resolved',
        reviewedBy: command.actor,
        reviewedAt: now,
        reviewNote: command.note ?? null,
        revision: before.revision + 1,
        updatedAt: now,
      };
      // A correction is published again; a side never published (stage was unknown) is published now.
      const directions = [
        ...(before.entryCapturedAt && (corrected || before.entryRevision === 0) ? (['in'] as const) : []),
        ...(before.exitCapturedAt && (corrected || before.exitRevision === 0) ? (['out'] as const) : []),
      ];
      const { row } = await savePassage(tx, enterpriseId, changed, known, directions, undefined, 'update');
      const snapshot = (p: PassageEntity) => ({
        plate: p.plate,
        plateColour: p.plateColour,
        stage: p.stage,
        stageSource: p.stageSource,
        reviewState: p.reviewState,
        reviewReasons: p.reviewReasons,
        revision: p.revision,
        entryRevision: p.entryRevision,
        exitRevision: p.exitRevision,
      });
      await audit(tx, enterpriseId, {
        actor: command.actor,
        entityType: 'passage',
        entityId: id,
        action: corrected ? 'review-correct' : 'review-confirm',
        before: snapshot(before),
        after: { ...snapshot(row), ...(command.note ? { note: command.note } : {}) },
      });
      return row;
    });
  }
}
