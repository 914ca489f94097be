import { randomUUID } from 'node:crypto';
import { coversEnterprise, type Principal } from '@ecogate/auth';
import {
  type DataSource,
  type EnterpriseId,
  type EntityManager,
  parseEnterpriseId,
} from '@ecogate/persistence';
import { type ObjectStorage } from '@ecogate/storage';
import { audit } from '../audit/audit';
import { queuedFileJob } from '../file-job/file-job.entity';
import { type DownloadLink, fileJobLink } from '../file-job/file-job-link';
import { fileJobProgress, fileJobViewFields } from '../file-job/file-job-view';
import { type ExportConfig } from './export.config';
import { ExportException } from './export.exception';
import {
  type ExportFilters,
  ExportJobEntity,
  type ExportLedger,
  SEVERAL_ENTERPRISES,
} from './export-job.entity';
import { type ExportJobStore } from './export-job.store';
import {
  type CreateCityExport,
  type CreateExport,
  type ExportJobList,
  type ExportJobView,
} from './export.schemas';

/** The filters as stored: instants as ISO strings, nothing undefined. */
function storedFilters(body: CreateExport | CreateCityExport): ExportFilters {
  const { from, to, plate, stage, gateId, minCompleteness, maxCompleteness } = body;
  return {
    ...(from ? { from: from.toISOString() } : {}),
    ...(to ? { to: to.toISOString() } : {}),
    ...(plate !== undefined ? { plate } : {}),
    ...(stage !== undefined ? { stage } : {}),
    ...(gateId !== undefined ? { gateId } : {}),
    ...(minCompleteness !== undefined ? { minCompleteness } : {}),
    ...(maxCompleteness !== undefined ? { maxCompleteness } : {}),
  };
}

/** A job as the API shows it; `link` only where a download link was issued. */
export function exportJobView(job: ExportJobEntity, link?: DownloadLink): ExportJobView {
  return {
    jobId: job.id,
    ledger: job.ledger,
    enterpriseIds: [...job.enterpriseIds],
    filters: { ...job.filters },
    state: job.state,
    rows: job.rows,
    totalRows: job.totalRows,
    progress: fileJobProgress(job.state, job.rows, job.totalRows),
    ...fileJobViewFields(job, link),
  };
}

/**
 * The export API: queues jobs (audited as the caller, one row per enterprise), shows them, and
 * hands out a short-lived link to a finished file (audited as a download). The work is the
 * worker's (`ExportWorker`), in this instance or another.
 */
export class ExportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: ExportJobStore,
    private readonly storage: ObjectStorage,
    private readonly config: Pick<ExportConfig, 'bucket' | 'urlTtlSeconds'>,
    private readonly worker: { wake(): void },
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** `POST /api/v1/enterprises/:enterpriseId/exports` (the policy checked role and enterprise). */
  create(enterpriseId: EnterpriseId, body: CreateExport, caller: Principal): Promise<ExportJobView> {
    return this.queue(enterpriseId, [enterpriseId], body.ledger, storedFilters(body), caller);
  }

  /**
   * `POST /api/v1/exports`: the policy admits the city roles; each enterprise must be one the
   * caller's token lists (an inspector's districts), else 404 as for a path.
   */
  createForEnterprises(body: CreateCityExport, caller: Principal): Promise<ExportJobView> {
    const outside = body.enterpriseIds.find((id) => !coversEnterprise(caller, id));
    if (outside !== undefined) throw new ExportException('enterprise-not-found', `no enterprise ${outside}`);
    const ids = body.enterpriseIds.map((id) => parseEnterpriseId(id));
    return this.queue(SEVERAL_ENTERPRISES, ids, body.ledger, storedFilters(body), caller);
  }

  async get(enterpriseId: EnterpriseId, jobId: string, caller: Principal): Promise<ExportJobView> {
    const job = await this.store.findForEnterprise(enterpriseId, jobId);
    if (!job) throw new ExportException('export-not-found', `no export ${jobId}`);
    return this.withLink(job, caller);
  }

  async list(enterpriseId: EnterpriseId, limit: number): Promise<ExportJobList> {
    return {
      items: (await this.store.listForEnterprise(enterpriseId, limit)).map((job) => exportJobView(job)),
    };
  }

  /** `GET /api/v1/exports/:jobId`: any job all of whose enterprises the caller covers. */
  async getCovered(jobId: string, caller: Principal): Promise<ExportJobView> {
    const job = await this.store.findCovered(jobId, caller.enterprises);
    if (!job) throw new ExportException('export-not-found', `no export ${jobId}`);
    return this.withLink(job, caller);
  }

  async listCovered(caller: Principal, limit: number): Promise<ExportJobList> {
    return {
      items: (await this.store.listCovered(caller.enterprises, limit)).map((job) => exportJobView(job)),
    };
  }

  private async queue(
    enterpriseId: string,
    enterpriseIds: readonly EnterpriseId[],
    ledger: ExportLedger,
    filters: ExportFilters,
    caller: Principal,
  ): Promise<ExportJobView> {
    const job = Object.assign(new ExportJobEntity(), {
      id: randomUUID(),
      enterpriseId,
      enterpriseIds: [...enterpriseIds],
      ledger,
      filters,
      ...queuedFileJob(caller.subject, this.now()),
      rows: 0,
      totalRows: null,
    } satisfies ExportJobEntity);
    await this.dataSource.transaction(async (tx) => {
      await this.store.insert(tx, job);
      await this.auditEach(tx, job, caller, 'request', { ledger, filters, enterpriseIds });
    });
    this.worker.wake();
    return exportJobView(job);
  }

  /** A done job with its file still kept gets a fresh link; handing it out is audited as a download. */
  private async withLink(job: ExportJobEntity, caller: Principal): Promise<ExportJobView> {
    const link = await fileJobLink(job, this.storage, this.config, this.now());
    if (!link) return exportJobView(job);
    await this.dataSource.transaction((tx) =>
      this.auditEach(tx, job, caller, 'download', {
        fileName: job.fileName,
        rows: job.rows,
        linkExpiresAt: link.expiresAt,
      }),
    );
    return exportJobView(job, link);
  }

  /** One audit row per enterprise exported: each enterprise's trail shows who took its data. */
  private async auditEach(
    tx: EntityManager,
    job: ExportJobEntity,
    caller: Principal,
    action: 'request' | 'download',
    after: object,
  ): Promise<void> {
    for (const enterpriseId of job.enterpriseIds) {
      await audit(tx, parseEnterpriseId(enterpriseId), {
        actor: caller.subject,
        entityType: 'export',
        entityId: job.id,
        action,
        before: null,
        after: { ...after, ...(job.enterpriseIds.length > 1 ? { cityExport: true } : {}) },
      });
    }
  }
}
