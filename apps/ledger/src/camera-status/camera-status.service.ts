import { type EventEnvelope } from '@ecogate/contracts';
import { type EventContext } from '@ecogate/messaging';
import { type DataSource, parseEnterpriseId } from '@ecogate/persistence';
import { type Logger } from '@ecogate/telemetry';
import { recordTamperEpisode } from './tamper-episodes';

export const CAMERA_STATUS_TOPIC = 'camera.status.changed.v1';

export type RecordCameraStatusOutcome = 'duplicate-event' | 'not-same-enterprise' | 'recorded' | 'older';

/**
 * Keeps each camera's latest status. Events may come late or twice: the event claim drops a
 * redelivery, and a change older than the one kept changes nothing (the camera's own order).
 * In the same transaction, `tampered` / `recovered` open and close the camera's tamper episodes
 * (`tamper-episodes.ts`, ordered by the episodes themselves: an offline in between does not hide one).
 */
export class CameraStatusService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly log: Logger,
  ) {}

  record(
    event: EventEnvelope<typeof CAMERA_STATUS_TOPIC>,
    context: EventContext,
  ): Promise<RecordCameraStatusOutcome> {
    const change = event.payload;
    return this.dataSource.transaction(async (tx) => {
      if (!(await context.claim(tx))) return 'duplicate-event';
      // The envelope's tenant must be the payload's: never file one enterprise's camera under another.
      if (event.enterpriseId !== change.enterpriseId) {
        this.log.warn({ eventId: event.eventId }, 'camera status names two enterprises; not recorded');
        return 'not-same-enterprise';
      }
      const enterpriseId = parseEnterpriseId(change.enterpriseId);
      const written: unknown[] = await tx.query(
        `INSERT INTO "camera_statuses" ("enterprise_id", "camera_id", "status", "reason", "changed_at",
            "tamper_kind", "tamper_reference_key", "tamper_current_key", "tamper_scores")
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT ("enterprise_id", "camera_id") DO UPDATE
           SET "status" = EXCLUDED."status", "reason" = EXCLUDED."reason",
               "changed_at" = EXCLUDED."changed_at", "received_at" = now(),
               "tamper_kind" = EXCLUDED."tamper_kind", "tamper_reference_key" = EXCLUDED."tamper_reference_key",
               "tamper_current_key" = EXCLUDED."tamper_current_key", "tamper_scores" = EXCLUDED."tamper_scores"
         WHERE "camera_statuses"."changed_at" <= EXCLUDED."changed_at"
         RETURNING 1`,
        [
          enterpriseId,
          change.cameraId,
          change.status,
          change.reason,
          new Date(change.at),
          // A change without evidence (offline, a camera's own alarm) clears the last one's.
          change.tamper?.kind ?? null,
          change.tamper?.referenceKey ?? null,
          change.tamper?.currentKey ?? null,
          change.tamper?.scores ? JSON.stringify(change.tamper.scores) : null,
        ],
      );
      await recordTamperEpisode(tx, enterpriseId, change);
      return written.length > 0 ? 'recorded' : 'older';
    });
  }
}
