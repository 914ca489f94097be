import { type DataSource, parseEnterpriseId } from '@ecogate/persistence';
import { type ObjectStorage } from '@ecogate/storage';
import { audit } from '../audit/audit';
import { type ExportConfig } from '../export/export.config';
import { type ExportLog, type JobRunner, type RunOutcome } from '../export/export-runner';
import { type EvidencePackBuilder } from './evidence-pack-builder';
import { type EvidencePackEntity } from './evidence-pack.entity';
import { type EvidencePackStore } from './evidence-pack.store';
import { sha256Hex } from './pack-manifest';

class ClaimLost extends Error {}

/** `evidence-pack-<enterprise>-<from>-<to>.zip`: ASCII, the download link's last segment. */
export const packFileName = (enterpriseId: string, from: string, to: string): string =>
  `evidence-pack-${enterpriseId}-${from.replace(/-/g, '')}-${to.replace(/-/g, '')}.zip`;

/**
 * Runs one claimed pack job (the export worker's loop calls it): builds the pack, uploads it to
 * the exports bucket (its lifecycle rule removes it after `keepDays`), marks it done with its
 * size and SHA-256, and audits the build. A heartbeat keeps the claim while the video archive is
 * waited for; a run whose claim was taken over ends without writing.
 */
export class EvidencePackRunner implements JobRunner<EvidencePackEntity> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: EvidencePackStore,
    private readonly builder: EvidencePackBuilder,
    private readonly storage: ObjectStorage,
    private readonly config: Pick<ExportConfig, 'bucket' | 'keepDays' | 'staleAfterMs'>,
    private readonly bucketReady: () => Promise<void>,
    private readonly logger: ExportLog,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async run(job: EvidencePackEntity, worker: string, signal: AbortSignal): Promise<RunOutcome> {
    const enterpriseId = parseEnterpriseId(job.enterpriseId);
    const lost = new AbortController();
    const both = AbortSignal.any([signal, lost.signal]);
    const beat = setInterval(
      () => void this.store.heartbeat(job.id, worker, this.now()).then((held) => held || lost.abort()),
      Math.max(100, Math.floor(this.config.staleAfterMs / 3)),
    );
    try {
      const zip = await this.builder.build(
        enterpriseId,
        job.inspectionId,
        async (steps, totalSteps, activity) => {
          const progress = { done: steps, total: totalSteps, notes: { activity } };
          if (!(await this.store.progress(job.id, worker, progress, this.now()))) throw new ClaimLost();
        },
        both,
      );
      const inspection = (await this.dataSource.query(
        `SELECT to_char("from_date", 'YYYY-MM-DD') AS "from", to_char("to_date", 'YYYY-MM-DD') AS "to"
           FROM "inspections" WHERE "enterprise_id" = $1 AND "id" = $2`,
        [enterpriseId, job.inspectionId],
      )) as { from: string; to: string }[];
      const fileName = packFileName(
        job.enterpriseId,
        inspection[0]?.from ?? 'start',
        inspection[0]?.to ?? 'end',
      );
      const objectKey = `exports/${job.enterpriseId}/evidence-packs/${job.id}/${fileName}`;
      await this.bucketReady();
      await this.storage.put(this.config.bucket, objectKey, zip, { contentType: 'application/zip' });
      const sha256 = sha256Hex(zip);
      const now = this.now();
      const finished = await this.store.finish(
        job.id,
        worker,
        {
          objectKey,
          fileName,
          bytes: zip.length,
          facts: { sha256 },
          expiresAt: new Date(now.getTime() + this.config.keepDays * 86_400_000),
        },
        now,
      );
      if (!finished) return 'lost';
      await this.dataSource.transaction((tx) =>
        audit(tx, enterpriseId, {
          actor: job.requestedBy,
          entityType: 'inspection',
          entityId: job.inspectionId,
          action: 'evidence-pack-built',
          before: null,
          after: { packId: job.id, bytes: zip.length, sha256 },
        }),
      );
      this.logger.info({ packId: job.id, bytes: zip.length }, 'evidence pack built');
      return 'done';
    } catch (error) {
      if (error instanceof ClaimLost || lost.signal.aborted) return 'lost';
      if (signal.aborted) return 'stopped';
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.warn({ packId: job.id, err: error }, 'evidence pack failed');
      return (await this.store.fail(job.id, worker, reason, this.now())) ? 'failed' : 'lost';
    } finally {
      clearInterval(beat);
    }
  }
}
