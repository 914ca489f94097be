import { type EventEnvelope } from '@ecogate/contracts';
import { type EventContext } from '@ecogate/messaging';
import {
  type DataSource,
  type EnterpriseId,
  parseEnterpriseId,
  TenantRepository,
} from '@ecogate/persistence';
import { z } from 'zod';
import { newestInPeriod } from '../api/newest-in-period';
import { GateViolationEntity } from './gate-violation.entity';

const instant = z.iso.datetime({ offset: true }).transform((value) => new Date(value));

/** `GET violations?from&to`: newest first, at most `limit`. */
export const violationsQuery = z
  .strictObject({
    from: instant,
    to: instant,
    kind: z
      .string()
      .regex(/^[a-z-]{1,40}$/)
      .optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(200),
  })
  .refine((q) => q.from < q.to, 'from must be before to');
export type ViolationsQuery = z.infer<typeof violationsQuery>;

export type RecordViolationOutcome = 'duplicate-event' | 'already-recorded' | 'recorded';

/**
 * Barrier control's violations (tailgating, cutting in, reversing, U-turns, a barrier opened without a decision), kept
 * for the inspection indicators. The enterprise is the lane's; a violation id is stored once,
 * whatever the redeliveries (the event claim, then the primary key).
 */
export class ViolationsService {
  constructor(private readonly dataSource: DataSource) {}

  record(
    event: EventEnvelope<'gate.violation.detected.v1'>,
    context: EventContext,
  ): Promise<RecordViolationOutcome> {
    const violation = event.payload;
    const enterpriseId = parseEnterpriseId(violation.lane.enterpriseId);
    return this.dataSource.transaction(async (tx) => {
      if (!(await context.claim(tx))) return 'duplicate-event';
      const inserted: unknown[] = await tx.query(
        `INSERT INTO "gate_violations" ("enterprise_id", "violation_id", "site_id", "gate_id", "lane_id",
                                        "direction", "kind", "plate", "at", "details")
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT ("enterprise_id", "violation_id") DO NOTHING
         RETURNING "violation_id"`,
        [
          enterpriseId,
          violation.violationId,
          violation.lane.siteId,
          violation.lane.gateId,
          violation.lane.laneId,
          violation.lane.direction,
          violation.kind,
          violation.plate ?? null,
          new Date(violation.at),
          violation.details,
        ],
      );
      return inserted.length > 0 ? 'recorded' : 'already-recorded';
    });
  }

  list(enterpriseId: EnterpriseId, query: ViolationsQuery) {
    const qb = TenantRepository.of(this.dataSource, GateViolationEntity).scopedQueryBuilder(
      enterpriseId,
      'v',
    );
    if (query.kind) qb.andWhere('v.kind = :kind', { kind: query.kind });
    // More violations than `limit` in the period: `truncated`, narrow it.
    return newestInPeriod(qb, { at: 'at', id: 'violationId' }, query, (v) => ({
      violationId: v.violationId,
      kind: v.kind,
      at: v.at,
      siteId: v.siteId,
      gateId: v.gateId,
      laneId: v.laneId,
      direction: v.direction,
      plate: v.plate,
      details: v.details,
    }));
  }
}
