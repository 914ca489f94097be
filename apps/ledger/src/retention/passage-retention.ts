import { checkDeletion, type RetentionDays, retentionPolicy } from '@ecogate/domain';
import { type DataSource } from '@ecogate/persistence';
import { type Logger, meter } from '@ecogate/telemetry';
import { listPassagePartitions, type PassagePartition } from '../partitions/passage-partitions';

export interface RetentionSettings {
  /** The floors in force (national, raised by the city); nothing younger is ever deleted. */
  readonly floors: RetentionDays;
  /** Ledger days for an enterprise without its own policy. */
  readonly defaultLedgerDays: number;
}

export interface DroppedPartition {
  readonly partition: string;
  readonly from: Date;
  readonly until: Date;
  readonly rows: number;
  readonly claims: number;
}

export interface RetentionReport {
  readonly ranAt: Date;
  /** The longest ledger retention of any enterprise (and the default): what partitions must outlive. */
  readonly keepDays: number;
  readonly dropped: readonly DroppedPartition[];
  readonly kept: readonly string[];
}

const instruments = (() => {
  const m = meter('ledger');
  return {
    partitions: m.createCounter('ledger_retention_partitions_dropped_total', {
      description: 'passage partitions dropped by the retention job',
    }),
    rows: m.createCounter('ledger_retention_rows_dropped_total', {
      description: 'passage rows removed with their partitions',
    }),
  };
})();

/**
 * Drops monthly passage partitions whose every row is past retention. Partitions hold all
 * enterprises, so the bar is the longest retention of any enterprise, never below the floor:
 * `checkDeletion` is asked about the partition's upper bound, the youngest instant it can hold.
 * The decision claims of those months go in the same transaction.
 */
export class PassageRetention {
  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: RetentionSettings,
    private readonly log: Logger,
  ) {}

  async run(now: Date = new Date()): Promise<RetentionReport> {
    const keepDays = await this.longestRetention();
    const policy = retentionPolicy(
      { videoDays: this.settings.floors.videoDays, ledgerDays: keepDays },
      this.settings.floors,
    );
    if (!policy.ok) throw new Error(`retention refused: ${policy.error.reason}`);
    const dropped: DroppedPartition[] = [];
    const kept: string[] = [];
    for (const partition of await listPassagePartitions(this.dataSource.manager)) {
      // The upper bound is exclusive; its previous millisecond is the youngest possible row.
      const youngest = new Date(partition.until.getTime() - 1);
      if (checkDeletion('ledger', youngest, now, policy.value).ok) dropped.push(await this.drop(partition));
      else kept.push(partition.name);
    }
    const report: RetentionReport = { ranAt: now, keepDays, dropped, kept };
    const rows = dropped.reduce((sum, d) => sum + d.rows, 0);
    instruments.partitions.add(dropped.length);
    instruments.rows.add(rows);
    this.log.info(
      {
        keepDays,
        dropped: dropped.map((d) => ({ partition: d.partition, rows: d.rows })),
        kept: kept.length,
      },
      `retention: ${dropped.length} passage partition(s) dropped (${rows} rows), ${kept.length} kept`,
    );
    return report;
  }

  /**
   * The longest ledger retention of any enterprise, at least the default and the floor. Read
   * across tenants on purpose: a partition is shared by all of them.
   */
  private async longestRetention(): Promise<number> {
    const [row] = (await this.dataSource.query(
      `SELECT max("ledger_days") AS "days" FROM "retention_policies"`,
    )) as { days: number | null }[];
    return Math.max(row?.days ?? 0, this.settings.defaultLedgerDays, this.settings.floors.ledgerDays);
  }

  private drop(partition: PassagePartition): Promise<DroppedPartition> {
    return this.dataSource.transaction(async (tx) => {
      // The name comes from the catalogue and matched the partition pattern.
      const [count] = (await tx.query(`SELECT count(*) AS "n" FROM "${partition.name}"`)) as { n: string }[];
      const claims = (await tx.query(
        `DELETE FROM "passage_decisions" WHERE "captured_at" >= $1 AND "captured_at" < $2`,
        [partition.from, partition.until],
      )) as [unknown[], number];
      await tx.query(`DROP TABLE "${partition.name}"`);
      return {
        partition: partition.name,
        from: partition.from,
        until: partition.until,
        rows: Number(count?.n ?? 0),
        claims: claims[1],
      };
    });
  }
}
