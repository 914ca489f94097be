import { type ObjectLiteral, type SelectQueryBuilder } from '@ecogate/persistence';

/** A list's period and size as the routes take them: `[from, to)`, at most `limit` rows. */
export interface PeriodPage {
  readonly from: Date;
  readonly to: Date;
  readonly limit: number;
}

/** A list's answer: `truncated` when the period holds more rows than `limit` (narrow it). */
export interface NewestPage<V> {
  readonly items: V[];
  readonly truncated: boolean;
}

/**
 * The newest rows of a (tenant-scoped, filtered) query in `[from, to)`: by `at` then `id`, both
 * descending, at most `limit`; one row more is read to know whether the period held more.
 * `at` and `id` are the entity's properties, read on the query's own alias.
 */
export async function newestInPeriod<T extends ObjectLiteral, V>(
  qb: SelectQueryBuilder<T>,
  columns: { readonly at: keyof T & string; readonly id: keyof T & string },
  period: PeriodPage,
  view: (row: T) => V,
): Promise<NewestPage<V>> {
  const at = `${qb.alias}.${columns.at}`;
  const rows = await qb
    .andWhere(`${at} >= :periodFrom AND ${at} < :periodTo`, { periodFrom: period.from, periodTo: period.to })
    .orderBy(at, 'DESC')
    .addOrderBy(`${qb.alias}.${columns.id}`, 'DESC')
    .limit(period.limit + 1)
    .getMany();
  return { items: rows.slice(0, period.limit).map(view), truncated: rows.length > period.limit };
}
