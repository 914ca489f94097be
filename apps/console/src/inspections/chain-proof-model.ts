import { type SampledPassage } from './inspection-model';

export type PassageChainProof = SampledPassage['chainProof'];

/**
 * How a passage's chain proof reads at a glance: `signed` (its links link up to a verified signed
 * root), `unsigned` (they link up; the day is not signed yet), `unchecked` (signed, but the ledger has
 * no key to check the signature with), `broken` (a link or the root fails), `unchained` (recorded
 * before the chain began).
 */
export type ChainProofState = 'signed' | 'unsigned' | 'unchecked' | 'broken' | 'unchained';

export function chainProofState(proof: PassageChainProof): ChainProofState {
  if (proof.entries.length === 0) return 'unchained';
  if (!proof.linked || proof.problems.length > 0 || proof.root?.verified === false) return 'broken';
  if (!proof.root) return 'unsigned';
  return proof.root.verified ? 'signed' : 'unchecked';
}

/** A SHA/SM3 hex cut to its first and last characters: enough to compare by eye. */
export const shortHash = (hash: string): string =>
  hash.length > 12 ? `${hash.slice(0, 8)}…${hash.slice(-4)}` : hash;

/** The hash a person compares: the passage's latest link. */
export const latestHash = (proof: PassageChainProof): string | null => proof.entries.at(-1)?.hash ?? null;

export const CHAIN_STATE_COLOUR: Readonly<Record<ChainProofState, string>> = {
  signed: 'success',
  unsigned: 'processing',
  unchecked: 'warning',
  broken: 'error',
  unchained: 'default',
};
