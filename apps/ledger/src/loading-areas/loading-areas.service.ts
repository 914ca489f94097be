import { type EventEnvelope, LOADING_AREA_ANOMALY_KINDS } from '@ecogate/contracts';
import { judgeSighting, lookbackStart } from '@ecogate/domain';
import { type EventContext } from '@ecogate/messaging';
import {
  type DataSource,
  type EnterpriseId,
  parseEnterpriseId,
  TenantRepository,
} from '@ecogate/persistence';
import { z } from 'zod';
import { newestInPeriod } from '../api/newest-in-period';
import { clipOf } from './anomaly-clip';
import { storeAnomalies } from './anomaly-store';
import { GateHistory } from './gate-history';
import { LoadingAreaAnomalyEntity } from './loading-area-anomaly.entity';
import { LoadingAreaSightingEntity } from './loading-area-sighting.entity';

const instant = z.iso.datetime({ offset: true }).transform((value) => new Date(value));
const period = { from: instant, to: instant, limit: z.coerce.number().int().min(1).max(1000).default(200) };
const ordered = (q: { from: Date; to: Date }): boolean => q.from < q.to;

/** `GET loading-area-anomalies?from&to[&kind]`: newest first, at most `limit`. */
export const anomaliesQuery = z
  .strictObject({ ...period, kind: z.enum(LOADING_AREA_ANOMALY_KINDS).optional() })
  .refine(ordered, 'from must be before to');
export type AnomaliesQuery = z.infer<typeof anomaliesQuery>;

/** `GET loading-area-sightings?from&to[&plate]`: newest first, at most `limit`. */
export const sightingsQuery = z
  .strictObject({ ...period, plate: z.string().trim().min(1).max(16).optional() })
  .refine(ordered, 'from must be before to');
export type SightingsQuery = z.infer<typeof sightingsQuery>;

export type RecordSightingOutcome =
  | { readonly kind: 'duplicate-event' | 'already-recorded' }
  | { readonly kind: 'recorded'; readonly anomalyIds: readonly string[] };

/**
 * Loading-area sightings and the anomalies judged from them. A sighting is stored once (the event
 * claim, then the primary key) and judged in the same transaction against the gate rows and
 * refusals since the start of the previous Beijing day (docs/loading-areas.md); only a `trusted`
 * read is judged: a doubtful plate must not accuse a vehicle.
 */
export class LoadingAreasService {
  constructor(private readonly dataSource: DataSource) {}

  recordSighting(
    event: EventEnvelope<'loading-area.vehicle.seen.v1'>,
    context: EventContext,
  ): Promise<RecordSightingOutcome> {
    const seen = event.payload;
    const enterpriseId = parseEnterpriseId(seen.area.enterpriseId);
    const at = new Date(seen.at);
    return this.dataSource.transaction(async (tx) => {
      if (!(await context.claim(tx))) return { kind: 'duplicate-event' };
      const inserted = (await tx.query(
        `INSERT INTO "loading_area_sightings" ("enterprise_id", "sighting_id", "capture_id", "camera_id", "site_id",
                "plate", "plate_colour", "confidence", "verdict", "at", "frame", "crop", "crop_box")
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
         ON CONFLICT ("enterprise_id", "sighting_id") DO NOTHING
         RETURNING "sighting_id"`,
        [
          enterpriseId,
          seen.sightingId,
          seen.captureId,
          seen.cameraId,
          seen.area.siteId,
          seen.plate.text,
          seen.plate.colour,
          seen.plate.confidence,
          seen.verdict,
          at,
          JSON.stringify(seen.frame),
          JSON.stringify(seen.crop),
          JSON.stringify(seen.cropBox),
        ],
      )) as unknown[];
      if (inserted.length === 0) return { kind: 'already-recorded' };
      if (seen.verdict !== 'trusted') return { kind: 'recorded', anomalyIds: [] };
      const history = new GateHistory(tx);
      const from = lookbackStart(at);
      const plate = seen.plate.text;
      const alert = await history.alertAt(enterpriseId, plate, at);
      const anomalies = judgeSighting({
        sighting: { id: seen.sightingId, plate, at },
        gateEvents: await history.gateEvents(enterpriseId, plate, from, at),
        refusals: await history.refusals(enterpriseId, plate, from, at),
        ...(alert ? { alert } : {}),
      });
      const anomalyIds = await storeAnomalies(tx, enterpriseId, anomalies, {
        cameraId: seen.cameraId,
        frame: seen.frame,
        crop: seen.crop,
      });
      return { kind: 'recorded', anomalyIds };
    });
  }

  anomalies(enterpriseId: EnterpriseId, query: AnomaliesQuery) {
    const qb = TenantRepository.of(this.dataSource, LoadingAreaAnomalyEntity).scopedQueryBuilder(
      enterpriseId,
      'a',
    );
    if (query.kind) qb.andWhere('a.kind = :kind', { kind: query.kind });
    // More anomalies than `limit` in the period: `truncated`, narrow it.
    return newestInPeriod(qb, { at: 'at', id: 'anomalyId' }, query, (a) => ({
      anomalyId: a.anomalyId,
      kind: a.kind,
      plate: a.plate,
      at: a.at,
      reason: a.reason,
      detectedAt: a.detectedAt,
      evidence: {
        sightingId: a.sightingId,
        cameraId: a.cameraId,
        frame: a.frame,
        crop: a.crop,
        passageIds: a.passageIds,
        refusalIds: a.refusalIds,
        searchedFrom: a.searchedFrom,
        clip: clipOf(a.cameraId, a.at),
      },
    }));
  }

  sightings(enterpriseId: EnterpriseId, query: SightingsQuery) {
    const qb = TenantRepository.of(this.dataSource, LoadingAreaSightingEntity).scopedQueryBuilder(
      enterpriseId,
      's',
    );
    if (query.plate) qb.andWhere('s.plate = :plate', { plate: query.plate });
    return newestInPeriod(qb, { at: 'at', id: 'sightingId' }, query, (s) => ({
      sightingId: s.sightingId,
      cameraId: s.cameraId,
      siteId: s.siteId,
      plate: s.plate,
      plateColour: s.plateColour,
      confidence: s.confidence,
      verdict: s.verdict,
      at: s.at,
      frame: s.frame,
      crop: s.crop,
      cropBox: s.cropBox,
    }));
  }
}
