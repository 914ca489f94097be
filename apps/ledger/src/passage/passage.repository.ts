import { type EmissionStage } from '@ecogate/domain';
import { Brackets, type EnterpriseId, type EntityManager, TenantRepository } from '@ecogate/persistence';
import { PassageEntity } from './passage.entity';

export interface PassageSearch {
  readonly from?: Date;
  readonly to?: Date;
  readonly plate?: string;
  readonly stage?: EmissionStage;
  readonly gateId?: string;
  readonly minCompleteness?: number;
  readonly maxCompleteness?: number;
  readonly direction?: 'in' | 'out';
  readonly verdict?: 'allow' | 'deny' | 'needs-review';
  readonly manual?: boolean;
  readonly cursor?: { readonly capturedAt: Date; readonly id: string };
  readonly limit: number;
}

export interface DailyStageCount {
  readonly day: string;
  readonly stage: string;
  readonly count: number;
}

/** Passage rows, every query scoped to one enterprise. */
export class PassageRepository extends TenantRepository<PassageEntity> {
  constructor(manager: EntityManager) {
    super(PassageEntity, manager);
  }

  /** The latest passage of the plate still inside that entered no later than `before`, locked for update. */
  findOpenForUpdate(enterpriseId: EnterpriseId, plate: string, before: Date): Promise<PassageEntity | null> {
    return this.scopedQueryBuilder(enterpriseId, 'p')
      .andWhere('p.plate = :plate', { plate })
      .andWhere(`p.state = 'inside'`)
      .andWhere('p.entryCapturedAt <= :before', { before })
      .orderBy('p.entryCapturedAt', 'DESC')
      .limit(1)
      .setLock('pessimistic_write')
      .getOne();
  }

  /** Newest first, keyset-paginated on (capturedAt, id). */
  search(enterpriseId: EnterpriseId, query: PassageSearch): Promise<PassageEntity[]> {
    const qb = this.scopedQueryBuilder(enterpriseId, 'p');
    if (query.from) qb.andWhere('p.capturedAt >= :from', { from: query.from });
    if (query.to) qb.andWhere('p.capturedAt < :to', { to: query.to });
    if (query.plate) qb.andWhere('p.plate = :plate', { plate: query.plate });
    if (query.stage) qb.andWhere('p.stage = :stage', { stage: query.stage });
    const entry = query.direction !== 'out';
    const exit = query.direction !== 'in';
    if (query.direction === 'in') qb.andWhere('p.entryCapturedAt IS NOT NULL');
    if (query.direction === 'out') qb.andWhere('p.exitCapturedAt IS NOT NULL');
    if (query.gateId) {
      const gateId = query.gateId;
      qb.andWhere(
        new Brackets((b) => {
          if (entry) b.orWhere('p.entryGateId = :gateId', { gateId });
          if (exit) b.orWhere('p.exitGateId = :gateId', { gateId });
        }),
      );
    }
    if (query.verdict) {
      const verdict = query.verdict;
      qb.andWhere(
        new Brackets((b) => {
          if (entry) b.orWhere('p.entryVerdict = :verdict', { verdict });
          if (exit) b.orWhere('p.exitVerdict = :verdict', { verdict });
        }),
      );
    }
    if (query.manual !== undefined) qb.andWhere('p.manual = :manual', { manual: query.manual });
    if (query.minCompleteness !== undefined)
      qb.andWhere('p.completeness >= :minC', { minC: query.minCompleteness });
    if (query.maxCompleteness !== undefined)
      qb.andWhere('p.completeness <= :maxC', { maxC: query.maxCompleteness });
    if (query.cursor) {
      qb.andWhere('(p.capturedAt, p.id) < (:cursorAt, :cursorId)', {
        cursorAt: query.cursor.capturedAt,
        cursorId: query.cursor.id,
      });
    }
    return qb.orderBy('p.capturedAt', 'DESC').addOrderBy('p.id', 'DESC').limit(query.limit).getMany();
  }

  /** Passages per local day (Asia/Shanghai) and stage: what inspectors compare (domain.md §6). */
  async dailyCountsByStage(enterpriseId: EnterpriseId, from: Date, to: Date): Promise<DailyStageCount[]> {
    const rows: { day: string; stage: string | null; count: string }[] = await this.scopedQueryBuilder(
      enterpriseId,
      'p',
    )
      .select(`to_char(p.capturedAt AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`, 'day')
      .addSelect('p.stage', 'stage')
      .addSelect('count(*)', 'count')
      .andWhere('p.capturedAt >= :from', { from })
      .andWhere('p.capturedAt < :to', { to })
      .groupBy('day')
      .addGroupBy('p.stage')
      .orderBy('day')
      .addOrderBy('stage')
      .getRawMany();
    return rows.map((row) => ({ day: row.day, stage: row.stage ?? 'unknown', count: Number(row.count) }));
  }
}
