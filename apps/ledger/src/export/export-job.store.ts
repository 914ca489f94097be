import {
  type DataSource,
  type EnterpriseId,
  type EntityManager,
  TenantRepository,
} from '@ecogate/persistence';
import { FileJobTable } from '../file-job/file-job.table';
import { ExportJobEntity } from './export-job.entity';

/**
 * The `export_jobs` table: a `FileJobTable` (the worker's claim, progress in `rows`, finish…)
 * and what the routes read. The enterprise routes read through `TenantRepository` (a city job's
 * `enterprise_id` is `*`, which no enterprise id equals); the city routes read jobs whose
 * enterprises the caller covers (`enterprise_ids <@ …`).
 */
export class ExportJobStore extends FileJobTable<ExportJobEntity> {
  constructor(dataSource: DataSource) {
    super(dataSource, ExportJobEntity, { table: 'export_jobs', done: 'rows', total: 'total_rows' });
  }

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
}
