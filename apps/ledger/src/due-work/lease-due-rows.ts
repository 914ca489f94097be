import { type DataSource } from '@ecogate/persistence';

/** A table of work items, each due at a time (SQL names: constants of the code, never input). */
export interface DueRowsSpec {
  readonly table: string;
  readonly id: string;
  readonly dueColumn: string;
  /** Which rows are work at all (e.g. `"state" IN ('queued')`), without parameters. */
  readonly pending: string;
  readonly returning: readonly string[];
}

const quoted = (column: string): string => `"${column}"`;

/**
 * Takes up to `batch` rows due by `now` and leases them to this replica: their due time moves to
 * `now + leaseMs` in the same statement, under `FOR UPDATE SKIP LOCKED`, so replicas share the
 * work without waiting on each other, and a replica that dies mid-call leaves its rows due again
 * when the lease ends. Whoever took a row sets its real next due time when done.
 */
export async function leaseDueRows<Row>(
  dataSource: DataSource,
  spec: DueRowsSpec,
  now: Date,
  options: { readonly leaseMs: number; readonly batch: number },
): Promise<Row[]> {
  const [id, due] = [quoted(spec.id), quoted(spec.dueColumn)];
  const [rows] = (await dataSource.query(
    `UPDATE ${quoted(spec.table)} SET ${due} = $2
      WHERE ${id} IN (SELECT ${id} FROM ${quoted(spec.table)}
                       WHERE ${spec.pending} AND ${due} <= $1
                       ORDER BY ${due}, ${id} LIMIT $3 FOR UPDATE SKIP LOCKED)
      RETURNING ${spec.returning.map(quoted).join(', ')}`,
    [now, new Date(now.getTime() + options.leaseMs), options.batch],
  )) as [Row[], number];
  return rows;
}
