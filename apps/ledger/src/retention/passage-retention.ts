import { checkDeletion, type RetentionDays, type RetentionPolicy, retentionPolicy } from '@ecogate/domain';
import { type DataSource } from '@ecogate/persistence';
import { type Logger, meter } from '@ecogate/telemetry';
import { listPassagePartitions, type PassagePartition } from '../partitions/passage-partitions';
import { LEDGER_RETENTION_CEILING_DAYS } from './retention-policy.service';

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

/** Rows of the enterprises whose (shorter) retention ran out, deleted from a partition that stays. */
export interface DeletedRows {
  readonly partition: string;
  readonly ledgerDays: number;
  readonly rows: number;
  readonly claims: number;
}

export interface RetentionReport {
  readonly ranAt: Date;
  /** The longest ledger retention of any enterprise (and the default): what whole partitions must outlive. */
  readonly keepDays: number;
  readonly dropped: readonly DroppedPartition[];
  readonly deleted: readonly DeletedRows[];
  readonly kept: readonly string[];
}

/** Enterprises sharing one retention; `others` = every enterprise without a policy of its own. */
type Tenants = { readonly ids: readonly string[] } | { readonly others: readonly string[] };
interface RetentionGroup {
  readonly policy: RetentionPolicy;
  readonly tenants: Tenants;
}

const instruments = (() => {
  const m = meter('ledger');
  return {
    partitions: m.createCounter('ledger_retention_partitions_dropped_total', {
      description: 'passage partitions dropped by the retention job',
    }),
    rows: m.createCounter('ledger_retention_rows_dropped_total', {
      description: 'passage rows removed with their partitions or per enterprise',
    }),
  };
})();

/**
 * Ledger retention over the monthly passage partitions, counted from both ends of a row's life:
 * its partition's month (`captured_at`) and when the ledger received it (`received_at`, which a
 * wrong camera clock cannot move). A partition is dropped only when every enterprise's retention
 * allows it and nothing in it was received more recently than the longest retention. Until then,
 * the rows of enterprises whose shorter retention ran out are deleted (with their decision claims),
 * so one enterprise's long policy keeps only its own rows. Never below the floor: `checkDeletion`.
 */
export class PassageRetention {
  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: RetentionSettings,
    private readonly log: Logger,
  ) {}

  async run(now: Date = new Date()): Promise<RetentionReport> {
    const groups = await this.groups();
    // Whole partitions must outlive every enterprise's retention (the default's included).
    const longest = this.policy(Math.max(...groups.map((g) => g.policy.ledgerDays)));
    const dropped: DroppedPartition[] = [];
    const deleted: DeletedRows[] = [];
    const kept: string[] = [];
    for (const partition of await listPassagePartitions(this.dataSource.manager)) {
      // The upper bound is exclusive; its previous millisecond is the youngest possible row.
      const youngest = new Date(partition.until.getTime() - 1);
      const expired = (policy: RetentionPolicy) => checkDeletion('ledger', youngest, now, policy).ok;
      if (expired(longest) && !(await this.receivedSince(partition, receivedCutoff(now, longest)))) {
        dropped.push(await this.drop(partition));
        continue;
      }
      kept.push(partition.name);
      for (const group of groups.filter((g) => expired(g.policy))) {
        const rows = await this.deleteRows(partition, group, receivedCutoff(now, group.policy));
        if (rows.rows > 0) deleted.push(rows);
      }
    }
    const keepDays = longest.ledgerDays;
    const rows = [...dropped, ...deleted].reduce((sum, d) => sum + d.rows, 0);
    instruments.partitions.add(dropped.length);
    instruments.rows.add(rows);
    this.log.info(
      {
        keepDays,
        dropped: dropped.map((d) => ({ partition: d.partition, rows: d.rows })),
        deleted: deleted.map((d) => ({ partition: d.partition, ledgerDays: d.ledgerDays, rows: d.rows })),
        kept: kept.length,
      },
      `retention: ${dropped.length} passage partition(s) dropped, ${deleted.length} per-enterprise deletion(s) (${rows} rows), ${kept.length} kept`,
    );
    return { ranAt: now, keepDays, dropped, deleted, kept };
  }

  /**
   * Each enterprise's retention, grouped by days, plus the default for the others. Read across
   * tenants on purpose: partitions are shared. A stored policy above the ceiling (set before it
   * existed) counts as the ceiling; none counts below the floor.
   */
  private async groups(): Promise<RetentionGroup[]> {
    const rows = (await this.dataSource.query(
      `SELECT "enterprise_id" AS "id", "ledger_days" AS "days" FROM "retention_policies"`,
    )) as { id: string; days: number }[];
    const byDays = new Map<number, string[]>();
    for (const row of rows) {
      const days = this.effectiveDays(Math.min(row.days, LEDGER_RETENTION_CEILING_DAYS));
      byDays.set(days, [...(byDays.get(days) ?? []), row.id]);
    }
    return [
      { policy: this.policy(this.settings.defaultLedgerDays), tenants: { others: rows.map((r) => r.id) } },
      ...[...byDays].map(([days, ids]) => ({ policy: this.policy(days), tenants: { ids } })),
    ];
  }

  private effectiveDays(days: number): number {
    return Math.max(days, this.settings.floors.ledgerDays);
  }

  private policy(days: number): RetentionPolicy {
    const policy = retentionPolicy(
      { videoDays: this.settings.floors.videoDays, ledgerDays: this.effectiveDays(days) },
      this.settings.floors,
    );
    if (!policy.ok) throw new Error(`retention refused: ${policy.error.reason}`);
    return policy.value;
  }

  /** Whether the partition holds a row the ledger received after `cutoff` (a late or clock-skewed one). */
  private async receivedSince(partition: PassagePartition, cutoff: Date): Promise<boolean> {
    // The name comes from the catalogue and matched the partition pattern.
    const [row] = (await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM "${partition.name}" WHERE "received_at" > $1) AS "recent"`,
      [cutoff],
    )) as { recent: boolean }[];
    return row?.recent === true;
  }

  private async deleteRows(
    partition: PassagePartition,
    group: RetentionGroup,
    cutoff: Date,
  ): Promise<DeletedRows> {
    const [tenantClause, ids] =
      'ids' in group.tenants
        ? [`"enterprise_id" = ANY($2)`, group.tenants.ids]
        : [`"enterprise_id" <> ALL($2)`, group.tenants.others];
    // One statement: the rows and their decision claims (same enterprise, same month) go together.
    const [row] = (await this.dataSource.query(
      `WITH gone AS (
         DELETE FROM "${partition.name}" WHERE ${tenantClause} AND "received_at" <= $1
         RETURNING "id", "enterprise_id"
       ), claims AS (
         DELETE FROM "passage_decisions" d USING gone
          WHERE d."enterprise_id" = gone."enterprise_id" AND d."passage_id" = gone."id"
            AND d."captured_at" >= $3 AND d."captured_at" < $4
         RETURNING 1
       )
       SELECT (SELECT count(*) FROM gone) AS "rows", (SELECT count(*) FROM claims) AS "claims"`,
      [cutoff, ids, partition.from, partition.until],
    )) as { rows: string; claims: string }[];
    return {
      partition: partition.name,
      ledgerDays: group.policy.ledgerDays,
      rows: Number(row?.rows ?? 0),
      claims: Number(row?.claims ?? 0),
    };
  }

  private drop(partition: PassagePartition): Promise<DroppedPartition> {
    return this.dataSource.transaction(async (tx) => {
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

const DAY_MS = 86_400_000;

/** Rows received at or before this instant have been kept the policy's days, counted from receipt. */
const receivedCutoff = (now: Date, policy: RetentionPolicy): Date =>
  new Date(now.getTime() - Math.max(policy.ledgerDays, policy.floors.ledgerDays) * DAY_MS);
