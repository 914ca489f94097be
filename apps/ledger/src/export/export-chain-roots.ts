import { type DataSource } from '@ecogate/persistence';
import { shanghaiDay } from '../chain/chain-roots';
import { type ExportedChainRoot } from './chain-roots-sheet';
import { type ExportFilters } from './export-job.entity';

/**
 * The signed daily roots of the enterprises and days an export covers (`to` exclusive, Shanghai
 * days; the whole chain without a period), in enterprise and day order. A few rows a day.
 */
export async function exportChainRoots(
  dataSource: DataSource,
  enterpriseIds: readonly string[],
  filters: Pick<ExportFilters, 'from' | 'to'>,
): Promise<ExportedChainRoot[]> {
  const rows = (await dataSource.query(
    `SELECT "enterprise_id", to_char("day", 'YYYY-MM-DD') AS "day", "last_seq", "last_hash", "count",
            "key_id", "signature"
       FROM "ledger_chain_roots"
      WHERE "enterprise_id" = ANY($1::text[])
        AND ($2::date IS NULL OR "day" >= $2::date) AND ($3::date IS NULL OR "day" <= $3::date)
      ORDER BY array_position($1::text[], "enterprise_id"), "day"`,
    [
      enterpriseIds,
      filters.from ? shanghaiDay(new Date(filters.from)) : null,
      filters.to ? shanghaiDay(new Date(Date.parse(filters.to) - 1)) : null,
    ],
  )) as {
    enterprise_id: string;
    day: string;
    last_seq: string;
    last_hash: string;
    count: number;
    key_id: string;
    signature: string;
  }[];
  return rows.map((row) => ({
    enterpriseId: row.enterprise_id,
    day: row.day,
    lastSeq: Number(row.last_seq),
    lastHash: row.last_hash,
    count: Number(row.count),
    keyId: row.key_id,
    signature: row.signature,
  }));
}
