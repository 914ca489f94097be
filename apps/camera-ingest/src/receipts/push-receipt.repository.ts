import { type DataSource, type EnterpriseId } from '@ecogate/persistence';

export interface PushReceiptKey {
  readonly enterpriseId: EnterpriseId;
  readonly deviceId: string;
  readonly vendorKey: string;
}

/** How long an unpublished claim protects a capture before a re-push may take it over (a crashed attempt). */
const STALE_CLAIM_SECONDS = 30;

/** The dedupe table of camera pushes. */
export class PushReceiptRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Claims the capture: true for the first push (or when an earlier attempt died before
   * publishing), false for a re-push of a capture that is published or being published.
   */
  async claim(key: PushReceiptKey, eventId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO "push_receipts" ("device_id", "vendor_key", "enterprise_id", "event_id")
       VALUES ($1, $2, $3, $4)
       ON CONFLICT ("device_id", "vendor_key") DO UPDATE SET "claimed_at" = now()
         WHERE "push_receipts"."published_at" IS NULL
           AND "push_receipts"."enterprise_id" = EXCLUDED."enterprise_id"
           AND "push_receipts"."claimed_at" < now() - make_interval(secs => $5)
       RETURNING "event_id"`,
      [key.deviceId, key.vendorKey, key.enterpriseId, eventId, STALE_CLAIM_SECONDS],
    );
    return rows.length === 1;
  }

  async markPublished(key: PushReceiptKey): Promise<void> {
    await this.dataSource.query(
      `UPDATE "push_receipts" SET "published_at" = now()
       WHERE "device_id" = $1 AND "vendor_key" = $2 AND "enterprise_id" = $3`,
      [key.deviceId, key.vendorKey, key.enterpriseId],
    );
  }

  /** Gives the capture back after a failed attempt, so the camera's retry is processed. */
  async release(key: PushReceiptKey): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM "push_receipts"
       WHERE "device_id" = $1 AND "vendor_key" = $2 AND "enterprise_id" = $3 AND "published_at" IS NULL`,
      [key.deviceId, key.vendorKey, key.enterpriseId],
    );
  }

  async count(enterpriseId: EnterpriseId): Promise<number> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS n FROM "push_receipts" WHERE "enterprise_id" = $1`,
      [enterpriseId],
    )) as { n: number }[];
    return row?.n ?? 0;
  }
}
