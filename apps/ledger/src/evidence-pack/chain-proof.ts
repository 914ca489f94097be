import { verify } from 'node:crypto';
import { sm3Hex } from '@ecogate/domain';
import { type ChainKind, type ChainTable, entryHashOf, rootMessage } from '../chain/chain-maths';

/** One link of the enterprise's chain as the proof carries it; `record` and `content` only on the sampled records' own links. */
export interface ProofLink {
  readonly seq: number;
  readonly kind: ChainKind;
  readonly contentHash: string;
  readonly prevHash: string;
  readonly entryHash: string;
  readonly record?: { readonly table: ChainTable; readonly id: string };
  /** Canonical JSON of the record as this link chained it. */
  readonly content?: string;
}

/** A signed daily root, as stored in `ledger_chain_roots`. */
export interface ProofRoot {
  readonly day: string;
  readonly lastSeq: number;
  readonly lastHash: string;
  readonly count: number;
  readonly keyId: string;
  /** Ed25519 over `rootMessage`, base64. */
  readonly signature: string;
}

/**
 * `chain/proof.json`: the contiguous run of links from the first link of a sampled record to the
 * last signed root that covers one of them, and those roots. A reader recomputes every link
 * (SM3) up to a root and checks the root's signature with the cluster's public key: a record
 * changed after its day was rooted cannot be made to fit without the private key.
 */
export interface ChainProof {
  readonly format: 'ecogate-chain-proof/v1';
  readonly enterpriseId: string;
  /** The sampled records and the seqs of their links (oldest first). */
  readonly records: readonly {
    readonly table: ChainTable;
    readonly id: string;
    readonly seqs: readonly number[];
  }[];
  readonly links: readonly ProofLink[];
  readonly roots: readonly ProofRoot[];
}

export interface ProofCheck {
  /** What makes the proof fail (an altered link, a root that does not match or verify). */
  readonly failures: string[];
  /** What the proof cannot vouch for yet (links after the last signed root: their day is not closed). */
  readonly unanchored: string[];
  /** Each record's content as its latest link chained it, by id. */
  readonly latestContent: Map<string, string>;
}

const verifyRoot = (enterpriseId: string, root: ProofRoot, publicKeyPem: string): boolean => {
  try {
    const message = rootMessage({ enterpriseId, ...root });
    return verify(null, Buffer.from(message, 'utf8'), publicKeyPem, Buffer.from(root.signature, 'base64'));
  } catch {
    return false;
  }
};

/** Recomputes every link and root of `proof` (pure: no database, no network). */
export function checkChainProof(proof: ChainProof, publicKeyPem: string): ProofCheck {
  const failures: string[] = [];
  const unanchored: string[] = [];
  const bySeq = new Map<number, ProofLink>();
  proof.links.forEach((link, index) => {
    bySeq.set(link.seq, link);
    const previous = proof.links[index - 1];
    if (previous && link.seq !== previous.seq + 1)
      failures.push(`chain link ${link.seq}: follows ${previous.seq} (a link is missing)`);
    if (previous && link.prevHash !== previous.entryHash)
      failures.push(`chain link ${link.seq}: does not point at link ${previous.seq}'s hash`);
    if (link.content !== undefined && sm3Hex(link.content) !== link.contentHash)
      failures.push(`chain link ${link.seq}: its content does not hash to its content hash (SM3)`);
    if (entryHashOf(link.prevHash, link.seq, link.kind, link.contentHash) !== link.entryHash)
      failures.push(`chain link ${link.seq}: its entry hash does not recompute (SM3)`);
  });
  for (const root of proof.roots) {
    const link = bySeq.get(root.lastSeq);
    if (!link) failures.push(`root of ${root.day}: its last link ${root.lastSeq} is not in the proof`);
    else if (link.entryHash !== root.lastHash)
      failures.push(`root of ${root.day}: link ${root.lastSeq} no longer hashes to the signed root`);
    if (!verifyRoot(proof.enterpriseId, root, publicKeyPem))
      failures.push(`root of ${root.day}: its signature does not verify with the cluster's public key`);
  }
  const lastRooted = Math.max(0, ...proof.roots.map((root) => root.lastSeq));
  const latestContent = new Map<string, string>();
  for (const record of proof.records) {
    for (const seq of record.seqs) {
      const link = bySeq.get(seq);
      if (
        !link ||
        link.record?.id !== record.id ||
        link.record.table !== record.table ||
        link.content === undefined
      )
        failures.push(`${record.table}/${record.id}: link ${seq} is not in the proof with its content`);
      else latestContent.set(record.id, link.content);
    }
    const last = record.seqs.at(-1);
    if (last === undefined)
      unanchored.push(`${record.table}/${record.id}: not chained (recorded before the chain began)`);
    else if (last > lastRooted)
      unanchored.push(
        `${record.table}/${record.id}: link ${last} is after the last signed root (its day not yet closed)`,
      );
  }
  return { failures, unanchored, latestContent };
}
