import { type EnterpriseId, type EntityManager } from '@ecogate/persistence';
import { type ChainKind } from '../chain/chain-maths';
import { type ChainProof, checkChainProof } from '../evidence-pack/chain-proof';
import { chainProofOf } from '../evidence-pack/chain-proof-source';

/**
 * A sampled passage's chain proof as the inspection view shows it: the evidence pack's proof
 * (`chain/proof.json`, built and checked by the same code) reduced to what a person reads.
 */
export interface PassageChainProof {
  /** The passage's own links (created, revised, completed…), oldest first. */
  readonly entries: readonly { readonly seq: number; readonly kind: ChainKind; readonly hash: string }[];
  /** Links recomputed (SM3): from the passage's first link to the root that covers its last (or the chain's head). */
  readonly linksChecked: number;
  /** Every checked link recomputes and points at the one before it (`false` when the passage has no link). */
  readonly linked: boolean;
  /** The signed daily root covering the passage's latest link; `null` while that day is not signed yet. */
  readonly root: {
    readonly day: string;
    readonly lastSeq: number;
    readonly lastHash: string;
    readonly keyId: string;
    /** The root matches the links and its signature verifies; `null`: the ledger has no key to check with. */
    readonly verified: boolean | null;
  } | null;
  /** What fails, as the pack's verifier words it; empty when the proof holds. */
  readonly problems: readonly string[];
}

/** Reduces `proof` (of one passage) to its compact form, checking it with the cluster's public key when given. */
export function compactChainProof(
  proof: ChainProof,
  passageId: string,
  publicKeyPem: string | undefined,
): PassageChainProof {
  const seqs = proof.records.find((record) => record.id === passageId)?.seqs ?? [];
  const own = new Set(seqs);
  const entries = proof.links
    .filter((link) => own.has(link.seq))
    .map((link) => ({ seq: link.seq, kind: link.kind, hash: link.entryHash }));
  const last = seqs.at(-1);
  const closing = proof.roots.at(-1);
  const covering = last !== undefined && closing && closing.lastSeq >= last ? closing : null;
  // Without the roots the check is of the links alone; the roots' own failures are what the full check adds.
  const linkProblems = checkChainProof({ ...proof, roots: [] }, '').failures;
  const rootProblems = publicKeyPem
    ? checkChainProof(proof, publicKeyPem).failures.filter((failure) => !linkProblems.includes(failure))
    : [];
  return {
    entries,
    linksChecked: proof.links.length,
    linked: entries.length > 0 && linkProblems.length === 0,
    root: covering
      ? {
          day: covering.day,
          lastSeq: covering.lastSeq,
          lastHash: covering.lastHash,
          keyId: covering.keyId,
          verified: publicKeyPem ? rootProblems.length === 0 : null,
        }
      : null,
    problems: [...linkProblems, ...rootProblems],
  };
}

/** Each sampled passage's compact proof, by passage id: one proof per passage, so each reaches only its own day's root. */
export async function passageChainProofs(
  manager: EntityManager,
  enterpriseId: EnterpriseId,
  passageIds: readonly string[],
  publicKeyPem: string | undefined,
): Promise<Map<string, PassageChainProof>> {
  const proofs = new Map<string, PassageChainProof>();
  for (const id of passageIds) {
    const proof = await chainProofOf(manager, enterpriseId, [{ table: 'passages', id }]);
    proofs.set(id, compactChainProof(proof, id, publicKeyPem));
  }
  return proofs;
}
