import { type DataSource, type EnterpriseId } from '@ecogate/persistence';

export interface CameraRetention {
  readonly cameraId: string;
  readonly oldestSegment: string;
  readonly newestSegmentEnd: string;
  readonly segments: number;
  readonly bytes: number;
  /** Gaps longer than the outage tolerance between consecutive segments. */
  readonly gaps: number;
  readonly gapSeconds: number;
}

export interface RetentionReport {
  readonly enterpriseId: string;
  readonly retentionDays: number;
  readonly generatedAt: string;
  readonly cameras: CameraRetention[];
}

interface ReportRow {
  camera_id: string;
  oldest: Date;
  newest: Date;
  segments: string;
  bytes: string;
  gaps: string;
  gap_seconds: number | null;
}

/** Per enterprise and camera: what is archived (oldest, newest, count, bytes) and where it has holes. */
export class RetentionReportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: { readonly retentionDays: number; readonly minGapSeconds: number },
  ) {}

  async report(enterpriseId: EnterpriseId): Promise<RetentionReport> {
    const rows: ReportRow[] = await this.dataSource.query(
      `SELECT "camera_id", min("start_at") AS "oldest", max("end_at") AS "newest",
              count(*) AS "segments", sum("bytes") AS "bytes",
              count(*) FILTER (WHERE "gap" > $2) AS "gaps",
              sum("gap") FILTER (WHERE "gap" > $2) AS "gap_seconds"
         FROM (SELECT "camera_id", "start_at", "end_at", "bytes",
                      extract(epoch FROM "start_at" - lag("end_at") OVER (PARTITION BY "camera_id" ORDER BY "start_at"))::float8 AS "gap"
                 FROM "video_segments" WHERE "enterprise_id" = $1) AS s
        GROUP BY "camera_id" ORDER BY "camera_id"`,
      [enterpriseId, this.settings.minGapSeconds],
    );
    return {
      enterpriseId,
      retentionDays: this.settings.retentionDays,
      generatedAt: new Date().toISOString(),
      cameras: rows.map((row) => ({
        cameraId: row.camera_id,
        oldestSegment: new Date(row.oldest).toISOString(),
        newestSegmentEnd: new Date(row.newest).toISOString(),
        segments: Number(row.segments),
        bytes: Number(row.bytes),
        gaps: Number(row.gaps),
        gapSeconds: Math.round((row.gap_seconds ?? 0) * 1000) / 1000,
      })),
    };
  }
}
