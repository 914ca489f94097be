import { type EnterpriseId, type EntityManager } from '@ecogate/persistence';
import { currentContent } from './chained-records';
import { type ChainEntry, type ChainKind, GENESIS_HASH, nextEntry, type RecordRef } from './chain-maths';

/**
 * Appends one change to the enterprise's chain in the caller's transaction. The upsert of the
 * head row both takes the next seq and locks the head until commit, so appends of one enterprise
 * queue in commit order with no gap, and other enterprises never wait.
 */
export async function appendToChain(
  tx: EntityManager,
  enterpriseId: EnterpriseId,
  kind: ChainKind,
  record: RecordRef,
  /** Canonical JSON (canonical-json.ts). */
  content: string,
): Promise<ChainEntry> {
  const [head] = (await tx.query(
    `INSERT INTO "ledger_chain_heads" ("enterprise_id", "seq", "head_hash") VALUES ($1, 1, $2)
     ON CONFLICT ("enterprise_id") DO UPDATE SET "seq" = "ledger_chain_heads"."seq" + 1
     RETURNING "seq", "head_hash"`,
    [enterpriseId, GENESIS_HASH],
  )) as { seq: string; head_hash: string }[];
  if (!head) throw new Error(`chain head of ${enterpriseId} not returned`);
  // RETURNING gives the new seq and the hash not yet moved: the previous entry's.
  const entry = nextEntry(
    { seq: Number(head.seq) - 1, hash: head.head_hash },
    kind,
    record,
    content,
    new Date(),
  );
  await tx.query(
    `WITH appended AS (
       INSERT INTO "ledger_chain" ("enterprise_id", "seq", "kind", "record_table", "record_id", "content",
         "content_hash", "prev_hash", "entry_hash", "at") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10))
     UPDATE "ledger_chain_heads" SET "head_hash" = $9 WHERE "enterprise_id" = $1`,
    [
      enterpriseId,
      entry.seq,
      entry.kind,
      record.table,
      record.id,
      entry.content,
      entry.contentHash,
      entry.prevHash,
      entry.entryHash,
      entry.at,
    ],
  );
  return entry;
}

/** Chains a row the caller has just written, as it reads back in the same transaction. */
export async function chainRecord(
  tx: EntityManager,
  enterpriseId: EnterpriseId,
  kind: ChainKind,
  record: RecordRef,
  /** A passage's capture time: its partition key, so the read-back touches one partition. */
  capturedAt?: Date,
): Promise<ChainEntry> {
  const content = await currentContent(tx, enterpriseId, record.table, record.id, capturedAt);
  return appendToChain(tx, enterpriseId, kind, record, content);
}
