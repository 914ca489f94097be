import { existsSync } from 'node:fs';
import { type DataSource, type EnterpriseId } from '@ecogate/persistence';
import { type ObjectStorage } from '@ecogate/storage';
import { type Logger } from '@ecogate/telemetry';
import { type ChainSigner } from '../chain/chain-signing';
import { LedgerException } from '../errors/ledger.exception';
import { type ExportConfig } from '../export/export.config';
import { type RunOutcome } from '../export/export-runner';
import { ExportWorker } from '../export/export-worker';
import { type InspectionService } from '../inspection/inspection.service';
import { InspectionReportService } from '../inspection-report/inspection-report.service';
import { type ReportConfig } from '../inspection-report/report.config';
import { type VideoArchiveClient } from '../video-archive/video-archive.client';
import { type EvidencePackConfig } from './evidence-pack.config';
import { EvidencePackBuilder } from './evidence-pack-builder';
import { type EvidencePackEntity } from './evidence-pack.entity';
import { EvidencePackRunner } from './evidence-pack.runner';
import { EvidencePackService } from './evidence-pack.service';
import { EvidencePackStore } from './evidence-pack.store';

export interface EvidencePacks {
  readonly reports: InspectionReportService;
  readonly service: EvidencePackService;
  /** The export's job loop over the packs' table. */
  readonly worker: ExportWorker<EvidencePackEntity>;
}

/**
 * The report and the evidence packs for the composition root. Packs reuse the Excel export's
 * pieces: its worker loop (`ExportWorker` over `EvidencePackStore`), bucket, lifecycle rule and
 * link lifetime. A ledger without the chain key or the report font refuses packs (503) rather
 * than building one that cannot be verified or read.
 */
export function buildEvidencePacks(deps: {
  readonly dataSource: DataSource;
  readonly inspections: InspectionService;
  /** Reads the photos' buckets. */
  readonly photoStorage: ObjectStorage;
  readonly exports: {
    readonly storage: ObjectStorage;
    readonly bucketReady: () => Promise<void>;
    readonly config: ExportConfig;
  };
  readonly signer: ChainSigner | undefined;
  readonly videoArchive: VideoArchiveClient | undefined;
  readonly report: ReportConfig;
  readonly packs: EvidencePackConfig;
  readonly retentionFloorDays: number;
  readonly logger: Logger;
}): EvidencePacks {
  const { dataSource, signer } = deps;
  const store = new EvidencePackStore(dataSource);
  const log = deps.logger.child({ component: 'evidence-packs' });
  const reports = new InspectionReportService(
    dataSource,
    deps.inspections,
    signer,
    { retentionFloorDays: deps.retentionFloorDays },
    deps.report,
    async (enterpriseId: EnterpriseId, inspectionId: string) =>
      (await store.latestDone(enterpriseId, inspectionId))?.sha256 ?? null,
  );
  const unavailable = (): LedgerException | undefined => {
    if (!signer)
      return new LedgerException(
        'chain-key-not-configured',
        'evidence packs are signed with the chain key: set LEDGER_CHAIN_SIGNING_KEY_FILE',
      );
    if (!existsSync(deps.report.font.file))
      return new LedgerException(
        'report-font-missing',
        `the report's CJK font ${deps.report.font.file} is not installed`,
      );
    return undefined;
  };
  const runner = {
    run: (job: EvidencePackEntity, worker: string, signal: AbortSignal) => {
      const refusal = unavailable();
      return refusal || !signer
        ? store
            .fail(job.id, worker, refusal?.message ?? 'no chain key', new Date())
            .then((failed): RunOutcome => (failed ? 'failed' : 'lost'))
        : new EvidencePackRunner(
            dataSource,
            store,
            new EvidencePackBuilder(
              dataSource,
              deps.photoStorage,
              deps.videoArchive,
              signer,
              reports,
              deps.packs.archiveWait,
            ),
            deps.exports.storage,
            deps.exports.config,
            deps.exports.bucketReady,
            log,
          ).run(job, worker, signal);
    },
  };
  const worker = new ExportWorker<EvidencePackEntity>(
    store,
    runner,
    deps.exports.storage,
    deps.exports.config,
    log,
  );
  const service = new EvidencePackService(
    dataSource,
    store,
    deps.inspections,
    deps.exports.storage,
    deps.exports.config,
    worker,
    unavailable,
  );
  return { reports, service, worker };
}
