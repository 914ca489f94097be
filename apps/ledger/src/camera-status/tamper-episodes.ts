import { randomUUID } from 'node:crypto';
import { type PayloadOf } from '@ecogate/contracts';
import { type EnterpriseId, type EntityManager } from '@ecogate/persistence';
import { type TamperSource } from './camera-tamper-episode.entity';

type CameraStatusChange = PayloadOf<'camera.status.changed.v1'>;

export type TamperEpisodeOutcome = 'opened' | 'closed' | 'unchanged' | 'older' | 'none';

/** The view check sends evidence; a camera's own alarm (`tamper`) sends none. */
const sourceOf = (change: CameraStatusChange): TamperSource =>
  change.tamper ? 'view-check' : 'camera-alarm';

/**
 * Keeps the camera's tamper episodes in step with one status change, in the caller's transaction:
 * `tampered` opens one (another kind or source closes the open one first: camera-ingest publishes a
 * change of kind as a second `tampered`), `recovered` closes the open one. In the camera's own
 * order: a change older than the camera's latest episode start or end changes nothing, so a late
 * `tampered` never reopens what a `recovered` closed. `offline`/`online` leave episodes alone (an
 * offline camera says nothing about its view).
 */
export async function recordTamperEpisode(
  tx: EntityManager,
  enterpriseId: EnterpriseId,
  change: CameraStatusChange,
): Promise<TamperEpisodeOutcome> {
  if (change.status !== 'tampered' && change.status !== 'recovered') return 'none';
  const at = new Date(change.at);
  const episodes: { episodeId: string; kind: string | null; source: string; open: boolean; last: Date }[] =
    await tx.query(
      `SELECT "episode_id" AS "episodeId", "kind", "source", "ended_at" IS NULL AS "open",
              greatest("started_at", coalesce("ended_at", "started_at")) AS "last"
         FROM "camera_tamper_episodes"
        WHERE "enterprise_id" = $1 AND "camera_id" = $2
        ORDER BY "last" DESC, "open" DESC
        LIMIT 1
        FOR UPDATE`,
      [enterpriseId, change.cameraId],
    );
  const latest = episodes[0];
  if (latest && at < latest.last) return 'older';
  const open = latest?.open ? latest : undefined;
  if (change.status === 'recovered') {
    if (!open) return 'unchanged';
    await close(tx, enterpriseId, open.episodeId, at, change.reason, change.tamper?.currentKey ?? null);
    return 'closed';
  }
  const kind = change.tamper?.kind ?? null;
  const source = sourceOf(change);
  // The same tampering again (a repeated alarm, a restart): nothing new.
  if (open && open.kind === kind && open.source === source) return 'unchanged';
  if (open) await close(tx, enterpriseId, open.episodeId, at, 'kind-changed', null);
  await tx.query(
    `INSERT INTO "camera_tamper_episodes" ("enterprise_id", "episode_id", "camera_id", "kind", "source",
        "reason", "started_at", "reference_key", "current_key", "scores")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      enterpriseId,
      randomUUID(),
      change.cameraId,
      kind,
      source,
      change.reason,
      at,
      change.tamper?.referenceKey ?? null,
      change.tamper?.currentKey ?? null,
      change.tamper?.scores ? JSON.stringify(change.tamper.scores) : null,
    ],
  );
  return 'opened';
}

function close(
  tx: EntityManager,
  enterpriseId: EnterpriseId,
  episodeId: string,
  at: Date,
  reason: string,
  restoredKey: string | null,
): Promise<unknown> {
  return tx.query(
    `UPDATE "camera_tamper_episodes" SET "ended_at" = $3, "end_reason" = $4, "restored_key" = $5
      WHERE "enterprise_id" = $1 AND "episode_id" = $2`,
    [enterpriseId, episodeId, at, reason, restoredKey],
  );
}
