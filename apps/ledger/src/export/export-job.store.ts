import {
  type DataSource,
  type EnterpriseId,
  type EntityManager,
  TenantRepository,
} from '@ecogate/persistence';
import { ExportJobEntity } from './export-job.entity';

/** Runs of one job before an orphaned one is failed instead of started again. */
export const MAX_EXPORT_ATTEMPTS = 3;

/** What the worker records of a run; every write names the worker, so a run that lost its claim stops. */
export interface RunProgress {
  readonly rows: number;
  readonly totalRows?: number;
}

export interface FinishedFile {
  readonly objectKey: string;
  readonly fileName: string;
  readonly bytes: number;
  readonly rows: number;
  readonly expiresAt: Date;
}

/**
 * The `export_jobs` table. The enterprise routes read through `TenantRepository` (a city job's
 * `enterprise_id` is `*`, which no enterprise id equals). The worker's claim and recovery
 * read every tenant's jobs on purpose, like the retention job: they run jobs, never show them.
 * The city routes read jobs whose enterprises the caller covers (`enterprise_ids <@ …`).
 */
export class ExportJobStore {
  constructor(private readonly dataSource: DataSource) {}

  private tenant(manager: EntityManager = this.dataSource.manager): TenantRepository<ExportJobEntity> {
    return TenantRepository.of(manager, ExportJobEntity);
  }

  async insert(manager: EntityManager, job: ExportJobEntity): Promise<void> {
    await manager.insert(ExportJobEntity, job);
  }

  /** An enterprise's job (never a city job, never another tenant's). */
  findForEnterprise(enterpriseId: EnterpriseId, id: string): Promise<ExportJobEntity | null> {
    return this.tenant().findOne(enterpriseId, { id });
  }

  listForEnterprise(enterpriseId: EnterpriseId, limit: number): Promise<ExportJobEntity[]> {
    return this.tenant().find(enterpriseId, { order: { createdAt: 'DESC', id: 'DESC' }, take: limit });
  }

  /** A job (enterprise or city) all of whose enterprises `covered` lists (`*`: any). */
  findCovered(id: string, covered: '*' | readonly string[]): Promise<ExportJobEntity | null> {
    const qb = this.dataSource.manager.createQueryBuilder(ExportJobEntity, 'j').where('j.id = :id', { id });
    if (covered !== '*')
      qb.andWhere('j.enterpriseIds <@ CAST(:covered AS text[])', { covered: [...covered] });
    return qb.getOne();
  }

  listCovered(covered: '*' | readonly string[], limit: number): Promise<ExportJobEntity[]> {
    const qb = this.dataSource.manager.createQueryBuilder(ExportJobEntity, 'j');
    if (covered !== '*') qb.where('j.enterpriseIds <@ CAST(:covered AS text[])', { covered: [...covered] });
    return qb.orderBy('j.createdAt', 'DESC').addOrderBy('j.id', 'DESC').limit(limit).getMany();
  }

  /** Takes the oldest queued job for `worker` (another replica skips it), or none. */
  async claim(worker: string, now: Date): Promise<ExportJobEntity | undefined> {
    const [rows] = (await this.dataSource.query(
      `UPDATE "export_jobs" SET "state" = 'running', "worker" = $1, "attempts" = "attempts" + 1,
              "started_at" = $2, "heartbeat_at" = $2, "rows" = 0, "total_rows" = NULL, "error" = NULL
        WHERE "id" = (SELECT "id" FROM "export_jobs" WHERE "state" = 'queued'
                       ORDER BY "created_at", "id" LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING "id"`,
      [worker, now],
    )) as [{ id: string }[], number];
    const id = rows[0]?.id;
    return id ? ((await this.dataSource.manager.findOneBy(ExportJobEntity, { id })) ?? undefined) : undefined;
  }

  /** Records progress and keeps the claim alive; `false` when the job is no longer this worker's. */
  async progress(id: string, worker: string, progress: RunProgress, now: Date): Promise<boolean> {
    const [, affected] = (await this.dataSource.query(
      `UPDATE "export_jobs" SET "rows" = $3, "total_rows" = COALESCE($4, "total_rows"), "heartbeat_at" = $5
        WHERE "id" = $1 AND "worker" = $2 AND "state" = 'running'`,
      [id, worker, progress.rows, progress.totalRows ?? null, now],
    )) as [unknown, number];
    return affected === 1;
  }

  async heartbeat(id: string, worker: string, now: Date): Promise<boolean> {
    const [, affected] = (await this.dataSource.query(
      `UPDATE "export_jobs" SET "heartbeat_at" = $3 WHERE "id" = $1 AND "worker" = $2 AND "state" = 'running'`,
      [id, worker, now],
    )) as [unknown, number];
    return affected === 1;
  }

  async finish(id: string, worker: string, file: FinishedFile, now: Date): Promise<boolean> {
    const [, affected] = (await this.dataSource.query(
      `UPDATE "export_jobs" SET "state" = 'done', "rows" = $3, "object_key" = $4, "file_name" = $5,
              "bytes" = $6, "finished_at" = $7, "heartbeat_at" = $7, "expires_at" = $8
        WHERE "id" = $1 AND "worker" = $2 AND "state" = 'running'`,
      [id, worker, file.rows, file.objectKey, file.fileName, file.bytes, now, file.expiresAt],
    )) as [unknown, number];
    return affected === 1;
  }

  async fail(id: string, worker: string, error: string, now: Date): Promise<boolean> {
    const [, affected] = (await this.dataSource.query(
      `UPDATE "export_jobs" SET "state" = 'failed', "error" = $3, "finished_at" = $4, "heartbeat_at" = $4
        WHERE "id" = $1 AND "worker" = $2 AND "state" = 'running'`,
      [id, worker, error.slice(0, 1000), now],
    )) as [unknown, number];
    return affected === 1;
  }

  /** A run given up by its own worker (shutdown): back to the queue, the attempt not counted. */
  async release(id: string, worker: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE "export_jobs" SET "state" = 'queued', "worker" = NULL, "attempts" = GREATEST("attempts" - 1, 0),
              "rows" = 0, "started_at" = NULL, "heartbeat_at" = NULL
        WHERE "id" = $1 AND "worker" = $2 AND "state" = 'running'`,
      [id, worker],
    );
  }

  /**
   * Jobs left `running` by a process that died (no heartbeat for `staleAfterMs`): queued again to
   * start over from the first row, or failed (`interrupted`) after `MAX_EXPORT_ATTEMPTS` runs.
   */
  async recoverOrphans(now: Date, staleAfterMs: number): Promise<{ requeued: string[]; failed: string[] }> {
    const [rows] = (await this.dataSource.query(
      `UPDATE "export_jobs"
          SET "state" = CASE WHEN "attempts" >= $2 THEN 'failed' ELSE 'queued' END,
              "error" = CASE WHEN "attempts" >= $2
                             THEN 'interrupted: the process running it stopped ' || "attempts" || ' times'
                             ELSE NULL END,
              "finished_at" = CASE WHEN "attempts" >= $2 THEN $1::timestamptz ELSE NULL END,
              "worker" = NULL, "rows" = 0
        WHERE "state" = 'running' AND "heartbeat_at" < $1::timestamptz - make_interval(secs => $3::double precision / 1000)
        RETURNING "id", "state"`,
      [now, MAX_EXPORT_ATTEMPTS, staleAfterMs],
    )) as [{ id: string; state: string }[], number];
    return {
      requeued: rows.filter((row) => row.state === 'queued').map((row) => row.id),
      failed: rows.filter((row) => row.state === 'failed').map((row) => row.id),
    };
  }
}
