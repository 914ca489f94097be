import { createHash } from 'node:crypto';
import { idSchema } from '@ecogate/contracts';
import { EMISSION_STAGES, PLATE_COLOURS } from '@ecogate/domain';
import {
  type DataSource,
  type EnterpriseId,
  type EntityManager,
  TenantRepository,
} from '@ecogate/persistence';
import { z } from 'zod';
import { audit } from '../audit/audit';
import { LedgerException } from '../errors/ledger.exception';
import { blankPassage } from '../passage/blank-passage';
import { PassageDecisionEntity } from '../passage/passage-decision.entity';
import { type KnownVehicle, recordedStage } from '../passage/passage-ledger';
import { type ManualSide, type PassageEntity } from '../passage/passage.entity';
import { PassageRepository } from '../passage/passage.repository';
import { savePassage } from '../record-decision/record-decision.service';
import { parsePersonPlate } from '../review/person-plate';
import { VehicleRepository } from '../vehicle/vehicle.repository';

/** The lane of a manual side when the person names none: no camera recorded it. */
export const MANUAL_LANE_ID = 'manual';

export const manualPassageSchema = z.strictObject({
  /** The client's idempotency key (a UUID): a retried POST returns the passage it created. */
  requestId: z.uuid(),
  gateId: idSchema,
  laneId: idSchema.optional(),
  /** Taken from the gate's earlier passages when omitted. */
  siteId: idSchema.optional(),
  direction: z.enum(['in', 'out']),
  plate: z.string().trim().min(1).max(32),
  colour: z.enum(PLATE_COLOURS),
  /** When the vehicle passed: not in the future, not before the retention floor. */
  capturedAt: z.iso.datetime({ offset: true }),
  /** Why it is entered by hand (the camera failed, …): audited. */
  reason: z.string().trim().min(1).max(200),
  stage: z.enum(EMISSION_STAGES).optional(),
  cargo: z
    .strictObject({
      name: z.string().trim().min(1).max(32),
      tonnes: z.number().min(0).max(999.9).optional(),
    })
    .optional(),
  fleet: z.string().trim().min(1).max(100).optional(),
  note: z.string().trim().min(1).max(500).optional(),
});
export type ManualPassageRequest = z.infer<typeof manualPassageSchema>;
export type ManualPassageCommand = ManualPassageRequest & { readonly actor: string };

export interface ManualPassageSettings {
  /** The ledger's floor in days: an older capture would be kept shorter than the law asks. */
  readonly retentionFloorDays: number;
  /** A capture later than now by more than this is refused (a browser's clock may be a little ahead). */
  readonly maxFutureMs: number;
}

export interface ManualPassageOutcome {
  readonly passage: PassageEntity;
  /** The same request was already recorded: nothing new was written. */
  readonly replayed: boolean;
}

/** The claim of a manual side in `passage_decisions`: one passage per request id. */
export const manualDecisionId = (requestId: string): string => `manual-${requestId}`;

/** SHA-256 of the request as validated, keys sorted and the instant normalised. */
export function manualRequestHash(request: ManualPassageRequest): string {
  const canonical = (value: unknown): unknown =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(
          Object.entries(value as Record<string, unknown>)
            .filter(([, v]) => v !== undefined)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([k, v]) => [k, canonical(v)]),
        )
      : value;
  const normalised = { ...request, capturedAt: new Date(request.capturedAt).toISOString() };
  return createHash('sha256')
    .update(JSON.stringify(canonical(normalised)))
    .digest('hex');
}

/** Refuses a capture time in the future or before the retention floor (pure; `now` passed in). */
export function checkManualCaptureTime(capturedAt: Date, now: Date, settings: ManualPassageSettings): void {
  if (capturedAt.getTime() > now.getTime() + settings.maxFutureMs) {
    throw new LedgerException(
      'captured-in-future',
      `capturedAt ${capturedAt.toISOString()} is in the future (now ${now.toISOString()})`,
    );
  }
  const floor = new Date(now.getTime() - settings.retentionFloorDays * 86_400_000);
  if (capturedAt.getTime() < floor.getTime()) {
    throw new LedgerException(
      'captured-before-retention-floor',
      `capturedAt ${capturedAt.toISOString()} is older than the ${settings.retentionFloorDays}-day retention floor (${floor.toISOString()})`,
    );
  }
}

/**
 * A passage side entered by a person because no camera recorded it. `in` opens a passage; `out`
 * closes the plate's latest open passage that entered no later, or records an exit without entry,
 * as the intake does, under the same per-plate lock. Marked `manual` (the side's `*Manual` says
 * who, why and when), decision id `manual-<requestId>`, reason `manual`, audited, published like
 * any passage. Idempotent on `requestId`: its claim in `passage_decisions` commits with the row, so
 * a retried POST returns the passage it created (a different request under the same id → 409).
 */
export class ManualPassageService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: ManualPassageSettings,
  ) {}

  async record(enterpriseId: EnterpriseId, command: ManualPassageCommand): Promise<ManualPassageOutcome> {
    const { actor, ...request } = command;
    const requestHash = manualRequestHash(request);
    const decisionId = manualDecisionId(request.requestId);
    return this.dataSource.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [
        `${enterpriseId}|manual|${request.requestId}`,
      ]);
      const claims = TenantRepository.of(tx, PassageDecisionEntity);
      const claim = await claims.findOne(enterpriseId, { decisionId });
      if (claim) return { passage: await this.replay(tx, enterpriseId, claim, requestHash), replayed: true };

      const now = new Date();
      const capturedAt = new Date(request.capturedAt);
      checkManualCaptureTime(capturedAt, now, this.settings);
      const plate = parsePersonPlate(request.plate, request.colour);
      const siteId = request.siteId ?? (await this.siteOfGate(tx, enterpriseId, request.gateId));
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`${enterpriseId}|${plate.text}`]);
      const known = await new VehicleRepository(tx).known(enterpriseId, plate.text);
      const manual: ManualSide = {
        requestId: request.requestId,
        requestHash,
        by: actor,
        reason: request.reason,
        ...(request.note ? { note: request.note } : {}),
        at: now.toISOString(),
      };
      const side = {
        gateId: request.gateId,
        laneId: request.laneId ?? MANUAL_LANE_ID,
        capturedAt,
        decisionId,
        verdict: null,
        reasons: ['manual'],
        photos: null,
        clockDriftMs: null,
        reads: null,
        manual,
      };
      const extras = {
        manual: true,
        ...(request.cargo
          ? { cargoName: request.cargo.name, cargoTonnes: request.cargo.tonnes ?? null }
          : {}),
        ...(request.fleet ? { fleet: request.fleet } : {}),
      };
      const stated = request.stage ? { stage: request.stage, source: 'manual' as const } : undefined;
      const fresh = (state: 'inside' | 'exit-without-entry'): PassageEntity =>
        blankPassage({
          enterpriseId,
          siteId,
          plate: plate.text,
          plateColour: plate.colour,
          state,
          capturedAt,
          receivedAt: now,
          stage: recordedStage(known, stated, now),
        });

      let before: PassageEntity | null = null;
      let saved: PassageEntity;
      if (request.direction === 'in') {
        saved = await this.save(
          tx,
          enterpriseId,
          { ...fresh('inside'), ...entrySide(side), ...extras },
          known,
          'in',
          'insert',
        );
      } else {
        before = await new PassageRepository(tx).findOpenForUpdate(enterpriseId, plate.text, capturedAt);
        if (before) {
          const stage = before.stage
            ? { stage: before.stage, source: before.stageSource ?? 'inferred' }
            : recordedStage(known, stated, now);
          const closed: PassageEntity = {
            ...before,
            ...exitSide(side),
            ...extras,
            state: 'completed',
            stage: stage?.stage ?? null,
            stageSource: stage?.source ?? null,
            revision: before.revision + 1,
            updatedAt: now,
          };
          saved = await this.save(tx, enterpriseId, closed, known, 'out', 'update');
        } else {
          const orphan = { ...fresh('exit-without-entry'), ...exitSide(side), ...extras };
          saved = await this.save(tx, enterpriseId, orphan, known, 'out', 'insert');
        }
      }
      await claims.insert(enterpriseId, {
        decisionId,
        passageId: saved.id,
        direction: request.direction,
        capturedAt: saved.capturedAt,
      });
      await audit(tx, enterpriseId, {
        actor,
        entityType: 'passage',
        entityId: saved.id,
        action: 'manual-entry',
        before: before ? { state: before.state, revision: before.revision } : null,
        after: {
          direction: request.direction,
          siteId,
          gateId: side.gateId,
          laneId: side.laneId,
          plate: saved.plate,
          plateColour: saved.plateColour,
          capturedAt: capturedAt.toISOString(),
          reason: request.reason,
          ...(request.note ? { note: request.note } : {}),
          requestId: request.requestId,
          stage: saved.stage,
          state: saved.state,
          revision: saved.revision,
        },
      });
      return { passage: saved, replayed: false };
    });
  }

  private async save(
    tx: EntityManager,
    enterpriseId: EnterpriseId,
    passage: PassageEntity,
    known: KnownVehicle | undefined,
    direction: 'in' | 'out',
    mode: 'insert' | 'update',
  ): Promise<PassageEntity> {
    return (await savePassage(tx, enterpriseId, passage, known, [direction], undefined, mode)).row;
  }

  /** The passage a request id created; the same id with another request is a client's bug. */
  private async replay(
    tx: EntityManager,
    enterpriseId: EnterpriseId,
    claim: PassageDecisionEntity,
    requestHash: string,
  ): Promise<PassageEntity> {
    const passage = await new PassageRepository(tx).findOne(enterpriseId, { id: claim.passageId });
    // Retention may have removed it with its claim; a claim without its row is not expected.
    if (!passage) throw new LedgerException('passage-not-found', `no passage ${claim.passageId}`);
    const stored = claim.direction === 'in' ? passage.entryManual : passage.exitManual;
    if (stored?.requestHash !== requestHash) {
      throw new LedgerException(
        'request-id-reused',
        `requestId ${stored?.requestId ?? claim.decisionId} was used for another manual entry`,
      );
    }
    return passage;
  }

  /** A gate's site, from the latest passage recorded there. */
  private async siteOfGate(tx: EntityManager, enterpriseId: EnterpriseId, gateId: string): Promise<string> {
    const row = await new PassageRepository(tx)
      .scopedQueryBuilder(enterpriseId, 'p')
      .andWhere('(p.entryGateId = :gateId OR p.exitGateId = :gateId)', { gateId })
      .orderBy('p.capturedAt', 'DESC')
      .limit(1)
      .getOne();
    if (!row) {
      throw new LedgerException(
        'site-required',
        `siteId: the ledger has no passage at gate ${gateId} to take its site from; give siteId`,
      );
    }
    return row.siteId;
  }
}

interface ManualSideFacts {
  readonly gateId: string;
  readonly laneId: string;
  readonly capturedAt: Date;
  readonly decisionId: string;
  readonly verdict: null;
  readonly reasons: string[];
  readonly photos: null;
  readonly clockDriftMs: null;
  readonly reads: null;
  readonly manual: ManualSide;
}

const entrySide = (side: ManualSideFacts) => ({
  entryGateId: side.gateId,
  entryLaneId: side.laneId,
  entryCapturedAt: side.capturedAt,
  entryDecisionId: side.decisionId,
  entryVerdict: side.verdict,
  entryReasons: side.reasons,
  entryPhotos: side.photos,
  entryClockDriftMs: side.clockDriftMs,
  entryReads: side.reads,
  entryManual: side.manual,
});

const exitSide = (side: ManualSideFacts) => ({
  exitGateId: side.gateId,
  exitLaneId: side.laneId,
  exitCapturedAt: side.capturedAt,
  exitDecisionId: side.decisionId,
  exitVerdict: side.verdict,
  exitReasons: side.reasons,
  exitPhotos: side.photos,
  exitClockDriftMs: side.clockDriftMs,
  exitReads: side.reads,
  exitManual: side.manual,
});
