import { type EnterpriseId, type EntityManager } from '@ecogate/persistence';
import { type ChainKind, type ChainTable } from '../chain/chain-maths';
import { type ChainProof, type ProofLink, type ProofRoot } from './chain-proof';

interface LinkRow {
  seq: string;
  kind: ChainKind;
  record_table: ChainTable;
  record_id: string;
  content: string | null;
  content_hash: string;
  prev_hash: string;
  entry_hash: string;
}

/**
 * The chain proof of an enterprise's records (chain-proof.ts) as the database holds it now: three
 * queries, whatever the number of records. Other records' links carry hashes only, not content.
 */
export async function chainProofOf(
  manager: EntityManager,
  enterpriseId: EnterpriseId,
  records: readonly { readonly table: ChainTable; readonly id: string }[],
): Promise<ChainProof> {
  const own: Pick<LinkRow, 'seq' | 'record_table' | 'record_id'>[] = [];
  for (const table of new Set(records.map((record) => record.table))) {
    own.push(
      ...((await manager.query(
        `SELECT "seq", "record_table", "record_id" FROM "ledger_chain"
          WHERE "enterprise_id" = $1 AND "record_table" = $2 AND "record_id" = ANY($3::uuid[]) ORDER BY "seq"`,
        [enterpriseId, table, records.filter((r) => r.table === table).map((r) => r.id)],
      )) as Pick<LinkRow, 'seq' | 'record_table' | 'record_id'>[]),
    );
  }
  const seqs = own.map((row) => Number(row.seq));
  const proofRecords = records.map((record) => ({
    ...record,
    seqs: own
      .filter((row) => row.record_table === record.table && row.record_id === record.id)
      .map((row) => Number(row.seq)),
  }));
  if (seqs.length === 0)
    return { format: 'ecogate-chain-proof/v1', enterpriseId, records: proofRecords, links: [], roots: [] };
  const first = Math.min(...seqs);
  const last = Math.max(...seqs);
  const rootRows = (await manager.query(
    `SELECT to_char("day", 'YYYY-MM-DD') AS "day", "last_seq", "last_hash", "count", "key_id", "signature"
       FROM "ledger_chain_roots" WHERE "enterprise_id" = $1 AND "last_seq" >= $2 ORDER BY "last_seq"`,
    [enterpriseId, first],
  )) as {
    day: string;
    last_seq: string;
    last_hash: string;
    count: number;
    key_id: string;
    signature: string;
  }[];
  // Up to the first root at or after the newest sampled link (or the chain's head when its day is not rooted yet).
  const closing = rootRows.find((row) => Number(row.last_seq) >= last);
  const end = closing ? Number(closing.last_seq) : last;
  const roots: ProofRoot[] = rootRows
    .filter((row) => Number(row.last_seq) <= end)
    .map((row) => ({
      day: row.day,
      lastSeq: Number(row.last_seq),
      lastHash: row.last_hash,
      count: row.count,
      keyId: row.key_id,
      signature: row.signature,
    }));
  const sampled = new Set(seqs);
  const links = (
    (await manager.query(
      `SELECT "seq", "kind", "record_table", "record_id", "content", "content_hash", "prev_hash", "entry_hash"
         FROM "ledger_chain" WHERE "enterprise_id" = $1 AND "seq" BETWEEN $2 AND $3 ORDER BY "seq"`,
      [enterpriseId, first, end],
    )) as LinkRow[]
  ).map((row): ProofLink => {
    const seq = Number(row.seq);
    const link = {
      seq,
      kind: row.kind,
      contentHash: row.content_hash,
      prevHash: row.prev_hash,
      entryHash: row.entry_hash,
    };
    return sampled.has(seq) && row.content !== null
      ? { ...link, record: { table: row.record_table, id: row.record_id }, content: row.content }
      : link;
  });
  return { format: 'ecogate-chain-proof/v1', enterpriseId, records: proofRecords, links, roots };
}
