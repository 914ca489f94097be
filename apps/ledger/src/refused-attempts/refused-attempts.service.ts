import { type DataSource, type EnterpriseId, TenantRepository } from '@ecogate/persistence';
import { z } from 'zod';
import { type PassagePhotos } from '../passage/passage.entity';
import { type DecisionMessage, RefusedAttemptEntity } from '../passage/refused-attempt.entity';
import { encodeCursor } from '../query-passages/query-passages.service';

const instant = z.iso.datetime({ offset: true }).transform((value) => new Date(value));

/** `GET refused-attempts`: the window, a plate, a gate, by hand or not; keyset pages as `passages`. */
export const refusedAttemptsQuery = z
  .strictObject({
    from: instant.optional(),
    to: instant.optional(),
    plate: z.string().trim().min(1).max(16).optional(),
    gateId: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/)
      .optional(),
    /** Only refusals by a person (`true`) or only barrier control's own (`false`). */
    manual: z
      .enum(['true', 'false'])
      .transform((value) => value === 'true')
      .optional(),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
  })
  .refine((q) => !q.from || !q.to || q.from < q.to, 'from must be before to');

export interface RefusedAttemptSearch {
  readonly from?: Date;
  readonly to?: Date;
  readonly plate?: string;
  readonly gateId?: string;
  readonly manual?: boolean;
  readonly cursor?: { readonly capturedAt: Date; readonly id: string };
  readonly limit: number;
}

/** A refused attempt as the API answers it: the operator as one object, null unless by hand. */
export interface RefusedAttemptView {
  readonly id: string;
  readonly enterpriseId: string;
  readonly decisionId: string;
  readonly siteId: string;
  readonly gateId: string;
  readonly laneId: string;
  readonly direction: 'in' | 'out';
  readonly plate: string;
  readonly plateColour: string | null;
  readonly verdict: string;
  readonly reasons: string[];
  readonly stage: string | null;
  readonly stageSource: string | null;
  readonly alertLevel: string | null;
  readonly message: DecisionMessage | null;
  readonly manual: boolean;
  readonly operator: { readonly id: string; readonly reason: string } | null;
  readonly capturedAt: Date;
  readonly photos: PassagePhotos | null;
}

export interface RefusedAttemptPage {
  readonly items: RefusedAttemptView[];
  /** Pass it back as `cursor` for the next page; `null` on the last page. */
  readonly nextCursor: string | null;
}

export function refusedAttemptView(row: RefusedAttemptEntity): RefusedAttemptView {
  const { operatorId, operatorReason, ...rest } = row;
  return {
    ...rest,
    operator: operatorId && operatorReason !== null ? { id: operatorId, reason: operatorReason } : null,
  };
}

/**
 * The decisions at barrier lanes that were not passages (拦截记录): newest first, keyset pages on
 * (captured_at, id) with the passages' cursor, served by `IDX_refused_attempts_page` (and
 * `IDX_refused_attempts_plate` for a plate). One enterprise's rows only.
 */
export class RefusedAttemptsService {
  constructor(private readonly dataSource: DataSource) {}

  async search(enterpriseId: EnterpriseId, query: RefusedAttemptSearch): Promise<RefusedAttemptPage> {
    const qb = TenantRepository.of(this.dataSource, RefusedAttemptEntity).scopedQueryBuilder(
      enterpriseId,
      'r',
    );
    if (query.from) qb.andWhere('r.capturedAt >= :from', { from: query.from });
    if (query.to) qb.andWhere('r.capturedAt < :to', { to: query.to });
    if (query.plate) qb.andWhere('r.plate = :plate', { plate: query.plate });
    if (query.gateId) qb.andWhere('r.gateId = :gateId', { gateId: query.gateId });
    if (query.manual !== undefined) qb.andWhere('r.manual = :manual', { manual: query.manual });
    if (query.cursor) {
      qb.andWhere('(r.capturedAt, r.id) < (:cursorAt, :cursorId)', {
        cursorAt: query.cursor.capturedAt,
        cursorId: query.cursor.id,
      });
    }
    const rows = await qb
      .orderBy('r.capturedAt', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .limit(query.limit + 1)
      .getMany();
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    return {
      items: items.map(refusedAttemptView),
      nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null,
    };
  }
}
