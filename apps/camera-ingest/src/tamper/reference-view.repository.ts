import { type ObjectRef } from '@ecogate/contracts';
import { type TamperKind, type ViewSignature } from '@ecogate/camera-tamper';
import { type DataSource, type EnterpriseId } from '@ecogate/persistence';
import { randomUUID } from 'node:crypto';
import { queryReachableDevices, type ReachableDevice } from '../supervision/reachable-devices';
import { IngestException } from '../push/ingest.exception';

/** Cameras whose view is worth checking (barriers and displays have none). */
export const VIEW_CAMERA_KINDS = ['anpr-camera', 'overview-camera', 'loading-area-camera'] as const;

/** One take of a camera's reference view, as stored. */
export interface ReferenceView {
  readonly id: string;
  readonly cameraId: string;
  readonly image: ObjectRef;
  readonly signature: ViewSignature;
  readonly takenBy: string;
  readonly takenByRole: string;
  readonly reason: string;
  readonly takenAt: Date;
  /** When a re-take replaced it; null for the current view. */
  readonly replacedAt: Date | null;
}

export type NewReferenceView = Omit<ReferenceView, 'id' | 'replacedAt'> & {
  readonly enterpriseId: EnterpriseId;
};

/** A camera with a management address the view check can take snapshots from (ONVIF or Hikvision ISAPI). */
export type CheckableCamera = ReachableDevice;

/** Vendors whose snapshots camera-ingest can take: ONVIF, and Hikvision's own ISAPI (`isapi-snapshot.ts`). */
export const SNAPSHOT_VENDORS = ['onvif', 'hikvision'] as const;

const CAMERA_KINDS_SQL = VIEW_CAMERA_KINDS.map((kind) => `'${kind}'`).join(', ');
const SNAPSHOT_CAPABLE = `AND d."vendor" IN (${SNAPSHOT_VENDORS.map((v) => `'${v}'`).join(', ')}) AND d."kind" IN (${CAMERA_KINDS_SQL})`;

/** Reference views and the view check's reported state (parameterised SQL only, tenant-scoped but `listCheckable`). */
export class ReferenceViewRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A camera of the enterprise the view check can reach (any enabled state), or null. */
  async findCamera(enterpriseId: EnterpriseId, cameraId: string): Promise<CheckableCamera | null> {
    const [camera] = await queryReachableDevices(this.dataSource, {
      where: `${SNAPSHOT_CAPABLE} AND d."enterprise_id" = $1 AND d."id" = $2`,
      parameters: [enterpriseId, cameraId],
    });
    return camera ?? null;
  }

  /** Whether the enterprise has a device of a camera kind with that id (to tell 404 from 409). */
  async cameraExists(enterpriseId: EnterpriseId, cameraId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM "devices" d WHERE d."enterprise_id" = $1 AND d."id" = $2 AND d."kind" IN (${CAMERA_KINDS_SQL})`,
      [enterpriseId, cameraId],
    );
    return rows.length > 0;
  }

  /**
   * Every enterprise's enabled, reachable camera with a current reference view: the view check's
   * cross-tenant read (a system process; each camera keeps its enterprise id).
   */
  listCheckable(): Promise<CheckableCamera[]> {
    return queryReachableDevices(this.dataSource, {
      where: `${SNAPSHOT_CAPABLE} AND d."enabled" AND EXISTS (
        SELECT 1 FROM "camera_reference_views" v
         WHERE v."enterprise_id" = d."enterprise_id" AND v."camera_id" = d."id" AND v."replaced_at" IS NULL)`,
    });
  }

  async current(enterpriseId: EnterpriseId, cameraId: string): Promise<ReferenceView | null> {
    const [row] = await this.select(enterpriseId, cameraId, `AND "replaced_at" IS NULL`);
    return row ?? null;
  }

  /** Every take, newest first. */
  history(enterpriseId: EnterpriseId, cameraId: string): Promise<ReferenceView[]> {
    return this.select(enterpriseId, cameraId, '');
  }

  /**
   * Stores a new take and marks the current one replaced, together; answers both. With
   * `firstOnly`, a camera that already has a view keeps it (`retake-needs-city`, nothing stored).
   */
  async replace(
    view: NewReferenceView,
    options: { readonly firstOnly: boolean },
  ): Promise<{ previous: ReferenceView | null; current: ReferenceView }> {
    return this.dataSource.transaction(async (tx) => {
      // Locked: of two takes at once, the second waits (and the unique index keeps one current view).
      const [previous] = (await tx.query(
        `SELECT * FROM "camera_reference_views"
          WHERE "enterprise_id" = $1 AND "camera_id" = $2 AND "replaced_at" IS NULL
          FOR UPDATE`,
        [view.enterpriseId, view.cameraId],
      )) as Row[];
      if (previous && options.firstOnly) throw retakeNeedsCity(view.cameraId);
      if (previous) {
        await tx.query(`UPDATE "camera_reference_views" SET "replaced_at" = $2 WHERE "id" = $1`, [
          previous.id,
          view.takenAt,
        ]);
      }
      const [inserted] = (await tx.query(
        `INSERT INTO "camera_reference_views" ("id", "enterprise_id", "camera_id", "image_bucket", "image_key",
            "image_sha256", "image_bytes", "signature", "taken_by", "taken_by_role", "reason", "taken_at")
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         RETURNING *`,
        [
          randomUUID(),
          view.enterpriseId,
          view.cameraId,
          view.image.bucket,
          view.image.key,
          view.image.sha256,
          view.image.bytes,
          JSON.stringify(view.signature),
          view.takenBy,
          view.takenByRole,
          view.reason,
          view.takenAt,
        ],
      )) as Row[];
      return {
        previous: previous ? { ...toView(previous), replacedAt: view.takenAt } : null,
        current: toView(inserted as Row),
      };
    });
  }

  /** What the view check last published for the camera; null when nothing is reported (as commissioned). */
  async reportedKind(enterpriseId: EnterpriseId, cameraId: string): Promise<TamperKind | null> {
    const [row] = (await this.dataSource.query(
      `SELECT "tamper_kind" FROM "camera_view_states" WHERE "enterprise_id" = $1 AND "camera_id" = $2`,
      [enterpriseId, cameraId],
    )) as { tamper_kind: TamperKind | null }[];
    return row?.tamper_kind ?? null;
  }

  async saveReportedKind(
    enterpriseId: EnterpriseId,
    cameraId: string,
    kind: TamperKind | null,
    at: Date,
  ): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO "camera_view_states" ("enterprise_id", "camera_id", "tamper_kind", "changed_at")
       VALUES ($1, $2, $3, $4)
       ON CONFLICT ("enterprise_id", "camera_id") DO UPDATE
         SET "tamper_kind" = EXCLUDED."tamper_kind", "changed_at" = EXCLUDED."changed_at"`,
      [enterpriseId, cameraId, kind, at],
    );
  }

  private async select(enterpriseId: EnterpriseId, cameraId: string, and: string): Promise<ReferenceView[]> {
    const rows = (await this.dataSource.query(
      `SELECT * FROM "camera_reference_views"
        WHERE "enterprise_id" = $1 AND "camera_id" = $2 ${and}
        ORDER BY "taken_at" DESC, "id"`,
      [enterpriseId, cameraId],
    )) as Row[];
    return rows.map(toView);
  }
}

interface Row {
  id: string;
  camera_id: string;
  image_bucket: string;
  image_key: string;
  image_sha256: string;
  image_bytes: number;
  signature: ViewSignature;
  taken_by: string;
  taken_by_role: string;
  reason: string;
  taken_at: Date;
  replaced_at: Date | null;
}

const toView = (row: Row): ReferenceView => ({
  id: row.id,
  cameraId: row.camera_id,
  image: {
    bucket: row.image_bucket,
    key: row.image_key,
    sha256: row.image_sha256,
    contentType: 'image/jpeg',
    bytes: row.image_bytes,
  },
  signature: row.signature,
  takenBy: row.taken_by,
  takenByRole: row.taken_by_role,
  reason: row.reason,
  takenAt: row.taken_at,
  replacedAt: row.replaced_at,
});

export function retakeNeedsCity(cameraId: string): IngestException {
  return new IngestException(
    'retake-needs-city',
    `camera ${cameraId} already has a reference view: only the city (city-operator) re-takes it`,
  );
}
