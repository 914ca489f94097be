import { randomBytes, randomUUID } from 'node:crypto';
import {
  type DataSource,
  type EnterpriseId,
  type EntityManager,
  In,
  IsNull,
  LessThan,
  TenantRepository,
} from '@ecogate/persistence';
import { z } from 'zod';
import { AlertLevelEntity } from '../alert/alert-level.entity';
import { audit } from '../audit/audit';
import { AuditLogEntity } from '../audit/audit-log.entity';
import { LedgerException } from '../errors/ledger.exception';
import { type PassageEntity } from '../passage/passage.entity';
import { PassageRepository } from '../passage/passage.repository';
import { periodOf, STATISTICS_TIME_ZONE, withPeriodRules } from '../statistics/statistics-summary.service';
import { VehicleEntity } from '../vehicle/vehicle.entity';
import { VehicleStageReviewEntity } from '../stage-review/vehicle-stage-review.entity';
import { type EnterpriseIndicators, enterpriseIndicators } from './inspection-indicators';
import { type InspectionList, type InspectionListQuery, listInspections } from './inspection-list';
import { type VideoArchiveClient, windowScanSchema } from '../video-archive/video-archive.client';
import { GateViolationEntity } from '../violations/gate-violation.entity';
import { CameraTamperEpisodeEntity } from '../camera-status/camera-tamper-episode.entity';
import { LoadingAreaAnomalyEntity } from '../loading-areas/loading-area-anomaly.entity';
import {
  type AnomalyIndicator,
  anomalyIndicator,
  type TamperIndicator,
  tamperIndicator,
} from './tamper-indicators';
import {
  type OutageIndicator,
  outageIndicator,
  type ViolationIndicator,
  violationIndicator,
} from './video-indicators';
import { normalisePlate, type PassageTimes, SIGHTING_MARGIN_MS } from './window-findings';
import { InspectionEntity, InspectionItemEntity, type InspectionVerdict } from './inspection.entity';
import { passageChainProofs } from './passage-chain-proof';
import { alertIntervals, type Interval, placeWindows, samplePassages, seededRandom } from './sampling';
import {
  type InspectionView,
  inspectionView,
  isPassageItem,
  isWindowItem,
  type PassageEvidence,
  type PassageItem,
} from './inspection-view';

export const createInspectionSchema = withPeriodRules(
  z.strictObject({
    /** Local days (Asia/Shanghai), `to` inclusive. */
    from: z.iso.date(),
    to: z.iso.date(),
    /** Reproduces an earlier sample; a random one is chosen (and stored) when absent. */
    seed: z
      .string()
      .regex(/^[A-Za-z0-9_.:-]{1,64}$/)
      .optional(),
    passages: z.number().int().min(5).max(10).default(8),
    windows: z.number().int().min(2).max(3).default(3),
    windowMinutes: z.number().int().min(5).max(10).default(10),
  }),
);
/** Who acts: the account id, and the display name the token carries (kept with the row: the ledger has no directory of people). */
export interface Actor {
  readonly actor: string;
  readonly actorName: string | null;
}
export type CreateInspectionCommand = z.infer<typeof createInspectionSchema> & Actor;

export const markItemSchema = z
  .strictObject({
    verdict: z.enum(['consistent', 'inconsistent']),
    note: z.string().trim().min(1).max(2000).optional(),
  })
  .refine((body) => body.verdict === 'consistent' || body.note !== undefined, {
    message: 'an inconsistent item needs a note saying what is wrong',
    path: ['note'],
  });
export type MarkItemCommand = z.infer<typeof markItemSchema> & Actor;

/** The period's passages, in capture order then id: the list the sample draws from. */
async function passageCandidates(
  manager: EntityManager,
  enterpriseId: EnterpriseId,
  period: Interval,
): Promise<{ id: string; capturedAt: Date }[]> {
  return new PassageRepository(manager)
    .scopedQueryBuilder(enterpriseId, 'p')
    .select(['p.id', 'p.capturedAt'])
    .andWhere('p.capturedAt >= :from AND p.capturedAt < :until', period)
    .orderBy('p.capturedAt', 'ASC')
    .addOrderBy('p.id', 'ASC')
    .getMany();
}

/**
 * Inspections (issue #16): a seeded sample of passages and video windows (`sampling.ts`), the
 * evidence an inspector checks for each, their verdicts, and the enterprise's indicators. Every
 * change (creation, mark, close) is audited in its own transaction.
 */
export class InspectionService {
  constructor(
    private readonly dataSource: DataSource,
    /** Absent: no video archive configured; windows say so instead of a finding, outages are unavailable. */
    private readonly videoArchive?: VideoArchiveClient,
    /** The cluster's chain key (SPKI PEM) the passages' signed roots are checked with; absent: shown unchecked. */
    private readonly chainPublicKeyPem?: string,
  ) {}

  async create(enterpriseId: EnterpriseId, command: CreateInspectionCommand): Promise<InspectionView> {
    const seed = command.seed ?? randomBytes(8).toString('hex');
    const now = new Date();
    const period = periodOf(command);
    const manager = this.dataSource.manager;
    const candidates = await passageCandidates(manager, enterpriseId, period);
    const alerts = alertIntervals(await this.alertHistory(enterpriseId, period.until), period);
    // Separate streams: the windows do not move when the passage count changes, and vice versa.
    const passages = samplePassages(candidates, command.passages, seededRandom(`${seed}|passages`));
    const placed = placeWindows(
      period,
      alerts,
      command.windows,
      command.windowMinutes,
      seededRandom(`${seed}|windows`),
    );
    const inspection: Omit<InspectionEntity, 'enterpriseId'> = {
      id: randomUUID(),
      fromDate: command.from,
      toDate: command.to,
      seed,
      passagesRequested: command.passages,
      windowsRequested: command.windows,
      windowMinutes: command.windowMinutes,
      windowPlacement: placed.placement,
      status: 'open',
      createdBy: command.actor,
      createdByName: command.actorName,
      createdAt: now,
      closedBy: null,
      closedByName: null,
      closedAt: null,
    };
    const blank = { verdict: null, note: null, markedBy: null, markedByName: null, markedAt: null };
    const noScan = {
      scanState: null,
      scanId: null,
      scan: null,
      scanAttempts: 0,
      scanError: null,
      scanDueAt: null,
    };
    const items: Omit<InspectionItemEntity, 'enterpriseId'>[] = [
      ...passages.map((p, position) => ({
        ...blank,
        ...noScan,
        id: randomUUID(),
        inspectionId: inspection.id,
        kind: 'passage' as const,
        position,
        passageId: p.id,
        passageCapturedAt: p.capturedAt,
        windowFrom: null,
        windowUntil: null,
      })),
      ...placed.windows.map((w, position) => ({
        ...blank,
        ...noScan,
        // The window-scan follower asks the video archive to scan it (when one is configured).
        scanState: 'requesting' as const,
        scanDueAt: now,
        id: randomUUID(),
        inspectionId: inspection.id,
        kind: 'window' as const,
        position,
        passageId: null,
        passageCapturedAt: null,
        windowFrom: w.from,
        windowUntil: w.until,
      })),
    ];
    await this.dataSource.transaction(async (tx) => {
      await TenantRepository.of(tx, InspectionEntity).insert(enterpriseId, inspection);
      await TenantRepository.of(tx, InspectionItemEntity).insert(enterpriseId, items);
      await audit(tx, enterpriseId, {
        actor: command.actor,
        entityType: 'inspection',
        entityId: inspection.id,
        action: 'create',
        before: null,
        after: {
          from: command.from,
          to: command.to,
          seed,
          passages: passages.map((p) => p.id),
          windows: placed.windows,
          windowPlacement: placed.placement,
        },
      });
    });
    return this.get(enterpriseId, inspection.id);
  }

  /** Inspections newest first, of the enterprises given (`*`: all). */
  list(enterprises: '*' | readonly string[], query: InspectionListQuery): Promise<InspectionList> {
    return listInspections(this.dataSource, enterprises, query);
  }

  async get(enterpriseId: EnterpriseId, inspectionId: string): Promise<InspectionView> {
    const inspection = await this.inspection(this.dataSource.manager, enterpriseId, inspectionId);
    const items = await TenantRepository.of(this.dataSource, InspectionItemEntity).find(enterpriseId, {
      where: { inspectionId },
      order: { kind: 'ASC', position: 'ASC' },
    });
    const passageItems = items.filter(isPassageItem);
    const windowItems = items.filter(isWindowItem);
    const windowPassages = new Map<string, PassageEntity[]>();
    const sightingPassages = new Map<string, PassageTimes[]>();
    for (const item of windowItems) {
      const window = { from: item.windowFrom, until: item.windowUntil };
      windowPassages.set(item.id, await this.passagesSeenIn(enterpriseId, window));
      const scan = windowScanSchema.safeParse(item.scan);
      const plates = scan.success ? scan.data.plates.map((p) => p.plate) : [];
      sightingPassages.set(item.id, await this.passagesOfPlates(enterpriseId, window, plates));
    }
    return inspectionView(
      inspection,
      passageItems,
      windowItems,
      await this.passageEvidence(enterpriseId, passageItems),
      await passageChainProofs(
        this.dataSource.manager,
        enterpriseId,
        passageItems.map((item) => item.passageId),
        this.chainPublicKeyPem,
      ),
      windowPassages,
      { archiveConfigured: this.videoArchive !== undefined, passages: sightingPassages },
    );
  }

  async mark(
    enterpriseId: EnterpriseId,
    inspectionId: string,
    itemId: string,
    command: MarkItemCommand,
  ): Promise<InspectionView> {
    await this.dataSource.transaction(async (tx) => {
      await this.openInspection(tx, enterpriseId, inspectionId);
      const items = TenantRepository.of(tx, InspectionItemEntity);
      const before = await items.findOne(enterpriseId, { id: itemId, inspectionId });
      if (!before)
        throw new LedgerException(
          'inspection-item-not-found',
          `no item ${itemId} in inspection ${inspectionId}`,
        );
      const change = {
        verdict: command.verdict satisfies InspectionVerdict,
        note: command.note ?? null,
        markedBy: command.actor,
        markedByName: command.actorName,
        markedAt: new Date(),
      };
      await items.update(enterpriseId, { id: itemId }, change);
      await audit(tx, enterpriseId, {
        actor: command.actor,
        entityType: 'inspection',
        entityId: inspectionId,
        action: 'mark-item',
        before: { itemId, verdict: before.verdict, note: before.note },
        after: { itemId, ...change },
      });
    });
    return this.get(enterpriseId, inspectionId);
  }

  async close(
    enterpriseId: EnterpriseId,
    inspectionId: string,
    { actor, actorName }: Actor,
  ): Promise<InspectionView> {
    await this.dataSource.transaction(async (tx) => {
      await this.openInspection(tx, enterpriseId, inspectionId);
      const change = {
        status: 'closed' as const,
        closedBy: actor,
        closedByName: actorName,
        closedAt: new Date(),
      };
      await TenantRepository.of(tx, InspectionEntity).update(enterpriseId, { id: inspectionId }, change);
      const unmarked = await TenantRepository.of(tx, InspectionItemEntity).count(enterpriseId, {
        inspectionId,
        verdict: IsNull(),
      });
      await audit(tx, enterpriseId, {
        actor,
        entityType: 'inspection',
        entityId: inspectionId,
        action: 'close',
        before: { status: 'open' },
        after: { ...change, unmarkedItems: unmarked },
      });
    });
    return this.get(enterpriseId, inspectionId);
  }

  /** The enterprise's indicators over the inspection's period. */
  async indicators(
    enterpriseId: EnterpriseId,
    inspectionId: string,
  ): Promise<
    EnterpriseIndicators & {
      outages: OutageIndicator;
      violations: ViolationIndicator;
      tampering: TamperIndicator;
      loadingAreaAnomalies: AnomalyIndicator;
    }
  > {
    const inspection = await this.inspection(this.dataSource.manager, enterpriseId, inspectionId);
    const query = { from: inspection.fromDate, to: inspection.toDate };
    const period = periodOf(query);
    const day = `to_char(p.capturedAt AT TIME ZONE '${STATISTICS_TIME_ZONE}', 'YYYY-MM-DD')`;
    const passages = () =>
      new PassageRepository(this.dataSource.manager)
        .scopedQueryBuilder(enterpriseId, 'p')
        .andWhere('p.capturedAt >= :from AND p.capturedAt < :until', period);
    const groups: {
      day: string;
      stage: string | null;
      stageSource: string | null;
      fuel: string | null;
      tonnes: string | null;
      trips: string;
      complete: string;
      completenessSum: string;
    }[] = await passages()
      .leftJoin(VehicleEntity, 'v', 'v.enterpriseId = p.enterpriseId AND v.plate = p.plate')
      .select(day, 'day')
      .addSelect('p.stage', 'stage')
      .addSelect('p.stageSource', 'stageSource')
      .addSelect('v.fuel', 'fuel')
      .addSelect('p.cargoTonnes', 'tonnes')
      .addSelect('count(*)', 'trips')
      .addSelect(`count(*) FILTER (WHERE jsonb_array_length(p.missingFields) = 0)`, 'complete')
      .addSelect('sum(p.completeness)', 'completenessSum')
      .groupBy('day')
      .addGroupBy('p.stage')
      .addGroupBy('p.stageSource')
      .addGroupBy('v.fuel')
      .addGroupBy('p.cargoTonnes')
      .getRawMany();
    const daily: { day: string; vehicles: string }[] = await passages()
      .select(day, 'day')
      .addSelect('count(DISTINCT p.plate)', 'vehicles')
      .groupBy('day')
      .getRawMany();
    const alerts = alertIntervals(await this.alertHistory(enterpriseId, period.until), period);
    const violations: { kind: string; count: string }[] = await TenantRepository.of(
      this.dataSource,
      GateViolationEntity,
    )
      .scopedQueryBuilder(enterpriseId, 'v')
      .select('v.kind', 'kind')
      .addSelect('count(*)', 'count')
      .andWhere('v.at >= :from AND v.at < :until', period)
      .groupBy('v.kind')
      .getRawMany();
    const anomalies: { kind: string; count: string }[] = await TenantRepository.of(
      this.dataSource,
      LoadingAreaAnomalyEntity,
    )
      .scopedQueryBuilder(enterpriseId, 'a')
      .select('a.kind', 'kind')
      .addSelect('count(*)', 'count')
      .andWhere('a.at >= :from AND a.at < :until', period)
      .groupBy('a.kind')
      .getRawMany();
    const figures = enterpriseIndicators(
      query,
      groups.map((g) => ({
        day: g.day,
        stage: g.stage,
        stageSource: g.stageSource,
        fuel: g.fuel,
        tonnes: g.tonnes === null ? null : Number(g.tonnes),
        trips: Number(g.trips),
        complete: Number(g.complete),
        completenessSum: Number(g.completenessSum),
      })),
      daily.map((d) => ({ day: d.day, vehicles: Number(d.vehicles) })),
      alerts,
    );
    return {
      ...figures,
      outages: await this.outages(enterpriseId, period),
      violations: violationIndicator(violations.map((v) => ({ kind: v.kind, count: Number(v.count) }))),
      tampering: tamperIndicator(await this.tamperEpisodes(enterpriseId, period), period, new Date()),
      loadingAreaAnomalies: anomalyIndicator(
        anomalies.map((a) => ({ kind: a.kind, count: Number(a.count) })),
      ),
    };
  }

  /** The camera tamper episodes overlapping the period (the camera-status consumer keeps them). */
  private tamperEpisodes(enterpriseId: EnterpriseId, period: Interval) {
    return TenantRepository.of(this.dataSource, CameraTamperEpisodeEntity)
      .scopedQueryBuilder(enterpriseId, 't')
      .select(['t.cameraId', 't.kind', 't.startedAt', 't.endedAt'])
      .andWhere('t.startedAt < :until AND (t.endedAt IS NULL OR t.endedAt > :from)', period)
      .getMany();
  }

  /** The archive's outages over the period; unavailable (never zero) when it cannot answer. */
  private async outages(enterpriseId: EnterpriseId, period: Interval): Promise<OutageIndicator> {
    if (!this.videoArchive)
      return { status: 'unavailable', reason: 'no video archive configured (VIDEO_ARCHIVE_URL)' };
    try {
      return outageIndicator(
        await this.videoArchive.outages(enterpriseId, {
          from: period.from.toISOString(),
          to: period.until.toISOString(),
        }),
      );
    } catch (caught) {
      return { status: 'unavailable', reason: caught instanceof Error ? caught.message : String(caught) };
    }
  }

  private alertHistory(enterpriseId: EnterpriseId, until: Date) {
    return TenantRepository.of(this.dataSource, AlertLevelEntity).find(enterpriseId, {
      where: { setAt: LessThan(until) },
      order: { setAt: 'ASC' },
    });
  }

  private async inspection(
    manager: EntityManager,
    enterpriseId: EnterpriseId,
    id: string,
  ): Promise<InspectionEntity> {
    const row = await TenantRepository.of(manager, InspectionEntity).findOne(enterpriseId, { id });
    // Another enterprise's inspection is indistinguishable from a missing one.
    if (!row) throw new LedgerException('inspection-not-found', `no inspection ${id}`);
    return row;
  }

  private async openInspection(
    tx: EntityManager,
    enterpriseId: EnterpriseId,
    id: string,
  ): Promise<InspectionEntity> {
    const row = await this.inspection(tx, enterpriseId, id);
    if (row.status === 'closed') throw new LedgerException('inspection-closed', `inspection ${id} is closed`);
    return row;
  }

  /**
   * Each sampled passage as the ledger holds it (absent once retention dropped it), its vehicle's
   * documents, its stage disagreement and its audit trail: four queries for the whole sample.
   */
  private async passageEvidence(
    enterpriseId: EnterpriseId,
    items: readonly PassageItem[],
  ): Promise<Map<string, PassageEvidence>> {
    if (items.length === 0) return new Map();
    // The capture time with each id lets Postgres read only the passages' month partitions.
    const passages = await new PassageRepository(this.dataSource.manager).find(enterpriseId, {
      where: items.map((item) => ({ id: item.passageId, capturedAt: item.passageCapturedAt })),
    });
    const plates = [...new Set(passages.map((p) => p.plate))];
    const vehicles =
      plates.length === 0
        ? []
        : await TenantRepository.of(this.dataSource, VehicleEntity).find(enterpriseId, {
            where: { plate: In(plates) },
          });
    const reviews =
      vehicles.length === 0
        ? []
        : await TenantRepository.of(this.dataSource, VehicleStageReviewEntity).find(enterpriseId, {
            where: { vehicleId: In(vehicles.map((v) => v.id)) },
          });
    const trail = await TenantRepository.of(this.dataSource, AuditLogEntity).find(enterpriseId, {
      where: { entityType: 'passage', entityId: In(items.map((item) => item.passageId)) },
      order: { at: 'ASC' },
    });
    return new Map(
      items.map((item) => {
        const passage = passages.find((p) => p.id === item.passageId) ?? null;
        const vehicle = passage ? (vehicles.find((v) => v.plate === passage.plate) ?? null) : null;
        return [
          item.passageId,
          {
            passage,
            vehicle,
            trail: trail.filter((row) => row.entityId === item.passageId),
            stageReview: reviews.find((review) => review.vehicleId === vehicle?.id) ?? null,
          },
        ];
      }),
    );
  }

  /**
   * The passages a window's plates may be matched to: those of these plates captured up to a week
   * before the window (a truck still inside) and until the margin after it, not gone before it.
   */
  private async passagesOfPlates(
    enterpriseId: EnterpriseId,
    window: Interval,
    plates: readonly string[],
  ): Promise<PassageTimes[]> {
    if (plates.length === 0) return [];
    const around = {
      since: new Date(window.from.getTime() - 7 * 86_400_000),
      from: new Date(window.from.getTime() - SIGHTING_MARGIN_MS),
      until: new Date(window.until.getTime() + SIGHTING_MARGIN_MS),
      plates: [...new Set(plates.map(normalisePlate))],
    };
    return new PassageRepository(this.dataSource.manager)
      .scopedQueryBuilder(enterpriseId, 'p')
      .select(['p.id', 'p.plate', 'p.entryCapturedAt', 'p.exitCapturedAt'])
      .andWhere('p.capturedAt >= :since AND p.capturedAt < :until', around)
      .andWhere('(p.exitCapturedAt IS NULL OR p.exitCapturedAt >= :from)', around)
      .andWhere(`upper(regexp_replace(p.plate, '[[:space:]·•._-]', '', 'g')) IN (:...plates)`, around)
      .getMany();
  }

  /** Passages with an entry or an exit captured in the window, in capture order. */
  private passagesSeenIn(enterpriseId: EnterpriseId, window: Interval): Promise<PassageEntity[]> {
    return new PassageRepository(this.dataSource.manager)
      .scopedQueryBuilder(enterpriseId, 'p')
      .andWhere('p.capturedAt < :until', window)
      .andWhere(
        '((p.entryCapturedAt >= :from AND p.entryCapturedAt < :until) OR (p.exitCapturedAt >= :from AND p.exitCapturedAt < :until))',
        window,
      )
      .orderBy('p.capturedAt', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .getMany();
  }
}
