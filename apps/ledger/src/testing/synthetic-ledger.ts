import { type EntityManager } from '@ecogate/persistence';
import { ensurePartition, partitionOf } from '../partitions/passage-partitions';

export interface SyntheticLedger {
  readonly enterprises: readonly string[];
  /** Passages of each enterprise, spread evenly over [from, from + days). */
  readonly perEnterprise: number;
  readonly from: Date;
  readonly days: number;
  /** Distinct plates per enterprise (`冀A00000`…); every other one is in the vehicle registry. */
  readonly plates: number;
  /** Makes ids unique between two seedings of one database. */
  readonly seed?: string;
}

/** Plate number `n` of the synthetic ledger. */
export const syntheticPlate = (n: number): string => `冀A${String(n).padStart(5, '0')}`;

/**
 * Seeds passages (and the registry of every other plate) in SQL with `generate_series`: a million
 * rows in seconds, no row through the application. The rows vary as real ones do: one in ten is
 * still inside (no exit), one in seven has no cargo, one in three carries the fleet, five stages,
 * four plate colours, capture times in milliseconds (as the intake stores them). The month
 * partitions are created first.
 */
export async function seedSyntheticLedger(manager: EntityManager, ledger: SyntheticLedger): Promise<void> {
  const seed = ledger.seed ?? 'synthetic';
  const spanMs = ledger.days * 86_400_000;
  const until = new Date(ledger.from.getTime() + spanMs);
  for (let month = partitionOf(ledger.from); month.from < until; month = partitionOf(month.until)) {
    const from = month.from;
    await manager.transaction((tx) => ensurePartition(tx, from));
  }
  for (const enterpriseId of ledger.enterprises) {
    await manager.query(
      `INSERT INTO "vehicles" ("id", "enterprise_id", "plate", "plate_colour", "vin", "engine_no",
                               "registration_date", "fleet")
       SELECT md5($1 || '|v|' || $2 || '|' || p)::uuid, $2, '冀A' || lpad(p::text, 5, '0'), 'yellow',
              'LFWSRXRJ1M1' || lpad(p::text, 6, '0'), 'WP10H400E62-' || p,
              DATE '2019-01-01' + p, CASE WHEN p % 4 = 0 THEN '冀运物流' || p END
         FROM generate_series(0, $3::int - 1, 2) AS p`,
      [seed, enterpriseId, ledger.plates],
    );
    await manager.query(
      `INSERT INTO "passages" ("id", "enterprise_id", "site_id", "plate", "plate_colour", "state", "captured_at",
                               "entry_gate_id", "entry_lane_id", "entry_captured_at", "entry_decision_id", "entry_verdict",
                               "entry_revision", "exit_gate_id", "exit_lane_id", "exit_captured_at", "exit_decision_id",
                               "exit_verdict", "exit_revision", "stage", "stage_source", "cargo_name", "cargo_tonnes",
                               "fleet", "completeness", "missing_fields", "received_at", "updated_at")
       SELECT md5($1 || '|p|' || $2 || '|' || i)::uuid, $2, 'site-1',
              '冀A' || lpad((i % $3::int)::text, 5, '0'),
              (ARRAY['yellow', 'blue', 'green', 'yellow-green'])[1 + i % 4],
              CASE WHEN i % 10 = 0 THEN 'inside' ELSE 'completed' END,
              t.at, 'east-1', 'lane-in', t.at, 'd-in-' || i, 'allow', 1,
              CASE WHEN i % 10 = 0 THEN NULL ELSE 'east-1' END,
              CASE WHEN i % 10 = 0 THEN NULL ELSE 'lane-out' END,
              CASE WHEN i % 10 = 0 THEN NULL ELSE t.at + INTERVAL '97 minutes 13.5 seconds' END,
              CASE WHEN i % 10 = 0 THEN NULL ELSE 'd-out-' || i END,
              CASE WHEN i % 10 = 0 THEN NULL ELSE 'allow' END,
              CASE WHEN i % 10 = 0 THEN 0 ELSE 1 END,
              (ARRAY['IV', 'V', 'VI', 'VIb', 'electric'])[1 + i % 5], 'platform-query',
              CASE WHEN i % 7 = 0 THEN NULL ELSE '铁矿石' END,
              CASE WHEN i % 7 = 0 THEN NULL ELSE round(((i % 400) / 10.0 + 0.5)::numeric, 1) END,
              CASE WHEN i % 3 = 0 THEN '自有' END,
              0.8, '[]'::jsonb, t.at, t.at
         FROM generate_series(0, $4::int - 1) AS i,
              LATERAL (SELECT date_trunc('milliseconds',
                         $5::timestamptz + (i::double precision * $6::double precision / $4::int) * INTERVAL '1 millisecond') AS at) AS t`,
      [seed, enterpriseId, ledger.plates, ledger.perEnterprise, ledger.from, spanMs],
    );
  }
  await manager.query(`ANALYZE "passages"`);
  await manager.query(`ANALYZE "vehicles"`);
}
