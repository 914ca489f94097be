import { type DataSource, type EnterpriseId } from '@ecogate/persistence';

export interface PushReceiptKey {
  readonly enterpriseId: EnterpriseId;
  readonly deviceId: string;
  readonly vendorKey: string;
}

/** How long an unpublished claim protects a capture before a re-push may take it over (a crashed attempt). */
export const STALE_CLAIM_SECONDS = 30;

/**
 * What a claim found: the capture is ours to store, already stored and published, or another
 * attempt holds it (`leaseLeftMs` until a re-push may take it over).
 */
export type PushClaim =
  | { readonly kind: 'claimed' }
  | { readonly kind: 'published' }
  | { readonly kind: 'in-flight'; readonly leaseLeftMs: number };

/** The receipts as the ingest service uses them (a fake stands in for it in unit tests). */
export type PushReceipts = Pick<PushReceiptRepository, 'claim' | 'markPublished' | 'release'>;

/** The dedupe table of camera pushes. */
export class PushReceiptRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Claims the capture for the first push (or when an earlier attempt died before publishing and
   * its lease ran out); otherwise says whether the capture is published or still being processed.
   */
  async claim(key: PushReceiptKey, eventId: string): Promise<PushClaim> {
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
    if (rows.length === 1) return { kind: 'claimed' };
    const [row] = (await this.dataSource.query(
      `SELECT "published_at" IS NOT NULL AS "published",
              GREATEST(0, ceil(extract(epoch FROM "claimed_at" + make_interval(secs => $4) - now()) * 1000))::int
                AS "lease_left_ms"
       FROM "push_receipts"
       WHERE "device_id" = $1 AND "vendor_key" = $2 AND "enterprise_id" = $3`,
      [key.deviceId, key.vendorKey, key.enterpriseId, STALE_CLAIM_SECONDS],
    )) as { published: boolean; lease_left_ms: number }[];
    if (row?.published) return { kind: 'published' };
    // No row: released between the two statements (the caller claims again after a pause).
    return { kind: 'in-flight', leaseLeftMs: row?.lease_left_ms ?? 0 };
  }

  async markPublished(key: PushReceiptKey): Promise<void> {
    await this.dataSource.query(
      `UPDATE "push_receipts" SET "published_at" = now()
       WHERE "device_id" = $1 AND "vendor_key" = $2 AND "enterprise_id" = $3`,
      [key.deviceId, key.vendorKey, key.enterpriseId],
    );
  }

  /** Gives the capture back after a failed attempt, so a waiting or later re-push is processed. */
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
