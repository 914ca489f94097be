import { type DataSource, In } from '@ecogate/persistence';
import { z } from 'zod';
import { EnterpriseProfileEntity } from '../enterprise-directory/enterprise-profile.entity';
import { LedgerException } from '../errors/ledger.exception';
import { STATISTICS_TIME_ZONE } from '../statistics/statistics-summary.service';
import { InspectionEntity, InspectionItemEntity } from './inspection.entity';

const listFields = {
  status: z.enum(['open', 'closed']).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
};
const datesInOrder = (q: { from?: string; to?: string }) => !q.from || !q.to || q.from <= q.to;

/** `GET …/inspections`: by status, and those whose inspected days overlap `from`…`to` (local dates). */
export const inspectionListQuery = z
  .strictObject(listFields)
  .refine(datesInOrder, 'from must not be after to');

/** `GET /api/v1/inspections`: the same over the caller's enterprises, or one of them. */
export const crossEnterpriseListQuery = z
  .strictObject({
    ...listFields,
    enterpriseId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/)
      .optional(),
  })
  .refine(datesInOrder, 'from must not be after to');
export type InspectionListQuery = z.infer<typeof crossEnterpriseListQuery>;

const encode = (row: Pick<InspectionEntity, 'createdAt' | 'id'>): string =>
  Buffer.from(`${row.createdAt.toISOString()}|${row.id}`, 'utf8').toString('base64url');

function decode(cursor: string): { createdAt: Date; id: string } {
  const [at, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(at ?? '');
  if (!id || rest.length > 0 || Number.isNaN(createdAt.getTime()) || !/^[0-9a-f-]{36}$/.test(id))
    throw new LedgerException('invalid-request', 'cursor: not a cursor this API returned');
  return { createdAt, id };
}

/**
 * Inspections newest first (keyset pages on created_at, id), of one enterprise or of the enterprises
 * a caller's token covers (`*`: all), each with its counts of items, marks and windows still scanning.
 */
export async function listInspections(
  dataSource: DataSource,
  enterprises: '*' | readonly string[],
  query: InspectionListQuery,
) {
  const qb = dataSource.manager.createQueryBuilder(InspectionEntity, 'i');
  if (enterprises !== '*')
    qb.andWhere('i.enterpriseId IN (:...enterprises)', { enterprises: [...enterprises, ''] });
  if (query.enterpriseId) qb.andWhere('i.enterpriseId = :enterpriseId', query);
  if (query.status) qb.andWhere('i.status = :status', query);
  if (query.from) qb.andWhere('i.toDate >= :from', query);
  if (query.to) qb.andWhere('i.fromDate <= :to', query);
  if (query.cursor) {
    const cursor = decode(query.cursor);
    qb.andWhere('(i.createdAt, i.id) < (:cursorAt, :cursorId)', {
      cursorAt: cursor.createdAt,
      cursorId: cursor.id,
    });
  }
  const rows = await qb
    .orderBy('i.createdAt', 'DESC')
    .addOrderBy('i.id', 'DESC')
    .limit(query.limit + 1)
    .getMany();
  const page = rows.slice(0, query.limit);
  const counts: {
    inspectionId: string;
    passages: string;
    windows: string;
    marked: string;
    inconsistent: string;
    scanning: string;
  }[] =
    page.length === 0
      ? []
      : await dataSource.manager
          .createQueryBuilder(InspectionItemEntity, 'it')
          .select('it.inspectionId', 'inspectionId')
          .addSelect(`count(*) FILTER (WHERE it.kind = 'passage')`, 'passages')
          .addSelect(`count(*) FILTER (WHERE it.kind = 'window')`, 'windows')
          .addSelect('count(it.verdict)', 'marked')
          .addSelect(`count(*) FILTER (WHERE it.verdict = 'inconsistent')`, 'inconsistent')
          .addSelect(
            `count(*) FILTER (WHERE it.scanState IN ('requesting', 'queued', 'running'))`,
            'scanning',
          )
          .where('it.inspectionId IN (:...ids)', { ids: page.map((i) => i.id) })
          .groupBy('it.inspectionId')
          .getRawMany();
  // The directory's names as the ledger holds them (enterprise_profiles): a list across districts reads by name.
  const profiles =
    page.length === 0
      ? []
      : await dataSource.manager.find(EnterpriseProfileEntity, {
          select: { enterpriseId: true, name: true },
          where: { enterpriseId: In([...new Set(page.map((i) => i.enterpriseId))]) },
        });
  const last = page[page.length - 1];
  return {
    items: page.map((i) => {
      const c = counts.find((row) => row.inspectionId === i.id);
      return {
        id: i.id,
        enterpriseId: i.enterpriseId,
        enterpriseName: profiles.find((p) => p.enterpriseId === i.enterpriseId)?.name ?? null,
        from: i.fromDate,
        to: i.toDate,
        timeZone: STATISTICS_TIME_ZONE,
        seed: i.seed,
        status: i.status,
        createdBy: i.createdBy,
        createdByName: i.createdByName,
        createdAt: i.createdAt,
        closedBy: i.closedBy,
        closedByName: i.closedByName,
        closedAt: i.closedAt,
        passages: Number(c?.passages ?? 0),
        windows: Number(c?.windows ?? 0),
        marked: Number(c?.marked ?? 0),
        inconsistent: Number(c?.inconsistent ?? 0),
        /** Windows whose scan by the video archive is not finished. */
        scanning: Number(c?.scanning ?? 0),
      };
    }),
    nextCursor: rows.length > query.limit && last ? encode(last) : null,
  };
}
export type InspectionList = Awaited<ReturnType<typeof listInspections>>;
