import { buildEnvelope } from '@ecogate/messaging';
import { type DataSource, type EnterpriseId, type EntityManager, OutboxWriter } from '@ecogate/persistence';
import { type Logger } from '@ecogate/telemetry';
import { videoMetrics } from '../metrics/video-metrics';

export const OUTAGE_TOPIC = 'video.outage.unfiled.v1';

export interface OutageDetectorSettings {
  /** A gap between consecutive segments longer than this is an outage (ffmpeg reconnects take ~1 s). */
  readonly minGapSeconds: number;
  /** How far back each scan looks for gaps (bounds the query). */
  readonly lookbackHours: number;
}

export interface DetectedOutage {
  readonly id: string;
  readonly cameraId: string;
  readonly start: Date;
  readonly end: Date;
  readonly filingId: string | null;
}

interface GapRow {
  camera_id: string;
  start_at: Date;
  end_at: Date;
}

const writer = new OutboxWriter();

/**
 * Turns gaps in the segment index into camera outages. Each gap is recorded once (unique per
 * camera and start); one covered by a filing made in advance is recorded with that filing, an
 * unfiled one also goes to the outbox as `video.outage.unfiled.v1` in the same transaction, so
 * the violation is published exactly once however often the scan runs or restarts.
 */
export class OutageDetector {
  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: OutageDetectorSettings,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Records the enterprise's new outages; returns them (already-known gaps are skipped). */
  async scan(enterpriseId: EnterpriseId): Promise<DetectedOutage[]> {
    const since = new Date(this.now().getTime() - this.settings.lookbackHours * 3_600_000);
    const gaps: GapRow[] = await this.dataSource.query(
      `SELECT "camera_id", "prev_end" AS "start_at", "start_at" AS "end_at"
         FROM (SELECT "camera_id", "start_at",
                      lag("end_at") OVER (PARTITION BY "camera_id" ORDER BY "start_at") AS "prev_end"
                 FROM "video_segments"
                WHERE "enterprise_id" = $1 AND "start_at" >= $2) AS s
        WHERE "prev_end" IS NOT NULL
          AND "start_at" - "prev_end" > make_interval(secs => $3)
        ORDER BY "camera_id", "start_at"`,
      [enterpriseId, since, this.settings.minGapSeconds],
    );
    const found: DetectedOutage[] = [];
    for (const gap of gaps) {
      const outage = await this.dataSource.transaction((tx) => this.record(tx, enterpriseId, gap));
      if (outage) found.push(outage);
    }
    return found;
  }

  private async record(
    tx: EntityManager,
    enterpriseId: EnterpriseId,
    gap: GapRow,
  ): Promise<DetectedOutage | null> {
    const start = new Date(gap.start_at);
    const end = new Date(gap.end_at);
    const filings: { id: string }[] = await tx.query(
      `SELECT "id" FROM "outage_filings"
        WHERE "enterprise_id" = $1 AND "camera_id" = $2 AND "from_at" <= $3 AND "to_at" >= $4
          AND "filed_at" <= $3
        ORDER BY "filed_at" LIMIT 1`,
      [enterpriseId, gap.camera_id, start, end],
    );
    const filingId = filings[0]?.id ?? null;
    const inserted: { id: string; detected_at: Date }[] = await tx.query(
      `INSERT INTO "camera_outages" ("enterprise_id", "camera_id", "start_at", "end_at", "filing_id")
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT ("enterprise_id", "camera_id", "start_at") DO NOTHING
       RETURNING "id", "detected_at"`,
      [enterpriseId, gap.camera_id, start, end, filingId],
    );
    const row = inserted[0];
    if (!row) return null;
    const filed = filingId !== null;
    videoMetrics.outages.add(1, { camera: gap.camera_id, filed: String(filed) });
    if (!filed) {
      const payload = {
        outageId: row.id,
        enterpriseId,
        cameraId: gap.camera_id,
        from: start.toISOString(),
        to: end.toISOString(),
        durationSeconds: (end.getTime() - start.getTime()) / 1000,
        detectedAt: new Date(row.detected_at).toISOString(),
      };
      const envelope = buildEnvelope(OUTAGE_TOPIC, {
        enterpriseId,
        key: gap.camera_id,
        payload,
        eventId: row.id,
      });
      await writer.add(tx, { topic: OUTAGE_TOPIC, key: gap.camera_id, payload: envelope });
    }
    this.logger[filed ? 'info' : 'warn'](
      { enterpriseId, camera: gap.camera_id, from: start, to: end, filingId },
      filed ? 'camera outage covered by a filing' : 'unfiled camera outage: violation published',
    );
    return { id: row.id, cameraId: gap.camera_id, start, end, filingId };
  }
}
