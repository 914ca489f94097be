import { type DataSource } from '@ecogate/persistence';
import { type Logger } from '@ecogate/telemetry';
import { rootMessage } from './chain-maths';
import { type ChainSigner } from './chain-signing';

export interface ChainRoot {
  readonly enterpriseId: string;
  /** Local day (Asia/Shanghai), YYYY-MM-DD. */
  readonly day: string;
  readonly lastSeq: number;
  /** SM3, hex. */
  readonly lastHash: string;
  readonly count: number;
  readonly keyId: string;
  /** Ed25519 over the root's message, base64. */
  readonly signature: string;
}

/** YYYY-MM-DD of `at` in Asia/Shanghai (UTC+8, no daylight saving). */
export const shanghaiDay = (at: Date): string =>
  new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * Signs a root for each enterprise's closed days (Asia/Shanghai) not yet rooted: the day's last
 * entry hash and its entry count. A day is closed once `now` is in a later day; days without
 * entries get no root. Idempotent: a rooted day is never signed again.
 */
export async function signChainRoots(
  dataSource: DataSource,
  signer: ChainSigner,
  now: Date = new Date(),
): Promise<ChainRoot[]> {
  const days = (await dataSource.query(
    `SELECT c."enterprise_id", to_char(c."at" AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS "day",
            max(c."seq") AS "last_seq", count(*)::int AS "count"
       FROM "ledger_chain" c
      WHERE (c."at" AT TIME ZONE 'Asia/Shanghai')::date < $1::date
        AND NOT EXISTS (SELECT 1 FROM "ledger_chain_roots" r
                         WHERE r."enterprise_id" = c."enterprise_id"
                           AND r."day" >= (c."at" AT TIME ZONE 'Asia/Shanghai')::date)
      GROUP BY 1, 2 ORDER BY 1, 2`,
    [shanghaiDay(now)],
  )) as { enterprise_id: string; day: string; last_seq: string; count: number }[];
  const roots: ChainRoot[] = [];
  for (const row of days) {
    const [last] = (await dataSource.query(
      `SELECT "entry_hash" FROM "ledger_chain" WHERE "enterprise_id" = $1 AND "seq" = $2`,
      [row.enterprise_id, row.last_seq],
    )) as { entry_hash: string }[];
    if (!last) continue;
    const unsigned = {
      enterpriseId: row.enterprise_id,
      day: row.day,
      lastSeq: Number(row.last_seq),
      lastHash: last.entry_hash,
      count: row.count,
    };
    const root: ChainRoot = {
      ...unsigned,
      keyId: signer.keyId,
      signature: signer.sign(rootMessage(unsigned)),
    };
    await dataSource.query(
      `INSERT INTO "ledger_chain_roots" ("enterprise_id", "day", "last_seq", "last_hash", "count", "key_id",
         "signature", "signed_at") VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
      [root.enterpriseId, root.day, root.lastSeq, root.lastHash, root.count, root.keyId, root.signature, now],
    );
    roots.push(root);
  }
  return roots;
}

/** Signs roots every `intervalMs` (never two passes at once); a failure is logged and retried next time. */
export function scheduleChainRoots(
  dataSource: DataSource,
  signer: ChainSigner,
  intervalMs: number,
  log: Logger,
): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  const timer =
    intervalMs > 0
      ? setInterval(() => {
          if (busy) return;
          busy = true;
          running = signChainRoots(dataSource, signer)
            .then((roots) => {
              if (roots.length > 0) log.info({ roots: roots.length }, 'ledger chain roots signed');
            })
            .catch((error: unknown) => log.error({ err: error }, 'signing ledger chain roots failed'))
            .finally(() => (busy = false));
        }, intervalMs)
      : undefined;
  timer?.unref();
  return {
    async stop() {
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
