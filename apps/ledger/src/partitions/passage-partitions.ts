import { type EntityManager } from '@ecogate/persistence';

/** A monthly partition of `passages`: rows with `captured_at` in [from, until), UTC months. */
export interface PassagePartition {
  readonly name: string;
  readonly from: Date;
  readonly until: Date;
}

const NAME = /^passages_p(\d{4})(\d{2})$/;

/** The partition that holds `at` (the migration names them the same way). */
export function partitionOf(at: Date): PassagePartition {
  const year = at.getUTCFullYear();
  const month = at.getUTCMonth();
  return {
    name: `passages_p${year}${String(month + 1).padStart(2, '0')}`,
    from: new Date(Date.UTC(year, month, 1)),
    until: new Date(Date.UTC(year, month + 1, 1)),
  };
}

/** Parses a partition name; `undefined` for a table that is not one of ours. */
export function parsePartitionName(name: string): PassagePartition | undefined {
  const match = NAME.exec(name);
  if (!match) return undefined;
  const partition = partitionOf(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1)));
  return partition.name === name ? partition : undefined;
}

/** The partitions attached to `passages`, oldest first. */
export async function listPassagePartitions(manager: EntityManager): Promise<PassagePartition[]> {
  const rows: { name: string }[] = await manager.query(
    `SELECT child.relname AS "name"
       FROM pg_inherits i
       JOIN pg_class child ON child.oid = i.inhrelid
       JOIN pg_class parent ON parent.oid = i.inhparent
      WHERE parent.relname = 'passages' AND parent.relnamespace = current_schema()::regnamespace`,
  );
  return rows
    .map((row) => parsePartitionName(row.name))
    .filter((partition): partition is PassagePartition => partition !== undefined)
    .sort((a, b) => a.from.getTime() - b.from.getTime());
}

/**
 * Creates the partition for `at` unless it exists; resolves with its name when it was created.
 * The catalogue look-up takes no lock, so the common case (it exists) costs one cheap query; the
 * DDL is serialised by an advisory lock. Names and bounds come from `partitionOf`, never input.
 */
export async function ensurePartition(manager: EntityManager, at: Date): Promise<string | undefined> {
  const partition = partitionOf(at);
  const exists = async () => {
    const [row] = (await manager.query(`SELECT to_regclass($1) IS NOT NULL AS "exists"`, [
      partition.name,
    ])) as { exists: boolean }[];
    return row?.exists === true;
  };
  if (await exists()) return undefined;
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext('ledger|passage-partitions'))`);
  if (await exists()) return undefined;
  await manager.query(
    `CREATE TABLE "${partition.name}" PARTITION OF "passages"
       FOR VALUES FROM ('${partition.from.toISOString()}') TO ('${partition.until.toISOString()}')`,
  );
  return partition.name;
}

/** Maintenance: the month of `now` and the next `monthsAhead`, so inserts never wait on DDL. */
export async function ensureUpcomingPartitions(
  manager: EntityManager,
  now: Date,
  monthsAhead: number,
): Promise<string[]> {
  const created: string[] = [];
  for (let offset = 0; offset <= monthsAhead; offset += 1) {
    const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1));
    const name = await manager.transaction((tx) => ensurePartition(tx, month));
    if (name) created.push(name);
  }
  return created;
}
