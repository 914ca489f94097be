import { type DataSource, type EnterpriseId } from '@ecogate/persistence';
import { z } from 'zod';
import { ArchiveException } from '../http/archive.exception';
import { windowSchema } from '../http/request-parsing';

/** Longest period one call reads: an inspection covers days to a few months. */
const MAX_PERIOD_DAYS = 400;

/** `GET …/outages?from&to`. */
export const outagesQuery = windowSchema;

export interface OutageReportRow {
  readonly cameraId: string;
  /** The outage itself (it may start before or end after the period). */
  readonly from: string;
  readonly to: string;
  /** Seconds of the outage inside the period asked for. */
  readonly seconds: number;
  /** Covered by a filing (备案) made before it started, as the outage detector recorded it. */
  readonly filed: boolean;
  readonly filingId: string | null;
}

/**
 * The enterprise's camera outages overlapping a period, each filed or not. "Filed" is the outage
 * detector's rule, fixed when it recorded the outage: one filing, made before the outage started,
 * covers all of it. An outage a filing covers only partly (or one filed after it began) is unfiled,
 * all of its seconds: a filing is a promise made in advance for a window, not a partial excuse.
 */
export class OutageReportService {
  constructor(private readonly dataSource: DataSource) {}

  async outages(enterpriseId: EnterpriseId, query: unknown): Promise<OutageReportRow[]> {
    const parsed = outagesQuery.safeParse(query);
    if (!parsed.success) throw new ArchiveException('invalid-request', z.prettifyError(parsed.error));
    const from = new Date(parsed.data.from);
    const to = new Date(parsed.data.to);
    if (to.getTime() - from.getTime() > MAX_PERIOD_DAYS * 86_400_000)
      throw new ArchiveException('invalid-request', `a period of at most ${MAX_PERIOD_DAYS} days`);
    const rows: { camera_id: string; start_at: Date; end_at: Date; filing_id: string | null }[] =
      await this.dataSource.query(
        `SELECT "camera_id", "start_at", "end_at", "filing_id" FROM "camera_outages"
          WHERE "enterprise_id" = $1 AND "start_at" < $3 AND "end_at" > $2
          ORDER BY "start_at", "camera_id"`,
        [enterpriseId, from, to],
      );
    return rows.map((row) => {
      const start = new Date(row.start_at);
      const end = new Date(row.end_at);
      const inside = Math.min(end.getTime(), to.getTime()) - Math.max(start.getTime(), from.getTime());
      return {
        cameraId: row.camera_id,
        from: start.toISOString(),
        to: end.toISOString(),
        seconds: inside / 1000,
        filed: row.filing_id !== null,
        filingId: row.filing_id,
      };
    });
  }
}
