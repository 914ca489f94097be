import { randomUUID } from 'node:crypto';
import { type Principal } from '@ecogate/auth';
import { type DataSource, type EnterpriseId } from '@ecogate/persistence';
import { type ObjectStorage } from '@ecogate/storage';
import { audit } from '../audit/audit';
import { LedgerException } from '../errors/ledger.exception';
import { queuedFileJob } from '../file-job/file-job.entity';
import { type DownloadLink, fileJobLink } from '../file-job/file-job-link';
import { fileJobProgress, fileJobViewFields } from '../file-job/file-job-view';
import { type ExportConfig } from '../export/export.config';
import { type InspectionService } from '../inspection/inspection.service';
import { EvidencePackEntity } from './evidence-pack.entity';
import { type EvidencePackView } from './evidence-pack.schemas';
import { type EvidencePackStore } from './evidence-pack.store';

export function evidencePackView(pack: EvidencePackEntity, link?: DownloadLink): EvidencePackView {
  return {
    packId: pack.id,
    inspectionId: pack.inspectionId,
    state: pack.state,
    progress: fileJobProgress(pack.state, pack.steps, pack.totalSteps),
    steps: pack.steps,
    totalSteps: pack.totalSteps,
    ...(pack.activity ? { activity: pack.activity } : {}),
    ...(pack.sha256 ? { sha256: pack.sha256 } : {}),
    ...fileJobViewFields(pack, link),
  };
}

/**
 * `…/inspections/:id/evidence-packs`: queues a pack (audited), shows its progress, and hands out a
 * short-lived link to a built one (audited as a download), as the Excel export does.
 */
export class EvidencePackService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: EvidencePackStore,
    private readonly inspections: InspectionService,
    private readonly storage: ObjectStorage,
    private readonly config: Pick<ExportConfig, 'bucket' | 'urlTtlSeconds'>,
    private readonly worker: { wake(): void },
    /** Why packs cannot be built here (no chain key, no font), checked before a job is queued. */
    private readonly unavailable: () => LedgerException | undefined,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async create(
    enterpriseId: EnterpriseId,
    inspectionId: string,
    caller: Principal,
  ): Promise<EvidencePackView> {
    await this.inspections.get(enterpriseId, inspectionId); // 404 for another enterprise's or none
    const refusal = this.unavailable();
    if (refusal) throw refusal;
    const pack = Object.assign(new EvidencePackEntity(), {
      id: randomUUID(),
      enterpriseId,
      inspectionId,
      ...queuedFileJob(caller.subject, this.now()),
      steps: 0,
      totalSteps: null,
      activity: null,
      sha256: null,
    } satisfies EvidencePackEntity);
    await this.dataSource.transaction(async (tx) => {
      await tx.insert(EvidencePackEntity, pack);
      await audit(tx, enterpriseId, {
        actor: caller.subject,
        entityType: 'inspection',
        entityId: inspectionId,
        action: 'evidence-pack-request',
        before: null,
        after: { packId: pack.id },
      });
    });
    this.worker.wake();
    return evidencePackView(pack);
  }

  /** The job; a built pack whose file is still kept gets a fresh link, audited as a download. */
  async get(
    enterpriseId: EnterpriseId,
    inspectionId: string,
    packId: string,
    caller: Principal,
  ): Promise<EvidencePackView> {
    const pack = await this.store.find(enterpriseId, inspectionId, packId);
    if (!pack)
      throw new LedgerException(
        'evidence-pack-not-found',
        `no evidence pack ${packId} of inspection ${inspectionId}`,
      );
    const link = await fileJobLink(pack, this.storage, this.config, this.now());
    if (!link) return evidencePackView(pack);
    await this.dataSource.transaction((tx) =>
      audit(tx, enterpriseId, {
        actor: caller.subject,
        entityType: 'inspection',
        entityId: inspectionId,
        action: 'evidence-pack-download',
        before: null,
        after: { packId, sha256: pack.sha256, linkExpiresAt: link.expiresAt },
      }),
    );
    return evidencePackView(pack, link);
  }
}
