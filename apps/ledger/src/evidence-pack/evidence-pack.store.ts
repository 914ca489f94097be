import { type DataSource, type EnterpriseId, TenantRepository } from '@ecogate/persistence';
import { FileJobTable } from '../file-job/file-job.table';
import { EvidencePackEntity } from './evidence-pack.entity';

/**
 * The `evidence_packs` table: a `FileJobTable` (the export worker's queue and what a run writes:
 * progress in `steps` with the run's `activity`, the file's `sha256`) and what the routes read.
 */
export class EvidencePackStore extends FileJobTable<EvidencePackEntity, 'activity', 'sha256'> {
  constructor(dataSource: DataSource) {
    super(dataSource, EvidencePackEntity, {
      table: 'evidence_packs',
      done: 'steps',
      total: 'total_steps',
      notes: ['activity'],
      facts: ['sha256'],
    });
  }

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
}
