import { type DataSource, type EnterpriseId, TenantRepository } from '@ecogate/persistence';
import { MAX_EXPORT_ATTEMPTS } from '../export/export-job.store';
import { type JobQueue } from '../export/export-worker';
import { EvidencePackEntity } from './evidence-pack.entity';

export interface FinishedPack {
  readonly objectKey: string;
  readonly fileName: string;
  readonly bytes: number;
  readonly sha256: string;
  readonly expiresAt: Date;
}

const affected = (result: unknown): boolean => (result as [unknown, number])[1] === 1;

/**
 * The `evidence_packs` table: the export worker's queue (`JobQueue`: claim, release, orphan
 * recovery, as `ExportJobStore` does for exports) and what a run writes. Every write names the
 * worker, so a run that lost its claim changes nothing.
 */
export class EvidencePackStore implements JobQueue<EvidencePackEntity> {
  constructor(private readonly dataSource: DataSource) {}

  async insert(pack: EvidencePackEntity): Promise<void> {
    await this.dataSource.manager.insert(EvidencePackEntity, pack);
  }

  find(enterpriseId: EnterpriseId, inspectionId: string, id: string): Promise<EvidencePackEntity | null> {
    return TenantRepository.of(this.dataSource, EvidencePackEntity).findOne(enterpriseId, {
      id,
      inspectionId,
    });
  }

  /** The inspection's newest pack that was built (its hash goes into the report). */
  latestDone(enterpriseId: EnterpriseId, inspectionId: string): Promise<EvidencePackEntity | null> {
    return TenantRepository.of(this.dataSource, EvidencePackEntity)
      .find(enterpriseId, { where: { inspectionId, state: 'done' }, order: { finishedAt: 'DESC' }, take: 1 })
      .then((rows) => rows[0] ?? null);
  }

  async claim(worker: string, now: Date): Promise<EvidencePackEntity | undefined> {
    const [rows] = (await this.dataSource.query(
      `UPDATE "evidence_packs" SET "state" = 'running', "worker" = $1, "attempts" = "attempts" + 1,
              "started_at" = $2, "heartbeat_at" = $2, "steps" = 0, "total_steps" = NULL, "activity" = NULL, "error" = NULL
        WHERE "id" = (SELECT "id" FROM "evidence_packs" WHERE "state" = 'queued'
                       ORDER BY "created_at", "id" LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING "id"`,
      [worker, now],
    )) as [{ id: string }[], number];
    const id = rows[0]?.id;
    return id
      ? ((await this.dataSource.manager.findOneBy(EvidencePackEntity, { id })) ?? undefined)
      : undefined;
  }

  /** Progress (and the claim kept alive); `false` when the job is no longer this worker's. */
  async progress(
    id: string,
    worker: string,
    progress: { readonly steps: number; readonly totalSteps: number; readonly activity: string | null },
    now: Date,
  ): Promise<boolean> {
    return affected(
      await this.dataSource.query(
        `UPDATE "evidence_packs" SET "steps" = $3, "total_steps" = $4, "activity" = $5, "heartbeat_at" = $6
          WHERE "id" = $1 AND "worker" = $2 AND "state" = 'running'`,
        [id, worker, progress.steps, progress.totalSteps, progress.activity, now],
      ),
    );
  }

  async heartbeat(id: string, worker: string, now: Date): Promise<boolean> {
    return affected(
      await this.dataSource.query(
        `UPDATE "evidence_packs" SET "heartbeat_at" = $3 WHERE "id" = $1 AND "worker" = $2 AND "state" = 'running'`,
        [id, worker, now],
      ),
    );
  }

  async finish(id: string, worker: string, file: FinishedPack, now: Date): Promise<boolean> {
    return affected(
      await this.dataSource.query(
        `UPDATE "evidence_packs" SET "state" = 'done', "steps" = "total_steps", "activity" = NULL, "object_key" = $3,
                "file_name" = $4, "bytes" = $5, "sha256" = $6, "finished_at" = $7, "heartbeat_at" = $7, "expires_at" = $8
          WHERE "id" = $1 AND "worker" = $2 AND "state" = 'running'`,
        [id, worker, file.objectKey, file.fileName, file.bytes, file.sha256, now, file.expiresAt],
      ),
    );
  }

  async fail(id: string, worker: string, error: string, now: Date): Promise<boolean> {
    return affected(
      await this.dataSource.query(
        `UPDATE "evidence_packs" SET "state" = 'failed', "activity" = NULL, "error" = $3, "finished_at" = $4, "heartbeat_at" = $4
          WHERE "id" = $1 AND "worker" = $2 AND "state" = 'running'`,
        [id, worker, error.slice(0, 1000), now],
      ),
    );
  }

  async release(id: string, worker: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE "evidence_packs" SET "state" = 'queued', "worker" = NULL, "attempts" = GREATEST("attempts" - 1, 0),
              "steps" = 0, "activity" = NULL, "started_at" = NULL, "heartbeat_at" = NULL
        WHERE "id" = $1 AND "worker" = $2 AND "state" = 'running'`,
      [id, worker],
    );
  }

  /** Runs of a stopped process: queued again (the pack starts over), or failed after `MAX_EXPORT_ATTEMPTS`. */
  async recoverOrphans(now: Date, staleAfterMs: number): Promise<{ requeued: string[]; failed: string[] }> {
    const [rows] = (await this.dataSource.query(
      `UPDATE "evidence_packs"
          SET "state" = CASE WHEN "attempts" >= $2 THEN 'failed' ELSE 'queued' END,
              "error" = CASE WHEN "attempts" >= $2
                             THEN 'interrupted: the process running it stopped ' || "attempts" || ' times'
                             ELSE NULL END,
              "finished_at" = CASE WHEN "attempts" >= $2 THEN $1::timestamptz ELSE NULL END,
              "worker" = NULL, "steps" = 0, "activity" = NULL
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
