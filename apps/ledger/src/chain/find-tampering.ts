import { type ChainEntry, contentHashOf, entryHashOf, type RecordRef } from './chain-maths';

/** A stored daily root, its signature already checked against the cluster's public key. */
export interface CheckedRoot {
  readonly day: string;
  readonly lastSeq: number;
  readonly lastHash: string;
  readonly count: number;
  readonly signatureValid: boolean;
}

/**
 * - `entry-altered`: a chain row no longer hashes to itself or to its predecessor (edited in place);
 * - `entry-deleted`: a gap in seq (chain rows removed);
 * - `chain-rewritten`: every link recomputes, but a signed daily root no longer matches (rows and
 *   chain rewritten together, hashes recomputed);
 * - `root-forged`: a daily root whose signature does not verify;
 * - `record-altered` / `record-deleted`: a ledger row differs from / is missing for its latest entry;
 * - `record-inserted`: a ledger row that no entry records.
 */
export type TamperKind =
  | 'entry-altered'
  | 'entry-deleted'
  | 'chain-rewritten'
  | 'root-forged'
  | 'record-altered'
  | 'record-deleted'
  | 'record-inserted';

export interface TamperFinding {
  readonly kind: TamperKind;
  /** The chain position it is found at; absent for a row no entry records. */
  readonly seq?: number;
  readonly record?: RecordRef;
  readonly day?: string;
  readonly detail: string;
}

export interface ChainEvidence {
  /** Entries of the period, in seq order. */
  readonly entries: readonly ChainEntry[];
  /** The link before the first entry: seq 0 and the genesis hash, the entry before, or a root's. */
  readonly anchor?: { readonly seq: number; readonly hash: string };
  readonly roots: readonly CheckedRoot[];
  /** The latest entry of each record the period touched, with the row's current content (`null`: gone). */
  readonly records: readonly {
    readonly latest: ChainEntry;
    readonly current: string | null;
    /** Gone with a dropped retention partition: not tampering. */
    readonly retainedOut?: boolean;
  }[];
  /** Rows of the period that no entry records. */
  readonly unchained: readonly RecordRef[];
}

const refText = (ref: RecordRef): string => `${ref.table}/${ref.id}`;

/** Recomputes the chain and compares it with the rows and the signed roots; findings in chain order. */
export function findTampering(evidence: ChainEvidence): TamperFinding[] {
  const findings: TamperFinding[] = [];
  let previous = evidence.anchor;
  const hashBySeq = new Map<number, string>();
  for (const entry of evidence.entries) {
    if (previous && entry.seq !== previous.seq + 1) {
      findings.push({
        kind: entry.seq > previous.seq + 1 ? 'entry-deleted' : 'entry-altered',
        seq: previous.seq + 1,
        detail:
          entry.seq > previous.seq + 1
            ? `chain entries ${previous.seq + 1}..${entry.seq - 1} are missing`
            : `seq ${entry.seq} follows ${previous.seq}`,
      });
    } else if (previous && entry.prevHash !== previous.hash) {
      findings.push({
        kind: 'entry-altered',
        seq: entry.seq,
        record: entry.record,
        detail: `entry ${entry.seq} does not link to entry ${previous.seq}`,
      });
    }
    if (contentHashOf(entry.content) !== entry.contentHash) {
      findings.push({
        kind: 'entry-altered',
        seq: entry.seq,
        record: entry.record,
        detail: `entry ${entry.seq} (${refText(entry.record)}): content does not hash to its content hash`,
      });
    } else if (entryHashOf(entry.prevHash, entry.seq, entry.kind, entry.contentHash) !== entry.entryHash) {
      findings.push({
        kind: 'entry-altered',
        seq: entry.seq,
        record: entry.record,
        detail: `entry ${entry.seq} (${refText(entry.record)}): entry hash does not recompute`,
      });
    }
    hashBySeq.set(entry.seq, entry.entryHash);
    previous = { seq: entry.seq, hash: entry.entryHash };
  }
  for (const root of evidence.roots) {
    if (!root.signatureValid) {
      findings.push({
        kind: 'root-forged',
        seq: root.lastSeq,
        day: root.day,
        detail: `the root of ${root.day} does not carry a valid signature`,
      });
      continue;
    }
    const hash = hashBySeq.get(root.lastSeq);
    if (hash !== undefined && hash !== root.lastHash) {
      findings.push({
        kind: 'chain-rewritten',
        seq: root.lastSeq,
        day: root.day,
        detail: `the chain up to entry ${root.lastSeq} no longer matches the signed root of ${root.day}`,
      });
    }
  }
  for (const { latest, current, retainedOut } of evidence.records) {
    if (current === null) {
      if (retainedOut) continue;
      findings.push({
        kind: 'record-deleted',
        seq: latest.seq,
        record: latest.record,
        detail: `${refText(latest.record)} (last recorded by entry ${latest.seq}) is gone`,
      });
    } else if (current !== latest.content) {
      findings.push({
        kind: 'record-altered',
        seq: latest.seq,
        record: latest.record,
        detail: `${refText(latest.record)} differs from its entry ${latest.seq}`,
      });
    }
  }
  findings.sort((a, b) => (a.seq ?? Number.MAX_SAFE_INTEGER) - (b.seq ?? Number.MAX_SAFE_INTEGER));
  for (const record of evidence.unchained) {
    findings.push({ kind: 'record-inserted', record, detail: `${refText(record)} is in no chain entry` });
  }
  return findings;
}
