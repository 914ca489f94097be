import { sm3Hex } from '@ecogate/domain';

/** The `prev_hash` of an enterprise's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** What was changed: a ledger table and the row's id. */
export interface RecordRef {
  readonly table: ChainTable;
  readonly id: string;
}

/** The tables whose changes are chained (passages, and the vehicle evidence stages come from). */
export const CHAIN_TABLES = ['passages', 'vehicles', 'vehicle_stage_evidence'] as const;
export type ChainTable = (typeof CHAIN_TABLES)[number];

/** What happened to the record. */
export const CHAIN_KINDS = [
  'passage-created',
  'passage-revised',
  'vehicle-registered',
  'vehicle-revised',
  'stage-evidence',
] as const;
export type ChainKind = (typeof CHAIN_KINDS)[number];

/** One link as stored in `ledger_chain`. */
export interface ChainEntry {
  readonly seq: number;
  readonly kind: ChainKind;
  readonly record: RecordRef;
  readonly content: string;
  readonly contentHash: string;
  readonly prevHash: string;
  readonly entryHash: string;
  readonly at: Date;
}

export const contentHashOf = (content: string): string => sm3Hex(content);

/**
 * SM3(prev ‖ seq ‖ kind ‖ content hash), fields joined by a newline so no two different tuples
 * give the same bytes (hashes are fixed-length hex, seq decimal, kinds contain no newline).
 */
export const entryHashOf = (prevHash: string, seq: number, kind: ChainKind, contentHash: string): string =>
  sm3Hex(`${prevHash}\n${seq}\n${kind}\n${contentHash}`);

/** The next link after `head` (seq 0 and GENESIS_HASH before the first). */
export function nextEntry(
  head: { readonly seq: number; readonly hash: string },
  kind: ChainKind,
  record: RecordRef,
  content: string,
  at: Date,
): ChainEntry {
  const seq = head.seq + 1;
  const contentHash = contentHashOf(content);
  return {
    seq,
    kind,
    record,
    content,
    contentHash,
    prevHash: head.hash,
    entryHash: entryHashOf(head.hash, seq, kind, contentHash),
    at,
  };
}

/** The text a daily root's signature covers. */
export const rootMessage = (root: {
  readonly enterpriseId: string;
  readonly day: string;
  readonly lastSeq: number;
  readonly lastHash: string;
  readonly count: number;
}): string =>
  `ecogate-ledger-chain-root/v1\n${root.enterpriseId}\n${root.day}\n${root.lastSeq}\n${root.lastHash}\n${root.count}`;
