import { createHash } from 'node:crypto';
import { type ObjectRef, type PayloadOf } from '@ecogate/contracts';
import { type LoadingAreaAnomaly } from '@ecogate/domain';
import { buildEnvelope } from '@ecogate/messaging';
import { type EnterpriseId, type EntityManager, OutboxWriter } from '@ecogate/persistence';
import { meter } from '@ecogate/telemetry';
import { passageIdOf } from './gate-history';

export const ANOMALY_TOPIC = 'loading-area.anomaly.detected.v1';

const anomaliesFound = meter('ledger').createCounter('ledger_loading_area_anomalies_total', {
  description: 'Loading-area anomalies stored and published, by kind',
});

/** What a sighting adds to its anomalies' evidence: where it was seen, and the pictures. */
export interface SightingEvidence {
  readonly cameraId: string;
  readonly frame: ObjectRef;
  readonly crop: ObjectRef;
}

/**
 * An anomaly's id: a UUID named by its kind and key (what makes it one anomaly), so judging the same
 * facts again (a redelivered sighting, the next frame of the same truck, a second scan, another
 * replica) finds the row already there, with the first evidence.
 */
export function anomalyIdOf(anomaly: Pick<LoadingAreaAnomaly, 'kind' | 'key'>, enterpriseId: string): string {
  const name = `loading-area-anomaly|${enterpriseId}|${anomaly.kind}|${anomaly.key}`;
  const hash = createHash('sha1').update(name, 'utf8').digest();
  hash.writeUInt8((hash.readUInt8(6) & 0x0f) | 0x50, 6);
  hash.writeUInt8((hash.readUInt8(8) & 0x3f) | 0x80, 8);
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const writer = new OutboxWriter();
const unique = (ids: readonly string[]): string[] => [...new Set(ids)];

/**
 * Stores each anomaly once and, for each one new here, adds its event to the outbox in the same
 * transaction (so an anomaly is published exactly when it is stored). Returns the new ones' ids.
 */
export async function storeAnomalies(
  tx: EntityManager,
  enterpriseId: EnterpriseId,
  anomalies: readonly LoadingAreaAnomaly[],
  sighting?: SightingEvidence,
): Promise<string[]> {
  const stored: string[] = [];
  for (const anomaly of anomalies) {
    const anomalyId = anomalyIdOf(anomaly, enterpriseId);
    const passageIds = unique(anomaly.passageIds.map(passageIdOf));
    const inserted = (await tx.query(
      `INSERT INTO "loading_area_anomalies" ("enterprise_id", "anomaly_id", "kind", "plate", "at", "reason",
              "sighting_id", "camera_id", "frame", "crop", "passage_ids", "refusal_ids", "searched_from")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT ("enterprise_id", "anomaly_id") DO NOTHING
       RETURNING "anomaly_id"`,
      [
        enterpriseId,
        anomalyId,
        anomaly.kind,
        anomaly.plate,
        anomaly.at,
        anomaly.reason,
        anomaly.sightingId ?? null,
        sighting?.cameraId ?? null,
        sighting ? JSON.stringify(sighting.frame) : null,
        sighting ? JSON.stringify(sighting.crop) : null,
        JSON.stringify(passageIds),
        JSON.stringify(anomaly.refusalIds),
        anomaly.searchedFrom ?? null,
      ],
    )) as unknown[];
    if (inserted.length === 0) continue;
    const payload: PayloadOf<typeof ANOMALY_TOPIC> = {
      anomalyId,
      enterpriseId,
      kind: anomaly.kind,
      plate: anomaly.plate,
      at: anomaly.at.toISOString(),
      reason: anomaly.reason.slice(0, 500),
      evidence: {
        ...(anomaly.sightingId ? { sightingId: anomaly.sightingId } : {}),
        ...(sighting ? { cameraId: sighting.cameraId, frame: sighting.frame, crop: sighting.crop } : {}),
        // The contract bounds the lists: the first rows are the ones that matter (latest first).
        passageIds: passageIds.slice(0, 16),
        refusalIds: anomaly.refusalIds.slice(0, 16),
        ...(anomaly.searchedFrom ? { searchedDay: anomaly.searchedFrom } : {}),
      },
    };
    const envelope = buildEnvelope(ANOMALY_TOPIC, {
      enterpriseId,
      key: enterpriseId,
      eventId: anomalyId,
      payload,
    });
    await writer.add(tx, { topic: ANOMALY_TOPIC, key: enterpriseId, payload: envelope });
    anomaliesFound.add(1, { kind: anomaly.kind });
    stored.push(anomalyId);
  }
  return stored;
}
