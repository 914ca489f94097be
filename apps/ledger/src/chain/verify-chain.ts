import { type EnterpriseId, type EntityManager } from '@ecogate/persistence';
import {
  type ChainEntry,
  type ChainKind,
  type ChainTable,
  CHAIN_TABLES,
  GENESIS_HASH,
  rootMessage,
} from './chain-maths';
import { type ChainSigner } from './chain-signing';
import { currentContents } from './chained-records';
import { type CheckedRoot, findTampering, type TamperFinding } from './find-tampering';

export interface VerifyChainRequest {
  readonly enterpriseId: EnterpriseId;
  /** Changes appended at or after this instant; the enterprise's first entry when absent. */
  readonly from?: Date;
  /** Changes appended before this instant; now when absent. */
  readonly to?: Date;
}

export interface ChainVerification {
  readonly enterpriseId: string;
  readonly ok: boolean;
  readonly entries: number;
  readonly firstSeq: number | null;
  readonly lastSeq: number | null;
  readonly roots: number;
  /**
   * Passages of the period received before the enterprise's chain began (the ledger's history from
   * before the upgrade that added it): nothing proves or disproves them, so they are counted, not
   * reported as inserted.
   */
  readonly beforeChain: number;
  /** The first finding in chain order, if any: what an inspector reads first. */
  readonly first: TamperFinding | null;
  readonly findings: readonly TamperFinding[];
}

interface EntryRow {
  seq: string;
  kind: ChainKind;
  record_table: ChainTable;
  record_id: string;
  content: string;
  content_hash: string;
  prev_hash: string;
  entry_hash: string;
  at: Date;
}

const toEntry = (row: EntryRow): ChainEntry => ({
  seq: Number(row.seq),
  kind: row.kind,
  record: { table: row.record_table, id: row.record_id },
  content: row.content,
  contentHash: row.content_hash,
  prevHash: row.prev_hash,
  entryHash: row.entry_hash,
  at: row.at,
});

const ENTRY_COLUMNS = `"seq", "kind", "record_table", "record_id", "content", "content_hash", "prev_hash", "entry_hash", "at"`;

/** How long ledger rows are kept at least: a row gone younger than this was not removed by retention. */
export interface VerifyChainSettings {
  readonly retentionFloorDays: number;
}

/**
 * Recomputes an enterprise's chain over a period against the rows as they are now and the signed
 * daily roots (see find-tampering.ts for what is named). Chain rows outlive retention, so an old
 * period still verifies link by link; a passage gone with retention (older than the floor when it
 * went) is not reported deleted.
 */
export async function verifyChain(
  manager: EntityManager,
  /** The cluster's key; without it no root can be checked, and every stored root is reported. */
  signer: ChainSigner | undefined,
  settings: VerifyChainSettings,
  request: VerifyChainRequest,
  now: Date = new Date(),
): Promise<ChainVerification> {
  const { enterpriseId } = request;
  const from = request.from ?? new Date(0);
  const to = request.to ?? new Date(now.getTime() + 1);
  const entries = (
    (await manager.query(
      `SELECT ${ENTRY_COLUMNS} FROM "ledger_chain" WHERE "enterprise_id" = $1 AND "at" >= $2 AND "at" < $3 ORDER BY "seq"`,
      [enterpriseId, from, to],
    )) as EntryRow[]
  ).map(toEntry);
  const anchor = await anchorOf(manager, enterpriseId, entries[0]);
  const roots = await checkedRoots(manager, signer, enterpriseId, from, to);
  const records = await latestWithCurrent(manager, enterpriseId, entries, settings, now);
  const unchainedRows = (await manager.query(
    `SELECT p."id", p."received_at" < COALESCE(
              (SELECT min(c."at") FROM "ledger_chain" c WHERE c."enterprise_id" = $1), 'infinity') AS "before_chain"
       FROM "passages" p
      WHERE p."enterprise_id" = $1
        AND ((p."received_at" >= $2 AND p."received_at" < $3) OR (p."captured_at" >= $2 AND p."captured_at" < $3))
        AND NOT EXISTS (SELECT 1 FROM "ledger_chain" c WHERE c."enterprise_id" = p."enterprise_id"
                          AND c."record_table" = 'passages' AND c."record_id" = p."id")
      ORDER BY p."received_at", p."id"`,
    [enterpriseId, from, to],
  )) as { id: string; before_chain: boolean }[];
  const unchained = unchainedRows
    .filter((row) => !row.before_chain)
    .map(({ id }) => ({ table: 'passages' as const, id }));
  const findings = findTampering({ entries, ...(anchor ? { anchor } : {}), roots, records, unchained });
  return {
    enterpriseId,
    ok: findings.length === 0,
    entries: entries.length,
    firstSeq: entries[0]?.seq ?? null,
    lastSeq: entries.at(-1)?.seq ?? null,
    roots: roots.length,
    beforeChain: unchainedRows.length - unchained.length,
    first: findings[0] ?? null,
    findings,
  };
}

/** The link before the period: genesis, or the entry before the first one (chain rows are never dropped). */
async function anchorOf(
  manager: EntityManager,
  enterpriseId: EnterpriseId,
  first: ChainEntry | undefined,
): Promise<{ seq: number; hash: string } | undefined> {
  if (!first) return undefined;
  if (first.seq === 1) return { seq: 0, hash: GENESIS_HASH };
  const [before] = (await manager.query(
    `SELECT "entry_hash" FROM "ledger_chain" WHERE "enterprise_id" = $1 AND "seq" = $2`,
    [enterpriseId, first.seq - 1],
  )) as { entry_hash: string }[];
  // Missing: deleted; the first entry's own link then names it (seq 1..first-1 is outside the period).
  return before ? { seq: first.seq - 1, hash: before.entry_hash } : { seq: 0, hash: GENESIS_HASH };
}

async function checkedRoots(
  manager: EntityManager,
  signer: ChainSigner | undefined,
  enterpriseId: EnterpriseId,
  from: Date,
  to: Date,
): Promise<CheckedRoot[]> {
  const rows = (await manager.query(
    `SELECT to_char("day", 'YYYY-MM-DD') AS "day", "last_seq", "last_hash", "count", "signature"
       FROM "ledger_chain_roots"
      WHERE "enterprise_id" = $1 AND "day" >= ($2::timestamptz AT TIME ZONE 'Asia/Shanghai')::date
        AND "day" <= ($3::timestamptz AT TIME ZONE 'Asia/Shanghai')::date
      ORDER BY "day"`,
    [enterpriseId, from, to],
  )) as { day: string; last_seq: string; last_hash: string; count: number; signature: string }[];
  return rows.map((row) => {
    const root = {
      enterpriseId,
      day: row.day,
      lastSeq: Number(row.last_seq),
      lastHash: row.last_hash,
      count: row.count,
    };
    return { ...root, signatureValid: signer?.verify(rootMessage(root), row.signature) ?? false };
  });
}

/** The latest entry of each record the period touched (it may be later than the period) and the row now. */
async function latestWithCurrent(
  manager: EntityManager,
  enterpriseId: EnterpriseId,
  entries: readonly ChainEntry[],
  settings: VerifyChainSettings,
  now: Date,
): Promise<{ latest: ChainEntry; current: string | null; retainedOut: boolean }[]> {
  const floor = now.getTime() - settings.retentionFloorDays * 86_400_000;
  const result: { latest: ChainEntry; current: string | null; retainedOut: boolean }[] = [];
  for (const table of CHAIN_TABLES) {
    const ids = [...new Set(entries.filter((e) => e.record.table === table).map((e) => e.record.id))];
    if (ids.length === 0) continue;
    const latest = (
      (await manager.query(
        `SELECT DISTINCT ON ("record_id") ${ENTRY_COLUMNS} FROM "ledger_chain"
        WHERE "enterprise_id" = $1 AND "record_table" = $2 AND "record_id" = ANY($3::uuid[])
        ORDER BY "record_id", "seq" DESC`,
        [enterpriseId, table, ids],
      )) as EntryRow[]
    ).map(toEntry);
    const current = await currentContents(manager, enterpriseId, table, ids);
    for (const entry of latest) {
      result.push({
        latest: entry,
        current: current.get(entry.record.id) ?? null,
        retainedOut: table === 'passages' && olderThan(entry.content, floor),
      });
    }
  }
  return result;
}

/** Whether a passage, as last recorded, was captured and received before `floor` (retention may have taken it). */
function olderThan(content: string, floor: number): boolean {
  const passage = JSON.parse(content) as { capturedAt?: unknown; receivedAt?: unknown };
  const time = (value: unknown) => (typeof value === 'string' ? Date.parse(value) : Number.NaN);
  return time(passage.capturedAt) < floor && time(passage.receivedAt) < floor;
}
