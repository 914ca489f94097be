import { idSchema } from '@ecogate/contracts';
import { type DataSource, type EnterpriseId, TenantRepository } from '@ecogate/persistence';
import { z } from 'zod';
import { ArchiveException } from '../http/archive.exception';
import { parseRequest, windowSchema } from '../http/request-parsing';
import { OutageFilingEntity } from './outage-filing.entity';

export const outageFilingRequest = z.intersection(
  windowSchema,
  z.object({ cameraId: idSchema, reason: z.string().trim().min(1).max(500) }),
);

export interface OutageFilingRules {
  /** Longest window one filing may cover. */
  readonly maxFilingHours: number;
}

export interface OutageFilingView {
  readonly id: string;
  readonly cameraId: string;
  readonly from: string;
  readonly to: string;
  readonly reason: string;
  readonly filedBy: string;
  readonly filedAt: string;
}

/**
 * Outages filed (备案) with the bureau: planned power-offs, maintenance. A filing must be made
 * before the outage starts and cover a bounded window; a recording gap inside it is no violation.
 */
export class OutageFilingService {
  private readonly filings: TenantRepository<OutageFilingEntity>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly rules: OutageFilingRules,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.filings = TenantRepository.of(dataSource, OutageFilingEntity);
  }

  async file(enterpriseId: EnterpriseId, body: unknown, filedBy: string): Promise<OutageFilingView> {
    const request = parseRequest(outageFilingRequest, body);
    const from = new Date(request.from);
    const to = new Date(request.to);
    const now = this.now();
    if (from.getTime() <= now.getTime()) {
      throw new ArchiveException(
        'filing-not-in-advance',
        `an outage must be filed before it starts (from ${request.from} is not after ${now.toISOString()})`,
      );
    }
    if (to.getTime() - from.getTime() > this.rules.maxFilingHours * 3_600_000) {
      throw new ArchiveException(
        'filing-too-long',
        `a filing covers at most ${this.rules.maxFilingHours} hours`,
      );
    }
    const rows: { id: string; filedAt: Date }[] = await this.dataSource.query(
      `INSERT INTO "outage_filings" ("enterprise_id", "camera_id", "from_at", "to_at", "reason", "filed_by")
       VALUES ($1, $2, $3, $4, $5, $6)
       RETURNING "id", "filed_at" AS "filedAt"`,
      [enterpriseId, request.cameraId, from, to, request.reason, filedBy],
    );
    const row = rows[0];
    if (!row) throw new Error('INSERT INTO outage_filings returned no row');
    return {
      id: row.id,
      cameraId: request.cameraId,
      from: from.toISOString(),
      to: to.toISOString(),
      reason: request.reason,
      filedBy,
      filedAt: new Date(row.filedAt).toISOString(),
    };
  }

  async list(enterpriseId: EnterpriseId): Promise<OutageFilingView[]> {
    const rows = await this.filings.find(enterpriseId, { order: { fromAt: 'ASC' }, take: 1_000 });
    return rows.map((row) => ({
      id: row.id,
      cameraId: row.cameraId,
      from: row.fromAt.toISOString(),
      to: row.toAt.toISOString(),
      reason: row.reason,
      filedBy: row.filedBy,
      filedAt: row.filedAt.toISOString(),
    }));
  }
}
